//! Readable text: claim lives, activations with their explanations, obligations, rejections.

use std::fmt::Write as _;

use snapback_charter::{Charter, Lang};
use snapback_charter::money::grouped;
use snapback_engine::derived::{ClaimStatus, DecisionStatus, ObligationStatus, StageBasis};
use snapback_engine::explain::{explain_activation, explain_decision};
use snapback_engine::report::ClaimReport;
use snapback_engine::state::{ClaimRecord, DecisionRecord};
use snapback_engine::timeline::{Happening, TimelineEntry, claim_timeline, releasable_to};
use snapback_engine::{Scenario, State};

const WIDTH: usize = 100;

/// Wraps `text` to the report width, every line starting with `indent`.
pub fn wrap(text: &str, indent: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && indent.len() + line.len() + 1 + word.len() > WIDTH {
            let _ = writeln!(out, "{indent}{line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{indent}{line}");
    }
    out
}

fn status_label(status: ClaimStatus) -> &'static str {
    match status {
        ClaimStatus::Pending => "PENDING",
        ClaimStatus::Activated => "ACTIVATED",
        ClaimStatus::Dismissed => "DISMISSED",
        ClaimStatus::Withdrawn => "WITHDRAWN",
        ClaimStatus::Superseded => "SUPERSEDED",
        ClaimStatus::Rejected => "REJECTED",
    }
}

/// One claim's life: filing, evidence, meetings, votes and the outcome, in time order (the
/// engine's claim timeline, worded for a reader).
pub fn claim_life(state: &State, c: &ClaimRecord) -> String {
    let report = ClaimReport::new(state, c);
    let mut out = format!(
        "Claim {} — {} (severity {}, {})\n",
        c.id,
        status_label(c.status),
        c.severity,
        c.category
    );
    out.push_str(&wrap(&format!("\"{}\"", c.summary), "    "));
    for entry in claim_timeline(&report, &c.meetings) {
        let _ = writeln!(out, "  {}  {}", entry.at, life_line(c, &entry));
    }
    out.push_str(&wrap(&report.explanation, "    "));
    out
}

/// The articles `text` cites, each with its anchor in the text `snapback charter render`
/// writes: (label, anchor), in the order they first appear.
pub fn article_anchors(state: &State, text: &str) -> Vec<(String, String)> {
    let labels = snapback_charter::treaty::history_labels(state.history());
    snapback_charter::treaty::cited(text, &labels)
        .into_iter()
        .map(|label| {
            let anchor = snapback_charter::treaty::anchor(&label);
            (label, anchor)
        })
        .collect()
}

/// The "Articles cited" list that follows an explanation: each article with its anchor in
/// the rendered charter (nothing when the text cites none).
pub fn articles_cited(state: &State, text: &str) -> String {
    let cited = article_anchors(state, text);
    if cited.is_empty() {
        return String::new();
    }
    let width = cited
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::from("Articles cited\n");
    for (label, anchor) in cited {
        let _ = writeln!(out, "  {label:<width$}  charter render \u{2192} #{anchor}");
    }
    out
}

/// An article an explanation cites, and its anchor in the rendered charter.
#[derive(serde::Serialize)]
pub struct ArticleAnchor {
    pub label: String,
    pub anchor: String,
}

/// A claim's JSON entry for `explain --json`: the report's fields in their order, then
/// `articles` (a field added to the contract; nothing renamed).
#[derive(serde::Serialize)]
pub struct ExplainedClaim<'a> {
    #[serde(flatten)]
    pub claim: &'a ClaimReport,
    pub articles: Vec<ArticleAnchor>,
}

impl<'a> ExplainedClaim<'a> {
    /// The entry, with the articles `text` (the claim's life as `explain` prints it) cites.
    pub fn new(claim: &'a ClaimReport, state: &State, text: &str) -> Self {
        let articles = article_anchors(state, text)
            .into_iter()
            .map(|(label, anchor)| ArticleAnchor { label, anchor })
            .collect();
        Self { claim, articles }
    }
}

/// One timeline entry as a line of a claim's life.
fn life_line(c: &ClaimRecord, entry: &TimelineEntry<'_>) -> String {
    let party = entry.party.map_or("", |p| p.as_str());
    match entry.happening {
        // The first round's deadline: a reconsideration sets a new one.
        Happening::Filed => match (
            c.status,
            &c.body,
            c.reconsiderations
                .first()
                .and_then(|r| r.deadline)
                .or(c.deadline),
        ) {
            (ClaimStatus::Rejected, _, _) => format!("filing by {party} rejected"),
            (_, Some(body), Some(deadline)) => format!(
                "filed by {party}; `{body}` ({} members) must decide by {deadline}",
                c.members.len()
            ),
            _ => format!("filed by {party}"),
        },
        Happening::Evidence(e) => match (&e.source_kind, &e.digest) {
            (Some(source_kind), Some(digest)) => format!(
                "evidence from {party}: {source_kind} ({}), {digest}",
                e.classification.name()
            ),
            _ => format!(
                "evidence from {party}: {}, REL TO {}, {}",
                e.classification.name(),
                releasable_to(e),
                e.commitment.as_deref().map_or_else(
                    || "content sealed only when signed".to_owned(),
                    |c| format!("commitment {c}")
                )
            ),
        },
        Happening::Meeting => format!("meeting convened by {party}"),
        Happening::Stage(s) => match s.basis {
            StageBasis::Done => format!("stage `{}` reached: taken by {party}", s.stage),
            StageBasis::Fallback => format!(
                "stage `{}` reached at its deadline: nobody took it, so {party}, presiding, does",
                s.stage
            ),
            StageBasis::Missed => format!("stage `{}` missed: nobody took it in time", s.stage),
        },
        Happening::Vote(vote) => format!("{party} votes {vote}"),
        Happening::Withdrawn => format!("withdrawn by {party}"),
        Happening::Determined(status) => status_label(status).to_owned(),
        Happening::Superseded(decision) => {
            format!("SUPERSEDED by the adopted motion `{decision}`: nothing takes effect")
        }
        Happening::Replied(r) => format!("{party} replies (right of reply): \"{}\"", r.summary),
        Happening::Extended(decision) => format!(
            "deadline extended to {} by the adopted motion `{decision}` (inconclusive)",
            c.deadline.map_or("?".to_owned(), |d| d.to_string())
        ),
        Happening::Graded(g) => {
            format!(
                "graded by the adopted motion `{}`:{}",
                g.decision,
                g.found()
            )
        }
        Happening::Reopened(r) => format!(
            "REOPENED: {party} asks for reconsideration with new evidence {}",
            r.digest
        ),
        Happening::Unwound(u) => format!(
            "UNWOUND: activation {} reversed where it can be ({} returned, {} cancelled)",
            u.activation,
            count(u.measures.len(), "measure", "measures"),
            count(u.obligations.len(), "obligation", "obligations")
        ),
    }
}

fn decision_life(state: &State, d: &DecisionRecord) -> String {
    let status = match d.status {
        DecisionStatus::Pending => "PENDING",
        DecisionStatus::Adopted => "ADOPTED",
        DecisionStatus::NotAdopted => "NOT ADOPTED",
    };
    let mut out = format!("Decision {} — {status}\n", d.id);
    let opener = d
        .opened_by
        .as_ref()
        .map_or("the engine".to_owned(), |p| p.to_string());
    let within = d
        .claim
        .as_ref()
        .map(|c| format!(" in the proceeding on claim {c}"))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "  {}  opened by {opener}{within}; `{}` decides by {}",
        d.opened_at, d.body, d.deadline
    );
    for v in &d.votes {
        let _ = writeln!(out, "  {}  {} votes {}", v.at, v.party, v.vote);
    }
    if let Some(at) = d.decided_at {
        let _ = writeln!(out, "  {at}  {status}");
    }
    out.push_str(&wrap(&explain_decision(state, d, Lang::En), "    "));
    out
}

fn obligation_label(status: ObligationStatus) -> &'static str {
    match status {
        ObligationStatus::Pending => "pending",
        ObligationStatus::Fulfilled => "fulfilled",
        ObligationStatus::Late => "LATE",
        ObligationStatus::Overdue => "OVERDUE",
        ObligationStatus::Cancelled => "cancelled",
    }
}

/// The whole readable report.
pub fn report(state: &State, scenario: &Scenario, charter: &Charter) -> String {
    let mut out = String::new();
    if let Some(title) = &scenario.title {
        let _ = writeln!(out, "{title}");
    }
    let _ = writeln!(
        out,
        "Charter: {} ({}), version {}",
        charter.title,
        charter.id,
        state
            .history()
            .versions()
            .iter()
            .map(|c| c.version.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    if let Some(as_of) = state.as_of {
        let _ = writeln!(out, "As of:   {as_of}");
    }
    let _ = writeln!(
        out,
        "Summary: {} claims ({} activated, {} dismissed, {} pending), {} activations, {} obligations ({} overdue), {} rejected events",
        state.claims.len(),
        state
            .claims
            .iter()
            .filter(|c| c.status == ClaimStatus::Activated)
            .count(),
        state
            .claims
            .iter()
            .filter(|c| c.status == ClaimStatus::Dismissed)
            .count(),
        state
            .claims
            .iter()
            .filter(|c| c.status == ClaimStatus::Pending)
            .count(),
        state.activations.len(),
        state.obligations.len(),
        state
            .obligations
            .iter()
            .filter(|o| o.status == ObligationStatus::Overdue)
            .count(),
        state.rejected.len()
    );
    for c in &state.claims {
        out.push('\n');
        out.push_str(&claim_life(state, c));
    }
    if !state.activations.is_empty() {
        out.push_str("\nActivations\n");
        for a in &state.activations {
            out.push_str(&wrap(&explain_activation(state, a, Lang::En), "  "));
        }
    }
    if !state.decisions.is_empty() {
        for d in &state.decisions {
            out.push('\n');
            out.push_str(&decision_life(state, d));
        }
    }
    if !state.obligations.is_empty() {
        out.push_str("\nObligations\n");
        for o in &state.obligations {
            let money = match (&o.amount, &o.currency) {
                (Some(a), Some(c)) => format!(" {} {c}", grouped(*a)),
                _ => String::new(),
            };
            let _ = writeln!(
                out,
                "  {:<34} {:<4} {:<16} due {}  {}{money}",
                o.id.as_str(),
                o.party.as_str(),
                o.kind,
                o.due,
                obligation_label(o.status)
            );
        }
    }
    let measures = state.measures.as_of(state.as_of);
    if !measures.is_empty() {
        out.push_str("\nMeasures\n");
        for m in &measures {
            out.push_str(&wrap(&snapback_engine::measures::explain_measure(m), "  "));
        }
    }
    out.push_str(&alerts_text(&state.alerts));
    out.push_str(&fund_summary(state));
    out.push_str(&capabilities_summary(state));
    if !state.rejected.is_empty() {
        out.push_str("\nRejected events\n");
        for r in &state.rejected {
            out.push_str(&wrap(
                &format!(
                    "#{} {} by {} at {}: {}",
                    r.index, r.event_type, r.party, r.at, r.reason
                ),
                "  ",
            ));
        }
    }
    out
}

/// The monitoring alerts: a line per alert, then its explanation (empty when there are none).
pub fn alerts_text(alerts: &[snapback_engine::alerts::AlertRecord]) -> String {
    let mut out = String::new();
    if alerts.is_empty() {
        return out;
    }
    out.push_str("\nAlerts\n");
    for a in alerts {
        out.push_str(&format!(
            "  {}  ALERT `{}` on {}: window ending {} counted {}\n",
            a.at, a.alert, a.area, a.window_end, a.value
        ));
        out.push_str(&wrap(&a.explanation, "    "));
    }
    out
}

/// A few lines on the capability tracker for the replay report; `snapback capabilities status`
/// has the full account.
fn capabilities_summary(state: &State) -> String {
    let Some(c) = snapback_engine::capability::report::capabilities_report(state) else {
        return String::new();
    };
    let mut out = String::from("\nCapabilities\n");
    let packages = &c.readiness.packages;
    let short: Vec<&str> = packages
        .iter()
        .filter(|p| !p.covered)
        .map(|p| &*p.package)
        .collect();
    let _ = writeln!(
        out,
        "  readiness now: {} of {} military packages covered{}",
        packages.len() - short.len(),
        packages.len(),
        if short.is_empty() {
            String::new()
        } else {
            format!("; short: {}", short.join(", "))
        }
    );
    let units: u64 = c
        .stockpiles
        .iter()
        .flat_map(|l| l.lots.iter().map(|lot| lot.available))
        .sum();
    let lots: usize = c.stockpiles.iter().map(|l| l.lots.len()).sum();
    let lifted = c
        .restrictions
        .iter()
        .filter(|r| r.status == "lifted")
        .count();
    let _ = writeln!(
        out,
        "  {lots} lots ({units} units available), {} contracts, {} commitments, {} restrictions \
         ({lifted} lifted); `snapback capabilities status` shows the full account",
        c.contracts.len(),
        c.deliveries.commitments.len(),
        c.restrictions.len()
    );
    out
}

/// A few lines on the fund for the replay report; `snapback fund status` has the full account.
fn fund_summary(state: &State) -> String {
    let Some(f) = snapback_engine::fund::report::fund_report(state) else {
        return String::new();
    };
    let mut out = String::from("\nFund\n");
    let currency = f.currency.clone().unwrap_or_default();
    let since = f
        .modes
        .last()
        .map_or_else(String::new, |m| format!(" since {}", m.at));
    let _ = writeln!(
        out,
        "  {}: {} mode{since}",
        f.name.as_deref().unwrap_or("the fund"),
        f.mode.name()
    );
    let pools: Vec<String> = f
        .pools
        .iter()
        .map(|p| {
            format!(
                "{} {} {currency} ({} available)",
                p.pool,
                grouped(p.balance),
                grouped(p.available)
            )
        })
        .collect();
    let _ = writeln!(out, "  pools: {}", pools.join("; "));
    let _ = writeln!(
        out,
        "  books {}: {} transfers; `snapback fund status` shows the full account",
        if f.totals.balanced {
            "balanced"
        } else {
            "NOT balanced"
        },
        f.transfers
    );
    out
}

/// "1 measure", "2 measures".
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
