//! The replay report's `capabilities` section (contract: add fields, never rename): readiness of
//! the charter's military packages, delivery performance by donor, stockpiles by location,
//! standing contracts, training throughput, usage restrictions and the activated military
//! obligations that count items.

use jiff::{SignedDuration, Timestamp};
use serde::Serialize;
use snapback_capability as cap;
use snapback_charter::time::{instant_serde, option_instant_serde};
use snapback_charter::{
    ActivationId, CentreId, Charter, CohortId, ContractId, Duration, ItemId, LocationId, LotId,
    ObligationId, PackageId, PartyId, RestrictionId,
};

use crate::capability::event::AidType;
use crate::capability::valued::{ValuedAidRow, valued_aid};
use crate::capability::{self, MONTH_S, Tracker};
use crate::state::State;

/// The capability tracker (contract: fields are added, never renamed or removed). It records
/// commitments, deliveries, stock, contracts, training and restrictions: nothing operational.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CapabilitiesReport {
    #[serde(with = "instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Instant"))]
    pub as_of: Timestamp,
    /// If every military package were called at `as_of`: when each could be met.
    pub readiness: cap::Readiness,
    pub deliveries: cap::Deliveries,
    pub stockpiles: Vec<LocationReport>,
    pub contracts: Vec<ContractReport>,
    pub training: Vec<CentreReport>,
    pub restrictions: Vec<RestrictionReport>,
    pub obligations: Vec<ItemObligationReport>,
    /// In-kind military aid recorded by value (`aid.valued`, such as the Kiel panel's), by
    /// donor: what the tracker cannot count in items. Absent when none is recorded.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub in_kind_by_value: Vec<ValuedAidRow>,
}

/// The lots at one location.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "CapabilityLocation"))]
pub struct LocationReport {
    pub location: LocationId,
    /// The charter's name for it (empty if the charter in force no longer names it).
    pub name: String,
    pub transit: Option<Duration>,
    pub lots: Vec<LotReport>,
    /// Units available by item, sorted by item.
    pub available_by_item: Vec<(ItemId, u64)>,
}

/// A lot of stock.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "CapabilityLot"))]
pub struct LotReport {
    pub lot: LotId,
    pub owner: PartyId,
    pub item: ItemId,
    pub stocked: u64,
    pub released: u64,
    pub available: u64,
}

/// A standing production contract.
///
/// Its first fields repeat `ContractRecord`'s (and the event's `ContractTerms`) on purpose: the
/// report's field order is a published contract checked by golden JSON, the record also keeps
/// the call-offs, and the event carries no party; flattening one into another would reorder the
/// report's JSON.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "CapabilityContract"))]
pub struct ContractReport {
    pub contract: ContractId,
    pub party: PartyId,
    pub supplier: String,
    pub country: String,
    pub item: ItemId,
    pub monthly_capacity: u64,
    pub surge_capacity: u64,
    pub surge_lead_time: Duration,
    #[serde(with = "instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Instant"))]
    pub valid_from: Timestamp,
    #[serde(with = "instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Instant"))]
    pub valid_until: Timestamp,
    /// Whether it can be called off at `as_of`.
    pub valid: bool,
    pub called_off: u64,
    /// Units still reserved (see docs/capabilities.md: until their obligation is fulfilled).
    pub reserved: u64,
}

/// A training centre.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "CapabilityCentre"))]
pub struct CentreReport {
    pub centre: CentreId,
    pub name: Option<String>,
    pub host: PartyId,
    pub capacity_per_month: u64,
    pub cohorts: Vec<CohortReport>,
    /// Trainees in cohorts started in the 30 days up to `as_of`.
    pub started_last_30d: u64,
    /// `started_last_30d` as a percentage of the monthly capacity, one decimal.
    pub utilisation_percent: Option<String>,
    pub started: u64,
    pub completed: u64,
    /// Trainees in cohorts started and not yet completed.
    pub in_training: u64,
}

/// A training cohort.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "CapabilityCohort"))]
pub struct CohortReport {
    pub cohort: CohortId,
    pub trainees: u64,
    #[serde(with = "instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Instant"))]
    pub started_at: Timestamp,
    #[serde(with = "option_instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Instant>"))]
    pub completed_at: Option<Timestamp>,
    pub completed: Option<u64>,
}

/// A usage restriction a donor attached to a donated system.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "CapabilityRestriction"))]
pub struct RestrictionReport {
    pub restriction: RestrictionId,
    pub donor: PartyId,
    pub system: String,
    pub restriction_kind: String,
    pub text: String,
    #[serde(with = "instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Instant"))]
    pub imposed_at: Timestamp,
    /// `in_force` or `lifted`.
    #[cfg_attr(feature = "schema", schemars(extend("enum" = ["in_force", "lifted"])))]
    pub status: &'static str,
    #[serde(with = "option_instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Instant>"))]
    pub lifted_at: Option<Timestamp>,
    /// The party that lifted it; null when an activation did.
    pub lifted_by: Option<PartyId>,
    /// The activation that lifted it under a `[[restriction]]` rule.
    pub activation: Option<ActivationId>,
    /// The packages whose activation lifts it under the charter in force.
    pub lifted_on_activation_of: Vec<PackageId>,
}

/// An activated military obligation that counts items.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "ItemObligation"))]
pub struct ItemObligationReport {
    pub obligation: ObligationId,
    pub party: PartyId,
    pub item: ItemId,
    pub quantity: u64,
    pub received: u64,
    #[serde(with = "instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Instant"))]
    pub due: Timestamp,
    #[serde(with = "option_instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Instant>"))]
    pub fulfilled_at: Option<Timestamp>,
    /// Units drawn from pre-positioned lots at the activation.
    pub from_stock: u64,
    /// Units called off standing contracts at the activation.
    pub from_contracts: u64,
}

/// The section, when the charter in force at the state's `as_of` has `[capabilities]` or
/// `[[restriction]]` rules, or counts items in an obligation, or anything was recorded.
pub fn capabilities_report(state: &State) -> Option<CapabilitiesReport> {
    let as_of = state.as_of?;
    let charter = state.history().in_force(as_of)?;
    let t = &state.capabilities;
    let counts_items = charter
        .packages
        .iter()
        .any(|p| p.obligations.iter().any(|o| o.items.is_some()));
    let recorded = !(t.commitments.all().is_empty()
        && t.contracts.all().is_empty()
        && t.lots.all().is_empty()
        && t.cohorts.all().is_empty()
        && t.restrictions.all().is_empty()
        && t.valued.all().is_empty());
    if charter.capabilities.is_none()
        && charter.restrictions.is_empty()
        && !counts_items
        && !recorded
    {
        return None;
    }
    Some(CapabilitiesReport {
        as_of,
        readiness: readiness(t, charter, as_of),
        deliveries: cap::deliveries(as_of, &t.commitments_for_deliveries()),
        stockpiles: stockpiles(t, charter),
        contracts: contracts(t, as_of),
        training: training(t, charter, as_of),
        restrictions: restrictions(t, charter),
        obligations: obligations(t),
        in_kind_by_value: valued_aid(t, |k| k == AidType::Military),
    })
}

/// Readiness of every military package of `charter` if called at `at`.
pub fn readiness(t: &Tracker, charter: &Charter, at: Timestamp) -> cap::Readiness {
    cap::readiness(
        at,
        &capability::demands(charter, None),
        &t.lots_for_readiness(charter),
        &t.contracts_for_readiness(),
    )
}

fn stockpiles(t: &Tracker, charter: &Charter) -> Vec<LocationReport> {
    let mut locations: Vec<LocationId> = charter
        .capabilities
        .iter()
        .flat_map(|c| c.locations.iter().map(|l| l.id.clone()))
        .collect();
    for lot in t.lots.all() {
        if !locations.contains(&lot.location) {
            locations.push(lot.location.clone());
        }
    }
    locations
        .into_iter()
        .map(|location| {
            let known = charter
                .capabilities
                .as_ref()
                .and_then(|c| c.location(location.as_str()));
            let lots: Vec<LotReport> = t
                .lots
                .all()
                .iter()
                .filter(|l| l.location == location)
                .map(|l| LotReport {
                    lot: l.lot.clone(),
                    owner: l.owner.clone(),
                    item: l.item.clone(),
                    stocked: l.stocked,
                    released: l.released,
                    available: l.available(),
                })
                .collect();
            let mut by_item: Vec<(ItemId, u64)> = Vec::new();
            for l in &lots {
                match by_item.iter_mut().find(|(item, _)| *item == l.item) {
                    Some((_, n)) => *n += l.available,
                    None => by_item.push((l.item.clone(), l.available)),
                }
            }
            by_item.sort();
            LocationReport {
                name: known.map(|l| l.name.clone()).unwrap_or_default(),
                transit: known.map(|l| l.transit),
                location,
                lots,
                available_by_item: by_item,
            }
        })
        .collect()
}

fn contracts(t: &Tracker, as_of: Timestamp) -> Vec<ContractReport> {
    let reserved = t.contracts_for_readiness();
    t.contracts
        .all()
        .iter()
        .zip(reserved)
        .map(|(c, r)| ContractReport {
            contract: c.contract.clone(),
            party: c.party.clone(),
            supplier: c.supplier.clone(),
            country: c.country.clone(),
            item: c.item.clone(),
            monthly_capacity: c.monthly_capacity,
            surge_capacity: c.surge_capacity,
            surge_lead_time: c.surge_lead_time,
            valid_from: c.valid_from,
            valid_until: c.valid_until,
            valid: c.valid_from <= as_of && as_of < c.valid_until,
            called_off: c.call_offs.iter().map(|m| m.quantity).sum(),
            reserved: r.reserved,
        })
        .collect()
}

fn training(t: &Tracker, charter: &Charter, as_of: Timestamp) -> Vec<CentreReport> {
    let month_start = as_of
        .checked_sub(SignedDuration::from_secs(MONTH_S))
        .unwrap_or(Timestamp::MIN);
    let centres = charter.capabilities.iter().flat_map(|c| c.centres.iter());
    centres
        .map(|centre| {
            let cohorts: Vec<CohortReport> = t
                .cohorts
                .all()
                .iter()
                .filter(|c| c.centre == centre.id)
                .map(|c| CohortReport {
                    cohort: c.cohort.clone(),
                    trainees: c.trainees,
                    started_at: c.started_at,
                    completed_at: c.completed.as_ref().map(|m| m.at),
                    completed: c.completed.as_ref().map(|m| m.quantity),
                })
                .collect();
            let started_last_30d = cohorts
                .iter()
                .filter(|c| c.started_at > month_start)
                .map(|c| c.trainees)
                .sum();
            CentreReport {
                centre: centre.id.clone(),
                name: centre.name.clone(),
                host: charter.party(centre.host).id.clone(),
                capacity_per_month: centre.capacity_per_month,
                started_last_30d,
                utilisation_percent: cap::percent_one_decimal(
                    started_last_30d,
                    centre.capacity_per_month,
                ),
                started: cohorts.iter().map(|c| c.trainees).sum(),
                completed: cohorts.iter().filter_map(|c| c.completed).sum(),
                in_training: cohorts
                    .iter()
                    .filter(|c| c.completed.is_none())
                    .map(|c| c.trainees)
                    .sum(),
                cohorts,
            }
        })
        .collect()
}

fn restrictions(t: &Tracker, charter: &Charter) -> Vec<RestrictionReport> {
    t.restrictions
        .all()
        .iter()
        .map(|r| {
            let lifted_on_activation_of = charter
                .restrictions
                .iter()
                .filter(|rule| {
                    charter.party(rule.donor).id == r.donor
                        && rule.system.as_ref().is_none_or(|s| *s == r.system)
                })
                .map(|rule| charter.package(rule.lifted_by).id.clone())
                .collect();
            RestrictionReport {
                restriction: r.restriction.clone(),
                donor: r.donor.clone(),
                system: r.system.clone(),
                restriction_kind: r.restriction_kind.clone(),
                text: r.text.clone(),
                imposed_at: r.imposed_at,
                status: if r.lifted.is_some() {
                    "lifted"
                } else {
                    "in_force"
                },
                lifted_at: r.lifted.as_ref().map(|l| l.at),
                lifted_by: r.lifted.as_ref().and_then(|l| l.by.clone()),
                activation: r.lifted.as_ref().and_then(|l| l.activation.clone()),
                lifted_on_activation_of,
            }
        })
        .collect()
}

fn obligations(t: &Tracker) -> Vec<ItemObligationReport> {
    let drawn = |o: &ObligationId, moves: &mut dyn Iterator<Item = &capability::Movement>| -> u64 {
        moves
            .filter(|m| m.activation.is_some() && m.obligation.as_ref() == Some(o))
            .map(|m| m.quantity)
            .sum()
    };
    t.obligations
        .all()
        .iter()
        .map(|o| ItemObligationReport {
            obligation: o.obligation.clone(),
            party: o.party.clone(),
            item: o.item.clone(),
            quantity: o.quantity,
            received: o.received,
            due: o.due,
            fulfilled_at: o.fulfilled_at,
            from_stock: drawn(
                &o.obligation,
                &mut t.lots.all().iter().flat_map(|l| l.movements_out.iter()),
            ),
            from_contracts: drawn(
                &o.obligation,
                &mut t.contracts.all().iter().flat_map(|c| c.call_offs.iter()),
            ),
        })
        .collect()
}
