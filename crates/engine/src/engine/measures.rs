//! The register of measures on the engine's side: each measure's state, level and expiry, and
//! what moves them (a snapback, the owner's record, a threat, a renewal, an expiry).
//!
//! Every measure any charter version defines has one slot, made when the engine is created, in
//! the order the versions and their lists give; the version that first defines a measure
//! governs it (its owner, renewal and levels). A transition happens only here, and each one is a
//! [`DerivedKind::MeasureChanged`], so a measure is in exactly one state at any instant and the
//! projection can cite the cause of each.

use std::sync::Arc;

use jiff::Timestamp;
use rustc_hash::FxHashMap;
use snapback_charter::{
    ActivationId, Charter, CharterHistory, DecisionId, MeasureId, MeasureIdx, MeasureOwner,
    MeasureState, PackageId, Role,
};

use super::reviews::LiveReview;
use super::timers::TimerKind;
use super::{Accepted, Engine, Judgement, ProceedingPackage, Purpose, acting_party, member_ids};
use crate::derived::{Derived, DerivedKind, MeasureCause};
use crate::event::{Event, MeasureRecorded};
use crate::proceeding::Proceeding;
use crate::rejection::Rejection;

#[derive(Debug, Clone)]
pub(super) struct LiveMeasure {
    /// The version that defines it.
    pub(super) charter: Arc<Charter>,
    pub(super) idx: MeasureIdx,
    pub(super) state: MeasureState,
    level: usize,
    /// When it expires next, if it does; an expiry timer for any other instant is stale.
    expires: Option<Timestamp>,
    /// Renewal decisions opened so far (numbers the next one's id).
    renewals: u32,
    /// The open renewal decision, if any.
    renewal_open: Option<DecisionId>,
    /// Relief reviews opened so far (numbers the next one).
    pub(super) reviews: u32,
    /// The relief review under way, if any (boxed: most measures never have one, and the
    /// register's slots stay small).
    pub(super) review: Option<Box<LiveReview>>,
    /// Later versions that define the measure again (amend it), in order: each governs it from
    /// its `effective` instant on. `charter`/`idx` are the one governing now.
    amendments: Vec<(Arc<Charter>, MeasureIdx)>,
    /// Counts every act on it (a change of state, or an activation confirming it in force), so
    /// unwinding can tell whether anything has relied on or changed it since a snapback.
    pub(super) acts: u32,
}

/// All measures, by slot.
#[derive(Debug, Clone, Default)]
pub(super) struct Register {
    pub(super) live: Vec<LiveMeasure>,
    by_id: FxHashMap<MeasureId, usize>,
}

impl Register {
    pub(super) fn from_history(history: &CharterHistory) -> Self {
        let mut register = Register::default();
        let defined: usize = history.versions().iter().map(|c| c.measures.len()).sum();
        register.live.reserve(defined);
        for charter in history.versions() {
            for (i, m) in charter.measures.iter().enumerate() {
                if let Some(&slot) = register.by_id.get(&m.id) {
                    register.live[slot]
                        .amendments
                        .push((Arc::clone(charter), MeasureIdx(i as u16)));
                    continue;
                }
                register.by_id.insert(m.id.clone(), register.live.len());
                register.live.push(LiveMeasure {
                    charter: Arc::clone(charter),
                    idx: MeasureIdx(i as u16),
                    state: m.initial,
                    level: m.level,
                    expires: m.first_expiry(),
                    renewals: 0,
                    renewal_open: None,
                    reviews: 0,
                    review: None,
                    amendments: Vec::new(),
                    acts: 0,
                });
            }
        }
        register
    }

    pub(super) fn len(&self) -> usize {
        self.live.len()
    }
}

impl LiveMeasure {
    pub(super) fn def(&self) -> &snapback_charter::Measure {
        self.charter.measure(self.idx)
    }
}

impl Engine {
    /// Schedules the first expiry (and renewal) of every measure, and each amendment's entry
    /// into force; called once, at creation.
    pub(super) fn schedule_measures(&mut self) {
        for slot in 0..self.measures.len() {
            let live = &self.measures.live[slot];
            let amended: Vec<Timestamp> =
                live.amendments.iter().map(|(c, _)| c.effective).collect();
            if let Some(expires) = live.expires
                && !live.state.ended()
            {
                self.schedule_expiry(slot, expires);
            }
            for at in amended {
                self.schedule(at, TimerKind::MeasureAmended { slot });
            }
        }
    }

    /// An amendment takes effect: the version that now defines the measure governs it (owner,
    /// renewal, review, sunset). Its state carries over; its expiry is recomputed: the amended
    /// instrument's own expiry if still ahead, else the next renewal date, else the sunset
    /// already running; none if the amended basis has none (it then never lapses).
    pub(super) fn amend_measure(&mut self, slot: usize, at: Timestamp, out: &mut Vec<Derived>) {
        let live = &mut self.measures.live[slot];
        let Some(pos) = live.amendments.iter().rposition(|(c, _)| c.effective <= at) else {
            return;
        };
        let (charter, idx) = live.amendments.remove(pos);
        // Versions are in order: any earlier amendment is superseded by this one.
        live.amendments.drain(..pos);
        let unchanged = live.def().same_rules(charter.measure(idx));
        live.charter = charter;
        live.idx = idx;
        if unchanged {
            // A new version that repeats the measure as it was governs it silently.
            return;
        }
        let def = live.charter.measure(live.idx);
        let expires = if live.state.ended() {
            None
        } else if let Some(e) = def.expires.filter(|e| *e > at) {
            Some(e)
        } else if let Some(renewal) = &def.renewal {
            Some(renewal.expiries.next_after(at))
        } else if def.sunset_after.is_some() {
            live.expires
        } else {
            None
        };
        let changed = expires != live.expires;
        live.expires = expires;
        if live.level >= def.levels.len().max(1) {
            live.level = def.levels.len().saturating_sub(1);
        }
        out.push(Derived {
            at,
            kind: DerivedKind::MeasureAmended {
                measure: def.id.clone(),
                version: live.charter.version.clone(),
                expires,
            },
        });
        if changed && let Some(e) = expires {
            self.schedule_expiry(slot, e);
        }
    }

    fn schedule_expiry(&mut self, slot: usize, expires: Timestamp) {
        let live = &self.measures.live[slot];
        // A measure put back in force less than `opens_before` before its expiry opens its
        // renewal at once: a timer is never set before the engine's present, where
        // `next_deadline` would point callers back in time.
        let now = self.now();
        let opens = live
            .def()
            .renewal
            .as_ref()
            .map(|r| r.opens_before.before(expires))
            .map(|opens| now.map_or(opens, |n| opens.max(n)));
        if let Some(opens) = opens {
            self.schedule(
                opens,
                TimerKind::MeasureRenewalOpens {
                    slot,
                    expiry: expires,
                },
            );
        }
        self.schedule(expires, TimerKind::MeasureExpiry { slot });
    }

    /// The register slot of a measure of `charter`.
    pub(super) fn measure_slot(&self, charter: &Charter, idx: MeasureIdx) -> Option<usize> {
        self.measures.by_id.get(&charter.measure(idx).id).copied()
    }

    pub(super) fn measure_applies(&self, slot: usize) -> bool {
        self.measures.live[slot].state.applies()
    }

    pub(super) fn measure_id(&self, slot: usize) -> MeasureId {
        self.measures.live[slot].def().id.clone()
    }

    /// Every measure's state now, in register order (for tests and summaries).
    pub fn measure_states(&self) -> Vec<(MeasureId, MeasureState)> {
        self.measures
            .live
            .iter()
            .map(|m| (m.def().id.clone(), m.state))
            .collect()
    }

    /// A package proceeds: the measures it names are put back in force (or confirmed in force).
    pub(super) fn restore_measures(&mut self, p: ProceedingPackage<'_>, out: &mut Vec<Derived>) {
        let pkg = p.package();
        for &m in &pkg.restores {
            let Some(slot) = self.measure_slot(p.charter, m) else {
                continue;
            };
            if self.measure_applies(slot) {
                self.confirm_measure(p.at, slot, p.activation, &pkg.id, true, out);
            } else {
                let live = &self.measures.live[slot];
                // After this change, the measure's acts number `acts + 1`.
                let snapped = Snapped {
                    slot,
                    before: live.state,
                    acts: live.acts + 1,
                };
                if live.def().unwinds {
                    self.snapped
                        .entry(p.activation.clone())
                        .or_default()
                        .push(snapped);
                }
                self.change_measure(
                    p.at,
                    slot,
                    MeasureState::InForce,
                    Change {
                        cause: MeasureCause::Snapback,
                        activation: Some(p.activation.clone()),
                        package: Some(pkg.id.clone()),
                        decision: None,
                    },
                    out,
                );
            }
        }
    }

    /// A snapback of a measure already in force: no duplicate duty, one level up if `raise` and
    /// the charter defines a higher level.
    pub(super) fn confirm_measure(
        &mut self,
        at: Timestamp,
        slot: usize,
        activation: &ActivationId,
        package: &PackageId,
        raise: bool,
        out: &mut Vec<Derived>,
    ) {
        let live = &mut self.measures.live[slot];
        live.acts += 1;
        let levels = live.def().levels.len();
        let raised_to = if raise && live.level + 1 < levels {
            live.level += 1;
            live.def().levels.get(live.level).cloned()
        } else {
            None
        };
        out.push(Derived {
            at,
            kind: DerivedKind::MeasureConfirmed {
                measure: live.def().id.clone(),
                activation: activation.clone(),
                package: package.clone(),
                raised_to,
            },
        });
    }

    /// Moves a measure to `to` and says so; entering force starts a sunset or finds the next
    /// renewal date; ending it cancels its expiry.
    pub(super) fn change_measure(
        &mut self,
        at: Timestamp,
        slot: usize,
        to: MeasureState,
        change: Change,
        out: &mut Vec<Derived>,
    ) {
        let live = &mut self.measures.live[slot];
        live.acts += 1;
        let from = live.state;
        debug_assert_ne!(from, to, "a transition changes the state");
        live.state = to;
        let def = live.charter.measure(live.idx);
        let mut new_expiry = None;
        if to.ended() {
            live.expires = None;
        } else if to.applies() && !from.applies() {
            let still_ahead = live.expires.filter(|e| *e > at);
            let next = if let Some(sunset) = def.sunset_after {
                Some(sunset.after(at))
            } else if let Some(renewal) = &def.renewal {
                still_ahead.or_else(|| Some(renewal.expiries.next_after(at)))
            } else {
                still_ahead
            };
            if next != live.expires {
                new_expiry = next;
            }
            live.expires = next;
        }
        out.push(Derived {
            at,
            kind: DerivedKind::MeasureChanged {
                measure: def.id.clone(),
                from,
                to,
                cause: change.cause,
                activation: change.activation,
                package: change.package,
                decision: change.decision,
                expires: live.expires,
            },
        });
        if let Some(expires) = new_expiry {
            self.schedule_expiry(slot, expires);
        }
    }

    /// The renewal decision opens (unless the expiry it was for has moved or the measure ended).
    pub(super) fn open_renewal(
        &mut self,
        slot: usize,
        at: Timestamp,
        expiry: Timestamp,
        out: &mut Vec<Derived>,
    ) {
        let live = &mut self.measures.live[slot];
        if live.expires != Some(expiry) || live.state.ended() || live.renewal_open.is_some() {
            return;
        }
        let charter = Arc::clone(&live.charter);
        let def = charter.measure(live.idx);
        let Some(renewal) = &def.renewal else {
            return;
        };
        live.renewals += 1;
        let id = DecisionId::join(&[def.id.as_str(), "renewal", &live.renewals.to_string()]);
        live.renewal_open = Some(id.clone());
        let next = renewal.expiries.next_after(expiry);
        let proceeding = Proceeding::open_until(Arc::clone(&charter), renewal.body, at, expiry);
        out.push(Derived {
            at,
            kind: DerivedKind::MeasureRenewalOpened {
                measure: def.id.clone(),
                decision: id.clone(),
                body: charter.body(renewal.body).id.clone(),
                motion: format!("renew measure `{}` ({}) until {next}", def.id, def.name),
                deadline: expiry,
                members: member_ids(&proceeding),
            },
        });
        self.start_decision(id.clone(), proceeding, Purpose::Renewal(slot));
        self.settle_decision(&id, at, false, out);
    }

    /// A renewal decision was adopted: the measure runs to the next date (back in force if it
    /// was at risk).
    pub(super) fn renewal_adopted(
        &mut self,
        slot: usize,
        decision: &DecisionId,
        at: Timestamp,
        out: &mut Vec<Derived>,
    ) {
        let live = &mut self.measures.live[slot];
        live.renewal_open = None;
        live.acts += 1;
        let (Some(expires), Some(renewal)) = (live.expires, live.def().renewal.as_ref()) else {
            return;
        };
        if live.state.ended() {
            return;
        }
        let next = renewal.expiries.next_after(expires);
        live.expires = Some(next);
        let measure = live.def().id.clone();
        let at_risk = live.state == MeasureState::AtRisk;
        out.push(Derived {
            at,
            kind: DerivedKind::MeasureRenewed {
                measure,
                decision: decision.clone(),
                expires: next,
            },
        });
        if at_risk {
            self.change_measure(
                at,
                slot,
                MeasureState::InForce,
                Change {
                    cause: MeasureCause::Renewal,
                    activation: None,
                    package: None,
                    decision: Some(decision.clone()),
                },
                out,
            );
        }
        self.schedule_expiry(slot, next);
    }

    /// A renewal decision closed without adoption: the measure stays as it is until it expires.
    pub(super) fn renewal_failed(&mut self, slot: usize) {
        self.measures.live[slot].renewal_open = None;
    }

    /// An expiry timer fires: the measure lapses unless its expiry moved or it already ended.
    pub(super) fn measure_expires(&mut self, slot: usize, at: Timestamp, out: &mut Vec<Derived>) {
        let live = &self.measures.live[slot];
        if live.expires != Some(at) || live.state.ended() {
            return;
        }
        // A renewal still open is decided first, as at its deadline: adopted, it saves the
        // measure; otherwise the measure lapses for the failed renewal.
        if let Some(open) = live.renewal_open.clone() {
            self.settle_decision(&open, at, true, out);
            let live = &self.measures.live[slot];
            if live.expires != Some(at) {
                return;
            }
        }
        let live = &self.measures.live[slot];
        let renewed = live.def().renewal.is_some();
        // The renewal that failed: the last one opened, if one was.
        let decision = (renewed && live.renewals > 0).then(|| {
            DecisionId::join(&[
                live.def().id.as_str(),
                "renewal",
                &live.renewals.to_string(),
            ])
        });
        self.change_measure(
            at,
            slot,
            MeasureState::Lapsed,
            Change {
                cause: if renewed {
                    MeasureCause::RenewalFailed
                } else {
                    MeasureCause::Sunset
                },
                activation: None,
                package: None,
                decision,
            },
            out,
        );
    }

    pub(super) fn live_measure(&self, id: &MeasureId) -> Result<usize, Rejection> {
        self.measures
            .by_id
            .get(id)
            .copied()
            .ok_or_else(|| Rejection::UnknownMeasure {
                measure: id.clone(),
                known: {
                    let ids: Vec<&str> = self
                        .measures
                        .live
                        .iter()
                        .map(|m| m.def().id.as_str())
                        .collect();
                    if ids.is_empty() {
                        "(none)".to_owned()
                    } else {
                        ids.join(", ")
                    }
                },
            })
    }

    /// `measure.recorded`: the owner re-imposes, eases or ends a measure.
    pub(super) fn record_measure(
        &mut self,
        event: &Event,
        rec: &MeasureRecorded,
        out: &mut Vec<Derived>,
    ) -> Judgement {
        let slot = self.owned_measure(event, &rec.measure)?;
        let live = &self.measures.live[slot];
        let to = rec.state;
        if !matches!(
            to,
            MeasureState::InForce | MeasureState::Suspended | MeasureState::Terminated
        ) {
            return Err(Rejection::MeasureStateNotRecordable { state: to });
        }
        let from = live.state;
        if live.def().review.is_some()
            && from.applies()
            && matches!(to, MeasureState::Suspended | MeasureState::Terminated)
        {
            return Err(Rejection::ReliefNeedsReview {
                measure: rec.measure.clone(),
            });
        }
        if from == to || (to == MeasureState::InForce && from == MeasureState::AtRisk) {
            return Err(Rejection::MeasureUnchanged {
                measure: rec.measure.clone(),
                state: from,
            });
        }
        if from == MeasureState::Terminated || (from.ended() && to == MeasureState::Suspended) {
            return Err(Rejection::MeasureEnded {
                measure: rec.measure.clone(),
                state: from,
            });
        }
        self.change_measure(event.at, slot, to, Change::by(MeasureCause::Recorded), out);
        let mut fulfilled = Vec::new();
        if to == MeasureState::InForce {
            // Every duty to re-impose this measure is met, in creation order.
            let mut met: Vec<_> = self
                .obligations
                .iter()
                .filter(|(_, o)| o.measure == Some(slot))
                .map(|(id, o)| (id.clone(), event.at > o.due))
                .collect();
            met.sort();
            for (id, _) in &met {
                self.close_obligation(id);
            }
            fulfilled = met;
        }
        Ok(Accepted::Measure { fulfilled })
    }

    /// The slot of a measure the event's party may act on as its owner (an owner's record, a
    /// relief report).
    pub(super) fn owned_measure(&self, event: &Event, id: &MeasureId) -> Result<usize, Rejection> {
        let (charter, slot) = self.measure_acted_on(event, id)?;
        self.check_measure_owner(event, slot, &charter)?;
        Ok(slot)
    }

    /// The charter in force and the slot of a live measure, when the event's party may act
    /// under that charter at all (whether it may act on this measure is the caller's check).
    pub(super) fn measure_acted_on(
        &self,
        event: &Event,
        id: &MeasureId,
    ) -> Result<(Arc<Charter>, usize), Rejection> {
        let charter = self.charter_at(event.at)?;
        acting_party(&charter, &event.party, event.at)?;
        Ok((charter, self.live_measure(id)?))
    }

    /// The event's party owns the measure (it is the owning party, or a member of the owning
    /// body), or acts as the secretariat.
    pub(super) fn check_measure_owner(
        &self,
        event: &Event,
        slot: usize,
        charter: &Charter,
    ) -> Result<(), Rejection> {
        let live = &self.measures.live[slot];
        let def = live.def();
        let secretariat = charter
            .party_idx(event.party.as_str())
            .is_some_and(|p| charter.has_role(p, Role::Secretariat));
        let (owns, owner) = match def.owner {
            MeasureOwner::Party(p) => {
                let id = live.charter.party(p).id.clone();
                (id == event.party, id.to_string())
            }
            MeasureOwner::Body(b) => {
                let body = live.charter.body(b);
                let member = live
                    .charter
                    .party_idx(event.party.as_str())
                    .is_some_and(|p| live.charter.selects(&body.members, p));
                (member, body.id.to_string())
            }
        };
        if owns || secretariat {
            Ok(())
        } else {
            Err(Rejection::NotMeasureOwner {
                party: event.party.clone(),
                measure: def.id.clone(),
                owner,
            })
        }
    }

    /// `measure.threatened`: a measure in force is at risk until renewed or lapsed.
    pub(super) fn threaten_measure(
        &mut self,
        event: &Event,
        measure: &MeasureId,
        out: &mut Vec<Derived>,
    ) -> Judgement {
        let (_, slot) = self.measure_acted_on(event, measure)?;
        match self.measures.live[slot].state {
            MeasureState::InForce => {
                self.change_measure(
                    event.at,
                    slot,
                    MeasureState::AtRisk,
                    Change::by(MeasureCause::Threat),
                    out,
                );
                Ok(Accepted::Recorded)
            }
            // Another threat to a measure already at risk is kept on the record.
            MeasureState::AtRisk => Ok(Accepted::Recorded),
            state => Err(Rejection::MeasureNotInForce {
                measure: measure.clone(),
                state,
            }),
        }
    }
}

/// Why a transition happens, beside the new state.
pub(super) struct Change {
    pub(super) cause: MeasureCause,
    pub(super) activation: Option<ActivationId>,
    pub(super) package: Option<PackageId>,
    pub(super) decision: Option<DecisionId>,
}

impl Change {
    /// A change with no activation, package or decision behind it.
    pub(super) fn by(cause: MeasureCause) -> Self {
        Change {
            cause,
            activation: None,
            package: None,
            decision: None,
        }
    }
}

/// A measure an activation put back in force, and what unwinding that activation needs: the
/// state before, and the count of acts on the measure right after (any later act keeps it).
#[derive(Debug, Clone, Copy)]
pub(super) struct Snapped {
    pub(super) slot: usize,
    pub(super) before: MeasureState,
    pub(super) acts: u32,
}
