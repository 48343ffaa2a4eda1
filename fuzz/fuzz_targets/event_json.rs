//! Any JSON given as a wire event either fails to parse or converts to an event (or a located
//! problem), and a converted event serialises back to JSON that parses to the same event. A
//! classified evidence event never carries its content: the strict reader refuses content in
//! clear, and the local reader (scenario files) splits it off so the event's JSON has none.
#![no_main]

use libfuzzer_sys::fuzz_target;
use snapback_charter::FieldPath;
use snapback_engine::WireEvent;
use snapback_engine::event::{EventKind, EvidenceForm};

fn assert_sealed_without_content(event: &snapback_engine::Event) {
    if let EventKind::EvidenceSubmitted(e) = &event.kind
        && matches!(e.form, EvidenceForm::Sealed(_))
    {
        let wire = WireEvent::from(event);
        assert!(
            wire.summary.is_none() && wire.digest.is_none() && wire.source_kind.is_none(),
            "a classified event carries content: {wire:?}"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(wire) = serde_json::from_slice::<WireEvent>(data) else {
        return;
    };
    if let Ok((local, _content)) = wire.clone().into_local_event(&FieldPath::root()) {
        assert_sealed_without_content(&local);
    }
    let Ok(event) = wire.into_event(&FieldPath::root()) else {
        return;
    };
    assert_sealed_without_content(&event);
    let json = serde_json::to_vec(&event).expect("an event serialises");
    let again: WireEvent = serde_json::from_slice(&json).expect("its JSON parses");
    let again = again.into_event(&FieldPath::root()).expect("and converts");
    assert_eq!(event, again);
});
