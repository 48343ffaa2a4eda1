//! The small builders every part of the document uses: references, nullable and common
//! schemas, objects, responses, parameters, pages and problems.

use serde_json::{Value, json};

pub(super) fn schema(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

pub(super) fn instant() -> Value {
    json!({ "type": "string", "format": "date-time", "description": "RFC 3339 UTC with `Z`" })
}

pub(super) fn string() -> Value {
    json!({ "type": "string" })
}

/// How every paged list is read.
pub(super) const PAGED: &str = "A page of the list in its own order, which only grows at the end, so a position is a stable cursor: `from` is the position of the first item (default 0), `limit` how many at most (1 to 1000, default 100). `next` is the `from` of the following page, null after the last item; `total` counts the whole list.";

/// `from` and `limit` of a paged list.
pub(super) fn page_parameters() -> [Value; 2] {
    [
        json!({
            "name": "from", "in": "query", "required": false,
            "description": "The position of the first item (default 0).",
            "schema": { "type": "integer", "minimum": 0, "maximum": i64::MAX, "format": "int64" },
        }),
        json!({
            "name": "limit", "in": "query", "required": false,
            "description": "How many items at most (default 100, at most 1000).",
            "schema": { "type": "integer", "minimum": 1, "maximum": 1000, "format": "int64" },
        }),
    ]
}

/// A page of `name`, items of schema `of` (the shape is [`crate::page::schema`]'s).
pub(super) fn page_of(name: &str, of: &str) -> Value {
    crate::page::schema(name, of)
}

pub(super) fn bad_page() -> Value {
    problem(
        "`malformed`: `from` or `limit` is not a non-negative integer, is given twice, or a parameter is unknown; `out_of_range`: `from` is over 2^63 - 1, or `limit` is not from 1 to 1000. `field` names the parameter.",
    )
}

pub(super) fn list(of: &str) -> Value {
    json!({ "type": "array", "items": schema(of) })
}

/// An object schema: every property listed is required, and no other property appears.
pub(super) fn object(description: &str, properties: Value) -> Value {
    let required: Vec<Value> = properties
        .as_object()
        .map(|m| m.keys().cloned().map(Value::String).collect())
        .unwrap_or_default();
    json!({
        "type": "object",
        "description": description,
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

pub(super) fn json_content(s: Value) -> Value {
    json!({ "application/json": { "schema": s } })
}

pub(super) fn ok_json(description: &str, s: Value) -> Value {
    json!({ "description": description, "content": json_content(s) })
}

pub(super) fn text(description: &str, media: &str) -> Value {
    json!({ "description": description, "content": { media: { "schema": { "type": "string" } } } })
}

pub(super) fn problem(description: &str) -> Value {
    json!({
        "description": description,
        "content": { "application/problem+json": { "schema": schema("Problem") } },
    })
}

pub(super) fn unavailable() -> Value {
    problem("`unavailable`: the server is shutting down.")
}

pub(super) fn bad_token() -> Value {
    problem(
        "`bad_token`: the `Authorization` header is not `Bearer <token>`, or names a token this log did not issue.",
    )
}

/// Reads are public; a bearer token of a party reveals classified evidence metadata.
pub(super) fn optional_token() -> Value {
    json!([{}, { "bearerAuth": [] }])
}

pub(super) fn path_id(description: &str) -> Value {
    json!({ "name": "id", "in": "path", "required": true, "description": description, "schema": string() })
}

pub(super) fn query(name: &str, required: bool, description: &str) -> Value {
    json!({
        "name": name, "in": "query", "required": required, "description": description,
        "schema": { "type": "integer", "minimum": 0, "maximum": i64::MAX, "format": "int64" },
    })
}

pub(super) fn bad_query(codes: &str) -> Value {
    problem(&format!(
        "{codes}`out_of_range`: a parameter is over 9223372036854775807 (int64); `malformed`: a query parameter is not a non-negative integer, or is unknown. `field` names the parameter."
    ))
}

pub(super) fn no_capabilities() -> Value {
    problem(
        "`no_capabilities`: the charter in force has no `[capabilities]`, no `[[restriction]]` rule and no obligation that counts items, and the log records nothing for the tracker (or is empty).",
    )
}
