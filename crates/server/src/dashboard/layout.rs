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

/// A table's column heads in the reader's language: (message id, right-aligned).
pub(super) fn heads(t: Tr, ids: &[(&str, bool)]) -> Vec<(String, bool)> {
    ids.iter().map(|(id, num)| (t.msg(id), *num)).collect()
}

/// [`heads`] as [`table`] takes them.
pub(super) fn cols(heads: &[(String, bool)]) -> Vec<(&str, bool)> {
    heads
        .iter()
        .map(|(label, num)| (label.as_str(), *num))
        .collect()
}

pub(super) fn nav(current: Section, t: Tr) -> Markup {
    let items = [
        ("/", t.msg("nav-overview"), Section::Overview),
        ("/guarantors", t.msg("nav-guarantors"), Section::Guarantors),
        ("/fund", t.msg("nav-fund"), Section::Fund),
        (
            "/capabilities",
            t.msg("nav-capabilities"),
            Section::Capabilities,
        ),
        ("/measures", t.msg("nav-measures"), Section::Measures),
        ("/monitoring", t.msg("nav-monitoring"), Section::Monitoring),
        ("/charter", t.msg("nav-charter"), Section::Charter),
        ("/log", t.msg("nav-log"), Section::Log),
    ];
    html! {
        nav aria-label=(t.msg("nav-main-label")) { ul {
            @for (href, label, section) in items {
                li { a href=(href) aria-current=[(section == current).then_some("page")] { (label) } }
            }
            li { a href="/api" aria-current=[(current == Section::Api).then_some("page")] { (t.msg("nav-api")) } }
        } }
    }
}

fn footer(t: Tr) -> Markup {
    html! {
        footer class="site-footer" { div class="wrap" {
            p { strong { (t.msg("footer-does-title")) } " " (t.msg("footer-does-text")) }
            p { strong { (t.msg("footer-does-not-title")) } " " (t.msg("footer-does-not-text")) }
            p { a href="/log" { (t.msg("footer-verify-log")) } " \u{b7} " a href="/api" { (t.msg("footer-api-reference")) } " (" a href="/v1/openapi.json" { (t.msg("footer-openapi")) } ")" }
        } }
    }
}

/// The current page in `lang`: its path and query (but `fragment` and the old `lang`), then
/// `lang`. A path that could read as another host (`//…`) becomes the overview.
pub(super) fn switch_href(uri: &Uri, lang: Lang) -> String {
    let path = match uri.path() {
        p if p.starts_with('/') && !p.starts_with("//") => p,
        _ => "/",
    };
    let choice = format!("lang={}", lang.code());
    let mut query: Vec<&str> = uri
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|pair| {
            !pair.is_empty() && !pair.starts_with("lang=") && !pair.starts_with("fragment=")
        })
        .collect();
    query.push(&choice);
    format!("{path}?{}", query.join("&"))
}

/// "English · Українська": plain links to the current page in each language.
fn language_switch(t: Tr, uri: &Uri) -> Markup {
    html! {
        nav class="lang-switch" aria-label=(t.msg("lang-switch-label")) {
            @for (i, lang) in Lang::ALL.into_iter().enumerate() {
                @if i > 0 { " \u{b7} " }
                a href=(switch_href(uri, lang)) hreflang=(lang.code()) lang=(lang.code())
                    aria-current=[(lang == t.lang()).then_some("true")] { (lang.endonym()) }
            }
        }
    }
}

/// The units of a countdown ("d h min s"), space-separated, for the script: it writes no words
/// of its own.
fn countdown_units(t: Tr) -> String {
    [
        "live-unit-day",
        "live-unit-hour",
        "live-unit-minute",
        "live-unit-second",
    ]
    .map(|id| t.msg(id))
    .join(" ")
}

/// The words before and after a countdown's figures ("" and " left"; «залишилося » and ""): the
/// message is formatted around a marker and cut there, so each language places the figures.
fn countdown_left(t: Tr) -> (String, String) {
    const MARK: &str = "\u{E002}";
    let text = t.msg_args("live-left", &[("time", MARK.into())]);
    match text.split_once(MARK) {
        Some((before, after)) => (before.to_owned(), after.to_owned()),
        None => (String::new(), format!(" {text}")),
    }
}

/// The one layout every page shares, in English, its language switch pointing at the overview
/// (the page tests render pages without a request).
#[cfg(test)]
pub(super) fn layout(page: &Page) -> Markup {
    layout_in(page, Tr::default(), &Uri::from_static("/"))
}

/// The one layout every page shares, in the reader's language; `uri` is the page's own, which
/// the language switch links to.
pub(super) fn layout_in(page: &Page, t: Tr, uri: &Uri) -> Markup {
    let version = format!("{ASSET_VERSION:016x}");
    let (left_before, left_after) = countdown_left(t);
    html! {
        (PreEscaped("<!doctype html>\n"))
        html lang=(t.lang().code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (t.msg_args("page-title", &[("title", page.title.as_str().into())])) }
                link rel="stylesheet" href={ "/assets/dashboard.css?v=" (version) };
                script src={ "/assets/dashboard.js?v=" (version) } defer {}
            }
            body {
                a class="skip" href="#main" { (t.msg("skip-link")) }
                header class="site-header" { div class="wrap" {
                    a class="brand" href="/" { (t.msg("brand-name")) small { (t.msg("brand-tagline")) } }
                    (nav(page.section, t))
                    p id="live" class="live" data-state="static" role="status" hidden
                        data-live=(t.msg("live-connected")) data-reconnecting=(t.msg("live-reconnecting"))
                        data-reached=(t.msg("live-deadline-reached"))
                        data-units=(countdown_units(t))
                        data-left-before=(left_before) data-left-after=(left_after) {
                        span class="live-text" { (t.msg("live-static")) }
                    }
                    (language_switch(t, uri))
                } }
                main id="main" class="wrap" tabindex="-1" { "\n" (page.main) "\n" }
                (footer(t))
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

/// The page in its layout in the chosen language, or only its `<main>` content for
/// `?fragment=main`.
pub(super) fn respond(page: Page, uri: &Uri, chosen: Chosen) -> Response {
    let status = page.status;
    let body = if wants_fragment(uri) {
        page.main.into_string()
    } else {
        layout_in(&page, chosen.tr(), uri).into_string()
    };
    let mut response = (status, body).into_response();
    html_headers(&mut response);
    chosen.headers(response.headers_mut());
    response
}

/// A refusal as a page. Its detail is the API's own wording (English), under a heading in the
/// reader's language.
pub(super) fn error_page(p: &Problem, t: Tr) -> Page {
    let status = StatusCode::from_u16(p.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let reason = status.canonical_reason().unwrap_or("Error");
    let title = t.msg_args(
        "error-title",
        &[
            ("reason", reason.into()),
            ("status", status.as_u16().into()),
        ],
    );
    Page {
        title: title.clone(),
        section: Section::Other,
        main: html! {
            h1 { (title) }
            p { (p.detail) }
            p { a href="/" { (t.msg("back-to-overview")) } }
        },
        status,
    }
}

/// The page for a claim the log does not hold.
pub(super) fn claim_not_found(id: &str, t: Tr) -> Page {
    Page {
        title: t.msg("not-found-title"),
        section: Section::Other,
        main: html! {
            h1 { (t.msg("not-found-title")) }
            p { (t.rich("not-found-claim", &[], &[("id", html! { code { (id) } })])) }
            p { a href="/" { (t.msg("back-to-overview")) } }
        },
        status: StatusCode::NOT_FOUND,
    }
}

/// Gathers a page's data on the node thread (a consistent view of the log), then renders it.
pub(super) async fn page_of<T: Send + 'static>(
    app: &AppState,
    t: Tr,
    gather: impl FnOnce(&View) -> T + Send + 'static,
    render: impl FnOnce(T, &Names) -> Page,
) -> Page {
    match app.read(gather).await {
        Ok(data) => render(
            data,
            &Names::new(app.history(), app.clock().now()).in_lang(t),
        ),
        Err(p) => error_page(&p, t),
    }
}
