//! The fund's record: a projection of the fund's part of the engine's output, like the rest of
//! [`State`](crate::State). It keeps its own [`Book`], posted with the same transfers and the
//! same function as the engine's, plus the history a person reads (every transfer with its
//! time and source, mode changes, rates, surge calls, tranches).

use crate::fund::Book;
use jiff::Timestamp;
use rust_decimal::Decimal;
use snapback_charter::{
    ActivationId, ClaimId, FundMode, PackageId, PartyId, PurposeId, RecipientId, TransferId,
};
use snapback_fund::loan::{Instalment, LoanTerms, schedule};

use crate::derived::{Derived, DerivedKind, FundTransfer, SurgeShare};
use crate::event::{Event, EventKind};
use crate::fund::{Conversion, FundAccepted, next_open, post};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModeChange {
    pub at: Timestamp,
    pub mode: FundMode,
    /// The activation that moved the fund to conflict; `None` for the return to peace.
    pub activation: Option<ActivationId>,
    /// The board's decision that returned the fund to peace, when the board holds that power.
    pub decision: Option<snapback_charter::DecisionId>,
}

/// One transfer with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferRecord {
    pub at: Timestamp,
    pub transfer: FundTransfer,
    /// The event type that made it (`fund.paid_in`, `fund.surge_called`, ...).
    pub source: &'static str,
    /// Who submitted the event (none for the engine's own conclusions).
    pub party: Option<PartyId>,
    pub reference: Option<String>,
    pub value_date: Option<Timestamp>,
    pub conversion: Option<Conversion>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateRecord {
    pub at: Timestamp,
    pub currency: String,
    pub rate: Decimal,
    pub reference: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallRecord {
    pub at: Timestamp,
    pub activation: ActivationId,
    pub package: PackageId,
    pub total: Decimal,
    pub due: Timestamp,
    pub shares: Vec<SurgeShare>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum TrancheStatus {
    Reserved,
    Released,
    Voided,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrancheRecord {
    pub claim: ClaimId,
    pub recipient: RecipientId,
    pub purpose: PurposeId,
    pub amount: Decimal,
    pub reserved_at: Timestamp,
    pub status: TrancheStatus,
    pub resolved_at: Option<Timestamp>,
    pub activation: Option<ActivationId>,
}

/// A loan the fund made: its terms, its schedule and its repayments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoanRecord {
    pub loan: TransferId,
    pub borrower: RecipientId,
    pub purpose: PurposeId,
    pub disbursed_at: Timestamp,
    pub terms: LoanTerms,
    pub schedule: Vec<Instalment>,
    /// Instalments settled, in order (instalments of nothing included).
    pub paid: usize,
    pub repayments: Vec<RepaymentRecord>,
}

/// One instalment paid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepaymentRecord {
    pub at: Timestamp,
    pub transfer: TransferId,
    pub instalment: u32,
    pub amount: Decimal,
    /// The revenue stream that paid it; none when the borrower (or the manager for it) did.
    pub source: Option<String>,
}

/// Where a guarantee stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum GuaranteeStatus {
    Open,
    Called,
    Expired,
}

/// A guarantee the fund issued, and what came of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuaranteeRecord {
    pub guarantee: TransferId,
    pub recipient: RecipientId,
    pub purpose: PurposeId,
    pub amount: Decimal,
    pub issued_at: Timestamp,
    pub valid_until: Timestamp,
    pub status: GuaranteeStatus,
    /// What a call paid.
    pub called: Option<Decimal>,
    pub resolved_at: Option<Timestamp>,
}

/// A programme tranche's condition verified as met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConditionRecord {
    pub programme: snapback_charter::ProgrammeId,
    pub tranche: snapback_charter::TrancheId,
    pub condition: snapback_charter::ConditionId,
    pub at: Timestamp,
    pub party: PartyId,
    pub reference: String,
}

/// What happened to a programme tranche: held (by unmet conditions or a short pool), paid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgrammeTrancheEvent {
    pub programme: snapback_charter::ProgrammeId,
    pub tranche: snapback_charter::TrancheId,
    pub at: Timestamp,
    pub what: ProgrammeTrancheStep,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProgrammeTrancheStep {
    Held {
        unmet: Vec<snapback_charter::ConditionId>,
        available: Option<Decimal>,
    },
    Paid {
        amount: Decimal,
        late: bool,
    },
}

/// An appropriation recorded for a contributor's surge shares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppropriationRecord {
    pub at: Timestamp,
    pub contributor: PartyId,
    pub amount: Decimal,
    pub reference: String,
}

/// A surge share that waited on its contributor's appropriation (since `at`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwaitingRecord {
    pub at: Timestamp,
    pub activation: ActivationId,
    pub party: PartyId,
    pub obligation: snapback_charter::ObligationId,
    pub amount: Decimal,
    pub parliament: String,
}

/// A motion put to the fund's board, its votes and its decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardMotionRecord {
    pub decision: snapback_charter::DecisionId,
    pub motion: crate::event::BoardAction,
    pub proposer: PartyId,
    pub reference: Option<String>,
    pub opened_at: Timestamp,
    pub deadline: Timestamp,
    pub weights: snapback_charter::BoardWeights,
    pub threshold: String,
    pub members: Vec<crate::derived::BoardSeat>,
    pub total: Decimal,
    /// In the order cast.
    pub votes: Vec<(PartyId, snapback_charter::Choice, Timestamp)>,
    pub decided: Option<BoardDecisionRecord>,
    /// The disbursement an adopted exceptional disbursement authorised, once made.
    pub used_by: Option<TransferId>,
}

/// How a board motion was decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardDecisionRecord {
    pub at: Timestamp,
    pub status: crate::derived::DecisionStatus,
    pub basis: crate::derived::Basis,
    pub tally: crate::derived::BoardTally,
    pub effect: crate::derived::BoardEffect,
    pub previous_cap: Option<Decimal>,
}

/// Everything the fund did.
#[derive(Debug, Clone)]
pub struct FundRecord {
    pub book: Book,
    pub mode: FundMode,
    pub modes: Vec<ModeChange>,
    pub transfers: Vec<TransferRecord>,
    pub rates: Vec<RateRecord>,
    pub calls: Vec<CallRecord>,
    pub tranches: Vec<TrancheRecord>,
    pub loans: Vec<LoanRecord>,
    pub guarantees: Vec<GuaranteeRecord>,
    /// Programme tranches' conditions verified, in order.
    pub conditions: Vec<ConditionRecord>,
    /// Programme tranches held and paid, in order.
    pub programme_steps: Vec<ProgrammeTrancheEvent>,
    /// Appropriations recorded, in order.
    pub appropriations: Vec<AppropriationRecord>,
    /// Surge shares that waited on an appropriation, in order (whether they still wait is
    /// whether their obligation exists).
    pub awaiting: Vec<AwaitingRecord>,
    /// Motions put to the board, in order.
    pub board: Vec<BoardMotionRecord>,
    /// Transfers this projection's book refused. The engine posted each one first, so this stays
    /// empty; it is kept (not hidden) so that a disagreement would show in every report.
    pub problems: Vec<String>,
}

impl Default for FundRecord {
    fn default() -> Self {
        Self {
            book: Book::new(),
            mode: FundMode::Peace,
            modes: Vec::new(),
            transfers: Vec::new(),
            rates: Vec::new(),
            calls: Vec::new(),
            tranches: Vec::new(),
            loans: Vec::new(),
            guarantees: Vec::new(),
            conditions: Vec::new(),
            programme_steps: Vec::new(),
            appropriations: Vec::new(),
            awaiting: Vec::new(),
            board: Vec::new(),
            problems: Vec::new(),
        }
    }
}

impl FundRecord {
    /// Whether anything happened in the fund.
    pub fn is_empty(&self) -> bool {
        self.transfers.is_empty() && self.modes.is_empty() && self.rates.is_empty()
    }

    fn post(
        &mut self,
        at: Timestamp,
        transfers: &[FundTransfer],
        source: &'static str,
        origin: (
            Option<PartyId>,
            Option<String>,
            Option<Timestamp>,
            Option<Conversion>,
        ),
    ) {
        if let Err(e) = post(&mut self.book, transfers) {
            self.problems.push(format!("{source} at {at}: {e}"));
            return;
        }
        let (party, reference, value_date, conversion) = origin;
        for t in transfers {
            self.transfers.push(TransferRecord {
                at,
                transfer: t.clone(),
                source,
                party: party.clone(),
                reference: reference.clone(),
                value_date,
                conversion: conversion.clone(),
            });
        }
    }

    /// An accepted money event.
    pub(crate) fn accepted(&mut self, event: &Event, f: &FundAccepted) {
        if f.duplicate {
            return;
        }
        let (reference, value_date) = match &event.kind {
            EventKind::FundPledged(m) | EventKind::FundPaidIn(m) => {
                (m.reference.clone(), m.value_date)
            }
            EventKind::FundDisbursed(d) => (Some(d.reference.clone()), None),
            EventKind::FundLoanDisbursed(l) => (Some(l.reference.clone()), None),
            EventKind::FundLoanRepaid(r) => (r.reference.clone(), None),
            EventKind::FundGuaranteeIssued(g) => (Some(g.reference.clone()), None),
            EventKind::FundGuaranteeCalled(c) => (Some(c.reference.clone()), None),
            _ => (None, None),
        };
        self.loan_event(event);
        if let EventKind::FundDisbursed(d) = &event.kind
            && let Some(decision) = &d.decision
            && let Some(m) = self.board.iter_mut().find(|m| &m.decision == decision)
        {
            m.used_by = Some(d.transfer.clone());
        }
        self.post(
            event.at,
            &f.transfers,
            event.kind.type_name(),
            (
                Some(event.party.clone()),
                reference,
                value_date,
                f.conversion.clone(),
            ),
        );
    }

    /// Keeps the loans' record: the engine accepted the event, so the schedule exists and the
    /// repayment pays the loan's next open instalment.
    fn loan_event(&mut self, event: &Event) {
        match &event.kind {
            EventKind::FundLoanDisbursed(l) => {
                let terms = l.terms();
                let schedule = schedule(&terms).unwrap_or_default();
                self.loans.push(LoanRecord {
                    loan: l.transfer.clone(),
                    borrower: l.recipient.clone(),
                    purpose: l.purpose.clone(),
                    disbursed_at: event.at,
                    terms,
                    schedule,
                    paid: 0,
                    repayments: Vec::new(),
                });
            }
            EventKind::FundLoanRepaid(r) => {
                let Some(loan) = self.loans.iter_mut().find(|x| x.loan == r.loan) else {
                    return;
                };
                let Some(index) = next_open(&loan.schedule, loan.paid) else {
                    return;
                };
                loan.paid = index + 1;
                loan.repayments.push(RepaymentRecord {
                    at: event.at,
                    transfer: r.transfer.clone(),
                    instalment: loan.schedule[index].number,
                    amount: r.amount,
                    source: r.source.clone(),
                });
            }
            EventKind::FundGuaranteeIssued(g) => self.guarantees.push(GuaranteeRecord {
                guarantee: g.transfer.clone(),
                recipient: g.recipient.clone(),
                purpose: g.purpose.clone(),
                amount: g.amount,
                issued_at: event.at,
                valid_until: g.valid_until,
                status: GuaranteeStatus::Open,
                called: None,
                resolved_at: None,
            }),
            EventKind::FundGuaranteeCalled(c) => {
                self.resolve_guarantee(
                    &c.guarantee,
                    event.at,
                    GuaranteeStatus::Called,
                    Some(c.amount),
                );
            }
            _ => {}
        }
    }

    fn resolve_guarantee(
        &mut self,
        guarantee: &TransferId,
        at: Timestamp,
        status: GuaranteeStatus,
        called: Option<Decimal>,
    ) {
        if let Some(g) = self
            .guarantees
            .iter_mut()
            .find(|g| &g.guarantee == guarantee && g.status == GuaranteeStatus::Open)
        {
            g.status = status;
            g.called = called;
            g.resolved_at = Some(at);
        }
    }

    /// An accepted `fund.appropriated`.
    fn appropriated(
        &mut self,
        at: Timestamp,
        party: &PartyId,
        a: &crate::event::FundAppropriation,
    ) {
        self.appropriations.push(AppropriationRecord {
            at,
            contributor: a.contributor.clone().unwrap_or_else(|| party.clone()),
            amount: a.amount,
            reference: a.reference.clone(),
        });
    }

    /// An accepted `fund.condition_met`.
    /// An accepted event that moves no money but the record keeps: an appropriation, a board
    /// motion, a condition verified, an exchange rate.
    pub(crate) fn recorded(&mut self, event: &Event) {
        let (at, party) = (event.at, &event.party);
        match &event.kind {
            EventKind::FundAppropriated(a) => self.appropriated(at, party, a),
            EventKind::FundBoardMotion(m) => self.board_motion(at, party, m),
            EventKind::FundConditionMet(m) => self.condition_met(at, party, m),
            EventKind::FundFxRate(r) => {
                self.rate(at, r.currency.code(), r.rate, r.reference.clone());
            }
            _ => {}
        }
    }

    /// A motion put to the board (its members and weights come with the derived opening).
    fn board_motion(&mut self, at: Timestamp, party: &PartyId, m: &crate::event::FundBoardMotion) {
        self.board.push(BoardMotionRecord {
            decision: m.decision.clone(),
            motion: m.action.clone(),
            proposer: party.clone(),
            reference: m.reference.clone(),
            opened_at: at,
            deadline: at,
            weights: snapback_charter::BoardWeights::Key,
            threshold: String::new(),
            members: Vec::new(),
            total: Decimal::ZERO,
            votes: Vec::new(),
            decided: None,
            used_by: None,
        });
    }

    /// A vote on a board motion; false if `decision` is no board motion.
    pub(crate) fn board_vote(
        &mut self,
        at: Timestamp,
        party: &PartyId,
        decision: &snapback_charter::DecisionId,
        choice: snapback_charter::Choice,
    ) -> bool {
        let Some(m) = self.board.iter_mut().find(|m| &m.decision == decision) else {
            return false;
        };
        m.votes.push((party.clone(), choice, at));
        true
    }

    fn condition_met(
        &mut self,
        at: Timestamp,
        party: &PartyId,
        m: &crate::event::FundConditionMet,
    ) {
        self.conditions.push(ConditionRecord {
            programme: m.programme.clone(),
            tranche: m.tranche.clone(),
            condition: m.condition.clone(),
            at,
            party: party.clone(),
            reference: m.reference.clone(),
        });
    }

    /// An accepted exchange rate.
    fn rate(&mut self, at: Timestamp, currency: &str, rate: Decimal, reference: Option<String>) {
        self.rates.push(RateRecord {
            at,
            currency: currency.to_owned(),
            rate,
            reference,
        });
    }

    /// One of the engine's fund conclusions.
    pub(crate) fn derived(&mut self, d: &Derived) {
        let at = d.at;
        let source = d.kind.type_name();
        match &d.kind {
            DerivedKind::FundModeChanged {
                mode,
                activation,
                decision,
            } => {
                self.mode = *mode;
                self.modes.push(ModeChange {
                    at,
                    mode: *mode,
                    activation: activation.clone(),
                    decision: decision.clone(),
                });
            }
            // The fund stays in conflict mode; the board's motions show what follows.
            DerivedKind::FundQuietPeriodEnded {} => {}
            DerivedKind::FundBoardMotionOpened {
                decision,
                deadline,
                weights,
                threshold,
                members,
                total,
                ..
            } => {
                if let Some(m) = self.board.iter_mut().find(|m| &m.decision == decision) {
                    m.deadline = *deadline;
                    m.weights = *weights;
                    m.threshold = threshold.clone();
                    m.members = members.clone();
                    m.total = *total;
                }
            }
            DerivedKind::FundBoardDecided {
                decision,
                status,
                basis,
                tally,
                effect,
                previous_cap,
                ..
            } => {
                if let Some(m) = self.board.iter_mut().find(|m| &m.decision == decision) {
                    m.decided = Some(BoardDecisionRecord {
                        at,
                        status: *status,
                        basis: *basis,
                        tally: *tally,
                        effect: *effect,
                        previous_cap: *previous_cap,
                    });
                }
            }
            DerivedKind::FundSurgeCalled {
                activation,
                package,
                total,
                due,
                shares,
                transfers,
                ..
            } => {
                self.post(at, transfers, source, (None, None, None, None));
                self.calls.push(CallRecord {
                    at,
                    activation: activation.clone(),
                    package: package.clone(),
                    total: *total,
                    due: *due,
                    shares: shares.clone(),
                });
            }
            DerivedKind::FundTrancheReserved {
                claim,
                recipient,
                purpose,
                amount,
                transfers,
            } => {
                self.post(at, transfers, source, (None, None, None, None));
                self.tranches.push(TrancheRecord {
                    claim: claim.clone(),
                    recipient: recipient.clone(),
                    purpose: purpose.clone(),
                    amount: *amount,
                    reserved_at: at,
                    status: TrancheStatus::Reserved,
                    resolved_at: None,
                    activation: None,
                });
            }
            DerivedKind::FundTrancheReleased {
                claim,
                activation,
                transfers,
                ..
            } => {
                self.post(at, transfers, source, (None, None, None, None));
                self.resolve(claim, at, TrancheStatus::Released, Some(activation.clone()));
            }
            DerivedKind::FundTrancheVoided {
                claim, transfers, ..
            } => {
                self.post(at, transfers, source, (None, None, None, None));
                self.resolve(claim, at, TrancheStatus::Voided, None);
            }
            DerivedKind::FundGuaranteeExpired {
                guarantee,
                transfers,
                ..
            } => {
                self.post(at, transfers, source, (None, None, None, None));
                self.resolve_guarantee(guarantee, at, GuaranteeStatus::Expired, None);
            }
            DerivedKind::FundProgrammeTranchePaid {
                programme,
                tranche,
                amount,
                late,
                transfers,
            } => {
                self.post(at, transfers, source, (None, None, None, None));
                self.programme_steps.push(ProgrammeTrancheEvent {
                    programme: programme.clone(),
                    tranche: tranche.clone(),
                    at,
                    what: ProgrammeTrancheStep::Paid {
                        amount: *amount,
                        late: *late,
                    },
                });
            }
            DerivedKind::FundShareAwaitingAppropriation {
                activation,
                party,
                obligation,
                amount,
                parliament,
            } => self.awaiting.push(AwaitingRecord {
                at,
                activation: activation.clone(),
                party: party.clone(),
                obligation: obligation.clone(),
                amount: *amount,
                parliament: parliament.clone(),
            }),
            DerivedKind::FundProgrammeTrancheHeld {
                programme,
                tranche,
                unmet,
                available,
            } => self.programme_steps.push(ProgrammeTrancheEvent {
                programme: programme.clone(),
                tranche: tranche.clone(),
                at,
                what: ProgrammeTrancheStep::Held {
                    unmet: unmet.clone(),
                    available: *available,
                },
            }),
            _ => {}
        }
    }

    fn resolve(
        &mut self,
        claim: &ClaimId,
        at: Timestamp,
        status: TrancheStatus,
        activation: Option<ActivationId>,
    ) {
        if let Some(t) = self
            .tranches
            .iter_mut()
            .rev()
            .find(|t| &t.claim == claim && t.status == TrancheStatus::Reserved)
        {
            t.status = status;
            t.resolved_at = Some(at);
            t.activation = activation;
        }
    }
}
