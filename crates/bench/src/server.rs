//! `snapback bench server`: requests per second and latency percentiles for `GET /v1/state` and
//! `POST /v1/entries` at a fixed concurrency, next to a trivial axum route served on the same
//! machine in the same run; and the deadline fire latency with 10,000 open claims.
//!
//! The load generator runs in this process (tokio + reqwest, keep-alive connections), the
//! servers on loopback ports; all share the machine's two cores, which is the honest setting
//! for a ratio.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::error::Context;
use axum::Router;
use axum::routing::get;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use clap::Args;
use jiff::Timestamp;
use snapback_ledger::{Ledger, Submission};
use snapback_server::clock::SystemClock;
use snapback_store::{SqliteStore, Store};

use crate::log::{Keys, charter_with, claim, keys, vote};

#[derive(Args, Debug)]
pub struct ServerArgs {
    /// Seconds per request measurement.
    #[arg(long, default_value_t = 5)]
    pub(crate) seconds: u64,
    /// Concurrent connections of the load generator.
    #[arg(long, default_value_t = 32)]
    pub(crate) concurrency: usize,
    /// Open claims whose deadlines the fire-latency measurement waits for.
    #[arg(long, default_value_t = 10_000)]
    pub(crate) open_claims: usize,
    /// Open claims in the log of the read-load measurement (the largest reads grow with it).
    #[arg(long, default_value_t = 100_000)]
    pub(crate) load_claims: usize,
    /// Clients hammering the largest reads in the read-load measurement.
    #[arg(long, default_value_t = 8)]
    pub(crate) readers: usize,
    /// Only the read-load measurement.
    #[arg(long)]
    pub(crate) reads_only: bool,
}

/// Latency summary of a measurement.
pub(crate) struct Measured {
    pub rps: f64,
    pub p50: Duration,
    pub p99: Duration,
    pub errors: u64,
}

pub(crate) fn percentile(sorted: &[Duration], q: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// Runs `make` concurrently for `seconds`; each call is one request (`Some(success)`), and a
/// connection stops early when `make` has nothing more to send (`None`).
pub(crate) async fn measure<F, Fut>(concurrency: usize, seconds: u64, make: F) -> Measured
where
    F: Fn(usize, u64) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = Option<bool>> + Send,
{
    let make = Arc::new(make);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let start = Instant::now();
    let mut tasks = Vec::with_capacity(concurrency);
    for w in 0..concurrency {
        let make = Arc::clone(&make);
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut errors = 0u64;
            let mut n = 0u64;
            while Instant::now() < deadline {
                let t = Instant::now();
                let Some(ok) = make(w, n).await else { break };
                latencies.push(t.elapsed());
                errors += u64::from(!ok);
                n += 1;
            }
            (latencies, errors)
        }));
    }
    let mut all = Vec::new();
    let mut errors = 0;
    for t in tasks {
        if let Ok((l, e)) = t.await {
            all.extend(l);
            errors += e;
        }
    }
    let elapsed = start.elapsed().as_secs_f64();
    all.sort();
    Measured {
        rps: all.len() as f64 / elapsed,
        p50: percentile(&all, 0.5),
        p99: percentile(&all, 0.99),
        errors,
    }
}

pub(crate) fn print(name: &str, m: &Measured) {
    println!(
        "  {name:<38} {:>9.0} req/s   p50 {:>8.2} ms   p99 {:>8.2} ms   errors {}",
        m.rps,
        m.p50.as_secs_f64() * 1e3,
        m.p99.as_secs_f64() * 1e3,
        m.errors
    );
}

pub(crate) fn body(s: &Submission) -> crate::error::Result<Vec<u8>> {
    Ok(serde_json::to_vec(
        &serde_json::json!({ "body": s.body, "sig": B64.encode(s.sig) }),
    )?)
}

/// Starts a snapback server over a fresh SQLite log in `dir`; returns its base URL.
async fn start_server(
    dir: &Path,
    keys: &Keys,
    decide_within: &str,
) -> crate::error::Result<(String, snapback_server::Running)> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir)?;
    let store: Box<dyn Store> = Box::new(SqliteStore::open(&dir.join("log.sqlite"))?);
    let ledger = keys.ledger(store, charter_with(keys, decide_within)?)?;
    serve_ledger(ledger).await
}

/// Serves an opened ledger on a loopback port (the system clock, no read limit: the load comes
/// from one address); returns its base URL.
pub(crate) async fn serve_ledger(
    ledger: Ledger<Box<dyn Store>>,
) -> crate::error::Result<(String, snapback_server::Running)> {
    let running = snapback_server::start(ledger, Arc::new(SystemClock))
        .map_err(|p| crate::failed!("{}", p.detail))?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}", listener.local_addr()?);
    let router = snapback_server::app(running.state.clone());
    tokio::spawn(snapback_server::serve(
        listener,
        router,
        std::future::pending(),
    ));
    Ok((url, running))
}

/// Deadline fire latency: files `n` claims due in `decide_within`, then watches the event
/// stream for their determinations. Latency = when the determination arrives − the deadline.
async fn fire_latency(
    dir: &Path,
    keys: &Keys,
    n: usize,
    client: &reqwest::Client,
) -> crate::error::Result<Vec<Duration>> {
    let (url, running) = start_server(dir, keys, "20s").await?;
    let bodies: Vec<Vec<u8>> = (0..n)
        .map(|i| claim(&keys.ua, &format!("F{i}"), Timestamp::now()).and_then(|s| body(&s)))
        .collect::<crate::error::Result<_>>()?;
    let mut events = client.get(format!("{url}/v1/events")).send().await?;
    let filing = Instant::now();
    let mut tasks = Vec::new();
    for chunk in bodies.chunks(n.div_ceil(32).max(1)) {
        let chunk = chunk.to_vec();
        let client = client.clone();
        let url = url.clone();
        tasks.push(tokio::spawn(async move {
            for b in chunk {
                let _ = client
                    .post(format!("{url}/v1/entries"))
                    .header("content-type", "application/json")
                    .body(b)
                    .send()
                    .await;
            }
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
    println!(
        "  filed {n} claims due 20 s after filing, in {:.1} s; waiting for their deadlines",
        filing.elapsed().as_secs_f64()
    );
    let latencies = determinations(&mut events, n).await;
    running.stop().await;
    Ok(latencies)
}

/// Adds `chunk` of a Server-Sent Events stream to `buffer` and takes out the events it completes
/// (each up to its blank line).
pub(crate) fn complete_events(buffer: &mut String, chunk: &[u8]) -> Vec<String> {
    buffer.push_str(&String::from_utf8_lossy(chunk));
    let mut events = Vec::new();
    while let Some(end) = buffer.find("\n\n") {
        events.push(buffer.drain(..end + 2).collect());
    }
    events
}

/// Reads `/v1/events` until `n` claim determinations arrived (or 120 s passed); returns how long
/// after its deadline (the entry's `at`) each one arrived.
pub(crate) async fn determinations(events: &mut reqwest::Response, n: usize) -> Vec<Duration> {
    let mut latencies = Vec::with_capacity(n);
    let mut buffer = String::new();
    let give_up = Instant::now() + Duration::from_secs(120);
    while latencies.len() < n && Instant::now() < give_up {
        let Ok(Ok(Some(chunk))) =
            tokio::time::timeout(Duration::from_secs(30), events.chunk()).await
        else {
            break;
        };
        let arrived = Timestamp::now();
        for event in complete_events(&mut buffer, &chunk) {
            let Some(data) = event.lines().find_map(|l| l.strip_prefix("data:")) else {
                continue;
            };
            let Ok(entry) = serde_json::from_str::<serde_json::Value>(data.trim()) else {
                continue;
            };
            if entry["body"]["event"]["type"] == "claim.determined"
                && let Some(at) = entry["at"]
                    .as_str()
                    .and_then(|a| a.parse::<Timestamp>().ok())
            {
                let late = arrived.duration_since(at);
                latencies.push(Duration::try_from(late).unwrap_or(Duration::ZERO));
            }
        }
    }
    latencies
}

pub fn run(args: &ServerArgs) -> crate::error::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("runtime")?;
    runtime.block_on(async {
        let keys = keys()?;
        let dir = std::env::temp_dir().join(format!("snapback-bench-server-{}", std::process::id()));
        let client = reqwest::Client::builder().pool_max_idle_per_host(args.concurrency * 2).build()?;
        if args.reads_only {
            crate::server_reads::run(args, &dir.join("reads"), &keys, &client).await?;
            let _ = std::fs::remove_dir_all(&dir);
            return Ok::<(), crate::error::BenchError>(());
        }
        println!(
            "snapback bench server: {} connections, {} s per measurement, loopback, 2 cores shared by servers and load",
            args.concurrency, args.seconds
        );

        let trivial = Router::new().route("/", get(|| async { "ok" }));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let trivial_url = format!("http://{}/", listener.local_addr()?);
        tokio::spawn(async move { axum::serve(listener, trivial).await });

        let (url, running) = start_server(&dir.join("api"), &keys, "30d").await?;
        // Some state to serve: 50 claims.
        for i in 0..50 {
            let b = body(&claim(&keys.ua, &format!("S{i}"), Timestamp::now())?)?;
            client.post(format!("{url}/v1/entries")).header("content-type", "application/json").body(b).send().await?;
        }
        let state_len = client.get(format!("{url}/v1/state")).send().await?.bytes().await?.len();

        let c = client.clone();
        let u = trivial_url.clone();
        let base = measure(args.concurrency, args.seconds, move |_, _| {
            let (c, u) = (c.clone(), u.clone());
            async move { Some(c.get(&u).send().await.is_ok_and(|r| r.status().is_success())) }
        })
        .await;
        print("trivial axum route GET /", &base);

        let c = client.clone();
        let u = format!("{url}/v1/state");
        let state = measure(args.concurrency, args.seconds, move |_, _| {
            let (c, u) = (c.clone(), u.clone());
            async move {
                Some(match c.get(&u).send().await {
                    Ok(r) if r.status().is_success() => r.bytes().await.is_ok(),
                    _ => false,
                })
            }
        })
        .await;
        print(&format!("GET /v1/state ({state_len} bytes)"), &state);
        println!(
            "  GET /v1/state / trivial route: {:.2} (goal >= 0.50: {})",
            state.rps / base.rps,
            if state.rps >= 0.5 * base.rps { "met" } else { "NOT met" }
        );

        // POST: each connection posts, in turn, a claim and a guarantor's vote on it, all signed
        // beforehand (signing is the submitter's cost, not the server's).
        let per = (15_000 * args.seconds as usize) / args.concurrency.max(1) / 2 + 1;
        let signed: Vec<Vec<Vec<u8>>> = (0..args.concurrency)
            .map(|w| {
                (0..per)
                    .flat_map(|i| {
                        let id = format!("P{w}-{i}");
                        [claim(&keys.ua, &id, Timestamp::now()), vote(&keys.g1, &id, Timestamp::now())]
                    })
                    .map(|s| s.and_then(|s| body(&s)))
                    .collect()
            })
            .collect::<crate::error::Result<_>>()?;
        let signed = Arc::new(signed);
        let c = client.clone();
        let u = format!("{url}/v1/entries");
        let post = measure(args.concurrency, args.seconds, move |w, n| {
            let (c, u, signed) = (c.clone(), u.clone(), Arc::clone(&signed));
            async move {
                let b = signed.get(w).and_then(|s| s.get(n as usize)).cloned()?;
                Some(c.post(&u).header("content-type", "application/json").body(b).send().await.is_ok_and(|r| r.status().as_u16() == 201))
            }
        })
        .await;
        print("POST /v1/entries (claims and votes)", &post);
        running.stop().await;

        let mut latencies = fire_latency(&dir.join("fire"), &keys, args.open_claims, &client).await?;
        latencies.sort();
        println!(
            "  deadline fire latency, {} open claims: {} fired; p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms (goal p99 < 1 s: {})",
            args.open_claims,
            latencies.len(),
            percentile(&latencies, 0.5).as_secs_f64() * 1e3,
            percentile(&latencies, 0.99).as_secs_f64() * 1e3,
            latencies.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
            if latencies.len() == args.open_claims && percentile(&latencies, 0.99) < Duration::from_secs(1) { "met" } else { "NOT met" }
        );
        println!("  (fire latency is measured end to end: from the deadline to the determination arriving over /v1/events)");
        crate::server_reads::run(args, &dir.join("reads"), &keys, &client).await?;
        let _ = std::fs::remove_dir_all(&dir);
        Ok::<(), crate::error::BenchError>(())
    })
}
