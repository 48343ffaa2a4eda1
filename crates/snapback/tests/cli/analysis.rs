//! The analysts' commands: `snapback simulate calibrate` (a fit to the Air Force's daily launches,
//! a calibrated config the simulator runs, located errors for a bad series or a config without a
//! rate) and `snapback simulate sensitivity` (a small study's outputs and ranking).

use crate::log::fresh_dir;
use crate::{path_arg as p, root, snapback, stderr, stdout, temp_file};

/// A copy of sims/salami.toml whose charter path holds from anywhere.
fn salami_config(dir: &std::path::Path) -> std::path::PathBuf {
    let text = std::fs::read_to_string(root().join("sims/salami.toml")).expect("salami.toml");
    let charter = root().join("charters/ukraine.toml");
    let text = text.replace(
        "charter = \"../charters/ukraine.toml\"",
        &format!("charter = {:?}", charter.display().to_string()),
    );
    assert!(
        text.contains("charters/ukraine.toml\""),
        "the charter line moved"
    );
    std::fs::create_dir_all(dir).expect("creating the test directory");
    let path = dir.join("salami.toml");
    std::fs::write(&path, text).expect("writing the config");
    path
}

#[test]
fn the_air_forces_launches_of_2025_are_fitted_with_their_over_dispersion() {
    let dir = fresh_dir("calibrate-real");
    let config = salami_config(&dir);
    let series = root().join("../shared/data/missile_attacks_daily_totals.csv");
    let out = snapback(&[
        "simulate",
        "calibrate",
        "--series",
        p(&series),
        "--from",
        "2025-01-01",
        "--to",
        "2025-12-31",
        "--config",
        p(&config),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("column `launched_total`: 362 days, 2025-01-01 to 2025-12-31 (3 days not listed, left out)"),
        "{text}"
    );
    assert!(
        text.contains("rate_per_day 162.1 (95% interval 150.3 to 173.9)"),
        "{text}"
    );
    assert!(
        text.contains("dispersion (negative binomial k) 2.018 (95% interval 1.759 to 2.316)"),
        "{text}"
    );
    // Written next to the config, with the comments, and readable by the simulator.
    let written =
        std::fs::read_to_string(dir.join("salami-calibrated.toml")).expect("the calibrated config");
    assert!(written.contains("rate_per_day = 162.108\n"), "{written}");
    assert!(written.contains("dispersion = 2.01846\n"), "{written}");
    assert!(
        written.contains(
            "# calibrated: rate_per_day 162.1 (95% interval 150.3 to 173.9)\n# calibrated: dispersion (negative binomial k) 2.018"
        ),
        "{written}"
    );
    // Counting the three unlisted days as zero lowers the rate and spreads the counts.
    let zero = snapback(&[
        "simulate",
        "calibrate",
        "--series",
        p(&series),
        "--from",
        "2025-01-01",
        "--to",
        "2025-12-31",
        "--missing",
        "zero",
        "--config",
        p(&config),
        "--out",
        p(&dir.join("zero.toml")),
    ]);
    assert!(zero.status.success(), "{}", stderr(&zero));
    assert!(
        stdout(&zero)
            .contains("365 days, 2025-01-01 to 2025-12-31 (3 days not listed, counted as 0)"),
        "{}",
        stdout(&zero)
    );
}

#[test]
fn a_calibrated_config_runs() {
    let dir = fresh_dir("calibrate-runs");
    let config = salami_config(&dir);
    let series = dir.join("series.csv");
    std::fs::write(
        &series,
        "date,incidents\n2026-01-01,0\n2026-01-02,3\n2026-01-03,0\n2026-01-04,0\n2026-01-05,5\n2026-01-06,1\n",
    )
    .expect("series");
    let calibrated = dir.join("calibrated.toml");
    let out = snapback(&[
        "simulate",
        "calibrate",
        "--series",
        p(&series),
        "--column",
        "incidents",
        "--config",
        p(&config),
        "--out",
        p(&calibrated),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("rate_per_day 1.500"),
        "{}",
        stdout(&out)
    );
    let run = snapback(&[
        "simulate",
        p(&calibrated),
        "--runs",
        "3",
        "--out",
        p(&dir.join("out")),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(dir.join("out/runs.csv").exists());
}

#[test]
fn a_bad_series_or_config_is_named() {
    let dir = fresh_dir("calibrate-bad");
    let config = salami_config(&dir);
    let series = temp_file(
        "calibrate-bad.csv",
        "date,launched_total\n2025-01-01,4\n2025-01-02,many\n",
    );
    let out = snapback(&[
        "simulate",
        "calibrate",
        "--series",
        p(&series),
        "--config",
        p(&config),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("calibrate-bad.csv:3:12")
            && stderr(&out).contains("`many` is not a count"),
        "{}",
        stderr(&out)
    );
    let offensive = temp_file(
        "calibrate-offensive.toml",
        &std::fs::read_to_string(&config)
            .expect("config")
            .replace(
                "strategy = \"salami\"\nrate_per_day = 1.0",
                "strategy = \"offensive\"\nafter = \"1d\"",
            )
            .replace("pause_after_activation = \"30d\"\n", ""),
    );
    let good = temp_file(
        "calibrate-good.csv",
        "date,launched_total\n2025-01-01,4\n2025-01-02,1\n",
    );
    let out = snapback(&[
        "simulate",
        "calibrate",
        "--series",
        p(&good),
        "--config",
        p(&offensive),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("calibrate-offensive.toml: `adversary.strategy` is `offensive`; only the `salami` strategy has a rate to calibrate"),
        "{}",
        stderr(&out)
    );
    let out = snapback(&["simulate"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_sensitivity_study_writes_its_json_and_chart_and_ranks_the_parameters() {
    let dir = fresh_dir("sensitivity");
    std::fs::create_dir_all(&dir).expect("dir");
    let charter = root().join("charters/ukraine.toml");
    let text = std::fs::read_to_string(root().join("sims/sensitivity.toml"))
        .expect("sims/sensitivity.toml")
        .replace(
            "charter = \"../charters/ukraine.toml\"",
            &format!("charter = {:?}", charter.display().to_string()),
        )
        .replace("horizon = \"365d\"", "horizon = \"20d\"")
        .replace("samples = 20\nruns = 100", "samples = 2\nruns = 5");
    assert!(
        text.contains("samples = 2\nruns = 5"),
        "the example's [sensitivity] moved"
    );
    let config = dir.join("study.toml");
    std::fs::write(&config, text).expect("config");
    let out = snapback(&["simulate", "sensitivity", p(&config)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let printed = stdout(&out);
    assert!(
        printed.starts_with(
            "Morris study of variant `flipped-majority-48h`: 5 parameters, 12 points × 5 runs"
        ),
        "{printed}"
    );
    assert!(printed.contains("  false activations: "), "{printed}");
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("study-sensitivity/sensitivity.json")).expect("json"),
    )
    .expect("valid JSON");
    // Six results: P(response), gain before the first response and over the horizon,
    // violations, false activations, dismissals.
    assert_eq!(json["metrics"].as_array().map(Vec::len), Some(6));
    assert_eq!(
        json["metrics"][0]["morris"].as_array().map(Vec::len),
        Some(5)
    );
    let svg = std::fs::read_to_string(dir.join("study-sensitivity/sensitivity.svg")).expect("svg");
    assert_eq!(svg.matches("<g class=\"metric\"").count(), 6);
    assert_eq!(svg.matches("<g class=\"parameter\"").count(), 30);
    // A config without a [sensitivity] table is refused with exit code 2.
    let out = snapback(&["simulate", "sensitivity", "sims/salami.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no [sensitivity] table"),
        "{}",
        stderr(&out)
    );
}
