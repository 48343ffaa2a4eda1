//! The store test suite every implementation must pass. It is public so that the SQLite and the
//! PostgreSQL tests run the very same checks (and so could any future store).

// This module is test support: a failed check must fail the calling test at once.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use snapback_log::merkle::{MemoryTree, inclusion_proof, leaf_hash, verify_inclusion};

use snapback_log::sealed::{Sealed, SealedContent};

use crate::{Appended, NewEntry, SealedEvidence, Store, StoreError, StoreNodes, StoredCheckpoint};

/// Opens stores for the suite.
pub trait Harness {
    /// A new, empty store.
    fn fresh(&mut self) -> Box<dyn Store>;
    /// The store last returned by `fresh`, opened again (after the previous handle was dropped).
    fn reopen(&mut self) -> Box<dyn Store>;
}

/// A test entry; its id and nonce derive from `n`.
pub fn entry(n: u32) -> NewEntry {
    let mut id = [0u8; 32];
    id[..4].copy_from_slice(&n.to_be_bytes());
    NewEntry {
        id,
        party: if n % 2 == 0 {
            "UA".into()
        } else {
            "SEC".into()
        },
        nonce: format!("nonce-{n}"),
        at: format!("2026-01-01T00:00:{:02}Z", n % 60),
        data: format!("{{\"entry\":{n}}}").into_bytes(),
        evidence: None,
    }
}

/// A test entry that commits to sealed evidence (the commitment is not checked by a store).
pub fn sealed_entry(n: u32) -> NewEntry {
    let mut e = entry(n);
    e.evidence = Some(SealedEvidence {
        commitment: format!("sha256:{:064x}", n),
        claim: "C-1".into(),
        party: e.party.clone(),
        classification: "secret".into(),
        releasable_to: vec!["GB".into(), "US".into()],
        sealed: Sealed {
            content: SealedContent {
                source_kind: "satellite".into(),
                digest: format!("sha256:{}", "ab".repeat(32)),
                summary: format!("summary {n}, with a comma"),
            },
            salt: "01".repeat(32),
        },
    });
    e
}

fn indices(results: &[Appended]) -> Vec<u64> {
    results.iter().map(|a| a.index()).collect()
}

/// Runs every check against the harness's stores.
pub fn run(h: &mut dyn Harness) {
    empty_store(h);
    appends_are_dense_and_read_back(h);
    appends_are_idempotent(h);
    a_failed_batch_leaves_nothing(h);
    reopening_restores_the_tree(h);
    checkpoints_and_meta(h);
    proofs_from_stored_nodes(h);
    sealed_evidence_beside_its_entry(h);
}

/// Sealed evidence is stored in the same transaction as its entry, found by its commitment,
/// survives a reopen, is not stored again for a duplicate entry, and is not stored when its
/// batch fails.
fn sealed_evidence_beside_its_entry(h: &mut dyn Harness) {
    let mut s = h.fresh();
    let commitment = sealed_entry(2).evidence.unwrap().commitment;
    assert!(s.evidence(&commitment).expect("evidence").is_none());
    s.append(&[entry(1), sealed_entry(2)], None)
        .expect("append");
    let stored = s.evidence(&commitment).expect("evidence").expect("stored");
    assert_eq!(stored.index, 1);
    assert_eq!(stored.evidence, sealed_entry(2).evidence.unwrap());
    // The entry bytes (the Merkle leaf) are untouched by the sealed content.
    assert_eq!(s.entries(1, 2).unwrap()[0], entry(2).data);
    // A duplicate entry stores nothing new.
    assert_eq!(
        s.append(&[sealed_entry(2)], None).unwrap(),
        vec![Appended::Existing(1)]
    );
    // A failed batch stores neither the entry nor its evidence.
    let mut reused = sealed_entry(3);
    reused.nonce = entry(1).nonce.clone();
    reused.party = entry(1).party.clone();
    let failed = reused.evidence.clone().unwrap().commitment;
    s.append(&[reused], None)
        .expect_err("nonce reuse fails the batch");
    assert!(s.evidence(&failed).unwrap().is_none());
    drop(s);
    let s = h.reopen();
    assert_eq!(s.evidence(&commitment).unwrap().unwrap().index, 1);
    assert!(s.evidence(&failed).unwrap().is_none());
    assert!(s.evidence("sha256:unknown").unwrap().is_none());
}

fn empty_store(h: &mut dyn Harness) {
    let s = h.fresh();
    assert_eq!(s.size(), 0);
    assert_eq!(s.root(), snapback_log::merkle::empty_root());
    assert_eq!(s.entries(0, 10).expect("entries").len(), 0);
    assert!(s.checkpoint().expect("checkpoint").is_none());
}

fn appends_are_dense_and_read_back(h: &mut dyn Harness) {
    let mut s = h.fresh();
    let mut tree = MemoryTree::new();
    let mut next = 0u32;
    for batch_len in [1usize, 3, 1, 7, 16] {
        let batch: Vec<NewEntry> = (0..batch_len)
            .map(|_| {
                next += 1;
                entry(next)
            })
            .collect();
        let results = s.append(&batch, None).expect("append");
        assert!(results.iter().all(|a| matches!(a, Appended::New(_))));
        for e in &batch {
            tree.push(leaf_hash(&e.data));
        }
        assert_eq!(
            indices(&results),
            ((tree.size() - batch_len as u64)..tree.size()).collect::<Vec<_>>()
        );
        assert_eq!(s.size(), tree.size());
        assert_eq!(s.root(), tree.root());
    }
    let all = s.entries(0, u64::MAX).expect("entries");
    assert_eq!(all.len() as u64, s.size());
    for (i, data) in all.iter().enumerate() {
        assert_eq!(data, &entry(i as u32 + 1).data);
    }
    assert_eq!(s.entries(5, 8).expect("range").len(), 3);
    assert_eq!(s.find(&entry(3).id).expect("find"), Some(2));
    assert_eq!(s.nonce_used("SEC", "nonce-3").expect("nonce"), Some(2));
    assert_eq!(s.nonce_used("UA", "nonce-3").expect("nonce"), None);
    let found = s
        .lookup(
            &[entry(3).id, entry(99).id],
            &[("SEC", "nonce-3"), ("UA", "nonce-3"), ("UA", "nonce-4")],
        )
        .expect("lookup");
    assert_eq!(found.ids.len(), 1);
    assert_eq!(found.ids.get(&entry(3).id), Some(&2));
    assert_eq!(found.nonces.len(), 2);
    assert_eq!(
        found.nonces.get(&("UA".to_owned(), "nonce-4".to_owned())),
        Some(&3)
    );
}

fn appends_are_idempotent(h: &mut dyn Harness) {
    let mut s = h.fresh();
    s.append(&[entry(1), entry(2)], None).expect("append");
    let again = s
        .append(&[entry(2), entry(3), entry(3), entry(1)], None)
        .expect("append again");
    assert_eq!(
        again,
        vec![
            Appended::Existing(1),
            Appended::New(2),
            Appended::Existing(2),
            Appended::Existing(0)
        ]
    );
    assert_eq!(s.size(), 3);
}

fn a_failed_batch_leaves_nothing(h: &mut dyn Harness) {
    let mut s = h.fresh();
    s.append(&[entry(1)], None).expect("append");
    let root = s.root();
    let mut reused = entry(9);
    reused.nonce = entry(1).nonce.clone();
    reused.party = entry(1).party.clone();
    let err = s
        .append(&[entry(2), reused], None)
        .expect_err("nonce reuse fails the batch");
    assert!(
        matches!(err, StoreError::NonceReused { index: 0, .. }),
        "{err}"
    );
    assert_eq!(s.size(), 1);
    assert_eq!(s.root(), root);
    drop(s);
    let s = h.reopen();
    assert_eq!(s.size(), 1, "nothing of the failed batch is stored");
    assert_eq!(s.root(), root);
}

fn reopening_restores_the_tree(h: &mut dyn Harness) {
    let mut s = h.fresh();
    let batch: Vec<NewEntry> = (1..=21).map(entry).collect();
    s.append(&batch, None).expect("append");
    let (size, root) = (s.size(), s.root());
    drop(s);
    let mut s = h.reopen();
    assert_eq!((s.size(), s.root()), (size, root));
    s.append(&[entry(22)], None).expect("append after reopen");
    // What was stored before the reopen and after it is found (a store that answers lookups
    // from memory must know both), and nothing else.
    for (n, index) in [(5, Some(4)), (22, Some(21)), (23, None)] {
        let e = entry(n);
        let found = s
            .lookup(&[e.id], &[(e.party.as_str(), e.nonce.as_str())])
            .expect("lookup");
        assert_eq!(found.ids.get(&e.id).copied(), index, "entry {n} by id");
        assert_eq!(
            found
                .nonces
                .get(&(e.party.clone(), e.nonce.clone()))
                .copied(),
            index,
            "entry {n} by nonce"
        );
    }
    let mut tree = MemoryTree::new();
    for n in 1..=22 {
        tree.push(leaf_hash(&entry(n).data));
    }
    assert_eq!(s.root(), tree.root());
}

fn checkpoints_and_meta(h: &mut dyn Harness) {
    let mut s = h.fresh();
    // A checkpoint signed inside the append transaction is stored with it...
    let sign = |size: u64, root: &snapback_log::merkle::Hash| {
        Ok(format!("size {size} root {:02x}", root[0]))
    };
    s.append(&[entry(1)], Some(&sign))
        .expect("append with checkpoint");
    let cp = s.checkpoint().expect("get").expect("stored");
    assert_eq!(cp.size, 1);
    assert_eq!(cp.note, format!("size 1 root {:02x}", s.root()[0]));
    // ...and if signing fails, nothing of the batch is stored.
    let refuse = |_: u64, _: &snapback_log::merkle::Hash| Err("no key".to_owned());
    assert!(matches!(
        s.append(&[entry(2)], Some(&refuse)),
        Err(StoreError::Checkpoint(_))
    ));
    assert_eq!(s.size(), 1);
    drop(s);
    let mut s = h.fresh();
    s.put_checkpoint(&StoredCheckpoint {
        size: 1,
        note: "one".into(),
    })
    .expect("put");
    s.put_checkpoint(&StoredCheckpoint {
        size: 3,
        note: "three".into(),
    })
    .expect("put");
    s.put_checkpoint(&StoredCheckpoint {
        size: 2,
        note: "two".into(),
    })
    .expect("put");
    assert_eq!(
        s.checkpoint().expect("get"),
        Some(StoredCheckpoint {
            size: 3,
            note: "three".into()
        })
    );
    assert_eq!(s.meta("origin").expect("meta"), None);
    s.set_meta("origin", "a").expect("set");
    s.set_meta("origin", "b").expect("set");
    assert_eq!(s.meta("origin").expect("meta"), Some("b".into()));
}

fn proofs_from_stored_nodes(h: &mut dyn Harness) {
    let mut s = h.fresh();
    let batch: Vec<NewEntry> = (1..=13).map(entry).collect();
    s.append(&batch, None).expect("append");
    let root = s.root();
    for (i, e) in batch.iter().enumerate() {
        let proof = inclusion_proof(&StoreNodes(&*s), i as u64, s.size()).expect("proof");
        verify_inclusion(&leaf_hash(&e.data), i as u64, s.size(), &proof, &root).expect("verifies");
    }
}

/// The local server the PostgreSQL tests use unless `SNAPBACK_TEST_DATABASE_URL` names another.
pub const LOCAL_POSTGRES: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// The PostgreSQL server for tests, or why there is none: `SNAPBACK_TEST_DATABASE_URL` if set;
/// otherwise the local server at 127.0.0.1:5432 whenever it answers, and always in CI
/// (`CI=true`), where its absence must fail the tests rather than skip them.
pub fn postgres_server() -> Result<String, String> {
    if let Ok(url) = std::env::var("SNAPBACK_TEST_DATABASE_URL") {
        return Ok(url);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        return Ok(LOCAL_POSTGRES.to_owned());
    }
    let local = std::net::SocketAddr::from(([127, 0, 0, 1], 5432));
    match std::net::TcpStream::connect_timeout(&local, std::time::Duration::from_millis(500)) {
        Ok(_) => Ok(LOCAL_POSTGRES.to_owned()),
        Err(e) => Err(format!(
            "PostgreSQL does not answer at 127.0.0.1:5432 ({e}); start it, or set SNAPBACK_TEST_DATABASE_URL=postgres://..."
        )),
    }
}

/// A fresh database on the server of `admin_url`, dropped when this guard is dropped.
#[derive(Debug)]
pub struct TempDatabase {
    admin_url: String,
    name: String,
    pub url: String,
}

impl TempDatabase {
    pub fn create(admin_url: &str) -> Self {
        static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let name = format!("snapback_test_{}_{n}", std::process::id());
        let mut admin =
            postgres::Client::connect(admin_url, postgres::NoTls).expect("connect to PostgreSQL");
        admin
            .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .expect("drop a leftover database");
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .expect("create database");
        let base = admin_url.split('?').next().unwrap_or(admin_url);
        let prefix = base.rsplit_once('/').map_or(base, |(p, _)| p);
        Self {
            admin_url: admin_url.to_owned(),
            url: format!("{prefix}/{name}"),
            name,
        }
    }
}

impl Drop for TempDatabase {
    fn drop(&mut self) {
        if let Ok(mut admin) = postgres::Client::connect(&self.admin_url, postgres::NoTls) {
            let _ = admin.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}
