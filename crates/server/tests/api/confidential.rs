//! Classified evidence never leaks: the log holds only its marking, `releasable_to` and a
//! commitment; its content is released by `GET /v1/evidence/{commitment}` only to a token the
//! release rule admits. The leak test requests every route of `app::routes()` (so a new route
//! cannot be forgotten), the live stream, a webhook delivery and the metrics, anonymously and
//! with under-cleared tokens, and looks for canary strings planted in the sealed content.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use http_body_util::BodyExt as _;
use serde_json::{Value, json};
use snapback_ledger::Submission;
use snapback_log::entry::{EntryBody, EntryKind};
use snapback_log::sealed::{Sealed, SealedContent};
use snapback_server::auth::Clearance;

use crate::support::*;

const SUMMARY_CANARY: &str = "CANARY-summary-q7Zx";
const KIND_CANARY: &str = "canary-kind-W3kp";
/// 64 hex digits that appear nowhere else.
const DIGEST_CANARY: &str = "5eb7c1a555eb7c1a555eb7c1a555eb7c1a555eb7c1a555eb7c1a555eb7c1a55c";

fn canaries() -> [&'static str; 3] {
    [SUMMARY_CANARY, KIND_CANARY, DIGEST_CANARY]
}

#[track_caller]
fn assert_no_canary(what: &str, text: &str) {
    for c in canaries() {
        assert!(!text.contains(c), "{what} leaks `{c}`:\n{text}");
    }
}

/// Secret evidence on C1, releasable to A, with canaries in its summary, digest and source kind.
fn secret_evidence() -> Value {
    json!({
        "type": "evidence.submitted", "claim": "C1", "classification": "secret",
        "releasable_to": ["A"],
        "source_kind": KIND_CANARY,
        "digest": format!("sha256:{DIGEST_CANARY}"),
        "summary": format!("Columns crossing the line {SUMMARY_CANARY}"),
    })
}

/// A server with C1 filed, the secret item submitted (sealed by the signing path), and a public
/// item; returns the item's index and commitment.
async fn with_secret(name: &str) -> (Server, u64, String) {
    let s = Server::start(name).await;
    s.submit("UA", claim_filed("C1", 2)).await;
    let answer = s.submit("UA", secret_evidence()).await;
    let index = answer["index"].as_u64().unwrap();
    s.submit("UA", evidence("C1", "public", 1)).await;
    let entries = s.log_entries().await;
    let event = &entries[index as usize]["body"]["event"];
    let commitment = event["commitment"].as_str().unwrap().to_owned();
    (s, index, commitment)
}

/// One SSE stream, read until an entry with `id` arrives; returns everything read.
async fn read_stream_until(s: &Server, id: u64) -> String {
    let request = Request::builder()
        .method(Method::GET)
        .uri("/v1/events")
        .header("last-event-id", "0")
        .body(Body::empty())
        .unwrap();
    let response = s.send(request).await;
    assert_eq!(response.status(), StatusCode::OK);
    let mut body = response.into_body();
    let mut text = String::new();
    while !text.contains(&format!("id: {id}\n")) || !text.ends_with("\n\n") {
        let frame = tokio::time::timeout(Duration::from_secs(5), body.frame())
            .await
            .expect("an event within 5 s")
            .expect("the stream goes on")
            .unwrap();
        if let Ok(data) = frame.into_data() {
            text.push_str(std::str::from_utf8(&data).unwrap());
        }
    }
    text
}

/// Every way to request each route of `app::routes()`: the URIs to GET, with real ids and the
/// query parameters a route needs. `None` for the routes requested otherwise (POST routes, and
/// the live stream, read by `read_stream_until`).
fn requests(index: u64, commitment: &str) -> BTreeMap<&'static str, Option<Vec<String>>> {
    let gets = |uris: &[&str]| Some(uris.iter().map(|u| (*u).to_owned()).collect::<Vec<_>>());
    BTreeMap::from([
        ("/v1/entries", None),
        ("/v1/state", gets(&["/v1/state"])),
        ("/v1/claims", gets(&["/v1/claims"])),
        ("/v1/claims/{id}", gets(&["/v1/claims/C1"])),
        ("/v1/decisions", gets(&["/v1/decisions"])),
        ("/v1/obligations", gets(&["/v1/obligations"])),
        ("/v1/measures", gets(&["/v1/measures"])),
        ("/v1/alerts", gets(&["/v1/alerts"])),
        ("/v1/measures/{id}", gets(&["/v1/measures/eu-sectoral"])),
        (
            "/v1/parties/{id}",
            gets(&["/v1/parties/UA", "/v1/parties/A"]),
        ),
        ("/v1/fund", gets(&["/v1/fund"])),
        ("/v1/fund/transfers", gets(&["/v1/fund/transfers?from=0"])),
        ("/v1/capabilities", gets(&["/v1/capabilities"])),
        (
            "/v1/capabilities/readiness",
            gets(&["/v1/capabilities/readiness"]),
        ),
        (
            "/v1/capabilities/deliveries",
            gets(&["/v1/capabilities/deliveries"]),
        ),
        (
            "/v1/capabilities/stockpiles",
            gets(&["/v1/capabilities/stockpiles"]),
        ),
        (
            "/v1/capabilities/training",
            gets(&["/v1/capabilities/training"]),
        ),
        (
            "/v1/capabilities/restrictions",
            gets(&["/v1/capabilities/restrictions"]),
        ),
        ("/v1/log/checkpoint", gets(&["/v1/log/checkpoint"])),
        (
            "/v1/log/checkpoint/witnessed",
            gets(&["/v1/log/checkpoint/witnessed"]),
        ),
        ("/v1/log/witnesses", gets(&["/v1/log/witnesses"])),
        (
            "/v1/log/entries",
            Some(vec!["/v1/log/entries?from=0".to_owned()]),
        ),
        (
            "/v1/log/proof/inclusion",
            Some(vec![format!("/v1/log/proof/inclusion?index={index}")]),
        ),
        (
            "/v1/log/proof/consistency",
            gets(&["/v1/log/proof/consistency?from=1"]),
        ),
        ("/v1/log/cosignature", None),
        (
            "/v1/evidence/{commitment}",
            Some(vec![format!("/v1/evidence/{commitment}")]),
        ),
        ("/v1/events", None),
        ("/v1/openapi.json", gets(&["/v1/openapi.json"])),
        ("/healthz", gets(&["/healthz"])),
        ("/readyz", gets(&["/readyz"])),
        ("/metrics", gets(&["/metrics"])),
        ("/", gets(&["/", "/?fragment=main"])),
        (
            "/claims/{id}",
            gets(&["/claims/C1", "/claims/C1?fragment=main"]),
        ),
        ("/guarantors", gets(&["/guarantors"])),
        ("/measures", gets(&["/measures", "/measures?fragment=main"])),
        ("/charter", gets(&["/charter", "/charter?fragment=main"])),
        (
            "/monitoring",
            gets(&["/monitoring", "/monitoring?fragment=main"]),
        ),
        ("/fund", gets(&["/fund"])),
        ("/capabilities", gets(&["/capabilities"])),
        (
            "/capabilities/deliveries",
            gets(&["/capabilities/deliveries"]),
        ),
        (
            "/capabilities/stockpiles",
            gets(&["/capabilities/stockpiles"]),
        ),
        ("/capabilities/training", gets(&["/capabilities/training"])),
        (
            "/capabilities/restrictions",
            gets(&["/capabilities/restrictions"]),
        ),
        ("/log", gets(&["/log", "/log?before=3"])),
        ("/api", gets(&["/api", "/api?fragment=main"])),
        ("/assets/dashboard.css", gets(&["/assets/dashboard.css"])),
        ("/assets/dashboard.js", gets(&["/assets/dashboard.js"])),
    ])
}

/// Collects webhook deliveries on a loopback receiver.
async fn webhook_receiver() -> (String, Arc<Mutex<Vec<String>>>) {
    let got: Arc<Mutex<Vec<String>>> = Arc::default();
    let sink = Arc::clone(&got);
    let router = axum::Router::new().route(
        "/hook",
        axum::routing::post(move |body: String| {
            let sink = Arc::clone(&sink);
            async move {
                sink.lock().unwrap().push(body);
                StatusCode::OK
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    (url, got)
}

#[tokio::test]
async fn no_route_stream_webhook_or_metric_leaks_classified_content() {
    let s = Server::start("leaks").await;
    // A webhook for A (in REL TO, so if anything were delivered to a releasee it would be A),
    // registered before anything is logged.
    let (url, deliveries) = webhook_receiver().await;
    let hooks = json!([{ "id": "wh1", "party": "A", "url": url, "secret": "00".repeat(32) }]);
    s.state()
        .node()
        .run(move |ctx| {
            ctx.ledger.set_meta("webhooks", &hooks.to_string())?;
            ctx.ledger.set_meta("webhook-cursor:wh1", "0")
        })
        .await
        .unwrap()
        .unwrap();
    s.submit("UA", claim_filed("C1", 2)).await;
    let index = s.submit("UA", secret_evidence()).await["index"]
        .as_u64()
        .unwrap();
    s.submit("UA", evidence("C1", "public", 1)).await;
    // An entry addressed to the webhook after the secret item, so delivery passes over it.
    s.submit("UA", claim_filed("C2", 1)).await;
    let entries = s.log_entries().await;
    let commitment = entries[index as usize]["body"]["event"]["commitment"]
        .as_str()
        .unwrap()
        .to_owned();

    // The readers: anonymous; a cleared party outside REL TO; a REL TO party under-cleared.
    let outsider = s.token_for("B", Clearance::Secret).await;
    let under_cleared = s.token_for("A", Clearance::Confidential).await;
    let readers: [(&str, Option<String>); 3] = [
        ("anonymous", None),
        (
            "B, secret, not in REL TO",
            Some(format!("Bearer {outsider}")),
        ),
        (
            "A, in REL TO, confidential",
            Some(format!("Bearer {under_cleared}")),
        ),
    ];

    let plan = requests(index, &commitment);
    let mut covered = Vec::new();
    for (path, _) in snapback_server::app::routes() {
        let how = plan.get(path).unwrap_or_else(|| {
            panic!("route {path} has no way to be requested in this test: add it to `requests`")
        });
        covered.push(path);
        let Some(uris) = how else { continue };
        for uri in uris {
            for (who, auth) in &readers {
                let headers: Vec<(&str, &str)> = auth
                    .as_deref()
                    .map(|a| vec![("authorization", a)])
                    .unwrap_or_default();
                let reply = s.get_with(uri, &headers).await;
                assert!(
                    reply.status != StatusCode::NOT_FOUND || reply.text().contains("\"code\""),
                    "{uri} as {who}: {}",
                    reply.status
                );
                assert_no_canary(&format!("GET {uri} as {who}"), &reply.text());
                if path == "/v1/evidence/{commitment}" {
                    let code = if auth.is_none() { 401 } else { 403 };
                    let expected = if auth.is_none() {
                        "token_required"
                    } else {
                        "not_releasable"
                    };
                    let p = reply.problem(code, expected);
                    if who.starts_with('B') {
                        assert!(
                            p["detail"].as_str().unwrap().contains("releasable only"),
                            "{p}"
                        );
                    } else if who.starts_with('A') {
                        assert!(p["detail"].as_str().unwrap().contains("clearance"), "{p}");
                    }
                }
            }
        }
    }
    // The POST routes answer without content too.
    let reply = s.post("/v1/log/cosignature", "{}").await;
    assert_no_canary("POST /v1/log/cosignature", &reply.text());
    let reply = s
        .post_json("/v1/entries", &s.entry("UA", secret_evidence()))
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    assert_no_canary("POST /v1/entries", &reply.text());
    // Every route of the list was planned (the list above is exhaustive by construction).
    assert_eq!(covered.len(), snapback_server::app::routes().len());
    assert!(
        plan.keys().all(|p| covered.contains(p)),
        "stale entries in `requests`"
    );

    // The live stream, read until the secret entry and the ones after it arrive.
    let stream = read_stream_until(&s, index + 2).await;
    assert!(stream.contains("\"commitment\""), "{stream}");
    assert_no_canary("GET /v1/events", &stream);

    // A webhook delivery, and everything delivered.
    eventually("a webhook delivery after the secret entry", || {
        let got = Arc::clone(&deliveries);
        async move { got.lock().unwrap().iter().any(|b| b.contains("\"C2\"")) }
    })
    .await;
    for body in deliveries.lock().unwrap().iter() {
        assert_no_canary("a webhook delivery", body);
    }

    // The metrics, once every route has been requested.
    assert_no_canary("GET /metrics", &s.get("/metrics").await.text());
    // And the log's own bytes, straight from the store: the sealed content is beside the
    // tree, never in it.
    let size = s
        .state()
        .node()
        .run(|ctx| {
            use snapback_store::Store as _;
            let store = ctx.ledger.store();
            store.entries(0, store.size()).unwrap()
        })
        .await
        .unwrap();
    for data in size {
        assert_no_canary("a stored log entry", std::str::from_utf8(&data).unwrap());
    }
    s.stop().await;
}

#[tokio::test]
async fn a_cleared_releasable_token_gets_content_that_hashes_to_the_logged_commitment() {
    let (s, index, commitment) = with_secret("release").await;
    for (party, clearance) in [("A", Clearance::Secret), ("UA", Clearance::Secret)] {
        let token = s.token_for(party, clearance).await;
        let auth = format!("Bearer {token}");
        let reply = s
            .get_with(
                &format!("/v1/evidence/{commitment}"),
                &[("authorization", &auth)],
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{party}: {}", reply.text());
        assert_eq!(reply.headers["cache-control"], "no-store");
        let got = reply.json();
        crate::schema::check(&got, "ReleasedEvidence");
        assert_eq!(got["commitment"], commitment.as_str());
        assert_eq!(got["claim"], "C1");
        assert_eq!(got["index"], index);
        assert_eq!(got["classification"], "secret");
        assert_eq!(got["releasable_to"], json!(["A"]));
        assert_eq!(got["content"]["source_kind"], KIND_CANARY);
        assert!(
            got["content"]["summary"]
                .as_str()
                .unwrap()
                .contains(SUMMARY_CANARY)
        );
        // The holder's check: salt and content hash to the commitment in the log's entry.
        let sealed: Sealed = serde_json::from_value(json!({
            "content": got["content"], "salt": got["salt"],
        }))
        .unwrap();
        let entries = s.log_entries().await;
        assert_eq!(
            entries[index as usize]["body"]["event"]["commitment"],
            sealed.commitment().unwrap().as_str()
        );
    }
    // The submitter under-cleared is refused on clearance; an unknown commitment is a 404.
    let token = s.token_for("UA", Clearance::Confidential).await;
    let auth = format!("Bearer {token}");
    let p = s
        .get_with(
            &format!("/v1/evidence/{commitment}"),
            &[("authorization", &auth)],
        )
        .await
        .problem(403, "not_releasable");
    assert!(p["detail"].as_str().unwrap().contains("clearance"), "{p}");
    s.get_with(
        &format!("/v1/evidence/sha256:{}", "0".repeat(64)),
        &[("authorization", &auth)],
    )
    .await
    .problem(404, "unknown_evidence");
    s.get_with(
        &format!("/v1/evidence/{commitment}"),
        &[("authorization", "Bearer not-a-token")],
    )
    .await
    .problem(401, "bad_token");
    s.stop().await;
}

/// A classified submission signed by UA, with `event` as the body's event and `sealed` beside.
fn signed(s: &Server, event: Value, sealed: Option<&Sealed>) -> Value {
    let key = s.keys.party("UA");
    let Value::Object(event) = event else {
        panic!("events are objects")
    };
    let body = EntryBody::new(EntryKind::Input, key, nonce(), event).unwrap();
    submission_json(
        &Submission::sign(body, key)
            .unwrap()
            .with_sealed(sealed.cloned()),
    )
}

fn content() -> SealedContent {
    SealedContent {
        source_kind: "satellite".into(),
        digest: format!("sha256:{}", "ab".repeat(32)),
        summary: "imagery".into(),
    }
}

#[tokio::test]
async fn classified_submissions_must_be_sealed_and_match_their_commitment() {
    let s = Server::start("sealing").await;
    s.submit("UA", claim_filed("C1", 2)).await;
    let sealed = Sealed::new(content()).unwrap();
    let commitment = sealed.commitment().unwrap();
    let sealed_event = |rel: Value| {
        json!({ "type": "evidence.submitted", "claim": "C1", "classification": "confidential",
                "releasable_to": rel, "commitment": commitment })
    };

    // Content in clear in a classified event: refused, naming the field.
    let mut clear = sealed_event(json!([]));
    clear["summary"] = json!("imagery");
    let reply = s
        .post_json("/v1/entries", &signed(&s, clear, Some(&sealed)))
        .await;
    let p = refused(&reply, 400, "classified_in_clear");
    assert_eq!(p["field"], "body.event.summary", "{p}");

    // No sealed content: the commitment would be logged without it.
    let reply = s
        .post_json("/v1/entries", &signed(&s, sealed_event(json!([])), None))
        .await;
    refused(&reply, 400, "sealed_missing");

    // Content or salt that does not hash to the commitment.
    let mut other = sealed.clone();
    other.salt = "00".repeat(32);
    let reply = s
        .post_json(
            "/v1/entries",
            &signed(&s, sealed_event(json!([])), Some(&other)),
        )
        .await;
    refused(&reply, 400, "commitment_mismatch");
    let mut other = sealed.clone();
    other.content.summary = "something else".into();
    let reply = s
        .post_json(
            "/v1/entries",
            &signed(&s, sealed_event(json!([])), Some(&other)),
        )
        .await;
    refused(&reply, 400, "commitment_mismatch");

    // A malformed salt names the field.
    let mut json = signed(&s, sealed_event(json!([])), Some(&sealed));
    json["sealed"]["salt"] = json!(7);
    let p = s
        .post_json("/v1/entries", &json)
        .await
        .problem(400, "malformed");
    assert_eq!(p["field"], "sealed.salt", "{p}");

    // Sealed content beside an entry that is not classified evidence.
    let reply = s
        .post_json(
            "/v1/entries",
            &signed(&s, claim_filed("C9", 2), Some(&sealed)),
        )
        .await;
    refused(&reply, 400, "sealed_unexpected");

    // releasable_to names parties of the charter, sorted and once each.
    let reply = s
        .post_json(
            "/v1/entries",
            &signed(&s, sealed_event(json!(["ZZ"])), Some(&sealed)),
        )
        .await;
    refused(&reply, 422, "unknown_releasee");
    let reply = s
        .post_json(
            "/v1/entries",
            &signed(&s, sealed_event(json!(["B", "A"])), Some(&sealed)),
        )
        .await;
    let p = refused(&reply, 400, "malformed");
    assert_eq!(p["field"], "body.event.releasable_to", "{p}");

    // Nothing was logged or stored for any of these.
    assert_eq!(s.log_entries().await.len(), 1);
    let c = commitment.clone();
    let stored = s
        .state()
        .node()
        .run(move |ctx| {
            use snapback_store::Store as _;
            ctx.ledger.store().evidence(&c).unwrap()
        })
        .await
        .unwrap();
    assert!(stored.is_none());

    // Done right, it is appended and its content stored beside it, at its index.
    let reply = s
        .post_json(
            "/v1/entries",
            &signed(&s, sealed_event(json!(["A", "B"])), Some(&sealed)),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let index = reply.json()["index"].as_u64().unwrap();
    let c = commitment.clone();
    let stored = s
        .state()
        .node()
        .run(move |ctx| {
            use snapback_store::Store as _;
            ctx.ledger.store().evidence(&c).unwrap()
        })
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.index, index);
    assert_eq!(stored.evidence.sealed, sealed);
    assert_eq!(stored.evidence.releasable_to, ["A", "B"]);
    // The same signed body again is a duplicate, not a second row.
    let again = s
        .post_json(
            "/v1/entries",
            &signed(&s, sealed_event(json!(["A", "B"])), Some(&sealed)),
        )
        .await;
    assert!(again.status.is_success());
    // The log still verifies (the verifier reads it without the evidence store).
    s.verify_log().await;
    s.stop().await;
}
