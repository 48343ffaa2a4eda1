//! The stages of a claim's proceeding (`[[verification.stage]]`): a motion tabled within a term
//! (else the presidency tables it: UNSCR 2231's liveness fallback), a meeting within a term.
//!
//! Each stage is reached once: by the party that takes the step in time (`motion.tabled`,
//! `meeting.convened`), by the presiding party at the deadline when the charter says so, or it
//! is recorded as missed. Until its tabling stage is reached, a claim's members cannot vote.
//! A stage never decides the claim: the deadline and the rule do.

use jiff::Timestamp;
use snapback_charter::{Charter, ClaimId, PartyId, StageKind};

use super::timers::TimerKind;
use super::{Accepted, Engine, Judgement};
use crate::derived::{Derived, DerivedKind, StageBasis};
use crate::event::Event;
use crate::rejection::Rejection;

impl Engine {
    /// Schedules each stage's deadline for a claim filed at `at`.
    pub(super) fn schedule_stages(&mut self, claim: &ClaimId, charter: &Charter, at: Timestamp) {
        for (stage, s) in charter.verification.stages.iter().enumerate() {
            self.schedule(
                s.within.after(at),
                TimerKind::StageDue {
                    claim: claim.clone(),
                    stage,
                },
            );
        }
    }

    /// Marks `stage` of a live claim reached and says so; false if it already was.
    fn reach_stage(
        &mut self,
        claim: &ClaimId,
        stage: usize,
        at: Timestamp,
        by: Option<PartyId>,
        basis: StageBasis,
        out: &mut Vec<Derived>,
    ) -> bool {
        let Some(live) = self.claims.get_mut(claim) else {
            return false;
        };
        let Some(reached) = live.stages.get_mut(stage) else {
            return false;
        };
        if reached.is_some() {
            return false;
        }
        *reached = Some(basis);
        let id = live.proceeding.charter.verification.stages[stage]
            .id
            .clone();
        out.push(Derived {
            at,
            kind: DerivedKind::ClaimStage {
                claim: claim.clone(),
                stage: id,
                by,
                basis,
            },
        });
        true
    }

    /// The index of the claim's stage of `kind`, if its charter has one.
    fn stage_of(&self, claim: &ClaimId, kind: StageKind) -> Option<usize> {
        let live = self.claims.get(claim)?;
        live.proceeding
            .charter
            .verification
            .stages
            .iter()
            .position(|s| s.kind == kind)
    }

    /// `motion.tabled`: a member of the body tables the motion.
    pub(super) fn table_motion(
        &mut self,
        event: &Event,
        claim: &ClaimId,
        out: &mut Vec<Derived>,
    ) -> Judgement {
        let live = self.live_claim(claim, event.at, false)?;
        let charter = &live.proceeding.charter;
        let member = charter
            .party_idx(event.party.as_str())
            .is_some_and(|p| live.proceeding.slot(p).is_some());
        if !member {
            return Err(Rejection::NotMember {
                party: event.party.clone(),
                body: charter.body(live.proceeding.body).id.clone(),
                target: claim.to_string(),
            });
        }
        let Some(stage) = self.stage_of(claim, StageKind::Tabling) else {
            return Err(Rejection::NoTablingStage {
                claim: claim.clone(),
            });
        };
        if let Some(Some(basis)) = self.claims.get(claim).map(|l| l.stages[stage]) {
            return Err(Rejection::StageReached {
                claim: claim.clone(),
                stage: self.stage_id(claim, stage),
                basis: basis.name(),
            });
        }
        self.reach_stage(
            claim,
            stage,
            event.at,
            Some(event.party.clone()),
            StageBasis::Done,
            out,
        );
        Ok(Accepted::Recorded)
    }

    fn stage_id(&self, claim: &ClaimId, stage: usize) -> String {
        self.claims
            .get(claim)
            .map(|l| l.proceeding.charter.verification.stages[stage].id.clone())
            .unwrap_or_default()
    }

    /// A meeting was convened: it reaches the meeting stage, if one is pending.
    pub(super) fn meeting_held(
        &mut self,
        claim: &ClaimId,
        by: &PartyId,
        at: Timestamp,
        out: &mut Vec<Derived>,
    ) {
        if let Some(stage) = self.stage_of(claim, StageKind::Meeting) {
            self.reach_stage(claim, stage, at, Some(by.clone()), StageBasis::Done, out);
        }
    }

    /// A stage's deadline: the presidency takes the step if the charter says so, else it is
    /// missed (unless it was reached, or the claim is decided).
    pub(super) fn stage_due(
        &mut self,
        claim: &ClaimId,
        stage: usize,
        at: Timestamp,
        out: &mut Vec<Derived>,
    ) {
        let Some(live) = self.claims.get(claim) else {
            return;
        };
        let charter = &live.proceeding.charter;
        let Some(s) = charter.verification.stages.get(stage) else {
            return;
        };
        let presiding = s
            .presidency_fallback
            .then(|| charter.body(live.proceeding.body).presiding_at(at))
            .flatten()
            .map(|p| charter.party(p).id.clone());
        let basis = if presiding.is_some() {
            StageBasis::Fallback
        } else {
            StageBasis::Missed
        };
        self.reach_stage(claim, stage, at, presiding, basis, out);
    }

    /// Whether members may vote on the claim: its tabling stage, if any, is reached (by a
    /// member or the presidency; a missed tabling leaves nothing to vote on).
    pub(super) fn check_tabled(&self, claim: &ClaimId) -> Result<(), Rejection> {
        let Some(stage) = self.stage_of(claim, StageKind::Tabling) else {
            return Ok(());
        };
        match self.claims.get(claim).map(|l| l.stages[stage]) {
            Some(Some(StageBasis::Done | StageBasis::Fallback)) | None => Ok(()),
            Some(_) => Err(Rejection::MotionNotTabled {
                claim: claim.clone(),
                stage: self.stage_id(claim, stage),
            }),
        }
    }
}
