//! The charter's claim tranche (`[fund.tranche]`): reserved out of the core pool when a claim is
//! filed (a pending transfer to the recipient), released when the claim's activation moves the
//! fund to conflict mode, voided otherwise.

use jiff::Timestamp;
use rust_decimal::Decimal;
use snapback_charter::{ActivationId, ClaimId, Fund, TransferId};

use super::{FundLive, POOL_CORE, Tranche, fund_transfer, post, recipient_account};
use crate::derived::{Derived, DerivedKind, FundTransfer, TransferCode};

impl FundLive {
    /// Reserves the charter's tranche for a newly filed claim, as much as the core pool holds.
    pub fn reserve(&mut self, at: Timestamp, fund: &Fund, claim: &ClaimId) -> Option<Derived> {
        let tranche = fund.tranche.as_ref()?;
        let amount = tranche.amount.min(self.book.balance(POOL_CORE).available());
        if amount <= Decimal::ZERO {
            return None;
        }
        let id = TransferId::join(&[claim.as_str(), "tranche"]);
        let transfers = vec![FundTransfer {
            purpose: Some(tranche.purpose.clone()),
            ..fund_transfer(
                id.clone(),
                TransferCode::Reservation,
                POOL_CORE.to_owned(),
                &recipient_account(tranche.recipient.as_str()),
                amount,
            )
        }];
        // The amount was just checked against what the pool holds.
        post(&mut self.book, &transfers).ok()?;
        self.tranches.insert(
            claim.clone(),
            Tranche {
                transfer: id,
                amount,
                recipient: tranche.recipient.clone(),
                purpose: tranche.purpose.clone(),
            },
        );
        Some(Derived {
            at,
            kind: DerivedKind::FundTrancheReserved {
                claim: claim.clone(),
                recipient: tranche.recipient.clone(),
                purpose: tranche.purpose.clone(),
                amount,
                transfers,
            },
        })
    }

    /// A claim ended: its tranche is released if its activation moved the fund to conflict
    /// (`activation`), voided otherwise.
    pub fn settle_tranche(
        &mut self,
        at: Timestamp,
        fund: Option<&Fund>,
        claim: &ClaimId,
        activation: Option<&ActivationId>,
    ) -> Option<Derived> {
        let tranche = self.tranches.remove(claim)?;
        let (code, suffix) = match activation {
            Some(_) => (TransferCode::Release, "release"),
            None => (TransferCode::Void, "void"),
        };
        let transfers = vec![FundTransfer {
            transfer: TransferId::join(&[tranche.transfer.as_str(), suffix]),
            code,
            debit: POOL_CORE.to_owned(),
            credit: recipient_account(tranche.recipient.as_str()),
            amount: tranche.amount,
            pending: Some(tranche.transfer.clone()),
            purpose: Some(tranche.purpose.clone()),
        }];
        // A reservation is open until this, its only resolution.
        post(&mut self.book, &transfers).ok()?;
        let kind = match activation {
            Some(a) => {
                if let Some(fund) = fund {
                    // Automatic releases count toward the purpose's cap; they are never refused.
                    self.spend(at, fund, &tranche.purpose, tranche.amount);
                }
                DerivedKind::FundTrancheReleased {
                    claim: claim.clone(),
                    activation: a.clone(),
                    amount: tranche.amount,
                    transfers,
                }
            }
            None => DerivedKind::FundTrancheVoided {
                claim: claim.clone(),
                amount: tranche.amount,
                transfers,
            },
        };
        Some(Derived { at, kind })
    }
}
