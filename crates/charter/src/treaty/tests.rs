//! The treaty text: anchors, natural order, segmenting explanations, every element of the
//! reference and test charters in the text, the differences between versions, Markdown.

use std::cmp::Ordering;

use super::*;
use crate::{Source, load_toml};

const UKRAINE: &str = include_str!("../../../../charters/ukraine.toml");
/// Every charter of the repository (reference, test and precedent charters) and the reference
/// charter with a log and a witness: together they use every kind of element.
const CHARTERS: [(&str, &str); 25] = [
    ("ukraine.toml", UKRAINE),
    (
        "ukraine-demo.toml",
        include_str!("../../../../charters/ukraine-demo.toml"),
    ),
    (
        "alert-actions.toml",
        include_str!("../../../../scenarios/charters/alert-actions.toml"),
    ),
    (
        "capabilities.toml",
        include_str!("../../../../scenarios/charters/capabilities.toml"),
    ),
    (
        "eu-council.toml",
        include_str!("../../../../scenarios/charters/eu-council.toml"),
    ),
    (
        "five-evidence.toml",
        include_str!("../../../../scenarios/charters/five-evidence.toml"),
    ),
    (
        "five-standard.toml",
        include_str!("../../../../scenarios/charters/five-standard.toml"),
    ),
    (
        "five-v2.toml",
        include_str!("../../../../scenarios/charters/five-v2.toml"),
    ),
    (
        "five-windows.toml",
        include_str!("../../../../scenarios/charters/five-windows.toml"),
    ),
    (
        "five.toml",
        include_str!("../../../../scenarios/charters/five.toml"),
    ),
    (
        "fund.toml",
        include_str!("../../../../scenarios/charters/fund.toml"),
    ),
    (
        "measures-v2.toml",
        include_str!("../../../../scenarios/charters/measures-v2.toml"),
    ),
    (
        "measures.toml",
        include_str!("../../../../scenarios/charters/measures.toml"),
    ),
    (
        "monitoring.toml",
        include_str!("../../../../scenarios/charters/monitoring.toml"),
    ),
    (
        "fund-programme.toml",
        include_str!("../../../../scenarios/charters/fund-programme.toml"),
    ),
    (
        "fund-board.toml",
        include_str!("../../../../scenarios/charters/fund-board.toml"),
    ),
    (
        "rules.toml",
        include_str!("../../../../scenarios/charters/rules.toml"),
    ),
    (
        "stages.toml",
        include_str!("../../../../scenarios/charters/stages.toml"),
    ),
    (
        "truces.toml",
        include_str!("../../../../scenarios/charters/truces.toml"),
    ),
    (
        "air-attacks.toml",
        include_str!("../../../../scenarios/precedents/charters/air-attacks.toml"),
    ),
    (
        "caatsa-216.toml",
        include_str!("../../../../scenarios/precedents/charters/caatsa-216.toml"),
    ),
    (
        "eu-russia-sanctions.toml",
        include_str!("../../../../scenarios/precedents/charters/eu-russia-sanctions.toml"),
    ),
    (
        "osce-smm.toml",
        include_str!("../../../../scenarios/precedents/charters/osce-smm.toml"),
    ),
    (
        "unscr-2231-2020.toml",
        include_str!("../../../../scenarios/precedents/charters/unscr-2231-2020.toml"),
    ),
    (
        "unscr-2231-2025.toml",
        include_str!("../../../../scenarios/precedents/charters/unscr-2231-2025.toml"),
    ),
];

/// A `[log]` with a witness, for the reference charter.
const LOG: &str = "\n[log]\norigin = \"log.example\"\n\
    key = \"log.example+01020304+AXVn0p4Bcm0L2cRnCDjxXd4eBBrKXCYSgCS2smXlWUE3\"\n\n\
    [[log.witness]]\nname = \"w.example\"\n\
    key = \"w.example+0a1b2c3d+BHVn0p4Bcm0L2cRnCDjxXd4eBBrKXCYSgCS2smXlWUE3\"\n\
    url = \"https://w.example/\"\n";

/// Every charter to test, by name and text.
pub(super) fn charters() -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = CHARTERS
        .iter()
        .map(|(n, t)| ((*n).to_owned(), (*t).to_owned()))
        .collect();
    all.push((
        "ukraine-with-log.toml".to_owned(),
        format!("{UKRAINE}{LOG}"),
    ));
    all
}

/// The text of the charter `name`.
pub(super) fn source(name: &str) -> &'static str {
    CHARTERS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
        .unwrap_or_else(|| panic!("no charter {name}"))
}

pub(super) fn load(name: &str, text: &str) -> Charter {
    load_toml(&Source::new(name, text)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn anchors_are_computed_from_the_label_alone() {
    for (label, expected) in [
        ("Art. 5(2)", "art-5-2"),
        ("Art. 31(1) TEU", "art-31-1-teu"),
        ("Art. 10 (as amended)", "art-10-as-amended"),
        ("art 5 2", "art-5-2"),
        ("§ 3", "art-3"),
        ("Section 4(a)", "art-section-4-a"),
        ("5", "art-5"),
        ("Статья 7", "art-статья-7"),
        ("(((", "art"),
    ] {
        assert_eq!(anchor(label), expected, "{label}");
    }
}

#[test]
fn labels_sort_naturally() {
    let mut labels = vec![
        "Art. 10",
        "Art. 2(2)",
        "Art. 31(1) TEU",
        "Art. 2",
        "Art. 2(10)",
        "Art. 2(1)",
        "art. 3",
        "Annex",
    ];
    labels.sort_by(|a, b| natural_cmp(a, b));
    assert_eq!(
        labels,
        [
            "Annex",
            "Art. 2",
            "Art. 2(1)",
            "Art. 2(2)",
            "Art. 2(10)",
            "art. 3",
            "Art. 10",
            "Art. 31(1) TEU"
        ]
    );
    assert_eq!(natural_cmp("Art. 05", "Art. 5"), "Art. 05".cmp("Art. 5"));
    assert_eq!(natural_cmp("Art. 5", "Art. 5"), Ordering::Equal);
}

#[test]
fn a_citation_of_two_articles_gives_two_labels() {
    let article = crate::Article(Some("Art. 31(1) TEU; Art. 10(2) ; ".to_owned()));
    assert_eq!(article_labels(&article), ["Art. 31(1) TEU", "Art. 10(2)"]);
    assert!(article_labels(&crate::Article(None)).is_empty());
}

#[test]
fn segments_take_the_longest_exact_label() {
    let labels: Vec<String> = ["Art. 5(1)", "Art. 5(10)", "Art. 1", "Art. 5"]
        .map(str::to_owned)
        .to_vec();
    let text = "Under Art. 5(10) and Art. 5(1); not Art. 10, Art. 5(3) or XArt. 1; Art. 1.";
    let found: Vec<(String, String)> = segments(text, &labels)
        .into_iter()
        .filter_map(|s| match s {
            Segment::Article { label, anchor } => Some((label.to_owned(), anchor)),
            Segment::Text(_) => None,
        })
        .collect();
    assert_eq!(
        found,
        [
            ("Art. 5(10)".to_owned(), "art-5-10".to_owned()),
            ("Art. 5(1)".to_owned(), "art-5-1".to_owned()),
            ("Art. 1".to_owned(), "art-1".to_owned()),
        ]
    );
    // Nothing is lost: the segments put back together are the text.
    let joined: String = segments(text, &labels)
        .iter()
        .map(|s| match s {
            Segment::Text(t) => *t,
            Segment::Article { label, .. } => *label,
        })
        .collect();
    assert_eq!(joined, text);
    assert_eq!(
        cited("Art. 1 and Art. 5(1), again Art. 1", &labels),
        ["Art. 1", "Art. 5(1)"]
    );
    assert_eq!(segments("", &labels), []);
    assert_eq!(segments("no citation", &[]), [Segment::Text("no citation")]);
}

/// Every element of every charter is a provision of its text, under each article it cites. The
/// destructuring names every field of `Charter`: a new kind of element does not compile here
/// until the text covers it.
#[test]
fn every_element_of_every_charter_appears_in_the_text() {
    let mut kinds = std::collections::BTreeSet::new();
    for (name, text) in charters() {
        let c = load(&name, &text);
        let text = TreatyText::of(&c, Lang::En);
        let Charter {
            id: _,
            title,
            version: _,
            description: _,
            effective: _,
            beneficiary: _,
            parties,
            bodies,
            verification,
            tiers,
            escalation,
            packages,
            log,
            fund,
            capabilities,
            restrictions,
            measures,
            alerts,
            truces,
            warnings: _,
            party_index: _,
        } = &c;
        assert_eq!(&text.title, title);
        let mut expected: Vec<(String, crate::Article)> = vec![
            ("charter".into(), crate::Article(None)),
            ("verification".into(), verification.article.clone()),
        ];
        expected.extend(
            parties
                .iter()
                .map(|p| (format!("party:{}", p.id), crate::Article(None))),
        );
        expected.extend(
            bodies
                .iter()
                .map(|b| (format!("body:{}", b.id), b.article.clone())),
        );
        if let Some(e) = &verification.evidence {
            expected.push(("verification/evidence".into(), e.article.clone()));
        }
        for s in &verification.stages {
            expected.push((format!("verification/stage:{}", s.id), s.article.clone()));
        }
        expected.extend(
            tiers
                .iter()
                .map(|t| (format!("tier:{}", t.id), t.article.clone())),
        );
        if let Some(e) = escalation {
            expected.push(("escalation".into(), e.article.clone()));
        }
        for p in packages {
            expected.push((format!("package:{}", p.id), p.article.clone()));
            if let Some(d) = &p.decision {
                expected.push((format!("package:{}/decision", p.id), d.article.clone()));
            }
            for (n, o) in p.obligations.iter().enumerate() {
                expected.push((
                    format!("package:{}/obligation:{}", p.id, n + 1),
                    o.article.clone(),
                ));
            }
        }
        if log.is_some() {
            expected.push(("log".into(), crate::Article(None)));
        }
        if let Some(f) = fund {
            expected.push(("fund".into(), f.article.clone()));
            for cap in &f.caps {
                expected.push((
                    format!("fund/cap:{}:{}", cap.purpose, cap.per),
                    cap.article.clone(),
                ));
            }
            if let Some(s) = &f.surge {
                expected.push(("fund/surge".into(), s.article.clone()));
            }
            if let Some(t) = &f.tranche {
                expected.push(("fund/tranche".into(), t.article.clone()));
            }
            for p in &f.programmes {
                let article = if p.article.0.is_some() {
                    &p.article
                } else {
                    &f.article
                };
                expected.push((format!("fund/programme:{}", p.id), article.clone()));
            }
            if let Some(b) = &f.board {
                let article = if b.article.0.is_some() {
                    &b.article
                } else {
                    &f.article
                };
                expected.push(("fund/board".into(), article.clone()));
            }
        }
        if let Some(cap) = capabilities {
            expected.push(("capabilities".into(), cap.article.clone()));
            for t in &cap.centres {
                expected.push((format!("capabilities/centre:{}", t.id), t.article.clone()));
            }
        }
        for (n, r) in restrictions.iter().enumerate() {
            expected.push((format!("restriction:{}", n + 1), r.article.clone()));
        }
        for m in measures {
            expected.push((format!("measure:{}", m.id), m.article.clone()));
            if let Some(r) = &m.renewal {
                expected.push((format!("measure:{}/renewal", m.id), r.article.clone()));
            }
            if let Some(r) = &m.review {
                expected.push((format!("measure:{}/review", m.id), r.article.clone()));
            }
        }
        expected.extend(
            alerts
                .iter()
                .map(|a| (format!("alert:{}", a.id), a.article.clone())),
        );
        expected.extend(
            truces
                .iter()
                .map(|t| (format!("truce:{}", t.id), t.article.clone())),
        );

        let everywhere: Vec<&Provision> = text
            .preamble
            .iter()
            .chain(text.articles.iter().flat_map(|a| &a.provisions))
            .chain(&text.unnumbered)
            .collect();
        for (key, article) in &expected {
            let found: Vec<&&Provision> = everywhere.iter().filter(|p| &p.key == key).collect();
            assert!(!found.is_empty(), "{name}: no provision {key}");
            for p in &found {
                assert!(!p.clauses.is_empty(), "{name}: {key} says nothing");
                kinds.insert(p.kind);
            }
            // Under each article it cites (an element citing none may sit under its parent's).
            for label in article_labels(article) {
                let section = text.article(&anchor(&label));
                assert!(
                    section.is_some_and(|s| s.provisions.iter().any(|p| &p.key == key)),
                    "{name}: {key} is not under {label}"
                );
            }
        }
        // And nothing else: the text's provisions are exactly the charter's elements.
        let mut in_text: Vec<&str> = everywhere.iter().map(|p| p.key.as_str()).collect();
        in_text.sort_unstable();
        in_text.dedup();
        let mut wanted: Vec<&str> = expected.iter().map(|(k, _)| k.as_str()).collect();
        wanted.sort_unstable();
        assert_eq!(in_text, wanted, "{name}");
        // Articles in natural order, each with a unique anchor.
        for pair in text.articles.windows(2) {
            assert_eq!(
                natural_cmp(&pair[0].labels[0], &pair[1].labels[0]),
                Ordering::Less,
                "{name}: {} before {}",
                pair[0].heading(),
                pair[1].heading()
            );
        }
    }
    // Together the charters use every kind of provision.
    assert_eq!(kinds.len(), 26, "kinds covered: {kinds:?}");
}

#[test]
fn the_reference_text_words_the_parameters() {
    let text = TreatyText::of(&load("ukraine.toml", UKRAINE), Lang::En);
    let clause = |anchor: &str, key: &str, name: &str| -> String {
        let article = text
            .article(anchor)
            .unwrap_or_else(|| panic!("no {anchor}"));
        let p = article
            .provisions
            .iter()
            .find(|p| p.key == key)
            .unwrap_or_else(|| panic!("no {key}"));
        p.clauses
            .iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("no {name} in {key}"))
            .text
            .clone()
    };
    assert!(clause("art-2-2", "body:eu-council", "Voting rule").starts_with(
        "EU qualified majority: yes from at least 55% of the 27 members (15) holding at least 65% of their population"
    ));
    assert_eq!(
        clause("art-3-3", "verification", "Decide within"),
        "48h after the filing"
    );
    assert_eq!(
        clause("art-5-2", "package:eu-sanctions/decision", "Decide within"),
        "7d after the activation"
    );
    assert_eq!(
        clause("art-6-2", "fund/cap:budget-support:30d", "Limit"),
        "at most 2,000,000,000.00 EUR disbursed for budget-support within any 30d"
    );
    assert_eq!(
        clause("art-6-1", "fund", "Contributor US"),
        "key 0.30 (30.00% of the keys); paid-in capital 3,000,000,000.00 EUR; callable capital 6,000,000,000.00 EUR"
    );
    // The G7 leg's obligations cite no article of their own: they sit under their package's.
    assert_eq!(
        clause("art-5-3", "package:g7-sanctions/obligation:1", "Due"),
        "within 72h of the activation"
    );
    let first: Vec<&str> = text
        .articles
        .iter()
        .take(3)
        .map(|a| a.labels[0].as_str())
        .collect();
    assert_eq!(first, ["Art. 2(1)", "Art. 2(2)", "Art. 3(3)"]);
    assert_eq!(
        text.articles.last().map(|a| a.anchor.as_str()),
        Some("art-31-1-teu")
    );
}

#[test]
fn the_diff_names_what_an_amendment_changed() {
    let v1 = load("five.toml", source("five.toml"));
    let v2 = load("five-v2.toml", source("five-v2.toml"));
    let history = CharterHistory::new(vec![v2, v1]).unwrap();
    let text = TreatyText::new(&history, None, Lang::En);
    assert_eq!(text.version, "2");
    assert_eq!(
        text.versions
            .iter()
            .map(|v| (v.version.as_str(), v.shown))
            .collect::<Vec<_>>(),
        [("1", false), ("2", true)]
    );
    let [d] = text.diffs.as_slice() else {
        panic!("{:?}", text.diffs)
    };
    assert_eq!((d.from_version.as_str(), d.to_version.as_str()), ("1", "2"));
    assert_eq!(d.effective.to_string(), "2026-02-01T00:00:00Z");
    let keys: Vec<&str> = d.changes.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["charter", "verification"]);
    assert_eq!(
        d.changes[1].change,
        ChangeKind::Changed(vec![ClauseChange {
            name: "Decide within".into(),
            old: Some("48h after the filing".into()),
            new: Some("24h after the filing".into()),
        }])
    );
    assert_eq!(d.changes[1].articles, ["Art. 4"]);
    // In force at an instant before the amendment, the text shows version 1 and still lists
    // the amendment.
    let early = TreatyText::new(
        &history,
        Some("2026-01-15T00:00:00Z".parse().unwrap()),
        Lang::En,
    );
    assert_eq!(early.version, "1");
    assert_eq!(early.diffs.len(), 1);

    let m1 = load("measures.toml", source("measures.toml"));
    let m2 = load("measures-v2.toml", source("measures-v2.toml"));
    let d = diff::between(&m1, &m2, WORDS.lang(Lang::En));
    let renewal = d
        .changes
        .iter()
        .find(|c| c.key.ends_with("/renewal"))
        .expect("renewal");
    assert_eq!(renewal.change, ChangeKind::Removed);
    let moved = d
        .changes
        .iter()
        .find(|c| matches!(&c.change, ChangeKind::Changed(cs) if cs.iter().any(|x| x.name == "Article")))
        .expect("a measure moved to another article");
    let ChangeKind::Changed(clauses) = &moved.change else {
        unreachable!()
    };
    let article = clauses.iter().find(|x| x.name == "Article").unwrap();
    assert_eq!(article.old.as_deref(), Some("Art. 10"));
    assert_eq!(article.new.as_deref(), Some("Art. 10 (as amended)"));
    let sunset = d
        .changes
        .iter()
        .flat_map(|c| match &c.change {
            ChangeKind::Changed(cs) => cs.clone(),
            _ => Vec::new(),
        })
        .find(|x| x.name == "Sunset")
        .expect("the sunset became a fixed expiry");
    assert_eq!(
        sunset.old.as_deref(),
        Some("lapses 30d after each entry into force")
    );
    assert_eq!(sunset.new, None);
}

#[test]
fn markdown_escapes_charter_text_and_is_deterministic() {
    let hostile = UKRAINE.replace(
        "title = \"Snapback Security Guarantee for Ukraine\"",
        "title = \"<script>alert(1)</script> *bold* [link](x)\"",
    );
    let text = TreatyText::of(&load("hostile.toml", &hostile), Lang::En);
    let md = markdown::render(&text);
    assert!(
        md.starts_with("# \\<script\\>alert(1)\\</script\\> \\*bold\\* \\[link\\](x)\n"),
        "{}",
        &md[..200]
    );
    assert!(!md.contains("<script>"));
    assert!(md.contains("<a id=\"art-5-2\"></a>\n\n### Art. 5(2)\n"));
    assert_eq!(
        md,
        markdown::render(&TreatyText::of(&load("hostile.toml", &hostile), Lang::En))
    );
    assert_eq!(markdown::escape("a\nb|c"), "a b\\|c");
}

#[test]
fn history_labels_are_every_version_s_articles() {
    let m1 = load("measures.toml", source("measures.toml"));
    let m2 = load("measures-v2.toml", source("measures-v2.toml"));
    let history = CharterHistory::new(vec![m1, m2]).unwrap();
    let labels = history_labels(&history);
    assert!(labels.contains(&"Art. 10".to_owned()));
    assert!(labels.contains(&"Art. 10 (as amended)".to_owned()));
    let mut sorted = labels.clone();
    sorted.sort_by(|a, b| natural_cmp(a, b));
    assert_eq!(labels, sorted);
}
