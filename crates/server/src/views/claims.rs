//! Claims as the API and the dashboard show them: what a viewer may see of a claim's evidence,
//! a claim's timeline, and each party's compliance with its obligations.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::Serialize;
use snapback_charter::PartyId;
use snapback_engine::State;
use snapback_engine::derived::ObligationStatus;
use snapback_engine::report::ClaimReport;
use snapback_engine::state::ClaimRecord;
use snapback_engine::timeline::{Happening, claim_timeline, releasable_to};

use crate::auth::Viewer;

/// What a viewer may see of a claim's evidence. The state holds no classified content (the log
/// never does): a classified item is its marking, `releasable_to` and commitment, which the
/// public log shows anyway, so every viewer sees the same record. Its content is released only
/// by `GET /v1/evidence/{commitment}` (see `crate::evidence`). Kept as the one place to filter.
pub fn redact(claim: &mut ClaimReport, viewer: &Viewer) {
    let _ = (claim, viewer);
}

/// One line of a claim's timeline.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct TimelineItem {
    #[schemars(with = "snapback_engine::schema::Instant")]
    pub at: String,
    #[schemars(extend("enum" = ["filed", "evidence", "meeting", "stage", "vote", "withdrawn", "determined"]))]
    pub kind: String,
    pub party: Option<String>,
    pub detail: String,
}

/// A claim with its timeline.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct ClaimDetail {
    pub claim: ClaimReport,
    pub timeline: Vec<TimelineItem>,
}

/// The claim `record` for `viewer`: its report, redacted, and the engine's timeline in words,
/// for `GET /v1/claims/{id}` and the dashboard's claim page alike.
pub fn claim_detail(state: &State, record: &ClaimRecord, viewer: &Viewer) -> ClaimDetail {
    let mut claim = ClaimReport::new(state, record);
    redact(&mut claim, viewer);
    let timeline = timeline(&claim, &record.meetings);
    ClaimDetail { claim, timeline }
}

/// The engine's timeline of `claim` (ordered on instants, never on their text), each entry
/// worded.
fn timeline(claim: &ClaimReport, meetings: &[(Timestamp, PartyId)]) -> Vec<TimelineItem> {
    claim_timeline(claim, meetings)
        .into_iter()
        .map(|entry| {
            let (kind, detail) = match entry.happening {
                Happening::Filed => (
                    "filed",
                    format!(
                        "severity {}, {}: {}",
                        claim.severity, claim.category, claim.summary
                    ),
                ),
                Happening::Evidence(e) => (
                    "evidence",
                    match (&e.digest, &e.commitment) {
                        (Some(digest), _) => {
                            format!("{} ({}), {}", e.label(), e.classification.name(), digest)
                        }
                        (None, commitment) => format!(
                            "{} evidence, REL TO {}, commitment {}",
                            e.classification.name(),
                            releasable_to(e),
                            commitment.as_deref().unwrap_or("(sealed when signed)")
                        ),
                    },
                ),
                Happening::Meeting => ("meeting", "meeting convened".to_owned()),
                Happening::Stage(s) => {
                    ("stage", format!("stage `{}`: {}", s.stage, s.basis.name()))
                }
                Happening::Vote(vote) => ("vote", vote.to_owned()),
                Happening::Withdrawn => ("withdrawn", "withdrawn".to_owned()),
                Happening::Determined(status) => ("determined", status.name().to_owned()),
                Happening::Superseded(decision) => {
                    ("superseded", format!("superseded by {decision}"))
                }
                Happening::Replied(r) => ("reply", r.summary.clone()),
                Happening::Extended(decision) => (
                    "extended",
                    format!(
                        "deadline extended to {} by {decision}",
                        claim.deadline.map_or("?".to_owned(), |d| d.to_string())
                    ),
                ),
                Happening::Graded(g) => {
                    ("graded", format!("graded by {}:{}", g.decision, g.found()))
                }
                Happening::Reopened(r) => (
                    "reopened",
                    format!("reconsideration on new evidence {}", r.digest),
                ),
                Happening::Unwound(u) => {
                    ("unwound", format!("activation {} unwound", u.activation))
                }
            };
            TimelineItem {
                at: entry.at.to_string(),
                kind: kind.to_owned(),
                party: entry.party.map(|p| p.to_string()),
                detail,
            }
        })
        .collect()
}

/// How a party has met its obligations.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq, schemars::JsonSchema)]
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
            // Cancelled by unwinding a false activation: neither met nor broken.
            ObligationStatus::Cancelled => {}
        }
    }
}
