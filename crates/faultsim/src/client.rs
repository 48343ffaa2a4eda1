//! Clients: the beneficiary files claims, the guarantors vote on them. Each signs a submission
//! once and sends it until it gets an answer, to the node it believes leads; on a timeout it
//! sends the very same signed submission again, possibly to another node, so an ambiguous
//! failure (a crash after the commit) must come back as a duplicate, never as a second entry.

use jiff::{SignedDuration, Timestamp};
use snapback_cluster::NodeId;
use snapback_ledger::{Outcome, Submission};
use snapback_log::keys::SignerKey;

use crate::cast::{claim, vote};
use crate::net::{Endpoint, Message, Reply};
use crate::world::World;

/// How long a client waits for an answer before sending again.
const TIMEOUT: SignedDuration = SignedDuration::from_secs(2);
/// How long it waits before sending again after a refusal that names no better node.
const BACKOFF: SignedDuration = SignedDuration::from_millis(300);

#[derive(Debug)]
pub struct Pending {
    pub request: u64,
    pub submission: Box<Submission>,
    pub label: String,
    pub attempt: u32,
    pub target: NodeId,
    pub resend_at: Timestamp,
}

#[derive(Debug)]
pub struct Client {
    pub key: SignerKey,
    pub pending: Option<Pending>,
    /// The node it last heard leads.
    pub leader: Option<NodeId>,
    /// Submissions made so far (numbers each one's request).
    pub requests: u64,
}

/// An answer saying the entry is in the log at `index`: the promise the invariant holds the
/// log to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ack {
    pub id: [u8; 32],
    pub index: u64,
    pub step: usize,
    pub label: String,
}

impl Client {
    pub fn new(key: SignerKey) -> Self {
        Self {
            key,
            pending: None,
            leader: None,
            requests: 0,
        }
    }
}

impl World {
    /// Client `c` signs something new to file, if it is idle and has something to say.
    pub(crate) fn client_submit(&mut self, c: usize) {
        if self.clients[c].pending.is_some() {
            return;
        }
        let nonce = self.rng.nonce();
        let key = self.clients[c].key.clone();
        let (label, signed) = if c == 0 {
            self.filed += 1;
            let id = format!("C-{}", self.filed);
            (format!("claim {id}"), claim(&key, &id, nonce, self.now))
        } else {
            let Some(id) = self.claims.get(self.rng.index(self.claims.len())).cloned() else {
                return;
            };
            let founded = self.rng.chance(50);
            let verdict = if founded { "founded" } else { "unfounded" };
            (
                format!("{}'s vote {verdict} on {id}", key.name()),
                vote(&key, &id, founded, nonce, self.now),
            )
        };
        let submission = match signed {
            Ok(s) => s,
            Err(e) => {
                self.trace(format!("client{c} cannot sign: {e}"));
                return;
            }
        };
        let target = self.clients[c]
            .leader
            .unwrap_or(self.nodes[self.rng.index(self.nodes.len())].id);
        self.trace(format!("client{c} sends {label} to {target}"));
        self.clients[c].requests += 1;
        self.clients[c].pending = Some(Pending {
            request: self.clients[c].requests,
            submission: Box::new(submission),
            label,
            attempt: 0,
            target,
            resend_at: self.now,
        });
        self.send_pending(c);
    }

    fn send_pending(&mut self, c: usize) {
        let now = self.now;
        let Some(p) = self.clients[c].pending.as_mut() else {
            return;
        };
        p.resend_at = now.checked_add(TIMEOUT).unwrap_or(now);
        let message = Message::Submit {
            client: c,
            request: p.request,
            attempt: p.attempt,
            submission: p.submission.clone(),
        };
        let to = Endpoint::Node(p.target);
        self.net
            .send(&mut self.rng, now, Endpoint::Client(c), to, message);
    }

    /// Sends again whatever has waited too long, to the next node unless a leader is known.
    pub(crate) fn client_timeouts(&mut self) {
        for c in 0..self.clients.len() {
            let due = self.clients[c]
                .pending
                .as_ref()
                .is_some_and(|p| p.resend_at <= self.now);
            if !due {
                continue;
            }
            let next = self.next_node_after(c);
            if let Some(p) = self.clients[c].pending.as_mut() {
                p.attempt += 1;
                p.target = next;
            }
            self.send_pending(c);
        }
    }

    fn next_node_after(&mut self, c: usize) -> NodeId {
        match (self.clients[c].leader.take(), &self.clients[c].pending) {
            (Some(leader), _) => leader,
            (None, Some(p)) => {
                let at = self
                    .nodes
                    .iter()
                    .position(|n| n.id == p.target)
                    .unwrap_or(0);
                self.nodes[(at + 1) % self.nodes.len()].id
            }
            (None, None) => self.nodes[0].id,
        }
    }

    /// Client `c` reads an answer. An answer to an earlier submission, or an earlier attempt,
    /// settles nothing now, but an acknowledgement in it is still a promise the log must keep.
    pub(crate) fn client_answer(
        &mut self,
        c: usize,
        request: u64,
        attempt: u32,
        id: [u8; 32],
        reply: Reply,
    ) {
        let current = self.clients[c]
            .pending
            .as_ref()
            .filter(|p| p.request == request);
        let label = current.map_or_else(
            || format!("client{c}'s earlier submission {request}"),
            |p| p.label.clone(),
        );
        let latest = current.is_some_and(|p| p.attempt == attempt);
        let current = current.is_some();
        match reply {
            Reply::Done(outcome) => {
                let settled = match &outcome {
                    Outcome::Appended { index, .. } | Outcome::Duplicate { index } => {
                        self.acks.push(Ack {
                            id,
                            index: *index,
                            step: self.step,
                            label: label.clone(),
                        });
                        if c == 0 && current {
                            let claim = label.trim_start_matches("claim ").to_owned();
                            if !self.claims.contains(&claim) {
                                self.claims.push(claim);
                            }
                        }
                        match outcome {
                            Outcome::Duplicate { .. } => format!("already in the log at {index}"),
                            _ => format!("in the log at {index}"),
                        }
                    }
                    Outcome::Rejected(r) => {
                        if current {
                            self.stats.rejected += 1;
                        }
                        format!("refused ({})", r.code())
                    }
                };
                self.trace(format!("client{c}: {label} {settled}"));
                if current {
                    self.clients[c].pending = None;
                }
            }
            Reply::NotLeader(hint) if latest => {
                self.clients[c].leader = hint;
                self.back_off(c);
            }
            Reply::Failed if latest => self.back_off(c),
            Reply::NotLeader(_) | Reply::Failed => {}
        }
    }

    fn back_off(&mut self, c: usize) {
        let now = self.now;
        if let Some(p) = self.clients[c].pending.as_mut() {
            p.resend_at = now.checked_add(BACKOFF).unwrap_or(now);
        }
    }

    pub(crate) fn clients_idle(&self) -> bool {
        self.clients.iter().all(|c| c.pending.is_none())
    }
}
