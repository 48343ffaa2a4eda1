//! Failed commits: a full disk answers 507 at once, costs no replay of the log, and reads go on.

use axum::http::StatusCode;
use snapback_server::ManualClock;

use crate::support::*;

fn metric(text: &str, name: &str) -> u64 {
    text.lines()
        .find_map(|l| l.strip_prefix(name)?.trim().parse().ok())
        .unwrap_or_else(|| panic!("no {name} in {text}"))
}

/// Finding: with the disk full, each refused write replayed the whole log (1.6 s at 120,000
/// entries) on the writer's thread, stalling every read, and the answer was a generic 500.
#[tokio::test]
async fn regression_disk_full_replayed_the_log_and_answered_500() {
    let s = Server::start_limited(
        temp_dir("disk-full"),
        ManualClock::new(ts(T0)),
        FIVE,
        Some(192 * 1024),
    )
    .await;
    let mut accepted = 0u32;
    let full = loop {
        assert!(accepted < 5_000, "the size limit never filled");
        let entry = s.entry("UA", claim_filed(&format!("F{accepted}"), 1));
        let reply = s.post_json("/v1/entries", &entry).await;
        if reply.status == StatusCode::CREATED {
            accepted += 1;
            continue;
        }
        break reply;
    };
    assert!(accepted > 0, "the first claims fit");
    let p = full.problem(507, "storage_full");
    assert!(p["detail"].as_str().unwrap().contains("reads go on"), "{p}");
    assert_eq!(full.headers["retry-after"], "1");
    // Refused again at once, without staging the entry.
    let again = s
        .post_json("/v1/entries", &s.entry("UA", claim_filed("G", 1)))
        .await;
    again.problem(507, "storage_full");
    // Reads go on and show exactly what was committed.
    let page = s.get("/v1/claims?limit=1000").await.json();
    assert_eq!(page["total"], accepted);
    assert_eq!(s.get("/readyz").await.status, StatusCode::OK);
    // The failed commits were undone from the read replica, not by replaying the log.
    let metrics = s.get("/metrics").await.text();
    assert!(metric(&metrics, "snapback_commit_failures_total") >= 1);
    assert_eq!(metric(&metrics, "snapback_commit_replays_total"), 0);
    // The ledger went back to exactly the committed log: it still verifies, and the claim the
    // full disk refused can be filed once there is room (here: its id is still free).
    s.verify_log().await;
    s.stop().await;
}

/// Finding: every read ran on the one thread that owns the ledger, so anonymous readers
/// delayed writes and the deadline scheduler. Reads now go to the read replica: the API, the
/// dashboard, proofs, the checkpoint, the event stream's catch-up and token lookups run no job
/// on the writer's thread.
#[tokio::test]
async fn regression_reads_ran_on_the_writer_thread() {
    let s = Server::start("no-reads-on-node").await;
    s.submit("UA", claim_filed("C1", 1)).await;
    s.submit(
        "A",
        serde_json::json!({"type": "vote.cast", "claim": "C1", "vote": "founded"}),
    )
    .await;
    let jobs = || async {
        metric(
            &s.get("/metrics").await.text(),
            "snapback_node_closures_total",
        )
    };
    let before = jobs().await;
    let bearer = format!("Bearer {}", s.token);
    let token = [("authorization", bearer.as_str())];
    for path in [
        "/v1/state",
        "/v1/claims",
        "/v1/claims/C1",
        "/v1/decisions",
        "/v1/obligations",
        "/v1/parties/A",
        "/v1/fund",
        "/v1/capabilities",
        "/v1/log/checkpoint",
        "/v1/log/entries?from=0",
        "/v1/log/proof/inclusion?index=0",
        "/v1/log/proof/consistency?from=1",
        "/readyz",
        "/",
        "/claims/C1",
        "/guarantors",
        "/log",
        "/fund",
        "/capabilities",
    ] {
        for headers in [&token[..], &[]] {
            let r = s.get_with(path, headers).await;
            assert!(r.status.as_u16() < 500, "{path}: {}", r.text());
        }
    }
    // The event stream resumes from the log.
    let stream = s
        .send(
            axum::http::Request::builder()
                .uri("/v1/events")
                .header("last-event-id", "0")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(stream.status(), StatusCode::OK);
    drop(stream);
    assert_eq!(
        jobs().await,
        before,
        "reads ran jobs on the writer's thread"
    );
    s.stop().await;
}

/// Finding: the writer's thread (undoing a failed commit from the read replica) and the
/// replica's follower could catch up at the same moment. Both read from the same applied size,
/// both applied the same entries, and the second failed on a claim "already filed": the replica
/// stopped following, or the failed commit fell back to replaying the whole log (CI saw one
/// such replay in the disk-full test above). Now only the first applies an entry.
#[tokio::test]
async fn regression_two_catch_ups_at_once_applied_entries_twice() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    let s = Server::start("two-catch-ups").await;
    let reader = Arc::clone(s.running.as_ref().unwrap().state.reader());
    let stop = Arc::new(AtomicBool::new(false));
    let racers: Vec<_> = (0..3)
        .map(|_| {
            let (reader, stop) = (Arc::clone(&reader), Arc::clone(&stop));
            std::thread::spawn(move || {
                let mut errors = Vec::new();
                while !stop.load(Ordering::Relaxed) {
                    if let Err(e) = reader.catch_up() {
                        errors.push(e.to_string());
                    }
                }
                errors
            })
        })
        .collect();
    for i in 0..150 {
        s.submit("UA", claim_filed(&format!("R{i}"), 1)).await;
    }
    stop.store(true, Ordering::Relaxed);
    for racer in racers {
        assert_eq!(racer.join().unwrap(), Vec::<String>::new());
    }
    let size = s.log_entries().await.len() as u64;
    assert_eq!(reader.catch_up().unwrap(), size);
    assert!(
        reader.committed(size).is_some(),
        "the replica holds the committed log"
    );
    s.verify_log().await;
    s.stop().await;
}
