//! Crash safety: a child process appends signed entries in a loop and is killed with SIGKILL at
//! random moments, 20 times per store. After each kill, every append the child acknowledged is
//! in the log with the same content, no entry is torn, and `snapback verify` passes.
//!
//! The child is this test binary itself, re-run with `SNAPBACK_CRASH_CHILD` set (see `main.rs`
//! and [`child`]); it prints `ack <index> <entry id>` only after `Ledger::submit` returned, that
//! is after the commit was durable.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use jiff::Timestamp;
use snapback_engine::event::{ClaimFiled, Event, EventKind, Verdict, VoteCast};
use snapback_ledger::Outcome;
use snapback_ledger::Submission;
use snapback_ledger::convert::input_event;
use snapback_log::entry::{EntryBody, EntryKind, random_nonce};
use snapback_store::{PgMode, PgStore, SqliteStore, Store};

use crate::support::{fresh_dir, snapback, stderr, stdout};

const ROUNDS: u32 = 20;

pub fn child_location() -> Option<(PathBuf, Option<String>)> {
    let dir = std::env::var_os("SNAPBACK_CRASH_CHILD")?;
    Some((PathBuf::from(dir), std::env::var("SNAPBACK_CRASH_DB").ok()))
}

/// The child's loop: appends until it is killed.
pub fn child(dir: PathBuf, db: Option<String>) {
    let location = snapback_location(&dir, db);
    let started = Instant::now();
    let mut ledger = loop {
        match location_open(&location) {
            Ok(l) => break l,
            // The killed predecessor's PostgreSQL session may still hold the writer lock briefly.
            Err(e) if started.elapsed() < Duration::from_secs(20) => {
                let _ = e;
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(e) => panic!("the child cannot open the ledger: {e:#}"),
        }
    };
    let key = |party: &str| {
        snapback_log::keys::SignerKey::parse(
            &std::fs::read_to_string(dir.join(format!("keys/{party}.key"))).expect("key"),
        )
        .expect("key file")
    };
    let (ua, a, b) = (key("UA"), key("A"), key("B"));
    let stdout = std::io::stdout();
    for n in 0u64.. {
        let now = ledger.next_time(Timestamp::now());
        let claim =
            snapback_charter::ClaimId::new(&format!("K{}-{n}", std::process::id())).expect("id");
        let filed = Event {
            at: now,
            party: snapback_charter::PartyId::new("UA").expect("id"),
            kind: EventKind::ClaimFiled(ClaimFiled {
                claim: claim.clone(),
                category: "shelling".into(),
                severity: 1,
                summary: "crash test".into(),
                location: None,
                occurred_at: None,
                allegation: Default::default(),
            }),
        };
        let vote = |party: &str| Event {
            at: now,
            party: snapback_charter::PartyId::new(party).expect("id"),
            kind: EventKind::VoteCast(VoteCast::Claim {
                claim: claim.clone(),
                verdict: Verdict::Founded,
            }),
        };
        let sign = |key: &snapback_log::keys::SignerKey, e: &Event| {
            let body = EntryBody::new(
                EntryKind::Input,
                key,
                random_nonce().expect("nonce"),
                input_event(e).expect("an event object"),
            )
            .expect("body");
            (Submission::sign(body, key).expect("sign"), now)
        };
        let batch = [
            sign(&ua, &filed),
            sign(&a, &vote("A")),
            sign(&b, &vote("B")),
        ];
        let outcomes = ledger.submit(&batch).expect("submit");
        let mut out = stdout.lock();
        for ((submission, _), outcome) in batch.iter().zip(outcomes) {
            if let Outcome::Appended { index, .. } = outcome {
                let id = id_hex(&submission.body);
                writeln!(out, "ack {index} {id}").expect("write");
            }
        }
        out.flush().expect("flush");
    }
}

/// An entry's id in hex, as the child acknowledges it and the check compares it.
fn id_hex(body: &EntryBody) -> String {
    body.id()
        .expect("id")
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn snapback_location(dir: &Path, db: Option<String>) -> (PathBuf, Option<String>) {
    (dir.to_path_buf(), db)
}

type Ledger = snapback_ledger::Ledger<Box<dyn Store>>;

/// Opens the ledger the way the CLI does (data directory keys, SQLite or PostgreSQL).
fn location_open(location: &(PathBuf, Option<String>)) -> anyhow_like::Result<Ledger> {
    let (dir, db) = location;
    let history = snapback_charter::CharterHistory::single(
        snapback_charter::load_toml(&snapback_charter::Source::new(
            "charter.toml",
            std::fs::read_to_string(dir.join("charter.toml")).map_err(anyhow_like::err)?,
        ))
        .map_err(anyhow_like::err)?,
    );
    let key = |name: &str| {
        std::fs::read_to_string(dir.join(format!("keys/{name}.key")))
            .map_err(anyhow_like::err)
            .and_then(|t| snapback_log::keys::SignerKey::parse(&t).map_err(anyhow_like::err))
    };
    let store: Box<dyn Store> = match db {
        Some(url) => Box::new(PgStore::open(url, PgMode::Writer).map_err(anyhow_like::err)?),
        None => Box::new(SqliteStore::open(&dir.join("log.sqlite")).map_err(anyhow_like::err)?),
    };
    snapback_ledger::Ledger::open(store, history, key("SEC")?, key("log")?)
        .map_err(anyhow_like::err)
}

/// A tiny error wrapper so the child needs no extra crate.
mod anyhow_like {
    pub type Result<T> = std::result::Result<T, String>;
    pub fn err(e: impl std::fmt::Display) -> String {
        e.to_string()
    }
}

/// Runs the kill loop against a data directory (and database).
fn kill_repeatedly(dir: &Path, db: Option<&str>) {
    let mut acked: Vec<(u64, String)> = Vec::new();
    let mut seed: u64 = 0x5eed;
    for round in 0..ROUNDS {
        let mut cmd = Command::new(std::env::current_exe().expect("test binary"));
        cmd.env("SNAPBACK_CRASH_CHILD", dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        if let Some(url) = db {
            cmd.env("SNAPBACK_CRASH_DB", url);
        }
        let mut child = cmd.spawn().expect("spawn the child");
        let out = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                if let Some(rest) = line.strip_prefix("ack ") {
                    let _ = tx.send(rest.to_owned());
                }
            }
        });
        // Wait for the first acknowledgement, then kill at a pseudo-random moment.
        let first = rx
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| panic!("round {round}: the child acknowledged nothing"));
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        std::thread::sleep(Duration::from_millis(20 + (seed >> 33) % 250));
        child.kill().expect("SIGKILL");
        let _ = child.wait();
        let _ = reader.join();
        for line in std::iter::once(first).chain(rx.try_iter()) {
            let (index, id) = line.split_once(' ').expect("ack line");
            acked.push((index.parse().expect("index"), id.to_owned()));
        }
        check_after_crash(dir, db, &acked, round);
    }
    assert!(
        acked.len() >= ROUNDS as usize,
        "every round acknowledged appends"
    );
}

fn check_after_crash(dir: &Path, db: Option<&str>, acked: &[(u64, String)], round: u32) {
    let store: Box<dyn Store> = match db {
        Some(url) => Box::new(PgStore::open(url, PgMode::Reader).expect("reader")),
        None => Box::new(SqliteStore::open(&dir.join("log.sqlite")).expect("sqlite")),
    };
    for (index, id) in acked {
        assert!(
            *index < store.size(),
            "round {round}: acknowledged entry {index} is missing (size {})",
            store.size()
        );
        let data = store
            .entries(*index, index + 1)
            .expect("read")
            .pop()
            .expect("entry");
        let entry = snapback_log::entry::Entry::parse(&data)
            .unwrap_or_else(|e| panic!("round {round}: entry {index} is torn: {e}"));
        let stored = id_hex(&entry.body);
        assert_eq!(
            &stored, id,
            "round {round}: entry {index} is not the acknowledged one"
        );
    }
    drop(store);
    let mut args = vec!["verify", "--data", dir.to_str().expect("path")];
    if let Some(url) = db {
        args.extend(["--database-url", url]);
    }
    let out = snapback(&args);
    assert!(
        out.status.success(),
        "round {round}: verify failed: {}{}",
        stdout(&out),
        stderr(&out)
    );
}

fn init(dir: &Path, db: Option<&str>) {
    let mut args = vec![
        "init",
        dir.to_str().expect("path"),
        "--demo-keys",
        "--charter",
        "scenarios/charters/five.toml",
    ];
    if let Some(url) = db {
        args.extend(["--database-url", url]);
    }
    let out = snapback(&args);
    assert!(out.status.success(), "init: {}", stderr(&out));
}

pub fn sqlite_log_survives_sigkill() {
    let dir = fresh_dir("crash-sqlite");
    init(&dir, None);
    kill_repeatedly(&dir, None);
}

pub fn postgres_log_survives_sigkill(admin: &str) {
    let db = snapback_store::suite::TempDatabase::create(admin);
    let dir = fresh_dir("crash-postgres");
    init(&dir, Some(&db.url));
    kill_repeatedly(&dir, Some(&db.url));
}
