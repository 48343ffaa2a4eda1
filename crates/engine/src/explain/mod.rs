//! Explanations: why each claim, decision and activation ended as it did, citing the charter.
//!
//! Rendered from the recorded facts and the charter version that governed them, so the same
//! state always gives the same words. The words shared by every explanation (rules, tallies,
//! populations, terms) are here; each record's explanation is in its own file.

use snapback_charter::describe::describe_rule;
use snapback_charter::voting::ceil_pct;
use snapback_charter::{Burden, Charter, Choice, Lang, Rule, Tally};

use crate::derived::{Basis, Cause, ClaimStatus, DecisionStatus, StageBasis};
use crate::engine::proceeds;
use crate::proceeding::{just_after, tally};
use crate::state::{
    ActivationRecord, ClaimRecord, DecisionRecord, ReviewMotion, State, VoteRecord,
};

mod activations;
mod claims;
mod contest;
mod decisions;

pub use activations::explain_activation;
pub use claims::explain_claim;
pub use decisions::explain_decision;

/// What the motion needs, in words: "9 of 16" or "yes from 15 members holding 65% ...".
fn needed(rule: &Rule, members: u32) -> String {
    match rule {
        Rule::Majority | Rule::Threshold { .. } => {
            format!("{}", rule.yes_needed(members).unwrap_or(0))
        }
        Rule::Qualified(q) => format!(
            "{} members holding {}% of the population",
            ceil_pct(q.members_pct, u128::from(members)),
            q.population_pct
        ),
        Rule::Unanimity => "no \"no\" and at least one".to_owned(),
        Rule::UnanimityConstructive => {
            "no \"no\", at least one, and abstainers short of a third of the members or of the population".to_owned()
        }
        Rule::MajorityOfVotesCast => "more than the opposite".to_owned(),
        Rule::VotesCastShare { num, den } => format!("{num}/{den} of the votes cast"),
        Rule::ByProposer { otherwise, .. } => needed(otherwise, members),
    }
}

/// How a body is named in a sentence: "the Council of the European Union", or "body `qmv`" when
/// the charter gives it no name of its own.
fn body_label(body: &snapback_charter::Body) -> String {
    if body.name == body.id.as_str() {
        format!("body `{}`", body.id)
    } else {
        format!("the {}", body.name)
    }
}

/// " (Name)" when a name says more than the id.
fn named(name: &str, id: &str) -> String {
    if name == id {
        String::new()
    } else {
        format!(" ({name})")
    }
}

fn plural(n: u32, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// A tally of recorded votes under the governing charter, for the population figures.
fn recount(
    charter: &Charter,
    rule: &Rule,
    members: &[snapback_charter::PartyId],
    votes: &[VoteRecord],
    to_choice: impl Fn(&str) -> Choice,
    open_from: Option<jiff::Timestamp>,
) -> Tally {
    let ballots = members.iter().filter_map(|m| {
        let idx = charter.party_idx(m.as_str())?;
        let vote = votes
            .iter()
            .find(|v| &v.party == m)
            .map(|v| to_choice(&v.vote));
        Some((idx, vote))
    });
    tally(charter, rule, ballots, open_from)
}

/// Why the motion could no longer be adopted, given the tally with the members who could still
/// vote after the determination counted as open.
fn why_impossible(rule: &Rule, t: &Tally, yes_word: &str) -> String {
    let best = t.yes + t.open;
    match rule {
        Rule::Threshold { .. } if t.veto_no => "a veto holder voted no".to_owned(),
        Rule::Majority | Rule::Threshold { .. } => format!(
            "{} \"{yes_word}\" so far and {} still able to vote make at most {best}, short of the {} needed",
            t.yes,
            plural(t.open, "member", "members"),
            rule.yes_needed(t.members).unwrap_or(0)
        ),
        Rule::Unanimity => "a member voted no".to_owned(),
        Rule::ByProposer { otherwise, .. } => why_impossible(otherwise, t, yes_word),
        Rule::UnanimityConstructive if t.no > 0 => "a member voted no".to_owned(),
        Rule::UnanimityConstructive => format!(
            "{} declared abstentions, at least a third of the {} members and of their population, prevent adoption (Art. 31(1) TEU)",
            t.abstain, t.members
        ),
        Rule::VotesCastShare { num, den } => format!(
            "{} votes against leave the {best} \"{yes_word}\" still possible short of {num}/{den} of the votes cast",
            t.no
        ),
        Rule::MajorityOfVotesCast => format!(
            "{} votes against already match or outnumber the {best} \"{yes_word}\" still possible",
            t.no
        ),
        Rule::Qualified(q) => {
            let population = t.population_yes + t.population_open;
            let permille = (population * 1000)
                .checked_div(t.population_total)
                .unwrap_or(0);
            let members_needed = ceil_pct(q.members_pct, u128::from(t.members));
            let mut short = Vec::new();
            if u128::from(best) < members_needed {
                short.push(format!(
                    "only {best} of {} members ({members_needed} needed)",
                    t.members
                ));
            }
            if 100 * population < u128::from(q.population_pct) * t.population_total {
                let mut text = format!(
                    "only {}.{}% of the population ({}% needed)",
                    permille / 10,
                    permille % 10,
                    q.population_pct
                );
                if let Some(min) = q.blocking_minority_min {
                    text.push_str(&format!(
                        ", with the {} members not voting yes a blocking minority (at least {min})",
                        t.members - best
                    ));
                }
                short.push(text);
            }
            format!(
                "even if {} still able to vote chose \"{yes_word}\", that side would have {}",
                plural(t.open, "member", "members"),
                short.join(" and ")
            )
        }
    }
}

/// The population share voting yes, to one decimal, in exact integer arithmetic.
fn population_note(rule: &Rule, t: &Tally) -> String {
    if !rule.needs_population() || t.population_total == 0 {
        return String::new();
    }
    let permille = t.population_yes * 1000 / t.population_total;
    format!(
        " (the yes side holds {}.{}% of the population)",
        permille / 10,
        permille % 10
    )
}

/// The motion's yes and no in terms of claim verdicts.
fn claim_words(burden: Burden) -> (&'static str, &'static str) {
    match burden {
        Burden::Flipped => ("unfounded", "founded"),
        Burden::Standard => ("founded", "unfounded"),
    }
}

fn claim_choice(burden: Burden, vote: &str) -> Choice {
    let (yes, no) = claim_words(burden);
    if vote == yes {
        Choice::Yes
    } else if vote == no {
        Choice::No
    } else {
        Choice::Abstain
    }
}

fn decision_choice(vote: &str) -> Choice {
    match vote {
        "yes" => Choice::Yes,
        "no" => Choice::No,
        _ => Choice::Abstain,
    }
}

/// A deadline counted from an event, as a sentence fragment: `48h after filing`, `30 days
/// counted from filing, ending at midnight after the last day (UTC)`.
fn term_from(term: &snapback_charter::Term, from: &str) -> String {
    match term {
        snapback_charter::Term::Exact(d) => format!("{d} after {from}"),
        calendar => format!("{calendar}, counted from {from}"),
    }
}

/// The body's quorum and whether it was met, as a sentence (empty without a quorum).
fn quorum_note(
    body: &snapback_charter::Body,
    yes: u32,
    no: u32,
    abstain: u32,
    pending: bool,
) -> String {
    let Some(q) = body.quorum else {
        return String::new();
    };
    let present = yes + no + abstain;
    if pending {
        format!(" A quorum of {q} members must take part; {present} have so far.")
    } else if present >= q {
        format!(" The quorum of {q} members taking part was met ({present} did).")
    } else {
        format!(
            " The quorum of {q} members taking part was not met ({present} did), so the motion could not be adopted."
        )
    }
}
