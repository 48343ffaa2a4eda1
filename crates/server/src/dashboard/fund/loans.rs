//! The fund page's instruments beyond grants. Loans: each loan's borrower and purpose, principal
//! and terms, what is repaid and outstanding, the next instalment and what is overdue, and who
//! paid each repayment (the borrower, or a named revenue stream). Guarantees: each creditor,
//! amount and term, and whether it is open, was called (for how much) or expired.

use super::*;
use crate::dashboard::ROWS_MAX;
use snapback_engine::fund::record::GuaranteeStatus;

pub(super) fn loans_section(r: &FundReport, names: &Names, currency: &str) -> Markup {
    let t = names.t;
    let loan_heads = heads(
        t,
        &[
            ("fund-column-loan", false),
            ("fund-column-recipient-purpose", false),
            ("fund-column-principal", true),
            ("fund-column-terms", false),
            ("fund-column-outstanding", true),
            ("fund-column-next-instalment", false),
        ],
    );
    let rows = html! {
        @for l in r.loans.iter().take(ROWS_MAX) {
            tr data-loan=(l.loan.as_str()) data-overdue=(l.overdue) {
                th scope="row" { (l.loan.as_str()) }
                td { (names.party(l.borrower.as_str())) div class="meta" { (l.purpose) } }
                td class="num" { (amount(l.principal)) }
                td {
                    (t.msg_args("fund-loan-terms", &[
                        ("rate", format!("{}", (l.rate * Decimal::ONE_HUNDRED).normalize()).into()),
                        ("per_year", l.periods_per_year.into()),
                        ("grace", l.grace_periods.into()),
                        ("method", t.msg(&format!("fund-loan-{}", l.amortization)).into()),
                    ]))
                    div class="meta" { (t.msg_args("fund-loan-paid", &[("paid", l.paid.into()), ("of", l.instalments.into())])) }
                }
                td class="num" {
                    (amount(l.principal_outstanding))
                    div class="meta" { (t.msg_args("fund-loan-interest-paid", &[("amount", amount(l.interest_paid).into())])) }
                }
                td {
                    @match &l.next {
                        Some(n) => {
                            (amount(n.principal + n.interest))
                            @if let Some(due) = n.due { div class="meta" { (t.msg_args("fund-loan-due", &[("number", n.number.into())])) " " (time(due)) } }
                            @if l.overdue > 0 { div { (badge_in(t, "overdue")) " " (t.msg_args("fund-loan-overdue", &[("count", l.overdue.into())])) } }
                        }
                        None => { (t.msg("fund-loan-repaid")) }
                    }
                }
            }
        }
    };
    let repayments = html! {
        @for l in r.loans.iter().take(ROWS_MAX) {
            @for p in l.repayments.iter().rev().take(ROWS_MAX) {
                tr data-loan=(l.loan.as_str()) {
                    td { (time(p.at)) }
                    td { (l.loan.as_str()) " #" (p.instalment) }
                    td class="num" { (amount(p.amount)) }
                    td { @match &p.source { Some(s) => { (s) } None => { (names.party(l.borrower.as_str())) } } }
                }
            }
        }
    };
    let repayment_heads = heads(
        t,
        &[
            ("fund-column-when", false),
            ("fund-column-instalment", false),
            ("fund-column-amount", true),
            ("fund-column-paid-by", false),
        ],
    );
    html! {
        (table("loans", &in_currency(t, "fund-loans-caption", currency), &cols(&loan_heads), rows))
        (rows_cut(t, r.loans.len(), "/v1/fund"))
        @if r.loans.iter().any(|l| !l.repayments.is_empty()) {
            (table("repayments", &in_currency(t, "fund-repayments-caption", currency), &cols(&repayment_heads), repayments))
        }
        p class="note" { (t.msg("fund-loans-note")) }
    }
}

pub(super) fn guarantees_section(r: &FundReport, names: &Names, currency: &str) -> Markup {
    let t = names.t;
    let heads = heads(
        t,
        &[
            ("fund-column-guarantee", false),
            ("fund-column-recipient-purpose", false),
            ("fund-column-amount", true),
            ("fund-column-valid-until", false),
            ("column-status", false),
        ],
    );
    let rows = html! {
        @for g in r.guarantees.iter().take(ROWS_MAX) {
            @let status = guarantee_status(g.status);
            tr data-guarantee=(g.guarantee.as_str()) data-status=(status) {
                th scope="row" { (g.guarantee.as_str()) }
                td { (names.party(g.recipient.as_str())) div class="meta" { (g.purpose) } }
                td class="num" {
                    (amount(g.amount))
                    @if let Some(called) = g.called {
                        div class="meta" { (t.msg_args("fund-guarantee-called-for", &[("amount", amount(called).into())])) }
                    }
                }
                td { (time(g.valid_until)) }
                td {
                    (badge_in(t, status))
                    @if let Some(at) = g.resolved_at { div class="meta" { (time(at)) } }
                }
            }
        }
    };
    html! {
        (table("guarantees", &in_currency(t, "fund-guarantees-caption", currency), &cols(&heads), rows))
        (rows_cut(t, r.guarantees.len(), "/v1/fund"))
        p class="note" { (t.msg("fund-guarantees-note")) }
    }
}

fn guarantee_status(status: GuaranteeStatus) -> &'static str {
    match status {
        GuaranteeStatus::Open => "open",
        GuaranteeStatus::Called => "called",
        GuaranteeStatus::Expired => "expired",
    }
}
