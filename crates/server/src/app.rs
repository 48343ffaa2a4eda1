//! The application: the router (`app()`), and starting and serving it.

use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request, State};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{MethodRouter, get, post};
use snapback_ledger::Ledger;
use snapback_log::entry::ENTRY_BYTES_MAX;
use snapback_store::Store;
use tokio::sync::watch;

use crate::clock::Clock;
use crate::metrics::Metrics;
use crate::node::NodeHandle;
use crate::problem::Problem;
pub use crate::state::AppState;
use crate::timekeeping::TimeOptions;
use crate::{api, cosign, dashboard, evidence, openapi, scheduler, sse, webhooks};

/// Records each request's latency by route.
async fn track(State(app): State<AppState>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "(unmatched)".to_owned(), |p| p.as_str().to_owned());
    let start = Instant::now();
    let response = next.run(request).await;
    app.metrics().request(&route, start.elapsed().as_secs_f64());
    response
}

/// Every route the server answers: path and handlers (the API, probes, metrics, and the
/// dashboard). [`app`] is built from this list alone, so a test can request every route.
pub fn routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    let mut routes: Vec<(&'static str, MethodRouter<AppState>)> = vec![
        ("/v1/entries", post(api::entries::post_entry)),
        ("/v1/state", get(api::claims::get_state)),
        ("/v1/claims", get(api::claims::get_claims)),
        ("/v1/claims/{id}", get(api::claims::get_claim)),
        ("/v1/decisions", get(api::claims::get_decisions)),
        ("/v1/obligations", get(api::claims::get_obligations)),
        ("/v1/parties/{id}", get(api::claims::get_party)),
        ("/v1/fund", get(api::fund::get_fund)),
        ("/v1/fund/transfers", get(api::fund::get_fund_transfers)),
        ("/v1/capabilities", get(api::capabilities::get_capabilities)),
        (
            "/v1/capabilities/readiness",
            get(api::capabilities::get_capabilities_readiness),
        ),
        (
            "/v1/capabilities/deliveries",
            get(api::capabilities::get_capabilities_deliveries),
        ),
        (
            "/v1/capabilities/stockpiles",
            get(api::capabilities::get_capabilities_stockpiles),
        ),
        (
            "/v1/capabilities/training",
            get(api::capabilities::get_capabilities_training),
        ),
        (
            "/v1/capabilities/restrictions",
            get(api::capabilities::get_capabilities_restrictions),
        ),
        ("/v1/measures", get(api::measures::get_measures)),
        ("/v1/alerts", get(api::alerts::get_alerts)),
        ("/v1/measures/{id}", get(api::measures::get_measure)),
        ("/v1/log/checkpoint", get(api::log::get_checkpoint)),
        (
            "/v1/log/checkpoint/witnessed",
            get(api::log::get_witnessed_checkpoint),
        ),
        ("/v1/log/witnesses", get(api::log::get_witnesses)),
        ("/v1/log/entries", get(api::log::get_entries)),
        ("/v1/log/proof/inclusion", get(api::log::get_inclusion)),
        ("/v1/log/proof/consistency", get(api::log::get_consistency)),
        ("/v1/log/cosignature", post(cosign::post_cosignature)),
        ("/v1/evidence/{commitment}", get(evidence::get_evidence)),
        ("/v1/events", get(sse::events)),
        ("/v1/openapi.json", get(openapi::document)),
        ("/healthz", get(api::ops::healthz)),
        ("/readyz", get(api::ops::readyz)),
        ("/metrics", get(api::ops::metrics)),
    ];
    routes.extend(dashboard::routes());
    routes
}

/// The router: the API under `/v1`, probes, metrics, and the dashboard.
pub fn app(state: AppState) -> Router {
    routes()
        .into_iter()
        .fold(Router::new(), |router, (path, handler)| {
            router.route(path, handler)
        })
        .fallback(api::ops::no_route)
        .method_not_allowed_fallback(api::ops::wrong_method)
        .route_layer(middleware::from_fn_with_state(state.clone(), track))
        .layer(middleware::from_fn(crate::page::cap_response))
        // A little over the entry limit, so an oversized entry gets our problem+json, not a
        // bare 413 from the body reader.
        .layer(DefaultBodyLimit::max(ENTRY_BYTES_MAX * 2))
        .with_state(state)
}

/// A started server: the node thread, the scheduler and the webhook deliverer (and in a
/// cluster, the threads that hold the lease and watch the primary).
pub struct Running {
    pub state: AppState,
    shutdown: watch::Sender<bool>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
    node_thread: Option<std::thread::JoinHandle<()>>,
    /// Joined on [`Running::stop`] (a leader gives its lease up there).
    threads: Vec<std::thread::JoinHandle<()>>,
}

impl std::fmt::Debug for Running {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Running")
            .field("state", &self.state)
            .finish_non_exhaustive()
    }
}

/// Starts the node over an opened ledger, the scheduler and the webhook deliverer (on the current
/// tokio runtime).
pub fn start(ledger: Ledger<Box<dyn Store>>, clock: Arc<dyn Clock>) -> Result<Running, Problem> {
    start_with(ledger, clock, TimeOptions::default())
}

/// [`start`], with how the server judges its clock.
pub fn start_with(
    ledger: Ledger<Box<dyn Store>>,
    clock: Arc<dyn Clock>,
    time: TimeOptions,
) -> Result<Running, Problem> {
    let metrics = Arc::new(Metrics::default());
    let keyring = ledger.keyring().clone();
    let history = ledger.history().clone();
    let (node, node_thread, reader) =
        NodeHandle::start(ledger, Arc::clone(&clock), Arc::clone(&metrics), time)?;
    let (shutdown, shutdown_rx) = watch::channel(false);
    let state = AppState::new(node, reader, keyring, history, clock, metrics, shutdown_rx);
    let tasks = spawn_tasks(&state);
    Ok(Running {
        state,
        shutdown,
        tasks,
        node_thread: Some(node_thread),
        threads: Vec::new(),
    })
}

/// The tasks every server runs beside its routes: the read replica following the published
/// status, the deadline scheduler, the time check, the webhook deliverer and the witness
/// tasks (the last four act only while the process writes).
pub(crate) fn spawn_tasks(state: &AppState) -> Vec<tokio::task::JoinHandle<()>> {
    let node = state.node().clone();
    let reader = Arc::clone(state.reader());
    let clock = Arc::clone(state.clock());
    vec![
        tokio::spawn(Arc::clone(&reader).follow(
            node.status.clone(),
            |status| status.size,
            state.shutdown(),
        )),
        tokio::spawn(scheduler::run(node.clone(), clock, state.shutdown())),
        tokio::spawn(scheduler::keep_time(node.clone(), state.shutdown())),
        tokio::spawn(webhooks::run(node, reader, state.shutdown())),
        tokio::spawn(crate::witnessing::run(state.clone(), state.shutdown())),
    ]
}

impl Running {
    /// A started cluster process (see [`crate::cluster`]).
    pub(crate) fn cluster(
        state: AppState,
        shutdown: watch::Sender<bool>,
        tasks: Vec<tokio::task::JoinHandle<()>>,
        threads: Vec<std::thread::JoinHandle<()>>,
    ) -> Self {
        Running {
            state,
            shutdown,
            tasks,
            node_thread: None,
            threads,
        }
    }
}

impl Running {
    /// Signals shutdown: live streams end, the scheduler and the webhook deliverer stop.
    pub fn signal_shutdown(&self) {
        let _ = self.shutdown.send(true);
    }

    /// Stops the background tasks. The node thread ends once the last handle to it is dropped;
    /// every acknowledged submission was durable before it was acknowledged, so nothing waits.
    pub async fn stop(mut self) {
        self.signal_shutdown();
        for t in self.tasks.drain(..) {
            let _ = t.await;
        }
        self.node_thread.take();
        for thread in self.threads.drain(..) {
            let _ = tokio::task::spawn_blocking(move || thread.join()).await;
        }
    }
}

/// Serves `app` on `listener` with the default connection limits until `shutdown` resolves,
/// then drains connections (see [`crate::limits::serve`]).
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    crate::limits::serve(
        listener,
        router,
        crate::limits::LimitOptions::default(),
        shutdown,
    )
    .await
}
