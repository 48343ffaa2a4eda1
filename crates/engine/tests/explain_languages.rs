//! The explanations in both languages over every golden scenario (`scenarios/*.toml`): each is
//! non-empty, shows no Fluent placeable and no message id, and the English one is the report's
//! stored explanation; and the Ukrainian wording of the typical outcomes carries the right
//! figures and no English word.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use snapback_charter::{CharterHistory, Lang, Source};
use snapback_engine::alerts::explain_alert;
use snapback_engine::derived::{ClaimStatus, DecisionStatus};
use snapback_engine::explain::{
    WORDS, explain_activation, explain_board_motion, explain_claim, explain_decision,
    explain_programme_tranche,
};
use snapback_engine::report::Report;
use snapback_engine::scenario::parse_scenario;
use snapback_engine::{State, replay};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The state at the end of scenario `name` (`scenarios/<name>.toml`), as `snapback replay` has it.
fn replayed(name: &str) -> State {
    let path = root().join(format!("scenarios/{name}.toml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    let scenario = parse_scenario(&Source::new(name, text.as_str()))
        .unwrap_or_else(|e| panic!("{name}: {e:?}"));
    let versions = scenario
        .charters
        .iter()
        .map(|reference| {
            let charter_path = path.parent().unwrap_or(Path::new(".")).join(reference);
            let text = std::fs::read_to_string(&charter_path)
                .unwrap_or_else(|e| panic!("{}: {e}", charter_path.display()));
            snapback_charter::load_toml(&Source::new(reference.as_str(), text.as_str()))
                .unwrap_or_else(|e| panic!("{reference}: {e:?}"))
        })
        .collect();
    let history = CharterHistory::new(versions).unwrap_or_else(|e| panic!("{name}: {e}"));
    replay(&history, &scenario.events, scenario.as_of)
}

fn scenarios() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join("scenarios"))
        .expect("scenarios directory")
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".toml").map(str::to_owned))
        .collect();
    names.sort();
    names
}

/// Every message id of the catalog, to find one shown as text.
fn ids() -> Vec<String> {
    let file = WORDS.file(Lang::En);
    snapback_i18n::check::messages(file.path, file.source)
        .unwrap_or_else(|e| panic!("{e}"))
        .into_keys()
        .collect()
}

/// What is wrong with `text` as an explanation: empty, a placeable left in, or an id shown.
fn flaws(text: &str, ids: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    if text.trim().is_empty() {
        out.push("empty".to_owned());
    }
    if text.contains("{$") || text.contains("{ $") {
        out.push("a Fluent placeable".to_owned());
    }
    // An id is kebab-case with at least one hyphen: shown alone it stands between spaces or
    // punctuation, never inside a word such as "re-examined".
    for id in ids {
        if text
            .split(|c: char| c.is_whitespace() || "(),;:.".contains(c))
            .any(|word| word == id)
        {
            out.push(format!("the message id `{id}`"));
        }
    }
    out
}

#[test]
fn every_explanation_of_every_scenario_reads_in_both_languages() {
    let ids = ids();
    let mut checked = 0;
    for name in scenarios() {
        let state = replayed(&name);
        let report = Report::new(&state);
        let mut problems = Vec::new();
        for lang in Lang::ALL {
            for (c, stored) in state.claims.iter().zip(&report.claims) {
                let text = explain_claim(&state, c, lang);
                if lang == Lang::En && text != stored.explanation {
                    problems.push(format!("claim {}: English differs from the report", c.id));
                }
                for flaw in flaws(&text, &ids) {
                    problems.push(format!("claim {} ({lang}): {flaw}: {text}", c.id));
                }
                checked += 1;
            }
            for (d, stored) in state.decisions.iter().zip(&report.decisions) {
                let text = explain_decision(&state, d, lang);
                if lang == Lang::En && text != stored.explanation {
                    problems.push(format!(
                        "decision {}: English differs from the report",
                        d.id
                    ));
                }
                for flaw in flaws(&text, &ids) {
                    problems.push(format!("decision {} ({lang}): {flaw}: {text}", d.id));
                }
                checked += 1;
            }
            for (a, stored) in state.activations.iter().zip(&report.activations) {
                let text = explain_activation(&state, a, lang);
                if lang == Lang::En && text != stored.explanation {
                    problems.push(format!(
                        "activation {}: English differs from the report",
                        a.id
                    ));
                }
                for flaw in flaws(&text, &ids) {
                    problems.push(format!("activation {} ({lang}): {flaw}: {text}", a.id));
                }
                checked += 1;
            }
            for a in &state.alerts {
                let text = explain_alert(state.history(), a, lang).unwrap_or_default();
                if lang == Lang::En && text != a.explanation {
                    problems.push(format!(
                        "alert {}: English differs from the record",
                        a.alert
                    ));
                }
                for flaw in flaws(&text, &ids) {
                    problems.push(format!("alert {} ({lang}): {flaw}: {text}", a.alert));
                }
                checked += 1;
            }
            for p in report.fund.iter().flat_map(|f| &f.programmes) {
                let currency = report
                    .fund
                    .as_ref()
                    .and_then(|f| f.currency.as_deref())
                    .and_then(|c| snapback_charter::Currency::parse(c).ok())
                    .expect("a fund with programmes has a currency");
                for t in &p.tranches {
                    let text = explain_programme_tranche(p, t, currency, lang);
                    if lang == Lang::En && text != t.explanation {
                        problems.push(format!(
                            "tranche {}: English differs from the report",
                            t.tranche
                        ));
                    }
                    for flaw in flaws(&text, &ids) {
                        problems.push(format!("tranche {} ({lang}): {flaw}: {text}", t.tranche));
                    }
                    if lang == Lang::Uk {
                        uk(&text);
                    }
                    checked += 1;
                }
            }
            if let Some((board, currency)) = report.fund.as_ref().and_then(|f| {
                let currency = f
                    .currency
                    .as_deref()
                    .and_then(|c| snapback_charter::Currency::parse(c).ok())?;
                Some((f.board.as_ref()?, currency))
            }) {
                for m in &board.motions {
                    let text = explain_board_motion(m, currency, board.article.as_deref(), lang);
                    if lang == Lang::En && text != m.explanation {
                        problems.push(format!(
                            "motion {}: English differs from the report",
                            m.decision
                        ));
                    }
                    for flaw in flaws(&text, &ids) {
                        problems.push(format!("motion {} ({lang}): {flaw}: {text}", m.decision));
                    }
                    if lang == Lang::Uk {
                        uk(&text);
                    }
                    checked += 1;
                }
            }
        }
        assert!(problems.is_empty(), "{name}:\n{}", problems.join("\n"));
    }
    assert!(checked > 200, "only {checked} explanations checked");
}

/// English words a Ukrainian explanation must not show (the charter's own names and articles
/// aside, which the scenarios below do not use in these words).
const ENGLISH: [&str; 14] = [
    "votes",
    "unfounded",
    "founded",
    "deadline",
    "Pending",
    "Activated",
    "Dismissed",
    "Adopted",
    "members",
    "needed",
    "Under",
    "Response",
    "quorum",
    "package",
];

fn uk(text: &str) -> &str {
    let english = snapback_i18n::check::standalone_words(text, &ENGLISH);
    assert!(english.is_empty(), "English {english:?} in: {text}");
    assert!(!text.contains('{'), "a placeable in: {text}");
    text
}

fn claim_uk(state: &State, id: &str) -> String {
    let c = state.claim(id).unwrap_or_else(|| panic!("no claim {id}"));
    explain_claim(state, c, Lang::Uk)
}

#[test]
fn a_pending_flipped_burden_claim_reads_in_ukrainian() {
    let state = replayed("01-flipped-nobody-votes");
    let c = &state.claims[0];
    let text = claim_uk(&state, c.id.as_str());
    let _ = uk(&text);
    assert!(text.contains("перекладений тягар доказування"), "{text}");
    assert!(text.contains("набирає чинності, якщо"), "{text}");
    let t = c.tally();
    assert!(
        text.contains(&format!("«необґрунтована» — {}", t.unfounded)),
        "{text}"
    );
}

#[test]
fn a_dismissed_claim_reads_in_ukrainian() {
    let state = replayed("02-flipped-dismissed-early");
    let c = state
        .claims
        .iter()
        .find(|c| c.status == ClaimStatus::Dismissed)
        .expect("a dismissed claim");
    let text = uk(&claim_uk(&state, c.id.as_str())).to_owned();
    assert!(text.contains("Відхилено"), "{text}");
    let t = c.tally();
    assert!(
        text.contains(&format!("«необґрунтована» — {}", t.unfounded)),
        "{text}"
    );
    assert!(
        text.contains(&format!("«обґрунтована» — {}", t.founded)),
        "{text}"
    );
}

#[test]
fn an_activated_claim_and_its_activation_read_in_ukrainian() {
    let state = replayed("03-flipped-activated-early");
    let c = state
        .claims
        .iter()
        .find(|c| c.status == ClaimStatus::Activated)
        .expect("an activated claim");
    let text = uk(&claim_uk(&state, c.id.as_str())).to_owned();
    assert!(text.contains("Активовано"), "{text}");
    assert!(text.contains("Наслідок"), "{text}");
    let a = state.activations.first().expect("an activation");
    let text = explain_activation(&state, a, Lang::Uk);
    let _ = uk(&text);
    assert!(
        text.starts_with(&format!("Активація {} {}:", a.id, a.at)),
        "{text}"
    );
    assert!(text.contains(&format!("рівень `{}`", a.tier)), "{text}");
    for p in &a.packages {
        assert!(text.contains(p.as_str()), "{text}");
    }
}

#[test]
fn an_adopted_decision_reads_in_ukrainian() {
    let state = replayed("16-package-decision-adopted");
    let d = state
        .decisions
        .iter()
        .find(|d| d.status == DecisionStatus::Adopted)
        .expect("an adopted decision");
    let text = explain_decision(&state, d, Lang::Uk);
    // The motion's text is a fact of the log (`decision.opened`), quoted as it was recorded.
    assert!(text.contains(&format!("«{}»", d.motion)), "{text}");
    let _ = uk(&text.replace(&d.motion, ""));
    let t = d.tally();
    assert!(text.contains("Ухвалено"), "{text}");
    assert!(text.contains(&format!("«за» — {}", t.yes)), "{text}");
    assert!(text.contains(&format!("«проти» — {}", t.no)), "{text}");
    assert!(text.contains("виконується"), "{text}");
}

#[test]
fn an_alert_reads_in_ukrainian() {
    let state = replayed("42-monitoring-alerts");
    let a = state.alerts.first().expect("an alert");
    let text = explain_alert(state.history(), a, Lang::Uk).expect("its rule");
    let _ = uk(&text);
    assert!(
        text.starts_with(&format!("Відповідно до {}", a.article)),
        "{text}"
    );
    assert!(text.contains(&format!("налічено {}", a.value)), "{text}");
    assert!(text.contains(a.report.as_str()), "{text}");
    assert_ne!(text, a.explanation);
}
