//! A proceeding: a body voting on one motion before a deadline (a claim's verification, or a
//! decision). Its members and its governing charter version are fixed when it opens.
//!
//! The tally is kept up to date vote by vote, so judging whether the outcome has become certain
//! costs the same for a body of 5 or of 500. It is recounted from scratch only when a member's
//! participation ends (a member who has not voted by then can no longer vote).

use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use snapback_charter::{BodyIdx, Charter, Choice, Duration, PartyId, PartyIdx, Rule, Tally};

/// The smallest step of time: the first instant after `at`. An instant `t` is "complete" once
/// time has reached `t + 1ns`; deadlines are inclusive, so a vote at exactly the deadline counts
/// and the deadline fires once the deadline instant is complete.
pub fn just_after(at: Timestamp) -> Timestamp {
    at.saturating_add(SignedDuration::from_nanos(1))
        .unwrap_or(Timestamp::MAX)
}

#[derive(Debug, Clone)]
pub struct Proceeding {
    /// The charter version in force when the proceeding opened; it governs it to the end.
    pub charter: Arc<Charter>,
    pub body: BodyIdx,
    pub opened_at: Timestamp,
    pub deadline: Timestamp,
    /// Members in charter order.
    pub members: Box<[PartyIdx]>,
    /// The same members by id, shared with the events that report them.
    pub member_ids: Arc<[PartyId]>,
    /// `votes[i]` is the vote of `members[i]`, on the motion (yes, no, abstain).
    votes: Box<[Option<Choice>]>,
    tally: Tally,
    /// Veto holders who have not voted and can still vote.
    veto_open: u32,
    /// The rule it is decided under when it is not the body's own (a veto override).
    rule_instead: Option<Box<Rule>>,
}

impl Proceeding {
    /// Opens a proceeding of `body` at `at`: its members are the body's participants at `at`.
    pub fn open(charter: Arc<Charter>, body: BodyIdx, at: Timestamp, within: Duration) -> Self {
        Self::open_until(charter, body, at, within.after(at))
    }

    /// Opens a proceeding of `body` at `at` that must decide by `deadline` (a legal deadline
    /// the caller computed; at least `at`).
    pub fn open_until(
        charter: Arc<Charter>,
        body: BodyIdx,
        at: Timestamp,
        deadline: Timestamp,
    ) -> Self {
        debug_assert!(
            deadline >= at,
            "a proceeding's deadline is not before it opens"
        );
        let members = charter.members_at(body, at).into_boxed_slice();
        let member_ids = members
            .iter()
            .map(|m| charter.party(*m).id.clone())
            .collect();
        let votes = vec![None; members.len()].into_boxed_slice();
        let mut p = Self {
            deadline: deadline.max(at),
            charter,
            body,
            opened_at: at,
            members,
            member_ids,
            votes,
            tally: Tally::default(),
            veto_open: 0,
            rule_instead: None,
        };
        // A rule chosen by proposer is decided as if nobody proposed the motion until a caller
        // says who did (`proposed_by`).
        let rule = &p.charter.body(body).rule;
        if matches!(rule, Rule::ByProposer { .. }) {
            p.rule_instead = Some(Box::new(rule.for_proposer(None).clone()));
        }
        p.recount(at);
        p
    }

    /// The motion was proposed by `party`: a rule chosen by proposer now decides it under the
    /// proposer's branch.
    pub fn proposed_by(mut self, party: PartyIdx) -> Self {
        let rule = &self.charter.body(self.body).rule;
        if matches!(rule, Rule::ByProposer { .. }) {
            self.rule_instead = Some(Box::new(rule.for_proposer(Some(party)).clone()));
            self.recount(self.opened_at);
        }
        self
    }

    /// Opens a proceeding of `body` decided under `rule` instead of the body's own.
    pub fn open_under(
        charter: Arc<Charter>,
        body: BodyIdx,
        rule: Rule,
        at: Timestamp,
        deadline: Timestamp,
    ) -> Self {
        let mut p = Self::open_until(charter, body, at, deadline);
        p.rule_instead = Some(Box::new(rule));
        p.recount(at);
        p
    }

    pub fn rule(&self) -> &Rule {
        self.rule_instead
            .as_deref()
            .unwrap_or(&self.charter.body(self.body).rule)
    }

    /// The outcome so far under the rule and the body's quorum; `final_` once the deadline has
    /// passed.
    pub fn outcome(&self, final_: bool) -> snapback_charter::Outcome {
        snapback_charter::outcome_with_quorum(
            self.rule(),
            self.charter.body(self.body).quorum,
            &self.tally,
            final_,
        )
    }

    /// The member slot of a party, if it is a member.
    pub fn slot(&self, party: PartyIdx) -> Option<usize> {
        self.members.binary_search(&party).ok()
    }

    /// The vote already cast in a slot.
    pub fn vote_in(&self, slot: usize) -> Option<Choice> {
        self.votes.get(slot).copied().flatten()
    }

    /// The current tally (members who can still vote are `open`).
    pub fn tally(&self) -> Tally {
        self.tally
    }

    fn is_veto(&self, party: PartyIdx) -> bool {
        matches!(self.rule(), Rule::Threshold { veto, .. } if veto.contains(&party))
    }

    /// Records a vote from a member who can vote (open), updating the tally in O(1).
    pub fn record_vote(&mut self, slot: usize, choice: Choice) {
        let Some(&party) = self.members.get(slot) else {
            return;
        };
        if self.vote_in(slot).is_some() {
            return;
        }
        let population = u128::from(self.charter.party(party).population.unwrap_or(0));
        let veto = self.is_veto(party);
        let t = &mut self.tally;
        t.open = t.open.saturating_sub(1);
        t.population_open = t.population_open.saturating_sub(population);
        if veto {
            self.veto_open = self.veto_open.saturating_sub(1);
        }
        match choice {
            Choice::Yes => {
                t.yes += 1;
                t.population_yes += population;
            }
            Choice::No => {
                t.no += 1;
                t.veto_no |= veto;
            }
            Choice::Abstain => {
                t.abstain += 1;
                t.population_abstain += population;
            }
        }
        t.veto_open = self.veto_open > 0;
        if let Some(v) = self.votes.get_mut(slot) {
            *v = Some(choice);
        }
    }

    /// Recounts from scratch: members who have not voted are open if they can still vote at
    /// `open_from` or later.
    pub fn recount(&mut self, open_from: Timestamp) {
        self.tally = tally(
            &self.charter,
            self.rule(),
            self.members.iter().copied().zip(self.votes.iter().copied()),
            Some(open_from),
        );
        self.veto_open = self
            .members
            .iter()
            .zip(self.votes.iter())
            .filter(|(m, v)| {
                v.is_none()
                    && self.is_veto(**m)
                    && self
                        .charter
                        .party(**m)
                        .window
                        .until
                        .is_none_or(|u| u >= open_from)
            })
            .count() as u32;
    }

    /// Instants before the deadline at which a member's participation ends: after each, the
    /// outcome may have become certain (a silent member can no longer vote).
    pub fn departures(&self) -> impl Iterator<Item = Timestamp> + '_ {
        self.members.iter().filter_map(move |p| {
            let until = self.charter.party(*p).window.until?;
            (until >= self.opened_at && until < self.deadline).then_some(until)
        })
    }
}

/// Counts ballots under `rule`. A member who has not voted is open if it can still vote at
/// `open_from` or later (its participation window has not ended before `open_from`).
pub fn tally(
    charter: &Charter,
    rule: &Rule,
    ballots: impl Iterator<Item = (PartyIdx, Option<Choice>)>,
    open_from: Option<Timestamp>,
) -> Tally {
    let mut t = Tally::default();
    for (party, vote) in ballots {
        let p = charter.party(party);
        let veto = matches!(rule, Rule::Threshold { veto, .. } if veto.contains(&party));
        let open = vote.is_none()
            && open_from.is_some_and(|from| p.window.until.is_none_or(|u| u >= from));
        t.add(p.population.unwrap_or(0), veto, vote, open);
    }
    t
}
