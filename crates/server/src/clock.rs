//! Time for the server, injected so tests drive it without sleeping.
//!
//! The engine never reads a clock; the server does, in one place. A clock gives two readings:
//! the wall clock ([`Clock::now`], what entries are dated with) and a monotonic clock
//! ([`Clock::monotonic`], which an operator or an attacker cannot step), so the server can tell
//! time passing from the wall clock being stepped (see [`crate::timekeeping`]). [`SystemClock`]
//! is the system's; [`ManualClock`] is set by tests, its two readings separately.

use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use jiff::Timestamp;
use tokio::sync::Notify;

/// A reading that survives a restart of the process but not a reboot of the machine: the boot's
/// identity and the time since it (counting suspend).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BootReading {
    pub boot_id: String,
    pub since_boot: Duration,
}

/// A source of the current instant that can also wait for an instant.
pub trait Clock: Send + Sync + 'static {
    /// The wall clock.
    fn now(&self) -> Timestamp;

    /// A monotonic reading (from an arbitrary origin fixed for the process): it never goes
    /// backwards and is not stepped when the wall clock is.
    fn monotonic(&self) -> Duration;

    /// The boot this process runs in and the time since it, where the system says (Linux);
    /// lets a restarted server compare its wall clock with the previous process's.
    fn boot(&self) -> Option<BootReading> {
        None
    }

    /// Resolves once `now() >= at` (or spuriously earlier; callers re-check).
    fn sleep_until(
        &self,
        at: Timestamp,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send + '_>>;
}

/// The system's wall clock, and `std::time::Instant` as its monotonic clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

/// The process's monotonic origin.
fn origin() -> Instant {
    static ORIGIN: OnceLock<Instant> = OnceLock::new();
    *ORIGIN.get_or_init(Instant::now)
}

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }

    fn monotonic(&self) -> Duration {
        origin().elapsed()
    }

    #[cfg(target_os = "linux")]
    fn boot(&self) -> Option<BootReading> {
        let boot_id = std::fs::read_to_string("/proc/sys/kernel/random/boot_id").ok()?;
        let t = rustix::time::clock_gettime(rustix::time::ClockId::Boottime);
        let since_boot = Duration::new(
            u64::try_from(t.tv_sec).ok()?,
            u32::try_from(t.tv_nsec).ok()?,
        );
        Some(BootReading {
            boot_id: boot_id.trim().to_owned(),
            since_boot,
        })
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

#[derive(Debug)]
struct Readings {
    wall: Timestamp,
    monotonic: Duration,
}

/// A clock tests set by hand; sleepers wake when it is moved. Its monotonic reading starts at
/// zero; each new manual clock is a boot of its own, and its boot reading is the monotonic reading
/// (so a test restarting a server with a clone of the clock restarts it "on the same boot").
#[derive(Debug, Clone)]
pub struct ManualClock {
    readings: Arc<Mutex<Readings>>,
    moved: Arc<Notify>,
    /// A boot of its own (clones share it): a new manual clock is a reboot.
    boot_id: Arc<str>,
}

impl ManualClock {
    pub fn new(start: Timestamp) -> Self {
        Self {
            readings: Arc::new(Mutex::new(Readings {
                wall: start,
                monotonic: Duration::ZERO,
            })),
            moved: Arc::new(Notify::new()),
            boot_id: {
                static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
                let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                Arc::from(format!("manual-{}-{n}", std::process::id()))
            },
        }
    }

    /// Time passes until `at`: forwards, the wall and the monotonic clock move together (a
    /// deadline days away is reached without the server seeing a step); backwards (to test
    /// jumps), only the wall clock moves. Wakes every sleeper.
    pub fn set(&self, at: Timestamp) {
        if let Ok(mut r) = self.readings.lock() {
            if at > r.wall {
                let elapsed = Duration::try_from(at.duration_since(r.wall)).unwrap_or_default();
                r.monotonic += elapsed;
            }
            r.wall = at;
        }
        self.moved.notify_waiters();
    }

    /// Steps the wall clock to `at` (either way) without time passing: what an operator's
    /// `date -s`, a bad NTP source or an attacker does.
    pub fn step(&self, at: Timestamp) {
        if let Ok(mut r) = self.readings.lock() {
            r.wall = at;
        }
        self.moved.notify_waiters();
    }

    /// Lets `elapsed` pass on the monotonic clock only (the wall clock stands still, as if it
    /// had been stepped back by as much).
    pub fn elapse_monotonic(&self, elapsed: Duration) {
        if let Ok(mut r) = self.readings.lock() {
            r.monotonic += elapsed;
        }
        self.moved.notify_waiters();
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        self.readings
            .lock()
            .map(|r| r.wall)
            .unwrap_or(Timestamp::UNIX_EPOCH)
    }

    fn monotonic(&self) -> Duration {
        self.readings
            .lock()
            .map(|r| r.monotonic)
            .unwrap_or_default()
    }

    fn boot(&self) -> Option<BootReading> {
        Some(BootReading {
            boot_id: self.boot_id.to_string(),
            since_boot: self.monotonic(),
        })
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
