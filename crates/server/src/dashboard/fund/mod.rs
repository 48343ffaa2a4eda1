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
use snapback_charter::describe::{Case, describe_duration_in};
use snapback_charter::{Fund, FundMode};
use snapback_engine::State as LedgerState;
use snapback_engine::derived::{ObligationStatus, TransferCode};
use snapback_engine::fund::record::{TrancheStatus, TransferRecord};
use snapback_engine::fund::report::{CallReport, ContributorReport, FundReport, fund_report};
use snapback_engine::fund::{POOL_CORE, POOL_SURGE};

use super::valued_aid::valued_aid_section;
use super::{
    Chosen, Markup, Names, Page, Section, Tr, badge_in, cols, cut_note_in, empty_row, group_digits,
    heads, html, page_of, respond, section, status_word, table, time,
};
use crate::state::AppState;
use crate::views::fund_in_force;

mod appropriations;
mod board;
mod charts;
mod loans;
mod programmes;
mod sections;

use appropriations::*;
use board::*;
use charts::*;
use loans::*;
use programmes::*;
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
fn compact(t: Tr, d: Decimal) -> String {
    let v = d.to_f64().unwrap_or(0.0);
    let a = v.abs();
    let scaled = |id: &str, n: String| t.msg_args(id, &[("n", n.into())]);
    if a >= 1e9 {
        scaled("fund-compact-bn", format!("{:.2}", v / 1e9))
    } else if a >= 1e6 {
        scaled("fund-compact-m", format!("{:.2}", v / 1e6))
    } else if a >= 1e4 {
        scaled("fund-compact-k", format!("{:.1}", v / 1e3))
    } else {
        group_digits(&d.to_string())
    }
}

/// A share (0.30) as a percentage ("30%").
fn percent(share: Decimal) -> String {
    format!("{}%", (share * Decimal::ONE_HUNDRED).normalize())
}

fn mode_badge(t: Tr, mode: FundMode) -> Markup {
    badge_in(t, mode.name())
}

/// A surge share's status (its badge's words come from [`status_word`]): paid (on time), late
/// (paid after its due instant), overdue, pending.
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

fn no_fund_page(t: Tr) -> Page {
    Page::ok(
        t.msg("fund-title"),
        Section::Fund,
        html! {
            h1 { (t.msg("fund-default-name")) }
            p id="no-fund" class="lede" { (t.msg("fund-none")) }
            p { (t.rich("fund-none-how", &[], &[("table", html! { code { "[fund]" } })])) }
            p { a href="/" { (t.msg("back-to-overview")) } }
        },
    )
}

pub(super) fn page(v: FundView, names: &Names) -> Page {
    let t = names.t;
    let Some(r) = &v.report else {
        return no_fund_page(t);
    };
    let currency = r.currency.clone().unwrap_or_default();
    let name = r.name.clone().unwrap_or_else(|| t.msg("fund-default-name"));
    let mut facts = vec![(t.msg("fund-fact-currency"), currency.clone())];
    if let Some(manager) = &v.manager {
        facts.push((t.msg("fund-fact-manager"), names.party(manager)));
    }
    if let Some(f) = &v.fund {
        if let Some(surge) = &f.surge {
            facts.push((
                t.msg("fund-fact-surge"),
                t.msg_args(
                    "fund-surge-value",
                    &[
                        ("currency", currency.as_str().into()),
                        ("amount", amount(surge.amount).into()),
                        (
                            "within",
                            describe_duration_in(t.lang(), surge.due_within, Case::Genitive).into(),
                        ),
                        ("article", surge.article.to_string().into()),
                    ],
                ),
            ));
        }
        for cap in &f.caps {
            facts.push((
                t.msg("fund-fact-cap"),
                t.msg_args(
                    "fund-cap-value",
                    &[
                        ("purpose", cap.purpose.as_str().into()),
                        ("currency", currency.as_str().into()),
                        ("amount", amount(cap.amount).into()),
                        ("per", cap.per.to_string().into()),
                        ("article", cap.article.to_string().into()),
                    ],
                ),
            ));
        }
    }
    let main = html! {
        h1 { (name) }
        p class="lede" { (t.msg("fund-lede")) }
        dl class="facts" { @for (k, val) in &facts { dt { (k) } dd { (val) } } }
        (mode_section(r, v.fund.as_ref(), t))
        (section("pools-section", &t.msg("fund-pools-heading"), pools_section(r, &currency, &v, t)))
        (section("contributors-section", &t.msg("fund-contributors-heading"), contributors_section(r, names, &currency)))
        (section("calls-section", &t.msg("fund-calls-heading"), calls_section(r, names, &currency)))
        @if !r.appropriations.is_empty() {
            (section("appropriations-section", &t.msg("fund-appropriations-heading"), appropriations_section(r, names, &currency)))
        }
        div class="grid" {
            (section("purposes-section", &t.msg("fund-purposes-heading"), purposes_section(r, &currency, t)))
            (section("recipients-section", &t.msg("fund-recipients-heading"), recipients_section(r, names, &currency)))
        }
        (section("tranches-section", &t.msg("fund-tranches-heading"), tranches_section(r, names, &currency)))
        @if !r.loans.is_empty() {
            (section("loans-section", &t.msg("fund-loans-heading"), loans_section(r, names, &currency)))
        }
        @if !r.guarantees.is_empty() {
            (section("guarantees-section", &t.msg("fund-guarantees-heading"), guarantees_section(r, names, &currency)))
        }
        @if !r.programmes.is_empty() {
            (section("programmes-section", &t.msg("fund-programmes-heading"), programmes_section(r, names, &currency)))
        }
        @if let Some(b) = &r.board {
            (section("board-section", &t.msg("fund-board-heading"), board_section(b, names, &currency)))
        }
        (section("rates-section", &t.msg("fund-rates-heading"), rates_section(r, &currency, t)))
        (section("transfers-section", &t.msg("fund-transfers-heading"), transfers_section(&v, names, &currency)))
        @if !r.bilateral_aid.is_empty() {
            (section("bilateral-section", &t.msg("fund-bilateral-heading"), valued_aid_section("bilateral-aid", &r.bilateral_aid, names, "fund-bilateral-caption", "fund-bilateral-note", "/v1/fund")))
        }
    };
    Page::ok(t.msg("fund-title"), Section::Fund, main)
}

pub(super) async fn handler(State(app): State<AppState>, uri: Uri, chosen: Chosen) -> Response {
    let page = page_of(&app, chosen.tr(), |view| gather(view.state()), page).await;
    respond(page, &uri, chosen)
}
