//! The charter's procedure in words: the parties, the bodies and their voting rules, the
//! verification of claims and its stages, the tiers, escalation, and the packages with their
//! decisions and obligations.

use crate::Lang;
use crate::describe::{
    describe_burden, describe_effect, describe_members, describe_proceed_if, describe_quorum,
    describe_rule,
};
use crate::model::{Article, Charter, Package, StageKind};
use crate::{BodyIdx, PackageIdx, TierIdx};

use super::provision::{Provision, ProvisionKind as Kind, named, party, party_ids, window};

/// The charter as a whole: whom it protects and what it is.
pub(super) fn charter_itself(c: &Charter) -> Provision {
    Provision::new(Kind::Charter, "charter", named(&c.title, &c.id))
        .clause("Beneficiary", party(c, c.beneficiary))
        .maybe("Purpose", c.description.clone())
}

pub(super) fn parties(c: &Charter) -> Vec<Provision> {
    c.parties
        .iter()
        .map(|p| {
            let roles: Vec<&str> = p.roles.iter().map(|r| r.name()).collect();
            Provision::new(
                Kind::Party,
                format!("party:{}", p.id),
                named(&p.name, p.id.as_str()),
            )
            .clause("Roles", roles.join(", "))
            .maybe(
                "Groups",
                (!p.groups.is_empty()).then(|| p.groups.join(", ")),
            )
            .maybe("Population", p.population.map(|n| n.to_string()))
            .maybe("Takes part", window(&p.window))
            .maybe(
                "Signing keys",
                (!p.keys.is_empty()).then(|| p.keys.join(", ")),
            )
        })
        .collect()
}

pub(super) fn push_all(c: &Charter, out: &mut Vec<Provision>) {
    out.extend((0..c.bodies.len()).map(|i| body(c, BodyIdx(i as u16))));
    verification(c, out);
    out.extend((0..c.tiers.len()).map(|i| tier(c, TierIdx(i as u16))));
    if let Some(e) = &c.escalation {
        out.push(
            Provision::new(Kind::Escalation, "escalation", "Escalation".to_owned())
                .under(&e.article, &Article::default())
                .clause(
                    "Window",
                    format!("activated claims within any {}", e.window),
                )
                .clause(
                    "Threshold",
                    format!(
                        "whose severities add up to at least {} activate the tier {}",
                        e.threshold,
                        named(&c.tier(e.tier).name, c.tier(e.tier).id.as_str())
                    ),
                ),
        );
    }
    for (i, p) in c.packages.iter().enumerate() {
        package(c, PackageIdx(i as u16), p, out);
    }
}

fn body(c: &Charter, idx: BodyIdx) -> Provision {
    let b = c.body(idx);
    let members = c.members_at(idx, c.effective).len() as u32;
    let presidency: Vec<String> = b
        .presidency
        .iter()
        .map(|p| {
            format!(
                "{} from {} until {} (exclusive)",
                c.party(p.party).id,
                p.from,
                p.until
            )
        })
        .collect();
    Provision::new(
        Kind::Body,
        format!("body:{}", b.id),
        named(&b.name, b.id.as_str()),
    )
    .under(&b.article, &Article::default())
    .clause("Members", describe_members(Lang::En, c, idx, c.effective))
    .clause("Voting rule", describe_rule(Lang::En, c, &b.rule, members))
    .maybe("Quorum", b.quorum.map(|q| describe_quorum(Lang::En, q)))
    .maybe(
        "Presidency",
        (!presidency.is_empty()).then(|| presidency.join("; ")),
    )
}

fn verification(c: &Charter, out: &mut Vec<Provision>) {
    let v = &c.verification;
    let body = c.body(v.body);
    out.push(
        Provision::new(
            Kind::Verification,
            "verification",
            "Verification of claims".to_owned(),
        )
        .under(&v.article, &Article::default())
        .clause("Who may file", party_ids(c, &v.claimants))
        .clause("Who verifies", named(&body.name, body.id.as_str()))
        .clause("Decide within", format!("{} after the filing", v.deadline))
        .clause("Burden of proof", describe_burden(Lang::En, v.burden))
        .clause("Outcome takes effect", describe_effect(Lang::En, v.effect))
        .maybe(
            "Extension",
            v.extension.map(|d| {
                format!("an adopted motion finding the claim inconclusive extends the deadline once, by {d}")
            }),
        )
        .maybe(
            "Reconsideration",
            v.reconsider_within
                .map(|d| format!("new evidence may reopen a determined claim within {d}")),
        ),
    );
    if let Some(e) = &v.evidence {
        out.push(
            Provision::new(
                Kind::EvidenceRule,
                "verification/evidence",
                "Evidence required for activation".to_owned(),
            )
            .under(&e.article, &v.article)
            .clause(
                "Sources",
                format!(
                    "evidence from at least {} distinct source kinds",
                    e.min_source_kinds
                ),
            ),
        );
    }
    for s in &v.stages {
        let step = match s.kind {
            StageKind::Tabling => "a member tables the motion; until then no member can vote on it",
            StageKind::Meeting => "the body meets",
        };
        let fallback = if s.presidency_fallback {
            "the party presiding over the body at the deadline takes the step"
        } else {
            "the stage is recorded as missed"
        };
        out.push(
            Provision::new(
                Kind::Stage,
                format!("verification/stage:{}", s.id),
                named(&s.name, &s.id),
            )
            .under(&s.article, &v.article)
            .clause("Step", step)
            .clause("Within", format!("{} after the filing", s.within))
            .clause("If nobody takes it in time", fallback),
        );
    }
}

fn tier(c: &Charter, idx: TierIdx) -> Provision {
    let t = c.tier(idx);
    let next = c.tiers.get(usize::from(idx.0) + 1).map(|n| n.min_severity);
    let severities = match next {
        Some(n) if n > t.min_severity + 1 => {
            format!("severity {} to {}", t.min_severity, n - 1)
        }
        Some(_) => format!("severity {}", t.min_severity),
        None => format!("severity {} and above", t.min_severity),
    };
    let packages: Vec<String> = t
        .packages
        .iter()
        .map(|p| {
            let p = c.package(*p);
            named(&p.name, p.id.as_str())
        })
        .collect();
    Provision::new(
        Kind::Tier,
        format!("tier:{}", t.id),
        named(&t.name, t.id.as_str()),
    )
    .under(&t.article, &Article::default())
    .clause("Severities", severities)
    .clause(
        "Packages activated",
        if packages.is_empty() {
            "none".to_owned()
        } else {
            packages.join("; ")
        },
    )
}

fn package(c: &Charter, idx: PackageIdx, p: &Package, out: &mut Vec<Provision>) {
    let tiers: Vec<&str> = c
        .tiers
        .iter()
        .filter(|t| t.packages.contains(&idx))
        .map(|t| t.id.as_str())
        .collect();
    let restores: Vec<String> = p
        .restores
        .iter()
        .map(|m| {
            let m = c.measure(*m);
            named(&m.name, m.id.as_str())
        })
        .collect();
    let key = format!("package:{}", p.id);
    out.push(
        Provision::new(Kind::Package, key.clone(), named(&p.name, p.id.as_str()))
            .under(&p.article, &Article::default())
            .clause(
                "Activated by the tiers",
                if tiers.is_empty() {
                    "none".to_owned()
                } else {
                    tiers.join(", ")
                },
            )
            .clause(
                "Proceeds",
                if p.decision.is_some() {
                    "after a decision (below)"
                } else {
                    "on activation, without a further decision"
                },
            )
            .maybe(
                "Puts back in force",
                (!restores.is_empty()).then(|| restores.join("; ")),
            ),
    );
    if let Some(d) = &p.decision {
        let body = c.body(d.body);
        out.push(
            Provision::new(
                Kind::PackageDecision,
                format!("{key}/decision"),
                format!("Decision on {}", named(&p.name, p.id.as_str())),
            )
            .under(&d.article, &p.article)
            .clause("Deciding body", named(&body.name, body.id.as_str()))
            .clause(
                "Decide within",
                format!("{} after the activation", d.deadline),
            )
            .clause("Proceeds", describe_proceed_if(Lang::En, d.proceed_if))
            .maybe("Proposed by", d.proposer.map(|x| party(c, x))),
        );
    }
    for (n, o) in p.obligations.iter().enumerate() {
        let items = o.items.as_ref().map(|i| {
            let from = i
                .location
                .as_ref()
                .map(|l| format!(", from stock in {l}"))
                .unwrap_or_default();
            format!("{} × {}{from}", i.quantity, i.item)
        });
        out.push(
            Provision::new(
                Kind::Obligation,
                format!("{key}/obligation:{}", n + 1),
                format!(
                    "{} owes {} (no. {} of {})",
                    c.party(o.party).id,
                    o.kind,
                    n + 1,
                    p.id
                ),
            )
            .under(&o.article, &p.article)
            .clause("Who owes", party(c, o.party))
            .clause("What", format!("{}: {}", o.kind, o.description))
            .clause("Due", format!("within {} of the activation", o.due_within))
            .maybe("Amount", o.money.as_ref().map(ToString::to_string))
            .maybe("Items", items)
            .maybe(
                "Met when in force",
                o.measure.map(|m| {
                    let m = c.measure(m);
                    named(&m.name, m.id.as_str())
                }),
            ),
        );
    }
}
