//! `snapback bench monitor-import`: the Air Force's daily launches (3,585 rows of the public
//! "Massive Missile Attacks on Ukraine" CSV, not shipped: pass its path) read, signed by the
//! monitor and appended durably to a fresh SQLite log through the ledger, as `snapback monitor
//! import --data` does, next to the peer: parsing the same CSV with the `csv` crate alone, in
//! the same run.

use std::path::PathBuf;
use std::time::Instant as StdInstant;

use clap::Args;
use jiff::Timestamp;
use snapback_charter::{CharterHistory, Source, Zone, load_toml};
use snapback_interop::monitor_csv::read_reports;
use snapback_ledger::convert::input_event;
use snapback_ledger::{Outcome, Submission};
use snapback_log::entry::{EntryBody, EntryKind, random_nonce};
use snapback_log::keys::{Alg, SignerKey};
use snapback_store::SqliteStore;

use crate::error::Context;
use crate::log::{keys, median};

/// The goal from the issue, in seconds.
const GOAL_S: f64 = 2.0;

#[derive(Args, Debug)]
pub struct MonitorImportArgs {
    /// The Air Force's daily launches (`missile_attacks_daily.csv` of the public dataset).
    #[arg(long, default_value = "../shared/data/missile_attacks_daily.csv")]
    file: PathBuf,
    /// Runs; the median is reported.
    #[arg(long, default_value_t = 5)]
    runs: usize,
}

/// The precedent's charter (`scenarios/precedents/charters/air-attacks.toml`: the Air Force as
/// the monitor, the missile-salvo rule) with the benchmark's keys for the monitor and the
/// secretariat, and a `[log]`.
fn charter(monitor: &SignerKey) -> crate::error::Result<CharterHistory> {
    const PRECEDENT: &str = include_str!("../../../scenarios/precedents/charters/air-attacks.toml");
    let keys = keys()?;
    let mut text = PRECEDENT.to_owned();
    for (id, key) in [("UAF", monitor), ("SEC", &keys.sec)] {
        let party = format!("[[party]]\nid = \"{id}\"\n");
        if !text.contains(&party) {
            crate::bail!("the air-attacks charter has no party {id}");
        }
        text = text.replacen(
            &party,
            &format!("{party}keys = [\"{}\"]\n", key.verifier()),
            1,
        );
    }
    text.push_str(&format!(
        "\n[log]\norigin = \"bench.snapback\"\nkey = \"{}\"\n",
        keys.log.verifier()
    ));
    let c = load_toml(&Source::new("air-attacks.toml", text)).map_err(|d| crate::failed!("{d}"))?;
    Ok(CharterHistory::single(c))
}

/// One import: read, sign, append durably; returns the entries appended.
fn import(
    text: &str,
    monitor: &SignerKey,
    history: &CharterHistory,
    dir: &std::path::Path,
) -> crate::error::Result<usize> {
    let keys = keys()?;
    let store = SqliteStore::open(&dir.join("log.sqlite"))?;
    let mut ledger = keys.ledger(store, history.clone())?;
    let zone = Zone::named("Europe/Kyiv").map_err(|e| crate::failed!("{e}"))?;
    let imported = read_reports(&Source::new("missile_attacks_daily.csv", text), &zone, true)
        .map_err(|d| crate::failed!("{d}"))?;
    let now = ledger.next_time(Timestamp::now());
    let party = snapback_charter::PartyId::new("UAF").map_err(|e| crate::failed!("{e}"))?;
    let mut submissions = Vec::with_capacity(imported.reports.len());
    for r in &imported.reports {
        let event = r.event(now, &party);
        let body = EntryBody::new(
            EntryKind::Input,
            monitor,
            random_nonce()?,
            input_event(&event)?,
        )?;
        submissions.push((Submission::sign(body, monitor)?, now));
    }
    let mut appended = 0;
    for chunk in submissions.chunks(2_048) {
        for outcome in ledger.submit(chunk)? {
            if let Outcome::Appended { .. } = outcome {
                appended += 1;
            }
        }
    }
    if appended != imported.reports.len() {
        crate::bail!("appended {appended} of {} reports", imported.reports.len());
    }
    Ok(appended)
}

pub(crate) fn bench_monitor_import(args: &MonitorImportArgs) -> crate::error::Result<()> {
    let text = std::fs::read_to_string(&args.file).with_context(|| {
        format!(
            "reading {} (the public dataset's missile_attacks_daily.csv; pass its path with --file)",
            args.file.display()
        )
    })?;
    let monitor = SignerKey::from_seed("UAF", Alg::Ed25519, &[7; 32])?;
    let history = charter(&monitor)?;
    let root = std::env::temp_dir().join(format!("snapback-bench-monitor-{}", std::process::id()));
    let (mut import_s, mut peer_s) = (Vec::new(), Vec::new());
    let mut rows = 0;
    let mut appended = 0;
    for run in 0..args.runs.max(1) {
        let dir = root.join(format!("run-{run}"));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        let start = StdInstant::now();
        appended = import(&text, &monitor, &history, &dir)?;
        import_s.push(start.elapsed().as_secs_f64());
        let start = StdInstant::now();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        rows = reader.records().filter(Result::is_ok).count();
        peer_s.push(start.elapsed().as_secs_f64());
    }
    let _ = std::fs::remove_dir_all(&root);
    let (import_s, peer_s) = (median(import_s), median(peer_s));
    println!(
        "snapback bench monitor-import: {} ({rows} rows), {} runs",
        args.file.display(),
        args.runs.max(1)
    );
    println!(
        "  median import {:.3} s ({appended} reports signed and appended durably to a fresh SQLite log)",
        import_s
    );
    println!(
        "  median peer   {:.4} s (the csv crate alone parsing the same file)   import/peer {:.0}",
        peer_s,
        import_s / peer_s.max(1e-9)
    );
    println!(
        "  goal < {GOAL_S:.0} s: {}",
        if import_s < GOAL_S { "met" } else { "NOT met" }
    );
    Ok(())
}
