//! `/v1/fund` and `/v1/fund/transfers`: the Stabilization Fund's report and its transfers.

use super::*;

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

fn no_fund() -> Problem {
    Problem::new(
        StatusCode::NOT_FOUND,
        "no_fund",
        "the charter in force sets up no Stabilization Fund (no `[fund]` table) and the log records no fund activity",
    )
}

/// `GET /v1/fund`: the fund report (the `fund` section of `/v1/state`), cached per log size.
pub async fn get_fund(State(app): State<AppState>) -> Response {
    let rendered = app
        .fund_cache()
        .get_or_render(app.size(), || async {
            app.read(|view| {
                let report = snapback_engine::fund_report::fund_report(view.state());
                let bytes = report
                    .map(|r| serde_json::to_vec(&r).map(Bytes::from))
                    .transpose()
                    .map_err(|e| Problem::internal(format!("rendering the fund report: {e}")))?;
                Ok((view.size(), bytes))
            })
            .await?
        })
        .await;
    match rendered {
        Ok(bytes) => bytes.map_or_else(|| no_fund().into_response(), json_bytes),
        Err(p) => p.into_response(),
    }
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

/// `GET /v1/fund/transfers?from&limit`: the fund's transfers in log order, paged.
pub async fn get_fund_transfers(
    State(app): State<AppState>,
    PageQuery { from, limit }: PageQuery,
) -> Response {
    let page = app
        .read(move |view| {
            let state = view.state();
            has_fund(state).then(|| transfers_page(state, from, limit))
        })
        .await;
    match page {
        Ok(Some(p)) => Json(p).into_response(),
        Ok(None) => no_fund().into_response(),
        Err(p) => p.into_response(),
    }
}
