//! Appropriations: a contributor whose charter entry names a parliament (`appropriation`) owes a
//! surge share only once that parliament has appropriated the money. At the call, a share the
//! appropriations recorded so far do not cover waits (a derived
//! `fund.share_awaiting_appropriation`, no obligation yet, and it cannot be paid);
//! `fund.appropriated` (by the contributor, or the manager or the secretariat for it, citing
//! the act) adds to what is appropriated, and every waiting share it now covers, in call order,
//! becomes an obligation due `due_within` after the appropriation.

use rust_decimal::Decimal;
use snapback_charter::{ActivationId, Charter, Fund, ObligationId, PackageId, PartyId};

use super::{FundLive, in_fund_currency, require_manager};
use crate::derived::SurgeShare;
use crate::event::FundAppropriation;
use crate::rejection::Rejection;

/// What a contributor's parliament has appropriated, and how much of it the shares it made due
/// have taken.
#[derive(Debug, Clone, Default)]
pub(crate) struct AppropriationLive {
    appropriated: Decimal,
    used: Decimal,
    references: Vec<String>,
}

/// A called share that waits on its contributor's appropriation.
#[derive(Debug, Clone)]
pub(crate) struct AwaitingShare {
    pub activation: ActivationId,
    pub package: PackageId,
    pub share: SurgeShare,
    pub parliament: String,
}

impl FundLive {
    /// At a surge call: whether `share` may become an obligation now (its contributor needs no
    /// appropriation, or what is appropriated covers it, which it then takes), or the parliament
    /// it waits on.
    pub(super) fn appropriation_for(
        &mut self,
        fund: &Fund,
        charter: &Charter,
        share: &SurgeShare,
    ) -> Option<String> {
        let parliament = fund
            .contributors
            .iter()
            .find(|c| charter.party(c.party).id == share.party)
            .and_then(|c| c.appropriation.clone())?;
        let live = self.appropriations.entry(share.party.clone()).or_default();
        if live.appropriated - live.used >= share.amount {
            live.used += share.amount;
            return None;
        }
        Some(parliament)
    }

    /// `fund.appropriated`: the shares it makes due, in call order.
    pub fn appropriate(
        &mut self,
        charter: &Charter,
        fund: &Fund,
        party: &PartyId,
        a: &FundAppropriation,
    ) -> Result<Vec<AwaitingShare>, Rejection> {
        let contributor = match &a.contributor {
            Some(c) if c != party => {
                require_manager(
                    charter,
                    fund,
                    party,
                    "record an appropriation for a contributor",
                )?;
                c.clone()
            }
            _ => party.clone(),
        };
        in_fund_currency(fund, a.currency)?;
        let needs = fund
            .contributors
            .iter()
            .any(|c| charter.party(c.party).id == contributor && c.appropriation.is_some());
        if !needs {
            return Err(Rejection::NoAppropriationNeeded { contributor });
        }
        let live = self.appropriations.entry(contributor.clone()).or_default();
        if live.references.contains(&a.reference) {
            return Err(Rejection::DuplicateAppropriation {
                contributor,
                reference: a.reference.clone(),
            });
        }
        live.references.push(a.reference.clone());
        live.appropriated += a.amount;
        let mut due = Vec::new();
        let mut still = Vec::with_capacity(self.awaiting.len());
        for w in std::mem::take(&mut self.awaiting) {
            let live = self
                .appropriations
                .entry(w.share.party.clone())
                .or_default();
            if w.share.party == contributor && live.appropriated - live.used >= w.share.amount {
                live.used += w.share.amount;
                due.push(w);
            } else {
                still.push(w);
            }
        }
        self.awaiting = still;
        Ok(due)
    }

    /// A payment against `obligation` while its share waits on an appropriation is refused.
    pub(super) fn check_not_awaiting(&self, obligation: &ObligationId) -> Result<(), Rejection> {
        match self
            .awaiting
            .iter()
            .find(|w| &w.share.obligation == obligation)
        {
            Some(w) => Err(Rejection::AwaitingAppropriation {
                obligation: obligation.clone(),
                parliament: w.parliament.clone(),
            }),
            None => Ok(()),
        }
    }
}
