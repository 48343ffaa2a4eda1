//! Trees that hold their nodes: the [`Frontier`] (the right edge, enough to append and to
//! compute the root) and the [`MemoryTree`] (every perfect node in memory, for proofs).

use super::*;

/// The right edge of a tree: the roots of its perfect subtrees, largest first (a compact range
/// over `[0, size)`). Enough to append in O(log n) and to compute the root.
///
/// There is one hash per set bit of `size`: bit `l` set means a perfect subtree of `2^l`
/// leaves, and the subtrees sit side by side from leaf 0 in decreasing size.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Frontier {
    size: u64,
    hashes: Vec<Hash>,
}

impl Frontier {
    /// The frontier of the empty tree.
    pub fn new() -> Self {
        Self::default()
    }

    /// Rebuilds the frontier of the tree of `size` leaves from storage: one lookup per set bit
    /// of `size`.
    pub fn from_nodes<N: Nodes>(nodes: &N, size: u64) -> Result<Self, TreeError<N::Error>> {
        let mut hashes = Vec::with_capacity(size.count_ones() as usize);
        let mut offset = 0u64;
        for level in (0..64u8).rev() {
            let width = 1u64 << level;
            if size & width != 0 {
                hashes.push(
                    nodes
                        .perfect(level, offset >> level)
                        .map_err(TreeError::Node)?,
                );
                offset += width;
            }
        }
        Ok(Self { size, hashes })
    }

    pub fn size(&self) -> u64 {
        self.size
    }

    /// The roots of the perfect subtrees, largest first.
    pub fn hashes(&self) -> &[Hash] {
        &self.hashes
    }

    /// The tree's root (RFC 6962 `MTH`): the subtree roots folded from the right.
    pub fn root(&self) -> Hash {
        let mut iter = self.hashes.iter().rev();
        let Some(last) = iter.next() else {
            return empty_root();
        };
        iter.fold(*last, |acc, left| node_hash(left, &acc))
    }

    /// Appends a leaf hash; returns every perfect node that now exists and did not before, as
    /// `(level, index, hash)` — the leaf itself at level 0 first — so a store can persist them.
    ///
    /// The new leaf merges with equal-sized subtrees on the edge, one per trailing one-bit of
    /// the old size, like carrying in binary addition.
    pub fn append(&mut self, leaf: Hash) -> Vec<(u8, u64, Hash)> {
        let index = self.size;
        let carries = index.trailing_ones();
        let mut created = Vec::with_capacity(carries as usize + 1);
        created.push((0, index, leaf));
        let mut hash = leaf;
        for level in 1..=carries {
            // One hash per set bit of `size`, and each carry consumes one of them, so `pop`
            // cannot come back empty.
            let Some(left) = self.hashes.pop() else {
                break;
            };
            hash = node_hash(&left, &hash);
            // `level` reaches 64 only for a log of 2^64 - 1 leaves; `checked_shr` keeps even
            // that from being an overflowing shift.
            created.push((level as u8, index.checked_shr(level).unwrap_or(0), hash));
        }
        self.hashes.push(hash);
        self.size += 1;
        created
    }
}

/// The error of [`MemoryTree`]'s [`Nodes`] implementation: the requested perfect node does not
/// exist in the tree (yet).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the tree has no perfect node at level {level}, index {index}")]
pub struct MissingNode {
    pub level: u8,
    pub index: u64,
}

/// An in-memory tree keeping every perfect node (`levels[l]` holds the complete nodes of level
/// `l`, left to right): implements [`Nodes`], appends in amortised O(1) hashes (O(log n) worst
/// case), about two hashes of memory per leaf. Used by tests, benchmarks and the server's cache.
///
/// Asking it for a node that does not exist (not yet complete, or beyond the end) is an error,
/// [`MissingNode`], so asking for a root or proof beyond [`MemoryTree::size`] fails as
/// [`TreeError::Node`] instead of returning anything made up.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemoryTree {
    levels: Vec<Vec<Hash>>,
}

impl MemoryTree {
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of leaves.
    pub fn size(&self) -> u64 {
        self.levels.first().map_or(0, |leaves| leaves.len() as u64)
    }

    /// Appends a leaf hash and returns its index.
    pub fn push(&mut self, leaf: Hash) -> u64 {
        let index = self.size();
        let mut hash = leaf;
        let mut level = 0;
        loop {
            if self.levels.len() <= level {
                self.levels.push(Vec::new());
            }
            let Some(row) = self.levels.get_mut(level) else {
                break;
            };
            row.push(hash);
            // A node completes its parent when it is a right child (odd position).
            if row.len() % 2 != 0 {
                break;
            }
            let (Some(left), Some(right)) = (row.get(row.len() - 2), row.last()) else {
                break;
            };
            hash = node_hash(left, right);
            level += 1;
        }
        index
    }

    /// The root of the whole tree: the last node of every level with an odd count is one of
    /// the frontier's perfect subtrees.
    pub fn root(&self) -> Hash {
        let mut acc: Option<Hash> = None;
        for row in &self.levels {
            if row.len() % 2 == 0 {
                continue;
            }
            if let Some(h) = row.last() {
                acc = Some(match acc {
                    None => *h,
                    Some(right) => node_hash(h, &right),
                });
            }
        }
        acc.unwrap_or_else(empty_root)
    }
}

impl Nodes for MemoryTree {
    type Error = MissingNode;

    fn perfect(&self, level: u8, index: u64) -> Result<Hash, MissingNode> {
        usize::try_from(index)
            .ok()
            .and_then(|i| self.levels.get(usize::from(level))?.get(i))
            .copied()
            .ok_or(MissingNode { level, index })
    }
}
