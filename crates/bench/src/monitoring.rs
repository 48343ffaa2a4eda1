//! Monitoring alerts at scale, printed by `snapback bench engine`: ten years of daily reports in
//! ten areas (36,530 reports) read by three alert rules (two consecutive days above a level, a
//! seven-day sum, three times the 30-day median) on 24-hour windows ending 19:30 Kyiv time.
//! The alert evaluation is the engine's (`Engine::apply` and `advance` into a counting sink,
//! timed alone, as the main engine figure is); the replay with the state projection (which also
//! keeps every rule's windows for the dashboard) is printed beside it. Both next to the baseline
//! (one hash-map touch per event) over the same events in the same run.

use std::collections::BTreeMap;
use std::time::Instant as StdInstant;

use jiff::{SignedDuration, Timestamp};
use rustc_hash::FxHashMap;
use snapback_charter::diag::Source;
use snapback_charter::{CharterHistory, PartyId, ReportId, load_toml};
use snapback_engine::event::{Event, EventKind, MonitorReport};
use snapback_engine::replay::replay;
use snapback_engine::{CountingSink, Engine};

use crate::engine::{baseline, median};

const AREAS: usize = 10;
const DAYS: i64 = 3_653;
/// The goal from the issue, in milliseconds.
const GOAL_MS: f64 = 20.0;

const CHARTER: &str = "[charter]\nid = \"alerts\"\ntitle = \"Alerts\"\nversion = \"1\"\neffective = 2016-01-01T00:00:00Z\nbeneficiary = \"UA\"\n\n\
[[party]]\nid = \"UA\"\nname = \"Beneficiary\"\nroles = [\"beneficiary\"]\n\n\
[[party]]\nid = \"B\"\nname = \"Guarantor\"\nroles = [\"guarantor\"]\n\n\
[[party]]\nid = \"MON\"\nname = \"Monitor\"\nroles = [\"monitor\"]\n\n\
[[body]]\nid = \"board\"\nmembers = [\"B\"]\nrule = \"unanimity\"\n\n\
[verification]\nclaimants = [\"UA\"]\nbody = \"board\"\ndecide_within = \"48h\"\nburden = \"flipped\"\n\n\
[[alert]]\nid = \"two-days\"\nname = \"Two days above 900\"\nmonitor = \"MON\"\nwindow = { ends = \"19:30\", zone = \"Europe/Kyiv\" }\nwhen = { kind = \"consecutive\", windows = 2, above = 900 }\n\n\
[[alert]]\nid = \"week\"\nname = \"A week above 2,400\"\nmonitor = \"MON\"\nwindow = { ends = \"19:30\", zone = \"Europe/Kyiv\" }\nwhen = { kind = \"sum\", windows = 7, above = 2400 }\nexclude = [\"exercise\"]\n\n\
[[alert]]\nid = \"surge\"\nname = \"Three times the 30-day median\"\nmonitor = \"MON\"\nwindow = { ends = \"19:30\", zone = \"Europe/Kyiv\" }\nwhen = { kind = \"median-multiple\", windows = 30, times = 3, at_least = 100 }\n";

/// A report per area per day, counts from a fixed generator (SplitMix-style mixing of the day
/// and area), with an occasional surge so that every rule alerts.
fn events() -> crate::error::Result<(Vec<Event>, Timestamp)> {
    let start: Timestamp = "2016-01-02T17:30:00Z"
        .parse()
        .map_err(|e| crate::failed!("{e}"))?;
    let monitor = PartyId::new("MON").map_err(|e| crate::failed!("{e}"))?;
    let mut out = Vec::with_capacity(AREAS * DAYS as usize);
    let mut last = start;
    for day in 0..DAYS {
        let until = start + SignedDuration::from_hours(24 * day);
        let at = until + SignedDuration::from_hours(12);
        for area in 0..AREAS {
            let mut x = (day as u64) << 8 | area as u64;
            x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            let surge = if x % 97 == 0 { 1_000 } else { 0 };
            let report =
                ReportId::new(&format!("R{day}-{area}")).map_err(|e| crate::failed!("{e}"))?;
            out.push(Event {
                at,
                party: monitor.clone(),
                kind: EventKind::MonitorReport(MonitorReport {
                    report,
                    area: format!("area-{area}"),
                    from: until - SignedDuration::from_hours(24),
                    until,
                    counts: BTreeMap::from([("shelling".to_owned(), x % 400 + surge)]),
                    flags: BTreeMap::from([("exercise".to_owned(), x % 50)]),
                }),
            });
        }
        last = at;
    }
    Ok((out, last))
}

pub(crate) fn alerts_figure(runs: u32) -> crate::error::Result<()> {
    let charter = load_toml(&Source::new("alerts.toml", CHARTER))
        .map_err(|d| crate::failed!("the generated charter is invalid: {d}"))?;
    let history = CharterHistory::single(charter);
    let (events, last) = events()?;
    let mut replay_ms = Vec::new();
    let mut engine_ms = Vec::new();
    let mut baseline_ms = Vec::new();
    let mut alerts = BTreeMap::<String, usize>::new();
    let mut derived = 0;
    for _ in 0..runs {
        let start = StdInstant::now();
        let mut engine = Engine::new(history.clone());
        let mut sink = CountingSink::default();
        for (i, e) in events.iter().enumerate() {
            engine.apply(i as u64, e, &mut sink);
        }
        engine
            .advance(last, &mut sink)
            .map_err(|e| crate::failed!("advancing the alert benchmark: {e}"))?;
        engine_ms.push(start.elapsed().as_secs_f64() * 1e3);
        derived = sink.derived;
        let start = StdInstant::now();
        let state = replay(&history, &events, Some(last));
        replay_ms.push(start.elapsed().as_secs_f64() * 1e3);
        if !state.rejected.is_empty() {
            crate::bail!(
                "the alert benchmark's reports were refused: {:?}",
                state.rejected[0]
            );
        }
        alerts.clear();
        for a in &state.alerts {
            *alerts.entry(a.alert.to_string()).or_default() += 1;
        }
        let mut counts = FxHashMap::default();
        let start = StdInstant::now();
        baseline(&events, &mut counts);
        baseline_ms.push(start.elapsed().as_secs_f64() * 1e3);
    }
    if alerts.len() != 3 {
        crate::bail!("the alert benchmark should raise every rule, raised {alerts:?}");
    }
    let total: usize = alerts.values().sum();
    if derived as usize != total {
        crate::bail!("the engine alone derived {derived} alerts, the replay {total}");
    }
    let (replay_ms, engine_ms, baseline_ms) =
        (median(replay_ms), median(engine_ms), median(baseline_ms));
    println!(
        "  alerts: {} daily reports over {DAYS} days in {AREAS} areas, three rules ({})",
        events.len(),
        alerts
            .iter()
            .map(|(k, v)| format!("{k}: {v} alerts"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!(
        "    median alert evaluation (the engine alone) {engine_ms:.1} ms   engine/baseline {:.1}",
        engine_ms / baseline_ms.max(1e-9)
    );
    println!(
        "    goal < {GOAL_MS:.0} ms for the evaluation: {}",
        if engine_ms < GOAL_MS {
            "met"
        } else {
            "NOT met"
        }
    );
    println!("    with the state projection (for reports and the dashboard's series):");
    crate::measures::print_replay(replay_ms, baseline_ms, None);
    Ok(())
}
