//! `Failure`: how a command failed, and the exit code and message each kind of failure gives.
//! Its own module so command modules need not import `main.rs`.

use std::io::IsTerminal;
use std::process::ExitCode;

use snapback_charter::Diagnostics;

/// How a command failed.
pub enum Failure {
    /// Bad input: exit 2.
    Input(Diagnostics),
    /// Bad input described in words: exit 2.
    Usage(String),
    /// Something else went wrong: exit 1.
    Other(anyhow::Error),
}

impl From<Diagnostics> for Failure {
    fn from(d: Diagnostics) -> Self {
        Failure::Input(d)
    }
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Other(e)
    }
}

impl From<snapback_ledger::LedgerError> for Failure {
    fn from(e: snapback_ledger::LedgerError) -> Self {
        Failure::Other(e.into())
    }
}

impl From<snapback_charter::SourceError> for Failure {
    fn from(e: snapback_charter::SourceError) -> Self {
        Failure::Input(Diagnostics::one(e))
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::Other(e.into())
    }
}

impl Failure {
    /// Reports the failure on stderr and returns its exit code: 2 for bad input, 1 otherwise.
    pub fn report(self) -> ExitCode {
        match self {
            Failure::Input(d) => {
                report_diagnostics(&d);
                ExitCode::from(2)
            }
            Failure::Usage(message) => {
                eprintln!("error: {message}");
                ExitCode::from(2)
            }
            Failure::Other(e) => {
                // A closed pipe (`snapback ... | head`) is not an error worth reporting.
                if e.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
                {
                    return ExitCode::SUCCESS;
                }
                eprintln!("error: {e:#}");
                ExitCode::from(1)
            }
        }
    }
}

/// Prints diagnostics: underlined source on a terminal, `file:line:col: message` otherwise.
fn report_diagnostics(d: &Diagnostics) {
    let fancy = std::io::stderr().is_terminal();
    for e in &d.errors {
        if fancy && e.line > 0 {
            eprintln!("{:?}", miette::Report::new(e.clone()));
        } else {
            eprintln!("error: {e}");
        }
    }
}
