//! Witness cosignatures over HTTP: `POST /v1/log/cosignature`. The rules (named witnesses only,
//! one cosignature per witness per checkpoint, the stored note rebuilt from the log's line and
//! the recorded cosignatures) are [`snapback_ledger::cosign`]'s, shared with
//! `snapback witness cosign`; here its errors become problems (`403 unknown_witness`, `400
//! bad_key`, `409 already_cosigned`, `422` for a note that does not verify).

use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use serde::Deserialize;
use snapback_ledger::Ledger;
use snapback_ledger::cosign::{CosignError, Cosigned};
pub use snapback_ledger::cosign::{
    Witness, WitnessError, allowed, register, registered, registration,
};
use snapback_log::keys::VerifierKey;
use snapback_store::Store;

use crate::problem::Problem;
use crate::state::AppState;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cosignature {
    /// The witness's verifier key (C2SP `cosignature/v1`, algorithm 0x04).
    pub witness: String,
    /// The checkpoint note carrying the witness's cosignature line.
    pub note: String,
}

/// `POST /v1/log/cosignature`: a named witness's cosignature of one of the log's checkpoints;
/// it is verified and added to the stored note.
pub async fn post_cosignature(
    State(app): State<AppState>,
    headers: axum::http::HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Problem> {
    let body = body.map_err(|e| crate::problem::body_problem(&e))?;
    if let Some(answer) =
        crate::forward::to_leader(&app, "/v1/log/cosignature", &headers, &body).await?
    {
        return Ok(answer);
    }
    let mut de = serde_json::Deserializer::from_slice(&body);
    let c: Cosignature =
        serde_path_to_error::deserialize(&mut de).map_err(|e| crate::problem::json_problem(&e))?;
    let now = app.clock().now();
    let answer = app
        .node()
        .run(move |ctx| {
            let answer = record_posted(&mut ctx.ledger, &c.witness, &c.note, now)?;
            // A trusted witness's timestamp may confirm a forward step of the server's clock
            // (only witnesses named with --time-witness count: see timekeeping).
            ctx.witnessed(&c.witness, answer.time);
            Ok(answer)
        })
        .await??;
    Ok(axum::Json(answer).into_response())
}

/// A refused cosignature as a problem.
pub fn cosign_problem(e: &CosignError) -> Problem {
    let status = match e {
        CosignError::UnknownWitness(_) | CosignError::WrongKey { .. } => StatusCode::FORBIDDEN,
        CosignError::BadKey(_) => StatusCode::BAD_REQUEST,
        CosignError::AlreadyCosigned { .. } => StatusCode::CONFLICT,
        CosignError::Storage(detail) => return Problem::internal(detail.clone()),
        CosignError::BadNote(_)
        | CosignError::BadCheckpoint(_)
        | CosignError::NoCosignature(_)
        | CosignError::BadCosignature(_)
        | CosignError::NotOurCheckpoint(_) => StatusCode::UNPROCESSABLE_ENTITY,
    };
    let p = Problem::new(status, e.code(), e.to_string());
    match e.field() {
        Some(field) => p.field(field),
        None => p,
    }
}

/// [`snapback_ledger::cosign::record_posted`], answered as JSON or a problem.
pub fn record_posted(
    ledger: &mut Ledger<Box<dyn Store>>,
    witness: &str,
    note: &str,
    now: Timestamp,
) -> Result<Cosigned, Problem> {
    snapback_ledger::cosign::record_posted(ledger, witness, note, now)
        .map_err(|e| cosign_problem(&e))
}

/// [`snapback_ledger::cosign::record`], answered as JSON or a problem.
pub fn record(
    ledger: &mut Ledger<Box<dyn Store>>,
    witness: &VerifierKey,
    note: &str,
    now: Timestamp,
) -> Result<Cosigned, Problem> {
    snapback_ledger::cosign::record(ledger, witness, note, now).map_err(|e| cosign_problem(&e))
}
