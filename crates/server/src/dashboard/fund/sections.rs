//! The fund page's sections: mode, contributors, calls, purposes, recipients, tranches, rates
//! and transfers.

use super::*;
use crate::dashboard::{ROWS_MAX, claim_link, deadline};
use snapback_charter::describe::{Case, describe_duration_in};

/// "200 of N are shown; all of them are in <api>", in the reader's language.
pub(super) fn rows_cut(t: Tr, total: usize, api: &str) -> Markup {
    cut_note_in(t, ROWS_MAX, total, api)
}

/// A caption with the currency in it ("Pools, in EUR").
pub(super) fn in_currency(t: Tr, id: &str, currency: &str) -> String {
    t.msg_args(id, &[("currency", currency.into())])
}

pub(super) fn mode_section(r: &FundReport, fund: Option<&Fund>, t: Tr) -> Markup {
    let mode = r.mode.name();
    let first = r.modes.first().map_or(r.mode, |m| match m.mode {
        FundMode::Peace => FundMode::Conflict,
        FundMode::Conflict => FundMode::Peace,
    });
    // The latest changes, if there have been more than a page holds.
    let shown = r.modes.iter().skip(r.modes.len().saturating_sub(ROWS_MAX));
    html! {
        section id="fund-mode" class="panel mode" data-mode=(mode) aria-labelledby="fund-mode-h" {
            h2 id="fund-mode-h" class="mode-name" { (t.msg("mode-heading")) " " (mode_badge(t, r.mode)) }
            p {
                @match r.modes.last() {
                    Some(m) => {
                        @match &m.activation {
                            Some(a) => {
                                (t.rich("fund-in-mode-since-activation",
                                    &[("mode", mode.into()), ("activation", a.as_str().into())],
                                    &[("time", time(m.at))]))
                            }
                            None => {
                                (t.rich("fund-in-mode-since", &[("mode", mode.into())], &[("time", time(m.at))]))
                            }
                        }
                    }
                    None => { (t.msg_args("fund-in-mode-since-start", &[("mode", mode.into())])) }
                }
            }
            @if let Some(f) = fund {
                p { (t.msg_args("fund-may-disburse", &[("purposes", purposes_text(f.purposes(r.mode)).into())])) }
                p class="note" {
                    (t.msg_args("fund-mode-note", &[
                        ("quiet", describe_duration_in(t.lang(), f.quiet_period, Case::Accusative).into()),
                        ("article", f.article.to_string().into()),
                        ("peace", purposes_text(&f.peace_purposes).into()),
                        ("conflict", purposes_text(&f.conflict_purposes).into()),
                    ]))
                }
            }
            h3 { (t.msg("fund-mode-history")) }
            ol id="mode-history" class="timeline" {
                li data-mode=(first.name()) {
                    span class="kind" { (status_word(t, first.name())) } " \u{b7} " (t.msg("fund-history-start"))
                }
                @for m in shown {
                    li data-mode=(m.mode.name()) {
                        span class="kind" { (status_word(t, m.mode.name())) } " \u{b7} " (time(m.at)) br;
                        @match &m.activation {
                            Some(a) => { (t.msg_args("fund-history-activation", &[("activation", a.as_str().into())])) }
                            None => { (t.msg("fund-history-quiet")) }
                        }
                    }
                }
            }
            (rows_cut(t, r.modes.len(), "/v1/fund"))
        }
    }
}

pub(super) fn contributors_section(r: &FundReport, names: &Names, currency: &str) -> Markup {
    let t = names.t;
    let heads = heads(
        t,
        &[
            ("fund-column-contributor", false),
            ("fund-column-key", true),
            ("fund-column-subscribed", true),
            ("fund-column-pledged", true),
            ("fund-column-paid-in", true),
            ("fund-column-callable", true),
            ("fund-column-surge-called", true),
            ("fund-column-surge-paid", true),
            ("fund-column-outstanding", true),
        ],
    );
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
        @if r.contributors.is_empty() { (empty_row(heads.len(), &t.msg("fund-contributors-empty"))) }
    };
    html! {
        (contributors_chart(&r.contributors, names, currency))
        (table("contributors", &in_currency(t, "fund-contributors-caption", currency), &cols(&heads), rows))
        p class="note" { (t.msg("fund-contributors-note")) }
    }
}

pub(super) fn call_block(c: &CallReport, names: &Names, currency: &str) -> Markup {
    let t = names.t;
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
                (t.msg_args("fund-call-title", &[
                    ("activation", a.into()),
                    ("currency", currency.into()),
                    ("amount", amount(c.total).into()),
                ]))
            }
            p class="meta" {
                (t.rich("fund-call-meta",
                    &[("paid", paid.into()), ("shares", c.shares.len().into())],
                    &[("called", time(c.at)), ("due", due)]))
            }
            ul class="items" {
                @for share in &c.shares {
                    @let status = if share.awaiting_appropriation.is_some() { "awaiting" } else { share_status(share.status) };
                    li data-obligation=(share.obligation.as_str()) data-party=(share.party.as_str())
                        data-status=(status) {
                        p class="item-title" { (names.party(share.party.as_str())) " " (badge_in(t, status)) }
                        p class="meta" {
                            (currency) " " (amount(share.amount)) " \u{b7} "
                            (t.msg_args("fund-share-obligation", &[("obligation", share.obligation.as_str().into())]))
                            @if let Some(at) = share.paid_at {
                                " \u{b7} " (t.rich("fund-share-paid", &[], &[("time", time(at))]))
                            }
                            @if let Some(parliament) = &share.awaiting_appropriation {
                                " \u{b7} " (t.msg_args("fund-share-awaiting", &[("parliament", parliament.as_str().into())]))
                            }
                            @if let Some(due) = share.due {
                                " \u{b7} " (t.rich("fund-share-due", &[], &[("time", time(due))]))
                            }
                        }
                    }
                }
            }
        }
    }
}

pub(super) fn calls_section(r: &FundReport, names: &Names, currency: &str) -> Markup {
    let t = names.t;
    html! {
        div id="calls" {
            @for c in r.calls.iter().rev().take(ROWS_MAX) { (call_block(c, names, currency)) }
            @if r.calls.is_empty() { p class="empty" { (t.msg("fund-calls-empty")) } }
        }
        (rows_cut(t, r.calls.len(), "/v1/fund"))
        p class="note" { (t.msg("fund-calls-note")) }
    }
}

pub(super) fn purposes_section(r: &FundReport, currency: &str, t: Tr) -> Markup {
    let heads = heads(
        t,
        &[
            ("fund-column-purpose", false),
            ("fund-column-disbursed", true),
        ],
    );
    let rows = html! {
        @for p in &r.purposes {
            tr data-purpose=(p.purpose) {
                th scope="row" { (p.purpose) }
                td class="num" { (amount(p.disbursed)) }
            }
        }
        @if r.purposes.is_empty() { (empty_row(heads.len(), &t.msg("fund-purposes-empty"))) }
    };
    table(
        "purposes",
        &in_currency(t, "fund-purposes-caption", currency),
        &cols(&heads),
        rows,
    )
}

pub(super) fn recipients_section(r: &FundReport, names: &Names, currency: &str) -> Markup {
    let t = names.t;
    let heads = heads(
        t,
        &[
            ("fund-column-recipient", false),
            ("fund-column-received", true),
            ("fund-column-reserved", true),
        ],
    );
    let rows = html! {
        @for p in r.recipients.iter().take(ROWS_MAX) {
            tr data-recipient=(p.id) {
                th scope="row" { (names.party(&p.id)) }
                td class="num" { (amount(p.received)) }
                td class="num" { (amount(p.reserved)) }
            }
        }
        @if r.recipients.is_empty() { (empty_row(heads.len(), &t.msg("fund-recipients-empty"))) }
    };
    html! {
        (table("recipients", &in_currency(t, "fund-recipients-caption", currency), &cols(&heads), rows))
        (rows_cut(t, r.recipients.len(), "/v1/fund"))
    }
}

pub(super) fn tranches_section(r: &FundReport, names: &Names, currency: &str) -> Markup {
    let tr = names.t;
    let heads = heads(
        tr,
        &[
            ("fund-column-claim", false),
            ("fund-column-recipient-purpose", false),
            ("fund-column-amount", true),
            ("fund-column-reserved", false),
            ("column-status", false),
        ],
    );
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
                            (status_word(tr, status)) " " (time(at))
                            @if let Some(a) = &t.activation {
                                " " (tr.msg_args("fund-by-activation", &[("activation", a.as_str().into())]))
                            }
                        }
                    }
                }
                td { (badge_in(tr, status)) }
            }
        }
        @if r.tranches.is_empty() { (empty_row(heads.len(), &tr.msg("fund-tranches-empty"))) }
    };
    html! {
        (table("tranches", &in_currency(tr, "fund-tranches-caption", currency), &cols(&heads), rows))
        (rows_cut(tr, r.tranches.len(), "/v1/fund"))
        p class="note" { (tr.msg("fund-tranches-note")) }
    }
}

pub(super) fn rates_section(r: &FundReport, currency: &str, t: Tr) -> Markup {
    let heads = heads(
        t,
        &[
            ("fund-column-currency", false),
            ("fund-column-rate", true),
            ("fund-column-recorded", false),
        ],
    );
    let rows = html! {
        @for rate in &r.rates {
            tr data-currency=(rate.currency) {
                th scope="row" { (rate.currency) }
                td class="num" { (rate.rate) }
                td { (time(rate.at)) }
            }
        }
        @if r.rates.is_empty() { (empty_row(heads.len(), &t.msg("fund-rates-empty"))) }
    };
    html! {
        (table("rates", &in_currency(t, "fund-rates-caption", currency), &cols(&heads), rows))
        p class="note" { (in_currency(t, "fund-rates-note", currency)) }
    }
}

pub(super) fn transfers_section(v: &FundView, names: &Names, currency: &str) -> Markup {
    let tr = names.t;
    let heads = heads(
        tr,
        &[
            ("fund-column-when", false),
            ("fund-column-movement", false),
            ("fund-column-from-to", false),
            ("fund-column-amount", true),
            ("fund-column-reference", false),
        ],
    );
    let rows = html! {
        @for r in &v.recent {
            @let t = &r.transfer;
            tr data-transfer=(t.transfer.as_str()) data-code=(t.code.name()) {
                td { (time(r.at)) }
                td {
                    (tr.msg_args("fund-movement", &[
                        ("code", t.code.name().into()),
                        ("text", t.code.name().replace('_', " ").into()),
                    ]))
                    div class="meta" {
                        (r.source)
                        @if let Some(p) = &r.party {
                            " " (tr.msg_args("fund-movement-by", &[("party", names.party(p.as_str()).into())]))
                        }
                        @if let Some(p) = &t.purpose { " \u{b7} " (p.as_str()) }
                    }
                }
                td { code { (t.debit) } " \u{2192} " code { (t.credit) } }
                td class="num" {
                    (amount(t.amount))
                    @if let Some(c) = &r.conversion {
                        div class="meta" {
                            (tr.msg_args("fund-converted", &[
                                ("currency", c.currency.as_str().into()),
                                ("amount", group_digits(&c.amount.to_string()).into()),
                                ("rate", c.rate.to_string().into()),
                            ]))
                        }
                    }
                }
                td {
                    @if let Some(reference) = &r.reference { (reference) }
                    div class="meta" { (t.transfer.as_str()) }
                }
            }
        }
        @if v.recent.is_empty() { (empty_row(heads.len(), &tr.msg("fund-transfers-empty"))) }
    };
    let caption = tr.msg_args(
        "fund-transfers-caption",
        &[
            ("shown", v.recent.len().into()),
            ("total", v.transfer_total.into()),
            ("currency", currency.into()),
        ],
    );
    html! {
        (table("transfers", &caption, &cols(&heads), rows))
        p class="note" {
            (tr.rich("fund-transfers-note", &[], &[
                ("all", html! { a href="/v1/fund/transfers" { code { "GET /v1/fund/transfers" } } }),
                ("figures", html! { a href="/v1/fund" { code { "GET /v1/fund" } } }),
            ]))
        }
    }
}
