//! The register of measures through the API: `/v1/measures` (paged) and `/v1/measures/{id}`
//! against the ledger's own state, a measure recorded in force by its owner, the owner rule,
//! and the problems of an unknown id.

use serde_json::{Value, json};

use crate::schema;
use crate::support::*;

#[tokio::test]
async fn the_register_is_served_with_every_step_and_its_article() {
    let s = Server::start_with("measures", MEASURES).await;
    let page = s.get("/v1/measures").await.json();
    schema::check(&page["measures"][0], "Measure");
    let ids: Vec<&str> = page["measures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "a-sanctions",
            "b-sanctions",
            "c-intel",
            "council-measures",
            "standing-commitment"
        ]
    );
    assert_eq!(page["total"], 5);
    assert_eq!(page["measures"][0]["state"], "suspended");
    assert_eq!(page["measures"][0]["level"], "targeted");

    // Only the owner (or the secretariat) records a measure's state.
    let refused = s
        .post_json(
            "/v1/entries",
            &s.entry(
                "C",
                json!({ "type": "measure.recorded", "measure": "b-sanctions", "state": "in_force", "reference": "not mine" }),
            ),
        )
        .await;
    refused.problem(422, "not_measure_owner");
    s.submit(
        "B",
        json!({ "type": "measure.recorded", "measure": "b-sanctions", "state": "in_force", "reference": "B's gazette" }),
    )
    .await;
    let b = s.get("/v1/measures/b-sanctions").await.json();
    schema::check(&b, "Measure");
    assert_eq!(b["state"], "in_force");
    let last = &b["history"][1];
    assert_eq!(
        (&last["state"], &last["cause"], &last["article"]),
        (&json!("in_force"), &json!("recorded"), &json!("Art. 8"))
    );
    // The API and the ledger's own state agree.
    let ledger: Value = s
        .state()
        .node()
        .run(|ctx| {
            let state = ctx.ledger.state();
            serde_json::to_value(state.measures.as_of(state.as_of)).unwrap()
        })
        .await
        .unwrap();
    assert_eq!(s.get("/v1/measures").await.json()["measures"], ledger);

    s.get("/v1/measures/no-such-measure")
        .await
        .problem(404, "not_found");
    s.get("/v1/measures?limit=0")
        .await
        .problem(400, "out_of_range");
    s.stop().await;
}

#[tokio::test]
async fn relief_under_review_is_reported_refused_directly_and_served_step_by_step() {
    // c-intel (owner C, in force) gains a review: both bodies must disapprove, A may veto.
    let charter = MEASURES.replacen(
        "sunset_after = \"30d\"\n",
        "sunset_after = \"30d\"\n\n[measure.review]\nbodies = [\"ministers\", \"council\"]\nwindow = \"10d\"\nveto = \"A\"\noverride = \"two-thirds-of-votes-cast\"\narticle = \"Art. 9(2)\"\n",
        1,
    );
    let s = Server::start_with("measures-review", &charter).await;
    // Relief recorded directly is refused: it must be reported and wait for the review.
    s.post_json(
        "/v1/entries",
        &s.entry(
            "C",
            json!({ "type": "measure.recorded", "measure": "c-intel", "state": "suspended", "reference": "cabinet" }),
        ),
    )
    .await
    .problem(422, "relief_needs_review");
    // No disapproval awaits a veto yet.
    s.post_json(
        "/v1/entries",
        &s.entry(
            "A",
            json!({ "type": "measure.relief_vetoed", "measure": "c-intel" }),
        ),
    )
    .await
    .problem(422, "veto_not_open");
    s.submit(
        "C",
        json!({ "type": "measure.relief_reported", "measure": "c-intel", "state": "suspended", "reference": "report to the ministers" }),
    )
    .await;
    // A second report while the first is under review is refused.
    s.post_json(
        "/v1/entries",
        &s.entry(
            "C",
            json!({ "type": "measure.relief_reported", "measure": "c-intel", "state": "terminated", "reference": "again" }),
        ),
    )
    .await
    .problem(422, "review_open");
    let m = s.get("/v1/measures/c-intel").await.json();
    schema::check(&m, "Measure");
    assert_eq!(m["state"], "in_force", "the relief waits for the review");
    let review = &m["reviews"][0];
    assert_eq!(
        (&review["review"], &review["relief"], &review["article"]),
        (&json!(1), &json!("suspended"), &json!("Art. 9(2)"))
    );
    assert_eq!(review["steps"][0]["step"], "opened");
    assert!(review["steps"][0]["until"].is_string());
    // The disapproval motions are decisions members vote on.
    let decisions = s.get("/v1/decisions").await.json();
    let ids: Vec<&str> = decisions["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"c-intel/review/1/disapproval/ministers")
            && ids.contains(&"c-intel/review/1/disapproval/council"),
        "{ids:?}"
    );
}

/// The five-guarantor charter with X as a monitor and a rule: one UTC day above 10 incidents.
fn monitored() -> String {
    FIVE.replacen(
        "id = \"X\"\nname = \"Observer X\"\nroles = [\"observer\"]",
        "id = \"X\"\nname = \"Monitor X\"\nroles = [\"monitor\"]",
        1,
    ) + "\n[[alert]]\nid = \"day-over-10\"\nname = \"A day above 10 incidents\"\nmonitor = \"X\"\nwindow = { ends = \"00:00\", zone = \"UTC\" }\nwhen = { kind = \"consecutive\", windows = 1, above = 10 }\narticle = \"Art. 9\"\n"
}

#[tokio::test]
async fn alerts_are_served_as_derived_and_only_monitors_report() {
    let charter = monitored();
    assert!(
        charter.contains("roles = [\"monitor\"]"),
        "X became a monitor"
    );
    let s = Server::start_with("alerts", &charter).await;
    let report = |id: &str, n: u64| json!({ "type": "monitor.report", "report": id, "area": "east", "from": "2026-01-08T00:00:00Z", "until": "2026-01-09T00:00:00Z", "counts": { "shelling": n } });
    s.post_json("/v1/entries", &s.entry("UA", report("UA-1", 50)))
        .await
        .problem(422, "not_monitor");
    s.submit("X", report("X-1", 20)).await;
    s.post_json("/v1/entries", &s.entry("X", report("X-1", 20)))
        .await
        .problem(422, "duplicate_report");
    let page = s.get("/v1/alerts").await.json();
    assert_eq!(page["total"], 1);
    let alert = &page["alerts"][0];
    schema::check(alert, "Alert");
    assert_eq!(alert["alert"], "day-over-10");
    assert_eq!(alert["area"], "east");
    assert_eq!(alert["window_end"], "2026-01-09T00:00:00Z");
    assert_eq!(alert["value"], 20);
    assert!(alert["explanation"].as_str().unwrap().contains("Art. 9"));
    let empty = Server::start_with("no-alerts", MEASURES).await;
    assert_eq!(empty.get("/v1/alerts").await.json()["total"], 0);
}
