//! What the importers share (`fund import-kiel`, `capabilities import`): reading a CSV file
//! with errors located at `file:line:col`, writing the events as a scenario next to a charter,
//! and appending them to a data directory's log signed with one party's key.

use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use anyhow::Context;
use jiff::Timestamp;
use serde::Serialize;
use snapback_charter::{Diagnostics, FieldPath, Source, SourceError};
use snapback_engine::Event;
use snapback_ledger::convert::input_event;
use snapback_ledger::{Outcome, Submission};
use snapback_log::entry::{EntryBody, EntryKind, random_nonce};

use crate::datadir::{Location, read_key};
use crate::failure::Failure;

/// Reported at once at most; the rest are counted.
pub const ERRORS_MAX: usize = 20;

/// Errors collected over a whole file, the first [`ERRORS_MAX`] kept.
#[derive(Debug, Default)]
pub struct Problems {
    errors: Vec<SourceError>,
    more: usize,
}

impl Problems {
    pub fn push(&mut self, e: SourceError) {
        if self.errors.len() < ERRORS_MAX {
            self.errors.push(e);
        } else {
            self.more += 1;
        }
    }

    pub fn is_full(&self) -> bool {
        self.errors.len() >= ERRORS_MAX
    }

    /// `Ok` if there were none; else all of them as bad input (exit 2).
    pub fn finish(mut self) -> Result<(), Failure> {
        if self.more > 0
            && let Some(last) = self.errors.last_mut()
        {
            last.message
                .push_str(&format!(" (and {} more errors)", self.more));
        }
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(Failure::Input(Diagnostics {
                errors: self.errors,
            }))
        }
    }
}

pub fn input_error(e: SourceError) -> Failure {
    Failure::Input(Diagnostics::one(e))
}

/// Byte range of field `field` of the record starting at `start` in the raw text (quotes
/// respected), for located errors.
pub fn field_span(text: &str, start: usize, field: usize) -> Range<usize> {
    let bytes = text.as_bytes();
    let (mut n, mut field_start, mut quoted) = (0, start, false);
    let mut i = start;
    while let Some(&b) = bytes.get(i) {
        if quoted {
            quoted = b != b'"';
        } else if b == b'"' {
            quoted = true;
        } else if b == b',' || b == b'\n' || b == b'\r' {
            if n == field {
                return field_start..i;
            }
            if b != b',' {
                break;
            }
            n += 1;
            field_start = i + 1;
        }
        i += 1;
    }
    if n == field {
        field_start..i
    } else {
        start..start
    }
}

/// A CSV reading error, located where the reader stopped.
pub fn csv_error(source: &Source, e: &csv::Error, what: &str) -> SourceError {
    let span = e
        .position()
        .and_then(|p| usize::try_from(p.byte()).ok())
        .map(|b| b..b);
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("{what} has {len} fields but the header has {expected_len}"),
        _ => format!("{what} cannot be read as CSV: {e}"),
    };
    source.error_at(
        span.or(Some(0..0)),
        None,
        message,
        Some(
            "every row needs one value per header column, separated by commas; quote values \
             that contain commas"
                .to_owned(),
        ),
    )
}

/// A CSV file with a header row naming at least `required` columns.
pub struct CsvFile<'a> {
    source: &'a Source,
    headers: csv::StringRecord,
    reader: csv::Reader<&'a [u8]>,
}

impl<'a> CsvFile<'a> {
    /// Reads the header; a missing required column is an error on the header line that lists
    /// what the header has, with `help` saying what the file should be.
    pub fn open(source: &'a Source, required: &[&str], help: &str) -> Result<Self, Failure> {
        let text: &str = &source.text;
        let header_end = text.find(['\n', '\r']).unwrap_or(text.len());
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(text.as_bytes());
        let headers = match reader.headers() {
            Ok(h) => h.clone(),
            Err(e) => return Err(input_error(csv_error(source, &e, "the header row"))),
        };
        let file = CsvFile {
            source,
            headers,
            reader,
        };
        let missing: Vec<String> = required
            .iter()
            .filter(|c| file.column(c).is_none())
            .map(|c| format!("`{c}`"))
            .collect();
        if !missing.is_empty() || text.trim().is_empty() {
            let plural = if missing.len() == 1 { "" } else { "s" };
            let found: Vec<&str> = file.headers.iter().collect();
            let message = format!(
                "missing column{plural} {} (the header row has: {})",
                missing.join(", "),
                found.join(", ")
            );
            return Err(input_error(source.error_at(
                Some(0..header_end),
                None,
                message,
                Some(help.to_owned()),
            )));
        }
        Ok(file)
    }

    /// The index of a column by its header name (a byte-order mark and spaces ignored).
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}').trim() == name)
    }

    /// The rows in order; a row the CSV reader cannot read is an error in `problems`.
    pub fn rows(&mut self, problems: &mut Problems) -> Vec<Row<'a>> {
        let mut rows = Vec::new();
        for result in self.reader.records() {
            match result {
                Ok(record) => {
                    let (start, line) = record.position().map_or((0, 0), |p| {
                        (usize::try_from(p.byte()).unwrap_or(0), p.line())
                    });
                    rows.push(Row {
                        source: self.source,
                        record,
                        start,
                        line,
                    });
                }
                Err(e) => problems.push(csv_error(self.source, &e, "this row")),
            }
        }
        rows
    }
}

/// One CSV row, with where it is in the file.
pub struct Row<'a> {
    source: &'a Source,
    record: csv::StringRecord,
    start: usize,
    pub line: u64,
}

impl Row<'_> {
    /// The trimmed text of column `i` (empty if absent).
    pub fn field(&self, i: usize) -> &str {
        self.record.get(i).unwrap_or("").trim()
    }

    /// Where column `i` of this row is in the file.
    pub fn span(&self, i: usize) -> Range<usize> {
        field_span(&self.source.text, self.start, i)
    }

    /// An error at column `i` (named `name`) of this row.
    pub fn error(&self, i: usize, name: &str, message: String, help: &str) -> SourceError {
        self.source.error_at(
            Some(self.span(i)),
            Some(FieldPath::of(&[name])),
            message,
            Some(help.to_owned()),
        )
    }
}

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
