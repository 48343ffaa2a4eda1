//! Bilateral aid by value, summed by donor, aid type and currency: the capability report shows
//! the military part (in-kind aid the tracker cannot count in items), the fund report the
//! financial and humanitarian part beside the fund's books, never inside them. Commitments,
//! allocations and deliveries are summed apart, never together.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;
use snapback_charter::PartyId;

use crate::capability::Tracker;
use crate::capability::event::{AidStage, AidType};

/// One donor's aid of one type in one currency (contract: fields are added, never renamed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "ValuedAid"))]
pub struct ValuedAidRow {
    pub donor: PartyId,
    pub aid_type: AidType,
    /// ISO 4217 code of the amounts.
    pub currency: String,
    /// Promised.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub committed: Decimal,
    /// Delivered or specified for delivery (the Kiel Institute's "allocation").
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub allocated: Decimal,
    /// Arrived.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub delivered: Decimal,
    /// How many flows the sums are over.
    pub flows: u64,
}

/// The valued flows of the types `keep` accepts, one row per donor, type and currency, sorted
/// by donor, then type, then currency.
pub fn valued_aid(t: &Tracker, keep: impl Fn(AidType) -> bool) -> Vec<ValuedAidRow> {
    let mut rows: BTreeMap<(&str, AidType, &str), ValuedAidRow> = BTreeMap::new();
    for v in t.valued.all().iter().filter(|v| keep(v.aid_type)) {
        let row = rows
            .entry((v.donor.as_str(), v.aid_type, v.currency.code()))
            .or_insert_with(|| {
                // Zero written with the currency's minor unit, as every amount is.
                let zero = Decimal::new(0, v.currency.exponent());
                ValuedAidRow {
                    donor: v.donor.clone(),
                    aid_type: v.aid_type,
                    currency: v.currency.code().to_owned(),
                    committed: zero,
                    allocated: zero,
                    delivered: zero,
                    flows: 0,
                }
            });
        let sum = match v.stage {
            AidStage::Committed => &mut row.committed,
            AidStage::Allocated => &mut row.allocated,
            AidStage::Delivered => &mut row.delivered,
        };
        // Each amount is at most 10^15 and a decimal holds 28 digits: a sum overflows only
        // past 10^13 flows, which no log holds.
        *sum = sum.saturating_add(v.amount);
        row.flows += 1;
    }
    rows.into_values().collect()
}
