//! `snapback bench witness`: how long a checkpoint takes to become the witnessed checkpoint
//! with three witnesses under a 2-of-3 quorum (and until all three have cosigned), next to a
//! bare loopback HTTP POST and the witnesses' own add-checkpoint round trips measured in the
//! same run.
//!
//! The server, the three `witness serve` services (each fsyncing its state file before it
//! answers, as in production) and the load generator run in this process on loopback, sharing
//! the machine's cores. Entries are submitted one at a time, so this is the latency of an idle
//! network, from the moment a submission's commit is acknowledged (its checkpoint is stored in
//! the same transaction) to the moment the witnessed checkpoint reaches its size.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::error::Context;
use axum::Router;
use axum::routing::post;
use clap::Args;
use jiff::Timestamp;
use snapback_log::keys::{Alg, SignerKey};
use snapback_log::note::{Checkpoint, parse_note};
use snapback_log::witness::Witness;
use snapback_server::witness_service::{WitnessService, WitnessState, witness_app};
use snapback_store::{SqliteStore, Store};

use crate::log::{charter_text, claim, keys};
use crate::server::{body, percentile, serve_ledger};

#[derive(Args, Debug)]
pub struct WitnessArgs {
    /// Checkpoints timed (one entry each).
    #[arg(long, default_value_t = 200)]
    checkpoints: usize,
    /// Where to put the log and the witnesses' state (default: under the system temp dir).
    #[arg(long)]
    dir: Option<std::path::PathBuf>,
}

/// The quorum of the benchmark's charter.
const QUORUM: usize = 2;
const WITNESSES: u8 = 3;
/// How often the witnessed checkpoint is looked at while waiting.
const POLL: Duration = Duration::from_micros(200);
/// The longest wait for one checkpoint before the benchmark gives up.
const WAIT_MAX: Duration = Duration::from_secs(10);

/// Starts one witness service on a loopback port; returns its URL and verifier key.
async fn start_witness(
    dir: &Path,
    i: u8,
    log: &SignerKey,
) -> crate::error::Result<(String, String)> {
    let key = SignerKey::from_seed(&format!("w{i}.bench"), Alg::CosignatureV1, &[60 + i; 32])?;
    let vkey = key.verifier().to_string();
    let state = WitnessState::open(&dir.join(format!("w{i}.json")))
        .map_err(|e| crate::failed!("witness state: {e}"))?;
    let service = WitnessService::new(Witness::new(key, vec![log.verifier()]), state);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move {
        let _ = axum::serve(listener, witness_app(service)).await;
    });
    Ok((url, vkey))
}

/// The size of a note's checkpoint and how many signature lines it carries.
fn size_and_lines(note: &str) -> Option<(u64, usize)> {
    let parsed = parse_note(note).ok()?;
    let cp = Checkpoint::parse(&parsed.text).ok()?;
    Some((cp.size, parsed.signatures.len()))
}

/// A bare loopback POST round trip (an axum route answering 200), median of `n`.
async fn loopback_post(client: &reqwest::Client, n: usize) -> crate::error::Result<Duration> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/echo", listener.local_addr()?);
    let app = Router::new().route("/echo", post(|body: String| async move { body }));
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    let mut times = Vec::with_capacity(n);
    for _ in 0..n {
        let start = Instant::now();
        let r = client.post(&url).body("old 0\n\n").send().await?;
        r.bytes().await?;
        times.push(start.elapsed());
    }
    times.sort();
    Ok(percentile(&times, 0.5))
}

pub fn run(args: &WitnessArgs) -> crate::error::Result<()> {
    let dir = args.dir.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("snapback-bench-witness-{}", std::process::id()))
    });
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(measure(&dir, args.checkpoints))
}

async fn measure(dir: &Path, checkpoints: usize) -> crate::error::Result<()> {
    let keys = keys()?;
    let mut charter = charter_text(&keys, "48h");
    charter = charter.replacen("\n[log]\n", &format!("\n[log]\nquorum = {QUORUM}\n"), 1);
    for i in 1..=WITNESSES {
        let (url, vkey) = start_witness(dir, i, &keys.log).await?;
        charter.push_str(&format!(
            "\n[[log.witness]]\nname = \"w{i}.bench\"\nkey = \"{vkey}\"\nurl = \"{url}\"\n"
        ));
    }
    let history = snapback_charter::CharterHistory::single(
        snapback_charter::load_toml(&snapback_charter::Source::new(
            "bench-witness.toml",
            charter,
        ))
        .map_err(|d| crate::failed!("{d}"))?,
    );
    let store: Box<dyn Store> = Box::new(SqliteStore::open(&dir.join("log.sqlite"))?);
    let ledger = keys.ledger(store, history)?;
    let (url, running) = serve_ledger(ledger).await?;
    let client = reqwest::Client::new();
    println!(
        "snapback bench witness ({checkpoints} checkpoints, one entry each; {WITNESSES} witnesses on loopback, quorum {QUORUM}; files in {})",
        dir.display()
    );

    let state = running.state.clone();
    let witnessed = || async {
        state
            .read_store(|s| snapback_ledger::cosign::witnessed(s).ok().flatten())
            .await
            .ok()
            .flatten()
            .and_then(|n| size_and_lines(&n))
    };
    let (mut to_quorum, mut to_all) = (Vec::new(), Vec::new());
    for n in 0..checkpoints {
        let submission = claim(&keys.ua, &format!("W{n}"), Timestamp::now())?;
        let r = client
            .post(format!("{url}/v1/entries"))
            .header("content-type", "application/json")
            .body(body(&submission)?)
            .send()
            .await?;
        crate::ensure!(r.status().as_u16() == 201, "a submission was refused");
        let acknowledged = Instant::now();
        let size: u64 = running.state.node().status.borrow().size;
        let mut quorum_at = None;
        loop {
            if let Some((witnessed_size, lines)) = witnessed().await
                && witnessed_size >= size
            {
                quorum_at.get_or_insert_with(|| acknowledged.elapsed());
                // The log's line and one per witness.
                if witnessed_size > size || lines > usize::from(WITNESSES) {
                    break;
                }
            }
            crate::ensure!(
                acknowledged.elapsed() < WAIT_MAX,
                "checkpoint {size} was not witnessed within {WAIT_MAX:?}"
            );
            tokio::time::sleep(POLL).await;
        }
        to_all.push(acknowledged.elapsed());
        if let Some(q) = quorum_at {
            to_quorum.push(q);
        }
    }
    to_quorum.sort();
    to_all.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "  checkpoint -> witnessed ({QUORUM} of {WITNESSES}): median {:.2} ms, p99 {:.2} ms",
        ms(percentile(&to_quorum, 0.5)),
        ms(percentile(&to_quorum, 0.99))
    );
    println!(
        "  checkpoint -> all {WITNESSES} cosigned:     median {:.2} ms, p99 {:.2} ms",
        ms(percentile(&to_all, 0.5)),
        ms(percentile(&to_all, 0.99))
    );
    let metrics = running.state.metrics().render();
    let sum_count = |suffix: &str| {
        metrics
            .lines()
            .find_map(|l| l.strip_prefix(&format!("snapback_witness_round_trip_seconds_{suffix} ")))
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    let (sum, count) = (sum_count("sum"), sum_count("count"));
    let loopback = loopback_post(&client, 500).await?;
    println!(
        "  one add-checkpoint round trip (mean of {count:.0}, the witness fsyncs its state): {:.2} ms",
        if count > 0.0 { sum / count * 1e3 } else { 0.0 }
    );
    println!(
        "  peer: a bare loopback HTTP POST round trip (median of 500): {:.3} ms",
        ms(loopback)
    );
    running.stop().await;
    Ok(())
}
