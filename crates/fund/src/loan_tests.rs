#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use proptest::prelude::*;
use rust_decimal::Decimal;

use crate::loan::{
    Amortization, INSTALMENTS_MAX, LoanAccounts, LoanError, LoanLeg, LoanTerms, post_loan, schedule,
};
use crate::{AccountFlags, Book, PendingState};

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn terms(principal: &str, rate: &str, per_year: u32, grace: u32, n: u32) -> LoanTerms {
    LoanTerms {
        principal: d(principal),
        rate: d(rate),
        periods_per_year: per_year,
        grace_periods: grace,
        repayment_periods: n,
        amortization: Amortization::Annuity,
        exponent: 2,
    }
}

/// EUR 1,000,000 at 5% a year over twelve monthly instalments: the textbook annuity of
/// 85,607.48 (1,000,000 · r / (1 − (1 + r)^−12), r = 0.05/12), first instalment 4,166.67 of
/// interest, the last one repaying the 85,252.28 left with 355.22 of interest; 27,289.78 of
/// interest in all (checked independently in exact rational arithmetic, Python's fractions).
#[test]
fn a_textbook_annuity() {
    let s = schedule(&terms("1000000.00", "0.05", 12, 0, 12)).unwrap();
    assert_eq!(s.len(), 12);
    assert_eq!(s[0].total(), d("85607.48"));
    assert_eq!(
        (s[0].principal, s[0].interest, s[0].outstanding_after),
        (d("81440.81"), d("4166.67"), d("918559.19"))
    );
    assert_eq!(
        (s[11].principal, s[11].interest, s[11].outstanding_after),
        (d("85252.28"), d("355.22"), d("0.00"))
    );
    for i in &s[..11] {
        assert_eq!(i.total(), d("85607.48"), "{i:?}");
    }
    let interest: Decimal = s.iter().map(|i| i.interest).sum();
    assert_eq!(interest, d("27289.78"));
}

/// A grace period of interest only, then linear repayment: EUR 900 over 3 years, 2 years of
/// grace, annual instalments at 10%: 90, 90, then 300 + 90, 300 + 60, 300 + 30.
#[test]
fn grace_then_linear() {
    let mut t = terms("900", "0.10", 1, 2, 3);
    t.amortization = Amortization::Linear;
    let s = schedule(&t).unwrap();
    let rows: Vec<(Decimal, Decimal, Decimal)> = s
        .iter()
        .map(|i| (i.principal, i.interest, i.outstanding_after))
        .collect();
    assert_eq!(
        rows,
        vec![
            (d("0.00"), d("90.00"), d("900")),
            (d("0.00"), d("90.00"), d("900")),
            (d("300.00"), d("90.00"), d("600.00")),
            (d("300.00"), d("60.00"), d("300.00")),
            (d("300.00"), d("30.00"), d("0.00")),
        ]
    );
}

/// Decimal edge cases: a cent that cannot be split (EUR 0.01 over 3 instalments is 0, 0, 0.01),
/// a thirds split that rounds (100 over 3: 33.33, 33.33, 33.34), a currency without minor unit,
/// a zero rate, and a rate at exact midpoints (half to even).
#[test]
fn rounding_edges() {
    let mut t = terms("0.01", "0", 12, 0, 3);
    t.amortization = Amortization::Linear;
    let parts: Vec<Decimal> = schedule(&t).unwrap().iter().map(|i| i.principal).collect();
    assert_eq!(parts, vec![d("0.00"), d("0.00"), d("0.01")]);

    let parts: Vec<Decimal> = schedule(&terms("100.00", "0", 4, 0, 3))
        .unwrap()
        .iter()
        .map(|i| i.principal)
        .collect();
    assert_eq!(parts, vec![d("33.33"), d("33.33"), d("33.34")]);

    let mut yen = terms("1000", "0.01", 2, 0, 3);
    yen.exponent = 0;
    let s = schedule(&yen).unwrap();
    assert!(
        s.iter()
            .all(|i| i.principal.scale() == 0 && i.interest.scale() == 0)
    );
    assert_eq!(s.iter().map(|i| i.principal).sum::<Decimal>(), d("1000"));

    // 2.50 and 3.50 of interest: half to even gives 2 and 4 in a currency without cents.
    let mut even = terms("250", "0.01", 1, 1, 1);
    even.exponent = 0;
    assert_eq!(schedule(&even).unwrap()[0].interest, d("2"));
    even.principal = d("350");
    assert_eq!(schedule(&even).unwrap()[0].interest, d("4"));
}

#[test]
fn bad_terms_are_refused_with_their_reason() {
    let cases = [
        (
            terms("0", "0.05", 12, 0, 12),
            LoanError::PrincipalNotPositive(d("0")),
        ),
        (
            terms("10.001", "0.05", 12, 0, 12),
            LoanError::PrincipalTooPrecise {
                principal: d("10.001"),
                exponent: 2,
            },
        ),
        (terms("10", "-0.01", 12, 0, 12), LoanError::Rate(d("-0.01"))),
        (terms("10", "1.5", 12, 0, 12), LoanError::Rate(d("1.5"))),
        (terms("10", "0.05", 3, 0, 12), LoanError::PeriodsPerYear(3)),
        (terms("10", "0.05", 12, 5, 0), LoanError::NoRepayment),
        (
            terms("10", "0.05", 12, INSTALMENTS_MAX, 1),
            LoanError::TooManyInstalments(INSTALMENTS_MAX + 1),
        ),
    ];
    for (t, expected) in cases {
        assert_eq!(schedule(&t), Err(expected));
    }
}

/// A loan posted into the book: the disbursement leaves the pool at once, every instalment is
/// pending on the borrower (its scheduled obligations), repaying one posts it, and the book
/// balances throughout; posting it twice changes nothing.
#[test]
fn a_loan_posts_as_scheduled_obligations() {
    let mut book: Book<Arc<str>> = Book::new();
    let world = book.open("world", AccountFlags::NONE).unwrap();
    let pool = book.open("pool", AccountFlags::CREDIT_LIMITED).unwrap();
    let borrower = book.open("borrower:UA", AccountFlags::NONE).unwrap();
    let interest = book.open("income:interest", AccountFlags::NONE).unwrap();
    book.create(&crate::Transfer {
        id: Arc::from("capital"),
        debit: world,
        credit: pool,
        amount: d("5000000.00"),
        code: 1,
        kind: crate::Kind::Posted,
    })
    .unwrap();
    let s = schedule(&terms("1000000.00", "0.05", 12, 0, 12)).unwrap();
    let accounts = LoanAccounts {
        pool,
        borrower,
        interest,
    };
    let id = |leg: LoanLeg| -> Arc<str> {
        match leg {
            LoanLeg::Disbursement => Arc::from("L1"),
            LoanLeg::Principal(n) => Arc::from(format!("L1/{n}/principal")),
            LoanLeg::Interest(n) => Arc::from(format!("L1/{n}/interest")),
        }
    };
    assert_eq!(
        post_loan(&mut book, accounts, d("1000000.00"), &s, id).unwrap(),
        25
    );
    assert!(book.balanced());
    assert_eq!(book.balance("pool").credit_balance(), d("4000000.00"));
    let b = book.balance("borrower:UA");
    assert_eq!(b.debits_pending, d("1027289.78"));
    assert_eq!(
        post_loan(&mut book, accounts, d("1000000.00"), &s, id).unwrap(),
        0
    );

    // The first instalment is paid: its two legs post.
    for leg in ["L1/1/principal", "L1/1/interest"] {
        let pending = book.transfer(leg).unwrap().clone();
        book.create(&crate::Transfer {
            id: Arc::from(format!("{leg}/paid")),
            kind: crate::Kind::Post {
                pending: pending.id.clone(),
            },
            ..pending
        })
        .unwrap();
        assert_eq!(book.pending_state(leg), Some(PendingState::Posted));
    }
    assert!(book.balanced());
    assert_eq!(
        book.balance("pool").credit_balance(),
        d("4000000.00") + d("81440.81")
    );
    assert_eq!(
        book.balance("income:interest").credit_balance(),
        d("4166.67")
    );
}

fn any_terms() -> impl Strategy<Value = LoanTerms> {
    (
        1u64..=1_000_000_000_000_000,
        0u32..=2_000,
        prop::sample::select(vec![1u32, 2, 4, 12]),
        0u32..=40,
        1u32..=480,
        any::<bool>(),
        prop::sample::select(vec![0u32, 2, 3]),
    )
        .prop_map(|(minor, bp, per_year, grace, n, annuity, exponent)| {
            let principal = Decimal::from_i128_with_scale(i128::from(minor), exponent);
            LoanTerms {
                principal,
                rate: Decimal::new(i64::from(bp), 4),
                periods_per_year: per_year,
                grace_periods: grace,
                repayment_periods: n,
                amortization: if annuity {
                    Amortization::Annuity
                } else {
                    Amortization::Linear
                },
                exponent,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Any schedule repays exactly its principal: the parts sum to it, nothing is owed after
    /// the last instalment, nothing is ever negative, every amount has the currency's minor
    /// unit, and each instalment's interest is the rounded interest on what was owed.
    #[test]
    fn a_schedule_repays_its_principal_exactly(t in any_terms()) {
        let s = schedule(&t).unwrap();
        prop_assert_eq!(s.len() as u32, t.grace_periods + t.repayment_periods);
        let repaid: Decimal = s.iter().map(|i| i.principal).sum();
        prop_assert_eq!(repaid, t.principal);
        prop_assert!(s.last().unwrap().outstanding_after.is_zero());
        let mut owed = t.principal;
        for i in &s {
            prop_assert!(i.principal >= Decimal::ZERO && i.interest >= Decimal::ZERO);
            prop_assert!(i.principal.scale() <= t.exponent && i.interest.scale() <= t.exponent);
            prop_assert_eq!(
                i.interest,
                (owed * t.rate / Decimal::from(t.periods_per_year))
                    .round_dp_with_strategy(t.exponent, rust_decimal::RoundingStrategy::MidpointNearestEven)
            );
            owed -= i.principal;
            prop_assert_eq!(i.outstanding_after, owed);
        }
    }

    /// Posted into the book, any loan keeps it balanced, leaves exactly the principal plus all
    /// interest pending on the borrower, and moves the principal out of the pool.
    #[test]
    fn a_posted_loan_keeps_the_books_balanced(t in any_terms()) {
        let s = schedule(&t).unwrap();
        let mut book: Book<Arc<str>> = Book::new();
        let pool = book.open("pool", AccountFlags::NONE).unwrap();
        let borrower = book.open("borrower", AccountFlags::NONE).unwrap();
        let interest = book.open("interest", AccountFlags::NONE).unwrap();
        let accounts = LoanAccounts { pool, borrower, interest };
        let id = |leg: LoanLeg| -> Arc<str> { Arc::from(format!("{leg:?}")) };
        post_loan(&mut book, accounts, t.principal, &s, id).unwrap();
        prop_assert!(book.balanced());
        let owed: Decimal = s.iter().map(|i| i.total()).sum();
        prop_assert_eq!(book.balance("borrower").debits_pending, owed);
        prop_assert_eq!(book.balance("pool").debits_posted, t.principal);
    }
}
