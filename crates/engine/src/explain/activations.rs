//! Why an activation happened, and each package's path.

use std::fmt::Write as _;

use super::*;

/// Explains an activation: what caused it, the tier and its article, and each package's path.
pub fn explain_activation(state: &State, a: &ActivationRecord) -> String {
    let Some(charter) = state.charter_version(&a.charter_version) else {
        return "The charter version of this activation is not available.".to_owned();
    };
    let Some(tier) = charter.tiers.iter().find(|t| t.id == a.tier) else {
        return format!(
            "Tier `{}` is not in charter version {}.",
            a.tier, a.charter_version
        );
    };
    let mut s = String::new();
    match a.cause {
        Cause::Claim => {
            let claim = a.claims.first().and_then(|c| state.claim(c.as_str()));
            let severity = claim.map_or(0, |c| c.effective_severity());
            let graded = claim
                .and_then(|c| c.graded.as_ref())
                .filter(|g| g.tier.as_ref() == Some(&tier.id));
            let id = a.claims.first().map_or("", |c| c.as_str());
            let tier_named = format!("`{}`{}", tier.id, named(&tier.name, tier.id.as_str()));
            // The tier comes from the body's grading when it named one, else from the severity.
            let why = match graded {
                Some(g) => format!(
                    "the body graded claim {id} tier {tier_named} (motion {}), whatever its severity {severity} selects; under",
                    g.decision
                ),
                None => format!(
                    "claim {id} has severity {severity}, which selects tier {tier_named} (from severity {}) under",
                    tier.min_severity
                ),
            };
            let _ = write!(s, "Activation {} at {}: {why} {}", a.id, a.at, tier.article);
        }
        Cause::Escalation => {
            let mut parts: Vec<String> = a
                .claims
                .iter()
                .map(|c| {
                    let sev = state
                        .claim(c.as_str())
                        .map_or(0, |r| r.effective_severity());
                    format!("{c} (severity {sev})")
                })
                .collect();
            parts.extend(a.alerts.iter().map(|x| {
                format!(
                    "the alert `{}` on {} for the window ending {} (severity {})",
                    x.alert, x.area, x.window_end, x.severity
                )
            }));
            let sum: i64 = a
                .claims
                .iter()
                .filter_map(|c| state.claim(c.as_str()))
                .map(|r| r.effective_severity())
                .sum::<i64>()
                + a.alerts.iter().map(|x| i64::from(x.severity)).sum::<i64>();
            let (article, window, threshold) = charter
                .escalation
                .as_ref()
                .map_or((String::new(), String::new(), 0), |e| {
                    (e.article.to_string(), e.window.to_string(), e.threshold)
                });
            let _ = write!(
                s,
                "Activation {} at {}: {} within {window}, and their severities sum to {sum}, reaching the threshold {threshold} of {article}; so tier `{}`{} activates under {}",
                a.id,
                a.at,
                if a.alerts.is_empty() {
                    format!("claims {} were activated", parts.join(", "))
                } else {
                    format!("{} were activated or raised", parts.join(", "))
                },
                tier.id,
                named(&tier.name, tier.id.as_str()),
                tier.article
            );
        }
    }
    let _ = write!(
        s,
        ", with packages: {}.",
        a.packages
            .iter()
            .map(|p| p.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    for pkg in tier.packages.iter().map(|p| charter.package(*p)) {
        if let Some(d) = &pkg.decision {
            let decision = state.decisions.iter().find(|r| {
                r.activation.as_ref() == Some(&a.id) && r.package.as_ref() == Some(&pkg.id)
            });
            let _ = write!(
                s,
                " Package `{}` first needs a decision of {} ({}",
                pkg.id,
                body_label(charter.body(d.body)),
                d.article
            );
            match decision {
                Some(r) => {
                    let _ = write!(s, ", decision {}): {}", r.id, package_consequence(r));
                }
                None => s.push_str(")."),
            }
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
        let _ = write!(
            s,
            " Unwound at {}: reconsidered, claim {} was found unfounded, so what this activation did is reversed where it can be (see the claim).",
            u.at, claim.id
        );
    }
    s
}

/// What a package decision means for its package, as a sentence.
fn package_consequence(r: &DecisionRecord) -> String {
    let package = r.package.as_ref().map(|p| p.as_str()).unwrap_or_default();
    match (r.status, r.proceed_if, r.decided_at) {
        (DecisionStatus::Pending, _, _) => {
            format!("pending until {}; `{package}` waits for it.", r.deadline)
        }
        (status, Some(proceed_if), Some(at)) if proceeds(proceed_if, status) => {
            format!(
                "{} at {at}, so `{package}` proceeds and its obligations run from then.",
                status_word(status)
            )
        }
        (status, _, at) => format!(
            "{}{}, so `{package}` lapses.",
            status_word(status),
            at.map(|t| format!(" at {t}")).unwrap_or_default()
        ),
    }
}

fn status_word(status: DecisionStatus) -> &'static str {
    match status {
        DecisionStatus::Pending => "pending",
        DecisionStatus::Adopted => "adopted",
        DecisionStatus::NotAdopted => "not adopted",
    }
}
