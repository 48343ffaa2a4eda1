//! The fund page's programmes: each tranche with its amount, the date its conditions are due by,
//! each condition with the party that verifies it and whether (and when) it did, and where the
//! tranche stands (waiting, held, paid, paid late); then why, in the reader's language, naming
//! the conditions that hold a held tranche.

use super::*;
use crate::dashboard::{ROWS_MAX, cited_text};
use snapback_charter::Currency;
use snapback_charter::describe::describe_condition_kind;
use snapback_engine::explain::explain_programme_tranche;
use snapback_engine::fund::programmes_report::{ProgrammeReport, ProgrammeTrancheStatus};

pub(super) fn programmes_section(r: &FundReport, names: &Names, currency: &str) -> Markup {
    let t = names.t;
    let heads = heads(
        t,
        &[
            ("fund-column-tranche", false),
            ("fund-column-amount", true),
            ("fund-column-due-by", false),
            ("fund-column-conditions", false),
            ("column-status", false),
        ],
    );
    let code = Currency::parse(currency).ok();
    html! {
        @for p in r.programmes.iter().take(ROWS_MAX) {
            h3 data-programme=(p.programme.as_str()) {
                (t.msg_args("fund-programme-heading", &[
                    ("name", p.name.as_str().into()),
                    ("recipient", names.party(&p.recipient).into()),
                    ("purpose", p.purpose.as_str().into()),
                ]))
            }
            (table(
                &format!("programme-{}", p.programme),
                &in_currency(t, "fund-programme-caption", currency),
                &cols(&heads),
                tranche_rows(p, names),
            ))
            @if let Some(code) = code {
                ul class="explanations" {
                    @for tr in p.tranches.iter().take(ROWS_MAX) {
                        li data-tranche=(tr.tranche.as_str()) {
                            (cited_text(&explain_programme_tranche(p, tr, code, t.lang()), names))
                        }
                    }
                }
            }
        }
        p class="note" { (t.msg("fund-programmes-note")) }
    }
}

fn tranche_rows(p: &ProgrammeReport, names: &Names) -> Markup {
    let t = names.t;
    html! {
        @for tr in p.tranches.iter().take(ROWS_MAX) {
            @let status = match tr.status {
                ProgrammeTrancheStatus::Waiting => "waiting",
                ProgrammeTrancheStatus::Held => "held",
                ProgrammeTrancheStatus::Paid => "paid",
            };
            tr data-tranche=(tr.tranche.as_str()) data-status=(status) {
                th scope="row" { (tr.tranche.as_str()) }
                td class="num" { (amount(tr.amount)) }
                td { (time(tr.by)) }
                td {
                    ul class="plain" {
                        @for c in &tr.conditions {
                            li data-condition=(c.condition.as_str()) data-met=(c.met_at.is_some()) {
                                (c.condition.as_str()) " "
                                span class="meta" {
                                    (t.msg_args("fund-condition-verifier", &[
                                        ("kind", describe_condition_kind(t.lang(), c.kind).into()),
                                        ("verifier", names.party(c.verifier.as_str()).into()),
                                    ]))
                                }
                                @match c.met_at {
                                    Some(at) => { " " (badge_in(t, "met")) " " (time(at)) }
                                    None => { " " (badge_in(t, "unmet")) }
                                }
                            }
                        }
                    }
                }
                td {
                    (badge_in(t, status))
                    @if tr.late { " " (badge_in(t, "late")) }
                    @if let Some(at) = tr.paid_at.or(tr.held_at) { div class="meta" { (time(at)) } }
                }
            }
        }
    }
}
