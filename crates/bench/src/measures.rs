//! The register of measures at scale, printed by `snapback bench engine`: ten years of
//! six-monthly renewals of 1,000 measures (20,000 renewal decisions, each adopted by its one
//! board member's vote) replayed through the engine and the state projection, next to the
//! baseline (one hash-map touch per event) over the same events in the same run.

use std::time::Instant as StdInstant;

use jiff::{SignedDuration, Timestamp};
use rustc_hash::FxHashMap;
use snapback_charter::diag::Source;
use snapback_charter::{CharterHistory, Choice, DecisionId, PartyId, load_toml};
use snapback_engine::event::{Event, EventKind, VoteCast};
use snapback_engine::replay::replay;

use crate::engine::{baseline, median};

const MEASURES: usize = 1_000;
const YEARS: usize = 10;
/// The goal from the issue, in milliseconds.
const GOAL_MS: f64 = 50.0;

fn charter() -> String {
    let mut t = String::from(
        "[charter]\nid = \"renewals\"\ntitle = \"Renewals\"\nversion = \"1\"\neffective = 2026-01-01T00:00:00Z\nbeneficiary = \"UA\"\n\n\
         [[party]]\nid = \"UA\"\nname = \"Beneficiary\"\nroles = [\"beneficiary\"]\n\n\
         [[party]]\nid = \"B\"\nname = \"Board member\"\nroles = [\"guarantor\"]\n\n\
         [[body]]\nid = \"board\"\nmembers = [\"B\"]\nrule = \"unanimity\"\n\n\
         [verification]\nclaimants = [\"UA\"]\nbody = \"board\"\ndecide_within = \"48h\"\nburden = \"flipped\"\n\n",
    );
    for i in 0..MEASURES {
        t.push_str(&format!(
            "[[measure]]\nid = \"m{i}\"\nname = \"Measure {i}\"\nowner = \"board\"\nkind = \"sanctions\"\nbasis = \"b\"\ninitial = \"in_force\"\n\
             [measure.renewal]\nbody = \"board\"\nexpires_on = [\"01-31T23:59\", \"07-31T23:59\"]\nzone = \"Europe/Brussels\"\nopens_before = \"30d\"\n\n"
        ));
    }
    t
}

/// One vote per measure a day before each expiry, for `YEARS` years.
fn events(history: &CharterHistory) -> crate::error::Result<(Vec<Event>, Timestamp)> {
    let charter = &history.versions()[0];
    let Some(renewal) = charter.measures.first().and_then(|m| m.renewal.as_ref()) else {
        crate::bail!("the generated charter has no renewal");
    };
    let board = PartyId::new("B").map_err(|e| crate::failed!("{e}"))?;
    let mut expiry = charter.effective;
    let mut out = Vec::with_capacity(MEASURES * YEARS * 2);
    for n in 1..=YEARS * 2 {
        expiry = renewal.expiries.next_after(expiry);
        let at = expiry
            .checked_sub(SignedDuration::from_hours(24))
            .map_err(|e| crate::failed!("{e}"))?;
        for i in 0..MEASURES {
            let decision =
                DecisionId::new(&format!("m{i}/renewal/{n}")).map_err(|e| crate::failed!("{e}"))?;
            out.push(Event {
                at,
                party: board.clone(),
                kind: EventKind::VoteCast(VoteCast::Decision {
                    decision,
                    choice: Choice::Yes,
                }),
            });
        }
    }
    Ok((out, expiry))
}

pub(crate) fn renewals_figure(runs: u32) -> crate::error::Result<()> {
    let charter = load_toml(&Source::new("renewals.toml", charter()))
        .map_err(|d| crate::failed!("the generated charter is invalid: {d}"))?;
    let history = CharterHistory::single(charter);
    let (events, last_expiry) = events(&history)?;
    let mut replay_ms = Vec::new();
    let mut baseline_ms = Vec::new();
    let mut renewed = 0;
    for _ in 0..runs {
        let start = StdInstant::now();
        let state = replay(&history, &events, Some(last_expiry));
        replay_ms.push(start.elapsed().as_secs_f64() * 1e3);
        renewed = state
            .decisions
            .iter()
            .filter(|d| d.status == snapback_engine::derived::DecisionStatus::Adopted)
            .count();
        let mut counts = FxHashMap::default();
        let start = StdInstant::now();
        baseline(&events, &mut counts);
        baseline_ms.push(start.elapsed().as_secs_f64() * 1e3);
    }
    if renewed != MEASURES * YEARS * 2 {
        crate::bail!(
            "the renewal benchmark adopted {renewed} renewals, not {}",
            MEASURES * YEARS * 2
        );
    }
    let (replay_ms, baseline_ms) = (median(replay_ms), median(baseline_ms));
    println!(
        "  measures: {YEARS} years of six-monthly renewals of {MEASURES} measures ({} votes, {renewed} renewals adopted), replayed with the state",
        events.len()
    );
    print_replay(replay_ms, baseline_ms, Some(GOAL_MS));
    Ok(())
}

/// The lines a scaled replay figure ends with: the medians, their ratio, and the goal if any.
pub(crate) fn print_replay(replay_ms: f64, baseline_ms: f64, goal_ms: Option<f64>) {
    println!(
        "    median replay {replay_ms:.1} ms   baseline {baseline_ms:.2} ms   replay/baseline {:.1}",
        replay_ms / baseline_ms.max(1e-9)
    );
    if let Some(goal_ms) = goal_ms {
        println!(
            "    goal < {goal_ms:.0} ms: {}",
            if replay_ms < goal_ms {
                "met"
            } else {
                "NOT met"
            }
        );
    }
}
