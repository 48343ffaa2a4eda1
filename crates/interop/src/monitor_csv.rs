//! Monitoring reports from CSV (`snapback monitor import`), in one of two shapes, told apart by
//! the header:
//!
//! * **snapback's own**: `report,area,from,until,label,count` and an optional `kind` column
//!   (`count`, the default, or `flag`): one row per count of a report; rows with the same
//!   `report` make one report and must agree on its area and period.
//! * **the Ukrainian Air Force's daily launches** (`time_start,time_end,model,...,launched,...`,
//!   as in the public "Massive Missile Attacks on Ukraine" dataset): one report per row, area
//!   `ukraine`, the launches counted as `uav` (Shahed, Gerbera, Lancet, Molniya and other UAV
//!   models) or `missile` (everything else). A time of day is local to the zone given (Kyiv
//!   for this source); a bare date stands for the whole local day.
//!
//! Times are RFC 3339 instants, or local `YYYY-MM-DD HH:MM` / `YYYY-MM-DD` read in the zone given.
//! Every error is located at `name:line:col` with the column's name and a help text. Rows the
//! caller chooses to skip (`skip_bad`) are counted with the first few places instead.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::{Date, DateTime, Time};
use snapback_charter::monitoring::{LABEL_HELP, REPORT_CATEGORIES_MAX, REPORT_COUNT_MAX, is_label};
use snapback_charter::{Diagnostics, PartyId, ReportId, Source, SourceError, Zone};
use snapback_engine::event::{Event, EventKind, MonitorReport};

use crate::csv_file::{CsvFile, Problems, Row};

/// snapback's own columns, in the documented order (`kind` is optional).
pub const COLUMNS: [&str; 6] = ["report", "area", "from", "until", "label", "count"];
/// The Air Force dataset's columns this reader uses.
pub const AIR_FORCE_COLUMNS: [&str; 4] = ["time_start", "time_end", "model", "launched"];
/// Models counted as UAVs in the Air Force dataset (a model containing one of these).
pub const UAV_MODELS: [&str; 5] = ["Shahed", "UAV", "Gerbera", "Молнія", "Lancet"];

/// One report read from the file, with the first line it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedReport {
    pub line: u64,
    pub report: ReportId,
    pub area: String,
    pub from: Timestamp,
    pub until: Timestamp,
    pub counts: BTreeMap<String, u64>,
    pub flags: BTreeMap<String, u64>,
}

impl ImportedReport {
    /// The report as the event `party` records at `at`.
    pub fn event(&self, at: Timestamp, party: &PartyId) -> Event {
        Event {
            at,
            party: party.clone(),
            kind: EventKind::MonitorReport(MonitorReport {
                report: self.report.clone(),
                area: self.area.clone(),
                from: self.from,
                until: self.until,
                counts: self.counts.clone(),
                flags: self.flags.clone(),
            }),
        }
    }
}

/// What was read: the reports in the order their periods end, and the rows skipped.
#[derive(Debug, Default)]
pub struct Imported {
    pub reports: Vec<ImportedReport>,
    /// The file's shape: `snapback` or `air-force`.
    pub format: &'static str,
    /// Rows skipped as bad (with `skip_bad`), and the first few problems.
    pub skipped: usize,
    pub skipped_first: Vec<SourceError>,
}

/// Reads every row of `source` as monitoring reports, local times read in `zone`. With
/// `skip_bad`, a bad row is skipped and counted; otherwise every bad row is an error.
pub fn read_reports(source: &Source, zone: &Zone, skip_bad: bool) -> Result<Imported, Diagnostics> {
    let header = source.text.lines().next().unwrap_or("");
    let air_force = AIR_FORCE_COLUMNS
        .iter()
        .all(|c| header.split(',').any(|h| h.trim() == *c));
    let help = format!(
        "the first row names the columns: {} (and optionally kind), or those of the Air Force's daily launches ({}); see docs/monitoring.md",
        COLUMNS.join(","),
        AIR_FORCE_COLUMNS.join(",")
    );
    let required: &[&str] = if air_force {
        &AIR_FORCE_COLUMNS
    } else {
        &COLUMNS
    };
    let mut csv = CsvFile::open(source, required, &help)?;
    let mut problems = Problems::default();
    let mut imported = Imported {
        format: if air_force { "air-force" } else { "snapback" },
        ..Imported::default()
    };
    let rows = csv.rows(&mut problems);
    let mut by_id: BTreeMap<ReportId, usize> = BTreeMap::new();
    for row in &rows {
        let result = if air_force {
            air_force_row(&csv, row, zone).map(|r| vec![r])
        } else {
            own_row(&csv, row, zone, &imported.reports, &by_id)
        };
        match result {
            Ok(reports) => {
                for r in reports {
                    merge(&mut imported.reports, &mut by_id, r);
                }
            }
            Err(e) if skip_bad => {
                imported.skipped += 1;
                if imported.skipped_first.len() < 5 {
                    imported.skipped_first.push(e);
                }
            }
            Err(e) => problems.push(e),
        }
        if problems.is_full() {
            break;
        }
    }
    problems.finish()?;
    let mut oversized = Problems::default();
    for r in &imported.reports {
        if r.counts.len() > REPORT_CATEGORIES_MAX || r.flags.len() > REPORT_CATEGORIES_MAX {
            oversized.push(source.error_at(
                None,
                None,
                format!(
                    "report `{}` (from line {}) counts more than {REPORT_CATEGORIES_MAX} labels",
                    r.report, r.line
                ),
                Some("split it into several reports".to_owned()),
            ));
        }
    }
    oversized.finish()?;
    // The engine never goes back in time: reports in the order their periods end, ties in
    // file order.
    imported.reports.sort_by_key(|r| r.until);
    Ok(imported)
}

/// Adds a row's report to the list, or its counts to the report of the same id.
fn merge(
    reports: &mut Vec<ImportedReport>,
    by_id: &mut BTreeMap<ReportId, usize>,
    r: ImportedReport,
) {
    match by_id.get(&r.report) {
        Some(&i) => {
            let into = &mut reports[i];
            for (k, v) in r.counts {
                let slot = into.counts.entry(k).or_default();
                *slot = slot.saturating_add(v);
            }
            for (k, v) in r.flags {
                let slot = into.flags.entry(k).or_default();
                *slot = slot.saturating_add(v);
            }
        }
        None => {
            by_id.insert(r.report.clone(), reports.len());
            reports.push(r);
        }
    }
}

/// An instant: RFC 3339, or a local `YYYY-MM-DD HH:MM[:SS]` or `YYYY-MM-DD` in `zone`. A bare
/// date is its first instant, or with `end_of_day` the first instant of the next day.
fn instant(text: &str, zone: &Zone, end_of_day: bool) -> Option<Timestamp> {
    if let Ok(t) = snapback_charter::time::parse_instant(text) {
        return Some(t);
    }
    if !text.contains([' ', 'T']) {
        let date: Date = text.parse().ok()?;
        let date = if end_of_day {
            date.tomorrow().ok()?
        } else {
            date
        };
        return Some(zone.instant(date.to_datetime(Time::midnight())));
    }
    // A one-digit hour (`2023-05-16 3:30`, as some of the Air Force's rows write it) is read
    // as written.
    let (date, time) = text.split_once([' ', 'T'])?;
    let time = if time.find(':') == Some(1) {
        format!("0{time}")
    } else {
        time.to_owned()
    };
    let local: DateTime = format!("{date}T{time}").parse().ok()?;
    Some(zone.instant(local))
}

fn column(csv: &CsvFile<'_>, name: &str) -> usize {
    // `open` refused a header without the required columns.
    csv.column(name).unwrap_or(0)
}

fn period(
    csv: &CsvFile<'_>,
    row: &Row<'_>,
    names: (&str, &str),
    zone: &Zone,
) -> Result<(Timestamp, Timestamp), SourceError> {
    let help = "write an RFC 3339 instant (2022-02-17T17:30:00Z), or a local time YYYY-MM-DD HH:MM, or a date YYYY-MM-DD";
    let read = |name: &str, end: bool| {
        let i = column(csv, name);
        instant(row.field(i), zone, end)
            .ok_or_else(|| row.error(i, name, format!("`{}` is not a time", row.field(i)), help))
    };
    let (from, until) = (read(names.0, false)?, read(names.1, true)?);
    // Equal ends are an observation at an instant (the Air Force reports single attacks so).
    if from > until {
        let i = column(csv, names.1);
        return Err(row.error(
            i,
            names.1,
            format!("the period ends at {until}, before it starts ({from})"),
            "the period observed must not end before it starts",
        ));
    }
    Ok((from, until))
}

fn count(csv: &CsvFile<'_>, row: &Row<'_>, name: &str) -> Result<u64, SourceError> {
    let i = column(csv, name);
    let text = row.field(i);
    // The Air Force dataset writes counts as decimals (`93.0`).
    let whole = text.strip_suffix(".0").unwrap_or(text);
    match whole.parse::<u64>() {
        Ok(n) if n <= REPORT_COUNT_MAX => Ok(n),
        _ => Err(row.error(
            i,
            name,
            format!("`{text}` is not a count"),
            "write a whole number from 0 to 1,000,000,000",
        )),
    }
}

fn label(csv: &CsvFile<'_>, row: &Row<'_>, name: &str) -> Result<String, SourceError> {
    let i = column(csv, name);
    let text = row.field(i);
    if is_label(text) {
        Ok(text.to_owned())
    } else {
        Err(row.error(i, name, format!("`{text}` is not a label"), LABEL_HELP))
    }
}

/// A row of snapback's own shape.
fn own_row(
    csv: &CsvFile<'_>,
    row: &Row<'_>,
    zone: &Zone,
    so_far: &[ImportedReport],
    by_id: &BTreeMap<ReportId, usize>,
) -> Result<Vec<ImportedReport>, SourceError> {
    let ri = column(csv, "report");
    let report = ReportId::new(row.field(ri)).map_err(|e| {
        row.error(
            ri,
            "report",
            format!("`{}` is not a report id: {e}", row.field(ri)),
            "use the report's id, e.g. SMM-2022-039",
        )
    })?;
    let area = label(csv, row, "area")?;
    let (from, until) = period(csv, row, ("from", "until"), zone)?;
    let name = label(csv, row, "label")?;
    let n = count(csv, row, "count")?;
    let flag = match csv.column("kind").map(|i| (i, row.field(i))) {
        None | Some((_, "" | "count")) => false,
        Some((_, "flag")) => true,
        Some((i, other)) => {
            return Err(row.error(
                i,
                "kind",
                format!("`{other}` is not a kind of count"),
                "write count (what was observed) or flag (a count the mission flags, that rules may exclude)",
            ));
        }
    };
    if let Some(&i) = by_id.get(&report) {
        let first = &so_far[i];
        if first.area != area || first.from != from || first.until != until {
            return Err(row.error(
                ri,
                "report",
                format!(
                    "report `{report}` was given area {} and period {} to {} on line {}",
                    first.area, first.from, first.until, first.line
                ),
                "rows of one report share its area, from and until",
            ));
        }
    }
    let one = BTreeMap::from([(name, n)]);
    let (counts, flags) = if flag {
        (BTreeMap::new(), one)
    } else {
        (one, BTreeMap::new())
    };
    Ok(vec![ImportedReport {
        line: row.line,
        report,
        area,
        from,
        until,
        counts,
        flags,
    }])
}

/// A row of the Air Force's daily launches: one report.
fn air_force_row(
    csv: &CsvFile<'_>,
    row: &Row<'_>,
    zone: &Zone,
) -> Result<ImportedReport, SourceError> {
    let (from, until) = period(csv, row, ("time_start", "time_end"), zone)?;
    let launched = count(csv, row, "launched")?;
    let model = row.field(column(csv, "model"));
    let category = if UAV_MODELS.iter().any(|m| model.contains(m)) {
        "uav"
    } else {
        "missile"
    };
    let report = ReportId::new(&format!("AF-L{}", row.line))
        .map_err(|e| row.error(0, "time_start", format!("line {}: {e}", row.line), ""))?;
    Ok(ImportedReport {
        line: row.line,
        report,
        area: "ukraine".to_owned(),
        from,
        until,
        counts: BTreeMap::from([(category.to_owned(), launched)]),
        flags: BTreeMap::new(),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn read(text: &str, skip: bool) -> Result<Imported, Diagnostics> {
        read_reports(
            &Source::new("m.csv", text),
            &Zone::named("Europe/Kyiv").unwrap(),
            skip,
        )
    }

    #[test]
    fn own_rows_of_one_report_merge_and_sort_by_period() {
        let text = "report,area,from,until,label,count,kind\n\
                    R2,north,2022-02-16 19:30,2022-02-17 19:30,shelling,591,\n\
                    R1,north,2022-02-10T17:30:00Z,2022-02-11T17:30:00Z,ceasefire-violations,372,count\n\
                    R1,north,2022-02-10T17:30:00Z,2022-02-11T17:30:00Z,live-fire-exercise,242,flag\n";
        let got = read(text, false).unwrap();
        assert_eq!(got.format, "snapback");
        assert_eq!(got.reports.len(), 2);
        let r1 = &got.reports[0];
        assert_eq!(r1.report.as_str(), "R1");
        assert_eq!(r1.counts["ceasefire-violations"], 372);
        assert_eq!(r1.flags["live-fire-exercise"], 242);
        // Local Kyiv time: 19:30 EET is 17:30 UTC.
        assert_eq!(
            got.reports[1].until,
            "2022-02-17T17:30:00Z".parse().unwrap()
        );
    }

    #[test]
    fn air_force_rows_count_uavs_and_missiles_per_row() {
        let text = "time_start,time_end,model,launch_place,target,launched,destroyed\n\
                    2026-04-04 18:00,2026-04-05 08:00,Shahed-136/131,Kursk oblast,Ukraine,93.0,76.0\n\
                    2022-09-28,2022-09-28,Iskander-M,,Ukraine,5.0,0.0\n\
                    2023-05-16 3:30,2023-05-16 3:30,Kalibr,,Ukraine,18.0,18.0\n";
        let got = read(text, false).unwrap();
        assert_eq!(got.format, "air-force");
        assert_eq!(got.reports[0].counts["missile"], 5);
        // A bare date is the whole local day.
        assert_eq!(got.reports[0].from, "2022-09-27T21:00:00Z".parse().unwrap());
        assert_eq!(
            got.reports[0].until,
            "2022-09-28T21:00:00Z".parse().unwrap()
        );
        // A one-digit hour, and an observation at an instant.
        assert_eq!(
            got.reports[1].until,
            "2023-05-16T00:30:00Z".parse().unwrap()
        );
        assert_eq!(got.reports[1].from, got.reports[1].until);
        assert_eq!(got.reports[2].counts["uav"], 93);
        assert_eq!(got.reports[2].report.as_str(), "AF-L2");
    }

    #[test]
    fn bad_rows_are_located_or_skipped_when_asked() {
        let text = "time_start,time_end,model,launched\n\
                    2026-04-04 18:00,2026-04-03 08:00,Shahed-136/131,93.0\n\
                    2026-04-04 18:00,2026-04-05 08:00,Shahed-136/131,\n\
                    2026-04-05 18:00,2026-04-06 08:00,Kh-101,4.0\n";
        let e = read(text, false).unwrap_err();
        assert_eq!(e.errors.len(), 2);
        let first = e.errors[0].to_string();
        assert!(first.contains("m.csv:2:"), "{first}");
        assert!(first.contains("before it starts"), "{first}");
        assert!(e.errors[1].to_string().contains("`` is not a count"));
        let skipped = read(text, true).unwrap();
        assert_eq!(skipped.reports.len(), 1);
        assert_eq!(skipped.skipped, 2);
        assert_eq!(skipped.skipped_first.len(), 2);
    }

    #[test]
    fn a_header_of_neither_shape_says_what_it_should_be() {
        let e = read("date,count\n2022-01-01,3\n", false).unwrap_err();
        let text = e.to_string();
        assert!(text.contains("missing columns"), "{text}");
        assert!(
            text.contains("report,area,from,until,label,count"),
            "{text}"
        );
    }

    #[test]
    fn rows_of_one_report_must_agree() {
        let text = "report,area,from,until,label,count\n\
                    R1,north,2022-02-10,2022-02-11,shelling,3\n\
                    R1,south,2022-02-10,2022-02-11,shelling,4\n";
        let e = read(text, false).unwrap_err();
        assert!(e.to_string().contains("rows of one report share"), "{e}");
    }
}
