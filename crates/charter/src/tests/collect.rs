//! One pass finds every mistake: shape errors in several tables, bad values and rule checks
//! together, sorted by position, and no error that only follows from another.

use super::{SMALL, load};

/// Every error of a broken charter as (line, message, hint).
fn all_errors(text: &str) -> Vec<(usize, String, String)> {
    load(text)
        .expect_err("charter must be rejected")
        .errors
        .into_iter()
        .map(|e| (e.line, e.message, e.help.unwrap_or_default()))
        .collect()
}

fn line_of(text: &str, fragment: &str) -> usize {
    let at = text.find(fragment).expect("fragment in text");
    text[..at].matches('\n').count() + 1
}

#[test]
fn unknown_keys_in_several_tables_are_all_reported_in_order() {
    let text = SMALL
        .replacen("title = \"Test\"", "title = \"Test\"\nsubtitle = \"x\"", 1)
        .replacen("name = \"A\"", "name = \"A\"\nnmae = \"A\"", 1)
        .replacen(
            "rule = \"majority\"",
            "rule = \"majority\"\nchair = \"A\"",
            1,
        )
        .replacen("min_severity = 1", "min_severity = 1\ncolour = \"red\"", 1);
    let errors = all_errors(&text);
    let expected = [
        (line_of(&text, "subtitle"), "unknown field `subtitle`"),
        (line_of(&text, "nmae"), "unknown field `nmae`"),
        (line_of(&text, "chair"), "unknown field `chair`"),
        (line_of(&text, "colour"), "unknown field `colour`"),
    ];
    let found: Vec<(usize, &str)> = errors.iter().map(|(l, m, _)| (*l, m.as_str())).collect();
    assert_eq!(found, expected);
    assert_eq!(errors[1].2, "did you mean `name`?");
    // Nothing close to `colour`: the keys of a tier, and only those, are listed.
    assert_eq!(
        errors[3].2,
        "the keys allowed here are: id, name, min_severity, packages, article"
    );
}

#[test]
fn a_bad_value_and_a_rule_check_are_reported_together_by_position() {
    let text = SMALL
        .replacen("claimants = [\"UA\"]", "claimants = [\"UA\", \"XX\"]", 1)
        .replacen(
            "roles = [\"guarantor\"]",
            "roles = [\"guarantor\", \"bogus\"]",
            1,
        );
    let errors = all_errors(&text);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(errors[0].0, line_of(&text, "\"bogus\""));
    assert!(
        errors[0].1.starts_with("unknown variant `bogus`"),
        "{errors:?}"
    );
    assert_eq!(errors[1].0, line_of(&text, "\"XX\""));
    assert_eq!(errors[1].1, "unknown party `XX`");
}

#[test]
fn a_misspelt_key_and_a_misspelt_value_on_consecutive_lines_are_both_reported() {
    let text = SMALL.replacen(
        "decide_within = \"48h\"\nburden = \"flipped\"",
        "decide_witin = \"48h\"\nburden = \"fliped\"",
        1,
    );
    let errors = all_errors(&text);
    let line = line_of(&text, "decide_witin");
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(
        (errors[0].0, errors[0].1.as_str(), errors[0].2.as_str()),
        (
            line,
            "unknown field `decide_witin`",
            "did you mean `decide_within`?"
        )
    );
    assert_eq!(errors[1].0, line + 1);
    assert!(errors[1].1.starts_with("unknown variant `fliped`"));
    assert_eq!(errors[1].2, "did you mean `flipped`?");
}

#[test]
fn an_out_of_range_severity_is_reported_once_without_a_spurious_overlap() {
    let text = SMALL.replacen(
        "[[tier]]\nid = \"t1\"\nmin_severity = 1\npackages = [\"p\"]",
        "[[tier]]\nid = \"t1\"\nmin_severity = 9\npackages = [\"p\"]\n\n[[tier]]\nid = \"t5\"\nmin_severity = 5\npackages = [\"p\"]",
        1,
    );
    let errors = all_errors(&text);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].1, "min_severity is 9");
}

#[test]
fn references_to_an_item_that_failed_to_parse_are_not_reported() {
    // Party A's roles are not a list: A is reported once, and the obligation naming A is not
    // reported as naming an unknown party.
    let text = SMALL.replacen(
        "name = \"A\"\nroles = [\"guarantor\"]",
        "name = \"A\"\nroles = \"guarantor\"",
        1,
    );
    let errors = all_errors(&text);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].1.starts_with("invalid type"), "{errors:?}");
}

#[test]
fn rule_checks_after_a_dropped_item_name_the_document_s_own_index() {
    // party[0] (UA) fails; party[2] (B) repeats A's id. The duplicate is reported at party[2],
    // its place in the file, and nothing about UA's references (beneficiary, claimants).
    let text = SMALL
        .replacen("roles = [\"beneficiary\"]", "roles = 3", 1)
        .replacen("id = \"B\"", "id = \"A\"", 1);
    let errors = load(&text).expect_err("rejected").errors;
    assert_eq!(errors.len(), 2, "{errors:?}");
    let duplicate = &errors[1];
    assert_eq!(duplicate.message, "party `A` is defined twice");
    assert_eq!(
        duplicate.path.as_ref().map(ToString::to_string).as_deref(),
        Some("party[2].id")
    );
    assert_eq!(duplicate.line, line_of(&text, "id = \"A\"\nname = \"B\""));
}

#[test]
fn a_key_too_many_does_not_hold_back_the_rule_checks() {
    // `subtitle` is no misspelling of a key the header lacks: the header is otherwise as
    // written, so the rule checks run and find the unknown claimant in the same report.
    let text = SMALL
        .replacen("title = \"Test\"", "title = \"Test\"\nsubtitle = \"x\"", 1)
        .replacen("claimants = [\"UA\"]", "claimants = [\"UA\", \"XX\"]", 1);
    let errors = all_errors(&text);
    let found: Vec<&str> = errors.iter().map(|(_, m, _)| m.as_str()).collect();
    assert_eq!(found, ["unknown field `subtitle`", "unknown party `XX`"]);
}

#[test]
fn a_misspelling_of_an_absent_optional_key_holds_back_the_checks_on_its_table() {
    // `artcle` is `article` misspelt: read without it, the verification would carry a
    // substituted default, so the rule checks wait until it is fixed.
    let text = SMALL
        .replacen(
            "burden = \"flipped\"",
            "burden = \"flipped\"\nartcle = \"Art. 3\"",
            1,
        )
        .replacen("claimants = [\"UA\"]", "claimants = [\"UA\", \"XX\"]", 1);
    let errors = all_errors(&text);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].1, "unknown field `artcle`");
    assert_eq!(errors[0].2, "did you mean `article`?");
}
