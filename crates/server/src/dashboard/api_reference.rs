//! `GET /api`: the API reference as a readable page, rendered on the server from the same OpenAPI
//! document `/v1/openapi.json` serves (no second description to drift, no script, no build step).
//!
//! The document is the server's own text, so its Markdown is trusted; raw HTML in it is still
//! shown as text, never passed through. The page is rendered once: the document is fixed for the
//! life of the binary.

use std::sync::LazyLock;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde_json::{Map, Value};

use super::*;

/// How deep nested inline objects are expanded before the page says "object" and stops.
const NESTING_MAX: usize = 4;

/// The page in each language, rendered once each.
static PAGE_EN: LazyLock<String> =
    LazyLock::new(|| render_in(&crate::openapi::spec(), Tr::new(Lang::En)).into_string());
static PAGE_UK: LazyLock<String> =
    LazyLock::new(|| render_in(&crate::openapi::spec(), Tr::new(Lang::Uk)).into_string());

pub(super) async fn handler(uri: Uri, chosen: Chosen) -> Response {
    let t = chosen.tr();
    let body = match t.lang() {
        Lang::En => PAGE_EN.as_str(),
        Lang::Uk => PAGE_UK.as_str(),
    };
    let page = Page::ok(
        t.msg("api-title"),
        Section::Api,
        PreEscaped(body.to_owned()),
    );
    respond(page, &uri, chosen)
}

/// The document's own words are English whatever the page's language: on a page in another
/// language the elements holding them say so (`lang="en"`), for screen readers and translators.
fn en(t: Tr) -> Option<&'static str> {
    (t.lang() != Lang::En).then_some("en")
}

/// Text of the document inline, marked as English on a page in another language.
fn english(t: Tr, text: &str) -> Markup {
    html! {
        @match en(t) {
            Some(lang) => { span lang=(lang) { (text) } }
            None => { (text) }
        }
    }
}

/// Text for an HTML attribute written by hand (the table wrapper [`markdown_in`] adds).
fn attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Markdown from the document as HTML, in English; raw HTML is escaped as text.
#[cfg(test)]
fn markdown(text: &str) -> Markup {
    markdown_in(text, Tr::default())
}

/// Markdown from the document as HTML; raw HTML is escaped as text. The table wrapper's label
/// is the page's.
fn markdown_in(text: &str, t: Tr) -> Markup {
    let wrapper = format!(
        r#"<div class="table-scroll" tabindex="0" role="region" aria-label="{}">"#,
        attribute(&t.msg("api-table-label"))
    );
    // A table scrolls sideways in the one scroller that shows a cue (see the stylesheet).
    let events = Parser::new_ext(text, Options::ENABLE_TABLES).flat_map(|e| match e {
        Event::Html(h) | Event::InlineHtml(h) => vec![Event::Text(h)],
        Event::Start(Tag::Table(a)) => vec![
            Event::Html(wrapper.clone().into()),
            Event::Start(Tag::Table(a)),
        ],
        Event::End(TagEnd::Table) => vec![Event::End(TagEnd::Table), Event::Html("</div>".into())],
        other => vec![other],
    });
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events);
    PreEscaped(out)
}

/// The anchor of an operation: its `operationId`, else method and path.
fn operation_anchor(method: &str, path: &str, op: &Value) -> String {
    match op.get("operationId").and_then(Value::as_str) {
        Some(id) => format!("op-{id}"),
        None => format!("op-{method}-{}", slug(path)),
    }
}

fn schema_anchor(name: &str) -> String {
    format!("schema-{}", slug(name))
}

fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_owned()
}

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

/// One operation of the document: method, path, and the operation object.
type Operation<'a> = (&'static str, &'a str, &'a Value);

/// The operations of one resource, under its name.
type Group<'a> = (String, Vec<Operation<'a>>);

/// The operations in document order (paths sorted as the document keeps them), grouped by the
/// resource: the first path segment after `/v1`.
fn operations(spec: &Value) -> Vec<Group<'_>> {
    let mut groups: Vec<Group> = Vec::new();
    let Some(paths) = spec.get("paths").and_then(Value::as_object) else {
        return groups;
    };
    for (path, item) in paths {
        // Paths outside `/v1` (health, readiness, metrics) are the service's own.
        let group = path
            .strip_prefix("/v1/")
            .and_then(|rest| rest.split('/').next())
            .filter(|s| !s.is_empty())
            .unwrap_or("service")
            .to_owned();
        for method in METHODS {
            if let Some(op) = item.get(method) {
                match groups.iter_mut().find(|(g, _)| *g == group) {
                    Some((_, ops)) => ops.push((method, path.as_str(), op)),
                    None => groups.push((group.clone(), vec![(method, path.as_str(), op)])),
                }
            }
        }
    }
    groups
}

/// The page in English (the tests read it).
#[cfg(test)]
fn render(spec: &Value) -> Markup {
    render_in(spec, Tr::default())
}

/// A group's name: the resource's path segment, or the service's own paths.
fn group_name(t: Tr, group: &str) -> String {
    match group {
        "service" => t.msg("api-group-service"),
        other => other.to_owned(),
    }
}

fn render_in(spec: &Value, t: Tr) -> Markup {
    let info = spec.get("info").unwrap_or(&Value::Null);
    let title = info.get("title").and_then(Value::as_str).unwrap_or("API");
    let version = info.get("version").and_then(Value::as_str).unwrap_or("");
    let groups = operations(spec);
    let schemas = spec
        .pointer("/components/schemas")
        .and_then(Value::as_object);
    html! {
        h1 { (t.msg("api-title")) }
        p class="lede" {
            (t.rich("api-lede", &[
                ("title", title.into()),
                ("version", version.into()),
                ("openapi", spec.get("openapi").and_then(Value::as_str).unwrap_or("3.1").into()),
            ], &[("link", html! { a href="/v1/openapi.json" { code { "/v1/openapi.json" } } })]))
        }
        @if en(t).is_some() { p class="note" id="api-in-english" { (t.msg("api-english-note")) } }
        @if let Some(d) = info.get("description").and_then(Value::as_str) {
            div class="prose" lang=[en(t)] { (markdown_in(d, t)) }
        }
        nav class="toc" aria-label=(t.msg("api-operations")) {
            h2 { (t.msg("api-operations")) }
            @for (group, ops) in &groups {
                h3 { (group_name(t, group)) }
                ul {
                    @for (method, path, op) in ops {
                        li {
                            a href={ "#" (operation_anchor(method, path, op)) } {
                                span class="method" { (method.to_uppercase()) } " " code class="path" { (path) }
                            }
                            @if let Some(s) = op.get("summary").and_then(Value::as_str) { " \u{2014} " (english(t, s)) }
                        }
                    }
                }
            }
        }
        @for (group, ops) in &groups {
            section class="api-group" aria-labelledby={ "group-" (slug(group)) } {
                h2 id={ "group-" (slug(group)) } { (group_name(t, group)) }
                @for (method, path, op) in ops {
                    (operation(method, path, op, t))
                }
            }
        }
        @if let Some(schemas) = schemas {
            section class="api-group" aria-labelledby="schemas" {
                h2 id="schemas" { (t.msg("api-schemas")) }
                @for (name, s) in schemas {
                    article class="schema" id=(schema_anchor(name)) {
                        h3 { code { (name) } }
                        (schema_body(s, 0, t))
                    }
                }
            }
        }
    }
}

/// A table scrolling sideways, labelled in the page's language.
fn scroller(t: Tr, table: Markup) -> Markup {
    html! { div class="table-scroll" tabindex="0" role="region" aria-label=(t.msg("api-table-label")) { (table) } }
}

fn operation(method: &str, path: &str, op: &Value, t: Tr) -> Markup {
    let parameters = op.get("parameters").and_then(Value::as_array);
    let body = op
        .pointer("/requestBody/content")
        .and_then(Value::as_object);
    let responses = op.get("responses").and_then(Value::as_object);
    let token = op
        .get("security")
        .and_then(Value::as_array)
        .is_some_and(|s| s.iter().any(|r| r.get("bearerAuth").is_some()));
    let description = |v: &Value| {
        markdown_in(
            v.get("description").and_then(Value::as_str).unwrap_or(""),
            t,
        )
    };
    html! {
        article class="operation" id=(operation_anchor(method, path, op)) {
            h3 { span class="method" { (method.to_uppercase()) } " " code class="path" { (path) } }
            @if let Some(s) = op.get("summary").and_then(Value::as_str) { p lang=[en(t)] { strong { (s) } } }
            @if token { p class="note" { (t.msg("api-bearer-optional")) } }
            @if let Some(d) = op.get("description").and_then(Value::as_str) { div class="prose" lang=[en(t)] { (markdown_in(d, t)) } }
            @if let Some(parameters) = parameters.filter(|p| !p.is_empty()) {
                h4 { (t.msg("api-parameters")) }
                (scroller(t, html! { table {
                    thead { tr {
                        th { (t.msg("api-column-name")) } th { (t.msg("api-column-in")) }
                        th { (t.msg("api-column-type")) } th { (t.msg("api-column-required")) }
                        th { (t.msg("api-column-description")) }
                    } }
                    tbody {
                        @for p in parameters {
                            tr {
                                td { code { (p.get("name").and_then(Value::as_str).unwrap_or("")) } }
                                td { (t.msg_args("api-param-in", &[("in", p.get("in").and_then(Value::as_str).unwrap_or("").into())])) }
                                td { (type_in(p.get("schema").unwrap_or(&Value::Null), 0, t)) }
                                td { @if p.get("required").and_then(Value::as_bool).unwrap_or(false) { (t.msg("api-yes")) } @else { (t.msg("api-no")) } }
                                td lang=[en(t)] { (description(p)) }
                            }
                        }
                    }
                } }))
            }
            @if let Some(body) = body {
                h4 { (t.msg("api-request-body")) }
                ul {
                    @for (media, content) in body {
                        li { code { (media) } ": " (type_in(content.get("schema").unwrap_or(&Value::Null), 0, t)) }
                    }
                }
            }
            @if let Some(responses) = responses {
                h4 { (t.msg("api-responses")) }
                (scroller(t, html! { table {
                    thead { tr {
                        th { (t.msg("api-column-status")) } th { (t.msg("api-column-content")) }
                        th { (t.msg("api-column-meaning")) }
                    } }
                    tbody {
                        @for (status, r) in responses {
                            tr {
                                td class="num" { (status) }
                                td { (response_content(r, t)) }
                                td lang=[en(t)] { (description(r)) }
                            }
                        }
                    }
                } }))
            }
        }
    }
}

fn response_content(r: &Value, t: Tr) -> Markup {
    let Some(content) = r.get("content").and_then(Value::as_object) else {
        return html! { (t.msg("api-no-content")) };
    };
    html! {
        @for (i, (media, c)) in content.iter().enumerate() {
            @if i > 0 { br; }
            code { (media) }
            @if let Some(s) = c.get("schema") { " " (type_in(s, 0, t)) }
        }
    }
}

/// The name a `$ref` points to (`#/components/schemas/Claim` → `Claim`).
fn ref_name(s: &Value) -> Option<&str> {
    s.get("$ref")?.as_str()?.rsplit('/').next()
}

/// A schema's type in a few words, in English (the tests read it).
#[cfg(test)]
fn type_of(s: &Value, depth: usize) -> Markup {
    type_in(s, depth, Tr::default())
}

/// A schema's type in a few words, with links to named schemas.
fn type_in(s: &Value, depth: usize, t: Tr) -> Markup {
    if let Some(name) = ref_name(s) {
        return html! { a href={ "#" (schema_anchor(name)) } { code { (name) } } };
    }
    if let Some(values) = s.get("enum").and_then(Value::as_array) {
        return html! {
            (t.msg("api-one-of")) " "
            @for (i, v) in values.iter().enumerate() { @if i > 0 { ", " } code { (v) } }
        };
    }
    if let Some(v) = s.get("const") {
        return html! { code { (v) } };
    }
    let or = t.msg("api-or");
    for key in ["oneOf", "anyOf"] {
        if let Some(options) = s.get(key).and_then(Value::as_array) {
            return html! {
                @for (i, o) in options.iter().enumerate() {
                    @if i > 0 { " " (or) " " }
                    (type_in(o, depth + 1, t))
                }
            };
        }
    }
    if let Some(all) = s.get("allOf").and_then(Value::as_array) {
        let and = t.msg("api-and");
        return html! {
            @for (i, o) in all.iter().enumerate() { @if i > 0 { " " (and) " " } (type_in(o, depth + 1, t)) }
        };
    }
    let types: Vec<&str> = match s.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if types.is_empty() {
        return html! { (t.msg("api-any")) };
    }
    html! {
        @for (i, ty) in types.iter().enumerate() {
            @if i > 0 { " " (or) " " }
            @match *ty {
                "array" => {
                    (t.msg("api-array-of")) " " (type_in(s.get("items").unwrap_or(&Value::Null), depth + 1, t))
                }
                "object" if depth < NESTING_MAX && s.get("properties").is_some() => {
                    (t.msg("api-object")) (properties(s, depth + 1, t))
                }
                "object" => {
                    @match s.get("additionalProperties") {
                        Some(v) if v.is_object() => { (t.msg("api-map-of")) " " (type_in(v, depth + 1, t)) }
                        _ => { (t.msg("api-object")) }
                    }
                }
                other => {
                    (t.msg_args("api-type", &[("type", other.into())]))
                    @if let Some(f) = s.get("format").and_then(Value::as_str) { " (" (f) ")" }
                }
            }
        }
    }
}

/// A named schema: its description, then its fields, or its type when it has none.
fn schema_body(s: &Value, depth: usize, t: Tr) -> Markup {
    html! {
        @if let Some(d) = s.get("description").and_then(Value::as_str) { div class="prose" lang=[en(t)] { (markdown_in(d, t)) } }
        @if s.get("properties").is_some() {
            (properties(s, depth, t))
        } @else {
            p { (t.msg("api-schema-type")) " " (type_in(s, depth, t)) }
        }
    }
}

/// An object's fields as a table (nested objects as nested tables).
fn properties(s: &Value, depth: usize, t: Tr) -> Markup {
    let empty = Map::new();
    let props = s
        .get("properties")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let required: Vec<&str> = s
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    scroller(
        t,
        html! { table class="fields" {
            thead { tr {
                th { (t.msg("api-column-field")) } th { (t.msg("api-column-type")) }
                th { (t.msg("api-column-description")) }
            } }
            tbody {
                @for (name, p) in props {
                    tr {
                        td {
                            code { (name) }
                            @if !required.contains(&name.as_str()) { " " span class="muted" { (t.msg("api-optional")) } }
                        }
                        td { (type_in(p, depth, t)) }
                        td lang=[en(t)] { (markdown_in(p.get("description").and_then(Value::as_str).unwrap_or(""), t)) }
                    }
                }
            }
        } },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_and_schema_of_the_document_is_on_the_page_with_working_links() {
        let spec = crate::openapi::spec();
        let page = render(&spec).into_string();
        let mut operations = 0;
        for (path, item) in spec["paths"].as_object().unwrap() {
            for method in METHODS {
                if let Some(op) = item.get(method) {
                    operations += 1;
                    let anchor = operation_anchor(method, path, op);
                    assert!(
                        page.contains(&format!("id=\"{anchor}\"")),
                        "{method} {path}"
                    );
                    assert!(
                        page.contains(&format!("href=\"#{anchor}\"")),
                        "{method} {path}"
                    );
                }
            }
        }
        assert!(operations >= 25, "{operations} operations");
        let schemas = spec["components"]["schemas"].as_object().unwrap();
        for name in schemas.keys() {
            assert!(
                page.contains(&format!("id=\"{}\"", schema_anchor(name))),
                "{name}"
            );
        }
        // Every link to a schema on the page has its target on the page.
        for link in page.split("href=\"#schema-").skip(1) {
            let anchor = &link[..link.find('"').unwrap()];
            assert!(
                page.contains(&format!("id=\"schema-{anchor}\"")),
                "{anchor}"
            );
        }
        // The entries' error table (Markdown in the document) is an HTML table here.
        assert!(
            page.contains("<td><code>unknown_truce</code></td>"),
            "the refusal codes table"
        );
    }

    #[test]
    fn raw_html_in_a_description_is_shown_as_text() {
        let out = markdown("a <script>alert(1)</script> b").into_string();
        assert!(!out.contains("<script>"), "{out}");
        assert!(out.contains("&lt;script&gt;"), "{out}");
    }

    #[test]
    fn types_read_as_words() {
        let t = |v: Value| type_of(&v, 0).into_string();
        assert_eq!(
            t(serde_json::json!({"type": "string", "format": "date-time"})),
            "string (date-time)"
        );
        assert_eq!(
            t(
                serde_json::json!({"type": "array", "items": {"$ref": "#/components/schemas/Claim"}})
            ),
            "array of <a href=\"#schema-claim\"><code>Claim</code></a>"
        );
        assert_eq!(
            t(serde_json::json!({"type": ["string", "null"]})),
            "string or null"
        );
        assert_eq!(
            t(serde_json::json!({"enum": ["a", "b"]})),
            "one of <code>&quot;a&quot;</code>, <code>&quot;b&quot;</code>"
        );
    }
}
