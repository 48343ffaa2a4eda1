//! How a claim was contested, graded and undone, as the replay report and the API carry it.
//! Every part is absent when it did not happen, so reports of claims without them are unchanged.

use jiff::Timestamp;
use serde::Serialize;
use snapback_charter::time::{instant_serde, option_instant_serde};
use snapback_charter::{ActivationId, DecisionId, MeasureId, ObligationId, PartyId, TierId};

use super::{VoteReport, votes};
use crate::derived::{Basis, ClaimStatus};
use crate::state::{ClaimRecord, State};

/// The accused side's reply.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Reply"))]
pub struct ReplyReport {
    #[serde(with = "instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Instant"))]
    pub at: Timestamp,
    pub party: PartyId,
    pub summary: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_kind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
}

/// The severity (and so the tier) and attribution the verifying body found.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Grading"))]
pub struct GradeReport {
    #[serde(with = "instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Instant"))]
    pub at: Timestamp,
    pub decision: DecisionId,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity: Option<u8>,
    /// The tier the found severity selects.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tier: Option<TierId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attribution: Option<PartyId>,
}

/// An earlier round of the proceeding, reopened by new evidence.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Reconsideration"))]
pub struct ReconsiderationReport {
    #[serde(with = "instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Instant"))]
    pub requested_at: Timestamp,
    pub party: PartyId,
    /// The new evidence's digest.
    pub digest: String,
    /// How the round it reopened had ended.
    pub previous: ClaimStatus,
    pub previous_basis: Option<Basis>,
    #[serde(with = "option_instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Instant>"))]
    pub determined_at: Option<Timestamp>,
    pub votes: Vec<VoteReport>,
}

/// What unwinding the claim's activation reversed.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Unwinding"))]
pub struct UnwoundReport {
    #[serde(with = "instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Instant"))]
    pub at: Timestamp,
    pub activation: ActivationId,
    /// Measures returned to their state before the snapback.
    pub measures: Vec<MeasureId>,
    /// Open obligations cancelled.
    pub obligations: Vec<ObligationId>,
    /// Package decisions still open that no longer create obligations.
    pub decisions: Vec<DecisionId>,
}

impl GradeReport {
    /// What the body found, in words, each part with the space before it: " severity 4 (tier
    /// serious) attributed to RU".
    pub fn found(&self, lang: snapback_charter::Lang) -> String {
        let w = crate::explain::words(lang);
        let mut out = String::new();
        if let Some(s) = self.severity {
            out.push(' ');
            out.push_str(&w.msg_args("found-severity", &[("severity", s.to_string().into())]));
        }
        // The tier it takes effect in: named by the grading, or selected by its severity.
        if let Some(t) = &self.tier {
            let id = if self.severity.is_some() {
                "found-tier-of"
            } else {
                "found-tier"
            };
            out.push(' ');
            out.push_str(&w.msg_args(id, &[("tier", t.as_str().into())]));
        }
        if let Some(a) = &self.attribution {
            out.push(' ');
            out.push_str(&w.msg_args("found-attribution", &[("party", a.as_str().into())]));
        }
        out
    }
}

pub(super) fn reply(c: &ClaimRecord) -> Option<ReplyReport> {
    c.reply.as_ref().map(|r| ReplyReport {
        at: r.at,
        party: r.party.clone(),
        summary: r.summary.clone(),
        source_kind: r.evidence.as_ref().map(|(k, _)| k.clone()),
        digest: r.evidence.as_ref().map(|(_, d)| d.clone()),
    })
}

pub(super) fn graded(state: &State, c: &ClaimRecord) -> Option<GradeReport> {
    let g = c.graded.as_ref()?;
    let charter = c
        .charter_version
        .as_deref()
        .and_then(|v| state.charter_version(v));
    Some(GradeReport {
        at: g.at,
        decision: g.decision.clone(),
        severity: g.severity,
        tier: g.tier.clone().or_else(|| {
            g.severity
                .zip(charter)
                .and_then(|(s, ch)| ch.tier_for(s).map(|t| ch.tier(t).id.clone()))
        }),
        attribution: g.attribution.clone(),
    })
}

pub(super) fn reconsiderations(c: &ClaimRecord) -> Vec<ReconsiderationReport> {
    c.reconsiderations
        .iter()
        .map(|r| ReconsiderationReport {
            requested_at: r.requested_at,
            party: r.party.clone(),
            digest: r.digest.clone(),
            previous: r.previous,
            previous_basis: r.previous_basis,
            determined_at: r.determined_at,
            votes: votes(&r.votes),
        })
        .collect()
}

pub(super) fn unwound(c: &ClaimRecord) -> Option<UnwoundReport> {
    c.unwound.as_ref().map(|u| UnwoundReport {
        at: u.at,
        activation: u.activation.clone(),
        measures: u.measures.clone(),
        obligations: u.obligations.clone(),
        decisions: u.decisions.clone(),
    })
}
