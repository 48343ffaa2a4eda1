//! Time you can trust: the node dates entries by the wall clock only while it has reason to
//! believe it (see `docs/security.md`, "Time").
//!
//! * **Behind.** A wall clock earlier than the log's latest instant (or than the last heartbeat
//!   of a previous process) would date entries in the past. Writes are refused (`503
//!   clock_behind`, with `Retry-After`), deadlines do not fire, reads go on, and everything
//!   resumes by itself once the clock has caught up.
//! * **Forward step.** The wall clock moving further than the monotonic clock (plus a bound,
//!   `step_max`) since the last trusted reading is a step, not time passing. Deadlines and
//!   writes are held (`503 clock_unconfirmed`) until the step is undone (the clock comes back),
//!   an operator confirms the new time (`snapback time confirm`, recorded in the log's metadata
//!   under [`CONFIRM_KEY`]), or a trusted witness's cosignature is timestamped within the bound of
//!   the new time.
//! * **Restarts.** A heartbeat (wall time, the boot's id and the time since boot) is kept in the
//!   metadata under [`HEARTBEAT_KEY`] while the time is trusted. A restarted server never dates
//!   before the heartbeat's wall time, and on the same boot it also detects a forward step made
//!   while it was down.

use std::sync::Arc;
use std::time::Duration;

use axum::http::StatusCode;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use snapback_store::Store;

use crate::clock::Clock;
use crate::metrics::{TimeGauges, TimeState};
use crate::problem::Problem;

/// The default bound on a forward step of the wall clock beyond the monotonic clock's elapsed time.
pub const DEFAULT_STEP_MAX: Duration = Duration::from_secs(5);
/// The metadata key of the latest operator confirmation of the time.
pub const CONFIRM_KEY: &str = "time:confirmed";
/// The metadata key of the heartbeat of the last process whose time was trusted.
pub const HEARTBEAT_KEY: &str = "time:heartbeat";
/// How often the heartbeat is written while the time is trusted.
const HEARTBEAT_EVERY: Duration = Duration::from_secs(5);
/// `Retry-After` while a step waits for confirmation.
const HELD_RETRY_AFTER: u64 = 30;

/// How the server judges its clock.
#[derive(Debug, Clone)]
pub struct TimeOptions {
    /// A forward step of the wall clock beyond the monotonic clock's elapsed time larger than
    /// this holds writes and deadlines until it is confirmed.
    pub step_max: Duration,
    /// Witness verifier keys (C2SP `cosignature/v1`, the form `POST /v1/log/cosignature` takes)
    /// whose cosignature timestamps may confirm a forward step.
    pub witnesses: Vec<String>,
}

impl Default for TimeOptions {
    fn default() -> Self {
        Self {
            step_max: DEFAULT_STEP_MAX,
            witnesses: Vec::new(),
        }
    }
}

/// An operator's confirmation: "my clock reads `wall`, and it is right".
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Confirmation {
    #[serde(with = "snapback_charter::time::instant_serde")]
    pub wall: Timestamp,
}

/// What a process whose time was trusted last saw.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Heartbeat {
    #[serde(with = "snapback_charter::time::instant_serde")]
    wall: Timestamp,
    boot_id: Option<String>,
    /// Nanoseconds since that boot.
    since_boot_ns: Option<u64>,
}

/// Records an operator's confirmation that the clock reading `wall` is right (what
/// `snapback time confirm` does); a server holding for a forward step whose own clock agrees
/// within its bound resumes at its next check (within a second).
pub fn confirm(store: &mut dyn Store, wall: Timestamp) -> Result<(), snapback_store::StoreError> {
    let value = serde_json::to_string(&Confirmation { wall }).unwrap_or_default();
    store.set_meta(CONFIRM_KEY, &value)
}

/// A forward step waiting to be confirmed.
#[derive(Debug, Clone)]
struct Hold {
    /// The wall time when the step was seen.
    seen: Timestamp,
    /// How far ahead of the monotonic clock's reckoning it was.
    step: SignedDuration,
}

/// The node's judgement of its clock (owned by the node thread).
pub struct TimeGuard {
    clock: Arc<dyn Clock>,
    options: TimeOptions,
    gauges: Arc<TimeGauges>,
    /// The reference reading, (wall, monotonic), taken when the time was last trusted (the
    /// first reading, the previous process's heartbeat on the same boot, or a confirmation):
    /// the wall clock now should read the reference plus the monotonic time since. The wall
    /// and monotonic clocks are slewed alike by NTP, so they part only when the wall clock is
    /// stepped (or the machine is suspended).
    anchor: Option<(Timestamp, Duration)>,
    /// A wall instant a previous process trusted: the time now is not earlier.
    floor: Option<Timestamp>,
    held: Option<Hold>,
    /// The latest cosignature timestamp of a trusted witness, and the wall time it was recorded.
    witnessed: Option<Timestamp>,
    /// The state last reported (transitions are logged).
    reported: TimeState,
    /// The wall clock is behind the trusted reckoning (logged once).
    stepped_back: bool,
    last_heartbeat: Option<Duration>,
}

impl std::fmt::Debug for TimeGuard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TimeGuard")
            .field("anchor", &self.anchor)
            .field("floor", &self.floor)
            .field("held", &self.held)
            .finish_non_exhaustive()
    }
}

fn signed(d: Duration) -> SignedDuration {
    SignedDuration::try_from(d).unwrap_or(SignedDuration::MAX)
}

fn secs_up(d: SignedDuration) -> u64 {
    let ms = u64::try_from(d.as_millis().max(0)).unwrap_or(u64::MAX);
    ms.div_ceil(1000).max(1)
}

impl TimeGuard {
    /// A guard for a log whose metadata `store` holds (reads the previous process's heartbeat).
    pub fn open(
        store: &dyn Store,
        clock: Arc<dyn Clock>,
        options: TimeOptions,
        gauges: Arc<TimeGauges>,
    ) -> Self {
        let heartbeat: Option<Heartbeat> = store
            .meta(HEARTBEAT_KEY)
            .ok()
            .flatten()
            .and_then(|v| serde_json::from_str(&v).ok());
        let mut guard = Self {
            clock,
            options,
            gauges,
            anchor: None,
            floor: None,
            held: None,
            witnessed: None,
            reported: TimeState::Ok,
            stepped_back: false,
            last_heartbeat: None,
        };
        if let Some(hb) = heartbeat {
            guard.floor = Some(hb.wall);
            // On the same boot, the time since boot says how much time really passed since the
            // heartbeat: the first check compares the wall clock with that.
            if let (Some(now), Some(id), Some(ns)) =
                (guard.clock.boot(), hb.boot_id.as_ref(), hb.since_boot_ns)
                && now.boot_id == *id
            {
                let then = Duration::from_nanos(ns);
                let passed = now.since_boot.saturating_sub(then);
                if let Ok(expected) = hb.wall.checked_add(signed(passed)) {
                    guard.anchor = Some((expected, guard.clock.monotonic()));
                }
            }
        }
        guard
    }

    /// Tells the guard a trusted witness cosigned at `time` (seconds since the epoch); returns
    /// whether the witness is trusted for time.
    pub fn witnessed(&mut self, witness: &str, time: u64) -> bool {
        let trusted = self.options.witnesses.iter().any(|w| {
            snapback_log::keys::VerifierKey::parse(w).is_ok_and(|k| k.to_string() == witness)
        });
        if !trusted {
            return false;
        }
        if let Ok(at) = Timestamp::from_second(i64::try_from(time).unwrap_or(i64::MAX)) {
            self.witnessed = Some(at);
        }
        true
    }

    /// Whether `at` (a confirming reading) agrees with the wall clock `wall` for a hold seen at
    /// `seen`: taken after the step (by the stepped clock) and within the bound of now.
    fn agrees(&self, at: Timestamp, seen: Timestamp, wall: Timestamp) -> bool {
        let bound = signed(self.options.step_max);
        // Cosignature timestamps are whole seconds.
        let slack = bound + SignedDuration::from_secs(1);
        at >= seen.checked_sub(slack).unwrap_or(seen) && wall.duration_since(at).abs() <= slack
    }

    /// Judges the clock now against the log's latest instant: the wall time to date entries
    /// with, or the problem to refuse writes (and deadlines) with.
    pub fn check(
        &mut self,
        store: &dyn Store,
        log_latest: Option<Timestamp>,
    ) -> Result<Timestamp, Problem> {
        let wall = self.clock.now();
        let mono = self.clock.monotonic();
        let bound = signed(self.options.step_max);
        let expected = self.anchor.and_then(|(aw, am)| {
            aw.checked_add(signed(mono.saturating_sub(am)))
                .ok()
                .map(|e| (e, wall.duration_since(e)))
        });
        if let Some(hold) = self.held.clone() {
            let undone = expected.is_none_or(|(_, step)| step <= bound);
            let confirmed = store
                .meta(CONFIRM_KEY)
                .ok()
                .flatten()
                .and_then(|v| serde_json::from_str::<Confirmation>(&v).ok())
                .is_some_and(|c| self.agrees(c.wall, hold.seen, wall));
            let witnessed = self
                .witnessed
                .is_some_and(|w| self.agrees(w, hold.seen, wall));
            if undone || confirmed || witnessed {
                let how = if undone {
                    "the clock came back"
                } else if confirmed {
                    "an operator confirmed the time (snapback time confirm)"
                } else {
                    "a trusted witness's cosignature confirmed the time"
                };
                tracing::warn!(clock = %wall, "forward clock step resolved: {how}; writes and deadlines resume");
                self.held = None;
                if !undone {
                    // The confirmed time is the new reference.
                    self.anchor = Some((wall, mono));
                }
            }
        } else if let Some((_, step)) = expected {
            // The reference is not moved by readings that agree with it: steps add up, so a
            // clock stepped 4 s at a time is held once the sum passes the bound.
            if step > bound {
                tracing::warn!(
                    clock = %wall,
                    step = %format!("{:.3}s", step.as_secs_f64()),
                    "the wall clock stepped forward beyond the monotonic clock; writes and deadlines are held until `snapback time confirm` (or the clock comes back)"
                );
                self.held = Some(Hold { seen: wall, step });
            } else if step < -bound {
                // The clock may come back to the reference without confirmation.
                if !self.stepped_back {
                    tracing::warn!(
                        clock = %wall,
                        step = %format!("{:.3}s", step.as_secs_f64()),
                        "the wall clock stepped backwards; entries are never dated before the log's latest"
                    );
                    self.stepped_back = true;
                }
            } else {
                self.stepped_back = false;
            }
        } else {
            self.anchor = Some((wall, mono));
        }
        let floor = match (log_latest, self.floor) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        let verdict = if let Some(hold) = &self.held {
            Err((TimeState::Held, hold.step))
        } else {
            // Entries are dated to the millisecond, up to one after the wall clock's (just after
            // an instant `advance` completed): that much is not "behind".
            match floor {
                Some(f) if f.duration_since(wall) > SignedDuration::from_millis(1) => {
                    Err((TimeState::Behind, f.duration_since(wall)))
                }
                _ => Ok(wall),
            }
        };
        self.report(&verdict, wall, floor);
        verdict.map_err(|(state, by)| problem(state, by, wall, floor))
    }

    /// Publishes the state to the gauges and logs a transition.
    fn report(
        &mut self,
        verdict: &Result<Timestamp, (TimeState, SignedDuration)>,
        wall: Timestamp,
        floor: Option<Timestamp>,
    ) {
        let (state, by) = match verdict {
            Ok(_) => (TimeState::Ok, SignedDuration::ZERO),
            Err((s, by)) => (*s, *by),
        };
        self.gauges.set(state, by);
        if state != self.reported {
            match state {
                TimeState::Behind => tracing::warn!(
                    clock = %wall,
                    log_latest = ?floor.map(|f| f.to_string()),
                    behind = %format!("{:.3}s", by.as_secs_f64()),
                    "the wall clock is behind the log: writes are refused and deadlines wait until it catches up"
                ),
                TimeState::Ok => tracing::info!(clock = %wall, "the clock is trusted again"),
                TimeState::Held => {}
            }
            self.reported = state;
        }
    }

    /// A periodic check; while the time is trusted, every few seconds, the heartbeat to write
    /// under [`HEARTBEAT_KEY`] (then call [`TimeGuard::heartbeat_written`]).
    pub fn tick(&mut self, store: &dyn Store, log_latest: Option<Timestamp>) -> Option<String> {
        let wall = self.check(store, log_latest).ok()?;
        let mono = self.clock.monotonic();
        if self
            .last_heartbeat
            .is_some_and(|at| mono.saturating_sub(at) < HEARTBEAT_EVERY)
        {
            return None;
        }
        let boot = self.clock.boot();
        let hb = Heartbeat {
            wall,
            boot_id: boot.as_ref().map(|b| b.boot_id.clone()),
            since_boot_ns: boot.and_then(|b| u64::try_from(b.since_boot.as_nanos()).ok()),
        };
        serde_json::to_string(&hb).ok()
    }

    /// The heartbeat [`TimeGuard::tick`] returned is stored.
    pub fn heartbeat_written(&mut self) {
        self.last_heartbeat = Some(self.clock.monotonic());
    }
}

/// The refusal of a write while the time is not trusted.
fn problem(
    state: TimeState,
    by: SignedDuration,
    wall: Timestamp,
    floor: Option<Timestamp>,
) -> Problem {
    match state {
        TimeState::Held => Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "clock_unconfirmed",
            format!(
                "the server's wall clock stepped forward by {:.0} s more than time passed (it reads {wall}); writes and deadlines are held until an operator confirms the time with `snapback time confirm` or the clock comes back; retry later",
                by.as_secs_f64()
            ),
        )
        .retry_after(HELD_RETRY_AFTER),
        _ => Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "clock_behind",
            format!(
                "the server's wall clock ({wall}) is {:.3} s behind the log's latest instant ({}); writes are refused until it catches up, so no entry is dated in the past",
                by.as_secs_f64(),
                floor.map(|f| f.to_string()).unwrap_or_default()
            ),
        )
        .retry_after(secs_up(by)),
    }
}
