//! `snapback monitor`: monitoring series and the alerts the charter's rules raise over them.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use snapback_charter::{Charter, PartyId, Role, Zone};
use snapback_engine::Event;
use snapback_interop::csv_file::Problems;
use snapback_interop::monitor_csv::{ImportedReport, read_reports};

use crate::failure::Failure;
use crate::fundcmd::{StateSource, replay_source, write_json_to_stdout};
use crate::importing::{
    ImportLog, ImportTarget, append_signed, judge_rows, line_span, open_import_log, write_scenario,
};
use crate::input::{load_charter, read_source};
use crate::render::alerts_text;

#[derive(Subcommand, Debug)]
pub enum MonitorCommand {
    /// The alerts the charter's `[[alert]]` rules raised over the monitors' reports of a
    /// scenario or a data directory: rule, area, window, count, and why, citing the article.
    Alerts(AlertsArgs),
    /// Import monitoring reports from CSV, snapback's own shape (report, area, from, until,
    /// label, count, and optionally kind) or the Ukrainian Air Force's daily launches, into a
    /// scenario (--out) or a data directory's log (--data), signed by the monitor. Every bad row
    /// is reported with its line and column; nothing is written unless every row is good (or
    /// --skip-bad-rows says to skip them).
    Import(ImportArgs),
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The CSV file (see docs/monitoring.md, "Importing").
    pub file: PathBuf,
    /// Where the reports go: with --out each is recorded when its period ends; with --data
    /// now, and a report already in the log is not appended again.
    #[command(flatten)]
    pub target: ImportTarget,
    /// The monitor whose reports these are (default: the charter's only monitor).
    #[arg(long)]
    pub monitor: Option<String>,
    /// The zone local times in the file are read in (an IANA name).
    #[arg(long, default_value = "Europe/Kyiv")]
    pub zone: String,
    /// Skip bad rows (counted, the first five shown) instead of refusing the file.
    #[arg(long)]
    pub skip_bad_rows: bool,
}

#[derive(Args, Debug)]
pub struct AlertsArgs {
    #[command(flatten)]
    source: StateSource,
    /// Print JSON: the replay report's `alerts` list.
    #[arg(long)]
    json: bool,
}

pub fn run(command: &MonitorCommand) -> Result<ExitCode, Failure> {
    match command {
        MonitorCommand::Alerts(args) => alerts(args),
        MonitorCommand::Import(args) => import(args),
    }
}

/// The monitor named, or the charter's only one.
fn monitor(charter: &Charter, named: Option<&str>) -> Result<PartyId, Failure> {
    let monitors: Vec<&PartyId> = charter
        .parties
        .iter()
        .filter(|p| p.has_role(Role::Monitor))
        .map(|p| &p.id)
        .collect();
    match named {
        Some(id) => monitors
            .iter()
            .find(|m| m.as_str() == id)
            .map(|m| (*m).clone())
            .ok_or_else(|| {
                Failure::Usage(format!(
                    "--monitor {id}: the charter `{}` has no monitor `{id}` (its monitors: {})",
                    charter.id,
                    names(&monitors)
                ))
            }),
        None => match monitors.as_slice() {
            [only] => Ok((*only).clone()),
            [] => Err(Failure::Usage(format!(
                "the charter `{}` has no monitor to sign the reports: give a [[party]] roles = [\"monitor\"]",
                charter.id
            ))),
            many => Err(Failure::Usage(format!(
                "the charter `{}` has several monitors ({}): name one with --monitor",
                charter.id,
                names(many)
            ))),
        },
    }
}

fn names(ids: &[&PartyId]) -> String {
    if ids.is_empty() {
        return "none".to_owned();
    }
    ids.iter()
        .map(|p| p.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn import(args: &ImportArgs) -> Result<ExitCode, Failure> {
    let zone = Zone::named(&args.zone).map_err(|e| Failure::Usage(format!("--zone: {e}")))?;
    let source = read_source(&args.file)?;
    let imported = read_reports(&source, &zone, args.skip_bad_rows)?;
    if imported.skipped > 0 {
        eprintln!(
            "skipped {} bad rows of {}; the first:",
            imported.skipped,
            args.file.display()
        );
        for e in &imported.skipped_first {
            eprintln!("  {e}");
        }
    }
    let reports = &imported.reports;
    if let Some(out) = &args.target.out {
        let Some(charter_path) = args.target.charter.clone() else {
            return Err(Failure::Usage(
                "--out needs --charter: the charter with the monitor whose reports these are"
                    .to_owned(),
            ));
        };
        let charter = load_charter(&charter_path)?;
        let party = monitor(&charter, args.monitor.as_deref())?;
        // Each report is recorded when its period ends (not before the charter applies).
        let events: Vec<Event> = reports
            .iter()
            .map(|r| r.event(r.until.max(charter.effective), &party))
            .collect();
        let lines: Vec<u64> = reports.iter().map(|r| r.line).collect();
        judge_rows(
            &source,
            charter,
            &events,
            &lines,
            |i, reason| {
                format!(
                    "the engine refuses report `{}`: {reason}",
                    reports[i].report
                )
            },
            "fix the row, or the charter's monitor",
        )?;
        let charter_ref = write_scenario(
            out,
            &charter_path,
            "Generated by `snapback monitor import`. Regenerate rather than edit.",
            "Monitoring reports",
            &format!(
                "Generated by `snapback monitor import` from {} ({} format): one event per report, recorded by {party} when its period ends.",
                args.file.display(),
                imported.format
            ),
            &events,
        )?;
        println!(
            "read {} reports ({} format) from {}; wrote {} (charter {charter_ref}); see the alerts with `snapback monitor alerts {}`",
            reports.len(),
            imported.format,
            args.file.display(),
            out.display(),
            out.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    // As in `capabilities import`: the scenario's branch above ends with what it wrote, the
    // log's starts here from the shared `open_import_log` (the likeness is of shape only).
    let ImportLog {
        location,
        mut ledger,
        now,
        charter,
    } = open_import_log(&args.target, "reports")?;
    let data = &location.data;
    let party = monitor(&charter, args.monitor.as_deref())?;
    let mut future = Problems::default();
    for r in reports.iter().filter(|r| r.until > now) {
        future.push(
            source.error_at(
                line_span(&source, r.line),
                None,
                format!(
                    "report `{}`'s period ends at {}, after now ({now})",
                    r.report, r.until
                ),
                Some(
                    "a log records what has been observed: import it when the period has ended"
                        .to_owned(),
                ),
            ),
        );
    }
    future.finish()?;
    // Reports the log already holds are not submitted again: importing a file twice appends
    // nothing.
    let (known, fresh): (Vec<&ImportedReport>, Vec<&ImportedReport>) = reports
        .iter()
        .partition(|r| ledger.state().has_report(&r.report));
    let events: Vec<Event> = fresh.iter().map(|r| r.event(now, &party)).collect();
    let refs: Vec<&Event> = events.iter().collect();
    let mut done = append_signed(&location, &mut ledger, party.as_str(), &refs, now)?;
    done.duplicates += known.len();
    println!(
        "read {} reports ({} format) from {}; {}",
        reports.len(),
        imported.format,
        args.file.display(),
        done.summary(data, now, party.as_str())
    );
    Ok(done.exit_code())
}

fn alerts(args: &AlertsArgs) -> Result<ExitCode, Failure> {
    let (origin, state) = replay_source(&args.source)?;
    if args.json {
        write_json_to_stdout(&state.alerts)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = std::io::stdout().lock();
    if state.alerts.is_empty() {
        let rules = state
            .history()
            .versions()
            .iter()
            .map(|c| c.alerts.len())
            .sum::<usize>();
        writeln!(
            out,
            "{origin}: no alert{}",
            if rules == 0 {
                " (the charter has no [[alert]] rules; see docs/monitoring.md)"
            } else {
                ": no window met a rule's condition"
            }
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    write!(
        out,
        "{} alert{} in {origin}\n{}",
        state.alerts.len(),
        if state.alerts.len() == 1 { "" } else { "s" },
        alerts_text(&state.alerts)
    )?;
    Ok(ExitCode::SUCCESS)
}
