//! The over-dispersed salami (`dispersion`, a negative binomial rate): it must spread the
//! violation counts and keep their mean, and a config without it must draw exactly as before.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::atomic::AtomicU64;

use sha2::{Digest, Sha256};
use snapback_charter::Source;
use snapback_sim::output::write_csv;
use snapback_sim::{Sweep, parse_config};

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn sweep(config: &str) -> Sweep {
    let base = std::fs::read_to_string(root().join("charters/ukraine.toml")).unwrap();
    let config = parse_config(&Source::new("test.toml", config.to_owned())).unwrap();
    Sweep::new(config, &Source::new("ukraine.toml", base)).unwrap()
}

/// Sixty days at two violations a day, none detected (so only the adversary's draws matter).
fn config(dispersion: Option<f64>) -> String {
    let dispersion = dispersion.map_or_else(String::new, |k| format!("dispersion = {k}\n"));
    format!(
        "[simulation]\ncharter = \"ukraine.toml\"\nhorizon = \"60d\"\nruns = 400\nseed = 5\n\n\
         [adversary]\nstrategy = \"salami\"\nrate_per_day = 2.0\n{dispersion}\n\
         [filing]\ndetection = 0.0\n\n[[variant]]\nname = \"base\"\n"
    )
}

/// Mean and variance of the violations per run.
fn violations(dispersion: Option<f64>) -> (f64, f64) {
    let (result, _) = sweep(&config(dispersion))
        .run(0, &AtomicU64::new(0))
        .unwrap();
    let counts: Vec<f64> = result.runs[0].iter().map(|r| r.violations as f64).collect();
    let n = counts.len() as f64;
    let mean = counts.iter().sum::<f64>() / n;
    let variance = counts.iter().map(|c| (c - mean).powi(2)).sum::<f64>() / (n - 1.0);
    (mean, variance)
}

#[test]
fn over_dispersion_spreads_the_violations_and_keeps_their_mean() {
    let (poisson_mean, poisson_var) = violations(None);
    // Poisson over 60 days at 2 a day: mean and variance 120.
    assert!((poisson_mean - 120.0).abs() < 3.0, "{poisson_mean}");
    assert!((80.0..160.0).contains(&poisson_var), "{poisson_var}");
    // k = 0.5: each day's variance is 2 + 2² / 0.5 = 10, so 600 over 60 independent days.
    let (bursty_mean, bursty_var) = violations(Some(0.5));
    assert!((bursty_mean - 120.0).abs() < 6.0, "{bursty_mean}");
    assert!((400.0..850.0).contains(&bursty_var), "{bursty_var}");
    assert!(bursty_var > 3.0 * poisson_var);
}

#[test]
fn a_very_large_dispersion_is_the_poisson() {
    let (mean, variance) = violations(Some(1e9));
    assert!((mean - 120.0).abs() < 3.0, "{mean}");
    assert!((80.0..160.0).contains(&variance), "{variance}");
}

#[test]
fn a_config_without_dispersion_draws_exactly_as_before() {
    let text = std::fs::read_to_string(root().join("sims/salami.toml")).unwrap();
    let mut config = parse_config(&Source::new("salami.toml", text)).unwrap();
    config.simulation.runs = 30;
    let base = std::fs::read_to_string(root().join("charters/ukraine.toml")).unwrap();
    let sweep = Sweep::new(config, &Source::new("ukraine.toml", base)).unwrap();
    let (result, _) = sweep.run(0, &AtomicU64::new(0)).unwrap();
    let mut csv = Vec::new();
    write_csv(&result, &mut csv).unwrap();
    // `snapback simulate sims/salami.toml --runs 30`'s runs.csv, from the build before the
    // dispersion existed (commit a6f7af0).
    assert_eq!(
        Sha256::digest(&csv)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>(),
        "39cab1d2add83d5f6a40c266ce47d8ce8004eb0989e2a1bcaa591e3331867baa"
    );
}

#[test]
fn a_dispersion_out_of_range_is_located() {
    for bad in ["0.0", "-1.0", "nan", "1e10"] {
        let text = config(None).replace(
            "rate_per_day = 2.0\n",
            &format!("rate_per_day = 2.0\ndispersion = {bad}\n"),
        );
        let error = parse_config(&Source::new("test.toml", text))
            .expect_err("refused")
            .errors
            .remove(0);
        assert_eq!(error.line, 10, "{bad}: {}", error.message);
        assert!(
            error.message.contains("is not a dispersion"),
            "{}",
            error.message
        );
    }
}
