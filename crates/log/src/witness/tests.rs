//! The witness protocol's decisions: the specification's example request reads, consistent
//! checkpoints are cosigned (and the cosignature verifies), and every refusal the protocol names
//! comes with its status: unknown origin 404, unsigned 403, old size above the new 400, a stale
//! old size 409 with the size cosigned, a fork or bad proof 422, never cosigned.

use std::collections::BTreeMap;

use super::*;
use crate::keys::Alg;
use crate::merkle::{MemoryTree, consistency_proof, leaf_hash};
use crate::note::{Checkpoint, sign_checkpoint, verify_cosignature};

const SPEC_EXAMPLE: &str = "old 20852014\n\
PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=\n\
jrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=\n\
5+pKlUdi2LeF/BcMHBn+Ku6yhPGNCswZZD1X/6QgPd8=\n\
/6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=\n\
\n\
example.com/behind-the-sofa\n\
20852163\n\
CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\
\n\
— example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n";

struct Log {
    key: SignerKey,
    tree: MemoryTree,
}

impl Log {
    fn new(origin: &str) -> Self {
        Self {
            key: SignerKey::from_seed(origin, Alg::Ed25519, &[7; 32]).unwrap(),
            tree: MemoryTree::new(),
        }
    }

    fn grow(&mut self, n: u64) {
        for _ in 0..n {
            let i = self.tree.size();
            self.tree.push(leaf_hash(format!("entry {i}").as_bytes()));
        }
    }

    fn checkpoint(&self) -> String {
        let cp = Checkpoint {
            origin: self.key.name().to_owned(),
            size: self.tree.size(),
            root: self.tree.root(),
            extensions: Vec::new(),
        };
        sign_checkpoint(&cp, &self.key).unwrap()
    }

    fn request(&self, old: u64) -> AddCheckpoint {
        let proof = if old == 0 {
            Vec::new()
        } else {
            consistency_proof(&self.tree, old, self.tree.size()).unwrap()
        };
        AddCheckpoint {
            old_size: old,
            proof,
            checkpoint: self.checkpoint(),
        }
    }
}

fn witness(log: &Log) -> Witness {
    let key = SignerKey::from_seed("witness.example/w1", Alg::CosignatureV1, &[9; 32]).unwrap();
    Witness::new(key, vec![log.key.verifier()])
}

#[test]
fn the_specification_s_example_request_reads() {
    let r = parse_add_checkpoint(SPEC_EXAMPLE).unwrap();
    assert_eq!(r.old_size, 20_852_014);
    assert_eq!(r.proof.len(), 4);
    assert!(
        r.checkpoint
            .starts_with("example.com/behind-the-sofa\n20852163\n")
    );
    // Its origin is not one this witness follows.
    let log = Log::new("log.example/snapback");
    let mut state = BTreeMap::new();
    let refusal = witness(&log).add_checkpoint(&r, &mut state, 1).unwrap_err();
    assert_eq!(refusal.status(), 404, "{refusal}");
}

#[test]
fn malformed_bodies_are_bad_requests() {
    for body in [
        "",
        "old 5",
        "new 5\n\n",
        "old 05\n\n",
        "old -1\n\n",
        "old 1\nnot base64!\n\n",
        "old 1\nAAAA\n\n",
        "old 1\n",
    ] {
        let refusal = parse_add_checkpoint(body).unwrap_err();
        assert_eq!(refusal.status(), 400, "{body:?}: {refusal}");
    }
    let too_long = format!(
        "old 1\n{}\n",
        "PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=\n".repeat(64)
    );
    assert_eq!(parse_add_checkpoint(&too_long).unwrap_err().status(), 400);
}

#[test]
fn consistent_checkpoints_are_cosigned_in_turn() {
    let mut log = Log::new("log.example/snapback");
    let w = witness(&log);
    let mut state = BTreeMap::new();
    log.grow(5);
    let sig = w
        .add_checkpoint(&log.request(0), &mut state, 1_767_225_600)
        .unwrap();
    let (cp, _) = open_checkpoint(&log.checkpoint(), &log.key.verifier()).unwrap();
    assert_eq!(
        verify_cosignature(&cp, &sig, &w.verifier()).unwrap(),
        1_767_225_600
    );
    assert_eq!(state["log.example/snapback"].size, 5);
    for grow in [1, 2, 10, 0, 17] {
        let old = log.tree.size();
        log.grow(grow);
        let request = log.request(old);
        w.add_checkpoint(&request, &mut state, 1_767_225_601)
            .unwrap_or_else(|e| panic!("{old} → {}: {e}", log.tree.size()));
        assert_eq!(state["log.example/snapback"].size, log.tree.size());
    }
}

#[test]
fn a_stale_old_size_is_a_conflict_naming_the_size_cosigned() {
    let mut log = Log::new("log.example/snapback");
    let w = witness(&log);
    let mut state = BTreeMap::new();
    log.grow(4);
    w.add_checkpoint(&log.request(0), &mut state, 1).unwrap();
    log.grow(3);
    // A client that lost track asks with old size 0, or a rolled-back size.
    for old in [0, 2] {
        let mut request = log.request(0);
        request.old_size = old;
        if old > 0 {
            request.proof = consistency_proof(&log.tree, old, log.tree.size()).unwrap();
        }
        let refusal = w.add_checkpoint(&request, &mut state, 1).unwrap_err();
        assert_eq!(refusal, Refusal::Conflict { latest: 4 });
        assert_eq!(refusal.status(), 409);
    }
    assert_eq!(
        state["log.example/snapback"].size, 4,
        "a refusal changes nothing"
    );
}

#[test]
fn a_fork_is_refused_and_never_cosigned() {
    let mut log = Log::new("log.example/snapback");
    let w = witness(&log);
    let mut state = BTreeMap::new();
    log.grow(6);
    w.add_checkpoint(&log.request(0), &mut state, 1).unwrap();
    // The same key signs another history of the same size: a fork.
    let mut other = Log::new("log.example/snapback");
    for i in 0..6 {
        other.tree.push(leaf_hash(format!("forged {i}").as_bytes()));
    }
    let refusal = w.add_checkpoint(&other.request(0), &mut state, 1);
    assert_eq!(refusal.unwrap_err().status(), 409, "old size 0 is stale");
    let mut same_size = other.request(0);
    same_size.old_size = 6;
    let refusal = w.add_checkpoint(&same_size, &mut state, 1).unwrap_err();
    assert_eq!(refusal.status(), 422, "{refusal}");
    assert!(refusal.is_fork());
    // A longer forged history with a proof from its own size 6 does not connect either.
    other.grow(4);
    let refusal = w
        .add_checkpoint(&other.request(6), &mut state, 1)
        .unwrap_err();
    assert_eq!(refusal.status(), 422, "{refusal}");
    assert_eq!(state["log.example/snapback"].root, log.tree.root());
}

#[test]
fn old_above_new_is_a_bad_request_and_a_bad_signature_forbidden() {
    let mut log = Log::new("log.example/snapback");
    let w = witness(&log);
    let mut state = BTreeMap::new();
    log.grow(3);
    let mut request = log.request(0);
    request.old_size = 9;
    assert_eq!(
        w.add_checkpoint(&request, &mut state, 1)
            .unwrap_err()
            .status(),
        400
    );
    // Signed by another key under the log's name: forged.
    let impostor = SignerKey::from_seed("log.example/snapback", Alg::Ed25519, &[8; 32]).unwrap();
    let forged = Log {
        key: impostor,
        tree: log.tree.clone(),
    };
    let refusal = w
        .add_checkpoint(&forged.request(0), &mut state, 1)
        .unwrap_err();
    assert_eq!(refusal.status(), 403, "{refusal}");
    // A tree of size zero must have the empty root.
    let empty = Log::new("log.example/snapback");
    assert!(w.add_checkpoint(&empty.request(0), &mut state, 1).is_ok());
    assert!(state.is_empty() || state["log.example/snapback"].size == 0);
}

/// The log's side writes what the witness's side reads: the specification's example goes round
/// the trip byte for byte.
#[test]
fn a_formatted_request_reads_back_as_written() {
    let request = parse_add_checkpoint(SPEC_EXAMPLE).unwrap();
    assert_eq!(format_add_checkpoint(&request), SPEC_EXAMPLE);
    let empty = AddCheckpoint {
        old_size: 0,
        proof: Vec::new(),
        checkpoint: "origin\n0\nroot\n\n\u{2014} origin sig\n".to_owned(),
    };
    assert_eq!(
        parse_add_checkpoint(&format_add_checkpoint(&empty)).unwrap(),
        empty
    );
}
