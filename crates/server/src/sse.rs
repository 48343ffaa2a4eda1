//! `GET /v1/events`: every new log entry (inputs and the engine's determinations) as
//! Server-Sent Events, `id:` being the entry's index. A client that reconnects with
//! `Last-Event-ID: N` receives every entry after N from the log first, then the live stream,
//! without gaps or repeats; a subscriber that falls behind the live buffer catches up the same way.

use std::convert::Infallible;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::Stream;
use tokio::sync::{broadcast, mpsc};
use tokio_stream::wrappers::ReceiverStream;

use crate::app::AppState;
use crate::node::LogEvent;

/// Entries sent from the log per catch-up step.
const CATCH_UP_CHUNK: u64 = 1_000;

fn sse_event(e: &LogEvent) -> Event {
    Event::default()
        .id(e.index.to_string())
        .event("entry")
        .data(e.json.as_ref())
}

/// Sends entries `from..` (up to the log's current size) from the log.
async fn catch_up(
    app: &AppState,
    from: u64,
    tx: &mpsc::Sender<Result<Event, Infallible>>,
) -> Option<u64> {
    let mut next = from;
    loop {
        let chunk = app
            .read_store(move |store| {
                let to = store.size().min(next.saturating_add(CATCH_UP_CHUNK));
                store.entries(next, to).ok().map(|e| (to, e))
            })
            .await
            .ok()??;
        let (to, entries) = chunk;
        for (index, data) in (next..to).zip(entries) {
            let e = LogEvent {
                index,
                json: String::from_utf8_lossy(&data).as_ref().into(),
            };
            tx.send(Ok(sse_event(&e))).await.ok()?;
        }
        if to == next {
            return Some(next);
        }
        next = to;
    }
}

pub async fn events(
    State(app): State<AppState>,
    headers: HeaderMap,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let resume = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(|last| last.saturating_add(1));
    let (tx, rx) = mpsc::channel(256);
    // Subscribe before catching up, so nothing appended meanwhile is missed.
    let mut live = app.node().events.subscribe();
    let mut shutdown = app.shutdown();
    let start = resume.unwrap_or_else(|| app.node().status.borrow().size);
    tokio::spawn(async move {
        let Some(mut next) = catch_up(&app, start, &tx).await else {
            return;
        };
        loop {
            let received = tokio::select! {
                r = live.recv() => r,
                _ = shutdown.changed() => return,
            };
            match received {
                Ok(e) if e.index < next => {}
                Ok(e) if e.index == next => {
                    if tx.send(Ok(sse_event(&e))).await.is_err() {
                        return;
                    }
                    next += 1;
                }
                // A gap (this subscriber lagged, or entries arrived before it subscribed).
                Ok(_) | Err(broadcast::error::RecvError::Lagged(_)) => {
                    let Some(n) = catch_up(&app, next, &tx).await else {
                        return;
                    };
                    next = n;
                }
                Err(broadcast::error::RecvError::Closed) => return,
            }
        }
    });
    Sse::new(ReceiverStream::new(rx)).keep_alive(KeepAlive::default())
}
