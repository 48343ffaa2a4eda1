//! Voting arithmetic with the EU's 2025 populations: qualified majorities, certainty before
//! everyone votes, the Security Council's threshold with vetoes.

use super::*;

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
