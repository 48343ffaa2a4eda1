//! Monitoring series: a monitor's reports read by the charter's alert rules (`[[alert]]`).
//!
//! Each rule keeps, per area it reads, the series of its windows (numbered on the rule's grid,
//! so consecutive windows have consecutive numbers, across daylight saving): the sum of what the
//! reports ending in each window count, less the flagged counts the rule excludes. A report adds
//! to one window and may complete a condition at that window or at the later windows whose
//! condition reads it; each window alerts at most once. Windows only grow, so for the
//! `consecutive` and `sum` conditions the windows that alert do not depend on the order the
//! reports arrive in (a late report alerts when it arrives).

use rustc_hash::{FxHashMap, FxHashSet};
use snapback_charter::monitoring::WindowPlacer;
use snapback_charter::{Alert, AlertAction, AlertId, Charter, ClaimId, Condition, ReportId, Role};

use super::{Accepted, Counted, CountedSource, Engine, Judgement, acting_party};
use crate::alerts::{SERIES_WINDOWS_MAX, WindowSeries as Series};
use crate::derived::{AlertCount, Derived, DerivedKind};
use crate::event::{Allegation, ClaimFiled, Event, EventKind, MonitorReport};
use crate::rejection::Rejection;

/// The series the alert rules keep, and the report ids seen.
#[derive(Debug, Clone, Default)]
pub(super) struct Monitoring {
    reports: FxHashSet<ReportId>,
    /// Per rule, per area.
    series: FxHashMap<AlertId, FxHashMap<String, Series>>,
    /// Reused to take a median without allocating.
    scratch: Vec<u64>,
    /// Places reports in windows, remembering the last window of each grid.
    placer: WindowPlacer,
    /// How many claims each rule with `action = "claim"` has filed (numbers the next).
    claims_filed: FxHashMap<AlertId, u32>,
}

impl Engine {
    /// `monitor.report`: a monitor's counts join the series of every rule that reads them.
    pub(super) fn monitor_report(
        &mut self,
        event: &Event,
        report: &MonitorReport,
        out: &mut Vec<Derived>,
    ) -> Judgement {
        let charter = self.charter_at(event.at)?;
        let party = acting_party(&charter, &event.party, event.at)?;
        if !charter.has_role(party, Role::Monitor) {
            return Err(Rejection::NotMonitor {
                party: event.party.clone(),
            });
        }
        if report.until > event.at {
            return Err(Rejection::ReportInFuture {
                report: report.report.clone(),
                until: report.until,
                at: event.at,
            });
        }
        if self.monitoring.reports.contains(&report.report) {
            return Err(Rejection::DuplicateReport {
                report: report.report.clone(),
            });
        }
        let rules: Vec<(&Alert, i64)> = charter
            .alerts_reading(party, &report.area)
            .map(|a| (a, self.monitoring.placer.window_of(&a.grid, report.until)))
            .collect();
        // Refused before any series changes: a report counts for every rule that reads it or
        // for none.
        for (alert, window) in &rules {
            let fits = self
                .monitoring
                .series
                .get(&alert.id)
                .and_then(|areas| areas.get(report.area.as_str()))
                .is_none_or(|s| s.fits(*window));
            if !fits {
                return Err(Rejection::SeriesTooLong {
                    report: report.report.clone(),
                    alert: alert.id.clone(),
                    windows: SERIES_WINDOWS_MAX,
                });
            }
        }
        self.monitoring.reports.insert(report.report.clone());
        let first = out.len();
        for (alert, window) in rules {
            let monitoring = &mut self.monitoring;
            let areas = match monitoring.series.get_mut(&alert.id) {
                Some(areas) => areas,
                None => monitoring.series.entry(alert.id.clone()).or_default(),
            };
            let series = match areas.get_mut(report.area.as_str()) {
                Some(series) => series,
                None => areas.entry(report.area.clone()).or_default(),
            };
            series.add(window, alert.counted(&report.counts, &report.flags));
            series.alerts(
                alert,
                window,
                report,
                event.at,
                &mut monitoring.scratch,
                out,
            );
        }
        let raised: Vec<(AlertId, String, jiff::Timestamp, u64)> = out[first..]
            .iter()
            .filter_map(|d| match &d.kind {
                DerivedKind::MonitorAlert {
                    alert,
                    area,
                    window_end,
                    reading,
                    ..
                } => Some((alert.clone(), area.clone(), *window_end, *reading)),
                _ => None,
            })
            .collect();
        for (id, area, window_end, reading) in raised {
            let Some(alert) = charter.alerts.iter().find(|a| a.id == id) else {
                continue;
            };
            match alert.action {
                AlertAction::Notify => {}
                AlertAction::Claim { severity } => {
                    let raised = Raised {
                        alert,
                        area: &area,
                        window_end,
                        reading,
                        severity,
                    };
                    self.file_alert_claim(event, &charter, raised, out);
                }
                AlertAction::Escalation { severity } => {
                    let counted = Counted {
                        at: event.at,
                        source: CountedSource::Alert(AlertCount {
                            alert: id.clone(),
                            area: area.clone(),
                            window_end,
                            severity,
                        }),
                        severity,
                    };
                    // An escalation activation it completes is derived in `out`.
                    let _ = self.count_towards_escalation(event.at, &charter, counted, out);
                }
            }
        }
        Ok(Accepted::Recorded)
    }

    /// Files the claim an alert with `action = "claim"` files on its monitor's behalf, as the
    /// monitor filing it at the report's instant: `<alert id>.<n>`, the first such id free.
    fn file_alert_claim(
        &mut self,
        event: &Event,
        charter: &Charter,
        raised: Raised<'_>,
        out: &mut Vec<Derived>,
    ) {
        let alert = raised.alert;
        let filed_so_far = self
            .monitoring
            .claims_filed
            .entry(alert.id.clone())
            .or_default();
        let claim = loop {
            *filed_so_far += 1;
            let Ok(id) = ClaimId::new(&format!("{}.{}", alert.id, filed_so_far)) else {
                // The charter bounds a claiming rule's id so that its claim ids are valid.
                debug_assert!(false, "alert claim ids fit");
                return;
            };
            if !self.claims.contains_key(&id) && !self.closed_claims.contains_key(&id) {
                break id;
            }
        };
        let filed = ClaimFiled {
            claim: claim.clone(),
            category: alert
                .category
                .clone()
                .unwrap_or_else(|| "monitoring-alert".to_owned()),
            severity: i64::from(raised.severity),
            summary: format!(
                "{} ({}): {} in the window ending {} in {}",
                alert.name, alert.id, raised.reading, raised.window_end, raised.area
            ),
            location: Some(raised.area.to_owned()),
            occurred_at: Some(raised.window_end),
            allegation: Allegation::default(),
        };
        let filing = Event {
            at: event.at,
            party: event.party.clone(),
            kind: EventKind::ClaimFiled(filed.clone()),
        };
        // What the filing derives (a fund reservation, an outcome already certain) follows the
        // claim's own derived event.
        let mut after = Vec::new();
        let judged = self.file_claim(&filing, &filed, &mut after);
        let Ok(Accepted::ClaimOpened {
            deadline,
            body,
            members,
            ..
        }) = judged
        else {
            // The monitor has standing (the charter checks it) and acts now (its report was
            // accepted), and the id is free: a filing cannot be refused.
            debug_assert!(false, "an alert's claim is accepted: {judged:?}");
            return;
        };
        out.push(Derived {
            at: event.at,
            kind: DerivedKind::AlertClaimFiled {
                claim,
                alert: alert.id.clone(),
                party: event.party.clone(),
                area: raised.area.to_owned(),
                window_end: raised.window_end,
                category: filed.category,
                severity: raised.severity,
                summary: filed.summary,
                body,
                deadline,
                members,
                charter_version: charter.version.clone(),
            },
        });
        out.append(&mut after);
    }
}

/// An alert a report raised, for the action its rule takes.
#[derive(Debug, Clone, Copy)]
struct Raised<'a> {
    alert: &'a Alert,
    area: &'a str,
    window_end: jiff::Timestamp,
    reading: u64,
    severity: u8,
}

impl Series {
    /// The windows from `window` on whose condition reads it, that have reports and have not
    /// alerted: each that now meets the condition alerts.
    fn alerts(
        &mut self,
        alert: &Alert,
        window: i64,
        report: &MonitorReport,
        at: jiff::Timestamp,
        scratch: &mut Vec<u64>,
        out: &mut Vec<Derived>,
    ) {
        let last = window.saturating_add(i64::from(alert.condition.span()) - 1);
        for w in window..=last {
            let Some(i) = self.slot(w) else {
                break;
            };
            if self.counts[i].is_none() || self.alerted[i] {
                continue;
            }
            let Some(reading) = self.reading(alert.condition, w, scratch) else {
                continue;
            };
            self.alerted[i] = true;
            out.push(Derived {
                at,
                kind: DerivedKind::MonitorAlert {
                    alert: alert.id.clone(),
                    area: report.area.clone(),
                    window_end: alert.grid.end_at(w),
                    value: self.get(w).unwrap_or(0),
                    reading,
                    report: report.report.clone(),
                },
            });
        }
    }

    /// What the condition compared, if window `w` meets it: the lowest of the consecutive
    /// windows, the sum, or the median the window exceeded.
    fn reading(&self, condition: Condition, w: i64, scratch: &mut Vec<u64>) -> Option<u64> {
        let value = |i: i64| self.get(i);
        match condition {
            Condition::Consecutive { windows, above } => {
                let mut lowest = u64::MAX;
                for i in (w - i64::from(windows) + 1)..=w {
                    let v = value(i).filter(|v| *v > above)?;
                    lowest = lowest.min(v);
                }
                Some(lowest)
            }
            Condition::Sum { windows, above } => {
                let sum = self
                    .present(w - i64::from(windows) + 1, w)
                    .fold(0u64, |a, v| a.saturating_add(v));
                (sum > above).then_some(sum)
            }
            Condition::MedianMultiple {
                windows,
                times,
                at_least,
            } => {
                let current = value(w).filter(|v| *v > at_least)?;
                let before = || self.present(w - i64::from(windows), w - 1);
                // The median is the sorted values' `middle`-th (the upper of the two middle
                // values when their number is even), so `current` exceeds `times` times it
                // exactly when more than `middle` of the values do `times` times over: one pass
                // decides, and the median is found only for an alert.
                let times = u64::from(times);
                let (mut n, mut below) = (0usize, 0usize);
                for v in before() {
                    n += 1;
                    below += usize::from(v.saturating_mul(times) < current);
                }
                // At least half the windows before it must have reports for a median to mean
                // anything.
                if n == 0 || n * 2 < windows as usize || below <= n / 2 {
                    return None;
                }
                scratch.clear();
                scratch.extend(before());
                let (_, median, _) = scratch.select_nth_unstable(n / 2);
                Some(*median)
            }
        }
    }
}
