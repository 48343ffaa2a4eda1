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
