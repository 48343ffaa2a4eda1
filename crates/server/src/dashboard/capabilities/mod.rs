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

use axum::extract::State;
use axum::http::Uri;
use axum::response::Response;
use jiff::Timestamp;
use snapback_charter::{Charter, ObligationTemplate};
use snapback_engine::capability::report::CapabilitiesReport;

use snapback_svg::{F1, Frame, Linear};

use super::{
    Chosen, Markup, Names, Page, Section, badge, empty_row, error_page, group_digits, html,
    respond, rows_note, section, short_time, table, time,
};
use crate::state::AppState;

mod deliveries;
mod readiness;
mod restrictions;
mod stockpiles;
mod training;

use deliveries::*;
use readiness::*;
use restrictions::*;
use stockpiles::*;
use training::*;

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

fn tabs(current: Tab) -> Markup {
    html! {
        nav class="subnav" aria-label="Capability tracker" { ul {
            @for (tab, href, label) in TABS {
                li { a href=(href) aria-current=[(tab == current).then_some("page")] { (label) } }
            }
        } }
    }
}

// ---------------------------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------------------------

/// "12,000".
fn units(n: u64) -> String {
    group_digits(&n.to_string())
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
            names.party(charter.party(t.party).id.as_str()),
            t.description
        ),
        None => obligation.to_owned(),
    }
}

/// An x scale of instants from `start` to `end` onto `left..right` (seconds since `start`).
fn time_scale(
    start: Timestamp,
    end: Timestamp,
    left: f64,
    right: f64,
) -> impl Fn(Timestamp) -> f64 {
    let span = end.duration_since(start).as_secs_f64().max(1.0);
    let scale = Linear::new((0.0, span), (left, right));
    move |t| scale.at(t.duration_since(start).as_secs_f64())
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

fn page(tab: Tab, main: Option<(Markup, Timestamp)>) -> Page {
    let label = tab_label(tab);
    let lede = LEDES.iter().find(|(t, _)| *t == tab).map_or("", |(_, l)| l);
    let main = html! {
        h1 { "Capability tracker: " (label) }
        (tabs(tab))
        p class="lede" { (lede) }
        @match main {
            Some((body, as_of)) => {
                p id="as-of" class="meta" data-as-of=(as_of) {
                    "As of " (time(as_of)) ", the latest instant the log has reached."
                }
                (body)
            }
            None => {
                p id="no-capabilities" {
                    "Nothing to track: the charter in force has no " code { "[capabilities]" }
                    " table, no " code { "[[restriction]]" } " rule and no obligation that counts                      items, and the log records no commitment, contract, stock, training cohort                      or restriction yet."
                }
                p { a href="/" { "Back to the overview" } }
            }
        }
    };
    Page::ok(
        format!("Capabilities: {label}"),
        Section::Capabilities,
        main,
    )
}

/// Renders one of the tracker's pages from the cached report.
async fn serve(
    app: AppState,
    uri: Uri,
    chosen: Chosen,
    tab: Tab,
    render: fn(&CapabilitiesReport, &Names) -> Markup,
) -> Response {
    let names = Names::new(app.history(), app.clock().now());
    let page = match app.capabilities().await {
        Ok(Some(r)) => page(tab, Some((render(&r.report, &names), r.report.as_of))),
        Ok(None) => page(tab, None),
        Err(p) => error_page(&p, chosen.tr()),
    };
    respond(page, &uri, chosen)
}

pub(super) async fn readiness(State(app): State<AppState>, uri: Uri, chosen: Chosen) -> Response {
    serve(app, uri, chosen, Tab::Readiness, readiness_main).await
}

pub(super) async fn deliveries(State(app): State<AppState>, uri: Uri, chosen: Chosen) -> Response {
    serve(app, uri, chosen, Tab::Deliveries, deliveries_main).await
}

pub(super) async fn stockpiles(State(app): State<AppState>, uri: Uri, chosen: Chosen) -> Response {
    serve(app, uri, chosen, Tab::Stockpiles, stockpiles_main).await
}

pub(super) async fn training(State(app): State<AppState>, uri: Uri, chosen: Chosen) -> Response {
    serve(app, uri, chosen, Tab::Training, training_main).await
}

pub(super) async fn restrictions(
    State(app): State<AppState>,
    uri: Uri,
    chosen: Chosen,
) -> Response {
    serve(app, uri, chosen, Tab::Restrictions, restrictions_main).await
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
