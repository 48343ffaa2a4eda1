//! The witness network as the guarantors would run it: `snapback serve` sends each checkpoint
//! to the three witnesses its charter lists (each a `snapback witness serve` process on
//! loopback, speaking C2SP tlog-witness) under a 2-of-3 quorum. One witness is down at first;
//! one was shown a forked history of this log before the server started. The honest one
//! cosigns, the one shown the fork refuses and the log raises its fork alarm, and no checkpoint
//! is witnessed until the one that was down comes up and cosigns: then the witnessed checkpoint
//! carries both cosignatures, and `verify --quorum` and `log checkpoint --witnessed` accept it.

use std::path::Path;
use std::time::{Duration, Instant};

use snapback_log::keys::{Alg, SignerKey};
use snapback_log::merkle::{MemoryTree, leaf_hash};
use snapback_log::note::{Checkpoint, sign_checkpoint};

use crate::support::{Server, initialised, key, signed};
use crate::witness_serve::WitnessProcess;
use crate::{snapback, stderr, stdout};

fn witness_key(i: u8) -> SignerKey {
    SignerKey::from_seed(&format!("w{i}.example"), Alg::CosignatureV1, &[40 + i; 32])
        .expect("witness key")
}

/// A free loopback port (bound, then released for the witness that starts later).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// `GET url`: the status and the body.
fn get(url: &str) -> (u16, String) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let r = reqwest::get(url).await.expect("GET");
        let status = r.status().as_u16();
        (status, r.text().await.expect("body"))
    })
}

/// `POST url` with a JSON body: the status.
fn post_json(url: &str, body: Vec<u8>) -> u16 {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        reqwest::Client::new()
            .post(url)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .expect("POST")
            .status()
            .as_u16()
    })
}

/// Polls `GET /v1/log/witnesses` until `done` holds (at most 30 s).
fn wait_for(url: &str, what: &str, done: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
    let start = Instant::now();
    loop {
        let (_, body) = get(&format!("{url}/v1/log/witnesses"));
        let report: serde_json::Value = serde_json::from_str(&body).expect("a JSON report");
        if done(&report) {
            return report;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "{what}: not after 30 s: {report:#}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn witness<'a>(report: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    report["witnesses"]
        .as_array()
        .and_then(|list| list.iter().find(|w| w["name"] == name))
        .unwrap_or_else(|| panic!("no {name} in {report:#}"))
}

#[test]
fn three_witnesses_two_of_three_one_down_one_shown_a_fork() {
    let dir = initialised("witness-network", Some("scenarios/charters/five.toml"));
    let p = |path: &Path| path.to_str().expect("utf-8 path").to_owned();
    let log_key = key(&dir, "log");
    let log_vkey = log_key.verifier().to_string();
    let origin = log_key.name().to_owned();

    // The witnesses' keys, state files and addresses; w2's port is reserved for later.
    let mut key_files = Vec::new();
    for i in 1..=3u8 {
        let file = dir.join(format!("w{i}.key"));
        std::fs::write(&file, witness_key(i).to_private_string()).expect("key file");
        key_files.push(file);
    }
    let state = |i: u8| dir.join(format!("w{i}.json"));
    let w3 = WitnessProcess::start_for(&key_files[2], &log_vkey, &state(3), "127.0.0.1:0");
    // w3 is shown another history of this log first: one entry the real log never held,
    // signed with the log's key (a secretariat showing different guarantors different logs).
    let mut forged = MemoryTree::new();
    forged.push(leaf_hash(b"an entry the real log never held"));
    let forged_note = sign_checkpoint(
        &Checkpoint {
            origin: origin.clone(),
            size: 1,
            root: forged.root(),
            extensions: Vec::new(),
        },
        &log_key,
    )
    .expect("signed");
    let (status, _, answer) = w3.add_checkpoint(&format!("old 0\n\n{forged_note}"));
    assert_eq!(status, 200, "{answer}");
    let w1 = WitnessProcess::start_for(&key_files[0], &log_vkey, &state(1), "127.0.0.1:0");
    let w2_address = format!("127.0.0.1:{}", free_port());

    // Before the charter names witnesses, its policy requires none.
    let policy = snapback(&["log", "policy", "--data", &p(&dir)]);
    assert!(
        stdout(&policy).ends_with(&format!("log {log_vkey}\nquorum none\n")),
        "{}",
        stdout(&policy)
    );
    // The charter lists the three with their addresses and a quorum of 2.
    let charter = dir.join("charter.toml");
    let mut text = std::fs::read_to_string(&charter).expect("charter");
    assert!(text.contains("\n[log]\n"), "the charter has a [log] table");
    text = text.replacen("\n[log]\n", "\n[log]\nquorum = 2\n", 1);
    for (i, address) in [(1u8, &w1.address), (2, &w2_address), (3, &w3.address)] {
        text.push_str(&format!(
            "\n[[log.witness]]\nname = \"w{i}.example\"\nkey = \"{}\"\nurl = \"http://{address}\"\n",
            witness_key(i).verifier()
        ));
    }
    std::fs::write(&charter, text).expect("charter");
    let check = snapback(&["charter", "check", &p(&charter)]);
    assert!(check.status.success(), "{}", stderr(&check));
    // The same policy as a C2SP tlog-policy file, for tools that verify offline.
    let policy = snapback(&["log", "policy", "--data", &p(&dir)]);
    assert!(policy.status.success(), "{}", stderr(&policy));
    let lines: Vec<String> = stdout(&policy)
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(str::to_owned)
        .collect();
    assert_eq!(
        lines,
        [
            format!("log {log_vkey}"),
            format!(
                "witness w1.example {} http://{}",
                witness_key(1).verifier(),
                w1.address
            ),
            format!(
                "witness w2.example {} http://{w2_address}",
                witness_key(2).verifier()
            ),
            format!(
                "witness w3.example {} http://{}",
                witness_key(3).verifier(),
                w3.address
            ),
            "group charter-quorum 2 w1.example w2.example w3.example".to_owned(),
            "quorum charter-quorum".to_owned(),
        ]
    );

    let server = Server::start(&dir);
    let url = server.url.clone();
    let claim = signed(
        &key(&dir, "UA"),
        serde_json::json!({"type": "claim.filed", "claim": "W-1", "category": "shelling", "severity": 2, "summary": "witnessed"}),
    );
    assert_eq!(post_json(&format!("{url}/v1/entries"), claim), 201);
    let size = get(&format!("{url}/v1/log/checkpoint"))
        .1
        .lines()
        .nth(1)
        .and_then(|l| l.parse::<u64>().ok())
        .expect("a size");

    // w1 cosigns, w3 refuses (fork alarm), w2 is down: 1 of 2, nothing witnessed.
    let report = wait_for(&url, "w1 cosigning, w3 alarmed, w2 down", |r| {
        witness(r, "w1.example")["cosigned_size"] == size
            && witness(r, "w3.example")["alarm"]["size"] == size
            && witness(r, "w2.example")["standing"] == "down"
    });
    assert_eq!(report["quorum"], 2);
    assert_eq!(report["fork_alarm"], true);
    assert!(report["witnessed_size"].is_null(), "{report:#}");
    let alarm = &witness(&report, "w3.example")["alarm"];
    assert_eq!(alarm["size"], size, "{report:#}");
    assert!(
        alarm["detail"]
            .as_str()
            .unwrap_or("")
            .contains("inconsistent"),
        "{report:#}"
    );
    let (_, metrics) = get(&format!("{url}/metrics"));
    assert!(
        metrics
            .lines()
            .any(|l| l.starts_with("snapback_witness_forks_total ") && !l.ends_with(" 0")),
        "{metrics}"
    );
    // The dashboard's log page raises the alarm too, in each language.
    for lang in ["en", "uk"] {
        let (status, page) = get(&format!("{url}/log?lang={lang}"));
        assert_eq!(status, 200);
        assert!(page.contains(r#"id="fork-alarm""#), "{page}");
        assert!(page.contains(r#"data-witness="w3.example""#), "{page}");
        assert!(!page.contains(r#"id="witnessed-size""#), "{page}");
    }
    let (status, none) = get(&format!("{url}/v1/log/checkpoint/witnessed"));
    assert_eq!(status, 404);
    assert!(none.contains("not_witnessed"), "{none}");
    let out = snapback(&["verify", "--data", &p(&dir), "--quorum"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("no checkpoint has been witnessed yet"),
        "{}",
        stderr(&out)
    );

    // w2 comes up: the quorum forms without any new entry.
    let w2 = WitnessProcess::start_for(&key_files[1], &log_vkey, &state(2), &w2_address);
    let report = wait_for(&url, "the checkpoint witnessed by w1 and w2", |r| {
        r["witnessed_size"] == size
    });
    assert_eq!(witness(&report, "w2.example")["standing"], "cosigning");
    assert_eq!(witness(&report, "w3.example")["standing"], "fork");
    let (status, witnessed) = get(&format!("{url}/v1/log/checkpoint/witnessed"));
    assert_eq!(status, 200, "{witnessed}");
    assert!(witnessed.contains("\u{2014} w1.example "), "{witnessed}");
    assert!(witnessed.contains("\u{2014} w2.example "), "{witnessed}");
    assert!(!witnessed.contains("\u{2014} w3.example "), "{witnessed}");
    let (_, page) = get(&format!("{url}/log"));
    assert!(
        page.contains(&format!(r#"id="witnessed-size" data-size="{size}""#)),
        "{page}"
    );
    let out = snapback(&["log", "checkpoint", "--data", &p(&dir), "--witnessed"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), witnessed);
    let out = snapback(&["verify", "--data", &p(&dir), "--quorum"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains(&format!(
            "witnessed: the checkpoint of size {size} is cosigned by w1.example, w2.example (2 of 3; quorum 2)"
        )),
        "{}",
        stdout(&out)
    );
    assert!(server.stop().success());
    for w in [w1, w2, w3] {
        w.kill();
    }
}
