//! `snapback bench capabilities`: the capability tracker's arithmetic on one core, next to a peer
//! measured in the same run.
//!
//! The input is [`snapback_capability::bench_input::synthetic`]: 200 demands (50 packages × 4
//! obligations), 500 lots over 8 locations, 1,000 contracts and 10,000 commitments with receipts,
//! over 20 items. One run is a full readiness allocation ([`snapback_capability::readiness`])
//! plus delivery performance ([`snapback_capability::deliveries`]), the figures a status page
//! would show. The peer merely sorts the same lots, contracts and commitments by their canonical
//! keys: a floor for anything that must put them in a deterministic order. Input generation is
//! not timed.

use std::hint::black_box;
use std::time::Instant;

use jiff::Timestamp;
use snapback_capability::{Commitment, Contract, Demand, Lot, bench_input, deliveries, readiness};
use snapback_charter::{
    CharterHistory, CommitmentId, ContractId, Duration, ItemId, LotId, PartyId,
};
use snapback_engine::capability::report::capabilities_report;
use snapback_engine::{Event, WireEvent};

/// The goal from the issue: readiness and deliveries together, on one core.
const GOAL_MS: f64 = 50.0;
/// Generator seed.
const SEED: u64 = 7;

struct Input {
    at: Timestamp,
    demands: Vec<Demand>,
    lots: Vec<Lot>,
    contracts: Vec<Contract>,
    commitments: Vec<Commitment>,
}

/// Builds the input, checks it once, then times `runs` runs (21 is the usual number) and prints
/// the median and p90, the goal and the peer.
pub fn run(runs: usize) -> crate::error::Result<()> {
    crate::ensure!(runs > 0, "--runs must be at least 1");
    let (at, demands, lots, contracts, commitments) = bench_input::synthetic(SEED);
    let input = Input {
        at,
        demands,
        lots,
        contracts,
        commitments,
    };
    println!(
        "snapback bench capabilities ({} demands, {} lots, {} contracts, {} commitments; {runs} runs)",
        input.demands.len(),
        input.lots.len(),
        input.contracts.len(),
        input.commitments.len()
    );
    describe(&input)?;
    let (mut ours, mut peer) = (Vec::with_capacity(runs), Vec::with_capacity(runs));
    // Interleaved, so that a noisy moment hits both figures alike.
    for _ in 0..runs {
        ours.push(capabilities_run(&input));
        peer.push(sort_run(&input));
    }
    let (median, p90) = (percentile(&mut ours, 50), percentile(&mut ours, 90));
    let peer_median = percentile(&mut peer, 50);
    let verdict = if median < GOAL_MS { "met" } else { "NOT met" };
    println!("  readiness + deliveries, one core:");
    println!(
        "    median {median:>9.3} ms, p90 {p90:>9.3} ms  (goal: median < {GOAL_MS:.0} ms: {verdict})"
    );
    println!(
        "    peer, sorting the same lots, contracts and commitments by their canonical keys: median {peer_median:>9.3} ms"
    );
    if peer_median > 0.0 {
        println!("    ours / peer: {:.1}", median / peer_median);
    }
    through_engine(&input, runs)
}

/// The same records as engine events on a generated charter (50 packages of 4 military
/// obligations, the 8 locations), replayed into a `State`; then the timed path is the one the
/// dashboard and `capabilities status` take: the report's whole `capabilities` section
/// (readiness, deliveries, stockpiles, contracts, training, restrictions) from the state.
fn through_engine(input: &Input, runs: usize) -> crate::error::Result<()> {
    let (history, events, skipped) = engine_input(input)?;
    let state = snapback_engine::replay(&history, &events, Some(input.at));
    crate::ensure!(
        state.rejected.is_empty(),
        "the generated events were refused: {:?}",
        state.rejected.first()
    );
    let t = &state.capabilities;
    println!(
        "  through the engine: {} events replayed ({} lots, {} contracts, {} commitments; {skipped} \
         contracts with an empty window left out), then the report's capabilities section:",
        events.len(),
        t.lots.all().len(),
        t.contracts.all().len(),
        t.commitments.all().len()
    );
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        let report = capabilities_report(black_box(&state));
        times.push(start.elapsed().as_secs_f64() * 1e3);
        black_box(report);
    }
    let (median, p90) = (percentile(&mut times, 50), percentile(&mut times, 90));
    let verdict = if median < GOAL_MS { "met" } else { "NOT met" };
    println!(
        "    median {median:>9.3} ms, p90 {p90:>9.3} ms  (goal: median < {GOAL_MS:.0} ms: {verdict})"
    );
    Ok(())
}

/// The charter text and the events that record `input` (lots stocked, contracts registered,
/// units already reserved called off, commitments and their receipts up to the instant), all
/// recorded one day before it (receipts keep their dates as `occurred_at`).
fn engine_input(input: &Input) -> crate::error::Result<(CharterHistory, Vec<Event>, usize)> {
    use std::fmt::Write as _;
    let recorded = input
        .at
        .checked_sub(jiff::SignedDuration::from_hours(24))
        .map_err(|e| crate::failed!("{e}"))?;
    let mut text = String::from(
        "[charter]\nid = \"bench\"\ntitle = \"bench\"\nversion = \"1\"\n\
         effective = 2020-01-01T00:00:00Z\nbeneficiary = \"UA\"\n\n\
         [[party]]\nid = \"UA\"\nname = \"UA\"\nroles = [\"beneficiary\"]\n\n\
         [[party]]\nid = \"SEC\"\nname = \"SEC\"\nroles = [\"secretariat\"]\n\n\
         [[party]]\nid = \"G\"\nname = \"G\"\nroles = [\"guarantor\"]\n\n\
         [[body]]\nid = \"ministers\"\nmembers = { role = \"guarantor\" }\nrule = \"majority\"\n\n\
         [verification]\nclaimants = [\"UA\"]\nbody = \"ministers\"\ndecide_within = \"48h\"\n\
         burden = \"flipped\"\n\n",
    );
    let mut package = "";
    for d in &input.demands {
        if &*d.package != package {
            package = &d.package;
            let _ = write!(text, "[[package]]\nid = \"{package}\"\n\n");
        }
        let _ = write!(
            text,
            "[[package.obligation]]\nparty = \"G\"\nkind = \"military\"\ndue_within = \"{}s\"\n\
             description = \"bench\"\nitem = \"{}\"\nquantity = {}\n",
            d.due_within_s.max(1),
            d.item,
            d.quantity.max(1)
        );
        if let Some(l) = &d.location {
            let _ = writeln!(text, "location = \"{l}\"");
        }
        text.push('\n');
    }
    let mut transit: Vec<(&str, i64)> = Vec::new();
    for l in &input.lots {
        if !transit.iter().any(|(id, _)| *id == &*l.location) {
            transit.push((&l.location, l.transit_s.max(1)));
        }
    }
    text.push_str("[capabilities]\n");
    for (id, s) in &transit {
        let _ = write!(
            text,
            "[[capabilities.location]]\nid = \"{id}\"\nname = \"{id}\"\ntransit = \"{s}s\"\n"
        );
    }
    let charter = snapback_charter::load_toml(&snapback_charter::Source::new("bench.toml", text))
        .map_err(|d| crate::failed!("the generated charter: {d}"))?;
    let history = CharterHistory::new(vec![charter]).map_err(|e| crate::failed!("{e}"))?;
    let mut wires = Vec::new();
    let wire = |party: &str, kind: &str| -> crate::error::Result<WireEvent> {
        Ok(WireEvent::new(recorded, PartyId::new(party)?, kind))
    };
    for l in &input.lots {
        let mut w = wire("G", "stockpile.stocked")?;
        w.lot = Some(LotId::new(&l.id)?);
        w.location = Some(l.location.to_string());
        w.item = Some(ItemId::new(&l.item)?);
        w.quantity = Some(l.available.max(1));
        wires.push(w);
    }
    let mut skipped = 0;
    for c in &input.contracts {
        if c.valid_until <= c.valid_from {
            skipped += 1;
            continue;
        }
        let mut w = wire("G", "contract.registered")?;
        w.contract = Some(ContractId::new(&c.id)?);
        w.supplier = Some("bench".to_owned());
        w.country = Some("G".to_owned());
        w.item = Some(ItemId::new(&c.item)?);
        w.monthly_capacity = Some(c.monthly_capacity);
        w.surge_capacity = Some(c.surge_capacity.max(1));
        w.surge_lead_time = Some(
            Duration::from_seconds(c.surge_lead_s.unsigned_abs().max(1))
                .ok_or_else(|| crate::failed!("lead time"))?,
        );
        w.valid_from = Some(snapback_charter::Instant(c.valid_from));
        w.valid_until = Some(snapback_charter::Instant(c.valid_until));
        wires.push(w);
        if c.reserved > 0 && c.valid_from <= recorded && recorded < c.valid_until {
            let mut w = wire("G", "contract.called_off")?;
            w.contract = Some(ContractId::new(&c.id)?);
            w.quantity = Some(c.reserved);
            wires.push(w);
        }
    }
    for c in &input.commitments {
        let mut w = wire("SEC", "aid.committed")?;
        w.commitment = Some(CommitmentId::new(&c.id)?.to_string());
        w.donor = Some(PartyId::new(&c.donor)?);
        w.category = Some(c.category.to_string());
        w.item = Some(ItemId::new(&c.item)?);
        w.quantity = Some(c.quantity.max(1));
        w.promised = Some(snapback_charter::Instant(c.promised));
        wires.push(w);
        let mut left = c.quantity.max(1);
        for r in c.receipts.iter().filter(|r| r.at <= recorded) {
            let quantity = r.quantity.min(left);
            if quantity == 0 {
                continue;
            }
            left -= quantity;
            let mut w = wire("SEC", "aid.received")?;
            w.commitment = Some(CommitmentId::new(&c.id)?.to_string());
            w.quantity = Some(quantity);
            w.occurred_at = Some(snapback_charter::Instant(r.at));
            wires.push(w);
        }
    }
    let path = snapback_charter::FieldPath::of(&["event"]);
    let events = wires
        .into_iter()
        .map(|w| w.into_event(&path).map_err(|p| crate::failed!("{p}")))
        .collect::<crate::error::Result<Vec<Event>>>()?;
    Ok((history, events, skipped))
}

/// What the input makes of readiness, checked once before the clock: every demand answered, and
/// the generator's mix of covered, late and unmet demands present.
fn describe(input: &Input) -> crate::error::Result<()> {
    let r = readiness(input.at, &input.demands, &input.lots, &input.contracts);
    let d = deliveries(input.at, &input.commitments);
    crate::ensure!(
        r.demands.len() == input.demands.len(),
        "readiness answered {} of {} demands",
        r.demands.len(),
        input.demands.len()
    );
    crate::ensure!(
        d.commitments.len() == input.commitments.len(),
        "deliveries answered {} of {} commitments",
        d.commitments.len(),
        input.commitments.len()
    );
    let covered = r.demands.iter().filter(|d| d.covered).count();
    let unmet = r.demands.iter().filter(|d| d.ready_at.is_none()).count();
    let via_contracts = r
        .demands
        .iter()
        .filter(|d| !d.from_contracts.is_empty())
        .count();
    println!(
        "  demands: {covered} covered, {} late, {unmet} unmet; {via_contracts} drew on contracts",
        r.demands.len() - covered - unmet
    );
    println!(
        "  deliveries: {} (donor, category) groups, {} donors",
        d.groups.len(),
        d.donors.len()
    );
    Ok(())
}

/// One run of readiness and deliveries; milliseconds.
fn capabilities_run(input: &Input) -> f64 {
    let start = Instant::now();
    let r = readiness(
        black_box(input.at),
        black_box(&input.demands),
        black_box(&input.lots),
        black_box(&input.contracts),
    );
    let d = deliveries(black_box(input.at), black_box(&input.commitments));
    let ms = start.elapsed().as_secs_f64() * 1e3;
    black_box((r, d));
    ms
}

/// The peer: references to the same lots, contracts and commitments sorted by their canonical
/// keys (lots by transit, location and id; contracts by id; commitments by donor, category and
/// id); milliseconds.
fn sort_run(input: &Input) -> f64 {
    let start = Instant::now();
    let mut lots: Vec<&Lot> = black_box(&input.lots).iter().collect();
    lots.sort_by(|a, b| (a.transit_s, &a.location, &a.id).cmp(&(b.transit_s, &b.location, &b.id)));
    let mut contracts: Vec<&Contract> = black_box(&input.contracts).iter().collect();
    contracts.sort_by(|a, b| a.id.cmp(&b.id));
    let mut commitments: Vec<&Commitment> = black_box(&input.commitments).iter().collect();
    commitments.sort_by(|a, b| (&a.donor, &a.category, &a.id).cmp(&(&b.donor, &b.category, &b.id)));
    let ms = start.elapsed().as_secs_f64() * 1e3;
    black_box((lots, contracts, commitments));
    ms
}

/// The `p`th percentile (nearest rank) of `v`; 0 for an empty `v`.
fn percentile(v: &mut [f64], p: usize) -> f64 {
    v.sort_by(f64::total_cmp);
    let rank = (v.len() * p).div_ceil(100).max(1);
    v.get(rank - 1).copied().unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn bench_capabilities_runs_once() {
        super::run(1).unwrap();
    }

    #[test]
    fn percentiles_are_nearest_rank() {
        let mut v: Vec<f64> = (1..=21).map(f64::from).collect();
        assert_eq!(super::percentile(&mut v, 50), 11.0);
        assert_eq!(super::percentile(&mut v, 90), 19.0);
        assert_eq!(super::percentile(&mut [], 90), 0.0);
    }
}
