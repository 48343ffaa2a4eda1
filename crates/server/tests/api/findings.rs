//! Truces, replies and graded findings through the API: a claim under a truce with its accused
//! side's reply, refusals outside the truce as problem+json, and the body's findings (an
//! extension, a grading) served on the claim, every field in the `Claim` schema.

use serde_json::json;

use crate::schema;
use crate::support::*;

/// The truces test charter with the test key holder X as the truces' other side.
fn truces() -> String {
    include_str!("../../../../scenarios/charters/truces.toml").replace("\"RU\"", "\"X\"")
}

#[tokio::test]
async fn a_truce_claim_is_replied_to_extended_and_graded_through_the_api() {
    let s = Server::start_with("truces", &truces()).await;
    s.clock.set(ts("2026-03-20T09:00:00Z"));
    let filing = |claim: &str, category: &str| {
        json!({ "type": "claim.filed", "claim": claim, "category": category, "severity": 2,
            "summary": "Strike on a substation", "truce": "energy" })
    };
    s.post_json("/v1/entries", &s.entry("UA", filing("C0", "shelling")))
        .await
        .problem(422, "outside_scope");
    s.submit("UA", filing("C1", "energy")).await;
    let reply = json!({ "type": "reply.filed", "claim": "C1", "summary": "Not ours" });
    s.post_json("/v1/entries", &s.entry("A", reply.clone()))
        .await
        .problem(422, "not_accused");
    s.clock.set(ts("2026-03-20T10:00:00Z"));
    s.submit("X", reply.clone()).await;
    s.post_json("/v1/entries", &s.entry_with("X", "second", reply))
        .await
        .problem(422, "already_replied");
    let motion = |id: &str, extra: serde_json::Value| {
        let mut m = json!({ "type": "decision.opened", "decision": id, "body": "ministers",
            "motion": "A finding", "decide_within": "1d", "claim": "C1" });
        m.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        m
    };
    s.submit("A", motion("M1", json!({ "inconclusive": true })))
        .await;
    s.submit(
        "A",
        motion("G1", json!({ "severity": 4, "attribution": "X" })),
    )
    .await;
    for member in ["A", "B", "C"] {
        for decision in ["M1", "G1"] {
            s.submit(
                member,
                json!({ "type": "vote.cast", "decision": decision, "vote": "yes" }),
            )
            .await;
        }
    }
    let page = s.get("/v1/claims/C1").await.json();
    let claim = &page["claim"];
    schema::check(claim, "Claim");
    assert_eq!(claim["truce"], "energy");
    assert_eq!(claim["accused"], "X");
    assert_eq!(claim["reply"]["party"], "X");
    assert_eq!(claim["reply_until"], "2026-03-21T09:00:00Z");
    assert_eq!(claim["extended_by"], "M1");
    // 48 hours after filing, extended once by the charter's 72 hours.
    assert_eq!(claim["deadline"], "2026-03-25T09:00:00Z");
    assert_eq!(claim["graded"]["severity"], 4);
    assert_eq!(claim["graded"]["tier"], "serious");
    assert_eq!(claim["graded"]["attribution"], "X");
    let explanation = claim["explanation"].as_str().unwrap();
    assert!(explanation.contains("Art. 4a"), "{explanation}");
    assert!(explanation.contains("X replied"), "{explanation}");
    s.post_json(
        "/v1/entries",
        &s.entry("B", motion("M2", json!({ "inconclusive": true }))),
    )
    .await
    .problem(422, "already_extended");
}
