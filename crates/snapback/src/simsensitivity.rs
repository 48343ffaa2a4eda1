//! `snapback simulate sensitivity CONFIG`: the global sensitivity study the config's
//! `[sensitivity]` table describes (see `snapback_sim::sensitivity`); writes `sensitivity.json`
//! and `sensitivity.svg` and prints, per result, the parameters that drive it most.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use snapback_sim::number::fixed;
use snapback_sim::parse_config;
use snapback_sim::sensitivity::chart::sensitivity_chart;
use snapback_sim::sensitivity::study::{Method, Study, run_study};

use crate::failure::Failure;
use crate::input::read_source;

#[derive(Args, Debug)]
pub struct SensitivityArgs {
    /// The simulation config, with a [sensitivity] table (see sims/sensitivity.toml).
    pub config: PathBuf,
    /// Where to write sensitivity.json and sensitivity.svg (default: the config's name with
    /// `-sensitivity`, next to it).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Threads (default: every core). The results do not depend on it.
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
}

pub fn sensitivity(args: &SensitivityArgs) -> Result<ExitCode, Failure> {
    let source = read_source(&args.config)?;
    let config = parse_config(&source)?;
    let dir = args
        .config
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let (base, record) = crate::simcmd::read_inputs(&args.config, &config)?;
    let started = Instant::now();
    let study = run_study(&config, &base, record.as_ref(), args.threads)
        .map_err(|e| Failure::Usage(format!("{}: {e}", source.origin)))?;
    let seconds = started.elapsed().as_secs_f64();
    let out_dir = args.out.clone().unwrap_or_else(|| {
        let stem = args.config.file_stem().map_or_else(
            || "simulation".to_owned(),
            |s| s.to_string_lossy().into_owned(),
        );
        dir.join(format!("{stem}-sensitivity"))
    });
    std::fs::create_dir_all(&out_dir).with_context(|| format!("creating {}", out_dir.display()))?;
    let json = out_dir.join("sensitivity.json");
    let mut text = serde_json::to_string_pretty(&study).context("writing the study as JSON")?;
    text.push('\n');
    std::fs::write(&json, text).with_context(|| format!("writing {}", json.display()))?;
    let svg = out_dir.join("sensitivity.svg");
    std::fs::write(&svg, sensitivity_chart(&study))
        .with_context(|| format!("writing {}", svg.display()))?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{} study of variant `{}`: {} parameters, {} points × {} runs in {seconds:.1} s",
        match study.method {
            Method::Sobol => "Sobol",
            Method::Morris => "Morris",
        },
        study.variant,
        study.parameters.len(),
        study.points,
        study.runs_per_point
    )?;
    for line in ranking(&study) {
        writeln!(out, "{line}")?;
    }
    writeln!(out, "wrote {}, {}", json.display(), svg.display())?;
    Ok(ExitCode::SUCCESS)
}

/// Per metric, the parameters from the most to the least influential.
fn ranking(study: &Study) -> Vec<String> {
    study
        .metrics
        .iter()
        .map(|m| {
            let mut scored: Vec<(f64, String)> = study
                .parameters
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let sobol = m.sobol.as_ref().and_then(|s| s.get(i));
                    let morris = m.morris.as_ref().and_then(|e| e.get(i));
                    match (sobol, morris) {
                        (Some(s), _) => (
                            s.total,
                            format!(
                                "{} (total {} [{}, {}], first {} [{}, {}])",
                                p.key,
                                fixed(s.total, 2),
                                fixed(s.total_low, 2),
                                fixed(s.total_high, 2),
                                fixed(s.first, 2),
                                fixed(s.first_low, 2),
                                fixed(s.first_high, 2)
                            ),
                        ),
                        (None, Some(e)) => (
                            e.mu_star,
                            format!(
                                "{} (μ* {}, σ {})",
                                p.key,
                                fixed(e.mu_star, 3),
                                fixed(e.sigma, 3)
                            ),
                        ),
                        (None, None) => (0.0, p.key.clone()),
                    }
                })
                .collect();
            scored.sort_by(|a, b| b.0.total_cmp(&a.0));
            let list: Vec<String> = scored.into_iter().map(|(_, s)| s).collect();
            format!("  {}: {}", m.label, list.join("; "))
        })
        .collect()
}
