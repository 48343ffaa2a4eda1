//! Sensitivity studies of the simulator: a parameter that cannot change a result gets no effect
//! and no index, one that must change it gets one, a study is reproducible, and a bad
//! `[sensitivity]` table is located.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use snapback_charter::Source;
use snapback_sim::parse_config;
use snapback_sim::sensitivity::study::{Study, run_study};

fn base() -> Source {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    Source::new(
        "ukraine.toml",
        std::fs::read_to_string(root.join("charters/ukraine.toml")).unwrap(),
    )
}

/// Ten days of salami (pausing after a response) with no fabricated claims, so how guarantors
/// vote on fabricated claims cannot matter, while detection must.
fn config(method: &str, samples: usize) -> String {
    format!(
        "[simulation]\ncharter = \"ukraine.toml\"\nhorizon = \"10d\"\nruns = 10\nseed = 3\n\n\
         [adversary]\nstrategy = \"salami\"\nrate_per_day = 1.0\npause_after_activation = \"30d\"\n\n\
         [filing]\ndetection = 0.5\n\n\
         [voting]\nno_vote = 0.2\n\n\
         [[variant]]\nname = \"base\"\n\n\
         [sensitivity]\nmethod = \"{method}\"\nsamples = {samples}\nruns = 20\n\n\
         [[sensitivity.parameter]]\nkey = \"voting.unfounded_fabricated\"\nlow = 0.1\nhigh = 0.9\n\n\
         [[sensitivity.parameter]]\nkey = \"filing.detection\"\nlow = 0.05\nhigh = 1.0\n"
    )
}

fn study(method: &str, samples: usize, threads: usize) -> Study {
    let config = parse_config(&Source::new("study.toml", config(method, samples))).unwrap();
    run_study(&config, &base(), None, threads).unwrap()
}

#[test]
fn morris_finds_no_effect_where_there_can_be_none_and_one_where_there_must_be() {
    let s = study("morris", 6, 0);
    assert_eq!(s.points, 6 * 3);
    for m in &s.metrics {
        let effects = m.morris.as_ref().unwrap();
        assert_eq!(effects[0].mu_star, 0.0, "{}: {effects:?}", m.metric);
        assert_eq!(effects[0].sigma, 0.0, "{}", m.metric);
    }
    let claims_answered = s.metrics.iter().find(|m| m.metric == "responded").unwrap();
    let detection = claims_answered.morris.as_ref().unwrap()[1];
    // Detecting more violations answers more of them: a positive effect.
    assert!(
        detection.mu > 0.0 && detection.mu_star > 0.0,
        "{detection:?}"
    );
}

#[test]
fn sobol_gives_no_share_to_a_parameter_that_changes_nothing() {
    let s = study("sobol", 16, 0);
    assert_eq!(s.points, 16 * 4);
    for m in &s.metrics {
        let indices = m.sobol.as_ref().unwrap();
        assert_eq!(
            (indices[0].first, indices[0].total),
            (0.0, 0.0),
            "{}",
            m.metric
        );
    }
    let violations = s.metrics.iter().find(|m| m.metric == "violations").unwrap();
    // Without detection nothing is answered and the salami never pauses: detection drives it.
    assert!(
        violations.sobol.as_ref().unwrap()[1].total > 0.5,
        "{violations:?}"
    );
}

#[test]
fn a_study_is_the_same_on_one_thread_and_on_two() {
    assert_eq!(study("morris", 3, 1), study("morris", 3, 2));
}

#[test]
fn a_bad_sensitivity_table_is_located() {
    let text = config("sobol", 4)
        .replace("key = \"filing.detection\"", "key = \"filing.detect\"")
        .replace("low = 0.1\nhigh = 0.9", "low = 0.9\nhigh = 0.1")
        .replace("[sensitivity]\n", "[sensitivity]\nvariant = \"other\"\n");
    let errors = parse_config(&Source::new("study.toml", text))
        .expect_err("refused")
        .errors;
    let found: Vec<(usize, String)> = errors.iter().map(|e| (e.line, e.message.clone())).collect();
    let has = |line: usize, text: &str| found.iter().any(|(l, m)| *l == line && m.contains(text));
    assert!(has(22, "no variant `other`"), "{found:?}");
    assert!(
        has(24, "4 samples: this method needs at least 8"),
        "{found:?}"
    );
    assert!(has(29, "0.9 to 0.1 is not a range"), "{found:?}");
    assert!(
        has(33, "`filing.detect` is not a parameter a study can vary"),
        "{found:?}"
    );
}
