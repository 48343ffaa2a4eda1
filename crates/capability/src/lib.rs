//! # snapback-capability
//!
//! Pure logistics arithmetic over commitments, stock and standing contracts: whether the
//! military obligations of the guarantee's packages could be met if they were called now, and how
//! well donors have delivered what they committed. No clock, no IO, no randomness: the same input
//! gives the same output, byte for byte.
//!
//! ## Readiness ([`readiness`], [`readiness_with_leftovers`])
//!
//! The question is "if every demand were called at `at`, when could each be met?".
//!
//! * Times are [`jiff::Timestamp`]s; durations are whole seconds (`i64`, names ending in `_s`);
//!   quantities are whole units (`u64`). "Per month" means per [`MONTH_S`] = 30 days, exactly.
//!   Negative `transit_s` or `surge_lead_s` are read as 0.
//! * A [`Lot`] is stock on hand: its units arrive in Ukraine `transit_s` after release, all at
//!   once. A [`Contract`] called off at `at` produces, by `t >= at`,
//!   `floor((monthly_capacity × min(e, lead) + surge_capacity × max(0, e − lead)) / MONTH_S)`
//!   units, where `e` is the whole seconds from `at` to `min(t, valid_until)` (production after
//!   `valid_until` does not count) and `lead` is `surge_lead_s`. Only contracts valid at `at`
//!   (`valid_from <= at < valid_until`) are called. The first `reserved` units of the curve are
//!   already called off and are not available. A contract's unit counts as arrived when it is
//!   produced (no transit is modelled for production). Arithmetic is exact (`u128`), no floats.
//! * [`Demand`]s are served **one after another, in slice order** (the caller passes charter
//!   order: package, then obligation). What a demand takes is gone for later demands.
//! * Lots and contracts are considered in a **canonical order** that does not depend on their
//!   order in the input slices: lots by (`transit_s`, `location`, `id`), contracts by `id` (ties
//!   on the key, which only duplicated ids can produce, are broken on every other field, so even
//!   then the order is canonical). Results name lots and contracts by id, never by position, so
//!   shuffling the input slices gives identical results.
//! * A demand for `q` units of an item first takes stock from the lots of that item (only lots
//!   at its `location`, if it names one), in canonical order, each lot giving as much as it has
//!   left, up to what is still needed. What stock cannot cover comes from the valid contracts of
//!   that item: the earliest whole second `t` at which they could together supply the remainder
//!   (each counting only units beyond `reserved` and beyond what earlier demands took) is found
//!   by binary search, then contracts give, in id order, what they have available by `t`, up to
//!   what is still needed. If even production up to every contract's `valid_until` is not
//!   enough, the demand takes all there is and is **unmet**.
//! * A demand is ready at the latest arrival among the units it took (`at` if `q = 0`), covered
//!   if that is no later than `at + due_within_s`; `available_by_due` counts the units it took
//!   that arrive (or, from a contract, are produced) by then.
//!
//! [`Leftovers`] give what the allocation leaves: each lot's remaining units and each contract's
//! units used, so that an activation can draw stock down and call contracts off exactly as the
//! readiness figures assumed.
//!
//! ## Delivery performance ([`deliveries`])
//!
//! A [`Commitment`] is `quantity` units of an item that a donor promised by `promised`;
//! receipts record what arrived. Only receipts at or before `at` count. `delivered` is the sum of
//! receipts, capped at `quantity`; the commitment is complete at the receipt that brought it to
//! `quantity`. It is due once `promised <= at` or once complete; on time if complete by
//! `promised`; late if completed after `promised`, or still open after `promised`; days late
//! are whole days rounded up. Figures are grouped by (donor, category) and by donor.

mod deliveries;
mod readiness;
mod serde_time;

#[cfg(any(test, feature = "testing"))]
pub mod bench_input;

pub use deliveries::{
    Commitment, CommitmentStatus, Deliveries, DeliveryGroup, DeliveryState, Receipt, deliveries,
    percent_one_decimal,
};
pub use readiness::{
    Contract, ContractDraw, ContractUse, Demand, DemandReadiness, Leftovers, Lot, LotLeft, MONTH_S,
    PackageReadiness, Readiness, StockDraw, readiness, readiness_with_leftovers,
};

#[cfg(test)]
mod tests;
