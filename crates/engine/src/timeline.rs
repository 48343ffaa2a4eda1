//! A claim's timeline: the one typed view of what happened to a claim, in time order, that the
//! API, the dashboard and `snapback replay` each word in their own way.
//!
//! It is built from the claim's report (so a viewer sees the evidence the report shows them)
//! and the meetings the record holds, and ordered on instants, never on their text: as text,
//! `…:00.5Z` sorts before `…:00Z`.

use jiff::Timestamp;
use snapback_charter::{DecisionId, PartyId};

use crate::derived::ClaimStatus;
use crate::report::{ClaimReport, EvidenceReport, StageReport};

/// One thing that happened to a claim.
#[derive(Debug, Clone, Copy)]
pub enum Happening<'a> {
    /// The claim was filed (by the entry's party).
    Filed,
    /// An evidence item was submitted.
    Evidence(&'a EvidenceReport),
    /// A meeting of the deciding body was convened.
    Meeting,
    /// A stage of the proceeding was reached (by the entry's party) or missed.
    Stage(&'a StageReport),
    /// A vote was cast; the vote as recorded (`founded`, `unfounded`, `abstain`).
    Vote(&'a str),
    /// The claimant withdrew the claim.
    Withdrawn,
    /// The claim was determined, with its outcome.
    Determined(ClaimStatus),
    /// An adopted further motion in its proceeding superseded the claim.
    Superseded(&'a DecisionId),
}

/// One line of a claim's timeline: when, by whom (none for the engine's own determination), and
/// what.
#[derive(Debug, Clone, Copy)]
pub struct TimelineEntry<'a> {
    pub at: Timestamp,
    pub party: Option<&'a PartyId>,
    pub happening: Happening<'a>,
}

/// The claim's timeline in time order. Entries at the same instant keep the order of a claim's
/// life: filing, evidence, meetings, stages, votes, withdrawal, determination, supersession.
pub fn claim_timeline<'a>(
    claim: &'a ClaimReport,
    meetings: &'a [(Timestamp, PartyId)],
) -> Vec<TimelineEntry<'a>> {
    let entry = |at, party, happening| TimelineEntry {
        at,
        party,
        happening,
    };
    let mut entries = vec![entry(claim.filed_at, Some(&claim.party), Happening::Filed)];
    entries.extend(
        claim
            .evidence
            .iter()
            .map(|e| entry(e.at, Some(&e.party), Happening::Evidence(e))),
    );
    entries.extend(
        meetings
            .iter()
            .map(|(at, party)| entry(*at, Some(party), Happening::Meeting)),
    );
    entries.extend(
        claim
            .stages
            .iter()
            .map(|s| entry(s.at, s.by.as_ref(), Happening::Stage(s))),
    );
    entries.extend(
        claim
            .votes
            .iter()
            .map(|v| entry(v.at, Some(&v.party), Happening::Vote(&v.vote))),
    );
    if let Some(at) = claim.withdrawn_at {
        entries.push(entry(at, Some(&claim.party), Happening::Withdrawn));
    }
    if let Some(at) = claim.determined_at {
        // Only an activation still waiting for its legal deadline can be superseded after its
        // determination, so a superseded claim that was determined was determined activated.
        let status = match claim.status {
            ClaimStatus::Superseded => ClaimStatus::Activated,
            status => status,
        };
        entries.push(entry(at, None, Happening::Determined(status)));
    }
    if let (Some(at), Some(decision)) = (claim.superseded_at, &claim.superseded_by) {
        entries.push(entry(at, None, Happening::Superseded(decision)));
    }
    // A stable sort: same-instant entries keep the order above.
    entries.sort_by_key(|e| e.at);
    debug_assert!(entries.windows(2).all(|w| w[0].at <= w[1].at));
    entries
}

/// Who may read a classified item besides its submitter, as a list (`none` when nobody).
pub fn releasable_to(e: &EvidenceReport) -> String {
    match e.releasable_to.as_deref() {
        Some(r) if !r.is_empty() => r.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(", "),
        _ => "none".to_owned(),
    }
}
