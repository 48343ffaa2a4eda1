//! `snapback charter render`: the reference charter as a treaty text in Markdown and HTML
//! (articles in order, parameters in words, anchors, well-formed HTML), a two-version history
//! with its changes, located errors, and `explain`'s list of the articles it cites.

use std::collections::BTreeSet;

use crate::{path_arg, snapback, stderr, stdout, temp_file};

fn render(args: &[&str]) -> String {
    let mut all = vec!["charter", "render"];
    all.extend_from_slice(args);
    let out = snapback(&all);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

/// The byte positions of `needles` in `text`, each of which must be there.
fn positions(text: &str, needles: &[&str]) -> Vec<usize> {
    needles
        .iter()
        .map(|n| {
            text.find(n)
                .unwrap_or_else(|| panic!("missing {n:?} in:\n{text}"))
        })
        .collect()
}

const ARTICLES_IN_ORDER: [&str; 8] = [
    "Art. 2(1)",
    "Art. 2(2)",
    "Art. 3(3)",
    "Art. 4(1)",
    "Art. 5(2)",
    "Art. 6(1)",
    "Art. 10",
    "Art. 31(1) TEU",
];

#[test]
fn the_reference_charter_renders_as_markdown() {
    let md = render(&["charters/ukraine.toml"]);
    assert!(
        md.starts_with("# Snapback Security Guarantee for Ukraine\n"),
        "{md}"
    );
    let headings: Vec<String> = ARTICLES_IN_ORDER
        .iter()
        .map(|a| format!("\n### {a}\n"))
        .collect();
    let refs: Vec<&str> = headings.iter().map(String::as_str).collect();
    let at = positions(&md, &refs);
    assert!(
        at.windows(2).all(|w| w[0] < w[1]),
        "articles out of order: {at:?}"
    );
    for line in [
        "<a id=\"art-5-2\"></a>\n\n### Art. 5(2)\n",
        "<a id=\"art-31-1-teu\"></a>\n\n### Art. 31(1) TEU\n",
        // A voting threshold, a deadline, a fund cap.
        "- **Voting rule:** majority: yes from more than half of the 16 members (at least 9)\n",
        "- **Decide within:** 48h after the filing\n",
        "- **Decide within:** 7d after the activation\n",
        "- **Limit:** at most 2,000,000,000.00 EUR disbursed for budget-support within any 30d\n",
        "- Version 1.0, in force from 2026-01-01T00:00:00Z: Snapback Security Guarantee for Ukraine (this text)\n",
    ] {
        assert!(md.contains(line), "missing {line:?} in:\n{md}");
    }
    // Same input, same bytes.
    assert_eq!(md, render(&["charters/ukraine.toml", "--format", "md"]));
}

/// The elements of HTML that have no end tag.
const VOID: [&str; 6] = ["meta", "link", "br", "hr", "img", "input"];

/// Checks that every tag is closed in order, and returns every `id` of the document.
fn balanced(html: &str) -> BTreeSet<String> {
    let mut open: Vec<String> = Vec::new();
    let mut ids = BTreeSet::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let after = &rest[start + 1..];
        let end = after.find('>').expect("an unterminated tag");
        let tag = &after[..end];
        rest = &after[end + 1..];
        if tag.starts_with('!') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            let top = open
                .pop()
                .unwrap_or_else(|| panic!("</{name}> closes nothing"));
            assert_eq!(top, name, "</{name}> closes <{top}>");
            continue;
        }
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if let Some(i) = tag.find(" id=\"") {
            let value = &tag[i + 5..];
            let value = &value[..value.find('"').expect("a closed attribute")];
            assert!(ids.insert(value.to_owned()), "the id {value} appears twice");
        }
        if !VOID.contains(&name.as_str()) {
            open.push(name);
        }
    }
    assert!(open.is_empty(), "unclosed: {open:?}");
    ids
}

#[test]
fn the_reference_charter_renders_as_a_well_formed_html_page() {
    let html = render(&["charters/ukraine.toml", "--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>"), "{}", &html[..100]);
    assert!(html.contains("<meta name=\"viewport\""));
    assert!(html.contains("<style>"));
    let ids = balanced(&html);
    // Articles in order, each with its anchor.
    let sections: Vec<String> = ARTICLES_IN_ORDER
        .iter()
        .map(|a| format!("<h3><a href=\"#{}\">{a}</a></h3>", anchor(a)))
        .collect();
    let refs: Vec<&str> = sections.iter().map(String::as_str).collect();
    let at = positions(&html, &refs);
    assert!(
        at.windows(2).all(|w| w[0] < w[1]),
        "articles out of order: {at:?}"
    );
    for a in ARTICLES_IN_ORDER {
        assert!(ids.contains(&anchor(a)), "no id for {a}");
    }
    // Every link inside the page lands on an id of the page.
    for link in html.split("href=\"#").skip(1) {
        let target = &link[..link.find('"').expect("closed")];
        assert!(ids.contains(target), "#{target} lands nowhere");
    }
    for text in [
        "<dt>Voting rule</dt><dd>majority: yes from more than half of the 16 members (at least 9)</dd>",
        "<dt>Decide within</dt><dd>48h after the filing</dd>",
        "<dt>Limit</dt><dd>at most 2,000,000,000.00 EUR disbursed for budget-support within any 30d</dd>",
        // Charter text is escaped.
        "<dt>Voting rule</dt><dd>unanimity: no &quot;no&quot; from any of the 27 members",
    ] {
        assert!(html.contains(text), "missing {text:?}");
    }
}

/// The anchors the tests expect, written out (the CLI computes them with the charter crate).
fn anchor(label: &str) -> String {
    match label {
        "Art. 2(1)" => "art-2-1",
        "Art. 2(2)" => "art-2-2",
        "Art. 3(3)" => "art-3-3",
        "Art. 4(1)" => "art-4-1",
        "Art. 5(2)" => "art-5-2",
        "Art. 6(1)" => "art-6-1",
        "Art. 10" => "art-10",
        "Art. 31(1) TEU" => "art-31-1-teu",
        other => panic!("no anchor written for {other}"),
    }
    .to_owned()
}

#[test]
fn a_history_renders_its_versions_and_what_each_amendment_changed() {
    let files = [
        "scenarios/charters/five.toml",
        "scenarios/charters/five-v2.toml",
    ];
    let md = render(&files);
    assert!(
        md.contains(
            "- Version 1, in force from 2026-01-01T00:00:00Z: Five guarantors, flipped burden\n"
        ),
        "{md}"
    );
    assert!(md.contains("(amended: 24h) (this text)\n"), "{md}");
    assert!(
        md.contains("### Version 1 → version 2 (in force from 2026-02-01T00:00:00Z)\n"),
        "{md}"
    );
    assert!(
        md.contains("- **Changed:** Verification of claims (Art. 4)\n  - Decide within: “48h after the filing” → “24h after the filing”\n"),
        "{md}"
    );
    assert!(
        md.contains("- **Decide within:** 24h after the filing\n"),
        "{md}"
    );
    // At an instant before the amendment, the text is version 1's, with the change still listed.
    let early = render(&[
        "scenarios/charters/five.toml",
        "scenarios/charters/five-v2.toml",
        "--at",
        "2026-01-15T00:00:00Z",
    ]);
    assert!(
        early.contains("- **Decide within:** 48h after the filing\n"),
        "{early}"
    );
    assert!(early.contains("### Version 1 → version 2"), "{early}");
    let html = render(&[files[0], files[1], "--format", "html"]);
    balanced(&html);
    assert!(html.contains("<li>Decide within: <del>48h after the filing</del> → <ins>24h after the filing</ins></li>"), "{html}");
    // --output writes the same bytes to a file.
    let path = temp_file("five-history.html", "");
    render(&[
        files[0],
        files[1],
        "--format",
        "html",
        "--output",
        path_arg(&path),
    ]);
    assert_eq!(std::fs::read_to_string(&path).expect("written"), html);
}

#[test]
fn bad_input_exits_2_with_the_place() {
    let path = temp_file(
        "render-broken.toml",
        "[charter]\nid = \"t\"\ntitle = \"T\"\nversion = \"1\"\neffective = 2026-01-01T00:00:00Z\nbeneficiary = \"UA\"\nnonsense = 1\n",
    );
    let out = snapback(&["charter", "render", path_arg(&path)]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("render-broken.toml:7:1"),
        "{}",
        stderr(&out)
    );
    let out = snapback(&[
        "charter",
        "render",
        "charters/ukraine.toml",
        "--format",
        "pdf",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let out = snapback(&[
        "charter",
        "render",
        "scenarios/charters/five.toml",
        "scenarios/charters/five.toml",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn the_text_renders_in_ukrainian_with_the_same_anchors() {
    let en = render(&["charters/ukraine.toml"]);
    let uk = render(&["charters/ukraine.toml", "--lang", "uk"]);
    for line in [
        "## Статті\n",
        "- **Правило голосування:** більшість: «за» понад половину з 16 членів (щонайменше 9)\n",
        "- **Строк ухвалення рішення:** 48 годин після подання заяви\n",
    ] {
        assert!(uk.contains(line), "missing {line:?} in:\n{uk}");
    }
    // The anchors (and so every link to an article) are the same in both languages.
    let anchors = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.starts_with("<a id="))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(anchors(&en), anchors(&uk));
    let html = render(&["charters/ukraine.toml", "--format", "html", "--lang", "uk"]);
    assert!(html.contains(r#"<html lang="uk">"#), "{html}");
    assert!(html.contains("<h2>Версії</h2>"), "{html}");
    let out = snapback(&["charter", "render", "charters/ukraine.toml", "--lang", "de"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("`en` (English) or `uk` (Ukrainian)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn explain_lists_the_articles_it_cites_with_their_anchors() {
    let out = snapback(&["explain", "scenarios/04-flipped-deadline-split.toml", "C1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("Articles cited\n  Art. 4     charter render → #art-4\n  Art. 2     charter render → #art-2\n  Art. 5(1)  charter render → #art-5-1\n"),
        "{text}"
    );
    let v = crate::json_of(&[
        "explain",
        "scenarios/04-flipped-deadline-split.toml",
        "C1",
        "--json",
    ]);
    assert_eq!(v["status"], "activated");
    assert_eq!(v["articles"][0]["label"], "Art. 4");
    assert_eq!(v["articles"][0]["anchor"], "art-4");
    // Every anchor it names is an article of the rendered charter.
    let md = render(&["scenarios/charters/five.toml"]);
    for a in v["articles"].as_array().expect("articles") {
        let anchor = a["anchor"].as_str().expect("anchor");
        assert!(
            md.contains(&format!("<a id=\"{anchor}\"></a>")),
            "#{anchor} is not in the text"
        );
    }
}
