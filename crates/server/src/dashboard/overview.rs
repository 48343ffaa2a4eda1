//! `GET /`: the overview.

use super::*;

// ---------------------------------------------------------------------------------------------
// GET /
// ---------------------------------------------------------------------------------------------

pub(super) struct Overview {
    /// A page of the open claims, soonest deadline first: at most [`OVERVIEW_LIST_MAX`] from
    /// position `open_from`.
    pub(super) open_claims: Vec<ClaimView>,
    pub(super) open_claims_total: usize,
    pub(super) open_from: usize,
    pub(super) recent_claims: Vec<ClaimView>,
    /// The first [`OVERVIEW_LIST_MAX`] decisions under way, of `open_decisions_total`.
    pub(super) open_decisions: Vec<DecisionReport>,
    pub(super) open_decisions_total: usize,
    /// Latest first, at most [`RECENT`].
    pub(super) activations: Vec<ActivationRecord>,
    pub(super) activation_total: usize,
    /// The first [`OVERVIEW_LIST_MAX`] overdue obligations, of `overdue_total`.
    pub(super) overdue: Vec<ObligationRecord>,
    pub(super) overdue_total: usize,
    pub(super) pending_obligations: usize,
    pub(super) size: u64,
    /// The Stabilization Fund's mode, when the charter in force sets one up.
    pub(super) fund: Option<FundModeView>,
}

/// The fund's mode, since when, and what moved it there.
pub(super) struct FundModeView {
    pub(super) mode: snapback_charter::FundMode,
    pub(super) since: Option<(Timestamp, Option<String>)>,
    pub(super) quiet_period: snapback_charter::Duration,
    pub(super) article: String,
}

/// Items each list of the overview shows at most (the open claims page on with `?from=`), so the
/// page stays small however large the log grows.
pub(super) const OVERVIEW_LIST_MAX: usize = 50;

pub(super) fn gather_overview(state: &LedgerState, size: u64, open_from: usize) -> Overview {
    let pending = |c: &&ClaimRecord| c.status == ClaimStatus::Pending;
    // Order references first (cheap), then render only the page shown.
    let mut open: Vec<&ClaimRecord> = state.claims.iter().filter(pending).collect();
    open.sort_by_key(|c| (c.deadline, c.filed_at));
    let open_claims_total = open.len();
    let open_claims = open
        .into_iter()
        .skip(open_from)
        .take(OVERVIEW_LIST_MAX)
        .map(|c| claim_view(state, c))
        .collect();
    let mut closed: Vec<&ClaimRecord> = state.claims.iter().filter(|c| !pending(c)).collect();
    closed.sort_by_key(|c| std::cmp::Reverse(closed_at(c)));
    let recent_claims = closed
        .into_iter()
        .take(RECENT)
        .map(|c| claim_view(state, c))
        .collect();
    let undecided = || state.decisions.iter().filter(|d| d.decided_at.is_none());
    let overdue = || {
        state
            .obligations
            .iter()
            .filter(|o| o.status == ObligationStatus::Overdue)
    };
    Overview {
        open_claims,
        open_claims_total,
        open_from,
        recent_claims,
        open_decisions: undecided()
            .take(OVERVIEW_LIST_MAX)
            .map(|d| DecisionReport::new(state, d))
            .collect(),
        open_decisions_total: undecided().count(),
        activations: state
            .activations
            .iter()
            .rev()
            .take(RECENT)
            .cloned()
            .collect(),
        activation_total: state.activations.len(),
        overdue: overdue().take(OVERVIEW_LIST_MAX).cloned().collect(),
        overdue_total: overdue().count(),
        pending_obligations: state
            .obligations
            .iter()
            .filter(|o| o.status == ObligationStatus::Pending)
            .count(),
        size,
        fund: fund_in_force(state).map(|f| FundModeView {
            mode: state.fund.mode,
            since: state
                .fund
                .modes
                .last()
                .map(|m| (m.at, m.activation.as_ref().map(|a| a.as_str().to_owned()))),
            quiet_period: f.quiet_period,
            article: f.article.to_string(),
        }),
    }
}

/// "Showing 51–100 of 7,412" with links to the neighbouring pages of the open claims, or nothing
/// when one page holds them all.
pub(super) fn open_claims_pager(v: &Overview, t: Tr) -> Markup {
    let total = v.open_claims_total;
    if total <= OVERVIEW_LIST_MAX && v.open_from == 0 {
        return html! {};
    }
    let first = v.open_from.min(total);
    let last = (first + v.open_claims.len()).min(total);
    html! {
        nav class="pager" aria-label=(t.msg("open-claims-pages-label")) {
            p {
                (t.msg_args("open-claims-showing", &[
                    ("first", (first + 1).min(last.max(1)).into()),
                    ("last", last.into()),
                    ("total", total.into()),
                ]))
            }
            @if first > 0 {
                a rel="prev" href={ "/?from=" (first.saturating_sub(OVERVIEW_LIST_MAX)) } {
                    (t.msg("open-claims-earlier"))
                }
                " "
            }
            @if last < total {
                a rel="next" href={ "/?from=" (last) } { (t.msg("open-claims-later")) }
            }
        }
    }
}

/// Rows a dashboard table shows at most for a list that grows with the record (lots, cohorts,
/// contracts, obligations, restrictions, surge calls, tranches, recipients, mode changes): the
/// page stays small however long the log grows.
pub(crate) const ROWS_MAX: usize = 200;

/// "200 of N are shown; all of them are in <api>", when a table was cut at [`ROWS_MAX`] (in
/// English; the pages use [`cut_note_in`]).
#[cfg(test)]
pub(crate) fn rows_note(total: usize, api: &str) -> Markup {
    cut_note(ROWS_MAX, total, api)
}

/// "`shown` of `total` are shown; all of them are in <api>", when a list was cut at `shown`
/// (in English).
#[cfg(test)]
pub(crate) fn cut_note(shown: usize, total: usize, api: &str) -> Markup {
    cut_note_in(Tr::default(), shown, total, api)
}

/// [`cut_note`] in the reader's language.
pub(crate) fn cut_note_in(t: Tr, shown: usize, total: usize, api: &str) -> Markup {
    html! {
        @if total > shown {
            p class="note rows-cut" {
                (t.rich("cut-note", &[("shown", shown.into()), ("total", total.into())],
                    &[("link", html! { a href=(api) { (api) } })]))
            }
        }
    }
}

/// The mode panel's heading, the same whichever source the mode comes from.
fn mode_heading(mode: &str, t: Tr) -> Markup {
    html! {
        h2 id="mode-h" class="mode-name" {
            (t.msg("mode-heading")) " " span id="mode" class={ "badge badge-" (mode) } { (status_word(t, mode)) }
        }
    }
}

/// The mode when the charter sets up a fund: the fund's own.
pub(super) fn fund_mode_panel(f: &FundModeView, t: Tr) -> Markup {
    let mode = f.mode.name();
    let link = html! { a id="mode-fund-link" href="/fund" { (t.msg("mode-fund-link")) } };
    let since = match &f.since {
        Some((at, Some(activation))) => t.rich(
            "mode-fund-since-activation",
            &[
                ("mode", mode.into()),
                ("activation", activation.as_str().into()),
            ],
            &[("time", time(*at)), ("link", link)],
        ),
        Some((at, None)) => t.rich(
            "mode-fund-since",
            &[("mode", mode.into())],
            &[("time", time(*at)), ("link", link)],
        ),
        None => t.rich(
            "mode-fund-since-start",
            &[("mode", mode.into())],
            &[("link", link)],
        ),
    };
    html! {
        section class="panel mode" data-mode=(mode) data-source="fund" aria-labelledby="mode-h" {
            (mode_heading(mode, t))
            p { (since) }
            p class="note" {
                (t.msg_args("mode-fund-note", &[
                    ("article", f.article.as_str().into()),
                    ("quiet", describe_duration_in(t.lang(), f.quiet_period, Case::Accusative).into()),
                ]))
            }
        }
    }
}

pub(super) fn mode_panel(v: &Overview, t: Tr) -> Markup {
    if let Some(f) = &v.fund {
        return fund_mode_panel(f, t);
    }
    let open = v.pending_obligations + v.overdue_total;
    let (mode, why) = if open > 0 {
        (
            "conflict",
            t.msg_args(
                "mode-rule-open",
                &[
                    ("open", open.into()),
                    ("pending", v.pending_obligations.into()),
                    ("overdue", v.overdue.len().into()),
                ],
            ),
        )
    } else {
        ("peace", t.msg("mode-rule-none"))
    };
    html! {
        section class="panel mode" data-mode=(mode) data-source="rule" aria-labelledby="mode-h" {
            (mode_heading(mode, t))
            p { (why) }
            p class="note" { (t.msg("mode-rule-note")) }
        }
    }
}

pub(super) fn stats(v: &Overview, t: Tr) -> Markup {
    let count = |id: &str, n: usize| (n, t.msg_args(id, &[("count", n.into())]));
    let items = [
        count("stat-open-claims", v.open_claims_total),
        count("stat-activations", v.activation_total),
        count(
            "stat-open-obligations",
            v.pending_obligations + v.overdue_total,
        ),
        count("stat-overdue-obligations", v.overdue_total),
    ];
    html! {
        ul class="stats" aria-label=(t.msg("figures-label")) {
            @for (n, label) in items { li { strong { (n) } " " (label) } }
        }
    }
}

pub(super) fn overview_page(v: Overview, names: &Names) -> Page {
    let t = names.t;
    let (title, description) = names.charter.map_or_else(
        || (t.msg("overview-default-title"), None),
        |c| (c.title.clone(), c.description.clone()),
    );
    let open: Vec<Markup> = v.open_claims.iter().map(|c| claim_item(c, names)).collect();
    let decisions: Vec<Markup> = v
        .open_decisions
        .iter()
        .map(|d| decision_item(d, names))
        .collect();
    let activations: Vec<Markup> = v
        .activations
        .iter()
        .map(|a| activation_item(a, None, names))
        .collect();
    let recent: Vec<Markup> = v
        .recent_claims
        .iter()
        .map(|c| claim_item(c, names))
        .collect();
    let overdue = obligations_table(
        "overdue",
        &t.msg("overdue-caption"),
        &v.overdue,
        names,
        &t.msg("overdue-empty"),
    );
    let main = html! {
        h1 { (title) }
        @if let Some(d) = description { p class="lede" { (d) } }
        (mode_panel(&v, t))
        (stats(&v, t))
        (section("open-claims-section", &t.msg("open-claims-heading"), html! {
            (item_list("open-claims", &open, &t.msg("open-claims-empty")))
            (open_claims_pager(&v, t))
        }))
        (section("open-decisions-section", &t.msg("open-decisions-heading"), html! {
            (item_list("open-decisions", &decisions, &t.msg("open-decisions-empty")))
            (cut_note_in(t, v.open_decisions.len(), v.open_decisions_total, "/v1/decisions"))
        }))
        (section("activations-section", &t.msg("activations-heading"),
            item_list("activations", &activations, &t.msg("activations-empty"))))
        (section("overdue-section", &t.msg("overdue-heading"), html! {
            (overdue)
            (cut_note_in(t, v.overdue.len(), v.overdue_total, "/v1/obligations"))
        }))
        (section("recent-claims-section", &t.msg("recent-claims-heading"),
            item_list("recent-claims", &recent, &t.msg("recent-claims-empty"))))
        p class="note" data-log-size=(v.size) {
            (t.rich("log-size", &[("count", v.size.into())],
                &[("link", html! { a href="/log" { (t.msg("verify-log-link")) } })]))
        }
    };
    Page::ok(t.msg("overview-title"), Section::Overview, main)
}

/// `from` of the overview's open claims (`?from=N`; other parameters, such as `fragment`, are
/// the page's own).
pub(super) fn overview_from(uri: &Uri) -> Result<usize, Problem> {
    let Some(value) = uri
        .query()
        .and_then(|q| q.split('&').find_map(|pair| pair.strip_prefix("from=")))
    else {
        return Ok(0);
    };
    value.parse::<usize>().map_err(|_| {
        Problem::new(
            StatusCode::BAD_REQUEST,
            "malformed",
            format!("`from` must be a non-negative integer, not `{value}`"),
        )
        .field("from")
    })
}

pub(super) async fn overview(State(app): State<AppState>, uri: Uri, chosen: Chosen) -> Response {
    let from = match overview_from(&uri) {
        Ok(f) => f,
        Err(p) => return respond(error_page(&p, chosen.tr()), &uri, chosen),
    };
    let page = page_of(
        &app,
        chosen.tr(),
        move |view| gather_overview(view.state(), view.size(), from),
        overview_page,
    )
    .await;
    respond(page, &uri, chosen)
}
