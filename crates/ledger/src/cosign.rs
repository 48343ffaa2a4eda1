//! Witness cosignatures of the log's checkpoints: the rules the server's
//! `POST /v1/log/cosignature` and the CLI's `snapback witness cosign` share.
//!
//! Only named witnesses may cosign: those listed in the charter in force (`[[log.witness]]`,
//! name and C2SP `cosignature/v1` verifier key) and those the secretariat registered with
//! `snapback witness add` (kept in the log's metadata). A witness cosigns a checkpoint once: the
//! same cosignature again is accepted as before (idempotent), a different one for the same
//! checkpoint is [`CosignError::AlreadyCosigned`]. The note stored for a size is rebuilt from the
//! log's own signature and the cosignatures recorded for that size, never from other lines of
//! the note a caller posted.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use snapback_charter::CharterHistory;
use snapback_log::keys::{Alg, VerifierKey};
use snapback_log::note::{
    Checkpoint, Note, NoteSignature, format_note, parse_note, verify_cosignature,
};
use snapback_store::{Store, StoreError};

use crate::Ledger;

const REGISTRY_KEY: &str = "witnesses";
/// The metadata key of the latest checkpoint that met the charter's quorum.
const WITNESSED_KEY: &str = "witnessed-checkpoint";

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

impl Witness {
    /// A witness the charter lists (`[[log.witness]]`).
    pub fn of_charter(w: &snapback_charter::WitnessInfo) -> Self {
        Self {
            name: w.name.clone(),
            key: w.key.clone(),
            url: w.url.clone(),
            source: "charter".to_owned(),
        }
    }
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
        .map(|l| l.witnesses.iter().map(Witness::of_charter).collect())
        .unwrap_or_default();
    for mut w in registered(store)? {
        if !out.iter().any(|o| o.name == w.name) {
            w.source = "registered".to_owned();
            out.push(w);
        }
    }
    Ok(out)
}

/// Every witness whose cosignature a verifier counts: every charter version's `[[log.witness]]`
/// and the `registered` ones, each (name, key) once.
pub fn ever_listed(history: &CharterHistory, registered: Vec<Witness>) -> Vec<Witness> {
    let mut out: Vec<Witness> = Vec::new();
    let named = history
        .versions()
        .iter()
        .filter_map(|c| c.log.as_ref())
        .flat_map(|l| l.witnesses.iter())
        .map(Witness::of_charter);
    for w in named.chain(registered) {
        if !out.iter().any(|o| o.name == w.name && o.key == w.key) {
            out.push(w);
        }
    }
    out
}

/// The names of the `witnesses` whose cosignature on the checkpoint `note` verifies, each once,
/// in the order of `witnesses`. A note that does not parse has none.
pub fn cosigned_by(note: &str, witnesses: &[Witness]) -> Vec<String> {
    let Ok(parsed) = parse_note(note) else {
        return Vec::new();
    };
    let Ok(cp) = Checkpoint::parse(&parsed.text) else {
        return Vec::new();
    };
    let mut names: Vec<String> = Vec::new();
    for w in witnesses {
        let Ok(key) = VerifierKey::parse(&w.key) else {
            continue;
        };
        let valid = parsed
            .signatures
            .iter()
            .any(|sig| verify_cosignature(&cp, sig, &key).is_ok());
        if valid && !names.contains(&w.name) {
            names.push(w.name.clone());
        }
    }
    names
}

/// The charter's witness policy at one time: `k` of `witnesses` must cosign (`[log] quorum`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quorum {
    pub k: usize,
    pub witnesses: Vec<Witness>,
}

impl Quorum {
    /// The quorum of the charter in force at `now` (or of its first version before that), if it
    /// sets one.
    pub fn of(history: &CharterHistory, now: Timestamp) -> Option<Self> {
        let charter = history
            .in_force(now)
            .or_else(|| history.versions().first())?;
        let log = charter.log.as_ref()?;
        let k = log.quorum?;
        Some(Self {
            k,
            witnesses: log.witnesses.iter().map(Witness::of_charter).collect(),
        })
    }

    /// Who of the quorum's witnesses validly cosigned `note`, and whether they are enough.
    pub fn check(&self, note: &str) -> (Vec<String>, bool) {
        let names = cosigned_by(note, &self.witnesses);
        let met = names.len() >= self.k;
        (names, met)
    }
}

/// The charter's log and witness policy at `now` as a C2SP `tlog-policy` file, for tools that
/// verify checkpoints offline (`log <vkey>`, a `witness` line per `[[log.witness]]` with its
/// URL, and `quorum`: a group of `k` of them, or `none`). `None` when the charter has no `[log]`.
pub fn policy_file(history: &CharterHistory, now: Timestamp) -> Option<String> {
    let charter = history
        .in_force(now)
        .or_else(|| history.versions().first())?;
    let log = charter.log.as_ref()?;
    let mut out = format!(
        "# The witness policy of charter `{}` version {} (snapback log policy)\nlog {}\n",
        charter.id, charter.version, log.key
    );
    for w in &log.witnesses {
        out.push_str(&format!("witness {} {}", w.name, w.key));
        if let Some(url) = &w.url {
            out.push(' ');
            out.push_str(url);
        }
        out.push('\n');
    }
    match log.quorum {
        Some(k) => {
            let names: Vec<&str> = log.witnesses.iter().map(|w| w.name.as_str()).collect();
            // The group's name shares the witnesses' namespace: pick one no witness has.
            let mut group = "charter-quorum".to_owned();
            while names.contains(&group.as_str()) {
                group.push('_');
            }
            out.push_str(&format!(
                "group {group} {k} {}\nquorum {group}\n",
                names.join(" ")
            ));
        }
        None => out.push_str("quorum none\n"),
    }
    Some(out)
}

/// The latest checkpoint that met the charter's quorum when its last needed cosignature was
/// recorded (the witnessed checkpoint the log publishes), if any.
pub fn witnessed(store: &dyn Store) -> Result<Option<String>, StoreError> {
    store.meta(WITNESSED_KEY)
}

/// The size of the witnessed checkpoint ([`witnessed`]), if any.
pub fn witnessed_size(store: &dyn Store) -> Result<Option<u64>, StoreError> {
    Ok(witnessed(store)?
        .and_then(|n| parse_note(&n).ok())
        .and_then(|n| Checkpoint::parse(&n.text).ok())
        .map(|cp| cp.size))
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

/// Why a cosignature was not recorded. [`CosignError::code`] is the API's problem code.
#[derive(Debug, thiserror::Error)]
pub enum CosignError {
    /// The name is not a witness of this log.
    #[error(
        "`{0}` is not a witness of this log: only witnesses named in the charter's [[log.witness]] or registered by the secretariat (`snapback witness add`) may cosign"
    )]
    UnknownWitness(String),
    /// The witness is listed, with another key.
    #[error(
        "the key {key} is not the key of the witness `{name}` ({listed}); cosign with the key the log lists"
    )]
    WrongKey {
        key: String,
        name: String,
        listed: String,
    },
    /// The posted witness key does not parse.
    #[error("{0}")]
    BadKey(String),
    #[error("{0}")]
    BadNote(String),
    #[error("{0}")]
    BadCheckpoint(String),
    #[error("the note has no signature line by {0}")]
    NoCosignature(String),
    #[error("{0}")]
    BadCosignature(String),
    #[error(
        "the witness `{name}` already cosigned the checkpoint of size {size} with another cosignature; a witness cosigns a checkpoint once (the same cosignature again is accepted)"
    )]
    AlreadyCosigned { name: String, size: u64 },
    /// The log refused the merged note as one of its checkpoints.
    #[error("{0}")]
    NotOurCheckpoint(String),
    /// Reading or writing the store failed.
    #[error("{0}")]
    Storage(String),
}

impl CosignError {
    /// The stable problem code (`unknown_witness`, `bad_key`, `already_cosigned`, ...).
    pub fn code(&self) -> &'static str {
        match self {
            Self::UnknownWitness(_) | Self::WrongKey { .. } => "unknown_witness",
            Self::BadKey(_) => "bad_key",
            Self::BadNote(_) => "bad_note",
            Self::BadCheckpoint(_) => "bad_checkpoint",
            Self::NoCosignature(_) => "no_cosignature",
            Self::BadCosignature(_) => "bad_cosignature",
            Self::AlreadyCosigned { .. } => "already_cosigned",
            Self::NotOurCheckpoint(_) => "not_our_checkpoint",
            Self::Storage(_) => "internal",
        }
    }

    /// The posted field at fault, if one is.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Self::UnknownWitness(_) | Self::WrongKey { .. } | Self::BadKey(_) => Some("witness"),
            _ => None,
        }
    }
}

impl From<StoreError> for CosignError {
    fn from(e: StoreError) -> Self {
        Self::Storage(e.to_string())
    }
}

/// The recorded cosignature: the checkpoint's size, the witness, and the time it signed at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "CosignatureResult"))]
pub struct Cosigned {
    pub size: u64,
    pub witness: String,
    /// The cosignature's Unix time (seconds).
    pub time: u64,
}

/// [`record`] for a posted witness key: who the witness claims to be is checked first
/// ([`CosignError::UnknownWitness`] for a name the log does not list), then its key
/// ([`CosignError::BadKey`]).
pub fn record_posted<S: Store>(
    ledger: &mut Ledger<S>,
    witness: &str,
    note: &str,
    now: Timestamp,
) -> Result<Cosigned, CosignError> {
    let name = witness.split('+').next().unwrap_or_default();
    let allowed = allowed(ledger.history(), ledger.store(), now)?;
    if !allowed.iter().any(|w| w.name == name) {
        return Err(CosignError::UnknownWitness(name.to_owned()));
    }
    let key = VerifierKey::parse(witness).map_err(|e| CosignError::BadKey(e.to_string()))?;
    record(ledger, &key, note, now)
}

/// Verifies a witness's cosignature of one of the log's checkpoints and records it (the note
/// stored for that size gains the witness's line).
pub fn record<S: Store>(
    ledger: &mut Ledger<S>,
    witness: &VerifierKey,
    note: &str,
    now: Timestamp,
) -> Result<Cosigned, CosignError> {
    let allowed = allowed(ledger.history(), ledger.store(), now)?;
    let listed = allowed
        .iter()
        .find(|w| w.name == witness.name())
        .ok_or_else(|| CosignError::UnknownWitness(witness.name().to_owned()))?;
    if witness_key(&listed.name, &listed.key).map(|k| k.to_string()) != Ok(witness.to_string()) {
        return Err(CosignError::WrongKey {
            key: witness.to_string(),
            name: listed.name.clone(),
            listed: listed.key.clone(),
        });
    }
    let parsed = parse_note(note).map_err(|e| CosignError::BadNote(e.to_string()))?;
    let cp =
        Checkpoint::parse(&parsed.text).map_err(|e| CosignError::BadCheckpoint(e.to_string()))?;
    let line = parsed
        .signatures
        .iter()
        .find(|s| s.name == witness.name() && s.key_id == witness.id())
        .ok_or_else(|| CosignError::NoCosignature(witness.name().to_owned()))?;
    let time = verify_cosignature(&cp, line, witness)
        .map_err(|e| CosignError::BadCosignature(e.to_string()))?;
    let answer = Cosigned {
        size: cp.size,
        witness: witness.name().to_owned(),
        time,
    };

    // One cosignature per witness per checkpoint.
    let store = ledger.store();
    let key = recorded_key(cp.size, witness.name());
    let log_key = ledger.log_verifier();
    let stored = store.checkpoint()?;
    // The note the log holds for this very checkpoint, if it is the latest.
    let stored_same = stored
        .filter(|s| s.size == cp.size)
        .and_then(|s| parse_note(&s.note).ok())
        .filter(|n| n.text == parsed.text);
    let earlier = match store.meta(&key)? {
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
        return Err(CosignError::AlreadyCosigned {
            name: witness.name().to_owned(),
            size: cp.size,
        });
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
        let recorded = match store.meta(&recorded_key(cp.size, &w.name))? {
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
    parse_note(&merged).map_err(|e| CosignError::BadNote(e.to_string()))?;
    ledger
        .record_checkpoint(&merged)
        .map_err(|e| CosignError::NotOurCheckpoint(e.to_string()))?;
    ledger
        .set_meta(&key, &line_b64(line))
        .map_err(|e| CosignError::Storage(e.to_string()))?;
    publish_if_witnessed(ledger, &merged, cp.size, now)?;
    Ok(answer)
}

/// Makes `note` (of `size`) the witnessed checkpoint if it meets the quorum of the charter in
/// force and is larger than the one published before.
fn publish_if_witnessed<S: Store>(
    ledger: &mut Ledger<S>,
    note: &str,
    size: u64,
    now: Timestamp,
) -> Result<(), CosignError> {
    let Some(quorum) = Quorum::of(ledger.history(), now) else {
        return Ok(());
    };
    if !quorum.check(note).1 {
        return Ok(());
    }
    let before = witnessed_size(ledger.store())?;
    if before.is_some_and(|b| b > size) {
        return Ok(());
    }
    ledger
        .set_meta(WITNESSED_KEY, note)
        .map_err(|e| CosignError::Storage(e.to_string()))
}
