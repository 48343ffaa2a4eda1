//! `GET /fund`: the Stabilization Fund page. Its mode and the history of its modes, its pools,
//! contributors, disbursements, recipients, surge calls, tranches, exchange rates and whether
//! its books balance, with two charts drawn on the server as SVG (no script): what each
//! contributor paid in, was called for and paid, and the pools' balances over time.
//!
//! Every figure comes from the engine's fund report (`/v1/fund`), the pools' history from the
//! fund's transfer records (`/v1/fund/transfers`); every value from the log is escaped.

use std::fmt::Write as _;

use axum::extract::State;
use axum::http::Uri;
use axum::response::Response;
use jiff::Timestamp;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive as _;
use snapback_charter::{Fund, FundMode};
use snapback_engine::State as LedgerState;
use snapback_engine::derived::{ObligationStatus, TransferCode};
use snapback_engine::fund::{POOL_CORE, POOL_SURGE};
use snapback_engine::fund_record::{TrancheStatus, TransferRecord};
use snapback_engine::fund_report::{CallReport, ContributorReport, FundReport, fund_report};

use super::{
    Names, Page, Section, badge, escape, group_digits, page_of, plural, respond, section, time,
};
use crate::state::AppState;

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
    let fund = crate::views::fund_in_force(state).cloned();
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

/// "1,250,000.00", escaped.
fn amount(d: Decimal) -> String {
    escape(&group_digits(&d.to_string()))
}

fn opt_amount(d: Option<Decimal>) -> String {
    d.map_or_else(|| "&mdash;".to_owned(), amount)
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

fn mode_badge(mode: FundMode) -> String {
    badge(mode.name())
}

/// A surge share's status in words: paid (on time), late (paid after its due instant), overdue,
/// pending.
fn share_status(status: Option<ObligationStatus>) -> &'static str {
    match status {
        Some(ObligationStatus::Fulfilled) => "paid",
        Some(ObligationStatus::Late) => "late",
        Some(ObligationStatus::Overdue) => "overdue",
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
    let items: Vec<String> = purposes.iter().map(|p| escape(p.as_str())).collect();
    items.join(", ")
}

/// A table's opening: id, caption and column headers (`num` for right-aligned figures).
pub(super) fn table_head(id: &str, caption: &str, columns: &[(&str, bool)]) -> String {
    let mut s = format!(
        r#"<div class="table-scroll"><table id="{id}"><caption>{}</caption><thead><tr>"#,
        escape(caption)
    );
    for (label, num) in columns {
        let class = if *num { r#" class="num""# } else { "" };
        let _ = write!(s, r#"<th scope="col"{class}>{label}</th>"#);
    }
    s.push_str("</tr></thead><tbody>");
    s
}

pub(super) fn empty_row(s: &mut String, columns: usize, text: &str) {
    let _ = write!(
        s,
        r#"<tr><td colspan="{columns}" class="empty">{}</td></tr>"#,
        escape(text)
    );
}

pub(super) const TABLE_END: &str = "</tbody></table></div>";

// ---------------------------------------------------------------------------------------------
// Sections
// ---------------------------------------------------------------------------------------------

fn mode_section(r: &FundReport, fund: Option<&Fund>) -> String {
    let mode = r.mode.name();
    let since = match r.modes.last() {
        Some(m) => {
            let by = m
                .activation
                .as_ref()
                .map(|a| format!(" (activation {})", escape(a.as_str())))
                .unwrap_or_default();
            format!("since {}{by}", time(m.at))
        }
        None => "since the start of the log".to_owned(),
    };
    let mut s = format!(
        r#"<section id="fund-mode" class="panel mode" data-mode="{mode}" aria-labelledby="fund-mode-h"><h2 id="fund-mode-h" class="mode-name">Mode: {badge}</h2><p>In {mode} mode {since}.</p>"#,
        badge = mode_badge(r.mode),
    );
    if let Some(f) = fund {
        let _ = write!(
            s,
            r#"<p>May disburse now for: {}.</p><p class="note">An activation whose package carries a funds obligation moves the fund to conflict mode (and calls the surge, if the charter sets one); it returns to peace mode after {} without such an activation ({}). In peace mode it disburses for {}; in conflict mode for {}, from the surge pool first.</p>"#,
            purposes_text(f.purposes(r.mode)),
            escape(&f.quiet_period.to_string()),
            escape(&f.article.to_string()),
            purposes_text(&f.peace_purposes),
            purposes_text(&f.conflict_purposes),
        );
    }
    s.push_str(r#"<h3>Mode history</h3><ol id="mode-history" class="timeline">"#);
    let first = r.modes.first().map_or(r.mode, |m| match m.mode {
        FundMode::Peace => FundMode::Conflict,
        FundMode::Conflict => FundMode::Peace,
    });
    let _ = write!(
        s,
        r#"<li data-mode="{m}"><span class="kind">{m}</span> &middot; from the start of the log</li>"#,
        m = first.name()
    );
    // The latest changes, if there have been more than a page holds.
    for m in r
        .modes
        .iter()
        .skip(r.modes.len().saturating_sub(super::ROWS_MAX))
    {
        let why = match &m.activation {
            Some(a) => format!(
                "activation {} moved the fund to conflict mode",
                escape(a.as_str())
            ),
            None => "the quiet period ended without a new activation".to_owned(),
        };
        let _ = write!(
            s,
            r#"<li data-mode="{mode}"><span class="kind">{mode}</span> &middot; {at}<br>{why}</li>"#,
            mode = m.mode.name(),
            at = time(m.at),
        );
    }
    s.push_str("</ol>");
    s.push_str(&super::rows_note(r.modes.len(), "/v1/fund"));
    s.push_str("</section>");
    s
}

fn pools_section(r: &FundReport, currency: &str, view: &FundView) -> String {
    let mut s = table_head(
        "pools",
        &format!("Pools, in {currency}"),
        &[
            ("Pool", false),
            ("Balance", true),
            ("Reserved for tranches", true),
            ("Available", true),
        ],
    );
    for p in &r.pools {
        let label = match p.pool {
            "core" => "Core (paid-in capital)",
            "surge" => "Surge (paid against surge calls)",
            other => other,
        };
        let _ = write!(
            s,
            r#"<tr data-pool="{id}"><th scope="row">{label}</th><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
            amount(p.balance),
            amount(p.reserved),
            amount(p.available),
            id = escape(p.pool),
            label = escape(label),
        );
    }
    s.push_str(TABLE_END);
    let t = &r.totals;
    let (word, detail) = if t.balanced {
        ("balance", "debits equal credits")
    } else {
        ("do not balance", "debits and credits differ")
    };
    let _ = write!(
        s,
        r#"<p id="books" data-balanced="{balanced}"><strong>The books {word}</strong>: {detail}, posted ({} debited, {} credited) and pending ({} and {}), over {}.</p>"#,
        amount(t.debits_posted),
        amount(t.credits_posted),
        amount(t.debits_pending),
        amount(t.credits_pending),
        plural(r.transfers, "transfer", "transfers"),
        balanced = t.balanced,
    );
    if !r.problems.is_empty() {
        s.push_str(r#"<ul id="fund-problems">"#);
        for p in &r.problems {
            let _ = write!(s, "<li>{}</li>", escape(p));
        }
        s.push_str("</ul>");
    }
    s.push_str(&pools_chart(&view.series, view.now, currency));
    s
}

/// Step lines of the core and surge pools' posted balances over time.
fn pools_chart(series: &[Point], now: Option<Timestamp>, currency: &str) -> String {
    const W: f64 = 720.0;
    const H: f64 = 260.0;
    const LEFT: f64 = 88.0;
    const RIGHT: f64 = 700.0;
    const TOP: f64 = 16.0;
    const BOTTOM: f64 = 212.0;
    let (Some(first), Some(last)) = (series.first(), series.last()) else {
        return r#"<p id="fund-pools-chart-empty" class="empty">No money has moved through the pools yet, so there is no history to chart.</p>"#.to_owned();
    };
    let start = first.0;
    let end = now.map_or(last.0, |n| n.max(last.0));
    let span = end.duration_since(start).as_secs_f64().max(1.0);
    let max_amount = series
        .iter()
        .map(|p| p.1.max(p.2))
        .max()
        .unwrap_or(Decimal::ZERO);
    let max = max_amount.to_f64().unwrap_or(0.0).max(1.0);
    let x = |t: Timestamp| LEFT + (RIGHT - LEFT) * t.duration_since(start).as_secs_f64() / span;
    let y = |d: Decimal| BOTTOM - (BOTTOM - TOP) * d.to_f64().unwrap_or(0.0) / max;
    let step = |pick: fn(&Point) -> Decimal| {
        let mut d = format!("M{:.1} {:.1}", x(start), y(pick(first)));
        for p in &series[1..] {
            let _ = write!(d, " H{:.1} V{:.1}", x(p.0), y(pick(p)));
        }
        let _ = write!(d, " H{RIGHT:.1}");
        d
    };
    let (core_now, surge_now) = (last.1, last.2);
    let core_max = series.iter().map(|p| p.1).max().unwrap_or_default();
    let surge_max = series.iter().map(|p| p.2).max().unwrap_or_default();
    let desc = format!(
        "Step lines of the posted balance of each pool, in {currency}, from {} to {}, over {}. Core pool: now {}, at most {}. Surge pool (dashed line): now {}, at most {}. The table under the chart lists the figures.",
        super::readable(start),
        super::readable(end),
        plural(series.len().saturating_sub(1), "change", "changes"),
        group_digits(&core_now.to_string()),
        group_digits(&core_max.to_string()),
        group_digits(&surge_now.to_string()),
        group_digits(&surge_max.to_string()),
    );
    let mut s = format!(
        r#"<h3>Balances over time</h3><ul class="legend" aria-label="Legend"><li><span class="swatch line-core" aria-hidden="true"></span>core pool (solid)</li><li><span class="swatch line-surge" aria-hidden="true"></span>surge pool (dashed)</li></ul><div class="chart-scroll"><svg id="fund-pools-chart" class="chart chart-wide" viewBox="0 0 {W} {H}" role="img" aria-labelledby="pools-chart-title pools-chart-desc" xmlns="http://www.w3.org/2000/svg"><title id="pools-chart-title">Pool balances over time, in {currency}</title><desc id="pools-chart-desc">{}</desc>"#,
        escape(&desc),
        currency = escape(currency),
    );
    // Horizontal grid lines at 0, a half and the maximum, labelled.
    for (frac, value) in [
        (0.0, Decimal::ZERO),
        (0.5, max_amount / Decimal::TWO),
        (1.0, max_amount),
    ] {
        let gy = BOTTOM - (BOTTOM - TOP) * frac;
        let label = compact(value);
        let _ = write!(
            s,
            r#"<line class="grid" x1="{LEFT}" y1="{gy:.1}" x2="{RIGHT}" y2="{gy:.1}"/><text class="axis" x="{lx:.1}" y="{ty:.1}" text-anchor="end">{}</text>"#,
            escape(&label),
            lx = LEFT - 6.0,
            ty = gy + 4.0,
        );
    }
    let _ = write!(
        s,
        r#"<text class="axis" x="{LEFT}" y="{ty}" text-anchor="start">{}</text><text class="axis" x="{RIGHT}" y="{ty}" text-anchor="end">{}</text>"#,
        escape(&short_time(start)),
        escape(&short_time(end)),
        ty = BOTTOM + 20.0,
    );
    let _ = write!(
        s,
        r#"<path class="line-core" d="{}"><title>Core pool: now {}</title></path><path class="line-surge" d="{}"><title>Surge pool: now {}</title></path>"#,
        step(|p| p.1),
        escape(&group_digits(&core_now.to_string())),
        step(|p| p.2),
        escape(&group_digits(&surge_now.to_string())),
    );
    s.push_str("</svg></div>");
    // The figures behind the chart, as a table (the latest changes).
    let shown = series.len().min(SERIES_TABLE);
    let _ = write!(
        s,
        r#"<details><summary>The balances as a table ({})</summary>"#,
        if shown < series.len() {
            format!("the latest {shown} of {}", series.len())
        } else {
            plural(series.len(), "point", "points")
        }
    );
    s.push_str(&table_head(
        "pool-history",
        &format!("Posted balances after each change, in {currency}"),
        &[("After", false), ("Core", true), ("Surge", true)],
    ));
    for p in series.iter().rev().take(SERIES_TABLE) {
        let _ = write!(
            s,
            r#"<tr><td>{}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
            time(p.0),
            amount(p.1),
            amount(p.2)
        );
    }
    s.push_str(TABLE_END);
    s.push_str("</details>");
    s
}

/// "2026-03-01 14:05".
pub(super) fn short_time(t: Timestamp) -> String {
    let mut out = String::new();
    if write!(out, "{}", t.strftime("%Y-%m-%d %H:%M")).is_err() {
        out = t.to_string();
    }
    out
}

/// The three bars of a contributor: (class, label, amount).
fn bars(c: &ContributorReport) -> [(&'static str, &'static str, Decimal); 3] {
    [
        ("bar-paid_in", "paid in", c.paid_in),
        ("bar-called", "surge called", c.called),
        ("bar-call_paid", "surge paid", c.call_paid),
    ]
}

/// Horizontal bars per contributor: paid in, surge called, surge paid.
fn contributors_chart(rows: &[ContributorReport], names: &Names, currency: &str) -> String {
    const W: f64 = 720.0;
    const LABEL: f64 = 64.0;
    const BARS: f64 = 520.0;
    const BAR: f64 = 11.0;
    const ROW: f64 = 3.0 * BAR + 14.0;
    if rows.is_empty() {
        return String::new();
    }
    let max = rows
        .iter()
        .flat_map(|c| bars(c).map(|b| b.2))
        .max()
        .unwrap_or_default()
        .to_f64()
        .unwrap_or(0.0)
        .max(1.0);
    let height = rows.len() as f64 * ROW + 8.0;
    let mut s = format!(
        r#"<ul class="legend" aria-label="Legend"><li><span class="swatch bar-paid_in" aria-hidden="true"></span>paid in (top)</li><li><span class="swatch bar-called" aria-hidden="true"></span>surge called (middle)</li><li><span class="swatch bar-call_paid" aria-hidden="true"></span>surge paid (bottom)</li></ul><div class="chart-scroll"><svg id="fund-contributors-chart" class="chart chart-wide" viewBox="0 0 {W} {height}" role="img" aria-labelledby="contributors-chart-title contributors-chart-desc" xmlns="http://www.w3.org/2000/svg"><title id="contributors-chart-title">Contributors: paid in, surge called and surge paid, in {currency}</title><desc id="contributors-chart-desc">For each contributor three horizontal bars: what it paid in (all payments, surge payments included), what surge calls asked of it, and what it paid against them, with the amount at the end of each bar. The contributors table gives the exact figures.</desc>"#,
        currency = escape(currency),
    );
    for (i, c) in rows.iter().enumerate() {
        let top = i as f64 * ROW + 4.0;
        let figures: Vec<String> = bars(c)
            .iter()
            .map(|(_, label, v)| format!("{label} {}", group_digits(&v.to_string())))
            .collect();
        let _ = write!(
            s,
            r#"<g data-party="{id}"><title>{name}: {figures}</title><text x="0" y="{ty:.1}">{id}</text>"#,
            id = escape(c.id.as_str()),
            name = escape(&names.party(c.id.as_str())),
            figures = escape(&figures.join(", ")),
            ty = top + 1.5 * BAR + 4.0,
        );
        for (j, (class, label, v)) in bars(c).iter().enumerate() {
            let y = top + j as f64 * BAR;
            let width = BARS * v.to_f64().unwrap_or(0.0) / max;
            let _ = write!(
                s,
                r#"<rect class="{class}" x="{LABEL}" y="{y:.1}" width="{width:.1}" height="{h:.1}"><title>{id}: {label} {full}</title></rect><text class="value" x="{tx:.1}" y="{ty:.1}">{short}</text>"#,
                h = BAR - 1.0,
                id = escape(c.id.as_str()),
                full = escape(&group_digits(&v.to_string())),
                tx = LABEL + width + 4.0,
                ty = y + BAR - 2.0,
                short = escape(&compact(*v)),
            );
        }
        s.push_str("</g>");
    }
    s.push_str("</svg></div>");
    s
}

fn contributors_section(r: &FundReport, names: &Names, currency: &str) -> String {
    let mut s = contributors_chart(&r.contributors, names, currency);
    s.push_str(&table_head(
        "contributors",
        &format!("Contributors, in {currency}"),
        &[
            ("Contributor", false),
            ("Key (share)", true),
            ("Subscribed", true),
            ("Pledged", true),
            ("Paid in", true),
            ("Callable", true),
            ("Surge called", true),
            ("Surge paid", true),
            ("Outstanding", true),
        ],
    ));
    for c in &r.contributors {
        let key = match (c.key, c.share) {
            (Some(k), Some(share)) => format!("{} ({})", escape(&k.to_string()), percent(share)),
            (Some(k), None) => escape(&k.to_string()),
            _ => "&mdash;".to_owned(),
        };
        let outstanding = c.call_outstanding + c.pledge_outstanding;
        let _ = write!(
            s,
            r#"<tr data-party="{id}"><th scope="row">{name}</th><td class="num">{key}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num" data-outstanding="{raw}">{}</td></tr>"#,
            opt_amount(c.subscribed),
            amount(c.pledged),
            amount(c.paid_in),
            opt_amount(c.callable),
            amount(c.called),
            amount(c.call_paid),
            amount(outstanding),
            id = escape(c.id.as_str()),
            name = escape(&names.party(c.id.as_str())),
            raw = escape(&outstanding.to_string()),
        );
    }
    if r.contributors.is_empty() {
        empty_row(&mut s, 9, "No contributor.");
    }
    s.push_str(TABLE_END);
    s.push_str(r#"<p class="note">Paid in: every payment, surge payments included. Outstanding: surge calls and pledges not yet paid.</p>"#);
    s
}

fn call_block(c: &CallReport, names: &Names, currency: &str) -> String {
    let paid = c
        .shares
        .iter()
        .filter(|s| {
            matches!(
                s.status,
                Some(ObligationStatus::Fulfilled | ObligationStatus::Late)
            )
        })
        .count();
    let open = c
        .shares
        .iter()
        .any(|s| matches!(s.status, Some(ObligationStatus::Pending) | None));
    // While a share is not yet due, the due instant counts down.
    let due = if open {
        super::deadline(c.due)
    } else {
        time(c.due)
    };
    let mut s = format!(
        r#"<section class="call" data-activation="{a}" aria-labelledby="call-{a}-h"><h3 id="call-{a}-h">Surge call of activation {a}: {currency} {total}</h3><p class="meta">Called {at}, due {due} &middot; {paid} of {n} shares paid</p><ul class="items">"#,
        a = escape(c.activation.as_str()),
        currency = escape(currency),
        total = amount(c.total),
        at = time(c.at),
        n = c.shares.len(),
    );
    for share in &c.shares {
        let status = share_status(share.status);
        let when = match share.paid_at {
            Some(at) => format!(" &middot; paid {}", time(at)),
            None => String::new(),
        };
        let _ = write!(
            s,
            r#"<li data-obligation="{o}" data-party="{p}" data-status="{status}"><p class="item-title">{name} {badge}</p><p class="meta">{currency} {amount} &middot; obligation {o}{when}</p></li>"#,
            o = escape(share.obligation.as_str()),
            p = escape(share.party.as_str()),
            name = escape(&names.party(share.party.as_str())),
            badge = badge(status),
            currency = escape(currency),
            amount = amount(share.amount),
        );
    }
    s.push_str("</ul></section>");
    s
}

fn calls_section(r: &FundReport, names: &Names, currency: &str) -> String {
    let mut s = String::from(r#"<div id="calls">"#);
    for c in r.calls.iter().rev().take(super::ROWS_MAX) {
        s.push_str(&call_block(c, names, currency));
    }
    if r.calls.is_empty() {
        s.push_str(r#"<p class="empty">No surge has been called.</p>"#);
    }
    s.push_str("</div>");
    s.push_str(&super::rows_note(r.calls.len(), "/v1/fund"));
    s.push_str(r#"<p class="note">Each share is an obligation of its contributor, met by paying it into the surge pool. Paid: on time. Late: paid after the due instant. Overdue: the due instant passed unpaid. Pending: not yet due.</p>"#);
    s
}

fn purposes_section(r: &FundReport, currency: &str) -> String {
    let mut s = table_head(
        "purposes",
        &format!("Disbursed by purpose, in {currency}"),
        &[("Purpose", false), ("Disbursed", true)],
    );
    for p in &r.purposes {
        let _ = write!(
            s,
            r#"<tr data-purpose="{id}"><th scope="row">{id}</th><td class="num">{}</td></tr>"#,
            amount(p.disbursed),
            id = escape(&p.purpose),
        );
    }
    if r.purposes.is_empty() {
        empty_row(&mut s, 2, "No purpose.");
    }
    s.push_str(TABLE_END);
    s
}

fn recipients_section(r: &FundReport, names: &Names, currency: &str) -> String {
    let mut s = table_head(
        "recipients",
        &format!("Recipients, in {currency}"),
        &[("Recipient", false), ("Received", true), ("Reserved", true)],
    );
    for p in r.recipients.iter().take(super::ROWS_MAX) {
        let _ = write!(
            s,
            r#"<tr data-recipient="{id}"><th scope="row">{name}</th><td class="num">{}</td><td class="num">{}</td></tr>"#,
            amount(p.received),
            amount(p.reserved),
            id = escape(&p.id),
            name = escape(&names.party(&p.id)),
        );
    }
    if r.recipients.is_empty() {
        empty_row(&mut s, 3, "Nothing has been disbursed yet.");
    }
    s.push_str(TABLE_END);
    s.push_str(&super::rows_note(r.recipients.len(), "/v1/fund"));
    s
}

fn tranches_section(r: &FundReport, names: &Names, currency: &str) -> String {
    let mut s = table_head(
        "tranches",
        &format!("Tranches, in {currency}"),
        &[
            ("Claim", false),
            ("Recipient and purpose", false),
            ("Amount", true),
            ("Reserved", false),
            ("Status", false),
        ],
    );
    for t in r.tranches.iter().rev().take(super::ROWS_MAX) {
        let status = tranche_status(t.status);
        let resolved = match (t.resolved_at, &t.activation) {
            (Some(at), Some(a)) => format!(
                r#"<div class="meta">{} {} (activation {})</div>"#,
                status,
                time(at),
                escape(a.as_str())
            ),
            (Some(at), None) => format!(r#"<div class="meta">{status} {}</div>"#, time(at)),
            _ => String::new(),
        };
        let _ = write!(
            s,
            r#"<tr data-claim="{id}" data-status="{status}"><td>{link}</td><td>{recipient}<div class="meta">{purpose}</div></td><td class="num">{}</td><td>{}{resolved}</td><td>{}</td></tr>"#,
            amount(t.amount),
            time(t.reserved_at),
            badge(status),
            id = escape(t.claim.as_str()),
            link = super::claim_link(t.claim.as_str()),
            recipient = escape(&names.party(&t.recipient)),
            purpose = escape(&t.purpose),
        );
    }
    if r.tranches.is_empty() {
        empty_row(&mut s, 5, "No tranche has been reserved.");
    }
    s.push_str(TABLE_END);
    s.push_str(&super::rows_note(r.tranches.len(), "/v1/fund"));
    s.push_str(r#"<p class="note">A tranche is reserved when a claim is filed, released to its recipient when the claim's activation moves the fund to conflict mode, and voided (returned to the core pool) otherwise.</p>"#);
    s
}

fn rates_section(r: &FundReport, currency: &str) -> String {
    let mut s = table_head(
        "rates",
        &format!("Latest exchange rates into {currency}"),
        &[("Currency", false), ("Rate", true), ("Recorded", false)],
    );
    for rate in &r.rates {
        let _ = write!(
            s,
            r#"<tr data-currency="{c}"><th scope="row">{c}</th><td class="num">{}</td><td>{}</td></tr>"#,
            escape(&rate.rate.to_string()),
            time(rate.at),
            c = escape(&rate.currency),
        );
    }
    if r.rates.is_empty() {
        empty_row(&mut s, 3, "No exchange rate has been recorded.");
    }
    s.push_str(TABLE_END);
    let _ = write!(
        s,
        r#"<p class="note">The rate is how many units of {} one unit of the currency buys; money paid in another currency is converted at the latest rate and rounded once, half to even.</p>"#,
        escape(currency)
    );
    s
}

fn transfers_section(v: &FundView, names: &Names, currency: &str) -> String {
    let mut s = table_head(
        "transfers",
        &format!(
            "The latest transfers ({} of {}), in {currency}",
            v.recent.len(),
            v.transfer_total
        ),
        &[
            ("When", false),
            ("Movement", false),
            ("From and to", false),
            ("Amount", true),
            ("Reference", false),
        ],
    );
    for r in &v.recent {
        let t = &r.transfer;
        let by = r
            .party
            .as_ref()
            .map(|p| format!(" by {}", escape(&names.party(p.as_str()))))
            .unwrap_or_default();
        let purpose = t
            .purpose
            .as_ref()
            .map(|p| format!(" &middot; {}", escape(p.as_str())))
            .unwrap_or_default();
        let converted = r
            .conversion
            .as_ref()
            .map(|c| {
                format!(
                    r#"<div class="meta">{} {} at {}</div>"#,
                    escape(&c.currency),
                    escape(&group_digits(&c.amount.to_string())),
                    escape(&c.rate.to_string())
                )
            })
            .unwrap_or_default();
        let _ = write!(
            s,
            r#"<tr data-transfer="{id}" data-code="{code}"><td>{at}</td><td>{code_text}<div class="meta">{source}{by}{purpose}</div></td><td><code>{debit}</code> &rarr; <code>{credit}</code></td><td class="num">{}{converted}</td><td>{reference}<div class="meta">{id}</div></td></tr>"#,
            amount(t.amount),
            id = escape(t.transfer.as_str()),
            code = t.code.name(),
            code_text = escape(&t.code.name().replace('_', " ")),
            at = time(r.at),
            source = escape(r.source),
            debit = escape(&t.debit),
            credit = escape(&t.credit),
            reference = r.reference.as_deref().map(escape).unwrap_or_default(),
        );
    }
    if v.recent.is_empty() {
        empty_row(&mut s, 5, "No money has moved yet.");
    }
    s.push_str(TABLE_END);
    s.push_str(r#"<p class="note">Every movement is a double-entry transfer: one account debited, another credited by the same amount. All of them, with their IATI transaction types: <a href="/v1/fund/transfers"><code>GET /v1/fund/transfers</code></a>; the figures on this page: <a href="/v1/fund"><code>GET /v1/fund</code></a>.</p>"#);
    s
}

fn no_fund_page() -> Page {
    Page::ok(
        "Fund",
        Section::Fund,
        r#"<h1>Stabilization Fund</h1><p id="no-fund" class="lede">The charter in force sets up no Stabilization Fund, and the log records no fund activity.</p><p>A charter sets one up with a <code>[fund]</code> table: its currency, its manager, what it may disburse for in peace and in conflict mode, its contributors and their capital, caps, a surge and a tranche.</p><p><a href="/">Back to the overview</a></p>"#.to_owned(),
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
    let mut m = format!(
        r#"<h1>{}</h1><p class="lede">The fund's books: every payment, surge call and disbursement is a double-entry transfer recorded in the signed log.</p>"#,
        escape(&name)
    );
    let mut facts = vec![("Currency of account", escape(&currency))];
    if let Some(manager) = &v.manager {
        facts.push(("Manager", escape(&names.party(manager))));
    }
    if let Some(f) = &v.fund {
        if let Some(surge) = &f.surge {
            facts.push((
                "Surge",
                format!(
                    "{} {}, due within {} ({})",
                    escape(&currency),
                    amount(surge.amount),
                    escape(&surge.due_within.to_string()),
                    escape(&surge.article.to_string())
                ),
            ));
        }
        for cap in &f.caps {
            facts.push((
                "Cap",
                format!(
                    "{}: at most {} {} per {} ({})",
                    escape(cap.purpose.as_str()),
                    escape(&currency),
                    amount(cap.amount),
                    escape(&cap.per.to_string()),
                    escape(&cap.article.to_string())
                ),
            ));
        }
    }
    m.push_str(r#"<dl class="facts">"#);
    for (k, val) in facts {
        let _ = write!(m, "<dt>{k}</dt><dd>{val}</dd>");
    }
    m.push_str("</dl>");
    m.push_str(&mode_section(r, v.fund.as_ref()));
    m.push_str(&section(
        "pools-section",
        "Pools",
        &pools_section(r, &currency, &v),
    ));
    m.push_str(&section(
        "contributors-section",
        "Contributors",
        &contributors_section(r, names, &currency),
    ));
    m.push_str(&section(
        "calls-section",
        "Surge calls",
        &calls_section(r, names, &currency),
    ));
    m.push_str(r#"<div class="grid">"#);
    m.push_str(&section(
        "purposes-section",
        "Disbursed by purpose",
        &purposes_section(r, &currency),
    ));
    m.push_str(&section(
        "recipients-section",
        "Recipients",
        &recipients_section(r, names, &currency),
    ));
    m.push_str("</div>");
    m.push_str(&section(
        "tranches-section",
        "Tranches",
        &tranches_section(r, names, &currency),
    ));
    m.push_str(&section(
        "rates-section",
        "Exchange rates",
        &rates_section(r, &currency),
    ));
    m.push_str(&section(
        "transfers-section",
        "Latest transfers",
        &transfers_section(&v, names, &currency),
    ));
    Page::ok("Fund", Section::Fund, m)
}

pub(super) async fn handler(State(app): State<AppState>, uri: Uri) -> Response {
    let page = page_of(&app, |view| gather(view.state()), page).await;
    respond(page, &uri)
}
