//! Why an activation happened, and each package's path.

use super::*;

/// Explains an activation in `lang`: what caused it, the tier and its article, and each
/// package's path.
pub fn explain_activation(state: &State, a: &ActivationRecord, lang: Lang) -> String {
    let w = words(lang);
    let Some(charter) = state.charter_version(&a.charter_version) else {
        return w.msg("activation-no-charter");
    };
    let Some(tier) = charter.tiers.iter().find(|t| t.id == a.tier) else {
        return w.msg_args(
            "activation-no-tier",
            &[
                ("tier", a.tier.as_str().into()),
                ("version", a.charter_version.as_str().into()),
            ],
        );
    };
    let packages = a
        .packages
        .iter()
        .map(|p| p.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let mut s = match a.cause {
        Cause::Claim => {
            let claim = a.claims.first().and_then(|c| state.claim(c.as_str()));
            let severity = claim.map_or(0, |c| c.effective_severity());
            let graded = claim
                .and_then(|c| c.graded.as_ref())
                .filter(|g| g.tier.as_ref() == Some(&tier.id));
            let id = a.claims.first().map_or("", |c| c.as_str());
            let tier_named = format!("`{}`{}", tier.id, named(&tier.name, tier.id.as_str()));
            let mut args = vec![
                ("id", a.id.as_str().into()),
                ("at", a.at.to_string().into()),
                ("claim", id.into()),
                ("tier", tier_named.into()),
                ("severity", severity.to_string().into()),
                ("article", tier.article.to_string().into()),
                ("packages", packages.into()),
            ];
            // The tier comes from the body's grading when it named one, else from the severity.
            let message = match graded {
                Some(g) => {
                    args.push(("decision", g.decision.as_str().into()));
                    "activation-claim-graded"
                }
                None => {
                    args.push(("min", tier.min_severity.to_string().into()));
                    "activation-claim"
                }
            };
            w.msg_args(message, &args)
        }
        Cause::Escalation => {
            let mut parts: Vec<String> = a
                .claims
                .iter()
                .map(|c| {
                    let sev = state
                        .claim(c.as_str())
                        .map_or(0, |r| r.effective_severity());
                    w.msg_args(
                        "escalation-claim",
                        &[
                            ("claim", c.as_str().into()),
                            ("severity", sev.to_string().into()),
                        ],
                    )
                })
                .collect();
            parts.extend(a.alerts.iter().map(|x| {
                w.msg_args(
                    "escalation-alert",
                    &[
                        ("alert", x.alert.as_str().into()),
                        ("area", x.area.as_str().into()),
                        ("window", x.window_end.to_string().into()),
                        ("severity", x.severity.to_string().into()),
                    ],
                )
            }));
            let sum: i64 = a
                .claims
                .iter()
                .filter_map(|c| state.claim(c.as_str()))
                .map(|r| r.effective_severity())
                .sum::<i64>()
                + a.alerts.iter().map(|x| i64::from(x.severity)).sum::<i64>();
            let (article, window, threshold) =
                charter
                    .escalation
                    .as_ref()
                    .map_or((String::new(), String::new(), 0), |e| {
                        (
                            e.article.to_string(),
                            describe_duration_in(w.lang(), e.window, Case::Genitive),
                            e.threshold,
                        )
                    });
            let counted = w.msg_args(
                if a.alerts.is_empty() {
                    "escalation-claims-activated"
                } else {
                    "escalation-activated-or-raised"
                },
                &[("parts", parts.join(", ").into())],
            );
            w.msg_args(
                "activation-escalation",
                &[
                    ("id", a.id.as_str().into()),
                    ("at", a.at.to_string().into()),
                    ("counted", counted.into()),
                    ("window", window.into()),
                    ("sum", sum.to_string().into()),
                    ("threshold", threshold.to_string().into()),
                    ("article", article.into()),
                    ("tier", tier.id.as_str().into()),
                    ("named", named(&tier.name, tier.id.as_str()).into()),
                    ("tier_article", tier.article.to_string().into()),
                    ("packages", packages.into()),
                ],
            )
        }
    };
    for pkg in tier.packages.iter().map(|p| charter.package(*p)) {
        if let Some(d) = &pkg.decision {
            let decision = state.decisions.iter().find(|r| {
                r.activation.as_ref() == Some(&a.id) && r.package.as_ref() == Some(&pkg.id)
            });
            let mut args = vec![
                ("package", pkg.id.as_str().into()),
                ("body", body_label(w, charter.body(d.body), "gen").into()),
                ("article", d.article.to_string().into()),
            ];
            let id = match decision {
                Some(r) => {
                    args.push(("decision", r.id.as_str().into()));
                    args.push(("consequence", package_consequence(w, r).into()));
                    "package-needs-decided"
                }
                None => "package-needs",
            };
            s.push(' ');
            s.push_str(&w.msg_args(id, &args));
        }
    }
    let unwound = a
        .claims
        .iter()
        .filter_map(|c| state.claim(c.as_str()))
        .find_map(|c| {
            c.unwound
                .as_ref()
                .filter(|u| u.activation == a.id)
                .map(|u| (c, u))
        });
    if let Some((claim, u)) = unwound {
        s.push(' ');
        s.push_str(&w.msg_args(
            "activation-unwound",
            &[
                ("at", u.at.to_string().into()),
                ("claim", claim.id.as_str().into()),
            ],
        ));
    }
    s
}

/// What a package decision means for its package, as a sentence.
fn package_consequence(w: Messages, r: &DecisionRecord) -> String {
    let package = r.package.as_ref().map(|p| p.as_str()).unwrap_or_default();
    let status = match r.status {
        DecisionStatus::Pending => "pending",
        DecisionStatus::Adopted => "adopted",
        DecisionStatus::NotAdopted => "not-adopted",
    };
    match (r.status, r.proceed_if, r.decided_at) {
        (DecisionStatus::Pending, _, _) => w.msg_args(
            "consequence-pending",
            &[
                ("deadline", r.deadline.to_string().into()),
                ("package", package.into()),
            ],
        ),
        (status_now, Some(proceed_if), Some(at)) if proceeds(proceed_if, status_now) => w.msg_args(
            "consequence-proceeds",
            &[
                ("status", status.into()),
                ("at", at.to_string().into()),
                ("package", package.into()),
            ],
        ),
        (_, _, Some(at)) => w.msg_args(
            "consequence-lapses-at",
            &[
                ("status", status.into()),
                ("at", at.to_string().into()),
                ("package", package.into()),
            ],
        ),
        (_, _, None) => w.msg_args(
            "consequence-lapses",
            &[("status", status.into()), ("package", package.into())],
        ),
    }
}
