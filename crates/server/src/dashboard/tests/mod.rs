use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt as _;
use jiff::{SignedDuration, Timestamp};
use serde_json::{Value, json};
use sha2::{Digest as _, Sha256};
use snapback_charter::{CharterHistory, Source, load_toml};
use snapback_ledger::{Ledger, Outcome, Submission};
use snapback_log::entry::{EntryBody, EntryKind};
use snapback_log::keys::{Alg, SignerKey};
use snapback_store::{SqliteStore, Store};
use tower::ServiceExt as _;

use crate::app::{AppState, Running, app, start};
use crate::auth::{Clearance, TokenRecord};
use crate::clock::{Clock as _, ManualClock};

pub(super) const SUMMARY: &str = r#"<script>alert("pwned")</script> & 'quoted'"#;
pub(super) const SUMMARY_ESCAPED: &str =
    "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; 'quoted'";
const PARTIES: [&str; 7] = ["UA", "SEC", "G1", "G2", "G3", "G4", "G5"];
const TOKEN: &str = "dashboard-test-token";

fn start_time() -> Timestamp {
    "2026-03-01T00:00:00Z".parse().unwrap()
}

fn charter_text(keys: &BTreeMap<&'static str, SignerKey>, log: &SignerKey) -> String {
    let mut text = String::from(
        "[charter]\nid = \"dash\"\ntitle = \"Dashboard <Test> Guarantee\"\nversion = \"1\"\n\
         effective = 2026-01-01T00:00:00Z\nbeneficiary = \"UA\"\n\n",
    );
    for id in PARTIES {
        let role = match id {
            "UA" => "beneficiary",
            "SEC" => "secretariat",
            _ => "guarantor",
        };
        text.push_str(&format!(
            "[[party]]\nid = \"{id}\"\nname = \"Party {id}\"\nroles = [\"{role}\"]\nkeys = [\"{}\"]\n\n",
            keys[id].verifier()
        ));
    }
    text.push_str(&format!(
        "[[body]]\nid = \"ministers\"\nname = \"Ministers\"\nmembers = {{ role = \"guarantor\" }}\n\
         rule = \"majority\"\narticle = \"Art. 2(1)\"\n\n\
         [verification]\nclaimants = [\"UA\"]\nbody = \"ministers\"\ndecide_within = \"48h\"\n\
         burden = \"flipped\"\narticle = \"Art. 3(3)\"\n\n\
         [[tier]]\nid = \"minor\"\nname = \"Minor violation\"\nmin_severity = 1\npackages = [\"aid\"]\n\
         article = \"Art. 4(1)\"\n\n\
         [[package]]\nid = \"aid\"\nname = \"Budget support\"\narticle = \"Art. 5(1)\"\n\n\
         [[package.obligation]]\nparty = \"G1\"\nkind = \"funds\"\ndue_within = \"1h\"\n\
         description = \"Release the first <b>tranche</b>\"\namount = \"1250000.00\"\ncurrency = \"EUR\"\n\n\
         [[package.obligation]]\nparty = \"G2\"\nkind = \"military\"\ndue_within = \"10d\"\n\
         description = \"Deliver the committed air-defence systems\"\n\n\
         [log]\norigin = \"dash.example\"\nkey = \"{}\"\n",
        log.verifier()
    ));
    text
}

/// A fund for the test charter (its name is hostile text too).
const FUND: &str = r#"
[fund]
name = "Test <b>Fund</b>"
currency = "EUR"
manager = "SEC"
quiet_period = "30d"
article = "Art. 6(1)"

[fund.purposes]
peace = ["reconstruction"]
conflict = ["budget-support", "military-production-ukraine", "reconstruction"]

[[fund.contributor]]
party = "G1"
key = "0.5"
paid_in = "500.00"
callable = "1000.00"

[[fund.contributor]]
party = "G2"
key = "0.3"
paid_in = "300.00"
callable = "600.00"

[[fund.contributor]]
party = "G3"
key = "0.2"
paid_in = "200.00"
callable = "400.00"

[fund.surge]
amount = "100.00"
due_within = "1h"
article = "Art. 6(3)"

[fund.tranche]
amount = "50.00"
purpose = "budget-support"
recipient = "UA"
article = "Art. 6(2)"
"#;

fn digest(seed: &str) -> String {
    let d = Sha256::digest(seed.as_bytes());
    format!(
        "sha256:{}",
        d.iter().map(|b| format!("{b:02x}")).collect::<String>()
    )
}

pub(super) struct Fixture {
    running: Running,
    pub(super) clock: ManualClock,
    keys: BTreeMap<&'static str, SignerKey>,
    nonce: AtomicU64,
}

impl Fixture {
    /// A fresh log over the test charter, with no entries.
    async fn empty(name: &str) -> Self {
        Self::with_extra(name, "").await
    }

    /// A fresh log over the test charter with `extra` TOML appended, with no entries.
    pub(super) async fn with_extra(name: &str, extra: &str) -> Self {
        let mut keys = BTreeMap::new();
        for (i, id) in PARTIES.into_iter().enumerate() {
            let seed = [i as u8 + 1; 32];
            keys.insert(id, SignerKey::from_seed(id, Alg::Ed25519, &seed).unwrap());
        }
        let log = SignerKey::from_seed("dash.example", Alg::Ed25519, &[99; 32]).unwrap();
        let source = Source::new(
            "dash.toml".to_owned(),
            format!("{}{extra}", charter_text(&keys, &log)),
        );
        let charter = load_toml(&source).unwrap_or_else(|e| panic!("{e}"));
        let history = CharterHistory::new(vec![charter]).unwrap();
        let dir = std::env::temp_dir().join(format!(
            "snapback-dashboard-{name}-{}-{}",
            std::process::id(),
            Timestamp::now().as_nanosecond()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let store: Box<dyn Store> = Box::new(SqliteStore::open(&dir.join("log.sqlite")).unwrap());
        let ledger = Ledger::open(store, history, keys["SEC"].clone(), log).unwrap();
        let clock = ManualClock::new(start_time());
        let running = start(ledger, Arc::new(clock.clone())).unwrap();
        Self {
            running,
            clock,
            keys,
            nonce: AtomicU64::new(0),
        }
    }

    /// C-1 pending (one unfounded, one founded vote; public and restricted evidence), C-2
    /// activated early, and two hours later the first obligation overdue.
    pub(super) async fn populated(name: &str) -> Self {
        let f = Self::empty(name).await;
        f.submit("UA", json!({ "type": "claim.filed", "claim": "C-1", "category": "shelling", "severity": 2, "summary": SUMMARY })).await;
        f.submit("UA", json!({ "type": "evidence.submitted", "claim": "C-1", "source_kind": "osint", "classification": "public", "digest": digest("public"), "summary": "Geolocated videos" })).await;
        f.submit("UA", json!({ "type": "evidence.submitted", "claim": "C-1", "source_kind": "satellite", "classification": "restricted", "releasable_to": ["G1"], "digest": digest("restricted"), "summary": "Imagery" })).await;
        f.submit(
            "G1",
            json!({ "type": "vote.cast", "claim": "C-1", "vote": "unfounded" }),
        )
        .await;
        f.submit(
            "G2",
            json!({ "type": "vote.cast", "claim": "C-1", "vote": "founded" }),
        )
        .await;
        f.submit("UA", json!({ "type": "claim.filed", "claim": "C-2", "category": "airspace", "severity": 1, "summary": "Second claim" })).await;
        for g in ["G1", "G2", "G3"] {
            f.submit(
                g,
                json!({ "type": "vote.cast", "claim": "C-2", "vote": "founded" }),
            )
            .await;
        }
        f.clock.set(start_time() + SignedDuration::from_hours(2));
        f.state().node().advance().await.unwrap();
        f
    }

    /// The test charter with a fund (manager SEC; G1, G2 and G3 contribute), no entries.
    async fn fund_empty(name: &str) -> Self {
        Self::with_extra(name, FUND).await
    }

    /// In peace: a dollar rate; G1 pays in (its reference is hostile text), G2 pays in
    /// dollars; a reconstruction disbursement. Then C-2 reserves the tranche and activates
    /// (A1): conflict mode, the tranche released, the surge called (G1 50.00, G2 30.00, G3
    /// 20.00, due in an hour); G1 pays its share; two hours later G2's and G3's are overdue.
    async fn fund_populated(name: &str) -> Self {
        let f = Self::fund_empty(name).await;
        f.submit("SEC", json!({ "type": "fund.fx_rate", "currency": "USD", "rate": "0.90", "reference": "reference rate" })).await;
        f.submit("G1", json!({ "type": "fund.paid_in", "transfer": "G1-PAY-1", "amount": "500.00", "currency": "EUR", "reference": SUMMARY })).await;
        f.submit("G2", json!({ "type": "fund.paid_in", "transfer": "G2-PAY-1", "amount": "333.33", "currency": "USD", "reference": "paid in dollars" })).await;
        f.submit("SEC", json!({ "type": "fund.disbursed", "transfer": "SEC-D-1", "purpose": "reconstruction", "recipient": "UA", "amount": "100.00", "currency": "EUR", "reference": "Grid repair" })).await;
        f.submit("UA", json!({ "type": "claim.filed", "claim": "C-2", "category": "airspace", "severity": 1, "summary": "Second claim" })).await;
        for g in ["G1", "G2", "G3"] {
            f.submit(
                g,
                json!({ "type": "vote.cast", "claim": "C-2", "vote": "founded" }),
            )
            .await;
        }
        f.submit("G1", json!({ "type": "fund.paid_in", "transfer": "G1-SURGE-1", "amount": "50.00", "currency": "EUR", "obligation": "A1/surge/G1", "reference": "surge call" })).await;
        f.clock.set(start_time() + SignedDuration::from_hours(2));
        f.state().node().advance().await.unwrap();
        f
    }

    pub(super) fn state(&self) -> &AppState {
        &self.running.state
    }

    pub(super) async fn submit(&self, party: &str, event: Value) {
        let now = self.clock.now() + SignedDuration::from_secs(1);
        self.clock.set(now);
        let key = &self.keys[party];
        let Value::Object(mut event) = event else {
            panic!("events are objects")
        };
        // Classified evidence is sealed, as every signing path does.
        let sealed = snapback_ledger::convert::seal_event(&mut event).unwrap();
        let nonce = format!("n-{}", self.nonce.fetch_add(1, Ordering::Relaxed));
        let body = EntryBody::new(EntryKind::Input, key, nonce, event).unwrap();
        let submission = Submission::sign(body, key).unwrap().with_sealed(sealed);
        let app = self.state();
        let prepared = app.keyring().prepare(&submission, app.clock().now());
        let done = app.node().submit(submission, prepared).await.unwrap();
        assert!(
            matches!(done.outcome, Outcome::Appended { .. }),
            "{:?}",
            done.outcome
        );
    }

    /// Issues a bearer token the way `auth::create_token` stores it (`token:<sha256 hex>`).
    async fn token(&self, party: &str, clearance: Clearance) -> String {
        let hash: String = Sha256::digest(TOKEN.as_bytes())
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
        TOKEN.to_owned()
    }

    async fn get_with(&self, uri: &str, token: Option<&str>) -> (StatusCode, HeaderMap, String) {
        let mut request = Request::builder().uri(uri);
        if let Some(t) = token {
            request = request.header("authorization", format!("Bearer {t}"));
        }
        self.send(request).await
    }

    /// Sends a GET built by the test through the whole app: status, headers and body.
    pub(super) async fn send(
        &self,
        request: axum::http::request::Builder,
    ) -> (StatusCode, HeaderMap, String) {
        let response = app(self.state().clone())
            .oneshot(request.body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (status, headers, String::from_utf8(bytes.to_vec()).unwrap())
    }

    pub(super) async fn get(&self, uri: &str) -> (StatusCode, String) {
        let (status, headers, body) = self.get_with(uri, None).await;
        if uri.starts_with("/assets/") {
            return (status, body);
        }
        assert_eq!(headers["content-type"], "text/html; charset=utf-8", "{uri}");
        (status, body)
    }

    pub(super) async fn stop(self) {
        self.running.stop().await;
    }
}

pub(super) fn assert_page(body: &str) {
    for needle in [
        "<!doctype html>",
        r#"<html lang="en">"#,
        r#"<meta name="viewport""#,
        r##"<a class="skip" href="#main">"##,
        "<header",
        r#"<nav aria-label="Main">"#,
        r#"<main id="main""#,
        "<footer",
        r#"href="/v1/openapi.json""#,
        "/assets/dashboard.css?v=",
        "/assets/dashboard.js?v=",
        r#"id="live""#,
    ] {
        assert!(body.contains(needle), "the layout lacks {needle}");
    }
}

#[test]
fn markup_helpers_escape_what_they_are_given() {
    let hostile = r#"<a href="x">Tom & 'Jerry'</a>"#;
    let escaped = "&lt;a href=&quot;x&quot;&gt;Tom &amp; 'Jerry'&lt;/a&gt;";
    // Text and attribute values alike: a claim link puts the id in both.
    assert_eq!(
        super::claim_link(hostile).into_string(),
        format!(
            r#"<a href="/claims/%3Ca%20href%3D%22x%22%3ETom%20%26%20%27Jerry%27%3C%2Fa%3E">{escaped}</a>"#
        )
    );
    let section = super::section("s", hostile, maud::html! { (hostile) }).into_string();
    assert_eq!(section.matches(escaped).count(), 2, "{section}");
    assert!(!section.contains("<a href"));
    let plain = "plain text, кирилиця";
    assert_eq!(maud::html! { (plain) }.into_string(), plain);
}

#[test]
fn helpers_format_amounts_and_paths() {
    assert_eq!(super::group_digits("1250000.00"), "1,250,000.00");
    assert_eq!(super::group_digits("-999"), "-999");
    assert_eq!(super::group_digits("1000"), "1,000");
    assert_eq!(super::path_segment("C-1:a/b c"), "C-1:a%2Fb%20c");
}

#[tokio::test]
async fn overview_is_peace_on_an_empty_log() {
    let f = Fixture::empty("empty").await;
    let (status, body) = f.get("/").await;
    assert_eq!(status, StatusCode::OK);
    assert_page(&body);
    assert!(body.contains(r#"data-mode="peace""#), "{body}");
    assert!(body.contains(r#"<ul id="open-claims" class="items"></ul>"#));
    assert!(body.contains(r#"<ul id="activations" class="items"></ul>"#));
    assert!(body.contains("Dashboard &lt;Test&gt; Guarantee"));
    f.stop().await;
}

/// Tables of lists that grow with the record stop at ROWS_MAX rows and say where the rest is.
#[test]
fn long_tables_say_how_many_rows_they_left_out() {
    assert_eq!(
        super::rows_note(super::ROWS_MAX, "/v1/fund").into_string(),
        ""
    );
    let note = super::rows_note(super::ROWS_MAX + 1, "/v1/fund").into_string();
    assert!(note.contains("200 of 201 are shown"), "{note}");
    assert!(note.contains(r#"href="/v1/fund""#), "{note}");
}

/// Finding: the overview listed every open claim (46 MB of HTML at 76,000 of them). It now
/// shows a page of them, soonest deadline first, with links to the neighbouring pages.
#[tokio::test]
async fn regression_overview_listed_every_open_claim() {
    let f = Fixture::empty("overview-pages").await;
    for k in 0..(super::OVERVIEW_LIST_MAX + 7) {
        f.submit("UA", json!({ "type": "claim.filed", "claim": format!("P-{k:03}"), "category": "shelling", "severity": 1, "summary": "A claim" })).await;
    }
    let (status, body) = f.get("/").await;
    assert_eq!(status, StatusCode::OK);
    let shown = body.matches(r#"data-status="pending""#).count();
    assert_eq!(shown, super::OVERVIEW_LIST_MAX, "{body}");
    assert!(body.contains("P-000") && !body.contains("P-050"));
    assert!(body.contains("of 57 open claims"), "{body}");
    assert!(body.contains(r#"href="/?from=50""#), "{body}");
    assert!(body.contains("<strong>57</strong> open claims"), "{body}");
    let (status, next) = f.get("/?from=50&fragment=main").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(next.matches(r#"data-status="pending""#).count(), 7);
    assert!(
        next.contains("P-056") && next.contains(r#"href="/?from=0""#),
        "{next}"
    );
    let (status, _) = f.get("/?from=x").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    f.stop().await;
}

#[tokio::test]
async fn overview_shows_claims_countdowns_votes_needed_activations_and_overdue() {
    let f = Fixture::populated("overview").await;
    let (status, body) = f.get("/").await;
    assert_eq!(status, StatusCode::OK);
    assert_page(&body);
    assert!(body.contains(r#"id="open-claims""#));
    assert!(
        body.contains(r#"data-claim="C-1" data-status="pending""#),
        "{body}"
    );
    assert!(body.contains(r#"href="/claims/C-1""#));
    // The deadline is 48 hours after filing, as an ISO instant for the countdown.
    assert!(
        body.contains(r#"data-deadline="2026-03-03T00:00:01Z""#),
        "{body}"
    );
    assert!(
        body.contains("Needed to dismiss: 3 unfounded votes of 5; 1 cast, 2 still needed"),
        "{body}"
    );
    assert!(body.contains(r#"data-claim="C-2" data-status="activated""#));
    assert!(body.contains(r#"id="activations""#));
    assert!(
        body.contains(r#"data-activation="A1" data-tier="minor""#),
        "{body}"
    );
    assert!(body.contains("Minor violation (minor)"));
    assert!(body.contains("<li>Budget support</li>"));
    assert!(body.contains(r#"data-mode="conflict""#));
    assert!(
        body.contains(r#"data-obligation="A1/aid/1" data-status="overdue""#),
        "{body}"
    );
    assert!(body.contains("Release the first &lt;b&gt;tranche&lt;/b&gt;"));
    assert!(body.contains("EUR 1,250,000.00"));
    assert!(body.contains("Party G1 (G1)"));
    f.stop().await;
}

#[tokio::test]
async fn claim_summaries_are_escaped_on_every_page_that_shows_them() {
    let f = Fixture::populated("escape").await;
    for uri in [
        "/",
        "/?fragment=main",
        "/claims/C-1",
        "/claims/C-1?fragment=main",
    ] {
        let (status, body) = f.get(uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(body.contains(SUMMARY_ESCAPED), "{uri}: {body}");
        assert!(
            !body.contains("<script>alert"),
            "{uri} carries the raw summary"
        );
    }
    f.stop().await;
}

#[tokio::test]
async fn claim_page_shows_timeline_tally_explanation_and_what_followed() {
    let f = Fixture::populated("claim").await;
    let (status, body) = f.get("/claims/C-1").await;
    assert_eq!(status, StatusCode::OK);
    assert_page(&body);
    assert!(body.contains(r#"data-claim="C-1" data-status="pending""#));
    assert!(body.contains(r#"id="timeline""#));
    for kind in ["filed", "evidence", "vote"] {
        assert!(body.contains(&format!(r#"data-kind="{kind}""#)), "{kind}");
    }
    assert!(body.contains(r#"id="tally""#));
    assert!(body.contains(r#"<th scope="row">Unfounded</th><td class="num">1</td>"#));
    assert!(body.contains(r#"<th scope="row">Not voted</th><td class="num">3</td>"#));
    assert!(body.contains("Needed to dismiss: 3 unfounded votes of 5; 1 cast, 2 still needed"));
    assert!(body.contains(r#"data-deadline="#));
    assert!(body.contains(r#"id="explanation""#));
    assert!(
        body.contains("Art. 3(3)"),
        "the explanation cites the charter"
    );
    assert!(body.contains("No activation has followed from this claim."));

    let (status, body) = f.get("/claims/C-2").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(r#"data-claim="C-2" data-status="activated""#));
    assert!(
        body.contains("Needed to dismiss: 3 unfounded votes of 5; 0 cast."),
        "{body}"
    );
    assert!(body.contains(r#"id="claim-activations""#));
    assert!(body.contains(r#"data-obligation="A1/aid/1" data-status="overdue""#));
    assert!(body.contains(r#"data-obligation="A1/aid/2" data-status="pending""#));
    f.stop().await;
}

#[tokio::test]
async fn a_superseded_claim_says_by_which_motion_on_its_page() {
    let f = Fixture::empty("superseded").await;
    f.submit("UA", json!({ "type": "claim.filed", "claim": "C-9", "category": "shelling", "severity": 2, "summary": "Shelling" })).await;
    f.submit("G1", json!({ "type": "decision.opened", "decision": "M-9", "body": "ministers", "motion": "Extend the observation period instead", "decide_within": "1d", "claim": "C-9", "supersedes": true })).await;
    for party in ["G1", "G2", "G3"] {
        f.submit(
            party,
            json!({ "type": "vote.cast", "decision": "M-9", "vote": "yes" }),
        )
        .await;
    }
    let (status, body) = f.get("/claims/C-9").await;
    assert_eq!(status, StatusCode::OK);
    assert_page(&body);
    assert!(
        body.contains(r#"data-claim="C-9" data-status="superseded""#),
        "{body}"
    );
    assert!(body.contains("badge-superseded"));
    assert!(
        body.contains(r#"data-kind="superseded""#),
        "the timeline says so"
    );
    assert!(body.contains("by the adopted motion <code>M-9</code>"));
    assert!(body.contains("nothing it would have activated takes effect"));
    f.stop().await;
}

#[tokio::test]
async fn evidence_above_public_is_shown_only_with_a_token_that_covers_it() {
    let f = Fixture::populated("evidence").await;
    let public = digest("public");
    let restricted = digest("restricted");

    // The public sees the classified item as its marking, REL TO list and commitment only.
    let (_, body) = f.get("/claims/C-1").await;
    assert!(body.contains(r#"data-source-kind="osint""#));
    assert!(body.contains(&public));
    assert!(body.contains(r#"data-source-kind="classified""#), "{body}");
    assert!(body.contains("RESTRICTED // REL TO G1"), "{body}");
    assert!(body.contains("data-commitment=\"sha256:"), "{body}");
    assert!(!body.contains(&restricted), "restricted evidence leaked");
    assert!(!body.contains("satellite"), "restricted evidence leaked");

    // A party not in REL TO sees no content, whatever its clearance.
    let token = f.token("G2", Clearance::Secret).await;
    let (status, _, body) = f.get_with("/claims/C-1", Some(&token)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!body.contains(&restricted), "released outside REL TO");
    assert!(!body.contains("satellite"), "released outside REL TO");

    let token = f.token("G1", Clearance::Restricted).await;
    let (status, _, body) = f.get_with("/claims/C-1", Some(&token)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Released to you: satellite"), "{body}");
    assert!(body.contains(&restricted));
    assert!(body.contains("with restricted clearance"));

    let (status, _, body) = f.get_with("/claims/C-1", Some("not-a-token")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_page(&body);
    assert!(!body.contains(&restricted));
    f.stop().await;
}

#[tokio::test]
async fn an_unknown_claim_is_a_404_page() {
    let f = Fixture::populated("404").await;
    let (status, body) = f.get("/claims/C-404").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_page(&body);
    assert!(body.contains("<h1>Not found</h1>"));
    assert!(body.contains("<code>C-404</code>"));

    let (status, body) = f.get("/claims/%3Cscript%3Ex").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("<code>&lt;script&gt;x</code>"), "{body}");
    assert!(!body.contains("<script>x"));

    let (status, body) = f.get("/claims/C-404?fragment=main").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!body.contains("<html"));
    f.stop().await;
}

#[tokio::test]
async fn fragment_main_is_the_inner_html_of_main_only() {
    let f = Fixture::populated("fragment").await;
    for uri in [
        "/?fragment=main",
        "/claims/C-1?fragment=main",
        "/guarantors?fragment=main",
        "/fund?fragment=main",
        "/log?fragment=main",
    ] {
        let (status, body) = f.get(uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        for absent in [
            "<html",
            "<!doctype",
            "<main",
            "</main>",
            "<header",
            "<footer",
        ] {
            assert!(!body.contains(absent), "{uri} has {absent}");
        }
    }
    let (_, body) = f.get("/?fragment=main").await;
    assert!(body.contains(r#"id="open-claims""#));
    assert!(body.contains(r#"data-claim="C-1" data-status="pending""#));
    // The full page carries exactly that fragment inside <main>.
    let (_, page) = f.get("/").await;
    assert!(page.contains(&format!(">\n{body}\n</main>")));
    f.stop().await;
}

#[tokio::test]
async fn guarantors_page_has_a_table_and_an_accessible_chart() {
    let f = Fixture::populated("guarantors").await;
    let (status, body) = f.get("/guarantors").await;
    assert_eq!(status, StatusCode::OK);
    assert_page(&body);
    assert!(body.contains(r#"<table id="compliance">"#));
    assert!(body.contains("<caption>"));
    assert!(body.contains(r#"<th scope="col" class="num">On time</th>"#));
    // G1: one overdue; G2: one pending; G3 to G5 guarantors without obligations.
    assert!(body.contains(r#"<tr data-party="G1"><th scope="row">Party G1 (G1)</th><td class="num">0</td><td class="num">0</td><td class="num">1</td><td class="num">0</td><td class="num">1</td></tr>"#), "{body}");
    assert!(body.contains(r#"<tr data-party="G2"><th scope="row">Party G2 (G2)</th><td class="num">0</td><td class="num">0</td><td class="num">0</td><td class="num">1</td><td class="num">1</td></tr>"#));
    assert!(body.contains(r#"data-party="G5""#));
    assert!(!body.contains(r#"data-party="UA""#));
    assert!(body.contains(r#"<svg id="compliance-chart""#));
    assert!(body.contains(r#"role="img" aria-labelledby="chart-title chart-desc""#));
    assert!(body.contains(r#"<title id="chart-title">"#));
    assert!(body.contains(r#"class="seg-overdue""#));
    assert!(body.contains("<title>G1: 1 overdue</title>"));
    assert!(body.contains(r#"class="seg-pending""#));
    f.stop().await;
}

#[tokio::test]
async fn log_page_shows_the_checkpoint_and_how_to_verify() {
    let f = Fixture::populated("log").await;
    let note = f
        .state()
        .node()
        .run(|ctx| ctx.ledger.store().checkpoint().unwrap().unwrap().note)
        .await
        .unwrap();
    let size = f.state().node().status.borrow().size;
    let (status, body) = f.get("/log").await;
    assert_eq!(status, StatusCode::OK);
    assert_page(&body);
    assert!(body.contains(&format!(
        r#"<pre id="checkpoint">{}</pre>"#,
        maud::html! { (note) }.into_string()
    )));
    assert!(body.contains(&format!(r#"data-size="{size}""#)), "{body}");
    assert!(body.contains(r#"<code id="root">"#));
    for needle in [
        "snapback log export FILE",
        "snapback verify --export FILE --charter CHARTER",
        "snapback log vkey",
        "/v1/log/checkpoint",
        "/v1/log/proof/inclusion?index=N",
        "/v1/log/proof/consistency?from=A&amp;to=B",
        "SHA-256(0x00 || canonical entry bytes)",
        "dash.example",
    ] {
        assert!(body.contains(needle), "the log page lacks {needle}");
    }
    f.stop().await;
}

#[tokio::test]
async fn assets_are_served_with_their_types_and_a_cache_header() {
    let f = Fixture::empty("assets").await;
    for (uri, kind, needle) in [
        ("/assets/dashboard.css", "text/css; charset=utf-8", ":root"),
        (
            "/assets/dashboard.js",
            "text/javascript; charset=utf-8",
            "EventSource",
        ),
    ] {
        let (status, headers, body) = f.get_with(uri, None).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert_eq!(headers["content-type"], kind);
        assert_eq!(headers["cache-control"], "public, max-age=86400");
        assert!(body.contains(needle));
    }
    let (_, headers, _) = f.get_with("/", None).await;
    assert!(
        headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("script-src 'self'")
    );
    f.stop().await;
}

mod charter;
mod explain_uk;
mod findings;
mod fund;
mod i18n;
mod measures;
mod monitoring;
mod newcomer;
