//! What both test binaries share: running the real `snapback` executable, data directories made
//! by `init --demo-keys`, and a `snapback serve` child. Included with `#[path]` by `tests/cli`
//! (the standard harness) and `tests/components` (its own harness, for the tests that need a real
//! PostgreSQL or browser and report themselves as not run without one).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use snapback_ledger::Submission;
use snapback_log::entry::{EntryBody, EntryKind, random_nonce};
use snapback_log::keys::SignerKey;

/// The repository root (two levels above this crate).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `snapback` with `args` from the repository root.
pub fn snapback(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_snapback"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the snapback binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh directory path under the target dir (not created).
pub fn fresh_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("log-tests")
        .join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.parent().expect("parent")).expect("mkdir");
    dir
}

/// A fresh data directory made by `init --demo-keys` with the given charter.
pub fn initialised(name: &str, charter: Option<&str>) -> PathBuf {
    let dir = fresh_dir(name);
    let mut args = vec!["init", dir.to_str().expect("utf-8 path"), "--demo-keys"];
    if let Some(c) = charter {
        args.extend(["--charter", c]);
    }
    let out = snapback(&args);
    assert!(out.status.success(), "init: {}", stderr(&out));
    dir
}

/// A key file of the data directory.
pub fn key(dir: &Path, name: &str) -> SignerKey {
    SignerKey::parse(
        &std::fs::read_to_string(dir.join(format!("keys/{name}.key"))).expect("key file"),
    )
    .expect("key")
}

/// A `snapback serve` child and the URL it listens on.
pub struct Server {
    child: Child,
    pub url: String,
}

impl Server {
    pub fn start(dir: &Path) -> Self {
        let args = ["--data", dir.to_str().expect("path")];
        let (server, _) = Self::spawn(&args, None, 1);
        server
    }

    /// `serve` with `args` and `--listen 127.0.0.1:0` (with TMPDIR set to `temp`, if given),
    /// and the first `lines` lines it prints (the first names its URL).
    pub fn spawn(args: &[&str], temp: Option<&Path>, lines: usize) -> (Self, Vec<String>) {
        let mut command = Command::new(env!("CARGO_BIN_EXE_snapback"));
        command
            .arg("serve")
            .args(args)
            .args(["--listen", "127.0.0.1:0"])
            .current_dir(root())
            .env("SNAPBACK_LOG", "warn")
            // The load below comes from one address; the per-client limit on anonymous reads
            // is tested in the server's `limits.rs`.
            .env("SNAPBACK_READ_RATE", "0")
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        if let Some(temp) = temp {
            command.env("TMPDIR", temp);
        }
        let mut child = command.spawn().expect("start snapback serve");
        let mut out = BufReader::new(child.stdout.take().expect("stdout"));
        let printed: Vec<String> = (0..lines)
            .map(|_| {
                let mut line = String::new();
                out.read_line(&mut line).expect("the server prints");
                line
            })
            .collect();
        let url = printed[0]
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .expect("a URL")
            .trim_end_matches('/')
            .to_owned();
        (Self { child, url }, printed)
    }

    /// SIGTERM, then wait (graceful shutdown) for at most 20 s.
    pub fn stop(mut self) -> std::process::ExitStatus {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let start = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "the server did not stop on SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// A test that fails before `stop` must not leave a server running.
impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

pub fn signed(key: &SignerKey, event: serde_json::Value) -> Vec<u8> {
    let serde_json::Value::Object(map) = event else {
        panic!("an object")
    };
    let body =
        EntryBody::new(EntryKind::Input, key, random_nonce().expect("nonce"), map).expect("body");
    let s = Submission::sign(body, key).expect("sign");
    serde_json::to_vec(&serde_json::json!({ "body": s.body, "sig": B64.encode(s.sig) }))
        .expect("json")
}

/// Asserts that every file of directory `expected` is in `actual` with the same bytes (`how`
/// says what made `actual`), and that there are at least six: a simulation's outputs.
pub fn assert_same_files(expected: &Path, actual: &Path, how: &str) {
    let mut compared = 0;
    for entry in std::fs::read_dir(expected).expect("the expected directory") {
        let path = entry.expect("a directory entry").path();
        if !path.is_file() {
            continue;
        }
        let name = path.file_name().expect("a file name");
        let a = std::fs::read(&path).expect("an expected file");
        let b = std::fs::read(actual.join(name))
            .unwrap_or_else(|e| panic!("{} after {how}: {e}", name.to_string_lossy()));
        assert!(a == b, "{} differs after {how}", name.to_string_lossy());
        compared += 1;
    }
    assert!(compared >= 6, "only {compared} files compared");
}
