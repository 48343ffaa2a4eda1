//! The witness side of C2SP tlog-witness (`add-checkpoint`), as pure logic: reading a request
//! body, and deciding, against the latest checkpoint the witness cosigned for the log, whether to
//! cosign the new one or refuse it with the status the protocol names.
//!
//! The caller keeps the state durably and makes the check and the update one atomic step (the
//! protocol's rollback race): [`Witness::add_checkpoint`] takes the state by `&mut` and returns
//! the new record to persist before answering.

use std::collections::BTreeMap;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;

use crate::keys::{SignerKey, VerifierKey};
use crate::merkle::{Hash, ProofError, empty_root, verify_consistency};
use crate::note::{NoteError, NoteSignature, cosign, open_checkpoint};

/// The most consistency proof lines a request may carry (the protocol's limit).
pub const PROOF_LINES_MAX: usize = 63;

/// An `add-checkpoint` request: the size the client believes the witness last cosigned, the
/// consistency proof from it, and the signed checkpoint note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddCheckpoint {
    pub old_size: u64,
    pub proof: Vec<Hash>,
    pub checkpoint: String,
}

/// Why a request was refused, each with the HTTP status the protocol gives it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// 400: the body is not an `add-checkpoint` request, or the old size exceeds the new.
    #[error("bad request: {0}")]
    BadRequest(String),
    /// 404: the witness follows no log of this origin.
    #[error("this witness follows no log with origin `{0}`")]
    UnknownOrigin(String),
    /// 403: no valid signature by the log's key.
    #[error("the checkpoint is not signed by the log's key: {0}")]
    Forbidden(NoteError),
    /// 409: the old size is not the size the witness last cosigned (`latest`).
    #[error("the witness last cosigned size {latest}, not the old size given")]
    Conflict { latest: u64 },
    /// 422: the checkpoint is not consistent with what the witness cosigned before: a fork, a
    /// rollback, or a bad proof. The log misbehaved or the client erred; never cosigned.
    #[error("inconsistent with the checkpoint cosigned before: {0}")]
    Inconsistent(ProofError),
}

impl Refusal {
    /// The HTTP status code the protocol gives this refusal.
    pub fn status(&self) -> u16 {
        match self {
            Refusal::BadRequest(_) => 400,
            Refusal::Forbidden(_) => 403,
            Refusal::UnknownOrigin(_) => 404,
            Refusal::Conflict { .. } => 409,
            Refusal::Inconsistent(_) => 422,
        }
    }

    /// Whether this refusal is evidence the log showed two histories (same size, two roots, or a
    /// proof that does not connect a signed checkpoint to the one cosigned before).
    pub fn is_fork(&self) -> bool {
        matches!(self, Refusal::Inconsistent(_))
    }
}

/// Reads an `add-checkpoint` body: `old <size>\n`, up to 63 base64 hash lines, an empty line,
/// then the checkpoint note.
pub fn parse_add_checkpoint(body: &str) -> Result<AddCheckpoint, Refusal> {
    let bad = |what: &str| Refusal::BadRequest(what.to_owned());
    let (first, mut rest) = body
        .split_once('\n')
        .ok_or_else(|| bad("the body must start with an `old <size>` line"))?;
    let size_text = first
        .strip_prefix("old ")
        .ok_or_else(|| bad("the first line must be `old <size>`"))?;
    let canonical = size_text == "0" || !size_text.starts_with('0');
    let old_size = size_text
        .parse::<u64>()
        .ok()
        .filter(|_| canonical && size_text.bytes().all(|b| b.is_ascii_digit()))
        .ok_or_else(|| bad("the old size must be a decimal number without leading zeros"))?;
    let mut proof = Vec::new();
    loop {
        let (line, after) = rest.split_once('\n').ok_or_else(|| {
            bad("the proof lines must end with an empty line before the checkpoint")
        })?;
        rest = after;
        if line.is_empty() {
            break;
        }
        if proof.len() == PROOF_LINES_MAX {
            return Err(bad("more than 63 consistency proof lines"));
        }
        let bytes = B64
            .decode(line)
            .map_err(|_| bad("a proof line is not standard base64"))?;
        let hash: Hash = bytes
            .try_into()
            .map_err(|_| bad("a proof line does not hold a 32-byte hash"))?;
        proof.push(hash);
    }
    Ok(AddCheckpoint {
        old_size,
        proof,
        checkpoint: rest.to_owned(),
    })
}

/// Writes an `add-checkpoint` body, as [`parse_add_checkpoint`] reads it (the log's side of the
/// protocol).
pub fn format_add_checkpoint(request: &AddCheckpoint) -> String {
    let mut out = format!("old {}\n", request.old_size);
    for hash in &request.proof {
        out.push_str(&B64.encode(hash));
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&request.checkpoint);
    out
}

/// What a witness last cosigned for one log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cosigned {
    pub size: u64,
    pub root: Hash,
}

/// A witness: its cosigning key and the logs it follows (by origin, each with its key).
#[derive(Debug)]
pub struct Witness {
    key: SignerKey,
    logs: BTreeMap<String, VerifierKey>,
}

impl Witness {
    /// A witness cosigning with `key` (algorithm `cosignature/v1`) for the logs whose keys are
    /// `logs` (each key's name is its log's origin).
    pub fn new(key: SignerKey, logs: Vec<VerifierKey>) -> Self {
        let logs = logs.into_iter().map(|k| (k.name().to_owned(), k)).collect();
        Self { key, logs }
    }

    /// The witness's verifier key, as logs list it.
    pub fn verifier(&self) -> VerifierKey {
        self.key.verifier()
    }

    /// Decides a request against `state` (origin → what was cosigned last). On success `state`
    /// holds the new checkpoint, which the caller must persist before answering with the
    /// returned cosignature line; on refusal `state` is unchanged.
    pub fn add_checkpoint(
        &self,
        request: &AddCheckpoint,
        state: &mut BTreeMap<String, Cosigned>,
        now_unix_seconds: u64,
    ) -> Result<NoteSignature, Refusal> {
        let origin = request
            .checkpoint
            .split('\n')
            .next()
            .unwrap_or_default()
            .to_owned();
        let log_key = self
            .logs
            .get(&origin)
            .ok_or_else(|| Refusal::UnknownOrigin(origin.clone()))?;
        let (cp, _) = open_checkpoint(&request.checkpoint, log_key).map_err(Refusal::Forbidden)?;
        if request.old_size > cp.size {
            return Err(Refusal::BadRequest(format!(
                "the old size {} exceeds the checkpoint's size {}",
                request.old_size, cp.size
            )));
        }
        let latest = state.get(&cp.origin).copied().unwrap_or(Cosigned {
            size: 0,
            root: empty_root(),
        });
        if request.old_size != latest.size {
            return Err(Refusal::Conflict {
                latest: latest.size,
            });
        }
        verify_consistency(latest.size, cp.size, &latest.root, &cp.root, &request.proof)
            .map_err(Refusal::Inconsistent)?;
        // The protocol: the timestamp must not be zero.
        let signature = cosign(&cp, &self.key, now_unix_seconds.max(1))
            .map_err(|e| Refusal::BadRequest(e.to_string()))?;
        state.insert(
            cp.origin.clone(),
            Cosigned {
                size: cp.size,
                root: cp.root,
            },
        );
        Ok(signature)
    }
}

#[cfg(test)]
mod tests;
