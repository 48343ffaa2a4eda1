//! What a reader asks of a stored log beyond the ledger's own writes: inclusion and consistency
//! proofs with the roots they lead to, and the one write of a checkpoint the ledger did not sign
//! itself (a verified mirror's). Callers need no store or Merkle internals.

use snapback_log::entry::{Entry, EntryError};
use snapback_log::merkle::{self, Hash, ProofError, TreeError};
use snapback_store::{NewEntry, Store, StoreError, StoreNodes, StoredCheckpoint};

/// Why a proof could not be computed or a mirror not written.
#[derive(Debug, thiserror::Error)]
pub enum ProofsError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{0}")]
    Tree(#[from] TreeError<StoreError>),
    #[error("{0}")]
    Entry(#[from] EntryError),
    #[error("the log is not empty ({size} entries); a mirror is imported into an empty log")]
    NotEmpty { size: u64 },
}

/// Leaf `index` is in the tree of `size` leaves: RFC 6962 `PATH(index, D[0:size])`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InclusionProof {
    pub index: u64,
    pub size: u64,
    pub leaf: Hash,
    pub root: Hash,
    /// Lowest sibling first.
    pub path: Vec<Hash>,
}

/// The tree of `old_size` leaves is a prefix of the tree of `new_size`: RFC 6962
/// `PROOF(old_size, D[0:new_size])`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsistencyProof {
    pub old_size: u64,
    pub new_size: u64,
    pub old_root: Hash,
    pub new_root: Hash,
    /// Lowest node first.
    pub path: Vec<Hash>,
}

/// The inclusion proof of entry `index` in the first `size` entries of a store.
pub fn inclusion<S: Store + ?Sized>(
    store: &S,
    index: u64,
    size: u64,
) -> Result<InclusionProof, ProofsError> {
    let nodes = StoreNodes(store);
    let path = merkle::inclusion_proof(&nodes, index, size)?;
    let root = merkle::root(&nodes, size)?;
    let leaf = store.node(0, index)?;
    Ok(InclusionProof {
        index,
        size,
        leaf,
        root,
        path,
    })
}

/// The consistency proof between the first `old_size` and the first `new_size` entries of a
/// store, with both roots.
pub fn consistency<S: Store + ?Sized>(
    store: &S,
    old_size: u64,
    new_size: u64,
) -> Result<ConsistencyProof, ProofsError> {
    let nodes = StoreNodes(store);
    let path = merkle::consistency_proof(&nodes, old_size, new_size)?;
    let old_root = merkle::root(&nodes, old_size)?;
    let new_root = merkle::root(&nodes, new_size)?;
    Ok(ConsistencyProof {
        old_size,
        new_size,
        old_root,
        new_root,
        path,
    })
}

/// Whether the store's tree of `new_size` leaves, whose root a checkpoint states as `new_root`,
/// extends a tree of `old_size` leaves known by its root `old_root` (a witness's last cosigned
/// checkpoint). The outer error is a failure to read the store; the inner one a fork.
pub fn check_consistency<S: Store + ?Sized>(
    store: &S,
    old_size: u64,
    old_root: &Hash,
    new_size: u64,
    new_root: &Hash,
) -> Result<Result<(), ProofError>, ProofsError> {
    let path = merkle::consistency_proof(&StoreNodes(store), old_size, new_size)?;
    Ok(merkle::verify_consistency(
        old_size, new_size, old_root, new_root, &path,
    ))
}

/// Writes an export's entries verbatim into an empty store, then its checkpoint: a mirror.
/// The caller has verified the export against that checkpoint (`crate::verify`), which is why
/// a checkpoint the ledger did not sign may be stored here and nowhere else.
pub fn import_mirror<S: Store + ?Sized>(
    store: &mut S,
    lines: &[Vec<u8>],
    note: String,
) -> Result<(), ProofsError> {
    if store.size() != 0 {
        return Err(ProofsError::NotEmpty { size: store.size() });
    }
    for chunk in lines.chunks(4_096) {
        let batch = chunk
            .iter()
            .map(|bytes| {
                let e = Entry::parse(bytes)?;
                Ok(NewEntry {
                    id: e.body.id()?,
                    party: e.body.party.clone(),
                    nonce: e.body.nonce.clone(),
                    at: e.at.clone(),
                    data: bytes.clone(),
                    // An export holds no sealed evidence (the evidence store is not exported),
                    // so a mirror releases none.
                    evidence: None,
                })
            })
            .collect::<Result<Vec<_>, EntryError>>()?;
        store.append(&batch, None)?;
    }
    store.put_checkpoint(&StoredCheckpoint {
        size: store.size(),
        note,
    })?;
    Ok(())
}

/// A whole stored log as `verify` reads it: the entries' bytes, the leaf hashes the store kept
/// for them (checked against the entries), and the stored checkpoint's note.
#[derive(Debug, Default)]
pub struct StoredLog {
    pub entries: Vec<Vec<u8>>,
    pub leaves: Vec<Hash>,
    pub checkpoint: Option<String>,
}

/// Reads a whole store, in chunks.
pub fn read_log<S: Store + ?Sized>(store: &S) -> Result<StoredLog, ProofsError> {
    const CHUNK: u64 = 4_096;
    let size = store.size();
    let capacity = usize::try_from(size).unwrap_or(0);
    let mut log = StoredLog {
        entries: Vec::with_capacity(capacity),
        leaves: Vec::with_capacity(capacity),
        checkpoint: None,
    };
    let mut i = 0;
    while i < size {
        let end = (i + CHUNK).min(size);
        log.entries.extend(store.entries(i, end)?);
        for j in i..end {
            log.leaves.push(store.node(0, j)?);
        }
        i = end;
    }
    log.checkpoint = store.checkpoint()?.map(|c| c.note);
    Ok(log)
}
