//! Operations: health (with the clock's trust), readiness, metrics, and the problems for a path no route matches or a method a
//! route does not take.

use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::metrics::TimeState;
use crate::problem::Problem;
use crate::reader::View;
use crate::role::Role;
use crate::state::AppState;

/// Any path no route matches: a problem that points at what exists.
pub async fn no_route(uri: axum::http::Uri) -> Problem {
    Problem::new(
        StatusCode::NOT_FOUND,
        "no_route",
        format!(
            "nothing at `{}`: the API is under /v1 (described at /v1/openapi.json), the dashboard at /",
            uri.path()
        ),
    )
}

/// A known path with a method it does not take.
pub async fn wrong_method(method: axum::http::Method, uri: axum::http::Uri) -> Problem {
    Problem::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        format!(
            "`{}` does not take {method}; /v1/openapi.json lists each path's methods",
            uri.path()
        ),
    )
}

/// `GET /readyz`: ready once the node answers.
pub async fn readyz(State(app): State<AppState>) -> Result<Response, Problem> {
    let size = app.read(View::size).await?;
    Ok((StatusCode::OK, format!("ready: {size} entries\n")).into_response())
}

/// `GET /metrics`.
pub async fn metrics(State(app): State<AppState>) -> Response {
    // The role has one source, the node's; the gauge is set from it when it is read.
    app.metrics().cluster.set_role(&app.node().role.borrow());
    let mut r = (StatusCode::OK, app.metrics().render()).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4"),
    );
    r
}

/// `GET /healthz`: `ok` while the process serves; when the clock is not trusted, a line says so
/// (the process is alive and serving reads either way); in a cluster, a line says the process's
/// role, its leader and its lag.
pub async fn healthz(State(app): State<AppState>) -> String {
    let mut health = clock_health(&app);
    let role = app.node().role.borrow().clone();
    let lag = app.metrics().cluster.lag_entries();
    match role {
        Role::Single => {}
        Role::Leader { token } => health.push_str(&format!("role: leader (lease token {token})\n")),
        Role::Follower {
            leader: Some(leader),
        } => health.push_str(&format!(
            "role: follower of {} at {}; lag: {lag} entries\n",
            leader.id, leader.address
        )),
        Role::Follower { leader: None } => health.push_str(&format!(
            "role: follower; no process leads at the moment; lag: {lag} entries\n"
        )),
    }
    health
}

fn clock_health(app: &AppState) -> String {
    let time = &app.metrics().time;
    match time.state() {
        TimeState::Ok => "ok\n".to_owned(),
        TimeState::Behind => format!(
            "ok\ntime: behind: the wall clock is {:.3} s behind the log; writes are refused until it catches up\n",
            time.seconds()
        ),
        TimeState::Held => format!(
            "ok\ntime: held: the wall clock stepped forward by {:.3} s; writes and deadlines wait for `snapback time confirm`\n",
            time.seconds()
        ),
    }
}
