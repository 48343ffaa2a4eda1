//! One of every code a submission can be refused with (every engine rejection, and every
//! refusal of the ledger before the engine), for the OpenAPI test that each is documented with
//! its status. The matches have no wildcard, so a new variant does not compile until it is
//! added here.

use snapback_charter::{
    BodyId, ClaimId, DecisionId, FundMode, ObligationId, PartyId, PurposeId, TransferId,
};
use snapback_engine::Rejection;
use snapback_engine::derived::{ClaimStatus, DecisionStatus};
use snapback_engine::rejection::Record;
use snapback_ledger::SubmitRejection;
use snapback_log::entry::SignatureError;

use crate::support::*;

fn party(id: &str) -> PartyId {
    PartyId::new(id).unwrap()
}

fn claim(id: &str) -> ClaimId {
    ClaimId::new(id).unwrap()
}

/// One of every engine rejection. The match below has no wildcard, so a new variant does not
/// compile until it is added here, and the test then requires it to be documented.
fn every_rule_rejection() -> Vec<Rejection> {
    let t = ts(T0);
    let all = vec![
        Rejection::OutOfOrder { at: t, previous: t },
        Rejection::Sealed { at: t, sealed: t },
        Rejection::NoCharterInForce { at: t, first: t },
        Rejection::UnknownParty { party: party("Z") },
        Rejection::UnknownReleasee { party: party("Z") },
        Rejection::OutsideParticipation {
            party: party("A"),
            at: t,
            window: "w".into(),
        },
        Rejection::NoStanding {
            party: party("A"),
            claimants: "UA".into(),
        },
        Rejection::BadSeverity { severity: 9 },
        Rejection::OccurredAfterFiling {
            occurred_at: t,
            at: t,
        },
        Rejection::DuplicateClaim { claim: claim("C") },
        Rejection::UnknownClaim { claim: claim("C") },
        Rejection::ClaimClosed {
            claim: claim("C"),
            status: ClaimStatus::Activated,
        },
        Rejection::ClaimWasRejected { claim: claim("C") },
        Rejection::VoteAfterDeadline {
            target: "C".into(),
            deadline: t,
        },
        Rejection::NotFiler {
            claim: claim("C"),
            filer: party("UA"),
        },
        Rejection::NotMember {
            party: party("X"),
            body: BodyId::new("b").unwrap(),
            target: "C".into(),
        },
        Rejection::AlreadyVoted {
            party: party("A"),
            target: "C".into(),
            vote: "founded".into(),
        },
        Rejection::UnknownDecision {
            decision: DecisionId::new("D").unwrap(),
        },
        Rejection::DecisionClosed {
            decision: DecisionId::new("D").unwrap(),
            status: DecisionStatus::Adopted,
        },
        Rejection::DuplicateDecision {
            decision: DecisionId::new("D").unwrap(),
        },
        Rejection::UnknownBody {
            body: BodyId::new("b").unwrap(),
        },
        Rejection::MayNotOpen {
            party: party("A"),
            body: BodyId::new("b").unwrap(),
        },
        Rejection::MayNotConvene {
            party: party("A"),
            claim: claim("C"),
        },
        Rejection::UnknownObligation {
            obligation: ObligationId::new("A1/x/1").unwrap(),
        },
        Rejection::AlreadyFulfilled {
            obligation: ObligationId::new("A1/x/1").unwrap(),
        },
        Rejection::NotObligor {
            obligation: ObligationId::new("A1/x/1").unwrap(),
            owner: party("A"),
        },
        Rejection::NoFund,
        Rejection::NotFundManager {
            party: party("A"),
            manager: party("USF"),
            action: "disburse",
        },
        Rejection::WrongCurrency {
            currency: "USD".into(),
            expected: "EUR".into(),
        },
        Rejection::SameCurrency {
            currency: "EUR".into(),
        },
        Rejection::NoRate {
            currency: "USD".into(),
            fund_currency: "EUR".into(),
        },
        Rejection::ConvertsToZero {
            amount: "0.01".parse().unwrap(),
            currency: "JPY".into(),
            rate: "0.006".parse().unwrap(),
            fund_currency: "EUR".into(),
        },
        Rejection::TransferExists {
            transfer: TransferId::new("T1").unwrap(),
        },
        Rejection::PurposeNotAllowed {
            purpose: PurposeId::new("budget-support").unwrap(),
            mode: FundMode::Peace,
            allowed: "reconstruction".into(),
        },
        Rejection::CapExceeded {
            purpose: PurposeId::new("budget-support").unwrap(),
            amount: "1".parse().unwrap(),
            cap: "1".parse().unwrap(),
            per: "30d".into(),
            used: "1".parse().unwrap(),
        },
        Rejection::InsufficientFunds {
            amount: "2".parse().unwrap(),
            available: "1".parse().unwrap(),
            mode: FundMode::Peace,
        },
        Rejection::NotSurgeCall {
            obligation: ObligationId::new("A1/x/1").unwrap(),
        },
        Rejection::NotYourCall {
            obligation: ObligationId::new("A1/surge/US").unwrap(),
            owner: party("US"),
            contributor: party("DE"),
        },
        Rejection::ExceedsCall {
            obligation: ObligationId::new("A1/surge/US").unwrap(),
            amount: "2".parse().unwrap(),
            outstanding: "1".parse().unwrap(),
        },
        Rejection::PayIntoFund {
            obligation: ObligationId::new("A1/surge/US").unwrap(),
        },
        Rejection::Books("refused".into()),
        Rejection::GuaranteeTerm {
            guarantee: TransferId::new("G1").unwrap(),
            valid_until: t,
        },
        Rejection::NoOpenGuarantee {
            guarantee: TransferId::new("G1").unwrap(),
        },
        Rejection::ExceedsGuarantee {
            guarantee: TransferId::new("G1").unwrap(),
            amount: "650.00".parse().unwrap(),
            guaranteed: "600.00".parse().unwrap(),
        },
        Rejection::UnknownLoan {
            loan: TransferId::new("L9").unwrap(),
        },
        Rejection::LoanRepaid {
            loan: TransferId::new("L1").unwrap(),
        },
        Rejection::RepaymentAmount {
            loan: TransferId::new("L1").unwrap(),
            instalment: 2,
            expected: "3135.67".parse().unwrap(),
            principal: "2955.67".parse().unwrap(),
            interest: "180.00".parse().unwrap(),
            amount: "3000.00".parse().unwrap(),
        },
        Rejection::NotBorrower {
            party: party("B"),
            loan: TransferId::new("L1").unwrap(),
            borrower: snapback_charter::RecipientId::new("UA").unwrap(),
        },
        Rejection::NoAppropriationNeeded {
            contributor: party("B"),
        },
        Rejection::DuplicateAppropriation {
            contributor: party("B"),
            reference: "Public Law 1".to_owned(),
        },
        Rejection::AwaitingAppropriation {
            obligation: snapback_charter::ObligationId::new("A1/surge/B").unwrap(),
            parliament: "Congress".to_owned(),
        },
        Rejection::UnknownCondition {
            programme: snapback_charter::ProgrammeId::new("P").unwrap(),
            tranche: snapback_charter::TrancheId::new("T1").unwrap(),
            condition: snapback_charter::ConditionId::new("K").unwrap(),
        },
        Rejection::NotVerifier {
            party: party("B"),
            condition: snapback_charter::ConditionId::new("K").unwrap(),
            verifier: party("EC"),
        },
        Rejection::ConditionAlreadyMet {
            tranche: snapback_charter::TrancheId::new("T1").unwrap(),
            condition: snapback_charter::ConditionId::new("K").unwrap(),
            at: t,
        },
        Rejection::NoBoardPower {
            action: "cap_change",
            why: "",
        },
        Rejection::NotBoardMember {
            party: party("UA"),
            action: "vote on a motion of the fund's board",
        },
        Rejection::NotInConflictMode,
        Rejection::QuietPeriodRunning { until: t },
        Rejection::NoCap {
            purpose: PurposeId::new("budget-support").unwrap(),
        },
        Rejection::NotExceptional {
            amount: "100.00".parse().unwrap(),
            above: "1000.00".parse().unwrap(),
        },
        Rejection::NeedsBoard {
            amount: "5000.00".parse().unwrap(),
            above: "1000.00".parse().unwrap(),
        },
        Rejection::BoardDecisionNotAdopted {
            decision: DecisionId::new("B1").unwrap(),
            status: "still open".into(),
        },
        Rejection::BoardDecisionMismatch {
            decision: DecisionId::new("B1").unwrap(),
            why: "it authorises at most 1000.00, not 5000.00".into(),
        },
        Rejection::BoardDecisionUsed {
            decision: DecisionId::new("B1").unwrap(),
            transfer: snapback_charter::TransferId::new("D9").unwrap(),
        },
        Rejection::DuplicateRecord {
            what: Record::Lot,
            id: "L1".into(),
        },
        Rejection::UnknownRecord {
            what: Record::Commitment,
            id: "C1".into(),
        },
        Rejection::NotOwner {
            what: Record::Contract,
            id: "K1".into(),
            owner: party("DE"),
        },
        Rejection::ExceedsOutstanding {
            what: Record::Lot,
            id: "L1".into(),
            quantity: 2,
            outstanding: 1,
        },
        Rejection::UnknownLocation {
            location: snapback_charter::LocationId::new("XX").unwrap(),
            known: "PL".into(),
        },
        Rejection::UnknownCentre {
            centre: snapback_charter::CentreId::new("c").unwrap(),
        },
        Rejection::ContractNotValid {
            contract: snapback_charter::ContractId::new("K1").unwrap(),
            from: t,
            until: t,
        },
        Rejection::AlreadyLifted {
            restriction: snapback_charter::RestrictionId::new("R1").unwrap(),
        },
        Rejection::CohortCompleted {
            cohort: snapback_charter::CohortId::new("c1").unwrap(),
        },
        Rejection::NotItemObligation {
            obligation: ObligationId::new("A1/x/1").unwrap(),
        },
        Rejection::ReceiveItems {
            obligation: ObligationId::new("A1/x/1").unwrap(),
        },
        Rejection::NotReceiver {
            party: party("DE"),
            beneficiary: party("UA"),
        },
        Rejection::NotSecretariat {
            party: party("DE"),
            action: "act",
        },
        Rejection::OccurredLater {
            occurred_at: t,
            at: t,
        },
        Rejection::ReceivedBeforeObligation {
            obligation: ObligationId::new("A1/x/1").unwrap(),
            created_at: t,
            received_at: t,
        },
        Rejection::UnknownMeasure {
            measure: snapback_charter::MeasureId::new("eu-sectoral").unwrap(),
            known: "(none)".into(),
        },
        Rejection::NotMonitor { party: party("DE") },
        Rejection::ReportInFuture {
            report: snapback_charter::ReportId::new("R1").unwrap(),
            until: t,
            at: t,
        },
        Rejection::DuplicateReport {
            report: snapback_charter::ReportId::new("R1").unwrap(),
        },
        Rejection::SeriesTooLong {
            report: snapback_charter::ReportId::new("R1").unwrap(),
            alert: snapback_charter::AlertId::new("a").unwrap(),
            windows: 200_000,
        },
        Rejection::NotMeasureOwner {
            party: party("DE"),
            measure: snapback_charter::MeasureId::new("eu-sectoral").unwrap(),
            owner: "EU".into(),
        },
        Rejection::MeasureStateNotRecordable {
            state: snapback_charter::MeasureState::Lapsed,
        },
        Rejection::MeasureUnchanged {
            measure: snapback_charter::MeasureId::new("eu-sectoral").unwrap(),
            state: snapback_charter::MeasureState::InForce,
        },
        Rejection::MeasureEnded {
            measure: snapback_charter::MeasureId::new("eu-sectoral").unwrap(),
            state: snapback_charter::MeasureState::Terminated,
        },
        Rejection::MeasureNotInForce {
            measure: snapback_charter::MeasureId::new("eu-sectoral").unwrap(),
            state: snapback_charter::MeasureState::Suspended,
        },
        Rejection::ReliefNeedsReview {
            measure: snapback_charter::MeasureId::new("ru-sanctions").unwrap(),
        },
        Rejection::MotionNotTabled {
            claim: ClaimId::new("C1").unwrap(),
            stage: "motion".into(),
        },
        Rejection::NotClaimBody {
            claim: ClaimId::new("K1").unwrap(),
            body: BodyId::new("council-cfsp").unwrap(),
            claim_body: BodyId::new("council").unwrap(),
        },
        Rejection::NoTablingStage {
            claim: ClaimId::new("C1").unwrap(),
        },
        Rejection::StageReached {
            claim: ClaimId::new("C1").unwrap(),
            stage: "motion".into(),
            basis: "done",
        },
        Rejection::NoReliefReview {
            measure: snapback_charter::MeasureId::new("eu-sectoral").unwrap(),
        },
        Rejection::ReviewOpen {
            measure: snapback_charter::MeasureId::new("ru-sanctions").unwrap(),
            review: 1,
        },
        Rejection::NotRelief {
            state: snapback_charter::MeasureState::InForce,
        },
        Rejection::VetoNotOpen {
            measure: snapback_charter::MeasureId::new("ru-sanctions").unwrap(),
        },
        Rejection::NotVetoHolder {
            party: PartyId::new("H1").unwrap(),
            measure: snapback_charter::MeasureId::new("ru-sanctions").unwrap(),
            holder: PartyId::new("US-PRES").unwrap(),
        },
        Rejection::RecordMeasure {
            obligation: ObligationId::new("A1/x/1").unwrap(),
            measure: snapback_charter::MeasureId::new("eu-sectoral").unwrap(),
        },
        Rejection::UnknownTruce {
            truce: snapback_charter::TruceId::new("energy").unwrap(),
            defined: "none".into(),
        },
        Rejection::NotTruceSide {
            party: party("DE"),
            truce: snapback_charter::TruceId::new("energy").unwrap(),
            sides: "UA, RU".into(),
        },
        Rejection::AccusedRequired {
            truce: snapback_charter::TruceId::new("energy").unwrap(),
        },
        Rejection::AccusesItself { party: party("UA") },
        Rejection::OutsideTerm {
            truce: snapback_charter::TruceId::new("energy").unwrap(),
            at: t,
            from: t,
            until: t,
        },
        Rejection::OutsideScope {
            truce: snapback_charter::TruceId::new("energy").unwrap(),
            reason: "category".into(),
        },
        Rejection::DuplicateAllegation {
            incident: "i1".into(),
            earlier: ClaimId::new("C1").unwrap(),
        },
        Rejection::NoRightOfReply {
            claim: ClaimId::new("C1").unwrap(),
        },
        Rejection::NotAccused {
            claim: ClaimId::new("C1").unwrap(),
            accused: party("RU"),
        },
        Rejection::ReplyOutOfTime {
            claim: ClaimId::new("C1").unwrap(),
            until: t,
        },
        Rejection::AlreadyReplied {
            party: party("RU"),
            claim: ClaimId::new("C1").unwrap(),
        },
        Rejection::NoExtension,
        Rejection::UnknownTier {
            tier: snapback_charter::TierId::new("grave").unwrap(),
            defined: "minor, serious".into(),
        },
        Rejection::AlreadyExtended {
            claim: ClaimId::new("C1").unwrap(),
        },
        Rejection::NotReconsiderable {
            claim: ClaimId::new("C1").unwrap(),
            reason: "pending".into(),
        },
        Rejection::ReconsiderationClosed {
            claim: ClaimId::new("C1").unwrap(),
            until: t,
        },
        Rejection::NoNewEvidence {
            claim: ClaimId::new("C1").unwrap(),
            digest: "sha256:00".into(),
        },
        Rejection::MayNotRequestReconsideration {
            party: party("DE"),
            claim: ClaimId::new("C1").unwrap(),
        },
        Rejection::ObligationCancelled {
            obligation: ObligationId::new("A1/x/1").unwrap(),
        },
    ];
    for r in &all {
        match r {
            Rejection::OutOfOrder { .. }
            | Rejection::Sealed { .. }
            | Rejection::NoCharterInForce { .. }
            | Rejection::UnknownParty { .. }
            | Rejection::UnknownReleasee { .. }
            | Rejection::OutsideParticipation { .. }
            | Rejection::NoStanding { .. }
            | Rejection::BadSeverity { .. }
            | Rejection::OccurredAfterFiling { .. }
            | Rejection::DuplicateClaim { .. }
            | Rejection::UnknownClaim { .. }
            | Rejection::ClaimClosed { .. }
            | Rejection::ClaimWasRejected { .. }
            | Rejection::VoteAfterDeadline { .. }
            | Rejection::NotFiler { .. }
            | Rejection::NotMember { .. }
            | Rejection::AlreadyVoted { .. }
            | Rejection::UnknownDecision { .. }
            | Rejection::DecisionClosed { .. }
            | Rejection::DuplicateDecision { .. }
            | Rejection::UnknownBody { .. }
            | Rejection::MayNotOpen { .. }
            | Rejection::MayNotConvene { .. }
            | Rejection::UnknownObligation { .. }
            | Rejection::AlreadyFulfilled { .. }
            | Rejection::NotObligor { .. }
            | Rejection::NoFund
            | Rejection::NotFundManager { .. }
            | Rejection::WrongCurrency { .. }
            | Rejection::SameCurrency { .. }
            | Rejection::NoRate { .. }
            | Rejection::ConvertsToZero { .. }
            | Rejection::TransferExists { .. }
            | Rejection::PurposeNotAllowed { .. }
            | Rejection::CapExceeded { .. }
            | Rejection::InsufficientFunds { .. }
            | Rejection::NotSurgeCall { .. }
            | Rejection::NotYourCall { .. }
            | Rejection::ExceedsCall { .. }
            | Rejection::PayIntoFund { .. }
            | Rejection::Books(_)
            | Rejection::GuaranteeTerm { .. }
            | Rejection::NoOpenGuarantee { .. }
            | Rejection::ExceedsGuarantee { .. }
            | Rejection::UnknownLoan { .. }
            | Rejection::LoanRepaid { .. }
            | Rejection::RepaymentAmount { .. }
            | Rejection::NotBorrower { .. }
            | Rejection::NoAppropriationNeeded { .. }
            | Rejection::DuplicateAppropriation { .. }
            | Rejection::AwaitingAppropriation { .. }
            | Rejection::NoBoardPower { .. }
            | Rejection::NotBoardMember { .. }
            | Rejection::NotInConflictMode
            | Rejection::QuietPeriodRunning { .. }
            | Rejection::NoCap { .. }
            | Rejection::NotExceptional { .. }
            | Rejection::NeedsBoard { .. }
            | Rejection::BoardDecisionNotAdopted { .. }
            | Rejection::BoardDecisionMismatch { .. }
            | Rejection::BoardDecisionUsed { .. }
            | Rejection::UnknownCondition { .. }
            | Rejection::NotVerifier { .. }
            | Rejection::ConditionAlreadyMet { .. }
            | Rejection::DuplicateRecord { .. }
            | Rejection::UnknownRecord { .. }
            | Rejection::NotOwner { .. }
            | Rejection::ExceedsOutstanding { .. }
            | Rejection::UnknownLocation { .. }
            | Rejection::UnknownCentre { .. }
            | Rejection::ContractNotValid { .. }
            | Rejection::AlreadyLifted { .. }
            | Rejection::CohortCompleted { .. }
            | Rejection::NotItemObligation { .. }
            | Rejection::ReceiveItems { .. }
            | Rejection::NotReceiver { .. }
            | Rejection::NotSecretariat { .. }
            | Rejection::OccurredLater { .. }
            | Rejection::ReceivedBeforeObligation { .. }
            | Rejection::UnknownMeasure { .. }
            | Rejection::NotMeasureOwner { .. }
            | Rejection::MeasureStateNotRecordable { .. }
            | Rejection::MeasureUnchanged { .. }
            | Rejection::MeasureEnded { .. }
            | Rejection::MeasureNotInForce { .. }
            | Rejection::ReliefNeedsReview { .. }
            | Rejection::MotionNotTabled { .. }
            | Rejection::NotClaimBody { .. }
            | Rejection::NoTablingStage { .. }
            | Rejection::StageReached { .. }
            | Rejection::NoReliefReview { .. }
            | Rejection::ReviewOpen { .. }
            | Rejection::NotRelief { .. }
            | Rejection::VetoNotOpen { .. }
            | Rejection::NotVetoHolder { .. }
            | Rejection::RecordMeasure { .. }
            | Rejection::NotMonitor { .. }
            | Rejection::ReportInFuture { .. }
            | Rejection::DuplicateReport { .. }
            | Rejection::SeriesTooLong { .. }
            | Rejection::UnknownTruce { .. }
            | Rejection::NotTruceSide { .. }
            | Rejection::AccusedRequired { .. }
            | Rejection::AccusesItself { .. }
            | Rejection::OutsideTerm { .. }
            | Rejection::OutsideScope { .. }
            | Rejection::DuplicateAllegation { .. }
            | Rejection::NoRightOfReply { .. }
            | Rejection::NotAccused { .. }
            | Rejection::ReplyOutOfTime { .. }
            | Rejection::AlreadyReplied { .. }
            | Rejection::NoExtension
            | Rejection::UnknownTier { .. }
            | Rejection::AlreadyExtended { .. }
            | Rejection::NotReconsiderable { .. }
            | Rejection::ReconsiderationClosed { .. }
            | Rejection::NoNewEvidence { .. }
            | Rejection::MayNotRequestReconsideration { .. }
            | Rejection::ObligationCancelled { .. } => {}
        }
    }
    all
}

/// Every way the log refuses a submission, with the status the API answers (`api.rs`); again
/// exhaustive, so a new variant must be placed here.
pub fn every_submit_rejection() -> Vec<(SubmitRejection, u16)> {
    let t = ts(T0);
    let mut all = vec![
        (SubmitRejection::NotInput, 400),
        (SubmitRejection::Malformed("m".into()), 400),
        (SubmitRejection::ClassifiedInClear("m".into()), 400),
        (SubmitRejection::SealedMissing, 400),
        (
            SubmitRejection::CommitmentMismatch {
                committed: "a".into(),
                computed: "b".into(),
            },
            400,
        ),
        (SubmitRejection::SealedUnexpected, 400),
        (
            SubmitRejection::NonceReused {
                party: "UA".into(),
                nonce: "n".into(),
                index: 0,
            },
            409,
        ),
        (SubmitRejection::TimeWentBack { at: t, earliest: t }, 409),
        (
            SubmitRejection::Signature(SignatureError::UnknownKey {
                party: "UA".into(),
                key: "k".into(),
            }),
            403,
        ),
        (
            SubmitRejection::Signature(SignatureError::Invalid {
                party: "UA".into(),
                key: "k".into(),
            }),
            401,
        ),
    ];
    all.extend(
        every_rule_rejection()
            .into_iter()
            .map(|r| (SubmitRejection::Rules(r), 422)),
    );
    for (r, _) in &all {
        match r {
            SubmitRejection::NotInput
            | SubmitRejection::Malformed(_)
            | SubmitRejection::ClassifiedInClear(_)
            | SubmitRejection::SealedMissing
            | SubmitRejection::CommitmentMismatch { .. }
            | SubmitRejection::SealedUnexpected
            | SubmitRejection::NonceReused { .. }
            | SubmitRejection::TimeWentBack { .. }
            | SubmitRejection::Signature(SignatureError::UnknownKey { .. })
            | SubmitRejection::Signature(SignatureError::Invalid { .. })
            | SubmitRejection::Rules(_) => {}
        }
    }
    all
}
