//! The one integration-test binary: runs the real `snapback` executable the way users and
//! outside tools do.

// Helpers outside `#[test]` functions are test code too (clippy.toml allows these in tests).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod browser;
mod charter_check;
mod crash;
mod fund;
mod golden;
mod log;
mod replay;
mod server;
mod webhooks;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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

/// Writes `text` to a fresh file under the target directory and returns its path.
pub fn temp_file(name: &str, text: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-tests");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write temp file");
    path
}

/// Text with every run of white space (line wraps included) folded to one space.
pub fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
