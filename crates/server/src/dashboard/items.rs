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
    /// The rule in words, with its numbers.
    pub(super) rule: String,
    pub(super) body: String,
    pub(super) article: String,
}

impl Need {
    /// "Needed to dismiss: 9 unfounded votes of 16; 2 cast", the one wording of the count on
    /// every page (the overview once said "7 of 16 unfounded votes needed" for the same claim,
    /// which read as a different rule); with `still` the votes still missing follow.
    pub(super) fn count_text(&self, still: bool) -> Option<String> {
        let needed = self.needed?;
        let mut text = format!(
            "Needed to {}: {needed} {} votes of {}; {} cast",
            self.action, self.word, self.members, self.so_far
        );
        if still {
            let _ = write!(
                text,
                ", {} still needed",
                needed.saturating_sub(self.so_far)
            );
        }
        Some(text)
    }

    /// The count while the claim is pending, or the rule in words.
    pub(super) fn pending_text(&self) -> String {
        self.count_text(true)
            .unwrap_or_else(|| format!("To {} the claim: {}", self.action, self.rule))
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
        rule: describe_rule(charter, &body.rule, members),
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

pub(super) fn claim_item(v: &ClaimView, names: &Names) -> Markup {
    let c = &v.claim;
    html! {
        li data-claim=(c.id.as_str()) data-status=(c.status.name()) {
            p class="item-title" { (claim_link(c.id.as_str())) " " (badge(c.status.name())) }
            p { (c.summary) }
            p class="meta" {
                "Filed by " (names.party(c.party.as_str())) " on " (time(c.filed_at))
                " \u{b7} " (c.category) " \u{b7} severity " (c.severity)
            }
            @if c.status == ClaimStatus::Pending {
                @if let Some(d) = c.deadline { p { "Deadline " (deadline(d)) } }
                @if let Some(need) = &v.need { (need_line(need)) }
            } @else {
                p class="meta" { (capitalised(c.status.name())) " " (time(v.closed_at)) }
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

pub(super) fn need_line(need: &Need) -> Markup {
    html! {
        p class="need" data-needed=[need.remaining()] { strong { (need.pending_text()) } }
    }
}

pub(super) fn activation_item(a: &ActivationRecord, names: &Names) -> Markup {
    let cause = match a.cause {
        Cause::Claim => "claim",
        Cause::Escalation => "escalation (several activated claims)",
    };
    html! {
        li data-activation=(a.id.as_str()) data-tier=(a.tier.as_str()) {
            p class="item-title" {
                "Activation " (a.id.as_str()) ": " (names.tier(a.tier.as_str())) " " (badge("activated"))
            }
            p class="meta" {
                (time(a.at)) " \u{b7} cause: " (cause) " \u{b7} "
                @for (i, c) in a.claims.iter().enumerate() {
                    @if i > 0 { ", " }
                    (claim_link(c.as_str()))
                }
            }
            ul class="tags" aria-label="Packages" {
                @for p in &a.packages { li { (names.package(p.as_str())) } }
            }
        }
    }
}

pub(super) fn decision_item(d: &DecisionReport, names: &Names) -> Markup {
    let t = &d.tally;
    html! {
        li data-decision=(d.id.as_str()) data-status=(d.status.name()) {
            p class="item-title" { "Decision " (d.id.as_str()) " " (badge(d.status.name())) }
            p { (d.motion) }
            p class="meta" { (names.body(d.body.as_str())) " \u{b7} opened " (time(d.opened_at)) }
            p {
                @match d.decided_at {
                    Some(at) => { "Decided " (time(at)) }
                    None => { "Deadline " (deadline(d.deadline)) }
                }
            }
            p {
                "Votes: " (t.yes) " yes, " (t.no) " no, " (t.abstain) " abstain, "
                (t.not_voted) " not voted."
            }
            details { summary { "Explanation" } p class="explanation" { (cited_text(&d.explanation, names)) } }
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
                        "fulfilled " (time(at))
                        @if let Some(reference) = &o.reference { " (ref. " (reference) ")" }
                    }
                }
            }
            td { (badge(o.status.name())) }
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
    let columns = [
        ("Party", false),
        ("Obligation", false),
        ("Due", false),
        ("Status", false),
    ];
    let body = html! {
        @for o in rows { (obligation_row(o, names)) }
        @if rows.is_empty() { (empty_row(columns.len(), empty)) }
    };
    table(id, caption, &columns, body)
}
