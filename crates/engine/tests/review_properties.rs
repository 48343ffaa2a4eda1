//! Property tests of relief under review (`[measure.review]`) on the CAATSA §216 precedent's
//! charter, over random streams of relief reports, votes on the disapproval and override
//! motions, vetoes, direct records and jumps of time. The properties:
//!
//! 1. Relief never takes effect while a bar holds: a `relief` transition comes exactly when the
//!    review's last bar ends, never before the window's end, and never after a disapproval was
//!    enacted in the same review.
//! 2. Every review that was given time ends exactly once, enacted or cleared; a measure is in
//!    one state at any instant.
//! 3. Replays are identical whether or not time is advanced between events.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use jiff::Timestamp;
use proptest::prelude::*;
use snapback_charter::{
    CharterHistory, Choice, DecisionId, MeasureId, MeasureState, PartyId, Source,
};
use snapback_engine::derived::ReviewStep;
use snapback_engine::event::{MeasureRecorded, VoteCast};
use snapback_engine::replay::replay;
use snapback_engine::{Event, EventKind, Report};

const CHARTER: &str = include_str!("../../../scenarios/precedents/charters/caatsa-216.toml");
const DAY: i64 = 86_400;
const SEATS: &[&str] = &[
    "H1", "H2", "H3", "H4", "H5", "H6", "H7", "H8", "H9", "S1", "S2", "S3", "S4", "S5",
];

fn history() -> CharterHistory {
    let charter = snapback_charter::load_toml(&Source::new("caatsa.toml", CHARTER))
        .unwrap_or_else(|e| panic!("{e}"));
    CharterHistory::single(charter)
}

fn p(id: &str) -> PartyId {
    PartyId::new(id).unwrap()
}

fn measure() -> MeasureId {
    MeasureId::new("ru-sanctions").unwrap()
}

#[derive(Debug, Clone)]
enum Spec {
    Report {
        by_owner: bool,
        terminate: bool,
    },
    Record {
        state: usize,
    },
    Votes {
        review: u32,
        overrides: bool,
        yes: u8,
    },
    Veto {
        by_holder: bool,
    },
}

fn spec() -> impl Strategy<Value = Spec> {
    prop_oneof![
        3 => (any::<bool>(), any::<bool>()).prop_map(|(o, t)| Spec::Report { by_owner: o || t, terminate: t }),
        1 => (0..5usize).prop_map(|state| Spec::Record { state }),
        6 => (1..3u32, any::<bool>(), 0..15u8).prop_map(|(review, overrides, yes)| Spec::Votes { review, overrides, yes }),
        2 => any::<bool>().prop_map(|by_holder| Spec::Veto { by_holder }),
    ]
}

fn events() -> impl Strategy<Value = Vec<Event>> {
    prop::collection::vec((0..20 * DAY, spec()), 1..30).prop_map(|items| {
        let mut at = "2026-01-05T15:00:00Z"
            .parse::<Timestamp>()
            .unwrap()
            .as_second();
        let mut out = Vec::new();
        for (step, spec) in items {
            at += step;
            let t = Timestamp::from_second(at).unwrap();
            match spec {
                Spec::Report {
                    by_owner,
                    terminate,
                } => out.push(Event {
                    at: t,
                    party: p(if by_owner { "US-PRES" } else { "H1" }),
                    kind: EventKind::ReliefReported(MeasureRecorded {
                        measure: measure(),
                        state: if terminate {
                            MeasureState::Terminated
                        } else {
                            MeasureState::Suspended
                        },
                        reference: "r".into(),
                    }),
                }),
                Spec::Record { state } => out.push(Event {
                    at: t,
                    party: p("US-PRES"),
                    kind: EventKind::MeasureRecorded(MeasureRecorded {
                        measure: measure(),
                        state: MeasureState::ALL[state],
                        reference: "r".into(),
                    }),
                }),
                Spec::Votes {
                    review,
                    overrides,
                    yes,
                } => {
                    let what = if overrides { "override" } else { "disapproval" };
                    for (i, seat) in SEATS.iter().enumerate() {
                        let body = if seat.starts_with('H') {
                            "house"
                        } else {
                            "senate"
                        };
                        out.push(Event {
                            at: t,
                            party: p(seat),
                            kind: EventKind::VoteCast(VoteCast::Decision {
                                decision: DecisionId::new(&format!(
                                    "ru-sanctions/review/{review}/{what}/{body}"
                                ))
                                .unwrap(),
                                choice: if (i as u8) < yes {
                                    Choice::Yes
                                } else {
                                    Choice::No
                                },
                            }),
                        });
                    }
                }
                Spec::Veto { by_holder } => out.push(Event {
                    at: t,
                    party: p(if by_holder { "US-PRES" } else { "S1" }),
                    kind: EventKind::ReliefVetoed { measure: measure() },
                }),
            }
        }
        out
    })
}

/// Far enough after the last event for every bar (60 + 12 + 10 days at most) to end.
fn horizon(events: &[Event]) -> Timestamp {
    let last = events.iter().map(|e| e.at).max().unwrap();
    last.checked_add(jiff::SignedDuration::from_hours(24 * 90))
        .unwrap()
}

proptest! {
    #![proptest_config(common::config(256))]

    #[test]
    fn relief_waits_for_every_bar_and_each_review_ends_once(events in events()) {
        let history = history();
        let state = replay(&history, &events, Some(horizon(&events)));
        let record = state.measures.get("ru-sanctions").unwrap();
        for review in &record.reviews {
            let steps = &review.steps;
            prop_assert_eq!(steps[0].step, ReviewStep::Opened);
            let window_end = steps[0].until.unwrap();
            let ends: Vec<_> = steps
                .iter()
                .filter(|s| matches!(s.step, ReviewStep::DisapprovalEnacted | ReviewStep::ReliefCleared))
                .collect();
            prop_assert_eq!(ends.len(), 1, "review {} ends once: {:?}", review.review, steps);
            prop_assert!(std::ptr::eq(ends[0], steps.last().unwrap()), "the end is the last step");
            // A cleared review ends exactly when its last bar ends, never before the window's.
            let latest_bar = steps.iter().filter_map(|s| s.until).max().unwrap();
            if ends[0].step == ReviewStep::ReliefCleared {
                prop_assert!(ends[0].at >= window_end, "cleared at {} before the window's end {window_end}", ends[0].at);
                prop_assert_eq!(ends[0].at, steps[steps.len() - 2].until.unwrap());
                prop_assert!(ends[0].at <= latest_bar);
            }
        }
        // Every relief transition is a cleared review's end, at the same instant.
        for step in record.history.iter().filter(|s| s.cause == "relief") {
            prop_assert!(
                record.reviews.iter().any(|r| r.steps.last().is_some_and(|e| e.step == ReviewStep::ReliefCleared && e.at == step.at)),
                "relief at {} without a cleared review", step.at
            );
            prop_assert!(matches!(step.state, MeasureState::Suspended | MeasureState::Terminated));
        }
        // One state at any instant: every transition changes it, in time order.
        for w in record.history.windows(2) {
            prop_assert!(w[0].at <= w[1].at);
            prop_assert_ne!(w[0].state, w[1].state);
        }
    }

    #[test]
    fn replays_are_identical_when_time_is_advanced_between_events(events in events()) {
        let history = history();
        let end = horizon(&events);
        let once = serde_json::to_string(&Report::new(&replay(&history, &events, Some(end)))).unwrap();
        // Advanced to just before each event (the bars may end in between).
        let twice = common::stepped_report(&history, &events, end, |_| true);
        prop_assert_eq!(&once, &twice);
    }
}
