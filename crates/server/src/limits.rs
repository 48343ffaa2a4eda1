//! Limits on what a client can hold (see `docs/security.md`, "Limits").
//!
//! * **Connections.** At most `max_connections` at once (capped below the process's limit on
//!   open files, raised towards the hard limit if need be, so accepting never starves the log of
//!   descriptors). At the cap the server stops
//!   accepting: new connections wait in the kernel's backlog until one closes.
//! * **Header-read timeout.** A request's head (request line and headers) must arrive within
//!   `header_read_timeout`, counted from when the server starts waiting for it: a fresh
//!   connection that sends nothing, a client that sends headers slowly, and a kept-alive
//!   connection waiting for its next request are all closed after it (hyper's timer).
//! * **Idle timeout.** A connection on which nothing is read or written for `idle_timeout` is
//!   closed (a stalled request body, a client that stopped reading a stream). Live streams
//!   (`/v1/events`) send a keep-alive comment every 15 s, so they are not idle.
//! * **Anonymous reads** (`GET`/`HEAD` without `Authorization`, except the probes `/healthz`,
//!   `/readyz` and `/metrics`) are rate-limited per client IP with `tower_governor`: `read_rate` per second, bursts of `read_burst`; refusals are `429
//!   rate_limited` with `Retry-After`. Writes are authorised by signatures and shed by the node's
//!   bounded queue instead.
//!
//! The accept loop is hyper's HTTP/1 connection builder over a semaphore, with graceful
//! shutdown: when `shutdown` resolves the listener is dropped, every connection finishes its
//! in-flight request and closes, and `serve` returns when the last one has.

use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::sync::{Semaphore, watch};
use tower::ServiceExt as _;
use tower_governor::governor::GovernorConfigBuilder;

use crate::problem::Problem;

/// Descriptors kept free for the log, its database connections, webhooks and the listener.
const RESERVED_FDS: u64 = 128;

/// The limits `serve` and [`rate_limit_reads`] apply.
#[derive(Debug, Clone)]
pub struct LimitOptions {
    /// Connections open at once, at most (also capped below `RLIMIT_NOFILE`).
    pub max_connections: usize,
    /// How long a request's head may take to arrive (also how long a kept-alive connection
    /// waits for its next request).
    pub header_read_timeout: Duration,
    /// A connection with nothing read or written for this long is closed.
    pub idle_timeout: Duration,
    /// Anonymous reads per second per client IP (0: no limit).
    pub read_rate: u32,
    /// Anonymous reads a client may make at once before the rate applies.
    pub read_burst: u32,
}

impl Default for LimitOptions {
    fn default() -> Self {
        Self {
            max_connections: 1_024,
            header_read_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(60),
            read_rate: 50,
            read_burst: 200,
        }
    }
}

/// `requested`, capped so that every connection's descriptor fits under the soft
/// `RLIMIT_NOFILE` with [`RESERVED_FDS`] to spare. If the soft limit is too low for `requested`,
/// it is first raised towards the hard limit (as far as `requested` needs).
pub fn effective_max_connections(requested: usize) -> usize {
    use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};
    let requested = requested.max(1);
    let limit = getrlimit(Resource::Nofile);
    let Some(mut soft) = limit.current else {
        return requested;
    };
    let want = u64::try_from(requested)
        .unwrap_or(u64::MAX)
        .saturating_add(RESERVED_FDS);
    if soft < want {
        let target = limit.maximum.map_or(want, |hard| hard.min(want));
        if target > soft
            && setrlimit(
                Resource::Nofile,
                Rlimit {
                    current: Some(target),
                    maximum: limit.maximum,
                },
            )
            .is_ok()
        {
            soft = target;
        }
    }
    let room = usize::try_from(soft.saturating_sub(RESERVED_FDS).max(soft / 2).max(1))
        .unwrap_or(usize::MAX);
    if room < requested {
        tracing::warn!(
            requested,
            capped = room,
            nofile = soft,
            "fewer connections than asked: the open-file limit (ulimit -n) leaves room for {room}"
        );
    }
    requested.min(room)
}

/// When a connection last read or wrote a byte, in milliseconds since the process's origin.
#[derive(Debug)]
struct Activity {
    origin: Instant,
    last: AtomicU64,
}

impl Activity {
    fn new() -> Self {
        Self {
            origin: Instant::now(),
            last: AtomicU64::new(0),
        }
    }

    fn touch(&self) {
        let ms = u64::try_from(self.origin.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last.store(ms, Ordering::Relaxed);
    }

    fn idle(&self) -> Duration {
        let now = u64::try_from(self.origin.elapsed().as_millis()).unwrap_or(u64::MAX);
        Duration::from_millis(now.saturating_sub(self.last.load(Ordering::Relaxed)))
    }
}

/// A TCP stream that records its last activity.
#[derive(Debug)]
struct Watched {
    inner: TcpStream,
    activity: Arc<Activity>,
}

impl AsyncRead for Watched {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        if matches!(polled, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.activity.touch();
        }
        polled
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write(cx, buf);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.touch();
        }
        polled
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.touch();
        }
        polled
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// Serves `router` on `listener` within `limits` until `shutdown` resolves, then stops accepting
/// and waits for the open connections to finish their requests.
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    limits: LimitOptions,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let cap = effective_max_connections(limits.max_connections);
    let permits = Arc::new(Semaphore::new(cap));
    let (closing_tx, closing) = watch::channel(false);
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .keep_alive(true);
    let idle_timeout = limits.idle_timeout;
    let check_every = (idle_timeout / 4).clamp(Duration::from_millis(50), Duration::from_secs(1));
    tokio::pin!(shutdown);
    loop {
        // At the cap, stop accepting: waiting connections stay in the kernel's backlog.
        let permit = tokio::select! {
            permit = Arc::clone(&permits).acquire_owned() => match permit {
                Ok(p) => p,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of descriptors, or a connection reset before it was accepted: wait a
                    // little rather than spin.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let activity = Arc::new(Activity::new());
        activity.touch();
        let io = TokioIo::new(Watched {
            inner: stream,
            activity: Arc::clone(&activity),
        });
        let router = router.clone();
        let service =
            hyper::service::service_fn(move |mut request: Request<hyper::body::Incoming>| {
                request
                    .extensions_mut()
                    .insert(ConnectInfo::<SocketAddr>(remote));
                router.clone().oneshot(request.map(Body::new))
            });
        let http = http.clone();
        let mut closing = closing.clone();
        tokio::spawn(async move {
            let connection = http.serve_connection(io, service);
            tokio::pin!(connection);
            let mut draining = false;
            loop {
                tokio::select! {
                    result = connection.as_mut() => {
                        if let Err(e) = result {
                            tracing::debug!(error = %e, %remote, "connection ended");
                        }
                        break;
                    }
                    _ = closing.changed(), if !draining => {
                        // Finish the request in flight, then close.
                        connection.as_mut().graceful_shutdown();
                        draining = true;
                    }
                    () = tokio::time::sleep(check_every) => {
                        if activity.idle() >= idle_timeout {
                            tracing::debug!(%remote, "idle connection closed");
                            break;
                        }
                    }
                }
            }
            drop(permit);
        });
    }
    drop(listener);
    let _ = closing_tx.send(true);
    // Every permit back: every connection has ended.
    let all = u32::try_from(cap).unwrap_or(u32::MAX);
    let _ = permits.acquire_many(all).await;
    Ok(())
}

/// A `429 rate_limited` problem with `Retry-After`.
fn too_many(seconds: u64) -> Response<Body> {
    Problem::new(
        StatusCode::TOO_MANY_REQUESTS,
        "rate_limited",
        format!(
            "too many anonymous reads from this address; retry in {seconds} s (a delegation's systems can send `Authorization: Bearer <token>`, which is not limited)"
        ),
    )
    .retry_after(seconds)
    .into_response()
}

/// The per-address limiter of anonymous reads (`tower_governor`'s keyed `governor` limiter).
type ReadLimiter = tower_governor::governor::SharedRateLimiter<
    std::net::IpAddr,
    governor::middleware::NoOpMiddleware<governor::clock::QuantaInstant>,
>;

/// Paths monitoring polls: never rate-limited (they are cheap and must answer under load).
const PROBES: [&str; 3] = ["/healthz", "/readyz", "/metrics"];

/// Counts anonymous reads against their address's quota (refusing those beyond it), and lets
/// everything else straight on. The limiter is consulted here, in the router's own middleware,
/// rather than by routing the request a second time through a governed copy of the router
/// (which doubled its path parameters: every anonymous `GET /claims/{id}` failed).
async fn steer(State(limiter): State<ReadLimiter>, request: Request, next: Next) -> Response {
    use governor::clock::Clock as _;
    let read = matches!(*request.method(), Method::GET | Method::HEAD);
    let probe = PROBES.contains(&request.uri().path());
    if read && !probe && !request.headers().contains_key(header::AUTHORIZATION) {
        let peer = request
            .extensions()
            .get::<axum::extract::ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip());
        if let Some(ip) = peer
            && let Err(not_until) = limiter.check_key(&ip)
        {
            let wait = not_until.wait_time_from(governor::clock::DefaultClock::default().now());
            return too_many(wait.as_secs().max(1));
        }
    }
    next.run(request).await
}

/// `router` with anonymous reads (`GET`/`HEAD` without `Authorization`) limited per client IP
/// (from `ConnectInfo<SocketAddr>`, which [`serve`] sets); unchanged if `read_rate` is 0.
pub fn rate_limit_reads(router: Router, limits: &LimitOptions) -> Router {
    if limits.read_rate == 0 {
        return router;
    }
    let period = Duration::from_nanos(1_000_000_000 / u64::from(limits.read_rate))
        .max(Duration::from_nanos(1));
    let Some(config) = GovernorConfigBuilder::default()
        .period(period)
        .burst_size(limits.read_burst.max(1))
        .finish()
    else {
        tracing::warn!("the read rate limit is not valid; reads are not limited");
        return router;
    };
    let limiter = config.limiter().clone();
    // Forget clients that have been quiet long enough to be back to a full burst.
    if let Ok(runtime) = tokio::runtime::Handle::try_current() {
        runtime.spawn(async move {
            let mut interval = tokio::time::interval(Duration::from_secs(60));
            loop {
                interval.tick().await;
                limiter.retain_recent();
            }
        });
    }
    router.layer(middleware::from_fn_with_state(
        Arc::clone(config.limiter()),
        steer,
    ))
}
