//! `/measures`: the register of measures. One timeline for all of them (each measure a row of
//! coloured bands, one band per state, on a shared time axis; renewals and snapback
//! confirmations marked), then each measure with its steps, causes and articles.

use snapback_engine::measures::MeasureRecord;
use snapback_svg::{F1, Frame, Linear, Text};

use super::*;

const STATES: [(&str, &str); 5] = [
    ("in_force", "In force"),
    ("at_risk", "At risk"),
    ("suspended", "Suspended"),
    ("lapsed", "Lapsed"),
    ("terminated", "Terminated"),
];

/// What the page needs from the state: the register as of the record's latest instant.
pub(super) struct MeasuresView {
    pub(super) measures: Vec<MeasureRecord>,
    pub(super) as_of: Option<Timestamp>,
}

pub(super) fn gather(view: &View) -> MeasuresView {
    let state = view.state();
    MeasuresView {
        measures: state.measures.as_of(state.as_of),
        as_of: state.as_of,
    }
}

pub(super) async fn handler(State(app): State<AppState>, uri: Uri, chosen: Chosen) -> Response {
    let now = app.clock().now();
    let page = page_of(&app, chosen.tr(), gather, move |v, _| {
        measures_page(&v, now)
    })
    .await;
    respond(page, &uri, chosen)
}

fn legend() -> Markup {
    html! {
        ul class="legend" aria-label="Legend" {
            @for (class, label) in STATES {
                li { span class={ "swatch st-" (class) } aria-hidden="true" {} (label) }
            }
            li { span class="swatch mark-renewed" aria-hidden="true" {} "Renewed" }
            li { span class="swatch mark-confirmed" aria-hidden="true" {} "Snapback found it in force" }
            li { span class="swatch review" aria-hidden="true" {} "Relief under review" }
        }
    }
}

/// The shared timeline: from the earliest step to `end`.
pub(super) fn timeline(measures: &[MeasureRecord], end: Timestamp) -> Markup {
    const LABEL: f64 = 190.0;
    const RIGHT: f64 = 700.0;
    const ROW: f64 = 30.0;
    const TOP: f64 = 8.0;
    let Some(start) = measures
        .iter()
        .filter_map(|m| m.history.first().map(|s| s.at))
        .min()
    else {
        return html! {};
    };
    let end = end.max(start);
    let span = end.duration_since(start).as_secs_f64().max(1.0);
    let scale = Linear::new((0.0, span), (LABEL, RIGHT));
    let x = |t: Timestamp| scale.at(t.duration_since(start).as_secs_f64().clamp(0.0, span));
    let axis_y = TOP + measures.len() as f64 * ROW + 6.0;
    let ticks: Vec<Timestamp> = (0..=4)
        .filter_map(|i| {
            start
                .checked_add(jiff::SignedDuration::from_secs_f64(
                    span * f64::from(i) / 4.0,
                ))
                .ok()
        })
        .collect();
    let frame = Frame {
        id: "measures-chart",
        width: 720.0,
        height: axis_y + 28.0,
        title: "Each measure's state over time",
        desc: "One row per measure: coloured bands show when it was in force, at risk, \
               suspended, lapsed or terminated; a tick marks a renewal or a snapback that found \
               it in force; a thin bar under a row spans a review of relief, from the report to \
               its end. The list below gives every step with its date, cause and article.",
    };
    frame.inline(
        "chart chart-wide",
        html! {
            @for (i, m) in measures.iter().enumerate() {
                @let y = TOP + i as f64 * ROW;
                g class="measure-row" data-measure=(m.id.as_str()) {
                    text x=(F1(LABEL - 8.0)) y=(F1(y + ROW / 2.0 + 4.0)) text-anchor="end" {
                        (Text(m.id.as_str()))
                    }
                    @for (j, step) in m.history.iter().enumerate() {
                        @let next = m.history[j + 1..].iter().find(|s| s.at > step.at).map_or(end, |s| s.at);
                        @let last_at_instant = m.history[j + 1..].iter().all(|s| s.at > step.at);
                        @if last_at_instant && next > step.at {
                            rect class={ "band st-" (step.state.name()) }
                                x=(F1(x(step.at))) y=(F1(y + 4.0))
                                width=(F1((x(next) - x(step.at)).max(1.0))) height=(F1(ROW - 8.0)) {
                                title { (Text(&format!("{}: {} from {}", m.id, step.state.name().replace('_', " "), short_time(step.at)))) }
                            }
                        }
                        @if step.cause == "renewed" || step.cause == "confirmed" {
                            line class={ "mark mark-" (step.cause) }
                                x1=(F1(x(step.at))) x2=(F1(x(step.at)))
                                y1=(F1(y + 1.0)) y2=(F1(y + ROW - 1.0)) {}
                        }
                    }
                    @for r in &m.reviews {
                        @let from = r.steps.first().map_or(end, |s| s.at);
                        @let to = r.steps.last().filter(|s| s.until.is_none()).map_or(end, |s| s.at);
                        rect class="review" x=(F1(x(from))) y=(F1(y + ROW - 5.0))
                            width=(F1((x(to) - x(from)).max(2.0))) height="3" {
                            title { (Text(&format!("{}: relief review {} ({} reported) from {}", m.id, r.review, r.relief.name(), short_time(from)))) }
                        }
                    }
                }
            }
            line class="grid" x1=(F1(LABEL)) x2=(F1(RIGHT)) y1=(F1(axis_y)) y2=(F1(axis_y)) {}
            @for (k, t) in ticks.iter().enumerate() {
                text class="axis" x=(F1(x(*t))) y=(F1(axis_y + 18.0))
                    text-anchor=(match k { 0 => "start", 4 => "end", _ => "middle" }) {
                    (Text(&t.strftime("%Y-%m-%d").to_string()))
                }
            }
        },
    )
}

fn measure_card(m: &MeasureRecord) -> Markup {
    html! {
        article class="measure" id={ "measure-" (m.id.as_str()) } {
            h3 { (m.name) " " span class="id" { "(" (m.id.as_str()) ")" } }
            p {
                (badge(m.state.name())) " since " (time(m.since))
                @if let Some(level) = &m.level { " \u{b7} level " strong { (level) } }
                @if let Some(expires) = m.expires { " \u{b7} expires " (time(expires)) }
            }
            p class="note" { "Held by " code { (m.owner) } " under " (m.basis) "." }
            ol class="steps" {
                @for s in &m.history {
                    li {
                        (time(s.at)) " \u{2014} " strong { (s.state.name().replace('_', " ")) }
                        " (" (s.cause.replace('_', " "))
                        @if let Some(a) = &s.activation { ", activation " (a.as_str()) }
                        @if let Some(d) = &s.decision { ", decision " code { (d.as_str()) } }
                        @if let Some(l) = &s.level { ", raised to " (l) }
                        @if let (Some(e), "renewed") = (s.expires, s.cause) { ", now expiring " (time(e)) }
                        ") " span class="article" { "[" (s.article) "]" }
                    }
                }
            }
            @for r in &m.reviews {
                h4 { "Relief review " (r.review) ": " (r.relief.name()) " reported " span class="article" { "[" (r.article) "]" } }
                ol class="steps review-steps" {
                    @for s in &r.steps {
                        li {
                            (time(s.at)) " \u{2014} " strong { (s.step.name().replace('_', " ")) }
                            @if let Some(until) = s.until { ", relief barred until " (time(until)) }
                        }
                    }
                }
            }
        }
    }
}

pub(super) fn measures_page(v: &MeasuresView, now: Timestamp) -> Page {
    let main = if v.measures.is_empty() {
        html! {
            h1 { "Measures" }
            p id="measures-empty" class="empty" {
                "The charter keeps no register of measures (no [[measure]] tables), or none has begun yet."
            }
        }
    } else {
        let end = v.as_of.map_or(now, |a| a.max(now));
        html! {
            h1 { "Measures" }
            p class="lede" {
                "Each sanctions regime, restriction or posture the charter names, in exactly one \
                 state at any instant: in force, at risk of a failed renewal, suspended (eased, \
                 able to snap back), lapsed or terminated. Every change is derived by the engine \
                 and cites the article that caused it."
            }
            (section("measures-timeline", "Over time", html! { (legend()) (timeline(&v.measures, end)) }))
            (section("measures-list", "Each measure, step by step", html! {
                @for m in &v.measures { (measure_card(m)) }
            }))
        }
    };
    Page::ok("Measures", Section::Measures, main)
}
