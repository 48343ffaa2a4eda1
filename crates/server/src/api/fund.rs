//! `/v1/fund` and `/v1/fund/transfers`: the Stabilization Fund's report and its transfers.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::json_bytes;
use crate::page::PageQuery;
use crate::problem::Problem;
use crate::state::AppState;
use crate::views::{has_fund, transfers_page};

fn no_fund() -> Problem {
    Problem::new(
        StatusCode::NOT_FOUND,
        "no_fund",
        "the charter in force sets up no Stabilization Fund (no `[fund]` table) and the log records no fund activity",
    )
}

/// `GET /v1/fund`: the fund report (the `fund` section of `/v1/state`), cached per log size.
pub async fn get_fund(State(app): State<AppState>) -> Result<Response, Problem> {
    let rendered = app
        .fund_cache()
        .get_or_render(app.size(), || async {
            app.read(|view| {
                let report = snapback_engine::fund::report::fund_report(view.state());
                let bytes = report
                    .map(|r| serde_json::to_vec(&r).map(Bytes::from))
                    .transpose()
                    .map_err(|e| Problem::internal(format!("rendering the fund report: {e}")))?;
                Ok((view.size(), bytes))
            })
            .await?
        })
        .await?;
    rendered.map(json_bytes).ok_or_else(no_fund)
}

/// `GET /v1/fund/transfers?from&limit`: the fund's transfers in log order, paged.
pub async fn get_fund_transfers(
    State(app): State<AppState>,
    PageQuery { from, limit }: PageQuery,
) -> Result<Response, Problem> {
    let page = app
        .read(move |view| {
            let state = view.state();
            has_fund(state).then(|| transfers_page(state, from, limit))
        })
        .await?
        .ok_or_else(no_fund)?;
    Ok(Json(page).into_response())
}
