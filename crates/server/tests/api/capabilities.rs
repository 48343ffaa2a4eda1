//! The capability tracker through the API: `/v1/capabilities` against the ledger's own report
//! (cached per log size), its parts, readiness at a later instant, the problems of a bad `at`,
//! and a charter with nothing to track.

use axum::http::StatusCode;
use jiff::Timestamp;
use serde_json::{Value, json};
use snapback_engine::capability::report::{capabilities_report, readiness};

use crate::schema;
use crate::support::*;

/// The ledger's capability report, straight from the node.
async fn report(s: &Server) -> Value {
    s.state()
        .node()
        .run(|ctx| serde_json::to_value(capabilities_report(ctx.ledger.state())).unwrap())
        .await
        .unwrap()
}

/// The engine's readiness at `at`, straight from the node.
async fn readiness_at(s: &Server, at: Timestamp) -> Value {
    s.state()
        .node()
        .run(move |ctx| {
            let state = ctx.ledger.state();
            let charter = state.history().in_force(at).unwrap();
            serde_json::to_value(readiness(&state.capabilities, charter, at)).unwrap()
        })
        .await
        .unwrap()
}

/// On `scenarios/charters/capabilities.toml`: A restricts its long-range missiles and its
/// artillery; 150 interceptors stocked in Poland by A, 12,000 shells by B; B's shell contract;
/// A commits 10 interceptors and UA receives them on time; a cohort starts at A's centre.
async fn recorded(name: &str) -> Server {
    let s = Server::start_with(name, CAPABILITIES).await;
    s.submit(
        "A",
        json!({ "type": "restriction.imposed", "restriction": "R-LR", "system": "long-range-missile", "restriction_kind": "range", "text": "Not beyond 70 km <of> the line" }),
    )
    .await;
    s.submit(
        "A",
        json!({ "type": "restriction.imposed", "restriction": "R-ART", "system": "artillery", "restriction_kind": "end-use", "text": "Defensive use only" }),
    )
    .await;
    s.submit(
        "A",
        json!({ "type": "stockpile.stocked", "lot": "A-PL-1", "location": "PL", "item": "interceptor", "quantity": 150 }),
    )
    .await;
    s.submit(
        "B",
        json!({ "type": "stockpile.stocked", "lot": "B-PL-1", "location": "PL", "item": "155mm-shell", "quantity": 12000 }),
    )
    .await;
    s.submit(
        "B",
        json!({
            "type": "contract.registered", "contract": "B-SHELLS-1", "supplier": "Example Munitions plc",
            "country": "B", "item": "155mm-shell", "monthly_capacity": 3000, "surge_capacity": 9000,
            "surge_lead_time": "14d", "valid_from": "2026-01-01T00:00:00Z", "valid_until": "2027-01-01T00:00:00Z",
        }),
    )
    .await;
    s.submit(
        "A",
        json!({ "type": "aid.committed", "commitment": "A-ADI-1", "category": "air-defence", "item": "interceptor", "quantity": 10, "promised": "2026-01-20T00:00:00Z" }),
    )
    .await;
    s.submit(
        "UA",
        json!({ "type": "aid.received", "commitment": "A-ADI-1", "quantity": 10 }),
    )
    .await;
    s.submit(
        "A",
        json!({ "type": "training.cohort_started", "cohort": "A-C1", "centre": "a-centre", "trainees": 300 }),
    )
    .await;
    s
}

#[tokio::test]
async fn capabilities_is_the_ledgers_report_and_is_cached() {
    let s = recorded("capabilities-report").await;
    let first = s.get("/v1/capabilities").await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text());
    assert_eq!(first.content_type(), "application/json");
    let caps = first.json();
    schema::check(&caps, "CapabilitiesReport");
    assert_eq!(caps, report(&s).await);
    assert_eq!(caps["as_of"], T0);
    // Before any activation: every package is ready from stock, except that the reserve's
    // shells compete with B's for the same lot and need the contract.
    let packages = caps["readiness"]["packages"].as_array().unwrap();
    let air = packages
        .iter()
        .find(|p| p["package"] == "air-defence")
        .unwrap();
    assert_eq!(air["covered"], true, "{air}");
    let lots = &caps["stockpiles"][0];
    assert_eq!(lots["location"], "PL");
    assert_eq!(lots["name"], "Poland");
    assert_eq!(
        lots["available_by_item"],
        json!([["155mm-shell", 12000], ["interceptor", 150]])
    );
    assert_eq!(caps["restrictions"][0]["status"], "in_force");
    assert_eq!(
        caps["restrictions"][0]["lifted_on_activation_of"],
        json!(["restriction-lift"])
    );
    assert_eq!(
        caps["restrictions"][1]["lifted_on_activation_of"],
        json!([])
    );
    assert_eq!(caps["deliveries"]["commitments"][0]["state"], "on_time");
    assert_eq!(caps["training"][0]["started_last_30d"], 300);
    assert_eq!(caps["training"][0]["utilisation_percent"], "30.0");

    // Cached per log size: the same bytes again, until a new entry.
    let cached = s.state().cached_capabilities().unwrap().unwrap();
    assert_eq!(cached.json, first.body, "the answer is cached");
    assert_eq!(s.get("/v1/capabilities").await.body, first.body);
    // Each part is the same part of the same report.
    for (path, key) in [
        ("/v1/capabilities/readiness", "readiness"),
        ("/v1/capabilities/deliveries", "deliveries"),
        ("/v1/capabilities/stockpiles", "stockpiles"),
        ("/v1/capabilities/training", "training"),
        ("/v1/capabilities/restrictions", "restrictions"),
    ] {
        let part = s.get(path).await;
        assert_eq!(part.status, StatusCode::OK, "{path}: {}", part.text());
        assert_eq!(part.content_type(), "application/json", "{path}");
        assert_eq!(part.json(), caps[key], "{path}");
    }
    schema::check(
        &s.get("/v1/capabilities/readiness").await.json(),
        "Readiness",
    );
    schema::check(
        &s.get("/v1/capabilities/deliveries").await.json(),
        "Deliveries",
    );
    for (path, name) in [
        ("/v1/capabilities/stockpiles", "CapabilityLocation"),
        ("/v1/capabilities/training", "CapabilityCentre"),
        ("/v1/capabilities/restrictions", "CapabilityRestriction"),
    ] {
        for item in s.get(path).await.json().as_array().unwrap() {
            schema::check(item, name);
        }
    }
    assert_eq!(
        s.state().cached_capabilities().unwrap().unwrap().json,
        first.body
    );

    // A new entry: the cache is stale, and the next answer is the new report.
    s.submit(
        "A",
        json!({ "type": "training.cohort_completed", "cohort": "A-C1", "trainees": 290 }),
    )
    .await;
    assert!(s.state().cached_capabilities().is_none());
    let after = s.get("/v1/capabilities").await.json();
    assert_eq!(after, report(&s).await);
    assert_eq!(after["training"][0]["completed"], 290);
    assert_eq!(after["training"][0]["cohorts"][0]["completed"], 290);

    // The same section is in the whole state, which matches the document with it.
    let state = s.get("/v1/state").await.json();
    schema::check(&state, "Report");
    assert_eq!(state["capabilities"], after);
    s.stop().await;
}

#[tokio::test]
async fn the_activation_draws_down_lifts_restrictions_and_receipts_count() {
    let s = recorded("capabilities-activation").await;
    s.submit("UA", claim_filed("C1", 3)).await;
    for p in ["A", "B"] {
        s.submit(p, vote("C1", "founded")).await;
    }
    let caps = s.get("/v1/capabilities").await.json();
    schema::check(&caps, "CapabilitiesReport");
    assert_eq!(caps, report(&s).await);
    // The charter's rule lifted A's long-range restriction at the activation, not R-ART.
    let r = &caps["restrictions"][0];
    assert_eq!(
        (&r["restriction"], &r["status"], &r["activation"]),
        (&json!("R-LR"), &json!("lifted"), &json!("A1"))
    );
    assert_eq!(r["lifted_by"], Value::Null);
    assert_eq!(caps["restrictions"][1]["status"], "in_force");
    // Drawn down: 100 interceptors and all 12,000 shells; 4,000 called off B's contract.
    let lots = caps["stockpiles"][0]["lots"].as_array().unwrap();
    assert_eq!(lots[0]["available"], 50);
    assert_eq!(lots[1]["available"], 0);
    assert_eq!(caps["contracts"][0]["called_off"], 4000);
    let obligations = caps["obligations"].as_array().unwrap();
    assert_eq!(obligations.len(), 3);
    let air = &obligations[0];
    assert_eq!(air["obligation"], "A1/air-defence/1");
    assert_eq!(air["from_stock"], 100);
    // A receipt against the obligation counts.
    s.submit(
        "UA",
        json!({ "type": "aid.received", "obligation": "A1/air-defence/1", "quantity": 100, "reference": "Receipt 1" }),
    )
    .await;
    let caps = s.get("/v1/capabilities").await.json();
    assert_eq!(caps["obligations"][0]["received"], 100);
    assert!(caps["obligations"][0]["fulfilled_at"].is_string());
    assert_eq!(caps, report(&s).await);
    s.stop().await;
}

#[tokio::test]
async fn readiness_at_a_later_instant_and_the_problems_of_a_bad_at() {
    let s = recorded("capabilities-readiness").await;
    // Later: the contract has had time to produce, so more is ready.
    let later = "2026-02-15T00:00:00Z";
    let reply = s
        .get(&format!("/v1/capabilities/readiness?at={later}"))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let r = reply.json();
    schema::check(&r, "Readiness");
    assert_eq!(r["at"], later);
    assert_eq!(r, readiness_at(&s, ts(later)).await);
    assert_ne!(r, report(&s).await["readiness"]);
    // At the record's latest instant: the report's own.
    let now = s.get(&format!("/v1/capabilities/readiness?at={T0}")).await;
    assert_eq!(now.json(), report(&s).await["readiness"]);
    // An offset is read too.
    let offset = s
        .get("/v1/capabilities/readiness?at=2026-02-15T01:00:00%2B01:00")
        .await;
    assert_eq!(offset.json(), r);

    for (query, code) in [
        ("at=2026-01-09T23:59:59Z", "out_of_range"),
        ("at=yesterday", "bad_time"),
        ("at=2026-02-15", "bad_time"),
        ("at=", "bad_time"),
        (
            "at=2026-02-15T00:00:00Z&at=2026-02-16T00:00:00Z",
            "malformed",
        ),
    ] {
        let p = s
            .get(&format!("/v1/capabilities/readiness?{query}"))
            .await
            .problem(400, code);
        assert_eq!(p["field"], "at", "{query}: {p}");
    }
    let p = s
        .get("/v1/capabilities/readiness?at=yesterday&when=now")
        .await
        .problem(400, "malformed");
    assert_eq!(p["field"], "when");
    s.stop().await;
}

#[tokio::test]
async fn without_anything_to_track_every_endpoint_is_a_404() {
    let s = Server::start("no-capabilities").await;
    let paths = [
        "/v1/capabilities",
        "/v1/capabilities/readiness",
        "/v1/capabilities/deliveries",
        "/v1/capabilities/stockpiles",
        "/v1/capabilities/training",
        "/v1/capabilities/restrictions",
    ];
    for path in paths {
        let p = s.get(path).await.problem(404, "no_capabilities");
        assert!(p["detail"].as_str().unwrap().contains("[capabilities]"));
    }
    // Cached like an answer: the same problem again.
    assert!(s.state().cached_capabilities().unwrap().is_none());
    s.submit("UA", claim_filed("C1", 1)).await;
    for path in paths {
        s.get(path).await.problem(404, "no_capabilities");
    }
    // The query is read first.
    s.get("/v1/capabilities/readiness?at=soon")
        .await
        .problem(400, "bad_time");
    let state = s.get("/v1/state").await.json();
    assert!(state.get("capabilities").is_none(), "{state}");
    s.stop().await;

    // A charter with capabilities but an empty log: nothing recorded yet, no instant yet.
    let s = Server::start_with("no-capabilities-yet", CAPABILITIES).await;
    s.get("/v1/capabilities")
        .await
        .problem(404, "no_capabilities");
    s.stop().await;
}
