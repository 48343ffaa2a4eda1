//! Webhooks as a receiver sees them: `snapback webhook add` registers a local receiver, the
//! server POSTs each addressed entry with an HMAC signature, retries while the receiver fails,
//! and after a restart resumes from its stored cursor so that an entry appended while the
//! server was down is still delivered.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use hmac::{KeyInit, Mac};

use crate::log::initialised;
use crate::server::{Server, key, signed};
use crate::{snapback, stderr, stdout, temp_file};

/// What the receiver saw: one record per POST it acknowledged.
#[derive(Debug, Clone)]
struct Delivery {
    index: u64,
    event_type: String,
    claim: String,
}

#[derive(Default)]
struct Receiver {
    /// POSTs to refuse with 503 before accepting any (exercises retry with backoff).
    refuse_first: usize,
    refused: usize,
    accepted: Vec<Delivery>,
    bad_signatures: usize,
    secret: String,
}

fn hmac_hex(secret: &str, body: &[u8]) -> String {
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).expect("any key");
    mac.update(body);
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

async fn receive(state: Arc<Mutex<Receiver>>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let mut r = state.lock().expect("receiver state");
    let expected = format!("sha256={}", hmac_hex(&r.secret, &body));
    let given = headers
        .get("x-snapback-signature")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if given != expected {
        r.bad_signatures += 1;
        return StatusCode::UNAUTHORIZED;
    }
    if r.refused < r.refuse_first {
        r.refused += 1;
        return StatusCode::SERVICE_UNAVAILABLE;
    }
    let entry: serde_json::Value = serde_json::from_slice(&body).expect("the body is an entry");
    let event = &entry["body"]["event"];
    r.accepted.push(Delivery {
        index: headers["x-snapback-entry"]
            .to_str()
            .expect("ascii")
            .parse()
            .expect("an index"),
        event_type: event["type"].as_str().unwrap_or_default().to_owned(),
        claim: event["claim"].as_str().unwrap_or_default().to_owned(),
    });
    StatusCode::NO_CONTENT
}

fn wait_for(state: &Arc<Mutex<Receiver>>, what: &str, done: impl Fn(&Receiver) -> bool) {
    let start = Instant::now();
    while !done(&state.lock().expect("receiver state")) {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "timed out waiting for {what}: {:?}",
            state.lock().expect("receiver state").accepted
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn filed(r: &Receiver, claim: &str) -> bool {
    r.accepted
        .iter()
        .any(|d| d.event_type == "claim.filed" && d.claim == claim)
}

#[test]
fn webhooks_are_signed_retried_and_resume_after_a_restart() {
    let dir = initialised("webhooks", Some("scenarios/charters/five.toml"));
    let data = dir.to_str().expect("path");

    let state = Arc::new(Mutex::new(Receiver {
        refuse_first: 2,
        ..Receiver::default()
    }));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("bind the receiver");
    let hook_url = format!(
        "http://{}/hook",
        listener.local_addr().expect("receiver address")
    );
    let app = {
        let state = state.clone();
        Router::new().route(
            "/hook",
            post(move |headers, body| receive(state.clone(), headers, body)),
        )
    };
    runtime.spawn(async move { axum::serve(listener, app).await });

    // Registration checks the URL and the party before storing anything.
    let remote = snapback(&[
        "webhook",
        "add",
        "--data",
        data,
        "--party",
        "A",
        "--url",
        "http://example.org/x",
    ]);
    assert_eq!(remote.status.code(), Some(2), "{}", stderr(&remote));
    let stranger = snapback(&[
        "webhook", "add", "--data", data, "--party", "ZZ", "--url", &hook_url,
    ]);
    assert_eq!(stranger.status.code(), Some(2), "{}", stderr(&stranger));
    let added = snapback(&[
        "webhook", "add", "--data", data, "--party", "A", "--url", &hook_url,
    ]);
    assert!(added.status.success(), "{}", stderr(&added));
    let secret = stdout(&added).trim().to_owned();
    assert_eq!(secret.len(), 64, "a 256-bit hex secret: {secret}");
    state.lock().expect("receiver state").secret = secret;

    // Delivered through two refusals (1 s then 2 s of backoff).
    let server = Server::start(&dir);
    let claim = signed(
        &key(&dir, "UA"),
        serde_json::json!({"type": "claim.filed", "claim": "W-1", "category": "shelling", "severity": 2, "summary": "webhook test"}),
    );
    let status = runtime.block_on(async {
        reqwest::Client::new()
            .post(format!("{}/v1/entries", server.url))
            .header("content-type", "application/json")
            .body(claim)
            .send()
            .await
            .expect("post a claim")
            .status()
    });
    assert_eq!(status.as_u16(), 201);
    wait_for(&state, "W-1 after retries", |r| filed(r, "W-1"));
    assert_eq!(state.lock().expect("receiver state").refused, 2);
    assert!(server.stop().success());

    // Appended while the server is down; delivered after it restarts, from the stored cursor.
    let event = temp_file(
        "webhook-claim.toml",
        "type = \"claim.filed\"\nclaim = \"W-2\"\ncategory = \"shelling\"\nseverity = 2\nsummary = \"offline\"\n",
    );
    let offline = snapback(&[
        "submit",
        "--data",
        data,
        "--key",
        dir.join("keys/UA.key").to_str().expect("path"),
        event.to_str().expect("path"),
    ]);
    assert!(offline.status.success(), "{}", stderr(&offline));
    let server = Server::start(&dir);
    wait_for(&state, "W-2 after the restart", |r| filed(r, "W-2"));
    assert!(server.stop().success());

    let r = state.lock().expect("receiver state");
    assert_eq!(r.bad_signatures, 0);
    let indexes: Vec<u64> = r.accepted.iter().map(|d| d.index).collect();
    let mut sorted = indexes.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(
        indexes, sorted,
        "delivered in log order, each entry once: {:?}",
        r.accepted
    );
    // Votes and ticks are not addressed to A; claims are.
    assert!(
        r.accepted
            .iter()
            .all(|d| !d.event_type.is_empty() && d.event_type != "vote.cast"),
        "{:?}",
        r.accepted
    );
}
