//! The fund's chart of accounts by name (see the table in `fund/mod.rs`), the bound each
//! account has, and [`post`]: the one function that turns recorded transfers into book
//! transfers, for the engine and every projection of its output.

use snapback_fund::AccountFlags;

use super::{Book, Kind, Transfer};
use crate::derived::{FundTransfer, TransferCode};

pub fn pledged_account(contributor: &str) -> String {
    format!("contributor:{contributor}:pledged")
}

pub fn called_account(contributor: &str) -> String {
    format!("contributor:{contributor}:called")
}

pub fn paid_in_account(contributor: &str) -> String {
    format!("contributor:{contributor}:paid-in")
}

pub fn recipient_account(recipient: &str) -> String {
    format!("recipient:{recipient}")
}

/// The bound an account has, from its name (see the table above).
pub fn flags_for(name: &str) -> AccountFlags {
    if name.starts_with("borrower:") {
        AccountFlags::NONE
    } else if name.starts_with("contributor:") {
        AccountFlags::DEBIT_LIMITED
    } else {
        AccountFlags::CREDIT_LIMITED
    }
}

/// Posts recorded transfers to a book, all or none. The engine and every projection of its
/// output use this one function, so their books cannot differ.
pub fn post(book: &mut Book, transfers: &[FundTransfer]) -> Result<(), String> {
    let mut chain = Vec::with_capacity(transfers.len());
    for t in transfers {
        let debit = book
            .open(&t.debit, flags_for(&t.debit))
            .map_err(|e| e.to_string())?;
        let credit = book
            .open(&t.credit, flags_for(&t.credit))
            .map_err(|e| e.to_string())?;
        let kind = match (t.code, &t.pending) {
            (
                TransferCode::Reservation
                | TransferCode::PrincipalDue
                | TransferCode::InterestDue
                | TransferCode::GuaranteeIssued,
                _,
            ) => Kind::Pending,
            (
                TransferCode::Release
                | TransferCode::PrincipalRepaid
                | TransferCode::InterestPaid
                | TransferCode::GuaranteeCalled,
                Some(p),
            ) => Kind::Post { pending: p.clone() },
            (TransferCode::Void | TransferCode::GuaranteeExpired, Some(p)) => {
                Kind::Void { pending: p.clone() }
            }
            _ => Kind::Posted,
        };
        chain.push(Transfer {
            id: t.transfer.clone(),
            debit,
            credit,
            amount: t.amount,
            code: t.code as u16,
            kind,
        });
    }
    book.create_linked(&chain)
        .map(|_| ())
        .map_err(|e| e.to_string())
}
