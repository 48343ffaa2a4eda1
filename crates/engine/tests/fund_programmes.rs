//! The fund's programmes through the engine, over random days of verifications (by the named
//! verifier or by another party, repeated or not) and payments in: a verification is accepted
//! exactly when its verifier records a condition not yet met; a tranche is paid exactly once, at
//! the first instant all its conditions are verified and the core pool covers it (tranches in
//! charter order), and late exactly when that instant is after its `by`; a tranche still unpaid
//! after its `by` with a condition unverified is held; and the books balance, with the core pool
//! holding what was paid in less the tranches paid.
//!
//! The charter is `scenarios/charters/fund-programme.toml` (EC verifies milestones, IMF reviews).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;

use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;
use rust_decimal::Decimal;
use snapback_charter::{
    Charter, CharterHistory, ConditionId, Currency, PartyId, ProgrammeId, Source, TrancheId,
    TransferId,
};
use snapback_engine::event::{FundConditionMet, FundMoney};
use snapback_engine::fund::POOL_CORE;
use snapback_engine::fund::programmes_report::ProgrammeTrancheStatus;
use snapback_engine::fund::report::fund_report;
use snapback_engine::{Event, EventKind, replay};

fn charter() -> Charter {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../scenarios/charters/fund-programme.toml"
    );
    let text = std::fs::read_to_string(path).unwrap();
    snapback_charter::load_toml(&Source::new("fund-programme.toml", text)).unwrap()
}

/// Noon of day `day`: never a tranche's `by` (midnight), so "late" is never a tie.
fn at(day: i64) -> Timestamp {
    "2026-01-02T12:00:00Z"
        .parse::<Timestamp>()
        .unwrap()
        .checked_add(SignedDuration::from_hours(24 * day))
        .unwrap()
}

/// One day's action.
#[derive(Debug, Clone)]
enum Action {
    /// Verify condition number `which` (over every tranche's conditions), by its verifier or by
    /// another party.
    Verify { which: usize, by_verifier: bool },
    /// A pays in this many whole euros.
    PayIn(i64),
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        4 => (0usize..8, prop::bool::weighted(0.85))
            .prop_map(|(which, by_verifier)| Action::Verify { which, by_verifier }),
        2 => (1i64..=6_000).prop_map(Action::PayIn),
    ]
}

/// Every condition as (tranche index, programme, tranche, condition, verifier).
fn conditions(c: &Charter) -> Vec<(usize, ProgrammeId, TrancheId, ConditionId, PartyId)> {
    let f = c.fund.as_ref().unwrap();
    let mut out = Vec::new();
    let mut n = 0;
    for p in &f.programmes {
        for t in &p.tranches {
            for k in &t.conditions {
                out.push((
                    n,
                    p.id.clone(),
                    t.id.clone(),
                    k.id.clone(),
                    c.party(k.verifier).id.clone(),
                ));
            }
            n += 1;
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn tranches_are_paid_once_when_verified_and_covered_and_held_otherwise(
        days in prop::collection::vec((0i64..600, action()), 1..40),
    ) {
        let c = charter();
        let conds = conditions(&c);
        let f = c.fund.as_ref().unwrap();
        let tranches: Vec<_> = f.programmes.iter().flat_map(|p| &p.tranches).collect();
        let mut days = days;
        days.sort_by_key(|(d, _)| *d);
        let eur = Currency::parse("EUR").unwrap();

        // The model, and the events.
        let mut events = Vec::new();
        let mut accepted = Vec::new();
        let mut met: BTreeSet<usize> = BTreeSet::new();
        let mut pool = Decimal::ZERO;
        let mut paid: Vec<Option<Timestamp>> = vec![None; tranches.len()];
        for (k, (day, a)) in days.iter().enumerate() {
            let when = at(*day);
            match a {
                Action::Verify { which, by_verifier } => {
                    let which = which % conds.len();
                    let (_, p, t, cond, verifier) = &conds[which];
                    let party = if *by_verifier { verifier.clone() } else { PartyId::new("A").unwrap() };
                    accepted.push(*by_verifier && met.insert(which));
                    events.push(Event { at: when, party, kind: EventKind::FundConditionMet(FundConditionMet {
                        programme: p.clone(), tranche: t.clone(), condition: cond.clone(),
                        reference: format!("act {k}"),
                    })});
                }
                Action::PayIn(euros) => {
                    accepted.push(true);
                    pool += Decimal::from(*euros);
                    events.push(Event { at: when, party: PartyId::new("A").unwrap(), kind: EventKind::FundPaidIn(FundMoney {
                        transfer: TransferId::new(&format!("P{k}")).unwrap(), contributor: None,
                        amount: Decimal::from(*euros), currency: eur, obligation: None,
                        reference: None, value_date: None,
                    })});
                }
            }
            // After each accepted event, tranches verified in full are paid in charter order
            // as far as the pool reaches.
            if *accepted.last().unwrap() {
                for (i, t) in tranches.iter().enumerate() {
                    let all = conds.iter().enumerate().filter(|(_, x)| x.0 == i).all(|(j, _)| met.contains(&j));
                    if paid[i].is_none() && all && t.amount <= pool {
                        pool -= t.amount;
                        paid[i] = Some(when);
                    }
                }
            }
        }
        let end = at(700);
        let state = replay(&CharterHistory::single(c.clone()), &events, Some(end));
        let rejected: BTreeSet<u64> = state.rejected.iter().map(|r| r.index).collect();
        for (i, ok) in accepted.iter().enumerate() {
            prop_assert_eq!(!rejected.contains(&(i as u64)), *ok, "event {}: {:?}", i, events[i]);
        }
        let report = fund_report(&state).unwrap();
        let programme = &report.programmes[0];
        for (i, t) in programme.tranches.iter().enumerate() {
            prop_assert_eq!(t.paid_at, paid[i], "tranche {}", t.tranche);
            match paid[i] {
                Some(when) => {
                    prop_assert_eq!(t.status, ProgrammeTrancheStatus::Paid);
                    prop_assert_eq!(t.late, when > tranches[i].by);
                }
                None => {
                    // 700 days in, every `by` has passed: unpaid means held.
                    prop_assert_eq!(t.status, ProgrammeTrancheStatus::Held, "tranche {}", t.tranche);
                }
            }
        }
        prop_assert!(report.totals.balanced);
        prop_assert_eq!(state.fund.book.balance(POOL_CORE).credit_balance(), pool);
    }
}
