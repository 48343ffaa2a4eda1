//! `snapback charter check`: summaries for good charters, located errors for broken ones.

use crate::{flat, snapback, stderr, stdout, temp_file};

#[test]
fn reference_charter_checks_and_summarises() {
    let out = snapback(&["charter", "check", "charters/ukraine.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("charters/ukraine.toml: OK"), "{text}");
    assert!(
        text.contains("Parties (36): 16 guarantor, 1 beneficiary, 18 observer, 1 secretariat"),
        "{text}"
    );
    assert!(text.contains("eu-council — Council of the European Union, 27 members (group EU): EU qualified majority"), "{text}");
    assert!(text.contains("claims by UA are decided by `ministers` within 48h, flipped burden of proof [Art. 3(3)]"), "{text}");
    assert!(text.contains("eu-sanctions — EU sanctions snapback [Art. 5(2)]; needs a decision of `eu-council` within 7d, proceeds if adopted"), "{text}");
}

#[test]
fn reference_charter_summary_shows_the_fund() {
    let out = snapback(&["charter", "check", "charters/ukraine.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    for line in [
        "  Fund: G7 Ukraine Stabilization Fund — currency EUR, disbursed by USF, back to peace mode after 90d with no new activation [Art. 6(1)]",
        "    Peace purposes: reconstruction, macro-assistance",
        "    Conflict purposes: budget-support, military-production-ukraine, military-production-allied, reconstruction",
        "    Contributors (7):",
        "      US key 0.30 (30.00%), paid-in 3,000,000,000.00 EUR, callable 6,000,000,000.00 EUR",
        "      CA key 0.08 (8.00%), paid-in 800,000,000.00 EUR, callable 1,600,000,000.00 EUR",
        "    Cap: at most 2,000,000,000.00 EUR per 30d for budget-support [Art. 6(2)]",
        "    Surge: 10,000,000,000.00 EUR called pro rata to the keys, due within 30d [Art. 6(3)]",
        "    Tranche: 1,000,000,000.00 EUR for budget-support to UA, reserved when a claim is filed [Art. 6(2)]",
    ] {
        assert!(
            text.contains(&format!("{line}\n")),
            "missing {line:?} in:\n{text}"
        );
    }
    let out = snapback(&["charter", "check", "charters/ukraine-demo.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("back to peace mode after 90m with no new activation"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn json_summary_has_the_fund_with_pro_rata_shares() {
    let out = snapback(&["charter", "check", "charters/ukraine.toml", "--json"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    let fund = &v["charters"][0]["fund"];
    assert_eq!(fund["currency"], "EUR");
    assert_eq!(fund["manager"], "USF");
    assert_eq!(fund["quiet_period"], "90d");
    assert_eq!(fund["contributors"][1]["party"], "DE");
    assert_eq!(fund["contributors"][1]["share_pct"], "17.00");
    assert_eq!(fund["contributors"][1]["callable"], "3400000000.00");
    let out = snapback(&["charter", "check", "scenarios/charters/five.toml", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    assert!(v["charters"][0]["fund"].is_null(), "{v}");
}

#[test]
fn a_broken_fund_names_line_and_column() {
    let fund = "
[fund]
name = \"F\"
currency = \"EUR\"
manager = \"A\"
quiet_period = \"90d\"

[fund.purposes]
peace = [\"reconstruction\"]
conflict = [\"budget-support\"]

[[fund.contributor]]
party = \"A\"
key = 0.3
";
    let (err, code) = check_broken("fund-float-key.toml", &format!("{BASE}{fund}"));
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("fund-float-key.toml:41:7: keys are exact decimals"),
        "{err}"
    );
    let text = format!("{BASE}{fund}").replace("key = 0.3", "key = \"0.3\"\npaid_in = \"-1\"");
    let (err, code) = check_broken("fund-negative.toml", &text);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("fund-negative.toml:42:11: fund.contributor[0].paid_in: -1 is negative"),
        "{err}"
    );
    assert!(err.contains("zero or a positive amount"), "{err}");
}

#[test]
fn json_summary_lists_bodies_with_their_members() {
    let out = snapback(&["charter", "check", "charters/ukraine.toml", "--json"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    assert_eq!(v["ok"], true);
    let bodies = v["charters"][0]["bodies"].as_array().expect("bodies");
    assert_eq!(bodies[0]["id"], "ministers");
    assert_eq!(bodies[0]["members"].as_array().map(Vec::len), Some(16));
}

/// A valid charter to break in the tests below, one line at a time.
const BASE: &str = "[charter]
id = \"t\"
title = \"T\"
version = \"1\"
effective = 2026-01-01T00:00:00Z
beneficiary = \"UA\"

[[party]]
id = \"UA\"
name = \"Ukraine\"
roles = [\"beneficiary\"]

[[party]]
id = \"A\"
name = \"A\"
roles = [\"guarantor\"]

[[body]]
id = \"b\"
members = { role = \"guarantor\" }
rule = \"majority\"

[verification]
claimants = [\"UA\"]
body = \"b\"
decide_within = \"48h\"
burden = \"flipped\"
";

/// Checks a broken charter and returns (stderr, exit code).
fn check_broken(name: &str, text: &str) -> (String, Option<i32>) {
    let path = temp_file(name, text);
    let out = snapback(&["charter", "check", path.to_str().expect("utf-8 path")]);
    (stderr(&out), out.status.code())
}

#[test]
fn base_charter_is_valid() {
    let path = temp_file("base.toml", BASE);
    let out = snapback(&["charter", "check", path.to_str().expect("path")]);
    assert!(out.status.success(), "{}", stderr(&out));
    // No tier: allowed, with a warning.
    assert!(
        stdout(&out).contains("warning: (document): the charter has no [[tier]]"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn each_broken_charter_names_line_and_column() {
    let cases: &[(&str, &str, &str, &str)] = &[
        // (case, from, to, expected "line:col: message" fragment)
        (
            "unknown-key",
            "rule = \"majority\"",
            "rule = \"majority\"\nchair = 2",
            ":22:1: unknown field `chair`",
        ),
        (
            "bad-rule",
            "rule = \"majority\"",
            "rule = \"plurality\"",
            ":21:8: body[0].rule: unknown rule `plurality`",
        ),
        (
            "bad-burden",
            "burden = \"flipped\"",
            "burden = \"reversed\"",
            ":27:10: unknown variant `reversed`",
        ),
        (
            "bad-duration",
            "\"48h\"",
            "\"2 days\"",
            ":26:17: `2 days` is not a duration",
        ),
        (
            "month-duration",
            "\"48h\"",
            "\"1mo\"",
            ":26:17: `1mo` uses the unknown unit `o`",
        ),
        (
            "unknown-claimant",
            "claimants = [\"UA\"]",
            "claimants = [\"UA\", \"RU\"]",
            ":24:20: verification.claimants[1]: unknown party `RU`",
        ),
        (
            "unknown-body",
            "body = \"b\"",
            "body = \"council\"",
            ":25:8: verification.body: unknown body `council`",
        ),
        (
            "no-offset",
            "2026-01-01T00:00:00Z",
            "2026-01-01T00:00:00",
            ":5:13: `2026-01-01T00:00:00` has no UTC offset",
        ),
        (
            "bad-id",
            "id = \"A\"",
            "id = \"A B\"",
            ":14:6: an id may contain only",
        ),
        (
            "not-beneficiary",
            "beneficiary = \"UA\"",
            "beneficiary = \"A\"",
            ":6:15: charter.beneficiary: party `A` does not have the role beneficiary",
        ),
        (
            "duplicate-party",
            "id = \"A\"",
            "id = \"UA\"",
            ":14:6: party[1].id: party `UA` is defined twice",
        ),
        ("syntax", "title = \"T\"", "title = \"T", ":3:"),
        (
            "missing-key",
            "title = \"T\"\n",
            "",
            ":1:1: missing field `title`",
        ),
    ];
    for (case, from, to, expected) in cases {
        assert!(BASE.contains(from), "{case}: base lacks {from:?}");
        let text = BASE.replacen(from, to, 1);
        let (err, code) = check_broken(&format!("{case}.toml"), &text);
        assert_eq!(code, Some(2), "{case}: exit code; stderr: {err}");
        assert!(
            err.contains(expected),
            "{case}: expected {expected:?} in:\n{err}"
        );
        assert!(
            err.contains(&format!("{case}.toml:")),
            "{case}: the file is named:\n{err}"
        );
    }
}

#[test]
fn all_problems_are_reported_at_once_and_as_json() {
    let text = BASE
        .replacen("claimants = [\"UA\"]", "claimants = [\"XX\"]", 1)
        .replacen("body = \"b\"", "body = \"nope\"", 1);
    let path = temp_file("two-problems.toml", &text);
    let out = snapback(&["charter", "check", path.to_str().expect("path"), "--json"]);
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    assert_eq!(v["ok"], false);
    let errors = v["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 2, "{v}");
    assert_eq!(
        (errors[0]["line"].as_u64(), errors[0]["column"].as_u64()),
        (Some(24), Some(14))
    );
    assert_eq!(errors[0]["path"], "verification.claimants[0]");
    assert_eq!(
        (errors[1]["line"].as_u64(), errors[1]["column"].as_u64()),
        (Some(25), Some(8))
    );
    assert!(
        errors[1]["help"]
            .as_str()
            .is_some_and(|h| h.contains("use one of: b")),
        "{v}"
    );
}

#[test]
fn amendments_must_share_the_id_and_differ_in_effective_instant() {
    let v2 = BASE.replacen("version = \"1\"", "version = \"2\"", 1);
    let a = temp_file("v1.toml", BASE);
    let b = temp_file("v2-same-instant.toml", &v2);
    let out = snapback(&[
        "charter",
        "check",
        a.to_str().expect("p"),
        b.to_str().expect("p"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("take effect at the same instant"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn unreadable_and_non_utf8_files_are_bad_input() {
    let out = snapback(&["charter", "check", "no/such/charter.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no/such/charter.toml: cannot read the file"),
        "{}",
        stderr(&out)
    );
    let path = temp_file("latin1.toml", "");
    std::fs::write(&path, b"title = \"\xe9\"\n").expect("write");
    let out = snapback(&["charter", "check", path.to_str().expect("p")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not UTF-8"), "{}", stderr(&out));
}

#[test]
fn a_quorum_larger_than_the_body_is_located() {
    let text = std::fs::read_to_string(
        crate::root().join("scenarios/precedents/charters/caatsa-216.toml"),
    )
    .expect("charter")
    .replace("quorum = 3", "quorum = 6");
    let path = temp_file("quorum.toml", &text);
    let out = snapback(&["charter", "check", path.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("body[1].quorum: a quorum of 6 in a body of 5 members"),
        "{err}"
    );
}

/// The reference charter with `from` replaced by `to` (each once), written to a fresh file.
fn reference_with(name: &str, edits: &[(&str, &str)]) -> (std::path::PathBuf, String) {
    let mut text =
        std::fs::read_to_string(crate::root().join("charters/ukraine.toml")).expect("charter");
    for (from, to) in edits {
        assert!(text.contains(from), "the reference charter lacks {from:?}");
        text = text.replacen(from, to, 1);
    }
    (temp_file(name, &text), text)
}

fn line_of(text: &str, fragment: &str) -> u64 {
    let at = text.find(fragment).expect("fragment in text");
    text[..at].matches('\n').count() as u64 + 1
}

fn json_errors(args: &[&str]) -> Vec<serde_json::Value> {
    let out = snapback(args);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    assert_eq!(v["ok"], false);
    v["errors"].as_array().expect("errors").clone()
}

/// Issue 15: `decide_witin` and `burden = "fliped"` on consecutive lines are both reported, each
/// with a suggestion, and `decide_within` is not reported missing besides.
#[test]
fn two_typos_on_consecutive_lines_are_both_reported() {
    let (path, text) = reference_with(
        "issue15-two-typos.toml",
        &[
            (
                "decide_within = \"48h\"\nburden",
                "decide_witin = \"48h\"\nburden",
            ),
            ("burden = \"flipped\"", "burden = \"fliped\""),
        ],
    );
    let line = line_of(&text, "decide_witin");
    let errors = json_errors(&["charter", "check", path.to_str().expect("utf-8"), "--json"]);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(errors[0]["line"].as_u64(), Some(line));
    assert_eq!(errors[0]["column"].as_u64(), Some(1));
    assert_eq!(errors[0]["message"], "unknown field `decide_witin`");
    assert_eq!(errors[0]["help"], "did you mean `decide_within`?");
    assert_eq!(errors[1]["line"].as_u64(), Some(line + 1));
    assert_eq!(errors[1]["column"].as_u64(), Some(10));
    assert_eq!(
        errors[1]["message"],
        "unknown variant `fliped`, expected `flipped` or `standard`"
    );
    assert_eq!(errors[1]["help"], "did you mean `flipped`?");
    // The same in text, file:line:col first.
    let out = snapback(&["charter", "check", path.to_str().expect("utf-8")]);
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "issue15-two-typos.toml:{line}:1: unknown field `decide_witin`\n  hint: did you mean `decide_within`?"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "issue15-two-typos.toml:{}:10: unknown variant `fliped`",
            line + 1
        )),
        "{err}"
    );
}

/// Issue 15: `min_severity = 9` is reported once; the overlap check does not fire on the
/// clamped stand-in.
#[test]
fn an_out_of_range_min_severity_is_reported_once() {
    let (path, text) = reference_with(
        "issue15-severity-9.toml",
        &[("min_severity = 3", "min_severity = 9")],
    );
    let errors = json_errors(&["charter", "check", path.to_str().expect("utf-8"), "--json"]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["message"], "min_severity is 9");
    assert_eq!(errors[0]["path"], "tier[1].min_severity");
    assert_eq!(
        errors[0]["line"].as_u64(),
        Some(line_of(&text, "min_severity = 9"))
    );
}

/// Unknown keys in several tables, a bad value and a rule check, all in one report in file
/// order; a reference to the party that failed to parse is not reported as unknown.
#[test]
fn shape_errors_and_rule_checks_come_in_one_report() {
    let (path, text) = reference_with(
        "issue15-many.toml",
        &[
            ("title = \"", "titel = \"x\"\ntitle = \""),
            ("roles = [\"beneficiary\"]", "roles = [\"benificiary\"]"),
            ("claimants = [\"UA\"]", "claimants = [\"UA\", \"XX\"]"),
        ],
    );
    let errors = json_errors(&["charter", "check", path.to_str().expect("utf-8"), "--json"]);
    let found: Vec<(u64, String)> = errors
        .iter()
        .map(|e| {
            (
                e["line"].as_u64().unwrap_or_default(),
                e["message"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert_eq!(found.len(), 3, "{found:?}");
    assert_eq!(
        found[0],
        (line_of(&text, "titel"), "unknown field `titel`".to_owned())
    );
    assert_eq!(found[1].0, line_of(&text, "\"benificiary\""));
    assert!(
        found[1].1.starts_with("unknown variant `benificiary`"),
        "{found:?}"
    );
    assert_eq!(errors[1]["help"], "did you mean `beneficiary`?");
    assert_eq!(
        found[2],
        (line_of(&text, "\"XX\""), "unknown party `XX`".to_owned())
    );
    // UA failed to parse: the beneficiary and the claimant naming it are not errors too.
    assert!(!found.iter().any(|(_, m)| m.contains("`UA`")), "{found:?}");
}

/// Writes a scenario over the reference charter with one `claim.filed` event whose extra line is
/// `extra`.
fn scenario_with(name: &str, extra: &str) -> std::path::PathBuf {
    let charter = crate::root().join("charters/ukraine.toml");
    let text = format!(
        "charter = {charter:?}\n\n[[event]]\nat = 2026-03-01T06:00:00Z\nparty = \"UA\"\ntype = \"claim.filed\"\nclaim = \"C-1\"\ncategory = \"strike\"\nseverity = 2\nsummary = \"s\"\n{extra}\n",
        charter = charter.display().to_string()
    );
    temp_file(name, &text)
}

/// Issue 15: `severty` in a `claim.filed` event suggests `severity`, and an unknown key with no
/// close match lists only the keys of `claim.filed`, not the fields of every event type.
#[test]
fn a_misspelt_event_key_is_matched_against_its_own_type() {
    let path = scenario_with("issue15-severty.toml", "severty = 1");
    let out = snapback(&["replay", path.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(
            "issue15-severty.toml:11:1: unknown field `severty`\n  hint: did you mean `severity`?"
        ),
        "{err}"
    );
    assert!(!err.contains("monthly_capacity"), "{err}");
    assert_eq!(
        err.lines().filter(|l| l.starts_with("error")).count(),
        1,
        "{err}"
    );

    let path = scenario_with("issue15-colour.toml", "colour = \"red\"");
    let out = snapback(&["replay", path.to_str().expect("utf-8")]);
    let err = stderr(&out);
    assert!(
        flat(&err).contains(
            "hint: the keys allowed here are: at, party, type, claim, category, severity, summary, location, occurred_at, truce, accused, incident"
        ),
        "{err}"
    );
    assert!(!err.contains("monthly_capacity"), "{err}");

    let path = scenario_with("issue15-type.toml", "");
    let text = std::fs::read_to_string(&path)
        .expect("scenario")
        .replace("type = \"claim.filed\"", "type = \"claim.filled\"");
    std::fs::write(&path, text).expect("write");
    let out = snapback(&["replay", path.to_str().expect("utf-8")]);
    assert!(
        stderr(&out)
            .contains("unknown event type `claim.filled`\n  hint: did you mean `claim.filed`?"),
        "{}",
        stderr(&out)
    );
}

/// Issue 15: the wrong kind of file is named as such, with the command that takes it.
#[test]
fn a_file_of_the_wrong_kind_is_named() {
    let out = snapback(&["replay", "charters/ukraine.toml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("charters/ukraine.toml:29:2: this is a charter, not a scenario"),
        "{err}"
    );
    assert!(err.contains("snapback charter check FILE"), "{err}");
    assert!(!err.contains("unknown field"), "{err}");

    for (file, kind, command) in [
        ("scenarios/demo.toml", "a scenario", "snapback replay FILE"),
        (
            "sims/daily.toml",
            "a simulation config",
            "snapback simulate FILE",
        ),
    ] {
        let errors = json_errors(&["charter", "check", file, "--json"]);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(
            errors[0]["message"],
            format!("this is {kind}, not a charter")
        );
        assert!(
            errors[0]["help"]
                .as_str()
                .is_some_and(|h| h.contains(command)),
            "{errors:?}"
        );
    }

    for (name, text, what) in [
        (
            "issue15-not-toml.json",
            "{\n  \"charter\": {\"id\": \"x\"}\n}\n",
            "JSON",
        ),
        (
            "issue15-not-toml.csv",
            "date,area,count\n2026-01-01,east,3\n",
            "CSV",
        ),
    ] {
        let path = temp_file(name, text);
        let errors = json_errors(&["charter", "check", path.to_str().expect("utf-8"), "--json"]);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(
            errors[0]["message"],
            format!("this file is {what}, not TOML; a charter is a TOML file")
        );
    }
}
