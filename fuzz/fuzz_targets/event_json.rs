//! Any JSON given as a wire event either fails to parse or converts to an event (or a located
//! problem), and a converted event serialises back to JSON that parses to the same event.
#![no_main]

use libfuzzer_sys::fuzz_target;
use snapback_charter::FieldPath;
use snapback_engine::WireEvent;

fuzz_target!(|data: &[u8]| {
    let Ok(wire) = serde_json::from_slice::<WireEvent>(data) else {
        return;
    };
    let Ok(event) = wire.into_event(&FieldPath::root()) else {
        return;
    };
    let json = serde_json::to_vec(&event).expect("an event serialises");
    let again: WireEvent = serde_json::from_slice(&json).expect("its JSON parses");
    let again = again.into_event(&FieldPath::root()).expect("and converts");
    assert_eq!(event, again);
});
