//! The fund's movements as the log records them: what each transfer is (its code, and how IATI
//! reports it), the transfer itself, and a contributor's share of a surge call.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use snapback_charter::{ObligationId, PartyId, PurposeId, TransferId};

/// What a movement in the fund's books is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum TransferCode {
    /// A contributor commits money (pledge receivable ← commitments).
    Pledge,
    /// A surge call charges a contributor (call receivable ← commitments).
    SurgeCall,
    /// Money arrives (pool ← the contributor's paid-in capital).
    PaidIn,
    /// A commitment is settled by a payment (commitments ← the receivable).
    Settlement,
    /// Money leaves for a purpose (recipient ← pool).
    Disbursement,
    /// A tranche is reserved for a recipient (a pending transfer).
    Reservation,
    /// A reserved tranche is paid out (posts the reservation).
    Release,
    /// A reserved tranche is released back to the pool (voids the reservation).
    Void,
    /// A loan's principal leaves for its borrower (borrower ← pool).
    LoanDisbursement,
    /// An instalment's principal falls due: the borrower's scheduled obligation (a pending
    /// transfer, pool ← borrower).
    PrincipalDue,
    /// An instalment's interest falls due (pending, interest income ← borrower).
    InterestDue,
    /// An instalment's principal is repaid (posts its pending transfer).
    PrincipalRepaid,
    /// An instalment's interest is paid (posts its pending transfer).
    InterestPaid,
    /// A guarantee is issued: the pool's money backing it is reserved for the guaranteed
    /// creditor (a pending transfer), a contingent liability.
    GuaranteeIssued,
    /// A guarantee is called: it becomes a payment (posts the reservation, up to its amount).
    GuaranteeCalled,
    /// A guarantee expired uncalled: its reservation returns to the pool (voids it).
    GuaranteeExpired,
}

impl TransferCode {
    pub fn name(self) -> &'static str {
        match self {
            TransferCode::Pledge => "pledge",
            TransferCode::SurgeCall => "surge_call",
            TransferCode::PaidIn => "paid_in",
            TransferCode::Settlement => "settlement",
            TransferCode::Disbursement => "disbursement",
            TransferCode::Reservation => "reservation",
            TransferCode::Release => "release",
            TransferCode::Void => "void",
            TransferCode::LoanDisbursement => "loan_disbursement",
            TransferCode::PrincipalDue => "principal_due",
            TransferCode::InterestDue => "interest_due",
            TransferCode::PrincipalRepaid => "principal_repaid",
            TransferCode::InterestPaid => "interest_paid",
            TransferCode::GuaranteeIssued => "guarantee_issued",
            TransferCode::GuaranteeCalled => "guarantee_called",
            TransferCode::GuaranteeExpired => "guarantee_expired",
        }
    }

    /// Whether the movement is a guarantee's (reported with IATI finance type 1100).
    pub fn is_guarantee(self) -> bool {
        matches!(
            self,
            TransferCode::GuaranteeIssued
                | TransferCode::GuaranteeCalled
                | TransferCode::GuaranteeExpired
        )
    }

    /// Whether the movement is a loan's (reported with IATI finance type 410, aid loan).
    pub fn is_loan(self) -> bool {
        matches!(
            self,
            TransferCode::LoanDisbursement
                | TransferCode::PrincipalDue
                | TransferCode::InterestDue
                | TransferCode::PrincipalRepaid
                | TransferCode::InterestPaid
        )
    }

    /// The IATI transaction type this movement reports as, if any: 11 incoming commitment,
    /// 1 incoming funds, 2 outgoing commitment, 3 disbursement (a loan's and a called
    /// guarantee's too), 5 interest payment, 6 loan repayment, 10 credit guarantee (an expired
    /// one is exported as a negative 10). Settlements, voids and instalments falling due are
    /// bookkeeping inside the fund and are not reported.
    pub fn iati(self) -> Option<u8> {
        match self {
            TransferCode::Pledge | TransferCode::SurgeCall => Some(11),
            TransferCode::PaidIn => Some(1),
            TransferCode::Reservation => Some(2),
            TransferCode::Disbursement
            | TransferCode::Release
            | TransferCode::LoanDisbursement
            | TransferCode::GuaranteeCalled => Some(3),
            TransferCode::GuaranteeIssued => Some(10),
            TransferCode::PrincipalRepaid => Some(6),
            TransferCode::InterestPaid => Some(5),
            // Instalments falling due are the borrower's obligations, not money moving yet.
            // (The export writes voids and expiries as negative 2 and 10 itself.)
            TransferCode::Settlement
            | TransferCode::Void
            | TransferCode::GuaranteeExpired
            | TransferCode::PrincipalDue
            | TransferCode::InterestDue => None,
        }
    }
}

/// One movement in the fund's books as the log records it: accounts by name, amounts in the
/// fund's currency of account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FundTransfer {
    pub transfer: TransferId,
    pub code: TransferCode,
    pub debit: String,
    pub credit: String,
    pub amount: Decimal,
    /// The reservation a release or void resolves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending: Option<TransferId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<PurposeId>,
}

/// One contributor's part of a surge call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurgeShare {
    pub party: PartyId,
    pub amount: Decimal,
    pub obligation: ObligationId,
}

/// A member of the fund's board and its voting power on one motion (fixed when it is put).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "FundBoardSeat"))]
pub struct BoardSeat {
    pub party: PartyId,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub weight: Decimal,
}

/// The voting power behind each answer to a board motion, and the whole board's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "FundBoardTally"))]
pub struct BoardTally {
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub yes: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub no: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub abstain: Decimal,
    /// Members who have not voted.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub not_voted: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub total: Decimal,
}

/// What an adopted board decision did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "FundBoardEffect"))]
#[serde(rename_all = "snake_case")]
pub enum BoardEffect {
    /// Not adopted: nothing.
    None,
    /// The fund returned to peace mode.
    ReturnedToPeace,
    /// Adopted to return to peace, but an activation restarted the quiet period while the
    /// board voted: the fund stays in conflict mode (the automatic switch prevails).
    StillInConflict,
    /// The manager may now make the disbursement, once (citing the decision).
    Authorised,
    /// The purpose's cap changed.
    CapChanged,
}
