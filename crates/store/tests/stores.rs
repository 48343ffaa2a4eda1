//! The shared store suite against SQLite and PostgreSQL.
//!
//! PostgreSQL: the server `SNAPBACK_TEST_DATABASE_URL` names, else the local one at
//! 127.0.0.1:5432 whenever it answers (always in CI, `CI=true`, where its absence fails the tests).
//! The replica test also needs a streaming replica of it: `SNAPBACK_TEST_REPLICA_URL`, else the
//! local one at 127.0.0.1:5433 (`.ci/pg-replica` makes it), on the same terms.
//! Without one, the PostgreSQL tests are reported as ignored, with the reason, never as passed:
//! this file has its own harness (libtest-mimic) for that. Each run creates fresh databases and
//! drops them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU32, Ordering};

use libtest_mimic::{Arguments, Trial};
use snapback_store::suite::{self, Harness, TempDatabase, postgres_server};
use snapback_store::{Appended, PgLease, PgMode, PgStore, SqliteStore, Store, StoreError};

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "{prefix}_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst),
        nanos
    )
}

struct SqliteHarness {
    last: Option<PathBuf>,
}

impl Harness for SqliteHarness {
    fn fresh(&mut self) -> Box<dyn Store> {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(unique("sqlite"));
        let path = dir.join("log.sqlite");
        self.last = Some(path.clone());
        Box::new(SqliteStore::open(&path).expect("open sqlite"))
    }

    fn reopen(&mut self) -> Box<dyn Store> {
        Box::new(
            SqliteStore::open(self.last.as_ref().expect("a fresh store first"))
                .expect("reopen sqlite"),
        )
    }
}

fn sqlite_passes_the_store_suite() {
    suite::run(&mut SqliteHarness { last: None });
}

struct PgHarness {
    admin_url: String,
    databases: Vec<TempDatabase>,
}

impl Harness for PgHarness {
    fn fresh(&mut self) -> Box<dyn Store> {
        let db = TempDatabase::create(&self.admin_url);
        let store = PgStore::open(&db.url, PgMode::Writer).expect("open postgres");
        self.databases.push(db);
        Box::new(store)
    }

    fn reopen(&mut self) -> Box<dyn Store> {
        let url = &self.databases.last().expect("a fresh store first").url;
        // The previous handle was dropped, so its connection and writer lock are gone.
        Box::new(PgStore::open(url, PgMode::Writer).expect("reopen postgres"))
    }
}

fn postgres_passes_the_store_suite(admin_url: String) {
    suite::run(&mut PgHarness {
        admin_url,
        databases: Vec::new(),
    });
}

fn postgres_admits_one_writer_at_a_time(admin_url: String) {
    let db = TempDatabase::create(&admin_url);
    let mut first = PgStore::open(&db.url, PgMode::Writer).expect("first writer");
    assert!(matches!(
        PgStore::open(&db.url, PgMode::Writer),
        Err(StoreError::Locked)
    ));
    first.append(&[suite::entry(1)], None).expect("append");
    let reader = PgStore::open(&db.url, PgMode::Reader).expect("a reader needs no lock");
    assert_eq!(reader.size(), 1);
    drop(first);
    let mut second = PgStore::open(&db.url, PgMode::Writer).expect("the lock is free again");
    assert_eq!(
        second
            .append(&[suite::entry(2)], None)
            .expect("append")
            .len(),
        1
    );
    assert_eq!(second.size(), 2);
}

/// Issue 16: several processes share one database; the lease decides who writes, and the fence
/// makes a leader that lost the lease (paused, partitioned, its clock wrong) unable to append or
/// write metadata, while the new leader can.
fn postgres_lease_and_fence(admin_url: String) {
    let db = TempDatabase::create(&admin_url);
    let mut n1 = PgLease::connect(&db.url).expect("n1's lease connection");
    let mut n2 = PgLease::connect(&db.url).expect("n2's lease connection");
    assert_eq!(
        n1.state().expect("state").leader(),
        None,
        "nobody leads at first"
    );
    let first = n1
        .acquire("n1", "http://n1", 60_000)
        .expect("acquire")
        .expect("granted");
    assert_eq!(first.token, 1);
    assert_eq!(
        n2.acquire("n2", "http://n2", 60_000).expect("acquire"),
        None,
        "n1 holds it"
    );
    // Renewing keeps the token.
    assert_eq!(
        n1.acquire("n1", "http://n1", 60_000).expect("renew"),
        Some(first)
    );
    let state = n2.state().expect("state");
    assert_eq!(state.leader(), Some("n1"));
    assert_eq!(state.address.as_deref(), Some("http://n1"));
    assert!(state.remaining_millis > 50_000, "{state:?}");

    // n1 writes under its token; two fenced stores can be open at once (no advisory lock).
    let mut old = PgStore::open(&db.url, PgMode::Fenced(first.token)).expect("n1 writes");
    let mut new = PgStore::open(&db.url, PgMode::Fenced(first.token + 1)).expect("n2 opens");
    old.append(&[suite::entry(1)], None)
        .expect("the leader appends");
    assert!(matches!(
        new.append(&[suite::entry(2)], None),
        Err(StoreError::Fenced {
            presented: 2,
            current: 1
        })
    ));

    // n1 pauses past a short lease; n2 takes over with the next token.
    n1.acquire("n1", "http://n1", 200)
        .expect("shorten")
        .expect("granted");
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(n2.state().expect("state").leader(), None, "expired");
    let second = n2
        .acquire("n2", "http://n2", 60_000)
        .expect("acquire")
        .expect("granted");
    assert_eq!(second.token, 2);
    // The stale leader can neither append nor write metadata; nothing it tried is stored.
    assert!(matches!(
        old.append(&[suite::entry(3)], None),
        Err(StoreError::Fenced {
            presented: 1,
            current: 2
        })
    ));
    assert!(matches!(
        old.set_meta("k", "stale"),
        Err(StoreError::Fenced {
            presented: 1,
            current: 2
        })
    ));
    new.refresh().expect("refresh");
    new.append(&[suite::entry(2)], None)
        .expect("the new leader appends");
    new.set_meta("k", "new").expect("and writes metadata");
    assert_eq!(new.size(), 2);
    assert_eq!(new.meta("k").expect("meta").as_deref(), Some("new"));
    // A step-down frees the lease at once; the next holder gets a larger token again.
    n2.step_down("n2", second.token).expect("step down");
    let third = n1
        .acquire("n1", "http://n1", 60_000)
        .expect("acquire")
        .expect("granted");
    assert_eq!(third.token, 3);
    old.set_fence(third.token);
    old.refresh().expect("refresh");
    old.append(&[suite::entry(3)], None).expect("leading again");
}

/// How long a test waits for the local replica to replay what the primary committed: replay
/// takes milliseconds; this only bounds a replica that stopped streaming.
const REPLAY: std::time::Duration = std::time::Duration::from_secs(30);

/// Whether `e` is PostgreSQL refusing a write because the server is read-only (a standby).
fn read_only(e: &StoreError) -> bool {
    matches!(e, StoreError::Postgres(pg)
        if pg.code() == Some(&postgres::error::SqlState::READ_ONLY_SQL_TRANSACTION))
}

/// Followers read from a streaming replica: what a writer appends on the primary, a reader on the
/// replica sees (once replayed, and after `refresh`) with the same tree; and the replica refuses
/// every write (a standby is read-only), so a follower pointed at it cannot fork the log.
fn postgres_replica_serves_readers(primary: String, replica: String) {
    let db = TempDatabase::create(&primary);
    let on_replica = db.url_on(&replica).unwrap_or_else(|e| panic!("{e}"));
    let replayed = || {
        suite::wait_replayed(&primary, &replica, REPLAY).unwrap_or_else(|e| panic!("{e}"));
    };
    let mut writer = PgStore::open(&db.url, PgMode::Writer).expect("a writer on the primary");
    let first: Vec<_> = (1..=5).map(suite::entry).collect();
    writer.append(&first, None).expect("append on the primary");
    // The database, its tables and the entries reach the replica by replay alone.
    replayed();
    let mut reader = PgStore::open(&on_replica, PgMode::Reader).expect("a reader on the replica");
    assert_eq!(
        (reader.size(), reader.root()),
        (writer.size(), writer.root())
    );
    assert_eq!(
        reader.entries(0, 5).expect("entries on the replica"),
        first.iter().map(|e| e.data.clone()).collect::<Vec<_>>()
    );

    let later: Vec<_> = (6..=9).map(suite::entry).collect();
    writer.append(&later, None).expect("append again");
    replayed();
    assert_eq!(reader.size(), 5, "a reader's view moves on refresh only");
    reader.refresh().expect("refresh on the replica");
    assert_eq!((reader.size(), reader.root()), (9, writer.root()));
    assert_eq!(reader.find(&suite::entry(7).id).expect("find"), Some(6));
    assert_eq!(
        reader.entries(5, 9).expect("entries"),
        later.iter().map(|e| e.data.clone()).collect::<Vec<_>>()
    );

    // Writes on the standby fail, whichever way they are tried.
    let err = reader
        .append(&[suite::entry(10)], None)
        .expect_err("an append on a standby must fail");
    assert!(read_only(&err), "refused as read-only, not: {err}");
    let err = reader
        .set_meta("origin", "replica")
        .expect_err("metadata written on a standby must fail");
    assert!(read_only(&err), "refused as read-only, not: {err}");
    for mode in [PgMode::Writer, PgMode::Fenced(1)] {
        match PgStore::open(&on_replica, mode) {
            Ok(_) => panic!("a {mode:?} store opened on a standby"),
            Err(e) => assert!(read_only(&e), "{mode:?} refused as read-only, not: {e}"),
        }
    }
    // Nothing of those attempts exists anywhere; the primary's writer goes on.
    writer
        .append(&[suite::entry(11)], None)
        .expect("the primary still appends");
    replayed();
    reader.refresh().expect("refresh");
    assert_eq!((reader.size(), reader.root()), (10, writer.root()));
    assert_eq!(reader.find(&suite::entry(10).id).expect("find"), None);
    assert_eq!(reader.meta("origin").expect("meta"), None);

    // A replica that does not replay makes the wait fail, in time and saying so.
    let paused = ReplayPaused::on(&replica);
    writer
        .append(&[suite::entry(12)], None)
        .expect("append while replay is paused");
    let started = std::time::Instant::now();
    let err = suite::wait_replayed(&primary, &replica, std::time::Duration::from_millis(300))
        .expect_err("replay is paused: the wait must time out");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "the wait overran its timeout: {:?}",
        started.elapsed()
    );
    assert!(
        err.contains("has not replayed") && err.contains("its replay is paused"),
        "{err}"
    );
    drop(paused);
    replayed();
    reader.refresh().expect("refresh");
    assert_eq!((reader.size(), reader.root()), (11, writer.root()));
}

/// Replay paused on a replica (`pg_wal_replay_pause()`) until this is dropped, even by a panic:
/// the replica is shared by every test run on this machine.
struct ReplayPaused(postgres::Client);

impl ReplayPaused {
    fn on(replica: &str) -> Self {
        let mut client =
            postgres::Client::connect(replica, postgres::NoTls).expect("connect to the replica");
        client
            .batch_execute("SELECT pg_wal_replay_pause()")
            .expect("pause replay");
        Self(client)
    }
}

impl Drop for ReplayPaused {
    fn drop(&mut self) {
        if let Err(e) = self.0.batch_execute("SELECT pg_wal_replay_resume()") {
            eprintln!(
                "could not resume replay on the replica (SELECT pg_wal_replay_resume() on it): {e}"
            );
        }
    }
}

fn a_stale_writer_cannot_append_over_another() {
    // Two handles on one SQLite file (as two processes would have): the second's view is stale
    // after the first appends, and its append is refused instead of reusing an index.
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(unique("stale"));
    let path = dir.join("log.sqlite");
    let mut a = SqliteStore::open(&path).expect("a");
    let mut b = SqliteStore::open(&path).expect("b");
    a.append(&[suite::entry(1)], None).expect("a appends");
    // b answers lookups of its batches from an in-memory filter of what it stored: it must
    // not answer "not stored" for a's entry, which b never saw appended.
    let one = suite::entry(1);
    let keys = [(one.party.as_str(), one.nonce.as_str())];
    let found = b.lookup(&[one.id], &keys).expect("lookup");
    assert_eq!(found.ids.get(&one.id), Some(&0), "a's entry by id");
    assert_eq!(
        found.nonces.get(&(one.party.clone(), one.nonce.clone())),
        Some(&0),
        "a's entry by nonce"
    );
    assert!(matches!(
        b.append(&[suite::entry(2)], None),
        Err(StoreError::Conflict {
            expected: 0,
            found: 1
        })
    ));
    b.refresh().expect("b catches up");
    assert_eq!(
        b.append(&[suite::entry(1), suite::entry(2)], None)
            .expect("b appends after catching up"),
        vec![Appended::Existing(0), Appended::New(1)]
    );
    drop(b);
    let b = SqliteStore::open(&path).expect("reopened b sees both entries");
    assert_eq!(b.size(), 2);
}

/// Issue 11: `log.sqlite`, `-wal` and `-shm` were created 0644 while holding evidence and webhook
/// secrets. All three are the owner's alone, and an older file left wider is narrowed on open.
#[cfg(unix)]
fn sqlite_files_are_0600() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(unique("sqlite_mode"));
    let path = dir.join("log.sqlite");
    let mut store = SqliteStore::open(&path).unwrap();
    store.append(&[suite::entry(0)], None).unwrap();
    store.set_meta("secret", "s").unwrap();
    for suffix in ["", "-wal", "-shm"] {
        let file = PathBuf::from(format!("{}{suffix}", path.display()));
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }
    drop(store);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let _store = SqliteStore::open(&path).unwrap();
    assert_eq!(mode(&path), 0o600, "narrowed on open");
}

/// A test body that passes unless it panics.
fn trial(name: &str, body: impl FnOnce() + Send + 'static) -> Trial {
    Trial::test(name, move || {
        body();
        Ok(())
    })
}

fn main() -> ExitCode {
    let args = Arguments::from_args();
    let server = postgres_server();
    if let Err(why) = &server {
        eprintln!("not run (reported as ignored): the PostgreSQL tests, because {why}");
    }
    let absent = server.is_err();
    // The replica test needs both servers; in CI both are assumed (and their absence fails it).
    let replica = server
        .clone()
        .and_then(|primary| suite::postgres_replica().map(|replica| (primary, replica)));
    if let (Ok(_), Err(why)) = (&server, &replica) {
        eprintln!("not run (reported as ignored): postgres_replica_serves_readers, because {why}");
    }
    let no_replica = replica.is_err();
    let (primary, replica) = replica.unwrap_or_default();
    let url = server.unwrap_or_default();
    let second = url.clone();
    let third = url.clone();
    let mut trials = vec![
        trial(
            "sqlite_passes_the_store_suite",
            sqlite_passes_the_store_suite,
        ),
        trial(
            "a_stale_writer_cannot_append_over_another",
            a_stale_writer_cannot_append_over_another,
        ),
        trial("postgres_passes_the_store_suite", move || {
            postgres_passes_the_store_suite(url)
        })
        .with_ignored_flag(absent),
        trial("postgres_admits_one_writer_at_a_time", move || {
            postgres_admits_one_writer_at_a_time(second)
        })
        .with_ignored_flag(absent),
        trial("postgres_lease_and_fence", move || {
            postgres_lease_and_fence(third)
        })
        .with_ignored_flag(absent),
        trial("postgres_replica_serves_readers", move || {
            postgres_replica_serves_readers(primary, replica)
        })
        .with_ignored_flag(no_replica),
    ];
    #[cfg(unix)]
    trials.push(trial("sqlite_files_are_0600", sqlite_files_are_0600));
    libtest_mimic::run(&args, trials).exit_code()
}
