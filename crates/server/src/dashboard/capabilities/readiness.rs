//! `GET /capabilities`: the readiness board.

use super::*;
use snapback_charter::describe::{Case, describe_duration_in};

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
    let t = names.t;
    let status = if p.covered { "covered" } else { "short" };
    html! {
        li class="card" data-package=(p.package) data-status=(status) data-unmet=(p.unmet) {
            p class="item-title" { (names.package(p.package)) " " (badge_in(t, status)) }
            p class="meta" { (t.msg_args("cap-package", &[("package", p.package.into())])) }
            @if p.covered {
                p { (t.msg("cap-covered")) }
            } @else {
                dl class="gap" {
                    dt { (t.msg("cap-short-at-due")) }
                    dd data-short=(p.short_by_due) {
                        (t.msg_args("cap-units", &[("units", units(p.short_by_due).into()), ("count", p.short_by_due.into())]))
                    }
                    @if p.unmet {
                        dt { (t.msg("cap-ready-in-full")) }
                        dd data-late-s=(p.late_s) { (t.msg("cap-never")) }
                    } @else {
                        dt { (t.msg("cap-late-by")) }
                        dd data-late-s=(p.late_s) {
                            @if p.late_s > 0 { (delay_in(t, p.late_s)) } @else { "\u{2014}" }
                        }
                    }
                }
                @if p.unmet {
                    p class="unmet" {
                        strong { (t.msg("cap-cannot-be-met")) } " "
                        @if p.late_s > 0 {
                            (t.msg_args("cap-cannot-be-met-late", &[("delay", delay_in(t, p.late_s).into())]))
                        } @else {
                            (t.msg("cap-cannot-be-met-rest"))
                        }
                    }
                }
            }
        }
    }
}

/// The lots a demand would draw on: (lot, location, units, arrives).
pub(super) fn stock_list<'a>(
    draws: impl Iterator<Item = (&'a str, &'a str, u64, Timestamp)>,
    t: Tr,
) -> Markup {
    let items: Vec<Markup> = draws
        .map(|(lot, location, quantity, arrives)| {
            html! {
                li data-lot=(lot) {
                    (t.rich("cap-from-lot", &[
                        ("units", units(quantity).into()),
                        ("lot", lot.into()),
                        ("location", location.into()),
                    ], &[("time", time(arrives))]))
                }
            }
        })
        .collect();
    sources_list(&items)
}

/// The contracts a demand would call off: (contract, units, complete by).
pub(super) fn contract_list<'a>(
    draws: impl Iterator<Item = (&'a str, u64, Timestamp)>,
    t: Tr,
) -> Markup {
    let items: Vec<Markup> = draws
        .map(|(contract, quantity, complete_by)| {
            html! {
                li data-contract=(contract) {
                    (t.rich("cap-called-off", &[
                        ("units", units(quantity).into()),
                        ("contract", contract.into()),
                    ], &[("time", time(complete_by))]))
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
    let t = names.t;
    let heads = heads(
        t,
        &[
            ("column-obligation", false),
            ("cap-column-units", true),
            ("column-due", false),
            ("cap-column-ready", false),
            ("cap-column-from-stock", false),
            ("cap-column-from-contracts", false),
            ("column-status", false),
        ],
    );
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
                    @match d.ready_at { Some(at) => { (time(at)) } None => { (t.msg("cap-not-in-full")) } }
                    @if d.short_by_due > 0 {
                        div class="meta" {
                            (t.msg_args("cap-short-units", &[("units", units(d.short_by_due).into()), ("count", d.short_by_due.into())]))
                        }
                    }
                }
                td {
                    (stock_list(d.from_stock.iter().map(|s| (&*s.lot, &*s.location, s.quantity, s.arrives)), t))
                }
                td {
                    (contract_list(d.from_contracts.iter().map(|c| (&*c.contract, c.quantity, c.complete_by)), t))
                }
                td { (badge_in(t, status)) }
            }
        }
        @if r.readiness.demands.is_empty() {
            (empty_row(heads.len(), &t.msg("cap-sources-empty")))
        }
    };
    html! {
        (table("readiness-sources", &t.msg("cap-sources-caption"), &cols(&heads), rows))
        p class="note" { (t.msg("cap-sources-note")) }
    }
}

pub(super) fn item_obligations_table(r: &CapabilitiesReport, names: &Names) -> Markup {
    let t = names.t;
    let heads = heads(
        t,
        &[
            ("column-obligation", false),
            ("cap-column-received", true),
            ("column-due", false),
            ("cap-column-from-stock", true),
            ("cap-column-from-contracts", true),
            ("column-status", false),
        ],
    );
    let rows = html! {
        @for o in r.obligations.iter().take(ROWS_MAX) {
            @let status = match o.fulfilled_at {
                Some(at) if at <= o.due => "fulfilled",
                Some(_) => "late",
                None if r.as_of > o.due => "overdue",
                None => "pending",
            };
            tr data-obligation=(o.obligation.as_str()) data-status=(status) {
                td {
                    (names.party(o.party.as_str()))
                    div class="meta" { (o.obligation.as_str()) " \u{b7} " (o.item.as_str()) }
                }
                td class="num" data-received=(o.received) {
                    (t.msg_args("cap-of", &[("part", units(o.received).into()), ("whole", units(o.quantity).into())]))
                }
                td {
                    (time(o.due))
                    @if let Some(at) = o.fulfilled_at {
                        div class="meta" { (t.rich("obligation-fulfilled", &[], &[("time", time(at))])) }
                    }
                }
                td class="num" { (units(o.from_stock)) }
                td class="num" { (units(o.from_contracts)) }
                td { (badge_in(t, status)) }
            }
        }
        @if r.obligations.is_empty() {
            (empty_row(heads.len(), &t.msg("cap-item-obligations-empty")))
        }
    };
    html! {
        (table("item-obligations", &t.msg("cap-item-obligations-caption"), &cols(&heads), rows))
        (rows_cut(t, r.obligations.len(), "/v1/capabilities"))
        p class="note" { (t.msg("cap-item-obligations-note")) }
    }
}

pub(super) fn contracts_table(r: &CapabilitiesReport, names: &Names) -> Markup {
    let t = names.t;
    let heads = heads(
        t,
        &[
            ("cap-column-contract", false),
            ("cap-column-item", false),
            ("cap-column-per-month", true),
            ("cap-column-at-surge", true),
            ("cap-column-valid", false),
            ("cap-column-called-off", true),
            ("fund-column-reserved", true),
        ],
    );
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
                    (units(c.surge_capacity))
                    div class="meta" { (t.msg_args("cap-after", &[("lead", describe_duration_in(t.lang(), c.surge_lead_time, Case::Accusative).into())])) }
                }
                td { (t.rich("cap-valid-range", &[], &[("from", time(c.valid_from)), ("until", time(c.valid_until))])) }
                td class="num" { (units(c.called_off)) }
                td class="num" { (units(c.reserved)) }
            }
        }
        @if r.contracts.is_empty() { (empty_row(heads.len(), &t.msg("cap-contracts-empty"))) }
    };
    html! {
        (table("contracts", &t.msg("cap-contracts-caption"), &cols(&heads), rows))
        (rows_cut(t, r.contracts.len(), "/v1/capabilities"))
    }
}

pub(super) fn readiness_main(r: &CapabilitiesReport, names: &Names) -> Markup {
    let t = names.t;
    let packages = &r.readiness.packages;
    let covered = packages.iter().filter(|p| p.covered).count();
    let board = html! {
        p id="readiness-summary" data-covered=(covered) data-packages=(packages.len()) {
            (t.msg_args("cap-readiness-summary", &[("covered", covered.into()), ("packages", packages.len().into())]))
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
            p class="empty" { (t.msg("cap-readiness-empty")) }
        }
    };
    html! {
        (section("readiness-section", &t.msg("cap-readiness-heading"), board))
        (section("sources-section", &t.msg("cap-sources-heading"), sources_table(r, names)))
        (section("item-obligations-section", &t.msg("cap-item-obligations-heading"), item_obligations_table(r, names)))
        (section("contracts-section", &t.msg("cap-contracts-heading"), contracts_table(r, names)))
        p class="note" {
            (t.rich("cap-readiness-json", &[], &[
                ("json", html! { a href="/v1/capabilities" { code { "GET /v1/capabilities" } } }),
                ("later", html! { code { "GET /v1/capabilities/readiness?at=RFC3339" } }),
            ]))
        }
    }
}
