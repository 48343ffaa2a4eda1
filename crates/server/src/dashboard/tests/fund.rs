//! The fund page's tests, and the overview's mode taken from the fund.

use super::*;

#[tokio::test]
async fn fund_page_shows_mode_pools_contributors_calls_tranches_rates_and_books() {
    let f = Fixture::fund_populated("fund").await;
    let (status, body) = f.get("/fund").await;
    assert_eq!(status, StatusCode::OK);
    assert_page(&body);
    assert!(body.contains(r#"<a href="/fund" aria-current="page">Fund</a>"#));
    assert!(
        body.contains("<h1>Test &lt;b&gt;Fund&lt;/b&gt;</h1>"),
        "{body}"
    );
    // The mode, since when, and its history.
    assert!(
        body.contains(r#"<section id="fund-mode" class="panel mode" data-mode="conflict""#),
        "{body}"
    );
    assert!(body.contains("(activation A1)"));
    assert!(body.contains(r#"<ol id="mode-history" class="timeline">"#));
    assert!(body.contains(
        r#"<li data-mode="peace"><span class="kind">peace</span> · from the start of the log</li>"#
    ));
    assert!(body.contains("activation A1 moved the fund to conflict mode"));
    // Pools: 500 + 300 (333.33 USD at 0.90) - 100 - the 50 tranche; the surge has G1's 50.
    assert!(body.contains(r#"<tr data-pool="core"><th scope="row">Core (paid-in capital)</th><td class="num">650.00</td><td class="num">0.00</td><td class="num">650.00</td></tr>"#), "{body}");
    assert!(body.contains(r#"<tr data-pool="surge"><th scope="row">Surge (paid against surge calls)</th><td class="num">50.00</td>"#));
    assert!(
        body.contains(r#"<p id="books" data-balanced="true"><strong>The books balance</strong>"#)
    );
    // Contributors: key and share, subscribed, pledged, paid in, callable, called, paid, outstanding.
    assert!(body.contains(r#"<tr data-party="G1"><th scope="row">Party G1 (G1)</th><td class="num">0.5 (50%)</td><td class="num">500.00</td><td class="num">0.00</td><td class="num">550.00</td><td class="num">1,000.00</td><td class="num">50.00</td><td class="num">50.00</td><td class="num" data-outstanding="0.00">0.00</td></tr>"#), "{body}");
    assert!(body.contains(r#"<tr data-party="G2"><th scope="row">Party G2 (G2)</th><td class="num">0.3 (30%)</td><td class="num">300.00</td><td class="num">0.00</td><td class="num">300.00</td><td class="num">600.00</td><td class="num">30.00</td><td class="num">0.00</td><td class="num" data-outstanding="30.00">30.00</td></tr>"#), "{body}");
    assert!(body.contains(r#"data-party="G3""#));
    // The surge call, each share with its status.
    assert!(body.contains(r#"<div id="calls">"#));
    for (party, status) in [("G1", "paid"), ("G2", "overdue"), ("G3", "overdue")] {
        assert!(
            body.contains(&format!(
                r#"<li data-obligation="A1/surge/{party}" data-party="{party}" data-status="{status}">"#
            )),
            "{party}: {body}"
        );
    }
    assert!(body.contains("1 of 3 shares paid"));
    // Disbursed by purpose (the released tranche counts), recipients, tranches, rates.
    assert!(body.contains(r#"<tr data-purpose="reconstruction"><th scope="row">reconstruction</th><td class="num">100.00</td></tr>"#));
    assert!(body.contains(r#"<tr data-purpose="budget-support"><th scope="row">budget-support</th><td class="num">50.00</td></tr>"#));
    assert!(body.contains(r#"<tr data-recipient="UA"><th scope="row">Party UA (UA)</th><td class="num">150.00</td><td class="num">0.00</td></tr>"#));
    assert!(body.contains(r#"<tr data-claim="C-2" data-status="released">"#));
    assert!(
        body.contains(
            r#"<tr data-currency="USD"><th scope="row">USD</th><td class="num">0.90</td>"#
        )
    );
    // The latest transfers, with the conversion.
    assert!(body.contains(r#"data-transfer="G2-PAY-1" data-code="paid_in""#));
    assert!(body.contains("USD 333.33 at 0.90"));
    assert!(body.contains(r#"href="/v1/fund/transfers""#));
    // Both charts, with a title, a description and a role.
    for (id, title) in [
        (
            "fund-contributors-chart",
            "contributors-chart-title contributors-chart-desc",
        ),
        ("fund-pools-chart", "pools-chart-title pools-chart-desc"),
    ] {
        assert!(body.contains(&format!(r#"<svg id="{id}""#)), "{id}");
        assert!(
            body.contains(&format!(r#"role="img" aria-labelledby="{title}""#)),
            "{id}"
        );
    }
    assert!(body.contains(r#"<title id="contributors-chart-title">"#));
    assert!(body.contains(r#"<desc id="pools-chart-desc">"#));
    assert!(body.contains(r#"<rect class="bar-paid_in""#));
    assert!(body.contains(r#"<title>G1: paid in 550.00</title>"#));
    assert!(body.contains(r#"<path class="line-core" d="M"#));
    assert!(body.contains(r#"<path class="line-surge" d="M"#));
    assert!(body.contains(r#"<table id="pool-history">"#));
    // The pools after each change: from zero, G1's and G2's payments, the disbursement, the
    // released tranche (its reservation moved nothing posted), G1's surge payment.
    assert!(
        body.contains("The balances as a table (6 points)"),
        "{body}"
    );
    for (core, surge) in [
        ("0.00", "0.00"),
        ("500.00", "0.00"),
        ("800.00", "0.00"),
        ("700.00", "0.00"),
        ("650.00", "0.00"),
        ("650.00", "50.00"),
    ] {
        assert!(
            body.contains(&format!(
                r#"<td class="num">{core}</td><td class="num">{surge}</td></tr>"#
            )),
            "{core} {surge}"
        );
    }
    f.stop().await;
}

#[tokio::test]
async fn fund_page_escapes_log_text_and_serves_its_fragment() {
    let f = Fixture::fund_populated("fund-escape").await;
    for uri in ["/fund", "/fund?fragment=main"] {
        let (status, body) = f.get(uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(body.contains(SUMMARY_ESCAPED), "{uri}: {body}");
        assert!(
            !body.contains("<script>alert"),
            "{uri} carries the raw reference"
        );
        assert!(!body.contains("<b>Fund"), "{uri} carries the raw name");
    }
    let (_, fragment) = f.get("/fund?fragment=main").await;
    for absent in ["<html", "<!doctype", "<main", "<header", "<footer"] {
        assert!(!fragment.contains(absent), "the fragment has {absent}");
    }
    assert!(fragment.contains(r#"id="fund-mode""#));
    let (_, page) = f.get("/fund").await;
    assert!(page.contains(&format!(">\n{fragment}\n</main>")));
    f.stop().await;
}

#[tokio::test]
async fn overview_takes_the_mode_from_the_fund_and_links_to_it() {
    let f = Fixture::fund_empty("fund-overview").await;
    let (_, body) = f.get("/").await;
    assert!(
        body.contains(r#"data-mode="peace" data-source="fund""#),
        "{body}"
    );
    assert!(body.contains("since the start of the log"));
    assert!(body.contains(r#"<a id="mode-fund-link" href="/fund">"#));
    // An empty fund: peace, nothing to chart yet.
    let (status, page) = f.get("/fund").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(r#"id="fund-mode" class="panel mode" data-mode="peace""#));
    assert!(page.contains("No surge has been called."));
    assert!(page.contains(r#"id="fund-pools-chart-empty""#));
    assert!(page.contains(r#"<p id="books" data-balanced="true">"#));
    f.stop().await;

    // After the activation the fund is in conflict mode, and so is the overview.
    let f = Fixture::fund_populated("fund-overview-conflict").await;
    let (_, body) = f.get("/").await;
    assert!(
        body.contains(r#"data-mode="conflict" data-source="fund""#),
        "{body}"
    );
    assert!(body.contains("(activation A1)"));
    assert!(!body.contains("working rule"));
    f.stop().await;
}

#[tokio::test]
async fn without_a_fund_the_overview_states_its_working_rule_and_the_fund_page_says_so() {
    let f = Fixture::populated("no-fund").await;
    let (_, body) = f.get("/").await;
    assert!(body.contains(r#"data-mode="conflict" data-source="rule""#));
    assert!(body.contains("This charter sets up no Stabilization Fund"));
    assert!(!body.contains(r#"id="mode-fund-link""#));
    let (status, page) = f.get("/fund").await;
    assert_eq!(status, StatusCode::OK);
    assert_page(&page);
    assert!(page.contains(r#"id="no-fund""#));
    f.stop().await;
}
