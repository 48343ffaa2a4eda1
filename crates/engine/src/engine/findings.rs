//! Findings that are contested, graded and undone: the accused side's reply, the body's further
//! motions on a claim (`inconclusive` extends its deadline once; a grading sets the severity and
//! attribution it finds), reconsideration on new evidence, and unwinding an activation that a
//! reconsidered claim no longer supports.

use std::sync::Arc;

use jiff::Timestamp;
use snapback_charter::{
    ActivationId, Charter, ClaimId, DecisionId, MeasureState, PartyId, Role, TierId,
};

use super::measures::Change;
use super::timers::TimerKind;
use super::{
    Accepted, ClosedClaim, Engine, Judgement, LiveClaim, OnClaim, Purpose, Reconsiderable,
    Reopened, acting_party,
};
use crate::derived::{ClaimStatus, Derived, DerivedKind, MeasureCause};
use crate::event::{DecisionOpened, Event, EvidenceContent, Finding, Reply};
use crate::proceeding::Proceeding;
use crate::rejection::Rejection;

impl Engine {
    /// The accused side replies to a pending claim: once, within its window if the truce sets
    /// one. A reply lifts the hold on the determination.
    pub(super) fn file_reply(
        &mut self,
        event: &Event,
        reply: &Reply,
        out: &mut Vec<Derived>,
    ) -> Judgement {
        let live = self.live_claim(&reply.claim, event.at, false)?;
        let Some(accused) = &live.accused else {
            return Err(Rejection::NoRightOfReply {
                claim: reply.claim.clone(),
            });
        };
        if accused != &event.party {
            return Err(Rejection::NotAccused {
                claim: reply.claim.clone(),
                accused: accused.clone(),
            });
        }
        if live.replied {
            return Err(Rejection::AlreadyReplied {
                party: event.party.clone(),
                claim: reply.claim.clone(),
            });
        }
        acting_party(&live.proceeding.charter, &event.party, event.at)?;
        // `reply_until` stays set after the window passes; only a reply clears it.
        if let Some(until) = live.reply_until
            && event.at > until
        {
            return Err(Rejection::ReplyOutOfTime {
                claim: reply.claim.clone(),
                until,
            });
        }
        if let Some(live) = self.claims.get_mut(&reply.claim) {
            live.replied = true;
            live.reply_until = None;
        }
        // The reply may have lifted the only thing holding a certain outcome back.
        self.settle_claim(&reply.claim, event.at, false, out);
        Ok(Accepted::Recorded)
    }

    /// What a further motion on `claim` would do if adopted, or why it cannot be put.
    pub(super) fn motion_on_claim(
        &self,
        claim: &ClaimId,
        opened: &DecisionOpened,
        charter: &Charter,
    ) -> Result<OnClaim, Rejection> {
        if opened.supersedes {
            return Ok(OnClaim::Supersede);
        }
        match &opened.finding {
            None => Ok(OnClaim::Nothing),
            Some(Finding::Inconclusive) => {
                if charter.verification.extension.is_none() {
                    return Err(Rejection::NoExtension);
                }
                match self.claims.get(claim) {
                    Some(live) if live.extended => Err(Rejection::AlreadyExtended {
                        claim: claim.clone(),
                    }),
                    Some(_) => Ok(OnClaim::Extend),
                    // Determined early, waiting for its legal deadline: nothing left to extend.
                    None => Err(Rejection::ClaimClosed {
                        claim: claim.clone(),
                        status: ClaimStatus::Activated,
                    }),
                }
            }
            Some(Finding::Grade {
                severity,
                tier,
                attribution,
            }) => {
                let severity = severity
                    .map(|s| {
                        u8::try_from(s)
                            .ok()
                            .filter(|s| (1..=5).contains(s))
                            .ok_or(Rejection::BadSeverity { severity: s })
                    })
                    .transpose()?;
                if let Some(party) = attribution
                    && charter.party_idx(party.as_str()).is_none()
                {
                    return Err(Rejection::UnknownParty {
                        party: party.clone(),
                    });
                }
                if let Some(tier) = tier
                    && charter.tier_idx(tier.as_str()).is_none()
                {
                    return Err(Rejection::UnknownTier {
                        tier: tier.clone(),
                        defined: charter
                            .tiers
                            .iter()
                            .map(|t| t.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                    });
                }
                Ok(OnClaim::Grade {
                    severity,
                    tier: tier.clone(),
                    attribution: attribution.clone(),
                })
            }
        }
    }

    /// An adopted `inconclusive` motion: the pending claim's deadline moves once by the
    /// charter's extension (its old deadline's timer is then stale).
    pub(super) fn extend_claim(
        &mut self,
        claim: &ClaimId,
        decision: &DecisionId,
        at: Timestamp,
        out: &mut Vec<Derived>,
    ) {
        let Some(live) = self.claims.get_mut(claim) else {
            return;
        };
        let Some(extension) = live.proceeding.charter.verification.extension else {
            return;
        };
        if live.extended {
            return;
        }
        live.extended = true;
        let deadline = extension.after(live.proceeding.deadline);
        live.proceeding.deadline = deadline;
        out.push(Derived {
            at,
            kind: DerivedKind::ClaimExtended {
                claim: claim.clone(),
                decision: decision.clone(),
                deadline,
            },
        });
        self.schedule(deadline, TimerKind::ClaimDeadline(claim.clone()));
    }

    /// An adopted grading: the claim takes effect with the severity (and so the tier) the body
    /// found; the attribution is recorded.
    pub(super) fn grade_claim(
        &mut self,
        claim: &ClaimId,
        decision: &DecisionId,
        (severity, tier, attribution): (Option<u8>, Option<TierId>, Option<PartyId>),
        at: Timestamp,
        out: &mut Vec<Derived>,
    ) {
        let graded = if let Some(live) = self.claims.get_mut(claim) {
            if let Some(s) = severity {
                live.severity = s;
            }
            true
        } else if let Some(closed) = self
            .closed_claims
            .get_mut(claim)
            .filter(|c| c.awaits_effect)
        {
            if let Some(s) = severity {
                closed.severity = s;
            }
            true
        } else {
            false
        };
        if graded {
            if let Some(tier) = &tier {
                self.graded_tiers.insert(claim.clone(), tier.clone());
            }
            out.push(Derived {
                at,
                kind: DerivedKind::ClaimGraded {
                    claim: claim.clone(),
                    decision: decision.clone(),
                    severity,
                    tier,
                    attribution,
                },
            });
        }
    }

    /// Keeps a determined claim for reconsideration while the charter's window is open.
    pub(super) fn keep_for_reconsideration(
        &mut self,
        id: &ClaimId,
        live: &LiveClaim,
        status: ClaimStatus,
        at: Timestamp,
    ) {
        let Some(within) = live.proceeding.charter.verification.reconsider_within else {
            return;
        };
        if !matches!(status, ClaimStatus::Activated | ClaimStatus::Dismissed) {
            return;
        }
        let until = within.after(at);
        self.schedule(until, TimerKind::ReconsiderationCloses(id.clone()));
        // A claim reopened and confirmed keeps the activation it caused the first time.
        let activation = live.reopened.as_ref().and_then(|r| r.activation.clone());
        self.reconsiderable.insert(
            id.clone(),
            Reconsiderable {
                claim: live.clone(),
                status,
                until,
                activation,
            },
        );
    }

    /// New public evidence reopens a determined claim within the charter's window: the body
    /// decides it again from the start, by the charter's deadline counted from now.
    pub(super) fn reconsider(
        &mut self,
        event: &Event,
        id: &ClaimId,
        evidence: &EvidenceContent,
        out: &mut Vec<Derived>,
    ) -> Judgement {
        let Some(kept) = self.reconsiderable.get(id) else {
            return Err(self.why_not_reconsiderable(id));
        };
        if self.closed_claims.get(id).is_some_and(|c| c.awaits_effect) {
            return Err(Rejection::NotReconsiderable {
                claim: id.clone(),
                reason: "its activation waits for its legal deadline, and its proceeding runs until then: a further motion in it can still supersede it".to_owned(),
            });
        }
        let charter = self.charter_at(event.at)?;
        let party = acting_party(&charter, &event.party, event.at)?;
        let live = &kept.claim;
        let may = live.claimant == event.party
            || live.accused.as_ref() == Some(&event.party)
            || live.proceeding.slot(party).is_some()
            || charter.has_role(party, Role::Secretariat);
        if !may {
            return Err(Rejection::MayNotRequestReconsideration {
                party: event.party.clone(),
                claim: id.clone(),
            });
        }
        if live.digests.contains(&evidence.digest) {
            return Err(Rejection::NoNewEvidence {
                claim: id.clone(),
                digest: evidence.digest.clone(),
            });
        }
        let Some(kept) = self.reconsiderable.remove(id) else {
            return Err(self.why_not_reconsiderable(id));
        };
        let mut claim = kept.claim;
        let old = &claim.proceeding;
        let deadline = old.charter.verification.deadline.after(event.at);
        let proceeding =
            Proceeding::open_until(Arc::clone(&old.charter), old.body, event.at, deadline);
        self.schedule(deadline, TimerKind::ClaimDeadline(id.clone()));
        for at in proceeding.departures().collect::<Vec<_>>() {
            self.schedule(at, TimerKind::ClaimRecheck(id.clone()));
        }
        claim.proceeding = proceeding;
        claim.digests.push(evidence.digest.clone());
        if !claim.evidence_kinds.contains(&evidence.source_kind) {
            claim.evidence_kinds.push(evidence.source_kind.clone());
        }
        // The accused already had its say; stages ran in the first round.
        claim.reply_until = None;
        claim.stages.iter_mut().for_each(|s| {
            if s.is_none() {
                *s = Some(crate::derived::StageBasis::Done);
            }
        });
        claim.reopened = Some(Reopened {
            previous: kept.status,
            activation: kept.activation,
        });
        self.closed_claims.remove(id);
        self.claims.insert(id.clone(), claim);
        out.push(Derived {
            at: event.at,
            kind: DerivedKind::ClaimReopened {
                claim: id.clone(),
                previous: kept.status,
                deadline,
            },
        });
        Ok(Accepted::Recorded)
    }

    fn why_not_reconsiderable(&self, id: &ClaimId) -> Rejection {
        let not = |reason: &str| Rejection::NotReconsiderable {
            claim: id.clone(),
            reason: reason.to_owned(),
        };
        if self.claims.contains_key(id) {
            return not("it is still pending: submit the evidence to its proceeding");
        }
        if let Some(until) = self.reconsideration_closed.get(id) {
            return Rejection::ReconsiderationClosed {
                claim: id.clone(),
                until: *until,
            };
        }
        match self.closed_claims.get(id) {
            None => Rejection::UnknownClaim { claim: id.clone() },
            // Determined, and never kept for reconsideration: its charter sets no window.
            Some(ClosedClaim {
                status: status @ (ClaimStatus::Activated | ClaimStatus::Dismissed),
                ..
            }) => not(&format!(
                "it was {} under a charter that sets no reconsideration (`verification.reconsider_within`)",
                status.name()
            )),
            Some(c) => not(&format!("it was {}, not determined", c.status.name())),
        }
    }

    /// A reopened claim is determined again: an activation found unfounded is unwound, a
    /// dismissal found founded takes effect now, and a confirmation changes nothing.
    pub(super) fn redetermined(
        &mut self,
        id: &ClaimId,
        reopened: Reopened,
        status: ClaimStatus,
        severity: u8,
        at: Timestamp,
        out: &mut Vec<Derived>,
    ) {
        match (reopened.previous, status) {
            (ClaimStatus::Activated, ClaimStatus::Dismissed) => {
                if let Some(activation) = &reopened.activation {
                    self.unwind(id, activation, at, out);
                }
                if let Some(r) = self.reconsiderable.get_mut(id) {
                    r.activation = None;
                }
            }
            (ClaimStatus::Dismissed, ClaimStatus::Activated) => {
                self.take_effect(at, id, status, severity, out);
            }
            _ => {}
        }
    }

    /// Reverses what `activation` did that can be reversed: measures it put back in force whose
    /// charter lets them unwind return to their previous state, its open obligations are
    /// cancelled, its package decisions still open no longer create obligations, and the claim
    /// leaves the escalation window. Fulfilled obligations, money released, stock drawn and
    /// restrictions lifted stay as they are, on the record.
    fn unwind(
        &mut self,
        claim: &ClaimId,
        activation: &ActivationId,
        at: Timestamp,
        out: &mut Vec<Derived>,
    ) {
        let reversible: Vec<(usize, MeasureState)> = self
            .snapped
            .remove(activation)
            .unwrap_or_default()
            .into_iter()
            // Acted on since (changed, renewed, or confirmed by a later activation that relies
            // on it): that later act stands.
            .filter(|s| self.measures.live[s.slot].acts == s.acts)
            .map(|s| (s.slot, s.before))
            .collect();
        let prefix = format!("{activation}/");
        let mut obligations: Vec<_> = self
            .obligations
            .keys()
            .filter(|o| o.as_str().starts_with(&prefix))
            .cloned()
            .collect();
        obligations.sort();
        for o in &obligations {
            self.obligations.remove(o);
            self.cancelled.insert(o.clone());
        }
        let mut decisions: Vec<DecisionId> = self
            .decisions
            .iter()
            .filter(
                |(_, d)| matches!(&d.purpose, Purpose::Package(p) if &p.activation == activation),
            )
            .map(|(id, _)| id.clone())
            .collect();
        decisions.sort();
        for d in &decisions {
            if let Some(live) = self.decisions.get_mut(d) {
                live.purpose = Purpose::Motion { on: None };
            }
        }
        self.window
            .retain(|c| !matches!(&c.source, super::CountedSource::Claim(c) if c == claim));
        out.push(Derived {
            at,
            kind: DerivedKind::ClaimUnwound {
                claim: claim.clone(),
                activation: activation.clone(),
                measures: reversible
                    .iter()
                    .map(|(slot, _)| self.measure_id(*slot))
                    .collect(),
                obligations,
                decisions,
            },
        });
        for (slot, before) in reversible {
            let mut change = Change::by(MeasureCause::Unwound);
            change.activation = Some(activation.clone());
            self.change_measure(at, slot, before, change, out);
        }
    }
}
