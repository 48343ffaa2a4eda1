//! The RFC 6962 / RFC 9162 Merkle tree: hashes, roots, inclusion and consistency proofs.
//!
//! * **Hashing** is RFC 6962's: SHA-256, a leaf hash is `SHA-256(0x00 || data)`, an interior node
//!   is `SHA-256(0x01 || left || right)`, and the empty tree's root is `SHA-256("")`. The two
//!   prefixes keep a leaf from ever being passed off as an interior node (second preimages).
//! * **Shape**: the tree over `n` leaves splits at the largest power of two `k < n` (RFC 6962
//!   section 2.1, `MTH`). So every node of every tree size is either a *perfect* subtree (a
//!   complete binary tree over `2^level` leaves starting at a multiple of `2^level`) or lies on
//!   the tree's right edge, and edge nodes are computed from a few perfect ones. Storage
//!   ([`Nodes`]) therefore only ever holds perfect nodes: they never change once they exist,
//!   whatever the log grows to.
//! * **Proofs** are exactly RFC 6962's `PATH` and `PROOF`/`SUBPROOF`, and the verifiers are the
//!   algorithms of RFC 9162 sections 2.1.3.2 and 2.1.4.2, so our proofs interoperate with every
//!   other CT / tlog implementation and the published test vectors.
//!
//! ## Edge cases, decided here
//!
//! * **Consistency from size 0.** A consistency proof from the empty tree is the *empty proof*
//!   (the project's design rule, as in the C2SP tlog-witness spec): every tree extends the
//!   empty tree, so there is nothing to prove. [`consistency_proof`]`(_, 0, n)` returns `[]`,
//!   and [`verify_consistency`]`(0, n, old_root, new_root, proof)` succeeds iff `proof` is empty
//!   and `old_root` is [`empty_root`]: the root of the empty tree is fixed, so an "old root" of
//!   size 0 that is anything else is a false claim (the rgdd/CCTV vectors list exactly that,
//!   `0 -> 1` with a one-leaf root as the old root, as invalid). For `n > 0` nothing can be
//!   checked about `new_root`. transparency-dev/merkle instead makes `size1 = 0, size2 > 0`
//!   *always* an error (its CHANGELOG: "consistency proofs from size1 = 0 to size2 != 0 now
//!   always fail"), so one of its vectors disagrees with us on purpose (see the tests).
//! * **Equal sizes.** For `old_size == new_size` the proof is empty and the roots must be equal
//!   (and, at size 0, equal to [`empty_root`]).
//! * **Inclusion in the empty tree** is impossible: every index is out of range.
//! * **Missing nodes.** A [`Nodes`] source reports a node it does not have through its own error
//!   type, which reaches the caller as [`TreeError::Node`]. [`MemoryTree`] uses [`MissingNode`].

use sha2::{Digest, Sha256};

/// A SHA-256 node hash.
pub type Hash = [u8; 32];

/// The RFC 6962 leaf hash: `SHA-256(0x00 || data)`.
pub fn leaf_hash(data: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update([0x00]);
    h.update(data);
    h.finalize().into()
}

/// The RFC 6962 interior node hash: `SHA-256(0x01 || left || right)`.
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update([0x01]);
    h.update(left);
    h.update(right);
    h.finalize().into()
}

/// The root of the empty tree: `SHA-256("")` (RFC 6962 `MTH({})`).
pub fn empty_root() -> Hash {
    Sha256::digest([]).into()
}

/// Source of *perfect* subtree hashes: `perfect(level, index)` is the root of the complete
/// subtree over leaves `[index << level, (index + 1) << level)`. Level 0 = leaf hashes.
///
/// Implemented by an in-memory tree here ([`MemoryTree`]) and by a database table in another
/// crate. Perfect nodes are immutable once they exist, which is what makes them safe to store
/// and cache; a source asked for a node that does not exist (yet) must return an error, never a
/// made-up hash.
pub trait Nodes {
    type Error;
    fn perfect(&self, level: u8, index: u64) -> Result<Hash, Self::Error>;
}

/// Why a root or proof could not be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TreeError<E> {
    /// The node source failed, or does not have a node the computation needs.
    #[error("could not read a tree node: {0}")]
    Node(E),
    #[error("leaf index {index} is out of range for a tree of size {size}")]
    IndexOutOfRange { index: u64, size: u64 },
    #[error("the old size {old_size} is larger than the new size {new_size}")]
    SizesDecrease { old_size: u64, new_size: u64 },
    #[error("the leaf range [{start}, {end}) is empty")]
    EmptyRange { start: u64, end: u64 },
    /// Only ranges that are nodes of some RFC 6962 tree (see [`range_hash`]) can be hashed
    /// from perfect subtrees in O(log n) lookups.
    #[error("the leaf range [{start}, {end}) is not a node of an RFC 6962 tree")]
    UnalignedRange { start: u64, end: u64 },
}

/// Why a proof was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ProofError {
    #[error("leaf index {index} is out of range for a tree of size {size}")]
    IndexOutOfRange { index: u64, size: u64 },
    #[error("the old size {old_size} is larger than the new size {new_size}")]
    SizesDecrease { old_size: u64, new_size: u64 },
    #[error("the proof has {got} hashes; for these sizes it must have {want}")]
    WrongProofLength { got: usize, want: usize },
    #[error("the inclusion proof leads to a different root")]
    RootMismatch,
    #[error("the consistency proof does not lead to the old root")]
    OldRootMismatch,
    #[error("the consistency proof does not lead to the new root")]
    NewRootMismatch,
    #[error("two trees of the same size {size} have different roots")]
    SameSizeDifferentRoots { size: u64 },
}

/// The largest power of two strictly less than `n` (`n >= 2`): where RFC 6962 splits a tree.
fn split(n: u64) -> u64 {
    debug_assert!(n >= 2);
    1 << (63 - (n - 1).leading_zeros())
}

/// The exponent of a power of two as a tree level (always < 64, so it fits a `u8`).
fn level_of(power_of_two: u64) -> u8 {
    // trailing_zeros of a u64 is at most 64; the cast cannot truncate.
    power_of_two.trailing_zeros() as u8
}

/// Hash of the leaf range `[start, end)` (`end > start`), i.e. RFC 6962 `MTH(D[start:end])`,
/// computed from perfect subtrees with O(log n) lookups.
///
/// The range must be a node of some RFC 6962 tree: `start` must be a multiple of the largest
/// power of two below `end - start` (any single leaf qualifies). Every node proofs and roots
/// need is of this kind; for any other range the split points would not be perfect nodes of
/// the log, and the hash would cost O(n), so it is refused as [`TreeError::UnalignedRange`].
pub fn range_hash<N: Nodes>(nodes: &N, start: u64, end: u64) -> Result<Hash, TreeError<N::Error>> {
    if end <= start {
        return Err(TreeError::EmptyRange { start, end });
    }
    let len = end - start;
    if len >= 2 && start % split(len) != 0 {
        return Err(TreeError::UnalignedRange { start, end });
    }
    // Walk down the right edge: peel the perfect left half off until what is left is perfect,
    // then fold back up. The alignment check above keeps every piece aligned.
    let mut lefts = Vec::new();
    let mut lo = start;
    let mut acc = loop {
        let len = end - lo;
        if len.is_power_of_two() && lo % len == 0 {
            let level = level_of(len);
            break nodes.perfect(level, lo >> level).map_err(TreeError::Node)?;
        }
        let k = split(len);
        let level = level_of(k);
        lefts.push(nodes.perfect(level, lo >> level).map_err(TreeError::Node)?);
        lo += k;
    };
    for left in lefts.iter().rev() {
        acc = node_hash(left, &acc);
    }
    Ok(acc)
}

/// The root of the tree of the first `size` leaves; [`empty_root`] for 0.
pub fn root<N: Nodes>(nodes: &N, size: u64) -> Result<Hash, TreeError<N::Error>> {
    if size == 0 {
        return Ok(empty_root());
    }
    range_hash(nodes, 0, size)
}

/// The RFC 6962 inclusion proof (`PATH(index, D[0:size])`) of leaf `index` in the tree of
/// `size` leaves, lowest sibling first. O(log n) lookups.
pub fn inclusion_proof<N: Nodes>(
    nodes: &N,
    index: u64,
    size: u64,
) -> Result<Vec<Hash>, TreeError<N::Error>> {
    if index >= size {
        return Err(TreeError::IndexOutOfRange { index, size });
    }
    // Top-down: at each node [lo, hi) keep the half holding the leaf, record the other half.
    let mut path = Vec::new();
    let (mut lo, mut hi) = (0, size);
    while hi - lo > 1 {
        let mid = lo + split(hi - lo);
        if index < mid {
            path.push(range_hash(nodes, mid, hi)?);
            hi = mid;
        } else {
            path.push(range_hash(nodes, lo, mid)?);
            lo = mid;
        }
    }
    path.reverse();
    Ok(path)
}

/// The RFC 6962 consistency proof (`PROOF(old_size, D[0:new_size])`) between two sizes of the
/// same log, lowest node first. Empty when `old_size` is 0 or equals `new_size` (see the module
/// documentation). O(log n) lookups.
pub fn consistency_proof<N: Nodes>(
    nodes: &N,
    old_size: u64,
    new_size: u64,
) -> Result<Vec<Hash>, TreeError<N::Error>> {
    if old_size > new_size {
        return Err(TreeError::SizesDecrease { old_size, new_size });
    }
    if old_size == 0 || old_size == new_size {
        return Ok(Vec::new());
    }
    // SUBPROOF(m, D[lo:hi], b), top-down; `whole` is RFC 6962's `b`: true while the old tree is
    // still a left prefix of the current node, in which case the verifier already knows its
    // hash (the old root) and it is left out of the proof.
    let mut path = Vec::new();
    let (mut lo, mut hi) = (0, new_size);
    let mut whole = true;
    while old_size != hi {
        let mid = lo + split(hi - lo);
        if old_size <= mid {
            path.push(range_hash(nodes, mid, hi)?);
            hi = mid;
        } else {
            path.push(range_hash(nodes, lo, mid)?);
            lo = mid;
            whole = false;
        }
    }
    if !whole {
        path.push(range_hash(nodes, lo, hi)?);
    }
    path.reverse();
    Ok(path)
}

/// Number of bits needed to write `x` (0 for 0).
fn bit_len(x: u64) -> u32 {
    64 - x.leading_zeros()
}

/// Length of the inclusion proof of `index` in a tree of `size` (`index < size`): the levels
/// below the point where the paths to `index` and to the last leaf split, plus one left
/// sibling per set bit above it.
fn inclusion_proof_len(index: u64, size: u64) -> usize {
    let inner = bit_len(index ^ (size - 1));
    let border = index.checked_shr(inner).unwrap_or(0).count_ones();
    (inner + border) as usize
}

/// Length of the consistency proof between `0 < old_size < new_size`: the inclusion proof of
/// the old tree's last leaf, minus the levels inside the old tree's last perfect subtree, plus
/// that subtree's own hash unless it is the whole old tree (then the verifier has it already).
fn consistency_proof_len(old_size: u64, new_size: u64) -> usize {
    let last = old_size - 1;
    let inner = bit_len(last ^ (new_size - 1));
    let border = last.checked_shr(inner).unwrap_or(0).count_ones();
    let shift = old_size.trailing_zeros();
    let seed = u32::from(!old_size.is_power_of_two());
    // inner > shift whenever old_size < new_size, so this does not underflow.
    (inner.saturating_sub(shift) + border + seed) as usize
}

/// Verifies that `leaf` is the leaf hash at `index` in the tree of `size` leaves whose root is
/// `root` (RFC 9162 section 2.1.3.2).
pub fn verify_inclusion(
    leaf: &Hash,
    index: u64,
    size: u64,
    proof: &[Hash],
    root: &Hash,
) -> Result<(), ProofError> {
    if index >= size {
        return Err(ProofError::IndexOutOfRange { index, size });
    }
    let want = inclusion_proof_len(index, size);
    let wrong_length = ProofError::WrongProofLength {
        got: proof.len(),
        want,
    };
    if proof.len() != want {
        return Err(wrong_length);
    }
    // This walk and the one in `verify_consistency` are the RFC's two procedures written as the
    // RFC writes them, step for step (the same bit walk over `f` and `s`, one running hash here,
    // two there); kept apart so each can be read against its section of RFC 9162 and its
    // published vectors, rather than merged behind a flag.
    let (mut f, mut s) = (index, size - 1);
    let mut r = *leaf;
    for p in proof {
        if s == 0 {
            return Err(wrong_length);
        }
        if f & 1 == 1 || f == s {
            r = node_hash(p, &r);
            if f & 1 == 0 {
                while f & 1 == 0 && f != 0 {
                    f >>= 1;
                    s >>= 1;
                }
            }
        } else {
            r = node_hash(&r, p);
        }
        f >>= 1;
        s >>= 1;
    }
    if s != 0 {
        return Err(wrong_length);
    }
    if r != *root {
        return Err(ProofError::RootMismatch);
    }
    Ok(())
}

/// Verifies that the tree of `new_size` leaves with root `new_root` extends the tree of
/// `old_size` leaves with root `old_root` (RFC 9162 section 2.1.4.2). From size 0 the proof
/// must be empty and `old_root` must be [`empty_root`]; for equal sizes the proof must be empty
/// and the roots equal (see the module documentation).
pub fn verify_consistency(
    old_size: u64,
    new_size: u64,
    old_root: &Hash,
    new_root: &Hash,
    proof: &[Hash],
) -> Result<(), ProofError> {
    if old_size > new_size {
        return Err(ProofError::SizesDecrease { old_size, new_size });
    }
    if old_size == 0 || old_size == new_size {
        if !proof.is_empty() {
            return Err(ProofError::WrongProofLength {
                got: proof.len(),
                want: 0,
            });
        }
        if old_size == 0 {
            let empty = empty_root();
            if *old_root != empty {
                return Err(ProofError::OldRootMismatch);
            }
            if new_size == 0 && *new_root != empty {
                return Err(ProofError::NewRootMismatch);
            }
        } else if old_root != new_root {
            return Err(ProofError::SameSizeDifferentRoots { size: old_size });
        }
        return Ok(());
    }

    let want = consistency_proof_len(old_size, new_size);
    let wrong_length = ProofError::WrongProofLength {
        got: proof.len(),
        want,
    };
    if proof.len() != want {
        return Err(wrong_length);
    }
    // When the old tree is a perfect subtree its root is the first node of the path, and the
    // RFC prepends it; otherwise the proof starts with that subtree's hash.
    let (seed, rest) = if old_size.is_power_of_two() {
        (*old_root, proof)
    } else {
        match proof.split_first() {
            Some((first, rest)) => (*first, rest),
            None => return Err(wrong_length),
        }
    };
    let (mut f, mut s) = (old_size - 1, new_size - 1);
    while f & 1 == 1 {
        f >>= 1;
        s >>= 1;
    }
    let (mut fr, mut sr) = (seed, seed);
    for c in rest {
        if s == 0 {
            return Err(wrong_length);
        }
        if f & 1 == 1 || f == s {
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
            if f & 1 == 0 {
                while f & 1 == 0 && f != 0 {
                    f >>= 1;
                    s >>= 1;
                }
            }
        } else {
            sr = node_hash(&sr, c);
        }
        f >>= 1;
        s >>= 1;
    }
    if s != 0 {
        return Err(wrong_length);
    }
    if fr != *old_root {
        return Err(ProofError::OldRootMismatch);
    }
    if sr != *new_root {
        return Err(ProofError::NewRootMismatch);
    }
    Ok(())
}

mod tree;

pub use tree::{Frontier, MemoryTree, MissingNode};

#[cfg(test)]
mod tests;
