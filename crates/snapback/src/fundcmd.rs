//! `snapback fund ...`: the Stabilization Fund's status, its transfer history, an IATI export of
//! its transactions, and the import of the Kiel Institute's Ukraine Support Tracker as
//! historical contributions.
//!
//! Every report reads either a scenario (replayed like `snapback replay`) or a data directory's
//! signed log (replayed like `snapback verify`, without any key). The figures come from the
//! engine's fund record and report (`State.fund`, `Report.fund`); nothing here recomputes them.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Subcommand, ValueEnum};
use jiff::Timestamp;
use rust_decimal::Decimal;
use serde::Serialize;
use snapback_charter::money::grouped;
use snapback_charter::time::{instant_serde, option_instant_serde};
use snapback_charter::{Currency, PartyId, PurposeId, TransferId};
use snapback_engine::derived::TransferCode;
use snapback_engine::event::CapabilityEvent;
use snapback_engine::fund::Conversion;
use snapback_engine::fund::report::{FundReport, fund_report};
use snapback_engine::{Event, EventKind, State};
use snapback_ledger::replay_store;

use crate::datadir::Location;
use crate::failure::Failure;
use snapback_interop::iati;
use snapback_interop::kiel::{KielError, Panel, Prepared, prepare, read_panel};

use crate::importing::{append_signed, write_scenario};
use crate::input::{load_charter, load_scenario, read_source};

#[derive(Subcommand, Debug)]
pub enum FundCommand {
    /// The fund's state: mode, pools, contributors (pledged, paid in, surge calls), what was
    /// disbursed by purpose and to whom, surge calls, tranches, rates, and whether the books
    /// balance. Exit 1 if they do not.
    Status {
        #[command(flatten)]
        source: StateSource,
        /// Print the replay report's `fund` object as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Every transfer in the fund's books in order: time, source event, code, debit → credit,
    /// amount, purpose, reference, value date and any currency conversion.
    History {
        #[command(flatten)]
        source: StateSource,
        /// Print a JSON array, one object per transfer.
        #[arg(long)]
        json: bool,
    },
    /// Export the fund's transactions with IATI transaction types (11 incoming commitment,
    /// 1 incoming funds, 2 outgoing commitment, 3 disbursement) as CSV or JSON, or the fund as
    /// an IATI activity file (`iati-xml`, standard 2.03). The same input gives the same bytes.
    Export {
        #[command(flatten)]
        source: StateSource,
        /// `iati-csv` (a header row, one row per transaction), `iati-json` (an array) or
        /// `iati-xml` (an `iati-activities` file, as IATI publishers publish).
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// For `iati-xml`: the reporting organisation's IATI organisation identifier (the
        /// registration agency's prefix, a hyphen and the number, e.g. XM-DAC-41114).
        #[arg(long, value_name = "ORG-ID")]
        reporting_org: Option<String>,
        /// Write to this file instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Load the Kiel Institute's Ukraine Support Tracker panel (donor × month × aid type, EUR
    /// millions) as the bilateral aid record: `aid.valued` events recorded by the secretariat,
    /// never money of the fund: into a scenario file (--out) or, signed with the secretariat's
    /// key, into a data directory's log (--data).
    ImportKiel(ImportKielArgs),
}

/// Where a report reads the state from (the fund's and the capability tracker's reports).
#[derive(Args, Debug)]
pub struct StateSource {
    /// A scenario (TOML), replayed like `snapback replay`.
    pub scenario: Option<PathBuf>,
    /// A data directory: its signed log is replayed instead (no key is needed).
    #[arg(long, conflicts_with = "scenario")]
    pub data: Option<PathBuf>,
    /// With --data: a PostgreSQL database holding the log.
    #[arg(long, env = "SNAPBACK_DATABASE_URL")]
    pub database_url: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    #[value(name = "iati-csv")]
    Csv,
    #[value(name = "iati-json")]
    Json,
    #[value(name = "iati-xml")]
    Xml,
}

#[derive(Args, Debug)]
pub struct ImportKielArgs {
    /// The panel CSV (`kiel_ust_r27_panel_donor_month_type.csv`): a header row with at least
    /// donor, year_month, aid_type_general and aid_eur_m (aid_type_specific is used if present;
    /// measure, if present, keeps commitments, allocations and deliveries apart, and without it
    /// every row is an allocation).
    pub file: PathBuf,
    /// Write a scenario (TOML) that `snapback replay` and `snapback fund status` read.
    #[arg(long, conflicts_with = "data", required_unless_present = "data")]
    pub out: Option<PathBuf>,
    /// With --out: the charter the scenario names (default: charters/ukraine.toml).
    #[arg(long, requires = "out")]
    pub charter: Option<PathBuf>,
    /// With --out: when the events are recorded (default: the charter's effective instant plus
    /// one minute). Each flow keeps its month as when it happened.
    #[arg(long, requires = "out", value_parser = crate::input::instant_arg)]
    pub at: Option<Timestamp>,
    /// Append the flows to this data directory's log, signed with the secretariat's key from
    /// DIR/keys (made by `snapback init --demo-keys`).
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// With --data: a PostgreSQL database holding the log.
    #[arg(long, env = "SNAPBACK_DATABASE_URL")]
    pub database_url: Option<String>,
}

/// `snapback fund ...`.
pub fn run(command: FundCommand) -> Result<ExitCode, Failure> {
    match command {
        FundCommand::Status { source, json } => status(&source, json),
        FundCommand::History { source, json } => history(&source, json),
        FundCommand::Export {
            source,
            format,
            reporting_org,
            out,
        } => export(&source, format, reporting_org.as_deref(), out.as_deref()),
        FundCommand::ImportKiel(args) => import_kiel(&args),
    }
}

// ------------------------------------------------------------------------------------------
// Reading the fund

/// The replayed state, its fund report and the fund's currency.
pub(crate) struct Loaded {
    pub(crate) origin: String,
    pub(crate) state: State,
    pub(crate) report: FundReport,
    pub(crate) currency: Option<Currency>,
}

/// Replays the scenario or the data directory's log; returns where it came from and the state.
pub fn replay_source(source: &StateSource) -> Result<(String, State), Failure> {
    Ok(match (&source.scenario, &source.data) {
        (Some(path), _) => {
            let loaded = load_scenario(path)?;
            (
                loaded.origin.clone(),
                crate::input::replay_loaded(&loaded, None),
            )
        }
        (None, Some(data)) => {
            let location = Location {
                data: data.clone(),
                database_url: source.database_url.clone(),
            };
            let history = location.history()?;
            let store = location.open_store(false)?;
            let (_, state) = replay_store(&*store, &history)?;
            (format!("the log of {}", data.display()), state)
        }
        (None, None) => {
            return Err(Failure::Usage(
                "name a scenario file or a data directory (--data DIR)".to_owned(),
            ));
        }
    })
}

fn load(source: &StateSource) -> Result<Loaded, Failure> {
    let (origin, state) = replay_source(source)?;
    let Some(report) = fund_report(&state) else {
        return Err(Failure::Usage(format!(
            "{origin}: the charter sets up no fund, so there is nothing to report; add a [fund] \
             section to the charter (see docs/charter.md)"
        )));
    };
    let currency = report
        .currency
        .as_deref()
        .and_then(|c| Currency::parse(c).ok());
    Ok(Loaded {
        origin,
        state,
        report,
        currency,
    })
}

impl Loaded {
    fn fix(&self, v: Decimal) -> Decimal {
        self.currency.map_or(v, |c| c.fixed(v))
    }

    pub(crate) fn currency_code(&self) -> &str {
        self.report.currency.as_deref().unwrap_or("")
    }

    pub(crate) fn name(&self) -> &str {
        self.report.name.as_deref().unwrap_or("the fund")
    }
}

pub fn write_json_to_stdout(value: &impl Serialize) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value).context("writing JSON")?;
    writeln!(out)?;
    Ok(())
}

// ------------------------------------------------------------------------------------------
// status

fn status(source: &StateSource, json: bool) -> Result<ExitCode, Failure> {
    let loaded = load(source)?;
    let report = &loaded.report;
    if json {
        write_json_to_stdout(report)?;
    } else {
        let mut out = std::io::stdout().lock();
        write!(out, "{}", crate::fund_text::status_text(&loaded))?;
    }
    if report.totals.balanced && report.problems.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        Ok(ExitCode::from(1))
    }
}

// ------------------------------------------------------------------------------------------
// history

/// One transfer as `fund history --json` prints it (contract: add fields, never rename).
#[derive(Debug, Serialize)]
struct HistoryRow<'a> {
    #[serde(with = "instant_serde")]
    at: Timestamp,
    /// The event type that made it (`fund.paid_in`, `fund.surge_called`, ...).
    source: &'static str,
    /// Who submitted the event; `null` for the engine's own conclusions.
    party: Option<&'a PartyId>,
    transfer: &'a TransferId,
    code: TransferCode,
    debit: &'a str,
    credit: &'a str,
    amount: Decimal,
    currency: &'a str,
    /// The reservation a release or void resolves.
    pending: Option<&'a TransferId>,
    purpose: Option<&'a PurposeId>,
    reference: Option<&'a str>,
    #[serde(with = "option_instant_serde")]
    value_date: Option<Timestamp>,
    conversion: Option<&'a Conversion>,
}

fn history_rows(loaded: &Loaded) -> Vec<HistoryRow<'_>> {
    loaded
        .state
        .fund
        .transfers
        .iter()
        .map(|t| HistoryRow {
            at: t.at,
            source: t.source,
            party: t.party.as_ref(),
            transfer: &t.transfer.transfer,
            code: t.transfer.code,
            debit: &t.transfer.debit,
            credit: &t.transfer.credit,
            amount: loaded.fix(t.transfer.amount),
            currency: loaded.currency_code(),
            pending: t.transfer.pending.as_ref(),
            purpose: t.transfer.purpose.as_ref(),
            reference: t.reference.as_deref(),
            value_date: t.value_date,
            conversion: t.conversion.as_ref(),
        })
        .collect()
}

fn history(source: &StateSource, json: bool) -> Result<ExitCode, Failure> {
    let loaded = load(source)?;
    let rows = history_rows(&loaded);
    if json {
        write_json_to_stdout(&rows)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {} transfers ({})",
        loaded.name(),
        rows.len(),
        loaded.origin
    );
    let width = |f: &dyn Fn(&HistoryRow<'_>) -> usize| rows.iter().map(f).max().unwrap_or(0);
    let w_source = width(&|r| r.source.len());
    let w_code = width(&|r| r.code.name().len());
    let w_id = width(&|r| r.transfer.as_str().len());
    let w_amount = width(&|r| grouped(r.amount).len());
    for r in &rows {
        let _ = writeln!(
            out,
            "{}  {:<w_source$}  {:<w_code$}  {:<w_id$}  {:>w_amount$} {}  {} → {}",
            r.at,
            r.source,
            r.code.name(),
            r.transfer.as_str(),
            grouped(r.amount),
            r.currency,
            r.debit,
            r.credit
        );
        let mut details = Vec::new();
        if let Some(p) = r.party {
            details.push(format!("by {p}"));
        }
        if let Some(p) = r.purpose {
            details.push(format!("purpose {p}"));
        }
        if let Some(p) = r.pending {
            details.push(format!("resolves {p}"));
        }
        if let Some(reference) = r.reference {
            details.push(format!("reference \"{reference}\""));
        }
        if let Some(v) = r.value_date {
            details.push(format!("value date {v}"));
        }
        if let Some(c) = r.conversion {
            details.push(format!(
                "converted {} {} × {} = {} → {} {}",
                grouped(c.amount),
                c.currency,
                c.rate,
                grouped(c.exact.normalize()),
                grouped(c.converted),
                r.currency
            ));
        }
        if !details.is_empty() {
            out.push_str(&crate::render::wrap(&details.join("; "), "    "));
        }
    }
    std::io::stdout().lock().write_all(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

// ------------------------------------------------------------------------------------------
// IATI export

fn export(
    source: &StateSource,
    format: ExportFormat,
    reporting_org: Option<&str>,
    out: Option<&Path>,
) -> Result<ExitCode, Failure> {
    // Checked before the replay, so a missing identifier costs nothing.
    let publisher_org = match (format, reporting_org) {
        (ExportFormat::Xml, None) => {
            return Err(Failure::Usage(
                "--format iati-xml needs --reporting-org ORG-ID: the fund's IATI organisation identifier (e.g. XM-DAC-41114)".to_owned(),
            ));
        }
        (ExportFormat::Xml, Some(org)) => {
            iati::check_org_identifier(org)
                .map_err(|e| Failure::Usage(format!("--reporting-org: {e}")))?;
            Some(org)
        }
        (_, Some(_)) => {
            return Err(Failure::Usage(
                "--reporting-org is for --format iati-xml; the CSV and JSON rows name no publisher"
                    .to_owned(),
            ));
        }
        (_, None) => None,
    };
    let loaded = load(source)?;
    let planned = iati::planned_payments(&loaded.state);
    let fund = iati::FundOf {
        name: loaded.name(),
        planned: &planned,
        currency_code: loaded.currency_code(),
        currency: loaded.currency,
    };
    let rows = iati::transactions(&loaded.state, fund);
    // Parties by the names the charter in force last gives them.
    let latest = loaded.state.history().versions().last().cloned();
    let name_of = |id: &str| -> Option<String> {
        let charter = latest.as_ref()?;
        let party = charter.parties.iter().find(|p| p.id.as_str() == id)?;
        Some(party.name.clone())
    };
    let bytes = match format {
        ExportFormat::Json => iati::to_json(&rows),
        ExportFormat::Csv => iati::to_csv(&rows),
        ExportFormat::Xml => iati::to_xml(
            &rows,
            fund,
            iati::Publisher {
                reporting_org: publisher_org.unwrap_or_default(),
                as_of: loaded.state.as_of,
                started: Some(loaded.state.history().first_effective()),
                name_of: &name_of,
            },
        ),
    }
    .map_err(anyhow::Error::from)?;
    match out {
        Some(path) => {
            std::fs::write(path, &bytes).with_context(|| format!("writing {}", path.display()))?;
            eprintln!(
                "wrote {} IATI transactions of {} to {}",
                rows.len(),
                loaded.name(),
                path.display()
            );
        }
        None => std::io::stdout().lock().write_all(&bytes)?,
    }
    Ok(ExitCode::SUCCESS)
}

// ------------------------------------------------------------------------------------------
// Kiel import

/// Rows the charter cannot take are bad input at their place in the file; a charter that
/// cannot take the panel at all is bad input described in words.
fn kiel_failure(e: KielError) -> Failure {
    match e {
        KielError::Rows(d) => Failure::Input(d),
        other => Failure::Usage(other.to_string()),
    }
}

fn summary(file: &Path, panel: &Panel, prepared: &Prepared) -> String {
    let mut out = format!(
        "read {} rows from {}: {} flows from {} donors, EUR {} in all (bilateral aid, not money \
         of the fund); {} rows skipped (zero aid)",
        panel.rows,
        file.display(),
        prepared.events.len(),
        prepared.donors.len(),
        grouped(prepared.total),
        panel.skipped_zero
    );
    if panel.skipped_negative > 0 {
        let _ = write!(out, ", {} skipped (negative aid)", panel.skipped_negative);
    }
    out.push('\n');
    for ((kind, stage), total) in &prepared.by_kind {
        let _ = writeln!(
            out,
            "  {} {}: EUR {}",
            kind.name(),
            stage.name(),
            grouped(*total)
        );
    }
    out
}

fn import_kiel(args: &ImportKielArgs) -> Result<ExitCode, Failure> {
    let source = read_source(&args.file)?;
    let panel = read_panel(&source)?;
    if let Some(out) = &args.out {
        let charter_path = args
            .charter
            .clone()
            .unwrap_or_else(|| PathBuf::from("charters/ukraine.toml"));
        if args.charter.is_none() && !charter_path.exists() {
            return Err(Failure::Usage(format!(
                "no charter at {} (the default, relative to this directory); name one with \
                 --charter PATH",
                charter_path.display()
            )));
        }
        let charter = load_charter(&charter_path)?;
        let at = match args.at {
            Some(at) => at,
            None => charter
                .effective
                .checked_add(jiff::SignedDuration::from_mins(1))
                .map_err(|e| Failure::Usage(format!("the charter's effective instant: {e}")))?,
        };
        let prepared = prepare(&source, &panel.flows, &charter, at).map_err(kiel_failure)?;
        let file_name = args
            .file
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let charter_ref = write_scenario(
            out,
            &charter_path,
            "Generated by `snapback fund import-kiel`; the figures are the Kiel Institute's (Ukraine\n\
             Support Tracker, Release 27). Regenerate rather than edit.",
            "Kiel Institute Ukraine Support Tracker, Release 27: bilateral aid to Ukraine by donor",
            &format!(
                "Generated by `snapback fund import-kiel` from {file_name}: one aid.valued per \
                 donor, month, aid type and measure with aid, recorded by the secretariat and \
                 dated the first day of the month. Bilateral aid, not money of the fund: military \
                 aid shows in the capability report, financial and humanitarian aid beside the \
                 fund. Data: Kiel Institute for the World Economy, Ukraine Support Tracker (cite \
                 Kiel; check its terms before redistributing)."
            ),
            &prepared.events,
        )?;
        print!("{}", summary(&args.file, &panel, &prepared));
        println!(
            "wrote {} (charter {charter_ref}, events at {at}); replay it with `snapback fund status {}`",
            out.display(),
            out.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let location = Location::for_import(args.data.as_ref(), args.database_url.as_ref(), "flows")?;
    let data = &location.data;
    let mut ledger = location.open_ledger()?;
    let now = ledger.next_time(Timestamp::now());
    let charter = ledger
        .history()
        .in_force(now)
        .or_else(|| ledger.history().versions().last())
        .cloned()
        .context("the data directory's charter has no version")?;
    let prepared = prepare(&source, &panel.flows, &charter, now).map_err(kiel_failure)?;
    let secretariat = prepared
        .events
        .first()
        .map(|e| e.party.to_string())
        .unwrap_or_default();
    // Flows the log already holds (same id, same amount) are not submitted again: a second
    // import of the same file changes nothing and appends nothing.
    let recorded: HashMap<&str, Decimal> = ledger
        .state()
        .capabilities
        .valued
        .all()
        .iter()
        .map(|v| (v.flow.as_str(), v.amount))
        .collect();
    let (fresh, known): (Vec<&Event>, Vec<&Event>) =
        prepared.events.iter().partition(|e| match &e.kind {
            EventKind::Capability(CapabilityEvent::AidValued(v)) => {
                recorded.get(v.flow.as_str()) != Some(&v.amount)
            }
            _ => true,
        });
    let already = known.len();
    let done = append_signed(&location, &mut ledger, &secretariat, &fresh, now)?;
    let (appended, duplicates, rejected) =
        (done.appended, done.duplicates + already, done.rejected);
    print!("{}", summary(&args.file, &panel, &prepared));
    println!(
        "appended {appended} entries to the log of {} at {now}, signed by {secretariat}; {duplicates} \
         already there, {rejected} rejected; log size {} (was {})",
        data.display(),
        done.size_after,
        done.size_before
    );
    if rejected > 0 {
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::importing::relative_to;

    #[test]
    fn relative_paths() {
        assert_eq!(
            relative_to(Path::new("/r/charters/u.toml"), Path::new("/r/target/tmp")),
            PathBuf::from("../../charters/u.toml")
        );
        assert_eq!(
            relative_to(Path::new("/r/u.toml"), Path::new("/r")),
            PathBuf::from("u.toml")
        );
    }
}
