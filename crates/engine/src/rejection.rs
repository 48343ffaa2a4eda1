//! Why the engine refused an event. A rejected event changes nothing; processing continues.

use jiff::Timestamp;
use rust_decimal::Decimal;
use serde::Serialize;
use snapback_charter::{
    BodyId, CentreId, ClaimId, CohortId, ContractId, DecisionId, FundMode, LocationId, MeasureId,
    MeasureState, ObligationId, PartyId, PurposeId, ReportId, RestrictionId, TransferId, TruceId,
};

use crate::derived::{ClaimStatus, DecisionStatus};

/// The reason an event was rejected. `code()` is a stable machine name; `Display` is the sentence.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    #[error(
        "the event is dated {at}, before the previous event at {previous}: time never goes backwards"
    )]
    OutOfOrder { at: Timestamp, previous: Timestamp },
    #[error(
        "the event is dated {at}, but the state has already been advanced to {sealed}: events at or before that instant are closed"
    )]
    Sealed { at: Timestamp, sealed: Timestamp },
    #[error("no version of the charter is in force at {at} (the first takes effect at {first})")]
    NoCharterInForce { at: Timestamp, first: Timestamp },
    #[error("party `{party}` is not a party to the charter in force")]
    UnknownParty { party: PartyId },
    #[error(
        "`releasable_to` names `{party}`, which is not a party to the charter in force; classified evidence is releasable only to parties"
    )]
    UnknownReleasee { party: PartyId },
    #[error("party `{party}` does not participate at {at} (participation window {window})")]
    OutsideParticipation {
        party: PartyId,
        at: Timestamp,
        window: String,
    },
    #[error("party `{party}` has no standing to file claims (claimants: {claimants})")]
    NoStanding { party: PartyId, claimants: String },
    #[error("severity {severity} is outside 1 to 5")]
    BadSeverity { severity: i64 },
    #[error("occurred_at {occurred_at} is after the filing at {at}")]
    OccurredAfterFiling {
        occurred_at: Timestamp,
        at: Timestamp,
    },
    #[error("claim id `{claim}` is already used")]
    DuplicateClaim { claim: ClaimId },
    #[error("unknown claim `{claim}`")]
    UnknownClaim { claim: ClaimId },
    #[error("claim `{claim}` is no longer pending: it was {}", status.name())]
    ClaimClosed { claim: ClaimId, status: ClaimStatus },
    #[error("claim `{claim}` was rejected at filing")]
    ClaimWasRejected { claim: ClaimId },
    #[error("the vote came after the deadline {deadline} of `{target}`")]
    VoteAfterDeadline { target: String, deadline: Timestamp },
    #[error("only `{filer}`, who filed claim `{claim}`, may withdraw it")]
    NotFiler { claim: ClaimId, filer: PartyId },
    #[error("party `{party}` is not a member of body `{body}` for `{target}`")]
    NotMember {
        party: PartyId,
        body: BodyId,
        target: String,
    },
    #[error("party `{party}` already voted {vote} on `{target}`: a vote is final")]
    AlreadyVoted {
        party: PartyId,
        target: String,
        vote: String,
    },
    #[error("unknown decision `{decision}`")]
    UnknownDecision { decision: DecisionId },
    #[error("decision `{decision}` is closed: it was {}", status.name().replace('_', " "))]
    DecisionClosed {
        decision: DecisionId,
        status: DecisionStatus,
    },
    #[error("decision id `{decision}` is already used")]
    DuplicateDecision { decision: DecisionId },
    #[error("unknown body `{body}` in the charter in force")]
    UnknownBody { body: BodyId },
    #[error(
        "party `{party}` may not open decisions of body `{body}`: only its members and the secretariat may"
    )]
    MayNotOpen { party: PartyId, body: BodyId },
    #[error(
        "party `{party}` may not convene the meeting on `{claim}`: only members of the verifying body and the secretariat may"
    )]
    MayNotConvene { party: PartyId, claim: ClaimId },
    #[error("unknown measure `{measure}` (the charter's register lists: {known})")]
    UnknownMeasure { measure: MeasureId, known: String },
    #[error(
        "party `{party}` may not record the state of measure `{measure}`: only its owner `{owner}` (a member, if a body) and the secretariat may"
    )]
    NotMeasureOwner {
        party: PartyId,
        measure: MeasureId,
        owner: String,
    },
    #[error(
        "a measure is recorded `in_force`, `suspended` or `terminated`; `{state}` is derived by the engine (a threat, a sunset or a failed renewal)"
    )]
    MeasureStateNotRecordable { state: MeasureState },
    #[error("measure `{measure}` is already {}", state.name())]
    MeasureUnchanged {
        measure: MeasureId,
        state: MeasureState,
    },
    #[error(
        "measure `{measure}` is {}: only a new instrument (recorded `in_force`) or a snapback brings it back",
        state.name()
    )]
    MeasureEnded {
        measure: MeasureId,
        state: MeasureState,
    },
    #[error(
        "measure `{measure}` is {}, not in force: only a measure in force can be threatened",
        state.name()
    )]
    MeasureNotInForce {
        measure: MeasureId,
        state: MeasureState,
    },
    #[error(
        "a further motion in the proceeding on claim `{claim}` is put to its body `{claim_body}`, not `{body}`"
    )]
    NotClaimBody {
        claim: ClaimId,
        body: BodyId,
        claim_body: BodyId,
    },
    #[error("unknown truce `{truce}` (the charter in force defines: {defined})")]
    UnknownTruce { truce: TruceId, defined: String },
    #[error("`{party}` is not a side of truce `{truce}` (sides: {sides})")]
    NotTruceSide {
        party: PartyId,
        truce: TruceId,
        sides: String,
    },
    #[error("truce `{truce}` has more than two sides: say which side is accused (`accused`)")]
    AccusedRequired { truce: TruceId },
    #[error("`{party}` cannot accuse itself")]
    AccusesItself { party: PartyId },
    #[error(
        "the incident at {at} is outside the term of truce `{truce}` (after {from}, up to {until})"
    )]
    OutsideTerm {
        truce: TruceId,
        at: Timestamp,
        from: Timestamp,
        until: Timestamp,
    },
    #[error("the incident is outside the scope of truce `{truce}`: {reason}")]
    OutsideScope { truce: TruceId, reason: String },
    #[error(
        "incident `{incident}` is already alleged in claim `{earlier}`: a repeated allegation is refused; bring new evidence to it by asking for reconsideration (`reconsideration.requested`)"
    )]
    DuplicateAllegation { incident: String, earlier: ClaimId },
    #[error("claim `{claim}` names no accused side with a right of reply")]
    NoRightOfReply { claim: ClaimId },
    #[error("only `{accused}`, the side accused in claim `{claim}`, may reply to it")]
    NotAccused { claim: ClaimId, accused: PartyId },
    #[error("the right of reply to claim `{claim}` ended at {until}")]
    ReplyOutOfTime { claim: ClaimId, until: Timestamp },
    #[error(
        "`{party}` has already replied to claim `{claim}`; further material is evidence (`evidence.submitted`)"
    )]
    AlreadyReplied { party: PartyId, claim: ClaimId },
    #[error(
        "the charter in force gives no extension for inconclusive evidence (`verification.extension`)"
    )]
    NoExtension,
    #[error("unknown tier `{tier}` (the charter in force defines: {defined})")]
    UnknownTier {
        tier: snapback_charter::TierId,
        defined: String,
    },
    #[error("claim `{claim}` has already been extended once; a deadline is extended only once")]
    AlreadyExtended { claim: ClaimId },
    #[error("claim `{claim}` cannot be reconsidered: {reason}")]
    NotReconsiderable { claim: ClaimId, reason: String },
    #[error("the window to reconsider claim `{claim}` closed at {until}")]
    ReconsiderationClosed { claim: ClaimId, until: Timestamp },
    #[error(
        "evidence `{digest}` is already on the record of claim `{claim}`: reconsideration needs new evidence"
    )]
    NoNewEvidence { claim: ClaimId, digest: String },
    #[error(
        "`{party}` may not ask for claim `{claim}` to be reconsidered: the claimant, the accused side and members of the verifying body may"
    )]
    MayNotRequestReconsideration { party: PartyId, claim: ClaimId },
    #[error("obligation `{obligation}` was cancelled when its activation was unwound")]
    ObligationCancelled { obligation: ObligationId },
    #[error(
        "the motion on claim `{claim}` has not been tabled yet (stage `{stage}`): members vote once a member has tabled it (`motion.tabled`), or the presidency has at the stage's deadline"
    )]
    MotionNotTabled { claim: ClaimId, stage: String },
    #[error("`{party}` is not a monitor: only a party with the monitor role reports observations")]
    NotMonitor { party: PartyId },
    #[error("report `{report}` covers a period ending {until}, after it was made ({at})")]
    ReportInFuture {
        report: ReportId,
        until: Timestamp,
        at: Timestamp,
    },
    #[error("report `{report}` was already made: a correction is a new report with its own id")]
    DuplicateReport { report: ReportId },
    #[error(
        "report `{report}` would stretch rule `{alert}`'s series over more than {windows} windows"
    )]
    SeriesTooLong {
        report: ReportId,
        alert: snapback_charter::AlertId,
        windows: i64,
    },
    #[error("the charter's proceeding has no stage of tabling a motion: votes need no tabling")]
    NoTablingStage { claim: ClaimId },
    #[error("stage `{stage}` of claim `{claim}` was already reached ({basis})")]
    StageReached {
        claim: ClaimId,
        stage: String,
        basis: &'static str,
    },
    #[error(
        "relief on measure `{measure}` is reviewed first: report it with `measure.relief_reported` (state = \"suspended\" or \"terminated\"); it takes effect when the review allows"
    )]
    ReliefNeedsReview { measure: MeasureId },
    #[error(
        "measure `{measure}` has no relief review in the charter: record relief with `measure.recorded`"
    )]
    NoReliefReview { measure: MeasureId },
    #[error(
        "relief on measure `{measure}` is already under review (review {review}); a new report can follow when it closes"
    )]
    ReviewOpen { measure: MeasureId, review: u32 },
    #[error("relief is reported as `suspended` or `terminated`; `{state}` is not relief")]
    NotRelief { state: MeasureState },
    #[error(
        "no disapproval of relief on measure `{measure}` awaits a veto: a veto answers a disapproval every reviewing body adopted, within its veto period"
    )]
    VetoNotOpen { measure: MeasureId },
    #[error(
        "only `{holder}` may veto a disapproval of relief on measure `{measure}`, not `{party}`"
    )]
    NotVetoHolder {
        party: PartyId,
        measure: MeasureId,
        holder: PartyId,
    },
    #[error(
        "obligation `{obligation}` re-imposes measure `{measure}`: it is met when the measure's owner records it in force (`measure.recorded` with state = \"in_force\")"
    )]
    RecordMeasure {
        obligation: ObligationId,
        measure: MeasureId,
    },
    #[error("unknown obligation `{obligation}`")]
    UnknownObligation { obligation: ObligationId },
    #[error("obligation `{obligation}` was already fulfilled")]
    AlreadyFulfilled { obligation: ObligationId },
    #[error(
        "obligation `{obligation}` is owed by `{owner}`; only it or the secretariat may report its fulfilment"
    )]
    NotObligor {
        obligation: ObligationId,
        owner: PartyId,
    },
    #[error("the charter in force sets up no fund")]
    NoFund,
    #[error(
        "party `{party}` may not {action}: only the fund's manager `{manager}` and the secretariat may"
    )]
    NotFundManager {
        party: PartyId,
        manager: PartyId,
        action: &'static str,
    },
    #[error("the fund disburses in {expected}, not {currency}")]
    WrongCurrency { currency: String, expected: String },
    #[error("{currency} is the fund's own currency: it needs no exchange rate")]
    SameCurrency { currency: String },
    #[error("no exchange rate from {currency} to {fund_currency} has been recorded")]
    NoRate {
        currency: String,
        fund_currency: String,
    },
    #[error("{amount} {currency} at {rate} is less than the smallest unit of {fund_currency}")]
    ConvertsToZero {
        amount: Decimal,
        currency: String,
        rate: Decimal,
        fund_currency: String,
    },
    #[error("transfer `{transfer}` already exists with different content")]
    TransferExists { transfer: TransferId },
    #[error("purpose `{purpose}` is not allowed in {} mode (allowed: {allowed})", mode.name())]
    PurposeNotAllowed {
        purpose: PurposeId,
        mode: FundMode,
        allowed: String,
    },
    #[error(
        "disbursing {amount} for `{purpose}` would exceed its cap of {cap} per {per}: {used} was already disbursed in that window"
    )]
    CapExceeded {
        purpose: PurposeId,
        amount: Decimal,
        cap: Decimal,
        per: String,
        used: Decimal,
    },
    #[error("the fund has {available} available in {} mode, less than {amount}", mode.name())]
    InsufficientFunds {
        amount: Decimal,
        available: Decimal,
        mode: FundMode,
    },
    #[error("obligation `{obligation}` is not a surge call of the fund")]
    NotSurgeCall { obligation: ObligationId },
    #[error("surge call `{obligation}` is owed by `{owner}`, not `{contributor}`")]
    NotYourCall {
        obligation: ObligationId,
        owner: PartyId,
        contributor: PartyId,
    },
    #[error("paying {amount} exceeds what surge call `{obligation}` still asks: {outstanding}")]
    ExceedsCall {
        obligation: ObligationId,
        amount: Decimal,
        outstanding: Decimal,
    },
    #[error(
        "`{obligation}` is a surge call: it is fulfilled by paying it (a fund.paid_in naming it), not by a report"
    )]
    PayIntoFund { obligation: ObligationId },
    #[error("the fund's books refused the transfer: {0}")]
    Books(String),
    #[error(
        "guarantee `{guarantee}` would be valid until {valid_until}, which is not after it is issued"
    )]
    GuaranteeTerm {
        guarantee: TransferId,
        valid_until: jiff::Timestamp,
    },
    #[error(
        "`{guarantee}` is not an open guarantee of the fund (never issued, already called, or expired)"
    )]
    NoOpenGuarantee { guarantee: TransferId },
    #[error("calling {amount} exceeds guarantee `{guarantee}` of {guaranteed}")]
    ExceedsGuarantee {
        guarantee: TransferId,
        amount: Decimal,
        guaranteed: Decimal,
    },
    #[error("`{loan}` is not a loan of the fund")]
    UnknownLoan { loan: TransferId },
    #[error("loan `{loan}` is repaid in full: no instalment is open")]
    LoanRepaid { loan: TransferId },
    #[error(
        "instalment {instalment} of loan `{loan}` is {expected} ({principal} principal, {interest} interest), not {amount}: a repayment pays the next open instalment in full"
    )]
    RepaymentAmount {
        loan: TransferId,
        instalment: u32,
        expected: Decimal,
        principal: Decimal,
        interest: Decimal,
        amount: Decimal,
    },
    #[error(
        "`{party}` may not repay loan `{loan}`: only its borrower `{borrower}`, the fund's manager or the secretariat may"
    )]
    NotBorrower {
        party: PartyId,
        loan: TransferId,
        borrower: snapback_charter::RecipientId,
    },
    #[error(
        "`{contributor}` is not a contributor of the fund whose surge shares need an appropriation"
    )]
    NoAppropriationNeeded { contributor: PartyId },
    #[error("an appropriation of `{contributor}` citing \"{reference}\" is already recorded")]
    DuplicateAppropriation {
        contributor: PartyId,
        reference: String,
    },
    #[error(
        "surge share `{obligation}` awaits an appropriation by {parliament}: it cannot be paid before one is recorded (fund.appropriated)"
    )]
    AwaitingAppropriation {
        obligation: ObligationId,
        parliament: String,
    },
    #[error("the charter does not give the fund's board the power of `{action}`{why}")]
    NoBoardPower {
        action: &'static str,
        why: &'static str,
    },
    #[error(
        "`{party}` may not {action}: only the fund's contributors sit on its board (and the manager or the secretariat may put motions)"
    )]
    NotBoardMember {
        party: PartyId,
        action: &'static str,
    },
    #[error("the fund is in peace mode already")]
    NotInConflictMode,
    #[error(
        "the fund's quiet period runs until {until}: only after it may the board return the fund to peace mode"
    )]
    QuietPeriodRunning { until: Timestamp },
    #[error("the fund has no cap on `{purpose}` for the board to change")]
    NoCap { purpose: PurposeId },
    #[error(
        "{amount} is not above the {above} that needs the board: the manager disburses it without a decision"
    )]
    NotExceptional { amount: Decimal, above: Decimal },
    #[error(
        "a disbursement of {amount} is above {above}: it needs an adopted decision of the fund's board, cited as `decision`"
    )]
    NeedsBoard { amount: Decimal, above: Decimal },
    #[error("board decision `{decision}` does not authorise a disbursement: it is {status}")]
    BoardDecisionNotAdopted {
        decision: DecisionId,
        status: String,
    },
    #[error("board decision `{decision}` does not authorise this disbursement: {why}")]
    BoardDecisionMismatch { decision: DecisionId, why: String },
    #[error("board decision `{decision}` was already used, by disbursement `{transfer}`")]
    BoardDecisionUsed {
        decision: DecisionId,
        transfer: TransferId,
    },
    #[error(
        "programme `{programme}` of the fund has no tranche `{tranche}` with a condition `{condition}`"
    )]
    UnknownCondition {
        programme: snapback_charter::ProgrammeId,
        tranche: snapback_charter::TrancheId,
        condition: snapback_charter::ConditionId,
    },
    #[error(
        "`{party}` may not verify condition `{condition}`: the charter names `{verifier}` to verify it"
    )]
    NotVerifier {
        party: PartyId,
        condition: snapback_charter::ConditionId,
        verifier: PartyId,
    },
    #[error("condition `{condition}` of tranche `{tranche}` was already verified as met at {at}")]
    ConditionAlreadyMet {
        tranche: snapback_charter::TrancheId,
        condition: snapback_charter::ConditionId,
        at: jiff::Timestamp,
    },
    #[error("{} `{id}` already exists", what.name())]
    DuplicateRecord { what: Record, id: String },
    #[error("unknown {} `{id}`", what.name())]
    UnknownRecord { what: Record, id: String },
    #[error("{} `{id}` belongs to `{owner}`; only it or the secretariat may do that", what.name())]
    NotOwner {
        what: Record,
        id: String,
        owner: PartyId,
    },
    #[error("{quantity} is more than {} `{id}` still allows: {outstanding}", what.name())]
    ExceedsOutstanding {
        what: Record,
        id: String,
        quantity: u64,
        outstanding: u64,
    },
    #[error(
        "`{location}` is not a stockpile location of the charter in force (locations: {known})"
    )]
    UnknownLocation { location: LocationId, known: String },
    #[error("`{centre}` is not a training centre of the charter in force")]
    UnknownCentre { centre: CentreId },
    #[error("contract `{contract}` is valid from {from} until {until}, not now")]
    ContractNotValid {
        contract: ContractId,
        from: Timestamp,
        until: Timestamp,
    },
    #[error("restriction `{restriction}` was already lifted")]
    AlreadyLifted { restriction: RestrictionId },
    #[error("cohort `{cohort}` was already completed")]
    CohortCompleted { cohort: CohortId },
    #[error("`{obligation}` is not an activated military obligation that counts items")]
    NotItemObligation { obligation: ObligationId },
    #[error(
        "`{obligation}` counts items: it is fulfilled by receipts (aid.received naming it), not by a report"
    )]
    ReceiveItems { obligation: ObligationId },
    #[error(
        "only the beneficiary `{beneficiary}` or the secretariat reports receipts, not `{party}`"
    )]
    NotReceiver {
        party: PartyId,
        beneficiary: PartyId,
    },
    #[error(
        "items received at {received_at} cannot count toward `{obligation}`, created at {created_at}"
    )]
    ReceivedBeforeObligation {
        obligation: ObligationId,
        created_at: Timestamp,
        received_at: Timestamp,
    },
    #[error("occurred_at {occurred_at} is after the event's own time {at}")]
    OccurredLater {
        occurred_at: Timestamp,
        at: Timestamp,
    },
    #[error("party `{party}` may not {action}: only the secretariat may")]
    NotSecretariat {
        party: PartyId,
        action: &'static str,
    },
}

/// The kinds of capability record a rejection can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Record {
    Commitment,
    Flow,
    Contract,
    Lot,
    Cohort,
    Restriction,
    Obligation,
    Centre,
}

impl Record {
    pub fn name(self) -> &'static str {
        match self {
            Record::Commitment => "commitment",
            Record::Flow => "aid flow",
            Record::Contract => "contract",
            Record::Lot => "lot",
            Record::Cohort => "cohort",
            Record::Restriction => "restriction",
            Record::Obligation => "obligation",
            Record::Centre => "training centre",
        }
    }
}

impl Rejection {
    /// A stable machine-readable name for the reason.
    pub fn code(&self) -> &'static str {
        match self {
            Rejection::OutOfOrder { .. } => "out_of_order",
            Rejection::UnknownMeasure { .. } => "unknown_measure",
            Rejection::RecordMeasure { .. } => "record_measure",
            Rejection::NotMeasureOwner { .. } => "not_measure_owner",
            Rejection::MeasureStateNotRecordable { .. } => "measure_state_not_recordable",
            Rejection::MeasureUnchanged { .. } => "measure_unchanged",
            Rejection::MeasureEnded { .. } => "measure_ended",
            Rejection::MeasureNotInForce { .. } => "measure_not_in_force",
            Rejection::ReliefNeedsReview { .. } => "relief_needs_review",
            Rejection::MotionNotTabled { .. } => "motion_not_tabled",
            Rejection::NotClaimBody { .. } => "not_claim_body",
            Rejection::UnknownTruce { .. } => "unknown_truce",
            Rejection::NotTruceSide { .. } => "not_truce_side",
            Rejection::AccusedRequired { .. } => "accused_required",
            Rejection::AccusesItself { .. } => "accuses_itself",
            Rejection::OutsideTerm { .. } => "outside_term",
            Rejection::OutsideScope { .. } => "outside_scope",
            Rejection::DuplicateAllegation { .. } => "duplicate_allegation",
            Rejection::NoRightOfReply { .. } => "no_right_of_reply",
            Rejection::NotAccused { .. } => "not_accused",
            Rejection::ReplyOutOfTime { .. } => "reply_out_of_time",
            Rejection::AlreadyReplied { .. } => "already_replied",
            Rejection::NoExtension => "no_extension",
            Rejection::UnknownTier { .. } => "unknown_tier",
            Rejection::AlreadyExtended { .. } => "already_extended",
            Rejection::NotReconsiderable { .. } => "not_reconsiderable",
            Rejection::ReconsiderationClosed { .. } => "reconsideration_closed",
            Rejection::NoNewEvidence { .. } => "no_new_evidence",
            Rejection::MayNotRequestReconsideration { .. } => "may_not_request_reconsideration",
            Rejection::ObligationCancelled { .. } => "obligation_cancelled",
            Rejection::NoTablingStage { .. } => "no_tabling_stage",
            Rejection::NotMonitor { .. } => "not_monitor",
            Rejection::ReportInFuture { .. } => "report_in_future",
            Rejection::DuplicateReport { .. } => "duplicate_report",
            Rejection::SeriesTooLong { .. } => "series_too_long",
            Rejection::StageReached { .. } => "stage_reached",
            Rejection::NoReliefReview { .. } => "no_relief_review",
            Rejection::ReviewOpen { .. } => "review_open",
            Rejection::NotRelief { .. } => "not_relief",
            Rejection::VetoNotOpen { .. } => "veto_not_open",
            Rejection::NotVetoHolder { .. } => "not_veto_holder",
            Rejection::Sealed { .. } => "sealed",
            Rejection::NoCharterInForce { .. } => "no_charter_in_force",
            Rejection::UnknownParty { .. } => "unknown_party",
            Rejection::UnknownReleasee { .. } => "unknown_releasee",
            Rejection::OutsideParticipation { .. } => "outside_participation",
            Rejection::NoStanding { .. } => "no_standing",
            Rejection::BadSeverity { .. } => "bad_severity",
            Rejection::OccurredAfterFiling { .. } => "occurred_after_filing",
            Rejection::DuplicateClaim { .. } => "duplicate_claim",
            Rejection::UnknownClaim { .. } => "unknown_claim",
            Rejection::ClaimClosed { .. } => "claim_closed",
            Rejection::ClaimWasRejected { .. } => "claim_rejected",
            Rejection::VoteAfterDeadline { .. } => "vote_after_deadline",
            Rejection::NotFiler { .. } => "not_filer",
            Rejection::NotMember { .. } => "not_member",
            Rejection::AlreadyVoted { .. } => "already_voted",
            Rejection::UnknownDecision { .. } => "unknown_decision",
            Rejection::DecisionClosed { .. } => "decision_closed",
            Rejection::DuplicateDecision { .. } => "duplicate_decision",
            Rejection::UnknownBody { .. } => "unknown_body",
            Rejection::MayNotOpen { .. } => "may_not_open",
            Rejection::MayNotConvene { .. } => "may_not_convene",
            Rejection::UnknownObligation { .. } => "unknown_obligation",
            Rejection::AlreadyFulfilled { .. } => "already_fulfilled",
            Rejection::NotObligor { .. } => "not_obligor",
            Rejection::NoFund => "no_fund",
            Rejection::NotFundManager { .. } => "not_fund_manager",
            Rejection::WrongCurrency { .. } => "wrong_currency",
            Rejection::SameCurrency { .. } => "same_currency",
            Rejection::NoRate { .. } => "no_rate",
            Rejection::ConvertsToZero { .. } => "converts_to_zero",
            Rejection::TransferExists { .. } => "transfer_exists",
            Rejection::PurposeNotAllowed { .. } => "purpose_not_allowed",
            Rejection::CapExceeded { .. } => "cap_exceeded",
            Rejection::InsufficientFunds { .. } => "insufficient_funds",
            Rejection::NotSurgeCall { .. } => "not_surge_call",
            Rejection::NotYourCall { .. } => "not_your_call",
            Rejection::ExceedsCall { .. } => "exceeds_call",
            Rejection::PayIntoFund { .. } => "pay_into_fund",
            Rejection::Books(_) => "books",
            Rejection::GuaranteeTerm { .. } => "guarantee_term",
            Rejection::NoOpenGuarantee { .. } => "no_open_guarantee",
            Rejection::ExceedsGuarantee { .. } => "exceeds_guarantee",
            Rejection::UnknownLoan { .. } => "unknown_loan",
            Rejection::LoanRepaid { .. } => "loan_repaid",
            Rejection::RepaymentAmount { .. } => "repayment_amount",
            Rejection::NotBorrower { .. } => "not_borrower",
            Rejection::NoBoardPower { .. } => "no_board_power",
            Rejection::NotBoardMember { .. } => "not_board_member",
            Rejection::NotInConflictMode => "not_in_conflict_mode",
            Rejection::QuietPeriodRunning { .. } => "quiet_period_running",
            Rejection::NoCap { .. } => "no_cap",
            Rejection::NotExceptional { .. } => "not_exceptional",
            Rejection::NeedsBoard { .. } => "needs_board",
            Rejection::BoardDecisionNotAdopted { .. } => "board_decision_not_adopted",
            Rejection::BoardDecisionMismatch { .. } => "board_decision_mismatch",
            Rejection::BoardDecisionUsed { .. } => "board_decision_used",
            Rejection::UnknownCondition { .. } => "unknown_condition",
            Rejection::NoAppropriationNeeded { .. } => "no_appropriation_needed",
            Rejection::DuplicateAppropriation { .. } => "duplicate_appropriation",
            Rejection::AwaitingAppropriation { .. } => "awaiting_appropriation",
            Rejection::NotVerifier { .. } => "not_verifier",
            Rejection::ConditionAlreadyMet { .. } => "condition_already_met",
            Rejection::DuplicateRecord { .. } => "duplicate_record",
            Rejection::UnknownRecord { .. } => "unknown_record",
            Rejection::NotOwner { .. } => "not_owner",
            Rejection::ExceedsOutstanding { .. } => "exceeds_outstanding",
            Rejection::UnknownLocation { .. } => "unknown_location",
            Rejection::UnknownCentre { .. } => "unknown_centre",
            Rejection::ContractNotValid { .. } => "contract_not_valid",
            Rejection::AlreadyLifted { .. } => "already_lifted",
            Rejection::CohortCompleted { .. } => "cohort_completed",
            Rejection::NotItemObligation { .. } => "not_item_obligation",
            Rejection::ReceiveItems { .. } => "receive_items",
            Rejection::NotReceiver { .. } => "not_receiver",
            Rejection::NotSecretariat { .. } => "not_secretariat",
            Rejection::OccurredLater { .. } => "occurred_after_recording",
            Rejection::ReceivedBeforeObligation { .. } => "received_before_obligation",
        }
    }

    /// Whether a rejected `claim.filed` still records the claim, with status `rejected`: an invalid
    /// filing is part of the record. Only filings that are not admissible at all (out of time
    /// order) or that would clash with an existing claim's id leave no claim behind.
    pub fn records_rejected_claim(&self) -> bool {
        !matches!(
            self,
            Rejection::OutOfOrder { .. }
                | Rejection::Sealed { .. }
                | Rejection::DuplicateClaim { .. }
        )
    }
}

impl Serialize for Rejection {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}
