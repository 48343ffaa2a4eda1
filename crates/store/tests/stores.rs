//! The shared store suite against SQLite and PostgreSQL.
//!
//! PostgreSQL: the server `SNAPBACK_TEST_DATABASE_URL` names, else the local one at
//! 127.0.0.1:5432 whenever it answers (always in CI, `CI=true`, where its absence fails the tests).
//! Without one, the PostgreSQL tests are reported as ignored, with the reason, never as passed:
//! this file has its own harness (libtest-mimic) for that. Each run creates fresh databases and
//! drops them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU32, Ordering};

use libtest_mimic::{Arguments, Trial};
use snapback_store::suite::{self, Harness, TempDatabase, postgres_server};
use snapback_store::{PgLease, PgMode, PgStore, SqliteStore, Store, StoreError};

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

fn a_stale_writer_cannot_append_over_another() {
    // Two handles on one SQLite file (as two processes would have): the second's view is stale
    // after the first appends, and its append is refused instead of reusing an index.
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(unique("stale"));
    let path = dir.join("log.sqlite");
    let mut a = SqliteStore::open(&path).expect("a");
    let mut b = SqliteStore::open(&path).expect("b");
    a.append(&[suite::entry(1)], None).expect("a appends");
    assert!(matches!(
        b.append(&[suite::entry(2)], None),
        Err(StoreError::Conflict {
            expected: 0,
            found: 1
        })
    ));
    drop(b);
    let b = SqliteStore::open(&path).expect("reopened b sees a's entry");
    assert_eq!(b.size(), 1);
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
    ];
    #[cfg(unix)]
    trials.push(trial("sqlite_files_are_0600", sqlite_files_are_0600));
    libtest_mimic::run(&args, trials).exit_code()
}
