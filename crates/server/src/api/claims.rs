//! `/v1/state`, `/v1/claims`, `/v1/claims/{id}`, `/v1/decisions`, `/v1/obligations` and
//! `/v1/parties/{id}`: the record as the engine derives it, whole or a page at a time.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use snapback_charter::Lang;
use snapback_engine::Report;
use snapback_engine::report::{ClaimReport, DecisionReport, ObligationReport};

use super::{json_bytes, json_page};
use crate::auth::Clearance;
use crate::page::PageQuery;
use crate::problem::Problem;
use crate::state::AppState;
use crate::views::{Compliance, claim_detail, redact};

/// The most claims, decisions and obligations `/v1/state` renders in one answer, and the most
/// bytes it sends: beyond either, the paged lists serve the record.
pub const STATE_ITEMS_MAX: usize = 10_000;
pub const STATE_BYTES_MAX: usize = 16 * 1024 * 1024;

fn state_too_large(what: String) -> Problem {
    Problem::new(
        StatusCode::BAD_REQUEST,
        "state_too_large",
        format!(
            "the whole state holds {what}, more than one answer may carry ({STATE_ITEMS_MAX} items, {STATE_BYTES_MAX} bytes): read it in pages from /v1/claims, /v1/decisions and /v1/obligations (`from` and `limit`), /v1/fund and /v1/capabilities"
        ),
    )
}

/// `GET /v1/state`: the replay report of the whole log (the same JSON as `snapback replay --json`).
pub async fn get_state(
    State(app): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let viewer = app.viewer(&headers).await?;
    if viewer.clearance == Clearance::Public
        && let Some(bytes) = app.state_cache().get(app.size())
    {
        return Ok(json_bytes(bytes));
    }
    let public = viewer.clearance == Clearance::Public;
    let rendered = app
        .read(move |view| {
            let state = view.state();
            let items = state.claims.len() + state.decisions.len() + state.obligations.len();
            if items > STATE_ITEMS_MAX {
                return Err(state_too_large(format!(
                    "{items} claims, decisions and obligations"
                )));
            }
            let mut report = Report::new(state);
            for c in &mut report.claims {
                redact(c, &viewer);
            }
            let bytes = serde_json::to_vec(&report)
                .map_err(|e| Problem::internal(format!("rendering the state: {e}")))?;
            if bytes.len() > STATE_BYTES_MAX {
                return Err(state_too_large(format!("{} bytes", bytes.len())));
            }
            Ok((view.size(), bytes))
        })
        .await??;
    let (size, bytes) = rendered;
    let bytes = Bytes::from(bytes);
    if public {
        app.state_cache().put(size, bytes.clone());
    }
    Ok(json_bytes(bytes))
}

/// `GET /v1/claims?from&limit`: claims in filing order, a page at a time.
pub async fn get_claims(
    State(app): State<AppState>,
    headers: HeaderMap,
    page: PageQuery,
) -> Result<Response, Problem> {
    let viewer = app.viewer(&headers).await?;
    let claims = app
        .read(move |view| {
            let state = view.state();
            page.of(&state.claims, "claims", |c| {
                let mut claim = ClaimReport::new(state, c);
                redact(&mut claim, &viewer);
                claim
            })
        })
        .await;
    json_page(claims)
}

/// `GET /v1/claims/{id}`: the claim with its explanation and timeline.
pub async fn get_claim(
    State(app): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let viewer = app.viewer(&headers).await?;
    let found = app
        .read(move |view| {
            let state = view.state();
            state
                .claim(&id)
                .map(|record| claim_detail(state, record, &viewer, Lang::En))
        })
        .await?;
    let claim = found.ok_or_else(|| Problem::not_found("the claim"))?;
    Ok(Json(claim).into_response())
}

/// `GET /v1/decisions?from&limit`: package decisions in opening order, a page at a time.
pub async fn get_decisions(
    State(app): State<AppState>,
    page: PageQuery,
) -> Result<Response, Problem> {
    let decisions = app
        .read(move |view| {
            let state = view.state();
            page.of(&state.decisions, "decisions", |d| {
                DecisionReport::new(state, d)
            })
        })
        .await;
    json_page(decisions)
}

/// `GET /v1/obligations?from&limit`: obligations in creation order, with their status, a page at
/// a time.
pub async fn get_obligations(
    State(app): State<AppState>,
    page: PageQuery,
) -> Result<Response, Problem> {
    let obligations = app
        .read(move |view| {
            let state = view.state();
            page.of(&state.obligations, "obligations", ObligationReport::new)
        })
        .await;
    json_page(obligations)
}

/// `GET /v1/parties/{id}?from&limit`: the party, its compliance over all its obligations, and
/// a page of those obligations.
pub async fn get_party(
    State(app): State<AppState>,
    Path(id): Path<String>,
    page: PageQuery,
) -> Result<Response, Problem> {
    let found = app
        .read(move |view| {
            let charter = view.history().versions().last()?;
            let party = charter.parties.iter().find(|p| p.id.as_str() == id)?;
            let state = view.state();
            let mine: Vec<&snapback_engine::state::ObligationRecord> = state
                .obligations
                .iter()
                .filter(|o| o.party.as_str() == id)
                .collect();
            let mut compliance = Compliance::default();
            for o in &mine {
                compliance.count(o.status);
            }
            let obligations = page.of_value(&mine, "obligations", |o| ObligationReport::new(o));
            Some(obligations.map(|obligations| PartyDetail {
                id: party.id.to_string(),
                name: party.name.clone(),
                roles: party.roles.clone(),
                groups: party.groups.clone(),
                keys: party.keys.clone(),
                compliance,
                obligations,
            }))
        })
        .await?;
    let party = found.ok_or_else(|| Problem::not_found("the party"))??;
    Ok(Json(party).into_response())
}

/// A party of the charter in force.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[schemars(rename = "Party")]
pub struct PartyDetail {
    pub id: String,
    pub name: String,
    pub roles: Vec<snapback_charter::Role>,
    pub groups: Vec<String>,
    /// C2SP verifier keys.
    pub keys: Vec<String>,
    pub compliance: Compliance,
    #[schemars(schema_with = "crate::page::obligations_schema")]
    pub obligations: serde_json::Value,
}
