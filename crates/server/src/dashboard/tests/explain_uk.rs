//! The claim page's explanation and timeline in the reader's language: `/claims/C-1?lang=uk`
//! words both in Ukrainian with the claim's figures, the English page and the API keep the
//! English words, and the timeline's catalog defines every message it uses in both languages.

use std::path::Path;

use snapback_i18n::check;

use super::Fixture;
use crate::views::TIMELINE;

/// The part of `body` from the element opened by `open` to the first `close` after it.
fn section<'a>(body: &'a str, open: &str, close: &str) -> &'a str {
    let start = body
        .find(open)
        .unwrap_or_else(|| panic!("no {open} in {body}"));
    let rest = &body[start..];
    let end = rest.find(close).map_or(rest.len(), |e| e + close.len());
    &rest[..end]
}

/// English words that must not be left in a Ukrainian explanation or timeline.
const ENGLISH: [&str; 12] = [
    "votes",
    "unfounded",
    "founded",
    "deadline",
    "Pending",
    "Activated",
    "members",
    "needed",
    "Under",
    "severity",
    "Response",
    "public",
];

fn assert_no_english(what: &str, text: &str) {
    let english = snapback_i18n::check::standalone_words(text, &ENGLISH);
    assert!(
        english.is_empty(),
        "{what} shows the English {english:?}: {text}"
    );
    assert!(!text.contains('{'), "{what} shows a placeable: {text}");
}

#[tokio::test]
async fn the_claim_page_explains_and_tells_the_timeline_in_ukrainian() {
    let f = Fixture::populated("explain-uk").await;
    let (status, body) = f.get("/claims/C-1?lang=uk").await;
    assert_eq!(status, 200);
    let explanation = section(&body, r#"id="explanation""#, "</p>");
    assert_no_english("the explanation", explanation);
    // C-1: flipped burden, one "unfounded" and one "founded" vote of five guarantors.
    for words in [
        "перекладений тягар доказування",
        "«необґрунтована» — 1",
        "«обґрунтована» — 1",
        "утрималися — 0",
        "не голосували — 3",
        "На розгляді: для відхилення потрібно голосів «необґрунтована»: 3",
    ] {
        assert!(explanation.contains(words), "no “{words}” in {explanation}");
    }
    let timeline = section(&body, r#"id="timeline""#, "</ol>");
    assert_no_english("the timeline", timeline);
    for words in [
        "ступінь тяжкості 2, shelling",
        "osint (публічний)",
        "доказ із грифом «обмежений», REL TO G1, криптографічне зобов’язання sha256:",
        "необґрунтована",
        "обґрунтована",
    ] {
        assert!(timeline.contains(words), "no “{words}” in {timeline}");
    }
    // C-2 activated: the explanation tells the response and its activation in Ukrainian.
    let (_, body) = f.get("/claims/C-2?lang=uk").await;
    let explanation = section(&body, r#"id="explanation""#, "</p>");
    assert_no_english("C-2's explanation", explanation);
    for words in ["Активовано", "Наслідок: Активація A1", "з пакетами: aid"]
    {
        assert!(explanation.contains(words), "no “{words}” in {explanation}");
    }
    let timeline = section(&body, r#"id="timeline""#, "</ol>");
    assert!(timeline.contains("активовано"), "{timeline}");
    f.stop().await;
}

#[tokio::test]
async fn the_english_page_and_the_api_keep_their_english_words() {
    let f = Fixture::populated("explain-en").await;
    let (_, body) = f.get("/claims/C-1").await;
    let explanation = section(&body, r#"id="explanation""#, "</p>");
    assert!(
        explanation.contains("(flipped burden of proof)")
            && explanation.contains("Votes: 1 unfounded, 1 founded, 0 abstain, 3 not voted."),
        "{explanation}"
    );
    let timeline = section(&body, r#"id="timeline""#, "</ol>");
    assert!(timeline.contains("severity 2, shelling"), "{timeline}");
    assert!(timeline.contains("osint (public)"), "{timeline}");
    let (_, _, api) = f
        .send(axum::http::Request::builder().uri("/v1/claims/C-1?lang=uk"))
        .await;
    let api: serde_json::Value = serde_json::from_str(&api).unwrap();
    let explanation = api["claim"]["explanation"].as_str().unwrap();
    assert!(explanation.contains("(flipped burden of proof)"), "{api}");
    let details: Vec<&str> = api["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["detail"].as_str().unwrap())
        .collect();
    assert!(
        details.contains(&"unfounded") && details.contains(&"founded"),
        "{details:?}"
    );
    assert!(
        details
            .iter()
            .any(|d| d.starts_with("severity 2, shelling: ")),
        "{details:?}"
    );
    f.stop().await;
}

#[test]
fn the_timeline_catalog_defines_every_message_in_both_languages() {
    let problems = check::consistent(&TIMELINE);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let views = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/views/claims.rs");
    let used = check::ids_in_sources(&views, &["msg(\"", "msg_args(\""]).unwrap();
    // A floor that the scan works (15 ids today), not the check itself, which is `missing`.
    assert!(used.len() > 10, "only {} ids found: {used:?}", used.len());
    let missing = check::missing(&TIMELINE, &used);
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
