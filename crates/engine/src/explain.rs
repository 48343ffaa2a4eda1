//! Explanations: why each claim, decision and activation ended as it did, citing the charter.
//!
//! Rendered from the recorded facts and the charter version that governed them, so the same
//! state always gives the same words.

use std::fmt::Write as _;

use snapback_charter::describe::describe_rule;
use snapback_charter::voting::ceil_pct;
use snapback_charter::{Burden, Charter, Choice, Rule, Tally};

use crate::derived::{Basis, Cause, ClaimStatus, DecisionStatus, StageBasis};
use crate::engine::proceeds;
use crate::proceeding::{just_after, tally};
use crate::state::{
    ActivationRecord, ClaimRecord, DecisionRecord, ReviewMotion, State, VoteRecord,
};

/// What the motion needs, in words: "9 of 16" or "yes from 15 members holding 65% ...".
fn needed(rule: &Rule, members: u32) -> String {
    match rule {
        Rule::Majority | Rule::Threshold { .. } => {
            format!("{}", rule.yes_needed(members).unwrap_or(0))
        }
        Rule::Qualified(q) => format!(
            "{} members holding {}% of the population",
            ceil_pct(q.members_pct, u128::from(members)),
            q.population_pct
        ),
        Rule::Unanimity => "no \"no\" and at least one".to_owned(),
        Rule::UnanimityConstructive => {
            "no \"no\", at least one, and abstainers short of a third of the members or of the population".to_owned()
        }
        Rule::MajorityOfVotesCast => "more than the opposite".to_owned(),
        Rule::VotesCastShare { num, den } => format!("{num}/{den} of the votes cast"),
        Rule::ByProposer { otherwise, .. } => needed(otherwise, members),
    }
}

/// How a body is named in a sentence: "the Council of the European Union", or "body `qmv`" when
/// the charter gives it no name of its own.
fn body_label(body: &snapback_charter::Body) -> String {
    if body.name == body.id.as_str() {
        format!("body `{}`", body.id)
    } else {
        format!("the {}", body.name)
    }
}

/// " (Name)" when a name says more than the id.
fn named(name: &str, id: &str) -> String {
    if name == id {
        String::new()
    } else {
        format!(" ({name})")
    }
}

fn plural(n: u32, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// A tally of recorded votes under the governing charter, for the population figures.
fn recount(
    charter: &Charter,
    rule: &Rule,
    members: &[snapback_charter::PartyId],
    votes: &[VoteRecord],
    to_choice: impl Fn(&str) -> Choice,
    open_from: Option<jiff::Timestamp>,
) -> Tally {
    let ballots = members.iter().filter_map(|m| {
        let idx = charter.party_idx(m.as_str())?;
        let vote = votes
            .iter()
            .find(|v| &v.party == m)
            .map(|v| to_choice(&v.vote));
        Some((idx, vote))
    });
    tally(charter, rule, ballots, open_from)
}

/// Why the motion could no longer be adopted, given the tally with the members who could still
/// vote after the determination counted as open.
fn why_impossible(rule: &Rule, t: &Tally, yes_word: &str) -> String {
    let best = t.yes + t.open;
    match rule {
        Rule::Threshold { .. } if t.veto_no => "a veto holder voted no".to_owned(),
        Rule::Majority | Rule::Threshold { .. } => format!(
            "{} \"{yes_word}\" so far and {} still able to vote make at most {best}, short of the {} needed",
            t.yes,
            plural(t.open, "member", "members"),
            rule.yes_needed(t.members).unwrap_or(0)
        ),
        Rule::Unanimity => "a member voted no".to_owned(),
        Rule::ByProposer { otherwise, .. } => why_impossible(otherwise, t, yes_word),
        Rule::UnanimityConstructive if t.no > 0 => "a member voted no".to_owned(),
        Rule::UnanimityConstructive => format!(
            "{} declared abstentions, at least a third of the {} members and of their population, prevent adoption (Art. 31(1) TEU)",
            t.abstain, t.members
        ),
        Rule::VotesCastShare { num, den } => format!(
            "{} votes against leave the {best} \"{yes_word}\" still possible short of {num}/{den} of the votes cast",
            t.no
        ),
        Rule::MajorityOfVotesCast => format!(
            "{} votes against already match or outnumber the {best} \"{yes_word}\" still possible",
            t.no
        ),
        Rule::Qualified(q) => {
            let population = t.population_yes + t.population_open;
            let permille = (population * 1000)
                .checked_div(t.population_total)
                .unwrap_or(0);
            let members_needed = ceil_pct(q.members_pct, u128::from(t.members));
            let mut short = Vec::new();
            if u128::from(best) < members_needed {
                short.push(format!(
                    "only {best} of {} members ({members_needed} needed)",
                    t.members
                ));
            }
            if 100 * population < u128::from(q.population_pct) * t.population_total {
                let mut text = format!(
                    "only {}.{}% of the population ({}% needed)",
                    permille / 10,
                    permille % 10,
                    q.population_pct
                );
                if let Some(min) = q.blocking_minority_min {
                    text.push_str(&format!(
                        ", with the {} members not voting yes a blocking minority (at least {min})",
                        t.members - best
                    ));
                }
                short.push(text);
            }
            format!(
                "even if {} still able to vote chose \"{yes_word}\", that side would have {}",
                plural(t.open, "member", "members"),
                short.join(" and ")
            )
        }
    }
}

/// The population share voting yes, to one decimal, in exact integer arithmetic.
fn population_note(rule: &Rule, t: &Tally) -> String {
    if !rule.needs_population() || t.population_total == 0 {
        return String::new();
    }
    let permille = t.population_yes * 1000 / t.population_total;
    format!(
        " (the yes side holds {}.{}% of the population)",
        permille / 10,
        permille % 10
    )
}

/// The motion's yes and no in terms of claim verdicts.
fn claim_words(burden: Burden) -> (&'static str, &'static str) {
    match burden {
        Burden::Flipped => ("unfounded", "founded"),
        Burden::Standard => ("founded", "unfounded"),
    }
}

fn claim_choice(burden: Burden, vote: &str) -> Choice {
    let (yes, no) = claim_words(burden);
    if vote == yes {
        Choice::Yes
    } else if vote == no {
        Choice::No
    } else {
        Choice::Abstain
    }
}

fn decision_choice(vote: &str) -> Choice {
    match vote {
        "yes" => Choice::Yes,
        "no" => Choice::No,
        _ => Choice::Abstain,
    }
}

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
    let body = charter.body(v.body);
    let rule = body.rule.for_proposer(None);
    let n = r.members.len() as u32;
    let (yes_word, _) = claim_words(v.burden);
    let deadline = r.deadline.unwrap_or(r.filed_at);
    let mut s = String::new();
    let _ = match v.burden {
        Burden::Flipped => write!(
            s,
            "Under {} (flipped burden of proof) the claim activates unless a finding that it is unfounded is adopted by {} by {deadline} ({}); ",
            v.article,
            body_label(body),
            term_from(&v.deadline, "filing")
        ),
        Burden::Standard => write!(
            s,
            "Under {} (standard burden of proof) the claim activates only if a finding that it is founded is adopted by {} by {deadline} ({}); ",
            v.article,
            body_label(body),
            term_from(&v.deadline, "filing")
        ),
    };
    let _ = write!(
        s,
        "the rule ({}) is {}. ",
        body.article,
        describe_rule(charter, rule, n)
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

/// A deadline counted from an event, as a sentence fragment: `48h after filing`, `30 days
/// counted from filing, ending at midnight after the last day (UTC)`.
fn term_from(term: &snapback_charter::Term, from: &str) -> String {
    match term {
        snapback_charter::Term::Exact(d) => format!("{d} after {from}"),
        calendar => format!("{calendar}, counted from {from}"),
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
            let severity = a
                .claims
                .first()
                .and_then(|c| state.claim(c.as_str()))
                .map_or(0, |c| c.severity);
            let _ = write!(
                s,
                "Activation {} at {}: claim {} has severity {severity}, which selects tier `{}`{} (from severity {}) under {}",
                a.id,
                a.at,
                a.claims.first().map_or("", |c| c.as_str()),
                tier.id,
                named(&tier.name, tier.id.as_str()),
                tier.min_severity,
                tier.article
            );
        }
        Cause::Escalation => {
            let parts: Vec<String> = a
                .claims
                .iter()
                .map(|c| {
                    let sev = state.claim(c.as_str()).map_or(0, |r| r.severity);
                    format!("{c} (severity {sev})")
                })
                .collect();
            let sum: i64 = a
                .claims
                .iter()
                .filter_map(|c| state.claim(c.as_str()))
                .map(|r| r.severity)
                .sum();
            let (article, window, threshold) = charter
                .escalation
                .as_ref()
                .map_or((String::new(), String::new(), 0), |e| {
                    (e.article.to_string(), e.window.to_string(), e.threshold)
                });
            let _ = write!(
                s,
                "Activation {} at {}: claims {} were activated within {window}, and their severities sum to {sum}, reaching the threshold {threshold} of {article}; so tier `{}`{} activates under {}",
                a.id,
                a.at,
                parts.join(", "),
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

/// The body's quorum and whether it was met, as a sentence (empty without a quorum).
fn quorum_note(
    body: &snapback_charter::Body,
    yes: u32,
    no: u32,
    abstain: u32,
    pending: bool,
) -> String {
    let Some(q) = body.quorum else {
        return String::new();
    };
    let present = yes + no + abstain;
    if pending {
        format!(" A quorum of {q} members must take part; {present} have so far.")
    } else if present >= q {
        format!(" The quorum of {q} members taking part was met ({present} did).")
    } else {
        format!(
            " The quorum of {q} members taking part was not met ({present} did), so the motion could not be adopted."
        )
    }
}

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
        describe_rule(charter, rule, n) + &proposer_note(charter, &body.rule, r, review.is_some()),
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
    if let Some(claim) = &r.claim {
        let _ = write!(
            s,
            " It is a further motion in the proceeding on claim {claim}, closing by that claim's deadline at the latest; its outcome is recorded with the proceeding and does not change the claim's determination."
        );
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
