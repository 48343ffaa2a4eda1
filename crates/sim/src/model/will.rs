//! How far each party leans towards "unfounded" in a run, on the log-odds scale: the common
//! political will, each voting bloc's factor for its members, and the drift after false
//! activations.

use super::*;
use crate::config::Voting;

/// A run's leanings.
#[derive(Debug)]
pub(super) struct Will {
    /// The common factor: `political_will_sd` times a normal draw.
    common: f64,
    /// Each bloc's members and its factor in this run (`sd` times a normal draw).
    blocs: Vec<(Vec<PartyId>, f64)>,
    shift_per_false_activation: f64,
}

impl Will {
    /// Draws the run's factors: the common one from the will stream (as before blocs existed),
    /// the blocs' from a stream of their own, so adding a bloc moves no other draw.
    pub(super) fn new(voting: &Voting, keys: &Keys, run: u64) -> Self {
        let common = voting.political_will_sd * normal(&mut keys.stream(Purpose::Will, run));
        let mut bloc_rng = keys.stream(Purpose::Blocs, run);
        let blocs = voting
            .bloc
            .iter()
            .map(|b| (b.members.clone(), b.sd * normal(&mut bloc_rng)))
            .collect();
        Will {
            common,
            blocs,
            shift_per_false_activation: voting.will_shift_per_false_activation,
        }
    }

    /// `party`'s leaning after `false_activations` false activations.
    pub(super) fn of(&self, party: &PartyId, false_activations: u64) -> f64 {
        let mut will = self.common;
        if self.shift_per_false_activation != 0.0 {
            will += self.shift_per_false_activation * false_activations as f64;
        }
        for (members, factor) in &self.blocs {
            if members.contains(party) {
                will += factor;
            }
        }
        will
    }
}
