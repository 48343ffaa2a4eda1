//! The one SVG toolkit of snapback, shared by the dashboard's inline charts and the simulator's
//! standalone `.svg` files: text escaped for XML, coordinates at a fixed precision, linear
//! scales, "nice" ticks, axes, and the `<svg>` root with its accessible title and description.
//!
//! Everything is [`maud`] markup, so text is escaped by construction. Elements are always
//! written with a body (`<line …></line>`), never as HTML void elements, so the same markup is
//! valid XML in a standalone file and valid SVG inside an HTML page.
//!
//! Every function is pure: the same input gives the same bytes (coordinates are written with a
//! fixed number of decimals, tick labels with as many as the step needs).

use std::fmt;

pub use maud::{Markup, PreEscaped, Render, html};

// ---------------------------------------------------------------------------------------------
// Text and numbers
// ---------------------------------------------------------------------------------------------

/// Text for XML content and attribute values. Tabs and line breaks become spaces, and the other
/// control characters, which XML 1.0 cannot carry even escaped, become U+FFFD; `&`, `<`, `>`
/// and `"` are escaped by maud. Attributes are always double-quoted, so `'` needs no escape.
#[derive(Debug, Clone, Copy)]
pub struct Text<'a>(pub &'a str);

impl Render for Text<'_> {
    fn render_to(&self, buffer: &mut String) {
        let clean: String = self
            .0
            .chars()
            .map(|c| match c {
                '\t' | '\n' | '\r' => ' ',
                c if c.is_control() => '\u{FFFD}',
                c => c,
            })
            .collect();
        clean.as_str().render_to(buffer);
    }
}

/// `text` escaped as [`Text`] renders it, as a string.
pub fn escape(text: &str) -> String {
    Text(text).render().into_string()
}

macro_rules! fixed {
    ($(#[$doc:meta] $name:ident $decimals:literal)*) => {$(
        #[$doc]
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub struct $name(pub f64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{:.*}", $decimals, self.0)
            }
        }

        impl Render for $name {
            fn render_to(&self, buffer: &mut String) {
                // Digits, a sign and a point never need escaping.
                buffer.push_str(&self.to_string());
            }
        }
    )*};
}

fixed! {
    /// A coordinate with two decimals: the simulator's precision.
    F2 2
    /// A coordinate with one decimal: the dashboard's precision.
    F1 1
}

// ---------------------------------------------------------------------------------------------
// Scales and ticks
// ---------------------------------------------------------------------------------------------

/// A linear map from a domain (data values) onto a range (pixels). A degenerate domain maps
/// everything onto the range's start.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Linear {
    pub domain: (f64, f64),
    pub range: (f64, f64),
}

impl Linear {
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> Self {
        Self { domain, range }
    }

    /// The pixel position of `value`.
    pub fn at(&self, value: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        let span = d1 - d0;
        if span == 0.0 || !span.is_finite() {
            return r0;
        }
        r0 + (value - d0) / span * (r1 - r0)
    }
}

/// A "nice" step (1, 2, 2.5 or 5 times a power of ten) at least `raw`.
pub fn nice_step(raw: f64) -> f64 {
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

/// A tick value with as many decimals as its step needs (0.25 → 2, 0.5 → 1, 20 → 0), never "-0".
pub fn tick_label(value: f64, step: f64) -> String {
    let mut decimals = 0usize;
    let mut scaled = step;
    while decimals < 6 && (scaled - scaled.round()).abs() > 1e-9 * scaled.abs().max(1.0) {
        scaled *= 10.0;
        decimals += 1;
    }
    let text = format!("{value:.decimals$}");
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

/// An axis's extent and tick step: from `lo` to `hi` by `step`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Axis {
    pub lo: f64,
    pub hi: f64,
    pub step: f64,
}

/// At most this many ticks on one axis, whatever the input.
const MAX_TICKS: f64 = 100.0;

impl Axis {
    /// An axis from 0 (or below, for negative data) up to at least `max`, with about `target`
    /// nice steps.
    pub fn covering(min: f64, max: f64, target: f64) -> Self {
        let min = if min.is_finite() { min.min(0.0) } else { 0.0 };
        let max = if max.is_finite() && max > min {
            max
        } else {
            min + 1.0
        };
        let step = nice_step((max - min) / target);
        let lo = (min / step).floor() * step;
        let hi = (max / step).ceil() * step;
        Self {
            lo,
            hi: if hi > lo { hi } else { lo + step },
            step,
        }
    }

    /// The tick values, lo..=hi by step, computed by index so they do not drift (at most 101).
    pub fn ticks(&self) -> Vec<f64> {
        let count = ((self.hi - self.lo) / self.step)
            .round()
            .clamp(0.0, MAX_TICKS) as usize;
        (0..=count)
            .map(|i| self.lo + self.step * i as f64)
            .collect()
    }

    /// The label of tick `value`.
    pub fn label(&self, value: f64) -> String {
        tick_label(value, self.step)
    }

    /// The scale of this axis onto the pixel range `range`.
    pub fn onto(&self, range: (f64, f64)) -> Linear {
        Linear::new((self.lo, self.hi), range)
    }
}

// ---------------------------------------------------------------------------------------------
// Axes and the root
// ---------------------------------------------------------------------------------------------

/// The stroke of axis lines and ticks.
pub const INK: &str = "#333333";
/// The stroke of grid lines.
pub const GRID: &str = "#dddddd";

/// A horizontal axis at `y` along `scale`'s range, with a tick and a label below each tick.
pub fn x_axis(axis: &Axis, scale: &Linear, y: f64) -> Markup {
    let (x0, x1) = scale.range;
    html! {
        g class="x-axis" {
            line x1=(F2(x0)) y1=(F2(y)) x2=(F2(x1)) y2=(F2(y)) stroke=(INK) {}
            @for t in axis.ticks() {
                @let x = scale.at(t);
                line x1=(F2(x)) y1=(F2(y)) x2=(F2(x)) y2=(F2(y + 4.0)) stroke=(INK) {}
                text x=(F2(x)) y=(F2(y + 16.0)) text-anchor="middle" { (axis.label(t)) }
            }
        }
    }
}

/// A vertical axis at `x` along `scale`'s range (bottom to top), with a label left of each tick
/// (`percent` writes 0.25 as "25%") and a light grid line to `grid_x1`.
pub fn y_axis(axis: &Axis, scale: &Linear, x: f64, grid_x1: f64, percent: bool) -> Markup {
    let (y0, y1) = scale.range;
    html! {
        g class="y-axis" {
            line x1=(F2(x)) y1=(F2(y0)) x2=(F2(x)) y2=(F2(y1)) stroke=(INK) {}
            @for t in axis.ticks() {
                @let y = scale.at(t);
                @let label = if percent {
                    format!("{}%", tick_label(t * 100.0, axis.step * 100.0))
                } else {
                    axis.label(t)
                };
                line x1=(F2(x + 0.5)) y1=(F2(y)) x2=(F2(grid_x1)) y2=(F2(y)) stroke=(GRID) {}
                line x1=(F2(x - 4.0)) y1=(F2(y)) x2=(F2(x)) y2=(F2(y)) stroke=(INK) {}
                text x=(F2(x - 6.0)) y=(F2(y + 4.0)) text-anchor="end" { (label) }
            }
        }
    }
}

/// A title rotated a quarter turn, centred on (x, y): a y axis's name.
pub fn y_title(x: f64, y: f64, text: &str) -> Markup {
    html! {
        text x=(F2(x)) y=(F2(y)) text-anchor="middle"
            transform=(format_args!("rotate(-90 {} {})", F2(x), F2(y))) { (Text(text)) }
    }
}

/// What every chart's `<svg>` root says: an id (which also names its `<title>` and `<desc>`),
/// its size in user units, and the accessible title and description.
#[derive(Debug, Clone, Copy)]
pub struct Frame<'a> {
    pub id: &'a str,
    pub width: f64,
    pub height: f64,
    pub title: &'a str,
    pub desc: &'a str,
}

impl Frame<'_> {
    /// A standalone chart (a `.svg` file): explicit size, a font, a white background.
    pub fn standalone(&self, body: Markup) -> Markup {
        let id = self.id;
        html! {
            svg xmlns="http://www.w3.org/2000/svg" id=(id)
                viewBox=(format_args!("0 0 {} {}", F2(self.width), F2(self.height)))
                width=(F2(self.width)) height=(F2(self.height)) role="img"
                aria-labelledby=(format_args!("{id}-title {id}-desc"))
                font-family="sans-serif" font-size="12" {
                title id=(format_args!("{id}-title")) { (Text(self.title)) }
                desc id=(format_args!("{id}-desc")) { (Text(self.desc)) }
                rect x="0" y="0" width=(F2(self.width)) height=(F2(self.height)) fill="#ffffff" {}
                (body)
            }
        }
    }

    /// A chart inside an HTML page: sized by the stylesheet (`class`), scrolling sideways on
    /// narrow screens rather than shrinking its text.
    pub fn inline(&self, class: &str, body: Markup) -> Markup {
        self.inline_labelled(class, self.id, body)
    }

    /// [`Frame::inline`] with the `<title>` and `<desc>` ids taken from `label` instead of the
    /// chart's id (`{label}-title`, `{label}-desc`), where a page already publishes those ids.
    pub fn inline_labelled(&self, class: &str, label: &str, body: Markup) -> Markup {
        let id = self.id;
        html! {
            div class="chart-scroll" {
                svg id=(id) class=(class)
                    viewBox=(format_args!("0 0 {} {}", F1(self.width), F1(self.height)))
                    role="img" aria-labelledby=(format_args!("{label}-title {label}-desc"))
                    xmlns="http://www.w3.org/2000/svg" {
                    title id=(format_args!("{label}-title")) { (Text(self.title)) }
                    desc id=(format_args!("{label}-desc")) { (Text(self.desc)) }
                    (body)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_control_characters_replaced() {
        assert_eq!(
            escape("<a href=\"x\">Tom & 'Jerry'</a>\u{1}\n"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; 'Jerry'&lt;/a&gt;\u{FFFD} "
        );
        assert_eq!(escape("кирилиця"), "кирилиця");
    }

    #[test]
    fn fixed_precision() {
        assert_eq!(F2(1.0 / 3.0).to_string(), "0.33");
        assert_eq!(F1(-2.25).to_string(), "-2.2");
        assert_eq!(html! { (F2(3.0)) }.into_string(), "3.00");
    }

    #[test]
    fn nice_steps_and_labels() {
        assert_eq!(nice_step(0.17), 0.2);
        assert_eq!(nice_step(2.2), 2.5);
        assert_eq!(nice_step(7.0), 10.0);
        assert_eq!(nice_step(f64::NAN), 1.0);
        assert_eq!(tick_label(0.25, 0.25), "0.25");
        assert_eq!(tick_label(40.0, 20.0), "40");
        assert_eq!(tick_label(-0.0001, 0.5), "0.0");
    }

    /// The simulator's cases, from before its charts used this toolkit.
    #[test]
    fn simulator_steps_labels_axes_and_escapes() {
        assert_eq!(nice_step(0.13), 0.2);
        assert_eq!(nice_step(0.22), 0.25);
        assert_eq!(nice_step(3.0), 5.0);
        assert_eq!(nice_step(7.0), 10.0);
        assert_eq!(tick_label(0.75, 0.25), "0.75");
        assert_eq!(tick_label(40.0, 20.0), "40");
        assert_eq!(tick_label(-0.0, 0.5), "0.0");
        let a = Axis::covering(0.0, 9.3, 4.0);
        assert_eq!((a.lo, a.hi, a.step), (0.0, 10.0, 2.5));
        assert_eq!(escape("a<b&\"c\"\u{1}"), "a&lt;b&amp;&quot;c&quot;\u{FFFD}");
    }

    #[test]
    fn axes_cover_the_data_with_bounded_ticks() {
        let a = Axis::covering(0.0, 93.0, 5.0);
        assert_eq!((a.lo, a.hi, a.step), (0.0, 100.0, 20.0));
        assert_eq!(a.ticks(), vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        let neg = Axis::covering(-3.0, 7.0, 5.0);
        assert!(neg.lo <= -3.0 && neg.hi >= 7.0);
        let silly = Axis {
            lo: 0.0,
            hi: 1e12,
            step: 1.0,
        };
        assert_eq!(silly.ticks().len(), 101);
        let empty = Axis::covering(f64::NAN, f64::NAN, 5.0);
        assert!(empty.hi > empty.lo);
    }

    #[test]
    fn scales_map_and_survive_degenerate_domains() {
        let s = Linear::new((0.0, 10.0), (100.0, 200.0));
        assert_eq!(s.at(5.0), 150.0);
        assert_eq!(Linear::new((3.0, 3.0), (7.0, 9.0)).at(3.0), 7.0);
        let y = Axis::covering(0.0, 1.0, 5.0).onto((240.0, 40.0));
        assert_eq!(y.at(1.0), 40.0);
    }

    #[test]
    fn markup_is_well_formed_xml_with_no_void_elements() {
        let a = Axis::covering(0.0, 1.0, 5.0);
        let frame = Frame {
            id: "c",
            width: 100.0,
            height: 50.0,
            title: "T <1>",
            desc: "D",
        };
        let body = html! {
            (x_axis(&a, &a.onto((10.0, 90.0)), 40.0))
            (y_axis(&a, &a.onto((40.0, 5.0)), 10.0, 90.0, true))
            (y_title(4.0, 20.0, "P & Q"))
        };
        let svg = frame.standalone(body).into_string();
        assert!(svg.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" id="c""#));
        assert!(svg.contains("<title id=\"c-title\">T &lt;1&gt;</title>"));
        assert!(svg.contains(">100%</text>"));
        assert!(svg.contains("P &amp; Q"));
        assert!(!svg.contains("/>"));
        assert_eq!(svg.matches("<line").count(), svg.matches("</line>").count());
        let inline = frame.inline("chart", html! {}).into_string();
        assert!(inline.starts_with(
            r#"<div class="chart-scroll"><svg id="c" class="chart" viewBox="0 0 100.0 50.0""#
        ));
    }
}
