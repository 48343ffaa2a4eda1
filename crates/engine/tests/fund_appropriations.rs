//! Surge shares that wait on appropriations, through the engine, over random claims (each
//! activation calls the surge until callable capital runs out), random appropriations by the
//! United States and Germany, and random payment attempts on each share. Against a model
//! written apart from the engine: a share becomes an obligation exactly when what its
//! contributor's parliament appropriated, less what earlier shares took, covers it (at the call,
//! or at the first appropriation after that does), due 30 days later; a payment is accepted
//! exactly when the share was called, does not wait and is not yet paid; France never waits;
//! and the books balance.
//!
//! The charter is `scenarios/charters/fund-appropriations.toml`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};

use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;
use rust_decimal::Decimal;
use snapback_charter::{
    CharterHistory, ClaimId, Currency, ObligationId, PartyId, Source, TransferId,
};
use snapback_engine::event::{ClaimFiled, FundAppropriation, FundMoney};
use snapback_engine::fund::report::fund_report;
use snapback_engine::{Event, EventKind, replay};

fn history() -> CharterHistory {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../scenarios/charters/fund-appropriations.toml"
    );
    let text = std::fs::read_to_string(path).unwrap();
    CharterHistory::single(
        snapback_charter::load_toml(&Source::new("fund-appropriations.toml", text)).unwrap(),
    )
}

/// Day `day` at `hour`: claims at 12:00 (so activations come at 12:00 two days later),
/// appropriations at 06:00, payments at 18:00, so nothing ties with a deadline.
fn at(day: i64, hour: i64) -> Timestamp {
    "2026-01-02T00:00:00Z"
        .parse::<Timestamp>()
        .unwrap()
        .checked_add(SignedDuration::from_hours(24 * day + hour))
        .unwrap()
}

#[derive(Debug, Clone)]
enum Action {
    Claim,
    /// The United States (`true`) or Germany appropriates this many whole euros.
    Appropriate(bool, i64),
    /// The contributor (0 US, 1 DE, 2 FR) pays its share of call 1 or 2 in full.
    Pay(usize, u8),
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        1 => Just(Action::Claim),
        2 => (any::<bool>(), 50i64..=600).prop_map(|(us, n)| Action::Appropriate(us, n)),
        2 => (0usize..3, 1u8..=2).prop_map(|(c, k)| Action::Pay(c, k)),
    ]
}

const PARTIES: [&str; 3] = ["US", "DE", "FR"];
const SHARES: [i64; 3] = [500, 300, 200];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn shares_become_due_exactly_when_appropriated_and_are_paid_only_then(
        days in prop::collection::vec((0i64..200, action()), 1..30),
    ) {
        let eur = Currency::parse("EUR").unwrap();
        let hour = |a: &Action| match a { Action::Claim => 12, Action::Appropriate(..) => 6, Action::Pay(..) => 18 };
        let mut days = days;
        days.sort_by_key(|(d, a)| (*d, hour(a)));
        let mut events = Vec::new();
        for (k, (day, a)) in days.iter().enumerate() {
            let when = at(*day, hour(a));
            let (party, kind) = match a {
                Action::Claim => ("UA", EventKind::ClaimFiled(ClaimFiled {
                    claim: ClaimId::new(&format!("C{k}")).unwrap(), category: "shelling".to_owned(),
                    severity: 1, summary: "s".to_owned(), location: None, occurred_at: None,
                    allegation: Default::default(),
                })),
                Action::Appropriate(us, n) => (if *us { "US" } else { "DE" }, EventKind::FundAppropriated(FundAppropriation {
                    contributor: None, amount: Decimal::from(*n), currency: eur,
                    reference: format!("act {k}"),
                })),
                Action::Pay(c, call) => (PARTIES[*c], EventKind::FundPaidIn(FundMoney {
                    transfer: TransferId::new(&format!("P{k}")).unwrap(), contributor: None,
                    amount: Decimal::from(SHARES[*c]), currency: eur,
                    obligation: Some(ObligationId::new(&format!("A{call}/surge/{}", PARTIES[*c])).unwrap()),
                    reference: None, value_date: None,
                })),
            };
            events.push(Event { at: when, party: PartyId::new(party).unwrap(), kind });
        }

        // The model. Each claim activates 48 hours after its filing; the first two activations
        // call 500/300/200; the third finds no callable capital left.
        let mut timeline: Vec<(Timestamp, u8, Option<usize>)> = Vec::new(); // (when, 0 call / 1 event, event index)
        let mut calls = 0;
        for (i, e) in events.iter().enumerate() {
            if matches!(e.kind, EventKind::ClaimFiled(_)) {
                calls += 1;
                if calls <= 2 {
                    timeline.push((e.at.checked_add(SignedDuration::from_hours(48)).unwrap(), 0, None));
                }
            }
            timeline.push((e.at, 1, Some(i)));
        }
        timeline.sort_by_key(|(t, o, i)| (*t, *o, *i));
        let mut appropriated = [Decimal::ZERO; 2];
        let mut used = [Decimal::ZERO; 2];
        let mut waiting: Vec<(usize, u8)> = Vec::new(); // (contributor, call)
        let mut due: BTreeMap<String, Timestamp> = BTreeMap::new();
        let mut paid: BTreeSet<String> = BTreeSet::new();
        let mut called = 0u8;
        let mut accepted = vec![true; events.len()];
        let share_id = |c: usize, k: u8| format!("A{k}/surge/{}", PARTIES[c]);
        for (when, kind, index) in timeline {
            let thirty = when.checked_add(SignedDuration::from_hours(24 * 30)).unwrap();
            match (kind, index) {
                (0, _) => {
                    called += 1;
                    for c in 0..3 {
                        let share = Decimal::from(SHARES[c]);
                        if c < 2 && appropriated[c] - used[c] < share {
                            waiting.push((c, called));
                        } else {
                            if c < 2 { used[c] += share; }
                            due.insert(share_id(c, called), thirty);
                        }
                    }
                }
                (_, Some(i)) => match &days[i].1 {
                    Action::Claim => {}
                    Action::Appropriate(us, n) => {
                        let c = if *us { 0 } else { 1 };
                        appropriated[c] += Decimal::from(*n);
                        let mut still = Vec::new();
                        for (wc, k) in waiting.drain(..) {
                            let share = Decimal::from(SHARES[wc]);
                            if wc == c && appropriated[c] - used[c] >= share {
                                used[c] += share;
                                due.insert(share_id(wc, k), thirty);
                            } else {
                                still.push((wc, k));
                            }
                        }
                        waiting = still;
                    }
                    Action::Pay(c, k) => {
                        let id = share_id(*c, *k);
                        let ok = *k <= called && !waiting.contains(&(*c, *k)) && !paid.contains(&id);
                        accepted[i] = ok;
                        if ok { paid.insert(id); }
                    }
                },
                _ => {}
            }
        }

        let state = replay(&history(), &events, Some(at(400, 0)));
        let rejected: BTreeSet<u64> = state.rejected.iter().map(|r| r.index).collect();
        for (i, ok) in accepted.iter().enumerate() {
            prop_assert_eq!(!rejected.contains(&(i as u64)), *ok, "event {}: {:?}", i, events[i]);
        }
        let surge: BTreeMap<String, Timestamp> = state
            .obligations
            .iter()
            .filter(|o| o.id.as_str().contains("/surge/"))
            .map(|o| (o.id.to_string(), o.due))
            .collect();
        prop_assert_eq!(surge, due);
        let report = fund_report(&state).unwrap();
        prop_assert!(report.totals.balanced);
        let still: usize = report.appropriations.iter().map(|a| a.waiting.len()).sum();
        prop_assert_eq!(still, waiting.len());
    }
}
