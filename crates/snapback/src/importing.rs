//! What the importers share (`fund import-kiel`, `capabilities import`) beyond parsing (which is
//! `snapback_interop`'s): writing the events as a scenario next to a charter, and appending them
//! to a data directory's log signed with one party's key.

use std::path::{Component, Path, PathBuf};

use anyhow::Context;
use clap::Args;
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

impl Appended {
    /// What the append did, for the line an importer prints after what it read.
    pub fn summary(&self, data: &Path, now: Timestamp, signer: &str) -> String {
        format!(
            "appended {} entries to the log of {} at {now}, signed by {signer}; {} already there, {} rejected; log size {} (was {})",
            self.appended,
            data.display(),
            self.duplicates,
            self.rejected,
            self.size_after,
            self.size_before
        )
    }

    /// Exit 1 when the log refused any event (each was printed), else success.
    pub fn exit_code(&self) -> std::process::ExitCode {
        if self.rejected > 0 {
            std::process::ExitCode::from(1)
        } else {
            std::process::ExitCode::SUCCESS
        }
    }
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

/// Where an import writes: a scenario, or a data directory's log (the same four arguments for
/// every importer).
#[derive(Args, Debug)]
pub struct ImportTarget {
    /// Write a scenario (TOML) that `snapback replay` and the command's reports read.
    #[arg(long, conflicts_with = "data", required_unless_present = "data")]
    pub out: Option<PathBuf>,
    /// With --out: the charter the scenario names (`capabilities import` defaults to
    /// charters/ukraine.toml; `monitor import` needs the charter with the monitor).
    #[arg(long, requires = "out")]
    pub charter: Option<PathBuf>,
    /// Append to this data directory's log, signed with the recording party's key from
    /// DIR/keys (the secretariat's for capability rows, the monitor's for its reports).
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// With --data: a PostgreSQL database holding the log.
    #[arg(long, env = "SNAPBACK_DATABASE_URL")]
    pub database_url: Option<String>,
}

/// The engine judges every event of a scenario about to be written, so an event it would
/// refuse is an error at its row's line (`lines[i]` for `events[i]`, worded by `word` with the
/// refusal) and no scenario with refusals is written.
pub fn judge_rows(
    source: &Source,
    charter: snapback_charter::Charter,
    events: &[Event],
    lines: &[u64],
    word: impl Fn(usize, &str) -> String,
    help: &str,
) -> Result<(), Failure> {
    let history = snapback_charter::CharterHistory::new(vec![charter])
        .map_err(|e| Failure::Usage(format!("the charter: {e}")))?;
    let mut engine = snapback_engine::Engine::new(history);
    let mut refusals = Refusals::default();
    for (i, e) in events.iter().enumerate() {
        engine.apply(i as u64, e, &mut refusals);
    }
    let mut problems = snapback_interop::csv_file::Problems::default();
    for (i, line) in lines.iter().enumerate() {
        if let Some(reason) = refusals.0.get(&(i as u64)) {
            problems.push(source.error_at(
                line_span(source, *line),
                None,
                word(i, reason),
                Some(help.to_owned()),
            ));
        }
    }
    problems.finish()?;
    Ok(())
}

/// An import's log: the data directory (or database), its ledger, the instant the import is
/// recorded at, and the charter in force then.
pub struct ImportLog {
    pub location: Location,
    pub ledger: snapback_ledger::Ledger<Box<dyn snapback_store::Store>>,
    pub now: Timestamp,
    pub charter: std::sync::Arc<snapback_charter::Charter>,
}

/// Opens the log `target` names for an import of `what` (rows, reports).
pub fn open_import_log(target: &ImportTarget, what: &str) -> Result<ImportLog, Failure> {
    let location = Location::for_import(target.data.as_ref(), target.database_url.as_ref(), what)?;
    let ledger = location.open_ledger()?;
    let now = ledger.next_time(Timestamp::now());
    let charter = ledger.history().in_force(now).cloned().ok_or_else(|| {
        Failure::Usage(format!(
            "no charter of {} is in force now",
            location.data.display()
        ))
    })?;
    Ok(ImportLog {
        location,
        ledger,
        now,
        charter,
    })
}
