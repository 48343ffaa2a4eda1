//! The part of a claim's explanation about how it was contested, graded and undone: the truce
//! and the accused side's reply, an extension, the body's grading, reconsideration rounds and
//! the unwinding of an activation. Each sentence comes with the space before it.

use super::*;

pub(super) fn explain_contest(
    w: Messages,
    state: &State,
    charter: &Charter,
    r: &ClaimRecord,
) -> String {
    let mut out: Vec<String> = Vec::new();
    if let Some(alert) = &r.alert {
        out.push(
            w.msg_args(
                "contest-alert",
                &[
                    ("alert", alert.as_str().into()),
                    ("party", r.party.as_str().into()),
                    (
                        "window",
                        r.occurred_at
                            .map_or("?".to_owned(), |t| t.to_string())
                            .into(),
                    ),
                    ("area", r.location.as_deref().unwrap_or("?").into()),
                ],
            ),
        );
    }
    let truce = r.truce.as_ref().and_then(|t| charter.truce(t.as_str()));
    match (truce, &r.accused) {
        (Some(t), accused) => {
            let scope = if t.categories.is_empty() {
                w.msg("truce-every-category")
            } else {
                t.categories.join(", ")
            };
            let areas = if t.areas.is_empty() {
                String::new()
            } else {
                format!(
                    " {}",
                    w.msg_args("truce-areas", &[("areas", t.areas.join(", ").into())])
                )
            };
            out.push(w.msg_args(
                "contest-truce",
                &[
                    ("id", t.id.as_str().into()),
                    ("name", t.name.as_str().into()),
                    ("article", t.article.to_string().into()),
                    ("party", r.party.as_str().into()),
                    (
                        "accused",
                        accused.as_ref().map_or("?", |a| a.as_str()).into(),
                    ),
                    ("scope", scope.into()),
                    ("areas", areas.into()),
                    ("from", t.from.to_string().into()),
                    ("until", t.until.to_string().into()),
                    ("body", body_label(w, charter.body(t.body), "nom").into()),
                ],
            ));
        }
        (None, Some(accused)) => {
            out.push(w.msg_args("contest-accuses", &[("accused", accused.as_str().into())]));
        }
        (None, None) => {}
    }
    if let Some(reply) = &r.reply {
        let cited = reply
            .evidence
            .as_ref()
            .map_or(String::new(), |(kind, digest)| {
                format!(
                    " {}",
                    w.msg_args(
                        "reply-citing",
                        &[
                            ("kind", kind.as_str().into()),
                            ("digest", digest.as_str().into())
                        ],
                    )
                )
            });
        out.push(w.msg_args(
            "contest-reply",
            &[
                ("party", reply.party.as_str().into()),
                ("at", reply.at.to_string().into()),
                ("cited", cited.into()),
                ("summary", reply.summary.as_str().into()),
            ],
        ));
    } else if let (Some(until), Some(accused)) = (r.reply_until, &r.accused) {
        let passed = r.status != ClaimStatus::Pending || state.as_of.is_some_and(|t| t >= until);
        out.push(w.msg_args(
            if passed {
                "contest-reply-passed"
            } else {
                "contest-reply-open"
            },
            &[
                ("accused", accused.as_str().into()),
                ("until", until.to_string().into()),
            ],
        ));
    }
    if let Some((at, decision)) = &r.extended {
        let by = charter.verification.extension.map_or(String::new(), |e| {
            format!(
                " {}",
                w.msg_args(
                    "extended-by",
                    &[(
                        "extension",
                        describe_duration_in(w.lang(), e, Case::Accusative).into()
                    )]
                )
            )
        });
        out.push(w.msg_args(
            "contest-extended",
            &[
                ("decision", decision.as_str().into()),
                ("at", at.to_string().into()),
                ("by", by.into()),
                (
                    "deadline",
                    r.deadline.map_or("?".to_owned(), |d| d.to_string()).into(),
                ),
            ],
        ));
    }
    if let Some(g) = &r.graded {
        let mut found = Vec::new();
        let claimed = r.severity.to_string();
        if let Some(severity) = g.severity {
            let tier = charter.tier_for(severity).map_or_else(
                || w.msg("graded-no-tier"),
                |t| {
                    w.msg_args(
                        "graded-tier-of",
                        &[("tier", charter.tier(t).id.as_str().into())],
                    )
                },
            );
            found.push(w.msg_args(
                "graded-severity",
                &[
                    ("severity", severity.to_string().into()),
                    ("tier", tier.into()),
                    ("claimed", claimed.clone().into()),
                ],
            ));
        }
        if let Some(t) = &g.tier {
            found.push(w.msg_args(
                "graded-tier",
                &[
                    ("tier", t.as_str().into()),
                    ("claimed", claimed.clone().into()),
                ],
            ));
        }
        if let Some(a) = &g.attribution {
            found.push(w.msg_args("graded-attribution", &[("party", a.as_str().into())]));
        }
        out.push(w.msg_args(
            "contest-graded",
            &[
                ("decision", g.decision.as_str().into()),
                ("at", g.at.to_string().into()),
                ("found", found.join("; ").into()),
            ],
        ));
    }
    let window = charter
        .verification
        .reconsider_within
        .map_or(String::new(), |within| {
            format!(
                " {}",
                w.msg_args(
                    "reconsider-window",
                    &[(
                        "window",
                        describe_duration_in(w.lang(), within, Case::Genitive).into()
                    )]
                )
            )
        });
    for round in &r.reconsiderations {
        let mut args = vec![
            ("party", round.party.as_str().into()),
            ("digest", round.digest.as_str().into()),
            ("at", round.requested_at.to_string().into()),
            ("window", window.clone().into()),
            ("previous", round.previous.name().into()),
        ];
        let id = match round.determined_at {
            Some(d) => {
                args.push(("determined", d.to_string().into()));
                "contest-reconsidered-determined"
            }
            None => "contest-reconsidered",
        };
        out.push(w.msg_args(id, &args));
    }
    if let Some(u) = &r.unwound {
        let measures = if u.measures.is_empty() {
            w.msg("unwound-no-measures")
        } else {
            w.msg_args(
                "unwound-measures",
                &[("measures", joined(&u.measures).into())],
            )
        };
        let obligations = if u.obligations.is_empty() {
            w.msg("unwound-no-obligations")
        } else {
            w.msg_args(
                "unwound-obligations",
                &[("obligations", joined(&u.obligations).into())],
            )
        };
        let decisions = if u.decisions.is_empty() {
            String::new()
        } else {
            format!(
                "; {}",
                w.msg_args(
                    "unwound-decisions",
                    &[("decisions", joined(&u.decisions).into())]
                )
            )
        };
        out.push(w.msg_args(
            "contest-unwound",
            &[
                ("at", u.at.to_string().into()),
                ("activation", u.activation.as_str().into()),
                ("measures", measures.into()),
                ("obligations", obligations.into()),
                ("decisions", decisions.into()),
            ],
        ));
    }
    out.iter().map(|sentence| format!(" {sentence}")).collect()
}
