//! Paged lists: every collection the API serves is read a bounded page at a time; and the cap
//! on every answer's size, the net under them.
//!
//! A page is asked for with `from` (the position of its first item, 0-based, in the list's own
//! order: filing, opening or creation order, which only ever grows at the end, so a position is a
//! stable cursor) and `limit` (1 to [`PAGE_MAX`], default [`PAGE_DEFAULT`]). The answer names
//! `from`, `limit`, `total` and `next` (the `from` of the following page, or null after the last
//! item), and carries the items under the list's name.

use axum::http::StatusCode;
use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::problem::Problem;

/// Items a page holds by default, and at most.
pub const PAGE_DEFAULT: u64 = 100;
pub const PAGE_MAX: u64 = 1_000;

/// `from` and `limit` of a paged list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageQuery {
    pub from: u64,
    pub limit: u64,
}

impl Default for PageQuery {
    fn default() -> Self {
        Self {
            from: 0,
            limit: PAGE_DEFAULT,
        }
    }
}

fn bad(status: StatusCode, code: &str, name: &str, detail: String) -> Problem {
    Problem::new(status, code, detail).field(name.to_owned())
}

impl PageQuery {
    /// Reads `from` and `limit` from a query string's pairs; each refusal names the parameter
    /// at fault.
    pub fn parse(pairs: &[(String, String)]) -> Result<Self, Problem> {
        let mut from: Option<u64> = None;
        let mut limit: Option<u64> = None;
        for (name, value) in pairs {
            let slot = match name.as_str() {
                "from" => &mut from,
                "limit" => &mut limit,
                _ => {
                    return Err(bad(
                        StatusCode::BAD_REQUEST,
                        "malformed",
                        name,
                        format!(
                            "unknown query parameter `{name}`: this list takes `from` and `limit`"
                        ),
                    ));
                }
            };
            if slot.is_some() {
                return Err(bad(
                    StatusCode::BAD_REQUEST,
                    "malformed",
                    name,
                    format!("`{name}` is given twice; give it once"),
                ));
            }
            let Ok(n) = value.parse::<u64>() else {
                return Err(bad(
                    StatusCode::BAD_REQUEST,
                    "malformed",
                    name,
                    format!(
                        "`{name}` must be an integer from 0 to {}, not `{value}`",
                        i64::MAX
                    ),
                ));
            };
            // Beyond the document's int64: a number, but out of range.
            crate::problem::check_int64(name, n)?;
            *slot = Some(n);
        }
        let limit = limit.unwrap_or(PAGE_DEFAULT);
        if limit == 0 || limit > PAGE_MAX {
            return Err(bad(
                StatusCode::BAD_REQUEST,
                "out_of_range",
                "limit",
                format!("`limit` must be from 1 to {PAGE_MAX}, not {limit}"),
            ));
        }
        Ok(Self {
            from: from.unwrap_or(0),
            limit,
        })
    }

    /// The page of `all` this query names, each item rendered by `render`, as the JSON bytes of
    /// `{from, limit, total, next, <name>: [...]}` (written straight to bytes: a page of 1,000
    /// claims is a megabyte, and the reader's turn is the place to pay for it).
    pub fn of<T, R: Serialize>(
        self,
        all: &[T],
        name: &str,
        render: impl FnMut(&T) -> R,
    ) -> Result<Vec<u8>, Problem> {
        let (items, next, total) = self.slice(all, render);
        let next = next.map_or_else(|| "null".to_owned(), |n| n.to_string());
        let name = serde_json::to_string(name)
            .map_err(|e| Problem::internal(format!("rendering a page: {e}")))?;
        let mut out = format!(
            r#"{{"from":{},"limit":{},"total":{total},"next":{next},{name}:"#,
            self.from, self.limit
        )
        .into_bytes();
        serde_json::to_writer(&mut out, &items)
            .map_err(|e| Problem::internal(format!("rendering a page: {e}")))?;
        out.push(b'}');
        Ok(out)
    }

    /// The same page as a JSON value (to embed in a larger answer).
    pub fn of_value<T, R: Serialize>(
        self,
        all: &[T],
        name: &str,
        render: impl FnMut(&T) -> R,
    ) -> Result<Value, Problem> {
        let (items, next, total) = self.slice(all, render);
        let items = serde_json::to_value(items)
            .map_err(|e| Problem::internal(format!("rendering a page: {e}")))?;
        let mut page = Map::new();
        page.insert("from".into(), self.from.into());
        page.insert("limit".into(), self.limit.into());
        page.insert("total".into(), total.into());
        page.insert("next".into(), next.map_or(Value::Null, Value::from));
        page.insert(name.into(), items);
        Ok(Value::Object(page))
    }

    /// The items of this page, the next page's `from` (if any), and the list's length.
    fn slice<T, R>(self, all: &[T], render: impl FnMut(&T) -> R) -> (Vec<R>, Option<u64>, u64) {
        let total = all.len() as u64;
        let start = usize::try_from(self.from.min(total)).unwrap_or(all.len());
        let take = usize::try_from(self.limit).unwrap_or(usize::MAX);
        let items: Vec<R> = all.iter().skip(start).take(take).map(render).collect();
        let end = self.from.saturating_add(items.len() as u64);
        (items, (end < total).then_some(end), total)
    }
}

/// `from` and `limit` read from the query string by the handler's signature; a bad query string
/// is the same problem as a bad parameter.
impl<S: Send + Sync> axum::extract::FromRequestParts<S> for PageQuery {
    type Rejection = Problem;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Problem> {
        let axum::extract::Query(pairs) =
            axum::extract::Query::<Vec<(String, String)>>::from_request_parts(parts, state)
                .await
                .map_err(|e| Problem::new(StatusCode::BAD_REQUEST, "malformed", e.body_text()))?;
        Self::parse(&pairs)
    }
}

/// The most bytes any answer may carry. Lists are paged well below it; an answer that would
/// still be larger (a section of the record grown beyond what one answer should hold) is
/// refused rather than sent.
pub const RESPONSE_BYTES_MAX: u64 = 32 * 1024 * 1024;

/// Refuses an answer whose body is known to be larger than [`RESPONSE_BYTES_MAX`] (streams, whose
/// size is not known, pass: the event stream is bounded per event).
pub async fn cap_response(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::body::HttpBody as _;
    use axum::response::IntoResponse as _;
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    match response.body().size_hint().exact() {
        Some(n) if n > RESPONSE_BYTES_MAX => Problem::new(
            StatusCode::BAD_REQUEST,
            "response_too_large",
            format!(
                "the answer to {path} would be {n} bytes, over the limit of {RESPONSE_BYTES_MAX}: read the record in pages (the paged lists under /v1 take `from` and `limit`)"
            ),
        )
        .into_response(),
        _ => response,
    }
}

/// The JSON Schema of a page of `name`, its items being the component `item`: the one
/// definition of a page's shape, for the OpenAPI document.
pub fn schema(name: &str, item: &str) -> Value {
    Value::Object(schema_object(name, item))
}

fn schema_object(name: &str, item: &str) -> Map<String, Value> {
    let mut properties = Map::new();
    properties.insert("from".into(), json!({ "type": "integer", "minimum": 0 }));
    properties.insert(
        "limit".into(),
        json!({ "type": "integer", "minimum": 1, "maximum": PAGE_MAX }),
    );
    properties.insert("total".into(), json!({ "type": "integer", "minimum": 0 }));
    properties.insert(
        "next".into(),
        json!({ "type": ["integer", "null"], "minimum": 0, "description": "`from` of the next page; null after the last item." }),
    );
    properties.insert(
        name.into(),
        json!({ "type": "array", "items": { "$ref": format!("#/components/schemas/{item}") } }),
    );
    let mut page = Map::new();
    page.insert("type".into(), json!("object"));
    page.insert(
        "description".into(),
        json!(format!("Items `from..from + limit` of `total` {name}.")),
    );
    page.insert("properties".into(), Value::Object(properties));
    page.insert(
        "required".into(),
        json!(["from", "limit", "total", "next", name]),
    );
    page.insert("additionalProperties".into(), Value::Bool(false));
    page
}

/// [`schema`] of a party's obligations, for `#[schemars(schema_with = …)]`.
pub fn obligations_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::Schema::from(schema_object("obligations", "Obligation"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    }

    #[test]
    fn pages_walk_the_list_without_gaps_or_repeats() {
        let all: Vec<u32> = (0..250).collect();
        let mut seen = Vec::new();
        let mut from = Some(0u64);
        while let Some(f) = from {
            let q = PageQuery {
                from: f,
                limit: 100,
            };
            let page: Value =
                serde_json::from_slice(&q.of(&all, "items", |x| *x).unwrap()).unwrap();
            assert_eq!(page["total"], 250);
            seen.extend(
                page["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_u64().unwrap()),
            );
            from = page["next"].as_u64();
        }
        assert_eq!(seen, (0..250u64).collect::<Vec<_>>());
    }

    #[test]
    fn a_page_past_the_end_is_empty_with_no_next() {
        let page = PageQuery { from: 10, limit: 5 }
            .of_value(&[1, 2, 3], "items", |x| *x)
            .unwrap();
        assert_eq!(page["items"].as_array().unwrap().len(), 0);
        assert!(page["next"].is_null());
    }

    #[tokio::test]
    async fn an_answer_over_the_cap_is_refused_and_one_under_it_passes() {
        use axum::Router;
        use axum::routing::get;
        use tower::ServiceExt as _;
        let cap = usize::try_from(RESPONSE_BYTES_MAX).unwrap();
        let app = Router::new()
            .route("/big", get(move || async move { vec![b'x'; cap + 1] }))
            .route("/fits", get(move || async move { vec![b'x'; cap] }))
            .layer(axum::middleware::from_fn(cap_response));
        let get = |uri: &str| {
            axum::http::Request::builder()
                .uri(uri)
                .body(axum::body::Body::empty())
                .unwrap()
        };
        let big = app.clone().oneshot(get("/big")).await.unwrap();
        assert_eq!(big.status(), StatusCode::BAD_REQUEST);
        let body = axum::body::to_bytes(big.into_body(), 1 << 20)
            .await
            .unwrap();
        assert!(String::from_utf8_lossy(&body).contains("response_too_large"));
        let fits = app.oneshot(get("/fits")).await.unwrap();
        assert_eq!(fits.status(), StatusCode::OK);
    }

    #[test]
    fn bad_parameters_name_the_field() {
        let cases = [
            (vec![("limit", "0")], "out_of_range", "limit"),
            (vec![("limit", "1001")], "out_of_range", "limit"),
            (vec![("from", "-1")], "malformed", "from"),
            (
                vec![("from", "18446744073709551615")],
                "out_of_range",
                "from",
            ),
            (vec![("from", "18446744073709551616")], "malformed", "from"),
            (vec![("from", "1"), ("from", "2")], "malformed", "from"),
            (vec![("cursor", "1")], "malformed", "cursor"),
        ];
        for (query, code, field) in cases {
            let p = PageQuery::parse(&pairs(&query)).unwrap_err();
            assert_eq!(
                (p.code.as_str(), p.field.as_deref()),
                (code, Some(field)),
                "{query:?}"
            );
        }
        assert_eq!(PageQuery::parse(&[]).unwrap(), PageQuery::default());
    }
}
