//! `GET /capabilities/restrictions`: usage restrictions and what lifts them.

use super::*;
use crate::dashboard::ROWS_MAX;

// ---------------------------------------------------------------------------------------------
// GET /capabilities/restrictions
// ---------------------------------------------------------------------------------------------

pub(super) fn restrictions_main(r: &CapabilitiesReport, names: &Names) -> Markup {
    let in_force = r
        .restrictions
        .iter()
        .filter(|x| x.status == "in_force")
        .count();
    let lifted = r.restrictions.len() - in_force;
    let columns = [
        ("Restriction", false),
        ("Donor", false),
        ("Terms", false),
        ("Imposed", false),
        ("Status", false),
        ("Lifted on activation of", false),
    ];
    let rows = html! {
        @for x in r.restrictions.iter().take(ROWS_MAX) {
            tr data-restriction=(x.restriction.as_str()) data-donor=(x.donor.as_str()) data-status=(x.status) {
                td {
                    (x.restriction.as_str())
                    div class="meta" { (x.system) " \u{b7} " (x.restriction_kind) }
                }
                td { (names.party(x.donor.as_str())) }
                td { (x.text) }
                td { (time(x.imposed_at)) }
                td {
                    (badge(x.status))
                    @match (x.lifted_at, &x.activation, &x.lifted_by) {
                        (Some(at), Some(a), _) => {
                            div class="meta" data-lifted-by-activation=(a.as_str()) {
                                "by activation " (a.as_str()) ", " (time(at))
                            }
                        }
                        (Some(at), None, Some(p)) => {
                            div class="meta" data-lifted-by=(p.as_str()) {
                                "by " (names.party(p.as_str())) ", " (time(at))
                            }
                        }
                        (Some(at), None, None) => { div class="meta" { (time(at)) } }
                        _ => {}
                    }
                }
                td {
                    @if x.lifted_on_activation_of.is_empty() {
                        span class="meta" { "No package: only its donor can lift it." }
                    } @else {
                        ul class="tags" aria-label="Packages" {
                            @for p in &x.lifted_on_activation_of {
                                li data-package=(p.as_str()) { (names.package(p.as_str())) }
                            }
                        }
                    }
                }
            }
        }
        @if r.restrictions.is_empty() {
            (empty_row(columns.len(), "No restriction has been recorded."))
        }
    };
    let body = html! {
        p id="restrictions-summary" data-in-force=(in_force) data-lifted=(lifted) {
            (in_force) " in force, " (lifted) " lifted."
        }
        (table("restrictions", "Usage restrictions on donated systems", &columns, rows))
        (rows_note(r.restrictions.len(), "/v1/capabilities/restrictions"))
        p class="note" {
            "A donor lifts its own restriction; a " code { "[[restriction]]" } " rule of the \
             charter lifts the listed restrictions when a package named in it is activated."
        }
    };
    section("restrictions-section", "Restrictions", body)
}
