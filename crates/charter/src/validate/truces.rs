//! `[[truce]]`: two or more distinct sides that are parties, scope labels, a term that ends after
//! it starts, and a verifying body that exists.

use super::*;
use crate::monitoring::{LABEL_HELP, is_label};
use crate::truce::{TRUCE_SIDES_MAX, Truce};

pub(super) fn check_truces(
    c: &mut Checker,
    raw: &[RawTruce],
    resolve_party: ResolveParty<'_>,
    resolve_body: &dyn Fn(&mut Checker, &str, FieldPath) -> Option<BodyIdx>,
) -> Vec<Truce> {
    let path = FieldPath::of(&["truce"]);
    if raw.len() > CHARTER_ITEMS_MAX {
        c.err(Problem::new(
            path,
            format!("a charter holds at most {CHARTER_ITEMS_MAX} truces"),
        ));
        return Vec::new();
    }
    let mut truces = Vec::with_capacity(raw.len());
    let mut ids = HashSet::new();
    for (i, t) in raw.iter().enumerate() {
        let tpath = path.clone().index(i);
        if !ids.insert(t.id.clone()) {
            c.err(Problem::new(
                tpath.key("id"),
                format!("truce `{}` is defined twice", t.id),
            ));
        }
        if t.name.trim().is_empty() {
            c.err(
                Problem::new(tpath.key("name"), "the truce's name is empty")
                    .help("say what the truce is, e.g. \"Energy infrastructure moratorium\""),
            );
        }
        let sides = check_sides(c, t, &tpath, resolve_party);
        for (key, labels) in [("categories", &t.categories), ("areas", &t.areas)] {
            for (j, label) in labels.iter().enumerate() {
                if !is_label(label) {
                    c.err(
                        Problem::new(tpath.key(key).index(j), format!("`{label}` is not a label"))
                            .help(LABEL_HELP),
                    );
                }
            }
        }
        let from = t.from.0;
        let until = match (&t.until, &t.lasts) {
            (Some(until), None) => Some(until.0),
            (None, Some(lasts)) => Some(lasts.after(from)),
            _ => {
                c.err(
                    Problem::new(tpath.clone(), "a truce needs exactly one of `until` and `lasts`")
                        .help("write until = \"2025-04-17T00:00:00Z\", or lasts = { days = 30, zone = \"Europe/Kyiv\" }"),
                );
                None
            }
        };
        if let Some(until) = until
            && until <= from
        {
            c.err(Problem::new(
                tpath.key("until"),
                format!("the truce ends ({until}) before it starts ({from})"),
            ));
        }
        let body = resolve_body(c, t.body.as_str(), tpath.key("body"));
        if let (Some(sides), Some(until), Some(body)) = (sides, until, body) {
            truces.push(Truce {
                id: t.id.clone(),
                name: t.name.clone(),
                sides,
                categories: t.categories.clone(),
                areas: t.areas.clone(),
                from,
                until,
                body,
                reply_within: t.reply_within,
                article: article(&t.article),
            });
        }
    }
    truces
}

fn check_sides(
    c: &mut Checker,
    t: &RawTruce,
    tpath: &FieldPath,
    resolve_party: ResolveParty<'_>,
) -> Option<Vec<PartyIdx>> {
    let spath = tpath.key("sides");
    if t.sides.len() < 2 || t.sides.len() > TRUCE_SIDES_MAX {
        c.err(
            Problem::new(
                spath,
                format!(
                    "a truce has 2 to {TRUCE_SIDES_MAX} sides, not {}",
                    t.sides.len()
                ),
            )
            .help("name the parties bound by it, e.g. sides = [\"UA\", \"RU\"]"),
        );
        return None;
    }
    let mut sides = Vec::with_capacity(t.sides.len());
    for (j, side) in t.sides.iter().enumerate() {
        let idx = resolve_party(c, side, spath.clone().index(j))?;
        if sides.contains(&idx) {
            c.err(Problem::new(
                spath.clone().index(j),
                format!("`{side}` is named twice among the sides"),
            ));
            return None;
        }
        sides.push(idx);
    }
    Some(sides)
}
