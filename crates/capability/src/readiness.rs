//! Readiness: the allocation of stock and contract capacity to demands (see the crate docs for
//! the model).

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

use crate::serde_time;

/// "Per month" means per 30 days, exactly.
pub const MONTH_S: i64 = 30 * 86_400;

/// [`MONTH_S`] as the unsigned divisor of the production curve.
const MONTH_U: u128 = MONTH_S as u128;

/// The binary search halves a range of at most `i64::MAX` seconds, so it ends in 64 steps.
const MAX_SEARCH_STEPS: u32 = 64;

/// A pre-positioned stockpile lot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Lot {
    pub id: Arc<str>,
    pub location: Arc<str>,
    pub item: Arc<str>,
    /// Units on hand now.
    pub available: u64,
    /// Time from release to arrival in Ukraine (>= 0; a negative value is read as 0).
    pub transit_s: i64,
}

/// A standing defence-production contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contract {
    pub id: Arc<str>,
    pub item: Arc<str>,
    /// Units per month before the surge lead time has passed.
    pub monthly_capacity: u64,
    /// Units per month once the surge lead time has passed.
    pub surge_capacity: u64,
    /// Time from call-off until production runs at the surge rate (>= 0; negative is read as 0).
    pub surge_lead_s: i64,
    #[serde(serialize_with = "serde_time::instant")]
    pub valid_from: Timestamp,
    #[serde(serialize_with = "serde_time::instant")]
    pub valid_until: Timestamp,
    /// Units already called off and not yet delivered: they take the first units of the curve.
    pub reserved: u64,
}

/// One military obligation of a package, as an item and a quantity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Demand {
    pub package: Arc<str>,
    pub obligation: Arc<str>,
    pub item: Arc<str>,
    pub quantity: u64,
    pub due_within_s: i64,
    /// If set, only lots at this location may serve the demand (contracts still may).
    pub location: Option<Arc<str>>,
}

/// Units a demand takes from one lot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StockDraw {
    pub lot: Arc<str>,
    pub location: Arc<str>,
    pub quantity: u64,
    /// `at + transit_s` of the lot.
    #[serde(serialize_with = "serde_time::instant")]
    #[cfg_attr(feature = "schema", schemars(with = "String", extend("format" = "date-time")))]
    pub arrives: Timestamp,
}

/// Units a demand takes from one contract's production.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ContractDraw {
    pub contract: Arc<str>,
    pub quantity: u64,
    /// When the last of these units is produced.
    #[serde(serialize_with = "serde_time::instant")]
    #[cfg_attr(feature = "schema", schemars(with = "String", extend("format" = "date-time")))]
    pub complete_by: Timestamp,
}

/// When one demand could be met if called at [`Readiness::at`], and from what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DemandReadiness {
    pub package: Arc<str>,
    /// `<package>/<n>`: the obligation's place in the charter.
    pub obligation: Arc<str>,
    pub item: Arc<str>,
    pub quantity: u64,
    #[serde(serialize_with = "serde_time::instant")]
    #[cfg_attr(feature = "schema", schemars(with = "String", extend("format" = "date-time")))]
    pub due: Timestamp,
    /// The latest arrival among what the demand took; `None`: stock plus all contract capacity
    /// cannot meet it at all.
    #[serde(serialize_with = "serde_time::option_instant")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>", extend("format" = "date-time")))]
    pub ready_at: Option<Timestamp>,
    /// `ready_at <= due`.
    pub covered: bool,
    /// `ready_at - due` when positive, else 0 (0 too when unmet: see `short_by_due`).
    pub late_s: i64,
    /// Of what the demand took, the units that arrive by `due` (<= `quantity`).
    pub available_by_due: u64,
    /// `quantity - available_by_due`.
    pub short_by_due: u64,
    pub from_stock: Vec<StockDraw>,
    pub from_contracts: Vec<ContractDraw>,
}

/// A package's demands taken together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PackageReadiness {
    pub package: Arc<str>,
    /// Every demand of the package is covered.
    pub covered: bool,
    /// The sum of its demands' `short_by_due`.
    pub short_by_due: u64,
    /// The largest `late_s` of its demands.
    pub late_s: i64,
    /// Some demand of the package cannot be met at all.
    pub unmet: bool,
}

/// The answer to "if every demand were called at `at`, when could each be met?".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Readiness {
    #[serde(serialize_with = "serde_time::instant")]
    #[cfg_attr(feature = "schema", schemars(with = "String", extend("format" = "date-time")))]
    pub at: Timestamp,
    /// One per demand, in the order of the input.
    pub demands: Vec<DemandReadiness>,
    /// One per package, in order of first appearance among the demands.
    pub packages: Vec<PackageReadiness>,
}

/// What is left of a lot after the allocation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LotLeft {
    pub lot: Arc<str>,
    pub location: Arc<str>,
    pub item: Arc<str>,
    /// Units on hand before the allocation.
    pub available: u64,
    /// Units the allocation left.
    pub remaining: u64,
}

/// How much of a contract's production the allocation called off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContractUse {
    pub contract: Arc<str>,
    pub item: Arc<str>,
    /// Units taken by the demands (beyond `reserved`); 0 for a contract not valid at `at`.
    pub used: u64,
}

/// What an allocation leaves, every lot and every contract in canonical order, so that an
/// activation can draw stock down and call contracts off exactly as the readiness assumed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Leftovers {
    pub lots: Vec<LotLeft>,
    pub contracts: Vec<ContractUse>,
}

/// If every demand were called at `at`, when could each be met? See the crate docs.
pub fn readiness(
    at: Timestamp,
    demands: &[Demand],
    lots: &[Lot],
    contracts: &[Contract],
) -> Readiness {
    readiness_with_leftovers(at, demands, lots, contracts).0
}

/// [`readiness`], and what its allocation leaves of every lot and contract.
pub fn readiness_with_leftovers(
    at: Timestamp,
    demands: &[Demand],
    lots: &[Lot],
    contracts: &[Contract],
) -> (Readiness, Leftovers) {
    let mut pool = Pool::new(at, lots, contracts);
    let results: Vec<DemandReadiness> = demands.iter().map(|d| pool.serve(d)).collect();
    let packages = packages(&results);
    let leftovers = pool.leftovers();
    (
        Readiness {
            at,
            demands: results,
            packages,
        },
        leftovers,
    )
}

impl Contract {
    /// Units this contract, called off at `called_at`, has produced by `t` (its whole curve,
    /// `reserved` included); 0 if it is not valid at `called_at`. Exact.
    pub fn produced_by(&self, called_at: Timestamp, t: Timestamp) -> u128 {
        match Curve::of(self, called_at) {
            Some(curve) => curve.produced(whole_seconds(t.duration_since(called_at))),
            None => 0,
        }
    }
}

// --- time ----------------------------------------------------------------------------------------

/// `at + s` seconds, saturating at the ends of jiff's range (only absurd inputs get there).
fn shift(at: Timestamp, s: i64) -> Timestamp {
    at.checked_add(SignedDuration::from_secs(s))
        .unwrap_or(if s < 0 {
            Timestamp::MIN
        } else {
            Timestamp::MAX
        })
}

/// Whole seconds of a duration, rounded down (towards the past).
fn whole_seconds(d: SignedDuration) -> i64 {
    let s = d.as_secs();
    if d.subsec_nanos() < 0 { s - 1 } else { s }
}

// --- the production curve ------------------------------------------------------------------------

/// A valid contract's production curve, in seconds since its call-off.
#[derive(Debug, Clone, Copy)]
struct Curve {
    monthly: u128,
    surge: u128,
    lead_s: i64,
    /// Whole seconds from the call-off to `valid_until`: production stops there.
    horizon_s: i64,
}

impl Curve {
    /// The curve of `c` called off at `at`, or `None` if `c` is not valid at `at`.
    fn of(c: &Contract, at: Timestamp) -> Option<Curve> {
        if !(c.valid_from <= at && at < c.valid_until) {
            return None;
        }
        Some(Curve {
            monthly: u128::from(c.monthly_capacity),
            surge: u128::from(c.surge_capacity),
            lead_s: c.surge_lead_s.max(0),
            horizon_s: whole_seconds(c.valid_until.duration_since(at)).max(0),
        })
    }

    /// Units produced in the first `elapsed_s` seconds. Cannot overflow: the two products share
    /// the elapsed seconds, so their sum is at most `u64::MAX × i64::MAX < u128::MAX`.
    fn produced(&self, elapsed_s: i64) -> u128 {
        let e = elapsed_s.clamp(0, self.horizon_s);
        let monthly_s = e.min(self.lead_s).unsigned_abs();
        let surge_s = (e - e.min(self.lead_s)).unsigned_abs();
        let unit_s = self.monthly * u128::from(monthly_s) + self.surge * u128::from(surge_s);
        // Most curves stay within u64, whose division is much cheaper than u128's.
        match u64::try_from(unit_s) {
            Ok(small) => u128::from(small / MONTH_S.unsigned_abs()),
            Err(_) => unit_s / MONTH_U,
        }
    }

    /// The first whole second by which `units` have been produced, if ever (closed form).
    fn first_reaching(&self, units: u128) -> Option<i64> {
        if units == 0 {
            return Some(0);
        }
        let target = units.checked_mul(MONTH_U)?;
        let monthly_until_s = self.lead_s.min(self.horizon_s);
        let by_lead = self.monthly * monthly_until_s.unsigned_abs() as u128;
        let e = if target <= by_lead {
            // target > 0 and by_lead >= target, so monthly > 0.
            i64::try_from(target.div_ceil(self.monthly)).ok()?
        } else if self.surge == 0 || monthly_until_s < self.lead_s {
            return None;
        } else {
            let surge_s = (target - by_lead).div_ceil(self.surge);
            self.lead_s.checked_add(i64::try_from(surge_s).ok()?)?
        };
        if e > self.horizon_s {
            return None;
        }
        debug_assert!(self.produced(e) >= units && (e == 0 || self.produced(e - 1) < units));
        Some(e)
    }
}

// --- the pool ------------------------------------------------------------------------------------

/// A lot and what is left of it.
#[derive(Debug)]
struct LotState<'a> {
    lot: &'a Lot,
    transit_s: i64,
    remaining: u64,
}

/// A contract, its curve if valid at `at`, and what the demands took of it.
#[derive(Debug)]
struct ContractState<'a> {
    contract: &'a Contract,
    curve: Option<Curve>,
    used: u64,
}

impl ContractState<'_> {
    /// Units of the curve already spoken for: `reserved` and what earlier demands took.
    fn base(&self) -> u128 {
        u128::from(self.contract.reserved) + u128::from(self.used)
    }

    /// Units still available by `elapsed_s` seconds after the call-off.
    fn available(&self, curve: &Curve, elapsed_s: i64) -> u128 {
        curve.produced(elapsed_s).saturating_sub(self.base())
    }
}

/// Indices (into the canonical lot and contract lists) of one item's lots and valid contracts,
/// in canonical order, and the latest horizon among those contracts.
#[derive(Debug, Default)]
struct ItemIndex {
    lots: Vec<usize>,
    contracts: Vec<usize>,
    horizon_s: i64,
}

/// Stock and contract capacity as the demands consume them.
#[derive(Debug)]
struct Pool<'a> {
    at: Timestamp,
    lots: Vec<LotState<'a>>,
    contracts: Vec<ContractState<'a>>,
    items: BTreeMap<&'a str, ItemIndex>,
}

/// Canonical lot order: (transit, location, id), then every other field, so that even
/// duplicated ids are ordered independently of the input.
fn lot_order(a: &Lot, b: &Lot) -> Ordering {
    (a.transit_s.max(0), &a.location, &a.id, &a.item, a.available).cmp(&(
        b.transit_s.max(0),
        &b.location,
        &b.id,
        &b.item,
        b.available,
    ))
}

/// Canonical contract order: id, then every other field.
fn contract_order(a: &Contract, b: &Contract) -> Ordering {
    a.id.cmp(&b.id)
        .then_with(|| contract_rest(a).cmp(&contract_rest(b)))
}

/// The fields of a contract after its id, for breaking ties between duplicated ids.
fn contract_rest(c: &Contract) -> (&str, u64, u64, i64, Timestamp, Timestamp, u64) {
    (
        &c.item,
        c.monthly_capacity,
        c.surge_capacity,
        c.surge_lead_s,
        c.valid_from,
        c.valid_until,
        c.reserved,
    )
}

impl<'a> Pool<'a> {
    /// Sorts lots and contracts once into canonical order and indexes them by item.
    fn new(at: Timestamp, lots: &'a [Lot], contracts: &'a [Contract]) -> Pool<'a> {
        let mut lots: Vec<&Lot> = lots.iter().collect();
        lots.sort_by(|a, b| lot_order(a, b));
        let mut contracts: Vec<&Contract> = contracts.iter().collect();
        contracts.sort_by(|a, b| contract_order(a, b));
        let mut items: BTreeMap<&'a str, ItemIndex> = BTreeMap::new();
        for (i, lot) in lots.iter().enumerate() {
            items.entry(&lot.item).or_default().lots.push(i);
        }
        let contracts: Vec<ContractState<'a>> = contracts
            .into_iter()
            .map(|contract| ContractState {
                contract,
                curve: Curve::of(contract, at),
                used: 0,
            })
            .collect();
        for (i, c) in contracts.iter().enumerate() {
            if let Some(curve) = c.curve {
                let index = items.entry(&c.contract.item).or_default();
                index.contracts.push(i);
                index.horizon_s = index.horizon_s.max(curve.horizon_s);
            }
        }
        let lots = lots
            .into_iter()
            .map(|lot| LotState {
                lot,
                transit_s: lot.transit_s.max(0),
                remaining: lot.available,
            })
            .collect();
        Pool {
            at,
            lots,
            contracts,
            items,
        }
    }

    /// Allocates to one demand and says when it could be met.
    fn serve(&mut self, demand: &Demand) -> DemandReadiness {
        let due_s = demand.due_within_s;
        let mut alloc = Allocation::default();
        if let Some(index) = self.items.get(&*demand.item) {
            let mut need = demand.quantity;
            need -= take_stock(&mut self.lots, &index.lots, demand, need, due_s, &mut alloc);
            if need > 0 {
                take_contracts(&mut self.contracts, index, need, due_s, &mut alloc);
            }
        }
        debug_assert!(alloc.taken <= demand.quantity);
        debug_assert!(alloc.by_due <= alloc.taken);
        let met = alloc.taken == demand.quantity && !alloc.unmet;
        let ready_s = met.then_some(alloc.ready_s);
        let late_s = ready_s.map_or(0, |r| r.saturating_sub(due_s).max(0));
        DemandReadiness {
            package: demand.package.clone(),
            obligation: demand.obligation.clone(),
            item: demand.item.clone(),
            quantity: demand.quantity,
            due: shift(self.at, due_s),
            ready_at: ready_s.map(|r| shift(self.at, r)),
            covered: ready_s.is_some_and(|r| r <= due_s),
            late_s,
            available_by_due: alloc.by_due,
            short_by_due: demand.quantity - alloc.by_due,
            from_stock: alloc
                .stock
                .into_iter()
                .map(|(i, quantity)| {
                    let l = &self.lots[i];
                    StockDraw {
                        lot: l.lot.id.clone(),
                        location: l.lot.location.clone(),
                        quantity,
                        arrives: shift(self.at, l.transit_s),
                    }
                })
                .collect(),
            from_contracts: alloc
                .contracts
                .into_iter()
                .map(|(i, quantity, done_s)| ContractDraw {
                    contract: self.contracts[i].contract.id.clone(),
                    quantity,
                    complete_by: shift(self.at, done_s),
                })
                .collect(),
        }
    }

    /// Every lot's remaining units and every contract's units used, in canonical order.
    fn leftovers(&self) -> Leftovers {
        Leftovers {
            lots: self
                .lots
                .iter()
                .map(|l| LotLeft {
                    lot: l.lot.id.clone(),
                    location: l.lot.location.clone(),
                    item: l.lot.item.clone(),
                    available: l.lot.available,
                    remaining: l.remaining,
                })
                .collect(),
            contracts: self
                .contracts
                .iter()
                .map(|c| ContractUse {
                    contract: c.contract.id.clone(),
                    item: c.contract.item.clone(),
                    used: c.used,
                })
                .collect(),
        }
    }
}

/// What one demand took, in seconds since `at`.
#[derive(Debug, Default)]
struct Allocation {
    /// (lot index, units).
    stock: Vec<(usize, u64)>,
    /// (contract index, units, second its last unit is produced).
    contracts: Vec<(usize, u64, i64)>,
    taken: u64,
    by_due: u64,
    /// The latest arrival so far (0 = `at`).
    ready_s: i64,
    /// Contract capacity ran out: the demand cannot be met.
    unmet: bool,
}

/// Takes up to `need` units from the demand's lots in canonical order; returns the units taken.
fn take_stock(
    lots: &mut [LotState<'_>],
    candidates: &[usize],
    demand: &Demand,
    need: u64,
    due_s: i64,
    alloc: &mut Allocation,
) -> u64 {
    let mut still = need;
    for &i in candidates {
        if still == 0 {
            break;
        }
        let lot = &mut lots[i];
        if lot.remaining == 0
            || demand
                .location
                .as_ref()
                .is_some_and(|l| *l != lot.lot.location)
        {
            continue;
        }
        let take = lot.remaining.min(still);
        lot.remaining -= take;
        still -= take;
        alloc.stock.push((i, take));
        alloc.taken += take;
        alloc.ready_s = alloc.ready_s.max(lot.transit_s);
        if lot.transit_s <= due_s {
            alloc.by_due += take;
        }
    }
    need - still
}

/// Takes `need` units from the item's valid contracts at the earliest second they can together
/// supply them, or everything they can ever supply if that is not enough.
fn take_contracts(
    contracts: &mut [ContractState<'_>],
    index: &ItemIndex,
    need: u64,
    due_s: i64,
    alloc: &mut Allocation,
) {
    let t_s = match earliest_supply(contracts, &index.contracts, need, index.horizon_s) {
        Some(t_s) => t_s,
        None => {
            alloc.unmet = true;
            index.horizon_s
        }
    };
    let mut still = need;
    for &i in &index.contracts {
        if still == 0 {
            break;
        }
        let c = &mut contracts[i];
        let Some(curve) = c.curve else { continue };
        let base = c.base();
        let take = u64::try_from(c.available(&curve, t_s).min(u128::from(still))).unwrap_or(still);
        if take == 0 {
            continue;
        }
        // The curve reaches base + take by t_s, so this is always found; t_s is a safe bound.
        let done_s = curve.first_reaching(base + u128::from(take)).unwrap_or(t_s);
        debug_assert!(done_s <= t_s);
        let by_due = curve
            .produced(due_s)
            .saturating_sub(base)
            .min(u128::from(take));
        c.used += take;
        still -= take;
        alloc.contracts.push((i, take, done_s));
        alloc.taken += take;
        alloc.by_due += u64::try_from(by_due).unwrap_or(take);
        alloc.ready_s = alloc.ready_s.max(done_s);
    }
    debug_assert!(alloc.unmet || still == 0);
}

/// Units the contracts could supply together by `elapsed_s`, counting no further than `need`
/// (the early exit keeps the binary search cheap).
fn supply_by(
    contracts: &[ContractState<'_>],
    candidates: &[usize],
    elapsed_s: i64,
    need: u64,
) -> u128 {
    let need = u128::from(need);
    let mut sum = 0u128;
    for &i in candidates {
        let c = &contracts[i];
        if let Some(curve) = &c.curve {
            sum = sum.saturating_add(c.available(curve, elapsed_s));
            if sum >= need {
                break;
            }
        }
    }
    sum
}

/// The earliest whole second (since `at`) by which the contracts can supply `need` units
/// together, or `None` if not even by `horizon_s`. Binary search: supply is monotone in time.
fn earliest_supply(
    contracts: &[ContractState<'_>],
    candidates: &[usize],
    need: u64,
    horizon_s: i64,
) -> Option<i64> {
    let enough = |s: i64| supply_by(contracts, candidates, s, need) >= u128::from(need);
    if !enough(horizon_s) {
        return None;
    }
    // Invariant: enough(hi), and !enough(s) for every s < lo.
    let (mut lo, mut hi) = (0i64, horizon_s);
    for _ in 0..MAX_SEARCH_STEPS {
        if lo >= hi {
            break;
        }
        let mid = lo + (hi - lo) / 2;
        if enough(mid) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    debug_assert!(lo == hi);
    Some(hi)
}

/// One summary per package, in order of first appearance.
fn packages(results: &[DemandReadiness]) -> Vec<PackageReadiness> {
    let mut out: Vec<PackageReadiness> = Vec::new();
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for r in results {
        let i = *seen.entry(&r.package).or_insert_with(|| {
            out.push(PackageReadiness {
                package: r.package.clone(),
                covered: true,
                short_by_due: 0,
                late_s: 0,
                unmet: false,
            });
            out.len() - 1
        });
        let p = &mut out[i];
        p.covered &= r.covered;
        p.short_by_due = p.short_by_due.saturating_add(r.short_by_due);
        p.late_s = p.late_s.max(r.late_s);
        p.unmet |= r.ready_at.is_none();
    }
    out
}
