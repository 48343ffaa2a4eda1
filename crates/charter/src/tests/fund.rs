//! The Stabilization Fund (`[fund]`): its values, and every error located with help.

use super::*;

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
