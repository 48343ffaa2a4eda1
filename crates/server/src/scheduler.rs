//! Durable deadlines: the scheduler sleeps until the engine's next deadline and then asks the
//! node to advance, which appends what the charter requires at that instant. Nothing about a
//! deadline is held in memory that the log does not imply: after downtime the node replays the
//! log, the next deadline is already past, and it fires at once with the same outcome and the
//! same `determined_at` as if the server had never stopped.
//!
//! Beside it, [`keep_time`] asks the node to check the time once a second (see
//! [`crate::timekeeping`]).

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;

use crate::clock::Clock;
use crate::node::NodeHandle;

/// Runs until `shutdown` turns true or the node goes away.
pub async fn run(node: NodeHandle, clock: Arc<dyn Clock>, mut shutdown: watch::Receiver<bool>) {
    let mut status = node.status.clone();
    let mut role = node.role.clone();
    loop {
        // Only the process that writes fires deadlines; a follower that takes over fires at
        // once what fell due meanwhile, dated at each deadline.
        if !node.until_writing(&mut shutdown).await {
            return;
        }
        role.borrow_and_update();
        let next = status.borrow_and_update().next_deadline;
        match next {
            Some(deadline) if clock.now() > deadline => {
                let before = status.borrow().clone();
                match node.advance().await {
                    Ok(_) => {
                        // A clock the node does not trust (behind the log, or stepped forward and
                        // not confirmed) makes no progress: check again shortly rather than spin.
                        if *status.borrow() == before {
                            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
                        }
                    }
                    Err(problem) => {
                        // The node is gone (shutdown): stop. It is busy (queue full): retry.
                        if status.has_changed().is_err() {
                            return;
                        }
                        tracing::warn!(detail = %problem.detail, "deadline check deferred");
                        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                    }
                }
            }
            Some(deadline) => {
                // A deadline counts events at its very instant, so fire just after it.
                let wake = deadline
                    .checked_add(jiff::SignedDuration::from_nanos(1))
                    .unwrap_or(deadline);
                tokio::select! {
                    _ = clock.sleep_until(wake) => {}
                    changed = status.changed() => if changed.is_err() { return },
                    _ = shutdown.changed() => {}
                    _ = role.changed() => {}
                }
            }
            None => {
                tokio::select! {
                    changed = status.changed() => if changed.is_err() { return },
                    _ = shutdown.changed() => {}
                    _ = role.changed() => {}
                }
            }
        }
    }
}

/// How often the time is checked even when nothing is written (confirmations are seen this fast).
const TICK: Duration = Duration::from_secs(1);

/// Checks the time every second (so a confirmation or a clock catching up is seen without
/// traffic) and keeps the heartbeat; runs until `shutdown` turns true or the node goes away.
pub async fn keep_time(node: NodeHandle, mut shutdown: watch::Receiver<bool>) {
    let mut interval = tokio::time::interval(TICK);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = interval.tick() => {}
            _ = shutdown.changed() => {}
        }
        if *shutdown.borrow() {
            return;
        }
        if !node.writes() {
            continue;
        }
        if node.tick_time().await.is_err() && node.status.has_changed().is_err() {
            return;
        }
    }
}
