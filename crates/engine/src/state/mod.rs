//! The full state: a projection of everything the engine accepted, rejected and derived.
//!
//! Where the [`Engine`](crate::Engine) keeps only what it needs to decide, [`State`] keeps the
//! record a person reads: every claim with its votes, evidence and determination, every decision,
//! activation and obligation, and every rejected event with its reason. It is built only from the
//! engine's output (it implements [`Sink`]), so it can never disagree with the engine.

use jiff::Timestamp;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;
use snapback_charter::{
    ActivationId, BodyId, Charter, CharterHistory, ClaimId, DecisionId, MeasureId, ObligationId,
    PackageId, PartyId, ProceedIf, TierId,
};

use crate::capability::Tracker;
use crate::derived::*;
use crate::engine::{Accepted, Judgement, Sink};
use crate::event::{Event, EventKind, EvidenceForm, VoteCast};
use crate::fund::record::FundRecord;
use crate::measures::MeasureBook;

mod claims;

pub use self::claims::*;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionRecord {
    pub id: DecisionId,
    pub body: BodyId,
    pub motion: String,
    pub opened_at: Timestamp,
    /// The party that opened it, or `None` when the engine opened it for a package.
    pub opened_by: Option<PartyId>,
    pub activation: Option<ActivationId>,
    pub package: Option<PackageId>,
    pub proceed_if: Option<ProceedIf>,
    pub charter_version: String,
    pub deadline: Timestamp,
    pub members: Vec<PartyId>,
    pub votes: Vec<VoteRecord>,
    pub status: DecisionStatus,
    pub decided_at: Option<Timestamp>,
    pub basis: Option<Basis>,
    /// The measure a renewal decision renews, or whose relief a review motion reviews.
    pub measure: Option<MeasureId>,
    /// What a relief review's motion is.
    pub review: Option<ReviewMotion>,
    /// The claim in whose proceeding this is a further motion.
    pub claim: Option<ClaimId>,
    /// Adopted, it supersedes `claim`.
    pub supersedes: bool,
    /// What, adopted, it finds about `claim` (inconclusive, or a grading).
    pub finding: Option<crate::event::Finding>,
    /// Who proposed the motion when the engine opened it for a package (the charter's
    /// `proposer`); a decision a party opens is proposed by its opener.
    pub proposer: Option<PartyId>,
}

/// A relief review's motion: a disapproval under the body's rule, or an override of the veto
/// under the review's override rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewMotion {
    Disapproval,
    Override,
}

impl DecisionRecord {
    /// A pending decision as it opens; who opened it and what it is for are set by the caller.
    fn opened(
        id: DecisionId,
        body: BodyId,
        motion: String,
        opened_at: Timestamp,
        charter_version: String,
        deadline: Timestamp,
        members: Vec<PartyId>,
    ) -> Self {
        DecisionRecord {
            id,
            body,
            motion,
            opened_at,
            opened_by: None,
            activation: None,
            package: None,
            proceed_if: None,
            charter_version,
            deadline,
            members,
            votes: Vec::new(),
            status: DecisionStatus::Pending,
            decided_at: None,
            basis: None,
            measure: None,
            review: None,
            claim: None,
            supersedes: false,
            finding: None,
            proposer: None,
        }
    }

    pub fn tally(&self) -> DecisionTally {
        let ([yes, no, abstain], not_voted) =
            count_votes(&self.votes, &self.members, ["yes", "no", "abstain"]);
        DecisionTally {
            yes,
            no,
            abstain,
            not_voted,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivationRecord {
    pub id: ActivationId,
    pub cause: Cause,
    pub claims: Vec<ClaimId>,
    pub tier: TierId,
    pub packages: Vec<PackageId>,
    pub at: Timestamp,
    pub charter_version: String,
    /// Monitoring alerts that counted towards it (an escalation only).
    pub alerts: Vec<AlertCount>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObligationRecord {
    pub id: ObligationId,
    pub activation: ActivationId,
    pub package: PackageId,
    pub party: PartyId,
    pub kind: String,
    pub description: String,
    pub amount: Option<Decimal>,
    pub currency: Option<String>,
    pub item: Option<snapback_charter::ItemId>,
    pub quantity: Option<u64>,
    pub created_at: Timestamp,
    pub due: Timestamp,
    pub status: ObligationStatus,
    pub fulfilled_at: Option<Timestamp>,
    pub reference: Option<String>,
    /// The measure a `sanctions` obligation re-imposes.
    pub measure: Option<MeasureId>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedRecord {
    pub index: u64,
    pub at: Timestamp,
    pub party: PartyId,
    pub event_type: &'static str,
    pub code: &'static str,
    pub reason: String,
}

/// Everything that happened, as a person reads it.
#[derive(Debug, Clone)]
pub struct State {
    history: CharterHistory,
    pub as_of: Option<Timestamp>,
    pub claims: Vec<ClaimRecord>,
    pub decisions: Vec<DecisionRecord>,
    pub activations: Vec<ActivationRecord>,
    pub obligations: Vec<ObligationRecord>,
    pub rejected: Vec<RejectedRecord>,
    /// The fund's books and history.
    pub fund: FundRecord,
    /// The capability tracker's record, fed with what the engine accepted and derived.
    pub capabilities: Tracker,
    /// The register of measures.
    pub measures: MeasureBook,
    /// Monitoring alerts, in the order derived.
    pub alerts: Vec<crate::alerts::AlertRecord>,
    /// Each alert rule's windows per area, as the reports fill them.
    pub series: crate::alerts::SeriesBook,
    /// The ids of the monitors' reports accepted.
    monitor_reports: rustc_hash::FxHashSet<snapback_charter::ReportId>,
    claim_pos: FxHashMap<ClaimId, usize>,
    decision_pos: FxHashMap<DecisionId, usize>,
    obligation_pos: FxHashMap<ObligationId, usize>,
}

impl State {
    pub fn new(history: CharterHistory) -> Self {
        Self {
            measures: MeasureBook::from_history(&history),
            alerts: Vec::new(),
            series: crate::alerts::SeriesBook::default(),
            monitor_reports: rustc_hash::FxHashSet::default(),
            history,
            as_of: None,
            claims: Vec::new(),
            decisions: Vec::new(),
            activations: Vec::new(),
            obligations: Vec::new(),
            rejected: Vec::new(),
            fund: FundRecord::default(),
            capabilities: Tracker::default(),
            claim_pos: FxHashMap::default(),
            decision_pos: FxHashMap::default(),
            obligation_pos: FxHashMap::default(),
        }
    }

    pub fn history(&self) -> &CharterHistory {
        &self.history
    }

    /// The charter version with this version string.
    pub fn charter_version(&self, version: &str) -> Option<&Charter> {
        self.history
            .versions()
            .iter()
            .find(|c| c.version == version)
            .map(|c| &**c)
    }

    pub fn claim(&self, id: &str) -> Option<&ClaimRecord> {
        self.claim_pos.get(id).and_then(|i| self.claims.get(*i))
    }

    pub fn decision(&self, id: &str) -> Option<&DecisionRecord> {
        self.decision_pos
            .get(id)
            .and_then(|i| self.decisions.get(*i))
    }

    pub fn activation(&self, id: &ActivationId) -> Option<&ActivationRecord> {
        self.activations.iter().find(|a| &a.id == id)
    }

    fn claim_mut(&mut self, id: &ClaimId) -> Option<&mut ClaimRecord> {
        let i = *self.claim_pos.get(id)?;
        self.claims.get_mut(i)
    }

    fn decision_mut(&mut self, id: &DecisionId) -> Option<&mut DecisionRecord> {
        let i = *self.decision_pos.get(id)?;
        self.decisions.get_mut(i)
    }

    fn obligation_mut(&mut self, id: &ObligationId) -> Option<&mut ObligationRecord> {
        let i = *self.obligation_pos.get(id)?;
        self.obligations.get_mut(i)
    }

    /// Marks an obligation met (on time or late) by `reference`, whether an
    /// `obligation.fulfilled` event or a fund payment settled it.
    fn fulfil(&mut self, id: &ObligationId, late: bool, at: Timestamp, reference: String) {
        if let Some(o) = self.obligation_mut(id) {
            o.status = if late {
                ObligationStatus::Late
            } else {
                ObligationStatus::Fulfilled
            };
            o.fulfilled_at = Some(at);
            o.reference = Some(reference);
        }
    }

    fn push_claim(&mut self, record: ClaimRecord) {
        self.claim_pos.insert(record.id.clone(), self.claims.len());
        self.claims.push(record);
    }

    fn push_decision(&mut self, record: DecisionRecord) {
        self.decision_pos
            .insert(record.id.clone(), self.decisions.len());
        self.decisions.push(record);
    }

    fn record_accepted(&mut self, event: &Event, accepted: &Accepted) {
        let at = event.at;
        match (&event.kind, accepted) {
            (
                EventKind::ClaimFiled(f),
                Accepted::ClaimOpened {
                    deadline,
                    body,
                    members,
                    charter_version,
                    accused,
                    reply_until,
                },
            ) => {
                let mut record = new_claim(event, f);
                record.status = ClaimStatus::Pending;
                record.charter_version = Some(charter_version.clone());
                record.body = Some(body.clone());
                record.deadline = Some(*deadline);
                record.members = members.to_vec();
                record.accused = accused.clone();
                record.reply_until = *reply_until;
                self.push_claim(record);
            }
            (EventKind::ReplyFiled(r), _) => {
                if let Some(c) = self.claim_mut(&r.claim) {
                    c.reply = Some(ReplyRecord {
                        at,
                        party: event.party.clone(),
                        summary: r.summary.clone(),
                        evidence: r.evidence.clone(),
                    });
                }
            }
            (EventKind::ReconsiderationRequested { claim, evidence }, _) => {
                if let Some(c) = self.claim_mut(claim) {
                    c.evidence.push(EvidenceRecord {
                        at,
                        party: event.party.clone(),
                        classification: crate::event::Classification::Public,
                        form: EvidenceForm::Clear(evidence.clone()),
                    });
                    c.reconsiderations.push(ReconsiderationRecord {
                        requested_at: at,
                        party: event.party.clone(),
                        digest: evidence.digest.clone(),
                        previous: c.status,
                        previous_basis: c.basis,
                        determined_at: c.determined_at,
                        deadline: c.deadline,
                        votes: std::mem::take(&mut c.votes),
                    });
                }
            }
            (EventKind::ClaimWithdrawn { claim }, _) => {
                if let Some(c) = self.claim_mut(claim) {
                    c.status = ClaimStatus::Withdrawn;
                    c.withdrawn_at = Some(at);
                }
            }
            (EventKind::EvidenceSubmitted(e), _) => {
                if let Some(c) = self.claim_mut(&e.claim) {
                    c.evidence.push(EvidenceRecord {
                        at,
                        party: event.party.clone(),
                        classification: e.classification,
                        form: e.form.clone(),
                    });
                }
            }
            (EventKind::MeetingConvened { claim }, _) => {
                if let Some(c) = self.claim_mut(claim) {
                    c.meetings.push((at, event.party.clone()));
                }
            }
            (EventKind::VoteCast(VoteCast::Claim { claim, verdict }), _) => {
                if let Some(c) = self.claim_mut(claim) {
                    c.votes.push(VoteRecord {
                        party: event.party.clone(),
                        vote: verdict.name().to_owned(),
                        at,
                    });
                }
            }
            (EventKind::VoteCast(VoteCast::Decision { decision, choice }), _) => {
                if !self.fund.board_vote(at, &event.party, decision, *choice)
                    && let Some(d) = self.decision_mut(decision)
                {
                    d.votes.push(VoteRecord {
                        party: event.party.clone(),
                        vote: choice.to_string(),
                        at,
                    });
                }
            }
            (EventKind::DecisionOpened(o), Accepted::DecisionOpened { deadline, members }) => {
                let charter_version = self
                    .history
                    .in_force(at)
                    .map(|c| c.version.clone())
                    .unwrap_or_default();
                let mut record = DecisionRecord::opened(
                    o.decision.clone(),
                    o.body.clone(),
                    o.motion.clone(),
                    at,
                    charter_version,
                    *deadline,
                    members.to_vec(),
                );
                record.opened_by = Some(event.party.clone());
                record.claim = o.claim.clone();
                record.supersedes = o.supersedes;
                record.finding = o.finding.clone();
                if let Some(c) = o.claim.as_ref().and_then(|c| self.claim_mut(c)) {
                    c.motions.push(o.decision.clone());
                }
                self.push_decision(record);
            }
            (
                EventKind::ObligationFulfilled {
                    obligation,
                    reference,
                },
                Accepted::Fulfilled { late },
            ) => self.fulfil(obligation, *late, at, reference.clone()),
            (
                EventKind::FundPledged(_)
                | EventKind::FundPaidIn(_)
                | EventKind::FundDisbursed(_)
                | EventKind::FundLoanDisbursed(_)
                | EventKind::FundLoanRepaid(_)
                | EventKind::FundGuaranteeIssued(_)
                | EventKind::FundGuaranteeCalled(_),
                Accepted::Fund(f),
            ) => {
                self.fund.accepted(event, f);
                if let Some((obligation, late)) = &f.fulfilled {
                    let reference = format!(
                        "fund.paid_in {}",
                        f.transfers.first().map_or("", |t| t.transfer.as_str())
                    );
                    self.fulfil(obligation, *late, at, reference);
                }
            }
            (EventKind::MeasureRecorded(m), Accepted::Measure { fulfilled }) => {
                for (obligation, late) in fulfilled {
                    let reference = format!("measure.recorded {}: {}", m.measure, m.reference);
                    self.fulfil(obligation, *late, at, reference);
                }
            }
            (
                EventKind::FundAppropriated(_)
                | EventKind::FundBoardMotion(_)
                | EventKind::FundConditionMet(_)
                | EventKind::FundFxRate(_),
                _,
            ) => self.fund.recorded(event),
            (EventKind::Capability(c), Accepted::Capability(accepted)) => {
                // The engine accepted it under the charter in force, so recording it again
                // here succeeds: the two trackers stay equal.
                if let Some(charter) = self.history.in_force(at).cloned() {
                    let again = self.capabilities.record(&charter, at, &event.party, c);
                    debug_assert!(again.is_ok(), "the state's tracker follows the engine's");
                }
                if let Some((obligation, late)) = &accepted.fulfilled {
                    // Fulfilled when the items arrived, as the tracker judged lateness.
                    let reference = format!("aid.received by {}", event.party);
                    self.fulfil(obligation, *late, c.occurred_at().unwrap_or(at), reference);
                }
            }
            (EventKind::MonitorReport(r), _) => {
                self.monitor_reports.insert(r.report.clone());
                self.series.record(&self.history, event.at, &event.party, r);
            }
            // The engine pairs each event kind with its own kind of acceptance.
            _ => {}
        }
    }

    /// Whether the record holds a monitor's report with this id.
    pub fn has_report(&self, report: &snapback_charter::ReportId) -> bool {
        self.monitor_reports.contains(report)
    }
}

impl Sink for State {
    fn input(&mut self, index: u64, event: &Event, judgement: &Judgement) {
        match judgement {
            Ok(accepted) => self.record_accepted(event, accepted),
            Err(rejection) => {
                if let EventKind::ClaimFiled(f) = &event.kind
                    && rejection.records_rejected_claim()
                {
                    let mut record = new_claim(event, f);
                    record.rejection = Some(rejection.to_string());
                    self.push_claim(record);
                }
                self.rejected.push(RejectedRecord {
                    index,
                    at: event.at,
                    party: event.party.clone(),
                    event_type: event.kind.type_name(),
                    code: rejection.code(),
                    reason: rejection.to_string(),
                });
            }
        }
    }

    /// Folds one derived event into the projection. Arms that look alike (a claim determined,
    /// a decision determined) update different record types: the likeness is of shape only.
    fn derived(&mut self, d: &Derived) {
        let at = d.at;
        match &d.kind {
            DerivedKind::ClaimDetermined {
                claim,
                status,
                basis,
                ..
            } => {
                if let Some(c) = self.claim_mut(claim) {
                    c.status = *status;
                    c.determined_at = Some(at);
                    c.basis = Some(*basis);
                }
            }
            DerivedKind::MonitorAlert { .. } => {
                crate::alerts::record_alert(&self.history, &mut self.alerts, d)
            }
            DerivedKind::ClaimExtended {
                claim,
                decision,
                deadline,
            } => {
                if let Some(c) = self.claim_mut(claim) {
                    c.deadline = Some(*deadline);
                    c.extended = Some((at, decision.clone()));
                }
            }
            DerivedKind::ClaimGraded {
                claim,
                decision,
                severity,
                tier,
                attribution,
            } => {
                if let Some(c) = self.claim_mut(claim) {
                    c.graded = Some(GradeRecord {
                        at,
                        decision: decision.clone(),
                        severity: *severity,
                        tier: tier.clone(),
                        attribution: attribution.clone(),
                    });
                }
            }
            DerivedKind::ClaimReopened {
                claim, deadline, ..
            } => {
                if let Some(c) = self.claim_mut(claim) {
                    c.status = ClaimStatus::Pending;
                    c.deadline = Some(*deadline);
                    c.determined_at = None;
                    c.basis = None;
                }
            }
            DerivedKind::ClaimUnwound {
                claim,
                activation,
                measures,
                obligations,
                decisions,
            } => {
                for o in obligations {
                    if let Some(r) = self.obligation_mut(o) {
                        r.status = ObligationStatus::Cancelled;
                    }
                }
                if let Some(c) = self.claim_mut(claim) {
                    c.unwound = Some(UnwoundRecord {
                        at,
                        activation: activation.clone(),
                        measures: measures.clone(),
                        obligations: obligations.clone(),
                        decisions: decisions.clone(),
                    });
                }
            }
            DerivedKind::ClaimSuperseded { claim, decision } => {
                if let Some(c) = self.claim_mut(claim) {
                    c.status = ClaimStatus::Superseded;
                    c.superseded = Some((at, decision.clone()));
                }
            }
            DerivedKind::Activation {
                activation,
                cause,
                claims,
                tier,
                packages,
                charter_version,
                alerts,
            } => {
                for claim in claims {
                    if let Some(c) = self.claim_mut(claim) {
                        if *cause == Cause::Claim {
                            c.tier = Some(tier.clone());
                        }
                        c.activations.push(activation.clone());
                    }
                }
                self.activations.push(ActivationRecord {
                    id: activation.clone(),
                    cause: *cause,
                    claims: claims.clone(),
                    tier: tier.clone(),
                    packages: packages.clone(),
                    at,
                    charter_version: charter_version.clone(),
                    alerts: alerts.clone(),
                });
            }
            DerivedKind::AlertClaimFiled {
                claim,
                alert,
                party,
                area,
                window_end,
                category,
                severity,
                summary,
                body,
                deadline,
                members,
                charter_version,
            } => {
                let mut record = claims::alert_claim(claim, party, at);
                record.category = category.clone();
                record.severity = i64::from(*severity);
                record.summary = summary.clone();
                record.location = Some(area.clone());
                record.occurred_at = Some(*window_end);
                record.status = ClaimStatus::Pending;
                record.charter_version = Some(charter_version.clone());
                record.body = Some(body.clone());
                record.deadline = Some(*deadline);
                record.members = members.to_vec();
                record.alert = Some(alert.clone());
                self.push_claim(record);
                if let Some(a) =
                    self.alerts.iter_mut().rev().find(|a| {
                        &a.alert == alert && &a.area == area && a.window_end == *window_end
                    })
                {
                    a.claim = Some(claim.clone());
                }
            }
            DerivedKind::DecisionOpened {
                decision,
                body,
                motion,
                activation,
                package,
                proceed_if,
                deadline,
                members,
                proposer,
            } => {
                let charter_version = self
                    .activation(activation)
                    .map(|a| a.charter_version.clone())
                    .unwrap_or_default();
                let mut record = DecisionRecord::opened(
                    decision.clone(),
                    body.clone(),
                    motion.clone(),
                    at,
                    charter_version,
                    *deadline,
                    members.to_vec(),
                );
                record.activation = Some(activation.clone());
                record.package = Some(package.clone());
                record.proceed_if = Some(*proceed_if);
                record.proposer = proposer.clone();
                self.push_decision(record);
            }
            DerivedKind::MeasureRenewalOpened {
                measure,
                decision,
                body,
                motion,
                deadline,
                members,
            }
            | DerivedKind::MeasureReviewMotionOpened {
                measure,
                decision,
                body,
                motion,
                deadline,
                members,
                ..
            } => {
                // Recorded as a package's decision is above; the version is the charter in force
                // now, since a renewal or a review motion has no activation to take it from.
                let charter_version = self
                    .history
                    .in_force(at)
                    .map(|c| c.version.clone())
                    .unwrap_or_default();
                let mut record = DecisionRecord::opened(
                    decision.clone(),
                    body.clone(),
                    motion.clone(),
                    at,
                    charter_version,
                    *deadline,
                    members.to_vec(),
                );
                record.measure = Some(measure.clone());
                if let DerivedKind::MeasureReviewMotionOpened { overrides_veto, .. } = &d.kind {
                    record.review = Some(if *overrides_veto {
                        ReviewMotion::Override
                    } else {
                        ReviewMotion::Disapproval
                    });
                }
                self.push_decision(record);
            }
            DerivedKind::ClaimStage {
                claim,
                stage,
                by,
                basis,
            } => {
                if let Some(c) = self.claim_mut(claim) {
                    c.stages.push(StageRecord {
                        stage: stage.clone(),
                        at,
                        by: by.clone(),
                        basis: *basis,
                    });
                }
            }
            DerivedKind::MeasureChanged { .. }
            | DerivedKind::MeasureConfirmed { .. }
            | DerivedKind::MeasureRenewed { .. }
            | DerivedKind::MeasureAmended { .. }
            | DerivedKind::MeasureReview { .. } => self.measures.derived(&self.history, d),
            DerivedKind::DecisionDetermined {
                decision,
                status,
                basis,
                ..
            } => {
                if let Some(r) = self.decision_mut(decision) {
                    r.status = *status;
                    r.decided_at = Some(at);
                    r.basis = Some(*basis);
                }
            }
            DerivedKind::ObligationCreated {
                obligation,
                activation,
                package,
                party,
                kind,
                description,
                amount,
                currency,
                item,
                quantity,
                due,
                measure,
            } => {
                self.capabilities.derived(d);
                self.obligation_pos
                    .insert(obligation.clone(), self.obligations.len());
                self.obligations.push(ObligationRecord {
                    id: obligation.clone(),
                    activation: activation.clone(),
                    package: package.clone(),
                    party: party.clone(),
                    kind: kind.to_string(),
                    description: description.to_string(),
                    amount: *amount,
                    currency: currency.clone(),
                    item: item.clone(),
                    quantity: *quantity,
                    created_at: at,
                    due: *due,
                    status: ObligationStatus::Pending,
                    fulfilled_at: None,
                    reference: None,
                    measure: measure.clone(),
                });
            }
            DerivedKind::ObligationOverdue { obligation } => {
                if let Some(o) = self.obligation_mut(obligation) {
                    o.status = ObligationStatus::Overdue;
                }
            }
            DerivedKind::FundModeChanged { .. }
            | DerivedKind::FundSurgeCalled { .. }
            | DerivedKind::FundTrancheReserved { .. }
            | DerivedKind::FundTrancheReleased { .. }
            | DerivedKind::FundTrancheVoided { .. }
            | DerivedKind::FundGuaranteeExpired { .. }
            | DerivedKind::FundProgrammeTranchePaid { .. }
            | DerivedKind::FundProgrammeTrancheHeld { .. }
            | DerivedKind::FundShareAwaitingAppropriation { .. }
            | DerivedKind::FundQuietPeriodEnded {}
            | DerivedKind::FundBoardMotionOpened { .. }
            | DerivedKind::FundBoardDecided { .. } => self.fund.derived(d),
            DerivedKind::StockpileDrawn { .. }
            | DerivedKind::ContractDrawn { .. }
            | DerivedKind::RestrictionLifted { .. } => self.capabilities.derived(d),
        }
    }
}
