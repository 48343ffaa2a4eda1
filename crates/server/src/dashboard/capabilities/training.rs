//! `GET /capabilities/training`: throughput against capacity per centre.

use super::*;
use crate::dashboard::ROWS_MAX;

// ---------------------------------------------------------------------------------------------
// GET /capabilities/training
// ---------------------------------------------------------------------------------------------

/// Per centre: its monthly capacity (an outlined bar) and the trainees started in the last 30
/// days (a filled bar over it).
pub(super) fn training_chart(r: &CapabilitiesReport) -> Markup {
    const W: f64 = 720.0;
    const LABEL: f64 = 150.0;
    const BARS: f64 = 460.0;
    const ROW: f64 = 30.0;
    if r.training.is_empty() {
        return html! {
            p id="training-chart-empty" class="empty" { "The charter names no training centre." }
        };
    }
    let max = r
        .training
        .iter()
        .map(|c| c.capacity_per_month.max(c.started_last_30d))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let scale = Linear::new((0.0, max), (0.0, BARS));
    let frame = Frame {
        id: "training-chart",
        width: W,
        height: r.training.len() as f64 * ROW + 8.0,
        title: "Trainees started in the last 30 days against monthly capacity",
        desc: "For each training centre an outlined bar for its monthly capacity and a filled bar \
               over it for the trainees started in the last 30 days, with both figures at the \
               end. The centres table gives the same figures.",
    };
    let body = html! {
        @for (i, c) in r.training.iter().enumerate() {
            @let y = i as f64 * ROW + 4.0;
            @let cap = scale.at(c.capacity_per_month as f64);
            @let started = scale.at(c.started_last_30d as f64);
            g data-centre=(c.centre.as_str()) {
                title {
                    (c.centre.as_str()) ": " (units(c.started_last_30d))
                    " started in the last 30 days of " (units(c.capacity_per_month)) " a month"
                    @if let Some(p) = &c.utilisation_percent { " (" (p) "%)" }
                }
                text x="0" y=(F1(y + 15.0)) { (c.centre.as_str()) }
                rect class="bar-capacity" x=(LABEL) y=(F1(y)) width=(F1(cap)) height="20" {}
                rect class="bar-started" x=(LABEL) y=(F1(y + 4.0)) width=(F1(started)) height="12" {}
                text class="value" x=(F1(LABEL + cap.max(started) + 6.0)) y=(F1(y + 15.0)) {
                    (units(c.started_last_30d)) " / " (units(c.capacity_per_month))
                }
            }
        }
    };
    html! {
        ul class="legend" aria-label="Legend" {
            li { span class="swatch bar-capacity" aria-hidden="true" {} "capacity per month (outline)" }
            li { span class="swatch bar-started" aria-hidden="true" {} "started in the last 30 days (filled)" }
        }
        (frame.inline("chart chart-wide", body))
    }
}

pub(super) fn training_main(r: &CapabilitiesReport, names: &Names) -> Markup {
    let centre_columns = [
        ("Centre", false),
        ("Capacity per month", true),
        ("Started, last 30 days", true),
        ("Started", true),
        ("Completed", true),
        ("In training", true),
    ];
    let centres = html! {
        @for c in &r.training {
            tr data-centre=(c.centre.as_str()) {
                th scope="row" {
                    (c.name.as_deref().unwrap_or(c.centre.as_str()))
                    div class="meta" { (c.centre.as_str()) " \u{b7} host " (names.party(c.host.as_str())) }
                }
                td class="num" { (units(c.capacity_per_month)) }
                td class="num" data-started=(c.started_last_30d) {
                    (units(c.started_last_30d))
                    @if let Some(p) = &c.utilisation_percent { div class="meta" { (p) "% of capacity" } }
                }
                td class="num" { (units(c.started)) }
                td class="num" { (units(c.completed)) }
                td class="num" { (units(c.in_training)) }
            }
        }
        @if r.training.is_empty() {
            (empty_row(centre_columns.len(), "The charter names no training centre."))
        }
    };
    let cohort_columns = [
        ("Cohort", false),
        ("Trainees", true),
        ("Started", false),
        ("Completed", false),
        ("Status", false),
    ];
    let all_cohorts: Vec<_> = r
        .training
        .iter()
        .flat_map(|c| c.cohorts.iter().map(move |k| (c, k)))
        .take(ROWS_MAX)
        .collect();
    let cohorts = html! {
        @for (c, k) in &all_cohorts {
            @let status = if k.completed_at.is_some() { "completed" } else { "in_training" };
            tr data-cohort=(k.cohort.as_str()) data-centre=(c.centre.as_str()) data-status=(status) {
                td { (k.cohort.as_str()) div class="meta" { (c.centre.as_str()) } }
                td class="num" { (units(k.trainees)) }
                td { (time(k.started_at)) }
                td {
                    @match (k.completed, k.completed_at) {
                        (Some(n), Some(at)) => { (units(n)) " " (time(at)) }
                        _ => { "\u{2014}" }
                    }
                }
                td { (badge(status)) }
            }
        }
        @if all_cohorts.is_empty() { (empty_row(cohort_columns.len(), "No cohort has started.")) }
    };
    html! {
        (section("training-chart-section", "Throughput against capacity", training_chart(r)))
        (section("centres-section", "Centres", table("centres", "Training centres", &centre_columns, centres)))
        (section("cohorts-section", "Cohorts", html! {
            (table("cohorts", "Cohorts", &cohort_columns, cohorts))
            (rows_note(r.training.iter().map(|c| c.cohorts.len()).sum(), "/v1/capabilities/training"))
        }))
    }
}
