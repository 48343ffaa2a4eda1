//! `/v1/alerts`: the alerts the charter's rules raised over the monitors' reports, as the replay
//! report's `alerts` list has them. Alerts are public: monitors' reports are public entries and
//! the log derives every alert.

use axum::extract::State;
use axum::response::Response;

use super::json_page;
use crate::page::PageQuery;
use crate::problem::Problem;
use crate::state::AppState;

/// `GET /v1/alerts?from&limit`: the alerts in the order derived, a page at a time.
pub async fn get_alerts(State(app): State<AppState>, page: PageQuery) -> Result<Response, Problem> {
    let alerts = app
        .read(move |view| page.of(&view.state().alerts, "alerts", Clone::clone))
        .await;
    json_page(alerts)
}
