//! The simulated network between clients and nodes: every message is delayed, and dropped with
//! some probability, by the seed; a partition cuts links between endpoints (nodes, clients, the
//! database, witnesses), and a message on a cut link is lost, whether cut when sent or when due.

use std::collections::{BTreeMap, BTreeSet};

use jiff::{SignedDuration, Timestamp};
use snapback_cluster::NodeId;
use snapback_ledger::{Outcome, Submission};

use crate::rng::SimRng;

/// Something that sends or receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Endpoint {
    Node(NodeId),
    Client(usize),
    Database,
    Witness(usize),
}

impl std::fmt::Display for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Endpoint::Node(n) => write!(f, "{n}"),
            Endpoint::Client(c) => write!(f, "client{c}"),
            Endpoint::Database => f.write_str("database"),
            Endpoint::Witness(w) => write!(f, "witness{w}"),
        }
    }
}

/// A node's answer to a client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    Done(Outcome),
    /// Not the leader; the holder of the lease, if the node knows it.
    NotLeader(Option<NodeId>),
    /// The commit failed; the outcome is unknown to the node too (retry).
    Failed,
}

#[derive(Debug, Clone)]
pub enum Message {
    Submit {
        client: usize,
        /// The client's number for this submission (the same on every attempt).
        request: u64,
        attempt: u32,
        submission: Box<Submission>,
    },
    Answer {
        request: u64,
        attempt: u32,
        /// The id of the entry the submission is (what an acknowledgement promises).
        id: [u8; 32],
        reply: Reply,
    },
}

/// At most this many messages in flight: a bounded queue (more are dropped, as by a full link).
pub const IN_FLIGHT_MAX: usize = 10_000;

#[derive(Debug, Default)]
pub struct Network {
    queue: BTreeMap<(Timestamp, u64), (Endpoint, Endpoint, Message)>,
    sequence: u64,
    cut: BTreeSet<(Endpoint, Endpoint)>,
    /// Per cent of messages lost.
    pub drop_percent: u64,
    /// The longest delay, in milliseconds.
    pub delay_max_ms: u64,
}

fn link(a: Endpoint, b: Endpoint) -> (Endpoint, Endpoint) {
    if a <= b { (a, b) } else { (b, a) }
}

impl Network {
    pub fn new(drop_percent: u64, delay_max_ms: u64) -> Self {
        Self {
            drop_percent,
            delay_max_ms,
            ..Self::default()
        }
    }

    pub fn connected(&self, a: Endpoint, b: Endpoint) -> bool {
        !self.cut.contains(&link(a, b))
    }

    pub fn cut(&mut self, a: Endpoint, b: Endpoint) {
        self.cut.insert(link(a, b));
    }

    /// Heals every partition.
    pub fn heal(&mut self) {
        self.cut.clear();
    }

    /// Sends a message, which arrives after a delay unless it is dropped. Returns whether it was
    /// put on the wire.
    pub fn send(
        &mut self,
        rng: &mut SimRng,
        now: Timestamp,
        from: Endpoint,
        to: Endpoint,
        message: Message,
    ) -> bool {
        let dropped = rng.chance(self.drop_percent);
        let delay = rng.between(1, self.delay_max_ms.max(2));
        if dropped || !self.connected(from, to) || self.queue.len() >= IN_FLIGHT_MAX {
            return false;
        }
        let due = now
            .checked_add(SignedDuration::from_millis(
                i64::try_from(delay).unwrap_or(1),
            ))
            .unwrap_or(now);
        self.sequence += 1;
        self.queue.insert((due, self.sequence), (from, to, message));
        true
    }

    /// The messages due by `now`, in the order they fall due (a cut link loses them).
    pub fn due(&mut self, now: Timestamp) -> Vec<(Endpoint, Endpoint, Message)> {
        let mut out = Vec::new();
        while let Some(entry) = self.queue.first_entry() {
            if entry.key().0 > now {
                break;
            }
            let (from, to, message) = entry.remove();
            if self.connected(from, to) {
                out.push((from, to, message));
            }
        }
        out
    }
}
