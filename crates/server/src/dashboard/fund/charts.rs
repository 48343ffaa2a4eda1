//! The fund page's charts: the pools over time and the contributors' bars (SVG drawn on the
//! server, each with a table of the same figures).

use super::*;
use crate::dashboard::short_time;

pub(super) fn pools_section(r: &FundReport, currency: &str, view: &FundView) -> String {
    let mut s = table_head(
        "pools",
        &format!("Pools, in {currency}"),
        &[
            ("Pool", false),
            ("Balance", true),
            ("Reserved for tranches", true),
            ("Available", true),
        ],
    );
    for p in &r.pools {
        let label = match p.pool {
            "core" => "Core (paid-in capital)",
            "surge" => "Surge (paid against surge calls)",
            other => other,
        };
        let _ = write!(
            s,
            r#"<tr data-pool="{id}"><th scope="row">{label}</th><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
            amount(p.balance),
            amount(p.reserved),
            amount(p.available),
            id = escape(p.pool),
            label = escape(label),
        );
    }
    s.push_str(TABLE_END);
    let t = &r.totals;
    let (word, detail) = if t.balanced {
        ("balance", "debits equal credits")
    } else {
        ("do not balance", "debits and credits differ")
    };
    let _ = write!(
        s,
        r#"<p id="books" data-balanced="{balanced}"><strong>The books {word}</strong>: {detail}, posted ({} debited, {} credited) and pending ({} and {}), over {}.</p>"#,
        amount(t.debits_posted),
        amount(t.credits_posted),
        amount(t.debits_pending),
        amount(t.credits_pending),
        plural(r.transfers, "transfer", "transfers"),
        balanced = t.balanced,
    );
    if !r.problems.is_empty() {
        s.push_str(r#"<ul id="fund-problems">"#);
        for p in &r.problems {
            let _ = write!(s, "<li>{}</li>", escape(p));
        }
        s.push_str("</ul>");
    }
    s.push_str(&pools_chart(&view.series, view.now, currency));
    s
}

/// Step lines of the core and surge pools' posted balances over time.
pub(super) fn pools_chart(series: &[Point], now: Option<Timestamp>, currency: &str) -> String {
    const W: f64 = 720.0;
    const H: f64 = 260.0;
    const LEFT: f64 = 88.0;
    const RIGHT: f64 = 700.0;
    const TOP: f64 = 16.0;
    const BOTTOM: f64 = 212.0;
    let (Some(first), Some(last)) = (series.first(), series.last()) else {
        return r#"<p id="fund-pools-chart-empty" class="empty">No money has moved through the pools yet, so there is no history to chart.</p>"#.to_owned();
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
    let x = |t: Timestamp| LEFT + (RIGHT - LEFT) * t.duration_since(start).as_secs_f64() / span;
    let y = |d: Decimal| BOTTOM - (BOTTOM - TOP) * d.to_f64().unwrap_or(0.0) / max;
    let step = |pick: fn(&Point) -> Decimal| {
        let mut d = format!("M{:.1} {:.1}", x(start), y(pick(first)));
        for p in &series[1..] {
            let _ = write!(d, " H{:.1} V{:.1}", x(p.0), y(pick(p)));
        }
        let _ = write!(d, " H{RIGHT:.1}");
        d
    };
    let (core_now, surge_now) = (last.1, last.2);
    let core_max = series.iter().map(|p| p.1).max().unwrap_or_default();
    let surge_max = series.iter().map(|p| p.2).max().unwrap_or_default();
    let desc = format!(
        "Step lines of the posted balance of each pool, in {currency}, from {} to {}, over {}. Core pool: now {}, at most {}. Surge pool (dashed line): now {}, at most {}. The table under the chart lists the figures.",
        crate::dashboard::readable(start),
        crate::dashboard::readable(end),
        plural(series.len().saturating_sub(1), "change", "changes"),
        group_digits(&core_now.to_string()),
        group_digits(&core_max.to_string()),
        group_digits(&surge_now.to_string()),
        group_digits(&surge_max.to_string()),
    );
    let mut s = format!(
        r#"<h3>Balances over time</h3><ul class="legend" aria-label="Legend"><li><span class="swatch line-core" aria-hidden="true"></span>core pool (solid)</li><li><span class="swatch line-surge" aria-hidden="true"></span>surge pool (dashed)</li></ul><div class="chart-scroll"><svg id="fund-pools-chart" class="chart chart-wide" viewBox="0 0 {W} {H}" role="img" aria-labelledby="pools-chart-title pools-chart-desc" xmlns="http://www.w3.org/2000/svg"><title id="pools-chart-title">Pool balances over time, in {currency}</title><desc id="pools-chart-desc">{}</desc>"#,
        escape(&desc),
        currency = escape(currency),
    );
    // Horizontal grid lines at 0, a half and the maximum, labelled.
    for (frac, value) in [
        (0.0, Decimal::ZERO),
        (0.5, max_amount / Decimal::TWO),
        (1.0, max_amount),
    ] {
        let gy = BOTTOM - (BOTTOM - TOP) * frac;
        let label = compact(value);
        let _ = write!(
            s,
            r#"<line class="grid" x1="{LEFT}" y1="{gy:.1}" x2="{RIGHT}" y2="{gy:.1}"/><text class="axis" x="{lx:.1}" y="{ty:.1}" text-anchor="end">{}</text>"#,
            escape(&label),
            lx = LEFT - 6.0,
            ty = gy + 4.0,
        );
    }
    let _ = write!(
        s,
        r#"<text class="axis" x="{LEFT}" y="{ty}" text-anchor="start">{}</text><text class="axis" x="{RIGHT}" y="{ty}" text-anchor="end">{}</text>"#,
        escape(&short_time(start)),
        escape(&short_time(end)),
        ty = BOTTOM + 20.0,
    );
    let _ = write!(
        s,
        r#"<path class="line-core" d="{}"><title>Core pool: now {}</title></path><path class="line-surge" d="{}"><title>Surge pool: now {}</title></path>"#,
        step(|p| p.1),
        escape(&group_digits(&core_now.to_string())),
        step(|p| p.2),
        escape(&group_digits(&surge_now.to_string())),
    );
    s.push_str("</svg></div>");
    // The figures behind the chart, as a table (the latest changes).
    let shown = series.len().min(SERIES_TABLE);
    let _ = write!(
        s,
        r#"<details><summary>The balances as a table ({})</summary>"#,
        if shown < series.len() {
            format!("the latest {shown} of {}", series.len())
        } else {
            plural(series.len(), "point", "points")
        }
    );
    s.push_str(&table_head(
        "pool-history",
        &format!("Posted balances after each change, in {currency}"),
        &[("After", false), ("Core", true), ("Surge", true)],
    ));
    for p in series.iter().rev().take(SERIES_TABLE) {
        let _ = write!(
            s,
            r#"<tr><td>{}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
            time(p.0),
            amount(p.1),
            amount(p.2)
        );
    }
    s.push_str(TABLE_END);
    s.push_str("</details>");
    s
}

/// The three bars of a contributor: (class, label, amount).
pub(super) fn bars(c: &ContributorReport) -> [(&'static str, &'static str, Decimal); 3] {
    [
        ("bar-paid_in", "paid in", c.paid_in),
        ("bar-called", "surge called", c.called),
        ("bar-call_paid", "surge paid", c.call_paid),
    ]
}

/// Horizontal bars per contributor: paid in, surge called, surge paid.
pub(super) fn contributors_chart(
    rows: &[ContributorReport],
    names: &Names,
    currency: &str,
) -> String {
    const W: f64 = 720.0;
    const LABEL: f64 = 64.0;
    const BARS: f64 = 520.0;
    const BAR: f64 = 11.0;
    const ROW: f64 = 3.0 * BAR + 14.0;
    if rows.is_empty() {
        return String::new();
    }
    let max = rows
        .iter()
        .flat_map(|c| bars(c).map(|b| b.2))
        .max()
        .unwrap_or_default()
        .to_f64()
        .unwrap_or(0.0)
        .max(1.0);
    let height = rows.len() as f64 * ROW + 8.0;
    let mut s = format!(
        r#"<ul class="legend" aria-label="Legend"><li><span class="swatch bar-paid_in" aria-hidden="true"></span>paid in (top)</li><li><span class="swatch bar-called" aria-hidden="true"></span>surge called (middle)</li><li><span class="swatch bar-call_paid" aria-hidden="true"></span>surge paid (bottom)</li></ul><div class="chart-scroll"><svg id="fund-contributors-chart" class="chart chart-wide" viewBox="0 0 {W} {height}" role="img" aria-labelledby="contributors-chart-title contributors-chart-desc" xmlns="http://www.w3.org/2000/svg"><title id="contributors-chart-title">Contributors: paid in, surge called and surge paid, in {currency}</title><desc id="contributors-chart-desc">For each contributor three horizontal bars: what it paid in (all payments, surge payments included), what surge calls asked of it, and what it paid against them, with the amount at the end of each bar. The contributors table gives the exact figures.</desc>"#,
        currency = escape(currency),
    );
    for (i, c) in rows.iter().enumerate() {
        let top = i as f64 * ROW + 4.0;
        let figures: Vec<String> = bars(c)
            .iter()
            .map(|(_, label, v)| format!("{label} {}", group_digits(&v.to_string())))
            .collect();
        let _ = write!(
            s,
            r#"<g data-party="{id}"><title>{name}: {figures}</title><text x="0" y="{ty:.1}">{id}</text>"#,
            id = escape(c.id.as_str()),
            name = escape(&names.party(c.id.as_str())),
            figures = escape(&figures.join(", ")),
            ty = top + 1.5 * BAR + 4.0,
        );
        for (j, (class, label, v)) in bars(c).iter().enumerate() {
            let y = top + j as f64 * BAR;
            let width = BARS * v.to_f64().unwrap_or(0.0) / max;
            let _ = write!(
                s,
                r#"<rect class="{class}" x="{LABEL}" y="{y:.1}" width="{width:.1}" height="{h:.1}"><title>{id}: {label} {full}</title></rect><text class="value" x="{tx:.1}" y="{ty:.1}">{short}</text>"#,
                h = BAR - 1.0,
                id = escape(c.id.as_str()),
                full = escape(&group_digits(&v.to_string())),
                tx = LABEL + width + 4.0,
                ty = y + BAR - 2.0,
                short = escape(&compact(*v)),
            );
        }
        s.push_str("</g>");
    }
    s.push_str("</svg></div>");
    s
}
