//! `snapback bench engine`: folds a generated stream of events through the real engine and
//! prints events per second, next to a baseline measured on the same events in the same run, and
//! the engine's live state and resident memory as the stream goes on.
//!
//! The stream is generated in chunks from a seeded generator that reads back what the engine
//! derived (which claims closed, which decisions and obligations exist), so the votes and
//! fulfilments it produces mostly target live items, as a real log would. Only `Engine::apply`
//! is timed; generation is not.

use std::collections::VecDeque;
use std::time::{Duration as StdDuration, Instant as StdInstant};

use crate::error::Context;
use clap::Args;
use jiff::{SignedDuration, Timestamp};
use rustc_hash::FxHashMap;
use snapback_capability::bench_input::SplitMix;
use snapback_charter::diag::Source;
use snapback_charter::{
    CharterHistory, Choice, ClaimId, DecisionId, ObligationId, PartyId, load_toml,
};
use snapback_engine::derived::{Derived, DerivedKind};
use snapback_engine::engine::{Engine, Judgement, Sink};
use snapback_engine::event::{ClaimFiled, Event, EventKind, Verdict, VoteCast};

#[derive(Args, Debug)]
pub struct EngineArgs {
    /// Events per run.
    #[arg(long, default_value_t = 1_000_000)]
    events: u64,
    /// Runs; the median is reported.
    #[arg(long, default_value_t = 5)]
    runs: u32,
    /// Guarantor parties in the generated charter.
    #[arg(long, default_value_t = 40)]
    guarantors: u32,
    /// Generator seed.
    #[arg(long, default_value_t = 7)]
    seed: u64,
}

/// The goal from the issue: events per second on one core.
const GOAL_EVENTS_PER_SECOND: f64 = 1_000_000.0;
const CHUNK_EVENTS: usize = 512;

/// A charter with `guarantors` guarantors (the first 27 also EU members, for a QMV body), four
/// tiers, escalation, and packages with and without a body decision.
fn bench_charter(guarantors: u32) -> String {
    let mut t = String::from(
        "[charter]\nid = \"bench\"\ntitle = \"Benchmark charter\"\nversion = \"1\"\neffective = 2026-01-01T00:00:00Z\nbeneficiary = \"UA\"\n\n\
         [[party]]\nid = \"UA\"\nname = \"Beneficiary\"\nroles = [\"beneficiary\"]\n\n\
         [[party]]\nid = \"SEC\"\nname = \"Secretariat\"\nroles = [\"secretariat\"]\n\n\
         [[party]]\nid = \"EU\"\nname = \"Union\"\nroles = [\"observer\"]\n\n",
    );
    for i in 0..guarantors {
        let groups = if i < 27 { "[\"EU\"]" } else { "[]" };
        t.push_str(&format!(
            "[[party]]\nid = \"G{i}\"\nname = \"Guarantor {i}\"\nroles = [\"guarantor\"]\ngroups = {groups}\npopulation = {}\n\n",
            1_000_000 + u64::from(i) * 3_000_000
        ));
    }
    t.push_str(
        "[[body]]\nid = \"ministers\"\nmembers = { role = \"guarantor\" }\nrule = \"majority\"\narticle = \"Art. 2\"\n\n\
         [[body]]\nid = \"council\"\nmembers = { group = \"EU\" }\nrule = \"eu-qmv\"\narticle = \"Art. 3\"\n\n\
         [verification]\nclaimants = [\"UA\"]\nbody = \"ministers\"\ndecide_within = \"48h\"\nburden = \"flipped\"\narticle = \"Art. 4\"\n\n\
         [[tier]]\nid = \"t1\"\nmin_severity = 1\npackages = [\"intel\"]\n\n\
         [[tier]]\nid = \"t3\"\nmin_severity = 3\npackages = [\"intel\", \"sanctions\", \"eu\"]\n\n\
         [[tier]]\nid = \"t5\"\nmin_severity = 5\npackages = [\"intel\", \"sanctions\", \"eu\", \"funds\"]\n\n\
         [escalation]\nwindow = \"30d\"\nthreshold = 10\ntier = \"t3\"\n\n",
    );
    let obligation = |party: &str, kind: &str, due: &str| {
        format!(
            "[[package.obligation]]\nparty = \"{party}\"\nkind = \"{kind}\"\ndue_within = \"{due}\"\ndescription = \"bench\"\n\n"
        )
    };
    t.push_str("[[package]]\nid = \"intel\"\n\n");
    t.push_str(&obligation("G0", "intelligence", "24h"));
    t.push_str(&obligation("G1", "intelligence", "24h"));
    // The sanctions package restores two measures (a snapback on a suspended one, then a
    // confirmation that raises a level each time it activates again).
    t.push_str("[[package]]\nid = \"sanctions\"\nrestores = [\"m-sectoral\", \"m-assets\"]\n\n");
    for p in ["G2", "G3", "G4"] {
        t.push_str(&obligation(p, "sanctions", "72h"));
    }
    t.push_str("[[package]]\nid = \"eu\"\n[package.decision]\nbody = \"council\"\ndecide_within = \"7d\"\nproceed_if = \"adopted\"\n\n");
    t.push_str(&obligation("EU", "sanctions", "72h"));
    t.push_str("[[package]]\nid = \"funds\"\n\n");
    for p in ["G5", "G6", "G7", "G8", "G9"] {
        t.push_str(&obligation(p, "funds", "30d"));
    }
    // A register of measures: two the sanctions package restores, one with a sunset, one
    // renewed six-monthly by the council (nobody votes on its renewals here, so it lapses at
    // its first expiry), and one that never lapses.
    t.push_str(
        "[[measure]]\nid = \"m-sectoral\"\nname = \"Sectoral\"\nowner = \"council\"\nkind = \"sanctions\"\nbasis = \"b\"\ninitial = \"suspended\"\nlevels = [\"l1\", \"l2\", \"l3\"]\n\n\
         [[measure]]\nid = \"m-assets\"\nname = \"Assets\"\nowner = \"G0\"\nkind = \"sanctions\"\nbasis = \"b\"\ninitial = \"suspended\"\n\n\
         [[measure]]\nid = \"m-sunset\"\nname = \"Sunset\"\nowner = \"G1\"\nkind = \"intelligence\"\nbasis = \"b\"\ninitial = \"in_force\"\nsunset_after = \"90d\"\n\n\
         [[measure]]\nid = \"m-renewed\"\nname = \"Renewed\"\nowner = \"council\"\nkind = \"sanctions\"\nbasis = \"b\"\ninitial = \"in_force\"\n\
         [measure.renewal]\nbody = \"council\"\nexpires_on = [\"01-31T23:59\", \"07-31T23:59\"]\nzone = \"Europe/Brussels\"\nopens_before = \"30d\"\n\n\
         [[measure]]\nid = \"m-statute\"\nname = \"Statute\"\nowner = \"G2\"\nkind = \"military\"\nbasis = \"b\"\ninitial = \"in_force\"\n\n",
    );
    t
}

/// What the generator learns back from the engine.
#[derive(Default)]
struct Feedback {
    closed_claims: Vec<ClaimId>,
    opened_decisions: Vec<(DecisionId, std::sync::Arc<[PartyId]>)>,
    closed_decisions: Vec<DecisionId>,
    created_obligations: Vec<(ObligationId, PartyId)>,
    accepted: u64,
    rejected: u64,
    derived: u64,
}

impl Sink for Feedback {
    fn input(&mut self, _index: u64, _event: &Event, judgement: &Judgement) {
        match judgement {
            Ok(_) => self.accepted += 1,
            Err(_) => self.rejected += 1,
        }
    }

    fn derived(&mut self, d: &Derived) {
        self.derived += 1;
        match &d.kind {
            DerivedKind::ClaimDetermined { claim, .. } => self.closed_claims.push(claim.clone()),
            DerivedKind::DecisionOpened {
                decision, members, ..
            } => {
                self.opened_decisions
                    .push((decision.clone(), members.clone()));
            }
            DerivedKind::DecisionDetermined { decision, .. } => {
                self.closed_decisions.push(decision.clone())
            }
            DerivedKind::ObligationCreated {
                obligation, party, ..
            } => {
                self.created_obligations
                    .push((obligation.clone(), party.clone()));
            }
            _ => {}
        }
    }
}

/// An item still open, with the parties that have not acted on it yet.
struct OpenItem<Id> {
    id: Id,
    voters: Vec<PartyId>,
}

/// Generates events in time order, steered by the engine's feedback.
struct Generator {
    rng: SplitMix,
    at: Timestamp,
    next_claim: u64,
    guarantors: Vec<PartyId>,
    ua: PartyId,
    sec: PartyId,
    claims: Vec<OpenItem<ClaimId>>,
    claim_slot: FxHashMap<ClaimId, usize>,
    decisions: Vec<OpenItem<DecisionId>>,
    decision_slot: FxHashMap<DecisionId, usize>,
    obligations: VecDeque<(ObligationId, PartyId)>,
}

fn remove_item<Id: Clone + Eq + std::hash::Hash>(
    items: &mut Vec<OpenItem<Id>>,
    slots: &mut FxHashMap<Id, usize>,
    id: &Id,
) {
    let Some(i) = slots.remove(id) else { return };
    items.swap_remove(i);
    if let Some(moved) = items.get(i) {
        slots.insert(moved.id.clone(), i);
    }
}

impl Generator {
    fn new(seed: u64, guarantors: u32) -> crate::error::Result<Self> {
        let id = |s: &str| PartyId::new(s).with_context(|| format!("party id {s}"));
        Ok(Self {
            rng: SplitMix(seed),
            at: Timestamp::from_second(1_767_225_600).context("start instant")?, // 2026-01-01
            next_claim: 0,
            guarantors: (0..guarantors)
                .map(|i| id(&format!("G{i}")))
                .collect::<crate::error::Result<_>>()?,
            ua: id("UA")?,
            sec: id("SEC")?,
            claims: Vec::new(),
            claim_slot: FxHashMap::default(),
            decisions: Vec::new(),
            decision_slot: FxHashMap::default(),
            obligations: VecDeque::new(),
        })
    }

    fn learn(&mut self, f: &mut Feedback) {
        for c in f.closed_claims.drain(..) {
            remove_item(&mut self.claims, &mut self.claim_slot, &c);
        }
        for (d, members) in f.opened_decisions.drain(..) {
            self.decision_slot.insert(d.clone(), self.decisions.len());
            self.decisions.push(OpenItem {
                id: d,
                voters: members.to_vec(),
            });
        }
        for d in f.closed_decisions.drain(..) {
            remove_item(&mut self.decisions, &mut self.decision_slot, &d);
        }
        self.obligations.extend(f.created_obligations.drain(..));
    }

    fn chunk(&mut self, n: usize, out: &mut Vec<Event>) -> crate::error::Result<()> {
        out.clear();
        for _ in 0..n {
            self.at = self
                .at
                .checked_add(SignedDuration::from_secs(1 + self.rng.below(90) as i64))
                .context("time overflow")?;
            // About 4% filings, half the events votes on claims, the rest decision votes and
            // fulfilments; a backlog of obligations is worked off first, as parties would.
            let roll = self.rng.below(100);
            let event = if roll < 4 {
                self.filing()?
            } else if self.obligations.len() > 256 && roll < 40 {
                self.fulfilment()
            } else if roll < 60 && !self.claims.is_empty() {
                self.claim_vote()
            } else if roll < 75 && !self.decisions.is_empty() {
                self.decision_vote()
            } else if !self.obligations.is_empty() {
                self.fulfilment()
            } else {
                self.filing()?
            };
            out.push(event);
        }
        Ok(())
    }

    fn filing(&mut self) -> crate::error::Result<Event> {
        self.next_claim += 1;
        let claim = ClaimId::new(&format!("C{}", self.next_claim)).context("claim id")?;
        self.claim_slot.insert(claim.clone(), self.claims.len());
        self.claims.push(OpenItem {
            id: claim.clone(),
            voters: self.guarantors.clone(),
        });
        Ok(Event {
            at: self.at,
            party: self.ua.clone(),
            kind: EventKind::ClaimFiled(ClaimFiled {
                claim,
                category: "ceasefire-violation".to_owned(),
                severity: 1 + self.rng.below(5) as i64,
                summary: "generated".to_owned(),
                location: None,
                occurred_at: None,
                allegation: Default::default(),
            }),
        })
    }

    fn claim_vote(&mut self) -> Event {
        let i = self.rng.below(self.claims.len() as u64) as usize;
        if self.claims[i].voters.is_empty() {
            // Everyone voted and the claim is still pending: it awaits its deadline.
            return self.filing_or_fulfilment();
        }
        let roll = self.rng.below(100);
        let item = &mut self.claims[i];
        let j = self.rng.below(item.voters.len() as u64) as usize;
        let party = item.voters.swap_remove(j);
        // Dismissal needs 21 of 40 unfounded votes: some claims get there, most do not.
        let verdict = match roll {
            0..=54 => Verdict::Founded,
            55..=94 => Verdict::Unfounded,
            _ => Verdict::Abstain,
        };
        Event {
            at: self.at,
            party,
            kind: EventKind::VoteCast(VoteCast::Claim {
                claim: item.id.clone(),
                verdict,
            }),
        }
    }

    fn decision_vote(&mut self) -> Event {
        let i = self.rng.below(self.decisions.len() as u64) as usize;
        if self.decisions[i].voters.is_empty() {
            return self.filing_or_fulfilment();
        }
        let roll = self.rng.below(100);
        let item = &mut self.decisions[i];
        let j = self.rng.below(item.voters.len() as u64) as usize;
        let party = item.voters.swap_remove(j);
        let choice = if roll < 80 { Choice::Yes } else { Choice::No };
        Event {
            at: self.at,
            party,
            kind: EventKind::VoteCast(VoteCast::Decision {
                decision: item.id.clone(),
                choice,
            }),
        }
    }

    /// A fulfilment if any obligation is open, else a repeated vote (which the engine rejects).
    fn filing_or_fulfilment(&mut self) -> Event {
        if self.obligations.is_empty() {
            Event {
                at: self.at,
                party: self.sec.clone(),
                kind: EventKind::ObligationFulfilled {
                    obligation: ObligationId::join(&["A0", "none", "1"]),
                    reference: "ref".to_owned(),
                },
            }
        } else {
            self.fulfilment()
        }
    }

    fn fulfilment(&mut self) -> Event {
        // Mostly the oldest first, as obligations are met roughly in order.
        let i = (self.rng.below(4) as usize).min(self.obligations.len().saturating_sub(1));
        let (obligation, party) = self.obligations.remove(i).unwrap_or_else(|| {
            // Unreachable: called only with obligations queued; a harmless rejected event otherwise.
            (ObligationId::join(&["A0", "none", "1"]), self.sec.clone())
        });
        Event {
            at: self.at,
            party,
            kind: EventKind::ObligationFulfilled {
                obligation,
                reference: "ref".to_owned(),
            },
        }
    }
}

/// The floor the engine is compared with: one hash-map touch per event, keyed by the event's
/// target id, over the same events.
pub(crate) fn baseline(events: &[Event], counts: &mut FxHashMap<String, u32>) {
    for e in events {
        let key: &str = match &e.kind {
            EventKind::ClaimFiled(f) => f.claim.as_str(),
            EventKind::VoteCast(VoteCast::Claim { claim, .. }) => claim.as_str(),
            EventKind::VoteCast(VoteCast::Decision { decision, .. }) => decision.as_str(),
            EventKind::ObligationFulfilled { obligation, .. } => obligation.as_str(),
            _ => e.party.as_str(),
        };
        match counts.get_mut(key) {
            Some(n) => *n += 1,
            None => {
                counts.insert(key.to_owned(), 1);
            }
        }
    }
}

/// Resident memory of this process in KiB (Linux), if readable.
fn rss_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

struct RunResult {
    engine: StdDuration,
    baseline: StdDuration,
    feedback: Feedback,
}

fn one_run(
    args: &EngineArgs,
    history: &CharterHistory,
    report_memory: bool,
) -> crate::error::Result<RunResult> {
    let mut engine = Engine::new(history.clone());
    let mut generator = Generator::new(args.seed, args.guarantors)?;
    let mut feedback = Feedback::default();
    let mut chunk = Vec::with_capacity(CHUNK_EVENTS);
    let mut counts = FxHashMap::default();
    let mut engine_time = StdDuration::ZERO;
    let mut baseline_time = StdDuration::ZERO;
    let mut done: u64 = 0;
    let report_every = (args.events / 4).max(1);
    let mut next_report = report_every;
    let mut samples = Vec::new();
    if report_memory {
        println!("  memory as the stream goes on (run 1):");
        println!(
            "  {:>10} {:>9} {:>14} {:>14} {:>16} {:>8} {:>11}",
            "events",
            "rss_mib",
            "pending_claims",
            "open_decisions",
            "open_obligations",
            "timers",
            "tombstones"
        );
    }
    while done < args.events {
        let n = CHUNK_EVENTS.min((args.events - done) as usize);
        generator.chunk(n, &mut chunk)?;
        let start = StdInstant::now();
        for (i, e) in chunk.iter().enumerate() {
            engine.apply(done + i as u64, e, &mut feedback);
        }
        engine_time += start.elapsed();
        // The baseline's map holds one chunk, so it measures the touch, not a growing history.
        counts.clear();
        let start = StdInstant::now();
        baseline(&chunk, &mut counts);
        baseline_time += start.elapsed();
        generator.learn(&mut feedback);
        done += n as u64;
        if report_memory && done >= next_report {
            next_report += report_every;
            let f = engine.footprint();
            let rss = rss_kib("VmRSS:").unwrap_or(0);
            samples.push((rss, f.tombstones));
            println!(
                "  {:>10} {:>9.1} {:>14} {:>14} {:>16} {:>8} {:>11}",
                done,
                rss as f64 / 1024.0,
                f.pending_claims,
                f.open_decisions,
                f.open_obligations,
                f.timers,
                f.tombstones
            );
        }
    }
    if let (Some(first), Some(last)) = (samples.first(), samples.last())
        && last.1 > first.1
    {
        let grown = last.0.saturating_sub(first.0) * 1024;
        println!(
            "  resident memory grew {:.1} MiB while {} more ids were closed: {} bytes per closed claim, decision or obligation (its tombstone); the live state stayed flat",
            grown as f64 / 1_048_576.0,
            last.1 - first.1,
            grown / (last.1 - first.1) as u64
        );
    }
    Ok(RunResult {
        engine: engine_time,
        baseline: baseline_time,
        feedback,
    })
}

pub(crate) fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(0.0)
}

pub(crate) fn bench_engine(args: &EngineArgs) -> crate::error::Result<()> {
    if args.guarantors < 10 || args.guarantors > 2_000 {
        crate::bail!("--guarantors must be between 10 and 2000");
    }
    let charter = load_toml(&Source::new(
        "bench-charter.toml",
        bench_charter(args.guarantors),
    ))
    .map_err(|d| crate::failed!("the generated charter is invalid: {d}"))?;
    let history = CharterHistory::single(charter);
    println!(
        "snapback bench engine: {} events per run, {} runs, {} guarantors, seed {}",
        args.events, args.runs, args.guarantors, args.seed
    );
    let mut engine_rates = Vec::new();
    let mut baseline_rates = Vec::new();
    let mut ratios = Vec::new();
    let mut last = None;
    for run in 0..args.runs.max(1) {
        let r = one_run(args, &history, run == 0)?;
        let engine_rate = args.events as f64 / r.engine.as_secs_f64();
        let baseline_rate = args.events as f64 / r.baseline.as_secs_f64();
        println!(
            "  run {}: engine {:>12.0} events/s   baseline {:>12.0} events/s   engine/baseline {:.3}",
            run + 1,
            engine_rate,
            baseline_rate,
            engine_rate / baseline_rate
        );
        engine_rates.push(engine_rate);
        baseline_rates.push(baseline_rate);
        ratios.push(engine_rate / baseline_rate);
        last = Some(r.feedback);
    }
    if let Some(f) = last {
        println!(
            "  stream: {} accepted, {} rejected (votes on items the engine had just closed, repeated votes), {} derived events",
            f.accepted, f.rejected, f.derived
        );
    }
    let engine = median(engine_rates);
    println!("  median engine:   {engine:>12.0} events/s on one core");
    println!(
        "  median baseline: {:>12.0} events/s (one hash-map touch per event, same events)",
        median(baseline_rates)
    );
    println!("  median ratio engine/baseline: {:.3}", median(ratios));
    println!(
        "  goal >= {GOAL_EVENTS_PER_SECOND:.0} events/s: {}",
        if engine >= GOAL_EVENTS_PER_SECOND {
            "met"
        } else {
            "NOT met"
        }
    );
    crate::measures::renewals_figure(args.runs.max(1))?;
    crate::monitoring::alerts_figure(args.runs.max(1))?;
    if let Some(peak) = rss_kib("VmHWM:") {
        println!(
            "  peak resident memory of the whole process: {:.1} MiB",
            peak as f64 / 1024.0
        );
    }
    Ok(())
}
