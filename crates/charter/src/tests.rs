//! Loading charters: the reference charter, and broken charters whose errors must name the place.

use crate::voting::{Choice, Outcome, Tally};
use crate::*;

const REFERENCE: &str = include_str!("../../../charters/ukraine.toml");

fn load(text: &str) -> Result<Charter, Diagnostics> {
    load_toml(&Source::new("test.toml", text))
}

/// A small valid charter that the broken variants below start from.
const SMALL: &str = r#"
[charter]
id = "t"
title = "Test"
version = 1
effective = 2026-01-01T00:00:00Z
beneficiary = "UA"

[[party]]
id = "UA"
name = "Ukraine"
roles = ["beneficiary"]

[[party]]
id = "A"
name = "A"
roles = ["guarantor"]

[[party]]
id = "B"
name = "B"
roles = ["guarantor"]

[[body]]
id = "council"
members = { role = "guarantor" }
rule = "majority"

[verification]
claimants = ["UA"]
body = "council"
decide_within = "48h"
burden = "flipped"

[[tier]]
id = "t1"
min_severity = 1
packages = ["p"]

[[package]]
id = "p"
[[package.obligation]]
party = "A"
kind = "sanctions"
due_within = "3d"
description = "do it"
"#;

/// The first error of a broken charter, as `line:col: message`.
fn first_error(text: &str) -> (usize, usize, String) {
    let errors = load(text).expect_err("charter must be rejected");
    let e = &errors.errors[0];
    (e.line, e.col, e.to_string())
}

#[test]
fn reference_charter_loads_with_the_proposal_in_it() {
    let c = load(REFERENCE).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(c.id, "ukraine-snapback");
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    let ministers = c.body_idx("ministers").expect("ministers body");
    assert_eq!(c.verification.body, ministers);
    assert_eq!(c.verification.decide_within.seconds(), 48 * 3600);
    assert_eq!(c.verification.burden, Burden::Flipped);
    let eu = c.body_idx("eu-council").expect("eu body");
    let members = c.members_at(eu, c.effective);
    assert_eq!(members.len(), 27);
    let total: u64 = members.iter().filter_map(|p| c.party(*p).population).sum();
    assert_eq!(total, 451_073_984, "derived 2025 populations");
    assert_eq!(c.body(eu).rule, Rule::eu_qmv());
    assert!(c.escalation.is_some());
    assert_eq!(
        c.tier_for(5).map(|t| c.tier(t).id.as_str()),
        Some("offensive")
    );
    assert_eq!(c.tier_for(2).map(|t| c.tier(t).id.as_str()), Some("minor"));
}

#[test]
fn small_charter_loads() {
    let c = load(SMALL).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(c.version, "1");
    let c = load(&SMALL.replace("version = 1", "version = 1.0")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(c.version, "1.0");
    let c = load(&SMALL.replace("version = 1", "version = \"2.1-draft\""))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(c.version, "2.1-draft");
}

#[test]
fn unknown_key_is_located() {
    let text = SMALL.replace("rule = \"majority\"", "rule = \"majority\"\nquorum = 3");
    let (line, col, msg) = first_error(&text);
    assert_eq!((line, col), (28, 1), "{msg}");
    assert!(msg.contains("unknown field `quorum`"), "{msg}");
    assert!(msg.starts_with("test.toml:28:1: "), "{msg}");
}

#[test]
fn unknown_party_reference_is_located_with_a_hint() {
    let text = SMALL.replace("claimants = [\"UA\"]", "claimants = [\"UA\", \"XX\"]");
    let (line, col, msg) = first_error(&text);
    assert_eq!((line, col), (30, 20), "{msg}");
    assert!(msg.contains("unknown party `XX`"), "{msg}");
    assert!(
        msg.contains("hint: declare it in a [[party]] table or use one of: UA, A, B"),
        "{msg}"
    );
}

#[test]
fn bad_duration_is_located() {
    let text = SMALL.replace("\"48h\"", "\"2 months\"");
    let (line, col, msg) = first_error(&text);
    assert_eq!((line, col), (32, 17), "{msg}");
    assert!(msg.contains("not a duration"), "{msg}");
}

#[test]
fn local_datetime_without_offset_is_refused() {
    let text = SMALL.replace("2026-01-01T00:00:00Z", "2026-01-01T00:00:00");
    let (line, col, msg) = first_error(&text);
    assert_eq!((line, col), (6, 13), "{msg}");
    assert!(msg.contains("no UTC offset"), "{msg}");
}

#[test]
fn unknown_rule_and_role_are_located() {
    let text = SMALL.replace("rule = \"majority\"", "rule = \"plurality\"");
    let (line, col, msg) = first_error(&text);
    assert_eq!((line, col), (27, 8), "{msg}");
    assert!(msg.contains("unknown rule `plurality`"), "{msg}");
    let text = SMALL.replace(
        "roles = [\"guarantor\"]\n\n[[party]]\nid = \"B\"",
        "roles = [\"guarantr\"]\n\n[[party]]\nid = \"B\"",
    );
    let (line, col, msg) = first_error(&text);
    assert_eq!((line, col), (17, 10), "{msg}");
    assert!(msg.contains("unknown variant `guarantr`"), "{msg}");
}

#[test]
fn severity_out_of_range_and_unknown_package_are_both_reported() {
    let text = SMALL
        .replace("min_severity = 1", "min_severity = 7")
        .replace("packages = [\"p\"]", "packages = [\"q\"]");
    let errors = load(&text).expect_err("rejected");
    let lines: Vec<String> = errors
        .errors
        .iter()
        .map(|e| format!("{}:{}", e.line, e.col))
        .collect();
    assert_eq!(errors.errors.len(), 2, "{errors}");
    assert!(errors.to_string().contains("min_severity is 7"), "{errors}");
    assert!(
        errors.to_string().contains("unknown package `q`"),
        "{errors}"
    );
    assert_eq!(lines, vec!["37:16", "38:13"]);
}

#[test]
fn qmv_needs_populations() {
    let text = SMALL.replace("rule = \"majority\"", "rule = \"eu-qmv\"");
    let errors = load(&text).expect_err("rejected");
    assert!(
        errors.to_string().contains("member `A` has none"),
        "{errors}"
    );
    assert_eq!(errors.errors[0].line, 27);
}

#[test]
fn amount_as_float_is_refused() {
    let text = SMALL.replace(
        "description = \"do it\"",
        "description = \"do it\"\namount = 1.5\ncurrency = \"EUR\"",
    );
    let (line, _, msg) = first_error(&text);
    assert_eq!(line, 47, "{msg}");
    assert!(msg.contains("exact decimals"), "{msg}");
}

#[test]
fn syntax_error_is_located() {
    let text = SMALL.replace("id = \"council\"", "id = \"council");
    let (line, _, _) = first_error(&text);
    assert_eq!(line, 25, "the unterminated string");
}

#[test]
fn amendments_pick_the_version_in_force() {
    let v1 = load(SMALL).expect("v1");
    let v2 = load(
        &SMALL
            .replace("version = 1", "version = 2")
            .replace("2026-01-01T00:00:00Z", "2026-06-01T00:00:00Z"),
    )
    .expect("v2");
    let history = CharterHistory::new(vec![v2, v1]).expect("history");
    let at = |s: &str| crate::time::parse_instant(s).expect("instant");
    assert!(history.in_force(at("2025-12-31T23:59:59Z")).is_none());
    assert_eq!(
        history
            .in_force(at("2026-05-31T23:59:59Z"))
            .map(|c| c.version.as_str()),
        Some("1")
    );
    assert_eq!(
        history
            .in_force(at("2026-06-01T00:00:00Z"))
            .map(|c| c.version.as_str()),
        Some("2")
    );
    let dup = CharterHistory::new(vec![load(SMALL).expect("a"), load(SMALL).expect("b")]);
    assert!(matches!(dup, Err(HistoryError::SameEffective { .. })));
}

// --- voting arithmetic, with the EU's 2025 populations ----------------------------------------

fn eu_tally(c: &Charter, against: &[&str], final_: bool) -> Outcome {
    let eu = c.body_idx("eu-council").expect("eu");
    let mut t = Tally::default();
    for p in c.members_at(eu, c.effective) {
        let party = c.party(p);
        let vote = if against.contains(&party.id.as_str()) {
            Choice::No
        } else {
            Choice::Yes
        };
        t.add(party.population.unwrap_or(0), false, Some(vote), false);
    }
    c.body(eu).rule.outcome(&t, final_)
}

#[test]
fn eu_qmv_three_largest_against_is_still_adopted() {
    let c = load(REFERENCE).expect("reference");
    assert_eq!(eu_tally(&c, &["DE", "FR", "IT"], true), Outcome::Adopted);
}

#[test]
fn eu_qmv_four_members_over_35_percent_block() {
    let c = load(REFERENCE).expect("reference");
    assert_eq!(
        eu_tally(&c, &["DE", "FR", "PL", "MT"], true),
        Outcome::NotAdopted
    );
}

#[test]
fn eu_qmv_thirteen_against_fails_on_member_count() {
    let c = load(REFERENCE).expect("reference");
    let smallest = [
        "MT", "LU", "CY", "EE", "LV", "SI", "LT", "HR", "IE", "SK", "FI", "DK", "BG",
    ];
    assert_eq!(eu_tally(&c, &smallest, true), Outcome::NotAdopted);
    assert_eq!(eu_tally(&c, &smallest[..12], true), Outcome::Adopted);
}

#[test]
fn outcome_is_certain_before_everyone_votes() {
    // Majority of 5: three yes settle it whatever the other two do.
    let mut t = Tally::default();
    for vote in [
        Some(Choice::Yes),
        Some(Choice::Yes),
        Some(Choice::Yes),
        None,
        None,
    ] {
        t.add(0, false, vote, true);
    }
    assert_eq!(Rule::Majority.outcome(&t, false), Outcome::Adopted);
    // Three no in a majority of 5: adoption is impossible.
    let mut t = Tally::default();
    for vote in [
        Some(Choice::No),
        Some(Choice::No),
        Some(Choice::Abstain),
        None,
        None,
    ] {
        t.add(0, false, vote, true);
    }
    assert_eq!(Rule::Majority.outcome(&t, false), Outcome::NotAdopted);
    // Unanimity: one open member could still say no.
    let mut t = Tally::default();
    for vote in [Some(Choice::Yes), None] {
        t.add(0, false, vote, true);
    }
    assert_eq!(Rule::Unanimity.outcome(&t, false), Outcome::Open);
    assert_eq!(Rule::Unanimity.outcome(&t, true), Outcome::Adopted);
}

#[test]
fn threshold_with_veto_like_the_security_council() {
    let rule = Rule::Threshold {
        min_yes: 9,
        veto: vec![PartyIdx(0)],
    };
    let mut t = Tally::default();
    t.add(0, true, Some(Choice::No), false);
    for _ in 0..14 {
        t.add(0, false, Some(Choice::Yes), false);
    }
    assert_eq!(rule.outcome(&t, true), Outcome::NotAdopted);
    let mut t = Tally::default();
    t.add(0, true, Some(Choice::Abstain), false);
    for i in 0..14 {
        t.add(
            0,
            false,
            Some(if i < 9 { Choice::Yes } else { Choice::No }),
            false,
        );
    }
    assert_eq!(rule.outcome(&t, true), Outcome::Adopted);
}

// --- robustness: no input makes the loader panic, and every error points inside the text ------

mod robustness {
    use proptest::prelude::*;

    use super::{REFERENCE, load};

    /// The reference charter with one line removed, duplicated, or with a character replaced.
    fn mutated_reference() -> impl Strategy<Value = String> {
        let lines: Vec<String> = REFERENCE.lines().map(str::to_owned).collect();
        let n = lines.len();
        (0..n, 0..3u8, any::<char>(), 0..80usize).prop_map(move |(i, op, c, at)| {
            let mut l = lines.clone();
            match op {
                0 => {
                    l.remove(i);
                }
                1 => {
                    let line = l[i].clone();
                    l.insert(i, line);
                }
                _ => {
                    let mut chars: Vec<char> = l[i].chars().collect();
                    if !chars.is_empty() {
                        let k = at % chars.len();
                        chars[k] = c;
                    }
                    l[i] = chars.into_iter().collect();
                }
            }
            l.join("\n")
        })
    }

    fn check(text: &str) {
        if let Err(d) = load(text) {
            assert!(!d.errors.is_empty());
            let lines = text.lines().count().max(1);
            for e in &d.errors {
                assert!(
                    e.line >= 1 && e.line <= lines + 1,
                    "line {} of {lines}: {e}",
                    e.line
                );
                assert!(e.col >= 1, "{e}");
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn mutated_reference_charters_load_or_fail_with_located_errors(text in mutated_reference()) {
            check(&text);
        }

        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
            let _ = load(&text);
        }

        #[test]
        fn toml_shaped_noise_never_panics(text in "(\\[\\[?[a-z.]{1,12}\\]\\]?\n|[a-z_]{1,12} = (\"[^\"\n]{0,12}\"|[0-9]{1,4}|\\[\\]|\\{\\}|2026-01-01T00:00:00Z)\n){0,30}") {
            let _ = load(&text);
        }
    }
}
