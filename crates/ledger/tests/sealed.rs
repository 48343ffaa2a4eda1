//! Sealed classified evidence in the ledger: a classified entry must come with content that
//! hashes to its commitment, its content is stored beside the entry, and a log that carries
//! classified content in clear does not replay (so `verify` refuses it).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::{Map, Value, json};
use snapback_charter::{CharterHistory, Source, load_toml};
use snapback_ledger::convert::seal_event;
use snapback_ledger::{Discrepancy, Ledger, Outcome, Replayer, Submission, SubmitRejection};
use snapback_log::entry::{Entry, EntryBody, EntryKind};
use snapback_log::keys::{Alg, SignerKey};
use snapback_store::{SqliteStore, Store};

fn keys() -> (SignerKey, SignerKey, SignerKey) {
    (
        SignerKey::from_seed("UA", Alg::Ed25519, &[1; 32]).unwrap(),
        SignerKey::from_seed("SEC", Alg::Ed25519, &[3; 32]).unwrap(),
        SignerKey::from_seed("seal.example", Alg::Ed25519, &[4; 32]).unwrap(),
    )
}

fn history(ua: &SignerKey, sec: &SignerKey, log: &SignerKey) -> CharterHistory {
    let text = format!(
        "[charter]\nid = \"seal\"\ntitle = \"Seal\"\nversion = \"1\"\neffective = 2026-01-01T00:00:00Z\nbeneficiary = \"UA\"\n\n\
         [[party]]\nid = \"UA\"\nname = \"UA\"\nroles = [\"beneficiary\"]\nkeys = [\"{}\"]\n\n\
         [[party]]\nid = \"SEC\"\nname = \"SEC\"\nroles = [\"secretariat\"]\nkeys = [\"{}\"]\n\n\
         [[party]]\nid = \"G\"\nname = \"G\"\nroles = [\"guarantor\"]\n\n\
         [[body]]\nid = \"b\"\nmembers = {{ role = \"guarantor\" }}\nrule = \"majority\"\n\n\
         [verification]\nclaimants = [\"UA\"]\nbody = \"b\"\ndecide_within = \"30d\"\nburden = \"flipped\"\n\n\
         [log]\norigin = \"seal.example\"\nkey = \"{}\"\n",
        ua.verifier(),
        sec.verifier(),
        log.verifier()
    );
    let charter = load_toml(&Source::new("seal.toml", text)).unwrap_or_else(|e| panic!("{e}"));
    CharterHistory::new(vec![charter]).unwrap()
}

fn object(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => panic!("not an object"),
    }
}

fn filing() -> Map<String, Value> {
    object(
        json!({"type": "claim.filed", "claim": "C1", "category": "shelling", "severity": 1, "summary": "s"}),
    )
}

fn clear_secret() -> Map<String, Value> {
    object(
        json!({"type": "evidence.submitted", "claim": "C1", "classification": "secret",
        "releasable_to": ["G"], "source_kind": "satellite",
        "digest": format!("sha256:{}", "ab".repeat(32)), "summary": "SECRET-CONTENT"}),
    )
}

fn submission(key: &SignerKey, nonce: &str, event: Map<String, Value>) -> Submission {
    let body = EntryBody::new(EntryKind::Input, key, nonce.into(), event).unwrap();
    Submission::sign(body, key).unwrap()
}

#[test]
fn the_ledger_stores_sealed_content_beside_a_matching_commitment_only() {
    let (ua, sec, log) = keys();
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("sealed-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let store = SqliteStore::open(&dir.join("log.sqlite")).unwrap();
    let mut ledger = Ledger::open(store, history(&ua, &sec, &log), sec, log).unwrap();
    let t: jiff::Timestamp = "2026-01-15T00:00:00Z".parse().unwrap();

    let mut sealed_event = clear_secret();
    let sealed = seal_event(&mut sealed_event).unwrap().expect("sealed");
    assert!(
        !Value::Object(sealed_event.clone())
            .to_string()
            .contains("SECRET-CONTENT")
    );
    let mut wrong = sealed.clone();
    wrong.salt = "00".repeat(32);

    let outcomes = ledger
        .submit(&[
            (submission(&ua, "n0", filing()), t),
            // In clear: refused.
            (submission(&ua, "n1", clear_secret()), t),
            // Without its content, or with content that does not match: refused.
            (submission(&ua, "n2", sealed_event.clone()), t),
            (
                submission(&ua, "n3", sealed_event.clone()).with_sealed(Some(wrong)),
                t,
            ),
            // Content beside an event that has nothing to seal: refused.
            (
                submission(&ua, "n4", filing()).with_sealed(Some(sealed.clone())),
                t,
            ),
            // Right: appended, with its content beside it.
            (
                submission(&ua, "n5", sealed_event.clone()).with_sealed(Some(sealed.clone())),
                t,
            ),
        ])
        .unwrap();
    let codes: Vec<&str> = outcomes
        .iter()
        .map(|o| match o {
            Outcome::Rejected(r) => r.code(),
            Outcome::Appended { .. } => "appended",
            Outcome::Duplicate { .. } => "duplicate",
        })
        .collect();
    assert_eq!(
        codes,
        [
            "appended",
            "classified_in_clear",
            "sealed_missing",
            "commitment_mismatch",
            "sealed_unexpected",
            "appended"
        ]
    );
    assert!(matches!(
        &outcomes[1],
        Outcome::Rejected(SubmitRejection::ClassifiedInClear(m)) if m.contains("event.source_kind")
    ));
    let Outcome::Appended { index, .. } = outcomes[5] else {
        panic!("appended")
    };
    let commitment = sealed.commitment().unwrap();
    let stored = ledger.store().evidence(&commitment).unwrap().unwrap();
    assert_eq!((stored.index, &stored.evidence.sealed), (index, &sealed));
    assert_eq!(stored.evidence.party, "UA");
    assert_eq!(stored.evidence.classification, "secret");
    let bytes = ledger.store().entries(0, ledger.store().size()).unwrap();
    assert!(
        bytes
            .iter()
            .all(|b| !String::from_utf8_lossy(b).contains("SECRET-CONTENT"))
    );
}

#[test]
fn a_log_with_classified_content_in_clear_does_not_replay() {
    let (ua, sec, log) = keys();
    let history = history(&ua, &sec, &log);
    let mut replayer = Replayer::new(&history);
    let claim = Entry::new(
        "2026-01-15T00:00:00Z".into(),
        EntryBody::new(EntryKind::Input, &ua, "n0".into(), filing()).unwrap(),
        &ua,
    )
    .unwrap();
    replayer.feed(0, &claim).unwrap();
    let leak = Entry::new(
        "2026-01-15T00:00:01Z".into(),
        EntryBody::new(EntryKind::Input, &ua, "n1".into(), clear_secret()).unwrap(),
        &ua,
    )
    .unwrap();
    let err = replayer.feed(1, &leak).unwrap_err();
    assert!(
        matches!(err, Discrepancy::Unreadable { index: 1, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("in clear"), "{err}");
}
