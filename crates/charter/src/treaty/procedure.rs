//! The charter's procedure in words: the parties, the bodies and their voting rules, the
//! verification of claims and its stages, the tiers, escalation, and the packages with their
//! decisions and obligations.

use crate::describe::{
    Case, describe_burden, describe_duration, describe_duration_in, describe_effect,
    describe_members, describe_proceed_if, describe_quorum, describe_rule, describe_term,
};
use crate::model::{Article, Charter, Package, StageKind};
use crate::money::group_digits;
use crate::{BodyIdx, PackageIdx, TierIdx};

use super::Words;
use super::provision::{Provision, ProvisionKind as Kind, named, party, party_ids, window};

/// The charter as a whole: whom it protects and what it is.
pub(super) fn charter_itself(c: &Charter, w: Words) -> Provision {
    Provision::new(Kind::Charter, "charter", named(&c.title, &c.id))
        .clause(w.msg("c-beneficiary"), party(c, c.beneficiary))
        .maybe(w.msg("c-purpose"), c.description.clone())
}

pub(super) fn parties(c: &Charter, w: Words) -> Vec<Provision> {
    c.parties
        .iter()
        .map(|p| {
            let roles: Vec<&str> = p.roles.iter().map(|r| r.name()).collect();
            Provision::new(
                Kind::Party,
                format!("party:{}", p.id),
                named(&p.name, p.id.as_str()),
            )
            .clause(w.msg("c-roles"), roles.join(", "))
            .maybe(
                w.msg("c-groups"),
                (!p.groups.is_empty()).then(|| p.groups.join(", ")),
            )
            .maybe(w.msg("c-population"), p.population.map(|n| n.to_string()))
            .maybe(w.msg("c-takes-part"), window(&p.window, w))
            .maybe(
                w.msg("c-signing-keys"),
                (!p.keys.is_empty()).then(|| p.keys.join(", ")),
            )
        })
        .collect()
}

pub(super) fn push_all(c: &Charter, w: Words, out: &mut Vec<Provision>) {
    out.extend((0..c.bodies.len()).map(|i| body(c, w, BodyIdx(i as u16))));
    verification(c, w, out);
    out.extend((0..c.tiers.len()).map(|i| tier(c, w, TierIdx(i as u16))));
    if let Some(e) = &c.escalation {
        let tier = c.tier(e.tier);
        out.push(
            Provision::new(Kind::Escalation, "escalation", Kind::Escalation.title(w))
                .under(&e.article, &Article::default())
                .clause(
                    w.msg("c-window"),
                    w.msg_args(
                        "escalation-window",
                        &[("duration", describe_duration(w.lang(), e.window).into())],
                    ),
                )
                .clause(
                    w.msg("c-threshold"),
                    w.msg_args(
                        "escalation-threshold",
                        &[
                            ("threshold", e.threshold.to_string().into()),
                            ("tier", named(&tier.name, tier.id.as_str()).into()),
                        ],
                    ),
                ),
        );
    }
    for (i, p) in c.packages.iter().enumerate() {
        package(c, w, PackageIdx(i as u16), p, out);
    }
}

fn body(c: &Charter, w: Words, idx: BodyIdx) -> Provision {
    let lang = w.lang();
    let b = c.body(idx);
    let members = c.members_at(idx, c.effective).len() as u32;
    let presidency: Vec<String> = b
        .presidency
        .iter()
        .map(|p| {
            w.msg_args(
                "presidency-term",
                &[
                    ("party", c.party(p.party).id.to_string().into()),
                    ("from", p.from.to_string().into()),
                    ("until", p.until.to_string().into()),
                ],
            )
        })
        .collect();
    Provision::new(
        Kind::Body,
        format!("body:{}", b.id),
        named(&b.name, b.id.as_str()),
    )
    .under(&b.article, &Article::default())
    .clause(
        w.msg("c-members"),
        describe_members(lang, c, idx, c.effective),
    )
    .clause(
        w.msg("c-voting-rule"),
        describe_rule(lang, c, &b.rule, members),
    )
    .maybe(
        w.msg("c-quorum"),
        b.quorum.map(|q| describe_quorum(lang, q)),
    )
    .maybe(
        w.msg("c-presidency"),
        (!presidency.is_empty()).then(|| presidency.join("; ")),
    )
}

fn verification(c: &Charter, w: Words, out: &mut Vec<Provision>) {
    let lang = w.lang();
    let v = &c.verification;
    let body = c.body(v.body);
    let after_filing = |term: String| w.msg_args("after-filing", &[("term", term.into())]);
    out.push(
        Provision::new(
            Kind::Verification,
            "verification",
            Kind::Verification.title(w),
        )
        .under(&v.article, &Article::default())
        .clause(w.msg("c-who-may-file"), party_ids(c, &v.claimants))
        .clause(w.msg("c-who-verifies"), named(&body.name, body.id.as_str()))
        .clause(
            w.msg("c-decide-within"),
            after_filing(describe_term(lang, &v.deadline)),
        )
        .clause(w.msg("c-burden"), describe_burden(lang, v.burden))
        .clause(w.msg("c-takes-effect"), describe_effect(lang, v.effect))
        .maybe(
            w.msg("c-extension"),
            v.extension.map(|d| {
                w.msg_args(
                    "extension-text",
                    &[(
                        "duration",
                        describe_duration_in(lang, d, Case::Accusative).into(),
                    )],
                )
            }),
        )
        .maybe(
            w.msg("c-reconsideration"),
            v.reconsider_within.map(|d| {
                w.msg_args(
                    "reconsideration-text",
                    &[(
                        "duration",
                        describe_duration_in(lang, d, Case::Genitive).into(),
                    )],
                )
            }),
        ),
    );
    if let Some(e) = &v.evidence {
        out.push(
            Provision::new(
                Kind::EvidenceRule,
                "verification/evidence",
                w.msg("evidence-heading"),
            )
            .under(&e.article, &v.article)
            .clause(
                w.msg("c-sources"),
                w.msg_args("sources-text", &[("count", e.min_source_kinds.into())]),
            ),
        );
    }
    for s in &v.stages {
        let step = w.msg(match s.kind {
            StageKind::Tabling => "step-tabling",
            StageKind::Meeting => "step-meeting",
        });
        let fallback = w.msg(if s.presidency_fallback {
            "fallback-presidency"
        } else {
            "fallback-missed"
        });
        out.push(
            Provision::new(
                Kind::Stage,
                format!("verification/stage:{}", s.id),
                named(&s.name, &s.id),
            )
            .under(&s.article, &v.article)
            .clause(w.msg("c-step"), step)
            .clause(
                w.msg("c-within"),
                after_filing(describe_term(lang, &s.within)),
            )
            .clause(w.msg("c-if-nobody"), fallback),
        );
    }
}

fn tier(c: &Charter, w: Words, idx: TierIdx) -> Provision {
    let t = c.tier(idx);
    let next = c.tiers.get(usize::from(idx.0) + 1).map(|n| n.min_severity);
    let from = ("from", t.min_severity.to_string().into());
    let severities = match next {
        Some(n) if n > t.min_severity + 1 => w.msg_args(
            "severity-range",
            &[from, ("to", (n - 1).to_string().into())],
        ),
        Some(_) => w.msg_args("severity-one", &[from]),
        None => w.msg_args("severity-and-above", &[from]),
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
    .clause(w.msg("c-severities"), severities)
    .clause(
        w.msg("c-packages-activated"),
        if packages.is_empty() {
            w.msg("word-none")
        } else {
            packages.join("; ")
        },
    )
}

fn package(c: &Charter, w: Words, idx: PackageIdx, p: &Package, out: &mut Vec<Provision>) {
    let lang = w.lang();
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
                w.msg("c-activated-by-tiers"),
                if tiers.is_empty() {
                    w.msg("word-none")
                } else {
                    tiers.join(", ")
                },
            )
            .clause(
                w.msg("c-proceeds"),
                w.msg(if p.decision.is_some() {
                    "proceeds-after-decision"
                } else {
                    "proceeds-on-activation"
                }),
            )
            .maybe(
                w.msg("c-puts-back"),
                (!restores.is_empty()).then(|| restores.join("; ")),
            ),
    );
    if let Some(d) = &p.decision {
        let body = c.body(d.body);
        out.push(
            Provision::new(
                Kind::PackageDecision,
                format!("{key}/decision"),
                w.msg_args(
                    "decision-heading",
                    &[("package", named(&p.name, p.id.as_str()).into())],
                ),
            )
            .under(&d.article, &p.article)
            .clause(
                w.msg("c-deciding-body"),
                named(&body.name, body.id.as_str()),
            )
            .clause(
                w.msg("c-decide-within"),
                w.msg_args(
                    "after-activation",
                    &[("term", describe_term(lang, &d.deadline).into())],
                ),
            )
            .clause(w.msg("c-proceeds"), describe_proceed_if(lang, d.proceed_if))
            .maybe(w.msg("c-proposed-by"), d.proposer.map(|x| party(c, x))),
        );
    }
    for (n, o) in p.obligations.iter().enumerate() {
        let items = o.items.as_ref().map(|i| {
            let mut args = vec![
                ("quantity", i.quantity.to_string().into()),
                ("item", i.item.to_string().into()),
            ];
            match &i.location {
                Some(l) => {
                    args.push(("location", l.to_string().into()));
                    w.msg_args("items-from-text", &args)
                }
                None => w.msg_args("items-text", &args),
            }
        });
        out.push(
            Provision::new(
                Kind::Obligation,
                format!("{key}/obligation:{}", n + 1),
                w.msg_args(
                    "obligation-heading",
                    &[
                        ("party", c.party(o.party).id.to_string().into()),
                        ("kind", o.kind.to_string().into()),
                        ("number", (n + 1).to_string().into()),
                        ("package", p.id.to_string().into()),
                    ],
                ),
            )
            .under(&o.article, &p.article)
            .clause(w.msg("c-who-owes"), party(c, o.party))
            .clause(w.msg("c-what"), format!("{}: {}", o.kind, o.description))
            .clause(
                w.msg("c-due"),
                w.msg_args(
                    "due-after-activation",
                    &[(
                        "duration",
                        describe_duration_in(lang, o.due_within, Case::Genitive).into(),
                    )],
                ),
            )
            .maybe(
                w.msg("c-amount"),
                o.money.as_ref().map(|m| {
                    // Grouped as every other amount people read (`1,250,000.00 EUR`).
                    format!("{} {}", group_digits(&m.amount.to_string()), m.currency)
                }),
            )
            .maybe(w.msg("c-items"), items)
            .maybe(
                w.msg("c-met-when"),
                o.measure.map(|m| {
                    let m = c.measure(m);
                    named(&m.name, m.id.as_str())
                }),
            ),
        );
    }
}
