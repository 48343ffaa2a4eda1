//! How long the running demo takes, read off the story itself: the lead-in, the speed after it,
//! the last step's offset and the scenario's reporting instant on the demo's clock. Every
//! announcement of the demo's length (`serve --demo`'s startup line, the driver's log line)
//! words a [`Timing`], so none states a hand-written figure that drifts when the story changes.

use jiff::{SignedDuration, Timestamp};

use super::story::{LEAD_IN_S, SPEED, StoryError, as_of_offset, script};

/// The demo's pace and length, as offsets from its start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    /// How long the record before the first claim plays.
    pub lead_in: SignedDuration,
    /// How long one scenario hour lasts after the lead-in.
    pub hour: SignedDuration,
    /// When the story's last step is submitted.
    pub last_step: SignedDuration,
    /// When the scenario's reporting instant falls (its `as_of`: every deadline after the last
    /// step has fired by then).
    pub as_of: SignedDuration,
}

/// The built-in story's [`Timing`].
pub fn timing() -> Result<Timing, StoryError> {
    // Offsets do not depend on the start; any instant will do.
    let steps = script(Timestamp::UNIX_EPOCH)?;
    let last_step = steps
        .iter()
        .map(|s| s.offset)
        .max()
        .unwrap_or(SignedDuration::ZERO);
    Ok(Timing {
        lead_in: SignedDuration::from_secs(LEAD_IN_S),
        hour: SignedDuration::from_millis(3_600_000 / SPEED),
        last_step,
        as_of: as_of_offset()?.max(last_step),
    })
}

impl Timing {
    /// What `serve --demo` says about the demo when it starts.
    pub fn announcement(&self) -> String {
        format!(
            "the reference scenario (scenarios/demo.toml) unfolds: its record before the first \
             claim plays in {}, then one scenario hour every {}; its last step comes after {}, \
             and its reporting instant, when every deadline has fired, after {}",
            span(self.lead_in),
            span(self.hour),
            span(self.last_step),
            span(self.as_of)
        )
    }
}

/// `2.5 s` under a minute; whole minutes from a minute on, `about` when rounded (`1 minute`,
/// `about 101 minutes`).
pub(super) fn span(d: SignedDuration) -> String {
    let ms = d.as_millis().max(0);
    if ms < 60_000 {
        let tenths = (ms + 50) / 100;
        return if tenths % 10 == 0 {
            format!("{} s", tenths / 10)
        } else {
            format!("{}.{} s", tenths / 10, tenths % 10)
        };
    }
    let minutes = (ms + 30_000) / 60_000;
    let about = if ms % 60_000 == 0 { "" } else { "about " };
    let unit = if minutes == 1 { "minute" } else { "minutes" };
    format!("{about}{minutes} {unit}")
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn spans_read_in_seconds_or_minutes() {
        assert_eq!(span(SignedDuration::from_millis(2_500)), "2.5 s");
        assert_eq!(span(SignedDuration::from_secs(20)), "20 s");
        assert_eq!(span(SignedDuration::from_secs(60)), "1 minute");
        assert_eq!(span(SignedDuration::from_secs(120)), "2 minutes");
        assert_eq!(span(SignedDuration::from_secs(6_075)), "about 101 minutes");
        assert_eq!(span(SignedDuration::from_secs(6_089)), "about 101 minutes");
        assert_eq!(span(SignedDuration::from_secs(6_090)), "about 102 minutes");
    }

    /// The announced length is the story's: the last step's offset and the reporting instant's,
    /// rounded to the minute, whatever the scenario holds.
    #[test]
    fn the_announced_length_is_the_storys() {
        let t = timing().unwrap();
        let start: Timestamp = "2026-12-01T00:00:00Z".parse().unwrap();
        let steps = script(start).unwrap();
        let last = steps.last().unwrap().offset;
        assert!(steps.iter().all(|s| s.offset <= last));
        assert_eq!(t.last_step, last);
        assert_eq!(t.as_of, as_of_offset().unwrap());
        let text = t.announcement();
        let minutes = |d: SignedDuration| (d.as_secs() + 30) / 60;
        assert!(
            text.contains(&format!(
                "last step comes after about {} minutes",
                minutes(last)
            )),
            "{text}"
        );
        assert!(
            text.contains(&format!("after about {} minutes", minutes(t.as_of))),
            "{text}"
        );
        assert!(
            text.contains("plays in 1 minute, then one scenario hour every 2.5 s"),
            "{text}"
        );
    }
}
