//! The state every handler shares ([`AppState`]): the node, the read replica, the charter, the
//! clock, metrics, and the answers rendered once per log size ([`SizeCache`]).

use std::future::Future;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode, header};
use snapback_charter::CharterHistory;
use snapback_ledger::Keyring;
use snapback_store::Store;
use tokio::sync::watch;

use crate::auth::{Viewer, lookup_token};
use crate::clock::Clock;
use crate::metrics::Metrics;
use crate::node::NodeHandle;
use crate::problem::Problem;
use crate::reader::{Reader, View};
use crate::views::{RenderedCapabilities, render_capabilities, rendered};

/// One answer rendered at a log size, kept until the log grows: `get` hands it out only while
/// the log is still that size.
#[derive(Debug)]
pub struct SizeCache<T>(Mutex<Option<(u64, T)>>);

impl<T> Default for SizeCache<T> {
    fn default() -> Self {
        Self(Mutex::new(None))
    }
}

impl<T: Clone> SizeCache<T> {
    /// The value rendered at `size`, if that is what the cache holds.
    pub fn get(&self, size: u64) -> Option<T> {
        let cache = self.0.lock().ok()?;
        cache
            .as_ref()
            .filter(|(s, _)| *s == size)
            .map(|(_, v)| v.clone())
    }

    /// Keeps `value`, rendered at log size `size`.
    pub fn put(&self, size: u64, value: T) {
        if let Ok(mut cache) = self.0.lock() {
            *cache = Some((size, value));
        }
    }

    /// The value of log size `size`: cached, or rendered (`render` answers the value and the
    /// log size it was rendered at, which it keeps).
    pub async fn get_or_render<F, Fut>(&self, size: u64, render: F) -> Result<T, Problem>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<(u64, T), Problem>>,
    {
        if let Some(value) = self.get(size) {
            return Ok(value);
        }
        let (rendered_at, value) = render().await?;
        self.put(rendered_at, value.clone());
        Ok(value)
    }
}

/// What every handler shares; [`AppState::new`] takes the same fields as parameters.
struct Inner {
    node: NodeHandle,
    /// The read replica every read goes to.
    reader: Arc<Reader>,
    keyring: Keyring,
    history: CharterHistory,
    clock: Arc<dyn Clock>,
    metrics: Arc<Metrics>,
    /// The public `/v1/state` JSON.
    state_cache: SizeCache<Bytes>,
    /// The `/v1/fund` JSON (`None`: no fund).
    fund_cache: SizeCache<Option<Bytes>>,
    /// The capability tracker's report and its `/v1/capabilities` JSON (`None`: nothing to
    /// track).
    capabilities_cache: SizeCache<Option<Arc<RenderedCapabilities>>>,
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

    /// The log size committed so far.
    pub fn size(&self) -> u64 {
        self.0.node.status.borrow().size
    }

    /// The public `/v1/state` JSON, rendered once per log size.
    pub fn state_cache(&self) -> &SizeCache<Bytes> {
        &self.0.state_cache
    }

    /// The `/v1/fund` JSON (`None`: there is no fund), rendered once per log size.
    pub fn fund_cache(&self) -> &SizeCache<Option<Bytes>> {
        &self.0.fund_cache
    }

    /// The capability tracker's report (`None`: nothing to track), rendered once per log size.
    pub fn capabilities_cache(&self) -> &SizeCache<Option<Arc<RenderedCapabilities>>> {
        &self.0.capabilities_cache
    }

    /// The cached public state JSON, if it is of the current log size.
    pub fn cached_state(&self) -> Option<Bytes> {
        self.0.state_cache.get(self.size())
    }

    /// The cached fund report JSON (`Some(None)`: there is no fund), if it is of the current log
    /// size.
    pub fn cached_fund(&self) -> Option<Option<Bytes>> {
        self.0.fund_cache.get(self.size())
    }

    /// The cached capability tracker report (`Some(None)`: nothing to track), if it is of the
    /// current log size.
    pub fn cached_capabilities(&self) -> Option<Option<Arc<RenderedCapabilities>>> {
        self.0.capabilities_cache.get(self.size())
    }

    /// The capability tracker's report at the current log size: cached, or rendered on the
    /// read replica (serialised off it) and cached. `None`: nothing to track.
    pub async fn capabilities(&self) -> Result<Option<Arc<RenderedCapabilities>>, Problem> {
        self.0
            .capabilities_cache
            .get_or_render(self.size(), || async {
                let (size, report) = self.read(render_capabilities).await?;
                Ok((size, rendered(report)?))
            })
            .await
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

impl AppState {
    /// The state of a started node (see [`crate::app::start`]).
    pub(crate) fn new(
        node: NodeHandle,
        reader: Arc<Reader>,
        keyring: Keyring,
        history: CharterHistory,
        clock: Arc<dyn Clock>,
        metrics: Arc<Metrics>,
        shutdown: watch::Receiver<bool>,
    ) -> Self {
        Self(Arc::new(Inner {
            node,
            reader,
            keyring,
            history,
            clock,
            metrics,
            state_cache: SizeCache::default(),
            fund_cache: SizeCache::default(),
            capabilities_cache: SizeCache::default(),
            shutdown,
        }))
    }
}
