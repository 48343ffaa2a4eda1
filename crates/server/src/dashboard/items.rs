//! What a claim needs, and the items several pages show.

use super::*;

// ---------------------------------------------------------------------------------------------
// What a claim needs
// ---------------------------------------------------------------------------------------------

/// What it takes for the body to decide against the claim's default outcome.
#[derive(Debug, Clone)]
pub(super) struct Need {
    /// The verdict that overturns the default ("unfounded" under the flipped burden).
    pub(super) word: &'static str,
    /// What that verdict does ("dismiss").
    pub(super) action: &'static str,
    pub(super) members: u32,
    pub(super) so_far: u32,
    /// The votes the rule needs, for count rules (majority, threshold).
    pub(super) needed: Option<u32>,
    /// The rule in words, with its numbers, in each language (see [`Need::rule`]).
    pub(super) rules: [(Lang, String); 2],
    pub(super) body: String,
    pub(super) article: String,
}

impl Need {
    /// "Needed to dismiss: 9 unfounded votes of 16; 2 cast", the one wording of the count on
    /// every page (the overview once said "7 of 16 unfounded votes needed" for the same claim,
    /// which read as a different rule); with `still` the votes still missing follow.
    pub(super) fn count_text(&self, t: Tr, still: bool) -> Option<String> {
        let needed = self.needed?;
        let args = [
            ("action", self.action.into()),
            ("word", self.word.into()),
            ("needed", needed.into()),
            ("members", self.members.into()),
            ("cast", self.so_far.into()),
            ("still", needed.saturating_sub(self.so_far).into()),
        ];
        let id = if still {
            "need-count-still"
        } else {
            "need-count"
        };
        Some(t.msg_args(id, &args))
    }

    /// The count while the claim is pending, or the rule in words (the charter's wording).
    pub(super) fn pending_text(&self, t: Tr) -> String {
        self.count_text(t, true).unwrap_or_else(|| {
            t.msg_args(
                "need-rule",
                &[
                    ("action", self.action.into()),
                    ("rule", self.rule(t).into()),
                ],
            )
        })
    }

    /// The rule in words in the page's language.
    pub(super) fn rule(&self, t: Tr) -> &str {
        self.rules
            .iter()
            .find(|(lang, _)| *lang == t.lang())
            .map_or("", |(_, text)| text.as_str())
    }

    pub(super) fn remaining(&self) -> Option<u32> {
        self.needed.map(|n| n.saturating_sub(self.so_far))
    }
}

pub(super) fn claim_need(state: &LedgerState, c: &ClaimRecord) -> Option<Need> {
    let charter = state.charter_version(c.charter_version.as_deref()?)?;
    let body = charter.body(charter.body_idx(c.body.as_ref()?.as_str())?);
    let members = c.members.len() as u32;
    let (word, action) = match charter.verification.burden {
        Burden::Flipped => ("unfounded", "dismiss"),
        Burden::Standard => ("founded", "activate"),
    };
    let needed = match body.rule {
        Rule::Majority | Rule::Threshold { .. } => body.rule.yes_needed(members),
        _ => None,
    };
    Some(Need {
        word,
        action,
        members,
        so_far: c.votes.iter().filter(|v| v.vote == word).count() as u32,
        needed,
        rules: Lang::ALL.map(|lang| (lang, describe_rule(lang, charter, &body.rule, members))),
        body: body.name.clone(),
        article: body.article.to_string(),
    })
}

// ---------------------------------------------------------------------------------------------
// Items shared by several pages
// ---------------------------------------------------------------------------------------------

pub(super) struct ClaimView {
    pub(super) claim: ClaimReport,
    pub(super) need: Option<Need>,
    pub(super) closed_at: Timestamp,
}

pub(super) fn claim_view(state: &LedgerState, c: &ClaimRecord) -> ClaimView {
    ClaimView {
        claim: ClaimReport::new(state, c),
        need: claim_need(state, c),
        closed_at: closed_at(c),
    }
}

/// When a claim stopped being pending.
pub(super) fn closed_at(c: &ClaimRecord) -> Timestamp {
    c.determined_at
        .or(c.withdrawn_at)
        .or(c.superseded.as_ref().map(|(at, _)| *at))
        .unwrap_or(c.filed_at)
}

/// "Deadline <instant> <countdown>".
pub(super) fn deadline_line(t: Tr, at: Timestamp) -> Markup {
    t.rich("deadline-line", &[], &[("deadline", deadline(at))])
}

pub(super) fn claim_item(v: &ClaimView, names: &Names) -> Markup {
    let t = names.t;
    let c = &v.claim;
    html! {
        li data-claim=(c.id.as_str()) data-status=(c.status.name()) {
            p class="item-title" { (claim_link(c.id.as_str())) " " (badge_in(t, c.status.name())) }
            p { (c.summary) }
            p class="meta" {
                (t.rich("claim-filed-by", &[
                    ("party", names.party(c.party.as_str()).into()),
                    ("category", c.category.as_str().into()),
                    ("severity", c.severity.into()),
                ], &[("time", time(c.filed_at))]))
            }
            @if c.status == ClaimStatus::Pending {
                @if let Some(d) = c.deadline { p { (deadline_line(t, d)) } }
                @if let Some(need) = &v.need { (need_line(need, t)) }
            } @else {
                p class="meta" {
                    (t.rich("closed-at", &[("status", capitalised(&status_word(t, c.status.name())).into())],
                        &[("time", time(v.closed_at))]))
                }
            }
        }
    }
}

pub(super) fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

pub(super) fn need_line(need: &Need, t: Tr) -> Markup {
    html! {
        p class="need" data-needed=[need.remaining()] { strong { (need.pending_text(t)) } }
    }
}

/// An activation; with its explanation (on a claim's page) in a disclosure whose cited articles
/// link to the charter's text.
pub(super) fn activation_item(
    a: &ActivationRecord,
    explanation: Option<&str>,
    names: &Names,
) -> Markup {
    let t = names.t;
    let cause = match a.cause {
        Cause::Claim => t.msg("cause-claim"),
        Cause::Escalation => t.msg("cause-escalation"),
    };
    let claims = html! {
        @for (i, c) in a.claims.iter().enumerate() {
            @if i > 0 { ", " }
            (claim_link(c.as_str()))
        }
    };
    html! {
        li data-activation=(a.id.as_str()) data-tier=(a.tier.as_str()) {
            p class="item-title" {
                (t.msg_args("activation-title", &[
                    ("id", a.id.as_str().into()),
                    ("tier", names.tier(a.tier.as_str()).into()),
                ]))
                " " (badge_in(t, "activated"))
            }
            p class="meta" {
                (t.rich("activation-meta", &[("cause", cause.into())],
                    &[("time", time(a.at)), ("claims", claims)]))
            }
            ul class="tags" aria-label=(t.msg("packages-label")) {
                @for p in &a.packages { li { (names.package(p.as_str())) } }
            }
            @if let Some(why) = explanation {
                details {
                    summary { (t.msg("explanation-heading")) }
                    p class="explanation" { (cited_text(why, names)) }
                }
            }
        }
    }
}

pub(super) fn decision_item(d: &DecisionReport, names: &Names) -> Markup {
    let t = names.t;
    let tally = &d.tally;
    html! {
        li data-decision=(d.id.as_str()) data-status=(d.status.name()) {
            p class="item-title" {
                (t.msg_args("decision-title", &[("id", d.id.as_str().into())]))
                " " (badge_in(t, d.status.name()))
            }
            p { (d.motion) }
            p class="meta" {
                (t.rich("decision-meta", &[("body", names.body(d.body.as_str()).into())],
                    &[("time", time(d.opened_at))]))
            }
            p {
                @match d.decided_at {
                    Some(at) => { (t.rich("decision-decided", &[], &[("time", time(at))])) }
                    None => { (deadline_line(t, d.deadline)) }
                }
            }
            p {
                (t.msg_args("decision-votes", &[
                    ("yes", tally.yes.into()),
                    ("no", tally.no.into()),
                    ("abstain", tally.abstain.into()),
                    ("notvoted", tally.not_voted.into()),
                ]))
            }
            details {
                summary { (t.msg("explanation-heading")) }
                p class="explanation" { (cited_text(&d.explanation, names)) }
            }
        }
    }
}

/// " · EUR 1,250,000.00", or nothing when the obligation carries no amount.
pub(super) fn money(o: &ObligationRecord) -> String {
    match (&o.amount, &o.currency) {
        (Some(amount), Some(currency)) => {
            format!(" \u{b7} {currency} {}", group_digits(&amount.to_string()))
        }
        (Some(amount), None) => format!(" \u{b7} {}", group_digits(&amount.to_string())),
        _ => String::new(),
    }
}

pub(super) fn obligation_row(o: &ObligationRecord, names: &Names) -> Markup {
    let t = names.t;
    html! {
        tr data-obligation=(o.id.as_str()) data-status=(o.status.name()) {
            td { (names.party(o.party.as_str())) }
            td {
                (o.description)
                div class="meta" { (o.id.as_str()) " \u{b7} " (o.kind) (money(o)) }
            }
            td {
                (time(o.due))
                @if let Some(at) = o.fulfilled_at {
                    div class="meta" {
                        (t.rich("obligation-fulfilled", &[], &[("time", time(at))]))
                        @if let Some(reference) = &o.reference {
                            " " (t.msg_args("obligation-reference", &[("reference", reference.as_str().into())]))
                        }
                    }
                }
            }
            td { (badge_in(t, o.status.name())) }
        }
    }
}

/// A table of obligations (a row saying `empty` when there are none).
pub(super) fn obligations_table(
    id: &str,
    caption: &str,
    rows: &[ObligationRecord],
    names: &Names,
    empty: &str,
) -> Markup {
    let t = names.t;
    let labels = [
        t.msg("column-party"),
        t.msg("column-obligation"),
        t.msg("column-due"),
        t.msg("column-status"),
    ];
    let columns = labels.each_ref().map(|label| (label.as_str(), false));
    let body = html! {
        @for o in rows { (obligation_row(o, names)) }
        @if rows.is_empty() { (empty_row(columns.len(), empty)) }
    };
    table(id, caption, &columns, body)
}
