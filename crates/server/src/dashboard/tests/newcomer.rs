//! What a newcomer met on the pages (issue 15, item 6): the log page listed no entries, the
//! guarantors page began as rows of zeros with no word of why, and the overview and the claim
//! page worded one count two ways.

use axum::http::StatusCode;

use super::{Fixture, assert_page};

#[tokio::test]
async fn the_log_page_lists_the_entries_newest_first_in_pages() {
    let f = Fixture::populated("log-entries").await;
    let size = f.state().node().status.borrow().size;
    let (status, body) = f.get("/log").await;
    assert_eq!(status, StatusCode::OK);
    assert_page(&body);
    assert!(body.contains(r#"<table id="entries">"#), "{body}");
    let newest = body
        .find(&format!(r#"data-index="{}""#, size - 1))
        .expect("the newest entry");
    let first = body.find(r#"data-index="0""#).expect("the first entry");
    assert!(newest < first, "newest first");
    assert!(
        body.contains(r#"<a href="/claims/C-1">C-1</a>"#),
        "a claim's entries link to it"
    );
    assert!(body.contains("claim.filed"));
    assert!(
        body.contains(&format!("Entries 0 to {} of {size}.", size - 1)),
        "{body}"
    );

    // A page before an index, and a malformed one named.
    let (status, body) = f.get("/log?before=2").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(r#"data-index="1""#) && !body.contains(r#"data-index="2""#));
    assert!(body.contains(r#"<a href="/log">Latest entries</a>"#));
    let (status, body) = f.get("/log?before=soon").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("`before` must be an entry index"), "{body}");
    f.stop().await;
}

#[tokio::test]
async fn the_guarantors_page_says_why_it_is_empty_instead_of_rows_of_zeros() {
    let f = Fixture::empty("guarantors-empty").await;
    let (status, body) = f.get("/guarantors").await;
    assert_eq!(status, StatusCode::OK);
    assert_page(&body);
    assert!(body.contains(r#"id="no-obligations""#), "{body}");
    assert!(
        !body.contains(r#"<table id="compliance">"#),
        "no table of zeros"
    );
    assert!(body.contains("Party G1 (G1)"), "the guarantors are named");
    f.stop().await;
}

#[tokio::test]
async fn the_overview_and_the_claim_page_word_the_count_the_same_way() {
    let f = Fixture::populated("count-wording").await;
    let sentence = "Needed to dismiss: 3 unfounded votes of 5; 1 cast, 2 still needed";
    for uri in ["/", "/claims/C-1"] {
        let (_, body) = f.get(uri).await;
        assert!(body.contains(sentence), "{uri}: {body}");
        assert!(!body.contains("2 of 5 unfounded votes needed"), "{uri}");
    }
    f.stop().await;
}
