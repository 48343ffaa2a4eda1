//! `GET /v1/events`: live entries as Server-Sent Events, resumable with `Last-Event-ID`.

use std::time::Duration;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use http_body_util::BodyExt as _;

use crate::support::*;

/// One SSE event.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Event {
    id: u64,
    event: String,
    data: String,
}

/// Reads SSE events from a response body, each within a timeout.
struct Stream {
    body: Body,
    buffer: String,
}

impl Stream {
    async fn open(s: &Server, last_event_id: Option<&str>) -> Self {
        let mut request = Request::builder().method(Method::GET).uri("/v1/events");
        if let Some(id) = last_event_id {
            request = request.header("last-event-id", id);
        }
        let response = s.send(request.body(Body::empty()).unwrap()).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(
            response.headers()[header::CONTENT_TYPE],
            "text/event-stream"
        );
        Self {
            body: response.into_body(),
            buffer: String::new(),
        }
    }

    /// The next event, or `None` if the stream ended; panics after 5 s without one.
    async fn next(&mut self) -> Option<Event> {
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let mut id = None;
                let mut event = String::new();
                let mut data = String::new();
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("id:") {
                        id = Some(v.trim().parse().unwrap());
                    } else if let Some(v) = line.strip_prefix("event:") {
                        event = v.trim().to_owned();
                    } else if let Some(v) = line.strip_prefix("data:") {
                        data.push_str(v.strip_prefix(' ').unwrap_or(v));
                    }
                }
                // Comments (keep-alives) carry no id.
                if let Some(id) = id {
                    return Some(Event { id, event, data });
                }
                continue;
            }
            let frame = tokio::time::timeout(Duration::from_secs(5), self.body.frame())
                .await
                .expect("an event within 5 s");
            match frame {
                None => return None,
                Some(frame) => {
                    if let Ok(data) = frame.unwrap().into_data() {
                        self.buffer.push_str(std::str::from_utf8(&data).unwrap());
                    }
                }
            }
        }
    }

    /// Whether nothing arrives for `wait`.
    async fn quiet_for(&mut self, wait: Duration) -> bool {
        self.buffer.find("\n\n").is_none()
            && tokio::time::timeout(wait, self.body.frame()).await.is_err()
    }
}

#[tokio::test]
async fn new_entries_are_streamed_live() {
    let s = Server::start("events-live").await;
    s.submit("UA", claim_filed("C1", 3)).await;
    // Without Last-Event-ID the stream starts with the next entry.
    let mut stream = Stream::open(&s, None).await;
    assert!(stream.quiet_for(Duration::from_millis(50)).await);
    s.submit("A", vote("C1", "founded")).await;
    let e = stream.next().await.unwrap();
    assert_eq!((e.id, e.event.as_str()), (1, "entry"));
    let stored = s.stored_entries().await;
    assert_eq!(
        e.data.as_bytes(),
        &stored[1][..],
        "the data is the canonical entry"
    );
    // Derived entries are streamed too, in order, without gaps.
    s.submit("B", vote("C1", "founded")).await;
    s.submit("C", vote("C1", "founded")).await;
    let size = s.stored_entries().await.len() as u64;
    assert!(size > 4, "the activation's derived entries");
    let stored = s.stored_entries().await;
    for id in 2..size {
        let e = stream.next().await.unwrap();
        assert_eq!(e.id, id);
        assert_eq!(e.data.as_bytes(), &stored[id as usize][..]);
    }
    // Shutting down ends the stream.
    s.running.as_ref().unwrap().signal_shutdown();
    assert_eq!(stream.next().await, None);
    s.stop().await;
}

#[tokio::test]
async fn last_event_id_resumes_after_it() {
    let s = Server::start("events-resume").await;
    s.submit("UA", claim_filed("C1", 3)).await;
    s.submit("A", vote("C1", "founded")).await;
    s.submit("UA", claim_filed("C2", 1)).await;
    let stored = s.stored_entries().await;
    assert_eq!(stored.len(), 3);
    for last in 0..2u64 {
        let mut stream = Stream::open(&s, Some(&last.to_string())).await;
        let first = stream.next().await.unwrap();
        assert_eq!(first.id, last + 1, "Last-Event-ID: {last}");
        let mut next = first.id;
        assert_eq!(first.data.as_bytes(), &stored[next as usize][..]);
        while next + 1 < stored.len() as u64 {
            next = stream.next().await.unwrap().id;
        }
        assert_eq!(next, stored.len() as u64 - 1);
    }
    // From the replay into the live stream without a gap or a repeat.
    let mut stream = Stream::open(&s, Some("0")).await;
    s.submit("B", vote("C1", "founded")).await;
    let ids: Vec<u64> = {
        let mut ids = Vec::new();
        for _ in 0..3 {
            ids.push(stream.next().await.unwrap().id);
        }
        ids
    };
    assert_eq!(ids, [1, 2, 3]);
    assert!(stream.quiet_for(Duration::from_millis(50)).await);
    // An empty Last-Event-ID (EventSource's reset) starts live.
    let mut stream = Stream::open(&s, Some("")).await;
    assert!(stream.quiet_for(Duration::from_millis(30)).await);
    let answer = s.submit("UA", claim_filed("L0", 1)).await;
    let e = stream.next().await.unwrap();
    assert_eq!(e.id, answer["index"].as_u64().unwrap());
    s.stop().await;
}

/// Issue 11: a `Last-Event-ID` beyond the log silently restarted the stream, and one that is not
/// a number was ignored. Both are refused with a problem naming the header.
#[tokio::test]
async fn last_event_id_beyond_log_is_400() {
    let s = Server::start("events-beyond").await;
    s.submit("UA", claim_filed("C1", 3)).await;
    s.submit("A", vote("C1", "founded")).await;
    let size = s.stored_entries().await.len() as u64;
    let beyond = size.to_string();
    for header in [beyond.as_str(), "999", "18446744073709551615"] {
        let r = s.get_with("/v1/events", &[("last-event-id", header)]).await;
        let p = r.problem(400, "last_event_id_beyond_log");
        assert_eq!(p["field"], "Last-Event-ID", "{p}");
        assert!(p["detail"].as_str().unwrap().contains(header), "{p}");
    }
    for header in ["junk", "-1", "1.0", "18446744073709551616"] {
        let r = s.get_with("/v1/events", &[("last-event-id", header)]).await;
        let p = r.problem(400, "malformed");
        assert_eq!(p["field"], "Last-Event-ID", "{p}");
    }
    // The last entry itself is a valid place to resume: nothing until the next one.
    let last = (size - 1).to_string();
    let mut stream = Stream::open(&s, Some(&last)).await;
    assert!(stream.quiet_for(Duration::from_millis(30)).await);
    let answer = s.submit("UA", claim_filed("C2", 1)).await;
    assert_eq!(
        stream.next().await.unwrap().id,
        answer["index"].as_u64().unwrap()
    );
    s.stop().await;
}
