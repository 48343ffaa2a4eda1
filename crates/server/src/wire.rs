//! Schemas of values the API writes as strings or as other components, for fields whose Rust
//! type says less than the wire does (`#[schemars(with = …)]`): a base64 hash, and a log entry,
//! whose schema is written by hand in `openapi/schemas.rs` because entries are the signed wire
//! format itself (canonical JSON, base64 signatures), not a serde rendering of a Rust type.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

/// 32 bytes, base64.
#[derive(Debug)]
pub struct Base64Hash;

impl JsonSchema for Base64Hash {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("Base64Hash")
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "contentEncoding": "base64", "description": "32 bytes, base64" })
    }
}

/// A log entry: a reference to the hand-written `Entry` component.
#[derive(Debug)]
pub struct EntryRef;

impl JsonSchema for EntryRef {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("EntryRef")
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "$ref": "#/components/schemas/Entry" })
    }
}
