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

/// The server's metrics.
#[derive(Debug, Default)]
pub struct Metrics {
    pub entries_appended: AtomicU64,
    pub deadlines_fired: AtomicU64,
    pub fire_latency: Histogram,
    /// Commits that failed (the ledger went back to the committed log).
    pub commit_failures: AtomicU64,
    /// Failed commits undone by replaying the whole log (the read replica normally spares it).
    pub commit_replays: AtomicU64,
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
        let _ = writeln!(
            out,
            "# HELP snapback_entries_appended_total Log entries appended (inputs and derived)."
        );
        let _ = writeln!(out, "# TYPE snapback_entries_appended_total counter");
        let _ = writeln!(
            out,
            "snapback_entries_appended_total {}",
            self.entries_appended.load(Ordering::Relaxed)
        );
        let _ = writeln!(
            out,
            "# HELP snapback_entries_rejected_total Submissions refused, by reason."
        );
        let _ = writeln!(out, "# TYPE snapback_entries_rejected_total counter");
        if let Ok(m) = self.rejected.lock() {
            for (code, n) in m.iter() {
                let _ = writeln!(
                    out,
                    "snapback_entries_rejected_total{{reason=\"{code}\"}} {n}"
                );
            }
        }
        let _ = writeln!(
            out,
            "# HELP snapback_deadlines_fired_total Derived entries appended because a deadline passed."
        );
        let _ = writeln!(out, "# TYPE snapback_deadlines_fired_total counter");
        let _ = writeln!(
            out,
            "snapback_deadlines_fired_total {}",
            self.deadlines_fired.load(Ordering::Relaxed)
        );
        let _ = writeln!(
            out,
            "# HELP snapback_deadline_fire_latency_seconds From a deadline to its derived entry being durable."
        );
        let _ = writeln!(
            out,
            "# TYPE snapback_deadline_fire_latency_seconds histogram"
        );
        self.fire_latency
            .write(&mut out, "snapback_deadline_fire_latency_seconds", "");
        for (name, help, value) in [
            (
                "snapback_commit_failures_total",
                "Commits that failed; the ledger went back to the committed log.",
                &self.commit_failures,
            ),
            (
                "snapback_commit_replays_total",
                "Failed commits undone by replaying the whole log instead of from the read replica.",
                &self.commit_replays,
            ),
        ] {
            let _ = writeln!(out, "# HELP {name} {help}");
            let _ = writeln!(out, "# TYPE {name} counter");
            let _ = writeln!(out, "{name} {}", value.load(Ordering::Relaxed));
        }
        let _ = writeln!(
            out,
            "# HELP snapback_request_duration_seconds HTTP request latency, by route."
        );
        let _ = writeln!(out, "# TYPE snapback_request_duration_seconds histogram");
        let routes: Vec<(String, std::sync::Arc<Histogram>)> = self
            .requests
            .lock()
            .map(|m| {
                m.iter()
                    .map(|(k, v)| (k.clone(), std::sync::Arc::clone(v)))
                    .collect()
            })
            .unwrap_or_default();
        for (route, h) in routes {
            h.write(
                &mut out,
                "snapback_request_duration_seconds",
                &format!("route=\"{route}\""),
            );
        }
        out
    }
}
