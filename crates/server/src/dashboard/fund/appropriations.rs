//! The fund page's appropriations: for each contributor whose surge shares need its parliament's
//! appropriation, the parliament, what it appropriated and by which acts, and the shares that
//! still wait on it.

use super::*;
use crate::dashboard::ROWS_MAX;

pub(super) fn appropriations_section(r: &FundReport, names: &Names, currency: &str) -> Markup {
    let t = names.t;
    let heads = heads(
        t,
        &[
            ("fund-column-contributor", false),
            ("fund-column-parliament", false),
            ("fund-column-appropriated", true),
            ("fund-column-waiting", false),
        ],
    );
    let rows = html! {
        @for a in r.appropriations.iter().take(ROWS_MAX) {
            tr data-party=(a.party.as_str()) data-waiting=(a.waiting.len()) {
                th scope="row" { (names.party(a.party.as_str())) }
                td { (a.parliament) }
                td class="num" {
                    (amount(a.appropriated))
                    @for act in &a.acts {
                        div class="meta" { (act.reference) " \u{b7} " (time(act.at)) }
                    }
                }
                td {
                    @if a.waiting.is_empty() { (t.msg("fund-appropriation-none-waiting")) }
                    @for w in &a.waiting {
                        div data-obligation=(w.obligation.as_str()) {
                            (badge_in(t, "awaiting")) " " (amount(w.amount)) " "
                            span class="meta" {
                                (t.rich("fund-appropriation-waiting-since",
                                    &[("obligation", w.obligation.as_str().into())],
                                    &[("time", time(w.since))]))
                            }
                        }
                    }
                }
            }
        }
    };
    html! {
        (table("appropriations", &in_currency(t, "fund-appropriations-caption", currency), &cols(&heads), rows))
        p class="note" { (t.msg("fund-appropriations-note")) }
    }
}
