//! The CSV reader every importer shares: a header row naming the columns, rows read in order,
//! and every error located at `name:line:col` with the column's name and a help text.

use std::ops::Range;

use snapback_charter::{Diagnostics, FieldPath, Source, SourceError};

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

    /// `Ok` if there were none; else all of them.
    pub fn finish(mut self) -> Result<(), Diagnostics> {
        if self.more > 0
            && let Some(last) = self.errors.last_mut()
        {
            last.message
                .push_str(&format!(" (and {} more errors)", self.more));
        }
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(Diagnostics {
                errors: self.errors,
            })
        }
    }
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

// By hand: the csv reader is not `Debug`.
impl std::fmt::Debug for CsvFile<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CsvFile")
            .field("origin", &self.source.origin)
            .field("headers", &self.headers)
            .finish_non_exhaustive()
    }
}

impl<'a> CsvFile<'a> {
    /// Reads the header; a missing required column is an error on the header line that lists
    /// what the header has, with `help` saying what the file should be.
    pub fn open(source: &'a Source, required: &[&str], help: &str) -> Result<Self, Diagnostics> {
        let text: &str = &source.text;
        let header_end = text.find(['\n', '\r']).unwrap_or(text.len());
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(text.as_bytes());
        let headers = match reader.headers() {
            Ok(h) => h.clone(),
            Err(e) => {
                return Err(Diagnostics::one(csv_error(source, &e, "the header row")));
            }
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
            return Err(Diagnostics::one(source.error_at(
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
#[derive(Debug)]
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
