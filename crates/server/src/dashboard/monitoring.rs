//! `/monitoring`: each alert rule's series per area, drawn against its threshold (the last
//! windows with reports as bars, the windows that alerted marked), and the alerts with their
//! explanations.

use std::collections::BTreeMap;

use snapback_charter::describe::{describe_condition, describe_grid};
use snapback_charter::{Alert, Condition};
use snapback_engine::State as EngineState;
use snapback_engine::alerts::{AlertRecord, explain_alert};
use snapback_svg::{Axis, F1, Frame, Text, y_axis};

use super::*;

/// The most windows one chart draws (the latest).
const WINDOWS_SHOWN: usize = 60;
/// The most alerts the table lists (the latest); `/v1/alerts` pages them all.
const ALERTS_SHOWN: usize = 50;

/// One rule's series for one area: the windows drawn (end, count, alerted), oldest first.
pub(super) struct SeriesView {
    pub(super) rule: Alert,
    pub(super) area: String,
    pub(super) windows: Vec<(Timestamp, u64, bool)>,
    /// Windows with reports before those drawn.
    pub(super) earlier: usize,
}

/// What the page needs from the state.
pub(super) struct MonitoringView {
    pub(super) series: Vec<SeriesView>,
    /// The latest alerts, at most [`ALERTS_SHOWN`], in the order derived.
    pub(super) alerts: Vec<AlertRecord>,
    pub(super) alerts_total: usize,
    /// The charter's versions, to word each alert in the reader's language.
    history: CharterHistory,
}

impl MonitoringView {
    /// The series of the rules of the charter in force at the record's latest instant, and
    /// every alert.
    pub(super) fn of(state: &EngineState) -> Self {
        let rules: BTreeMap<_, _> = state
            .as_of
            .and_then(|at| state.history().in_force(at))
            .or_else(|| state.history().versions().last())
            .map(|c| c.alerts.iter().map(|a| (a.id.clone(), a.clone())).collect())
            .unwrap_or_default();
        let series = state
            .series
            .series
            .iter()
            .flat_map(|(id, areas)| areas.iter().map(move |(area, windows)| (id, area, windows)))
            .filter_map(|(id, area, windows)| {
                let rule = rules.get(id)?.clone();
                let alerted: std::collections::BTreeSet<Timestamp> = state
                    .alerts
                    .iter()
                    .filter(|a| &a.alert == id && &a.area == area)
                    .map(|a| a.window_end)
                    .collect();
                let earlier = windows.len().saturating_sub(WINDOWS_SHOWN);
                let windows = windows
                    .windows()
                    .skip(earlier)
                    .map(|(w, n)| {
                        let end = rule.grid.end_at(w);
                        (end, n, alerted.contains(&end))
                    })
                    .collect();
                Some(SeriesView {
                    rule,
                    area: area.clone(),
                    windows,
                    earlier,
                })
            })
            .collect();
        let skip = state.alerts.len().saturating_sub(ALERTS_SHOWN);
        MonitoringView {
            series,
            alerts: state.alerts[skip..].to_vec(),
            alerts_total: state.alerts.len(),
            history: state.history().clone(),
        }
    }
}

pub(super) fn gather(view: &View) -> MonitoringView {
    MonitoringView::of(view.state())
}

pub(super) async fn handler(State(app): State<AppState>, uri: Uri, chosen: Chosen) -> Response {
    let page = page_of(&app, chosen.tr(), gather, |v, names| {
        monitoring_page_in(&v, names.t)
    })
    .await;
    respond(page, &uri, chosen)
}

/// The level a window is drawn against: `above` for the per-window condition, none for the
/// others (their condition reads several windows, said in words beside the chart).
fn threshold(condition: Condition) -> Option<u64> {
    match condition {
        Condition::Consecutive { above, .. } => Some(above),
        Condition::Sum { .. } | Condition::MedianMultiple { .. } => None,
    }
}

fn chart(s: &SeriesView, n: usize, t: Tr) -> Markup {
    const LEFT: f64 = 56.0;
    const RIGHT: f64 = 700.0;
    const TOP: f64 = 10.0;
    const BOTTOM: f64 = 150.0;
    let level = threshold(s.rule.condition);
    let max = s
        .windows
        .iter()
        .map(|w| w.1)
        .chain(level)
        .max()
        .unwrap_or(1) as f64;
    let axis = Axis::covering(0.0, max * 1.1, 4.0);
    let y = axis.onto((BOTTOM, TOP));
    let slot = (RIGHT - LEFT) / s.windows.len().max(1) as f64;
    let id = format!("series-{n}");
    let title = t.msg_args(
        "monitoring-chart-title",
        &[
            ("rule", s.rule.name.as_str().into()),
            ("area", s.area.as_str().into()),
        ],
    );
    let desc = t.msg("monitoring-chart-desc");
    let frame = Frame {
        id: &id,
        width: 720.0,
        height: BOTTOM + 30.0,
        title: &title,
        desc: &desc,
    };
    let first = s
        .windows
        .first()
        .map(|w| short_time(w.0))
        .unwrap_or_default();
    let last = s
        .windows
        .last()
        .map(|w| short_time(w.0))
        .unwrap_or_default();
    frame.inline(
        "chart chart-wide",
        html! {
            (y_axis(&axis, &y, LEFT, RIGHT, false))
            @for (i, (end, count, alerted)) in s.windows.iter().enumerate() {
                @let x = LEFT + i as f64 * slot;
                @let top = y.at(*count as f64);
                rect class=(if *alerted { "bar bar-alerted" } else { "bar" })
                    x=(F1(x + slot * 0.15)) y=(F1(top)) width=(F1((slot * 0.7).max(1.0)))
                    height=(F1((BOTTOM - top).max(0.0))) {
                    title {
                        (Text(&t.msg_args(
                            if *alerted { "monitoring-bar-alert" } else { "monitoring-bar" },
                            &[("time", short_time(*end).into()), ("count", (*count).into())],
                        )))
                    }
                }
            }
            @if let Some(level) = level {
                line class="threshold" x1=(F1(LEFT)) x2=(F1(RIGHT))
                    y1=(F1(y.at(level as f64))) y2=(F1(y.at(level as f64))) {}
            }
            text class="axis" x=(F1(LEFT)) y=(F1(BOTTOM + 20.0)) text-anchor="start" { (Text(&first)) }
            text class="axis" x=(F1(RIGHT)) y=(F1(BOTTOM + 20.0)) text-anchor="end" { (Text(&last)) }
        },
    )
}

fn series_card(s: &SeriesView, n: usize, t: Tr) -> Markup {
    let alerts = s.windows.iter().filter(|w| w.2).count();
    html! {
        article class="series" data-alert=(s.rule.id.as_str()) data-area=(s.area) {
            h3 { (s.rule.name) " " span class="id" { "(" (s.rule.id.as_str()) ", " (s.area) ")" } }
            p class="note" {
                (t.msg_args("monitoring-rule", &[
                    ("condition", describe_condition(t.lang(), s.rule.condition).into()),
                    ("grid", describe_grid(t.lang(), &s.rule.grid).into()),
                ]))
                @if let Some(c) = &s.rule.category {
                    ", " (t.rich("monitoring-counting", &[], &[("category", html! { code { (c) } })]))
                }
                @if !s.rule.exclude.is_empty() {
                    ", " (t.msg_args("monitoring-less-flagged", &[("flags", s.rule.exclude.join(", ").into())]))
                }
                ". " span class="article" { "[" (s.rule.article.to_string()) "]" }
            }
            (chart(s, n, t))
            p class="note" {
                @if s.earlier > 0 {
                    (t.msg_args("monitoring-windows-shown-earlier", &[
                        ("shown", s.windows.len().into()),
                        ("earlier", s.earlier.into()),
                        ("alerts", alerts.into()),
                    ]))
                } @else {
                    (t.msg_args("monitoring-windows-shown", &[
                        ("shown", s.windows.len().into()),
                        ("alerts", alerts.into()),
                    ]))
                }
            }
        }
    }
}

fn alerts_table(alerts: &[AlertRecord], history: &CharterHistory, t: Tr) -> Markup {
    html! {
        table id="alerts-table" {
            thead { tr {
                th scope="col" { (t.msg("monitoring-column-derived")) }
                th scope="col" { (t.msg("monitoring-column-rule")) }
                th scope="col" { (t.msg("monitoring-column-area")) }
                th scope="col" { (t.msg("monitoring-column-window")) }
                th scope="col" class="num" { (t.msg("monitoring-column-count")) }
                th scope="col" { (t.msg("monitoring-column-why")) }
            } }
            tbody {
                @for a in alerts {
                    tr data-alert=(a.alert.as_str()) {
                        td { (time(a.at)) }
                        td { code { (a.alert.as_str()) } }
                        td { (a.area) }
                        td { (time(a.window_end)) }
                        td class="num" { (a.value) }
                        td { (prose(&explain_alert(history, a, t.lang()).unwrap_or_else(|| a.explanation.clone()))) }
                    }
                }
            }
        }
    }
}

/// The page in English (the tests render it without a request).
#[cfg(test)]
pub(super) fn monitoring_page(v: &MonitoringView) -> Page {
    monitoring_page_in(v, Tr::default())
}

pub(super) fn monitoring_page_in(v: &MonitoringView, t: Tr) -> Page {
    let main = if v.series.is_empty() && v.alerts.is_empty() {
        html! {
            h1 { (t.msg("monitoring-heading")) }
            p id="monitoring-empty" class="empty" { (t.msg("monitoring-empty")) }
        }
    } else {
        html! {
            h1 { (t.msg("monitoring-heading")) }
            p class="lede" { (t.msg("monitoring-lede")) }
            (section("monitoring-series", &t.msg("monitoring-series-heading"), html! {
                @for (n, s) in v.series.iter().enumerate() { (series_card(s, n, t)) }
            }))
            (section("monitoring-alerts", &t.msg("monitoring-alerts-heading"), html! {
                @if v.alerts.is_empty() {
                    p class="empty" { (t.msg("monitoring-alerts-empty")) }
                } @else {
                    (alerts_table(&v.alerts, &v.history, t))
                    (super::overview::cut_note_in(t, v.alerts.len(), v.alerts_total, "/v1/alerts"))
                }
            }))
        }
    };
    Page::ok(t.msg("monitoring-heading"), Section::Monitoring, main)
}
