//! Claims as the API and the dashboard show them: what a viewer may see of a claim's evidence,
//! a claim's timeline, and each party's compliance with its obligations.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::Serialize;
use snapback_charter::{Lang, PartyId};
use snapback_engine::State;
use snapback_engine::derived::ObligationStatus;
use snapback_engine::report::ClaimReport;
use snapback_engine::state::ClaimRecord;
use snapback_engine::timeline::{Happening, claim_timeline, releasable_to};

use snapback_i18n::{Catalog, Messages};

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

/// The timeline's words in both languages.
pub static TIMELINE: Catalog = snapback_i18n::catalog!("crates/server", "timeline");

/// The claim `record` for `viewer`: its report, redacted, and the engine's timeline worded in
/// `lang`, for `GET /v1/claims/{id}` (English) and the dashboard's claim page alike. The
/// report's explanation stays the English one the API answers with.
pub fn claim_detail(
    state: &State,
    record: &ClaimRecord,
    viewer: &Viewer,
    lang: Lang,
) -> ClaimDetail {
    let mut claim = ClaimReport::new(state, record);
    redact(&mut claim, viewer);
    let timeline = timeline(&claim, &record.meetings, TIMELINE.lang(lang));
    ClaimDetail { claim, timeline }
}

/// The engine's timeline of `claim` (ordered on instants, never on their text), each entry
/// worded in `w`'s language.
fn timeline(
    claim: &ClaimReport,
    meetings: &[(Timestamp, PartyId)],
    w: Messages,
) -> Vec<TimelineItem> {
    claim_timeline(claim, meetings)
        .into_iter()
        .map(|entry| {
            let (kind, detail) = match entry.happening {
                Happening::Filed => (
                    "filed",
                    w.msg_args(
                        "timeline-filed",
                        &[
                            ("severity", claim.severity.to_string().into()),
                            ("category", claim.category.as_str().into()),
                            ("summary", claim.summary.as_str().into()),
                        ],
                    ),
                ),
                Happening::Evidence(e) => {
                    let classification = w.msg_args(
                        "timeline-classification",
                        &[("classification", e.classification.name().into())],
                    );
                    let detail = match (&e.digest, &e.commitment) {
                        (Some(digest), _) => w.msg_args(
                            "timeline-evidence",
                            &[
                                (
                                    "label",
                                    e.source_kind
                                        .clone()
                                        .unwrap_or_else(|| classification.clone())
                                        .into(),
                                ),
                                ("classification", classification.into()),
                                ("digest", digest.as_str().into()),
                            ],
                        ),
                        (None, Some(commitment)) => w.msg_args(
                            "timeline-evidence-sealed",
                            &[
                                ("classification", classification.into()),
                                ("releasable", releasable_to(e, w.lang()).into()),
                                ("commitment", commitment.as_str().into()),
                            ],
                        ),
                        (None, None) => w.msg_args(
                            "timeline-evidence-unsealed",
                            &[
                                ("classification", classification.into()),
                                ("releasable", releasable_to(e, w.lang()).into()),
                            ],
                        ),
                    };
                    ("evidence", detail)
                }
                Happening::Meeting => ("meeting", w.msg("timeline-meeting")),
                Happening::Stage(s) => (
                    "stage",
                    w.msg_args(
                        "timeline-stage",
                        &[
                            ("stage", s.stage.as_str().into()),
                            ("basis", s.basis.name().into()),
                        ],
                    ),
                ),
                Happening::Vote(vote) => (
                    "vote",
                    w.msg_args("timeline-vote", &[("vote", vote.into())]),
                ),
                Happening::Withdrawn => ("withdrawn", w.msg("timeline-withdrawn")),
                Happening::Determined(status) => (
                    "determined",
                    w.msg_args("timeline-determined", &[("status", status.name().into())]),
                ),
                Happening::Superseded(decision) => (
                    "superseded",
                    w.msg_args(
                        "timeline-superseded",
                        &[("decision", decision.as_str().into())],
                    ),
                ),
                Happening::Replied(r) => ("reply", r.summary.clone()),
                Happening::Extended(decision) => (
                    "extended",
                    w.msg_args(
                        "timeline-extended",
                        &[
                            (
                                "deadline",
                                claim
                                    .deadline
                                    .map_or("?".to_owned(), |d| d.to_string())
                                    .into(),
                            ),
                            ("decision", decision.as_str().into()),
                        ],
                    ),
                ),
                Happening::Graded(g) => (
                    "graded",
                    w.msg_args(
                        "timeline-graded",
                        &[
                            ("decision", g.decision.as_str().into()),
                            ("found", g.found(w.lang()).into()),
                        ],
                    ),
                ),
                Happening::Reopened(r) => (
                    "reopened",
                    w.msg_args("timeline-reopened", &[("digest", r.digest.as_str().into())]),
                ),
                Happening::Unwound(u) => (
                    "unwound",
                    w.msg_args(
                        "timeline-unwound",
                        &[("activation", u.activation.as_str().into())],
                    ),
                ),
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
