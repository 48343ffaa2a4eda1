//! What this process is in its cluster: the only writer (a lone server), the leader under the
//! lease, or a follower. The node publishes it (a `watch` channel) beside its [`Status`]; the
//! scheduler, the webhook deliverer and the witness tasks write only while it is writable, and
//! a follower forwards writes to the leader it names.
//!
//! [`Status`]: crate::status::Status

/// The leader as a follower knows it from the lease.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leader {
    /// Its `--node-id`.
    pub id: String,
    /// Its base URL (`--advertise`), where writes are forwarded.
    pub address: String,
}

/// This process's role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// A lone server: the one writer of its log (SQLite, or PostgreSQL under the writer lock).
    Single,
    /// The leader of a cluster, appending under the lease's fencing token.
    Leader { token: u64 },
    /// A follower: it follows the log and serves reads; `leader` is `None` while no process
    /// holds the lease (between a leader's death and the next takeover).
    Follower { leader: Option<Leader> },
}

impl Role {
    /// Whether this process appends (the node has its ledger).
    pub fn writes(&self) -> bool {
        matches!(self, Role::Single | Role::Leader { .. })
    }
}
