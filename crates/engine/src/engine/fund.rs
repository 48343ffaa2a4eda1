//! The engine's side of the fund: judging money events, and the fund's reaction (and the surge
//! call's obligations) when a package with a `funds` obligation proceeds.

use std::sync::Arc;

use jiff::Timestamp;
use snapback_charter::{ActivationId, Charter};

use super::timers::TimerKind;
use super::{Accepted, Engine, Judgement, LiveObligation, acting_party};
use crate::derived::{Derived, DerivedKind};
use crate::event::{Event, EventKind};
use crate::rejection::Rejection;

impl Engine {
    /// The charter in force for a fund event: its party acts under it, and it sets up a fund.
    pub(super) fn fund_charter(&self, event: &Event) -> Result<Arc<Charter>, Rejection> {
        let charter = self.charter_at(event.at)?;
        acting_party(&charter, &event.party, event.at)?;
        if charter.fund.is_none() {
            return Err(Rejection::NoFund);
        }
        Ok(charter)
    }

    pub(super) fn judge_fund(&mut self, event: &Event) -> Judgement {
        let charter = self.fund_charter(event)?;
        let fund = charter.fund.as_ref().ok_or(Rejection::NoFund)?;
        let party = &event.party;
        let mut accepted = match &event.kind {
            EventKind::FundPledged(m) | EventKind::FundPaidIn(m) => {
                self.fund.money_in(&charter, fund, party, &event.kind, m)?
            }
            EventKind::FundDisbursed(d) => {
                self.fund
                    .disburse(event.at, &charter, fund, party, &event.kind, d)?
            }
            EventKind::FundLoanDisbursed(l) => {
                self.fund
                    .lend(event.at, &charter, fund, party, &event.kind, l)?
            }
            EventKind::FundLoanRepaid(r) => {
                self.fund.repay(&charter, fund, party, &event.kind, r)?
            }
            EventKind::FundGuaranteeIssued(g) => {
                let accepted =
                    self.fund
                        .guarantee(event.at, &charter, fund, party, &event.kind, g)?;
                if !accepted.duplicate
                    && let Some(expiry) = self.fund.guarantee_expiry(&g.transfer)
                {
                    self.schedule(expiry, TimerKind::GuaranteeExpires(g.transfer.clone()));
                }
                accepted
            }
            EventKind::FundGuaranteeCalled(c) => {
                self.fund
                    .call_guarantee(event.at, &charter, fund, party, &event.kind, c)?
            }
            EventKind::FundFxRate(r) => {
                self.fund.rate(&charter, fund, party, r)?;
                return Ok(Accepted::Recorded);
            }
            _ => return Ok(Accepted::Recorded),
        };
        // A payment that completed a surge call fulfils its obligation.
        if let Some((id, late)) = &mut accepted.fulfilled
            && let Some(live) = self.close_obligation(id)
        {
            *late = event.at > live.due;
        }
        Ok(Accepted::Fund(accepted))
    }

    /// `fund.condition_met`: recorded for its tranche, which is paid if it was the last.
    pub(super) fn condition_met(
        &mut self,
        event: &Event,
        m: &crate::event::FundConditionMet,
        out: &mut Vec<Derived>,
    ) -> Judgement {
        let charter = self.fund_charter(event)?;
        let fund = charter.fund.as_ref().ok_or(Rejection::NoFund)?;
        let derived = self
            .fund
            .condition_met(event.at, &charter, fund, &event.party, m)?;
        out.extend(derived);
        Ok(Accepted::Recorded)
    }

    /// Money arrived: tranches whose conditions are all met and that waited for it are paid.
    pub(super) fn pay_ready_tranches(&mut self, at: Timestamp, out: &mut Vec<Derived>) {
        let Ok(charter) = self.charter_at(at) else {
            return;
        };
        if let Some(fund) = &charter.fund {
            self.fund.pay_ready_tranches(at, fund, out);
        }
    }

    /// Schedules every programme tranche's `by` instant, in every charter version; called once,
    /// at creation. When it fires, the version in force then says what the tranche needs.
    pub(super) fn schedule_programmes(&mut self) {
        // Each (instant, programme, tranche) once however many versions repeat it, in charter
        // order (which orders the timers of one instant).
        let mut seen = std::collections::BTreeSet::new();
        let mut due = Vec::new();
        for charter in self.history.versions() {
            for p in charter.fund.iter().flat_map(|f| &f.programmes) {
                for t in &p.tranches {
                    let key = (t.by, p.id.clone(), t.id.clone());
                    if seen.insert(key.clone()) {
                        due.push(key);
                    }
                }
            }
        }
        for (at, programme, tranche) in due {
            self.schedule(at, TimerKind::ProgrammeTrancheDue { programme, tranche });
        }
    }

    /// A programme tranche's `by` instant: held if a condition is unmet.
    pub(super) fn programme_tranche_due(
        &mut self,
        at: Timestamp,
        programme: &snapback_charter::ProgrammeId,
        tranche: &snapback_charter::TrancheId,
        out: &mut Vec<Derived>,
    ) {
        let Ok(charter) = self.charter_at(at) else {
            return;
        };
        if let Some(fund) = &charter.fund
            && let Some(d) = self
                .fund
                .programme_tranche_due(at, fund, programme, tranche)
        {
            out.push(d);
        }
    }

    /// An activation's package created a `funds` obligation: the fund reacts (see
    /// [`FundLive::trigger`]), and each contributor's share of a surge call becomes an
    /// obligation with its own due instant.
    pub(super) fn trigger_fund(
        &mut self,
        at: Timestamp,
        charter: &Charter,
        activation: &ActivationId,
        package: &snapback_charter::PackageId,
        out: &mut Vec<Derived>,
    ) {
        let Some(fund) = &charter.fund else { return };
        let t = self.fund.trigger(at, fund, charter, activation, package);
        out.extend(t.derived);
        if let Some(q) = t.quiet_until {
            self.schedule(q, TimerKind::FundQuiet);
        }
        let Some(due) = t.due else { return };
        for share in t.shares {
            if !t.awaiting.contains(&share.obligation) {
                self.share_obligation(at, due, fund, activation, package, share, out);
            }
        }
    }

    /// A surge share becomes its contributor's obligation, due at `due`.
    #[allow(clippy::too_many_arguments)]
    fn share_obligation(
        &mut self,
        at: Timestamp,
        due: Timestamp,
        fund: &snapback_charter::Fund,
        activation: &ActivationId,
        package: &snapback_charter::PackageId,
        share: crate::derived::SurgeShare,
        out: &mut Vec<Derived>,
    ) {
        out.push(Derived {
            at,
            kind: DerivedKind::ObligationCreated {
                obligation: share.obligation.clone(),
                activation: activation.clone(),
                package: package.clone(),
                party: share.party.clone(),
                kind: snapback_charter::ObligationKind::Funds,
                description: Arc::from(format!(
                    "Pay the surge call of activation {activation} into the {}",
                    fund.name
                )),
                amount: Some(share.amount),
                currency: Some(fund.currency.code().to_owned()),
                item: None,
                quantity: None,
                due,
                measure: None,
            },
        });
        self.schedule(due, TimerKind::ObligationDue(share.obligation.clone()));
        self.obligations.insert(
            share.obligation,
            LiveObligation {
                measure: None,
                party: share.party,
                due,
                overdue: false,
            },
        );
    }

    /// `fund.appropriated`: every waiting share it covers becomes an obligation, due the surge's
    /// `due_within` after the appropriation.
    pub(super) fn appropriated(
        &mut self,
        event: &Event,
        a: &crate::event::FundAppropriation,
        out: &mut Vec<Derived>,
    ) -> Judgement {
        let charter = self.fund_charter(event)?;
        let fund = charter.fund.as_ref().ok_or(Rejection::NoFund)?;
        let released = self.fund.appropriate(&charter, fund, &event.party, a)?;
        // A share waits only on a surge call, so a fund with shares waiting has a surge.
        if let Some(surge) = &fund.surge {
            let due = surge.due_within.after(event.at);
            for w in released {
                self.share_obligation(event.at, due, fund, &w.activation, &w.package, w.share, out);
            }
        }
        Ok(Accepted::Recorded)
    }
}
