//! The adversary's state as it adapts.

use super::*;

/// The adversary's state within a run.
#[derive(Debug)]
pub(super) struct AdversaryState {
    pub(super) severity: u8,
    /// One pause per activation: from when its response takes effect, for the configured time.
    pub(super) pauses: Vec<(i64, i64)>,
    /// Activations seen at the previous violation (probe-then-escalate).
    pub(super) activations_at_last: usize,
    /// An over-dispersed salami's current day (since the start) and that day's rate per second.
    pub(super) day_rate: Option<(i64, f64)>,
    /// The escalation threshold as the adversary has learned it (`stay_under_escalation`).
    pub(super) learned_threshold: Option<u32>,
    /// Activations of the log already read for learning.
    pub(super) activations_read: usize,
    /// Determined genuine claims of the body's record already read (`read_record`).
    pub(super) record_read: usize,
}

/// The highest severity a salami-slicer probing the body's record goes to: below the renewed
/// offensive.
const PROBE_SEVERITY_MAX: u8 = 4;

impl AdversaryState {
    /// The adversary pauses once an activation's response takes effect (the aid lag after it):
    /// it reacts to consequences, not to announcements. One pause per activation seen.
    pub(super) fn register_pauses(&mut self, config: &Config, seen: &Conclusions) {
        let Some(pause) = pause_s(&config.adversary) else {
            return;
        };
        for r in seen.responses.iter().skip(self.pauses.len()) {
            self.pauses.push((r.from_s, r.from_s.saturating_add(pause)));
        }
    }

    /// Reads the body's record on genuine claims determined since the last call: each it did
    /// not activate emboldens the adversary one severity step (up to [`PROBE_SEVERITY_MAX`]);
    /// each it activated brings it back to `base`.
    pub(super) fn read_record(&mut self, seen: &Conclusions, base: u8) {
        for &unanswered in seen.genuine_record.iter().skip(self.record_read) {
            self.severity = match unanswered {
                true => (self.severity + 1).min(PROBE_SEVERITY_MAX.max(base)),
                false => base,
            };
        }
        self.record_read = seen.genuine_record.len();
    }

    /// When the next violation comes after `now_s` (the first: after 0). A salami with a
    /// dispersion k draws each day's rate from a gamma distribution of mean `rate_per_day` and
    /// shape k, then waits exponentially at that rate; a wait that passes the day's end starts
    /// again at the next day with its own rate (exact: the exponential has no memory). Returns a
    /// time past `horizon_s` when nothing comes before it.
    pub(super) fn next_violation_s(
        &mut self,
        adversary: &Adversary,
        rng: &mut ChaCha8Rng,
        now_s: i64,
        horizon_s: i64,
    ) -> Option<i64> {
        let Adversary::Salami {
            rate_per_day,
            dispersion: Some(k),
            ..
        } = adversary
        else {
            return next_violation_s(adversary, rng, now_s);
        };
        let mut from_s = now_s;
        // One pass per day at most: the loop ends at the horizon.
        loop {
            let day = from_s.div_euclid(DAY_S);
            let rate_per_s = match self.day_rate {
                Some((d, rate)) if d == day => rate,
                _ => {
                    let rate = gamma(rng, *k) / k * rate_per_day / DAY_S as f64;
                    self.day_rate = Some((day, rate));
                    rate
                }
            };
            let day_end_s = day.saturating_add(1).saturating_mul(DAY_S);
            if rate_per_s > 0.0 {
                let at = from_s.saturating_add(exponential_s(rng, rate_per_s));
                if at < day_end_s {
                    return Some(at);
                }
            }
            if day_end_s > horizon_s {
                return Some(day_end_s.max(horizon_s.saturating_add(1)));
            }
            from_s = day_end_s;
        }
    }

    /// Learns from the escalations seen since the last call: at each, the severity activated
    /// within the window since the previous escalation (what the engine counted) is an upper
    /// estimate of the threshold; the adversary keeps the smallest.
    pub(super) fn learn(&mut self, seen: &Conclusions, window_s: i64) {
        for k in self.activations_read..seen.activation_log.len() {
            let (at_s, _, escalation) = seen.activation_log[k];
            if escalation {
                let built_up = uncounted_severity(&seen.activation_log[..k], at_s, window_s);
                if built_up > 0 {
                    self.learned_threshold =
                        Some(self.learned_threshold.map_or(built_up, |t| t.min(built_up)));
                }
            }
        }
        self.activations_read = seen.activation_log.len();
    }

    /// When a violation of `severity` planned for `t` should come instead so that, if detected
    /// and activated, it cannot reach the learned threshold: `None` to go ahead at `t`, else
    /// the instant the earliest activation still counted leaves the window.
    pub(super) fn hold_under(
        &self,
        seen: &Conclusions,
        t: i64,
        severity: u8,
        window_s: i64,
    ) -> Option<i64> {
        let threshold = self.learned_threshold?;
        let built_up = uncounted_severity(&seen.activation_log, t, window_s);
        if built_up + u32::from(severity) < threshold {
            return None;
        }
        let since = last_escalation_s(&seen.activation_log, t);
        seen.activation_log
            .iter()
            .filter(|(at_s, _, esc)| {
                !esc && *at_s > t - window_s && since.is_none_or(|e| *at_s > e)
            })
            .map(|(at_s, _, _)| at_s.saturating_add(window_s).saturating_add(1))
            .min()
            .filter(|later| *later > t)
    }

    /// The end of the pause `t` falls in, if any (the latest end of overlapping pauses).
    pub(super) fn paused_at(&self, t: i64) -> Option<i64> {
        self.pauses
            .iter()
            .filter(|(from, until)| *from <= t && t < *until)
            .map(|(_, until)| *until)
            .max()
    }
}

/// The instant of the last escalation at or before `t`.
fn last_escalation_s(log: &[(i64, u32, bool)], t: i64) -> Option<i64> {
    log.iter()
        .filter(|(at_s, _, esc)| *esc && *at_s <= t)
        .map(|(at_s, _, _)| *at_s)
        .max()
}

/// The severity activated by claims within the window ending at `t` and after the last
/// escalation before it: what the next escalation would count.
fn uncounted_severity(log: &[(i64, u32, bool)], t: i64, window_s: i64) -> u32 {
    let since = last_escalation_s(log, t);
    log.iter()
        .filter(|(at_s, _, esc)| {
            !esc && *at_s > t - window_s && *at_s <= t && since.is_none_or(|e| *at_s > e)
        })
        .map(|(_, severity, _)| *severity)
        .sum()
}
