//! # snapback-store
//!
//! Durable storage of the log: the only crate that touches a database.
//!
//! A [`Store`] keeps the entries (their canonical bytes, which are the Merkle leaf data), the
//! perfect subtree hashes of the RFC 6962 tree (so appends and proofs cost O(log n) lookups), the
//! signed checkpoints, and a little metadata. Two implementations pass one shared test suite:
//! [`SqliteStore`] (the embedded default: one file, WAL, `synchronous=FULL`) and [`PgStore`]
//! (PostgreSQL; one writer at a time, enforced by an advisory lock).
//!
//! Invariants every implementation keeps:
//! * **Atomic append.** A batch's entries, their indices, their leaves and every new tree node are
//!   committed in one transaction, or nothing is.
//! * **Dense indices.** Entries are numbered 0, 1, 2, ... with no gap and no duplicate.
//! * **Idempotence.** An entry whose id (the hash of its signed body) is already stored is not
//!   stored again: its existing index is returned.
//! * **Durability before acknowledgement.** `append` returns only after the commit is durable.
//! * **Sealed evidence beside its entry.** The content of a classified evidence item (its
//!   commitment, index, marking, releasable_to, sealed content and salt) is written to the
//!   `evidence` table in the same transaction as the entry that commits to it, outside the
//!   Merkle tree: there is never a logged commitment without its content, nor content without
//!   its entry. That table is access-controlled by the server and never exported.

mod pg;
mod pg_lease;
mod seen;
mod sqlite;
#[cfg(any(test, feature = "testing"))]
pub mod suite;

use std::collections::HashMap;

use snapback_log::merkle::{Frontier, Hash, Nodes, leaf_hash};

pub use pg::{PgMode, PgStore};
pub use pg_lease::{Granted, LeaseState, PgLease, PgWatch};
pub use sqlite::SqliteStore;

/// An entry to append.
#[derive(Debug, Clone)]
pub struct NewEntry {
    /// The entry's id: SHA-256 of its canonical signed body.
    pub id: [u8; 32],
    pub party: String,
    pub nonce: String,
    /// RFC 3339 UTC.
    pub at: String,
    /// The canonical entry bytes (the Merkle leaf data).
    pub data: Vec<u8>,
    /// For a classified evidence entry: its sealed content, stored beside it (never in the
    /// tree) in the same transaction.
    pub evidence: Option<SealedEvidence>,
}

/// A classified evidence item's sealed content, as the evidence store keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedEvidence {
    /// `sha256:` + 64 hex: what the entry's event commits to.
    pub commitment: String,
    pub claim: String,
    /// The submitter.
    pub party: String,
    /// The marking: restricted, confidential or secret.
    pub classification: String,
    /// The parties that may read it besides the submitter (sorted).
    pub releasable_to: Vec<String>,
    /// The content and the salt.
    pub sealed: snapback_log::sealed::Sealed,
}

/// A stored classified evidence item and the index of the entry that commits to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEvidence {
    pub index: u64,
    pub evidence: SealedEvidence,
}

/// Where an appended entry ended up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Appended {
    /// Stored now, at this index.
    New(u64),
    /// Already stored at this index (the same signed body).
    Existing(u64),
}

impl Appended {
    pub fn index(self) -> u64 {
        match self {
            Appended::New(i) | Appended::Existing(i) => i,
        }
    }
}

/// Signs the checkpoint of a tree of the given size and root (the log key's job, not the store's).
pub type CheckpointSigner<'a> = &'a dyn Fn(u64, &Hash) -> Result<String, String>;

/// Where some entry ids and (party, nonce) pairs are stored, found with one query each.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lookup {
    pub ids: HashMap<[u8; 32], u64>,
    pub nonces: HashMap<(String, String), u64>,
}

/// A stored signed checkpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCheckpoint {
    pub size: u64,
    /// The signed note text.
    pub note: String,
}

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("PostgreSQL: {0}")]
    Postgres(#[from] postgres::Error),
    #[error("cannot create the data directory {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "another snapback process is writing to this log (advisory lock held); only one writer at a time, or run every process sharing the database as a cluster (`serve --node-id`)"
    )]
    Locked,
    #[error("the stored log is inconsistent: {0}")]
    Corrupt(String),
    #[error(
        "the log changed under this process (expected size {expected}, found {found}): another writer appended"
    )]
    Conflict { expected: u64, found: u64 },
    #[error("party `{party}` already used nonce `{nonce}` (entry {index}): a nonce is used once")]
    NonceReused {
        party: String,
        nonce: String,
        index: u64,
    },
    #[error("cannot sign the checkpoint: {0}")]
    Checkpoint(String),
    /// The append carried a fencing token that is not the lease's current one: its writer is
    /// no longer the leader (see `snapback-cluster`).
    #[error(
        "fenced: this writer's token {presented} is not the lease's current token {current}; a newer leader holds the log"
    )]
    Fenced { presented: u64, current: u64 },
    /// The database cannot be reached or gave up mid-operation (a lost connection, a crash);
    /// whether a commit in flight landed is unknown.
    #[error("the database is unavailable: {0}")]
    Unavailable(String),
    #[error("entry {0} does not exist")]
    NoEntry(u64),
    #[error("tree node ({level}, {index}) is missing")]
    NoNode { level: u8, index: u64 },
}

impl StoreError {
    /// Whether the database connection this came from is closed (the server went away, or
    /// ended the session): nothing more can be done on it.
    pub fn is_connection_closed(&self) -> bool {
        match self {
            // Closed once noticed; the request that noticed it fails with the socket's error.
            StoreError::Postgres(e) => {
                e.is_closed()
                    || std::error::Error::source(e).is_some_and(|s| s.is::<std::io::Error>())
            }
            _ => false,
        }
    }

    /// Whether the database refused the write because its disk (or its configured size limit)
    /// is full: SQLite's `SQLITE_FULL`, PostgreSQL's `disk_full` (53100).
    pub fn is_disk_full(&self) -> bool {
        match self {
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => {
                e.code == rusqlite::ErrorCode::DiskFull
            }
            StoreError::Postgres(e) => e.code() == Some(&postgres::error::SqlState::DISK_FULL),
            _ => false,
        }
    }
}

/// Storage of the log.
pub trait Store: Send {
    /// The number of entries (the tree's size: the store keeps its frontier in step).
    fn size(&self) -> u64 {
        self.frontier().size()
    }

    /// The tree's right edge (compact range), kept in step with the stored nodes.
    fn frontier(&self) -> &Frontier;

    /// The root of the whole tree.
    fn root(&self) -> Hash {
        self.frontier().root()
    }

    /// Appends a batch atomically and durably (see the crate invariants). With `checkpoint`, the
    /// note it returns for the new (size, root) is stored in the same transaction, so a
    /// checkpoint exists for every committed size.
    fn append(
        &mut self,
        batch: &[NewEntry],
        checkpoint: Option<CheckpointSigner<'_>>,
    ) -> Result<Vec<Appended>, StoreError>;

    /// The canonical bytes of entries `from..to` (clamped to the size).
    fn entries(&self, from: u64, to: u64) -> Result<Vec<Vec<u8>>, StoreError>;

    /// The index of the entry with this id, if stored.
    fn find(&self, id: &[u8; 32]) -> Result<Option<u64>, StoreError>;

    /// Which of these ids and (party, nonce) pairs are stored (one round trip each, not one per
    /// item: this is what a batch of submissions asks).
    fn lookup(&self, ids: &[[u8; 32]], nonces: &[(&str, &str)]) -> Result<Lookup, StoreError>;

    /// The index of the entry in which `party` used `nonce`, if any.
    fn nonce_used(&self, party: &str, nonce: &str) -> Result<Option<u64>, StoreError>;

    /// The perfect subtree hash at (`level`, `index`).
    fn node(&self, level: u8, index: u64) -> Result<Hash, StoreError>;

    /// The latest signed checkpoint.
    fn checkpoint(&self) -> Result<Option<StoredCheckpoint>, StoreError>;

    /// Stores a signed checkpoint (of a size not smaller than the latest one's).
    fn put_checkpoint(&mut self, checkpoint: &StoredCheckpoint) -> Result<(), StoreError>;

    /// A metadata value.
    fn meta(&self, key: &str) -> Result<Option<String>, StoreError>;

    /// Sets a metadata value.
    fn set_meta(&mut self, key: &str, value: &str) -> Result<(), StoreError>;

    /// A second connection to the same database, for reading while this one writes: a server's
    /// readers then never wait for its writer. It sees what was committed when it last
    /// [`refresh`](Store::refresh)ed. `None` where the store cannot open one.
    fn reader(&self) -> Result<Option<Box<dyn Store>>, StoreError> {
        Ok(None)
    }

    /// Catches up with entries committed through another connection (a reader's size and tree
    /// edge). A no-op for the connection that wrote them.
    fn refresh(&mut self) -> Result<(), StoreError> {
        Ok(())
    }

    /// The sealed evidence committed to by `commitment`, if stored (the access-controlled
    /// evidence table; callers decide who may see it).
    fn evidence(&self, commitment: &str) -> Result<Option<StoredEvidence>, StoreError>;
}

/// A boxed store is a store (so the choice of database can be made at run time).
impl<T: Store + ?Sized> Store for Box<T> {
    fn size(&self) -> u64 {
        (**self).size()
    }
    fn frontier(&self) -> &Frontier {
        (**self).frontier()
    }
    fn append(
        &mut self,
        batch: &[NewEntry],
        checkpoint: Option<CheckpointSigner<'_>>,
    ) -> Result<Vec<Appended>, StoreError> {
        (**self).append(batch, checkpoint)
    }
    fn entries(&self, from: u64, to: u64) -> Result<Vec<Vec<u8>>, StoreError> {
        (**self).entries(from, to)
    }
    fn find(&self, id: &[u8; 32]) -> Result<Option<u64>, StoreError> {
        (**self).find(id)
    }
    fn lookup(&self, ids: &[[u8; 32]], nonces: &[(&str, &str)]) -> Result<Lookup, StoreError> {
        (**self).lookup(ids, nonces)
    }
    fn nonce_used(&self, party: &str, nonce: &str) -> Result<Option<u64>, StoreError> {
        (**self).nonce_used(party, nonce)
    }
    fn node(&self, level: u8, index: u64) -> Result<Hash, StoreError> {
        (**self).node(level, index)
    }
    fn checkpoint(&self) -> Result<Option<StoredCheckpoint>, StoreError> {
        (**self).checkpoint()
    }
    fn put_checkpoint(&mut self, checkpoint: &StoredCheckpoint) -> Result<(), StoreError> {
        (**self).put_checkpoint(checkpoint)
    }
    fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        (**self).meta(key)
    }
    fn set_meta(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        (**self).set_meta(key, value)
    }
    fn reader(&self) -> Result<Option<Box<dyn Store>>, StoreError> {
        (**self).reader()
    }
    fn refresh(&mut self) -> Result<(), StoreError> {
        (**self).refresh()
    }
    fn evidence(&self, commitment: &str) -> Result<Option<StoredEvidence>, StoreError> {
        (**self).evidence(commitment)
    }
}

/// `releasable_to` as stored: party ids joined by commas (ids never contain one).
pub(crate) fn join_parties(parties: &[String]) -> String {
    parties.join(",")
}

pub(crate) fn split_parties(text: &str) -> Vec<String> {
    text.split(',')
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A stored evidence row from its columns.
#[allow(clippy::too_many_arguments)]
pub(crate) fn stored_evidence(
    index: i64,
    commitment: String,
    claim: String,
    party: String,
    classification: String,
    releasable_to: String,
    source_kind: String,
    digest: String,
    summary: String,
    salt: String,
) -> Result<StoredEvidence, StoreError> {
    Ok(StoredEvidence {
        index: to_u64(index)?,
        evidence: SealedEvidence {
            commitment,
            claim,
            party,
            classification,
            releasable_to: split_parties(&releasable_to),
            sealed: snapback_log::sealed::Sealed {
                content: snapback_log::sealed::SealedContent {
                    source_kind,
                    digest,
                    summary,
                },
                salt,
            },
        },
    })
}

/// Adapts a store to the Merkle module's node source.
pub struct StoreNodes<'a, S: Store + ?Sized>(pub &'a S);

impl<S: Store + ?Sized> std::fmt::Debug for StoreNodes<'_, S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "StoreNodes(size {})", self.0.size())
    }
}

impl<S: Store + ?Sized> Nodes for StoreNodes<'_, S> {
    type Error = StoreError;
    fn perfect(&self, level: u8, index: u64) -> Result<Hash, StoreError> {
        self.0.node(level, index)
    }
}

/// Database integers are signed; indices are bounded far below 2^63 (no log has 2^63 entries).
pub(crate) fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

pub(crate) fn to_u64(n: i64) -> Result<u64, StoreError> {
    u64::try_from(n).map_err(|_| StoreError::Corrupt(format!("negative index {n}")))
}

pub(crate) fn to_hash(bytes: Vec<u8>, level: u8, index: u64) -> Result<Hash, StoreError> {
    bytes
        .try_into()
        .map_err(|_| StoreError::Corrupt(format!("node ({level}, {index}) is not 32 bytes")))
}

/// The rows a batch adds, computed by every implementation in the same way: per new entry its
/// index and the new perfect nodes (leaf first), deduplicating ids already stored or repeated
/// within the batch. Public for stores outside this crate (the fault simulator's in-memory one).
#[derive(Debug)]
pub struct Planned {
    pub results: Vec<Appended>,
    /// (index, entry) of the entries to insert.
    pub inserts: Vec<(u64, usize)>,
    pub nodes: Vec<(u8, u64, Hash)>,
    pub frontier: Frontier,
}

/// Plans a batch against the stored tree edge and what [`Store::lookup`] found of its keys.
pub fn plan(
    frontier: &Frontier,
    batch: &[NewEntry],
    stored: &Lookup,
) -> Result<Planned, StoreError> {
    let stored_size = frontier.size();
    let mut frontier = frontier.clone();
    let mut results = Vec::with_capacity(batch.len());
    let mut inserts = Vec::with_capacity(batch.len());
    let mut nodes = Vec::with_capacity(batch.len() * 2);
    let mut seen: HashMap<[u8; 32], u64> = HashMap::with_capacity(batch.len());
    let mut used: HashMap<(&str, &str), u64> = HashMap::with_capacity(batch.len());
    for (i, e) in batch.iter().enumerate() {
        if let Some(index) = stored.ids.get(&e.id).or_else(|| seen.get(&e.id)) {
            results.push(Appended::Existing(*index));
            continue;
        }
        let key = (e.party.clone(), e.nonce.clone());
        if let Some(index) = stored
            .nonces
            .get(&key)
            .or_else(|| used.get(&(e.party.as_str(), e.nonce.as_str())))
        {
            return Err(StoreError::NonceReused {
                party: e.party.clone(),
                nonce: e.nonce.clone(),
                index: *index,
            });
        }
        let index = frontier.size();
        nodes.extend(frontier.append(leaf_hash(&e.data)));
        seen.insert(e.id, index);
        used.insert((e.party.as_str(), e.nonce.as_str()), index);
        inserts.push((index, i));
        results.push(Appended::New(index));
    }
    // Every entry of the batch has one result, and the tree grew by exactly the new entries.
    debug_assert_eq!(results.len(), batch.len());
    debug_assert_eq!(
        frontier.size(),
        stored_size + inserts.len() as u64,
        "the planned tree grows by the inserted entries"
    );
    Ok(Planned {
        results,
        inserts,
        nodes,
        frontier,
    })
}

/// Refuses to commit a batch whose inserts did not all land (`inserted` rows written for
/// `planned` new entries): the transaction is dropped, so the log stays as it was.
pub(crate) fn check_inserted(planned: &Planned, inserted: u64) -> Result<(), StoreError> {
    if inserted == planned.inserts.len() as u64 {
        Ok(())
    } else {
        Err(StoreError::Corrupt(format!(
            "{inserted} entries written for {} new entries",
            planned.inserts.len()
        )))
    }
}

/// Refuses to append when the log holds `found` entries but this store's tree has another size:
/// another writer appended since this store last looked (the one-writer rule was broken).
pub fn check_unchanged(frontier: &Frontier, found: u64) -> Result<(), StoreError> {
    if found == frontier.size() {
        Ok(())
    } else {
        Err(StoreError::Conflict {
            expected: frontier.size(),
            found,
        })
    }
}

/// What an append takes to be stored already of its batch. Both stores first assume nothing
/// (the ledger has already set aside what the log holds) and let their unique indices on id and
/// (party, nonce) refuse the write if that is wrong; then they look up and append again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stored {
    /// Nothing: the unique indices refuse the write if that is wrong.
    AssumedNone,
    /// What a lookup in the write transaction found.
    LookedUp,
}

/// The ids and (party, nonce) pairs of a batch, for [`Store::lookup`].
pub fn keys_of(batch: &[NewEntry]) -> (Vec<[u8; 32]>, Vec<(&str, &str)>) {
    (
        batch.iter().map(|e| e.id).collect(),
        batch
            .iter()
            .map(|e| (e.party.as_str(), e.nonce.as_str()))
            .collect(),
    )
}
