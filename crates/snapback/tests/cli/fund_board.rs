//! `snapback fund status` and `charter check` on the board's golden scenarios: the rule, each
//! motion, the weighted tally, what was decided and why.

use serde_json::Value;

use crate::{flat, snapback, stderr, stdout};

/// `fund status` on the board scenarios: the board's rule, each motion with its status and the
/// voting power for it, and why; the mode's return to peace names the board's decision; `charter
/// check` words the board; `--json` carries the weighted tally.
#[test]
fn status_shows_the_boards_motions_and_what_they_decided() {
    let out = snapback(&[
        "fund",
        "status",
        "scenarios/54-fund-board-disbursement-and-cap.toml",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = flat(&stdout(&out));
    for part in [
        "Board: more than 50% of the voting power (by capital paid in), decides within 7d",
        "X1 exceptional_disbursement SEC 2026-02-03T00:00:00Z adopted 700.00 of 1,000.00",
        "X2 cap_change FB 2026-02-05T06:00:00Z not adopted 0.00 of 1,000.00",
        "X7 exceptional_disbursement SEC 2026-02-25T00:00:00Z pending 400.00 of 1,000.00",
        "It authorised up to 450.00 EUR for reconstruction to UA, once: disbursement D2 used it.",
        "The cap on reconstruction became 800.00 EUR; it was 500.00 EUR.",
    ] {
        assert!(text.contains(part), "{part}: {text}");
    }
    let out = snapback(&[
        "fund",
        "status",
        "scenarios/53-fund-board-return-to-peace.toml",
        "--json",
    ]);
    let v: Value = serde_json::from_str(&stdout(&out)).expect("json");
    assert_eq!(v["mode"], "peace");
    assert_eq!(v["modes"][1]["decision"], "B2");
    let b1 = &v["board"]["motions"][0];
    assert_eq!(b1["status"], "not_adopted");
    assert_eq!(b1["basis"], "not_adopted_by_deadline");
    assert_eq!(b1["tally"]["yes"], "800.00");
    assert_eq!(b1["tally"]["not_voted"], "250.00");
    assert_eq!(b1["tally"]["total"], "1800.00");
    assert_eq!(v["board"]["motions"][1]["effect"], "returned_to_peace");
    let out = snapback(&["charter", "check", "scenarios/charters/fund-board.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = flat(&stdout(&out));
    for part in [
        "back to peace mode by decision of the board after 30d",
        "Board: contributors weighted by capital paid in, more than 50% of the voting power adopts, within 7d; decides: return_to_peace, exceptional_disbursement (above 400.00 EUR), cap_change [Art. 6(5)]",
    ] {
        assert!(text.contains(part), "{part}: {text}");
    }
}
