//! The capability tracker's CSV import: one row per aid commitment (`committed`), shipment
//! (`shipped`) or receipt (`received`), each checked and located, returned in date order.

use jiff::Timestamp;
use jiff::tz::Offset;
use snapback_charter::{CommitmentId, Diagnostics, ItemId, PartyId, Source, SourceError};
use snapback_engine::event::{
    AidCommitment, AidReceipt, AidShipment, CapabilityEvent, LABEL_LEN_MAX, ReceiptFor,
};

use crate::csv_file::{CsvFile, Problems, Row};

/// The import's columns, in the documented order.
pub const COLUMNS: [&str; 9] = [
    "event",
    "date",
    "commitment",
    "donor",
    "category",
    "item",
    "quantity",
    "promised",
    "reference",
];

/// A row, checked, with its line.
#[derive(Debug)]
pub struct ImportRow {
    pub line: u64,
    pub date: Timestamp,
    pub kind: CapabilityEvent,
}

/// `YYYY-MM-DD` (midnight UTC) or an RFC 3339 instant.
fn parse_date(text: &str) -> Option<Timestamp> {
    if let Ok(t) = snapback_charter::time::parse_instant(text) {
        return Some(t);
    }
    let date: jiff::civil::Date = text.parse().ok()?;
    Offset::UTC
        .to_timestamp(date.to_datetime(jiff::civil::Time::midnight()))
        .ok()
}

/// Reads and checks every row of the file (`source` is its text and name), in date order (the
/// engine never goes back in time); rows of the same date keep their order in the file.
pub fn read_rows(source: &Source) -> Result<Vec<ImportRow>, Diagnostics> {
    let mut csv = CsvFile::open(
        source,
        &COLUMNS,
        &format!(
            "the first row names the columns: {} (see docs/capabilities.md, \"Importing commitments \
             and deliveries\")",
            COLUMNS.join(",")
        ),
    )?;
    // `open` refused a header without these columns.
    let c = Columns(COLUMNS.map(|name| csv.column(name).unwrap_or(0)));
    let mut problems = Problems::default();
    let mut rows = Vec::new();
    for row in csv.rows(&mut problems) {
        match check_row(&Cells { row: &row, c: &c }) {
            Ok(r) => rows.push(r),
            Err(e) => problems.push(e),
        }
        if problems.is_full() {
            break;
        }
    }
    problems.finish()?;
    rows.sort_by_key(|r| r.date);
    Ok(rows)
}

/// The positions of [`COLUMNS`] in the file, in the same order.
struct Columns([usize; 9]);

impl Columns {
    fn of(&self, name: &str) -> usize {
        COLUMNS
            .iter()
            .position(|c| *c == name)
            .and_then(|i| self.0.get(i).copied())
            .unwrap_or(0)
    }
}

/// One row read by column name, with errors located at the column.
struct Cells<'a, 'r> {
    row: &'a Row<'r>,
    c: &'a Columns,
}

impl Cells<'_, '_> {
    fn text(&self, name: &str) -> &str {
        self.row.field(self.c.of(name))
    }

    fn error(&self, name: &str, message: String, help: &str) -> SourceError {
        self.row.error(self.c.of(name), name, message, help)
    }

    /// A date column, or an error with `help`.
    fn date(&self, name: &str, help: &str) -> Result<Timestamp, SourceError> {
        parse_date(self.text(name))
            .ok_or_else(|| self.error(name, format!("`{}` is not a date", self.text(name)), help))
    }

    /// Only `committed` rows fill the donor, category, item and promised columns.
    fn empty_unless_committed(&self, name: &str) -> Result<(), SourceError> {
        if self.text(name).is_empty() {
            Ok(())
        } else {
            Err(self.error(
                name,
                format!("a `{}` row has no {name}", self.text("event")),
                "leave it empty: only `committed` rows name the donor, category, item and promised date",
            ))
        }
    }
}

/// What every row has: its commitment, quantity and reference.
struct Common {
    commitment: CommitmentId,
    quantity: u64,
    reference: Option<String>,
}

/// One row → its event, or the first problem with it, located at its column.
fn check_row(cells: &Cells<'_, '_>) -> Result<ImportRow, SourceError> {
    let date = cells.date(
        "date",
        "write the day it happened as YYYY-MM-DD, or an RFC 3339 instant such as 2026-03-01T12:00:00Z",
    )?;
    let common = common(cells)?;
    let kind = match cells.text("event") {
        "committed" => committed(cells, common)?,
        kind @ ("shipped" | "received") => movement(cells, kind == "shipped", common)?,
        other => {
            return Err(cells.error(
                "event",
                format!("`{other}` is not an event of this file"),
                "write committed, shipped or received",
            ));
        }
    };
    Ok(ImportRow {
        line: cells.row.line,
        date,
        kind,
    })
}

fn common(cells: &Cells<'_, '_>) -> Result<Common, SourceError> {
    let commitment = CommitmentId::new(cells.text("commitment")).map_err(|e| {
        cells.error(
            "commitment",
            format!("`{}` is not a commitment id: {e}", cells.text("commitment")),
            "use letters, digits, '.', '_', ':' or '-', at most 64 (e.g. US-PDA-61)",
        )
    })?;
    let quantity: u64 = cells
        .text("quantity")
        .parse()
        .ok()
        .filter(|q| *q > 0)
        .ok_or_else(|| {
            cells.error(
                "quantity",
                format!("`{}` is not a number of units", cells.text("quantity")),
                "write a whole number of at least 1, without separators",
            )
        })?;
    let reference = match cells.text("reference") {
        "" => None,
        r if r.len() > LABEL_LEN_MAX => {
            return Err(cells.error(
                "reference",
                format!(
                    "the reference is {} bytes; the limit is {LABEL_LEN_MAX}",
                    r.len()
                ),
                "shorten it",
            ));
        }
        r => Some(r.to_owned()),
    };
    Ok(Common {
        commitment,
        quantity,
        reference,
    })
}

/// A `committed` row: who promised what, how many, by when.
fn committed(cells: &Cells<'_, '_>, common: Common) -> Result<CapabilityEvent, SourceError> {
    let donor = PartyId::new(cells.text("donor")).map_err(|e| {
        cells.error(
            "donor",
            format!("`{}` is not a donor id: {e}", cells.text("donor")),
            "name the donor by its party id (US, DE) or another short id",
        )
    })?;
    let category = cells.text("category");
    if category.is_empty() || category.contains(char::is_whitespace) {
        return Err(cells.error(
            "category",
            format!("`{category}` is not a category"),
            "one word: combat-aircraft, armoured-vehicles, long-range-drones, artillery, air-defence, munitions, or another",
        ));
    }
    let item = ItemId::new(cells.text("item")).map_err(|e| {
        cells.error(
            "item",
            format!("`{}` is not an item id: {e}", cells.text("item")),
            "name the item as the charter counts it, e.g. 155mm-shell",
        )
    })?;
    let promised = cells.date("promised", "write the promised delivery date as YYYY-MM-DD")?;
    Ok(CapabilityEvent::AidCommitted(AidCommitment {
        commitment: common.commitment,
        donor: Some(donor),
        category: category.to_owned(),
        item,
        quantity: common.quantity,
        promised,
        reference: common.reference,
        occurred_at: None,
    }))
}

/// A `shipped` or `received` row: units moving against a commitment.
fn movement(
    cells: &Cells<'_, '_>,
    shipped: bool,
    common: Common,
) -> Result<CapabilityEvent, SourceError> {
    for name in ["donor", "category", "item", "promised"] {
        cells.empty_unless_committed(name)?;
    }
    Ok(if shipped {
        CapabilityEvent::AidShipped(AidShipment {
            commitment: common.commitment,
            quantity: common.quantity,
            reference: common.reference,
            occurred_at: None,
        })
    } else {
        CapabilityEvent::AidReceived(AidReceipt {
            target: ReceiptFor::Commitment(common.commitment),
            quantity: common.quantity,
            reference: common.reference,
            occurred_at: None,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_days_or_instants() {
        assert_eq!(
            parse_date("2026-03-01").map(|t| t.to_string()),
            Some("2026-03-01T00:00:00Z".to_owned())
        );
        assert_eq!(
            parse_date("2026-03-01T12:00:00Z").map(|t| t.to_string()),
            Some("2026-03-01T12:00:00Z".to_owned())
        );
        assert_eq!(parse_date("01/03/2026"), None);
        assert_eq!(parse_date(""), None);
    }

    #[test]
    fn rows_come_back_in_date_order_and_errors_name_their_place() {
        let text = "event,date,commitment,donor,category,item,quantity,promised,reference\n\
                    shipped,2026-03-02,C1,,,,5,,\n\
                    committed,2026-03-01,C1,US,artillery,155mm-shell,10,2026-06-01,PDA 1\n";
        let rows = read_rows(&Source::new("aid.csv", text)).unwrap();
        assert_eq!(rows.iter().map(|r| r.line).collect::<Vec<_>>(), [3, 2]);
        assert!(matches!(rows[0].kind, CapabilityEvent::AidCommitted(_)));

        let bad = "event,date,commitment,donor,category,item,quantity,promised,reference\n\
                   shipped,2026-03-02,C1,US,,,5,,\n\
                   committed,2026-03-01,C1,US,artillery,155mm-shell,0,2026-06-01,\n";
        let errors = read_rows(&Source::new("aid.csv", bad)).unwrap_err().errors;
        let firsts: Vec<String> = errors
            .iter()
            .map(|e| e.to_string().lines().next().unwrap_or("").to_owned())
            .collect();
        // `shipped,2026-03-02,C1,` is 22 bytes; `committed,...,155mm-shell,` is 49.
        assert_eq!(
            firsts,
            [
                "aid.csv:2:23: donor: a `shipped` row has no donor",
                "aid.csv:3:50: quantity: `0` is not a number of units",
            ]
        );
    }

    #[test]
    fn a_missing_column_is_an_error_on_the_header() {
        let errors = read_rows(&Source::new("aid.csv", "event,date\n"))
            .unwrap_err()
            .errors;
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0]
                .to_string()
                .starts_with("aid.csv:1:1: missing columns `commitment`"),
            "{}",
            errors[0]
        );
    }
}
