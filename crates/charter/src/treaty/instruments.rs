//! The charter's instruments in words: the fund (keys, caps, currencies, modes, surge and
//! tranche), capabilities and usage restrictions, the register of measures with renewals and
//! relief reviews, monitoring alert rules, truces, and the transparency log.

use rust_decimal::Decimal;

use crate::describe::{
    Case, describe_annual_dates, describe_annual_period, describe_condition,
    describe_condition_kind, describe_duration, describe_duration_in, describe_grid,
    describe_measure_state, describe_rule, describe_term,
};
use crate::ids::MeasureIdx;
use crate::measure::MeasureOwner;
use crate::model::{Article, Charter, Fund, FundMode};
use crate::monitoring::AlertAction;

use super::Words;
use super::provision::{Provision, ProvisionKind as Kind, named, party, party_ids};

pub(super) fn push_all(c: &Charter, w: Words, out: &mut Vec<Provision>) {
    if let Some(f) = &c.fund {
        fund(c, w, f, out);
    }
    capabilities(c, w, out);
    measures(c, w, out);
    alerts(c, w, out);
    truces(c, w, out);
    log(c, w, out);
}

/// `id` with a duration in words in the case its sentence needs.
fn with_duration(w: Words, id: &str, d: crate::time::Duration, case: Case) -> String {
    w.msg_args(
        id,
        &[("duration", describe_duration_in(w.lang(), d, case).into())],
    )
}

fn purposes(f: &Fund, mode: FundMode) -> String {
    let ids: Vec<&str> = f.purposes(mode).iter().map(|p| p.as_str()).collect();
    ids.join(", ")
}

fn fund(c: &Charter, w: Words, f: &Fund, out: &mut Vec<Provision>) {
    let sum = f
        .contributors
        .iter()
        .try_fold(Decimal::ZERO, |s, k| s.checked_add(k.key));
    let mut p = Provision::new(Kind::Fund, "fund", f.name.clone())
        .under(&f.article, &Article::default())
        .clause(w.msg("c-currency"), f.currency.code())
        .clause(w.msg("c-disbursed-by"), party(c, f.manager))
        .clause(w.msg("c-peace-purposes"), purposes(f, FundMode::Peace))
        .clause(
            w.msg("c-conflict-purposes"),
            purposes(f, FundMode::Conflict),
        )
        .clause(
            w.msg("c-back-to-peace"),
            with_duration(
                w,
                if f.board
                    .as_ref()
                    .is_some_and(|b| b.has(crate::BoardPower::ReturnToPeace))
                {
                    "back-to-peace-board-text"
                } else {
                    "back-to-peace-text"
                },
                f.quiet_period,
                Case::Genitive,
            ),
        );
    for k in &f.contributors {
        let share = sum.and_then(|s| crate::money::percent_of(k.key, s));
        let mut args = vec![
            ("key", k.key.to_string().into()),
            ("paid_in", f.currency.amount_text(k.paid_in).into()),
            ("callable", f.currency.amount_text(k.callable).into()),
        ];
        let mut text = match share {
            Some(share) => {
                args.push(("share", share.to_string().into()));
                w.msg_args("contributor-share-text", &args)
            }
            None => w.msg_args("contributor-text", &args),
        };
        if let Some(parliament) = &k.appropriation {
            text.push_str("; ");
            text.push_str(&w.msg_args(
                "contributor-appropriation",
                &[("parliament", parliament.clone().into())],
            ));
        }
        p = p.clause(
            w.msg_args(
                "c-contributor",
                &[("party", c.party(k.party).id.to_string().into())],
            ),
            text,
        );
    }
    out.push(p);
    for cap in &f.caps {
        out.push(
            Provision::new(
                Kind::FundCap,
                format!("fund/cap:{}:{}", cap.purpose, cap.per),
                w.msg_args(
                    "cap-heading",
                    &[("purpose", cap.purpose.to_string().into())],
                ),
            )
            .under(&cap.article, &f.article)
            .clause(
                w.msg("c-limit"),
                w.msg_args(
                    "cap-text",
                    &[
                        ("amount", f.currency.amount_text(cap.amount).into()),
                        ("purpose", cap.purpose.to_string().into()),
                        ("duration", describe_duration(w.lang(), cap.per).into()),
                    ],
                ),
            ),
        );
    }
    if let Some(s) = &f.surge {
        out.push(
            Provision::new(Kind::FundSurge, "fund/surge", w.msg("surge-heading"))
                .under(&s.article, &f.article)
                .clause(
                    w.msg("c-amount"),
                    w.msg_args(
                        "surge-text",
                        &[("amount", f.currency.amount_text(s.amount).into())],
                    ),
                )
                .clause(
                    w.msg("c-due"),
                    with_duration(w, "due-after-call", s.due_within, Case::Genitive),
                ),
        );
    }
    if let Some(t) = &f.tranche {
        out.push(
            Provision::new(Kind::FundTranche, "fund/tranche", w.msg("tranche-heading"))
                .under(&t.article, &f.article)
                .clause(
                    w.msg("c-amount"),
                    w.msg_args(
                        "tranche-text",
                        &[
                            ("amount", f.currency.amount_text(t.amount).into()),
                            ("purpose", t.purpose.to_string().into()),
                            ("recipient", t.recipient.to_string().into()),
                        ],
                    ),
                )
                .clause(w.msg("c-when"), w.msg("tranche-when")),
        );
    }
    for p in &f.programmes {
        out.push(programme(c, w, f, p));
    }
    if let Some(b) = &f.board {
        out.push(board(w, f, b));
    }
}

/// The board: who sits on it and with what voting power, how it decides, and the only
/// decisions it takes.
fn board(w: Words, f: &Fund, b: &crate::FundBoard) -> Provision {
    use crate::BoardPower;
    let threshold = match b.threshold {
        crate::BoardThreshold::MoreThan(p) => {
            w.msg_args("board-more-than", &[("pct", p.to_string().into())])
        }
        crate::BoardThreshold::AtLeast(p) => {
            w.msg_args("board-at-least", &[("pct", p.to_string().into())])
        }
    };
    let mut p = Provision::new(Kind::FundBoard, "fund/board", w.msg("board-heading"))
        .under(&b.article, &f.article)
        .clause(
            w.msg("c-board-members"),
            w.msg(match b.weights {
                crate::BoardWeights::Key => "board-members-key",
                crate::BoardWeights::PaidIn => "board-members-paid-in",
            }),
        )
        .clause(
            w.msg("c-board-decides"),
            w.msg_args(
                "board-decides-text",
                &[
                    ("threshold", threshold.into()),
                    (
                        "duration",
                        describe_duration_in(w.lang(), b.decide_within, Case::Genitive).into(),
                    ),
                ],
            ),
        );
    for power in &b.powers {
        let text = match power {
            BoardPower::ReturnToPeace => w.msg("board-power-peace"),
            BoardPower::ExceptionalDisbursement => w.msg_args(
                "board-power-exceptional",
                &[(
                    "amount",
                    f.currency
                        .amount_text(b.exceptional_above.unwrap_or_default())
                        .into(),
                )],
            ),
            BoardPower::CapChange => w.msg("board-power-cap"),
        };
        p = p.clause(w.msg("c-board-power"), text);
    }
    p.clause(w.msg("c-board-otherwise"), w.msg("board-otherwise-text"))
}

/// A programme: its recipient and purpose, then each tranche with its amount, date and the
/// conditions it waits on, each with who verifies it.
fn programme(c: &Charter, w: Words, f: &Fund, p: &crate::Programme) -> Provision {
    let mut provision = Provision::new(
        Kind::FundProgramme,
        format!("fund/programme:{}", p.id),
        named(&p.name, p.id.as_str()),
    )
    .under(&p.article, &f.article)
    .clause(
        w.msg("c-paid-to"),
        w.msg_args(
            "programme-paid-to",
            &[
                ("recipient", p.recipient.to_string().into()),
                ("purpose", p.purpose.to_string().into()),
            ],
        ),
    )
    .clause(w.msg("c-when"), w.msg("programme-when"));
    for t in &p.tranches {
        let conditions: Vec<String> = t
            .conditions
            .iter()
            .map(|k| {
                w.msg_args(
                    "programme-condition",
                    &[
                        ("id", k.id.to_string().into()),
                        ("kind", describe_condition_kind(w.lang(), k.kind).into()),
                        ("verifier", party(c, k.verifier).into()),
                        ("text", k.text.clone().into()),
                    ],
                )
            })
            .collect();
        provision = provision.clause(
            w.msg_args("c-programme-tranche", &[("id", t.id.to_string().into())]),
            w.msg_args(
                "programme-tranche-text",
                &[
                    ("amount", f.currency.amount_text(t.amount).into()),
                    ("by", t.by.to_string().into()),
                    ("conditions", conditions.join("; ").into()),
                ],
            ),
        );
    }
    provision
}

fn capabilities(c: &Charter, w: Words, out: &mut Vec<Provision>) {
    let cap = c.capabilities.clone().unwrap_or_default();
    if c.capabilities.is_some() {
        let mut p = Provision::new(
            Kind::Capabilities,
            "capabilities",
            Kind::Capabilities.title(w),
        )
        .under(&cap.article, &Article::default());
        for l in &cap.locations {
            p = p.clause(
                w.msg_args("c-location", &[("id", l.id.to_string().into())]),
                w.msg_args(
                    "location-text",
                    &[
                        ("name", l.name.to_string().into()),
                        (
                            "duration",
                            describe_duration_in(w.lang(), l.transit, Case::Genitive).into(),
                        ),
                    ],
                ),
            );
        }
        if cap.locations.is_empty() {
            p = p.clause(w.msg("c-locations"), w.msg("word-none"));
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
            .clause(w.msg("c-host"), party(c, t.host))
            .clause(
                w.msg("c-capacity"),
                w.msg_args("capacity-text", &[("count", t.capacity_per_month.into())]),
            ),
        );
    }
    for (n, r) in c.restrictions.iter().enumerate() {
        let lifted = c.package(r.lifted_by);
        out.push(
            Provision::new(
                Kind::Restriction,
                format!("restriction:{}", n + 1),
                w.msg_args(
                    "restriction-heading",
                    &[("party", c.party(r.donor).id.to_string().into())],
                ),
            )
            .under(&r.article, &Article::default())
            .clause(w.msg("c-donor"), party(c, r.donor))
            .clause(
                w.msg("c-on"),
                r.system.clone().unwrap_or_else(|| w.msg("every-system")),
            )
            .clause(
                w.msg("c-lifted-by"),
                w.msg_args(
                    "lifted-by-text",
                    &[("package", named(&lifted.name, lifted.id.as_str()).into())],
                ),
            ),
        );
    }
}

fn measures(c: &Charter, w: Words, out: &mut Vec<Provision>) {
    let lang = w.lang();
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
                .clause(w.msg("c-held-by"), owner)
                .clause(w.msg("c-kind"), m.kind.clone())
                .clause(w.msg("c-legal-basis"), m.basis.clone())
                .clause(
                    w.msg("c-initial-state"),
                    w.msg_args(
                        "initial-state-text",
                        &[
                            ("state", describe_measure_state(lang, m.initial).into()),
                            ("since", m.since.to_string().into()),
                        ],
                    ),
                )
                .maybe(
                    w.msg("c-levels"),
                    (!m.levels.is_empty()).then(|| {
                        w.msg_args(
                            "levels-text",
                            &[
                                ("levels", m.levels.join(" < ").into()),
                                (
                                    "level",
                                    m.levels
                                        .get(m.level)
                                        .cloned()
                                        .unwrap_or_else(|| w.msg("levels-first"))
                                        .into(),
                                ),
                            ],
                        )
                    }),
                )
                .maybe(w.msg("c-expires"), m.expires.map(|e| e.to_string()))
                .maybe(
                    w.msg("c-sunset"),
                    m.sunset_after
                        .map(|d| with_duration(w, "sunset-text", d, Case::Accusative)),
                )
                .maybe(
                    w.msg("c-snapped-back-by"),
                    (!restored_by.is_empty()).then(|| restored_by.join(", ")),
                )
                .clause(
                    w.msg("c-if-unwound"),
                    w.msg(if m.unwinds {
                        "unwound-reversed"
                    } else {
                        "unwound-stays"
                    }),
                ),
        );
        if let Some(r) = &m.renewal {
            let body = c.body(r.body);
            out.push(
                Provision::new(
                    Kind::Renewal,
                    format!("{key}/renewal"),
                    w.msg_args("renewal-heading", &[("measure", m.id.to_string().into())]),
                )
                .under(&r.article, &m.article)
                .clause(
                    w.msg("c-renewing-body"),
                    named(&body.name, body.id.as_str()),
                )
                .clause(
                    w.msg("c-expiries"),
                    describe_annual_dates(lang, &r.expiries),
                )
                .clause(
                    w.msg("c-decision-opens"),
                    with_duration(w, "decision-opens-text", r.opens_before, Case::Accusative),
                ),
            );
        }
        if let Some(r) = &m.review {
            let bodies: Vec<&str> = r.bodies.iter().map(|b| c.body(*b).id.as_str()).collect();
            out.push(
                Provision::new(
                    Kind::ReliefReview,
                    format!("{key}/review"),
                    w.msg_args("review-heading", &[("measure", m.id.to_string().into())]),
                )
                .under(&r.article, &m.article)
                .clause(
                    w.msg("c-review-window"),
                    w.msg_args(
                        "review-window-text",
                        &[("term", describe_term(lang, &r.window).into())],
                    ),
                )
                .maybe(
                    w.msg("c-longer-window"),
                    r.long_window.as_ref().map(|(period, term)| {
                        w.msg_args(
                            "longer-window-text",
                            &[
                                ("term", describe_term(lang, term).into()),
                                ("period", describe_annual_period(lang, period).into()),
                                ("zone", r.zone.name().to_owned().into()),
                            ],
                        )
                    }),
                )
                .clause(
                    w.msg("c-disapproval"),
                    w.msg_args("disapproval-text", &[("bodies", bodies.join(", ").into())]),
                )
                .maybe(
                    w.msg("c-veto"),
                    r.veto.map(|v| {
                        w.msg_args(
                            "veto-text",
                            &[
                                ("party", party(c, v).into()),
                                (
                                    "duration",
                                    describe_duration_in(lang, r.veto_within, Case::Genitive)
                                        .into(),
                                ),
                            ],
                        )
                    }),
                )
                .clause(
                    w.msg("c-override"),
                    w.msg_args(
                        "override-text",
                        &[
                            (
                                "duration",
                                describe_duration_in(lang, r.override_within, Case::Genitive)
                                    .into(),
                            ),
                            ("rule", describe_rule(lang, c, &r.override_rule, 0).into()),
                        ],
                    ),
                ),
            );
        }
    }
}

fn alerts(c: &Charter, w: Words, out: &mut Vec<Provision>) {
    let lang = w.lang();
    for a in &c.alerts {
        let action = match a.action {
            AlertAction::Notify => w.msg("action-notify"),
            AlertAction::Claim { severity } => {
                w.msg_args("action-claim", &[("severity", severity.to_string().into())])
            }
            AlertAction::Escalation { severity } => w.msg_args(
                "action-escalation",
                &[("severity", severity.to_string().into())],
            ),
        };
        out.push(
            Provision::new(
                Kind::Alert,
                format!("alert:{}", a.id),
                named(&a.name, a.id.as_str()),
            )
            .under(&a.article, &Article::default())
            .clause(w.msg("c-monitor"), party(c, a.monitor))
            .clause(
                w.msg("c-counts"),
                a.category
                    .clone()
                    .unwrap_or_else(|| w.msg("every-category")),
            )
            .clause(
                w.msg("c-area"),
                a.area.clone().unwrap_or_else(|| w.msg("each-area")),
            )
            .clause(w.msg("c-windows"), describe_grid(lang, &a.grid))
            .clause(
                w.msg("c-alerts-when"),
                describe_condition(lang, a.condition),
            )
            .maybe(
                w.msg("c-excluded-flags"),
                (!a.exclude.is_empty()).then(|| a.exclude.join(", ")),
            )
            .clause(w.msg("c-then"), action),
        );
    }
}

fn truces(c: &Charter, w: Words, out: &mut Vec<Provision>) {
    for t in &c.truces {
        let body = c.body(t.body);
        out.push(
            Provision::new(
                Kind::Truce,
                format!("truce:{}", t.id),
                named(&t.name, t.id.as_str()),
            )
            .under(&t.article, &Article::default())
            .clause(w.msg("c-sides"), party_ids(c, &t.sides))
            .clause(
                w.msg("c-categories"),
                if t.categories.is_empty() {
                    w.msg("every-category")
                } else {
                    t.categories.join(", ")
                },
            )
            .clause(
                w.msg("c-areas"),
                if t.areas.is_empty() {
                    w.msg("everywhere")
                } else {
                    t.areas.join(", ")
                },
            )
            .clause(
                w.msg("c-term"),
                w.msg_args(
                    "truce-term-text",
                    &[
                        ("from", t.from.to_string().into()),
                        ("until", t.until.to_string().into()),
                    ],
                ),
            )
            .clause(w.msg("c-verified-by"), named(&body.name, body.id.as_str()))
            .maybe(
                w.msg("c-right-of-reply"),
                t.reply_within
                    .map(|d| with_duration(w, "reply-text", d, Case::Genitive)),
            ),
        );
    }
}

fn log(c: &Charter, w: Words, out: &mut Vec<Provision>) {
    let Some(l) = &c.log else { return };
    let mut p = Provision::new(Kind::Log, "log", l.origin.clone())
        .clause(w.msg("c-origin"), l.origin.clone())
        .clause(w.msg("c-verifier-key"), l.key.clone());
    if l.witnesses.is_empty() {
        p = p.clause(w.msg("c-witnesses"), w.msg("none-named"));
    }
    for witness in &l.witnesses {
        let mut args = vec![("key", witness.key.to_string().into())];
        let text = match &witness.url {
            Some(url) => {
                args.push(("url", url.to_string().into()));
                w.msg_args("witness-at-text", &args)
            }
            None => w.msg_args("witness-text", &args),
        };
        p = p.clause(
            w.msg_args("c-witness", &[("name", witness.name.to_string().into())]),
            text,
        );
    }
    out.push(p);
}
