//! The ledger: the engine, the signed log and the store, kept in step.
//!
//! A submission is checked (idempotence, nonce, time, signature, shape), judged by the engine,
//! and, if accepted, appended together with every entry the engine derived around it: deadlines
//! that fired before it, and its consequences after it, each signed by the secretariat. A batch
//! of submissions is committed in one transaction with a fresh signed checkpoint (group commit):
//! nothing is acknowledged before it is durable, and the log's root is signed at every size it
//! reaches.
//!
//! If a commit fails, the engine has already moved on; the ledger then rebuilds it from the
//! store, so the engine never holds anything the log does not.

use std::collections::HashMap;

use jiff::Timestamp;
use rayon::prelude::*;
use snapback_charter::CharterHistory;
use snapback_charter::time::format_instant;
use snapback_engine::{Derived, Engine, Sink, State};
use snapback_log::entry::{Entry, EntryError, EntryKind, check_nonce};
use snapback_log::keys::{KeyError, SignerKey};
use snapback_log::merkle::Hash;
use snapback_log::note::{Checkpoint, open_checkpoint, sign_checkpoint};
use snapback_store::{Appended, NewEntry, Store, StoreError, StoreNodes};

use crate::convert::{ConvertError, derived_body, to_event};
use crate::keyring::{BadKey, Keyring};
use crate::replayer::{Collector, Discrepancy, Replayer};
use crate::submission::sealed_evidence;
pub use crate::submission::{Outcome, Prepared, Submission, SubmitRejection};

#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{0}")]
    Key(#[from] BadKey),
    #[error("{0}")]
    KeyFile(#[from] KeyError),
    #[error(
        "the stored log does not replay under the charter: {0}; run `snapback verify` for details"
    )]
    Replay(Discrepancy),
    #[error("{0}")]
    Entry(#[from] EntryError),
    #[error("{0}")]
    Convert(#[from] ConvertError),
    #[error("{0}")]
    Config(String),
    #[error("cannot advance to {to}: the log is already at {at}")]
    TimeWentBack { to: Timestamp, at: Timestamp },
}

/// Hands a ledger back the engine and state of its committed log of the given size after a
/// failed commit, so it need not replay the whole log (a server keeps such a replica for its
/// readers). `None`: it has none of that size, and the ledger replays the store.
pub type Restore = Box<dyn FnMut(u64) -> Option<(Engine, State)> + Send>;

/// The ledger over a store.
pub struct Ledger<S: Store> {
    history: CharterHistory,
    keyring: Keyring,
    engine: Engine,
    state: State,
    store: S,
    secretariat: SignerKey,
    log_key: SignerKey,
    restore: Option<Restore>,
    /// How often a failed commit was undone by replaying the whole store.
    replays: u64,
    /// Batches committed since it opened (one transaction and one checkpoint each).
    commits: u64,
}

impl<S: Store> std::fmt::Debug for Ledger<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ledger")
            .field("size", &self.store.size())
            .finish_non_exhaustive()
    }
}

/// Entries waiting to be committed, and for each, the submission (and its time) it records, if
/// it is not a derived entry.
#[derive(Default)]
struct Staged {
    entries: Vec<NewEntry>,
    owners: Vec<Option<(usize, Timestamp)>>,
    /// Each staged entry's position by id and by (party, nonce): a batch of thousands is
    /// checked against itself in one lookup per submission, not a scan.
    ids: HashMap<[u8; 32], usize>,
    nonces: HashMap<(String, String), usize>,
}

impl Staged {
    fn push(&mut self, entry: NewEntry, owner: Option<(usize, Timestamp)>) {
        let position = self.entries.len();
        self.ids.entry(entry.id).or_insert(position);
        self.nonces
            .entry((entry.party.clone(), entry.nonce.clone()))
            .or_insert(position);
        self.entries.push(entry);
        self.owners.push(owner);
    }
}

fn new_entry(entry: &Entry) -> Result<NewEntry, EntryError> {
    Ok(NewEntry {
        id: entry.body.id()?,
        party: entry.body.party.clone(),
        nonce: entry.body.nonce.clone(),
        at: entry.at.clone(),
        data: entry.canonical()?,
        evidence: None,
    })
}

impl<S: Store> Ledger<S> {
    /// Opens the ledger: checks the keys, and rebuilds the engine by replaying the stored log.
    pub fn open(
        store: S,
        history: CharterHistory,
        secretariat: SignerKey,
        log_key: SignerKey,
    ) -> Result<Self, LedgerError> {
        Self::open_restoring(store, history, secretariat, log_key, None)
    }

    /// [`Ledger::open`], taking the engine and state at the store's size from `restore` when it
    /// has them (a server's replica, already caught up: a new leader then need not replay the
    /// log), and keeping `restore` for failed commits ([`Ledger::set_restore`]).
    pub fn open_restoring(
        store: S,
        history: CharterHistory,
        secretariat: SignerKey,
        log_key: SignerKey,
        mut restore: Option<Restore>,
    ) -> Result<Self, LedgerError> {
        let keyring = Keyring::new(&history)?;
        let holds = history.versions().iter().any(|c| {
            c.parties.iter().any(|p| {
                p.has_role(snapback_charter::Role::Secretariat)
                    && p.id.as_str() == secretariat.name()
                    && p.keys
                        .iter()
                        .any(|k| *k == secretariat.verifier().to_string())
            })
        });
        if !holds {
            return Err(LedgerError::Config(format!(
                "the secretariat key {} is not listed under a secretariat party's keys in the charter",
                secretariat.verifier()
            )));
        }
        if let Some(named) = keyring.log_key()
            && *named != log_key.verifier()
        {
            return Err(LedgerError::Config(format!(
                "the log key {} is not the one the charter names ({named})",
                log_key.verifier()
            )));
        }
        let restored = restore.as_mut().and_then(|r| r(store.size()));
        let (engine, state) = match restored {
            Some(replayed) => replayed,
            None => replay_store(&store, &history)?,
        };
        let ledger = Self {
            history,
            keyring,
            engine,
            state,
            store,
            secretariat,
            log_key,
            restore,
            replays: 0,
            commits: 0,
        };
        ledger.check_checkpoint()?;
        Ok(ledger)
    }

    /// The log never signs a checkpoint inconsistent with one it signed before: refuse to go on
    /// if the stored checkpoint does not match the stored tree.
    fn check_checkpoint(&self) -> Result<(), LedgerError> {
        let Some(cp) = self.store.checkpoint()? else {
            return Ok(());
        };
        let (checkpoint, _) = open_checkpoint(&cp.note, &self.log_key.verifier()).map_err(|e| {
            LedgerError::Config(format!("the stored checkpoint does not verify: {e}"))
        })?;
        if checkpoint.size > self.store.size() {
            return Err(LedgerError::Config(format!(
                "the stored checkpoint covers {} entries but the log has {}",
                checkpoint.size,
                self.store.size()
            )));
        }
        let root = tree_root(&self.store, checkpoint.size)?;
        if root != checkpoint.root {
            return Err(LedgerError::Config(format!(
                "the stored tree's root at size {} differs from the signed checkpoint: the log was altered",
                checkpoint.size
            )));
        }
        Ok(())
    }

    pub fn store(&self) -> &S {
        &self.store
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Sets a metadata value in the store (delivery cursors, token hashes): never an entry.
    pub fn set_meta(&mut self, key: &str, value: &str) -> Result<(), LedgerError> {
        Ok(self.store.set_meta(key, value)?)
    }

    /// The parties' keys, for preparing submissions on other threads.
    pub fn keyring(&self) -> &Keyring {
        &self.keyring
    }

    pub fn history(&self) -> &CharterHistory {
        &self.history
    }

    pub fn origin(&self) -> &str {
        self.log_key.name()
    }

    /// The log's verifier key (checkpoints are signed by it).
    pub fn log_verifier(&self) -> snapback_log::keys::VerifierKey {
        self.log_key.verifier()
    }

    /// The earliest time the next entry may carry, given `now` from a clock: never earlier than
    /// what the log has already recorded.
    pub fn next_time(&self, now: Timestamp) -> Timestamp {
        self.engine.earliest_next().map_or(now, |e| e.max(now))
    }

    /// Signs the checkpoint of the current tree (used when a store has none yet).
    pub fn sign_current_checkpoint(&self) -> Result<String, LedgerError> {
        let cp = Checkpoint {
            origin: self.origin().to_owned(),
            size: self.store.size(),
            root: self.store.root(),
            extensions: Vec::new(),
        };
        sign_checkpoint(&cp, &self.log_key).map_err(|e| LedgerError::Config(e.to_string()))
    }

    /// Stores a signed checkpoint note (for instance one a witness has cosigned), after checking
    /// that the log key signed it and that it matches this log's tree at its size.
    pub fn record_checkpoint(&mut self, note: &str) -> Result<Checkpoint, LedgerError> {
        let (cp, _) = open_checkpoint(note, &self.log_key.verifier())
            .map_err(|e| LedgerError::Config(format!("the checkpoint does not verify: {e}")))?;
        if cp.size > self.store.size() || tree_root(&self.store, cp.size)? != cp.root {
            return Err(LedgerError::Config(format!(
                "the checkpoint of size {} does not match this log's tree",
                cp.size
            )));
        }
        self.store
            .put_checkpoint(&snapback_store::StoredCheckpoint {
                size: cp.size,
                note: note.to_owned(),
            })?;
        Ok(cp)
    }

    /// Submits entries, each to be dated at the given instant; commits everything that is
    /// appended in one transaction with a new checkpoint.
    pub fn submit(
        &mut self,
        items: &[(Submission, Timestamp)],
    ) -> Result<Vec<Outcome>, LedgerError> {
        // Signature checks dominate the cost of a submission and are independent: run them on
        // every core before the sequential part.
        let keyring = &self.keyring;
        let prepared: Vec<Result<Prepared, EntryError>> = items
            .par_iter()
            .map(|(s, at)| keyring.prepare(s, *at))
            .collect();
        self.submit_prepared(items, prepared)
    }

    /// Submits entries already prepared (see [`Prepared`]). A preparation made under another
    /// charter version than the one in force at the entry's final time is redone.
    pub fn submit_prepared(
        &mut self,
        items: &[(Submission, Timestamp)],
        prepared: Vec<Result<Prepared, EntryError>>,
    ) -> Result<Vec<Outcome>, LedgerError> {
        let mut outcomes: Vec<Option<Outcome>> = vec![None; items.len()];
        let mut pending = Staged::default();
        let prepared: Vec<Result<Prepared, EntryError>> = items
            .iter()
            .zip(prepared)
            .map(|((s, at), p)| match p {
                Ok(p) if p.version != self.keyring.version_index(*at) => {
                    self.keyring.prepare(s, *at)
                }
                other => other,
            })
            .collect();
        // One lookup for the whole batch: which ids and nonces the log already holds.
        let ids: Vec<[u8; 32]> = prepared
            .iter()
            .filter_map(|p| p.as_ref().ok().map(|p| p.id))
            .collect();
        let nonces: Vec<(&str, &str)> = items
            .iter()
            .map(|(s, _)| (s.body.party.as_str(), s.body.nonce.as_str()))
            .collect();
        let stored = self.store.lookup(&ids, &nonces)?;
        for (k, ((submission, at), prepared)) in items.iter().zip(prepared).enumerate() {
            let prepared = match prepared {
                Ok(p) => p,
                Err(e) => {
                    outcomes[k] =
                        Some(Outcome::Rejected(SubmitRejection::Malformed(e.to_string())));
                    continue;
                }
            };
            match self.stage(k, submission, *at, &prepared, &stored, &mut pending) {
                Ok(None) => {}
                Ok(Some(early)) => outcomes[k] = Some(early),
                Err(e) => {
                    self.reload()?;
                    return Err(e);
                }
            }
        }
        let results = self.commit(&pending.entries)?;
        for (owner, r) in pending.owners.iter().zip(&results) {
            if let (Some((k, at)), Appended::New(index)) = (owner, r) {
                outcomes[*k] = Some(Outcome::Appended {
                    index: *index,
                    at: *at,
                });
            }
        }
        Ok(outcomes
            .into_iter()
            .map(|o| {
                o.unwrap_or(Outcome::Rejected(SubmitRejection::Malformed(
                    "not processed".to_owned(),
                )))
            })
            .collect())
    }

    /// Checks and judges one submission, staging its entries. Returns an outcome when it is
    /// settled without appending (duplicate or rejected).
    fn stage(
        &mut self,
        k: usize,
        submission: &Submission,
        at: Timestamp,
        prepared: &Prepared,
        stored: &snapback_store::Lookup,
        pending: &mut Staged,
    ) -> Result<Option<Outcome>, LedgerError> {
        let body = &submission.body;
        let id = prepared.id;
        // The signature first: a body already in the log, resubmitted with a bad signature, is
        // refused, not answered as a duplicate. The one exception is the very signature the log
        // holds for it (a retry of an entry whose key has since been rotated out).
        if let Err(e) = &prepared.signature {
            let same_as_stored = match stored.ids.get(&id) {
                Some(index) => self.stored_signature(*index)? == Some(submission.sig),
                None => false,
            };
            if !same_as_stored {
                return Ok(Some(Outcome::Rejected(SubmitRejection::Signature(
                    e.clone(),
                ))));
            }
        }
        if let Some(index) = stored.ids.get(&id) {
            return Ok(Some(Outcome::Duplicate { index: *index }));
        }
        if let Some(position) = pending.ids.get(&id) {
            let index = self.store.size() + *position as u64;
            return Ok(Some(Outcome::Duplicate { index }));
        }
        if body.kind != EntryKind::Input {
            return Ok(Some(Outcome::Rejected(SubmitRejection::NotInput)));
        }
        if let Err(message) = check_nonce(&body.nonce) {
            return Ok(Some(Outcome::Rejected(SubmitRejection::Malformed(
                format!("field `body.nonce`: {message}"),
            ))));
        }
        let used = stored
            .nonces
            .get(&(body.party.clone(), body.nonce.clone()))
            .copied()
            .or_else(|| {
                pending
                    .nonces
                    .get(&(body.party.clone(), body.nonce.clone()))
                    .map(|i| self.store.size() + *i as u64)
            });
        if let Some(index) = used {
            return Ok(Some(Outcome::Rejected(SubmitRejection::NonceReused {
                party: body.party.clone(),
                nonce: body.nonce.clone(),
                index,
            })));
        }
        if let Some(earliest) = self.engine.earliest_next()
            && at < earliest
        {
            return Ok(Some(Outcome::Rejected(SubmitRejection::TimeWentBack {
                at,
                earliest,
            })));
        }
        let event = match to_event(body, at) {
            Ok(e) => e,
            Err(ConvertError::ClassifiedInClear(m)) => {
                return Ok(Some(Outcome::Rejected(SubmitRejection::ClassifiedInClear(
                    m,
                ))));
            }
            Err(e) => {
                return Ok(Some(Outcome::Rejected(SubmitRejection::Malformed(
                    e.to_string(),
                ))));
            }
        };
        let evidence = match sealed_evidence(&event, submission.sealed.as_ref()) {
            Ok(e) => e,
            Err(reason) => return Ok(Some(Outcome::Rejected(reason))),
        };
        let mut out = Collector::default();
        self.engine.apply(0, &event, &mut out);
        // Deadlines that fired before this event are facts whatever the judgement.
        for d in &out.before {
            self.stage_derived(d, pending)?;
        }
        match out.judgement {
            Some(Ok(accepted)) => {
                let index = self.store.size() + pending.entries.len() as u64;
                self.state.input(index, &event, &Ok(accepted));
                let at_text = format_instant(at);
                let entry = NewEntry {
                    id,
                    party: body.party.clone(),
                    nonce: body.nonce.clone(),
                    data: Entry::canonical_from_parts(&at_text, &prepared.body, &submission.sig),
                    at: at_text,
                    evidence,
                };
                pending.push(entry, Some((k, at)));
                for d in &out.after {
                    self.stage_derived(d, pending)?;
                }
                Ok(None)
            }
            Some(Err(reason)) => Ok(Some(Outcome::Rejected(SubmitRejection::Rules(reason)))),
            None => Ok(Some(Outcome::Rejected(SubmitRejection::Malformed(
                "no judgement".to_owned(),
            )))),
        }
    }

    /// The signature the log holds for entry `index`, if it can be read.
    fn stored_signature(&self, index: u64) -> Result<Option<[u8; 64]>, LedgerError> {
        let data = self.store.entries(index, index + 1)?;
        Ok(data
            .first()
            .and_then(|d| Entry::parse(d).ok())
            .map(|e| e.sig))
    }

    fn stage_derived(&mut self, d: &Derived, pending: &mut Staged) -> Result<(), LedgerError> {
        let body = derived_body(d, &self.secretariat)?;
        let entry = Entry::new(format_instant(d.at), body, &self.secretariat)?;
        self.state.derived(d);
        pending.push(new_entry(&entry)?, None);
        Ok(())
    }

    /// Commits staged entries with a checkpoint; on failure rebuilds the engine from the store.
    fn commit(&mut self, batch: &[NewEntry]) -> Result<Vec<Appended>, LedgerError> {
        if batch.is_empty() {
            return Ok(Vec::new());
        }
        let origin = self.origin().to_owned();
        let log_key = self.log_key.clone();
        let sign = move |size: u64, root: &Hash| {
            let cp = Checkpoint {
                origin: origin.clone(),
                size,
                root: *root,
                extensions: Vec::new(),
            };
            sign_checkpoint(&cp, &log_key).map_err(|e| e.to_string())
        };
        let before = self.store.size();
        match self.store.append(batch, Some(&sign)) {
            Ok(results) => {
                self.commits += 1;
                debug_assert_eq!(results.len(), batch.len(), "one result per staged entry");
                debug_assert!(
                    self.store.size() >= before && self.store.size() <= before + batch.len() as u64,
                    "a commit grows the log by at most its batch"
                );
                // As after a replay: the state is as of the latest entry's time.
                if let Some(last) = batch.last() {
                    self.state.as_of = last.at.parse().ok().or(self.state.as_of);
                }
                Ok(results)
            }
            Err(e) => {
                self.reload()?;
                Err(e.into())
            }
        }
    }

    /// Where to get the committed engine and state back after a failed commit (see
    /// [`Restore`]); without one, a failed commit replays the store.
    pub fn set_restore(&mut self, restore: Restore) {
        self.restore = Some(restore);
    }

    /// How many batches were committed since the ledger opened, one transaction, one sync and
    /// one signed checkpoint each: with the entries appended, the mean size of a group commit.
    pub fn commits(&self) -> u64 {
        self.commits
    }

    /// How many failed commits were undone by replaying the whole store (rather than by
    /// [`Restore`]).
    pub fn replays(&self) -> u64 {
        self.replays
    }

    /// Brings the engine and state back to the committed log (after a failed commit): from the
    /// [`Restore`] source if it has them at the store's size, else by replaying the store.
    fn reload(&mut self) -> Result<(), LedgerError> {
        let size = self.store.size();
        if let Some(restore) = self.restore.as_mut()
            && let Some((engine, state)) = restore(size)
        {
            self.engine = engine;
            self.state = state;
            return Ok(());
        }
        let (engine, state) = replay_store(&self.store, &self.history)?;
        self.engine = engine;
        self.state = state;
        self.replays += 1;
        Ok(())
    }

    /// Fires every deadline up to `now` and appends what follows. Returns the new entries' indices.
    pub fn advance(&mut self, now: Timestamp) -> Result<Vec<u64>, LedgerError> {
        let mut fired = Fired::default();
        if let Err(e) = self.engine.advance(now, &mut fired) {
            return Err(LedgerError::TimeWentBack { to: e.to, at: e.at });
        }
        let mut pending = Staged::default();
        for d in &fired.0 {
            self.stage_derived(d, &mut pending)?;
        }
        let results = self.commit(&pending.entries)?;
        Ok(results.iter().map(|r| r.index()).collect())
    }
}

#[derive(Default)]
struct Fired(Vec<Derived>);

impl Sink for Fired {
    fn input(&mut self, _: u64, _: &snapback_engine::Event, _: &snapback_engine::Judgement) {}
    fn derived(&mut self, d: &Derived) {
        self.0.push(d.clone());
    }
}

/// The root of the first `size` entries of a store.
pub fn tree_root<S: Store + ?Sized>(store: &S, size: u64) -> Result<Hash, LedgerError> {
    if size == 0 {
        return Ok(snapback_log::merkle::empty_root());
    }
    snapback_log::merkle::root(&StoreNodes(store), size)
        .map_err(|e| LedgerError::Config(format!("cannot compute the tree root: {e:?}")))
}

/// Replays a whole store through the engine.
pub fn replay_store<S: Store + ?Sized>(
    store: &S,
    history: &CharterHistory,
) -> Result<(Engine, State), LedgerError> {
    let mut replayer = Replayer::new(history);
    const CHUNK: u64 = 4_096;
    let size = store.size();
    let mut from = 0;
    while from < size {
        let to = (from + CHUNK).min(size);
        for (i, bytes) in (from..to).zip(store.entries(from, to)?) {
            let entry = Entry::parse(&bytes).map_err(|e| {
                LedgerError::Replay(Discrepancy::Unreadable {
                    index: i,
                    reason: e.to_string(),
                })
            })?;
            replayer.feed(i, &entry).map_err(LedgerError::Replay)?;
        }
        from = to;
    }
    replayer.finish().map_err(LedgerError::Replay)
}
