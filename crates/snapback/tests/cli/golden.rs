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

#[test]
fn an_amended_measure_follows_the_version_in_force() {
    let out = snapback(&["replay", "scenarios/39-measures-amended.toml", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let r: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let measure = |id: &str| {
        r["measures"]
            .as_array()
            .and_then(|ms| ms.iter().find(|m| m["id"] == id))
            .cloned()
            .unwrap_or_else(|| panic!("no measure {id}"))
    };
    // The council's measures, re-adopted without a renewal: no expiry, never lapsed, and no
    // renewal decision opened in July.
    let council = measure("council-measures");
    assert_eq!(council["state"], "in_force");
    assert!(council.get("expires").is_none(), "{council}");
    let amended = &council["history"][2];
    assert_eq!(
        (&amended["cause"], &amended["at"], &amended["version"]),
        (
            &serde_json::json!("amended"),
            &serde_json::json!("2026-03-01T00:00:00Z"),
            &serde_json::json!("2")
        )
    );
    assert_eq!(amended["article"], "Art. 10 (as amended)");
    assert_eq!(
        council["basis"],
        "Council regulation adopted by qualified majority (no sunset)"
    );
    assert_eq!(r["decisions"].as_array().map(Vec::len), Some(1));
    // C's posture: the amended fixed expiry replaces the 30-day sunset.
    let intel = measure("c-intel");
    let last = intel["history"]
        .as_array()
        .and_then(|h| h.last())
        .cloned()
        .unwrap();
    assert_eq!(
        (&last["state"], &last["at"]),
        (
            &serde_json::json!("lapsed"),
            &serde_json::json!("2026-12-31T22:59:00Z")
        )
    );
    // A measure the new version repeats unchanged has no amended step.
    assert_eq!(
        measure("standing-commitment")["history"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
}
