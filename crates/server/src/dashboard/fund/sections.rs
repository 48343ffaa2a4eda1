//! The fund page's sections: mode, contributors, calls, purposes, recipients, tranches, rates
//! and transfers.

use super::*;
use crate::dashboard::{ROWS_MAX, claim_link, deadline, rows_note};

pub(super) fn mode_section(r: &FundReport, fund: Option<&Fund>) -> Markup {
    let mode = r.mode.name();
    let first = r.modes.first().map_or(r.mode, |m| match m.mode {
        FundMode::Peace => FundMode::Conflict,
        FundMode::Conflict => FundMode::Peace,
    });
    // The latest changes, if there have been more than a page holds.
    let shown = r.modes.iter().skip(r.modes.len().saturating_sub(ROWS_MAX));
    html! {
        section id="fund-mode" class="panel mode" data-mode=(mode) aria-labelledby="fund-mode-h" {
            h2 id="fund-mode-h" class="mode-name" { "Mode: " (mode_badge(r.mode)) }
            p {
                "In " (mode) " mode "
                @match r.modes.last() {
                    Some(m) => {
                        "since " (time(m.at))
                        @if let Some(a) = &m.activation { " (activation " (a.as_str()) ")" }
                    }
                    None => { "since the start of the log" }
                }
                "."
            }
            @if let Some(f) = fund {
                p { "May disburse now for: " (purposes_text(f.purposes(r.mode))) "." }
                p class="note" {
                    "An activation whose package carries a funds obligation moves the fund to \
                     conflict mode (and calls the surge, if the charter sets one); it returns to \
                     peace mode after " (f.quiet_period) " without such an activation ("
                    (f.article) "). In peace mode it disburses for "
                    (purposes_text(&f.peace_purposes)) "; in conflict mode for "
                    (purposes_text(&f.conflict_purposes)) ", from the surge pool first."
                }
            }
            h3 { "Mode history" }
            ol id="mode-history" class="timeline" {
                li data-mode=(first.name()) {
                    span class="kind" { (first.name()) } " \u{b7} from the start of the log"
                }
                @for m in shown {
                    li data-mode=(m.mode.name()) {
                        span class="kind" { (m.mode.name()) } " \u{b7} " (time(m.at)) br;
                        @match &m.activation {
                            Some(a) => { "activation " (a.as_str()) " moved the fund to conflict mode" }
                            None => { "the quiet period ended without a new activation" }
                        }
                    }
                }
            }
            (rows_note(r.modes.len(), "/v1/fund"))
        }
    }
}

pub(super) fn contributors_section(r: &FundReport, names: &Names, currency: &str) -> Markup {
    let columns = [
        ("Contributor", false),
        ("Key (share)", true),
        ("Subscribed", true),
        ("Pledged", true),
        ("Paid in", true),
        ("Callable", true),
        ("Surge called", true),
        ("Surge paid", true),
        ("Outstanding", true),
    ];
    let rows = html! {
        @for c in &r.contributors {
            @let outstanding = c.call_outstanding + c.pledge_outstanding;
            tr data-party=(c.id.as_str()) {
                th scope="row" { (names.party(c.id.as_str())) }
                td class="num" {
                    @match (c.key, c.share) {
                        (Some(k), Some(share)) => { (k) " (" (percent(share)) ")" }
                        (Some(k), None) => { (k) }
                        _ => { "\u{2014}" }
                    }
                }
                td class="num" { (opt_amount(c.subscribed)) }
                td class="num" { (amount(c.pledged)) }
                td class="num" { (amount(c.paid_in)) }
                td class="num" { (opt_amount(c.callable)) }
                td class="num" { (amount(c.called)) }
                td class="num" { (amount(c.call_paid)) }
                td class="num" data-outstanding=(outstanding) { (amount(outstanding)) }
            }
        }
        @if r.contributors.is_empty() { (empty_row(columns.len(), "No contributor.")) }
    };
    html! {
        (contributors_chart(&r.contributors, names, currency))
        (table("contributors", &format!("Contributors, in {currency}"), &columns, rows))
        p class="note" {
            "Paid in: every payment, surge payments included. Outstanding: surge calls and \
             pledges not yet paid."
        }
    }
}

pub(super) fn call_block(c: &CallReport, names: &Names, currency: &str) -> Markup {
    let paid = c
        .shares
        .iter()
        .filter(|s| {
            matches!(
                s.status,
                Some(ObligationStatus::Fulfilled | ObligationStatus::Late)
            )
        })
        .count();
    let open = c
        .shares
        .iter()
        .any(|s| matches!(s.status, Some(ObligationStatus::Pending) | None));
    // While a share is not yet due, the due instant counts down.
    let due = if open { deadline(c.due) } else { time(c.due) };
    let a = c.activation.as_str();
    let heading = format!("call-{a}-h");
    html! {
        section class="call" data-activation=(a) aria-labelledby=(heading) {
            h3 id=(heading) {
                "Surge call of activation " (a) ": " (currency) " " (amount(c.total))
            }
            p class="meta" {
                "Called " (time(c.at)) ", due " (due) " \u{b7} " (paid) " of " (c.shares.len())
                " shares paid"
            }
            ul class="items" {
                @for share in &c.shares {
                    @let status = share_status(share.status);
                    li data-obligation=(share.obligation.as_str()) data-party=(share.party.as_str())
                        data-status=(status) {
                        p class="item-title" { (names.party(share.party.as_str())) " " (badge(status)) }
                        p class="meta" {
                            (currency) " " (amount(share.amount)) " \u{b7} obligation "
                            (share.obligation.as_str())
                            @if let Some(at) = share.paid_at { " \u{b7} paid " (time(at)) }
                        }
                    }
                }
            }
        }
    }
}

pub(super) fn calls_section(r: &FundReport, names: &Names, currency: &str) -> Markup {
    html! {
        div id="calls" {
            @for c in r.calls.iter().rev().take(ROWS_MAX) { (call_block(c, names, currency)) }
            @if r.calls.is_empty() { p class="empty" { "No surge has been called." } }
        }
        (rows_note(r.calls.len(), "/v1/fund"))
        p class="note" {
            "Each share is an obligation of its contributor, met by paying it into the surge \
             pool. Paid: on time. Late: paid after the due instant. Overdue: the due instant \
             passed unpaid. Pending: not yet due."
        }
    }
}

pub(super) fn purposes_section(r: &FundReport, currency: &str) -> Markup {
    let columns = [("Purpose", false), ("Disbursed", true)];
    let rows = html! {
        @for p in &r.purposes {
            tr data-purpose=(p.purpose) {
                th scope="row" { (p.purpose) }
                td class="num" { (amount(p.disbursed)) }
            }
        }
        @if r.purposes.is_empty() { (empty_row(columns.len(), "No purpose.")) }
    };
    table(
        "purposes",
        &format!("Disbursed by purpose, in {currency}"),
        &columns,
        rows,
    )
}

pub(super) fn recipients_section(r: &FundReport, names: &Names, currency: &str) -> Markup {
    let columns = [("Recipient", false), ("Received", true), ("Reserved", true)];
    let rows = html! {
        @for p in r.recipients.iter().take(ROWS_MAX) {
            tr data-recipient=(p.id) {
                th scope="row" { (names.party(&p.id)) }
                td class="num" { (amount(p.received)) }
                td class="num" { (amount(p.reserved)) }
            }
        }
        @if r.recipients.is_empty() { (empty_row(columns.len(), "Nothing has been disbursed yet.")) }
    };
    html! {
        (table("recipients", &format!("Recipients, in {currency}"), &columns, rows))
        (rows_note(r.recipients.len(), "/v1/fund"))
    }
}

pub(super) fn tranches_section(r: &FundReport, names: &Names, currency: &str) -> Markup {
    let columns = [
        ("Claim", false),
        ("Recipient and purpose", false),
        ("Amount", true),
        ("Reserved", false),
        ("Status", false),
    ];
    let rows = html! {
        @for t in r.tranches.iter().rev().take(ROWS_MAX) {
            @let status = tranche_status(t.status);
            tr data-claim=(t.claim.as_str()) data-status=(status) {
                td { (claim_link(t.claim.as_str())) }
                td { (names.party(&t.recipient)) div class="meta" { (t.purpose) } }
                td class="num" { (amount(t.amount)) }
                td {
                    (time(t.reserved_at))
                    @if let Some(at) = t.resolved_at {
                        div class="meta" {
                            (status) " " (time(at))
                            @if let Some(a) = &t.activation { " (activation " (a.as_str()) ")" }
                        }
                    }
                }
                td { (badge(status)) }
            }
        }
        @if r.tranches.is_empty() { (empty_row(columns.len(), "No tranche has been reserved.")) }
    };
    html! {
        (table("tranches", &format!("Tranches, in {currency}"), &columns, rows))
        (rows_note(r.tranches.len(), "/v1/fund"))
        p class="note" {
            "A tranche is reserved when a claim is filed, released to its recipient when the \
             claim's activation moves the fund to conflict mode, and voided (returned to the \
             core pool) otherwise."
        }
    }
}

pub(super) fn rates_section(r: &FundReport, currency: &str) -> Markup {
    let columns = [("Currency", false), ("Rate", true), ("Recorded", false)];
    let rows = html! {
        @for rate in &r.rates {
            tr data-currency=(rate.currency) {
                th scope="row" { (rate.currency) }
                td class="num" { (rate.rate) }
                td { (time(rate.at)) }
            }
        }
        @if r.rates.is_empty() { (empty_row(columns.len(), "No exchange rate has been recorded.")) }
    };
    html! {
        (table("rates", &format!("Latest exchange rates into {currency}"), &columns, rows))
        p class="note" {
            "The rate is how many units of " (currency) " one unit of the currency buys; money \
             paid in another currency is converted at the latest rate and rounded once, half to \
             even."
        }
    }
}

pub(super) fn transfers_section(v: &FundView, names: &Names, currency: &str) -> Markup {
    let columns = [
        ("When", false),
        ("Movement", false),
        ("From and to", false),
        ("Amount", true),
        ("Reference", false),
    ];
    let rows = html! {
        @for r in &v.recent {
            @let t = &r.transfer;
            tr data-transfer=(t.transfer.as_str()) data-code=(t.code.name()) {
                td { (time(r.at)) }
                td {
                    (t.code.name().replace('_', " "))
                    div class="meta" {
                        (r.source)
                        @if let Some(p) = &r.party { " by " (names.party(p.as_str())) }
                        @if let Some(p) = &t.purpose { " \u{b7} " (p.as_str()) }
                    }
                }
                td { code { (t.debit) } " \u{2192} " code { (t.credit) } }
                td class="num" {
                    (amount(t.amount))
                    @if let Some(c) = &r.conversion {
                        div class="meta" {
                            (c.currency) " " (group_digits(&c.amount.to_string())) " at " (c.rate)
                        }
                    }
                }
                td {
                    @if let Some(reference) = &r.reference { (reference) }
                    div class="meta" { (t.transfer.as_str()) }
                }
            }
        }
        @if v.recent.is_empty() { (empty_row(columns.len(), "No money has moved yet.")) }
    };
    let caption = format!(
        "The latest transfers ({} of {}), in {currency}",
        v.recent.len(),
        v.transfer_total
    );
    html! {
        (table("transfers", &caption, &columns, rows))
        p class="note" {
            "Every movement is a double-entry transfer: one account debited, another credited by \
             the same amount. All of them, with their IATI transaction types: "
            a href="/v1/fund/transfers" { code { "GET /v1/fund/transfers" } }
            "; the figures on this page: " a href="/v1/fund" { code { "GET /v1/fund" } } "."
        }
    }
}
