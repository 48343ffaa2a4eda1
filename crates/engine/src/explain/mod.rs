//! Explanations: why each claim, decision and activation ended as it did, citing the charter.
//!
//! Rendered from the recorded facts and the charter version that governed them, so the same
//! state always gives the same words. The words are in `locales/{en,uk}/explain.ftl`: every
//! figure, instant, id and charter-supplied name is worked out here and passed as an argument,
//! and each message is a whole clause, so each language orders its words its own way. The
//! words shared by every explanation (rules, tallies, populations, terms) are here; each
//! record's explanation is in its own file.

use snapback_charter::describe::{Case, describe_duration_in, describe_rule};
use snapback_charter::voting::ceil_pct;
use snapback_charter::{Burden, Charter, Choice, Lang, Rule, Tally};
use snapback_i18n::{Catalog, Messages};

use crate::derived::{Basis, Cause, ClaimStatus, DecisionStatus, StageBasis};
use crate::engine::proceeds;
use crate::proceeding::{just_after, tally};
use crate::state::{
    ActivationRecord, ClaimRecord, DecisionRecord, ReviewMotion, State, VoteRecord,
};

mod activations;
mod board;
mod claims;
mod contest;
mod decisions;
mod programmes;
#[cfg(test)]
mod tests;

pub use activations::explain_activation;
pub use board::explain_board_motion;
pub use claims::explain_claim;
pub use decisions::explain_decision;
pub use programmes::explain_programme_tranche;

/// The explanations' words in both languages (the alerts' too).
pub static WORDS: Catalog = snapback_i18n::catalog!("crates/engine", "explain");

/// The explanations' words in `lang`.
pub fn words(lang: Lang) -> Messages<'static> {
    WORDS.lang(lang)
}

/// What the motion needs, in words: "9 of 16" or "yes from 15 members holding 65% ...".
fn needed(w: Messages, rule: &Rule, members: u32) -> String {
    match rule {
        Rule::Majority | Rule::Threshold { .. } => {
            format!("{}", rule.yes_needed(members).unwrap_or(0))
        }
        Rule::Qualified(q) => w.msg_args(
            "needed-qualified",
            &[
                (
                    "members",
                    count(u64::try_from(ceil_pct(q.members_pct, u128::from(members))).unwrap_or(0)),
                ),
                ("pct", q.population_pct.to_string().into()),
            ],
        ),
        Rule::Unanimity => w.msg("needed-unanimity"),
        Rule::UnanimityConstructive => w.msg("needed-unanimity-constructive"),
        Rule::MajorityOfVotesCast => w.msg("needed-majority-of-votes-cast"),
        Rule::VotesCastShare { num, den } => w.msg_args(
            "needed-votes-cast-share",
            &[("num", (*num).into()), ("den", (*den).into())],
        ),
        Rule::ByProposer { otherwise, .. } => needed(w, otherwise, members),
    }
}

/// How a body is named in a sentence: "the Council of the European Union", or "body `qmv`" when
/// the charter gives it no name of its own. `case` is the grammatical case the sentence puts it
/// in (`nom`, `gen`, `dat`, `ins`, `loc`): English ignores it, Ukrainian declines the noun
/// "орган" before the name, which stays as the charter writes it.
fn body_label(w: Messages, body: &snapback_charter::Body, case: &'static str) -> String {
    if body.name == body.id.as_str() {
        w.msg_args(
            "body-unnamed",
            &[("id", body.id.as_str().into()), ("case", case.into())],
        )
    } else {
        w.msg_args(
            "body-named",
            &[("name", body.name.as_str().into()), ("case", case.into())],
        )
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

/// A count as Fluent reads it: a number, so that it selects the plural form.
fn count(n: impl Into<u64>) -> snapback_i18n::FluentValue<'static> {
    snapback_i18n::FluentValue::from(n.into())
}

/// A share in per mille as a percentage to one decimal, with the language's decimal mark
/// ("12.5" in English, "12,5" in Ukrainian).
fn per_mille(w: Messages, permille: u128) -> String {
    let mark = match w.lang() {
        Lang::En => '.',
        Lang::Uk => ',',
    };
    format!("{}{mark}{}", permille / 10, permille % 10)
}

/// The word a vote is cast with (`founded`, `unfounded`, `yes`) in `w`'s language; the message
/// puts the quotes around it.
fn vote_word(w: Messages, word: &str) -> String {
    w.msg_args("vote-word", &[("word", word.to_owned().into())])
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
/// vote after the determination counted as open. `yes_word` is the vote that adopts it
/// (`founded`, `unfounded` or `yes`).
fn why_impossible(w: Messages, rule: &Rule, t: &Tally, yes_word: &str) -> String {
    let best = t.yes + t.open;
    let word = vote_word(w, yes_word);
    match rule {
        Rule::Threshold { .. } if t.veto_no => w.msg("impossible-veto"),
        Rule::Majority | Rule::Threshold { .. } => w.msg_args(
            "impossible-short",
            &[
                ("yes", count(t.yes)),
                ("word", word.into()),
                ("open", count(t.open)),
                ("best", count(best)),
                ("needed", count(rule.yes_needed(t.members).unwrap_or(0))),
            ],
        ),
        Rule::Unanimity => w.msg("impossible-member-no"),
        Rule::ByProposer { otherwise, .. } => why_impossible(w, otherwise, t, yes_word),
        Rule::UnanimityConstructive if t.no > 0 => w.msg("impossible-member-no"),
        Rule::UnanimityConstructive => w.msg_args(
            "impossible-abstentions",
            &[("abstain", count(t.abstain)), ("members", count(t.members))],
        ),
        Rule::VotesCastShare { num, den } => w.msg_args(
            "impossible-votes-cast-share",
            &[
                ("no", count(t.no)),
                ("best", count(best)),
                ("word", word.into()),
                ("num", (*num).into()),
                ("den", (*den).into()),
            ],
        ),
        Rule::MajorityOfVotesCast => w.msg_args(
            "impossible-majority-of-votes-cast",
            &[
                ("no", count(t.no)),
                ("best", count(best)),
                ("word", word.into()),
            ],
        ),
        Rule::Qualified(q) => {
            let population = t.population_yes + t.population_open;
            let permille = (population * 1000)
                .checked_div(t.population_total)
                .unwrap_or(0);
            let members_needed = ceil_pct(q.members_pct, u128::from(t.members));
            let mut short = Vec::new();
            if u128::from(best) < members_needed {
                short.push(w.msg_args(
                    "short-members",
                    &[
                        ("best", count(best)),
                        ("members", count(t.members)),
                        ("needed", members_needed.to_string().into()),
                    ],
                ));
            }
            if 100 * population < u128::from(q.population_pct) * t.population_total {
                let mut text = w.msg_args(
                    "short-population",
                    &[
                        ("share", per_mille(w, permille).into()),
                        ("pct", q.population_pct.to_string().into()),
                    ],
                );
                if let Some(min) = q.blocking_minority_min {
                    text.push_str(", ");
                    text.push_str(&w.msg_args(
                        "short-blocking-minority",
                        &[("count", count(t.members - best)), ("min", count(min))],
                    ));
                }
                short.push(text);
            }
            let and = format!(" {} ", w.msg("word-and"));
            w.msg_args(
                "impossible-qualified",
                &[
                    ("open", count(t.open)),
                    ("word", word.into()),
                    ("short", short.join(&and).into()),
                ],
            )
        }
    }
}

/// The population share voting yes, to one decimal, in exact integer arithmetic, with the space
/// that joins it to the words before it (empty when the rule counts no population).
fn population_note(w: Messages, rule: &Rule, t: &Tally) -> String {
    if !rule.needs_population() || t.population_total == 0 {
        return String::new();
    }
    let permille = t.population_yes * 1000 / t.population_total;
    format!(
        " {}",
        w.msg_args(
            "population-note",
            &[("share", per_mille(w, permille).into())]
        )
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

/// A term in words: `48h` (English keeps the charter's notation), «48 годин», `30 days ending at
/// midnight after the last day (UTC)`: the charter's one wording of terms.
fn term_words(w: Messages, term: &snapback_charter::Term) -> String {
    snapback_charter::describe::describe_term(w.lang(), term)
}

/// Where a deadline is counted from.
#[derive(Debug, Clone, Copy)]
enum CountFrom {
    Filing,
    Reconsideration,
}

/// A deadline counted from an event, as a sentence fragment: `48h after filing`, `30 days
/// ending at midnight after the last day (UTC), counted from filing`.
fn term_from(w: Messages, term: &snapback_charter::Term, from: CountFrom) -> String {
    let from = match from {
        CountFrom::Filing => "filing",
        CountFrom::Reconsideration => "reconsideration",
    };
    let id = match term {
        snapback_charter::Term::Exact(_) => "term-after",
        snapback_charter::Term::Calendar(_) => "term-counted-from",
    };
    w.msg_args(
        id,
        &[("term", term_words(w, term).into()), ("from", from.into())],
    )
}

/// The body's quorum and whether it was met, as a sentence with the space before it (empty
/// without a quorum).
fn quorum_note(
    w: Messages,
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
    let id = if pending {
        "quorum-pending"
    } else if present >= q {
        "quorum-met"
    } else {
        "quorum-not-met"
    };
    format!(
        " {}",
        w.msg_args(id, &[("quorum", count(q)), ("present", count(present))])
    )
}

/// Ids as a comma-separated list.
fn joined(items: &[impl std::fmt::Display]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}
