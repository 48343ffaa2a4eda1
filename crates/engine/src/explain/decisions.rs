//! Why a decision was adopted or not: its rule, quorum, proposer and tally.

use std::fmt::Write as _;

use super::*;

/// Why a rule chosen by proposer is the branch it is: who proposed the motion.
fn proposer_note(charter: &Charter, body_rule: &Rule, r: &DecisionRecord, review: bool) -> String {
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
    match r.proposer.as_ref().or(r.opened_by.as_ref()) {
        Some(p) if named.contains(&p.as_str()) => {
            format!(
                " (the motion was proposed by {p}, one of {})",
                named.join(", ")
            )
        }
        Some(p) => format!(
            " (the motion was proposed by {p}, not by {})",
            named.join(" or ")
        ),
        None => format!(
            " (the engine opened the motion: no proposal from {})",
            named.join(" or ")
        ),
    }
}

/// Explains a decision: the rule, the tally against what was needed, and the outcome.
pub fn explain_decision(state: &State, r: &DecisionRecord) -> String {
    let Some(charter) = state.charter_version(&r.charter_version) else {
        return "The charter version of this decision is not available.".to_owned();
    };
    let Some(body_idx) = charter.body_idx(r.body.as_str()) else {
        return format!(
            "Body `{}` is not in charter version {}.",
            r.body, r.charter_version
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
    let pop = population_note(rule, &counted);
    let need = needed(rule, n);
    let mut s = format!(
        "Under {article} the motion \"{}\" is put to {} until {}; the rule ({}) is {}. Votes: {} yes, {} no, {} abstain, {} not voted.",
        r.motion,
        body_label(body),
        r.deadline,
        body.article,
        describe_rule(Lang::En, charter, rule, n)
            + &proposer_note(charter, &body.rule, r, review.is_some()),
        t.yes,
        t.no,
        t.abstain,
        t.not_voted
    );
    let at = r.decided_at.unwrap_or(r.deadline);
    let _ = match (r.status, r.basis) {
        (DecisionStatus::Pending, _) => write!(
            s,
            " Pending: adoption needs {need} yes{pop}, {} so far.",
            t.yes
        ),
        (DecisionStatus::Adopted, _) => write!(
            s,
            " Adopted at {at}: {} yes{pop} meet the rule ({need} needed).",
            t.yes
        ),
        (DecisionStatus::NotAdopted, Some(Basis::CannotBeAdopted)) => {
            let open = recount(
                charter,
                rule,
                &r.members,
                &r.votes,
                decision_choice,
                Some(just_after(at)),
            );
            write!(
                s,
                " Not adopted at {at}, before the deadline: the motion could no longer pass, because {}.",
                why_impossible(rule, &open, "yes")
            )
        }
        (DecisionStatus::NotAdopted, _) => write!(
            s,
            " Not adopted by the deadline {at}: {} yes{pop}, {need} needed; members who did not vote count as abstaining.",
            t.yes
        ),
    };
    s.push_str(&quorum_note(
        body,
        t.yes,
        t.no,
        t.abstain,
        r.status == DecisionStatus::Pending,
    ));
    if let (Some(claim), Some(finding)) = (&r.claim, &r.finding) {
        s.push_str(&finding_note(claim, finding, r.status));
    } else if let Some(claim) = &r.claim {
        let _ = match (r.supersedes, r.status) {
            (false, _) => write!(
                s,
                " It is a further motion in the proceeding on claim {claim}, closing by that claim's deadline at the latest; its outcome is recorded with the proceeding and does not change the claim's determination."
            ),
            (true, DecisionStatus::Adopted) => write!(
                s,
                " It is a further motion in the proceeding on claim {claim} that supersedes the claim when adopted: adopted, it ended the proceeding, and nothing the claim would have activated takes effect unless it already had."
            ),
            (true, DecisionStatus::Pending) => write!(
                s,
                " It is a further motion in the proceeding on claim {claim}, closing by that claim's deadline at the latest; adopted, it supersedes the claim and nothing the claim would activate takes effect."
            ),
            (true, DecisionStatus::NotAdopted) => write!(
                s,
                " It is a further motion in the proceeding on claim {claim} that would have superseded the claim had it been adopted; not adopted, it leaves the claim's proceeding as it was."
            ),
        };
    }
    if let Some(package) = &r.package {
        let _ = match (r.status, r.proceed_if) {
            (DecisionStatus::Pending, _) => {
                write!(s, " Package `{package}` waits for this decision.")
            }
            (status, Some(proceed_if)) if proceeds(proceed_if, status) => {
                write!(
                    s,
                    " So package `{package}` proceeds: its obligations run from {at}."
                )
            }
            _ => write!(s, " So package `{package}` lapses."),
        };
    }
    s
}

/// What a finding motion on a claim does, did or would have done.
fn finding_note(
    claim: &snapback_charter::ClaimId,
    finding: &crate::event::Finding,
    status: DecisionStatus,
) -> String {
    let what = match finding {
        crate::event::Finding::Inconclusive => {
            "finds the evidence inconclusive, which extends the claim's deadline once by the charter's extension".to_owned()
        }
        crate::event::Finding::Grade {
            severity,
            tier,
            attribution,
        } => {
            let mut parts = Vec::new();
            if let Some(s) = severity {
                parts.push(format!("severity {s}, which selects the tier"));
            }
            if let Some(t) = tier {
                parts.push(format!("tier `{t}`, whatever the severity selects"));
            }
            if let Some(a) = attribution {
                parts.push(format!("attribution to {a}"));
            }
            format!(
                "grades the claim ({}) in place of the claimant's",
                parts.join(", ")
            )
        }
    };
    match status {
        DecisionStatus::Adopted => format!(
            " It is a further motion in the proceeding on claim {claim} that {what}: adopted, it did."
        ),
        DecisionStatus::Pending => format!(
            " It is a further motion in the proceeding on claim {claim}, closing by that claim's deadline at the latest; adopted, it {what}."
        ),
        DecisionStatus::NotAdopted => format!(
            " It is a further motion in the proceeding on claim {claim} that {what}; not adopted, the claim's proceeding is as it was."
        ),
    }
}
