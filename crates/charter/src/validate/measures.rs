//! `[[measure]]`: owners and renewal bodies that exist, a state to start in, dates that make
//! sense, levels that name the initial one.

use jiff::Timestamp;

use super::*;
use crate::legal_time::{AnnualDates, Zone};
use crate::measure::{Measure, MeasureOwner, MeasureState, Renewal};
use crate::{MeasureId, MeasureIdx};

/// What a measure may be owned by: a party or a body, by id.
pub(super) struct Owners<'a> {
    pub parties: &'a [Party],
    pub bodies: &'a [Body],
}

impl Owners<'_> {
    fn resolve(&self, id: &str) -> Option<MeasureOwner> {
        if let Some(i) = self.parties.iter().position(|p| p.id.as_str() == id) {
            return Some(MeasureOwner::Party(PartyIdx(i as u16)));
        }
        self.bodies
            .iter()
            .position(|b| b.id.as_str() == id)
            .map(|i| MeasureOwner::Body(BodyIdx(i as u16)))
    }
}

pub(super) fn check_measures(
    c: &mut Checker,
    raw: &[RawMeasure],
    owners: &Owners<'_>,
    effective: Timestamp,
) -> Vec<Measure> {
    let path = FieldPath::of(&["measure"]);
    if raw.len() > CHARTER_ITEMS_MAX {
        c.err(Problem::new(
            path.clone(),
            format!("a charter holds at most {CHARTER_ITEMS_MAX} measures"),
        ));
        return Vec::new();
    }
    let mut measures = Vec::with_capacity(raw.len());
    let mut ids = HashSet::new();
    for (i, m) in raw.iter().enumerate() {
        let mpath = path.clone().index(i);
        if !ids.insert(m.id.clone()) {
            c.err(Problem::new(
                mpath.key("id"),
                format!("measure `{}` is defined twice", m.id),
            ));
        }
        for (key, text) in [("name", &m.name), ("basis", &m.basis)] {
            if text.trim().is_empty() {
                c.err(
                    Problem::new(mpath.key(key), format!("the measure's {key} is empty"))
                        .help("say what the measure is and the instrument it rests on"),
                );
            }
        }
        let kind = m.kind.trim();
        if kind.is_empty() || kind.chars().any(char::is_whitespace) {
            c.err(
                Problem::new(mpath.key("kind"), format!("`{}` is not a kind", m.kind)).help(
                    "use one word: sanctions, restriction, intelligence, fund-mode, military, or your own",
                ),
            );
        }
        let owner = owners.resolve(&m.owner);
        if owner.is_none() {
            c.err(
                Problem::new(mpath.key("owner"), format!("unknown owner `{}`", m.owner)).help(
                    format!(
                        "the owner is a party or a body: {}",
                        list_ids(
                            owners
                                .parties
                                .iter()
                                .map(|p| p.id.as_str())
                                .chain(owners.bodies.iter().map(|b| b.id.as_str()))
                        )
                    ),
                ),
            );
        }
        let initial = MeasureState::from_name(&m.initial);
        match initial {
            None => c.err(
                Problem::new(
                    mpath.key("initial"),
                    format!("`{}` is not a state a measure can start in", m.initial),
                )
                .help("use \"in_force\" or \"suspended\" (eased, and able to snap back)"),
            ),
            Some(s) if !matches!(s, MeasureState::InForce | MeasureState::Suspended) => c.err(
                Problem::new(
                    mpath.key("initial"),
                    format!("a measure cannot start `{}`", m.initial),
                )
                .help("start it \"in_force\" or \"suspended\"; events and deadlines move it on"),
            ),
            Some(_) => {}
        }
        let level = check_levels(c, m, &mpath);
        let since = m.since.map_or(effective, |s| s.0);
        if let Some(expires) = m.expires
            && expires.0 <= since
        {
            c.err(
                Problem::new(
                    mpath.key("expires"),
                    format!("the measure expires at {} but starts at {since}", expires.0),
                )
                .help("an expiry lies after `since` (or the charter's effective instant)"),
            );
        }
        if m.expires.is_some() && m.sunset_after.is_some() {
            c.err(
                Problem::new(mpath.key("sunset_after"), "both `expires` and `sunset_after`")
                    .help("give the expiry as an instant or as a duration after entry into force, not both"),
            );
        }
        let renewal = m.renewal.as_ref().and_then(|r| {
            let rpath = mpath.key("renewal");
            if m.sunset_after.is_some() {
                c.err(
                    Problem::new(rpath.clone(), "a renewed measure has no `sunset_after`")
                        .help("its expiries are the renewal's `expires_on` dates"),
                );
            }
            let body = owners.bodies.iter().position(|b| b.id == r.body);
            if body.is_none() {
                c.err(
                    Problem::new(rpath.key("body"), format!("unknown body `{}`", r.body)).help(
                        format!(
                            "the renewal is decided by a body: {}",
                            list_ids(owners.bodies.iter().map(|b| b.id.as_str()))
                        ),
                    ),
                );
            }
            let zone = Zone::named(&r.zone)
                .map_err(|message| c.err(Problem::new(rpath.key("zone"), message)))
                .ok()?;
            let expiries = AnnualDates::parse(&r.expires_on, zone)
                .map_err(|(j, message)| {
                    c.err(Problem::new(rpath.key("expires_on").index(j), message));
                })
                .ok()?;
            Some(Renewal {
                body: BodyIdx(body? as u16),
                expiries,
                opens_before: r.opens_before,
                article: article(&r.article),
            })
        });
        if let (Some(owner), Some(initial)) = (owner, initial) {
            measures.push(Measure {
                id: m.id.clone(),
                name: m.name.trim().to_owned(),
                owner,
                kind: kind.to_owned(),
                basis: m.basis.trim().to_owned(),
                article: article(&m.article),
                initial,
                since,
                expires: m.expires.map(|e| e.0),
                sunset_after: m.sunset_after,
                renewal,
                levels: m.levels.clone(),
                level,
            });
        }
    }
    measures
}

fn check_levels(c: &mut Checker, m: &RawMeasure, path: &FieldPath) -> usize {
    let mut seen = HashSet::new();
    for (j, l) in m.levels.iter().enumerate() {
        if l.trim().is_empty() || !seen.insert(l.as_str()) {
            c.err(Problem::new(
                path.key("levels").index(j),
                format!("level `{l}` is empty or listed twice"),
            ));
        }
    }
    match &m.level {
        None => 0,
        Some(level) => match m.levels.iter().position(|l| l == level) {
            Some(i) => i,
            None => {
                c.err(
                    Problem::new(path.key("level"), format!("unknown level `{level}`")).help(
                        format!(
                            "name one of the measure's levels: {}",
                            list_ids(m.levels.iter().map(String::as_str))
                        ),
                    ),
                );
                0
            }
        },
    }
}

/// Resolves a measure id written in a package or an obligation.
pub(super) fn resolve_measure(
    c: &mut Checker,
    measures: &[Measure],
    id: &MeasureId,
    path: FieldPath,
) -> Option<MeasureIdx> {
    let found = measures.iter().position(|m| &m.id == id);
    if found.is_none() {
        c.err(
            Problem::new(path, format!("unknown measure `{id}`")).help(format!(
                "declare it in a [[measure]] table or use one of: {}",
                list_ids(measures.iter().map(|m| m.id.as_str()))
            )),
        );
    }
    found.map(|i| MeasureIdx(i as u16))
}
