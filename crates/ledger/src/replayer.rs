//! Replaying a log: the engine re-derives every conclusion from the input entries alone, and each
//! derived entry in the log must be exactly the next conclusion, at the same instant, in the same
//! order. This is how `snapback verify` proves automaticity, and how the ledger rebuilds its
//! state when it opens a store.
//!
//! Why this works without knowing when the log's writer advanced its clock: the writer fires
//! deadlines in time order, and every derived entry carries the instant it became true. So when
//! the replay meets a derived entry it has not produced yet, it advances to that entry's instant,
//! which fires exactly the deadlines the writer had fired by then.

use std::collections::VecDeque;

use jiff::Timestamp;
use snapback_charter::CharterHistory;
use snapback_engine::{Derived, Engine, Event, Judgement, Sink, State};
use snapback_log::canonical::canonical_of;
use snapback_log::entry::{Entry, EntryKind};

use crate::convert::{ConvertError, entry_time, to_derived, to_event};

/// The first way a log departs from what the charter requires.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Discrepancy {
    #[error("entry {index}: {reason}")]
    Unreadable { index: u64, reason: String },
    #[error(
        "entry {index} is dated {at}, before the previous entry ({previous}): time went backwards"
    )]
    TimeWentBack {
        index: u64,
        at: Timestamp,
        previous: Timestamp,
    },
    #[error("entry {index} ({kind}) is an event the rules reject: {reason}")]
    RejectedInput {
        index: u64,
        kind: String,
        reason: String,
    },
    #[error(
        "before entry {index}, the charter requires the derived entry {expected}, which the log lacks"
    )]
    MissingDerived { index: u64, expected: String },
    #[error("entry {index} is the derived entry {found}, but the charter requires {expected}")]
    WrongDerived {
        index: u64,
        expected: String,
        found: String,
    },
    #[error("entry {index} is the derived entry {found}, which the charter does not require")]
    UnexpectedDerived { index: u64, found: String },
    #[error(
        "the log ends without the derived entries the charter requires, starting with {expected}"
    )]
    MissingAtEnd { expected: String },
}

impl Discrepancy {
    /// The index of the first entry that differs (or the log's size, if entries are missing at the end).
    pub fn index(&self, size: u64) -> u64 {
        match self {
            Discrepancy::Unreadable { index, .. }
            | Discrepancy::TimeWentBack { index, .. }
            | Discrepancy::RejectedInput { index, .. }
            | Discrepancy::MissingDerived { index, .. }
            | Discrepancy::WrongDerived { index, .. }
            | Discrepancy::UnexpectedDerived { index, .. } => *index,
            Discrepancy::MissingAtEnd { .. } => size,
        }
    }
}

/// A one-line description of a derived event: `claim.determined at 2026-...: {...}`.
pub fn describe(d: &Derived) -> String {
    let json = canonical_of(&d.kind)
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    format!("{} at {}: {json}", d.kind.type_name(), d.at)
}

/// Splits the engine's output around one input: deadlines before it, its judgement, consequences.
#[derive(Default)]
pub(crate) struct Collector {
    pub before: Vec<Derived>,
    pub judgement: Option<Judgement>,
    pub after: Vec<Derived>,
}

impl Sink for Collector {
    fn input(&mut self, _index: u64, _event: &Event, judgement: &Judgement) {
        self.judgement = Some(judgement.clone());
    }

    fn derived(&mut self, d: &Derived) {
        if self.judgement.is_none() {
            self.before.push(d.clone());
        } else {
            self.after.push(d.clone());
        }
    }
}

/// Collects derived events from `advance`.
#[derive(Default)]
struct Derivations(Vec<Derived>);

impl Sink for Derivations {
    fn input(&mut self, _index: u64, _event: &Event, _judgement: &Judgement) {}
    fn derived(&mut self, d: &Derived) {
        self.0.push(d.clone());
    }
}

/// The engine and the full state, rebuilt entry by entry.
pub struct Replayer {
    pub engine: Engine,
    pub state: State,
    expected: VecDeque<Derived>,
    last_at: Option<Timestamp>,
}

impl std::fmt::Debug for Replayer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Replayer")
            .field("expected", &self.expected.len())
            .finish_non_exhaustive()
    }
}

fn unreadable(index: u64, e: ConvertError) -> Discrepancy {
    Discrepancy::Unreadable {
        index,
        reason: e.to_string(),
    }
}

impl Replayer {
    pub fn new(history: &CharterHistory) -> Self {
        Self {
            engine: Engine::for_log(history.clone()),
            state: State::new(history.clone()),
            expected: VecDeque::new(),
            last_at: None,
        }
    }

    /// Goes on from an engine and state that a replay (or a ledger) built from a whole log:
    /// the next entry fed is the one after it.
    pub fn resume(engine: Engine, state: State) -> Self {
        Self {
            last_at: state.as_of,
            engine,
            state,
            expected: VecDeque::new(),
        }
    }

    /// Feeds the log's entry at `index`.
    pub fn feed(&mut self, index: u64, entry: &Entry) -> Result<(), Discrepancy> {
        let at = entry_time(&entry.at).map_err(|e| unreadable(index, e))?;
        if let Some(previous) = self.last_at
            && at < previous
        {
            return Err(Discrepancy::TimeWentBack {
                index,
                at,
                previous,
            });
        }
        self.last_at = Some(at);
        match entry.body.kind {
            EntryKind::Input => self.feed_input(index, entry, at),
            EntryKind::Derived => self.feed_derived(index, entry, at),
        }
    }

    fn feed_input(&mut self, index: u64, entry: &Entry, at: Timestamp) -> Result<(), Discrepancy> {
        if let Some(expected) = self.expected.front() {
            return Err(Discrepancy::MissingDerived {
                index,
                expected: describe(expected),
            });
        }
        let event = to_event(&entry.body, at).map_err(|e| unreadable(index, e))?;
        let mut out = Collector::default();
        self.engine.apply(index, &event, &mut out);
        if let Some(expected) = out.before.first() {
            return Err(Discrepancy::MissingDerived {
                index,
                expected: describe(expected),
            });
        }
        match out.judgement {
            Some(Ok(accepted)) => {
                self.state.input(index, &event, &Ok(accepted));
                self.expected.extend(out.after);
                Ok(())
            }
            Some(Err(reason)) => Err(Discrepancy::RejectedInput {
                index,
                kind: event.kind.type_name().to_owned(),
                reason: reason.to_string(),
            }),
            None => Err(Discrepancy::Unreadable {
                index,
                reason: "the engine gave no judgement".to_owned(),
            }),
        }
    }

    fn feed_derived(
        &mut self,
        index: u64,
        entry: &Entry,
        at: Timestamp,
    ) -> Result<(), Discrepancy> {
        let found = to_derived(&entry.body, at).map_err(|e| unreadable(index, e))?;
        if self.expected.is_empty() {
            // A deadline the writer fired: advance to its instant.
            let mut fired = Derivations::default();
            if self.engine.advance(at, &mut fired).is_err() {
                return Err(Discrepancy::UnexpectedDerived {
                    index,
                    found: describe(&found),
                });
            }
            self.expected.extend(fired.0);
        }
        let Some(expected) = self.expected.pop_front() else {
            return Err(Discrepancy::UnexpectedDerived {
                index,
                found: describe(&found),
            });
        };
        if expected != found {
            return Err(Discrepancy::WrongDerived {
                index,
                expected: describe(&expected),
                found: describe(&found),
            });
        }
        self.state.derived(&found);
        Ok(())
    }

    /// Ends the replay: every conclusion the charter required must be in the log.
    pub fn finish(self) -> Result<(Engine, State), Discrepancy> {
        if let Some(expected) = self.expected.front() {
            return Err(Discrepancy::MissingAtEnd {
                expected: describe(expected),
            });
        }
        let mut state = self.state;
        state.as_of = self.last_at;
        Ok((self.engine, state))
    }

    /// Whether every conclusion so far has been matched (the replay is between entries).
    pub fn is_settled(&self) -> bool {
        self.expected.is_empty()
    }

    /// The record so far, as of the latest entry fed (a follower's view between entries).
    pub fn state(&self) -> &State {
        &self.state
    }

    /// The engine so far.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Dates the record at the latest entry fed, as [`finish`](Self::finish) does, without
    /// ending the replay (a follower calls this after each batch it applies).
    pub fn mark_as_of(&mut self) {
        self.state.as_of = self.last_at;
    }
}
