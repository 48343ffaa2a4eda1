//! `sensitivity.svg`: one panel per metric, one row per parameter, sorted as given, drawn with
//! the shared toolkit like the sweep's charts (same bytes for the same study).
//!
//! Sobol: a light bar for the total index and a dark one for the first-order index, each with
//! its 95% bootstrap interval, on a 0–1 axis shared by every panel (the indices are shares of
//! variance). Morris: a bar for μ* and a dot for σ, on each panel's own axis (the effects are in
//! the metric's units).

use snapback_svg::{Axis, F2, Frame, INK, Text, html, x_axis};

use super::study::{Method, Study};
use crate::number::fixed;

const WIDTH: f64 = 760.0;
const LEFT: f64 = 230.0;
const RIGHT: f64 = 30.0;
const ROW: f64 = 26.0;
const PANEL_TITLE: f64 = 26.0;
const AXIS: f64 = 34.0;
const GAP: f64 = 16.0;
const TOP: f64 = 50.0;
const LIGHT: &str = "#9ecae1";
const DARK: &str = "#0072B2";

/// The chart of a study.
pub fn sensitivity_chart(study: &Study) -> String {
    let rows = study.parameters.len() as f64;
    let panel_h = PANEL_TITLE + rows * ROW + AXIS;
    let height = TOP + study.metrics.len() as f64 * (panel_h + GAP) + 10.0;
    let plot = (LEFT, WIDTH - RIGHT);
    let (heading, legend) = match study.method {
        Method::Sobol => (
            "Sobol indices: the share of each result's variance a parameter explains",
            "light: total index (with interactions); dark: first order (alone); whiskers: 95% bootstrap intervals",
        ),
        Method::Morris => (
            "Morris elementary effects: how much each result moves per step of a parameter",
            "bar: μ* (mean absolute effect, in the result's units, of moving a parameter across its range); dot: σ (interactions or a bent response)",
        ),
    };
    let body = html! {
        text x="10.00" y="20.00" font-weight="bold" { (Text(heading)) }
        text x="10.00" y="38.00" { (Text(legend)) }
        @for (m, metric) in study.metrics.iter().enumerate() {
            @let top = TOP + m as f64 * (panel_h + GAP);
            @let rows_top = top + PANEL_TITLE;
            @let base = rows_top + rows * ROW;
            @let axis = match study.method {
                Method::Sobol => Axis { lo: 0.0, hi: 1.0, step: 0.2 },
                Method::Morris => {
                    let largest = metric.morris.iter().flatten()
                        .map(|e| e.mu_star.max(e.sigma))
                        .fold(0.0, f64::max);
                    Axis::covering(0.0, if largest > 0.0 { largest } else { 1.0 }, 5.0)
                }
            };
            @let scale = axis.onto(plot);
            @let x_of = |v: f64| scale.at(v.clamp(axis.lo, axis.hi));
            g class="metric" data-metric=(Text(&metric.metric)) {
                text x="10.00" y=(F2(top + 16.0)) font-weight="bold" {
                    (Text(&metric.label)) " (" (fixed(metric.min, 3)) " to " (fixed(metric.max, 3)) " over the design)"
                }
                line x1=(F2(LEFT)) y1=(F2(rows_top)) x2=(F2(LEFT)) y2=(F2(base)) stroke=(INK) {}
                @for (i, p) in study.parameters.iter().enumerate() {
                    @let y = rows_top + i as f64 * ROW;
                    text x=(F2(LEFT - 8.0)) y=(F2(y + 17.0)) text-anchor="end" { (Text(&p.key)) }
                    @if let Some(s) = metric.sobol.as_ref().and_then(|s| s.get(i)) {
                        g class="parameter" data-parameter=(Text(&p.key)) {
                            title { (Text(&format!(
                                "{}: total {} [{}, {}], first order {} [{}, {}]",
                                p.key, fixed(s.total, 3), fixed(s.total_low, 3), fixed(s.total_high, 3),
                                fixed(s.first, 3), fixed(s.first_low, 3), fixed(s.first_high, 3)
                            ))) }
                            rect x=(F2(LEFT)) y=(F2(y + 3.0)) width=(F2(x_of(s.total) - LEFT)) height="9.00" fill=(LIGHT) {}
                            rect x=(F2(LEFT)) y=(F2(y + 13.0)) width=(F2(x_of(s.first) - LEFT)) height="9.00" fill=(DARK) {}
                            line x1=(F2(x_of(s.total_low))) y1=(F2(y + 7.5)) x2=(F2(x_of(s.total_high))) y2=(F2(y + 7.5)) stroke=(INK) {}
                            line x1=(F2(x_of(s.first_low))) y1=(F2(y + 17.5)) x2=(F2(x_of(s.first_high))) y2=(F2(y + 17.5)) stroke=(INK) {}
                        }
                    }
                    @if let Some(e) = metric.morris.as_ref().and_then(|e| e.get(i)) {
                        g class="parameter" data-parameter=(Text(&p.key)) {
                            title { (Text(&format!(
                                "{}: μ* {}, μ {}, σ {}", p.key, fixed(e.mu_star, 3), fixed(e.mu, 3), fixed(e.sigma, 3)
                            ))) }
                            rect x=(F2(LEFT)) y=(F2(y + 5.0)) width=(F2(x_of(e.mu_star) - LEFT)) height="14.00" fill=(DARK) {}
                            circle cx=(F2(x_of(e.sigma))) cy=(F2(y + 12.0)) r="4" fill=(INK) {}
                        }
                    }
                }
                (x_axis(&axis, &scale, base))
            }
        }
    };
    let mut s = Frame {
        id: "sensitivity",
        width: WIDTH,
        height,
        title: heading,
        desc: "One panel per result; in each, one row per parameter of the study. sensitivity.json gives the exact figures.",
    }
    .standalone(body)
    .into_string();
    s.push('\n');
    s
}
