//! `snapback verify`: everything an auditor needs to trust a log, checked offline.
//!
//! 1. Every entry is canonical JSON of the entry format (no byte may differ from its canonical
//!    encoding), and, when the store's tree nodes are at hand, every leaf hash matches its node.
//! 2. The Merkle root of all entries equals the root in the latest checkpoint, whose signature by
//!    the log key verifies, and the checkpoint covers every entry.
//! 3. Every signature verifies, strictly, under a key the signing party holds in the charter
//!    version in force at the entry's time; derived entries are signed by a secretariat.
//! 4. Replaying the input entries through the engine yields exactly the derived entries in the
//!    log, in the same order and at the same instants (see [`crate::replayer`]).
//!
//! The first failure is reported with the index of the entry at fault.

use rayon::prelude::*;
use snapback_charter::{CharterHistory, Role};
use snapback_log::entry::{Entry, EntryKind};
use snapback_log::keys::VerifierKey;
use snapback_log::merkle::{Hash, MemoryTree, leaf_hash};
use snapback_log::note::open_checkpoint;

use crate::convert::entry_time;
use crate::keyring::{BadKey, Keyring};
use crate::replayer::{Discrepancy, Replayer};

/// The log under verification.
#[derive(Debug)]
pub struct LogUnderTest<'a> {
    /// Every entry's canonical bytes, in log order.
    pub entries: &'a [Vec<u8>],
    /// The stored leaf hashes (level-0 nodes), when verifying a store rather than an export.
    pub stored_leaves: Option<&'a [Hash]>,
    /// The latest signed checkpoint note, if any.
    pub checkpoint: Option<&'a str>,
    /// The log's verifier key (else the charter's `[log] key` is used).
    pub log_key: Option<&'a VerifierKey>,
}

/// What verification found when all held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyReport {
    pub entries: u64,
    pub inputs: u64,
    pub derived: u64,
    pub checkpoint_size: u64,
    pub root: Hash,
    pub claims: usize,
    pub activations: usize,
}

/// The first thing wrong with a log.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifyFailure {
    #[error("entry {index} is not a valid canonical entry: {reason}")]
    Malformed { index: u64, reason: String },
    #[error(
        "entry {index}: its bytes do not hash to the stored leaf (the entry was altered or moved)"
    )]
    LeafMismatch { index: u64 },
    #[error("no signed checkpoint: nothing fixes this log's contents")]
    NoCheckpoint,
    #[error("no log key: name it in the charter's [log] table or pass it explicitly")]
    NoLogKey,
    #[error("the checkpoint does not verify: {0}")]
    Checkpoint(String),
    #[error("the checkpoint covers {checkpoint} entries but the log has {entries}")]
    CheckpointSize { checkpoint: u64, entries: u64 },
    #[error(
        "the root of the {size} entries differs from the signed checkpoint's root: entries were altered, removed or reordered"
    )]
    RootMismatch { size: u64 },
    #[error("entry {index}: {reason}")]
    Signature { index: u64, reason: String },
    #[error("{0}")]
    Replay(Discrepancy),
    #[error("{0}")]
    Keys(#[from] BadKey),
}

impl VerifyFailure {
    /// The index of the entry at fault, when one is known.
    pub fn index(&self) -> Option<u64> {
        match self {
            VerifyFailure::Malformed { index, .. }
            | VerifyFailure::LeafMismatch { index }
            | VerifyFailure::Signature { index, .. } => Some(*index),
            VerifyFailure::Replay(d) => Some(d.index(u64::MAX)),
            _ => None,
        }
    }
}

/// Verifies a log against the charter history.
pub fn verify(
    history: &CharterHistory,
    log: &LogUnderTest<'_>,
) -> Result<VerifyReport, VerifyFailure> {
    let keyring = Keyring::new(history)?;
    let entries = parse_all(log.entries)?;
    let leaves: Vec<Hash> = log.entries.par_iter().map(|b| leaf_hash(b)).collect();
    if let Some(stored) = log.stored_leaves
        && let Some(index) = leaves.iter().zip(stored).position(|(a, b)| a != b)
    {
        return Err(VerifyFailure::LeafMismatch {
            index: index as u64,
        });
    }
    let mut tree = MemoryTree::new();
    for leaf in &leaves {
        tree.push(*leaf);
    }
    let checkpoint_size = check_checkpoint(log, &keyring, &tree)?;
    check_signatures(history, &keyring, &entries)?;
    let mut replayer = Replayer::new(history);
    for (i, entry) in entries.iter().enumerate() {
        replayer
            .feed(i as u64, entry)
            .map_err(VerifyFailure::Replay)?;
    }
    let (_, state) = replayer.finish().map_err(VerifyFailure::Replay)?;
    let derived = entries
        .iter()
        .filter(|e| e.body.kind == EntryKind::Derived)
        .count() as u64;
    Ok(VerifyReport {
        entries: entries.len() as u64,
        inputs: entries.len() as u64 - derived,
        derived,
        checkpoint_size,
        root: tree.root(),
        claims: state.claims.len(),
        activations: state.activations.len(),
    })
}

fn parse_all(bytes: &[Vec<u8>]) -> Result<Vec<Entry>, VerifyFailure> {
    let parsed: Vec<Result<Entry, String>> = bytes
        .par_iter()
        .map(|b| Entry::parse(b).map_err(|e| e.to_string()))
        .collect();
    parsed
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            r.map_err(|reason| VerifyFailure::Malformed {
                index: i as u64,
                reason,
            })
        })
        .collect()
}

fn check_checkpoint(
    log: &LogUnderTest<'_>,
    keyring: &Keyring,
    tree: &MemoryTree,
) -> Result<u64, VerifyFailure> {
    let note = log.checkpoint.ok_or(VerifyFailure::NoCheckpoint)?;
    let key = log
        .log_key
        .or(keyring.log_key())
        .ok_or(VerifyFailure::NoLogKey)?;
    let (cp, _) =
        open_checkpoint(note, key).map_err(|e| VerifyFailure::Checkpoint(e.to_string()))?;
    if cp.size != tree.size() {
        return Err(VerifyFailure::CheckpointSize {
            checkpoint: cp.size,
            entries: tree.size(),
        });
    }
    if cp.root != tree.root() {
        return Err(VerifyFailure::RootMismatch { size: tree.size() });
    }
    Ok(cp.size)
}

fn check_signatures(
    history: &CharterHistory,
    keyring: &Keyring,
    entries: &[Entry],
) -> Result<(), VerifyFailure> {
    let failures: Vec<(usize, String)> = entries
        .par_iter()
        .enumerate()
        .filter_map(|(i, e)| {
            check_one(history, keyring, e)
                .err()
                .map(|reason| (i, reason))
        })
        .collect();
    match failures.into_iter().min_by_key(|(i, _)| *i) {
        Some((i, reason)) => Err(VerifyFailure::Signature {
            index: i as u64,
            reason,
        }),
        None => Ok(()),
    }
}

fn check_one(history: &CharterHistory, keyring: &Keyring, e: &Entry) -> Result<(), String> {
    let at = entry_time(&e.at).map_err(|err| err.to_string())?;
    e.verify(keyring.keys(&e.body.party, at))
        .map_err(|err| err.to_string())?;
    if e.body.kind == EntryKind::Derived {
        let secretariat = history.in_force(at).is_some_and(|c| {
            c.party_idx(&e.body.party)
                .is_some_and(|p| c.has_role(p, Role::Secretariat))
        });
        if !secretariat {
            return Err(format!(
                "derived entry signed by `{}`, which is not a secretariat",
                e.body.party
            ));
        }
    }
    Ok(())
}
