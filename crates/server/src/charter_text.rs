//! The charter as a treaty text in HTML: the one writer the dashboard's `/charter` page and
//! `snapback charter render --format html` share. maud escapes every piece of charter text it
//! is given; the same text gives the same bytes.

use crate::instant::{readable, readable_instants};
use maud::{DOCTYPE, Markup, html};
use snapback_charter::treaty::{
    ArticleSection, Change, ChangeKind, ClauseChange, Provision, TreatyText, VersionDiff, Words,
};
use snapback_i18n::{FluentValue, Piece};

/// The message `id` with `marks` spliced in where the language places them.
fn spliced<'a>(
    w: Words,
    id: &str,
    args: &[(&'a str, FluentValue<'a>)],
    marks: &[(&'a str, Markup)],
) -> Markup {
    let names: Vec<&str> = marks.iter().map(|(name, _)| *name).collect();
    html! {
        @for piece in w.pieces(id, args, &names) {
            @match piece {
                Piece::Text(t) => { (t) }
                Piece::Mark(i) => { @if let Some((_, m)) = marks.get(i) { (m) } }
            }
        }
    }
}

fn time(at: jiff::Timestamp) -> Markup {
    html! { time datetime=(at) { (readable(at)) } }
}

/// The CSS of the standalone page: readable on a phone, nothing wider than the screen.
const STANDALONE_CSS: &str = "\
body{font:16px/1.5 Georgia,'Times New Roman',serif;margin:0 auto;max-width:46rem;padding:1rem;color:#1b1b1b;background:#fff}\
h1,h2,h3,h4{font-family:system-ui,sans-serif;line-height:1.25}\
h2{border-bottom:1px solid #ccc;margin-top:2rem}\
.treaty{overflow-wrap:anywhere}\
.treaty-meta,.treaty-cited{color:#555}\
.treaty-provision{margin:0 0 1rem}\
.treaty-provision dl{margin:0.25rem 0 0}\
.treaty-provision dt{font-weight:bold}\
.treaty-provision dd{margin:0 0 0.25rem 1rem}\
.treaty-toc ol{display:flex;flex-wrap:wrap;gap:0.25rem 1rem;list-style:none;padding:0}\
del{background:#fbe3e1}ins{background:#e2f3e4;text-decoration:none}\
";

/// The text as the inner part of a page: header, contents, versions, parties, articles,
/// unnumbered provisions, and the changes between versions.
pub fn treaty_markup(text: &TreatyText) -> Markup {
    let w = text.words();
    html! {
        article class="treaty" data-charter=(text.id) data-version=(text.version) {
            header {
                h1 { (text.title) }
                @if let Some(d) = &text.description { p class="treaty-description" { (d) } }
                p class="treaty-meta" {
                    (spliced(w, "treaty-meta", &[("version", text.version.as_str().into())], &[
                        ("id", html! { code { (text.id) } }),
                        ("effective", time(text.effective)),
                    ]))
                }
            }
            @if !text.articles.is_empty() {
                nav class="treaty-toc" aria-label=(w.msg("h-articles")) { ol {
                    @for a in &text.articles { li { a href={ "#" (a.anchor) } { (a.heading()) } } }
                    @if !text.unnumbered.is_empty() { li { a href="#unnumbered" { (w.msg("toc-unnumbered")) } } }
                    @if !text.diffs.is_empty() { li { a href="#changes" { (w.msg("toc-changes")) } } }
                } }
            }
            section id="versions" {
                h2 { (w.msg("h-versions")) }
                ol class="treaty-versions" {
                    @for v in &text.versions {
                        li data-version=(v.version) {
                            (spliced(w, "version-line", &[
                                ("version", v.version.as_str().into()),
                                ("title", v.title.as_str().into()),
                            ], &[("effective", time(v.effective))]))
                            @if v.shown { " " strong { (w.msg("this-text")) } }
                        }
                    }
                }
            }
            section id="parties" {
                h2 { (w.msg("h-parties")) }
                @for p in &text.preamble { (provision(p, "h3", w)) }
            }
            section id="treaty-articles" {
                h2 { (w.msg("h-articles")) }
                @for a in &text.articles { (article(a, w)) }
            }
            @if !text.unnumbered.is_empty() {
                section id="unnumbered" {
                    h2 { (w.msg("h-unnumbered")) }
                    @for p in &text.unnumbered { (provision(p, "h3", w)) }
                }
            }
            @if !text.diffs.is_empty() {
                section id="changes" {
                    h2 { (w.msg("h-changes")) }
                    @for d in &text.diffs { (diff(d, w)) }
                }
            }
        }
    }
}

fn article(a: &ArticleSection, w: Words) -> Markup {
    html! {
        section class="treaty-article" id=(a.anchor) {
            h3 { a href={ "#" (a.anchor) } { (a.heading()) } }
            @for p in &a.provisions { (provision(p, "h4", w)) }
        }
    }
}

/// One provision: its kind and heading, then each parameter in words.
fn provision(p: &Provision, level: &str, w: Words) -> Markup {
    let heading = p.title(w);
    html! {
        div class="treaty-provision" data-key=(p.key) data-kind=(p.kind.name()) {
            @match level {
                "h3" => { h3 { (heading) } }
                _ => { h4 { (heading) } }
            }
            dl {
                @for c in &p.clauses { dt { (c.name) } dd { (readable_instants(&c.text)) } }
            }
            @if p.articles.len() > 1 {
                p class="treaty-cited" { (w.msg("cited-as")) " " (p.articles.join("; ")) }
            }
        }
    }
}

fn diff(d: &VersionDiff, w: Words) -> Markup {
    html! {
        section class="treaty-diff" data-from=(d.from_version) data-to=(d.to_version) {
            h3 {
                (spliced(w, "diff-heading", &[
                    ("from", d.from_version.as_str().into()),
                    ("to", d.to_version.as_str().into()),
                ], &[("effective", time(d.effective))]))
            }
            @if d.changes.is_empty() { p { (w.msg("no-change")) } }
            ul {
                @for c in &d.changes { (change(c, w)) }
            }
        }
    }
}

fn change(c: &Change, w: Words) -> Markup {
    let (kind, id) = match c.change {
        ChangeKind::Added => ("added", "change-added"),
        ChangeKind::Removed => ("removed", "change-removed"),
        ChangeKind::Changed(_) => ("changed", "change-changed"),
    };
    html! {
        li data-key=(c.key) data-change=(kind) {
            strong { (w.msg(id)) ": " } (c.title(w))
            @if !c.articles.is_empty() {
                " ("
                @for (i, label) in c.articles.iter().enumerate() {
                    @if i > 0 { "; " }
                    a href={ "#" (snapback_charter::treaty::anchor(label)) } { (label) }
                }
                ")"
            }
            @if let ChangeKind::Changed(clauses) = &c.change {
                ul { @for cc in clauses { (clause_change(cc, w)) } }
            }
        }
    }
}

fn clause_change(cc: &ClauseChange, w: Words) -> Markup {
    html! {
        li {
            (cc.name) ": "
            @match &cc.old { Some(old) => { del { (old) } } None => { (w.msg("clause-none")) } }
            " \u{2192} "
            @match &cc.new { Some(new) => { ins { (new) } } None => { (w.msg("clause-none")) } }
        }
    }
}

/// The text as a standalone HTML page with its own minimal stylesheet.
pub fn standalone_page(text: &TreatyText) -> String {
    html! {
        (DOCTYPE)
        html lang=(text.lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title {
                    (text.words().msg_args("page-title", &[
                        ("title", text.title.as_str().into()),
                        ("version", text.version.as_str().into()),
                    ]))
                }
                style { (maud::PreEscaped(STANDALONE_CSS)) }
            }
            body { (treaty_markup(text)) }
        }
    }
    .into_string()
}
