//! The OpenAPI 3.1 description of the API, served at `/v1/openapi.json`.

use axum::Json;
use serde_json::{Value, json};

/// The document.
pub fn spec() -> Value {
    json!({ "openapi": "3.1.0", "info": { "title": "snapback", "version": env!("CARGO_PKG_VERSION") }, "paths": {} })
}

pub async fn document() -> Json<Value> {
    Json(spec())
}
