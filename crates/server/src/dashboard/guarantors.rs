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

/// The four statuses, in the order the chart stacks them: class, label, "N label", count.
pub(super) fn segments(c: &Compliance, t: Tr) -> [(&'static str, String, String, u64); 4] {
    let count = |id: &str, n: u64| t.msg_args(id, &[("count", n.into())]);
    [
        (
            "on_time",
            t.msg("compliance-on-time"),
            count("compliance-count-on-time", c.on_time),
            c.on_time,
        ),
        (
            "late",
            t.msg("compliance-late"),
            count("compliance-count-late", c.late),
            c.late,
        ),
        (
            "overdue",
            t.msg("compliance-overdue"),
            count("compliance-count-overdue", c.overdue),
            c.overdue,
        ),
        (
            "pending",
            t.msg("compliance-pending"),
            count("compliance-count-pending", c.pending),
            c.pending,
        ),
    ]
}

/// Height of one party's row in the chart, in user units.
const CHART_ROW: f64 = 30.0;

pub(super) fn chart_row(i: usize, row: &PartyRow, scale: &Linear, t: Tr) -> Markup {
    let y = i as f64 * CHART_ROW + 6.0;
    let segments = segments(&row.c, t);
    let summary: Vec<&str> = segments
        .iter()
        .map(|(_, _, counted, _)| counted.as_str())
        .collect();
    // Each segment starts where the previous one ended.
    let mut x = scale.at(0.0);
    let mut bars = Vec::new();
    for (class, _, counted, n) in &segments {
        if *n == 0 {
            continue;
        }
        let width = scale.at(*n as f64) - scale.at(0.0);
        bars.push(html! {
            rect class={ "seg-" (class) } x=(F1(x)) y=(y) width=(F1(width)) height="18" {
                title { (row.id) ": " (counted) }
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
pub(super) fn chart(rows: &[PartyRow], t: Tr) -> Markup {
    const LABEL: f64 = 56.0;
    const BARS: f64 = 380.0;
    let max = rows.iter().map(|r| total(&r.c)).max().unwrap_or(0).max(1);
    let scale = Linear::new((0.0, max as f64), (LABEL, LABEL + BARS));
    let frame = Frame {
        id: "compliance-chart",
        width: 480.0,
        height: rows.len() as f64 * CHART_ROW + 12.0,
        title: &t.msg("compliance-caption"),
        desc: &t.msg("compliance-chart-desc"),
    };
    // The page has always published its title and description as `chart-title`/`chart-desc`.
    frame.inline_labelled(
        "chart",
        "chart",
        html! { @for (i, row) in rows.iter().enumerate() { (chart_row(i, row, &scale, t)) } },
    )
}

pub(super) fn legend(t: Tr) -> Markup {
    html! {
        ul class="legend" aria-label=(t.msg("legend-label")) {
            @for (class, label, _, _) in segments(&Compliance::default(), t) {
                li { span class={ "swatch seg-" (class) } aria-hidden="true" {} (label) }
            }
        }
    }
}

pub(super) fn compliance_table(rows: &[PartyRow], t: Tr) -> Markup {
    let labels = [
        (t.msg("column-party"), false),
        (t.msg("column-on-time"), true),
        (t.msg("column-late"), true),
        (t.msg("column-overdue"), true),
        (t.msg("column-pending"), true),
        (t.msg("column-total"), true),
    ];
    let columns = labels.each_ref().map(|(label, num)| (label.as_str(), *num));
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
    table("compliance", &t.msg("compliance-caption"), &columns, body)
}

pub(super) fn guarantors_page(compliance: BTreeMap<String, Compliance>, names: &Names) -> Page {
    let t = names.t;
    let rows = party_rows(compliance, names);
    let main = html! {
        h1 { (t.msg("guarantors-heading")) }
        p class="lede" { (t.msg("guarantors-lede")) }
        @if rows.iter().all(|r| total(&r.c) == 0) {
            // Before any activation there is nothing to count: say so instead of a chart and a
            // table of zeros.
            (section("chart-section", &t.msg("guarantors-at-a-glance"), html! {
                p class="empty" id="no-obligations" { (t.msg("guarantors-none")) }
                @if !rows.is_empty() {
                    p {
                        (t.msg_args("guarantors-named", &[(
                            "names",
                            rows.iter().map(|r| r.label.as_str()).collect::<Vec<_>>().join(", ").into(),
                        )]))
                    }
                }
            }))
        } @else {
            (section("chart-section", &t.msg("guarantors-at-a-glance"), html! { (legend(t)) (chart(&rows, t)) }))
            (section("table-section", &t.msg("guarantors-figures"), compliance_table(&rows, t)))
        }
        p class="note" { (t.msg("guarantors-note")) }
    };
    Page::ok(t.msg("guarantors-title"), Section::Guarantors, main)
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
