//! Property tests of monitoring alerts (`[[alert]]`) on the test charter
//! `scenarios/charters/monitoring.toml`, over random sets of reports (areas, days across the
//! change to summer time, categories, flagged exercises). The properties:
//!
//! 1. For the `consecutive` and `sum` rules, which windows alert does not depend on the order
//!    the reports arrive in: a report made late alerts when it arrives.
//! 2. Each window alerts at most once per rule and area, and only a window a report fell in.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::{BTreeMap, BTreeSet};

use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;
use snapback_charter::{CharterHistory, PartyId, ReportId, Source};
use snapback_engine::event::MonitorReport;
use snapback_engine::replay::replay;
use snapback_engine::{Event, EventKind};

const CHARTER: &str = include_str!("../../../scenarios/charters/monitoring.toml");
/// The rules whose alerts cannot depend on arrival order (their windows only grow).
const MONOTONE: [&str; 2] = ["two-days-over-100", "three-day-sum-over-400"];

fn history() -> CharterHistory {
    let charter = snapback_charter::load_toml(&Source::new("monitoring.toml", CHARTER))
        .unwrap_or_else(|e| panic!("{e}"));
    CharterHistory::single(charter)
}

/// A report: area (north or south), the day its period ends (from 15 March 2026, so across
/// the change to summer time on the 29th), the hour it ends at (UTC), shelling, shooting, and
/// the counts flagged as exercises.
type Spec = (bool, i64, i64, u64, u64, u64);

fn specs() -> impl Strategy<Value = Vec<Spec>> {
    prop::collection::vec(
        (
            any::<bool>(),
            0..30i64,
            prop::sample::select(vec![6i64, 16, 17, 18]),
            0..200u64,
            0..150u64,
            0..60u64,
        ),
        1..40,
    )
}

/// The reports in the order given, recorded a minute apart after every period has ended.
fn events(specs: &[Spec], order: &[usize]) -> Vec<Event> {
    let start: Timestamp = "2026-03-15T00:00:00Z".parse().unwrap();
    let recorded: Timestamp = "2026-05-01T00:00:00Z".parse().unwrap();
    order
        .iter()
        .enumerate()
        .map(|(i, &k)| {
            let (north, day, hour, shelling, shooting, exercise) = specs[k];
            let until = start + SignedDuration::from_hours(day * 24 + hour);
            Event {
                at: recorded + SignedDuration::from_mins(i as i64),
                party: PartyId::new("MON").unwrap(),
                kind: EventKind::MonitorReport(MonitorReport {
                    report: ReportId::new(&format!("R{k}")).unwrap(),
                    area: if north { "north" } else { "south" }.to_owned(),
                    from: until - SignedDuration::from_hours(24),
                    until,
                    counts: BTreeMap::from([
                        ("shelling".to_owned(), shelling),
                        ("shooting".to_owned(), shooting),
                    ]),
                    flags: BTreeMap::from([("exercise".to_owned(), exercise)]),
                }),
            }
        })
        .collect()
}

/// `(rule, area, window end)` of every alert of the order-independent rules.
fn alerted(history: &CharterHistory, events: &[Event]) -> Vec<(String, String, Timestamp)> {
    let state = replay(history, events, events.last().map(|e| e.at));
    assert!(state.rejected.is_empty(), "{:?}", state.rejected);
    state
        .alerts
        .iter()
        .filter(|a| MONOTONE.contains(&a.alert.as_str()))
        .map(|a| (a.alert.to_string(), a.area.clone(), a.window_end))
        .collect()
}

proptest! {
    #![proptest_config(common::config(256))]

    #[test]
    fn alerts_do_not_depend_on_the_order_reports_arrive_in(
        (specs, order) in specs().prop_flat_map(|s| {
            let n = s.len();
            (Just(s), Just((0..n).collect::<Vec<_>>()).prop_shuffle())
        })
    ) {
        let history = history();
        let in_order: Vec<usize> = (0..specs.len()).collect();
        let a = alerted(&history, &events(&specs, &in_order));
        let b = alerted(&history, &events(&specs, &order));
        let (set_a, set_b): (BTreeSet<_>, BTreeSet<_>) = (a.iter().cloned().collect(), b.iter().cloned().collect());
        prop_assert_eq!(&set_a, &set_b);
        // Once per rule, area and window.
        prop_assert_eq!(set_a.len(), a.len());
        prop_assert_eq!(set_b.len(), b.len());
    }

    #[test]
    fn only_a_window_a_report_fell_in_alerts(specs in specs()) {
        let history = history();
        let order: Vec<usize> = (0..specs.len()).collect();
        let evs = events(&specs, &order);
        let state = replay(&history, &evs, evs.last().map(|e| e.at));
        let charter = history.versions()[0].clone();
        for a in &state.alerts {
            let rule = charter.alerts.iter().find(|r| r.id == a.alert).unwrap();
            let fell = evs.iter().any(|e| match &e.kind {
                EventKind::MonitorReport(r) => r.area == a.area && rule.grid.end_of(r.until) == a.window_end,
                _ => false,
            });
            prop_assert!(fell, "{} alerted on {} with no report in it", a.alert, a.window_end);
        }
    }
}
