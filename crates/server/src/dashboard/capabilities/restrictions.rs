//! `GET /capabilities/restrictions`: usage restrictions and what lifts them.

use super::*;

// ---------------------------------------------------------------------------------------------
// GET /capabilities/restrictions
// ---------------------------------------------------------------------------------------------

pub(super) fn restrictions_main(r: &CapabilitiesReport, names: &Names) -> Markup {
    let t = names.t;
    let in_force = r
        .restrictions
        .iter()
        .filter(|x| x.status == "in_force")
        .count();
    let lifted = r.restrictions.len() - in_force;
    let heads = heads(
        t,
        &[
            ("cap-column-restriction", false),
            ("cap-column-donor", false),
            ("cap-column-terms", false),
            ("cap-column-imposed", false),
            ("column-status", false),
            ("cap-column-lifted-on", false),
        ],
    );
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
                    (badge_in(t, x.status))
                    @match (x.lifted_at, &x.activation, &x.lifted_by) {
                        (Some(at), Some(a), _) => {
                            div class="meta" data-lifted-by-activation=(a.as_str()) {
                                (t.rich("cap-lifted-by-activation", &[("activation", a.as_str().into())], &[("time", time(at))]))
                            }
                        }
                        (Some(at), None, Some(p)) => {
                            div class="meta" data-lifted-by=(p.as_str()) {
                                (t.rich("cap-lifted-by-party", &[("party", names.party(p.as_str()).into())], &[("time", time(at))]))
                            }
                        }
                        (Some(at), None, None) => { div class="meta" { (time(at)) } }
                        _ => {}
                    }
                }
                td {
                    @if x.lifted_on_activation_of.is_empty() {
                        span class="meta" { (t.msg("cap-no-package")) }
                    } @else {
                        ul class="tags" aria-label=(t.msg("packages-label")) {
                            @for p in &x.lifted_on_activation_of {
                                li data-package=(p.as_str()) { (names.package(p.as_str())) }
                            }
                        }
                    }
                }
            }
        }
        @if r.restrictions.is_empty() {
            (empty_row(heads.len(), &t.msg("cap-restrictions-empty")))
        }
    };
    let body = html! {
        p id="restrictions-summary" data-in-force=(in_force) data-lifted=(lifted) {
            (t.msg_args("cap-restrictions-summary", &[("in_force", in_force.into()), ("lifted", lifted.into())]))
        }
        (table("restrictions", &t.msg("cap-restrictions-caption"), &cols(&heads), rows))
        (rows_cut(t, r.restrictions.len(), "/v1/capabilities/restrictions"))
        p class="note" {
            (t.rich("cap-restrictions-note", &[], &[("rule", html! { code { "[[restriction]]" } })]))
        }
    };
    section("restrictions-section", &t.msg("cap-tab-restrictions"), body)
}
