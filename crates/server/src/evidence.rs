//! Classified evidence: the access-controlled evidence store beside the log, and its release.
//!
//! The log never holds classified content: a classified `evidence.submitted` entry carries its
//! claim, its marking (`classification`), who it is releasable to (`releasable_to`) and a
//! `commitment` (see `snapback_log::sealed`). The content and its salt are submitted beside the
//! signed body (`sealed`) and kept in the store's evidence table, written in the same
//! transaction as the entry. They leave the server only here, through
//! `GET /v1/evidence/{commitment}`, and on a claim's dashboard page, and only to a bearer token
//! the release rule admits: clearance at least the marking, and the token's party the submitter
//! or one the item is releasable to.
//!
//! Every read of the evidence store goes through [`lookup`], so where it reads from can be
//! changed in one place.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use snapback_log::entry::Entry;
use snapback_log::sealed::Sealed;
use snapback_store::{SealedEvidence, StoredEvidence};

use crate::auth::{Clearance, Viewer};
use crate::problem::Problem;
use crate::state::AppState;

/// The evidence store's record committed to by `commitment` (the one way handlers read it).
pub async fn lookup(app: &AppState, commitment: String) -> Result<Option<StoredEvidence>, Problem> {
    app.read_store(move |store| store.evidence(&commitment))
        .await?
        .map_err(|e| Problem::internal(format!("reading the evidence store: {e}")))
}

/// The marking's clearance (an unknown marking needs the highest).
fn marking(evidence: &SealedEvidence) -> Clearance {
    Clearance::parse(&evidence.classification).unwrap_or(Clearance::Secret)
}

/// The release rule: the viewer's clearance is at least the marking, and the viewer's party is
/// the submitter or in `releasable_to`. The error says which condition failed.
pub fn release(viewer: &Viewer, evidence: &SealedEvidence) -> Result<(), String> {
    let Some(party) = &viewer.party else {
        return Err(
            "no bearer token: classified evidence is released only to a cleared party's token"
                .to_owned(),
        );
    };
    let needed = marking(evidence);
    if viewer.clearance < needed {
        return Err(format!(
            "the token's clearance ({}) is below the item's marking ({}); a token of clearance {} or higher is needed",
            viewer.clearance.name(),
            evidence.classification,
            needed.name()
        ));
    }
    if *party != evidence.party && !evidence.releasable_to.iter().any(|p| p == party) {
        let rel = if evidence.releasable_to.is_empty() {
            "no other party".to_owned()
        } else {
            evidence.releasable_to.join(", ")
        };
        return Err(format!(
            "the item is releasable only to its submitter {} and to {rel}; the token's party {party} is neither",
            evidence.party
        ));
    }
    Ok(())
}

/// Whether `viewer` may read an item of this marking, submitter and releasable_to (the
/// release rule on the log's public facts, before the store is read).
pub fn admits(
    viewer: &Viewer,
    classification: Clearance,
    submitter: &str,
    releasable_to: &[String],
) -> bool {
    viewer.party.as_deref().is_some_and(|p| {
        viewer.clearance >= classification
            && (p == submitter || releasable_to.iter().any(|r| r == p))
    })
}

/// `GET /v1/evidence/{commitment}`: a classified item's content and salt, to a token the
/// release rule admits.
pub async fn get_evidence(
    State(app): State<AppState>,
    Path(commitment): Path<String>,
    headers: HeaderMap,
) -> Response {
    let viewer = match app.viewer(&headers).await {
        Ok(v) => v,
        Err(p) => return p.into_response(),
    };
    if viewer.party.is_none() {
        let mut r = Problem::new(
            StatusCode::UNAUTHORIZED,
            "token_required",
            "classified evidence is released only to a bearer token: send `Authorization: Bearer <token>` (issued with `snapback token create --party ID --clearance LEVEL`)",
        )
        .into_response();
        r.headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        return r;
    }
    let stored = match lookup(&app, commitment.clone()).await {
        Ok(Some(s)) => s,
        Ok(None) => {
            return Problem::new(
                StatusCode::NOT_FOUND,
                "unknown_evidence",
                format!(
                    "no classified evidence has the commitment `{commitment}`; take it from the `commitment` of an evidence.submitted entry"
                ),
            )
            .into_response();
        }
        Err(p) => return p.into_response(),
    };
    if let Err(why) = release(&viewer, &stored.evidence) {
        return Problem::new(StatusCode::FORBIDDEN, "not_releasable", why).into_response();
    }
    let e = stored.evidence;
    let mut r = Json(ReleasedEvidence {
        commitment: e.commitment,
        claim: e.claim,
        index: stored.index,
        classification: e.classification,
        releasable_to: e.releasable_to,
        content: e.sealed.content,
        salt: e.sealed.salt,
    })
    .into_response();
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// Reads a submission `{"body", "sig", "sealed"?}`: the entry and the sealed content, if any.
/// A submission without `sealed` is read exactly as before (straight from its bytes).
pub fn read_submission(bytes: &[u8]) -> Result<(Entry, Option<Sealed>), Problem> {
    let plain = || {
        Entry::parse_lenient(bytes)
            .map(|e| (e, None))
            .map_err(|e| crate::problem::entry_problem(&e))
    };
    if !bytes.windows(8).any(|w| w == b"\"sealed\"") {
        return plain();
    }
    let mut value: Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        // Not JSON: let the entry reader name what is wrong.
        Err(_) => return plain(),
    };
    let Some(raw) = value.as_object_mut().and_then(|o| o.remove("sealed")) else {
        return plain();
    };
    let sealed = serde_path_to_error::deserialize::<_, Sealed>(raw).map_err(|e| {
        let field = crate::problem::field_path(&e.path().to_string())
            .map_or_else(|| "sealed".to_owned(), |f| format!("sealed.{f}"));
        Problem::new(
            StatusCode::BAD_REQUEST,
            "malformed",
            format!(
                "`sealed` is not {{\"content\": {{\"source_kind\", \"digest\", \"summary\"}}, \"salt\": \"<64 hex>\"}}: {}",
                e.inner()
            ),
        )
        .field(field)
    })?;
    let rest = serde_json::to_vec(&value).map_err(|e| Problem::internal(e.to_string()))?;
    let entry = Entry::parse_lenient(&rest).map_err(|e| crate::problem::entry_problem(&e))?;
    Ok((entry, Some(sealed)))
}

/// The content of a claim's classified items that `viewer` may read, by commitment (empty for
/// the public). Used by the claim's dashboard page.
pub async fn released_for_claim(
    app: &AppState,
    claim: &str,
    viewer: &Viewer,
) -> std::collections::BTreeMap<String, snapback_log::sealed::SealedContent> {
    let mut out = std::collections::BTreeMap::new();
    if viewer.party.is_none() {
        return out;
    }
    let wanted = claim.to_owned();
    let gate = viewer.clone();
    let candidates: Vec<String> = app
        .read(move |view| {
            let Some(record) = view.state().claim(&wanted) else {
                return Vec::new();
            };
            record
                .evidence
                .iter()
                .filter_map(|e| match &e.form {
                    snapback_engine::event::EvidenceForm::Sealed(s) => {
                        let rel: Vec<String> =
                            s.releasable_to.iter().map(|p| p.to_string()).collect();
                        admits(
                            &gate,
                            Clearance::from(e.classification),
                            e.party.as_str(),
                            &rel,
                        )
                        .then(|| s.commitment.clone())
                        .flatten()
                    }
                    snapback_engine::event::EvidenceForm::Clear(_) => None,
                })
                .collect()
        })
        .await
        .unwrap_or_default();
    for commitment in candidates {
        if let Ok(Some(stored)) = lookup(app, commitment.clone()).await
            && release(viewer, &stored.evidence).is_ok()
        {
            out.insert(commitment, stored.evidence.sealed.content);
        }
    }
    out
}

/// A classified item released to a cleared holder: recompute the commitment from `salt` and
/// `content` and compare it with the log's entry at `index`.
#[derive(Debug, serde::Serialize, schemars::JsonSchema)]
pub struct ReleasedEvidence {
    pub commitment: String,
    pub claim: String,
    pub index: u64,
    #[schemars(extend("enum" = ["restricted", "confidential", "secret"]))]
    pub classification: String,
    pub releasable_to: Vec<String>,
    pub content: snapback_log::sealed::SealedContent,
    #[schemars(regex(pattern = "^[0-9a-f]{64}$"))]
    pub salt: String,
}
