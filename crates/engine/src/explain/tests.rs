//! The explanations' catalog: both languages define the same messages, and every id the code
//! asks for exists in both.

use std::path::Path;

use snapback_i18n::check::{consistent, ids_in_sources, missing};

use super::*;

#[test]
fn both_languages_define_every_message_the_code_uses() {
    let problems = consistent(&WORDS);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut used = ids_in_sources(&src.join("explain"), &["msg(\"", "msg_args(\""])
        .unwrap_or_else(|e| panic!("{e}"));
    // The alerts' words, and what a grading found and whom evidence is released to (report and
    // timeline), which use this catalog too.
    for file in ["alerts.rs", "report/contest.rs", "timeline.rs"] {
        used.extend(
            ids_in_sources(&src.join(file), &["msg(\"", "msg_args(\""])
                .unwrap_or_else(|e| panic!("{e}")),
        );
    }
    assert!(used.len() > 60, "too few ids found: {used:?}");
    let problems = missing(&WORDS, &used);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Chosen at run time, out of the scan's sight.
    for id in ["found-tier-of", "found-tier"] {
        for lang in Lang::ALL {
            assert!(WORDS.has(lang, id), "`{id}` is not in the {lang} file");
        }
    }
}

#[test]
fn ids_chosen_at_run_time_are_defined() {
    // Ids picked by a `match` and passed through a variable, which the scan above cannot see.
    for id in [
        "claim-under-flipped",
        "claim-under-standard",
        "claim-pending-flipped",
        "claim-pending-standard",
        "claim-superseded-waiting",
        "claim-superseded-undetermined",
        "claim-dismissed-adopted",
        "claim-activated-adopted",
        "claim-activated-at-deadline",
        "claim-dismissed-at-deadline",
        "stage-done",
        "stage-fallback",
        "stage-missed",
        "response",
        "response-at-deadline",
        "contest-reply-passed",
        "contest-reply-open",
        "contest-reconsidered",
        "contest-reconsidered-determined",
        "term-after",
        "term-counted-from",
        "quorum-pending",
        "quorum-met",
        "quorum-not-met",
        "decision-pending",
        "decision-adopted",
        "decision-not-adopted",
        "further-motion",
        "further-supersedes-adopted",
        "further-supersedes-pending",
        "further-supersedes-not-adopted",
        "decision-package-waits",
        "decision-package-proceeds",
        "decision-package-lapses",
        "finding-adopted",
        "finding-pending",
        "finding-not-adopted",
        "activation-claim",
        "activation-claim-graded",
        "escalation-claims-activated",
        "escalation-activated-or-raised",
        "package-needs",
        "package-needs-decided",
    ] {
        for lang in Lang::ALL {
            assert!(WORDS.has(lang, id), "`{id}` is not in the {lang} file");
        }
    }
}

#[test]
fn plurals_and_cases_read_right_in_ukrainian() {
    let uk = words(Lang::Uk);
    let quorum = |n: u32| {
        uk.msg_args(
            "quorum-pending",
            &[("quorum", count(n)), ("present", count(0u32))],
        )
    };
    assert!(quorum(1).contains("щонайменше 1 члена;"), "{}", quorum(1));
    assert!(quorum(5).contains("щонайменше 5 членів;"), "{}", quorum(5));
    // Terms are the charter's words (describe_term), in the explanation's language.
    let term = |text: &str| -> snapback_charter::Term {
        #[derive(serde::Deserialize)]
        struct T {
            t: snapback_charter::Term,
        }
        toml::from_str::<T>(&format!("t = {text}")).unwrap().t
    };
    let working = term(r#"{ working_days = 3, zone = "Europe/Kyiv" }"#);
    assert!(
        term_words(uk, &working).starts_with("3 робочі дні; строк спливає"),
        "{}",
        term_words(uk, &working)
    );
    assert_eq!(term_words(uk, &term(r#""48h""#)), "48 годин");
    assert_eq!(term_words(words(Lang::En), &term(r#""48h""#)), "48h");
    let body = uk.msg_args(
        "body-named",
        &[("name", "Council".into()), ("case", "gen".into())],
    );
    assert_eq!(body, "органу «Council»");
    assert_eq!(per_mille(uk, 655), "65,5");
    assert_eq!(per_mille(words(Lang::En), 655), "65.5");
}
