//! Escaping, small pieces of markup, and the charter's names.

use super::*;

// ---------------------------------------------------------------------------------------------
// Small pieces of markup. Everything spliced into `html!` is escaped by maud unless it is
// itself `Markup`; nothing here builds HTML by formatting strings.
// ---------------------------------------------------------------------------------------------

/// A path segment: everything but unreserved characters and `:` percent-encoded.
pub(super) fn path_segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b':') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub(super) use crate::instant::{readable, readable_instants};

/// "2026-03-01 14:05".
pub(super) fn short_time(t: Timestamp) -> String {
    let mut out = String::new();
    if write!(out, "{}", t.strftime("%Y-%m-%d %H:%M")).is_err() {
        out = t.to_string();
    }
    out
}

/// An instant as `<time>`, machine-readable and readable.
pub(super) fn time(t: Timestamp) -> Markup {
    let text = readable(t);
    // Date and time of day each stay whole (see the stylesheet); a line may break between them.
    match text.split_once(' ') {
        Some((date, clock)) => html! { time datetime=(t) { span { (date) } " " span { (clock) } } },
        None => html! { time datetime=(t) { (text) } },
    }
}

/// Text the engine wrote (an explanation) as the dashboard shows it: every RFC 3339 instant in
/// it (`2026-03-04T04:10:00Z`, the engine's way, which the CLI keeps) written as the dashboard
/// writes instants elsewhere (`2026-03-04 04:10:00 UTC`), so a page never mixes the two.
pub(super) fn prose(text: &str) -> Markup {
    html! { (readable_instants(text)) }
}

/// A deadline: the instant, and a countdown the script fills in (`data-deadline` is ISO 8601).
pub(super) fn deadline(t: Timestamp) -> Markup {
    html! { (time(t)) " " span class="countdown" data-deadline=(t) {} }
}

/// A status badge: the status in words, in the reader's language, its colour only repeating it.
pub(super) fn badge_in(t: Tr, status: &str) -> Markup {
    let class: String = status
        .chars()
        .filter(|c| c.is_ascii_lowercase() || *c == '_')
        .collect();
    html! { span class={ "badge badge-" (class) } { (status_word(t, status)) } }
}

/// A status (of a claim, decision or obligation, or the mode) in words.
pub(super) fn status_word(t: Tr, status: &str) -> String {
    match status {
        "pending" => t.msg("status-pending"),
        "activated" => t.msg("status-activated"),
        "dismissed" => t.msg("status-dismissed"),
        "withdrawn" => t.msg("status-withdrawn"),
        "rejected" => t.msg("status-rejected"),
        "superseded" => t.msg("status-superseded"),
        "adopted" => t.msg("status-adopted"),
        "not_adopted" => t.msg("status-not-adopted"),
        "fulfilled" => t.msg("status-fulfilled"),
        "late" => t.msg("status-late"),
        "overdue" => t.msg("status-overdue"),
        "cancelled" => t.msg("status-cancelled"),
        "peace" => t.msg("status-peace"),
        "conflict" => t.msg("status-conflict"),
        "paid" => t.msg("status-paid"),
        "reserved" => t.msg("status-reserved"),
        "released" => t.msg("status-released"),
        "voided" => t.msg("status-voided"),
        "covered" => t.msg("status-covered"),
        "short" => t.msg("status-short"),
        "on_time" => t.msg("status-on-time"),
        "open" => t.msg("status-open"),
        "in_force" => t.msg("status-in-force"),
        "lifted" => t.msg("status-lifted"),
        "completed" => t.msg("status-completed"),
        "in_training" => t.msg("status-in-training"),
        "due" => t.msg("status-due"),
        "at_risk" => t.msg("status-at-risk"),
        "suspended" => t.msg("status-suspended"),
        "lapsed" => t.msg("status-lapsed"),
        "terminated" => t.msg("status-terminated"),
        "called" => t.msg("status-called"),
        "expired" => t.msg("status-expired"),
        "waiting" => t.msg("status-waiting"),
        "awaiting" => t.msg("status-awaiting"),
        "held" => t.msg("status-held"),
        "met" => t.msg("status-met"),
        "unmet" => t.msg("status-unmet"),
        other => other.replace('_', " "),
    }
}

pub(super) fn claim_link(id: &str) -> Markup {
    html! { a href={ "/claims/" (path_segment(id)) } { (id) } }
}

/// "1,250,000.00": the one formatter of amounts in text, shared with the CLI.
pub(super) use snapback_charter::money::group_digits;

/// A panel with a heading.
pub(super) fn section(id: &str, heading: &str, body: Markup) -> Markup {
    html! {
        section class="panel" aria-labelledby={ (id) "-h" } {
            h2 id={ (id) "-h" } { (heading) }
            (body)
        }
    }
}

/// A list of rendered `<li>` items under a stable id, with a sentence when it is empty.
pub(super) fn item_list(id: &str, items: &[Markup], empty: &str) -> Markup {
    html! {
        ul id=(id) class="items" { @for item in items { (item) } }
        @if items.is_empty() { p class="empty" { (empty) } }
    }
}

/// A table: id, caption, column headers (`true` for right-aligned figures) and its rows, in a
/// box that scrolls sideways on narrow screens.
pub(super) fn table(id: &str, caption: &str, columns: &[(&str, bool)], rows: Markup) -> Markup {
    html! {
        div class="table-scroll" tabindex="0" role="region" aria-label=(caption) {
            table id=(id) {
                caption { (caption) }
                thead { tr { @for (label, num) in columns {
                    th scope="col" class=[num.then_some("num")] { (label) }
                } } }
                tbody { (rows) }
            }
        }
    }
}

/// The one row of an empty table.
pub(super) fn empty_row(columns: usize, text: &str) -> Markup {
    html! { tr { td colspan=(columns) class="empty" { (text) } } }
}

// ---------------------------------------------------------------------------------------------
// Names from the charter
// ---------------------------------------------------------------------------------------------

/// Display names from the charter version in force (ids where it names nothing), and the
/// article labels of every version, for linking citations to `/charter`.
pub(super) struct Names<'a> {
    pub(super) charter: Option<&'a Charter>,
    /// The reader's language (English unless [`Names::in_lang`] says otherwise).
    pub(super) t: Tr,
    history: &'a CharterHistory,
    /// Worked out on the first page that links a citation.
    articles: std::cell::OnceCell<Vec<String>>,
}

/// Text the engine wrote, as [`prose`] shows it, with every article it cites (exactly as a
/// version of the charter writes the label) a link to its place in the charter's text on
/// `/charter`.
pub(super) fn cited_text(text: &str, names: &Names) -> Markup {
    let labels = names
        .articles
        .get_or_init(|| snapback_charter::treaty::history_labels(names.history));
    html! {
        @for segment in snapback_charter::treaty::segments(text, labels) {
            @match segment {
                snapback_charter::treaty::Segment::Text(t) => { (readable_instants(t)) }
                snapback_charter::treaty::Segment::Article { label, anchor } => {
                    a class="article-link" href={ "/charter#" (anchor) } { (label) }
                }
            }
        }
    }
}

pub(super) fn labelled(name: Option<&str>, id: &str) -> String {
    match name {
        Some(n) if n != id => format!("{n} ({id})"),
        _ => id.to_owned(),
    }
}

impl<'a> Names<'a> {
    pub(super) fn new(history: &'a CharterHistory, now: Timestamp) -> Self {
        let charter = history
            .in_force(now)
            .or_else(|| history.versions().last())
            .map(|c| &**c);
        Self {
            charter,
            t: Tr::default(),
            history,
            articles: std::cell::OnceCell::new(),
        }
    }

    /// The same names, for a page in the reader's language.
    pub(super) fn in_lang(self, t: Tr) -> Self {
        Self { t, ..self }
    }

    pub(super) fn party(&self, id: &str) -> String {
        let name = self
            .charter
            .and_then(|c| c.parties.iter().find(|p| p.id.as_str() == id))
            .map(|p| p.name.as_str());
        labelled(name, id)
    }

    pub(super) fn body(&self, id: &str) -> String {
        self.charter
            .and_then(|c| c.bodies.iter().find(|b| b.id.as_str() == id))
            .map_or_else(|| id.to_owned(), |b| b.name.clone())
    }

    pub(super) fn tier(&self, id: &str) -> String {
        let name = self
            .charter
            .and_then(|c| c.tiers.iter().find(|t| t.id.as_str() == id))
            .map(|t| t.name.as_str());
        labelled(name, id)
    }

    pub(super) fn package(&self, id: &str) -> String {
        self.charter
            .and_then(|c| c.packages.iter().find(|p| p.id.as_str() == id))
            .map_or_else(|| id.to_owned(), |p| p.name.clone())
    }
}
