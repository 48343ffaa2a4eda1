//! Why a claim ended as it did, and what its activation set in motion.

use std::fmt::Write as _;

use super::*;

/// Explains a claim: the procedure and rule applied, the tally against what was needed, the
/// deadline, the outcome and why, and the response it triggered.
pub fn explain_claim(state: &State, r: &ClaimRecord) -> String {
    if r.status == ClaimStatus::Rejected {
        return format!(
            "Rejected at filing ({}): {}.",
            r.filed_at,
            r.rejection.as_deref().unwrap_or("invalid filing")
        );
    }
    let Some(charter) = r
        .charter_version
        .as_deref()
        .and_then(|v| state.charter_version(v))
    else {
        return "The charter version that governed this claim is not available.".to_owned();
    };
    let v = &charter.verification;
    // The claim's own body: a truce names the body that verifies claims under it.
    let body = r
        .body
        .as_ref()
        .and_then(|b| charter.body_idx(b.as_str()))
        .map_or_else(|| charter.body(v.body), |b| charter.body(b));
    let rule = body.rule.for_proposer(None);
    let n = r.members.len() as u32;
    let (yes_word, _) = claim_words(v.burden);
    let deadline = r.deadline.unwrap_or(r.filed_at);
    // A reopened claim's deadline counts from the request that reopened it.
    let from = if r.reconsiderations.is_empty() {
        "filing"
    } else {
        "the request to reconsider"
    };
    let mut term = term_from(&v.deadline, from);
    if let (Some(_), Some(extension)) = (&r.extended, v.extension) {
        term = format!("{term}, extended once by {extension}");
    }
    let mut s = String::new();
    let _ = match v.burden {
        Burden::Flipped => write!(
            s,
            "Under {} (flipped burden of proof) the claim activates unless a finding that it is unfounded is adopted by {} by {deadline} ({}); ",
            v.article,
            body_label(body),
            term
        ),
        Burden::Standard => write!(
            s,
            "Under {} (standard burden of proof) the claim activates only if a finding that it is founded is adopted by {} by {deadline} ({}); ",
            v.article,
            body_label(body),
            term
        ),
    };
    let _ = write!(
        s,
        "the rule ({}) is {}. ",
        body.article,
        describe_rule(Lang::En, charter, rule, n)
    );
    let t = r.tally();
    let _ = write!(
        s,
        "Votes: {} unfounded, {} founded, {} abstain, {} not voted.",
        t.unfounded, t.founded, t.abstain, t.not_voted
    );
    let yes = if v.burden == Burden::Flipped {
        t.unfounded
    } else {
        t.founded
    };
    let need = needed(rule, n);
    let count_from = |open_from| {
        recount(
            charter,
            rule,
            &r.members,
            &r.votes,
            |x| claim_choice(v.burden, x),
            open_from,
        )
    };
    let pop = population_note(rule, &count_from(None));
    let evidence_kinds = distinct_kinds(r);
    let at = r.determined_at.unwrap_or(deadline);
    s.push(' ');
    match (r.status, r.basis) {
        (ClaimStatus::Pending, _) => {
            let _ = match v.burden {
                Burden::Flipped => write!(
                    s,
                    "Pending: dismissal needs {need} \"unfounded\" votes{pop}, {yes} so far; otherwise the claim activates at {deadline}."
                ),
                Burden::Standard => write!(
                    s,
                    "Pending: activation needs {need} \"founded\" votes{pop}, {yes} so far; otherwise the claim is dismissed at {deadline}."
                ),
            };
        }
        (ClaimStatus::Superseded, _) => {
            let (at, decision) = r
                .superseded
                .as_ref()
                .map_or((r.filed_at, "?"), |(at, d)| (*at, d.as_str()));
            let _ = match r.determined_at {
                Some(determined) => write!(
                    s,
                    "Superseded at {at}: the further motion `{decision}` in its proceeding was adopted while the activation determined at {determined} still waited for its legal date {deadline}, so it never takes effect."
                ),
                None => write!(
                    s,
                    "Superseded at {at}: the further motion `{decision}` in its proceeding was adopted before the claim was determined; the proceeding ends and nothing it would have activated takes effect."
                ),
            };
        }
        (ClaimStatus::Withdrawn, _) => {
            let _ = write!(
                s,
                "Withdrawn by {} at {}.",
                r.party,
                r.withdrawn_at.unwrap_or(r.filed_at)
            );
        }
        (ClaimStatus::Dismissed, Some(Basis::Adopted)) => {
            let _ = write!(
                s,
                "Dismissed at {at}: {yes} of {n} members found the claim unfounded{pop}, meeting the rule ({need} needed)."
            );
        }
        (ClaimStatus::Activated, Some(Basis::Adopted)) => {
            let _ = write!(
                s,
                "Activated at {at}: {yes} of {n} members found the claim founded{pop}, meeting the rule ({need} needed)."
            );
        }
        (status, Some(Basis::CannotBeAdopted)) => {
            let open = count_from(Some(just_after(at)));
            let (verb, aim) = if status == ClaimStatus::Activated {
                ("Activated", "dismiss it")
            } else {
                ("Dismissed", "activate it")
            };
            let _ = write!(
                s,
                "{verb} at {at}, before the deadline: \"{yes_word}\" could no longer {aim}, because {}.",
                why_impossible(rule, &open, yes_word)
            );
        }
        (ClaimStatus::Activated, Some(Basis::NotAdoptedByDeadline)) => {
            let _ = write!(
                s,
                "Activated at the deadline {at}: the body did not find the claim unfounded in time ({yes} \"unfounded\" of {need} needed{pop}); silence or a meeting that does not decide cannot block the snapback."
            );
        }
        (ClaimStatus::Dismissed, Some(Basis::NotAdoptedByDeadline)) => {
            let _ = write!(
                s,
                "Dismissed at the deadline {at}: the body did not find the claim founded in time ({yes} \"founded\" of {need} needed{pop})."
            );
        }
        (_, Some(Basis::EvidenceInsufficient)) => {
            let (required, article) = v.evidence.as_ref().map_or((0, String::new()), |e| {
                (e.min_source_kinds, e.article.to_string())
            });
            let _ = write!(
                s,
                "Dismissed at the deadline {at}: {article} requires evidence from {} distinct source kinds; {} submitted{}.",
                required,
                evidence_kinds.len(),
                list_kinds(&evidence_kinds)
            );
        }
        (status, _) => {
            let _ = write!(s, "Status: {}.", status.name());
        }
    }
    if let Some(e) = &v.evidence
        && r.status == ClaimStatus::Activated
    {
        let _ = write!(
            s,
            " Evidence from {}{} met {} ({} required).",
            plural(
                evidence_kinds.len() as u32,
                "distinct source kind",
                "distinct source kinds"
            ),
            list_kinds(&evidence_kinds),
            e.article,
            e.min_source_kinds
        );
    } else if let Some(e) = &v.evidence
        && r.status == ClaimStatus::Pending
        && (evidence_kinds.len() as u32) < e.min_source_kinds
    {
        let _ = write!(
            s,
            " {} requires evidence from {} distinct source kinds before activation; {} so far{}.",
            e.article,
            e.min_source_kinds,
            evidence_kinds.len(),
            list_kinds(&evidence_kinds)
        );
    }
    let votes = r.tally();
    s.push_str(&quorum_note(
        body,
        votes.founded,
        votes.unfounded,
        votes.abstain,
        r.status == ClaimStatus::Pending,
    ));
    for reached in &r.stages {
        let Some(stage) = v.stages.iter().find(|x| x.id == reached.stage) else {
            continue;
        };
        let by = reached.by.as_ref().map_or("", |p| p.as_str());
        let _ = write!(
            s,
            " Stage `{}` ({}; {}, {}): ",
            stage.id,
            stage.name,
            term_from(&stage.within, "filing"),
            stage.article
        );
        let _ = match reached.basis {
            StageBasis::Done => write!(s, "taken by {by} at {}.", reached.at),
            StageBasis::Fallback => write!(
                s,
                "nobody took it in time, so {by}, presiding over {} at the deadline, did at {}.",
                body_label(body),
                reached.at
            ),
            StageBasis::Missed => write!(s, "missed at {}.", reached.at),
        };
    }
    s.push_str(&super::contest::explain_contest(state, charter, r));
    if r.status == ClaimStatus::Activated {
        s.push(' ');
        s.push_str(&explain_response(state, r));
    }
    s
}

fn distinct_kinds(r: &ClaimRecord) -> Vec<&str> {
    let mut kinds: Vec<&str> = Vec::new();
    for e in &r.evidence {
        // Classified items all count as one kind, `classified`: their real kind is sealed.
        if r.determined_at.is_none_or(|d| e.at <= d) && !kinds.contains(&e.counted_kind()) {
            kinds.push(e.counted_kind());
        }
    }
    kinds
}

fn list_kinds(kinds: &[&str]) -> String {
    if kinds.is_empty() {
        String::new()
    } else {
        let note = if kinds.contains(&crate::event::CLASSIFIED_SOURCE_KIND) {
            "; every classified item counts as the one kind \"classified\", since its real kind is sealed"
        } else {
            ""
        };
        format!(" ({}{note})", kinds.join(", "))
    }
}

/// What an activated claim set in motion.
fn explain_response(state: &State, r: &ClaimRecord) -> String {
    let mut s = String::new();
    let own = r
        .activations
        .iter()
        .filter_map(|a| state.activation(a))
        .find(|a| a.cause == Cause::Claim);
    match own {
        Some(a) if r.determined_at.is_some_and(|d| d < a.at) => {
            let _ = write!(
                s,
                "Response, taking effect at the legal deadline rather than when the outcome became certain: {}",
                explain_activation(state, a)
            );
        }
        Some(a) => {
            let _ = write!(s, "Response: {}", explain_activation(state, a));
        }
        None => {
            let charter = r
                .charter_version
                .as_deref()
                .and_then(|v| state.charter_version(v));
            let waits = charter.filter(|c| {
                c.verification.effect == snapback_charter::Effect::AtDeadline
                    && r.determined_at.zip(r.deadline).is_some_and(|(d, l)| d < l)
                    && u8::try_from(r.severity)
                        .ok()
                        .and_then(|s| c.tier_for(s))
                        .is_some()
            });
            let _ = match (waits, r.deadline) {
                (Some(c), Some(deadline)) => write!(
                    s,
                    "Response: under {} the activation takes effect only at the legal deadline, {deadline}, although the outcome was certain at {}.",
                    c.verification.article,
                    r.determined_at.unwrap_or(deadline)
                ),
                _ => write!(
                    s,
                    "Response: severity {} is below every tier, so no package activates on this claim alone.",
                    r.severity
                ),
            };
        }
    }
    for a in r
        .activations
        .iter()
        .filter_map(|a| state.activation(a))
        .filter(|a| a.cause == Cause::Escalation)
    {
        let article = state
            .charter_version(&a.charter_version)
            .and_then(|c| c.escalation.as_ref())
            .map(|e| e.article.to_string())
            .unwrap_or_default();
        let _ = write!(
            s,
            " It also counted toward escalation {} at {}, which activated tier `{}` under {article} (claims {}).",
            a.id,
            a.at,
            a.tier,
            a.claims
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let counted = r
        .activations
        .iter()
        .filter_map(|a| state.activation(a))
        .any(|a| a.cause == Cause::Escalation);
    if !counted
        && let Some(charter) = r.determined_at.and_then(|at| state.history().in_force(at))
        && let Some(e) = &charter.escalation
    {
        let _ = write!(
            s,
            " Under {} it counts toward escalation: activated claims within {} whose severities sum to {} activate tier `{}`.",
            e.article,
            e.window,
            e.threshold,
            charter.tier(e.tier).id
        );
    }
    s
}
