//! Time for the server, injected so tests drive it without sleeping.
//!
//! The engine never reads a clock; the server does, in one place. [`SystemClock`] is the wall
//! clock; [`ManualClock`] is set by tests. Either way the server keeps the log's time monotone:
//! entries are dated `max(clock, last entry)`, and a clock that jumps backwards is logged, not
//! obeyed.

use std::sync::{Arc, Mutex};

use jiff::Timestamp;
use tokio::sync::Notify;

/// A source of the current instant that can also wait for an instant.
pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> Timestamp;

    /// Resolves once `now() >= at` (or spuriously earlier; callers re-check).
    fn sleep_until(
        &self,
        at: Timestamp,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send + '_>>;
}

/// The system's wall clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }

    fn sleep_until(
        &self,
        at: Timestamp,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send + '_>> {
        let wait = at.duration_since(Timestamp::now());
        let wait = std::time::Duration::try_from(wait).unwrap_or(std::time::Duration::ZERO);
        // Wake at least every minute: a wall clock can be stepped while we sleep.
        Box::pin(tokio::time::sleep(
            wait.min(std::time::Duration::from_secs(60)),
        ))
    }
}

/// A clock tests set by hand; sleepers wake when it is moved.
#[derive(Debug, Clone)]
pub struct ManualClock {
    now: Arc<Mutex<Timestamp>>,
    moved: Arc<Notify>,
}

impl ManualClock {
    pub fn new(start: Timestamp) -> Self {
        Self {
            now: Arc::new(Mutex::new(start)),
            moved: Arc::new(Notify::new()),
        }
    }

    /// Sets the time (forwards or, to test jumps, backwards) and wakes every sleeper.
    pub fn set(&self, at: Timestamp) {
        if let Ok(mut now) = self.now.lock() {
            *now = at;
        }
        self.moved.notify_waiters();
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        self.now.lock().map(|n| *n).unwrap_or(Timestamp::UNIX_EPOCH)
    }

    fn sleep_until(
        &self,
        at: Timestamp,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send + '_>> {
        Box::pin(async move {
            loop {
                let notified = self.moved.notified();
                if self.now() >= at {
                    return;
                }
                notified.await;
            }
        })
    }
}
