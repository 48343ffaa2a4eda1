//! `snapback bench faultsim`: seeds simulated per second by the fault simulation, on one thread
//! (the rate a CI run of 1,000 seeds sees per core), next to the steps per seed and what a seed
//! holds (entries, leadership terms, crashes). The median of the repetitions.

use std::time::Instant;

use clap::Args;
use snapback_faultsim::{Config, Simulator};

#[derive(Args, Debug)]
pub struct FaultsimArgs {
    /// Seeds per measurement (0 to N-1).
    #[arg(long, default_value_t = 200)]
    seeds: u64,
    /// Random events per seed.
    #[arg(long, default_value_t = snapback_faultsim::DEFAULT_STEPS)]
    steps: usize,
    /// Repetitions; the median is reported.
    #[arg(long, default_value_t = 3)]
    repeat: usize,
}

pub fn run(args: &FaultsimArgs) -> crate::error::Result<()> {
    crate::ensure!(args.seeds > 0, "--seeds must be at least 1");
    crate::ensure!(args.steps > 0, "--steps must be at least 1");
    let sim = Simulator::new(Config {
        steps: args.steps,
        ..Config::default()
    })
    .map_err(|e| crate::failed!("{e}"))?;
    println!(
        "snapback bench faultsim ({} seeds of {} steps, one thread; {} repetitions, median)",
        args.seeds,
        args.steps,
        args.repeat.max(1)
    );
    let mut rates = Vec::new();
    let (mut entries, mut terms, mut crashes, mut failed) = (0u64, 0u64, 0u64, 0u64);
    for _ in 0..args.repeat.max(1) {
        (entries, terms, crashes, failed) = (0, 0, 0, 0);
        let start = Instant::now();
        for seed in 0..args.seeds {
            let report = sim
                .run(seed)
                .map_err(|e| crate::failed!("seed {seed}: {e}"))?;
            entries += report.stats.entries;
            terms += report.stats.terms;
            crashes += report.stats.crashes;
            failed += u64::from(!report.passed());
        }
        rates.push(args.seeds as f64 / start.elapsed().as_secs_f64().max(1e-9));
    }
    let median = crate::log::median(rates);
    let per_seed = |n: u64| n as f64 / args.seeds as f64;
    println!(
        "  {median:>8.1} seeds simulated per second at {} steps per seed ({:.1} entries, {:.1} leadership terms, {:.1} crashes per seed)",
        args.steps,
        per_seed(entries),
        per_seed(terms),
        per_seed(crashes)
    );
    println!(
        "  1,000 seeds (the CI run) take {:.1} s on one core",
        1_000.0 / median.max(1e-9)
    );
    crate::ensure!(
        failed == 0,
        "{failed} of {} seeds broke an invariant: run `snapback faultsim --seeds {}` to list them",
        args.seeds,
        args.seeds
    );
    Ok(())
}
