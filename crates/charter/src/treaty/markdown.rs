//! The treaty text as Markdown (CommonMark): headings, lists, and an HTML anchor before each
//! article so links to `#art-5-2` land on it. Charter text is escaped so it can never become
//! markup; the same text gives the same bytes.

use std::fmt::Write as _;

use super::diff::{ChangeKind, VersionDiff};
use super::provision::Provision;
use super::{ArticleSection, TreatyText, Words};

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
    let w = text.words();
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&text.title));
    if let Some(d) = &text.description {
        let _ = writeln!(out, "{}\n", escape(d));
    }
    let meta = w.msg_args(
        "treaty-meta",
        &[
            ("id", format!("`{}`", text.id.replace('`', "'")).into()),
            ("version", escape(&text.version).into()),
            ("effective", text.effective.to_string().into()),
        ],
    );
    let _ = writeln!(out, "{meta}\n");
    let _ = writeln!(out, "## {}\n", w.msg("h-versions"));
    for v in &text.versions {
        let shown = if v.shown {
            format!(" {}", w.msg("this-text"))
        } else {
            String::new()
        };
        let line = w.msg_args(
            "version-line",
            &[
                ("version", escape(&v.version).into()),
                ("effective", v.effective.to_string().into()),
                ("title", escape(&v.title).into()),
            ],
        );
        let _ = writeln!(out, "- {line}{shown}");
    }
    let _ = writeln!(out, "\n## {}\n", w.msg("h-parties"));
    for p in &text.preamble {
        provision_item(&mut out, p);
    }
    let _ = writeln!(out, "\n## {}\n", w.msg("h-articles"));
    for a in &text.articles {
        article(&mut out, a, w);
    }
    if !text.unnumbered.is_empty() {
        let _ = writeln!(out, "## {}\n", w.msg("h-unnumbered"));
        for p in &text.unnumbered {
            provision(&mut out, p, w);
        }
    }
    if !text.diffs.is_empty() {
        let _ = writeln!(out, "## {}\n", w.msg("h-changes"));
        for d in &text.diffs {
            diff(&mut out, d, w);
        }
    }
    out
}

fn article(out: &mut String, a: &ArticleSection, w: Words) {
    let _ = writeln!(out, "<a id=\"{}\"></a>\n", a.anchor);
    let _ = writeln!(out, "### {}\n", escape(&a.heading()));
    for p in &a.provisions {
        provision(out, p, w);
    }
}

fn provision(out: &mut String, p: &Provision, w: Words) {
    let _ = writeln!(out, "#### {}\n", escape(&p.title(w)));
    for c in &p.clauses {
        let _ = writeln!(out, "- **{}:** {}", escape(&c.name), escape(&c.text));
    }
    if p.articles.len() > 1 {
        let _ = writeln!(
            out,
            "- **{}:** {}",
            w.msg("cited-as"),
            escape(&p.articles.join("; "))
        );
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

fn diff(out: &mut String, d: &VersionDiff, w: Words) {
    let heading = w.msg_args(
        "diff-heading",
        &[
            ("from", escape(&d.from_version).into()),
            ("to", escape(&d.to_version).into()),
            ("effective", d.effective.to_string().into()),
        ],
    );
    let _ = writeln!(out, "### {heading}\n");
    if d.changes.is_empty() {
        let _ = writeln!(out, "{}\n", w.msg("no-change"));
        return;
    }
    for c in &d.changes {
        let place = if c.articles.is_empty() {
            String::new()
        } else {
            format!(" ({})", escape(&c.articles.join("; ")))
        };
        let what = format!("{}{place}", escape(&c.title(w)));
        match &c.change {
            ChangeKind::Added => {
                let _ = writeln!(out, "- **{}:** {what}", w.msg("change-added"));
            }
            ChangeKind::Removed => {
                let _ = writeln!(out, "- **{}:** {what}", w.msg("change-removed"));
            }
            ChangeKind::Changed(clauses) => {
                let _ = writeln!(out, "- **{}:** {what}", w.msg("change-changed"));
                for cc in clauses {
                    let word = |t: &Option<String>| {
                        t.as_deref().map_or_else(
                            || w.msg("clause-none"),
                            |t| w.msg_args("quoted", &[("text", escape(t).into())]),
                        )
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
