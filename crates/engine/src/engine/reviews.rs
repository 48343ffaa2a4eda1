//! Relief under review (`[measure.review]`, as in CAATSA §216): the inverse of a snapback.
//!
//! The owner reports relief (`measure.relief_reported`); a window opens (a longer one for
//! reports in the charter's period of the year) during which the relief cannot take effect, with
//! a disapproval motion in each reviewing body. If every body adopts it within the window, the
//! veto holder has `veto_within` to veto; without a veto the disapproval is enacted and the
//! relief is barred for good. A veto opens an override motion in each body under the override
//! rule; every body overriding within `override_within` enacts the disapproval. Whenever the
//! bar in force ends with no disapproval enacted, the relief takes effect (`measure.changed`,
//! cause `relief`); no bar ends before the review window does (the statute bars relief for the
//! whole window, whatever happens in it). Each step is a [`DerivedKind::MeasureReview`].

use std::sync::Arc;

use jiff::Timestamp;
use snapback_charter::{DecisionId, MeasureId, MeasureState};

use super::measures::Change;
use super::timers::TimerKind;
use super::{Accepted, Engine, Judgement, Purpose, member_ids};
use crate::derived::{DecisionStatus, Derived, DerivedKind, MeasureCause, ReviewStep};
use crate::event::{Event, MeasureRecorded};
use crate::proceeding::Proceeding;
use crate::rejection::Rejection;

/// Where a review stands; each stage has its motions and the instant its bar ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ReviewStage {
    /// The review window: disapproval motions are open.
    Window,
    /// The disapproval passed every body: the veto period runs.
    Veto,
    /// The veto holder vetoed: override motions are open.
    Override,
}

#[derive(Debug, Clone)]
pub(super) struct LiveReview {
    /// The review's number for this measure, from 1.
    pub(super) n: u32,
    relief: MeasureState,
    stage: ReviewStage,
    /// When this stage's bar ends.
    until: Timestamp,
    /// When the review window ends: no relief before it, whatever happens in it.
    window_end: Timestamp,
    /// This stage's motions, one per reviewing body.
    motions: Vec<DecisionId>,
    adopted: usize,
    failed: bool,
}

impl Engine {
    /// `measure.relief_reported`: the owner reports relief; the review opens.
    pub(super) fn report_relief(
        &mut self,
        event: &Event,
        rec: &MeasureRecorded,
        out: &mut Vec<Derived>,
    ) -> Judgement {
        let slot = self.owned_measure(event, &rec.measure)?;
        let live = &self.measures.live[slot];
        if live.def().review.is_none() {
            return Err(Rejection::NoReliefReview {
                measure: rec.measure.clone(),
            });
        }
        if !matches!(
            rec.state,
            MeasureState::Suspended | MeasureState::Terminated
        ) {
            return Err(Rejection::NotRelief { state: rec.state });
        }
        if let Some(review) = &live.review {
            return Err(Rejection::ReviewOpen {
                measure: rec.measure.clone(),
                review: review.n,
            });
        }
        if !live.state.applies() {
            return Err(Rejection::MeasureNotInForce {
                measure: rec.measure.clone(),
                state: live.state,
            });
        }
        let definer = Arc::clone(&live.charter);
        let def = definer.measure(live.idx);
        let Some(review) = &def.review else {
            return Ok(Accepted::Recorded);
        };
        let (until, _long) = review.window_for(event.at);
        let live = &mut self.measures.live[slot];
        live.reviews += 1;
        let n = live.reviews;
        live.review = Some(Box::new(LiveReview {
            n,
            relief: rec.state,
            stage: ReviewStage::Window,
            until,
            window_end: until,
            motions: Vec::new(),
            adopted: 0,
            failed: false,
        }));
        out.push(Derived {
            at: event.at,
            kind: DerivedKind::MeasureReview {
                measure: def.id.clone(),
                review: n,
                step: ReviewStep::Opened,
                relief: rec.state,
                until: Some(until),
            },
        });
        let motion = format!(
            "disapprove the relief reported on measure `{}` ({}): {}",
            def.id, def.name, rec.state
        );
        self.open_review_motions(slot, event.at, until, "disapproval", &motion, None, out);
        self.schedule(
            until,
            TimerKind::ReviewBarEnds {
                slot,
                review: n,
                stage: ReviewStage::Window,
            },
        );
        Ok(Accepted::Recorded)
    }

    /// Opens one motion per reviewing body, decided by `deadline` under the body's rule (or
    /// `rule`, for an override), and settles each at once (a body may have no one left to vote).
    #[allow(clippy::too_many_arguments)]
    fn open_review_motions(
        &mut self,
        slot: usize,
        at: Timestamp,
        deadline: Timestamp,
        what: &str,
        motion: &str,
        rule: Option<&snapback_charter::Rule>,
        out: &mut Vec<Derived>,
    ) {
        let live = &self.measures.live[slot];
        let charter = Arc::clone(&live.charter);
        let def = charter.measure(live.idx);
        let (Some(review), Some(n)) = (&def.review, live.review.as_ref().map(|r| r.n)) else {
            return;
        };
        let mut ids = Vec::with_capacity(review.bodies.len());
        for &body in &review.bodies {
            let body_id = &charter.body(body).id;
            let id = DecisionId::join(&[
                def.id.as_str(),
                "review",
                &n.to_string(),
                what,
                body_id.as_str(),
            ]);
            let proceeding = match rule {
                Some(rule) => {
                    Proceeding::open_under(Arc::clone(&charter), body, rule.clone(), at, deadline)
                }
                None => Proceeding::open_until(Arc::clone(&charter), body, at, deadline),
            };
            out.push(Derived {
                at,
                kind: DerivedKind::MeasureReviewMotionOpened {
                    measure: def.id.clone(),
                    decision: id.clone(),
                    body: body_id.clone(),
                    motion: motion.to_owned(),
                    deadline,
                    members: member_ids(&proceeding),
                    overrides_veto: rule.is_some(),
                },
            });
            self.start_decision(id.clone(), proceeding, Purpose::Review(slot));
            ids.push(id);
        }
        if let Some(r) = self.measures.live[slot].review.as_mut() {
            r.motions = ids.clone();
            r.adopted = 0;
            r.failed = false;
        }
        for id in &ids {
            self.settle_decision(id, at, false, out);
        }
    }

    /// A review's motion was determined.
    pub(super) fn review_motion_settled(
        &mut self,
        slot: usize,
        decision: &DecisionId,
        status: DecisionStatus,
        at: Timestamp,
        out: &mut Vec<Derived>,
    ) {
        let definer = Arc::clone(&self.measures.live[slot].charter);
        let def = definer.measure(self.measures.live[slot].idx);
        let measure = def.id.clone();
        let live = &mut self.measures.live[slot];
        let Some(review) = live.review.as_mut() else {
            return;
        };
        if !review.motions.contains(decision) {
            return;
        }
        if status != DecisionStatus::Adopted {
            // A motion that fails only when the bar ends says nothing the next step does not.
            if !review.failed && at < review.until {
                let step = match review.stage {
                    ReviewStage::Override => ReviewStep::VetoSustained,
                    _ => ReviewStep::DisapprovalFailed,
                };
                let (n, relief, until) = (review.n, review.relief, review.until);
                push_step(out, at, measure, n, step, relief, Some(until));
            }
            review.failed = true;
            return;
        }
        review.adopted += 1;
        if review.adopted < review.motions.len() || review.failed {
            return;
        }
        let (n, relief, stage) = (review.n, review.relief, review.stage);
        let veto = def.review.as_ref().and_then(|r| {
            r.veto
                .is_some()
                .then(|| r.veto_within.after(at))
                .filter(|_| stage == ReviewStage::Window)
        });
        match veto {
            Some(until) => {
                review.stage = ReviewStage::Veto;
                review.until = until;
                review.motions.clear();
                push_step(
                    out,
                    at,
                    measure,
                    n,
                    ReviewStep::DisapprovalPassed,
                    relief,
                    Some(until),
                );
                self.schedule(
                    until,
                    TimerKind::ReviewBarEnds {
                        slot,
                        review: n,
                        stage: ReviewStage::Veto,
                    },
                );
            }
            None => {
                live.review = None;
                push_step(
                    out,
                    at,
                    measure,
                    n,
                    ReviewStep::DisapprovalEnacted,
                    relief,
                    None,
                );
            }
        }
    }

    /// `measure.relief_vetoed`: the veto holder vetoes the disapproval; override motions open.
    pub(super) fn veto_relief_disapproval(
        &mut self,
        event: &Event,
        measure: &MeasureId,
        out: &mut Vec<Derived>,
    ) -> Judgement {
        let (_, slot) = self.measure_acted_on(event, measure)?;
        let live = &self.measures.live[slot];
        let definer = Arc::clone(&live.charter);
        let def = definer.measure(live.idx);
        let (Some(rules), Some(review)) = (&def.review, &live.review) else {
            return Err(Rejection::VetoNotOpen {
                measure: measure.clone(),
            });
        };
        if review.stage != ReviewStage::Veto {
            return Err(Rejection::VetoNotOpen {
                measure: measure.clone(),
            });
        }
        let holder = rules.veto.map(|p| definer.party(p).id.clone());
        if holder.as_ref() != Some(&event.party) {
            return Err(Rejection::NotVetoHolder {
                party: event.party.clone(),
                measure: measure.clone(),
                holder: holder.unwrap_or_else(|| event.party.clone()),
            });
        }
        // The override motions run for the reconsideration period; the relief stays barred
        // until that ends and, in any case, until the review window ends.
        let deadline = rules.override_within.after(event.at);
        let until = deadline.max(review.window_end);
        let (n, relief) = (review.n, review.relief);
        if let Some(r) = self.measures.live[slot].review.as_mut() {
            r.stage = ReviewStage::Override;
            r.until = until;
        }
        push_step(
            out,
            event.at,
            measure.clone(),
            n,
            ReviewStep::Vetoed,
            relief,
            Some(until),
        );
        let motion = format!(
            "override the veto of the disapproval of relief on measure `{}` ({})",
            def.id, def.name
        );
        self.open_review_motions(
            slot,
            event.at,
            deadline,
            "override",
            &motion,
            Some(&rules.override_rule),
            out,
        );
        self.schedule(
            until,
            TimerKind::ReviewBarEnds {
                slot,
                review: n,
                stage: ReviewStage::Override,
            },
        );
        Ok(Accepted::Recorded)
    }

    /// A stage's bar ends: without a veto in the veto period the disapproval is enacted;
    /// otherwise, unless the disapproval was enacted meanwhile, the relief takes effect. (Its
    /// signature is shaped like `change_measure`'s, which it calls: parameters, not logic.)
    pub(super) fn review_bar_ends(
        &mut self,
        slot: usize,
        n: u32,
        stage: ReviewStage,
        at: Timestamp,
        out: &mut Vec<Derived>,
    ) {
        let live = &mut self.measures.live[slot];
        let Some(review) = live.review.as_ref() else {
            return;
        };
        if review.n != n || review.stage != stage {
            return;
        }
        let relief = review.relief;
        let measure = live.def().id.clone();
        live.review = None;
        // The veto period ends without a veto: the disapproval is law. Any other bar ends with
        // no disapproval enacted: the relief is cleared.
        let enacted = stage == ReviewStage::Veto;
        let step = if enacted {
            ReviewStep::DisapprovalEnacted
        } else {
            ReviewStep::ReliefCleared
        };
        push_step(out, at, measure, n, step, relief, None);
        if enacted {
            return;
        }
        // The measure may have lapsed or ended meanwhile: then there is nothing to relieve.
        if self.measures.live[slot].state.applies() {
            self.change_measure(at, slot, relief, Change::by(MeasureCause::Relief), out);
        }
    }
}

fn push_step(
    out: &mut Vec<Derived>,
    at: Timestamp,
    measure: MeasureId,
    review: u32,
    step: ReviewStep,
    relief: MeasureState,
    until: Option<Timestamp>,
) {
    out.push(Derived {
        at,
        kind: DerivedKind::MeasureReview {
            measure,
            review,
            step,
            relief,
            until,
        },
    });
}
