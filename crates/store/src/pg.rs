//! The PostgreSQL store, selected with `--database-url postgres://...`.
//!
//! Several snapback processes may point at one database: a writer holds a session-level advisory
//! lock for as long as it is connected, so a second writer is refused (`StoreError::Locked`)
//! instead of interleaving entries. Each append transaction also re-counts the entries and fails
//! with `StoreError::Conflict` if the log grew under it, and the primary key on the index makes a
//! duplicate index impossible even without the lock. Readers take no lock.
//!
//! Round trips are what a group commit costs here, so an append is one statement in the common
//! case (every row and the checkpoint, with the size check, committed on its own) and every
//! statement is prepared once per connection.

use std::cell::RefCell;
use std::collections::HashMap;

use postgres::types::ToSql;
use postgres::{Client, NoTls, Statement};
use snapback_log::merkle::{Frontier, Hash};

use crate::seen::MaybeStored;
use crate::{
    Appended, CheckpointSigner, Lookup, NewEntry, Store, StoreError, StoreNodes, Stored,
    StoredCheckpoint, StoredEvidence, check_inserted, check_unchanged, join_parties, keys_of, plan,
    stored_evidence, to_hash, to_i64, to_u64,
};

/// The advisory lock key of the single writer ("snapback" in ASCII, truncated to 63 bits).
const WRITER_LOCK: i64 = 0x736e_6170_6261_636b;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS entries (
    idx   BIGINT PRIMARY KEY,
    id    BYTEA NOT NULL UNIQUE,
    party TEXT NOT NULL,
    nonce TEXT NOT NULL,
    at    TEXT NOT NULL,
    data  BYTEA NOT NULL,
    UNIQUE (party, nonce)
);
CREATE TABLE IF NOT EXISTS nodes (
    level SMALLINT NOT NULL,
    idx   BIGINT NOT NULL,
    hash  BYTEA NOT NULL,
    PRIMARY KEY (level, idx)
);
CREATE TABLE IF NOT EXISTS checkpoints (size BIGINT PRIMARY KEY, note TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS evidence (
    commitment     TEXT PRIMARY KEY,
    idx            BIGINT NOT NULL REFERENCES entries (idx),
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

/// Whether this process writes (and holds the writer lock), writes under a lease, or only reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PgMode {
    /// The one writer: it holds the session advisory lock while connected.
    Writer,
    /// A writer among several processes sharing the database, leading under the lease whose
    /// fencing token this is ([`crate::PgLease`]): the advisory lock shared (so no
    /// [`PgMode::Writer`] runs beside it), and every append is
    /// refused ([`StoreError::Fenced`]) once the lease has moved to another token.
    Fenced(u64),
    Reader,
}

/// The PostgreSQL store. It implements [`Store`] as the SQLite store does, so their methods and
/// `Debug` impls look alike in shape; the queries, transactions and error mapping differ, and
/// what they share (the conflict check, the commit plan, the frontier) lives in `lib.rs`.
pub struct PgStore {
    client: RefCell<Client>,
    /// Statements prepared on this connection, by their text: a query given as text is parsed
    /// on every call, one more round trip each time.
    statements: RefCell<HashMap<&'static str, Statement>>,
    /// The writer's filter of stored ids and (party, nonce) pairs, which spares the lookup round
    /// trip before a group commit when nothing of the group may be stored. `None` for a reader,
    /// and once a failed write leaves unknown whether its rows were committed.
    seen: Option<MaybeStored>,
    frontier: Frontier,
    mode: PgMode,
    /// Where it connected, to open readers beside it.
    url: String,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore")
            .field("mode", &self.mode)
            .field("size", &self.frontier.size())
            .finish()
    }
}

impl PgStore {
    /// Connects to `url`, creates the tables if needed, and (as a writer) takes the writer lock.
    pub fn open(url: &str, mode: PgMode) -> Result<Self, StoreError> {
        let mut client = match mode {
            PgMode::Fenced(_) => crate::pg_lease::connect_bounded(url)?,
            PgMode::Writer | PgMode::Reader => Client::connect(url, NoTls)?,
        };
        // `CREATE TABLE IF NOT EXISTS` notices are not news to a writer opening its log again.
        client.batch_execute("SET client_min_messages = warning")?;
        if mode == PgMode::Writer {
            let locked: bool = client
                .query_one("SELECT pg_try_advisory_lock($1)", &[&WRITER_LOCK])?
                .get(0);
            if !locked {
                return Err(StoreError::Locked);
            }
            client.batch_execute(SCHEMA)?;
            // An append is acknowledged only once durable, whatever the server's default.
            client.batch_execute("SET synchronous_commit = on")?;
        }
        if let PgMode::Fenced(_) = mode {
            // Leaders under the lease take the writer lock shared: any number of them (a stale
            // one still connected does not block the next, the fence stops it), but never
            // beside a single writer started without the lease, and it never beside them.
            let locked: bool = client
                .query_one("SELECT pg_try_advisory_lock_shared($1)", &[&WRITER_LOCK])?
                .get(0);
            if !locked {
                return Err(StoreError::Locked);
            }
            client.batch_execute(SCHEMA)?;
            client.batch_execute(crate::pg_lease::LEASE_SCHEMA)?;
            client.batch_execute("SET synchronous_commit = on")?;
        }
        let mut store = Self {
            client: RefCell::new(client),
            statements: RefCell::new(HashMap::new()),
            seen: None,
            frontier: Frontier::new(),
            mode,
            url: url.to_owned(),
        };
        let size = store.stored_size()?;
        store.frontier = Frontier::from_nodes(&StoreNodes(&store), size)
            .map_err(|e| StoreError::Corrupt(format!("cannot rebuild the tree edge: {e:?}")))?;
        if mode == PgMode::Writer {
            store.seen = Some(store.read_seen(size)?);
        }
        Ok(store)
    }

    /// Leads under a new lease token (after the lease was lost and acquired again); only for a
    /// store opened with [`PgMode::Fenced`].
    pub fn set_fence(&mut self, token: u64) {
        if let PgMode::Fenced(_) = self.mode {
            self.mode = PgMode::Fenced(token);
        }
    }

    /// The filter of every stored id and (party, nonce), read in one pass, sized for the log to
    /// double.
    fn read_seen(&self, size: u64) -> Result<MaybeStored, StoreError> {
        use postgres::fallible_iterator::FallibleIterator;
        let mut seen = MaybeStored::for_entries(size.saturating_mul(2));
        let mut client = self.client.borrow_mut();
        let mut rows = client.query_raw(
            "SELECT id, party, nonce FROM entries",
            std::iter::empty::<&(dyn ToSql + Sync)>(),
        )?;
        while let Some(row) = rows.next()? {
            let id: &[u8] = row.try_get(0)?;
            seen.insert_stored(id, row.try_get(1)?, row.try_get(2)?)?;
        }
        Ok(seen)
    }

    fn stored_size(&self) -> Result<u64, StoreError> {
        let row = self
            .client
            .borrow_mut()
            .query_one("SELECT count(*), max(idx) FROM entries", &[])?;
        let count = to_u64(row.get::<_, i64>(0))?;
        match row.get::<_, Option<i64>>(1) {
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
        let row = self.client.borrow_mut().query_one(
            "SELECT min(x) FROM (SELECT 0::BIGINT AS x WHERE NOT EXISTS (SELECT 1 FROM entries WHERE idx = 0) \
             UNION ALL SELECT e.idx + 1 FROM entries e WHERE NOT EXISTS (SELECT 1 FROM entries f WHERE f.idx = e.idx + 1) \
             AND e.idx < (SELECT max(idx) FROM entries)) gaps",
            &[],
        )?;
        to_u64(row.get::<_, Option<i64>>(0).unwrap_or(0))
    }

    fn optional_index(
        &self,
        sql: &'static str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Option<u64>, StoreError> {
        let statement = self.statement(sql)?;
        let row = self.client.borrow_mut().query_opt(&statement, params)?;
        row.map(|r| to_u64(r.get::<_, i64>(0))).transpose()
    }

    /// `sql` prepared on this connection (once; then from the cache).
    fn statement(&self, sql: &'static str) -> Result<Statement, StoreError> {
        if let Some(statement) = self.statements.borrow().get(sql) {
            return Ok(statement.clone());
        }
        let statement = self.client.borrow_mut().prepare(sql)?;
        self.statements.borrow_mut().insert(sql, statement.clone());
        Ok(statement)
    }

    /// One append (see [`Store::append`]). Assuming nothing of the batch is stored, it is one
    /// statement committed on its own: one round trip. After a lookup, the lookup and that
    /// statement run in one transaction. (Its signature and its caller in `append` repeat
    /// `SqliteStore`'s on purpose, as the two trait impls do: what they share, the plan and the
    /// checks, lives in `lib.rs`; the SQL and the transactions differ.)
    fn write(
        &mut self,
        batch: &[NewEntry],
        checkpoint: Option<CheckpointSigner<'_>>,
        stored: Stored,
    ) -> Result<Vec<Appended>, StoreError> {
        let append = self.statement(APPEND)?;
        let lookup = self.statement(LOOKUP)?;
        let expected = self.frontier.size();
        let fence = match self.mode {
            PgMode::Fenced(token) => Some(token),
            PgMode::Writer | PgMode::Reader => None,
        };
        let client = self.client.get_mut();
        let (planned, row) = match stored {
            Stored::AssumedNone if fence.is_none() => {
                let planned = plan(&self.frontier, batch, &Lookup::default())?;
                let row = {
                    let rows = Rows::new(batch, &planned, checkpoint, expected)?;
                    client
                        .query_one(&append, &rows.params())
                        .map_err(|e| append_error(e, &planned))?
                };
                (planned, row)
            }
            // After a lookup, or under a lease, one transaction: the fence is checked first
            // (before anything is written), then the lookup, then the append.
            Stored::AssumedNone | Stored::LookedUp => {
                let mut tx = client.transaction()?;
                if let Some(token) = fence {
                    crate::pg_lease::admit(&mut tx, token)?;
                }
                let stored = match stored {
                    Stored::LookedUp => {
                        let (ids, nonces) = keys_of(batch);
                        lookup_in(&mut tx, &lookup, &ids, &nonces)?
                    }
                    Stored::AssumedNone => Lookup::default(),
                };
                let planned = plan(&self.frontier, batch, &stored)?;
                let row = {
                    let rows = Rows::new(batch, &planned, checkpoint, expected)?;
                    tx.query_one(&append, &rows.params())
                        .map_err(|e| append_error(e, &planned))?
                };
                // Checked before the commit, so a refused batch is rolled back.
                check_unchanged(&self.frontier, to_u64(row.get::<_, i64>(0))?)?;
                check_inserted(&planned, to_u64(row.get::<_, i64>(1))?)?;
                tx.commit()?;
                (planned, row)
            }
        };
        // The statement wrote nothing unless the log had the expected size; had it written fewer
        // entries than planned, a unique index would have refused it (and rolled it back).
        check_unchanged(&self.frontier, to_u64(row.get::<_, i64>(0))?)?;
        check_inserted(&planned, to_u64(row.get::<_, i64>(1))?)?;
        self.frontier = planned.frontier;
        Ok(planned.results)
    }
}

/// One write; under a lease ([`PgMode::Fenced`]) in a transaction that first checks the fence, so
/// a stale leader changes no metadata or checkpoint either.
fn fenced(
    client: &mut Client,
    mode: PgMode,
    write: impl FnOnce(&mut postgres::Transaction<'_>) -> Result<u64, postgres::Error>,
) -> Result<(), StoreError> {
    let mut tx = client.transaction()?;
    if let PgMode::Fenced(token) = mode {
        crate::pg_lease::admit(&mut tx, token)?;
    }
    write(&mut tx)?;
    // Outside a lease: one statement in an explicit transaction (two more round trips; metadata
    // and checkpoint notes are written rarely).
    tx.commit()?;
    Ok(())
}

/// One query for the ids and one for the (party, nonce) pairs.
/// The one statement of an append: the size check and every row of the batch (entries, sealed
/// evidence, tree nodes, checkpoint), each insert writing only if the log holds `$1` entries.
/// It returns the size found and the entries inserted, and fails (division by zero, so nothing
/// is committed) if the log had the expected size but fewer than the `$23` planned entries were
/// written. Its inserts run as one statement, so the foreign key from evidence to entries is
/// checked at its end, when both are written.
const APPEND: &str = "
WITH found AS (SELECT coalesce(max(idx) + 1, 0) AS size FROM entries),
expected AS (SELECT size = $1 AS ok FROM found),
new_entries AS (
    INSERT INTO entries (idx, id, party, nonce, at, data)
    SELECT r.* FROM unnest($2::bigint[], $3::bytea[], $4::text[], $5::text[], $6::text[], $7::bytea[]) AS r
    WHERE (SELECT ok FROM expected)
    RETURNING 1
),
new_evidence AS (
    INSERT INTO evidence (commitment, idx, claim, party, classification, releasable_to, source_kind, digest, summary, salt)
    SELECT r.* FROM unnest($8::text[], $9::bigint[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[]) AS r
    WHERE (SELECT ok FROM expected)
    ON CONFLICT (commitment) DO NOTHING
),
new_nodes AS (
    INSERT INTO nodes (level, idx, hash)
    SELECT r.* FROM unnest($18::smallint[], $19::bigint[], $20::bytea[]) AS r
    WHERE (SELECT ok FROM expected)
),
new_checkpoint AS (
    INSERT INTO checkpoints (size, note)
    SELECT $21::bigint, $22::text WHERE (SELECT ok FROM expected) AND $22::text IS NOT NULL
    ON CONFLICT (size) DO UPDATE SET note = excluded.note
)
SELECT found.size, written.n,
    1 / (CASE WHEN written.n = $23 OR NOT expected.ok THEN 1 ELSE 0 END) AS all_rows_written
FROM found, expected, (SELECT count(*) AS n FROM new_entries) AS written";

/// Which of some ids and (party, nonce) pairs are stored, in one statement: rows with an id
/// answer the ids, rows without one the pairs.
const LOOKUP: &str = "
SELECT id, NULL::text, NULL::text, idx FROM entries WHERE id = ANY($1::bytea[])
UNION ALL
SELECT NULL::bytea, party, nonce, idx FROM entries
WHERE (party, nonce) IN (SELECT * FROM unnest($2::text[], $3::text[]))";

/// Whether an append that assumed nothing of its batch was stored must be redone after a
/// lookup: a unique index refused a row, or the plan refused the batch (which the lookup may
/// explain differently, e.g. a nonce used by a stored entry rather than within the batch).
/// A store error from what PostgreSQL answered an append: the division by zero that refuses a
/// batch whose rows did not all land (see [`APPEND`]) is named for what it is.
fn append_error(e: postgres::Error, planned: &crate::Planned) -> StoreError {
    if e.code() == Some(&postgres::error::SqlState::DIVISION_BY_ZERO) {
        StoreError::Corrupt(format!(
            "fewer entries written than the {} new entries planned",
            planned.inserts.len()
        ))
    } else {
        e.into()
    }
}

fn retry_after_lookup(e: &StoreError) -> bool {
    match e {
        StoreError::Postgres(e) => e.code() == Some(&postgres::error::SqlState::UNIQUE_VIOLATION),
        StoreError::NonceReused { .. } => true,
        _ => false,
    }
}

/// A batch's new rows as the column arrays [`APPEND`] takes.
struct Rows<'a> {
    /// The size the log must have for the rows to be written.
    expected: i64,
    idx: Vec<i64>,
    id: Vec<&'a [u8]>,
    party: Vec<&'a str>,
    nonce: Vec<&'a str>,
    at: Vec<&'a str>,
    data: Vec<&'a [u8]>,
    evidence: EvidenceRows<'a>,
    levels: Vec<i16>,
    node_indices: Vec<i64>,
    hashes: Vec<&'a [u8]>,
    checkpoint_size: i64,
    note: Option<String>,
    /// How many entries must be written.
    planned: i64,
}

#[derive(Default)]
struct EvidenceRows<'a> {
    commitment: Vec<&'a str>,
    idx: Vec<i64>,
    claim: Vec<&'a str>,
    party: Vec<&'a str>,
    classification: Vec<&'a str>,
    releasable_to: Vec<String>,
    source_kind: Vec<&'a str>,
    digest: Vec<&'a str>,
    summary: Vec<&'a str>,
    salt: Vec<&'a str>,
}

impl<'a> Rows<'a> {
    /// The rows of `planned` for a log of `expected` entries, and the checkpoint of the tree it
    /// leads to signed by `checkpoint`.
    fn new(
        batch: &'a [NewEntry],
        planned: &'a crate::Planned,
        checkpoint: Option<CheckpointSigner<'_>>,
        expected: u64,
    ) -> Result<Self, StoreError> {
        let n = planned.inserts.len();
        let mut rows = Rows {
            expected: to_i64(expected),
            idx: Vec::with_capacity(n),
            id: Vec::with_capacity(n),
            party: Vec::with_capacity(n),
            nonce: Vec::with_capacity(n),
            at: Vec::with_capacity(n),
            data: Vec::with_capacity(n),
            evidence: EvidenceRows::default(),
            levels: planned
                .nodes
                .iter()
                .map(|(l, _, _)| i16::from(*l))
                .collect(),
            node_indices: planned.nodes.iter().map(|(_, i, _)| to_i64(*i)).collect(),
            hashes: planned.nodes.iter().map(|(_, _, h)| &h[..]).collect(),
            checkpoint_size: to_i64(planned.frontier.size()),
            note: None,
            planned: to_i64(n as u64),
        };
        for (index, i) in &planned.inserts {
            let e = &batch[*i];
            rows.idx.push(to_i64(*index));
            rows.id.push(&e.id[..]);
            rows.party.push(&e.party);
            rows.nonce.push(&e.nonce);
            rows.at.push(&e.at);
            rows.data.push(&e.data);
            if let Some(ev) = &e.evidence {
                let v = &mut rows.evidence;
                v.commitment.push(&ev.commitment);
                v.idx.push(to_i64(*index));
                v.claim.push(&ev.claim);
                v.party.push(&ev.party);
                v.classification.push(&ev.classification);
                v.releasable_to.push(join_parties(&ev.releasable_to));
                v.source_kind.push(&ev.sealed.content.source_kind);
                v.digest.push(&ev.sealed.content.digest);
                v.summary.push(&ev.sealed.content.summary);
                v.salt.push(&ev.sealed.salt);
            }
        }
        if let Some(sign) = checkpoint {
            let (size, root) = (planned.frontier.size(), planned.frontier.root());
            rows.note = Some(sign(size, &root).map_err(StoreError::Checkpoint)?);
        }
        Ok(rows)
    }

    /// [`APPEND`]'s parameters.
    fn params(&self) -> [&(dyn ToSql + Sync); 23] {
        let v = &self.evidence;
        [
            &self.expected,
            &self.idx,
            &self.id,
            &self.party,
            &self.nonce,
            &self.at,
            &self.data,
            &v.commitment,
            &v.idx,
            &v.claim,
            &v.party,
            &v.classification,
            &v.releasable_to,
            &v.source_kind,
            &v.digest,
            &v.summary,
            &v.salt,
            &self.levels,
            &self.node_indices,
            &self.hashes,
            &self.checkpoint_size,
            &self.note,
            &self.planned,
        ]
    }
}

/// Which of `ids` and `nonces` are stored: one round trip ([`LOOKUP`], prepared as `statement`).
fn lookup_in<C: postgres::GenericClient>(
    client: &mut C,
    statement: &Statement,
    ids: &[[u8; 32]],
    nonces: &[(&str, &str)],
) -> Result<Lookup, StoreError> {
    let mut found = Lookup::default();
    if ids.is_empty() && nonces.is_empty() {
        return Ok(found);
    }
    let ids: Vec<&[u8]> = ids.iter().map(|i| &i[..]).collect();
    let parties: Vec<&str> = nonces.iter().map(|(p, _)| *p).collect();
    let values: Vec<&str> = nonces.iter().map(|(_, n)| *n).collect();
    for row in client.query(statement, &[&ids, &parties, &values])? {
        let index = to_u64(row.get::<_, i64>(3))?;
        match row.get::<_, Option<Vec<u8>>>(0) {
            Some(id) => {
                if let Ok(id) = <[u8; 32]>::try_from(id) {
                    found.ids.insert(id, index);
                }
            }
            None => {
                let party: Option<String> = row.get(1);
                let nonce: Option<String> = row.get(2);
                if let (Some(party), Some(nonce)) = (party, nonce) {
                    found.nonces.insert((party, nonce), index);
                }
            }
        }
    }
    Ok(found)
}

impl Store for PgStore {
    fn frontier(&self) -> &Frontier {
        &self.frontier
    }

    /// Appends in the common case with no lookup, in one round trip: the ledger has already
    /// set aside what the log holds, so the batch is planned as all new and the unique indices
    /// on id and (party, nonce) are the check. If one fires (an entry or nonce already stored)
    /// or the plan refuses the batch, nothing was written, and the batch is appended again
    /// after looking up what is stored, which gives the exact answer (existing indices, the
    /// stored entry a nonce was used in).
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
            // The database may have committed what it did not confirm: the filter no longer
            // knows every stored item, so lookups ask the database from now on.
            (Err(StoreError::Postgres(_)), Some(_)) => self.seen = None,
            _ => {}
        }
        appended
    }

    fn entries(&self, from: u64, to: u64) -> Result<Vec<Vec<u8>>, StoreError> {
        let to = to.min(self.size());
        if from >= to {
            return Ok(Vec::new());
        }
        let statement = self
            .statement("SELECT idx, data FROM entries WHERE idx >= $1 AND idx < $2 ORDER BY idx")?;
        let rows = self
            .client
            .borrow_mut()
            .query(&statement, &[&to_i64(from), &to_i64(to)])?;
        let mut out = Vec::with_capacity(rows.len());
        for (expected, row) in (from..to).zip(rows.iter()) {
            if to_u64(row.get::<_, i64>(0))? != expected {
                return Err(StoreError::NoEntry(expected));
            }
            out.push(row.get::<_, Vec<u8>>(1));
        }
        if (out.len() as u64) < to - from {
            return Err(StoreError::NoEntry(from + out.len() as u64));
        }
        Ok(out)
    }

    fn find(&self, id: &[u8; 32]) -> Result<Option<u64>, StoreError> {
        self.optional_index("SELECT idx FROM entries WHERE id = $1", &[&&id[..]])
    }

    fn lookup(&self, ids: &[[u8; 32]], nonces: &[(&str, &str)]) -> Result<Lookup, StoreError> {
        if let Some(seen) = &self.seen
            && !seen.any(ids, nonces)
        {
            return Ok(Lookup::default());
        }
        let statement = self.statement(LOOKUP)?;
        lookup_in(&mut *self.client.borrow_mut(), &statement, ids, nonces)
    }

    fn nonce_used(&self, party: &str, nonce: &str) -> Result<Option<u64>, StoreError> {
        self.optional_index(
            "SELECT idx FROM entries WHERE party = $1 AND nonce = $2",
            &[&party, &nonce],
        )
    }

    fn node(&self, level: u8, index: u64) -> Result<Hash, StoreError> {
        let statement = self.statement("SELECT hash FROM nodes WHERE level = $1 AND idx = $2")?;
        let row = self
            .client
            .borrow_mut()
            .query_opt(&statement, &[&i16::from(level), &to_i64(index)])?;
        let bytes: Vec<u8> = row.ok_or(StoreError::NoNode { level, index })?.get(0);
        to_hash(bytes, level, index)
    }

    fn checkpoint(&self) -> Result<Option<StoredCheckpoint>, StoreError> {
        let statement =
            self.statement("SELECT size, note FROM checkpoints ORDER BY size DESC LIMIT 1")?;
        let row = self.client.borrow_mut().query_opt(&statement, &[])?;
        row.map(|r| {
            Ok(StoredCheckpoint {
                size: to_u64(r.get::<_, i64>(0))?,
                note: r.get(1),
            })
        })
        .transpose()
    }

    fn put_checkpoint(&mut self, checkpoint: &StoredCheckpoint) -> Result<(), StoreError> {
        let mode = self.mode;
        fenced(self.client.get_mut(), mode, |tx| {
            tx.execute(
                "INSERT INTO checkpoints (size, note) VALUES ($1, $2) ON CONFLICT (size) DO UPDATE SET note = excluded.note",
                &[&to_i64(checkpoint.size), &checkpoint.note],
            )
        })
    }

    fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        let row = self
            .client
            .borrow_mut()
            .query_opt("SELECT value FROM meta WHERE key = $1", &[&key])?;
        Ok(row.map(|r| r.get(0)))
    }

    fn set_meta(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        let mode = self.mode;
        fenced(self.client.get_mut(), mode, |tx| {
            tx.execute(
                "INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                &[&key, &value],
            )
        })
    }

    fn reader(&self) -> Result<Option<Box<dyn Store>>, StoreError> {
        Ok(Some(Box::new(Self::open(&self.url, PgMode::Reader)?)))
    }

    fn refresh(&mut self) -> Result<(), StoreError> {
        let statement = self.statement("SELECT max(idx) FROM entries")?;
        let row = self.client.get_mut().query_one(&statement, &[])?;
        let size = match row.get::<_, Option<i64>>(0) {
            Some(max) => to_u64(max)? + 1,
            None => 0,
        };
        if size != self.frontier.size() {
            self.frontier = Frontier::from_nodes(&StoreNodes(&*self), size)
                .map_err(|e| StoreError::Corrupt(format!("cannot rebuild the tree edge: {e:?}")))?;
        }
        Ok(())
    }

    fn evidence(&self, commitment: &str) -> Result<Option<StoredEvidence>, StoreError> {
        let row = self.client.borrow_mut().query_opt(
            "SELECT idx, commitment, claim, party, classification, releasable_to, source_kind, digest, summary, salt \
             FROM evidence WHERE commitment = $1",
            &[&commitment],
        )?;
        row.map(|r| {
            stored_evidence(
                r.get(0),
                r.get(1),
                r.get(2),
                r.get(3),
                r.get(4),
                r.get(5),
                r.get(6),
                r.get(7),
                r.get(8),
                r.get(9),
            )
        })
        .transpose()
    }
}
