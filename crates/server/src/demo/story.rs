//! The demo's story is the reference scenario, `scenarios/demo.toml` (the one `snapback demo`
//! replays and the golden tests check), played on the demo charter's compressed clock: there is
//! no second copy of any event, so the two cannot drift.
//!
//! The map `f` from the scenario's time onto the demo's ([`TimeMap`]) is the demo charter's
//! compression plus one cut:
//!
//! * Compression. The demo charter (`charters/ukraine-demo.toml`) is the reference charter with
//!   every duration divided by [`SPEED`] (one hour is 2.5 seconds). From the first claim on, the
//!   scenario's time is divided by the same factor, so every claim and decision deadline,
//!   obligation due instant, escalation window, budget-support cap period, surge call and quiet
//!   period means on the demo clock what it means in the scenario. Durations written inside
//!   events (a contract's surge lead time) are divided by the same factor.
//! * The cut: the lead-in, from the scenario's first event to its first claim (29 days: the
//!   restrictions on donated systems, stock, contracts, aid commitments, exchange rates, paid-in
//!   capital, the first disbursements and deliveries), plays in [`LEAD_IN_S`] seconds instead of
//!   29 minutes. It is safe because nothing timed by a duration is pending across or inside it:
//!   no claim is filed before the first claim, so no claim or decision deadline, no activation
//!   and so no obligation, escalation window, surge call, tranche or quiet period (the fund is in
//!   peace mode throughout), and no budget-support disbursement starts a cap period (the lead-in
//!   disburses for reconstruction, which has no cap, and for military production, refused in
//!   peace mode). What does run across it is judged by order alone, and `f` is strictly
//!   increasing, so it keeps every order: an aid commitment is on time if it arrives by its
//!   promised instant (the promise moves with `f`), a contract is valid between its two
//!   instants, an exchange rate holds until the next one, a restriction holds until lifted, a
//!   training cohort is in training until completed. The test `the_cut_spans_nothing_timed`
//!   checks the first claim against every timed span of the scenario's replay, and the drift
//!   test in `mod.rs` compares every outcome of the served demo with the replay's.
//!
//! No later stretch is cut. After the first claim, every stretch of two days or more without an
//! event has something timed running across it: an escalation window (30 days from each
//! activation), an obligation's due instant, a decision or claim deadline, or the fund's quiet
//! period (90 days from the offensive). The longest, 21 days in April, lies inside the escalation
//! windows of the March activations until its last 4.6 days, too little to be worth a second
//! cut. So the demo lasts what the scenario lasts at the charter's speed.
//!
//! Instants inside events (promised dates, validity, `occurred_at`) go through the same map.

use std::sync::OnceLock;

use jiff::{SignedDuration, Timestamp};
use serde_json::{Map, Value};
use snapback_charter::diag::Source;
use snapback_charter::{CharterHistory, Duration, load_toml};
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
/// The fields of an event that hold a duration: each runs on the demo clock like the charter's
/// own durations, divided by [`SPEED`]. (A test checks no other field of the scenario's events
/// reads as a duration.)
pub(super) const DURATION_FIELDS: [&str; 2] = ["surge_lead_time", "decide_within"];

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

/// The demo offset of the scenario's `as_of`, the instant its outcomes are reported at (the
/// last event's if it names none).
pub(super) fn as_of_offset() -> Result<SignedDuration, StoryError> {
    let scenario = scenario()?;
    let last = scenario.events.iter().map(|e| e.at).max();
    let as_of = scenario.as_of.or(last).ok_or(StoryError::NoClaim)?;
    Ok(time_map()?.offset(as_of))
}

/// The time map of the built-in scenario.
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
            for value in body.values_mut() {
                map_instants(value, &map, start);
            }
            scale_durations(&mut body).map_err(|why| StoryError::Event { index, why })?;
            Ok(Step {
                offset: map.offset(event.at),
                party: event.party.as_str().to_owned(),
                event: Value::Object(body),
                refused: parsed.refused.get(index).cloned().flatten(),
            })
        })
        .collect()
}

/// Every instant written in an event (a string that is an RFC 3339 instant, at any depth)
/// moved onto the demo's clock.
fn map_instants(value: &mut Value, map: &TimeMap, start: Timestamp) {
    match value {
        Value::String(text) => {
            if let Ok(t) = text.parse::<Timestamp>() {
                *text = map.at(start, t).to_string();
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| map_instants(v, map, start)),
        Value::Object(fields) => fields
            .values_mut()
            .for_each(|v| map_instants(v, map, start)),
        _ => {}
    }
}

/// Every duration written in an event ([`DURATION_FIELDS`]) divided by [`SPEED`], to the
/// nearest second and at least one, as the demo charter divides its own.
fn scale_durations(body: &mut Map<String, Value>) -> Result<(), String> {
    for key in DURATION_FIELDS {
        if let Some(Value::String(text)) = body.get_mut(key) {
            let scenario: Duration = text.parse().map_err(|e| format!("{key}: {e}"))?;
            let speed = SPEED.unsigned_abs();
            let seconds = (scenario.seconds() + speed / 2) / speed;
            let demo = Duration::from_seconds(seconds.max(1))
                .ok_or_else(|| format!("{key}: {text} cannot be compressed"))?;
            *text = demo.to_string();
        }
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn t0() -> Timestamp {
        "2026-12-01T00:00:00Z".parse().unwrap()
    }

    fn instant(v: &Value) -> Option<Timestamp> {
        v.as_str().and_then(|s| s.parse().ok())
    }

    /// The cut is safe: everything the replay times by a duration (claim and decision deadlines,
    /// obligations' due instants, escalation windows, surge calls, tranches, the quiet period,
    /// budget-support cap periods) lies after the lead-in, and the lead-in holds only events
    /// judged by order. A scenario edit that puts something timed into the lead-in fails here.
    #[test]
    fn the_cut_spans_nothing_timed() {
        let scenario = scenario().unwrap();
        let map = time_map().unwrap();
        let (first, claim) = (map.first, map.claim);
        let charter = load_toml(&Source::new("ukraine.toml", REFERENCE_CHARTER)).unwrap();
        let history = CharterHistory::new(vec![charter.clone()]).unwrap();
        let report = serde_json::to_value(Report::new(&replay(
            &history,
            &scenario.events,
            scenario.as_of,
        )))
        .unwrap();
        let items = |path: &str| -> Vec<Value> {
            report
                .pointer(path)
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_else(|| panic!("{path}"))
        };
        let escalation = charter.escalation.as_ref().unwrap().window;
        let fund = charter.fund.as_ref().unwrap();
        let mut spans: Vec<(String, Timestamp, Timestamp)> = Vec::new();
        let mut span = |what: String, from: Option<Timestamp>, to: Option<Timestamp>| {
            if let (Some(from), Some(to)) = (from, to.or(from)) {
                spans.push((what, from, to));
            }
        };
        for c in items("/claims") {
            span(
                format!("claim {}", c["id"]),
                instant(&c["filed_at"]),
                instant(&c["deadline"]),
            );
        }
        for d in items("/decisions") {
            span(
                format!("decision {}", d["id"]),
                instant(&d["opened_at"]),
                instant(&d["deadline"]),
            );
        }
        for a in items("/activations") {
            let at = instant(&a["at"]);
            span(
                format!("escalation {}", a["id"]),
                at,
                at.map(|t| escalation.after(t)),
            );
        }
        for o in items("/obligations") {
            span(
                format!("obligation {}", o["id"]),
                instant(&o["created_at"]),
                instant(&o["due"]),
            );
        }
        for o in items("/capabilities/obligations") {
            span(
                format!("capability obligation {}", o["id"]),
                instant(&o["due"]),
                None,
            );
        }
        for c in items("/fund/calls") {
            span(
                "surge call".to_owned(),
                instant(&c["at"]),
                instant(&c["due"]),
            );
        }
        for t in items("/fund/tranches") {
            span(
                "tranche".to_owned(),
                instant(&t["reserved_at"]),
                instant(&t["resolved_at"]),
            );
        }
        for m in items("/fund/modes") {
            let at = instant(&m["at"]);
            span(
                "quiet period".to_owned(),
                at,
                at.map(|t| fund.quiet_period.after(t)),
            );
        }
        for e in &scenario.events {
            let body = snapback_ledger::convert::input_event(e).unwrap();
            let purpose = body.get("purpose").and_then(Value::as_str);
            for cap in fund
                .caps
                .iter()
                .filter(|c| Some(c.purpose.as_str()) == purpose)
            {
                span(
                    format!("{} cap", cap.purpose.as_str()),
                    Some(e.at),
                    Some(cap.per.after(e.at)),
                );
            }
        }
        assert!(spans.len() > 50, "{}", spans.len());
        let inside: Vec<_> = spans
            .iter()
            .filter(|(_, from, to)| *from < claim && *to > first)
            .collect();
        assert!(inside.is_empty(), "timed spans across the cut: {inside:?}");

        // What the lead-in holds: only events judged by order (see the module's doc).
        const BY_ORDER: [&str; 11] = [
            "restriction.imposed",
            "stockpile.stocked",
            "contract.registered",
            "aid.committed",
            "aid.shipped",
            "aid.received",
            "fund.fx_rate",
            "fund.pledged",
            "fund.paid_in",
            "fund.disbursed",
            "training.cohort_started",
        ];
        for e in scenario.events.iter().filter(|e| e.at < claim) {
            assert!(
                BY_ORDER.contains(&e.kind.type_name()),
                "{} in the lead-in",
                e.kind.type_name()
            );
        }
    }

    fn nested_strings(value: &Value) -> Vec<&str> {
        match value {
            Value::String(text) => vec![text.as_str()],
            Value::Array(items) => items.iter().flat_map(nested_strings).collect(),
            Value::Object(fields) => fields.values().flat_map(nested_strings).collect(),
            _ => Vec::new(),
        }
    }

    /// Every instant of every event moves with `f` (at any depth), every duration is divided by
    /// the charter's factor, and no other field reads as a duration.
    #[test]
    fn instants_and_durations_inside_events_move_with_the_story() {
        let scenario = scenario().unwrap();
        let map = time_map().unwrap();
        let steps = script(t0()).unwrap();
        let (mut instants, mut durations) = (0, 0);
        for (s, e) in steps.iter().zip(&scenario.events) {
            let original = snapback_ledger::convert::input_event(e).unwrap();
            for (key, value) in &original {
                let moved = &s.event[key.as_str()];
                if let Some(t) = instant(value) {
                    assert_eq!(instant(moved), Some(map.at(t0(), t)), "{key}");
                    instants += 1;
                } else if let Some(d) = value.as_str().and_then(|v| v.parse::<Duration>().ok()) {
                    assert!(
                        DURATION_FIELDS.contains(&key.as_str()),
                        "{key} reads as a duration"
                    );
                    let demo: Duration = moved.as_str().unwrap().parse().unwrap();
                    assert_eq!(demo.seconds() * SPEED.unsigned_abs(), d.seconds(), "{key}");
                    durations += 1;
                } else if !matches!(key.as_str(), "source_kind" | "digest" | "summary") {
                    // Lists and tables (the parties a lot may be released to) hold no time.
                    assert!(
                        nested_strings(value).iter().all(|t| {
                            t.parse::<Timestamp>().is_err() && t.parse::<Duration>().is_err()
                        }),
                        "{key}"
                    );
                    assert_eq!(moved, value, "{key}");
                }
            }
        }
        // Promises, validity, incidents; the contracts' surge lead times.
        assert!(instants >= 15, "{instants}");
        assert_eq!(durations, 5);
    }
}
