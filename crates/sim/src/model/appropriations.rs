//! Parliaments' appropriations of surge shares (`[[appropriation]]`, variants with
//! `appropriations = true`): each share the engine leaves waiting on a parliament is
//! appropriated after a delay drawn uniformly between the contributor's bounds, from the
//! appropriations stream (share `k` at a fixed word position, so that one share's fate moves no
//! other's draws). A contributor the charter makes wait without an `[[appropriation]]` never
//! gets one.

use rust_decimal::Decimal;
use snapback_charter::Currency;
use snapback_engine::event::FundAppropriation;

use super::*;

/// Words of the appropriations stream reserved for each waiting share.
const WORDS_PER_SHARE: u128 = 4;

pub(super) struct Appropriations {
    scheduled: usize,
    rng: ChaCha8Rng,
    /// Each contributor's bounds in seconds.
    delays: Vec<(PartyId, i64, i64)>,
}

impl Appropriations {
    pub(super) fn new(config: &Config, keys: &Keys, run: u64) -> Self {
        let secs =
            |d: snapback_charter::Duration| i64::try_from(d.seconds()).unwrap_or(i64::MAX / 4);
        Appropriations {
            scheduled: 0,
            rng: keys.stream(Purpose::Appropriations, run),
            delays: config
                .appropriation
                .iter()
                .map(|a| (a.party.clone(), secs(a.delay_min), secs(a.delay_max)))
                .collect(),
        }
    }

    /// Draws and queues the appropriation of every share left waiting since the last call.
    pub(super) fn schedule(&mut self, seen: &Conclusions, push: &mut dyn FnMut(i64, Pending)) {
        while let Some(w) = seen.awaiting.get(self.scheduled) {
            let k = self.scheduled as u32;
            self.scheduled += 1;
            let Some((_, lo, hi)) = self.delays.iter().find(|(p, _, _)| *p == w.party) else {
                continue;
            };
            self.rng.set_word_pos(u128::from(k) * WORDS_PER_SHARE);
            let u = unit(&mut self.rng);
            let delay = lo + ((hi - lo) as f64 * u).floor() as i64;
            push(
                w.since_s.saturating_add(delay.max(1)),
                Pending::Appropriation { share: k },
            );
        }
    }
}

/// The appropriation event of waiting share `w`, by its contributor, for its amount.
pub(super) fn appropriation_event(at: Timestamp, k: u32, w: &Waiting, currency: Currency) -> Event {
    Event {
        at,
        party: w.party.clone(),
        kind: EventKind::FundAppropriated(FundAppropriation {
            contributor: None,
            amount: w.amount,
            currency,
            reference: format!("simulated appropriation {k}"),
        }),
    }
}

/// A surge share the engine left waiting on a parliament.
#[derive(Debug, Clone)]
pub(super) struct Waiting {
    pub(super) obligation: snapback_charter::ObligationId,
    pub(super) party: PartyId,
    pub(super) amount: Decimal,
    /// When it was called (seconds since the start).
    pub(super) since_s: i64,
}
