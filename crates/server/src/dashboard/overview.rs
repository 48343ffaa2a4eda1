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
    pub(super) quiet_period: String,
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
            quiet_period: f.quiet_period.to_string(),
            article: f.article.to_string(),
        }),
    }
}

/// "Showing 51–100 of 7,412" with links to the neighbouring pages of the open claims, or nothing
/// when one page holds them all.
pub(super) fn open_claims_pager(v: &Overview) -> Markup {
    let total = v.open_claims_total;
    if total <= OVERVIEW_LIST_MAX && v.open_from == 0 {
        return html! {};
    }
    let first = v.open_from.min(total);
    let last = (first + v.open_claims.len()).min(total);
    html! {
        nav class="pager" aria-label="Open claims pages" {
            p {
                "Showing " ((first + 1).min(last.max(1))) " to " (last) " of " (total)
                " open claims, soonest deadline first."
            }
            @if first > 0 {
                a rel="prev" href={ "/?from=" (first.saturating_sub(OVERVIEW_LIST_MAX)) } {
                    "Earlier deadlines"
                }
                " "
            }
            @if last < total {
                a rel="next" href={ "/?from=" (last) } { "Later deadlines" }
            }
        }
    }
}

/// Rows a dashboard table shows at most for a list that grows with the record (lots, cohorts,
/// contracts, obligations, restrictions, surge calls, tranches, recipients, mode changes): the
/// page stays small however long the log grows.
pub(crate) const ROWS_MAX: usize = 200;

/// "200 of N are shown; all of them are in <api>", when a table was cut at [`ROWS_MAX`].
pub(crate) fn rows_note(total: usize, api: &str) -> Markup {
    cut_note(ROWS_MAX, total, api)
}

/// "`shown` of `total` are shown; all of them are in <api>", when a list was cut at `shown`.
pub(crate) fn cut_note(shown: usize, total: usize, api: &str) -> Markup {
    html! {
        @if total > shown {
            p class="note rows-cut" {
                (shown) " of " (total) " are shown; all of them are in " a href=(api) { (api) } "."
            }
        }
    }
}

/// The mode panel's heading, the same whichever source the mode comes from.
fn mode_heading(mode: &str) -> Markup {
    html! {
        h2 id="mode-h" class="mode-name" {
            "Mode: " span id="mode" class={ "badge badge-" (mode) } { (mode) }
        }
    }
}

/// The mode when the charter sets up a fund: the fund's own.
pub(super) fn fund_mode_panel(f: &FundModeView) -> Markup {
    let mode = f.mode.name();
    html! {
        section class="panel mode" data-mode=(mode) data-source="fund" aria-labelledby="mode-h" {
            (mode_heading(mode))
            p {
                "The Stabilization Fund has been in " (mode) " mode "
                @match &f.since {
                    Some((at, Some(activation))) => {
                        "since " (time(*at)) " (activation " (activation) ")"
                    }
                    Some((at, None)) => { "since " (time(*at)) }
                    None => { "since the start of the log" }
                }
                ". " a id="mode-fund-link" href="/fund" { "The fund: pools, contributors, surge calls" } "."
            }
            p class="note" {
                "The mode is the Stabilization Fund's (" (f.article) "): an activation whose package \
                 carries a funds obligation moves it to conflict mode; it returns to peace mode after "
                (f.quiet_period) " without a new one."
            }
        }
    }
}

pub(super) fn mode_panel(v: &Overview) -> Markup {
    if let Some(f) = &v.fund {
        return fund_mode_panel(f);
    }
    let open = v.pending_obligations + v.overdue_total;
    let (mode, why) = if open > 0 {
        (
            "conflict",
            format!(
                "{} created by activations {} still open ({} pending, {} overdue).",
                plural(open, "obligation", "obligations"),
                if open == 1 { "is" } else { "are" },
                v.pending_obligations,
                v.overdue.len()
            ),
        )
    } else {
        (
            "peace",
            "No obligation created by an activation is open.".to_owned(),
        )
    };
    html! {
        section class="panel mode" data-mode=(mode) data-source="rule" aria-labelledby="mode-h" {
            (mode_heading(mode))
            p { (why) }
            p class="note" {
                "This charter sets up no Stabilization Fund, so the mode shown here follows a \
                 working rule: \u{201c}conflict\u{201d} while any obligation created by an \
                 activation is still open (pending or overdue), otherwise \u{201c}peace\u{201d}. \
                 Under a charter with a fund, the mode is the fund's."
            }
        }
    }
}

pub(super) fn stats(v: &Overview) -> Markup {
    let items = [
        (v.open_claims_total, "open claims"),
        (v.activation_total, "activations"),
        (v.pending_obligations + v.overdue_total, "open obligations"),
        (v.overdue_total, "overdue obligations"),
    ];
    html! {
        ul class="stats" aria-label="Figures" {
            @for (n, label) in items { li { strong { (n) } " " (label) } }
        }
    }
}

pub(super) fn overview_page(v: Overview, names: &Names) -> Page {
    let (title, description) = names.charter.map_or_else(
        || ("Snapback security guarantee".to_owned(), None),
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
        .map(|a| activation_item(a, names))
        .collect();
    let recent: Vec<Markup> = v
        .recent_claims
        .iter()
        .map(|c| claim_item(c, names))
        .collect();
    let overdue = obligations_table(
        "overdue",
        "Obligations past their due instant and not fulfilled",
        &v.overdue,
        names,
        "No obligation is overdue.",
    );
    let main = html! {
        h1 { (title) }
        @if let Some(d) = description { p class="lede" { (d) } }
        (mode_panel(&v))
        (stats(&v))
        (section("open-claims-section", "Open claims", html! {
            (item_list("open-claims", &open, "No claim is pending."))
            (open_claims_pager(&v))
        }))
        (section("open-decisions-section", "Decisions under way", html! {
            (item_list("open-decisions", &decisions, "No decision is pending."))
            (cut_note(v.open_decisions.len(), v.open_decisions_total, "/v1/decisions"))
        }))
        (section("activations-section", "Recent activations",
            item_list("activations", &activations, "No activation so far.")))
        (section("overdue-section", "Overdue obligations", html! {
            (overdue)
            (cut_note(v.overdue.len(), v.overdue_total, "/v1/obligations"))
        }))
        (section("recent-claims-section", "Recently decided claims",
            item_list("recent-claims", &recent, "No claim has been decided yet.")))
        p class="note" data-log-size=(v.size) {
            "As of " (plural(v.size as usize, "entry", "entries")) " in the log. "
            a href="/log" { "Verify the log" } "."
        }
    };
    Page::ok("Overview", Section::Overview, main)
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

pub(super) async fn overview(State(app): State<AppState>, uri: Uri) -> Response {
    let from = match overview_from(&uri) {
        Ok(f) => f,
        Err(p) => return respond(error_page(&p), &uri),
    };
    let page = page_of(
        &app,
        move |view| gather_overview(view.state(), view.size(), from),
        overview_page,
    )
    .await;
    respond(page, &uri)
}
