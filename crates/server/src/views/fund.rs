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

/// One movement in the fund's books.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[schemars(rename = "FundTransfer")]
pub struct TransferJson {
    /// Its position among the fund's transfers (0-based, log order).
    pub index: u64,
    #[serde(with = "snapback_charter::time::instant_serde")]
    #[schemars(with = "snapback_engine::schema::Instant")]
    pub at: jiff::Timestamp,
    /// The transfer's id (the event's `transfer`, or derived from it).
    pub transfer: String,
    pub code: snapback_engine::derived::TransferCode,
    /// IATI transaction type: 11 incoming commitment, 1 incoming funds, 2 outgoing commitment,
    /// 3 disbursement; null for internal bookkeeping (settlements, voids).
    #[schemars(extend("enum" = [11, 1, 2, 3, null]))]
    pub iati: Option<u8>,
    /// The account debited (`pool:core`, `contributor:US:paid-in`, ...).
    pub debit: String,
    /// The account credited.
    pub credit: String,
    #[schemars(with = "snapback_engine::schema::DecimalString")]
    pub amount: rust_decimal::Decimal,
    /// The reservation a release or void resolves.
    pub pending: Option<String>,
    pub purpose: Option<String>,
    /// The event type that made it (`fund.paid_in`, `fund.surge_called`, ...).
    pub source: &'static str,
    /// Who submitted the event; null for the engine's own conclusions.
    pub party: Option<String>,
    pub reference: Option<String>,
    #[serde(with = "snapback_charter::time::option_instant_serde")]
    #[schemars(with = "Option<snapback_engine::schema::Instant>")]
    pub value_date: Option<jiff::Timestamp>,
    pub conversion: Option<snapback_engine::fund::Conversion>,
}

/// Transfers `from..from + limit` of `total`.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[schemars(rename = "FundTransfersPage")]
pub struct TransfersPage {
    pub from: u64,
    pub limit: u64,
    pub total: u64,
    /// `from` of the next page; null after the last transfer.
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
