//! The dashboard in English and Ukrainian: both message files load and define the same messages,
//! every message the code asks for exists, and the translated pages show no missing message and
//! no English navigation, whichever way the reader chose Ukrainian.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt as _;
use snapback_i18n::check;
use tower::ServiceExt as _;

use super::Fixture;
use crate::app::app;
use crate::dashboard::i18n::{DASHBOARD, Lang};

/// Message id → its attributes, as `lang`'s file defines them.
fn messages(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let file = DASHBOARD.file(lang);
    check::messages(file.path, file.source).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn both_message_files_load_and_define_the_same_messages_and_attributes() {
    let problems = check::consistent(&DASHBOARD);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(messages(Lang::En).len() > 100);
}

#[test]
fn every_message_the_code_uses_exists_in_both_languages() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/dashboard");
    let used = check::ids_in_sources(&dir, &["msg(\"", "msg_args(\"", "rich(\""]).unwrap();
    assert!(used.len() > 100, "only {} ids found: {used:?}", used.len());
    let missing = check::missing(&DASHBOARD, &used);
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// How a reader asks for Ukrainian.
#[derive(Debug, Clone, Copy)]
enum Ask {
    Query,
    AcceptLanguage,
    Cookie,
}

async fn get(f: &Fixture, uri: &str, ask: Option<Ask>) -> (StatusCode, HeaderMap, String) {
    let uri = match ask {
        Some(Ask::Query) if uri.contains('?') => format!("{uri}&lang=uk"),
        Some(Ask::Query) => format!("{uri}?lang=uk"),
        _ => uri.to_owned(),
    };
    let mut request = Request::builder().uri(&uri);
    match ask {
        Some(Ask::AcceptLanguage) => {
            request = request.header("accept-language", "uk-UA,uk;q=0.9,en;q=0.5");
        }
        Some(Ask::Cookie) => request = request.header("cookie", "theme=dark; lang=uk"),
        _ => {}
    }
    f.send(request).await
}

/// The page's text, tags left out (attribute values such as ids and classes are not text).
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Whether `word` stands alone in `text` (not inside a longer id).
fn has_word(text: &str, word: &str) -> bool {
    let is_id = |c: char| c.is_ascii_alphanumeric() || c == '-';
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(is_id) && !after.is_some_and(is_id)
    })
}

/// The marks a missing message or argument would leave, and English navigation.
fn assert_ukrainian(uri: &str, body: &str, known: &str) {
    assert!(body.contains(r#"<html lang="uk">"#), "{uri}: {body}");
    assert!(body.contains(known), "{uri} lacks “{known}”: {body}");
    assert!(
        !body.contains('{') && !body.contains('}'),
        "{uri} shows a Fluent placeholder: {body}"
    );
    let text = text_of(body);
    for id in messages(Lang::En).keys() {
        assert!(!has_word(&text, id), "{uri} shows the message id `{id}`");
    }
    for english in [
        ">Overview<",
        ">Guarantors<",
        ">Fund<",
        ">Capabilities<",
        ">Measures<",
        ">Monitoring<",
        ">Charter<",
        ">Log<",
        "Skip to main content",
        "Static page",
        "What this system does",
        "How to verify the log",
        "Back to the overview",
    ] {
        assert!(!body.contains(english), "{uri} shows “{english}”");
    }
}

#[tokio::test]
async fn translated_pages_read_in_ukrainian_however_it_is_chosen() {
    let f = Fixture::populated("i18n-uk").await;
    let pages = [
        ("/", StatusCode::OK, "Відкриті заяви"),
        ("/?from=50", StatusCode::OK, "Рішення в процесі"),
        ("/claims/C-1", StatusCode::OK, "Хронологія"),
        ("/claims/C-2", StatusCode::OK, "Що було далі"),
        (
            "/claims/C-404",
            StatusCode::NOT_FOUND,
            "Журнал не містить заяви",
        ),
        ("/?from=x", StatusCode::BAD_REQUEST, "Неправильний запит"),
        (
            "/guarantors",
            StatusCode::OK,
            "Виконання зобов’язань гарантами",
        ),
        ("/log", StatusCode::OK, "Журнал прозорості"),
        (
            "/log?before=x",
            StatusCode::BAD_REQUEST,
            "Неправильний запит",
        ),
    ];
    for ask in [Ask::Query, Ask::AcceptLanguage, Ask::Cookie] {
        for (uri, status, known) in pages {
            let (got, headers, body) = get(&f, uri, Some(ask)).await;
            assert_eq!(got, status, "{uri} {ask:?}");
            assert_ukrainian(&format!("{uri} ({ask:?})"), &body, known);
            assert_eq!(headers["vary"], "Accept-Language, Cookie", "{uri}");
            match ask {
                Ask::Query => assert_eq!(
                    headers["set-cookie"],
                    "lang=uk; Path=/; SameSite=Lax; Max-Age=31536000"
                ),
                _ => assert!(headers.get("set-cookie").is_none(), "{uri} {ask:?}"),
            }
        }
    }
    f.stop().await;
}

#[tokio::test]
async fn plurals_and_the_language_switch_follow_the_reader() {
    let f = Fixture::populated("i18n-switch").await;
    let (_, _, body) = get(&f, "/claims/C-1?lang=uk", None).await;
    // The switch keeps the page; the current language is marked.
    assert!(
        body.contains(r#"href="/claims/C-1?lang=en" hreflang="en" lang="en">English</a>"#),
        "{body}"
    );
    assert!(
        body.contains(r#"href="/claims/C-1?lang=uk" hreflang="uk" lang="uk" aria-current="true">Українська</a>"#),
        "{body}"
    );
    // Two open claims and one activation in Ukrainian plural forms.
    let (_, _, overview) = get(&f, "/?lang=uk", None).await;
    assert!(
        overview.contains("<strong>1</strong> активація"),
        "{overview}"
    );
    assert!(overview.contains("відкрита заява") || overview.contains("відкриті заяви"));
    // A later `?lang=en` wins over the cookie and sets it back.
    let request = Request::builder()
        .uri("/?lang=en")
        .header("cookie", "lang=uk")
        .body(Body::empty())
        .unwrap();
    let response = app(f.state().clone()).oneshot(request).await.unwrap();
    assert_eq!(
        response.headers()["set-cookie"],
        "lang=en; Path=/; SameSite=Lax; Max-Age=31536000"
    );
    f.stop().await;
}

#[tokio::test]
async fn a_live_update_of_a_ukrainian_page_stays_ukrainian() {
    let f = Fixture::populated("i18n-fragment").await;
    // The script fetches the page's own URL (keeping `?lang=`) with `fragment=main`, cookie sent.
    for (uri, ask) in [
        ("/?lang=uk&fragment=main", None),
        ("/?fragment=main", Some(Ask::Cookie)),
        ("/claims/C-1?fragment=main", Some(Ask::Cookie)),
    ] {
        let (status, _, body) = get(&f, uri, ask).await;
        assert_eq!(status, StatusCode::OK);
        assert!(!body.contains("<html"), "{uri}: a fragment is not a page");
        assert!(
            body.contains("Відкриті заяви") || body.contains("Хронологія"),
            "{uri}: {body}"
        );
        assert!(
            !body.contains("Open claims") && !body.contains("Timeline"),
            "{uri}"
        );
    }
    f.stop().await;
}

#[tokio::test]
async fn english_pages_are_unchanged_by_the_switch() {
    let f = Fixture::populated("i18n-en").await;
    for uri in ["/", "/claims/C-1", "/claims/C-404", "/guarantors", "/log"] {
        let (_, _, plain) = get(&f, uri, None).await;
        assert!(plain.contains(r#"<html lang="en">"#), "{uri}");
        // English asked for every way reads exactly as English by default.
        let (_, _, asked) = get(&f, &format!("{uri}?lang=en"), None).await;
        assert_eq!(plain, asked, "{uri}");
        let request = Request::builder()
            .uri(uri)
            .header("accept-language", "de-DE,de;q=0.9,fr;q=0.5")
            .body(Body::empty())
            .unwrap();
        let response = app(f.state().clone()).oneshot(request).await.unwrap();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        assert_eq!(plain, String::from_utf8(bytes.to_vec()).unwrap(), "{uri}");
    }
    f.stop().await;
}

#[tokio::test]
async fn an_empty_log_reads_in_ukrainian_too() {
    let f = Fixture::empty("i18n-empty").await;
    for (uri, known) in [
        ("/?lang=uk", "Жодна заява не очікує рішення."),
        ("/guarantors?lang=uk", "Жодна активація ще не поклала"),
        ("/log?lang=uk", "Журнал ще не містить записів."),
    ] {
        let (status, _, body) = get(&f, uri, None).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert_ukrainian(uri, &body, known);
    }
    f.stop().await;
}
