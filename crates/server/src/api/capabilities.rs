//! `/v1/capabilities` and its parts: the capability tracker's report, cached per log size, and
//! readiness at a later instant.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use serde::Serialize;
use snapback_engine::capability::report::{CapabilitiesReport, readiness as capability_readiness};

use super::json_bytes;
use crate::problem::{Problem, query_problem};
use crate::state::AppState;

fn no_capabilities() -> Problem {
    Problem::new(
        StatusCode::NOT_FOUND,
        "no_capabilities",
        "nothing to track: the charter in force has no `[capabilities]` table, no `[[restriction]]` rule and no obligation that counts items, and the log records no commitment, contract, stock, cohort or restriction (or the log is still empty)",
    )
}

/// `GET /v1/capabilities`: the capability tracker (the `capabilities` section of `/v1/state`),
/// cached per log size.
pub async fn get_capabilities(State(app): State<AppState>) -> Result<Response, Problem> {
    let rendered = app.capabilities().await?.ok_or_else(no_capabilities)?;
    Ok(json_bytes(rendered.json.clone()))
}

/// One part of the cached report as JSON.
async fn capabilities_part<T: Serialize>(
    app: &AppState,
    part: impl FnOnce(&CapabilitiesReport) -> &T,
) -> Result<Response, Problem> {
    let rendered = app.capabilities().await?.ok_or_else(no_capabilities)?;
    Ok(Json(part(&rendered.report)).into_response())
}

/// `GET /v1/capabilities/deliveries`: delivery performance by donor and by commitment.
pub async fn get_capabilities_deliveries(State(app): State<AppState>) -> Result<Response, Problem> {
    capabilities_part(&app, |r| &r.deliveries).await
}

/// `GET /v1/capabilities/stockpiles`: the lots at each location.
pub async fn get_capabilities_stockpiles(State(app): State<AppState>) -> Result<Response, Problem> {
    capabilities_part(&app, |r| &r.stockpiles).await
}

/// `GET /v1/capabilities/training`: each training centre's cohorts and throughput.
pub async fn get_capabilities_training(State(app): State<AppState>) -> Result<Response, Problem> {
    capabilities_part(&app, |r| &r.training).await
}

/// `GET /v1/capabilities/restrictions`: usage restrictions and what lifts them.
pub async fn get_capabilities_restrictions(
    State(app): State<AppState>,
) -> Result<Response, Problem> {
    capabilities_part(&app, |r| &r.restrictions).await
}

/// `at` of `/v1/capabilities/readiness` (`None`: the state's latest instant). Names are checked
/// before values, so an unknown parameter is `malformed` whatever `at` holds.
fn readiness_query(pairs: &[(String, String)]) -> Result<Option<Timestamp>, Problem> {
    if let Some((name, _)) = pairs.iter().find(|(name, _)| name != "at") {
        return Err(Problem::new(
            StatusCode::BAD_REQUEST,
            "malformed",
            format!("unknown query parameter `{name}`: readiness takes `at`"),
        )
        .field(name.clone()));
    }
    match pairs {
        [] => Ok(None),
        [(_, value)] => value.parse::<Timestamp>().map(Some).map_err(|_| {
            Problem::new(
                StatusCode::BAD_REQUEST,
                "bad_time",
                format!(
                    "`at` must be an RFC 3339 instant with its offset (2026-03-01T12:00:00Z), not `{value}`"
                ),
            )
            .field("at")
        }),
        _ => Err(Problem::new(
            StatusCode::BAD_REQUEST,
            "malformed",
            "`at` is given twice; give it once",
        )
        .field("at")),
    }
}

fn before_as_of(at: Timestamp, as_of: Timestamp) -> Problem {
    Problem::new(
        StatusCode::BAD_REQUEST,
        "out_of_range",
        format!(
            "`at` ({at}) is before the record's latest instant ({as_of}): readiness is computed from the stock and contracts recorded by now, so it can only be asked of now or later"
        ),
    )
    .field("at")
}

/// `GET /v1/capabilities/readiness?at`: whether each military package could be met if it were
/// called at `at` (default: the state's latest instant, from the cached report).
pub async fn get_capabilities_readiness(
    State(app): State<AppState>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Response, Problem> {
    let Query(pairs) = query.map_err(|e| query_problem(&e))?;
    let at = readiness_query(&pairs)?;
    let rendered = app.capabilities().await?.ok_or_else(no_capabilities)?;
    let as_of = rendered.report.as_of;
    let at = match at {
        None => return Ok(Json(&rendered.report.readiness).into_response()),
        Some(at) if at == as_of => return Ok(Json(&rendered.report.readiness).into_response()),
        Some(at) if at < as_of => return Err(before_as_of(at, as_of)),
        Some(at) => at,
    };
    // The state may have moved on since the report was rendered: check again on the node.
    let computed = app
        .read(move |view| {
            let state = view.state();
            match state.as_of {
                Some(now) if at < now => Err(before_as_of(at, now)),
                _ => state
                    .history()
                    .in_force(at)
                    .map(|charter| capability_readiness(&state.capabilities, charter, at))
                    .ok_or_else(no_capabilities),
            }
        })
        .await??;
    Ok(Json(computed).into_response())
}
