//! Obligations: created when a package proceeds, fulfilled by their party (or the secretariat),
//! closed by the fund or the tracker when money or items arrive.

use std::sync::Arc;

use snapback_charter::{ObligationId, Role};

use super::timers::TimerKind;
use super::{Accepted, Engine, Judgement, LiveObligation, ProceedingPackage};
use crate::derived::{Derived, DerivedKind};
use crate::event::Event;
use crate::rejection::Rejection;

impl Engine {
    pub(super) fn create_obligations(&mut self, p: ProceedingPackage<'_>, out: &mut Vec<Derived>) {
        let pkg = p.package();
        self.restore_measures(p, out);
        for (k, template) in pkg.obligations.iter().enumerate() {
            let id =
                ObligationId::join(&[p.activation.as_str(), pkg.id.as_str(), &(k + 1).to_string()]);
            // A duty to re-impose a measure already in force would be a duplicate: record that
            // it is in force instead.
            let measure = template
                .measure
                .and_then(|m| self.measure_slot(p.charter, m));
            if let Some(slot) = measure
                && self.measure_applies(slot)
            {
                self.confirm_measure(p.at, slot, p.activation, &pkg.id, false, out);
                continue;
            }
            let due = template.due_within.after(p.at);
            let party = p.charter.party(template.party).id.clone();
            let created = Derived {
                at: p.at,
                kind: DerivedKind::ObligationCreated {
                    obligation: id.clone(),
                    activation: p.activation.clone(),
                    package: pkg.id.clone(),
                    party: party.clone(),
                    kind: template.kind.clone(),
                    description: Arc::clone(&template.description),
                    amount: template.money.as_ref().map(|m| m.amount),
                    currency: template.money.as_ref().map(|m| m.currency.clone()),
                    item: template.items.as_ref().map(|i| i.item.clone()),
                    quantity: template.items.as_ref().map(|i| i.quantity),
                    due,
                    measure: measure.map(|slot| self.measure_id(slot)),
                },
            };
            self.tracker.derived(&created);
            out.push(created);
            self.schedule(due, TimerKind::ObligationDue(id.clone()));
            self.obligations.insert(
                id,
                LiveObligation {
                    party,
                    due,
                    overdue: false,
                    measure,
                },
            );
        }
        self.draw_down(p, out);
        if pkg
            .obligations
            .iter()
            .any(|o| o.kind == snapback_charter::ObligationKind::Funds)
        {
            self.trigger_fund(p.at, p.charter, p.activation, &pkg.id, out);
        }
    }

    pub(super) fn fulfil(&mut self, event: &Event, id: &ObligationId) -> Judgement {
        if self.fund.is_call(id) {
            return Err(Rejection::PayIntoFund {
                obligation: id.clone(),
            });
        }
        if self.tracker.obligations.get(id).is_some() {
            return Err(Rejection::ReceiveItems {
                obligation: id.clone(),
            });
        }
        if let Some(slot) = self.obligations.get(id).and_then(|o| o.measure) {
            return Err(Rejection::RecordMeasure {
                obligation: id.clone(),
                measure: self.measure_id(slot),
            });
        }
        let Some(live) = self.obligations.get(id) else {
            return Err(if self.fulfilled.contains(id) {
                Rejection::AlreadyFulfilled {
                    obligation: id.clone(),
                }
            } else if self.cancelled.contains(id) {
                Rejection::ObligationCancelled {
                    obligation: id.clone(),
                }
            } else {
                Rejection::UnknownObligation {
                    obligation: id.clone(),
                }
            });
        };
        if live.party != event.party {
            let charter = self.charter_at(event.at)?;
            let secretariat = charter
                .party_idx(event.party.as_str())
                .is_some_and(|p| charter.has_role(p, Role::Secretariat));
            if !secretariat {
                return Err(Rejection::NotObligor {
                    obligation: id.clone(),
                    owner: live.party.clone(),
                });
            }
        }
        let late = event.at > live.due;
        self.close_obligation(id);
        Ok(Accepted::Fulfilled { late })
    }

    /// An obligation is met: it leaves the live set and its id stays taken.
    pub(super) fn close_obligation(&mut self, id: &ObligationId) -> Option<LiveObligation> {
        let live = self.obligations.remove(id)?;
        self.fulfilled.insert(id.clone());
        Some(live)
    }
}
