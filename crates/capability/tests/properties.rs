//! Property tests of the readiness allocation and of delivery performance over small random
//! inputs: two items, two locations, a handful of lots, contracts (some not valid at the call,
//! some with reserved units, some ending soon) and demands (some naming a location).
//!
//! * Stock is never overdrawn: what the demands take from a lot never exceeds what it had, and
//!   the leftovers are exactly what is left.
//! * The allocation does not depend on the order lots and contracts arrive in: shuffling them
//!   gives byte-identical results (serialized) and leftovers.
//! * Readiness never promises more than stock plus capacity: every contract's draws fit under its
//!   production curve beyond `reserved`, each draw's last unit is produced by its `complete_by`,
//!   and a met demand's draws add up to its quantity and all arrive by `ready_at` (by `due` for
//!   a covered one).
//! * The same input gives the same output.
//! * For a single demand, `ready_at` is the first second found by scanning time second by second
//!   (stock is taken first, in canonical order; contracts supply the rest).
//! * Delivery groups add up to their commitments.

// Helpers outside `#[test]` functions are test code too (clippy.toml allows these in tests).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;
use snapback_capability::{
    Commitment, Contract, Demand, Leftovers, Lot, MONTH_S, Readiness, Receipt, deliveries,
    readiness, readiness_with_leftovers,
};

const DAY: i64 = 86_400;
const ITEMS: [&str; 2] = ["shell-155", "interceptor"];
const LOCATIONS: [&str; 2] = ["depot-a", "depot-b"];

fn at() -> Timestamp {
    Timestamp::from_second(1_780_272_000).unwrap()
}

fn t(s: i64) -> Timestamp {
    at().checked_add(SignedDuration::from_secs(s)).unwrap()
}

fn offset_s(ts: Timestamp) -> i64 {
    ts.duration_since(at()).as_secs()
}

fn name(v: &str) -> Arc<str> {
    Arc::from(v)
}

// --- generators ----------------------------------------------------------------------------------

/// Transit times that often tie (whole days), so that location and id break ties.
fn transit_s() -> impl Strategy<Value = i64> {
    prop_oneof![(0i64..4).prop_map(|d| d * DAY), 0i64..10 * DAY]
}

fn lots() -> impl Strategy<Value = Vec<Lot>> {
    prop::collection::vec((0..2usize, 0..2usize, 0u64..300, transit_s()), 0..6).prop_map(|v| {
        v.into_iter()
            .enumerate()
            .map(|(i, (item, location, available, transit_s))| Lot {
                id: Arc::from(format!("L{i}")),
                location: name(LOCATIONS[location]),
                item: name(ITEMS[item]),
                available,
                transit_s,
            })
            .collect()
    })
}

/// Contracts whose validity starts within (-5, 1] days and ends within (-1, `until_days`] days
/// of the call.
fn contracts(
    monthly: std::ops::Range<u64>,
    lead: std::ops::Range<i64>,
    until: std::ops::Range<i64>,
) -> impl Strategy<Value = Vec<Contract>> {
    prop::collection::vec(
        (
            0..2usize,
            monthly.clone(),
            monthly,
            lead,
            -5 * DAY..DAY,
            until,
            prop_oneof![Just(0u64), 0u64..200],
        ),
        0..4,
    )
    .prop_map(|v| {
        v.into_iter()
            .enumerate()
            .map(
                |(i, (item, monthly, surge, lead, from, until, reserved))| Contract {
                    id: Arc::from(format!("C{i}")),
                    item: name(ITEMS[item]),
                    monthly_capacity: monthly,
                    surge_capacity: surge,
                    surge_lead_s: lead,
                    valid_from: t(from),
                    valid_until: t(until),
                    reserved,
                },
            )
            .collect()
    })
}

fn demand() -> impl Strategy<Value = Demand> {
    (
        0..3usize,
        0..2usize,
        prop_oneof![Just(0u64), 0u64..600],
        0..20 * DAY,
        prop::option::weighted(0.3, 0..2usize),
    )
        .prop_map(|(package, item, quantity, due, location)| Demand {
            package: Arc::from(format!("P{package}")),
            obligation: Arc::from(format!("O{quantity}")),
            item: name(ITEMS[item]),
            quantity,
            due_within_s: due,
            location: location.map(|l| name(LOCATIONS[l])),
        })
}

#[derive(Debug, Clone)]
struct Input {
    demands: Vec<Demand>,
    lots: Vec<Lot>,
    contracts: Vec<Contract>,
}

fn input() -> impl Strategy<Value = Input> {
    (
        prop::collection::vec(demand(), 0..6),
        lots(),
        contracts(0..3_000, 0..10 * DAY, -DAY..20 * DAY),
    )
        .prop_map(|(demands, lots, contracts)| Input {
            demands,
            lots,
            contracts,
        })
}

fn run(i: &Input) -> (Readiness, Leftovers) {
    readiness_with_leftovers(at(), &i.demands, &i.lots, &i.contracts)
}

/// The production curve, written independently of the library: units by `e` seconds after the
/// call-off, 0 for a contract not valid at the call.
fn oracle_produced(c: &Contract, e: i64) -> u128 {
    if !(c.valid_from <= at() && at() < c.valid_until) {
        return 0;
    }
    let e = e.min(offset_s(c.valid_until)).max(0) as u128;
    let lead = c.surge_lead_s.max(0) as u128;
    let monthly_s = e.min(lead);
    let surge_s = e - monthly_s;
    (u128::from(c.monthly_capacity) * monthly_s + u128::from(c.surge_capacity) * surge_s)
        / MONTH_S as u128
}

// --- properties ----------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Stock never goes negative: the demands take no more from a lot than it had, and the
    /// leftovers are exactly what is left of each.
    #[test]
    fn stock_is_never_overdrawn(i in input()) {
        let (r, left) = run(&i);
        let mut drawn: BTreeMap<&str, u64> = BTreeMap::new();
        for d in &r.demands {
            for s in &d.from_stock {
                *drawn.entry(&s.lot).or_default() += s.quantity;
                prop_assert!(s.quantity > 0);
            }
        }
        for lot in &i.lots {
            let took = drawn.get(&*lot.id).copied().unwrap_or(0);
            prop_assert!(took <= lot.available, "{} drew {took} of {}", lot.id, lot.available);
            let l = left.lots.iter().find(|l| l.lot == lot.id).unwrap();
            prop_assert_eq!(l.remaining, lot.available - took);
        }
        prop_assert_eq!(left.lots.len(), i.lots.len());
    }

    /// Shuffling lots and contracts changes nothing, byte for byte.
    #[test]
    fn allocation_does_not_depend_on_input_order(
        (i, lots, contracts) in input().prop_flat_map(|i| {
            let lots = Just(i.lots.clone()).prop_shuffle();
            let contracts = Just(i.contracts.clone()).prop_shuffle();
            (Just(i), lots, contracts)
        })
    ) {
        let shuffled = Input { demands: i.demands.clone(), lots, contracts };
        let (a, b) = (run(&i), run(&shuffled));
        prop_assert_eq!(
            serde_json::to_string(&a).unwrap(),
            serde_json::to_string(&b).unwrap()
        );
        prop_assert_eq!(a, b);
    }

    /// Readiness never promises more than stock plus capacity.
    #[test]
    fn readiness_never_promises_more_than_stock_plus_capacity(i in input()) {
        let (r, left) = run(&i);
        let mut used: BTreeMap<&str, (u64, Timestamp)> = BTreeMap::new();
        for d in &r.demands {
            for c in &d.from_contracts {
                let contract = i.contracts.iter().find(|k| k.id == c.contract).unwrap();
                let (sum, latest) = used.entry(&c.contract).or_insert((0, at()));
                *sum += c.quantity;
                *latest = (*latest).max(c.complete_by);
                prop_assert!(c.quantity > 0);
                // This draw's last unit (reserved + everything taken so far) is made by complete_by.
                let needed = u128::from(contract.reserved) + u128::from(*sum);
                prop_assert!(oracle_produced(contract, offset_s(c.complete_by)) >= needed);
            }
            let took: u64 = d.from_stock.iter().map(|s| s.quantity).sum::<u64>()
                + d.from_contracts.iter().map(|c| c.quantity).sum::<u64>();
            prop_assert!(took <= d.quantity);
            prop_assert!(d.available_by_due <= took);
            prop_assert_eq!(d.short_by_due, d.quantity - d.available_by_due);
            if let Some(ready) = d.ready_at {
                prop_assert_eq!(took, d.quantity);
                for arrival in d.from_stock.iter().map(|s| s.arrives)
                    .chain(d.from_contracts.iter().map(|c| c.complete_by))
                {
                    prop_assert!(arrival <= ready);
                    if d.covered {
                        prop_assert!(arrival <= d.due);
                    }
                }
                prop_assert_eq!(d.covered, ready <= d.due);
            } else {
                prop_assert!(!d.covered);
                prop_assert_eq!(d.late_s, 0);
            }
            if d.covered {
                prop_assert_eq!(d.available_by_due, d.quantity);
            }
        }
        for c in &i.contracts {
            let (sum, latest) = used.get(&*c.id).copied().unwrap_or((0, at()));
            let curve = oracle_produced(c, offset_s(latest));
            prop_assert!(u128::from(sum) <= curve.saturating_sub(u128::from(c.reserved)));
            let u = left.contracts.iter().find(|u| u.contract == c.id).unwrap();
            prop_assert_eq!(u.used, sum);
        }
    }

    /// The same input twice gives the same output.
    #[test]
    fn readiness_and_deliveries_are_deterministic(i in input(), k in commitments()) {
        prop_assert_eq!(run(&i), run(&i));
        prop_assert_eq!(deliveries(at(), &k), deliveries(at(), &k));
    }

    /// Delivery groups add up to their commitments, and no group counts more on time or late
    /// commitments than are due.
    #[test]
    fn delivery_groups_add_up(k in commitments()) {
        let d = deliveries(at(), &k);
        for g in d.groups.iter().chain(&d.donors) {
            let members: Vec<_> = d.commitments.iter()
                .filter(|c| c.donor == g.donor && (&*g.category == "*" || c.category == g.category))
                .collect();
            prop_assert_eq!(g.commitments, members.len() as u64);
            prop_assert_eq!(g.committed, members.iter().map(|c| c.quantity).sum::<u64>());
            prop_assert_eq!(g.delivered, members.iter().map(|c| c.delivered).sum::<u64>());
            prop_assert_eq!(g.pipeline, g.committed - g.delivered);
            prop_assert!(g.on_time + g.late <= g.due);
            prop_assert_eq!(g.days_late_total, members.iter().map(|c| c.days_late).sum::<u64>());
        }
        for c in &d.commitments {
            prop_assert!(c.delivered <= c.quantity);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// For a single demand, `ready_at` is what a second-by-second scan finds: stock first (all
    /// matching lots in canonical order, as far as needed), then the first second at which the
    /// valid contracts together have made the rest beyond their reserved units. Contracts end
    /// within two days, so the scan is short.
    #[test]
    fn a_single_demand_is_ready_at_the_first_second_a_scan_finds(
        d in demand(),
        lots in lots(),
        contracts in contracts(0..2_000_000, 0..DAY, 1..2 * DAY),
    ) {
        let r = readiness(at(), std::slice::from_ref(&d), &lots, &contracts);
        let got = r.demands[0].ready_at.map(offset_s);

        let mut matching: Vec<&Lot> = lots.iter()
            .filter(|l| l.item == d.item && d.location.as_ref().is_none_or(|x| *x == l.location))
            .collect();
        matching.sort_by(|a, b| (a.transit_s, &a.location, &a.id).cmp(&(b.transit_s, &b.location, &b.id)));
        let (mut need, mut stock_ready_s) = (d.quantity, 0i64);
        for l in matching {
            if need == 0 { break; }
            let take = l.available.min(need);
            if take > 0 {
                need -= take;
                stock_ready_s = stock_ready_s.max(l.transit_s);
            }
        }
        let ours: Vec<&Contract> = contracts.iter().filter(|c| c.item == d.item).collect();
        let horizon_s = 2 * DAY;
        let mut found = None;
        for e in 0..=horizon_s {
            let supply: u128 = ours.iter()
                .map(|c| oracle_produced(c, e).saturating_sub(u128::from(c.reserved)))
                .sum();
            if supply >= u128::from(need) {
                found = Some(e);
                break;
            }
        }
        let expected = found.map(|e| e.max(stock_ready_s));
        prop_assert_eq!(got, expected);
    }
}

fn commitments() -> impl Strategy<Value = Vec<Commitment>> {
    let receipt =
        (-20 * DAY..5 * DAY, 0u64..80).prop_map(|(s, quantity)| Receipt { at: t(s), quantity });
    prop::collection::vec(
        (
            0..3usize,
            0..2usize,
            prop_oneof![Just(0u64), 1u64..200],
            prop_oneof![Just(0i64), -20 * DAY..10 * DAY],
            prop::collection::vec(receipt, 0..4),
        ),
        0..8,
    )
    .prop_map(|v| {
        v.into_iter()
            .enumerate()
            .map(|(i, (donor, category, quantity, promised, mut receipts))| {
                receipts.sort_by_key(|r| r.at);
                Commitment {
                    id: Arc::from(format!("K{i}")),
                    donor: Arc::from(format!("D{donor}")),
                    category: Arc::from(format!("cat{category}")),
                    item: name(ITEMS[0]),
                    quantity,
                    promised: t(promised),
                    receipts,
                }
            })
            .collect()
    })
}
