//! What the node last committed, as it publishes it (a `watch` channel): the one fact the
//! node, the read replica, the scheduler and every reader follow.

use jiff::Timestamp;
use snapback_log::merkle::Hash;

/// What the node last committed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Status {
    pub size: u64,
    pub root: Hash,
    /// The earliest deadline the engine holds (possibly of an item already closed; advancing to
    /// it is then a no-op).
    pub next_deadline: Option<Timestamp>,
    /// The latest instant the log has reached.
    pub now: Option<Timestamp>,
}
