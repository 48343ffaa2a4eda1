//! An analyst's first step, for real: pandas (through pyarrow) reads `runs.parquet` and
//! `summary.parquet` as written by `snapback simulate`, with the values of `runs.csv`. Runs when
//! Python can import pandas and pyarrow (`.ci/run` installs them); in CI their absence is a
//! failure, elsewhere the test is reported as ignored.

use std::process::Command;

use crate::support::{fresh_dir, snapback, stderr};

/// What the README's example does, printing what the test compares.
const SCRIPT: &str = r#"
import sys, pandas as pd
runs = pd.read_parquet(sys.argv[1] + "/runs.parquet")
summary = pd.read_parquet(sys.argv[1] + "/summary.parquet")
means = runs.groupby("variant", sort=False)["violations"].mean()
print(len(runs), len(summary), len(runs["gain_by_day"].iloc[0]))
for variant, mean in means.items():
    print(variant, repr(float(mean)))
"#;

pub fn pandas_reads_the_parquet_outputs(python: String) {
    let dir = fresh_dir("pandas");
    let run = snapback(&[
        "simulate",
        "sims/salami.toml",
        "--runs",
        "10",
        "--out",
        dir.to_str().expect("a UTF-8 path"),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let out = Command::new(python)
        .args(["-c", SCRIPT])
        .arg(&dir)
        .output()
        .expect("python3 runs");
    let printed = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{printed}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The same means from runs.csv.
    let csv = std::fs::read_to_string(dir.join("runs.csv")).expect("runs.csv");
    let header: Vec<&str> = csv.lines().next().expect("a header").split(',').collect();
    let column = header
        .iter()
        .position(|h| *h == "violations")
        .expect("a violations column");
    let mut order: Vec<String> = Vec::new();
    let mut sums: std::collections::BTreeMap<String, (f64, f64)> = Default::default();
    for line in csv.lines().skip(1) {
        let fields: Vec<&str> = line.split(',').collect();
        let variant = fields[0].to_owned();
        if !order.contains(&variant) {
            order.push(variant.clone());
        }
        let entry = sums.entry(variant).or_default();
        entry.0 += fields[column].parse::<f64>().expect("a count");
        entry.1 += 1.0;
    }
    let summary: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("summary.json")).expect("summary.json"),
    )
    .expect("JSON");
    let metrics: usize = summary["variants"]
        .as_array()
        .expect("variants")
        .iter()
        .map(|v| v["metrics"].as_object().map_or(0, |m| m.len()))
        .sum();
    let mut expected = format!("40 {metrics} 365\n");
    for variant in &order {
        let (sum, n) = sums[variant];
        expected.push_str(&format!("{variant} {:?}\n", sum / n));
    }
    assert_eq!(printed, expected);
}
