//! The tests that need a real component beside the binary: a PostgreSQL server (the crash test
//! on PostgreSQL), a browser (the dashboard in headless Chromium), a Dask cluster (a sweep in
//! shards), or pandas (the simulator's Parquet files).
//!
//! This binary has its own harness (libtest-mimic) so that a test whose component is missing is
//! counted as *ignored*, with the reason printed, never as passed. In CI (`CI=true`) nothing is
//! ignored: a missing component fails its test. It is also the crash test's child process: run
//! with `SNAPBACK_CRASH_CHILD` set, it appends to a ledger until it is killed.

// Helpers outside `#[test]` functions are test code too (clippy.toml allows these in tests).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod browser;
mod cluster;
mod crash;
mod dask;
mod iati;
mod netns;
mod pandas;

#[path = "../support/mod.rs"]
mod support;

use std::process::ExitCode;
use std::time::Duration;

use libtest_mimic::{Arguments, Trial};

/// In CI a missing component is a failure, so its test runs (and fails saying why).
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// A trial that runs `body` when `component` is available, else is reported as ignored.
fn needs<T: Send + 'static>(
    name: &str,
    component: Result<T, String>,
    body: impl FnOnce(T) + Send + 'static,
) -> Trial {
    match component {
        Ok(value) => Trial::test(name, move || {
            body(value);
            Ok(())
        }),
        Err(why) if in_ci() => Trial::test(name, move || {
            Err(format!("CI must run this test: {why}").into())
        }),
        Err(why) => {
            eprintln!("not run (reported as ignored): {name}, because {why}");
            Trial::test(name, || Ok(())).with_ignored_flag(true)
        }
    }
}

/// `python3`, if it can import `modules` (a Python import list); else why not, with how to
/// install them.
fn python_importing(modules: &str, install: &str) -> Result<String, String> {
    let python = "python3".to_owned();
    let probe = std::process::Command::new(&python)
        .args(["-c", &format!("import {modules}")])
        .output()
        .map_err(|e| format!("python3 cannot run: {e}"))?;
    if probe.status.success() {
        Ok(python)
    } else {
        Err(format!("python3 cannot import {modules} ({install})"))
    }
}

/// PostgreSQL's admin URL, where network namespaces can be made too (the partition tests).
fn postgres_and_namespaces() -> Result<String, String> {
    let admin = snapback_store::suite::postgres_server()?;
    netns::available()?;
    Ok(admin)
}

fn main() -> ExitCode {
    if let Some((dir, db)) = crash::child_location() {
        crash::child(dir, db);
        return ExitCode::SUCCESS;
    }
    let args = Arguments::from_args();
    let browser = browser::tools();
    let trials = vec![
        Trial::test("crash::sqlite_log_survives_sigkill", || {
            crash::sqlite_log_survives_sigkill();
            Ok(())
        }),
        needs(
            "crash::postgres_log_survives_sigkill",
            snapback_store::suite::postgres_server(),
            |admin| crash::postgres_log_survives_sigkill(&admin),
        ),
        needs(
            "cluster::a_follower_takes_over_from_a_killed_leader_and_activates_at_the_deadline",
            snapback_store::suite::postgres_server().and_then(|admin| {
                let replica = snapback_store::suite::postgres_replica()?;
                Ok((admin, replica))
            }),
            |(admin, replica)| {
                let db = snapback_store::suite::TempDatabase::create(&admin);
                // The database exists on the standby once it has replayed its creation.
                snapback_store::suite::wait_replayed(&admin, &replica, Duration::from_secs(30))
                    .expect("the standby replays the primary");
                let on_replica = db.url_on(&replica).expect("the database on the standby");
                cluster::leader_killed_before_a_deadline(&db.url, Some(&on_replica));
            },
        ),
        needs(
            "cluster::an_old_leader_cut_off_from_its_database_cannot_append",
            postgres_and_namespaces(),
            |admin| {
                let db = snapback_store::suite::TempDatabase::create(&admin);
                cluster::old_leader_cut_off_cannot_append(&db);
            },
        ),
        needs(
            "cluster::a_leader_whose_database_connections_drop_reconnects_and_keeps_leading",
            postgres_and_namespaces(),
            |admin| {
                let db = snapback_store::suite::TempDatabase::create(&admin);
                cluster::leader_reconnects_when_the_database_drops_it(&db);
            },
        ),
        needs(
            "browser::no_page_clips_or_overflows_at_1400_or_390_pixels",
            browser.clone(),
            |(chromium, chromedriver)| {
                browser::no_page_clips_or_overflows_at_1400_or_390_pixels(chromium, chromedriver)
            },
        ),
        needs(
            "browser::the_dashboard_shows_a_claim_being_filed_voted_and_activated_live",
            browser,
            |(chromium, chromedriver)| {
                browser::the_dashboard_shows_a_claim_being_filed_voted_and_activated_live(
                    chromium,
                    chromedriver,
                )
            },
        ),
        needs(
            "dask::a_sweep_on_a_local_dask_cluster_merges_to_the_one_machine_bytes",
            python_importing("dask.distributed", "pip install \"dask[distributed]\""),
            dask::a_sweep_on_a_local_dask_cluster_merges_to_the_one_machine_bytes,
        ),
        needs(
            "iati::the_fund_export_validates_against_the_iati_schema",
            iati::tools(),
            iati::the_fund_export_validates_against_the_iati_schema,
        ),
        needs(
            "pandas::pandas_reads_the_parquet_outputs",
            python_importing("pandas, pyarrow", "pip install pandas pyarrow"),
            pandas::pandas_reads_the_parquet_outputs,
        ),
        needs(
            "netns::a_cut_link_stops_a_connection_and_healing_restores_it",
            netns::available(),
            |()| netns::a_cut_link_stops_a_connection_and_healing_restores_it(),
        ),
    ];
    libtest_mimic::run(&args, trials).exit_code()
}
