//! Key rotation by amendment: an entry is checked against the keys its party holds in the
//! charter version in force at the entry's time, so entries signed before a rotation stay valid
//! and the old key stops working after it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::Timestamp;
use snapback_charter::{CharterHistory, Source, load_toml};
use snapback_engine::event::{ClaimFiled, Event, EventKind};
use snapback_ledger::convert::input_event;
use snapback_ledger::{Ledger, LogUnderTest, Outcome, Submission, SubmitRejection, verify};
use snapback_log::entry::{EntryBody, EntryKind, SignatureError};
use snapback_log::keys::{Alg, SignerKey};
use snapback_store::{SqliteStore, Store};

fn charter(
    version: &str,
    effective: &str,
    ua: &SignerKey,
    sec: &SignerKey,
    log: &SignerKey,
) -> snapback_charter::Charter {
    let text = format!(
        "[charter]\nid = \"rot\"\ntitle = \"Rotation\"\nversion = \"{version}\"\neffective = {effective}\nbeneficiary = \"UA\"\n\n\
         [[party]]\nid = \"UA\"\nname = \"UA\"\nroles = [\"beneficiary\"]\nkeys = [\"{}\"]\n\n\
         [[party]]\nid = \"SEC\"\nname = \"SEC\"\nroles = [\"secretariat\"]\nkeys = [\"{}\"]\n\n\
         [[party]]\nid = \"G\"\nname = \"G\"\nroles = [\"guarantor\"]\n\n\
         [[body]]\nid = \"b\"\nmembers = {{ role = \"guarantor\" }}\nrule = \"majority\"\n\n\
         [verification]\nclaimants = [\"UA\"]\nbody = \"b\"\ndecide_within = \"30d\"\nburden = \"flipped\"\n\n\
         [log]\norigin = \"rot.example\"\nkey = \"{}\"\n",
        ua.verifier(),
        sec.verifier(),
        log.verifier()
    );
    load_toml(&Source::new(format!("v{version}.toml"), text)).unwrap_or_else(|e| panic!("{e}"))
}

fn claim(key: &SignerKey, id: &str) -> Submission {
    let event = Event {
        at: Timestamp::UNIX_EPOCH,
        party: snapback_charter::PartyId::new("UA").unwrap(),
        kind: EventKind::ClaimFiled(ClaimFiled {
            claim: snapback_charter::ClaimId::new(id).unwrap(),
            category: "shelling".into(),
            severity: 1,
            summary: "s".into(),
            location: None,
            occurred_at: None,
            allegation: Default::default(),
        }),
    };
    let body = EntryBody::new(
        EntryKind::Input,
        key,
        format!("nonce-{id}"),
        input_event(&event).unwrap(),
    )
    .unwrap();
    Submission::sign(body, key).unwrap()
}

#[test]
fn keys_rotate_by_amendment_and_old_entries_stay_valid() {
    let old = SignerKey::from_seed("UA", Alg::Ed25519, &[1; 32]).unwrap();
    let new = SignerKey::from_seed("UA", Alg::Ed25519, &[2; 32]).unwrap();
    let sec = SignerKey::from_seed("SEC", Alg::Ed25519, &[3; 32]).unwrap();
    let log = SignerKey::from_seed("rot.example", Alg::Ed25519, &[4; 32]).unwrap();
    let history = CharterHistory::new(vec![
        charter("1", "2026-01-01T00:00:00Z", &old, &sec, &log),
        charter("2", "2026-02-01T00:00:00Z", &new, &sec, &log),
    ])
    .unwrap();
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("rotation-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let store = SqliteStore::open(&dir.join("log.sqlite")).unwrap();
    let mut ledger = Ledger::open(store, history.clone(), sec, log).unwrap();
    let jan: Timestamp = "2026-01-15T00:00:00Z".parse().unwrap();
    let feb: Timestamp = "2026-02-15T00:00:00Z".parse().unwrap();
    let outcomes = ledger
        .submit(&[
            (claim(&old, "C1"), jan),
            (claim(&new, "C2"), jan),
            (claim(&old, "C3"), feb),
            (claim(&new, "C4"), feb),
        ])
        .unwrap();
    assert!(
        matches!(outcomes[0], Outcome::Appended { index: 0, .. }),
        "{outcomes:?}"
    );
    assert!(
        matches!(
            &outcomes[1],
            Outcome::Rejected(SubmitRejection::Signature(
                SignatureError::UnknownKey { .. }
            ))
        ),
        "the new key is not in force in January: {outcomes:?}"
    );
    assert!(
        matches!(
            &outcomes[2],
            Outcome::Rejected(SubmitRejection::Signature(
                SignatureError::UnknownKey { .. }
            ))
        ),
        "the old key is retired in February: {outcomes:?}"
    );
    // Index 1 is the derived determination of C1, whose 30-day deadline passed on 14 February.
    assert!(
        matches!(outcomes[3], Outcome::Appended { index: 2, .. }),
        "{outcomes:?}"
    );
    // The whole log, the January entry under the old key included, verifies.
    let store = ledger.store();
    let entries = store.entries(0, store.size()).unwrap();
    let note = store.checkpoint().unwrap().unwrap().note;
    let report = verify(
        &history,
        &LogUnderTest {
            entries: &entries,
            stored_leaves: None,
            checkpoint: Some(&note),
            log_key: None,
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((report.entries, report.inputs, report.derived), (3, 2, 1));
}
