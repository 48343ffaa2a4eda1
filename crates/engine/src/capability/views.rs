//! The views handed to `snapback-capability` (lots, contracts, commitments, a charter's item
//! demands) and its allocation turned back into derived drawdown events.

use std::sync::Arc;

use jiff::Timestamp;
use snapback_capability as cap;
use snapback_charter::{
    ActivationId, Charter, ContractId, ItemId, LocationId, LotId, ObligationId, PackageId,
};

use super::Tracker;
use crate::derived::{Derived, DerivedKind};

impl Tracker {
    /// The pure crate's view of the lots: units on hand and their transit times.
    pub fn lots_for_readiness(&self, charter: &Charter) -> Vec<cap::Lot> {
        self.lots
            .all()
            .iter()
            .filter(|l| l.available() > 0)
            .map(|l| cap::Lot {
                id: Arc::from(l.lot.as_str()),
                location: Arc::from(l.location.as_str()),
                item: Arc::from(l.item.as_str()),
                available: l.available(),
                transit_s: charter
                    .capabilities
                    .as_ref()
                    .and_then(|c| c.location(l.location.as_str()))
                    .map_or(0, |loc| loc.transit.signed().as_secs()),
            })
            .collect()
    }

    /// The pure crate's view of the contracts. Units called off for an obligation stay reserved
    /// until the obligation is fulfilled; units called off for no obligation stay reserved for
    /// the contract's life (nothing records their delivery).
    pub fn contracts_for_readiness(&self) -> Vec<cap::Contract> {
        self.contracts
            .all()
            .iter()
            .map(|c| cap::Contract {
                id: Arc::from(c.contract.as_str()),
                item: Arc::from(c.item.as_str()),
                monthly_capacity: c.monthly_capacity,
                surge_capacity: c.surge_capacity,
                surge_lead_s: c.surge_lead_time.signed().as_secs(),
                valid_from: c.valid_from,
                valid_until: c.valid_until,
                reserved: c
                    .call_offs
                    .iter()
                    .filter(|m| {
                        m.obligation.as_ref().is_none_or(|o| {
                            self.obligations
                                .get(o)
                                .is_none_or(|r| r.fulfilled_at.is_none())
                        })
                    })
                    .map(|m| m.quantity)
                    .sum(),
            })
            .collect()
    }

    /// The pure crate's view of the commitments, with their receipts.
    pub fn commitments_for_deliveries(&self) -> Vec<cap::Commitment> {
        self.commitments
            .all()
            .iter()
            .map(|c| cap::Commitment {
                id: Arc::from(c.commitment.as_str()),
                donor: Arc::from(c.donor.as_str()),
                category: Arc::from(c.category.as_str()),
                item: Arc::from(c.item.as_str()),
                quantity: c.quantity,
                promised: c.promised,
                receipts: c
                    .receipts
                    .iter()
                    .map(|m| cap::Receipt {
                        at: m.at,
                        quantity: m.quantity,
                    })
                    .collect(),
            })
            .collect()
    }
}

/// The military obligations of a charter's packages that count items, in charter order, as
/// demands a readiness computation serves. `obligation` is the template's place,
/// `<package>/<n>` (the id an activation would give it, without the activation).
pub fn demands(charter: &Charter, packages: Option<&[PackageId]>) -> Vec<cap::Demand> {
    let mut out = Vec::new();
    for p in &charter.packages {
        if packages.is_some_and(|only| !only.contains(&p.id)) {
            continue;
        }
        for (k, o) in p.obligations.iter().enumerate() {
            let Some(items) = &o.items else { continue };
            out.push(cap::Demand {
                package: Arc::from(p.id.as_str()),
                obligation: Arc::from(format!("{}/{}", p.id, k + 1)),
                item: Arc::from(items.item.as_str()),
                quantity: items.quantity,
                due_within_s: o.due_within.signed().as_secs(),
                location: items.location.as_ref().map(|l| Arc::from(l.as_str())),
            });
        }
    }
    out
}

/// The derived drawdown of an activation's allocation: a `stockpile.released` per lot and a
/// `contract.called_off` per contract each obligation draws on, in the allocation's order.
pub fn draws(at: Timestamp, activation: &ActivationId, plan: &cap::Readiness) -> Vec<Derived> {
    let mut out = Vec::new();
    for demand in &plan.demands {
        // Every id below came from a valid typed id, so parsing it back cannot fail.
        let (Ok(obligation), Ok(item)) = (
            ObligationId::new(&demand.obligation),
            ItemId::new(&demand.item),
        ) else {
            debug_assert!(false, "allocation ids are valid ids");
            continue;
        };
        for s in &demand.from_stock {
            let (Ok(lot), Ok(location)) = (LotId::new(&s.lot), LocationId::new(&s.location)) else {
                debug_assert!(false, "lot ids are valid ids");
                continue;
            };
            out.push(Derived {
                at,
                kind: DerivedKind::StockpileDrawn {
                    activation: activation.clone(),
                    obligation: obligation.clone(),
                    lot,
                    location,
                    item: item.clone(),
                    quantity: s.quantity,
                    arrives: s.arrives,
                },
            });
        }
        for c in &demand.from_contracts {
            let Ok(contract) = ContractId::new(&c.contract) else {
                debug_assert!(false, "contract ids are valid ids");
                continue;
            };
            out.push(Derived {
                at,
                kind: DerivedKind::ContractDrawn {
                    activation: activation.clone(),
                    obligation: obligation.clone(),
                    contract,
                    item: item.clone(),
                    quantity: c.quantity,
                    complete_by: c.complete_by,
                },
            });
        }
    }
    out
}
