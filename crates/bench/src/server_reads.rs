//! The read-load part of `snapback bench server`: on a log with many open claims (100,000 by
//! default), the latency of `POST /v1/entries` idle and while clients hammer the largest reads,
//! and the deadline fire latency under the same read load.
//!
//! Reads are served by a replica beside the writer, so the goal is that they slow writes and
//! deadlines only through the cores they share: the POST p50 under read load within 2× of its
//! idle p50, and the fire latency p99 under 1 s.
//!
//! The log is loaded through the ledger directly (signed claims in batches, one commit each),
//! under a charter whose claims are decided within 30 days, so none fires during the run. The
//! server then opens it with an amendment effective a moment later that decides claims within
//! 20 s: the claims filed for the fire-latency measurement fall due while the readers read.
//! The writes measured are guarantor votes on the loaded claims (one vote of three decides
//! nothing), so they add no deadlines of their own.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use jiff::{SignedDuration, Timestamp};
use snapback_charter::{CharterHistory, Source, load_toml};
use snapback_ledger::{Ledger, Outcome, Submission};
use snapback_store::{SqliteStore, Store};

use crate::log::{Keys, charter_text, claim, vote};
use crate::server::{ServerArgs, body, determinations, measure, percentile, print};

/// Claims signed and committed per batch while loading.
const LOAD_BATCH: usize = 2_000;
/// Claims filed for the fire-latency measurement.
const FIRE_CLAIMS: usize = 1_000;

/// The benchmark charter, amended at `effective` to decide claims within 20 s.
fn history(keys: &Keys, effective: Option<Timestamp>) -> crate::error::Result<CharterHistory> {
    let load = |name: &str, text: String| {
        load_toml(&Source::new(name, text)).map_err(|d| crate::failed!("{d}"))
    };
    let mut versions = vec![load("bench-reads-1.toml", charter_text(keys, "30d"))?];
    if let Some(at) = effective {
        let amended = charter_text(keys, "20s")
            .replace("version = \"1\"", "version = \"2\"")
            .replace(
                "effective = 2026-01-01T00:00:00Z",
                &format!("effective = {at}"),
            );
        versions.push(load("bench-reads-2.toml", amended)?);
    }
    CharterHistory::new(versions).map_err(|e| crate::failed!("{e}"))
}

fn open(
    dir: &Path,
    history: CharterHistory,
    keys: &Keys,
) -> crate::error::Result<Ledger<Box<dyn Store>>> {
    let store: Box<dyn Store> = Box::new(SqliteStore::open(&dir.join("log.sqlite"))?);
    keys.ledger(store, history)
}

/// Loads `n` open claims `L0..L{n-1}` into a fresh log in `dir`.
fn load(dir: &Path, keys: &Keys, n: usize) -> crate::error::Result<()> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir)?;
    let mut ledger = open(dir, history(keys, None)?, keys)?;
    let mut next = 0;
    while next < n {
        let end = (next + LOAD_BATCH).min(n);
        let at = Timestamp::now();
        let items: Vec<(Submission, Timestamp)> = (next..end)
            .map(|i| claim(&keys.ua, &format!("L{i}"), at).map(|s| (s, at)))
            .collect::<crate::error::Result<_>>()?;
        for outcome in ledger.submit(&items)? {
            crate::ensure!(
                matches!(outcome, Outcome::Appended { .. }),
                "loading claim: {outcome:?}"
            );
        }
        next = end;
    }
    Ok(())
}

/// What the readers did.
struct Reads {
    requests: AtomicU64,
    bytes: AtomicU64,
    failed: AtomicU64,
}

/// `readers` clients reading, in turn, a page of 1,000 claims from anywhere in the log, the
/// dashboard's overview, 1,000 log entries and the whole state (refused as too large) until
/// `stop` turns true.
fn hammer(
    url: &str,
    client: &reqwest::Client,
    readers: usize,
    claims: usize,
    stop: &Arc<AtomicBool>,
    reads: &Arc<Reads>,
) -> Vec<tokio::task::JoinHandle<()>> {
    (0..readers)
        .map(|r| {
            let (url, client, stop, reads) = (
                url.to_owned(),
                client.clone(),
                Arc::clone(stop),
                Arc::clone(reads),
            );
            tokio::spawn(async move {
                let mut k = r;
                while !stop.load(Ordering::Relaxed) {
                    let from = (k * 7_919) % claims.max(1);
                    let path = match k % 4 {
                        0 => format!("/v1/claims?from={from}&limit=1000"),
                        1 => "/".to_owned(),
                        2 => format!("/v1/log/entries?from={from}"),
                        _ => "/v1/state".to_owned(),
                    };
                    k += readers;
                    match client.get(format!("{url}{path}")).send().await {
                        Ok(response) => {
                            // `/v1/state` is refused (400 state_too_large) on a log this size.
                            let expected = response.status().is_success()
                                || (path == "/v1/state" && response.status().as_u16() == 400);
                            let n = response.bytes().await.map_or(0, |b| b.len() as u64);
                            reads.bytes.fetch_add(n, Ordering::Relaxed);
                            if !expected {
                                reads.failed.fetch_add(1, Ordering::Relaxed);
                            }
                        }
                        Err(_) => {
                            reads.failed.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                    reads.requests.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect()
}

/// Votes by G1 on loaded claims, signed beforehand: `per` for each of `writers` connections,
/// starting at claim `offset`.
fn votes(
    keys: &Keys,
    writers: usize,
    per: usize,
    offset: usize,
) -> crate::error::Result<Arc<Vec<Vec<Vec<u8>>>>> {
    let signed = (0..writers)
        .map(|w| {
            (0..per)
                .map(|i| {
                    let id = format!("L{}", offset + w * per + i);
                    vote(&keys.g1, &id, Timestamp::now()).and_then(|s| body(&s))
                })
                .collect::<crate::error::Result<Vec<_>>>()
        })
        .collect::<crate::error::Result<Vec<_>>>()?;
    Ok(Arc::new(signed))
}

async fn post_votes(
    client: &reqwest::Client,
    url: &str,
    signed: Arc<Vec<Vec<Vec<u8>>>>,
    seconds: u64,
) -> crate::server::Measured {
    let (c, u) = (client.clone(), format!("{url}/v1/entries"));
    measure(signed.len(), seconds, move |w, n| {
        let (c, u, signed) = (c.clone(), u.clone(), Arc::clone(&signed));
        async move {
            let b = signed.get(w).and_then(|s| s.get(n as usize)).cloned()?;
            Some(
                c.post(&u)
                    .header("content-type", "application/json")
                    .body(b)
                    .send()
                    .await
                    .is_ok_and(|r| r.status().as_u16() == 201),
            )
        }
    })
    .await
}

pub(crate) async fn run(
    args: &ServerArgs,
    dir: &Path,
    keys: &Keys,
    client: &reqwest::Client,
) -> crate::error::Result<()> {
    let claims = args.load_claims.max(FIRE_CLAIMS);
    println!(
        "read load: {claims} open claims, {} clients reading pages of 1,000 claims, the overview, 1,000 log entries and /v1/state",
        args.readers
    );
    let loading = Instant::now();
    let loader_dir = dir.to_path_buf();
    let loader_keys = crate::log::keys()?;
    tokio::task::spawn_blocking(move || load(&loader_dir, &loader_keys, claims)).await??;
    println!(
        "  loaded {claims} claims through the ledger in {:.1} s",
        loading.elapsed().as_secs_f64()
    );
    // The amendment that decides claims within 20 s takes effect once the server is up.
    let effective = Timestamp::now() + SignedDuration::from_secs(3);
    let ledger = {
        let (dir, history) = (dir.to_path_buf(), history(keys, Some(effective))?);
        let keys = crate::log::keys()?;
        tokio::task::spawn_blocking(move || open(&dir, history, &keys)).await??
    };
    let (url, running) = crate::server::serve_ledger(ledger).await?;

    // Each phase votes on its own claims: a guarantor votes once per claim.
    let writers = 4;
    let per = (claims / 2 / writers).min(4_000 * args.seconds as usize);
    let idle_votes = votes(keys, writers, per, 0)?;
    let loaded_votes = votes(keys, writers, per, writers * per)?;

    let idle = post_votes(client, &url, idle_votes, args.seconds).await;
    print("POST /v1/entries, idle", &idle);

    let stop = Arc::new(AtomicBool::new(false));
    let reads = Arc::new(Reads {
        requests: AtomicU64::new(0),
        bytes: AtomicU64::new(0),
        failed: AtomicU64::new(0),
    });
    let reading = Instant::now();
    let readers = hammer(&url, client, args.readers, claims, &stop, &reads);
    let loaded = post_votes(client, &url, loaded_votes, args.seconds).await;
    print(
        &format!("POST /v1/entries, {} readers", args.readers),
        &loaded,
    );
    let ratio = loaded.p50.as_secs_f64() / idle.p50.as_secs_f64().max(1e-9);
    println!(
        "  POST p50 under read load / idle: {ratio:.2} (goal <= 2.00: {})",
        if ratio <= 2.0 { "met" } else { "NOT met" }
    );

    // Deadlines under the same read load.
    let now = Timestamp::now();
    if now < effective {
        tokio::time::sleep(Duration::try_from(effective.duration_since(now)).unwrap_or_default())
            .await;
    }
    let mut events = client.get(format!("{url}/v1/events")).send().await?;
    let filed = (0..FIRE_CLAIMS)
        .map(|i| claim(&keys.ua, &format!("D{i}"), Timestamp::now()).and_then(|s| body(&s)))
        .collect::<crate::error::Result<Vec<_>>>()?;
    for b in filed {
        client
            .post(format!("{url}/v1/entries"))
            .header("content-type", "application/json")
            .body(b)
            .send()
            .await?;
    }
    let mut latencies = determinations(&mut events, FIRE_CLAIMS).await;
    stop.store(true, Ordering::Relaxed);
    for r in readers {
        let _ = r.await;
    }
    let seconds = reading.elapsed().as_secs_f64();
    latencies.sort();
    let p99 = percentile(&latencies, 0.99);
    println!(
        "  deadline fire latency, {FIRE_CLAIMS} claims due among {claims} open, {} readers: {} fired; p50 {:.1} ms, p99 {:.1} ms (goal p99 < 1 s: {})",
        args.readers,
        latencies.len(),
        percentile(&latencies, 0.5).as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3,
        if latencies.len() == FIRE_CLAIMS && p99 < Duration::from_secs(1) {
            "met"
        } else {
            "NOT met"
        }
    );
    println!(
        "  the readers: {:.0} reads/s, {:.1} MB/s, {} failed",
        reads.requests.load(Ordering::Relaxed) as f64 / seconds,
        reads.bytes.load(Ordering::Relaxed) as f64 / seconds / 1e6,
        reads.failed.load(Ordering::Relaxed)
    );
    running.stop().await;
    Ok(())
}
