//! A proceeding: a body voting on one motion before a deadline (a claim's verification, or a
//! decision). Its members and its governing charter version are fixed when it opens.

use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use snapback_charter::{BodyIdx, Charter, Choice, Duration, PartyIdx, Rule, Tally};

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
    /// `votes[i]` is the vote of `members[i]`, on the motion (yes, no, abstain).
    pub votes: Box<[Option<Choice>]>,
}

impl Proceeding {
    /// Opens a proceeding of `body` at `at`: its members are the body's participants at `at`.
    pub fn open(charter: Arc<Charter>, body: BodyIdx, at: Timestamp, within: Duration) -> Self {
        let members = charter.members_at(body, at).into_boxed_slice();
        let votes = vec![None; members.len()].into_boxed_slice();
        Self {
            deadline: within.after(at),
            charter,
            body,
            opened_at: at,
            members,
            votes,
        }
    }

    pub fn rule(&self) -> &Rule {
        &self.charter.body(self.body).rule
    }

    /// The member slot of a party, if it is a member.
    pub fn slot(&self, party: PartyIdx) -> Option<usize> {
        self.members.binary_search(&party).ok()
    }

    /// The tally with votes still possible from `open_from` on (`None`: no more votes at all).
    pub fn tally(&self, open_from: Option<Timestamp>) -> Tally {
        tally(
            &self.charter,
            self.rule(),
            self.members.iter().copied().zip(self.votes.iter().copied()),
            open_from,
        )
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
