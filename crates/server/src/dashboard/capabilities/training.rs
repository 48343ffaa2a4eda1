//! `GET /capabilities/training`: throughput against capacity per centre.

use super::*;

// ---------------------------------------------------------------------------------------------
// GET /capabilities/training
// ---------------------------------------------------------------------------------------------

/// Per centre: its monthly capacity (an outlined bar) and the trainees started in the last 30
/// days (a filled bar over it).
pub(super) fn training_chart(r: &CapabilitiesReport, t: Tr) -> Markup {
    const W: f64 = 720.0;
    const LABEL: f64 = 150.0;
    const BARS: f64 = 460.0;
    const ROW: f64 = 30.0;
    if r.training.is_empty() {
        return html! {
            p id="training-chart-empty" class="empty" { (t.msg("cap-centres-empty")) }
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
    let title = t.msg("cap-training-chart-title");
    let desc = t.msg("cap-training-chart-desc");
    let frame = Frame {
        id: "training-chart",
        width: W,
        height: r.training.len() as f64 * ROW + 8.0,
        title: &title,
        desc: &desc,
    };
    let body = html! {
        @for (i, c) in r.training.iter().enumerate() {
            @let y = i as f64 * ROW + 4.0;
            @let cap = scale.at(c.capacity_per_month as f64);
            @let started = scale.at(c.started_last_30d as f64);
            g data-centre=(c.centre.as_str()) {
                title {
                    (c.centre.as_str()) ": "
                    (t.msg_args("cap-training-started", &[
                        ("started", units(c.started_last_30d).into()),
                        ("capacity", units(c.capacity_per_month).into()),
                    ]))
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
        ul class="legend" aria-label=(t.msg("legend-label")) {
            li { span class="swatch bar-capacity" aria-hidden="true" {} (t.msg("cap-legend-capacity")) }
            li { span class="swatch bar-started" aria-hidden="true" {} (t.msg("cap-legend-started")) }
        }
        (frame.inline("chart chart-wide", body))
    }
}

pub(super) fn training_main(r: &CapabilitiesReport, names: &Names) -> Markup {
    let t = names.t;
    let centre_heads = heads(
        t,
        &[
            ("cap-column-centre", false),
            ("cap-column-capacity", true),
            ("cap-column-started-30", true),
            ("cap-column-started", true),
            ("cap-column-finished", true),
            ("cap-column-in-training", true),
        ],
    );
    let centres = html! {
        @for c in &r.training {
            tr data-centre=(c.centre.as_str()) {
                th scope="row" {
                    (c.name.as_deref().unwrap_or(c.centre.as_str()))
                    div class="meta" {
                        (c.centre.as_str()) " \u{b7} "
                        (t.msg_args("cap-host", &[("party", names.party(c.host.as_str()).into())]))
                    }
                }
                td class="num" { (units(c.capacity_per_month)) }
                td class="num" data-started=(c.started_last_30d) {
                    (units(c.started_last_30d))
                    @if let Some(p) = &c.utilisation_percent {
                        div class="meta" { (t.msg_args("cap-of-capacity", &[("percent", p.as_str().into())])) }
                    }
                }
                td class="num" { (units(c.started)) }
                td class="num" { (units(c.completed)) }
                td class="num" { (units(c.in_training)) }
            }
        }
        @if r.training.is_empty() {
            (empty_row(centre_heads.len(), &t.msg("cap-centres-empty")))
        }
    };
    let cohort_heads = heads(
        t,
        &[
            ("cap-column-cohort", false),
            ("cap-column-trainees", true),
            ("cap-column-started", false),
            ("cap-column-finished", false),
            ("column-status", false),
        ],
    );
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
                td { (badge_in(t, status)) }
            }
        }
        @if all_cohorts.is_empty() { (empty_row(cohort_heads.len(), &t.msg("cap-cohorts-empty"))) }
    };
    html! {
        (section("training-chart-section", &t.msg("cap-throughput-heading"), training_chart(r, t)))
        (section("centres-section", &t.msg("cap-centres-heading"), table("centres", &t.msg("cap-centres-caption"), &cols(&centre_heads), centres)))
        (section("cohorts-section", &t.msg("cap-cohorts-heading"), html! {
            (table("cohorts", &t.msg("cap-cohorts-heading"), &cols(&cohort_heads), cohorts))
            (rows_cut(t, r.training.iter().map(|c| c.cohorts.len()).sum(), "/v1/capabilities/training"))
        }))
    }
}
