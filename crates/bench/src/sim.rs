//! `snapback bench simulate`: simulated claims per second through the real engine (each claim
//! filed, voted on by the verifying body and determined), on one thread and on every core, with
//! the results checked identical; and what that means for the reference sweep.

use std::path::PathBuf;
use std::sync::atomic::AtomicU64;
use std::time::Instant;

use clap::Args;
use snapback_sim::output::write_csv;
use snapback_sim::{Sweep, parse_config};

#[derive(Args, Debug)]
pub struct SimArgs {
    /// The sweep to time.
    #[arg(long, default_value = "sims/daily.toml")]
    config: PathBuf,
    /// Runs per variant, overriding the config's.
    #[arg(long)]
    runs: Option<u64>,
    /// Repetitions of each measurement; the median is reported.
    #[arg(long, default_value_t = 3)]
    repeat: usize,
}

/// The reference sweep: 20 variants × 10,000 one-year runs.
const REFERENCE_RUNS: f64 = 20.0 * 10_000.0;
/// Issue 17: the rate must stay at least this with the behaviour mechanisms off (it was 200,000
/// before, and 360,657 was measured).
const GOAL_CLAIMS_PER_S: f64 = 360_000.0;

pub fn run(args: &SimArgs) -> crate::error::Result<()> {
    let source = read_source(&args.config)?;
    let mut config = parse_config(&source).map_err(|e| crate::failed!("{e}"))?;
    if let Some(runs) = args.runs {
        config.simulation.runs = runs;
    }
    let dir = args
        .config
        .parent()
        .map_or_else(|| PathBuf::from("."), PathBuf::from);
    let base = read_source(&dir.join(&config.simulation.charter))?;
    let record = match &config.simulation.record {
        Some(r) => Some(read_source(&dir.join(r))?),
        None => None,
    };
    let sweep = Sweep::with_record(config, &base, record.as_ref())?;
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    println!(
        "snapback bench simulate ({}: {} variants × {} runs of {} days; {} repetitions, median)",
        args.config.display(),
        sweep.variants.len(),
        sweep.config.simulation.runs,
        sweep.horizon_days(),
        args.repeat.max(1)
    );
    let mut reference: Option<Vec<u8>> = None;
    let mut per_thread = Vec::new();
    for threads in [1, cores] {
        let mut rates = Vec::new();
        let mut claims_per_run = 0.0;
        for _ in 0..args.repeat.max(1) {
            let start = Instant::now();
            let (result, stats) = sweep.run(threads, &AtomicU64::new(0))?;
            let secs = start.elapsed().as_secs_f64();
            rates.push(stats.claims as f64 / secs.max(1e-9));
            claims_per_run = stats.claims as f64 / stats.runs.max(1) as f64;
            let mut csv = Vec::new();
            write_csv(&result, &mut csv)?;
            match &reference {
                None => reference = Some(csv),
                Some(r) => crate::ensure!(
                    *r == csv,
                    "the results on {threads} threads differ from the first run's"
                ),
            }
        }
        rates.sort_by(f64::total_cmp);
        let median = rates[rates.len() / 2];
        println!(
            "  {threads} thread{}: {median:>10.0} claims/s ({claims_per_run:.0} claims per run)",
            if threads == 1 { "" } else { "s" }
        );
        per_thread.push((threads, median, claims_per_run));
    }
    if let (Some((_, one, _)), Some((n, all, claims_per_run))) =
        (per_thread.first(), per_thread.last())
    {
        let verdict = if *all >= GOAL_CLAIMS_PER_S {
            "met"
        } else {
            "NOT met"
        };
        println!(
            "  {n} cores / 1 thread: {:.2} (the machine's limit is {n}.00); goal >= {GOAL_CLAIMS_PER_S:.0} claims/s on all cores: {verdict}",
            all / one
        );
        let projected = REFERENCE_RUNS * claims_per_run / all;
        println!(
            "  the reference sweep (20 variants × 10,000 runs like these, {:.1} M claims) would take {:.0} s ({:.1} min; goal < 10 min)",
            REFERENCE_RUNS * claims_per_run / 1e6,
            projected,
            projected / 60.0
        );
    }
    println!("  results identical on every thread count: yes");
    let on = with_mechanisms_on(sweep.config.clone());
    let described = "dispersion 1, responses lasting 30 days, will shift 0.3 per false activation, a bloc of US and GB with sd 1";
    let sweep_on = Sweep::with_record(on, &base, record.as_ref())?;
    let mut rates = Vec::new();
    let mut claims_per_run = 0.0;
    for _ in 0..args.repeat.max(1) {
        let start = Instant::now();
        let (_, stats) = sweep_on.run(cores, &AtomicU64::new(0))?;
        rates.push(stats.claims as f64 / start.elapsed().as_secs_f64().max(1e-9));
        claims_per_run = stats.claims as f64 / stats.runs.max(1) as f64;
    }
    rates.sort_by(f64::total_cmp);
    println!(
        "  with the behaviour mechanisms on ({described}): {:>10.0} claims/s on {cores} threads ({claims_per_run:.0} claims per run)",
        rates[rates.len() / 2]
    );
    Ok(())
}

/// The config with every behaviour mechanism of issue 17 switched on, for their cost.
fn with_mechanisms_on(mut config: snapback_sim::Config) -> snapback_sim::Config {
    if let snapback_sim::config::Adversary::Salami { dispersion, .. } = &mut config.adversary {
        *dispersion = Some(1.0);
    }
    let thirty_days = snapback_charter::time::Duration::from_seconds(30 * 86_400);
    for v in &mut config.variant {
        v.response_duration = thirty_days;
    }
    config.voting.will_shift_per_false_activation = 0.3;
    config.voting.bloc.push(snapback_sim::config::Bloc {
        name: "bench".to_owned(),
        members: ["US", "GB"]
            .iter()
            .filter_map(|p| snapback_charter::PartyId::new(p).ok())
            .collect(),
        sd: 1.0,
    });
    config
}

/// A file as a `Source` named by its path, for the simulator's located errors.
fn read_source(path: &std::path::Path) -> crate::error::Result<snapback_charter::Source> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| crate::failed!("{}: cannot read the file: {e}", path.display()))?;
    Ok(snapback_charter::Source::new(
        path.display().to_string(),
        text,
    ))
}
