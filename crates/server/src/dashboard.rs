//! The public dashboard: server-rendered HTML over the log's state, readable without JavaScript.
//!
//! Pages: `/` (overview), `/claims/{id}`, `/guarantors`, `/fund` (the Stabilization Fund, in
//! [`fund`]), `/capabilities` and its four sub-pages (the capability tracker, in
//! [`capabilities`]) and `/log`, all in one layout. Each page also answers `?fragment=main` with only
//! the inner HTML of its `<main>`: the small script (`/assets/dashboard.js`) listens to
//! `/v1/events`, swaps that fragment in whenever an entry is appended, and runs the deadline
//! countdowns.
//!
//! Every value that comes from the log is untrusted text and reaches a page only through
//! [`escape`]. Pages are also sent with a content security policy that allows no inline script.
//!
//! The dashboard shows commitments, decisions, money and deliveries: nothing operational.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use jiff::Timestamp;
use snapback_charter::describe::describe_rule;
use snapback_charter::{Burden, Charter, CharterHistory, Role, Rule};
use snapback_engine::State as LedgerState;
use snapback_engine::derived::{Basis, Cause, ClaimStatus, ObligationStatus};
use snapback_engine::report::{ClaimReport, DecisionReport, EvidenceReport};
use snapback_engine::state::{ActivationRecord, ClaimRecord, ObligationRecord};
use snapback_log::note::{Checkpoint, parse_note};

use crate::auth::{Clearance, Viewer};
use crate::problem::Problem;
use crate::reader::View;
use crate::state::AppState;
use crate::views::{self as api, Compliance, TimelineItem};

mod capabilities;
mod fund;

const CSS: &str = include_str!("../assets/dashboard.css");
const JS: &str = include_str!("../assets/dashboard.js");

/// FNV-1a over the assets: their URLs carry it, so a changed asset is never served from a cache.
const fn fingerprint(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < parts.len() {
        let bytes = parts[i].as_bytes();
        let mut j = 0;
        while j < bytes.len() {
            hash ^= bytes[j] as u64;
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
            j += 1;
        }
        i += 1;
    }
    hash
}

const ASSET_VERSION: u64 = fingerprint(&[CSS, JS]);

/// How long browsers may keep the assets.
const ASSET_CACHE: &str = "public, max-age=86400";

/// No inline script or style: an injected tag could not run even if escaping ever failed.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
                   connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// Decided claims and activations the overview lists (latest first).
const RECENT: usize = 10;

/// The dashboard's routes (merged into `crate::app::routes`).
pub fn routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("/", get(overview)),
        ("/claims/{id}", get(claim)),
        ("/guarantors", get(guarantors)),
        ("/fund", get(fund::handler)),
        ("/capabilities", get(capabilities::readiness)),
        ("/capabilities/deliveries", get(capabilities::deliveries)),
        ("/capabilities/stockpiles", get(capabilities::stockpiles)),
        ("/capabilities/training", get(capabilities::training)),
        (
            "/capabilities/restrictions",
            get(capabilities::restrictions),
        ),
        ("/log", get(log)),
        ("/assets/dashboard.css", get(css)),
        ("/assets/dashboard.js", get(js)),
    ]
}

// ---------------------------------------------------------------------------------------------
// Escaping and small pieces of markup
// ---------------------------------------------------------------------------------------------

/// Escapes text for HTML content and quoted attribute values: `& < > " '`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A path segment: everything but unreserved characters and `:` percent-encoded.
fn path_segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b':') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// "2026-03-01 14:05:09 UTC".
fn readable(t: Timestamp) -> String {
    let mut out = String::new();
    if write!(out, "{}", t.strftime("%Y-%m-%d %H:%M:%S UTC")).is_err() {
        out = t.to_string();
    }
    out
}

/// An instant as `<time>`, machine-readable and readable.
fn time(t: Timestamp) -> String {
    format!(
        r#"<time datetime="{}">{}</time>"#,
        escape(&t.to_string()),
        escape(&readable(t))
    )
}

/// A deadline: the instant, and a countdown the script fills in (`data-deadline` is ISO 8601).
fn deadline(t: Timestamp) -> String {
    format!(
        r#"{} <span class="countdown" data-deadline="{}"></span>"#,
        time(t),
        escape(&t.to_string())
    )
}

/// A status badge: the status in words, its colour only repeating it.
fn badge(status: &str) -> String {
    let class: String = status
        .chars()
        .filter(|c| c.is_ascii_lowercase() || *c == '_')
        .collect();
    format!(
        r#"<span class="badge badge-{class}">{}</span>"#,
        escape(&status.replace('_', " "))
    )
}

fn claim_link(id: &str) -> String {
    format!(
        r#"<a href="/claims/{}">{}</a>"#,
        escape(&path_segment(id)),
        escape(id)
    )
}

/// "1,250,000.00".
fn group_digits(amount: &str) -> String {
    let (sign, rest) = amount.strip_prefix('-').map_or(("", amount), |r| ("-", r));
    let (int, frac) = rest
        .split_once('.')
        .map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut out = String::from(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// A panel with a heading; `body` is markup.
fn section(id: &str, heading: &str, body: &str) -> String {
    format!(
        r#"<section class="panel" aria-labelledby="{id}-h"><h2 id="{id}-h">{}</h2>{body}</section>"#,
        escape(heading)
    )
}

/// A list of rendered `<li>` items under a stable id, with a sentence when it is empty.
fn item_list(id: &str, items: &[String], empty: &str) -> String {
    let mut s = format!(r#"<ul id="{id}" class="items">"#);
    for item in items {
        s.push_str(item);
    }
    s.push_str("</ul>");
    if items.is_empty() {
        let _ = write!(s, r#"<p class="empty">{}</p>"#, escape(empty));
    }
    s
}

// ---------------------------------------------------------------------------------------------
// Names from the charter
// ---------------------------------------------------------------------------------------------

/// Display names from the charter version in force (ids where it names nothing).
struct Names<'a> {
    charter: Option<&'a Charter>,
}

fn labelled(name: Option<&str>, id: &str) -> String {
    match name {
        Some(n) if n != id => format!("{n} ({id})"),
        _ => id.to_owned(),
    }
}

impl<'a> Names<'a> {
    fn new(history: &'a CharterHistory, now: Timestamp) -> Self {
        let charter = history
            .in_force(now)
            .or_else(|| history.versions().last())
            .map(|c| &**c);
        Self { charter }
    }

    fn party(&self, id: &str) -> String {
        let name = self
            .charter
            .and_then(|c| c.parties.iter().find(|p| p.id.as_str() == id))
            .map(|p| p.name.as_str());
        labelled(name, id)
    }

    fn body(&self, id: &str) -> String {
        self.charter
            .and_then(|c| c.bodies.iter().find(|b| b.id.as_str() == id))
            .map_or_else(|| id.to_owned(), |b| b.name.clone())
    }

    fn tier(&self, id: &str) -> String {
        let name = self
            .charter
            .and_then(|c| c.tiers.iter().find(|t| t.id.as_str() == id))
            .map(|t| t.name.as_str());
        labelled(name, id)
    }

    fn package(&self, id: &str) -> String {
        self.charter
            .and_then(|c| c.packages.iter().find(|p| p.id.as_str() == id))
            .map_or_else(|| id.to_owned(), |p| p.name.clone())
    }
}

// ---------------------------------------------------------------------------------------------
// Layout and responses
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Overview,
    Guarantors,
    Fund,
    Capabilities,
    Log,
    Other,
}

/// A rendered page: its title (plain text), where it sits in the navigation, the inner HTML of
/// its `<main>`, and its status.
struct Page {
    title: String,
    section: Section,
    main: String,
    status: StatusCode,
}

impl Page {
    fn ok(title: impl Into<String>, section: Section, main: String) -> Self {
        Self {
            title: title.into(),
            section,
            main,
            status: StatusCode::OK,
        }
    }
}

fn nav(current: Section) -> String {
    let items = [
        ("/", "Overview", Section::Overview),
        ("/guarantors", "Guarantors", Section::Guarantors),
        ("/fund", "Fund", Section::Fund),
        ("/capabilities", "Capabilities", Section::Capabilities),
        ("/log", "Log", Section::Log),
    ];
    let mut s = String::from(r#"<nav aria-label="Main"><ul>"#);
    for (href, label, section) in items {
        let here = if section == current {
            r#" aria-current="page""#
        } else {
            ""
        };
        let _ = write!(s, r#"<li><a href="{href}"{here}>{label}</a></li>"#);
    }
    s.push_str(r#"<li><a href="/v1/openapi.json">API</a></li></ul></nav>"#);
    s
}

const FOOTER: &str = r#"<footer class="site-footer"><div class="wrap">
<p><strong>What this system does.</strong> It records a codified security guarantee for Ukraine: claims of ceasefire violations, the guarantors' votes and decisions, the automatic &ldquo;snapback&rdquo; activations they lead to, and the commitments of money and deliveries those activations create. Every entry is signed and kept in an append-only transparency log that anyone can verify independently.</p>
<p><strong>What it does not do.</strong> It holds no targeting, intelligence content or operational information, and it plans or directs no operations. Classified evidence appears only as metadata (its source kind and digest), and only to readers cleared for it.</p>
<p><a href="/log">How to verify the log</a> &middot; <a href="/v1/openapi.json">API description (OpenAPI)</a></p>
</div></footer>"#;

/// The one layout every page shares.
fn layout(page: &Page) -> String {
    let v = ASSET_VERSION;
    format!(
        r##"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} &middot; Snapback guarantee record</title>
<link rel="stylesheet" href="/assets/dashboard.css?v={v:016x}">
<script src="/assets/dashboard.js?v={v:016x}" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to main content</a>
<header class="site-header"><div class="wrap">
<a class="brand" href="/">Snapback guarantee<small>Public record</small></a>
{nav}
<p id="live" class="live" data-state="static" role="status" hidden><span class="live-text">Static page</span></p>
</div></header>
<main id="main" class="wrap" tabindex="-1">
{main}
</main>
{FOOTER}
</body>
</html>
"##,
        title = escape(&page.title),
        nav = nav(page.section),
        main = page.main,
    )
}

fn html_headers(response: &mut Response) {
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
}

/// Whether the request asks for the inner HTML of `<main>` only (`?fragment=main`).
fn wants_fragment(uri: &Uri) -> bool {
    uri.query()
        .is_some_and(|q| q.split('&').any(|pair| pair == "fragment=main"))
}

/// The page in its layout, or only its `<main>` content for `?fragment=main`.
fn respond(page: Page, uri: &Uri) -> Response {
    let status = page.status;
    let body = if wants_fragment(uri) {
        page.main
    } else {
        layout(&page)
    };
    let mut response = (status, body).into_response();
    html_headers(&mut response);
    response
}

fn error_page(p: &Problem) -> Page {
    let status = StatusCode::from_u16(p.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let title = status.canonical_reason().unwrap_or("Error");
    Page {
        title: title.to_owned(),
        section: Section::Other,
        main: format!(
            r#"<h1>{}</h1><p>{}</p><p><a href="/">Back to the overview</a></p>"#,
            escape(title),
            escape(&p.detail)
        ),
        status,
    }
}

fn not_found(what: &str, id: &str) -> Page {
    Page {
        title: "Not found".to_owned(),
        section: Section::Other,
        main: format!(
            r#"<h1>Not found</h1><p>The log holds no {} with the id <code>{}</code>.</p><p><a href="/">Back to the overview</a></p>"#,
            escape(what),
            escape(id)
        ),
        status: StatusCode::NOT_FOUND,
    }
}

/// Gathers a page's data on the node thread (a consistent view of the log), then renders it.
async fn page_of<T: Send + 'static>(
    app: &AppState,
    gather: impl FnOnce(&View) -> T + Send + 'static,
    render: impl FnOnce(T, &Names) -> Page,
) -> Page {
    match app.read(gather).await {
        Ok(data) => render(data, &Names::new(app.history(), app.clock().now())),
        Err(p) => error_page(&p),
    }
}

// ---------------------------------------------------------------------------------------------
// What a claim needs
// ---------------------------------------------------------------------------------------------

/// What it takes for the body to decide against the claim's default outcome.
#[derive(Debug, Clone)]
struct Need {
    /// The verdict that overturns the default ("unfounded" under the flipped burden).
    word: &'static str,
    /// What that verdict does ("dismiss").
    action: &'static str,
    members: u32,
    so_far: u32,
    /// The votes the rule needs, for count rules (majority, threshold).
    needed: Option<u32>,
    /// The rule in words, with its numbers.
    rule: String,
    body: String,
    article: String,
}

impl Need {
    /// "2 of 5 unfounded votes needed to dismiss" (2 still needed), or the rule in words.
    fn pending_text(&self) -> String {
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

    fn remaining(&self) -> Option<u32> {
        self.needed.map(|n| n.saturating_sub(self.so_far))
    }
}

fn claim_need(state: &LedgerState, c: &ClaimRecord) -> Option<Need> {
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

struct ClaimView {
    claim: ClaimReport,
    need: Option<Need>,
    closed_at: Timestamp,
}

fn claim_view(state: &LedgerState, c: &ClaimRecord) -> ClaimView {
    ClaimView {
        claim: ClaimReport::new(state, c),
        need: claim_need(state, c),
        closed_at: closed_at(c),
    }
}

/// When a claim stopped being pending.
fn closed_at(c: &ClaimRecord) -> Timestamp {
    c.determined_at.or(c.withdrawn_at).unwrap_or(c.filed_at)
}

fn claim_item(v: &ClaimView, names: &Names) -> String {
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

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

fn need_line(need: &Need) -> String {
    let remaining = need
        .remaining()
        .map(|r| format!(r#" data-needed="{r}""#))
        .unwrap_or_default();
    format!(
        r#"<p class="need"{remaining}><strong>{}</strong></p>"#,
        escape(&need.pending_text())
    )
}

fn activation_item(a: &ActivationRecord, names: &Names) -> String {
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

fn decision_item(d: &DecisionReport, names: &Names) -> String {
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

fn money(o: &ObligationRecord) -> String {
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

fn obligation_row(o: &ObligationRecord, names: &Names) -> String {
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
fn obligations_table(
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

// ---------------------------------------------------------------------------------------------
// GET /
// ---------------------------------------------------------------------------------------------

struct Overview {
    /// A page of the open claims, soonest deadline first: at most [`OVERVIEW_LIST_MAX`] from
    /// position `open_from`.
    open_claims: Vec<ClaimView>,
    open_claims_total: usize,
    open_from: usize,
    recent_claims: Vec<ClaimView>,
    /// The first [`OVERVIEW_LIST_MAX`] decisions under way, of `open_decisions_total`.
    open_decisions: Vec<DecisionReport>,
    open_decisions_total: usize,
    /// Latest first, at most [`RECENT`].
    activations: Vec<ActivationRecord>,
    activation_total: usize,
    /// The first [`OVERVIEW_LIST_MAX`] overdue obligations, of `overdue_total`.
    overdue: Vec<ObligationRecord>,
    overdue_total: usize,
    pending_obligations: usize,
    size: u64,
    /// The Stabilization Fund's mode, when the charter in force sets one up.
    fund: Option<FundModeView>,
}

/// The fund's mode, since when, and what moved it there.
struct FundModeView {
    mode: snapback_charter::FundMode,
    since: Option<(Timestamp, Option<String>)>,
    quiet_period: String,
    article: String,
}

/// Items each list of the overview shows at most (the open claims page on with `?from=`), so the
/// page stays small however large the log grows.
const OVERVIEW_LIST_MAX: usize = 50;

fn gather_overview(state: &LedgerState, size: u64, open_from: usize) -> Overview {
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
        fund: api::fund_in_force(state).map(|f| FundModeView {
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
fn open_claims_pager(v: &Overview) -> String {
    let total = v.open_claims_total;
    if total <= OVERVIEW_LIST_MAX && v.open_from == 0 {
        return String::new();
    }
    let first = v.open_from.min(total);
    let last = (first + v.open_claims.len()).min(total);
    let mut s = format!(
        r#"<nav class="pager" aria-label="Open claims pages"><p>Showing {} to {last} of {total} open claims, soonest deadline first.</p>"#,
        (first + 1).min(last.max(1)),
    );
    if first > 0 {
        let previous = first.saturating_sub(OVERVIEW_LIST_MAX);
        let _ = write!(
            s,
            r#"<a rel="prev" href="/?from={previous}">Earlier deadlines</a> "#
        );
    }
    if last < total {
        let _ = write!(
            s,
            r#"<a rel="next" href="/?from={last}">Later deadlines</a>"#
        );
    }
    s.push_str("</nav>");
    s
}

/// Rows a dashboard table shows at most for a list that grows with the record (lots, cohorts,
/// contracts, obligations, restrictions, surge calls, tranches, recipients, mode changes): the
/// page stays small however long the log grows.
pub(crate) const ROWS_MAX: usize = 200;

/// "200 of N are shown; all of them are in <api>", when a table was cut at [`ROWS_MAX`].
pub(crate) fn rows_note(total: usize, api: &str) -> String {
    cut_note(ROWS_MAX, total, api)
}

/// "`shown` of `total` are shown; all of them are in <api>", when a list was cut at `shown`.
pub(crate) fn cut_note(shown: usize, total: usize, api: &str) -> String {
    if total <= shown {
        return String::new();
    }
    format!(
        r#"<p class="note rows-cut">{shown} of {total} are shown; all of them are in <a href="{api}">{api}</a>.</p>"#
    )
}

/// The mode when the charter sets up a fund: the fund's own.
fn fund_mode_panel(f: &FundModeView) -> String {
    let mode = f.mode.name();
    let since = match &f.since {
        Some((at, Some(activation))) => {
            format!("since {} (activation {})", time(*at), escape(activation))
        }
        Some((at, None)) => format!("since {}", time(*at)),
        None => "since the start of the log".to_owned(),
    };
    format!(
        r#"<section class="panel mode" data-mode="{mode}" data-source="fund" aria-labelledby="mode-h"><h2 id="mode-h" class="mode-name">Mode: <span id="mode" class="badge badge-{mode}">{mode}</span></h2><p>The Stabilization Fund has been in {mode} mode {since}. <a id="mode-fund-link" href="/fund">The fund: pools, contributors, surge calls</a>.</p><p class="note">The mode is the Stabilization Fund's ({article}): an activation whose package carries a funds obligation moves it to conflict mode; it returns to peace mode after {quiet} without a new one.</p></section>"#,
        article = escape(&f.article),
        quiet = escape(&f.quiet_period),
    )
}

fn mode_panel(v: &Overview) -> String {
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
    format!(
        r#"<section class="panel mode" data-mode="{mode}" data-source="rule" aria-labelledby="mode-h"><h2 id="mode-h" class="mode-name">Mode: <span id="mode" class="badge badge-{mode}">{mode}</span></h2><p>{why}</p><p class="note">This charter sets up no Stabilization Fund, so the mode shown here follows a working rule: &ldquo;conflict&rdquo; while any obligation created by an activation is still open (pending or overdue), otherwise &ldquo;peace&rdquo;. Under a charter with a fund, the mode is the fund's.</p></section>"#
    )
}

fn stats(v: &Overview) -> String {
    let items = [
        (v.open_claims_total, "open claims"),
        (v.activation_total, "activations"),
        (v.pending_obligations + v.overdue_total, "open obligations"),
        (v.overdue_total, "overdue obligations"),
    ];
    let mut s = String::from(r#"<ul class="stats" aria-label="Figures">"#);
    for (n, label) in items {
        let _ = write!(s, "<li><strong>{n}</strong> {label}</li>");
    }
    s.push_str("</ul>");
    s
}

fn overview_page(v: Overview, names: &Names) -> Page {
    let (title, description) = names.charter.map_or_else(
        || ("Snapback security guarantee".to_owned(), None),
        |c| (c.title.clone(), c.description.clone()),
    );
    let mut m = format!("<h1>{}</h1>", escape(&title));
    if let Some(d) = description {
        let _ = write!(m, r#"<p class="lede">{}</p>"#, escape(&d));
    }
    m.push_str(&mode_panel(&v));
    m.push_str(&stats(&v));
    let open: Vec<String> = v.open_claims.iter().map(|c| claim_item(c, names)).collect();
    let mut open_list = item_list("open-claims", &open, "No claim is pending.");
    open_list.push_str(&open_claims_pager(&v));
    m.push_str(&section("open-claims-section", "Open claims", &open_list));
    let decisions: Vec<String> = v
        .open_decisions
        .iter()
        .map(|d| decision_item(d, names))
        .collect();
    let mut decision_list = item_list("open-decisions", &decisions, "No decision is pending.");
    decision_list.push_str(&cut_note(
        v.open_decisions.len(),
        v.open_decisions_total,
        "/v1/decisions",
    ));
    m.push_str(&section(
        "open-decisions-section",
        "Decisions under way",
        &decision_list,
    ));
    let activations: Vec<String> = v
        .activations
        .iter()
        .map(|a| activation_item(a, names))
        .collect();
    m.push_str(&section(
        "activations-section",
        "Recent activations",
        &item_list("activations", &activations, "No activation so far."),
    ));
    let mut overdue = obligations_table(
        "overdue",
        "Obligations past their due instant and not fulfilled",
        &v.overdue,
        names,
        "No obligation is overdue.",
    );
    overdue.push_str(&cut_note(
        v.overdue.len(),
        v.overdue_total,
        "/v1/obligations",
    ));
    m.push_str(&section("overdue-section", "Overdue obligations", &overdue));
    let recent: Vec<String> = v
        .recent_claims
        .iter()
        .map(|c| claim_item(c, names))
        .collect();
    m.push_str(&section(
        "recent-claims-section",
        "Recently decided claims",
        &item_list("recent-claims", &recent, "No claim has been decided yet."),
    ));
    let _ = write!(
        m,
        r#"<p class="note" data-log-size="{size}">As of {entries} in the log. <a href="/log">Verify the log</a>.</p>"#,
        size = v.size,
        entries = plural(v.size as usize, "entry", "entries"),
    );
    Page::ok("Overview", Section::Overview, m)
}

/// `from` of the overview's open claims (`?from=N`; other parameters, such as `fragment`, are
/// the page's own).
fn overview_from(uri: &Uri) -> Result<usize, Problem> {
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

async fn overview(State(app): State<AppState>, uri: Uri) -> Response {
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

// ---------------------------------------------------------------------------------------------
// GET /claims/{id}
// ---------------------------------------------------------------------------------------------

struct ClaimPage {
    claim: ClaimReport,
    need: Option<Need>,
    timeline: Vec<TimelineItem>,
    activations: Vec<ActivationRecord>,
    decisions: Vec<DecisionReport>,
    obligations: Vec<ObligationRecord>,
    viewer: Viewer,
    /// The content of classified items released to this viewer, by commitment.
    released: BTreeMap<String, snapback_log::sealed::SealedContent>,
}

fn gather_claim(
    state: &LedgerState,
    id: &str,
    viewer: Viewer,
    released: BTreeMap<String, snapback_log::sealed::SealedContent>,
) -> Option<ClaimPage> {
    let record = state.claim(id)?;
    let mut claim = ClaimReport::new(state, record);
    api::redact(&mut claim, &viewer);
    let meetings: Vec<(Timestamp, String)> = record
        .meetings
        .iter()
        .map(|(at, p)| (*at, p.to_string()))
        .collect();
    let timeline = api::timeline(&claim, &meetings);
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

fn basis_text(basis: Basis) -> &'static str {
    match basis {
        Basis::Adopted => "the body adopted the motion",
        Basis::CannotBeAdopted => "the motion could no longer be adopted",
        Basis::NotAdoptedByDeadline => "the motion was not adopted by the deadline",
        Basis::EvidenceInsufficient => "the evidence requirement was not met",
    }
}

fn facts(p: &ClaimPage, names: &Names) -> String {
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

fn tally_section(p: &ClaimPage) -> String {
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

fn timeline_section(items: &[TimelineItem], names: &Names) -> String {
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

fn clearance_name(c: Clearance) -> &'static str {
    match c {
        Clearance::Public => "public",
        Clearance::Restricted => "restricted",
        Clearance::Confidential => "confidential",
        Clearance::Secret => "secret",
    }
}

fn evidence_section(p: &ClaimPage, names: &Names) -> String {
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
                        rel = escape(&api::rel_to(e)),
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

fn followed_section(p: &ClaimPage, names: &Names) -> String {
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

fn claim_page(p: ClaimPage, names: &Names) -> Page {
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
    Page::ok(format!("Claim {}", c.id.as_str()), Section::Other, m)
}

async fn claim(
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

// ---------------------------------------------------------------------------------------------
// GET /guarantors
// ---------------------------------------------------------------------------------------------

struct PartyRow {
    id: String,
    label: String,
    c: Compliance,
}

fn total(c: &Compliance) -> u64 {
    c.on_time + c.late + c.overdue + c.pending
}

/// Every guarantor (with or without obligations) and every other party with obligations, in the
/// charter's order.
fn party_rows(mut compliance: BTreeMap<String, Compliance>, names: &Names) -> Vec<PartyRow> {
    let mut rows = Vec::new();
    for p in names
        .charter
        .map(|c| c.parties.as_slice())
        .unwrap_or_default()
    {
        let c = compliance.remove(p.id.as_str());
        if c.is_some() || p.has_role(Role::Guarantor) {
            rows.push(PartyRow {
                id: p.id.to_string(),
                label: names.party(p.id.as_str()),
                c: c.unwrap_or_default(),
            });
        }
    }
    for (id, c) in compliance {
        rows.push(PartyRow {
            label: names.party(&id),
            id,
            c,
        });
    }
    rows
}

/// The four statuses, in the order the chart stacks them.
fn segments(c: &Compliance) -> [(&'static str, &'static str, u64); 4] {
    [
        ("on_time", "on time", c.on_time),
        ("late", "late", c.late),
        ("overdue", "overdue", c.overdue),
        ("pending", "pending", c.pending),
    ]
}

fn chart_row(s: &mut String, i: usize, row: &PartyRow, scale: f64) {
    const LABEL: f64 = 56.0;
    const ROW: usize = 30;
    let y = i * ROW + 6;
    let summary: Vec<String> = segments(&row.c)
        .iter()
        .map(|(_, label, n)| format!("{n} {label}"))
        .collect();
    let _ = write!(
        s,
        r#"<g><title>{label}: {summary}</title><text x="0" y="{ty}">{id}</text>"#,
        label = escape(&row.label),
        summary = summary.join(", "),
        ty = y + 14,
        id = escape(&row.id),
    );
    let mut x = LABEL;
    for (class, label, n) in segments(&row.c) {
        if n == 0 {
            continue;
        }
        let width = n as f64 * scale;
        let _ = write!(
            s,
            r#"<rect class="seg-{class}" x="{x:.1}" y="{y}" width="{width:.1}" height="18"><title>{id}: {n} {label}</title></rect>"#,
            id = escape(&row.id),
        );
        x += width;
    }
    let _ = write!(
        s,
        r#"<text x="{tx:.1}" y="{ty}">{n}</text></g>"#,
        tx = x + 6.0,
        ty = y + 14,
        n = total(&row.c),
    );
}

/// A stacked bar per party, drawn without script; the table gives the same figures.
fn chart(rows: &[PartyRow]) -> String {
    const WIDTH: f64 = 480.0;
    const BARS: f64 = 380.0;
    let max = rows.iter().map(|r| total(&r.c)).max().unwrap_or(0).max(1);
    let scale = BARS / max as f64;
    let height = rows.len() * 30 + 12;
    let mut s = format!(
        r#"<div class="chart-scroll"><svg id="compliance-chart" class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg"><title id="chart-title">Obligations per party, by status</title><desc id="chart-desc">Stacked horizontal bars: for each party, its obligations met on time, met late, overdue and pending, with the total at the end of the bar. The table below gives the same figures.</desc>"#
    );
    for (i, row) in rows.iter().enumerate() {
        chart_row(&mut s, i, row, scale);
    }
    s.push_str("</svg></div>");
    s
}

fn legend() -> String {
    let mut s = String::from(r#"<ul class="legend" aria-label="Legend">"#);
    for (class, label, _) in segments(&Compliance::default()) {
        let _ = write!(
            s,
            r#"<li><span class="swatch seg-{class}" aria-hidden="true"></span>{label}</li>"#
        );
    }
    s.push_str("</ul>");
    s
}

fn compliance_table(rows: &[PartyRow]) -> String {
    let mut s = String::from(
        r#"<div class="table-scroll"><table id="compliance"><caption>Obligations per party, by status</caption><thead><tr><th scope="col">Party</th><th scope="col" class="num">On time</th><th scope="col" class="num">Late</th><th scope="col" class="num">Overdue</th><th scope="col" class="num">Pending</th><th scope="col" class="num">Total</th></tr></thead><tbody>"#,
    );
    for row in rows {
        let c = &row.c;
        let _ = write!(
            s,
            r#"<tr data-party="{id}"><th scope="row">{label}</th><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
            c.on_time,
            c.late,
            c.overdue,
            c.pending,
            total(c),
            id = escape(&row.id),
            label = escape(&row.label),
        );
    }
    s.push_str("</tbody></table></div>");
    s
}

fn guarantors_page(compliance: BTreeMap<String, Compliance>, names: &Names) -> Page {
    let rows = party_rows(compliance, names);
    let mut m = String::from(
        r#"<h1>Guarantors' compliance</h1><p class="lede">How each guarantor, and each other party an activation placed obligations on, has met them.</p>"#,
    );
    m.push_str(&section(
        "chart-section",
        "At a glance",
        &format!("{}{}", legend(), chart(&rows)),
    ));
    m.push_str(&section(
        "table-section",
        "Figures",
        &compliance_table(&rows),
    ));
    m.push_str(r#"<p class="note">On time: fulfilled by its due instant. Late: fulfilled after it. Overdue: its due instant passed without fulfilment. Pending: not yet due.</p>"#);
    Page::ok("Guarantors", Section::Guarantors, m)
}

async fn guarantors(State(app): State<AppState>, uri: Uri) -> Response {
    let page = page_of(
        &app,
        |view| api::compliance(&view.state().obligations),
        guarantors_page,
    )
    .await;
    respond(page, &uri)
}

// ---------------------------------------------------------------------------------------------
// GET /log
// ---------------------------------------------------------------------------------------------

struct LogView {
    note: Option<String>,
    size: u64,
    origin: String,
}

fn checkpoint_facts(v: &LogView, names: &Names) -> String {
    let checkpoint = v
        .note
        .as_deref()
        .and_then(|n| parse_note(n).ok())
        .and_then(|n| Checkpoint::parse(&n.text).ok());
    let mut s = String::from(r#"<dl class="facts">"#);
    let _ = write!(
        s,
        "<dt>Origin</dt><dd><code>{}</code></dd>",
        escape(&v.origin)
    );
    if let Some(cp) = &checkpoint {
        let _ = write!(
            s,
            r#"<dt>Tree size</dt><dd id="tree-size" data-size="{size}">{entries}</dd><dt>Root (base64)</dt><dd><code id="root">{root}</code></dd>"#,
            size = cp.size,
            entries = plural(cp.size as usize, "entry", "entries"),
            root = escape(&B64.encode(cp.root)),
        );
    }
    if let Some(key) = names.charter.and_then(|c| c.log.as_ref()).map(|l| &l.key) {
        let _ = write!(
            s,
            "<dt>Log verifier key</dt><dd><code>{}</code></dd>",
            escape(key)
        );
    }
    s.push_str("</dl>");
    match &v.note {
        Some(note) => {
            let _ = write!(s, r#"<pre id="checkpoint">{}</pre>"#, escape(note));
        }
        None => s.push_str(r#"<p class="empty">No checkpoint has been signed yet.</p>"#),
    }
    if checkpoint.as_ref().is_some_and(|cp| cp.size != v.size) {
        let _ = write!(
            s,
            r#"<p class="note">The log holds {}; the next checkpoint will cover them.</p>"#,
            plural(v.size as usize, "entry", "entries")
        );
    }
    s
}

const VERIFY: &str = r#"<p>You do not need to trust this site. Anyone can check that the log is complete, untampered and consistent with the charter:</p>
<ol>
<li>Export the log (one canonical entry per line, and the latest checkpoint to <code>FILE.checkpoint</code>):<pre><code>snapback log export FILE</code></pre></li>
<li>Verify the export on another machine against the charter: every signature, the Merkle root against the signed checkpoint, and every derived entry replayed by the rules:<pre><code>snapback verify --export FILE --charter CHARTER</code></pre></li>
<li>Print the log's verifier key, to check the checkpoint's signature with any signed-note tool:<pre><code>snapback log vkey</code></pre></li>
</ol>
<h3>Over HTTP</h3>
<ul>
<li><a href="/v1/log/checkpoint"><code>GET /v1/log/checkpoint</code></a>: the latest signed checkpoint (a C2SP signed note, as above).</li>
<li><code>GET /v1/log/proof/inclusion?index=N</code>: a proof that entry <var>N</var> is in the tree.</li>
<li><code>GET /v1/log/proof/consistency?from=A&amp;to=B</code>: a proof that the tree of size <var>B</var> extends the tree of size <var>A</var>.</li>
<li><code>GET /v1/log/entries?from=A&amp;to=B</code>: the canonical entries themselves.</li>
</ul>
<p>The tree hashes as in RFC 6962: leaf hash = SHA-256(0x00 || canonical entry bytes); an interior node = SHA-256(0x01 || left || right).</p>"#;

fn log_page(v: LogView, names: &Names) -> Page {
    let mut m = String::from(
        r#"<h1>The transparency log</h1><p class="lede">Every claim, vote, decision, activation and obligation on this site is an entry in an append-only, signed Merkle-tree log.</p>"#,
    );
    m.push_str(&section(
        "checkpoint-section",
        "Latest signed checkpoint",
        &checkpoint_facts(&v, names),
    ));
    m.push_str(&section(
        "verify-section",
        "Verify it independently",
        VERIFY,
    ));
    Page::ok("Log", Section::Log, m)
}

async fn log(State(app): State<AppState>, uri: Uri) -> Response {
    let origin = match app.read(|view| view.origin().to_owned()).await {
        Ok(o) => o,
        Err(p) => return respond(error_page(&p), &uri),
    };
    let read = app
        .read_store(move |store| LogView {
            note: store.checkpoint().ok().flatten().map(|c| c.note),
            size: store.size(),
            origin,
        })
        .await;
    let page = match read {
        Ok(v) => log_page(v, &Names::new(app.history(), app.clock().now())),
        Err(p) => error_page(&p),
    };
    respond(page, &uri)
}

// ---------------------------------------------------------------------------------------------
// Assets
// ---------------------------------------------------------------------------------------------

fn asset(body: &'static str, content_type: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, ASSET_CACHE),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        body,
    )
        .into_response()
}

async fn css() -> Response {
    asset(CSS, "text/css; charset=utf-8")
}

async fn js() -> Response {
    asset(JS, "text/javascript; charset=utf-8")
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use std::collections::BTreeMap;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};

    use axum::body::Body;
    use axum::http::{HeaderMap, Request, StatusCode};
    use http_body_util::BodyExt as _;
    use jiff::{SignedDuration, Timestamp};
    use serde_json::{Value, json};
    use sha2::{Digest as _, Sha256};
    use snapback_charter::{CharterHistory, Source, load_toml};
    use snapback_ledger::{Ledger, Outcome, Submission};
    use snapback_log::entry::{EntryBody, EntryKind};
    use snapback_log::keys::{Alg, SignerKey};
    use snapback_store::{SqliteStore, Store};
    use tower::ServiceExt as _;

    use super::escape;
    use crate::app::{AppState, Running, app, start};
    use crate::auth::{Clearance, TokenRecord};
    use crate::clock::{Clock as _, ManualClock};

    pub(super) const SUMMARY: &str = r#"<script>alert("pwned")</script> & 'quoted'"#;
    pub(super) const SUMMARY_ESCAPED: &str =
        "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;";
    const PARTIES: [&str; 7] = ["UA", "SEC", "G1", "G2", "G3", "G4", "G5"];
    const TOKEN: &str = "dashboard-test-token";

    fn start_time() -> Timestamp {
        "2026-03-01T00:00:00Z".parse().unwrap()
    }

    fn charter_text(keys: &BTreeMap<&'static str, SignerKey>, log: &SignerKey) -> String {
        let mut text = String::from(
            "[charter]\nid = \"dash\"\ntitle = \"Dashboard <Test> Guarantee\"\nversion = \"1\"\n\
             effective = 2026-01-01T00:00:00Z\nbeneficiary = \"UA\"\n\n",
        );
        for id in PARTIES {
            let role = match id {
                "UA" => "beneficiary",
                "SEC" => "secretariat",
                _ => "guarantor",
            };
            text.push_str(&format!(
                "[[party]]\nid = \"{id}\"\nname = \"Party {id}\"\nroles = [\"{role}\"]\nkeys = [\"{}\"]\n\n",
                keys[id].verifier()
            ));
        }
        text.push_str(&format!(
            "[[body]]\nid = \"ministers\"\nname = \"Ministers\"\nmembers = {{ role = \"guarantor\" }}\n\
             rule = \"majority\"\narticle = \"Art. 2(1)\"\n\n\
             [verification]\nclaimants = [\"UA\"]\nbody = \"ministers\"\ndecide_within = \"48h\"\n\
             burden = \"flipped\"\narticle = \"Art. 3(3)\"\n\n\
             [[tier]]\nid = \"minor\"\nname = \"Minor violation\"\nmin_severity = 1\npackages = [\"aid\"]\n\
             article = \"Art. 4(1)\"\n\n\
             [[package]]\nid = \"aid\"\nname = \"Budget support\"\narticle = \"Art. 5(1)\"\n\n\
             [[package.obligation]]\nparty = \"G1\"\nkind = \"funds\"\ndue_within = \"1h\"\n\
             description = \"Release the first <b>tranche</b>\"\namount = \"1250000.00\"\ncurrency = \"EUR\"\n\n\
             [[package.obligation]]\nparty = \"G2\"\nkind = \"military\"\ndue_within = \"10d\"\n\
             description = \"Deliver the committed air-defence systems\"\n\n\
             [log]\norigin = \"dash.example\"\nkey = \"{}\"\n",
            log.verifier()
        ));
        text
    }

    /// A fund for the test charter (its name is hostile text too).
    const FUND: &str = r#"
[fund]
name = "Test <b>Fund</b>"
currency = "EUR"
manager = "SEC"
quiet_period = "30d"
article = "Art. 6(1)"

[fund.purposes]
peace = ["reconstruction"]
conflict = ["budget-support", "military-production-ukraine", "reconstruction"]

[[fund.contributor]]
party = "G1"
key = "0.5"
paid_in = "500.00"
callable = "1000.00"

[[fund.contributor]]
party = "G2"
key = "0.3"
paid_in = "300.00"
callable = "600.00"

[[fund.contributor]]
party = "G3"
key = "0.2"
paid_in = "200.00"
callable = "400.00"

[fund.surge]
amount = "100.00"
due_within = "1h"
article = "Art. 6(3)"

[fund.tranche]
amount = "50.00"
purpose = "budget-support"
recipient = "UA"
article = "Art. 6(2)"
"#;

    fn digest(seed: &str) -> String {
        let d = Sha256::digest(seed.as_bytes());
        format!(
            "sha256:{}",
            d.iter().map(|b| format!("{b:02x}")).collect::<String>()
        )
    }

    pub(super) struct Fixture {
        running: Running,
        pub(super) clock: ManualClock,
        keys: BTreeMap<&'static str, SignerKey>,
        nonce: AtomicU64,
    }

    impl Fixture {
        /// A fresh log over the test charter, with no entries.
        async fn empty(name: &str) -> Self {
            Self::with_extra(name, "").await
        }

        /// A fresh log over the test charter with `extra` TOML appended, with no entries.
        pub(super) async fn with_extra(name: &str, extra: &str) -> Self {
            let mut keys = BTreeMap::new();
            for (i, id) in PARTIES.into_iter().enumerate() {
                let seed = [i as u8 + 1; 32];
                keys.insert(id, SignerKey::from_seed(id, Alg::Ed25519, &seed).unwrap());
            }
            let log = SignerKey::from_seed("dash.example", Alg::Ed25519, &[99; 32]).unwrap();
            let source = Source::new(
                "dash.toml".to_owned(),
                format!("{}{extra}", charter_text(&keys, &log)),
            );
            let charter = load_toml(&source).unwrap_or_else(|e| panic!("{e}"));
            let history = CharterHistory::new(vec![charter]).unwrap();
            let dir = std::env::temp_dir().join(format!(
                "snapback-dashboard-{name}-{}-{}",
                std::process::id(),
                Timestamp::now().as_nanosecond()
            ));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            let store: Box<dyn Store> =
                Box::new(SqliteStore::open(&dir.join("log.sqlite")).unwrap());
            let ledger = Ledger::open(store, history, keys["SEC"].clone(), log).unwrap();
            let clock = ManualClock::new(start_time());
            let running = start(ledger, Arc::new(clock.clone())).unwrap();
            Self {
                running,
                clock,
                keys,
                nonce: AtomicU64::new(0),
            }
        }

        /// C-1 pending (one unfounded, one founded vote; public and restricted evidence), C-2
        /// activated early, and two hours later the first obligation overdue.
        async fn populated(name: &str) -> Self {
            let f = Self::empty(name).await;
            f.submit("UA", json!({ "type": "claim.filed", "claim": "C-1", "category": "shelling", "severity": 2, "summary": SUMMARY })).await;
            f.submit("UA", json!({ "type": "evidence.submitted", "claim": "C-1", "source_kind": "osint", "classification": "public", "digest": digest("public"), "summary": "Geolocated videos" })).await;
            f.submit("UA", json!({ "type": "evidence.submitted", "claim": "C-1", "source_kind": "satellite", "classification": "restricted", "releasable_to": ["G1"], "digest": digest("restricted"), "summary": "Imagery" })).await;
            f.submit(
                "G1",
                json!({ "type": "vote.cast", "claim": "C-1", "vote": "unfounded" }),
            )
            .await;
            f.submit(
                "G2",
                json!({ "type": "vote.cast", "claim": "C-1", "vote": "founded" }),
            )
            .await;
            f.submit("UA", json!({ "type": "claim.filed", "claim": "C-2", "category": "airspace", "severity": 1, "summary": "Second claim" })).await;
            for g in ["G1", "G2", "G3"] {
                f.submit(
                    g,
                    json!({ "type": "vote.cast", "claim": "C-2", "vote": "founded" }),
                )
                .await;
            }
            f.clock.set(start_time() + SignedDuration::from_hours(2));
            f.state().node().advance().await.unwrap();
            f
        }

        /// The test charter with a fund (manager SEC; G1, G2 and G3 contribute), no entries.
        async fn fund_empty(name: &str) -> Self {
            Self::with_extra(name, FUND).await
        }

        /// In peace: a dollar rate; G1 pays in (its reference is hostile text), G2 pays in
        /// dollars; a reconstruction disbursement. Then C-2 reserves the tranche and activates
        /// (A1): conflict mode, the tranche released, the surge called (G1 50.00, G2 30.00, G3
        /// 20.00, due in an hour); G1 pays its share; two hours later G2's and G3's are overdue.
        async fn fund_populated(name: &str) -> Self {
            let f = Self::fund_empty(name).await;
            f.submit("SEC", json!({ "type": "fund.fx_rate", "currency": "USD", "rate": "0.90", "reference": "reference rate" })).await;
            f.submit("G1", json!({ "type": "fund.paid_in", "transfer": "G1-PAY-1", "amount": "500.00", "currency": "EUR", "reference": SUMMARY })).await;
            f.submit("G2", json!({ "type": "fund.paid_in", "transfer": "G2-PAY-1", "amount": "333.33", "currency": "USD", "reference": "paid in dollars" })).await;
            f.submit("SEC", json!({ "type": "fund.disbursed", "transfer": "SEC-D-1", "purpose": "reconstruction", "recipient": "UA", "amount": "100.00", "currency": "EUR", "reference": "Grid repair" })).await;
            f.submit("UA", json!({ "type": "claim.filed", "claim": "C-2", "category": "airspace", "severity": 1, "summary": "Second claim" })).await;
            for g in ["G1", "G2", "G3"] {
                f.submit(
                    g,
                    json!({ "type": "vote.cast", "claim": "C-2", "vote": "founded" }),
                )
                .await;
            }
            f.submit("G1", json!({ "type": "fund.paid_in", "transfer": "G1-SURGE-1", "amount": "50.00", "currency": "EUR", "obligation": "A1/surge/G1", "reference": "surge call" })).await;
            f.clock.set(start_time() + SignedDuration::from_hours(2));
            f.state().node().advance().await.unwrap();
            f
        }

        pub(super) fn state(&self) -> &AppState {
            &self.running.state
        }

        pub(super) async fn submit(&self, party: &str, event: Value) {
            let now = self.clock.now() + SignedDuration::from_secs(1);
            self.clock.set(now);
            let key = &self.keys[party];
            let Value::Object(mut event) = event else {
                panic!("events are objects")
            };
            // Classified evidence is sealed, as every signing path does.
            let sealed = snapback_ledger::convert::seal_event(&mut event).unwrap();
            let nonce = format!("n-{}", self.nonce.fetch_add(1, Ordering::Relaxed));
            let body = EntryBody::new(EntryKind::Input, key, nonce, event).unwrap();
            let submission = Submission::sign(body, key).unwrap().with_sealed(sealed);
            let app = self.state();
            let prepared = app.keyring().prepare(&submission, app.clock().now());
            let done = app.node().submit(submission, prepared).await.unwrap();
            assert!(
                matches!(done.outcome, Outcome::Appended { .. }),
                "{:?}",
                done.outcome
            );
        }

        /// Issues a bearer token the way `auth::create_token` stores it (`token:<sha256 hex>`).
        async fn token(&self, party: &str, clearance: Clearance) -> String {
            let hash: String = Sha256::digest(TOKEN.as_bytes())
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            let record = serde_json::to_string(&TokenRecord {
                party: party.to_owned(),
                clearance,
            })
            .unwrap();
            self.state()
                .node()
                .run(move |ctx| ctx.ledger.set_meta(&format!("token:{hash}"), &record))
                .await
                .unwrap()
                .unwrap();
            TOKEN.to_owned()
        }

        async fn get_with(
            &self,
            uri: &str,
            token: Option<&str>,
        ) -> (StatusCode, HeaderMap, String) {
            let mut request = Request::builder().uri(uri);
            if let Some(t) = token {
                request = request.header("authorization", format!("Bearer {t}"));
            }
            let response = app(self.state().clone())
                .oneshot(request.body(Body::empty()).unwrap())
                .await
                .unwrap();
            let status = response.status();
            let headers = response.headers().clone();
            let bytes = response.into_body().collect().await.unwrap().to_bytes();
            (status, headers, String::from_utf8(bytes.to_vec()).unwrap())
        }

        pub(super) async fn get(&self, uri: &str) -> (StatusCode, String) {
            let (status, headers, body) = self.get_with(uri, None).await;
            if uri.starts_with("/assets/") {
                return (status, body);
            }
            assert_eq!(headers["content-type"], "text/html; charset=utf-8", "{uri}");
            (status, body)
        }

        pub(super) async fn stop(self) {
            self.running.stop().await;
        }
    }

    pub(super) fn assert_page(body: &str) {
        for needle in [
            "<!doctype html>",
            r#"<html lang="en">"#,
            r#"<meta name="viewport""#,
            r##"<a class="skip" href="#main">"##,
            "<header",
            r#"<nav aria-label="Main">"#,
            r#"<main id="main""#,
            "<footer",
            r#"href="/v1/openapi.json""#,
            "/assets/dashboard.css?v=",
            "/assets/dashboard.js?v=",
            r#"id="live""#,
        ] {
            assert!(body.contains(needle), "the layout lacks {needle}");
        }
    }

    #[test]
    fn escape_escapes_the_five_characters() {
        assert_eq!(
            escape(r#"<a href="x">Tom & 'Jerry'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;"
        );
        assert_eq!(escape("plain text, кирилиця"), "plain text, кирилиця");
    }

    #[test]
    fn helpers_format_amounts_and_paths() {
        assert_eq!(super::group_digits("1250000.00"), "1,250,000.00");
        assert_eq!(super::group_digits("-999"), "-999");
        assert_eq!(super::group_digits("1000"), "1,000");
        assert_eq!(super::path_segment("C-1:a/b c"), "C-1:a%2Fb%20c");
    }

    #[tokio::test]
    async fn overview_is_peace_on_an_empty_log() {
        let f = Fixture::empty("empty").await;
        let (status, body) = f.get("/").await;
        assert_eq!(status, StatusCode::OK);
        assert_page(&body);
        assert!(body.contains(r#"data-mode="peace""#), "{body}");
        assert!(body.contains(r#"<ul id="open-claims" class="items"></ul>"#));
        assert!(body.contains(r#"<ul id="activations" class="items"></ul>"#));
        assert!(body.contains("Dashboard &lt;Test&gt; Guarantee"));
        f.stop().await;
    }

    /// Tables of lists that grow with the record stop at ROWS_MAX rows and say where the rest is.
    #[test]
    fn long_tables_say_how_many_rows_they_left_out() {
        assert_eq!(super::rows_note(super::ROWS_MAX, "/v1/fund"), "");
        let note = super::rows_note(super::ROWS_MAX + 1, "/v1/fund");
        assert!(note.contains("200 of 201 are shown"), "{note}");
        assert!(note.contains(r#"href="/v1/fund""#), "{note}");
    }

    /// Finding: the overview listed every open claim (46 MB of HTML at 76,000 of them). It now
    /// shows a page of them, soonest deadline first, with links to the neighbouring pages.
    #[tokio::test]
    async fn regression_overview_listed_every_open_claim() {
        let f = Fixture::empty("overview-pages").await;
        for k in 0..(super::OVERVIEW_LIST_MAX + 7) {
            f.submit("UA", json!({ "type": "claim.filed", "claim": format!("P-{k:03}"), "category": "shelling", "severity": 1, "summary": "A claim" })).await;
        }
        let (status, body) = f.get("/").await;
        assert_eq!(status, StatusCode::OK);
        let shown = body.matches(r#"data-status="pending""#).count();
        assert_eq!(shown, super::OVERVIEW_LIST_MAX, "{body}");
        assert!(body.contains("P-000") && !body.contains("P-050"));
        assert!(body.contains("of 57 open claims"), "{body}");
        assert!(body.contains(r#"href="/?from=50""#), "{body}");
        assert!(body.contains("<strong>57</strong> open claims"), "{body}");
        let (status, next) = f.get("/?from=50&fragment=main").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(next.matches(r#"data-status="pending""#).count(), 7);
        assert!(
            next.contains("P-056") && next.contains(r#"href="/?from=0""#),
            "{next}"
        );
        let (status, _) = f.get("/?from=x").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        f.stop().await;
    }

    #[tokio::test]
    async fn overview_shows_claims_countdowns_votes_needed_activations_and_overdue() {
        let f = Fixture::populated("overview").await;
        let (status, body) = f.get("/").await;
        assert_eq!(status, StatusCode::OK);
        assert_page(&body);
        assert!(body.contains(r#"id="open-claims""#));
        assert!(
            body.contains(r#"data-claim="C-1" data-status="pending""#),
            "{body}"
        );
        assert!(body.contains(r#"href="/claims/C-1""#));
        // The deadline is 48 hours after filing, as an ISO instant for the countdown.
        assert!(
            body.contains(r#"data-deadline="2026-03-03T00:00:01Z""#),
            "{body}"
        );
        assert!(
            body.contains("2 of 5 unfounded votes needed to dismiss"),
            "{body}"
        );
        assert!(body.contains(r#"data-claim="C-2" data-status="activated""#));
        assert!(body.contains(r#"id="activations""#));
        assert!(
            body.contains(r#"data-activation="A1" data-tier="minor""#),
            "{body}"
        );
        assert!(body.contains("Minor violation (minor)"));
        assert!(body.contains("<li>Budget support</li>"));
        assert!(body.contains(r#"data-mode="conflict""#));
        assert!(
            body.contains(r#"data-obligation="A1/aid/1" data-status="overdue""#),
            "{body}"
        );
        assert!(body.contains("Release the first &lt;b&gt;tranche&lt;/b&gt;"));
        assert!(body.contains("EUR 1,250,000.00"));
        assert!(body.contains("Party G1 (G1)"));
        f.stop().await;
    }

    #[tokio::test]
    async fn claim_summaries_are_escaped_on_every_page_that_shows_them() {
        let f = Fixture::populated("escape").await;
        for uri in [
            "/",
            "/?fragment=main",
            "/claims/C-1",
            "/claims/C-1?fragment=main",
        ] {
            let (status, body) = f.get(uri).await;
            assert_eq!(status, StatusCode::OK, "{uri}");
            assert!(body.contains(SUMMARY_ESCAPED), "{uri}: {body}");
            assert!(
                !body.contains("<script>alert"),
                "{uri} carries the raw summary"
            );
        }
        f.stop().await;
    }

    #[tokio::test]
    async fn claim_page_shows_timeline_tally_explanation_and_what_followed() {
        let f = Fixture::populated("claim").await;
        let (status, body) = f.get("/claims/C-1").await;
        assert_eq!(status, StatusCode::OK);
        assert_page(&body);
        assert!(body.contains(r#"data-claim="C-1" data-status="pending""#));
        assert!(body.contains(r#"id="timeline""#));
        for kind in ["filed", "evidence", "vote"] {
            assert!(body.contains(&format!(r#"data-kind="{kind}""#)), "{kind}");
        }
        assert!(body.contains(r#"id="tally""#));
        assert!(body.contains(r#"<th scope="row">Unfounded</th><td class="num">1</td>"#));
        assert!(body.contains(r#"<th scope="row">Not voted</th><td class="num">3</td>"#));
        assert!(body.contains("2 of 5 unfounded votes needed to dismiss"));
        assert!(body.contains(r#"data-deadline="#));
        assert!(body.contains(r#"id="explanation""#));
        assert!(
            body.contains("Art. 3(3)"),
            "the explanation cites the charter"
        );
        assert!(body.contains("No activation has followed from this claim."));

        let (status, body) = f.get("/claims/C-2").await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.contains(r#"data-claim="C-2" data-status="activated""#));
        assert!(
            body.contains("Needed to dismiss: 3 unfounded votes of 5; 0 cast."),
            "{body}"
        );
        assert!(body.contains(r#"id="claim-activations""#));
        assert!(body.contains(r#"data-obligation="A1/aid/1" data-status="overdue""#));
        assert!(body.contains(r#"data-obligation="A1/aid/2" data-status="pending""#));
        f.stop().await;
    }

    #[tokio::test]
    async fn evidence_above_public_is_shown_only_with_a_token_that_covers_it() {
        let f = Fixture::populated("evidence").await;
        let public = digest("public");
        let restricted = digest("restricted");

        // The public sees the classified item as its marking, REL TO list and commitment only.
        let (_, body) = f.get("/claims/C-1").await;
        assert!(body.contains(r#"data-source-kind="osint""#));
        assert!(body.contains(&public));
        assert!(body.contains(r#"data-source-kind="classified""#), "{body}");
        assert!(body.contains("RESTRICTED // REL TO G1"), "{body}");
        assert!(body.contains("data-commitment=\"sha256:"), "{body}");
        assert!(!body.contains(&restricted), "restricted evidence leaked");
        assert!(!body.contains("satellite"), "restricted evidence leaked");

        // A party not in REL TO sees no content, whatever its clearance.
        let token = f.token("G2", Clearance::Secret).await;
        let (status, _, body) = f.get_with("/claims/C-1", Some(&token)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(!body.contains(&restricted), "released outside REL TO");
        assert!(!body.contains("satellite"), "released outside REL TO");

        let token = f.token("G1", Clearance::Restricted).await;
        let (status, _, body) = f.get_with("/claims/C-1", Some(&token)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.contains("Released to you: satellite"), "{body}");
        assert!(body.contains(&restricted));
        assert!(body.contains("with restricted clearance"));

        let (status, _, body) = f.get_with("/claims/C-1", Some("not-a-token")).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_page(&body);
        assert!(!body.contains(&restricted));
        f.stop().await;
    }

    #[tokio::test]
    async fn an_unknown_claim_is_a_404_page() {
        let f = Fixture::populated("404").await;
        let (status, body) = f.get("/claims/C-404").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_page(&body);
        assert!(body.contains("<h1>Not found</h1>"));
        assert!(body.contains("<code>C-404</code>"));

        let (status, body) = f.get("/claims/%3Cscript%3Ex").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(body.contains("<code>&lt;script&gt;x</code>"), "{body}");
        assert!(!body.contains("<script>x"));

        let (status, body) = f.get("/claims/C-404?fragment=main").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(!body.contains("<html"));
        f.stop().await;
    }

    #[tokio::test]
    async fn fragment_main_is_the_inner_html_of_main_only() {
        let f = Fixture::populated("fragment").await;
        for uri in [
            "/?fragment=main",
            "/claims/C-1?fragment=main",
            "/guarantors?fragment=main",
            "/fund?fragment=main",
            "/log?fragment=main",
        ] {
            let (status, body) = f.get(uri).await;
            assert_eq!(status, StatusCode::OK, "{uri}");
            for absent in [
                "<html",
                "<!doctype",
                "<main",
                "</main>",
                "<header",
                "<footer",
            ] {
                assert!(!body.contains(absent), "{uri} has {absent}");
            }
        }
        let (_, body) = f.get("/?fragment=main").await;
        assert!(body.contains(r#"id="open-claims""#));
        assert!(body.contains(r#"data-claim="C-1" data-status="pending""#));
        // The full page carries exactly that fragment inside <main>.
        let (_, page) = f.get("/").await;
        assert!(page.contains(&format!(">\n{body}\n</main>")));
        f.stop().await;
    }

    #[tokio::test]
    async fn guarantors_page_has_a_table_and_an_accessible_chart() {
        let f = Fixture::populated("guarantors").await;
        let (status, body) = f.get("/guarantors").await;
        assert_eq!(status, StatusCode::OK);
        assert_page(&body);
        assert!(body.contains(r#"<table id="compliance">"#));
        assert!(body.contains("<caption>"));
        assert!(body.contains(r#"<th scope="col" class="num">On time</th>"#));
        // G1: one overdue; G2: one pending; G3 to G5 guarantors without obligations.
        assert!(body.contains(r#"<tr data-party="G1"><th scope="row">Party G1 (G1)</th><td class="num">0</td><td class="num">0</td><td class="num">1</td><td class="num">0</td><td class="num">1</td></tr>"#), "{body}");
        assert!(body.contains(r#"<tr data-party="G2"><th scope="row">Party G2 (G2)</th><td class="num">0</td><td class="num">0</td><td class="num">0</td><td class="num">1</td><td class="num">1</td></tr>"#));
        assert!(body.contains(r#"data-party="G5""#));
        assert!(!body.contains(r#"data-party="UA""#));
        assert!(body.contains(r#"<svg id="compliance-chart""#));
        assert!(body.contains(r#"role="img" aria-labelledby="chart-title chart-desc""#));
        assert!(body.contains(r#"<title id="chart-title">"#));
        assert!(body.contains(r#"class="seg-overdue""#));
        assert!(body.contains("<title>G1: 1 overdue</title>"));
        assert!(body.contains(r#"class="seg-pending""#));
        f.stop().await;
    }

    #[tokio::test]
    async fn log_page_shows_the_checkpoint_and_how_to_verify() {
        let f = Fixture::populated("log").await;
        let note = f
            .state()
            .node()
            .run(|ctx| ctx.ledger.store().checkpoint().unwrap().unwrap().note)
            .await
            .unwrap();
        let size = f.state().node().status.borrow().size;
        let (status, body) = f.get("/log").await;
        assert_eq!(status, StatusCode::OK);
        assert_page(&body);
        assert!(body.contains(&format!(r#"<pre id="checkpoint">{}</pre>"#, escape(&note))));
        assert!(body.contains(&format!(r#"data-size="{size}""#)), "{body}");
        assert!(body.contains(r#"<code id="root">"#));
        for needle in [
            "snapback log export FILE",
            "snapback verify --export FILE --charter CHARTER",
            "snapback log vkey",
            "/v1/log/checkpoint",
            "/v1/log/proof/inclusion?index=N",
            "/v1/log/proof/consistency?from=A&amp;to=B",
            "SHA-256(0x00 || canonical entry bytes)",
            "dash.example",
        ] {
            assert!(body.contains(needle), "the log page lacks {needle}");
        }
        f.stop().await;
    }

    #[tokio::test]
    async fn assets_are_served_with_their_types_and_a_cache_header() {
        let f = Fixture::empty("assets").await;
        for (uri, kind, needle) in [
            ("/assets/dashboard.css", "text/css; charset=utf-8", ":root"),
            (
                "/assets/dashboard.js",
                "text/javascript; charset=utf-8",
                "EventSource",
            ),
        ] {
            let (status, headers, body) = f.get_with(uri, None).await;
            assert_eq!(status, StatusCode::OK, "{uri}");
            assert_eq!(headers["content-type"], kind);
            assert_eq!(headers["cache-control"], "public, max-age=86400");
            assert!(body.contains(needle));
        }
        let (_, headers, _) = f.get_with("/", None).await;
        assert!(
            headers["content-security-policy"]
                .to_str()
                .unwrap()
                .contains("script-src 'self'")
        );
        f.stop().await;
    }

    #[tokio::test]
    async fn fund_page_shows_mode_pools_contributors_calls_tranches_rates_and_books() {
        let f = Fixture::fund_populated("fund").await;
        let (status, body) = f.get("/fund").await;
        assert_eq!(status, StatusCode::OK);
        assert_page(&body);
        assert!(body.contains(r#"<a href="/fund" aria-current="page">Fund</a>"#));
        assert!(
            body.contains("<h1>Test &lt;b&gt;Fund&lt;/b&gt;</h1>"),
            "{body}"
        );
        // The mode, since when, and its history.
        assert!(
            body.contains(r#"<section id="fund-mode" class="panel mode" data-mode="conflict""#),
            "{body}"
        );
        assert!(body.contains("(activation A1)"));
        assert!(body.contains(r#"<ol id="mode-history" class="timeline">"#));
        assert!(body.contains(r#"<li data-mode="peace"><span class="kind">peace</span> &middot; from the start of the log</li>"#));
        assert!(body.contains("activation A1 moved the fund to conflict mode"));
        // Pools: 500 + 300 (333.33 USD at 0.90) - 100 - the 50 tranche; the surge has G1's 50.
        assert!(body.contains(r#"<tr data-pool="core"><th scope="row">Core (paid-in capital)</th><td class="num">650.00</td><td class="num">0.00</td><td class="num">650.00</td></tr>"#), "{body}");
        assert!(body.contains(r#"<tr data-pool="surge"><th scope="row">Surge (paid against surge calls)</th><td class="num">50.00</td>"#));
        assert!(
            body.contains(
                r#"<p id="books" data-balanced="true"><strong>The books balance</strong>"#
            )
        );
        // Contributors: key and share, subscribed, pledged, paid in, callable, called, paid, outstanding.
        assert!(body.contains(r#"<tr data-party="G1"><th scope="row">Party G1 (G1)</th><td class="num">0.5 (50%)</td><td class="num">500.00</td><td class="num">0.00</td><td class="num">550.00</td><td class="num">1,000.00</td><td class="num">50.00</td><td class="num">50.00</td><td class="num" data-outstanding="0.00">0.00</td></tr>"#), "{body}");
        assert!(body.contains(r#"<tr data-party="G2"><th scope="row">Party G2 (G2)</th><td class="num">0.3 (30%)</td><td class="num">300.00</td><td class="num">0.00</td><td class="num">300.00</td><td class="num">600.00</td><td class="num">30.00</td><td class="num">0.00</td><td class="num" data-outstanding="30.00">30.00</td></tr>"#), "{body}");
        assert!(body.contains(r#"data-party="G3""#));
        // The surge call, each share with its status.
        assert!(body.contains(r#"<div id="calls">"#));
        for (party, status) in [("G1", "paid"), ("G2", "overdue"), ("G3", "overdue")] {
            assert!(
                body.contains(&format!(
                    r#"<li data-obligation="A1/surge/{party}" data-party="{party}" data-status="{status}">"#
                )),
                "{party}: {body}"
            );
        }
        assert!(body.contains("1 of 3 shares paid"));
        // Disbursed by purpose (the released tranche counts), recipients, tranches, rates.
        assert!(body.contains(r#"<tr data-purpose="reconstruction"><th scope="row">reconstruction</th><td class="num">100.00</td></tr>"#));
        assert!(body.contains(r#"<tr data-purpose="budget-support"><th scope="row">budget-support</th><td class="num">50.00</td></tr>"#));
        assert!(body.contains(r#"<tr data-recipient="UA"><th scope="row">Party UA (UA)</th><td class="num">150.00</td><td class="num">0.00</td></tr>"#));
        assert!(body.contains(r#"<tr data-claim="C-2" data-status="released">"#));
        assert!(body.contains(
            r#"<tr data-currency="USD"><th scope="row">USD</th><td class="num">0.90</td>"#
        ));
        // The latest transfers, with the conversion.
        assert!(body.contains(r#"data-transfer="G2-PAY-1" data-code="paid_in""#));
        assert!(body.contains("USD 333.33 at 0.90"));
        assert!(body.contains(r#"href="/v1/fund/transfers""#));
        // Both charts, with a title, a description and a role.
        for (id, title) in [
            (
                "fund-contributors-chart",
                "contributors-chart-title contributors-chart-desc",
            ),
            ("fund-pools-chart", "pools-chart-title pools-chart-desc"),
        ] {
            assert!(body.contains(&format!(r#"<svg id="{id}""#)), "{id}");
            assert!(
                body.contains(&format!(r#"role="img" aria-labelledby="{title}""#)),
                "{id}"
            );
        }
        assert!(body.contains(r#"<title id="contributors-chart-title">"#));
        assert!(body.contains(r#"<desc id="pools-chart-desc">"#));
        assert!(body.contains(r#"<rect class="bar-paid_in""#));
        assert!(body.contains(r#"<title>G1: paid in 550.00</title>"#));
        assert!(body.contains(r#"<path class="line-core" d="M"#));
        assert!(body.contains(r#"<path class="line-surge" d="M"#));
        assert!(body.contains(r#"<table id="pool-history">"#));
        // The pools after each change: from zero, G1's and G2's payments, the disbursement, the
        // released tranche (its reservation moved nothing posted), G1's surge payment.
        assert!(
            body.contains("The balances as a table (6 points)"),
            "{body}"
        );
        for (core, surge) in [
            ("0.00", "0.00"),
            ("500.00", "0.00"),
            ("800.00", "0.00"),
            ("700.00", "0.00"),
            ("650.00", "0.00"),
            ("650.00", "50.00"),
        ] {
            assert!(
                body.contains(&format!(
                    r#"<td class="num">{core}</td><td class="num">{surge}</td></tr>"#
                )),
                "{core} {surge}"
            );
        }
        f.stop().await;
    }

    #[tokio::test]
    async fn fund_page_escapes_log_text_and_serves_its_fragment() {
        let f = Fixture::fund_populated("fund-escape").await;
        for uri in ["/fund", "/fund?fragment=main"] {
            let (status, body) = f.get(uri).await;
            assert_eq!(status, StatusCode::OK, "{uri}");
            assert!(body.contains(SUMMARY_ESCAPED), "{uri}: {body}");
            assert!(
                !body.contains("<script>alert"),
                "{uri} carries the raw reference"
            );
            assert!(!body.contains("<b>Fund"), "{uri} carries the raw name");
        }
        let (_, fragment) = f.get("/fund?fragment=main").await;
        for absent in ["<html", "<!doctype", "<main", "<header", "<footer"] {
            assert!(!fragment.contains(absent), "the fragment has {absent}");
        }
        assert!(fragment.contains(r#"id="fund-mode""#));
        let (_, page) = f.get("/fund").await;
        assert!(page.contains(&format!(">\n{fragment}\n</main>")));
        f.stop().await;
    }

    #[tokio::test]
    async fn overview_takes_the_mode_from_the_fund_and_links_to_it() {
        let f = Fixture::fund_empty("fund-overview").await;
        let (_, body) = f.get("/").await;
        assert!(
            body.contains(r#"data-mode="peace" data-source="fund""#),
            "{body}"
        );
        assert!(body.contains("since the start of the log"));
        assert!(body.contains(r#"<a id="mode-fund-link" href="/fund">"#));
        // An empty fund: peace, nothing to chart yet.
        let (status, page) = f.get("/fund").await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains(r#"id="fund-mode" class="panel mode" data-mode="peace""#));
        assert!(page.contains("No surge has been called."));
        assert!(page.contains(r#"id="fund-pools-chart-empty""#));
        assert!(page.contains(r#"<p id="books" data-balanced="true">"#));
        f.stop().await;

        // After the activation the fund is in conflict mode, and so is the overview.
        let f = Fixture::fund_populated("fund-overview-conflict").await;
        let (_, body) = f.get("/").await;
        assert!(
            body.contains(r#"data-mode="conflict" data-source="fund""#),
            "{body}"
        );
        assert!(body.contains("(activation A1)"));
        assert!(!body.contains("working rule"));
        f.stop().await;
    }

    #[tokio::test]
    async fn without_a_fund_the_overview_states_its_working_rule_and_the_fund_page_says_so() {
        let f = Fixture::populated("no-fund").await;
        let (_, body) = f.get("/").await;
        assert!(body.contains(r#"data-mode="conflict" data-source="rule""#));
        assert!(body.contains("This charter sets up no Stabilization Fund"));
        assert!(!body.contains(r#"id="mode-fund-link""#));
        let (status, page) = f.get("/fund").await;
        assert_eq!(status, StatusCode::OK);
        assert_page(&page);
        assert!(page.contains(r#"id="no-fund""#));
        f.stop().await;
    }
}
