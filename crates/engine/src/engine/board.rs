//! The engine's side of the fund's board: a motion put, a member's vote, the deadline; each
//! settles the motion as soon as its outcome is certain.

use jiff::Timestamp;
use snapback_charter::{BoardPower, Choice, DecisionId};

use super::timers::TimerKind;
use super::{Accepted, Engine, Judgement, acting_party};
use crate::derived::Derived;
use crate::event::{Event, FundBoardMotion};
use crate::rejection::Rejection;

impl Engine {
    /// `fund.board_motion`.
    pub(super) fn board_motion(
        &mut self,
        event: &Event,
        m: &FundBoardMotion,
        out: &mut Vec<Derived>,
    ) -> Judgement {
        let id = &m.decision;
        self.decision_id_free(id)?;
        let charter = self.fund_charter(event)?;
        let fund = charter.fund.as_ref().ok_or(Rejection::NoFund)?;
        let (opened, deadline) = self
            .fund
            .put_motion(event.at, &charter, fund, &event.party, m)?;
        self.schedule(deadline, TimerKind::BoardDeadline(id.clone()));
        out.push(opened);
        // A board whose members hold no voting power at all decides at once.
        self.settle_motion(id, event.at, false, out);
        Ok(Accepted::Recorded)
    }

    /// `vote.cast` on a board motion.
    pub(super) fn board_vote(
        &mut self,
        event: &Event,
        id: &DecisionId,
        choice: Choice,
        out: &mut Vec<Derived>,
    ) -> Judgement {
        let charter = self.charter_at(event.at)?;
        acting_party(&charter, &event.party, event.at)?;
        self.fund.board_vote(event.at, id, &event.party, choice)?;
        self.settle_motion(id, event.at, false, out);
        Ok(Accepted::Recorded)
    }

    /// Decides a board motion if its outcome is certain (`final_` at its deadline).
    pub(super) fn settle_motion(
        &mut self,
        id: &DecisionId,
        at: Timestamp,
        final_: bool,
        out: &mut Vec<Derived>,
    ) {
        let Ok(charter) = self.charter_at(at) else {
            return;
        };
        if let Some(fund) = &charter.fund {
            out.extend(self.fund.settle_motion(at, fund, id, final_));
        }
    }

    /// The fund waits, from `at`, for its board to return it to peace: each later charter
    /// version is checked when it takes effect (one that takes the power away lets the quiet
    /// period's end take effect by itself).
    pub(super) fn recheck_quiet_at_amendments(&mut self, at: Timestamp) {
        let later: Vec<Timestamp> = self
            .history
            .versions()
            .iter()
            .map(|c| c.effective)
            .filter(|e| *e > at)
            .collect();
        for effective in later {
            self.schedule(effective, TimerKind::FundQuietRecheck);
        }
    }

    /// Whether the charter in force at `at` gives the board the return to peace mode.
    pub(super) fn board_decides_peace(&self, at: Timestamp) -> bool {
        self.charter_at(at).is_ok_and(|c| {
            c.fund
                .as_ref()
                .and_then(|f| f.board.as_ref())
                .is_some_and(|b| b.has(BoardPower::ReturnToPeace))
        })
    }
}
