//! A claim as a viewer sees it: its report (evidence filtered for the viewer) and its timeline in
//! words, for `GET /v1/claims/{id}` and the dashboard's claim page alike.

use serde::Serialize;
use snapback_engine::State;
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

/// One line of a claim's timeline, as the API writes it.
#[derive(Debug, Serialize)]
pub struct TimelineItem {
    pub at: String,
    pub kind: String,
    pub party: Option<String>,
    pub detail: String,
}

/// A claim with its timeline, as `viewer` may see them.
#[derive(Debug, Serialize)]
pub struct ClaimDetail {
    pub claim: ClaimReport,
    pub timeline: Vec<TimelineItem>,
}

/// The claim `record` for `viewer`: its report, redacted, and the engine's timeline in words.
pub fn claim_detail(state: &State, record: &ClaimRecord, viewer: &Viewer) -> ClaimDetail {
    let mut claim = ClaimReport::new(state, record);
    redact(&mut claim, viewer);
    let timeline = timeline(&claim, &record.meetings);
    ClaimDetail { claim, timeline }
}

/// The engine's timeline of `claim` (ordered on instants), each entry worded.
fn timeline(
    claim: &ClaimReport,
    meetings: &[(jiff::Timestamp, snapback_charter::PartyId)],
) -> Vec<TimelineItem> {
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
                Happening::Vote(vote) => ("vote", vote.to_owned()),
                Happening::Withdrawn => ("withdrawn", "withdrawn".to_owned()),
                Happening::Determined(status) => ("determined", status.name().to_owned()),
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
