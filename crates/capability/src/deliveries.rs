//! Delivery performance: what donors committed, what arrived, and whether it arrived on time
//! (see the crate docs for the model).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::Timestamp;
use serde::Serialize;

use crate::serde_time;

/// Nanoseconds in a day: lateness is counted in days, rounded up, to the nanosecond.
const DAY_NS: u128 = 86_400 * 1_000_000_000;

/// Units of a commitment that arrived at one time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Receipt {
    #[serde(serialize_with = "serde_time::instant")]
    pub at: Timestamp,
    pub quantity: u64,
}

/// A donor's promise of `quantity` units of an item by `promised`, and what arrived.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Commitment {
    pub id: Arc<str>,
    pub donor: Arc<str>,
    pub category: Arc<str>,
    pub item: Arc<str>,
    pub quantity: u64,
    #[serde(serialize_with = "serde_time::instant")]
    pub promised: Timestamp,
    /// In time order (receipts out of order are put in order, stably, before counting).
    pub receipts: Vec<Receipt>,
}

/// Where a commitment stands at the time of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum DeliveryState {
    /// Not complete and not yet due.
    Open,
    /// Not complete and promised exactly at the time of the report: due, but neither on time
    /// nor late (yet).
    Due,
    /// Complete no later than promised.
    OnTime,
    /// Complete, after the promised time.
    Late,
    /// Not complete, past the promised time.
    Overdue,
}

impl DeliveryState {
    /// The state as the report writes it (`open`, `due`, `on_time`, `late`, `overdue`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Due => "due",
            Self::OnTime => "on_time",
            Self::Late => "late",
            Self::Overdue => "overdue",
        }
    }
}

/// One commitment's delivery at the time of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CommitmentStatus {
    pub id: Arc<str>,
    pub donor: Arc<str>,
    pub category: Arc<str>,
    pub item: Arc<str>,
    pub quantity: u64,
    /// Units received by the time of the report, capped at `quantity`.
    pub delivered: u64,
    #[serde(serialize_with = "serde_time::instant")]
    #[cfg_attr(feature = "schema", schemars(with = "String", extend("format" = "date-time")))]
    pub promised: Timestamp,
    /// The receipt that brought `delivered` to `quantity`; `None` while not complete.
    #[serde(serialize_with = "serde_time::option_instant")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>", extend("format" = "date-time")))]
    pub completed_at: Option<Timestamp>,
    pub state: DeliveryState,
    /// For `Late` and `Overdue`: whole days past `promised` (of completion, or of the time of
    /// the report), rounded up; 0 otherwise.
    pub days_late: u64,
}

/// Delivery figures of a set of commitments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DeliveryGroup {
    pub donor: Arc<str>,
    /// The category, or `"*"` in a donor's totals over all its categories.
    pub category: Arc<str>,
    pub commitments: u64,
    /// Units committed.
    pub committed: u64,
    /// Units delivered (each commitment capped at its quantity).
    pub delivered: u64,
    /// `committed - delivered`.
    pub pipeline: u64,
    /// Commitments due: promised by the time of the report, or complete.
    pub due: u64,
    pub on_time: u64,
    /// Late and overdue commitments.
    pub late: u64,
    /// `on_time` of `due` as a percentage with one decimal ("66.7"); `None` when nothing is due.
    pub on_time_percent: Option<String>,
    pub days_late_total: u64,
    pub days_late_max: u64,
}

/// Delivery performance at `at`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Deliveries {
    #[serde(serialize_with = "serde_time::instant")]
    #[cfg_attr(feature = "schema", schemars(with = "String", extend("format" = "date-time")))]
    pub at: Timestamp,
    /// One per (donor, category), sorted by donor, then category.
    pub groups: Vec<DeliveryGroup>,
    /// One per donor over all its categories (category `"*"`), sorted by donor.
    pub donors: Vec<DeliveryGroup>,
    /// One per commitment, in the order of the input.
    pub commitments: Vec<CommitmentStatus>,
}

impl DeliveryGroup {
    fn new(donor: &Arc<str>, category: &Arc<str>) -> DeliveryGroup {
        DeliveryGroup {
            donor: donor.clone(),
            category: category.clone(),
            commitments: 0,
            committed: 0,
            delivered: 0,
            pipeline: 0,
            due: 0,
            on_time: 0,
            late: 0,
            on_time_percent: None,
            days_late_total: 0,
            days_late_max: 0,
        }
    }

    /// Counts one commitment in (saturating: the figures are reports, not balances).
    fn add(&mut self, s: &CommitmentStatus) {
        self.commitments += 1;
        self.committed = self.committed.saturating_add(s.quantity);
        self.delivered = self.delivered.saturating_add(s.delivered);
        self.pipeline = self.committed.saturating_sub(self.delivered);
        let (due, on_time, late) = match s.state {
            DeliveryState::Open => (false, false, false),
            DeliveryState::Due => (true, false, false),
            DeliveryState::OnTime => (true, true, false),
            DeliveryState::Late | DeliveryState::Overdue => (true, false, true),
        };
        self.due += u64::from(due);
        self.on_time += u64::from(on_time);
        self.late += u64::from(late);
        self.days_late_total = self.days_late_total.saturating_add(s.days_late);
        self.days_late_max = self.days_late_max.max(s.days_late);
        debug_assert!(self.on_time + self.late <= self.due && self.due <= self.commitments);
    }
}

/// `num / den` as a percentage with one decimal, rounded half up, computed exactly with
/// integers (2 of 3 gives "66.7", 1 of 8 gives "12.5", 1 of 16 gives "6.3"); `None` if `den` is 0.
pub fn percent_one_decimal(num: u64, den: u64) -> Option<String> {
    if den == 0 {
        return None;
    }
    let (num, den) = (u128::from(num), u128::from(den));
    // Tenths of a percent, rounded half up: floor((num × 1000 + den / 2) / den), done as
    // floor((2 × num × 1000 + den) / (2 × den)) so that odd denominators round exactly.
    let tenths = (2 * num * 1000 + den) / (2 * den);
    Some(format!("{}.{}", tenths / 10, tenths % 10))
}

/// Delivery performance of `commitments` at `at`. See the crate docs.
pub fn deliveries(at: Timestamp, commitments: &[Commitment]) -> Deliveries {
    let statuses: Vec<CommitmentStatus> = commitments.iter().map(|c| status(at, c)).collect();
    let mut groups: BTreeMap<(&str, &str), DeliveryGroup> = BTreeMap::new();
    let mut donors: BTreeMap<&str, DeliveryGroup> = BTreeMap::new();
    let all: Arc<str> = Arc::from("*");
    for s in &statuses {
        groups
            .entry((&s.donor, &s.category))
            .or_insert_with(|| DeliveryGroup::new(&s.donor, &s.category))
            .add(s);
        donors
            .entry(&s.donor)
            .or_insert_with(|| DeliveryGroup::new(&s.donor, &all))
            .add(s);
    }
    // The rate is written once per group, when its counts are final.
    let finish = |mut g: DeliveryGroup| {
        g.on_time_percent = percent_one_decimal(g.on_time, g.due);
        g
    };
    Deliveries {
        at,
        groups: groups.into_values().map(finish).collect(),
        donors: donors.into_values().map(finish).collect(),
        commitments: statuses,
    }
}

/// One commitment's status at `at`.
fn status(at: Timestamp, c: &Commitment) -> CommitmentStatus {
    let (delivered, completed_at) = progress(at, c);
    let state = match completed_at {
        Some(done) if done <= c.promised => DeliveryState::OnTime,
        Some(_) => DeliveryState::Late,
        None if c.promised < at => DeliveryState::Overdue,
        None if c.promised == at => DeliveryState::Due,
        None => DeliveryState::Open,
    };
    let days_late = match state {
        DeliveryState::Late | DeliveryState::Overdue => {
            days_rounded_up(c.promised, completed_at.unwrap_or(at))
        }
        _ => 0,
    };
    CommitmentStatus {
        id: c.id.clone(),
        donor: c.donor.clone(),
        category: c.category.clone(),
        item: c.item.clone(),
        quantity: c.quantity,
        delivered,
        promised: c.promised,
        completed_at,
        state,
        days_late,
    }
}

/// Units delivered by `at` (capped at the quantity) and the time of the receipt that completed
/// the commitment. A commitment of 0 units owes nothing: it counts as complete at its promised
/// time, once that has come.
fn progress(at: Timestamp, c: &Commitment) -> (u64, Option<Timestamp>) {
    if c.quantity == 0 {
        return (0, (c.promised <= at).then_some(c.promised));
    }
    let receipts: Cow<'_, [Receipt]> = if c.receipts.is_sorted_by_key(|r| r.at) {
        Cow::Borrowed(&c.receipts)
    } else {
        let mut sorted = c.receipts.clone();
        sorted.sort_by_key(|r| r.at);
        Cow::Owned(sorted)
    };
    let mut total = 0u64;
    for r in receipts.iter().take_while(|r| r.at <= at) {
        total = total.saturating_add(r.quantity);
        if total >= c.quantity {
            return (c.quantity, Some(r.at));
        }
    }
    (total, None)
}

/// Whole days from `from` to `to`, rounded up (`to` after `from`).
fn days_rounded_up(from: Timestamp, to: Timestamp) -> u64 {
    let ns = to.as_nanosecond() - from.as_nanosecond();
    debug_assert!(ns > 0);
    let ns = u128::try_from(ns).unwrap_or(0);
    u64::try_from(ns.div_ceil(DAY_NS)).unwrap_or(u64::MAX)
}
