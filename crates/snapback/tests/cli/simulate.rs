//! `snapback simulate`: the outputs of a small sweep, their independence from the thread count,
//! `--replay-run` as a scenario that `snapback replay` reproduces, and located config errors.

use crate::log::fresh_dir;
use crate::{path_arg as p, root, snapback, stderr, stdout, temp_file};

fn sweep(dir: &std::path::Path, threads: &str) -> std::process::Output {
    snapback(&[
        "simulate",
        "sims/salami.toml",
        "--runs",
        "12",
        "--threads",
        threads,
        "--out",
        p(dir),
    ])
}

#[test]
fn a_sweep_writes_its_outputs_and_does_not_depend_on_the_thread_count() {
    let one = fresh_dir("sim-one-thread");
    let two = fresh_dir("sim-two-threads");
    let a = sweep(&one, "1");
    assert!(a.status.success(), "{}", stderr(&a));
    let b = sweep(&two, "2");
    assert!(b.status.success(), "{}", stderr(&b));
    for file in [
        "runs.csv",
        "summary.json",
        "response_probability.svg",
        "time_to_activation.svg",
        "gain_fan.svg",
    ] {
        let x = std::fs::read(one.join(file)).expect(file);
        let y = std::fs::read(two.join(file)).expect(file);
        assert_eq!(x, y, "{file} differs between 1 and 2 threads");
    }
    let csv = std::fs::read_to_string(one.join("runs.csv")).expect("csv");
    // A header and 4 variants × 12 runs.
    assert_eq!(csv.lines().count(), 1 + 48);
    assert!(csv.starts_with("variant,run,seed,body,rule,burden,decide_within"));
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(one.join("manifest.json")).expect("m"))
            .expect("json");
    assert_eq!(manifest["master_seed"], 20261128);
    assert_eq!(manifest["runs_per_variant"], 12);
    assert_eq!(
        manifest["config_sha256"].as_str().map(str::len),
        Some(64),
        "{manifest}"
    );
    let text = stdout(&a);
    assert!(text.contains("standard-unanimity-48h"), "{text}");
    assert!(text.contains("P(response)"), "{text}");
}

#[test]
fn a_replayed_run_is_a_scenario_the_engine_reproduces() {
    let dir = fresh_dir("sim-replay-run");
    let out = snapback(&[
        "simulate",
        "sims/salami.toml",
        "--runs",
        "5",
        "--replay-run",
        "flipped-majority-48h:3",
        "--out",
        p(&dir),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let scenario = dir.join("flipped-majority-48h-3.toml");
    let replay = snapback(&["replay", p(&scenario), "--json"]);
    assert!(replay.status.success(), "{}", stderr(&replay));
    let report: serde_json::Value = serde_json::from_str(&stdout(&replay)).expect("json");
    // The run's own record, from a sweep of the same config.
    let sweep_dir = fresh_dir("sim-replay-sweep");
    let sweep = snapback(&[
        "simulate",
        "sims/salami.toml",
        "--runs",
        "5",
        "--out",
        p(&sweep_dir),
    ]);
    assert!(sweep.status.success(), "{}", stderr(&sweep));
    let csv = std::fs::read_to_string(sweep_dir.join("runs.csv")).expect("csv");
    let header: Vec<&str> = csv.lines().next().expect("header").split(',').collect();
    let row: Vec<&str> = csv
        .lines()
        .find(|l| l.starts_with("flipped-majority-48h,3,"))
        .expect("run 3")
        .split(',')
        .collect();
    let col = |name: &str| row[header.iter().position(|h| *h == name).expect(name)];
    let activations = report["activations"].as_array().expect("activations").len();
    assert_eq!(activations.to_string(), col("activations"));
    let claims = report["claims"].as_array().expect("claims").len();
    assert_eq!(claims.to_string(), col("claims"));
    // Without --out the events go to standard output.
    let printed = snapback(&[
        "simulate",
        "sims/salami.toml",
        "--runs",
        "5",
        "--replay-run",
        "flipped-majority-48h:3",
    ]);
    assert!(stdout(&printed).contains("type = \"claim.filed\""));
}

#[test]
fn a_replayed_run_over_a_capability_record_starts_from_that_record() {
    let dir = fresh_dir("sim-replay-record");
    let out = snapback(&[
        "simulate",
        "sims/readiness.toml",
        "--runs",
        "3",
        "--replay-run",
        "lag-14d-or-readiness:1",
        "--out",
        p(&dir),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let scenario = dir.join("lag-14d-or-readiness-1.toml");
    let text = std::fs::read_to_string(&scenario).expect("scenario");
    // The record's stock comes first, so the replay draws on what the run drew on.
    assert!(text.contains("type = \"stockpile.stocked\""), "{text}");
    let replay = snapback(&["replay", p(&scenario), "--json"]);
    assert!(replay.status.success(), "{}", stderr(&replay));
    let report: serde_json::Value = serde_json::from_str(&stdout(&replay)).expect("json");
    assert!(
        report["activations"]
            .as_array()
            .is_some_and(|a| !a.is_empty())
    );
    // A record the charter refuses is bad input, named, with exit code 2.
    let bad_record = temp_file(
        "sim-bad-record.toml",
        "charter = \"../charters/ukraine.toml\"\n\n[[event]]\nat = 2026-02-01T00:00:00Z\nparty = \"XX\"\n\
         type = \"stockpile.stocked\"\nlot = \"L1\"\nlocation = \"PL\"\nitem = \"155mm-shell\"\nquantity = 10\n",
    );
    let config = std::fs::read_to_string(root().join("sims/readiness.toml"))
        .expect("config")
        .replace(
            "../charters/ukraine.toml",
            &root().join("charters/ukraine.toml").display().to_string(),
        )
        .replace("../scenarios/demo.toml", p(&bad_record));
    let bad = temp_file("sim-bad-record-config.toml", &config);
    let out = snapback(&["simulate", p(&bad), "--runs", "2", "--out", p(&dir)]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("event 1 (`stockpile.stocked`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn bad_configs_and_arguments_are_named() {
    let bad = temp_file(
        "sim-bad.toml",
        "[simulation]\ncharter = \"../charters/ukraine.toml\"\nhorizon = \"36h\"\nruns = 10\nseed = 1\n\n\
         [adversary]\nstrategy = \"salami\"\nrate_per_day = -1.0\n\n[[variant]]\nname = \"a b\"\n",
    );
    let out = snapback(&["simulate", p(&bad)]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("sim-bad.toml:3:11: simulation.horizon"),
        "{err}"
    );
    assert!(err.contains("adversary.rate_per_day"), "{err}");
    assert!(err.contains("`a b` is not a variant name"), "{err}");
    let out = snapback(&["simulate", "sims/salami.toml", "--replay-run", "nope:1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no variant `nope`"),
        "{}",
        stderr(&out)
    );
}

/// A sweep where one run in forty has a false activation: the interval on its mean reaches just
/// below zero, which at one decimal was printed `[-0.0, 0.3]`. No output writes a negative zero.
#[test]
fn no_output_writes_a_negative_zero() {
    let charter = crate::root().join("charters/ukraine.toml");
    let config = temp_file(
        "sim-rare-false-activations.toml",
        &format!(
            "[simulation]\ncharter = {charter:?}\nhorizon = \"60d\"\nruns = 40\nseed = 3\n\n\
             [adversary]\nstrategy = \"salami\"\nrate_per_day = 0.2\nseverity = 1\n\n\
             [filing]\ndetection = 1.0\ndelay = \"6h\"\nfabricated_per_day = 0.002\nfabricated_severity = 2\n\n\
             [voting]\nunfounded_genuine = 0.2\nunfounded_fabricated = 0.7\nabstain = 0.05\n\
             no_vote = 0.2\ndelay_min = \"2h\"\ndelay_max = \"40h\"\npolitical_will_sd = 0.5\n\n\
             [[variant]]\nname = \"flipped-majority-48h\"\n",
            charter = p(&charter)
        ),
    );
    let dir = fresh_dir("sim-negative-zero");
    let out = snapback(&["simulate", p(&config), "--threads", "1", "--out", p(&dir)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    // The case this sweep was chosen for: a mean of 0.1 with a lower bound just below zero.
    assert!(text.contains("false activations 0.1 [0.0, 0.3]"), "{text}");
    let negative_zero = |s: &str| {
        s.split(|c: char| !(c.is_ascii_digit() || c == '-' || c == '.'))
            .any(|n| {
                n.starts_with("-0")
                    && n.trim_start_matches('-')
                        .bytes()
                        .all(|b| b == b'0' || b == b'.')
            })
    };
    assert!(!negative_zero(&text), "{text}");
    for file in [
        "runs.csv",
        "summary.json",
        "response_probability.svg",
        "time_to_activation.svg",
        "gain_fan.svg",
    ] {
        let written = std::fs::read_to_string(dir.join(file)).expect(file);
        assert!(!negative_zero(&written), "{file} writes a negative zero");
    }
}
