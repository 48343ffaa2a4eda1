//! A follower's answers to writes, without a database: a server told it follows forwards
//! `POST /v1/entries` to the leader it names and answers with the leader's answer, refuses a
//! write another follower already forwarded, and answers `503 not_leader` when no process
//! leads or the leader cannot be reached. `/healthz` and `/metrics` say its role.

use axum::http::StatusCode;
use snapback_server::role::{Leader, Role};

use crate::support::*;

/// Serves `server`'s router on a loopback port; returns its base URL.
async fn listen(server: &Server) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(snapback_server::serve(
        listener,
        server.router.clone(),
        std::future::pending(),
    ));
    url
}

fn follow(server: &Server, leader: Option<(&str, &str)>) {
    server.state().node().stop_writing(Role::Follower {
        leader: leader.map(|(id, address)| Leader {
            id: id.to_owned(),
            address: address.to_owned(),
        }),
    });
}

#[tokio::test]
async fn a_follower_forwards_writes_to_the_leader_or_says_why_it_cannot() {
    let leader = Server::start("cluster-leader").await;
    let leader_url = listen(&leader).await;
    let follower = Server::start("cluster-follower").await;
    follow(&follower, Some(("n1", &leader_url)));

    // Forwarded: the leader appends it and its answer comes back, naming it.
    let entry = follower.entry("UA", claim_filed("C1", 2));
    let answer = follower.post_json("/v1/entries", &entry).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
    assert_eq!(answer.json()["index"], 0);
    assert_eq!(
        answer
            .headers
            .get("snapback-leader")
            .map(|v| v.to_str().unwrap()),
        Some("n1")
    );
    assert_eq!(leader.get("/readyz").await.text(), "ready: 1 entries\n");
    assert_eq!(follower.get("/readyz").await.text(), "ready: 0 entries\n");
    // The same signed entry again: the leader's duplicate answer, through the follower.
    let again = follower.post_json("/v1/entries", &entry).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.text());
    assert_eq!(again.json()["duplicate"], true);
    // A bad entry gets the leader's problem, unchanged.
    let bad = follower.post("/v1/entries", "{").await;
    bad.problem(400, "malformed");

    // Already forwarded once: never passed on again.
    let marked = follower
        .send(
            axum::http::Request::post("/v1/entries")
                .header("content-type", "application/json")
                .header("snapback-forwarded", "1")
                .body(axum::body::Body::from(
                    serde_json::to_vec(&follower.entry("UA", claim_filed("C2", 2))).unwrap(),
                ))
                .unwrap(),
        )
        .await;
    assert_eq!(marked.status(), StatusCode::SERVICE_UNAVAILABLE);

    let health = follower.get("/healthz").await.text();
    assert_eq!(
        health,
        format!("ok\nrole: follower of n1 at {leader_url}; lag: 0 entries\n")
    );
    let metrics = follower.get("/metrics").await.text();
    assert!(
        metrics.contains("snapback_role{role=\"follower\"} 1"),
        "{metrics}"
    );

    // No leader at the moment: 503, retry shortly.
    follow(&follower, None);
    let none = follower
        .post_json("/v1/entries", &follower.entry("UA", claim_filed("C3", 2)))
        .await;
    let problem = none.problem(503, "not_leader");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("no process leads"),
        "{problem}"
    );
    assert_eq!(none.headers.get("retry-after").unwrap(), "1");

    // A leader that does not answer: 503, naming it.
    let gone = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", l.local_addr().unwrap())
    };
    follow(&follower, Some(("n9", &gone)));
    let unreachable = follower
        .post_json("/v1/entries", &follower.entry("UA", claim_filed("C4", 2)))
        .await;
    let problem = unreachable.problem(503, "not_leader");
    assert!(
        problem["detail"].as_str().unwrap().contains("n9"),
        "{problem}"
    );
    follower.stop().await;
    leader.stop().await;
}
