//! The one integration-test binary: runs the real `snapback` executable the way users and
//! outside tools do.

// Helpers outside `#[test]` functions are test code too (clippy.toml allows these in tests).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod analysis;
mod capabilities;
mod charter_check;
mod charter_render;
mod docs;
mod explain_lang;
mod findings;
mod fund;
mod fund_board;
mod golden;
mod log;
mod monitoring;
mod precedents;
mod replay;
mod server;
mod shards;
mod simulate;
mod time;
mod webhooks;
mod witness_network;
mod witness_serve;

#[path = "../support/mod.rs"]
mod support;

pub use support::{root, snapback, stderr, stdout};

use std::path::{Path, PathBuf};

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

/// Runs `snapback` with `args`, expects success, and parses standard output as JSON.
pub fn json_of(args: &[&str]) -> serde_json::Value {
    let out = snapback(args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("JSON")
}

/// The item of a JSON array whose `key` equals `value`.
pub fn find<'a>(items: &'a serde_json::Value, key: &str, value: &str) -> &'a serde_json::Value {
    items
        .as_array()
        .expect("an array")
        .iter()
        .find(|i| i[key] == value)
        .unwrap_or_else(|| panic!("no item with {key} = {value}"))
}

/// A path as the `&str` an argument list takes.
pub fn path_arg(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}
