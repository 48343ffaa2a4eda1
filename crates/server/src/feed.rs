//! What the log has committed, as this process publishes it: the [`Status`] every reader, the
//! scheduler and the read replica follow, the entries live subscribers receive, and the
//! process's [`Role`].
//!
//! Two sides may publish: the node after each commit (a lone server, or a cluster's leader), and
//! in a cluster the follower after it catches up with what another process committed. A process
//! changes sides at takeover and step-down, so publishing goes through one lock that knows how
//! far the log was published: each entry is streamed exactly once and in order, whichever side
//! reads it, and neither side ever publishes a size below what was already published.

use std::sync::{Arc, Mutex};

use tokio::sync::{broadcast, watch};

use crate::role::Role;
use crate::status::Status;

/// Live subscribers that fall this far behind miss entries and must resume from the log.
const EVENTS_BUFFER: usize = 16_384;

/// One appended entry, for live subscribers.
#[derive(Debug, Clone)]
pub struct LogEvent {
    pub index: u64,
    /// The entry's canonical JSON.
    pub json: Arc<str>,
}

/// The publication point of a process (shared by its node and its follower).
#[derive(Debug)]
pub struct Feed {
    status: watch::Sender<Status>,
    events: broadcast::Sender<LogEvent>,
    role: watch::Sender<Role>,
    /// The size published so far; held while publishing, so two sides never interleave.
    published: Mutex<u64>,
}

impl Feed {
    /// A feed for a process in `role` whose log already holds `size` entries: they are not
    /// streamed (no one subscribed before the process started); the first status follows.
    pub fn new(role: Role, size: u64) -> Arc<Self> {
        let (events, _) = broadcast::channel(EVENTS_BUFFER);
        Arc::new(Self {
            status: watch::channel(Status::default()).0,
            events,
            role: watch::channel(role).0,
            published: Mutex::new(size),
        })
    }

    /// Publishes `status` and streams the entries it adds to what was published before:
    /// `read(from, to)` reads them (it is called only when `status` grows the log). A status
    /// smaller than what is published is stale (the other side got further) and is dropped. The
    /// size is published before the entries are streamed: a client that reads the state when an
    /// entry arrives (the dashboard refreshing its page) must find the entry committed.
    pub fn publish(&self, status: Status, read: impl FnOnce(u64, u64) -> Vec<LogEvent>) {
        let mut published = self
            .published
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if status.size < *published {
            return;
        }
        let events = if status.size > *published {
            read(*published, status.size)
        } else {
            Vec::new()
        };
        debug_assert!(
            events.windows(2).all(|w| w[0].index + 1 == w[1].index),
            "entries are streamed in order"
        );
        *published = status.size;
        self.status.send_replace(status);
        for event in events {
            let _ = self.events.send(event);
        }
    }

    pub fn set_role(&self, role: Role) {
        self.role.send_replace(role);
    }

    pub fn status(&self) -> watch::Receiver<Status> {
        self.status.subscribe()
    }

    pub fn events(&self) -> broadcast::Sender<LogEvent> {
        self.events.clone()
    }

    pub fn role(&self) -> watch::Receiver<Role> {
        self.role.subscribe()
    }
}
