//! The demo's story is the reference scenario, `scenarios/demo.toml` (the one `snapback demo`
//! replays and the golden tests check), played on the demo charter's compressed clock: there is
//! no second copy of any event, so the two cannot drift.
//!
//! The demo charter (`charters/ukraine-demo.toml`) is the reference charter with every duration
//! divided by [`SPEED`] (one hour is 2.5 seconds). From the first claim on, the scenario's time
//! is divided by the same factor, so every deadline, due instant, escalation window, cap period
//! and quiet period means what it means in the scenario. The lead-in (the record before the
//! first claim: restrictions, stock, contracts, aid commitments, exchange rates, paid-in capital,
//! the first disbursements and deliveries; 29 days of the scenario) plays in [`LEAD_IN_S`]
//! seconds instead of 29 minutes. That cut is safe because nothing in it is timed by the
//! charter's durations: no claim, decision or obligation is open before the first claim, and the
//! fund is in peace mode with no activation to count from; what the lead-in's events carry
//! (promised delivery dates, contract validity, the fund's two disbursements in one cap period)
//! is judged by order, and the map keeps every order. A test replays the scenario and the demo
//! side by side and compares every outcome (`equivalence` in `mod.rs`'s tests).
//!
//! Instants inside events (promised dates, validity, `occurred_at`) go through the same map.

use std::sync::OnceLock;

use jiff::{SignedDuration, Timestamp};
use serde_json::{Map, Value};
use snapback_charter::diag::Source;
use snapback_charter::{CharterHistory, load_toml};
use snapback_engine::event::EventKind;
use snapback_engine::{Report, Scenario, parse_scenario, replay};

/// The reference scenario, built in.
pub(crate) const SCENARIO: &str = include_str!("../../../../scenarios/demo.toml");
/// Its charter, built in to learn which of its events the rules refuse.
const REFERENCE_CHARTER: &str = include_str!("../../../../charters/ukraine.toml");

/// How much faster than the scenario the demo charter's clock runs (one hour is 2.5 seconds).
pub(crate) const SPEED: i64 = 1_440;
/// Seconds the lead-in before the first claim takes.
pub(crate) const LEAD_IN_S: i64 = 60;

/// One step: at `offset` from the demo's start, `party` submits `event`. A step the scenario's
/// rules refuse names the refusal's code.
#[derive(Debug, Clone)]
pub(super) struct Step {
    pub(super) offset: SignedDuration,
    pub(super) party: String,
    pub(super) event: Value,
    pub(super) refused: Option<String>,
}

/// Why the built-in story cannot be read: a bug in the build, reported rather than hidden.
#[derive(Debug, Clone, thiserror::Error)]
pub enum StoryError {
    #[error("the built-in scenario: {0}")]
    Scenario(String),
    #[error("the built-in scenario has no claim, so no lead-in to compress")]
    NoClaim,
    #[error("event {index} of the built-in scenario cannot be written as an entry: {why}")]
    Event { index: usize, why: String },
}

/// The scenario and the codes of the events its rules refuse, by index; read once.
struct Parsed {
    scenario: Scenario,
    refused: Vec<Option<String>>,
}

fn parsed() -> Result<&'static Parsed, StoryError> {
    static PARSED: OnceLock<Result<Parsed, StoryError>> = OnceLock::new();
    PARSED
        .get_or_init(|| {
            let scenario = parse_scenario(&Source::new("scenarios/demo.toml", SCENARIO))
                .map_err(|e| StoryError::Scenario(e.to_string()))?;
            let charter = load_toml(&Source::new("charters/ukraine.toml", REFERENCE_CHARTER))
                .map_err(|e| StoryError::Scenario(e.to_string()))?;
            let history = CharterHistory::new(vec![charter])
                .map_err(|e| StoryError::Scenario(e.to_string()))?;
            let state = replay(&history, &scenario.events, scenario.as_of);
            let mut refused = vec![None; scenario.events.len()];
            for r in Report::new(&state).rejected {
                let slot = usize::try_from(r.index)
                    .ok()
                    .and_then(|i| refused.get_mut(i));
                if let Some(slot) = slot {
                    *slot = Some(r.code.to_string());
                }
            }
            Ok(Parsed { scenario, refused })
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// The reference scenario as parsed.
#[cfg(test)]
pub(super) fn scenario() -> Result<&'static Scenario, StoryError> {
    parsed().map(|p| &p.scenario)
}

/// The map from the scenario's time onto the demo's: offsets from the demo's start.
#[derive(Debug, Clone, Copy)]
pub(super) struct TimeMap {
    /// The scenario's first event.
    first: Timestamp,
    /// Its first claim: where the lead-in ends and the charter's speed begins.
    claim: Timestamp,
}

impl TimeMap {
    fn of(scenario: &Scenario) -> Result<Self, StoryError> {
        let first = scenario
            .events
            .iter()
            .map(|e| e.at)
            .min()
            .ok_or(StoryError::NoClaim)?;
        let claim = scenario
            .events
            .iter()
            .filter(|e| matches!(e.kind, EventKind::ClaimFiled(_)))
            .map(|e| e.at)
            .min()
            .ok_or(StoryError::NoClaim)?;
        Ok(Self { first, claim })
    }

    /// The offset from the demo's start at which scenario instant `t` falls. The lead-in is
    /// scaled to [`LEAD_IN_S`] (and so is anything before it); after the first claim, time runs
    /// [`SPEED`] times faster. Monotone, so every order is kept.
    pub(super) fn offset(&self, t: Timestamp) -> SignedDuration {
        let lead = self.claim.duration_since(self.first).as_millis().max(1);
        let since_first = t.duration_since(self.first).as_millis();
        let ms = if t <= self.claim {
            since_first.saturating_mul(i128::from(LEAD_IN_S) * 1_000) / lead
        } else {
            let after = t.duration_since(self.claim).as_millis();
            i128::from(LEAD_IN_S) * 1_000 + after / i128::from(SPEED)
        };
        SignedDuration::from_millis(i64::try_from(ms).unwrap_or(i64::MAX))
    }

    /// The demo instant of scenario instant `t`, for a demo started at `start`.
    pub(super) fn at(&self, start: Timestamp, t: Timestamp) -> Timestamp {
        start.checked_add(self.offset(t)).unwrap_or(start)
    }
}

/// The time map of the built-in scenario.
#[cfg(test)]
pub(super) fn time_map() -> Result<TimeMap, StoryError> {
    TimeMap::of(scenario()?)
}

/// The steps of the story for a demo starting at `start`, in the scenario's order.
pub(super) fn script(start: Timestamp) -> Result<Vec<Step>, StoryError> {
    let parsed = parsed()?;
    let scenario = &parsed.scenario;
    let map = TimeMap::of(scenario)?;
    scenario
        .events
        .iter()
        .enumerate()
        .map(|(index, event)| {
            let mut body =
                snapback_ledger::convert::input_event(event).map_err(|e| StoryError::Event {
                    index,
                    why: e.to_string(),
                })?;
            // Classified evidence written in clear in the scenario: the driver seals it.
            if let Some(c) = scenario.unsealed.get(&index) {
                body.insert("source_kind".into(), Value::from(c.source_kind.clone()));
                body.insert("digest".into(), Value::from(c.digest.clone()));
                body.insert("summary".into(), Value::from(c.summary.clone()));
            }
            map_instants(&mut body, &map, start);
            Ok(Step {
                offset: map.offset(event.at),
                party: event.party.as_str().to_owned(),
                event: Value::Object(body),
                refused: parsed.refused.get(index).cloned().flatten(),
            })
        })
        .collect()
}

/// Every instant written in an event (a string that is an RFC 3339 instant) moved onto the
/// demo's clock.
fn map_instants(body: &mut Map<String, Value>, map: &TimeMap, start: Timestamp) {
    for value in body.values_mut() {
        if let Value::String(text) = value
            && let Ok(t) = text.parse::<Timestamp>()
        {
            *text = map.at(start, t).to_string();
        }
    }
}
