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
    Chosen, Markup, Names, Page, Section, Tr, badge_in, cols, cut_note_in, empty_row, error_page,
    group_digits, heads, html, respond, section, short_time, table, time,
};
use crate::dashboard::ROWS_MAX;
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

/// Each page: its tab, its path, and the message ids of its label and its lede.
const TABS: [(Tab, &str, &str, &str); 5] = [
    (
        Tab::Readiness,
        "/capabilities",
        "cap-tab-readiness",
        "cap-lede-readiness",
    ),
    (
        Tab::Deliveries,
        "/capabilities/deliveries",
        "cap-tab-deliveries",
        "cap-lede-deliveries",
    ),
    (
        Tab::Stockpiles,
        "/capabilities/stockpiles",
        "cap-tab-stockpiles",
        "cap-lede-stockpiles",
    ),
    (
        Tab::Training,
        "/capabilities/training",
        "cap-tab-training",
        "cap-lede-training",
    ),
    (
        Tab::Restrictions,
        "/capabilities/restrictions",
        "cap-tab-restrictions",
        "cap-lede-restrictions",
    ),
];

/// The message ids of a tab's label and lede.
fn tab_ids(tab: Tab) -> (&'static str, &'static str) {
    TABS.iter().find(|(t, _, _, _)| *t == tab).map_or(
        ("cap-tab-readiness", "cap-lede-readiness"),
        |(_, _, label, lede)| (label, lede),
    )
}

fn tabs(current: Tab, t: Tr) -> Markup {
    html! {
        nav class="subnav" aria-label=(t.msg("cap-tracker")) { ul {
            @for (tab, href, label, _) in TABS {
                li { a href=(href) aria-current=[(tab == current).then_some("page")] { (t.msg(label)) } }
            }
        } }
    }
}

/// "200 of N are shown; all of them are in <api>", in the reader's language.
fn rows_cut(t: Tr, total: usize, api: &str) -> Markup {
    cut_note_in(t, ROWS_MAX, total, api)
}

// ---------------------------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------------------------

/// "12,000".
fn units(n: u64) -> String {
    group_digits(&n.to_string())
}

/// A delay in seconds, in English (the pages use [`delay_in`]).
#[cfg(test)]
fn delay(seconds: i64) -> String {
    delay_in(Tr::default(), seconds)
}

/// A delay in seconds: "2.5 days" from a day on (`late_s` / 86,400, one decimal), else hours
/// and minutes ("3 h 20 min"), minutes ("12 min") or seconds.
fn delay_in(t: Tr, seconds: i64) -> String {
    let s = seconds.max(0);
    if s >= 86_400 {
        let tenths = (s * 10 + 43_200) / 86_400;
        // The figure is text: "1.5" reads the same in both languages, and a decimal day count
        // takes the plural of fractions.
        t.msg_args(
            "cap-delay-days",
            &[("days", format!("{}.{}", tenths / 10, tenths % 10).into())],
        )
    } else if s >= 3_600 {
        match (s % 3_600) / 60 {
            0 => t.msg_args("cap-delay-hours", &[("h", (s / 3_600).to_string().into())]),
            m => t.msg_args(
                "cap-delay-hours-minutes",
                &[
                    ("h", (s / 3_600).to_string().into()),
                    ("min", m.to_string().into()),
                ],
            ),
        }
    } else if s >= 60 {
        t.msg_args("cap-delay-minutes", &[("min", (s / 60).to_string().into())])
    } else {
        t.msg_args("cap-delay-seconds", &[("s", s.to_string().into())])
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

fn page(tab: Tab, main: Option<(Markup, Timestamp)>, t: Tr) -> Page {
    let (label, lede) = tab_ids(tab);
    let label = t.msg(label);
    let main = html! {
        h1 { (t.msg_args("cap-heading", &[("page", label.as_str().into())])) }
        (tabs(tab, t))
        p class="lede" { (t.msg(lede)) }
        @match main {
            Some((body, as_of)) => {
                p id="as-of" class="meta" data-as-of=(as_of) {
                    (t.rich("cap-as-of", &[], &[("time", time(as_of))]))
                }
                (body)
            }
            None => {
                p id="no-capabilities" {
                    (t.rich("cap-nothing", &[], &[
                        ("capabilities", html! { code { "[capabilities]" } }),
                        ("restriction", html! { code { "[[restriction]]" } }),
                    ]))
                }
                p { a href="/" { (t.msg("back-to-overview")) } }
            }
        }
    };
    Page::ok(
        t.msg_args("cap-title", &[("page", label.as_str().into())]),
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
    let t = chosen.tr();
    let names = Names::new(app.history(), app.clock().now()).in_lang(t);
    let page = match app.capabilities().await {
        Ok(Some(r)) => page(tab, Some((render(&r.report, &names), r.report.as_of)), t),
        Ok(None) => page(tab, None, t),
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
pub(super) mod tests;
