//! Decisions: opened by a party or for a package, voted on, determined; a package that proceeds
//! creates its obligations.

use std::sync::Arc;

use jiff::Timestamp;
use snapback_charter::{BodyId, Choice, ClaimId, DecisionId, Outcome, ProceedIf, Role, Rule};

use super::timers::TimerKind;
use super::{
    Accepted, ClosedDecision, Engine, Judgement, LiveDecision, OnClaim, ProceedingPackage, Purpose,
    Sitting, acting_party, member_ids, voter_slot,
};
use crate::derived::{Basis, DecisionStatus, DecisionTally, Derived, DerivedKind};
use crate::event::{DecisionOpened, Event};
use crate::proceeding::Proceeding;
use crate::rejection::Rejection;

impl Engine {
    /// Every decision opens here, whoever opens it (a party, a package, a renewal, a review):
    /// its deadline, a recheck at each member's departure, and its live record.
    pub(super) fn start_decision(
        &mut self,
        id: DecisionId,
        proceeding: Proceeding,
        purpose: Purpose,
    ) {
        self.schedule(proceeding.deadline, TimerKind::DecisionDeadline(id.clone()));
        for at in proceeding.departures() {
            self.schedule(at, TimerKind::DecisionRecheck(id.clone()));
        }
        self.decisions.insert(
            id,
            LiveDecision {
                proceeding,
                purpose,
            },
        );
    }

    /// A new decision's id must be unused: the bodies' decisions and the fund board's motions
    /// share one space of ids, as `vote.cast` names both.
    pub(super) fn decision_id_free(&self, id: &DecisionId) -> Result<(), Rejection> {
        if self.decisions.contains_key(id)
            || self.closed_decisions.contains_key(id)
            || self.fund.has_motion(id)
        {
            return Err(Rejection::DuplicateDecision {
                decision: id.clone(),
            });
        }
        Ok(())
    }

    pub(super) fn open_decision(
        &mut self,
        event: &Event,
        opened: &DecisionOpened,
        out: &mut Vec<Derived>,
    ) -> Judgement {
        let id = &opened.decision;
        self.decision_id_free(id)?;
        let charter = self.charter_at(event.at)?;
        let party = acting_party(&charter, &event.party, event.at)?;
        let body =
            charter
                .body_idx(opened.body.as_str())
                .ok_or_else(|| Rejection::UnknownBody {
                    body: opened.body.clone(),
                })?;
        let mut deadline = opened.decide_within.after(event.at);
        let mut on = None;
        if let Some(claim) = &opened.claim {
            deadline = deadline.min(self.claim_proceeding_until(claim, &opened.body, event.at)?);
            on = Some((
                claim.clone(),
                self.motion_on_claim(claim, opened, &charter)?,
            ));
        }
        let proceeding = Proceeding::open_until(Arc::clone(&charter), body, event.at, deadline)
            .proposed_by(party);
        // A party whose proposals the body's rule names (the Commission under Art. 238 TFEU)
        // may put a motion to it without being a member.
        let proposer = matches!(&charter.body(body).rule, Rule::ByProposer { proposers, .. } if proposers.contains(&party));
        if !charter.has_role(party, Role::Secretariat)
            && proceeding.slot(party).is_none()
            && !proposer
        {
            return Err(Rejection::MayNotOpen {
                party: event.party.clone(),
                body: opened.body.clone(),
            });
        }
        let accepted = Accepted::DecisionOpened {
            deadline: proceeding.deadline,
            members: member_ids(&proceeding),
        };
        self.start_decision(id.clone(), proceeding, Purpose::Motion { on });
        self.settle_decision(id, event.at, false, out);
        Ok(accepted)
    }

    /// Until when a further motion may run in the proceeding on `claim` before `body`: the
    /// claim's deadline, while the claim is pending or its effect still waits for that deadline.
    fn claim_proceeding_until(
        &self,
        claim: &ClaimId,
        body: &BodyId,
        at: Timestamp,
    ) -> Result<Timestamp, Rejection> {
        let (claim_body, deadline) = match self.claims.get(claim) {
            Some(live) => (
                live.proceeding
                    .charter
                    .body(live.proceeding.body)
                    .id
                    .clone(),
                live.proceeding.deadline,
            ),
            None => match self.closed_claims.get(claim) {
                None => {
                    return Err(Rejection::UnknownClaim {
                        claim: claim.clone(),
                    });
                }
                // An activation determined early whose effect waits for the claim's legal
                // deadline (UNSCR 2231): the proceeding is still running until then.
                Some(c) => match c.deadline {
                    Some(deadline) if deadline > at && c.awaits_effect => {
                        let charter = self.charter_at(at)?;
                        (charter.body(charter.verification.body).id.clone(), deadline)
                    }
                    _ => {
                        return Err(Rejection::ClaimClosed {
                            claim: claim.clone(),
                            status: c.status,
                        });
                    }
                },
            },
        };
        if &claim_body != body {
            return Err(Rejection::NotClaimBody {
                claim: claim.clone(),
                body: body.clone(),
                claim_body,
            });
        }
        Ok(deadline)
    }

    pub(super) fn vote_on_decision(
        &mut self,
        event: &Event,
        id: &DecisionId,
        choice: Choice,
        out: &mut Vec<Derived>,
    ) -> Judgement {
        if let Some(sitting) = self.decision_sittings.get_mut(id)
            && sitting.at == event.at
        {
            let slot = voter_slot(
                &sitting.proceeding,
                &event.party,
                event.at,
                id.as_str(),
                |c| c.to_string(),
            )?;
            sitting.proceeding.record_vote(slot, choice);
            return Ok(Accepted::Recorded);
        }
        let Some(live) = self.decisions.get(id) else {
            return Err(match self.closed_decisions.get(id) {
                None => Rejection::UnknownDecision {
                    decision: id.clone(),
                },
                Some(c) if event.at > c.deadline => Rejection::VoteAfterDeadline {
                    target: id.to_string(),
                    deadline: c.deadline,
                },
                Some(c) => Rejection::DecisionClosed {
                    decision: id.clone(),
                    status: c.status,
                },
            });
        };
        let slot = voter_slot(&live.proceeding, &event.party, event.at, id.as_str(), |c| {
            c.to_string()
        })?;
        if let Some(live) = self.decisions.get_mut(id) {
            live.proceeding.record_vote(slot, choice);
        }
        self.settle_decision(id, event.at, false, out);
        Ok(Accepted::Recorded)
    }

    pub(super) fn settle_decision(
        &mut self,
        id: &DecisionId,
        at: Timestamp,
        final_: bool,
        out: &mut Vec<Derived>,
    ) {
        let Some(live) = self.decisions.get(id) else {
            return;
        };
        let p = &live.proceeding;
        let tally = p.tally();
        let (status, basis) = match p.outcome(final_) {
            Outcome::Open => return,
            Outcome::Adopted => (DecisionStatus::Adopted, Basis::Adopted),
            Outcome::NotAdopted if final_ => {
                (DecisionStatus::NotAdopted, Basis::NotAdoptedByDeadline)
            }
            Outcome::NotAdopted => (DecisionStatus::NotAdopted, Basis::CannotBeAdopted),
        };
        let Some(live) = self.decisions.remove(id) else {
            return;
        };
        out.push(Derived {
            at,
            kind: DerivedKind::DecisionDetermined {
                decision: id.clone(),
                status,
                basis,
                tally: DecisionTally {
                    yes: tally.yes,
                    no: tally.no,
                    abstain: tally.abstain,
                    not_voted: tally.not_voted(),
                },
            },
        });
        self.closed_decisions.insert(
            id.clone(),
            ClosedDecision {
                status,
                deadline: live.proceeding.deadline,
            },
        );
        let LiveDecision {
            proceeding,
            purpose,
        } = live;
        match &purpose {
            &Purpose::Renewal(slot) if status == DecisionStatus::Adopted => {
                self.renewal_adopted(slot, id, at, out);
            }
            &Purpose::Renewal(slot) => self.renewal_failed(slot),
            &Purpose::Review(slot) => self.review_motion_settled(slot, id, status, at, out),
            Purpose::Motion {
                on: Some((claim, on)),
            } if status == DecisionStatus::Adopted => match on {
                OnClaim::Nothing => {}
                OnClaim::Supersede => self.supersede_claim(claim, id, at, out),
                OnClaim::Extend => self.extend_claim(claim, id, at, out),
                OnClaim::Grade {
                    severity,
                    tier,
                    attribution,
                } => self.grade_claim(
                    claim,
                    id,
                    (*severity, tier.clone(), attribution.clone()),
                    at,
                    out,
                ),
            },
            Purpose::Motion { .. } | Purpose::Package(_) => {}
        }
        let charter = Arc::clone(&proceeding.charter);
        self.decision_sittings.insert(
            id.clone(),
            Sitting {
                at,
                proceeding,
                burden: None,
            },
        );
        if let Purpose::Package(pkg) = purpose
            && proceeds(pkg.proceed_if, status)
        {
            self.create_obligations(
                ProceedingPackage {
                    at,
                    charter: &charter,
                    activation: &pkg.activation,
                    package: pkg.package,
                },
                out,
            );
        }
    }
}

/// Whether a package proceeds after its decision.
pub fn proceeds(proceed_if: ProceedIf, status: DecisionStatus) -> bool {
    matches!(
        (proceed_if, status),
        (ProceedIf::Adopted, DecisionStatus::Adopted)
            | (ProceedIf::NotBlocked, DecisionStatus::NotAdopted)
    )
}
