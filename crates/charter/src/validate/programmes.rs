//! `[[fund.programme]]`: the fund's disbursement programmes, their tranches and conditions.

use super::*;
use crate::programme::{Programme, ProgrammeTranche, TrancheCondition};

/// Every programme: unique ids, a purpose allowed in both modes, tranches with unique ids, a
/// positive amount and at least one condition each, conditions with unique ids, a text and a
/// verifier that is a party.
pub(super) fn check_programmes(
    c: &mut Checker,
    raw: &[RawProgramme],
    currency: Option<Currency>,
    purposes: &RawPurposes,
    fund: &FieldPath,
    resolve_party: ResolveParty<'_>,
) -> Vec<Programme> {
    if raw.len() > CHARTER_ITEMS_MAX {
        c.err(Problem::new(
            fund.key("programme"),
            format!("a fund has at most {CHARTER_ITEMS_MAX} programmes"),
        ));
        return Vec::new();
    }
    let mut seen = HashSet::new();
    let mut programmes = Vec::with_capacity(raw.len());
    for (i, p) in raw.iter().enumerate() {
        let path = fund.key("programme").index(i);
        if !seen.insert(&p.id) {
            c.err(
                Problem::new(
                    path.key("id"),
                    format!("programme `{}` is defined twice", p.id),
                )
                .help("give each [[fund.programme]] its own id"),
            );
        }
        if p.name.trim().is_empty() {
            c.err(
                Problem::new(path.key("name"), "the programme's name is empty").help(
                    "name it as its instrument does, such as name = \"Ukraine Facility, Pillar I\"",
                ),
            );
        }
        if !(purposes.peace.contains(&p.purpose) && purposes.conflict.contains(&p.purpose)) {
            let both: Vec<&str> = purposes
                .peace
                .iter()
                .filter(|x| purposes.conflict.contains(x))
                .map(PurposeId::as_str)
                .collect();
            c.err(
                Problem::new(
                    path.key("purpose"),
                    format!("`{}` is not a purpose of both of the fund's modes", p.purpose),
                )
                .help(if both.is_empty() {
                    "a programme's tranches are paid whatever the mode: list its purpose under both `peace` and `conflict` in [fund.purposes]".to_owned()
                } else {
                    format!(
                        "a programme's tranches are paid whatever the mode; use one of: {}",
                        list_ids(both.into_iter())
                    )
                }),
            );
        }
        let tranches = check_programme_tranches(c, &p.tranche, currency, &path, resolve_party);
        programmes.push(Programme {
            id: p.id.clone(),
            name: p.name.clone(),
            recipient: p.recipient.clone(),
            purpose: p.purpose.clone(),
            tranches,
            article: article(&p.article),
        });
    }
    programmes
}

fn check_programme_tranches(
    c: &mut Checker,
    raw: &[RawProgrammeTranche],
    currency: Option<Currency>,
    programme: &FieldPath,
    resolve_party: ResolveParty<'_>,
) -> Vec<ProgrammeTranche> {
    if raw.is_empty() {
        c.err(
            Problem::new(programme.key("tranche"), "the programme has no tranche")
                .help("add a [[fund.programme.tranche]] with id, amount, by and its conditions"),
        );
    }
    if raw.len() > CHARTER_ITEMS_MAX {
        c.err(Problem::new(
            programme.key("tranche"),
            format!("a programme has at most {CHARTER_ITEMS_MAX} tranches"),
        ));
        return Vec::new();
    }
    let mut seen = HashSet::new();
    let mut tranches = Vec::with_capacity(raw.len());
    for (i, t) in raw.iter().enumerate() {
        let path = programme.key("tranche").index(i);
        if !seen.insert(&t.id) {
            c.err(
                Problem::new(
                    path.key("id"),
                    format!("tranche `{}` is defined twice", t.id),
                )
                .help("give each tranche of a programme its own id"),
            );
        }
        if let Some(currency) = currency {
            check_money(c, currency, t.amount.0, Zero::Refused, path.key("amount"));
        }
        if t.condition.is_empty() {
            c.err(
                Problem::new(path.key("condition"), "the tranche has no condition")
                    .help("a tranche paid unconditionally is a disbursement: add a [[fund.programme.tranche.condition]] with id, kind, text and verifier"),
            );
        }
        if t.condition.len() > CHARTER_ITEMS_MAX {
            c.err(Problem::new(
                path.key("condition"),
                format!("a tranche has at most {CHARTER_ITEMS_MAX} conditions"),
            ));
            continue;
        }
        let mut ids = HashSet::new();
        let mut conditions = Vec::with_capacity(t.condition.len());
        for (j, k) in t.condition.iter().enumerate() {
            let cpath = path.key("condition").index(j);
            if !ids.insert(&k.id) {
                c.err(
                    Problem::new(
                        cpath.key("id"),
                        format!("condition `{}` is listed twice", k.id),
                    )
                    .help("give each condition of a tranche its own id"),
                );
            }
            if k.text.trim().is_empty() {
                c.err(
                    Problem::new(cpath.key("text"), "the condition's text is empty")
                        .help("say what must be done, as the instrument words it"),
                );
            }
            if let Some(verifier) = resolve_party(c, &k.verifier, cpath.key("verifier")) {
                conditions.push(TrancheCondition {
                    id: k.id.clone(),
                    kind: k.kind,
                    text: k.text.clone(),
                    verifier,
                });
            }
        }
        tranches.push(ProgrammeTranche {
            id: t.id.clone(),
            amount: t.amount.0,
            by: t.by.0,
            conditions,
        });
    }
    tranches
}
