//! The capability tracker's items and rules, and usage restrictions.

use super::*;

/// An obligation's `item`, `quantity` and `location`: all or none of item and quantity, only on
/// military obligations, a quantity of at least one, a location the charter names.
pub(super) fn check_items(
    c: &mut Checker,
    o: &RawObligation,
    kind: &str,
    capabilities: Option<&Capabilities>,
    path: &FieldPath,
) -> Option<ItemQuantity> {
    let (item, quantity) = match (&o.item, o.quantity) {
        (None, None) => {
            if o.location.is_some() {
                c.err(
                    Problem::new(path.key("location"), "a location without an item")
                        .help("add item = \"...\" and quantity = N, or remove the location"),
                );
            }
            return None;
        }
        (Some(_), None) => {
            c.err(
                Problem::new(path.clone(), "an item needs a quantity")
                    .help("add quantity = N (units, at least 1)"),
            );
            return None;
        }
        (None, Some(_)) => {
            c.err(
                Problem::new(path.clone(), "a quantity needs an item")
                    .help("add item = \"155mm-shell\" (the item the quantity counts)"),
            );
            return None;
        }
        (Some(item), Some(quantity)) => (item, quantity),
    };
    if kind != "military" {
        c.err(
            Problem::new(
                path.key("item"),
                format!("only military obligations count items, this one is `{kind}`"),
            )
            .help("use kind = \"military\", or remove item and quantity"),
        );
    }
    if quantity == 0 {
        c.err(
            Problem::new(path.key("quantity"), "the quantity is zero")
                .help("an obligation delivers at least one unit"),
        );
    }
    if let Some(location) = &o.location {
        let known = capabilities.is_some_and(|cap| cap.location(location.as_str()).is_some());
        if !known {
            let names = capabilities
                .map(|cap| list_ids(cap.locations.iter().map(|l| l.id.as_str())))
                .unwrap_or_default();
            c.err(
                Problem::new(
                    path.key("location"),
                    format!("unknown location `{location}`"),
                )
                .help(if names.is_empty() {
                    "declare it in a [[capabilities.location]] table".to_owned()
                } else {
                    format!("use one of the [[capabilities.location]] ids: {names}")
                }),
            );
        }
    }
    Some(ItemQuantity {
        item: item.clone(),
        quantity,
        location: o.location.clone(),
    })
}

/// `[capabilities]`: unique location and centre ids, a host that is a party, a capacity.
pub(super) fn check_capabilities(
    c: &mut Checker,
    raw: &RawCapabilities,
    resolve_party: ResolveParty<'_>,
) -> Capabilities {
    let path = FieldPath::of(&["capabilities"]);
    if raw.location.len() > CHARTER_ITEMS_MAX || raw.training_centre.len() > CHARTER_ITEMS_MAX {
        c.err(Problem::new(
            path.clone(),
            format!("[capabilities] holds at most {CHARTER_ITEMS_MAX} locations and centres each"),
        ));
    }
    let mut seen = HashSet::new();
    let mut locations = Vec::with_capacity(raw.location.len());
    for (i, l) in raw.location.iter().enumerate() {
        let lpath = path.key("location").index(i);
        if !seen.insert(l.id.clone()) {
            c.err(
                Problem::new(
                    lpath.key("id"),
                    format!("location `{}` is named twice", l.id),
                )
                .help("give each location one [[capabilities.location]] table"),
            );
        }
        if l.name.trim().is_empty() {
            c.err(Problem::new(
                lpath.key("name"),
                "the location's name is empty",
            ));
        }
        locations.push(Location {
            id: l.id.clone(),
            name: l.name.clone(),
            transit: l.transit,
        });
    }
    let mut seen = HashSet::new();
    let mut centres = Vec::with_capacity(raw.training_centre.len());
    for (i, t) in raw.training_centre.iter().enumerate() {
        let tpath = path.key("training_centre").index(i);
        if !seen.insert(t.id.clone()) {
            c.err(
                Problem::new(
                    tpath.key("id"),
                    format!("training centre `{}` is named twice", t.id),
                )
                .help("give each centre one [[capabilities.training_centre]] table"),
            );
        }
        if t.capacity_per_month == 0 {
            c.err(
                Problem::new(tpath.key("capacity_per_month"), "the capacity is zero")
                    .help("how many trainees the centre can start per 30 days, at least 1"),
            );
        }
        if let Some(host) = resolve_party(c, &t.host, tpath.key("host")) {
            centres.push(TrainingCentre {
                id: t.id.clone(),
                name: t.name.clone(),
                host,
                capacity_per_month: t.capacity_per_month,
                article: article(&t.article),
            });
        }
    }
    Capabilities {
        article: article(&raw.article),
        locations,
        centres,
    }
}

pub(super) type ResolvePackage<'a> =
    &'a dyn Fn(&mut Checker, &str, FieldPath) -> Option<PackageIdx>;

/// `[[restriction]]`: a donor that is a party, a package that exists.
pub(super) fn check_restrictions(
    c: &mut Checker,
    raw: &[RawRestriction],
    resolve_party: ResolveParty<'_>,
    resolve_package: ResolvePackage<'_>,
) -> Vec<RestrictionRule> {
    let path = FieldPath::of(&["restriction"]);
    if raw.len() > CHARTER_ITEMS_MAX {
        c.err(Problem::new(
            path.clone(),
            format!("a charter holds at most {CHARTER_ITEMS_MAX} restriction rules"),
        ));
    }
    let mut rules = Vec::with_capacity(raw.len());
    for (i, r) in raw.iter().enumerate() {
        let rpath = path.clone().index(i);
        if r.system.as_ref().is_some_and(|s| s.trim().is_empty()) {
            c.err(
                Problem::new(rpath.key("system"), "the system is empty")
                    .help("name the system the restrictions are on, or remove `system` to cover all the donor's"),
            );
        }
        let donor = resolve_party(c, &r.donor, rpath.key("donor"));
        let package = resolve_package(c, r.lifted_by.as_str(), rpath.key("lifted_by"));
        if let (Some(donor), Some(lifted_by)) = (donor, package) {
            rules.push(RestrictionRule {
                donor,
                system: r.system.clone(),
                lifted_by,
                article: article(&r.article),
            });
        }
    }
    rules
}
