//! `snapback bench cluster`: three `snapback serve --node-id` processes on this machine sharing
//! one PostgreSQL database (a scratch one: it is emptied), as a guarantors' deployment runs them.
//!
//! * **Follower lag** under a steady write rate (default 1,000 signed claims per second, paced,
//!   sent to the leader): for each entry, from the moment the leader's acknowledgement reaches
//!   the client to the moment the entry arrives on a follower's live stream (`/v1/events`).
//!   The peer, measured in the same run: the same for the leader's own stream.
//! * **Failover**: the leader is SIGKILLed and a client tries a write every 10 ms on the
//!   survivors; the time to the first write accepted. The floor, printed beside it: the lease
//!   term, since the next leader must wait for a dead leader's lease to expire.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use clap::Args;
use jiff::Timestamp;
use snapback_log::keys::SignerKey;

use crate::error::Context;
use crate::log::claim;
use crate::server::{body, complete_events, percentile};

#[derive(Args, Debug)]
pub struct ClusterArgs {
    /// A scratch PostgreSQL database (emptied first), e.g.
    /// postgres://postgres@127.0.0.1:5432/snapback_bench_cluster.
    #[arg(long)]
    database_url: String,
    /// A streaming standby of that database for the followers to read from.
    #[arg(long)]
    replica_url: Option<String>,
    /// Writes per second sent to the leader while the lag is measured.
    #[arg(long, default_value_t = 1_000)]
    rate: u32,
    /// How long the writes run.
    #[arg(long, default_value_t = 5)]
    seconds: u64,
    /// Leaders killed, one after another.
    #[arg(long, default_value_t = 5)]
    rounds: usize,
    /// The lease term the processes run with (milliseconds).
    #[arg(long, default_value_t = 1_000)]
    lease_ms: u64,
}

/// One `serve --node-id` child.
struct Process {
    child: Child,
    id: String,
    url: String,
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What the processes share.
struct Cluster {
    exe: PathBuf,
    dir: PathBuf,
    database_url: String,
    replica_url: Option<String>,
    lease_ms: u64,
}

impl Cluster {
    fn start(&self, id: &str) -> crate::error::Result<Process> {
        let mut command = Command::new(&self.exe);
        command
            .arg("serve")
            .arg("--data")
            .arg(&self.dir)
            .args(["--database-url", &self.database_url, "--node-id", id])
            .args(["--lease", &format!("{}ms", self.lease_ms)])
            .args(["--listen", "127.0.0.1:0"])
            .env("SNAPBACK_LOG", "warn")
            .env("SNAPBACK_READ_RATE", "0")
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        if let Some(replica) = &self.replica_url {
            command.args(["--replica-url", replica]);
        }
        let mut child = command.spawn().context("starting snapback serve")?;
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| crate::failed!("the server's stdout"))?;
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .context("reading the server's URL")?;
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .ok_or_else(|| crate::failed!("{id} printed no URL: {line:?}"))?
            .trim_end_matches('/')
            .to_owned();
        Ok(Process {
            child,
            id: id.to_owned(),
            url,
        })
    }
}

async fn health(client: &reqwest::Client, url: &str) -> String {
    match client.get(format!("{url}/healthz")).send().await {
        Ok(r) => r.text().await.unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// The index of the one leader, once every process agrees on it (at most 30 s).
async fn leader(client: &reqwest::Client, nodes: &[Process]) -> crate::error::Result<usize> {
    let give_up = Instant::now() + Duration::from_secs(30);
    while Instant::now() < give_up {
        let mut roles = Vec::with_capacity(nodes.len());
        for n in nodes {
            roles.push(health(client, &n.url).await);
        }
        let leaders: Vec<usize> = (0..nodes.len())
            .filter(|i| roles[*i].contains("role: leader"))
            .collect();
        if let [one] = leaders[..] {
            let named = format!("follower of {} ", nodes[one].id);
            if roles
                .iter()
                .enumerate()
                .all(|(i, r)| i == one || r.contains(&named))
            {
                return Ok(one);
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    crate::bail!("no single leader the others follow within 30 s")
}

/// Reads a live stream, recording when each entry index arrived, until `stop`.
async fn stream(
    client: reqwest::Client,
    url: String,
    arrived: Arc<Mutex<HashMap<u64, Instant>>>,
    stop: Instant,
) -> crate::error::Result<()> {
    let mut events = client
        .get(format!("{url}/v1/events"))
        .send()
        .await
        .context("opening a live stream")?;
    let mut buffer = String::new();
    while Instant::now() < stop {
        let Ok(Ok(Some(chunk))) =
            tokio::time::timeout(Duration::from_secs(1), events.chunk()).await
        else {
            continue;
        };
        let now = Instant::now();
        for event in complete_events(&mut buffer, &chunk) {
            if let Some(index) = event
                .lines()
                .find_map(|l| l.strip_prefix("id:"))
                .and_then(|id| id.trim().parse::<u64>().ok())
                && let Ok(mut arrived) = arrived.lock()
            {
                arrived.insert(index, now);
            }
        }
    }
    Ok(())
}

/// Posts a claim; the index it got, if accepted.
async fn post_claim(
    client: &reqwest::Client,
    url: &str,
    key: &SignerKey,
    id: &str,
) -> crate::error::Result<Option<u64>> {
    let submission = claim(key, id, Timestamp::now())?;
    let answer = client
        .post(format!("{url}/v1/entries"))
        .header("content-type", "application/json")
        .body(body(&submission)?)
        .send()
        .await;
    let Ok(answer) = answer else {
        return Ok(None);
    };
    if answer.status().as_u16() != 201 {
        return Ok(None);
    }
    let result: serde_json::Value = answer.json().await.context("reading an answer")?;
    Ok(result["index"].as_u64())
}

/// Lags (arrival on a stream − acknowledgement) of the entries both saw, sorted.
fn lags(acked: &HashMap<u64, Instant>, arrived: &HashMap<u64, Instant>) -> Vec<Duration> {
    let mut lags: Vec<Duration> = acked
        .iter()
        .filter_map(|(index, ack)| Some(arrived.get(index)?.saturating_duration_since(*ack)))
        .collect();
    lags.sort();
    lags
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

pub fn run(args: &ClusterArgs) -> crate::error::Result<()> {
    crate::ensure!(args.rounds > 0, "--rounds must be at least 1");
    crate::ensure!(args.rate > 0, "--rate must be at least 1");
    let exe = std::env::current_exe().context("finding the snapback executable")?;
    let temp = std::env::temp_dir().join(format!("snapback-bench-cluster-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&temp);
    let dir = temp.join("data");
    std::fs::create_dir_all(&temp)?;
    let mut admin = postgres::Client::connect(&args.database_url, postgres::NoTls)
        .context("connecting to PostgreSQL")?;
    admin
        .batch_execute("DROP TABLE IF EXISTS evidence, entries, nodes, checkpoints, meta, lease")
        .context("clearing the benchmark database")?;
    drop(admin);
    let init = Command::new(&exe)
        .arg("init")
        .arg(&dir)
        .args(["--demo-keys", "--database-url", &args.database_url])
        .output()
        .context("running snapback init")?;
    crate::ensure!(
        init.status.success(),
        "snapback init: {}",
        String::from_utf8_lossy(&init.stderr)
    );
    let key_text = std::fs::read_to_string(dir.join("keys/UA.key")).context("the UA key")?;
    let ua = SignerKey::parse(&key_text)?;
    let cluster = Cluster {
        exe,
        dir: dir.clone(),
        database_url: args.database_url.clone(),
        replica_url: args.replica_url.clone(),
        lease_ms: args.lease_ms,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let result = runtime.block_on(measure(&cluster, &ua, args));
    let _ = std::fs::remove_dir_all(&temp);
    result
}

async fn measure(
    cluster: &Cluster,
    ua: &SignerKey,
    args: &ClusterArgs,
) -> crate::error::Result<()> {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .context("an HTTP client")?;
    let mut nodes = Vec::new();
    for id in ["n1", "n2", "n3"] {
        nodes.push(cluster.start(id)?);
    }
    let lead = leader(&client, &nodes).await?;
    let follower = (lead + 1) % nodes.len();
    println!(
        "cluster: 3 `snapback serve --node-id` processes on this machine, PostgreSQL {}, lease {} ms",
        if cluster.replica_url.is_some() {
            "(the replicas reading from its streaming standby)"
        } else {
            "(every process reading from the primary)"
        },
        cluster.lease_ms
    );

    // Follower lag under a steady rate of writes.
    let total = u64::from(args.rate) * args.seconds;
    let interval = Duration::from_secs_f64(1.0 / f64::from(args.rate));
    let stop = Instant::now() + Duration::from_secs(args.seconds + 5);
    let on_follower = Arc::new(Mutex::new(HashMap::new()));
    let on_leader = Arc::new(Mutex::new(HashMap::new()));
    let streams = [
        tokio::spawn(stream(
            client.clone(),
            nodes[follower].url.clone(),
            Arc::clone(&on_follower),
            stop,
        )),
        tokio::spawn(stream(
            client.clone(),
            nodes[lead].url.clone(),
            Arc::clone(&on_leader),
            stop,
        )),
    ];
    tokio::time::sleep(Duration::from_millis(300)).await;
    let acked = Arc::new(Mutex::new(HashMap::new()));
    let in_flight = Arc::new(tokio::sync::Semaphore::new(512));
    let started = Instant::now();
    let mut writes = Vec::with_capacity(total as usize);
    for n in 0..total {
        let due = started + interval.mul_f64(n as f64);
        tokio::time::sleep_until(due.into()).await;
        let permit = Arc::clone(&in_flight)
            .acquire_owned()
            .await
            .map_err(|e| crate::failed!("{e}"))?;
        let (client, url, key, acked) = (
            client.clone(),
            nodes[lead].url.clone(),
            ua.clone(),
            Arc::clone(&acked),
        );
        writes.push(tokio::spawn(async move {
            let _permit = permit;
            if let Ok(Some(index)) = post_claim(&client, &url, &key, &format!("L{n}")).await {
                let now = Instant::now();
                if let Ok(mut acked) = acked.lock() {
                    acked.insert(index, now);
                }
            }
        }));
    }
    for w in writes {
        let _ = w.await;
    }
    let sent_in = started.elapsed();
    for s in streams {
        let _ = s.await;
    }
    let acked = acked.lock().map_err(|_| crate::failed!("lock"))?.clone();
    let follower_seen = on_follower
        .lock()
        .map_err(|_| crate::failed!("lock"))?
        .clone();
    let leader_seen = on_leader
        .lock()
        .map_err(|_| crate::failed!("lock"))?
        .clone();
    let follower_lags = lags(&acked, &follower_seen);
    let leader_lags = lags(&acked, &leader_seen);
    crate::ensure!(
        follower_lags.len() == acked.len(),
        "the follower's stream missed {} of {} entries",
        acked.len() - follower_lags.len(),
        acked.len()
    );
    println!(
        "  follower lag, {} writes at {:.0}/s (asked {}/s):  p50 {:>7.2} ms   p99 {:>7.2} ms   max {:>7.2} ms",
        acked.len(),
        acked.len() as f64 / sent_in.as_secs_f64(),
        args.rate,
        ms(percentile(&follower_lags, 0.5)),
        ms(percentile(&follower_lags, 0.99)),
        ms(follower_lags.last().copied().unwrap_or_default()),
    );
    println!(
        "  peer, the leader's own stream:                  p50 {:>7.2} ms   p99 {:>7.2} ms",
        ms(percentile(&leader_lags, 0.5)),
        ms(percentile(&leader_lags, 0.99)),
    );

    // Failover, round after round.
    let mut failovers = Vec::with_capacity(args.rounds);
    let mut lead = lead;
    for round in 0..args.rounds {
        let id = nodes[lead].id.clone();
        let _ = nodes[lead].child.kill();
        let killed = Instant::now();
        let _ = nodes[lead].child.wait();
        let survivors: Vec<usize> = (0..nodes.len()).filter(|i| *i != lead).collect();
        let mut attempt = 0u64;
        let took = loop {
            crate::ensure!(
                killed.elapsed() < Duration::from_secs(30),
                "round {round}: no write accepted within 30 s of killing the leader"
            );
            let target = &nodes[survivors[(attempt % 2) as usize]].url;
            let claim_id = format!("F{round}-{attempt}");
            if post_claim(&client, target, ua, &claim_id).await?.is_some() {
                break killed.elapsed();
            }
            attempt += 1;
            tokio::time::sleep(Duration::from_millis(10)).await;
        };
        failovers.push(took);
        // The killed process comes back, as a follower, for the next round.
        nodes[lead] = cluster.start(&id)?;
        lead = leader(&client, &nodes).await?;
    }
    failovers.sort();
    println!(
        "  failover, leader SIGKILLed to the first write accepted ({} rounds): median {:.0} ms   min {:.0} ms   max {:.0} ms",
        failovers.len(),
        ms(percentile(&failovers, 0.5)),
        ms(failovers[0]),
        ms(failovers[failovers.len() - 1]),
    );
    println!(
        "  floor, the lease term (a dead leader's lease must expire first): {} ms; goal: under 5,000 ms",
        cluster.lease_ms
    );
    Ok(())
}
