//! `[[measure]]`: owners and renewal bodies that exist, a state to start in, dates that make
//! sense, levels that name the initial one.

use jiff::Timestamp;

use super::*;
use crate::legal_time::{AnnualDates, AnnualPeriod, Zone};
use crate::measure::{Measure, MeasureOwner, MeasureState, ReliefReview, Renewal};
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
    resolve_party: ResolveParty<'_>,
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
        if owner.is_none() && !c.dropped.has_id("body", &m.owner) {
            c.unresolved(
                "party",
                &m.owner,
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
                c.unresolved(
                    "body",
                    r.body.as_str(),
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
        let review = m
            .review
            .as_ref()
            .and_then(|r| check_review(c, r, owners, &mpath.key("review"), resolve_party));
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
                review,
                levels: m.levels.clone(),
                level,
                unwinds: m.unwinds,
            });
        }
    }
    measures
}

/// `[measure.review]`: bodies that exist (each once), a window with its optional long period,
/// a veto holder that exists, and an override rule exactly when there is a veto.
fn check_review(
    c: &mut Checker,
    r: &RawReview,
    owners: &Owners<'_>,
    path: &FieldPath,
    resolve_party: ResolveParty<'_>,
) -> Option<ReliefReview> {
    let before = c.problems.len();
    if r.bodies.is_empty() {
        c.err(
            Problem::new(path.key("bodies"), "a review needs at least one body")
                .help("name the bodies that must each adopt a disapproval, such as [\"house\", \"senate\"]"),
        );
    }
    let mut bodies = Vec::with_capacity(r.bodies.len());
    for (i, id) in r.bodies.iter().enumerate() {
        match owners.bodies.iter().position(|b| &b.id == id) {
            Some(b) if bodies.contains(&BodyIdx(b as u16)) => c.err(Problem::new(
                path.key("bodies").index(i),
                format!("body `{id}` is listed twice"),
            )),
            Some(b) => bodies.push(BodyIdx(b as u16)),
            None => c.unresolved(
                "body",
                id.as_str(),
                Problem::new(path.key("bodies").index(i), format!("unknown body `{id}`")).help(
                    format!(
                        "a review is voted by bodies: {}",
                        list_ids(owners.bodies.iter().map(|b| b.id.as_str()))
                    ),
                ),
            ),
        }
    }
    let zone = Zone::named(&r.zone)
        .map_err(|message| c.err(Problem::new(path.key("zone"), message)))
        .ok();
    let long_window = match (&r.long_window, &r.long_from, &r.long_to) {
        (None, None, None) => None,
        (Some(term), Some(from), Some(to)) => match AnnualPeriod::parse(from, to) {
            Ok(period) => Some((period, term.clone())),
            Err((first, message)) => {
                let key = if first { "long_from" } else { "long_to" };
                c.err(Problem::new(path.key(key), message));
                None
            }
        },
        _ => {
            c.err(
                Problem::new(
                    path.key("long_window"),
                    "a long window needs `long_window`, `long_from` and `long_to` together",
                )
                .help(
                    "for CAATSA: long_window = \"60d\", long_from = \"07-10\", long_to = \"09-07\"",
                ),
            );
            None
        }
    };
    let veto = r
        .veto
        .as_ref()
        .and_then(|id| resolve_party(c, id, path.key("veto")));
    let override_rule = match (&r.veto, &r.override_rule) {
        (Some(_), Some(raw)) => check_rule(c, raw, &path.key("override"), resolve_party),
        (Some(_), None) => {
            c.err(
                Problem::new(path.key("override"), "a veto needs an override rule")
                    .help("say what each body needs to override it, such as override = \"two-thirds-of-votes-cast\""),
            );
            None
        }
        (None, Some(_)) => {
            c.err(
                Problem::new(path.key("override"), "an override rule without a veto")
                    .help("name the party that may veto (`veto = \"...\"`) or remove `override`"),
            );
            None
        }
        (None, None) => Some(Rule::Majority),
    };
    if let Some(rule) = &override_rule
        && rule.needs_population()
    {
        c.err(
            Problem::new(
                path.key("override"),
                "an override rule cannot weigh population",
            )
            .help("use a count rule, such as \"two-thirds-of-votes-cast\""),
        );
    }
    for (key, d) in [
        ("veto_within", r.veto_within),
        ("override_within", r.override_within),
    ] {
        if d.seconds() == 0 {
            c.err(Problem::new(
                path.key(key),
                format!("{key} must be longer than zero"),
            ));
        }
    }
    if c.problems.len() != before {
        return None;
    }
    Some(ReliefReview {
        bodies,
        window: r.window.clone(),
        long_window,
        zone: zone?,
        veto,
        veto_within: r.veto_within,
        override_rule: override_rule?,
        override_within: r.override_within,
        article: article(&r.article),
    })
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
        c.unresolved(
            "measure",
            id.as_str(),
            Problem::new(path, format!("unknown measure `{id}`")).help(format!(
                "declare it in a [[measure]] table or use one of: {}",
                list_ids(measures.iter().map(|m| m.id.as_str()))
            )),
        );
    }
    found.map(|i| MeasureIdx(i as u16))
}

#[cfg(test)]
mod tests {
    use crate::{Diagnostics, Source, load_toml};

    const CAATSA: &str = include_str!("../../../../scenarios/precedents/charters/caatsa-216.toml");

    fn errors(text: String) -> Vec<String> {
        let d: Diagnostics = load_toml(&Source::new("caatsa.toml", text)).expect_err("rejected");
        d.errors.iter().map(|e| e.to_string()).collect()
    }

    #[test]
    fn the_caatsa_review_loads_with_its_windows() {
        let c = load_toml(&Source::new("caatsa.toml", CAATSA)).expect("loads");
        let review = c.measures[0].review.as_ref().expect("review");
        assert_eq!(review.bodies.len(), 2);
        let at = |s: &str| s.parse::<jiff::Timestamp>().unwrap();
        // 30 calendar days in New York, across the change to daylight saving.
        assert_eq!(
            review.window_for(at("2026-03-02T15:00:00Z")),
            (at("2026-04-01T14:00:00Z"), false)
        );
        // 10 July and 7 September are both in the long period (New York dates).
        assert_eq!(
            review.window_for(at("2026-07-10T04:30:00Z")),
            (at("2026-09-08T04:30:00Z"), true)
        );
        assert!(
            !review.window_for(at("2026-07-10T03:30:00Z")).1,
            "9 July in New York"
        );
        assert!(
            review.window_for(at("2026-09-08T03:59:00Z")).1,
            "7 September in New York"
        );
        assert!(!review.window_for(at("2026-09-08T04:00:00Z")).1);
    }

    #[test]
    fn a_broken_review_is_reported_at_each_field() {
        let text = CAATSA
            .replace(
                "bodies = [\"house\", \"senate\"]",
                "bodies = [\"house\", \"hosue\"]",
            )
            .replace("override = \"two-thirds-of-votes-cast\"\n", "")
            .replace("long_to = \"09-07\"", "long_to = \"09-31\"");
        let e = errors(text);
        assert!(
            e.iter()
                .any(|m| m.contains("measure[0].review.bodies[1]")
                    && m.contains("unknown body `hosue`")),
            "{e:?}"
        );
        assert!(
            e.iter().any(|m| m.contains("measure[0].review.override")
                && m.contains("a veto needs an override rule")),
            "{e:?}"
        );
        assert!(
            e.iter()
                .any(|m| m.contains("measure[0].review.long_to") && m.contains("09-31")),
            "{e:?}"
        );
    }

    #[test]
    fn a_long_window_needs_its_period_and_an_override_needs_a_veto() {
        let text = CAATSA
            .replace("long_from = \"07-10\"\n", "")
            .replace("veto = \"US-PRES\"\n", "");
        let e = errors(text);
        assert!(
            e.iter()
                .any(|m| m.contains("review.long_window") && m.contains("together")),
            "{e:?}"
        );
        assert!(
            e.iter()
                .any(|m| m.contains("review.override") && m.contains("without a veto")),
            "{e:?}"
        );
        let bad_share = CAATSA.replace(
            "override = \"two-thirds-of-votes-cast\"",
            "override = { kind = \"votes-cast\", num = 4, den = 3 }",
        );
        let e = errors(bad_share);
        assert!(e.iter().any(|m| m.contains("4/3 is not a share")), "{e:?}");
    }
}
