//! Between engine events and log entry bodies.
//!
//! An input entry's event is the engine's wire event without `at` and `party` (the log sets the
//! time; the signer is the party). A derived entry's event is the engine's derived event without
//! `at`. Both are JSON objects with a `type`.

use jiff::Timestamp;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use snapback_charter::FieldPath;
use snapback_charter::time::format_instant;
use snapback_engine::event::WireEvent;
use snapback_engine::{Derived, DerivedKind, Event};
use snapback_log::canonical::canonical;
use snapback_log::entry::{EntryBody, EntryError, EntryKind};
use snapback_log::keys::SignerKey;

/// Why an entry's event cannot be read as an engine event.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConvertError {
    #[error("the event is not an event snapback knows: {0}")]
    Shape(String),
    #[error("{0}")]
    ClassifiedInClear(String),
    #[error("cannot seal classified evidence: {0}")]
    Seal(String),
    #[error("the event does not serialise to a JSON object: {0}")]
    Serialize(String),
    #[error("the entry's time `{0}` is not an RFC 3339 instant")]
    Time(String),
    #[error("{0}")]
    Entry(#[from] EntryError),
}

/// An event's JSON object. Events and derived events always serialise to objects; anything
/// else is an error, never a placeholder inside an entry that is about to be signed.
fn object(value: Result<Value, serde_json::Error>) -> Result<Map<String, Value>, ConvertError> {
    match value {
        Ok(Value::Object(map)) => Ok(map),
        Ok(other) => Err(ConvertError::Serialize(format!(
            "got {other} instead of an object"
        ))),
        Err(e) => Err(ConvertError::Serialize(e.to_string())),
    }
}

/// The entry event of an input event: its wire form without `at` and `party`.
pub fn input_event(event: &Event) -> Result<Map<String, Value>, ConvertError> {
    let mut map = object(serde_json::to_value(WireEvent::from(event)))?;
    map.remove("at");
    map.remove("party");
    Ok(map)
}

/// The entry event of a derived event: its JSON without `at`.
pub fn derived_event(kind: &DerivedKind) -> Result<Map<String, Value>, ConvertError> {
    object(serde_json::to_value(kind))
}

/// Reads an input entry's event back as an engine event at `at`, signed by `party`.
pub fn to_event(body: &EntryBody, at: Timestamp) -> Result<Event, ConvertError> {
    let mut map = body.event.clone();
    map.insert("at".to_owned(), Value::String(format_instant(at)));
    map.insert("party".to_owned(), Value::String(body.party.clone()));
    let wire: WireEvent = serde_json::from_value(Value::Object(map))
        .map_err(|e| ConvertError::Shape(e.to_string()))?;
    wire.into_event(&FieldPath::of(&["event"])).map_err(|p| {
        if p.code == Some(snapback_engine::event::CLASSIFIED_IN_CLEAR) {
            ConvertError::ClassifiedInClear(p.to_string())
        } else {
            ConvertError::Shape(p.to_string())
        }
    })
}

/// Reads a derived entry's event back as a derived event at `at`.
pub fn to_derived(body: &EntryBody, at: Timestamp) -> Result<Derived, ConvertError> {
    let kind: DerivedKind = serde_json::from_value(Value::Object(body.event.clone()))
        .map_err(|e| ConvertError::Shape(e.to_string()))?;
    Ok(Derived { at, kind })
}

/// Parses an entry's `at`.
pub fn entry_time(at: &str) -> Result<Timestamp, ConvertError> {
    snapback_charter::time::parse_instant(at).map_err(|_| ConvertError::Time(at.to_owned()))
}

/// The body of a derived entry, signed later by the secretariat. Its nonce is derived from its
/// content, so the same conclusion always makes the same entry.
pub fn derived_body(d: &Derived, secretariat: &SignerKey) -> Result<EntryBody, ConvertError> {
    let event = derived_event(&d.kind)?;
    let mut h = Sha256::new();
    h.update(format_instant(d.at).as_bytes());
    h.update(b"\n");
    h.update(canonical(&Value::Object(event.clone())).map_err(EntryError::from)?);
    let digest = h.finalize();
    let nonce: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    Ok(EntryBody::new(
        EntryKind::Derived,
        secretariat,
        nonce,
        event,
    )?)
}

/// Seals a classified evidence event written with its content in clear (a local scenario or
/// event file, which is private): removes `source_kind`, `digest` and `summary` from `event`,
/// seals them under a fresh random salt, and puts the commitment (and `releasable_to`, `[]` if
/// absent) in their place. Returns the sealed content to submit beside the signed body, or
/// `None` for any other event (left as it is).
pub fn seal_event(
    event: &mut Map<String, Value>,
) -> Result<Option<snapback_log::sealed::Sealed>, ConvertError> {
    let classified = event.get("type").and_then(Value::as_str) == Some("evidence.submitted")
        && event
            .get("classification")
            .and_then(Value::as_str)
            .is_some_and(|c| c != "public");
    let clear = ["source_kind", "digest", "summary"]
        .iter()
        .any(|f| event.contains_key(*f));
    if !classified || !clear || event.contains_key("commitment") {
        return Ok(None);
    }
    let mut take = |name: &str| -> Result<String, ConvertError> {
        match event.remove(name) {
            Some(Value::String(s)) => Ok(s),
            _ => Err(ConvertError::Seal(format!(
                "classified evidence written in clear needs a string `{name}` (with source_kind, digest and summary, signing seals them)"
            ))),
        }
    };
    let content = snapback_log::sealed::SealedContent {
        source_kind: take("source_kind")?,
        digest: take("digest")?,
        summary: take("summary")?,
    };
    let sealed = snapback_log::sealed::Sealed::new(content)
        .map_err(|e| ConvertError::Seal(e.to_string()))?;
    let commitment = sealed
        .commitment()
        .map_err(|e| ConvertError::Seal(e.to_string()))?;
    event.insert("commitment".to_owned(), Value::String(commitment));
    event
        .entry("releasable_to")
        .or_insert_with(|| Value::Array(Vec::new()));
    Ok(Some(sealed))
}
