//! `GET /guarantors`: how each guarantor meets its obligations.

use snapback_svg::{F1, Frame, Linear};

use super::*;

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

/// Height of one party's row in the chart, in user units.
const CHART_ROW: f64 = 30.0;

pub(super) fn chart_row(i: usize, row: &PartyRow, scale: &Linear) -> Markup {
    let y = i as f64 * CHART_ROW + 6.0;
    let summary: Vec<String> = segments(&row.c)
        .iter()
        .map(|(_, label, n)| format!("{n} {label}"))
        .collect();
    // Each segment starts where the previous one ended.
    let mut x = scale.at(0.0);
    let mut bars = Vec::new();
    for (class, label, n) in segments(&row.c) {
        if n == 0 {
            continue;
        }
        let width = scale.at(n as f64) - scale.at(0.0);
        bars.push(html! {
            rect class={ "seg-" (class) } x=(F1(x)) y=(y) width=(F1(width)) height="18" {
                title { (row.id) ": " (n) " " (label) }
            }
        });
        x += width;
    }
    html! {
        g {
            title { (row.label) ": " (summary.join(", ")) }
            text x="0" y=(y + 14.0) { (row.id) }
            @for bar in &bars { (bar) }
            text x=(F1(x + 6.0)) y=(y + 14.0) { (total(&row.c)) }
        }
    }
}

/// A stacked bar per party, drawn without script; the table gives the same figures.
pub(super) fn chart(rows: &[PartyRow]) -> Markup {
    const LABEL: f64 = 56.0;
    const BARS: f64 = 380.0;
    let max = rows.iter().map(|r| total(&r.c)).max().unwrap_or(0).max(1);
    let scale = Linear::new((0.0, max as f64), (LABEL, LABEL + BARS));
    let frame = Frame {
        id: "compliance-chart",
        width: 480.0,
        height: rows.len() as f64 * CHART_ROW + 12.0,
        title: "Obligations per party, by status",
        desc: "Stacked horizontal bars: for each party, its obligations met on time, met late, \
               overdue and pending, with the total at the end of the bar. The table below gives \
               the same figures.",
    };
    // The page has always published its title and description as `chart-title`/`chart-desc`.
    frame.inline_labelled(
        "chart",
        "chart",
        html! { @for (i, row) in rows.iter().enumerate() { (chart_row(i, row, &scale)) } },
    )
}

pub(super) fn legend() -> Markup {
    html! {
        ul class="legend" aria-label="Legend" {
            @for (class, label, _) in segments(&Compliance::default()) {
                li { span class={ "swatch seg-" (class) } aria-hidden="true" {} (label) }
            }
        }
    }
}

pub(super) fn compliance_table(rows: &[PartyRow]) -> Markup {
    let columns = [
        ("Party", false),
        ("On time", true),
        ("Late", true),
        ("Overdue", true),
        ("Pending", true),
        ("Total", true),
    ];
    let body = html! {
        @for row in rows {
            @let c = &row.c;
            tr data-party=(row.id) {
                th scope="row" { (row.label) }
                @for n in [c.on_time, c.late, c.overdue, c.pending, total(c)] {
                    td class="num" { (n) }
                }
            }
        }
    };
    table(
        "compliance",
        "Obligations per party, by status",
        &columns,
        body,
    )
}

pub(super) fn guarantors_page(compliance: BTreeMap<String, Compliance>, names: &Names) -> Page {
    let rows = party_rows(compliance, names);
    let main = html! {
        h1 { "Guarantors' compliance" }
        p class="lede" {
            "How each guarantor, and each other party an activation placed obligations on, has met them."
        }
        @if rows.iter().all(|r| total(&r.c) == 0) {
            // Before any activation there is nothing to count: say so instead of a chart and a
            // table of zeros.
            (section("chart-section", "At a glance", html! {
                p class="empty" id="no-obligations" {
                    "No activation has placed an obligation on any party yet, so there is nothing to                      meet or miss. When a snapback activates, each obligation it creates appears                      here under the party that owes it."
                }
                @if !rows.is_empty() {
                    p { "The guarantors: " (rows.iter().map(|r| r.label.as_str()).collect::<Vec<_>>().join(", ")) "." }
                }
            }))
        } @else {
            (section("chart-section", "At a glance", html! { (legend()) (chart(&rows)) }))
            (section("table-section", "Figures", compliance_table(&rows)))
        }
        p class="note" {
            "On time: fulfilled by its due instant. Late: fulfilled after it. Overdue: its due \
             instant passed without fulfilment. Pending: not yet due."
        }
    };
    Page::ok("Guarantors", Section::Guarantors, main)
}

pub(super) async fn guarantors(State(app): State<AppState>, uri: Uri, chosen: Chosen) -> Response {
    let page = page_of(
        &app,
        chosen.tr(),
        |view| compliance(&view.state().obligations),
        guarantors_page,
    )
    .await;
    respond(page, &uri, chosen)
}
