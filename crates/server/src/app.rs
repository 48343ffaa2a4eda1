//! The application: shared state, the router (`app()`), and starting and serving it.

use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{MethodRouter, get, post};
use snapback_charter::CharterHistory;
use snapback_ledger::{Keyring, Ledger};
use snapback_log::entry::ENTRY_BYTES_MAX;
use snapback_store::Store;
use tokio::sync::watch;

use crate::api::RenderedCapabilities;
use crate::auth::{Viewer, lookup_token};
use crate::clock::Clock;
use crate::metrics::Metrics;
use crate::node::NodeHandle;
use crate::problem::Problem;
use crate::reader::{Reader, View};
use crate::timekeeping::TimeOptions;
use crate::{api, dashboard, evidence, openapi, scheduler, sse, timekeeping, webhooks};

struct Inner {
    node: NodeHandle,
    /// The read replica every read goes to.
    reader: Arc<Reader>,
    keyring: Keyring,
    history: CharterHistory,
    clock: Arc<dyn Clock>,
    metrics: Arc<Metrics>,
    /// The public `/v1/state` JSON and the log size it was rendered at.
    state_cache: Mutex<Option<(u64, Bytes)>>,
    /// The `/v1/fund` JSON (`None`: no fund) and the log size it was rendered at.
    fund_cache: Mutex<Option<(u64, Option<Bytes>)>>,
    /// The capability tracker's report and its `/v1/capabilities` JSON (`None`: nothing to
    /// track) and the log size they were rendered at.
    capabilities_cache: Mutex<Option<(u64, Option<Arc<RenderedCapabilities>>)>>,
    /// Turns true when the server shuts down (live streams end).
    shutdown: watch::Receiver<bool>,
}

/// The state every handler shares (cheap to clone).
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("node", &self.0.node)
            .finish_non_exhaustive()
    }
}

impl AppState {
    pub fn node(&self) -> &NodeHandle {
        &self.0.node
    }

    /// The read replica.
    pub fn reader(&self) -> &Arc<Reader> {
        &self.0.reader
    }

    /// Runs `read` on the read replica once it holds everything committed before this call (a
    /// client reads its own writes); it never waits for the writer.
    pub async fn read<T: Send + 'static>(
        &self,
        read: impl FnOnce(&View) -> T + Send + 'static,
    ) -> Result<T, Problem> {
        let committed = self.0.node.status.borrow().size;
        self.0.reader.view(committed, read).await
    }

    /// Runs `read` on the read replica's own connection to the store (entries, the checkpoint,
    /// tokens): never the writer's.
    pub async fn read_store<T: Send + 'static>(
        &self,
        read: impl FnOnce(&dyn Store) -> T + Send + 'static,
    ) -> Result<T, Problem> {
        self.0.reader.store(read).await
    }

    pub fn keyring(&self) -> &Keyring {
        &self.0.keyring
    }

    pub fn history(&self) -> &CharterHistory {
        &self.0.history
    }

    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.0.clock
    }

    pub fn metrics(&self) -> &Metrics {
        &self.0.metrics
    }

    /// Turns true when the server shuts down.
    pub fn shutdown(&self) -> watch::Receiver<bool> {
        self.0.shutdown.clone()
    }

    /// The cached public state JSON, if it is of the current log size.
    pub fn cached_state(&self) -> Option<Bytes> {
        let size = self.0.node.status.borrow().size;
        let cache = self.0.state_cache.lock().ok()?;
        cache
            .as_ref()
            .filter(|(s, _)| *s == size)
            .map(|(_, b)| b.clone())
    }

    pub fn store_state(&self, size: u64, bytes: Bytes) {
        if let Ok(mut cache) = self.0.state_cache.lock() {
            *cache = Some((size, bytes));
        }
    }

    /// The cached fund report JSON (`Some(None)`: there is no fund), if it is of the current log
    /// size.
    pub fn cached_fund(&self) -> Option<Option<Bytes>> {
        let size = self.0.node.status.borrow().size;
        let cache = self.0.fund_cache.lock().ok()?;
        cache
            .as_ref()
            .filter(|(s, _)| *s == size)
            .map(|(_, b)| b.clone())
    }

    pub fn store_fund(&self, size: u64, bytes: Option<Bytes>) {
        if let Ok(mut cache) = self.0.fund_cache.lock() {
            *cache = Some((size, bytes));
        }
    }

    /// The cached capability tracker report (`Some(None)`: nothing to track), if it is of the
    /// current log size.
    pub fn cached_capabilities(&self) -> Option<Option<Arc<RenderedCapabilities>>> {
        let size = self.0.node.status.borrow().size;
        let cache = self.0.capabilities_cache.lock().ok()?;
        cache
            .as_ref()
            .filter(|(s, _)| *s == size)
            .map(|(_, r)| r.clone())
    }

    pub fn store_capabilities(&self, size: u64, rendered: Option<Arc<RenderedCapabilities>>) {
        if let Ok(mut cache) = self.0.capabilities_cache.lock() {
            *cache = Some((size, rendered));
        }
    }

    /// The viewer a request's bearer token names (public without a token).
    pub async fn viewer(&self, headers: &HeaderMap) -> Result<Viewer, Problem> {
        let Some(value) = headers.get(header::AUTHORIZATION) else {
            return Ok(Viewer::public());
        };
        let unauthorized =
            |detail: &str| Problem::new(StatusCode::UNAUTHORIZED, "bad_token", detail);
        let token = value
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(|t| t.trim().to_owned())
            .ok_or_else(|| unauthorized("use `Authorization: Bearer <token>`"))?;
        let record = self
            .read_store(move |store| lookup_token(store, &token))
            .await?
            .map_err(|e| Problem::internal(e.to_string()))?
            .ok_or_else(|| unauthorized("the token was not issued by this log"))?;
        Ok(Viewer {
            party: Some(record.party),
            clearance: record.clearance,
        })
    }
}

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
        ("/v1/entries", post(api::post_entry)),
        ("/v1/state", get(api::get_state)),
        ("/v1/claims", get(api::get_claims)),
        ("/v1/claims/{id}", get(api::get_claim)),
        ("/v1/decisions", get(api::get_decisions)),
        ("/v1/obligations", get(api::get_obligations)),
        ("/v1/parties/{id}", get(api::get_party)),
        ("/v1/fund", get(api::get_fund)),
        ("/v1/fund/transfers", get(api::get_fund_transfers)),
        ("/v1/capabilities", get(api::get_capabilities)),
        (
            "/v1/capabilities/readiness",
            get(api::get_capabilities_readiness),
        ),
        (
            "/v1/capabilities/deliveries",
            get(api::get_capabilities_deliveries),
        ),
        (
            "/v1/capabilities/stockpiles",
            get(api::get_capabilities_stockpiles),
        ),
        (
            "/v1/capabilities/training",
            get(api::get_capabilities_training),
        ),
        (
            "/v1/capabilities/restrictions",
            get(api::get_capabilities_restrictions),
        ),
        ("/v1/log/checkpoint", get(api::get_checkpoint)),
        ("/v1/log/entries", get(api::get_entries)),
        ("/v1/log/proof/inclusion", get(api::get_inclusion)),
        ("/v1/log/proof/consistency", get(api::get_consistency)),
        ("/v1/log/cosignature", post(api::post_cosignature)),
        ("/v1/evidence/{commitment}", get(evidence::get_evidence)),
        ("/v1/events", get(sse::events)),
        ("/v1/openapi.json", get(openapi::document)),
        ("/healthz", get(healthz)),
        ("/readyz", get(api::readyz)),
        ("/metrics", get(api::metrics)),
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
        .fallback(api::no_route)
        .method_not_allowed_fallback(api::wrong_method)
        .route_layer(middleware::from_fn_with_state(state.clone(), track))
        .layer(middleware::from_fn(crate::page::cap_response))
        // A little over the entry limit, so an oversized entry gets our problem+json, not a
        // bare 413 from the body reader.
        .layer(DefaultBodyLimit::max(ENTRY_BYTES_MAX * 2))
        .with_state(state)
}

/// A started server: the node thread, the scheduler and the webhook deliverer.
pub struct Running {
    pub state: AppState,
    shutdown: watch::Sender<bool>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
    node_thread: Option<std::thread::JoinHandle<()>>,
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
    let state = AppState(Arc::new(Inner {
        node: node.clone(),
        reader: Arc::clone(&reader),
        keyring,
        history,
        clock: Arc::clone(&clock),
        metrics,
        state_cache: Mutex::new(None),
        fund_cache: Mutex::new(None),
        capabilities_cache: Mutex::new(None),
        shutdown: shutdown_rx.clone(),
    }));
    let tasks = vec![
        tokio::spawn(Arc::clone(&reader).follow(node.status.clone(), shutdown_rx.clone())),
        tokio::spawn(scheduler::run(
            node.clone(),
            Arc::clone(&clock),
            shutdown_rx.clone(),
        )),
        tokio::spawn(scheduler::check_time(node.clone(), shutdown_rx.clone())),
        tokio::spawn(webhooks::run(node, reader, shutdown_rx)),
    ];
    Ok(Running {
        state,
        shutdown,
        tasks,
        node_thread: Some(node_thread),
    })
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

/// `GET /healthz`: `ok` while the process serves, and a line about the clock when it is not
/// trusted (see `timekeeping::health_text`).
async fn healthz(State(app): State<AppState>) -> String {
    timekeeping::health_text(&app.metrics().time)
}
