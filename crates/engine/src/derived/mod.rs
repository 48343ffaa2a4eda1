//! Derived events: what the engine concludes. In the log (a later issue) they are appended under
//! the secretariat's key, so their order and time are recorded and anyone can replay the inputs
//! and check that the engine, and only the engine, produced them.
//!
//! They carry facts (tallies, bases, ids), not prose: explanations are rendered from these facts
//! and the charter, so rewording an explanation never changes the log.

use std::sync::Arc;

mod fund;

pub use fund::{BoardEffect, BoardSeat, BoardTally, FundTransfer, SurgeShare, TransferCode};

use jiff::Timestamp;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use snapback_charter::time::instant_serde;
use snapback_charter::{
    ActivationId, AlertId, BodyId, ClaimId, ContractId, DecisionId, FundMode, ItemId, LocationId,
    LotId, MeasureId, MeasureState, ObligationId, ObligationKind, PackageId, PartyId, ProceedIf,
    PurposeId, RecipientId, ReportId, RestrictionId, TierId, TransferId,
};

/// Where a claim is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ClaimStatus {
    Pending,
    Activated,
    Dismissed,
    Withdrawn,
    Rejected,
    /// An adopted further motion in its proceeding superseded it (`decision.opened` with
    /// `supersedes`): nothing it would have activated takes effect.
    Superseded,
}

impl ClaimStatus {
    pub fn name(self) -> &'static str {
        match self {
            ClaimStatus::Pending => "pending",
            ClaimStatus::Activated => "activated",
            ClaimStatus::Dismissed => "dismissed",
            ClaimStatus::Withdrawn => "withdrawn",
            ClaimStatus::Rejected => "rejected",
            ClaimStatus::Superseded => "superseded",
        }
    }
}

/// Where a decision on a motion is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DecisionStatus {
    Pending,
    Adopted,
    NotAdopted,
}

impl DecisionStatus {
    pub fn name(self) -> &'static str {
        match self {
            DecisionStatus::Pending => "pending",
            DecisionStatus::Adopted => "adopted",
            DecisionStatus::NotAdopted => "not_adopted",
        }
    }
}

/// Where an obligation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ObligationStatus {
    /// Not fulfilled, not yet due.
    Pending,
    /// Fulfilled by its due instant.
    Fulfilled,
    /// Fulfilled after its due instant.
    Late,
    /// Due instant passed, not fulfilled.
    Overdue,
    /// Cancelled when the activation that created it was unwound.
    Cancelled,
}

impl ObligationStatus {
    pub fn name(self) -> &'static str {
        match self {
            ObligationStatus::Pending => "pending",
            ObligationStatus::Fulfilled => "fulfilled",
            ObligationStatus::Late => "late",
            ObligationStatus::Overdue => "overdue",
            ObligationStatus::Cancelled => "cancelled",
        }
    }
}

/// Why a proceeding ended the way it did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The body adopted the motion.
    Adopted,
    /// The motion could no longer be adopted, whatever the members still to vote would do.
    CannotBeAdopted,
    /// The deadline passed without the motion being adopted.
    NotAdoptedByDeadline,
    /// The charter's evidence requirement was not met by the deadline.
    EvidenceInsufficient,
}

/// What triggered an activation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    /// One activated claim, through the tier its severity selects.
    Claim,
    /// Several activated claims within the escalation window (salami-slicing).
    Escalation,
}

/// What moved a measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MeasureCause {
    /// An activation put it back in force (the package's `restores`).
    Snapback,
    /// Its owner recorded the change (`measure.recorded`).
    Recorded,
    /// A threat to its renewal was recorded (`measure.threatened`).
    Threat,
    /// Its renewal was adopted while it was at risk.
    Renewal,
    /// It expired: a sunset, with no renewal to adopt.
    Sunset,
    /// It expired because its renewal was not adopted in time.
    RenewalFailed,
    /// Relief its owner reported took effect: the review let it through.
    Relief,
    /// The activation that put it back in force was unwound: it returns to its previous state.
    Unwound,
}

/// How a stage of a claim's proceeding was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum StageBasis {
    /// A party took the step in time (`motion.tabled`, `meeting.convened`).
    Done,
    /// Nobody did; the party presiding over the body at the deadline does (the liveness
    /// fallback).
    Fallback,
    /// Nobody did by the deadline, and nothing takes the step instead.
    Missed,
}

impl StageBasis {
    pub fn name(self) -> &'static str {
        match self {
            StageBasis::Done => "done",
            StageBasis::Fallback => "fallback",
            StageBasis::Missed => "missed",
        }
    }
}

/// A step of a relief review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReviewStep {
    /// The owner reported relief: the window opens and the disapproval motions with it.
    Opened,
    /// Every reviewing body adopted the disapproval: the veto period runs.
    DisapprovalPassed,
    /// A body did not adopt the disapproval: the relief waits only for the window's end.
    DisapprovalFailed,
    /// The veto holder vetoed the disapproval: the override period runs.
    Vetoed,
    /// A body did not override the veto: the relief waits only for the override period's end.
    VetoSustained,
    /// The disapproval became law (no veto in time, or every body overrode it): no relief.
    DisapprovalEnacted,
    /// Nothing bars the relief any more: it takes effect.
    ReliefCleared,
}

impl ReviewStep {
    pub fn name(self) -> &'static str {
        match self {
            ReviewStep::Opened => "opened",
            ReviewStep::DisapprovalPassed => "disapproval_passed",
            ReviewStep::DisapprovalFailed => "disapproval_failed",
            ReviewStep::Vetoed => "vetoed",
            ReviewStep::VetoSustained => "veto_sustained",
            ReviewStep::DisapprovalEnacted => "disapproval_enacted",
            ReviewStep::ReliefCleared => "relief_cleared",
        }
    }
}

impl MeasureCause {
    pub fn name(self) -> &'static str {
        match self {
            MeasureCause::Snapback => "snapback",
            MeasureCause::Recorded => "recorded",
            MeasureCause::Threat => "threat",
            MeasureCause::Renewal => "renewal",
            MeasureCause::Sunset => "sunset",
            MeasureCause::RenewalFailed => "renewal_failed",
            MeasureCause::Relief => "relief",
            MeasureCause::Unwound => "unwound",
        }
    }
}

/// Votes on a claim, in the claim's own terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ClaimTally {
    pub founded: u32,
    pub unfounded: u32,
    pub abstain: u32,
    pub not_voted: u32,
}

/// Votes on a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DecisionTally {
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
    pub not_voted: u32,
}

/// A monitoring alert counted towards an escalation, with the severity its rule gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AlertCount {
    pub alert: AlertId,
    pub area: String,
    #[serde(with = "instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Instant"))]
    pub window_end: Timestamp,
    pub severity: u8,
}

/// A conclusion of the engine, at the instant it became true.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Derived {
    #[serde(with = "instant_serde")]
    pub at: Timestamp,
    #[serde(flatten)]
    pub kind: DerivedKind,
}

/// What the engine derived. The variants' field lists, with their serde attributes, look alike
/// where the events carry alike data (a measure's changes and renewals): they are the log's
/// contract, one declaration per event type, not logic to share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum DerivedKind {
    /// A pending claim was determined.
    #[serde(rename = "claim.determined")]
    ClaimDetermined {
        claim: ClaimId,
        status: ClaimStatus,
        basis: Basis,
        tally: ClaimTally,
    },
    /// An adopted motion superseded a claim still pending or whose activation waited for its
    /// legal deadline: the proceeding ends, nothing takes effect.
    #[serde(rename = "claim.superseded")]
    ClaimSuperseded {
        claim: ClaimId,
        decision: DecisionId,
    },
    /// An adopted `inconclusive` motion extended a pending claim's deadline (once).
    #[serde(rename = "claim.extended")]
    ClaimExtended {
        claim: ClaimId,
        decision: DecisionId,
        #[serde(with = "instant_serde")]
        deadline: Timestamp,
    },
    /// An adopted grading motion set the severity (and so the tier) or the attribution the body
    /// found, in place of the claimant's.
    #[serde(rename = "claim.graded")]
    ClaimGraded {
        claim: ClaimId,
        decision: DecisionId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        severity: Option<u8>,
        /// The tier found, whatever the severity selects (absent: the severity selects it).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        tier: Option<TierId>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        attribution: Option<PartyId>,
    },
    /// New evidence reopened a determined claim: its proceeding runs again until `deadline`.
    #[serde(rename = "claim.reopened")]
    ClaimReopened {
        claim: ClaimId,
        previous: ClaimStatus,
        #[serde(with = "instant_serde")]
        deadline: Timestamp,
    },
    /// A reconsidered claim that had activated was found unfounded: what its activation did
    /// that can be reversed is reversed (the measures in `measures` return to their previous
    /// state in `measure.changed` events; the open `obligations` are cancelled; the package
    /// `decisions` still open no longer create obligations). Everything stays in the record.
    #[serde(rename = "claim.unwound")]
    ClaimUnwound {
        claim: ClaimId,
        activation: ActivationId,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        measures: Vec<MeasureId>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        obligations: Vec<ObligationId>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        decisions: Vec<DecisionId>,
    },
    /// A monitoring window met an alert rule's condition (`[[alert]]`): `value` is the
    /// window's count, `reading` what the condition compared (the lowest of the consecutive
    /// windows, the sum, or the median exceeded); `report` the report that completed it.
    #[serde(rename = "monitor.alert")]
    MonitorAlert {
        alert: AlertId,
        area: String,
        #[serde(with = "instant_serde")]
        window_end: Timestamp,
        value: u64,
        reading: u64,
        report: ReportId,
    },
    /// A tier's packages were activated.
    #[serde(rename = "activation")]
    Activation {
        activation: ActivationId,
        cause: Cause,
        claims: Vec<ClaimId>,
        tier: TierId,
        packages: Vec<PackageId>,
        charter_version: String,
        /// Monitoring alerts that counted towards an escalation (`action = "escalation"`).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        alerts: Vec<AlertCount>,
    },
    /// An alert rule with `action = "claim"` filed a claim on its monitor's behalf: the claim is
    /// pending before `body` until `deadline`, like a claim a party files.
    #[serde(rename = "alert.claim_filed")]
    AlertClaimFiled {
        claim: ClaimId,
        alert: AlertId,
        party: PartyId,
        area: String,
        #[serde(with = "instant_serde")]
        window_end: Timestamp,
        category: String,
        severity: u8,
        summary: String,
        body: BodyId,
        #[serde(with = "instant_serde")]
        deadline: Timestamp,
        members: Arc<[PartyId]>,
        charter_version: String,
    },
    /// The engine opened the decision a package needs before it proceeds.
    #[serde(rename = "decision.opened")]
    DecisionOpened {
        decision: DecisionId,
        body: BodyId,
        motion: String,
        activation: ActivationId,
        package: PackageId,
        proceed_if: ProceedIf,
        #[serde(with = "instant_serde")]
        deadline: Timestamp,
        members: Arc<[PartyId]>,
        /// Who the charter says proposes the motion (absent when it names nobody).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        proposer: Option<PartyId>,
    },
    /// A decision was determined.
    #[serde(rename = "decision.determined")]
    DecisionDetermined {
        decision: DecisionId,
        status: DecisionStatus,
        basis: Basis,
        tally: DecisionTally,
    },
    /// A package proceeded and placed an obligation on a party.
    #[serde(rename = "obligation.created")]
    ObligationCreated {
        obligation: ObligationId,
        activation: ActivationId,
        package: PackageId,
        party: PartyId,
        kind: ObligationKind,
        description: Arc<str>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        amount: Option<Decimal>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        currency: Option<String>,
        /// What a military obligation delivers, counted (with `quantity`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        item: Option<ItemId>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        quantity: Option<u64>,
        #[serde(with = "instant_serde")]
        due: Timestamp,
        /// The measure a `sanctions` obligation re-imposes: met when it is recorded in force.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        measure: Option<MeasureId>,
    },
    /// An obligation's due instant passed without fulfilment.
    #[serde(rename = "obligation.overdue")]
    ObligationOverdue { obligation: ObligationId },
    /// The fund switched mode: to conflict by an activation, to peace after the quiet period.
    #[serde(rename = "fund.mode_changed")]
    FundModeChanged {
        mode: FundMode,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        activation: Option<ActivationId>,
        /// The board's decision that returned the fund to peace (when the charter gives the
        /// board that power).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        decision: Option<DecisionId>,
    },
    /// The fund's quiet period ended while the board holds the power to return it to peace:
    /// the fund stays in conflict mode until the board decides.
    #[serde(rename = "fund.quiet_period_ended")]
    FundQuietPeriodEnded {},
    /// A motion was put to the fund's board: its members and their voting power are fixed now,
    /// and it is decided by `deadline`.
    #[serde(rename = "fund.board_motion_opened")]
    FundBoardMotionOpened {
        decision: DecisionId,
        motion: crate::event::BoardAction,
        #[serde(with = "instant_serde")]
        deadline: Timestamp,
        weights: snapback_charter::BoardWeights,
        threshold: String,
        members: Vec<BoardSeat>,
        total: Decimal,
    },
    /// The board decided a motion (adopted as soon as the yes votes' power reached the
    /// threshold; not adopted once they no longer could, or at the deadline).
    #[serde(rename = "fund.board_decided")]
    FundBoardDecided {
        decision: DecisionId,
        motion: crate::event::BoardAction,
        status: DecisionStatus,
        basis: Basis,
        tally: BoardTally,
        effect: BoardEffect,
        /// For a cap change: the cap it replaced.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        previous_cap: Option<Decimal>,
    },
    /// Surge capital was called from the contributors, pro rata to their keys.
    #[serde(rename = "fund.surge_called")]
    FundSurgeCalled {
        activation: ActivationId,
        package: PackageId,
        total: Decimal,
        currency: String,
        #[serde(with = "instant_serde")]
        due: Timestamp,
        shares: Vec<SurgeShare>,
        transfers: Vec<FundTransfer>,
    },
    /// A tranche was reserved for a newly filed claim.
    #[serde(rename = "fund.tranche_reserved")]
    FundTrancheReserved {
        claim: ClaimId,
        recipient: RecipientId,
        purpose: PurposeId,
        amount: Decimal,
        transfers: Vec<FundTransfer>,
    },
    /// A claim's activation released its reserved tranche to the recipient.
    #[serde(rename = "fund.tranche_released")]
    FundTrancheReleased {
        claim: ClaimId,
        activation: ActivationId,
        amount: Decimal,
        transfers: Vec<FundTransfer>,
    },
    /// A guarantee reached its expiry uncalled: its reservation went back to the pool.
    #[serde(rename = "fund.guarantee_expired")]
    FundGuaranteeExpired {
        guarantee: TransferId,
        amount: Decimal,
        transfers: Vec<FundTransfer>,
    },
    /// A contributor's share of a surge call waits on its parliament's appropriation: it is
    /// called, but its obligation (and the time to pay it) starts only once appropriated.
    #[serde(rename = "fund.share_awaiting_appropriation")]
    FundShareAwaitingAppropriation {
        activation: ActivationId,
        party: PartyId,
        obligation: ObligationId,
        amount: Decimal,
        parliament: String,
    },
    /// Every condition of a programme tranche was verified (and the core pool held the
    /// money): the tranche was paid to the programme's recipient. `late` when paid after its
    /// `by` instant (it was held).
    #[serde(rename = "fund.programme_tranche_paid")]
    FundProgrammeTranchePaid {
        programme: snapback_charter::ProgrammeId,
        tranche: snapback_charter::TrancheId,
        amount: Decimal,
        late: bool,
        transfers: Vec<FundTransfer>,
    },
    /// A programme tranche is held: at its `by` instant the conditions in `unmet` were not
    /// verified; or (with `unmet` empty) every condition was, but the core pool held only
    /// `available`. It is paid once the last condition is verified or the money arrives.
    #[serde(rename = "fund.programme_tranche_held")]
    FundProgrammeTrancheHeld {
        programme: snapback_charter::ProgrammeId,
        tranche: snapback_charter::TrancheId,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        unmet: Vec<snapback_charter::ConditionId>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        available: Option<Decimal>,
    },
    /// A claim ended without moving the fund to conflict; its tranche went back to the pool.
    #[serde(rename = "fund.tranche_voided")]
    FundTrancheVoided {
        claim: ClaimId,
        amount: Decimal,
        transfers: Vec<FundTransfer>,
    },
    /// An activated military obligation drew units from a pre-positioned lot.
    #[serde(rename = "stockpile.released")]
    StockpileDrawn {
        activation: ActivationId,
        obligation: ObligationId,
        lot: LotId,
        location: LocationId,
        item: ItemId,
        quantity: u64,
        /// When the units arrive, after the location's transit time.
        #[serde(with = "instant_serde")]
        arrives: Timestamp,
    },
    /// An activated military obligation called units off a standing contract.
    #[serde(rename = "contract.called_off")]
    ContractDrawn {
        activation: ActivationId,
        obligation: ObligationId,
        contract: ContractId,
        item: ItemId,
        quantity: u64,
        /// When the contract will have produced the last of these units.
        #[serde(with = "instant_serde")]
        complete_by: Timestamp,
    },
    /// A measure moved from one state to another.
    #[serde(rename = "measure.changed")]
    MeasureChanged {
        measure: MeasureId,
        from: MeasureState,
        to: MeasureState,
        cause: MeasureCause,
        /// The activation and package of a snapback.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        activation: Option<ActivationId>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        package: Option<PackageId>,
        /// The renewal decision of a renewal or a failed renewal.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        decision: Option<DecisionId>,
        /// When it now expires, if it does.
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "snapback_charter::time::option_instant_serde"
        )]
        expires: Option<Timestamp>,
    },
    /// A snapback found the measure already in force: no duplicate duty; raised one level if the
    /// charter defines levels and it is not at the top.
    #[serde(rename = "measure.confirmed")]
    MeasureConfirmed {
        measure: MeasureId,
        activation: ActivationId,
        package: PackageId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        raised_to: Option<String>,
    },
    /// The engine opened the decision that renews a measure before it expires.
    #[serde(rename = "measure.renewal_opened")]
    MeasureRenewalOpened {
        measure: MeasureId,
        decision: DecisionId,
        body: BodyId,
        motion: String,
        #[serde(with = "instant_serde")]
        deadline: Timestamp,
        members: Arc<[PartyId]>,
    },
    /// A later charter version amending the measure took effect: it governs the measure from
    /// now on; `expires` is its expiry under the amended instrument (absent: it has none).
    #[serde(rename = "measure.amended")]
    MeasureAmended {
        measure: MeasureId,
        version: String,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "snapback_charter::time::option_instant_serde"
        )]
        expires: Option<Timestamp>,
    },
    /// A renewal was adopted: the measure now expires later.
    #[serde(rename = "measure.renewed")]
    MeasureRenewed {
        measure: MeasureId,
        decision: DecisionId,
        #[serde(with = "instant_serde")]
        expires: Timestamp,
    },
    /// A stage of a claim's proceeding was reached (or missed).
    #[serde(rename = "claim.stage")]
    ClaimStage {
        claim: ClaimId,
        stage: String,
        /// Who took the step (absent when it was missed).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        by: Option<PartyId>,
        basis: StageBasis,
    },
    /// A step of a relief review: `until` is when the relief stays barred until, while it is.
    #[serde(rename = "measure.review")]
    MeasureReview {
        measure: MeasureId,
        review: u32,
        step: ReviewStep,
        /// The relief under review: `suspended` or `terminated`.
        relief: MeasureState,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "snapback_charter::time::option_instant_serde"
        )]
        until: Option<Timestamp>,
    },
    /// The engine opened a review's motion in a body: a disapproval of the relief, or an
    /// override of the veto.
    #[serde(rename = "measure.review_motion_opened")]
    MeasureReviewMotionOpened {
        measure: MeasureId,
        decision: DecisionId,
        body: BodyId,
        motion: String,
        #[serde(with = "instant_serde")]
        deadline: Timestamp,
        members: Arc<[PartyId]>,
        /// An override of the veto, decided under the review's override rule rather than the
        /// body's own.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        overrides_veto: bool,
    },
    /// An activation of the charter's `lifted_by` package lifted a donor's usage restriction.
    #[serde(rename = "restriction.lifted")]
    RestrictionLifted {
        activation: ActivationId,
        package: PackageId,
        restriction: RestrictionId,
        donor: PartyId,
    },
}

impl DerivedKind {
    pub fn type_name(&self) -> &'static str {
        match self {
            DerivedKind::ClaimDetermined { .. } => "claim.determined",
            DerivedKind::ClaimSuperseded { .. } => "claim.superseded",
            DerivedKind::MonitorAlert { .. } => "monitor.alert",
            DerivedKind::Activation { .. } => "activation",
            DerivedKind::AlertClaimFiled { .. } => "alert.claim_filed",
            DerivedKind::DecisionOpened { .. } => "decision.opened",
            DerivedKind::DecisionDetermined { .. } => "decision.determined",
            DerivedKind::ObligationCreated { .. } => "obligation.created",
            DerivedKind::ObligationOverdue { .. } => "obligation.overdue",
            DerivedKind::FundModeChanged { .. } => "fund.mode_changed",
            DerivedKind::FundQuietPeriodEnded {} => "fund.quiet_period_ended",
            DerivedKind::FundBoardMotionOpened { .. } => "fund.board_motion_opened",
            DerivedKind::FundBoardDecided { .. } => "fund.board_decided",
            DerivedKind::FundSurgeCalled { .. } => "fund.surge_called",
            DerivedKind::FundTrancheReserved { .. } => "fund.tranche_reserved",
            DerivedKind::FundTrancheReleased { .. } => "fund.tranche_released",
            DerivedKind::FundTrancheVoided { .. } => "fund.tranche_voided",
            DerivedKind::FundGuaranteeExpired { .. } => "fund.guarantee_expired",
            DerivedKind::FundProgrammeTranchePaid { .. } => "fund.programme_tranche_paid",
            DerivedKind::FundShareAwaitingAppropriation { .. } => {
                "fund.share_awaiting_appropriation"
            }
            DerivedKind::FundProgrammeTrancheHeld { .. } => "fund.programme_tranche_held",
            DerivedKind::StockpileDrawn { .. } => "stockpile.released",
            DerivedKind::ContractDrawn { .. } => "contract.called_off",
            DerivedKind::RestrictionLifted { .. } => "restriction.lifted",
            DerivedKind::MeasureChanged { .. } => "measure.changed",
            DerivedKind::MeasureConfirmed { .. } => "measure.confirmed",
            DerivedKind::MeasureRenewalOpened { .. } => "measure.renewal_opened",
            DerivedKind::MeasureRenewed { .. } => "measure.renewed",
            DerivedKind::MeasureAmended { .. } => "measure.amended",
            DerivedKind::MeasureReview { .. } => "measure.review",
            DerivedKind::ClaimStage { .. } => "claim.stage",
            DerivedKind::ClaimExtended { .. } => "claim.extended",
            DerivedKind::ClaimGraded { .. } => "claim.graded",
            DerivedKind::ClaimReopened { .. } => "claim.reopened",
            DerivedKind::ClaimUnwound { .. } => "claim.unwound",
            DerivedKind::MeasureReviewMotionOpened { .. } => "measure.review_motion_opened",
        }
    }
}
