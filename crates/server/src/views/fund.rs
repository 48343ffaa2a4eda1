//! The Stabilization Fund's read models: the fund in force and the pages of its transfers.

use serde::Serialize;

/// The fund of the charter version in force at the state's latest instant (the last version
/// before any entry), as the fund report picks it.
pub fn fund_in_force(state: &snapback_engine::State) -> Option<&snapback_charter::Fund> {
    let history = state.history();
    state
        .as_of
        .and_then(|t| history.in_force(t))
        .or_else(|| history.versions().last())
        .and_then(|c| c.fund.as_ref())
}

/// Whether there is a fund to report on: the charter sets one up, or something happened in one.
pub fn has_fund(state: &snapback_engine::State) -> bool {
    fund_in_force(state).is_some() || !state.fund.is_empty()
}

/// One movement in the fund's books, with where it came from.
#[derive(Debug, Serialize)]
pub struct TransferJson {
    /// Its position among the fund's transfers (0-based, log order).
    pub index: u64,
    #[serde(with = "snapback_charter::time::instant_serde")]
    pub at: jiff::Timestamp,
    pub transfer: String,
    pub code: snapback_engine::derived::TransferCode,
    /// The IATI transaction type code (11, 1, 2 or 3), or null for internal bookkeeping.
    pub iati: Option<u8>,
    pub debit: String,
    pub credit: String,
    pub amount: rust_decimal::Decimal,
    pub pending: Option<String>,
    pub purpose: Option<String>,
    /// The event type that made it.
    pub source: &'static str,
    pub party: Option<String>,
    pub reference: Option<String>,
    #[serde(with = "snapback_charter::time::option_instant_serde")]
    pub value_date: Option<jiff::Timestamp>,
    pub conversion: Option<snapback_engine::fund::Conversion>,
}

/// A page of transfers.
#[derive(Debug, Serialize)]
pub struct TransfersPage {
    pub from: u64,
    pub limit: u64,
    pub total: u64,
    /// `from` of the next page, or null after the last transfer.
    pub next: Option<u64>,
    pub transfers: Vec<TransferJson>,
}

/// The fund's transfers `from..from + limit`, amounts written with the fund currency's minor
/// unit.
pub fn transfers_page(state: &snapback_engine::State, from: u64, limit: u64) -> TransfersPage {
    let currency = fund_in_force(state).map(|f| f.currency);
    let all = &state.fund.transfers;
    let total = all.len() as u64;
    let start = usize::try_from(from.min(total)).unwrap_or(all.len());
    let transfers: Vec<TransferJson> = all
        .iter()
        .enumerate()
        .skip(start)
        .take(usize::try_from(limit).unwrap_or(usize::MAX))
        .map(|(i, r)| {
            let t = &r.transfer;
            TransferJson {
                index: i as u64,
                at: r.at,
                transfer: t.transfer.to_string(),
                code: t.code,
                iati: t.code.iati(),
                debit: t.debit.clone(),
                credit: t.credit.clone(),
                amount: currency.map_or(t.amount, |c| c.fixed(t.amount)),
                pending: t.pending.as_ref().map(ToString::to_string),
                purpose: t.purpose.as_ref().map(ToString::to_string),
                source: r.source,
                party: r.party.as_ref().map(ToString::to_string),
                reference: r.reference.clone(),
                value_date: r.value_date,
                conversion: r.conversion.clone(),
            }
        })
        .collect();
    let end = from.saturating_add(transfers.len() as u64);
    TransfersPage {
        from,
        limit,
        total,
        next: (end < total).then_some(end),
        transfers,
    }
}
