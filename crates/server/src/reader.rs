//! The read side: a replica of the log's state that every read uses, so that no read waits for
//! the writer and the writer (and the deadline scheduler behind it) never waits for a read.
//!
//! The node commits; the reader follows. After each commit the node publishes the new size; a
//! task here reads the new entries through its own connection to the store (SQLite under WAL,
//! or a second PostgreSQL connection, both of which read committed data without blocking the
//! writer), feeds them to its own [`Replayer`] (the engine and the full record, rebuilt entry by
//! entry exactly as `verify` does) and its own Merkle tree, and then publishes how far it got.
//!
//! Handlers read through [`Reader::view`]: they wait (bounded) until the replica has applied
//! every entry committed when the request arrived, so a client sees its own writes, then read
//! the [`View`] under a shared lock held only while they gather what they answer. The replica
//! takes the lock exclusively only to apply a batch of already-read, already-parsed entries.
//!
//! The replica also undoes failed commits cheaply: the ledger asks it for the engine and state
//! at the committed size (a clone), instead of replaying the whole log.

use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use snapback_charter::CharterHistory;
use snapback_engine::{Engine, State};
use snapback_ledger::Replayer;
use snapback_log::entry::Entry;
use snapback_log::merkle::{MemoryTree, leaf_hash};
use snapback_store::Store;
use tokio::sync::watch;

use crate::feed::LogEvent;
use crate::problem::Problem;

/// Entries read and applied per step: bounds how long the replica holds its lock.
const APPLY_CHUNK: u64 = 1_024;
/// How long a read waits for the replica to apply what was committed before it arrived.
const CATCH_UP_WAIT: Duration = Duration::from_secs(5);
/// How long a read waits for its turn before it is refused with 503.
const READ_WAIT: Duration = Duration::from_secs(10);

/// The replica's state of the log, as of [`View::size`] entries.
pub struct View {
    replayer: Replayer,
    /// The Merkle tree in memory, for proofs (32 bytes per node).
    pub tree: MemoryTree,
    origin: String,
}

impl std::fmt::Debug for View {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("View")
            .field("size", &self.size())
            .finish_non_exhaustive()
    }
}

impl View {
    /// The full record (claims, decisions, obligations, the fund, the tracker).
    pub fn state(&self) -> &State {
        self.replayer.state()
    }

    /// The replica's engine (its next deadline, its latest instant).
    pub fn engine(&self) -> &Engine {
        self.replayer.engine()
    }

    /// The entries applied.
    pub fn size(&self) -> u64 {
        self.tree.size()
    }

    pub fn history(&self) -> &CharterHistory {
        self.state().history()
    }

    /// The log's origin (the checkpoint's first line).
    pub fn origin(&self) -> &str {
        &self.origin
    }
}

/// Why the replica stopped following the log.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ReaderError {
    #[error("reading the log: {0}")]
    Store(String),
    #[error("entry {index} does not replay: {reason}")]
    Replay { index: u64, reason: String },
}

/// The replica and its own connection to the store.
pub struct Reader {
    view: RwLock<View>,
    /// The replica's connection; also serves the reads that go to the store (entries, the
    /// checkpoint, tokens). Never the writer's connection.
    store: Mutex<Box<dyn Store>>,
    /// How many entries the replica has applied.
    applied: watch::Sender<u64>,
    /// Turns to read: see [`Reader::permits`].
    reads: tokio::sync::Semaphore,
    /// Set when the replica cannot follow (a store error or an entry that does not replay);
    /// reads then answer 503 rather than stale data.
    failed: Mutex<Option<ReaderError>>,
}

impl std::fmt::Debug for Reader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reader")
            .field("applied", &*self.applied.borrow())
            .finish_non_exhaustive()
    }
}

impl Reader {
    /// A replica over its own store connection, starting from the engine, state and tree of a
    /// ledger just opened on the same log (so the log is not replayed twice), then caught up
    /// with what that connection sees.
    pub fn open(
        store: Box<dyn Store>,
        engine: Engine,
        state: State,
        tree: MemoryTree,
        origin: &str,
    ) -> Result<Arc<Self>, ReaderError> {
        let (applied, _) = watch::channel(tree.size());
        let reader = Arc::new(Self {
            view: RwLock::new(View {
                replayer: Replayer::resume(engine, state),
                tree,
                origin: origin.to_owned(),
            }),
            store: Mutex::new(store),
            applied,
            reads: tokio::sync::Semaphore::new(Self::permits()),
            failed: Mutex::new(None),
        });
        reader.catch_up()?;
        Ok(reader)
    }

    /// Replaces the replica's connection (the database dropped the old one) and clears a
    /// failure, so reads answer again once it has caught up.
    pub fn replace_store(&self, store: Box<dyn Store>) {
        if let Ok(mut mine) = self.store.lock() {
            *mine = store;
        }
        if let Ok(mut failed) = self.failed.lock() {
            failed.take();
        }
    }

    /// Runs `read` on the replica as it is now, without waiting for it to catch up (blocking:
    /// run it off the runtime's workers). `None` if its lock is poisoned.
    pub fn read_now<T>(&self, read: impl FnOnce(&View) -> T) -> Option<T> {
        self.view.read().ok().map(|view| read(&view))
    }

    /// Runs `read` on the replica's store connection now (blocking: off the runtime's workers,
    /// no read permit: the follower's own publishing). `None` if its lock is poisoned.
    pub fn read_store_now<T>(&self, read: impl FnOnce(&dyn Store) -> T) -> Option<T> {
        self.store.lock().ok().map(|store| read(store.as_ref()))
    }

    /// How many entries the replica has applied.
    pub fn applied(&self) -> u64 {
        *self.applied.borrow()
    }

    /// Applies every entry committed since the last call (blocking: run it off the runtime's
    /// workers). Returns the replica's size.
    pub fn catch_up(&self) -> Result<u64, ReaderError> {
        self.catch_up_into(None)
    }

    /// [`Reader::catch_up`], also handing back each entry this call applied, for a follower to
    /// stream without reading it again.
    pub fn catch_up_streaming(&self) -> Result<Vec<LogEvent>, ReaderError> {
        let mut applied = Vec::new();
        self.catch_up_into(Some(&mut applied))?;
        Ok(applied)
    }

    fn catch_up_into(&self, mut stream: Option<&mut Vec<LogEvent>>) -> Result<u64, ReaderError> {
        loop {
            let (from, entries) = {
                let mut store = self.store.lock().map_err(|_| {
                    ReaderError::Store("the reader's store lock is poisoned".into())
                })?;
                store
                    .refresh()
                    .map_err(|e| ReaderError::Store(e.to_string()))?;
                let from = self.applied();
                let to = store.size().min(from.saturating_add(APPLY_CHUNK));
                if to <= from {
                    return Ok(from);
                }
                let data = store
                    .entries(from, to)
                    .map_err(|e| ReaderError::Store(e.to_string()))?;
                (from, data)
            };
            // Parse outside the lock: readers keep reading meanwhile.
            let mut parsed = Vec::with_capacity(entries.len());
            for (index, data) in (from..).zip(&entries) {
                let entry = Entry::parse(data).map_err(|e| ReaderError::Replay {
                    index,
                    reason: e.to_string(),
                })?;
                parsed.push((index, entry, leaf_hash(data)));
            }
            let size = {
                let mut view = self
                    .view
                    .write()
                    .map_err(|_| ReaderError::Store("the replica's lock is poisoned".into()))?;
                // The writer's thread (undoing a failed commit) and the follower task may
                // catch up at once: both read from the same `applied`, and only the first to
                // take the lock applies an entry; the other skips what is already in.
                let have = view.size();
                for (index, entry, leaf) in parsed.iter().filter(|(index, ..)| *index >= have) {
                    debug_assert_eq!(*index, view.size(), "the replica applies entries in order");
                    view.replayer
                        .feed(*index, entry)
                        .map_err(|e| ReaderError::Replay {
                            index: *index,
                            reason: e.to_string(),
                        })?;
                    view.tree.push(*leaf);
                    if let Some(stream) = stream.as_deref_mut() {
                        let data = &entries[(*index - from) as usize];
                        stream.push(LogEvent {
                            index: *index,
                            json: Arc::from(String::from_utf8_lossy(data).as_ref()),
                        });
                    }
                }
                view.replayer.mark_as_of();
                view.size()
            };
            // Never backwards: a concurrent catch-up may have published a larger size.
            self.applied.send_if_modified(|applied| {
                let grew = size > *applied;
                *applied = (*applied).max(size);
                grew
            });
        }
    }

    /// Follows the node's commits until its status closes (the node is gone) or `shutdown`
    /// turns true.
    /// `size_of` reads the log size from the node's status (the reader knows the status only
    /// through it, so it does not depend on the node's module).
    pub async fn follow<S: Send + Sync + 'static>(
        self: Arc<Self>,
        mut size: watch::Receiver<S>,
        size_of: impl Fn(&S) -> u64 + Send,
        mut shutdown: watch::Receiver<bool>,
    ) {
        loop {
            let target = size_of(&size.borrow_and_update());
            if target > self.applied() {
                let reader = Arc::clone(&self);
                match tokio::task::spawn_blocking(move || reader.catch_up()).await {
                    Ok(Ok(_)) => {}
                    Ok(Err(e)) => {
                        tracing::error!(error = %e, "the read replica stopped following the log");
                        if let Ok(mut failed) = self.failed.lock() {
                            *failed = Some(e);
                        }
                        return;
                    }
                    Err(e) => {
                        tracing::error!(error = %e, "the read replica's task failed");
                        return;
                    }
                }
                // Announced but not yet visible through this connection (or announced again
                // meanwhile): look again shortly rather than spin.
                if self.applied() < size_of(&size.borrow()) {
                    tokio::time::sleep(Duration::from_millis(5)).await;
                    continue;
                }
            }
            tokio::select! {
                changed = size.changed() => if changed.is_err() { return },
                _ = shutdown.changed() => if *shutdown.borrow() { return },
            }
        }
    }

    fn failure(&self) -> Option<Problem> {
        self.failed.lock().ok().and_then(|f| {
            f.as_ref().map(|e| {
                Problem::unavailable(format!(
                    "the read replica stopped following the log ({e}); restart the server"
                ))
            })
        })
    }

    /// Waits until the replica has applied `size` entries (bounded by [`CATCH_UP_WAIT`]).
    pub async fn wait_for(&self, size: u64) -> Result<(), Problem> {
        let mut applied = self.applied.subscribe();
        let reached = tokio::time::timeout(CATCH_UP_WAIT, applied.wait_for(|a| *a >= size)).await;
        match reached {
            Ok(Ok(_)) => Ok(()),
            _ => Err(self.failure().unwrap_or_else(|| {
                Problem::unavailable(format!(
                    "the read replica is behind the log (at {} of {size} entries); retry in a moment",
                    self.applied()
                ))
            })),
        }
    }

    /// Runs `read` on the replica once it has applied `size` entries: on the blocking pool, one
    /// of at most [`Reader::permits`] reads at a time, so reads never occupy the runtime's
    /// workers (which serve writes) and always leave a core to the writer.
    pub async fn view<T: Send + 'static>(
        self: &Arc<Self>,
        size: u64,
        read: impl FnOnce(&View) -> T + Send + 'static,
    ) -> Result<T, Problem> {
        if let Some(p) = self.failure() {
            return Err(p);
        }
        self.wait_for(size).await?;
        let _permit = self.permit().await?;
        let reader = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let view = reader
                .view
                .read()
                .map_err(|_| Problem::internal("the replica's lock is poisoned"))?;
            Ok(read(&view))
        })
        .await
        .map_err(|e| Problem::internal(format!("a read task failed: {e}")))?
    }

    /// A turn to read (bounded wait).
    async fn permit(&self) -> Result<tokio::sync::SemaphorePermit<'_>, Problem> {
        match tokio::time::timeout(READ_WAIT, self.reads.acquire()).await {
            Ok(Ok(permit)) => Ok(permit),
            Ok(Err(_)) => Err(Problem::unavailable("the server is shutting down")),
            Err(_) => Err(Problem::unavailable(format!(
                "every read slot has been busy for {} s; retry in a moment",
                READ_WAIT.as_secs()
            ))
            .retry_after(1)),
        }
    }

    /// How many reads run at once: one core fewer than the machine has (at least one), so the
    /// writer always has a core.
    pub fn permits() -> usize {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get().saturating_sub(1))
            .max(1)
    }

    /// Runs `read` on the reader's own store connection (off the runtime's workers).
    pub async fn store<T: Send + 'static>(
        self: &Arc<Self>,
        read: impl FnOnce(&dyn Store) -> T + Send + 'static,
    ) -> Result<T, Problem> {
        let _permit = self.permit().await?;
        let reader = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let mut store = reader
                .store
                .lock()
                .map_err(|_| Problem::internal("the reader's store lock is poisoned"))?;
            store
                .refresh()
                .map_err(|e| Problem::internal(format!("reading the log: {e}")))?;
            Ok(read(store.as_ref()))
        })
        .await
        .map_err(|e| Problem::internal(format!("a read task failed: {e}")))?
    }

    /// The engine and state at exactly `size` entries, for the ledger to restore after a failed
    /// commit (see [`snapback_ledger::ledger::Restore`]); `None` if the replica cannot reach
    /// exactly that size.
    pub fn committed(&self, size: u64) -> Option<(Engine, State)> {
        if self.applied() < size && self.catch_up().is_err() {
            return None;
        }
        let view = self.view.read().ok()?;
        (view.size() == size && view.replayer.is_settled()).then(|| {
            let mut state = view.replayer.state().clone();
            state.as_of = view.state().as_of;
            (view.replayer.engine().clone(), state)
        })
    }
}
