//! `GET /capabilities`: the readiness board.

use super::*;
use crate::dashboard::ROWS_MAX;

// ---------------------------------------------------------------------------------------------
// GET /capabilities: the readiness board
// ---------------------------------------------------------------------------------------------

/// A package's figures on the readiness board.
pub(super) struct Card<'a> {
    pub(super) package: &'a str,
    pub(super) covered: bool,
    pub(super) unmet: bool,
    pub(super) short_by_due: u64,
    pub(super) late_s: i64,
}

/// A package's card. A package that cannot be met in full is never "late by" anything: it would
/// not be ready at all (the issue found "Late by 2 h 6 min" beside "Cannot be met in full"); how
/// late its other obligations would be is said apart.
pub(super) fn package_card(p: &Card, names: &Names) -> Markup {
    let status = if p.covered { "covered" } else { "short" };
    html! {
        li class="card" data-package=(p.package) data-status=(status) data-unmet=(p.unmet) {
            p class="item-title" { (names.package(p.package)) " " (badge(status)) }
            p class="meta" { "Package " (p.package) }
            @if p.covered {
                p { "Every unit would arrive by its due instant." }
            } @else {
                dl class="gap" {
                    dt { "Short at the due instant" }
                    dd data-short=(p.short_by_due) { (units(p.short_by_due)) " units" }
                    @if p.unmet {
                        dt { "Ready in full" }
                        dd data-late-s=(p.late_s) { "never" }
                    } @else {
                        dt { "Late by" }
                        dd data-late-s=(p.late_s) {
                            @if p.late_s > 0 { (delay(p.late_s)) } @else { "\u{2014}" }
                        }
                    }
                }
                @if p.unmet {
                    p class="unmet" {
                        strong { "Cannot be met in full" } " from the stock and contracts recorded"
                        @if p.late_s > 0 {
                            "; its other obligations would be late by up to " (delay(p.late_s))
                        }
                        "."
                    }
                }
            }
        }
    }
}

/// The lots a demand would draw on: (lot, location, units, arrives).
pub(super) fn stock_list<'a>(
    draws: impl Iterator<Item = (&'a str, &'a str, u64, Timestamp)>,
) -> Markup {
    let items: Vec<Markup> = draws
        .map(|(lot, location, quantity, arrives)| {
            html! {
                li data-lot=(lot) {
                    (units(quantity)) " from lot " (lot) " in " (location) ", arriving " (time(arrives))
                }
            }
        })
        .collect();
    sources_list(&items)
}

/// The contracts a demand would call off: (contract, units, complete by).
pub(super) fn contract_list<'a>(draws: impl Iterator<Item = (&'a str, u64, Timestamp)>) -> Markup {
    let items: Vec<Markup> = draws
        .map(|(contract, quantity, complete_by)| {
            html! {
                li data-contract=(contract) {
                    (units(quantity)) " called off " (contract) ", complete by " (time(complete_by))
                }
            }
        })
        .collect();
    sources_list(&items)
}

pub(super) fn sources_list(items: &[Markup]) -> Markup {
    html! {
        @if items.is_empty() { "\u{2014}" } @else { ul class="sources" { @for i in items { (i) } } }
    }
}

pub(super) fn sources_table(r: &CapabilitiesReport, names: &Names) -> Markup {
    let columns = [
        ("Obligation", false),
        ("Units", true),
        ("Due", false),
        ("Ready", false),
        ("From stock", false),
        ("From contracts", false),
        ("Status", false),
    ];
    let rows = html! {
        @for d in &r.readiness.demands {
            @let status = if d.covered { "covered" } else { "short" };
            tr data-obligation=(d.obligation) data-package=(d.package) data-status=(status) {
                td {
                    (demand_label(names, &d.obligation))
                    div class="meta" { (names.package(&d.package)) " \u{b7} " (d.obligation) }
                }
                td class="num" { (units(d.quantity)) " " (d.item) }
                td { (time(d.due)) }
                td {
                    @match d.ready_at { Some(t) => { (time(t)) } None => { "not in full" } }
                    @if d.short_by_due > 0 {
                        div class="meta" { (units(d.short_by_due)) " short at the due instant" }
                    }
                }
                td {
                    (stock_list(d.from_stock.iter().map(|s| (&*s.lot, &*s.location, s.quantity, s.arrives))))
                }
                td {
                    (contract_list(d.from_contracts.iter().map(|c| (&*c.contract, c.quantity, c.complete_by))))
                }
                td { (badge(status)) }
            }
        }
        @if r.readiness.demands.is_empty() {
            (empty_row(columns.len(), "No obligation of the charter counts items."))
        }
    };
    html! {
        (table("readiness-sources", "Each obligation that counts items, if called now", &columns, rows))
        p class="note" {
            "Obligations are served in charter order; each takes stock first (the lots nearest \
             Ukraine first, only at its location if the charter names one), then what the valid \
             contracts of its item can produce. What one takes is gone for the next."
        }
    }
}

pub(super) fn item_obligations_table(r: &CapabilitiesReport, names: &Names) -> Markup {
    let columns = [
        ("Obligation", false),
        ("Received", true),
        ("Due", false),
        ("From stock", true),
        ("From contracts", true),
        ("Status", false),
    ];
    let rows = html! {
        @for o in r.obligations.iter().take(ROWS_MAX) {
            @let status = match o.fulfilled_at {
                Some(t) if t <= o.due => "fulfilled",
                Some(_) => "late",
                None if r.as_of > o.due => "overdue",
                None => "pending",
            };
            tr data-obligation=(o.obligation.as_str()) data-status=(status) {
                td {
                    (names.party(o.party.as_str()))
                    div class="meta" { (o.obligation.as_str()) " \u{b7} " (o.item.as_str()) }
                }
                td class="num" data-received=(o.received) { (units(o.received)) " of " (units(o.quantity)) }
                td {
                    (time(o.due))
                    @if let Some(t) = o.fulfilled_at { div class="meta" { "fulfilled " (time(t)) } }
                }
                td class="num" { (units(o.from_stock)) }
                td class="num" { (units(o.from_contracts)) }
                td { (badge(status)) }
            }
        }
        @if r.obligations.is_empty() {
            (empty_row(columns.len(), "No activation has created an obligation that counts items."))
        }
    };
    html! {
        (table("item-obligations", "Activated obligations that count items", &columns, rows))
        (rows_note(r.obligations.len(), "/v1/capabilities"))
        p class="note" {
            "At an activation the engine draws stock down and calls contracts off exactly as the \
             readiness figures assumed; an obligation is met by receipts Ukraine (or the \
             secretariat) records."
        }
    }
}

pub(super) fn contracts_table(r: &CapabilitiesReport, names: &Names) -> Markup {
    let columns = [
        ("Contract", false),
        ("Item", false),
        ("Per month", true),
        ("At surge", true),
        ("Valid", false),
        ("Called off", true),
        ("Reserved", true),
    ];
    let rows = html! {
        @for c in r.contracts.iter().take(ROWS_MAX) {
            tr data-contract=(c.contract.as_str()) data-valid=(c.valid) {
                td {
                    (c.contract.as_str())
                    div class="meta" {
                        (c.supplier) " (" (c.country) ") \u{b7} " (names.party(c.party.as_str()))
                    }
                }
                td { (c.item.as_str()) }
                td class="num" { (units(c.monthly_capacity)) }
                td class="num" {
                    (units(c.surge_capacity)) div class="meta" { "after " (c.surge_lead_time) }
                }
                td { (time(c.valid_from)) " to " (time(c.valid_until)) }
                td class="num" { (units(c.called_off)) }
                td class="num" { (units(c.reserved)) }
            }
        }
        @if r.contracts.is_empty() { (empty_row(columns.len(), "No contract has been registered.")) }
    };
    html! {
        (table("contracts", "Standing production contracts", &columns, rows))
        (rows_note(r.contracts.len(), "/v1/capabilities"))
    }
}

pub(super) fn readiness_main(r: &CapabilitiesReport, names: &Names) -> Markup {
    let packages = &r.readiness.packages;
    let covered = packages.iter().filter(|p| p.covered).count();
    let board = html! {
        p id="readiness-summary" data-covered=(covered) data-packages=(packages.len()) {
            (covered) " of " (packages.len()) " military packages would be covered if called now."
        }
        ul id="readiness-board" class="cards" {
            @for p in packages {
                (package_card(&Card {
                    package: &p.package,
                    covered: p.covered,
                    unmet: p.unmet,
                    short_by_due: p.short_by_due,
                    late_s: p.late_s,
                }, names))
            }
        }
        @if packages.is_empty() {
            p class="empty" { "No military package of the charter counts items." }
        }
    };
    html! {
        (section("readiness-section", "Readiness board", board))
        (section("sources-section", "Where the units would come from", sources_table(r, names)))
        (section("item-obligations-section", "Activated obligations", item_obligations_table(r, names)))
        (section("contracts-section", "Standing contracts", contracts_table(r, names)))
        p class="note" {
            "The same figures as JSON: "
            a href="/v1/capabilities" { code { "GET /v1/capabilities" } }
            "; readiness at a later instant: "
            code { "GET /v1/capabilities/readiness?at=RFC3339" }
            "."
        }
    }
}
