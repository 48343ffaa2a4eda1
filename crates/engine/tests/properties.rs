//! Property tests of the engine over random event sequences.
//!
//! A small charter (five guarantors, one leaving a few days after the charter takes effect, a
//! majority body that verifies claims under the flipped burden, an EU-QMV body that decides one
//! package) is driven by random, time-ordered event streams: filings with and without standing or
//! with bad severities, votes by members and non-members, withdrawals, evidence, meetings, votes on
//! engine-opened and party-opened decisions, and fulfilments. Most streams contain rejected
//! events; that is intended.
//!
//! Times are whole seconds from the charter's effective instant, with steps that are mostly zero,
//! an hour or multiples of six hours, or jump to the engine's next deadline (or one second past
//! it), so events often land exactly on deadlines, just after them, or between them. The generator
//! follows its events with an engine of its own so that most votes and fulfilments reach something
//! open; the rest are rejected for a variety of reasons.

// Helpers outside `#[test]` functions are test code too (clippy.toml allows these in tests).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;
use serde_json::Value;
use snapback_charter::{
    BodyId, Charter, CharterHistory, Choice, ClaimId, DecisionId, Duration, ObligationId, PartyId,
    Source,
};
use snapback_engine::derived::{ClaimStatus, DecisionStatus, ObligationStatus};
use snapback_engine::event::{
    ClaimFiled, Classification, DecisionOpened, Evidence, EvidenceContent, EvidenceForm, Seal,
    Verdict, VoteCast,
};
use snapback_engine::replay::replay;
use snapback_engine::{Engine, Event, EventKind, Report, State};

// --- the test charter ----------------------------------------------------------------------------

const EFFECTIVE: &str = "2026-01-01T00:00:00Z";
/// G5's participation ends three days after the charter takes effect.
const G5_UNTIL: &str = "2026-01-04T00:00:00Z";

const CHARTER: &str = r#"
[charter]
id = "prop-charter"
title = "Property-test charter"
version = "1.0"
effective = 2026-01-01T00:00:00Z
beneficiary = "UA"

[[party]]
id = "UA"
name = "Beneficiary"
roles = ["beneficiary"]

[[party]]
id = "SEC"
name = "Secretariat"
roles = ["secretariat"]

[[party]]
id = "G1"
name = "Guarantor one"
roles = ["guarantor"]
groups = ["EU"]
population = 40000000

[[party]]
id = "G2"
name = "Guarantor two"
roles = ["guarantor"]
groups = ["EU"]
population = 30000000

[[party]]
id = "G3"
name = "Guarantor three"
roles = ["guarantor"]
groups = ["EU"]
population = 20000000

[[party]]
id = "G4"
name = "Guarantor four"
roles = ["guarantor"]

[[party]]
id = "G5"
name = "Guarantor five (leaves early)"
roles = ["guarantor"]
groups = ["EU"]
population = 10000000
until = 2026-01-04T00:00:00Z

[[body]]
id = "ministers"
members = { role = "guarantor" }
rule = "majority"

[[body]]
id = "council"
members = { group = "EU" }
rule = "eu-qmv"

[verification]
claimants = ["UA"]
body = "ministers"
decide_within = "48h"
burden = "flipped"

[[tier]]
id = "low"
min_severity = 1
packages = ["intel"]

[[tier]]
id = "high"
min_severity = 3
packages = ["intel", "sanctions"]

[escalation]
window = "7d"
threshold = 4
tier = "high"

[[package]]
id = "intel"
name = "Intelligence sharing"

[[package.obligation]]
party = "G1"
kind = "intelligence"
due_within = "24h"
description = "Resume intelligence sharing"

[[package.obligation]]
party = "G2"
kind = "intelligence"
due_within = "24h"
description = "Resume intelligence sharing"

[[package]]
id = "sanctions"
name = "Sanctions snapback"

[package.decision]
body = "council"
decide_within = "72h"
proceed_if = "adopted"

[[package.obligation]]
party = "G3"
kind = "sanctions"
due_within = "24h"
description = "Re-impose sanctions"
"#;

fn charter() -> &'static Charter {
    static CHARTER_CELL: OnceLock<Charter> = OnceLock::new();
    CHARTER_CELL.get_or_init(|| {
        snapback_charter::load_toml(&Source::new("prop.toml", CHARTER))
            .unwrap_or_else(|e| panic!("the test charter does not load: {e:?}"))
    })
}

fn history() -> CharterHistory {
    CharterHistory::single(charter().clone())
}

fn ts(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn effective_secs() -> i64 {
    ts(EFFECTIVE).as_second()
}

fn at_secs(secs: i64) -> Timestamp {
    Timestamp::from_second(secs).unwrap()
}

const HOUR: i64 = 3_600;
const DAY: i64 = 24 * HOUR;

// --- event generation ----------------------------------------------------------------------------

const PARTIES: &[&str] = &["UA", "SEC", "G1", "G2", "G3", "G4", "G5", "XX"];
const GUARANTORS: &[&str] = &["G1", "G2", "G3", "G4", "G5"];
const COUNCIL: &[&str] = &["G1", "G2", "G3", "G5"];
const PACKAGES: &[&str] = &["intel", "sanctions"];
const CLAIMS: u8 = 6;

fn party(name: &str) -> PartyId {
    PartyId::new(name).unwrap()
}

fn claim_id(n: u8) -> ClaimId {
    ClaimId::new(&format!("C{n}")).unwrap()
}

/// Which claim, decision or obligation an event is about.
#[derive(Debug, Clone, Copy)]
enum Target {
    /// One of those open when the event happens (chosen by index); if none is, the latest one
    /// (closed, so the event is late), or the numbered id if there is none at all.
    Live(u8, u8),
    /// A numbered id (`C<n>`, `A<n>/...`), open or not, existing or not.
    Fixed(u8),
}

/// What an event does, before it has a time. Targets are resolved against the state the events so
/// far produce, so that most votes and fulfilments reach something open; the rest exercise
/// rejections.
#[derive(Debug, Clone)]
enum Spec {
    File {
        claim: u8,
        party: &'static str,
        severity: i64,
        /// Offset of `occurred_at` from the filing, in seconds (positive: after filing, rejected).
        occurred: Option<i64>,
    },
    Vote {
        claim: Target,
        party: &'static str,
        verdict: Verdict,
    },
    Withdraw {
        claim: Target,
        party: &'static str,
    },
    Evidence {
        claim: Target,
        party: &'static str,
        kind: u8,
    },
    Convene {
        claim: Target,
        party: &'static str,
    },
    /// A vote on an open decision, or on a fixed id: `A<n>/<package>` (engine-opened) or, with
    /// `package = None`, `D<n>` (party-opened).
    DecisionVote {
        decision: Target,
        package: Option<&'static str>,
        party: &'static str,
        choice: Choice,
    },
    /// Several members vote on the same claim (or decision), `spacing` seconds apart: enough
    /// ballots to reach a majority, which single random votes rarely do. Expanded into
    /// [`Spec::Ballot`]s by [`generate`].
    Burst {
        decision: bool,
        target: Target,
        ballots: Vec<(&'static str, u8)>,
        spacing: i64,
    },
    /// One ballot of a burst: on a decision if `decision` (or if no claim is open), else on a
    /// claim (or on a decision if no claim is open but a decision is). `pick` chooses the vote,
    /// mostly "unfounded" on claims and "yes" on decisions.
    Ballot {
        decision: bool,
        target: Target,
        voter: &'static str,
        pick: u8,
    },
    OpenDecision {
        n: u8,
        party: &'static str,
        body: &'static str,
        within_hours: u64,
        /// A further motion in this claim's proceeding (before the claim's body, the
        /// ministers), superseding it if adopted when `true`.
        claim: Option<(Target, bool)>,
    },
    /// Fulfils an open obligation, or the fixed id `A<n>/<package>/<k>`; by the obligor unless
    /// `by` is given.
    Fulfil {
        obligation: Target,
        package: &'static str,
        k: u8,
        by: Option<&'static str>,
    },
}

fn any_party() -> impl Strategy<Value = &'static str> {
    prop::sample::select(PARTIES)
}

/// Mostly guarantors, sometimes a non-member.
fn voter() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        10 => prop::sample::select(GUARANTORS),
        1 => Just("UA"),
        1 => Just("SEC"),
    ]
}

fn verdict() -> impl Strategy<Value = Verdict> {
    prop_oneof![
        2 => Just(Verdict::Founded),
        3 => Just(Verdict::Unfounded),
        1 => Just(Verdict::Abstain)
    ]
}

fn choice() -> impl Strategy<Value = Choice> {
    prop_oneof![
        3 => Just(Choice::Yes),
        2 => Just(Choice::No),
        1 => Just(Choice::Abstain)
    ]
}

fn claim_no() -> impl Strategy<Value = u8> {
    1u8..=CLAIMS
}

/// Mostly something open; sometimes `1..=max` as a fixed id.
fn target(max: u8) -> impl Strategy<Value = Target> {
    prop_oneof![
        5 => (any::<u8>(), 1..=max).prop_map(|(i, n)| Target::Live(i, n)),
        1 => (1..=max).prop_map(Target::Fixed),
    ]
}

fn spec() -> impl Strategy<Value = Spec> {
    let file = (
        claim_no(),
        prop_oneof![8 => Just("UA"), 1 => Just("G1"), 1 => Just("XX")],
        prop_oneof![9 => 1i64..=5, 1 => prop::sample::select(vec![0i64, 7])],
        prop_oneof![
            6 => Just(None),
            2 => Just(Some(-HOUR)),
            1 => Just(Some(HOUR)),
        ],
    )
        .prop_map(|(claim, party, severity, occurred)| Spec::File {
            claim,
            party,
            severity,
            occurred,
        });
    let vote =
        (target(CLAIMS), voter(), verdict()).prop_map(|(claim, party, verdict)| Spec::Vote {
            claim,
            party,
            verdict,
        });
    let withdraw = (
        target(CLAIMS),
        prop_oneof![4 => Just("UA"), 1 => Just("G1")],
    )
        .prop_map(|(claim, party)| Spec::Withdraw { claim, party });
    let evidence = (target(CLAIMS), any_party(), 0u8..4)
        .prop_map(|(claim, party, kind)| Spec::Evidence { claim, party, kind });
    let convene =
        (target(CLAIMS), any_party()).prop_map(|(claim, party)| Spec::Convene { claim, party });
    let decision_vote = (
        target(5),
        prop_oneof![4 => Just(Some("sanctions")), 1 => Just(Some("intel")), 2 => Just(None)],
        prop_oneof![
            8 => prop::sample::select(COUNCIL),
            1 => Just("G4"),
            1 => Just("UA"),
        ],
        choice(),
    )
        .prop_map(|(decision, package, party, choice)| Spec::DecisionVote {
            decision,
            package,
            party,
            choice,
        });
    let open_decision = (
        1u8..=2,
        prop_oneof![3 => Just("SEC"), 2 => prop::sample::select(GUARANTORS), 1 => Just("UA")],
        prop::sample::select(vec!["council", "ministers", "nobody"]),
        prop::sample::select(vec![6u64, 24, 48]),
        prop_oneof![
            1 => Just(None),
            2 => (target(CLAIMS), prop::bool::weighted(0.75)).prop_map(Some),
        ],
    )
        .prop_map(|(n, party, body, within_hours, claim)| Spec::OpenDecision {
            n,
            party,
            body,
            within_hours,
            claim,
        });
    let fulfil = (
        target(5),
        prop::sample::select(PACKAGES),
        1u8..=2,
        prop_oneof![
            6 => Just(None),
            1 => Just(Some("SEC")),
            1 => Just(Some("UA")),
            1 => Just(Some("G1")),
        ],
    )
        .prop_map(|(obligation, package, k, by)| Spec::Fulfil {
            obligation,
            package,
            k,
            by,
        });
    let burst = (
        any::<bool>(),
        target(5),
        prop_oneof![
            2 => prop::sample::subsequence(GUARANTORS.to_vec(), 2..=5),
            1 => prop::sample::subsequence(COUNCIL.to_vec(), 2..=4),
        ]
        .prop_shuffle(),
        prop::collection::vec(0u8..6, 5),
        prop_oneof![2 => Just(0i64), 1 => Just(HOUR), 1 => 0i64..=12 * HOUR],
    )
        .prop_map(|(decision, target, voters, picks, spacing)| Spec::Burst {
            decision,
            target,
            ballots: voters.into_iter().zip(picks).collect(),
            spacing,
        });
    prop_oneof![
        6 => file,
        7 => vote,
        4 => burst,
        1 => withdraw,
        2 => evidence,
        1 => convene,
        4 => decision_vote,
        1 => open_decision,
        3 => fulfil,
    ]
}

/// The time between an event and the previous one.
#[derive(Debug, Clone, Copy)]
enum Step {
    /// This many seconds: often zero (several events at one instant), often a multiple of six
    /// hours (so events land on 24-, 48- and 72-hour deadlines), sometimes one second, sometimes
    /// arbitrary.
    Secs(i64),
    /// To the engine's next deadline plus this many seconds (0: exactly on it; 1: just after).
    NextDeadline(i64),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => Just(0i64).prop_map(Step::Secs),
        1 => Just(1i64).prop_map(Step::Secs),
        3 => Just(HOUR).prop_map(Step::Secs),
        3 => Just(6 * HOUR).prop_map(Step::Secs),
        1 => Just(12 * HOUR).prop_map(Step::Secs),
        1 => Just(24 * HOUR).prop_map(Step::Secs),
        1 => Just(30 * HOUR).prop_map(Step::Secs),
        1 => (0i64..=30 * HOUR).prop_map(Step::Secs),
        1 => Just(Step::NextDeadline(0)),
        1 => Just(Step::NextDeadline(1)),
    ]
}

const DIGEST: &str = "sha256:1f7017748fb80b2140fc6dbabaeb59317f889842ba12b76ca3570139c83d38de";

/// For a live target, the `i`-th (modulo) of `open`, else the most recent of `all` (closed, so the
/// event is rejected as late or closed); for a fixed target, or when there is nothing at all, the
/// fixed id.
fn pick<T: Clone>(target: Target, open: &[T], all: &[T], fixed: impl FnOnce(u8) -> T) -> T {
    match target {
        Target::Live(i, _) if !open.is_empty() => open[usize::from(i) % open.len()].clone(),
        Target::Live(_, n) => all.last().cloned().unwrap_or_else(|| fixed(n)),
        Target::Fixed(n) => fixed(n),
    }
}

fn build(at: Timestamp, spec: &Spec, state: &State) -> Event {
    if let Spec::Ballot {
        decision,
        target,
        voter,
        pick,
    } = spec
    {
        let open = |decisions: bool| {
            if decisions {
                state
                    .decisions
                    .iter()
                    .any(|d| d.status == DecisionStatus::Pending)
            } else {
                state
                    .claims
                    .iter()
                    .any(|c| c.status == ClaimStatus::Pending)
            }
        };
        let decision = if open(*decision) {
            *decision
        } else {
            !*decision && open(true)
        };
        let pick = usize::from(*pick) % 6;
        let single = if decision {
            use Choice::*;
            Spec::DecisionVote {
                decision: *target,
                package: Some("sanctions"),
                party: voter,
                choice: [Yes, Yes, Yes, Yes, No, Abstain][pick],
            }
        } else {
            use Verdict::*;
            Spec::Vote {
                claim: *target,
                party: voter,
                verdict: [Unfounded, Unfounded, Unfounded, Unfounded, Founded, Abstain][pick],
            }
        };
        return build(at, &single, state);
    }
    let all_claims: Vec<ClaimId> = state.claims.iter().map(|c| c.id.clone()).collect();
    let open_claims: Vec<ClaimId> = state
        .claims
        .iter()
        .filter(|c| c.status == ClaimStatus::Pending)
        .map(|c| c.id.clone())
        .collect();
    let claim = |t: Target| pick(t, &open_claims, &all_claims, claim_id);
    let (who, kind) = match spec {
        Spec::File {
            claim,
            party,
            severity,
            occurred,
        } => (
            *party,
            EventKind::ClaimFiled(ClaimFiled {
                claim: claim_id(*claim),
                category: "shelling".to_owned(),
                severity: *severity,
                summary: "Artillery fire across the line".to_owned(),
                location: None,
                occurred_at: occurred.map(|o| at_secs(at.as_second() + o)),
                allegation: Default::default(),
            }),
        ),
        Spec::Vote {
            claim: t,
            party,
            verdict,
        } => (
            *party,
            EventKind::VoteCast(VoteCast::Claim {
                claim: claim(*t),
                verdict: *verdict,
            }),
        ),
        Spec::Withdraw { claim: t, party } => {
            (*party, EventKind::ClaimWithdrawn { claim: claim(*t) })
        }
        Spec::Evidence {
            claim: t,
            party,
            kind,
        } => (
            *party,
            EventKind::EvidenceSubmitted(if *kind < 3 {
                Evidence {
                    claim: claim(*t),
                    classification: Classification::Public,
                    form: EvidenceForm::Clear(EvidenceContent {
                        source_kind: ["satellite", "osint", "radar"][usize::from(*kind)].to_owned(),
                        digest: DIGEST.to_owned(),
                        summary: "Imagery".to_owned(),
                    }),
                }
            } else {
                // Sealed: counts as the one kind `classified`.
                Evidence {
                    claim: claim(*t),
                    classification: Classification::Secret,
                    form: EvidenceForm::Sealed(Seal {
                        releasable_to: Vec::new(),
                        commitment: Some(DIGEST.to_owned()),
                    }),
                }
            }),
        ),
        Spec::Convene { claim: t, party } => {
            (*party, EventKind::MeetingConvened { claim: claim(*t) })
        }
        Spec::DecisionVote {
            decision,
            package,
            party,
            choice,
        } => {
            let open: Vec<DecisionId> = state
                .decisions
                .iter()
                .filter(|d| d.status == DecisionStatus::Pending)
                .map(|d| d.id.clone())
                .collect();
            let all: Vec<DecisionId> = state.decisions.iter().map(|d| d.id.clone()).collect();
            let id = pick(*decision, &open, &all, |n| {
                let text = match package {
                    Some(p) => format!("A{n}/{p}"),
                    None => format!("D{}", n % 2 + 1),
                };
                DecisionId::new(&text).unwrap()
            });
            (
                *party,
                EventKind::VoteCast(VoteCast::Decision {
                    decision: id,
                    choice: *choice,
                }),
            )
        }
        Spec::Burst { .. } | Spec::Ballot { .. } => unreachable!("expanded or handled above"),
        Spec::OpenDecision {
            n,
            party,
            body,
            within_hours,
            claim,
        } => (
            *party,
            EventKind::DecisionOpened(DecisionOpened {
                decision: DecisionId::new(&format!("D{n}")).unwrap(),
                body: BodyId::new(if claim.is_some() { "ministers" } else { body }).unwrap(),
                motion: "Send a monitoring mission".to_owned(),
                decide_within: Duration::from_seconds(within_hours * 3_600).unwrap(),
                claim: claim.map(|(c, _)| pick(c, &open_claims, &all_claims, claim_id)),
                supersedes: claim.is_some_and(|(_, s)| s),
                finding: None,
            }),
        ),
        Spec::Fulfil {
            obligation,
            package,
            k,
            by,
        } => {
            let open: Vec<(ObligationId, PartyId)> = state
                .obligations
                .iter()
                .filter(|o| {
                    matches!(
                        o.status,
                        ObligationStatus::Pending | ObligationStatus::Overdue
                    )
                })
                .map(|o| (o.id.clone(), o.party.clone()))
                .collect();
            let all: Vec<(ObligationId, PartyId)> = state
                .obligations
                .iter()
                .map(|o| (o.id.clone(), o.party.clone()))
                .collect();
            let (id, obligor) = pick(*obligation, &open, &all, |n| {
                let id = ObligationId::new(&format!("A{n}/{package}/{k}")).unwrap();
                let obligor = match (*package, *k) {
                    ("intel", 1) => "G1",
                    ("intel", _) => "G2",
                    _ => "G3",
                };
                (id, party(obligor))
            });
            let who = by.map_or(obligor, party);
            return Event {
                at,
                party: who,
                kind: EventKind::ObligationFulfilled {
                    obligation: id,
                    reference: "note-1".to_owned(),
                },
            };
        }
    };
    Event {
        at,
        party: party(who),
        kind,
    }
}

/// Time-ordered events starting at the charter's effective instant. A private engine follows the
/// events as they are generated so that targets can be chosen among what is open.
fn generate(items: &[(Step, Spec)]) -> Vec<Event> {
    let history = history();
    let mut engine = Engine::new(history.clone());
    let mut state = State::new(history);
    let mut secs = effective_secs();
    let mut out: Vec<Event> = Vec::with_capacity(items.len());
    let mut index = 0u64;
    for (i, (step, spec)) in items.iter().enumerate() {
        if i > 0 {
            secs += match step {
                Step::Secs(n) => *n,
                Step::NextDeadline(offset) => engine
                    .next_deadline()
                    .map_or(0, |t| (t.as_second() + offset - secs).max(0)),
            };
        }
        // (seconds after the previous event, what happens)
        let singles: Vec<(i64, Spec)> = match spec {
            Spec::Burst {
                decision,
                target,
                ballots,
                spacing,
            } => ballots
                .iter()
                .enumerate()
                .map(|(j, (voter, pick))| {
                    let ballot = Spec::Ballot {
                        decision: *decision,
                        target: *target,
                        voter,
                        pick: *pick,
                    };
                    (if j == 0 { 0 } else { *spacing }, ballot)
                })
                .collect(),
            other => vec![(0, other.clone())],
        };
        for (after, single) in &singles {
            secs += after;
            let at = at_secs(secs);
            if out.last().is_some_and(|e| e.at < at) {
                // Fire the deadlines strictly before `at`, so that "open" means open at `at`.
                let just_before = at.checked_sub(SignedDuration::from_nanos(1)).unwrap();
                engine.advance(just_before, &mut state).unwrap();
            }
            let event = build(at, single, &state);
            engine.apply(index, &event, &mut state);
            index += 1;
            out.push(event);
        }
    }
    out
}

fn events(max: usize) -> impl Strategy<Value = Vec<Event>> {
    (
        // Most streams open with a valid filing, so that votes have something to reach early.
        proptest::option::weighted(0.8, 1i64..=5),
        // Bursts expand to several events: about three items make four events.
        prop::collection::vec((step(), spec()), 1..=max * 3 / 4),
    )
        .prop_map(move |(first, mut items)| {
            if let Some(severity) = first {
                let filing = Spec::File {
                    claim: 1,
                    party: "UA",
                    severity,
                    occurred: None,
                };
                items.insert(0, (Step::Secs(0), filing));
            }
            let mut events = generate(&items);
            events.truncate(max);
            events
        })
}

// --- helpers -------------------------------------------------------------------------------------

fn last_at(events: &[Event]) -> Timestamp {
    events.iter().map(|e| e.at).max().unwrap()
}

fn report_json(state: &State) -> String {
    serde_json::to_string(&Report::new(state)).unwrap()
}

fn report_value(state: &State) -> Value {
    serde_json::to_value(Report::new(state)).unwrap()
}

/// Every instant the reference run found interesting: deadlines, dues, determinations,
/// activations, plus G5's departure. Advancing exactly to one of these is the edge case.
fn interesting_instants(state: &State) -> Vec<Timestamp> {
    let mut out = vec![ts(G5_UNTIL)];
    for c in &state.claims {
        out.extend(c.deadline);
        out.extend(c.determined_at);
    }
    for d in &state.decisions {
        out.push(d.deadline);
        out.extend(d.decided_at);
    }
    for a in &state.activations {
        out.push(a.at);
    }
    for o in &state.obligations {
        out.push(o.due);
    }
    out.sort();
    out.dedup();
    out
}

/// Where to insert an `advance` in the gap after an event.
#[derive(Debug, Clone, Copy)]
enum AdvanceAt {
    /// A fraction (in thousandths) of the gap.
    Fraction(u16),
    /// One of the interesting instants in the gap, if any (else none).
    Instant(u8),
    /// One second before the next event.
    JustBefore,
}

fn advance_at() -> impl Strategy<Value = AdvanceAt> {
    prop_oneof![
        2 => (0u16..1000).prop_map(AdvanceAt::Fraction),
        3 => any::<u8>().prop_map(AdvanceAt::Instant),
        1 => Just(AdvanceAt::JustBefore),
    ]
}

/// An instant in `[from, to)` (or `[from, to]` when `inclusive`), or `None` if there is none.
fn resolve_advance(
    spec: AdvanceAt,
    from: Timestamp,
    to: Timestamp,
    inclusive: bool,
    instants: &[Timestamp],
) -> Option<Timestamp> {
    let (a, b) = (from.as_second(), to.as_second());
    let fits = |t: i64| t >= a && (t < b || (inclusive && t == b));
    let t = match spec {
        AdvanceAt::Fraction(k) => {
            if b == a && !inclusive {
                return None;
            }
            a + (b - a) * i64::from(k) / 1000
        }
        AdvanceAt::Instant(j) => {
            let inside: Vec<&Timestamp> = instants.iter().filter(|t| fits(t.as_second())).collect();
            if inside.is_empty() {
                return None;
            }
            inside[usize::from(j) % inside.len()].as_second()
        }
        AdvanceAt::JustBefore => b - 1,
    };
    fits(t).then(|| at_secs(t))
}

fn statuses(state: &State) -> BTreeMap<String, ClaimStatus> {
    state
        .claims
        .iter()
        .map(|c| (c.id.to_string(), c.status))
        .collect()
}

/// Everything in the report except the list of rejected events (whose indices shift when an event
/// is removed).
fn without_rejected(mut report: Value) -> Value {
    if let Value::Object(map) = &mut report {
        map.remove("rejected");
    }
    report
}

/// A superseded claim was superseded by an adopted motion in its own proceeding that says so,
/// before its deadline, and nothing it would have activated took effect.
fn check_superseded(state: &State) -> Result<(), TestCaseError> {
    for c in &state.claims {
        let Some((at, decision)) = &c.superseded else {
            continue;
        };
        prop_assert_eq!(c.status, ClaimStatus::Superseded, "claim {}", &c.id);
        prop_assert!(
            c.activations.is_empty(),
            "superseded claim {} activated",
            &c.id
        );
        prop_assert!(
            *at <= c.deadline.unwrap(),
            "claim {} superseded after its deadline",
            &c.id
        );
        let d = state.decisions.iter().find(|d| &d.id == decision).unwrap();
        prop_assert_eq!(d.status, DecisionStatus::Adopted, "decision {}", &d.id);
        prop_assert!(d.supersedes, "decision {} does not supersede", &d.id);
        prop_assert_eq!(d.claim.as_ref(), Some(&c.id), "decision {}", &d.id);
        prop_assert_eq!(d.decided_at, Some(*at), "decision {}", &d.id);
    }
    Ok(())
}

/// Nothing is pending past its deadline: a replay advanced to `as_of` has fired every deadline up
/// to and including `as_of`.
fn check_nothing_stale(state: &State) -> Result<(), TestCaseError> {
    let as_of = state.as_of.unwrap();
    check_superseded(state)?;
    for c in &state.claims {
        if c.status == ClaimStatus::Pending {
            let deadline = c.deadline.unwrap();
            prop_assert!(
                deadline > as_of,
                "claim {} pending at {as_of} past its deadline {deadline}",
                c.id
            );
        }
    }
    for d in &state.decisions {
        if d.status == DecisionStatus::Pending {
            prop_assert!(
                d.deadline > as_of,
                "decision {} pending at {as_of} past its deadline {}",
                d.id,
                d.deadline
            );
        }
    }
    for o in &state.obligations {
        if o.status == ObligationStatus::Pending {
            prop_assert!(
                o.due > as_of,
                "obligation {} pending at {as_of} past its due instant {}",
                o.id,
                o.due
            );
        }
    }
    Ok(())
}

/// The charter used by every property loads and has the expected shape.
#[test]
fn charter_loads() {
    let c = charter();
    assert_eq!(c.effective, ts(EFFECTIVE));
    assert!(c.body_idx("ministers").is_some());
    assert!(c.body_idx("council").is_some());
    let g5 = c.party_idx("G5").unwrap();
    assert_eq!(c.party(g5).window.until, Some(ts(G5_UNTIL)));
}

/// Cases per property, unless `PROPTEST_CASES` says otherwise (for longer runs).
const CASES: u32 = 256;
const MAX_EVENTS: usize = 40;

proptest! {
    #![proptest_config(common::config(CASES))]

    /// 1. Batching independence: advancing the engine at arbitrary instants between events gives
    /// the same report as replaying everything at once and advancing only at the end.
    #[test]
    fn batching_independence(
        events in events(MAX_EVENTS),
        extra in prop_oneof![Just(0i64), Just(1), (1i64..=40).prop_map(|k| k * 6 * HOUR)],
        pre in proptest::option::weighted(0.2, 1i64..=72),
        advances in prop::collection::vec(
            prop::collection::vec(advance_at(), 0..=2),
            MAX_EVENTS,
        ),
    ) {
        let history = history();
        let end = at_secs(last_at(&events).as_second() + extra);
        let batch = replay(&history, &events, Some(end));
        let expected = report_json(&batch);
        let instants = interesting_instants(&batch);

        let mut engine = Engine::new(history.clone());
        let mut state = State::new(history.clone());
        if let Some(hours) = pre {
            // Before the first event (and before the charter takes effect).
            engine
                .advance(at_secs(events[0].at.as_second() - hours * HOUR), &mut state)
                .unwrap();
        }
        let mut schedule = Vec::new();
        for (i, event) in events.iter().enumerate() {
            engine.apply(i as u64, event, &mut state);
            let (to, inclusive) = match events.get(i + 1) {
                Some(next) => (next.at, false),
                None => (end, true),
            };
            let mut times: Vec<Timestamp> = advances[i % advances.len()]
                .iter()
                .filter_map(|a| resolve_advance(*a, event.at, to, inclusive, &instants))
                .collect();
            times.sort();
            for t in times {
                schedule.push((i, t));
                engine.advance(t, &mut state).unwrap();
            }
        }
        engine.advance(end, &mut state).unwrap();
        state.as_of = Some(end);
        prop_assert!(
            report_json(&state) == expected,
            "advancing at {schedule:?} (after event index, instant) changed the report\n\
             batched:     {expected}\nincremental: {}",
            report_json(&state)
        );
        check_nothing_stale(&batch)?;
    }

    /// 2. Monotonicity: an extra "unfounded" vote by a guarantor never turns a dismissed claim
    /// into an activated one.
    #[test]
    fn unfounded_vote_never_activates_a_dismissed_claim(
        events in events(MAX_EVENTS),
        aimed in proptest::bool::weighted(0.75),
        which in any::<prop::sample::Index>(),
        pos in any::<prop::sample::Index>(),
        frac in 0i64..=1000,
        voter in prop::sample::select(GUARANTORS),
        claim in claim_no(),
    ) {
        let history = history();
        let end = at_secs(last_at(&events).as_second() + 3 * DAY);
        let original = replay(&history, &events, Some(end));
        let dismissed: Vec<_> = original
            .claims
            .iter()
            .filter(|c| c.status == ClaimStatus::Dismissed)
            .collect();
        let (claim, at, pos) = if aimed && !dismissed.is_empty() {
            // Aim at a dismissed claim: a vote between its filing and its determination, so that
            // it is accepted unless the voter has already voted.
            let c = dismissed[which.index(dismissed.len())];
            let filed = c.filed_at.as_second();
            let determined = c.determined_at.unwrap().as_second();
            let at = at_secs(filed + (determined - filed) * frac / 1000);
            let filing = events
                .iter()
                .position(|e| matches!(&e.kind, EventKind::ClaimFiled(f) if f.claim == c.id))
                .unwrap();
            let first = |p: &dyn Fn(&Event) -> bool| events.iter().position(p);
            let low = first(&|e| e.at >= at).unwrap_or(events.len()).max(filing + 1);
            let high = first(&|e| e.at > at).unwrap_or(events.len()).max(low);
            (c.id.clone(), at, low + pos.index(high - low + 1))
        } else {
            let pos = pos.index(events.len() + 1);
            let prev = if pos == 0 { events[0].at } else { events[pos - 1].at };
            let next = events.get(pos).map_or(prev, |e| e.at);
            let gap = next.as_second() - prev.as_second();
            let at = at_secs(prev.as_second() + gap * frac / 1000);
            (claim_id(claim), at, pos)
        };
        let extra = Event {
            at,
            party: party(voter),
            kind: EventKind::VoteCast(VoteCast::Claim {
                claim,
                verdict: Verdict::Unfounded,
            }),
        };
        let mut modified = events.clone();
        modified.insert(pos, extra.clone());
        prop_assert!(modified.windows(2).all(|w| w[0].at <= w[1].at));
        let before = statuses(&original);
        let after = statuses(&replay(&history, &modified, Some(end)));
        for (id, status) in &before {
            if *status == ClaimStatus::Dismissed {
                prop_assert!(
                    after.get(id) != Some(&ClaimStatus::Activated),
                    "claim {id} was dismissed, but activated after inserting {extra:?} at {pos}"
                );
            }
        }
    }

    /// 3. Advancing later never changes a determination made by the last event, and a claim still
    /// pending then is determined no later than its deadline.
    #[test]
    fn advancing_late_never_changes_a_determination(
        events in events(MAX_EVENTS),
        extra in prop_oneof![
            Just(1i64),
            (1i64..=21 * 24).prop_map(|h| h * HOUR),
            (1i64..=21 * DAY),
        ],
    ) {
        let history = history();
        let last = last_at(&events);
        let later = at_secs(last.as_second() + extra);
        let early = replay(&history, &events, Some(last));
        let late = replay(&history, &events, Some(later));
        check_nothing_stale(&early)?;
        check_nothing_stale(&late)?;
        let g5_until = ts(G5_UNTIL);
        prop_assert_eq!(early.claims.len(), late.claims.len());
        for (a, b) in early.claims.iter().zip(&late.claims) {
            let id = &a.id;
            prop_assert_eq!(id, &b.id);
            match a.status {
                ClaimStatus::Activated | ClaimStatus::Dismissed => {
                    prop_assert_eq!(a.status, b.status, "claim {}", id);
                    prop_assert_eq!(a.determined_at, b.determined_at, "claim {}", id);
                    prop_assert_eq!(a.basis, b.basis, "claim {}", id);
                }
                ClaimStatus::Pending => {
                    if let Some(at) = b.determined_at {
                        let deadline = b.deadline.unwrap();
                        prop_assert!(at > last, "claim {id} determined at {at}, before {last}");
                        prop_assert!(
                            at <= deadline,
                            "claim {id} determined at {at}, after its deadline {deadline}"
                        );
                        // Nobody acted after `last`: only a deadline or a member's departure
                        // can have determined it.
                        prop_assert!(
                            at == deadline || at == g5_until,
                            "claim {id} determined at {at}: not at its deadline {deadline}"
                        );
                    }
                }
                ClaimStatus::Withdrawn | ClaimStatus::Rejected | ClaimStatus::Superseded => {
                    prop_assert_eq!(a.status, b.status, "claim {}", id);
                }
            }
        }
        prop_assert!(early.decisions.len() <= late.decisions.len());
        for (a, b) in early.decisions.iter().zip(&late.decisions) {
            prop_assert_eq!(&a.id, &b.id);
            if a.status != DecisionStatus::Pending {
                prop_assert_eq!(a.status, b.status, "decision {}", &a.id);
                prop_assert_eq!(a.decided_at, b.decided_at, "decision {}", &a.id);
            } else if let Some(at) = b.decided_at {
                prop_assert!(at > last && at <= b.deadline, "decision {} decided at {at}", &a.id);
                prop_assert!(
                    at == b.deadline || at == g5_until,
                    "decision {} decided at {at}",
                    &a.id
                );
            }
        }
        prop_assert!(early.activations.len() <= late.activations.len());
        for (a, b) in early.activations.iter().zip(&late.activations) {
            prop_assert_eq!(a, b);
        }
        for a in &late.activations[early.activations.len()..] {
            prop_assert!(a.at > last, "activation {} at {} is not after {last}", &a.id, a.at);
        }
    }

    /// 4. Determinism: the same events replayed twice give byte-identical reports.
    #[test]
    fn replay_is_deterministic(
        events in events(MAX_EVENTS),
        extra in 0i64..=10 * DAY,
    ) {
        let history = history();
        let end = at_secs(last_at(&events).as_second() + extra);
        let first = report_json(&replay(&history, &events, Some(end)));
        let second = report_json(&replay(&history, &events, Some(end)));
        prop_assert_eq!(&first, &second);
        // And from a fresh charter history, too.
        let fresh = CharterHistory::single(charter().clone());
        let third = report_json(&replay(&fresh, &events, Some(end)));
        prop_assert_eq!(&first, &third);
    }

    /// 5. Rejected events never change the state: removing them, one at a time or all together,
    /// leaves claims, decisions, activations and obligations as they were. A rejected filing is the
    /// exception (it records a rejected claim and reserves its id) unless it was rejected as a
    /// duplicate.
    #[test]
    fn rejected_events_change_nothing(
        events in events(MAX_EVENTS),
        extra in 0i64..=5 * DAY,
    ) {
        let history = history();
        let end = at_secs(last_at(&events).as_second() + extra);
        let original = replay(&history, &events, Some(end));
        let expected = without_rejected(report_value(&original));
        let removable: Vec<usize> = original
            .rejected
            .iter()
            .filter(|r| r.event_type != "claim.filed" || r.code == "duplicate_claim")
            .map(|r| r.index as usize)
            .collect();
        for &i in &removable {
            let mut fewer = events.clone();
            let removed = fewer.remove(i);
            let got = without_rejected(report_value(&replay(&history, &fewer, Some(end))));
            prop_assert!(
                got == expected,
                "removing rejected event {i} ({removed:?}) changed the report"
            );
        }
        if removable.len() > 1 {
            let fewer: Vec<Event> = events
                .iter()
                .enumerate()
                .filter(|(i, _)| !removable.contains(i))
                .map(|(_, e)| e.clone())
                .collect();
            let got = without_rejected(report_value(&replay(&history, &fewer, Some(end))));
            prop_assert!(
                got == expected,
                "removing all rejected events {removable:?} changed the report"
            );
        }
    }
}

/// The generator reaches the cases the properties are about; without this check a change to the
/// generator could quietly make them vacuous (no dismissed claim for monotonicity, no deadline
/// falling between events for batching).
#[test]
fn generator_covers_the_interesting_cases() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    let mut runner = TestRunner::deterministic();
    let history = history();
    let mut seen: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut note = |what: &'static str, happened: bool| {
        if happened {
            *seen.entry(what).or_default() += 1;
        }
    };
    let samples = 200;
    for _ in 0..samples {
        let events = events(MAX_EVENTS).new_tree(&mut runner).unwrap().current();
        let s = replay(&history, &events, Some(last_at(&events)));
        let claim = |status: ClaimStatus| s.claims.iter().any(|c| c.status == status);
        note("dismissed claim", claim(ClaimStatus::Dismissed));
        note("activated claim", claim(ClaimStatus::Activated));
        note("pending claim at the end", claim(ClaimStatus::Pending));
        note("withdrawn claim", claim(ClaimStatus::Withdrawn));
        note("rejected claim", claim(ClaimStatus::Rejected));
        note(
            "superseding motion",
            s.decisions.iter().any(|d| d.supersedes),
        );
        note(
            "claim activated before its deadline",
            s.claims
                .iter()
                .any(|c| c.status == ClaimStatus::Activated && c.determined_at < c.deadline),
        );
        note(
            "vote exactly at a claim's deadline",
            s.claims
                .iter()
                .any(|c| c.votes.iter().any(|v| Some(v.at) == c.deadline)),
        );
        note(
            "escalation",
            s.activations
                .iter()
                .any(|a| a.cause == snapback_engine::derived::Cause::Escalation),
        );
        let decision = |status: DecisionStatus| s.decisions.iter().any(|d| d.status == status);
        note("adopted decision", decision(DecisionStatus::Adopted));
        note("decision not adopted", decision(DecisionStatus::NotAdopted));
        note(
            "decision opened by a party",
            s.decisions.iter().any(|d| d.opened_by.is_some()),
        );
        let obligation =
            |status: ObligationStatus| s.obligations.iter().any(|o| o.status == status);
        note(
            "fulfilled obligation",
            obligation(ObligationStatus::Fulfilled),
        );
        note("late obligation", obligation(ObligationStatus::Late));
        note("overdue obligation", obligation(ObligationStatus::Overdue));
        let rejected = |code: &str| s.rejected.iter().any(|r| r.code == code);
        note("vote after deadline", rejected("vote_after_deadline"));
        note(
            "vote outside participation",
            rejected("outside_participation"),
        );
        note("double vote", rejected("already_voted"));
        note("vote by a non-member", rejected("not_member"));
        note("filing without standing", rejected("no_standing"));
        note("bad severity", rejected("bad_severity"));
        note("duplicate claim", rejected("duplicate_claim"));
        let instants = interesting_instants(&s);
        note(
            "event exactly on a deadline",
            events.iter().any(|e| instants.contains(&e.at)),
        );
    }
    let wanted = [
        ("dismissed claim", 20),
        ("activated claim", 50),
        ("pending claim at the end", 20),
        ("withdrawn claim", 10),
        ("rejected claim", 20),
        ("superseding motion", 5),
        ("claim activated before its deadline", 10),
        ("vote exactly at a claim's deadline", 5),
        ("escalation", 20),
        ("adopted decision", 8),
        ("decision not adopted", 20),
        ("decision opened by a party", 10),
        ("fulfilled obligation", 10),
        ("late obligation", 10),
        ("overdue obligation", 20),
        ("vote after deadline", 20),
        ("vote outside participation", 10),
        ("double vote", 10),
        ("vote by a non-member", 20),
        ("filing without standing", 10),
        ("bad severity", 10),
        ("duplicate claim", 20),
        ("event exactly on a deadline", 50),
    ];
    for (what, min) in wanted {
        let got = seen.get(what).copied().unwrap_or(0);
        assert!(
            got >= min,
            "only {got} of {samples} generated streams have a {what} (want {min}): {seen:?}"
        );
    }
}
