//! The one layout, and the responses every page shares.

use super::*;

// ---------------------------------------------------------------------------------------------
// Layout and responses
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Section {
    Overview,
    Guarantors,
    Fund,
    Capabilities,
    Log,
    Other,
}

/// A rendered page: its title (plain text), where it sits in the navigation, the inner HTML of
/// its `<main>`, and its status.
pub(super) struct Page {
    pub(super) title: String,
    pub(super) section: Section,
    pub(super) main: String,
    pub(super) status: StatusCode,
}

impl Page {
    pub(super) fn ok(title: impl Into<String>, section: Section, main: String) -> Self {
        Self {
            title: title.into(),
            section,
            main,
            status: StatusCode::OK,
        }
    }
}

pub(super) fn nav(current: Section) -> String {
    let items = [
        ("/", "Overview", Section::Overview),
        ("/guarantors", "Guarantors", Section::Guarantors),
        ("/fund", "Fund", Section::Fund),
        ("/capabilities", "Capabilities", Section::Capabilities),
        ("/log", "Log", Section::Log),
    ];
    let mut s = String::from(r#"<nav aria-label="Main"><ul>"#);
    for (href, label, section) in items {
        let here = if section == current {
            r#" aria-current="page""#
        } else {
            ""
        };
        let _ = write!(s, r#"<li><a href="{href}"{here}>{label}</a></li>"#);
    }
    s.push_str(r#"<li><a href="/v1/openapi.json">API</a></li></ul></nav>"#);
    s
}

pub(super) const FOOTER: &str = r#"<footer class="site-footer"><div class="wrap">
<p><strong>What this system does.</strong> It records a codified security guarantee for Ukraine: claims of ceasefire violations, the guarantors' votes and decisions, the automatic &ldquo;snapback&rdquo; activations they lead to, and the commitments of money and deliveries those activations create. Every entry is signed and kept in an append-only transparency log that anyone can verify independently.</p>
<p><strong>What it does not do.</strong> It holds no targeting, intelligence content or operational information, and it plans or directs no operations. Classified evidence appears only as metadata (its source kind and digest), and only to readers cleared for it.</p>
<p><a href="/log">How to verify the log</a> &middot; <a href="/v1/openapi.json">API description (OpenAPI)</a></p>
</div></footer>"#;

/// The one layout every page shares.
pub(super) fn layout(page: &Page) -> String {
    let v = ASSET_VERSION;
    format!(
        r##"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} &middot; Snapback guarantee record</title>
<link rel="stylesheet" href="/assets/dashboard.css?v={v:016x}">
<script src="/assets/dashboard.js?v={v:016x}" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to main content</a>
<header class="site-header"><div class="wrap">
<a class="brand" href="/">Snapback guarantee<small>Public record</small></a>
{nav}
<p id="live" class="live" data-state="static" role="status" hidden><span class="live-text">Static page</span></p>
</div></header>
<main id="main" class="wrap" tabindex="-1">
{main}
</main>
{FOOTER}
</body>
</html>
"##,
        title = escape(&page.title),
        nav = nav(page.section),
        main = page.main,
    )
}

pub(super) fn html_headers(response: &mut Response) {
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
}

/// Whether the request asks for the inner HTML of `<main>` only (`?fragment=main`).
pub(super) fn wants_fragment(uri: &Uri) -> bool {
    uri.query()
        .is_some_and(|q| q.split('&').any(|pair| pair == "fragment=main"))
}

/// The page in its layout, or only its `<main>` content for `?fragment=main`.
pub(super) fn respond(page: Page, uri: &Uri) -> Response {
    let status = page.status;
    let body = if wants_fragment(uri) {
        page.main
    } else {
        layout(&page)
    };
    let mut response = (status, body).into_response();
    html_headers(&mut response);
    response
}

pub(super) fn error_page(p: &Problem) -> Page {
    let status = StatusCode::from_u16(p.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let title = status.canonical_reason().unwrap_or("Error");
    Page {
        title: title.to_owned(),
        section: Section::Other,
        main: format!(
            r#"<h1>{}</h1><p>{}</p><p><a href="/">Back to the overview</a></p>"#,
            escape(title),
            escape(&p.detail)
        ),
        status,
    }
}

pub(super) fn not_found(what: &str, id: &str) -> Page {
    Page {
        title: "Not found".to_owned(),
        section: Section::Other,
        main: format!(
            r#"<h1>Not found</h1><p>The log holds no {} with the id <code>{}</code>.</p><p><a href="/">Back to the overview</a></p>"#,
            escape(what),
            escape(id)
        ),
        status: StatusCode::NOT_FOUND,
    }
}

/// Gathers a page's data on the node thread (a consistent view of the log), then renders it.
pub(super) async fn page_of<T: Send + 'static>(
    app: &AppState,
    gather: impl FnOnce(&View) -> T + Send + 'static,
    render: impl FnOnce(T, &Names) -> Page,
) -> Page {
    match app.read(gather).await {
        Ok(data) => render(data, &Names::new(app.history(), app.clock().now())),
        Err(p) => error_page(&p),
    }
}
