//! `/v1/measures` and `/v1/measures/{id}`: the register of measures (sanctions regimes,
//! restrictions, postures), each with its state and every transition, as the replay report's
//! `measures` list has them. Measures are public: the charter names them and the log derives
//! every step.

use axum::Json;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};

use super::json_page;
use crate::page::PageQuery;
use crate::problem::Problem;
use crate::state::AppState;

/// `GET /v1/measures?from&limit`: the register in charter order, a page at a time.
pub async fn get_measures(
    State(app): State<AppState>,
    page: PageQuery,
) -> Result<Response, Problem> {
    let measures = app
        .read(move |view| {
            let state = view.state();
            let records = state.measures.as_of(state.as_of);
            page.of(&records, "measures", Clone::clone)
        })
        .await;
    json_page(measures)
}

/// `GET /v1/measures/{id}`: one measure with its whole history.
pub async fn get_measure(
    State(app): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    let found = app
        .read(move |view| {
            let state = view.state();
            state
                .measures
                .as_of(state.as_of)
                .into_iter()
                .find(|m| m.id.as_str() == id)
        })
        .await?;
    let measure = found.ok_or_else(|| Problem::not_found("the measure"))?;
    Ok(Json(measure).into_response())
}
