//! `GET /claims/{id}`: one claim.

use super::*;

// ---------------------------------------------------------------------------------------------
// GET /claims/{id}
// ---------------------------------------------------------------------------------------------

pub(super) struct ClaimPage {
    pub(super) claim: ClaimReport,
    /// The claim's explanation in the page's language (the report's is the English one).
    pub(super) explanation: String,
    pub(super) need: Option<Need>,
    pub(super) timeline: Vec<TimelineItem>,
    /// The activations the claim led to, each with its explanation in the page's language.
    pub(super) activations: Vec<(ActivationRecord, String)>,
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
    lang: snapback_charter::Lang,
) -> Option<ClaimPage> {
    let record = state.claim(id)?;
    let ClaimDetail { claim, timeline } = claim_detail(state, record, &viewer, lang);
    let followed = |a: &snapback_charter::ActivationId| record.activations.contains(a);
    Some(ClaimPage {
        explanation: snapback_engine::explain::explain_claim(state, record, lang),
        need: claim_need(state, record),
        timeline,
        activations: record
            .activations
            .iter()
            .filter_map(|a| state.activation(a))
            .map(|a| {
                let explanation = snapback_engine::explain::explain_activation(state, a, lang);
                (a.clone(), explanation)
            })
            .collect(),
        decisions: state
            .decisions
            .iter()
            .filter(|d| d.activation.as_ref().is_some_and(followed))
            .map(|d| {
                // The report's explanation is the English one; the page words it in `lang`.
                let mut report = DecisionReport::new(state, d);
                if lang != snapback_charter::Lang::En {
                    report.explanation = snapback_engine::explain::explain_decision(state, d, lang);
                }
                report
            })
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

pub(super) fn basis_text(basis: Basis, t: Tr) -> String {
    match basis {
        Basis::Adopted => t.msg("basis-adopted"),
        Basis::CannotBeAdopted => t.msg("basis-cannot-be-adopted"),
        Basis::NotAdoptedByDeadline => t.msg("basis-not-adopted-by-deadline"),
        Basis::EvidenceInsufficient => t.msg("basis-evidence-insufficient"),
    }
}

pub(super) fn facts(p: &ClaimPage, names: &Names) -> Markup {
    let t = names.t;
    let c = &p.claim;
    let mut rows = vec![
        (
            t.msg("fact-filed-by"),
            html! { (names.party(c.party.as_str())) },
        ),
        (t.msg("fact-filed"), time(c.filed_at)),
        (t.msg("fact-category"), html! { (c.category) }),
        (t.msg("fact-severity"), html! { (c.severity) }),
    ];
    if let Some(body) = &c.body {
        rows.push((t.msg("fact-body"), html! { (names.body(body.as_str())) }));
    }
    if let Some(d) = c.deadline {
        let shown = if c.status == ClaimStatus::Pending {
            deadline(d)
        } else {
            time(d)
        };
        rows.push((t.msg("fact-deadline"), shown));
    }
    if let Some(at) = c.determined_at {
        rows.push((t.msg("fact-determined"), time(at)));
    }
    if let Some(at) = c.withdrawn_at {
        rows.push((t.msg("fact-withdrawn"), time(at)));
    }
    if let (Some(at), Some(decision)) = (c.superseded_at, &c.superseded_by) {
        rows.push((
            t.msg("fact-superseded"),
            t.rich(
                "fact-superseded-by",
                &[],
                &[
                    ("time", time(at)),
                    ("decision", html! { code { (decision.as_str()) } }),
                ],
            ),
        ));
    }
    if let Some(b) = c.basis {
        rows.push((t.msg("fact-basis"), html! { (basis_text(b, t)) }));
    }
    if let Some(tier) = &c.tier {
        rows.push((t.msg("fact-tier"), html! { (names.tier(tier.as_str())) }));
    }
    if let Some(v) = &c.charter_version {
        rows.push((t.msg("fact-charter-version"), html! { (v) }));
    }
    html! {
        dl class="facts" { @for (k, v) in rows { dt { (k) } dd { (v) } } }
    }
}

pub(super) fn tally_section(p: &ClaimPage, names: &Names) -> Markup {
    let t = names.t;
    let tally = &p.claim.tally;
    let members = tally.founded + tally.unfounded + tally.abstain + tally.not_voted;
    let rows = [
        (t.msg("vote-founded"), tally.founded),
        (t.msg("vote-unfounded"), tally.unfounded),
        (t.msg("vote-abstain"), tally.abstain),
        (t.msg("vote-not-voted"), tally.not_voted),
    ];
    let body = html! {
        div class="table-scroll" {
            table id="tally" class="compact" {
                caption { (t.msg_args("tally-caption", &[("members", members.into())])) }
                thead { tr {
                    th scope="col" { (t.msg("tally-vote")) }
                    th scope="col" class="num" { (t.msg("tally-members")) }
                } }
                tbody {
                    @for (label, n) in rows {
                        tr { th scope="row" { (label) } td class="num" { (n) } }
                    }
                }
            }
        }
        @if let Some(need) = &p.need {
            @if p.claim.status == ClaimStatus::Pending {
                (need_line(need, t))
            } @else if let Some(count) = need.count_text(t, false) {
                p class="need" { (t.msg_args("tally-count-closed", &[("count", count.into())])) }
            }
            p class="note" {
                (t.rich("tally-rule", &[
                    ("body", need.body.as_str().into()),
                    ("rule", need.rule(t).into()),
                    ("word", need.word.into()),
                ], &[("article", cited_text(&need.article, names))]))
            }
        }
    };
    section("tally-section", &t.msg("tally-heading"), body)
}

pub(super) fn timeline_section(items: &[TimelineItem], names: &Names) -> Markup {
    let t = names.t;
    let body = html! {
        ol id="timeline" class="timeline" {
            @for item in items {
                li data-kind=(item.kind) {
                    span class="kind" { (t.msg_args("timeline-kind", &[("kind", item.kind.as_str().into())])) }
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
    section("timeline-section", &t.msg("timeline-heading"), body)
}

pub(super) fn clearance_name(c: Clearance, t: Tr) -> String {
    match c {
        Clearance::Public => t.msg("clearance-public"),
        Clearance::Restricted => t.msg("clearance-restricted"),
        Clearance::Confidential => t.msg("clearance-confidential"),
        Clearance::Secret => t.msg("clearance-secret"),
    }
}

/// A classification (`public`, `restricted`…) in words; the marking line of a classified item
/// (`RESTRICTED // REL TO …`) stays as markings are written.
fn classification_word(class: &str, t: Tr) -> String {
    match class {
        "public" => t.msg("clearance-public"),
        "restricted" => t.msg("clearance-restricted"),
        "confidential" => t.msg("clearance-confidential"),
        "secret" => t.msg("clearance-secret"),
        other => other.to_owned(),
    }
}

/// One evidence item: a public item by its digest, a classified one by its marking, REL TO
/// list and commitment (and its content, when released to this viewer).
fn evidence_item(e: &EvidenceReport, p: &ClaimPage, names: &Names) -> Markup {
    let t = names.t;
    let class = e.classification.name();
    let submitted = html! {
        " " (t.rich("evidence-submitted", &[("party", names.party(e.party.as_str()).into())],
            &[("time", time(e.at))])) br;
    };
    match &e.digest {
        Some(digest) => html! {
            li data-evidence=(digest) data-classification=(class) {
                span class="badge badge-neutral" { (classification_word(class, t)) }
                (submitted)
                code { (digest) }
            }
        },
        None => {
            let commitment = e.commitment.as_deref().unwrap_or("");
            html! {
                li data-commitment=(commitment) data-classification=(class) {
                    span class="badge badge-neutral" {
                        (class.to_uppercase()) " // REL TO " (releasable_to(e, t.lang()))
                    }
                    (submitted)
                    (t.msg("evidence-commitment")) " " code { (commitment) }
                    @if let Some(c) = p.released.get(commitment) {
                        br;
                        span class="released" {
                            (t.rich("evidence-released", &[
                                ("kind", c.source_kind.as_str().into()),
                                ("summary", c.summary.as_str().into()),
                            ], &[("digest", html! { code { (c.digest) } })]))
                        }
                    }
                }
            }
        }
    }
}

pub(super) fn evidence_section(p: &ClaimPage, names: &Names) -> Markup {
    let t = names.t;
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
                h3 { (kind) " " span class="muted" { "(" (t.msg_args("evidence-items", &[("count", items.len().into())])) ")" } }
                ul class="items" data-source-kind=(kind) {
                    @for e in items { (evidence_item(e, p, names)) }
                }
            }
            @if groups.is_empty() { p class="empty" { (t.msg("evidence-empty")) } }
        }
        p class="note" {
            (t.msg("evidence-note")) " "
            @match &p.viewer.party {
                Some(party) => {
                    (t.msg_args("evidence-reading-as", &[
                        ("party", names.party(party).into()),
                        ("clearance", clearance_name(p.viewer.clearance, t).into()),
                    ]))
                }
                None => { (t.msg("evidence-reading-public")) }
            }
        }
    };
    section("evidence-section", &t.msg("evidence-heading"), body)
}

pub(super) fn followed_section(p: &ClaimPage, names: &Names) -> Markup {
    let t = names.t;
    if p.activations.is_empty() {
        return section(
            "followed-section",
            &t.msg("followed-heading"),
            html! { p class="empty" { (t.msg("followed-none")) } },
        );
    }
    let activations: Vec<Markup> = p
        .activations
        .iter()
        .map(|(a, why)| activation_item(a, Some(why), names))
        .collect();
    let decisions: Vec<Markup> = p
        .decisions
        .iter()
        .map(|d| decision_item(d, names))
        .collect();
    let body = html! {
        h3 { (t.msg("followed-activations")) }
        (item_list("claim-activations", &activations, ""))
        h3 { (t.msg("followed-decisions")) }
        (item_list("claim-decisions", &decisions, &t.msg("followed-decisions-empty")))
        h3 { (t.msg("followed-obligations")) }
        (obligations_table(
            "claim-obligations",
            &t.msg("followed-obligations-caption"),
            &p.obligations,
            names,
            &t.msg("followed-obligations-empty"),
        ))
    };
    section("followed-section", &t.msg("followed-heading"), body)
}

pub(super) fn claim_page(p: ClaimPage, names: &Names) -> Page {
    let t = names.t;
    let c = &p.claim;
    let title = t.msg_args("claim-title", &[("id", c.id.as_str().into())]);
    let main = html! {
        div class="claim-head" data-claim=(c.id.as_str()) data-status=(c.status.name()) {
            p class="meta" { a href="/" { (t.msg("nav-overview")) } " \u{203a} " (t.msg("breadcrumb-claim")) }
            h1 { (title) " " (badge_in(t, c.status.name())) }
            p class="lede" { (c.summary) }
            (facts(&p, names))
        }
        div class="grid" {
            (tally_section(&p, names))
            (section("explanation-section", &t.msg("explanation-heading"), html! {
                p id="explanation" class="explanation" { (cited_text(&p.explanation, names)) }
            }))
        }
        (timeline_section(&p.timeline, names))
        (evidence_section(&p, names))
        (followed_section(&p, names))
    };
    Page::ok(title, Section::Other, main)
}

pub(super) async fn claim(
    State(app): State<AppState>,
    Path(id): Path<String>,
    uri: Uri,
    chosen: Chosen,
    headers: HeaderMap,
) -> Response {
    let viewer = match app.viewer(&headers).await {
        Ok(v) => v,
        Err(p) => return respond(error_page(&p, chosen.tr()), &uri, chosen),
    };
    let released = crate::evidence::released_for_claim(&app, &id, &viewer).await;
    let wanted = id.clone();
    let lang = chosen.lang;
    let page = page_of(
        &app,
        chosen.tr(),
        move |view| gather_claim(view.state(), &wanted, viewer, released, lang),
        |found, names| match found {
            Some(p) => claim_page(p, names),
            None => claim_not_found(&id, names.t),
        },
    )
    .await;
    respond(page, &uri, chosen)
}
