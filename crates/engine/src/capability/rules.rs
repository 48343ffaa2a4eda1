//! The tracker's rules: who may record what, what remains to ship, receive, draw or train, unknown
//! and duplicate ids; and how the engine's derived events (obligations, drawdowns, lifts) enter
//! the record.

use jiff::Timestamp;
use snapback_charter::{
    ActivationId, CentreId, Charter, CohortId, CommitmentId, ContractId, LotId, PackageId, PartyId,
    RestrictionId, Role,
};

use super::{
    CapabilityAccepted, CohortRecord, CommitmentRecord, ContractRecord, ItemObligation, Lift,
    LotRecord, Movement, RestrictionRecord, Tracker, ValuedAidRecord,
};
use crate::capability::event::{
    AidCommitment, AidReceipt, CapabilityEvent, ContractTerms, Draw, ReceiptFor,
    RestrictionImposed, Stocking, ValuedAid,
};
use crate::derived::{Derived, DerivedKind};
use crate::rejection::{Record, Rejection};

impl Tracker {
    /// Judges an input event and, if it is accepted, records it. A refused event changes
    /// nothing.
    pub fn record(
        &mut self,
        charter: &Charter,
        at: Timestamp,
        party: &PartyId,
        event: &CapabilityEvent,
    ) -> Result<CapabilityAccepted, Rejection> {
        let secretariat = is_secretariat(charter, party);
        if let Some(occurred_at) = event.occurred_at()
            && occurred_at > at
        {
            return Err(Rejection::OccurredLater { occurred_at, at });
        }
        // What happened earlier than its recording counts at the time it happened.
        let at = event.occurred_at().unwrap_or(at);
        match event {
            CapabilityEvent::AidCommitted(c) => self.commit(at, party, secretariat, c)?,
            CapabilityEvent::AidShipped(s) => {
                let record = self.owned_commitment(&s.commitment, party, secretariat)?;
                let outstanding = record.quantity - record.shipped;
                check_outstanding(Record::Commitment, &s.commitment, s.quantity, outstanding)?;
                if let Some(r) = self.commitments.get_mut(&s.commitment) {
                    r.shipped += s.quantity;
                    r.shipments.push(Movement {
                        at,
                        quantity: s.quantity,
                        obligation: None,
                        activation: None,
                    });
                }
            }
            CapabilityEvent::AidReceived(r) => {
                return self.receive(charter, at, party, secretariat, r);
            }
            CapabilityEvent::AidValued(v) => self.value(at, party, secretariat, v)?,
            CapabilityEvent::ContractRegistered(t) => self.register(party, t)?,
            CapabilityEvent::ContractCalledOff(d) => {
                self.call_off(at, Actor::Party(party, secretariat), d)?;
            }
            CapabilityEvent::StockpileStocked(s) => self.stock(charter, at, party, s)?,
            CapabilityEvent::StockpileReleased(d) => {
                self.release(at, Actor::Party(party, secretariat), d)?;
            }
            CapabilityEvent::CohortStarted {
                cohort,
                centre,
                trainees,
            } => self.start_cohort(charter, at, party, secretariat, cohort, centre, *trainees)?,
            CapabilityEvent::CohortCompleted { cohort, trainees } => {
                self.complete_cohort(charter, at, party, secretariat, cohort, *trainees)?;
            }
            CapabilityEvent::RestrictionImposed(r) => self.impose(at, party, r)?,
            CapabilityEvent::RestrictionLifted {
                restriction,
                reference,
            } => {
                let record =
                    self.restrictions
                        .get(restriction)
                        .ok_or_else(|| Rejection::UnknownRecord {
                            what: Record::Restriction,
                            id: restriction.to_string(),
                        })?;
                owner_or_secretariat(
                    Record::Restriction,
                    restriction.as_str(),
                    &record.donor,
                    party,
                    secretariat,
                )?;
                self.lift(
                    restriction,
                    Lift {
                        at,
                        by: Some(party.clone()),
                        activation: None,
                        package: None,
                        reference: reference.clone(),
                    },
                )?;
            }
        }
        Ok(CapabilityAccepted::default())
    }

    fn commit(
        &mut self,
        at: Timestamp,
        party: &PartyId,
        secretariat: bool,
        c: &AidCommitment,
    ) -> Result<(), Rejection> {
        if self.commitments.contains(&c.commitment) {
            return Err(duplicate(Record::Commitment, c.commitment.as_str()));
        }
        let donor = match &c.donor {
            Some(donor) if donor != party && !secretariat => {
                return Err(Rejection::NotSecretariat {
                    party: party.clone(),
                    action: "record a commitment for another donor",
                });
            }
            Some(donor) => donor.clone(),
            None => party.clone(),
        };
        self.commitments.push(
            c.commitment.clone(),
            CommitmentRecord {
                commitment: c.commitment.clone(),
                donor,
                category: c.category.clone(),
                item: c.item.clone(),
                quantity: c.quantity,
                promised: c.promised,
                committed_at: at,
                shipped: 0,
                received: 0,
                shipments: Vec::new(),
                receipts: Vec::new(),
                reference: c.reference.clone(),
            },
        );
        Ok(())
    }

    /// A flow by value: its donor's, or the secretariat's for any donor; one record per id.
    fn value(
        &mut self,
        at: Timestamp,
        party: &PartyId,
        secretariat: bool,
        v: &ValuedAid,
    ) -> Result<(), Rejection> {
        if self.valued.contains(&v.flow) {
            return Err(duplicate(Record::Flow, v.flow.as_str()));
        }
        let donor = match &v.donor {
            Some(donor) if donor != party && !secretariat => {
                return Err(Rejection::NotSecretariat {
                    party: party.clone(),
                    action: "record aid for another donor",
                });
            }
            Some(donor) => donor.clone(),
            None => party.clone(),
        };
        self.valued.push(
            v.flow.clone(),
            ValuedAidRecord {
                flow: v.flow.clone(),
                donor,
                aid_type: v.aid_type,
                stage: v.stage,
                amount: v.amount,
                currency: v.currency,
                at,
                reference: v.reference.clone(),
            },
        );
        Ok(())
    }

    fn owned_commitment(
        &self,
        id: &CommitmentId,
        party: &PartyId,
        secretariat: bool,
    ) -> Result<&CommitmentRecord, Rejection> {
        let record = self
            .commitments
            .get(id)
            .ok_or_else(|| unknown(Record::Commitment, id.as_str()))?;
        owner_or_secretariat(
            Record::Commitment,
            id.as_str(),
            &record.donor,
            party,
            secretariat,
        )?;
        Ok(record)
    }

    fn receive(
        &mut self,
        charter: &Charter,
        at: Timestamp,
        party: &PartyId,
        secretariat: bool,
        r: &AidReceipt,
    ) -> Result<CapabilityAccepted, Rejection> {
        let beneficiary = &charter.party(charter.beneficiary).id;
        if party != beneficiary && !secretariat {
            return Err(Rejection::NotReceiver {
                party: party.clone(),
                beneficiary: beneficiary.clone(),
            });
        }
        let movement = Movement {
            at,
            quantity: r.quantity,
            obligation: None,
            activation: None,
        };
        match &r.target {
            ReceiptFor::Commitment(id) => {
                let record = self
                    .commitments
                    .get_mut(id)
                    .ok_or_else(|| unknown(Record::Commitment, id.as_str()))?;
                let outstanding = record.quantity - record.received;
                check_outstanding(Record::Commitment, id, r.quantity, outstanding)?;
                record.received += r.quantity;
                record.receipts.push(movement);
                Ok(CapabilityAccepted::default())
            }
            ReceiptFor::Obligation(id) => {
                let record =
                    self.obligations
                        .get_mut(id)
                        .ok_or_else(|| Rejection::NotItemObligation {
                            obligation: id.clone(),
                        })?;
                let outstanding = record.quantity - record.received;
                if outstanding == 0 {
                    return Err(Rejection::AlreadyFulfilled {
                        obligation: id.clone(),
                    });
                }
                if at < record.created_at {
                    return Err(Rejection::ReceivedBeforeObligation {
                        obligation: id.clone(),
                        created_at: record.created_at,
                        received_at: at,
                    });
                }
                check_outstanding(Record::Obligation, id, r.quantity, outstanding)?;
                record.received += r.quantity;
                let mut accepted = CapabilityAccepted::default();
                if record.received == record.quantity {
                    record.fulfilled_at = Some(at);
                    accepted.fulfilled = Some((id.clone(), at > record.due));
                }
                Ok(accepted)
            }
        }
    }

    fn register(&mut self, party: &PartyId, t: &ContractTerms) -> Result<(), Rejection> {
        if self.contracts.contains(&t.contract) {
            return Err(duplicate(Record::Contract, t.contract.as_str()));
        }
        self.contracts.push(
            t.contract.clone(),
            ContractRecord {
                contract: t.contract.clone(),
                party: party.clone(),
                supplier: t.supplier.clone(),
                country: t.country.clone(),
                item: t.item.clone(),
                monthly_capacity: t.monthly_capacity,
                surge_capacity: t.surge_capacity,
                surge_lead_time: t.surge_lead_time,
                valid_from: t.valid_from,
                valid_until: t.valid_until,
                call_offs: Vec::new(),
            },
        );
        Ok(())
    }

    /// Units ordered from a contract, by its party or the secretariat (`activation` set: by the
    /// engine, for an activated obligation).
    fn call_off(
        &mut self,
        at: Timestamp,
        by: Actor<'_>,
        d: &Draw<ContractId>,
    ) -> Result<(), Rejection> {
        let record = self
            .contracts
            .get_mut(&d.source)
            .ok_or_else(|| unknown(Record::Contract, d.source.as_str()))?;
        by.may_act(Record::Contract, d.source.as_str(), &record.party)?;
        if !(record.valid_from <= at && at < record.valid_until) {
            return Err(Rejection::ContractNotValid {
                contract: d.source.clone(),
                from: record.valid_from,
                until: record.valid_until,
            });
        }
        record.call_offs.push(Movement {
            at,
            quantity: d.quantity,
            obligation: d.obligation.clone(),
            activation: by.activation(),
        });
        Ok(())
    }

    fn stock(
        &mut self,
        charter: &Charter,
        at: Timestamp,
        party: &PartyId,
        s: &Stocking,
    ) -> Result<(), Rejection> {
        let known = charter
            .capabilities
            .as_ref()
            .is_some_and(|c| c.location(s.location.as_str()).is_some());
        if !known {
            let names = charter
                .capabilities
                .as_ref()
                .map(|c| {
                    c.locations
                        .iter()
                        .map(|l| l.id.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default();
            return Err(Rejection::UnknownLocation {
                location: s.location.clone(),
                known: if names.is_empty() {
                    "none".to_owned()
                } else {
                    names
                },
            });
        }
        let movement = Movement {
            at,
            quantity: s.quantity,
            obligation: None,
            activation: None,
        };
        match self.lots.get_mut(&s.lot) {
            // A top-up: the same owner's lot of the same item at the same place.
            Some(lot)
                if lot.owner == *party && lot.location == s.location && lot.item == s.item =>
            {
                lot.stocked += s.quantity;
                lot.movements_in.push(movement);
            }
            Some(_) => return Err(duplicate(Record::Lot, s.lot.as_str())),
            None => self.lots.push(
                s.lot.clone(),
                LotRecord {
                    lot: s.lot.clone(),
                    owner: party.clone(),
                    location: s.location.clone(),
                    item: s.item.clone(),
                    stocked: s.quantity,
                    released: 0,
                    movements_in: vec![movement],
                    movements_out: Vec::new(),
                },
            ),
        }
        Ok(())
    }

    /// Units taken out of a lot, by its owner or the secretariat (`activation` set: by the
    /// engine, for an activated obligation).
    fn release(&mut self, at: Timestamp, by: Actor<'_>, d: &Draw<LotId>) -> Result<(), Rejection> {
        let lot = self
            .lots
            .get_mut(&d.source)
            .ok_or_else(|| unknown(Record::Lot, d.source.as_str()))?;
        by.may_act(Record::Lot, d.source.as_str(), &lot.owner)?;
        check_outstanding(Record::Lot, &d.source, d.quantity, lot.available())?;
        lot.released += d.quantity;
        lot.movements_out.push(Movement {
            at,
            quantity: d.quantity,
            obligation: d.obligation.clone(),
            activation: by.activation(),
        });
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn start_cohort(
        &mut self,
        charter: &Charter,
        at: Timestamp,
        party: &PartyId,
        secretariat: bool,
        cohort: &CohortId,
        centre: &CentreId,
        trainees: u64,
    ) -> Result<(), Rejection> {
        if self.cohorts.contains(cohort) {
            return Err(duplicate(Record::Cohort, cohort.as_str()));
        }
        let host = centre_host(charter, centre)?;
        owner_or_secretariat(Record::Centre, centre.as_str(), &host, party, secretariat)?;
        self.cohorts.push(
            cohort.clone(),
            CohortRecord {
                cohort: cohort.clone(),
                centre: centre.clone(),
                trainees,
                started_at: at,
                completed: None,
            },
        );
        Ok(())
    }

    fn complete_cohort(
        &mut self,
        charter: &Charter,
        at: Timestamp,
        party: &PartyId,
        secretariat: bool,
        cohort: &CohortId,
        trainees: u64,
    ) -> Result<(), Rejection> {
        let record = self
            .cohorts
            .get(cohort)
            .ok_or_else(|| unknown(Record::Cohort, cohort.as_str()))?;
        let host = centre_host(charter, &record.centre)?;
        owner_or_secretariat(Record::Cohort, cohort.as_str(), &host, party, secretariat)?;
        if record.completed.is_some() {
            return Err(Rejection::CohortCompleted {
                cohort: cohort.clone(),
            });
        }
        check_outstanding(Record::Cohort, cohort, trainees, record.trainees)?;
        if let Some(record) = self.cohorts.get_mut(cohort) {
            record.completed = Some(Movement {
                at,
                quantity: trainees,
                obligation: None,
                activation: None,
            });
        }
        Ok(())
    }

    fn impose(
        &mut self,
        at: Timestamp,
        party: &PartyId,
        r: &RestrictionImposed,
    ) -> Result<(), Rejection> {
        if self.restrictions.contains(&r.restriction) {
            return Err(duplicate(Record::Restriction, r.restriction.as_str()));
        }
        self.restrictions.push(
            r.restriction.clone(),
            RestrictionRecord {
                restriction: r.restriction.clone(),
                donor: party.clone(),
                system: r.system.clone(),
                restriction_kind: r.restriction_kind.clone(),
                text: r.text.clone(),
                imposed_at: at,
                lifted: None,
            },
        );
        Ok(())
    }

    fn lift(&mut self, id: &RestrictionId, lift: Lift) -> Result<(), Rejection> {
        let record = self
            .restrictions
            .get_mut(id)
            .ok_or_else(|| unknown(Record::Restriction, id.as_str()))?;
        if record.lifted.is_some() {
            return Err(Rejection::AlreadyLifted {
                restriction: id.clone(),
            });
        }
        record.lifted = Some(lift);
        Ok(())
    }

    /// Records what the engine derived: item obligations, drawdowns and call-offs at an
    /// activation, restriction lifts.
    /// Folds one of the engine's conclusions into the tracker. The stock and contract arms look
    /// alike but draw on different sources with their own checks (`release`, `call_off`).
    pub fn derived(&mut self, d: &Derived) {
        match &d.kind {
            DerivedKind::ObligationCreated {
                obligation,
                party,
                item: Some(item),
                quantity: Some(quantity),
                due,
                ..
            } => self.obligations.push(
                obligation.clone(),
                ItemObligation {
                    obligation: obligation.clone(),
                    party: party.clone(),
                    item: item.clone(),
                    quantity: *quantity,
                    received: 0,
                    created_at: d.at,
                    due: *due,
                    fulfilled_at: None,
                },
            ),
            DerivedKind::StockpileDrawn {
                activation,
                obligation,
                lot,
                quantity,
                ..
            } => {
                let draw = Draw::for_obligation(lot, *quantity, obligation);
                let result = self.release(d.at, Actor::Activation(activation), &draw);
                debug_assert!(result.is_ok(), "the engine drew only what the lot held");
            }
            DerivedKind::ContractDrawn {
                activation,
                obligation,
                contract,
                quantity,
                ..
            } => {
                let draw = Draw::for_obligation(contract, *quantity, obligation);
                let result = self.call_off(d.at, Actor::Activation(activation), &draw);
                debug_assert!(result.is_ok(), "the engine called off only valid contracts");
            }
            DerivedKind::RestrictionLifted {
                activation,
                package,
                restriction,
                ..
            } => {
                let lift = Lift {
                    at: d.at,
                    by: None,
                    activation: Some(activation.clone()),
                    package: Some(package.clone()),
                    reference: None,
                };
                let result = self.lift(restriction, lift);
                debug_assert!(
                    result.is_ok(),
                    "the engine lifts only restrictions in force"
                );
            }
            _ => {}
        }
    }

    /// The restrictions an activation of `package` lifts under the charter's rules: in force,
    /// by a rule's donor, on its system if it names one; in the order they were imposed.
    pub fn lifted_by(
        &self,
        charter: &Charter,
        package: &PackageId,
    ) -> Vec<(RestrictionId, PartyId)> {
        let rules: Vec<_> = charter
            .restrictions
            .iter()
            .filter(|r| charter.package(r.lifted_by).id == *package)
            .collect();
        self.restrictions
            .all()
            .iter()
            .filter(|r| r.lifted.is_none())
            .filter(|r| {
                rules.iter().any(|rule| {
                    charter.party(rule.donor).id == r.donor
                        && rule.system.as_ref().is_none_or(|s| *s == r.system)
                })
            })
            .map(|r| (r.restriction.clone(), r.donor.clone()))
            .collect()
    }
}

/// Who moves units: a party (with whether it is the secretariat), or the engine for an
/// activation.
#[derive(Debug, Clone, Copy)]
enum Actor<'a> {
    Party(&'a PartyId, bool),
    Activation(&'a ActivationId),
}

impl Actor<'_> {
    fn may_act(self, what: Record, id: &str, owner: &PartyId) -> Result<(), Rejection> {
        match self {
            Actor::Party(party, secretariat) => {
                owner_or_secretariat(what, id, owner, party, secretariat)
            }
            Actor::Activation(_) => Ok(()),
        }
    }

    fn activation(self) -> Option<ActivationId> {
        match self {
            Actor::Party(..) => None,
            Actor::Activation(a) => Some(a.clone()),
        }
    }
}

fn is_secretariat(charter: &Charter, party: &PartyId) -> bool {
    charter
        .party_idx(party.as_str())
        .is_some_and(|p| charter.has_role(p, Role::Secretariat))
}

fn centre_host(charter: &Charter, centre: &CentreId) -> Result<PartyId, Rejection> {
    charter
        .capabilities
        .as_ref()
        .and_then(|c| c.centre(centre.as_str()))
        .map(|c| charter.party(c.host).id.clone())
        .ok_or_else(|| Rejection::UnknownCentre {
            centre: centre.clone(),
        })
}

fn owner_or_secretariat(
    what: Record,
    id: &str,
    owner: &PartyId,
    party: &PartyId,
    secretariat: bool,
) -> Result<(), Rejection> {
    if owner == party || secretariat {
        return Ok(());
    }
    Err(Rejection::NotOwner {
        what,
        id: id.to_owned(),
        owner: owner.clone(),
    })
}

fn check_outstanding(
    what: Record,
    id: &impl std::fmt::Display,
    quantity: u64,
    outstanding: u64,
) -> Result<(), Rejection> {
    if quantity <= outstanding {
        return Ok(());
    }
    Err(Rejection::ExceedsOutstanding {
        what,
        id: id.to_string(),
        quantity,
        outstanding,
    })
}

fn duplicate(what: Record, id: &str) -> Rejection {
    Rejection::DuplicateRecord {
        what,
        id: id.to_owned(),
    }
}

fn unknown(what: Record, id: &str) -> Rejection {
    Rejection::UnknownRecord {
        what,
        id: id.to_owned(),
    }
}
