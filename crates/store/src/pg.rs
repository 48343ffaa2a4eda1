//! The PostgreSQL store, selected with `--database-url postgres://...`.
//!
//! Several snapback processes may point at one database: a writer holds a session-level advisory
//! lock for as long as it is connected, so a second writer is refused (`StoreError::Locked`)
//! instead of interleaving entries. Each append transaction also re-counts the entries and fails
//! with `StoreError::Conflict` if the log grew under it, and the primary key on the index makes a
//! duplicate index impossible even without the lock. Readers take no lock.

use postgres::{Client, NoTls};
use snapback_log::merkle::{Frontier, Hash};

use crate::{
    Appended, CheckpointSigner, Lookup, NewEntry, Store, StoreError, StoreNodes, StoredCheckpoint,
    StoredEvidence, check_inserted, check_unchanged, join_parties, keys_of, plan, stored_evidence,
    to_hash, to_i64, to_u64,
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
    /// fencing token this is ([`crate::PgLease`]): no advisory lock, and every append is
    /// refused ([`StoreError::Fenced`]) once the lease has moved to another token.
    Fenced(u64),
    Reader,
}

/// The PostgreSQL store. It implements [`Store`] as the SQLite store does, so their methods and
/// `Debug` impls look alike in shape; the queries, transactions and error mapping differ, and
/// what they share (the conflict check, the commit plan, the frontier) lives in `lib.rs`.
pub struct PgStore {
    client: std::cell::RefCell<Client>,
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
        let mut client = Client::connect(url, NoTls)?;
        if mode == PgMode::Writer {
            let locked: bool = client
                .query_one("SELECT pg_try_advisory_lock($1)", &[&WRITER_LOCK])?
                .get(0);
            if !locked {
                return Err(StoreError::Locked);
            }
            client.batch_execute(SCHEMA)?;
        }
        if let PgMode::Fenced(_) = mode {
            client.batch_execute(SCHEMA)?;
            client.batch_execute(crate::pg_lease::LEASE_SCHEMA)?;
        }
        let mut store = Self {
            client: std::cell::RefCell::new(client),
            frontier: Frontier::new(),
            mode,
            url: url.to_owned(),
        };
        let size = store.stored_size()?;
        store.frontier = Frontier::from_nodes(&StoreNodes(&store), size)
            .map_err(|e| StoreError::Corrupt(format!("cannot rebuild the tree edge: {e:?}")))?;
        Ok(store)
    }

    /// Leads under a new lease token (after the lease was lost and acquired again); only for a
    /// store opened with [`PgMode::Fenced`].
    pub fn set_fence(&mut self, token: u64) {
        if let PgMode::Fenced(_) = self.mode {
            self.mode = PgMode::Fenced(token);
        }
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
        sql: &str,
        params: &[&(dyn postgres::types::ToSql + Sync)],
    ) -> Result<Option<u64>, StoreError> {
        let row = self.client.borrow_mut().query_opt(sql, params)?;
        row.map(|r| to_u64(r.get::<_, i64>(0))).transpose()
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
fn lookup_in<C: postgres::GenericClient>(
    client: &mut C,
    ids: &[[u8; 32]],
    nonces: &[(&str, &str)],
) -> Result<Lookup, StoreError> {
    let mut found = Lookup::default();
    if !ids.is_empty() {
        let ids: Vec<&[u8]> = ids.iter().map(|i| &i[..]).collect();
        for row in client.query("SELECT id, idx FROM entries WHERE id = ANY($1)", &[&ids])? {
            if let Ok(id) = <[u8; 32]>::try_from(row.get::<_, Vec<u8>>(0)) {
                found.ids.insert(id, to_u64(row.get::<_, i64>(1))?);
            }
        }
    }
    if !nonces.is_empty() {
        let parties: Vec<&str> = nonces.iter().map(|(p, _)| *p).collect();
        let values: Vec<&str> = nonces.iter().map(|(_, n)| *n).collect();
        for row in client.query(
            "SELECT party, nonce, idx FROM entries WHERE (party, nonce) IN (SELECT * FROM unnest($1::text[], $2::text[]))",
            &[&parties, &values],
        )? {
            found.nonces.insert((row.get(0), row.get(1)), to_u64(row.get::<_, i64>(2))?);
        }
    }
    Ok(found)
}

impl Store for PgStore {
    fn frontier(&self) -> &Frontier {
        &self.frontier
    }

    fn append(
        &mut self,
        batch: &[NewEntry],
        checkpoint: Option<CheckpointSigner<'_>>,
    ) -> Result<Vec<Appended>, StoreError> {
        let client = self.client.get_mut();
        let mut tx = client.transaction()?;
        if let PgMode::Fenced(token) = self.mode {
            crate::pg_lease::admit(&mut tx, token)?;
        }
        let found = to_u64(
            tx.query_one("SELECT count(*) FROM entries", &[])?
                .get::<_, i64>(0),
        )?;
        check_unchanged(&self.frontier, found)?;
        let (ids, nonces) = keys_of(batch);
        let stored = lookup_in(&mut tx, &ids, &nonces)?;
        let planned = plan(&self.frontier, batch, &stored)?;
        // One round trip for all the entries and one for all the nodes.
        let (mut idx, mut id, mut party, mut nonce, mut at, mut data) = (
            Vec::new(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
        );
        for (index, i) in &planned.inserts {
            let e = &batch[*i];
            idx.push(to_i64(*index));
            id.push(e.id.to_vec());
            party.push(e.party.as_str());
            nonce.push(e.nonce.as_str());
            at.push(e.at.as_str());
            data.push(e.data.as_slice());
        }
        let inserted = tx.execute(
            "INSERT INTO entries (idx, id, party, nonce, at, data) \
             SELECT * FROM unnest($1::bigint[], $2::bytea[], $3::text[], $4::text[], $5::text[], $6::bytea[])",
            &[&idx, &id, &party, &nonce, &at, &data],
        )?;
        check_inserted(&planned, inserted)?;
        for (index, i) in &planned.inserts {
            if let Some(ev) = &batch[*i].evidence {
                tx.execute(
                    "INSERT INTO evidence (commitment, idx, claim, party, classification, releasable_to, source_kind, digest, summary, salt) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (commitment) DO NOTHING",
                    &[
                        &ev.commitment,
                        &to_i64(*index),
                        &ev.claim,
                        &ev.party,
                        &ev.classification,
                        &join_parties(&ev.releasable_to),
                        &ev.sealed.content.source_kind,
                        &ev.sealed.content.digest,
                        &ev.sealed.content.summary,
                        &ev.sealed.salt,
                    ],
                )?;
            }
        }
        let levels: Vec<i16> = planned
            .nodes
            .iter()
            .map(|(l, _, _)| i16::from(*l))
            .collect();
        let indices: Vec<i64> = planned.nodes.iter().map(|(_, i, _)| to_i64(*i)).collect();
        let hashes: Vec<&[u8]> = planned.nodes.iter().map(|(_, _, h)| &h[..]).collect();
        tx.execute(
            "INSERT INTO nodes (level, idx, hash) SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])",
            &[&levels, &indices, &hashes],
        )?;
        if let Some(sign) = checkpoint {
            let size = planned.frontier.size();
            let note = sign(size, &planned.frontier.root()).map_err(StoreError::Checkpoint)?;
            tx.execute(
                "INSERT INTO checkpoints (size, note) VALUES ($1, $2) ON CONFLICT (size) DO UPDATE SET note = excluded.note",
                &[&to_i64(size), &note],
            )?;
        }
        tx.commit()?;
        self.frontier = planned.frontier;
        Ok(planned.results)
    }

    fn entries(&self, from: u64, to: u64) -> Result<Vec<Vec<u8>>, StoreError> {
        let to = to.min(self.size());
        if from >= to {
            return Ok(Vec::new());
        }
        let rows = self.client.borrow_mut().query(
            "SELECT idx, data FROM entries WHERE idx >= $1 AND idx < $2 ORDER BY idx",
            &[&to_i64(from), &to_i64(to)],
        )?;
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
        lookup_in(&mut *self.client.borrow_mut(), ids, nonces)
    }

    fn nonce_used(&self, party: &str, nonce: &str) -> Result<Option<u64>, StoreError> {
        self.optional_index(
            "SELECT idx FROM entries WHERE party = $1 AND nonce = $2",
            &[&party, &nonce],
        )
    }

    fn node(&self, level: u8, index: u64) -> Result<Hash, StoreError> {
        let row = self.client.borrow_mut().query_opt(
            "SELECT hash FROM nodes WHERE level = $1 AND idx = $2",
            &[&i16::from(level), &to_i64(index)],
        )?;
        let bytes: Vec<u8> = row.ok_or(StoreError::NoNode { level, index })?.get(0);
        to_hash(bytes, level, index)
    }

    fn checkpoint(&self) -> Result<Option<StoredCheckpoint>, StoreError> {
        let row = self.client.borrow_mut().query_opt(
            "SELECT size, note FROM checkpoints ORDER BY size DESC LIMIT 1",
            &[],
        )?;
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
        let row = self
            .client
            .get_mut()
            .query_one("SELECT max(idx) FROM entries", &[])?;
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
