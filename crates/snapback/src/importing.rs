//! What the importers share (`fund import-kiel`, `capabilities import`) beyond parsing (which is
//! `snapback_interop`'s): writing the events as a scenario next to a charter, and appending them
//! to a data directory's log signed with one party's key.

use std::path::{Component, Path, PathBuf};

use anyhow::Context;
use jiff::Timestamp;
use serde::Serialize;
use std::collections::HashMap;

use snapback_charter::Source;
use snapback_engine::{CountingSink, Event, Judgement, Sink};
use snapback_interop::csv_file::ERRORS_MAX;
use snapback_ledger::convert::input_event;
use snapback_ledger::{Outcome, Submission};
use snapback_log::entry::{EntryBody, EntryKind, random_nonce};

use crate::datadir::{Location, read_key};
use crate::failure::Failure;

/// `target` relative to the directory `base` (both absolute).
pub fn relative_to(target: &Path, base: &Path) -> PathBuf {
    let t: Vec<Component<'_>> = target.components().collect();
    let b: Vec<Component<'_>> = base.components().collect();
    let common = t.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common == 0 {
        return target.to_path_buf();
    }
    let mut p = PathBuf::new();
    for _ in common..b.len() {
        p.push("..");
    }
    for c in t.iter().skip(common) {
        p.push(c);
    }
    p
}

#[derive(Serialize)]
struct ScenarioFile<'a> {
    charter: String,
    title: &'a str,
    description: &'a str,
    event: &'a [Event],
}

/// Writes `events` as a scenario at `out` naming `charter_path` relative to it, under a header
/// comment; returns the charter reference written.
pub fn write_scenario(
    out: &Path,
    charter_path: &Path,
    comment: &str,
    title: &str,
    description: &str,
    events: &[Event],
) -> Result<String, Failure> {
    let out_dir = match out.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let out_dir_abs = out_dir.canonicalize().map_err(|e| {
        Failure::Usage(format!(
            "--out {}: its directory cannot be used ({e}); create it first",
            out.display()
        ))
    })?;
    let charter_abs = charter_path
        .canonicalize()
        .with_context(|| format!("resolving {}", charter_path.display()))?;
    let charter = relative_to(&charter_abs, &out_dir_abs)
        .to_string_lossy()
        .replace('\\', "/");
    let scenario = ScenarioFile {
        charter: charter.clone(),
        title,
        description,
        event: events,
    };
    let body = toml::to_string(&scenario).context("encoding the scenario as TOML")?;
    let comment: String = comment.lines().map(|l| format!("# {l}\n")).collect();
    std::fs::write(out, format!("{comment}{body}"))
        .with_context(|| format!("writing {}", out.display()))?;
    Ok(charter)
}

/// What appending to a log did.
#[derive(Debug, Default)]
pub struct Appended {
    pub appended: usize,
    pub duplicates: usize,
    pub rejected: usize,
    pub size_before: u64,
    pub size_after: u64,
}

/// Signs each event with `signer`'s key from the data directory and submits them through the
/// ledger at `now`, in batches; refusals are printed (the first [`ERRORS_MAX`]) and counted.
pub fn append_signed(
    location: &Location,
    ledger: &mut snapback_ledger::Ledger<Box<dyn snapback_store::Store>>,
    signer: &str,
    events: &[&Event],
    now: Timestamp,
) -> Result<Appended, Failure> {
    let mut done = Appended {
        size_before: ledger.store().size(),
        ..Appended::default()
    };
    if !events.is_empty() {
        let key_path = location.key_path(signer);
        let key = read_key(&key_path).map_err(|e| {
            Failure::Usage(format!(
                "`{signer}` signs the imported events, but its key cannot be read ({e:#}); \
                 create the data directory with `snapback init --demo-keys` or put the key at {}",
                key_path.display()
            ))
        })?;
        let mut submissions = Vec::with_capacity(events.len());
        for event in events {
            let nonce = random_nonce().map_err(|e| Failure::Other(e.into()))?;
            let event = input_event(event).map_err(|e| Failure::Other(e.into()))?;
            let body = EntryBody::new(EntryKind::Input, &key, nonce, event)
                .map_err(|e| Failure::Other(e.into()))?;
            submissions.push((
                Submission::sign(body, &key).map_err(|e| Failure::Other(e.into()))?,
                now,
            ));
        }
        for chunk in submissions.chunks(2_048) {
            for outcome in ledger.submit(chunk)? {
                match outcome {
                    Outcome::Appended { .. } => done.appended += 1,
                    Outcome::Duplicate { .. } => done.duplicates += 1,
                    Outcome::Rejected(reason) => {
                        done.rejected += 1;
                        if done.rejected <= ERRORS_MAX {
                            eprintln!("rejected ({}): {reason}", reason.code());
                        }
                    }
                }
            }
        }
    }
    done.size_after = ledger.store().size();
    Ok(done)
}

/// A sink that keeps each input's refusal by its index.
#[derive(Default)]
pub struct Refusals(pub HashMap<u64, String>, CountingSink);

impl Sink for Refusals {
    fn input(&mut self, index: u64, event: &Event, judgement: &Judgement) {
        if let Err(r) = judgement {
            self.0.insert(index, format!("{} ({})", r, r.code()));
        }
        self.1.input(index, event, judgement);
    }

    fn derived(&mut self, d: &snapback_engine::Derived) {
        self.1.derived(d);
    }
}

/// The whole line `line` (1-based) of the source, for an error about a row.
pub fn line_span(source: &Source, line: u64) -> Option<std::ops::Range<usize>> {
    let mut start = 0usize;
    for (n, l) in source.text.split_inclusive('\n').enumerate() {
        if n as u64 + 1 == line {
            return Some(start..start + l.trim_end().len());
        }
        start += l.len();
    }
    None
}
