//! The fund page's charts: the pools over time and the contributors' bars (SVG drawn on the
//! server with `snapback-svg`, each with a table of the same figures).

use snapback_svg::{F1, Frame, Linear};

use super::*;
use crate::dashboard::{readable, short_time};

pub(super) fn pools_section(r: &FundReport, currency: &str, view: &FundView, t: Tr) -> Markup {
    let heads = heads(
        t,
        &[
            ("fund-column-pool", false),
            ("fund-column-balance", true),
            ("fund-column-reserved-tranches", true),
            ("fund-column-available", true),
        ],
    );
    let rows = html! {
        @for p in &r.pools {
            @let label = match p.pool {
                "core" => t.msg("fund-pool-core"),
                "surge" => t.msg("fund-pool-surge"),
                other => other.to_owned(),
            };
            tr data-pool=(p.pool) {
                th scope="row" { (label) }
                td class="num" { (amount(p.balance)) }
                td class="num" { (amount(p.reserved)) }
                td class="num" { (amount(p.available)) }
            }
        }
    };
    let totals = &r.totals;
    let (word, detail) = if totals.balanced {
        ("fund-books-balance", "fund-books-equal")
    } else {
        ("fund-books-not-balance", "fund-books-differ")
    };
    html! {
        (table("pools", &in_currency(t, "fund-pools-caption", currency), &cols(&heads), rows))
        p id="books" data-balanced=(totals.balanced) {
            strong { (t.msg(word)) } ": "
            (t.msg_args("fund-books-figures", &[
                ("detail", t.msg(detail).into()),
                ("debited", amount(totals.debits_posted).into()),
                ("credited", amount(totals.credits_posted).into()),
                ("debits", amount(totals.debits_pending).into()),
                ("credits", amount(totals.credits_pending).into()),
                ("transfers", r.transfers.into()),
            ]))
        }
        @if !r.problems.is_empty() {
            ul id="fund-problems" { @for p in &r.problems { li { (p) } } }
        }
        (pools_chart(&view.series, view.now, currency, t))
    }
}

/// Step lines of the core and surge pools' posted balances over time.
pub(super) fn pools_chart(
    series: &[Point],
    now: Option<Timestamp>,
    currency: &str,
    t: Tr,
) -> Markup {
    const W: f64 = 720.0;
    const H: f64 = 260.0;
    const LEFT: f64 = 88.0;
    const RIGHT: f64 = 700.0;
    const TOP: f64 = 16.0;
    const BOTTOM: f64 = 212.0;
    let (Some(first), Some(last)) = (series.first(), series.last()) else {
        return html! {
            p id="fund-pools-chart-empty" class="empty" { (t.msg("fund-pools-chart-empty")) }
        };
    };
    let start = first.0;
    let end = now.map_or(last.0, |n| n.max(last.0));
    let span = end.duration_since(start).as_secs_f64().max(1.0);
    let max_amount = series
        .iter()
        .map(|p| p.1.max(p.2))
        .max()
        .unwrap_or(Decimal::ZERO);
    let max = max_amount.to_f64().unwrap_or(0.0).max(1.0);
    let x_scale = Linear::new((0.0, span), (LEFT, RIGHT));
    let y_scale = Linear::new((0.0, max), (BOTTOM, TOP));
    let x = |t: Timestamp| x_scale.at(t.duration_since(start).as_secs_f64());
    let y = |d: Decimal| y_scale.at(d.to_f64().unwrap_or(0.0));
    let step = |pick: fn(&Point) -> Decimal| {
        let mut d = format!("M{} {}", F1(x(start)), F1(y(pick(first))));
        for p in &series[1..] {
            d.push_str(&format!(" H{} V{}", F1(x(p.0)), F1(y(pick(p)))));
        }
        d.push_str(&format!(" H{}", F1(RIGHT)));
        d
    };
    let (core_now, surge_now) = (last.1, last.2);
    let core_max = series.iter().map(|p| p.1).max().unwrap_or_default();
    let surge_max = series.iter().map(|p| p.2).max().unwrap_or_default();
    let desc = t.msg_args(
        "fund-pools-chart-desc",
        &[
            ("currency", currency.into()),
            ("from", readable(start).into()),
            ("to", readable(end).into()),
            ("changes", series.len().saturating_sub(1).into()),
            ("core_now", amount(core_now).into()),
            ("core_max", amount(core_max).into()),
            ("surge_now", amount(surge_now).into()),
            ("surge_max", amount(surge_max).into()),
        ],
    );
    let title = in_currency(t, "fund-pools-chart-title", currency);
    // Horizontal grid lines at 0, a half and the maximum, labelled.
    let grid = [
        (0.0, Decimal::ZERO),
        (0.5, max_amount / Decimal::TWO),
        (1.0, max_amount),
    ];
    let body = html! {
        @for (frac, value) in grid {
            @let gy = y_scale.at(frac * max);
            line class="grid" x1=(LEFT) y1=(F1(gy)) x2=(RIGHT) y2=(F1(gy)) {}
            text class="axis" x=(F1(LEFT - 6.0)) y=(F1(gy + 4.0)) text-anchor="end" { (compact(t, value)) }
        }
        text class="axis" x=(LEFT) y=(BOTTOM + 20.0) text-anchor="start" { (short_time(start)) }
        text class="axis" x=(RIGHT) y=(BOTTOM + 20.0) text-anchor="end" { (short_time(end)) }
        path class="line-core" d=(step(|p| p.1)) {
            title { (t.msg_args("fund-core-now", &[("amount", amount(core_now).into())])) }
        }
        path class="line-surge" d=(step(|p| p.2)) {
            title { (t.msg_args("fund-surge-now", &[("amount", amount(surge_now).into())])) }
        }
    };
    let frame = Frame {
        id: "fund-pools-chart",
        width: W,
        height: H,
        title: &title,
        desc: &desc,
    };
    // The figures behind the chart, as a table (the latest changes).
    let shown = series.len().min(SERIES_TABLE);
    let summary = if shown < series.len() {
        t.msg_args(
            "fund-series-latest",
            &[("shown", shown.into()), ("total", series.len().into())],
        )
    } else {
        t.msg_args("fund-series-points", &[("count", series.len().into())])
    };
    let history_heads = heads(
        t,
        &[
            ("fund-column-after", false),
            ("fund-column-core", true),
            ("fund-column-surge", true),
        ],
    );
    let rows = html! {
        @for p in series.iter().rev().take(SERIES_TABLE) {
            tr { td { (time(p.0)) } td class="num" { (amount(p.1)) } td class="num" { (amount(p.2)) } }
        }
    };
    html! {
        h3 { (t.msg("fund-balances-heading")) }
        ul class="legend" aria-label=(t.msg("legend-label")) {
            li { span class="swatch line-core" aria-hidden="true" {} (t.msg("fund-legend-core")) }
            li { span class="swatch line-surge" aria-hidden="true" {} (t.msg("fund-legend-surge")) }
        }
        // The page has always published the title and description as `pools-chart-…`.
        (frame.inline_labelled("chart chart-wide", "pools-chart", body))
        details {
            summary { (t.msg_args("fund-balances-table", &[("summary", summary.into())])) }
            (table(
                "pool-history",
                &in_currency(t, "fund-pool-history-caption", currency),
                &cols(&history_heads),
                rows,
            ))
        }
    }
}

/// The three bars of a contributor: (class, label, amount).
pub(super) fn bars(c: &ContributorReport, t: Tr) -> [(&'static str, String, Decimal); 3] {
    [
        ("bar-paid_in", t.msg("fund-bar-paid-in"), c.paid_in),
        ("bar-called", t.msg("fund-bar-surge-called"), c.called),
        ("bar-call_paid", t.msg("fund-bar-surge-paid"), c.call_paid),
    ]
}

/// Horizontal bars per contributor: paid in, surge called, surge paid.
pub(super) fn contributors_chart(
    rows: &[ContributorReport],
    names: &Names,
    currency: &str,
) -> Markup {
    const W: f64 = 720.0;
    const LABEL: f64 = 64.0;
    const BARS: f64 = 520.0;
    const BAR: f64 = 11.0;
    const ROW: f64 = 3.0 * BAR + 14.0;
    let t = names.t;
    if rows.is_empty() {
        return html! {};
    }
    let max = rows
        .iter()
        .flat_map(|c| bars(c, t).map(|b| b.2))
        .max()
        .unwrap_or_default()
        .to_f64()
        .unwrap_or(0.0)
        .max(1.0);
    let scale = Linear::new((0.0, max), (0.0, BARS));
    let title = in_currency(t, "fund-contributors-chart-title", currency);
    let desc = t.msg("fund-contributors-chart-desc");
    let frame = Frame {
        id: "fund-contributors-chart",
        width: W,
        height: rows.len() as f64 * ROW + 8.0,
        title: &title,
        desc: &desc,
    };
    let body = html! {
        @for (i, c) in rows.iter().enumerate() {
            @let top = i as f64 * ROW + 4.0;
            @let figures: Vec<String> = bars(c, t)
                .iter()
                .map(|(_, label, v)| format!("{label} {}", amount(*v)))
                .collect();
            g data-party=(c.id.as_str()) {
                title { (names.party(c.id.as_str())) ": " (figures.join(", ")) }
                text x="0" y=(F1(top + 1.5 * BAR + 4.0)) { (c.id.as_str()) }
                @for (j, (class, label, v)) in bars(c, t).iter().enumerate() {
                    @let y = top + j as f64 * BAR;
                    @let width = scale.at(v.to_f64().unwrap_or(0.0));
                    rect class=(class) x=(LABEL) y=(F1(y)) width=(F1(width)) height=(F1(BAR - 1.0)) {
                        title { (c.id.as_str()) ": " (label) " " (amount(*v)) }
                    }
                    text class="value" x=(F1(LABEL + width + 4.0)) y=(F1(y + BAR - 2.0)) { (compact(t, *v)) }
                }
            }
        }
    };
    html! {
        ul class="legend" aria-label=(t.msg("legend-label")) {
            li { span class="swatch bar-paid_in" aria-hidden="true" {} (t.msg("fund-legend-paid-in")) }
            li { span class="swatch bar-called" aria-hidden="true" {} (t.msg("fund-legend-surge-called")) }
            li { span class="swatch bar-call_paid" aria-hidden="true" {} (t.msg("fund-legend-surge-paid")) }
        }
        // The page has always published the title and description as `contributors-chart-…`.
        (frame.inline_labelled("chart chart-wide", "contributors-chart", body))
    }
}
