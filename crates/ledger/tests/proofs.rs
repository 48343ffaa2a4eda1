//! `proofs`: what the CLI asks of a stored log (proofs, the whole log, a verified mirror) agrees
//! with the Merkle functions and with the log the ledger wrote.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::Timestamp;
use snapback_charter::{CharterHistory, Source, load_toml};
use snapback_engine::event::{ClaimFiled, Event, EventKind};
use snapback_ledger::convert::input_event;
use snapback_ledger::proofs::{self, ProofsError};
use snapback_ledger::{Ledger, Submission, tree_root};
use snapback_log::entry::{EntryBody, EntryKind};
use snapback_log::keys::{Alg, SignerKey};
use snapback_log::merkle::{leaf_hash, verify_consistency, verify_inclusion};
use snapback_store::{SqliteStore, Store};

fn history(ua: &SignerKey, sec: &SignerKey, log: &SignerKey) -> CharterHistory {
    let text = format!(
        "[charter]\nid = \"p\"\ntitle = \"Proofs\"\nversion = \"1\"\neffective = 2026-01-01T00:00:00Z\nbeneficiary = \"UA\"\n\n\
         [[party]]\nid = \"UA\"\nname = \"UA\"\nroles = [\"beneficiary\"]\nkeys = [\"{}\"]\n\n\
         [[party]]\nid = \"SEC\"\nname = \"SEC\"\nroles = [\"secretariat\"]\nkeys = [\"{}\"]\n\n\
         [[party]]\nid = \"G\"\nname = \"G\"\nroles = [\"guarantor\"]\n\n\
         [[body]]\nid = \"b\"\nmembers = {{ role = \"guarantor\" }}\nrule = \"majority\"\n\n\
         [verification]\nclaimants = [\"UA\"]\nbody = \"b\"\ndecide_within = \"30d\"\nburden = \"flipped\"\n\n\
         [log]\norigin = \"proofs.example\"\nkey = \"{}\"\n",
        ua.verifier(),
        sec.verifier(),
        log.verifier()
    );
    let charter = load_toml(&Source::new("p.toml", text)).unwrap_or_else(|e| panic!("{e}"));
    CharterHistory::new(vec![charter]).unwrap()
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

fn fresh_dir(name: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn proofs_the_whole_log_and_a_mirror_agree_with_the_tree() {
    let ua = SignerKey::from_seed("UA", Alg::Ed25519, &[1; 32]).unwrap();
    let sec = SignerKey::from_seed("SEC", Alg::Ed25519, &[3; 32]).unwrap();
    let log = SignerKey::from_seed("proofs.example", Alg::Ed25519, &[4; 32]).unwrap();
    let dir = fresh_dir("proofs");
    let store = SqliteStore::open(&dir.join("log.sqlite")).unwrap();
    let mut ledger = Ledger::open(store, history(&ua, &sec, &log), sec, log).unwrap();
    let at: Timestamp = "2026-01-15T00:00:00Z".parse().unwrap();
    for i in 0..7 {
        ledger
            .submit(&[(claim(&ua, &format!("C{i}")), at)])
            .unwrap();
    }
    let store = ledger.store();
    let size = store.size();
    assert_eq!(size, 7);

    let whole = proofs::read_log(store).unwrap();
    assert_eq!(whole.entries.len(), 7);
    let leaves: Vec<_> = whole.entries.iter().map(|e| leaf_hash(e)).collect();
    assert_eq!(whole.leaves, leaves);
    assert!(whole.checkpoint.is_some());

    for index in 0..size {
        let p = proofs::inclusion(store, index, size).unwrap();
        assert_eq!(p.root, tree_root(store, size).unwrap());
        verify_inclusion(&p.leaf, index, size, &p.path, &p.root).unwrap();
    }
    assert!(matches!(
        proofs::inclusion(store, size, size),
        Err(ProofsError::Tree(_))
    ));

    let c = proofs::consistency(store, 3, size).unwrap();
    assert_eq!(c.old_root, tree_root(store, 3).unwrap());
    verify_consistency(3, size, &c.old_root, &c.new_root, &c.path).unwrap();
    assert_eq!(
        proofs::check_consistency(store, 3, &c.old_root, size, &c.new_root).unwrap(),
        Ok(())
    );
    assert!(
        proofs::check_consistency(store, 3, &c.new_root, size, &c.new_root)
            .unwrap()
            .is_err(),
        "a wrong old root is a fork"
    );

    let note = whole.checkpoint.clone().unwrap();
    let mut mirror = SqliteStore::open(&fresh_dir("proofs-mirror").join("log.sqlite")).unwrap();
    proofs::import_mirror(&mut mirror, &whole.entries, note.clone()).unwrap();
    let copied = proofs::read_log(&mirror).unwrap();
    assert_eq!(copied.entries, whole.entries);
    assert_eq!(copied.leaves, whole.leaves);
    assert_eq!(copied.checkpoint, Some(note.clone()));
    assert!(matches!(
        proofs::import_mirror(&mut mirror, &whole.entries, note),
        Err(ProofsError::NotEmpty { size: 7 })
    ));
}
