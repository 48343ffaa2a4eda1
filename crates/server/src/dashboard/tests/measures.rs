//! The measures page: the timeline's bands and marks, each measure's steps with their articles,
//! escaping of the charter's text, and the page with no register.

use super::*;
use crate::dashboard::layout::layout;
use crate::dashboard::measures::{MeasuresView, measures_page};

const EU: &str =
    include_str!("../../../../../scenarios/precedents/charters/eu-russia-sanctions.toml");

fn ts(text: &str) -> Timestamp {
    text.parse().unwrap()
}

/// The EU precedent's register after a threat and a unanimous renewal, with a hostile name.
pub(super) fn view(as_of: &str) -> MeasuresView {
    let text = EU.replace(
        "name = \"EU economic (sectoral) restrictive measures against Russia\"",
        "name = \"EU <script>alert(1)</script> measures\"",
    );
    let charter = load_toml(&Source::new("eu.toml", text)).unwrap();
    let history = CharterHistory::single(charter);
    let hu = snapback_charter::PartyId::new("HU").unwrap();
    let mut events = vec![snapback_engine::Event {
        at: ts("2024-12-19T12:00:00Z"),
        party: hu,
        kind: snapback_engine::EventKind::MeasureThreatened {
            measure: snapback_charter::MeasureId::new("eu-sectoral").unwrap(),
            summary: "threat".into(),
        },
    }];
    for p in history.versions()[0]
        .parties
        .iter()
        .filter(|p| p.in_group("EU"))
    {
        events.push(snapback_engine::Event {
            at: ts("2025-01-27T15:00:00Z"),
            party: p.id.clone(),
            kind: snapback_engine::EventKind::VoteCast(
                snapback_engine::event::VoteCast::Decision {
                    decision: snapback_charter::DecisionId::new("eu-sectoral/renewal/1").unwrap(),
                    choice: snapback_charter::Choice::Yes,
                },
            ),
        });
    }
    let state = snapback_engine::replay::replay(&history, &events, Some(ts(as_of)));
    MeasuresView {
        measures: state.measures.as_of(state.as_of),
        as_of: state.as_of,
    }
}

#[test]
fn the_timeline_draws_each_state_as_a_band_and_marks_renewals() {
    let page = measures_page(&view("2025-02-01T00:00:00Z"), ts("2025-02-01T00:00:00Z"));
    let body = layout(&page).into_string();
    assert_page(&body);
    assert!(body.contains(r#"<a href="/measures" aria-current="page">Measures</a>"#));
    assert!(body.contains(r#"<svg id="measures-chart""#), "{body}");
    assert!(body.contains(r#"aria-labelledby="measures-chart-title measures-chart-desc""#));
    // eu-sectoral: in force, at risk from the threat, in force again after the renewal.
    assert!(body.contains(r#"data-measure="eu-sectoral""#));
    for band in ["band st-in_force", "band st-at_risk"] {
        assert!(body.contains(band), "{band}");
    }
    assert!(
        body.contains("<title>eu-sectoral: at risk from 2024-12-19 12:00</title>"),
        "{body}"
    );
    assert!(body.contains(r#"class="mark mark-renewed""#));
    // The Art. 122 regulation is not in the register before 12 December 2025.
    assert!(!body.contains("eu-cbr-immobilisation"));
    // Each step with its cause and article; the renewal's new expiry (23:59 CEST).
    assert!(body.contains(r#"<article class="measure" id="measure-eu-sectoral">"#));
    assert!(body.contains("(threat) <span class=\"article\">[Art. 31(1) TEU (unanimity); Decision 2014/512/CFSP, duration clause]</span>"), "{body}");
    assert!(
        body.contains(r#"now expiring <time datetime="2025-07-31T21:59:00Z">"#),
        "{body}"
    );
    // The charter's text is escaped wherever it appears.
    assert!(!body.contains("<script>alert"));
    assert!(body.contains("EU &lt;script&gt;alert(1)&lt;/script&gt; measures"));
}

#[test]
fn a_lapse_and_an_instrument_without_renewal_side_by_side() {
    // No renewal votes by 1 February 2026 in this view's events beyond the first: renewal 2
    // (due by 31 July 2025) is never adopted, so the measures lapse at 21:59 UTC that day.
    let page = measures_page(&view("2026-02-01T00:00:00Z"), ts("2026-02-01T00:00:00Z"));
    let body = layout(&page).into_string();
    assert!(body.contains("band st-lapsed"), "{body}");
    assert!(body.contains(r#"data-measure="eu-cbr-immobilisation""#));
    assert!(body.contains("(renewal failed"), "{body}");
}

#[test]
fn without_a_register_the_page_says_so() {
    let page = measures_page(
        &MeasuresView {
            measures: Vec::new(),
            as_of: None,
        },
        ts("2026-01-01T00:00:00Z"),
    );
    let body = layout(&page).into_string();
    assert_page(&body);
    assert!(body.contains(r#"<p id="measures-empty" class="empty">"#));
    assert!(!body.contains("<svg"));
}

const CAATSA: &str = include_str!("../../../../../scenarios/precedents/charters/caatsa-216.toml");

#[test]
fn a_relief_review_is_drawn_under_its_row_and_listed_step_by_step() {
    let charter = load_toml(&Source::new("caatsa.toml", CAATSA.to_owned())).unwrap();
    let history = CharterHistory::single(charter);
    let events = vec![snapback_engine::Event {
        at: ts("2026-03-02T15:00:00Z"),
        party: snapback_charter::PartyId::new("US-PRES").unwrap(),
        kind: snapback_engine::EventKind::ReliefReported(snapback_engine::event::MeasureRecorded {
            measure: snapback_charter::MeasureId::new("ru-sanctions").unwrap(),
            state: snapback_charter::MeasureState::Terminated,
            reference: "report".into(),
        }),
    }];
    let state =
        snapback_engine::replay::replay(&history, &events, Some(ts("2026-05-01T00:00:00Z")));
    let view = MeasuresView {
        measures: state.measures.as_of(state.as_of),
        as_of: state.as_of,
    };
    let body = layout(&measures_page(&view, ts("2026-05-01T00:00:00Z"))).into_string();
    assert_page(&body);
    assert!(body.contains(r#"<rect class="review""#), "{body}");
    assert!(
        body.contains(
            "<title>ru-sanctions: relief review 1 (terminated reported) from 2026-03-02 15:00</title>"
        ),
        "{body}"
    );
    // No disapproval: the relief takes effect when the 30-day window ends (10:00 in New York).
    assert!(
        body.contains("Relief review 1: terminated reported"),
        "{body}"
    );
    assert!(
        body.contains(
            r#"opened</strong>, relief barred until <time datetime="2026-04-01T14:00:00Z">"#
        ),
        "{body}"
    );
    assert!(body.contains("relief cleared</strong>"), "{body}");
    assert!(body.contains("band st-terminated"), "{body}");
}
