//! One simulated run: the behaviour models generate dated events (violations, claims, votes),
//! the **real engine** judges them under the variant's charter and fires its deadlines, and the
//! adversary reacts to the activations the engine concludes. See `docs/simulator.md` for the
//! model in the ODD protocol's terms.
//!
//! Randomness: ChaCha8 generators per run, one per purpose (adversary, detection and
//! fabrication, voting, political will, decisions, blocs, regimes, renewals, appropriations),
//! each keyed by the master seed and the purpose and set to the stream numbered by the run
//! index. Detection draws for violation `i` and voting draws
//! for claim `k` start at fixed word positions of their streams, so a variant that changes one
//! claim's fate leaves every other claim's draws alone (common random numbers across variants).

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};
use rustc_hash::FxHashMap;
use sha2::{Digest, Sha256};
use snapback_charter::{
    ActivationId, Charter, CharterHistory, Choice, ClaimId, DecisionId, MeasureId, PartyId,
};
use snapback_engine::derived::{Cause, ClaimStatus};
use snapback_engine::event::{ClaimFiled, Verdict, VoteCast};
use snapback_engine::{Derived, DerivedKind, Engine, Event, EventKind, Judgement, Sink};

use crate::config::{Adversary, Config, VoteModel};
use crate::record::RunRecord;

mod adversary;
mod appropriations;
mod conclusions;
mod random;
mod regime;
mod schedule;
mod will;

use adversary::*;
use appropriations::*;
use conclusions::*;
use random::*;
use regime::Regimes;
use schedule::*;
use will::Will;

const HOUR_S: i64 = 3_600;
const DAY_S: i64 = 86_400;
/// Words of the voting stream reserved for each claim (room for 170 members' draws).
const VOTE_WORDS_PER_CLAIM: u128 = 1_024;
/// The most members a verifying body may have in a simulation (three 64-bit draws each must fit
/// in a claim's block).
pub const VOTERS_MAX: usize = 170;
/// Words of the detection stream reserved for each violation.
const FILING_WORDS_PER_VIOLATION: u128 = 16;
/// Bounds that keep one run finite whatever the config says.
pub const VIOLATIONS_MAX: u64 = 1_000_000;

/// The purposes with their own generators.
#[derive(Debug, Clone, Copy)]
enum Purpose {
    Adversary = 0,
    Filing = 1,
    Voting = 2,
    Will = 3,
    Decisions = 4,
    Blocs = 5,
    Regimes = 6,
    Renewals = 7,
    Appropriations = 8,
}

/// The ChaCha8 keys of a sweep: one per purpose, from the master seed.
#[derive(Debug, Clone)]
pub struct Keys([[u8; 32]; 9]);

impl Keys {
    pub fn new(master_seed: u64) -> Keys {
        let key = |purpose: &str| -> [u8; 32] {
            let mut h = Sha256::new();
            h.update(b"snapback-sim/v1\0");
            h.update(master_seed.to_le_bytes());
            h.update(purpose.as_bytes());
            h.finalize().into()
        };
        Keys([
            key("adversary"),
            key("filing"),
            key("voting"),
            key("will"),
            key("decisions"),
            key("blocs"),
            key("regimes"),
            key("renewals"),
            key("appropriations"),
        ])
    }

    fn stream(&self, purpose: Purpose, run: u64) -> ChaCha8Rng {
        let mut rng = ChaCha8Rng::from_seed(self.0[purpose as usize]);
        rng.set_stream(run);
        rng
    }

    /// The number printed as a run's seed: the first word of its adversary stream, which
    /// identifies (master seed, run) in the CSV.
    pub fn run_seed(&self, run: u64) -> u64 {
        self.stream(Purpose::Adversary, run).next_u64()
    }
}

/// One variant, ready to run: its charter and the behaviour it is run against.
#[derive(Debug)]
pub struct Prepared {
    pub history: CharterHistory,
    pub charter: Arc<Charter>,
    pub beneficiary: PartyId,
    /// The verifying body's members (from the charter, in order) with their vote models.
    pub voters: Vec<(PartyId, VoteModel)>,
    /// Every party that votes on something in a run: the verifying body's members and those
    /// of the bodies deciding packages and renewing measures.
    pub deciders: Vec<PartyId>,
    pub aid_lag_s: i64,
    /// Whether a response waits for the units its activation draws (`aid_lag_from_readiness`).
    pub lag_from_readiness: bool,
    /// Whether a response waits for its surge shares' appropriations (`appropriations`).
    pub lag_from_appropriations: bool,
    /// How long a response stays in effect (`response_duration`); `None`: for good.
    pub response_s: Option<i64>,
    /// Whether a response that touched measures lasts while they apply.
    pub follow_measures: bool,
    /// The engine every run starts from: the variant's charter, with the capability record
    /// (`[simulation] record`) applied.
    pub engine: Engine,
    /// The record's events, which a replayed run (`--replay-run`) starts with.
    pub record: Vec<Event>,
    /// Each `[[voting.regime_change]]`'s new model, in the config's order.
    pub regime_models: Vec<VoteModel>,
}

impl Prepared {
    pub fn new(charter: Charter, history: CharterHistory, config: &Config, aid_lag_s: i64) -> Self {
        let body = charter.verification.body;
        let start = config.simulation.start.map_or(charter.effective, |i| i.0);
        let members = charter.members_at(body, start);
        let voters = members
            .into_iter()
            .map(|p| {
                let id = charter.party(p).id.clone();
                let model = config.voting.model_for(id.as_str());
                (id, model)
            })
            .collect();
        let beneficiary = charter.party(charter.beneficiary).id.clone();
        let deciding_bodies = std::iter::once(body)
            .chain(
                charter
                    .packages
                    .iter()
                    .filter_map(|p| p.decision.as_ref().map(|d| d.body)),
            )
            .chain(
                charter
                    .measures
                    .iter()
                    .filter_map(|m| m.renewal.as_ref().map(|r| r.body)),
            );
        let mut deciders: Vec<PartyId> = Vec::new();
        for b in deciding_bodies {
            for p in charter.members_at(b, start) {
                let id = &charter.party(p).id;
                if !deciders.contains(id) {
                    deciders.push(id.clone());
                }
            }
        }
        Prepared {
            deciders,
            engine: Engine::new(history.clone()),
            record: Vec::new(),
            lag_from_readiness: false,
            lag_from_appropriations: false,
            follow_measures: false,
            history,
            charter: Arc::new(charter),
            beneficiary,
            voters,
            aid_lag_s,
            response_s: None,
            regime_models: config
                .voting
                .regime_change
                .iter()
                .map(|r| config.voting.model_after(r))
                .collect(),
        }
    }
}

/// What is waiting to happen, by time (seconds since the start) and creation order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Pending {
    Violation,
    Fabricated,
    File {
        claim: u32,
    },
    Vote {
        claim: u32,
        voter: u16,
        verdict: u8,
    },
    /// Waiting share `share` (in the order the engine left them waiting) is appropriated.
    Appropriation {
        share: u32,
    },
    DecisionVote {
        /// A measure's renewal (else a package decision).
        renewal: bool,
        decision: u32,
        voter: u16,
        choice: u8,
    },
}

/// A run's events, its record, and how many claims went through the engine.
#[derive(Debug)]
pub struct RunOutput {
    pub record: RunRecord,
    pub claims_through_engine: u64,
    /// The events the engine accepted, when asked for (`--replay-run`).
    pub events: Option<Vec<Event>>,
}

/// Runs one variant's run `run`.
pub fn run(
    config: &Config,
    variant: &str,
    prepared: &Prepared,
    keys: &Keys,
    run: u64,
    keep_events: bool,
) -> RunOutput {
    let start = config
        .simulation
        .start
        .map_or(prepared.charter.effective, |i| i.0);
    let horizon_s = i64::try_from(config.simulation.horizon.seconds()).unwrap_or(i64::MAX / 4);
    let mut adversary_rng = keys.stream(Purpose::Adversary, run);
    let seed = adversary_rng.next_u64();
    let mut filing_rng = keys.stream(Purpose::Filing, run);
    let mut fabrication_rng = keys.stream(Purpose::Filing, run);
    // Fabricated claims use the far end of the filing stream, clear of the detection draws.
    fabrication_rng.set_word_pos(1u128 << 64);
    let mut voting_rng = keys.stream(Purpose::Voting, run);
    let mut ballots = Ballots::new(keys, run);
    let mut appropriations = Appropriations::new(config, keys, run);
    let will = Will::new(&config.voting, keys, run);
    let regimes = Regimes::new(config, prepared, keys, run);

    let mut engine = prepared.engine.clone();
    let mut seen = Conclusions {
        start: Some(start),
        aid_lag_s: prepared.aid_lag_s,
        lag_from_readiness: prepared.lag_from_readiness,
        lag_from_appropriations: prepared.lag_from_appropriations,
        follow_measures: prepared.follow_measures,
        events: keep_events.then(|| prepared.record.clone()),
        ..Conclusions::default()
    };
    let mut queue: BinaryHeap<Reverse<(i64, u64, Pending)>> = BinaryHeap::new();
    let mut seq = 0u64;
    let mut push = |queue: &mut BinaryHeap<Reverse<(i64, u64, Pending)>>, at_s: i64, p: Pending| {
        seq += 1;
        queue.push(Reverse((at_s, seq, p)));
    };
    let mut adversary = AdversaryState {
        severity: match &config.adversary {
            Adversary::ProbeThenEscalate { start_severity, .. } => *start_severity,
            Adversary::Salami { severity, .. } | Adversary::Offensive { severity, .. } => *severity,
        },
        pauses: Vec::new(),
        activations_at_last: 0,
        day_rate: None,
        learned_threshold: None,
        activations_read: 0,
        record_read: 0,
    };
    // What the adversary can learn from: the variant's escalation window, when it has one and
    // the config asks the adversary to stay under it.
    let learn_window_s = match (&config.adversary, &prepared.charter.escalation) {
        (
            Adversary::Salami {
                stay_under_escalation: true,
                ..
            },
            Some(escalation),
        ) => Some(i64::try_from(escalation.window.seconds()).unwrap_or(i64::MAX / 4)),
        _ => None,
    };
    let first = match &config.adversary {
        Adversary::Salami {
            dispersion: Some(_),
            ..
        } => adversary.next_violation_s(&config.adversary, &mut adversary_rng, 0, horizon_s),
        other => first_violation_s(other, &mut adversary_rng),
    };
    if let Some(first) = first {
        push(&mut queue, first, Pending::Violation);
    }
    if config.filing.fabricated_per_day > 0.0 {
        let wait = exponential_s(
            &mut fabrication_rng,
            config.filing.fabricated_per_day / DAY_S as f64,
        );
        push(&mut queue, wait, Pending::Fabricated);
    }
    let gains = &config.adversary.gain().per_violation;
    let mut violations = 0u64;
    let mut gain_events: Vec<(i64, f64)> = Vec::new();
    let mut last_s = -1i64;
    let delay_s = config
        .filing
        .delay
        .map_or(0, |d| i64::try_from(d.seconds()).unwrap_or(0));
    // Whole seconds from the start as an instant: by the start's second count when it has no
    // fraction (every instant here does), which is cheaper than duration arithmetic.
    let (start_second, start_whole) = (start.as_second(), start.subsec_nanosecond() == 0);
    let at = |s: i64| {
        let exact = start_whole
            .then(|| start_second.checked_add(s))
            .flatten()
            .and_then(|second| Timestamp::from_second(second).ok());
        exact.unwrap_or_else(|| {
            start
                .checked_add(SignedDuration::from_secs(s))
                .unwrap_or(Timestamp::MAX)
        })
    };
    while let Some(Reverse((t, key, pending))) = queue.pop() {
        // After the horizon nothing new happens; claims already made are still filed and
        // voted on, so every claim is determined.
        if t > horizon_s && matches!(pending, Pending::Violation | Pending::Fabricated) {
            continue;
        }
        if t > last_s && last_s >= 0 {
            // Deadlines before this instant fire first (the engine's rule), one at a time: a
            // deadline that activates a package opens its decision, whose votes may come
            // before this event.
            // An advance the engine refuses (a deadline behind its present) falls through to
            // the advance to `t - 1` below, which fires it; retrying it would never end.
            if let Some(deadline) = engine.next_deadline()
                && seen.seconds(deadline) < t - 1
                && engine.advance(deadline, &mut seen).is_ok()
            {
                last_s = last_s.max(seen.seconds(deadline));
                adversary.register_pauses(config, &seen);
                ballots.schedule(config, &seen, &will, &regimes, &mut |at_s, p| {
                    push(&mut queue, at_s, p)
                });
                appropriations.schedule(&seen, &mut |at_s, p| push(&mut queue, at_s, p));
                queue.push(Reverse((t, key, pending)));
                continue;
            }
            let _ = engine.advance(at(t - 1), &mut seen);
            adversary.register_pauses(config, &seen);
        }
        last_s = last_s.max(t);
        match pending {
            Pending::Violation => {
                if let Some(until) = adversary.paused_at(t) {
                    push(&mut queue, until, Pending::Violation);
                    continue;
                }
                if violations >= VIOLATIONS_MAX {
                    continue;
                }
                if let Adversary::Salami {
                    read_record: true,
                    severity,
                    ..
                } = &config.adversary
                {
                    adversary.read_record(&seen, *severity);
                }
                if let Some(window_s) = learn_window_s {
                    adversary.learn(&seen, window_s);
                    if let Some(later) =
                        adversary.hold_under(&seen, t, adversary.severity, window_s)
                    {
                        push(&mut queue, later, Pending::Violation);
                        continue;
                    }
                }
                let activations_now = seen.responses.len();
                if let (Adversary::ProbeThenEscalate { .. }, true) =
                    (&config.adversary, violations > 0)
                {
                    adversary.severity = if activations_now > adversary.activations_at_last {
                        start_severity(&config.adversary)
                    } else {
                        (adversary.severity + 1).min(5)
                    };
                }
                adversary.activations_at_last = activations_now;
                let severity = adversary.severity;
                let index = violations;
                seen.first_violation_s.get_or_insert(t);
                violations += 1;
                let in_effect = seen.response_in_effect(t, prepared.response_s);
                if !in_effect {
                    gain_events.push((t, gains[usize::from(severity.clamp(1, 5)) - 1]));
                }
                filing_rng.set_word_pos(u128::from(index) * FILING_WORDS_PER_VIOLATION);
                if unit(&mut filing_rng) < config.filing.detection
                    && let Some(k) = new_claim(&mut seen, true, severity, t)
                {
                    push(&mut queue, t + delay_s, Pending::File { claim: k });
                }
                if let Some(next) =
                    adversary.next_violation_s(&config.adversary, &mut adversary_rng, t, horizon_s)
                {
                    push(&mut queue, next, Pending::Violation);
                }
            }
            Pending::Fabricated => {
                if let Some(k) = new_claim(&mut seen, false, config.filing.fabricated_severity, t) {
                    push(&mut queue, t, Pending::File { claim: k });
                }
                let wait = exponential_s(
                    &mut fabrication_rng,
                    config.filing.fabricated_per_day / DAY_S as f64,
                );
                push(&mut queue, t.saturating_add(wait), Pending::Fabricated);
            }
            Pending::File { claim } => {
                let Some(c) = seen.claims.get(claim as usize).cloned() else {
                    continue;
                };
                let event = Event {
                    at: at(t),
                    party: prepared.beneficiary.clone(),
                    kind: EventKind::ClaimFiled(ClaimFiled {
                        claim: c.id.clone(),
                        category: "ceasefire-violation".to_owned(),
                        severity: i64::from(c.severity),
                        summary: "simulated".to_owned(),
                        location: None,
                        occurred_at: c.genuine.then(|| at(c.violation_s)),
                        allegation: Default::default(),
                    }),
                };
                engine.apply(u64::from(claim), &event, &mut seen);
                voting_rng.set_word_pos(u128::from(claim) * VOTE_WORDS_PER_CLAIM);
                for (v, (party, model)) in prepared.voters.iter().enumerate() {
                    let model = regimes.model_at(party, t).unwrap_or(model);
                    if let Some((delay, verdict)) = draw_vote(
                        &mut voting_rng,
                        model,
                        c.genuine,
                        will.of(party, seen.record.false_activations),
                    ) {
                        push(
                            &mut queue,
                            t + delay,
                            Pending::Vote {
                                claim,
                                voter: v as u16,
                                verdict,
                            },
                        );
                    }
                }
            }
            // Decision and claim votes look alike in shape, but one casts a choice on a decision,
            // the other a verdict on a claim, each with its own voter list: kept apart on purpose.
            Pending::DecisionVote {
                renewal,
                decision,
                voter,
                choice,
            } => {
                let list = if renewal {
                    &seen.renewals
                } else {
                    &seen.decisions
                };
                let Some(d) = list.get(decision as usize) else {
                    continue;
                };
                let Some(party) = d.members.get(usize::from(voter)) else {
                    continue;
                };
                if d.closed {
                    continue;
                }
                let choice = match choice {
                    0 => Choice::Yes,
                    1 => Choice::No,
                    _ => Choice::Abstain,
                };
                let vote = VoteCast::Decision {
                    decision: d.id.clone(),
                    choice,
                };
                engine.apply(
                    u64::from(decision),
                    &vote_event(at(t), party, vote),
                    &mut seen,
                );
            }
            Pending::Appropriation { share } => {
                let (Some(w), Some(fund)) =
                    (seen.awaiting.get(share as usize), &prepared.charter.fund)
                else {
                    continue;
                };
                let event = appropriation_event(at(t), share, w, fund.currency);
                engine.apply(u64::from(share), &event, &mut seen);
            }
            Pending::Vote {
                claim,
                voter,
                verdict,
            } => {
                let Some(c) = seen.claims.get(claim as usize) else {
                    continue;
                };
                // A determined claim takes no more votes: the engine would refuse them.
                if c.closed {
                    continue;
                }
                let Some((party, _)) = prepared.voters.get(usize::from(voter)) else {
                    continue;
                };
                let verdict = match verdict {
                    0 => Verdict::Unfounded,
                    1 => Verdict::Founded,
                    _ => Verdict::Abstain,
                };
                let vote = VoteCast::Claim {
                    claim: c.id.clone(),
                    verdict,
                };
                engine.apply(u64::from(claim), &vote_event(at(t), party, vote), &mut seen);
            }
        }
        ballots.schedule(config, &seen, &will, &regimes, &mut |at_s, p| {
            push(&mut queue, at_s, p)
        });
        appropriations.schedule(&seen, &mut |at_s, p| push(&mut queue, at_s, p));
        adversary.register_pauses(config, &seen);
    }
    // Every deadline of a claim made within the horizon fires.
    let tail_s = i64::try_from(prepared.charter.verification.decide_within.seconds())
        .unwrap_or(0)
        .saturating_add(1);
    let _ = engine.advance(at(last_s.max(horizon_s).saturating_add(tail_s)), &mut seen);

    let horizon_days = (horizon_s / DAY_S).max(0) as usize;
    let effective = seen.effective_s;
    let gain_before_response = gain_events
        .iter()
        .filter(|(t, _)| effective.is_none_or(|e| *t < e))
        .map(|(_, g)| g)
        .sum();
    let mut gain_by_day = Vec::with_capacity(horizon_days);
    let mut total = 0.0;
    let mut next = gain_events.iter().peekable();
    for day in 0..horizon_days {
        let end = (day as i64 + 1) * DAY_S;
        while let Some((t, g)) = next.peek() {
            if *t < end {
                total += g;
                next.next();
            } else {
                break;
            }
        }
        gain_by_day.push(total);
    }
    let genuine = seen.claims.iter().filter(|c| c.genuine).count() as u64;
    let claims = seen.claims.len() as u64;
    let counts = seen.record.clone();
    RunOutput {
        record: RunRecord {
            variant: variant.to_owned(),
            run,
            seed,
            violations,
            claims,
            genuine_claims: genuine,
            fabricated_claims: claims - genuine,
            activations: counts.activations,
            escalations: counts.escalations,
            dismissals: counts.dismissals,
            false_activations: counts.false_activations,
            obligations: counts.obligations,
            responded: counts.first_response_h.is_some(),
            first_response_h: counts.first_response_h,
            times_to_activation_h: counts.times_to_activation_h,
            gain_before_response,
            gain_by_day,
        },
        claims_through_engine: claims,
        events: seen.events,
    }
}
