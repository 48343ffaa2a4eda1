//! The read API: state, claims, decisions, obligations and parties, against the ledger's own
//! state and the document's schemas.

use axum::http::StatusCode;
use serde_json::{Value, json};
use snapback_engine::Report;

use crate::schema;
use crate::support::*;

/// The ledger's replay report, straight from the node.
async fn report(s: &Server) -> Value {
    s.state()
        .node()
        .run(|ctx| serde_json::to_value(Report::new(ctx.ledger.state())).unwrap())
        .await
        .unwrap()
}

/// C1 (severity 3) activates early on three founded votes: activation A1, obligations for A, B
/// and C, and the council's decision on its package leg.
async fn activated(name: &str) -> Server {
    let s = Server::start(name).await;
    s.submit("UA", claim_filed("C1", 3)).await;
    for p in ["A", "B", "C"] {
        s.submit(p, vote("C1", "founded")).await;
    }
    s
}

#[tokio::test]
async fn state_is_the_ledgers_report_and_is_cached() {
    let s = activated("state").await;
    let first = s.get("/v1/state").await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(first.content_type(), "application/json");
    let state = first.json();
    schema::check(&state, "Report");
    assert_eq!(state, report(&s).await);
    assert_eq!(state["claims"][0]["status"], "activated");
    assert_eq!(state["activations"][0]["id"], "A1");
    assert!(!state["obligations"].as_array().unwrap().is_empty());
    // The cached path: the same bytes, served from the cache of this log size.
    assert_eq!(s.state().cached_state().as_deref(), Some(&first.body[..]));
    let second = s.get("/v1/state").await;
    assert_eq!(second.body, first.body);
    // A new entry invalidates it.
    s.submit("UA", claim_filed("C2", 1)).await;
    assert_eq!(s.state().cached_state(), None);
    let third = s.get("/v1/state").await.json();
    assert_eq!(third, report(&s).await);
    assert_eq!(third["claims"].as_array().unwrap().len(), 2);
    // The state is as of the latest entry (regression: `as_of` stayed null on a live ledger).
    let entries = s.stored_entries().await;
    let latest: Value = serde_json::from_slice(entries.last().unwrap()).unwrap();
    assert_eq!(third["as_of"], latest["at"]);
    s.stop().await;
}

#[tokio::test]
async fn claims_list_and_detail_with_explanation_and_timeline() {
    let s = activated("claims").await;
    s.submit("UA", claim_filed("C2", 1)).await;
    let claims = s.get("/v1/claims").await.json();
    for c in claims.as_array().unwrap() {
        schema::check(c, "Claim");
    }
    assert_eq!(claims, report(&s).await["claims"]);
    assert_eq!(claims[1]["status"], "pending");

    let detail = s.get("/v1/claims/C1").await.json();
    schema::check(&detail, "ClaimDetail");
    assert_eq!(detail["claim"], claims[0]);
    assert!(
        detail["claim"]["explanation"]
            .as_str()
            .unwrap()
            .contains("Art. 4")
    );
    let timeline = detail["timeline"].as_array().unwrap();
    let kinds: Vec<&str> = timeline
        .iter()
        .map(|i| i["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["filed", "vote", "vote", "vote", "determined"]);
    assert_eq!(timeline[0]["party"], "UA");
    assert_eq!(timeline[4]["party"], Value::Null);
    assert_eq!(timeline[4]["detail"], "activated");
    assert_eq!(timeline[4]["at"], T0);

    let missing = s.get("/v1/claims/C404").await;
    let p = missing.problem(404, "not_found");
    schema::check(&p, "Problem");
    s.stop().await;
}

#[tokio::test]
async fn decisions_and_obligations() {
    let s = activated("decisions").await;
    let decisions = s.get("/v1/decisions").await.json();
    for d in decisions.as_array().unwrap() {
        schema::check(d, "Decision");
    }
    let r = report(&s).await;
    assert_eq!(decisions, r["decisions"]);
    assert_eq!(decisions[0]["id"], "A1/council-leg");
    assert_eq!(decisions[0]["status"], "pending");
    assert_eq!(decisions[0]["deadline"], "2026-01-13T00:00:00Z");

    let obligations = s.get("/v1/obligations").await.json();
    for o in obligations.as_array().unwrap() {
        schema::check(o, "Obligation");
    }
    assert_eq!(obligations, r["obligations"]);
    let ids: Vec<&str> = obligations
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["A1/sanctions/1", "A1/sanctions/2", "A1/funds/1"]);
    assert_eq!(obligations[2]["amount"], "1000000.50");
    s.stop().await;
}

#[tokio::test]
async fn parties_and_their_compliance() {
    let s = activated("parties").await;
    let a = s.get("/v1/parties/A").await.json();
    schema::check(&a, "Party");
    assert_eq!(a["id"], "A");
    assert_eq!(a["roles"], json!(["guarantor"]));
    assert_eq!(a["keys"], json!([s.keys.party("A").verifier().to_string()]));
    assert_eq!(
        a["compliance"],
        json!({"on_time": 0, "late": 0, "overdue": 0, "pending": 1})
    );
    // A fulfils on time; B's obligation (due at +72h) goes overdue; C pays late.
    s.submit(
        "A",
        json!({"type": "obligation.fulfilled", "obligation": "A1/sanctions/1", "reference": "EO-1"}),
    )
    .await;
    s.clock.set(ts("2026-01-13T00:00:00.001Z"));
    eventually("B's obligation to go overdue", || async {
        s.get("/v1/parties/B").await.json()["compliance"]["overdue"] == 1
    })
    .await;
    s.clock.set(ts("2026-01-18T00:00:00Z"));
    eventually("C's obligation to go overdue", || async {
        s.get("/v1/parties/C").await.json()["compliance"]["overdue"] == 1
    })
    .await;
    s.submit(
        "C",
        json!({"type": "obligation.fulfilled", "obligation": "A1/funds/1", "reference": "T-1"}),
    )
    .await;
    let compliance = |p: &'static str| {
        let s = &s;
        async move { s.get(&format!("/v1/parties/{p}")).await.json()["compliance"].clone() }
    };
    assert_eq!(
        compliance("A").await,
        json!({"on_time": 1, "late": 0, "overdue": 0, "pending": 0})
    );
    assert_eq!(
        compliance("B").await,
        json!({"on_time": 0, "late": 0, "overdue": 1, "pending": 0})
    );
    assert_eq!(
        compliance("C").await,
        json!({"on_time": 0, "late": 1, "overdue": 0, "pending": 0})
    );
    // The overdue entry is dated at the obligation's due instant, not when the clock moved.
    let b = s.get("/v1/parties/B").await.json();
    assert_eq!(b["obligations"][0]["due"], "2026-01-13T00:00:00Z");
    let overdue: Vec<Value> = s
        .log_entries()
        .await
        .into_iter()
        .filter(|e| e["body"]["event"]["type"] == "obligation.overdue")
        .collect();
    assert_eq!(overdue[0]["at"], "2026-01-13T00:00:00Z", "{overdue:?}");
    // Parties without obligations, and parties the charter does not know.
    let x = s.get("/v1/parties/X").await.json();
    assert_eq!(
        x["compliance"],
        json!({"on_time": 0, "late": 0, "overdue": 0, "pending": 0})
    );
    s.get("/v1/parties/NOBODY").await.problem(404, "not_found");
    s.stop().await;
}
