//! Escaping, small pieces of markup, and the charter's names.

use super::*;

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
pub(super) fn path_segment(text: &str) -> String {
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
pub(super) fn readable(t: Timestamp) -> String {
    let mut out = String::new();
    if write!(out, "{}", t.strftime("%Y-%m-%d %H:%M:%S UTC")).is_err() {
        out = t.to_string();
    }
    out
}

/// An instant as `<time>`, machine-readable and readable.
pub(super) fn time(t: Timestamp) -> String {
    format!(
        r#"<time datetime="{}">{}</time>"#,
        escape(&t.to_string()),
        escape(&readable(t))
    )
}

/// A deadline: the instant, and a countdown the script fills in (`data-deadline` is ISO 8601).
pub(super) fn deadline(t: Timestamp) -> String {
    format!(
        r#"{} <span class="countdown" data-deadline="{}"></span>"#,
        time(t),
        escape(&t.to_string())
    )
}

/// A status badge: the status in words, its colour only repeating it.
pub(super) fn badge(status: &str) -> String {
    let class: String = status
        .chars()
        .filter(|c| c.is_ascii_lowercase() || *c == '_')
        .collect();
    format!(
        r#"<span class="badge badge-{class}">{}</span>"#,
        escape(&status.replace('_', " "))
    )
}

pub(super) fn claim_link(id: &str) -> String {
    format!(
        r#"<a href="/claims/{}">{}</a>"#,
        escape(&path_segment(id)),
        escape(id)
    )
}

/// "1,250,000.00".
pub(super) fn group_digits(amount: &str) -> String {
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

pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// A panel with a heading; `body` is markup.
pub(super) fn section(id: &str, heading: &str, body: &str) -> String {
    format!(
        r#"<section class="panel" aria-labelledby="{id}-h"><h2 id="{id}-h">{}</h2>{body}</section>"#,
        escape(heading)
    )
}

/// A list of rendered `<li>` items under a stable id, with a sentence when it is empty.
pub(super) fn item_list(id: &str, items: &[String], empty: &str) -> String {
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
pub(super) struct Names<'a> {
    pub(super) charter: Option<&'a Charter>,
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
        Self { charter }
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
