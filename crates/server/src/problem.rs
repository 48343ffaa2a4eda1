//! Errors as RFC 9457 problem details (`application/problem+json`).
//!
//! Every error the API returns has a stable `code` (machine-readable, also in `type` as
//! `https://snapback.invalid/problems/<code>`), a `title`, the HTTP `status`, a `detail` sentence
//! saying what was wrong and how to fix it, and, for bad request bodies, the `field` at fault.

use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use snapback_log::entry::{ENTRY_BYTES_MAX, EntryError};

/// An API error. `type` and `title` are derived from `code` and `status` when serialised, which
/// keeps the value small (it travels in `Result`s).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub status: u16,
    pub code: String,
    pub detail: String,
    pub field: Option<String>,
    /// Seconds after which a retry may succeed (the `Retry-After` header), for refusals that
    /// pass (a full disk, a clock behind the log, a rate limit).
    pub retry_after: Option<u64>,
}

/// An RFC 9457 problem.
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "Problem")]
pub(crate) struct ProblemJson<'a> {
    /// `https://snapback.invalid/problems/<code>`
    #[serde(rename = "type")]
    #[schemars(extend("format" = "uri"))]
    kind: String,
    title: &'a str,
    status: u16,
    /// What was wrong and how to fix it.
    detail: &'a str,
    /// Stable and machine-readable.
    code: &'a str,
    /// The field at fault in the request body, as a path (`body.v`).
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'a str>,
}

impl Serialize for Problem {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        ProblemJson {
            kind: format!("https://snapback.invalid/problems/{}", self.code),
            title: status.canonical_reason().unwrap_or("Error"),
            status: self.status,
            detail: &self.detail,
            code: &self.code,
            field: self.field.as_deref(),
        }
        .serialize(serializer)
    }
}

impl Problem {
    pub fn new(status: StatusCode, code: &str, detail: impl Into<String>) -> Self {
        Self {
            status: status.as_u16(),
            code: code.to_owned(),
            detail: detail.into(),
            field: None,
            retry_after: None,
        }
    }

    /// Sets the `Retry-After` seconds.
    pub fn retry_after(mut self, seconds: u64) -> Self {
        self.retry_after = Some(seconds);
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("{what} does not exist"),
        )
    }

    pub fn unavailable(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", detail)
    }

    pub fn internal(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", detail)
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_vec(&self).unwrap_or_default();
        let mut response = (status, body).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

/// The largest integer a query parameter takes: the OpenAPI document declares them `int64`, so
/// clients in languages without unsigned 64-bit integers can send every value the server takes.
pub const INT64_MAX: u64 = i64::MAX as u64;

/// Refuses a query parameter above [`INT64_MAX`] with `400 out_of_range` naming it.
pub fn check_int64(name: &str, value: u64) -> Result<(), Problem> {
    if value > INT64_MAX {
        return Err(Problem::new(
            StatusCode::BAD_REQUEST,
            "out_of_range",
            format!("`{name}` is {value}; the largest value taken is {INT64_MAX} (2^63 - 1)"),
        )
        .field(name));
    }
    Ok(())
}

/// The `field` to name for a serde_path_to_error path: none for the whole document (`.`), and
/// without the `?` segments it writes where the input ended or was not JSON (a syntax error in
/// `{"body": {` is in `body`, not in `body.?`).
pub fn field_path(path: &str) -> Option<String> {
    let mut segments: Vec<&str> = path.split('.').collect();
    while segments.last().is_some_and(|s| s.is_empty() || *s == "?") {
        segments.pop();
    }
    if segments.is_empty() || segments.contains(&"?") {
        None
    } else {
        Some(segments.join("."))
    }
}

/// A JSON body parse error as a problem naming the field (via serde_path_to_error).
pub fn json_problem(error: &serde_path_to_error::Error<serde_json::Error>) -> Problem {
    let inner = error.inner();
    let detail = format!("the request body is not valid: {inner}");
    let p = Problem::new(StatusCode::BAD_REQUEST, "malformed", detail);
    match field_path(&error.path().to_string()) {
        Some(field) => p.field(field),
        None => p,
    }
}

/// An entry that does not parse (or is too large) as a problem, naming the field at fault.
pub fn entry_problem(e: &EntryError) -> Problem {
    let p = match e {
        EntryError::TooLarge(_) => {
            Problem::new(StatusCode::PAYLOAD_TOO_LARGE, "too_large", e.to_string())
        }
        _ => Problem::new(StatusCode::BAD_REQUEST, "malformed", e.to_string()),
    };
    match e {
        EntryError::Field { path, .. } => match field_path(path) {
            Some(field) => p.field(field),
            None => p,
        },
        _ => p,
    }
}

/// A request body that could not be read (over the body limit, or cut off) as a problem.
pub fn body_problem(rejection: &BytesRejection) -> Problem {
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
pub fn query_problem(rejection: &QueryRejection) -> Problem {
    Problem::new(StatusCode::BAD_REQUEST, "malformed", rejection.body_text())
}
