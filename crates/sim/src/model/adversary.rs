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
}

impl AdversaryState {
    /// The adversary pauses once an activation's response takes effect (the aid lag after it):
    /// it reacts to consequences, not to announcements. One pause per activation seen.
    pub(super) fn register_pauses(&mut self, config: &Config, seen: &Conclusions, aid_lag_s: i64) {
        let Some(pause) = pause_s(&config.adversary) else {
            return;
        };
        for &a in seen.activations_s.iter().skip(self.pauses.len()) {
            let from = a.saturating_add(aid_lag_s);
            self.pauses.push((from, from.saturating_add(pause)));
        }
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
