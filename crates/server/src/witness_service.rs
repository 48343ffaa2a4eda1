//! `snapback witness serve`: a witness as an HTTP service speaking C2SP tlog-witness
//! (`POST /add-checkpoint`). The decisions are `snapback_log::witness`; this module keeps the
//! witness's state durably and makes the check and the update one step, as the protocol
//! requires: one request at a time per witness, and the new state is on disk (written to a
//! temporary file, synced, renamed over the old one, directory synced) before the cosignature
//! leaves. A refused fork is logged at error level: it is evidence the log showed two histories.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use serde::{Deserialize, Serialize};
use snapback_log::merkle::Hash;
use snapback_log::witness::{Cosigned, Refusal, Witness, parse_add_checkpoint};

/// The largest request body: an old size line, 63 proof lines and a checkpoint with its
/// signatures fit in far less.
pub const BODY_MAX_BYTES: usize = 64 * 1024;

/// Why the witness's state file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{path}: not a witness state file ({problem}); move it away to start afresh, which lets the witness cosign any history again"
    )]
    Format { path: PathBuf, problem: String },
}

/// One log's record in the state file.
#[derive(Debug, Serialize, Deserialize)]
struct Record {
    size: u64,
    root: String,
}

/// The witness's durable memory: for each origin, the checkpoint it last cosigned.
#[derive(Debug)]
pub struct WitnessState {
    path: PathBuf,
    logs: BTreeMap<String, Cosigned>,
}

impl WitnessState {
    /// Reads the state file, or starts empty when it does not exist yet.
    pub fn open(path: &Path) -> Result<Self, StateError> {
        let io = |source| StateError::Io {
            path: path.to_owned(),
            source,
        };
        let format = |problem: String| StateError::Format {
            path: path.to_owned(),
            problem,
        };
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Self {
                    path: path.to_owned(),
                    logs: BTreeMap::new(),
                });
            }
            Err(e) => return Err(io(e)),
        };
        let records: BTreeMap<String, Record> =
            serde_json::from_str(&text).map_err(|e| format(e.to_string()))?;
        let mut logs = BTreeMap::new();
        for (origin, r) in records {
            let root: Hash = B64
                .decode(&r.root)
                .ok()
                .and_then(|b| b.try_into().ok())
                .ok_or_else(|| {
                    format(format!(
                        "the root of `{origin}` is not a 32-byte base64 hash"
                    ))
                })?;
            logs.insert(origin, Cosigned { size: r.size, root });
        }
        Ok(Self {
            path: path.to_owned(),
            logs,
        })
    }

    /// What was last cosigned for `origin`.
    pub fn latest(&self, origin: &str) -> Option<Cosigned> {
        self.logs.get(origin).copied()
    }

    /// Writes `logs` durably, then makes them the state.
    fn commit(&mut self, logs: BTreeMap<String, Cosigned>) -> Result<(), StateError> {
        let io = |source| StateError::Io {
            path: self.path.clone(),
            source,
        };
        let records: BTreeMap<&String, Record> = logs
            .iter()
            .map(|(origin, c)| {
                (
                    origin,
                    Record {
                        size: c.size,
                        root: B64.encode(c.root),
                    },
                )
            })
            .collect();
        let text = serde_json::to_string_pretty(&records).map_err(|e| StateError::Format {
            path: self.path.clone(),
            problem: e.to_string(),
        })?;
        let temporary = self.path.with_extension("tmp");
        let mut file = std::fs::File::create(&temporary).map_err(io)?;
        file.write_all(text.as_bytes()).map_err(io)?;
        file.sync_all().map_err(io)?;
        std::fs::rename(&temporary, &self.path).map_err(io)?;
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::File::open(dir)
                .and_then(|d| d.sync_all())
                .map_err(io)?;
        }
        self.logs = logs;
        Ok(())
    }
}

/// A witness service: the witness and its state, one request at a time.
#[derive(Debug, Clone)]
pub struct WitnessService {
    witness: Arc<Witness>,
    state: Arc<Mutex<WitnessState>>,
    /// Unix seconds for the cosignature's timestamp (the system clock; tests pin it).
    now: fn() -> u64,
}

fn system_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_secs())
}

impl WitnessService {
    pub fn new(witness: Witness, state: WitnessState) -> Self {
        Self {
            witness: Arc::new(witness),
            state: Arc::new(Mutex::new(state)),
            now: system_now,
        }
    }

    /// The same service with another clock (for tests).
    pub fn with_clock(mut self, now: fn() -> u64) -> Self {
        self.now = now;
        self
    }

    /// Decides one request body: the cosignature line, or the refusal.
    fn add_checkpoint(&self, body: &[u8]) -> Result<String, Failure> {
        let text = std::str::from_utf8(body)
            .map_err(|_| Failure::Refused(Refusal::BadRequest("the body is not UTF-8".into())))?;
        let request = parse_add_checkpoint(text).map_err(Failure::Refused)?;
        let mut state = self.state.lock().map_err(|_| Failure::Poisoned)?;
        let mut logs = state.logs.clone();
        let signature = self
            .witness
            .add_checkpoint(&request, &mut logs, (self.now)())
            .map_err(Failure::Refused)?;
        state.commit(logs).map_err(Failure::State)?;
        Ok(format!("{signature}\n"))
    }
}

enum Failure {
    Refused(Refusal),
    State(StateError),
    Poisoned,
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        match self {
            Failure::Refused(Refusal::Conflict { latest }) => (
                StatusCode::CONFLICT,
                [(header::CONTENT_TYPE, "text/x.tlog.size")],
                format!("{latest}\n"),
            )
                .into_response(),
            Failure::Refused(refusal) => {
                if refusal.is_fork() {
                    tracing::error!(
                        "refused a checkpoint inconsistent with the one cosigned before (a fork or a bad proof): {refusal}"
                    );
                } else {
                    tracing::warn!("refused a checkpoint: {refusal}");
                }
                let status =
                    StatusCode::from_u16(refusal.status()).unwrap_or(StatusCode::BAD_REQUEST);
                (status, format!("{refusal}\n")).into_response()
            }
            Failure::State(e) => {
                tracing::error!("the witness state could not be saved, nothing was cosigned: {e}");
                (
                    StatusCode::SERVICE_UNAVAILABLE,
                    "the witness could not save its state; nothing was cosigned\n",
                )
                    .into_response()
            }
            Failure::Poisoned => (
                StatusCode::SERVICE_UNAVAILABLE,
                "the witness state is unavailable\n",
            )
                .into_response(),
        }
    }
}

async fn add_checkpoint(State(service): State<WitnessService>, body: Bytes) -> Response {
    let answer = tokio::task::spawn_blocking(move || service.add_checkpoint(&body)).await;
    match answer {
        Ok(Ok(lines)) => (StatusCode::OK, lines).into_response(),
        Ok(Err(failure)) => failure.into_response(),
        Err(_) => Failure::Poisoned.into_response(),
    }
}

/// The witness's routes: `POST /add-checkpoint` (bodies up to [`BODY_MAX_BYTES`]).
pub fn witness_app(service: WitnessService) -> Router {
    Router::new()
        .route("/add-checkpoint", post(add_checkpoint))
        .layer(DefaultBodyLimit::max(BODY_MAX_BYTES))
        .with_state(service)
}

#[cfg(test)]
mod tests;
