//! Witness cosignatures (`POST /v1/log/cosignature`, and `snapback witness cosign`).
//!
//! Only named witnesses may cosign: those listed in the charter in force (`[[log.witness]]`,
//! name and C2SP `cosignature/v1` verifier key) and those the secretariat registered with
//! `snapback witness add` (kept in the log's metadata). Anyone else is refused `403
//! unknown_witness`, so self-made keys cannot fill the note's 100 signature lines and crowd out
//! the real witnesses. A witness cosigns a checkpoint once: the same cosignature again is
//! answered as before (idempotent), a different one for the same checkpoint is `409
//! already_cosigned`. The note stored for a size is rebuilt from the log's own signature and the
//! cosignatures recorded for that size, never from other lines of the note a caller posted.

use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use snapback_charter::CharterHistory;
use snapback_ledger::Ledger;
use snapback_log::keys::{Alg, VerifierKey};
use snapback_log::note::{
    Checkpoint, Note, NoteSignature, format_note, parse_note, verify_cosignature,
};
use snapback_store::{Store, StoreError};

use crate::problem::Problem;
use crate::state::AppState;

const REGISTRY_KEY: &str = "witnesses";

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
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Problem> {
    let body = body.map_err(|e| crate::problem::body_problem(&e))?;
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
            if let Some(time) = answer["time"].as_u64() {
                ctx.witnessed(&c.witness, time);
            }
            Ok(answer)
        })
        .await??;
    Ok(axum::Json(answer).into_response())
}

/// A witness allowed to cosign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Witness {
    pub name: String,
    /// The C2SP `cosignature/v1` verifier key.
    pub key: String,
    /// Where the witness can be reached (from the charter), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// `charter` or `registered`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
}

/// Why a witness cannot be registered.
#[derive(Debug, thiserror::Error)]
pub enum WitnessError {
    #[error("witness key `{key}`: {problem}")]
    Key { key: String, problem: String },
    #[error("{0}")]
    Exists(String),
    #[error("{0}")]
    Store(#[from] StoreError),
}

/// The witnesses the secretariat registered (not those of the charter).
pub fn registered(store: &dyn Store) -> Result<Vec<Witness>, StoreError> {
    Ok(store
        .meta(REGISTRY_KEY)?
        .and_then(|v| serde_json::from_str(&v).ok())
        .unwrap_or_default())
}

/// The witnesses whose cosignatures are accepted at `now`: the charter in force's, then the
/// registered ones.
pub fn allowed(
    history: &CharterHistory,
    store: &dyn Store,
    now: Timestamp,
) -> Result<Vec<Witness>, StoreError> {
    let charter = history.in_force(now).or_else(|| history.versions().first());
    let mut out: Vec<Witness> = charter
        .and_then(|c| c.log.as_ref())
        .map(|l| {
            l.witnesses
                .iter()
                .map(|w| Witness {
                    name: w.name.clone(),
                    key: w.key.clone(),
                    url: w.url.clone(),
                    source: "charter".to_owned(),
                })
                .collect()
        })
        .unwrap_or_default();
    for mut w in registered(store)? {
        if !out.iter().any(|o| o.name == w.name) {
            w.source = "registered".to_owned();
            out.push(w);
        }
    }
    Ok(out)
}

/// A witness key as the log accepts it: a C2SP `cosignature/v1` verifier key named `name`.
fn witness_key(name: &str, key: &str) -> Result<VerifierKey, String> {
    let parsed = VerifierKey::parse(key).map_err(|e| e.to_string())?;
    if parsed.alg() != Alg::CosignatureV1 {
        return Err(
            "not a cosignature/v1 key (make one with `snapback keygen --cosigner`)".to_owned(),
        );
    }
    if parsed.name() != name {
        return Err(format!(
            "the key is named `{}`, not `{name}`",
            parsed.name()
        ));
    }
    Ok(parsed)
}

/// The metadata value registering `name` with `key`: `(key, value)` to store. Registering the
/// same witness again with the same key changes nothing.
pub fn registration(
    store: &dyn Store,
    history: &CharterHistory,
    name: &str,
    key: &str,
) -> Result<(String, String), WitnessError> {
    let parsed = witness_key(name, key).map_err(|problem| WitnessError::Key {
        key: key.to_owned(),
        problem,
    })?;
    let key = parsed.to_string();
    let mut list = registered(store)?;
    let in_charter = history
        .versions()
        .iter()
        .filter_map(|c| c.log.as_ref())
        .flat_map(|l| l.witnesses.iter())
        .find(|w| w.name == name);
    if let Some(w) = in_charter
        && w.key != key
    {
        return Err(WitnessError::Exists(format!(
            "the charter names the witness `{name}` with another key ({}); amend the charter to change it",
            w.key
        )));
    }
    match list.iter().find(|w| w.name == name) {
        Some(w) if w.key == key => {}
        Some(w) => {
            return Err(WitnessError::Exists(format!(
                "the witness `{name}` is already registered with another key ({})",
                w.key
            )));
        }
        None => list.push(Witness {
            name: name.to_owned(),
            key,
            url: None,
            source: String::new(),
        }),
    }
    let value = serde_json::to_string(&list).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    Ok((REGISTRY_KEY.to_owned(), value))
}

/// Registers a witness in a store's metadata (`snapback witness add`).
pub fn register(
    store: &mut dyn Store,
    history: &CharterHistory,
    name: &str,
    key: &str,
) -> Result<(), WitnessError> {
    let (k, v) = registration(store, history, name, key)?;
    store.set_meta(&k, &v)?;
    Ok(())
}

fn recorded_key(size: u64, name: &str) -> String {
    format!("cosignature:{size}:{name}")
}

/// A cosignature line's base64 (key id ‖ signature), as stored.
fn line_b64(line: &NoteSignature) -> String {
    let mut raw = line.key_id.to_vec();
    raw.extend_from_slice(&line.signature);
    B64.encode(raw)
}

fn line_from_b64(name: &str, b64: &str) -> Option<NoteSignature> {
    let raw = B64.decode(b64).ok()?;
    let key_id: [u8; 4] = raw.get(..4)?.try_into().ok()?;
    Some(NoteSignature {
        name: name.to_owned(),
        key_id,
        signature: raw.get(4..)?.to_vec(),
    })
}

/// `403 unknown_witness` for a witness name the log does not list.
fn unknown_witness(name: &str) -> Problem {
    Problem::new(
        StatusCode::FORBIDDEN,
        "unknown_witness",
        format!(
            "`{name}` is not a witness of this log: only witnesses named in the charter's [[log.witness]] or registered by the secretariat (`snapback witness add`) may cosign"
        ),
    )
    .field("witness")
}

/// [`record`] for a posted body: who the witness claims to be is checked first (`403
/// unknown_witness` for a name the log does not list), then its key (`400 bad_key`).
pub fn record_posted(
    ledger: &mut Ledger<Box<dyn Store>>,
    witness: &str,
    note: &str,
    now: Timestamp,
) -> Result<Value, Problem> {
    let name = witness.split('+').next().unwrap_or_default();
    let allowed = allowed(ledger.history(), ledger.store().as_ref(), now)
        .map_err(|e| Problem::internal(e.to_string()))?;
    if !allowed.iter().any(|w| w.name == name) {
        return Err(unknown_witness(name));
    }
    let key = VerifierKey::parse(witness).map_err(|e| {
        Problem::new(StatusCode::BAD_REQUEST, "bad_key", e.to_string()).field("witness")
    })?;
    record(ledger, &key, note, now)
}

fn unprocessable(code: &str, detail: String) -> Problem {
    Problem::new(StatusCode::UNPROCESSABLE_ENTITY, code, detail)
}

/// Verifies a witness's cosignature of one of the log's checkpoints and records it (the note
/// stored for that size gains the witness's line). Returns the answer's JSON: `size`,
/// `witness`, `time`.
pub fn record(
    ledger: &mut Ledger<Box<dyn Store>>,
    witness: &VerifierKey,
    note: &str,
    now: Timestamp,
) -> Result<Value, Problem> {
    let internal = |e: StoreError| Problem::internal(e.to_string());
    let allowed = allowed(ledger.history(), ledger.store().as_ref(), now).map_err(internal)?;
    let listed = allowed
        .iter()
        .find(|w| w.name == witness.name())
        .ok_or_else(|| unknown_witness(witness.name()))?;
    if witness_key(&listed.name, &listed.key).map(|k| k.to_string()) != Ok(witness.to_string()) {
        return Err(Problem::new(
            StatusCode::FORBIDDEN,
            "unknown_witness",
            format!(
                "the key {} is not the key of the witness `{}` ({}); cosign with the key the log lists",
                witness, listed.name, listed.key
            ),
        )
        .field("witness"));
    }
    let parsed = parse_note(note).map_err(|e| unprocessable("bad_note", e.to_string()))?;
    let cp = Checkpoint::parse(&parsed.text)
        .map_err(|e| unprocessable("bad_checkpoint", e.to_string()))?;
    let line = parsed
        .signatures
        .iter()
        .find(|s| s.name == witness.name() && s.key_id == witness.id())
        .ok_or_else(|| {
            unprocessable(
                "no_cosignature",
                format!("the note has no signature line by {}", witness.name()),
            )
        })?;
    let time = verify_cosignature(&cp, line, witness)
        .map_err(|e| unprocessable("bad_cosignature", e.to_string()))?;
    let answer = json!({ "size": cp.size, "witness": witness.name(), "time": time });

    // One cosignature per witness per checkpoint.
    let store = ledger.store();
    let key = recorded_key(cp.size, witness.name());
    let log_key = ledger.log_verifier();
    let stored = store.checkpoint().map_err(internal)?;
    // The note the log holds for this very checkpoint, if it is the latest.
    let stored_same = stored
        .filter(|s| s.size == cp.size)
        .and_then(|s| parse_note(&s.note).ok())
        .filter(|n| n.text == parsed.text);
    let earlier = match store.meta(&key).map_err(internal)? {
        Some(b64) => line_from_b64(witness.name(), &b64),
        None => stored_same.as_ref().and_then(|n| {
            n.signatures
                .iter()
                .find(|s| s.name == witness.name())
                .cloned()
        }),
    };
    if let Some(earlier) = earlier {
        if earlier == *line {
            return Ok(answer);
        }
        return Err(Problem::new(
            StatusCode::CONFLICT,
            "already_cosigned",
            format!(
                "the witness `{}` already cosigned the checkpoint of size {} with another cosignature; a witness cosigns a checkpoint once (the same cosignature again is accepted)",
                witness.name(),
                cp.size
            ),
        ));
    }

    // The note to store: the log's signature, the cosignatures recorded for this size (by
    // witnesses still allowed), and this one.
    let is_log = |s: &NoteSignature| s.name == log_key.name() && s.key_id == log_key.id();
    let mut signatures: Vec<NoteSignature> = match &stored_same {
        Some(n) => n.signatures.iter().filter(|s| is_log(s)).cloned().collect(),
        None => parsed
            .signatures
            .iter()
            .filter(|s| is_log(s))
            .cloned()
            .collect(),
    };
    for w in &allowed {
        if w.name == witness.name() {
            continue;
        }
        let recorded = match store
            .meta(&recorded_key(cp.size, &w.name))
            .map_err(internal)?
        {
            Some(b64) => line_from_b64(&w.name, &b64),
            None => stored_same
                .as_ref()
                .and_then(|n| n.signatures.iter().find(|s| s.name == w.name).cloned()),
        };
        if let Some(r) = recorded {
            signatures.push(r);
        }
    }
    signatures.push(line.clone());
    let merged = format_note(&Note {
        text: parsed.text.clone(),
        signatures,
    });
    parse_note(&merged).map_err(|e| unprocessable("bad_note", e.to_string()))?;
    ledger
        .record_checkpoint(&merged)
        .map_err(|e| unprocessable("not_our_checkpoint", e.to_string()))?;
    ledger
        .set_meta(&key, &line_b64(line))
        .map_err(|e| Problem::internal(e.to_string()))?;
    Ok(answer)
}
