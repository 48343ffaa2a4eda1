//! `[fund.board]`: the contributors' board, its weights, threshold and powers, and every mistake
//! located with help.

use super::{SMALL, errors, load};
use crate::{BoardPower, BoardThreshold, BoardWeights};

const FUND: &str = r#"
[fund]
name = "Test Fund"
currency = "EUR"
manager = "A"
quiet_period = "90d"

[fund.purposes]
peace = ["reconstruction"]
conflict = ["budget-support", "reconstruction"]

[[fund.contributor]]
party = "A"
key = "0.6"

[[fund.contributor]]
party = "B"
key = "0.4"

[[fund.cap]]
purpose = "reconstruction"
amount = "500.00"
per = "30d"

[fund.board]
weights = "key"
threshold = "at least 85%"
decide_within = "14d"
powers = ["cap_change", "return_to_peace", "exceptional_disbursement"]
exceptional_above = "400.00"
article = "Art. 6(5)"
"#;

fn with_board() -> String {
    format!("{SMALL}{FUND}")
}

fn has(found: &[(String, String, String)], path: &str, message: &str, help: &str) -> bool {
    found
        .iter()
        .any(|(p, m, h)| p == path && m.contains(message) && h.contains(help))
}

#[test]
fn a_board_loads_with_its_weights_threshold_and_powers_in_order() {
    let c = load(&with_board()).unwrap_or_else(|e| panic!("{e}"));
    let b = c
        .fund
        .as_ref()
        .and_then(|f| f.board.as_ref())
        .expect("board");
    assert_eq!(b.weights, BoardWeights::Key);
    assert_eq!(
        b.threshold,
        BoardThreshold::AtLeast("85".parse().unwrap_or_default())
    );
    assert_eq!(b.decide_within.to_string(), "14d");
    assert_eq!(
        b.powers,
        vec![
            BoardPower::ReturnToPeace,
            BoardPower::ExceptionalDisbursement,
            BoardPower::CapChange
        ]
    );
    assert_eq!(
        b.exceptional_above.map(|a| a.to_string()),
        Some("400.00".into())
    );
    assert_eq!(b.article.0.as_deref(), Some("Art. 6(5)"));
}

#[test]
fn board_mistakes_are_all_reported_at_their_place_with_help() {
    let text = with_board()
        .replace("threshold = \"at least 85%\"", "threshold = \"85%\"")
        .replace(
            "powers = [\"cap_change\", \"return_to_peace\", \"exceptional_disbursement\"]",
            "powers = [\"cap_change\", \"cap_change\"]",
        );
    let found = errors(&text);
    assert!(
        has(
            &found,
            "fund.board.threshold",
            "`85%` is not a voting threshold",
            "at least P%"
        ),
        "{found:#?}"
    );
    assert!(
        has(
            &found,
            "fund.board.powers[1]",
            "`cap_change` is listed twice",
            "once"
        ),
        "{found:#?}"
    );
    assert!(
        has(
            &found,
            "fund.board.exceptional_above",
            "no power over exceptional disbursements",
            "add \"exceptional_disbursement\""
        ),
        "{found:#?}"
    );
}

#[test]
fn an_exceptional_power_needs_its_amount_and_a_cap_power_a_cap() {
    let text = with_board().replace("exceptional_above = \"400.00\"\n", "");
    let found = errors(&text);
    assert!(
        has(
            &found,
            "fund.board.powers",
            "above what is not said",
            "exceptional_above"
        ),
        "{found:#?}"
    );
    let cut_start = with_board().find("[[fund.cap]]").expect("cap");
    let cut_end = with_board().find("[fund.board]").expect("board");
    let mut no_cap = with_board();
    no_cap.replace_range(cut_start..cut_end, "");
    let found = errors(&no_cap);
    assert!(
        has(
            &found,
            "fund.board.powers",
            "change caps, but the fund has none",
            "[[fund.cap]]"
        ),
        "{found:#?}"
    );
    let found = errors(&with_board().replace(
        "powers = [\"cap_change\", \"return_to_peace\", \"exceptional_disbursement\"]",
        "powers = []",
    ));
    assert!(
        has(
            &found,
            "fund.board.powers",
            "the board has no powers",
            "return_to_peace"
        ),
        "{found:#?}"
    );
}

#[test]
fn the_switch_to_conflict_mode_is_never_a_board_power() {
    let text = with_board().replace(
        "\"cap_change\", \"return_to_peace\"",
        "\"switch_to_conflict\", \"return_to_peace\"",
    );
    let d = load(&text).expect_err("rejected");
    let all = format!("{d}");
    assert!(all.contains("switch_to_conflict"), "{d}");
    assert!(
        all.contains("return_to_peace") && all.contains("cap_change"),
        "{d}"
    );
}

#[test]
fn a_board_needs_contributors_to_sit_on_it() {
    let mut text = with_board();
    for contributor in [
        "[[fund.contributor]]\nparty = \"A\"\nkey = \"0.6\"\n\n",
        "[[fund.contributor]]\nparty = \"B\"\nkey = \"0.4\"\n\n",
    ] {
        text = text.replace(contributor, "");
    }
    let found = errors(&text);
    assert!(
        has(
            &found,
            "fund.board",
            "the board has no members",
            "[[fund.contributor]]"
        ),
        "{found:#?}"
    );
}
