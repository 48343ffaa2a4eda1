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
    let claims = s.get("/v1/claims").await.json()["claims"].clone();
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
    let decisions = s.get("/v1/decisions").await.json()["decisions"].clone();
    for d in decisions.as_array().unwrap() {
        schema::check(d, "Decision");
    }
    let r = report(&s).await;
    assert_eq!(decisions, r["decisions"]);
    assert_eq!(decisions[0]["id"], "A1/council-leg");
    assert_eq!(decisions[0]["status"], "pending");
    assert_eq!(decisions[0]["deadline"], "2026-01-13T00:00:00Z");

    let obligations = s.get("/v1/obligations").await.json()["obligations"].clone();
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
    assert_eq!(
        b["obligations"]["obligations"][0]["due"],
        "2026-01-13T00:00:00Z"
    );
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

/// Finding: `GET /v1/claims` answered every claim in one body (74 MB at 76,000 open claims).
/// Every list is now read a bounded page at a time, with a stable cursor.
#[tokio::test]
async fn regression_unpaged_claims_list_is_paged() {
    let s = Server::start("paged").await;
    for k in 0..5 {
        s.submit("UA", claim_filed(&format!("P{k}"), 1)).await;
    }
    let mut seen = Vec::new();
    let mut next = Some(0u64);
    while let Some(from) = next {
        let page = s
            .get(&format!("/v1/claims?from={from}&limit=2"))
            .await
            .json();
        assert_eq!(page["total"], 5, "{page}");
        assert_eq!(page["limit"], 2);
        assert_eq!(page["from"], from);
        let claims = page["claims"].as_array().unwrap();
        assert!(claims.len() <= 2);
        for c in claims {
            schema::check(c, "Claim");
            seen.push(c["id"].as_str().unwrap().to_owned());
        }
        next = page["next"].as_u64();
    }
    assert_eq!(seen, ["P0", "P1", "P2", "P3", "P4"]);
    // Past the end: empty, no next.
    let past = s.get("/v1/claims?from=99").await.json();
    assert_eq!(
        (past["claims"].clone(), past["next"].clone()),
        (json!([]), Value::Null)
    );
    // Bad parameters name the field, on every paged list.
    for path in [
        "/v1/claims",
        "/v1/decisions",
        "/v1/obligations",
        "/v1/parties/A",
    ] {
        let p = s
            .get(&format!("{path}?limit=1001"))
            .await
            .problem(400, "out_of_range");
        assert_eq!(p["field"], "limit", "{path}");
        let p = s
            .get(&format!("{path}?from=9223372036854775808"))
            .await
            .problem(400, "out_of_range");
        assert_eq!(p["field"], "from", "{path}");
        let p = s
            .get(&format!("{path}?cursor=1"))
            .await
            .problem(400, "malformed");
        assert_eq!(p["field"], "cursor", "{path}");
    }
    s.stop().await;
}

/// Issue 12: the API's timeline sorted instants as text, so an entry at `…:00.5Z` came before
/// one at `…:00Z` now that the server writes milliseconds. It sorts on instants.
#[tokio::test]
async fn timeline_is_in_time_order_across_fractions_of_a_second() {
    let s = Server::start("timeline-millis").await;
    s.submit("UA", claim_filed("C1", 1)).await;
    s.clock.set(ts("2026-01-10T00:00:00.5Z"));
    s.submit(
        "UA",
        json!({"type": "evidence.submitted", "claim": "C1", "source_kind": "osint",
               "classification": "public", "digest": format!("sha256:{}", "ab".repeat(32)),
               "summary": "Geolocated video"}),
    )
    .await;
    s.clock.set(ts("2026-01-10T00:00:01Z"));
    s.submit(
        "A",
        json!({"type": "vote.cast", "claim": "C1", "vote": "founded"}),
    )
    .await;
    let detail = s.get("/v1/claims/C1").await.json();
    let timeline: Vec<(String, String)> = detail["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["kind"].as_str().unwrap().to_owned(),
                i["at"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let kinds: Vec<&str> = timeline.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(kinds, ["filed", "evidence", "vote"], "{timeline:?}");
    s.stop().await;
}

#[tokio::test]
async fn a_claim_in_stages_waits_for_its_motion_and_shows_each_stage() {
    const STAGES: &str = include_str!("../../../../scenarios/charters/stages.toml");
    // The test keys include observer X, which the stages charter does not name.
    let charter = STAGES.replacen(
        "[[body]]",
        "[[party]]\nid = \"X\"\nname = \"Observer X\"\nroles = [\"observer\"]\n\n[[body]]",
        1,
    );
    let s = Server::start_with("stages", &charter).await;
    s.submit("UA", claim_filed("C1", 2)).await;
    // Nobody has tabled the motion: no vote yet.
    let early = s
        .post_json(
            "/v1/entries",
            &s.entry(
                "A",
                serde_json::json!({ "type": "vote.cast", "claim": "C1", "vote": "unfounded" }),
            ),
        )
        .await;
    schema::check(&early.problem(422, "motion_not_tabled"), "Problem");
    // The beneficiary is not a member of the body: it cannot table the motion.
    s.post_json(
        "/v1/entries",
        &s.entry(
            "UA",
            serde_json::json!({ "type": "motion.tabled", "claim": "C1" }),
        ),
    )
    .await
    .problem(422, "not_member");
    s.submit(
        "B",
        serde_json::json!({ "type": "motion.tabled", "claim": "C1" }),
    )
    .await;
    s.post_json(
        "/v1/entries",
        &s.entry(
            "C",
            serde_json::json!({ "type": "motion.tabled", "claim": "C1" }),
        ),
    )
    .await
    .problem(422, "stage_reached");
    s.submit(
        "A",
        serde_json::json!({ "type": "vote.cast", "claim": "C1", "vote": "unfounded" }),
    )
    .await;
    let detail = s.get("/v1/claims/C1").await.json();
    schema::check(&detail, "ClaimDetail");
    let stages = &detail["claim"]["stages"];
    assert_eq!(stages[0]["stage"], "motion");
    assert_eq!(stages[0]["by"], "B");
    assert_eq!(stages[0]["basis"], "done");
    let kinds: Vec<&str> = detail["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["filed", "stage", "vote"]);
    s.stop().await;
}
