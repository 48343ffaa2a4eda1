//! Properties: every proof of every small tree, random proofs of a big one, and the frontier
//! agreeing with the in-memory tree.

use super::*;

// ---- properties ------------------------------------------------------------------------

/// Checks one inclusion proof thoroughly: equal to the RFC definition, verifies, and every
/// mutation is refused.
fn check_inclusion(tree: &Fixture, index: u64, size: u64, bit: usize) {
    let Fixture {
        leaves,
        tree,
        roots,
    } = tree;
    let n = size as usize;
    let proof = inclusion_proof(tree, index, size).expect("proof");
    assert_eq!(proof, naive_path(index as usize, &leaves[..n]));
    let root = roots[n];
    let leaf = leaves[index as usize];
    assert_eq!(verify_inclusion(&leaf, index, size, &proof, &root), Ok(()));
    assert_eq!(
        verify_inclusion(&flip(&leaf, bit), index, size, &proof, &root),
        Err(ProofError::RootMismatch)
    );
    assert_eq!(
        verify_inclusion(&leaf, index, size, &proof, &flip(&root, bit)),
        Err(ProofError::RootMismatch)
    );
    for i in 0..proof.len() {
        let mut bad = proof.clone();
        bad[i] = flip(&bad[i], bit + i);
        assert!(verify_inclusion(&leaf, index, size, &bad, &root).is_err());
    }
    let mut longer = proof.clone();
    longer.push(leaf);
    assert!(verify_inclusion(&leaf, index, size, &longer, &root).is_err());
    if !proof.is_empty() {
        assert!(verify_inclusion(&leaf, index, size, &proof[1..], &root).is_err());
    }
    // Another leaf position in the same tree is always refused.
    for other in [index ^ 1, index.wrapping_sub(1), index + 1, size] {
        if other != index {
            assert!(verify_inclusion(&leaf, other, size, &proof, &root).is_err());
        }
    }
    // Another size: the proof binds the *shape* of the path (sibling sides), so it verifies
    // exactly when that shape is the same (then the root is what tells the trees apart).
    for other in [size - 1, size + 1, size * 2, size.div_ceil(2)] {
        if other != size {
            let same_shape = other > index && path_shape(index, other) == path_shape(index, size);
            assert_eq!(
                verify_inclusion(&leaf, index, other, &proof, &root).is_ok(),
                same_shape,
                "index {index}: size {size} proof checked as size {other}"
            );
        }
    }
}

/// Checks one consistency proof thoroughly, like `check_inclusion`.
fn check_consistency(tree: &Fixture, old: u64, new: u64, bit: usize) {
    let Fixture {
        leaves,
        tree,
        roots,
    } = tree;
    let proof = consistency_proof(tree, old, new).expect("proof");
    let expected = if old == 0 {
        Vec::new()
    } else {
        naive_subproof(old as usize, &leaves[..new as usize], true)
    };
    assert_eq!(proof, expected, "{old} -> {new}");
    let (old_root, new_root) = (roots[old as usize], roots[new as usize]);
    assert_eq!(
        verify_consistency(old, new, &old_root, &new_root, &proof),
        Ok(())
    );
    assert!(verify_consistency(old, new, &flip(&old_root, bit), &new_root, &proof).is_err());
    if old > 0 || new == 0 {
        assert!(verify_consistency(old, new, &old_root, &flip(&new_root, bit), &proof).is_err());
    }
    for i in 0..proof.len() {
        let mut bad = proof.clone();
        bad[i] = flip(&bad[i], bit + i);
        assert!(verify_consistency(old, new, &old_root, &new_root, &bad).is_err());
    }
    let mut longer = proof.clone();
    longer.push(old_root);
    assert!(verify_consistency(old, new, &old_root, &new_root, &longer).is_err());
    if !proof.is_empty() {
        assert!(verify_consistency(old, new, &old_root, &new_root, &proof[1..]).is_err());
    }
    // Other sizes: like an inclusion proof, a consistency proof binds only the shape of
    // what it proves (seed or not, sibling sides), so it verifies exactly when the shape
    // is the same. Only meaningful for non-empty proofs.
    if old > 0 && old < new {
        let shape = consistency_shape(old, new);
        let others = [
            (old - 1, new),
            (old + 1, new),
            (old * 2, new),
            (old, new - 1),
            (old, new + 1),
            (old, new * 2),
            (old + 1, new + 1),
        ];
        for (o, n) in others {
            if o == 0 || o >= n || (o, n) == (old, new) {
                continue;
            }
            assert_eq!(
                verify_consistency(o, n, &old_root, &new_root, &proof).is_ok(),
                consistency_shape(o, n) == shape,
                "{old} -> {new} proof checked as {o} -> {n}"
            );
        }
    }
}

#[test]
fn every_proof_of_every_tree_up_to_40_leaves() {
    let fixture = Fixture::new(40);
    for size in 1..=40u64 {
        for index in 0..size {
            check_inclusion(&fixture, index, size, (size * 7 + index) as usize);
        }
    }
    for new in 0..=40u64 {
        for old in 0..=new {
            check_consistency(&fixture, old, new, (new * 5 + old) as usize);
        }
    }
}

const BIG: usize = 300;

fn big() -> &'static Fixture {
    static BIG_TREE: OnceLock<Fixture> = OnceLock::new();
    BIG_TREE.get_or_init(|| Fixture::new(BIG))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn random_inclusion_proofs(
        (size, index) in (1..=BIG as u64).prop_flat_map(|n| (Just(n), 0..n)),
        bit in 0..256usize,
    ) {
        check_inclusion(big(), index, size, bit);
    }

    #[test]
    fn random_consistency_proofs(
        (new, old) in (0..=BIG as u64).prop_flat_map(|n| (Just(n), 0..=n)),
        bit in 0..256usize,
    ) {
        check_consistency(big(), old, new, bit);
    }
}

/// Frontier, MemoryTree, the `Nodes`-based functions and the naive definition agree at
/// every size up to 300, and `append` reports exactly the perfect nodes that appeared.
#[test]
fn frontier_and_memory_tree_agree() {
    let leaves = test_leaves(BIG);
    let mut tree = MemoryTree::new();
    let mut frontier = Frontier::new();
    assert_eq!(frontier.root(), empty_root());
    assert_eq!(tree.root(), empty_root());
    assert_eq!(Frontier::from_nodes(&tree, 0), Ok(Frontier::new()));
    let mut roots = vec![empty_root()];
    for (i, leaf) in leaves.iter().enumerate() {
        let n = i as u64;
        let created = frontier.append(*leaf);
        assert_eq!(tree.push(*leaf), n);
        let size = n + 1;
        assert_eq!(tree.size(), size);
        assert_eq!(frontier.size(), size);
        let mut expected = Vec::new();
        for level in 0..64u8 {
            for index in (n >> level)..(size >> level) {
                expected.push((level, index, tree.perfect(level, index).expect("node")));
            }
        }
        assert_eq!(created, expected, "nodes created by leaf {n}");
        let want = naive_root(&leaves[..=i]);
        assert_eq!(frontier.root(), want);
        assert_eq!(tree.root(), want);
        assert_eq!(root(&tree, size), Ok(want));
        assert_eq!(Frontier::from_nodes(&tree, size), Ok(frontier.clone()));
        assert_eq!(frontier.hashes().len(), size.count_ones() as usize);
        roots.push(want);
    }
    // Earlier sizes are still served from the grown tree.
    for (size, want) in roots.iter().enumerate() {
        assert_eq!(root(&tree, size as u64), Ok(*want));
    }
}
