//! Loading charters: the reference charter, and broken charters whose errors must name the place.
//! One file per concern: loading here, then `voting`, `fund`, `robustness`, `witnesses`.

use crate::voting::{Choice, Outcome, Tally};
use crate::*;

mod board;
mod collect;
mod fund;
mod programmes;
mod robustness;
mod voting;
mod witnesses;

const REFERENCE: &str = include_str!("../../../../charters/ukraine.toml");

fn load(text: &str) -> Result<Charter, Diagnostics> {
    load_toml(&Source::new("test.toml", text))
}

/// Every error of `text` as (path, message, help).
fn errors(text: &str) -> Vec<(String, String, String)> {
    let d: Diagnostics = load(text).expect_err("charter must be rejected");
    d.errors
        .into_iter()
        .map(|e| {
            (
                e.path.map(|p| p.to_string()).unwrap_or_default(),
                e.message,
                e.help.unwrap_or_default(),
            )
        })
        .collect()
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
    let f = c
        .fund
        .as_ref()
        .expect("the reference charter sets up the fund");
    assert_eq!(f.currency.code(), "EUR");
    assert_eq!(c.party(f.manager).id.as_str(), "USF");
    let ids: Vec<&str> = f
        .contributors
        .iter()
        .map(|k| c.party(k.party).id.as_str())
        .collect();
    assert_eq!(ids, ["US", "DE", "JP", "GB", "FR", "IT", "CA"]);
    let keys: rust_decimal::Decimal = f.contributors.iter().map(|k| k.key).sum();
    assert_eq!(keys, rust_decimal::Decimal::ONE, "the keys sum to 1");
    let callable: rust_decimal::Decimal = f.contributors.iter().map(|k| k.callable).sum();
    assert!(f.surge.as_ref().is_some_and(|s| s.amount <= callable));
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
    let text = SMALL.replace("rule = \"majority\"", "rule = \"majority\"\nchair = 3");
    let (line, col, msg) = first_error(&text);
    assert_eq!((line, col), (28, 1), "{msg}");
    assert!(msg.contains("unknown field `chair`"), "{msg}");
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
