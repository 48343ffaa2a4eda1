//! The engine's side of the capability tracker: judging capability events, and drawing on lots
//! and contracts when a package proceeds.

use std::sync::Arc;

use super::{Accepted, Engine, Judgement, ProceedingPackage, acting_party};
use crate::capability;
use crate::derived::{Derived, DerivedKind};
use crate::event::{CapabilityEvent, Event};

impl Engine {
    pub(super) fn judge_capability(&mut self, event: &Event, c: &CapabilityEvent) -> Judgement {
        let charter = self.charter_at(event.at)?;
        acting_party(&charter, &event.party, event.at)?;
        let accepted = self.tracker.record(&charter, event.at, &event.party, c)?;
        // A receipt that completed a military obligation fulfils it (on time or late as the
        // tracker judged it, by when the items arrived).
        if let Some((id, _)) = &accepted.fulfilled {
            self.close_obligation(id);
        }
        Ok(Accepted::Capability(accepted))
    }

    /// A package proceeded: its military obligations that count items draw on the lots and
    /// contracts (allocated as readiness allocates them), and the charter's `[[restriction]]`
    /// rules for the package lift the donors' restrictions in force.
    pub(super) fn draw_down(&mut self, p: ProceedingPackage<'_>, out: &mut Vec<Derived>) {
        let pkg = p.package();
        let demands: Vec<_> = capability::demands(p.charter, Some(std::slice::from_ref(&pkg.id)))
            .into_iter()
            .map(|mut d| {
                // The template's place `<package>/<n>` becomes the obligation's id.
                d.obligation = Arc::from(format!("{}/{}", p.activation, d.obligation));
                d
            })
            .collect();
        let mut derived = Vec::new();
        if !demands.is_empty() {
            let lots = self.tracker.lots_for_readiness(p.charter);
            let contracts = self.tracker.contracts_for_readiness();
            let plan = snapback_capability::readiness(p.at, &demands, &lots, &contracts);
            derived.extend(capability::draws(p.at, p.activation, &plan));
        }
        for (restriction, donor) in self.tracker.lifted_by(p.charter, &pkg.id) {
            derived.push(Derived {
                at: p.at,
                kind: DerivedKind::RestrictionLifted {
                    activation: p.activation.clone(),
                    package: pkg.id.clone(),
                    restriction,
                    donor,
                },
            });
        }
        for d in derived {
            self.tracker.derived(&d);
            out.push(d);
        }
    }
}
