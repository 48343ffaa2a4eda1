//! Legal time: instants and deadlines as instruments write them.
//!
//! A treaty rarely says "720 hours". It says "midnight GMT after the thirtieth day after the
//! notification" (UNSCR 2231, para. 12), "31 January at 23:59 Brussels time", or "within ten
//! working days". This module reads those forms from the charter and turns them into instants:
//!
//! * [`Zone`]: a named IANA time zone (`Europe/Brussels`, `UTC`), resolved against the tz database
//!   bundled into the binary (jiff's `tzdb-bundle-always`), so the same charter gives the same
//!   instants on every machine whatever its system tz files say. Daylight saving is the
//!   database's, never ours.
//! * [`Term`]: a deadline counted from an instant: an exact duration (`48h`), or a count of
//!   calendar or working days in a zone, ending at the same local time or at the midnight after
//!   the last day.
//! * [`AnnualDates`]: recurring calendar dates in a zone (`01-31T23:59`, `07-31T23:59`), the way
//!   six-monthly renewals expire.
//! * [`local_instant`]: a local date-time in a zone, as an instant (`{ local = ..., zone = ... }`).
//!
//! Everything here is total: an instant past the calendar's end saturates, never panics.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::{Date, DateTime, Time, Weekday};
use jiff::tz::TimeZone;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::time::{Duration, Instant};

/// The most days a calendar term may count (ten years): longer is certainly a typo.
pub const TERM_DAYS_MAX: u32 = 3_660;
/// The most holidays one term may list.
pub const HOLIDAYS_MAX: usize = 1_000;

/// A named IANA time zone.
#[derive(Clone)]
pub struct Zone {
    name: Arc<str>,
    tz: TimeZone,
}

impl Zone {
    /// Looks a zone up by its IANA name in the bundled database.
    pub fn named(name: &str) -> Result<Self, String> {
        let tz = TimeZone::get(name).map_err(|_| {
            format!(
                "`{name}` is not an IANA time zone name: write one such as \"UTC\", \"Europe/Brussels\" or \"Europe/Kyiv\""
            )
        })?;
        Ok(Self {
            name: Arc::from(name),
            tz,
        })
    }

    pub fn utc() -> Self {
        Self {
            name: Arc::from("UTC"),
            tz: TimeZone::UTC,
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether `other` is this zone: the same value (cheap), or the same name.
    pub fn is(&self, other: &Zone) -> bool {
        Arc::ptr_eq(&self.name, &other.name) || self.name == other.name
    }

    /// The local date and time at `at` in this zone.
    pub fn local(&self, at: Timestamp) -> DateTime {
        self.tz.to_datetime(at)
    }

    /// The instant of a local date-time; in a daylight-saving gap the later reading and in a
    /// fold the earlier (RFC 5545's "compatible" rule), so every local time has one instant.
    pub fn instant(&self, local: DateTime) -> Timestamp {
        self.tz
            .to_ambiguous_timestamp(local)
            .compatible()
            .unwrap_or(Timestamp::MAX)
    }
}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Zone({})", self.name)
    }
}

impl PartialEq for Zone {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}
impl Eq for Zone {}

/// The instant of a local date-time written in a charter; a time that does not exist (a
/// daylight-saving gap) or exists twice (a fold) is refused, because the law must name one.
pub fn local_instant(local: &str, zone: &Zone) -> Result<Timestamp, String> {
    let dt = DateTime::from_str(local.trim()).map_err(|_| {
        format!("`{local}` is not a local date-time: write it as 2025-01-31T23:59 (no offset: the zone gives it)")
    })?;
    zone.tz
        .to_ambiguous_timestamp(dt)
        .unambiguous()
        .map_err(|_| {
            format!(
                "{local} does not name one instant in {}: it falls in a daylight-saving change; write the instant with its offset instead",
                zone.name()
            )
        })
}

/// Where a calendar term ends on its last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermEnd {
    /// At the same local time of day as the instant it is counted from.
    SameTime,
    /// At 00:00 of the day after the last day (UNSCR 2231: "midnight ... after the thirtieth
    /// day").
    MidnightAfter,
}

impl TermEnd {
    fn from_name(name: &str) -> Option<Self> {
        match name {
            "same_time" => Some(Self::SameTime),
            "midnight_after" => Some(Self::MidnightAfter),
            _ => None,
        }
    }
}

/// A count of days in a zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarTerm {
    pub days: u32,
    /// Count only Monday to Friday that are not `holidays`.
    pub working: bool,
    pub end: TermEnd,
    pub zone: Zone,
    /// Sorted, without duplicates.
    pub holidays: Vec<Date>,
}

impl CalendarTerm {
    fn after(&self, at: Timestamp) -> Timestamp {
        let start = self.zone.local(at);
        let mut date = start.date();
        if self.working {
            let mut counted = 0;
            // Bounded: at most TERM_DAYS_MAX working days, and every 7 days hold 5 weekdays of
            // which at most HOLIDAYS_MAX are holidays.
            while counted < self.days {
                let Ok(next) = date.tomorrow() else {
                    return Timestamp::MAX;
                };
                date = next;
                let weekend = matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday);
                if !weekend && self.holidays.binary_search(&date).is_err() {
                    counted += 1;
                }
            }
        } else {
            let Ok(last) = date.checked_add(jiff::Span::new().days(i64::from(self.days))) else {
                return Timestamp::MAX;
            };
            date = last;
        }
        match self.end {
            TermEnd::SameTime => self.zone.instant(date.to_datetime(start.time())),
            TermEnd::MidnightAfter => match date.tomorrow() {
                Ok(next) => self.zone.instant(next.to_datetime(Time::midnight())),
                Err(_) => Timestamp::MAX,
            },
        }
    }

    /// The nominal length, for summaries that need one number (working days count as days).
    fn nominal(&self) -> Duration {
        let days = u64::from(self.days) + u64::from(self.end == TermEnd::MidnightAfter);
        // At most 3,661 days: far inside the 100-year limit, so the fallback is never taken.
        Duration::from_seconds(days * 86_400).unwrap_or(Duration::DAY)
    }
}

/// A deadline counted from an instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    Exact(Duration),
    Calendar(CalendarTerm),
}

impl Term {
    /// The deadline for something that starts at `at`.
    pub fn after(&self, at: Timestamp) -> Timestamp {
        match self {
            Term::Exact(d) => d.after(at),
            Term::Calendar(c) => c.after(at),
        }
    }

    /// The exact duration, or the nominal length of a calendar term.
    pub fn nominal(&self) -> Duration {
        match self {
            Term::Exact(d) => *d,
            Term::Calendar(c) => c.nominal(),
        }
    }
}

impl From<Duration> for Term {
    fn from(d: Duration) -> Self {
        Term::Exact(d)
    }
}

impl fmt::Display for Term {
    /// As a person reads it in English: `48h`, `30 days ending at midnight after the last day
    /// (UTC)` (see [`crate::describe::describe_term`] for other languages).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::describe::describe_term(crate::Lang::En, self))
    }
}

impl<'de> Deserialize<'de> for Term {
    /// `"48h"`, or `{ days = 30, end = "midnight_after", zone = "UTC" }`, or
    /// `{ working_days = 10, zone = "Europe/Brussels", holidays = ["2025-12-25"] }`.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Term;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a duration such as \"48h\", or a table such as { days = 30, end = \"midnight_after\", zone = \"UTC\" }")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Term, E> {
                Duration::from_str(v).map(Term::Exact).map_err(E::custom)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Term, A::Error> {
                #[derive(Deserialize)]
                #[serde(deny_unknown_fields)]
                struct Table {
                    days: Option<u32>,
                    working_days: Option<u32>,
                    #[serde(default)]
                    end: Option<String>,
                    #[serde(default)]
                    zone: Option<String>,
                    #[serde(default)]
                    holidays: Vec<String>,
                }
                let t = Table::deserialize(de::value::MapAccessDeserializer::new(map))?;
                let (days, working) = match (t.days, t.working_days) {
                    (Some(d), None) => (d, false),
                    (None, Some(d)) => (d, true),
                    _ => {
                        return Err(de::Error::custom(
                            "a calendar term has exactly one of `days` or `working_days`",
                        ));
                    }
                };
                if days == 0 || days > TERM_DAYS_MAX {
                    return Err(de::Error::custom(format!(
                        "{days} days: a term counts 1 to {TERM_DAYS_MAX} days"
                    )));
                }
                let end = match t.end.as_deref() {
                    None => TermEnd::SameTime,
                    Some(name) => TermEnd::from_name(name).ok_or_else(|| {
                        de::Error::custom(format!(
                            "end = \"{name}\" is not an end: use \"same_time\" or \"midnight_after\""
                        ))
                    })?,
                };
                let zone = match t.zone.as_deref() {
                    None => Zone::utc(),
                    Some(name) => Zone::named(name).map_err(de::Error::custom)?,
                };
                if !working && !t.holidays.is_empty() {
                    return Err(de::Error::custom(
                        "holidays only count with working_days: calendar days include them",
                    ));
                }
                if t.holidays.len() > HOLIDAYS_MAX {
                    return Err(de::Error::custom(format!(
                        "at most {HOLIDAYS_MAX} holidays may be listed"
                    )));
                }
                let mut holidays = Vec::with_capacity(t.holidays.len());
                for h in &t.holidays {
                    holidays.push(Date::from_str(h.trim()).map_err(|_| {
                        de::Error::custom(format!("holiday `{h}` is not a date such as 2025-12-25"))
                    })?);
                }
                holidays.sort();
                holidays.dedup();
                Ok(Term::Calendar(CalendarTerm {
                    days,
                    working,
                    end,
                    zone,
                    holidays,
                }))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// An instant written either with its offset (`2025-01-31T22:59:00Z`) or as a local date-time in
/// a named zone (`{ local = "2025-01-31T23:59", zone = "Europe/Brussels" }`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LegalInstant(pub Timestamp);

// The same visitor protocol as `Term`'s above (serde's shape, not shared logic): each accepts
// its own string and table forms.
impl<'de> Deserialize<'de> for LegalInstant {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = LegalInstant;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an RFC 3339 instant such as 2025-01-31T22:59:00Z, or { local = \"2025-01-31T23:59\", zone = \"Europe/Brussels\" }")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<LegalInstant, E> {
                crate::time::parse_instant(v)
                    .map(LegalInstant)
                    .map_err(E::custom)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<LegalInstant, A::Error> {
                // A TOML offset date-time arrives as a one-entry map too; tell the two apart by
                // the first key.
                let Some(key) = map.next_key::<String>()? else {
                    return Err(de::Error::custom("an empty table is not an instant"));
                };
                if key != "local" && key != "zone" {
                    let rest = de::value::MapAccessDeserializer::new(OneMore {
                        key: Some(key),
                        map,
                    });
                    return Instant::deserialize(rest).map(|i| LegalInstant(i.0));
                }
                let mut local: Option<String> = None;
                let mut zone: Option<String> = None;
                let mut key = Some(key);
                while let Some(k) = key {
                    match k.as_str() {
                        "local" if local.is_none() => local = Some(map.next_value()?),
                        "zone" if zone.is_none() => zone = Some(map.next_value()?),
                        "local" | "zone" => {
                            return Err(de::Error::custom(format!("`{k}` is given twice")));
                        }
                        other => {
                            return Err(de::Error::custom(format!(
                                "unknown key `{other}`: a local instant has `local` and `zone`"
                            )));
                        }
                    }
                    key = map.next_key()?;
                }
                let (Some(local), Some(zone)) = (local, zone) else {
                    return Err(de::Error::custom(
                        "a local instant needs both `local` and `zone`",
                    ));
                };
                let zone = Zone::named(&zone).map_err(de::Error::custom)?;
                local_instant(&local, &zone)
                    .map(LegalInstant)
                    .map_err(de::Error::custom)
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// A map whose first key was already read: hands it back before the rest.
struct OneMore<A> {
    key: Option<String>,
    map: A,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for OneMore<A> {
    type Error = A::Error;
    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        match self.key.take() {
            Some(key) => seed
                .deserialize(de::value::StringDeserializer::new(key))
                .map(Some),
            None => self.map.next_key_seed(seed),
        }
    }
    fn next_value_seed<V: de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Self::Error> {
        self.map.next_value_seed(seed)
    }
}

/// A stretch of days that recurs every year, both ends included (`07-10` to `09-07`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnnualPeriod {
    /// (month, day)
    pub from: (i8, i8),
    pub to: (i8, i8),
}

impl AnnualPeriod {
    /// Reads two `MM-DD` days; a period may run over the new year (`12-15` to `01-15`).
    pub fn parse(from: &str, to: &str) -> Result<Self, (bool, String)> {
        fn day(text: &str) -> Option<(i8, i8)> {
            let (m, d) = text.trim().split_once('-')?;
            let (m, d) = (m.parse().ok()?, d.parse().ok()?);
            // 2025 is not a leap year: a day valid in it recurs every year.
            Date::new(2025, m, d).ok().map(|_| (m, d))
        }
        let bad = |text: &str| {
            format!("`{text}` is not a day of every year: write month-day, such as \"07-10\"")
        };
        Ok(Self {
            from: day(from).ok_or_else(|| (true, bad(from)))?,
            to: day(to).ok_or_else(|| (false, bad(to)))?,
        })
    }

    /// Whether `date` falls in the period.
    pub fn contains(&self, date: Date) -> bool {
        let md = (date.month(), date.day());
        if self.from <= self.to {
            self.from <= md && md <= self.to
        } else {
            md >= self.from || md <= self.to
        }
    }
}

impl fmt::Display for AnnualPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::describe::describe_annual_period(
            crate::Lang::En,
            self,
        ))
    }
}

/// Dates that recur every year at a local time in a zone (`01-31T23:59`, `07-31T23:59` in
/// `Europe/Brussels`): when six-monthly measures expire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnualDates {
    /// (month, day, local time), sorted.
    pub dates: Vec<(i8, i8, Time)>,
    pub zone: Zone,
}

impl AnnualDates {
    /// Reads `MM-DDTHH:MM` texts; 29 February is refused (it does not recur every year).
    pub fn parse(texts: &[String], zone: Zone) -> Result<Self, (usize, String)> {
        let mut dates = Vec::with_capacity(texts.len());
        for (i, text) in texts.iter().enumerate() {
            let bad = || {
                (
                    i,
                    format!(
                        "`{text}` is not a yearly date: write month-day and local time, such as \"01-31T23:59\""
                    ),
                )
            };
            let (md, time) = text.trim().split_once('T').ok_or_else(bad)?;
            let (m, d) = md.split_once('-').ok_or_else(bad)?;
            let month: i8 = m.parse().map_err(|_| bad())?;
            let day: i8 = d.parse().map_err(|_| bad())?;
            let time = Time::from_str(time).map_err(|_| bad())?;
            // 2025 is not a leap year: a date valid in it recurs every year.
            if Date::new(2025, month, day).is_err() {
                return Err((
                    i,
                    format!("{text}: there is no day {day} in month {month} every year"),
                ));
            }
            dates.push((month, day, time));
        }
        if dates.is_empty() {
            return Err((0, "list at least one yearly date".to_owned()));
        }
        dates.sort();
        dates.dedup();
        Ok(Self { dates, zone })
    }

    /// The first of these dates strictly after `at`.
    pub fn next_after(&self, at: Timestamp) -> Timestamp {
        let year = self.zone.local(at).year();
        // Every date recurs yearly, so one of them falls in this year or the next.
        for y in [year, year.saturating_add(1)] {
            for &(month, day, time) in &self.dates {
                let Ok(date) = Date::new(y, month, day) else {
                    continue;
                };
                let candidate = self.zone.instant(date.to_datetime(time));
                if candidate > at {
                    return candidate;
                }
            }
        }
        Timestamp::MAX
    }
}

impl fmt::Display for AnnualDates {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::describe::describe_annual_dates(
            crate::Lang::En,
            self,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn term(toml_text: &str) -> Term {
        #[derive(Deserialize)]
        struct T {
            t: Term,
        }
        toml::from_str::<T>(toml_text).unwrap().t
    }

    #[test]
    fn unscr_2231_midnight_gmt_after_the_thirtieth_day() {
        // The E3 notified on 28 August 2025; the measures returned at 00:00 GMT on 28 September.
        let t = term(r#"t = { days = 30, end = "midnight_after", zone = "UTC" }"#);
        assert_eq!(
            t.after(ts("2025-08-28T17:00:00Z")),
            ts("2025-09-28T00:00:00Z")
        );
        assert_eq!(
            t.after(ts("2025-08-28T00:00:00Z")),
            ts("2025-09-28T00:00:00Z")
        );
        assert_eq!(
            t.to_string(),
            "30 days ending at midnight after the last day (UTC)"
        );
    }

    #[test]
    fn brussels_time_follows_daylight_saving() {
        let zone = Zone::named("Europe/Brussels").unwrap();
        // 23:59 CET in January is 22:59 UTC; 23:59 CEST in July is 21:59 UTC.
        assert_eq!(
            local_instant("2025-01-31T23:59", &zone).unwrap(),
            ts("2025-01-31T22:59:00Z")
        );
        assert_eq!(
            local_instant("2025-07-31T23:59", &zone).unwrap(),
            ts("2025-07-31T21:59:00Z")
        );
        // 02:30 on 30 March 2025 does not exist in Brussels.
        assert!(local_instant("2025-03-30T02:30", &zone).is_err());
        let dates =
            AnnualDates::parse(&["07-31T23:59".into(), "01-31T23:59".into()], zone).unwrap();
        assert_eq!(
            dates.next_after(ts("2024-12-01T00:00:00Z")),
            ts("2025-01-31T22:59:00Z")
        );
        assert_eq!(
            dates.next_after(ts("2025-01-31T22:59:00Z")),
            ts("2025-07-31T21:59:00Z")
        );
        assert_eq!(
            dates.next_after(ts("2025-08-01T00:00:00Z")),
            ts("2026-01-31T22:59:00Z")
        );
    }

    #[test]
    fn working_days_skip_weekends_and_holidays() {
        // Friday 19 December 2025, 10 working days in Brussels with 25 December and 1 January off.
        let t = term(
            r#"t = { working_days = 10, zone = "Europe/Brussels", holidays = ["2025-12-25", "2026-01-01"] }"#,
        );
        // Mon 22, Tue 23, Wed 24, Fri 26, Mon 29, Tue 30, Wed 31, Fri 2, Mon 5, Tue 6.
        assert_eq!(
            t.after(ts("2025-12-19T09:00:00Z")),
            ts("2026-01-06T09:00:00Z")
        );
    }

    #[test]
    fn bad_terms_say_what_to_write() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct T {
            t: Term,
        }
        for (text, says) in [
            (
                r#"t = { days = 30, zone = "Europe/Brusels" }"#,
                "not an IANA time zone",
            ),
            (r#"t = { days = 0 }"#, "1 to 3660"),
            (r#"t = { days = 3, working_days = 2 }"#, "exactly one"),
            (r#"t = { days = 3, end = "noon" }"#, "same_time"),
            (
                r#"t = { days = 3, holidays = ["2025-12-25"] }"#,
                "working_days",
            ),
            (r#"t = "30 days""#, "not a duration"),
        ] {
            let e = toml::from_str::<T>(text).unwrap_err().to_string();
            assert!(e.contains(says), "{text}: {e}");
        }
    }

    #[test]
    fn legal_instants_read_both_forms() {
        #[derive(Deserialize)]
        struct T {
            a: LegalInstant,
            b: LegalInstant,
            c: LegalInstant,
        }
        let t: T = toml::from_str(
            "a = \"2025-01-31T22:59:00Z\"\nb = 2025-01-31T22:59:00Z\nc = { local = \"2025-01-31T23:59\", zone = \"Europe/Brussels\" }",
        )
        .unwrap();
        assert_eq!(t.a, t.b);
        assert_eq!(t.b, t.c);
    }
}
