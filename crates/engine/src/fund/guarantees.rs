//! The fund's guarantees: `fund.guarantee_issued` reserves, out of the core pool, the money that
//! backs a guarantee of a creditor's claim (a pending transfer from `pool:core` to
//! `recipient:R`, a contingent liability); `fund.guarantee_called` turns it into a payment
//! (posts the reservation, up to its amount; the rest returns to the pool and the guarantee
//! ends); at `valid_until` an uncalled guarantee expires and its reservation returns to the pool
//! (a derived `fund.guarantee_expired`).

use jiff::Timestamp;
use rust_decimal::Decimal;
use snapback_charter::{Charter, Fund, PartyId, TransferId};

use super::{
    FundAccepted, FundLive, POOL_CORE, books, fund_transfer, in_fund_currency, post,
    recipient_account, require_manager,
};
use crate::derived::{Derived, DerivedKind, FundTransfer, TransferCode};
use crate::event::{EventKind, FundGuarantee, FundGuaranteeCall};
use crate::rejection::Rejection;

/// An open guarantee.
#[derive(Debug, Clone)]
pub(crate) struct GuaranteeLive {
    recipient: String,
    amount: Decimal,
    valid_until: Timestamp,
}

impl FundLive {
    /// `fund.guarantee_issued`: by the manager (or the secretariat), for a purpose the fund's
    /// mode allows, backed by what the core pool holds, valid until a later instant.
    pub fn guarantee(
        &mut self,
        at: Timestamp,
        charter: &Charter,
        fund: &Fund,
        party: &PartyId,
        kind: &EventKind,
        g: &FundGuarantee,
    ) -> Result<FundAccepted, Rejection> {
        if let Some(repeat) = self.repeated(&g.transfer, party, kind) {
            return repeat;
        }
        self.check_outflow(
            charter,
            fund,
            party,
            "issue guarantees",
            g.currency,
            &g.purpose,
        )?;
        if g.valid_until <= at {
            return Err(Rejection::GuaranteeTerm {
                guarantee: g.transfer.clone(),
                valid_until: g.valid_until,
            });
        }
        self.check_core_covers(g.amount)?;
        let recipient = recipient_account(g.recipient.as_str());
        let transfers = vec![FundTransfer {
            purpose: Some(g.purpose.clone()),
            ..fund_transfer(
                g.transfer.clone(),
                TransferCode::GuaranteeIssued,
                POOL_CORE.to_owned(),
                &recipient,
                g.amount,
            )
        }];
        post(&mut self.book, &transfers).map_err(books)?;
        self.guarantees.insert(
            g.transfer.clone(),
            GuaranteeLive {
                recipient,
                amount: g.amount,
                valid_until: g.valid_until,
            },
        );
        Ok(self.accept(&g.transfer, party, kind, transfers))
    }

    /// `fund.guarantee_called`: by the manager or the secretariat (who verify the creditor's
    /// demand), before the guarantee expires, for at most its amount.
    pub fn call_guarantee(
        &mut self,
        at: Timestamp,
        charter: &Charter,
        fund: &Fund,
        party: &PartyId,
        kind: &EventKind,
        c: &FundGuaranteeCall,
    ) -> Result<FundAccepted, Rejection> {
        if let Some(repeat) = self.repeated(&c.transfer, party, kind) {
            return repeat;
        }
        require_manager(charter, fund, party, "call guarantees")?;
        in_fund_currency(fund, c.currency)?;
        let g = self
            .guarantees
            .get(&c.guarantee)
            .ok_or_else(|| Rejection::NoOpenGuarantee {
                guarantee: c.guarantee.clone(),
            })?;
        // At `valid_until` the expiry comes first (the deadline fires before events at it).
        if at >= g.valid_until {
            return Err(Rejection::NoOpenGuarantee {
                guarantee: c.guarantee.clone(),
            });
        }
        if c.amount > g.amount {
            return Err(Rejection::ExceedsGuarantee {
                guarantee: c.guarantee.clone(),
                amount: c.amount,
                guaranteed: g.amount,
            });
        }
        let transfers = vec![FundTransfer {
            pending: Some(c.guarantee.clone()),
            ..fund_transfer(
                c.transfer.clone(),
                TransferCode::GuaranteeCalled,
                POOL_CORE.to_owned(),
                &g.recipient,
                c.amount,
            )
        }];
        post(&mut self.book, &transfers).map_err(books)?;
        self.guarantees.remove(&c.guarantee);
        Ok(self.accept(&c.transfer, party, kind, transfers))
    }

    /// The instant a guarantee lapses, for the engine's timer.
    pub fn guarantee_expiry(&self, guarantee: &TransferId) -> Option<Timestamp> {
        self.guarantees.get(guarantee).map(|g| g.valid_until)
    }

    /// `valid_until` came with the guarantee uncalled: its reservation returns to the pool.
    pub fn expire_guarantee(&mut self, at: Timestamp, guarantee: &TransferId) -> Option<Derived> {
        let g = self.guarantees.get(guarantee)?;
        if g.valid_until != at {
            return None;
        }
        let transfers = vec![FundTransfer {
            pending: Some(guarantee.clone()),
            ..fund_transfer(
                TransferId::join(&[guarantee.as_str(), "expired"]),
                TransferCode::GuaranteeExpired,
                POOL_CORE.to_owned(),
                &g.recipient,
                g.amount,
            )
        }];
        // Voiding an open reservation with its own accounts and amount cannot be refused.
        post(&mut self.book, &transfers).ok()?;
        let amount = g.amount;
        self.guarantees.remove(guarantee);
        Some(Derived {
            at,
            kind: DerivedKind::FundGuaranteeExpired {
                guarantee: guarantee.clone(),
                amount,
                transfers,
            },
        })
    }
}
