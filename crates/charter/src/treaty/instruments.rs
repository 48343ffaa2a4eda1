//! The charter's instruments in words: the fund (keys, caps, currencies, modes, surge and
//! tranche), capabilities and usage restrictions, the register of measures with renewals and
//! relief reviews, monitoring alert rules, truces, and the transparency log.

use rust_decimal::Decimal;

use crate::Lang;
use crate::describe::describe_rule;
use crate::ids::MeasureIdx;
use crate::measure::MeasureOwner;
use crate::model::{Article, Charter, Fund, FundMode};
use crate::monitoring::AlertAction;

use super::provision::{Provision, ProvisionKind as Kind, named, party, party_ids};

pub(super) fn push_all(c: &Charter, out: &mut Vec<Provision>) {
    if let Some(f) = &c.fund {
        fund(c, f, out);
    }
    capabilities(c, out);
    measures(c, out);
    alerts(c, out);
    truces(c, out);
    log(c, out);
}

fn purposes(f: &Fund, mode: FundMode) -> String {
    let ids: Vec<&str> = f.purposes(mode).iter().map(|p| p.as_str()).collect();
    ids.join(", ")
}

fn fund(c: &Charter, f: &Fund, out: &mut Vec<Provision>) {
    let sum = f
        .contributors
        .iter()
        .try_fold(Decimal::ZERO, |s, k| s.checked_add(k.key));
    let mut p = Provision::new(Kind::Fund, "fund", f.name.clone())
        .under(&f.article, &Article::default())
        .clause("Currency of account", f.currency.code())
        .clause("Disbursed by", party(c, f.manager))
        .clause("Peace mode purposes", purposes(f, FundMode::Peace))
        .clause("Conflict mode purposes", purposes(f, FundMode::Conflict))
        .clause(
            "Back to peace mode",
            format!(
                "after {} with no new activation that moves it to conflict mode",
                f.quiet_period
            ),
        );
    for k in &f.contributors {
        let pct = sum
            .and_then(|s| crate::money::percent_of(k.key, s))
            .map(|p| format!("{p}%"))
            .map(|s| format!(" ({s} of the keys)"))
            .unwrap_or_default();
        p = p.clause(
            &format!("Contributor {}", c.party(k.party).id),
            format!(
                "key {}{pct}; paid-in capital {}; callable capital {}",
                k.key,
                f.currency.amount_text(k.paid_in),
                f.currency.amount_text(k.callable)
            ),
        );
    }
    out.push(p);
    for cap in &f.caps {
        out.push(
            Provision::new(
                Kind::FundCap,
                format!("fund/cap:{}:{}", cap.purpose, cap.per),
                format!("Cap on {}", cap.purpose),
            )
            .under(&cap.article, &f.article)
            .clause(
                "Limit",
                format!(
                    "at most {} disbursed for {} within any {}",
                    f.currency.amount_text(cap.amount),
                    cap.purpose,
                    cap.per
                ),
            ),
        );
    }
    if let Some(s) = &f.surge {
        out.push(
            Provision::new(Kind::FundSurge, "fund/surge", "Surge call".to_owned())
                .under(&s.article, &f.article)
                .clause(
                    "Amount",
                    format!(
                        "{} called when an activation creates a funds obligation, split pro rata to the keys (each within its callable capital)",
                        f.currency.amount_text(s.amount)
                    ),
                )
                .clause("Due", format!("within {} of the call", s.due_within)),
        );
    }
    if let Some(t) = &f.tranche {
        out.push(
            Provision::new(Kind::FundTranche, "fund/tranche", "Reserved tranche".to_owned())
                .under(&t.article, &f.article)
                .clause(
                    "Amount",
                    format!(
                        "{} for {} to {}",
                        f.currency.amount_text(t.amount),
                        t.purpose,
                        t.recipient
                    ),
                )
                .clause(
                    "When",
                    "reserved when a claim is filed; released when the claim's activation moves the fund to conflict mode, voided otherwise",
                ),
        );
    }
}

fn capabilities(c: &Charter, out: &mut Vec<Provision>) {
    let cap = c.capabilities.clone().unwrap_or_default();
    if c.capabilities.is_some() {
        let mut p = Provision::new(
            Kind::Capabilities,
            "capabilities",
            "Stockpile locations".to_owned(),
        )
        .under(&cap.article, &Article::default());
        for l in &cap.locations {
            p = p.clause(
                &format!("Location {}", l.id),
                format!(
                    "{}: stock released there arrives within {}",
                    l.name, l.transit
                ),
            );
        }
        if cap.locations.is_empty() {
            p = p.clause("Locations", "none");
        }
        out.push(p);
    }
    for t in &cap.centres {
        out.push(
            Provision::new(
                Kind::TrainingCentre,
                format!("capabilities/centre:{}", t.id),
                named(t.name.as_deref().unwrap_or_default(), t.id.as_str()),
            )
            .under(&t.article, &cap.article)
            .clause("Host", party(c, t.host))
            .clause(
                "Capacity",
                format!("{} trainees per 30 days", t.capacity_per_month),
            ),
        );
    }
    for (n, r) in c.restrictions.iter().enumerate() {
        let lifted = c.package(r.lifted_by);
        out.push(
            Provision::new(
                Kind::Restriction,
                format!("restriction:{}", n + 1),
                format!("{}'s usage restrictions", c.party(r.donor).id),
            )
            .under(&r.article, &Article::default())
            .clause("Donor", party(c, r.donor))
            .clause(
                "On",
                r.system
                    .clone()
                    .unwrap_or_else(|| "every system".to_owned()),
            )
            .clause(
                "Lifted by",
                format!(
                    "an activation of {}",
                    named(&lifted.name, lifted.id.as_str())
                ),
            ),
        );
    }
}

fn measures(c: &Charter, out: &mut Vec<Provision>) {
    for (i, m) in c.measures.iter().enumerate() {
        let owner = match m.owner {
            MeasureOwner::Party(p) => party(c, p),
            MeasureOwner::Body(b) => {
                let b = c.body(b);
                named(&b.name, b.id.as_str())
            }
        };
        let restored_by: Vec<&str> = c
            .restored_by(MeasureIdx(i as u16))
            .map(|p| p.id.as_str())
            .collect();
        let key = format!("measure:{}", m.id);
        out.push(
            Provision::new(Kind::Measure, key.clone(), named(&m.name, m.id.as_str()))
                .under(&m.article, &Article::default())
                .clause("Held by", owner)
                .clause("Kind", m.kind.clone())
                .clause("Legal basis", m.basis.clone())
                .clause(
                    "Initial state",
                    format!("{} since {}", m.initial.name().replace('_', " "), m.since),
                )
                .maybe(
                    "Levels",
                    (!m.levels.is_empty()).then(|| {
                        format!(
                            "{} (starting at {})",
                            m.levels.join(" < "),
                            m.levels.get(m.level).map_or("the first", String::as_str)
                        )
                    }),
                )
                .maybe("Expires", m.expires.map(|e| e.to_string()))
                .maybe(
                    "Sunset",
                    m.sunset_after
                        .map(|d| format!("lapses {d} after each entry into force")),
                )
                .maybe(
                    "Snapped back by",
                    (!restored_by.is_empty()).then(|| restored_by.join(", ")),
                )
                .clause(
                    "If the activation is unwound",
                    if m.unwinds {
                        "its snapback is reversed"
                    } else {
                        "its snapback stays"
                    },
                ),
        );
        if let Some(r) = &m.renewal {
            let body = c.body(r.body);
            out.push(
                Provision::new(
                    Kind::Renewal,
                    format!("{key}/renewal"),
                    format!("Renewal of {}", m.id),
                )
                .under(&r.article, &m.article)
                .clause("Renewing body", named(&body.name, body.id.as_str()))
                .clause("Expiries", r.expiries.to_string())
                .clause(
                    "Decision opens",
                    format!(
                        "{} before each expiry; not adopted by then, the measure lapses",
                        r.opens_before
                    ),
                ),
            );
        }
        if let Some(r) = &m.review {
            let bodies: Vec<&str> = r.bodies.iter().map(|b| c.body(*b).id.as_str()).collect();
            out.push(
                Provision::new(
                    Kind::ReliefReview,
                    format!("{key}/review"),
                    format!("Review of relief from {}", m.id),
                )
                .under(&r.article, &m.article)
                .clause(
                    "Review window",
                    format!("{} from the report of the relief", r.window),
                )
                .maybe(
                    "Longer window",
                    r.long_window.as_ref().map(|(period, term)| {
                        format!("{term} for reports made {period} ({})", r.zone.name())
                    }),
                )
                .clause(
                    "Disapproval",
                    format!(
                        "adopted by every one of {} bars the relief",
                        bodies.join(", ")
                    ),
                )
                .maybe(
                    "Veto",
                    r.veto.map(|v| {
                        format!(
                            "{} may veto a disapproval within {}",
                            party(c, v),
                            r.veto_within
                        )
                    }),
                )
                .clause(
                    "Override",
                    format!(
                        "each body within {}: {}",
                        r.override_within,
                        describe_rule(Lang::En, c, &r.override_rule, 0)
                    ),
                ),
            );
        }
    }
}

fn alerts(c: &Charter, out: &mut Vec<Provision>) {
    for a in &c.alerts {
        let action = match a.action {
            AlertAction::Notify => "recorded and published".to_owned(),
            AlertAction::Claim { severity } => format!(
                "recorded, and a claim of severity {severity} is filed on the monitor's behalf"
            ),
            AlertAction::Escalation { severity } => format!(
                "recorded, and counted towards escalation as an activated claim of severity {severity}"
            ),
        };
        out.push(
            Provision::new(
                Kind::Alert,
                format!("alert:{}", a.id),
                named(&a.name, a.id.as_str()),
            )
            .under(&a.article, &Article::default())
            .clause("Monitor", party(c, a.monitor))
            .clause(
                "Counts",
                a.category
                    .clone()
                    .unwrap_or_else(|| "every category".to_owned()),
            )
            .clause(
                "Area",
                a.area
                    .clone()
                    .unwrap_or_else(|| "each area on its own".to_owned()),
            )
            .clause("Windows", a.grid.to_string())
            .clause("Alerts when", a.condition.to_string())
            .maybe(
                "Excluded flags",
                (!a.exclude.is_empty()).then(|| a.exclude.join(", ")),
            )
            .clause("Then", action),
        );
    }
}

fn truces(c: &Charter, out: &mut Vec<Provision>) {
    for t in &c.truces {
        let body = c.body(t.body);
        out.push(
            Provision::new(
                Kind::Truce,
                format!("truce:{}", t.id),
                named(&t.name, t.id.as_str()),
            )
            .under(&t.article, &Article::default())
            .clause("Sides", party_ids(c, &t.sides))
            .clause(
                "Categories",
                if t.categories.is_empty() {
                    "every category".to_owned()
                } else {
                    t.categories.join(", ")
                },
            )
            .clause(
                "Areas",
                if t.areas.is_empty() {
                    "everywhere".to_owned()
                } else {
                    t.areas.join(", ")
                },
            )
            .clause(
                "Term",
                format!("incidents after {} up to and including {}", t.from, t.until),
            )
            .clause("Verified by", named(&body.name, body.id.as_str()))
            .maybe(
                "Right of reply",
                t.reply_within
                    .map(|d| format!("the accused side may reply within {d} of the filing")),
            ),
        );
    }
}

fn log(c: &Charter, out: &mut Vec<Provision>) {
    let Some(l) = &c.log else { return };
    let mut p = Provision::new(Kind::Log, "log", l.origin.clone())
        .clause("Origin", l.origin.clone())
        .clause("Verifier key", l.key.clone());
    if l.witnesses.is_empty() {
        p = p.clause("Witnesses", "none named");
    }
    for w in &l.witnesses {
        let at = w
            .url
            .as_ref()
            .map(|u| format!(", at {u}"))
            .unwrap_or_default();
        p = p.clause(&format!("Witness {}", w.name), format!("key {}{at}", w.key));
    }
    out.push(p);
}
