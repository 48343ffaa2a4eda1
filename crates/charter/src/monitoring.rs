//! Monitoring series and the alert rules over them (`[[alert]]`).
//!
//! A monitor (a party with the `monitor` role: a neutral mission with its own key) reports
//! counts by category for an area over a period (`monitor.report`). An alert rule reads one
//! monitor's reports as a series of windows on a fixed grid in a named zone (the OSCE Special
//! Monitoring Mission's 24-hour windows ended at 19:30 Kyiv time, across daylight saving), sums
//! each window's counts (one category or all, less the counts flagged for exclusion) and tests a
//! condition: consecutive windows above a level, a sum over the last windows above a level, or a
//! window above a multiple of the median of the windows before it. A window that meets it is an
//! alert, a derived event citing the rule's article.

use std::fmt;

use jiff::civil::Time;
use jiff::{SignedDuration, Timestamp};

use crate::legal_time::Zone;
use crate::model::Article;
use crate::{AlertId, PartyIdx};

/// The most windows a condition may look at (ten years of daily windows).
pub const ALERT_WINDOWS_MAX: u32 = 3_660;
/// The most categories one report may count, and the most flags it may set.
pub const REPORT_CATEGORIES_MAX: usize = 64;
/// The largest count one category of one report may hold.
pub const REPORT_COUNT_MAX: u64 = 1_000_000_000;

/// How to write a label, for the help of an error about one.
pub const LABEL_HELP: &str =
    "use 1 to 64 letters, digits, '-', '_' or '.' (e.g. donetsk-luhansk, ceasefire-violations)";

/// A category, area or flag label, as reports and rules name them: 1 to 64 letters, digits,
/// `-`, `_` or `.`.
pub fn is_label(s: &str) -> bool {
    (1..=64).contains(&s.len())
        && s.chars()
            .all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '-' | '_' | '.'))
}

/// The grid of windows a rule reads a series on: `hours` divides 24, and each local day in
/// `zone` has `24 / hours` windows, the last of which ends at the local time `ends`. A day
/// across a change to or from daylight saving is 23 or 25 hours long: its first window is an
/// hour shorter or longer, and every other window keeps its length and its local end.
#[derive(Debug, Clone)]
pub struct WindowGrid {
    pub hours: u32,
    pub ends: Time,
    pub zone: Zone,
}

impl WindowGrid {
    /// The hours a window may last: the divisors of a day.
    pub const HOURS: [u32; 8] = [1, 2, 3, 4, 6, 8, 12, 24];

    /// The end of the window that holds `at`: the first grid instant at or after `at` (a window
    /// holds the instants after its start, up to and including its end).
    pub fn end_of(&self, at: Timestamp) -> Timestamp {
        let anchor = self.anchor_at_or_after(at);
        self.ends_of_day(anchor)
            .into_iter()
            .find(|e| *e >= at)
            .unwrap_or(anchor)
    }

    /// The end of the window `n` windows after (or before, `n < 0`) the one ending at `end`.
    pub fn shift(&self, end: Timestamp, n: i64) -> Timestamp {
        let mut at = end;
        for _ in 0..n.unsigned_abs() {
            at = if n > 0 { self.next(at) } else { self.prev(at) };
        }
        at
    }

    /// The windows in a local day.
    pub fn per_day(&self) -> i64 {
        i64::from(24 / self.hours.clamp(1, 24))
    }

    /// The window holding `at`, numbered on the grid: `day * per_day + k`, where `day` counts
    /// local days from 1970-01-01 and `k` the day's windows, its last (ending at `ends`) being
    /// `per_day - 1`. Consecutive windows have consecutive numbers.
    pub fn index_of(&self, at: Timestamp) -> i64 {
        let end = self.end_of(at);
        let anchor = self.anchor_at_or_after(end);
        let later = self
            .ends_of_day(anchor)
            .into_iter()
            .filter(|e| *e > end)
            .count() as i64;
        day_number(self.zone.local(anchor).date()) * self.per_day() + self.per_day() - 1 - later
    }

    /// The end of the window numbered `index` (see [`WindowGrid::index_of`]).
    pub fn end_at(&self, index: i64) -> Timestamp {
        let (day, k) = (
            index.div_euclid(self.per_day()),
            index.rem_euclid(self.per_day()),
        );
        let Ok(date) =
            jiff::civil::Date::constant(1970, 1, 1).checked_add(jiff::Span::new().days(day))
        else {
            return Timestamp::MAX;
        };
        let anchor = self.zone.instant(date.to_datetime(self.ends));
        let back = SignedDuration::from_hours((self.per_day() - 1 - k) * i64::from(self.hours));
        anchor.checked_sub(back).unwrap_or(Timestamp::MIN)
    }

    fn next(&self, end: Timestamp) -> Timestamp {
        match end.checked_add(SignedDuration::from_nanos(1)) {
            Ok(after) => self.end_of(after),
            Err(_) => end,
        }
    }

    fn prev(&self, end: Timestamp) -> Timestamp {
        let anchor = self.anchor_at_or_after(end);
        let before = self.day_anchor(anchor, -1);
        self.ends_of_day(before)
            .into_iter()
            .chain(self.ends_of_day(anchor))
            .filter(|e| *e < end)
            .max()
            .unwrap_or(end)
    }

    /// The day's last window end (`ends` local time) on the local date of `at`, or the next
    /// day's if that is before `at`.
    fn anchor_at_or_after(&self, at: Timestamp) -> Timestamp {
        let date = self.zone.local(at).date();
        let anchor = self.zone.instant(date.to_datetime(self.ends));
        if anchor >= at {
            anchor
        } else {
            self.day_anchor(anchor, 1)
        }
    }

    /// The anchor `days` local days from `anchor`.
    fn day_anchor(&self, anchor: Timestamp, days: i64) -> Timestamp {
        let date = self.zone.local(anchor).date();
        match date.checked_add(jiff::Span::new().days(days)) {
            Ok(d) => self.zone.instant(d.to_datetime(self.ends)),
            Err(_) => anchor,
        }
    }

    /// The window ends of the local day whose last end is `anchor`, in order: `anchor` less
    /// whole windows, after the previous day's anchor.
    fn ends_of_day(&self, anchor: Timestamp) -> Vec<Timestamp> {
        let previous = self.day_anchor(anchor, -1);
        let per_day = 24 / self.hours.clamp(1, 24);
        let mut ends: Vec<Timestamp> = (0..per_day)
            .filter_map(|k| {
                let back = SignedDuration::from_hours(i64::from(k * self.hours));
                anchor.checked_sub(back).ok()
            })
            .filter(|e| *e > previous || previous == anchor)
            .collect();
        ends.reverse();
        ends
    }
}

/// Places instants in the windows of grids, remembering the last window of each grid: reports
/// for several areas, read by several rules on the same grid, mostly fall in the same window,
/// and placing one afresh takes a handful of time-zone conversions.
#[derive(Debug, Clone, Default)]
pub struct WindowPlacer {
    placed: Vec<Placed>,
}

/// A grid's window: the instants after `start` up to and including `end` are window `index`.
#[derive(Debug, Clone)]
struct Placed {
    grid: (u32, Time, Zone),
    start: Timestamp,
    end: Timestamp,
    index: i64,
}

impl WindowPlacer {
    /// The number of the window of `grid` that holds `at` (as [`WindowGrid::index_of`]).
    pub fn window_of(&mut self, grid: &WindowGrid, at: Timestamp) -> i64 {
        let same =
            |p: &Placed| p.grid.0 == grid.hours && p.grid.1 == grid.ends && p.grid.2.is(&grid.zone);
        if let Some(p) = self.placed.iter().find(|p| same(p))
            && p.start < at
            && at <= p.end
        {
            return p.index;
        }
        let index = grid.index_of(at);
        let placed = Placed {
            grid: (grid.hours, grid.ends, grid.zone.clone()),
            start: grid.end_at(index - 1),
            end: grid.end_at(index),
            index,
        };
        match self.placed.iter_mut().find(|p| same(p)) {
            Some(p) => *p = placed,
            None => self.placed.push(placed),
        }
        index
    }
}

/// Days from 1970-01-01 to `date`.
fn day_number(date: jiff::civil::Date) -> i64 {
    let epoch = jiff::civil::Date::constant(1970, 1, 1);
    epoch
        .until(date)
        .map_or(0, |span| i64::from(span.get_days()))
}

impl fmt::Display for WindowGrid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::describe::describe_grid(crate::Lang::En, self))
    }
}

/// What a window must show for the rule to alert.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Condition {
    /// This window and the `windows - 1` before it each above `above`.
    Consecutive { windows: u32, above: u64 },
    /// The sum of this window and the `windows - 1` before it above `above`.
    Sum { windows: u32, above: u64 },
    /// This window above `times` times the median of the `windows` windows before it that
    /// have reports (none alert before `windows` such windows exist), and above `at_least`.
    MedianMultiple {
        windows: u32,
        times: u32,
        at_least: u64,
    },
}

impl Condition {
    /// How many windows, the current one included, the condition reads.
    pub fn span(self) -> u32 {
        match self {
            Condition::Consecutive { windows, .. } | Condition::Sum { windows, .. } => windows,
            Condition::MedianMultiple { windows, .. } => windows.saturating_add(1),
        }
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::describe::describe_condition(crate::Lang::En, *self))
    }
}

/// What an alert does besides being recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlertAction {
    /// It is recorded and published (the stream, webhooks, the dashboard): nothing else.
    Notify,
    /// It also files a claim of this severity on the monitor's behalf (the monitor must have
    /// standing: be among `[verification] claimants`); the claim is verified like any other.
    Claim { severity: u8 },
    /// It also counts towards the escalation window as an activated claim of this severity
    /// would (the charter must have an `[escalation]`).
    Escalation { severity: u8 },
}

impl AlertAction {
    pub fn name(self) -> &'static str {
        match self {
            AlertAction::Notify => "notify",
            AlertAction::Claim { .. } => "claim",
            AlertAction::Escalation { .. } => "escalation",
        }
    }
}

/// The longest alert id whose rule may file claims: the claims are `<alert id>.<n>`, and a claim
/// id is at most 64 bytes.
pub const CLAIMING_ALERT_ID_LEN_MAX: usize = 52;

/// `[[alert]]`: a rule over one monitor's series.
#[derive(Debug, Clone)]
pub struct Alert {
    pub id: AlertId,
    pub name: String,
    /// Whose reports make the series.
    pub monitor: PartyIdx,
    /// The category counted; `None`: every category the reports count.
    pub category: Option<String>,
    /// The area read; `None`: each area the monitor reports on is its own series.
    pub area: Option<String>,
    pub grid: WindowGrid,
    pub condition: Condition,
    /// Flags whose counts are taken out of a window (counts assessed as live-fire exercises).
    pub exclude: Vec<String>,
    pub action: AlertAction,
    pub article: Article,
}

impl Alert {
    /// Whether the rule reads reports on `area`.
    pub fn reads_area(&self, area: &str) -> bool {
        self.area.as_deref().is_none_or(|a| a == area)
    }

    /// What a report with `counts` and `flags` adds to this rule's window: its category (or
    /// every category), less the flagged counts the rule excludes, never below zero.
    pub fn counted(
        &self,
        counts: &std::collections::BTreeMap<String, u64>,
        flags: &std::collections::BTreeMap<String, u64>,
    ) -> u64 {
        let counted = match &self.category {
            Some(category) => counts.get(category).copied().unwrap_or(0),
            None => counts.values().fold(0u64, |a, n| a.saturating_add(*n)),
        };
        let excluded = self
            .exclude
            .iter()
            .filter_map(|flag| flags.get(flag))
            .fold(0u64, |a, n| a.saturating_add(*n));
        counted.saturating_sub(excluded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kyiv() -> WindowGrid {
        WindowGrid {
            hours: 24,
            ends: Time::constant(19, 30, 0, 0),
            zone: Zone::named("Europe/Kyiv").unwrap(),
        }
    }

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn a_kyiv_window_ends_at_1930_local_time_across_daylight_saving() {
        let g = kyiv();
        // Winter (EET, UTC+2): 19:30 local is 17:30 UTC.
        assert_eq!(
            g.end_of(ts("2022-02-17T10:00:00Z")),
            ts("2022-02-17T17:30:00Z")
        );
        assert_eq!(
            g.end_of(ts("2022-02-17T17:30:00Z")),
            ts("2022-02-17T17:30:00Z")
        );
        assert_eq!(
            g.end_of(ts("2022-02-17T17:30:01Z")),
            ts("2022-02-18T17:30:00Z")
        );
        // Summer (EEST, UTC+3): 16:30 UTC. The window across the change on 27 March 2022 is
        // 23 hours long.
        assert_eq!(
            g.end_of(ts("2022-03-27T12:00:00Z")),
            ts("2022-03-27T16:30:00Z")
        );
        assert_eq!(
            g.shift(ts("2022-03-26T17:30:00Z"), 1),
            ts("2022-03-27T16:30:00Z")
        );
        assert_eq!(
            g.shift(ts("2022-03-27T16:30:00Z"), -1),
            ts("2022-03-26T17:30:00Z")
        );
        // Numbered windows are consecutive across the change, and number back to their ends.
        let (a, b) = (
            g.index_of(ts("2022-03-26T12:00:00Z")),
            g.index_of(ts("2022-03-27T12:00:00Z")),
        );
        assert_eq!(b, a + 1);
        assert_eq!(g.end_at(a), ts("2022-03-26T17:30:00Z"));
        assert_eq!(g.end_at(b), ts("2022-03-27T16:30:00Z"));
    }

    #[test]
    fn hourly_grids_step_by_the_hour() {
        let g = WindowGrid {
            hours: 6,
            ends: Time::constant(0, 0, 0, 0),
            zone: Zone::utc(),
        };
        assert_eq!(
            g.end_of(ts("2022-02-17T10:00:00Z")),
            ts("2022-02-17T12:00:00Z")
        );
        assert_eq!(
            g.end_of(ts("2022-02-17T12:00:00Z")),
            ts("2022-02-17T12:00:00Z")
        );
        assert_eq!(
            g.shift(ts("2022-02-17T12:00:00Z"), -3),
            ts("2022-02-16T18:00:00Z")
        );
        let i = g.index_of(ts("2022-02-17T10:00:00Z"));
        assert_eq!(g.end_at(i), ts("2022-02-17T12:00:00Z"));
        assert_eq!(g.end_at(i - 3), ts("2022-02-16T18:00:00Z"));
        assert_eq!(g.index_of(ts("2022-02-16T17:00:00Z")), i - 3);
    }
}
