//! Why a claim ended as it did, and what its activation set in motion.

use super::*;

/// Explains a claim in `lang`: the procedure and rule applied, the tally against what was
/// needed, the deadline, the outcome and why, and the response it triggered.
pub fn explain_claim(state: &State, r: &ClaimRecord, lang: Lang) -> String {
    let w = words(lang);
    if r.status == ClaimStatus::Rejected {
        // The reason is the engine's refusal as it was recorded.
        let reason = r
            .rejection
            .clone()
            .unwrap_or_else(|| w.msg("claim-rejected-invalid"));
        return w.msg_args(
            "claim-rejected",
            &[
                ("at", r.filed_at.to_string().into()),
                ("reason", reason.into()),
            ],
        );
    }
    let Some(charter) = r
        .charter_version
        .as_deref()
        .and_then(|v| state.charter_version(v))
    else {
        return w.msg("claim-no-charter");
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
        CountFrom::Filing
    } else {
        CountFrom::Reconsideration
    };
    let mut term = term_from(w, &v.deadline, from);
    if let (Some(_), Some(extension)) = (&r.extended, v.extension) {
        term = w.msg_args(
            "term-extended",
            &[
                ("term", term.into()),
                (
                    "extension",
                    describe_duration_in(w.lang(), extension, Case::Accusative).into(),
                ),
            ],
        );
    }
    let mut s = w.msg_args(
        match v.burden {
            Burden::Flipped => "claim-under-flipped",
            Burden::Standard => "claim-under-standard",
        },
        &[
            ("article", v.article.to_string().into()),
            ("body", body_label(w, body, "nom").into()),
            ("deadline", deadline.to_string().into()),
            ("term", term.into()),
            ("rule_article", body.article.to_string().into()),
            ("rule", describe_rule(lang, charter, rule, n).into()),
        ],
    );
    let t = r.tally();
    s.push(' ');
    s.push_str(&w.msg_args(
        "claim-votes",
        &[
            ("unfounded", count(t.unfounded)),
            ("founded", count(t.founded)),
            ("abstain", count(t.abstain)),
            ("not_voted", count(t.not_voted)),
        ],
    ));
    let yes = if v.burden == Burden::Flipped {
        t.unfounded
    } else {
        t.founded
    };
    let need = needed(w, rule, n);
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
    let pop = population_note(w, rule, &count_from(None));
    let evidence_kinds = distinct_kinds(r);
    let at = r.determined_at.unwrap_or(deadline);
    let figures = |id: &str| {
        w.msg_args(
            id,
            &[
                ("at", at.to_string().into()),
                ("deadline", deadline.to_string().into()),
                ("need", need.clone().into()),
                ("pop", pop.clone().into()),
                ("yes", count(yes)),
                ("n", count(n)),
            ],
        )
    };
    s.push(' ');
    let outcome = match (r.status, r.basis) {
        (ClaimStatus::Pending, _) => figures(match v.burden {
            Burden::Flipped => "claim-pending-flipped",
            Burden::Standard => "claim-pending-standard",
        }),
        (ClaimStatus::Superseded, _) => {
            let (at, decision) = r
                .superseded
                .as_ref()
                .map_or((r.filed_at, "?"), |(at, d)| (*at, d.as_str()));
            let mut args = vec![
                ("at", at.to_string().into()),
                ("decision", decision.to_owned().into()),
                ("deadline", deadline.to_string().into()),
            ];
            let id = match r.determined_at {
                Some(determined) => {
                    args.push(("determined", determined.to_string().into()));
                    "claim-superseded-waiting"
                }
                None => "claim-superseded-undetermined",
            };
            w.msg_args(id, &args)
        }
        (ClaimStatus::Withdrawn, _) => w.msg_args(
            "claim-withdrawn",
            &[
                ("party", r.party.as_str().into()),
                (
                    "at",
                    r.withdrawn_at.unwrap_or(r.filed_at).to_string().into(),
                ),
            ],
        ),
        (ClaimStatus::Dismissed, Some(Basis::Adopted)) => figures("claim-dismissed-adopted"),
        (ClaimStatus::Activated, Some(Basis::Adopted)) => figures("claim-activated-adopted"),
        (status, Some(Basis::CannotBeAdopted)) => {
            let open = count_from(Some(just_after(at)));
            let outcome = if status == ClaimStatus::Activated {
                "activated"
            } else {
                "dismissed"
            };
            w.msg_args(
                "claim-cannot-be-adopted",
                &[
                    ("outcome", outcome.into()),
                    ("at", at.to_string().into()),
                    ("word", vote_word(w, yes_word).into()),
                    ("why", why_impossible(w, rule, &open, yes_word).into()),
                ],
            )
        }
        (ClaimStatus::Activated, Some(Basis::NotAdoptedByDeadline)) => {
            figures("claim-activated-at-deadline")
        }
        (ClaimStatus::Dismissed, Some(Basis::NotAdoptedByDeadline)) => {
            figures("claim-dismissed-at-deadline")
        }
        (_, Some(Basis::EvidenceInsufficient)) => {
            let (required, article) = v.evidence.as_ref().map_or((0, String::new()), |e| {
                (e.min_source_kinds, e.article.to_string())
            });
            w.msg_args(
                "claim-evidence-insufficient",
                &[
                    ("at", at.to_string().into()),
                    ("article", article.into()),
                    ("required", count(required)),
                    ("count", count(evidence_kinds.len() as u64)),
                    ("kinds", list_kinds(w, &evidence_kinds).into()),
                ],
            )
        }
        (status, _) => w.msg_args("claim-status", &[("status", status.name().into())]),
    };
    s.push_str(&outcome);
    if let Some(e) = &v.evidence
        && r.status == ClaimStatus::Activated
    {
        s.push(' ');
        s.push_str(&w.msg_args(
            "claim-evidence-met",
            &[
                ("count", count(evidence_kinds.len() as u64)),
                ("kinds", list_kinds(w, &evidence_kinds).into()),
                ("article", e.article.to_string().into()),
                ("required", count(e.min_source_kinds)),
            ],
        ));
    } else if let Some(e) = &v.evidence
        && r.status == ClaimStatus::Pending
        && (evidence_kinds.len() as u32) < e.min_source_kinds
    {
        s.push(' ');
        s.push_str(&w.msg_args(
            "claim-evidence-short",
            &[
                ("article", e.article.to_string().into()),
                ("required", count(e.min_source_kinds)),
                ("count", count(evidence_kinds.len() as u64)),
                ("kinds", list_kinds(w, &evidence_kinds).into()),
            ],
        ));
    }
    let votes = r.tally();
    s.push_str(&quorum_note(
        w,
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
        let id = match reached.basis {
            StageBasis::Done => "stage-done",
            StageBasis::Fallback => "stage-fallback",
            StageBasis::Missed => "stage-missed",
        };
        s.push(' ');
        s.push_str(&w.msg_args(
            id,
            &[
                ("stage", stage.id.as_str().into()),
                ("name", stage.name.as_str().into()),
                (
                    "term",
                    term_from(w, &stage.within, CountFrom::Filing).into(),
                ),
                ("article", stage.article.to_string().into()),
                ("by", by.into()),
                ("body", body_label(w, body, "loc").into()),
                ("at", reached.at.to_string().into()),
            ],
        ));
    }
    s.push_str(&super::contest::explain_contest(w, state, charter, r));
    if r.status == ClaimStatus::Activated {
        s.push(' ');
        s.push_str(&explain_response(w, state, r));
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

/// The source kinds in brackets, with the space before them (empty for none).
fn list_kinds(w: Messages, kinds: &[&str]) -> String {
    if kinds.is_empty() {
        String::new()
    } else {
        let note = if kinds.contains(&crate::event::CLASSIFIED_SOURCE_KIND) {
            format!("; {}", w.msg("kinds-classified-note"))
        } else {
            String::new()
        };
        format!(" ({}{note})", kinds.join(", "))
    }
}

/// What an activated claim set in motion.
fn explain_response(w: Messages, state: &State, r: &ClaimRecord) -> String {
    let own = r
        .activations
        .iter()
        .filter_map(|a| state.activation(a))
        .find(|a| a.cause == Cause::Claim);
    let mut s = match own {
        Some(a) => w.msg_args(
            if r.determined_at.is_some_and(|d| d < a.at) {
                "response-at-deadline"
            } else {
                "response"
            },
            &[("activation", explain_activation(state, a, w.lang()).into())],
        ),
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
            match (waits, r.deadline) {
                (Some(c), Some(deadline)) => w.msg_args(
                    "response-waits",
                    &[
                        ("article", c.verification.article.to_string().into()),
                        ("deadline", deadline.to_string().into()),
                        ("at", r.determined_at.unwrap_or(deadline).to_string().into()),
                    ],
                ),
                _ => w.msg_args(
                    "response-below-tiers",
                    &[("severity", r.severity.to_string().into())],
                ),
            }
        }
    };
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
        s.push(' ');
        s.push_str(&w.msg_args(
            "response-escalated",
            &[
                ("id", a.id.as_str().into()),
                ("at", a.at.to_string().into()),
                ("tier", a.tier.as_str().into()),
                ("article", article.into()),
                ("claims", joined(&a.claims).into()),
            ],
        ));
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
        s.push(' ');
        s.push_str(&w.msg_args(
            "response-counts",
            &[
                ("article", e.article.to_string().into()),
                (
                    "window",
                    describe_duration_in(w.lang(), e.window, Case::Genitive).into(),
                ),
                ("threshold", e.threshold.to_string().into()),
                ("tier", charter.tier(e.tier).id.as_str().into()),
            ],
        ));
    }
    s
}
