//! The loan figures of `snapback bench fund`: 1,000 thirty-year loans, each schedule generated
//! in exact decimals ([`snapback_fund::loan::schedule`]) and posted into one book as its
//! disbursement and one pending transfer per instalment leg ([`snapback_fund::loan::post_loan`]),
//! timed from terms to posted book; next to the peer measured in the same run: the same number
//! of ready-made transfers created in a fresh book, the book's own cost with no schedule or id
//! to make. Semi-annual instalments (sovereign loans' usual rhythm) are the goal's case; monthly
//! ones, six times as many transfers, are printed too.

use std::time::Instant;

use rust_decimal::Decimal;
use snapback_charter::TransferId;
use snapback_fund::loan::{Amortization, LoanAccounts, LoanLeg, LoanTerms, post_loan, schedule};
use snapback_fund::{AccountFlags, Kind, Transfer};

use crate::log::median;

type Book = snapback_fund::Book<TransferId>;

/// Loans per run, and their term in years (the goal's case).
const LOANS: u32 = 1_000;
const YEARS: u32 = 30;
/// The goal: every schedule generated and posted within this many milliseconds.
const GOAL_MS: f64 = 100.0;

/// Loan `k`'s terms: principals from EUR 10 million up in steps of 1,000,003.17 (so the cents
/// vary), rates from 1.00% to 4.99%, five years of grace, annuities.
fn terms(k: u32, periods_per_year: u32) -> LoanTerms {
    let principal = Decimal::new(1_000_000_000 + i64::from(k) * 100_000_317, 2);
    LoanTerms {
        principal,
        rate: Decimal::new(100 + i64::from(k % 400), 4),
        periods_per_year,
        grace_periods: 5 * periods_per_year,
        repayment_periods: (YEARS - 5) * periods_per_year,
        amortization: Amortization::Annuity,
        exponent: 2,
    }
}

/// The engine's way of deriving ids: valid parts joined by '/' (`L7/12/p`).
fn leg_id(k: u32, leg: LoanLeg) -> TransferId {
    let loan = format!("L{k}");
    match leg {
        LoanLeg::Disbursement => TransferId::join(&[&loan]),
        LoanLeg::Principal(n) => TransferId::join(&[&loan, &n.to_string(), "p"]),
        LoanLeg::Interest(n) => TransferId::join(&[&loan, &n.to_string(), "i"]),
    }
}

/// One run: a fresh book, every loan's schedule generated and posted. Milliseconds, transfers.
fn loans_run(periods_per_year: u32) -> crate::error::Result<(f64, usize)> {
    let mut book = Book::new();
    let accounts = LoanAccounts {
        pool: book.open("pool:core", AccountFlags::NONE)?,
        borrower: book.open("borrower:UA", AccountFlags::NONE)?,
        interest: book.open("income:interest", AccountFlags::NONE)?,
    };
    let start = Instant::now();
    let mut transfers = 0;
    for k in 0..LOANS {
        let t = terms(k, periods_per_year);
        let s = schedule(&t).map_err(|e| crate::failed!("loan {k}: {e}"))?;
        transfers += post_loan(&mut book, accounts, t.principal, &s, |leg| leg_id(k, leg))
            .map_err(|e| crate::failed!("loan {k} was refused: {e}"))?;
    }
    let ms = start.elapsed().as_secs_f64() * 1_000.0;
    crate::ensure!(book.balanced(), "the book does not balance");
    crate::ensure!(
        book.transfer_count() == transfers,
        "the book holds {} transfers, not {transfers}",
        book.transfer_count()
    );
    Ok((ms, transfers))
}

/// The peer: `n` ready-made pending transfers (ids and amounts made before the clock starts)
/// created one per call in a fresh book. Milliseconds.
fn peer_run(n: usize) -> crate::error::Result<f64> {
    let mut book = Book::new();
    let from = book.open("borrower:UA", AccountFlags::NONE)?;
    let to = book.open("pool:core", AccountFlags::NONE)?;
    let transfers: Vec<Transfer<TransferId>> = (0..n)
        .map(|i| Transfer {
            id: leg_id(i as u32, LoanLeg::Disbursement),
            debit: from,
            credit: to,
            amount: Decimal::new(123_456 + i as i64, 2),
            code: 21,
            kind: Kind::Pending,
        })
        .collect();
    let start = Instant::now();
    for t in &transfers {
        book.create(t)
            .map_err(|e| crate::failed!("the book refused {}: {e}", t.id))?;
    }
    let ms = start.elapsed().as_secs_f64() * 1_000.0;
    crate::ensure!(book.transfer_count() == n, "the peer lost transfers");
    Ok(ms)
}

pub(crate) fn bench_loans(runs: u32) -> crate::error::Result<()> {
    println!(
        "  loans, one core: {LOANS} loans of {YEARS} years (5 of grace, then annuity), schedules generated and posted:"
    );
    for (per_year, label) in [(2, "semi-annual"), (12, "monthly")] {
        let (mut ours, mut peers, mut count) = (Vec::new(), Vec::new(), 0);
        for _ in 0..runs {
            let (ms, transfers) = loans_run(per_year)?;
            ours.push(ms);
            count = transfers;
            peers.push(peer_run(transfers)?);
        }
        let (ms, peer) = (median(ours), median(peers));
        let goal = if per_year == 2 {
            format!(
                "  (goal < {GOAL_MS:.0} ms: {})",
                if ms < GOAL_MS { "met" } else { "NOT met" }
            )
        } else {
            String::new()
        };
        println!(
            "    {label:<12} {count:>8} transfers in {ms:>8.1} ms{goal}; peer, the same number of ready-made transfers: {peer:.1} ms (ratio {:.2})",
            ms / peer
        );
    }
    Ok(())
}
