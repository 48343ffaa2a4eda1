//! The fund's programmes (`[[fund.programme]]`): a tranche is paid out of the core pool once the
//! party each of its conditions names has verified it (`fund.condition_met`). At the tranche's
//! `by` instant a condition still unmet holds it (a derived `fund.programme_tranche_held` naming
//! the conditions); so does a core pool short of its amount. A held tranche is paid, late, when
//! the last condition is verified or the money arrives.

use std::collections::BTreeMap;

use jiff::Timestamp;
use snapback_charter::{
    Charter, ConditionId, Fund, PartyId, Programme, ProgrammeId, ProgrammeTranche, TrancheId,
    TransferId,
};

use super::{FundLive, POOL_CORE, fund_transfer, post, recipient_account};
use crate::derived::{Derived, DerivedKind, FundTransfer, TransferCode};
use crate::event::FundConditionMet;
use crate::rejection::Rejection;

/// Where one programme tranche stands.
#[derive(Debug, Clone, Default)]
pub(crate) struct ProgrammeTrancheLive {
    /// The conditions verified, with when.
    met: BTreeMap<ConditionId, Timestamp>,
    /// Its `by` instant passed with a condition unmet.
    late: bool,
    /// The last `fund.programme_tranche_held` said the pool was short (said once until paid).
    short_of_funds: bool,
    paid: bool,
}

impl FundLive {
    /// `fund.condition_met`: by the verifier the charter names, for a condition not yet met. If
    /// it was the tranche's last, the tranche is paid (or held for want of money).
    pub fn condition_met(
        &mut self,
        at: Timestamp,
        charter: &Charter,
        fund: &Fund,
        party: &PartyId,
        m: &FundConditionMet,
    ) -> Result<Vec<Derived>, Rejection> {
        let unknown = || Rejection::UnknownCondition {
            programme: m.programme.clone(),
            tranche: m.tranche.clone(),
            condition: m.condition.clone(),
        };
        let programme = fund.programme(&m.programme).ok_or_else(unknown)?;
        let tranche = programme.tranche(&m.tranche).ok_or_else(unknown)?;
        let condition = tranche.condition(&m.condition).ok_or_else(unknown)?;
        let verifier = &charter.party(condition.verifier).id;
        if party != verifier {
            return Err(Rejection::NotVerifier {
                party: party.clone(),
                condition: m.condition.clone(),
                verifier: verifier.clone(),
            });
        }
        let key = (m.programme.clone(), m.tranche.clone());
        let live = self.programmes.entry(key).or_default();
        if let Some(when) = live.met.get(&m.condition) {
            return Err(Rejection::ConditionAlreadyMet {
                tranche: m.tranche.clone(),
                condition: m.condition.clone(),
                at: *when,
            });
        }
        live.met.insert(m.condition.clone(), at);
        let mut out = Vec::new();
        self.pay_if_ready(at, fund, programme, tranche, &mut out);
        Ok(out)
    }

    /// The tranche's `by` instant: if a condition is still unmet it is held, naming them.
    pub fn programme_tranche_due(
        &mut self,
        at: Timestamp,
        fund: &Fund,
        programme: &ProgrammeId,
        tranche: &TrancheId,
    ) -> Option<Derived> {
        let t = fund.programme(programme)?.tranche(tranche)?;
        let live = self
            .programmes
            .entry((programme.clone(), tranche.clone()))
            .or_default();
        let unmet: Vec<ConditionId> = t
            .conditions
            .iter()
            .filter(|c| !live.met.contains_key(&c.id))
            .map(|c| c.id.clone())
            .collect();
        if live.paid || unmet.is_empty() {
            return None;
        }
        live.late = true;
        Some(Derived {
            at,
            kind: DerivedKind::FundProgrammeTrancheHeld {
                programme: programme.clone(),
                tranche: tranche.clone(),
                unmet,
                available: None,
            },
        })
    }

    /// Money arrived in the core pool: every tranche whose conditions are all met and that is
    /// still unpaid is paid now, in charter order, as far as the pool reaches.
    pub fn pay_ready_tranches(&mut self, at: Timestamp, fund: &Fund, out: &mut Vec<Derived>) {
        for programme in &fund.programmes {
            for tranche in &programme.tranches {
                self.pay_if_ready(at, fund, programme, tranche, out);
            }
        }
    }

    fn pay_if_ready(
        &mut self,
        at: Timestamp,
        fund: &Fund,
        programme: &Programme,
        tranche: &ProgrammeTranche,
        out: &mut Vec<Derived>,
    ) {
        let key = (programme.id.clone(), tranche.id.clone());
        let Some(live) = self.programmes.get(&key) else {
            return;
        };
        let ready = !live.paid
            && tranche
                .conditions
                .iter()
                .all(|c| live.met.contains_key(&c.id));
        if !ready {
            return;
        }
        let available = self.book.balance(POOL_CORE).available();
        if tranche.amount > available {
            let live = self.programmes.entry(key).or_default();
            if !live.short_of_funds {
                live.short_of_funds = true;
                out.push(Derived {
                    at,
                    kind: DerivedKind::FundProgrammeTrancheHeld {
                        programme: programme.id.clone(),
                        tranche: tranche.id.clone(),
                        unmet: Vec::new(),
                        available: Some(available),
                    },
                });
            }
            return;
        }
        let transfers: Vec<FundTransfer> = vec![FundTransfer {
            purpose: Some(programme.purpose.clone()),
            ..fund_transfer(
                TransferId::join(&[programme.id.as_str(), tranche.id.as_str()]),
                TransferCode::Disbursement,
                POOL_CORE.to_owned(),
                &recipient_account(programme.recipient.as_str()),
                tranche.amount,
            )
        }];
        // The amount was just checked against what the core pool holds; the id, joined with
        // '/', is one no person can write, and each tranche is paid once.
        if let Err(e) = post(&mut self.book, &transfers) {
            debug_assert!(false, "a covered programme tranche failed to post: {e}");
            return;
        }
        // Automatic payments count toward the purpose's cap; they are never refused by it.
        self.spend(at, fund, &programme.purpose, tranche.amount);
        let live = self.programmes.entry(key).or_default();
        live.paid = true;
        out.push(Derived {
            at,
            kind: DerivedKind::FundProgrammeTranchePaid {
                programme: programme.id.clone(),
                tranche: tranche.id.clone(),
                amount: tranche.amount,
                late: live.late || at > tranche.by,
                transfers,
            },
        });
    }
}
