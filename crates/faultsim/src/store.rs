//! The in-memory store: one simulated database shared by every node, each node holding its own
//! connection (as `serve` processes sharing PostgreSQL would), implementing
//! [`snapback_store::Store`] and passing the store suite every store passes.
//!
//! The simulator arms faults on the database ([`CommitFault`]) and cuts connections off
//! ([`SimDatabase::set_reachable`]); the lease row of `snapback-cluster` lives in the same
//! database, and every append is fenced by its connection's token, in the same critical
//! section as the write (PostgreSQL's transaction).

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, MutexGuard};

use jiff::Timestamp;
use snapback_cluster::{Fenced, Grant, Lease, LeaseTerms, NodeId, Refused};
use snapback_log::merkle::{Frontier, Hash, Nodes};
use snapback_store::{
    Appended, CheckpointSigner, Lookup, NewEntry, Store, StoreError, StoredCheckpoint,
    StoredEvidence, check_unchanged, keys_of, plan,
};

/// What the next commit through a connection suffers, armed by the simulator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommitFault {
    /// The commit fails: an error, nothing written.
    Fail,
    /// The node crashes while committing, before the write was synced: part of the batch may
    /// have reached the write-ahead log (a torn write), and recovery discards it. Nothing is
    /// written and the client never gets an answer.
    CrashBeforeSync,
    /// The node crashes right after the commit was synced, before answering: the batch is in
    /// the log, but the client never learns it.
    CrashAfterSync,
}

/// Ways to break the store on purpose, so tests can show each invariant check catches what it
/// is meant to catch. All off in a real simulation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StoreFlaws {
    /// Answer a commit before it is synced: a crash of its writer then loses the last batch it
    /// acknowledged.
    pub ack_before_sync: bool,
    /// Admit appends whatever their fencing token.
    pub ignore_fencing: bool,
    /// Store one byte of the fifth entry ever written altered (bit rot the leaf hash misses).
    pub flip_a_byte: bool,
}

/// One commit that reached the database, for the invariant checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitRecord {
    pub connection: NodeId,
    /// The token the writer presented, if its connection is fenced.
    pub presented: Option<u64>,
    /// The lease's token when it committed.
    pub current: u64,
    pub size: u64,
}

#[derive(Debug, Clone)]
struct Row {
    id: [u8; 32],
    party: String,
    nonce: String,
    data: Vec<u8>,
}

#[derive(Debug, Clone, Copy, Default)]
struct Connection {
    /// The fencing token its appends carry; `None`: not fenced (a single writer, the suite).
    token: Option<u64>,
    unreachable: bool,
    fault: Option<CommitFault>,
    /// A crash happened during one of its commits; the simulator takes the node down.
    crashed: bool,
}

#[derive(Debug, Default)]
struct Db {
    rows: Vec<Row>,
    ids: HashMap<[u8; 32], u64>,
    nonces: HashMap<(String, String), u64>,
    nodes: HashMap<(u8, u64), Hash>,
    checkpoints: BTreeMap<u64, String>,
    meta: BTreeMap<String, String>,
    evidence: BTreeMap<String, StoredEvidence>,
    lease: Lease,
    connections: BTreeMap<NodeId, Connection>,
    flaws: StoreFlaws,
    /// Every checkpoint note ever stored, in order (also those a flaw later loses).
    checkpoint_history: Vec<(u64, String)>,
    commits: Vec<CommitRecord>,
    /// Under `ack_before_sync`: the size before each connection's last acknowledged, unsynced
    /// batch.
    unsynced: BTreeMap<NodeId, u64>,
    writes: u64,
}

struct DbNodes<'a>(&'a Db);

impl Nodes for DbNodes<'_> {
    type Error = StoreError;
    fn perfect(&self, level: u8, index: u64) -> Result<Hash, StoreError> {
        self.0
            .nodes
            .get(&(level, index))
            .copied()
            .ok_or(StoreError::NoNode { level, index })
    }
}

impl Db {
    fn size(&self) -> u64 {
        self.rows.len() as u64
    }

    fn frontier(&self) -> Result<Frontier, StoreError> {
        Frontier::from_nodes(&DbNodes(self), self.size())
            .map_err(|e| StoreError::Corrupt(format!("cannot rebuild the tree edge: {e:?}")))
    }

    fn lookup(&self, ids: &[[u8; 32]], nonces: &[(&str, &str)]) -> Lookup {
        let mut found = Lookup::default();
        for id in ids {
            if let Some(index) = self.ids.get(id) {
                found.ids.insert(*id, *index);
            }
        }
        for (party, nonce) in nonces {
            let key = ((*party).to_owned(), (*nonce).to_owned());
            if let Some(index) = self.nonces.get(&key) {
                found.nonces.insert(key, *index);
            }
        }
        found
    }

    /// Drops everything from entry `size` on (a lost, unsynced batch).
    fn truncate(&mut self, size: u64) {
        let size_usize = usize::try_from(size).unwrap_or(usize::MAX);
        for row in self.rows.drain(size_usize.min(self.rows.len())..) {
            self.ids.remove(&row.id);
            self.nonces.remove(&(row.party, row.nonce));
        }
        self.nodes.retain(|(level, index), _| {
            (index + 1)
                .checked_shl(u32::from(*level))
                .is_some_and(|end| end <= size)
        });
        self.checkpoints.retain(|s, _| *s <= size);
        self.evidence.retain(|_, e| e.index < size);
    }

    fn connection(&mut self, id: NodeId) -> &mut Connection {
        self.connections.entry(id).or_default()
    }
}

/// The simulated database (cloning shares it).
#[derive(Debug, Clone, Default)]
pub struct SimDatabase(Arc<Mutex<Db>>);

fn io_error(what: &str) -> StoreError {
    StoreError::Unavailable(what.to_owned())
}

/// Why a lease operation did not grant the lease.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LeaseError {
    #[error("{0}")]
    Refused(#[from] Refused),
    #[error("the database is unreachable")]
    Unreachable,
}

impl SimDatabase {
    pub fn new(flaws: StoreFlaws) -> Self {
        let db = Db {
            flaws,
            ..Db::default()
        };
        Self(Arc::new(Mutex::new(db)))
    }

    fn lock(&self) -> MutexGuard<'_, Db> {
        // The simulation is single-threaded; a poisoned lock only means a test failed.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A new connection for node `id` (its earlier connection's settings are kept: a restarted
    /// node's token is set again when it acquires the lease).
    pub fn connect(&self, id: NodeId) -> Result<SimStore, StoreError> {
        let mut db = self.lock();
        let conn = db.connection(id);
        conn.crashed = false;
        if conn.unreachable {
            return Err(io_error("the database is unreachable"));
        }
        let frontier = db.frontier()?;
        Ok(SimStore {
            db: self.clone(),
            id,
            frontier,
        })
    }

    /// Cuts node `id`'s connection off (a partition) or restores it.
    pub fn set_reachable(&self, id: NodeId, reachable: bool) {
        self.lock().connection(id).unreachable = !reachable;
    }

    pub fn is_reachable(&self, id: NodeId) -> bool {
        !self.lock().connection(id).unreachable
    }

    /// Arms a fault for the next commit through node `id`'s connection (`None` disarms).
    pub fn arm(&self, id: NodeId, fault: Option<CommitFault>) {
        self.lock().connection(id).fault = fault;
    }

    /// Sets the fencing token node `id`'s appends carry.
    pub fn set_token(&self, id: NodeId, token: Option<u64>) {
        self.lock().connection(id).token = token;
    }

    /// Whether a commit through node `id`'s connection crashed the node (its connection stays
    /// dead until the node connects again).
    pub fn crashed(&self, id: NodeId) -> bool {
        self.lock().connection(id).crashed
    }

    /// Node `id` crashed: under the `ack_before_sync` flaw its last acknowledged batch is lost.
    pub fn node_crashed(&self, id: NodeId) {
        let mut db = self.lock();
        if let Some(size) = db.unsynced.remove(&id) {
            db.truncate(size);
            db.unsynced.clear();
        }
    }

    /// `UPDATE lease ... WHERE expires <= now() OR holder = $me RETURNING token, expires`.
    pub fn acquire_lease(
        &self,
        me: NodeId,
        now: Timestamp,
        terms: &LeaseTerms,
    ) -> Result<Grant, LeaseError> {
        let mut db = self.lock();
        if db.connection(me).unreachable {
            return Err(LeaseError::Unreachable);
        }
        Ok(db.lease.acquire(me, now, terms)?)
    }

    /// `UPDATE lease SET expires = now() WHERE holder = $me AND token = $token`.
    pub fn step_down(&self, me: NodeId, token: u64, now: Timestamp) -> bool {
        let mut db = self.lock();
        !db.connection(me).unreachable && db.lease.step_down(me, token, now)
    }

    /// The lease row as it is (for followers' hints and the trace).
    pub fn lease(&self) -> Lease {
        self.lock().lease
    }

    /// Every stored entry's id, in log order.
    pub fn entry_ids(&self) -> Vec<[u8; 32]> {
        self.lock().rows.iter().map(|r| r.id).collect()
    }

    /// Every checkpoint note ever stored, in order.
    pub fn checkpoint_history(&self) -> Vec<(u64, String)> {
        self.lock().checkpoint_history.clone()
    }

    /// Every commit that reached the database.
    pub fn commits(&self) -> Vec<CommitRecord> {
        self.lock().commits.clone()
    }

    /// The stored leaf hashes (level-0 nodes), for `verify`.
    pub fn leaves(&self) -> Vec<Hash> {
        let db = self.lock();
        (0..db.size())
            .map(|i| db.nodes.get(&(0, i)).copied().unwrap_or([0; 32]))
            .collect()
    }

    pub fn size(&self) -> u64 {
        self.lock().size()
    }
}

/// One node's connection to the simulated database.
#[derive(Debug)]
pub struct SimStore {
    db: SimDatabase,
    id: NodeId,
    frontier: Frontier,
}

impl SimStore {
    /// The database behind this connection.
    pub fn database(&self) -> &SimDatabase {
        &self.db
    }

    fn reachable(&self, db: &mut Db) -> Result<(), StoreError> {
        if db.connection(self.id).unreachable || db.connection(self.id).crashed {
            Err(io_error("the database is unreachable"))
        } else {
            Ok(())
        }
    }

    fn read<T>(&self, f: impl FnOnce(&Db) -> Result<T, StoreError>) -> Result<T, StoreError> {
        let mut db = self.db.lock();
        self.reachable(&mut db)?;
        f(&db)
    }
}

impl Store for SimStore {
    fn frontier(&self) -> &Frontier {
        &self.frontier
    }

    fn append(
        &mut self,
        batch: &[NewEntry],
        checkpoint: Option<CheckpointSigner<'_>>,
    ) -> Result<Vec<Appended>, StoreError> {
        let mut db = self.db.lock();
        self.reachable(&mut db)?;
        let conn = *db.connection(self.id);
        let current = db.lease.token;
        if let Some(token) = conn.token
            && !db.flaws.ignore_fencing
        {
            db.lease
                .admit(token)
                .map_err(|Fenced { presented, current }| StoreError::Fenced {
                    presented,
                    current,
                })?;
        }
        check_unchanged(&self.frontier, db.size())?;
        let (ids, nonces) = keys_of(batch);
        let stored = db.lookup(&ids, &nonces);
        let planned = plan(&self.frontier, batch, &stored)?;
        let note = match checkpoint {
            Some(sign) => Some(
                sign(planned.frontier.size(), &planned.frontier.root())
                    .map_err(StoreError::Checkpoint)?,
            ),
            None => None,
        };
        let fault = db.connection(self.id).fault.take();
        match fault {
            Some(CommitFault::Fail) => return Err(io_error("the commit failed")),
            Some(CommitFault::CrashBeforeSync) => {
                db.connection(self.id).crashed = true;
                return Err(io_error("the node crashed before the commit was synced"));
            }
            _ => {}
        }
        let size_before = db.size();
        for (index, i) in &planned.inserts {
            let e = &batch[*i];
            db.writes += 1;
            let mut data = e.data.clone();
            if db.flaws.flip_a_byte && db.writes == 5 {
                // An altered digit inside the signature's base64 keeps the entry readable.
                if let Some(b) = data.iter_mut().rev().find(|b| b.is_ascii_alphanumeric()) {
                    *b = if *b == b'A' { b'B' } else { b'A' };
                }
            }
            db.rows.push(Row {
                id: e.id,
                party: e.party.clone(),
                nonce: e.nonce.clone(),
                data,
            });
            db.ids.insert(e.id, *index);
            db.nonces.insert((e.party.clone(), e.nonce.clone()), *index);
            if let Some(ev) = &e.evidence {
                db.evidence
                    .entry(ev.commitment.clone())
                    .or_insert_with(|| StoredEvidence {
                        index: *index,
                        evidence: ev.clone(),
                    });
            }
        }
        for (level, index, hash) in &planned.nodes {
            db.nodes.insert((*level, *index), *hash);
        }
        let size = planned.frontier.size();
        if let Some(note) = note {
            db.checkpoints.insert(size, note.clone());
            db.checkpoint_history.push((size, note));
        }
        db.commits.push(CommitRecord {
            connection: self.id,
            presented: conn.token,
            current,
            size,
        });
        if db.flaws.ack_before_sync && size > size_before {
            db.unsynced.insert(self.id, size_before);
        }
        self.frontier = planned.frontier;
        if fault == Some(CommitFault::CrashAfterSync) {
            db.connection(self.id).crashed = true;
            return Err(io_error(
                "the node crashed after the commit, before answering",
            ));
        }
        Ok(planned.results)
    }

    fn entries(&self, from: u64, to: u64) -> Result<Vec<Vec<u8>>, StoreError> {
        let to = to.min(self.size());
        self.read(|db| {
            if to > db.size() {
                return Err(StoreError::NoEntry(db.size()));
            }
            let range =
                usize::try_from(from).unwrap_or(usize::MAX)..usize::try_from(to).unwrap_or(0);
            Ok(db
                .rows
                .get(range)
                .unwrap_or_default()
                .iter()
                .map(|r| r.data.clone())
                .collect())
        })
    }

    fn find(&self, id: &[u8; 32]) -> Result<Option<u64>, StoreError> {
        self.read(|db| Ok(db.ids.get(id).copied()))
    }

    fn lookup(&self, ids: &[[u8; 32]], nonces: &[(&str, &str)]) -> Result<Lookup, StoreError> {
        self.read(|db| Ok(db.lookup(ids, nonces)))
    }

    fn nonce_used(&self, party: &str, nonce: &str) -> Result<Option<u64>, StoreError> {
        self.read(|db| {
            Ok(db
                .nonces
                .get(&(party.to_owned(), nonce.to_owned()))
                .copied())
        })
    }

    fn node(&self, level: u8, index: u64) -> Result<Hash, StoreError> {
        self.read(|db| DbNodes(db).perfect(level, index))
    }

    fn checkpoint(&self) -> Result<Option<StoredCheckpoint>, StoreError> {
        self.read(|db| {
            Ok(db
                .checkpoints
                .last_key_value()
                .map(|(size, note)| StoredCheckpoint {
                    size: *size,
                    note: note.clone(),
                }))
        })
    }

    fn put_checkpoint(&mut self, checkpoint: &StoredCheckpoint) -> Result<(), StoreError> {
        let mut db = self.db.lock();
        self.reachable(&mut db)?;
        db.checkpoints
            .insert(checkpoint.size, checkpoint.note.clone());
        db.checkpoint_history
            .push((checkpoint.size, checkpoint.note.clone()));
        Ok(())
    }

    fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.read(|db| Ok(db.meta.get(key).cloned()))
    }

    fn set_meta(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        let mut db = self.db.lock();
        self.reachable(&mut db)?;
        db.meta.insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn reader(&self) -> Result<Option<Box<dyn Store>>, StoreError> {
        Ok(Some(Box::new(self.db.connect(self.id)?)))
    }

    fn refresh(&mut self) -> Result<(), StoreError> {
        let mut db = self.db.lock();
        self.reachable(&mut db)?;
        if db.size() != self.frontier.size() {
            self.frontier = db.frontier()?;
        }
        Ok(())
    }

    fn evidence(&self, commitment: &str) -> Result<Option<StoredEvidence>, StoreError> {
        self.read(|db| Ok(db.evidence.get(commitment).cloned()))
    }
}

#[cfg(test)]
mod tests;
