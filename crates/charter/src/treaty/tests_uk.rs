//! The treaty text in Ukrainian: both languages' words are in step, every element of every
//! charter is worded in Ukrainian (no parameter's name or our own words left in English), and
//! the figures read the same in both languages.

use std::path::Path;

use snapback_i18n::check;

use super::tests::{charters, load, source};
use super::*;

/// Parameters whose text is the charter's own data (ids, names, amounts, instants, lists), the
/// same in every language. Any other parameter reading the same in both languages was left
/// untranslated.
const DATA_CLAUSES: [&str; 38] = [
    "Beneficiary",
    "Purpose",
    "Roles",
    "Groups",
    "Population",
    "Signing keys",
    "Who may file",
    "Who verifies",
    "Deciding body",
    "Proposed by",
    "Who owes",
    "What",
    "Amount",
    "Items",
    "Met when in force",
    "Currency of account",
    "Disbursed by",
    "Peace mode purposes",
    "Conflict mode purposes",
    "Host",
    "Donor",
    "On",
    "Held by",
    "Kind",
    "Legal basis",
    "Expires",
    "Snapped back by",
    "Puts back in force",
    "Packages activated",
    "Activated by the tiers",
    "Monitor",
    "Counts",
    "Area",
    "Sides",
    "Categories",
    "Areas",
    "Verified by",
    "Renewing body",
];

/// Parameters that are keys and names in every language.
const DATA_CLAUSES_LOG: [&str; 3] = ["Origin", "Verifier key", "Excluded flags"];

#[test]
fn both_languages_define_every_word_of_the_treaty_text() {
    let problems = check::consistent(&WORDS);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/treaty");
    let used = check::ids_in_sources(&dir, &["msg(", "msg_args(", "with_duration(w, "]).unwrap();
    assert!(used.len() > 100, "{} ids: {used:?}", used.len());
    let missing = check::missing(&WORDS, &used);
    assert!(missing.is_empty(), "{}", missing.join("\n"));
    for kind in ProvisionKind::ALL {
        for lang in Lang::ALL {
            let id = format!("kind-{}", kind.name());
            assert!(WORDS.has(lang, &id), "{lang}: `{id}` is missing");
        }
    }
}

fn every_provision(text: &TreatyText) -> Vec<&Provision> {
    text.preamble
        .iter()
        .chain(text.articles.iter().flat_map(|a| &a.provisions))
        .chain(&text.unnumbered)
        .collect()
}

#[test]
fn every_element_of_every_charter_reads_in_ukrainian() {
    let mut kinds = std::collections::BTreeSet::new();
    for (name, text) in charters() {
        let c = load(&name, &text);
        let en = TreatyText::of(&c, Lang::En);
        let uk = TreatyText::of(&c, Lang::Uk);
        let (en_all, uk_all) = (every_provision(&en), every_provision(&uk));
        assert_eq!(en_all.len(), uk_all.len(), "{name}");
        for (e, u) in en_all.iter().zip(&uk_all) {
            kinds.insert(e.kind);
            assert_eq!(e.key, u.key, "{name}: the same elements in the same order");
            assert_ne!(
                e.title(en.words()),
                u.title(uk.words()),
                "{name}: {} has an English title in Ukrainian",
                e.key
            );
            assert_eq!(e.clauses.len(), u.clauses.len(), "{name}: {}", e.key);
            for (ec, uc) in e.clauses.iter().zip(&u.clauses) {
                assert_ne!(
                    ec.name, uc.name,
                    "{name}: {} `{}` untranslated",
                    e.key, ec.name
                );
                let data = DATA_CLAUSES.contains(&ec.name.as_str())
                    || DATA_CLAUSES_LOG.contains(&ec.name.as_str())
                    || ec.name.starts_with("Contributor ") && uc.text.contains("частка")
                    || ec.name.starts_with("Witness ");
                assert!(
                    data || ec.text != uc.text,
                    "{name}: {} `{}` reads “{}” in Ukrainian too",
                    e.key,
                    ec.name,
                    uc.text
                );
                for mark in ["{", "}"] {
                    assert!(!uc.text.contains(mark), "{name}: {}: {}", e.key, uc.text);
                }
            }
        }
    }
    // Together the charters use every kind of element, so every kind was checked.
    assert_eq!(kinds.len(), ProvisionKind::ALL.len(), "{kinds:?}");
}

#[test]
fn the_reference_text_reads_in_ukrainian_with_the_same_figures() {
    let c = load("ukraine.toml", source("ukraine.toml"));
    let md = markdown::render(&TreatyText::of(&c, Lang::Uk));
    for words in [
        "## Версії",
        "## Сторони",
        "## Статті",
        "**Правило голосування:** більшість: «за» понад половину з",
        "**Тягар доказування:** перекладений: заява набирає чинності, якщо до спливу строку орган не ухвалить, що вона необґрунтована",
        "годин після подання заяви",
        "#### Зобов’язання:",
    ] {
        assert!(md.contains(words), "lacks “{words}”:\n{md}");
    }
    for english in [
        "## Versions",
        "Voting rule",
        "Burden of proof",
        " after the filing",
        "Decide within",
        "in force from",
    ] {
        assert!(!md.contains(english), "shows “{english}”:\n{md}");
    }
    // The figures are the same: every number of the English text is in the Ukrainian one.
    let en = markdown::render(&TreatyText::of(&c, Lang::En));
    let numbers = |text: &str| -> std::collections::BTreeSet<String> {
        text.split(|ch: char| !ch.is_ascii_digit())
            .filter(|n| n.len() >= 2)
            .map(str::to_owned)
            .collect()
    };
    let missing: Vec<String> = numbers(&en).difference(&numbers(&md)).cloned().collect();
    assert!(missing.is_empty(), "numbers lost in Ukrainian: {missing:?}");
}

#[test]
fn a_ukrainian_diff_names_the_changes_in_ukrainian() {
    let v1 = load("five.toml", source("five.toml"));
    let v2 = load("five-v2.toml", source("five-v2.toml"));
    let history = CharterHistory::new(vec![v1, v2]).unwrap();
    let md = markdown::render(&TreatyText::new(&history, None, Lang::Uk));
    assert!(md.contains("## Зміни між версіями"), "{md}");
    assert!(
        md.contains("### Версія 1 → версія 2 (чинна з 2026-02-01T00:00:00Z)"),
        "{md}"
    );
    assert!(md.contains("- **Змінено:** "), "{md}");
    assert!(md.contains(" → «"), "Ukrainian quotes: {md}");
}
