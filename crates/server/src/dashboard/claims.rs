//! `GET /claims/{id}`: one claim.

use super::*;
#[allow(unused_imports)]
use super::legacy::{badge, claim_link, deadline, escape, item_list, section, time};

// ---------------------------------------------------------------------------------------------
// GET /claims/{id}
// ---------------------------------------------------------------------------------------------

pub(super) struct ClaimPage {
    pub(super) claim: ClaimReport,
    pub(super) need: Option<Need>,
    pub(super) timeline: Vec<TimelineItem>,
    pub(super) activations: Vec<ActivationRecord>,
    pub(super) decisions: Vec<DecisionReport>,
    pub(super) obligations: Vec<ObligationRecord>,
    pub(super) viewer: Viewer,
    /// The content of classified items released to this viewer, by commitment.
    pub(super) released: BTreeMap<String, snapback_log::sealed::SealedContent>,
}

pub(super) fn gather_claim(
    state: &LedgerState,
    id: &str,
    viewer: Viewer,
    released: BTreeMap<String, snapback_log::sealed::SealedContent>,
) -> Option<ClaimPage> {
    let record = state.claim(id)?;
    let ClaimDetail { claim, timeline } = claim_detail(state, record, &viewer);
    let followed = |a: &snapback_charter::ActivationId| record.activations.contains(a);
    Some(ClaimPage {
        need: claim_need(state, record),
        timeline,
        activations: record
            .activations
            .iter()
            .filter_map(|a| state.activation(a))
            .cloned()
            .collect(),
        decisions: state
            .decisions
            .iter()
            .filter(|d| d.activation.as_ref().is_some_and(followed))
            .map(|d| DecisionReport::new(state, d))
            .collect(),
        obligations: state
            .obligations
            .iter()
            .filter(|o| followed(&o.activation))
            .cloned()
            .collect(),
        claim,
        viewer,
        released,
    })
}

pub(super) fn basis_text(basis: Basis) -> &'static str {
    match basis {
        Basis::Adopted => "the body adopted the motion",
        Basis::CannotBeAdopted => "the motion could no longer be adopted",
        Basis::NotAdoptedByDeadline => "the motion was not adopted by the deadline",
        Basis::EvidenceInsufficient => "the evidence requirement was not met",
    }
}

pub(super) fn facts(p: &ClaimPage, names: &Names) -> String {
    let c = &p.claim;
    let mut rows = vec![
        ("Filed by", escape(&names.party(c.party.as_str()))),
        ("Filed", time(c.filed_at)),
        ("Category", escape(&c.category)),
        ("Severity", c.severity.to_string()),
    ];
    if let Some(body) = &c.body {
        rows.push(("Deciding body", escape(&names.body(body.as_str()))));
    }
    if let Some(d) = c.deadline {
        let shown = if c.status == ClaimStatus::Pending {
            deadline(d)
        } else {
            time(d)
        };
        rows.push(("Deadline", shown));
    }
    if let Some(at) = c.determined_at {
        rows.push(("Determined", time(at)));
    }
    if let Some(at) = c.withdrawn_at {
        rows.push(("Withdrawn", time(at)));
    }
    if let Some(b) = c.basis {
        rows.push(("Basis", escape(basis_text(b))));
    }
    if let Some(t) = &c.tier {
        rows.push(("Tier", escape(&names.tier(t.as_str()))));
    }
    if let Some(v) = &c.charter_version {
        rows.push(("Charter version", escape(v)));
    }
    let mut s = String::from(r#"<dl class="facts">"#);
    for (k, v) in rows {
        let _ = write!(s, "<dt>{k}</dt><dd>{v}</dd>");
    }
    s.push_str("</dl>");
    s
}

pub(super) fn tally_section(p: &ClaimPage) -> String {
    let t = &p.claim.tally;
    let members = t.founded + t.unfounded + t.abstain + t.not_voted;
    let mut s = format!(
        r#"<div class="table-scroll"><table id="tally" class="compact"><caption>Votes of the {members} members</caption><thead><tr><th scope="col">Vote</th><th scope="col" class="num">Members</th></tr></thead><tbody>"#
    );
    for (label, n) in [
        ("Founded", t.founded),
        ("Unfounded", t.unfounded),
        ("Abstain", t.abstain),
        ("Not voted", t.not_voted),
    ] {
        let _ = write!(
            s,
            r#"<tr><th scope="row">{label}</th><td class="num">{n}</td></tr>"#
        );
    }
    s.push_str("</tbody></table></div>");
    if let Some(need) = &p.need {
        if p.claim.status == ClaimStatus::Pending {
            s.push_str(&need_line(need));
        } else if let Some(needed) = need.needed {
            let _ = write!(
                s,
                r#"<p class="need">Needed to {}: {needed} {} votes of {}; {} cast.</p>"#,
                need.action, need.word, need.members, need.so_far
            );
        }
        let _ = write!(
            s,
            r#"<p class="note">Rule of the {} ({}): {}. The motion before it: the claim is {}.</p>"#,
            escape(&need.body),
            escape(&need.article),
            escape(&need.rule),
            need.word
        );
    }
    section("tally-section", "Tally", &s)
}

pub(super) fn timeline_section(items: &[TimelineItem], names: &Names) -> String {
    let mut s = String::from(r#"<ol id="timeline" class="timeline">"#);
    for item in items {
        let at = item
            .at
            .parse::<Timestamp>()
            .map_or_else(|_| escape(&item.at), time);
        let party = item
            .party
            .as_deref()
            .map(|p| format!(" &middot; {}", escape(&names.party(p))))
            .unwrap_or_default();
        let _ = write!(
            s,
            r#"<li data-kind="{kind}"><span class="kind">{kind}</span>{party} &middot; {at}<br>{detail}</li>"#,
            kind = escape(&item.kind),
            detail = escape(&item.detail),
        );
    }
    s.push_str("</ol>");
    section("timeline-section", "Timeline", &s)
}

pub(super) fn clearance_name(c: Clearance) -> &'static str {
    match c {
        Clearance::Public => "public",
        Clearance::Restricted => "restricted",
        Clearance::Confidential => "confidential",
        Clearance::Secret => "secret",
    }
}

pub(super) fn evidence_section(p: &ClaimPage, names: &Names) -> String {
    // Public items by their source kind; classified items under their one counted kind,
    // `classified`, each shown as its marking, REL TO list and commitment.
    let mut groups: BTreeMap<&str, Vec<&EvidenceReport>> = BTreeMap::new();
    for e in &p.claim.evidence {
        let kind = e
            .source_kind
            .as_deref()
            .unwrap_or(snapback_engine::event::CLASSIFIED_SOURCE_KIND);
        groups.entry(kind).or_default().push(e);
    }
    let mut s = String::from(r#"<div id="evidence">"#);
    for (kind, items) in &groups {
        let _ = write!(
            s,
            r#"<h3>{} <span class="muted">({})</span></h3><ul class="items" data-source-kind="{}">"#,
            escape(kind),
            plural(items.len(), "item", "items"),
            escape(kind)
        );
        for e in items {
            match &e.digest {
                Some(digest) => {
                    let _ = write!(
                        s,
                        r#"<li data-evidence="{digest}" data-classification="{class}"><span class="badge badge-neutral">{class}</span> submitted by {party} on {at}<br><code>{digest}</code></li>"#,
                        digest = escape(digest),
                        class = e.classification.name(),
                        party = escape(&names.party(e.party.as_str())),
                        at = time(e.at),
                    );
                }
                None => {
                    let commitment = e.commitment.as_deref().unwrap_or("");
                    let content = match p.released.get(commitment) {
                        Some(c) => format!(
                            r#"<br><span class="released">Released to you: {kind}, <code>{digest}</code>: {summary}</span>"#,
                            kind = escape(&c.source_kind),
                            digest = escape(&c.digest),
                            summary = escape(&c.summary),
                        ),
                        None => String::new(),
                    };
                    let _ = write!(
                        s,
                        r#"<li data-commitment="{commitment}" data-classification="{class}"><span class="badge badge-neutral">{marking} // REL TO {rel}</span> submitted by {party} on {at}<br>commitment <code>{commitment}</code>{content}</li>"#,
                        commitment = escape(commitment),
                        class = e.classification.name(),
                        marking = e.classification.name().to_uppercase(),
                        rel = escape(&releasable_to(e)),
                        party = escape(&names.party(e.party.as_str())),
                        at = time(e.at),
                    );
                }
            }
        }
        s.push_str("</ul>");
    }
    if groups.is_empty() {
        s.push_str(r#"<p class="empty">No evidence has been submitted.</p>"#);
    }
    s.push_str("</div>");
    let who = match &p.viewer.party {
        Some(party) => format!(
            "You are reading as {} with {} clearance.",
            escape(&names.party(party)),
            clearance_name(p.viewer.clearance)
        ),
        None => "You are reading the public record.".to_owned(),
    };
    let _ = write!(
        s,
        r#"<p class="note">Public evidence is listed by its metadata (source kind, classification and digest). The log holds no classified content: a classified item is listed by its marking, the parties it is releasable to and the commitment to its sealed content, and counts towards the evidence requirement as the one kind "classified". Its content is shown only to a reader whose access token has the clearance for its marking and whose party submitted it or is in its REL TO list. {who}</p>"#
    );
    section("evidence-section", "Evidence by source", &s)
}

pub(super) fn followed_section(p: &ClaimPage, names: &Names) -> String {
    if p.activations.is_empty() {
        return section(
            "followed-section",
            "What followed",
            r#"<p class="empty">No activation has followed from this claim.</p>"#,
        );
    }
    let activations: Vec<String> = p
        .activations
        .iter()
        .map(|a| activation_item(a, names))
        .collect();
    let decisions: Vec<String> = p
        .decisions
        .iter()
        .map(|d| decision_item(d, names))
        .collect();
    let body = format!(
        "<h3>Activations</h3>{}<h3>Decisions</h3>{}<h3>Obligations</h3>{}",
        item_list("claim-activations", &activations, ""),
        item_list(
            "claim-decisions",
            &decisions,
            "No decision was needed for these activations."
        ),
        obligations_table(
            "claim-obligations",
            "Obligations created by these activations",
            &p.obligations,
            names,
            "No obligation has been created yet.",
        ),
    );
    section("followed-section", "What followed", &body)
}

pub(super) fn claim_page(p: ClaimPage, names: &Names) -> Page {
    let c = &p.claim;
    let mut m = format!(
        r#"<div class="claim-head" data-claim="{id}" data-status="{status}"><p class="meta"><a href="/">Overview</a> &rsaquo; Claim</p><h1>Claim {id} {badge}</h1><p class="lede">{summary}</p>{facts}</div>"#,
        id = escape(c.id.as_str()),
        status = c.status.name(),
        badge = badge(c.status.name()),
        summary = escape(&c.summary),
        facts = facts(&p, names),
    );
    m.push_str(r#"<div class="grid">"#);
    m.push_str(&tally_section(&p));
    m.push_str(&section(
        "explanation-section",
        "Explanation",
        &format!(
            r#"<p id="explanation" class="explanation">{}</p>"#,
            escape(&c.explanation)
        ),
    ));
    m.push_str("</div>");
    m.push_str(&timeline_section(&p.timeline, names));
    m.push_str(&evidence_section(&p, names));
    m.push_str(&followed_section(&p, names));
    Page::ok(format!("Claim {}", c.id.as_str()), Section::Other, PreEscaped(m))
}

pub(super) async fn claim(
    State(app): State<AppState>,
    Path(id): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let viewer = match app.viewer(&headers).await {
        Ok(v) => v,
        Err(p) => return respond(error_page(&p), &uri),
    };
    let released = crate::evidence::released_for_claim(&app, &id, &viewer).await;
    let wanted = id.clone();
    let page = page_of(
        &app,
        move |view| gather_claim(view.state(), &wanted, viewer, released),
        |found, names| match found {
            Some(p) => claim_page(p, names),
            None => not_found("claim", &id),
        },
    )
    .await;
    respond(page, &uri)
}
