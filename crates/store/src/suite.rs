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

/// The streaming replica the tests use unless `SNAPBACK_TEST_REPLICA_URL` names another: the one
/// `.ci/pg-replica` makes of the server at [`LOCAL_POSTGRES`] (its `postgres` database).
pub const LOCAL_REPLICA: &str = "postgres://postgres@127.0.0.1:5433";

/// A streaming replica of [`postgres_server`]'s server for tests, or why there is none:
/// `SNAPBACK_TEST_REPLICA_URL` if set (it must replicate `SNAPBACK_TEST_DATABASE_URL`'s server when
/// that is set too; [`wait_replayed`] checks); otherwise the local one at 127.0.0.1:5433 whenever
/// it answers, and always in CI (`CI=true`), where its absence must fail the tests rather than
/// skip them. A database created on the primary appears on the replica: [`same_database_on`]
/// gives its URL there, once [`wait_replayed`] says the replica has caught up.
pub fn postgres_replica() -> Result<String, String> {
    if let Ok(url) = std::env::var("SNAPBACK_TEST_REPLICA_URL") {
        return Ok(url);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        return Ok(LOCAL_REPLICA.to_owned());
    }
    let local = std::net::SocketAddr::from(([127, 0, 0, 1], 5433));
    match std::net::TcpStream::connect_timeout(&local, std::time::Duration::from_millis(500)) {
        Ok(_) => Ok(LOCAL_REPLICA.to_owned()),
        Err(e) => Err(format!(
            "no PostgreSQL streaming replica answers at 127.0.0.1:5433 ({e}); make one of the server at 127.0.0.1:5432 with `.ci/pg-replica` (as root), or set SNAPBACK_TEST_REPLICA_URL=postgres://... to a replica of the tests' server"
        )),
    }
}

/// A `postgres://` (or `postgresql://`) URL cut into its server part (scheme, user, password,
/// host and port), its database name (empty if none) and its options (`?...`, or empty).
fn url_parts(url: &str) -> Result<(&str, &str, &str), String> {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else {
        return Err(format!(
            "`{url}` is not a postgres:// URL (a key=value connection string cannot be rewritten)"
        ));
    };
    let rest = &url[scheme_end..];
    let server_end = scheme_end + rest.find(['/', '?']).unwrap_or(rest.len());
    let (server, after) = url.split_at(server_end);
    let (path, options) = after.split_at(after.find('?').unwrap_or(after.len()));
    Ok((server, path.strip_prefix('/').unwrap_or(path), options))
}

/// The URL of database `database` on the server of `server_url` (its user, host, port and
/// options kept; its own database, if it names one, replaced).
pub fn database_url_on(server_url: &str, database: &str) -> Result<String, String> {
    let (server, _, options) = url_parts(server_url)?;
    Ok(format!("{server}/{database}{options}"))
}

/// The same database as `database_url` on the server of `server_url`: a [`TempDatabase`]'s URL on
/// the primary turned into its URL on the replica (databases created on the primary are replayed
/// onto its replicas).
pub fn same_database_on(database_url: &str, server_url: &str) -> Result<String, String> {
    let (_, database, _) = url_parts(database_url)?;
    if database.is_empty() {
        return Err(format!("`{database_url}` names no database"));
    }
    database_url_on(server_url, database)
}

/// Waits until the replica at `replica_url` has replayed the primary's WAL up to where it was when
/// this was called (`pg_current_wal_lsn()` on the primary at `primary_url`, against
/// `pg_last_wal_replay_lsn()` on the replica), so everything committed on the primary before the
/// call can be read on the replica. Err, saying why, if `replica_url` is not a standby of that
/// primary's server (then waiting is pointless), or once `timeout` has passed.
pub fn wait_replayed(
    primary_url: &str,
    replica_url: &str,
    timeout: std::time::Duration,
) -> Result<(), String> {
    let deadline = std::time::Instant::now() + timeout;
    let connect = |url: &str, role: &str| {
        postgres::Client::connect(url, postgres::NoTls)
            .map_err(|e| format!("cannot connect to the {role} at {url}: {}", causes(&e)))
    };
    let mut primary = connect(primary_url, "primary")?;
    let mut replica = connect(replica_url, "replica")
        .map_err(|e| format!("{e} (is it running? `.ci/pg-replica` makes one)"))?;
    // A physical replica shares its primary's system identifier: anything else (a replica of
    // another server, say SNAPBACK_TEST_REPLICA_URL set without SNAPBACK_TEST_DATABASE_URL)
    // would never show the primary's writes, and would time out without saying why.
    let identifier = |client: &mut postgres::Client, url: &str| {
        client
            .query_one("SELECT system_identifier FROM pg_control_system()", &[])
            .map(|row| row.get::<_, i64>(0))
            .map_err(|e| format!("cannot read the system identifier of {url}: {}", causes(&e)))
    };
    let (ours, theirs) = (
        identifier(&mut primary, primary_url)?,
        identifier(&mut replica, replica_url)?,
    );
    if ours != theirs {
        return Err(format!(
            "{replica_url} is not a replica of the server at {primary_url} (system identifiers {theirs} and {ours}): set SNAPBACK_TEST_REPLICA_URL and SNAPBACK_TEST_DATABASE_URL to a replica and its primary"
        ));
    }
    let target: String = primary
        .query_one("SELECT pg_current_wal_lsn()::text", &[])
        .map(|row| row.get(0))
        .map_err(|e| {
            format!(
                "cannot read the primary's WAL position at {primary_url}: {}",
                causes(&e)
            )
        })?;
    loop {
        // `$1::text::pg_lsn`: the parameter is sent as text (the client library has no pg_lsn).
        let row = replica
            .query_one(
                "SELECT pg_is_in_recovery(), \
                        coalesce(pg_last_wal_replay_lsn() >= $1::text::pg_lsn, false), \
                        coalesce(pg_last_wal_replay_lsn()::text, 'nothing'), \
                        coalesce((SELECT status FROM pg_stat_wal_receiver), 'not running'), \
                        CASE WHEN pg_is_in_recovery() THEN pg_get_wal_replay_pause_state() END",
                &[&target],
            )
            .map_err(|e| {
                format!(
                    "cannot read the replay position of {replica_url}: {}",
                    causes(&e)
                )
            })?;
        let (standby, replayed) = (row.get::<_, bool>(0), row.get::<_, bool>(1));
        if !standby {
            return Err(format!(
                "{replica_url} is not a standby (pg_is_in_recovery() is false: promoted, or not a replica)"
            ));
        }
        if replayed {
            return Ok(());
        }
        if std::time::Instant::now() >= deadline {
            return Err(format!(
                "the replica at {replica_url} has not replayed the primary's WAL up to {target} within {timeout:?}: it replayed up to {}, its WAL receiver is {} and its replay is {} (streaming and not paused? `.ci/pg-replica` makes it again)",
                row.get::<_, String>(2),
                row.get::<_, String>(3),
                row.get::<_, Option<String>>(4).unwrap_or_default(),
            ));
        }
        // Replay of a local replica takes milliseconds; a short poll keeps the tests quick.
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// `e` and its causes: the client's own message alone ("error connecting to server") does not
/// say what went wrong.
fn causes(e: &postgres::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        text.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    text
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
        // The admin URL's options (`?sslmode=...`) apply to the new database too.
        let url = database_url_on(admin_url, &name).expect("a postgres:// URL");
        Self {
            admin_url: admin_url.to_owned(),
            url,
            name,
        }
    }

    /// This database's URL on the server of `server_url`: on a replica of its server, the same
    /// database (after [`wait_replayed`]).
    pub fn url_on(&self, server_url: &str) -> Result<String, String> {
        database_url_on(server_url, &self.name)
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

#[cfg(test)]
mod tests {
    use super::{database_url_on, same_database_on};

    #[test]
    fn a_database_url_moves_to_another_server() {
        let primary_db = "postgres://postgres@127.0.0.1:5432/snapback_test_1_0";
        assert_eq!(
            same_database_on(primary_db, "postgres://postgres@127.0.0.1:5433").as_deref(),
            Ok("postgres://postgres@127.0.0.1:5433/snapback_test_1_0")
        );
        // The server URL's own database and options: the first replaced, the second kept.
        assert_eq!(
            same_database_on(
                "postgresql://u:p@h:1/db?sslmode=require",
                "postgresql://v:q@r:2/postgres?sslmode=disable"
            )
            .as_deref(),
            Ok("postgresql://v:q@r:2/db?sslmode=disable")
        );
        assert_eq!(
            database_url_on("postgres://postgres@127.0.0.1:5432/postgres", "x").as_deref(),
            Ok("postgres://postgres@127.0.0.1:5432/x")
        );
        assert_eq!(
            database_url_on("postgres://h?connect_timeout=5", "x").as_deref(),
            Ok("postgres://h/x?connect_timeout=5")
        );
        assert!(same_database_on("postgres://h:1", "postgres://r:2").is_err());
        assert!(same_database_on("host=h dbname=d", "postgres://r:2").is_err());
    }
}
