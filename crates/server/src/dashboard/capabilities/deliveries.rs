//! `GET /capabilities/deliveries`: delivery performance by donor.

use super::*;
use crate::dashboard::{ROWS_MAX, plural, readable};

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
                div class="meta" { (g.on_time) " of " (g.due) " due" }
            }
            td class="num" {
                (g.days_late_total) div class="meta" { "at most " (g.days_late_max) }
            }
        }
    }
}

pub(super) const GROUP_COLUMNS: [(&str, bool); 7] = [
    ("Donor", false),
    ("Commitments", true),
    ("Committed", true),
    ("Delivered", true),
    ("In the pipeline", true),
    ("On time", true),
    ("Days late", true),
];

/// Promised against actual dates, one row per commitment.
pub(super) fn deliveries_chart(r: &CapabilitiesReport) -> Markup {
    const W: f64 = 720.0;
    const LEFT: f64 = 150.0;
    const RIGHT: f64 = 700.0;
    const ROW: f64 = 22.0;
    const TOP: f64 = 24.0;
    let all = &r.deliveries.commitments;
    let list = &all[..all.len().min(ROWS_MAX)];
    if list.is_empty() {
        return html! {
            p id="deliveries-chart-empty" class="empty" {
                "No commitment has been recorded, so there is nothing to chart."
            }
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
    let desc = format!(
        "One row per commitment, time from {} to {} left to right: a hollow circle at the promised date, a filled circle at the receipt that completed it, and a line between them; a commitment not yet complete has a dashed line to now. The commitments table below gives the same dates.",
        readable(start),
        readable(end)
    );
    let now = x(r.as_of);
    let body = html! {
        line class="now" x1=(F1(now)) y1=(F1(TOP - 6.0)) x2=(F1(now)) y2=(F1(height - 24.0)) {}
        text class="axis" x=(F1(now)) y=(F1(TOP - 10.0)) text-anchor="middle" { "now" }
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
                    (c.id) " (" (c.donor) "): " (c.delivered) " of " (c.quantity) " " (c.item)
                    " delivered, promised " (readable(c.promised)) ", "
                    @match c.completed_at {
                        Some(t) => { "completed " (readable(t)) }
                        None => { "not complete" }
                    }
                    @if c.days_late > 0 { ", " (c.days_late) " days late" }
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
    let frame = Frame {
        id: "deliveries-chart",
        width: W,
        height,
        title: "Promised and actual delivery dates per commitment",
        desc: &desc,
    };
    html! {
        ul class="legend" aria-label="Legend" {
            li { span class="swatch dot-promised" aria-hidden="true" {} "promised (hollow)" }
            li { span class="swatch dot-completed" aria-hidden="true" {} "completed (filled)" }
            li { span class="swatch line-on_time" aria-hidden="true" {} "on time" }
            li { span class="swatch line-late" aria-hidden="true" {} "late or overdue" }
            li { span class="swatch line-open" aria-hidden="true" {} "open (dashed, to now)" }
        }
        (frame.inline("chart chart-wide", body))
    }
}

pub(super) fn commitments_table(r: &CapabilitiesReport, names: &Names) -> Markup {
    let columns = [
        ("Commitment", false),
        ("Delivered", true),
        ("Promised", false),
        ("Completed", false),
        ("Status", false),
    ];
    let rows = html! {
        @for c in r.deliveries.commitments.iter().take(ROWS_MAX) {
            @let state = c.state.name();
            tr data-commitment=(c.id) data-donor=(c.donor) data-state=(state) {
                td { (c.id) div class="meta" { (names.party(&c.donor)) " \u{b7} " (c.category) } }
                td class="num" { (units(c.delivered)) " of " (units(c.quantity)) " " (c.item) }
                td { (time(c.promised)) }
                td { @match c.completed_at { Some(t) => { (time(t)) } None => { "\u{2014}" } } }
                td {
                    (badge(state))
                    @if c.days_late > 0 {
                        div class="meta" data-days-late=(c.days_late) {
                            (plural(usize::try_from(c.days_late).unwrap_or(usize::MAX), "day", "days"))
                            " late"
                        }
                    }
                }
            }
        }
        @if r.deliveries.commitments.is_empty() {
            (empty_row(columns.len(), "No commitment has been recorded."))
        }
    };
    html! {
        (table("commitments", "Commitments", &columns, rows))
        (rows_note(r.deliveries.commitments.len(), "/v1/capabilities/deliveries"))
    }
}

pub(super) fn deliveries_main(r: &CapabilitiesReport, names: &Names) -> Markup {
    let d = &r.deliveries;
    let donors = html! {
        @for g in &d.donors { (group_row(&group!(g), &g.donor, None, names)) }
        @if d.donors.is_empty() { (empty_row(GROUP_COLUMNS.len(), "No commitment has been recorded.")) }
    };
    let groups = html! {
        @for g in &d.groups { (group_row(&group!(g), &g.donor, Some(&g.category), names)) }
        @if d.groups.is_empty() { (empty_row(GROUP_COLUMNS.len(), "No commitment has been recorded.")) }
    };
    html! {
        (section("donors-section", "By donor", html! {
            (table("donors", "Delivery performance by donor", &GROUP_COLUMNS, donors))
            p class="note" {
                "On time: complete by the promised date, of the commitments due (promised by now, \
                 or complete). Days late: whole days past the promised date, rounded up, of late \
                 and overdue commitments. In the pipeline: committed and not yet delivered."
            }
        }))
        (section("deliveries-chart-section", "Promised and actual dates", deliveries_chart(r)))
        (section("commitments-section", "Commitments", commitments_table(r, names)))
        (section("groups-section", "By category", table("delivery-groups", "By donor and category", &GROUP_COLUMNS, groups)))
    }
}
