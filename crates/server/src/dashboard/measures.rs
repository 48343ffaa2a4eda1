//! `/measures`: the register of measures. One timeline for all of them (each measure a row of
//! coloured bands, one band per state, on a shared time axis; renewals and snapback
//! confirmations marked), then each measure with its steps, causes and articles.

use snapback_engine::measures::MeasureRecord;
use snapback_svg::{F1, Frame, Linear, Text};

use super::*;

/// The states, in the legend's order: (class, message id).
const STATES: [(&str, &str); 5] = [
    ("in_force", "measures-state-in-force"),
    ("at_risk", "measures-state-at-risk"),
    ("suspended", "measures-state-suspended"),
    ("lapsed", "measures-state-lapsed"),
    ("terminated", "measures-state-terminated"),
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
    let page = page_of(&app, chosen.tr(), gather, move |v, names| {
        measures_page_in(&v, now, names.t)
    })
    .await;
    respond(page, &uri, chosen)
}

fn legend(t: Tr) -> Markup {
    html! {
        ul class="legend" aria-label=(t.msg("legend-label")) {
            @for (class, label) in STATES {
                li { span class={ "swatch st-" (class) } aria-hidden="true" {} (t.msg(label)) }
            }
            li { span class="swatch mark-renewed" aria-hidden="true" {} (t.msg("measures-legend-renewed")) }
            li { span class="swatch mark-confirmed" aria-hidden="true" {} (t.msg("measures-legend-confirmed")) }
            li { span class="swatch review" aria-hidden="true" {} (t.msg("measures-legend-review")) }
        }
    }
}

/// A step's cause in words (the engine's name, `renewal_failed`, read as "renewal failed").
fn cause_words(t: Tr, cause: &str) -> String {
    t.msg_args(
        "measures-cause",
        &[
            ("cause", cause.into()),
            ("text", cause.replace('_', " ").into()),
        ],
    )
}

/// A relief review's step in words.
fn review_step_words(t: Tr, step: &str) -> String {
    t.msg_args(
        "measures-review-step",
        &[
            ("step", step.into()),
            ("text", step.replace('_', " ").into()),
        ],
    )
}

/// The shared timeline: from the earliest step to `end`.
pub(super) fn timeline(measures: &[MeasureRecord], end: Timestamp, t: Tr) -> Markup {
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
    let title = t.msg("measures-chart-title");
    let desc = t.msg("measures-chart-desc");
    let frame = Frame {
        id: "measures-chart",
        width: 720.0,
        height: axis_y + 28.0,
        title: &title,
        desc: &desc,
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
                                title {
                                    (Text(&t.msg_args("measures-band-title", &[
                                        ("measure", m.id.as_str().into()),
                                        ("state", status_word(t, step.state.name()).into()),
                                        ("time", short_time(step.at).into()),
                                    ])))
                                }
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
                            title {
                                (Text(&t.msg_args("measures-review-title", &[
                                    ("measure", m.id.as_str().into()),
                                    ("review", r.review.to_string().into()),
                                    ("relief", r.relief.name().into()),
                                    ("time", short_time(from).into()),
                                ])))
                            }
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

fn measure_card(m: &MeasureRecord, t: Tr) -> Markup {
    html! {
        article class="measure" id={ "measure-" (m.id.as_str()) } {
            h3 { (m.name) " " span class="id" { "(" (m.id.as_str()) ")" } }
            p {
                (badge_in(t, m.state.name())) " " (t.rich("measures-since", &[], &[("time", time(m.since))]))
                @if let Some(level) = &m.level {
                    " \u{b7} " (t.rich("measures-level", &[], &[("level", html! { strong { (level) } })]))
                }
                @if let Some(expires) = m.expires {
                    " \u{b7} " (t.rich("measures-expires", &[], &[("time", time(expires))]))
                }
            }
            p class="note" {
                (t.rich("measures-held-by", &[("basis", m.basis.as_str().into())], &[("owner", html! { code { (m.owner) } })]))
            }
            ol class="steps" {
                @for s in &m.history {
                    li {
                        (time(s.at)) " \u{2014} " strong { (status_word(t, s.state.name())) }
                        " (" (cause_words(t, s.cause))
                        @if let Some(a) = &s.activation {
                            ", " (t.msg_args("measures-step-activation", &[("activation", a.as_str().into())]))
                        }
                        @if let Some(d) = &s.decision {
                            ", " (t.rich("measures-step-decision", &[], &[("decision", html! { code { (d.as_str()) } })]))
                        }
                        @if let Some(l) = &s.level {
                            ", " (t.msg_args("measures-step-raised", &[("level", l.as_str().into())]))
                        }
                        @if let (Some(e), "renewed") = (s.expires, s.cause) {
                            ", " (t.rich("measures-step-expiring", &[], &[("time", time(e))]))
                        }
                        ") " span class="article" { "[" (s.article) "]" }
                    }
                }
            }
            @for r in &m.reviews {
                h4 {
                    (t.msg_args("measures-review-heading", &[
                        ("review", r.review.to_string().into()),
                        ("relief", r.relief.name().into()),
                    ]))
                    " " span class="article" { "[" (r.article) "]" }
                }
                ol class="steps review-steps" {
                    @for s in &r.steps {
                        li {
                            (time(s.at)) " \u{2014} " strong { (review_step_words(t, s.step.name())) }
                            @if let Some(until) = s.until {
                                ", " (t.rich("measures-barred-until", &[], &[("time", time(until))]))
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The page in English (the tests render it without a request).
#[cfg(test)]
pub(super) fn measures_page(v: &MeasuresView, now: Timestamp) -> Page {
    measures_page_in(v, now, Tr::default())
}

pub(super) fn measures_page_in(v: &MeasuresView, now: Timestamp, t: Tr) -> Page {
    let main = if v.measures.is_empty() {
        html! {
            h1 { (t.msg("measures-heading")) }
            p id="measures-empty" class="empty" { (t.msg("measures-empty")) }
        }
    } else {
        let end = v.as_of.map_or(now, |a| a.max(now));
        html! {
            h1 { (t.msg("measures-heading")) }
            p class="lede" { (t.msg("measures-lede")) }
            (section("measures-timeline", &t.msg("measures-over-time"), html! { (legend(t)) (timeline(&v.measures, end, t)) }))
            (section("measures-list", &t.msg("measures-each"), html! {
                @for m in &v.measures { (measure_card(m, t)) }
            }))
        }
    };
    Page::ok(t.msg("measures-heading"), Section::Measures, main)
}
