//! Claims as the API and the dashboard show them: what a viewer may see of a claim's evidence,
//! a claim's timeline, and each party's compliance with its obligations.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::Serialize;
use snapback_engine::derived::ObligationStatus;
use snapback_engine::report::ClaimReport;

use crate::auth::Viewer;

/// What a viewer may see of a claim's evidence. The state holds no classified content (the log
/// never does): a classified item is its marking, `releasable_to` and commitment, which the
/// public log shows anyway, so every viewer sees the same record. Its content is released only
/// by `GET /v1/evidence/{commitment}` (see `crate::evidence`). Kept as the one place to filter.
pub fn redact(claim: &mut ClaimReport, viewer: &Viewer) {
    let _ = (claim, viewer);
}

/// A classified item's releasable_to list as a marking reads it ("UA, US"; the submitter only:
/// "none").
pub fn rel_to(e: &snapback_engine::report::EvidenceReport) -> String {
    match e.releasable_to.as_deref() {
        Some(r) if !r.is_empty() => r.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(", "),
        _ => "none".to_owned(),
    }
}

/// One line of a claim's timeline.
#[derive(Debug, Serialize)]
pub struct TimelineItem {
    pub at: String,
    pub kind: String,
    pub party: Option<String>,
    pub detail: String,
}

/// A claim's timeline, from its record (filtered like its evidence).
pub fn timeline(claim: &ClaimReport, meetings: &[(jiff::Timestamp, String)]) -> Vec<TimelineItem> {
    let mut items = vec![TimelineItem {
        at: claim.filed_at.to_string(),
        kind: "filed".into(),
        party: Some(claim.party.to_string()),
        detail: format!(
            "severity {}, {}: {}",
            claim.severity, claim.category, claim.summary
        ),
    }];
    for e in &claim.evidence {
        items.push(TimelineItem {
            at: e.at.to_string(),
            kind: "evidence".into(),
            party: Some(e.party.to_string()),
            detail: match (&e.digest, &e.commitment) {
                (Some(digest), _) => {
                    format!("{} ({}), {}", e.label(), e.classification.name(), digest)
                }
                (None, commitment) => format!(
                    "{} evidence, REL TO {}, commitment {}",
                    e.classification.name(),
                    rel_to(e),
                    commitment.as_deref().unwrap_or("(sealed when signed)")
                ),
            },
        });
    }
    for (at, party) in meetings {
        items.push(TimelineItem {
            at: at.to_string(),
            kind: "meeting".into(),
            party: Some(party.clone()),
            detail: "meeting convened".into(),
        });
    }
    for v in &claim.votes {
        items.push(TimelineItem {
            at: v.at.to_string(),
            kind: "vote".into(),
            party: Some(v.party.to_string()),
            detail: v.vote.clone(),
        });
    }
    if let Some(at) = claim.withdrawn_at {
        items.push(TimelineItem {
            at: at.to_string(),
            kind: "withdrawn".into(),
            party: Some(claim.party.to_string()),
            detail: "withdrawn".into(),
        });
    }
    if let Some(at) = claim.determined_at {
        items.push(TimelineItem {
            at: at.to_string(),
            kind: "determined".into(),
            party: None,
            detail: claim.status.name().to_owned(),
        });
    }
    // On instants, not their text: `…:00.5Z` sorts before `…:00Z` as a string.
    items.sort_by_key(|i| i.at.parse::<Timestamp>().ok());
    items
}

/// How a party has met its obligations.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Compliance {
    pub on_time: u64,
    pub late: u64,
    pub overdue: u64,
    pub pending: u64,
}

/// Compliance per party, from the obligations' statuses.
pub fn compliance(
    obligations: &[snapback_engine::state::ObligationRecord],
) -> BTreeMap<String, Compliance> {
    let mut out: BTreeMap<String, Compliance> = BTreeMap::new();
    for o in obligations {
        out.entry(o.party.to_string()).or_default().count(o.status);
    }
    out
}

impl Compliance {
    /// Counts one obligation of this status.
    pub fn count(&mut self, status: ObligationStatus) {
        match status {
            ObligationStatus::Fulfilled => self.on_time += 1,
            ObligationStatus::Late => self.late += 1,
            ObligationStatus::Overdue => self.overdue += 1,
            ObligationStatus::Pending => self.pending += 1,
        }
    }
}
