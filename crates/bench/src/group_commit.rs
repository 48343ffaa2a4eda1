//! The group commit `bench log` measures, run as a check (behind the `testing` feature, for the
//! crate's integration test): concurrent submitters through the benchmark's sequencer, then the
//! log reopened from its database.

use std::path::Path;

use jiff::Timestamp;
use snapback_ledger::Ledger;
use snapback_store::{PgMode, PgStore, SqliteStore, Store, StoreError};

use crate::log::{Keys, charter_with, claim, keys, pg_ledger_with, sqlite_ledger_with};

/// What a group-commit run left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupCommitRun {
    /// Submissions sent (each signed by its submitter).
    pub submitted: u64,
    /// Submissions acknowledged as appended (after their commit).
    pub acknowledged: u64,
    /// Submissions the ledger refused.
    pub refused: u64,
    /// Commits the sequencer made for them.
    pub commits: u64,
    /// Acknowledged submissions found in the log after it was reopened (the ledger replays it
    /// and checks its signed checkpoint on opening).
    pub found_after_reopen: u64,
}

/// `submitters` threads each submit `each` claims through the sequencer to a new SQLite log in
/// `dir`, which is then reopened.
pub fn sqlite(dir: &Path, submitters: usize, each: usize) -> crate::error::Result<GroupCommitRun> {
    let keys = keys()?;
    let ledger = sqlite_ledger_with(dir, "group-commit", &keys, charter_with(&keys, "30d")?)?;
    run(ledger, &keys, submitters, each, || {
        Ok(SqliteStore::open(&dir.join("group-commit.sqlite"))?)
    })
}

/// As [`sqlite`], on the PostgreSQL database at `url` (emptied first: a scratch database).
pub fn postgres(url: &str, submitters: usize, each: usize) -> crate::error::Result<GroupCommitRun> {
    let keys = keys()?;
    let ledger = pg_ledger_with(url, &keys, charter_with(&keys, "30d")?)?;
    run(ledger, &keys, submitters, each, || reopen_writer(url))
}

/// How long reopening waits for the previous writer's lock: its backend gives the session's
/// advisory lock up when it exits, which can come a moment after the client closed.
const REOPEN_WAIT_STEPS: u32 = 100;
const REOPEN_STEP: std::time::Duration = std::time::Duration::from_millis(50);

/// The writer store, once the closed writer's lock is free (at most 5 s).
fn reopen_writer(url: &str) -> crate::error::Result<PgStore> {
    for _ in 0..REOPEN_WAIT_STEPS {
        match PgStore::open(url, PgMode::Writer) {
            Err(StoreError::Locked) => std::thread::sleep(REOPEN_STEP),
            other => return Ok(other?),
        }
    }
    Ok(PgStore::open(url, PgMode::Writer)?)
}

fn run<S: Store + 'static>(
    ledger: Ledger<S>,
    keys: &Keys,
    submitters: usize,
    each: usize,
    reopen: impl FnOnce() -> crate::error::Result<S>,
) -> crate::error::Result<GroupCommitRun> {
    let signed: Vec<Vec<_>> = (0..submitters)
        .map(|w| {
            (0..each)
                .map(|i| claim(&keys.ua, &format!("g-{w}-{i}"), Timestamp::now()))
                .collect::<crate::error::Result<Vec<_>>>()
        })
        .collect::<crate::error::Result<_>>()?;
    let ids = signed
        .iter()
        .flatten()
        .map(|s| s.body.id())
        .collect::<Result<Vec<_>, _>>()?;
    // Long enough that every submission is sent: the check is on what happened, not how fast.
    let done = crate::log::submit_concurrently(ledger, signed, 3_600)?;
    let history = done.ledger.history().clone();
    // Closes the database (and, on PostgreSQL, gives up the writer lock) before reopening.
    drop(done.ledger);
    let reopened = keys.ledger(reopen()?, history)?;
    let mut found = 0u64;
    for id in &ids {
        found += u64::from(reopened.store().find(id)?.is_some());
    }
    Ok(GroupCommitRun {
        submitted: ids.len() as u64,
        acknowledged: done.acknowledged,
        refused: done.refused,
        commits: done.commits,
        found_after_reopen: found,
    })
}
