//! Hand-written SVG charts of a sweep, in the style of the dashboard's charts: an `<svg>` with a
//! `viewBox`, a `<title>` and a `<desc>`, axis lines with tick labels, and escaped text.
//!
//! Every chart is a pure function of its input: coordinates are written with `{:.2}` and tick
//! labels with a fixed number of decimals derived from the tick step, so the same input gives
//! the same bytes. Each variant is one `<g class="series" data-variant="…">` element.

use std::fmt::Write as _;

use crate::record::{RunRecord, SweepResult};
use crate::stats::{MetricSummary, Summary, median, quantiles};

/// Series colours (Okabe–Ito, without the yellow, which is illegible on white), cycled.
const PALETTE: [&str; 7] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
];

fn colour(i: usize) -> &'static str {
    PALETTE[i % PALETTE.len()]
}

/// Text escaped for XML content and attribute values. Control characters XML cannot carry
/// (even escaped) become U+FFFD.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A "nice" step (1, 2, 2.5 or 5 times a power of ten) at least `raw`.
fn nice_step(raw: f64) -> f64 {
    if !raw.is_finite() || raw <= 0.0 {
        return 1.0;
    }
    let magnitude = 10f64.powf(raw.log10().floor());
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if m * magnitude >= raw * (1.0 - 1e-12) {
            return m * magnitude;
        }
    }
    10.0 * magnitude
}

/// A tick value with as many decimals as its step needs (0.25 → 2, 0.5 → 1, 20 → 0).
fn tick_label(value: f64, step: f64) -> String {
    let mut decimals = 0usize;
    let mut scaled = step;
    while decimals < 6 && (scaled - scaled.round()).abs() > 1e-9 * scaled.abs().max(1.0) {
        scaled *= 10.0;
        decimals += 1;
    }
    let text = format!("{value:.decimals$}");
    // No "-0".
    if text
        .trim_start_matches('-')
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        text.trim_start_matches('-').to_string()
    } else {
        text
    }
}

/// Ticks from 0 (or below, for negative data) up to at least `max`, about `target` of them:
/// (axis minimum, axis maximum, step).
fn axis(min: f64, max: f64, target: f64) -> (f64, f64, f64) {
    let min = if min.is_finite() { min.min(0.0) } else { 0.0 };
    let max = if max.is_finite() && max > min {
        max
    } else {
        min + 1.0
    };
    let step = nice_step((max - min) / target);
    let lo = (min / step).floor() * step;
    let hi = (max / step).ceil() * step;
    (lo, if hi > lo { hi } else { lo + step }, step)
}

/// The tick values of an axis (lo..=hi by step), computed by index to avoid drift.
fn ticks(lo: f64, hi: f64, step: f64) -> Vec<f64> {
    let count = ((hi - lo) / step).round().clamp(0.0, 100.0) as usize;
    (0..=count).map(|i| lo + step * i as f64).collect()
}

/// The opening of a chart: `<svg>`, white background, `<title>` and `<desc>`.
fn open(s: &mut String, id: &str, width: f64, height: f64, title: &str, desc: &str) {
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" id="{id}" viewBox="0 0 {width:.2} {height:.2}" width="{width:.2}" height="{height:.2}" role="img" aria-labelledby="{id}-title {id}-desc" font-family="sans-serif" font-size="12"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc><rect x="0" y="0" width="{width:.2}" height="{height:.2}" fill="#ffffff"/>"##,
        escape(title),
        escape(desc),
    );
}

fn close(s: &mut String) {
    s.push_str("</svg>\n");
}

/// A horizontal x axis at `y` from `x0` to `x1` for values lo..hi, with tick labels below.
fn x_axis(s: &mut String, x0: f64, x1: f64, y: f64, lo: f64, hi: f64, step: f64) {
    let _ = write!(
        s,
        r##"<g class="x-axis"><line x1="{x0:.2}" y1="{y:.2}" x2="{x1:.2}" y2="{y:.2}" stroke="#333333"/>"##
    );
    for t in ticks(lo, hi, step) {
        let x = x0 + (t - lo) / (hi - lo) * (x1 - x0);
        let _ = write!(
            s,
            r##"<line x1="{x:.2}" y1="{y:.2}" x2="{x:.2}" y2="{:.2}" stroke="#333333"/><text x="{x:.2}" y="{:.2}" text-anchor="middle">{}</text>"##,
            y + 4.0,
            y + 16.0,
            tick_label(t, step),
        );
    }
    s.push_str("</g>");
}

/// A vertical y axis at `x` from `y0` (bottom) to `y1` (top) for values lo..hi, with tick
/// labels on the left and light grid lines to `grid_x1`.
#[allow(clippy::too_many_arguments)]
fn y_axis(
    s: &mut String,
    x: f64,
    grid_x1: f64,
    y0: f64,
    y1: f64,
    lo: f64,
    hi: f64,
    step: f64,
    percent: bool,
) {
    let _ = write!(
        s,
        r##"<g class="y-axis"><line x1="{x:.2}" y1="{y0:.2}" x2="{x:.2}" y2="{y1:.2}" stroke="#333333"/>"##
    );
    for t in ticks(lo, hi, step) {
        let y = y0 - (t - lo) / (hi - lo) * (y0 - y1);
        let label = if percent {
            format!("{}%", tick_label(t * 100.0, step * 100.0))
        } else {
            tick_label(t, step)
        };
        let _ = write!(
            s,
            r##"<line x1="{:.2}" y1="{y:.2}" x2="{grid_x1:.2}" y2="{y:.2}" stroke="#dddddd"/><line x1="{:.2}" y1="{y:.2}" x2="{x:.2}" y2="{y:.2}" stroke="#333333"/><text x="{:.2}" y="{:.2}" text-anchor="end">{label}</text>"##,
            x + 0.5,
            x - 4.0,
            x - 6.0,
            y + 4.0,
        );
    }
    s.push_str("</g>");
}

/// A rotated axis title centred on (x, y).
fn y_title(s: &mut String, x: f64, y: f64, text: &str) {
    let _ = write!(
        s,
        r#"<text x="{x:.2}" y="{y:.2}" text-anchor="middle" transform="rotate(-90 {x:.2} {y:.2})">{}</text>"#,
        escape(text)
    );
}

/// The series group's opening tag.
fn open_series(s: &mut String, name: &str, index: usize, title: &str) {
    let _ = write!(
        s,
        r#"<g class="series" data-variant="{}" data-index="{index}"><title>{}</title>"#,
        escape(name),
        escape(title),
    );
}

/// Formats a probability for a label.
fn prob(p: Option<f64>) -> String {
    p.map_or_else(|| "n/a".to_string(), |p| format!("{p:.3}"))
}

/// P(response) per variant: a dot at the proportion of runs with a response and a bar for its
/// Wilson 95% interval, on a 0–1 axis.
pub fn response_probability(summary: &Summary) -> String {
    const RIGHT: f64 = 20.0;
    const TOP: f64 = 40.0;
    const PLOT_H: f64 = 240.0;
    const BAND: f64 = 90.0;
    let n = summary.variants.len();
    let longest = summary
        .variants
        .iter()
        .map(|v| v.name.chars().count())
        .max()
        .unwrap_or(0) as f64;
    let rotate = n > 4 || longest > 12.0;
    // A label rotated by 35 degrees reaches about 5.7 px left and 4 px down per character.
    let bottom = if rotate { 40.0 + 4.0 * longest } else { 50.0 };
    let left = if rotate {
        (5.7 * longest - BAND / 2.0 + 10.0).max(70.0)
    } else {
        70.0
    };
    let plot_w = (BAND * n as f64).max(360.0);
    let width = left + plot_w + RIGHT;
    let height = TOP + PLOT_H + bottom;
    let band = if n == 0 { plot_w } else { plot_w / n as f64 };
    let y_of = |p: f64| TOP + PLOT_H - p.clamp(0.0, 1.0) * PLOT_H;

    let mut s = String::new();
    open(
        &mut s,
        "response-probability",
        width,
        height,
        "Probability of a response, per variant",
        "For each variant a dot at the share of runs in which a genuine violation was answered by an activation within the horizon, and a vertical bar for its Wilson 95% confidence interval. The summary JSON gives the exact figures.",
    );
    let _ = write!(
        s,
        r#"<text x="{left:.2}" y="20.00" font-weight="bold">P(response) with Wilson 95% interval</text>"#
    );
    y_axis(
        &mut s,
        left,
        left + plot_w,
        TOP + PLOT_H,
        TOP,
        0.0,
        1.0,
        0.2,
        false,
    );
    y_title(&mut s, 18.0, TOP + PLOT_H / 2.0, "P(response)");
    let _ = write!(
        s,
        r##"<line x1="{left:.2}" y1="{:.2}" x2="{:.2}" y2="{:.2}" stroke="#333333"/>"##,
        TOP + PLOT_H,
        left + plot_w,
        TOP + PLOT_H
    );
    for (i, v) in summary.variants.iter().enumerate() {
        let cx = left + band * (i as f64 + 0.5);
        let c = colour(i);
        let (p, lo, hi, successes, runs) = match v.metrics.get("responded") {
            Some(MetricSummary::Proportion(p)) => (p.p, p.lo, p.hi, p.successes, p.n),
            _ => (None, None, None, 0, 0),
        };
        let title = format!(
            "{}: P(response) = {} ({successes} of {runs} runs), 95% CI {} to {}",
            v.name,
            prob(p),
            prob(lo),
            prob(hi)
        );
        open_series(&mut s, &v.name, i, &title);
        if let (Some(lo), Some(hi)) = (lo, hi) {
            let (y_lo, y_hi) = (y_of(lo), y_of(hi));
            let _ = write!(
                s,
                r#"<line class="ci" x1="{cx:.2}" y1="{y_lo:.2}" x2="{cx:.2}" y2="{y_hi:.2}" stroke="{c}" stroke-width="2"/><line x1="{:.2}" y1="{y_lo:.2}" x2="{:.2}" y2="{y_lo:.2}" stroke="{c}" stroke-width="2"/><line x1="{:.2}" y1="{y_hi:.2}" x2="{:.2}" y2="{y_hi:.2}" stroke="{c}" stroke-width="2"/>"#,
                cx - 8.0,
                cx + 8.0,
                cx - 8.0,
                cx + 8.0,
            );
        }
        if let Some(p) = p {
            let y = y_of(p);
            let _ = write!(
                s,
                r#"<circle cx="{cx:.2}" cy="{y:.2}" r="5" fill="{c}"/><text x="{:.2}" y="{:.2}">{p:.2}</text>"#,
                cx + 12.0,
                y + 4.0,
            );
        } else {
            let _ = write!(
                s,
                r#"<text x="{cx:.2}" y="{:.2}" text-anchor="middle">no runs</text>"#,
                TOP + PLOT_H - 8.0
            );
        }
        let ly = TOP + PLOT_H + 18.0;
        if rotate {
            let _ = write!(
                s,
                r#"<text x="{cx:.2}" y="{ly:.2}" text-anchor="end" transform="rotate(-35 {cx:.2} {ly:.2})">{}</text>"#,
                escape(&v.name)
            );
        } else {
            let _ = write!(
                s,
                r#"<text x="{cx:.2}" y="{ly:.2}" text-anchor="middle">{}</text>"#,
                escape(&v.name)
            );
        }
        s.push_str("</g>");
    }
    close(&mut s);
    s
}

fn runs_of(result: &SweepResult, v: usize) -> &[RunRecord] {
    result.runs.get(v).map_or(&[][..], Vec::as_slice)
}

/// The distribution of hours from violation to activation (every `times_to_activation_h` of
/// every run), one histogram panel per variant on shared bins and a shared scale, the bar
/// heights being each variant's share of its own activations; a dashed line marks the median.
pub fn time_to_activation(result: &SweepResult) -> String {
    const LEFT: f64 = 70.0;
    const RIGHT: f64 = 20.0;
    const TOP: f64 = 40.0;
    const PANEL_H: f64 = 100.0;
    const PANEL_GAP: f64 = 60.0;
    const PLOT_W: f64 = 600.0;
    const BINS: f64 = 24.0;
    let times: Vec<Vec<f64>> = (0..result.variants.len())
        .map(|v| {
            runs_of(result, v)
                .iter()
                .flat_map(|r| r.times_to_activation_h.iter().copied())
                .filter(|t| t.is_finite())
                .collect()
        })
        .collect();
    let all = times.iter().flatten().copied();
    let min = all.clone().fold(f64::INFINITY, f64::min);
    let max = all.fold(f64::NEG_INFINITY, f64::max);
    let (x_lo, x_hi, width) = axis(min, max, BINS);
    let bins = ((x_hi - x_lo) / width).round().max(1.0) as usize;
    let counts: Vec<Vec<u64>> = times
        .iter()
        .map(|ts| {
            let mut c = vec![0u64; bins];
            for t in ts {
                let i = (((t - x_lo) / width).floor().max(0.0) as usize).min(bins - 1);
                if let Some(slot) = c.get_mut(i) {
                    *slot += 1;
                }
            }
            c
        })
        .collect();
    let share_max = counts
        .iter()
        .zip(&times)
        .flat_map(|(c, ts)| c.iter().map(move |&k| k as f64 / (ts.len().max(1)) as f64))
        .fold(0.0, f64::max);
    let (_, y_hi, y_step) = axis(0.0, if share_max > 0.0 { share_max } else { 1.0 }, 2.0);
    // The x-axis tick step: a nice step giving about 8 labels, a multiple of the bin width.
    let tick_step = (nice_step((x_hi - x_lo) / 8.0) / width).ceil().max(1.0) * width;

    let n = result.variants.len();
    let width_px = LEFT + PLOT_W + RIGHT;
    let height = TOP + n.max(1) as f64 * (PANEL_H + PANEL_GAP) + 20.0;
    let mut s = String::new();
    open(
        &mut s,
        "time-to-activation",
        width_px,
        height,
        "Time from violation to activation, per variant",
        "One histogram per variant of the hours from each genuine violation to the activation that answered it, over all runs, on shared bins; bar heights are the share of that variant's activations in the bin, and a dashed line marks the median. Runs.csv has each run's mean.",
    );
    let _ = write!(
        s,
        r#"<text x="{LEFT:.2}" y="20.00" font-weight="bold">Hours from violation to activation (share of activations per {} h bin)</text>"#,
        tick_label(width, width)
    );
    if n == 0 {
        let _ = write!(
            s,
            r#"<text x="{LEFT:.2}" y="{:.2}">no variants</text>"#,
            TOP + 20.0
        );
    }
    for (i, v) in result.variants.iter().enumerate() {
        let top = TOP + i as f64 * (PANEL_H + PANEL_GAP) + 26.0;
        let base = top + PANEL_H;
        let c = colour(i);
        let ts = times.get(i).map_or(&[][..], Vec::as_slice);
        let total = ts.len();
        let med = median(ts);
        let med_text = med.map_or_else(|| "n/a".to_string(), |m| format!("{m:.1} h"));
        let title = format!("{}: {total} activations, median {med_text}", v.name);
        open_series(&mut s, &v.name, i, &title);
        let _ = write!(
            s,
            r#"<text x="{LEFT:.2}" y="{:.2}" font-weight="bold">{}</text>"#,
            top - 12.0,
            escape(&title)
        );
        y_axis(
            &mut s,
            LEFT,
            LEFT + PLOT_W,
            base,
            top,
            0.0,
            y_hi,
            y_step,
            true,
        );
        let x_of = |x: f64| LEFT + (x - x_lo) / (x_hi - x_lo) * PLOT_W;
        if let Some(cs) = counts.get(i) {
            for (b, &k) in cs.iter().enumerate() {
                if k == 0 {
                    continue;
                }
                let share = k as f64 / total.max(1) as f64;
                let from = x_lo + width * b as f64;
                let (x0, x1) = (x_of(from), x_of(from + width));
                let h = share / y_hi * PANEL_H;
                let _ = write!(
                    s,
                    r#"<rect x="{x0:.2}" y="{:.2}" width="{:.2}" height="{h:.2}" fill="{c}" fill-opacity="0.8"><title>{} to {} h: {k} ({:.1}%)</title></rect>"#,
                    base - h,
                    (x1 - x0 - 1.0).max(0.5),
                    tick_label(from, width),
                    tick_label(from + width, width),
                    share * 100.0,
                );
            }
        }
        if let Some(m) = med {
            let x = x_of(m);
            let _ = write!(
                s,
                r##"<line class="median" x1="{x:.2}" y1="{top:.2}" x2="{x:.2}" y2="{base:.2}" stroke="#333333" stroke-dasharray="4 3"/>"##
            );
        } else {
            let _ = write!(
                s,
                r#"<text x="{:.2}" y="{:.2}" text-anchor="middle">no activations</text>"#,
                LEFT + PLOT_W / 2.0,
                top + PANEL_H / 2.0
            );
        }
        x_axis(&mut s, LEFT, LEFT + PLOT_W, base, x_lo, x_hi, tick_step);
        s.push_str("</g>");
    }
    let _ = write!(
        s,
        r#"<text x="{:.2}" y="{:.2}" text-anchor="middle">hours from violation to activation</text>"#,
        LEFT + PLOT_W / 2.0,
        height - 8.0
    );
    close(&mut s);
    s
}

/// The quantile levels of the fan: the outer band, the inner band and the median.
const FAN: [f64; 5] = [0.05, 0.25, 0.5, 0.75, 0.95];

/// Per day index, the [`FAN`] quantiles of `gain_by_day[day]` over the runs that have it.
fn fan_quantiles(runs: &[RunRecord], horizon: usize) -> Vec<(usize, Vec<f64>)> {
    (0..horizon)
        .filter_map(|d| {
            let values: Vec<f64> = runs
                .iter()
                .filter_map(|r| r.gain_by_day.get(d).copied())
                .collect();
            quantiles(&values, &FAN).map(|q| (d, q))
        })
        .collect()
}

/// The adversary's cumulative gain over time, a fan chart per variant (one panel each, shared
/// axes): the median across runs as a line, with shaded bands for the 25–75% and 5–95%
/// quantiles of `gain_by_day`. Day index d (the end of day d) is plotted at d + 1 days.
pub fn gain_fan(result: &SweepResult) -> String {
    const LEFT: f64 = 80.0;
    const RIGHT: f64 = 20.0;
    const TOP: f64 = 56.0;
    const PANEL_H: f64 = 140.0;
    const PANEL_GAP: f64 = 60.0;
    const PLOT_W: f64 = 600.0;
    let horizon = result
        .runs
        .iter()
        .flatten()
        .map(|r| r.gain_by_day.len())
        .max()
        .unwrap_or(0)
        .max(result.horizon_days as usize);
    let fans: Vec<Vec<(usize, Vec<f64>)>> = (0..result.variants.len())
        .map(|v| fan_quantiles(runs_of(result, v), horizon))
        .collect();
    let values = fans
        .iter()
        .flatten()
        .flat_map(|(_, q)| q.iter().copied())
        .filter(|x| x.is_finite());
    let y_min = values.clone().fold(0.0, f64::min);
    let y_max = values.fold(0.0, f64::max);
    let (y_lo, y_hi, y_step) = axis(y_min, if y_max > 0.0 { y_max } else { 1.0 }, 4.0);
    let (x_lo, x_hi, x_step) = axis(0.0, (horizon.max(1)) as f64, 8.0);

    let n = result.variants.len();
    let width = LEFT + PLOT_W + RIGHT;
    let height = TOP + n.max(1) as f64 * (PANEL_H + PANEL_GAP) + 20.0;
    let mut s = String::new();
    open(
        &mut s,
        "gain-fan",
        width,
        height,
        "Adversary's cumulative gain over time, per variant",
        "One panel per variant on shared axes: the line is the median across runs of the adversary's cumulative gain at the end of each day; the darker band spans the 25th to 75th percentiles and the lighter band the 5th to 95th.",
    );
    let _ = write!(
        s,
        r##"<text x="{LEFT:.2}" y="20.00" font-weight="bold">Adversary's cumulative gain by day</text><text x="{LEFT:.2}" y="38.00" fill="#555555">line: median across runs; dark band: 25–75%; light band: 5–95%</text>"##
    );
    if n == 0 {
        let _ = write!(
            s,
            r#"<text x="{LEFT:.2}" y="{:.2}">no variants</text>"#,
            TOP + 20.0
        );
    }
    let x_of = |day: f64| LEFT + (day - x_lo) / (x_hi - x_lo) * PLOT_W;
    for (i, v) in result.variants.iter().enumerate() {
        let top = TOP + i as f64 * (PANEL_H + PANEL_GAP) + 26.0;
        let base = top + PANEL_H;
        let y_of = |g: f64| base - (g - y_lo) / (y_hi - y_lo) * PANEL_H;
        let c = colour(i);
        let fan = fans.get(i).map_or(&[][..], Vec::as_slice);
        let runs = runs_of(result, i).len();
        let last = fan.last().and_then(|(_, q)| q.get(2).copied());
        let last_text = last.map_or_else(|| "n/a".to_string(), |g| format!("{g:.2}"));
        let title = format!(
            "{}: {runs} runs, median gain at the horizon {last_text}",
            v.name
        );
        open_series(&mut s, &v.name, i, &title);
        let _ = write!(
            s,
            r#"<text x="{LEFT:.2}" y="{:.2}" font-weight="bold">{}</text>"#,
            top - 12.0,
            escape(&title)
        );
        y_axis(
            &mut s,
            LEFT,
            LEFT + PLOT_W,
            base,
            top,
            y_lo,
            y_hi,
            y_step,
            false,
        );
        let point = |d: usize, q: &[f64], k: usize| {
            let g = q.get(k).copied().unwrap_or(0.0);
            format!("{:.2} {:.2}", x_of(d as f64 + 1.0), y_of(g))
        };
        let band = |lo_k: usize, hi_k: usize| {
            let mut d = String::new();
            for (j, (day, q)) in fan.iter().enumerate() {
                d.push_str(if j == 0 { "M" } else { " L" });
                d.push_str(&point(*day, q, hi_k));
            }
            for (day, q) in fan.iter().rev() {
                d.push_str(" L");
                d.push_str(&point(*day, q, lo_k));
            }
            d.push_str(" Z");
            d
        };
        if fan.is_empty() {
            let _ = write!(
                s,
                r#"<text x="{:.2}" y="{:.2}" text-anchor="middle">no gain data</text>"#,
                LEFT + PLOT_W / 2.0,
                top + PANEL_H / 2.0
            );
        } else {
            let mut line = String::new();
            for (j, (day, q)) in fan.iter().enumerate() {
                line.push_str(if j == 0 { "M" } else { " L" });
                line.push_str(&point(*day, q, 2));
            }
            let _ = write!(
                s,
                r#"<path class="band-90" d="{}" fill="{c}" fill-opacity="0.18" stroke="none"/><path class="band-50" d="{}" fill="{c}" fill-opacity="0.38" stroke="none"/><path class="median" d="{line}" fill="none" stroke="{c}" stroke-width="2"/>"#,
                band(0, 4),
                band(1, 3),
            );
        }
        x_axis(&mut s, LEFT, LEFT + PLOT_W, base, x_lo, x_hi, x_step);
        s.push_str("</g>");
    }
    y_title(&mut s, 18.0, TOP + (height - TOP) / 2.0, "cumulative gain");
    let _ = write!(
        s,
        r#"<text x="{:.2}" y="{:.2}" text-anchor="middle">days since the start</text>"#,
        LEFT + PLOT_W / 2.0,
        height - 8.0
    );
    close(&mut s);
    s
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
pub(crate) mod tests {
    use super::*;
    use crate::record::VariantInfo;
    use crate::stats::summarize;

    /// A tiny well-formedness check of the SVG subset these charts emit: one root `<svg>`
    /// element, balanced and properly nested tags, quoted attributes without raw `<`, and `&`
    /// only in the five entities and numeric references.
    pub(crate) fn check_xml(s: &str) -> Result<(), String> {
        if !s.starts_with("<svg") {
            return Err("does not start with <svg".into());
        }
        let mut stack: Vec<String> = Vec::new();
        let mut roots = 0;
        let mut rest = s;
        let check_entities = |text: &str| -> Result<(), String> {
            let mut t = text;
            while let Some(i) = t.find('&') {
                t = &t[i + 1..];
                let ok = ["amp;", "lt;", "gt;", "quot;", "#39;", "apos;"]
                    .iter()
                    .any(|e| t.starts_with(e));
                if !ok {
                    return Err(format!("bad entity at {:?}", &t[..t.len().min(10)]));
                }
            }
            Ok(())
        };
        while let Some(lt) = rest.find('<') {
            let text = &rest[..lt];
            if stack.is_empty() && !text.trim().is_empty() {
                return Err(format!("text outside the root: {text:?}"));
            }
            if text.contains('>') {
                return Err(format!("raw > in text {text:?}"));
            }
            check_entities(text)?;
            // Find the end of the tag, skipping quoted attribute values.
            let tag_start = lt + 1;
            let mut in_quote = false;
            let mut end = None;
            for (j, ch) in rest[tag_start..].char_indices() {
                match ch {
                    '"' => in_quote = !in_quote,
                    '<' if in_quote => return Err("raw < in an attribute".into()),
                    '<' => return Err("< inside a tag".into()),
                    '>' if !in_quote => {
                        end = Some(tag_start + j);
                        break;
                    }
                    _ => {}
                }
            }
            let end = end.ok_or("unterminated tag")?;
            let tag = &rest[tag_start..end];
            check_entities(tag)?;
            if let Some(name) = tag.strip_prefix('/') {
                let open = stack
                    .pop()
                    .ok_or_else(|| format!("</{name}> without an opening"))?;
                if open != name.trim() {
                    return Err(format!("<{open}> closed by </{name}>"));
                }
            } else {
                let name: String = tag
                    .chars()
                    .take_while(|c| !c.is_whitespace() && *c != '/')
                    .collect();
                if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric()) {
                    return Err(format!("bad tag name in <{tag}>"));
                }
                if stack.is_empty() {
                    roots += 1;
                }
                if !tag.ends_with('/') {
                    stack.push(name);
                }
            }
            rest = &rest[end + 1..];
        }
        if !rest.trim().is_empty() {
            return Err(format!("trailing text {rest:?}"));
        }
        if !stack.is_empty() {
            return Err(format!("unclosed {stack:?}"));
        }
        if roots != 1 {
            return Err(format!("{roots} root elements"));
        }
        Ok(())
    }

    #[test]
    fn the_checker_rejects_what_it_should() {
        assert!(check_xml("<svg><g></g></svg>").is_ok());
        assert!(check_xml("<svg><g></svg>").is_err());
        assert!(check_xml("<svg><text>a<b</text></svg>").is_err());
        assert!(check_xml("<svg><text>a & b</text></svg>").is_err());
        assert!(check_xml(r#"<svg a="x<y"></svg>"#).is_err());
        assert!(check_xml("<svg></svg><svg></svg>").is_err());
        assert!(check_xml("<g></g>").is_err());
    }

    const NASTY: &str = "a<b&\"c\"";

    pub(crate) fn sample() -> SweepResult {
        let names = ["baseline", NASTY, "strict quorum"];
        let runs = names
            .iter()
            .enumerate()
            .map(|(v, name)| {
                (0..20u64)
                    .map(|i| {
                        let responded = (i + v as u64) % 3 != 0;
                        RunRecord {
                            variant: name.to_string(),
                            run: i,
                            seed: 7 * i + 1,
                            violations: i % 4,
                            claims: i % 5,
                            genuine_claims: i % 3,
                            fabricated_claims: i % 2,
                            activations: i % 3,
                            escalations: u64::from(i % 7 == 0),
                            dismissals: i % 2,
                            false_activations: u64::from(i % 9 == 0),
                            obligations: 2 * (i % 3),
                            responded,
                            first_response_h: responded
                                .then(|| 6.0 + (i * 5 + v as u64 * 3) as f64),
                            times_to_activation_h: if responded {
                                vec![
                                    6.0 + (i * 5) as f64,
                                    30.5 + (v * 10) as f64 + i as f64 / 3.0,
                                ]
                            } else {
                                Vec::new()
                            },
                            gain_before_response: (i * (v as u64 + 1)) as f64 / 3.0,
                            gain_by_day: (0..30)
                                .map(|d| (d as f64 * (1.0 + i as f64 / 10.0)).min(10.0 + v as f64))
                                .collect(),
                        }
                    })
                    .collect()
            })
            .collect();
        SweepResult {
            variants: names
                .iter()
                .map(|n| VariantInfo {
                    name: n.to_string(),
                    parameters: vec![
                        ("quorum".into(), "3".into()),
                        ("note".into(), "with, comma".into()),
                    ],
                })
                .collect(),
            runs,
            horizon_days: 30,
        }
    }

    fn charts(result: &SweepResult) -> [String; 3] {
        [
            response_probability(&summarize(result)),
            time_to_activation(result),
            gain_fan(result),
        ]
    }

    #[test]
    fn charts_are_well_formed_with_one_series_per_variant_and_escaped_names() {
        let result = sample();
        for chart in charts(&result) {
            check_xml(&chart).unwrap_or_else(|e| panic!("{e}\n{chart}"));
            assert!(chart.contains("viewBox=\"0 0 "));
            assert!(chart.contains("<title") && chart.contains("<desc"));
            assert_eq!(chart.matches(r#"<g class="series""#).count(), 3, "{chart}");
            assert!(
                chart.contains("data-variant=\"a&lt;b&amp;&quot;c&quot;\""),
                "{chart}"
            );
            assert!(!chart.contains(NASTY));
            assert!(!chart.contains("NaN") && !chart.contains("inf"), "{chart}");
        }
    }

    #[test]
    fn charts_are_byte_identical_for_the_same_input() {
        let a = charts(&sample());
        let b = charts(&sample().clone());
        assert_eq!(a, b);
    }

    #[test]
    fn charts_of_empty_and_degenerate_sweeps_are_well_formed() {
        let empty = SweepResult {
            variants: vec![],
            runs: vec![],
            horizon_days: 0,
        };
        for chart in charts(&empty) {
            check_xml(&chart).unwrap_or_else(|e| panic!("{e}\n{chart}"));
            assert!(!chart.contains("NaN") && !chart.contains("inf"), "{chart}");
        }
        // Variants without runs, and runs without activations or gains.
        let mut quiet = sample();
        quiet.runs[1].clear();
        for r in &mut quiet.runs[0] {
            r.times_to_activation_h.clear();
            r.gain_by_day.clear();
            r.responded = false;
        }
        for r in &mut quiet.runs[2] {
            r.times_to_activation_h = vec![0.0];
            r.gain_by_day = vec![0.0; 30];
        }
        for chart in charts(&quiet) {
            check_xml(&chart).unwrap_or_else(|e| panic!("{e}\n{chart}"));
            assert_eq!(chart.matches(r#"<g class="series""#).count(), 3);
            assert!(!chart.contains("NaN") && !chart.contains("inf"), "{chart}");
        }
    }

    #[test]
    fn response_dots_sit_at_the_proportion() {
        let result = sample();
        let summary = summarize(&result);
        let chart = response_probability(&summary);
        // Variant 0 responds in runs with i % 3 != 0: 13 of 20 = 0.65 → y = 40 + 240 · 0.35.
        assert!(chart.contains(r#"cy="124.00""#), "{chart}");
    }

    #[test]
    fn helpers() {
        assert_eq!(nice_step(0.13), 0.2);
        assert_eq!(nice_step(0.22), 0.25);
        assert_eq!(nice_step(3.0), 5.0);
        assert_eq!(nice_step(7.0), 10.0);
        assert_eq!(tick_label(0.75, 0.25), "0.75");
        assert_eq!(tick_label(40.0, 20.0), "40");
        assert_eq!(tick_label(-0.0, 0.5), "0.0");
        assert_eq!(axis(0.0, 9.3, 4.0), (0.0, 10.0, 2.5));
        assert_eq!(escape("a<b&\"c\"\u{1}"), "a&lt;b&amp;&quot;c&quot;\u{FFFD}");
    }
}
