//! The capability tracker's record and rules: aid commitments and their deliveries, standing
//! production contracts and their call-offs, pre-positioned lots and their movements, training
//! cohorts, usage restrictions, and the activated military obligations that count items.
//!
//! One [`Tracker`] judges and records in the engine; the [`crate::state::State`] keeps another,
//! fed with exactly what the engine accepted and derived, so both hold the same record (the
//! fund's books work the same way). Readiness and delivery performance are computed from a
//! tracker by `snapback-capability`'s pure functions ([`report::readiness`], and the
//! deliveries in [`report::capabilities_report`]).
//!
//! `mod.rs` holds the record's types; `rules.rs` judges and records events; `views.rs` hands
//! the record to `snapback-capability` and turns its allocation back into derived events.
//!
//! Who may record what: a donor records its own commitments, shipments and valued flows (the
//! secretariat may record for any donor, party or not); the beneficiary or the secretariat records receipts; a
//! party registers its own contracts and stocks its own lots and draws on them (or the
//! secretariat does); a centre's host or the secretariat records cohorts; a donor imposes and
//! lifts its own restrictions (or the secretariat does).

pub mod event;
pub mod report;
mod rules;
pub mod valued;
mod views;

use jiff::Timestamp;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;
use serde::Serialize;
use snapback_capability as cap;
use snapback_charter::time::{instant_serde, option_instant_serde};
use snapback_charter::{
    ActivationId, CentreId, CohortId, CommitmentId, ContractId, Currency, FlowId, ItemId,
    LocationId, LotId, ObligationId, PackageId, PartyId, RestrictionId,
};

use self::event::{AidStage, AidType};

pub use self::views::{demands, draws};

/// What an accepted capability event did beyond being recorded.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CapabilityAccepted {
    /// The military obligation this receipt completed, and whether it was late.
    pub fulfilled: Option<(ObligationId, bool)>,
}

/// An aid commitment and what has come of it.
#[derive(Debug, Clone, Serialize)]
pub struct CommitmentRecord {
    pub commitment: CommitmentId,
    pub donor: PartyId,
    pub category: String,
    pub item: ItemId,
    pub quantity: u64,
    #[serde(with = "instant_serde")]
    pub promised: Timestamp,
    #[serde(with = "instant_serde")]
    pub committed_at: Timestamp,
    pub shipped: u64,
    pub received: u64,
    pub shipments: Vec<Movement>,
    pub receipts: Vec<Movement>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

/// A bilateral aid flow by value: a donor's aid to the beneficiary, outside the fund's books.
#[derive(Debug, Clone, Serialize)]
pub struct ValuedAidRecord {
    pub flow: FlowId,
    pub donor: PartyId,
    pub aid_type: AidType,
    pub stage: AidStage,
    pub amount: Decimal,
    pub currency: Currency,
    /// When it happened (its month, for a tracker's figure).
    #[serde(with = "instant_serde")]
    pub at: Timestamp,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

/// Units moving at an instant (a receipt, a stocking, a release, a call-off).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Movement {
    #[serde(with = "instant_serde")]
    pub at: Timestamp,
    pub quantity: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub obligation: Option<ObligationId>,
    /// Set when an activation made the movement, not a party.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activation: Option<ActivationId>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ContractRecord {
    pub contract: ContractId,
    pub party: PartyId,
    pub supplier: String,
    pub country: String,
    pub item: ItemId,
    pub monthly_capacity: u64,
    pub surge_capacity: u64,
    pub surge_lead_time: snapback_charter::Duration,
    #[serde(with = "instant_serde")]
    pub valid_from: Timestamp,
    #[serde(with = "instant_serde")]
    pub valid_until: Timestamp,
    pub call_offs: Vec<Movement>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LotRecord {
    pub lot: LotId,
    pub owner: PartyId,
    pub location: LocationId,
    pub item: ItemId,
    pub stocked: u64,
    pub released: u64,
    pub movements_in: Vec<Movement>,
    pub movements_out: Vec<Movement>,
}

impl LotRecord {
    pub fn available(&self) -> u64 {
        self.stocked - self.released
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct CohortRecord {
    pub cohort: CohortId,
    pub centre: CentreId,
    pub trainees: u64,
    #[serde(with = "instant_serde")]
    pub started_at: Timestamp,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completed: Option<Movement>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RestrictionRecord {
    pub restriction: RestrictionId,
    pub donor: PartyId,
    pub system: String,
    pub restriction_kind: String,
    pub text: String,
    #[serde(with = "instant_serde")]
    pub imposed_at: Timestamp,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lifted: Option<Lift>,
}

/// How a restriction was lifted: by its donor (or the secretariat), or by an activation under
/// the charter's `[[restriction]]` rule.
#[derive(Debug, Clone, Serialize)]
pub struct Lift {
    #[serde(with = "instant_serde")]
    pub at: Timestamp,
    /// The party that lifted it; none when an activation did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<PartyId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activation: Option<ActivationId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub package: Option<PackageId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

/// An activated military obligation that counts items: fulfilled by receipts.
#[derive(Debug, Clone, Serialize)]
pub struct ItemObligation {
    pub obligation: ObligationId,
    pub party: PartyId,
    pub item: ItemId,
    pub quantity: u64,
    pub received: u64,
    #[serde(with = "instant_serde")]
    pub created_at: Timestamp,
    #[serde(with = "instant_serde")]
    pub due: Timestamp,
    #[serde(skip_serializing_if = "Option::is_none", with = "option_instant_serde")]
    pub fulfilled_at: Option<Timestamp>,
}

/// A list of records with an index by id: output in the order records were made.
#[derive(Debug, Clone)]
pub struct Records<K, V> {
    items: Vec<V>,
    pos: FxHashMap<K, usize>,
}

impl<K, V> Default for Records<K, V> {
    fn default() -> Self {
        Self {
            items: Vec::new(),
            pos: FxHashMap::default(),
        }
    }
}

impl<K: std::hash::Hash + Eq, V> Records<K, V> {
    pub fn get(&self, id: &K) -> Option<&V> {
        self.items.get(*self.pos.get(id)?)
    }

    fn get_mut(&mut self, id: &K) -> Option<&mut V> {
        self.items.get_mut(*self.pos.get(id)?)
    }

    fn contains(&self, id: &K) -> bool {
        self.pos.contains_key(id)
    }

    fn push(&mut self, id: K, value: V) {
        self.pos.insert(id, self.items.len());
        self.items.push(value);
    }

    pub fn all(&self) -> &[V] {
        &self.items
    }
}

/// Everything the tracker knows.
#[derive(Debug, Clone, Default)]
pub struct Tracker {
    pub commitments: Records<CommitmentId, CommitmentRecord>,
    /// Bilateral aid by value, in the order recorded.
    pub valued: Records<FlowId, ValuedAidRecord>,
    pub contracts: Records<ContractId, ContractRecord>,
    pub lots: Records<LotId, LotRecord>,
    pub cohorts: Records<CohortId, CohortRecord>,
    pub restrictions: Records<RestrictionId, RestrictionRecord>,
    pub obligations: Records<ObligationId, ItemObligation>,
}

/// The 30-day month the charter's capacities are counted in, in seconds.
pub const MONTH_S: i64 = cap::MONTH_S;
