//! A synthetic, deterministic input of the size the readiness goal names (`snapback bench
//! capabilities` and tests use it): 200 demands (50 packages × 4 obligations), 500 lots over 8
//! locations, 1,000 contracts and 10,000 commitments with receipts, over 20 items.
//!
//! Behind the `testing` feature: a fixture, not part of the tracker's API. The generator is
//! [`SplitMix`] (SplitMix64), written here so that no crate needs `rand`: the benchmark
//! needs repeatability, not statistical quality. The mix is chosen so that stock covers only part
//! of the demand and most demands go on to contracts (the expensive path, a binary search over
//! production curves), some contracts are expired or not yet valid, some demands name a
//! location, and some are unmet (no contract makes the last item).

use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};

use crate::{Commitment, Contract, Demand, Lot, Receipt};

const DAY_S: i64 = 86_400;
const ITEMS: u64 = 20;
const LOCATIONS: u64 = 8;
const PACKAGES: u64 = 50;
const OBLIGATIONS_PER_PACKAGE: u64 = 4;
const LOTS: u64 = 500;
const CONTRACTS: u64 = 1_000;
const COMMITMENTS: u64 = 10_000;
const DONORS: u64 = 30;
const CATEGORIES: u64 = 6;

/// 2026-06-01T00:00:00Z: the instant the synthetic demands are called at.
const AT: Timestamp = Timestamp::constant(1_780_272_000, 0);

/// SplitMix64: a tiny, portable, seeded generator, the one every benchmark input draws from
/// (`snapback bench engine` too), so that no crate needs `rand` for repeatable inputs.
#[derive(Debug, Clone)]
pub struct SplitMix(pub u64);

impl SplitMix {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`, or 0 when `n` is 0 (the slight modulo bias does not matter here).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }

    /// A number in `lo..=hi` (the slight modulo bias does not matter here).
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        debug_assert!(lo <= hi);
        lo + self.next_u64() % (hi - lo + 1)
    }

    /// Seconds in `lo..=hi` days.
    fn days_s(&mut self, lo: i64, hi: i64) -> i64 {
        debug_assert!(lo <= hi);
        let span = (hi - lo).unsigned_abs() * DAY_S.unsigned_abs();
        lo * DAY_S + i64::try_from(self.next_u64() % (span + 1)).unwrap_or(0)
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
}

/// `AT` shifted by `s` seconds (the generator stays far from jiff's limits).
fn at_plus(s: i64) -> Timestamp {
    AT.checked_add(SignedDuration::from_secs(s)).unwrap_or(AT)
}

/// Interned names, so that the input shares its strings as real input would.
struct Names {
    items: Vec<Arc<str>>,
    locations: Vec<Arc<str>>,
    donors: Vec<Arc<str>>,
    categories: Vec<Arc<str>>,
}

impl Names {
    fn new() -> Names {
        let make = |prefix: &str, n: u64| -> Vec<Arc<str>> {
            (0..n)
                .map(|i| Arc::from(format!("{prefix}-{i:02}")))
                .collect()
        };
        Names {
            items: make("item", ITEMS),
            locations: make("depot", LOCATIONS),
            donors: make("donor", DONORS),
            categories: make("category", CATEGORIES),
        }
    }
}

impl Names {
    /// Every item but the last: no contract makes the last one, so demands for it beyond the
    /// stock are unmet.
    fn contracted_items(&self) -> &[Arc<str>] {
        self.items.split_last().map_or(&[], |(_, rest)| rest)
    }
}

/// Picks one of `v` (never empty here).
fn pick(rng: &mut SplitMix, v: &[Arc<str>]) -> Arc<str> {
    let n = u64::try_from(v.len()).unwrap_or(1).max(1);
    let i = usize::try_from(rng.next_u64() % n).unwrap_or(0);
    v.get(i).cloned().unwrap_or_else(|| Arc::from(""))
}

/// The synthetic input for `seed`: the instant, demands, lots, contracts and commitments.
pub fn synthetic(
    seed: u64,
) -> (
    Timestamp,
    Vec<Demand>,
    Vec<Lot>,
    Vec<Contract>,
    Vec<Commitment>,
) {
    let mut rng = SplitMix(seed);
    let names = Names::new();
    let demands = demands(&mut rng, &names);
    let lots = lots(&mut rng, &names);
    let contracts = contracts(&mut rng, &names);
    let commitments = commitments(&mut rng, &names);
    (AT, demands, lots, contracts, commitments)
}

fn demands(rng: &mut SplitMix, names: &Names) -> Vec<Demand> {
    let mut out = Vec::new();
    for p in 0..PACKAGES {
        let package: Arc<str> = Arc::from(format!("package-{p:02}"));
        for o in 0..OBLIGATIONS_PER_PACKAGE {
            out.push(Demand {
                package: package.clone(),
                obligation: Arc::from(format!("obligation-{o}")),
                item: pick(rng, &names.items),
                quantity: rng.range(100, 20_000),
                due_within_s: rng.days_s(7, 180),
                location: rng.chance(25).then(|| pick(rng, &names.locations)),
            });
        }
    }
    out
}

fn lots(rng: &mut SplitMix, names: &Names) -> Vec<Lot> {
    (0..LOTS)
        .map(|i| Lot {
            id: Arc::from(format!("lot-{i:03}")),
            location: pick(rng, &names.locations),
            item: pick(rng, &names.items),
            available: rng.range(10, 2_000),
            transit_s: rng.days_s(1, 30),
        })
        .collect()
}

fn contracts(rng: &mut SplitMix, names: &Names) -> Vec<Contract> {
    (0..CONTRACTS)
        .map(|i| {
            let monthly = rng.range(50, 1_000);
            Contract {
                id: Arc::from(format!("contract-{i:04}")),
                item: pick(rng, names.contracted_items()),
                monthly_capacity: monthly,
                surge_capacity: monthly * rng.range(1, 4),
                surge_lead_s: rng.days_s(7, 120),
                // About 3% not yet valid, about 4% expired.
                valid_from: at_plus(-rng.days_s(-10, 365)),
                valid_until: at_plus(rng.days_s(-30, 730)),
                reserved: rng.range(0, 500),
            }
        })
        .collect()
}

fn commitments(rng: &mut SplitMix, names: &Names) -> Vec<Commitment> {
    (0..COMMITMENTS)
        .map(|i| {
            let quantity = rng.range(10, 5_000);
            let promised_s = rng.days_s(-365, 180);
            Commitment {
                id: Arc::from(format!("commitment-{i:05}")),
                donor: pick(rng, &names.donors),
                category: pick(rng, &names.categories),
                item: pick(rng, &names.items),
                quantity,
                promised: at_plus(promised_s),
                receipts: receipts(rng, quantity, promised_s),
            }
        })
        .collect()
}

/// Zero to four receipts in time order around the promised time, usually adding up to about
/// the quantity (some fall short, some go over, some are still in the future).
fn receipts(rng: &mut SplitMix, quantity: u64, promised_s: i64) -> Vec<Receipt> {
    let n = rng.range(0, 4);
    let mut t_s = promised_s - rng.days_s(0, 60);
    let mut out = Vec::new();
    for _ in 0..n {
        t_s += rng.days_s(0, 30);
        out.push(Receipt {
            at: at_plus(t_s),
            quantity: quantity * rng.range(20, 50) / 100,
        });
    }
    out
}
