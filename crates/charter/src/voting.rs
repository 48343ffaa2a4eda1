//! Voting rules and their exact arithmetic.
//!
//! Every rule is a predicate over the final ballots of a body's members, and every rule is
//! monotone: turning a member's `no` into `abstain` or `abstain` into `yes` never makes a motion
//! fail. That gives "as soon as the outcome can no longer change" a precise meaning: the motion is
//! certainly adopted when it passes with every open member voting `no`, and certainly not adopted
//! when it fails with every open member voting `yes`. At the deadline, members who have not voted
//! count as abstaining. All arithmetic is on integers (percentages are compared by
//! cross-multiplication), never floats.

use std::fmt;

use serde::Serialize;

use crate::ids::PartyIdx;

/// A member's vote on a motion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Choice {
    Yes,
    No,
    Abstain,
}

/// A qualified-majority rule: a share of members and a share of their population.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Qualified {
    /// Minimum share of members voting yes, in percent.
    pub members_pct: u32,
    /// Minimum share of the members' population held by those voting yes, in percent.
    pub population_pct: u32,
    /// If set: when the population condition fails but fewer than this many members did not vote
    /// yes, the population condition is deemed met (the EU's "blocking minority must include at
    /// least four Council members", TEU Art. 16(4)). The members condition always applies.
    pub blocking_minority_min: Option<u32>,
}

/// How a body decides a motion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    /// Yes from more than half of the members.
    Majority,
    /// More yes than no among the votes cast (abstentions are not counted).
    MajorityOfVotesCast,
    /// No member votes no and at least one votes yes; abstention does not block.
    Unanimity,
    /// A qualified majority; the presets are [`Rule::eu_qmv`] and [`Rule::eu_reinforced_qmv`].
    Qualified(Qualified),
    /// At least `min_yes` yes votes and no `no` from any veto holder (UN Security Council style).
    Threshold { min_yes: u32, veto: Vec<PartyIdx> },
    /// Yes from at least `num`/`den` of the votes cast, yes and no (abstentions are not counted):
    /// "two thirds of the members present and voting", as a legislature overrides a veto.
    VotesCastShare { num: u32, den: u32 },
    /// Unanimity with constructive abstention (Art. 31(1) TEU): abstention does not block, but
    /// abstainers who make up at least a third of the members holding at least a third of the
    /// population prevent adoption. Every explicit abstention under this rule counts as one
    /// qualified by a declaration; members who do not vote are not abstainers.
    UnanimityConstructive,
    /// The rule depends on who proposes the motion (Art. 238(1)-(2) TFEU: a qualified majority
    /// on a proposal from the Commission or the High Representative, a reinforced one
    /// otherwise). A proceeding resolves it when it opens ([`Rule::for_proposer`]); on its own it
    /// is judged as `otherwise`.
    ByProposer {
        proposers: Vec<PartyIdx>,
        then: Box<Rule>,
        otherwise: Box<Rule>,
    },
}

impl Rule {
    /// EU qualified majority: 55% of members, 65% of population, blocking minority of 4.
    pub fn eu_qmv() -> Self {
        Rule::Qualified(Qualified {
            members_pct: 55,
            population_pct: 65,
            blocking_minority_min: Some(4),
        })
    }

    /// EU reinforced qualified majority: 72% of members, 65% of population.
    pub fn eu_reinforced_qmv() -> Self {
        Rule::Qualified(Qualified {
            members_pct: 72,
            population_pct: 65,
            blocking_minority_min: None,
        })
    }

    /// The preset name, if this rule is one.
    pub fn preset_name(&self) -> Option<&'static str> {
        match self {
            Rule::Majority => Some("majority"),
            Rule::MajorityOfVotesCast => Some("majority-of-votes-cast"),
            Rule::Unanimity => Some("unanimity"),
            r if *r == Rule::eu_qmv() => Some("eu-qmv"),
            r if *r == Rule::eu_reinforced_qmv() => Some("eu-reinforced-qmv"),
            Rule::VotesCastShare { num: 2, den: 3 } => Some("two-thirds-of-votes-cast"),
            Rule::UnanimityConstructive => Some("eu-unanimity-constructive"),
            _ => None,
        }
    }

    /// Whether the rule weighs members by population (so every member needs one).
    pub fn needs_population(&self) -> bool {
        match self {
            Rule::ByProposer {
                then, otherwise, ..
            } => then.needs_population() || otherwise.needs_population(),
            r => matches!(r, Rule::Qualified(_) | Rule::UnanimityConstructive),
        }
    }

    /// The rule a motion proposed by `proposer` is decided under (itself, unless it depends on
    /// the proposer; a motion nobody proposed, such as one the engine opens, takes `otherwise`).
    pub fn for_proposer(&self, proposer: Option<PartyIdx>) -> &Rule {
        match self {
            Rule::ByProposer {
                proposers,
                then,
                otherwise,
            } => {
                if proposer.is_some_and(|p| proposers.contains(&p)) {
                    then
                } else {
                    otherwise
                }
            }
            r => r,
        }
    }

    /// Whether the motion passes on these final ballots.
    pub fn passes(&self, b: &Ballots) -> bool {
        // No rule adopts a motion nobody voted for (this also settles empty bodies).
        if b.yes == 0 {
            return false;
        }
        match self {
            Rule::Majority => 2 * u64::from(b.yes) > u64::from(b.members),
            Rule::MajorityOfVotesCast => b.yes > b.no,
            Rule::Unanimity => b.no == 0,
            Rule::Qualified(q) => {
                let members_ok =
                    100 * u64::from(b.yes) >= u64::from(q.members_pct) * u64::from(b.members);
                let population_ok =
                    100 * b.population_yes >= u128::from(q.population_pct) * b.population_total;
                let not_yes = b.members.saturating_sub(b.yes);
                let deemed = q.blocking_minority_min.is_some_and(|min| not_yes < min);
                members_ok && (population_ok || deemed)
            }
            Rule::Threshold { min_yes, .. } => b.yes >= *min_yes && !b.veto_no,
            Rule::VotesCastShare { num, den } => {
                u64::from(*den) * u64::from(b.yes)
                    >= u64::from(*num) * (u64::from(b.yes) + u64::from(b.no))
            }
            Rule::ByProposer { otherwise, .. } => otherwise.passes(b),
            Rule::UnanimityConstructive => {
                // Abstainers block only with both a third of the members and a third of the
                // population (the Treaty's "at least one third ... comprising at least one third").
                let members_block = 3 * u64::from(b.abstain) >= u64::from(b.members);
                let population_block = 3 * b.population_abstain >= b.population_total;
                b.no == 0 && !(members_block && population_block)
            }
        }
    }

    /// The outcome so far. `final_` is true once no more votes can come (the deadline has passed):
    /// open members then count as abstaining.
    pub fn outcome(&self, t: &Tally, final_: bool) -> Outcome {
        if final_ || t.open == 0 {
            return if self.passes(&t.as_final()) {
                Outcome::Adopted
            } else {
                Outcome::NotAdopted
            };
        }
        if self.passes(&t.worst_case()) {
            Outcome::Adopted
        } else if !self.passes(&t.best_case()) {
            Outcome::NotAdopted
        } else {
            Outcome::Open
        }
    }

    /// The fewest yes votes that can adopt the motion in a body of `members`, for count rules.
    pub fn yes_needed(&self, members: u32) -> Option<u32> {
        match self {
            Rule::Majority => Some(members / 2 + 1),
            Rule::Threshold { min_yes, .. } => Some(*min_yes),
            Rule::Qualified(q) => Some(ceil_pct(q.members_pct, u128::from(members)) as u32),
            Rule::ByProposer { otherwise, .. } => otherwise.yes_needed(members),
            Rule::MajorityOfVotesCast
            | Rule::Unanimity
            | Rule::VotesCastShare { .. }
            | Rule::UnanimityConstructive => None,
        }
    }
}

/// `ceil(pct% of total)` in exact integers.
pub fn ceil_pct(pct: u32, total: u128) -> u128 {
    (u128::from(pct) * total).div_ceil(100)
}

/// The outcome under `rule` with a quorum: at least `quorum` members must take part (vote yes,
/// no or abstain explicitly) for the motion to be adopted. A member who has not voted may still
/// stay away, so adoption is certain only once the quorum is present already and the rule
/// passes even if every open member votes no; failure is certain once the rule fails even if
/// every open member votes yes, or the quorum can no longer be reached.
pub fn outcome_with_quorum(rule: &Rule, quorum: Option<u32>, t: &Tally, final_: bool) -> Outcome {
    let Some(quorum) = quorum else {
        return rule.outcome(t, final_);
    };
    let present = t.yes + t.no + t.abstain;
    let reachable = present + if final_ { 0 } else { t.open };
    match rule.outcome(t, final_) {
        _ if reachable < quorum => Outcome::NotAdopted,
        Outcome::Adopted if present >= quorum => Outcome::Adopted,
        // Certain under the rule, but the quorum is not present yet (and can still be).
        Outcome::Adopted => Outcome::Open,
        other => other,
    }
}

/// Whether a motion is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Adopted,
    NotAdopted,
    Open,
}

/// Final ballots: what a rule is evaluated on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Ballots {
    pub members: u32,
    pub yes: u32,
    pub no: u32,
    /// Explicit abstentions (members who did not vote are not counted here).
    pub abstain: u32,
    pub population_yes: u128,
    pub population_abstain: u128,
    pub population_total: u128,
    /// A veto holder voted no.
    pub veto_no: bool,
}

/// The state of a vote in progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Tally {
    pub members: u32,
    pub yes: u32,
    pub no: u32,
    /// Explicit abstentions.
    pub abstain: u32,
    /// Members who have not voted and can still vote.
    pub open: u32,
    #[serde(skip)]
    pub population_yes: u128,
    #[serde(skip)]
    pub population_abstain: u128,
    #[serde(skip)]
    pub population_open: u128,
    #[serde(skip)]
    pub population_total: u128,
    #[serde(skip)]
    pub veto_no: bool,
    #[serde(skip)]
    pub veto_open: bool,
}

impl Tally {
    /// Counts one member: its population, whether it holds a veto, its vote if any, and whether
    /// it can still vote (it has not voted and its participation has not ended).
    pub fn add(&mut self, population: u64, veto_holder: bool, vote: Option<Choice>, open: bool) {
        let population = u128::from(population);
        self.members += 1;
        self.population_total += population;
        match vote {
            Some(Choice::Yes) => {
                self.yes += 1;
                self.population_yes += population;
            }
            Some(Choice::No) => {
                self.no += 1;
                self.veto_no |= veto_holder;
            }
            Some(Choice::Abstain) => {
                self.abstain += 1;
                self.population_abstain += population;
            }
            None if open => {
                self.open += 1;
                self.population_open += population;
                self.veto_open |= veto_holder;
            }
            // Silent and unable to vote any more: counts as abstaining.
            None => {}
        }
    }

    /// Members who have not voted, whether or not they still can.
    pub fn not_voted(&self) -> u32 {
        self.members - self.yes - self.no - self.abstain
    }

    fn as_final(&self) -> Ballots {
        Ballots {
            members: self.members,
            yes: self.yes,
            no: self.no,
            abstain: self.abstain,
            population_yes: self.population_yes,
            population_abstain: self.population_abstain,
            population_total: self.population_total,
            veto_no: self.veto_no,
        }
    }

    /// Every open member votes yes.
    fn best_case(&self) -> Ballots {
        Ballots {
            yes: self.yes + self.open,
            population_yes: self.population_yes + self.population_open,
            ..self.as_final()
        }
    }

    /// Every open member votes no.
    fn worst_case(&self) -> Ballots {
        Ballots {
            no: self.no + self.open,
            veto_no: self.veto_no || self.veto_open,
            ..self.as_final()
        }
    }
}

impl fmt::Display for Choice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Choice::Yes => "yes",
            Choice::No => "no",
            Choice::Abstain => "abstain",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tally of final votes: `(population, vote)` per member; `None` has not voted and can no
    /// longer vote.
    fn tally(votes: &[(u64, Option<Choice>)]) -> Tally {
        let mut t = Tally::default();
        for (population, vote) in votes {
            t.add(*population, false, *vote, false);
        }
        t
    }

    use Choice::{Abstain as A, No as N, Yes as Y};

    #[test]
    fn two_thirds_of_votes_cast_counts_only_yes_and_no() {
        let rule = Rule::VotesCastShare { num: 2, den: 3 };
        assert_eq!(rule.preset_name(), Some("two-thirds-of-votes-cast"));
        // 4-2 is exactly two thirds; abstentions and silence do not count.
        let t = tally(&[
            (0, Some(Y)),
            (0, Some(Y)),
            (0, Some(Y)),
            (0, Some(Y)),
            (0, Some(N)),
            (0, Some(N)),
            (0, Some(A)),
            (0, None),
        ]);
        assert_eq!(rule.outcome(&t, true), Outcome::Adopted);
        // 3-2 is short of two thirds.
        let t = tally(&[
            (0, Some(Y)),
            (0, Some(Y)),
            (0, Some(Y)),
            (0, Some(N)),
            (0, Some(N)),
        ]);
        assert_eq!(rule.outcome(&t, true), Outcome::NotAdopted);
        // Nobody for it: never adopted, even with nobody against.
        assert_eq!(
            rule.outcome(&tally(&[(0, Some(A))]), true),
            Outcome::NotAdopted
        );
    }

    #[test]
    fn two_thirds_is_certain_only_when_the_open_votes_cannot_change_it() {
        let rule = Rule::VotesCastShare { num: 2, den: 3 };
        let mut t = Tally::default();
        for vote in [Some(Y), Some(Y), Some(Y), Some(Y), None, None] {
            t.add(0, false, vote, true);
        }
        // 4 yes, 2 open: two "no" would make 4-2, still two thirds.
        assert_eq!(rule.outcome(&t, false), Outcome::Adopted);
        let mut t = Tally::default();
        for vote in [Some(Y), Some(Y), Some(Y), None, None] {
            t.add(0, false, vote, true);
        }
        // 3 yes, 2 open: 3-2 would fail, 5-0 would pass.
        assert_eq!(rule.outcome(&t, false), Outcome::Open);
    }

    #[test]
    fn constructive_abstention_blocks_with_a_third_of_members_and_of_population() {
        let rule = Rule::UnanimityConstructive;
        assert!(rule.needs_population());
        // 9 members of 27 abstain (a third) holding a third of the population: not adopted.
        let mut votes: Vec<(u64, Option<Choice>)> = vec![(10, Some(A)); 9];
        votes.extend(vec![(10, Some(Y)); 18]);
        assert_eq!(rule.outcome(&tally(&votes), true), Outcome::NotAdopted);
        // The same nine holding less than a third of the population: adopted; they are
        // simply not bound (Art. 31(1) TEU, second subparagraph).
        let mut votes: Vec<(u64, Option<Choice>)> = vec![(1, Some(A)); 9];
        votes.extend(vec![(10, Some(Y)); 18]);
        assert_eq!(rule.outcome(&tally(&votes), true), Outcome::Adopted);
        // Eight abstainers holding most of the population are fewer than a third of 27.
        let mut votes: Vec<(u64, Option<Choice>)> = vec![(100, Some(A)); 8];
        votes.extend(vec![(1, Some(Y)); 19]);
        assert_eq!(rule.outcome(&tally(&votes), true), Outcome::Adopted);
        // A single "no" still blocks; a member who does not vote is not an abstainer.
        let mut votes: Vec<(u64, Option<Choice>)> = vec![(10, Some(Y)); 26];
        votes.push((10, Some(N)));
        assert_eq!(rule.outcome(&tally(&votes), true), Outcome::NotAdopted);
        let mut votes: Vec<(u64, Option<Choice>)> = vec![(10, None); 9];
        votes.extend(vec![(10, Some(Y)); 18]);
        assert_eq!(rule.outcome(&tally(&votes), true), Outcome::Adopted);
    }

    #[test]
    fn a_rule_chosen_by_proposer_takes_its_branch_and_judges_alone_as_otherwise() {
        let rule = Rule::ByProposer {
            proposers: vec![PartyIdx(1), PartyIdx(2)],
            then: Box::new(Rule::eu_qmv()),
            otherwise: Box::new(Rule::eu_reinforced_qmv()),
        };
        assert_eq!(rule.for_proposer(Some(PartyIdx(2))), &Rule::eu_qmv());
        assert_eq!(
            rule.for_proposer(Some(PartyIdx(3))),
            &Rule::eu_reinforced_qmv()
        );
        assert_eq!(rule.for_proposer(None), &Rule::eu_reinforced_qmv());
        assert!(rule.needs_population());
        // 17 of 27 with nearly all the population: enough for QMV, short of the reinforced 20.
        let mut votes: Vec<(u64, Option<Choice>)> = vec![(100, Some(Y)); 17];
        votes.extend(vec![(1, Some(N)); 10]);
        let t = tally(&votes);
        assert_eq!(Rule::eu_qmv().outcome(&t, true), Outcome::Adopted);
        assert_eq!(rule.outcome(&t, true), Outcome::NotAdopted);
        assert_eq!(rule.yes_needed(27), Some(20));
    }

    #[test]
    fn a_quorum_must_be_present_before_adoption_is_certain() {
        let rule = Rule::MajorityOfVotesCast;
        let mut t = Tally::default();
        for vote in [Some(Y), Some(Y), None, None, None] {
            t.add(0, false, vote, true);
        }
        // 2-0 with three open: under the rule alone it is open (three "no" would beat it).
        assert_eq!(
            outcome_with_quorum(&rule, Some(3), &t, false),
            Outcome::Open
        );
        // At the deadline, 2-0 passes the rule, but only two of the three needed took part.
        assert_eq!(rule.outcome(&t, true), Outcome::Adopted);
        assert_eq!(
            outcome_with_quorum(&rule, Some(3), &t, true),
            Outcome::NotAdopted
        );
        assert_eq!(outcome_with_quorum(&rule, None, &t, true), Outcome::Adopted);
        // Unanimity of 5 with four yes and one open: certain under the rule only once the
        // quorum is there.
        let mut t = Tally::default();
        for vote in [Some(Y), Some(Y), Some(Y), Some(Y), None] {
            t.add(0, false, vote, true);
        }
        assert_eq!(Rule::Majority.outcome(&t, false), Outcome::Adopted);
        assert_eq!(
            outcome_with_quorum(&Rule::Majority, Some(4), &t, false),
            Outcome::Adopted
        );
        assert_eq!(
            outcome_with_quorum(&Rule::Majority, Some(5), &t, false),
            Outcome::Open
        );
        // A quorum no longer reachable (members who can no longer vote) settles it at once.
        let mut t = Tally::default();
        for (vote, open) in [(Some(Y), false), (None, false), (None, false), (None, true)] {
            t.add(0, false, vote, open);
        }
        assert_eq!(
            outcome_with_quorum(&rule, Some(3), &t, false),
            Outcome::NotAdopted
        );
    }
}
