//! Any text given to the scenario parser yields events or located errors; parsed events replay
//! on the reference charter without panicking.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use snapback_charter::{CharterHistory, Source, load_toml};
use snapback_engine::{parse_scenario, replay};

fn history() -> &'static Option<CharterHistory> {
    static HISTORY: OnceLock<Option<CharterHistory>> = OnceLock::new();
    HISTORY.get_or_init(|| {
        let text = include_str!("../../charters/ukraine.toml");
        load_toml(&Source::new("ukraine.toml", text))
            .ok()
            .map(CharterHistory::single)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(scenario) = parse_scenario(&Source::new("fuzz.toml", text)) else {
        return;
    };
    if let Some(history) = history() {
        let state = replay(history, &scenario.events, scenario.as_of);
        let _ = snapback_engine::Report::new(&state);
    }
});
