//! Input events: what parties submit, in scenarios today and in the signed log later.
//!
//! On the wire an event is one flat table (`at`, `party`, `type` and the type's fields), the same
//! in a scenario's `[[event]]` and in JSON. [`WireEvent`] is that table with every field optional;
//! [`WireEvent::into_event`] checks that exactly the type's fields are present and produces the
//! typed [`Event`] the engine consumes. Shape errors (a missing field, a field of another type,
//! `vote = "yes"` on a claim) are bad input; everything that depends on the charter or the state
//! (standing, deadlines, severity range) is judged by the engine and becomes a rejection.

mod board;
mod fields;
mod read;
mod types;
mod wire;

use jiff::Timestamp;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use snapback_charter::{
    BodyId, Choice, ClaimId, Currency, DecisionId, Duration, MeasureId, MeasureState, ObligationId,
    PartyId, PurposeId, RecipientId, ReportId, TierId, TransferId, TruceId,
};
use snapback_fund::loan::{Amortization, LoanTerms};

pub use crate::capability::event::*;

pub(crate) use self::fields::{amount, check_text, currency, optional_label};
pub use self::types::EVENT_TYPES;
pub use self::wire::{WireEvent, amortization_name};

/// The longest free text (summary, motion, description) an event may carry, in bytes.
pub const TEXT_LEN_MAX: usize = 4_096;
/// The longest short text (category, source kind, location, reference), in bytes.
pub const LABEL_LEN_MAX: usize = 256;

/// A dated input event submitted by a party.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub at: Timestamp,
    pub party: PartyId,
    pub kind: EventKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventKind {
    ClaimFiled(ClaimFiled),
    ClaimWithdrawn {
        claim: ClaimId,
    },
    EvidenceSubmitted(Evidence),
    MeetingConvened {
        claim: ClaimId,
    },
    /// A member of the verifying body tables the motion on a claim (a draft resolution).
    MotionTabled {
        claim: ClaimId,
    },
    VoteCast(VoteCast),
    DecisionOpened(DecisionOpened),
    ObligationFulfilled {
        obligation: ObligationId,
        reference: String,
    },
    /// A contributor commits money to the fund.
    FundPledged(FundMoney),
    /// A contributor's money arrives in the fund (against a surge call if `obligation` is set).
    FundPaidIn(FundMoney),
    /// The fund pays money out for a purpose.
    FundDisbursed(FundDisbursement),
    /// The exchange rate of a currency into the fund's currency of account, from now on.
    FundFxRate(FundFxRate),
    /// The fund lends: the principal leaves for the borrower, and every instalment of the
    /// schedule becomes the borrower's scheduled obligation.
    FundLoanDisbursed(FundLoan),
    /// The next instalment of a loan is paid in full, by the borrower or from a named revenue
    /// stream (such as the windfall profits of immobilised assets).
    FundLoanRepaid(FundRepayment),
    /// The fund guarantees a creditor's claim (on a loan to the beneficiary, say) up to an
    /// amount until an instant: the pool's money backing it is reserved.
    FundGuaranteeIssued(FundGuarantee),
    /// The guaranteed creditor calls the guarantee: it becomes a payment.
    FundGuaranteeCalled(FundGuaranteeCall),
    /// A contributor's parliament appropriates money for its surge shares (a law, with its
    /// legal reference): shares waiting on it become due.
    FundAppropriated(FundAppropriation),
    /// The party a programme tranche's condition names verifies that it is met (a reform
    /// milestone achieved, an IMF review completed), citing the act that shows it.
    FundConditionMet(FundConditionMet),
    /// A motion put to the fund's board on a decision the charter gives it (returning to peace
    /// mode, an exceptional disbursement, a cap change); its members vote with `vote.cast`.
    FundBoardMotion(FundBoardMotion),
    /// Capability tracker events (aid, contracts, stockpiles, training, restrictions).
    Capability(CapabilityEvent),
    /// A measure's owner records its state: re-imposed (`in_force`), eased (`suspended`) or
    /// ended (`terminated`).
    MeasureRecorded(MeasureRecorded),
    /// A threat to a measure's renewal (a veto announced): the measure is at risk.
    MeasureThreatened {
        measure: MeasureId,
        summary: String,
    },
    /// A measure's owner reports relief it means to give (`suspended` or `terminated`) on a
    /// measure whose relief is reviewed: the review opens, and the relief waits for it.
    ReliefReported(MeasureRecorded),
    /// The review's veto holder vetoes the disapproval the bodies adopted.
    ReliefVetoed {
        measure: MeasureId,
    },
    /// A monitor reports what it observed in an area over a period.
    MonitorReport(MonitorReport),
    /// The accused side replies to a claim under a truce.
    ReplyFiled(Reply),
    /// New public evidence asks the body to reconsider a determined claim.
    ReconsiderationRequested {
        claim: ClaimId,
        evidence: EvidenceContent,
    },
}

/// A monitor's report: counts by category for an area over the period after `from` up to and
/// including `until` (or at the instant, when they are equal), and the counts it flags (live-fire exercises, say) that rules may exclude.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonitorReport {
    pub report: ReportId,
    pub area: String,
    pub from: Timestamp,
    pub until: Timestamp,
    pub counts: std::collections::BTreeMap<String, u64>,
    pub flags: std::collections::BTreeMap<String, u64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeasureRecorded {
    pub measure: MeasureId,
    pub state: MeasureState,
    /// The instrument that did it (`Council Decision (CFSP) 2025/1975`, an official journal
    /// reference, a press release).
    pub reference: String,
}

/// Money in: a pledge or a payment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundMoney {
    pub transfer: TransferId,
    /// Whose money, when the manager or the secretariat records it for someone else.
    pub contributor: Option<PartyId>,
    pub amount: Decimal,
    pub currency: Currency,
    /// The surge call being paid (payments only).
    pub obligation: Option<ObligationId>,
    pub reference: Option<String>,
    /// When the money actually moved, if earlier than its recording (historical imports).
    pub value_date: Option<Timestamp>,
}

/// Money out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundDisbursement {
    pub transfer: TransferId,
    pub purpose: PurposeId,
    pub recipient: RecipientId,
    pub amount: Decimal,
    pub currency: Currency,
    pub reference: String,
    /// The board's adopted decision that authorises it (needed above the charter's
    /// `exceptional_above`).
    pub decision: Option<snapback_charter::DecisionId>,
}

/// A loan from the fund: its principal, its terms (see `snapback_fund::loan`) and what it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundLoan {
    pub transfer: TransferId,
    pub purpose: PurposeId,
    pub recipient: RecipientId,
    pub amount: Decimal,
    pub currency: Currency,
    /// Nominal annual rate as a fraction (`0.03`).
    pub rate: Decimal,
    pub periods_per_year: u32,
    pub grace_periods: u32,
    pub repayment_periods: u32,
    pub amortization: Amortization,
    pub reference: String,
}

impl FundLoan {
    /// The terms for the schedule, in the fund's currency.
    pub fn terms(&self) -> LoanTerms {
        LoanTerms {
            principal: self.amount,
            rate: self.rate,
            periods_per_year: self.periods_per_year,
            grace_periods: self.grace_periods,
            repayment_periods: self.repayment_periods,
            amortization: self.amortization,
            exponent: self.currency.exponent(),
        }
    }
}

/// A repayment: the next open instalment of `loan`, in full.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundRepayment {
    pub transfer: TransferId,
    pub loan: TransferId,
    pub amount: Decimal,
    pub currency: Currency,
    /// The revenue stream that paid it, when not the borrower itself.
    pub source: Option<String>,
    pub reference: Option<String>,
}

/// A guarantee the fund issues.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundGuarantee {
    pub transfer: TransferId,
    pub purpose: PurposeId,
    /// The guaranteed creditor, who is paid if the guarantee is called.
    pub recipient: RecipientId,
    pub amount: Decimal,
    pub currency: Currency,
    /// When it lapses if not called.
    pub valid_until: Timestamp,
    pub reference: String,
}

/// A call on a guarantee: `amount` (at most the guarantee's) is paid and the guarantee ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundGuaranteeCall {
    pub transfer: TransferId,
    pub guarantee: TransferId,
    pub amount: Decimal,
    pub currency: Currency,
    pub reference: String,
}

/// An appropriation of `amount` for a contributor's surge shares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundAppropriation {
    /// Whose, when the manager or the secretariat records it for the contributor.
    pub contributor: Option<PartyId>,
    pub amount: Decimal,
    pub currency: Currency,
    /// The act that appropriates it (a public law and its division, a budget law's article).
    pub reference: String,
}

/// A motion put to the fund's board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundBoardMotion {
    /// Its id; votes name it (`vote.cast` with `decision`), as does what it authorises.
    pub decision: snapback_charter::DecisionId,
    pub action: BoardAction,
    /// The paper it rests on, if any (a managing director's proposal, a board document).
    pub reference: Option<String>,
}

/// What a board motion would decide. Amounts are in the fund's currency of account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum BoardAction {
    /// The fund returns to peace mode (once its quiet period has passed).
    ReturnToPeace,
    /// The manager may disburse up to `amount` for `purpose` to `recipient`, once, though it is
    /// above the charter's `exceptional_above`.
    ExceptionalDisbursement {
        purpose: PurposeId,
        recipient: RecipientId,
        #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
        amount: Decimal,
        currency: String,
    },
    /// `purpose`'s cap becomes `amount` per its window, from the decision on.
    CapChange {
        purpose: PurposeId,
        #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
        amount: Decimal,
        currency: String,
    },
}

impl BoardAction {
    /// The board power the charter must give for this motion.
    pub fn power(&self) -> snapback_charter::BoardPower {
        use snapback_charter::BoardPower;
        match self {
            BoardAction::ReturnToPeace => BoardPower::ReturnToPeace,
            BoardAction::ExceptionalDisbursement { .. } => BoardPower::ExceptionalDisbursement,
            BoardAction::CapChange { .. } => BoardPower::CapChange,
        }
    }
}

/// A condition of a programme tranche verified as met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundConditionMet {
    pub programme: snapback_charter::ProgrammeId,
    pub tranche: snapback_charter::TrancheId,
    pub condition: snapback_charter::ConditionId,
    /// The act that shows it (a Council implementing decision, an IMF press release).
    pub reference: String,
}

/// `rate` units of the fund's currency buy one unit of `currency`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundFxRate {
    pub currency: Currency,
    pub rate: Decimal,
    pub reference: Option<String>,
}

/// The largest exchange rate accepted (units of the fund's currency per unit).
pub const FX_RATE_MAX: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimFiled {
    pub claim: ClaimId,
    pub category: String,
    /// 1 to 5; the engine rejects other values (a malformed filing is a rejected claim).
    pub severity: i64,
    pub summary: String,
    pub location: Option<String>,
    pub occurred_at: Option<Timestamp>,
    pub allegation: Allegation,
}

/// What a claim alleges beyond the incident itself: the truce it invokes, the side it accuses,
/// and the incident it is about (so the same incident is not alleged twice).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Allegation {
    /// Filed under this `[[truce]]`: by one side, about another, inside its scope and term.
    pub truce: Option<TruceId>,
    /// The side accused (under a truce of two sides, the other side when not written).
    pub accused: Option<PartyId>,
    /// A label naming the incident; a second claim about it is refused as a duplicate (new
    /// evidence reopens the first claim through reconsideration instead).
    pub incident: Option<String>,
}

/// The accused side's reply to a claim (its right of reply), with its own evidence if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub claim: ClaimId,
    pub summary: String,
    /// Evidence in clear (`source_kind`, `digest`), when the reply cites an item.
    pub evidence: Option<(String, String)>,
}

/// Evidence metadata. The evidence itself never enters snapback: only its digest. Evidence above
/// `public` is sealed: the log (and so the engine) holds only its marking, who it is releasable
/// to and a commitment to its content; the content sits in the access-controlled evidence store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub claim: ClaimId,
    pub classification: Classification,
    pub form: EvidenceForm,
}

/// Public evidence in clear, or classified evidence sealed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvidenceForm {
    Clear(EvidenceContent),
    Sealed(Seal),
}

/// What an evidence item says: in clear for public evidence, sealed for classified evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceContent {
    pub source_kind: String,
    pub digest: String,
    pub summary: String,
}

/// What the log holds of a classified item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seal {
    /// The parties that may read it besides the submitter (sorted, no duplicates).
    pub releasable_to: Vec<PartyId>,
    /// `sha256:` + hex(SHA-256(domain ‖ salt ‖ canonical content)); `None` only for a local
    /// scenario replay of content written in clear, which is sealed when it is signed.
    pub commitment: Option<String>,
}

/// The one source kind every classified item counts as (its real kind is sealed).
pub const CLASSIFIED_SOURCE_KIND: &str = "classified";

/// The stable code of a classified evidence event that carries its content in clear.
pub const CLASSIFIED_IN_CLEAR: &str = "classified_in_clear";

impl Evidence {
    /// The source kind the engine counts: the real one for public evidence, `classified` for
    /// any classified item (so no determination depends on sealed content).
    pub fn counted_kind(&self) -> &str {
        match &self.form {
            EvidenceForm::Clear(c) => &c.source_kind,
            EvidenceForm::Sealed(_) => CLASSIFIED_SOURCE_KIND,
        }
    }
}

/// Who may see an item's metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Classification {
    Public,
    Restricted,
    Confidential,
    Secret,
}

impl Classification {
    pub fn name(self) -> &'static str {
        match self {
            Classification::Public => "public",
            Classification::Restricted => "restricted",
            Classification::Confidential => "confidential",
            Classification::Secret => "secret",
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        [
            Self::Public,
            Self::Restricted,
            Self::Confidential,
            Self::Secret,
        ]
        .into_iter()
        .find(|c| c.name() == name)
    }
}

/// A verdict on a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Founded,
    Unfounded,
    Abstain,
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Founded => "founded",
            Verdict::Unfounded => "unfounded",
            Verdict::Abstain => "abstain",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VoteCast {
    Claim {
        claim: ClaimId,
        verdict: Verdict,
    },
    Decision {
        decision: DecisionId,
        choice: Choice,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionOpened {
    pub decision: DecisionId,
    pub body: BodyId,
    pub motion: String,
    pub decide_within: Duration,
    /// A further motion in the proceeding on this claim (the body must be the claim's, and the
    /// motion closes by the claim's deadline at the latest).
    pub claim: Option<ClaimId>,
    /// Adopted, the motion supersedes `claim`: its proceeding ends and nothing it would have
    /// activated takes effect (the extension of resolution 2231 the Russia-China draft of
    /// 26 September 2025 proposed). Only with `claim`.
    pub supersedes: bool,
    /// What, adopted, the motion finds about `claim` (only with `claim`; not with `supersedes`).
    pub finding: Option<Finding>,
}

/// A verifying body's finding on a claim, put as a further motion in its proceeding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// The evidence is inconclusive: the claim's deadline is extended once, by the charter's
    /// `verification.extension`.
    Inconclusive,
    /// The body's own grading: the severity it finds (which selects the tier) and the side it
    /// attributes the violation to, in place of the claimant's.
    Grade {
        severity: Option<i64>,
        /// The tier the body finds, whatever the severity selects.
        tier: Option<TierId>,
        attribution: Option<PartyId>,
    },
}

impl EventKind {
    /// The wire name of the event type.
    pub fn type_name(&self) -> &'static str {
        match self {
            EventKind::ClaimFiled(_) => "claim.filed",
            EventKind::ClaimWithdrawn { .. } => "claim.withdrawn",
            EventKind::EvidenceSubmitted(_) => "evidence.submitted",
            EventKind::MeetingConvened { .. } => "meeting.convened",
            EventKind::MotionTabled { .. } => "motion.tabled",
            EventKind::VoteCast(_) => "vote.cast",
            EventKind::DecisionOpened(_) => "decision.opened",
            EventKind::ObligationFulfilled { .. } => "obligation.fulfilled",
            EventKind::FundPledged(_) => "fund.pledged",
            EventKind::FundPaidIn(_) => "fund.paid_in",
            EventKind::FundDisbursed(_) => "fund.disbursed",
            EventKind::FundFxRate(_) => "fund.fx_rate",
            EventKind::FundLoanDisbursed(_) => "fund.loan_disbursed",
            EventKind::FundLoanRepaid(_) => "fund.loan_repaid",
            EventKind::FundGuaranteeIssued(_) => "fund.guarantee_issued",
            EventKind::FundGuaranteeCalled(_) => "fund.guarantee_called",
            EventKind::FundConditionMet(_) => "fund.condition_met",
            EventKind::FundBoardMotion(_) => "fund.board_motion",
            EventKind::FundAppropriated(_) => "fund.appropriated",
            EventKind::Capability(c) => c.type_name(),
            EventKind::MeasureRecorded(_) => "measure.recorded",
            EventKind::MeasureThreatened { .. } => "measure.threatened",
            EventKind::ReliefReported(_) => "measure.relief_reported",
            EventKind::ReliefVetoed { .. } => "measure.relief_vetoed",
            EventKind::MonitorReport(_) => "monitor.report",
            EventKind::ReplyFiled(_) => "reply.filed",
            EventKind::ReconsiderationRequested { .. } => "reconsideration.requested",
        }
    }
}
