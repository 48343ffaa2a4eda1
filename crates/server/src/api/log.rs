//! The transparency log: `/v1/log/checkpoint`, `/v1/log/entries` and the inclusion and
//! consistency proofs (cosignatures: [`crate::cosign`]).

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use snapback_log::merkle;

use super::{answer, b64, read_with_query};
use crate::problem::{Problem, check_int64, query_problem};
use crate::reader::View;
use crate::state::AppState;

/// `GET /v1/log/checkpoint`: the latest signed checkpoint, as a C2SP signed note.
pub async fn get_checkpoint(State(app): State<AppState>) -> Result<Response, Problem> {
    let note = app
        .read_store(|store| store.checkpoint().map(|c| c.map(|c| c.note)))
        .await?
        .map_err(|e| Problem::internal(format!("reading the checkpoint: {e}")))?
        .ok_or_else(|| Problem::not_found("a checkpoint"))?;
    let mut r = (StatusCode::OK, note).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    Ok(r)
}

/// `GET /v1/log/checkpoint/witnessed`: the latest checkpoint the charter's witness quorum
/// cosigned, as a C2SP signed note carrying their cosignatures.
pub async fn get_witnessed_checkpoint(State(app): State<AppState>) -> Result<Response, Problem> {
    let now = app.clock().now();
    let quorum = snapback_ledger::cosign::Quorum::of(app.history(), now).ok_or_else(|| {
        Problem::new(
            StatusCode::NOT_FOUND,
            "no_quorum",
            "the charter sets no witness quorum ([log] quorum with its [[log.witness]]): GET /v1/log/checkpoint is the log's checkpoint",
        )
    })?;
    let note = app
        .read_store(|store| snapback_ledger::cosign::witnessed(store))
        .await?
        .map_err(|e| Problem::internal(format!("reading the witnessed checkpoint: {e}")))?
        .ok_or_else(|| {
            Problem::new(
                StatusCode::NOT_FOUND,
                "not_witnessed",
                format!(
                    "no checkpoint carries cosignatures from {} of the charter's {} witnesses yet; GET /v1/log/witnesses says where each stands",
                    quorum.k,
                    quorum.witnesses.len()
                ),
            )
        })?;
    let mut r = (StatusCode::OK, note).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    Ok(r)
}

/// The log's witnesses and its quorum (`GET /v1/log/witnesses`).
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct WitnessesReport {
    /// How many of the charter's witnesses must cosign (`[log] quorum`), if it sets a quorum.
    pub quorum: Option<usize>,
    /// The size of the latest checkpoint the quorum cosigned.
    pub witnessed_size: Option<u64>,
    /// Whether any witness has raised a fork alarm.
    pub fork_alarm: bool,
    /// The witnesses the log sends its checkpoints to (the charter's, with a URL).
    pub witnesses: Vec<crate::witness_board::WitnessReport>,
}

/// `GET /v1/log/witnesses`: where each witness stands, the quorum and the witnessed size.
pub async fn get_witnesses(State(app): State<AppState>) -> Result<Response, Problem> {
    let now = app.clock().now();
    let quorum = snapback_ledger::cosign::Quorum::of(app.history(), now).map(|q| q.k);
    let witnessed_size = app
        .read_store(|store| snapback_ledger::cosign::witnessed_size(store))
        .await?
        .map_err(|e| Problem::internal(format!("reading the witnessed checkpoint: {e}")))?;
    let witnesses = app.metrics().witnesses.reports();
    Ok(axum::Json(WitnessesReport {
        quorum,
        witnessed_size,
        fork_alarm: witnesses.iter().any(|w| w.alarm.is_some()),
        witnesses,
    })
    .into_response())
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
) -> Result<Response, Problem> {
    let Query(range) = range.map_err(|e| query_problem(&e))?;
    check_int64("from", range.from)?;
    range.to.map_or(Ok(()), |to| check_int64("to", to))?;
    // The replica's size: never beyond what it has checked replays.
    let size = app.read(View::size).await?;
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
            Ok(EntriesPage {
                from: range.from,
                to: to.max(range.from),
                size,
                entries: list,
            })
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
) -> Result<Response, Problem> {
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
        Ok(InclusionProofJson {
            leaf_idx: q.index,
            tree_size: size,
            leaf_hash: b64(&leaf),
            root: b64(&root),
            proof: proof.iter().map(b64).collect(),
        })
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
) -> Result<Response, Problem> {
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
        Ok(ConsistencyProofJson {
            size1: q.from,
            size2: to,
            root1: b64(&r1),
            root2: b64(&r2),
            proof: proof.iter().map(b64).collect(),
        })
    })
    .await
}

/// Entries `from..to` of a log of `size` entries.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct EntriesPage {
    pub from: u64,
    pub to: u64,
    pub size: u64,
    #[schemars(with = "Vec<crate::wire::EntryRef>")]
    pub entries: Vec<Value>,
}

/// RFC 9162 inclusion proof (the field names of `snapback log prove inclusion`).
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
#[schemars(rename = "InclusionProof")]
pub struct InclusionProofJson {
    pub leaf_idx: u64,
    pub tree_size: u64,
    #[schemars(with = "crate::wire::Base64Hash")]
    pub leaf_hash: String,
    #[schemars(with = "crate::wire::Base64Hash")]
    pub root: String,
    #[schemars(with = "Vec<crate::wire::Base64Hash>")]
    pub proof: Vec<String>,
}

/// RFC 9162 consistency proof (the field names of `snapback log prove consistency`).
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[schemars(rename = "ConsistencyProof")]
pub struct ConsistencyProofJson {
    pub size1: u64,
    pub size2: u64,
    #[schemars(with = "crate::wire::Base64Hash")]
    pub root1: String,
    #[schemars(with = "crate::wire::Base64Hash")]
    pub root2: String,
    #[schemars(with = "Vec<crate::wire::Base64Hash>")]
    pub proof: Vec<String>,
}
