//! The embedded store: one SQLite file under the data directory.
//!
//! WAL journal and `synchronous=FULL`: a commit returns only after the WAL is synced, so an
//! acknowledged append survives power loss; readers never block the writer. Each append batch is
//! one `BEGIN IMMEDIATE` transaction (one sync for the whole batch: group commit).

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use snapback_log::merkle::{Frontier, Hash};

use crate::seen::MaybeStored;
use crate::{
    Appended, CheckpointSigner, Lookup, NewEntry, Store, StoreError, StoreNodes, Stored,
    StoredCheckpoint, StoredEvidence, check_inserted, check_unchanged, join_parties, keys_of, plan,
    stored_evidence, to_hash, to_i64, to_u64,
};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS entries (
    idx   INTEGER PRIMARY KEY,
    id    BLOB NOT NULL UNIQUE,
    party TEXT NOT NULL,
    nonce TEXT NOT NULL,
    at    TEXT NOT NULL,
    data  BLOB NOT NULL,
    UNIQUE (party, nonce)
);
CREATE TABLE IF NOT EXISTS nodes (
    level INTEGER NOT NULL,
    idx   INTEGER NOT NULL,
    hash  BLOB NOT NULL,
    PRIMARY KEY (level, idx)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS checkpoints (size INTEGER PRIMARY KEY, note TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS evidence (
    commitment     TEXT PRIMARY KEY,
    idx            INTEGER NOT NULL REFERENCES entries (idx),
    claim          TEXT NOT NULL,
    party          TEXT NOT NULL,
    classification TEXT NOT NULL,
    releasable_to  TEXT NOT NULL,
    source_kind    TEXT NOT NULL,
    digest         TEXT NOT NULL,
    summary        TEXT NOT NULL,
    salt           TEXT NOT NULL
);
";

/// The SQLite store.
pub struct SqliteStore {
    conn: Connection,
    frontier: Frontier,
    path: PathBuf,
    /// The writer's filter of every stored id and (party, nonce): most group commits' lookups
    /// are answered "none" from memory (see [`crate::seen`]). `None` on a reader, and on a
    /// writer once another process has written to the file or a commit failed.
    seen: Option<MaybeStored>,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore")
            .field("path", &self.path)
            .field("size", &self.frontier.size())
            .finish()
    }
}

impl SqliteStore {
    /// Opens (creating if needed) the log database at `path`.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
                path: dir.display().to_string(),
                source,
            })?;
        }
        restrict_files(path)?;
        let conn = Connection::open(path)?;
        conn.busy_timeout(Duration::from_secs(10))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        // A 64 MiB page cache keeps the indices in memory as the log grows, and checkpointing
        // the WAL every 10,000 pages (~40 MiB) instead of 1,000 amortises its fsync over more
        // commits. Neither changes durability: each commit still syncs the WAL.
        conn.pragma_update(None, "cache_size", -65_536)?;
        conn.pragma_update(None, "wal_autocheckpoint", 10_000)?;
        // Room for every statement an append and a lookup use (the lookups' ten sizes each for
        // ids and for nonces), so none is parsed again.
        conn.set_prepared_statement_cache_capacity(64);
        conn.execute_batch(SCHEMA)?;
        let mut store = Self {
            conn,
            frontier: Frontier::new(),
            path: path.to_path_buf(),
            seen: None,
        };
        let size = store.stored_size()?;
        store.frontier = Frontier::from_nodes(&StoreNodes(&store), size)
            .map_err(|e| StoreError::Corrupt(format!("cannot rebuild the tree edge: {e:?}")))?;
        store.seen = Some(store.read_seen(size)?);
        Ok(store)
    }

    /// A read-only connection to the log at `path`, which a writer has created. Under WAL it
    /// reads the last committed state without blocking the writer, and the writer never waits
    /// for it.
    pub fn open_reader(path: &Path) -> Result<Self, StoreError> {
        use rusqlite::OpenFlags;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(Duration::from_secs(10))?;
        conn.pragma_update(None, "cache_size", -65_536)?;
        conn.set_prepared_statement_cache_capacity(64);
        let mut store = Self {
            conn,
            frontier: Frontier::new(),
            path: path.to_path_buf(),
            seen: None,
        };
        store.refresh()?;
        Ok(store)
    }

    /// The filter of every stored id and (party, nonce), read in one pass, sized for the log to
    /// double.
    fn read_seen(&self, size: u64) -> Result<MaybeStored, StoreError> {
        let mut seen = MaybeStored::for_entries(size.saturating_mul(2));
        let mut stmt = self.conn.prepare("SELECT id, party, nonce FROM entries")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let (id, party, nonce): (Vec<u8>, String, String) =
                (row.get(0)?, row.get(1)?, row.get(2)?);
            seen.insert_stored(&id, &party, &nonce)?;
        }
        Ok(seen)
    }

    /// Counts the entries and checks they are numbered densely from 0.
    fn stored_size(&self) -> Result<u64, StoreError> {
        let (count, max): (i64, Option<i64>) =
            self.conn
                .query_row("SELECT count(*), max(idx) FROM entries", [], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
        let count = to_u64(count)?;
        match max {
            None => Ok(0),
            Some(max) if to_u64(max)? + 1 == count => Ok(count),
            Some(max) => Err(StoreError::Corrupt(format!(
                "entry {} is missing: {count} entries are stored but the highest index is {max}",
                self.first_gap()?
            ))),
        }
    }

    /// The lowest index with no entry below the highest one.
    fn first_gap(&self) -> Result<u64, StoreError> {
        let gap: Option<i64> = self.conn.query_row(
            "SELECT min(x) FROM (SELECT 0 AS x WHERE NOT EXISTS (SELECT 1 FROM entries WHERE idx = 0) \
             UNION ALL SELECT e.idx + 1 FROM entries e WHERE NOT EXISTS (SELECT 1 FROM entries f WHERE f.idx = e.idx + 1) \
             AND e.idx < (SELECT max(idx) FROM entries))",
            [],
            |r| r.get(0),
        )?;
        to_u64(gap.unwrap_or(0))
    }

    /// Caps the database file at about `bytes` (SQLite's `max_page_count`): an append that would
    /// grow it further fails as "disk full", as on a full disk. Operators use it to keep the
    /// log from filling a shared disk; tests use it to make a disk full on demand.
    pub fn limit_size(&self, bytes: u64) -> Result<(), StoreError> {
        let page: i64 = self.conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
        let pages = bytes / u64::try_from(page.max(1)).unwrap_or(4_096);
        self.conn
            .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |_| Ok(()))?;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// The log holds evidence metadata, token hashes and webhook secrets: its files are for the
/// owner alone (0600). The database file is created 0600 before SQLite opens it, and SQLite gives
/// the `-wal` and `-shm` files it creates the main file's mode. Files left wider by an older
/// version are narrowed when the store opens.
#[cfg(unix)]
fn restrict_files(path: &Path) -> Result<(), StoreError> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let io = |p: &Path| {
        let p = p.display().to_string();
        move |source| StoreError::Io { path: p, source }
    };
    std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(path)
        .map_err(io(path))?;
    let mut all = vec![path.to_path_buf()];
    for suffix in ["-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        all.push(PathBuf::from(name));
    }
    for file in all {
        match std::fs::metadata(&file) {
            Ok(m) if m.permissions().mode() & 0o077 != 0 => {
                std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600))
                    .map_err(io(&file))?;
            }
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(&file)(e)),
        }
    }
    Ok(())
}

#[cfg(not(unix))]
fn restrict_files(_: &Path) -> Result<(), StoreError> {
    Ok(())
}

/// The number of committed entries, from the highest index: one lookup in the primary key
/// however long the log is (a count would read it all). Indices are dense (checked when the
/// store opens), so the highest one plus one is the size.
fn committed_size(conn: &Connection) -> Result<u64, StoreError> {
    let max: Option<i64> = conn
        .prepare_cached("SELECT max(idx) FROM entries")?
        .query_row([], |r| r.get(0))?;
    max.map_or(Ok(0), |m| Ok(to_u64(m)? + 1))
}

/// Parameters per statement for `IN (...)` lookups (SQLite allows 32,766).
const LOOKUP_CHUNK: usize = 512;

/// The items of `chunk` padded to the next power of two by repeating the last one (a repeat in
/// `IN (...)` changes nothing), so lookups of any batch size use one of ten statements, each
/// prepared once and cached, instead of parsing a new one for every size.
fn padded<T: Copy>(chunk: &[T]) -> Vec<T> {
    let mut items = chunk.to_vec();
    if let Some(last) = chunk.last() {
        items.resize(chunk.len().next_power_of_two(), *last);
    }
    items
}

/// One query per chunk of ids, and one per chunk of (party, nonce) pairs.
fn lookup_in(
    conn: &Connection,
    ids: &[[u8; 32]],
    nonces: &[(&str, &str)],
) -> Result<Lookup, StoreError> {
    let mut found = Lookup::default();
    for chunk in ids.chunks(LOOKUP_CHUNK) {
        let chunk = padded(chunk);
        let marks = vec!["?"; chunk.len()].join(",");
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT id, idx FROM entries WHERE id IN ({marks})"
        ))?;
        let params: Vec<&dyn rusqlite::ToSql> =
            chunk.iter().map(|id| id as &dyn rusqlite::ToSql).collect();
        let rows = stmt.query_map(params.as_slice(), |r| {
            Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, i64>(1)?))
        })?;
        for row in rows {
            let (id, idx) = row?;
            if let Ok(id) = <[u8; 32]>::try_from(id) {
                found.ids.insert(id, to_u64(idx)?);
            }
        }
    }
    for chunk in nonces.chunks(LOOKUP_CHUNK) {
        let chunk = padded(chunk);
        let marks = vec!["(?,?)"; chunk.len()].join(",");
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT party, nonce, idx FROM entries WHERE (party, nonce) IN (VALUES {marks})"
        ))?;
        let params: Vec<&dyn rusqlite::ToSql> = chunk
            .iter()
            .flat_map(|(p, n)| [p as &dyn rusqlite::ToSql, n as &dyn rusqlite::ToSql])
            .collect();
        let rows = stmt.query_map(params.as_slice(), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        for row in rows {
            let (party, nonce, idx) = row?;
            found.nonces.insert((party, nonce), to_u64(idx)?);
        }
    }
    Ok(found)
}

/// Whether an append that assumed nothing of its batch was stored must be redone after a
/// lookup: a unique index refused a row, or the plan refused the batch (which the lookup may
/// explain differently, e.g. a nonce used by a stored entry rather than within the batch).
fn retry_after_lookup(e: &StoreError) -> bool {
    match e {
        StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => {
            e.code == rusqlite::ErrorCode::ConstraintViolation
        }
        StoreError::NonceReused { .. } => true,
        _ => false,
    }
}

impl SqliteStore {
    /// One append transaction (see [`Store::append`] and the crate invariants).
    fn write(
        &mut self,
        batch: &[NewEntry],
        checkpoint: Option<CheckpointSigner<'_>>,
        stored: Stored,
    ) -> Result<Vec<Appended>, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        check_unchanged(&self.frontier, committed_size(&tx)?)?;
        let stored = match stored {
            Stored::AssumedNone => Lookup::default(),
            Stored::LookedUp => {
                let (ids, nonces) = keys_of(batch);
                lookup_in(&tx, &ids, &nonces)?
            }
        };
        let planned = plan(&self.frontier, batch, &stored)?;
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO entries (idx, id, party, nonce, at, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            let mut inserted = 0u64;
            for (index, i) in &planned.inserts {
                let e = &batch[*i];
                inserted += insert.execute(params![
                    to_i64(*index),
                    &e.id[..],
                    e.party,
                    e.nonce,
                    e.at,
                    e.data
                ])? as u64;
            }
            check_inserted(&planned, inserted)?;
            let mut evidence = tx.prepare_cached(
                "INSERT INTO evidence (commitment, idx, claim, party, classification, releasable_to, source_kind, digest, summary, salt) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT (commitment) DO NOTHING",
            )?;
            for (index, i) in &planned.inserts {
                if let Some(ev) = &batch[*i].evidence {
                    evidence.execute(params![
                        ev.commitment,
                        to_i64(*index),
                        ev.claim,
                        ev.party,
                        ev.classification,
                        join_parties(&ev.releasable_to),
                        ev.sealed.content.source_kind,
                        ev.sealed.content.digest,
                        ev.sealed.content.summary,
                        ev.sealed.salt,
                    ])?;
                }
            }
            let mut node =
                tx.prepare_cached("INSERT INTO nodes (level, idx, hash) VALUES (?1, ?2, ?3)")?;
            for (level, index, hash) in &planned.nodes {
                node.execute(params![level, to_i64(*index), &hash[..]])?;
            }
        }
        if let Some(sign) = checkpoint {
            let size = planned.frontier.size();
            let note = sign(size, &planned.frontier.root()).map_err(StoreError::Checkpoint)?;
            tx.prepare_cached(
                "INSERT INTO checkpoints (size, note) VALUES (?1, ?2) ON CONFLICT (size) DO UPDATE SET note = excluded.note",
            )?
            .execute(params![to_i64(size), note])?;
        }
        tx.commit()?;
        self.frontier = planned.frontier;
        Ok(planned.results)
    }
}

impl Store for SqliteStore {
    fn frontier(&self) -> &Frontier {
        &self.frontier
    }

    /// Appends in the common case with no lookup at all: the ledger has already set aside what
    /// the log holds, so the batch is planned as all new and the unique indices on id and
    /// (party, nonce) are the check. If one fires (an entry or nonce already stored) or the plan
    /// refuses the batch, the transaction is rolled back and the batch appended again after
    /// looking up what is stored, which gives the exact answer (existing indices, the stored
    /// entry a nonce was used in).
    fn append(
        &mut self,
        batch: &[NewEntry],
        checkpoint: Option<CheckpointSigner<'_>>,
    ) -> Result<Vec<Appended>, StoreError> {
        let appended = match self.write(batch, checkpoint, Stored::AssumedNone) {
            Err(e) if retry_after_lookup(&e) => self.write(batch, checkpoint, Stored::LookedUp),
            done => done,
        };
        match (&appended, self.seen.as_mut()) {
            (Ok(results), Some(seen)) => seen.add_appended(batch, results),
            // A failed commit (an I/O error at the sync, say) may leave the file holding what it
            // did not confirm, and a conflict means another connection appended: either way the
            // filter no longer knows every stored item, so lookups ask the database from now on.
            (Err(StoreError::Sqlite(_) | StoreError::Conflict { .. }), Some(_)) => self.seen = None,
            _ => {}
        }
        appended
    }

    fn entries(&self, from: u64, to: u64) -> Result<Vec<Vec<u8>>, StoreError> {
        let to = to.min(self.size());
        if from >= to {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT idx, data FROM entries WHERE idx >= ?1 AND idx < ?2 ORDER BY idx",
        )?;
        let rows = stmt.query_map(params![to_i64(from), to_i64(to)], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?))
        })?;
        let mut out = Vec::with_capacity((to - from) as usize);
        for (expected, row) in (from..to).zip(rows) {
            let (idx, data) = row?;
            if to_u64(idx)? != expected {
                return Err(StoreError::NoEntry(expected));
            }
            out.push(data);
        }
        if (out.len() as u64) < to - from {
            return Err(StoreError::NoEntry(from + out.len() as u64));
        }
        Ok(out)
    }

    fn find(&self, id: &[u8; 32]) -> Result<Option<u64>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT idx FROM entries WHERE id = ?1")?;
        stmt.query_row(params![&id[..]], |r| r.get::<_, i64>(0))
            .optional()?
            .map(to_u64)
            .transpose()
    }

    fn lookup(&self, ids: &[[u8; 32]], nonces: &[(&str, &str)]) -> Result<Lookup, StoreError> {
        // The filter knows what this connection stored; it answers only while no other
        // connection has appended (one lookup of the highest index says so).
        if let Some(seen) = &self.seen
            && !seen.any(ids, nonces)
            && committed_size(&self.conn)? == self.frontier.size()
        {
            return Ok(Lookup::default());
        }
        lookup_in(&self.conn, ids, nonces)
    }

    fn nonce_used(&self, party: &str, nonce: &str) -> Result<Option<u64>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT idx FROM entries WHERE party = ?1 AND nonce = ?2")?;
        stmt.query_row(params![party, nonce], |r| r.get::<_, i64>(0))
            .optional()?
            .map(to_u64)
            .transpose()
    }

    fn node(&self, level: u8, index: u64) -> Result<Hash, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT hash FROM nodes WHERE level = ?1 AND idx = ?2")?;
        let bytes: Option<Vec<u8>> = stmt
            .query_row(params![level, to_i64(index)], |r| r.get(0))
            .optional()?;
        to_hash(
            bytes.ok_or(StoreError::NoNode { level, index })?,
            level,
            index,
        )
    }

    fn checkpoint(&self) -> Result<Option<StoredCheckpoint>, StoreError> {
        let row: Option<(i64, String)> = self
            .conn
            .query_row(
                "SELECT size, note FROM checkpoints ORDER BY size DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        row.map(|(size, note)| {
            Ok(StoredCheckpoint {
                size: to_u64(size)?,
                note,
            })
        })
        .transpose()
    }

    fn put_checkpoint(&mut self, checkpoint: &StoredCheckpoint) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO checkpoints (size, note) VALUES (?1, ?2) ON CONFLICT (size) DO UPDATE SET note = excluded.note",
            params![to_i64(checkpoint.size), checkpoint.note],
        )?;
        Ok(())
    }

    fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", params![key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    fn set_meta(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

    fn reader(&self) -> Result<Option<Box<dyn Store>>, StoreError> {
        Ok(Some(Box::new(Self::open_reader(&self.path)?)))
    }

    fn refresh(&mut self) -> Result<(), StoreError> {
        let size = committed_size(&self.conn)?;
        if size != self.frontier.size() {
            // Another connection wrote: the filter does not know what it stored.
            self.seen = None;
            self.frontier = Frontier::from_nodes(&StoreNodes(&*self), size)
                .map_err(|e| StoreError::Corrupt(format!("cannot rebuild the tree edge: {e:?}")))?;
        }
        Ok(())
    }

    fn evidence(&self, commitment: &str) -> Result<Option<StoredEvidence>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT idx, commitment, claim, party, classification, releasable_to, source_kind, digest, summary, salt \
             FROM evidence WHERE commitment = ?1",
        )?;
        let row = stmt
            .query_row(params![commitment], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                ))
            })
            .optional()?;
        row.map(|(i, c, cl, p, k, r, s, d, su, sa)| {
            stored_evidence(i, c, cl, p, k, r, s, d, su, sa)
        })
        .transpose()
    }
}
