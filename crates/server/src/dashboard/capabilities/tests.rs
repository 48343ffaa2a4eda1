use axum::http::StatusCode;
use jiff::{SignedDuration, Timestamp};
use serde_json::json;

use super::delay;
use crate::dashboard::tests::{Fixture, SUMMARY, SUMMARY_ESCAPED, assert_page};

/// The dashboard test charter with two packages that count items, a location, a training
/// centre and a restriction rule lifting G1's long-range restrictions when `aid` activates
/// (names and descriptions carry hostile text).
const CAPABILITIES: &str = r#"
[[package]]
id = "shells"
name = "Shells <from> stock"
article = "Art. 7(1)"

[[package.obligation]]
party = "G3"
kind = "military"
due_within = "72h"
description = "Deliver 1,000 <b>shells</b>"
item = "155mm-shell"
quantity = 1000

[[package]]
id = "interceptors"
name = "Interceptors"
article = "Art. 7(2)"

[[package.obligation]]
party = "G4"
kind = "military"
due_within = "10d"
description = "Deliver 500 interceptors"
item = "interceptor"
quantity = 500

[capabilities]
article = "Art. 8"

[[capabilities.location]]
id = "PL"
name = "Poland"
transit = "48h"

[[capabilities.training_centre]]
id = "g1-centre"
name = "Centre <in> G1"
host = "G1"
capacity_per_month = 1000
article = "Art. 9"

[[restriction]]
donor = "G1"
system = "long-range-missile"
lifted_by = "aid"
article = "Art. 10"
"#;

fn start() -> Timestamp {
    "2026-03-01T00:00:00Z".parse().unwrap()
}

/// Restrictions by G1 (hostile text) and G2; 1,500 shells stocked in Poland by G3; G4's
/// interceptor contract; G2's commitment received on time, G5's late, G3's open; two
/// cohorts at G1's centre, one completed. Then C-2 activates `aid` (A1), which lifts G1's
/// long-range restriction.
pub(in crate::dashboard) async fn populated(name: &str) -> Fixture {
    let f = Fixture::with_extra(name, CAPABILITIES).await;
    f.submit("G1", json!({ "type": "restriction.imposed", "restriction": "R-LR", "system": "long-range-missile", "restriction_kind": "territory", "text": SUMMARY })).await;
    f.submit("G2", json!({ "type": "restriction.imposed", "restriction": "R-ART", "system": "artillery", "restriction_kind": "end-use", "text": "Defensive use only" })).await;
    f.submit("G3", json!({ "type": "stockpile.stocked", "lot": "G3-PL-1", "location": "PL", "item": "155mm-shell", "quantity": 1500 })).await;
    f.submit(
        "G4",
        json!({
            "type": "contract.registered", "contract": "G4-ADI-1", "supplier": "Example <Missiles>",
            "country": "G4", "item": "interceptor", "monthly_capacity": 100, "surge_capacity": 300,
            "surge_lead_time": "30d", "valid_from": "2026-01-01T00:00:00Z", "valid_until": "2027-01-01T00:00:00Z",
        }),
    )
    .await;
    f.submit("G2", json!({ "type": "aid.committed", "commitment": "G2-1", "category": "air-defence", "item": "interceptor", "quantity": 10, "promised": "2026-03-01T01:00:00Z" })).await;
    f.submit("G5", json!({ "type": "aid.committed", "commitment": "G5-1", "category": "armour", "item": "ifv", "quantity": 4, "promised": "2026-03-01T00:10:00Z" })).await;
    f.submit("G3", json!({ "type": "aid.committed", "commitment": "G3-1", "category": "artillery", "item": "155mm-shell", "quantity": 100, "promised": "2026-03-20T00:00:00Z" })).await;
    f.submit(
        "UA",
        json!({ "type": "aid.received", "commitment": "G2-1", "quantity": 10 }),
    )
    .await;
    f.submit(
        "G1",
        json!({ "type": "training.cohort_started", "cohort": "K1", "centre": "g1-centre", "trainees": 400 }),
    )
    .await;
    f.submit(
        "G1",
        json!({ "type": "training.cohort_started", "cohort": "K2", "centre": "g1-centre", "trainees": 200 }),
    )
    .await;
    f.clock.set(start() + SignedDuration::from_hours(26));
    f.submit(
        "UA",
        json!({ "type": "aid.received", "commitment": "G5-1", "quantity": 4 }),
    )
    .await;
    f.submit(
        "SEC",
        json!({ "type": "training.cohort_completed", "cohort": "K1", "trainees": 390 }),
    )
    .await;
    f.submit("UA", json!({ "type": "claim.filed", "claim": "C-2", "category": "airspace", "severity": 1, "summary": "Second claim" })).await;
    for g in ["G1", "G2", "G3"] {
        f.submit(
            g,
            json!({ "type": "vote.cast", "claim": "C-2", "vote": "founded" }),
        )
        .await;
    }
    f
}

const PAGES: [&str; 5] = [
    "/capabilities",
    "/capabilities/deliveries",
    "/capabilities/stockpiles",
    "/capabilities/training",
    "/capabilities/restrictions",
];

#[test]
fn delays_are_days_with_one_decimal_or_hours_and_minutes() {
    assert_eq!(delay(60 * 86_400), "60.0 days");
    assert_eq!(delay(86_400 + 43_200), "1.5 days");
    assert_eq!(delay(3 * 3_600 + 20 * 60), "3 h 20 min");
    assert_eq!(delay(7_200), "2 h");
    assert_eq!(delay(600), "10 min");
    assert_eq!(delay(5), "5 s");
    assert_eq!(delay(-5), "0 s");
}

#[tokio::test]
async fn readiness_board_shows_covered_and_short_packages_and_their_sources() {
    let f = populated("caps-readiness").await;
    let (status, body) = f.get("/capabilities").await;
    assert_eq!(status, StatusCode::OK);
    assert_page(&body);
    assert!(body.contains(r#"<a href="/capabilities" aria-current="page">Capabilities</a>"#));
    assert!(body.contains(r#"<nav class="subnav" aria-label="Capability tracker">"#));
    assert!(body.contains(r#"<li><a href="/capabilities" aria-current="page">Readiness</a></li>"#));
    assert!(body.contains(r#"id="as-of""#));
    // Shells: 1,000 of the 1,500 in Poland, 48h away, due in 72h.
    assert!(
        body.contains(
            r#"<li class="card" data-package="shells" data-status="covered" data-unmet="false">"#
        ),
        "{body}"
    );
    assert!(body.contains("Shells &lt;from&gt; stock"));
    // Interceptors: only the contract, 100 a month for 30 days, then 300: 33 by the due
    // instant (10 days), all 500 after 70 days, 60 days late.
    assert!(
        body.contains(r#"<li class="card" data-package="interceptors" data-status="short" data-unmet="false">"#),
        "{body}"
    );
    assert!(
        body.contains(r#"<dd data-short="467">467 units</dd>"#),
        "{body}"
    );
    assert!(
        body.contains(r#"<dd data-late-s="5184000">60.0 days</dd>"#),
        "{body}"
    );
    assert!(body.contains(r#"id="readiness-summary" data-covered="1" data-packages="2""#));
    // Sources: the lot, and the contract call-off.
    assert!(body.contains(
        r#"<tr data-obligation="shells/1" data-package="shells" data-status="covered">"#
    ));
    assert!(body.contains(r#"<li data-lot="G3-PL-1">1,000 from lot G3-PL-1 in PL, arriving "#));
    assert!(body.contains(r#"<li data-contract="G4-ADI-1">500 called off G4-ADI-1, complete by "#));
    assert!(body.contains("Deliver 1,000 &lt;b&gt;shells&lt;/b&gt;"));
    assert!(body.contains("Party G3 (G3): Deliver 1,000"));
    assert!(body.contains(r#"<tr data-contract="G4-ADI-1" data-valid="true">"#));
    assert!(body.contains("Example &lt;Missiles&gt;"));
    // No activation counted items: the table says so.
    assert!(body.contains(r#"<table id="item-obligations">"#));
    assert!(body.contains("No activation has created an obligation that counts items."));
    f.stop().await;
}

#[tokio::test]
async fn deliveries_page_compares_promised_and_actual_dates() {
    let f = populated("caps-deliveries").await;
    let (status, body) = f.get("/capabilities/deliveries").await;
    assert_eq!(status, StatusCode::OK);
    assert_page(&body);
    for (id, donor, state) in [
        ("G2-1", "G2", "on_time"),
        ("G5-1", "G5", "late"),
        ("G3-1", "G3", "open"),
    ] {
        assert!(
            body.contains(&format!(
                r#"<tr data-commitment="{id}" data-donor="{donor}" data-state="{state}">"#
            )),
            "{id}: {body}"
        );
        assert!(
            body.contains(&format!(
                r#"<g data-commitment="{id}" data-state="{state}">"#
            )),
            "{id}"
        );
    }
    // Donors: G2 all on time, G5 one day late.
    assert!(body.contains(r#"<tr data-donor="G2"><th scope="row">Party G2 (G2)</th><td class="num">1</td><td class="num">10</td><td class="num">10</td><td class="num">0</td><td class="num" data-on-time="1" data-due="1">100.0%"#), "{body}");
    assert!(body.contains(r#"<tr data-donor="G5">"#));
    assert!(body.contains(r#"data-on-time="0" data-due="1">0.0%"#));
    // Promised at 00:10, received 26 hours after midnight: 2 days late, rounded up.
    assert!(body.contains(r#"<div class="meta" data-days-late="2">2 days late</div>"#));
    assert!(body.contains(r#"<tr data-donor="G3" data-category="artillery">"#));
    // The dot plot: a line per commitment, hollow at the promise, filled at completion.
    assert!(body.contains(r#"<svg id="deliveries-chart""#));
    assert!(
        body.contains(
            r#"role="img" aria-labelledby="deliveries-chart-title deliveries-chart-desc""#
        )
    );
    assert!(body.contains(r#"<line class="line-late" x1="#));
    assert!(body.contains(r#"<line class="line-open open" x1="#));
    assert!(body.contains(r#"<circle class="dot-completed line-on_time""#));
    f.stop().await;
}

#[tokio::test]
async fn stockpiles_and_training_pages_show_stock_and_throughput() {
    let f = populated("caps-stock-training").await;
    let (status, body) = f.get("/capabilities/stockpiles").await;
    assert_eq!(status, StatusCode::OK);
    assert_page(&body);
    assert!(body.contains(r#"<tr data-location="PL"><th scope="row">Poland (PL)</th><td>48h</td><td class="num">1</td>"#), "{body}");
    assert!(
        body.contains(
            r#"<li data-item="155mm-shell" data-available="1500">1,500 155mm-shell</li>"#
        )
    );
    assert!(body.contains(r#"<tr data-lot="G3-PL-1" data-location="PL">"#));
    assert!(body.contains(r#"<svg id="stockpiles-chart""#));
    assert!(body.contains(r#"<g data-location="PL" data-item="155mm-shell">"#));

    let (status, body) = f.get("/capabilities/training").await;
    assert_eq!(status, StatusCode::OK);
    assert_page(&body);
    assert!(body.contains(r#"<svg id="training-chart""#));
    assert!(body.contains(r#"<g data-centre="g1-centre">"#));
    assert!(body.contains(r#"<rect class="bar-capacity""#));
    assert!(body.contains(r#"<rect class="bar-started""#));
    assert!(body.contains("Centre &lt;in&gt; G1"));
    assert!(body.contains(r#"<td class="num" data-started="600">600<div class="meta">60.0% of capacity</div></td>"#), "{body}");
    assert!(
        body.contains(r#"<tr data-cohort="K1" data-centre="g1-centre" data-status="completed">"#)
    );
    assert!(
        body.contains(r#"<tr data-cohort="K2" data-centre="g1-centre" data-status="in_training">"#)
    );
    f.stop().await;
}

#[tokio::test]
async fn restrictions_page_shows_what_the_activation_lifted_and_escapes_log_text() {
    let f = populated("caps-restrictions").await;
    let (status, body) = f.get("/capabilities/restrictions").await;
    assert_eq!(status, StatusCode::OK);
    assert_page(&body);
    assert!(
        body.contains(r#"<tr data-restriction="R-LR" data-donor="G1" data-status="lifted">"#),
        "{body}"
    );
    assert!(body.contains(r#"data-lifted-by-activation="A1">by activation A1, "#));
    assert!(body.contains(r#"<li data-package="aid">Budget support</li>"#));
    assert!(
        body.contains(r#"<tr data-restriction="R-ART" data-donor="G2" data-status="in_force">"#)
    );
    assert!(body.contains("No package: only its donor can lift it."));
    assert!(body.contains(r#"data-in-force="1" data-lifted="1""#));
    // Every page escapes the log's text and serves its fragment.
    for uri in PAGES {
        for uri in [uri.to_owned(), format!("{uri}?fragment=main")] {
            let (status, body) = f.get(&uri).await;
            assert_eq!(status, StatusCode::OK, "{uri}");
            assert!(!body.contains("<script>alert"), "{uri}");
            assert!(!body.contains("<b>shells"), "{uri}");
            assert!(!body.contains("<Missiles>"), "{uri}");
        }
        let (_, fragment) = f.get(&format!("{uri}?fragment=main")).await;
        for absent in ["<html", "<main", "<footer"] {
            assert!(
                !fragment.contains(absent),
                "{uri}: the fragment has {absent}"
            );
        }
        let (_, page) = f.get(uri).await;
        assert!(page.contains(&format!(">\n{fragment}\n</main>")), "{uri}");
    }
    let (_, body) = f.get("/capabilities/restrictions").await;
    assert!(body.contains(SUMMARY_ESCAPED));
    f.stop().await;
}

#[tokio::test]
async fn without_anything_to_track_each_page_says_so() {
    let f = Fixture::with_extra("caps-none", "").await;
    for uri in PAGES {
        let (status, body) = f.get(uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert_page(&body);
        assert!(body.contains(r#"id="no-capabilities""#), "{uri}");
    }
    f.stop().await;
}

/// Issue 15: a card said "Late by 2 h 6 min" and "Cannot be met in full" together. A package
/// that cannot be met in full is never ready; how late the rest would be is said apart.
#[test]
fn a_package_that_cannot_be_met_in_full_is_not_late_by_a_figure() {
    let five = include_str!("../../../../../scenarios/charters/five.toml");
    let charter = snapback_charter::load_toml(&snapback_charter::Source::new("five.toml", five));
    let history = snapback_charter::CharterHistory::single(charter.unwrap());
    let names = crate::dashboard::markup::Names::new(&history, Timestamp::UNIX_EPOCH);
    let card = |unmet: bool| {
        super::readiness::package_card(
            &super::readiness::Card {
                package: "p",
                covered: false,
                unmet,
                short_by_due: 40,
                late_s: 7_560,
            },
            &names,
        )
        .into_string()
    };
    let unmet = card(true);
    assert!(!unmet.contains("Late by"), "{unmet}");
    assert!(
        unmet.contains("<dt>Ready in full</dt><dd data-late-s=\"7560\">never</dd>"),
        "{unmet}"
    );
    assert!(
        unmet.contains("its other obligations would be late by up to 2 h 6 min."),
        "{unmet}"
    );
    let late = card(false);
    assert!(
        late.contains("<dt>Late by</dt><dd data-late-s=\"7560\">2 h 6 min</dd>"),
        "{late}"
    );
    assert!(!late.contains("Cannot be met"), "{late}");
}
