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
    Measures,
    Monitoring,
    Charter,
    Log,
    Api,
    Other,
}

/// A rendered page: its title (plain text), where it sits in the navigation, the inner HTML of
/// its `<main>`, and its status.
pub(super) struct Page {
    pub(super) title: String,
    pub(super) section: Section,
    pub(super) main: Markup,
    pub(super) status: StatusCode,
}

impl Page {
    pub(super) fn ok(title: impl Into<String>, section: Section, main: Markup) -> Self {
        Self {
            title: title.into(),
            section,
            main,
            status: StatusCode::OK,
        }
    }
}

pub(super) fn nav(current: Section) -> Markup {
    let items = [
        ("/", "Overview", Section::Overview),
        ("/guarantors", "Guarantors", Section::Guarantors),
        ("/fund", "Fund", Section::Fund),
        ("/capabilities", "Capabilities", Section::Capabilities),
        ("/measures", "Measures", Section::Measures),
        ("/monitoring", "Monitoring", Section::Monitoring),
        ("/charter", "Charter", Section::Charter),
        ("/log", "Log", Section::Log),
    ];
    html! {
        nav aria-label="Main" { ul {
            @for (href, label, section) in items {
                li { a href=(href) aria-current=[(section == current).then_some("page")] { (label) } }
            }
            li { a href="/api" aria-current=[(current == Section::Api).then_some("page")] { "API" } }
        } }
    }
}

fn footer() -> Markup {
    html! {
        footer class="site-footer" { div class="wrap" {
            p { strong { "What this system does." } " It records a codified security guarantee for Ukraine: claims of ceasefire violations, the guarantors\u{2019} votes and decisions, the automatic \u{201c}snapback\u{201d} activations they lead to, and the commitments of money and deliveries those activations create. Every entry is signed and kept in an append-only transparency log that anyone can verify independently." }
            p { strong { "What it does not do." } " It holds no targeting, intelligence content or operational information, and it plans or directs no operations. Classified evidence appears only as metadata (its source kind and digest), and only to readers cleared for it." }
            p { a href="/log" { "How to verify the log" } " \u{b7} " a href="/api" { "API reference" } " (" a href="/v1/openapi.json" { "OpenAPI" } ")" }
        } }
    }
}

/// The one layout every page shares.
pub(super) fn layout(page: &Page) -> Markup {
    let version = format!("{ASSET_VERSION:016x}");
    html! {
        (PreEscaped("<!doctype html>\n"))
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (page.title) " \u{b7} Snapback guarantee record" }
                link rel="stylesheet" href={ "/assets/dashboard.css?v=" (version) };
                script src={ "/assets/dashboard.js?v=" (version) } defer {}
            }
            body {
                a class="skip" href="#main" { "Skip to main content" }
                header class="site-header" { div class="wrap" {
                    a class="brand" href="/" { "Snapback guarantee" small { "Public record" } }
                    (nav(page.section))
                    p id="live" class="live" data-state="static" role="status" hidden {
                        span class="live-text" { "Static page" }
                    }
                } }
                main id="main" class="wrap" tabindex="-1" { "\n" (page.main) "\n" }
                (footer())
            }
        }
    }
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
        page.main.into_string()
    } else {
        layout(&page).into_string()
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
        main: html! {
            h1 { (title) }
            p { (p.detail) }
            p { a href="/" { "Back to the overview" } }
        },
        status,
    }
}

pub(super) fn not_found(what: &str, id: &str) -> Page {
    Page {
        title: "Not found".to_owned(),
        section: Section::Other,
        main: html! {
            h1 { "Not found" }
            p { "The log holds no " (what) " with the id " code { (id) } "." }
            p { a href="/" { "Back to the overview" } }
        },
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
