//! The dashboard in English and Ukrainian: both message files load and define the same messages,
//! every message the code asks for exists, and every page and sub-page shows no missing message
//! and none of the English headings, whichever way the reader chose Ukrainian (the OpenAPI
//! document's own words on `/api`, marked `lang="en"`, aside).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt as _;
use snapback_i18n::check;
use tower::ServiceExt as _;

use jiff::SignedDuration;

use super::{FUND, Fixture, start_time};
use crate::app::app;
use crate::dashboard::i18n::{DASHBOARD, Lang, Tr};
use crate::dashboard::layout::layout_in;

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

/// `html` without the elements that are English on purpose: those marked `lang="en"` (the
/// OpenAPI document's words on `/api`, the switch's "English") and `<code>` (paths, commands,
/// ids).
fn without_english(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open..open + close + 1];
        let name: String = tag[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let skip = !name.is_empty() && (name == "code" || tag.contains(r#" lang="en""#));
        if !skip {
            out.push_str(tag);
            rest = &rest[open + close + 1..];
            continue;
        }
        // Skip to the element's own end tag, counting nested elements of the same name.
        let (start, end) = (format!("<{name}"), format!("</{name}>"));
        let mut depth = 1;
        let mut at = open + close + 1;
        while depth > 0 {
            let next_end = rest[at..].find(&end).map(|i| at + i);
            let next_start = rest[at..]
                .match_indices(&start)
                .map(|(i, _)| at + i)
                .find(|&i| matches!(rest[i + start.len()..].chars().next(), Some(' ' | '>')));
            match (next_start, next_end) {
                (Some(s), Some(e)) if s < e => {
                    depth += 1;
                    at = s + start.len();
                }
                (_, Some(e)) => {
                    depth -= 1;
                    at = e + end.len();
                }
                (_, None) => panic!("<{name}> is never closed"),
            }
        }
        rest = &rest[at..];
    }
    out.push_str(rest);
    out
}

/// English words a Ukrainian page must not show: the navigation and footer, and distinctive
/// headings and sentences of every page.
const ENGLISH: [&str; 44] = [
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
    // The fund.
    "Stabilization Fund",
    "Contributors",
    "Surge calls",
    "Tranches",
    "Exchange rates",
    "Latest transfers",
    "Mode history",
    "Balances over time",
    "The books balance",
    // The capability tracker.
    "Capability tracker",
    "Readiness board",
    "Deliveries",
    "Stockpiles",
    "Restrictions",
    "Standing contracts",
    "Promised and actual dates",
    "Throughput against capacity",
    "Nothing to track",
    // Measures and monitoring.
    "Each measure, step by step",
    "Over time",
    "keeps no register",
    "Series against their thresholds",
    "No monitor has reported",
    "windows with reports shown",
    // The API reference's own words.
    "API reference",
    "Operations",
    "Parameters",
    "Responses",
    "Request body",
    "Schemas",
    "Legend",
];

/// The marks a missing message or argument would leave, and English words.
fn assert_ukrainian(uri: &str, body: &str, known: &str) {
    assert!(body.contains(r#"<html lang="uk">"#), "{uri}: {body}");
    assert!(body.contains(known), "{uri} lacks “{known}”: {body}");
    let ours = without_english(body);
    assert!(
        !ours.contains('{') && !ours.contains('}'),
        "{uri} shows a Fluent placeholder: {ours}"
    );
    let text = text_of(&ours);
    for id in messages(Lang::En).keys() {
        assert!(!has_word(&text, id), "{uri} shows the message id `{id}`");
    }
    // An id neither file defines shows as itself: the ids in tables of ids (column heads, tabs,
    // legends) are not found by the scan of `msg("…")` calls, so look for their shape.
    let families = messages(Lang::En)
        .keys()
        .filter_map(|id| id.split_once('-').map(|(family, _)| format!("{family}-")))
        .collect::<BTreeSet<_>>();
    for token in text.split_whitespace() {
        let id_like = token
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        assert!(
            !(id_like && families.iter().any(|f| token.starts_with(f.as_str()))),
            "{uri} shows `{token}`, an id no message file defines"
        );
    }
    let text = text_of(&ours);
    for english in ENGLISH {
        let found = if english.starts_with('>') {
            ours.contains(english)
        } else {
            has_word(&text, english)
        };
        assert!(!found, "{uri} shows “{english}”");
    }
}

/// Every page and sub-page of the dashboard, with a phrase each shows in Ukrainian over
/// [`Fixture::populated`] (its status, then the phrase).
const PAGES: [(&str, StatusCode, &str); 19] = [
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
    (
        "/fund",
        StatusCode::OK,
        "Чинний статут не створює Стабілізаційного фонду",
    ),
    (
        "/capabilities",
        StatusCode::OK,
        "Облік спроможностей: Готовність",
    ),
    (
        "/capabilities/deliveries",
        StatusCode::OK,
        "Облік спроможностей: Постачання",
    ),
    (
        "/capabilities/stockpiles",
        StatusCode::OK,
        "Облік спроможностей: Запаси",
    ),
    (
        "/capabilities/training",
        StatusCode::OK,
        "Облік спроможностей: Підготовка",
    ),
    (
        "/capabilities/restrictions",
        StatusCode::OK,
        "Облік спроможностей: Обмеження",
    ),
    (
        "/measures",
        StatusCode::OK,
        "Статут не веде реєстру заходів",
    ),
    ("/monitoring", StatusCode::OK, "Жодна моніторингова місія"),
    ("/charter", StatusCode::OK, "<dt>Правило голосування</dt>"),
    ("/api", StatusCode::OK, "Тіло запиту"),
];

#[tokio::test]
async fn translated_pages_read_in_ukrainian_however_it_is_chosen() {
    let f = Fixture::populated("i18n-uk").await;
    for ask in [Ask::Query, Ask::AcceptLanguage, Ask::Cookie] {
        for (uri, status, known) in PAGES {
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
    for (uri, _, _) in PAGES {
        if uri.contains('?') {
            continue;
        }
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
        ("/fund?lang=uk", "Статут створює фонд таблицею"),
        ("/capabilities?lang=uk", "Обліковувати нічого"),
        ("/capabilities/deliveries?lang=uk", "Обліковувати нічого"),
        ("/capabilities/stockpiles?lang=uk", "Обліковувати нічого"),
        ("/capabilities/training?lang=uk", "Обліковувати нічого"),
        ("/capabilities/restrictions?lang=uk", "Обліковувати нічого"),
        ("/measures?lang=uk", "Статут не веде реєстру заходів"),
        ("/monitoring?lang=uk", "Жодна моніторингова місія"),
        ("/charter?lang=uk", "<h2>Версії</h2>"),
        ("/api?lang=uk", "Довідка з API"),
    ] {
        let (status, _, body) = get(&f, uri, None).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert_ukrainian(uri, &body, known);
    }
    f.stop().await;
}

#[tokio::test]
async fn the_fund_and_the_capability_tracker_with_figures_read_in_ukrainian() {
    let f = Fixture::fund_populated("i18n-fund").await;
    for ask in [Ask::Query, Ask::AcceptLanguage, Ask::Cookie] {
        let (status, _, body) = get(&f, "/fund", Some(ask)).await;
        assert_eq!(status, StatusCode::OK);
        assert_ukrainian(
            &format!("/fund ({ask:?})"),
            &body,
            "Виклики додаткових коштів",
        );
        for phrase in [
            "У конфліктному режимі з",
            "Рахунки збалансовані",
            "Основний (сплачений капітал)",
            "Учасники, у EUR",
            "сплачено 1 з 3 часток",
            "Залишки в часі",
        ] {
            assert!(body.contains(phrase), "/fund lacks “{phrase}”: {body}");
        }
    }
    f.stop().await;

    let f = crate::dashboard::capabilities::tests::populated("i18n-caps").await;
    for (uri, known) in [
        ("/capabilities", "Таблиця готовності"),
        (
            "/capabilities/deliveries",
            "Виконання постачань за донорами",
        ),
        ("/capabilities/stockpiles", "Запаси за місцями"),
        ("/capabilities/training", "Навчальні центри"),
        ("/capabilities/restrictions", "Діють: 1, знято: 1."),
    ] {
        let (status, _, body) = get(&f, uri, Some(Ask::Query)).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert_ukrainian(uri, &body, known);
    }
    f.stop().await;
}

#[test]
fn the_measures_and_monitoring_pages_with_content_read_in_ukrainian() {
    let uk = Tr::new(Lang::Uk);
    let uri = axum::http::Uri::from_static("/measures");
    let at: jiff::Timestamp = "2025-02-01T00:00:00Z".parse().unwrap();
    let page = crate::dashboard::measures::measures_page_in(
        &super::measures::view("2025-02-01T00:00:00Z"),
        at,
        uk,
    );
    let body = layout_in(&page, uk, &uri).into_string();
    assert_ukrainian("/measures", &body, "Кожен захід, крок за кроком");
    assert!(body.contains("(загроза)"), "{body}");
    let page = crate::dashboard::monitoring::monitoring_page_in(&super::monitoring::view(), uk);
    let body = layout_in(&page, uk, &uri).into_string();
    assert_ukrainian("/monitoring", &body, "Ряди порівняно з порогами");
    assert!(
        body.contains("вікно до 2026-03-31 16:30: 140 (сповіщення)"),
        "{body}"
    );
}

#[tokio::test]
async fn the_live_script_takes_its_words_from_the_page() {
    let f = Fixture::populated("i18n-live").await;
    let (_, _, uk) = get(&f, "/?lang=uk", None).await;
    for attribute in [
        r#"data-live="Наживо""#,
        r#"data-reconnecting="Повторне з’єднання…""#,
        r#"data-reached="строк минув""#,
        r#"data-units="дн. год хв с""#,
        r#"data-left-before="залишилося ""#,
        r#"data-left-after="""#,
    ] {
        assert!(uk.contains(attribute), "{attribute}: {uk}");
    }
    let (_, _, en) = get(&f, "/", None).await;
    for attribute in [
        r#"data-live="Live""#,
        r#"data-reconnecting="Reconnecting…""#,
        r#"data-reached="deadline reached""#,
        r#"data-units="d h min s""#,
        r#"data-left-before="""#,
        r#"data-left-after=" left""#,
    ] {
        assert!(en.contains(attribute), "{attribute}: {en}");
    }
    // The script itself has no words of either language.
    let script = include_str!("../../../assets/dashboard.js");
    let code: String = script
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect();
    for english in [
        "\"Live\"",
        "Reconnecting",
        "deadline reached",
        "\" left\"",
        "\" min\"",
        "\" h\"",
    ] {
        assert!(!code.contains(english), "dashboard.js writes “{english}”");
    }
    f.stop().await;
}

/// The fund page with a loan (repaid once from a revenue stream), a guarantee and bilateral aid
/// by value: its panels in English, and in Ukrainian with no missing message.
#[tokio::test]
async fn the_fund_page_with_loans_guarantees_and_bilateral_aid_reads_in_both_languages() {
    let f = Fixture::fund_populated("i18n-instruments").await;
    f.submit("SEC", serde_json::json!({ "type": "fund.loan_disbursed", "transfer": "L1", "purpose": "reconstruction", "recipient": "UA", "amount": "120.00", "currency": "EUR", "rate": "0.06", "periods_per_year": 2, "grace_periods": 1, "repayment_periods": 2, "reference": "Loan L1" })).await;
    f.submit("SEC", serde_json::json!({ "type": "fund.loan_repaid", "transfer": "R1", "loan": "L1", "amount": "3.60", "currency": "EUR", "source": "windfall profits" })).await;
    f.submit("SEC", serde_json::json!({ "type": "fund.guarantee_issued", "transfer": "G-1", "purpose": "reconstruction", "recipient": "LENDER", "amount": "40.00", "currency": "EUR", "valid_until": "2030-01-01T00:00:00Z", "reference": "Guarantee" })).await;
    f.submit("SEC", serde_json::json!({ "type": "aid.valued", "flow": "F1", "donor": "NO", "aid_type": "financial", "stage": "allocated", "amount": "7.00", "currency": "EUR" })).await;
    let (status, _, en) = get(&f, "/fund", None).await;
    assert_eq!(status, StatusCode::OK);
    for part in [
        r#"<section class="panel" aria-labelledby="loans-section-h">"#,
        r#"<tr data-loan="L1" data-overdue="0">"#,
        "6% a year, 2 instalments a year, 1 of grace, annuity",
        "1 of 3 instalments paid",
        "windfall profits",
        r#"<tr data-guarantee="G-1" data-status="open">"#,
        r#"<table id="bilateral-aid">"#,
        r#"<tr data-donor="NO" data-aid-type="financial">"#,
    ] {
        assert!(en.contains(part), "{part}: {en}");
    }
    let (status, _, uk) = get(&f, "/fund", Some(Ask::Query)).await;
    assert_eq!(status, StatusCode::OK);
    assert_ukrainian("/fund", &uk, "Позики");
    for part in [
        "Гарантії",
        "Двостороння допомога поруч із фондом",
        "сплачено 1 з 3 внесків",
    ] {
        assert!(uk.contains(part), "{part}: {uk}");
    }
    f.stop().await;
}

/// A programme of the test fund: T1 waits on one IMF review (verified by G3), T2 on a milestone
/// that is still unverified an hour after the clock starts.
const PROGRAMME: &str = r#"
[[fund.programme]]
id = "plan"
name = "Ukraine Plan support"
recipient = "UA"
purpose = "reconstruction"
article = "Art. 6(4)"

[[fund.programme.tranche]]
id = "T1"
amount = "100.00"
by = 2026-03-01T01:00:00Z

[[fund.programme.tranche.condition]]
id = "imf-review"
kind = "imf_review"
text = "The programme review is completed"
verifier = "G3"

[[fund.programme.tranche]]
id = "T2"
amount = "50.00"
by = 2026-03-01T01:00:00Z

[[fund.programme.tranche.condition]]
id = "customs-code"
kind = "milestone"
text = "The Customs Code is adopted"
verifier = "G3"
"#;

/// The fund page with a programme: a tranche paid when its condition was verified, one held on
/// its date naming the unverified condition; in English and in Ukrainian with no missing message.
#[tokio::test]
async fn the_fund_page_shows_programme_tranches_paid_and_held_naming_the_condition() {
    let f = Fixture::with_extra("i18n-programme", &format!("{FUND}{PROGRAMME}")).await;
    f.submit("G1", serde_json::json!({ "type": "fund.paid_in", "transfer": "G1-PAY", "amount": "500.00", "currency": "EUR", "reference": "capital" })).await;
    f.submit("G3", serde_json::json!({ "type": "fund.condition_met", "programme": "plan", "tranche": "T1", "condition": "imf-review", "reference": "IMF press release" })).await;
    f.clock.set(start_time() + SignedDuration::from_hours(2));
    f.state().node().advance().await.unwrap();
    let (status, _, en) = get(&f, "/fund", None).await;
    assert_eq!(status, StatusCode::OK);
    for part in [
        r#"<section class="panel" aria-labelledby="programmes-section-h">"#,
        r#"<tr data-tranche="T1" data-status="paid">"#,
        r#"<tr data-tranche="T2" data-status="held">"#,
        r#"<li data-condition="customs-code" data-met="false">"#,
        "is held: by",
        "this condition was not verified: customs-code (reform milestone, verified by G3",
        r#"<a class="article-link" href="/charter#art-6-4">Art. 6(4)</a>"#,
    ] {
        assert!(en.contains(part), "{part}: {en}");
    }
    let (status, _, uk) = get(&f, "/fund", Some(Ask::Query)).await;
    assert_eq!(status, StatusCode::OK);
    assert_ukrainian("/fund", &uk, "Програми");
    for part in [
        "затримано: до",
        "не перевірено умову: customs-code (індикатор реформ, перевіряє G3",
    ] {
        assert!(uk.contains(part), "{part}: {uk}");
    }
    f.stop().await;
}

/// The test fund's G2 needs its parliament's appropriation before a surge share is due.
const APPROPRIATION: &str = "appropriation = \"Parliament of G2\"\n";

/// The fund page when a surge share waits on a parliament: the call shows it waiting, and the
/// appropriations table says on which parliament; in English and in Ukrainian.
#[tokio::test]
async fn the_fund_page_shows_which_surge_shares_wait_on_which_parliament() {
    let fund = FUND.replace(
        "party = \"G2\"\nkey = \"0.3\"\npaid_in = \"300.00\"\ncallable = \"600.00\"\n",
        &format!("party = \"G2\"\nkey = \"0.3\"\npaid_in = \"300.00\"\ncallable = \"600.00\"\n{APPROPRIATION}"),
    );
    assert_ne!(fund, FUND, "the fund's G2 table moved");
    let f = Fixture::with_extra("i18n-appropriation", &fund).await;
    f.submit("UA", serde_json::json!({ "type": "claim.filed", "claim": "C-9", "category": "shelling", "severity": 1, "summary": "s" })).await;
    // Nobody finds it unfounded within 48 hours: it activates and the surge is called.
    f.clock.set(start_time() + SignedDuration::from_hours(49));
    f.state().node().advance().await.unwrap();
    let (status, _, en) = get(&f, "/fund", None).await;
    assert_eq!(status, StatusCode::OK);
    for part in [
        r#"<section class="panel" aria-labelledby="appropriations-section-h">"#,
        r#"data-obligation="A1/surge/G2" data-party="G2" data-status="awaiting""#,
        "waits on an appropriation by Parliament of G2",
        r#"<tr data-party="G2" data-waiting="1">"#,
    ] {
        assert!(en.contains(part), "{part}: {en}");
    }
    let (status, _, uk) = get(&f, "/fund", Some(Ask::Query)).await;
    assert_eq!(status, StatusCode::OK);
    assert_ukrainian("/fund", &uk, "Асигнування");
    assert!(
        uk.contains("очікує асигнування від Parliament of G2"),
        "{uk}"
    );
    f.stop().await;
}

/// A board for the test fund: weighted by contribution key, more than half of the voting power,
/// with the cap and exceptional-disbursement powers, and a cap for it to change.
const BOARD: &str = r#"
[[fund.cap]]
purpose = "reconstruction"
amount = "100.00"
per = "30d"

[fund.board]
weights = "key"
threshold = "more than 50%"
decide_within = "7d"
powers = ["cap_change", "exceptional_disbursement"]
exceptional_above = "50.00"
article = "Art. 6(5)"
"#;

/// The fund page's board: its rule, each motion with the members' voting power and votes, its
/// status and effect, and why, in English and in Ukrainian.
#[tokio::test]
async fn the_fund_page_shows_the_boards_motions_votes_and_decisions() {
    let f = Fixture::with_extra("i18n-board", &format!("{FUND}{BOARD}")).await;
    f.submit("G1", serde_json::json!({ "type": "fund.board_motion", "decision": "M1", "action": "cap_change", "purpose": "reconstruction", "amount": "200.00", "currency": "EUR" })).await;
    // Half of the voting power is not more than half: still open.
    f.submit(
        "G1",
        serde_json::json!({ "type": "vote.cast", "decision": "M1", "vote": "yes" }),
    )
    .await;
    f.submit(
        "G2",
        serde_json::json!({ "type": "vote.cast", "decision": "M1", "vote": "yes" }),
    )
    .await;
    f.submit("G3", serde_json::json!({ "type": "fund.board_motion", "decision": "M2", "action": "exceptional_disbursement", "purpose": "reconstruction", "recipient": "UA", "amount": "60.00", "currency": "EUR" })).await;
    f.submit(
        "G3",
        serde_json::json!({ "type": "vote.cast", "decision": "M2", "vote": "no" }),
    )
    .await;
    let (status, _, en) = get(&f, "/fund", None).await;
    assert_eq!(status, StatusCode::OK);
    for part in [
        r#"<section class="panel" aria-labelledby="board-section-h">"#,
        r#"data-weights="key" data-threshold="more than 50%""#,
        r#"<tr data-decision="M1" data-status="adopted">"#,
        r#"<tr data-decision="M2" data-status="pending">"#,
        r#"data-party="G3" data-vote="no""#,
        "cap changed",
        "The cap on reconstruction became 200.00 EUR; it was 100.00 EUR.",
        "so far 0% voted yes, 20% no, and 80% has not voted",
    ] {
        assert!(en.contains(part), "{part}: {en}");
    }
    let (status, _, uk) = get(&f, "/fund", Some(Ask::Query)).await;
    assert_eq!(status, StatusCode::OK);
    assert_ukrainian("/fund", &uk, "Рада");
    for part in [
        "ліміт змінено",
        "Ліміт на reconstruction становить тепер 200.00 EUR; раніше — 100.00 EUR.",
        "понад 50%",
    ] {
        assert!(uk.contains(part), "{part}: {uk}");
    }
    f.stop().await;
}
