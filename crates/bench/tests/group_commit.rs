//! Group commit through the benchmark's sequencer (what `bench log` measures), on SQLite and
//! PostgreSQL: 64 concurrent submitters are committed in fewer commits than appends, and every
//! acknowledged entry is in the log after it is reopened (replayed, its checkpoint checked).
//! No timing is asserted.
//!
//! PostgreSQL: the server `SNAPBACK_TEST_DATABASE_URL` names, else the local one at
//! 127.0.0.1:5432 whenever it answers (always in CI, `CI=true`, where its absence fails the
//! test). Without one, the PostgreSQL test is reported as ignored with the reason, never as
//! passed: this file has its own harness (libtest-mimic) for that.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::ExitCode;

use libtest_mimic::{Arguments, Trial};
use snapback_bench::group_commit::{self, GroupCommitRun};
use snapback_store::suite::{TempDatabase, postgres_server};

const SUBMITTERS: usize = 64;
const EACH: usize = 20;

fn check(run: GroupCommitRun) {
    let total = (SUBMITTERS * EACH) as u64;
    assert_eq!(run.submitted, total, "{run:?}");
    assert_eq!(run.refused, 0, "{run:?}");
    assert_eq!(
        run.acknowledged, total,
        "every submission is acknowledged: {run:?}"
    );
    assert!(
        run.commits < run.acknowledged,
        "concurrent submissions share commits (group commit): {run:?}"
    );
    assert_eq!(
        run.found_after_reopen, run.acknowledged,
        "every acknowledged entry is in the reopened log: {run:?}"
    );
}

fn sqlite_groups_commits_and_keeps_every_acknowledged_entry() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("group-commit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let run = group_commit::sqlite(&dir, SUBMITTERS, EACH).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    check(run);
}

fn postgres_groups_commits_and_keeps_every_acknowledged_entry(admin_url: &str) {
    let db = TempDatabase::create(admin_url);
    check(group_commit::postgres(&db.url, SUBMITTERS, EACH).unwrap());
}

/// A test body that passes unless it panics. (The harness repeats `crates/store/tests/stores.rs`
/// on purpose: a test binary's `main` is its own, and the store's `testing` feature has no
/// libtest-mimic to share it from.)
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
        eprintln!("not run (reported as ignored): the PostgreSQL group commit test, because {why}");
    }
    let absent = server.is_err();
    let url = server.unwrap_or_default();
    let trials = vec![
        trial(
            "sqlite_groups_commits_and_keeps_every_acknowledged_entry",
            sqlite_groups_commits_and_keeps_every_acknowledged_entry,
        ),
        trial(
            "postgres_groups_commits_and_keeps_every_acknowledged_entry",
            move || postgres_groups_commits_and_keeps_every_acknowledged_entry(&url),
        )
        .with_ignored_flag(absent),
    ];
    libtest_mimic::run(&args, trials).exit_code()
}
