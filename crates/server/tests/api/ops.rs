//! Probes, metrics, and bearer tokens.

use axum::http::StatusCode;
use serde_json::Value;

use crate::support::*;

#[tokio::test]
async fn health_and_readiness() {
    let s = Server::start("probes").await;
    let h = s.get("/healthz").await;
    assert_eq!((h.status, h.text().as_str()), (StatusCode::OK, "ok\n"));
    let r = s.get("/readyz").await;
    assert_eq!(
        (r.status, r.text().as_str()),
        (StatusCode::OK, "ready: 0 entries\n")
    );
    s.submit("UA", claim_filed("C1", 1)).await;
    assert_eq!(s.get("/readyz").await.text(), "ready: 1 entries\n");
    s.stop().await;
}

/// The value of a metric line `name value`.
fn metric(text: &str, name: &str) -> Option<f64> {
    text.lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')?.parse().ok())
}

#[tokio::test]
async fn metrics_count_appends_and_rejections_by_reason() {
    let s = Server::start("metrics").await;
    let m = s.get("/metrics").await;
    assert_eq!(m.status, StatusCode::OK);
    assert_eq!(m.content_type(), "text/plain; version=0.0.4");
    assert_eq!(
        metric(&m.text(), "snapback_entries_appended_total"),
        Some(0.0)
    );
    s.submit("UA", claim_filed("C1", 3)).await;
    for p in ["A", "B", "C"] {
        s.submit(p, vote("C1", "founded")).await;
    }
    let size = s.stored_entries().await.len() as f64;
    // Refusals: two by the engine's rules, one by the log.
    for id in ["C8", "C9"] {
        let r = s
            .post_json("/v1/entries", &s.entry("A", claim_filed(id, 2)))
            .await;
        refused(&r, 422, "no_standing");
    }
    let again = s.entry_with("UA", "same", claim_filed("C2", 1));
    s.post_json("/v1/entries", &again).await;
    let other = s.entry_with("UA", "same", claim_filed("C3", 1));
    refused(
        &s.post_json("/v1/entries", &other).await,
        409,
        "nonce_reused",
    );
    let text = s.get("/metrics").await.text();
    assert_eq!(
        metric(&text, "snapback_entries_appended_total"),
        Some(size + 1.0),
        "{text}"
    );
    assert_eq!(
        metric(
            &text,
            "snapback_entries_rejected_total{reason=\"no_standing\"}"
        ),
        Some(2.0),
        "{text}"
    );
    assert_eq!(
        metric(
            &text,
            "snapback_entries_rejected_total{reason=\"nonce_reused\"}"
        ),
        Some(1.0)
    );
    assert_eq!(metric(&text, "snapback_deadlines_fired_total"), Some(0.0));
    assert!(text.contains("snapback_request_duration_seconds_count{route=\"/v1/entries\"}"));
    s.stop().await;
}

/// C1 with public, restricted and confidential evidence.
async fn classified(name: &str) -> Server {
    let s = Server::start(name).await;
    s.submit("UA", claim_filed("C1", 2)).await;
    s.submit("UA", evidence("C1", "public", 1)).await;
    s.submit("UA", evidence("C1", "restricted", 2)).await;
    s.submit("UA", evidence("C1", "confidential", 3)).await;
    s
}

fn classifications(claim: &Value) -> Vec<String> {
    claim["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["classification"].as_str().unwrap().to_owned())
        .collect()
}

/// The fields of a claim's evidence items, as `classification: field, field...`.
fn fields(claim: &Value) -> Vec<String> {
    claim["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let mut keys: Vec<&str> = e.as_object().unwrap().keys().map(String::as_str).collect();
            keys.sort_unstable();
            format!(
                "{}: {}",
                e["classification"].as_str().unwrap(),
                keys.join(",")
            )
        })
        .collect()
}

#[tokio::test]
async fn classified_evidence_is_sealed_for_every_reader() {
    let s = classified("tokens").await;
    let bearer = format!("Bearer {}", s.token);
    let auth = [("authorization", bearer.as_str())];
    // The state holds no classified content: every reader, with or without a token, sees the
    // public item in full and the classified ones as marking, releasable_to and commitment.
    let expected = [
        "public: at,classification,digest,party,source_kind",
        "restricted: at,classification,commitment,party,releasable_to",
        "confidential: at,classification,commitment,party,releasable_to",
    ];
    for headers in [&auth[..], &[]] {
        let claim = s.get_with("/v1/claims/C1", headers).await.json();
        assert_eq!(fields(&claim["claim"]), expected);
        assert_eq!(
            claim["timeline"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|i| i["kind"] == "evidence")
                .count(),
            3
        );
        let state = s.get_with("/v1/state", headers).await;
        assert_eq!(fields(&state.json()["claims"][0]), expected);
        let list = s.get_with("/v1/claims", headers).await.json();
        assert_eq!(fields(&list["claims"][0]), expected);
        for text in [claim.to_string(), state.text(), list.to_string()] {
            assert!(
                text.contains(&"01".repeat(32)),
                "the public digest is shown"
            );
            for byte in ["02", "03"] {
                assert!(
                    !text.contains(&byte.repeat(32)),
                    "a classified digest leaked"
                );
            }
            assert!(!text.contains("satellite\",\"classification\":\"restricted"));
        }
    }
    assert_eq!(
        classifications(&s.get("/v1/claims").await.json()["claims"][0]),
        ["public", "restricted", "confidential"]
    );

    // Tokens the log did not issue, and headers that are not bearer tokens.
    for value in [
        "Bearer not-a-token",
        "Basic dXNlcjpwYXNz",
        "Bearer",
        "token",
    ] {
        let header = [("authorization", value)];
        for uri in ["/v1/claims/C1", "/v1/claims", "/v1/state"] {
            s.get_with(uri, &header).await.problem(401, "bad_token");
        }
    }
    s.stop().await;
}

/// Regression: unmatched paths and wrong methods answered with an empty body, not problem+json.
#[tokio::test]
async fn unknown_paths_and_wrong_methods_are_problems() {
    let s = Server::start("fallbacks").await;
    let p = s.get("/v2/state").await.problem(404, "no_route");
    assert!(p["detail"].as_str().unwrap().contains("/v2/state"), "{p}");
    let p = s
        .post("/v1/state", "{}")
        .await
        .problem(405, "method_not_allowed");
    assert!(p["detail"].as_str().unwrap().contains("POST"), "{p}");
    s.stop().await;
}
