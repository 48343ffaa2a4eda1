//! `snapback witness serve` as its users run it: a real process on loopback speaking C2SP
//! tlog-witness. It cosigns a consistent checkpoint, refuses a fork (422) and, killed and
//! restarted on the same state file, still refuses a rollback (409 with the size it cosigned).

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

use snapback_log::keys::{Alg, SignerKey};
use snapback_log::merkle::{MemoryTree, consistency_proof, leaf_hash};
use snapback_log::note::{Checkpoint, sign_checkpoint};
use snapback_log::witness::{AddCheckpoint, format_add_checkpoint};

use crate::support::fresh_dir;
use crate::{snapback, stderr};

const ORIGIN: &str = "log.example/snapback";

fn log_key() -> SignerKey {
    SignerKey::from_seed(ORIGIN, Alg::Ed25519, &[7; 32]).expect("key")
}

fn tree(prefix: &str, n: u64) -> MemoryTree {
    let mut t = MemoryTree::new();
    for i in 0..n {
        t.push(leaf_hash(format!("{prefix} {i}").as_bytes()));
    }
    t
}

fn body(t: &MemoryTree, old: u64) -> String {
    let cp = Checkpoint {
        origin: ORIGIN.to_owned(),
        size: t.size(),
        root: t.root(),
        extensions: Vec::new(),
    };
    let proof = if old > 0 {
        consistency_proof(t, old, t.size()).expect("proof")
    } else {
        Vec::new()
    };
    format_add_checkpoint(&AddCheckpoint {
        old_size: old,
        proof,
        checkpoint: sign_checkpoint(&cp, &log_key()).expect("signed"),
    })
}

/// A `witness serve` process and the address it printed.
pub(crate) struct WitnessProcess {
    child: Child,
    pub(crate) address: String,
}

impl WitnessProcess {
    fn start(key: &std::path::Path, state: &std::path::Path) -> Self {
        Self::start_for(key, &log_key().verifier().to_string(), state, "127.0.0.1:0")
    }

    /// A witness of the log whose verifier key is `log_vkey`, listening on `listen`.
    pub(crate) fn start_for(
        key: &std::path::Path,
        log_vkey: &str,
        state: &std::path::Path,
        listen: &str,
    ) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_snapback"))
            .args(["witness", "serve", "--key"])
            .arg(key)
            .args(["--log-key", log_vkey, "--state"])
            .arg(state)
            .args(["--listen", listen])
            .env("SNAPBACK_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the witness");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("its first line");
        let address = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_owned();
        Self { child, address }
    }

    /// POSTs `body` to `/add-checkpoint`: the status, the content type and the body.
    pub(crate) fn add_checkpoint(&self, body: &str) -> (u16, String, String) {
        let mut stream = TcpStream::connect(&self.address).expect("connect");
        write!(
            stream,
            "POST /add-checkpoint HTTP/1.1\r\nHost: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.address,
            body.len()
        )
        .expect("send");
        let mut answer = String::new();
        stream.read_to_string(&mut answer).expect("read");
        let (head, rest) = answer.split_once("\r\n\r\n").expect("a response");
        let status = head[9..12].parse().expect("a status");
        let content_type = head
            .lines()
            .find_map(|l| l.strip_prefix("content-type: "))
            .unwrap_or("")
            .to_owned();
        (status, content_type, rest.to_owned())
    }

    pub(crate) fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn a_witness_process_cosigns_refuses_a_fork_and_remembers_after_a_kill() {
    let dir = fresh_dir("witness-serve");
    std::fs::create_dir_all(&dir).expect("dir");
    let key = dir.join("w1.key");
    let witness =
        SignerKey::from_seed("witness.example/w1", Alg::CosignatureV1, &[9; 32]).expect("key");
    std::fs::write(&key, witness.to_private_string()).expect("key file");
    let state = dir.join("state.json");

    let w = WitnessProcess::start(&key, &state);
    let (status, _, answer) = w.add_checkpoint(&body(&tree("entry", 5), 0));
    assert_eq!(status, 200, "{answer}");
    assert!(
        answer.starts_with("\u{2014} witness.example/w1 "),
        "{answer}"
    );
    let (status, _, answer) = w.add_checkpoint(&body(&tree("entry", 8), 5));
    assert_eq!(status, 200, "{answer}");
    let (status, _, answer) = w.add_checkpoint(&body(&tree("forged", 8), 8));
    assert_eq!(status, 422, "a fork: {answer}");
    w.kill();

    // Killed and restarted on the same state: it still knows size 8 and its root.
    let w = WitnessProcess::start(&key, &state);
    let (status, content_type, answer) = w.add_checkpoint(&body(&tree("entry", 3), 0));
    assert_eq!(
        (status, content_type.as_str(), answer.as_str()),
        (409, "text/x.tlog.size", "8\n")
    );
    let (status, _, _) = w.add_checkpoint(&body(&tree("forged", 8), 8));
    assert_eq!(status, 422);
    w.kill();
}

#[test]
fn witness_serve_refuses_bad_keys_with_exit_2() {
    let out = snapback(&[
        "witness",
        "serve",
        "--key",
        "Cargo.toml",
        "--log-key",
        "nonsense",
        "--state",
        "x.json",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let dir = fresh_dir("witness-serve-keys");
    std::fs::create_dir_all(&dir).expect("dir");
    let key = dir.join("w1.key");
    let witness =
        SignerKey::from_seed("witness.example/w1", Alg::CosignatureV1, &[9; 32]).expect("key");
    std::fs::write(&key, witness.to_private_string()).expect("key file");
    let key_arg = key.to_str().expect("path");
    let out = snapback(&[
        "witness",
        "serve",
        "--key",
        key_arg,
        "--log-key",
        "nonsense",
        "--state",
        "x.json",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("--log-key `nonsense`"),
        "{}",
        stderr(&out)
    );
}
