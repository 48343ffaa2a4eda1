//! Witnesses, run by the real pure witness logic ([`snapback_log::witness::Witness`]): after a
//! commit the leader offers the latest checkpoint with a consistency proof from the size it
//! believes each witness cosigned last (learning the right size from a 409); a cosignature is
//! recorded in the log by the real `snapback_ledger::cosign::record` (the stored note gains the
//! witness's line), and what the witnesses cosign is kept for the checkpoint invariant. A witness
//! never crashes here: its state is what it persisted.

use std::collections::BTreeMap;

use snapback_ledger::cosign::record;
use snapback_ledger::proofs::consistency;
use snapback_log::keys::SignerKey;
use snapback_log::merkle::Hash;
use snapback_log::note::{Note, NoteSignature, format_note, open_checkpoint, parse_note};
use snapback_log::witness::{AddCheckpoint, Cosigned, Refusal, Witness};
use snapback_store::Store;

use crate::check::Invariant;
use crate::net::Endpoint;
use crate::node::Leader;
use crate::world::World;

#[derive(Debug)]
pub struct SimWitness {
    witness: Witness,
    state: BTreeMap<String, Cosigned>,
    /// Every (size, root) it cosigned, in order.
    pub cosigned: Vec<(u64, Hash)>,
}

impl SimWitness {
    pub fn new(key: SignerKey, log: &SignerKey) -> Self {
        Self {
            witness: Witness::new(key, vec![log.verifier()]),
            state: BTreeMap::new(),
            cosigned: Vec::new(),
        }
    }
}

impl World {
    /// Offers the leader's latest checkpoint to every witness it can reach.
    pub(crate) fn offer_checkpoint(&mut self, i: usize, l: &mut Leader) {
        let id = self.nodes[i].id;
        let Ok(Some(stored)) = l.ledger.store().checkpoint() else {
            return;
        };
        let Ok((checkpoint, _)) = open_checkpoint(&stored.note, &self.cast.log.verifier()) else {
            self.violate(
                Invariant::Checkpoints,
                format!("{id} stored a checkpoint its log key did not sign"),
            );
            return;
        };
        let unix = u64::try_from(self.now.as_second()).unwrap_or(1);
        for w in 0..self.witnesses.len() {
            if !self.net.connected(Endpoint::Node(id), Endpoint::Witness(w)) {
                continue;
            }
            // One retry: a 409 tells the leader the size the witness really holds.
            for _ in 0..2 {
                let old_size = l.witness_sizes[w];
                let proof = if old_size <= checkpoint.size {
                    consistency(l.ledger.store(), old_size, checkpoint.size).map(|p| p.path)
                } else {
                    Ok(Vec::new())
                };
                let Ok(proof) = proof else {
                    break;
                };
                let request = AddCheckpoint {
                    old_size,
                    proof,
                    checkpoint: stored.note.clone(),
                };
                let witness = &mut self.witnesses[w];
                match witness
                    .witness
                    .add_checkpoint(&request, &mut witness.state, unix)
                {
                    Ok(line) => {
                        witness.cosigned.push((checkpoint.size, checkpoint.root));
                        l.witness_sizes[w] = checkpoint.size;
                        self.record_cosignature(i, l, w, &stored.note, line);
                        break;
                    }
                    Err(Refusal::Conflict { latest }) if latest != old_size => {
                        l.witness_sizes[w] = latest;
                    }
                    Err(refusal) => {
                        let line = format!(
                            "witness{w} refuses {id}'s checkpoint of size {} ({}): {refusal}",
                            checkpoint.size,
                            refusal.status()
                        );
                        self.trace(line.clone());
                        if refusal.is_fork() || latest_above(&refusal, checkpoint.size) {
                            self.violate(Invariant::Checkpoints, line);
                        }
                        break;
                    }
                }
            }
        }
    }
}

impl World {
    /// Records witness `w`'s cosignature of the leader's checkpoint note in the log. A failure
    /// (the database unreachable, a crash) only means the note lacks that line.
    fn record_cosignature(
        &mut self,
        i: usize,
        l: &mut Leader,
        w: usize,
        note: &str,
        line: NoteSignature,
    ) {
        let id = self.nodes[i].id;
        let Ok(mut parsed) = parse_note(note) else {
            return;
        };
        parsed.signatures.push(line);
        let cosigned = format_note(&Note {
            text: parsed.text,
            signatures: parsed.signatures,
        });
        let Some(key) = self.cast.witnesses.get(w).map(|k| k.verifier()) else {
            return;
        };
        match record(&mut l.ledger, &key, &cosigned, self.now) {
            Ok(c) => {
                self.stats.cosignatures += 1;
                self.trace(format!(
                    "{id} records witness{w}'s cosignature of size {}",
                    c.size
                ));
            }
            Err(e) => self.trace(format!("{id} cannot record witness{w}'s cosignature: {e}")),
        }
    }
}

/// A witness that cosigned a larger tree than the log now holds saw the log roll back.
fn latest_above(refusal: &Refusal, size: u64) -> bool {
    matches!(refusal, Refusal::Conflict { latest } if *latest > size)
        || matches!(refusal, Refusal::BadRequest(_))
}
