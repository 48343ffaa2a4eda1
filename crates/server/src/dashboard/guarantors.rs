//! `GET /guarantors`: how each guarantor meets its obligations.

use super::*;
#[allow(unused_imports)]
use super::legacy::{badge, claim_link, deadline, escape, item_list, section, time};

// ---------------------------------------------------------------------------------------------
// GET /guarantors
// ---------------------------------------------------------------------------------------------

pub(super) struct PartyRow {
    pub(super) id: String,
    pub(super) label: String,
    pub(super) c: Compliance,
}

pub(super) fn total(c: &Compliance) -> u64 {
    c.on_time + c.late + c.overdue + c.pending
}

/// Every guarantor (with or without obligations) and every other party with obligations, in the
/// charter's order.
pub(super) fn party_rows(
    mut compliance: BTreeMap<String, Compliance>,
    names: &Names,
) -> Vec<PartyRow> {
    let mut rows = Vec::new();
    for p in names
        .charter
        .map(|c| c.parties.as_slice())
        .unwrap_or_default()
    {
        let c = compliance.remove(p.id.as_str());
        if c.is_some() || p.has_role(Role::Guarantor) {
            rows.push(PartyRow {
                id: p.id.to_string(),
                label: names.party(p.id.as_str()),
                c: c.unwrap_or_default(),
            });
        }
    }
    for (id, c) in compliance {
        rows.push(PartyRow {
            label: names.party(&id),
            id,
            c,
        });
    }
    rows
}

/// The four statuses, in the order the chart stacks them.
pub(super) fn segments(c: &Compliance) -> [(&'static str, &'static str, u64); 4] {
    [
        ("on_time", "on time", c.on_time),
        ("late", "late", c.late),
        ("overdue", "overdue", c.overdue),
        ("pending", "pending", c.pending),
    ]
}

pub(super) fn chart_row(s: &mut String, i: usize, row: &PartyRow, scale: f64) {
    const LABEL: f64 = 56.0;
    const ROW: usize = 30;
    let y = i * ROW + 6;
    let summary: Vec<String> = segments(&row.c)
        .iter()
        .map(|(_, label, n)| format!("{n} {label}"))
        .collect();
    let _ = write!(
        s,
        r#"<g><title>{label}: {summary}</title><text x="0" y="{ty}">{id}</text>"#,
        label = escape(&row.label),
        summary = summary.join(", "),
        ty = y + 14,
        id = escape(&row.id),
    );
    let mut x = LABEL;
    for (class, label, n) in segments(&row.c) {
        if n == 0 {
            continue;
        }
        let width = n as f64 * scale;
        let _ = write!(
            s,
            r#"<rect class="seg-{class}" x="{x:.1}" y="{y}" width="{width:.1}" height="18"><title>{id}: {n} {label}</title></rect>"#,
            id = escape(&row.id),
        );
        x += width;
    }
    let _ = write!(
        s,
        r#"<text x="{tx:.1}" y="{ty}">{n}</text></g>"#,
        tx = x + 6.0,
        ty = y + 14,
        n = total(&row.c),
    );
}

/// A stacked bar per party, drawn without script; the table gives the same figures.
pub(super) fn chart(rows: &[PartyRow]) -> String {
    const WIDTH: f64 = 480.0;
    const BARS: f64 = 380.0;
    let max = rows.iter().map(|r| total(&r.c)).max().unwrap_or(0).max(1);
    let scale = BARS / max as f64;
    let height = rows.len() * 30 + 12;
    let mut s = format!(
        r#"<div class="chart-scroll"><svg id="compliance-chart" class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg"><title id="chart-title">Obligations per party, by status</title><desc id="chart-desc">Stacked horizontal bars: for each party, its obligations met on time, met late, overdue and pending, with the total at the end of the bar. The table below gives the same figures.</desc>"#
    );
    for (i, row) in rows.iter().enumerate() {
        chart_row(&mut s, i, row, scale);
    }
    s.push_str("</svg></div>");
    s
}

pub(super) fn legend() -> String {
    let mut s = String::from(r#"<ul class="legend" aria-label="Legend">"#);
    for (class, label, _) in segments(&Compliance::default()) {
        let _ = write!(
            s,
            r#"<li><span class="swatch seg-{class}" aria-hidden="true"></span>{label}</li>"#
        );
    }
    s.push_str("</ul>");
    s
}

pub(super) fn compliance_table(rows: &[PartyRow]) -> String {
    let mut s = String::from(
        r#"<div class="table-scroll"><table id="compliance"><caption>Obligations per party, by status</caption><thead><tr><th scope="col">Party</th><th scope="col" class="num">On time</th><th scope="col" class="num">Late</th><th scope="col" class="num">Overdue</th><th scope="col" class="num">Pending</th><th scope="col" class="num">Total</th></tr></thead><tbody>"#,
    );
    for row in rows {
        let c = &row.c;
        let _ = write!(
            s,
            r#"<tr data-party="{id}"><th scope="row">{label}</th><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
            c.on_time,
            c.late,
            c.overdue,
            c.pending,
            total(c),
            id = escape(&row.id),
            label = escape(&row.label),
        );
    }
    s.push_str("</tbody></table></div>");
    s
}

pub(super) fn guarantors_page(compliance: BTreeMap<String, Compliance>, names: &Names) -> Page {
    let rows = party_rows(compliance, names);
    let mut m = String::from(
        r#"<h1>Guarantors' compliance</h1><p class="lede">How each guarantor, and each other party an activation placed obligations on, has met them.</p>"#,
    );
    m.push_str(&section(
        "chart-section",
        "At a glance",
        &format!("{}{}", legend(), chart(&rows)),
    ));
    m.push_str(&section(
        "table-section",
        "Figures",
        &compliance_table(&rows),
    ));
    m.push_str(r#"<p class="note">On time: fulfilled by its due instant. Late: fulfilled after it. Overdue: its due instant passed without fulfilment. Pending: not yet due.</p>"#);
    Page::ok("Guarantors", Section::Guarantors, PreEscaped(m))
}

pub(super) async fn guarantors(State(app): State<AppState>, uri: Uri) -> Response {
    let page = page_of(
        &app,
        |view| compliance(&view.state().obligations),
        guarantors_page,
    )
    .await;
    respond(page, &uri)
}
