//! `POST /v1/entries`: acceptance with a verifying inclusion proof, idempotence, and every way a
//! submission is refused, each with its status and `code`.

use axum::http::StatusCode;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use serde_json::{Value, json};
use snapback_ledger::Submission;
use snapback_log::entry::{EntryBody, EntryKind};
use snapback_log::merkle::{Hash, leaf_hash, verify_inclusion};
use snapback_log::note::open_checkpoint;

use crate::schema;
use crate::support::*;

fn hash(v: &Value) -> Hash {
    B64.decode(v.as_str().unwrap()).unwrap().try_into().unwrap()
}

/// Checks a submission's proof against the stored entry and the checkpoint that came with it.
async fn check_proof(s: &Server, answer: &Value) {
    schema::check(answer, "SubmitResult");
    let p = &answer["proof"];
    let index = answer["index"].as_u64().unwrap();
    assert_eq!(p["index"], index);
    let stored = s.stored_entries().await;
    let tree_size = p["tree_size"].as_u64().unwrap();
    assert_eq!(tree_size, stored.len() as u64);
    let leaf = hash(&p["leaf_hash"]);
    assert_eq!(leaf, leaf_hash(&stored[index as usize]));
    let proof: Vec<Hash> = p["proof"].as_array().unwrap().iter().map(hash).collect();
    let root = hash(&p["root"]);
    verify_inclusion(&leaf, index, tree_size, &proof, &root).unwrap();
    // The proof is in the tree of the signed checkpoint returned with it.
    let (cp, _) = open_checkpoint(
        answer["checkpoint"].as_str().unwrap(),
        &s.keys.log.verifier(),
    )
    .unwrap();
    assert_eq!((cp.size, cp.root), (tree_size, root));
}

#[tokio::test]
async fn an_accepted_entry_is_proved_and_a_repeat_is_a_duplicate() {
    let s = Server::start("accept").await;
    let first = s.entry("UA", claim_filed("C1", 2));
    let reply = s.post_json("/v1/entries", &first).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    assert!(reply.content_type().starts_with("application/json"));
    let a = reply.json();
    assert_eq!(
        (a["index"].as_u64(), a["duplicate"].as_bool()),
        (Some(0), Some(false))
    );
    assert_eq!(a["at"], T0);
    check_proof(&s, &a).await;

    // A second entry a little later: a proof with a sibling.
    s.clock.set(ts("2026-01-10T00:00:01.234567Z"));
    let b = s.submit("UA", claim_filed("C2", 2)).await;
    assert_eq!(b["index"], 1);
    assert_eq!(
        b["at"], "2026-01-10T00:00:01.234Z",
        "dated to the millisecond"
    );
    assert_eq!(b["proof"]["proof"].as_array().unwrap().len(), 1);
    check_proof(&s, &b).await;
    let entries = s.log_entries().await;
    assert_eq!(
        entries[1]["at"], b["at"],
        "the answer's time is the entry's"
    );

    // The identical body again: 200, the same index and time, a proof in today's tree.
    let again = s.post_json("/v1/entries", &first).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.text());
    let d = again.json();
    assert_eq!(
        (d["index"].as_u64(), d["duplicate"].as_bool()),
        (Some(0), Some(true))
    );
    assert_eq!(d["at"], T0);
    check_proof(&s, &d).await;
    assert_eq!(s.stored_entries().await.len(), 2, "nothing appended");

    // The same body in another layout (pretty-printed, with an `at` of its own) is the same entry.
    let mut relaid = first.clone();
    relaid["at"] = json!("1999-01-01T00:00:00Z");
    let pretty = serde_json::to_string_pretty(&relaid).unwrap();
    let r = s.post("/v1/entries", pretty).await;
    assert_eq!(
        (r.status, r.json()["index"].as_u64()),
        (StatusCode::OK, Some(0))
    );
    s.stop().await;
}

#[tokio::test]
async fn a_submitted_time_is_ignored() {
    let s = Server::start("at-ignored").await;
    let mut e = s.entry("UA", claim_filed("C1", 2));
    e["at"] = json!("2030-01-01T00:00:00Z");
    let r = s.post_json("/v1/entries", &e).await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert_eq!(r.json()["at"], T0);
    assert_eq!(s.log_entries().await[0]["at"], T0);
    s.stop().await;
}

#[tokio::test]
async fn malformed_bodies_are_400_and_name_the_field() {
    let s = Server::start("malformed").await;
    let good = s.entry("UA", claim_filed("C1", 2));

    // Not JSON, or not an object: no field to name.
    let trailing = format!("{good} {{}}");
    for body in ["{", "not json", "", "[]", "{}", trailing.as_str()] {
        let r = s.post("/v1/entries", body.to_owned()).await;
        let p = refused(&r, 400, "malformed");
        assert!(p.get("field").is_none(), "{body}: {p}");
    }
    // A missing field is named by the object that lacks it; a cut-off body likewise.
    let mut missing = good.clone();
    missing["body"].as_object_mut().unwrap().remove("nonce");
    let p = refused(
        &s.post_json("/v1/entries", &missing).await,
        400,
        "malformed",
    );
    assert_eq!(p["field"], "body", "{p}");
    assert!(p["detail"].as_str().unwrap().contains("nonce"), "{p}");
    let p = refused(
        &s.post("/v1/entries", "{\"body\": {\"v\": 1, ").await,
        400,
        "malformed",
    );
    assert_eq!(p["field"], "body", "{p}");

    // Unknown fields, at every level.
    let mut top = good.clone();
    top["extra"] = json!(1);
    let p = refused(&s.post_json("/v1/entries", &top).await, 400, "malformed");
    assert_eq!(p["field"], "extra");
    let mut inner = good.clone();
    inner["body"]["extra"] = json!(1);
    let p = refused(&s.post_json("/v1/entries", &inner).await, 400, "malformed");
    assert_eq!(p["field"], "body.extra");
    let mut event = claim_filed("C1", 2);
    event["bogus"] = json!(true);
    let p = refused(
        &s.post_json("/v1/entries", &s.entry("UA", event)).await,
        400,
        "malformed",
    );
    assert_eq!(p["field"], "body.event.bogus", "{p}");
    // A field of another event type.
    let mut event = claim_filed("C1", 2);
    event["vote"] = json!("founded");
    let p = refused(
        &s.post_json("/v1/entries", &s.entry("UA", event)).await,
        400,
        "malformed",
    );
    assert_eq!(p["field"], "body.event.vote", "{p}");

    // Wrong types.
    let mut v = good.clone();
    v["body"]["v"] = json!("one");
    let p = refused(&s.post_json("/v1/entries", &v).await, 400, "malformed");
    assert_eq!(p["field"], "body.v");
    let mut sig = good.clone();
    sig["sig"] = json!(5);
    let p = refused(&s.post_json("/v1/entries", &sig).await, 400, "malformed");
    assert_eq!(p["field"], "sig");
    let mut event = claim_filed("C1", 2);
    event["severity"] = json!("high");
    let p = refused(
        &s.post_json("/v1/entries", &s.entry("UA", event)).await,
        400,
        "malformed",
    );
    assert_eq!(p["field"], "body.event.severity", "{p}");
    // An unknown event type, and a missing field.
    let p = refused(
        &s.post_json(
            "/v1/entries",
            &s.entry("UA", json!({"type": "claim.invented"})),
        )
        .await,
        400,
        "malformed",
    );
    assert_eq!(p["field"], "body.event.type", "{p}");
    let r = s
        .post_json(
            "/v1/entries",
            &s.entry("UA", json!({"type": "claim.withdrawn"})),
        )
        .await;
    refused(&r, 400, "malformed");

    // A signature that is not 64 bytes of base64, an unsupported version, a timed event.
    let mut short = good.clone();
    short["sig"] = json!("AAAA");
    refused(&s.post_json("/v1/entries", &short).await, 400, "malformed");
    let mut v2 = good.clone();
    v2["body"]["v"] = json!(2);
    refused(&s.post_json("/v1/entries", &v2).await, 400, "malformed");
    let mut timed = good.clone();
    timed["body"]["event"]["at"] = json!(T0);
    refused(&s.post_json("/v1/entries", &timed).await, 400, "malformed");

    assert!(s.stored_entries().await.is_empty());
    // The good one still goes in.
    s.post_json("/v1/entries", &good).await;
    assert_eq!(s.stored_entries().await.len(), 1);
    s.stop().await;
}

#[tokio::test]
async fn oversized_bodies_are_413() {
    let s = Server::start("too-large").await;
    let mut event = claim_filed("C1", 2);
    event["summary"] = json!("x".repeat(64 * 1024));
    let big = s.entry("UA", event);
    let r = s.post_json("/v1/entries", &big).await;
    let p = refused(&r, 413, "too_large");
    assert!(p["detail"].as_str().unwrap().contains("65536"), "{p}");
    // Just over the limit, and far over it (past the router's own body limit too).
    refused(
        &s.post("/v1/entries", vec![b' '; 64 * 1024 + 1]).await,
        413,
        "too_large",
    );
    refused(
        &s.post("/v1/entries", vec![b' '; 1024 * 1024]).await,
        413,
        "too_large",
    );
    // Exactly at the limit it is read (and is then not an entry).
    refused(
        &s.post("/v1/entries", vec![b' '; 64 * 1024]).await,
        400,
        "malformed",
    );
    assert!(s.stored_entries().await.is_empty());
    s.stop().await;
}

#[tokio::test]
async fn signatures_and_keys_are_checked() {
    let s = Server::start("signatures").await;
    // A flipped signature bit.
    let mut e = s.entry("UA", claim_filed("C1", 2));
    let mut sig = B64.decode(e["sig"].as_str().unwrap()).unwrap();
    sig[10] ^= 1;
    e["sig"] = json!(B64.encode(&sig));
    refused(&s.post_json("/v1/entries", &e).await, 401, "bad_signature");
    // A body altered after signing.
    let mut e = s.entry("UA", claim_filed("C1", 2));
    e["body"]["event"]["severity"] = json!(3);
    refused(&s.post_json("/v1/entries", &e).await, 401, "bad_signature");

    // UA signs in A's name: A holds no such key.
    let ua = s.keys.party("UA");
    let mut body =
        EntryBody::new(EntryKind::Input, ua, nonce(), object(vote("C1", "founded"))).unwrap();
    body.party = "A".into();
    let forged = submission_json(&Submission::sign(body, ua).unwrap());
    let p = refused(
        &s.post_json("/v1/entries", &forged).await,
        403,
        "unknown_key",
    );
    assert!(p["detail"].as_str().unwrap().contains("`A`"), "{p}");
    // A key id the party does not hold; a party the charter does not know.
    let mut e = s.entry("UA", claim_filed("C1", 2));
    e["body"]["key"] = json!("00000000");
    refused(&s.post_json("/v1/entries", &e).await, 403, "unknown_key");
    let stranger =
        snapback_log::keys::SignerKey::from_seed("ZZ", snapback_log::keys::Alg::Ed25519, &[77; 32])
            .unwrap();
    let body = EntryBody::new(
        EntryKind::Input,
        &stranger,
        nonce(),
        object(claim_filed("C1", 2)),
    )
    .unwrap();
    let e = submission_json(&Submission::sign(body, &stranger).unwrap());
    refused(&s.post_json("/v1/entries", &e).await, 403, "unknown_key");
    assert!(s.stored_entries().await.is_empty());
    s.stop().await;
}

#[tokio::test]
async fn derived_entries_and_reused_nonces_are_refused() {
    let s = Server::start("derived-nonce").await;
    let sec = s.keys.party("SEC");
    let body = EntryBody::new(
        EntryKind::Derived,
        sec,
        nonce(),
        object(json!({"type": "claim.determined", "claim": "C1", "status": "activated"})),
    )
    .unwrap();
    let derived = submission_json(&Submission::sign(body, sec).unwrap());
    refused(
        &s.post_json("/v1/entries", &derived).await,
        400,
        "not_input",
    );

    let first = s.entry_with("UA", "n-1", claim_filed("C1", 2));
    assert_eq!(
        s.post_json("/v1/entries", &first).await.status,
        StatusCode::CREATED
    );
    let other = s.entry_with("UA", "n-1", claim_filed("C2", 2));
    let p = refused(
        &s.post_json("/v1/entries", &other).await,
        409,
        "nonce_reused",
    );
    assert!(p["detail"].as_str().unwrap().contains("n-1"), "{p}");
    // Another party may use the same nonce.
    let a = s.entry_with("A", "n-1", vote("C1", "founded"));
    assert_eq!(
        s.post_json("/v1/entries", &a).await.status,
        StatusCode::CREATED
    );
    assert_eq!(s.stored_entries().await.len(), 2);
    s.stop().await;
}

#[tokio::test]
async fn the_engines_rules_are_422_with_the_engines_code() {
    let s = Server::start("rules").await;
    s.submit("UA", claim_filed("C1", 2)).await;
    s.submit("A", vote("C1", "unfounded")).await;
    let cases: Vec<(&str, Value, &str)> = vec![
        ("A", claim_filed("C2", 2), "no_standing"),
        ("UA", claim_filed("C3", 9), "bad_severity"),
        ("UA", claim_filed("C1", 2), "duplicate_claim"),
        ("A", vote("C9", "founded"), "unknown_claim"),
        ("X", vote("C1", "founded"), "not_member"),
        ("A", vote("C1", "founded"), "already_voted"),
        (
            "A",
            json!({"type": "claim.withdrawn", "claim": "C1"}),
            "not_filer",
        ),
        (
            "A",
            json!({"type": "obligation.fulfilled", "obligation": "A9/funds/1", "reference": "r"}),
            "unknown_obligation",
        ),
        (
            "A",
            json!({"type": "vote.cast", "decision": "D9", "vote": "yes"}),
            "unknown_decision",
        ),
        (
            "A",
            json!({"type": "decision.opened", "decision": "D1", "body": "nobody", "motion": "m", "decide_within": "24h"}),
            "unknown_body",
        ),
        (
            "UA",
            json!({"type": "decision.opened", "decision": "D1", "body": "council", "motion": "m", "decide_within": "24h"}),
            "may_not_open",
        ),
        (
            "X",
            json!({"type": "meeting.convened", "claim": "C1"}),
            "may_not_convene",
        ),
        (
            "UA",
            json!({"type": "claim.filed", "claim": "C4", "category": "c", "severity": 2, "summary": "s", "occurred_at": "2026-02-01T00:00:00Z"}),
            "occurred_after_filing",
        ),
    ];
    for (party, event, code) in cases {
        let r = s.post_json("/v1/entries", &s.entry(party, event)).await;
        let p = refused(&r, 422, code);
        assert!(!p["detail"].as_str().unwrap().is_empty());
    }
    // Closed claims: withdrawn, then voted on.
    s.submit("UA", json!({"type": "claim.withdrawn", "claim": "C1"}))
        .await;
    let r = s
        .post_json("/v1/entries", &s.entry("B", vote("C1", "founded")))
        .await;
    refused(&r, 422, "claim_closed");
    assert_eq!(s.stored_entries().await.len(), 3, "refusals append nothing");
    s.stop().await;
}

/// Regression: a filing refused by the rules is not in the log, so it must not change what the
/// log accepts next. The engine used to keep the refused claim (right for a scenario, where
/// refused events stay in the record) while the ledger dropped the entry: the id was taken until
/// the server restarted, so the same submission was judged differently before and after a
/// restart. The ledger's engine is now `Engine::for_log`.
#[tokio::test]
async fn regression_refused_filing_reserved_its_claim_id() {
    let s = Server::start("refused-filing").await;
    let r = s
        .post_json("/v1/entries", &s.entry("A", claim_filed("C9", 2)))
        .await;
    refused(&r, 422, "no_standing");
    assert_eq!(s.get("/v1/claims").await.json()["claims"], json!([]));
    let r = s
        .post_json("/v1/entries", &s.entry("UA", claim_filed("C9", 2)))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    s.stop().await;
}

/// Issue 11: the duplicate check ran before the signature check, so a body already in the log
/// resubmitted with a bad signature was answered `200 duplicate`.
#[tokio::test]
async fn resubmitted_body_with_bad_signature_is_401() {
    let s = Server::start("dup-bad-sig").await;
    let good = s.entry("UA", claim_filed("C1", 2));
    assert_eq!(
        s.post_json("/v1/entries", &good).await.status,
        StatusCode::CREATED
    );
    let mut forged = good.clone();
    let mut sig = B64.decode(forged["sig"].as_str().unwrap()).unwrap();
    sig[10] ^= 1;
    forged["sig"] = json!(B64.encode(&sig));
    refused(
        &s.post_json("/v1/entries", &forged).await,
        401,
        "bad_signature",
    );
    // Both in one batch is no different: the good one again is still a duplicate.
    let again = s.post_json("/v1/entries", &good).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.text());
    assert_eq!(again.json()["duplicate"], true);
    assert_eq!(s.stored_entries().await.len(), 1);
    s.stop().await;
}

/// Issue 11: the nonce was not validated (empty, 60 KB and NUL were accepted).
#[tokio::test]
async fn nonce_format_is_enforced() {
    let s = Server::start("nonce-format").await;
    let long = "a".repeat(65);
    for (i, bad) in ["", "a\u{0}b", "with space", long.as_str(), "é"]
        .into_iter()
        .enumerate()
    {
        let e = s.entry_with("UA", bad, claim_filed(&format!("C{i}"), 2));
        let p = refused(&s.post_json("/v1/entries", &e).await, 400, "malformed");
        assert_eq!(p["field"], "body.nonce", "{bad:?}: {p}");
        assert!(p["detail"].as_str().unwrap().contains("nonce"), "{p}");
    }
    // 60 KB of nonce: refused, whatever limit catches it first.
    let huge = s.entry_with("UA", &"a".repeat(60_000), claim_filed("C9", 2));
    let r = s.post_json("/v1/entries", &huge).await;
    assert!(r.status.is_client_error(), "{}", r.text());
    assert!(s.stored_entries().await.is_empty());
    // What snapback writes, and the id-like nonces of other signers, still go in.
    let hex = snapback_log::entry::random_nonce().unwrap();
    for (i, ok) in [hex.as_str(), "n-1", "nonce.2_x:y", &"f".repeat(64)]
        .into_iter()
        .enumerate()
    {
        let e = s.entry_with("UA", ok, claim_filed(&format!("K{i}"), 2));
        let r = s.post_json("/v1/entries", &e).await;
        assert_eq!(r.status, StatusCode::CREATED, "{ok}: {}", r.text());
    }
    s.stop().await;
}

/// Issue 11: free text with control characters or bidirectional overrides is refused, naming
/// the field and the code point.
#[tokio::test]
async fn control_and_bidi_characters_in_free_text_are_400() {
    let s = Server::start("text-hygiene").await;
    for (field, value, code_point) in [
        ("summary", "paid \u{202e}gnp.exe", "U+202E"),
        ("summary", "a\u{0}b", "U+0000"),
        ("category", "\u{1b}[2J", "U+001B"),
        ("location", "Kyiv\nOdesa", "U+000A"),
    ] {
        let mut event = claim_filed("C1", 2);
        event[field] = json!(value);
        let p = refused(
            &s.post_json("/v1/entries", &s.entry("UA", event)).await,
            400,
            "malformed",
        );
        assert_eq!(p["field"], format!("body.event.{field}"), "{p}");
        assert!(p["detail"].as_str().unwrap().contains(code_point), "{p}");
    }
    let mut event = claim_filed("C1", 2);
    event["summary"] = json!("two\nlines");
    s.submit("UA", event).await;
    s.stop().await;
}
