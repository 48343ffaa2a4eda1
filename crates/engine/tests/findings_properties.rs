//! Property tests of contested findings, on the truces test charter (`scenarios/charters/
//! truces.toml`: two truces between UA and RU, a 24-hour right of reply under the energy truce,
//! reconsideration within 30 days, and a sanctions package restoring `b-sanctions`, which
//! unwinds, and `c-sanctions`, which does not). The properties:
//!
//! 1. **Unwinding restores every reversible effect and nothing else.** Over random histories (the
//!    measures' states before, an earlier activation that already put them in force, an owner
//!    acting on a measure after the snapback, a later activation relying on it, an obligation
//!    met before the reconsideration), a reconsideration that dismisses the activated claim
//!    leaves the record as the same history without it, except exactly that: `b-sanctions`
//!    returns to its state before the snapback when this activation moved it and nothing acted
//!    on it since; the activation's open obligations are cancelled and its met ones stay met. A
//!    reconsideration that confirms the activation changes nothing at all.
//! 2. **A claim under a truce is accepted exactly when it is inside it**: filed by a side, of a
//!    covered category, about an incident inside the term; otherwise refused with the reason.
//! 3. **The right of reply holds the determination**: a claim the body finds unfounded is
//!    dismissed at the later of the deciding vote and the reply (or the reply window's end).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;
use serde_json::{Value, json};
use snapback_charter::{CharterHistory, FieldPath, MeasureState, Source};
use snapback_engine::derived::{ClaimStatus, ObligationStatus};
use snapback_engine::event::WireEvent;
use snapback_engine::{Engine, Event, State};

const CHARTER: &str = include_str!("../../../scenarios/charters/truces.toml");
const HOUR: i64 = 3_600;
const DAY: i64 = 24 * HOUR;
const D_PHOTO: &str = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
const D_LOGS: &str = "sha256:2222222222222222222222222222222222222222222222222222222222222222";

fn history() -> CharterHistory {
    let charter = snapback_charter::load_toml(&Source::new("truces.toml", CHARTER))
        .unwrap_or_else(|e| panic!("{e}"));
    CharterHistory::single(charter)
}

/// 2026-05-01T00:00:00Z plus `seconds`.
fn t(seconds: i64) -> Timestamp {
    Timestamp::from_second(1_777_593_600 + seconds).unwrap()
}

/// An event from its wire fields.
fn ev(at: Timestamp, party: &str, kind: &str, fields: Value) -> Event {
    let mut map = fields.as_object().cloned().unwrap_or_default();
    map.insert("at".into(), json!(at.to_string()));
    map.insert("party".into(), json!(party));
    map.insert("type".into(), json!(kind));
    let wire: WireEvent = serde_json::from_value(Value::Object(map)).unwrap();
    wire.into_event(&FieldPath::of(&["event"]))
        .unwrap_or_else(|p| panic!("{p:?}"))
}

fn claim(at: Timestamp, id: &str, category: &str, extra: Value) -> Event {
    let mut fields = json!({
        "claim": id, "category": category, "severity": 3, "summary": "An attack",
    });
    if let (Some(f), Some(x)) = (fields.as_object_mut(), extra.as_object()) {
        f.extend(x.clone());
    }
    ev(at, "UA", "claim.filed", fields)
}

fn run(events: &[Event], end: Timestamp) -> (State, Vec<(String, MeasureState)>) {
    let history = history();
    let mut engine = Engine::new(history.clone());
    let mut state = State::new(history);
    for (i, e) in events.iter().enumerate() {
        engine.apply(i as u64, e, &mut state);
    }
    engine.advance(end, &mut state).unwrap();
    state.as_of = Some(end);
    let measures = engine
        .measure_states()
        .into_iter()
        .map(|(id, s)| (id.to_string(), s))
        .collect();
    (state, measures)
}

#[derive(Debug, Clone)]
struct History {
    /// What B records for `b-sanctions` before anything (initially suspended).
    b_before: Option<MeasureState>,
    /// An earlier claim whose activation puts the measures in force first.
    earlier_claim: bool,
    /// A meets its intelligence duty before the reconsideration.
    intel_met: bool,
    /// B suspends `b-sanctions` again after the snapback.
    b_after: bool,
    /// A later claim's activation confirms the measures in force.
    later_claim: bool,
    /// The reconsideration dismisses the claim (else nobody finds it unfounded).
    dismiss: bool,
}

fn histories() -> impl Strategy<Value = History> {
    (
        prop_oneof![
            Just(None),
            Just(Some(MeasureState::InForce)),
            Just(Some(MeasureState::Terminated))
        ],
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(b_before, earlier_claim, intel_met, b_after, later_claim, dismiss)| History {
                b_before,
                earlier_claim,
                intel_met,
                b_after,
                later_claim,
                dismiss,
            },
        )
}

/// The history's events, with or without the reconsideration of C1 (and its votes).
fn events(h: &History, reconsider: bool) -> Vec<Event> {
    let mut out = Vec::new();
    if let Some(state) = h.b_before {
        out.push(ev(
            t(HOUR),
            "B",
            "measure.recorded",
            json!({"measure": "b-sanctions", "state": state.name(), "reference": "B act 1"}),
        ));
    }
    if h.earlier_claim {
        out.push(claim(t(2 * HOUR), "C0", "shelling", json!({})));
    }
    out.push(claim(t(9 * HOUR), "C1", "energy", json!({})));
    let activation = if h.earlier_claim { "A2" } else { "A1" };
    if h.intel_met {
        out.push(ev(
            t(2 * DAY + 10 * HOUR),
            "A",
            "obligation.fulfilled",
            json!({"obligation": format!("{activation}/sanctions/1"), "reference": "shared"}),
        ));
    }
    if h.b_after {
        out.push(ev(
            t(2 * DAY + 11 * HOUR),
            "B",
            "measure.recorded",
            json!({"measure": "b-sanctions", "state": "suspended", "reference": "B act 2"}),
        ));
    }
    if h.later_claim {
        out.push(claim(t(2 * DAY + 12 * HOUR), "C2", "shelling", json!({})));
    }
    if reconsider {
        out.push(ev(
            t(5 * DAY + 9 * HOUR),
            "B",
            "reconsideration.requested",
            json!({"claim": "C1", "source_kind": "operator-logs", "digest": D_LOGS, "summary": "logs"}),
        ));
        if h.dismiss {
            for (i, member) in ["A", "B", "C"].iter().enumerate() {
                out.push(ev(
                    t(5 * DAY + 10 * HOUR + i as i64 * 60),
                    member,
                    "vote.cast",
                    json!({"claim": "C1", "vote": "unfounded"}),
                ));
            }
        }
    }
    out
}

fn obligation_statuses(state: &State) -> Vec<(String, ObligationStatus)> {
    state
        .obligations
        .iter()
        .map(|o| (o.id.to_string(), o.status))
        .collect()
}

proptest! {
    #![proptest_config(common::config(64))]

    #[test]
    fn unwinding_restores_every_reversible_effect_and_nothing_else(h in histories()) {
        let end = t(8 * DAY);
        let (with, with_measures) = run(&events(&h, true), end);
        let (without, without_measures) = run(&events(&h, false), end);
        let activation = if h.earlier_claim { "A2" } else { "A1" };
        prop_assert_eq!(
            with.activations.iter().map(|a| &a.id).collect::<Vec<_>>(),
            without.activations.iter().map(|a| &a.id).collect::<Vec<_>>(),
            "no activation is added or removed"
        );
        let c1 = with.claim("C1").unwrap();
        if !h.dismiss {
            // Confirmed on reconsideration: nothing changes but the claim's own record.
            prop_assert_eq!(c1.status, ClaimStatus::Activated);
            prop_assert!(c1.unwound.is_none());
            prop_assert_eq!(obligation_statuses(&with), obligation_statuses(&without));
            prop_assert_eq!(with_measures, without_measures);
            return Ok(());
        }
        prop_assert_eq!(c1.status, ClaimStatus::Dismissed);
        let unwound = c1.unwound.as_ref().unwrap();
        prop_assert_eq!(unwound.activation.as_str(), activation);
        // Obligations: the activation's open ones cancelled, its met one met, all others as
        // they would have been.
        let prefix = format!("{activation}/");
        for ((id, status), (id2, status2)) in
            obligation_statuses(&with).into_iter().zip(obligation_statuses(&without))
        {
            prop_assert_eq!(&id, &id2);
            let expected = if !id.starts_with(&prefix) {
                status2
            } else if id.ends_with("/sanctions/1") && h.intel_met {
                ObligationStatus::Fulfilled
            } else {
                ObligationStatus::Cancelled
            };
            prop_assert_eq!(status, expected, "{}", id);
        }
        // Measures: only b-sanctions can return, and only when this activation moved it and
        // nothing acted on it since.
        let before_snapback = if h.earlier_claim {
            MeasureState::InForce
        } else {
            h.b_before.unwrap_or(MeasureState::Suspended)
        };
        let moved = before_snapback != MeasureState::InForce;
        let acted_since = h.b_after || h.later_claim;
        for ((id, state), (_, state_without)) in with_measures.iter().zip(&without_measures) {
            let expected = if id == "b-sanctions" && moved && !acted_since {
                before_snapback
            } else {
                *state_without
            };
            prop_assert_eq!(*state, expected, "{}", id);
        }
        prop_assert_eq!(
            unwound.measures.iter().map(|m| m.to_string()).collect::<Vec<_>>(),
            if moved && !acted_since { vec!["b-sanctions".to_owned()] } else { vec![] }
        );
    }

    #[test]
    fn a_claim_under_a_truce_is_accepted_exactly_when_inside_it(
        filer in prop_oneof![Just("UA"), Just("RU"), Just("B")],
        category in prop_oneof![Just("energy"), Just("shelling")],
        // The energy truce runs after 2026-03-18T00:00Z for 30 days (to 16 April 23:00 UTC).
        offset_hours in -72i64..(33 * 24),
    ) {
        let from = Timestamp::from_second(1_773_792_000).unwrap();
        let occurred = from.checked_add(SignedDuration::from_hours(offset_hours)).unwrap();
        let filed_at = occurred.checked_add(SignedDuration::from_hours(1)).unwrap();
        let event = ev(filed_at, filer, "claim.filed", json!({
            "claim": "C1", "category": category, "severity": 2, "summary": "A strike",
            "occurred_at": occurred.to_string(), "truce": "energy",
        }));
        let (state, _) = run(&[event], filed_at);
        let until = Timestamp::from_second(1_776_380_400).unwrap();
        let in_term = occurred > from && occurred <= until;
        let inside = filer != "B" && category == "energy" && in_term;
        let c = state.claim("C1").unwrap();
        prop_assert_eq!(c.status != ClaimStatus::Rejected, inside, "{:?}", c.rejection);
        if !inside {
            let code = state.rejected[0].code;
            let expected = if filer == "B" {
                "not_truce_side"
            } else if !in_term {
                "outside_term"
            } else {
                "outside_scope"
            };
            prop_assert_eq!(code, expected);
        } else {
            let accused = if filer == "UA" { "RU" } else { "UA" };
            prop_assert_eq!(c.accused.as_ref().map(|a| a.as_str()), Some(accused));
        }
    }

    #[test]
    fn the_right_of_reply_holds_the_determination(
        mut votes in proptest::collection::vec(1i64..40, 3),
        reply in proptest::option::of(1i64..30),
    ) {
        votes.sort_unstable();
        let start = Timestamp::from_second(1_774_000_800).unwrap(); // 2026-03-20T10:00Z
        let h = |hours: i64| start.checked_add(SignedDuration::from_hours(hours)).unwrap();
        let mut timed = vec![(h(0), ev(h(0), "UA", "claim.filed", json!({
            "claim": "C1", "category": "energy", "severity": 2, "summary": "A strike",
            "truce": "energy",
        })))];
        for (i, (hours, member)) in votes.iter().zip(["A", "B", "C"]).enumerate() {
            // A minute apart, so each vote has its own instant.
            let at = h(*hours).checked_add(SignedDuration::from_mins(i as i64)).unwrap();
            timed.push((at, ev(at, member, "vote.cast", json!({"claim": "C1", "vote": "unfounded"}))));
        }
        if let Some(r) = reply {
            let at = h(r).checked_add(SignedDuration::from_secs(30)).unwrap();
            timed.push((at, ev(at, "RU", "reply.filed", json!({"claim": "C1", "summary": "Denied"}))));
        }
        timed.sort_by_key(|(at, _)| *at);
        let events: Vec<Event> = timed.into_iter().map(|(_, e)| e).collect();
        let (state, _) = run(&events, h(72));
        let third_vote = h(votes[2]).checked_add(SignedDuration::from_mins(2)).unwrap();
        let reply_end = match reply {
            // A reply within the 24-hour window lifts the hold; a later one is refused.
            Some(r) if r < 24 => h(r).checked_add(SignedDuration::from_secs(30)).unwrap(),
            _ => h(24),
        };
        let c = state.claim("C1").unwrap();
        prop_assert_eq!(c.status, ClaimStatus::Dismissed);
        prop_assert_eq!(c.determined_at, Some(third_vote.max(reply_end)));
        prop_assert_eq!(c.reply.is_some(), reply.is_some_and(|r| r < 24));
    }
}

#[test]
fn the_photo_digest_is_not_new_evidence() {
    // Reconsideration with evidence already on the record is refused; with new evidence it
    // reopens the claim.
    let mut events = vec![
        claim(t(9 * HOUR), "C1", "energy", json!({})),
        ev(
            t(10 * HOUR),
            "UA",
            "evidence.submitted",
            json!({"claim": "C1", "classification": "public", "source_kind": "photo",
                "digest": D_PHOTO, "summary": "photo"}),
        ),
    ];
    for (i, digest) in [D_PHOTO, D_LOGS].iter().enumerate() {
        events.push(ev(
            t(3 * DAY + i as i64 * HOUR),
            "B",
            "reconsideration.requested",
            json!({"claim": "C1", "source_kind": "x", "digest": digest, "summary": "s"}),
        ));
    }
    let (state, _) = run(&events, t(4 * DAY));
    assert_eq!(
        state.rejected.iter().map(|r| r.code).collect::<Vec<_>>(),
        ["no_new_evidence"]
    );
    assert_eq!(state.claim("C1").unwrap().status, ClaimStatus::Pending);
}
