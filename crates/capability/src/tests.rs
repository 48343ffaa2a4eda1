#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};

use super::*;

const DAY: i64 = 86_400;
const HOUR: i64 = 3_600;

/// The instant every demand is called at.
fn at() -> Timestamp {
    "2026-06-01T00:00:00Z".parse().unwrap()
}

/// `at()` plus `s` seconds.
fn t(s: i64) -> Timestamp {
    at().checked_add(SignedDuration::from_secs(s)).unwrap()
}

fn s(v: &str) -> Arc<str> {
    Arc::from(v)
}

fn lot(id: &str, location: &str, item: &str, available: u64, transit_s: i64) -> Lot {
    Lot {
        id: s(id),
        location: s(location),
        item: s(item),
        available,
        transit_s,
    }
}

/// A contract valid from a year before `at()` to a year after, with nothing reserved.
fn contract(id: &str, item: &str, monthly: u64, surge: u64, lead_s: i64) -> Contract {
    Contract {
        id: s(id),
        item: s(item),
        monthly_capacity: monthly,
        surge_capacity: surge,
        surge_lead_s: lead_s,
        valid_from: t(-365 * DAY),
        valid_until: t(365 * DAY),
        reserved: 0,
    }
}

fn demand(package: &str, obligation: &str, item: &str, quantity: u64, due_s: i64) -> Demand {
    Demand {
        package: s(package),
        obligation: s(obligation),
        item: s(item),
        quantity,
        due_within_s: due_s,
        location: None,
    }
}

fn at_location(mut d: Demand, location: &str) -> Demand {
    d.location = Some(s(location));
    d
}

fn stock(lot: &str, location: &str, quantity: u64, arrives: Timestamp) -> StockDraw {
    StockDraw {
        lot: s(lot),
        location: s(location),
        quantity,
        arrives,
    }
}

fn draw(contract: &str, quantity: u64, complete_by: Timestamp) -> ContractDraw {
    ContractDraw {
        contract: s(contract),
        quantity,
        complete_by,
    }
}

// --- readiness -----------------------------------------------------------------------------------

#[test]
fn a_demand_fully_covered_by_stock_is_ready_after_the_transit() {
    let lots = [lot("L1", "depot-a", "shell-155", 1_000, 3 * DAY)];
    let demands = [demand("P1", "O1", "shell-155", 600, 7 * DAY)];
    let (r, left) = readiness_with_leftovers(at(), &demands, &lots, &[]);
    let d = &r.demands[0];
    assert_eq!(d.due, t(7 * DAY));
    assert_eq!(d.ready_at, Some(t(3 * DAY)));
    assert!(d.covered);
    assert_eq!(d.late_s, 0);
    assert_eq!((d.available_by_due, d.short_by_due), (600, 0));
    assert_eq!(d.from_stock, vec![stock("L1", "depot-a", 600, t(3 * DAY))]);
    assert!(d.from_contracts.is_empty());
    assert_eq!(left.lots[0].remaining, 400);
    assert_eq!(
        r.packages,
        vec![PackageReadiness {
            package: s("P1"),
            covered: true,
            short_by_due: 0,
            late_s: 0,
            unmet: false,
        }]
    );
}

#[test]
fn a_demand_covered_only_after_the_surge_lead_time_is_late_by_exactly_six_days() {
    // 300 a month is 10 a day for the first 10 days: 100 units. Then 900 a month, 30 a day:
    // the other 300 take 10 more days, so the 400 units are ready on day 20, 6 days after the
    // due date (day 14). By day 14: 100 + 4 × 30 = 220 units; 180 short.
    let contracts = [contract("C1", "drone-interceptor", 300, 900, 10 * DAY)];
    let demands = [demand("P1", "O1", "drone-interceptor", 400, 14 * DAY)];
    let r = readiness(at(), &demands, &[], &contracts);
    let d = &r.demands[0];
    assert_eq!(d.ready_at, Some(t(20 * DAY)));
    assert!(!d.covered);
    assert_eq!(d.late_s, 6 * DAY);
    assert_eq!((d.available_by_due, d.short_by_due), (220, 180));
    assert_eq!(d.from_contracts, vec![draw("C1", 400, t(20 * DAY))]);
    assert!(d.from_stock.is_empty());
    // One second earlier the 400th unit is not finished:
    // (300 × 864,000 + 900 × 863,999) / 2,592,000 = 399.99…
    assert_eq!(contracts[0].produced_by(at(), t(20 * DAY - 1)), 399);
    assert_eq!(contracts[0].produced_by(at(), t(20 * DAY)), 400);
    assert_eq!(r.packages[0].late_s, 6 * DAY);
    assert!(!r.packages[0].covered && !r.packages[0].unmet);
}

#[test]
fn two_demands_competing_for_one_lot_the_first_takes_it_the_second_goes_to_contracts() {
    // 3,000 a month is 100 a day, from the first second.
    let lots = [lot("L1", "depot-a", "shell-155", 500, 2 * DAY)];
    let contracts = [contract("C1", "shell-155", 3_000, 3_000, 0)];
    let demands = [
        demand("P1", "O1", "shell-155", 500, 5 * DAY),
        demand("P2", "O1", "shell-155", 300, 5 * DAY),
    ];
    let (r, left) = readiness_with_leftovers(at(), &demands, &lots, &contracts);
    let (a, b) = (&r.demands[0], &r.demands[1]);
    assert_eq!(a.from_stock, vec![stock("L1", "depot-a", 500, t(2 * DAY))]);
    assert!(a.from_contracts.is_empty());
    assert_eq!(a.ready_at, Some(t(2 * DAY)));
    assert!(b.from_stock.is_empty(), "the lot is not counted twice");
    assert_eq!(b.from_contracts, vec![draw("C1", 300, t(3 * DAY))]);
    assert_eq!(b.ready_at, Some(t(3 * DAY)));
    assert!(a.covered && b.covered);
    assert_eq!(left.lots[0].remaining, 0);
    assert_eq!(left.contracts[0].used, 300);
    assert_eq!(r.packages.len(), 2);
}

#[test]
fn a_location_filter_restricts_stock_but_not_contracts() {
    let lots = [
        lot("near", "depot-a", "shell-155", 100, DAY),
        lot("far", "depot-b", "shell-155", 1_000, 5 * DAY),
    ];
    let contracts = [contract("C1", "shell-155", 3_000, 3_000, 0)];
    let demands = [
        // Canonical order would offer "near" first; the filter skips it.
        at_location(demand("P1", "O1", "shell-155", 200, 10 * DAY), "depot-b"),
        // "near" has 100; the other 50 come from C1 in half a day (100 a day).
        at_location(demand("P1", "O2", "shell-155", 150, 10 * DAY), "depot-a"),
    ];
    let (r, left) = readiness_with_leftovers(at(), &demands, &lots, &contracts);
    assert_eq!(
        r.demands[0].from_stock,
        vec![stock("far", "depot-b", 200, t(5 * DAY))]
    );
    assert_eq!(r.demands[0].ready_at, Some(t(5 * DAY)));
    assert_eq!(
        r.demands[1].from_stock,
        vec![stock("near", "depot-a", 100, t(DAY))]
    );
    assert_eq!(
        r.demands[1].from_contracts,
        vec![draw("C1", 50, t(12 * HOUR))]
    );
    assert_eq!(r.demands[1].ready_at, Some(t(DAY)));
    let remaining: Vec<(&str, u64)> = left.lots.iter().map(|l| (&*l.lot, l.remaining)).collect();
    assert_eq!(remaining, vec![("near", 0), ("far", 800)]);
}

#[test]
fn a_contract_not_valid_at_the_call_is_ignored() {
    let mut future = contract("C-future", "shell-155", 3_000, 3_000, 0);
    future.valid_from = t(1);
    let mut expired = contract("C-expired", "shell-155", 3_000, 3_000, 0);
    expired.valid_until = at(); // valid_until is exclusive
    let demands = [demand("P1", "O1", "shell-155", 10, 30 * DAY)];
    let (r, left) = readiness_with_leftovers(at(), &demands, &[], &[future, expired]);
    let d = &r.demands[0];
    assert_eq!(d.ready_at, None);
    assert!(!d.covered);
    assert_eq!(d.late_s, 0);
    assert_eq!((d.available_by_due, d.short_by_due), (0, 10));
    assert!(d.from_contracts.is_empty());
    assert!(r.packages[0].unmet);
    assert!(left.contracts.iter().all(|c| c.used == 0));
}

#[test]
fn valid_until_caps_production_and_the_demand_is_unmet() {
    // 600 a month is 20 a day; the contract ends after 15 days: 300 units, never 400.
    let mut c = contract("C1", "shell-155", 600, 6_000, 100 * DAY);
    c.valid_until = t(15 * DAY);
    let demands = [
        demand("P1", "O1", "shell-155", 400, 30 * DAY),
        demand("P1", "O2", "shell-155", 1, 30 * DAY),
    ];
    let (r, left) = readiness_with_leftovers(at(), &demands, &[], &[c]);
    let d = &r.demands[0];
    assert_eq!(d.ready_at, None);
    assert!(!d.covered);
    assert_eq!(d.late_s, 0);
    assert_eq!(d.from_contracts, vec![draw("C1", 300, t(15 * DAY))]);
    assert_eq!((d.available_by_due, d.short_by_due), (300, 100));
    // The unmet demand took what there was: nothing is left for the next one.
    assert_eq!(r.demands[1].ready_at, None);
    assert!(r.demands[1].from_contracts.is_empty());
    assert_eq!(left.contracts[0].used, 300);
    assert_eq!(
        r.packages[0],
        PackageReadiness {
            package: s("P1"),
            covered: false,
            short_by_due: 101,
            late_s: 0,
            unmet: true,
        }
    );
}

#[test]
fn reserved_units_take_the_first_units_of_the_curve() {
    // 100 a day; 500 reserved: the first demand's 200 are units 501 to 700 (day 7), the second
    // demand's 100 are units 701 to 800 (day 8).
    let mut c = contract("C1", "shell-155", 3_000, 3_000, 0);
    c.reserved = 500;
    let demands = [
        demand("P1", "O1", "shell-155", 200, 10 * DAY),
        demand("P1", "O2", "shell-155", 100, 10 * DAY),
    ];
    let (r, left) = readiness_with_leftovers(at(), &demands, &[], &[c]);
    assert_eq!(r.demands[0].ready_at, Some(t(7 * DAY)));
    assert_eq!(
        r.demands[0].from_contracts,
        vec![draw("C1", 200, t(7 * DAY))]
    );
    assert_eq!(r.demands[1].ready_at, Some(t(8 * DAY)));
    assert_eq!(left.contracts[0].used, 300);
}

#[test]
fn a_demand_for_nothing_is_ready_at_once() {
    let lots = [lot("L1", "depot-a", "shell-155", 10, DAY)];
    let demands = [demand("P1", "O1", "shell-155", 0, DAY)];
    let (r, left) = readiness_with_leftovers(at(), &demands, &lots, &[]);
    let d = &r.demands[0];
    assert_eq!(d.ready_at, Some(at()));
    assert!(d.covered);
    assert_eq!((d.late_s, d.available_by_due, d.short_by_due), (0, 0, 0));
    assert!(d.from_stock.is_empty() && d.from_contracts.is_empty());
    assert_eq!(left.lots[0].remaining, 10);
}

#[test]
fn the_rate_changes_from_monthly_to_surge_exactly_at_the_lead_time() {
    // 100 a month for 3 days (259,200 s): 100 × 259,200 / 2,592,000 = 10 units exactly.
    // Then 1,000 a month: the 11th unit needs 2,592,000 / 1,000 = 2,592 more seconds.
    let lead_s = 3 * DAY;
    let c = contract("C1", "shell-155", 100, 1_000, lead_s);
    assert_eq!(c.produced_by(at(), t(lead_s - 1)), 9);
    assert_eq!(c.produced_by(at(), t(lead_s)), 10);
    assert_eq!(c.produced_by(at(), t(lead_s + 2_591)), 10);
    assert_eq!(c.produced_by(at(), t(lead_s + 2_592)), 11);
    // "Per month" is per 30 days: after the lead, 30 days give the whole surge rate.
    assert_eq!(c.produced_by(at(), t(lead_s + 30 * DAY)), 1_010);
    let ten = readiness(
        at(),
        &[demand("P1", "O1", "shell-155", 10, DAY)],
        &[],
        std::slice::from_ref(&c),
    );
    assert_eq!(ten.demands[0].ready_at, Some(t(lead_s)));
    assert_eq!(ten.demands[0].late_s, 2 * DAY);
    let eleven = readiness(
        at(),
        &[demand("P1", "O1", "shell-155", 11, DAY)],
        &[],
        std::slice::from_ref(&c),
    );
    assert_eq!(eleven.demands[0].ready_at, Some(t(lead_s + 2_592)));
    // By the due date (day 1): 100 / 30 = 3.33…, so 3 units.
    assert_eq!(eleven.demands[0].available_by_due, 3);
}

#[test]
fn contracts_together_meet_a_demand_at_the_earliest_second_and_give_in_id_order() {
    // B makes 100 a day, A 200 a day: floor(6,000 t / 2,592,000) and floor(3,000 t / 2,592,000)
    // units by t seconds. The first t with A + B >= 500 is 144,288 s, when A's 334th unit is
    // done (B has 167); one second earlier A has 333 and B 166, 499 in all.
    let contracts = [
        contract("B", "shell-155", 3_000, 3_000, 0),
        contract("A", "shell-155", 6_000, 6_000, 0),
    ];
    let r = readiness(
        at(),
        &[demand("P1", "O1", "shell-155", 500, 5 * DAY)],
        &[],
        &contracts,
    );
    let d = &r.demands[0];
    assert_eq!(d.ready_at, Some(t(144_288)));
    // In id order A gives all it has by then (334), B the other 166, whose last unit was done at
    // ceil(166 × 2,592,000 / 3,000) = 143,424 s.
    assert_eq!(
        d.from_contracts,
        vec![draw("A", 334, t(144_288)), draw("B", 166, t(143_424))]
    );
}

#[test]
fn stock_is_taken_shortest_transit_first_and_lots_are_named_by_id() {
    let lots = [
        lot("slow", "depot-a", "shell-155", 100, 9 * DAY),
        lot("fast", "depot-b", "shell-155", 100, 2 * DAY),
    ];
    let r = readiness(
        at(),
        &[demand("P1", "O1", "shell-155", 150, 10 * DAY)],
        &lots,
        &[],
    );
    assert_eq!(
        r.demands[0].from_stock,
        vec![
            stock("fast", "depot-b", 100, t(2 * DAY)),
            stock("slow", "depot-a", 50, t(9 * DAY)),
        ]
    );
    assert_eq!(r.demands[0].ready_at, Some(t(9 * DAY)));
}

#[test]
fn packages_summarise_their_demands_in_order_of_first_appearance() {
    let lots = [lot("L1", "depot-a", "shell-155", 100, 20 * DAY)];
    let demands = [
        demand("P2", "O1", "shell-155", 50, 10 * DAY),
        demand("P1", "O1", "shell-155", 0, DAY),
        demand("P2", "O2", "shell-155", 50, 30 * DAY),
    ];
    let r = readiness(at(), &demands, &lots, &[]);
    let names: Vec<&str> = r.packages.iter().map(|p| &*p.package).collect();
    assert_eq!(names, vec!["P2", "P1"]);
    assert_eq!(
        r.packages[0],
        PackageReadiness {
            package: s("P2"),
            covered: false,
            short_by_due: 50,
            late_s: 10 * DAY,
            unmet: false,
        }
    );
    assert!(r.packages[1].covered);
}

#[test]
fn the_synthetic_bench_input_is_deterministic_and_exercises_every_path() {
    let (at, demands, lots, contracts, commitments) = bench_input::synthetic(7);
    assert_eq!(demands.len(), 200);
    assert_eq!(lots.len(), 500);
    assert_eq!(contracts.len(), 1_000);
    assert_eq!(commitments.len(), 10_000);
    let r = readiness(at, &demands, &lots, &contracts);
    assert_eq!(r, readiness(at, &demands, &lots, &contracts));
    assert_eq!(r.packages.len(), 50);
    assert!(r.demands.iter().any(|d| d.covered));
    assert!(r.demands.iter().any(|d| !d.covered && d.ready_at.is_some()));
    assert!(r.demands.iter().any(|d| d.ready_at.is_none()));
    assert!(r.demands.iter().any(|d| !d.from_contracts.is_empty()));
    assert!(r.demands.iter().any(|d| !d.from_stock.is_empty()));
    let del = deliveries(at, &commitments);
    for state in [
        DeliveryState::Open,
        DeliveryState::OnTime,
        DeliveryState::Late,
        DeliveryState::Overdue,
    ] {
        assert!(
            del.commitments.iter().any(|c| c.state == state),
            "{state:?}"
        );
    }
}

// --- deliveries ----------------------------------------------------------------------------------

fn commitment(id: &str, quantity: u64, promised: Timestamp, receipts: &[(i64, u64)]) -> Commitment {
    Commitment {
        id: s(id),
        donor: s("DE"),
        category: s("air-defence"),
        item: s("interceptor"),
        quantity,
        promised,
        receipts: receipts
            .iter()
            .map(|&(at_s, quantity)| Receipt {
                at: t(at_s),
                quantity,
            })
            .collect(),
    }
}

fn one(c: Commitment) -> CommitmentStatus {
    deliveries(at(), &[c]).commitments.remove(0)
}

#[test]
fn a_commitment_completed_before_its_promise_is_on_time() {
    let c = one(commitment(
        "K1",
        100,
        t(-10 * DAY),
        &[(-20 * DAY, 60), (-12 * DAY, 40)],
    ));
    assert_eq!(c.state, DeliveryState::OnTime);
    assert_eq!(c.delivered, 100);
    assert_eq!(c.completed_at, Some(t(-12 * DAY)));
    assert_eq!(c.days_late, 0);
}

#[test]
fn a_commitment_completed_two_days_and_one_second_late_is_three_days_late() {
    let c = one(commitment("K1", 100, t(-10 * DAY), &[(-8 * DAY + 1, 100)]));
    assert_eq!(c.state, DeliveryState::Late);
    assert_eq!(c.completed_at, Some(t(-8 * DAY + 1)));
    assert_eq!(c.days_late, 3);
}

#[test]
fn an_open_commitment_past_its_promise_is_overdue_by_the_days_so_far() {
    let c = one(commitment("K1", 100, t(-5 * DAY - HOUR), &[(-6 * DAY, 30)]));
    assert_eq!(c.state, DeliveryState::Overdue);
    assert_eq!(c.delivered, 30);
    assert_eq!(c.completed_at, None);
    assert_eq!(c.days_late, 6);
}

#[test]
fn partial_receipts_complete_a_commitment_at_the_receipt_that_reaches_the_quantity() {
    let c = one(commitment(
        "K1",
        100,
        t(-DAY),
        &[(-9 * DAY, 30), (-6 * DAY, 30), (-3 * DAY, 40)],
    ));
    assert_eq!(c.delivered, 100);
    assert_eq!(c.completed_at, Some(t(-3 * DAY)));
    assert_eq!(c.state, DeliveryState::OnTime);
    let open = one(commitment(
        "K2",
        100,
        t(DAY),
        &[(-9 * DAY, 30), (-6 * DAY, 30)],
    ));
    assert_eq!((open.delivered, open.state), (60, DeliveryState::Open));
}

#[test]
fn over_delivery_is_capped_at_the_quantity() {
    let c = one(commitment(
        "K1",
        100,
        t(-DAY),
        &[(-5 * DAY, 70), (-2 * DAY, 70)],
    ));
    assert_eq!(c.delivered, 100);
    assert_eq!(c.completed_at, Some(t(-2 * DAY)));
    let d = deliveries(
        at(),
        &[commitment(
            "K1",
            100,
            t(-DAY),
            &[(-5 * DAY, 70), (-2 * DAY, 70)],
        )],
    );
    assert_eq!((d.groups[0].delivered, d.groups[0].pipeline), (100, 0));
}

#[test]
fn receipts_after_the_report_and_a_promise_due_this_instant() {
    // A receipt after `at` has not happened yet; promised exactly at `at` is due, not late.
    let c = one(commitment("K1", 100, at(), &[(-DAY, 50), (DAY, 50)]));
    assert_eq!((c.delivered, c.completed_at), (50, None));
    assert_eq!((c.state, c.days_late), (DeliveryState::Due, 0));
}

#[test]
fn groups_and_donor_totals_with_an_on_time_rate_of_66_7_percent() {
    let mut k = vec![
        commitment("K1", 100, t(-10 * DAY), &[(-12 * DAY, 100)]), // on time
        commitment("K2", 50, t(-10 * DAY), &[(-11 * DAY, 50)]),   // on time
        commitment("K3", 80, t(-4 * DAY), &[(-2 * DAY, 80)]),     // late, 2 days
        commitment("K4", 40, t(30 * DAY), &[(-DAY, 10)]),         // open
    ];
    let mut other = commitment("K5", 10, t(-DAY - 1), &[]); // overdue, 2 days
    other.category = s("artillery");
    k.push(other);
    let d = deliveries(at(), &k);
    let air = &d.groups[0];
    assert_eq!((&*air.donor, &*air.category), ("DE", "air-defence"));
    assert_eq!(d.groups[1].category, s("artillery")); // "air-defence" < "artillery"
    assert_eq!(
        (air.commitments, air.committed, air.delivered, air.pipeline),
        (4, 270, 240, 30)
    );
    assert_eq!((air.due, air.on_time, air.late), (3, 2, 1));
    assert_eq!((air.on_time, air.due), (2, 3));
    assert_eq!(air.on_time_percent.as_deref(), Some("66.7"));
    assert_eq!((air.days_late_total, air.days_late_max), (2, 2));
    let de = &d.donors[0];
    assert_eq!(&*de.category, "*");
    assert_eq!((de.commitments, de.due, de.on_time, de.late), (5, 4, 2, 2));
    assert_eq!(de.on_time_percent.as_deref(), Some("50.0"));
    assert_eq!((de.days_late_total, de.days_late_max), (4, 2));
}

#[test]
fn percentages_are_exact_and_round_half_up() {
    assert_eq!(percent_one_decimal(2, 3).as_deref(), Some("66.7"));
    assert_eq!(percent_one_decimal(1, 3).as_deref(), Some("33.3"));
    assert_eq!(percent_one_decimal(1, 8).as_deref(), Some("12.5"));
    assert_eq!(percent_one_decimal(1, 16).as_deref(), Some("6.3")); // 6.25
    assert_eq!(percent_one_decimal(0, 5).as_deref(), Some("0.0"));
    assert_eq!(percent_one_decimal(5, 5).as_deref(), Some("100.0"));
    assert_eq!(
        percent_one_decimal(u64::MAX, u64::MAX).as_deref(),
        Some("100.0")
    );
    assert_eq!(percent_one_decimal(1, 0), None);
    let nothing_due = deliveries(at(), &[commitment("K1", 10, t(DAY), &[])]);
    assert_eq!(nothing_due.groups[0].due, 0);
    assert_eq!(nothing_due.groups[0].on_time_percent, None);
}
