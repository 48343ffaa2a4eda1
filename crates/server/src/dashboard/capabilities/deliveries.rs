//! `GET /capabilities/deliveries`: delivery performance by donor.

use super::*;
use crate::dashboard::readable;
use crate::dashboard::valued_aid::valued_aid_section;

// ---------------------------------------------------------------------------------------------
// GET /capabilities/deliveries
// ---------------------------------------------------------------------------------------------

/// A delivery group's figures (by donor, or by donor and category).
pub(super) struct Group<'a> {
    pub(super) commitments: u64,
    pub(super) committed: u64,
    pub(super) delivered: u64,
    pub(super) pipeline: u64,
    pub(super) due: u64,
    pub(super) on_time: u64,
    pub(super) on_time_percent: Option<&'a str>,
    pub(super) days_late_total: u64,
    pub(super) days_late_max: u64,
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

/// One row of a delivery-performance table: a donor (and its category, in the table by
/// category), then the group's figures.
pub(super) fn group_row(g: &Group, donor: &str, category: Option<&str>, names: &Names) -> Markup {
    let t = names.t;
    html! {
        tr data-donor=(donor) data-category=[category] {
            th scope="row" {
                (names.party(donor))
                @if let Some(c) = category { div class="meta" { (c) } }
            }
            td class="num" { (g.commitments) }
            td class="num" { (units(g.committed)) }
            td class="num" { (units(g.delivered)) }
            td class="num" { (units(g.pipeline)) }
            td class="num" data-on-time=(g.on_time) data-due=(g.due) {
                @match g.on_time_percent { Some(p) => { (p) "%" } None => { "\u{2014}" } }
                div class="meta" { (t.msg_args("cap-on-time-of-due", &[("on_time", g.on_time.into()), ("due", g.due.into())])) }
            }
            td class="num" {
                (g.days_late_total)
                div class="meta" { (t.msg_args("cap-at-most", &[("max", g.days_late_max.into())])) }
            }
        }
    }
}

/// The columns of a delivery-performance table (message ids).
pub(super) const GROUP_COLUMNS: [(&str, bool); 7] = [
    ("cap-column-donor", false),
    ("cap-column-commitments", true),
    ("cap-column-committed", true),
    ("cap-column-delivered", true),
    ("cap-column-pipeline", true),
    ("column-on-time", true),
    ("cap-column-days-late", true),
];

/// Promised against actual dates, one row per commitment.
pub(super) fn deliveries_chart(r: &CapabilitiesReport, t: Tr) -> Markup {
    const W: f64 = 720.0;
    const LEFT: f64 = 150.0;
    const RIGHT: f64 = 700.0;
    const ROW: f64 = 22.0;
    const TOP: f64 = 24.0;
    let all = &r.deliveries.commitments;
    let list = &all[..all.len().min(ROWS_MAX)];
    if list.is_empty() {
        return html! {
            p id="deliveries-chart-empty" class="empty" { (t.msg("cap-deliveries-chart-empty")) }
        };
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
    let x = time_scale(start, end, LEFT, RIGHT);
    let height = (TOP + list.len() as f64 * ROW + 28.0).round();
    let desc = t.msg_args(
        "cap-deliveries-chart-desc",
        &[
            ("from", readable(start).into()),
            ("to", readable(end).into()),
        ],
    );
    let now = x(r.as_of);
    let body = html! {
        line class="now" x1=(F1(now)) y1=(F1(TOP - 6.0)) x2=(F1(now)) y2=(F1(height - 24.0)) {}
        text class="axis" x=(F1(now)) y=(F1(TOP - 10.0)) text-anchor="middle" { (t.msg("cap-now")) }
        @for (i, c) in list.iter().enumerate() {
            @let y = TOP + i as f64 * ROW + ROW / 2.0;
            @let state = c.state.name();
            @let class = match state {
                "on_time" => "line-on_time",
                "late" | "overdue" => "line-late",
                _ => "line-open",
            };
            @let (px, ex) = (x(c.promised), x(end_of(c.completed_at)));
            g data-commitment=(c.id) data-state=(state) {
                title {
                    (c.id) " (" (c.donor) "): "
                    (t.msg_args("cap-commitment-delivered", &[
                        ("delivered", c.delivered.into()),
                        ("quantity", c.quantity.into()),
                        ("item", c.item.as_ref().into()),
                        ("promised", readable(c.promised).into()),
                    ]))
                    ", "
                    @match c.completed_at {
                        Some(at) => { (t.msg_args("cap-completed-at", &[("time", readable(at).into())])) }
                        None => { (t.msg("cap-not-complete")) }
                    }
                    @if c.days_late > 0 {
                        ", " (t.msg_args("cap-days-late-plain", &[("days", c.days_late.into())]))
                    }
                }
                text x="0" y=(F1(y + 4.0)) { (c.id) }
                line class={ (class) @if c.completed_at.is_none() { " open" } }
                    x1=(F1(px)) y1=(F1(y)) x2=(F1(ex)) y2=(F1(y)) {}
                circle class="dot-promised" cx=(F1(px)) cy=(F1(y)) r="5" {}
                @if c.completed_at.is_some() {
                    circle class={ "dot-completed " (class) } cx=(F1(ex)) cy=(F1(y)) r="5" {}
                }
            }
        }
        text class="axis" x=(LEFT) y=(F1(height - 6.0)) text-anchor="start" { (short_time(start)) }
        text class="axis" x=(RIGHT) y=(F1(height - 6.0)) text-anchor="end" { (short_time(end)) }
    };
    let title = t.msg("cap-deliveries-chart-title");
    let frame = Frame {
        id: "deliveries-chart",
        width: W,
        height,
        title: &title,
        desc: &desc,
    };
    html! {
        ul class="legend" aria-label=(t.msg("legend-label")) {
            li { span class="swatch dot-promised" aria-hidden="true" {} (t.msg("cap-legend-promised")) }
            li { span class="swatch dot-completed" aria-hidden="true" {} (t.msg("cap-legend-completed")) }
            li { span class="swatch line-on_time" aria-hidden="true" {} (t.msg("compliance-on-time")) }
            li { span class="swatch line-late" aria-hidden="true" {} (t.msg("cap-legend-late")) }
            li { span class="swatch line-open" aria-hidden="true" {} (t.msg("cap-legend-open")) }
        }
        (frame.inline("chart chart-wide", body))
    }
}

pub(super) fn commitments_table(r: &CapabilitiesReport, names: &Names) -> Markup {
    let t = names.t;
    let heads = heads(
        t,
        &[
            ("cap-column-commitment", false),
            ("cap-column-delivered", true),
            ("cap-column-promised", false),
            ("cap-column-completed", false),
            ("column-status", false),
        ],
    );
    let rows = html! {
        @for c in r.deliveries.commitments.iter().take(ROWS_MAX) {
            @let state = c.state.name();
            tr data-commitment=(c.id) data-donor=(c.donor) data-state=(state) {
                td { (c.id) div class="meta" { (names.party(&c.donor)) " \u{b7} " (c.category) } }
                td class="num" {
                    (t.msg_args("cap-of", &[("part", units(c.delivered).into()), ("whole", units(c.quantity).into())]))
                    " " (c.item)
                }
                td { (time(c.promised)) }
                td { @match c.completed_at { Some(at) => { (time(at)) } None => { "\u{2014}" } } }
                td {
                    (badge_in(t, state))
                    @if c.days_late > 0 {
                        div class="meta" data-days-late=(c.days_late) {
                            (t.msg_args("cap-days-late", &[("days", c.days_late.into())]))
                        }
                    }
                }
            }
        }
        @if r.deliveries.commitments.is_empty() {
            (empty_row(heads.len(), &t.msg("cap-commitments-empty")))
        }
    };
    html! {
        (table("commitments", &t.msg("cap-commitments-caption"), &cols(&heads), rows))
        (rows_cut(t, r.deliveries.commitments.len(), "/v1/capabilities/deliveries"))
    }
}

pub(super) fn deliveries_main(r: &CapabilitiesReport, names: &Names) -> Markup {
    let t = names.t;
    let d = &r.deliveries;
    let group_heads = heads(t, &GROUP_COLUMNS);
    let empty = t.msg("cap-commitments-empty");
    let donors = html! {
        @for g in &d.donors { (group_row(&group!(g), &g.donor, None, names)) }
        @if d.donors.is_empty() { (empty_row(GROUP_COLUMNS.len(), &empty)) }
    };
    let groups = html! {
        @for g in &d.groups { (group_row(&group!(g), &g.donor, Some(&g.category), names)) }
        @if d.groups.is_empty() { (empty_row(GROUP_COLUMNS.len(), &empty)) }
    };
    html! {
        (section("donors-section", &t.msg("cap-by-donor"), html! {
            (table("donors", &t.msg("cap-donors-caption"), &cols(&group_heads), donors))
            p class="note" { (t.msg("cap-donors-note")) }
        }))
        (section("deliveries-chart-section", &t.msg("cap-deliveries-chart-heading"), deliveries_chart(r, t)))
        (section("commitments-section", &t.msg("cap-commitments-heading"), commitments_table(r, names)))
        (section("groups-section", &t.msg("cap-by-category"), table("delivery-groups", &t.msg("cap-groups-caption"), &cols(&group_heads), groups)))
        @if !r.in_kind_by_value.is_empty() {
            (section("in-kind-section", &t.msg("cap-in-kind-heading"), valued_aid_section("in-kind-by-value", &r.in_kind_by_value, names, "cap-in-kind-caption", "cap-in-kind-note", "/v1/capabilities")))
        }
    }
}
