//! `snapback capabilities ...`: the capability tracker's status, the readiness of the charter's
//! military packages, delivery performance by donor, and the import of aid commitments and
//! deliveries from a CSV file.
//!
//! The reports read a scenario or a data directory's log (like `snapback fund`) and print the
//! engine's report section (`Report.capabilities`); nothing here recomputes the figures.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use jiff::Timestamp;
use snapback_capability::{Deliveries, DemandReadiness, Readiness};
use snapback_charter::{Charter, CharterHistory, PartyId, Role, Source};
use snapback_engine::capability::{Movement, Tracker};
use snapback_engine::capability_report::{CapabilitiesReport, capabilities_report, readiness};
use snapback_engine::event::{AidReceipt, CapabilityEvent, ReceiptFor};
use snapback_engine::{CountingSink, Engine, Event, EventKind, Judgement, Sink, State};

use crate::datadir::Location;
use crate::failure::Failure;
use crate::fundcmd::{StateSource, replay_source, table, write_json_to_stdout};
use snapback_interop::capability_csv::read_rows;
use snapback_interop::csv_file::Problems;

use crate::importing::{append_signed, write_scenario};
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
    /// The CSV file (see the README, "Importing commitments and deliveries").
    pub file: PathBuf,
    /// Write a scenario (TOML) that `snapback replay` and `snapback capabilities` read.
    #[arg(long, conflicts_with = "data", required_unless_present = "data")]
    pub out: Option<PathBuf>,
    /// With --out: the charter the scenario names (default: charters/ukraine.toml).
    #[arg(long, requires = "out")]
    pub charter: Option<PathBuf>,
    /// Append the rows to this data directory's log, signed with the secretariat's key from
    /// DIR/keys; each keeps its date as `occurred_at`.
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// With --data: a PostgreSQL database holding the log.
    #[arg(long, env = "SNAPBACK_DATABASE_URL")]
    pub database_url: Option<String>,
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
             README, \"The capability tracker\")"
        )));
    };
    Ok((state, report))
}

// ------------------------------------------------------------------------------------------
// Text

/// `12d 16h`, `3h 20m`, `45s`: a duration in its two largest units.
fn span_text(seconds: i64) -> String {
    let units = [(86_400, "d"), (3_600, "h"), (60, "m"), (1, "s")];
    let mut parts = Vec::new();
    let mut rest = seconds.max(0);
    for (size, name) in units {
        if rest >= size && parts.len() < 2 {
            parts.push(format!("{}{name}", rest / size));
            rest %= size;
        } else if !parts.is_empty() {
            break;
        }
    }
    if parts.is_empty() {
        "0s".to_owned()
    } else {
        parts.join(" ")
    }
}

fn instant_or(t: Option<Timestamp>, none: &str) -> String {
    t.map_or_else(|| none.to_owned(), |t| t.to_string())
}

/// One line per package: covered, or short with the gap.
fn package_lines(plan: &Readiness) -> Vec<Vec<String>> {
    plan.packages
        .iter()
        .map(|p| {
            let demands: Vec<&DemandReadiness> = plan
                .demands
                .iter()
                .filter(|d| d.package == p.package)
                .collect();
            let quantity: u64 = demands.iter().map(|d| d.quantity).sum();
            let status = if p.covered { "COVERED" } else { "SHORT" };
            let gap = if p.covered {
                let ready = demands.iter().filter_map(|d| d.ready_at).max();
                format!("ready by {}", instant_or(ready, "now"))
            } else if p.unmet {
                format!(
                    "{} of {quantity} short at the due instant; stock and contracts cannot meet it at all",
                    p.short_by_due
                )
            } else {
                format!(
                    "{} of {quantity} short at the due instant; met {} late",
                    p.short_by_due,
                    span_text(p.late_s)
                )
            };
            vec![p.package.to_string(), status.to_owned(), gap]
        })
        .collect()
}

fn readiness_text(plan: &Readiness) -> String {
    let mut s = String::new();
    let covered = plan.packages.iter().filter(|p| p.covered).count();
    let _ = writeln!(
        s,
        "Readiness if the snapback fired at {}: {} military packages, {covered} covered, {} short",
        plan.at,
        plan.packages.len(),
        plan.packages.len() - covered
    );
    if plan.packages.is_empty() {
        let _ = writeln!(
            s,
            "  (no package has a military obligation that counts items: add item and quantity)"
        );
        return s;
    }
    table(
        &mut s,
        "lll",
        &["package", "status", "gap"],
        &package_lines(plan),
    );
    for d in &plan.demands {
        let _ = writeln!(
            s,
            "\n{} ({} × {}, due {}): {}",
            d.obligation,
            d.quantity,
            d.item,
            d.due,
            match (d.covered, d.ready_at) {
                (true, Some(t)) => format!("covered, ready {t}"),
                (false, Some(t)) => format!(
                    "ready {t}, {} late; {} short at the due instant",
                    span_text(d.late_s),
                    d.short_by_due
                ),
                (_, None) => format!(
                    "cannot be met: {} short at the due instant, and stock plus contracts run out",
                    d.short_by_due
                ),
            }
        );
        let mut rows: Vec<Vec<String>> = d
            .from_stock
            .iter()
            .map(|l| {
                vec![
                    format!("lot {}", l.lot),
                    format!("in {}", l.location),
                    l.quantity.to_string(),
                    format!("arrives {}", l.arrives),
                ]
            })
            .collect();
        rows.extend(d.from_contracts.iter().map(|c| {
            vec![
                format!("contract {}", c.contract),
                String::new(),
                c.quantity.to_string(),
                format!("complete by {}", c.complete_by),
            ]
        }));
        if !rows.is_empty() {
            table(&mut s, "llrl", &["source", "", "units", "when"], &rows);
        }
    }
    s
}

fn delivery_rows(groups: &[snapback_capability::DeliveryGroup]) -> Vec<Vec<String>> {
    groups
        .iter()
        .map(|g| {
            vec![
                g.donor.to_string(),
                g.category.to_string(),
                g.commitments.to_string(),
                g.committed.to_string(),
                g.delivered.to_string(),
                g.pipeline.to_string(),
                format!("{}/{}", g.on_time, g.due),
                g.on_time_percent
                    .as_ref()
                    .map_or_else(|| "-".to_owned(), |p| format!("{p}%")),
                format!("{} (max {})", g.days_late_total, g.days_late_max),
            ]
        })
        .collect()
}

const DELIVERY_HEADERS: [&str; 9] = [
    "donor",
    "category",
    "commitments",
    "committed",
    "delivered",
    "pipeline",
    "on time",
    "rate",
    "days late",
];

fn deliveries_text(d: &Deliveries) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Delivery performance at {}: {} commitments by {} donors",
        d.at,
        d.commitments.len(),
        d.donors.len()
    );
    let _ = writeln!(s, "\nBy donor");
    table(
        &mut s,
        "llrrrrrrl",
        &DELIVERY_HEADERS,
        &delivery_rows(&d.donors),
    );
    let _ = writeln!(s, "\nBy donor and category");
    table(
        &mut s,
        "llrrrrrrl",
        &DELIVERY_HEADERS,
        &delivery_rows(&d.groups),
    );
    let late: Vec<Vec<String>> = d
        .commitments
        .iter()
        .filter(|c| c.days_late > 0)
        .map(|c| {
            vec![
                c.id.to_string(),
                c.donor.to_string(),
                format!("{} × {}", c.quantity, c.item),
                c.promised.to_string(),
                instant_or(c.completed_at, "not complete"),
                format!("{}/{}", c.delivered, c.quantity),
                c.days_late.to_string(),
            ]
        })
        .collect();
    if !late.is_empty() {
        let _ = writeln!(s, "\nLate and overdue commitments");
        table(
            &mut s,
            "lllllrr",
            &[
                "commitment",
                "donor",
                "what",
                "promised",
                "completed",
                "delivered",
                "days late",
            ],
            &late,
        );
    }
    s
}

fn status_text(r: &CapabilitiesReport) -> String {
    let mut s = format!("Capabilities as of {}\n\n", r.as_of);
    s.push_str(&readiness_summary(&r.readiness));
    let _ = writeln!(s, "\nStockpiles");
    let stock: Vec<Vec<String>> = r
        .stockpiles
        .iter()
        .map(|l| {
            let items: Vec<String> = l
                .available_by_item
                .iter()
                .map(|(item, n)| format!("{n} {item}"))
                .collect();
            vec![
                l.location.to_string(),
                l.name.clone(),
                l.transit.map_or_else(|| "-".to_owned(), |t| t.to_string()),
                l.lots.len().to_string(),
                if items.is_empty() {
                    "-".to_owned()
                } else {
                    items.join(", ")
                },
            ]
        })
        .collect();
    table(
        &mut s,
        "lllrl",
        &["location", "name", "transit", "lots", "available"],
        &stock,
    );
    if !r.contracts.is_empty() {
        let _ = writeln!(s, "\nStanding contracts");
        let rows: Vec<Vec<String>> = r
            .contracts
            .iter()
            .map(|c| {
                vec![
                    c.contract.to_string(),
                    c.party.to_string(),
                    c.item.to_string(),
                    format!("{}/30d", c.monthly_capacity),
                    format!("{}/30d after {}", c.surge_capacity, c.surge_lead_time),
                    if c.valid { "valid" } else { "not valid" }.to_owned(),
                    c.called_off.to_string(),
                    c.reserved.to_string(),
                ]
            })
            .collect();
        table(
            &mut s,
            "llllllrr",
            &[
                "contract",
                "party",
                "item",
                "normal",
                "surge",
                "now",
                "called off",
                "reserved",
            ],
            &rows,
        );
    }
    if !r.deliveries.donors.is_empty() {
        let _ = writeln!(s, "\nDeliveries by donor");
        table(
            &mut s,
            "llrrrrrrl",
            &DELIVERY_HEADERS,
            &delivery_rows(&r.deliveries.donors),
        );
    }
    if !r.training.is_empty() {
        let _ = writeln!(s, "\nTraining");
        let rows: Vec<Vec<String>> = r
            .training
            .iter()
            .map(|t| {
                vec![
                    t.centre.to_string(),
                    t.host.to_string(),
                    t.capacity_per_month.to_string(),
                    t.started_last_30d.to_string(),
                    t.utilisation_percent
                        .as_ref()
                        .map_or_else(|| "-".to_owned(), |p| format!("{p}%")),
                    t.in_training.to_string(),
                    t.completed.to_string(),
                ]
            })
            .collect();
        table(
            &mut s,
            "llrrrrr",
            &[
                "centre",
                "host",
                "capacity/30d",
                "started (30d)",
                "use",
                "in training",
                "completed",
            ],
            &rows,
        );
    }
    if !r.restrictions.is_empty() {
        let _ = writeln!(s, "\nUsage restrictions");
        let rows: Vec<Vec<String>> = r
            .restrictions
            .iter()
            .map(|x| {
                let how = match (&x.activation, &x.lifted_by, x.lifted_at) {
                    (Some(a), _, Some(t)) => format!("lifted at {t} by activation {a}"),
                    (None, Some(p), Some(t)) => format!("lifted at {t} by {p}"),
                    _ if x.lifted_on_activation_of.is_empty() => "in force".to_owned(),
                    _ => format!(
                        "in force; lifted on activation of {}",
                        x.lifted_on_activation_of
                            .iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                vec![
                    x.restriction.to_string(),
                    x.donor.to_string(),
                    x.system.clone(),
                    x.restriction_kind.clone(),
                    how,
                ]
            })
            .collect();
        table(
            &mut s,
            "lllll",
            &["restriction", "donor", "system", "kind", "status"],
            &rows,
        );
    }
    if !r.obligations.is_empty() {
        let _ = writeln!(s, "\nActivated military obligations");
        let rows: Vec<Vec<String>> = r
            .obligations
            .iter()
            .map(|o| {
                vec![
                    o.obligation.to_string(),
                    o.party.to_string(),
                    format!("{} × {}", o.quantity, o.item),
                    o.due.to_string(),
                    format!("{}/{}", o.received, o.quantity),
                    format!("{} stock, {} contracts", o.from_stock, o.from_contracts),
                ]
            })
            .collect();
        table(
            &mut s,
            "llllrl",
            &[
                "obligation",
                "party",
                "what",
                "due",
                "received",
                "drawn at activation",
            ],
            &rows,
        );
    }
    s
}

fn readiness_summary(plan: &Readiness) -> String {
    let mut s = String::new();
    let covered = plan.packages.iter().filter(|p| p.covered).count();
    let _ = writeln!(
        s,
        "Readiness if the snapback fired now: {} military packages, {covered} covered, {} short",
        plan.packages.len(),
        plan.packages.len() - covered
    );
    if !plan.packages.is_empty() {
        table(
            &mut s,
            "lll",
            &["package", "status", "gap"],
            &package_lines(plan),
        );
    }
    s
}

// ------------------------------------------------------------------------------------------
// Import

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

/// A sink that keeps each input's refusal by its index.
#[derive(Default)]
struct Refusals(HashMap<u64, String>, CountingSink);

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

fn import(args: &ImportArgs) -> Result<ExitCode, Failure> {
    let source = read_source(&args.file)?;
    let rows = read_rows(&source)?;
    if let Some(out) = &args.out {
        let charter_path = args
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
        // The engine judges every row now, so a row it would refuse is an error at its line
        // and no scenario with refusals is written.
        let history = CharterHistory::new(vec![charter])
            .map_err(|e| Failure::Usage(format!("the charter: {e}")))?;
        let mut engine = Engine::new(history);
        let mut refusals = Refusals::default();
        for (i, e) in events.iter().enumerate() {
            engine.apply(i as u64, e, &mut refusals);
        }
        let mut problems = Problems::default();
        for (i, r) in rows.iter().enumerate() {
            if let Some(reason) = refusals.0.get(&(i as u64)) {
                problems.push(source.error_at(
                    line_span(&source, r.line),
                    None,
                    format!("the engine refuses this row: {reason}"),
                    Some("fix the row or the rows before it (a shipment or receipt needs its commitment, and no more than it still owes)".to_owned()),
                ));
            }
        }
        problems.finish()?;
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
    let Some(data) = &args.data else {
        return Err(Failure::Usage(
            "say where the rows go: --out SCENARIO.toml or --data DIR".to_owned(),
        ));
    };
    let location = Location {
        data: data.clone(),
        database_url: args.database_url.clone(),
    };
    let mut ledger = location.open_ledger()?;
    let now = ledger.next_time(Timestamp::now());
    let charter = ledger.history().in_force(now).cloned().ok_or_else(|| {
        Failure::Usage(format!("no charter of {} is in force now", data.display()))
    })?;
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
        "read {} rows from {}; appended {} entries to the log of {} at {now}, signed by {party}; \
         {} already there, {} rejected; log size {} (was {})",
        rows.len(),
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

/// The whole line `line` (1-based) of the source, for an error about a row.
fn line_span(source: &Source, line: u64) -> Option<std::ops::Range<usize>> {
    let mut start = 0usize;
    for (n, l) in source.text.split_inclusive('\n').enumerate() {
        if n as u64 + 1 == line {
            return Some(start..start + l.trim_end().len());
        }
        start += l.len();
    }
    None
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_read_in_two_units() {
        assert_eq!(span_text(1_094_400), "12d 16h");
        assert_eq!(span_text(86_400), "1d");
        assert_eq!(span_text(3_600 * 3 + 60 * 20 + 5), "3h 20m");
        assert_eq!(span_text(45), "45s");
        assert_eq!(span_text(0), "0s");
        assert_eq!(span_text(-5), "0s");
    }
}
