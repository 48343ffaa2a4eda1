//! The fund report's `loans` and `guarantees` (contract: fields are added, never renamed): each
//! loan's terms, how much is repaid and outstanding, the next instalment, the instalments overdue
//! at the report's `as_of`, and every repayment with the revenue stream that paid it; each
//! guarantee's amount, term and what came of it.

use jiff::Timestamp;
use rust_decimal::Decimal;
use serde::Serialize;
use snapback_charter::time::{instant_serde, option_instant_serde};
use snapback_charter::{PurposeId, RecipientId, TransferId};

use crate::event::amortization_name;
use crate::fund::record::{GuaranteeRecord, GuaranteeStatus, LoanRecord};
use crate::fund::{instalment_due, next_open};

/// A loan of the fund. Amounts are decimal strings in the fund's currency of account.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "FundLoan"))]
pub struct LoanReport {
    pub loan: TransferId,
    pub borrower: RecipientId,
    pub purpose: PurposeId,
    #[serde(with = "instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Instant"))]
    pub disbursed_at: Timestamp,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub principal: Decimal,
    /// Nominal annual rate as a fraction.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub rate: Decimal,
    pub periods_per_year: u32,
    pub grace_periods: u32,
    #[cfg_attr(feature = "schema", schemars(extend("enum" = ["annuity", "linear"])))]
    pub amortization: &'static str,
    pub instalments: u32,
    /// Instalments settled (instalments of nothing, in a grace period at a zero rate, included).
    pub paid: u32,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub principal_repaid: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub principal_outstanding: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub interest_paid: Decimal,
    /// The next instalment to pay: its number, when it falls due and what it is.
    pub next: Option<NextInstalment>,
    /// Open instalments that fell due at or before `as_of`.
    pub overdue: u32,
    pub repayments: Vec<RepaymentReport>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "FundLoanInstalment"))]
pub struct NextInstalment {
    pub number: u32,
    #[serde(with = "option_instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Instant>"))]
    pub due: Option<Timestamp>,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub principal: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub interest: Decimal,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "FundLoanRepayment"))]
pub struct RepaymentReport {
    #[serde(with = "instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Instant"))]
    pub at: Timestamp,
    pub transfer: TransferId,
    pub instalment: u32,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub amount: Decimal,
    /// The revenue stream that paid it; null when the borrower did.
    pub source: Option<String>,
}

/// Every loan, in the order made, as of `as_of`.
pub fn loans(loans: &[LoanRecord], as_of: Option<Timestamp>) -> Vec<LoanReport> {
    loans.iter().map(|l| loan(l, as_of)).collect()
}

fn loan(l: &LoanRecord, as_of: Option<Timestamp>) -> LoanReport {
    let t = &l.terms;
    // Written with the currency's minor unit, as the schedule's amounts are.
    let cents = |mut x: Decimal| {
        x.rescale(t.exponent);
        x
    };
    let settled = &l.schedule[..l.paid.min(l.schedule.len())];
    let principal_repaid: Decimal = settled.iter().map(|i| i.principal).sum();
    let interest_paid: Decimal = settled.iter().map(|i| i.interest).sum();
    let due = |number: u32| instalment_due(l.disbursed_at, t.periods_per_year, number);
    let next = next_open(&l.schedule, l.paid).map(|k| {
        let i = l.schedule[k];
        NextInstalment {
            number: i.number,
            due: due(i.number),
            principal: i.principal,
            interest: i.interest,
        }
    });
    let overdue = next.as_ref().map_or(0, |n| {
        l.schedule[(n.number as usize - 1)..]
            .iter()
            .filter(|i| !i.total().is_zero())
            .take_while(|i| matches!((due(i.number), as_of), (Some(d), Some(now)) if d <= now))
            .count() as u32
    });
    LoanReport {
        loan: l.loan.clone(),
        borrower: l.borrower.clone(),
        purpose: l.purpose.clone(),
        disbursed_at: l.disbursed_at,
        principal: cents(t.principal),
        rate: t.rate,
        periods_per_year: t.periods_per_year,
        grace_periods: t.grace_periods,
        amortization: amortization_name(t.amortization),
        instalments: l.schedule.len() as u32,
        paid: l.paid as u32,
        principal_repaid: cents(principal_repaid),
        principal_outstanding: cents(t.principal - principal_repaid),
        interest_paid: cents(interest_paid),
        next,
        overdue,
        repayments: l
            .repayments
            .iter()
            .map(|r| RepaymentReport {
                at: r.at,
                transfer: r.transfer.clone(),
                instalment: r.instalment,
                amount: r.amount,
                source: r.source.clone(),
            })
            .collect(),
    }
}

/// A guarantee of the fund.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "FundGuarantee"))]
pub struct GuaranteeReport {
    pub guarantee: TransferId,
    /// The guaranteed creditor.
    pub recipient: RecipientId,
    pub purpose: PurposeId,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub amount: Decimal,
    #[serde(with = "instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Instant"))]
    pub issued_at: Timestamp,
    #[serde(with = "instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Instant"))]
    pub valid_until: Timestamp,
    pub status: GuaranteeStatus,
    /// What the call paid (the rest returned to the pool).
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::DecimalString>")
    )]
    pub called: Option<Decimal>,
    #[serde(with = "option_instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Instant>"))]
    pub resolved_at: Option<Timestamp>,
}

/// Every guarantee, in the order issued.
pub fn guarantees(guarantees: &[GuaranteeRecord]) -> Vec<GuaranteeReport> {
    guarantees
        .iter()
        .map(|g| GuaranteeReport {
            guarantee: g.guarantee.clone(),
            recipient: g.recipient.clone(),
            purpose: g.purpose.clone(),
            amount: g.amount,
            issued_at: g.issued_at,
            valid_until: g.valid_until,
            status: g.status,
            called: g.called,
            resolved_at: g.resolved_at,
        })
        .collect()
}
