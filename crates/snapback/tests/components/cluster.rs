//! Clusters of real `snapback serve` processes against the real PostgreSQL.
//!
//! * Three on loopback, their replicas reading from the streaming standby: the leader is killed
//!   two seconds before a claim's deadline, its lease runs out after the deadline, a follower
//!   takes over and activates the claim dated at exactly the deadline, nothing is appended
//!   twice, the log verifies, and every survivor shows the same state.
//! * A partition: the leader runs in a network namespace whose link to the database is cut; a
//!   follower takes over, and the write the old leader took during the cut is never appended.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::netns::Partition;
use crate::support::{fresh_dir, key, root, signed, snapback, stderr, stdout};

/// The claims' decision window in the test charter: long enough to file and kill in, short
/// enough for a test.
const WINDOW: &str = "8s";

/// One `serve --node-id` process.
pub struct Node {
    child: Child,
    pub id: String,
    pub url: String,
}

impl Node {
    /// Starts `serve` in the cluster on `db` (entries read from `replica`, if given), with
    /// `extra` arguments, run by `command` (the binary, or the binary inside a namespace).
    pub fn start(
        dir: &Path,
        db: &str,
        replica: Option<&str>,
        id: &str,
        command: Command,
        extra: &[&str],
    ) -> Self {
        let mut command = command;
        command
            .arg("serve")
            .args(["--data", dir.to_str().expect("path")])
            .args(["--database-url", db, "--node-id", id])
            .args(extra)
            .current_dir(root())
            .env("SNAPBACK_LOG", "info")
            .env("SNAPBACK_READ_RATE", "0")
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(dir.join(format!("{id}.log"))).expect("log file"));
        if let Some(replica) = replica {
            command.args(["--replica-url", replica]);
        }
        let mut child = command.spawn().expect("start snapback serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("the server prints its URL");
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("{id} printed no URL: {line:?}"))
            .trim_end_matches('/')
            .to_owned();
        Node {
            child,
            id: id.to_owned(),
            url,
        }
    }

    /// SIGKILL: no step-down, no goodbye; the lease must expire.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// This process's `/healthz` (empty if it does not answer).
    pub fn health(&self) -> String {
        get(&format!("{}/healthz", self.url)).map_or_else(String::new, |(_, body)| body)
    }

    pub fn is_leader(&self) -> bool {
        self.health().contains("role: leader")
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        self.kill();
    }
}

pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

/// `GET url`: the status and the body, or `None` if nothing answers.
pub fn get(url: &str) -> Option<(u16, String)> {
    runtime().block_on(async {
        let r = reqwest::Client::new()
            .get(url)
            .timeout(Duration::from_secs(5))
            .send()
            .await
            .ok()?;
        let status = r.status().as_u16();
        Some((status, r.text().await.ok()?))
    })
}

/// `POST url/v1/entries`: the status, the leader that answered (for a forwarded write), and the
/// body.
pub fn post_entry(url: &str, body: Vec<u8>) -> (u16, Option<String>, String) {
    runtime().block_on(async {
        let r = reqwest::Client::new()
            .post(format!("{url}/v1/entries"))
            .header("content-type", "application/json")
            .body(body)
            .timeout(Duration::from_secs(30))
            .send()
            .await
            .expect("POST");
        let status = r.status().as_u16();
        let leader = r
            .headers()
            .get("snapback-leader")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        (status, leader, r.text().await.expect("body"))
    })
}

/// Polls `check` every 50 ms until it answers `Some`, for at most `limit`.
pub fn until<T>(what: &str, limit: Duration, mut check: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(value) = check() {
            return value;
        }
        assert!(start.elapsed() < limit, "{what}: not within {limit:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A data directory on the database `db`, with the five-party test charter and a decision
/// window of [`WINDOW`].
pub fn init(name: &str, db: &str) -> PathBuf {
    let dir = fresh_dir(name);
    let text = std::fs::read_to_string(root().join("scenarios/charters/five.toml"))
        .expect("the five-party charter");
    let text = text.replace(
        "decide_within = \"48h\"",
        &format!("decide_within = \"{WINDOW}\""),
    );
    let charter = dir.with_extension("charter.toml");
    std::fs::write(&charter, text).expect("write the charter");
    let out = snapback(&[
        "init",
        dir.to_str().expect("path"),
        "--demo-keys",
        "--charter",
        charter.to_str().expect("path"),
        "--database-url",
        db,
    ]);
    assert!(out.status.success(), "init: {}", stderr(&out));
    dir
}

/// The log's entries as a survivor serves them.
fn entries(url: &str) -> Vec<Value> {
    let (status, body) = get(&format!("{url}/v1/log/entries?from=0")).expect("entries");
    assert_eq!(status, 200, "{body}");
    let page: Value = serde_json::from_str(&body).expect("JSON");
    page["entries"].as_array().expect("entries").clone()
}

fn claim(url: &str, id: &str) -> Option<Value> {
    let (status, body) = get(&format!("{url}/v1/claims/{id}"))?;
    (status == 200).then(|| serde_json::from_str::<Value>(&body).expect("JSON")["claim"].clone())
}

/// Reads `/v1/events` on `url` on a thread until an entry about `claim` arrives (at most 60 s):
/// each entry's index and event type, in the order they came.
fn watch_stream(url: &str, claim: &str) -> std::thread::JoinHandle<Vec<(u64, String)>> {
    let (url, claim) = (url.to_owned(), claim.to_owned());
    std::thread::spawn(move || {
        runtime().block_on(async move {
            let mut events = reqwest::Client::new()
                .get(format!("{url}/v1/events"))
                .send()
                .await
                .expect("the live stream");
            let mut seen = Vec::new();
            let mut buffer = String::new();
            let give_up = Instant::now() + Duration::from_secs(60);
            while Instant::now() < give_up {
                let Ok(Ok(Some(chunk))) =
                    tokio::time::timeout(Duration::from_secs(1), events.chunk()).await
                else {
                    continue;
                };
                buffer.push_str(&String::from_utf8_lossy(&chunk));
                while let Some(end) = buffer.find("\n\n") {
                    let event: String = buffer.drain(..end + 2).collect();
                    let id = event.lines().find_map(|l| l.strip_prefix("id:"));
                    let data = event.lines().find_map(|l| l.strip_prefix("data:"));
                    let (Some(id), Some(data)) = (id, data) else {
                        continue;
                    };
                    let entry: Value = serde_json::from_str(data.trim()).expect("an entry");
                    let kind = entry["body"]["event"]["type"].as_str().unwrap_or_default();
                    seen.push((id.trim().parse().expect("an index"), kind.to_owned()));
                    if entry["body"]["event"]["claim"] == claim.as_str() {
                        return seen;
                    }
                }
            }
            seen
        })
    })
}

fn wall_ms() -> i128 {
    jiff::Timestamp::now().as_millisecond() as i128
}

pub fn leader_killed_before_a_deadline(db: &str, replica: Option<&str>) {
    let dir = init("cluster-failover", db);
    let mut nodes: Vec<Node> = ["n1", "n2", "n3"]
        .iter()
        .map(|id| {
            Node::start(
                &dir,
                db,
                replica,
                id,
                Command::new(env!("CARGO_BIN_EXE_snapback")),
                // A lease of 3 s: the dead leader's lease runs past the deadline, so the deadline
                // falls due while no process leads and the new leader fires it late.
                &["--listen", "127.0.0.1:0", "--lease", "3s"],
            )
        })
        .collect();
    let leader = until("one leader", Duration::from_secs(20), || {
        let leaders: Vec<usize> = (0..nodes.len()).filter(|i| nodes[*i].is_leader()).collect();
        (leaders.len() == 1).then(|| leaders[0])
    });
    let follower = (leader + 1) % 3;
    until(
        "the followers name the leader",
        Duration::from_secs(10),
        || {
            nodes
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != leader)
                .all(|(_, n)| {
                    n.health()
                        .contains(&format!("follower of {}", nodes[leader].id))
                })
                .then_some(())
        },
    );

    // Filed through a follower: it forwards the write to the leader.
    let ua = key(&dir, "UA");
    let filing = signed(
        &ua,
        serde_json::json!({"type": "claim.filed", "claim": "C1", "category": "shelling", "severity": 5, "summary": "artillery fire across the line"}),
    );
    let (status, answered_by, body) = post_entry(&nodes[follower].url, filing);
    assert_eq!(status, 201, "{body}");
    assert_eq!(answered_by.as_deref(), Some(nodes[leader].id.as_str()));
    let filed = until(
        "the follower shows the claim",
        Duration::from_secs(10),
        || claim(&nodes[follower].url, "C1"),
    );
    let deadline = filed["deadline"].as_str().expect("a deadline").to_owned();
    let deadline_ms = deadline
        .parse::<jiff::Timestamp>()
        .expect("an instant")
        .as_millisecond() as i128;

    // Two seconds before the deadline, the leader dies without a word.
    let kill_at = deadline_ms - 2_000;
    let wait = kill_at - wall_ms();
    assert!(
        wait > 0,
        "filing took too long: {wait} ms left before the kill"
    );
    // A live stream on each follower, open across the takeover: one of them becomes the leader
    // (its stream then continues from its node's commits), the other goes on following.
    let streams: Vec<(usize, _)> = (0..3)
        .filter(|i| *i != leader)
        .map(|i| (i, watch_stream(&nodes[i].url, "C2")))
        .collect();
    std::thread::sleep(Duration::from_millis(wait as u64));
    let killed = Instant::now();
    nodes[leader].kill();
    let survivors: Vec<usize> = (0..3).filter(|i| *i != leader).collect();
    let new_leader = until("a follower takes over", Duration::from_secs(10), || {
        survivors.iter().copied().find(|i| nodes[*i].is_leader())
    });
    let took_over_ms = wall_ms();
    eprintln!(
        "cluster: {} took over {} ms after {} was killed, {} ms after the deadline",
        nodes[new_leader].id,
        killed.elapsed().as_millis(),
        nodes[leader].id,
        took_over_ms - deadline_ms
    );
    assert!(
        took_over_ms > deadline_ms,
        "the takeover came before the deadline, so this run did not fire a deadline late"
    );

    // The claim is activated at exactly its deadline, on every survivor.
    for i in &survivors {
        let determined = until(
            "the claim is determined on a survivor",
            Duration::from_secs(20),
            || claim(&nodes[*i].url, "C1").filter(|c| !c["determined_at"].is_null()),
        );
        assert_eq!(
            determined["determined_at"].as_str(),
            Some(deadline.as_str()),
            "{}: determined at the deadline: {determined:#}",
            nodes[*i].id
        );
        assert_eq!(determined["status"], "activated", "{determined:#}");
        let activations = determined["activations"].as_array().expect("activations");
        assert_eq!(activations.len(), 1, "{determined:#}");
    }

    // A write after the takeover, through the other survivor, reaches the new leader.
    let other = survivors
        .iter()
        .copied()
        .find(|i| *i != new_leader)
        .expect("two survivors");
    until(
        "the other survivor follows the new leader",
        Duration::from_secs(10),
        || {
            nodes[other]
                .health()
                .contains(&format!("follower of {}", nodes[new_leader].id))
                .then_some(())
        },
    );
    let second = signed(
        &ua,
        serde_json::json!({"type": "claim.filed", "claim": "C2", "category": "shelling", "severity": 1, "summary": "after the takeover"}),
    );
    let (status, answered_by, body) = post_entry(&nodes[other].url, second);
    assert_eq!(status, 201, "{body}");
    assert_eq!(answered_by.as_deref(), Some(nodes[new_leader].id.as_str()));

    // Nothing twice: one determination and one activation of C1, every (party, nonce) once, and
    // both survivors serve the same log and the same state.
    let log = until(
        "both survivors hold the same log",
        Duration::from_secs(10),
        || {
            let a = entries(&nodes[survivors[0]].url);
            let b = entries(&nodes[survivors[1]].url);
            (a == b && a.iter().any(|e| e["body"]["event"]["claim"] == "C2")).then_some(a)
        },
    );
    let of = |kind: &str| {
        log.iter()
            .filter(|e| e["body"]["event"]["type"] == kind)
            .filter(|e| {
                e["body"]["event"]["claim"] == "C1"
                    || e["body"]["event"]["claims"]
                        .as_array()
                        .is_some_and(|c| c.iter().any(|c| c == "C1"))
            })
            .count()
    };
    assert_eq!(of("claim.determined"), 1, "{log:#?}");
    assert_eq!(of("activation"), 1, "{log:#?}");
    // Each live stream carried every entry from where it started to C2, once and in order.
    for (watched, stream) in streams {
        let streamed = stream.join().expect("the stream's reader");
        let first = streamed.first().expect("the stream carried entries").0;
        let indices: Vec<u64> = streamed.iter().map(|(i, _)| *i).collect();
        assert_eq!(
            indices,
            (first..first + indices.len() as u64).collect::<Vec<_>>(),
            "the stream on {} skipped or repeated an entry",
            nodes[watched].id
        );
        assert_eq!(
            streamed.last().map(|(i, _)| *i as usize),
            log.iter().position(|e| e["body"]["event"]["claim"] == "C2"),
            "the stream on {} reached C2's filing",
            nodes[watched].id
        );
        assert!(
            streamed.iter().any(|(_, kind)| kind == "activation"),
            "the activation was streamed on {}: {streamed:?}",
            nodes[watched].id
        );
    }
    // The dashboard on a survivor shows the claim.
    let (status, page) = get(&format!("{}/claims/C1", nodes[other].url)).expect("the claim page");
    assert_eq!(status, 200);
    assert!(page.contains("C1"), "{page}");
    let mut keys: Vec<(String, String)> = log
        .iter()
        .map(|e| {
            (
                e["body"]["party"].as_str().unwrap_or_default().to_owned(),
                e["body"]["nonce"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let total = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), total, "an entry was appended twice");
    let state = |i: usize| get(&format!("{}/v1/state", nodes[i].url)).expect("state").1;
    assert_eq!(state(survivors[0]), state(survivors[1]));

    drop(nodes);
    verify(&dir, db);
}

/// `snapback verify` passes on the cluster's log.
fn verify(dir: &Path, db: &str) {
    let out = snapback(&[
        "verify",
        "--data",
        dir.to_str().expect("path"),
        "--database-url",
        db,
    ]);
    assert!(
        out.status.success(),
        "verify: {}{}",
        stdout(&out),
        stderr(&out)
    );
}

/// A free port on this host (any port is free inside a fresh namespace).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// A network namespace on the host and `n1` serving inside it on its own database connection
/// through the namespace's link, leading under a 1 s lease; its `url` is where the host reaches
/// it, and the advertised address (returned) is where a client inside the namespace does.
fn leader_inside(
    dir: &Path,
    db: &snapback_store::suite::TempDatabase,
) -> (Partition, Node, String) {
    let partition =
        Partition::new(std::net::SocketAddr::from(([127, 0, 0, 1], 5432))).expect("a partition");
    let inside_db = db
        .url_on(&format!(
            "postgres://postgres@{}",
            partition.upstream_inside()
        ))
        .expect("the database's URL inside");
    let port = free_port().to_string();
    let listen = format!("0.0.0.0:{port}");
    let advertise = format!("http://127.0.0.1:{port}");
    let mut node = Node::start(
        dir,
        &inside_db,
        None,
        "n1",
        partition.command(env!("CARGO_BIN_EXE_snapback")),
        &[
            "--listen",
            &listen,
            "--advertise",
            &advertise,
            "--lease",
            "1s",
        ],
    );
    node.url = format!("http://{}:{port}", partition.inside_ip());
    until("the node inside leads", Duration::from_secs(20), || {
        node.health()
            .contains("role: leader (lease token 1)")
            .then_some(())
    });
    (partition, node, advertise)
}

/// The old leader loses its database: it runs in a network namespace whose link to the host
/// (and so to PostgreSQL) is cut while it leads. A follower on the host takes over; a write the
/// old leader accepted during the cut is never appended (its lease moved, so the fence refuses
/// it whenever it reaches the database), and after healing it follows the new leader.
pub fn old_leader_cut_off_cannot_append(db: &snapback_store::suite::TempDatabase) {
    let dir = init("cluster-partition", &db.url);
    let (partition, old, advertise) = leader_inside(&dir, db);
    let exe = env!("CARGO_BIN_EXE_snapback");
    let others: Vec<Node> = ["n2", "n3"]
        .iter()
        .map(|id| {
            Node::start(
                &dir,
                &db.url,
                None,
                id,
                Command::new(exe),
                &["--listen", "127.0.0.1:0", "--lease", "1s"],
            )
        })
        .collect();
    until("the others follow it", Duration::from_secs(10), || {
        others
            .iter()
            .all(|n| n.health().contains("follower of n1 "))
            .then_some(())
    });
    let ua = key(&dir, "UA");
    let before = signed(
        &ua,
        serde_json::json!({"type": "claim.filed", "claim": "C1", "category": "shelling", "severity": 1, "summary": "before the cut"}),
    );
    let (status, _, body) = post_entry(&old.url, before);
    assert_eq!(status, 201, "{body}");

    // The cut. A write reaches the old leader from inside its namespace while it still thinks
    // it leads.
    partition.cut();
    let during_file = dir.join("during.toml");
    std::fs::write(
        &during_file,
        "type = \"claim.filed\"\nclaim = \"C-CUT\"\ncategory = \"shelling\"\nseverity = 1\nsummary = \"during the cut\"\n",
    )
    .expect("write the event");
    // `snapback submit`, as a delegation's system would, from inside the namespace.
    let attempt = partition
        .command(exe)
        .arg("submit")
        .args(["--server", &advertise, "--key"])
        .arg(dir.join("keys/UA.key"))
        .arg(&during_file)
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("snapback submit inside the namespace");
    let cut_at = Instant::now();
    let new_leader = until("a follower takes over", Duration::from_secs(15), || {
        others.iter().position(Node::is_leader)
    });
    eprintln!(
        "partition: {} took over {} ms after the cut",
        others[new_leader].id,
        cut_at.elapsed().as_millis()
    );
    let after = signed(
        &ua,
        serde_json::json!({"type": "claim.filed", "claim": "C2", "category": "shelling", "severity": 1, "summary": "after the takeover"}),
    );
    let (status, _, body) = post_entry(&others[new_leader].url, after);
    assert_eq!(status, 201, "{body}");

    // Healed: whatever the old leader sent meanwhile reaches the database now, under a token
    // that is no longer the lease's.
    partition.heal();
    let answered = attempt.wait_with_output().expect("submit ends");
    let said = String::from_utf8_lossy(&answered.stderr).into_owned();
    eprintln!("partition: the old leader's answer to the write of the cut: {said}");
    assert!(
        !answered.status.success(),
        "the old leader accepted a write during the partition: {}",
        String::from_utf8_lossy(&answered.stdout)
    );
    let named = format!("follower of {} ", others[new_leader].id);
    until(
        "the old leader follows the new one",
        Duration::from_secs(30),
        || old.health().contains(&named).then_some(()),
    );
    let log = until(
        "every process holds the same log",
        Duration::from_secs(15),
        || {
            let mine = entries(&old.url);
            let theirs = entries(&others[new_leader].url);
            (mine == theirs && mine.iter().any(|e| e["body"]["event"]["claim"] == "C2"))
                .then_some(mine)
        },
    );
    assert!(
        log.iter().all(|e| e["body"]["event"]["claim"] != "C-CUT"),
        "the write of the partition was appended"
    );
    assert!(log.iter().any(|e| e["body"]["event"]["claim"] == "C1"));
    drop(others);
    drop(old);
    drop(partition);
    verify(&dir, &db.url);
}

/// The database drops every connection of the leader (as PostgreSQL does when it restarts, or
/// ends idle sessions): it connects again, keeps its lease and its token, opens the log again,
/// and goes on accepting writes and serving reads.
pub fn leader_reconnects_when_the_database_drops_it(db: &snapback_store::suite::TempDatabase) {
    let dir = init("cluster-reconnect", &db.url);
    let (partition, node, _) = leader_inside(&dir, db);
    let ua = key(&dir, "UA");
    let file = |claim: &str| {
        signed(
            &ua,
            serde_json::json!({"type": "claim.filed", "claim": claim, "category": "shelling", "severity": 1, "summary": "before and after"}),
        )
    };
    let (status, _, body) = post_entry(&node.url, file("C1"));
    assert_eq!(status, 201, "{body}");

    partition.sever();
    // The same signed entry is resent until it is accepted, as a client would.
    let after = file("C2");
    let accepted = until("a write is accepted again", Duration::from_secs(20), || {
        let (status, _, body) = post_entry(&node.url, after.clone());
        (status == 201 || status == 200).then_some(body)
    });
    let answer: Value = serde_json::from_str(&accepted).expect("JSON");
    assert!(answer["index"].as_u64().is_some(), "{answer}");
    assert!(
        node.health().contains("role: leader (lease token 1)"),
        "it kept its lease: {}",
        node.health()
    );
    let shown = until("reads answer again", Duration::from_secs(20), || {
        claim(&node.url, "C2")
    });
    assert_eq!(shown["id"], "C2");
    let log = entries(&node.url);
    assert_eq!(
        log.iter()
            .filter(|e| e["body"]["event"]["claim"] == "C2"
                && e["body"]["event"]["type"] == "claim.filed")
            .count(),
        1,
        "the resent entry was appended once"
    );
    drop(node);
    drop(partition);
    verify(&dir, &db.url);
}
