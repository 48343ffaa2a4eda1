//! What a claim needs, and the items several pages show.

use super::*;
#[allow(unused_imports)]
use super::legacy::{badge, claim_link, deadline, escape, item_list, section, time};

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
    /// "2 of 5 unfounded votes needed to dismiss" (2 still needed), or the rule in words.
    pub(super) fn pending_text(&self) -> String {
        match self.needed {
            Some(needed) => format!(
                "{} of {} {} votes needed to {}",
                needed.saturating_sub(self.so_far),
                self.members,
                self.word,
                self.action
            ),
            None => format!("To {} the claim: {}", self.action, self.rule),
        }
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
    c.determined_at.or(c.withdrawn_at).unwrap_or(c.filed_at)
}

pub(super) fn claim_item(v: &ClaimView, names: &Names) -> String {
    let c = &v.claim;
    let mut s = format!(
        r#"<li data-claim="{id}" data-status="{status}"><p class="item-title">{link} {badge}</p><p>{summary}</p><p class="meta">Filed by {party} on {filed} &middot; {category} &middot; severity {severity}</p>"#,
        id = escape(c.id.as_str()),
        status = c.status.name(),
        link = claim_link(c.id.as_str()),
        badge = badge(c.status.name()),
        summary = escape(&c.summary),
        party = escape(&names.party(c.party.as_str())),
        filed = time(c.filed_at),
        category = escape(&c.category),
        severity = c.severity,
    );
    if c.status == ClaimStatus::Pending {
        if let Some(d) = c.deadline {
            let _ = write!(s, r#"<p>Deadline {}</p>"#, deadline(d));
        }
        if let Some(need) = &v.need {
            s.push_str(&need_line(need));
        }
    } else {
        let _ = write!(
            s,
            r#"<p class="meta">{} {}</p>"#,
            escape(&capitalised(c.status.name())),
            time(v.closed_at)
        );
    }
    s.push_str("</li>");
    s
}

pub(super) fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

pub(super) fn need_line(need: &Need) -> String {
    let remaining = need
        .remaining()
        .map(|r| format!(r#" data-needed="{r}""#))
        .unwrap_or_default();
    format!(
        r#"<p class="need"{remaining}><strong>{}</strong></p>"#,
        escape(&need.pending_text())
    )
}

pub(super) fn activation_item(a: &ActivationRecord, names: &Names) -> String {
    let claims: Vec<String> = a.claims.iter().map(|c| claim_link(c.as_str())).collect();
    let cause = match a.cause {
        Cause::Claim => "claim",
        Cause::Escalation => "escalation (several activated claims)",
    };
    let mut packages = String::new();
    for p in &a.packages {
        let _ = write!(packages, "<li>{}</li>", escape(&names.package(p.as_str())));
    }
    format!(
        r#"<li data-activation="{id}" data-tier="{tier_id}"><p class="item-title">Activation {id}: {tier} {badge}</p><p class="meta">{at} &middot; cause: {cause} &middot; {claims}</p><ul class="tags" aria-label="Packages">{packages}</ul></li>"#,
        id = escape(a.id.as_str()),
        tier_id = escape(a.tier.as_str()),
        tier = escape(&names.tier(a.tier.as_str())),
        badge = badge("activated"),
        at = time(a.at),
        claims = claims.join(", "),
    )
}

pub(super) fn decision_item(d: &DecisionReport, names: &Names) -> String {
    let when = match d.decided_at {
        Some(at) => format!("Decided {}", time(at)),
        None => format!("Deadline {}", deadline(d.deadline)),
    };
    let t = &d.tally;
    format!(
        r#"<li data-decision="{id}" data-status="{status}"><p class="item-title">Decision {id} {badge}</p><p>{motion}</p><p class="meta">{body} &middot; opened {opened}</p><p>{when}</p><p>Votes: {yes} yes, {no} no, {abstain} abstain, {not_voted} not voted.</p><details><summary>Explanation</summary><p class="explanation">{explanation}</p></details></li>"#,
        id = escape(d.id.as_str()),
        status = d.status.name(),
        badge = badge(d.status.name()),
        motion = escape(&d.motion),
        body = escape(&names.body(d.body.as_str())),
        opened = time(d.opened_at),
        yes = t.yes,
        no = t.no,
        abstain = t.abstain,
        not_voted = t.not_voted,
        explanation = escape(&d.explanation),
    )
}

pub(super) fn money(o: &ObligationRecord) -> String {
    match (&o.amount, &o.currency) {
        (Some(amount), Some(currency)) => format!(
            " &middot; {} {}",
            escape(currency),
            escape(&group_digits(&amount.to_string()))
        ),
        (Some(amount), None) => format!(" &middot; {}", escape(&group_digits(&amount.to_string()))),
        _ => String::new(),
    }
}

pub(super) fn obligation_row(o: &ObligationRecord, names: &Names) -> String {
    let fulfilled = match (o.fulfilled_at, &o.reference) {
        (Some(at), Some(reference)) => format!(
            r#"<div class="meta">fulfilled {} (ref. {})</div>"#,
            time(at),
            escape(reference)
        ),
        (Some(at), None) => format!(r#"<div class="meta">fulfilled {}</div>"#, time(at)),
        _ => String::new(),
    };
    format!(
        r#"<tr data-obligation="{id}" data-status="{status}"><td>{party}</td><td>{description}<div class="meta">{id} &middot; {kind}{money}</div></td><td>{due}{fulfilled}</td><td>{badge}</td></tr>"#,
        id = escape(o.id.as_str()),
        status = o.status.name(),
        party = escape(&names.party(o.party.as_str())),
        description = escape(&o.description),
        kind = escape(&o.kind),
        money = money(o),
        due = time(o.due),
        badge = badge(o.status.name()),
    )
}

/// A table of obligations (a row saying `empty` when there are none).
pub(super) fn obligations_table(
    id: &str,
    caption: &str,
    rows: &[ObligationRecord],
    names: &Names,
    empty: &str,
) -> String {
    let mut s = format!(
        r#"<div class="table-scroll"><table id="{id}"><caption>{}</caption><thead><tr><th scope="col">Party</th><th scope="col">Obligation</th><th scope="col">Due</th><th scope="col">Status</th></tr></thead><tbody>"#,
        escape(caption)
    );
    for o in rows {
        s.push_str(&obligation_row(o, names));
    }
    if rows.is_empty() {
        let _ = write!(
            s,
            r#"<tr><td colspan="4" class="empty">{}</td></tr>"#,
            escape(empty)
        );
    }
    s.push_str("</tbody></table></div>");
    s
}
