//! Property tests of the register of measures over random event streams on
//! `scenarios/charters/measures.toml` (a snapback with levels, a duty linked to its measure, a
//! sunset, a six-monthly renewal in Brussels time, an instrument without sunset).
//!
//! Streams mix claims (which activate at their deadline when nobody votes, or are dismissed by a
//! majority), owners' records of every state (many refused), threats, votes on renewal decisions
//! and jumps of time across sunsets, renewals and expiries. The properties:
//!
//! 1. A measure is in exactly one state at any instant: its history is ordered in time, every
//!    transition changes the state, and the state now is the last step's.
//! 2. No duplicate duty: an obligation to re-impose a measure is created only while the measure
//!    does not apply.
//! 3. Replays are identical, and advancing at arbitrary instants changes nothing.
//! 4. A local date-time in an IANA zone round-trips through its instant, and a yearly date's
//!    next occurrence lies after the instant asked and falls on one of its dates.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::HashMap;

use jiff::Timestamp;
use jiff::civil::DateTime;
use proptest::prelude::*;
use snapback_charter::legal_time::{AnnualDates, Zone, local_instant};
use snapback_charter::{
    CharterHistory, Choice, ClaimId, DecisionId, MeasureId, MeasureState, PartyId, Source,
};
use snapback_engine::derived::{Derived, DerivedKind};
use snapback_engine::engine::{Judgement, Sink};
use snapback_engine::event::{ClaimFiled, MeasureRecorded, Verdict, VoteCast};
use snapback_engine::replay::{replay, replay_with};
use snapback_engine::{Event, EventKind, Report};

const CHARTER: &str = include_str!("../../../scenarios/charters/measures.toml");
const MEASURES: &[&str] = &[
    "a-sanctions",
    "b-sanctions",
    "c-intel",
    "council-measures",
    "standing-commitment",
];
const PARTIES: &[&str] = &["UA", "SEC", "A", "B", "C", "D", "E"];
const HOUR: i64 = 3_600;
const DAY: i64 = 24 * HOUR;

fn history() -> CharterHistory {
    let charter = snapback_charter::load_toml(&Source::new("measures.toml", CHARTER))
        .unwrap_or_else(|e| panic!("{e}"));
    CharterHistory::single(charter)
}

fn start() -> i64 {
    "2026-01-01T00:00:00Z"
        .parse::<Timestamp>()
        .unwrap()
        .as_second()
}

#[derive(Debug, Clone)]
enum Spec {
    File,
    Dismiss,
    Record {
        party: usize,
        measure: usize,
        state: usize,
    },
    Threaten {
        party: usize,
        measure: usize,
    },
    RenewalVote {
        party: usize,
        yes: bool,
    },
}

fn spec() -> impl Strategy<Value = Spec> {
    prop_oneof![
        2 => Just(Spec::File),
        1 => Just(Spec::Dismiss),
        3 => (0..PARTIES.len(), 0..MEASURES.len(), 0..MeasureState::ALL.len())
            .prop_map(|(party, measure, state)| Spec::Record { party, measure, state }),
        1 => (0..PARTIES.len(), 0..MEASURES.len())
            .prop_map(|(party, measure)| Spec::Threaten { party, measure }),
        2 => (2..5usize, any::<bool>()).prop_map(|(party, yes)| Spec::RenewalVote { party, yes }),
    ]
}

/// Steps in seconds: often none, an hour, a few days, or a month (across sunsets and expiries).
fn step() -> impl Strategy<Value = i64> {
    prop_oneof![
        3 => Just(0),
        3 => Just(HOUR),
        2 => (1..6i64).prop_map(|d| d * DAY),
        1 => (20..60i64).prop_map(|d| d * DAY),
    ]
}

fn p(name: &str) -> PartyId {
    PartyId::new(name).unwrap()
}

fn events(max: usize) -> impl Strategy<Value = Vec<Event>> {
    prop::collection::vec((step(), spec()), 1..max).prop_map(|items| {
        let mut at = start() + HOUR;
        let mut claims = 0u32;
        let mut out = Vec::with_capacity(items.len() * 3);
        for (step, spec) in items {
            at += step;
            let t = Timestamp::from_second(at).unwrap();
            match spec {
                Spec::File => {
                    claims += 1;
                    out.push(Event {
                        at: t,
                        party: p("UA"),
                        kind: EventKind::ClaimFiled(ClaimFiled {
                            claim: ClaimId::new(&format!("C{claims}")).unwrap(),
                            category: "shelling".into(),
                            severity: 2,
                            summary: "s".into(),
                            location: None,
                            occurred_at: None,
                            allegation: Default::default(),
                        }),
                    });
                }
                Spec::Dismiss if claims > 0 => {
                    for g in ["A", "B", "C"] {
                        out.push(Event {
                            at: t,
                            party: p(g),
                            kind: EventKind::VoteCast(VoteCast::Claim {
                                claim: ClaimId::new(&format!("C{claims}")).unwrap(),
                                verdict: Verdict::Unfounded,
                            }),
                        });
                    }
                }
                Spec::Dismiss => {}
                Spec::Record {
                    party,
                    measure,
                    state,
                } => out.push(Event {
                    at: t,
                    party: p(PARTIES[party]),
                    kind: EventKind::MeasureRecorded(MeasureRecorded {
                        measure: MeasureId::new(MEASURES[measure]).unwrap(),
                        state: MeasureState::ALL[state],
                        reference: "r".into(),
                    }),
                }),
                Spec::Threaten { party, measure } => out.push(Event {
                    at: t,
                    party: p(PARTIES[party]),
                    kind: EventKind::MeasureThreatened {
                        measure: MeasureId::new(MEASURES[measure]).unwrap(),
                        summary: "t".into(),
                    },
                }),
                Spec::RenewalVote { party, yes } => {
                    // The renewal decisions are numbered; vote on the first few.
                    for n in 1..=3 {
                        out.push(Event {
                            at: t,
                            party: p(PARTIES[party]),
                            kind: EventKind::VoteCast(VoteCast::Decision {
                                decision: DecisionId::new(&format!("council-measures/renewal/{n}"))
                                    .unwrap(),
                                choice: if yes { Choice::Yes } else { Choice::No },
                            }),
                        });
                    }
                }
            }
        }
        out
    })
}

/// Follows every measure's state through the derived events, and checks each duty to
/// re-impose a measure is created only while that measure does not apply.
struct Follow {
    states: HashMap<MeasureId, MeasureState>,
    duplicates: Vec<String>,
}

impl Sink for Follow {
    fn input(&mut self, _: u64, _: &Event, _: &Judgement) {}

    fn derived(&mut self, d: &Derived) {
        match &d.kind {
            DerivedKind::MeasureChanged {
                measure, from, to, ..
            } => {
                let before = self.states.insert(measure.clone(), *to);
                if before.is_some_and(|b| b != *from) {
                    self.duplicates
                        .push(format!("{measure}: from {from} but was {before:?}"));
                }
                if from == to {
                    self.duplicates
                        .push(format!("{measure}: a transition to the same state"));
                }
            }
            DerivedKind::ObligationCreated {
                obligation,
                measure: Some(m),
                ..
            } if self.states.get(m).is_some_and(|s| s.applies()) => {
                self.duplicates
                    .push(format!("{obligation} created while {m} applies"));
            }
            _ => {}
        }
    }
}

fn end(events: &[Event]) -> Timestamp {
    let last = events
        .iter()
        .map(|e| e.at)
        .max()
        .unwrap_or_else(|| Timestamp::from_second(start()).unwrap());
    last.checked_add(jiff::SignedDuration::from_hours(24 * 40))
        .unwrap()
}

proptest! {
    #![proptest_config(common::config(256))]

    #[test]
    fn one_state_at_any_instant_and_no_duplicate_duty(events in events(40)) {
        let history = history();
        let initial: HashMap<MeasureId, MeasureState> = history
            .versions()[0]
            .measures
            .iter()
            .map(|m| (m.id.clone(), m.initial))
            .collect();
        let mut follow = Follow { states: initial, duplicates: Vec::new() };
        let state = replay_with(&history, &events, Some(end(&events)), &mut follow);
        prop_assert!(follow.duplicates.is_empty(), "{:?}", follow.duplicates);
        for m in &state.measures.records {
            prop_assert!(m.history.windows(2).all(|w| w[0].at <= w[1].at), "{} out of order", m.id);
            for w in m.history.windows(2) {
                let transition = !matches!(w[1].cause, "confirmed" | "renewed" | "amended");
                if transition {
                    prop_assert_ne!(w[0].state, w[1].state, "{}: {:?}", m.id, w[1]);
                } else {
                    prop_assert_eq!(w[0].state, w[1].state, "{}: {:?}", m.id, w[1]);
                }
            }
            prop_assert_eq!(Some(m.state), m.history.last().map(|s| s.state));
            // The engine's live register agrees with the projection.
            prop_assert_eq!(follow.states.get(&m.id).copied(), Some(m.state));
        }
    }

    #[test]
    fn replays_are_identical_and_advancing_changes_nothing(
        events in events(30),
        cuts in prop::collection::vec(0usize..30, 0..4),
    ) {
        let history = history();
        let end = end(&events);
        let once = serde_json::to_string(&Report::new(&replay(&history, &events, Some(end)))).unwrap();
        let again = serde_json::to_string(&Report::new(&replay(&history, &events, Some(end)))).unwrap();
        prop_assert_eq!(&once, &again);
        // Advance just before some events (completing the instants in between).
        let stepped = common::stepped_report(&history, &events, end, |i| cuts.contains(&i));
        prop_assert_eq!(&once, &stepped);
    }

    #[test]
    fn a_local_time_round_trips_through_its_instant(
        zone in prop::sample::select(vec!["UTC", "Europe/Brussels", "Europe/Kyiv", "America/New_York", "Asia/Tokyo"]),
        year in 1990i16..2100,
        month in 1i8..=12,
        day in 1i8..=28,
        hour in 0i8..24,
        minute in 0i8..60,
    ) {
        let zone = Zone::named(zone).unwrap();
        let local = DateTime::new(year, month, day, hour, minute, 0, 0).unwrap();
        let text = local.to_string();
        if let Ok(at) = local_instant(&text, &zone) {
            prop_assert_eq!(zone.local(at), local);
            prop_assert_eq!(zone.instant(local), at);
        }
        let dates = AnnualDates::parse(&["01-31T23:59".into(), "07-31T23:59".into()], zone.clone()).unwrap();
        let at = zone.instant(local);
        let next = dates.next_after(at);
        prop_assert!(next > at);
        let l = zone.local(next);
        prop_assert!(matches!((l.month(), l.day(), l.hour(), l.minute()), (1, 31, 23, 59) | (7, 31, 23, 59)), "{l}");
    }
}
