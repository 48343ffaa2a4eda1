//! `[[fund.programme]]`: tranches against conditions, and every mistake located with help.

use super::{SMALL, errors, load};
use crate::ConditionKind;

const FUND: &str = r#"
[fund]
name = "Test Fund"
currency = "EUR"
manager = "A"
quiet_period = "90d"
article = "Art. 6"

[fund.purposes]
peace = ["budget-support", "reconstruction"]
conflict = ["budget-support"]

[[fund.contributor]]
party = "A"
key = "1"

[[fund.programme]]
id = "ukraine-plan"
name = "Ukraine Plan budget support"
recipient = "UA"
purpose = "budget-support"

[[fund.programme.tranche]]
id = "T1"
amount = "4000.00"
by = { local = "2026-06-30T23:59", zone = "Europe/Brussels" }

[[fund.programme.tranche.condition]]
id = "judicial-reform"
kind = "milestone"
text = "The judicial reform law is adopted"
verifier = "B"

[[fund.programme.tranche.condition]]
id = "imf-review-7"
kind = "imf_review"
text = "The seventh review is completed"
verifier = "A"
"#;

fn with_programme() -> String {
    format!("{SMALL}{FUND}")
}

#[test]
fn a_programme_loads_with_its_tranches_conditions_and_verifiers() {
    let c = load(&with_programme()).unwrap_or_else(|e| panic!("{e}"));
    let f = c.fund.as_ref().expect("fund");
    let p = &f.programmes[0];
    assert_eq!(p.id.as_str(), "ukraine-plan");
    // No article of its own: the fund's is cited.
    assert!(p.article.0.is_none());
    let t = &p.tranches[0];
    // Legal time: 23:59 in Brussels on 30 June 2026 is 21:59 UTC (summer time).
    assert_eq!(t.by.to_string(), "2026-06-30T21:59:00Z");
    assert_eq!(t.conditions.len(), 2);
    assert_eq!(t.conditions[1].kind, ConditionKind::ImfReview);
    assert_eq!(c.party(t.conditions[0].verifier).id.as_str(), "B");
}

#[test]
fn programme_mistakes_are_all_reported_at_their_place_with_help() {
    let text = with_programme()
        .replace(
            "purpose = \"budget-support\"\n\n[[fund.programme.tranche]]",
            "purpose = \"reconstruction\"\n\n[[fund.programme.tranche]]",
        )
        .replace("verifier = \"B\"", "verifier = \"EC\"")
        .replace("id = \"imf-review-7\"", "id = \"judicial-reform\"")
        .replace("text = \"The seventh review is completed\"", "text = \" \"");
    let found = errors(&text);
    let want = [
        (
            "fund.programme[0].purpose",
            "`reconstruction` is not a purpose of both of the fund's modes",
            "use one of: budget-support",
        ),
        (
            "fund.programme[0].tranche[0].condition[0].verifier",
            "unknown party `EC`",
            "",
        ),
        (
            "fund.programme[0].tranche[0].condition[1].id",
            "condition `judicial-reform` is listed twice",
            "its own id",
        ),
        (
            "fund.programme[0].tranche[0].condition[1].text",
            "the condition's text is empty",
            "as the instrument words it",
        ),
    ];
    for (path, message, help) in want {
        assert!(
            found
                .iter()
                .any(|(p, m, h)| p == path && m.contains(message) && h.contains(help)),
            "no {path}: {message} in {found:#?}"
        );
    }
}

#[test]
fn a_tranche_needs_a_condition_and_a_programme_a_tranche() {
    let no_condition = with_programme();
    let cut = no_condition
        .find("\n[[fund.programme.tranche.condition]]")
        .expect("conditions");
    let found = errors(&no_condition[..cut]);
    assert!(
        found
            .iter()
            .any(|(p, m, h)| p == "fund.programme[0].tranche[0].condition"
                && m.contains("has no condition")
                && h.contains("disbursement")),
        "{found:#?}"
    );
    let cut = no_condition
        .find("\n[[fund.programme.tranche]]")
        .expect("tranche");
    let found = errors(&no_condition[..cut]);
    assert!(
        found
            .iter()
            .any(|(p, m, _)| p == "fund.programme[0].tranche" && m.contains("has no tranche")),
        "{found:#?}"
    );
}

#[test]
fn an_unknown_condition_kind_names_the_kinds() {
    let text = with_programme().replace("kind = \"milestone\"", "kind = \"benchmark\"");
    let d = load(&text).expect_err("rejected");
    let e = &d.errors[0];
    assert!(e.message.contains("benchmark"), "{d}");
    let all = format!("{d}");
    assert!(
        all.contains("milestone") && all.contains("imf_review"),
        "{d}"
    );
}

#[test]
fn a_contributor_may_name_the_parliament_its_surge_shares_wait_on() {
    let text = with_programme().replace(
        "party = \"A\"\nkey = \"1\"",
        "party = \"A\"\nkey = \"1\"\nappropriation = \"United States Congress\"",
    );
    let c = load(&text).unwrap_or_else(|e| panic!("{e}"));
    let f = c.fund.as_ref().expect("fund");
    assert_eq!(
        f.contributors[0].appropriation.as_deref(),
        Some("United States Congress")
    );
    let found = errors(&with_programme().replace(
        "party = \"A\"\nkey = \"1\"",
        "party = \"A\"\nkey = \"1\"\nappropriation = \"  \"",
    ));
    assert!(
        found
            .iter()
            .any(|(p, m, h)| p == "fund.contributor[0].appropriation"
                && m.contains("the parliament's name is empty")
                && h.contains("leave the key out")),
        "{found:#?}"
    );
}
