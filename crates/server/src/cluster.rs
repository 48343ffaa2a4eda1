//! A cluster: several `serve` processes on one PostgreSQL database, exactly one of which writes.
//!
//! * **The lease** (`snapback_store::PgLease`, specified in `snapback_cluster`): every process
//!   tries to acquire it every quarter of its term. The holder leads: it opens the log on a
//!   store fenced by the lease's token (`PgMode::Fenced`) and starts the node
//!   thread (its engine and state are the follower's replica's, so it does not replay the log
//!   again). Deadlines that fell due while no one led fire at once, each dated at its deadline
//!   (the engine dates what a deadline decides at the deadline, never at the hour it is fired).
//!   A leader that cannot renew within its term, or finds another holder, stops writing; if it
//!   still tried, the fence would refuse its append, since the next holder's token is larger.
//! * **Following**: every other process keeps its own replica of the log's state (the same
//!   [`Reader`] a lone server reads from), caught up whenever the primary announces a commit
//!   (`LISTEN`, [`PgWatch`]) and at least every [`POLL`] when no announcement comes. It serves
//!   every read, the dashboard and live streams from it, and forwards writes to the leader
//!   ([`crate::forward`]). Its replica may read from a streaming standby (`--replica-url`);
//!   what is committed and how far it lags are always read on the primary.
//! * `/healthz` and `/metrics` say each process's role, its leader, and its lag.
//!
//! Nothing here reads the clock to decide what the log says: the lease runs on the database's
//! clock, and entries are dated by the node as in a lone server.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use snapback_charter::CharterHistory;
use snapback_ledger::ledger::Restore;
use snapback_ledger::{Keyring, Ledger};
use snapback_store::{PgLease, PgMode, PgStore, PgWatch, Store};
use tokio::sync::watch;

use crate::app::{Running, spawn_tasks};
use crate::clock::Clock;
use crate::feed::{Feed, LogEvent};
use crate::metrics::Metrics;
use crate::node::{NodeHandle, Status, load_tree};
use crate::problem::Problem;
use crate::reader::Reader;
use crate::role::{Leader, Role};
use crate::state::AppState;
use crate::timekeeping::TimeOptions;

/// How often a follower reads the primary's size when no commit is announced.
pub const POLL: Duration = Duration::from_millis(250);
/// The shortest lease term allowed: a term must outlast a few renewals over a slow network.
pub const LEASE_MIN: Duration = Duration::from_millis(400);
/// How long a follower waits before looking again when its replica is behind the primary (a
/// streaming standby that has not replayed the commit yet).
const BEHIND_RECHECK: Duration = Duration::from_millis(5);

/// How a process joins its cluster.
#[derive(Debug, Clone)]
pub struct ClusterOptions {
    /// This process's name in the lease (unique in the cluster).
    pub node_id: String,
    /// The primary database: the lease, the fence, appends, and the size followers catch up to.
    pub database_url: String,
    /// Where the replica reads entries from: a streaming standby of the primary, or the primary.
    pub replica_url: Option<String>,
    /// This process's base URL as the others reach it (followers forward writes to it).
    pub advertise: String,
    /// The lease's term; a dead leader is replaced within about this long plus a quarter.
    pub lease: Duration,
}

/// Opens the ledger over the fenced store of a new leader, taking the engine and state from the
/// restore when it has them at the store's size (`Ledger::open_restoring`; the binary holds the
/// charter and the keys).
pub type OpenLedger =
    Box<dyn Fn(Box<dyn Store>, Restore) -> Result<Ledger<Box<dyn Store>>, String> + Send + Sync>;

/// A step of starting the cluster's process that failed, and why.
fn failed(what: &str, e: impl std::fmt::Display) -> Problem {
    Problem::internal(format!("{what}: {e}"))
}

/// Starts this process as a follower of the cluster on `options.database_url`; it leads when
/// it gets the lease. `origin` is the log's name (its checkpoints' first line).
pub fn start(
    options: ClusterOptions,
    history: CharterHistory,
    origin: &str,
    open_ledger: OpenLedger,
    clock: Arc<dyn Clock>,
    time: TimeOptions,
) -> Result<Running, Problem> {
    if options.lease < LEASE_MIN {
        return Err(Problem::internal(format!(
            "the lease term must be at least {} ms",
            LEASE_MIN.as_millis()
        )));
    }
    let read_url = options
        .replica_url
        .clone()
        .unwrap_or_else(|| options.database_url.clone());
    let store = PgStore::open(&read_url, PgMode::Reader)
        .map_err(|e| failed("opening the log to follow it", e))?;
    let (engine, state) = snapback_ledger::ledger::replay_store(&store, &history)
        .map_err(|e| failed("replaying the log", e))?;
    let tree = load_tree(&store).map_err(|e| failed("reading the log", e))?;
    let keyring = Keyring::new(&history).map_err(|e| failed("the charter's keys", e))?;
    let reader = Reader::open(Box::new(store), engine, state, tree, origin)
        .map_err(|e| failed("starting the read replica", e))?;
    let metrics = Arc::new(Metrics::default());
    let role = Role::Follower { leader: None };
    let feed = Feed::new(role, reader.applied());
    let node = NodeHandle::new(Arc::clone(&feed));
    if let Some(status) = reader.read_now(status_of) {
        feed.publish(status, |_, _| Vec::new());
    }
    let (shutdown, shutdown_rx) = watch::channel(false);
    let state = AppState::new(
        node.clone(),
        Arc::clone(&reader),
        keyring,
        history,
        Arc::clone(&clock),
        Arc::clone(&metrics),
        shutdown_rx.clone(),
    );
    let mut tasks = spawn_tasks(&state);
    let (primary_tx, primary_rx) = watch::channel(Seen {
        size: reader.applied(),
        at: Instant::now(),
    });
    tasks.push(tokio::spawn(follow(
        node.clone(),
        Arc::clone(&reader),
        read_url,
        primary_rx,
        Arc::clone(&metrics),
        shutdown_rx.clone(),
    )));
    let watcher = {
        let url = options.database_url.clone();
        let shutdown = shutdown_rx.clone();
        std::thread::Builder::new()
            .name("snapback-watch".to_owned())
            .spawn(move || watch_primary(&url, &primary_tx, &shutdown))
            .map_err(|e| failed("cannot start the watch thread", e))?
    };
    let campaign = Campaign {
        options,
        node,
        reader,
        open_ledger,
        clock,
        time,
        metrics,
        shutdown: shutdown_rx,
    };
    let lease = std::thread::Builder::new()
        .name("snapback-lease".to_owned())
        .spawn(move || campaign.run())
        .map_err(|e| failed("cannot start the lease thread", e))?;
    Ok(Running::cluster(
        state,
        shutdown,
        tasks,
        vec![watcher, lease],
    ))
}

/// The status a replica publishes: its size, root, next deadline and latest instant.
fn status_of(view: &crate::reader::View) -> Status {
    Status {
        size: view.size(),
        root: view.tree.root(),
        next_deadline: view.engine().next_deadline(),
        now: view.engine().now(),
    }
}

/// The primary's size, and when this process first saw it.
#[derive(Debug, Clone, Copy)]
struct Seen {
    size: u64,
    at: Instant,
}

/// Sleeps `total` in short steps; `false` if `shutdown` turned true meanwhile.
fn pause(total: Duration, shutdown: &watch::Receiver<bool>) -> bool {
    let step = Duration::from_millis(50);
    let until = Instant::now() + total;
    while Instant::now() < until {
        if *shutdown.borrow() {
            return false;
        }
        std::thread::sleep(step.min(until.saturating_duration_since(Instant::now())));
    }
    !*shutdown.borrow()
}

/// Listens for the leader's commits on the primary and publishes its size (at least every
/// [`POLL`]), reconnecting after an error.
fn watch_primary(url: &str, seen: &watch::Sender<Seen>, shutdown: &watch::Receiver<bool>) {
    let mut connection: Option<PgWatch> = None;
    let mut failing = false;
    while !*shutdown.borrow() {
        let watch = match connection.as_mut() {
            Some(watch) => watch,
            None => match PgWatch::connect(url) {
                Ok(watch) => connection.insert(watch),
                Err(e) => {
                    if !failing {
                        tracing::warn!(error = %e, "cannot reach the primary database to follow the log; retrying");
                        failing = true;
                    }
                    if !pause(POLL, shutdown) {
                        return;
                    }
                    continue;
                }
            },
        };
        match watch.wait(POLL) {
            Ok(size) => {
                failing = false;
                seen.send_if_modified(|s| {
                    let grew = size != s.size;
                    if grew {
                        *s = Seen {
                            size,
                            at: Instant::now(),
                        };
                    }
                    grew
                });
            }
            Err(e) => {
                if !failing {
                    tracing::warn!(error = %e, "lost the primary database while following the log; reconnecting");
                    failing = true;
                }
                connection = None;
            }
        }
    }
}

/// A follower's loop: catch the replica up with the primary and publish what it applied;
/// measure the lag. While this process leads, the node publishes and this only keeps the
/// replica caught up and the lag. A replica whose connection fails connects again.
async fn follow(
    node: NodeHandle,
    reader: Arc<Reader>,
    read_url: String,
    mut primary: watch::Receiver<Seen>,
    metrics: Arc<Metrics>,
    mut shutdown: watch::Receiver<bool>,
) {
    let mut role = node.role.clone();
    loop {
        if *shutdown.borrow() {
            return;
        }
        role.borrow_and_update();
        let seen = *primary.borrow_and_update();
        // Off the runtime's workers: the store's client blocks. A leader's replica follows its
        // node's commits on its own; this also catches it up, and reconnects it for both.
        let (catching, publishing) = (Arc::clone(&reader), node.clone());
        let caught_up = tokio::task::spawn_blocking(move || {
            let applied = catching.catch_up_streaming()?;
            if !publishing.writes() {
                publish_replica(&publishing, &catching, applied);
            }
            Ok::<(), crate::reader::ReaderError>(())
        });
        match caught_up.await {
            Ok(Ok(())) => {}
            Ok(Err(e @ crate::reader::ReaderError::Replay { .. })) => {
                // Not the connection: an entry that does not replay.
                tracing::error!(error = %e, "the replica cannot apply the log");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
            Ok(Err(e)) => {
                tracing::warn!(error = %e, "the replica cannot follow the log; reconnecting");
                let (reconnecting, url) = (Arc::clone(&reader), read_url.clone());
                let reopened = tokio::task::spawn_blocking(move || {
                    let store = PgStore::open(&url, PgMode::Reader)?;
                    reconnecting.replace_store(Box::new(store));
                    Ok::<(), snapback_store::StoreError>(())
                })
                .await;
                if let Ok(Err(e)) = reopened {
                    tracing::warn!(error = %e, "cannot reconnect the replica; retrying");
                }
                tokio::time::sleep(Duration::from_millis(250)).await;
                continue;
            }
            Err(_) => return,
        }
        let applied = reader.applied();
        let gauges = &metrics.cluster;
        gauges
            .primary_size
            .store(seen.size.max(applied), Ordering::Relaxed);
        gauges.applied.store(applied, Ordering::Relaxed);
        if applied < seen.size {
            // A standby that has not replayed the commit yet: look again shortly.
            tokio::time::sleep(BEHIND_RECHECK).await;
            continue;
        }
        if applied == seen.size && seen.size > 0 && !node.writes() {
            gauges.lag.observe(seen.at.elapsed().as_secs_f64());
        }
        tokio::select! {
            changed = primary.changed() => if changed.is_err() { return },
            _ = role.changed() => {}
            _ = shutdown.changed() => {}
        }
    }
}

/// Publishes what the replica applied beyond what is published: `applied`, the entries the last
/// catch-up applied, or (when something else caught the replica up, the read path after a
/// failed commit, say) the entries read again on the replica's connection. A node that took over
/// meanwhile publishes further; the feed drops the stale. Blocking.
fn publish_replica(node: &NodeHandle, reader: &Arc<Reader>, applied: Vec<LogEvent>) {
    let Some(status) = reader.read_now(status_of) else {
        return;
    };
    node.feed().publish(status, |from, to| {
        if applied.first().is_some_and(|e| e.index <= from) {
            applied
                .into_iter()
                .filter(|e| (from..to).contains(&e.index))
                .collect()
        } else {
            reader
                .read_store_now(|store| crate::node::events(store, from, to))
                .unwrap_or_default()
        }
    });
}

/// The lease thread: acquires or renews every quarter term, leads while it holds the lease,
/// and follows otherwise.
struct Campaign {
    options: ClusterOptions,
    node: NodeHandle,
    reader: Arc<Reader>,
    open_ledger: OpenLedger,
    clock: Arc<dyn Clock>,
    time: TimeOptions,
    metrics: Arc<Metrics>,
    shutdown: watch::Receiver<bool>,
}

/// The lease this process leads under.
#[derive(Debug, Clone, Copy)]
struct Leading {
    token: u64,
    /// When the last successful renewal was asked for: the lease runs at least a term from then.
    renewed: Instant,
}

impl Campaign {
    fn run(self) {
        let me = self.options.node_id.clone();
        let term = self.options.lease;
        let term_millis = u64::try_from(term.as_millis()).unwrap_or(u64::MAX);
        let mut connection: Option<PgLease> = None;
        let mut leading: Option<Leading> = None;
        let mut failing = false;
        // The lease's connection dropped while leading: the node's may have too.
        let mut reconnected = false;
        loop {
            if *self.shutdown.borrow() {
                break;
            }
            let asked = Instant::now();
            let answer = match connection.as_mut() {
                Some(lease) => lease.acquire(&me, &self.options.advertise, term_millis),
                None => PgLease::connect(&self.options.database_url).and_then(|lease| {
                    connection
                        .insert(lease)
                        .acquire(&me, &self.options.advertise, term_millis)
                }),
            };
            match answer {
                Ok(Some(granted)) => {
                    failing = false;
                    let renewed = leading.is_some_and(|l| l.token == granted.token);
                    // Still the leader, but the database dropped the node's connection (or this
                    // one's): open the log again on a new one, under the same token.
                    let reopen =
                        std::mem::take(&mut reconnected) | self.node.take_connection_lost();
                    if renewed && !reopen {
                        leading = Some(Leading {
                            token: granted.token,
                            renewed: asked,
                        });
                    } else {
                        if leading.take().is_some() {
                            if renewed {
                                self.node.stop_writing(Role::Follower { leader: None });
                            } else {
                                self.step_down("the lease moved under this process");
                            }
                        }
                        match self.take_over(granted.token) {
                            Ok(()) => {
                                leading = Some(Leading {
                                    token: granted.token,
                                    renewed: asked,
                                });
                            }
                            Err(e) => {
                                tracing::error!(error = %e, "could not open the log under the lease; giving the lease up");
                                if let Some(lease) = connection.as_mut() {
                                    let _ = lease.step_down(&me, granted.token);
                                }
                            }
                        }
                    }
                }
                Ok(None) => {
                    failing = false;
                    if leading.take().is_some() {
                        self.step_down("another process holds the lease");
                    }
                    let leader = connection
                        .as_mut()
                        .and_then(|lease| lease.state().ok())
                        .and_then(|state| {
                            let id = state.leader()?.to_owned();
                            Some(Leader {
                                id,
                                address: state.address?,
                            })
                        });
                    let role = Role::Follower { leader };
                    if *self.node.role.borrow() != role {
                        self.node.feed().set_role(role);
                    }
                }
                Err(e) => {
                    connection = None;
                    reconnected = leading.is_some();
                    if !failing {
                        tracing::warn!(error = %e, "cannot reach the lease on the primary database; retrying");
                        failing = true;
                    }
                    if let Some(l) = leading
                        && l.renewed.elapsed() >= term
                    {
                        leading = None;
                        self.step_down("the lease could not be renewed within its term");
                    }
                }
            }
            if !pause(term / 4, &self.shutdown) {
                break;
            }
        }
        // Shutting down: stop writing, then give the lease up so a follower takes over at once.
        if let Some(l) = leading {
            self.node.stop_writing(Role::Follower { leader: None });
            if let Some(lease) = connection.as_mut()
                && let Err(e) = lease.step_down(&me, l.token)
            {
                tracing::warn!(error = %e, "could not give the lease up; it expires on its own");
            }
        }
    }

    /// Opens the log under `token` and starts writing.
    fn take_over(&self, token: u64) -> Result<(), String> {
        let started = Instant::now();
        let store = PgStore::open(&self.options.database_url, PgMode::Fenced(token))
            .map_err(|e| format!("opening the log under the lease: {e}"))?;
        // The follower's replica, caught up to the log's size, spares replaying the log (when it
        // cannot reach that size, a standby behind the primary, the ledger replays).
        let reader = Arc::clone(&self.reader);
        let restore: Restore = Box::new(move |size| reader.committed(size));
        let ledger = (self.open_ledger)(Box::new(store), restore)?;
        let tree = load_tree(ledger.store()).map_err(|e| format!("reading the log: {e}"))?;
        let role = Role::Leader { token };
        // Dropping the thread's handle detaches it: it ends when this process stops writing.
        let _thread = self
            .node
            .lead(
                ledger,
                tree,
                &self.reader,
                Arc::clone(&self.clock),
                Arc::clone(&self.metrics),
                self.time.clone(),
                role.clone(),
            )
            .map_err(|p| p.detail)?;
        let gauges = &self.metrics.cluster;
        gauges.token.store(token, Ordering::Relaxed);
        gauges.takeovers.fetch_add(1, Ordering::Relaxed);
        tracing::info!(
            node = %self.options.node_id,
            token,
            took_ms = started.elapsed().as_millis() as u64,
            "leading the log"
        );
        Ok(())
    }

    fn step_down(&self, why: &str) {
        let role = Role::Follower { leader: None };
        self.metrics
            .cluster
            .step_downs
            .fetch_add(1, Ordering::Relaxed);
        self.node.stop_writing(role);
        tracing::warn!(node = %self.options.node_id, why, "stopped writing: following the log");
    }
}
