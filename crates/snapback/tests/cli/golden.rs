//! Golden scenarios: every `scenarios/*.toml` is replayed with `snapback replay --json` and the
//! output must equal `scenarios/<name>.expected.json` exactly. Set `SNAPBACK_BLESS=1` to rewrite
//! the expected files after an intended change, then review the diff before committing.

use crate::{root, snapback, stderr, stdout};

fn scenarios() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join("scenarios"))
        .expect("scenarios directory")
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".toml").map(str::to_owned))
        .collect();
    names.sort();
    names
}

/// The first differing line, with context, so a failure says what changed.
fn first_difference(expected: &str, actual: &str) -> String {
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let i = e
        .iter()
        .zip(&a)
        .position(|(x, y)| x != y)
        .unwrap_or(e.len().min(a.len()));
    let from = i.saturating_sub(3);
    let mut out = format!("first difference at line {}:\n", i + 1);
    for (n, line) in e.iter().enumerate().skip(from).take(7) {
        out.push_str(&format!("  expected {:>4}: {line}\n", n + 1));
    }
    for (n, line) in a.iter().enumerate().skip(from).take(7) {
        out.push_str(&format!("  actual   {:>4}: {line}\n", n + 1));
    }
    out
}

#[test]
fn golden_scenarios_replay_to_their_expected_json() {
    let names = scenarios();
    assert!(
        names.len() >= 21,
        "at least 20 golden scenarios and the demo, found {}",
        names.len()
    );
    let bless = std::env::var_os("SNAPBACK_BLESS").is_some();
    let mut failures = Vec::new();
    for name in &names {
        let path = format!("scenarios/{name}.toml");
        let out = snapback(&["replay", &path, "--json"]);
        assert!(
            out.status.success(),
            "{path}: exit {:?}\n{}",
            out.status.code(),
            stderr(&out)
        );
        let actual = stdout(&out);
        let expected_path = root().join(format!("scenarios/{name}.expected.json"));
        if bless {
            std::fs::write(&expected_path, &actual).expect("write expected");
            continue;
        }
        match std::fs::read_to_string(&expected_path) {
            Ok(expected) if expected == actual => {}
            Ok(expected) => {
                failures.push(format!("{path}: {}", first_difference(&expected, &actual)))
            }
            Err(e) => failures.push(format!(
                "{path}: no expected output ({e}); run with SNAPBACK_BLESS=1"
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{} golden scenario(s) differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn replay_is_byte_identical_across_runs() {
    let a = stdout(&snapback(&["replay", "scenarios/demo.toml", "--json"]));
    let b = stdout(&snapback(&["replay", "scenarios/demo.toml", "--json"]));
    assert!(!a.is_empty());
    assert_eq!(a, b);
}
