//! The JSON API under `/v1`, one module per resource family: [`entries`] (submissions),
//! [`log`] (checkpoint, entries, proofs), [`claims`] (the state, claims, decisions, obligations,
//! parties), [`fund`], [`capabilities`] (the capability tracker), and [`ops`] (readiness,
//! metrics, unmatched routes). Handlers answer `Result<_, Problem>`; the read models they render
//! live in [`crate::views`], the shared state in [`crate::state`].

pub mod alerts;
pub mod capabilities;
pub mod claims;
pub mod entries;
pub mod fund;
pub mod log;
pub mod measures;
pub mod ops;

use axum::Json;
use axum::body::Bytes;
use axum::extract::Query;
use axum::extract::rejection::QueryRejection;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use serde::Serialize;
use snapback_log::merkle::Hash;

use crate::problem::{Problem, query_problem};
use crate::reader::View;
use crate::state::AppState;

fn b64(h: &Hash) -> String {
    B64.encode(h)
}

/// A page rendered on the read replica, or the problem that stopped it.
fn json_page(page: Result<Result<Vec<u8>, Problem>, Problem>) -> Result<Response, Problem> {
    Ok(json_bytes(Bytes::from(page??)))
}

/// JSON bytes with the JSON content type.
fn json_bytes(bytes: Bytes) -> Response {
    let mut r = (StatusCode::OK, bytes).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

/// The answer to a read or write run on the node thread: its JSON, or the problem it (or the
/// node) reported.
fn answer<T: Serialize>(result: Result<Result<T, Problem>, Problem>) -> Result<Response, Problem> {
    Ok(Json(result??).into_response())
}

/// Parses a query string, then runs `read` with it on the read replica.
async fn read_with_query<Q: Send + 'static, T: Serialize + Send + 'static>(
    app: &AppState,
    query: Result<Query<Q>, QueryRejection>,
    read: impl FnOnce(&View, Q) -> Result<T, Problem> + Send + 'static,
) -> Result<Response, Problem> {
    let Query(q) = query.map_err(|e| query_problem(&e))?;
    answer(app.read(move |view| read(view, q)).await)
}
