//! `GET /capabilities/restrictions`: usage restrictions and what lifts them.

use super::*;

// ---------------------------------------------------------------------------------------------
// GET /capabilities/restrictions
// ---------------------------------------------------------------------------------------------

pub(super) fn restrictions_main(r: &CapabilitiesReport, names: &Names) -> String {
    let in_force = r
        .restrictions
        .iter()
        .filter(|x| x.status == "in_force")
        .count();
    let mut s = format!(
        r#"<p id="restrictions-summary" data-in-force="{in_force}" data-lifted="{lifted}">{in_force} in force, {lifted} lifted.</p>"#,
        lifted = r.restrictions.len() - in_force,
    );
    s.push_str(&table_head(
        "restrictions",
        "Usage restrictions on donated systems",
        &[
            ("Restriction", false),
            ("Donor", false),
            ("Terms", false),
            ("Imposed", false),
            ("Status", false),
            ("Lifted on activation of", false),
        ],
    ));
    for x in r.restrictions.iter().take(crate::dashboard::ROWS_MAX) {
        let lifted = match (x.lifted_at, &x.activation, &x.lifted_by) {
            (Some(at), Some(a), _) => format!(
                r#"<div class="meta" data-lifted-by-activation="{a}">by activation {a}, {at}</div>"#,
                a = escape(a.as_str()),
                at = time(at),
            ),
            (Some(at), None, Some(p)) => format!(
                r#"<div class="meta" data-lifted-by="{p}">by {name}, {at}</div>"#,
                p = escape(p.as_str()),
                name = escape(&names.party(p.as_str())),
                at = time(at),
            ),
            (Some(at), None, None) => format!(r#"<div class="meta">{}</div>"#, time(at)),
            _ => String::new(),
        };
        let packages: Vec<String> = x
            .lifted_on_activation_of
            .iter()
            .map(|p| {
                format!(
                    r#"<li data-package="{id}">{name}</li>"#,
                    id = escape(p.as_str()),
                    name = escape(&names.package(p.as_str())),
                )
            })
            .collect();
        let packages = if packages.is_empty() {
            r#"<span class="meta">No package: only its donor can lift it.</span>"#.to_owned()
        } else {
            format!(
                r#"<ul class="tags" aria-label="Packages">{}</ul>"#,
                packages.concat()
            )
        };
        let _ = write!(
            s,
            r#"<tr data-restriction="{id}" data-donor="{donor}" data-status="{status}"><td>{id}<div class="meta">{system} &middot; {kind}</div></td><td>{donor_name}</td><td>{text}</td><td>{imposed}</td><td>{badge}{lifted}</td><td>{packages}</td></tr>"#,
            id = escape(x.restriction.as_str()),
            donor = escape(x.donor.as_str()),
            status = escape(x.status),
            system = escape(&x.system),
            kind = escape(&x.restriction_kind),
            donor_name = escape(&names.party(x.donor.as_str())),
            text = escape(&x.text),
            imposed = time(x.imposed_at),
            badge = badge(x.status),
        );
    }
    if r.restrictions.is_empty() {
        empty_row(&mut s, 6, "No restriction has been recorded.");
    }
    s.push_str(TABLE_END);
    s.push_str(&crate::dashboard::rows_note(
        r.restrictions.len(),
        "/v1/capabilities/restrictions",
    ));
    s.push_str(r#"<p class="note">A donor lifts its own restriction; a <code>[[restriction]]</code> rule of the charter lifts the listed restrictions when a package named in it is activated.</p>"#);
    section("restrictions-section", "Restrictions", &s)
}
