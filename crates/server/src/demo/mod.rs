//! The demo driver of `snapback serve --demo`: over a few minutes it files claims, submits
//! evidence, convenes a meeting, casts votes, moves money through the Stabilization Fund and
//! reports fulfilment, each event signed with its party's demo key and submitted like any other,
//! so a visitor watches a claim filed, its countdown, the votes, the snapback activating under
//! the flipped burden, the fund switching to conflict mode and calling its surge, the EU leg
//! adopted by qualified majority, and obligations appearing and being met.
//!
//! The fund's part: exchange rates first, then the G7 contributors pay in their subscribed
//! capital (the United States, Japan, the United Kingdom and Canada in their own currencies);
//! the fund disburses for reconstruction in peace mode, and is refused military production (a
//! conflict-mode purpose). Filing the first claim reserves a budget-support tranche for Ukraine;
//! the second claim's tranche is voided when it is dismissed. When the first claim activates
//! (activation `A1`, whose tier carries the fund's conflict package) the fund moves to conflict
//! mode, releases the tranche and calls its surge pro rata to the keys (obligations
//! `A1/surge/<party>`); six contributors pay their share on time, the fund finances budget
//! support and military production, and a budget-support disbursement over the 30-day cap is
//! refused. Canada pays its share late: once the call's due instant (30 demo days, 30 minutes)
//! has passed, after the rest of the story.
//!
//! The capability tracker's part: before the story, the United States, Germany and France
//! restrict donated systems, coalition stock is pre-positioned in Poland, Romania and Slovakia,
//! standing production contracts are registered, four donors commit deliveries (the United
//! States' arrives on time, Germany's late, the British and French ones are overdue by the end)
//! and three training cohorts start. A1's tier carries the accelerated deliveries and the
//! lifting of restrictions: the engine draws the deliveries from stock, calls the drones it
//! lacks off Ukraine's contract, and lifts the US and German restrictions (the French artillery
//! one stays); Ukraine then records receipts against those obligations and the secretariat a
//! completed cohort. These steps take no time of their own, so the story keeps its timing.
//!
//! Steps are timed on the server's clock, so tests run the script on a manual clock.
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

use story::{Step, script};

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

/// One step's party, event type, outcome, and the refusal the story expected, if any.
#[derive(Debug, Clone)]
pub struct StepReport {
    pub party: &'static str,
    pub kind: String,
    pub outcome: StepOutcome,
    pub expected_refusal: Option<&'static str>,
}

/// Runs the script, then returns what became of each step. Each event is signed with its
/// party's key and submitted like any delegation's, at its time on the server's clock; refusals
/// are logged (the story expects three).
pub async fn drive(
    app: AppState,
    keys: BTreeMap<String, SignerKey>,
    shutdown: watch::Receiver<bool>,
) -> Vec<StepReport> {
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
) -> Vec<StepReport> {
    let clock = std::sync::Arc::clone(app.clock());
    let mut at = start;
    let mut reports = Vec::new();
    for s in script(start) {
        let wait = SignedDuration::from_secs(i64::try_from(s.delay_s).unwrap_or(i64::MAX));
        at = at.checked_add(wait).unwrap_or(at);
        if s.delay_s > 60 {
            tracing::info!(
                party = s.party,
                seconds = s.delay_s,
                "demo: the next step comes after a long wait"
            );
        }
        while clock.now() < at {
            tokio::select! {
                _ = clock.sleep_until(at) => {}
                _ = shutdown.changed() => return reports,
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
                tracing::info!(party = s.party, event = %kind, outcome = ?outcome, "demo");
            }
            StepOutcome::Refused(code) if s.refused == Some(code.as_str()) => {
                tracing::info!(party = s.party, event = %kind, code = %code, "demo: refused, as the story shows");
            }
            other => tracing::warn!(party = s.party, event = %kind, outcome = ?other, "demo"),
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
    reports
}

/// Signs one step with its party's key and submits it.
async fn submit(app: &AppState, keys: &BTreeMap<String, SignerKey>, s: &Step) -> StepOutcome {
    let Some(key) = keys.get(s.party) else {
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
    use rust_decimal::Decimal;
    use snapback_charter::{CharterHistory, FundMode, Source, load_toml};
    use snapback_engine::derived::ObligationStatus;
    use snapback_engine::fund::record::TrancheStatus;
    use snapback_engine::fund::report::fund_report;
    use snapback_ledger::Ledger;
    use snapback_log::keys::Alg;
    use snapback_store::{SqliteStore, Store};
    use tower::ServiceExt as _;

    use super::*;
    use crate::app::{app, start};
    use crate::clock::ManualClock;

    const DEMO: &str = include_str!("../../../../charters/ukraine-demo.toml");
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

    fn eur(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn the_story_keeps_its_length_and_pays_one_share_after_its_due_instant() {
        let steps = script("2026-03-01T00:00:00Z".parse().unwrap());
        let (last, story) = steps.split_last().unwrap();
        let length: u64 = story.iter().map(|s| s.delay_s).sum();
        assert_eq!(
            length, 283,
            "the story before the epilogue lasts as long as before"
        );
        assert_eq!(last.party, "CA");
        assert_eq!(length + last.delay_s, 124 + 30 * 60 + 10);
        let refusals: Vec<_> = steps.iter().filter_map(|s| s.refused).collect();
        assert_eq!(
            refusals,
            ["purpose_not_allowed", "cap_exceeded", "decision_closed"]
        );
    }

    #[tokio::test]
    async fn the_demo_moves_the_fund_to_conflict_mode_calls_and_collects_the_surge() {
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
        let dir = std::env::temp_dir().join(format!(
            "snapback-demo-test-{}-{}",
            std::process::id(),
            Timestamp::now().as_nanosecond()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let store: Box<dyn Store> = Box::new(SqliteStore::open(&dir.join("log.sqlite")).unwrap());
        let ledger = Ledger::open(store, history.clone(), keys["SEC"].clone(), log).unwrap();
        let t0: Timestamp = "2026-03-01T00:00:00Z".parse().unwrap();
        let clock = ManualClock::new(t0);
        let running = start(ledger, Arc::new(clock.clone())).unwrap();
        let state = running.state.clone();

        // The driver waits on the manual clock; the test moves it to each step's instant and
        // waits for the step to be done.
        let (tx, mut rx) = watch::channel(0usize);
        let driver = tokio::spawn(run(state.clone(), keys, state.shutdown(), t0, Some(tx)));
        let mut at = t0;
        for (i, s) in script(t0).iter().enumerate() {
            at = at
                .checked_add(SignedDuration::from_secs(s.delay_s as i64))
                .unwrap();
            clock.set(at);
            tokio::time::timeout(Duration::from_secs(30), rx.wait_for(|n| *n > i))
                .await
                .unwrap_or_else(|_| panic!("step {i} ({}) was not done", s.party))
                .unwrap();
        }
        let reports = driver.await.unwrap();
        for (i, r) in reports.iter().enumerate() {
            let expected = match r.expected_refusal {
                Some(code) => StepOutcome::Refused(code.to_owned()),
                None => StepOutcome::Appended,
            };
            assert_eq!(r.outcome, expected, "step {i}: {} {}", r.party, r.kind);
        }

        let report = state
            .node()
            .run(|ctx| fund_report(ctx.ledger.state()))
            .await
            .unwrap()
            .unwrap();
        // Conflict mode since A1 (the quiet period of 90 demo days has not passed).
        assert_eq!(report.mode, FundMode::Conflict);
        assert_eq!(report.modes.len(), 1);
        assert_eq!(report.modes[0].activation.as_ref().unwrap().as_str(), "A1");
        // The surge was called pro rata and paid: six on time, Canada late.
        assert_eq!(report.calls.len(), 1);
        let call = &report.calls[0];
        assert_eq!(call.activation.as_str(), "A1");
        assert_eq!(call.total, eur("10000000000.00"));
        let shares: Vec<(&str, Decimal, Option<ObligationStatus>)> = call
            .shares
            .iter()
            .map(|s| (s.party.as_str(), s.amount, s.status))
            .collect();
        let on_time = Some(ObligationStatus::Fulfilled);
        assert_eq!(
            shares,
            [
                ("US", eur("3000000000.00"), on_time),
                ("DE", eur("1700000000.00"), on_time),
                ("JP", eur("1400000000.00"), on_time),
                ("GB", eur("1100000000.00"), on_time),
                ("FR", eur("1100000000.00"), on_time),
                ("IT", eur("900000000.00"), on_time),
                ("CA", eur("800000000.00"), Some(ObligationStatus::Late)),
            ]
        );
        assert!(
            call.shares
                .iter()
                .all(|s| s.obligation.as_str() == format!("A1/surge/{}", s.party.as_str()))
        );
        let ca = call
            .shares
            .iter()
            .find(|s| s.party.as_str() == "CA")
            .unwrap();
        assert!(ca.paid_at.unwrap() > call.due);
        // Every contributor paid its subscribed capital (converted exactly) and its share.
        for c in &report.contributors {
            assert_eq!(
                c.paid_in,
                c.subscribed.unwrap() + c.called,
                "{}",
                c.id.as_str()
            );
            assert_eq!(c.call_outstanding, Decimal::ZERO, "{}", c.id.as_str());
        }
        // EUR 10 bn paid in, 0.5 bn for reconstruction, the 1 bn tranche released to Ukraine;
        // the surge's 10 bn less 1 bn budget support and 3.5 bn military production.
        let pools: Vec<(&str, Decimal, Decimal)> = report
            .pools
            .iter()
            .map(|p| (p.pool, p.balance, p.reserved))
            .collect();
        assert_eq!(
            pools,
            [
                ("core", eur("8500000000.00"), Decimal::ZERO),
                ("surge", eur("5500000000.00"), Decimal::ZERO),
            ]
        );
        let disbursed = |purpose: &str| {
            report
                .purposes
                .iter()
                .find(|p| p.purpose == purpose)
                .unwrap()
                .disbursed
        };
        assert_eq!(disbursed("reconstruction"), eur("500000000.00"));
        assert_eq!(disbursed("budget-support"), eur("2000000000.00"));
        assert_eq!(
            disbursed("military-production-ukraine"),
            eur("2000000000.00")
        );
        assert_eq!(
            disbursed("military-production-allied"),
            eur("1500000000.00")
        );
        let tranches: Vec<(&str, TrancheStatus)> = report
            .tranches
            .iter()
            .map(|t| (t.claim.as_str(), t.status))
            .collect();
        assert_eq!(
            tranches,
            [
                ("C-DEMO-1", TrancheStatus::Released),
                ("C-DEMO-2", TrancheStatus::Voided)
            ]
        );
        assert_eq!(report.rates.len(), 4);
        // The books balance, and the log verifies.
        assert!(report.totals.balanced, "{:?}", report.totals);
        assert!(report.problems.is_empty(), "{:?}", report.problems);
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

        // The dashboard shows it.
        let response = app(state.clone())
            .oneshot(Request::builder().uri("/fund").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let body = response.into_body().collect().await.unwrap().to_bytes();
        let page = String::from_utf8(body.to_vec()).unwrap();
        assert!(page.contains(r#"id="fund-mode" class="panel mode" data-mode="conflict""#));
        assert!(
            page.contains(r#"data-obligation="A1/surge/CA" data-party="CA" data-status="late""#)
        );
        assert!(
            page.contains(r#"data-obligation="A1/surge/US" data-party="US" data-status="paid""#)
        );
        assert!(page.contains(r#"<p id="books" data-balanced="true">"#));

        // The capability tracker: A1 lifted the US and German restrictions under the charter's
        // rule (not the French artillery one), drew the accelerated deliveries from stock,
        // called the missing drones off Ukraine's contract, and receipts count.
        let get = |uri: &'static str| {
            let router = app(state.clone());
            async move {
                let response = router
                    .oneshot(Request::builder().uri(uri).body(Body::empty()).unwrap())
                    .await
                    .unwrap();
                assert_eq!(response.status(), StatusCode::OK, "{uri}");
                let body = response.into_body().collect().await.unwrap().to_bytes();
                String::from_utf8(body.to_vec()).unwrap()
            }
        };
        let page = get("/capabilities/restrictions").await;
        for lifted in ["R-US-LR", "R-DE-IFV"] {
            let donor = &lifted[2..4];
            assert!(
                page.contains(&format!(
                    r#"<tr data-restriction="{lifted}" data-donor="{donor}" data-status="lifted">"#
                )),
                "{lifted}"
            );
        }
        assert!(page.contains(r#"data-lifted-by-activation="A1">by activation A1"#));
        assert!(page.contains(
            r#"<tr data-restriction="R-FR-HOW" data-donor="FR" data-status="in_force">"#
        ));
        let page = get("/capabilities").await;
        // After the drawdown the accelerated deliveries could not be met again from what is
        // left; the stock pre-positioned for release still covers its package.
        assert!(page.contains(
            r#"<li class="card" data-package="prepositioned-release" data-status="covered""#
        ));
        assert!(page.contains(
            r#"<li class="card" data-package="deliveries-accelerated" data-status="short""#
        ));
        for (obligation, status, received) in [
            ("A1/deliveries-accelerated/1", "fulfilled", 200),
            ("A1/deliveries-accelerated/2", "overdue", 25),
            ("A1/deliveries-accelerated/4", "fulfilled", 12),
        ] {
            assert!(
                page.contains(&format!(
                    r#"<tr data-obligation="{obligation}" data-status="{status}">"#
                )),
                "{obligation}"
            );
            assert!(page.contains(&format!(r#"data-received="{received}""#)));
        }
        // The drones A1 lacked in stock were called off Ukraine's contract.
        assert!(page.contains(r#"<tr data-contract="UA-LRD-1" data-valid="true">"#));
        assert!(page.contains(r#"<td class="num">100</td><td class="num">100</td></tr>"#));
        let page = get("/capabilities/deliveries").await;
        for (commitment, state) in [
            ("US-PDA-61", "on_time"),
            ("DE-IFV-T3", "late"),
            ("GB-LRD-7", "overdue"),
            ("FR-HOW-2", "overdue"),
        ] {
            assert!(
                page.contains(&format!(
                    r#"data-commitment="{commitment}" data-donor="{}" data-state="{state}">"#,
                    &commitment[..2]
                )),
                "{commitment}"
            );
        }
        let page = get("/capabilities/training").await;
        assert!(page.contains(
            r#"<tr data-cohort="DE-2026-01" data-centre="de-training" data-status="completed">"#
        ));
        running.stop().await;
        let _ = std::fs::remove_dir_all(&dir);
    }
}
