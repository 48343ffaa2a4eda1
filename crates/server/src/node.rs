//! The node: one thread that owns the ledger, so the log has exactly one writer in this process.
//!
//! Requests reach it as commands over a channel. Consecutive submissions are committed together
//! (group commit): the node takes everything waiting, submits it as one batch (one transaction,
//! one sync, one signed checkpoint), and only then replies. After every commit it publishes a
//! [`Status`] (size, root, next deadline) and broadcasts the new entries for live subscribers.
//! Reads that need the full state run as closures on this thread, between commits, so they
//! always see a consistent log.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};

use jiff::Timestamp;
use snapback_ledger::{Ledger, LedgerError, Outcome, Prepared, Submission};
use snapback_log::entry::EntryError;
use snapback_log::merkle::{Hash, MemoryTree, inclusion_proof, leaf_hash};
use snapback_store::Store;
use tokio::sync::{broadcast, oneshot, watch};

use crate::clock::Clock;
use crate::feed::Feed;
pub use crate::feed::LogEvent;
use crate::metrics::Metrics;
use crate::problem::Problem;
use crate::reader::Reader;
use crate::role::Role;
pub use crate::status::Status;
use crate::timekeeping::{TimeGuard, TimeOptions};

/// Commands a batch may hold at most (bounds the work done between replies).
const BATCH_MAX: usize = 4_096;
/// Commands waiting for the node at most; past this, requests are refused with 503 (load
/// shedding) rather than queued without bound.
const QUEUE_MAX: usize = 16_384;

/// An inclusion proof of an entry in a tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InclusionProof {
    pub index: u64,
    pub tree_size: u64,
    pub leaf_hash: Hash,
    pub root: Hash,
    pub proof: Vec<Hash>,
}

/// The node's answer to a submission.
#[derive(Debug, Clone)]
pub struct Submitted {
    pub outcome: Outcome,
    pub proof: Option<InclusionProof>,
    pub checkpoint: Option<String>,
}

type Job = Box<dyn FnOnce(&mut NodeCtx) + Send>;

/// A submission waiting for the node, and where to send its answer.
struct Pending {
    submission: Submission,
    prepared: Result<Prepared, EntryError>,
    reply: oneshot::Sender<Result<Submitted, Problem>>,
}

enum Command {
    Submit(Box<Pending>),
    Advance {
        reply: oneshot::Sender<Result<u64, Problem>>,
    },
    /// The once-a-second time check (heartbeat, held steps): see `timekeeping`.
    TickTime {
        reply: oneshot::Sender<()>,
    },
    Run(Job),
}

/// What the node thread owns.
pub struct NodeCtx {
    pub ledger: Ledger<Box<dyn Store>>,
    /// The Merkle tree in memory, for fast proofs (32 bytes per node).
    pub tree: MemoryTree,
    metrics: Arc<Metrics>,
    /// Where commits are published (shared with the follower in a cluster).
    feed: Arc<Feed>,
    clock: Arc<dyn Clock>,
    /// Until when writes are refused at once after the disk was found full.
    full_until: Option<std::time::Instant>,
    /// Judges the clock: entries are dated only by a clock it trusts.
    time: TimeGuard,
    /// Set when a write found the database connection closed: the cluster's lease thread then
    /// opens the log again on a new connection (a lone server's connection is its own).
    connection_lost: Arc<AtomicBool>,
}

impl std::fmt::Debug for NodeCtx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NodeCtx")
            .field("size", &self.tree.size())
            .finish_non_exhaustive()
    }
}

/// A handle to the node, cheap to clone. The node thread exists while this process writes (a
/// lone server, a cluster's leader); a follower's handle has none and refuses writes with
/// [`not_leader`], naming the leader.
#[derive(Clone)]
pub struct NodeHandle {
    /// The node thread's queue; `None` while following. Replacing it ends the thread once the
    /// commands already queued are answered (its only sender is dropped).
    writer: Arc<RwLock<Option<std::sync::mpsc::SyncSender<Command>>>>,
    feed: Arc<Feed>,
    /// See `NodeCtx::connection_lost`.
    connection_lost: Arc<AtomicBool>,
    pub status: watch::Receiver<Status>,
    pub events: broadcast::Sender<LogEvent>,
    pub role: watch::Receiver<Role>,
}

impl std::fmt::Debug for NodeHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NodeHandle")
            .field("status", &*self.status.borrow())
            .finish_non_exhaustive()
    }
}

/// After a commit fails for a full disk, how long further writes are refused without trying.
const FULL_BACKOFF: std::time::Duration = std::time::Duration::from_secs(1);

/// A write refused because the database's disk (or its size limit) is full.
fn storage_full() -> Problem {
    Problem::new(
        axum::http::StatusCode::INSUFFICIENT_STORAGE,
        "storage_full",
        "the log's disk is full, so nothing more can be committed; reads go on. The operator must free space (or raise the size limit); resubmitting the same signed entry afterwards is safe",
    )
    .retry_after(FULL_BACKOFF.as_secs().max(1))
}

fn gone() -> Problem {
    Problem::unavailable("the log is shutting down")
}

/// A write that reached a follower when it could not be forwarded (see [`crate::cluster`]).
pub fn not_leader(role: &Role) -> Problem {
    let detail = match role {
        Role::Follower {
            leader: Some(leader),
        } => format!(
            "this process follows the log; the leader is {} at {}: send writes there",
            leader.id, leader.address
        ),
        Role::Follower { leader: None } => {
            "this process follows the log and no process leads it at the moment (a takeover is under way); retry in a moment".to_owned()
        }
        Role::Single | Role::Leader { .. } => "the log is shutting down".to_owned(),
    };
    Problem::new(
        axum::http::StatusCode::SERVICE_UNAVAILABLE,
        "not_leader",
        detail,
    )
    .retry_after(1)
}

fn refused(e: std::sync::mpsc::TrySendError<Command>) -> Problem {
    match e {
        std::sync::mpsc::TrySendError::Full(_) => Problem::unavailable(format!(
            "the log has {QUEUE_MAX} requests waiting; retry in a moment"
        )),
        std::sync::mpsc::TrySendError::Disconnected(_) => gone(),
    }
}

impl NodeHandle {
    /// Starts a lone server's node thread over an opened ledger.
    /// Also opens the read replica ([`Reader`]) on a second connection to the store, starting
    /// from the ledger's own engine and state.
    pub fn start(
        ledger: Ledger<Box<dyn Store>>,
        clock: Arc<dyn Clock>,
        metrics: Arc<Metrics>,
        time: TimeOptions,
    ) -> Result<(NodeHandle, std::thread::JoinHandle<()>, Arc<Reader>), Problem> {
        let tree = load_tree(ledger.store())
            .map_err(|e| Problem::internal(format!("reading the log: {e}")))?;
        let reader_store = ledger
            .store()
            .reader()
            .map_err(|e| Problem::internal(format!("opening a reader on the log: {e}")))?
            .ok_or_else(|| {
                Problem::internal("this store cannot open a second connection for readers")
            })?;
        let reader = Reader::open(
            reader_store,
            ledger.engine().clone(),
            ledger.state().clone(),
            tree.clone(),
            ledger.origin(),
        )
        .map_err(|e| Problem::internal(format!("starting the read replica: {e}")))?;
        let node = NodeHandle::new(Feed::new(Role::Single, ledger.store().size()));
        let thread = node.lead(ledger, tree, &reader, clock, metrics, time, Role::Single)?;
        Ok((node, thread, reader))
    }

    /// A handle with no node thread yet (a cluster's process before it leads), publishing to
    /// `feed`.
    pub fn new(feed: Arc<Feed>) -> Self {
        NodeHandle {
            writer: Arc::new(RwLock::new(None)),
            connection_lost: Arc::new(AtomicBool::new(false)),
            status: feed.status(),
            events: feed.events(),
            role: feed.role(),
            feed,
        }
    }

    /// Where this process publishes what the log committed.
    pub fn feed(&self) -> &Arc<Feed> {
        &self.feed
    }

    /// Starts the node thread over `ledger` (opened on the log at `tree`'s size) and writes
    /// from now on, in `role`: the ledger restores from `reader` after a failed commit. What
    /// the log holds beyond what was published (a follower that had not caught up when it took
    /// over) is published first.
    #[allow(clippy::too_many_arguments)]
    pub fn lead(
        &self,
        mut ledger: Ledger<Box<dyn Store>>,
        tree: MemoryTree,
        reader: &Arc<Reader>,
        clock: Arc<dyn Clock>,
        metrics: Arc<Metrics>,
        time: TimeOptions,
        role: Role,
    ) -> Result<std::thread::JoinHandle<()>, Problem> {
        debug_assert!(role.writes(), "only a writing role leads");
        let restore_from = Arc::clone(reader);
        ledger.set_restore(Box::new(move |size| restore_from.committed(size)));
        let (tx, rx) = std::sync::mpsc::sync_channel::<Command>(QUEUE_MAX);
        let time = TimeGuard::open(
            ledger.store(),
            Arc::clone(&clock),
            time,
            Arc::clone(&metrics.time),
        );
        let mut ctx = NodeCtx {
            ledger,
            tree,
            metrics,
            feed: Arc::clone(&self.feed),
            clock,
            full_until: None,
            time,
            connection_lost: Arc::clone(&self.connection_lost),
        };
        self.connection_lost.store(false, Ordering::Relaxed);
        ctx.publish_status();
        let thread = std::thread::Builder::new()
            .name("snapback-node".to_owned())
            .spawn(move || run(ctx, rx))
            .map_err(|e| Problem::internal(format!("cannot start the node thread: {e}")))?;
        *self
            .writer
            .write()
            .map_err(|_| Problem::internal("the node's writer lock is poisoned"))? = Some(tx);
        self.feed.set_role(role);
        Ok(thread)
    }

    /// Stops writing (a leader that lost its lease, or shutting down): the node thread answers
    /// what is queued and ends, and writes are refused from now on, in `role`.
    pub fn stop_writing(&self, role: Role) {
        debug_assert!(!role.writes(), "a role that stops writing does not write");
        let mut writer = self
            .writer
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        writer.take();
        self.feed.set_role(role);
    }

    /// Whether a write found the database connection closed since the node started (and
    /// forgets it): the writer must open the log again.
    pub fn take_connection_lost(&self) -> bool {
        self.connection_lost.swap(false, Ordering::Relaxed)
    }

    /// Whether this process writes now.
    pub fn writes(&self) -> bool {
        self.role.borrow().writes()
    }

    /// Waits until this process writes (at once for a lone server); `false` if `shutdown`
    /// turned true first.
    pub async fn until_writing(&self, shutdown: &mut watch::Receiver<bool>) -> bool {
        let mut role = self.role.clone();
        loop {
            if *shutdown.borrow() {
                return false;
            }
            if role.borrow_and_update().writes() {
                return true;
            }
            tokio::select! {
                changed = role.changed() => if changed.is_err() { return false },
                _ = shutdown.changed() => {}
            }
        }
    }

    /// Queues `command` for the node thread: refused at once when the queue is full, and by a
    /// follower.
    fn send(&self, command: Command) -> Result<(), Problem> {
        let writer = self
            .writer
            .read()
            .map_err(|_| Problem::internal("the node's writer lock is poisoned"))?;
        match writer.as_ref() {
            Some(tx) => tx.try_send(command).map_err(refused),
            None => Err(not_leader(&self.role.borrow())),
        }
    }

    /// Submits a prepared submission and waits until it is durable (or refused).
    pub async fn submit(
        &self,
        submission: Submission,
        prepared: Result<Prepared, EntryError>,
    ) -> Result<Submitted, Problem> {
        let (reply, rx) = oneshot::channel();
        self.send(Command::Submit(Box::new(Pending {
            submission,
            prepared,
            reply,
        })))?;
        rx.await.map_err(|_| gone())?
    }

    /// Fires the deadlines that have passed by the clock's now. Returns how many entries followed.
    pub async fn advance(&self) -> Result<u64, Problem> {
        let (reply, rx) = oneshot::channel();
        self.send(Command::Advance { reply })?;
        rx.await.map_err(|_| gone())?
    }

    /// Checks the clock on the node thread (and writes the heartbeat when it is due).
    pub async fn tick_time(&self) -> Result<(), Problem> {
        let (reply, rx) = oneshot::channel();
        self.send(Command::TickTime { reply })?;
        rx.await.map_err(|_| gone())
    }

    /// Runs `f` on the node thread, between commits.
    pub async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut NodeCtx) -> T + Send + 'static,
    ) -> Result<T, Problem> {
        let (reply, rx) = oneshot::channel();
        let job: Job = Box::new(move |ctx| {
            let _ = reply.send(f(ctx));
        });
        self.send(Command::Run(job))?;
        rx.await.map_err(|_| gone())
    }
}

/// An instant rounded to whole milliseconds, down or (with `up`) up.
fn millis(t: Timestamp, up: bool) -> Timestamp {
    let ns = t.as_nanosecond();
    let rem = ns.rem_euclid(1_000_000);
    let rounded = if rem == 0 {
        ns
    } else if up {
        ns - rem + 1_000_000
    } else {
        ns - rem
    };
    Timestamp::from_nanosecond(rounded).unwrap_or(t)
}

/// The tree of a stored log, from its entries.
pub fn load_tree(store: &dyn Store) -> Result<MemoryTree, snapback_store::StoreError> {
    let mut tree = MemoryTree::new();
    let size = store.size();
    let mut from = 0;
    while from < size {
        let to = (from + 4_096).min(size);
        for data in store.entries(from, to)? {
            tree.push(leaf_hash(&data));
        }
        from = to;
    }
    Ok(tree)
}

fn run(mut ctx: NodeCtx, rx: std::sync::mpsc::Receiver<Command>) {
    while let Ok(first) = rx.recv() {
        let mut commands: VecDeque<Command> = VecDeque::from([first]);
        while commands.len() < BATCH_MAX {
            match rx.try_recv() {
                Ok(c) => commands.push_back(c),
                Err(_) => break,
            }
        }
        while let Some(command) = commands.pop_front() {
            match command {
                Command::Submit(first) => {
                    // Take every submission that follows, for one commit.
                    let mut batch = vec![*first];
                    while let Some(Command::Submit(_)) = commands.front() {
                        if let Some(Command::Submit(p)) = commands.pop_front() {
                            batch.push(*p);
                        }
                    }
                    ctx.submit_batch(batch);
                }
                Command::Advance { reply } => {
                    let _ = reply.send(ctx.advance());
                }
                Command::TickTime { reply } => {
                    ctx.tick_time();
                    let _ = reply.send(());
                }
                Command::Run(job) => {
                    ctx.metrics.node_closures.fetch_add(1, Ordering::Relaxed);
                    job(&mut ctx);
                }
            }
        }
    }
}

impl NodeCtx {
    /// The instant to date entries with: the wall clock's, to the millisecond (readable, and
    /// finer than any deadline needs), just after the log's latest instant if the wall clock is
    /// within that millisecond. A clock the node does not trust (behind the log, or stepped
    /// forward and not confirmed) is refused: see [`crate::timekeeping`].
    fn now(&mut self) -> Result<Timestamp, Problem> {
        let engine = self.ledger.engine();
        let wall = self.time.check(self.ledger.store(), engine.now())?;
        let floor = millis(wall, false);
        Ok(match engine.earliest_next() {
            Some(earliest) => floor.max(millis(earliest, true)),
            None => floor,
        })
    }

    /// The periodic time check (and heartbeat), between commits.
    pub fn tick_time(&mut self) {
        let latest = self.ledger.engine().now();
        if let Some(heartbeat) = self.time.tick(self.ledger.store(), latest) {
            match self
                .ledger
                .set_meta(crate::timekeeping::HEARTBEAT_KEY, &heartbeat)
            {
                Ok(()) => self.time.heartbeat_written(),
                Err(e) => {
                    self.note_lost(&e);
                    tracing::warn!(error = %e, "cannot write the time heartbeat");
                }
            }
        }
    }

    /// Notes a write that failed because the database connection is closed.
    fn note_lost(&self, e: &LedgerError) {
        if let LedgerError::Store(s) = e
            && s.is_connection_closed()
        {
            self.connection_lost.store(true, Ordering::Relaxed);
        }
    }

    /// A cosignature a witness made at `time` (seconds since the epoch) was recorded; if the
    /// witness is trusted for time, it may confirm a forward step of the clock.
    pub fn witnessed(&mut self, witness: &str, time: u64) {
        self.time.witnessed(witness, time);
    }

    fn submit_batch(&mut self, batch: Vec<Pending>) {
        let at = match self.now() {
            Ok(at) => at,
            Err(problem) => {
                // Nothing is dated by a clock the node does not trust; the submitters retry.
                for p in batch {
                    self.metrics.rejected(&problem.code);
                    let _ = p.reply.send(Err(problem.clone()));
                }
                return;
            }
        };
        let before = self.ledger.store().size();
        let mut items = Vec::with_capacity(batch.len());
        let mut prepared = Vec::with_capacity(batch.len());
        let mut replies = Vec::with_capacity(batch.len());
        for p in batch {
            items.push((p.submission, at));
            prepared.push(p.prepared);
            replies.push(p.reply);
        }
        if let Some(until) = self.full_until
            && std::time::Instant::now() < until
        {
            // The disk was full a moment ago: refuse at once rather than stage and fail again.
            for r in replies {
                let _ = r.send(Err(storage_full()));
            }
            return;
        }
        let replays = self.ledger.replays();
        let outcomes = match self.ledger.submit_prepared(&items, prepared) {
            Ok(o) => {
                self.full_until = None;
                o
            }
            Err(e) => {
                self.metrics.commit_failures.fetch_add(1, Ordering::Relaxed);
                let replayed = self.ledger.replays() - replays;
                self.metrics
                    .commit_replays
                    .fetch_add(replayed, Ordering::Relaxed);
                let full = matches!(&e, LedgerError::Store(s) if s.is_disk_full());
                self.note_lost(&e);
                tracing::error!(error = %e, disk_full = full, replayed, "commit failed; the ledger went back to the committed log");
                let fenced = matches!(
                    &e,
                    LedgerError::Store(snapback_store::StoreError::Fenced { .. })
                );
                let problem = if full {
                    self.full_until = Some(std::time::Instant::now() + FULL_BACKOFF);
                    storage_full()
                } else if fenced {
                    // A newer leader holds the lease: nothing was appended, and the lease thread
                    // is about to stop this process writing.
                    Problem::new(
                        axum::http::StatusCode::SERVICE_UNAVAILABLE,
                        "not_leader",
                        format!("this process no longer leads the log ({e}); nothing was appended: send the same signed entry again, to any process of the cluster"),
                    )
                    .retry_after(1)
                } else {
                    Problem::internal(format!("the log could not commit: {e}"))
                };
                for r in replies {
                    let _ = r.send(Err(problem.clone()));
                }
                self.publish(before);
                return;
            }
        };
        self.publish(before);
        let checkpoint = self
            .ledger
            .store()
            .checkpoint()
            .ok()
            .flatten()
            .map(|c| c.note);
        for (outcome, reply) in outcomes.into_iter().zip(replies) {
            let proof = match &outcome {
                Outcome::Appended { index, .. } | Outcome::Duplicate { index } => {
                    self.proof(*index)
                }
                Outcome::Rejected(reason) => {
                    self.metrics.rejected(reason.code());
                    None
                }
            };
            let _ = reply.send(Ok(Submitted {
                outcome,
                proof,
                checkpoint: checkpoint.clone(),
            }));
        }
    }

    /// An inclusion proof of `index` in the current tree.
    pub fn proof(&self, index: u64) -> Option<InclusionProof> {
        let size = self.tree.size();
        let proof = inclusion_proof(&self.tree, index, size).ok()?;
        Some(InclusionProof {
            index,
            tree_size: size,
            leaf_hash: snapback_log::merkle::Nodes::perfect(&self.tree, 0, index).ok()?,
            root: self.tree.root(),
            proof,
        })
    }

    fn advance(&mut self) -> Result<u64, Problem> {
        let Ok(now) = self.now() else {
            // The clock is behind the log or its step is unconfirmed: deadlines wait.
            self.publish_status();
            return Ok(0);
        };
        let before = self.ledger.store().size();
        let indices = self
            .ledger
            .advance(now)
            .map_err(|e| Problem::internal(e.to_string()))?;
        self.publish(before);
        let fired = indices.len() as u64;
        if fired > 0 {
            self.metrics
                .deadlines_fired
                .fetch_add(fired, Ordering::Relaxed);
            let done = self.clock.now();
            if let Ok(entries) = self.ledger.store().entries(before, before + fired) {
                for data in entries {
                    if let Ok(entry) = snapback_log::entry::Entry::parse(&data)
                        && let Ok(at) = snapback_ledger::convert::entry_time(&entry.at)
                    {
                        let latency = done.duration_since(at).as_secs_f64();
                        self.metrics.fire_latency.observe(latency);
                    }
                }
            }
        }
        Ok(fired)
    }

    /// Brings the in-memory tree and the subscribers up to date with entries from `before` on
    /// (see [`Feed::publish`]).
    fn publish(&mut self, before: u64) {
        let size = self.ledger.store().size();
        let mut appended = Vec::new();
        if size > before {
            match self.ledger.store().entries(before, size) {
                Ok(entries) => {
                    for (index, data) in (before..).zip(entries) {
                        debug_assert_eq!(self.tree.size(), index, "the tree follows the log");
                        self.tree.push(leaf_hash(&data));
                        let json: Arc<str> = Arc::from(String::from_utf8_lossy(&data).as_ref());
                        appended.push(LogEvent { index, json });
                    }
                    self.metrics
                        .entries_appended
                        .fetch_add(size - before, Ordering::Relaxed);
                }
                Err(e) => tracing::error!(error = %e, "cannot read back appended entries"),
            }
        }
        let status = self.status();
        let store = self.ledger.store();
        self.feed.publish(status, |from, to| {
            if from >= before {
                appended.retain(|e| e.index >= from);
                appended
            } else {
                events(store.as_ref(), from, to)
            }
        });
    }

    fn publish_status(&mut self) {
        let status = self.status();
        let store = self.ledger.store();
        self.feed
            .publish(status, |from, to| events(store.as_ref(), from, to));
    }

    fn status(&self) -> Status {
        let engine = self.ledger.engine();
        Status {
            size: self.ledger.store().size(),
            root: self.ledger.store().root(),
            next_deadline: engine.next_deadline(),
            now: engine.now(),
        }
    }
}

/// The entries `from..to` of `store` as live events (logged and cut short if they cannot be
/// read: subscribers then resume from the log).
pub fn events(store: &dyn Store, from: u64, to: u64) -> Vec<LogEvent> {
    match store.entries(from, to) {
        Ok(entries) => (from..)
            .zip(entries)
            .map(|(index, data)| LogEvent {
                index,
                json: Arc::from(String::from_utf8_lossy(&data).as_ref()),
            })
            .collect(),
        Err(e) => {
            tracing::error!(error = %e, from, to, "cannot read entries to stream");
            Vec::new()
        }
    }
}
