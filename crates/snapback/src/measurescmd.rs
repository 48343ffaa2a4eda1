//! `snapback measures`: the register of measures of a scenario or a data directory, as of an
//! instant, as text or as the replay report's `measures` JSON.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;
use jiff::Timestamp;
use snapback_engine::measures::explain_measure;

use crate::failure::Failure;
use crate::fundcmd::{StateSource, replay_source, write_json_to_stdout};
use crate::render::wrap;

/// The arguments; `--at` and `--json` are declared as `capabilities readiness` declares them,
/// each with the help text its command needs.
#[derive(Args, Debug)]
pub struct MeasuresArgs {
    #[command(flatten)]
    source: StateSource,
    /// The register as of this instant (RFC 3339): a scenario is replayed up to it (deadlines
    /// and expiries up to it fire); a data directory's log is read up to it.
    #[arg(long, value_parser = crate::input::instant_arg)]
    at: Option<Timestamp>,
    /// Print JSON: the replay report's `measures` list.
    #[arg(long)]
    json: bool,
}

pub fn run(args: &MeasuresArgs) -> Result<ExitCode, Failure> {
    let (origin, state) = match (&args.source.scenario, args.at) {
        (Some(path), Some(at)) => {
            let loaded = crate::input::load_scenario(path)?;
            (
                loaded.origin.clone(),
                crate::input::replay_loaded(&loaded, Some(at)),
            )
        }
        _ => replay_source(&args.source)?,
    };
    let at = match (args.at, state.as_of) {
        (Some(at), Some(latest)) if at > latest && args.source.data.is_some() => {
            return Err(Failure::Usage(format!(
                "--at {at} is after {origin}'s latest instant {latest}: the register can be read up to it only (a server keeps it current)"
            )));
        }
        (Some(at), _) => Some(at),
        (None, as_of) => as_of,
    };
    let measures = state.measures.as_of(at);
    if args.json {
        write_json_to_stdout(&measures)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = std::io::stdout().lock();
    if measures.is_empty() {
        writeln!(
            out,
            "{origin}: the charter's register of measures is empty{} (add [[measure]] tables; see docs/measures.md)",
            at.map(|t| format!(" as of {t}")).unwrap_or_default()
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "Measures of {origin}{}",
        at.map(|t| format!(", as of {t}")).unwrap_or_default()
    )?;
    for m in &measures {
        writeln!(out)?;
        write!(out, "{}", wrap(&explain_measure(m), "  "))?;
    }
    Ok(ExitCode::SUCCESS)
}
