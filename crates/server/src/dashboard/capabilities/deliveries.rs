//! `GET /capabilities/deliveries`: delivery performance by donor.

use super::*;

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

pub(super) fn group_row(s: &mut String, g: &Group, first: String, attrs: &str) {
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
pub(super) fn deliveries_chart(r: &CapabilitiesReport) -> String {
    const W: f64 = 720.0;
    const LEFT: f64 = 150.0;
    const RIGHT: f64 = 700.0;
    const ROW: f64 = 22.0;
    const TOP: f64 = 24.0;
    let all = &r.deliveries.commitments;
    let list = &all[..all.len().min(crate::dashboard::ROWS_MAX)];
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
            crate::dashboard::readable(start),
            crate::dashboard::readable(end)
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
            crate::dashboard::readable(c.promised),
            match c.completed_at {
                Some(t) => format!("completed {}", crate::dashboard::readable(t)),
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

pub(super) fn commitments_table(r: &CapabilitiesReport, names: &Names) -> String {
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
    for c in r
        .deliveries
        .commitments
        .iter()
        .take(crate::dashboard::ROWS_MAX)
    {
        let state = state_name(&c.state);
        let late = if c.days_late > 0 {
            format!(
                r#"<div class="meta" data-days-late="{n}">{} late</div>"#,
                crate::dashboard::plural(
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
    s.push_str(&crate::dashboard::rows_note(
        r.deliveries.commitments.len(),
        "/v1/capabilities/deliveries",
    ));
    s
}

pub(super) fn deliveries_main(r: &CapabilitiesReport, names: &Names) -> String {
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
