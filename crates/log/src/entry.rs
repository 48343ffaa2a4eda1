//! Log entries: a party's signed event, placed in time by the log.
//!
//! An entry is one canonical JSON object (RFC 8785), and those exact bytes are its Merkle leaf
//! data:
//!
//! ```text
//! {"at":"2026-03-02T04:10:00Z",
//!  "body":{"event":{"claim":"C-1","type":"claim.filed",...},"key":"1a2b3c4d",
//!          "kind":"input","nonce":"9f0c...","party":"UA","v":1},
//!  "sig":"<base64 Ed25519 signature>"}
//! ```
//!
//! * `body` is what the party signs: the event without its time, the party, the id of the key
//!   that signs, a nonce that makes the body unique, the kind (`input` for a party's event,
//!   `derived` for what the engine concluded, signed by the secretariat), and the format
//!   version. The signature is over `snapback/entry/v1\n` followed by the canonical bytes of
//!   `body` (domain separation: these bytes can never be mistaken for another signed message).
//! * `at` is set by the log when it appends (for derived entries: the instant the engine
//!   concluded). It is outside the signature and inside the leaf, so the signed checkpoint fixes
//!   it: a party signs what happened, the log's tree fixes when.
//! * The SHA-256 of the canonical `body` is the entry's id: submitting the same signed body twice
//!   yields the same entry (idempotence), and a party cannot reuse a nonce for another body.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::canonical::{CanonicalError, canonical, canonical_of};
use crate::keys::{Alg, SignerKey, VerifierKey};

/// The domain separator prefixed to every signed entry body.
pub const ENTRY_DOMAIN: &[u8] = b"snapback/entry/v1\n";
/// The entry format version.
pub const ENTRY_VERSION: u32 = 1;
/// The largest canonical entry accepted, in bytes.
pub const ENTRY_BYTES_MAX: usize = 64 * 1024;

/// Who produced an entry's event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    /// An event a party submitted.
    Input,
    /// An event the engine derived, appended under the secretariat's key.
    Derived,
}

/// The signed part of an entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryBody {
    pub v: u32,
    pub kind: EntryKind,
    pub party: String,
    /// The signing key's id, 8 hex digits.
    pub key: String,
    pub nonce: String,
    /// The event as a JSON object with a `type`, without `at`.
    pub event: Map<String, Value>,
}

/// An entry of the log.
#[derive(Clone, PartialEq, Eq)]
pub struct Entry {
    /// RFC 3339 UTC, as the log wrote it.
    pub at: String,
    pub body: EntryBody,
    pub sig: [u8; 64],
}

impl fmt::Debug for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Entry")
            .field("at", &self.at)
            .field("body", &self.body)
            .finish_non_exhaustive()
    }
}

/// The wire form of an entry (what is canonicalised).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryWire {
    /// Absent in a submission (the log sets it); present in every stored entry.
    #[serde(default)]
    at: String,
    body: EntryBody,
    sig: String,
}

/// Why bytes are not a valid entry, or a signature does not hold.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EntryError {
    #[error("the entry is {0} bytes; the limit is {ENTRY_BYTES_MAX}")]
    TooLarge(usize),
    #[error("the entry is not valid JSON of the entry format: {0}")]
    Json(String),
    #[error("field `{path}`: {message}")]
    Field { path: String, message: String },
    #[error(
        "the entry is not in canonical form (RFC 8785): its bytes differ from its canonical encoding"
    )]
    NotCanonical,
    #[error("unsupported entry version {0} (this snapback writes version {ENTRY_VERSION})")]
    Version(u32),
    #[error("the signature is not 64 bytes of base64")]
    SignatureEncoding,
    #[error("the event has no string `type`")]
    NoType,
    #[error("the event must not carry `at`: the log sets the time")]
    EventHasTime,
    #[error("{0}")]
    Canonical(#[from] CanonicalError),
}

/// Why a signature check failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error(
        "entry signed by `{party}` names key {key}, which `{party}` does not hold in the charter in force"
    )]
    UnknownKey { party: String, key: String },
    #[error("the signature does not verify under key {key} of `{party}`")]
    Invalid { party: String, key: String },
}

impl EntryBody {
    /// A body for `event` (which must have a `type` and no `at`), signed later by `key`.
    pub fn new(
        kind: EntryKind,
        key: &SignerKey,
        nonce: String,
        event: Map<String, Value>,
    ) -> Result<Self, EntryError> {
        check_event(&event)?;
        Ok(Self {
            v: ENTRY_VERSION,
            kind,
            party: key.name().to_owned(),
            key: hex(&key.id()),
            nonce,
            event,
        })
    }

    /// The canonical bytes of the body.
    pub fn canonical(&self) -> Result<Vec<u8>, EntryError> {
        Ok(canonical_of(self)?)
    }

    /// The message an Ed25519 signature covers.
    pub fn signed_message(&self) -> Result<Vec<u8>, EntryError> {
        let mut m = ENTRY_DOMAIN.to_vec();
        m.extend_from_slice(&self.canonical()?);
        Ok(m)
    }

    /// SHA-256 of the canonical body: the entry's identity, independent of when it was logged.
    pub fn id(&self) -> Result<[u8; 32], EntryError> {
        Ok(Sha256::digest(self.canonical()?).into())
    }

    /// The event's type.
    pub fn event_type(&self) -> Option<&str> {
        self.event.get("type").and_then(Value::as_str)
    }

    /// Signs the body.
    pub fn sign(&self, key: &SignerKey) -> Result<[u8; 64], EntryError> {
        Ok(key.sign(&self.signed_message()?))
    }
}

fn check_event(event: &Map<String, Value>) -> Result<(), EntryError> {
    if !event.get("type").is_some_and(Value::is_string) {
        return Err(EntryError::NoType);
    }
    if event.contains_key("at") {
        return Err(EntryError::EventHasTime);
    }
    Ok(())
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The longest nonce accepted in a submission, in bytes.
pub const NONCE_LEN_MAX: usize = 64;

/// Checks a submitted nonce: 1 to 64 ASCII letters, digits, `.`, `_`, `:` or `-` (the syntax of
/// an id). snapback itself writes 32 lowercase hex digits (random for a party's entry, derived
/// from the content for a derived one). Checked when a submission is judged, not when a stored
/// log is read, so logs written before the rule still verify.
pub fn check_nonce(nonce: &str) -> Result<(), String> {
    if nonce.is_empty() {
        return Err(
            "the nonce is empty; use 32 random hex digits (what `snapback submit` writes)"
                .to_owned(),
        );
    }
    if nonce.len() > NONCE_LEN_MAX {
        return Err(format!(
            "the nonce is {} bytes; at most {NONCE_LEN_MAX} are allowed (32 random hex digits are enough)",
            nonce.len()
        ));
    }
    match nonce
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | ':' | '-')))
    {
        Some(bad) => Err(format!(
            "the nonce contains U+{:04X}; only ASCII letters, digits, '.', '_', ':' and '-' are allowed",
            u32::from(bad)
        )),
        None => Ok(()),
    }
}

/// A number written with a fraction or exponent but an integral value within ±(2^53 - 1)
/// (`2.0`, `-1.6e7`) is that integer: RFC 8785 writes it without them, so a client that signs the
/// canonical form of what it sends signed the integer. Other floats stay floats (and are refused
/// when the body is canonicalised).
fn integral_floats_as_integers(value: &mut Value) {
    const SAFE: f64 = 9_007_199_254_740_991.0;
    match value {
        Value::Number(n) if !n.is_i64() && !n.is_u64() => {
            if let Some(f) = n.as_f64()
                && f.fract() == 0.0
                && f.abs() <= SAFE
            {
                #[allow(clippy::cast_possible_truncation)]
                let i = f as i64;
                *value = Value::from(i);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(integral_floats_as_integers),
        Value::Object(map) => map.values_mut().for_each(integral_floats_as_integers),
        _ => {}
    }
}

/// A fresh random nonce: 16 bytes as 32 hex digits.
pub fn random_nonce() -> Result<String, crate::keys::KeyError> {
    let mut n = [0u8; 16];
    getrandom::fill(&mut n).map_err(|e| crate::keys::KeyError::Randomness(e.to_string()))?;
    Ok(hex(&n))
}

impl Entry {
    /// Signs `body` and places it at `at`.
    pub fn new(at: String, body: EntryBody, key: &SignerKey) -> Result<Self, EntryError> {
        let sig = body.sign(key)?;
        Ok(Self { at, body, sig })
    }

    /// The canonical bytes: the Merkle leaf data and the export line.
    pub fn canonical(&self) -> Result<Vec<u8>, EntryError> {
        let wire = EntryWire {
            at: self.at.clone(),
            body: self.body.clone(),
            sig: B64.encode(self.sig),
        };
        let bytes = canonical_of(&wire)?;
        if bytes.len() > ENTRY_BYTES_MAX {
            return Err(EntryError::TooLarge(bytes.len()));
        }
        Ok(bytes)
    }

    /// Parses canonical entry bytes, refusing anything not byte-for-byte canonical.
    pub fn parse(bytes: &[u8]) -> Result<Self, EntryError> {
        let entry = Self::parse_lenient(bytes)?;
        if entry.canonical()? != bytes {
            return Err(EntryError::NotCanonical);
        }
        Ok(entry)
    }

    /// Parses entry JSON in any layout (for submissions, which are then canonicalised).
    pub fn parse_lenient(bytes: &[u8]) -> Result<Self, EntryError> {
        if bytes.len() > ENTRY_BYTES_MAX {
            return Err(EntryError::TooLarge(bytes.len()));
        }
        let mut de = serde_json::Deserializer::from_slice(bytes);
        let wire: EntryWire = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = e.path().to_string();
            if path.is_empty() || path == "." {
                EntryError::Json(e.inner().to_string())
            } else {
                EntryError::Field {
                    path,
                    message: e.inner().to_string(),
                }
            }
        })?;
        de.end().map_err(|e| EntryError::Json(e.to_string()))?;
        if wire.body.v != ENTRY_VERSION {
            return Err(EntryError::Version(wire.body.v));
        }
        check_event(&wire.body.event)?;
        let mut wire = wire;
        for value in wire.body.event.values_mut() {
            integral_floats_as_integers(value);
        }
        let raw = B64
            .decode(wire.sig.as_bytes())
            .map_err(|_| EntryError::SignatureEncoding)?;
        let sig: [u8; 64] = raw.try_into().map_err(|_| EntryError::SignatureEncoding)?;
        Ok(Self {
            at: wire.at,
            body: wire.body,
            sig,
        })
    }

    /// Checks the signature against the keys the party holds (strict Ed25519).
    pub fn verify(&self, keys: &[VerifierKey]) -> Result<(), SignatureError> {
        let invalid = || SignatureError::Invalid {
            party: self.body.party.clone(),
            key: self.body.key.clone(),
        };
        let body = self.body.canonical().map_err(|_| invalid())?;
        verify_body(&self.body, &body, &self.sig, keys)
    }

    /// The canonical entry bytes from the body's canonical bytes, without encoding the body
    /// again: RFC 8785 orders the members `at`, `body`, `sig`, and a nested object's canonical
    /// form is its own canonical bytes.
    pub fn canonical_from_parts(at: &str, body: &[u8], sig: &[u8; 64]) -> Vec<u8> {
        let mut out = Vec::with_capacity(body.len() + 128);
        out.extend_from_slice(b"{\"at\":");
        out.extend_from_slice(&canonical(&Value::String(at.to_owned())).unwrap_or_default());
        out.extend_from_slice(b",\"body\":");
        out.extend_from_slice(body);
        out.extend_from_slice(b",\"sig\":\"");
        out.extend_from_slice(B64.encode(sig).as_bytes());
        out.extend_from_slice(b"\"}");
        out
    }
}

/// Checks a signature over a body whose canonical bytes are already at hand.
pub fn verify_body(
    body: &EntryBody,
    canonical_body: &[u8],
    sig: &[u8; 64],
    keys: &[VerifierKey],
) -> Result<(), SignatureError> {
    let key = keys
        .iter()
        .find(|k| k.alg() == Alg::Ed25519 && k.name() == body.party && k.id_hex() == body.key)
        .ok_or_else(|| SignatureError::UnknownKey {
            party: body.party.clone(),
            key: body.key.clone(),
        })?;
    let mut message = Vec::with_capacity(ENTRY_DOMAIN.len() + canonical_body.len());
    message.extend_from_slice(ENTRY_DOMAIN);
    message.extend_from_slice(canonical_body);
    if key.verify(&message, sig) {
        Ok(())
    } else {
        Err(SignatureError::Invalid {
            party: body.party.clone(),
            key: body.key.clone(),
        })
    }
}

/// A value's canonical bytes, re-exported for callers that hash events.
pub fn canonical_value(value: &Value) -> Result<Vec<u8>, EntryError> {
    Ok(canonical(value)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(json: &str) -> Map<String, Value> {
        match serde_json::from_str::<Value>(json).expect("json") {
            Value::Object(m) => m,
            _ => panic!("object"),
        }
    }

    fn sample() -> (SignerKey, Entry) {
        let key = SignerKey::from_seed("UA", Alg::Ed25519, &[7u8; 32]).expect("key");
        let body = EntryBody::new(
            EntryKind::Input,
            &key,
            "00112233445566778899aabbccddeeff".into(),
            event(r#"{"type":"claim.filed","party":"UA","claim":"C1","severity":2,"category":"shelling","summary":"s"}"#),
        )
        .expect("body");
        let entry = Entry::new("2026-03-02T04:10:00Z".into(), body, &key).expect("entry");
        (key, entry)
    }

    #[test]
    fn entries_round_trip_canonically_and_verify() {
        let (key, entry) = sample();
        let bytes = entry.canonical().expect("canonical");
        let text = String::from_utf8(bytes.clone()).expect("utf-8");
        assert!(text.starts_with(r#"{"at":"2026-03-02T04:10:00Z","body":{"event":{"category":"shelling","claim":"C1","party":"UA","severity":2,"summary":"s","type":"claim.filed"},"key":""#), "{text}");
        let parsed = Entry::parse(&bytes).expect("parse");
        assert_eq!(parsed, entry);
        assert_eq!(parsed.verify(&[key.verifier()]), Ok(()));
    }

    #[test]
    fn canonical_from_parts_equals_the_full_encoding() {
        let (_, entry) = sample();
        let body = entry.body.canonical().expect("body");
        assert_eq!(
            Entry::canonical_from_parts(&entry.at, &body, &entry.sig),
            entry.canonical().expect("entry")
        );
    }

    #[test]
    fn tampering_and_wrong_keys_are_caught() {
        let (key, entry) = sample();
        let mut forged = entry.clone();
        forged.body.event.insert("severity".into(), Value::from(5));
        assert!(matches!(
            forged.verify(&[key.verifier()]),
            Err(SignatureError::Invalid { .. })
        ));
        let other = SignerKey::from_seed("UA", Alg::Ed25519, &[8u8; 32]).expect("other");
        assert!(matches!(
            entry.verify(&[other.verifier()]),
            Err(SignatureError::UnknownKey { .. })
        ));
        // The time is outside the signature (the log sets it) but inside the canonical bytes.
        let mut moved = entry.clone();
        moved.at = "2026-03-02T04:10:01Z".into();
        assert_eq!(moved.verify(&[key.verifier()]), Ok(()));
        assert_ne!(moved.canonical().expect("c"), entry.canonical().expect("c"));
        assert_eq!(moved.body.id().expect("id"), entry.body.id().expect("id"));
    }

    #[test]
    fn non_canonical_and_malformed_bytes_are_refused() {
        let (_, entry) = sample();
        let text = String::from_utf8(entry.canonical().expect("c")).expect("utf-8");
        let spaced = text.replacen(",", ", ", 1);
        assert_eq!(
            Entry::parse(spaced.as_bytes()),
            Err(EntryError::NotCanonical)
        );
        assert!(Entry::parse_lenient(spaced.as_bytes()).is_ok());
        assert!(matches!(Entry::parse(b"{}"), Err(EntryError::Json(_))));
        let bad_field = text.replacen("\"v\":1", "\"v\":\"one\"", 1);
        match Entry::parse_lenient(bad_field.as_bytes()) {
            Err(EntryError::Field { path, .. }) => assert_eq!(path, "body.v"),
            other => panic!("{other:?}"),
        }
        let with_at = text.replacen("\"event\":{", "\"event\":{\"at\":\"x\",", 1);
        assert_eq!(
            Entry::parse_lenient(with_at.as_bytes()),
            Err(EntryError::EventHasTime)
        );
    }

    #[test]
    fn a_submission_may_write_integers_with_a_fraction() {
        let (key, entry) = sample();
        let text = String::from_utf8(entry.canonical().expect("canonical")).expect("utf-8");
        let written = text.replace("\"severity\":2", "\"severity\":2.0e0");
        assert_ne!(written, text);
        let parsed = Entry::parse_lenient(written.as_bytes()).expect("parses");
        assert_eq!(parsed.body.event["severity"], Value::from(2));
        assert!(
            parsed.verify(&[key.verifier()]).is_ok(),
            "signed the integer"
        );
        // A fraction stays a float, which canonical JSON refuses.
        let half = text.replace("\"severity\":2", "\"severity\":2.5");
        let parsed = Entry::parse_lenient(half.as_bytes()).expect("parses");
        assert!(parsed.body.canonical().is_err());
    }
}
