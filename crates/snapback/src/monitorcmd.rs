//! `snapback monitor`: monitoring series and the alerts the charter's rules raise over them.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use jiff::Timestamp;
use snapback_charter::{Charter, CharterHistory, PartyId, Role, Zone};
use snapback_engine::event::MonitorReport;
use snapback_engine::{Engine, Event, EventKind};
use snapback_interop::csv_file::Problems;
use snapback_interop::monitor_csv::{ImportedReport, read_reports};

use crate::datadir::Location;
use crate::failure::Failure;
use crate::fundcmd::{StateSource, replay_source, write_json_to_stdout};
use crate::importing::{Refusals, append_signed, line_span, write_scenario};
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
    /// Write a scenario (TOML) that `snapback replay` and `snapback monitor alerts` read; each
    /// report is recorded when its period ends.
    #[arg(long, conflicts_with = "data", required_unless_present = "data")]
    pub out: Option<PathBuf>,
    /// With --out: the charter the scenario names.
    #[arg(long, requires = "out")]
    pub charter: Option<PathBuf>,
    /// Append the reports to this data directory's log now, signed with the monitor's key
    /// from DIR/keys; a report already in the log is not appended again.
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// With --data: a PostgreSQL database holding the log.
    #[arg(long, env = "SNAPBACK_DATABASE_URL")]
    pub database_url: Option<String>,
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

fn event(r: &ImportedReport, at: Timestamp, party: &PartyId) -> Event {
    Event {
        at,
        party: party.clone(),
        kind: EventKind::MonitorReport(MonitorReport {
            report: r.report.clone(),
            area: r.area.clone(),
            from: r.from,
            until: r.until,
            counts: r.counts.clone(),
            flags: r.flags.clone(),
        }),
    }
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
    if let Some(out) = &args.out {
        let Some(charter_path) = args.charter.clone() else {
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
            .map(|r| event(r, r.until.max(charter.effective), &party))
            .collect();
        // The engine judges every report now, so one it would refuse is an error at its line
        // and no scenario with refusals is written.
        let history = CharterHistory::new(vec![charter])
            .map_err(|e| Failure::Usage(format!("the charter: {e}")))?;
        let mut engine = Engine::new(history);
        let mut refusals = Refusals::default();
        for (i, e) in events.iter().enumerate() {
            engine.apply(i as u64, e, &mut refusals);
        }
        let mut problems = Problems::default();
        for (i, r) in reports.iter().enumerate() {
            if let Some(reason) = refusals.0.get(&(i as u64)) {
                problems.push(source.error_at(
                    line_span(&source, r.line),
                    None,
                    format!("the engine refuses report `{}`: {reason}", r.report),
                    Some("fix the row, or the charter's monitor".to_owned()),
                ));
            }
        }
        problems.finish()?;
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
    let location = Location::for_import(args.data.as_ref(), args.database_url.as_ref(), "reports")?;
    let data = &location.data;
    let mut ledger = location.open_ledger()?;
    let now = ledger.next_time(Timestamp::now());
    let charter = ledger.history().in_force(now).cloned().ok_or_else(|| {
        Failure::Usage(format!("no charter of {} is in force now", data.display()))
    })?;
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
    let events: Vec<Event> = fresh.iter().map(|r| event(r, now, &party)).collect();
    let refs: Vec<&Event> = events.iter().collect();
    let mut done = append_signed(&location, &mut ledger, party.as_str(), &refs, now)?;
    done.duplicates += known.len();
    println!(
        "read {} reports ({} format) from {}; appended {} entries to the log of {} at {now}, signed by {party}; {} already there, {} rejected; log size {} (was {})",
        reports.len(),
        imported.format,
        args.file.display(),
        done.appended,
        data.display(),
        done.duplicates,
        done.rejected,
        done.size_after,
        done.size_before
    );
    Ok(if done.rejected > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
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
