//! The engine: a deterministic state machine over dated input events.
//!
//! [`Engine::apply`] judges one input event at its own time; [`Engine::advance`] tells the engine
//! that an instant is complete (no more events at or before it will come), which fires the
//! deadlines up to it. Neither reads a clock. Everything the engine concludes is a [`Derived`]
//! event handed to a [`Sink`] in causal order: deadlines that passed before an event come before
//! it, consequences of an event come right after it.
//!
//! The engine keeps only live state (pending claims and decisions, unfulfilled obligations, timers,
//! the escalation window) and, per closed claim, decision or obligation, a small tombstone so that
//! late votes and reused ids are rejected with the right reason. The full history, with
//! timelines, is a projection of the events it emits (see [`crate::state`]).

//!
//! The `impl Engine` is split by concern: `timers` (the deadline heap), `claims`, `responses`
//! (activations and the escalation window), `decisions`, `obligations`, and the engine's side of
//! the `fund` and the capability `tracker`. This module holds the public types, the live state
//! and the entry points (`apply`, `advance`), plus the checks every concern shares (who may act,
//! who may vote).

mod board;
mod claims;
mod decisions;
mod findings;
mod fund;
mod measures;
mod monitoring;
mod obligations;
mod responses;
mod reviews;
mod stages;
mod timers;
mod tracker;

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};
use std::sync::Arc;

use jiff::Timestamp;
use rustc_hash::{FxHashMap, FxHashSet};
use snapback_charter::{
    ActivationId, BodyId, Burden, Charter, CharterHistory, Choice, ClaimId, DecisionId,
    ObligationId, PackageIdx, PartyId, PartyIdx, ProceedIf,
};

pub use self::claims::claim_vote_name;
pub use self::decisions::proceeds;
use self::timers::{Horizon, Timer};
use crate::capability::{CapabilityAccepted, Tracker};
use crate::derived::{ClaimStatus, DecisionStatus, Derived};
use crate::event::{Event, EventKind, VoteCast};
use crate::fund::{FundAccepted, FundLive};
use crate::proceeding::{Proceeding, just_after};
use crate::rejection::Rejection;

/// What the engine says about an accepted input event, beyond "accepted".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Accepted {
    /// A claim is pending before `body` until `deadline`; `members` may vote on it.
    ClaimOpened {
        deadline: Timestamp,
        body: BodyId,
        members: Arc<[PartyId]>,
        charter_version: String,
        /// The side accused (under a truce of two sides, the other side).
        accused: Option<PartyId>,
        /// Until when the accused side may reply, if the truce limits it.
        reply_until: Option<Timestamp>,
    },
    /// A decision is open until `deadline`; `members` may vote on it.
    DecisionOpened {
        deadline: Timestamp,
        members: Arc<[PartyId]>,
    },
    /// An obligation was fulfilled; `late` if after its due instant.
    Fulfilled { late: bool },
    /// A money event moved money in the fund's books (or repeated one that did).
    Fund(FundAccepted),
    /// A capability event was recorded (and perhaps completed a military obligation).
    Capability(CapabilityAccepted),
    /// A measure's state was recorded; these obligations to re-impose it were met (late or not).
    Measure {
        fulfilled: Vec<(ObligationId, bool)>,
    },
    /// Recorded, with no further effect to report.
    Recorded,
}

/// The engine's answer to one input event.
pub type Judgement = Result<Accepted, Rejection>;

/// Receives, in order, every input event with its judgement and every derived event.
pub trait Sink {
    fn input(&mut self, index: u64, event: &Event, judgement: &Judgement);
    fn derived(&mut self, derived: &Derived);
}

/// A sink that keeps nothing (for benchmarks and for callers that only want the live state).
#[derive(Debug, Default, Clone, Copy)]
pub struct CountingSink {
    pub accepted: u64,
    pub rejected: u64,
    pub derived: u64,
}

impl Sink for CountingSink {
    fn input(&mut self, _index: u64, _event: &Event, judgement: &Judgement) {
        match judgement {
            Ok(_) => self.accepted += 1,
            Err(_) => self.rejected += 1,
        }
    }

    fn derived(&mut self, _derived: &Derived) {
        self.derived += 1;
    }
}

/// `advance` was asked to go back in time.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot advance to {to}: the engine is already at {at}")]
pub struct TimeWentBack {
    pub to: Timestamp,
    pub at: Timestamp,
}

/// How much live state the engine holds (for tests and the benchmark's memory check).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Footprint {
    pub pending_claims: usize,
    pub open_decisions: usize,
    pub open_obligations: usize,
    pub timers: usize,
    pub escalation_window: usize,
    /// Ids of closed claims, decisions and obligations, kept to reject late votes and reuse.
    pub tombstones: usize,
}

#[derive(Debug, Clone)]
struct LiveClaim {
    claimant: PartyId,
    severity: u8,
    burden: Burden,
    evidence_required: u32,
    evidence_kinds: Vec<String>,
    proceeding: Proceeding,
    /// Per stage of its charter's proceeding: how it was reached, once it is.
    stages: Vec<Option<crate::derived::StageBasis>>,
    /// The side accused, when the claim names one (always under a truce).
    accused: Option<PartyId>,
    /// Until when the accused may still reply: while it may, the body does not determine the
    /// claim before its deadline. `None` once it has replied, or with no right of reply.
    reply_until: Option<Timestamp>,
    replied: bool,
    /// Whether an `inconclusive` motion has extended its deadline (only once).
    extended: bool,
    /// Digests of the public evidence on its record: reconsideration needs a new one.
    digests: Vec<String>,
    /// The incident it alleges, if it names one (freed again if it is withdrawn).
    incident: Option<String>,
    /// For a claim reopened by reconsideration: its earlier determination.
    reopened: Option<Reopened>,
}

/// What a reopened claim had been determined before, and the activation that caused.
#[derive(Debug, Clone)]
struct Reopened {
    previous: ClaimStatus,
    activation: Option<ActivationId>,
}

/// A determined claim that new evidence may still reopen, until `until`.
#[derive(Debug, Clone)]
struct Reconsiderable {
    claim: LiveClaim,
    status: ClaimStatus,
    until: Timestamp,
    /// The activation its determination caused, if it activated one on its own.
    activation: Option<ActivationId>,
}

#[derive(Debug, Clone, Copy)]
struct ClosedClaim {
    status: ClaimStatus,
    deadline: Option<Timestamp>,
    /// Activated before its legal deadline, its effect waits for it (`effect = "at_deadline"`):
    /// until then its proceeding still runs, and a motion can supersede it.
    awaits_effect: bool,
    /// The severity it takes effect with (the body's grading, or the claimant's).
    severity: u8,
}

#[derive(Debug, Clone)]
struct PackageRef {
    activation: ActivationId,
    package: PackageIdx,
    proceed_if: ProceedIf,
}

#[derive(Debug, Clone)]
struct LiveDecision {
    proceeding: Proceeding,
    purpose: Purpose,
}

/// A package that proceeds now: what creating its obligations, restoring its measures and
/// drawing down stock for it all start from.
#[derive(Debug, Clone, Copy)]
struct ProceedingPackage<'a> {
    at: Timestamp,
    charter: &'a Charter,
    activation: &'a ActivationId,
    package: PackageIdx,
}

impl<'a> ProceedingPackage<'a> {
    fn package(&self) -> &'a snapback_charter::Package {
        self.charter.package(self.package)
    }
}

/// What a decision's outcome acts on: each decision has exactly one purpose.
#[derive(Debug, Clone)]
enum Purpose {
    /// A motion a party opened (`decision.opened`): its outcome is recorded; adopted, it acts on
    /// the claim it names as `on` says, and nothing else follows.
    Motion { on: Option<(ClaimId, OnClaim)> },
    /// A package's decision: the package's obligations follow if it proceeds.
    Package(PackageRef),
    /// The renewal of the measure in this register slot.
    Renewal(usize),
    /// A disapproval or override motion in the relief review of the measure in this slot.
    Review(usize),
}

/// What an adopted further motion does to its claim.
#[derive(Debug, Clone)]
enum OnClaim {
    /// Only records the body's view.
    Nothing,
    Supersede,
    /// `inconclusive`: extends the claim's deadline once.
    Extend,
    /// Sets the severity (and so the tier) and the attribution the body found.
    Grade {
        severity: Option<u8>,
        tier: Option<snapback_charter::TierId>,
        attribution: Option<PartyId>,
    },
}

#[derive(Debug, Clone, Copy)]
struct ClosedDecision {
    status: DecisionStatus,
    deadline: Timestamp,
}

#[derive(Debug, Clone)]
struct LiveObligation {
    party: PartyId,
    due: Timestamp,
    overdue: bool,
    /// The register slot of the measure it re-imposes, if it does.
    measure: Option<usize>,
}

/// A proceeding determined at `at`, kept until a later instant: a body votes in one sitting, so
/// members may still cast their votes at the very instant the outcome became certain, and the
/// order of simultaneous votes in the log does not decide which are recorded. Such votes change
/// nothing; they complete the record (a 4-9-2 vote reads as 4-9-2).
#[derive(Debug, Clone)]
struct Sitting {
    at: Timestamp,
    proceeding: Proceeding,
    /// The claim's burden (for a claim's sitting), to read verdicts as the motion's choices.
    burden: Option<Burden>,
}

/// A claim activated (or a monitoring alert raised) within the escalation window and not yet
/// counted toward an escalation.
#[derive(Debug, Clone)]
struct Counted {
    at: Timestamp,
    source: CountedSource,
    severity: u8,
}

#[derive(Debug, Clone)]
enum CountedSource {
    Claim(ClaimId),
    Alert(crate::derived::AlertCount),
}

/// The deterministic engine.
#[derive(Debug, Clone)]
pub struct Engine {
    history: CharterHistory,
    last_at: Option<Timestamp>,
    sealed: Option<Timestamp>,
    claims: FxHashMap<ClaimId, LiveClaim>,
    closed_claims: FxHashMap<ClaimId, ClosedClaim>,
    decisions: FxHashMap<DecisionId, LiveDecision>,
    closed_decisions: FxHashMap<DecisionId, ClosedDecision>,
    obligations: FxHashMap<ObligationId, LiveObligation>,
    fulfilled: FxHashSet<ObligationId>,
    timers: BinaryHeap<Reverse<Timer>>,
    timer_seq: u64,
    window: VecDeque<Counted>,
    activations: u64,
    /// Whether a filing refused by the rules still reserves its id as a `rejected` claim.
    record_refused_filings: bool,
    fund: FundLive,
    /// The capability tracker's record: commitments, contracts, lots, cohorts, restrictions.
    tracker: Tracker,
    /// The register of measures.
    measures: measures::Register,
    /// The alert rules' monitoring series.
    monitoring: monitoring::Monitoring,
    /// The first live claim alleging each incident (`incident`): a second is a duplicate.
    incidents: FxHashMap<String, ClaimId>,
    /// Determined claims whose reconsideration window is open (only under a charter that sets
    /// `verification.reconsider_within`; each leaves when its window closes).
    reconsiderable: FxHashMap<ClaimId, Reconsiderable>,
    /// The tier a grading found for a claim, where it named one: its activation uses it.
    graded_tiers: FxHashMap<ClaimId, snapback_charter::TierId>,
    /// When each closed reconsideration window closed (to say so when asked too late).
    reconsideration_closed: FxHashMap<ClaimId, Timestamp>,
    /// Per activation, the measures it put back in force that may be reversed (`unwinds`), with
    /// the state each was in before.
    snapped: FxHashMap<ActivationId, Vec<measures::Snapped>>,
    /// Obligations cancelled by unwinding: their ids stay taken.
    cancelled: FxHashSet<ObligationId>,
    /// Proceedings determined at the latest instant, still open to votes cast at that instant.
    claim_sittings: FxHashMap<ClaimId, Sitting>,
    decision_sittings: FxHashMap<DecisionId, Sitting>,
    /// Reused buffer for derived events, flushed to the sink in order.
    out: Vec<Derived>,
}

impl Engine {
    pub fn new(history: CharterHistory) -> Self {
        let mut engine = Self {
            measures: measures::Register::from_history(&history),
            monitoring: monitoring::Monitoring::default(),
            history,
            last_at: None,
            sealed: None,
            claims: FxHashMap::default(),
            closed_claims: FxHashMap::default(),
            decisions: FxHashMap::default(),
            closed_decisions: FxHashMap::default(),
            obligations: FxHashMap::default(),
            fulfilled: FxHashSet::default(),
            timers: BinaryHeap::new(),
            timer_seq: 0,
            window: VecDeque::new(),
            activations: 0,
            record_refused_filings: true,
            fund: FundLive::default(),
            tracker: Tracker::default(),
            incidents: FxHashMap::default(),
            reconsiderable: FxHashMap::default(),
            reconsideration_closed: FxHashMap::default(),
            graded_tiers: FxHashMap::default(),
            snapped: FxHashMap::default(),
            cancelled: FxHashSet::default(),
            claim_sittings: FxHashMap::default(),
            decision_sittings: FxHashMap::default(),
            out: Vec::new(),
        };
        engine.schedule_measures();
        engine.schedule_programmes();
        engine
    }

    /// An engine for a signed log, where a refused submission is never written and so must
    /// change nothing: a filing refused by the rules leaves no `rejected` claim behind. (A
    /// scenario is a record of what happened, so there an invalid filing is itself a fact and
    /// its id stays taken.) Without this, a refused filing would reserve its id until the next
    /// restart, when replaying the log would forget it.
    pub fn for_log(history: CharterHistory) -> Self {
        Self {
            record_refused_filings: false,
            ..Self::new(history)
        }
    }

    pub fn history(&self) -> &CharterHistory {
        &self.history
    }

    /// The latest instant the engine has seen (an event's time or a completed instant).
    pub fn now(&self) -> Option<Timestamp> {
        match (self.last_at, self.sealed) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        }
    }

    /// The earliest instant a new event may carry: not before the last event, and after any
    /// instant `advance` has completed.
    pub fn earliest_next(&self) -> Option<Timestamp> {
        match (self.last_at, self.sealed.map(just_after)) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        }
    }

    /// The earliest pending deadline, if any: when `advance` will next have something to do.
    pub fn next_deadline(&self) -> Option<Timestamp> {
        self.timers.peek().map(|Reverse(t)| t.at)
    }

    /// The fund's books (empty when no charter sets up a fund).
    pub fn fund_book(&self) -> &crate::fund::Book {
        &self.fund.book
    }

    /// The capability tracker's record.
    pub fn tracker(&self) -> &Tracker {
        &self.tracker
    }

    /// The fund's mode now.
    pub fn fund_mode(&self) -> snapback_charter::FundMode {
        self.fund.mode
    }

    pub fn footprint(&self) -> Footprint {
        Footprint {
            pending_claims: self.claims.len(),
            open_decisions: self.decisions.len(),
            open_obligations: self.obligations.len(),
            timers: self.timers.len(),
            escalation_window: self.window.len(),
            tombstones: self.closed_claims.len()
                + self.closed_decisions.len()
                + self.fulfilled.len()
                + self.cancelled.len()
                + self.reconsideration_closed.len(),
        }
    }

    /// Judges one input event at its own time. Deadlines that passed strictly before the event
    /// fire first; an event at exactly a deadline still counts.
    pub fn apply(&mut self, index: u64, event: &Event, sink: &mut impl Sink) {
        if let Some(sealed) = self.sealed
            && event.at <= sealed
        {
            sink.input(
                index,
                event,
                &Err(Rejection::Sealed {
                    at: event.at,
                    sealed,
                }),
            );
            return;
        }
        if let Some(previous) = self.last_at
            && event.at < previous
        {
            sink.input(
                index,
                event,
                &Err(Rejection::OutOfOrder {
                    at: event.at,
                    previous,
                }),
            );
            return;
        }
        // Sittings of earlier instants are over. Every sitting is of an instant at or before the
        // latest event, so once an event is later than that instant, all of them are.
        if self.last_at.is_some_and(|last| event.at > last) {
            self.claim_sittings.clear();
            self.decision_sittings.clear();
        }
        let mut out = std::mem::take(&mut self.out);
        self.run_timers(Horizon::Before(event.at), &mut out);
        flush(&mut out, sink);
        self.last_at = Some(event.at);
        let judgement = self.judge(event, &mut out);
        sink.input(index, event, &judgement);
        flush(&mut out, sink);
        self.out = out;
    }

    /// Declares `now` complete: fires every deadline at or before it. Events dated at or before
    /// `now` are rejected afterwards.
    pub fn advance(&mut self, now: Timestamp, sink: &mut impl Sink) -> Result<(), TimeWentBack> {
        if let Some(at) = self.now()
            && now < at
        {
            return Err(TimeWentBack { to: now, at });
        }
        let mut out = std::mem::take(&mut self.out);
        self.run_timers(Horizon::Through(now), &mut out);
        flush(&mut out, sink);
        self.out = out;
        self.sealed = Some(now);
        Ok(())
    }

    fn charter_at(&self, at: Timestamp) -> Result<Arc<Charter>, Rejection> {
        self.history
            .in_force(at)
            .cloned()
            .ok_or(Rejection::NoCharterInForce {
                at,
                first: self.history.first_effective(),
            })
    }

    fn judge(&mut self, event: &Event, out: &mut Vec<Derived>) -> Judgement {
        match &event.kind {
            EventKind::ClaimFiled(filed) => self.file_claim(event, filed, out),
            EventKind::ClaimWithdrawn { claim } => self.withdraw_claim(event, claim, out),
            EventKind::EvidenceSubmitted(evidence) => self.submit_evidence(event, evidence, out),
            EventKind::MeetingConvened { claim } => {
                let judgement = self.convene(event, claim);
                if judgement.is_ok() {
                    self.meeting_held(claim, &event.party, event.at, out);
                }
                judgement
            }
            EventKind::MotionTabled { claim } => self.table_motion(event, claim, out),
            EventKind::VoteCast(VoteCast::Claim { claim, verdict }) => {
                self.vote_on_claim(event, claim, *verdict, out)
            }
            EventKind::VoteCast(VoteCast::Decision { decision, choice })
                if self.fund.has_motion(decision) =>
            {
                self.board_vote(event, decision, *choice, out)
            }
            EventKind::VoteCast(VoteCast::Decision { decision, choice }) => {
                self.vote_on_decision(event, decision, *choice, out)
            }
            EventKind::DecisionOpened(opened) => self.open_decision(event, opened, out),
            EventKind::ObligationFulfilled { obligation, .. } => self.fulfil(event, obligation),
            EventKind::FundPaidIn(_) => {
                let judgement = self.judge_fund(event);
                if judgement.is_ok() {
                    self.pay_ready_tranches(event.at, out);
                }
                judgement
            }
            EventKind::FundConditionMet(m) => self.condition_met(event, m, out),
            EventKind::FundBoardMotion(m) => self.board_motion(event, m, out),
            EventKind::FundAppropriated(a) => self.appropriated(event, a, out),
            EventKind::FundPledged(_)
            | EventKind::FundDisbursed(_)
            | EventKind::FundFxRate(_)
            | EventKind::FundLoanDisbursed(_)
            | EventKind::FundLoanRepaid(_)
            | EventKind::FundGuaranteeIssued(_)
            | EventKind::FundGuaranteeCalled(_) => self.judge_fund(event),
            EventKind::Capability(c) => self.judge_capability(event, c),
            EventKind::MeasureRecorded(rec) => self.record_measure(event, rec, out),
            EventKind::ReliefReported(rec) => self.report_relief(event, rec, out),
            EventKind::ReliefVetoed { measure } => {
                self.veto_relief_disapproval(event, measure, out)
            }
            EventKind::MeasureThreatened { measure, .. } => {
                self.threaten_measure(event, measure, out)
            }
            EventKind::MonitorReport(report) => self.monitor_report(event, report, out),
            EventKind::ReplyFiled(reply) => self.file_reply(event, reply, out),
            EventKind::ReconsiderationRequested { claim, evidence } => {
                self.reconsider(event, claim, evidence, out)
            }
        }
    }
}

fn flush(out: &mut Vec<Derived>, sink: &mut impl Sink) {
    for d in out.drain(..) {
        sink.derived(&d);
    }
}

fn member_ids(p: &Proceeding) -> Arc<[PartyId]> {
    Arc::clone(&p.member_ids)
}

/// The party acting at `at`: known to the charter and inside its participation window.
fn acting_party(charter: &Charter, party: &PartyId, at: Timestamp) -> Result<PartyIdx, Rejection> {
    let idx = charter
        .party_idx(party.as_str())
        .ok_or_else(|| Rejection::UnknownParty {
            party: party.clone(),
        })?;
    if !charter.participates(idx, at) {
        return Err(Rejection::OutsideParticipation {
            party: party.clone(),
            at,
            window: window_text(charter, idx),
        });
    }
    Ok(idx)
}

fn window_text(charter: &Charter, party: PartyIdx) -> String {
    let w = charter.party(party).window;
    let from = w.from.map_or("(open)".to_owned(), |t| t.to_string());
    let until = w.until.map_or("(open)".to_owned(), |t| t.to_string());
    format!("{from} to {until}")
}

/// The member slot of a voter on a proceeding, or why it may not vote.
fn voter_slot(
    p: &Proceeding,
    party: &PartyId,
    at: Timestamp,
    target: &str,
    vote_name: impl Fn(Choice) -> String,
) -> Result<usize, Rejection> {
    let body = p.charter.body(p.body).id.clone();
    let not_member = || Rejection::NotMember {
        party: party.clone(),
        body: body.clone(),
        target: target.to_owned(),
    };
    let idx = p.charter.party_idx(party.as_str()).ok_or_else(not_member)?;
    let slot = p.slot(idx).ok_or_else(not_member)?;
    if !p.charter.participates(idx, at) {
        return Err(Rejection::OutsideParticipation {
            party: party.clone(),
            at,
            window: window_text(&p.charter, idx),
        });
    }
    if let Some(previous) = p.vote_in(slot) {
        return Err(Rejection::AlreadyVoted {
            party: party.clone(),
            target: target.to_owned(),
            vote: vote_name(previous),
        });
    }
    Ok(slot)
}
