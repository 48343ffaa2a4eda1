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

use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, VecDeque};
use std::sync::Arc;

use jiff::Timestamp;
use rustc_hash::{FxHashMap, FxHashSet};
use snapback_charter::{
    ActivationId, BodyId, Burden, Charter, CharterHistory, Choice, ClaimId, DecisionId,
    ObligationId, Outcome, PackageIdx, PartyId, PartyIdx, ProceedIf, Role, TierIdx,
};

use crate::capability::{self, CapabilityAccepted, Tracker};
use crate::derived::*;
use crate::event::{
    CapabilityEvent, ClaimFiled, DecisionOpened, Event, EventKind, Evidence, Verdict, VoteCast,
};
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
}

#[derive(Debug, Clone, Copy)]
struct ClosedClaim {
    status: ClaimStatus,
    deadline: Option<Timestamp>,
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
    package: Option<PackageRef>,
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
}

#[derive(Debug, Clone)]
enum TimerKind {
    ClaimDeadline(ClaimId),
    ClaimRecheck(ClaimId),
    DecisionDeadline(DecisionId),
    DecisionRecheck(DecisionId),
    ObligationDue(ObligationId),
    /// The fund's quiet period may end: back to peace mode unless restarted since.
    FundQuiet,
}

/// A deadline. Timers fire in (`at`, `seq`) order; `seq` is the creation order, which is fixed by
/// the input, so the firing order does not depend on how time was advanced.
#[derive(Debug, Clone)]
struct Timer {
    at: Timestamp,
    seq: u64,
    kind: TimerKind,
}

impl PartialEq for Timer {
    fn eq(&self, other: &Self) -> bool {
        (self.at, self.seq) == (other.at, other.seq)
    }
}
impl Eq for Timer {}
impl PartialOrd for Timer {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Timer {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.at, self.seq).cmp(&(other.at, other.seq))
    }
}

/// A claim activated within the escalation window and not yet counted toward an escalation.
#[derive(Debug, Clone)]
struct Counted {
    at: Timestamp,
    claim: ClaimId,
    severity: u8,
}

/// Which timers to fire: those strictly before an event's time, or through a completed instant.
#[derive(Debug, Clone, Copy)]
enum Horizon {
    Before(Timestamp),
    Through(Timestamp),
}

impl Horizon {
    fn admits(self, at: Timestamp) -> bool {
        match self {
            Horizon::Before(t) => at < t,
            Horizon::Through(t) => at <= t,
        }
    }
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
    /// Reused buffer for derived events, flushed to the sink in order.
    out: Vec<Derived>,
}

impl Engine {
    pub fn new(history: CharterHistory) -> Self {
        Self {
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
            out: Vec::new(),
        }
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
                + self.fulfilled.len(),
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

    fn run_timers(&mut self, horizon: Horizon, out: &mut Vec<Derived>) {
        // Bounded: every timer fires once, and firing only creates timers later than itself
        // (all durations are positive), so the loop ends at the horizon.
        while let Some(Reverse(top)) = self.timers.peek() {
            if !horizon.admits(top.at) {
                break;
            }
            let Some(Reverse(timer)) = self.timers.pop() else {
                break;
            };
            self.fire(timer, out);
        }
    }

    fn schedule(&mut self, at: Timestamp, kind: TimerKind) {
        self.timer_seq += 1;
        self.timers.push(Reverse(Timer {
            at,
            seq: self.timer_seq,
            kind,
        }));
    }

    fn fire(&mut self, timer: Timer, out: &mut Vec<Derived>) {
        let after = just_after(timer.at);
        match timer.kind {
            TimerKind::ClaimDeadline(id) => self.settle_claim(&id, timer.at, true, out),
            TimerKind::DecisionDeadline(id) => self.settle_decision(&id, timer.at, true, out),
            TimerKind::ClaimRecheck(id) => {
                if let Some(live) = self.claims.get_mut(&id) {
                    live.proceeding.recount(after);
                }
                self.settle_claim(&id, timer.at, false, out);
            }
            TimerKind::DecisionRecheck(id) => {
                if let Some(live) = self.decisions.get_mut(&id) {
                    live.proceeding.recount(after);
                }
                self.settle_decision(&id, timer.at, false, out);
            }
            TimerKind::FundQuiet => {
                if let Some(d) = self.fund.quiet(timer.at) {
                    out.push(d);
                }
            }
            TimerKind::ObligationDue(id) => {
                if let Some(o) = self.obligations.get_mut(&id)
                    && !o.overdue
                {
                    o.overdue = true;
                    out.push(Derived {
                        at: timer.at,
                        kind: DerivedKind::ObligationOverdue { obligation: id },
                    });
                }
            }
        }
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
            EventKind::MeetingConvened { claim } => self.convene(event, claim),
            EventKind::VoteCast(VoteCast::Claim { claim, verdict }) => {
                self.vote_on_claim(event, claim, *verdict, out)
            }
            EventKind::VoteCast(VoteCast::Decision { decision, choice }) => {
                self.vote_on_decision(event, decision, *choice, out)
            }
            EventKind::DecisionOpened(opened) => self.open_decision(event, opened, out),
            EventKind::ObligationFulfilled { obligation, .. } => self.fulfil(event, obligation),
            EventKind::FundPledged(_)
            | EventKind::FundPaidIn(_)
            | EventKind::FundDisbursed(_)
            | EventKind::FundFxRate(_) => self.judge_fund(event),
            EventKind::Capability(c) => self.judge_capability(event, c),
        }
    }

    // --- the capability tracker --------------------------------------------------------------

    fn judge_capability(&mut self, event: &Event, c: &CapabilityEvent) -> Judgement {
        let charter = self.charter_at(event.at)?;
        acting_party(&charter, &event.party, event.at)?;
        let accepted = self.tracker.record(&charter, event.at, &event.party, c)?;
        // A receipt that completed a military obligation fulfils it (on time or late as the
        // tracker judged it, by when the items arrived).
        if let Some((id, _)) = &accepted.fulfilled {
            self.close_obligation(id);
        }
        Ok(Accepted::Capability(accepted))
    }

    /// A package proceeded: its military obligations that count items draw on the lots and
    /// contracts (allocated as readiness allocates them), and the charter's `[[restriction]]`
    /// rules for the package lift the donors' restrictions in force.
    fn draw_down(
        &mut self,
        at: Timestamp,
        charter: &Charter,
        activation: &ActivationId,
        package: PackageIdx,
        out: &mut Vec<Derived>,
    ) {
        let pkg = charter.package(package);
        let demands: Vec<_> = capability::demands(charter, Some(std::slice::from_ref(&pkg.id)))
            .into_iter()
            .map(|mut d| {
                // The template's place `<package>/<n>` becomes the obligation's id.
                d.obligation = Arc::from(format!("{activation}/{}", d.obligation));
                d
            })
            .collect();
        let mut derived = Vec::new();
        if !demands.is_empty() {
            let lots = self.tracker.lots_for_readiness(charter);
            let contracts = self.tracker.contracts_for_readiness();
            let plan = snapback_capability::readiness(at, &demands, &lots, &contracts);
            derived.extend(capability::draws(at, activation, &plan));
        }
        for (restriction, donor) in self.tracker.lifted_by(charter, &pkg.id) {
            derived.push(Derived {
                at,
                kind: DerivedKind::RestrictionLifted {
                    activation: activation.clone(),
                    package: pkg.id.clone(),
                    restriction,
                    donor,
                },
            });
        }
        for d in derived {
            self.tracker.derived(&d);
            out.push(d);
        }
    }

    // --- the fund --------------------------------------------------------------------------

    fn judge_fund(&mut self, event: &Event) -> Judgement {
        let charter = self.charter_at(event.at)?;
        acting_party(&charter, &event.party, event.at)?;
        let fund = charter.fund.as_ref().ok_or(Rejection::NoFund)?;
        let party = &event.party;
        let mut accepted = match &event.kind {
            EventKind::FundPledged(m) | EventKind::FundPaidIn(m) => {
                self.fund.money_in(&charter, fund, party, &event.kind, m)?
            }
            EventKind::FundDisbursed(d) => {
                self.fund
                    .disburse(event.at, &charter, fund, party, &event.kind, d)?
            }
            EventKind::FundFxRate(r) => {
                self.fund.rate(&charter, fund, party, r)?;
                return Ok(Accepted::Recorded);
            }
            _ => return Ok(Accepted::Recorded),
        };
        // A payment that completed a surge call fulfils its obligation.
        if let Some((id, late)) = &mut accepted.fulfilled
            && let Some(live) = self.close_obligation(id)
        {
            *late = event.at > live.due;
        }
        Ok(Accepted::Fund(accepted))
    }

    /// An activation's package created a `funds` obligation: the fund reacts (see
    /// [`FundLive::trigger`]), and each contributor's share of a surge call becomes an
    /// obligation with its own due instant.
    fn trigger_fund(
        &mut self,
        at: Timestamp,
        charter: &Charter,
        activation: &ActivationId,
        package: &snapback_charter::PackageId,
        out: &mut Vec<Derived>,
    ) {
        let Some(fund) = &charter.fund else { return };
        let t = self.fund.trigger(at, fund, charter, activation, package);
        out.extend(t.derived);
        if let Some(q) = t.quiet_until {
            self.schedule(q, TimerKind::FundQuiet);
        }
        let Some(due) = t.due else { return };
        let description: Arc<str> = Arc::from(format!(
            "Pay the surge call of activation {activation} into the {}",
            fund.name
        ));
        for share in t.shares {
            out.push(Derived {
                at,
                kind: DerivedKind::ObligationCreated {
                    obligation: share.obligation.clone(),
                    activation: activation.clone(),
                    package: package.clone(),
                    party: share.party.clone(),
                    kind: snapback_charter::ObligationKind::Funds,
                    description: Arc::clone(&description),
                    amount: Some(share.amount),
                    currency: Some(fund.currency.code().to_owned()),
                    item: None,
                    quantity: None,
                    due,
                },
            });
            self.schedule(due, TimerKind::ObligationDue(share.obligation.clone()));
            self.obligations.insert(
                share.obligation,
                LiveObligation {
                    party: share.party,
                    due,
                    overdue: false,
                },
            );
        }
    }

    // --- claims ----------------------------------------------------------------------------

    fn file_claim(
        &mut self,
        event: &Event,
        filed: &ClaimFiled,
        out: &mut Vec<Derived>,
    ) -> Judgement {
        let id = &filed.claim;
        if self.claims.contains_key(id) || self.closed_claims.contains_key(id) {
            return Err(Rejection::DuplicateClaim { claim: id.clone() });
        }
        let checked = self.check_filing(event, filed);
        let (charter, severity) = match checked {
            Ok(ok) => ok,
            Err(rejection) if !self.record_refused_filings => return Err(rejection),
            Err(rejection) => {
                // An invalid filing is part of the record: the id now names a rejected claim.
                self.closed_claims.insert(
                    id.clone(),
                    ClosedClaim {
                        status: ClaimStatus::Rejected,
                        deadline: None,
                    },
                );
                return Err(rejection);
            }
        };
        let v = &charter.verification;
        let proceeding = Proceeding::open(Arc::clone(&charter), v.body, event.at, v.decide_within);
        let accepted = Accepted::ClaimOpened {
            deadline: proceeding.deadline,
            body: charter.body(v.body).id.clone(),
            members: member_ids(&proceeding),
            charter_version: charter.version.clone(),
        };
        self.schedule(proceeding.deadline, TimerKind::ClaimDeadline(id.clone()));
        let departures: Vec<Timestamp> = proceeding.departures().collect();
        for at in departures {
            self.schedule(at, TimerKind::ClaimRecheck(id.clone()));
        }
        self.claims.insert(
            id.clone(),
            LiveClaim {
                claimant: event.party.clone(),
                severity,
                burden: v.burden,
                evidence_required: v.evidence.as_ref().map_or(0, |e| e.min_source_kinds),
                evidence_kinds: Vec::new(),
                proceeding,
            },
        );
        if let Some(fund) = &charter.fund
            && let Some(d) = self.fund.reserve(event.at, fund, id)
        {
            out.push(d);
        }
        // A body with no members that can vote may already have decided.
        self.settle_claim(id, event.at, false, out);
        Ok(accepted)
    }

    fn check_filing(
        &self,
        event: &Event,
        filed: &ClaimFiled,
    ) -> Result<(Arc<Charter>, u8), Rejection> {
        let charter = self.charter_at(event.at)?;
        let party = acting_party(&charter, &event.party, event.at)?;
        if !charter.verification.claimants.contains(&party) {
            let claimants: Vec<&str> = charter
                .verification
                .claimants
                .iter()
                .map(|p| charter.party(*p).id.as_str())
                .collect();
            return Err(Rejection::NoStanding {
                party: event.party.clone(),
                claimants: claimants.join(", "),
            });
        }
        let severity = u8::try_from(filed.severity)
            .ok()
            .filter(|s| (1..=5).contains(s))
            .ok_or(Rejection::BadSeverity {
                severity: filed.severity,
            })?;
        if let Some(occurred_at) = filed.occurred_at
            && occurred_at > event.at
        {
            return Err(Rejection::OccurredAfterFiling {
                occurred_at,
                at: event.at,
            });
        }
        Ok((charter, severity))
    }

    /// The live claim `id`, or the reason it is not live.
    fn live_claim(
        &self,
        id: &ClaimId,
        at: Timestamp,
        voting: bool,
    ) -> Result<&LiveClaim, Rejection> {
        if let Some(live) = self.claims.get(id) {
            return Ok(live);
        }
        match self.closed_claims.get(id) {
            None => Err(Rejection::UnknownClaim { claim: id.clone() }),
            Some(c) if c.status == ClaimStatus::Rejected => {
                Err(Rejection::ClaimWasRejected { claim: id.clone() })
            }
            Some(ClosedClaim {
                deadline: Some(deadline),
                ..
            }) if voting && at > *deadline => Err(Rejection::VoteAfterDeadline {
                target: id.to_string(),
                deadline: *deadline,
            }),
            Some(c) => Err(Rejection::ClaimClosed {
                claim: id.clone(),
                status: c.status,
            }),
        }
    }

    fn withdraw_claim(&mut self, event: &Event, id: &ClaimId, out: &mut Vec<Derived>) -> Judgement {
        let live = self.live_claim(id, event.at, false)?;
        if live.claimant != event.party {
            return Err(Rejection::NotFiler {
                claim: id.clone(),
                filer: live.claimant.clone(),
            });
        }
        let deadline = live.proceeding.deadline;
        self.claims.remove(id);
        self.closed_claims.insert(
            id.clone(),
            ClosedClaim {
                status: ClaimStatus::Withdrawn,
                deadline: Some(deadline),
            },
        );
        if let Some(d) = self.fund.settle_tranche(event.at, None, id, None) {
            out.push(d);
        }
        Ok(Accepted::Recorded)
    }

    fn submit_evidence(
        &mut self,
        event: &Event,
        evidence: &Evidence,
        out: &mut Vec<Derived>,
    ) -> Judgement {
        let charter = self.charter_at(event.at)?;
        acting_party(&charter, &event.party, event.at)?;
        if let crate::event::EvidenceForm::Sealed(seal) = &evidence.form
            && let Some(unknown) = seal
                .releasable_to
                .iter()
                .find(|p| charter.party_idx(p.as_str()).is_none())
        {
            return Err(Rejection::UnknownReleasee {
                party: unknown.clone(),
            });
        }
        let id = &evidence.claim;
        match self.claims.get_mut(id) {
            Some(live) => {
                // Classified evidence counts as one kind, `classified`, however many items: no
                // determination may depend on sealed content.
                let kind = evidence.counted_kind();
                if !live.evidence_kinds.iter().any(|k| k == kind) {
                    live.evidence_kinds.push(kind.to_owned());
                }
                if live.evidence_required > 0 {
                    self.settle_claim(id, event.at, false, out);
                }
                Ok(Accepted::Recorded)
            }
            // Evidence about a determined or withdrawn claim is kept on the record.
            None => match self.closed_claims.get(id) {
                None => Err(Rejection::UnknownClaim { claim: id.clone() }),
                Some(c) if c.status == ClaimStatus::Rejected => {
                    Err(Rejection::ClaimWasRejected { claim: id.clone() })
                }
                Some(_) => Ok(Accepted::Recorded),
            },
        }
    }

    fn convene(&mut self, event: &Event, id: &ClaimId) -> Judgement {
        let live = self.live_claim(id, event.at, false)?;
        let charter = &live.proceeding.charter;
        let party = charter.party_idx(event.party.as_str());
        let allowed = party.is_some_and(|p| {
            charter.has_role(p, Role::Secretariat) || live.proceeding.slot(p).is_some()
        });
        if !allowed {
            return Err(Rejection::MayNotConvene {
                party: event.party.clone(),
                claim: id.clone(),
            });
        }
        Ok(Accepted::Recorded)
    }

    fn vote_on_claim(
        &mut self,
        event: &Event,
        id: &ClaimId,
        verdict: Verdict,
        out: &mut Vec<Derived>,
    ) -> Judgement {
        let live = self.live_claim(id, event.at, true)?;
        let choice = match (live.burden, verdict) {
            (_, Verdict::Abstain) => Choice::Abstain,
            // The motion is "unfounded" under the flipped burden, "founded" under the standard.
            (Burden::Flipped, Verdict::Unfounded) | (Burden::Standard, Verdict::Founded) => {
                Choice::Yes
            }
            (Burden::Flipped, Verdict::Founded) | (Burden::Standard, Verdict::Unfounded) => {
                Choice::No
            }
        };
        let slot = voter_slot(&live.proceeding, &event.party, event.at, id.as_str(), |c| {
            claim_vote_name(live.burden, c)
        })?;
        if let Some(live) = self.claims.get_mut(id) {
            live.proceeding.record_vote(slot, choice);
        }
        self.settle_claim(id, event.at, false, out);
        Ok(Accepted::Recorded)
    }

    /// Determines the claim if its outcome is certain at `at`. `final_`: the deadline has passed,
    /// so members who have not voted count as abstaining.
    fn settle_claim(&mut self, id: &ClaimId, at: Timestamp, final_: bool, out: &mut Vec<Derived>) {
        let Some(live) = self.claims.get(id) else {
            return;
        };
        let p = &live.proceeding;
        let tally = p.tally();
        let motion = p.rule().outcome(&tally, final_);
        let evidence_ok = live.evidence_kinds.len() >= live.evidence_required as usize;
        let activate_or_wait = |basis| {
            if evidence_ok {
                Some((ClaimStatus::Activated, basis))
            } else if final_ {
                Some((ClaimStatus::Dismissed, Basis::EvidenceInsufficient))
            } else {
                None
            }
        };
        let not_adopted = if final_ {
            Basis::NotAdoptedByDeadline
        } else {
            Basis::CannotBeAdopted
        };
        let determination = match (live.burden, motion) {
            (_, Outcome::Open) => None,
            (Burden::Flipped, Outcome::Adopted) => Some((ClaimStatus::Dismissed, Basis::Adopted)),
            (Burden::Flipped, Outcome::NotAdopted) => activate_or_wait(not_adopted),
            (Burden::Standard, Outcome::Adopted) => activate_or_wait(Basis::Adopted),
            (Burden::Standard, Outcome::NotAdopted) => Some((ClaimStatus::Dismissed, not_adopted)),
        };
        let Some((status, basis)) = determination else {
            return;
        };
        let Some(live) = self.claims.remove(id) else {
            return;
        };
        let (yes, no) = (tally.yes, tally.no);
        let (founded, unfounded) = match live.burden {
            Burden::Flipped => (no, yes),
            Burden::Standard => (yes, no),
        };
        out.push(Derived {
            at,
            kind: DerivedKind::ClaimDetermined {
                claim: id.clone(),
                status,
                basis,
                tally: ClaimTally {
                    founded,
                    unfounded,
                    abstain: tally.abstain,
                    not_voted: tally.not_voted(),
                },
            },
        });
        self.closed_claims.insert(
            id.clone(),
            ClosedClaim {
                status,
                deadline: Some(live.proceeding.deadline),
            },
        );
        let funded = if status == ClaimStatus::Activated {
            self.respond(at, id, live.severity, out)
        } else {
            None
        };
        let fund = self.charter_at(at).ok();
        let fund = fund.as_ref().and_then(|c| c.fund.as_ref());
        if let Some(d) = self.fund.settle_tranche(at, fund, id, funded.as_ref()) {
            out.push(d);
        }
    }

    // --- responses ---------------------------------------------------------------------------

    /// An activated claim activates its tier and, with enough activated claims in the trailing
    /// window, the escalation tier. Returns the activation that moved the fund to conflict
    /// mode, if one did.
    fn respond(
        &mut self,
        at: Timestamp,
        claim: &ClaimId,
        severity: u8,
        out: &mut Vec<Derived>,
    ) -> Option<ActivationId> {
        // A version is in force: the claim was filed under one, and versions only accumulate.
        let charter = self.charter_at(at).ok()?;
        let mut funded = None;
        if let Some(tier) = charter.tier_for(severity) {
            let a = self.activate(at, &charter, tier, Cause::Claim, vec![claim.clone()], out);
            funded = self.fund.triggered_by(&a).then_some(a);
        }
        let Some(escalation) = &charter.escalation else {
            return funded;
        };
        self.window.push_back(Counted {
            at,
            claim: claim.clone(),
            severity,
        });
        let start = escalation.window.before(at);
        while self.window.front().is_some_and(|c| c.at < start) {
            self.window.pop_front();
        }
        let sum: u64 = self.window.iter().map(|c| u64::from(c.severity)).sum();
        if sum >= u64::from(escalation.threshold) {
            let claims = self.window.drain(..).map(|c| c.claim).collect();
            let a = self.activate(
                at,
                &charter,
                escalation.tier,
                Cause::Escalation,
                claims,
                out,
            );
            if funded.is_none() && self.fund.triggered_by(&a) {
                funded = Some(a);
            }
        }
        funded
    }

    fn activate(
        &mut self,
        at: Timestamp,
        charter: &Arc<Charter>,
        tier: TierIdx,
        cause: Cause,
        claims: Vec<ClaimId>,
        out: &mut Vec<Derived>,
    ) -> ActivationId {
        self.activations += 1;
        let activation = ActivationId::join(&[&format!("A{}", self.activations)]);
        let tier = charter.tier(tier);
        out.push(Derived {
            at,
            kind: DerivedKind::Activation {
                activation: activation.clone(),
                cause,
                claims,
                tier: tier.id.clone(),
                packages: tier
                    .packages
                    .iter()
                    .map(|p| charter.package(*p).id.clone())
                    .collect(),
                charter_version: charter.version.clone(),
            },
        });
        for &package in &tier.packages {
            match &charter.package(package).decision {
                Some(_) => self.open_package_decision(at, charter, &activation, package, out),
                None => self.create_obligations(at, charter, &activation, package, out),
            }
        }
        activation
    }

    fn open_package_decision(
        &mut self,
        at: Timestamp,
        charter: &Arc<Charter>,
        activation: &ActivationId,
        package: PackageIdx,
        out: &mut Vec<Derived>,
    ) {
        let pkg = charter.package(package);
        let Some(rule) = &pkg.decision else { return };
        let id = DecisionId::join(&[activation.as_str(), pkg.id.as_str()]);
        let proceeding = Proceeding::open(Arc::clone(charter), rule.body, at, rule.decide_within);
        let verb = match rule.proceed_if {
            ProceedIf::Adopted => "adopt",
            ProceedIf::NotBlocked => "block",
        };
        out.push(Derived {
            at,
            kind: DerivedKind::DecisionOpened {
                decision: id.clone(),
                body: charter.body(rule.body).id.clone(),
                motion: if pkg.name == pkg.id.as_str() {
                    format!("{verb} package `{}` for activation {activation}", pkg.id)
                } else {
                    format!(
                        "{verb} package `{}` ({}) for activation {activation}",
                        pkg.id, pkg.name
                    )
                },
                activation: activation.clone(),
                package: pkg.id.clone(),
                proceed_if: rule.proceed_if,
                deadline: proceeding.deadline,
                members: member_ids(&proceeding),
            },
        });
        self.start_decision(
            id.clone(),
            proceeding,
            Some(PackageRef {
                activation: activation.clone(),
                package,
                proceed_if: rule.proceed_if,
            }),
        );
        self.settle_decision(&id, at, false, out);
    }

    fn create_obligations(
        &mut self,
        at: Timestamp,
        charter: &Charter,
        activation: &ActivationId,
        package: PackageIdx,
        out: &mut Vec<Derived>,
    ) {
        let pkg = charter.package(package);
        for (k, template) in pkg.obligations.iter().enumerate() {
            let id =
                ObligationId::join(&[activation.as_str(), pkg.id.as_str(), &(k + 1).to_string()]);
            let due = template.due_within.after(at);
            let party = charter.party(template.party).id.clone();
            let created = Derived {
                at,
                kind: DerivedKind::ObligationCreated {
                    obligation: id.clone(),
                    activation: activation.clone(),
                    package: pkg.id.clone(),
                    party: party.clone(),
                    kind: template.kind.clone(),
                    description: Arc::clone(&template.description),
                    amount: template.money.as_ref().map(|m| m.amount),
                    currency: template.money.as_ref().map(|m| m.currency.clone()),
                    item: template.items.as_ref().map(|i| i.item.clone()),
                    quantity: template.items.as_ref().map(|i| i.quantity),
                    due,
                },
            };
            self.tracker.derived(&created);
            out.push(created);
            self.schedule(due, TimerKind::ObligationDue(id.clone()));
            self.obligations.insert(
                id,
                LiveObligation {
                    party,
                    due,
                    overdue: false,
                },
            );
        }
        self.draw_down(at, charter, activation, package, out);
        if pkg
            .obligations
            .iter()
            .any(|o| o.kind == snapback_charter::ObligationKind::Funds)
        {
            self.trigger_fund(at, charter, activation, &pkg.id, out);
        }
    }

    // --- decisions ---------------------------------------------------------------------------

    fn start_decision(
        &mut self,
        id: DecisionId,
        proceeding: Proceeding,
        package: Option<PackageRef>,
    ) {
        self.schedule(proceeding.deadline, TimerKind::DecisionDeadline(id.clone()));
        let departures: Vec<Timestamp> = proceeding.departures().collect();
        for at in departures {
            self.schedule(at, TimerKind::DecisionRecheck(id.clone()));
        }
        self.decisions.insert(
            id,
            LiveDecision {
                proceeding,
                package,
            },
        );
    }

    fn open_decision(
        &mut self,
        event: &Event,
        opened: &DecisionOpened,
        out: &mut Vec<Derived>,
    ) -> Judgement {
        let id = &opened.decision;
        if self.decisions.contains_key(id) || self.closed_decisions.contains_key(id) {
            return Err(Rejection::DuplicateDecision {
                decision: id.clone(),
            });
        }
        let charter = self.charter_at(event.at)?;
        let party = acting_party(&charter, &event.party, event.at)?;
        let body =
            charter
                .body_idx(opened.body.as_str())
                .ok_or_else(|| Rejection::UnknownBody {
                    body: opened.body.clone(),
                })?;
        let proceeding =
            Proceeding::open(Arc::clone(&charter), body, event.at, opened.decide_within);
        if !charter.has_role(party, Role::Secretariat) && proceeding.slot(party).is_none() {
            return Err(Rejection::MayNotOpen {
                party: event.party.clone(),
                body: opened.body.clone(),
            });
        }
        let accepted = Accepted::DecisionOpened {
            deadline: proceeding.deadline,
            members: member_ids(&proceeding),
        };
        self.start_decision(id.clone(), proceeding, None);
        self.settle_decision(id, event.at, false, out);
        Ok(accepted)
    }

    fn vote_on_decision(
        &mut self,
        event: &Event,
        id: &DecisionId,
        choice: Choice,
        out: &mut Vec<Derived>,
    ) -> Judgement {
        let Some(live) = self.decisions.get(id) else {
            return Err(match self.closed_decisions.get(id) {
                None => Rejection::UnknownDecision {
                    decision: id.clone(),
                },
                Some(c) if event.at > c.deadline => Rejection::VoteAfterDeadline {
                    target: id.to_string(),
                    deadline: c.deadline,
                },
                Some(c) => Rejection::DecisionClosed {
                    decision: id.clone(),
                    status: c.status,
                },
            });
        };
        let slot = voter_slot(&live.proceeding, &event.party, event.at, id.as_str(), |c| {
            c.to_string()
        })?;
        if let Some(live) = self.decisions.get_mut(id) {
            live.proceeding.record_vote(slot, choice);
        }
        self.settle_decision(id, event.at, false, out);
        Ok(Accepted::Recorded)
    }

    fn settle_decision(
        &mut self,
        id: &DecisionId,
        at: Timestamp,
        final_: bool,
        out: &mut Vec<Derived>,
    ) {
        let Some(live) = self.decisions.get(id) else {
            return;
        };
        let p = &live.proceeding;
        let tally = p.tally();
        let (status, basis) = match p.rule().outcome(&tally, final_) {
            Outcome::Open => return,
            Outcome::Adopted => (DecisionStatus::Adopted, Basis::Adopted),
            Outcome::NotAdopted if final_ => {
                (DecisionStatus::NotAdopted, Basis::NotAdoptedByDeadline)
            }
            Outcome::NotAdopted => (DecisionStatus::NotAdopted, Basis::CannotBeAdopted),
        };
        let Some(live) = self.decisions.remove(id) else {
            return;
        };
        out.push(Derived {
            at,
            kind: DerivedKind::DecisionDetermined {
                decision: id.clone(),
                status,
                basis,
                tally: DecisionTally {
                    yes: tally.yes,
                    no: tally.no,
                    abstain: tally.abstain,
                    not_voted: tally.not_voted(),
                },
            },
        });
        self.closed_decisions.insert(
            id.clone(),
            ClosedDecision {
                status,
                deadline: live.proceeding.deadline,
            },
        );
        if let Some(pkg) = live.package
            && proceeds(pkg.proceed_if, status)
        {
            self.create_obligations(
                at,
                &live.proceeding.charter,
                &pkg.activation,
                pkg.package,
                out,
            );
        }
    }

    // --- obligations -------------------------------------------------------------------------

    fn fulfil(&mut self, event: &Event, id: &ObligationId) -> Judgement {
        if self.fund.is_call(id) {
            return Err(Rejection::PayIntoFund {
                obligation: id.clone(),
            });
        }
        if self.tracker.obligations.get(id).is_some() {
            return Err(Rejection::ReceiveItems {
                obligation: id.clone(),
            });
        }
        let Some(live) = self.obligations.get(id) else {
            return Err(if self.fulfilled.contains(id) {
                Rejection::AlreadyFulfilled {
                    obligation: id.clone(),
                }
            } else {
                Rejection::UnknownObligation {
                    obligation: id.clone(),
                }
            });
        };
        if live.party != event.party {
            let charter = self.charter_at(event.at)?;
            let secretariat = charter
                .party_idx(event.party.as_str())
                .is_some_and(|p| charter.has_role(p, Role::Secretariat));
            if !secretariat {
                return Err(Rejection::NotObligor {
                    obligation: id.clone(),
                    owner: live.party.clone(),
                });
            }
        }
        let late = event.at > live.due;
        self.close_obligation(id);
        Ok(Accepted::Fulfilled { late })
    }

    /// An obligation is met: it leaves the live set and its id stays taken.
    fn close_obligation(&mut self, id: &ObligationId) -> Option<LiveObligation> {
        let live = self.obligations.remove(id)?;
        self.fulfilled.insert(id.clone());
        Some(live)
    }
}

/// Whether a package proceeds after its decision.
pub fn proceeds(proceed_if: ProceedIf, status: DecisionStatus) -> bool {
    matches!(
        (proceed_if, status),
        (ProceedIf::Adopted, DecisionStatus::Adopted)
            | (ProceedIf::NotBlocked, DecisionStatus::NotAdopted)
    )
}

/// The word a vote on a claim is written with, given the motion's choice.
pub fn claim_vote_name(burden: Burden, choice: Choice) -> String {
    let verdict = match (burden, choice) {
        (_, Choice::Abstain) => "abstain",
        (Burden::Flipped, Choice::Yes) | (Burden::Standard, Choice::No) => "unfounded",
        (Burden::Flipped, Choice::No) | (Burden::Standard, Choice::Yes) => "founded",
    };
    verdict.to_owned()
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
