//! Tests of the Merkle tree: shared helpers, hashing basics and argument errors here; the
//! published vectors in `vectors`, the properties against a naive tree in `properties`.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use proptest::prelude::*;
use serde_json::Value;

use super::*;

mod properties;
mod vectors;

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/vectors")
}

fn read_json(path: &Path) -> Value {
    let text =
        fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every `.json` file under `dir`, recursively, sorted.
fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let entries =
        fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            out.extend(json_files(&path));
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn b64(v: &Value) -> Vec<u8> {
    B64.decode(v.as_str().expect("base64 string"))
        .expect("valid base64")
}

/// A list of base64 values; JSON `null` is the empty list.
fn b64_list(v: &Value) -> Vec<Vec<u8>> {
    match v {
        Value::Null => Vec::new(),
        Value::Array(items) => items.iter().map(b64).collect(),
        other => panic!("not a list: {other}"),
    }
}

fn to_hash(raw: &[u8]) -> Option<Hash> {
    raw.try_into().ok()
}

fn hash32(v: &Value) -> Hash {
    to_hash(&b64(v)).expect("a 32-byte hash")
}

fn u64_of(v: &Value) -> u64 {
    v.as_u64().expect("an unsigned integer")
}

fn unhex(s: &str) -> Vec<u8> {
    assert!(s.len() % 2 == 0, "odd hex length");
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect()
}

fn unhex32(s: &str) -> Hash {
    to_hash(&unhex(s)).expect("32 bytes")
}

/// RFC 6962 `MTH`, straight from the definition.
fn naive_root(leaves: &[Hash]) -> Hash {
    match leaves.len() {
        0 => empty_root(),
        1 => leaves[0],
        n => {
            let k = split(n as u64) as usize;
            node_hash(&naive_root(&leaves[..k]), &naive_root(&leaves[k..]))
        }
    }
}

/// RFC 6962 `PATH(m, D[n])`, straight from the definition.
fn naive_path(m: usize, leaves: &[Hash]) -> Vec<Hash> {
    let n = leaves.len();
    if n <= 1 {
        return Vec::new();
    }
    let k = split(n as u64) as usize;
    let (mut path, sibling) = if m < k {
        (naive_path(m, &leaves[..k]), naive_root(&leaves[k..]))
    } else {
        (naive_path(m - k, &leaves[k..]), naive_root(&leaves[..k]))
    };
    path.push(sibling);
    path
}

/// RFC 6962 `SUBPROOF(m, D[n], b)`, straight from the definition.
fn naive_subproof(m: usize, leaves: &[Hash], b: bool) -> Vec<Hash> {
    let n = leaves.len();
    if m == n {
        return if b {
            Vec::new()
        } else {
            vec![naive_root(leaves)]
        };
    }
    let k = split(n as u64) as usize;
    let (mut proof, sibling) = if m <= k {
        (naive_subproof(m, &leaves[..k], b), naive_root(&leaves[k..]))
    } else {
        (
            naive_subproof(m - k, &leaves[k..], false),
            naive_root(&leaves[..k]),
        )
    };
    proof.push(sibling);
    proof
}

/// Which side each inclusion-proof sibling is on (true = left), lowest first: all that an
/// inclusion proof binds besides the hashes.
fn path_shape(m: u64, n: u64) -> Vec<bool> {
    if n <= 1 {
        return Vec::new();
    }
    let k = split(n);
    let mut shape = if m < k {
        path_shape(m, k)
    } else {
        path_shape(m - k, n - k)
    };
    shape.push(m >= k);
    shape
}

/// The shape of `SUBPROOF(m, D[n], true)` (`0 < m < n`), lowest first: 0 for the seed
/// subtree hash (present unless the old tree is perfect), 1 for a right sibling, 2 for a
/// left one. The verifier's computation depends on nothing else.
fn consistency_shape(m: u64, n: u64) -> Vec<u8> {
    fn sub(m: u64, n: u64, b: bool) -> Vec<u8> {
        if m == n {
            return if b { Vec::new() } else { vec![0] };
        }
        let k = split(n);
        let mut shape = if m <= k {
            sub(m, k, b)
        } else {
            sub(m - k, n - k, false)
        };
        shape.push(if m <= k { 1 } else { 2 });
        shape
    }
    sub(m, n, true)
}

fn test_leaves(n: usize) -> Vec<Hash> {
    (0..n as u64).map(|i| leaf_hash(&i.to_le_bytes())).collect()
}

fn tree_of(leaves: &[Hash]) -> MemoryTree {
    let mut tree = MemoryTree::new();
    for leaf in leaves {
        tree.push(*leaf);
    }
    tree
}

/// Leaves, their tree, and the naive root of every prefix (`roots[s]` for size `s`).
struct Fixture {
    leaves: Vec<Hash>,
    tree: MemoryTree,
    roots: Vec<Hash>,
}

impl Fixture {
    fn new(n: usize) -> Self {
        let leaves = test_leaves(n);
        let tree = tree_of(&leaves);
        let roots = (0..=n).map(|s| naive_root(&leaves[..s])).collect();
        Self {
            leaves,
            tree,
            roots,
        }
    }
}

fn flip(hash: &Hash, bit: usize) -> Hash {
    let mut h = *hash;
    h[(bit / 8) % 32] ^= 1 << (bit % 8);
    h
}

const TD: &str = "transparency-dev-merkle/testdata";

// ---- hashing basics --------------------------------------------------------------------

#[test]
fn rfc6962_hashing() {
    // SHA-256("") and the RFC 6962 test tree's first leaf hash (leaf data "").
    assert_eq!(
        empty_root(),
        unhex32("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    );
    assert_eq!(
        leaf_hash(b""),
        unhex32("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d")
    );
    let (a, b) = (leaf_hash(b"a"), leaf_hash(b"b"));
    let mut concat = vec![0x01];
    concat.extend_from_slice(&a);
    concat.extend_from_slice(&b);
    let direct: Hash = Sha256::digest(&concat).into();
    assert_eq!(node_hash(&a, &b), direct);
    assert_ne!(node_hash(&a, &b), node_hash(&b, &a));
}

// ---- argument errors -------------------------------------------------------------------

#[test]
fn bad_arguments_are_typed_errors() {
    let tree = tree_of(&test_leaves(6));
    assert_eq!(
        inclusion_proof(&tree, 0, 0),
        Err(TreeError::IndexOutOfRange { index: 0, size: 0 })
    );
    assert_eq!(
        inclusion_proof(&tree, 6, 6),
        Err(TreeError::IndexOutOfRange { index: 6, size: 6 })
    );
    assert_eq!(
        consistency_proof(&tree, 5, 4),
        Err(TreeError::SizesDecrease {
            old_size: 5,
            new_size: 4
        })
    );
    assert_eq!(
        range_hash(&tree, 3, 3),
        Err(TreeError::EmptyRange { start: 3, end: 3 })
    );
    assert_eq!(
        range_hash(&tree, 1, 4),
        Err(TreeError::UnalignedRange { start: 1, end: 4 })
    );
    // Any two adjacent leaves are a node of some RFC 6962 tree (the one starting there).
    assert_eq!(
        range_hash(&tree, 1, 3),
        Ok(node_hash(
            &leaf_hash(&1u64.to_le_bytes()),
            &leaf_hash(&2u64.to_le_bytes())
        ))
    );
    assert_eq!(
        range_hash(&tree, 4, 6),
        Ok(node_hash(
            &leaf_hash(&4u64.to_le_bytes()),
            &leaf_hash(&5u64.to_le_bytes())
        ))
    );
    // Beyond the stored tree: the source's own error, never a made-up hash.
    assert_eq!(
        root(&tree, 7),
        Err(TreeError::Node(MissingNode { level: 0, index: 6 }))
    );
    assert_eq!(
        Frontier::from_nodes(&tree, 8),
        Err(TreeError::Node(MissingNode { level: 3, index: 0 }))
    );
    assert!(inclusion_proof(&tree, 0, 9).is_err());
    assert!(consistency_proof(&tree, 3, 9).is_err());
    assert_eq!(consistency_proof(&tree, 0, 6), Ok(Vec::new()));
    assert_eq!(consistency_proof(&tree, 6, 6), Ok(Vec::new()));

    let r = tree.root();
    let e = empty_root();
    assert_eq!(
        verify_inclusion(&r, 0, 0, &[], &r),
        Err(ProofError::IndexOutOfRange { index: 0, size: 0 })
    );
    assert_eq!(
        verify_consistency(2, 1, &r, &r, &[]),
        Err(ProofError::SizesDecrease {
            old_size: 2,
            new_size: 1
        })
    );
    assert_eq!(
        verify_consistency(3, 3, &r, &e, &[]),
        Err(ProofError::SameSizeDifferentRoots { size: 3 })
    );
    assert_eq!(
        verify_consistency(3, 3, &r, &r, &[r]),
        Err(ProofError::WrongProofLength { got: 1, want: 0 })
    );
    // Size 0: the empty proof, from the empty tree's root, to anything.
    assert_eq!(verify_consistency(0, 6, &e, &r, &[]), Ok(()));
    assert_eq!(verify_consistency(0, 0, &e, &e, &[]), Ok(()));
    assert_eq!(
        verify_consistency(0, 6, &e, &r, &[r]),
        Err(ProofError::WrongProofLength { got: 1, want: 0 })
    );
    assert_eq!(
        verify_consistency(0, 6, &r, &r, &[]),
        Err(ProofError::OldRootMismatch)
    );
    assert_eq!(
        verify_consistency(0, 0, &e, &r, &[]),
        Err(ProofError::NewRootMismatch)
    );
    assert_eq!(
        verify_consistency(1, 6, &r, &r, &[]),
        Err(ProofError::WrongProofLength { got: 0, want: 3 })
    );
}

#[test]
fn huge_sizes_do_not_overflow() {
    // Lengths and verification near u64::MAX (no tree needed to refuse a bad proof).
    let h = leaf_hash(b"x");
    assert!(verify_inclusion(&h, u64::MAX - 1, u64::MAX, &[h; 3], &h).is_err());
    assert!(verify_inclusion(&h, 0, u64::MAX, &[h; 64], &h).is_err());
    assert!(verify_consistency(u64::MAX - 1, u64::MAX, &h, &h, &[h; 2]).is_err());
    assert!(verify_consistency(1, u64::MAX, &h, &h, &[h; 64]).is_err());
    assert_eq!(inclusion_proof_len(0, u64::MAX), 64);
    assert_eq!(inclusion_proof_len(u64::MAX - 1, u64::MAX), 63);
}
