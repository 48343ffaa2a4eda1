//! JSON Schemas for values the engine's types serialise by hand (feature `schema`): instants and
//! decimal amounts are strings. Used through `#[schemars(with = …)]` on the fields that carry
//! them, so the derived schema says what the serialiser really writes.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

/// An instant: RFC 3339 in UTC with `Z` (`instant_serde`).
#[derive(Debug)]
pub struct Instant;

impl JsonSchema for Instant {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("Instant")
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "format": "date-time", "description": "RFC 3339 UTC with `Z`" })
    }
}

/// A decimal amount written as a string (`rust_decimal`'s `serde-str`), never a float.
#[derive(Debug)]
pub struct DecimalString;

impl JsonSchema for DecimalString {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("DecimalString")
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "description": "A decimal number, as a string." })
    }
}
