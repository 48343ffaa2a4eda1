//! `snapback faultsim`: the deterministic fault simulation (`snapback-faultsim`). `--seed N`
//! reproduces one seed and prints its trace; `--seeds N [--first S]` runs many on every core
//! (the overnight run), printing each failing seed with the command that reproduces it.

use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use snapback_faultsim::{Config, SeedReport, Simulator, reproduce_command};

use crate::failure::Failure;

#[derive(Args, Debug)]
#[command(group(clap::ArgGroup::new("which").required(true).args(["seed", "seeds"])))]
pub struct FaultsimArgs {
    /// Run this one seed and print its trace, one line per event, then what broke, if anything.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Run this many seeds on every core, printing the failing ones (exit 1 if any failed).
    #[arg(long)]
    pub seeds: Option<u64>,
    /// The first seed of `--seeds`.
    #[arg(long, default_value_t = 0, requires = "seeds")]
    pub first: u64,
    /// Random events per seed before everything heals.
    #[arg(long, default_value_t = snapback_faultsim::DEFAULT_STEPS)]
    pub steps: usize,
}

pub fn run(args: &FaultsimArgs) -> Result<ExitCode, Failure> {
    if args.steps == 0 || args.steps > 100_000 {
        return Err(Failure::Usage(format!(
            "--steps {} is outside 1 to 100000",
            args.steps
        )));
    }
    let sim = Simulator::new(Config {
        steps: args.steps,
        ..Config::default()
    })
    .context("setting the simulation up")?;
    match (args.seed, args.seeds) {
        (Some(seed), _) => one(&sim, seed),
        (None, Some(count)) => many(&sim, args.first, count),
        (None, None) => Err(Failure::Usage("give --seed N or --seeds N".to_owned())),
    }
}

fn one(sim: &Simulator, seed: u64) -> Result<ExitCode, Failure> {
    let report = sim.run(seed).context("running the seed")?;
    for line in &report.trace {
        println!("{line}");
    }
    let s = report.stats;
    println!(
        "seed {seed}: {} steps, {} entries, {} acknowledged answers, {} leadership terms, {} crashes, {} cosignatures recorded",
        sim.config().steps,
        s.entries,
        s.acks,
        s.terms,
        s.crashes,
        s.cosignatures
    );
    if report.passed() {
        println!("every invariant holds");
        return Ok(ExitCode::SUCCESS);
    }
    for v in &report.violations {
        println!("{v}");
    }
    Ok(ExitCode::FAILURE)
}

fn many(sim: &Simulator, first: u64, count: u64) -> Result<ExitCode, Failure> {
    let end = first
        .checked_add(count)
        .ok_or_else(|| Failure::Usage("--first + --seeds overflows".to_owned()))?;
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    println!(
        "seeds {first} to {} ({} steps each) on {threads} threads",
        end - 1,
        sim.config().steps
    );
    let next = AtomicU64::new(first);
    let done = AtomicU64::new(0);
    let failed: Mutex<Vec<u64>> = Mutex::new(Vec::new());
    let started = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let seed = next.fetch_add(1, Ordering::Relaxed);
                    if seed >= end {
                        break;
                    }
                    let report = sim.run(seed);
                    report_failure(seed, &report, &failed);
                    let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                    if n % 10_000 == 0 {
                        println!("{n} seeds in {:.0} s", started.elapsed().as_secs_f64());
                    }
                }
            });
        }
    });
    let mut failed = failed.into_inner().unwrap_or_else(|e| e.into_inner());
    failed.sort_unstable();
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{count} seeds in {secs:.1} s ({:.0} seeds/s): {} failed{}",
        count as f64 / secs.max(1e-9),
        failed.len(),
        if failed.is_empty() {
            String::new()
        } else {
            format!(
                " ({})",
                failed
                    .iter()
                    .map(u64::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    );
    Ok(if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn report_failure(
    seed: u64,
    report: &Result<SeedReport, snapback_faultsim::SimError>,
    failed: &Mutex<Vec<u64>>,
) {
    let lines: Vec<String> = match report {
        Ok(r) if r.passed() => return,
        Ok(r) => r.violations.iter().map(ToString::to_string).collect(),
        Err(e) => vec![format!("seed {seed}: {e}")],
    };
    let mut failed = failed.lock().unwrap_or_else(|e| e.into_inner());
    failed.push(seed);
    // One failing seed's lines together, even with other threads printing.
    for line in lines {
        println!("{line}");
    }
    println!("  reproduce: {}", reproduce_command(seed));
}
