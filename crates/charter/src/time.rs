//! Instants and exact durations.
//!
//! Instants are UTC timestamps ([`jiff::Timestamp`]), written as RFC 3339 with an explicit offset
//! (`2026-03-01T06:00:00Z`) either as a string or as a TOML offset date-time. Durations are exact
//! numbers of seconds written as `90s`, `30m`, `48h`, `7d` or a sum such as `1d12h`; a day is
//! always 86 400 seconds. There is deliberately no month or year unit: their length depends on
//! the calendar, and a treaty deadline must not.

use std::fmt;
use std::str::FromStr;

use jiff::{SignedDuration, Timestamp};
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The longest duration accepted: 100 years of 365.25 days. Longer spans are certainly typos
/// and would push deadlines towards the end of the representable calendar.
pub const DURATION_SECONDS_MAX: u64 = 100 * 36_525 * 864;

/// Parses an RFC 3339 instant with an offset and returns it as a UTC timestamp.
pub fn parse_instant(text: &str) -> Result<Timestamp, String> {
    Timestamp::from_str(text.trim()).map_err(|e| {
        format!(
            "`{text}` is not an RFC 3339 instant with a UTC offset (write e.g. 2026-03-01T06:00:00Z): {e}"
        )
    })
}

/// Formats an instant as RFC 3339 UTC with a `Z` suffix (the one format snapback writes).
pub fn format_instant(at: Timestamp) -> String {
    at.to_string()
}

/// An instant as read from a charter, scenario or event: a string or a TOML offset date-time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant(pub Timestamp);

impl From<Instant> for Timestamp {
    fn from(value: Instant) -> Self {
        value.0
    }
}

impl Serialize for Instant {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Instant {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct InstantVisitor;
        impl<'de> Visitor<'de> for InstantVisitor {
            type Value = Instant;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an RFC 3339 instant with an offset, such as 2026-03-01T06:00:00Z")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Instant, E> {
                parse_instant(text).map(Instant).map_err(E::custom)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Instant, A::Error> {
                // A TOML date-time arrives as a one-entry map in the toml crate's private
                // encoding; let the toml crate decode it, then apply the same rule as strings.
                let datetime =
                    toml::value::Datetime::deserialize(de::value::MapAccessDeserializer::new(map))?;
                if datetime.offset.is_none() || datetime.time.is_none() || datetime.date.is_none() {
                    return Err(de::Error::custom(format!(
                        "`{datetime}` has no UTC offset: write an instant such as {}Z",
                        if datetime.date.is_some() && datetime.time.is_some() {
                            datetime.to_string()
                        } else {
                            "2026-03-01T06:00:00".to_owned()
                        }
                    )));
                }
                parse_instant(&datetime.to_string())
                    .map(Instant)
                    .map_err(de::Error::custom)
            }
        }
        deserializer.deserialize_any(InstantVisitor)
    }
}

/// Serde helpers for a [`Timestamp`] field written as RFC 3339 UTC.
pub mod instant_serde {
    use jiff::Timestamp;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(at: &Timestamp, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(at)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
        super::Instant::deserialize(deserializer).map(|i| i.0)
    }
}

/// Serde helpers for an optional [`Timestamp`] field (absent or `null` is `None`).
pub mod option_instant_serde {
    use jiff::Timestamp;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        at: &Option<Timestamp>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match at {
            Some(at) => serializer.collect_str(at),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Timestamp>, D::Error> {
        Option::<super::Instant>::deserialize(deserializer).map(|o| o.map(|i| i.0))
    }
}

/// An exact, positive duration in whole seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Duration {
    seconds: u64,
}

/// Why a duration could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DurationError {
    #[error("empty duration: write a number and a unit, such as 48h")]
    Empty,
    #[error(
        "`{0}` is not a duration: write numbers with units s, m, h or d, such as 48h, 7d or 1d12h"
    )]
    Syntax(String),
    #[error(
        "`{text}` uses the unknown unit `{unit}`: the units are s, m, h and d (no months or years: they have no fixed length)"
    )]
    Unit { text: String, unit: char },
    #[error("`{0}` is zero: a deadline must lie after the moment it is counted from")]
    Zero(String),
    #[error("`{0}` is longer than 100 years")]
    TooLong(String),
}

impl Duration {
    /// One day of 86 400 seconds.
    pub const DAY: Duration = Duration { seconds: 86_400 };

    /// A duration of `seconds` seconds, if positive and at most [`DURATION_SECONDS_MAX`].
    pub fn from_seconds(seconds: u64) -> Option<Self> {
        (seconds > 0 && seconds <= DURATION_SECONDS_MAX).then_some(Self { seconds })
    }

    pub fn seconds(self) -> u64 {
        self.seconds
    }

    /// The same span as a jiff duration, for timestamp arithmetic.
    pub fn signed(self) -> SignedDuration {
        // Cannot truncate: seconds <= DURATION_SECONDS_MAX < i64::MAX.
        SignedDuration::from_secs(self.seconds as i64)
    }

    /// `at + self`, saturating at the end of the representable calendar. Instants that close are
    /// unreachable for valid input (instants are bounded by jiff to year 9999 and durations to
    /// 100 years) but saturating keeps the arithmetic total.
    pub fn after(self, at: Timestamp) -> Timestamp {
        at.saturating_add(self.signed()).unwrap_or(Timestamp::MAX)
    }

    /// `at - self`, saturating at the start of the representable calendar.
    pub fn before(self, at: Timestamp) -> Timestamp {
        at.saturating_sub(self.signed()).unwrap_or(Timestamp::MIN)
    }
}

impl FromStr for Duration {
    type Err = DurationError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(DurationError::Empty);
        }
        let mut total: u64 = 0;
        let mut digits = String::new();
        for c in trimmed.chars() {
            if c.is_ascii_digit() {
                digits.push(c);
                continue;
            }
            let unit_seconds = match c {
                's' => 1,
                'm' => 60,
                'h' => 3_600,
                'd' => 86_400,
                c if c.is_ascii_alphabetic() => {
                    return Err(DurationError::Unit {
                        text: text.to_owned(),
                        unit: c,
                    });
                }
                _ => return Err(DurationError::Syntax(text.to_owned())),
            };
            if digits.is_empty() {
                return Err(DurationError::Syntax(text.to_owned()));
            }
            let amount: u64 = digits
                .parse()
                .map_err(|_| DurationError::TooLong(text.to_owned()))?;
            digits.clear();
            total = amount
                .checked_mul(unit_seconds)
                .and_then(|s| total.checked_add(s))
                .ok_or_else(|| DurationError::TooLong(text.to_owned()))?;
        }
        if !digits.is_empty() {
            return Err(DurationError::Syntax(text.to_owned()));
        }
        if total == 0 {
            return Err(DurationError::Zero(text.to_owned()));
        }
        Duration::from_seconds(total).ok_or_else(|| DurationError::TooLong(text.to_owned()))
    }
}

/// The unit a duration is written in: whole weeks and longer in days (`7d`, `30d`), shorter
/// spans in hours (`48h`, `72h`), then minutes and seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DurationUnit {
    Days,
    Hours,
    Minutes,
    Seconds,
}

impl Duration {
    /// The duration as a count of the unit a treaty would write it in.
    pub fn in_unit(self) -> (u64, DurationUnit) {
        let s = self.seconds;
        if s % 86_400 == 0 && s >= 7 * 86_400 {
            (s / 86_400, DurationUnit::Days)
        } else if s % 3_600 == 0 {
            (s / 3_600, DurationUnit::Hours)
        } else if s % 60 == 0 {
            (s / 60, DurationUnit::Minutes)
        } else {
            (s, DurationUnit::Seconds)
        }
    }
}

impl fmt::Display for Duration {
    /// Writes the duration in the charter's notation (`7d`, `48h`, `90m`, `45s`); in words, in a
    /// language, it is [`crate::describe::describe_duration`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (n, unit) = self.in_unit();
        let letter = match unit {
            DurationUnit::Days => 'd',
            DurationUnit::Hours => 'h',
            DurationUnit::Minutes => 'm',
            DurationUnit::Seconds => 's',
        };
        write!(f, "{n}{letter}")
    }
}

impl Serialize for Duration {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A duration is written as the charter writes it (`48h`, `30d`, `90m`, `45s`): a whole number
/// and one unit.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Duration {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("Duration")
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A duration as the charter writes it (`48h`, `30d`)."
        })
    }
}

impl<'de> Deserialize<'de> for Duration {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_exact_seconds() {
        let d = |t: &str| t.parse::<Duration>().map(Duration::seconds);
        assert_eq!(d("90s"), Ok(90));
        assert_eq!(d("30m"), Ok(1_800));
        assert_eq!(d("48h"), Ok(172_800));
        assert_eq!(d("7d"), Ok(604_800));
        assert_eq!(d("1d12h"), Ok(129_600));
        assert!(matches!(
            d("3mo"),
            Err(DurationError::Unit { unit: 'o', .. })
        ));
        assert!(matches!(
            d("1y"),
            Err(DurationError::Unit { unit: 'y', .. })
        ));
        assert!(matches!(d("0h"), Err(DurationError::Zero(_))));
        assert!(matches!(d("h"), Err(DurationError::Syntax(_))));
        assert!(matches!(d("48"), Err(DurationError::Syntax(_))));
        assert!(matches!(d(""), Err(DurationError::Empty)));
        assert!(matches!(
            d("99999999999999999999999d"),
            Err(DurationError::TooLong(_))
        ));
        assert!(matches!(d("36600d"), Err(DurationError::TooLong(_))));
    }

    #[test]
    fn durations_print_as_a_treaty_writes_them() {
        for (text, shown) in [
            ("2d", "48h"),
            ("1d12h", "36h"),
            ("90s", "90s"),
            ("120s", "2m"),
            ("168h", "7d"),
            ("10d", "10d"),
            ("1d1s", "86401s"),
        ] {
            assert_eq!(
                text.parse::<Duration>().map(|d| d.to_string()),
                Ok(shown.to_owned())
            );
        }
    }

    #[test]
    fn instants_need_an_offset_and_print_in_utc() {
        let at = parse_instant("2026-03-01T08:00:00+02:00").map(format_instant);
        assert_eq!(at, Ok("2026-03-01T06:00:00Z".to_owned()));
        assert!(parse_instant("2026-03-01T06:00:00").is_err());
        assert!(parse_instant("March 1").is_err());
    }

    #[test]
    fn toml_datetimes_and_strings_are_both_instants() {
        #[derive(Deserialize)]
        struct T {
            a: Instant,
            b: Instant,
        }
        let t: T = toml::from_str("a = 2026-03-01T06:00:00Z\nb = \"2026-03-01T07:00:00+01:00\"")
            .expect("both forms parse");
        assert_eq!(t.a, t.b);
        let local = toml::from_str::<T>("a = 2026-03-01T06:00:00\nb = \"2026-03-01T06:00:00Z\"");
        let message = local
            .err()
            .map(|e| e.message().to_owned())
            .unwrap_or_default();
        assert!(message.contains("no UTC offset"), "{message}");
    }
}
