//! Time you can trust (issue 11): a wall clock behind the log refuses writes and fires nothing
//! until it catches up; a forward step beyond the bound holds writes and deadlines until it is
//! confirmed (by an operator, or by a trusted witness's cosignature) or undone; a restart on the
//! same boot is compared with the previous process's heartbeat. Each test is named after the
//! finding it answers.

use std::path::Path;
use std::time::Duration;

use axum::http::StatusCode;
use jiff::{SignedDuration, Timestamp};
use serde_json::{Value, json};
use snapback_log::keys::{Alg, SignerKey};
use snapback_log::note::{add_signatures, cosign, open_checkpoint};
use snapback_server::timekeeping::{HEARTBEAT_KEY, TimeOptions, confirm};
use snapback_server::{Clock as _, ManualClock};
use snapback_store::{SqliteStore, Store};

use crate::support::*;

/// The claim as `GET /v1/claims` lists it.
async fn claim(s: &Server, id: &str) -> Value {
    let reply = s.get("/v1/claims?limit=1000").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    reply.json()["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .cloned()
        .unwrap()
}

fn plus(t: Timestamp, d: SignedDuration) -> Timestamp {
    t.checked_add(d).unwrap()
}

fn secs(n: i64) -> SignedDuration {
    SignedDuration::from_secs(n)
}

const DAY: i64 = 86_400;

/// The value of a metric line `name value`.
fn metric(text: &str, name: &str) -> f64 {
    text.lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')?.parse().ok())
        .unwrap_or_else(|| panic!("no {name} in\n{text}"))
}

/// The `Retry-After` header in seconds.
fn retry_after(reply: &Reply) -> u64 {
    reply
        .headers
        .get("retry-after")
        .unwrap_or_else(|| panic!("no Retry-After: {:?}", reply.headers))
        .to_str()
        .unwrap()
        .parse()
        .unwrap()
}

/// Posts `event` by `party` and returns the answer (whatever it is).
async fn post(s: &Server, party: &str, event: Value) -> Reply {
    s.post_json("/v1/entries", &s.entry(party, event)).await
}

/// Asserts the time state `/metrics` and `/healthz` report.
async fn assert_time_state(s: &Server, state: &str) {
    let metrics = s.get("/metrics").await.text();
    for st in ["ok", "behind", "held"] {
        let want = if st == state { 1.0 } else { 0.0 };
        assert_eq!(
            metric(&metrics, &format!("snapback_clock_state{{state=\"{st}\"}}")),
            want,
            "{metrics}"
        );
    }
    let health = s.get("/healthz").await;
    assert_eq!(health.status, StatusCode::OK);
    if state == "ok" {
        assert_eq!(health.text(), "ok\n");
    } else {
        assert!(
            health.text().starts_with(&format!("ok\ntime: {state}: ")),
            "{}",
            health.text()
        );
    }
}

/// Gives the scheduler and the time ticker a moment of real time to do what they would do.
async fn settle() {
    tokio::time::sleep(Duration::from_millis(300)).await;
}

fn operator_confirms(dir: &Path, wall: Timestamp) {
    let mut store = SqliteStore::open(&dir.join("log.sqlite")).unwrap();
    confirm(&mut store, wall).unwrap();
}

#[tokio::test]
async fn a_clock_behind_the_log_refuses_writes_fires_no_deadline_and_resumes_by_itself() {
    let s = Server::start("time-behind").await;
    let t0 = ts(T0);
    s.clock.set(plus(t0, secs(3600)));
    s.submit("UA", claim_filed("C1", 3)).await;
    let size = s.log_entries().await.len();

    // The clock is set back an hour: the log's latest instant is ahead of it.
    s.clock.step(t0);
    let refused = post(&s, "A", vote("C1", "unfounded")).await;
    let p = refused.problem(503, "clock_behind");
    assert!(p["detail"].as_str().unwrap().contains("behind"), "{p}");
    assert_eq!(retry_after(&refused), 3600);
    assert_time_state(&s, "behind").await;
    let metrics = s.get("/metrics").await.text();
    assert_eq!(metric(&metrics, "snapback_clock_behind_seconds"), 3600.0);
    assert!(
        metrics.contains("snapback_entries_rejected_total{reason=\"clock_behind\"} 1"),
        "{metrics}"
    );
    // Reads go on.
    assert_eq!(claim(&s, "C1").await["status"], "pending");

    // Nothing is written while it is behind (the scheduler and the ticker keep checking).
    settle().await;
    assert_eq!(claim(&s, "C1").await["status"], "pending");
    assert_eq!(s.log_entries().await.len(), size);

    // The clock is corrected (it catches up with the log): writes resume by themselves.
    s.clock.step(plus(t0, secs(3601)));
    let accepted = s.submit("A", vote("C1", "unfounded")).await;
    assert_eq!(accepted["at"], "2026-01-10T01:00:01Z");
    assert_time_state(&s, "ok").await;
    assert_eq!(
        metric(
            &s.get("/metrics").await.text(),
            "snapback_clock_behind_seconds"
        ),
        0.0
    );
    s.verify_log().await;
    s.stop().await;
}

#[tokio::test]
async fn unfounded_votes_sent_after_the_deadline_to_a_server_restarted_a_day_behind_do_not_dismiss_the_claim()
 {
    let dir = temp_dir("time-attack");
    let clock = ManualClock::new(ts(T0));
    let s = Server::start_in(dir.clone(), clock.clone()).await;
    s.submit("UA", claim_filed("C1", 3)).await;
    let deadline = plus(ts(T0), secs(2 * DAY));
    // Activity shortly before the deadline.
    clock.set(plus(deadline, secs(-5)));
    s.submit("UA", evidence("C1", "public", 7)).await;
    let size = s.log_entries().await.len();
    s.stop().await;

    // The server is restarted 10 s after the deadline with its clock set back a day; a
    // majority of guarantors (three of five) then vote "unfounded".
    clock.set(plus(deadline, secs(10)));
    clock.step(plus(deadline, secs(10 - DAY)));
    let s = Server::start_in(dir, clock.clone()).await;
    for p in ["A", "B", "C"] {
        let reply = post(&s, p, vote("C1", "unfounded")).await;
        reply.problem(503, "clock_behind");
        assert!(retry_after(&reply) >= (DAY - 20) as u64);
    }
    settle().await;
    assert_eq!(claim(&s, "C1").await["status"], "pending");
    assert_eq!(s.log_entries().await.len(), size, "nothing was written");
    assert_time_state(&s, "behind").await;

    // The clock is put right (10 s more have passed): the deadline fires at its own instant,
    // and the votes sent now come after it.
    clock.elapse_monotonic(Duration::from_secs(10));
    clock.step(plus(deadline, secs(20)));
    eventually("the claim to activate", || async {
        claim(&s, "C1").await["status"] == "activated"
    })
    .await;
    let c = claim(&s, "C1").await;
    assert_eq!(c["determined_at"], deadline.to_string());
    assert_eq!(c["basis"], "not_adopted_by_deadline");
    for p in ["A", "B", "C"] {
        refused(
            &post(&s, p, vote("C1", "unfounded")).await,
            422,
            "vote_after_deadline",
        );
    }
    assert_eq!(claim(&s, "C1").await["status"], "activated");
    s.verify_log().await;
    s.stop().await;
}

#[tokio::test]
async fn a_forward_jump_of_a_day_holds_deadlines_and_writes_until_time_confirm() {
    let dir = temp_dir("time-jump");
    let clock = ManualClock::new(ts(T0));
    let s = Server::start_in(dir.clone(), clock.clone()).await;
    s.submit("UA", claim_filed("C1", 3)).await;
    let deadline = plus(ts(T0), secs(2 * DAY));
    clock.set(plus(deadline, secs(-3600)));
    let size = s.log_entries().await.len();

    // The wall clock jumps a day ahead; hardly any time passes.
    let stepped = plus(deadline, secs(DAY - 3600));
    clock.step(stepped);
    settle().await;
    let reply = post(&s, "A", vote("C1", "unfounded")).await;
    let p = reply.problem(503, "clock_unconfirmed");
    assert!(
        p["detail"]
            .as_str()
            .unwrap()
            .contains("snapback time confirm"),
        "{p}"
    );
    assert_eq!(retry_after(&reply), 30);
    assert_time_state(&s, "held").await;
    let metrics = s.get("/metrics").await.text();
    assert!(metric(&metrics, "snapback_clock_unconfirmed_step_seconds") >= (DAY - 1) as f64);
    // No activation, nothing overdue, nothing written.
    assert_eq!(claim(&s, "C1").await["status"], "pending");
    assert_eq!(s.log_entries().await.len(), size);
    let obligations = s.get("/v1/obligations").await.json()["obligations"].clone();
    assert_eq!(
        obligations.as_array().map(Vec::len),
        Some(0),
        "{obligations}"
    );

    // A confirmation of another time (an operator whose clock disagrees) does not release it.
    operator_confirms(&dir, plus(deadline, secs(-3600)));
    settle().await;
    tokio::time::sleep(Duration::from_millis(1_200)).await;
    assert_eq!(claim(&s, "C1").await["status"], "pending");
    post(&s, "A", vote("C1", "unfounded"))
        .await
        .problem(503, "clock_unconfirmed");

    // `snapback time confirm` on a clock that agrees: the deadline fires at its own instant.
    operator_confirms(&dir, clock.now());
    eventually("the claim to activate", || async {
        claim(&s, "C1").await["status"] == "activated"
    })
    .await;
    let c = claim(&s, "C1").await;
    assert_eq!(c["determined_at"], deadline.to_string());
    let derived: Vec<Value> = s
        .log_entries()
        .await
        .into_iter()
        .filter(|e| e["body"]["kind"] == "derived")
        .collect();
    assert!(!derived.is_empty());
    assert!(
        derived.iter().all(|e| e["at"] == deadline.to_string()),
        "{derived:#?}"
    );
    assert_time_state(&s, "ok").await;
    // Writes are dated by the confirmed clock.
    clock.set(plus(stepped, secs(1)));
    let filed = s.submit("UA", claim_filed("C2", 1)).await;
    assert_eq!(filed["at"], plus(stepped, secs(1)).to_string());
    s.verify_log().await;
    s.stop().await;
}

#[tokio::test]
async fn a_clock_a_day_ahead_for_three_seconds_changes_nothing() {
    let s = Server::start("time-blip").await;
    s.submit("UA", claim_filed("C1", 3)).await;
    let before = plus(ts(T0), secs(3600));
    s.clock.set(before);
    let size = s.log_entries().await.len();

    s.clock.step(plus(before, secs(DAY)));
    settle().await;
    post(&s, "A", vote("C1", "founded"))
        .await
        .problem(503, "clock_unconfirmed");
    assert_eq!(claim(&s, "C1").await["status"], "pending");

    // Three seconds later the clock is back: the step is undone, nothing was decided.
    s.clock.elapse_monotonic(Duration::from_secs(3));
    s.clock.step(plus(before, secs(3)));
    let accepted = s.submit("A", vote("C1", "founded")).await;
    assert_eq!(accepted["at"], plus(before, secs(3)).to_string());
    assert_eq!(s.log_entries().await.len(), size + 1);
    assert_eq!(claim(&s, "C1").await["status"], "pending");
    assert_time_state(&s, "ok").await;
    s.stop().await;
}

#[tokio::test]
async fn a_small_forward_step_within_the_bound_is_fine() {
    let s = Server::start("time-small").await;
    s.submit("UA", claim_filed("C1", 3)).await;
    // NTP steps the clock 3 s forward (the bound is 5 s).
    let stepped = plus(ts(T0), secs(3));
    s.clock.step(stepped);
    let first = s.submit("A", vote("C1", "unfounded")).await;
    assert_eq!(first["at"], stepped.to_string());
    // Time passes as usual from there.
    s.clock.set(plus(stepped, secs(3600)));
    s.submit("B", vote("C1", "unfounded")).await;
    assert_time_state(&s, "ok").await;
    s.stop().await;
}

#[tokio::test]
async fn small_forward_steps_that_add_up_beyond_the_bound_are_held() {
    let s = Server::start("time-creep").await;
    s.submit("UA", claim_filed("C1", 3)).await;
    // Three seconds forward, twice, an hour apart: six in all, over the 5 s bound.
    s.clock.step(plus(ts(T0), secs(3)));
    s.submit("A", vote("C1", "unfounded")).await;
    s.clock.set(plus(ts(T0), secs(3 + 3600)));
    s.submit("B", vote("C1", "unfounded")).await;
    s.clock.step(plus(ts(T0), secs(6 + 3600)));
    post(&s, "C", vote("C1", "unfounded"))
        .await
        .problem(503, "clock_unconfirmed");
    assert_time_state(&s, "held").await;
    s.stop().await;
}

#[tokio::test]
async fn the_bound_on_forward_steps_is_configurable() {
    let time = TimeOptions {
        step_max: Duration::from_secs(60),
        ..TimeOptions::default()
    };
    let s = Server::start_timed(temp_dir("time-bound"), ManualClock::new(ts(T0)), time).await;
    s.clock.step(plus(ts(T0), secs(59)));
    s.submit("UA", claim_filed("C1", 3)).await;
    s.clock.step(plus(ts(T0), secs(59 + 61)));
    post(&s, "UA", claim_filed("C2", 3))
        .await
        .problem(503, "clock_unconfirmed");
    s.stop().await;
}

#[tokio::test]
async fn a_forward_step_made_while_the_server_was_down_is_held_on_the_same_boot() {
    let dir = temp_dir("time-restart");
    let clock = ManualClock::new(ts(T0));
    let s = Server::start_in(dir.clone(), clock.clone()).await;
    s.submit("UA", claim_filed("C1", 3)).await;
    // The heartbeat is written at start and every few seconds.
    eventually("the heartbeat", || async {
        let heartbeat = s
            .state()
            .node()
            .run(|ctx| ctx.ledger.store().meta(HEARTBEAT_KEY).unwrap())
            .await
            .unwrap();
        heartbeat.is_some_and(|h| h.contains("\"boot_id\""))
    })
    .await;
    s.stop().await;

    // Down for a minute; the clock is set two days ahead (past the deadline) before the
    // restart (same boot).
    clock.set(plus(ts(T0), secs(60)));
    clock.step(plus(ts(T0), secs(60 + 2 * DAY)));
    let s = Server::start_in(dir.clone(), clock.clone()).await;
    post(&s, "UA", claim_filed("C2", 3))
        .await
        .problem(503, "clock_unconfirmed");
    settle().await;
    assert_eq!(claim(&s, "C1").await["status"], "pending");
    operator_confirms(&dir, clock.now());
    eventually("the claim to activate", || async {
        claim(&s, "C1").await["status"] == "activated"
    })
    .await;
    assert_eq!(
        claim(&s, "C1").await["determined_at"],
        plus(ts(T0), secs(2 * DAY)).to_string()
    );
    s.stop().await;

    // What is not detected: after a reboot (a new clock), a step made while down is trusted;
    // only the log's latest instant (and the last heartbeat) bound the clock from below.
    let rebooted = ManualClock::new(plus(ts(T0), secs(5 * DAY)));
    let s = Server::start_in(dir, rebooted).await;
    s.submit("UA", claim_filed("C3", 1)).await;
    s.stop().await;
}

fn witness(name: &str, seed: u8) -> SignerKey {
    SignerKey::from_seed(name, Alg::CosignatureV1, &[seed; 32]).unwrap()
}

/// Posts a cosignature of the current checkpoint by `w` timestamped `time`.
async fn cosign_now(s: &Server, w: &SignerKey, time: Timestamp) {
    let note = s.get("/v1/log/checkpoint").await.text();
    let (cp, _) = open_checkpoint(&note, &s.keys.log.verifier()).unwrap();
    let line = cosign(&cp, w, u64::try_from(time.as_second()).unwrap()).unwrap();
    let body = json!({
        "witness": w.verifier().to_string(),
        "note": add_signatures(&note, std::slice::from_ref(&line)).unwrap(),
    });
    let reply = s.post_json("/v1/log/cosignature", &body).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
}

#[tokio::test]
async fn a_trusted_witness_cosignature_confirms_a_forward_step() {
    // Witnesses are named (issue 11): each is registered, and cosigns a checkpoint once, so the
    // trusted witness whose timestamp is old and the one whose timestamp is new are two.
    let stale = witness("stale.witness.test", 41);
    let trusted = witness("witness.test", 42);
    let other = witness("other.witness.test", 43);
    let time = TimeOptions {
        witnesses: vec![stale.verifier().to_string(), trusted.verifier().to_string()],
        ..TimeOptions::default()
    };
    let s = Server::start_timed(temp_dir("time-witness"), ManualClock::new(ts(T0)), time).await;
    for w in [&stale, &trusted, &other] {
        register_witness(&s, w).await;
    }
    s.submit("UA", claim_filed("C1", 3)).await;
    let stepped = plus(ts(T0), secs(DAY));
    s.clock.step(stepped);
    post(&s, "A", vote("C1", "founded"))
        .await
        .problem(503, "clock_unconfirmed");

    // A witness not trusted for time, or a trusted one's old timestamp, confirms nothing.
    cosign_now(&s, &other, stepped).await;
    cosign_now(&s, &stale, ts(T0)).await;
    post(&s, "A", vote("C1", "founded"))
        .await
        .problem(503, "clock_unconfirmed");

    // The trusted witness cosigns at the new time: the clock is confirmed.
    cosign_now(&s, &trusted, plus(stepped, secs(-2))).await;
    let accepted = s.submit("A", vote("C1", "founded")).await;
    assert_eq!(accepted["at"], stepped.to_string());
    s.stop().await;
}

#[tokio::test]
async fn a_server_restarted_behind_its_last_heartbeat_refuses_writes_even_after_a_reboot() {
    let dir = temp_dir("time-heartbeat");
    let clock = ManualClock::new(ts(T0));
    let s = Server::start_in(dir.clone(), clock.clone()).await;
    s.submit("UA", claim_filed("C1", 3)).await;
    // An hour passes with nothing written; the heartbeat keeps up.
    let later = plus(ts(T0), secs(3600));
    clock.set(later);
    eventually("a heartbeat an hour later", || async {
        let heartbeat = s
            .state()
            .node()
            .run(|ctx| ctx.ledger.store().meta(HEARTBEAT_KEY).unwrap())
            .await
            .unwrap()
            .unwrap_or_default();
        heartbeat.contains(&later.to_string())
    })
    .await;
    s.stop().await;

    // After a reboot the clock reads half an hour earlier than the heartbeat (but later than
    // the log's latest entry): the server refuses writes until it has caught up.
    let rebooted = ManualClock::new(plus(ts(T0), secs(1800)));
    let s = Server::start_in(dir, rebooted.clone()).await;
    let reply = post(&s, "A", vote("C1", "unfounded")).await;
    reply.problem(503, "clock_behind");
    assert_eq!(retry_after(&reply), 1800);
    rebooted.set(plus(later, secs(1)));
    s.submit("A", vote("C1", "unfounded")).await;
    s.stop().await;
}
