//! Prometheus metrics, written in the text exposition format by hand (a handful of counters and
//! two histograms do not need a metrics framework).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// Latency buckets in seconds.
const BUCKETS: [f64; 12] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0,
];

#[derive(Debug, Default)]
pub struct Histogram {
    counts: [AtomicU64; 12],
    over: AtomicU64,
    sum_micros: AtomicU64,
    total: AtomicU64,
}

impl Histogram {
    pub fn observe(&self, seconds: f64) {
        let seconds = seconds.max(0.0);
        match BUCKETS.iter().position(|b| seconds <= *b) {
            Some(i) => {
                self.counts[i].fetch_add(1, Ordering::Relaxed);
            }
            None => {
                self.over.fetch_add(1, Ordering::Relaxed);
            }
        }
        self.sum_micros
            .fetch_add((seconds * 1e6) as u64, Ordering::Relaxed);
        self.total.fetch_add(1, Ordering::Relaxed);
    }

    fn write(&self, out: &mut String, name: &str, labels: &str) {
        let mut cumulative = 0;
        for (b, c) in BUCKETS.iter().zip(&self.counts) {
            cumulative += c.load(Ordering::Relaxed);
            let sep = if labels.is_empty() { "" } else { "," };
            let _ = writeln!(out, "{name}_bucket{{{labels}{sep}le=\"{b}\"}} {cumulative}");
        }
        let total = self.total.load(Ordering::Relaxed);
        let sep = if labels.is_empty() { "" } else { "," };
        let _ = writeln!(out, "{name}_bucket{{{labels}{sep}le=\"+Inf\"}} {total}");
        let braces = if labels.is_empty() {
            String::new()
        } else {
            format!("{{{labels}}}")
        };
        let _ = writeln!(
            out,
            "{name}_sum{braces} {}",
            self.sum_micros.load(Ordering::Relaxed) as f64 / 1e6
        );
        let _ = writeln!(out, "{name}_count{braces} {total}");
    }
}

/// Whether the server trusts its clock (see [`crate::timekeeping`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TimeState {
    /// Entries are dated by the wall clock; deadlines fire.
    #[default]
    Ok,
    /// The wall clock is behind the log: writes are refused, deadlines wait.
    Behind,
    /// The wall clock stepped forward: writes and deadlines wait for a confirmation.
    Held,
}

impl TimeState {
    pub fn name(self) -> &'static str {
        match self {
            TimeState::Ok => "ok",
            TimeState::Behind => "behind",
            TimeState::Held => "held",
        }
    }
}

/// The time state as the node last judged it, for `/metrics` and `/healthz`.
#[derive(Debug, Default)]
pub struct TimeGauges {
    /// 0 ok, 1 behind, 2 held.
    state: AtomicU64,
    /// How far behind the log (behind) or how far stepped (held), in milliseconds.
    millis: AtomicU64,
}

impl TimeGauges {
    pub fn set(&self, state: TimeState, by: jiff::SignedDuration) {
        let code = match state {
            TimeState::Ok => 0,
            TimeState::Behind => 1,
            TimeState::Held => 2,
        };
        let ms = u64::try_from(by.as_millis().max(0)).unwrap_or(u64::MAX);
        self.millis.store(ms, Ordering::Relaxed);
        self.state.store(code, Ordering::Relaxed);
    }

    pub fn state(&self) -> TimeState {
        match self.state.load(Ordering::Relaxed) {
            1 => TimeState::Behind,
            2 => TimeState::Held,
            _ => TimeState::Ok,
        }
    }

    /// How far behind or how far stepped, in seconds (0 when the time is trusted).
    pub fn seconds(&self) -> f64 {
        self.millis.load(Ordering::Relaxed) as f64 / 1e3
    }

    fn write(&self, out: &mut String) {
        let state = self.state();
        let _ = writeln!(
            out,
            "# HELP snapback_clock_state Whether the clock is trusted (ok), behind the log (writes refused) or held after a forward step (writes and deadlines wait for `snapback time confirm`): 1 for the current state."
        );
        let _ = writeln!(out, "# TYPE snapback_clock_state gauge");
        for s in [TimeState::Ok, TimeState::Behind, TimeState::Held] {
            let _ = writeln!(
                out,
                "snapback_clock_state{{state=\"{}\"}} {}",
                s.name(),
                u8::from(s == state)
            );
        }
        let (behind, step) = match state {
            TimeState::Behind => (self.seconds(), 0.0),
            TimeState::Held => (0.0, self.seconds()),
            TimeState::Ok => (0.0, 0.0),
        };
        let _ = writeln!(
            out,
            "# HELP snapback_clock_behind_seconds How far the wall clock is behind the log's latest instant (0 when it is not)."
        );
        let _ = writeln!(out, "# TYPE snapback_clock_behind_seconds gauge");
        let _ = writeln!(out, "snapback_clock_behind_seconds {behind}");
        let _ = writeln!(
            out,
            "# HELP snapback_clock_unconfirmed_step_seconds The forward step of the wall clock waiting for confirmation (0 when none)."
        );
        let _ = writeln!(out, "# TYPE snapback_clock_unconfirmed_step_seconds gauge");
        let _ = writeln!(out, "snapback_clock_unconfirmed_step_seconds {step}");
    }
}

/// This process's place in its cluster (see [`crate::cluster`]), for `/metrics` and `/healthz`.
#[derive(Debug, Default)]
pub struct ClusterGauges {
    /// 0 single, 1 leader, 2 follower.
    role: AtomicU64,
    /// The lease's fencing token this process last led under (0: never).
    pub token: AtomicU64,
    /// The log's size on the primary database, as this process last read it.
    pub primary_size: AtomicU64,
    /// The entries this process's replica has applied.
    pub applied: AtomicU64,
    /// Times this process took the lease and started writing.
    pub takeovers: AtomicU64,
    /// Times this process stopped writing (lost its lease, or could not renew it in time).
    pub step_downs: AtomicU64,
    /// From a commit on the primary being seen to the replica having applied it.
    pub lag: Histogram,
}

impl ClusterGauges {
    pub fn set_role(&self, role: &crate::role::Role) {
        let code = match role {
            crate::role::Role::Single => 0,
            crate::role::Role::Leader { .. } => 1,
            crate::role::Role::Follower { .. } => 2,
        };
        self.role.store(code, Ordering::Relaxed);
    }

    /// How many entries the replica is behind the primary.
    pub fn lag_entries(&self) -> u64 {
        self.primary_size
            .load(Ordering::Relaxed)
            .saturating_sub(self.applied.load(Ordering::Relaxed))
    }

    fn write(&self, out: &mut String) {
        let role = self.role.load(Ordering::Relaxed);
        head(
            out,
            "snapback_role",
            "gauge",
            "This process's role: single (the only writer), leader (under the lease) or follower: 1 for the current one.",
        );
        for (code, name) in [(0, "single"), (1, "leader"), (2, "follower")] {
            let _ = writeln!(
                out,
                "snapback_role{{role=\"{name}\"}} {}",
                u8::from(role == code)
            );
        }
        head(
            out,
            "snapback_lease_token",
            "gauge",
            "The lease's fencing token this process last led under (0: never).",
        );
        let _ = writeln!(
            out,
            "snapback_lease_token {}",
            self.token.load(Ordering::Relaxed)
        );
        head(
            out,
            "snapback_follower_lag_entries",
            "gauge",
            "Entries committed on the primary that this process has not applied yet.",
        );
        let _ = writeln!(out, "snapback_follower_lag_entries {}", self.lag_entries());
        head(
            out,
            "snapback_follower_lag_seconds",
            "histogram",
            "From a commit on the primary being seen to this process having applied it.",
        );
        self.lag.write(out, "snapback_follower_lag_seconds", "");
        counter(
            out,
            "snapback_takeovers_total",
            "Times this process took the lease and started writing.",
            &self.takeovers,
        );
        counter(
            out,
            "snapback_step_downs_total",
            "Times this process stopped writing: it lost the lease or could not renew it in time.",
            &self.step_downs,
        );
    }
}

/// The server's metrics.
#[derive(Debug, Default)]
pub struct Metrics {
    /// The clock's state.
    pub time: std::sync::Arc<TimeGauges>,
    pub entries_appended: AtomicU64,
    pub deadlines_fired: AtomicU64,
    pub fire_latency: Histogram,
    /// Commits that failed (the ledger went back to the committed log).
    pub commit_failures: AtomicU64,
    /// Failed commits undone by replaying the whole log (the read replica normally spares it).
    pub commit_replays: AtomicU64,
    /// Closures run on the writer's thread (metadata writes and cosignatures; never a read; the
    /// time check has its own command).
    pub node_closures: AtomicU64,
    /// The witnesses the log sends its checkpoints to ([`crate::witnessing`]).
    pub witnesses: std::sync::Arc<crate::witness_board::WitnessBoard>,
    /// `add-checkpoint` round trips to the witnesses.
    pub witness_round_trip: Histogram,
    /// The process's role and lag.
    pub cluster: ClusterGauges,
    rejected: Mutex<BTreeMap<String, u64>>,
    requests: Mutex<BTreeMap<String, std::sync::Arc<Histogram>>>,
}

impl Metrics {
    pub fn rejected(&self, code: &str) {
        if let Ok(mut m) = self.rejected.lock() {
            *m.entry(code.to_owned()).or_default() += 1;
        }
    }

    pub fn request(&self, route: &str, seconds: f64) {
        let h = self
            .requests
            .lock()
            .ok()
            .map(|mut m| std::sync::Arc::clone(m.entry(route.to_owned()).or_default()));
        if let Some(h) = h {
            h.observe(seconds);
        }
    }

    /// The Prometheus text exposition.
    pub fn render(&self) -> String {
        let mut out = String::new();
        counter(
            &mut out,
            "snapback_entries_appended_total",
            "Log entries appended (inputs and derived).",
            &self.entries_appended,
        );
        head(
            &mut out,
            "snapback_entries_rejected_total",
            "counter",
            "Submissions refused, by reason.",
        );
        // A poisoned lock (a panic while counting) leaves the counts as they were: still worth
        // exposing.
        let rejected = match self.rejected.lock() {
            Ok(m) => m,
            Err(poisoned) => poisoned.into_inner(),
        };
        for (code, n) in rejected.iter() {
            out.push_str(&format!(
                "snapback_entries_rejected_total{{reason=\"{code}\"}} {n}\n"
            ));
        }
        drop(rejected);
        counter(
            &mut out,
            "snapback_deadlines_fired_total",
            "Derived entries appended because a deadline passed.",
            &self.deadlines_fired,
        );
        head(
            &mut out,
            "snapback_deadline_fire_latency_seconds",
            "histogram",
            "From a deadline to its derived entry being durable.",
        );
        self.fire_latency
            .write(&mut out, "snapback_deadline_fire_latency_seconds", "");
        counter(
            &mut out,
            "snapback_commit_failures_total",
            "Commits that failed; the ledger went back to the committed log.",
            &self.commit_failures,
        );
        counter(
            &mut out,
            "snapback_commit_replays_total",
            "Failed commits undone by replaying the whole log instead of from the read replica.",
            &self.commit_replays,
        );
        counter(
            &mut out,
            "snapback_node_closures_total",
            "Closures run on the writer's thread: metadata writes and cosignatures, never a read.",
            &self.node_closures,
        );
        head(
            &mut out,
            "snapback_request_duration_seconds",
            "histogram",
            "HTTP request latency, by route.",
        );
        let routes: Vec<(String, std::sync::Arc<Histogram>)> = {
            let requests = match self.requests.lock() {
                Ok(m) => m,
                Err(poisoned) => poisoned.into_inner(),
            };
            requests
                .iter()
                .map(|(k, v)| (k.clone(), std::sync::Arc::clone(v)))
                .collect()
        };
        for (route, h) in routes {
            h.write(
                &mut out,
                "snapback_request_duration_seconds",
                &format!("route=\"{route}\""),
            );
        }
        self.time.write(&mut out);
        self.witnesses.write(&mut out);
        head(
            &mut out,
            "snapback_witness_round_trip_seconds",
            "histogram",
            "add-checkpoint round trips to the witnesses, sending to answer.",
        );
        self.witness_round_trip
            .write(&mut out, "snapback_witness_round_trip_seconds", "");
        self.cluster.write(&mut out);
        out
    }
}

/// A metric's `# HELP` and `# TYPE` lines.
fn head(out: &mut String, name: &str, kind: &str, help: &str) {
    out.push_str(&format!("# HELP {name} {help}\n# TYPE {name} {kind}\n"));
}

/// A counter: its head and its one value.
fn counter(out: &mut String, name: &str, help: &str, value: &AtomicU64) {
    head(out, name, "counter", help);
    out.push_str(&format!("{name} {}\n", value.load(Ordering::Relaxed)));
}
