//! Loans: a repayment schedule computed exactly in decimals, and its posting into the book.
//!
//! A loan of `principal` at a nominal annual `rate` is repaid in `periods_per_year` instalments a
//! year: first `grace_periods` instalments of interest only, then `repayment_periods` that repay
//! the principal, either in equal instalments of principal and interest together (annuity, the
//! French method) or in equal parts of principal with interest on what is still owed (linear).
//!
//! Exactness: every amount is rounded once to the currency's minor unit (`exponent` decimal
//! places), half to even; interest is the outstanding principal times the period's rate
//! (`rate / periods_per_year`), rounded; the last instalment repays whatever principal is left,
//! so the principal parts always sum to the principal exactly and nothing is owed after the last
//! instalment. The schedule's rounding never creates or loses a cent of principal.
//!
//! Posting ([`post_loan`]): the disbursement moves the principal from the lender's pool to the
//! borrower at once; every instalment becomes the borrower's scheduled obligation, a pending
//! transfer from the borrower to the pool (principal) and to the interest account (interest),
//! which the repayment posts (or a write-off voids) later. The outstanding loan is therefore the
//! open pending amount on the borrower's account, and the books balance at every step.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::{AccountIdx, Book, Created, Kind, LinkedError, Transfer, TransferKey};

/// The most instalments one schedule may have (100 years of monthly payments).
pub const INSTALMENTS_MAX: u32 = 1_200;
/// The highest nominal annual rate accepted (100%).
pub const RATE_MAX: Decimal = Decimal::ONE;

/// How the principal is repaid after the grace period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Amortization {
    /// Equal instalments of principal and interest together (the last one absorbs the rounding).
    Annuity,
    /// Equal parts of principal (the last one absorbs the rounding), interest on what is owed.
    Linear,
}

/// The terms of a loan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoanTerms {
    pub principal: Decimal,
    /// Nominal annual rate as a fraction (`0.035` for 3.5%).
    pub rate: Decimal,
    /// Instalments a year: 1, 2, 4 or 12.
    pub periods_per_year: u32,
    /// Instalments of interest only before the principal is repaid.
    pub grace_periods: u32,
    /// Instalments that repay the principal (at least one).
    pub repayment_periods: u32,
    pub amortization: Amortization,
    /// Decimal places of the currency's minor unit (2 for EUR, 0 for JPY).
    pub exponent: u32,
}

/// One instalment: what the borrower owes at its due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Instalment {
    /// 1-based.
    pub number: u32,
    pub principal: Decimal,
    pub interest: Decimal,
    /// Principal still owed once this instalment is paid.
    pub outstanding_after: Decimal,
}

impl Instalment {
    pub fn total(&self) -> Decimal {
        self.principal + self.interest
    }
}

/// Why terms give no schedule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoanError {
    #[error("the principal {0} is not positive")]
    PrincipalNotPositive(Decimal),
    #[error("the principal {principal} has more than {exponent} decimal places")]
    PrincipalTooPrecise { principal: Decimal, exponent: u32 },
    #[error("the annual rate {0} is not between 0 and 1 (100%)")]
    Rate(Decimal),
    #[error("{0} instalments a year is not 1, 2, 4 or 12")]
    PeriodsPerYear(u32),
    #[error("a loan repays its principal in at least one instalment")]
    NoRepayment,
    #[error("{0} instalments is more than the {INSTALMENTS_MAX} a schedule may have")]
    TooManyInstalments(u32),
    #[error("the schedule's arithmetic overflows")]
    Overflow,
}

impl LoanTerms {
    /// Checks the terms; the number of instalments they give.
    pub fn validate(&self) -> Result<u32, LoanError> {
        if self.principal <= Decimal::ZERO {
            return Err(LoanError::PrincipalNotPositive(self.principal));
        }
        if self.principal.normalize().scale() > self.exponent {
            return Err(LoanError::PrincipalTooPrecise {
                principal: self.principal,
                exponent: self.exponent,
            });
        }
        if self.rate < Decimal::ZERO || self.rate > RATE_MAX {
            return Err(LoanError::Rate(self.rate));
        }
        if ![1, 2, 4, 12].contains(&self.periods_per_year) {
            return Err(LoanError::PeriodsPerYear(self.periods_per_year));
        }
        if self.repayment_periods == 0 {
            return Err(LoanError::NoRepayment);
        }
        let n = self
            .grace_periods
            .checked_add(self.repayment_periods)
            .filter(|n| *n <= INSTALMENTS_MAX)
            .ok_or(LoanError::TooManyInstalments(
                self.grace_periods.saturating_add(self.repayment_periods),
            ))?;
        Ok(n)
    }

    fn round(&self, x: Decimal) -> Decimal {
        let mut r = x.round_dp_with_strategy(self.exponent, RoundingStrategy::MidpointNearestEven);
        r.rescale(self.exponent);
        r
    }

    /// The period's rate.
    fn period_rate(&self) -> Decimal {
        self.rate / Decimal::from(self.periods_per_year)
    }

    /// The period's interest on `owed`, rounded: `owed × rate` is exact, and one division by
    /// the periods a year is the only inexact step (28 significant digits), so an exact
    /// midpoint stays one and rounds half to even.
    pub fn interest_on(&self, owed: Decimal) -> Result<Decimal, LoanError> {
        let yearly = owed.checked_mul(self.rate).ok_or(LoanError::Overflow)?;
        Ok(self.round(yearly / Decimal::from(self.periods_per_year)))
    }

    /// The annuity's instalment, rounded: P·r / (1 − (1 + r)^−n), or P / n without interest.
    fn annuity(&self) -> Result<Decimal, LoanError> {
        let n = self.repayment_periods;
        let r = self.period_rate();
        if r.is_zero() {
            return Ok(self.round(self.principal / Decimal::from(n)));
        }
        // (1 + r)^−n by squaring the discount factor 1 / (1 + r), to 28 significant digits:
        // it only shrinks, so it never overflows (it may reach zero for a long, dear loan, where
        // the annuity is then the interest alone, to far below a cent).
        let mut discount = Decimal::ONE;
        let mut base = Decimal::ONE
            .checked_div(Decimal::ONE + r)
            .ok_or(LoanError::Overflow)?;
        let mut e = n;
        while e > 0 {
            if e & 1 == 1 {
                discount *= base;
            }
            e >>= 1;
            if e > 0 {
                base *= base;
            }
        }
        let payment = self
            .principal
            .checked_mul(r)
            .and_then(|x| x.checked_div(Decimal::ONE - discount))
            .ok_or(LoanError::Overflow)?;
        Ok(self.round(payment))
    }
}

/// The loan's schedule: `grace_periods + repayment_periods` instalments.
pub fn schedule(terms: &LoanTerms) -> Result<Vec<Instalment>, LoanError> {
    let count = terms.validate()?;
    let mut out = Vec::with_capacity(count as usize);
    let mut owed = terms.principal;
    let mut zero = Decimal::ZERO;
    zero.rescale(terms.exponent);
    for number in 1..=terms.grace_periods {
        let interest = terms.interest_on(owed)?;
        out.push(Instalment {
            number,
            principal: zero,
            interest,
            outstanding_after: owed,
        });
    }
    let n = terms.repayment_periods;
    let payment = match terms.amortization {
        Amortization::Annuity => terms.annuity()?,
        Amortization::Linear => terms.round(terms.principal / Decimal::from(n)),
    };
    for k in 1..=n {
        let interest = terms.interest_on(owed)?;
        let part = match terms.amortization {
            Amortization::Annuity => (payment - interest).max(zero),
            Amortization::Linear => payment,
        };
        // The last instalment repays what is left, so the parts sum to the principal exactly;
        // before it, no part repays more than is owed.
        let principal = if k == n { owed } else { part.min(owed) };
        owed -= principal;
        out.push(Instalment {
            number: terms.grace_periods + k,
            principal,
            interest,
            outstanding_after: owed,
        });
    }
    debug_assert!(owed.is_zero(), "a schedule repays its principal exactly");
    Ok(out)
}

/// The accounts a loan moves money between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoanAccounts {
    /// Where the principal comes from and returns to.
    pub pool: AccountIdx,
    pub borrower: AccountIdx,
    /// Where interest is paid.
    pub interest: AccountIdx,
}

/// Which transfer of a loan an id is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoanLeg {
    Disbursement,
    /// The scheduled principal of instalment `n` (pending until repaid).
    Principal(u32),
    /// The scheduled interest of instalment `n` (pending until paid).
    Interest(u32),
}

/// Transfer codes of a loan's legs (the book stores them, the caller gives them meaning).
pub const CODE_LOAN_DISBURSEMENT: u16 = 20;
pub const CODE_LOAN_PRINCIPAL_DUE: u16 = 21;
pub const CODE_LOAN_INTEREST_DUE: u16 = 22;

/// Posts a loan: its disbursement and every instalment as pending transfers (the borrower's
/// scheduled obligations), all or nothing, with ids from `id`. Returns how many transfers it
/// created.
pub fn post_loan<Id: TransferKey>(
    book: &mut Book<Id>,
    accounts: LoanAccounts,
    principal: Decimal,
    instalments: &[Instalment],
    mut id: impl FnMut(LoanLeg) -> Id,
) -> Result<usize, LinkedError<Id>> {
    let mut chain = Vec::with_capacity(1 + 2 * instalments.len());
    chain.push(Transfer {
        id: id(LoanLeg::Disbursement),
        debit: accounts.pool,
        credit: accounts.borrower,
        amount: principal,
        code: CODE_LOAN_DISBURSEMENT,
        kind: Kind::Posted,
    });
    for i in instalments {
        if !i.principal.is_zero() {
            chain.push(Transfer {
                id: id(LoanLeg::Principal(i.number)),
                debit: accounts.borrower,
                credit: accounts.pool,
                amount: i.principal,
                code: CODE_LOAN_PRINCIPAL_DUE,
                kind: Kind::Pending,
            });
        }
        if !i.interest.is_zero() {
            chain.push(Transfer {
                id: id(LoanLeg::Interest(i.number)),
                debit: accounts.borrower,
                credit: accounts.interest,
                amount: i.interest,
                code: CODE_LOAN_INTEREST_DUE,
                kind: Kind::Pending,
            });
        }
    }
    let created = book.create_linked(&chain)?;
    Ok(created.iter().filter(|c| **c == Created::New).count())
}
