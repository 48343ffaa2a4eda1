//! `GET /claims/{id}`: one claim.

use super::*;

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

pub(super) fn facts(p: &ClaimPage, names: &Names) -> Markup {
    let c = &p.claim;
    let mut rows = vec![
        ("Filed by", html! { (names.party(c.party.as_str())) }),
        ("Filed", time(c.filed_at)),
        ("Category", html! { (c.category) }),
        ("Severity", html! { (c.severity) }),
    ];
    if let Some(body) = &c.body {
        rows.push(("Deciding body", html! { (names.body(body.as_str())) }));
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
    if let (Some(at), Some(decision)) = (c.superseded_at, &c.superseded_by) {
        rows.push((
            "Superseded",
            html! { (time(at)) " by the adopted motion " code { (decision.as_str()) } },
        ));
    }
    if let Some(b) = c.basis {
        rows.push(("Basis", html! { (basis_text(b)) }));
    }
    if let Some(t) = &c.tier {
        rows.push(("Tier", html! { (names.tier(t.as_str())) }));
    }
    if let Some(v) = &c.charter_version {
        rows.push(("Charter version", html! { (v) }));
    }
    html! {
        dl class="facts" { @for (k, v) in rows { dt { (k) } dd { (v) } } }
    }
}

pub(super) fn tally_section(p: &ClaimPage, names: &Names) -> Markup {
    let t = &p.claim.tally;
    let members = t.founded + t.unfounded + t.abstain + t.not_voted;
    let rows = [
        ("Founded", t.founded),
        ("Unfounded", t.unfounded),
        ("Abstain", t.abstain),
        ("Not voted", t.not_voted),
    ];
    let body = html! {
        div class="table-scroll" {
            table id="tally" class="compact" {
                caption { "Votes of the " (members) " members" }
                thead { tr { th scope="col" { "Vote" } th scope="col" class="num" { "Members" } } }
                tbody {
                    @for (label, n) in rows {
                        tr { th scope="row" { (label) } td class="num" { (n) } }
                    }
                }
            }
        }
        @if let Some(need) = &p.need {
            @if p.claim.status == ClaimStatus::Pending {
                (need_line(need))
            } @else if let Some(count) = need.count_text(false) {
                p class="need" { (count) "." }
            }
            p class="note" {
                "Rule of the " (need.body) " (" (cited_text(&need.article, names)) "): " (need.rule)
                ". The motion before it: the claim is " (need.word) "."
            }
        }
    };
    section("tally-section", "Tally", body)
}

pub(super) fn timeline_section(items: &[TimelineItem], names: &Names) -> Markup {
    let body = html! {
        ol id="timeline" class="timeline" {
            @for item in items {
                li data-kind=(item.kind) {
                    span class="kind" { (item.kind) }
                    @if let Some(p) = item.party.as_deref() { " \u{b7} " (names.party(p)) }
                    " \u{b7} "
                    @match item.at.parse::<Timestamp>() {
                        Ok(at) => { (time(at)) }
                        Err(_) => { (item.at) }
                    }
                    br;
                    (cited_text(&item.detail, names))
                }
            }
        }
    };
    section("timeline-section", "Timeline", body)
}

pub(super) fn clearance_name(c: Clearance) -> &'static str {
    match c {
        Clearance::Public => "public",
        Clearance::Restricted => "restricted",
        Clearance::Confidential => "confidential",
        Clearance::Secret => "secret",
    }
}

/// One evidence item: a public item by its digest, a classified one by its marking, REL TO
/// list and commitment (and its content, when released to this viewer).
fn evidence_item(e: &EvidenceReport, p: &ClaimPage, names: &Names) -> Markup {
    let class = e.classification.name();
    let submitted = html! {
        " submitted by " (names.party(e.party.as_str())) " on " (time(e.at)) br;
    };
    match &e.digest {
        Some(digest) => html! {
            li data-evidence=(digest) data-classification=(class) {
                span class="badge badge-neutral" { (class) }
                (submitted)
                code { (digest) }
            }
        },
        None => {
            let commitment = e.commitment.as_deref().unwrap_or("");
            html! {
                li data-commitment=(commitment) data-classification=(class) {
                    span class="badge badge-neutral" {
                        (class.to_uppercase()) " // REL TO " (releasable_to(e))
                    }
                    (submitted)
                    "commitment " code { (commitment) }
                    @if let Some(c) = p.released.get(commitment) {
                        br;
                        span class="released" {
                            "Released to you: " (c.source_kind) ", " code { (c.digest) } ": " (c.summary)
                        }
                    }
                }
            }
        }
    }
}

pub(super) fn evidence_section(p: &ClaimPage, names: &Names) -> Markup {
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
    let body = html! {
        div id="evidence" {
            @for (kind, items) in &groups {
                h3 { (kind) " " span class="muted" { "(" (plural(items.len(), "item", "items")) ")" } }
                ul class="items" data-source-kind=(kind) {
                    @for e in items { (evidence_item(e, p, names)) }
                }
            }
            @if groups.is_empty() { p class="empty" { "No evidence has been submitted." } }
        }
        p class="note" {
            "Public evidence is listed by its metadata (source kind, classification and digest). \
             The log holds no classified content: a classified item is listed by its marking, the \
             parties it is releasable to and the commitment to its sealed content, and counts \
             towards the evidence requirement as the one kind \"classified\". Its content is shown \
             only to a reader whose access token has the clearance for its marking and whose party \
             submitted it or is in its REL TO list. "
            @match &p.viewer.party {
                Some(party) => {
                    "You are reading as " (names.party(party)) " with "
                    (clearance_name(p.viewer.clearance)) " clearance."
                }
                None => { "You are reading the public record." }
            }
        }
    };
    section("evidence-section", "Evidence by source", body)
}

pub(super) fn followed_section(p: &ClaimPage, names: &Names) -> Markup {
    if p.activations.is_empty() {
        return section(
            "followed-section",
            "What followed",
            html! { p class="empty" { "No activation has followed from this claim." } },
        );
    }
    let activations: Vec<Markup> = p
        .activations
        .iter()
        .map(|a| activation_item(a, names))
        .collect();
    let decisions: Vec<Markup> = p
        .decisions
        .iter()
        .map(|d| decision_item(d, names))
        .collect();
    let body = html! {
        h3 { "Activations" }
        (item_list("claim-activations", &activations, ""))
        h3 { "Decisions" }
        (item_list("claim-decisions", &decisions, "No decision was needed for these activations."))
        h3 { "Obligations" }
        (obligations_table(
            "claim-obligations",
            "Obligations created by these activations",
            &p.obligations,
            names,
            "No obligation has been created yet.",
        ))
    };
    section("followed-section", "What followed", body)
}

pub(super) fn claim_page(p: ClaimPage, names: &Names) -> Page {
    let c = &p.claim;
    let main = html! {
        div class="claim-head" data-claim=(c.id.as_str()) data-status=(c.status.name()) {
            p class="meta" { a href="/" { "Overview" } " \u{203a} Claim" }
            h1 { "Claim " (c.id.as_str()) " " (badge(c.status.name())) }
            p class="lede" { (c.summary) }
            (facts(&p, names))
        }
        div class="grid" {
            (tally_section(&p, names))
            (section("explanation-section", "Explanation", html! {
                p id="explanation" class="explanation" { (cited_text(&c.explanation, names)) }
            }))
        }
        (timeline_section(&p.timeline, names))
        (evidence_section(&p, names))
        (followed_section(&p, names))
    };
    Page::ok(format!("Claim {}", c.id.as_str()), Section::Other, main)
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
