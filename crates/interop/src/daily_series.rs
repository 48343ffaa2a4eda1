//! A daily series of counts: a CSV with a `date` column (`YYYY-MM-DD`) and a column of
//! non-negative whole numbers, one row per day, such as the Air Force's daily launch totals
//! (`missile_attacks_daily_totals.csv`). What `snapback simulate calibrate` fits a violation rate
//! to.
//!
//! Days may be missing (a source with no row for a day has not said the count was zero); the
//! reader keeps only what the file says, in date order, and leaves the choice to the caller.

use std::collections::BTreeMap;

use jiff::civil::Date;
use snapback_charter::{Diagnostics, Source};

use crate::csv_file::{CsvFile, Problems};

/// The rows of a daily series, by date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DailySeries {
    /// The column the counts came from.
    pub column: String,
    /// Each listed day's count, in date order.
    pub days: BTreeMap<Date, u64>,
}

const DATE_HELP: &str = "write the day as YYYY-MM-DD, for example 2025-01-31";

/// Reads `column` of a daily series; every malformed row is reported, located, in one pass.
pub fn read_daily_series(source: &Source, column: &str) -> Result<DailySeries, Diagnostics> {
    let help = format!(
        "the first row names the columns, among them `date` and `{column}` (choose another column with --column)"
    );
    let mut csv = CsvFile::open(source, &["date", column], &help)?;
    let (date_i, count_i) = match (csv.column("date"), csv.column(column)) {
        (Some(d), Some(c)) => (d, c),
        // `open` has checked both columns are there; this answers rather than panics.
        _ => {
            return Err(Diagnostics::one(source.error_at(
                Some(0..0),
                None,
                format!("missing column `date` or `{column}`"),
                Some(help),
            )));
        }
    };
    let mut problems = Problems::default();
    let rows = csv.rows(&mut problems);
    let mut days = BTreeMap::new();
    for row in &rows {
        let date_text = row.field(date_i);
        let date = match date_text.parse::<Date>() {
            Ok(d) => d,
            Err(_) => {
                problems.push(row.error(
                    date_i,
                    "date",
                    format!("`{date_text}` is not a date"),
                    DATE_HELP,
                ));
                continue;
            }
        };
        let count_text = row.field(count_i);
        let count = match count_text.parse::<u64>() {
            Ok(c) => c,
            Err(_) => {
                problems.push(row.error(
                    count_i,
                    column,
                    format!("`{count_text}` is not a count (a whole number, 0 or more)"),
                    "write the day's count as digits, for example 12; leave out a day whose count is unknown",
                ));
                continue;
            }
        };
        if days.insert(date, count).is_some() {
            problems.push(row.error(
                date_i,
                "date",
                format!("{date} is listed twice"),
                "give each day one row; add the counts of a day's rows together",
            ));
        }
        if problems.is_full() {
            break;
        }
    }
    problems.finish()?;
    Ok(DailySeries {
        column: column.to_owned(),
        days,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<DailySeries, Diagnostics> {
        read_daily_series(&Source::new("series.csv", text), "launched_total")
    }

    #[test]
    fn rows_are_read_in_date_order() {
        let series = read("date,launched_total\n2025-01-02,7\n2025-01-01,0\n").expect("valid");
        let days: Vec<(String, u64)> = series
            .days
            .iter()
            .map(|(d, c)| (d.to_string(), *c))
            .collect();
        assert_eq!(
            days,
            [("2025-01-01".to_owned(), 0), ("2025-01-02".to_owned(), 7)]
        );
    }

    #[test]
    fn every_bad_row_is_located_in_one_pass() {
        let errors =
            read("date,launched_total\n2025-01-01,3\n2025-13-01,4\n2025-01-03,-1\n2025-01-01,2\n")
                .expect_err("three bad rows")
                .errors;
        let found: Vec<(usize, usize, &str)> = errors
            .iter()
            .map(|e| (e.line, e.col, e.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (3, 1, "`2025-13-01` is not a date"),
                (4, 12, "`-1` is not a count (a whole number, 0 or more)"),
                (5, 1, "2025-01-01 is listed twice"),
            ]
        );
    }

    #[test]
    fn a_missing_column_names_what_the_header_has() {
        let errors = read("date,launched\n2025-01-01,3\n")
            .expect_err("no such column")
            .errors;
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0]
                .message
                .contains("missing column `launched_total` (the header row has: date, launched)"),
            "{}",
            errors[0].message
        );
        assert_eq!((errors[0].line, errors[0].col), (1, 1));
    }
}
