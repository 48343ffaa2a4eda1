//! The monitoring page: each rule's series drawn against its level with the windows that
//! alerted marked, the alerts table, escaping of the charter's text, and the page with nothing
//! reported.

use super::*;
use crate::dashboard::layout::layout;
use crate::dashboard::monitoring::{MonitoringView, monitoring_page};

const CHARTER: &str = include_str!("../../../../../scenarios/charters/monitoring.toml");
const SCENARIO: &str = include_str!("../../../../../scenarios/42-monitoring-alerts.toml");

/// Golden 42 replayed (its charter given a hostile rule name).
pub(super) fn view() -> MonitoringView {
    let text = CHARTER.replace(
        "name = \"Two consecutive days above 100 shelling incidents\"",
        "name = \"Two <script>alert(1)</script> days\"",
    );
    let charter = load_toml(&Source::new("monitoring.toml", text)).unwrap();
    let history = CharterHistory::single(charter);
    let scenario = snapback_engine::parse_scenario(&Source::new("42.toml", SCENARIO))
        .unwrap_or_else(|e| panic!("{e}"));
    let state = snapback_engine::replay::replay(&history, &scenario.events, scenario.as_of);
    MonitoringView::of(&state)
}

#[test]
fn each_series_is_drawn_against_its_level_with_the_alerts_marked() {
    let page = monitoring_page(&view());
    let body = layout(&page).into_string();
    assert_page(&body);
    assert!(body.contains(r#"<a href="/monitoring" aria-current="page">Monitoring</a>"#));
    // Four series: the consecutive rule in the north and the south, the sum and the median
    // rules in the north.
    assert_eq!(
        body.matches(r#"<article class="series""#).count(),
        4,
        "{body}"
    );
    assert!(body.contains(r#"data-alert="two-days-over-100" data-area="south""#));
    // The consecutive rule compares each window with 100: a dashed line; the others none.
    assert_eq!(body.matches(r#"class="threshold""#).count(), 2);
    // Alerts: 6, each marked on its bar and listed with its explanation.
    assert_eq!(body.matches(r#"class="bar bar-alerted""#).count(), 6);
    assert_eq!(body.matches(r#"<tr data-alert="#).count(), 6);
    assert!(
        body.contains("window ending 2026-03-31 16:30: 140 (alert)"),
        "{body}"
    );
    assert!(body.contains("Under Art. 6(3), the rule"));
    // The charter's text is escaped.
    assert!(!body.contains("<script>alert(1)</script>"));
    assert!(body.contains("Two &lt;script&gt;alert(1)&lt;/script&gt; days"));
}

#[test]
fn with_nothing_reported_the_page_says_so() {
    let history = CharterHistory::single(load_toml(&Source::new("m.toml", CHARTER)).unwrap());
    let state = snapback_engine::replay::replay(&history, &[], None);
    let body = layout(&monitoring_page(&MonitoringView::of(&state))).into_string();
    assert_page(&body);
    assert!(body.contains(r#"id="monitoring-empty""#));
}

#[test]
fn a_long_list_of_alerts_is_cut_and_says_where_the_rest_is() {
    let mut v = view();
    v.alerts_total = 120;
    let body = layout(&monitoring_page(&v)).into_string();
    assert!(body.contains("6 of 120 are shown"), "{body}");
    assert!(body.contains(r#"<a href="/v1/alerts">/v1/alerts</a>"#));
}
