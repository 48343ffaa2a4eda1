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
pub fn run(runs: usize) -> anyhow::Result<()> {
    anyhow::ensure!(runs > 0, "--runs must be at least 1");
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
    Ok(())
}

/// What the input makes of readiness, checked once before the clock: every demand answered, and
/// the generator's mix of covered, late and unmet demands present.
fn describe(input: &Input) -> anyhow::Result<()> {
    let r = readiness(input.at, &input.demands, &input.lots, &input.contracts);
    let d = deliveries(input.at, &input.commitments);
    anyhow::ensure!(
        r.demands.len() == input.demands.len(),
        "readiness answered {} of {} demands",
        r.demands.len(),
        input.demands.len()
    );
    anyhow::ensure!(
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
