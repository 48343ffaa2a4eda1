//! `GET /capabilities`: the readiness board.

use super::*;

// ---------------------------------------------------------------------------------------------
// GET /capabilities: the readiness board
// ---------------------------------------------------------------------------------------------

/// A package's figures on the readiness board.
pub(super) struct Card<'a> {
    pub(super) package: &'a str,
    pub(super) covered: bool,
    pub(super) unmet: bool,
    pub(super) short_by_due: u64,
    pub(super) late_s: i64,
}

pub(super) fn package_card(p: &Card, names: &Names) -> String {
    let status = if p.covered { "covered" } else { "short" };
    let gap = if p.covered {
        r#"<p>Every unit would arrive by its due instant.</p>"#.to_owned()
    } else {
        let unmet = if p.unmet {
            r#"<p class="unmet"><strong>Cannot be met in full</strong> from the stock and contracts recorded.</p>"#
        } else {
            ""
        };
        format!(
            r#"<dl class="gap"><dt>Short at the due instant</dt><dd data-short="{short}">{units} units</dd><dt>Late by</dt><dd data-late-s="{late_s}">{late}</dd></dl>{unmet}"#,
            short = p.short_by_due,
            units = units(p.short_by_due),
            late_s = p.late_s,
            late = if p.late_s > 0 {
                escape(&delay(p.late_s))
            } else if p.unmet {
                "never ready in full".to_owned()
            } else {
                "&mdash;".to_owned()
            },
        )
    };
    format!(
        r#"<li class="card" data-package="{id}" data-status="{status}" data-unmet="{unmet}"><p class="item-title">{name} {badge}</p><p class="meta">Package {id}</p>{gap}</li>"#,
        id = escape(p.package),
        unmet = p.unmet,
        name = escape(&names.package(p.package)),
        badge = badge(status),
    )
}

/// The lots a demand would draw on: (lot, location, units, arrives).
pub(super) fn stock_list<'a>(
    draws: impl Iterator<Item = (&'a str, &'a str, u64, Timestamp)>,
) -> String {
    let mut items = String::new();
    for (lot, location, quantity, arrives) in draws {
        let _ = write!(
            items,
            r#"<li data-lot="{lot}">{q} from lot {lot} in {loc}, arriving {at}</li>"#,
            lot = escape(lot),
            q = units(quantity),
            loc = escape(location),
            at = time(arrives),
        );
    }
    sources_list(items)
}

/// The contracts a demand would call off: (contract, units, complete by).
pub(super) fn contract_list<'a>(draws: impl Iterator<Item = (&'a str, u64, Timestamp)>) -> String {
    let mut items = String::new();
    for (contract, quantity, complete_by) in draws {
        let _ = write!(
            items,
            r#"<li data-contract="{id}">{q} called off {id}, complete by {at}</li>"#,
            id = escape(contract),
            q = units(quantity),
            at = time(complete_by),
        );
    }
    sources_list(items)
}

pub(super) fn sources_list(items: String) -> String {
    if items.is_empty() {
        "&mdash;".to_owned()
    } else {
        format!(r#"<ul class="sources">{items}</ul>"#)
    }
}

pub(super) fn sources_table(r: &CapabilitiesReport, names: &Names) -> String {
    let mut s = table_head(
        "readiness-sources",
        "Each obligation that counts items, if called now",
        &[
            ("Obligation", false),
            ("Units", true),
            ("Due", false),
            ("Ready", false),
            ("From stock", false),
            ("From contracts", false),
            ("Status", false),
        ],
    );
    for d in &r.readiness.demands {
        let status = if d.covered { "covered" } else { "short" };
        let ready = match d.ready_at {
            Some(t) => time(t),
            None => "not in full".to_owned(),
        };
        let short = if d.short_by_due > 0 {
            format!(
                r#"<div class="meta">{} short at the due instant</div>"#,
                units(d.short_by_due)
            )
        } else {
            String::new()
        };
        let stock = stock_list(
            d.from_stock
                .iter()
                .map(|s| (&*s.lot, &*s.location, s.quantity, s.arrives)),
        );
        let contracts = contract_list(
            d.from_contracts
                .iter()
                .map(|c| (&*c.contract, c.quantity, c.complete_by)),
        );
        let _ = write!(
            s,
            r#"<tr data-obligation="{o}" data-package="{p}" data-status="{status}"><td>{label}<div class="meta">{pname} &middot; {o}</div></td><td class="num">{q} {item}</td><td>{due}</td><td>{ready}{short}</td><td>{stock}</td><td>{contracts}</td><td>{badge}</td></tr>"#,
            o = escape(&d.obligation),
            p = escape(&d.package),
            label = demand_label(names, &d.obligation),
            pname = escape(&names.package(&d.package)),
            q = units(d.quantity),
            item = escape(&d.item),
            due = time(d.due),
            badge = badge(status),
        );
    }
    if r.readiness.demands.is_empty() {
        empty_row(&mut s, 7, "No obligation of the charter counts items.");
    }
    s.push_str(TABLE_END);
    s.push_str(r#"<p class="note">Obligations are served in charter order; each takes stock first (the lots nearest Ukraine first, only at its location if the charter names one), then what the valid contracts of its item can produce. What one takes is gone for the next.</p>"#);
    s
}

pub(super) fn item_obligations_table(r: &CapabilitiesReport, names: &Names) -> String {
    let mut s = table_head(
        "item-obligations",
        "Activated obligations that count items",
        &[
            ("Obligation", false),
            ("Received", true),
            ("Due", false),
            ("From stock", true),
            ("From contracts", true),
            ("Status", false),
        ],
    );
    for o in r.obligations.iter().take(crate::dashboard::ROWS_MAX) {
        let status = match o.fulfilled_at {
            Some(t) if t <= o.due => "fulfilled",
            Some(_) => "late",
            None if r.as_of > o.due => "overdue",
            None => "pending",
        };
        let fulfilled = o
            .fulfilled_at
            .map(|t| format!(r#"<div class="meta">fulfilled {}</div>"#, time(t)))
            .unwrap_or_default();
        let _ = write!(
            s,
            r#"<tr data-obligation="{id}" data-status="{status}"><td>{party}<div class="meta">{id} &middot; {item}</div></td><td class="num" data-received="{received}">{r} of {q}</td><td>{due}{fulfilled}</td><td class="num">{stock}</td><td class="num">{contracts}</td><td>{badge}</td></tr>"#,
            id = escape(o.obligation.as_str()),
            party = escape(&names.party(o.party.as_str())),
            item = escape(o.item.as_str()),
            received = o.received,
            r = units(o.received),
            q = units(o.quantity),
            due = time(o.due),
            stock = units(o.from_stock),
            contracts = units(o.from_contracts),
            badge = badge(status),
        );
    }
    if r.obligations.is_empty() {
        empty_row(
            &mut s,
            6,
            "No activation has created an obligation that counts items.",
        );
    }
    s.push_str(TABLE_END);
    s.push_str(&crate::dashboard::rows_note(
        r.obligations.len(),
        "/v1/capabilities",
    ));
    s.push_str(r#"<p class="note">At an activation the engine draws stock down and calls contracts off exactly as the readiness figures assumed; an obligation is met by receipts Ukraine (or the secretariat) records.</p>"#);
    s
}

pub(super) fn contracts_table(r: &CapabilitiesReport, names: &Names) -> String {
    let mut s = table_head(
        "contracts",
        "Standing production contracts",
        &[
            ("Contract", false),
            ("Item", false),
            ("Per month", true),
            ("At surge", true),
            ("Valid", false),
            ("Called off", true),
            ("Reserved", true),
        ],
    );
    for c in r.contracts.iter().take(crate::dashboard::ROWS_MAX) {
        let _ = write!(
            s,
            r#"<tr data-contract="{id}" data-valid="{valid}"><td>{id}<div class="meta">{supplier} ({country}) &middot; {party}</div></td><td>{item}</td><td class="num">{monthly}</td><td class="num">{surge}<div class="meta">after {lead}</div></td><td>{from} to {until}</td><td class="num">{called}</td><td class="num">{reserved}</td></tr>"#,
            id = escape(c.contract.as_str()),
            valid = c.valid,
            supplier = escape(&c.supplier),
            country = escape(&c.country),
            party = escape(&names.party(c.party.as_str())),
            item = escape(c.item.as_str()),
            monthly = units(c.monthly_capacity),
            surge = units(c.surge_capacity),
            lead = escape(&c.surge_lead_time.to_string()),
            from = time(c.valid_from),
            until = time(c.valid_until),
            called = units(c.called_off),
            reserved = units(c.reserved),
        );
    }
    if r.contracts.is_empty() {
        empty_row(&mut s, 7, "No contract has been registered.");
    }
    s.push_str(TABLE_END);
    s.push_str(&crate::dashboard::rows_note(
        r.contracts.len(),
        "/v1/capabilities",
    ));
    s
}

pub(super) fn readiness_main(r: &CapabilitiesReport, names: &Names) -> String {
    let packages = &r.readiness.packages;
    let covered = packages.iter().filter(|p| p.covered).count();
    let mut board = format!(
        r#"<p id="readiness-summary" data-covered="{covered}" data-packages="{n}">{covered} of {n} military packages would be covered if called now.</p><ul id="readiness-board" class="cards">"#,
        n = packages.len(),
    );
    for p in packages {
        let card = Card {
            package: &p.package,
            covered: p.covered,
            unmet: p.unmet,
            short_by_due: p.short_by_due,
            late_s: p.late_s,
        };
        board.push_str(&package_card(&card, names));
    }
    board.push_str("</ul>");
    if packages.is_empty() {
        board.push_str(r#"<p class="empty">No military package of the charter counts items.</p>"#);
    }
    let mut m = section("readiness-section", "Readiness board", &board);
    m.push_str(&section(
        "sources-section",
        "Where the units would come from",
        &sources_table(r, names),
    ));
    m.push_str(&section(
        "item-obligations-section",
        "Activated obligations",
        &item_obligations_table(r, names),
    ));
    m.push_str(&section(
        "contracts-section",
        "Standing contracts",
        &contracts_table(r, names),
    ));
    m.push_str(r#"<p class="note">The same figures as JSON: <a href="/v1/capabilities"><code>GET /v1/capabilities</code></a>; readiness at a later instant: <code>GET /v1/capabilities/readiness?at=RFC3339</code>.</p>"#);
    m
}
