//! The fault simulation in CI: a fixed range of seeds, each one history of crashes, restarts,
//! partitions, clock steps, stalls and failed commits, every invariant checked on each. And, so
//! the checks are not vacuous, a system broken on purpose in each way is caught.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::ops::Range;

use snapback_faultsim::{
    Config, Flaws, Invariant, SeedReport, Simulator, StoreFlaws, reproduce_command,
};

/// The seeds CI runs (at the default steps per seed).
const CI_SEEDS: Range<u64> = 0..1_000;

/// Runs `seeds` on two threads, in order.
fn run_all(sim: &Simulator, seeds: Range<u64>) -> Vec<SeedReport> {
    let all: Vec<u64> = seeds.collect();
    let (first, second) = all.split_at(all.len() / 2);
    std::thread::scope(|scope| {
        let a = scope.spawn(|| {
            first
                .iter()
                .map(|s| sim.run(*s).unwrap())
                .collect::<Vec<_>>()
        });
        let b = scope.spawn(|| {
            second
                .iter()
                .map(|s| sim.run(*s).unwrap())
                .collect::<Vec<_>>()
        });
        let mut reports = a.join().unwrap();
        reports.extend(b.join().unwrap());
        reports
    })
}

#[test]
fn every_invariant_holds_on_a_thousand_seeds() {
    let sim = Simulator::new(Config::default()).unwrap();
    let started = std::time::Instant::now();
    let reports = run_all(&sim, CI_SEEDS);
    let failed: Vec<&SeedReport> = reports.iter().filter(|r| !r.passed()).collect();
    let entries: u64 = reports.iter().map(|r| r.stats.entries).sum();
    eprintln!(
        "{} seeds of {} steps in {:.1} s: {} entries, {} failed",
        reports.len(),
        sim.config().steps,
        started.elapsed().as_secs_f64(),
        entries,
        failed.len()
    );
    if let Some(first) = failed.first() {
        let mut message = String::new();
        for report in &failed {
            for v in &report.violations {
                message.push_str(&format!("{v}\n"));
            }
            message.push_str(&format!(
                "  reproduce: {}\n",
                reproduce_command(report.seed)
            ));
        }
        message.push_str(&format!("\ntrace of seed {}:\n", first.seed));
        for line in &first.trace {
            message.push_str(&format!("{line}\n"));
        }
        panic!(
            "{} of {} seeds broke an invariant:\n{message}",
            failed.len(),
            reports.len()
        );
    }
}

#[test]
fn a_seed_is_one_history() {
    let sim = Simulator::new(Config::default()).unwrap();
    let a = sim.run(7).unwrap();
    let b = sim.run(7).unwrap();
    assert_eq!(a.trace, b.trace);
    assert_ne!(a.trace, sim.run(8).unwrap().trace);
    assert!(a.trace.len() > 10, "a seed does things: {:?}", a.trace);
}

/// The first seed of `seeds` on which a system with `flaws` breaks `invariant`.
fn caught(flaws: Flaws, invariant: Invariant, seeds: Range<u64>) -> u64 {
    let sim = Simulator::new(Config {
        flaws,
        ..Config::default()
    })
    .unwrap();
    for seed in seeds.clone() {
        let report = sim.run(seed).unwrap();
        if let Some(v) = report.violations.iter().find(|v| v.invariant == invariant) {
            assert_eq!(v.seed, seed);
            assert!(
                v.to_string().contains(&format!("seed {seed}, step ")),
                "{v}"
            );
            return seed;
        }
    }
    panic!("{flaws:?} was never caught by [{invariant}] on seeds {seeds:?}");
}

#[test]
fn a_store_that_acknowledges_before_sync_loses_acknowledged_entries() {
    let flaws = Flaws {
        store: StoreFlaws {
            ack_before_sync: true,
            ..StoreFlaws::default()
        },
        ..Flaws::default()
    };
    caught(flaws, Invariant::Acknowledged, 0..100);
}

#[test]
fn a_store_that_rolls_back_shows_two_roots_for_one_size() {
    let flaws = Flaws {
        store: StoreFlaws {
            ack_before_sync: true,
            ..StoreFlaws::default()
        },
        ..Flaws::default()
    };
    caught(flaws, Invariant::Checkpoints, 0..200);
}

#[test]
fn a_store_without_fencing_lets_a_stale_leader_append() {
    let flaws = Flaws {
        store: StoreFlaws {
            ignore_fencing: true,
            ..StoreFlaws::default()
        },
        ..Flaws::default()
    };
    caught(flaws, Invariant::Fencing, 0..200);
}

#[test]
fn an_altered_byte_fails_verify() {
    let flaws = Flaws {
        store: StoreFlaws {
            flip_a_byte: true,
            ..StoreFlaws::default()
        },
        ..Flaws::default()
    };
    caught(flaws, Invariant::Verify, 0..50);
}

#[test]
fn a_scheduler_that_never_fires_misses_deadlines() {
    let flaws = Flaws {
        scheduler_never_fires: true,
        ..Flaws::default()
    };
    caught(flaws, Invariant::Deadlines, 0..50);
}

#[test]
fn a_follower_that_skips_an_entry_differs_from_the_replay() {
    let flaws = Flaws {
        follower_skips_an_entry: true,
        ..Flaws::default()
    };
    caught(flaws, Invariant::Replicas, 0..50);
}
