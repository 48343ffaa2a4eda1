//! `POST /v1/entries`: a party's signed entry, appended (`201`, with its inclusion proof), a
//! duplicate (`200`, the same answer), or refused with the problem that says why.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::Value;
use snapback_ledger::{Outcome, Submission, SubmitRejection};
use snapback_log::entry::{ENTRY_BYTES_MAX, Entry, SignatureError};

use super::b64;
use crate::node::InclusionProof;
use crate::problem::{Problem, body_problem};
use crate::state::AppState;
use crate::wire::Base64Hash;

/// An inclusion proof of the entry in the tree of the returned checkpoint.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[schemars(rename = "SubmissionProof")]
pub struct ProofJson {
    pub index: u64,
    pub tree_size: u64,
    #[schemars(with = "Base64Hash")]
    pub leaf_hash: String,
    #[schemars(with = "Base64Hash")]
    pub root: String,
    #[schemars(with = "Vec<Base64Hash>")]
    pub proof: Vec<String>,
}

/// A submission's answer: the same whether the entry was appended (`201`) or was already in
/// the log (`200`, `duplicate`).
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct SubmitResult {
    pub index: u64,
    /// When the log dated the entry; null only if a duplicate's entry could not be read back.
    #[schemars(with = "Option<snapback_engine::schema::Instant>")]
    pub at: Option<String>,
    pub duplicate: bool,
    pub proof: Option<ProofJson>,
    /// The latest signed checkpoint note.
    pub checkpoint: Option<String>,
}

impl From<&InclusionProof> for ProofJson {
    fn from(p: &InclusionProof) -> Self {
        Self {
            index: p.index,
            tree_size: p.tree_size,
            leaf_hash: b64(&p.leaf_hash),
            root: b64(&p.root),
            proof: p.proof.iter().map(b64).collect(),
        }
    }
}

/// The HTTP status and code for each way a submission can be refused.
fn rejection_problem(reason: &SubmitRejection) -> Problem {
    let status = match reason {
        SubmitRejection::NotInput
        | SubmitRejection::Malformed(_)
        | SubmitRejection::ClassifiedInClear(_)
        | SubmitRejection::SealedMissing
        | SubmitRejection::CommitmentMismatch { .. }
        | SubmitRejection::SealedUnexpected => StatusCode::BAD_REQUEST,
        SubmitRejection::NonceReused { .. } | SubmitRejection::TimeWentBack { .. } => {
            StatusCode::CONFLICT
        }
        SubmitRejection::Signature(SignatureError::UnknownKey { .. }) => StatusCode::FORBIDDEN,
        SubmitRejection::Signature(SignatureError::Invalid { .. }) => StatusCode::UNAUTHORIZED,
        SubmitRejection::Rules(_) => StatusCode::UNPROCESSABLE_ENTITY,
    };
    Problem::new(status, reason.code(), reason.to_string())
}

/// The field at fault in an input entry's event that the log refused as malformed, if the event
/// does not read as an engine event (the ledger's message names it only in prose).
fn event_field(body: &snapback_log::entry::EntryBody) -> Option<String> {
    use snapback_charter::FieldPath;
    use snapback_engine::event::WireEvent;
    if body.kind != snapback_log::entry::EntryKind::Input {
        return None;
    }
    let mut map = body.event.clone();
    map.insert("at".to_owned(), Value::from("1970-01-01T00:00:00Z"));
    map.insert("party".to_owned(), Value::from(body.party.clone()));
    match serde_path_to_error::deserialize::<_, WireEvent>(Value::Object(map)) {
        Err(e) => {
            let path = e.path().to_string();
            crate::problem::field_path(&path).map(|f| format!("body.event.{f}"))
        }
        Ok(wire) => wire
            .into_event(&FieldPath::of(&["body", "event"]))
            .err()
            .map(|p| p.path.to_string()),
    }
}

/// `POST /v1/entries`: a party's signed entry.
pub async fn post_entry(
    State(app): State<AppState>,
    headers: axum::http::HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Problem> {
    let body = body.map_err(|e| body_problem(&e))?;
    if body.len() > ENTRY_BYTES_MAX {
        return Err(Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!(
                "the entry is {} bytes; the limit is {ENTRY_BYTES_MAX}",
                body.len()
            ),
        ));
    }
    // A follower hands the write to the leader (see `forward`).
    if let Some(answer) = crate::forward::to_leader(&app, "/v1/entries", &headers, &body).await? {
        return Ok(answer);
    }
    // `sealed`: the content of classified evidence, beside the signed body (never logged).
    let (entry, sealed) = crate::evidence::read_submission(&body)?;
    let submission = Submission {
        body: entry.body,
        sig: entry.sig,
        sealed,
    };
    // The signature check runs here, on the request's own thread, not in the sequencer.
    let prepared = app.keyring().prepare(&submission, app.clock().now());
    let submitted = app.node().submit(submission, prepared).await?;
    let proof = submitted.proof.as_ref().map(ProofJson::from);
    match submitted.outcome {
        Outcome::Appended { index, at } => Ok((
            StatusCode::CREATED,
            Json(SubmitResult {
                index,
                at: Some(at.to_string()),
                duplicate: false,
                proof,
                checkpoint: submitted.checkpoint,
            }),
        )
            .into_response()),
        Outcome::Duplicate { index } => {
            // The same answer as when it was appended: a client retrying after a lost reply
            // learns the entry's time too.
            let at = app
                .read_store(move |store| {
                    let data = store.entries(index, index + 1).ok()?;
                    Some(Entry::parse(data.first()?).ok()?.at)
                })
                .await
                .ok()
                .flatten();
            Ok((
                StatusCode::OK,
                Json(SubmitResult {
                    index,
                    at: at.map(|t| t.to_string()),
                    duplicate: true,
                    proof,
                    checkpoint: submitted.checkpoint,
                }),
            )
                .into_response())
        }
        Outcome::Rejected(
            reason @ (SubmitRejection::Malformed(_) | SubmitRejection::ClassifiedInClear(_)),
        ) => {
            // Read again (only on this path) to name the field at fault in the event.
            let field = crate::evidence::read_submission(&body)
                .ok()
                .and_then(|(e, _)| {
                    if snapback_log::entry::check_nonce(&e.body.nonce).is_err() {
                        Some("body.nonce".to_owned())
                    } else {
                        event_field(&e.body)
                    }
                });
            Err(match field {
                Some(f) => rejection_problem(&reason).field(f),
                None => rejection_problem(&reason),
            })
        }
        Outcome::Rejected(reason) => Err(rejection_problem(&reason)),
    }
}
