//! What the property tests share: their configuration, and a replay advanced just before chosen
//! events (to check that batching time changes nothing).

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::{SignedDuration, Timestamp};
use proptest::test_runner::Config as ProptestConfig;
use snapback_charter::CharterHistory;
use snapback_engine::{Engine, Event, Report, State};

/// `PROPTEST_CASES` cases, or `default`; counterexamples are printed, nothing is written into
/// the source tree.
pub fn config(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// The report (JSON) of `events` replayed to `end` with the engine advanced to just before
/// each event `cut` picks.
pub fn stepped_report(
    history: &CharterHistory,
    events: &[Event],
    end: Timestamp,
    cut: impl Fn(usize) -> bool,
) -> String {
    let mut engine = Engine::new(history.clone());
    let mut state = State::new(history.clone());
    for (i, e) in events.iter().enumerate() {
        if cut(i) {
            let before = e.at.checked_sub(SignedDuration::from_secs(1)).unwrap();
            if engine.earliest_next().is_none_or(|n| before >= n) {
                engine.advance(before, &mut state).unwrap();
            }
        }
        engine.apply(i as u64, e, &mut state);
    }
    engine.advance(end, &mut state).unwrap();
    state.as_of = Some(end);
    serde_json::to_string(&Report::new(&state)).unwrap()
}
