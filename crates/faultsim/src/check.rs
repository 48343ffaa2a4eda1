//! The invariants checked at the end of every seed, each violation naming the seed and the step.

use std::collections::BTreeMap;

use snapback_cluster::NodeId;
use snapback_engine::Report;
use snapback_engine::derived::Basis;
use snapback_ledger::{LogUnderTest, replay_store, tree_root, verify};
use snapback_log::entry::{Entry, EntryKind};
use snapback_log::merkle::Hash;
use snapback_log::note::open_checkpoint;
use snapback_store::Store;

use crate::node::Role;
use crate::store::SimStore;
use crate::world::World;

/// What must hold on every seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Invariant {
    /// No acknowledged entry is lost (nor stored twice).
    Acknowledged,
    /// Never two checkpoints of the same size with different roots; every checkpoint signed or
    /// cosigned is one of the final log's; no witness sees a fork or a rollback.
    Checkpoints,
    /// Every deadline fires exactly once, at its deadline.
    Deadlines,
    /// The final log passes `verify`.
    Verify,
    /// Every replica's state equals a replay of the store.
    Replicas,
    /// No append commits under a fencing token that is not the lease's current one.
    Fencing,
    /// After healing, the run settles (clients answered, deadlines fired, replicas caught up).
    Liveness,
}

impl std::fmt::Display for Invariant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Invariant::Acknowledged => "acknowledged entries kept",
            Invariant::Checkpoints => "one root per checkpoint size",
            Invariant::Deadlines => "deadlines fire once, on time",
            Invariant::Verify => "the log verifies",
            Invariant::Replicas => "replicas equal a replay",
            Invariant::Fencing => "stale leaders fenced",
            Invariant::Liveness => "settles after healing",
        })
    }
}

/// A broken invariant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub invariant: Invariant,
    pub seed: u64,
    /// The step at which it happened or was found (steps end at the seed's step count, after
    /// which the world heals and settles).
    pub step: usize,
    pub message: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "seed {}, step {}: [{}] {}",
            self.seed, self.step, self.invariant, self.message
        )
    }
}

/// The checker's own connection (no node has id 0).
const CHECKER: NodeId = NodeId(0);

impl World {
    /// Checks every invariant on the settled world.
    pub(crate) fn check(&mut self) {
        let conn = match self.db.connect(CHECKER) {
            Ok(conn) => conn,
            Err(e) => {
                self.violate(Invariant::Verify, format!("cannot read the final log: {e}"));
                return;
            }
        };
        let entries = conn.entries(0, conn.size()).unwrap_or_default();
        self.check_acknowledged();
        self.check_checkpoints(&conn);
        self.check_verify(&conn, &entries);
        self.check_fencing();
        match replay_store(&conn, &self.cast.history) {
            Ok((_, state)) => {
                self.check_deadlines(&state, &entries);
                self.check_replicas(&state, conn.size());
            }
            Err(e) => self.violate(
                Invariant::Replicas,
                format!("the store does not replay: {e}"),
            ),
        }
    }

    fn check_acknowledged(&mut self) {
        let ids = self.db.entry_ids();
        let mut places: BTreeMap<[u8; 32], Vec<usize>> = BTreeMap::new();
        for (i, id) in ids.iter().enumerate() {
            places.entry(*id).or_default().push(i);
        }
        for (id, at) in &places {
            if at.len() > 1 {
                self.violate(
                    Invariant::Acknowledged,
                    format!("entry {} is stored {} times, at {at:?}", hex(id), at.len()),
                );
            }
        }
        for ack in self.acks.clone() {
            let held = usize::try_from(ack.index)
                .ok()
                .and_then(|i| ids.get(i))
                .is_some_and(|id| *id == ack.id);
            if !held {
                let now_at = places
                    .get(&ack.id)
                    .map_or("nowhere".to_owned(), |p| format!("at {p:?}"));
                self.violations.push(crate::check::Violation {
                    invariant: Invariant::Acknowledged,
                    seed: self.seed,
                    step: ack.step,
                    message: format!(
                        "{} was acknowledged at index {} but the final log ({} entries) holds it {now_at}",
                        ack.label,
                        ack.index,
                        ids.len()
                    ),
                });
            }
        }
    }

    fn check_checkpoints(&mut self, conn: &SimStore) {
        let verifier = self.cast.log.verifier();
        let mut seen: Vec<(u64, Hash, String)> = Vec::new();
        for (size, note) in self.db.checkpoint_history() {
            match open_checkpoint(&note, &verifier) {
                Ok((cp, _)) => seen.push((cp.size, cp.root, "stored".to_owned())),
                Err(e) => self.violate(
                    Invariant::Checkpoints,
                    format!("the checkpoint stored for size {size} does not verify: {e}"),
                ),
            }
        }
        for (w, witness) in self.witnesses.iter().enumerate() {
            for (size, root) in &witness.cosigned {
                seen.push((*size, *root, format!("cosigned by witness{w}")));
            }
        }
        let mut roots: BTreeMap<u64, (Hash, String)> = BTreeMap::new();
        let mut problems = Vec::new();
        for (size, root, source) in seen {
            if let Some((first, first_source)) = roots.get(&size) {
                if *first != root {
                    problems.push(format!(
                        "two checkpoints of size {size} with different roots ({first_source}, then {source})"
                    ));
                }
                continue;
            }
            if size > conn.size() {
                problems.push(format!(
                    "a checkpoint of size {size} ({source}) but the final log holds {} entries",
                    conn.size()
                ));
            } else if tree_root(conn, size).ok() != Some(root) {
                problems.push(format!(
                    "the checkpoint of size {size} ({source}) is not the final log's root at that size"
                ));
            }
            roots.insert(size, (root, source));
        }
        for p in problems {
            self.violate(Invariant::Checkpoints, p);
        }
    }

    fn check_verify(&mut self, conn: &SimStore, entries: &[Vec<u8>]) {
        if entries.is_empty() {
            return;
        }
        let leaves = self.db.leaves();
        let checkpoint = conn.checkpoint().ok().flatten().map(|c| c.note);
        let log = LogUnderTest {
            entries,
            stored_leaves: Some(&leaves),
            checkpoint: checkpoint.as_deref(),
            log_key: None,
        };
        if let Err(failure) = verify(&self.cast.history, &log) {
            self.violate(Invariant::Verify, format!("verify: {failure}"));
        }
    }

    fn check_fencing(&mut self) {
        for commit in self.db.commits() {
            if let Some(presented) = commit.presented
                && presented != commit.current
            {
                self.violate(
                    Invariant::Fencing,
                    format!(
                        "{} committed up to size {} with token {presented} while the lease's token was {}",
                        commit.connection, commit.size, commit.current
                    ),
                );
            }
        }
    }

    fn check_deadlines(&mut self, state: &snapback_engine::State, entries: &[Vec<u8>]) {
        let mut fired: BTreeMap<String, usize> = BTreeMap::new();
        for bytes in entries {
            let Ok(entry) = Entry::parse(bytes) else {
                continue;
            };
            let event = &entry.body.event;
            if entry.body.kind == EntryKind::Derived
                && event.get("type").and_then(|t| t.as_str()) == Some("claim.determined")
                && let Some(claim) = event.get("claim").and_then(|c| c.as_str())
            {
                *fired.entry(claim.to_owned()).or_default() += 1;
            }
        }
        let mut problems = Vec::new();
        for claim in &state.claims {
            let Some(deadline) = claim.deadline else {
                continue;
            };
            let times = fired.get(claim.id.as_str()).copied().unwrap_or(0);
            match claim.determined_at {
                Some(at) => {
                    let by_deadline = matches!(
                        claim.basis,
                        Some(Basis::NotAdoptedByDeadline | Basis::EvidenceInsufficient)
                    );
                    if at > deadline || (by_deadline && at != deadline) {
                        problems.push(format!(
                            "claim {} was determined at {at}, its deadline being {deadline}",
                            claim.id
                        ));
                    }
                    if times != 1 {
                        problems.push(format!("claim {} was determined {times} times", claim.id));
                    }
                }
                None if deadline <= self.now => problems.push(format!(
                    "the deadline of claim {} ({deadline}) passed (now {}) and never fired",
                    claim.id, self.now
                )),
                None => {}
            }
        }
        for p in problems {
            self.violate(Invariant::Deadlines, p);
        }
    }

    fn check_replicas(&mut self, replayed: &snapback_engine::State, size: u64) {
        let expected = report(replayed);
        let mut problems = Vec::new();
        for node in &self.nodes {
            let (state, held) = match &node.role {
                Role::Down => continue,
                Role::Leader(l) => (l.ledger.state(), l.ledger.store().size()),
                Role::Follower(f) => {
                    if let Some(why) = &node.broken {
                        problems.push(format!("{}'s replica stopped following at {why}", node.id));
                        continue;
                    }
                    (f.replica.state(), f.position)
                }
            };
            if held != size {
                problems.push(format!(
                    "{} holds {held} of the log's {size} entries",
                    node.id
                ));
            } else if report(state) != expected {
                problems.push(format!(
                    "{}'s state differs from a replay of the store",
                    node.id
                ));
            }
        }
        for p in problems {
            self.violate(Invariant::Replicas, p);
        }
    }
}

/// A state as its JSON report, with the instant it is reported at left out (a leader's state is
/// as of its last commit, a replay's as of its last entry; both hold the same record).
fn report(state: &snapback_engine::State) -> String {
    let mut state = state.clone();
    state.as_of = None;
    serde_json::to_string(&Report::new(&state)).unwrap_or_default()
}

fn hex(id: &[u8; 32]) -> String {
    id.iter().take(6).map(|b| format!("{b:02x}")).collect()
}
