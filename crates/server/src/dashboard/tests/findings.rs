//! A contested claim's page: filed under a truce, replied to by the accused side and graded by
//! the body, each step on the timeline and in the explanation, the reply's text escaped.

use super::*;

const TRUCE: &str = "\n[[truce]]\nid = \"energy\"\nname = \"Energy <moratorium>\"\nsides = [\"UA\", \"G5\"]\ncategories = [\"energy\"]\nfrom = 2026-02-01T00:00:00Z\nuntil = 2026-04-01T00:00:00Z\nbody = \"ministers\"\nreply_within = \"24h\"\narticle = \"Art. 9\"\n";

#[tokio::test]
async fn a_contested_claim_shows_its_truce_reply_and_grading() {
    let f = Fixture::with_extra("contested", TRUCE).await;
    f.submit("UA", json!({ "type": "claim.filed", "claim": "C-7", "category": "energy", "severity": 1, "summary": "Strike on a substation", "truce": "energy" })).await;
    f.submit(
        "G5",
        json!({ "type": "reply.filed", "claim": "C-7", "summary": "Not <ours>" }),
    )
    .await;
    f.submit("G1", json!({ "type": "decision.opened", "decision": "G-7", "body": "ministers", "motion": "Grade it serious", "decide_within": "1d", "claim": "C-7", "severity": 3, "attribution": "G5" })).await;
    for party in ["G1", "G2", "G3"] {
        f.submit(
            party,
            json!({ "type": "vote.cast", "decision": "G-7", "vote": "yes" }),
        )
        .await;
    }
    let (status, body) = f.get("/claims/C-7").await;
    assert_eq!(status, StatusCode::OK);
    assert_page(&body);
    for kind in ["reply", "graded"] {
        assert!(
            body.contains(&format!(r#"data-kind="{kind}""#)),
            "the timeline shows the {kind}: {body}"
        );
    }
    assert!(body.contains("Not &lt;ours&gt;"), "the reply is escaped");
    assert!(!body.contains("Not <ours>"));
    assert!(body.contains("Energy &lt;moratorium&gt;"));
    assert!(body.contains("G5 replied at"));
    assert!(
        body.contains("severity 3 (tier minor) attributed to G5"),
        "{body}"
    );
    f.stop().await;
}
