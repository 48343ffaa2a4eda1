//! Limits (issue 11): idle sockets beyond the connection cap do not stop `/healthz` from
//! answering, a client that sends headers slowly is disconnected, and anonymous reads beyond the
//! burst get `429` while a token-bearing request does not. Real sockets, on 127.0.0.1 only, each
//! bounded in time.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use snapback_server::limits::{LimitOptions, rate_limit_reads, serve};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;
use tokio::sync::oneshot;

use crate::support::*;

/// The test server's router served on 127.0.0.1 within `limits`; drop the sender to stop.
async fn listen(s: &Server, limits: LimitOptions) -> (SocketAddr, oneshot::Sender<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = rate_limit_reads(s.router.clone(), &limits);
    let (stop, stopped) = oneshot::channel::<()>();
    tokio::spawn(serve(listener, router, limits, async move {
        let _ = stopped.await;
    }));
    (addr, stop)
}

/// Sends a raw HTTP/1.1 request and reads until the server closes the connection.
async fn raw(addr: SocketAddr, request: &str) -> String {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut out = Vec::new();
    tokio::time::timeout(Duration::from_secs(20), stream.read_to_end(&mut out))
        .await
        .expect("the server answers and closes")
        .unwrap();
    String::from_utf8_lossy(&out).into_owned()
}

/// Whether the server closed `stream` (EOF or reset) within `bound`; it may send a `408` first.
async fn closed_within(stream: &mut TcpStream, bound: Duration) -> bool {
    let mut buf = [0u8; 1024];
    let deadline = tokio::time::Instant::now() + bound;
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut buf)).await {
            Err(_) => return false,
            Ok(Ok(0) | Err(_)) => return true,
            Ok(Ok(_)) => {}
        }
    }
}

#[tokio::test]
async fn idle_sockets_beyond_the_connection_cap_do_not_stop_healthz_from_answering() {
    let s = Server::start("limits-idle").await;
    let limits = LimitOptions {
        max_connections: 8,
        header_read_timeout: Duration::from_millis(500),
        idle_timeout: Duration::from_secs(2),
        read_rate: 0,
        ..LimitOptions::default()
    };
    let (addr, _stop) = listen(&s, limits).await;

    // Three times the cap in sockets that connect and send nothing.
    let mut idle = Vec::new();
    for _ in 0..24 {
        idle.push(TcpStream::connect(addr).await.unwrap());
    }
    let start = Instant::now();
    let answer = raw(
        addr,
        "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
    )
    .await;
    let took = start.elapsed();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.ends_with("\r\n\r\nok\n"), "{answer}");
    // The idle ones are timed out a cap-full at a time: 24 / 8 rounds of 0.5 s, then ours.
    assert!(took < Duration::from_secs(8), "healthz took {took:?}");
    // And every idle socket was closed by the server.
    for mut socket in idle {
        assert!(closed_within(&mut socket, Duration::from_secs(5)).await);
    }
    s.stop().await;
}

#[tokio::test]
async fn a_client_sending_headers_slowly_is_disconnected_after_the_header_read_timeout() {
    let s = Server::start("limits-slow").await;
    let limits = LimitOptions {
        header_read_timeout: Duration::from_millis(500),
        idle_timeout: Duration::from_secs(30),
        read_rate: 0,
        ..LimitOptions::default()
    };
    let (addr, _stop) = listen(&s, limits).await;
    let mut slow = TcpStream::connect(addr).await.unwrap();
    let start = Instant::now();
    slow.write_all(b"GET /healthz HTTP/1.1\r\n").await.unwrap();
    // A header line every 200 ms: bytes keep coming, but the head never completes in time.
    let writer = async {
        for i in 0..50 {
            tokio::time::sleep(Duration::from_millis(200)).await;
            if slow
                .write_all(format!("X-Slow-{i}: y\r\n").as_bytes())
                .await
                .is_err()
            {
                break;
            }
        }
    };
    let _ = tokio::time::timeout(Duration::from_secs(3), writer).await;
    let mut rest = Vec::new();
    let closed = tokio::time::timeout(Duration::from_secs(5), slow.read_to_end(&mut rest)).await;
    assert!(closed.is_ok(), "the connection is closed");
    let took = start.elapsed();
    assert!(took < Duration::from_secs(5), "{took:?}");
    let text = String::from_utf8_lossy(&rest);
    assert!(
        text.is_empty() || text.starts_with("HTTP/1.1 408"),
        "no answer to an incomplete head: {text}"
    );
    // Meanwhile a normal client is served.
    let answer = raw(
        addr,
        "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    s.stop().await;
}

#[tokio::test]
async fn anonymous_reads_beyond_the_burst_get_429_with_retry_after_but_a_token_does_not() {
    let s = Server::start("limits-rate").await;
    let limits = LimitOptions {
        read_rate: 1,
        read_burst: 3,
        ..LimitOptions::default()
    };
    let (addr, _stop) = listen(&s, limits).await;
    let url = format!("http://{addr}");
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    for _ in 0..3 {
        let r = client.get(format!("{url}/v1/claims")).send().await.unwrap();
        assert_eq!(r.status().as_u16(), 200);
    }
    let refused = client.get(format!("{url}/v1/claims")).send().await.unwrap();
    assert_eq!(refused.status().as_u16(), 429);
    let retry: u64 = refused.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=2).contains(&retry), "{retry}");
    assert_eq!(
        refused.headers()["content-type"],
        "application/problem+json"
    );
    let body: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(body["code"], "rate_limited");
    assert_eq!(body["status"], 429);

    // Probes answer whatever the limit.
    for path in ["/healthz", "/readyz", "/metrics"] {
        let r = client.get(format!("{url}{path}")).send().await.unwrap();
        assert_eq!(r.status().as_u16(), 200, "{path}");
    }
    // A delegation's system with its token is not limited; nor are signed writes.
    for _ in 0..5 {
        let r = client
            .get(format!("{url}/v1/state"))
            .bearer_auth(&s.token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 200);
    }
    let filed = client
        .post(format!("{url}/v1/entries"))
        .json(&s.entry("UA", claim_filed("C1", 1)))
        .send()
        .await
        .unwrap();
    assert_eq!(filed.status().as_u16(), 201);

    // After the wait it asked for, an anonymous read is served again.
    tokio::time::sleep(Duration::from_secs(retry)).await;
    let r = client.get(format!("{url}/v1/claims")).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    s.stop().await;
}

#[tokio::test]
async fn a_live_stream_outlives_the_header_and_idle_timeouts_while_entries_flow() {
    let s = Server::start("limits-sse").await;
    let limits = LimitOptions {
        header_read_timeout: Duration::from_millis(300),
        idle_timeout: Duration::from_secs(2),
        read_rate: 0,
        ..LimitOptions::default()
    };
    let (addr, _stop) = listen(&s, limits).await;
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(
            b"GET /v1/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n",
        )
        .await
        .unwrap();
    // The stream starts after the entries the log holds when the handler runs: wait for its
    // head (sent once the handler has returned) before submitting, or S0 may come before it.
    let mut received = String::new();
    let mut buf = [0u8; 8192];
    while !received.contains("\r\n\r\n") {
        let n = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buf))
            .await
            .expect("the stream's head arrives")
            .unwrap();
        assert!(n > 0, "the stream was closed before its head: {received}");
        received.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    // An entry every 250 ms for 4 s: the stream is never idle for the idle timeout.
    for i in 0..16 {
        s.submit("UA", claim_filed(&format!("S{i}"), 1)).await;
        let deadline = tokio::time::Instant::now() + Duration::from_millis(250);
        while let Ok(Ok(n)) = tokio::time::timeout_at(deadline, stream.read(&mut buf)).await {
            assert!(n > 0, "the stream was closed after {i} entries: {received}");
            received.push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    }
    // The last ones may still be on their way on a busy machine.
    let all = |r: &str| (0..16).all(|i| r.contains(&format!("\"claim\":\"S{i}\"")));
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    while !all(&received) {
        let n = tokio::time::timeout_at(deadline, stream.read(&mut buf))
            .await
            .expect("every entry arrives")
            .unwrap();
        assert!(n > 0, "the stream was closed: {received}");
        received.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    s.stop().await;
}

/// Found by the contract test: with the read limit on, an anonymous `GET` of a path with a
/// parameter (`/v1/claims/{id}`, `/claims/{id}`, `/v1/evidence/{commitment}`) was routed twice
/// and failed with 500 ("Wrong number of path arguments"). It is answered as without the limit.
#[tokio::test]
async fn anonymous_reads_of_paths_with_parameters_are_answered_under_the_read_limit() {
    let s = Server::start("limits-params").await;
    s.submit("UA", claim_filed("C1", 1)).await;
    let limits = LimitOptions {
        read_rate: 50,
        read_burst: 200,
        ..LimitOptions::default()
    };
    let (addr, _stop) = listen(&s, limits).await;
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    for (path, status) in [
        ("/v1/claims/C1", 200),
        ("/claims/C1", 200),
        ("/v1/parties/A", 200),
        ("/v1/evidence/sha256:00", 401),
    ] {
        let r = client
            .get(format!("http://{addr}{path}"))
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.status().as_u16(),
            status,
            "{path}: {}",
            r.text().await.unwrap()
        );
    }
}
