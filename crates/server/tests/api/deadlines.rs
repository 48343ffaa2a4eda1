//! Deadlines on a manual clock: a claim nobody votes on activates at its deadline, also across
//! a restart, and a clock that jumps backwards does not reorder the log (it refuses writes until
//! it has caught up).

use jiff::Timestamp;
use serde_json::Value;
use snapback_server::ManualClock;

use crate::support::*;

/// The claim as `GET /v1/claims` lists it.
async fn listed(s: &Server, id: &str) -> Value {
    s.get("/v1/claims?limit=1000").await.json()["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .cloned()
        .unwrap()
}

async fn wait_for_status(s: &Server, id: &str, status: &str) -> Value {
    eventually(&format!("{id} to be {status}"), || async {
        listed(s, id).await["status"] == status
    })
    .await;
    listed(s, id).await
}

#[tokio::test]
async fn an_unvoted_claim_activates_at_its_deadline() {
    let s = Server::start("deadline").await;
    let filed = s.submit("UA", claim_filed("C1", 3)).await;
    assert_eq!(filed["at"], T0);
    let deadline = "2026-01-12T00:00:00Z";
    assert_eq!(listed(&s, "C1").await["deadline"], deadline);

    // At the deadline's very instant the claim is still open: a vote then counts.
    s.clock.set(ts(deadline));
    s.submit("A", vote("C1", "unfounded")).await;
    assert_eq!(listed(&s, "C1").await["status"], "pending");

    // Just past it, the scheduler fires, dating the determination at the deadline.
    s.clock.set(ts("2026-01-12T00:00:00.001Z"));
    let c = wait_for_status(&s, "C1", "activated").await;
    assert_eq!(c["determined_at"], deadline);
    assert_eq!(c["basis"], "not_adopted_by_deadline");
    assert_eq!(c["tally"]["unfounded"], 1);
    let derived: Vec<Value> = s
        .log_entries()
        .await
        .into_iter()
        .filter(|e| e["body"]["kind"] == "derived")
        .collect();
    assert!(!derived.is_empty());
    assert!(derived.iter().all(|e| e["at"] == deadline), "{derived:#?}");
    let metrics = s.get("/metrics").await.text();
    let fired = format!("snapback_deadlines_fired_total {}", derived.len());
    assert!(metrics.contains(&fired), "{metrics}");
    s.stop().await;
}

#[tokio::test]
async fn a_deadline_that_passed_while_down_fires_at_its_own_instant() {
    let dir = temp_dir("restart");
    let clock = ManualClock::new(ts(T0));
    let s = Server::start_in(dir.clone(), clock.clone()).await;
    s.submit("UA", claim_filed("C1", 3)).await;
    let before = s.stored_entries().await.len();
    s.stop().await;

    // Four days later (two past the deadline) the server starts again over the same store.
    clock.set(ts("2026-01-14T09:30:00Z"));
    let s = Server::start_in(dir, clock).await;
    let c = wait_for_status(&s, "C1", "activated").await;
    assert_eq!(
        c["determined_at"], "2026-01-12T00:00:00Z",
        "not the restart time"
    );
    let entries = s.log_entries().await;
    assert!(entries.len() > before);
    assert!(
        entries[before..]
            .iter()
            .all(|e| e["at"] == "2026-01-12T00:00:00Z")
    );
    // What followed at the deadline is what replaying the log yields.
    s.verify_log().await;
    s.stop().await;
}

#[tokio::test]
async fn a_clock_that_jumps_back_does_not_reorder_the_log() {
    let s = Server::start("clock-back").await;
    s.clock.set(ts("2026-01-10T12:00:00.250Z"));
    let first = s.submit("UA", claim_filed("C1", 3)).await;
    // The clock jumps back an hour: nothing is dated before the last entry, and nothing is
    // dated at the last entry's time either (that would be a lie about when it arrived): the
    // server refuses writes until its clock has caught up (see `time.rs`).
    s.clock.set(ts("2026-01-10T11:00:00Z"));
    let vote = s.entry("A", vote("C1", "unfounded"));
    s.post_json("/v1/entries", &vote)
        .await
        .problem(503, "clock_behind");
    s.clock.set(ts("2026-01-10T12:00:00.300Z"));
    let second = s.post_json("/v1/entries", &vote).await;
    assert_eq!(second.status, axum::http::StatusCode::CREATED);
    let second = second.json();
    let third = s.submit("UA", claim_filed("C2", 1)).await;
    let entries = s.log_entries().await;
    let times: Vec<Timestamp> = entries
        .iter()
        .map(|e| e["at"].as_str().unwrap().parse().unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "{times:?}");
    assert_eq!(first["at"], "2026-01-10T12:00:00.25Z");
    assert_eq!(second["at"], "2026-01-10T12:00:00.3Z");
    assert_eq!(third["at"], second["at"]);
    let report = s.verify_log().await;
    assert_eq!(report.entries, 3);

    // The deadline is at its own instant once the clock passes it.
    s.clock.set(ts("2026-01-12T12:00:00.300Z"));
    let c = wait_for_status(&s, "C1", "activated").await;
    assert_eq!(c["determined_at"], "2026-01-12T12:00:00.25Z");
    s.stop().await;
}
