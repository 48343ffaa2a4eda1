//! A claim's timeline: the one typed view of what happened to a claim, in time order, that the
//! API, the dashboard and `snapback replay` each word in their own way.
//!
//! It is built from the claim's report (so a viewer sees the evidence the report shows them)
//! and the meetings the record holds, and ordered on instants, never on their text: as text,
//! `…:00.5Z` sorts before `…:00Z`.

use jiff::Timestamp;
use snapback_charter::{DecisionId, PartyId};

use crate::derived::ClaimStatus;
use crate::report::{
    ClaimReport, EvidenceReport, GradeReport, ReconsiderationReport, ReplyReport, StageReport,
    UnwoundReport,
};

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
    /// The accused side replied (its right of reply).
    Replied(&'a ReplyReport),
    /// An adopted `inconclusive` motion extended the deadline.
    Extended(&'a DecisionId),
    /// An adopted grading motion set the severity or attribution the body found.
    Graded(&'a GradeReport),
    /// New evidence reopened the claim after the round that ended as `previous`.
    Reopened(&'a ReconsiderationReport),
    /// A reconsideration found the activated claim unfounded: its activation was unwound.
    Unwound(&'a UnwoundReport),
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
/// life: filing, evidence, meetings, stages, reply, earlier rounds, votes, extension, grading,
/// withdrawal, determination, supersession, unwinding.
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
    if let Some(r) = &claim.reply {
        entries.push(entry(r.at, Some(&r.party), Happening::Replied(r)));
    }
    // Earlier rounds, each with its votes and the determination new evidence reopened.
    for round in &claim.reconsiderations {
        entries.extend(
            round
                .votes
                .iter()
                .map(|v| entry(v.at, Some(&v.party), Happening::Vote(&v.vote))),
        );
        if let Some(at) = round.determined_at {
            entries.push(entry(at, None, Happening::Determined(round.previous)));
        }
        entries.push(entry(
            round.requested_at,
            Some(&round.party),
            Happening::Reopened(round),
        ));
    }
    entries.extend(
        claim
            .votes
            .iter()
            .map(|v| entry(v.at, Some(&v.party), Happening::Vote(&v.vote))),
    );
    if let (Some(at), Some(decision)) = (claim.extended_at, &claim.extended_by) {
        entries.push(entry(at, None, Happening::Extended(decision)));
    }
    if let Some(g) = &claim.graded {
        entries.push(entry(g.at, None, Happening::Graded(g)));
    }
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
    if let Some(u) = &claim.unwound {
        entries.push(entry(u.at, None, Happening::Unwound(u)));
    }
    // A stable sort: same-instant entries keep the order above.
    entries.sort_by_key(|e| e.at);
    debug_assert!(entries.windows(2).all(|w| w[0].at <= w[1].at));
    entries
}

/// Who may read a classified item besides its submitter, as a list (`none`, «нікому», when
/// nobody).
pub fn releasable_to(e: &EvidenceReport, lang: snapback_charter::Lang) -> String {
    match e.releasable_to.as_deref() {
        Some(r) if !r.is_empty() => r.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(", "),
        _ => crate::explain::words(lang).msg("releasable-none"),
    }
}
