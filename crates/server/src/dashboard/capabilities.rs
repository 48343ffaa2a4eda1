//! The capability tracker's pages: `/capabilities` (the readiness board: whether each military
//! package could be met if it were called now, and from which lots and contracts),
//! `/capabilities/deliveries` (delivery performance by donor, promised against actual dates),
//! `/capabilities/stockpiles` (stock pre-positioned in bordering states),
//! `/capabilities/training` (throughput against capacity per centre) and
//! `/capabilities/restrictions` (usage restrictions and what lifts them). Charts are SVG drawn on
//! the server (no script); a table next to each gives the same figures.
//!
//! Every figure comes from the engine's capability report (`/v1/capabilities`, the same cached
//! rendering); every value from the log is escaped. The tracker records commitments,
//! deliveries, stock, contracts, training and restrictions: nothing operational.

use std::fmt::Write as _;

use axum::extract::State;
use axum::http::Uri;
use axum::response::Response;
use jiff::Timestamp;
use snapback_charter::{Charter, ObligationTemplate};
use snapback_engine::capability_report::CapabilitiesReport;

use super::fund::{TABLE_END, empty_row, short_time, table_head};
use super::{
    Names, Page, Section, badge, error_page, escape, group_digits, respond, section, time,
};
use crate::state::AppState;

/// The pages of the tracker, in the order of its own navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    Readiness,
    Deliveries,
    Stockpiles,
    Training,
    Restrictions,
}

const TABS: [(Tab, &str, &str); 5] = [
    (Tab::Readiness, "/capabilities", "Readiness"),
    (Tab::Deliveries, "/capabilities/deliveries", "Deliveries"),
    (Tab::Stockpiles, "/capabilities/stockpiles", "Stockpiles"),
    (Tab::Training, "/capabilities/training", "Training"),
    (
        Tab::Restrictions,
        "/capabilities/restrictions",
        "Restrictions",
    ),
];

fn tab_label(tab: Tab) -> &'static str {
    TABS.iter()
        .find(|(t, _, _)| *t == tab)
        .map_or("Readiness", |(_, _, label)| label)
}

fn tabs(current: Tab) -> String {
    let mut s = String::from(r#"<nav class="subnav" aria-label="Capability tracker"><ul>"#);
    for (tab, href, label) in TABS {
        let here = if tab == current {
            r#" aria-current="page""#
        } else {
            ""
        };
        let _ = write!(s, r#"<li><a href="{href}"{here}>{label}</a></li>"#);
    }
    s.push_str("</ul></nav>");
    s
}

// ---------------------------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------------------------

/// "12,000".
fn units(n: u64) -> String {
    escape(&group_digits(&n.to_string()))
}

/// A delay in seconds: "2.5 days" from a day on (`late_s` / 86,400, one decimal), else hours
/// and minutes ("3 h 20 min"), minutes ("12 min") or seconds.
fn delay(seconds: i64) -> String {
    let s = seconds.max(0);
    if s >= 86_400 {
        let tenths = (s * 10 + 43_200) / 86_400;
        format!("{}.{} days", tenths / 10, tenths % 10)
    } else if s >= 3_600 {
        match (s % 3_600) / 60 {
            0 => format!("{} h", s / 3_600),
            m => format!("{} h {m} min", s / 3_600),
        }
    } else if s >= 60 {
        format!("{} min", s / 60)
    } else {
        format!("{s} s")
    }
}

/// The charter's template of a readiness demand's obligation (`<package>/<n>`), and its charter.
fn template<'a>(
    names: &Names<'a>,
    obligation: &str,
) -> Option<(&'a Charter, &'a ObligationTemplate)> {
    let (package, n) = obligation.rsplit_once('/')?;
    let n: usize = n.parse().ok()?;
    let charter = names.charter?;
    let p = charter.packages.iter().find(|p| p.id.as_str() == package)?;
    Some((charter, p.obligations.get(n.checked_sub(1)?)?))
}

/// "Party (ID): description" of a demand's obligation (`<package>/<n>`), from the charter (the
/// obligation's place otherwise).
fn demand_label(names: &Names, obligation: &str) -> String {
    match template(names, obligation) {
        Some((charter, t)) => format!(
            "{}: {}",
            escape(&names.party(charter.party(t.party).id.as_str())),
            escape(&t.description)
        ),
        None => escape(obligation),
    }
}

/// A commitment's delivery state as the report writes it (`on_time`, `overdue`, ...).
fn state_name(state: &impl serde::Serialize) -> String {
    match serde_json::to_value(state) {
        Ok(serde_json::Value::String(s)) => s,
        _ => "open".to_owned(),
    }
}

/// An x scale from `start` to `end` onto `left..right`.
fn scale(start: Timestamp, end: Timestamp, left: f64, right: f64) -> impl Fn(Timestamp) -> f64 {
    let span = end.duration_since(start).as_secs_f64().max(1.0);
    move |t| left + (right - left) * t.duration_since(start).as_secs_f64() / span
}

// ---------------------------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------------------------

const LEDES: [(Tab, &str); 5] = [
    (
        Tab::Readiness,
        "If every military package of the charter were called now: could each obligation be met by its due instant from the stock pre-positioned near Ukraine and the standing production contracts recorded in the log, and if not, by how much and how late.",
    ),
    (
        Tab::Deliveries,
        "What each donor committed, what arrived, and whether it arrived by the promised date.",
    ),
    (
        Tab::Stockpiles,
        "Coalition stock pre-positioned in the bordering states, what has been released from it, and what is still available.",
    ),
    (
        Tab::Training,
        "Trainees each centre started in the last 30 days against its monthly capacity, and every cohort.",
    ),
    (
        Tab::Restrictions,
        "Usage restrictions donors attached to donated systems, whether they are still in force, and which activation lifts them under the charter.",
    ),
];

fn page(tab: Tab, main: Option<(String, Timestamp)>) -> Page {
    let label = tab_label(tab);
    let lede = LEDES.iter().find(|(t, _)| *t == tab).map_or("", |(_, l)| l);
    let mut m = format!(
        r#"<h1>Capability tracker: {label}</h1>{}<p class="lede">{}</p>"#,
        tabs(tab),
        escape(lede)
    );
    match main {
        Some((body, as_of)) => {
            let _ = write!(
                m,
                r#"<p id="as-of" class="meta" data-as-of="{}">As of {}, the latest instant the log has reached.</p>{body}"#,
                escape(&as_of.to_string()),
                time(as_of)
            );
        }
        None => m.push_str(r#"<p id="no-capabilities">Nothing to track: the charter in force has no <code>[capabilities]</code> table, no <code>[[restriction]]</code> rule and no obligation that counts items, and the log records no commitment, contract, stock, training cohort or restriction yet.</p><p><a href="/">Back to the overview</a></p>"#),
    }
    Page::ok(format!("Capabilities: {label}"), Section::Capabilities, m)
}

/// Renders one of the tracker's pages from the cached report.
async fn serve(
    app: AppState,
    uri: Uri,
    tab: Tab,
    render: fn(&CapabilitiesReport, &Names) -> String,
) -> Response {
    let names = Names::new(app.history(), app.clock().now());
    let page = match app.capabilities().await {
        Ok(Some(r)) => page(tab, Some((render(&r.report, &names), r.report.as_of))),
        Ok(None) => page(tab, None),
        Err(p) => error_page(&p),
    };
    respond(page, &uri)
}

pub(super) async fn readiness(State(app): State<AppState>, uri: Uri) -> Response {
    serve(app, uri, Tab::Readiness, readiness_main).await
}

pub(super) async fn deliveries(State(app): State<AppState>, uri: Uri) -> Response {
    serve(app, uri, Tab::Deliveries, deliveries_main).await
}

pub(super) async fn stockpiles(State(app): State<AppState>, uri: Uri) -> Response {
    serve(app, uri, Tab::Stockpiles, stockpiles_main).await
}

pub(super) async fn training(State(app): State<AppState>, uri: Uri) -> Response {
    serve(app, uri, Tab::Training, training_main).await
}

pub(super) async fn restrictions(State(app): State<AppState>, uri: Uri) -> Response {
    serve(app, uri, Tab::Restrictions, restrictions_main).await
}

// ---------------------------------------------------------------------------------------------
// GET /capabilities: the readiness board
// ---------------------------------------------------------------------------------------------

/// A package's figures on the readiness board.
struct Card<'a> {
    package: &'a str,
    covered: bool,
    unmet: bool,
    short_by_due: u64,
    late_s: i64,
}

fn package_card(p: &Card, names: &Names) -> String {
    let status = if p.covered { "covered" } else { "short" };
    let gap = if p.covered {
        r#"<p>Every unit would arrive by its due instant.</p>"#.to_owned()
    } else {
        let unmet = if p.unmet {
            r#"<p class="unmet"><strong>Cannot be met in full</strong> from the stock and contracts recorded.</p>"#
        } else {
            ""
        };
        format!(
            r#"<dl class="gap"><dt>Short at the due instant</dt><dd data-short="{short}">{units} units</dd><dt>Late by</dt><dd data-late-s="{late_s}">{late}</dd></dl>{unmet}"#,
            short = p.short_by_due,
            units = units(p.short_by_due),
            late_s = p.late_s,
            late = if p.late_s > 0 {
                escape(&delay(p.late_s))
            } else if p.unmet {
                "never ready in full".to_owned()
            } else {
                "&mdash;".to_owned()
            },
        )
    };
    format!(
        r#"<li class="card" data-package="{id}" data-status="{status}" data-unmet="{unmet}"><p class="item-title">{name} {badge}</p><p class="meta">Package {id}</p>{gap}</li>"#,
        id = escape(p.package),
        unmet = p.unmet,
        name = escape(&names.package(p.package)),
        badge = badge(status),
    )
}

/// The lots a demand would draw on: (lot, location, units, arrives).
fn stock_list<'a>(draws: impl Iterator<Item = (&'a str, &'a str, u64, Timestamp)>) -> String {
    let mut items = String::new();
    for (lot, location, quantity, arrives) in draws {
        let _ = write!(
            items,
            r#"<li data-lot="{lot}">{q} from lot {lot} in {loc}, arriving {at}</li>"#,
            lot = escape(lot),
            q = units(quantity),
            loc = escape(location),
            at = time(arrives),
        );
    }
    sources_list(items)
}

/// The contracts a demand would call off: (contract, units, complete by).
fn contract_list<'a>(draws: impl Iterator<Item = (&'a str, u64, Timestamp)>) -> String {
    let mut items = String::new();
    for (contract, quantity, complete_by) in draws {
        let _ = write!(
            items,
            r#"<li data-contract="{id}">{q} called off {id}, complete by {at}</li>"#,
            id = escape(contract),
            q = units(quantity),
            at = time(complete_by),
        );
    }
    sources_list(items)
}

fn sources_list(items: String) -> String {
    if items.is_empty() {
        "&mdash;".to_owned()
    } else {
        format!(r#"<ul class="sources">{items}</ul>"#)
    }
}

fn sources_table(r: &CapabilitiesReport, names: &Names) -> String {
    let mut s = table_head(
        "readiness-sources",
        "Each obligation that counts items, if called now",
        &[
            ("Obligation", false),
            ("Units", true),
            ("Due", false),
            ("Ready", false),
            ("From stock", false),
            ("From contracts", false),
            ("Status", false),
        ],
    );
    for d in &r.readiness.demands {
        let status = if d.covered { "covered" } else { "short" };
        let ready = match d.ready_at {
            Some(t) => time(t),
            None => "not in full".to_owned(),
        };
        let short = if d.short_by_due > 0 {
            format!(
                r#"<div class="meta">{} short at the due instant</div>"#,
                units(d.short_by_due)
            )
        } else {
            String::new()
        };
        let stock = stock_list(
            d.from_stock
                .iter()
                .map(|s| (&*s.lot, &*s.location, s.quantity, s.arrives)),
        );
        let contracts = contract_list(
            d.from_contracts
                .iter()
                .map(|c| (&*c.contract, c.quantity, c.complete_by)),
        );
        let _ = write!(
            s,
            r#"<tr data-obligation="{o}" data-package="{p}" data-status="{status}"><td>{label}<div class="meta">{pname} &middot; {o}</div></td><td class="num">{q} {item}</td><td>{due}</td><td>{ready}{short}</td><td>{stock}</td><td>{contracts}</td><td>{badge}</td></tr>"#,
            o = escape(&d.obligation),
            p = escape(&d.package),
            label = demand_label(names, &d.obligation),
            pname = escape(&names.package(&d.package)),
            q = units(d.quantity),
            item = escape(&d.item),
            due = time(d.due),
            badge = badge(status),
        );
    }
    if r.readiness.demands.is_empty() {
        empty_row(&mut s, 7, "No obligation of the charter counts items.");
    }
    s.push_str(TABLE_END);
    s.push_str(r#"<p class="note">Obligations are served in charter order; each takes stock first (the lots nearest Ukraine first, only at its location if the charter names one), then what the valid contracts of its item can produce. What one takes is gone for the next.</p>"#);
    s
}

fn item_obligations_table(r: &CapabilitiesReport, names: &Names) -> String {
    let mut s = table_head(
        "item-obligations",
        "Activated obligations that count items",
        &[
            ("Obligation", false),
            ("Received", true),
            ("Due", false),
            ("From stock", true),
            ("From contracts", true),
            ("Status", false),
        ],
    );
    for o in r.obligations.iter().take(super::ROWS_MAX) {
        let status = match o.fulfilled_at {
            Some(t) if t <= o.due => "fulfilled",
            Some(_) => "late",
            None if r.as_of > o.due => "overdue",
            None => "pending",
        };
        let fulfilled = o
            .fulfilled_at
            .map(|t| format!(r#"<div class="meta">fulfilled {}</div>"#, time(t)))
            .unwrap_or_default();
        let _ = write!(
            s,
            r#"<tr data-obligation="{id}" data-status="{status}"><td>{party}<div class="meta">{id} &middot; {item}</div></td><td class="num" data-received="{received}">{r} of {q}</td><td>{due}{fulfilled}</td><td class="num">{stock}</td><td class="num">{contracts}</td><td>{badge}</td></tr>"#,
            id = escape(o.obligation.as_str()),
            party = escape(&names.party(o.party.as_str())),
            item = escape(o.item.as_str()),
            received = o.received,
            r = units(o.received),
            q = units(o.quantity),
            due = time(o.due),
            stock = units(o.from_stock),
            contracts = units(o.from_contracts),
            badge = badge(status),
        );
    }
    if r.obligations.is_empty() {
        empty_row(
            &mut s,
            6,
            "No activation has created an obligation that counts items.",
        );
    }
    s.push_str(TABLE_END);
    s.push_str(&super::rows_note(r.obligations.len(), "/v1/capabilities"));
    s.push_str(r#"<p class="note">At an activation the engine draws stock down and calls contracts off exactly as the readiness figures assumed; an obligation is met by receipts Ukraine (or the secretariat) records.</p>"#);
    s
}

fn contracts_table(r: &CapabilitiesReport, names: &Names) -> String {
    let mut s = table_head(
        "contracts",
        "Standing production contracts",
        &[
            ("Contract", false),
            ("Item", false),
            ("Per month", true),
            ("At surge", true),
            ("Valid", false),
            ("Called off", true),
            ("Reserved", true),
        ],
    );
    for c in r.contracts.iter().take(super::ROWS_MAX) {
        let _ = write!(
            s,
            r#"<tr data-contract="{id}" data-valid="{valid}"><td>{id}<div class="meta">{supplier} ({country}) &middot; {party}</div></td><td>{item}</td><td class="num">{monthly}</td><td class="num">{surge}<div class="meta">after {lead}</div></td><td>{from} to {until}</td><td class="num">{called}</td><td class="num">{reserved}</td></tr>"#,
            id = escape(c.contract.as_str()),
            valid = c.valid,
            supplier = escape(&c.supplier),
            country = escape(&c.country),
            party = escape(&names.party(c.party.as_str())),
            item = escape(c.item.as_str()),
            monthly = units(c.monthly_capacity),
            surge = units(c.surge_capacity),
            lead = escape(&c.surge_lead_time.to_string()),
            from = time(c.valid_from),
            until = time(c.valid_until),
            called = units(c.called_off),
            reserved = units(c.reserved),
        );
    }
    if r.contracts.is_empty() {
        empty_row(&mut s, 7, "No contract has been registered.");
    }
    s.push_str(TABLE_END);
    s.push_str(&super::rows_note(r.contracts.len(), "/v1/capabilities"));
    s
}

fn readiness_main(r: &CapabilitiesReport, names: &Names) -> String {
    let packages = &r.readiness.packages;
    let covered = packages.iter().filter(|p| p.covered).count();
    let mut board = format!(
        r#"<p id="readiness-summary" data-covered="{covered}" data-packages="{n}">{covered} of {n} military packages would be covered if called now.</p><ul id="readiness-board" class="cards">"#,
        n = packages.len(),
    );
    for p in packages {
        let card = Card {
            package: &p.package,
            covered: p.covered,
            unmet: p.unmet,
            short_by_due: p.short_by_due,
            late_s: p.late_s,
        };
        board.push_str(&package_card(&card, names));
    }
    board.push_str("</ul>");
    if packages.is_empty() {
        board.push_str(r#"<p class="empty">No military package of the charter counts items.</p>"#);
    }
    let mut m = section("readiness-section", "Readiness board", &board);
    m.push_str(&section(
        "sources-section",
        "Where the units would come from",
        &sources_table(r, names),
    ));
    m.push_str(&section(
        "item-obligations-section",
        "Activated obligations",
        &item_obligations_table(r, names),
    ));
    m.push_str(&section(
        "contracts-section",
        "Standing contracts",
        &contracts_table(r, names),
    ));
    m.push_str(r#"<p class="note">The same figures as JSON: <a href="/v1/capabilities"><code>GET /v1/capabilities</code></a>; readiness at a later instant: <code>GET /v1/capabilities/readiness?at=RFC3339</code>.</p>"#);
    m
}

// ---------------------------------------------------------------------------------------------
// GET /capabilities/deliveries
// ---------------------------------------------------------------------------------------------

/// A delivery group's figures (by donor, or by donor and category).
struct Group<'a> {
    commitments: u64,
    committed: u64,
    delivered: u64,
    pipeline: u64,
    due: u64,
    on_time: u64,
    on_time_percent: Option<&'a str>,
    days_late_total: u64,
    days_late_max: u64,
}

/// The figures of a `DeliveryGroup` of the report.
macro_rules! group {
    ($g:expr) => {
        Group {
            commitments: $g.commitments,
            committed: $g.committed,
            delivered: $g.delivered,
            pipeline: $g.pipeline,
            due: $g.due,
            on_time: $g.on_time,
            on_time_percent: $g.on_time_percent.as_deref(),
            days_late_total: $g.days_late_total,
            days_late_max: $g.days_late_max,
        }
    };
}

fn group_row(s: &mut String, g: &Group, first: String, attrs: &str) {
    let percent = g
        .on_time_percent
        .map_or_else(|| "&mdash;".to_owned(), |p| format!("{}%", escape(p)));
    let _ = write!(
        s,
        r#"<tr {attrs}><th scope="row">{first}</th><td class="num">{n}</td><td class="num">{committed}</td><td class="num">{delivered}</td><td class="num">{pipeline}</td><td class="num" data-on-time="{on_time}" data-due="{due}">{percent}<div class="meta">{on_time} of {due} due</div></td><td class="num">{total}<div class="meta">at most {max}</div></td></tr>"#,
        n = g.commitments,
        committed = units(g.committed),
        delivered = units(g.delivered),
        pipeline = units(g.pipeline),
        on_time = g.on_time,
        due = g.due,
        total = g.days_late_total,
        max = g.days_late_max,
    );
}

const GROUP_COLUMNS: [(&str, bool); 7] = [
    ("Donor", false),
    ("Commitments", true),
    ("Committed", true),
    ("Delivered", true),
    ("In the pipeline", true),
    ("On time", true),
    ("Days late", true),
];

/// Promised against actual dates, one row per commitment.
fn deliveries_chart(r: &CapabilitiesReport) -> String {
    const W: f64 = 720.0;
    const LEFT: f64 = 150.0;
    const RIGHT: f64 = 700.0;
    const ROW: f64 = 22.0;
    const TOP: f64 = 24.0;
    let all = &r.deliveries.commitments;
    let list = &all[..all.len().min(super::ROWS_MAX)];
    if list.is_empty() {
        return r#"<p id="deliveries-chart-empty" class="empty">No commitment has been recorded, so there is nothing to chart.</p>"#.to_owned();
    }
    let end_of = |completed: Option<Timestamp>| completed.unwrap_or(r.as_of);
    let start = list
        .iter()
        .map(|c| c.promised.min(end_of(c.completed_at)))
        .min()
        .unwrap_or(r.as_of)
        .min(r.as_of);
    let end = list
        .iter()
        .map(|c| c.promised.max(end_of(c.completed_at)))
        .max()
        .unwrap_or(r.as_of)
        .max(r.as_of);
    let x = scale(start, end, LEFT, RIGHT);
    let height = TOP + list.len() as f64 * ROW + 28.0;
    let mut s = format!(
        r#"<ul class="legend" aria-label="Legend"><li><span class="swatch dot-promised" aria-hidden="true"></span>promised (hollow)</li><li><span class="swatch dot-completed" aria-hidden="true"></span>completed (filled)</li><li><span class="swatch line-on_time" aria-hidden="true"></span>on time</li><li><span class="swatch line-late" aria-hidden="true"></span>late or overdue</li><li><span class="swatch line-open" aria-hidden="true"></span>open (dashed, to now)</li></ul><div class="chart-scroll"><svg id="deliveries-chart" class="chart chart-wide" viewBox="0 0 {W} {height:.0}" role="img" aria-labelledby="deliveries-chart-title deliveries-chart-desc" xmlns="http://www.w3.org/2000/svg"><title id="deliveries-chart-title">Promised and actual delivery dates per commitment</title><desc id="deliveries-chart-desc">{}</desc>"#,
        escape(&format!(
            "One row per commitment, time from {} to {} left to right: a hollow circle at the promised date, a filled circle at the receipt that completed it, and a line between them; a commitment not yet complete has a dashed line to now. The commitments table below gives the same dates.",
            super::readable(start),
            super::readable(end)
        )),
    );
    let now = x(r.as_of);
    let _ = write!(
        s,
        r#"<line class="now" x1="{now:.1}" y1="{top:.1}" x2="{now:.1}" y2="{bottom:.1}"/><text class="axis" x="{now:.1}" y="{ty:.1}" text-anchor="middle">now</text>"#,
        top = TOP - 6.0,
        bottom = height - 24.0,
        ty = TOP - 10.0,
    );
    for (i, c) in list.iter().enumerate() {
        let y = TOP + i as f64 * ROW + ROW / 2.0;
        let state = state_name(&c.state);
        let class = match state.as_str() {
            "on_time" => "line-on_time",
            "late" | "overdue" => "line-late",
            _ => "line-open",
        };
        let (px, ex) = (x(c.promised), x(end_of(c.completed_at)));
        let summary = format!(
            "{} ({}): {} of {} {} delivered, promised {}, {}{}",
            c.id,
            c.donor,
            c.delivered,
            c.quantity,
            c.item,
            super::readable(c.promised),
            match c.completed_at {
                Some(t) => format!("completed {}", super::readable(t)),
                None => "not complete".to_owned(),
            },
            if c.days_late > 0 {
                format!(", {} days late", c.days_late)
            } else {
                String::new()
            },
        );
        let _ = write!(
            s,
            r#"<g data-commitment="{id}" data-state="{state}"><title>{summary}</title><text x="0" y="{ty:.1}">{id}</text><line class="{class}{dash}" x1="{px:.1}" y1="{y:.1}" x2="{ex:.1}" y2="{y:.1}"/><circle class="dot-promised" cx="{px:.1}" cy="{y:.1}" r="5"/>"#,
            id = escape(&c.id),
            summary = escape(&summary),
            ty = y + 4.0,
            dash = if c.completed_at.is_none() {
                " open"
            } else {
                ""
            },
        );
        if c.completed_at.is_some() {
            let _ = write!(
                s,
                r#"<circle class="dot-completed {class}" cx="{ex:.1}" cy="{y:.1}" r="5"/>"#
            );
        }
        s.push_str("</g>");
    }
    let _ = write!(
        s,
        r#"<text class="axis" x="{LEFT}" y="{ty:.1}" text-anchor="start">{}</text><text class="axis" x="{RIGHT}" y="{ty:.1}" text-anchor="end">{}</text></svg></div>"#,
        escape(&short_time(start)),
        escape(&short_time(end)),
        ty = height - 6.0,
    );
    s
}

fn commitments_table(r: &CapabilitiesReport, names: &Names) -> String {
    let mut s = table_head(
        "commitments",
        "Commitments",
        &[
            ("Commitment", false),
            ("Delivered", true),
            ("Promised", false),
            ("Completed", false),
            ("Status", false),
        ],
    );
    for c in r.deliveries.commitments.iter().take(super::ROWS_MAX) {
        let state = state_name(&c.state);
        let late = if c.days_late > 0 {
            format!(
                r#"<div class="meta" data-days-late="{n}">{} late</div>"#,
                super::plural(
                    usize::try_from(c.days_late).unwrap_or(usize::MAX),
                    "day",
                    "days"
                ),
                n = c.days_late,
            )
        } else {
            String::new()
        };
        let _ = write!(
            s,
            r#"<tr data-commitment="{id}" data-donor="{donor}" data-state="{state}"><td>{id}<div class="meta">{donor_name} &middot; {category}</div></td><td class="num">{delivered} of {quantity} {item}</td><td>{promised}</td><td>{completed}</td><td>{badge}{late}</td></tr>"#,
            id = escape(&c.id),
            donor = escape(&c.donor),
            donor_name = escape(&names.party(&c.donor)),
            category = escape(&c.category),
            delivered = units(c.delivered),
            quantity = units(c.quantity),
            item = escape(&c.item),
            promised = time(c.promised),
            completed = c.completed_at.map_or_else(|| "&mdash;".to_owned(), time),
            badge = badge(&state),
        );
    }
    if r.deliveries.commitments.is_empty() {
        empty_row(&mut s, 5, "No commitment has been recorded.");
    }
    s.push_str(TABLE_END);
    s.push_str(&super::rows_note(
        r.deliveries.commitments.len(),
        "/v1/capabilities/deliveries",
    ));
    s
}

fn deliveries_main(r: &CapabilitiesReport, names: &Names) -> String {
    let d = &r.deliveries;
    let mut donors = table_head("donors", "Delivery performance by donor", &GROUP_COLUMNS);
    for g in &d.donors {
        let attrs = format!(r#"data-donor="{}""#, escape(&g.donor));
        group_row(
            &mut donors,
            &group!(g),
            escape(&names.party(&g.donor)),
            &attrs,
        );
    }
    if d.donors.is_empty() {
        empty_row(&mut donors, 7, "No commitment has been recorded.");
    }
    donors.push_str(TABLE_END);
    donors.push_str(r#"<p class="note">On time: complete by the promised date, of the commitments due (promised by now, or complete). Days late: whole days past the promised date, rounded up, of late and overdue commitments. In the pipeline: committed and not yet delivered.</p>"#);
    let mut groups = table_head("delivery-groups", "By donor and category", &GROUP_COLUMNS);
    for g in &d.groups {
        let attrs = format!(
            r#"data-donor="{}" data-category="{}""#,
            escape(&g.donor),
            escape(&g.category)
        );
        let first = format!(
            r#"{}<div class="meta">{}</div>"#,
            escape(&names.party(&g.donor)),
            escape(&g.category)
        );
        group_row(&mut groups, &group!(g), first, &attrs);
    }
    if d.groups.is_empty() {
        empty_row(&mut groups, 7, "No commitment has been recorded.");
    }
    groups.push_str(TABLE_END);
    let mut m = section("donors-section", "By donor", &donors);
    m.push_str(&section(
        "deliveries-chart-section",
        "Promised and actual dates",
        &deliveries_chart(r),
    ));
    m.push_str(&section(
        "commitments-section",
        "Commitments",
        &commitments_table(r, names),
    ));
    m.push_str(&section("groups-section", "By category", &groups));
    m
}

// ---------------------------------------------------------------------------------------------
// GET /capabilities/stockpiles
// ---------------------------------------------------------------------------------------------

/// Horizontal bars of units available, one per location and item.
fn stockpiles_chart(r: &CapabilitiesReport) -> String {
    const W: f64 = 720.0;
    const LABEL: f64 = 230.0;
    const BARS: f64 = 400.0;
    const ROW: f64 = 24.0;
    let bars: Vec<(&str, &str, u64)> = r
        .stockpiles
        .iter()
        .flat_map(|l| {
            l.available_by_item
                .iter()
                .map(move |(item, n)| (l.location.as_str(), item.as_str(), *n))
        })
        .collect();
    if bars.is_empty() {
        return r#"<p id="stockpiles-chart-empty" class="empty">No stock has been recorded, so there is nothing to chart.</p>"#.to_owned();
    }
    let max = bars.iter().map(|b| b.2).max().unwrap_or(0).max(1) as f64;
    let height = bars.len() as f64 * ROW + 8.0;
    let mut s = format!(
        r#"<div class="chart-scroll"><svg id="stockpiles-chart" class="chart chart-wide" viewBox="0 0 {W} {height:.0}" role="img" aria-labelledby="stockpiles-chart-title stockpiles-chart-desc" xmlns="http://www.w3.org/2000/svg"><title id="stockpiles-chart-title">Units available by location and item</title><desc id="stockpiles-chart-desc">One horizontal bar per location and item, its length the units still available there, with the figure at its end. The locations table gives the same figures.</desc>"#
    );
    for (i, (location, item, n)) in bars.iter().enumerate() {
        let y = i as f64 * ROW + 4.0;
        let width = BARS * *n as f64 / max;
        let _ = write!(
            s,
            r#"<g data-location="{loc}" data-item="{item}"><title>{loc}: {full} {item} available</title><text x="0" y="{ty:.1}">{loc} &middot; {item}</text><rect class="bar-available" x="{LABEL}" y="{y:.1}" width="{width:.1}" height="16"/><text class="value" x="{tx:.1}" y="{ty:.1}">{full}</text></g>"#,
            loc = escape(location),
            item = escape(item),
            full = units(*n),
            ty = y + 13.0,
            tx = LABEL + width + 6.0,
        );
    }
    s.push_str("</svg></div>");
    s
}

fn stockpiles_main(r: &CapabilitiesReport, names: &Names) -> String {
    let mut locations = table_head(
        "locations",
        "Stock by location",
        &[
            ("Location", false),
            ("Transit to Ukraine", false),
            ("Lots", true),
            ("Available", false),
        ],
    );
    for l in &r.stockpiles {
        let mut available = String::from(r#"<ul class="sources">"#);
        for (item, n) in &l.available_by_item {
            let _ = write!(
                available,
                r#"<li data-item="{item}" data-available="{n}">{units} {item}</li>"#,
                item = escape(item.as_str()),
                units = units(*n),
            );
        }
        available.push_str("</ul>");
        if l.available_by_item.is_empty() {
            available = "&mdash;".to_owned();
        }
        let name = if l.name.is_empty() {
            escape(l.location.as_str())
        } else {
            format!("{} ({})", escape(&l.name), escape(l.location.as_str()))
        };
        let _ = write!(
            locations,
            r#"<tr data-location="{id}"><th scope="row">{name}</th><td>{transit}</td><td class="num">{lots}</td><td>{available}</td></tr>"#,
            id = escape(l.location.as_str()),
            transit = l
                .transit
                .map_or_else(|| "&mdash;".to_owned(), |t| escape(&t.to_string())),
            lots = l.lots.len(),
        );
    }
    if r.stockpiles.is_empty() {
        empty_row(&mut locations, 4, "The charter names no location.");
    }
    locations.push_str(TABLE_END);
    let mut lots = table_head(
        "lots",
        "Lots",
        &[
            ("Lot", false),
            ("Owner", false),
            ("Item", false),
            ("Stocked", true),
            ("Released", true),
            ("Available", true),
        ],
    );
    let mut any = false;
    let all_lots = r
        .stockpiles
        .iter()
        .flat_map(|l| l.lots.iter().map(move |lot| (l, lot)));
    for (l, lot) in all_lots.take(super::ROWS_MAX) {
        {
            any = true;
            let _ = write!(
                lots,
                r#"<tr data-lot="{id}" data-location="{loc}"><td>{id}<div class="meta">{loc}</div></td><td>{owner}</td><td>{item}</td><td class="num">{stocked}</td><td class="num">{released}</td><td class="num" data-available="{raw}">{available}</td></tr>"#,
                id = escape(lot.lot.as_str()),
                loc = escape(l.location.as_str()),
                owner = escape(&names.party(lot.owner.as_str())),
                item = escape(lot.item.as_str()),
                stocked = units(lot.stocked),
                released = units(lot.released),
                raw = lot.available,
                available = units(lot.available),
            );
        }
    }
    if !any {
        empty_row(&mut lots, 6, "No stock has been recorded.");
    }
    lots.push_str(TABLE_END);
    lots.push_str(&super::rows_note(
        r.stockpiles.iter().map(|l| l.lots.len()).sum(),
        "/v1/capabilities/stockpiles",
    ));
    let mut m = section(
        "stockpiles-chart-section",
        "At a glance",
        &stockpiles_chart(r),
    );
    m.push_str(&section("locations-section", "By location", &locations));
    m.push_str(&section("lots-section", "Lots", &lots));
    m.push_str(r#"<p class="note">Released: drawn down by an activation or released by its owner. Transit: the time released stock takes to reach Ukraine, as the charter sets it.</p>"#);
    m
}

// ---------------------------------------------------------------------------------------------
// GET /capabilities/training
// ---------------------------------------------------------------------------------------------

/// Per centre: its monthly capacity (an outlined bar) and the trainees started in the last 30
/// days (a filled bar over it).
fn training_chart(r: &CapabilitiesReport) -> String {
    const W: f64 = 720.0;
    const LABEL: f64 = 150.0;
    const BARS: f64 = 460.0;
    const ROW: f64 = 30.0;
    if r.training.is_empty() {
        return r#"<p id="training-chart-empty" class="empty">The charter names no training centre.</p>"#.to_owned();
    }
    let max = r
        .training
        .iter()
        .map(|c| c.capacity_per_month.max(c.started_last_30d))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let height = r.training.len() as f64 * ROW + 8.0;
    let mut s = format!(
        r#"<ul class="legend" aria-label="Legend"><li><span class="swatch bar-capacity" aria-hidden="true"></span>capacity per month (outline)</li><li><span class="swatch bar-started" aria-hidden="true"></span>started in the last 30 days (filled)</li></ul><div class="chart-scroll"><svg id="training-chart" class="chart chart-wide" viewBox="0 0 {W} {height:.0}" role="img" aria-labelledby="training-chart-title training-chart-desc" xmlns="http://www.w3.org/2000/svg"><title id="training-chart-title">Trainees started in the last 30 days against monthly capacity</title><desc id="training-chart-desc">For each training centre an outlined bar for its monthly capacity and a filled bar over it for the trainees started in the last 30 days, with both figures at the end. The centres table gives the same figures.</desc>"#
    );
    for (i, c) in r.training.iter().enumerate() {
        let y = i as f64 * ROW + 4.0;
        let cap = BARS * c.capacity_per_month as f64 / max;
        let started = BARS * c.started_last_30d as f64 / max;
        let percent = c
            .utilisation_percent
            .as_ref()
            .map(|p| format!(" ({p}%)"))
            .unwrap_or_default();
        let _ = write!(
            s,
            r#"<g data-centre="{id}"><title>{id}: {started_n} started in the last 30 days of {cap_n} a month{percent}</title><text x="0" y="{ty:.1}">{id}</text><rect class="bar-capacity" x="{LABEL}" y="{y:.1}" width="{cap:.1}" height="20"/><rect class="bar-started" x="{LABEL}" y="{inner:.1}" width="{started:.1}" height="12"/><text class="value" x="{tx:.1}" y="{ty:.1}">{started_n} / {cap_n}</text></g>"#,
            id = escape(c.centre.as_str()),
            started_n = units(c.started_last_30d),
            cap_n = units(c.capacity_per_month),
            percent = escape(&percent),
            ty = y + 15.0,
            inner = y + 4.0,
            tx = LABEL + cap.max(started) + 6.0,
        );
    }
    s.push_str("</svg></div>");
    s
}

fn training_main(r: &CapabilitiesReport, names: &Names) -> String {
    let mut centres = table_head(
        "centres",
        "Training centres",
        &[
            ("Centre", false),
            ("Capacity per month", true),
            ("Started, last 30 days", true),
            ("Started", true),
            ("Completed", true),
            ("In training", true),
        ],
    );
    for c in &r.training {
        let name = c.name.as_deref().unwrap_or(c.centre.as_str());
        let percent = c
            .utilisation_percent
            .as_ref()
            .map(|p| format!(r#"<div class="meta">{}% of capacity</div>"#, escape(p)))
            .unwrap_or_default();
        let _ = write!(
            centres,
            r#"<tr data-centre="{id}"><th scope="row">{name}<div class="meta">{id} &middot; host {host}</div></th><td class="num">{cap}</td><td class="num" data-started="{raw}">{started}{percent}</td><td class="num">{all}</td><td class="num">{completed}</td><td class="num">{in_training}</td></tr>"#,
            id = escape(c.centre.as_str()),
            name = escape(name),
            host = escape(&names.party(c.host.as_str())),
            cap = units(c.capacity_per_month),
            raw = c.started_last_30d,
            started = units(c.started_last_30d),
            all = units(c.started),
            completed = units(c.completed),
            in_training = units(c.in_training),
        );
    }
    if r.training.is_empty() {
        empty_row(&mut centres, 6, "The charter names no training centre.");
    }
    centres.push_str(TABLE_END);
    let mut cohorts = table_head(
        "cohorts",
        "Cohorts",
        &[
            ("Cohort", false),
            ("Trainees", true),
            ("Started", false),
            ("Completed", false),
            ("Status", false),
        ],
    );
    let mut any = false;
    let all_cohorts = r
        .training
        .iter()
        .flat_map(|c| c.cohorts.iter().map(move |k| (c, k)));
    for (c, k) in all_cohorts.take(super::ROWS_MAX) {
        {
            any = true;
            let status = if k.completed_at.is_some() {
                "completed"
            } else {
                "in_training"
            };
            let completed = match (k.completed, k.completed_at) {
                (Some(n), Some(at)) => format!("{} {}", units(n), time(at)),
                _ => "&mdash;".to_owned(),
            };
            let _ = write!(
                cohorts,
                r#"<tr data-cohort="{id}" data-centre="{centre}" data-status="{status}"><td>{id}<div class="meta">{centre}</div></td><td class="num">{trainees}</td><td>{started}</td><td>{completed}</td><td>{badge}</td></tr>"#,
                id = escape(k.cohort.as_str()),
                centre = escape(c.centre.as_str()),
                trainees = units(k.trainees),
                started = time(k.started_at),
                badge = badge(status),
            );
        }
    }
    if !any {
        empty_row(&mut cohorts, 5, "No cohort has started.");
    }
    cohorts.push_str(TABLE_END);
    cohorts.push_str(&super::rows_note(
        r.training.iter().map(|c| c.cohorts.len()).sum(),
        "/v1/capabilities/training",
    ));
    let mut m = section(
        "training-chart-section",
        "Throughput against capacity",
        &training_chart(r),
    );
    m.push_str(&section("centres-section", "Centres", &centres));
    m.push_str(&section("cohorts-section", "Cohorts", &cohorts));
    m
}

// ---------------------------------------------------------------------------------------------
// GET /capabilities/restrictions
// ---------------------------------------------------------------------------------------------

fn restrictions_main(r: &CapabilitiesReport, names: &Names) -> String {
    let in_force = r
        .restrictions
        .iter()
        .filter(|x| x.status == "in_force")
        .count();
    let mut s = format!(
        r#"<p id="restrictions-summary" data-in-force="{in_force}" data-lifted="{lifted}">{in_force} in force, {lifted} lifted.</p>"#,
        lifted = r.restrictions.len() - in_force,
    );
    s.push_str(&table_head(
        "restrictions",
        "Usage restrictions on donated systems",
        &[
            ("Restriction", false),
            ("Donor", false),
            ("Terms", false),
            ("Imposed", false),
            ("Status", false),
            ("Lifted on activation of", false),
        ],
    ));
    for x in r.restrictions.iter().take(super::ROWS_MAX) {
        let lifted = match (x.lifted_at, &x.activation, &x.lifted_by) {
            (Some(at), Some(a), _) => format!(
                r#"<div class="meta" data-lifted-by-activation="{a}">by activation {a}, {at}</div>"#,
                a = escape(a.as_str()),
                at = time(at),
            ),
            (Some(at), None, Some(p)) => format!(
                r#"<div class="meta" data-lifted-by="{p}">by {name}, {at}</div>"#,
                p = escape(p.as_str()),
                name = escape(&names.party(p.as_str())),
                at = time(at),
            ),
            (Some(at), None, None) => format!(r#"<div class="meta">{}</div>"#, time(at)),
            _ => String::new(),
        };
        let packages: Vec<String> = x
            .lifted_on_activation_of
            .iter()
            .map(|p| {
                format!(
                    r#"<li data-package="{id}">{name}</li>"#,
                    id = escape(p.as_str()),
                    name = escape(&names.package(p.as_str())),
                )
            })
            .collect();
        let packages = if packages.is_empty() {
            r#"<span class="meta">No package: only its donor can lift it.</span>"#.to_owned()
        } else {
            format!(
                r#"<ul class="tags" aria-label="Packages">{}</ul>"#,
                packages.concat()
            )
        };
        let _ = write!(
            s,
            r#"<tr data-restriction="{id}" data-donor="{donor}" data-status="{status}"><td>{id}<div class="meta">{system} &middot; {kind}</div></td><td>{donor_name}</td><td>{text}</td><td>{imposed}</td><td>{badge}{lifted}</td><td>{packages}</td></tr>"#,
            id = escape(x.restriction.as_str()),
            donor = escape(x.donor.as_str()),
            status = escape(x.status),
            system = escape(&x.system),
            kind = escape(&x.restriction_kind),
            donor_name = escape(&names.party(x.donor.as_str())),
            text = escape(&x.text),
            imposed = time(x.imposed_at),
            badge = badge(x.status),
        );
    }
    if r.restrictions.is_empty() {
        empty_row(&mut s, 6, "No restriction has been recorded.");
    }
    s.push_str(TABLE_END);
    s.push_str(&super::rows_note(
        r.restrictions.len(),
        "/v1/capabilities/restrictions",
    ));
    s.push_str(r#"<p class="note">A donor lifts its own restriction; a <code>[[restriction]]</code> rule of the charter lifts the listed restrictions when a package named in it is activated.</p>"#);
    section("restrictions-section", "Restrictions", &s)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use axum::http::StatusCode;
    use jiff::{SignedDuration, Timestamp};
    use serde_json::json;

    use super::delay;
    use crate::dashboard::tests::{Fixture, SUMMARY, SUMMARY_ESCAPED, assert_page};

    /// The dashboard test charter with two packages that count items, a location, a training
    /// centre and a restriction rule lifting G1's long-range restrictions when `aid` activates
    /// (names and descriptions carry hostile text).
    const CAPABILITIES: &str = r#"
[[package]]
id = "shells"
name = "Shells <from> stock"
article = "Art. 7(1)"

[[package.obligation]]
party = "G3"
kind = "military"
due_within = "72h"
description = "Deliver 1,000 <b>shells</b>"
item = "155mm-shell"
quantity = 1000

[[package]]
id = "interceptors"
name = "Interceptors"
article = "Art. 7(2)"

[[package.obligation]]
party = "G4"
kind = "military"
due_within = "10d"
description = "Deliver 500 interceptors"
item = "interceptor"
quantity = 500

[capabilities]
article = "Art. 8"

[[capabilities.location]]
id = "PL"
name = "Poland"
transit = "48h"

[[capabilities.training_centre]]
id = "g1-centre"
name = "Centre <in> G1"
host = "G1"
capacity_per_month = 1000
article = "Art. 9"

[[restriction]]
donor = "G1"
system = "long-range-missile"
lifted_by = "aid"
article = "Art. 10"
"#;

    fn start() -> Timestamp {
        "2026-03-01T00:00:00Z".parse().unwrap()
    }

    /// Restrictions by G1 (hostile text) and G2; 1,500 shells stocked in Poland by G3; G4's
    /// interceptor contract; G2's commitment received on time, G5's late, G3's open; two
    /// cohorts at G1's centre, one completed. Then C-2 activates `aid` (A1), which lifts G1's
    /// long-range restriction.
    async fn populated(name: &str) -> Fixture {
        let f = Fixture::with_extra(name, CAPABILITIES).await;
        f.submit("G1", json!({ "type": "restriction.imposed", "restriction": "R-LR", "system": "long-range-missile", "restriction_kind": "territory", "text": SUMMARY })).await;
        f.submit("G2", json!({ "type": "restriction.imposed", "restriction": "R-ART", "system": "artillery", "restriction_kind": "end-use", "text": "Defensive use only" })).await;
        f.submit("G3", json!({ "type": "stockpile.stocked", "lot": "G3-PL-1", "location": "PL", "item": "155mm-shell", "quantity": 1500 })).await;
        f.submit(
            "G4",
            json!({
                "type": "contract.registered", "contract": "G4-ADI-1", "supplier": "Example <Missiles>",
                "country": "G4", "item": "interceptor", "monthly_capacity": 100, "surge_capacity": 300,
                "surge_lead_time": "30d", "valid_from": "2026-01-01T00:00:00Z", "valid_until": "2027-01-01T00:00:00Z",
            }),
        )
        .await;
        f.submit("G2", json!({ "type": "aid.committed", "commitment": "G2-1", "category": "air-defence", "item": "interceptor", "quantity": 10, "promised": "2026-03-01T01:00:00Z" })).await;
        f.submit("G5", json!({ "type": "aid.committed", "commitment": "G5-1", "category": "armour", "item": "ifv", "quantity": 4, "promised": "2026-03-01T00:10:00Z" })).await;
        f.submit("G3", json!({ "type": "aid.committed", "commitment": "G3-1", "category": "artillery", "item": "155mm-shell", "quantity": 100, "promised": "2026-03-20T00:00:00Z" })).await;
        f.submit(
            "UA",
            json!({ "type": "aid.received", "commitment": "G2-1", "quantity": 10 }),
        )
        .await;
        f.submit(
            "G1",
            json!({ "type": "training.cohort_started", "cohort": "K1", "centre": "g1-centre", "trainees": 400 }),
        )
        .await;
        f.submit(
            "G1",
            json!({ "type": "training.cohort_started", "cohort": "K2", "centre": "g1-centre", "trainees": 200 }),
        )
        .await;
        f.clock.set(start() + SignedDuration::from_hours(26));
        f.submit(
            "UA",
            json!({ "type": "aid.received", "commitment": "G5-1", "quantity": 4 }),
        )
        .await;
        f.submit(
            "SEC",
            json!({ "type": "training.cohort_completed", "cohort": "K1", "trainees": 390 }),
        )
        .await;
        f.submit("UA", json!({ "type": "claim.filed", "claim": "C-2", "category": "airspace", "severity": 1, "summary": "Second claim" })).await;
        for g in ["G1", "G2", "G3"] {
            f.submit(
                g,
                json!({ "type": "vote.cast", "claim": "C-2", "vote": "founded" }),
            )
            .await;
        }
        f
    }

    const PAGES: [&str; 5] = [
        "/capabilities",
        "/capabilities/deliveries",
        "/capabilities/stockpiles",
        "/capabilities/training",
        "/capabilities/restrictions",
    ];

    #[test]
    fn delays_are_days_with_one_decimal_or_hours_and_minutes() {
        assert_eq!(delay(60 * 86_400), "60.0 days");
        assert_eq!(delay(86_400 + 43_200), "1.5 days");
        assert_eq!(delay(3 * 3_600 + 20 * 60), "3 h 20 min");
        assert_eq!(delay(7_200), "2 h");
        assert_eq!(delay(600), "10 min");
        assert_eq!(delay(5), "5 s");
        assert_eq!(delay(-5), "0 s");
    }

    #[tokio::test]
    async fn readiness_board_shows_covered_and_short_packages_and_their_sources() {
        let f = populated("caps-readiness").await;
        let (status, body) = f.get("/capabilities").await;
        assert_eq!(status, StatusCode::OK);
        assert_page(&body);
        assert!(body.contains(r#"<a href="/capabilities" aria-current="page">Capabilities</a>"#));
        assert!(body.contains(r#"<nav class="subnav" aria-label="Capability tracker">"#));
        assert!(
            body.contains(r#"<li><a href="/capabilities" aria-current="page">Readiness</a></li>"#)
        );
        assert!(body.contains(r#"id="as-of""#));
        // Shells: 1,000 of the 1,500 in Poland, 48h away, due in 72h.
        assert!(
            body.contains(r#"<li class="card" data-package="shells" data-status="covered" data-unmet="false">"#),
            "{body}"
        );
        assert!(body.contains("Shells &lt;from&gt; stock"));
        // Interceptors: only the contract, 100 a month for 30 days, then 300: 33 by the due
        // instant (10 days), all 500 after 70 days, 60 days late.
        assert!(
            body.contains(r#"<li class="card" data-package="interceptors" data-status="short" data-unmet="false">"#),
            "{body}"
        );
        assert!(
            body.contains(r#"<dd data-short="467">467 units</dd>"#),
            "{body}"
        );
        assert!(
            body.contains(r#"<dd data-late-s="5184000">60.0 days</dd>"#),
            "{body}"
        );
        assert!(body.contains(r#"id="readiness-summary" data-covered="1" data-packages="2""#));
        // Sources: the lot, and the contract call-off.
        assert!(body.contains(
            r#"<tr data-obligation="shells/1" data-package="shells" data-status="covered">"#
        ));
        assert!(body.contains(r#"<li data-lot="G3-PL-1">1,000 from lot G3-PL-1 in PL, arriving "#));
        assert!(
            body.contains(r#"<li data-contract="G4-ADI-1">500 called off G4-ADI-1, complete by "#)
        );
        assert!(body.contains("Deliver 1,000 &lt;b&gt;shells&lt;/b&gt;"));
        assert!(body.contains("Party G3 (G3): Deliver 1,000"));
        assert!(body.contains(r#"<tr data-contract="G4-ADI-1" data-valid="true">"#));
        assert!(body.contains("Example &lt;Missiles&gt;"));
        // No activation counted items: the table says so.
        assert!(body.contains(r#"<table id="item-obligations">"#));
        assert!(body.contains("No activation has created an obligation that counts items."));
        f.stop().await;
    }

    #[tokio::test]
    async fn deliveries_page_compares_promised_and_actual_dates() {
        let f = populated("caps-deliveries").await;
        let (status, body) = f.get("/capabilities/deliveries").await;
        assert_eq!(status, StatusCode::OK);
        assert_page(&body);
        for (id, donor, state) in [
            ("G2-1", "G2", "on_time"),
            ("G5-1", "G5", "late"),
            ("G3-1", "G3", "open"),
        ] {
            assert!(
                body.contains(&format!(
                    r#"<tr data-commitment="{id}" data-donor="{donor}" data-state="{state}">"#
                )),
                "{id}: {body}"
            );
            assert!(
                body.contains(&format!(
                    r#"<g data-commitment="{id}" data-state="{state}">"#
                )),
                "{id}"
            );
        }
        // Donors: G2 all on time, G5 one day late.
        assert!(body.contains(r#"<tr data-donor="G2"><th scope="row">Party G2 (G2)</th><td class="num">1</td><td class="num">10</td><td class="num">10</td><td class="num">0</td><td class="num" data-on-time="1" data-due="1">100.0%"#), "{body}");
        assert!(body.contains(r#"<tr data-donor="G5">"#));
        assert!(body.contains(r#"data-on-time="0" data-due="1">0.0%"#));
        // Promised at 00:10, received 26 hours after midnight: 2 days late, rounded up.
        assert!(body.contains(r#"<div class="meta" data-days-late="2">2 days late</div>"#));
        assert!(body.contains(r#"<tr data-donor="G3" data-category="artillery">"#));
        // The dot plot: a line per commitment, hollow at the promise, filled at completion.
        assert!(body.contains(r#"<svg id="deliveries-chart""#));
        assert!(body.contains(
            r#"role="img" aria-labelledby="deliveries-chart-title deliveries-chart-desc""#
        ));
        assert!(body.contains(r#"<line class="line-late" x1="#));
        assert!(body.contains(r#"<line class="line-open open" x1="#));
        assert!(body.contains(r#"<circle class="dot-completed line-on_time""#));
        f.stop().await;
    }

    #[tokio::test]
    async fn stockpiles_and_training_pages_show_stock_and_throughput() {
        let f = populated("caps-stock-training").await;
        let (status, body) = f.get("/capabilities/stockpiles").await;
        assert_eq!(status, StatusCode::OK);
        assert_page(&body);
        assert!(body.contains(r#"<tr data-location="PL"><th scope="row">Poland (PL)</th><td>48h</td><td class="num">1</td>"#), "{body}");
        assert!(body.contains(
            r#"<li data-item="155mm-shell" data-available="1500">1,500 155mm-shell</li>"#
        ));
        assert!(body.contains(r#"<tr data-lot="G3-PL-1" data-location="PL">"#));
        assert!(body.contains(r#"<svg id="stockpiles-chart""#));
        assert!(body.contains(r#"<g data-location="PL" data-item="155mm-shell">"#));

        let (status, body) = f.get("/capabilities/training").await;
        assert_eq!(status, StatusCode::OK);
        assert_page(&body);
        assert!(body.contains(r#"<svg id="training-chart""#));
        assert!(body.contains(r#"<g data-centre="g1-centre">"#));
        assert!(body.contains(r#"<rect class="bar-capacity""#));
        assert!(body.contains(r#"<rect class="bar-started""#));
        assert!(body.contains("Centre &lt;in&gt; G1"));
        assert!(body.contains(r#"<td class="num" data-started="600">600<div class="meta">60.0% of capacity</div></td>"#), "{body}");
        assert!(
            body.contains(
                r#"<tr data-cohort="K1" data-centre="g1-centre" data-status="completed">"#
            )
        );
        assert!(body.contains(
            r#"<tr data-cohort="K2" data-centre="g1-centre" data-status="in_training">"#
        ));
        f.stop().await;
    }

    #[tokio::test]
    async fn restrictions_page_shows_what_the_activation_lifted_and_escapes_log_text() {
        let f = populated("caps-restrictions").await;
        let (status, body) = f.get("/capabilities/restrictions").await;
        assert_eq!(status, StatusCode::OK);
        assert_page(&body);
        assert!(
            body.contains(r#"<tr data-restriction="R-LR" data-donor="G1" data-status="lifted">"#),
            "{body}"
        );
        assert!(body.contains(r#"data-lifted-by-activation="A1">by activation A1, "#));
        assert!(body.contains(r#"<li data-package="aid">Budget support</li>"#));
        assert!(
            body.contains(
                r#"<tr data-restriction="R-ART" data-donor="G2" data-status="in_force">"#
            )
        );
        assert!(body.contains("No package: only its donor can lift it."));
        assert!(body.contains(r#"data-in-force="1" data-lifted="1""#));
        // Every page escapes the log's text and serves its fragment.
        for uri in PAGES {
            for uri in [uri.to_owned(), format!("{uri}?fragment=main")] {
                let (status, body) = f.get(&uri).await;
                assert_eq!(status, StatusCode::OK, "{uri}");
                assert!(!body.contains("<script>alert"), "{uri}");
                assert!(!body.contains("<b>shells"), "{uri}");
                assert!(!body.contains("<Missiles>"), "{uri}");
            }
            let (_, fragment) = f.get(&format!("{uri}?fragment=main")).await;
            for absent in ["<html", "<main", "<footer"] {
                assert!(
                    !fragment.contains(absent),
                    "{uri}: the fragment has {absent}"
                );
            }
            let (_, page) = f.get(uri).await;
            assert!(page.contains(&format!(">\n{fragment}\n</main>")), "{uri}");
        }
        let (_, body) = f.get("/capabilities/restrictions").await;
        assert!(body.contains(SUMMARY_ESCAPED));
        f.stop().await;
    }

    #[tokio::test]
    async fn without_anything_to_track_each_page_says_so() {
        let f = Fixture::with_extra("caps-none", "").await;
        for uri in PAGES {
            let (status, body) = f.get(uri).await;
            assert_eq!(status, StatusCode::OK, "{uri}");
            assert_page(&body);
            assert!(body.contains(r#"id="no-capabilities""#), "{uri}");
        }
        f.stop().await;
    }
}
