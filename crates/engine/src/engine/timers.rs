//! Deadlines: the timer heap, and what each kind of timer does when it fires.

use std::cmp::{Ordering, Reverse};

use jiff::Timestamp;
use snapback_charter::{ClaimId, DecisionId, ObligationId};

use super::Engine;
use crate::derived::{Derived, DerivedKind};
use crate::proceeding::just_after;

#[derive(Debug, Clone)]
pub(super) enum TimerKind {
    ClaimDeadline(ClaimId),
    ClaimRecheck(ClaimId),
    DecisionDeadline(DecisionId),
    DecisionRecheck(DecisionId),
    ObligationDue(ObligationId),
    /// An activation determined early takes effect at its legal deadline.
    ClaimEffect {
        claim: ClaimId,
    },
    /// A determined claim's reconsideration window closes (unless it was reopened since).
    ReconsiderationCloses(ClaimId),
    /// A measure expires at `at` unless renewed (or moved) since: the register checks.
    MeasureExpiry {
        slot: usize,
    },
    /// A later charter version that defines the measure again takes effect.
    MeasureAmended {
        slot: usize,
    },
    /// The renewal decision of a measure expiring at `expiry` opens.
    MeasureRenewalOpens {
        slot: usize,
        expiry: Timestamp,
    },
    /// A relief review's bar for `stage` ends (unless the review moved on since).
    ReviewBarEnds {
        slot: usize,
        review: u32,
        stage: super::reviews::ReviewStage,
    },
    /// A stage of a claim's proceeding is due.
    StageDue {
        claim: ClaimId,
        stage: usize,
    },
    /// The fund's quiet period may end: back to peace mode unless restarted since.
    FundQuiet,
    /// A later charter version takes effect while the fund waits for its board to return it to
    /// peace: if that version no longer gives the board the power, the fund returns by itself.
    FundQuietRecheck,
    /// A motion of the fund's board is decided on the votes cast.
    BoardDeadline(DecisionId),
    /// A guarantee lapses unless it was called since.
    GuaranteeExpires(snapback_charter::TransferId),
    /// A programme tranche's conditions are due: held if one is unmet.
    ProgrammeTrancheDue {
        programme: snapback_charter::ProgrammeId,
        tranche: snapback_charter::TrancheId,
    },
}

/// A deadline. Timers fire in (`at`, `seq`) order; `seq` is the creation order, which is fixed by
/// the input, so the firing order does not depend on how time was advanced.
#[derive(Debug, Clone)]
pub(super) struct Timer {
    pub(super) at: Timestamp,
    seq: u64,
    kind: TimerKind,
}

impl PartialEq for Timer {
    fn eq(&self, other: &Self) -> bool {
        (self.at, self.seq) == (other.at, other.seq)
    }
}
impl Eq for Timer {}
impl PartialOrd for Timer {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Timer {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.at, self.seq).cmp(&(other.at, other.seq))
    }
}

/// Which timers to fire: those strictly before an event's time, or through a completed instant.
#[derive(Debug, Clone, Copy)]
pub(super) enum Horizon {
    Before(Timestamp),
    Through(Timestamp),
}

impl Horizon {
    fn admits(self, at: Timestamp) -> bool {
        match self {
            Horizon::Before(t) => at < t,
            Horizon::Through(t) => at <= t,
        }
    }
}

impl Engine {
    pub(super) fn run_timers(&mut self, horizon: Horizon, out: &mut Vec<Derived>) {
        // Bounded: every timer fires once, and firing only creates timers later than itself
        // (all durations are positive), so the loop ends at the horizon.
        while let Some(Reverse(top)) = self.timers.peek() {
            if !horizon.admits(top.at) {
                break;
            }
            let Some(Reverse(timer)) = self.timers.pop() else {
                break;
            };
            self.fire(timer, out);
        }
    }

    pub(super) fn schedule(&mut self, at: Timestamp, kind: TimerKind) {
        debug_assert!(
            self.now().is_none_or(|now| at >= now),
            "a timer is never set in the engine's past ({at})"
        );
        self.timer_seq += 1;
        self.timers.push(Reverse(Timer {
            at,
            seq: self.timer_seq,
            kind,
        }));
    }

    fn fire(&mut self, timer: Timer, out: &mut Vec<Derived>) {
        let after = just_after(timer.at);
        match timer.kind {
            TimerKind::ClaimDeadline(id) => self.settle_claim(&id, timer.at, true, out),
            TimerKind::DecisionDeadline(id) => self.settle_decision(&id, timer.at, true, out),
            TimerKind::ClaimRecheck(id) => {
                if let Some(live) = self.claims.get_mut(&id) {
                    live.proceeding.recount(after);
                }
                self.settle_claim(&id, timer.at, false, out);
            }
            TimerKind::DecisionRecheck(id) => {
                if let Some(live) = self.decisions.get_mut(&id) {
                    live.proceeding.recount(after);
                }
                self.settle_decision(&id, timer.at, false, out);
            }
            // A motion adopted meanwhile may have superseded the claim: then nothing happens.
            TimerKind::ClaimEffect { claim } => {
                let activated = self
                    .closed_claims
                    .get(&claim)
                    .filter(|c| c.status == crate::derived::ClaimStatus::Activated);
                if let Some(severity) = activated.map(|c| c.severity) {
                    self.take_effect(
                        timer.at,
                        &claim,
                        crate::derived::ClaimStatus::Activated,
                        severity,
                        out,
                    );
                }
            }
            TimerKind::ReconsiderationCloses(claim) => {
                if self
                    .reconsiderable
                    .get(&claim)
                    .is_some_and(|r| r.until == timer.at)
                {
                    self.reconsiderable.remove(&claim);
                    self.reconsideration_closed.insert(claim, timer.at);
                }
            }
            TimerKind::MeasureExpiry { slot } => self.measure_expires(slot, timer.at, out),
            TimerKind::MeasureAmended { slot } => self.amend_measure(slot, timer.at, out),
            TimerKind::MeasureRenewalOpens { slot, expiry } => {
                self.open_renewal(slot, timer.at, expiry, out);
            }
            TimerKind::ReviewBarEnds {
                slot,
                review,
                stage,
            } => self.review_bar_ends(slot, review, stage, timer.at, out),
            TimerKind::StageDue { claim, stage } => self.stage_due(&claim, stage, timer.at, out),
            TimerKind::FundQuiet => {
                let board_decides = self.board_decides_peace(timer.at);
                if let Some(d) = self.fund.quiet(timer.at, board_decides) {
                    if board_decides {
                        self.recheck_quiet_at_amendments(timer.at);
                    }
                    out.push(d);
                }
            }
            TimerKind::FundQuietRecheck => {
                let board_decides = self.board_decides_peace(timer.at);
                if let Some(d) = self.fund.quiet_recheck(timer.at, board_decides) {
                    out.push(d);
                }
            }
            TimerKind::BoardDeadline(id) => self.settle_motion(&id, timer.at, true, out),
            TimerKind::GuaranteeExpires(guarantee) => {
                if let Some(d) = self.fund.expire_guarantee(timer.at, &guarantee) {
                    out.push(d);
                }
            }
            TimerKind::ProgrammeTrancheDue { programme, tranche } => {
                self.programme_tranche_due(timer.at, &programme, &tranche, out);
            }
            TimerKind::ObligationDue(id) => {
                if let Some(o) = self.obligations.get_mut(&id)
                    && !o.overdue
                {
                    o.overdue = true;
                    out.push(Derived {
                        at: timer.at,
                        kind: DerivedKind::ObligationOverdue { obligation: id },
                    });
                }
            }
        }
    }
}
