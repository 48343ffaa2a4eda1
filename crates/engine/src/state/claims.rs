//! The record of a claim: its filing, evidence, votes, stages and determination, and how it was
//! contested (the accused side's reply), graded, extended, reconsidered and unwound.

use jiff::Timestamp;
use snapback_charter::{
    ActivationId, BodyId, ClaimId, DecisionId, MeasureId, ObligationId, PartyId, TierId, TruceId,
};

use crate::derived::*;
use crate::event::{Classification, Event, EvidenceForm};

/// A vote as recorded: who, what (in the proceeding's own words), when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoteRecord {
    pub party: PartyId,
    pub vote: String,
    pub at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceRecord {
    pub at: Timestamp,
    pub party: PartyId,
    pub classification: Classification,
    /// Public evidence in clear; classified evidence as its seal only (never its content).
    pub form: EvidenceForm,
}

impl EvidenceRecord {
    /// The source kind counted towards the charter's evidence requirement (`classified` for
    /// any classified item).
    pub fn counted_kind(&self) -> &str {
        match &self.form {
            EvidenceForm::Clear(c) => &c.source_kind,
            EvidenceForm::Sealed(_) => crate::event::CLASSIFIED_SOURCE_KIND,
        }
    }
}

/// A claim as the record holds it. Its optional fields look alike, and like other records',
/// by shape only: a declaration, not logic to share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimRecord {
    pub id: ClaimId,
    pub party: PartyId,
    pub category: String,
    pub severity: i64,
    pub summary: String,
    pub location: Option<String>,
    pub occurred_at: Option<Timestamp>,
    pub filed_at: Timestamp,
    pub status: ClaimStatus,
    /// The charter version governing the claim (none for a filing rejected before one applied).
    pub charter_version: Option<String>,
    pub body: Option<BodyId>,
    pub deadline: Option<Timestamp>,
    pub members: Vec<PartyId>,
    pub votes: Vec<VoteRecord>,
    pub evidence: Vec<EvidenceRecord>,
    pub meetings: Vec<(Timestamp, PartyId)>,
    /// The stages of its proceeding reached so far, in the order reached.
    pub stages: Vec<StageRecord>,
    /// Further motions put in its proceeding (`decision.opened` with `claim`), in order.
    pub motions: Vec<DecisionId>,
    pub determined_at: Option<Timestamp>,
    pub basis: Option<Basis>,
    pub withdrawn_at: Option<Timestamp>,
    /// When, and by which adopted motion, it was superseded.
    pub superseded: Option<(Timestamp, DecisionId)>,
    pub rejection: Option<String>,
    /// The tier this claim activated on its own.
    pub tier: Option<TierId>,
    /// Activations this claim caused or counted toward.
    pub activations: Vec<ActivationId>,
    /// The truce it was filed under, the side it accuses and the incident it names.
    pub truce: Option<TruceId>,
    pub accused: Option<PartyId>,
    pub incident: Option<String>,
    /// When the accused side's right of reply ends (under a truce that limits it).
    pub reply_until: Option<Timestamp>,
    pub reply: Option<ReplyRecord>,
    /// When, and by which adopted `inconclusive` motion, its deadline was extended.
    pub extended: Option<(Timestamp, DecisionId)>,
    /// The body's grading, if a grading motion was adopted.
    pub graded: Option<GradeRecord>,
    /// Earlier rounds, each closed by a request to reconsider on new evidence, oldest first.
    pub reconsiderations: Vec<ReconsiderationRecord>,
    /// What unwinding its activation reversed, if a reconsideration found it unfounded.
    pub unwound: Option<UnwoundRecord>,
    /// The alert rule that filed it on its monitor's behalf (`action = "claim"`).
    pub alert: Option<snapback_charter::AlertId>,
}

/// The accused side's reply to a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyRecord {
    pub at: Timestamp,
    pub party: PartyId,
    pub summary: String,
    /// The evidence it cites in clear: source kind and digest.
    pub evidence: Option<(String, String)>,
}

/// The severity and attribution the body found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GradeRecord {
    pub at: Timestamp,
    pub decision: DecisionId,
    pub severity: Option<u8>,
    /// The tier found, whatever the severity selects.
    pub tier: Option<TierId>,
    pub attribution: Option<PartyId>,
}

/// A round of a claim's proceeding that new evidence reopened: who asked, with what, and how
/// the round had ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReconsiderationRecord {
    pub requested_at: Timestamp,
    pub party: PartyId,
    /// The new evidence's digest.
    pub digest: String,
    pub previous: ClaimStatus,
    pub previous_basis: Option<Basis>,
    pub determined_at: Option<Timestamp>,
    pub deadline: Option<Timestamp>,
    /// The votes of the round it reopened.
    pub votes: Vec<VoteRecord>,
}

/// What unwinding an activation reversed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnwoundRecord {
    pub at: Timestamp,
    pub activation: ActivationId,
    pub measures: Vec<MeasureId>,
    pub obligations: Vec<ObligationId>,
    pub decisions: Vec<DecisionId>,
}

impl ClaimRecord {
    /// The severity it takes effect with: the body's grading if it set one, else the claimant's.
    pub fn effective_severity(&self) -> i64 {
        self.graded
            .as_ref()
            .and_then(|g| g.severity)
            .map_or(self.severity, i64::from)
    }

    /// Votes in the claim's own terms.
    pub fn tally(&self) -> ClaimTally {
        let ([founded, unfounded, abstain], not_voted) = count_votes(
            &self.votes,
            &self.members,
            ["founded", "unfounded", "abstain"],
        );
        ClaimTally {
            founded,
            unfounded,
            abstain,
            not_voted,
        }
    }
}

/// How many of `votes` chose each of `choices`, and how many `members` have not voted.
pub(super) fn count_votes<const N: usize>(
    votes: &[VoteRecord],
    members: &[PartyId],
    choices: [&str; N],
) -> ([u32; N], u32) {
    let count = |choice: &str| votes.iter().filter(|r| r.vote == choice).count() as u32;
    (
        choices.map(count),
        members.len().saturating_sub(votes.len()) as u32,
    )
}

/// A stage of a claim's proceeding, reached (or missed) at `at`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageRecord {
    pub stage: String,
    pub at: Timestamp,
    pub by: Option<PartyId>,
    pub basis: StageBasis,
}

pub(super) fn new_claim(event: &Event, f: &crate::event::ClaimFiled) -> ClaimRecord {
    ClaimRecord {
        id: f.claim.clone(),
        party: event.party.clone(),
        category: f.category.clone(),
        severity: f.severity,
        summary: f.summary.clone(),
        location: f.location.clone(),
        occurred_at: f.occurred_at,
        filed_at: event.at,
        status: ClaimStatus::Rejected,
        charter_version: None,
        body: None,
        deadline: None,
        members: Vec::new(),
        votes: Vec::new(),
        evidence: Vec::new(),
        meetings: Vec::new(),
        stages: Vec::new(),
        motions: Vec::new(),
        determined_at: None,
        basis: None,
        withdrawn_at: None,
        superseded: None,
        rejection: None,
        tier: None,
        activations: Vec::new(),
        truce: f.allegation.truce.clone(),
        accused: f.allegation.accused.clone(),
        incident: f.allegation.incident.clone(),
        reply_until: None,
        reply: None,
        extended: None,
        graded: None,
        reconsiderations: Vec::new(),
        unwound: None,
        alert: None,
    }
}

/// The record of a claim an alert rule filed for `party` (its fields set by the caller).
pub(super) fn alert_claim(claim: &ClaimId, party: &PartyId, at: Timestamp) -> ClaimRecord {
    let filed = crate::event::ClaimFiled {
        claim: claim.clone(),
        category: String::new(),
        severity: 0,
        summary: String::new(),
        location: None,
        occurred_at: None,
        allegation: crate::event::Allegation::default(),
    };
    let event = Event {
        at,
        party: party.clone(),
        kind: crate::event::EventKind::ClaimFiled(filed.clone()),
    };
    new_claim(&event, &filed)
}
