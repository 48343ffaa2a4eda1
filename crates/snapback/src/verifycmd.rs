//! `snapback verify`: the four checks of `snapback_ledger::verify` over a data directory's log,
//! a PostgreSQL database or an export.

use std::path::PathBuf;

use clap::Args;
use serde_json::json;
use snapback_charter::CharterHistory;
use snapback_ledger::cosign::{Quorum, cosigned_by, ever_listed};
use snapback_ledger::{LogUnderTest, proofs, verify};
use snapback_log::keys::VerifierKey;
use snapback_log::merkle::{MemoryTree, root};
use snapback_log::note::open_checkpoint;

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
    /// Also require the charter's witness quorum (`[log] quorum` of its `[[log.witness]]`): the
    /// log's witnessed checkpoint (an export's checkpoint) must carry enough valid cosignatures
    /// and be a prefix of the verified log.
    #[arg(long)]
    pub quorum: bool,
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
    let witnessed: Option<String>;
    let (entries, checkpoint, leaves) = if let Some(export) = &args.export {
        let (lines, note) = read_export(export, args.checkpoint.as_deref())?;
        witnessed = Some(note.clone());
        (lines, Some(note), None)
    } else {
        let location = Location {
            data: args.data.clone().unwrap_or_else(|| PathBuf::from(".")),
            database_url: args.database_url.clone(),
        };
        let store = location.open_store(false)?;
        let stored = proofs::read_log(&*store).map_err(anyhow::Error::from)?;
        registered = snapback_ledger::cosign::registered(&*store).map_err(anyhow::Error::from)?;
        witnessed = snapback_ledger::cosign::witnessed(&*store).map_err(anyhow::Error::from)?;
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
            let accepted = ever_listed(&history, registered);
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
    let mut quorum_line = None;
    let verified = match verified {
        Ok(report) if args.quorum => {
            match check_quorum(&history, &entries, witnessed.as_deref(), log_key.as_ref()) {
                Ok(line) => {
                    quorum_line = Some(line);
                    Ok(report)
                }
                Err(e) => Err((None, e)),
            }
        }
        other => other,
    };
    match verified {
        Ok(report) => {
            if args.json {
                write_json(&json!({
                    "ok": true, "entries": report.entries, "inputs": report.inputs, "derived": report.derived,
                    "checkpoint_size": report.checkpoint_size, "root": b64(&report.root),
                    "claims": report.claims, "activations": report.activations,
                    "quorum": quorum_line
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
                if let Some(line) = &quorum_line {
                    println!("{line}");
                }
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

/// `--quorum`: the witnessed checkpoint meets the charter's quorum and is a prefix of the log
/// just verified (signed by the log key, its root the root of the first `size` entries).
/// Returns the line to print, or why the quorum is not met.
fn check_quorum(
    history: &CharterHistory,
    entries: &[Vec<u8>],
    witnessed: Option<&str>,
    log_key: Option<&VerifierKey>,
) -> Result<String, String> {
    let quorum = Quorum::of(history, jiff::Timestamp::now()).ok_or_else(|| {
        "the charter sets no witness quorum ([log] quorum = K with its [[log.witness]]); use --witnesses K".to_owned()
    })?;
    let n = quorum.witnesses.len();
    let note = witnessed.ok_or_else(|| {
        format!(
            "no checkpoint has been witnessed yet: none carries cosignatures from {} of the charter's {n} witnesses",
            quorum.k
        )
    })?;
    let key = match log_key {
        Some(k) => k.clone(),
        None => history
            .versions()
            .iter()
            .rev()
            .find_map(|c| c.log.as_ref())
            .and_then(|l| VerifierKey::parse(&l.key).ok())
            .ok_or_else(|| "the charter has no [log] key; give --log-key".to_owned())?,
    };
    let (cp, _) = open_checkpoint(note, &key)
        .map_err(|e| format!("the witnessed checkpoint does not verify: {e}"))?;
    let size = usize::try_from(cp.size).unwrap_or(usize::MAX);
    if size > entries.len() {
        return Err(format!(
            "the witnessed checkpoint covers {} entries but the log has {}: entries were removed",
            cp.size,
            entries.len()
        ));
    }
    let mut tree = MemoryTree::new();
    for data in &entries[..size] {
        tree.push(snapback_log::merkle::leaf_hash(data));
    }
    let prefix = root(&tree, cp.size).map_err(|e| format!("the tree at size {}: {e}", cp.size))?;
    if prefix != cp.root {
        return Err(format!(
            "the witnessed checkpoint of size {} has another root than this log's first {} entries: the witnesses saw another history",
            cp.size, cp.size
        ));
    }
    let (names, met) = quorum.check(note);
    if !met {
        return Err(format!(
            "the witnessed checkpoint of size {} carries valid cosignatures from {} of the charter's {n} witnesses ({}), not the quorum of {}",
            cp.size,
            names.len(),
            if names.is_empty() {
                "none".to_owned()
            } else {
                names.join(", ")
            },
            quorum.k
        ));
    }
    Ok(format!(
        "witnessed: the checkpoint of size {} is cosigned by {} ({} of {n}; quorum {}){}",
        cp.size,
        names.join(", "),
        names.len(),
        quorum.k,
        if size == entries.len() {
            String::new()
        } else {
            format!(
                "; the {} entries after it await their witnesses",
                entries.len() - size
            )
        }
    ))
}
