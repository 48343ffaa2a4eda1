//! The public dashboard (server-rendered HTML, live over SSE with a little JavaScript).

use axum::Router;

use crate::app::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
}
