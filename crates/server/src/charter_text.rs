//! The charter as a treaty text in HTML: the one writer the dashboard's `/charter` page and
//! `snapback charter render --format html` share. maud escapes every piece of charter text it
//! is given; the same text gives the same bytes.

use crate::instant::{readable, readable_instants};
use maud::{DOCTYPE, Markup, html};
use snapback_charter::treaty::{
    ArticleSection, Change, ChangeKind, ClauseChange, Provision, TreatyText, VersionDiff,
};

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
    html! {
        article class="treaty" data-charter=(text.id) data-version=(text.version) {
            header {
                h1 { (text.title) }
                @if let Some(d) = &text.description { p class="treaty-description" { (d) } }
                p class="treaty-meta" {
                    "Charter " code { (text.id) } ", version " (text.version) ", in force from "
                    time datetime=(text.effective) { (readable(text.effective)) } "."
                }
            }
            @if !text.articles.is_empty() {
                nav class="treaty-toc" aria-label="Articles" { ol {
                    @for a in &text.articles { li { a href={ "#" (a.anchor) } { (a.heading()) } } }
                    @if !text.unnumbered.is_empty() { li { a href="#unnumbered" { "Unnumbered" } } }
                    @if !text.diffs.is_empty() { li { a href="#changes" { "Changes" } } }
                } }
            }
            section id="versions" {
                h2 { "Versions" }
                ol class="treaty-versions" {
                    @for v in &text.versions {
                        li data-version=(v.version) {
                            "Version " (v.version) ", in force from "
                            time datetime=(v.effective) { (readable(v.effective)) } ": " (v.title)
                            @if v.shown { " " strong { "(this text)" } }
                        }
                    }
                }
            }
            section id="parties" {
                h2 { "Parties" }
                @for p in &text.preamble { (provision(p, "h3")) }
            }
            section id="treaty-articles" {
                h2 { "Articles" }
                @for a in &text.articles { (article(a)) }
            }
            @if !text.unnumbered.is_empty() {
                section id="unnumbered" {
                    h2 { "Unnumbered provisions" }
                    @for p in &text.unnumbered { (provision(p, "h3")) }
                }
            }
            @if !text.diffs.is_empty() {
                section id="changes" {
                    h2 { "Changes between versions" }
                    @for d in &text.diffs { (diff(d)) }
                }
            }
        }
    }
}

fn article(a: &ArticleSection) -> Markup {
    html! {
        section class="treaty-article" id=(a.anchor) {
            h3 { a href={ "#" (a.anchor) } { (a.heading()) } }
            @for p in &a.provisions { (provision(p, "h4")) }
        }
    }
}

/// One provision: its kind and heading, then each parameter in words.
fn provision(p: &Provision, level: &str) -> Markup {
    let heading = p.title();
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
                p class="treaty-cited" { "Cited as " (p.articles.join("; ")) }
            }
        }
    }
}

fn diff(d: &VersionDiff) -> Markup {
    html! {
        section class="treaty-diff" data-from=(d.from_version) data-to=(d.to_version) {
            h3 {
                "Version " (d.from_version) " \u{2192} version " (d.to_version)
                " (in force from " time datetime=(d.effective) { (readable(d.effective)) } ")"
            }
            @if d.changes.is_empty() { p { "No provision changed." } }
            ul {
                @for c in &d.changes { (change(c)) }
            }
        }
    }
}

fn change(c: &Change) -> Markup {
    let word = match c.change {
        ChangeKind::Added => "Added",
        ChangeKind::Removed => "Removed",
        ChangeKind::Changed(_) => "Changed",
    };
    html! {
        li data-key=(c.key) data-change=(word.to_lowercase()) {
            strong { (word) ": " } (c.title())
            @if !c.articles.is_empty() {
                " ("
                @for (i, label) in c.articles.iter().enumerate() {
                    @if i > 0 { "; " }
                    a href={ "#" (snapback_charter::treaty::anchor(label)) } { (label) }
                }
                ")"
            }
            @if let ChangeKind::Changed(clauses) = &c.change {
                ul { @for cc in clauses { (clause_change(cc)) } }
            }
        }
    }
}

fn clause_change(cc: &ClauseChange) -> Markup {
    html! {
        li {
            (cc.name) ": "
            @match &cc.old { Some(old) => { del { (old) } } None => { "(none)" } }
            " \u{2192} "
            @match &cc.new { Some(new) => { ins { (new) } } None => { "(none)" } }
        }
    }
}

/// The text as a standalone HTML page with its own minimal stylesheet.
pub fn standalone_page(text: &TreatyText) -> String {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (text.title) " \u{b7} version " (text.version) }
                style { (maud::PreEscaped(STANDALONE_CSS)) }
            }
            body { (treaty_markup(text)) }
        }
    }
    .into_string()
}
