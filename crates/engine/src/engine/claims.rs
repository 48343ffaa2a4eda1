//! Claims: filing, evidence, meetings, votes, withdrawal, and the determination.

use std::sync::Arc;

use jiff::Timestamp;
use snapback_charter::{Burden, Charter, Choice, ClaimId, DecisionId, Effect, Outcome, Role};

use super::timers::TimerKind;
use super::{
    Accepted, ClosedClaim, Engine, Judgement, LiveClaim, Sitting, acting_party, member_ids,
    voter_slot,
};
use crate::derived::{Basis, ClaimStatus, ClaimTally, Derived, DerivedKind};
use crate::event::{ClaimFiled, Event, Evidence, Verdict};
use crate::proceeding::Proceeding;
use crate::rejection::Rejection;
use snapback_charter::{BodyIdx, Duration, PartyId, PartyIdx, TruceId};

impl Engine {
    pub(super) fn file_claim(
        &mut self,
        event: &Event,
        filed: &ClaimFiled,
        out: &mut Vec<Derived>,
    ) -> Judgement {
        let id = &filed.claim;
        if self.claims.contains_key(id) || self.closed_claims.contains_key(id) {
            return Err(Rejection::DuplicateClaim { claim: id.clone() });
        }
        let checked = self.check_filing(event, filed);
        let Filing {
            charter,
            severity,
            body,
            accused,
            reply_within,
        } = match checked {
            Ok(ok) => ok,
            Err(rejection) if !self.record_refused_filings => return Err(rejection),
            Err(rejection) => {
                // An invalid filing is part of the record: the id now names a rejected claim.
                self.closed_claims.insert(
                    id.clone(),
                    ClosedClaim {
                        status: ClaimStatus::Rejected,
                        deadline: None,
                        awaits_effect: false,
                        severity: 0,
                    },
                );
                return Err(rejection);
            }
        };
        let v = &charter.verification;
        let proceeding = Proceeding::open_until(
            Arc::clone(&charter),
            body,
            event.at,
            v.deadline.after(event.at),
        );
        self.schedule(proceeding.deadline, TimerKind::ClaimDeadline(id.clone()));
        let departures: Vec<Timestamp> = proceeding.departures().collect();
        for at in departures {
            self.schedule(at, TimerKind::ClaimRecheck(id.clone()));
        }
        // The right of reply holds the determination until the reply or the window's end.
        let reply_until = reply_within
            .map(|w| w.after(event.at))
            .filter(|until| *until < proceeding.deadline);
        if let Some(until) = reply_until {
            self.schedule(until, TimerKind::ClaimRecheck(id.clone()));
        }
        if let Some(incident) = &filed.allegation.incident {
            self.incidents.insert(incident.clone(), id.clone());
        }
        let accepted = Accepted::ClaimOpened {
            deadline: proceeding.deadline,
            body: charter.body(body).id.clone(),
            members: member_ids(&proceeding),
            charter_version: charter.version.clone(),
            accused: accused.clone(),
            reply_until,
        };

        self.claims.insert(
            id.clone(),
            LiveClaim {
                claimant: event.party.clone(),
                severity,
                burden: v.burden,
                evidence_required: v.evidence.as_ref().map_or(0, |e| e.min_source_kinds),
                evidence_kinds: Vec::new(),
                proceeding,
                stages: vec![None; v.stages.len()],
                accused,
                reply_until,
                replied: false,
                extended: false,
                digests: Vec::new(),
                incident: filed.allegation.incident.clone(),
                reopened: None,
            },
        );
        self.schedule_stages(id, &charter, event.at);
        if let Some(fund) = &charter.fund
            && let Some(d) = self.fund.reserve(event.at, fund, id)
        {
            out.push(d);
        }
        // A body with no members that can vote may already have decided.
        self.settle_claim(id, event.at, false, out);
        Ok(accepted)
    }

    fn check_filing(&self, event: &Event, filed: &ClaimFiled) -> Result<Filing, Rejection> {
        let charter = self.charter_at(event.at)?;
        let party = acting_party(&charter, &event.party, event.at)?;
        let allegation = &filed.allegation;
        let (body, accused, reply_within) = match &allegation.truce {
            Some(truce) => {
                let (body, accused, reply_within) =
                    check_truce(&charter, truce, party, event, filed)?;
                (body, Some(accused), reply_within)
            }
            None => {
                if !charter.verification.claimants.contains(&party) {
                    let claimants: Vec<&str> = charter
                        .verification
                        .claimants
                        .iter()
                        .map(|p| charter.party(*p).id.as_str())
                        .collect();
                    return Err(Rejection::NoStanding {
                        party: event.party.clone(),
                        claimants: claimants.join(", "),
                    });
                }
                if let Some(accused) = &allegation.accused {
                    let idx = charter.party_idx(accused.as_str()).ok_or_else(|| {
                        Rejection::UnknownParty {
                            party: accused.clone(),
                        }
                    })?;
                    if idx == party {
                        return Err(Rejection::AccusesItself {
                            party: accused.clone(),
                        });
                    }
                }
                (charter.verification.body, allegation.accused.clone(), None)
            }
        };
        let severity = u8::try_from(filed.severity)
            .ok()
            .filter(|s| (1..=5).contains(s))
            .ok_or(Rejection::BadSeverity {
                severity: filed.severity,
            })?;
        if let Some(occurred_at) = filed.occurred_at
            && occurred_at > event.at
        {
            return Err(Rejection::OccurredAfterFiling {
                occurred_at,
                at: event.at,
            });
        }
        if let Some(incident) = &allegation.incident
            && let Some(earlier) = self.incidents.get(incident)
        {
            return Err(Rejection::DuplicateAllegation {
                incident: incident.clone(),
                earlier: earlier.clone(),
            });
        }
        Ok(Filing {
            charter,
            severity,
            body,
            accused,
            reply_within,
        })
    }

    /// The live claim `id`, or the reason it is not live.
    pub(super) fn live_claim(
        &self,
        id: &ClaimId,
        at: Timestamp,
        voting: bool,
    ) -> Result<&LiveClaim, Rejection> {
        if let Some(live) = self.claims.get(id) {
            return Ok(live);
        }
        match self.closed_claims.get(id) {
            None => Err(Rejection::UnknownClaim { claim: id.clone() }),
            Some(c) if c.status == ClaimStatus::Rejected => {
                Err(Rejection::ClaimWasRejected { claim: id.clone() })
            }
            Some(ClosedClaim {
                deadline: Some(deadline),
                ..
            }) if voting && at > *deadline => Err(Rejection::VoteAfterDeadline {
                target: id.to_string(),
                deadline: *deadline,
            }),
            Some(c) => Err(Rejection::ClaimClosed {
                claim: id.clone(),
                status: c.status,
            }),
        }
    }

    pub(super) fn withdraw_claim(
        &mut self,
        event: &Event,
        id: &ClaimId,
        out: &mut Vec<Derived>,
    ) -> Judgement {
        let live = self.live_claim(id, event.at, false)?;
        if live.claimant != event.party {
            return Err(Rejection::NotFiler {
                claim: id.clone(),
                filer: live.claimant.clone(),
            });
        }
        let (deadline, severity) = (live.proceeding.deadline, live.severity);
        if let Some(live) = self.claims.remove(id)
            && let Some(incident) = &live.incident
        {
            // A withdrawn allegation does not bar a later one about the same incident.
            self.incidents.remove(incident);
        }
        self.closed_claims.insert(
            id.clone(),
            ClosedClaim {
                status: ClaimStatus::Withdrawn,
                deadline: Some(deadline),
                awaits_effect: false,
                severity,
            },
        );
        if let Some(d) = self.fund.settle_tranche(event.at, None, id, None) {
            out.push(d);
        }
        Ok(Accepted::Recorded)
    }

    /// An adopted motion supersedes `claim`: a pending claim closes undetermined, an activation
    /// waiting for its legal deadline never takes effect, and the claim's tranche is voided. A
    /// claim that has already taken effect or closed otherwise is left as it is.
    pub(super) fn supersede_claim(
        &mut self,
        claim: &ClaimId,
        decision: &DecisionId,
        at: Timestamp,
        out: &mut Vec<Derived>,
    ) {
        let (deadline, severity) = match self.claims.remove(claim) {
            Some(live) => (live.proceeding.deadline, live.severity),
            None => match self.closed_claims.get(claim) {
                Some(ClosedClaim {
                    status: ClaimStatus::Activated,
                    deadline: Some(deadline),
                    awaits_effect: true,
                    severity,
                }) if *deadline > at => (*deadline, *severity),
                _ => return,
            },
        };
        self.closed_claims.insert(
            claim.clone(),
            ClosedClaim {
                status: ClaimStatus::Superseded,
                deadline: Some(deadline),
                awaits_effect: false,
                severity,
            },
        );
        out.push(Derived {
            at,
            kind: DerivedKind::ClaimSuperseded {
                claim: claim.clone(),
                decision: decision.clone(),
            },
        });
        if let Some(d) = self.fund.settle_tranche(at, None, claim, None) {
            out.push(d);
        }
    }

    pub(super) fn submit_evidence(
        &mut self,
        event: &Event,
        evidence: &Evidence,
        out: &mut Vec<Derived>,
    ) -> Judgement {
        let charter = self.charter_at(event.at)?;
        acting_party(&charter, &event.party, event.at)?;
        if let crate::event::EvidenceForm::Sealed(seal) = &evidence.form
            && let Some(unknown) = seal
                .releasable_to
                .iter()
                .find(|p| charter.party_idx(p.as_str()).is_none())
        {
            return Err(Rejection::UnknownReleasee {
                party: unknown.clone(),
            });
        }
        let id = &evidence.claim;
        match self.claims.get_mut(id) {
            Some(live) => {
                // Classified evidence counts as one kind, `classified`, however many items: no
                // determination may depend on sealed content.
                let kind = evidence.counted_kind();
                if !live.evidence_kinds.iter().any(|k| k == kind) {
                    live.evidence_kinds.push(kind.to_owned());
                }
                if let crate::event::EvidenceForm::Clear(c) = &evidence.form
                    && !live.digests.contains(&c.digest)
                {
                    live.digests.push(c.digest.clone());
                }
                if live.evidence_required > 0 {
                    self.settle_claim(id, event.at, false, out);
                }
                Ok(Accepted::Recorded)
            }
            // Evidence about a determined or withdrawn claim is kept on the record.
            None => match self.closed_claims.get(id) {
                None => Err(Rejection::UnknownClaim { claim: id.clone() }),
                Some(c) if c.status == ClaimStatus::Rejected => {
                    Err(Rejection::ClaimWasRejected { claim: id.clone() })
                }
                Some(_) => Ok(Accepted::Recorded),
            },
        }
    }

    pub(super) fn convene(&mut self, event: &Event, id: &ClaimId) -> Judgement {
        let live = self.live_claim(id, event.at, false)?;
        let charter = &live.proceeding.charter;
        let party = charter.party_idx(event.party.as_str());
        let allowed = party.is_some_and(|p| {
            charter.has_role(p, Role::Secretariat) || live.proceeding.slot(p).is_some()
        });
        if !allowed {
            return Err(Rejection::MayNotConvene {
                party: event.party.clone(),
                claim: id.clone(),
            });
        }
        Ok(Accepted::Recorded)
    }

    pub(super) fn vote_on_claim(
        &mut self,
        event: &Event,
        id: &ClaimId,
        verdict: Verdict,
        out: &mut Vec<Derived>,
    ) -> Judgement {
        if let Some(sitting) = self.claim_sittings.get_mut(id)
            && sitting.at == event.at
        {
            let burden = sitting.burden.unwrap_or(Burden::Flipped);
            let choice = verdict_choice(burden, verdict);
            let slot = voter_slot(
                &sitting.proceeding,
                &event.party,
                event.at,
                id.as_str(),
                |c| claim_vote_name(burden, c),
            )?;
            sitting.proceeding.record_vote(slot, choice);
            return Ok(Accepted::Recorded);
        }
        let live = self.live_claim(id, event.at, true)?;
        // Only a proceeding in stages can be waiting for its motion.
        if !live.stages.is_empty() {
            self.check_tabled(id)?;
        }
        let choice = verdict_choice(live.burden, verdict);
        let slot = voter_slot(&live.proceeding, &event.party, event.at, id.as_str(), |c| {
            claim_vote_name(live.burden, c)
        })?;
        if let Some(live) = self.claims.get_mut(id) {
            live.proceeding.record_vote(slot, choice);
        }
        self.settle_claim(id, event.at, false, out);
        Ok(Accepted::Recorded)
    }

    /// Determines the claim if its outcome is certain at `at`. `final_`: the deadline has passed,
    /// so members who have not voted count as abstaining.
    pub(super) fn settle_claim(
        &mut self,
        id: &ClaimId,
        at: Timestamp,
        final_: bool,
        out: &mut Vec<Derived>,
    ) {
        let Some(live) = self.claims.get(id) else {
            return;
        };
        // An extended deadline leaves the earlier deadline's timer stale.
        if final_ && live.proceeding.deadline > at {
            return;
        }
        // The accused side's right of reply: no determination before its reply or the window's
        // end, unless the deadline itself has come.
        if !final_ && live.reply_until.is_some_and(|until| at < until) {
            return;
        }
        let p = &live.proceeding;
        let tally = p.tally();
        let motion = p.outcome(final_);
        let evidence_ok = live.evidence_kinds.len() >= live.evidence_required as usize;
        let activate_or_wait = |basis| {
            if evidence_ok {
                Some((ClaimStatus::Activated, basis))
            } else if final_ {
                Some((ClaimStatus::Dismissed, Basis::EvidenceInsufficient))
            } else {
                None
            }
        };
        let not_adopted = if final_ {
            Basis::NotAdoptedByDeadline
        } else {
            Basis::CannotBeAdopted
        };
        let determination = match (live.burden, motion) {
            (_, Outcome::Open) => None,
            (Burden::Flipped, Outcome::Adopted) => Some((ClaimStatus::Dismissed, Basis::Adopted)),
            (Burden::Flipped, Outcome::NotAdopted) => activate_or_wait(not_adopted),
            (Burden::Standard, Outcome::Adopted) => activate_or_wait(Basis::Adopted),
            (Burden::Standard, Outcome::NotAdopted) => Some((ClaimStatus::Dismissed, not_adopted)),
        };
        let Some((status, basis)) = determination else {
            return;
        };
        let Some(live) = self.claims.remove(id) else {
            return;
        };
        let (yes, no) = (tally.yes, tally.no);
        let (founded, unfounded) = match live.burden {
            Burden::Flipped => (no, yes),
            Burden::Standard => (yes, no),
        };
        out.push(Derived {
            at,
            kind: DerivedKind::ClaimDetermined {
                claim: id.clone(),
                status,
                basis,
                tally: ClaimTally {
                    founded,
                    unfounded,
                    abstain: tally.abstain,
                    not_voted: tally.not_voted(),
                },
            },
        });
        // Certain before its legal date, an activation still takes effect only at it (UNSCR
        // 2231): the determination is recorded now, the activation at the deadline.
        let deadline = live.proceeding.deadline;
        let at_deadline = live.proceeding.charter.verification.effect == Effect::AtDeadline;
        let reopened = live.reopened.clone();
        let awaits_effect =
            status == ClaimStatus::Activated && at_deadline && at < deadline && reopened.is_none();
        let severity = live.severity;
        self.closed_claims.insert(
            id.clone(),
            ClosedClaim {
                status,
                deadline: Some(deadline),
                awaits_effect,
                severity,
            },
        );
        self.keep_for_reconsideration(id, &live, status, at);
        self.claim_sittings.insert(
            id.clone(),
            Sitting {
                at,
                proceeding: live.proceeding,
                burden: Some(live.burden),
            },
        );
        if let Some(reopened) = reopened {
            self.redetermined(id, reopened, status, severity, at, out);
            return;
        }
        if awaits_effect {
            self.schedule(deadline, TimerKind::ClaimEffect { claim: id.clone() });
            return;
        }
        self.take_effect(at, id, status, severity, out);
    }

    /// A determined claim takes effect: an activation responds, and the fund's tranche is
    /// released or voided.
    pub(super) fn take_effect(
        &mut self,
        at: Timestamp,
        id: &ClaimId,
        status: ClaimStatus,
        severity: u8,
        out: &mut Vec<Derived>,
    ) {
        let (own, funded) = if status == ClaimStatus::Activated {
            self.respond(at, id, severity, out)
        } else {
            (None, None)
        };
        if let Some(r) = self.reconsiderable.get_mut(id) {
            r.activation = own;
        }
        let fund = self.charter_at(at).ok();
        let fund = fund.as_ref().and_then(|c| c.fund.as_ref());
        if let Some(d) = self.fund.settle_tranche(at, fund, id, funded.as_ref()) {
            out.push(d);
        }
    }
}

/// A verdict as a choice on the claim's motion: "unfounded" under the flipped burden, "founded"
/// under the standard.
fn verdict_choice(burden: Burden, verdict: Verdict) -> Choice {
    match (burden, verdict) {
        (_, Verdict::Abstain) => Choice::Abstain,
        (Burden::Flipped, Verdict::Unfounded) | (Burden::Standard, Verdict::Founded) => Choice::Yes,
        (Burden::Flipped, Verdict::Founded) | (Burden::Standard, Verdict::Unfounded) => Choice::No,
    }
}

/// The word a vote on a claim is written with, given the motion's choice.
pub fn claim_vote_name(burden: Burden, choice: Choice) -> String {
    let verdict = match (burden, choice) {
        (_, Choice::Abstain) => "abstain",
        (Burden::Flipped, Choice::Yes) | (Burden::Standard, Choice::No) => "unfounded",
        (Burden::Flipped, Choice::No) | (Burden::Standard, Choice::Yes) => "founded",
    };
    verdict.to_owned()
}

/// A filing the rules admit: the charter it is judged under, its severity, the body that
/// verifies it, the side it accuses and how long that side has to reply.
struct Filing {
    charter: Arc<Charter>,
    severity: u8,
    body: BodyIdx,
    accused: Option<PartyId>,
    reply_within: Option<Duration>,
}

/// A claim under a truce: the filer is a side, the accused is another side, and the incident is
/// inside the truce's term and scope. Returns the truce's body, the accused and the right of
/// reply's window.
fn check_truce(
    charter: &Charter,
    id: &TruceId,
    party: PartyIdx,
    event: &Event,
    filed: &ClaimFiled,
) -> Result<(BodyIdx, PartyId, Option<Duration>), Rejection> {
    let truce = charter
        .truce(id.as_str())
        .ok_or_else(|| Rejection::UnknownTruce {
            truce: id.clone(),
            defined: if charter.truces.is_empty() {
                "none".to_owned()
            } else {
                charter
                    .truces
                    .iter()
                    .map(|t| t.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            },
        })?;
    let sides = || {
        truce
            .sides
            .iter()
            .map(|p| charter.party(*p).id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !truce.has_side(party) {
        return Err(Rejection::NotTruceSide {
            party: event.party.clone(),
            truce: id.clone(),
            sides: sides(),
        });
    }
    let accused = match &filed.allegation.accused {
        Some(accused) => {
            let idx = charter.party_idx(accused.as_str());
            if idx == Some(party) {
                return Err(Rejection::AccusesItself {
                    party: accused.clone(),
                });
            }
            if !idx.is_some_and(|i| truce.has_side(i)) {
                return Err(Rejection::NotTruceSide {
                    party: accused.clone(),
                    truce: id.clone(),
                    sides: sides(),
                });
            }
            accused.clone()
        }
        None => match truce.sides.as_slice() {
            [a, b] => charter.party(if *a == party { *b } else { *a }).id.clone(),
            _ => return Err(Rejection::AccusedRequired { truce: id.clone() }),
        },
    };
    let at = filed.occurred_at.unwrap_or(event.at);
    if !truce.in_term(at) {
        return Err(Rejection::OutsideTerm {
            truce: id.clone(),
            at,
            from: truce.from,
            until: truce.until,
        });
    }
    truce
        .check_scope(&filed.category, filed.location.as_deref())
        .map_err(|reason| Rejection::OutsideScope {
            truce: id.clone(),
            reason: match reason {
                snapback_charter::OutOfScope::Category { covered } => format!(
                    "category `{}` is not covered (it covers: {covered})",
                    filed.category
                ),
                snapback_charter::OutOfScope::Area { covered } => format!(
                    "location `{}` is not covered (it covers: {covered})",
                    filed.location.as_deref().unwrap_or_default()
                ),
                snapback_charter::OutOfScope::NoArea { covered } => {
                    format!("the claim names no location, and the truce covers only: {covered}")
                }
            },
        })?;
    Ok((truce.body, accused, truce.reply_within))
}
