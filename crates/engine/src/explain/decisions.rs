//! Why a decision was adopted or not: its rule, quorum, proposer and tally.

use super::*;

/// Why a rule chosen by proposer is the branch it is: who proposed the motion, with the space
/// before it (empty for other rules).
fn proposer_note(
    w: Messages,
    charter: &Charter,
    body_rule: &Rule,
    r: &DecisionRecord,
    review: bool,
) -> String {
    let Rule::ByProposer { proposers, .. } = body_rule else {
        return String::new();
    };
    if review {
        return String::new();
    }
    let named: Vec<&str> = proposers
        .iter()
        .map(|p| charter.party(*p).id.as_str())
        .collect();
    let or = format!(" {} ", w.msg("word-or"));
    let note = match r.proposer.as_ref().or(r.opened_by.as_ref()) {
        Some(p) if named.contains(&p.as_str()) => w.msg_args(
            "proposer-one-of",
            &[
                ("party", p.as_str().into()),
                ("named", named.join(", ").into()),
            ],
        ),
        Some(p) => w.msg_args(
            "proposer-not",
            &[
                ("party", p.as_str().into()),
                ("named", named.join(&or).into()),
            ],
        ),
        None => w.msg_args("proposer-engine", &[("named", named.join(&or).into())]),
    };
    format!(" {note}")
}

/// Explains a decision in `lang`: the rule, the tally against what was needed, and the outcome.
pub fn explain_decision(state: &State, r: &DecisionRecord, lang: Lang) -> String {
    let w = words(lang);
    let Some(charter) = state.charter_version(&r.charter_version) else {
        return w.msg("decision-no-charter");
    };
    let Some(body_idx) = charter.body_idx(r.body.as_str()) else {
        return w.msg_args(
            "decision-no-body",
            &[
                ("body", r.body.as_str().into()),
                ("version", r.charter_version.as_str().into()),
            ],
        );
    };
    let body = charter.body(body_idx);
    let review = r.review.zip(r.measure.as_ref()).and_then(|(motion, m)| {
        let def = charter.measures.iter().find(|x| &x.id == m)?;
        Some((motion, def.review.as_ref()?))
    });
    let rule = match review {
        Some((ReviewMotion::Override, review)) => &review.override_rule,
        _ => body.rule.for_proposer(
            r.proposer
                .as_ref()
                .or(r.opened_by.as_ref())
                .and_then(|p| charter.party_idx(p.as_str())),
        ),
    };
    let article = match review {
        Some((_, review)) => review.article.to_string(),
        None => r
            .package
            .as_ref()
            .and_then(|p| charter.packages.iter().find(|x| &x.id == p))
            .and_then(|p| p.decision.as_ref())
            .map_or_else(|| body.article.to_string(), |d| d.article.to_string()),
    };
    let n = r.members.len() as u32;
    let t = r.tally();
    let counted = recount(charter, rule, &r.members, &r.votes, decision_choice, None);
    let pop = population_note(w, rule, &counted);
    let need = needed(w, rule, n);
    let mut s = w.msg_args(
        "decision-intro",
        &[
            ("article", article.into()),
            ("motion", r.motion.as_str().into()),
            ("body", body_label(w, body, "gen").into()),
            ("deadline", r.deadline.to_string().into()),
            ("rule_article", body.article.to_string().into()),
            (
                "rule",
                (describe_rule(lang, charter, rule, n)
                    + &proposer_note(w, charter, &body.rule, r, review.is_some()))
                    .into(),
            ),
            ("yes", count(t.yes)),
            ("no", count(t.no)),
            ("abstain", count(t.abstain)),
            ("not_voted", count(t.not_voted)),
        ],
    );
    let at = r.decided_at.unwrap_or(r.deadline);
    let figures = |id: &str| {
        w.msg_args(
            id,
            &[
                ("at", at.to_string().into()),
                ("need", need.clone().into()),
                ("pop", pop.clone().into()),
                ("yes", count(t.yes)),
            ],
        )
    };
    let outcome = match (r.status, r.basis) {
        (DecisionStatus::Pending, _) => figures("decision-pending"),
        (DecisionStatus::Adopted, _) => figures("decision-adopted"),
        (DecisionStatus::NotAdopted, Some(Basis::CannotBeAdopted)) => {
            let open = recount(
                charter,
                rule,
                &r.members,
                &r.votes,
                decision_choice,
                Some(just_after(at)),
            );
            w.msg_args(
                "decision-cannot-be-adopted",
                &[
                    ("at", at.to_string().into()),
                    ("why", why_impossible(w, rule, &open, "yes").into()),
                ],
            )
        }
        (DecisionStatus::NotAdopted, _) => figures("decision-not-adopted"),
    };
    s.push(' ');
    s.push_str(&outcome);
    s.push_str(&quorum_note(
        w,
        body,
        t.yes,
        t.no,
        t.abstain,
        r.status == DecisionStatus::Pending,
    ));
    if let (Some(claim), Some(finding)) = (&r.claim, &r.finding) {
        s.push(' ');
        s.push_str(&finding_note(w, claim, finding, r.status));
    } else if let Some(claim) = &r.claim {
        let id = match (r.supersedes, r.status) {
            (false, _) => "further-motion",
            (true, DecisionStatus::Adopted) => "further-supersedes-adopted",
            (true, DecisionStatus::Pending) => "further-supersedes-pending",
            (true, DecisionStatus::NotAdopted) => "further-supersedes-not-adopted",
        };
        s.push(' ');
        s.push_str(&w.msg_args(id, &[("claim", claim.as_str().into())]));
    }
    if let Some(package) = &r.package {
        let id = match (r.status, r.proceed_if) {
            (DecisionStatus::Pending, _) => "decision-package-waits",
            (status, Some(proceed_if)) if proceeds(proceed_if, status) => {
                "decision-package-proceeds"
            }
            _ => "decision-package-lapses",
        };
        s.push(' ');
        s.push_str(&w.msg_args(
            id,
            &[
                ("package", package.as_str().into()),
                ("at", at.to_string().into()),
            ],
        ));
    }
    s
}

/// What a finding motion on a claim does, did or would have done.
fn finding_note(
    w: Messages,
    claim: &snapback_charter::ClaimId,
    finding: &crate::event::Finding,
    status: DecisionStatus,
) -> String {
    let what = match finding {
        crate::event::Finding::Inconclusive => w.msg("finding-inconclusive"),
        crate::event::Finding::Grade {
            severity,
            tier,
            attribution,
        } => {
            let mut parts = Vec::new();
            if let Some(s) = severity {
                parts.push(w.msg_args("finding-severity", &[("severity", s.to_string().into())]));
            }
            if let Some(t) = tier {
                parts.push(w.msg_args("finding-tier", &[("tier", t.as_str().into())]));
            }
            if let Some(a) = attribution {
                parts.push(w.msg_args("finding-attribution", &[("party", a.as_str().into())]));
            }
            w.msg_args("finding-grade", &[("parts", parts.join(", ").into())])
        }
    };
    let id = match status {
        DecisionStatus::Adopted => "finding-adopted",
        DecisionStatus::Pending => "finding-pending",
        DecisionStatus::NotAdopted => "finding-not-adopted",
    };
    w.msg_args(
        id,
        &[("claim", claim.as_str().into()), ("what", what.into())],
    )
}
