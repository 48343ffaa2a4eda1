//! Changes of government within a run: from its instant on, a party votes with another model.

use super::*;

/// A run's regime changes: the party, from when (seconds since the start), and its new model.
#[derive(Debug)]
pub(super) struct Regimes<'a> {
    changes: Vec<(&'a PartyId, i64, &'a VoteModel)>,
}

impl<'a> Regimes<'a> {
    /// The run's instants: `at` as given, `within` drawn uniformly from a stream of its own (so
    /// a regime change moves no other draw).
    pub(super) fn new(config: &'a Config, prepared: &'a Prepared, keys: &Keys, run: u64) -> Self {
        let mut rng = keys.stream(Purpose::Regimes, run);
        let changes = config
            .voting
            .regime_change
            .iter()
            .zip(&prepared.regime_models)
            .map(|(change, model)| {
                let from_s = match (change.at, change.within) {
                    (Some(at), _) => i64::try_from(at.seconds()).unwrap_or(i64::MAX / 4),
                    (None, Some(within)) => (unit(&mut rng) * within.seconds() as f64) as i64,
                    // `check` refuses a change with neither.
                    (None, None) => i64::MAX / 4,
                };
                (&change.party, from_s, model)
            })
            .collect();
        Regimes { changes }
    }

    /// `party`'s model at `t`, if a regime change has given it a new one by then.
    pub(super) fn model_at(&self, party: &PartyId, t: i64) -> Option<&'a VoteModel> {
        self.changes
            .iter()
            .find(|(p, from_s, _)| *p == party && *from_s <= t)
            .map(|(_, _, model)| *model)
    }
}
