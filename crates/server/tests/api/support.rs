//! The test server: a five-guarantor charter with a key per party, a SQLite log in a fresh
//! directory, a manual clock, and requests sent through the router without sockets.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use http_body_util::BodyExt as _;
use jiff::Timestamp;
use serde_json::{Map, Value, json};
use snapback_charter::{CharterHistory, Source, load_toml};
use snapback_ledger::{Ledger, Submission};
use snapback_log::entry::{EntryBody, EntryKind};
use snapback_log::keys::{Alg, SignerKey};
use snapback_server::auth::{Clearance, TokenRecord, create_token};
use snapback_server::timekeeping::TimeOptions;
use snapback_server::{ManualClock, Running};
use snapback_store::{SqliteStore, Store};
use tower::ServiceExt as _;

/// The test parties (all hold a key): the five-guarantor charter's, and the fund charter's
/// manager `FB`.
pub const PARTIES: [&str; 9] = ["UA", "SEC", "A", "B", "C", "D", "E", "X", "FB"];
/// The log's origin (and its key's name).
pub const ORIGIN: &str = "five.test";
/// When every test server's clock starts.
pub const T0: &str = "2026-01-10T00:00:00Z";

pub fn ts(text: &str) -> Timestamp {
    text.parse().unwrap()
}

/// Every party's key, the log key, and a witness key, from fixed seeds.
#[derive(Debug, Clone)]
pub struct Keys {
    pub parties: BTreeMap<String, SignerKey>,
    pub log: SignerKey,
}

impl Keys {
    pub fn new() -> Self {
        let parties = PARTIES
            .iter()
            .zip(1u8..)
            .map(|(p, seed)| {
                (
                    (*p).to_owned(),
                    SignerKey::from_seed(p, Alg::Ed25519, &[seed; 32]).unwrap(),
                )
            })
            .collect();
        let log = SignerKey::from_seed(ORIGIN, Alg::Ed25519, &[99; 32]).unwrap();
        Self { parties, log }
    }

    pub fn party(&self, id: &str) -> &SignerKey {
        &self.parties[id]
    }
}

/// `scenarios/charters/five.toml`.
pub const FIVE: &str = include_str!("../../../../scenarios/charters/five.toml");
/// `scenarios/charters/fund.toml`: the five guarantors with a Stabilization Fund managed by FB.
pub const FUND: &str = include_str!("../../../../scenarios/charters/fund.toml");
/// `scenarios/charters/capabilities.toml`: UA, SEC and guarantors A, B and C, with stockpile
/// locations, a training centre, a restriction rule and packages that count items.
pub const CAPABILITIES: &str = include_str!("../../../../scenarios/charters/capabilities.toml");
/// `scenarios/charters/measures.toml`: the five guarantors with a register of measures.
pub const MEASURES: &str = include_str!("../../../../scenarios/charters/measures.toml");

/// A charter with a key for each of its parties and a `[log]` table.
pub fn with_keys(charter: &str, keys: &Keys) -> String {
    let mut text = charter.to_owned();
    for (id, key) in &keys.parties {
        let party = format!("[[party]]\nid = \"{id}\"\n");
        // FB is only in the fund charter; the capability charter has UA, SEC, A, B and C.
        if !text.contains(&party) {
            assert!(
                id == "FB" || text.contains("id = \"capabilities\""),
                "{id} is in the charter"
            );
            continue;
        }
        text = text.replacen(
            &party,
            &format!("{party}keys = [\"{}\"]\n", key.verifier()),
            1,
        );
    }
    text.push_str(&format!(
        "\n[log]\norigin = \"{ORIGIN}\"\nkey = \"{}\"\n",
        keys.log.verifier()
    ));
    text
}

pub fn history_of(charter: &str, keys: &Keys) -> CharterHistory {
    let charter = load_toml(&Source::new("charter.toml", with_keys(charter, keys)))
        .unwrap_or_else(|e| panic!("{e}"));
    CharterHistory::new(vec![charter]).unwrap()
}

/// A fresh, empty directory for one test's log.
pub fn temp_dir(name: &str) -> PathBuf {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "api-{name}-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A unique nonce.
pub fn nonce() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    format!("nonce-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// An HTTP answer, its body read in full.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn text(&self) -> String {
        String::from_utf8(self.body.to_vec()).unwrap()
    }

    pub fn content_type(&self) -> &str {
        self.headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// Asserts a problem+json answer with `status` and `code`, and returns it.
    #[track_caller]
    pub fn problem(&self, status: u16, code: &str) -> Value {
        assert_eq!(
            (self.status.as_u16(), self.content_type()),
            (status, "application/problem+json"),
            "{}",
            self.text()
        );
        let p = self.json();
        assert_eq!(p["code"], code, "{p}");
        assert_eq!(p["status"], status, "{p}");
        assert_eq!(
            p["type"],
            format!("https://snapback.invalid/problems/{code}"),
            "{p}"
        );
        crate::schema::check(&p, "Problem");
        p
    }
}

/// A running test server.
pub struct Server {
    pub running: Option<Running>,
    pub router: Router,
    pub clock: ManualClock,
    pub keys: Keys,
    pub history: CharterHistory,
    /// A token of clearance `restricted`, issued to party A.
    pub token: String,
}

impl Server {
    /// A fresh log with the clock at [`T0`].
    pub async fn start(name: &str) -> Self {
        Self::start_in(temp_dir(name), ManualClock::new(ts(T0))).await
    }

    /// A fresh log over `charter` (a charter text without keys) with the clock at [`T0`].
    pub async fn start_with(name: &str, charter: &str) -> Self {
        Self::start_over(temp_dir(name), ManualClock::new(ts(T0)), charter).await
    }

    /// A server over the log in `dir` (created if new).
    pub async fn start_in(dir: PathBuf, clock: ManualClock) -> Self {
        Self::start_over(dir, clock, FIVE).await
    }

    async fn start_over(dir: PathBuf, clock: ManualClock, charter: &str) -> Self {
        Self::start_full(dir, clock, charter, TimeOptions::default(), None).await
    }

    /// A server over the log in `dir` (created if new) judging its clock with `time`.
    pub async fn start_timed(dir: PathBuf, clock: ManualClock, time: TimeOptions) -> Self {
        Self::start_full(dir, clock, FIVE, time, None).await
    }

    /// A server whose SQLite file is capped at `limit` bytes (a disk that fills up).
    pub async fn start_limited(
        dir: PathBuf,
        clock: ManualClock,
        charter: &str,
        limit: Option<u64>,
    ) -> Self {
        Self::start_full(dir, clock, charter, TimeOptions::default(), limit).await
    }

    async fn start_full(
        dir: PathBuf,
        clock: ManualClock,
        charter: &str,
        time: TimeOptions,
        limit: Option<u64>,
    ) -> Self {
        let keys = Keys::new();
        let history = history_of(charter, &keys);
        let mut store = SqliteStore::open(&dir.join("log.sqlite")).unwrap();
        if let Some(bytes) = limit {
            store.limit_size(bytes).unwrap();
        }
        let token = create_token(
            &mut store,
            &TokenRecord {
                party: "A".into(),
                clearance: Clearance::Restricted,
            },
        )
        .unwrap();
        let store: Box<dyn Store> = Box::new(store);
        let ledger = Ledger::open(
            store,
            history.clone(),
            keys.party("SEC").clone(),
            keys.log.clone(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let running = snapback_server::start_with(ledger, Arc::new(clock.clone()), time).unwrap();
        let router = snapback_server::app(running.state.clone());
        Self {
            running: Some(running),
            router,
            clock,
            keys,
            history,
            token,
        }
    }

    pub fn state(&self) -> &snapback_server::AppState {
        &self.running.as_ref().unwrap().state
    }

    /// Issues a bearer token to `party` with `clearance` (stored hashed, as `snapback token
    /// create` does) and returns it.
    pub async fn token_for(&self, party: &str, clearance: Clearance) -> String {
        use sha2::Digest as _;
        let token = format!("{party}-{clearance:?}-{}", nonce());
        let hash: String = sha2::Sha256::digest(token.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let record = serde_json::to_string(&TokenRecord {
            party: party.to_owned(),
            clearance,
        })
        .unwrap();
        self.state()
            .node()
            .run(move |ctx| ctx.ledger.set_meta(&format!("token:{hash}"), &record))
            .await
            .unwrap()
            .unwrap();
        token
    }

    /// Stops the background tasks and drops every handle to the node.
    pub async fn stop(mut self) {
        if let Some(r) = self.running.take() {
            r.stop().await;
        }
    }

    /// A signed submission (JSON, without `at`) of `event` by `party`.
    pub fn entry(&self, party: &str, event: Value) -> Value {
        self.entry_with(party, &nonce(), event)
    }

    pub fn entry_with(&self, party: &str, nonce: &str, event: Value) -> Value {
        let key = self.keys.party(party);
        let Value::Object(mut event) = event else {
            panic!("events are objects")
        };
        // Classified evidence written in clear is sealed, as every signing path does.
        let sealed = snapback_ledger::convert::seal_event(&mut event).unwrap();
        let body = EntryBody::new(EntryKind::Input, key, nonce.to_owned(), event).unwrap();
        let json = submission_json(&Submission::sign(body, key).unwrap().with_sealed(sealed));
        crate::schema::check(&json, "Submission");
        json
    }

    pub async fn request(&self, request: Request<Body>) -> Reply {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let (parts, body) = response.into_parts();
        let body = tokio::time::timeout(Duration::from_secs(10), body.collect())
            .await
            .expect("the body ends")
            .unwrap()
            .to_bytes();
        Reply {
            status: parts.status,
            headers: parts.headers,
            body,
        }
    }

    /// Sends a request and returns the response without reading its body (for streams).
    pub async fn send(&self, request: Request<Body>) -> axum::response::Response {
        self.router.clone().oneshot(request).await.unwrap()
    }

    pub async fn get(&self, uri: &str) -> Reply {
        self.get_with(uri, &[]).await
    }

    pub async fn get_with(&self, uri: &str, headers: &[(&str, &str)]) -> Reply {
        let mut builder = Request::builder().method(Method::GET).uri(uri);
        for (k, v) in headers {
            builder = builder.header(*k, *v);
        }
        self.request(builder.body(Body::empty()).unwrap()).await
    }

    pub async fn post(&self, uri: &str, body: impl Into<Body>) -> Reply {
        let request = Request::builder()
            .method(Method::POST)
            .uri(uri)
            .header(header::CONTENT_TYPE, "application/json")
            .body(body.into())
            .unwrap();
        self.request(request).await
    }

    pub async fn post_json(&self, uri: &str, body: &Value) -> Reply {
        self.post(uri, serde_json::to_vec(body).unwrap()).await
    }

    /// Submits `event` by `party`, asserting it is appended; returns the answer's JSON.
    pub async fn submit(&self, party: &str, event: Value) -> Value {
        let entry = self.entry(party, event);
        let reply = self.post_json("/v1/entries", &entry).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
        reply.json()
    }

    /// The log's entries as JSON.
    pub async fn log_entries(&self) -> Vec<Value> {
        let reply = self.get("/v1/log/entries?from=0").await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
        reply.json()["entries"].as_array().unwrap().clone()
    }

    /// The log's entries as canonical bytes, straight from the store.
    /// `snapback verify`'s checks over the stored log and the served checkpoint; panics with
    /// the first discrepancy.
    pub async fn verify_log(&self) -> snapback_ledger::VerifyReport {
        let stored = self.stored_entries().await;
        let checkpoint = self.get("/v1/log/checkpoint").await.text();
        snapback_ledger::verify(
            &self.history,
            &snapback_ledger::LogUnderTest {
                entries: &stored,
                stored_leaves: None,
                checkpoint: Some(&checkpoint),
                log_key: None,
            },
        )
        .unwrap_or_else(|e| panic!("{e}"))
    }

    pub async fn stored_entries(&self) -> Vec<Vec<u8>> {
        self.state()
            .node()
            .run(|ctx| {
                let store = ctx.ledger.store();
                store.entries(0, store.size()).unwrap()
            })
            .await
            .unwrap()
    }
}

/// The JSON of a submission: `body` and `sig`, no `at`.
pub fn submission_json(s: &Submission) -> Value {
    use base64::Engine as _;
    let mut json = json!({
        "body": serde_json::to_value(&s.body).unwrap(),
        "sig": base64::engine::general_purpose::STANDARD.encode(s.sig),
    });
    if let Some(sealed) = &s.sealed {
        json["sealed"] = serde_json::to_value(sealed).unwrap();
    }
    json
}

/// A `claim.filed` event.
pub fn claim_filed(id: &str, severity: i64) -> Value {
    json!({ "type": "claim.filed", "claim": id, "category": "shelling", "severity": severity, "summary": format!("Violation {id}") })
}

pub fn vote(claim: &str, vote: &str) -> Value {
    json!({ "type": "vote.cast", "claim": claim, "vote": vote })
}

pub fn evidence(claim: &str, classification: &str, digest_byte: u8) -> Value {
    json!({
        "type": "evidence.submitted", "claim": claim, "source_kind": "satellite",
        "classification": classification,
        "digest": format!("sha256:{}", format!("{digest_byte:02x}").repeat(32)),
        "summary": "imagery",
    })
}

/// Polls `check` every 10 ms for up to 5 s.
pub async fn eventually<F, Fut>(what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    // Generous: it returns as soon as the check holds, and a 2-core CI machine running every
    // test binary at once can delay a one-second background tick by several seconds.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        if check().await {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// A JSON object from `json!` (for building events by hand).
pub fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(m) => m,
        other => panic!("not an object: {other}"),
    }
}

/// The status `ENTRY_ERRORS` in the OpenAPI document gives a submission refused with `code`.
#[track_caller]
pub fn documented_status(code: &str) -> u16 {
    snapback_server::openapi::ENTRY_ERRORS
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, s, _)| *s)
        .unwrap_or_else(|| panic!("`{code}` is not in ENTRY_ERRORS"))
}

/// Asserts a refused submission: its status, its code, and that both are documented.
#[track_caller]
pub fn refused(reply: &Reply, status: u16, code: &str) -> Value {
    assert_eq!(
        documented_status(code),
        status,
        "the document's status for `{code}`"
    );
    reply.problem(status, code)
}

/// Registers `w` as a witness of the log, as `snapback witness add` does.
pub async fn register_witness(s: &Server, w: &snapback_log::keys::SignerKey) {
    let (name, key) = (w.name().to_owned(), w.verifier().to_string());
    s.state()
        .node()
        .run(move |ctx| {
            let (k, v) = snapback_server::cosign::registration(
                ctx.ledger.store().as_ref(),
                &ctx.ledger.history().clone(),
                &name,
                &key,
            )
            .unwrap();
            ctx.ledger.set_meta(&k, &v).unwrap();
        })
        .await
        .unwrap();
}
