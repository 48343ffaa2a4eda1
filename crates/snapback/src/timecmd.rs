//! `snapback time confirm`: an operator vouches for the clock after a forward step.

use std::process::ExitCode;

use clap::Subcommand;
use snapback_server::timekeeping::{CONFIRM_KEY, confirm};

use crate::failure::Failure;
use crate::logcmd::LogLocation;

#[derive(Subcommand, Debug)]
pub enum TimeCommand {
    /// Confirm that this machine's clock is right. A server that saw its wall clock step forward
    /// beyond `--clock-step-max` holds writes and deadlines (`503 clock_unconfirmed`); it resumes
    /// within a second of this confirmation if its own clock agrees with this one within that
    /// bound. Check the time against a source you trust first (e.g. `chronyc tracking`).
    Confirm {
        #[command(flatten)]
        at: LogLocation,
    },
}

pub fn time(command: TimeCommand) -> Result<ExitCode, Failure> {
    let TimeCommand::Confirm { at } = command;
    let location = at.location();
    // Only an existing log (opening it as a reader checks): never create one here.
    drop(location.open_store(false)?);
    let mut store = location.open_store(true)?;
    let now = jiff::Timestamp::now();
    confirm(&mut *store, now).map_err(anyhow::Error::from)?;
    println!("{now}");
    eprintln!(
        "confirmed this machine's clock ({now}) as right (log metadata `{CONFIRM_KEY}`); a server holding writes and deadlines for a forward step of its clock resumes within a second if its clock agrees"
    );
    Ok(ExitCode::SUCCESS)
}
