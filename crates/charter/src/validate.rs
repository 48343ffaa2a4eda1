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
use crate::voting::{Qualified, Rule};
use crate::{BodyIdx, PackageIdx, PartyIdx, TierIdx};

/// Problems found while validating; they are collected, not returned at the first.
#[derive(Default)]
struct Checker {
    problems: Vec<Problem>,
    warnings: Vec<Problem>,
}

impl Checker {
    fn err(&mut self, problem: Problem) {
        self.problems.push(problem);
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

/// Validates a parsed charter file.
pub(crate) fn validate(raw: RawCharterFile) -> Result<Charter, Vec<Problem>> {
    let mut c = Checker::default();
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
            c.err(
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
        bodies.push(Body {
            id: b.id.clone(),
            name: b.name.clone().unwrap_or_else(|| b.id.to_string()),
            members,
            rule: rule.unwrap_or(Rule::Majority),
            article: article(&b.article),
        });
    }
    let resolve_body = |c: &mut Checker, id: &str, path: FieldPath| -> Option<BodyIdx> {
        let found = bodies.iter().position(|b| b.id.as_str() == id);
        if found.is_none() {
            c.err(
                Problem::new(path, format!("unknown body `{id}`")).help(format!(
                    "declare it in a [[body]] table or use one of: {}",
                    list_ids(bodies.iter().map(|b| b.id.as_str()))
                )),
            );
        }
        found.map(|i| BodyIdx(i as u16))
    };

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
        if p.obligation.is_empty() {
            c.err(
                Problem::new(
                    path.clone(),
                    format!("package `{}` has no obligations", p.id),
                )
                .help("add [[package.obligation]] tables saying who must do what"),
            );
        }
        let decision = p.decision.as_ref().and_then(|d| {
            let body = resolve_body(&mut c, d.body.as_str(), path.key("decision").key("body"))?;
            Some(PackageDecision {
                body,
                decide_within: d.decide_within,
                proceed_if: d.proceed_if,
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
            if let Some(party) = party {
                obligations.push(ObligationTemplate {
                    party,
                    kind: ObligationKind::from_word(kind),
                    due_within: o.due_within,
                    description: o.description.as_str().into(),
                    money,
                    items,
                    article: article(&o.article),
                });
            }
        }
        packages.push(Package {
            id: p.id.clone(),
            name: p.name.clone().unwrap_or_else(|| p.id.to_string()),
            article: article(&p.article),
            decision,
            obligations,
        });
    }
    let resolve_package = |c: &mut Checker, id: &str, path: FieldPath| -> Option<PackageIdx> {
        let found = packages.iter().position(|p| p.id.as_str() == id);
        if found.is_none() {
            c.err(
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
        if !(1..=5).contains(&t.min_severity) {
            c.err(
                Problem::new(
                    path.key("min_severity"),
                    format!("min_severity is {}", t.min_severity),
                )
                .help("severities run from 1 (least) to 5 (most severe)"),
            );
        }
        if let Some((_, other)) = tiers
            .iter()
            .find(|(_, o)| i64::from(o.min_severity) == t.min_severity)
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
            c.err(
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
        LogInfo {
            origin: l.origin.clone(),
            key: l.key.clone(),
            witnesses: check_witnesses(&mut c, &l.witness, &path),
        }
    });

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
            decide_within: v.decide_within,
            burden: v.burden,
            article: article(&v.article),
            evidence,
        },
        tiers,
        escalation,
        packages,
        log,
        fund,
        capabilities,
        restrictions,
        warnings: c.warnings,
        party_index,
    })
}

fn check_parties(c: &mut Checker, raw: &[RawParty]) -> Vec<Party> {
    let mut seen = HashSet::new();
    let mut parties = Vec::with_capacity(raw.len());
    for (i, p) in raw.iter().enumerate() {
        let path = FieldPath::of(&["party"]).index(i);
        if !seen.insert(p.id.clone()) {
            c.err(Problem::new(
                path.key("id"),
                format!("party `{}` is defined twice", p.id),
            ));
        }
        let mut roles = p.roles.clone();
        roles.dedup();
        if let (Some(from), Some(until)) = (p.from, p.until)
            && until.0 < from.0
        {
            c.err(
                Problem::new(
                    path.key("until"),
                    format!("party `{}` leaves before it joins", p.id),
                )
                .help("`until` must not be earlier than `from`"),
            );
        }
        for (j, g) in p.groups.iter().enumerate() {
            if g.trim().is_empty() {
                c.err(Problem::new(
                    path.key("groups").index(j),
                    "a group name cannot be empty",
                ));
            }
        }
        for (j, key) in p.keys.iter().enumerate() {
            if let Err(message) = check_verifier_key_syntax(key, p.id.as_str()) {
                c.err(Problem::new(path.key("keys").index(j), message).help(
                    "write the key `snapback keygen --party ID` printed: <party id>+<8 hex digits>+<base64>",
                ));
            }
        }
        parties.push(Party {
            id: p.id.clone(),
            name: p.name.clone(),
            roles,
            groups: p.groups.clone(),
            population: p.population,
            window: Window {
                from: p.from.map(|f| f.0),
                until: p.until.map(|u| u.0),
            },
            keys: p.keys.clone(),
        });
    }
    parties
}

fn check_rule(
    c: &mut Checker,
    raw: &RawRule,
    path: &FieldPath,
    resolve_party: ResolveParty<'_>,
) -> Option<Rule> {
    match raw {
        RawRule::Preset(name) => match name.as_str() {
            "majority" => Some(Rule::Majority),
            "majority-of-votes-cast" => Some(Rule::MajorityOfVotesCast),
            "unanimity" => Some(Rule::Unanimity),
            "eu-qmv" => Some(Rule::eu_qmv()),
            "eu-reinforced-qmv" => Some(Rule::eu_reinforced_qmv()),
            other => {
                c.err(Problem::new(path.clone(), format!("unknown rule `{other}`")).help(
                    "use \"majority\", \"majority-of-votes-cast\", \"unanimity\", \"eu-qmv\", \"eu-reinforced-qmv\", or a table { kind = \"threshold\", min_yes = N, veto = [...] } / { kind = \"qualified\", members_pct = 55, population_pct = 65 }",
                ));
                None
            }
        },
        RawRule::Threshold { min_yes, veto } => {
            if *min_yes == 0 {
                c.err(Problem::new(
                    path.key("min_yes"),
                    "min_yes must be at least 1",
                ));
            }
            let mut holders = Vec::with_capacity(veto.len());
            for (i, id) in veto.iter().enumerate() {
                if let Some(idx) = resolve_party(c, id, path.key("veto").index(i)) {
                    holders.push(idx);
                }
            }
            Some(Rule::Threshold {
                min_yes: *min_yes,
                veto: holders,
            })
        }
        RawRule::Qualified {
            members_pct,
            population_pct,
            blocking_minority,
        } => {
            for (key, pct) in [
                ("members_pct", members_pct),
                ("population_pct", population_pct),
            ] {
                if *pct > 100 {
                    c.err(Problem::new(
                        path.key(key),
                        format!("{key} is {pct}, above 100"),
                    ));
                }
            }
            Some(Rule::Qualified(Qualified {
                members_pct: *members_pct,
                population_pct: *population_pct,
                blocking_minority_min: *blocking_minority,
            }))
        }
    }
}

/// The most witnesses a charter may name: a checkpoint note holds at most 100 signature lines,
/// one of which is the log's.
pub const WITNESSES_MAX: usize = 64;

/// `[[log.witness]]`: unique names and keys, each key named after its witness and marked as a
/// `cosignature/v1` key (algorithm byte 0x04, checked when the log reads it), an https URL.
fn check_witnesses(c: &mut Checker, raw: &[RawWitness], log: &FieldPath) -> Vec<WitnessInfo> {
    if raw.len() > WITNESSES_MAX {
        c.err(
            Problem::new(
                log.key("witness"),
                format!(
                    "{} witnesses; at most {WITNESSES_MAX} are allowed",
                    raw.len()
                ),
            )
            .help("a checkpoint note holds at most 100 signature lines"),
        );
    }
    let mut out: Vec<WitnessInfo> = Vec::new();
    for (i, w) in raw.iter().enumerate() {
        let path = log.key("witness").index(i);
        if w.name.is_empty() || w.name.contains('+') || w.name.chars().any(char::is_whitespace) {
            c.err(
                Problem::new(
                    path.key("name"),
                    format!("`{}` is not a witness name", w.name),
                )
                .help(
                    "a witness name is non-empty, without spaces or '+', e.g. witness.example.org",
                ),
            );
            continue;
        }
        let key_name = w.key.split('+').next().unwrap_or_default();
        if key_name != w.name {
            c.err(
                Problem::new(
                    path.key("key"),
                    format!("the key is named `{key_name}`, not the witness's name `{}`", w.name),
                )
                .help("give the witness's C2SP cosignature/v1 verifier key, `<name>+<key id>+<base64>`, as `snapback keygen --cosigner` prints it"),
            );
            continue;
        }
        if let Err(message) = check_verifier_key_syntax(&w.key, &w.name) {
            c.err(Problem::new(path.key("key"), message).help(
                "give the witness's C2SP cosignature/v1 verifier key, as `snapback keygen --cosigner` prints it",
            ));
            continue;
        }
        if let Some(url) = &w.url
            && !(url.starts_with("https://") && url.len() > "https://".len())
        {
            c.err(
                Problem::new(path.key("url"), format!("`{url}` is not an https:// URL"))
                    .help("give the witness's https:// address, or leave url out"),
            );
        }
        if let Some(j) = out.iter().position(|o| o.name == w.name) {
            c.err(Problem::new(
                path.key("name"),
                format!(
                    "the witness `{}` is already named at log.witness[{j}]",
                    w.name
                ),
            ));
            continue;
        }
        if let Some(j) = out.iter().position(|o| o.key == w.key) {
            c.err(Problem::new(
                path.key("key"),
                format!("this key is already the key of log.witness[{j}]"),
            ));
            continue;
        }
        out.push(WitnessInfo {
            name: w.name.clone(),
            key: w.key.clone(),
            url: w.url.clone(),
        });
    }
    out
}

/// Syntax of a C2SP verifier key named `name`: `<name>+<8 hex digits>+<base64>`. The signature
/// algorithm, key id and point are checked by the log crate, which knows cryptography.
fn check_verifier_key_syntax(key: &str, name: &str) -> Result<(), String> {
    let mut parts = key.splitn(3, '+');
    let (Some(n), Some(id), Some(b64)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(format!("`{key}` is not a verifier key"));
    };
    if n != name {
        return Err(format!(
            "the key is named `{n}`; a party's keys are named after the party (`{name}`)"
        ));
    }
    if id.len() != 8 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(format!("`{id}` is not an 8-hex-digit key id"));
    }
    if b64.is_empty()
        || !b64
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/' || b == b'=')
    {
        return Err("the key's last part is not base64".to_owned());
    }
    Ok(())
}

/// Resolves a party id to its index, reporting an unknown one at `path`.
type ResolveParty<'a> = &'a dyn Fn(&mut Checker, &PartyId, FieldPath) -> Option<PartyIdx>;

/// Whether zero is an acceptable amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zero {
    Allowed,
    Refused,
}

fn money_problem(path: FieldPath, e: &MoneyError) -> Problem {
    Problem::new(path, e.to_string()).help(e.help())
}

/// Parses an ISO 4217 code, reporting a bad one at `path`.
fn parse_currency(c: &mut Checker, code: &str, path: FieldPath) -> Option<Currency> {
    match Currency::parse(code) {
        Ok(currency) => Some(currency),
        Err(e) => {
            c.err(money_problem(path, &e));
            None
        }
    }
}

/// Checks an amount a person wrote in `currency`: positive (or zero, if allowed), at most
/// [`crate::AMOUNT_MAX`], and no more decimal places than the currency has. Reports it at `path`.
fn check_money(c: &mut Checker, currency: Currency, amount: Decimal, zero: Zero, path: FieldPath) {
    let checked = match zero {
        Zero::Allowed => currency.check_amount_or_zero(amount),
        Zero::Refused => currency.check_amount(amount),
    };
    if let Err(e) = checked {
        let mut problem = money_problem(path, &e);
        if zero == Zero::Allowed && matches!(e, MoneyError::Negative(_)) {
            problem = problem.help(
                "write zero or a positive amount as a string, such as \"0\" or \"1500000.00\"",
            );
        }
        c.err(problem);
    }
}

/// The largest contribution key, 10^12: keys are weights, and a surge amount (at most
/// [`crate::AMOUNT_MAX`]) times a key must stay inside `Decimal`'s 28 digits when a call is split
/// pro rata.
const KEY_MAX: Decimal = Decimal::from_parts(3_567_587_328, 232, 0, false, 0);

/// `[fund]`: the Stabilization Fund. `None` if something it needs did not resolve (a problem is
/// then reported).
fn check_fund(c: &mut Checker, raw: &RawFund, resolve_party: ResolveParty<'_>) -> Option<Fund> {
    let path = FieldPath::of(&["fund"]);
    if raw.name.trim().is_empty() {
        c.err(
            Problem::new(path.key("name"), "the fund's name is empty")
                .help("name it, such as name = \"G7 Ukraine Stabilization Fund\""),
        );
    }
    let currency = parse_currency(c, &raw.currency, path.key("currency"));
    let manager = resolve_party(c, &raw.manager, path.key("manager"));
    let ppath = path.key("purposes");
    check_purposes(c, &raw.purposes.peace, FundMode::Peace, &ppath);
    check_purposes(c, &raw.purposes.conflict, FundMode::Conflict, &ppath);
    let contributors = check_contributors(c, &raw.contributor, currency, &path, resolve_party);
    let caps = check_caps(c, &raw.cap, currency, &raw.purposes, &path);
    let surge = raw
        .surge
        .as_ref()
        .map(|s| check_surge(c, s, currency, &contributors, &path));
    let tranche = raw
        .tranche
        .as_ref()
        .map(|t| check_tranche(c, t, currency, &raw.purposes.conflict, &path));
    Some(Fund {
        name: raw.name.clone(),
        currency: currency?,
        manager: manager?,
        quiet_period: raw.quiet_period,
        peace_purposes: raw.purposes.peace.clone(),
        conflict_purposes: raw.purposes.conflict.clone(),
        contributors,
        caps,
        surge,
        tranche,
        article: article(&raw.article),
    })
}

/// One mode's purposes: at least one, each listed once.
fn check_purposes(c: &mut Checker, list: &[PurposeId], mode: FundMode, path: &FieldPath) {
    let path = path.key(mode.name());
    if list.is_empty() {
        c.err(
            Problem::new(
                path.clone(),
                format!("the fund has no {} purposes", mode.name()),
            )
            .help(format!(
                "list what the fund may disburse for in {} mode, such as [\"reconstruction\"]",
                mode.name()
            )),
        );
    }
    if list.len() > CHARTER_ITEMS_MAX {
        c.err(Problem::new(
            path,
            format!("a fund has at most {CHARTER_ITEMS_MAX} purposes per mode"),
        ));
        return;
    }
    let mut seen = HashSet::new();
    for (i, p) in list.iter().enumerate() {
        if !seen.insert(p) {
            c.err(
                Problem::new(path.index(i), format!("`{p}` is listed twice"))
                    .help("list each purpose once"),
            );
        }
    }
}

/// `[[fund.contributor]]`: at least one, each party once, positive keys, capital that fits.
fn check_contributors(
    c: &mut Checker,
    raw: &[RawContributor],
    currency: Option<Currency>,
    fund: &FieldPath,
    resolve_party: ResolveParty<'_>,
) -> Vec<FundContributor> {
    if raw.is_empty() {
        c.err(
            Problem::new(fund.clone(), "the fund has no contributors")
                .help("add [[fund.contributor]] tables with party, key, paid_in and callable"),
        );
    }
    if raw.len() > CHARTER_ITEMS_MAX {
        c.err(Problem::new(
            fund.key("contributor"),
            format!("a fund has at most {CHARTER_ITEMS_MAX} contributors"),
        ));
        return Vec::new();
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut seen = HashSet::new();
    for (i, r) in raw.iter().enumerate() {
        let path = fund.key("contributor").index(i);
        let party = resolve_party(c, &r.party, path.key("party"));
        if !seen.insert(&r.party) {
            c.err(
                Problem::new(
                    path.key("party"),
                    format!("`{}` contributes twice", r.party),
                )
                .help("give each party one [[fund.contributor]] table"),
            );
        }
        check_key(c, r.key.0, path.key("key"));
        let paid_in = r.paid_in.as_ref().map_or(Decimal::ZERO, |a| a.0);
        let callable = r.callable.as_ref().map_or(Decimal::ZERO, |a| a.0);
        if let Some(currency) = currency {
            check_money(c, currency, paid_in, Zero::Allowed, path.key("paid_in"));
            check_money(c, currency, callable, Zero::Allowed, path.key("callable"));
        }
        if let Some(party) = party {
            out.push(FundContributor {
                party,
                key: r.key.0,
                paid_in,
                callable,
            });
        }
    }
    out
}

fn check_key(c: &mut Checker, key: Decimal, path: FieldPath) {
    if key <= Decimal::ZERO {
        c.err(
            Problem::new(path, format!("the contribution key is {key}; it must be positive"))
                .help("write a positive share, such as \"0.30\"; shares are each key over the sum of keys"),
        );
    } else if key > KEY_MAX {
        c.err(
            Problem::new(
                path,
                format!("the contribution key {key} is larger than 10^12"),
            )
            .help("keys are weights: write shares such as \"0.30\" or percentages such as 30"),
        );
    }
}

/// `[[fund.cap]]`: each on a purpose of the fund, at most one per purpose.
fn check_caps(
    c: &mut Checker,
    raw: &[RawCap],
    currency: Option<Currency>,
    purposes: &RawPurposes,
    fund: &FieldPath,
) -> Vec<FundCap> {
    if raw.len() > CHARTER_ITEMS_MAX {
        c.err(Problem::new(
            fund.key("cap"),
            format!("a fund has at most {CHARTER_ITEMS_MAX} caps"),
        ));
        return Vec::new();
    }
    let mut seen = HashSet::new();
    let mut caps = Vec::with_capacity(raw.len());
    for (i, r) in raw.iter().enumerate() {
        let path = fund.key("cap").index(i);
        if !purposes.peace.contains(&r.purpose) && !purposes.conflict.contains(&r.purpose) {
            let mut all: Vec<&str> = Vec::new();
            for p in purposes.peace.iter().chain(&purposes.conflict) {
                if !all.contains(&p.as_str()) {
                    all.push(p.as_str());
                }
            }
            c.err(
                Problem::new(
                    path.key("purpose"),
                    format!("`{}` is not one of the fund's purposes", r.purpose),
                )
                .help(format!(
                    "use a purpose listed in [fund.purposes]: {}",
                    list_ids(all.into_iter())
                )),
            );
        }
        if !seen.insert(&r.purpose) {
            c.err(
                Problem::new(
                    path.key("purpose"),
                    format!("`{}` already has a cap", r.purpose),
                )
                .help("keep one [[fund.cap]] per purpose"),
            );
        }
        if let Some(currency) = currency {
            check_money(c, currency, r.amount.0, Zero::Refused, path.key("amount"));
        }
        caps.push(FundCap {
            purpose: r.purpose.clone(),
            amount: r.amount.0,
            per: r.per,
            article: article(&r.article),
        });
    }
    caps
}

/// `[fund.surge]`; warns when it asks for more than all callable capital.
fn check_surge(
    c: &mut Checker,
    raw: &RawSurge,
    currency: Option<Currency>,
    contributors: &[FundContributor],
    fund: &FieldPath,
) -> FundSurge {
    let path = fund.key("surge").key("amount");
    if let Some(currency) = currency {
        check_money(c, currency, raw.amount.0, Zero::Refused, path.clone());
        let callable = contributors
            .iter()
            .try_fold(Decimal::ZERO, |sum, k| sum.checked_add(k.callable));
        if let Some(callable) = callable
            && raw.amount.0 > callable
        {
            c.warnings.push(
                Problem::new(
                    path,
                    format!(
                        "the surge asks for {} {currency} but the contributors' callable capital totals {} {currency}",
                        raw.amount.0, callable
                    ),
                )
                .help("calls are limited to what remains callable: raise callable capital or lower the surge amount"),
            );
        }
    }
    FundSurge {
        amount: raw.amount.0,
        due_within: raw.due_within,
        article: article(&raw.article),
    }
}

/// `[fund.tranche]`: released in conflict mode, so for a conflict purpose.
fn check_tranche(
    c: &mut Checker,
    raw: &RawTranche,
    currency: Option<Currency>,
    conflict: &[PurposeId],
    fund: &FieldPath,
) -> FundTranche {
    let path = fund.key("tranche");
    if let Some(currency) = currency {
        check_money(c, currency, raw.amount.0, Zero::Refused, path.key("amount"));
    }
    if !conflict.contains(&raw.purpose) {
        c.err(
            Problem::new(
                path.key("purpose"),
                format!("`{}` is not a conflict purpose", raw.purpose),
            )
            .help(format!(
                "the tranche is released in conflict mode; use one of: {}",
                list_ids(conflict.iter().map(PurposeId::as_str))
            )),
        );
    }
    FundTranche {
        amount: raw.amount.0,
        purpose: raw.purpose.clone(),
        recipient: raw.recipient.clone(),
        article: article(&raw.article),
    }
}

/// An obligation's `item`, `quantity` and `location`: all or none of item and quantity, only on
/// military obligations, a quantity of at least one, a location the charter names.
fn check_items(
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
fn check_capabilities(
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

type ResolvePackage<'a> = &'a dyn Fn(&mut Checker, &str, FieldPath) -> Option<PackageIdx>;

/// `[[restriction]]`: a donor that is a party, a package that exists.
fn check_restrictions(
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
