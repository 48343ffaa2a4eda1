//! From the file as written to the validated [`Charter`]: resolve every reference, check every
//! range, and collect all problems at once so a person can fix a charter in one pass.

use std::collections::HashSet;

use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use crate::diag::{FieldPath, Problem};
use crate::ids::{PartyId, PurposeId};
use crate::model::*;
use crate::money::{Currency, MoneyError};
use crate::raw::*;
use crate::shape::Dropped;
use crate::voting::{Qualified, Rule};
use crate::{BodyIdx, PackageIdx, PartyIdx, TierIdx};

mod board;
mod capabilities;
mod fund;
mod measures;
mod monitoring;
mod parties;
mod procedure;
mod programmes;
mod truces;

use board::*;
use capabilities::*;
use fund::*;
use measures::*;
use monitoring::*;
use parties::*;
use procedure::*;
use programmes::*;
use truces::*;

/// Problems found while validating; they are collected, not returned at the first.
#[derive(Default)]
struct Checker {
    problems: Vec<Problem>,
    warnings: Vec<Problem>,
    /// The items left out because they did not parse (their errors are already reported).
    dropped: Dropped,
}

impl Checker {
    fn err(&mut self, problem: Problem) {
        self.problems.push(problem);
    }

    /// A reference to `id` in the top-level list `array` that resolves to nothing: reported,
    /// unless an item of that list with this id was written but failed to parse (its own error
    /// is the one to fix; the reference is not a second mistake).
    fn unresolved(&mut self, array: &str, id: &str, problem: Problem) {
        if !self.dropped.has_id(array, id) {
            self.problems.push(problem);
        }
    }
}

fn article(text: &Option<String>) -> Article {
    Article(text.clone())
}

fn list_ids<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    let ids: Vec<&str> = ids.collect();
    if ids.is_empty() {
        "(none defined)".to_owned()
    } else {
        ids.join(", ")
    }
}

/// Validates a parsed charter file; `dropped` names the items that failed to parse.
pub(crate) fn validate(raw: RawCharterFile, dropped: Dropped) -> Result<Charter, Vec<Problem>> {
    let mut c = Checker {
        dropped,
        ..Checker::default()
    };
    let root = FieldPath::root();

    if raw.charter.id.trim().is_empty() {
        c.err(Problem::new(
            FieldPath::of(&["charter", "id"]),
            "the charter id is empty",
        ));
    }
    if raw.party.len() > CHARTER_ITEMS_MAX
        || raw.body.len() > CHARTER_ITEMS_MAX
        || raw.package.len() > CHARTER_ITEMS_MAX
        || raw.tier.len() > CHARTER_ITEMS_MAX
    {
        c.err(Problem::new(
            root.clone(),
            format!("a charter holds at most {CHARTER_ITEMS_MAX} parties, bodies, tiers and packages each"),
        ));
        return Err(c.problems);
    }

    let parties = check_parties(&mut c, &raw.party);
    let party_index: FxHashMap<PartyId, PartyIdx> = parties
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.clone(), PartyIdx(i as u16)))
        .collect();
    let resolve_party = |c: &mut Checker, id: &PartyId, path: FieldPath| -> Option<PartyIdx> {
        let found = party_index.get(id).copied();
        if found.is_none() {
            c.unresolved(
                "party",
                id.as_str(),
                Problem::new(path, format!("unknown party `{id}`")).help(format!(
                    "declare it in a [[party]] table or use one of: {}",
                    list_ids(parties.iter().map(|p| p.id.as_str()))
                )),
            );
        }
        found
    };

    let beneficiary = resolve_party(
        &mut c,
        &raw.charter.beneficiary,
        FieldPath::of(&["charter", "beneficiary"]),
    );
    if let Some(b) = beneficiary
        && !parties[usize::from(b.0)].has_role(Role::Beneficiary)
    {
        c.err(
            Problem::new(
                FieldPath::of(&["charter", "beneficiary"]),
                format!(
                    "party `{}` does not have the role beneficiary",
                    raw.charter.beneficiary
                ),
            )
            .help("add \"beneficiary\" to that party's roles"),
        );
    }

    // Bodies.
    let mut bodies = Vec::with_capacity(raw.body.len());
    let mut body_ids = HashSet::new();
    for (i, b) in raw.body.iter().enumerate() {
        let path = FieldPath::of(&["body"]).index(i);
        if !body_ids.insert(b.id.clone()) {
            c.err(Problem::new(
                path.key("id"),
                format!("body `{}` is defined twice", b.id),
            ));
        }
        let members = match &b.members {
            RawMembers::List(list) => {
                let mut out = Vec::with_capacity(list.len());
                for (j, id) in list.iter().enumerate() {
                    let p = path.key("members").index(j);
                    if let Some(idx) = resolve_party(&mut c, id, p.clone()) {
                        if out.contains(&idx) {
                            c.err(Problem::new(p, format!("`{id}` is listed twice")));
                        }
                        out.push(idx);
                    }
                }
                out.sort();
                Members::List(out)
            }
            RawMembers::Role(role) => Members::Role(*role),
            RawMembers::Group(group) => Members::Group(group.clone()),
        };
        let selected: Vec<PartyIdx> = (0..parties.len())
            .map(|i| PartyIdx(i as u16))
            .filter(|p| selects(&parties, &members, *p))
            .collect();
        if selected.is_empty() {
            let mut groups: Vec<&str> = parties
                .iter()
                .flat_map(|p| p.groups.iter().map(String::as_str))
                .collect();
            groups.sort();
            groups.dedup();
            c.err(
                Problem::new(
                    path.key("members"),
                    format!("body `{}` has no members", b.id),
                )
                .help(format!(
                    "the groups in this charter are: {}",
                    list_ids(groups.into_iter())
                )),
            );
        }
        let rule = check_rule(&mut c, &b.rule, &path.key("rule"), &resolve_party);
        if let Some(rule) = &rule {
            if rule.needs_population() {
                for p in &selected {
                    let party = &parties[usize::from(p.0)];
                    if party.population.is_none_or(|n| n == 0) {
                        c.err(
                            Problem::new(
                                path.key("rule"),
                                format!(
                                    "rule of body `{}` weighs votes by population, but member `{}` has none",
                                    b.id, party.id
                                ),
                            )
                            .help(format!("give party `{}` a population (an integer > 0)", party.id)),
                        );
                    }
                }
            }
            if let Rule::Threshold { min_yes, veto } = rule {
                if *min_yes as usize > selected.len() && !selected.is_empty() {
                    c.err(Problem::new(
                        path.key("rule").key("min_yes"),
                        format!(
                            "min_yes = {min_yes} but body `{}` has only {} possible members",
                            b.id,
                            selected.len()
                        ),
                    ));
                }
                for v in veto {
                    if !selected.contains(v) {
                        c.err(Problem::new(
                            path.key("rule").key("veto"),
                            format!(
                                "veto holder `{}` is not a member of body `{}`",
                                parties[usize::from(v.0)].id,
                                b.id
                            ),
                        ));
                    }
                }
            }
        }
        let presidency = check_presidency(
            &mut c,
            &b.presidency,
            &path.key("presidency"),
            &selected,
            &resolve_party,
        );
        if let Some(q) = b.quorum
            && (q == 0 || q as usize > selected.len())
        {
            c.err(
                Problem::new(
                    path.key("quorum"),
                    format!(
                        "a quorum of {q} in a body of {} members can never be met or means nothing",
                        selected.len()
                    ),
                )
                .help("give the number of members who must take part, from 1 to the body's size"),
            );
        }
        bodies.push(Body {
            id: b.id.clone(),
            name: b.name.clone().unwrap_or_else(|| b.id.to_string()),
            members,
            rule: rule.unwrap_or(Rule::Majority),
            article: article(&b.article),
            quorum: b.quorum,
            presidency,
        });
    }
    let resolve_body = |c: &mut Checker, id: &str, path: FieldPath| -> Option<BodyIdx> {
        let found = bodies.iter().position(|b| b.id.as_str() == id);
        if found.is_none() {
            c.unresolved(
                "body",
                id,
                Problem::new(path, format!("unknown body `{id}`")).help(format!(
                    "declare it in a [[body]] table or use one of: {}",
                    list_ids(bodies.iter().map(|b| b.id.as_str()))
                )),
            );
        }
        found.map(|i| BodyIdx(i as u16))
    };

    let measures = check_measures(
        &mut c,
        &raw.measure,
        &Owners {
            parties: &parties,
            bodies: &bodies,
        },
        raw.charter.effective.0,
        &resolve_party,
    );
    let alerts = check_alerts(&mut c, &raw.alert, &parties, &resolve_party);

    let capabilities = raw
        .capabilities
        .as_ref()
        .map(|cap| check_capabilities(&mut c, cap, &resolve_party));

    // Packages.
    let mut packages = Vec::with_capacity(raw.package.len());
    let mut package_ids = HashSet::new();
    for (i, p) in raw.package.iter().enumerate() {
        let path = FieldPath::of(&["package"]).index(i);
        if !package_ids.insert(p.id.clone()) {
            c.err(Problem::new(
                path.key("id"),
                format!("package `{}` is defined twice", p.id),
            ));
        }
        if p.obligation.is_empty() && p.restores.is_empty() {
            c.err(
                Problem::new(
                    path.clone(),
                    format!("package `{}` has no obligations", p.id),
                )
                .help("add [[package.obligation]] tables saying who must do what, or `restores` naming the measures it puts back in force"),
            );
        }
        let decision = p.decision.as_ref().and_then(|d| {
            let body = resolve_body(&mut c, d.body.as_str(), path.key("decision").key("body"))?;
            let proposer = match &d.proposer {
                None => None,
                Some(id) => Some(resolve_party(
                    &mut c,
                    id,
                    path.key("decision").key("proposer"),
                )?),
            };
            Some(PackageDecision {
                body,
                decide_within: d.decide_within.nominal(),
                deadline: d.decide_within.clone(),
                proceed_if: d.proceed_if,
                proposer,
                article: article(&d.article),
            })
        });
        let mut obligations = Vec::with_capacity(p.obligation.len());
        for (j, o) in p.obligation.iter().enumerate() {
            let opath = path.key("obligation").index(j);
            let party = resolve_party(&mut c, &o.party, opath.key("party"));
            let kind = o.kind.trim();
            if kind.is_empty() || kind.chars().any(|ch| ch.is_whitespace()) {
                c.err(
                    Problem::new(opath.key("kind"), format!("`{}` is not a kind", o.kind)).help(
                        "use one word: sanctions, funds, military, restriction-lift, intelligence, training, or your own",
                    ),
                );
            }
            let money = match (&o.amount, &o.currency) {
                (None, None) => None,
                (Some(_), None) => {
                    c.err(
                        Problem::new(opath.key("amount"), "an amount needs a currency")
                            .help("add currency = \"EUR\" (an ISO 4217 code)"),
                    );
                    None
                }
                (None, Some(_)) => {
                    c.err(
                        Problem::new(opath.key("currency"), "a currency without an amount")
                            .help("add amount = \"...\" or remove the currency"),
                    );
                    None
                }
                (Some(amount), Some(code)) => {
                    if let Some(currency) = parse_currency(&mut c, code, opath.key("currency")) {
                        check_money(
                            &mut c,
                            currency,
                            amount.0,
                            Zero::Allowed,
                            opath.key("amount"),
                        );
                    }
                    Some(Money {
                        amount: amount.0,
                        currency: code.clone(),
                    })
                }
            };
            let items = check_items(&mut c, o, kind, capabilities.as_ref(), &opath);
            let measure = o.measure.as_ref().and_then(|m| {
                if kind != "sanctions" {
                    c.err(
                        Problem::new(
                            opath.key("measure"),
                            format!("a `{kind}` obligation cannot re-impose a measure"),
                        )
                        .help("only kind = \"sanctions\" obligations link to a measure"),
                    );
                }
                resolve_measure(&mut c, &measures, m, opath.key("measure"))
            });
            if let Some(party) = party {
                obligations.push(ObligationTemplate {
                    party,
                    kind: ObligationKind::from_word(kind),
                    due_within: o.due_within,
                    description: o.description.as_str().into(),
                    money,
                    items,
                    measure,
                    article: article(&o.article),
                });
            }
        }
        let mut restores = Vec::with_capacity(p.restores.len());
        for (j, m) in p.restores.iter().enumerate() {
            if let Some(idx) = resolve_measure(&mut c, &measures, m, path.key("restores").index(j))
            {
                if restores.contains(&idx) {
                    c.err(Problem::new(
                        path.key("restores").index(j),
                        format!("measure `{m}` is listed twice"),
                    ));
                }
                restores.push(idx);
            }
        }
        packages.push(Package {
            id: p.id.clone(),
            name: p.name.clone().unwrap_or_else(|| p.id.to_string()),
            article: article(&p.article),
            decision,
            obligations,
            restores,
        });
    }
    let resolve_package = |c: &mut Checker, id: &str, path: FieldPath| -> Option<PackageIdx> {
        let found = packages.iter().position(|p| p.id.as_str() == id);
        if found.is_none() {
            c.unresolved(
                "package",
                id,
                Problem::new(path, format!("unknown package `{id}`")).help(format!(
                    "declare it in a [[package]] table or use one of: {}",
                    list_ids(packages.iter().map(|p| p.id.as_str()))
                )),
            );
        }
        found.map(|i| PackageIdx(i as u16))
    };

    // Tiers, sorted by severity.
    let mut tiers: Vec<(usize, Tier)> = Vec::with_capacity(raw.tier.len());
    let mut tier_ids = HashSet::new();
    for (i, t) in raw.tier.iter().enumerate() {
        let path = FieldPath::of(&["tier"]).index(i);
        if !tier_ids.insert(t.id.clone()) {
            c.err(Problem::new(
                path.key("id"),
                format!("tier `{}` is defined twice", t.id),
            ));
        }
        let in_range = (1..=5).contains(&t.min_severity);
        if !in_range {
            c.err(
                Problem::new(
                    path.key("min_severity"),
                    format!("min_severity is {}", t.min_severity),
                )
                .help("severities run from 1 (least) to 5 (most severe)"),
            );
        }
        // Only severities as written are compared: an out-of-range one is reported above, and
        // the clamped stand-in it is kept under must not collide with a tier that is right.
        if let Some(other) = raw
            .tier
            .iter()
            .take(i)
            .find(|o| in_range && o.min_severity == t.min_severity)
        {
            c.err(
                Problem::new(
                    path.key("min_severity"),
                    format!(
                        "tiers `{}` and `{}` both start at severity {}",
                        other.id, t.id, t.min_severity
                    ),
                )
                .help("each tier needs its own min_severity so a claim selects exactly one"),
            );
        }
        let mut tier_packages = Vec::with_capacity(t.packages.len());
        for (j, p) in t.packages.iter().enumerate() {
            if let Some(idx) = resolve_package(&mut c, p.as_str(), path.key("packages").index(j)) {
                tier_packages.push(idx);
            }
        }
        tiers.push((
            i,
            Tier {
                id: t.id.clone(),
                name: t.name.clone().unwrap_or_else(|| t.id.to_string()),
                min_severity: t.min_severity.clamp(1, 5) as u8,
                packages: tier_packages,
                article: article(&t.article),
            },
        ));
    }
    tiers.sort_by_key(|(_, t)| t.min_severity);
    let tiers: Vec<Tier> = tiers.into_iter().map(|(_, t)| t).collect();

    let escalation = raw.escalation.as_ref().and_then(|e| {
        let path = FieldPath::of(&["escalation"]);
        if e.threshold < 1 || e.threshold > i64::from(u32::MAX) {
            c.err(
                Problem::new(
                    path.key("threshold"),
                    format!("threshold is {}", e.threshold),
                )
                .help("the threshold is a positive sum of severities, such as 6"),
            );
        }
        let tier = tiers.iter().position(|t| t.id == e.tier);
        if tier.is_none() {
            c.unresolved(
                "tier",
                e.tier.as_str(),
                Problem::new(path.key("tier"), format!("unknown tier `{}`", e.tier)).help(format!(
                    "use one of: {}",
                    list_ids(tiers.iter().map(|t| t.id.as_str()))
                )),
            );
        }
        Some(Escalation {
            window: e.window,
            threshold: e.threshold.clamp(1, i64::from(u32::MAX)) as u32,
            tier: TierIdx(tier? as u16),
            article: article(&e.article),
        })
    });

    // Verification.
    let v = &raw.verification;
    let vpath = FieldPath::of(&["verification"]);
    let mut claimants = Vec::with_capacity(v.claimants.len());
    for (i, id) in v.claimants.iter().enumerate() {
        if let Some(idx) = resolve_party(&mut c, id, vpath.key("claimants").index(i)) {
            claimants.push(idx);
        }
    }
    if v.claimants.is_empty() {
        c.err(
            Problem::new(vpath.key("claimants"), "nobody may file claims").help(
                "list the parties with standing, usually the beneficiary: claimants = [\"UA\"]",
            ),
        );
    }
    let body = resolve_body(&mut c, v.body.as_str(), vpath.key("body"));
    let stages = check_stages(
        &mut c,
        &v.stage,
        &vpath.key("stage"),
        body.map(|b| &bodies[usize::from(b.0)]),
    );
    let evidence = v.evidence.as_ref().map(|e| {
        if e.min_source_kinds == 0 {
            c.warnings.push(Problem::new(
                vpath.key("evidence").key("min_source_kinds"),
                "min_source_kinds = 0 requires nothing; remove [verification.evidence] instead",
            ));
        }
        EvidenceRule {
            min_source_kinds: e.min_source_kinds,
            article: article(&e.article),
        }
    });

    let log = raw.log.as_ref().map(|l| {
        let path = FieldPath::of(&["log"]);
        if l.origin.trim().is_empty() || l.origin.contains('\n') {
            c.err(Problem::new(
                path.key("origin"),
                "the log origin must be one non-empty line",
            ));
        }
        let name = l.key.split('+').next().unwrap_or_default();
        if let Err(message) = check_verifier_key_syntax(&l.key, name) {
            c.err(Problem::new(path.key("key"), message));
        } else if name != l.origin {
            c.err(
                Problem::new(
                    path.key("key"),
                    format!(
                        "the log key is named `{name}`, not the origin `{}`",
                        l.origin
                    ),
                )
                .help("a checkpoint is signed by a key named after the log's origin"),
            );
        }
        let witnesses = check_witnesses(&mut c, &l.witness, &path);
        let quorum = check_quorum(&mut c, l.quorum, l.witness.len(), &path);
        LogInfo {
            origin: l.origin.clone(),
            key: l.key.clone(),
            witnesses,
            quorum,
        }
    });

    let truces = check_truces(&mut c, &raw.truce, &resolve_party, &resolve_body);
    check_alert_actions(&mut c, &alerts, &claimants, escalation.is_some(), &parties);

    let restrictions =
        check_restrictions(&mut c, &raw.restriction, &resolve_party, &resolve_package);

    let fund = raw
        .fund
        .as_ref()
        .and_then(|f| check_fund(&mut c, f, &resolve_party));

    // Warnings: allowed, but probably not meant.
    for (i, p) in packages.iter().enumerate() {
        let used = tiers
            .iter()
            .any(|t| t.packages.iter().any(|x| usize::from(x.0) == i));
        if !used {
            c.warnings.push(Problem::new(
                FieldPath::of(&["package"]).index(i),
                format!(
                    "package `{}` is not in any tier, so it can never activate",
                    p.id
                ),
            ));
        }
    }
    if tiers.is_empty() {
        c.warnings.push(Problem::new(
            root,
            "the charter has no [[tier]]: activated claims trigger no packages",
        ));
    }

    if !c.problems.is_empty() {
        return Err(c.problems);
    }
    let (Some(beneficiary), Some(body)) = (beneficiary, body) else {
        // Both failures push a problem above, so this branch is unreachable with no problems.
        return Err(c.problems);
    };
    Ok(Charter {
        id: raw.charter.id.clone(),
        title: raw.charter.title.clone(),
        version: raw.charter.version.0.clone(),
        description: raw.charter.description.clone(),
        effective: raw.charter.effective.0,
        beneficiary,
        parties,
        bodies,
        verification: Verification {
            claimants,
            body,
            decide_within: v.decide_within.nominal(),
            deadline: v.decide_within.clone(),
            effect: v.effect,
            burden: v.burden,
            article: article(&v.article),
            evidence,
            stages,
            extension: v.extension,
            reconsider_within: v.reconsider_within,
        },
        tiers,
        escalation,
        packages,
        log,
        fund,
        capabilities,
        restrictions,
        measures,
        alerts,
        truces,
        warnings: c.warnings,
        party_index,
    })
}
