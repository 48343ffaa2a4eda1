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

// --- the Stabilization Fund ([fund]) -----------------------------------------------------------

/// A valid `[fund]` section for [`SMALL`].
const FUND: &str = r#"
[fund]
name = "Test Fund"
currency = "EUR"
manager = "A"
quiet_period = "90d"
article = "Art. 6(1)"

[fund.purposes]
peace = ["reconstruction", "macro-assistance"]
conflict = ["budget-support", "reconstruction"]

[[fund.contributor]]
party = "A"
key = "0.75"
paid_in = "300.00"
callable = "600.00"

[[fund.contributor]]
party = "B"
key = 1
callable = "200.50"

[[fund.cap]]
purpose = "budget-support"
amount = "500.00"
per = "30d"
article = "Art. 6(2)"

[fund.surge]
amount = "800.50"
due_within = "30d"
article = "Art. 6(3)"

[fund.tranche]
amount = "100.00"
purpose = "budget-support"
recipient = "ua-ministry-of-finance"
article = "Art. 6(2)"
"#;

fn with_fund() -> String {
    format!("{SMALL}{FUND}")
}

/// 1-based line and column of the only occurrence of `needle` in `text`.
fn pos(text: &str, needle: &str) -> (usize, usize) {
    assert_eq!(text.matches(needle).count(), 1, "{needle:?} is not unique");
    let at = text.find(needle).unwrap_or_default();
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = at - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    (line, col)
}

/// The charter with a fund, `from` replaced by `to` (once; `from` must be unique): its first error
/// must sit where `at` (unique in the changed text) starts, contain `message` and have a help
/// containing `help`.
fn fund_error(from: &str, to: &str, at: &str, message: &str, help: &str) {
    let base = with_fund();
    assert_eq!(base.matches(from).count(), 1, "{from:?} is not unique");
    let text = base.replacen(from, to, 1);
    let errors = load(&text).expect_err("charter must be rejected");
    let e = &errors.errors[0];
    assert_eq!(
        (e.line, e.col),
        pos(&text, at),
        "{from:?} -> {to:?}: {errors}"
    );
    assert!(e.message.contains(message), "{from:?} -> {to:?}: {e}");
    let h = e.help.as_deref().unwrap_or_default();
    assert!(h.contains(help), "{from:?} -> {to:?}: help {h:?} of {e}");
}

#[test]
fn fund_section_parses_with_its_values() {
    let c = load(&with_fund()).unwrap_or_else(|e| panic!("{e}"));
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    let f = c.fund.as_ref().expect("fund");
    let d = |s: &str| s.parse::<rust_decimal::Decimal>().expect("decimal");
    assert_eq!(f.name, "Test Fund");
    assert_eq!(f.currency.code(), "EUR");
    assert_eq!(Some(f.manager), c.party_idx("A"));
    assert_eq!(f.quiet_period.seconds(), 90 * 86_400);
    assert_eq!(f.article.to_string(), "Art. 6(1)");
    let ids = |list: &[PurposeId]| list.iter().map(|p| p.to_string()).collect::<Vec<_>>();
    assert_eq!(
        ids(f.purposes(FundMode::Peace)),
        ["reconstruction", "macro-assistance"]
    );
    assert_eq!(
        ids(f.purposes(FundMode::Conflict)),
        ["budget-support", "reconstruction"]
    );
    assert_eq!(f.contributors.len(), 2);
    let a = &f.contributors[0];
    assert_eq!(Some(a.party), c.party_idx("A"));
    assert_eq!(
        (a.key, a.paid_in, a.callable),
        (d("0.75"), d("300"), d("600"))
    );
    let b = f
        .contributor(c.party_idx("B").expect("B"))
        .expect("B contributes");
    assert_eq!((b.key, b.paid_in, b.callable), (d("1"), d("0"), d("200.5")));
    assert_eq!(f.caps.len(), 1);
    assert_eq!(f.caps[0].purpose.as_str(), "budget-support");
    assert_eq!(f.caps[0].amount, d("500"));
    assert_eq!(f.caps[0].per.seconds(), 30 * 86_400);
    assert_eq!(f.caps[0].article.to_string(), "Art. 6(2)");
    let surge = f.surge.as_ref().expect("surge");
    assert_eq!(surge.amount, d("800.50"));
    assert_eq!(surge.due_within.seconds(), 30 * 86_400);
    assert_eq!(surge.article.to_string(), "Art. 6(3)");
    let tranche = f.tranche.as_ref().expect("tranche");
    assert_eq!(tranche.amount, d("100"));
    assert_eq!(tranche.purpose.as_str(), "budget-support");
    assert_eq!(tranche.recipient.as_str(), "ua-ministry-of-finance");
    assert!(load(SMALL).expect("small").fund.is_none());
}

#[test]
fn fund_optional_parts_may_be_left_out() {
    let text = with_fund();
    let start = text.find("[[fund.cap]]").expect("cap");
    let minimal = text[..start].replace("article = \"Art. 6(1)\"\n", "");
    let c = load(&minimal).unwrap_or_else(|e| panic!("{e}"));
    let f = c.fund.as_ref().expect("fund");
    assert!(f.caps.is_empty() && f.surge.is_none() && f.tranche.is_none());
    assert_eq!(f.article, Article(None));
}

#[test]
fn fund_currency_and_manager_errors_are_located_with_help() {
    let cur = "currency = \"EUR\"";
    fund_error(
        cur,
        "currency = \"EUX\"",
        "\"EUX\"",
        "`EUX` is not an ISO 4217 currency code",
        "ISO 4217 code in capitals",
    );
    fund_error(
        cur,
        "currency = \"eur\"",
        "\"eur\"",
        "not an ISO 4217",
        "in capitals",
    );
    fund_error(
        cur,
        "currency = \"XAU\"",
        "\"XAU\"",
        "has no minor unit",
        "national currency",
    );
    fund_error(
        "manager = \"A\"",
        "manager = \"ZZ\"",
        "\"ZZ\"",
        "unknown party `ZZ`",
        "use one of: UA, A, B",
    );
    fund_error(
        "name = \"Test Fund\"",
        "name = \" \"",
        "\" \"",
        "the fund's name is empty",
        "name it",
    );
}

#[test]
fn fund_purpose_errors_are_located_with_help() {
    fund_error(
        "peace = [\"reconstruction\", \"macro-assistance\"]",
        "peace = []",
        "[]",
        "the fund has no peace purposes",
        "in peace mode",
    );
    fund_error(
        "conflict = [\"budget-support\", \"reconstruction\"]",
        "conflict = []",
        "[]",
        "the fund has no conflict purposes",
        "in conflict mode",
    );
    fund_error(
        "conflict = [\"budget-support\", \"reconstruction\"]",
        "conflict = [\"budget-support\", \"reconstruction\", \"budget-support\"]",
        "\"budget-support\"]",
        "`budget-support` is listed twice",
        "list each purpose once",
    );
    // Id syntax is checked by serde, which locates the list.
    let text = with_fund().replace("\"macro-assistance\"", "\"macro assistance\"");
    let (line, col, msg) = first_error(&text);
    assert_eq!(
        (line, col),
        pos(&text, "[\"reconstruction\", \"macro"),
        "{msg}"
    );
    assert!(msg.contains("an id may contain only"), "{msg}");
}

#[test]
fn fund_contributor_errors_are_located_with_help() {
    fund_error(
        "party = \"B\"\nkey = 1",
        "party = \"ZZ\"\nkey = 1",
        "\"ZZ\"",
        "unknown party `ZZ`",
        "declare it in a [[party]] table",
    );
    fund_error(
        "party = \"B\"\nkey = 1",
        "party = \"A\"\nkey = 1",
        "\"A\"\nkey = 1",
        "`A` contributes twice",
        "one [[fund.contributor]] table",
    );
    fund_error(
        "key = \"0.75\"",
        "key = \"0\"",
        "\"0\"",
        "the contribution key is 0; it must be positive",
        "positive share",
    );
    fund_error(
        "key = 1",
        "key = -2",
        "-2",
        "the contribution key is -2",
        "positive share",
    );
    fund_error(
        "key = 1",
        "key = \"1000000000000.01\"",
        "\"1000000000000.01\"",
        "larger than 10^12",
        "keys are weights",
    );
    fund_error(
        "paid_in = \"300.00\"",
        "paid_in = \"-300.00\"",
        "\"-300.00\"",
        "is negative",
        "zero or a positive amount",
    );
    fund_error(
        "paid_in = \"300.00\"",
        "paid_in = \"300.001\"",
        "\"300.001\"",
        "more decimal places than EUR allows (2)",
        "at most 2 decimal places",
    );
    fund_error(
        "callable = \"200.50\"",
        "callable = \"1000000000000000.01\"",
        "\"1000000000000000.01\"",
        "larger than the largest amount",
        "split it",
    );
    // The largest key, and zero capital, are allowed; the first error of a bad contributor is at its own key.
    let text = with_fund()
        .replace("paid_in = \"300.00\"", "paid_in = 0")
        .replace("key = 1", "key = 1000000000000");
    load(&text).unwrap_or_else(|e| panic!("{e}"));
    let errors = load(&with_fund().replace("key = 1", "key = 0")).expect_err("rejected");
    assert_eq!(
        errors.errors[0]
            .path
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("fund.contributor[1].key")
    );
}

#[test]
fn a_fund_needs_contributors_and_at_most_the_list_limit() {
    let text = with_fund();
    let start = text.find("[[fund.contributor]]").expect("contributors");
    let end = text.find("[[fund.cap]]").expect("caps");
    let none = format!("{}{}", &text[..start], &text[end..]);
    let errors = load(&none).expect_err("rejected");
    let e = &errors.errors[0];
    assert!(
        e.message.contains("the fund has no contributors"),
        "{errors}"
    );
    assert!(
        e.help
            .as_deref()
            .is_some_and(|h| h.contains("[[fund.contributor]]")),
        "{e}"
    );
    assert_eq!(e.line, pos(&none, "[fund]\n").0, "{e}");

    let many = "[[fund.contributor]]\nparty = \"A\"\nkey = 1\n".repeat(CHARTER_ITEMS_MAX + 1);
    let text = format!("{}{many}{}", &text[..start], &text[end..]);
    let errors = load(&text).expect_err("rejected");
    assert!(
        errors
            .to_string()
            .contains("a fund has at most 4096 contributors"),
        "{}",
        errors.errors[0]
    );
}

#[test]
fn fund_cap_errors_are_located_with_help() {
    fund_error(
        "purpose = \"budget-support\"\namount = \"500.00\"",
        "purpose = \"weapons\"\namount = \"500.00\"",
        "\"weapons\"",
        "`weapons` is not one of the fund's purposes",
        "[fund.purposes]: reconstruction, macro-assistance, budget-support",
    );
    fund_error(
        "amount = \"500.00\"",
        "amount = \"0\"",
        "\"0\"",
        "is zero; an amount must be positive",
        "positive amount",
    );
    fund_error(
        "amount = \"500.00\"",
        "amount = \"-5\"",
        "\"-5\"",
        "is negative",
        "positive amount",
    );
    let second = "[[fund.cap]]\npurpose = \"budget-support\"\namount = \"10.00\"\nper = \"1d\"\n\n";
    fund_error(
        "[fund.surge]",
        &format!("{second}[fund.surge]"),
        "\"budget-support\"\namount = \"10.00\"",
        "`budget-support` already has a cap",
        "one [[fund.cap]] per purpose",
    );
}

#[test]
fn fund_surge_and_tranche_errors_are_located_with_help() {
    fund_error(
        "amount = \"800.50\"",
        "amount = \"800.505\"",
        "\"800.505\"",
        "more decimal places than EUR allows",
        "at most 2 decimal places",
    );
    fund_error(
        "amount = \"100.00\"",
        "amount = \"0.00\"",
        "\"0.00\"",
        "is zero",
        "positive amount",
    );
    fund_error(
        "purpose = \"budget-support\"\nrecipient",
        "purpose = \"macro-assistance\"\nrecipient",
        "\"macro-assistance\"\nrecipient",
        "`macro-assistance` is not a conflict purpose",
        "use one of: budget-support, reconstruction",
    );
    let text = with_fund().replace("\"ua-ministry-of-finance\"", "\"UA/MoF\"");
    let (line, col, msg) = first_error(&text);
    assert_eq!((line, col), pos(&text, "\"UA/MoF\""), "{msg}");
    assert!(msg.contains("an id may contain only"), "{msg}");
}

#[test]
fn a_surge_beyond_callable_capital_is_a_warning() {
    let c =
        load(&with_fund().replace("\"800.50\"", "\"800.51\"")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(c.warnings.len(), 1, "{:?}", c.warnings);
    let w = &c.warnings[0];
    assert_eq!(w.path.to_string(), "fund.surge.amount");
    assert!(
        w.message.contains("callable capital totals 800.50 EUR"),
        "{w}"
    );
    assert!(
        w.help
            .as_deref()
            .is_some_and(|h| h.contains("calls are limited to what remains callable")),
        "{w}"
    );
}

#[test]
fn fund_floats_are_refused_at_their_place() {
    for (from, to, what) in [
        ("key = \"0.75\"", "key = 0.75", "keys are exact decimals"),
        (
            "paid_in = \"300.00\"",
            "paid_in = 300.0",
            "amounts are exact decimals",
        ),
        (
            "callable = \"200.50\"",
            "callable = 200.5",
            "amounts are exact decimals",
        ),
        (
            "amount = \"500.00\"",
            "amount = 500.0",
            "amounts are exact decimals",
        ),
        (
            "amount = \"800.50\"",
            "amount = 800.5",
            "amounts are exact decimals",
        ),
        (
            "amount = \"100.00\"",
            "amount = 1e2",
            "amounts are exact decimals",
        ),
    ] {
        let text = with_fund().replacen(from, to, 1);
        let (line, col, msg) = first_error(&text);
        let value = to.split(" = ").nth(1).unwrap_or_default();
        let (want_line, _) = pos(&text, to);
        assert_eq!(line, want_line, "{to}: {msg}");
        assert_eq!(col, to.len() - value.len() + 1, "{to}: {msg}");
        assert!(msg.contains(what), "{to}: {msg}");
    }
}

#[test]
fn unknown_keys_in_the_fund_are_located() {
    for (after, key) in [
        ("quiet_period = \"90d\"", "quiet = \"1d\""),
        (
            "conflict = [\"budget-support\", \"reconstruction\"]",
            "war = []",
        ),
        ("paid_in = \"300.00\"", "share = \"0.5\""),
        ("per = \"30d\"", "every = \"1d\""),
        ("due_within = \"30d\"", "within = \"1d\""),
        ("recipient = \"ua-ministry-of-finance\"", "to = \"UA\""),
    ] {
        let text = with_fund().replacen(after, &format!("{after}\n{key}"), 1);
        let (line, col, msg) = first_error(&text);
        assert_eq!((line, col), pos(&text, key), "{msg}");
        let name = key.split(' ').next().unwrap_or_default();
        assert!(msg.contains(&format!("unknown field `{name}`")), "{msg}");
    }
}

#[test]
fn fund_problems_are_all_reported_at_once() {
    let text = with_fund()
        .replace("manager = \"A\"", "manager = \"ZZ\"")
        .replace("key = 1", "key = 0")
        .replace(
            "purpose = \"budget-support\"\nrecipient",
            "purpose = \"macro-assistance\"\nrecipient",
        );
    let errors = load(&text).expect_err("rejected");
    let paths: Vec<String> = errors
        .errors
        .iter()
        .filter_map(|e| e.path.as_ref().map(ToString::to_string))
        .collect();
    assert_eq!(
        paths,
        [
            "fund.manager",
            "fund.contributor[1].key",
            "fund.tranche.purpose"
        ],
        "{errors}"
    );
}

#[test]
fn obligation_money_uses_real_currencies_and_their_precision() {
    let obligation = |amount: &str, currency: &str| {
        SMALL.replace(
            "description = \"do it\"",
            &format!("description = \"do it\"\namount = {amount}\ncurrency = \"{currency}\""),
        )
    };
    let c = load(&obligation("\"1500.50\"", "EUR")).unwrap_or_else(|e| panic!("{e}"));
    let money = c.packages[0].obligations[0].money.as_ref().expect("money");
    assert_eq!(money.to_string(), "1500.50 EUR");
    load(&obligation("\"0\"", "EUR")).unwrap_or_else(|e| panic!("zero stays allowed: {e}"));
    load(&obligation("\"1500\"", "JPY")).unwrap_or_else(|e| panic!("{e}"));
    for (amount, currency, at, message, help) in [
        (
            "\"1.00\"",
            "EUX",
            "\"EUX\"",
            "`EUX` is not an ISO 4217 currency code",
            "ISO 4217 code",
        ),
        (
            "\"1.00\"",
            "XXX",
            "\"XXX\"",
            "has no minor unit",
            "national currency",
        ),
        (
            "\"1.5\"",
            "JPY",
            "\"1.5\"",
            "more decimal places than JPY allows (0)",
            "at most 0 decimal places",
        ),
        (
            "\"-1\"",
            "EUR",
            "\"-1\"",
            "is negative",
            "zero or a positive amount",
        ),
    ] {
        let text = obligation(amount, currency);
        let errors = load(&text).expect_err("rejected");
        let e = &errors.errors[0];
        assert_eq!((e.line, e.col), pos(&text, at), "{e}");
        assert!(e.message.contains(message), "{e}");
        assert!(e.help.as_deref().is_some_and(|h| h.contains(help)), "{e}");
    }
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

/// `[[log.witness]]`: the witnesses whose cosignatures the log accepts.
const WITNESS_KEY: &str = "w.example+0a1b2c3d+BHVn0p4Bcm0L2cRnCDjxXd4eBBrKXCYSgCS2smXlWUE3";
const LOG_KEY: &str = "log.example+01020304+AXVn0p4Bcm0L2cRnCDjxXd4eBBrKXCYSgCS2smXlWUE3";

fn with_witnesses(witnesses: &str) -> String {
    format!("{SMALL}\n[log]\norigin = \"log.example\"\nkey = \"{LOG_KEY}\"\n{witnesses}")
}

#[test]
fn log_witnesses_are_read() {
    let text = with_witnesses(&format!(
        "\n[[log.witness]]\nname = \"w.example\"\nkey = \"{WITNESS_KEY}\"\nurl = \"https://w.example/\"\n"
    ));
    let c = load(&text).unwrap_or_else(|e| panic!("{e}"));
    let log = c.log.expect("log");
    assert_eq!(log.witnesses.len(), 1);
    assert_eq!(log.witnesses[0].name, "w.example");
    assert_eq!(log.witnesses[0].key, WITNESS_KEY);
    assert_eq!(log.witnesses[0].url.as_deref(), Some("https://w.example/"));
    // Without any, the list is empty.
    assert!(
        load(&with_witnesses(""))
            .unwrap()
            .log
            .unwrap()
            .witnesses
            .is_empty()
    );
}

#[test]
fn log_witness_errors_are_located() {
    let one = |name: &str, key: &str, url: &str| {
        format!("\n[[log.witness]]\nname = \"{name}\"\nkey = \"{key}\"\n{url}")
    };
    let cases = [
        (
            one("w x", WITNESS_KEY, ""),
            "log.witness[0].name",
            "not a witness name",
        ),
        (
            one("other", WITNESS_KEY, ""),
            "log.witness[0].key",
            "not the witness's name",
        ),
        (
            one("w.example", "w.example+xyz+AAAA", ""),
            "log.witness[0].key",
            "key id",
        ),
        (
            one("w.example", WITNESS_KEY, "url = \"http://w.example/\"\n"),
            "log.witness[0].url",
            "https",
        ),
        (
            one("w.example", WITNESS_KEY, "") + &one("w.example", WITNESS_KEY, ""),
            "log.witness[1].name",
            "already named",
        ),
    ];
    for (witnesses, path, message) in cases {
        let text = with_witnesses(&witnesses);
        let errors = load(&text).expect_err(path);
        let e = &errors.errors[0];
        assert_eq!(
            e.path.as_ref().map(ToString::to_string).as_deref(),
            Some(path),
            "{e}"
        );
        assert!(e.message.contains(message), "{e}");
        assert!(e.line > 50, "located in the file: {e}");
    }
}
