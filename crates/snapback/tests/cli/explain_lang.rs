//! `snapback explain --lang`: Ukrainian on request, English by default and byte for byte the
//! same with `--lang en`, and a bad language refused like other bad input (exit 2).

use crate::{flat, snapback, stderr, stdout};

const SCENARIO: &str = "scenarios/04-flipped-deadline-split.toml";

#[test]
fn explain_speaks_ukrainian_on_request() {
    let out = snapback(&["explain", SCENARIO, "C1", "--lang", "uk"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = flat(&stdout(&out));
    for words in [
        "Заява C1 — АКТИВОВАНО (ступінь тяжкості 1, shelling)",
        "сторона A голосує «необґрунтована»",
        "Відповідно до Art. 4 (перекладений тягар доказування)",
        "Голоси: «необґрунтована» — 2, «обґрунтована» — 1, утрималися — 1, не голосували — 1.",
        "Активовано зі спливом строку 2026-01-12T00:00:00Z",
        "(голосів «необґрунтована» — 2 з потрібних 3)",
        "Цитовані статті",
    ] {
        assert!(text.contains(words), "no “{words}” in {text}");
    }
    for english in [
        "votes",
        "unfounded",
        "deadline",
        "Under",
        "Activated",
        "members",
    ] {
        assert!(
            !text
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w == english),
            "English `{english}` in {text}"
        );
    }
    let json = stdout(&snapback(&[
        "explain", SCENARIO, "C1", "--json", "--lang", "uk",
    ]));
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["status"], "activated");
    let explanation = v["explanation"].as_str().expect("an explanation");
    assert!(
        explanation.starts_with("Відповідно до Art. 4"),
        "{explanation}"
    );
}

#[test]
fn english_is_the_default_and_a_bad_language_is_refused() {
    let plain = snapback(&["explain", SCENARIO, "C1"]);
    let en = snapback(&["explain", SCENARIO, "C1", "--lang", "en"]);
    assert!(plain.status.success() && en.status.success());
    assert_eq!(stdout(&plain), stdout(&en));
    let bad = snapback(&["explain", SCENARIO, "C1", "--lang", "de"]);
    assert_eq!(bad.status.code(), Some(2));
    let err = stderr(&bad);
    assert!(
        err.contains("`de`") && err.contains("`en`") && err.contains("`uk`"),
        "{err}"
    );
}
