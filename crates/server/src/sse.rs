//! `GET /v1/events`: every new log entry (inputs and the engine's determinations) as
//! Server-Sent Events, `id:` being the entry's index. A client that reconnects with
//! `Last-Event-ID: N` receives every entry after N from the log first, then the live stream,
//! without gaps or repeats; a subscriber that falls behind the live buffer catches up the same way.
//! A `Last-Event-ID` that is not a number is `400 malformed`; one at or beyond the log's size is
//! `400 last_event_id_beyond_log`.

use std::convert::Infallible;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use tokio::sync::{broadcast, mpsc};
use tokio_stream::wrappers::ReceiverStream;

use crate::node::LogEvent;
use crate::problem::Problem;
use crate::state::AppState;

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

/// The first index to send for a `Last-Event-ID` header: `None` without one (live from now).
/// An id that is not an entry index, or one the log has not reached, is refused: silently
/// restarting the stream would hide that the client follows another log (or a log that lost
/// entries).
async fn resume_from(app: &AppState, headers: &HeaderMap) -> Result<Option<u64>, Problem> {
    let Some(value) = headers.get("last-event-id") else {
        return Ok(None);
    };
    let text = value.to_str().unwrap_or("\u{fffd}").trim();
    if text.is_empty() {
        // EventSource sends an empty id after an event that reset it: start live.
        return Ok(None);
    }
    let last: u64 = text.parse().map_err(|_| {
        Problem::new(
            StatusCode::BAD_REQUEST,
            "malformed",
            "the Last-Event-ID header is not an entry index; send the `id:` of the last event received (a whole number), or no Last-Event-ID to start from the next entry",
        )
        .field("Last-Event-ID")
    })?;
    let size = app.read(crate::reader::View::size).await?;
    if last >= size {
        return Err(Problem::new(
            StatusCode::BAD_REQUEST,
            "last_event_id_beyond_log",
            format!(
                "Last-Event-ID {last} is beyond the log, which has {size} entries (the last index is {}); this is not the log the client followed, or it lost entries: verify it (GET /v1/log/checkpoint) and reconnect without Last-Event-ID",
                size.checked_sub(1).map_or("none".to_owned(), |i| i.to_string())
            ),
        )
        .field("Last-Event-ID"));
    }
    Ok(Some(last + 1))
}

pub async fn events(State(app): State<AppState>, headers: HeaderMap) -> Response {
    let resume = match resume_from(&app, &headers).await {
        Ok(r) => r,
        Err(p) => return p.into_response(),
    };
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
    Sse::new(ReceiverStream::new(rx))
        .keep_alive(KeepAlive::default())
        .into_response()
}
