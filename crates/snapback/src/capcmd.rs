//! `snapback capabilities ...`: the capability tracker's status, the readiness of the charter's
//! military packages, delivery performance by donor, and the import of aid commitments and
//! deliveries from a CSV file.
//!
//! The reports read a scenario or a data directory's log (like `snapback fund`) and print the
//! engine's report section (`Report.capabilities`); nothing here recomputes the figures.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use jiff::Timestamp;
use snapback_charter::{Charter, PartyId, Role};
use snapback_engine::capability::report::{CapabilitiesReport, capabilities_report, readiness};
use snapback_engine::capability::{Movement, Tracker};
use snapback_engine::event::{AidReceipt, CapabilityEvent, ReceiptFor};
use snapback_engine::{Event, EventKind, State};

use crate::capability_text::{deliveries_text, readiness_text, status_text};
use crate::failure::Failure;
use crate::fundcmd::{StateSource, replay_source, write_json_to_stdout};
use snapback_interop::capability_csv::read_rows;
use snapback_interop::csv_file::Problems;

use crate::importing::{
    ImportLog, ImportTarget, append_signed, judge_rows, line_span, open_import_log, write_scenario,
};
use crate::input::{load_charter, read_source};

#[derive(Subcommand, Debug)]
pub enum CapabilitiesCommand {
    /// Everything at a glance: readiness of each military package, stockpiles by location,
    /// standing contracts, delivery performance by donor, training throughput, restrictions and
    /// the activated military obligations that count items.
    Status {
        #[command(flatten)]
        source: StateSource,
        /// Print the replay report's `capabilities` object as JSON.
        #[arg(long)]
        json: bool,
    },
    /// If the snapback fired now: when each military obligation could be met from pre-positioned
    /// stock (after its location's transit time) and standing contracts (after the surge lead
    /// time), allocated in charter order without counting the same stock twice; which packages
    /// are covered within their `due_within` and which are short, by how much.
    Readiness {
        #[command(flatten)]
        source: StateSource,
        /// Compute readiness as if the snapback fired at this instant (default: the state's
        /// as-of instant); not earlier than it.
        #[arg(long, value_parser = crate::input::instant_arg)]
        at: Option<Timestamp>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Delivery performance: per donor and category, committed against delivered, on-time
    /// rate, days late, and the pipeline still owed; then every late or overdue commitment.
    Deliveries {
        #[command(flatten)]
        source: StateSource,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Load aid commitments, shipments and receipts from a CSV file (header: event, date,
    /// commitment, donor, category, item, quantity, promised, reference) into a scenario (--out)
    /// or a data directory's log (--data), recorded by the charter's secretariat. Every bad row
    /// is reported with its line and column; nothing is written unless every row is good.
    Import(ImportArgs),
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The CSV file (see docs/capabilities.md, "Importing commitments and deliveries").
    pub file: PathBuf,
    /// Where the rows go (with --data each keeps its date as `occurred_at`).
    #[command(flatten)]
    pub target: ImportTarget,
}

pub fn run(command: CapabilitiesCommand) -> Result<ExitCode, Failure> {
    match command {
        CapabilitiesCommand::Status { source, json } => {
            let (_, report) = load(&source)?;
            if json {
                write_json_to_stdout(&report)?;
            } else {
                print_text(&status_text(&report))?;
            }
        }
        CapabilitiesCommand::Readiness { source, at, json } => {
            let (state, report) = load(&source)?;
            let plan = match at {
                None => report.readiness,
                Some(at) if at < report.as_of => {
                    return Err(Failure::Usage(format!(
                        "--at {at} is before the state's as-of instant {}: readiness is computed \
                         from the stock and contracts recorded by then, so it cannot look back",
                        report.as_of
                    )));
                }
                Some(at) => {
                    let charter = state
                        .history()
                        .in_force(at)
                        .ok_or_else(|| Failure::Usage(format!("no charter is in force at {at}")))?;
                    readiness(&state.capabilities, charter, at)
                }
            };
            if json {
                write_json_to_stdout(&plan)?;
            } else {
                print_text(&readiness_text(&plan))?;
            }
        }
        CapabilitiesCommand::Deliveries { source, json } => {
            let (_, report) = load(&source)?;
            if json {
                write_json_to_stdout(&report.deliveries)?;
            } else {
                print_text(&deliveries_text(&report.deliveries))?;
            }
        }
        CapabilitiesCommand::Import(args) => return import(&args),
    }
    Ok(ExitCode::SUCCESS)
}

fn print_text(text: &str) -> Result<(), Failure> {
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(())
}

fn load(source: &StateSource) -> Result<(State, CapabilitiesReport), Failure> {
    let (origin, state) = replay_source(source)?;
    let Some(report) = capabilities_report(&state) else {
        return Err(Failure::Usage(format!(
            "{origin}: the charter has no [capabilities], no [[restriction]] and no obligation \
             that counts items, and nothing was recorded, so there is nothing to report (see \
             docs/capabilities.md)"
        )));
    };
    Ok((state, report))
}

// ------------------------------------------------------------------------------------------
// Text

fn secretariat(charter: &Charter) -> Result<PartyId, Failure> {
    charter
        .parties
        .iter()
        .find(|p| p.has_role(Role::Secretariat))
        .map(|p| p.id.clone())
        .ok_or_else(|| {
            Failure::Usage(format!(
                "the charter `{}` has no secretariat to record the import",
                charter.id
            ))
        })
}

fn import(args: &ImportArgs) -> Result<ExitCode, Failure> {
    let source = read_source(&args.file)?;
    let rows = read_rows(&source)?;
    if let Some(out) = &args.target.out {
        let charter_path = args
            .target
            .charter
            .clone()
            .unwrap_or_else(|| PathBuf::from("charters/ukraine.toml"));
        let charter = load_charter(&charter_path)?;
        let party = secretariat(&charter)?;
        // A row dated before the charter takes effect is recorded when it does, keeping its
        // date as `occurred_at`.
        let events: Vec<Event> = rows
            .iter()
            .map(|r| Event {
                at: r.date.max(charter.effective),
                party: party.clone(),
                kind: EventKind::Capability(if r.date < charter.effective {
                    with_occurred_at(&r.kind, r.date)
                } else {
                    r.kind.clone()
                }),
            })
            .collect();
        let lines: Vec<u64> = rows.iter().map(|r| r.line).collect();
        judge_rows(
            &source,
            charter,
            &events,
            &lines,
            |_, reason| format!("the engine refuses this row: {reason}"),
            "fix the row or the rows before it (a shipment or receipt needs its commitment, and no more than it still owes)",
        )?;
        let charter_ref = write_scenario(
            out,
            &charter_path,
            "Generated by `snapback capabilities import`. Regenerate rather than edit.",
            "Aid commitments and deliveries",
            &format!(
                "Generated by `snapback capabilities import` from {}: one event per row, recorded \
                 by the secretariat on the row's date.",
                args.file.display()
            ),
            &events,
        )?;
        println!(
            "read {} rows from {}; wrote {} (charter {charter_ref}); see it with `snapback \
             capabilities status {}`",
            rows.len(),
            args.file.display(),
            out.display(),
            out.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let ImportLog {
        location,
        mut ledger,
        now,
        charter,
    } = open_import_log(&args.target, "rows")?;
    let data = &location.data;
    let party = secretariat(&charter)?;
    let mut future = Problems::default();
    let events: Vec<Event> = rows
        .iter()
        .map(|r| {
            if r.date > now {
                future.push(source.error_at(
                    line_span(&source, r.line),
                    None,
                    format!("the row is dated {}, after now ({now})", r.date),
                    Some("a log records what has happened: import it when it has".to_owned()),
                ));
            }
            Event {
                at: now,
                party: party.clone(),
                kind: EventKind::Capability(with_occurred_at(&r.kind, r.date)),
            }
        })
        .collect();
    future.finish()?;
    // Rows the log already holds (the same commitment, or the same shipment or receipt on the
    // same date) are not submitted again: importing a file twice appends nothing.
    let tracker = &ledger.state().capabilities;
    let (known, fresh): (Vec<&Event>, Vec<&Event>) = events.iter().partition(|e| match &e.kind {
        EventKind::Capability(c) => already_recorded(tracker, c),
        _ => false,
    });
    let mut done = append_signed(&location, &mut ledger, party.as_str(), &fresh, now)?;
    done.duplicates += known.len();
    println!(
        "read {} rows from {}; {}",
        rows.len(),
        args.file.display(),
        done.summary(data, now, party.as_str())
    );
    Ok(done.exit_code())
}

/// Whether the log already records this row's commitment, shipment or receipt.
fn already_recorded(tracker: &Tracker, c: &CapabilityEvent) -> bool {
    let same = |moves: &[Movement], at: Option<Timestamp>, quantity: u64| {
        moves
            .iter()
            .any(|m| Some(m.at) == at && m.quantity == quantity)
    };
    match c {
        CapabilityEvent::AidCommitted(a) => {
            tracker.commitments.get(&a.commitment).is_some_and(|r| {
                Some(&r.donor) == a.donor.as_ref()
                    && r.item == a.item
                    && r.quantity == a.quantity
                    && r.promised == a.promised
            })
        }
        CapabilityEvent::AidShipped(a) => tracker
            .commitments
            .get(&a.commitment)
            .is_some_and(|r| same(&r.shipments, a.occurred_at, a.quantity)),
        CapabilityEvent::AidReceived(AidReceipt {
            target: ReceiptFor::Commitment(id),
            quantity,
            occurred_at,
            ..
        }) => tracker
            .commitments
            .get(id)
            .is_some_and(|r| same(&r.receipts, *occurred_at, *quantity)),
        _ => false,
    }
}

/// The row's event dated by `occurred_at` (the log records it now).
fn with_occurred_at(kind: &CapabilityEvent, date: Timestamp) -> CapabilityEvent {
    let mut kind = kind.clone();
    match &mut kind {
        CapabilityEvent::AidCommitted(c) => c.occurred_at = Some(date),
        CapabilityEvent::AidShipped(s) => s.occurred_at = Some(date),
        CapabilityEvent::AidReceived(r) => r.occurred_at = Some(date),
        _ => {}
    }
    kind
}
