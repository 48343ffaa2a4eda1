//! Schemas of values the API writes as strings or as other components, for fields whose Rust
//! type says less than the wire does (`#[schemars(with = …)]`): a base64 hash, and a log entry,
//! whose schema is written by hand in `openapi/schemas.rs` because entries are the signed wire
//! format itself (canonical JSON, base64 signatures), not a serde rendering of a Rust type.

snapback_engine::inline_schema!(
    /// 32 bytes, base64.
    Base64Hash,
    { "type": "string", "contentEncoding": "base64", "description": "32 bytes, base64" }
);

snapback_engine::inline_schema!(
    /// A log entry: a reference to the hand-written `Entry` component.
    EntryRef,
    { "$ref": "#/components/schemas/Entry" }
);
