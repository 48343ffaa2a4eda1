//! The fund's board inside the engine: motions put to it, the weighted votes of its members,
//! its decisions, and what an adopted decision does (returns the fund to peace mode, authorises
//! one exceptional disbursement, changes a cap).
//!
//! A motion's members and their voting power are fixed when it is put (contribution keys, or
//! the capital each has paid in by then), so later payments cannot move a vote in progress. The
//! outcome is decided as soon as it can no longer change: adopted once the yes votes' power
//! meets the threshold (more yes votes can only keep it so), not adopted once even every member
//! still to vote voting yes could not meet it, and at the deadline on the votes cast.

use std::collections::BTreeMap;

use jiff::Timestamp;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;
use snapback_charter::{
    BoardPower, BoardThreshold, BoardWeights, Charter, Choice, DecisionId, Fund, FundBoard,
    FundMode, PartyId, PurposeId, RecipientId, Role, TransferId,
};

use super::{FundLive, paid_in_account};
use crate::derived::{
    Basis, BoardEffect, BoardSeat, BoardTally, DecisionStatus, Derived, DerivedKind,
};
use crate::event::{BoardAction, FundBoardMotion, FundDisbursement};
use crate::rejection::Rejection;

/// A motion still open.
#[derive(Debug, Clone)]
struct MotionLive {
    action: BoardAction,
    deadline: Timestamp,
    threshold: BoardThreshold,
    /// The members in charter order, with their voting power.
    seats: Vec<BoardSeat>,
    votes: Vec<Option<Choice>>,
    total: Decimal,
}

impl MotionLive {
    fn tally(&self) -> BoardTally {
        let mut t = BoardTally {
            total: self.total,
            ..BoardTally::default()
        };
        for (seat, vote) in self.seats.iter().zip(&self.votes) {
            let w = seat.weight;
            match vote {
                Some(Choice::Yes) => t.yes += w,
                Some(Choice::No) => t.no += w,
                Some(Choice::Abstain) => t.abstain += w,
                None => t.not_voted += w,
            }
        }
        t
    }

    /// Adopted, not adopted (and on what basis), or `None` while the votes still to come can
    /// change it. `final_` at the deadline, when members who have not voted count against it.
    fn outcome(&self, final_: bool) -> Option<(DecisionStatus, Basis)> {
        let t = self.tally();
        if self.threshold.met(t.yes, t.total) {
            Some((DecisionStatus::Adopted, Basis::Adopted))
        } else if final_ {
            Some((DecisionStatus::NotAdopted, Basis::NotAdoptedByDeadline))
        } else if !self.threshold.met(t.yes + t.not_voted, t.total) {
            Some((DecisionStatus::NotAdopted, Basis::CannotBeAdopted))
        } else {
            None
        }
    }
}

/// A decided motion.
#[derive(Debug, Clone)]
struct ClosedMotion {
    status: DecisionStatus,
    deadline: Timestamp,
    action: BoardAction,
}

/// An adopted exceptional disbursement, and the disbursement that used it.
#[derive(Debug, Clone)]
struct Authorisation {
    purpose: PurposeId,
    recipient: RecipientId,
    amount: Decimal,
    used_by: Option<TransferId>,
}

/// The board's live state.
#[derive(Debug, Clone, Default)]
pub(crate) struct BoardLive {
    open: BTreeMap<DecisionId, MotionLive>,
    closed: BTreeMap<DecisionId, ClosedMotion>,
    authorisations: BTreeMap<DecisionId, Authorisation>,
    /// Caps the board changed, by purpose: they replace the charter's amount.
    caps: FxHashMap<PurposeId, Decimal>,
}

/// The board, if the charter gives it `power`.
fn board_with(fund: &Fund, power: BoardPower) -> Result<&FundBoard, Rejection> {
    let board = fund.board.as_ref().ok_or(Rejection::NoBoardPower {
        action: power.name(),
        why: ": it sets up no [fund.board]",
    })?;
    if board.has(power) {
        Ok(board)
    } else {
        Err(Rejection::NoBoardPower {
            action: power.name(),
            why: "",
        })
    }
}

impl FundLive {
    /// Whether `id` names a board motion, open or decided.
    pub fn has_motion(&self, id: &DecisionId) -> bool {
        self.board.open.contains_key(id) || self.board.closed.contains_key(id)
    }

    /// The cap on `purpose` in force: the board's if it changed it, else the charter's.
    pub(super) fn cap_amount(&self, fund: &Fund, purpose: &PurposeId) -> Option<Decimal> {
        let charter = fund.caps.iter().find(|c| &c.purpose == purpose)?;
        Some(
            self.board
                .caps
                .get(purpose)
                .copied()
                .unwrap_or(charter.amount),
        )
    }

    /// `fund.board_motion`: a member, the manager or the secretariat puts a motion the charter
    /// gives the board. Answers with the motion's derived opening (members and weights fixed)
    /// and its deadline.
    pub fn put_motion(
        &mut self,
        at: Timestamp,
        charter: &Charter,
        fund: &Fund,
        party: &PartyId,
        m: &FundBoardMotion,
    ) -> Result<(Derived, Timestamp), Rejection> {
        let board = board_with(fund, m.action.power())?;
        let idx = charter.party_idx(party.as_str());
        let may_put = idx.is_some_and(|p| {
            p == fund.manager
                || charter.has_role(p, Role::Secretariat)
                || fund.contributor(p).is_some()
        });
        if !may_put {
            return Err(Rejection::NotBoardMember {
                party: party.clone(),
                action: "put a motion to the fund's board",
            });
        }
        match &m.action {
            BoardAction::ReturnToPeace => {
                if self.mode != FundMode::Conflict {
                    return Err(Rejection::NotInConflictMode);
                }
                if !self.quiet_ended {
                    return Err(Rejection::QuietPeriodRunning {
                        until: self.quiet_until.unwrap_or(at),
                    });
                }
            }
            BoardAction::ExceptionalDisbursement {
                amount, currency, ..
            } => {
                in_currency(fund, currency)?;
                let above = board.exceptional_above.unwrap_or_default();
                if *amount <= above {
                    return Err(Rejection::NotExceptional {
                        amount: *amount,
                        above,
                    });
                }
            }
            BoardAction::CapChange {
                purpose, currency, ..
            } => {
                in_currency(fund, currency)?;
                if self.cap_amount(fund, purpose).is_none() {
                    return Err(Rejection::NoCap {
                        purpose: purpose.clone(),
                    });
                }
            }
        }
        let seats: Vec<BoardSeat> = fund
            .contributors
            .iter()
            .filter(|c| charter.participates(c.party, at))
            .map(|c| {
                let id = charter.party(c.party).id.clone();
                let weight = match board.weights {
                    BoardWeights::Key => c.key,
                    BoardWeights::PaidIn => self
                        .book
                        .balance(&paid_in_account(id.as_str()))
                        .debit_balance()
                        .max(Decimal::ZERO),
                };
                BoardSeat { party: id, weight }
            })
            .collect();
        let total = seats.iter().map(|s| s.weight).sum();
        let deadline = board.decide_within.after(at);
        let live = MotionLive {
            action: m.action.clone(),
            deadline,
            threshold: board.threshold,
            votes: vec![None; seats.len()],
            seats: seats.clone(),
            total,
        };
        self.board.open.insert(m.decision.clone(), live);
        let opened = Derived {
            at,
            kind: DerivedKind::FundBoardMotionOpened {
                decision: m.decision.clone(),
                motion: m.action.clone(),
                deadline,
                weights: board.weights,
                threshold: board.threshold.to_string(),
                members: seats,
                total,
            },
        };
        Ok((opened, deadline))
    }

    /// A member's vote on an open motion.
    pub fn board_vote(
        &mut self,
        at: Timestamp,
        id: &DecisionId,
        party: &PartyId,
        choice: Choice,
    ) -> Result<(), Rejection> {
        let Some(live) = self.board.open.get_mut(id) else {
            return Err(match self.board.closed.get(id) {
                None => Rejection::UnknownDecision {
                    decision: id.clone(),
                },
                Some(c) if at > c.deadline => Rejection::VoteAfterDeadline {
                    target: id.to_string(),
                    deadline: c.deadline,
                },
                Some(c) => Rejection::DecisionClosed {
                    decision: id.clone(),
                    status: c.status,
                },
            });
        };
        let slot = live
            .seats
            .iter()
            .position(|s| &s.party == party)
            .ok_or_else(|| Rejection::NotBoardMember {
                party: party.clone(),
                action: "vote on a motion of the fund's board",
            })?;
        if let Some(previous) = live.votes.get(slot).copied().flatten() {
            return Err(Rejection::AlreadyVoted {
                party: party.clone(),
                target: id.to_string(),
                vote: previous.to_string(),
            });
        }
        if let Some(v) = live.votes.get_mut(slot) {
            *v = Some(choice);
        }
        Ok(())
    }

    /// Decides motion `id` if its outcome is certain (`final_` at its deadline) and does what an
    /// adopted decision does. Nothing if it is still open or was decided already.
    pub fn settle_motion(
        &mut self,
        at: Timestamp,
        fund: &Fund,
        id: &DecisionId,
        final_: bool,
    ) -> Vec<Derived> {
        let Some((status, basis)) = self.board.open.get(id).and_then(|m| m.outcome(final_)) else {
            return Vec::new();
        };
        let Some(live) = self.board.open.remove(id) else {
            return Vec::new();
        };
        let tally = live.tally();
        let mut out = Vec::new();
        let mut previous_cap = None;
        let effect = if status != DecisionStatus::Adopted {
            BoardEffect::None
        } else {
            match &live.action {
                BoardAction::ReturnToPeace
                    if self.mode == FundMode::Conflict && self.quiet_ended =>
                {
                    self.mode = FundMode::Peace;
                    self.quiet_until = None;
                    self.quiet_ended = false;
                    out.push(Derived {
                        at,
                        kind: DerivedKind::FundModeChanged {
                            mode: FundMode::Peace,
                            activation: None,
                            decision: Some(id.clone()),
                        },
                    });
                    BoardEffect::ReturnedToPeace
                }
                BoardAction::ReturnToPeace => BoardEffect::StillInConflict,
                BoardAction::ExceptionalDisbursement {
                    purpose,
                    recipient,
                    amount,
                    ..
                } => {
                    self.board.authorisations.insert(
                        id.clone(),
                        Authorisation {
                            purpose: purpose.clone(),
                            recipient: recipient.clone(),
                            amount: *amount,
                            used_by: None,
                        },
                    );
                    BoardEffect::Authorised
                }
                BoardAction::CapChange {
                    purpose, amount, ..
                } => {
                    previous_cap = self.cap_amount(fund, purpose);
                    self.board.caps.insert(purpose.clone(), *amount);
                    BoardEffect::CapChanged
                }
            }
        };
        // The decision comes before what it caused.
        out.insert(
            0,
            Derived {
                at,
                kind: DerivedKind::FundBoardDecided {
                    decision: id.clone(),
                    motion: live.action.clone(),
                    status,
                    basis,
                    tally,
                    effect,
                    previous_cap,
                },
            },
        );
        self.board.closed.insert(
            id.clone(),
            ClosedMotion {
                status,
                deadline: live.deadline,
                action: live.action,
            },
        );
        out
    }

    /// The board decision a disbursement needs or cites, checked: `None` when it needs none and
    /// cites none. A disbursement above the charter's `exceptional_above` needs one.
    pub(super) fn check_authorisation(
        &self,
        fund: &Fund,
        d: &FundDisbursement,
    ) -> Result<Option<DecisionId>, Rejection> {
        let above = fund
            .board
            .as_ref()
            .filter(|b| b.has(BoardPower::ExceptionalDisbursement))
            .and_then(|b| b.exceptional_above);
        let Some(decision) = &d.decision else {
            return match above {
                Some(above) if d.amount > above => Err(Rejection::NeedsBoard {
                    amount: d.amount,
                    above,
                }),
                _ => Ok(None),
            };
        };
        let mismatch = |why: String| Rejection::BoardDecisionMismatch {
            decision: decision.clone(),
            why,
        };
        let Some(auth) = self.board.authorisations.get(decision) else {
            return Err(if self.board.open.contains_key(decision) {
                Rejection::BoardDecisionNotAdopted {
                    decision: decision.clone(),
                    status: "still open".to_owned(),
                }
            } else {
                match self.board.closed.get(decision) {
                    None => Rejection::UnknownDecision {
                        decision: decision.clone(),
                    },
                    Some(c) if c.status != DecisionStatus::Adopted => {
                        Rejection::BoardDecisionNotAdopted {
                            decision: decision.clone(),
                            status: "not adopted".to_owned(),
                        }
                    }
                    Some(c) => mismatch(format!(
                        "it decided {}, not an exceptional disbursement",
                        c.action.power().name()
                    )),
                }
            });
        };
        if let Some(transfer) = &auth.used_by {
            return Err(Rejection::BoardDecisionUsed {
                decision: decision.clone(),
                transfer: transfer.clone(),
            });
        }
        if auth.purpose != d.purpose {
            return Err(mismatch(format!(
                "it authorises a disbursement for `{}`, not `{}`",
                auth.purpose, d.purpose
            )));
        }
        if auth.recipient != d.recipient {
            return Err(mismatch(format!(
                "it authorises a disbursement to `{}`, not `{}`",
                auth.recipient, d.recipient
            )));
        }
        if d.amount > auth.amount {
            return Err(mismatch(format!(
                "it authorises at most {}, not {}",
                auth.amount, d.amount
            )));
        }
        Ok(Some(decision.clone()))
    }

    /// An authorised disbursement was made: its decision is used.
    pub(super) fn use_authorisation(&mut self, decision: &DecisionId, transfer: &TransferId) {
        if let Some(auth) = self.board.authorisations.get_mut(decision) {
            auth.used_by = Some(transfer.clone());
        }
    }
}

/// A board motion's amount is in the fund's currency of account.
fn in_currency(fund: &Fund, currency: &str) -> Result<(), Rejection> {
    if currency == fund.currency.code() {
        Ok(())
    } else {
        Err(Rejection::WrongCurrency {
            currency: currency.to_owned(),
            expected: fund.currency.code().to_owned(),
        })
    }
}
