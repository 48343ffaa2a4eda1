//! The OpenAPI document: its version, every route the router registers, and every code a
//! submission can be refused with.

use std::collections::BTreeSet;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::{Value, json};
use snapback_ledger::SubmitRejection;
use snapback_server::openapi::{ENTRY_ERRORS, spec};

use crate::refusals::every_submit_rejection;
use crate::schema;
use crate::support::*;

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

/// The (path, method) of every `("PATH", METHOD(handler)...)` in `app.rs`'s `routes()`: the
/// router's one list of API routes (the dashboard's are in `dashboard.rs`). Checked against
/// `app::routes()` itself, so the source reading cannot miss a route.
fn routes_in_app_rs() -> BTreeSet<(String, String)> {
    let source = include_str!("../../src/app.rs");
    let start = source.find("pub fn routes()").unwrap();
    let end = start
        + source[start..]
            .find("routes.extend(dashboard::routes())")
            .unwrap();
    let list = &source[start..end];
    let mut routes = BTreeSet::new();
    // rustfmt puts the items of a long tuple on their own lines: `(\n    "/v1/...",`.
    for item in list.split('(').skip(1) {
        let Some(call) = item.trim_start().strip_prefix('"') else {
            continue;
        };
        let (path, rest) = call.split_once('"').unwrap();
        let rest = rest.trim_start().strip_prefix(',').unwrap().trim_start();
        let method = METHODS
            .iter()
            .find(|m| rest.starts_with(*m))
            .unwrap_or_else(|| panic!("no method for route {path}: {rest}"));
        routes.insert((path.to_owned(), (*method).to_owned()));
    }
    let dashboard: BTreeSet<&str> = snapback_server::dashboard::routes()
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    let listed: BTreeSet<&str> = snapback_server::app::routes()
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| !dashboard.contains(p))
        .collect();
    let parsed: BTreeSet<&str> = routes.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(parsed, listed, "app.rs's routes() as read from its source");
    routes
}

fn operations(spec: &Value) -> BTreeSet<(String, String)> {
    let mut ops = BTreeSet::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for m in METHODS {
            if item.get(m).is_some() {
                ops.insert((path.clone(), m.to_owned()));
            }
        }
    }
    ops
}

#[tokio::test]
async fn the_document_is_openapi_3_1_and_describes_every_route() {
    let s = Server::start("openapi").await;
    let reply = s.get("/v1/openapi.json").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.content_type().starts_with("application/json"));
    let doc = reply.json();
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc, spec());
    let routes = routes_in_app_rs();
    assert!(routes.len() >= 17, "{routes:?}");
    let ops = operations(&doc);
    let undocumented: Vec<_> = routes.difference(&ops).collect();
    assert!(
        undocumented.is_empty(),
        "routes missing from the document: {undocumented:?}"
    );
    let unrouted: Vec<_> = ops.difference(&routes).collect();
    assert!(
        unrouted.is_empty(),
        "operations not in app.rs: {unrouted:?}"
    );
    // Every operation has an id, a summary and responses; every reference resolves.
    for (path, method) in &ops {
        let op = &doc["paths"][path][method];
        assert!(op["operationId"].is_string(), "{path} {method}");
        assert!(op["summary"].is_string(), "{path} {method}");
        assert!(op["responses"].as_object().is_some_and(|r| !r.is_empty()));
        if path.contains("{id}") {
            assert_eq!(op["parameters"][0]["in"], "path", "{path}");
        }
    }
    let text = doc.to_string();
    for r in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
        let name = r.split('"').next().unwrap();
        assert!(
            doc["components"]["schemas"][name].is_object(),
            "dangling $ref {name}"
        );
    }
    for name in [
        "Claim",
        "Decision",
        "Activation",
        "Obligation",
        "Report",
        "Party",
        "Problem",
        "Entry",
        "Submission",
        "SubmitResult",
        "SubmissionProof",
        "InclusionProof",
        "ConsistencyProof",
        "Cosignature",
        "FundReport",
        "FundTransfersPage",
        "FundTransfer",
        "CapabilitiesReport",
        "Readiness",
        "Deliveries",
        "CapabilityLocation",
        "CapabilityCentre",
        "CapabilityRestriction",
    ] {
        assert!(doc["components"]["schemas"][name].is_object(), "{name}");
    }
    // The shapes the brief of each operation promises.
    let entries = &doc["paths"]["/v1/entries"]["post"];
    for status in ["200", "201", "400", "401", "403", "409", "413", "422"] {
        assert!(entries["responses"][status].is_object(), "{status}");
    }
    for status in ["400", "401", "403", "409", "413", "422"] {
        assert!(
            entries["responses"][status]["content"]["application/problem+json"].is_object(),
            "{status}"
        );
    }
    let cosig = &doc["components"]["schemas"]["Cosignature"]["properties"];
    assert!(cosig["witness"].is_object() && cosig["note"].is_object());
    let proof = &doc["components"]["schemas"]["SubmissionProof"]["required"];
    assert_eq!(
        proof,
        &serde_json::json!(["index", "leaf_hash", "proof", "root", "tree_size"])
    );
    let paths = &doc["paths"];
    assert!(
        paths["/v1/log/checkpoint"]["get"]["responses"]["200"]["content"]["text/plain"].is_object()
    );
    assert!(paths["/metrics"]["get"]["responses"]["200"]["content"]["text/plain"].is_object());
    let events = &paths["/v1/events"]["get"];
    assert!(events["responses"]["200"]["content"]["text/event-stream"].is_object());
    assert_eq!(events["parameters"][0]["name"], "Last-Event-ID");
    assert_eq!(events["parameters"][0]["in"], "header");
    let problem = &doc["components"]["schemas"]["Problem"]["properties"];
    for f in ["type", "title", "status", "detail", "code", "field"] {
        assert!(problem[f].is_object(), "{f}");
    }
    s.stop().await;
}

/// Every documented operation reaches a route of the router (it is recorded under its own route
/// in the request metrics, which only matched requests are).
#[tokio::test]
async fn every_documented_operation_is_routed() {
    let s = Server::start("routed").await;
    let doc = spec();
    for (path, method) in operations(&doc) {
        let uri = path.replace("{id}", "x");
        let request = Request::builder()
            .method(Method::from_bytes(method.to_uppercase().as_bytes()).unwrap())
            .uri(&uri)
            .body(Body::from("{}"))
            .unwrap();
        let response = s.send(request).await;
        assert_ne!(
            response.status(),
            StatusCode::METHOD_NOT_ALLOWED,
            "{method} {path}"
        );
    }
    // Every documented query parameter is one the handler reads (a name it does not know is
    // refused as `malformed`).
    for (path, method) in operations(&doc) {
        let op = &doc["paths"][&path][&method];
        let names: Vec<&str> = op["parameters"]
            .as_array()
            .map(|ps| {
                ps.iter()
                    .filter(|p| p["in"] == "query")
                    .map(|p| p["name"].as_str().unwrap())
                    .collect()
            })
            .unwrap_or_default();
        if names.is_empty() {
            continue;
        }
        let query: Vec<String> = names.iter().map(|n| format!("{n}=0")).collect();
        let reply = s.get(&format!("{path}?{}", query.join("&"))).await;
        if reply.status != StatusCode::OK {
            assert_ne!(
                reply.json()["code"],
                "malformed",
                "{path}: {}",
                reply.text()
            );
        }
        let unknown = s
            .get(&format!("{path}?{}&unknown=0", query.join("&")))
            .await;
        unknown.problem(400, "malformed");
    }
    // Twice, so the first /metrics request is itself recorded.
    let _ = s.get("/metrics").await;
    let metrics = s.get("/metrics").await.text();
    for (path, _) in operations(&doc) {
        assert!(
            metrics.contains(&format!("route=\"{path}\"")),
            "{path} was not routed:\n{metrics}"
        );
    }
    s.stop().await;
}

#[test]
fn every_refusal_code_is_documented_with_its_status() {
    let doc = spec();
    let description = doc["paths"]["/v1/entries"]["post"]["description"]
        .as_str()
        .unwrap();
    let responses = &doc["paths"]["/v1/entries"]["post"]["responses"];
    let codes: Vec<(SubmitRejection, u16)> = every_submit_rejection();
    assert_eq!(codes.len(), 129);
    let mut seen = BTreeSet::new();
    for (rejection, status) in &codes {
        let code = rejection.code();
        seen.insert(code);
        assert_eq!(documented_status(code), *status, "`{code}`");
        assert!(
            description.contains(&format!("| {status} | `{code}` |")),
            "`{code}` is not in the description"
        );
        let response = responses[status.to_string()]["description"]
            .as_str()
            .unwrap_or_else(|| panic!("no {status} response"));
        assert!(
            response.contains(&format!("`{code}`")),
            "{status}: {response}"
        );
    }
    // The API's own codes around the log's: size, and the node going away.
    // And the clock not being trusted (tests in `time.rs`).
    for (code, status) in [
        ("too_large", 413),
        ("unavailable", 503),
        ("internal", 500),
        ("clock_behind", 503),
        ("clock_unconfirmed", 503),
        // A follower in a cluster with no leader to forward to (tests in `cluster.rs`).
        ("not_leader", 503),
    ] {
        assert_eq!(documented_status(code), status);
        seen.insert(code);
    }
    // Nothing documented that cannot happen.
    for (code, _, _) in ENTRY_ERRORS {
        assert!(
            seen.contains(code),
            "`{code}` is documented but never produced"
        );
    }
}

/// Issue 11: `from`/`to` beyond int64 were accepted although the document says int64. The
/// document bounds every integer query parameter, and the server refuses what is beyond it.
#[tokio::test]
async fn query_integers_beyond_int64_are_out_of_range() {
    let s = Server::start("openapi-int64").await;
    s.submit("UA", claim_filed("C1", 3)).await;
    let doc = spec();
    for (path, name) in [
        ("/v1/log/entries", "from"),
        ("/v1/log/entries", "to"),
        ("/v1/log/proof/inclusion", "index"),
        ("/v1/log/proof/inclusion", "size"),
        ("/v1/log/proof/consistency", "from"),
        ("/v1/log/proof/consistency", "to"),
        ("/v1/fund/transfers", "from"),
    ] {
        let params = doc["paths"][path]["get"]["parameters"].as_array().unwrap();
        let p = params.iter().find(|p| p["name"] == name).unwrap();
        assert_eq!(p["schema"]["maximum"], i64::MAX, "{path} {name}");
        let others = match (path, name) {
            ("/v1/log/proof/inclusion", "size") => "index=0&",
            ("/v1/log/proof/consistency", "to") => "from=0&",
            ("/v1/log/proof/inclusion", _) => "",
            _ => "",
        };
        for value in ["9223372036854775808", "18446744073709551615"] {
            let uri = format!("{path}?{others}{name}={value}");
            let r = s.get(&uri).await;
            if path == "/v1/fund/transfers" {
                // The five-guarantor charter has no fund: the parameter is still checked first.
                let p = r.problem(400, "out_of_range");
                assert_eq!(p["field"], name, "{uri}");
                continue;
            }
            let p = r.problem(400, "out_of_range");
            assert_eq!(p["field"], name, "{uri}: {p}");
        }
    }
    // The largest int64 itself is read (and is simply beyond this log).
    let r = s.get("/v1/log/entries?from=9223372036854775807").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    s.stop().await;
}

/// Issue 11: the SSE stream's events are described by the document (one event: `id`, `event`,
/// `data` holding an `Entry`), and so are the stream's refusals.
#[tokio::test]
async fn the_event_stream_matches_its_item_schema() {
    let doc = spec();
    let events = &doc["paths"]["/v1/events"]["get"]["responses"];
    assert_eq!(
        events["200"]["content"]["text/event-stream"]["schema"]["$ref"],
        "#/components/schemas/EntryEvent"
    );
    assert!(events["400"]["content"]["application/problem+json"].is_object());
    let item = &doc["components"]["schemas"]["EntryEvent"];
    assert_eq!(
        item["properties"]["data"]["contentSchema"]["$ref"],
        "#/components/schemas/Entry"
    );
    // What the stream sends, checked against it.
    let s = Server::start("openapi-sse").await;
    s.submit("UA", claim_filed("C1", 3)).await;
    let stored = s.stored_entries().await;
    let event = json!({
        "id": "0",
        "event": "entry",
        "data": String::from_utf8(stored[0].clone()).unwrap(),
    });
    schema::check(&event, "EntryEvent");
    let data: Value = serde_json::from_str(event["data"].as_str().unwrap()).unwrap();
    schema::check(&data, "Entry");
    s.stop().await;
}

/// Issue 11: a submission the document calls valid in shape is not refused as malformed for
/// its shape: the signature pattern, the nonce and the flat input event agree with the server.
#[tokio::test]
async fn the_submission_schema_agrees_with_the_server() {
    let s = Server::start("openapi-submission").await;
    let good = s.entry("UA", claim_filed("C1", 2));
    schema::check(&good, "Submission");
    // The document excludes what the server refuses for its shape, before any signature.
    let doc = spec();
    let schemas = &doc["components"]["schemas"];
    assert_eq!(
        schemas["Submission"]["properties"]["sig"]["pattern"],
        "^[A-Za-z0-9+/]{85}[AQgw]==$"
    );
    assert_eq!(
        schemas["SubmissionBody"]["properties"]["nonce"]["pattern"],
        "^[A-Za-z0-9._:-]{1,64}$"
    );
    assert_eq!(
        schemas["SubmissionBody"]["properties"]["kind"]["const"],
        "input"
    );
    let mut empty_sig = good.clone();
    empty_sig["sig"] = json!("");
    s.post_json("/v1/entries", &empty_sig)
        .await
        .problem(400, "malformed");
    let cosig = &schemas["Cosignature"]["properties"];
    assert_eq!(cosig["note"]["minLength"], 1);
    assert!(cosig["witness"]["pattern"].is_string());
    // An integral number written with a fraction is the integer (RFC 8785).
    let text = serde_json::to_string(&good)
        .unwrap()
        .replace("\"severity\":2", "\"severity\":2.0");
    let r = s.post("/v1/entries", text).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    s.stop().await;
}
