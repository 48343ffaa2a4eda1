//! The capability record a sweep starts from (`[simulation] record`): the stock, standing
//! contracts, commitments and restrictions of a scenario file, as they stand at the start.
//!
//! Only the scenario's capability-tracker events dated before the start are used: the
//! simulation makes its own claims, votes and activations. Each variant's engine judges the
//! record like any other input, so an event its charter refuses (a party it does not have, say)
//! is an error naming the event, never a silent gap in the stock.

use jiff::Timestamp;
use snapback_charter::diag::{Diagnostics, Source};
use snapback_engine::{Derived, Engine, Event, EventKind, Judgement, Rejection, Sink};

/// Why the record could not be used.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    #[error("the capability record {origin} is not a valid scenario:\n{diagnostics}")]
    Invalid {
        origin: String,
        diagnostics: Diagnostics,
    },
    #[error(
        "the capability record {origin}: event {number} (`{kind}` at {at}) is refused under variant `{variant}`'s charter: {reason}"
    )]
    Refused {
        origin: String,
        variant: String,
        /// The event's number in the file, from 1.
        number: usize,
        kind: &'static str,
        at: Timestamp,
        reason: Box<Rejection>,
    },
    #[error(
        "[simulation] record names `{named}`, but the caller gave no record to read; pass the file's text"
    )]
    NotGiven { named: String },
}

/// The record's capability events before `start`, with their numbers in the file (from 1).
#[derive(Debug, Clone, Default)]
pub struct Record {
    origin: String,
    events: Vec<(usize, Event)>,
}

impl Record {
    /// Reads the scenario `source` and keeps its capability events dated before `start`.
    pub fn read(source: &Source, start: Timestamp) -> Result<Record, RecordError> {
        let scenario = snapback_engine::parse_scenario(source).map_err(|diagnostics| {
            RecordError::Invalid {
                origin: source.origin.clone(),
                diagnostics,
            }
        })?;
        let events = scenario
            .events
            .into_iter()
            .enumerate()
            .filter(|(_, e)| matches!(e.kind, EventKind::Capability(_)) && e.at < start)
            .map(|(i, e)| (i + 1, e))
            .collect();
        Ok(Record {
            origin: source.origin.clone(),
            events,
        })
    }

    /// The events the record applies, in order.
    pub fn events(&self) -> impl Iterator<Item = &Event> {
        self.events.iter().map(|(_, e)| e)
    }

    /// How many events the record applies.
    pub fn len(&self) -> usize {
        self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// `engine` with the record applied; the first event it refuses is an error.
    pub fn apply(&self, mut engine: Engine, variant: &str) -> Result<Engine, RecordError> {
        for (number, event) in &self.events {
            let mut verdict = Verdict(None);
            engine.apply(*number as u64, event, &mut verdict);
            if let Some(reason) = verdict.0 {
                return Err(RecordError::Refused {
                    origin: self.origin.clone(),
                    variant: variant.to_owned(),
                    number: *number,
                    kind: event.kind.type_name(),
                    at: event.at,
                    reason: Box::new(reason),
                });
            }
        }
        Ok(engine)
    }
}

/// Keeps the rejection of the one event applied, if it was rejected.
struct Verdict(Option<Rejection>);

impl Sink for Verdict {
    fn input(&mut self, _index: u64, _event: &Event, judgement: &Judgement) {
        if let Err(r) = judgement {
            self.0 = Some(r.clone());
        }
    }

    fn derived(&mut self, _derived: &Derived) {}
}
