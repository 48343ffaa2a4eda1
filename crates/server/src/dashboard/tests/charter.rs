//! `/charter`: the charter in force as a treaty text, and the claim pages' links to its
//! articles.

use std::collections::BTreeSet;

use super::*;
use crate::dashboard::markup::{Names, cited_text};

/// Every `id="…"` of a page.
fn ids(body: &str) -> BTreeSet<String> {
    body.split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect()
}

/// Every `/charter#…` link of a page.
fn article_links(body: &str) -> Vec<String> {
    body.split("href=\"/charter#")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn the_charter_page_shows_the_text_in_force_with_its_articles() {
    let f = Fixture::empty("charter-page").await;
    let (status, body) = f.get("/charter").await;
    assert_eq!(status, StatusCode::OK);
    assert_page(&body);
    assert!(
        body.contains(r#"<a href="/charter" aria-current="page">Charter</a>"#),
        "{body}"
    );
    // The charter's title is escaped; its articles are in order with their anchors.
    assert!(
        body.contains("<h1>Dashboard &lt;Test&gt; Guarantee</h1>"),
        "{body}"
    );
    let sections: Vec<usize> = ["art-2-1", "art-3-3", "art-4-1", "art-5-1"]
        .iter()
        .map(|a| {
            body.find(&format!(r#"<section class="treaty-article" id="{a}">"#))
                .unwrap_or_else(|| panic!("no article {a}"))
        })
        .collect();
    assert!(sections.windows(2).all(|w| w[0] < w[1]), "{sections:?}");
    assert!(
        body.contains("<dt>Voting rule</dt><dd>majority: yes from more than half of the 5 members (at least 3)</dd>"),
        "{body}"
    );
    assert!(
        body.contains("Release the first &lt;b&gt;tranche&lt;/b&gt;"),
        "{body}"
    );
    assert!(body.contains(r#"<section id="versions">"#), "{body}");
    let (status, fragment) = f.get("/charter?fragment=main").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!fragment.contains("<!doctype html>") && fragment.contains("treaty-article"));
    f.stop().await;
}

#[tokio::test]
async fn a_claim_page_links_each_cited_article_to_its_place_on_the_charter_page() {
    let f = Fixture::populated("charter-links").await;
    let (_, charter) = f.get("/charter").await;
    let anchors = ids(&charter);
    for claim in ["C-1", "C-2"] {
        let (status, body) = f.get(&format!("/claims/{claim}")).await;
        assert_eq!(status, StatusCode::OK);
        let links = article_links(&body);
        assert!(!links.is_empty(), "{claim} links no article: {body}");
        for link in &links {
            assert!(
                anchors.contains(link),
                "{claim}: /charter#{link} lands nowhere"
            );
        }
        // The explanation keeps its words: the label is the link's text.
        assert!(
            body.contains(r#"<a class="article-link" href="/charter#art-3-3">Art. 3(3)</a>"#),
            "{claim}: {body}"
        );
    }
    f.stop().await;
}

#[tokio::test]
async fn cited_text_links_known_labels_only_and_escapes_the_rest() {
    let f = Fixture::empty("charter-cited").await;
    let names = Names::new(f.state().history(), start_time());
    let html = cited_text("<b>Under Art. 2(1)</b>, not Art. 2(10) or Art. 2", &names).into_string();
    assert_eq!(
        html,
        "&lt;b&gt;Under <a class=\"article-link\" href=\"/charter#art-2-1\">Art. 2(1)</a>&lt;/b&gt;, not Art. 2(10) or Art. 2"
    );
    f.stop().await;
}

#[tokio::test]
async fn the_charter_page_reads_in_ukrainian_with_the_same_articles() {
    let f = Fixture::empty("charter-uk").await;
    let (_, english) = f.get("/charter").await;
    let (status, body) = f.get("/charter?lang=uk").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(r#"<html lang="uk">"#), "{body}");
    assert!(
        body.contains("<dt>Правило голосування</dt><dd>більшість: «за» понад половину з 5 членів (щонайменше 3)</dd>"),
        "{body}"
    );
    assert!(body.contains("<title>Статут, версія "), "{body}");
    assert!(body.contains("<h2>Статті</h2>"), "{body}");
    // The treaty's own meta line keeps its markup (the charter id in <code>, a <time>).
    assert!(
        body.contains(r#"class="treaty-meta">Статут <code>"#),
        "{body}"
    );
    for english_word in ["Voting rule", "Burden of proof", ">Versions<", ">Articles<"] {
        assert!(!body.contains(english_word), "shows “{english_word}”");
    }
    // The same articles, at the same anchors, whatever the language: links keep working.
    assert_eq!(ids(&english), ids(&body));
    // Amounts are grouped, as everywhere people read them.
    assert!(
        body.contains("<dt>Сума</dt><dd>1,250,000.00 EUR</dd>"),
        "{body}"
    );
    // The charter's own names stay as the charter writes them, escaped.
    assert!(body.contains("<h1>Dashboard &lt;Test&gt; Guarantee</h1>"));
    f.stop().await;
}

#[tokio::test]
async fn a_claim_page_explains_each_activation_it_led_to_with_its_tier_article_linked() {
    let f = Fixture::populated("activation-why").await;
    for (lang, summary) in [("en", "Explanation"), ("uk", "Пояснення")] {
        let (status, body) = f.get(&format!("/claims/C-2?lang={lang}")).await;
        assert_eq!(status, StatusCode::OK);
        let list = body
            .split(r#"data-activation="A1""#)
            .nth(1)
            .and_then(|rest| rest.split("</details>").next())
            .unwrap_or_else(|| panic!("{lang}: no activation A1 on C-2's page: {body}"));
        // The explanation is in a disclosure of the activation's item, in the page's language,
        // and the tier's article links to its place in the charter's text.
        assert!(
            list.contains(&format!("<summary>{summary}</summary>")),
            "{lang}: {list}"
        );
        assert!(
            list.contains(r#"<a class="article-link" href="/charter#art-4-1">Art. 4(1)</a>"#),
            "{lang}: {list}"
        );
    }
    f.stop().await;
}
