//! Where each witness stands, as the log sees it ([`crate::witnessing`] keeps it up to date;
//! `GET /v1/log/witnesses` and `/metrics` show it).

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::Serialize;

/// Where a witness stands, as the log sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum WitnessStanding {
    /// Nothing sent yet (or nothing to send).
    Pending,
    /// It cosigned the last checkpoint sent to it.
    Cosigning,
    /// It could not be reached, or failed; retried with backoff.
    Down,
    /// It refused this log's checkpoint as inconsistent with one it cosigned before: it has
    /// seen another history of this log.
    Fork,
}

/// A fork alarm: a witness has seen a history of this log other than the one it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ForkAlarm {
    /// The size of this log's checkpoint the witness refused.
    pub size: u64,
    /// When the log raised the alarm (RFC 3339).
    pub at: String,
    /// What the witness answered.
    pub detail: String,
}

/// One witness's report.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct WitnessReport {
    pub name: String,
    /// Its submission prefix (the charter's `url`).
    pub url: String,
    pub standing: WitnessStanding,
    /// The largest checkpoint it cosigned since this server started.
    pub cosigned_size: Option<u64>,
    /// The last failure, while it is down.
    pub error: Option<String>,
    /// Set while the witness refuses this log's history.
    pub alarm: Option<ForkAlarm>,
    /// The last request's round trip, in milliseconds.
    pub round_trip_ms: Option<f64>,
}

/// The witnesses' reports and counters (part of [`crate::metrics::Metrics`]).
#[derive(Debug, Default)]
pub struct WitnessBoard {
    reports: Mutex<BTreeMap<String, WitnessReport>>,
    pub(crate) cosignatures: AtomicU64,
    pub(crate) failures: AtomicU64,
    pub(crate) forks: AtomicU64,
}

impl WitnessBoard {
    /// Every witness's report, by name.
    pub fn reports(&self) -> Vec<WitnessReport> {
        match self.reports.lock() {
            Ok(m) => m.values().cloned().collect(),
            Err(poisoned) => poisoned.into_inner().values().cloned().collect(),
        }
    }

    pub(crate) fn update(&self, name: &str, url: &str, change: impl FnOnce(&mut WitnessReport)) {
        let mut reports = match self.reports.lock() {
            Ok(m) => m,
            Err(poisoned) => poisoned.into_inner(),
        };
        let report = reports
            .entry(name.to_owned())
            .or_insert_with(|| WitnessReport {
                name: name.to_owned(),
                url: url.to_owned(),
                standing: WitnessStanding::Pending,
                cosigned_size: None,
                error: None,
                alarm: None,
                round_trip_ms: None,
            });
        change(report);
    }

    /// The Prometheus lines.
    pub fn write(&self, out: &mut String) {
        use std::fmt::Write as _;
        for (name, help, value) in [
            (
                "snapback_witness_cosignatures_total",
                "Cosignatures received from witnesses over tlog-witness and recorded.",
                &self.cosignatures,
            ),
            (
                "snapback_witness_failures_total",
                "add-checkpoint requests that failed (unreachable, timed out, refused).",
                &self.failures,
            ),
            (
                "snapback_witness_forks_total",
                "Fork alarms: a witness refused this log's checkpoint as inconsistent with one it cosigned before.",
                &self.forks,
            ),
        ] {
            let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} counter");
            let _ = writeln!(out, "{name} {}", value.load(Ordering::Relaxed));
        }
        let _ = writeln!(
            out,
            "# HELP snapback_witness_up Whether each witness cosigned the last checkpoint sent to it.\n# TYPE snapback_witness_up gauge"
        );
        for r in self.reports() {
            let up = u8::from(r.standing == WitnessStanding::Cosigning);
            let _ = writeln!(
                out,
                "snapback_witness_up{{witness=\"{}\"}} {up}",
                r.name.replace(['"', '\\', '\n'], "_")
            );
        }
    }
}
