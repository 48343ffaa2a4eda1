//! Property tests of a further motion that supersedes its claim (`decision.opened` with
//! `claim` and `supersedes`), on the UNSCR 2231 precedent's charter (effect at the legal
//! deadline, a tabling stage, the Council's veto rule), over random streams of tablings, votes
//! on the notification, openings of the extension motion and votes on it. The properties:
//!
//! 1. A claim is superseded exactly when the motion was adopted before the claim's legal
//!    deadline and the claim had not been dismissed first; then it is superseded at the instant
//!    of the adoption, nothing activates and the measures never return.
//! 2. Otherwise the claim activates exactly when it is determined activated: one activation, at
//!    its legal deadline, with the measures back in force then.
//! 3. Replays are identical whether or not time is advanced between events.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;
use snapback_charter::{
    BodyId, CharterHistory, Choice, ClaimId, DecisionId, Duration, MeasureState, PartyId, Source,
};
use snapback_engine::derived::{ClaimStatus, DecisionStatus};
use snapback_engine::event::{ClaimFiled, DecisionOpened, Verdict, VoteCast};
use snapback_engine::replay::replay;
use snapback_engine::{Event, EventKind, Report};

const CHARTER: &str = include_str!("../../../scenarios/precedents/charters/unscr-2231-2025.toml");
const MEMBERS: &[&str] = &[
    "RU", "CN", "US", "GB", "FR", "DZ", "DK", "GR", "GY", "KR", "PK", "PA", "SL", "SI", "SO",
];
const HOUR: i64 = 3_600;

fn history() -> CharterHistory {
    let charter = snapback_charter::load_toml(&Source::new("unscr-2231-2025.toml", CHARTER))
        .unwrap_or_else(|e| panic!("{e}"));
    CharterHistory::single(charter)
}

fn p(id: &str) -> PartyId {
    PartyId::new(id).unwrap()
}

fn claim() -> ClaimId {
    ClaimId::new("E3-N").unwrap()
}

fn motion() -> DecisionId {
    DecisionId::new("EXT").unwrap()
}

#[derive(Debug, Clone)]
enum Spec {
    Table(usize),
    /// Every member votes on the claim at once, from the `from`-th member on: `yes` of them
    /// "unfounded" (to continue relief), the others "founded" if `split`, else abstain.
    ClaimBallot {
        from: usize,
        yes: usize,
        split: bool,
    },
    OpenMotion(usize, u64),
    /// Every member votes on the motion at once: `yes` of them yes, the others no if `split`
    /// (a permanent member among them vetoes), else abstain.
    MotionBallot {
        from: usize,
        yes: usize,
        split: bool,
    },
}

/// One vote from each member, starting at the `from`-th: the first `yes` with `yes_choice`,
/// the rest with `rest`.
fn ballot<T: Copy>(from: usize, yes: usize, yes_choice: T, rest: T) -> Vec<(&'static str, T)> {
    (0..MEMBERS.len())
        .map(|i| {
            let member = MEMBERS[(from + i) % MEMBERS.len()];
            (member, if i < yes { yes_choice } else { rest })
        })
        .collect()
}

fn spec() -> impl Strategy<Value = Spec> {
    prop_oneof![
        1 => (0..MEMBERS.len()).prop_map(Spec::Table),
        3 => (0..MEMBERS.len(), 0..=MEMBERS.len(), any::<bool>())
            .prop_map(|(from, yes, split)| Spec::ClaimBallot { from, yes, split }),
        1 => (0..MEMBERS.len(), 1..10u64).prop_map(|(m, d)| Spec::OpenMotion(m, d)),
        3 => (0..MEMBERS.len(), 0..=MEMBERS.len(), any::<bool>())
            .prop_map(|(from, yes, split)| Spec::MotionBallot { from, yes, split }),
    ]
}

fn events() -> impl Strategy<Value = Vec<Event>> {
    prop::collection::vec((0..72 * HOUR, spec()), 1..60).prop_map(|items| {
        let start: Timestamp = "2025-08-28T16:00:00Z".parse().unwrap();
        let mut out = vec![Event {
            at: start,
            party: p("E3"),
            kind: EventKind::ClaimFiled(ClaimFiled {
                claim: claim(),
                category: "significant-non-performance".into(),
                severity: 5,
                summary: "notification".into(),
                location: None,
                occurred_at: None,
                allegation: Default::default(),
            }),
        }];
        let mut at = start.as_second();
        for (step, spec) in items {
            at += step;
            let t = Timestamp::from_second(at).unwrap();
            let mut push = |party: &str, kind| {
                out.push(Event {
                    at: t,
                    party: p(party),
                    kind,
                })
            };
            match spec {
                Spec::Table(m) => push(MEMBERS[m], EventKind::MotionTabled { claim: claim() }),
                Spec::ClaimBallot { from, yes, split } => {
                    let rest = if split {
                        Verdict::Founded
                    } else {
                        Verdict::Abstain
                    };
                    for (member, verdict) in ballot(from, yes, Verdict::Unfounded, rest) {
                        push(
                            member,
                            EventKind::VoteCast(VoteCast::Claim {
                                claim: claim(),
                                verdict,
                            }),
                        );
                    }
                }
                Spec::OpenMotion(m, days) => push(
                    MEMBERS[m],
                    EventKind::DecisionOpened(DecisionOpened {
                        decision: motion(),
                        body: BodyId::new("council").unwrap(),
                        motion: "extend resolution 2231 and its relief".into(),
                        decide_within: Duration::from_seconds(days * 24 * 3_600).unwrap(),
                        claim: Some(claim()),
                        supersedes: true,
                        finding: None,
                    }),
                ),
                Spec::MotionBallot { from, yes, split } => {
                    let rest = if split { Choice::No } else { Choice::Abstain };
                    for (member, choice) in ballot(from, yes, Choice::Yes, rest) {
                        push(
                            member,
                            EventKind::VoteCast(VoteCast::Decision {
                                decision: motion(),
                                choice,
                            }),
                        );
                    }
                }
            }
        }
        out
    })
}

fn horizon(events: &[Event]) -> Timestamp {
    let last = events.iter().map(|e| e.at).max().unwrap();
    last.checked_add(SignedDuration::from_hours(24 * 60))
        .unwrap()
}

proptest! {
    #![proptest_config(common::config(256))]

    #[test]
    fn a_claim_is_superseded_exactly_when_the_motion_is_adopted_in_time(events in events()) {
        let history = history();
        let state = replay(&history, &events, Some(horizon(&events)));
        let c = state.claims.iter().find(|c| c.id == claim()).unwrap();
        let deadline = c.deadline.unwrap();
        let adopted = state
            .decisions
            .iter()
            .find(|d| d.id == motion() && d.status == DecisionStatus::Adopted)
            .and_then(|d| d.decided_at);
        let measure = state.measures.get("un-prior-resolutions").unwrap();
        let returned = measure.history.iter().any(|s| s.state == MeasureState::InForce);
        match c.status {
            ClaimStatus::Superseded => {
                let (at, by) = c.superseded.clone().unwrap();
                prop_assert_eq!(by, motion());
                prop_assert_eq!(Some(at), adopted, "superseded at the adoption");
                prop_assert!(at <= deadline, "superseded at {at}, after the deadline {deadline}");
                prop_assert!(state.activations.is_empty(), "a superseded claim activated");
                prop_assert!(!returned, "the measures returned after all");
            }
            ClaimStatus::Activated => {
                prop_assert!(adopted.is_none_or(|at| at >= deadline), "adopted at {adopted:?} yet activated");
                prop_assert_eq!(state.activations.len(), 1);
                prop_assert_eq!(state.activations[0].at, deadline, "in effect at the legal deadline");
                prop_assert!(returned, "activated, but the measures did not return");
            }
            ClaimStatus::Dismissed => {
                if let Some(at) = adopted {
                    prop_assert!(c.determined_at.unwrap() <= at, "dismissed after an adopted supersession");
                }
                prop_assert!(state.activations.is_empty());
                prop_assert!(!returned);
            }
            status => prop_assert!(false, "the claim ends {status:?}"),
        }
    }

    #[test]
    fn replays_are_identical_when_time_is_advanced_between_events(events in events()) {
        let history = history();
        let end = horizon(&events);
        let once = serde_json::to_string(&Report::new(&replay(&history, &events, Some(end)))).unwrap();
        let twice = common::stepped_report(&history, &events, end, |_| true);
        prop_assert_eq!(&once, &twice);
    }
}

/// The streams reach every ending: a property over streams that never supersede would be
/// vacuous.
#[test]
fn streams_reach_every_ending() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    let mut runner = TestRunner::deterministic();
    let history = history();
    let mut seen = std::collections::BTreeMap::<&str, usize>::new();
    for _ in 0..200 {
        let events = events().new_tree(&mut runner).unwrap().current();
        let state = replay(&history, &events, Some(horizon(&events)));
        let status = state.claims[0].status;
        *seen.entry(status.name()).or_default() += 1;
    }
    for ending in ["superseded", "activated", "dismissed"] {
        assert!(
            seen.get(ending).copied().unwrap_or(0) >= 5,
            "too few streams end {ending}: {seen:?}"
        );
    }
}
