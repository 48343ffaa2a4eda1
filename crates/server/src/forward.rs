//! Writes that reach a follower go to the leader: the follower sends the request on to the
//! leader the lease names (its `--advertise` URL) and answers with the leader's answer, so a
//! client may write to any process of a cluster. Where it cannot (no leader at the moment,
//! the leader unreachable, or a request another follower already forwarded: two followers with
//! stale views of the lease must not pass a request back and forth) it answers `503
//! not_leader`, naming the leader when it knows one, with `Retry-After`.
//!
//! A signed submission is safe to resend: if the leader appended it before the connection
//! broke, resending it answers `200` with `duplicate: true`.

use std::sync::OnceLock;
use std::time::Duration;

use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::node::not_leader;
use crate::problem::Problem;
use crate::role::Role;
use crate::state::AppState;

/// Marks a request a follower forwarded (its value: the follower's node id is not needed, only
/// the mark), so the process it reaches never forwards it again.
pub const FORWARDED: HeaderName = HeaderName::from_static("snapback-forwarded");
/// On a forwarded answer: the node id of the leader that answered.
pub const ANSWERED_BY: HeaderName = HeaderName::from_static("snapback-leader");

/// How long a forwarded write may take (the leader's own queue bounds its answer).
const FORWARD_TIMEOUT: Duration = Duration::from_secs(30);
/// The largest answer taken back from the leader (answers to writes are small).
const ANSWER_BYTES_MAX: usize = 1 << 20;

/// The headers that travel with a forwarded write.
const PASSED: [HeaderName; 2] = [header::CONTENT_TYPE, header::AUTHORIZATION];
/// The headers of the leader's answer that travel back.
const RETURNED: [HeaderName; 2] = [header::CONTENT_TYPE, header::RETRY_AFTER];

fn client() -> Result<&'static reqwest::Client, Problem> {
    static CLIENT: OnceLock<Result<reqwest::Client, String>> = OnceLock::new();
    CLIENT
        .get_or_init(|| crate::outbound::client(FORWARD_TIMEOUT).map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| Problem::internal(format!("cannot build an HTTP client to forward: {e}")))
}

/// `None` when this process writes (the caller handles the write); otherwise the leader's
/// answer to the same request at `path`, or the problem saying why there is none.
pub async fn to_leader(
    app: &AppState,
    path: &str,
    headers: &HeaderMap,
    body: &Bytes,
) -> Result<Option<Response>, Problem> {
    let role = app.node().role.borrow().clone();
    let leader = match &role {
        Role::Single | Role::Leader { .. } => return Ok(None),
        Role::Follower {
            leader: Some(leader),
        } if !headers.contains_key(FORWARDED) => leader.clone(),
        Role::Follower { .. } => return Err(not_leader(&role)),
    };
    // The address comes from the lease row; the leader checked it when it started, and it is
    // checked again before a sealed payload is sent to it.
    if let Err(e) = snapback_charter::endpoint::check_url(&leader.address) {
        tracing::error!(leader = %leader.id, address = %leader.address, error = %e, "the lease names an address writes may not be sent to");
        return Err(Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "not_leader",
            format!(
                "this process follows the log, and the leader {} advertises `{}`, where writes may not be sent ({e}); the operator must restart it with an https:// --advertise",
                leader.id, leader.address
            ),
        )
        .retry_after(1));
    }
    let url = format!("{}{path}", leader.address.trim_end_matches('/'));
    let mut request = client()?
        .post(&url)
        .header(FORWARDED, HeaderValue::from_static("1"))
        .body(body.clone());
    for name in PASSED {
        if let Some(value) = headers.get(&name) {
            request = request.header(name, value.clone());
        }
    }
    let unreachable = |e: &dyn std::fmt::Display| {
        tracing::warn!(leader = %leader.id, url = %url, error = %e, "cannot forward a write to the leader");
        Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "not_leader",
            format!(
                "this process follows the log and could not reach the leader {} at {} ({e}); retry in a moment (a takeover may be under way)",
                leader.id, leader.address
            ),
        )
        .retry_after(1)
    };
    let answer = request.send().await.map_err(|e| unreachable(&e))?;
    let status = StatusCode::from_u16(answer.status().as_u16())
        .map_err(|e| Problem::internal(format!("the leader answered an odd status: {e}")))?;
    let mut returned = HeaderMap::new();
    for name in RETURNED {
        if let Some(value) = answer
            .headers()
            .get(name.as_str())
            .and_then(|v| HeaderValue::from_bytes(v.as_bytes()).ok())
        {
            returned.insert(name, value);
        }
    }
    if answer
        .content_length()
        .is_some_and(|n| n > ANSWER_BYTES_MAX as u64)
    {
        return Err(Problem::internal("the leader's answer is too large"));
    }
    let bytes = answer.bytes().await.map_err(|e| unreachable(&e))?;
    if bytes.len() > ANSWER_BYTES_MAX {
        return Err(Problem::internal("the leader's answer is too large"));
    }
    if let Ok(id) = HeaderValue::from_str(&leader.id) {
        returned.insert(ANSWERED_BY, id);
    }
    Ok(Some((status, returned, bytes).into_response()))
}
