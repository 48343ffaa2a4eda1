//! `snapback simulate calibrate`: fits the salami adversary's violation rate, with its
//! over-dispersion, to a daily series of counts and writes it into a simulation config (see
//! `snapback_sim::calibrate`).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, ValueEnum};
use jiff::civil::Date;
use snapback_charter::Source;
use snapback_interop::daily_series::read_daily_series;
use snapback_sim::calibrate::{Estimate, Fit, Missing, fit, window, write_into_config};
use snapback_sim::parse_config;

use crate::failure::Failure;
use crate::input::read_source;

#[derive(Args, Debug)]
pub struct CalibrateArgs {
    /// The daily series: a CSV with a `date` column (YYYY-MM-DD) and a column of counts.
    #[arg(long)]
    pub series: PathBuf,
    /// The column of counts.
    #[arg(long, default_value = "launched_total")]
    pub column: String,
    /// The first day to fit (default: the series' first).
    #[arg(long)]
    pub from: Option<Date>,
    /// The last day to fit (default: the series' last).
    #[arg(long)]
    pub to: Option<Date>,
    /// Days in the window the series does not list: left out, or counted as days with none.
    #[arg(long, value_enum, default_value_t = MissingDays::Skip)]
    pub missing: MissingDays,
    /// The simulation config to calibrate (its adversary must be `salami`).
    #[arg(long)]
    pub config: PathBuf,
    /// Where to write the calibrated config (default: the config's name with `-calibrated`, next
    /// to it, so its relative charter path still holds).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum MissingDays {
    Skip,
    Zero,
}

pub fn calibrate(args: &CalibrateArgs) -> Result<ExitCode, Failure> {
    let series_source = read_source(&args.series)?;
    let series = read_daily_series(&series_source, &args.column)?;
    let config_source = read_source(&args.config)?;
    // The config must already be valid: calibration changes the rate, nothing else.
    parse_config(&config_source)?;
    let missing = match args.missing {
        MissingDays::Skip => Missing::Skip,
        MissingDays::Zero => Missing::Zero,
    };
    let days = window(&series.days, args.from, args.to, missing)
        .map_err(|e| Failure::Usage(e.to_string()))?;
    let fitted = fit(&days.counts).map_err(|e| Failure::Usage(e.to_string()))?;
    let missing_text = match (days.missing, missing) {
        (0, _) => "none missing".to_owned(),
        (n, Missing::Skip) => format!("{n} days not listed, left out"),
        (n, Missing::Zero) => format!("{n} days not listed, counted as 0"),
    };
    let notes = notes(&args.series, &args.column, &days, &missing_text, &fitted);
    let written = write_into_config(&config_source.text, &fitted, &notes)
        .map_err(|e| Failure::Usage(format!("{}: {e}", config_source.origin)))?;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| calibrated_path(&args.config));
    // What is written must read back as a valid config.
    parse_config(&Source::new(out.display().to_string(), written.clone()))?;
    std::fs::write(&out, &written).with_context(|| format!("writing {}", out.display()))?;
    let mut stdout = std::io::stdout().lock();
    for line in &notes {
        writeln!(stdout, "{line}")?;
    }
    writeln!(stdout, "wrote {}", out.display())?;
    Ok(ExitCode::SUCCESS)
}

/// The lines that say what was fitted, printed and written above `[adversary]`.
fn notes(
    series: &Path,
    column: &str,
    days: &snapback_sim::calibrate::Window,
    missing: &str,
    fitted: &Fit,
) -> Vec<String> {
    let file = series.file_name().map_or_else(
        || series.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut lines = vec![
        format!(
            "`snapback simulate calibrate` on {file}, column `{column}`: {} days, {} to {} ({missing})",
            fitted.days, days.first, days.last
        ),
        format!(
            "sample mean {} a day, variance {}",
            significant(fitted.sample_mean),
            significant(fitted.sample_variance)
        ),
        format!("rate_per_day {}", estimate(&fitted.rate_per_day)),
    ];
    lines.push(match &fitted.dispersion {
        Some(k) => format!(
            "dispersion (negative binomial k) {}; likelihood ratio against a Poisson rate {} (above 2.71 rejects it at 5%)",
            estimate(k),
            significant(fitted.likelihood_ratio)
        ),
        None => "no over-dispersion (variance at most the mean): a steady Poisson rate".to_owned(),
    });
    lines
}

fn estimate(e: &Estimate) -> String {
    format!(
        "{} (95% interval {} to {})",
        significant(e.value),
        significant(e.low),
        significant(e.high)
    )
}

/// Four significant digits, for reading.
fn significant(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return format!("{x}");
    }
    let decimals = (3 - x.abs().log10().floor() as i32).max(0) as usize;
    format!("{x:.decimals$}")
}

fn calibrated_path(config: &Path) -> PathBuf {
    let stem = config.file_stem().map_or_else(
        || "simulation".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    config.with_file_name(format!("{stem}-calibrated.toml"))
}
