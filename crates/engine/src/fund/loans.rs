//! The fund's loans: `fund.loan_disbursed` lends out of the core pool on a schedule computed by
//! [`snapback_fund::loan::schedule`], and `fund.loan_repaid` pays the next open instalment in
//! full, by the borrower or from a named revenue stream.
//!
//! In the books the principal moves from `pool:core` to `borrower:B` at once, and every
//! instalment's principal and interest become pending transfers from `borrower:B` (to
//! `pool:core` and to `income:interest`): the borrower's scheduled obligations. A repayment
//! posts them. Instalment `k` falls due `k` periods (of `12 / periods_per_year` months, in UTC)
//! after the disbursement.

use jiff::tz::Offset;
use jiff::{Span, Timestamp};
use rust_decimal::Decimal;
use snapback_charter::{Charter, Fund, PartyId, RecipientId, TransferId};
use snapback_fund::loan::{Instalment, schedule};

use super::{
    FundAccepted, FundLive, POOL_CORE, books, fund_transfer, in_fund_currency, post,
    require_manager,
};
use crate::derived::{FundTransfer, TransferCode};
use crate::event::{EventKind, FundLoan, FundRepayment};
use crate::rejection::Rejection;

/// Where the interest on the fund's loans is paid.
pub const INTEREST_INCOME: &str = "income:interest";

pub fn borrower_account(borrower: &str) -> String {
    format!("borrower:{borrower}")
}

/// When instalment `number` (1-based) of a loan disbursed at `at` falls due: `number` periods of
/// `12 / periods_per_year` months later, in UTC (the 31st falls back to a shorter month's end).
/// `None` past the calendar's end.
pub fn instalment_due(at: Timestamp, periods_per_year: u32, number: u32) -> Option<Timestamp> {
    let months = i64::from(12 / periods_per_year.max(1)) * i64::from(number);
    let span = Span::new().try_months(months).ok()?;
    let civil = Offset::UTC.to_datetime(at).checked_add(span).ok()?;
    Offset::UTC.to_timestamp(civil).ok()
}

/// The index of the next instalment to pay after `paid` have been settled: instalments of
/// nothing (grace at a zero rate) are settled as they come. `None` once all are.
pub fn next_open(schedule: &[Instalment], paid: usize) -> Option<usize> {
    schedule
        .get(paid..)?
        .iter()
        .position(|i| !i.total().is_zero())
        .map(|k| paid + k)
}

/// A loan the fund made, and how far it is repaid.
#[derive(Debug, Clone)]
pub(crate) struct LoanLive {
    borrower: RecipientId,
    schedule: Vec<Instalment>,
    /// Instalments paid, in order.
    paid: usize,
}

/// The ids of an instalment's two legs.
fn leg_id(loan: &TransferId, number: u32, leg: &str) -> TransferId {
    TransferId::join(&[loan.as_str(), &number.to_string(), leg])
}

impl FundLive {
    /// `fund.loan_disbursed`: by the manager (or the secretariat), for a purpose allowed in the
    /// fund's mode and within its cap, out of what the core pool holds.
    pub fn lend(
        &mut self,
        at: Timestamp,
        charter: &Charter,
        fund: &Fund,
        party: &PartyId,
        kind: &EventKind,
        l: &FundLoan,
    ) -> Result<FundAccepted, Rejection> {
        if let Some(repeat) = self.repeated(&l.transfer, party, kind) {
            return repeat;
        }
        self.check_outflow(charter, fund, party, "lend", l.currency, &l.purpose)?;
        self.check_cap(at, fund, &l.purpose, l.amount)?;
        self.check_core_covers(l.amount)?;
        // The event's shape was checked against the same terms, so the schedule exists.
        let instalments = schedule(&l.terms()).map_err(|e| Rejection::Books(e.to_string()))?;
        let borrower = borrower_account(l.recipient.as_str());
        let mut transfers = Vec::with_capacity(1 + 2 * instalments.len());
        transfers.push(FundTransfer {
            purpose: Some(l.purpose.clone()),
            ..fund_transfer(
                l.transfer.clone(),
                TransferCode::LoanDisbursement,
                POOL_CORE.to_owned(),
                &borrower,
                l.amount,
            )
        });
        for i in &instalments {
            for (amount, code, credit, leg) in [
                (
                    i.principal,
                    TransferCode::PrincipalDue,
                    POOL_CORE,
                    "principal",
                ),
                (
                    i.interest,
                    TransferCode::InterestDue,
                    INTEREST_INCOME,
                    "interest",
                ),
            ] {
                if amount > Decimal::ZERO {
                    transfers.push(fund_transfer(
                        leg_id(&l.transfer, i.number, leg),
                        code,
                        borrower.clone(),
                        credit,
                        amount,
                    ));
                }
            }
        }
        post(&mut self.book, &transfers).map_err(books)?;
        self.spend(at, fund, &l.purpose, l.amount);
        self.loans.insert(
            l.transfer.clone(),
            LoanLive {
                borrower: l.recipient.clone(),
                schedule: instalments,
                paid: 0,
            },
        );
        Ok(self.accept(&l.transfer, party, kind, transfers))
    }

    /// `fund.loan_repaid`: the next open instalment, in full, by the borrower (a party whose id
    /// is the loan's recipient), the manager or the secretariat.
    pub fn repay(
        &mut self,
        charter: &Charter,
        fund: &Fund,
        party: &PartyId,
        kind: &EventKind,
        r: &FundRepayment,
    ) -> Result<FundAccepted, Rejection> {
        if let Some(repeat) = self.repeated(&r.transfer, party, kind) {
            return repeat;
        }
        let loan = self
            .loans
            .get(&r.loan)
            .ok_or_else(|| Rejection::UnknownLoan {
                loan: r.loan.clone(),
            })?;
        if party.as_str() != loan.borrower.as_str()
            && require_manager(charter, fund, party, "repay").is_err()
        {
            return Err(Rejection::NotBorrower {
                party: party.clone(),
                loan: r.loan.clone(),
                borrower: loan.borrower.clone(),
            });
        }
        in_fund_currency(fund, r.currency)?;
        let Some(index) = next_open(&loan.schedule, loan.paid) else {
            return Err(Rejection::LoanRepaid {
                loan: r.loan.clone(),
            });
        };
        let next = loan.schedule[index];
        if r.amount != next.total() {
            return Err(Rejection::RepaymentAmount {
                loan: r.loan.clone(),
                instalment: next.number,
                expected: next.total(),
                principal: next.principal,
                interest: next.interest,
                amount: r.amount,
            });
        }
        let borrower = borrower_account(loan.borrower.as_str());
        let mut transfers = Vec::with_capacity(2);
        for (amount, code, credit, leg) in [
            (
                next.principal,
                TransferCode::PrincipalRepaid,
                POOL_CORE,
                "principal",
            ),
            (
                next.interest,
                TransferCode::InterestPaid,
                INTEREST_INCOME,
                "interest",
            ),
        ] {
            if amount > Decimal::ZERO {
                transfers.push(FundTransfer {
                    pending: Some(leg_id(&r.loan, next.number, leg)),
                    ..fund_transfer(
                        TransferId::join(&[r.transfer.as_str(), leg]),
                        code,
                        borrower.clone(),
                        credit,
                        amount,
                    )
                });
            }
        }
        post(&mut self.book, &transfers).map_err(books)?;
        if let Some(loan) = self.loans.get_mut(&r.loan) {
            loan.paid = index + 1;
        }
        Ok(self.accept(&r.transfer, party, kind, transfers))
    }
}
