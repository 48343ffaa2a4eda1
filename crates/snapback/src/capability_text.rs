//! `snapback capabilities ...` as text: readiness per package, deliveries by donor and
//! category, and the tracker's status (stockpiles, contracts, training, restrictions, activated
//! obligations), one function per section.

use std::fmt::Write as _;

use jiff::Timestamp;
use snapback_capability::{Deliveries, DemandReadiness, Readiness};
use snapback_engine::capability::report::CapabilitiesReport;

use snapback_charter::money::group_digits;

use crate::tables::{section_if_any, table};

/// A count of units with thousands separators (`12,000`), as the dashboard writes it.
fn units(n: impl ToString) -> String {
    group_digits(&n.to_string())
}

/// `12d 16h`, `3h 20m`, `45s`: a duration in its two largest units.
pub(crate) fn span_text(seconds: i64) -> String {
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
                    "{} of {} short at the due instant; stock and contracts cannot meet it at all",
                    units(p.short_by_due),
                    units(quantity)
                )
            } else {
                format!(
                    "{} of {} short at the due instant; met {} late",
                    units(p.short_by_due),
                    units(quantity),
                    span_text(p.late_s)
                )
            };
            vec![p.package.to_string(), status.to_owned(), gap]
        })
        .collect()
}

pub(crate) fn readiness_text(plan: &Readiness) -> String {
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
            units(d.quantity),
            d.item,
            d.due,
            match (d.covered, d.ready_at) {
                (true, Some(t)) => format!("covered, ready {t}"),
                (false, Some(t)) => format!(
                    "ready {t}, {} late; {} short at the due instant",
                    span_text(d.late_s),
                    units(d.short_by_due)
                ),
                (_, None) => format!(
                    "cannot be met: {} short at the due instant, and stock plus contracts run out",
                    units(d.short_by_due)
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
                    units(l.quantity),
                    format!("arrives {}", l.arrives),
                ]
            })
            .collect();
        rows.extend(d.from_contracts.iter().map(|c| {
            vec![
                format!("contract {}", c.contract),
                String::new(),
                units(c.quantity),
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
                units(g.committed),
                units(g.delivered),
                units(g.pipeline),
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

pub(crate) fn deliveries_text(d: &Deliveries) -> String {
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
                format!("{} × {}", units(c.quantity), c.item),
                c.promised.to_string(),
                instant_or(c.completed_at, "not complete"),
                format!("{}/{}", units(c.delivered), units(c.quantity)),
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

pub(crate) fn status_text(r: &CapabilitiesReport) -> String {
    let mut s = format!("Capabilities as of {}\n\n", r.as_of);
    s.push_str(&readiness_summary(&r.readiness));
    let _ = writeln!(s, "\nStockpiles");
    table(
        &mut s,
        "lllrl",
        &["location", "name", "transit", "lots", "available"],
        &stockpile_rows(r),
    );
    section_if_any(
        &mut s,
        "Standing contracts",
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
        &contract_rows(r),
    );
    section_if_any(
        &mut s,
        "Deliveries by donor",
        "llrrrrrrl",
        &DELIVERY_HEADERS,
        &delivery_rows(&r.deliveries.donors),
    );
    section_if_any(
        &mut s,
        "Training",
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
        &training_rows(r),
    );
    section_if_any(
        &mut s,
        "Usage restrictions",
        "lllll",
        &["restriction", "donor", "system", "kind", "status"],
        &restriction_rows(r),
    );
    section_if_any(
        &mut s,
        "Activated military obligations",
        "llllrl",
        &[
            "obligation",
            "party",
            "what",
            "due",
            "received",
            "drawn at activation",
        ],
        &obligation_rows(r),
    );
    if !r.in_kind_by_value.is_empty() {
        let _ = writeln!(s, "\nIn-kind military aid by value (aid.valued, by donor)");
        crate::fund_text::valued_aid_table(&mut s, &r.in_kind_by_value);
    }
    s
}

fn stockpile_rows(r: &CapabilitiesReport) -> Vec<Vec<String>> {
    r.stockpiles
        .iter()
        .map(|l| {
            let items: Vec<String> = l
                .available_by_item
                .iter()
                .map(|(item, n)| format!("{} {item}", units(*n)))
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
        .collect()
}

fn contract_rows(r: &CapabilitiesReport) -> Vec<Vec<String>> {
    r.contracts
        .iter()
        .map(|c| {
            vec![
                c.contract.to_string(),
                c.party.to_string(),
                c.item.to_string(),
                format!("{}/30d", units(c.monthly_capacity)),
                format!(
                    "{}/30d after {}",
                    units(c.surge_capacity),
                    c.surge_lead_time
                ),
                if c.valid { "valid" } else { "not valid" }.to_owned(),
                units(c.called_off),
                units(c.reserved),
            ]
        })
        .collect()
}

fn training_rows(r: &CapabilitiesReport) -> Vec<Vec<String>> {
    r.training
        .iter()
        .map(|t| {
            vec![
                t.centre.to_string(),
                t.host.to_string(),
                units(t.capacity_per_month),
                units(t.started_last_30d),
                t.utilisation_percent
                    .as_ref()
                    .map_or_else(|| "-".to_owned(), |p| format!("{p}%")),
                units(t.in_training),
                units(t.completed),
            ]
        })
        .collect()
}

fn restriction_rows(r: &CapabilitiesReport) -> Vec<Vec<String>> {
    r.restrictions
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
        .collect()
}

fn obligation_rows(r: &CapabilitiesReport) -> Vec<Vec<String>> {
    r.obligations
        .iter()
        .map(|o| {
            vec![
                o.obligation.to_string(),
                o.party.to_string(),
                format!("{} × {}", units(o.quantity), o.item),
                o.due.to_string(),
                format!("{}/{}", units(o.received), units(o.quantity)),
                format!(
                    "{} stock, {} contracts",
                    units(o.from_stock),
                    units(o.from_contracts)
                ),
            ]
        })
        .collect()
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
