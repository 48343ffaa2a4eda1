//! The replay report (contract): the JSON `snapback replay --json` prints.
//!
//! Field names and meanings here are relied on by outside tools; add fields, never rename or
//! remove them. Times are RFC 3339 UTC with a `Z` suffix.

use jiff::Timestamp;
use rust_decimal::Decimal;
use serde::Serialize;
use snapback_charter::time::{instant_serde, option_instant_serde};
use snapback_charter::{
    ActivationId, BodyId, ClaimId, DecisionId, ObligationId, PackageId, PartyId, TierId,
};

use crate::capability::report::{CapabilitiesReport, capabilities_report};
use crate::derived::*;
use crate::event::{Classification, EvidenceForm};
use crate::explain::{explain_activation, explain_claim, explain_decision};
use crate::fund::report::{FundReport, fund_report};
use crate::measures::MeasureRecord;
use crate::state::{ClaimRecord, DecisionRecord, ObligationRecord, State, VoteRecord};
use snapback_charter::Lang;

mod contest;

pub use self::contest::{GradeReport, ReconsiderationReport, ReplyReport, UnwoundReport};

/// The replay report (contract: fields are added, never renamed or removed).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Report {
    #[serde(with = "option_instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Instant>"))]
    pub as_of: Option<Timestamp>,
    pub charter: CharterInfo,
    pub claims: Vec<ClaimReport>,
    pub decisions: Vec<DecisionReport>,
    pub activations: Vec<ActivationReport>,
    pub obligations: Vec<ObligationReport>,
    pub rejected: Vec<RejectedReport>,
    /// The Stabilization Fund, when the charter sets one up.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fund: Option<FundReport>,
    /// The capability tracker, when the charter or the record has anything for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capabilities: Option<CapabilitiesReport>,
    /// The register of measures as of `as_of`, in charter order (absent when the charter has
    /// none): each measure's state, since when, and its history of states with their causes
    /// and articles.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<MeasureRecord>,
    /// Monitoring alerts in the order derived (absent when there are none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alerts: Vec<crate::alerts::AlertRecord>,
}

/// The charter and its versions.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CharterInfo {
    pub id: String,
    pub versions: Vec<String>,
}

/// A vote.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Vote"))]
pub struct VoteReport {
    pub party: PartyId,
    pub vote: String,
    #[serde(with = "instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Instant"))]
    pub at: Timestamp,
}

/// Evidence metadata (the material itself is not in the log; `digest` identifies it). Public items carry `source_kind` and `digest`; classified items only `releasable_to` and `commitment` (their content is never in the log or the state: see `GET /v1/evidence/{commitment}`).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Evidence"))]
pub struct EvidenceReport {
    #[serde(with = "instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Instant"))]
    pub at: Timestamp,
    pub party: PartyId,
    /// Public evidence only: its source kind and digest.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_kind: Option<String>,
    pub classification: Classification,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
    /// Classified evidence only: who may read it besides the submitter, and the commitment to
    /// its sealed content (absent in a local replay of a scenario that writes it in clear:
    /// it is sealed only when signed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub releasable_to: Option<Vec<PartyId>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commitment: Option<String>,
}

impl EvidenceReport {
    /// How an item is listed: its source kind for public evidence, its marking otherwise.
    pub fn label(&self) -> &str {
        self.source_kind
            .as_deref()
            .unwrap_or(self.classification.name())
    }
}

/// A claim of a violation and how it was determined.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Claim"))]
pub struct ClaimReport {
    pub id: ClaimId,
    pub status: ClaimStatus,
    #[serde(with = "instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Instant"))]
    pub filed_at: Timestamp,
    #[serde(with = "option_instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Instant>"))]
    pub deadline: Option<Timestamp>,
    #[serde(with = "option_instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Instant>"))]
    pub determined_at: Option<Timestamp>,
    pub severity: i64,
    pub tier: Option<TierId>,
    pub tally: ClaimTally,
    pub explanation: String,
    pub party: PartyId,
    pub category: String,
    pub summary: String,
    pub body: Option<BodyId>,
    pub basis: Option<Basis>,
    pub charter_version: Option<String>,
    #[serde(with = "option_instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Instant>"))]
    pub withdrawn_at: Option<Timestamp>,
    /// When an adopted further motion superseded it (absent unless superseded).
    #[serde(skip_serializing_if = "Option::is_none", with = "option_instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Instant>"))]
    pub superseded_at: Option<Timestamp>,
    /// The decision that superseded it (absent unless superseded).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub superseded_by: Option<DecisionId>,
    pub activations: Vec<ActivationId>,
    pub votes: Vec<VoteReport>,
    pub evidence: Vec<EvidenceReport>,
    /// The stages of its proceeding reached so far (absent when its charter has none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<StageReport>,
    /// Further motions put in its proceeding (decision ids; absent when there are none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub motions: Vec<DecisionId>,
    /// The truce it was filed under (absent when none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub truce: Option<snapback_charter::TruceId>,
    /// The side it accuses (absent when it names none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accused: Option<PartyId>,
    /// The incident it alleges (absent when it names none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub incident: Option<String>,
    /// When the accused side's right of reply ends (absent when unlimited or none).
    #[serde(skip_serializing_if = "Option::is_none", with = "option_instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Instant>"))]
    pub reply_until: Option<Timestamp>,
    /// The accused side's reply (absent until it replies).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply: Option<ReplyReport>,
    /// When an adopted `inconclusive` motion extended its deadline (absent unless extended).
    #[serde(skip_serializing_if = "Option::is_none", with = "option_instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Instant>"))]
    pub extended_at: Option<Timestamp>,
    /// The motion that extended it (absent unless extended).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extended_by: Option<DecisionId>,
    /// The body's grading (absent unless a grading motion was adopted).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub graded: Option<GradeReport>,
    /// Earlier rounds reopened by new evidence, oldest first (absent when none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reconsiderations: Vec<ReconsiderationReport>,
    /// What unwinding its activation reversed (absent unless unwound).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unwound: Option<UnwoundReport>,
    /// The alert rule that filed it on its monitor's behalf (absent for a party's filing).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alert: Option<snapback_charter::AlertId>,
}

/// A stage of a claim's proceeding: reached by `by` (`done`), by the presiding party at its
/// deadline (`fallback`), or `missed`.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "ClaimStage"))]
pub struct StageReport {
    pub stage: String,
    #[serde(with = "instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Instant"))]
    pub at: Timestamp,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<PartyId>,
    pub basis: crate::derived::StageBasis,
}

/// A decision of a body.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Decision"))]
pub struct DecisionReport {
    pub id: DecisionId,
    pub body: BodyId,
    pub status: DecisionStatus,
    #[serde(with = "option_instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Instant>"))]
    pub decided_at: Option<Timestamp>,
    pub tally: DecisionTally,
    pub explanation: String,
    pub motion: String,
    #[serde(with = "instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Instant"))]
    pub opened_at: Timestamp,
    #[serde(with = "instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Instant"))]
    pub deadline: Timestamp,
    pub opened_by: Option<PartyId>,
    pub activation: Option<ActivationId>,
    pub package: Option<PackageId>,
    pub basis: Option<Basis>,
    pub votes: Vec<VoteReport>,
    /// The measure a renewal decision renews, or whose relief a review motion reviews (absent
    /// for other decisions).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measure: Option<snapback_charter::MeasureId>,
    /// The claim in whose proceeding this is a further motion (absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claim: Option<ClaimId>,
    /// Whether, adopted, it supersedes `claim` (absent unless it does).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub supersedes: bool,
    /// Who proposed a package's motion, when the charter names a proposer (absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proposer: Option<PartyId>,
}

/// An activation of the guarantee.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Activation"))]
pub struct ActivationReport {
    pub id: ActivationId,
    pub cause: Cause,
    pub claims: Vec<ClaimId>,
    pub tier: TierId,
    pub packages: Vec<PackageId>,
    #[serde(with = "instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Instant"))]
    pub at: Timestamp,
    pub explanation: String,
    pub charter_version: String,
    /// Monitoring alerts that counted towards it (an escalation; absent when none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alerts: Vec<AlertCount>,
}

/// What a party owes after an activation.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Obligation"))]
pub struct ObligationReport {
    pub id: ObligationId,
    pub party: PartyId,
    pub package: PackageId,
    pub kind: String,
    #[serde(with = "instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Instant"))]
    pub due: Timestamp,
    pub status: ObligationStatus,
    pub activation: ActivationId,
    pub description: String,
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::DecimalString>")
    )]
    pub amount: Option<Decimal>,
    pub currency: Option<String>,
    /// What a military obligation delivers, counted (absent for other obligations).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<snapback_charter::ItemId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(min = 1)))]
    pub quantity: Option<u64>,
    #[serde(with = "instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Instant"))]
    pub created_at: Timestamp,
    #[serde(with = "option_instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Instant>"))]
    pub fulfilled_at: Option<Timestamp>,
    pub reference: Option<String>,
    /// The measure a `sanctions` obligation re-imposes (met when it is recorded in force).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measure: Option<snapback_charter::MeasureId>,
}

impl ObligationReport {
    pub fn new(o: &ObligationRecord) -> Self {
        ObligationReport {
            id: o.id.clone(),
            party: o.party.clone(),
            package: o.package.clone(),
            kind: o.kind.clone(),
            due: o.due,
            status: o.status,
            activation: o.activation.clone(),
            description: o.description.clone(),
            amount: o.amount,
            currency: o.currency.clone(),
            item: o.item.clone(),
            quantity: o.quantity,
            created_at: o.created_at,
            fulfilled_at: o.fulfilled_at,
            reference: o.reference.clone(),
            measure: o.measure.clone(),
        }
    }
}

/// An event the engine refused (in a scenario replay; a server refuses such submissions instead of logging them).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "RejectedEvent"))]
pub struct RejectedReport {
    pub index: u64,
    #[serde(rename = "type")]
    pub event_type: &'static str,
    pub reason: String,
    pub code: &'static str,
    #[serde(with = "instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Instant"))]
    pub at: Timestamp,
    pub party: PartyId,
}

fn votes(v: &[VoteRecord]) -> Vec<VoteReport> {
    v.iter()
        .map(|r| VoteReport {
            party: r.party.clone(),
            vote: r.vote.clone(),
            at: r.at,
        })
        .collect()
}

impl ClaimReport {
    pub fn new(state: &State, c: &ClaimRecord) -> Self {
        ClaimReport {
            id: c.id.clone(),
            status: c.status,
            filed_at: c.filed_at,
            deadline: c.deadline,
            determined_at: c.determined_at,
            severity: c.severity,
            tier: c.tier.clone(),
            tally: c.tally(),
            explanation: explain_claim(state, c, Lang::En),
            party: c.party.clone(),
            category: c.category.clone(),
            summary: c.summary.clone(),
            body: c.body.clone(),
            basis: c.basis,
            charter_version: c.charter_version.clone(),
            withdrawn_at: c.withdrawn_at,
            superseded_at: c.superseded.as_ref().map(|(at, _)| *at),
            superseded_by: c.superseded.as_ref().map(|(_, d)| d.clone()),
            activations: c.activations.clone(),
            votes: votes(&c.votes),
            evidence: c
                .evidence
                .iter()
                .map(|e| {
                    let (clear, seal) = match &e.form {
                        EvidenceForm::Clear(c) => (Some(c), None),
                        EvidenceForm::Sealed(s) => (None, Some(s)),
                    };
                    EvidenceReport {
                        at: e.at,
                        party: e.party.clone(),
                        classification: e.classification,
                        source_kind: clear.map(|c| c.source_kind.clone()),
                        digest: clear.map(|c| c.digest.clone()),
                        releasable_to: seal.map(|s| s.releasable_to.clone()),
                        commitment: seal.and_then(|s| s.commitment.clone()),
                    }
                })
                .collect(),
            stages: c
                .stages
                .iter()
                .map(|s| StageReport {
                    stage: s.stage.clone(),
                    at: s.at,
                    by: s.by.clone(),
                    basis: s.basis,
                })
                .collect(),
            motions: c.motions.clone(),
            truce: c.truce.clone(),
            accused: c.accused.clone(),
            incident: c.incident.clone(),
            reply_until: c.reply_until,
            reply: contest::reply(c),
            extended_at: c.extended.as_ref().map(|(at, _)| *at),
            extended_by: c.extended.as_ref().map(|(_, d)| d.clone()),
            graded: contest::graded(state, c),
            reconsiderations: contest::reconsiderations(c),
            unwound: contest::unwound(c),
            alert: c.alert.clone(),
        }
    }
}

impl DecisionReport {
    pub fn new(state: &State, d: &DecisionRecord) -> Self {
        DecisionReport {
            id: d.id.clone(),
            body: d.body.clone(),
            status: d.status,
            decided_at: d.decided_at,
            tally: d.tally(),
            explanation: explain_decision(state, d, Lang::En),
            motion: d.motion.clone(),
            opened_at: d.opened_at,
            deadline: d.deadline,
            opened_by: d.opened_by.clone(),
            activation: d.activation.clone(),
            package: d.package.clone(),
            basis: d.basis,
            votes: votes(&d.votes),
            measure: d.measure.clone(),
            claim: d.claim.clone(),
            supersedes: d.supersedes,
            proposer: d.proposer.clone(),
        }
    }
}

impl Report {
    pub fn new(state: &State) -> Self {
        let versions = state.history().versions();
        Report {
            as_of: state.as_of,
            charter: CharterInfo {
                id: versions.first().map(|c| c.id.clone()).unwrap_or_default(),
                versions: versions.iter().map(|c| c.version.clone()).collect(),
            },
            claims: state
                .claims
                .iter()
                .map(|c| ClaimReport::new(state, c))
                .collect(),
            decisions: state
                .decisions
                .iter()
                .map(|d| DecisionReport::new(state, d))
                .collect(),
            activations: state
                .activations
                .iter()
                .map(|a| ActivationReport {
                    id: a.id.clone(),
                    cause: a.cause,
                    claims: a.claims.clone(),
                    tier: a.tier.clone(),
                    packages: a.packages.clone(),
                    at: a.at,
                    explanation: explain_activation(state, a, Lang::En),
                    charter_version: a.charter_version.clone(),
                    alerts: a.alerts.clone(),
                })
                .collect(),
            obligations: state
                .obligations
                .iter()
                .map(ObligationReport::new)
                .collect(),
            rejected: state
                .rejected
                .iter()
                .map(|r| RejectedReport {
                    index: r.index,
                    event_type: r.event_type,
                    reason: r.reason.clone(),
                    code: r.code,
                    at: r.at,
                    party: r.party.clone(),
                })
                .collect(),
            fund: fund_report(state),
            capabilities: capabilities_report(state),
            measures: state.measures.as_of(state.as_of),
            alerts: state.alerts.clone(),
        }
    }
}
