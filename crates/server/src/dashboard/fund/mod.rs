//! `GET /fund`: the Stabilization Fund page. Its mode and the history of its modes, its pools,
//! contributors, disbursements, recipients, surge calls, tranches, exchange rates and whether
//! its books balance, with two charts drawn on the server as SVG (no script): what each
//! contributor paid in, was called for and paid, and the pools' balances over time.
//!
//! Every figure comes from the engine's fund report (`/v1/fund`), the pools' history from the
//! fund's transfer records (`/v1/fund/transfers`); every value from the log is escaped.

use axum::extract::State;
use axum::http::Uri;
use axum::response::Response;
use jiff::Timestamp;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive as _;
use snapback_charter::{Fund, FundMode};
use snapback_engine::State as LedgerState;
use snapback_engine::derived::{ObligationStatus, TransferCode};
use snapback_engine::fund::record::{TrancheStatus, TransferRecord};
use snapback_engine::fund::report::{CallReport, ContributorReport, FundReport, fund_report};
use snapback_engine::fund::{POOL_CORE, POOL_SURGE};

use super::{
    Chosen, Markup, Names, Page, Section, badge, empty_row, group_digits, html, page_of, plural,
    respond, section, table, time,
};
use crate::state::AppState;
use crate::views::fund_in_force;

mod charts;
mod sections;

use charts::*;
use sections::*;

/// Transfers the page lists (the latest); the API pages through all of them.
const RECENT_TRANSFERS: usize = 20;
/// Changes of the pools' balances the chart's table lists (the latest).
const SERIES_TABLE: usize = 50;

/// The pools' posted balances just after an instant: (at, core, surge).
type Point = (Timestamp, Decimal, Decimal);

/// What the page shows, gathered on the node thread.
pub(super) struct FundView {
    report: Option<FundReport>,
    /// The fund of the charter in force (`None` when only the log records fund activity).
    fund: Option<Fund>,
    /// The manager's id.
    manager: Option<String>,
    series: Vec<Point>,
    recent: Vec<TransferRecord>,
    transfer_total: usize,
    /// The latest instant the log has reached.
    now: Option<Timestamp>,
}

pub(super) fn gather(state: &LedgerState) -> FundView {
    let fund = fund_in_force(state).cloned();
    let manager = state
        .as_of
        .and_then(|t| state.history().in_force(t))
        .or_else(|| state.history().versions().last())
        .and_then(|c| c.fund.as_ref().map(|f| c.party(f.manager).id.to_string()));
    let records = &state.fund.transfers;
    // Written with the currency's minor unit, like the report's amounts.
    let series = pool_series(records)
        .into_iter()
        .map(|(at, core, surge)| match &fund {
            Some(f) => (at, f.currency.fixed(core), f.currency.fixed(surge)),
            None => (at, core, surge),
        })
        .collect();
    FundView {
        report: fund_report(state),
        fund,
        manager,
        series,
        recent: records
            .iter()
            .rev()
            .take(RECENT_TRANSFERS)
            .cloned()
            .collect(),
        transfer_total: records.len(),
        now: state.as_of,
    }
}

/// The pools' posted balances after each instant at which one changed, from a zero start at the
/// first transfer. Reservations and voids move nothing posted; a release posts its amount.
pub(super) fn pool_series(records: &[TransferRecord]) -> Vec<Point> {
    let mut points: Vec<Point> = Vec::new();
    let (mut core, mut surge) = (Decimal::ZERO, Decimal::ZERO);
    for r in records {
        let t = &r.transfer;
        if matches!(t.code, TransferCode::Reservation | TransferCode::Void) {
            continue;
        }
        let before = (core, surge);
        // Credits raise a pool's balance, debits lower it (saturating: a report, not a guard).
        if t.credit == POOL_CORE {
            core = core.saturating_add(t.amount);
        } else if t.credit == POOL_SURGE {
            surge = surge.saturating_add(t.amount);
        }
        if t.debit == POOL_CORE {
            core = core.saturating_sub(t.amount);
        } else if t.debit == POOL_SURGE {
            surge = surge.saturating_sub(t.amount);
        }
        if before == (core, surge) {
            continue;
        }
        if points.is_empty() {
            points.push((r.at, Decimal::ZERO, Decimal::ZERO));
        }
        // One point per instant (the start at zero stays, so the line rises from it).
        let several = points.len() > 1;
        match points.last_mut() {
            Some(last) if several && last.0 == r.at => *last = (r.at, core, surge),
            _ => points.push((r.at, core, surge)),
        }
    }
    points
}

// ---------------------------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------------------------

/// "1,250,000.00".
fn amount(d: Decimal) -> String {
    group_digits(&d.to_string())
}

/// An amount, or a dash where there is none.
fn opt_amount(d: Option<Decimal>) -> String {
    d.map_or_else(|| "\u{2014}".to_owned(), amount)
}

/// "3.26 bn", "12.5 m", "950.00": for chart labels (the tables give exact figures).
fn compact(d: Decimal) -> String {
    let v = d.to_f64().unwrap_or(0.0);
    let a = v.abs();
    if a >= 1e9 {
        format!("{:.2} bn", v / 1e9)
    } else if a >= 1e6 {
        format!("{:.2} m", v / 1e6)
    } else if a >= 1e4 {
        format!("{:.1} k", v / 1e3)
    } else {
        group_digits(&d.to_string())
    }
}

/// A share (0.30) as a percentage ("30%").
fn percent(share: Decimal) -> String {
    format!("{}%", (share * Decimal::ONE_HUNDRED).normalize())
}

fn mode_badge(mode: FundMode) -> Markup {
    badge(mode.name())
}

/// A surge share's status in words: paid (on time), late (paid after its due instant), overdue,
/// pending.
fn share_status(status: Option<ObligationStatus>) -> &'static str {
    match status {
        Some(ObligationStatus::Fulfilled) => "paid",
        Some(ObligationStatus::Late) => "late",
        Some(ObligationStatus::Overdue) => "overdue",
        Some(ObligationStatus::Cancelled) => "cancelled",
        Some(ObligationStatus::Pending) | None => "pending",
    }
}

fn tranche_status(status: TrancheStatus) -> &'static str {
    match status {
        TrancheStatus::Reserved => "reserved",
        TrancheStatus::Released => "released",
        TrancheStatus::Voided => "voided",
    }
}

fn purposes_text(purposes: &[snapback_charter::PurposeId]) -> String {
    let items: Vec<&str> = purposes.iter().map(|p| p.as_str()).collect();
    items.join(", ")
}

fn no_fund_page() -> Page {
    Page::ok(
        "Fund",
        Section::Fund,
        html! {
            h1 { "Stabilization Fund" }
            p id="no-fund" class="lede" {
                "The charter in force sets up no Stabilization Fund, and the log records no fund activity."
            }
            p {
                "A charter sets one up with a " code { "[fund]" } " table: its currency, its \
                 manager, what it may disburse for in peace and in conflict mode, its \
                 contributors and their capital, caps, a surge and a tranche."
            }
            p { a href="/" { "Back to the overview" } }
        },
    )
}

pub(super) fn page(v: FundView, names: &Names) -> Page {
    let Some(r) = &v.report else {
        return no_fund_page();
    };
    let currency = r.currency.clone().unwrap_or_default();
    let name = r
        .name
        .clone()
        .unwrap_or_else(|| "Stabilization Fund".to_owned());
    let mut facts = vec![("Currency of account", currency.clone())];
    if let Some(manager) = &v.manager {
        facts.push(("Manager", names.party(manager)));
    }
    if let Some(f) = &v.fund {
        if let Some(surge) = &f.surge {
            facts.push((
                "Surge",
                format!(
                    "{currency} {}, due within {} ({})",
                    amount(surge.amount),
                    surge.due_within,
                    surge.article
                ),
            ));
        }
        for cap in &f.caps {
            facts.push((
                "Cap",
                format!(
                    "{}: at most {currency} {} per {} ({})",
                    cap.purpose.as_str(),
                    amount(cap.amount),
                    cap.per,
                    cap.article
                ),
            ));
        }
    }
    let main = html! {
        h1 { (name) }
        p class="lede" {
            "The fund's books: every payment, surge call and disbursement is a double-entry \
             transfer recorded in the signed log."
        }
        dl class="facts" { @for (k, val) in &facts { dt { (k) } dd { (val) } } }
        (mode_section(r, v.fund.as_ref()))
        (section("pools-section", "Pools", pools_section(r, &currency, &v)))
        (section("contributors-section", "Contributors", contributors_section(r, names, &currency)))
        (section("calls-section", "Surge calls", calls_section(r, names, &currency)))
        div class="grid" {
            (section("purposes-section", "Disbursed by purpose", purposes_section(r, &currency)))
            (section("recipients-section", "Recipients", recipients_section(r, names, &currency)))
        }
        (section("tranches-section", "Tranches", tranches_section(r, names, &currency)))
        (section("rates-section", "Exchange rates", rates_section(r, &currency)))
        (section("transfers-section", "Latest transfers", transfers_section(&v, names, &currency)))
    };
    Page::ok("Fund", Section::Fund, main)
}

pub(super) async fn handler(State(app): State<AppState>, uri: Uri, chosen: Chosen) -> Response {
    let page = page_of(&app, chosen.tr(), |view| gather(view.state()), page).await;
    respond(page, &uri, chosen)
}
