//! Monitoring alerts as a person reads them: which rule, which area and window, what the window
//! counted against the rule's condition, and the article that makes it an alert.
//!
//! Built from the engine's `monitor.alert` events and the charter in force when each was
//! derived. The replay report's `alerts` list and `snapback monitor alerts` render these.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::Serialize;
use snapback_charter::describe::{Case, describe_grid_in};
use snapback_charter::time::instant_serde;
use snapback_charter::{
    Alert, AlertAction, AlertId, CharterHistory, Condition, Lang, PartyId, ReportId,
};

use crate::derived::{Derived, DerivedKind};
use crate::event::MonitorReport;

/// The most windows one series spans, first to last (about 22 years of hourly windows, 547 of
/// daily ones): a report that would stretch a series further is refused.
pub const SERIES_WINDOWS_MAX: i64 = 200_000;

/// One rule's series for one area: window `base + i` counted `counts[i]` (`None`: no report
/// fell in it) and has alerted if `alerted[i]`. Dense, because windows are numbered
/// consecutively and a rule reads runs of them.
#[derive(Debug, Clone, Default)]
pub struct WindowSeries {
    base: i64,
    pub(crate) counts: Vec<Option<u64>>,
    pub(crate) alerted: Vec<bool>,
}

impl WindowSeries {
    /// The windows with reports and their counts, in order.
    pub fn windows(&self) -> impl Iterator<Item = (i64, u64)> + '_ {
        self.counts
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.map(|c| (self.base + i as i64, c)))
    }

    /// How many windows have reports.
    pub fn len(&self) -> usize {
        self.counts.iter().flatten().count()
    }

    /// Whether no window has a report.
    pub fn is_empty(&self) -> bool {
        self.counts.iter().all(Option::is_none)
    }

    pub(crate) fn slot(&self, w: i64) -> Option<usize> {
        usize::try_from(w - self.base)
            .ok()
            .filter(|i| *i < self.counts.len())
    }

    pub fn get(&self, w: i64) -> Option<u64> {
        self.slot(w).and_then(|i| self.counts[i])
    }

    /// The counts of the windows `from..=to` that have reports.
    pub(crate) fn present(&self, from: i64, to: i64) -> impl Iterator<Item = u64> + '_ {
        let start = usize::try_from((from - self.base).max(0)).unwrap_or(0);
        let end = usize::try_from((to - self.base + 1).max(0))
            .unwrap_or(0)
            .min(self.counts.len());
        self.counts
            .get(start..end.max(start))
            .unwrap_or(&[])
            .iter()
            .flatten()
            .copied()
    }

    /// Whether the series could hold window `w` within [`SERIES_WINDOWS_MAX`].
    pub(crate) fn fits(&self, w: i64) -> bool {
        if self.counts.is_empty() {
            return true;
        }
        let last = self.base + self.counts.len() as i64 - 1;
        w.max(last) - w.min(self.base) < SERIES_WINDOWS_MAX
    }

    /// Adds `n` to window `w`, growing the series to hold it (callers checked [`WindowSeries::fits`]).
    pub(crate) fn add(&mut self, w: i64, n: u64) {
        if self.counts.is_empty() {
            self.base = w;
        }
        if w < self.base {
            let grow = (self.base - w) as usize;
            self.counts.splice(0..0, std::iter::repeat_n(None, grow));
            self.alerted.splice(0..0, std::iter::repeat_n(false, grow));
            self.base = w;
        }
        let i = (w - self.base) as usize;
        if i >= self.counts.len() {
            self.counts.resize(i + 1, None);
            self.alerted.resize(i + 1, false);
        }
        debug_assert_eq!(self.counts.len(), self.alerted.len());
        self.counts[i] = Some(self.counts[i].unwrap_or(0).saturating_add(n));
    }
}

/// Each alert rule's windows per area (window number to count) as the accepted reports fill
/// them, for the dashboard's charts. The counting is the engine's own (`Alert::counted` and the
/// rule's grid), read from the same reports.
#[derive(Debug, Clone, Default)]
pub struct SeriesBook {
    /// Per rule, per area: window number to count.
    pub series: BTreeMap<AlertId, BTreeMap<String, WindowSeries>>,
    placer: snapback_charter::monitoring::WindowPlacer,
}

impl SeriesBook {
    /// Adds an accepted report by `party` at `at` to the series of every rule that reads it.
    pub fn record(
        &mut self,
        history: &CharterHistory,
        at: Timestamp,
        party: &PartyId,
        report: &MonitorReport,
    ) {
        let Some(charter) = history.in_force(at) else {
            return;
        };
        let Some(monitor) = charter.party_idx(party.as_str()) else {
            return;
        };
        for alert in charter.alerts_reading(monitor, &report.area) {
            let window = self.placer.window_of(&alert.grid, report.until);
            // Looked up by reference first: a rule and an area are keyed once, not per report.
            let areas = match self.series.get_mut(&alert.id) {
                Some(areas) => areas,
                None => self.series.entry(alert.id.clone()).or_default(),
            };
            let windows = match areas.get_mut(report.area.as_str()) {
                Some(windows) => windows,
                None => areas.entry(report.area.clone()).or_default(),
            };
            // The engine refused any report that would stretch a series past its bound.
            windows.add(window, alert.counted(&report.counts, &report.flags));
        }
    }
}

/// One alert.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Alert"))]
pub struct AlertRecord {
    /// The rule (`[[alert]]` id).
    pub alert: AlertId,
    /// The rule's name.
    pub name: String,
    /// The monitor whose series it is.
    pub monitor: PartyId,
    pub area: String,
    /// The end of the window that met the condition.
    #[serde(with = "instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Instant"))]
    pub window_end: Timestamp,
    /// The window's count (its category, or every category, less excluded flags).
    pub value: u64,
    /// What the condition compared: the lowest of the consecutive windows, the sum, or the
    /// median the window exceeded.
    pub reading: u64,
    /// The report that completed the condition.
    pub report: ReportId,
    /// When the alert was derived (the report's recording).
    #[serde(with = "instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Instant"))]
    pub at: Timestamp,
    /// The rule's article.
    pub article: String,
    /// Why it alerted, in English (the report's and the API's wording; [`explain_alert`] words
    /// it in another language).
    pub explanation: String,
    /// The claim it filed on the monitor's behalf (`action = "claim"`; absent otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim: Option<snapback_charter::ClaimId>,
}

/// Folds a `monitor.alert` into the list, worded against the charter in force at the time.
pub fn record_alert(history: &CharterHistory, alerts: &mut Vec<AlertRecord>, d: &Derived) {
    let DerivedKind::MonitorAlert {
        alert,
        area,
        window_end,
        value,
        reading,
        report,
    } = &d.kind
    else {
        return;
    };
    let charter = history.in_force(d.at);
    let rule = charter.and_then(|c| c.alerts.iter().find(|a| &a.id == alert));
    let (Some(charter), Some(rule)) = (charter, rule) else {
        return;
    };
    let mut record = AlertRecord {
        alert: alert.clone(),
        name: rule.name.clone(),
        monitor: charter.party(rule.monitor).id.clone(),
        area: area.clone(),
        window_end: *window_end,
        value: *value,
        reading: *reading,
        report: report.clone(),
        at: d.at,
        article: rule.article.to_string(),
        explanation: String::new(),
        claim: None,
    };
    record.explanation = word_alert(rule, &record, Lang::En);
    alerts.push(record);
}

/// Words alert `a` in `lang` against the charter in force when it was derived (`None` if no
/// charter then has its rule): what the rule reads and counts, when it alerts, what the window
/// counted and what the rule does.
pub fn explain_alert(history: &CharterHistory, a: &AlertRecord, lang: Lang) -> Option<String> {
    let charter = history.in_force(a.at)?;
    let rule = charter.alerts.iter().find(|r| r.id == a.alert)?;
    Some(word_alert(rule, a, lang))
}

/// The one wording of an alert from its facts and its rule (the stored English explanation and
/// [`explain_alert`]'s).
fn word_alert(rule: &Alert, a: &AlertRecord, lang: Lang) -> String {
    let w = crate::explain::words(lang);
    let reading = a.reading.to_string();
    let counted = match &rule.category {
        Some(c) => w.msg_args("alert-counted-category", &[("category", c.as_str().into())]),
        None => w.msg("alert-counted-every"),
    };
    let excluded = if rule.exclude.is_empty() {
        String::new()
    } else {
        format!(
            ", {}",
            w.msg_args(
                "alert-excluded",
                &[("flags", rule.exclude.join(", ").into())]
            )
        )
    };
    let (condition, met) = match rule.condition {
        Condition::Consecutive { windows: 1, above } => {
            let args = [("above", above.to_string().into())];
            (
                w.msg_args("alert-condition-one", &args),
                w.msg_args("alert-met-one", &args),
            )
        }
        Condition::Consecutive { windows, above } => (
            w.msg_args(
                "alert-condition-consecutive",
                &[
                    ("windows", windows.into()),
                    ("above", above.to_string().into()),
                ],
            ),
            w.msg_args(
                "alert-met-consecutive",
                &[
                    ("before", (windows - 1).into()),
                    ("above", above.to_string().into()),
                    ("reading", reading.into()),
                ],
            ),
        ),
        Condition::Sum { windows, above } => {
            let args = [
                ("windows", windows.into()),
                ("above", above.to_string().into()),
                ("reading", reading.into()),
            ];
            (
                w.msg_args("alert-condition-sum", &args),
                w.msg_args("alert-met-sum", &args),
            )
        }
        Condition::MedianMultiple {
            times,
            windows,
            at_least,
        } => {
            let args = [
                ("windows", windows.into()),
                ("times", times.into()),
                ("at_least", at_least.to_string().into()),
                ("reading", reading.into()),
            ];
            (
                w.msg_args("alert-condition-median", &args),
                w.msg_args("alert-met-median", &args),
            )
        }
    };
    let grid = describe_grid_in(lang, &rule.grid, Case::Genitive);
    let action = match rule.action {
        AlertAction::Notify => String::new(),
        AlertAction::Claim { severity } => format!(
            " {}",
            w.msg_args(
                "alert-action-claim",
                &[
                    ("severity", severity.to_string().into()),
                    ("monitor", a.monitor.as_str().into()),
                ],
            )
        ),
        AlertAction::Escalation { severity } => format!(
            " {}",
            w.msg_args(
                "alert-action-escalation",
                &[("severity", severity.to_string().into())],
            )
        ),
    };
    w.msg_args(
        "alert-explanation",
        &[
            ("article", rule.article.to_string().into()),
            ("name", rule.name.as_str().into()),
            ("monitor", a.monitor.as_str().into()),
            ("area", a.area.as_str().into()),
            ("grid", grid.into()),
            ("counted", counted.into()),
            ("excluded", excluded.into()),
            ("condition", condition.into()),
            ("window_end", a.window_end.to_string().into()),
            ("value", a.value.to_string().into()),
            ("met", met.into()),
            ("report", a.report.as_str().into()),
            ("action", action.into()),
        ],
    )
}
