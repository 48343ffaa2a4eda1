//! Bilateral aid recorded by value (`aid.valued`, such as the Kiel Ukraine Support Tracker's
//! panel): one table, used by the fund page for financial and humanitarian aid (beside the
//! fund, never in its books) and by the deliveries page for in-kind military aid. Commitments,
//! allocations and deliveries keep their own columns: they are never summed together.

use snapback_engine::capability::valued::ValuedAidRow;

use super::{Markup, Names, cols, empty_row, group_digits, heads, html, table};
use crate::dashboard::{ROWS_MAX, cut_note_in};

const COLUMNS: [(&str, bool); 7] = [
    ("aid-column-donor", false),
    ("aid-column-type", false),
    ("aid-column-currency", false),
    ("aid-column-committed", true),
    ("aid-column-allocated", true),
    ("aid-column-delivered", true),
    ("aid-column-flows", true),
];

/// The table `id` of `rows`, with a note saying what the figures are and are not.
pub(super) fn valued_aid_section(
    id: &str,
    rows: &[ValuedAidRow],
    names: &Names,
    caption_id: &str,
    note_id: &str,
    api: &str,
) -> Markup {
    let t = names.t;
    let heads = heads(t, &COLUMNS);
    let body = html! {
        @for r in rows.iter().take(ROWS_MAX) {
            tr data-donor=(r.donor) data-aid-type=(r.aid_type.name()) {
                th scope="row" { (names.party(r.donor.as_str())) }
                td { (t.msg(&format!("aid-type-{}", r.aid_type.name()))) }
                td { (r.currency) }
                td class="num" { (group_digits(&r.committed.to_string())) }
                td class="num" { (group_digits(&r.allocated.to_string())) }
                td class="num" { (group_digits(&r.delivered.to_string())) }
                td class="num" { (r.flows) }
            }
        }
        @if rows.is_empty() { (empty_row(COLUMNS.len(), &t.msg("aid-empty"))) }
    };
    html! {
        (table(id, &t.msg(caption_id), &cols(&heads), body))
        (cut_note_in(t, ROWS_MAX, rows.len(), api))
        p class="note" { (t.msg(note_id)) }
    }
}
