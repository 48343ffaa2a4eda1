//! The demo driver of `snapback serve --demo`: it plays the reference scenario
//! (`scenarios/demo.toml`, see [`story`]) on the server's clock, each event signed with its
//! party's demo key and submitted like any other, so a visitor watches claims filed, their
//! countdowns, the votes, the snapback activating under the flipped burden, the EU leg adopted by
//! qualified majority, salami-slicing escalation, the fund switching to conflict mode and calling
//! its surge, obligations appearing and being met, and the capability tracker's record. The
//! events the scenario's rules refuse are refused here too, and logged as expected.
//!
//! The first claim is filed one minute after the start and activates 20 seconds later; how long
//! the whole story takes is read off it ([`timing`]), never written by hand (see [`story`] for
//! the time map and its one cut). Steps are timed on the server's clock, so tests
//! run the script on a manual clock and compare the outcome with the scenario's replay.
//! Illustrative events only: no real incident is described.

use std::collections::BTreeMap;

use jiff::SignedDuration;
use serde_json::{Map, Value};
use snapback_ledger::{Outcome, Submission};
use snapback_log::entry::{EntryBody, EntryKind, random_nonce};
use snapback_log::keys::SignerKey;
use tokio::sync::watch;

use crate::state::AppState;

mod story;
mod timing;

pub use story::StoryError;
use story::{Step, script};
pub use timing::{Timing, timing};

/// What became of one step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepOutcome {
    Appended,
    /// The same signed body was already in the log.
    Duplicate,
    /// Refused by the log or the rules, with the refusal's code.
    Refused(String),
    /// Not submitted: no key, could not sign, or the node is gone.
    Failed(String),
}

/// One step's party, event type, outcome, and the refusal the scenario's rules give it, if any.
#[derive(Debug, Clone)]
pub struct StepReport {
    pub party: String,
    pub kind: String,
    pub outcome: StepOutcome,
    pub expected_refusal: Option<String>,
}

/// Runs the script, then returns what became of each step. Each event is signed with its
/// party's key and submitted like any delegation's, at its time on the server's clock; refusals
/// the scenario expects are logged at info, anything else unexpected as a warning.
pub async fn drive(
    app: AppState,
    keys: BTreeMap<String, SignerKey>,
    shutdown: watch::Receiver<bool>,
) -> Result<Vec<StepReport>, StoryError> {
    let start = app.clock().now();
    run(app, keys, shutdown, start, None).await
}

/// [`drive`] from `start` on the server's clock, telling `progress` how many steps are done
/// after each one.
async fn run(
    app: AppState,
    keys: BTreeMap<String, SignerKey>,
    mut shutdown: watch::Receiver<bool>,
    start: jiff::Timestamp,
    progress: Option<watch::Sender<usize>>,
) -> Result<Vec<StepReport>, StoryError> {
    let clock = std::sync::Arc::clone(app.clock());
    let steps = script(start)?;
    tracing::info!(steps = steps.len(), "demo: {}", timing()?.announcement());
    let mut reports = Vec::new();
    let mut previous = start;
    for s in steps {
        let at = start.checked_add(s.offset).unwrap_or(start);
        if at.duration_since(previous) > SignedDuration::from_secs(60) {
            tracing::info!(
                party = %s.party,
                seconds = at.duration_since(previous).as_secs(),
                "demo: the next step comes after a long wait"
            );
        }
        previous = at;
        while clock.now() < at {
            tokio::select! {
                _ = clock.sleep_until(at) => {}
                _ = shutdown.changed() => return Ok(reports),
            }
        }
        let kind = s
            .event
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or("?")
            .to_owned();
        let outcome = submit(&app, &keys, &s).await;
        match &outcome {
            StepOutcome::Appended | StepOutcome::Duplicate => {
                tracing::info!(party = %s.party, event = %kind, outcome = ?outcome, "demo");
            }
            StepOutcome::Refused(code) if s.refused.as_deref() == Some(code.as_str()) => {
                tracing::info!(party = %s.party, event = %kind, code = %code, "demo: refused, as the scenario shows");
            }
            other => tracing::warn!(party = %s.party, event = %kind, outcome = ?other, "demo"),
        }
        reports.push(StepReport {
            party: s.party,
            kind,
            outcome,
            expected_refusal: s.refused,
        });
        if let Some(p) = &progress {
            p.send_replace(reports.len());
        }
    }
    tracing::info!("demo: the script has finished; the server keeps running");
    Ok(reports)
}

/// Signs one step with its party's key and submits it.
async fn submit(app: &AppState, keys: &BTreeMap<String, SignerKey>, s: &Step) -> StepOutcome {
    let Some(key) = keys.get(&s.party) else {
        return StepOutcome::Failed(format!("no key for {}", s.party));
    };
    let Value::Object(event) = &s.event else {
        return StepOutcome::Failed("the event is not an object".to_owned());
    };
    let mut event: Map<String, Value> = event.clone();
    // Classified evidence is sealed: only its commitment is signed and logged; the content goes
    // to the evidence store beside the entry.
    let sealed = match snapback_ledger::convert::seal_event(&mut event) {
        Ok(s) => s,
        Err(e) => return StepOutcome::Failed(e.to_string()),
    };
    let submission = random_nonce()
        .map_err(|e| e.to_string())
        .and_then(|nonce| {
            EntryBody::new(EntryKind::Input, key, nonce, event).map_err(|e| e.to_string())
        })
        .and_then(|body| Submission::sign(body, key).map_err(|e| e.to_string()))
        .map(|s| s.with_sealed(sealed));
    let submission = match submission {
        Ok(s) => s,
        Err(e) => return StepOutcome::Failed(format!("cannot sign: {e}")),
    };
    let prepared = app.keyring().prepare(&submission, app.clock().now());
    match app.node().submit(submission, prepared).await {
        Ok(done) => match done.outcome {
            Outcome::Appended { .. } => StepOutcome::Appended,
            Outcome::Duplicate { .. } => StepOutcome::Duplicate,
            Outcome::Rejected(reason) => StepOutcome::Refused(reason.code().to_owned()),
        },
        Err(p) => StepOutcome::Failed(p.detail),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use std::sync::Arc;
    use std::time::Duration;

    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use http_body_util::BodyExt as _;
    use jiff::Timestamp;
    use snapback_charter::{CharterHistory, Source, load_toml};
    use snapback_engine::Report;
    use snapback_ledger::Ledger;
    use snapback_log::keys::Alg;
    use snapback_store::{SqliteStore, Store};
    use tower::ServiceExt as _;

    use super::story::{SPEED, as_of_offset, scenario, time_map};
    use super::*;
    use crate::app::{app, start};
    use crate::clock::ManualClock;

    const DEMO: &str = include_str!("../../../../charters/ukraine-demo.toml");
    const REFERENCE: &str = include_str!("../../../../charters/ukraine.toml");
    const LOG: &str = "demo.test";

    /// The demo charter with a key for every party and a `[log]` table, as `init --demo-keys`
    /// writes it.
    fn demo_charter(keys: &BTreeMap<String, SignerKey>, log: &SignerKey) -> String {
        let mut text = DEMO.to_owned();
        for (id, key) in keys {
            let party = format!("[[party]]\nid = \"{id}\"\n");
            assert!(text.contains(&party), "{id}");
            text = text.replacen(
                &party,
                &format!("{party}keys = [\"{}\"]\n", key.verifier()),
                1,
            );
        }
        text.push_str(&format!(
            "\n[log]\norigin = \"{LOG}\"\nkey = \"{}\"\n",
            log.verifier()
        ));
        text
    }

    fn t0() -> Timestamp {
        "2026-12-01T00:00:00Z".parse().unwrap()
    }

    /// A fresh directory under the system's temp dir, removed when dropped (also when the test
    /// fails), so the test leaves nothing behind.
    struct TempDir(std::path::PathBuf);

    impl TempDir {
        fn new() -> Self {
            let dir = std::env::temp_dir().join(format!(
                "snapback-demo-test-{}-{}",
                std::process::id(),
                Timestamp::now().as_nanosecond()
            ));
            std::fs::create_dir_all(&dir).unwrap();
            Self(dir)
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn the_story_is_the_reference_scenario_on_the_demo_clock() {
        let scenario = scenario().unwrap();
        let steps = script(t0()).unwrap();
        // Every event of the scenario, in its order, by its party: nothing added, nothing left.
        assert_eq!(steps.len(), scenario.events.len());
        for (s, e) in steps.iter().zip(&scenario.events) {
            assert_eq!(s.party, e.party.as_str());
        }
        assert!(steps.windows(2).all(|w| w[0].offset <= w[1].offset));
        // The refusals are the scenario's own, as its replay reports them.
        let charter = load_toml(&Source::new("ukraine.toml", REFERENCE)).unwrap();
        let history = CharterHistory::new(vec![charter]).unwrap();
        let reference = Report::new(&snapback_engine::replay(
            &history,
            &scenario.events,
            scenario.as_of,
        ));
        let refused: Vec<(usize, String)> = steps
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.refused.clone().map(|c| (i, c)))
            .collect();
        let expected: Vec<(usize, String)> = reference
            .rejected
            .iter()
            .map(|r| (usize::try_from(r.index).unwrap(), r.code.to_owned()))
            .collect();
        assert_eq!(refused, expected);
        assert!(!refused.is_empty());
        // The lead-in takes a minute; then the charter's speed (48 hours in 2 minutes).
        let map = time_map().unwrap();
        let first_claim = scenario
            .events
            .iter()
            .position(|e| matches!(e.kind, snapback_engine::event::EventKind::ClaimFiled(_)))
            .unwrap();
        assert_eq!(steps[first_claim].offset, SignedDuration::from_secs(60));
        let claim_at = scenario.events[first_claim].at;
        let two_days = claim_at
            .checked_add(SignedDuration::from_hours(48))
            .unwrap();
        assert_eq!(
            map.offset(two_days) - map.offset(claim_at),
            SignedDuration::from_secs(48 * 3600 / SPEED)
        );
        // The whole story: about 100 minutes.
        let last = steps.last().unwrap().offset;
        assert!(
            (SignedDuration::from_mins(95)..SignedDuration::from_mins(105)).contains(&last),
            "{last:?}"
        );
        // And the scenario's reporting instant (`as_of`, five days after its last event).
        let as_of = as_of_offset().unwrap();
        assert!(
            (SignedDuration::from_mins(105)..SignedDuration::from_mins(107)).contains(&as_of),
            "{as_of:?}"
        );
        // Instants inside events move with the story (a contract's validity, a promise).
        let moved = steps
            .iter()
            .filter_map(|s| s.event.get("promised").and_then(Value::as_str))
            .map(|t| t.parse::<Timestamp>().unwrap())
            .collect::<Vec<_>>();
        assert!(!moved.is_empty());
        assert!(moved.iter().all(|t| *t > t0()), "{moved:?}");
    }

    /// Everything but time: instants (which the demo compresses), durations (charter
    /// durations the report repeats, such as a location's transit, and a contract's surge lead
    /// time: written in seconds, and on the served side multiplied back by `speed`),
    /// explanations (which quote instants), sealed evidence's commitments (a fresh random salt
    /// per sealing), the charter's own identity, and what the engine measures against a fixed
    /// calendar month or day rather than a charter duration, which the compressed clock cannot
    /// keep (the engine's 30-day month and 86,400-second day are constants, not the charter's):
    /// training cohorts started in the last 30 days and utilisation, whole days late, and what
    /// standing contracts produce (their capacity is per 30-day month, so on the demo clock they
    /// make almost nothing before an obligation falls due: their call-offs and the readiness of
    /// each demand, of which only the demand itself is compared; the stock drawdown is the same).
    fn outcome(value: &Value, speed: u64) -> Value {
        const TIME: [&str; 12] = [
            "called_off",
            "from_contracts",
            "explanation",
            "reason",
            "commitment",
            "charter",
            "charter_version",
            "started_last_30d",
            "utilisation_percent",
            "days_late",
            "days_late_total",
            "days_late_max",
        ];
        const DURATIONS: [&str; 2] = ["transit", "surge_lead_time"];
        match value {
            Value::Object(map) => Value::Object(
                map.iter()
                    .filter(|(k, _)| !TIME.contains(&k.as_str()))
                    .map(|(k, v)| {
                        let seconds = v
                            .as_str()
                            .and_then(|t| t.parse::<snapback_charter::Duration>().ok())
                            .filter(|_| DURATIONS.contains(&k.as_str()));
                        let v = match seconds {
                            Some(d) => Value::from(d.seconds() * speed),
                            None => outcome(v, speed),
                        };
                        (k.clone(), v)
                    })
                    .collect(),
            ),
            Value::Array(items) => Value::Array(items.iter().map(|v| outcome(v, speed)).collect()),
            Value::String(text) if text.parse::<Timestamp>().is_ok() => {
                Value::String("<instant>".to_owned())
            }
            other => other.clone(),
        }
    }

    /// Of the readiness of each demand, the demand itself: what is ready by when follows what
    /// standing contracts produce per 30-day month (see [`outcome`]).
    fn demands(report: &mut Value) {
        let readiness = &mut report["capabilities"]["readiness"];
        let demands: Vec<Value> = readiness["demands"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                let keep = ["package", "obligation", "item", "quantity"];
                Value::Object(
                    keep.iter()
                        .map(|k| ((*k).to_owned(), d[*k].clone()))
                        .collect(),
                )
            })
            .collect();
        assert!(!demands.is_empty());
        *readiness = serde_json::json!({ "demands": demands });
    }

    /// Where `a` and `b` differ, as JSON paths with both values.
    fn differ(a: &Value, b: &Value, path: &str, out: &mut Vec<String>) {
        match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                for key in x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))) {
                    let (u, v) = (x.get(key), y.get(key));
                    differ(
                        u.unwrap_or(&Value::Null),
                        v.unwrap_or(&Value::Null),
                        &format!("{path}.{key}"),
                        out,
                    );
                }
            }
            (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
                for (i, (u, v)) in x.iter().zip(y).enumerate() {
                    differ(u, v, &format!("{path}[{i}]"), out);
                }
            }
            (Value::Array(x), Value::Array(y)) => {
                let ids = |v: &Vec<Value>| -> Vec<String> {
                    v.iter().map(|i| i["id"].to_string()).collect()
                };
                out.push(format!(
                    "{path}: served {} items {:?}, scenario {} items {:?}",
                    x.len(),
                    ids(x),
                    y.len(),
                    ids(y)
                ));
            }
            _ if a != b => out.push(format!("{path}: served {a}, scenario {b}")),
            _ => {}
        }
    }

    /// The drift test: the served demo, on the demo charter and the demo clock, ends with the
    /// outcomes the scenario's replay gives on the reference charter: every claim, decision,
    /// activation, obligation, the fund's books, modes, calls and tranches, and the capability
    /// tracker's stock, contracts, deliveries and restrictions.
    #[tokio::test]
    async fn the_served_demo_ends_with_the_scenarios_outcomes() {
        let ids: Vec<String> = load_toml(&Source::new("demo.toml", DEMO.to_owned()))
            .unwrap_or_else(|e| panic!("{e}"))
            .parties
            .iter()
            .map(|p| p.id.to_string())
            .collect();
        let keys: BTreeMap<String, SignerKey> = ids
            .iter()
            .zip(1u8..)
            .map(|(id, seed)| {
                (
                    id.clone(),
                    SignerKey::from_seed(id, Alg::Ed25519, &[seed; 32]).unwrap(),
                )
            })
            .collect();
        let log = SignerKey::from_seed(LOG, Alg::Ed25519, &[250; 32]).unwrap();
        let charter = load_toml(&Source::new("demo.toml", demo_charter(&keys, &log)))
            .unwrap_or_else(|e| panic!("{e}"));
        let history = CharterHistory::new(vec![charter]).unwrap();
        let temp = TempDir::new();
        let dir = &temp.0;
        let store: Box<dyn Store> = Box::new(SqliteStore::open(&dir.join("log.sqlite")).unwrap());
        let ledger = Ledger::open(store, history.clone(), keys["SEC"].clone(), log).unwrap();
        let start_at = t0();
        let clock = ManualClock::new(start_at);
        let running = start(ledger, Arc::new(clock.clone())).unwrap();
        let state = running.state.clone();

        // The driver waits on the manual clock; the test moves it to each step's instant and
        // waits for the step to be done.
        let (tx, mut rx) = watch::channel(0usize);
        let driver = tokio::spawn(run(
            state.clone(),
            keys,
            state.shutdown(),
            start_at,
            Some(tx),
        ));
        let steps = script(start_at).unwrap();
        for (i, s) in steps.iter().enumerate() {
            clock.set(start_at.checked_add(s.offset).unwrap());
            tokio::time::timeout(Duration::from_secs(30), rx.wait_for(|n| *n > i))
                .await
                .unwrap_or_else(|_| panic!("step {i} ({}) was not done", s.party))
                .unwrap();
        }
        let reports = driver.await.unwrap().unwrap();
        assert_eq!(reports.len(), steps.len());
        for (i, r) in reports.iter().enumerate() {
            let expected = match &r.expected_refusal {
                Some(code) => StepOutcome::Refused(code.clone()),
                None => StepOutcome::Appended,
            };
            assert_eq!(r.outcome, expected, "step {i}: {} {}", r.party, r.kind);
        }

        // Both at the scenario's `as_of` (on the demo clock, its image by the time map), so the
        // deadlines after the last event have fired on both sides too.
        let scenario = scenario().unwrap();
        let end = start_at.checked_add(as_of_offset().unwrap()).unwrap();
        let served = state
            .node()
            .run(move |ctx| {
                // The log dates entries to the millisecond, strictly increasing: never go back.
                let now = ctx.ledger.state().as_of.map_or(end, |t| t.max(end));
                ctx.ledger.advance(now).unwrap();
                serde_json::to_value(Report::new(ctx.ledger.state())).unwrap()
            })
            .await
            .unwrap();
        let charter = load_toml(&Source::new("ukraine.toml", REFERENCE)).unwrap();
        let reference_history = CharterHistory::new(vec![charter]).unwrap();
        let mut reference = serde_json::to_value(Report::new(&snapback_engine::replay(
            &reference_history,
            &scenario.events,
            scenario.as_of,
        )))
        .unwrap();
        // The served log holds no refused event (the server refuses them at the door; the
        // reports above checked each refusal); the replay lists them.
        assert_eq!(
            reference["rejected"].as_array().unwrap().len(),
            reports
                .iter()
                .filter(|r| r.expected_refusal.is_some())
                .count()
        );
        reference["rejected"] = Value::Array(Vec::new());
        // A claim refused at filing is a record of the replay (status `rejected`), and a refusal
        // at the server's door: the step reports above checked that refusal.
        let refused_claims: Vec<Value> = reference["claims"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["status"] == "rejected")
            .cloned()
            .collect();
        assert_eq!(refused_claims.len(), 1, "{refused_claims:?}");
        reference["claims"]
            .as_array_mut()
            .unwrap()
            .retain(|c| c["status"] != "rejected");
        // A visitor sees the first snapback within a few minutes (the first claim is filed at one
        // minute: see the script's test).
        let first_activation = served["activations"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|a| a["at"].as_str()?.parse::<Timestamp>().ok())
            .min()
            .unwrap()
            .duration_since(start_at);
        assert!(
            (SignedDuration::from_secs(61)..=SignedDuration::from_mins(3))
                .contains(&first_activation),
            "{first_activation:?}"
        );
        let (mut served, mut reference) = (
            outcome(&served, SPEED.unsigned_abs()),
            outcome(&reference, 1),
        );
        // Units reserved on standing contracts follow their call-offs (see `outcome`).
        for report in [&mut served, &mut reference] {
            for c in report["capabilities"]["contracts"].as_array_mut().unwrap() {
                c.as_object_mut().unwrap().remove("reserved");
            }
            demands(report);
        }
        let mut differences = Vec::new();
        for part in [
            "claims",
            "decisions",
            "activations",
            "obligations",
            "rejected",
            "fund",
            "capabilities",
        ] {
            differ(&served[part], &reference[part], part, &mut differences);
        }
        assert!(
            differences.is_empty(),
            "the served demo and the scenario differ:\n{}",
            differences.join("\n")
        );
        assert!(served["claims"].as_array().unwrap().len() >= 5);
        assert!(served["activations"].as_array().unwrap().len() >= 4);
        assert_eq!(served["fund"]["mode"], "conflict");
        let modes: Vec<&Value> = served["fund"]["modes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| &m["mode"])
            .collect();
        assert_eq!(modes, [&Value::from("conflict")]);

        // The log verifies, and the dashboard shows the story.
        let (entries, checkpoint) = state
            .node()
            .run(|ctx| {
                let store = ctx.ledger.store();
                (
                    store.entries(0, store.size()).unwrap(),
                    store.checkpoint().unwrap().unwrap().note,
                )
            })
            .await
            .unwrap();
        snapback_ledger::verify(
            &history,
            &snapback_ledger::LogUnderTest {
                entries: &entries,
                stored_leaves: None,
                checkpoint: Some(&checkpoint),
                log_key: None,
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let response = app(state.clone())
            .oneshot(Request::builder().uri("/fund").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let body = response.into_body().collect().await.unwrap().to_bytes();
        let page = String::from_utf8(body.to_vec()).unwrap();
        assert!(page.contains(r#"id="fund-mode" class="panel mode" data-mode="conflict""#));
        assert!(page.contains(r#"<p id="books" data-balanced="true">"#));
        running.stop().await;
    }
}
