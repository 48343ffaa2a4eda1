//! Replaying a list of events: the engine plus the full-state projection, advanced to `as_of`.

use jiff::Timestamp;
use snapback_charter::CharterHistory;

use crate::derived::Derived;
use crate::engine::{Engine, Judgement, Sink};
use crate::event::Event;
use crate::state::State;

/// Feeds both the state and a caller's sink (to see derived events as they happen).
struct Tee<'a, S: Sink> {
    state: &'a mut State,
    extra: &'a mut S,
}

impl<S: Sink> Sink for Tee<'_, S> {
    fn input(&mut self, index: u64, event: &Event, judgement: &Judgement) {
        self.state.input(index, event, judgement);
        self.extra.input(index, event, judgement);
    }

    fn derived(&mut self, derived: &Derived) {
        self.state.derived(derived);
        self.extra.derived(derived);
    }
}

/// The instant a replay stops at: `as_of` if given, else the latest event's time, else the
/// charter's first effective instant.
pub fn replay_end(
    history: &CharterHistory,
    events: &[Event],
    as_of: Option<Timestamp>,
) -> Timestamp {
    as_of
        .or_else(|| events.iter().map(|e| e.at).max())
        .unwrap_or_else(|| history.first_effective())
}

/// Replays `events` (those dated after `as_of` are left out) and advances to `as_of`.
/// `extra` sees every input judgement and derived event, in order.
pub fn replay_with(
    history: &CharterHistory,
    events: &[Event],
    as_of: Option<Timestamp>,
    extra: &mut impl Sink,
) -> State {
    let end = replay_end(history, events, as_of);
    let mut engine = Engine::new(history.clone());
    let mut state = State::new(history.clone());
    let mut tee = Tee {
        state: &mut state,
        extra,
    };
    for (index, event) in events.iter().enumerate() {
        if event.at <= end {
            engine.apply(index as u64, event, &mut tee);
        }
    }
    // Cannot fail: only events at or before `end` were applied.
    let _ = engine.advance(end, &mut tee);
    state.as_of = Some(end);
    state
}

/// Replays `events` and returns the full state as of `as_of` (or the latest event).
pub fn replay(history: &CharterHistory, events: &[Event], as_of: Option<Timestamp>) -> State {
    replay_with(
        history,
        events,
        as_of,
        &mut crate::engine::CountingSink::default(),
    )
}
