//! The fund's board, through the engine, over random contribution keys and paid-in capital,
//! random thresholds ("more than P%" or "at least P%"), weights by key or by paid-in capital,
//! and random votes (members and a non-member, on time and late, some twice) on one motion to
//! change a cap. Against a model written apart from the engine, in integer arithmetic (keys as
//! whole numbers, capital in cents): the members' voting power is fixed when the motion is put
//! (payments after it change nothing); a vote is accepted exactly when a member votes for the
//! first time while the motion is undecided and its deadline (inclusive) has not passed; the
//! motion is adopted at the first vote that brings the yes votes' power to the threshold, not
//! adopted at the first vote after which even every member still to vote voting yes could not
//! bring it there, and otherwise not adopted at its deadline; an adopted cap change replaces the
//! cap (500.00) and the books balance.
//!
//! The charter is `scenarios/charters/fund-board.toml`, with the keys and the board's rule
//! replaced.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;

use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;
use rust_decimal::Decimal;
use snapback_charter::{CharterHistory, Choice, Currency, DecisionId, PartyId, Source, TransferId};
use snapback_engine::derived::{Basis, BoardEffect, DecisionStatus};
use snapback_engine::event::{BoardAction, FundBoardMotion, FundMoney, VoteCast};
use snapback_engine::fund::report::fund_report;
use snapback_engine::{Event, EventKind, replay};

const MEMBERS: [&str; 4] = ["US", "DE", "FR", "JP"];
const KEYS: [&str; 4] = ["0.4", "0.25", "0.2", "0.15"];

/// The board charter with these keys, weights and threshold.
fn history(keys: [u32; 4], paid_in_weights: bool, threshold: &str) -> CharterHistory {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../scenarios/charters/fund-board.toml"
    );
    let mut text = std::fs::read_to_string(path).unwrap();
    for (party, (old, new)) in MEMBERS.iter().zip(KEYS.iter().zip(keys)) {
        let from = format!("party = \"{party}\"\nkey = \"{old}\"");
        assert!(text.contains(&from), "{from}");
        text = text.replace(&from, &format!("party = \"{party}\"\nkey = \"{new}\""));
    }
    text = text
        .replace(
            "weights = \"paid_in\"",
            if paid_in_weights {
                "weights = \"paid_in\""
            } else {
                "weights = \"key\""
            },
        )
        .replace(
            "threshold = \"more than 50%\"",
            &format!("threshold = \"{threshold}\""),
        );
    CharterHistory::single(
        snapback_charter::load_toml(&Source::new("fund-board.toml", text))
            .unwrap_or_else(|e| panic!("{e}")),
    )
}

/// `hours` after 1 February 2026.
fn at(hours: i64) -> Timestamp {
    "2026-02-01T00:00:00Z"
        .parse::<Timestamp>()
        .unwrap()
        .checked_add(SignedDuration::from_hours(hours))
        .unwrap()
}

fn pay(when: Timestamp, party: &str, transfer: String, cents: i64) -> Event {
    Event {
        at: when,
        party: PartyId::new(party).unwrap(),
        kind: EventKind::FundPaidIn(FundMoney {
            transfer: TransferId::new(&transfer).unwrap(),
            contributor: None,
            amount: Decimal::new(cents, 2),
            currency: Currency::parse("EUR").unwrap(),
            obligation: None,
            reference: None,
            value_date: None,
        }),
    }
}

/// The motion is put at hour 24 and decided within 7 days: its deadline is hour 192.
const PUT: i64 = 24;
const DEADLINE: i64 = PUT + 7 * 24;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn the_board_decides_by_weighted_votes_exactly_when_the_outcome_is_certain(
        // Small keys, round sums of capital and round thresholds make exact ties common, where
        // "more than" and "at least" part.
        keys in prop_oneof![
            Just([1u32, 1, 1, 1]),
            Just([2, 2, 1, 1]),
            Just([3, 1, 1, 1]),
            prop::array::uniform4(1u32..=100),
        ],
        paid in prop_oneof![
            Just([10_000i64, 10_000, 10_000, 10_000]),
            Just([20_000, 10_000, 10_000, 0]),
            prop::array::uniform4(0i64..=50_000),
        ],
        later in prop::array::uniform4(0i64..=50_000),
        paid_in_weights in any::<bool>(),
        more_than in any::<bool>(),
        pct in prop_oneof![Just(50u32), Just(25), Just(75), 1u32..=99],
        votes in prop::collection::vec((0usize..5, 0u8..3, 25i64..=230), 0..12),
    ) {
        let threshold = if more_than { format!("more than {pct}%") } else { format!("at least {pct}%") };
        let history = history(keys, paid_in_weights, &threshold);
        let mut events = Vec::new();
        // Capital before the motion (it weighs), and after it (it must not).
        for (i, cents) in paid.iter().enumerate() {
            if *cents > 0 {
                events.push(pay(at(0), MEMBERS[i], format!("P{i}"), *cents));
            }
        }
        let motion_index = events.len() as u64;
        events.push(Event {
            at: at(PUT),
            party: PartyId::new("SEC").unwrap(),
            kind: EventKind::FundBoardMotion(FundBoardMotion {
                decision: DecisionId::new("M").unwrap(),
                action: BoardAction::CapChange {
                    purpose: snapback_charter::PurposeId::new("reconstruction").unwrap(),
                    amount: Decimal::new(90_000, 2),
                    currency: "EUR".to_owned(),
                },
                reference: None,
            }),
        });
        for (i, cents) in later.iter().enumerate() {
            if *cents > 0 {
                events.push(pay(at(PUT + 1), MEMBERS[i], format!("L{i}"), *cents));
            }
        }
        let mut votes = votes;
        votes.sort_by_key(|(_, _, h)| *h);
        let first_vote = events.len();
        for (who, choice, hour) in &votes {
            let party = if *who < 4 { MEMBERS[*who] } else { "UA" };
            let choice = [Choice::Yes, Choice::No, Choice::Abstain][*choice as usize];
            events.push(Event {
                at: at(*hour),
                party: PartyId::new(party).unwrap(),
                kind: EventKind::VoteCast(VoteCast::Decision {
                    decision: DecisionId::new("M").unwrap(),
                    choice,
                }),
            });
        }

        // The model, in whole numbers: keys, or capital in cents paid before the motion.
        let weight: Vec<i128> = (0..4)
            .map(|i| if paid_in_weights { i128::from(paid[i]) } else { i128::from(keys[i]) })
            .collect();
        let total: i128 = weight.iter().sum();
        let p = i128::from(pct);
        let met = |yes: i128| yes > 0 && if more_than { 100 * yes > p * total } else { 100 * yes >= p * total };
        let mut voted: Vec<Option<u8>> = vec![None; 4];
        let mut decided: Option<(i64, DecisionStatus, Basis)> = None;
        // Nobody could ever carry it: decided when it is put.
        if !met(total) {
            decided = Some((PUT, DecisionStatus::NotAdopted, Basis::CannotBeAdopted));
        }
        let mut accepted = Vec::new();
        for (who, choice, hour) in &votes {
            if decided.is_none() && *hour > DEADLINE {
                decided = Some((DEADLINE, DecisionStatus::NotAdopted, Basis::NotAdoptedByDeadline));
            }
            let ok = decided.is_none() && *who < 4 && voted[*who].is_none();
            accepted.push(ok);
            if !ok {
                continue;
            }
            voted[*who] = Some(*choice);
            let yes: i128 = (0..4).filter(|i| voted[*i] == Some(0)).map(|i| weight[i]).sum();
            let open: i128 = (0..4).filter(|i| voted[*i].is_none()).map(|i| weight[i]).sum();
            if met(yes) {
                decided = Some((*hour, DecisionStatus::Adopted, Basis::Adopted));
            } else if !met(yes + open) {
                decided = Some((*hour, DecisionStatus::NotAdopted, Basis::CannotBeAdopted));
            }
        }
        if decided.is_none() {
            decided = Some((DEADLINE, DecisionStatus::NotAdopted, Basis::NotAdoptedByDeadline));
        }
        let (when, status, basis) = decided.unwrap();

        let state = replay(&history, &events, Some(at(400)));
        let rejected: BTreeSet<u64> = state.rejected.iter().map(|r| r.index).collect();
        prop_assert!(!rejected.contains(&motion_index), "the motion was refused: {:?}", state.rejected);
        for (k, ok) in accepted.iter().enumerate() {
            let i = (first_vote + k) as u64;
            prop_assert_eq!(!rejected.contains(&i), *ok, "vote {}: {:?} {:?}", k, events[first_vote + k], state.rejected);
        }
        let m = &state.fund.board[0];
        let weights: Vec<Decimal> = m.members.iter().map(|s| s.weight).collect();
        let expected: Vec<Decimal> = (0..4)
            .map(|i| if paid_in_weights { Decimal::new(paid[i], 2) } else { Decimal::from(keys[i]) })
            .collect();
        prop_assert_eq!(weights, expected);
        let d = m.decided.as_ref().expect("decided by as_of");
        prop_assert_eq!((d.at, d.status, d.basis), (at(when), status, basis));
        let report = fund_report(&state).unwrap();
        prop_assert!(report.totals.balanced);
        let motion = &report.board.as_ref().unwrap().motions[0];
        if status == DecisionStatus::Adopted {
            prop_assert_eq!(d.effect, BoardEffect::CapChanged);
            prop_assert_eq!(motion.previous_cap.map(|c| c.to_string()), Some("500.00".to_owned()));
        } else {
            prop_assert_eq!(d.effect, BoardEffect::None);
        }
    }
}

/// The fund's mode changes: when, to what, and the board decision that made one, if any.
fn modes(
    state: &snapback_engine::State,
) -> Vec<(Timestamp, snapback_charter::FundMode, Option<String>)> {
    state
        .fund
        .modes
        .iter()
        .map(|m| (m.at, m.mode, m.decision.as_ref().map(|d| d.to_string())))
        .collect()
}

fn claim(when: Timestamp, id: &str) -> Event {
    Event {
        at: when,
        party: PartyId::new("UA").unwrap(),
        kind: EventKind::ClaimFiled(snapback_engine::event::ClaimFiled {
            claim: snapback_charter::ClaimId::new(id).unwrap(),
            category: "shelling".to_owned(),
            severity: 1,
            summary: "s".to_owned(),
            location: None,
            occurred_at: None,
            allegation: Default::default(),
        }),
    }
}

fn yes(when: Timestamp, party: &str, decision: &str) -> Event {
    Event {
        at: when,
        party: PartyId::new(party).unwrap(),
        kind: EventKind::VoteCast(VoteCast::Decision {
            decision: DecisionId::new(decision).unwrap(),
            choice: Choice::Yes,
        }),
    }
}

fn return_to_peace(when: Timestamp, decision: &str) -> Event {
    Event {
        at: when,
        party: PartyId::new("SEC").unwrap(),
        kind: EventKind::FundBoardMotion(FundBoardMotion {
            decision: DecisionId::new(decision).unwrap(),
            action: BoardAction::ReturnToPeace,
            reference: None,
        }),
    }
}

/// The automatic switch prevails over the board: an activation during the vote restarts the
/// quiet period, so a motion to return to peace adopted after it changes nothing, and the fund
/// returns only once the new quiet period has passed and the board decides again.
#[test]
fn an_activation_during_the_vote_keeps_the_fund_in_conflict_mode() {
    let history = history([40, 25, 20, 15], false, "more than 50%");
    let day = |d: i64| at(24 * d);
    let events = vec![
        // C1 activates two days later, on day 2: conflict mode; the quiet period ends on day 32.
        claim(day(0), "C1"),
        return_to_peace(day(33), "B1"),
        // C2 activates on day 36, while B1 is open: a new quiet period, to day 66.
        claim(day(34), "C2"),
        yes(day(37), "US", "B1"),
        yes(day(37), "DE", "B1"),
        // Refused: the new quiet period runs.
        return_to_peace(day(40), "B2"),
        return_to_peace(day(67), "B3"),
        yes(day(68), "US", "B3"),
        yes(day(68), "FR", "B3"),
    ];
    let state = replay(&history, &events, Some(day(80)));
    let codes: Vec<(u64, &str)> = state.rejected.iter().map(|r| (r.index, r.code)).collect();
    assert_eq!(
        codes,
        vec![(5, "quiet_period_running")],
        "{:?}",
        state.rejected
    );
    let b1 = &state.fund.board[0];
    let d1 = b1.decided.as_ref().expect("B1 decided");
    assert_eq!(d1.status, DecisionStatus::Adopted);
    assert_eq!(d1.effect, BoardEffect::StillInConflict);
    let b3 = &state.fund.board[1];
    assert_eq!(b3.decision.as_str(), "B3");
    let d3 = b3.decided.as_ref().expect("B3 decided");
    assert_eq!(d3.effect, BoardEffect::ReturnedToPeace);
    // Conflict on day 2, peace only at B3's adoption on day 68, naming it.
    let modes = modes(&state);
    assert_eq!(
        modes,
        vec![
            (day(2), snapback_charter::FundMode::Conflict, None),
            (
                day(68),
                snapback_charter::FundMode::Peace,
                Some("B3".to_owned())
            ),
        ]
    );
}

/// A fund that waits for its board after the quiet period returns by itself when a charter
/// amendment takes the power to return it away: the quiet period's end then takes effect as it
/// would have without a board, at the amendment's effective instant.
#[test]
fn an_amendment_that_takes_the_power_away_returns_the_fund_by_itself() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../scenarios/charters/fund-board.toml"
    );
    let v1 = std::fs::read_to_string(path).unwrap();
    let v2 = v1
        .replace("version = \"1\"", "version = \"2\"")
        .replace(
            "effective = 2026-01-01T00:00:00Z",
            "effective = 2026-03-15T00:00:00Z",
        )
        .replace(
            "powers = [\"return_to_peace\", \"exceptional_disbursement\", \"cap_change\"]",
            "powers = [\"exceptional_disbursement\", \"cap_change\"]",
        );
    assert_ne!(v1, v2);
    let load =
        |text: String| snapback_charter::load_toml(&Source::new("fund-board.toml", text)).unwrap();
    let history = CharterHistory::new(vec![load(v1), load(v2)]).unwrap();
    // C1 activates on 3 February; the quiet period (30 days) ends on 5 March.
    let events = vec![claim(at(0), "C1")];
    let state = replay(&history, &events, Some(at(24 * 60)));
    let modes = modes(&state);
    let amended: Timestamp = "2026-03-15T00:00:00Z".parse().unwrap();
    assert_eq!(
        modes,
        vec![
            (at(48), snapback_charter::FundMode::Conflict, None),
            (amended, snapback_charter::FundMode::Peace, None),
        ]
    );
}
