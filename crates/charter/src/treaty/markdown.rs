//! The treaty text as Markdown (CommonMark): headings, lists, and an HTML anchor before each
//! article so links to `#art-5-2` land on it. Charter text is escaped so it can never become
//! markup; the same text gives the same bytes.

use std::fmt::Write as _;

use super::diff::{ChangeKind, VersionDiff};
use super::provision::Provision;
use super::{ArticleSection, TreatyText};

/// Escapes charter text for an inline position: the characters Markdown gives a meaning to
/// are backslash-escaped and line breaks become spaces, so no text starts a block.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' | '!' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(ch),
        }
    }
    out
}

/// The whole text.
pub fn render(text: &TreatyText) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&text.title));
    if let Some(d) = &text.description {
        let _ = writeln!(out, "{}\n", escape(d));
    }
    let _ = writeln!(
        out,
        "Charter `{}`, version {}, in force from {}.\n",
        text.id.replace('`', "'"),
        escape(&text.version),
        text.effective
    );
    let _ = writeln!(out, "## Versions\n");
    for v in &text.versions {
        let shown = if v.shown { " (this text)" } else { "" };
        let _ = writeln!(
            out,
            "- Version {}, in force from {}: {}{shown}",
            escape(&v.version),
            v.effective,
            escape(&v.title)
        );
    }
    let _ = writeln!(out, "\n## Parties\n");
    for p in &text.preamble {
        provision_item(&mut out, p);
    }
    let _ = writeln!(out, "\n## Articles\n");
    for a in &text.articles {
        article(&mut out, a);
    }
    if !text.unnumbered.is_empty() {
        let _ = writeln!(out, "## Unnumbered provisions\n");
        for p in &text.unnumbered {
            provision(&mut out, p);
        }
    }
    if !text.diffs.is_empty() {
        let _ = writeln!(out, "## Changes between versions\n");
        for d in &text.diffs {
            diff(&mut out, d);
        }
    }
    out
}

fn article(out: &mut String, a: &ArticleSection) {
    let _ = writeln!(out, "<a id=\"{}\"></a>\n", a.anchor);
    let _ = writeln!(out, "### {}\n", escape(&a.heading()));
    for p in &a.provisions {
        provision(out, p);
    }
}

fn provision(out: &mut String, p: &Provision) {
    let _ = writeln!(out, "#### {}\n", escape(&p.title()));
    for c in &p.clauses {
        let _ = writeln!(out, "- **{}:** {}", escape(&c.name), escape(&c.text));
    }
    if p.articles.len() > 1 {
        let _ = writeln!(out, "- **Cited as:** {}", escape(&p.articles.join("; ")));
    }
    out.push('\n');
}

/// A preamble entry on one line: "**Ukraine (UA)**: Roles: beneficiary".
fn provision_item(out: &mut String, p: &Provision) {
    let clauses: Vec<String> = p
        .clauses
        .iter()
        .map(|c| format!("{}: {}", escape(&c.name), escape(&c.text)))
        .collect();
    let _ = writeln!(out, "- **{}**: {}", escape(&p.heading), clauses.join("; "));
}

fn diff(out: &mut String, d: &VersionDiff) {
    let _ = writeln!(
        out,
        "### Version {} → version {} (in force from {})\n",
        escape(&d.from_version),
        escape(&d.to_version),
        d.effective
    );
    if d.changes.is_empty() {
        let _ = writeln!(out, "No provision changed.\n");
        return;
    }
    for c in &d.changes {
        let place = if c.articles.is_empty() {
            String::new()
        } else {
            format!(" ({})", escape(&c.articles.join("; ")))
        };
        let what = format!("{}{place}", escape(&c.title()));
        match &c.change {
            ChangeKind::Added => {
                let _ = writeln!(out, "- **Added:** {what}");
            }
            ChangeKind::Removed => {
                let _ = writeln!(out, "- **Removed:** {what}");
            }
            ChangeKind::Changed(clauses) => {
                let _ = writeln!(out, "- **Changed:** {what}");
                for cc in clauses {
                    let word = |t: &Option<String>| {
                        t.as_deref()
                            .map_or_else(|| "(none)".to_owned(), |t| format!("“{}”", escape(t)))
                    };
                    let _ = writeln!(
                        out,
                        "  - {}: {} → {}",
                        escape(&cc.name),
                        word(&cc.old),
                        word(&cc.new)
                    );
                }
            }
        }
    }
    out.push('\n');
}
