//! `snapback simulate CONFIG.toml`: the deterrence simulator's command line. Reads the config
//! and the base charter, runs the sweep on all cores with a progress line on a terminal, writes
//! the CSV, the summary, the plots and the manifest, and prints a short comparison; or, with
//! `--replay-run VARIANT:INDEX`, prints one run's events as a scenario.

use std::io::{IsTerminal, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::{Args, Subcommand};
use serde::Serialize;
use snapback_engine::Event;
use snapback_sim::number::fixed;
use snapback_sim::output::{Manifest, write_all};
use snapback_sim::stats::{MetricSummary, summarize};
use snapback_sim::{Sweep, parse_config};

use crate::failure::Failure;
use crate::input::read_source;

#[derive(Args, Debug)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct SimulateArgs {
    #[command(subcommand)]
    pub command: Option<SimulateCommand>,
    /// The simulation config (see docs/simulator.md and sims/salami.toml).
    #[arg(required = true)]
    pub config: Option<PathBuf>,
    /// Where to write runs.csv, summary.json, their Parquet twins, manifest.json and the SVG
    /// plots (default: the config's name with `-out`, next to it).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Threads (default: every core). The results do not depend on it.
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Runs per variant, overriding the config's.
    #[arg(long)]
    pub runs: Option<u64>,
    /// Print one run's events (VARIANT:INDEX) as a scenario instead of running the sweep; with
    /// --out, write the variant's charter and the scenario there, so `snapback replay` replays it.
    #[arg(long, value_name = "VARIANT:INDEX")]
    pub replay_run: Option<String>,
    /// Compute only shard I of N (I from 1): the runs ⌊(I−1)·R/N⌋ to ⌊I·R/N⌋ of every variant,
    /// written to `shard-I-of-N.json` in --out (default: the config's name with `-shards`);
    /// `snapback simulate merge` joins the shards into the one-machine outputs, byte for byte.
    #[arg(long, value_name = "I/N", conflicts_with = "replay_run")]
    pub shard: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum SimulateCommand {
    /// Fit the salami adversary's violation rate, with its over-dispersion (a negative binomial),
    /// to a daily series of counts and write it, with its interval, into a config.
    Calibrate(crate::simcalibrate::CalibrateArgs),
    /// A global sensitivity study (Morris screening or Sobol indices) of the parameters the
    /// config's [sensitivity] table ranges over: which assumptions drive each result.
    Sensitivity(crate::simsensitivity::SensitivityArgs),
    /// Merge the shards of a sweep (`simulate CONFIG --shard I/N`, computed anywhere) into the
    /// outputs a one-machine run writes, byte for byte.
    Merge(crate::simshard::MergeArgs),
}

/// The base charter and the capability record (if any) a config names, read relative to it.
pub fn read_inputs(
    config_path: &Path,
    config: &snapback_sim::Config,
) -> Result<(snapback_charter::Source, Option<snapback_charter::Source>), Failure> {
    let dir = config_path
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let base = read_source(&dir.join(&config.simulation.charter))?;
    let record = match &config.simulation.record {
        Some(r) => Some(read_source(&dir.join(r))?),
        None => None,
    };
    Ok((base, record))
}

pub fn simulate(args: &SimulateArgs) -> Result<ExitCode, Failure> {
    let config_path = match (&args.command, &args.config) {
        (Some(SimulateCommand::Calibrate(c)), _) => return crate::simcalibrate::calibrate(c),
        (Some(SimulateCommand::Sensitivity(s)), _) => {
            return crate::simsensitivity::sensitivity(s);
        }
        (Some(SimulateCommand::Merge(m)), _) => return crate::simshard::merge_shards(m),
        (None, Some(path)) => path,
        (None, None) => {
            return Err(Failure::Usage(
                "name a simulation config, e.g. `snapback simulate sims/salami.toml`".to_owned(),
            ));
        }
    };
    let source = read_source(config_path)?;
    let mut config = parse_config(&source)?;
    if let Some(runs) = args.runs {
        if runs == 0 || runs > snapback_sim::config::RUNS_MAX {
            return Err(Failure::Usage(format!(
                "--runs {runs} is outside 1 to {}",
                snapback_sim::config::RUNS_MAX
            )));
        }
        config.simulation.runs = runs;
    }
    let (base, record) = read_inputs(config_path, &config)?;
    let dir = config_path
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let sweep = Sweep::with_record(config, &base, record.as_ref())
        .map_err(|e| Failure::Usage(e.to_string()))?;
    if let Some(which) = &args.replay_run {
        return replay_run(&sweep, which, &base.text, args.out.as_deref());
    }
    if let Some(spec) = &args.shard {
        let spec =
            snapback_sim::shard::parse_spec(spec).map_err(|e| Failure::Usage(e.to_string()))?;
        let out_dir = args.out.clone().unwrap_or_else(|| {
            let stem = config_path.file_stem().map_or_else(
                || "simulation".to_owned(),
                |s| s.to_string_lossy().into_owned(),
            );
            dir.join(format!("{stem}-shards"))
        });
        let inputs =
            snapback_sim::shard::inputs_sha256(&base.text, record.as_ref().map(|r| &*r.text));
        return crate::simshard::run_shard(
            &sweep,
            source.text.as_bytes(),
            &inputs,
            spec,
            args.threads,
            &out_dir,
        );
    }
    let out_dir = args.out.clone().unwrap_or_else(|| {
        let stem = config_path.file_stem().map_or_else(
            || "simulation".to_owned(),
            |s| s.to_string_lossy().into_owned(),
        );
        dir.join(format!("{stem}-out"))
    });
    let total = sweep.config.simulation.runs * sweep.variants.len() as u64;
    let progress = AtomicU64::new(0);
    let done = AtomicBool::new(false);
    let started = Instant::now();
    let (result, stats) = std::thread::scope(|s| {
        if std::io::stderr().is_terminal() {
            s.spawn(|| show_progress(&progress, &done, total));
        }
        let r = sweep.run(args.threads, &progress);
        done.store(true, Ordering::Relaxed);
        r
    })
    .context("starting the thread pool")?;
    let wall = started.elapsed();
    let manifest = Manifest::new(
        sweep.config.simulation.seed,
        option_env!("SNAPBACK_GIT_COMMIT").map(str::to_owned),
        config_path,
        source.text.as_bytes(),
        &result,
    );
    let written = write_all(&out_dir, &result, &manifest)
        .map_err(|e| Failure::Other(anyhow::anyhow!("{e}")))?;
    let summary = summarize(&result);
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{} variants × {} runs of {} days ({}), {} claims through the engine in {:.1} s ({:.0} claims/s)",
        result.variants.len(),
        sweep.config.simulation.runs,
        result.horizon_days,
        sweep.config.adversary.name(),
        stats.claims,
        wall.as_secs_f64(),
        stats.claims as f64 / wall.as_secs_f64().max(1e-9)
    )?;
    for v in &summary.variants {
        let p = |name: &str| match v.metrics.get(name) {
            Some(MetricSummary::Proportion(s)) => interval(s.p, s.lo, s.hi, 3),
            Some(MetricSummary::Mean(s)) => interval(s.mean, s.lo, s.hi, 1),
            None => "-".to_owned(),
        };
        writeln!(
            out,
            "  {:<32} P(response) {}  hours to first response {}  gain before response {}  gain in all {}  false activations {}",
            v.name,
            p("responded"),
            p("first_response_h"),
            p("gain_before_response"),
            p("gain"),
            p("false_activations")
        )?;
    }
    let paths: Vec<String> = written
        .paths()
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    writeln!(out, "wrote {}", paths.join(", "))?;
    Ok(ExitCode::SUCCESS)
}

/// `0.812 [0.788, 0.834]`, or `-` when there was nothing to estimate.
/// Numbers go through [`fixed`], so a bound just below zero reads `0.0`, never `-0.0`.
fn interval(value: Option<f64>, lo: Option<f64>, hi: Option<f64>, decimals: usize) -> String {
    match (value, lo, hi) {
        (Some(v), Some(lo), Some(hi)) => format!(
            "{} [{}, {}]",
            fixed(v, decimals),
            fixed(lo, decimals),
            fixed(hi, decimals)
        ),
        (Some(v), _, _) => fixed(v, decimals),
        _ => "-".to_owned(),
    }
}

/// A progress line on standard error, refreshed a few times a second.
fn show_progress(progress: &AtomicU64, done: &AtomicBool, total: u64) {
    let mut err = std::io::stderr();
    while !done.load(Ordering::Relaxed) {
        let n = progress.load(Ordering::Relaxed);
        let _ = write!(
            err,
            "\r  {n}/{total} runs ({:.0}%)",
            100.0 * n as f64 / total.max(1) as f64
        );
        let _ = err.flush();
        std::thread::sleep(Duration::from_millis(200));
    }
    let _ = writeln!(err, "\r  {total}/{total} runs (100%)");
}

#[derive(Serialize)]
struct ScenarioOut<'a> {
    charter: String,
    title: String,
    description: String,
    event: &'a [Event],
}

/// `--replay-run VARIANT:INDEX`.
fn replay_run(
    sweep: &Sweep,
    which: &str,
    base_text: &str,
    out: Option<&Path>,
) -> Result<ExitCode, Failure> {
    let (name, index) = which.rsplit_once(':').ok_or_else(|| {
        Failure::Usage(format!(
            "--replay-run `{which}`: write VARIANT:INDEX, e.g. flipped-majority-48h:17"
        ))
    })?;
    let variant = sweep.variant_index(name).ok_or_else(|| {
        let names: Vec<&str> = sweep
            .variants
            .iter()
            .map(|(i, _)| i.name.as_str())
            .collect();
        Failure::Usage(format!(
            "--replay-run: no variant `{name}` (the config has: {})",
            names.join(", ")
        ))
    })?;
    let run: u64 = index
        .parse()
        .ok()
        .filter(|r| *r < sweep.config.simulation.runs)
        .ok_or_else(|| {
            Failure::Usage(format!(
                "--replay-run: `{index}` is not a run index from 0 to {}",
                sweep.config.simulation.runs - 1
            ))
        })?;
    let output = sweep
        .run_one(variant, run, true)
        .ok_or_else(|| Failure::Usage("no such run".to_owned()))?;
    let events = output.events.unwrap_or_default();
    let r = &output.record;
    let description = format!(
        "Run {run} of variant {name} (seed {}): {} violations, {} claims, {} activations, {} dismissals, {} false activations. \
         Replaying it under the variant's charter gives the same determinations.",
        r.seed, r.violations, r.claims, r.activations, r.dismissals, r.false_activations
    );
    let patched = sweep
        .config
        .variant
        .get(variant)
        .map(|v| snapback_sim::variant::patch(base_text, v, &sweep.config.appropriation))
        .transpose()
        .map_err(|e| Failure::Usage(e.to_string()))?
        .unwrap_or_else(|| base_text.to_owned());
    match out {
        Some(dir) => {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
            let charter = dir.join(format!("{name}.charter.toml"));
            std::fs::write(&charter, &patched)
                .with_context(|| format!("writing {}", charter.display()))?;
            let scenario = ScenarioOut {
                charter: format!("{name}.charter.toml"),
                title: format!("Simulated run {name}:{run}"),
                description,
                event: &events,
            };
            let path = dir.join(format!("{name}-{run}.toml"));
            let text = toml::to_string(&scenario).context("encoding the run as TOML")?;
            std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
            println!(
                "wrote {} and {} ({} events); replay with `snapback replay {}`",
                charter.display(),
                path.display(),
                events.len(),
                path.display()
            );
        }
        None => {
            let scenario = ScenarioOut {
                charter: "CHARTER.toml".to_owned(),
                title: format!("Simulated run {name}:{run}"),
                description,
                event: &events,
            };
            let text = toml::to_string(&scenario).context("encoding the run as TOML")?;
            print!(
                "# The events of run {run} of variant `{name}`. Its charter is the base charter with the\n\
                 # variant's patches; `--replay-run {which} --out DIR` writes both so `snapback replay` reads them.\n{text}"
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
