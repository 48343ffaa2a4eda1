//! The JSON API under `/v1`: entries, claims, decisions, obligations, parties and the log here;
//! the fund's handlers in [`fund`] and the capability tracker's in [`tracker`] (re-exported, so
//! every handler is `api::...`).

mod fund;
mod tracker;

pub use fund::*;
pub use tracker::*;

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use snapback_engine::Report;
use snapback_engine::capability_report::{CapabilitiesReport, readiness as capability_readiness};
use snapback_engine::report::{ClaimReport, DecisionReport, ObligationReport};
use snapback_ledger::{Outcome, Submission, SubmitRejection};
use snapback_log::entry::{ENTRY_BYTES_MAX, Entry, EntryError, SignatureError};
use snapback_log::merkle::{self, Hash};

use crate::app::AppState;
use crate::auth::Clearance;
use crate::node::InclusionProof;
use crate::page::PageQuery;
use crate::problem::{Problem, check_int64};
use crate::reader::View;
use crate::views::{Compliance, has_fund, redact, timeline, transfers_page};

fn b64(h: &Hash) -> String {
    B64.encode(h)
}

#[derive(Debug, Serialize)]
pub struct ProofJson {
    pub index: u64,
    pub tree_size: u64,
    pub leaf_hash: String,
    pub root: String,
    pub proof: Vec<String>,
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

pub(crate) fn entry_problem(e: &EntryError) -> Problem {
    let p = match e {
        EntryError::TooLarge(_) => {
            Problem::new(StatusCode::PAYLOAD_TOO_LARGE, "too_large", e.to_string())
        }
        _ => Problem::new(StatusCode::BAD_REQUEST, "malformed", e.to_string()),
    };
    match e {
        EntryError::Field { path, .. } => match crate::problem::field_path(path) {
            Some(field) => p.field(field),
            None => p,
        },
        _ => p,
    }
}

/// A request body that could not be read (over the body limit, or cut off) as a problem.
pub(crate) fn body_problem(rejection: &BytesRejection) -> Problem {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!("the request body is over the limit of {ENTRY_BYTES_MAX} bytes"),
        )
    } else {
        Problem::new(StatusCode::BAD_REQUEST, "malformed", rejection.body_text())
    }
}

/// A query string that does not parse as a problem.
fn query_problem(rejection: &QueryRejection) -> Problem {
    Problem::new(StatusCode::BAD_REQUEST, "malformed", rejection.body_text())
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
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let body = match body {
        Ok(b) => b,
        Err(e) => return body_problem(&e).into_response(),
    };
    if body.len() > ENTRY_BYTES_MAX {
        return Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!(
                "the entry is {} bytes; the limit is {ENTRY_BYTES_MAX}",
                body.len()
            ),
        )
        .into_response();
    }
    // `sealed`: the content of classified evidence, beside the signed body (never logged).
    let (entry, sealed) = match crate::evidence::read_submission(&body) {
        Ok(e) => e,
        Err(p) => return p.into_response(),
    };
    let submission = Submission {
        body: entry.body,
        sig: entry.sig,
        sealed,
    };
    // The signature check runs here, on the request's own thread, not in the sequencer.
    let prepared = app.keyring().prepare(&submission, app.clock().now());
    let submitted = match app.node().submit(submission, prepared).await {
        Ok(s) => s,
        Err(p) => return p.into_response(),
    };
    let proof = submitted.proof.as_ref().map(ProofJson::from);
    match submitted.outcome {
        Outcome::Appended { index, at } => (
            StatusCode::CREATED,
            Json(json!({ "index": index, "at": at.to_string(), "duplicate": false, "proof": proof, "checkpoint": submitted.checkpoint })),
        )
            .into_response(),
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
            (
                StatusCode::OK,
                Json(json!({ "index": index, "at": at, "duplicate": true, "proof": proof, "checkpoint": submitted.checkpoint })),
            )
                .into_response()
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
            match field {
                Some(f) => rejection_problem(&reason).field(f).into_response(),
                None => rejection_problem(&reason).into_response(),
            }
        }
        Outcome::Rejected(reason) => rejection_problem(&reason).into_response(),
    }
}

/// A page rendered on the read replica, or the problem that stopped it.
fn json_page(page: Result<Result<Vec<u8>, Problem>, Problem>) -> Response {
    match page {
        Ok(Ok(bytes)) => json_bytes(Bytes::from(bytes)),
        Ok(Err(p)) | Err(p) => p.into_response(),
    }
}

/// JSON bytes with the JSON content type.
fn json_bytes(bytes: Bytes) -> Response {
    let mut r = (StatusCode::OK, bytes).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

/// The most claims, decisions and obligations `/v1/state` renders in one answer, and the most
/// bytes it sends: beyond either, the paged lists serve the record.
pub const STATE_ITEMS_MAX: usize = 10_000;
pub const STATE_BYTES_MAX: usize = 16 * 1024 * 1024;

fn state_too_large(what: String) -> Problem {
    Problem::new(
        StatusCode::BAD_REQUEST,
        "state_too_large",
        format!(
            "the whole state holds {what}, more than one answer may carry ({STATE_ITEMS_MAX} items, {STATE_BYTES_MAX} bytes): read it in pages from /v1/claims, /v1/decisions and /v1/obligations (`from` and `limit`), /v1/fund and /v1/capabilities"
        ),
    )
}

/// `GET /v1/state`: the replay report of the whole log (the same JSON as `snapback replay --json`).
pub async fn get_state(State(app): State<AppState>, headers: HeaderMap) -> Response {
    let viewer = match app.viewer(&headers).await {
        Ok(v) => v,
        Err(p) => return p.into_response(),
    };
    if viewer.clearance == Clearance::Public
        && let Some(bytes) = app.state_cache().get(app.size())
    {
        return json_bytes(bytes);
    }
    let public = viewer.clearance == Clearance::Public;
    let rendered = app
        .read(move |view| {
            let state = view.state();
            let items = state.claims.len() + state.decisions.len() + state.obligations.len();
            if items > STATE_ITEMS_MAX {
                return Err(state_too_large(format!(
                    "{items} claims, decisions and obligations"
                )));
            }
            let mut report = Report::new(state);
            for c in &mut report.claims {
                redact(c, &viewer);
            }
            let bytes = serde_json::to_vec(&report)
                .map_err(|e| Problem::internal(format!("rendering the state: {e}")))?;
            if bytes.len() > STATE_BYTES_MAX {
                return Err(state_too_large(format!("{} bytes", bytes.len())));
            }
            Ok((view.size(), bytes))
        })
        .await;
    match rendered {
        Ok(Ok((size, bytes))) => {
            let bytes = Bytes::from(bytes);
            if public {
                app.state_cache().put(size, bytes.clone());
            }
            json_bytes(bytes)
        }
        Ok(Err(p)) | Err(p) => p.into_response(),
    }
}

/// `GET /v1/claims?from&limit`: claims in filing order, a page at a time.
pub async fn get_claims(
    State(app): State<AppState>,
    headers: HeaderMap,
    page: PageQuery,
) -> Response {
    let viewer = match app.viewer(&headers).await {
        Ok(v) => v,
        Err(p) => return p.into_response(),
    };
    let claims = app
        .read(move |view| {
            let state = view.state();
            page.of(&state.claims, "claims", |c| {
                let mut claim = ClaimReport::new(state, c);
                redact(&mut claim, &viewer);
                claim
            })
        })
        .await;
    json_page(claims)
}

/// `GET /v1/claims/{id}`: the claim with its explanation and timeline.
pub async fn get_claim(
    State(app): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let viewer = match app.viewer(&headers).await {
        Ok(v) => v,
        Err(p) => return p.into_response(),
    };
    let found = app
        .read(move |view| {
            let state = view.state();
            state.claim(&id).map(|record| {
                let mut claim = ClaimReport::new(state, record);
                redact(&mut claim, &viewer);
                let meetings: Vec<(jiff::Timestamp, String)> = record
                    .meetings
                    .iter()
                    .map(|(at, p)| (*at, p.to_string()))
                    .collect();
                let timeline = timeline(&claim, &meetings);
                json!({ "claim": claim, "timeline": timeline })
            })
        })
        .await;
    match found {
        Ok(Some(v)) => Json(v).into_response(),
        Ok(None) => Problem::not_found("the claim").into_response(),
        Err(p) => p.into_response(),
    }
}

/// `GET /v1/decisions?from&limit`: package decisions in opening order, a page at a time.
pub async fn get_decisions(State(app): State<AppState>, page: PageQuery) -> Response {
    let decisions = app
        .read(move |view| {
            let state = view.state();
            page.of(&state.decisions, "decisions", |d| {
                DecisionReport::new(state, d)
            })
        })
        .await;
    json_page(decisions)
}

/// `GET /v1/obligations?from&limit`: obligations in creation order, with their status, a page at
/// a time.
pub async fn get_obligations(State(app): State<AppState>, page: PageQuery) -> Response {
    let obligations = app
        .read(move |view| {
            let state = view.state();
            page.of(&state.obligations, "obligations", ObligationReport::new)
        })
        .await;
    json_page(obligations)
}

/// `GET /v1/parties/{id}?from&limit`: the party, its compliance over all its obligations, and
/// a page of those obligations.
pub async fn get_party(
    State(app): State<AppState>,
    Path(id): Path<String>,
    page: PageQuery,
) -> Response {
    let found = app
        .read(move |view| {
            let charter = view.history().versions().last()?;
            let party = charter.parties.iter().find(|p| p.id.as_str() == id)?;
            let state = view.state();
            let mine: Vec<&snapback_engine::state::ObligationRecord> = state
                .obligations
                .iter()
                .filter(|o| o.party.as_str() == id)
                .collect();
            let mut compliance = Compliance::default();
            for o in &mine {
                compliance.count(o.status);
            }
            let obligations = page.of_value(&mine, "obligations", |o| ObligationReport::new(o));
            Some(json!({
                "id": party.id,
                "name": party.name,
                "roles": party.roles,
                "groups": party.groups,
                "keys": party.keys,
                "compliance": compliance,
                "obligations": obligations,
            }))
        })
        .await;
    match found {
        Ok(Some(v)) => Json(v).into_response(),
        Ok(None) => Problem::not_found("the party").into_response(),
        Err(p) => p.into_response(),
    }
}

/// `GET /v1/log/checkpoint`: the latest signed checkpoint, as a C2SP signed note.
pub async fn get_checkpoint(State(app): State<AppState>) -> Response {
    let note = app
        .read_store(|store| store.checkpoint().map(|c| c.map(|c| c.note)))
        .await
        .and_then(|r| r.map_err(|e| Problem::internal(format!("reading the checkpoint: {e}"))));
    match note {
        Ok(Some(n)) => {
            let mut r = (StatusCode::OK, n).into_response();
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            );
            r
        }
        Ok(None) => Problem::not_found("a checkpoint").into_response(),
        Err(p) => p.into_response(),
    }
}

/// The most entries one request returns.
pub const ENTRIES_PAGE_MAX: u64 = 1_000;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Range {
    #[serde(default)]
    pub from: u64,
    pub to: Option<u64>,
}

/// `GET /v1/log/entries?from&to`: canonical entries (at most 1,000 per request).
pub async fn get_entries(
    State(app): State<AppState>,
    range: Result<Query<Range>, QueryRejection>,
) -> Response {
    let range = match range {
        Ok(Query(r)) => r,
        Err(e) => return query_problem(&e).into_response(),
    };
    let checked = check_int64("from", range.from)
        .and_then(|()| range.to.map_or(Ok(()), |to| check_int64("to", to)));
    if let Err(p) = checked {
        return p.into_response();
    }
    // The replica's size: never beyond what it has checked replays.
    let size = match app.read(View::size).await {
        Ok(s) => s,
        Err(p) => return p.into_response(),
    };
    answer(
        app.read_store(move |store| {
            let to = range
                .to
                .unwrap_or(size)
                .min(size)
                .min(range.from.saturating_add(ENTRIES_PAGE_MAX));
            let entries = store
                .entries(range.from, to)
                .map_err(|e| Problem::internal(e.to_string()))?;
            let list: Vec<Value> = entries
                .iter()
                .filter_map(|b| serde_json::from_slice(b).ok())
                .collect();
            Ok(json!({
                "from": range.from,
                "to": to.max(range.from),
                "size": size,
                "entries": list,
            }))
        })
        .await,
    )
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InclusionQuery {
    pub index: u64,
    pub size: Option<u64>,
}

/// `GET /v1/log/proof/inclusion?index&size`.
pub async fn get_inclusion(
    State(app): State<AppState>,
    q: Result<Query<InclusionQuery>, QueryRejection>,
) -> Response {
    read_with_query(&app, q, move |view, q| {
        check_int64("index", q.index)?;
        q.size.map_or(Ok(()), |size| check_int64("size", size))?;
        let tree = &view.tree;
        let size = q.size.unwrap_or(tree.size());
        if q.index >= size || size > tree.size() {
            return Err(Problem::new(
                StatusCode::BAD_REQUEST,
                "out_of_range",
                format!(
                    "entry {} is not in a tree of size {size} (the log has {})",
                    q.index,
                    tree.size()
                ),
            ));
        }
        let proof = merkle::inclusion_proof(tree, q.index, size).map_err(tree_failure)?;
        let root = merkle::root(tree, size).map_err(tree_failure)?;
        let leaf = merkle::Nodes::perfect(tree, 0, q.index).map_err(tree_failure)?;
        Ok(json!({
            "leafIdx": q.index,
            "treeSize": size,
            "leafHash": b64(&leaf),
            "root": b64(&root),
            "proof": proof.iter().map(b64).collect::<Vec<_>>(),
        }))
    })
    .await
}

/// A proof the in-memory tree cannot give for a range already checked: a bug, reported as such.
fn tree_failure(e: impl std::fmt::Debug) -> Problem {
    Problem::internal(format!("the tree refused a checked range: {e:?}"))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsistencyQuery {
    pub from: u64,
    pub to: Option<u64>,
}

/// `GET /v1/log/proof/consistency?from&to`.
pub async fn get_consistency(
    State(app): State<AppState>,
    q: Result<Query<ConsistencyQuery>, QueryRejection>,
) -> Response {
    read_with_query(&app, q, move |view, q| {
        check_int64("from", q.from)?;
        q.to.map_or(Ok(()), |to| check_int64("to", to))?;
        let tree = &view.tree;
        let to = q.to.unwrap_or(tree.size());
        if q.from > to || to > tree.size() {
            return Err(Problem::new(
                StatusCode::BAD_REQUEST,
                "out_of_range",
                format!("need from <= to <= {} (the log's size)", tree.size()),
            ));
        }
        let proof = merkle::consistency_proof(tree, q.from, to).map_err(tree_failure)?;
        let r1 = merkle::root(tree, q.from).map_err(tree_failure)?;
        let r2 = merkle::root(tree, to).map_err(tree_failure)?;
        Ok(json!({
            "size1": q.from,
            "size2": to,
            "root1": b64(&r1),
            "root2": b64(&r2),
            "proof": proof.iter().map(b64).collect::<Vec<_>>(),
        }))
    })
    .await
}

pub use crate::cosign::{Cosignature, post_cosignature};

/// The answer to a read or write run on the node thread: its JSON, or the problem it (or the
/// node) reported.
fn answer(result: Result<Result<Value, Problem>, Problem>) -> Response {
    match result {
        Ok(Ok(v)) => Json(v).into_response(),
        Ok(Err(p)) | Err(p) => p.into_response(),
    }
}

/// Parses a query string, then runs `read` with it on the read replica.
async fn read_with_query<Q: Send + 'static>(
    app: &AppState,
    query: Result<Query<Q>, QueryRejection>,
    read: impl FnOnce(&View, Q) -> Result<Value, Problem> + Send + 'static,
) -> Response {
    match query {
        Ok(Query(q)) => answer(app.read(move |view| read(view, q)).await),
        Err(e) => query_problem(&e).into_response(),
    }
}

/// Any path no route matches: a problem that points at what exists.
pub async fn no_route(uri: axum::http::Uri) -> Problem {
    Problem::new(
        StatusCode::NOT_FOUND,
        "no_route",
        format!(
            "nothing at `{}`: the API is under /v1 (described at /v1/openapi.json), the dashboard at /",
            uri.path()
        ),
    )
}

/// A known path with a method it does not take.
pub async fn wrong_method(method: axum::http::Method, uri: axum::http::Uri) -> Problem {
    Problem::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        format!(
            "`{}` does not take {method}; /v1/openapi.json lists each path's methods",
            uri.path()
        ),
    )
}

/// `GET /readyz`: ready once the node answers.
pub async fn readyz(State(app): State<AppState>) -> Response {
    match app.read(View::size).await {
        Ok(size) => (StatusCode::OK, format!("ready: {size} entries\n")).into_response(),
        Err(p) => p.into_response(),
    }
}

/// `GET /metrics`.
pub async fn metrics(State(app): State<AppState>) -> Response {
    let mut r = (StatusCode::OK, app.metrics().render()).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4"),
    );
    r
}
