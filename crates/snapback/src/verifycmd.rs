//! `snapback verify`: the four checks of `snapback_ledger::verify` over a data directory's log,
//! a PostgreSQL database or an export.

use std::path::PathBuf;

use clap::Args;
use serde_json::json;
use snapback_charter::CharterHistory;
use snapback_ledger::cosign::Witness;
use snapback_ledger::{LogUnderTest, proofs, verify};
use snapback_log::keys::VerifierKey;
use snapback_log::note::{Checkpoint, parse_note, verify_cosignature};

use crate::datadir::Location;
use crate::failure::Failure;
use crate::input::load_history;
use crate::logcmd::{b64, read_export, write_json};

/// Where `snapback verify` reads the log.
#[derive(Args, Debug)]
pub struct VerifyArgs {
    /// The data directory (its charter, and its SQLite log unless --database-url or --export).
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// A PostgreSQL database holding the log.
    #[arg(long)]
    pub database_url: Option<String>,
    /// An export made by `snapback log export` (its checkpoint is read from FILE.checkpoint).
    #[arg(long)]
    pub export: Option<PathBuf>,
    /// The checkpoint of an export, if not at FILE.checkpoint.
    #[arg(long)]
    pub checkpoint: Option<PathBuf>,
    /// The charter (one file per version), if not the data directory's.
    #[arg(long)]
    pub charter: Vec<PathBuf>,
    /// The log's verifier key, if the charter has no [log] key.
    #[arg(long)]
    pub log_key: Option<String>,
    /// Also require the checkpoint to carry valid cosignatures from at least this many of the
    /// witnesses the log accepts (the charter's `[[log.witness]]` and those registered with
    /// `witness add`): a k-of-n quorum, so that no single operator can show a forked log.
    #[arg(long, value_name = "K")]
    pub witnesses: Option<usize>,
    #[arg(long)]
    pub json: bool,
}

/// `snapback verify`.
pub fn run_verify(args: &VerifyArgs) -> Result<std::process::ExitCode, Failure> {
    let history: CharterHistory = if !args.charter.is_empty() {
        load_history(&args.charter)?
    } else if let Some(data) = &args.data {
        Location {
            data: data.clone(),
            database_url: None,
        }
        .history()?
    } else {
        return Err(Failure::Usage(
            "name the charter with --charter FILE or the data directory with --data DIR".to_owned(),
        ));
    };
    let log_key = args
        .log_key
        .as_deref()
        .map(VerifierKey::parse)
        .transpose()
        .map_err(|e| Failure::Usage(format!("--log-key: {e}")))?;
    let mut registered = Vec::new();
    let (entries, checkpoint, leaves) = if let Some(export) = &args.export {
        let (lines, note) = read_export(export, args.checkpoint.as_deref())?;
        (lines, Some(note), None)
    } else {
        let location = Location {
            data: args.data.clone().unwrap_or_else(|| PathBuf::from(".")),
            database_url: args.database_url.clone(),
        };
        let store = location.open_store(false)?;
        let stored = proofs::read_log(&*store).map_err(anyhow::Error::from)?;
        registered = snapback_ledger::cosign::registered(&*store).map_err(anyhow::Error::from)?;
        (stored.entries, stored.checkpoint, Some(stored.leaves))
    };
    let log = LogUnderTest {
        entries: &entries,
        stored_leaves: leaves.as_deref(),
        checkpoint: checkpoint.as_deref(),
        log_key: log_key.as_ref(),
    };
    let verified = verify(&history, &log).map_err(|f| (f.index(), f.to_string()));
    let verified = match (verified, args.witnesses) {
        (Ok(report), Some(k)) => {
            let accepted = witnesses_of(&history, registered);
            let note = checkpoint.as_deref().unwrap_or_default();
            let cosigned = cosigned_by(note, &accepted);
            if cosigned.len() >= k {
                Ok(report)
            } else {
                Err((
                    None,
                    format!(
                        "the checkpoint of size {} carries valid cosignatures from {} of the {} witnesses the log accepts ({}), not the {k} required",
                        report.checkpoint_size,
                        cosigned.len(),
                        accepted.len(),
                        if cosigned.is_empty() {
                            "none".to_owned()
                        } else {
                            cosigned.join(", ")
                        }
                    ),
                ))
            }
        }
        (other, _) => other,
    };
    match verified {
        Ok(report) => {
            if args.json {
                write_json(&json!({
                    "ok": true, "entries": report.entries, "inputs": report.inputs, "derived": report.derived,
                    "checkpoint_size": report.checkpoint_size, "root": b64(&report.root),
                    "claims": report.claims, "activations": report.activations
                }))?;
            } else {
                println!(
                    "OK: {} entries ({} inputs, {} derived) verified: every signature, the root {} against the signed checkpoint of size {}, and every derived entry replayed exactly ({} claims, {} activations)",
                    report.entries,
                    report.inputs,
                    report.derived,
                    b64(&report.root),
                    report.checkpoint_size,
                    report.claims,
                    report.activations
                );
            }
            Ok(std::process::ExitCode::SUCCESS)
        }
        Err((index, failure)) => {
            if args.json {
                write_json(&json!({ "ok": false, "index": index, "error": failure }))?;
            } else {
                eprintln!("FAILED: {failure}");
            }
            Ok(std::process::ExitCode::from(1))
        }
    }
}

/// The witnesses whose cosignatures count: every version's `[[log.witness]]` and the registered.
fn witnesses_of(history: &CharterHistory, registered: Vec<Witness>) -> Vec<Witness> {
    let mut out: Vec<Witness> = Vec::new();
    let named = history
        .versions()
        .iter()
        .filter_map(|c| c.log.as_ref())
        .flat_map(|l| l.witnesses.iter())
        .map(|w| Witness {
            name: w.name.clone(),
            key: w.key.clone(),
            url: w.url.clone(),
            source: "charter".to_owned(),
        });
    for w in named.chain(registered) {
        if !out.iter().any(|o| o.name == w.name && o.key == w.key) {
            out.push(w);
        }
    }
    out
}

/// The names of the `witnesses` whose cosignature on the checkpoint `note` verifies, each once.
fn cosigned_by(note: &str, witnesses: &[Witness]) -> Vec<String> {
    let Ok(parsed) = parse_note(note) else {
        return Vec::new();
    };
    let Ok(cp) = Checkpoint::parse(&parsed.text) else {
        return Vec::new();
    };
    let mut names: Vec<String> = Vec::new();
    for w in witnesses {
        let Ok(key) = VerifierKey::parse(&w.key) else {
            continue;
        };
        let valid = parsed
            .signatures
            .iter()
            .any(|sig| verify_cosignature(&cp, sig, &key).is_ok());
        if valid && !names.contains(&w.name) {
            names.push(w.name.clone());
        }
    }
    names
}
