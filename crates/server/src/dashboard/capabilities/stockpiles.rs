//! `GET /capabilities/stockpiles`: stock pre-positioned in bordering states.

use super::*;

// ---------------------------------------------------------------------------------------------
// GET /capabilities/stockpiles
// ---------------------------------------------------------------------------------------------

/// Horizontal bars of units available, one per location and item.
pub(super) fn stockpiles_chart(r: &CapabilitiesReport) -> String {
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
        return r#"<p id="stockpiles-chart-empty" class="empty">No stock has been recorded, so there is nothing to chart.</p>"#.to_owned();
    }
    let max = bars.iter().map(|b| b.2).max().unwrap_or(0).max(1) as f64;
    let height = bars.len() as f64 * ROW + 8.0;
    let mut s = format!(
        r#"<div class="chart-scroll"><svg id="stockpiles-chart" class="chart chart-wide" viewBox="0 0 {W} {height:.0}" role="img" aria-labelledby="stockpiles-chart-title stockpiles-chart-desc" xmlns="http://www.w3.org/2000/svg"><title id="stockpiles-chart-title">Units available by location and item</title><desc id="stockpiles-chart-desc">One horizontal bar per location and item, its length the units still available there, with the figure at its end. The locations table gives the same figures.</desc>"#
    );
    for (i, (location, item, n)) in bars.iter().enumerate() {
        let y = i as f64 * ROW + 4.0;
        let width = BARS * *n as f64 / max;
        let _ = write!(
            s,
            r#"<g data-location="{loc}" data-item="{item}"><title>{loc}: {full} {item} available</title><text x="0" y="{ty:.1}">{loc} &middot; {item}</text><rect class="bar-available" x="{LABEL}" y="{y:.1}" width="{width:.1}" height="16"/><text class="value" x="{tx:.1}" y="{ty:.1}">{full}</text></g>"#,
            loc = escape(location),
            item = escape(item),
            full = units(*n),
            ty = y + 13.0,
            tx = LABEL + width + 6.0,
        );
    }
    s.push_str("</svg></div>");
    s
}

pub(super) fn stockpiles_main(r: &CapabilitiesReport, names: &Names) -> String {
    let mut locations = table_head(
        "locations",
        "Stock by location",
        &[
            ("Location", false),
            ("Transit to Ukraine", false),
            ("Lots", true),
            ("Available", false),
        ],
    );
    for l in &r.stockpiles {
        let mut available = String::from(r#"<ul class="sources">"#);
        for (item, n) in &l.available_by_item {
            let _ = write!(
                available,
                r#"<li data-item="{item}" data-available="{n}">{units} {item}</li>"#,
                item = escape(item.as_str()),
                units = units(*n),
            );
        }
        available.push_str("</ul>");
        if l.available_by_item.is_empty() {
            available = "&mdash;".to_owned();
        }
        let name = if l.name.is_empty() {
            escape(l.location.as_str())
        } else {
            format!("{} ({})", escape(&l.name), escape(l.location.as_str()))
        };
        let _ = write!(
            locations,
            r#"<tr data-location="{id}"><th scope="row">{name}</th><td>{transit}</td><td class="num">{lots}</td><td>{available}</td></tr>"#,
            id = escape(l.location.as_str()),
            transit = l
                .transit
                .map_or_else(|| "&mdash;".to_owned(), |t| escape(&t.to_string())),
            lots = l.lots.len(),
        );
    }
    if r.stockpiles.is_empty() {
        empty_row(&mut locations, 4, "The charter names no location.");
    }
    locations.push_str(TABLE_END);
    let mut lots = table_head(
        "lots",
        "Lots",
        &[
            ("Lot", false),
            ("Owner", false),
            ("Item", false),
            ("Stocked", true),
            ("Released", true),
            ("Available", true),
        ],
    );
    let mut any = false;
    let all_lots = r
        .stockpiles
        .iter()
        .flat_map(|l| l.lots.iter().map(move |lot| (l, lot)));
    for (l, lot) in all_lots.take(crate::dashboard::ROWS_MAX) {
        {
            any = true;
            let _ = write!(
                lots,
                r#"<tr data-lot="{id}" data-location="{loc}"><td>{id}<div class="meta">{loc}</div></td><td>{owner}</td><td>{item}</td><td class="num">{stocked}</td><td class="num">{released}</td><td class="num" data-available="{raw}">{available}</td></tr>"#,
                id = escape(lot.lot.as_str()),
                loc = escape(l.location.as_str()),
                owner = escape(&names.party(lot.owner.as_str())),
                item = escape(lot.item.as_str()),
                stocked = units(lot.stocked),
                released = units(lot.released),
                raw = lot.available,
                available = units(lot.available),
            );
        }
    }
    if !any {
        empty_row(&mut lots, 6, "No stock has been recorded.");
    }
    lots.push_str(TABLE_END);
    lots.push_str(&crate::dashboard::rows_note(
        r.stockpiles.iter().map(|l| l.lots.len()).sum(),
        "/v1/capabilities/stockpiles",
    ));
    let mut m = section(
        "stockpiles-chart-section",
        "At a glance",
        &stockpiles_chart(r),
    );
    m.push_str(&section("locations-section", "By location", &locations));
    m.push_str(&section("lots-section", "Lots", &lots));
    m.push_str(r#"<p class="note">Released: drawn down by an activation or released by its owner. Transit: the time released stock takes to reach Ukraine, as the charter sets it.</p>"#);
    m
}
