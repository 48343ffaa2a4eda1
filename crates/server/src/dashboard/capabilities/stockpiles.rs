//! `GET /capabilities/stockpiles`: stock pre-positioned in bordering states.

use super::*;

// ---------------------------------------------------------------------------------------------
// GET /capabilities/stockpiles
// ---------------------------------------------------------------------------------------------

/// Horizontal bars of units available, one per location and item.
pub(super) fn stockpiles_chart(r: &CapabilitiesReport, t: Tr) -> Markup {
    const W: f64 = 720.0;
    const LABEL: f64 = 230.0;
    const BARS: f64 = 400.0;
    const ROW: f64 = 24.0;
    let bars: Vec<(&str, &str, u64)> = r
        .stockpiles
        .iter()
        .flat_map(|l| {
            l.available_by_item
                .iter()
                .map(move |(item, n)| (l.location.as_str(), item.as_str(), *n))
        })
        .collect();
    if bars.is_empty() {
        return html! {
            p id="stockpiles-chart-empty" class="empty" { (t.msg("cap-stockpiles-chart-empty")) }
        };
    }
    let max = bars.iter().map(|b| b.2).max().unwrap_or(0).max(1) as f64;
    let scale = Linear::new((0.0, max), (0.0, BARS));
    let title = t.msg("cap-stockpiles-chart-title");
    let desc = t.msg("cap-stockpiles-chart-desc");
    let frame = Frame {
        id: "stockpiles-chart",
        width: W,
        height: bars.len() as f64 * ROW + 8.0,
        title: &title,
        desc: &desc,
    };
    let body = html! {
        @for (i, (location, item, n)) in bars.iter().enumerate() {
            @let y = i as f64 * ROW + 4.0;
            @let width = scale.at(*n as f64);
            g data-location=(location) data-item=(item) {
                title {
                    (location) ": "
                    (t.msg_args("cap-available", &[("units", units(*n).into()), ("item", (*item).into())]))
                }
                text x="0" y=(F1(y + 13.0)) { (location) " \u{b7} " (item) }
                rect class="bar-available" x=(LABEL) y=(F1(y)) width=(F1(width)) height="16" {}
                text class="value" x=(F1(LABEL + width + 6.0)) y=(F1(y + 13.0)) { (units(*n)) }
            }
        }
    };
    frame.inline("chart chart-wide", body)
}

pub(super) fn stockpiles_main(r: &CapabilitiesReport, names: &Names) -> Markup {
    let t = names.t;
    let location_heads = heads(
        t,
        &[
            ("cap-column-location", false),
            ("cap-column-transit", false),
            ("cap-column-lots", true),
            ("fund-column-available", false),
        ],
    );
    let locations = html! {
        @for l in &r.stockpiles {
            tr data-location=(l.location.as_str()) {
                th scope="row" {
                    @if l.name.is_empty() { (l.location.as_str()) }
                    @else { (l.name) " (" (l.location.as_str()) ")" }
                }
                td { @match l.transit { Some(t) => { (t) } None => { "\u{2014}" } } }
                td class="num" { (l.lots.len()) }
                td {
                    @if l.available_by_item.is_empty() { "\u{2014}" } @else {
                        ul class="sources" {
                            @for (item, n) in &l.available_by_item {
                                li data-item=(item.as_str()) data-available=(n) {
                                    (units(*n)) " " (item.as_str())
                                }
                            }
                        }
                    }
                }
            }
        }
        @if r.stockpiles.is_empty() {
            (empty_row(location_heads.len(), &t.msg("cap-locations-empty")))
        }
    };
    let lot_heads = heads(
        t,
        &[
            ("cap-column-lot", false),
            ("cap-column-owner", false),
            ("cap-column-item", false),
            ("cap-column-stocked", true),
            ("cap-column-released", true),
            ("fund-column-available", true),
        ],
    );
    let all_lots: Vec<_> = r
        .stockpiles
        .iter()
        .flat_map(|l| l.lots.iter().map(move |lot| (l, lot)))
        .take(ROWS_MAX)
        .collect();
    let lots = html! {
        @for (l, lot) in &all_lots {
            tr data-lot=(lot.lot.as_str()) data-location=(l.location.as_str()) {
                td { (lot.lot.as_str()) div class="meta" { (l.location.as_str()) } }
                td { (names.party(lot.owner.as_str())) }
                td { (lot.item.as_str()) }
                td class="num" { (units(lot.stocked)) }
                td class="num" { (units(lot.released)) }
                td class="num" data-available=(lot.available) { (units(lot.available)) }
            }
        }
        @if all_lots.is_empty() { (empty_row(lot_heads.len(), &t.msg("cap-lots-empty"))) }
    };
    html! {
        (section("stockpiles-chart-section", &t.msg("guarantors-at-a-glance"), stockpiles_chart(r, t)))
        (section("locations-section", &t.msg("cap-by-location"), table("locations", &t.msg("cap-locations-caption"), &cols(&location_heads), locations)))
        (section("lots-section", &t.msg("cap-lots-heading"), html! {
            (table("lots", &t.msg("cap-lots-heading"), &cols(&lot_heads), lots))
            (rows_cut(t, r.stockpiles.iter().map(|l| l.lots.len()).sum(), "/v1/capabilities/stockpiles"))
        }))
        p class="note" { (t.msg("cap-stockpiles-note")) }
    }
}
