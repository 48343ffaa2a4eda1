//! `snapback monitor`: monitoring series and the alerts the charter's rules raise over them.

use std::io::Write;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use crate::failure::Failure;
use crate::fundcmd::{StateSource, replay_source, write_json_to_stdout};
use crate::render::alerts_text;

#[derive(Subcommand, Debug)]
pub enum MonitorCommand {
    /// The alerts the charter's `[[alert]]` rules raised over the monitors' reports of a
    /// scenario or a data directory: rule, area, window, count, and why, citing the article.
    Alerts(AlertsArgs),
}

#[derive(Args, Debug)]
pub struct AlertsArgs {
    #[command(flatten)]
    source: StateSource,
    /// Print JSON: the replay report's `alerts` list.
    #[arg(long)]
    json: bool,
}

pub fn run(command: &MonitorCommand) -> Result<ExitCode, Failure> {
    match command {
        MonitorCommand::Alerts(args) => alerts(args),
    }
}

fn alerts(args: &AlertsArgs) -> Result<ExitCode, Failure> {
    let (origin, state) = replay_source(&args.source)?;
    if args.json {
        write_json_to_stdout(&state.alerts)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = std::io::stdout().lock();
    if state.alerts.is_empty() {
        let rules = state
            .history()
            .versions()
            .iter()
            .map(|c| c.alerts.len())
            .sum::<usize>();
        writeln!(
            out,
            "{origin}: no alert{}",
            if rules == 0 {
                " (the charter has no [[alert]] rules; see docs/monitoring.md)"
            } else {
                ": no window met a rule's condition"
            }
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    write!(
        out,
        "{} alert{} in {origin}\n{}",
        state.alerts.len(),
        if state.alerts.len() == 1 { "" } else { "s" },
        alerts_text(&state.alerts)
    )?;
    Ok(ExitCode::SUCCESS)
}
