//! SVG charts of a sweep, written with the shared toolkit ([`snapback_svg`]) like the
//! dashboard's charts: an `<svg>` with a `viewBox`, a `<title>` and a `<desc>`, axis lines with
//! tick labels, and text escaped by construction (maud templates).
//!
//! Every chart is a pure function of its input: coordinates are written with two decimals
//! ([`F2`]) and tick labels with a fixed number of decimals derived from the tick step, so the
//! same input gives the same bytes. Each variant is one `<g class="series" data-variant="…">`
//! element. Elements always have a body (`<line …></line>`), never maud's void syntax, because
//! the files are standalone XML.

use snapback_svg::{
    Axis, F2, Frame, INK, Linear, Markup, Text, html, nice_step, tick_label, x_axis, y_axis,
    y_title,
};

use crate::number::fixed;
use crate::record::{RunRecord, SweepResult};
use crate::stats::{MetricSummary, Summary, median, quantiles};

/// Series colours (Okabe–Ito, without the yellow, which is illegible on white), cycled.
const PALETTE: [&str; 7] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
];

fn colour(i: usize) -> &'static str {
    PALETTE[i % PALETTE.len()]
}

/// A whole `.svg` file: the chart, then a final newline as files end.
fn file(frame: Frame<'_>, body: Markup) -> String {
    let mut s = frame.standalone(body).into_string();
    s.push('\n');
    s
}

/// One variant's group, with its tooltip (`tooltip`) as the group's `<title>`.
fn series(name: &str, index: usize, tooltip: &str, body: Markup) -> Markup {
    html! {
        g class="series" data-variant=(Text(name)) data-index=(index) {
            title { (Text(tooltip)) }
            (body)
        }
    }
}

/// Formats a probability for a label.
fn prob(p: Option<f64>) -> String {
    p.map_or_else(|| "n/a".to_string(), |p| fixed(p, 3))
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
    let base = TOP + PLOT_H;
    let axis = Axis {
        lo: 0.0,
        hi: 1.0,
        step: 0.2,
    };
    let scale = axis.onto((base, TOP));
    let y_of = |p: f64| scale.at(p.clamp(0.0, 1.0));

    let body = html! {
        text x=(F2(left)) y="20.00" font-weight="bold" { "P(response) with Wilson 95% interval" }
        (y_axis(&axis, &scale, left, left + plot_w, false))
        (y_title(18.0, TOP + PLOT_H / 2.0, "P(response)"))
        line x1=(F2(left)) y1=(F2(base)) x2=(F2(left + plot_w)) y2=(F2(base)) stroke=(INK) {}
        @for (i, v) in summary.variants.iter().enumerate() {
            @let cx = left + band * (i as f64 + 0.5);
            @let c = colour(i);
            @let (p, lo, hi, successes, runs) = match v.metrics.get("responded") {
                Some(MetricSummary::Proportion(p)) => (p.p, p.lo, p.hi, p.successes, p.n),
                _ => (None, None, None, 0, 0),
            };
            @let tooltip = format!(
                "{}: P(response) = {} ({successes} of {runs} runs), 95% CI {} to {}",
                v.name,
                prob(p),
                prob(lo),
                prob(hi)
            );
            @let ly = base + 18.0;
            (series(&v.name, i, &tooltip, html! {
                @if let (Some(lo), Some(hi)) = (lo, hi) {
                    @let (y_lo, y_hi) = (y_of(lo), y_of(hi));
                    line class="ci" x1=(F2(cx)) y1=(F2(y_lo)) x2=(F2(cx)) y2=(F2(y_hi))
                        stroke=(c) stroke-width="2" {}
                    @for y in [y_lo, y_hi] {
                        line x1=(F2(cx - 8.0)) y1=(F2(y)) x2=(F2(cx + 8.0)) y2=(F2(y))
                            stroke=(c) stroke-width="2" {}
                    }
                }
                @if let Some(p) = p {
                    @let y = y_of(p);
                    circle cx=(F2(cx)) cy=(F2(y)) r="5" fill=(c) {}
                    text x=(F2(cx + 12.0)) y=(F2(y + 4.0)) { (fixed(p, 2)) }
                } @else {
                    text x=(F2(cx)) y=(F2(base - 8.0)) text-anchor="middle" { "no runs" }
                }
                @if rotate {
                    text x=(F2(cx)) y=(F2(ly)) text-anchor="end"
                        transform=(format_args!("rotate(-35 {} {})", F2(cx), F2(ly))) {
                        (Text(&v.name))
                    }
                } @else {
                    text x=(F2(cx)) y=(F2(ly)) text-anchor="middle" { (Text(&v.name)) }
                }
            }))
        }
    };
    file(
        Frame {
            id: "response-probability",
            width,
            height,
            title: "Probability of a response, per variant",
            desc: "For each variant a dot at the share of runs in which a genuine violation was answered by an activation within the horizon, and a vertical bar for its Wilson 95% confidence interval. The summary JSON gives the exact figures.",
        },
        body,
    )
}

fn runs_of(result: &SweepResult, v: usize) -> &[RunRecord] {
    result.runs.get(v).map_or(&[][..], Vec::as_slice)
}

/// A horizontal axis whose domain is exactly `lo`..`hi` (where the data ends, not the next
/// round number past it), with ticks every `step` from `lo` up to the last one not past `hi`.
/// Returns the ticks and the scale onto `range`; [`x_axis`] draws the line over the whole range.
fn x_axis_within(lo: f64, hi: f64, step: f64, range: (f64, f64)) -> (Axis, Linear) {
    let hi = if hi > lo { hi } else { lo + step };
    // The small allowance keeps a tick that lands on `hi` despite rounding (365 = 7.3 × 50 has
    // none; 400 = 8 × 50 does).
    let steps = ((hi - lo) / step + 1e-9).floor().max(0.0);
    let ticks = Axis {
        lo,
        hi: lo + steps * step,
        step,
    };
    (ticks, Linear::new((lo, hi), range))
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
    // The bins: one per step of an axis covering the data.
    let Axis {
        lo: x_lo,
        hi: x_hi,
        step: width,
    } = Axis::covering(min, max, BINS);
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
    let y_axis_of = Axis::covering(0.0, if share_max > 0.0 { share_max } else { 1.0 }, 2.0);
    // The x-axis: the bins' extent, with ticks at a nice step giving about 8 labels, a multiple
    // of the bin width, none past the last bin.
    let (x_ticks, x_scale) = x_axis_within(
        x_lo,
        x_hi,
        (nice_step((x_hi - x_lo) / 8.0) / width).ceil().max(1.0) * width,
        (LEFT, LEFT + PLOT_W),
    );

    let n = result.variants.len();
    let width_px = LEFT + PLOT_W + RIGHT;
    let height = TOP + n.max(1) as f64 * (PANEL_H + PANEL_GAP) + 20.0;
    let body = html! {
        text x=(F2(LEFT)) y="20.00" font-weight="bold" {
            "Hours from violation to activation (share of activations per "
            (tick_label(width, width)) " h bin)"
        }
        @if n == 0 {
            text x=(F2(LEFT)) y=(F2(TOP + 20.0)) { "no variants" }
        }
        @for (i, v) in result.variants.iter().enumerate() {
            @let top = TOP + i as f64 * (PANEL_H + PANEL_GAP) + 26.0;
            @let base = top + PANEL_H;
            @let c = colour(i);
            @let ts = times.get(i).map_or(&[][..], Vec::as_slice);
            @let total = ts.len();
            @let med = median(ts);
            @let med_text = med.map_or_else(|| "n/a".to_string(), |m| format!("{} h", fixed(m, 1)));
            @let tooltip = format!("{}: {total} activations, median {med_text}", v.name);
            (series(&v.name, i, &tooltip, html! {
                text x=(F2(LEFT)) y=(F2(top - 12.0)) font-weight="bold" { (Text(&tooltip)) }
                (y_axis(&y_axis_of, &y_axis_of.onto((base, top)), LEFT, LEFT + PLOT_W, true))
                @for (b, &k) in counts.get(i).map_or(&[][..], Vec::as_slice).iter().enumerate() {
                    @if k > 0 {
                        @let share = k as f64 / total.max(1) as f64;
                        @let from = x_lo + width * b as f64;
                        @let (x0, x1) = (x_scale.at(from), x_scale.at(from + width));
                        @let h = share / y_axis_of.hi * PANEL_H;
                        rect x=(F2(x0)) y=(F2(base - h)) width=(F2((x1 - x0 - 1.0).max(0.5)))
                            height=(F2(h)) fill=(c) fill-opacity="0.8" {
                            title {
                                (tick_label(from, width)) " to " (tick_label(from + width, width))
                                " h: " (k) " (" (fixed(share * 100.0, 1)) "%)"
                            }
                        }
                    }
                }
                @if let Some(m) = med {
                    @let x = x_scale.at(m);
                    line class="median" x1=(F2(x)) y1=(F2(top)) x2=(F2(x)) y2=(F2(base))
                        stroke=(INK) stroke-dasharray="4 3" {}
                } @else {
                    text x=(F2(LEFT + PLOT_W / 2.0)) y=(F2(top + PANEL_H / 2.0))
                        text-anchor="middle" { "no activations" }
                }
                (x_axis(&x_ticks, &x_scale, base))
            }))
        }
        text x=(F2(LEFT + PLOT_W / 2.0)) y=(F2(height - 8.0)) text-anchor="middle" {
            "hours from violation to activation"
        }
    };
    file(
        Frame {
            id: "time-to-activation",
            width: width_px,
            height,
            title: "Time from violation to activation, per variant",
            desc: "One histogram per variant of the hours from each genuine violation to the activation that answered it, over all runs, on shared bins; bar heights are the share of that variant's activations in the bin, and a dashed line marks the median. Runs.csv has each run's mean.",
        },
        body,
    )
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

/// The path data of one fan panel: `line(k)` is the polyline through quantile `k` of each day,
/// `band(lo, hi)` the closed area between quantiles `lo` and `hi`.
struct FanPath<'a> {
    fan: &'a [(usize, Vec<f64>)],
    x: Linear,
    y: Linear,
}

impl FanPath<'_> {
    fn point(&self, day: usize, q: &[f64], k: usize) -> String {
        let g = q.get(k).copied().unwrap_or(0.0);
        format!("{} {}", F2(self.x.at(day as f64 + 1.0)), F2(self.y.at(g)))
    }

    fn line(&self, k: usize) -> String {
        let mut d = String::new();
        for (j, (day, q)) in self.fan.iter().enumerate() {
            d.push_str(if j == 0 { "M" } else { " L" });
            d.push_str(&self.point(*day, q, k));
        }
        d
    }

    fn band(&self, lo_k: usize, hi_k: usize) -> String {
        let mut d = self.line(hi_k);
        for (day, q) in self.fan.iter().rev() {
            d.push_str(" L");
            d.push_str(&self.point(*day, q, lo_k));
        }
        d.push_str(" Z");
        d
    }
}

/// The adversary's cumulative gain over time, a fan chart per variant: the median across runs
/// as a line, with shaded bands for the 25–75% and 5–95% quantiles of `gain_by_day`. Day index
/// d (the end of day d) is plotted at d + 1 days. The panels share the x axis, which ends at the
/// horizon; each has its own y scale, labelled in the panel, so a variant with small gains is
/// not a flat line under another's large ones.
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
    // Each panel's own y scale: variants whose gains differ by orders of magnitude would
    // otherwise show the small ones as flat lines at zero.
    let y_axes: Vec<Axis> = fans
        .iter()
        .map(|fan| {
            let values = fan
                .iter()
                .flat_map(|(_, q)| q.iter().copied())
                .filter(|x| x.is_finite());
            let y_min = values.clone().fold(0.0, f64::min);
            let y_max = values.fold(0.0, f64::max);
            Axis::covering(y_min, if y_max > 0.0 { y_max } else { 1.0 }, 4.0)
        })
        .collect();
    let days = horizon.max(1) as f64;
    let (x_ticks, x_scale) = x_axis_within(0.0, days, nice_step(days / 8.0), (LEFT, LEFT + PLOT_W));

    let n = result.variants.len();
    let width = LEFT + PLOT_W + RIGHT;
    let height = TOP + n.max(1) as f64 * (PANEL_H + PANEL_GAP) + 20.0;
    let body = html! {
        text x=(F2(LEFT)) y="20.00" font-weight="bold" { "Adversary's cumulative gain by day" }
        text x=(F2(LEFT)) y="38.00" fill="#555555" {
            "line: median across runs; dark band: 25–75%; light band: 5–95%; each panel has its own y scale"
        }
        @if n == 0 {
            text x=(F2(LEFT)) y=(F2(TOP + 20.0)) { "no variants" }
        }
        @for (i, v) in result.variants.iter().enumerate() {
            @let top = TOP + i as f64 * (PANEL_H + PANEL_GAP) + 26.0;
            @let base = top + PANEL_H;
            @let y_ticks = y_axes.get(i).copied().unwrap_or(Axis::covering(0.0, 1.0, 4.0));
            @let y_scale = y_ticks.onto((base, top));
            @let c = colour(i);
            @let fan = fans.get(i).map_or(&[][..], Vec::as_slice);
            @let runs = runs_of(result, i).len();
            @let last = fan.last().and_then(|(_, q)| q.get(2).copied());
            @let last_text = last.map_or_else(|| "n/a".to_string(), |g| fixed(g, 2));
            @let tooltip = format!(
                "{}: {runs} runs, median gain at the horizon {last_text}",
                v.name
            );
            @let path = FanPath { fan, x: x_scale, y: y_scale };
            (series(&v.name, i, &tooltip, html! {
                text x=(F2(LEFT)) y=(F2(top - 12.0)) font-weight="bold" { (Text(&tooltip)) }
                (y_axis(&y_ticks, &y_scale, LEFT, LEFT + PLOT_W, false))
                @if fan.is_empty() {
                    text x=(F2(LEFT + PLOT_W / 2.0)) y=(F2(top + PANEL_H / 2.0))
                        text-anchor="middle" { "no gain data" }
                } @else {
                    path class="band-90" d=(path.band(0, 4)) fill=(c) fill-opacity="0.18"
                        stroke="none" {}
                    path class="band-50" d=(path.band(1, 3)) fill=(c) fill-opacity="0.38"
                        stroke="none" {}
                    path class="median" d=(path.line(2)) fill="none" stroke=(c)
                        stroke-width="2" {}
                }
                (x_axis(&x_ticks, &x_scale, base))
                (y_title(18.0, top + PANEL_H / 2.0, "gain (own scale)"))
            }))
        }
        text x=(F2(LEFT + PLOT_W / 2.0)) y=(F2(height - 8.0)) text-anchor="middle" {
            "days since the start"
        }
    };
    file(
        Frame {
            id: "gain-fan",
            width,
            height,
            title: "Adversary's cumulative gain over time, per variant",
            desc: "One panel per variant, each with its own y scale, on a shared x axis from day 0 to the horizon: the line is the median across runs of the adversary's cumulative gain at the end of each day; the darker band spans the 25th to 75th percentiles and the lighter band the 5th to 95th.",
        },
        body,
    )
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

    /// The tick labels of every `<g class="{class}">` in `chart`, one list per axis, with the
    /// axis line's end (`x2` of a horizontal axis, `y2` of a vertical one) and the last tick's
    /// position along it.
    fn axes(chart: &str, class: &str) -> Vec<(Vec<f64>, f64, f64)> {
        let attr = |tag: &str, name: &str| -> f64 {
            let start = tag.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
            let end = start + tag[start..].find('"').unwrap();
            tag[start..end].parse().unwrap()
        };
        let (end_attr, tick_attr) = if class == "x-axis" {
            ("x2", "x1")
        } else {
            ("y2", "y1")
        };
        chart
            .split(&format!("<g class=\"{class}\">"))
            .skip(1)
            .map(|rest| {
                let body = &rest[..rest.find("</g>").unwrap()];
                let lines: Vec<&str> = body.split("<line").skip(1).collect();
                let labels = body
                    .split("</text>")
                    .filter_map(|t| t.rsplit_once('>').map(|(_, label)| label))
                    .filter(|label| !label.is_empty())
                    .map(|label| label.parse::<f64>().unwrap())
                    .collect();
                let axis_end = attr(lines[0], end_attr);
                let last_tick = lines.last().map_or(f64::NAN, |l| attr(l, tick_attr));
                (labels, axis_end, last_tick)
            })
            .collect()
    }

    /// `sample()` over a year: variant v gains up to 10^v, so the panels' scales differ.
    fn year_long_sample() -> SweepResult {
        let mut result = sample();
        result.horizon_days = 365;
        for (v, runs) in result.runs.iter_mut().enumerate() {
            for (i, r) in runs.iter_mut().enumerate() {
                r.gain_by_day = (0..365)
                    .map(|d| 10f64.powi(v as i32) * (d as f64 / 365.0) * (1.0 + i as f64 / 20.0))
                    .collect();
            }
        }
        result
    }

    #[test]
    fn the_gain_fan_x_axis_ends_at_the_horizon() {
        let chart = gain_fan(&year_long_sample());
        let x_axes = axes(&chart, "x-axis");
        assert_eq!(x_axes.len(), 3, "{chart}");
        for (labels, axis_end, last_tick) in x_axes {
            // Ticks at a nice step (50 days), none past the horizon; the axis line ends at 365.
            assert_eq!(labels.last().copied(), Some(350.0), "{labels:?}");
            assert!(last_tick < axis_end, "{last_tick} {axis_end}");
            // The last day of data is drawn at the axis's end: the domain is 0 to 365 days.
            let median = chart.split("class=\"median\" d=\"").nth(1).unwrap();
            let last_point = median[..median.find('"').unwrap()]
                .rsplit(" L")
                .next()
                .unwrap();
            let x: f64 = last_point.split(' ').next().unwrap().parse().unwrap();
            assert_eq!(x, axis_end, "{last_point}");
        }
    }

    #[test]
    fn each_gain_panel_has_its_own_y_scale() {
        let chart = gain_fan(&year_long_sample());
        let tops: Vec<f64> = axes(&chart, "y-axis")
            .iter()
            .map(|(labels, _, _)| labels.iter().copied().fold(0.0, f64::max))
            .collect();
        // The largest 95% quantile at the horizon is 10^v · 1.9 · 0.95-ish: each panel's top
        // tick covers its own data, not the largest variant's.
        assert_eq!(tops.len(), 3);
        for (v, top) in tops.iter().enumerate() {
            let data_max = 10f64.powi(v as i32) * 1.95;
            assert!(*top >= data_max * 0.9 && *top <= data_max * 2.0, "{tops:?}");
        }
        assert_eq!(chart.matches("gain (own scale)").count(), 3, "{chart}");
    }

    #[test]
    fn histogram_ticks_stay_inside_the_bins() {
        let mut result = sample();
        // Hours up to 114: bins of 5 h to 115 h, ticks every 20 h stop at 100 (not 120).
        for runs in &mut result.runs {
            for (i, r) in runs.iter_mut().enumerate() {
                r.times_to_activation_h = vec![i as f64 * 6.0, 114.0];
            }
        }
        let chart = time_to_activation(&result);
        for (labels, axis_end, last_tick) in axes(&chart, "x-axis") {
            assert_eq!(labels.last().copied(), Some(100.0), "{labels:?}");
            assert!(last_tick <= axis_end, "{last_tick} {axis_end}");
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
}
