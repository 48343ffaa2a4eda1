//! String-building versions of the markup helpers, for the pages not yet ported to maud.
//! Deleted when the last page is ported (issue 12); nothing new may use them.

use std::fmt::Write as _;

use jiff::Timestamp;

use super::markup::path_segment;

/// Escapes text as maud does: `& < > "` (every attribute is double-quoted, so `'` is safe).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

pub(super) fn time(t: Timestamp) -> String {
    super::markup::time(t).into_string()
}

pub(super) fn deadline(t: Timestamp) -> String {
    super::markup::deadline(t).into_string()
}

pub(super) fn badge(status: &str) -> String {
    super::markup::badge(status).into_string()
}

pub(super) fn claim_link(id: &str) -> String {
    format!(
        r#"<a href="/claims/{}">{}</a>"#,
        escape(&path_segment(id)),
        escape(id)
    )
}

pub(super) fn section(id: &str, heading: &str, body: &str) -> String {
    super::markup::section(id, heading, maud::PreEscaped(body.to_owned())).into_string()
}

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
