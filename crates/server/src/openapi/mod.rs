//! The OpenAPI 3.1 description of the API, served at `/v1/openapi.json`.
//!
//! Written by hand, next to the handlers it describes. The server's tests check that every route
//! the router registers is described, that every documented operation is routed, that the
//! answers the API gives match the schemas below, and that every code a submission can be
//! refused with is listed in [`ENTRY_ERRORS`] with the status the API answers it with.

use axum::Json;
use serde_json::{Value, json};

mod build;
mod derived;
mod errors;
mod paths;
mod schemas;

pub use errors::ENTRY_ERRORS;

/// The document.
pub fn spec() -> Value {
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "snapback",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "A codified security guarantee: parties submit Ed25519-signed entries (claims, evidence, votes, fulfilment reports); a deterministic engine derives determinations, activations and obligations; everything goes into a signed Merkle log. Writes are authorised by signatures, not sessions; reads are public; the log never holds classified content (only markings, releasable_to lists and commitments), and the sealed content of classified evidence is released by `GET /v1/evidence/{commitment}` only to a bearer token of a cleared party that submitted it or is in its `releasable_to`. Errors are RFC 9457 problems (`application/problem+json`) with a stable `code`. Anonymous reads (GET without `Authorization`) are limited per client address (`snapback serve --read-rate`, `--read-burst`): beyond the limit, `429` with code `rate_limited` and a `Retry-After` header. Writes are refused with `503` `clock_behind` or `clock_unconfirmed` (and `Retry-After`) while the server does not trust its clock.",
            "license": { "name": "Apache-2.0", "identifier": "Apache-2.0" },
        },
        "paths": paths::paths(),
        "components": {
            "schemas": schemas::schemas(),
            "securitySchemes": {
                "bearerAuth": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A token from `snapback token create --party ID --clearance LEVEL`.",
                },
            },
        },
    })
}

pub async fn document() -> Json<Value> {
    Json(spec())
}
