//! The behaviour that lapses and adapts: responses with a duration, political will that drifts
//! after false activations, and voting blocs. Each must change its result in the expected
//! direction, and must change nothing when it is off (or cannot act). Variants and configs share
//! their random numbers, so runs are compared one by one.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::atomic::AtomicU64;

use snapback_charter::Source;
use snapback_sim::record::RunRecord;
use snapback_sim::{Sweep, parse_config};

const GUARANTORS: &str = "\"US\", \"GB\", \"CA\", \"JP\", \"NO\", \"DE\", \"FR\", \"IT\", \"PL\", \"NL\", \"SE\", \"DK\", \"FI\", \"LT\", \"LV\", \"EE\"";

fn runs(config: &str) -> Vec<Vec<RunRecord>> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let base = std::fs::read_to_string(root.join("charters/ukraine.toml")).unwrap();
    let config = parse_config(&Source::new("test.toml", config.to_owned())).unwrap();
    let sweep = Sweep::new(config, &Source::new("ukraine.toml", base)).unwrap();
    sweep.run(0, &AtomicU64::new(0)).unwrap().0.runs
}

/// A year of salami at one violation a day, pausing 30 days after each activation, with
/// `filing` and `voting` lines added, under the given variants.
fn config(filing: &str, voting: &str, variants: &str) -> String {
    format!(
        "[simulation]\ncharter = \"ukraine.toml\"\nhorizon = \"365d\"\nruns = 150\nseed = 17\n\n\
         [adversary]\nstrategy = \"salami\"\nrate_per_day = 1.0\npause_after_activation = \"30d\"\n\n\
         [filing]\ndetection = 0.9\ndelay = \"6h\"\n{filing}\n\n\
         [voting]\nunfounded_genuine = 0.2\nunfounded_fabricated = 0.7\nno_vote = 0.2\n{voting}\n\n\
         {variants}"
    )
}

fn mean(runs: &[RunRecord], f: impl Fn(&RunRecord) -> f64) -> f64 {
    runs.iter().map(f).sum::<f64>() / runs.len() as f64
}

fn final_gain(r: &RunRecord) -> f64 {
    r.gain_by_day.last().copied().unwrap_or(0.0)
}

#[test]
fn a_response_that_lapses_lets_the_adversary_gain_again_and_changes_nothing_before() {
    // Responses last 10 days while the adversary pauses 30: when it resumes, nothing holds it
    // until the next activation.
    let sweep = runs(&config(
        "",
        "",
        "[[variant]]\nname = \"for-good\"\n\n\
         [[variant]]\nname = \"lapses-10d\"\nresponse_duration = \"10d\"\n\n\
         [[variant]]\nname = \"outlasts-the-year\"\nresponse_duration = \"400d\"\n",
    ));
    let (for_good, lapses, outlasts) = (&sweep[0], &sweep[1], &sweep[2]);
    for ((a, b), c) in for_good.iter().zip(lapses).zip(outlasts) {
        // The adversary and the votes are the same; only what a response prevents differs.
        assert_eq!(a.violations, b.violations);
        assert_eq!(a.gain_before_response, b.gain_before_response);
        assert!(final_gain(b) >= final_gain(a), "run {}", a.run);
        // A response that outlasts the horizon is a response for good.
        assert_eq!(a.gain_by_day, c.gain_by_day, "run {}", a.run);
    }
    let (good, lapsing) = (mean(for_good, final_gain), mean(lapses, final_gain));
    assert!(
        lapsing > 2.0 * good,
        "mean gain for good {good}, lapsing {lapsing}"
    );
}

#[test]
fn false_activations_that_erode_political_will_make_later_ones_rarer() {
    let fabricated = "fabricated_per_day = 0.1\nfabricated_severity = 2";
    let variant = "[[variant]]\nname = \"base\"\n";
    let steady = runs(&config(fabricated, "", variant));
    let eroding = runs(&config(
        fabricated,
        "will_shift_per_false_activation = 0.5",
        variant,
    ));
    let (before, after) = (
        mean(&steady[0], |r| r.false_activations as f64),
        mean(&eroding[0], |r| r.false_activations as f64),
    );
    assert!(
        after < 0.8 * before,
        "false activations {before} then {after}"
    );
    let dismissed = |runs: &[RunRecord]| mean(runs, |r| r.dismissals as f64);
    assert!(dismissed(&eroding[0]) > dismissed(&steady[0]));
    // Without fabricated claims there is no false activation to react to: nothing changes.
    let none = runs(&config("", "", variant));
    let none_eroding = runs(&config(
        "",
        "will_shift_per_false_activation = 0.5",
        variant,
    ));
    assert_eq!(none, none_eroding);
}

#[test]
fn a_bloc_that_leans_together_moves_the_majority_and_a_bloc_of_zero_changes_nothing() {
    let variant = "[[variant]]\nname = \"base\"\n";
    let alone = runs(&config("", "", variant));
    let zero = runs(&config(
        "",
        &format!("[[voting.bloc]]\nname = \"all\"\nmembers = [{GUARANTORS}]\nsd = 0.0"),
        variant,
    ));
    assert_eq!(alone, zero);
    let together = runs(&config(
        "",
        &format!("[[voting.bloc]]\nname = \"all\"\nmembers = [{GUARANTORS}]\nsd = 2.0"),
        variant,
    ));
    // Each voter says "unfounded" with probability 0.2 on its own, so 9 of 16 almost never
    // agree; leaning together, in some runs most of them do.
    let share = |runs: &[RunRecord]| {
        mean(runs, |r| r.dismissals as f64) / mean(runs, |r| r.claims as f64).max(1e-9)
    };
    assert!(
        share(&together[0]) > 2.0 * share(&alone[0]) + 0.01,
        "dismissed share alone {}, in a bloc {}",
        share(&alone[0]),
        share(&together[0])
    );
}

#[test]
fn a_bloc_must_name_members_who_vote() {
    let text = config(
        "",
        "[[voting.bloc]]\nname = \"b\"\nmembers = [\"US\", \"ES\"]\nsd = 1.0\n\n\
         [[voting.bloc]]\nname = \"b\"\nmembers = [\"US\"]\nsd = -1.0",
        "[[variant]]\nname = \"base\"\nresponse_duration = \"0s\"\n",
    );
    let errors = parse_config(&Source::new("test.toml", text.clone()))
        .expect_err("refused")
        .errors;
    let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
    for expected in [
        "bloc `b` is named twice",
        "a bloc needs at least two members",
        "-1 is outside 0 to 10",
        "`0s` is zero: a deadline must lie after the moment it is counted from",
    ] {
        assert!(messages.contains(&expected), "{expected}: {messages:?}");
    }
    // UA, the beneficiary, sits on no deciding body: it never votes.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let base = std::fs::read_to_string(root.join("charters/ukraine.toml")).unwrap();
    let refused = config(
        "",
        "[[voting.bloc]]\nname = \"b\"\nmembers = [\"US\", \"UA\"]\nsd = 1.0",
        "[[variant]]\nname = \"base\"\n",
    );
    let parsed = parse_config(&Source::new("test.toml", refused)).unwrap();
    let error =
        Sweep::new(parsed, &Source::new("ukraine.toml", base.clone())).expect_err("refused");
    assert!(error.to_string().contains("`b` names `UA`"), "{error}");
    // ES is not a guarantor, but it votes in the Council on the EU leg and on renewals.
    let ok = config(
        "",
        "[[voting.bloc]]\nname = \"b\"\nmembers = [\"US\", \"ES\"]\nsd = 1.0",
        "[[variant]]\nname = \"base\"\n",
    );
    let parsed = parse_config(&Source::new("test.toml", ok)).unwrap();
    assert!(Sweep::new(parsed, &Source::new("ukraine.toml", base)).is_ok());
}

/// `[[voting.regime_change]]` tables turning nine guarantors (a majority) against the claims
/// from `when` on.
fn nine_change(when: &str, unfounded: f64) -> String {
    ["US", "GB", "CA", "JP", "NO", "DE", "FR", "IT", "PL"]
        .iter()
        .map(|p| {
            format!(
                "[[voting.regime_change]]\nparty = \"{p}\"\n{when}\nunfounded_genuine = {unfounded}\n\n"
            )
        })
        .collect()
}

#[test]
fn a_change_of_government_turns_later_votes_and_changes_nothing_before_it_or_after_the_horizon() {
    let variant = "[[variant]]\nname = \"base\"\n";
    let before = runs(&config("", "", variant));
    let turned = runs(&config("", &nine_change("at = \"120d\"", 0.95), variant));
    let dismissed = |runs: &[RunRecord]| mean(runs, |r| r.dismissals as f64);
    assert!(
        dismissed(&turned[0]) > dismissed(&before[0]) + 1.0,
        "dismissals {} then {}",
        dismissed(&before[0]),
        dismissed(&turned[0])
    );
    // Not before the change: the first 120 days' gain before a response is the same.
    for (a, b) in before[0].iter().zip(&turned[0]) {
        assert_eq!(a.gain_by_day[..119], b.gain_by_day[..119], "run {}", a.run);
    }
    // A change after the horizon, or to the model the party already has, changes nothing.
    assert_eq!(
        before,
        runs(&config("", &nine_change("at = \"400d\"", 0.95), variant))
    );
    assert_eq!(
        before,
        runs(&config("", &nine_change("at = \"120d\"", 0.2), variant))
    );
    // At a random instant within the year: somewhere in between.
    let random = runs(&config(
        "",
        &nine_change("within = \"365d\"", 0.95),
        variant,
    ));
    let between = dismissed(&random[0]);
    assert!(
        dismissed(&before[0]) < between && between < dismissed(&turned[0]) + 5.0,
        "{between}"
    );
}

#[test]
fn a_regime_change_needs_one_instant_and_one_per_party() {
    let text = config(
        "",
        "[[voting.regime_change]]\nparty = \"US\"\nat = \"10d\"\nwithin = \"20d\"\n\n\
         [[voting.regime_change]]\nparty = \"US\"\nat = \"30d\"\nunfounded_genuine = 2.0",
        "[[variant]]\nname = \"base\"\n",
    );
    let errors = parse_config(&Source::new("test.toml", text))
        .expect_err("refused")
        .errors;
    let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
    for expected in [
        "give either `at` or `within`, not both or neither",
        "`US` changes government twice",
        "2 is not a probability",
    ] {
        assert!(messages.contains(&expected), "{expected}: {messages:?}");
    }
}

/// Half a year of steady salami (no pause) that may learn the escalation threshold.
fn steady_salami(stay_under: bool, variant: &str) -> Vec<Vec<RunRecord>> {
    let text = config("", "", variant)
        .replace("horizon = \"365d\"", "horizon = \"180d\"")
        .replace("pause_after_activation = \"30d\"\n", "")
        .replace(
            "rate_per_day = 1.0\n",
            &format!("rate_per_day = 1.0\nstay_under_escalation = {stay_under}\n"),
        );
    runs(&text)
}

#[test]
fn an_adversary_that_learns_the_threshold_stays_under_it() {
    let variant = "[[variant]]\nname = \"base\"\n";
    let (naive, learning) = (steady_salami(false, variant), steady_salami(true, variant));
    let escalations = |runs: &[RunRecord]| mean(runs, |r| r.escalations as f64);
    let violations = |runs: &[RunRecord]| mean(runs, |r| r.violations as f64);
    // It escalates once, to learn, and then rarely: it commits fewer violations to stay under.
    assert!(
        escalations(&learning[0]) < 0.5 * escalations(&naive[0]),
        "escalations {} then {}",
        escalations(&naive[0]),
        escalations(&learning[0])
    );
    assert!(
        learning[0]
            .iter()
            .all(|r| r.escalations >= 1 || r.activations == 0)
    );
    assert!(violations(&learning[0]) < violations(&naive[0]));
    // Where the charter's escalation cannot be reached there is nothing to learn: nothing changes.
    let unreachable = "[[variant]]\nname = \"base\"\nescalation_threshold = 100000\n";
    assert_eq!(
        steady_salami(false, unreachable),
        steady_salami(true, unreachable)
    );
}

/// A year of salami under `variants`, the guarantors voting "unfounded" on a genuine claim
/// with probability `unfounded`, the adversary reading the body's record or not.
fn reading_salami(read_record: bool, unfounded: f64, variants: &str) -> Vec<Vec<RunRecord>> {
    let text = config("", "", variants)
        .replace(
            "rate_per_day = 1.0\n",
            &format!("rate_per_day = 1.0\nread_record = {read_record}\n"),
        )
        .replace(
            "unfounded_genuine = 0.2",
            &format!("unfounded_genuine = {unfounded:?}"),
        );
    runs(&text)
}

#[test]
fn an_adversary_that_reads_the_record_pushes_a_body_that_dismisses_and_not_one_that_acts() {
    // Under a unanimous finding of "founded", claims are often dismissed: each dismissal
    // emboldens the adversary one severity step.
    let weak =
        "[[variant]]\nname = \"standard-unanimity\"\nburden = \"standard\"\nrule = \"unanimity\"\n";
    let (blind, reading) = (
        reading_salami(false, 0.2, weak),
        reading_salami(true, 0.2, weak),
    );
    let gain = |runs: &[RunRecord]| mean(runs, final_gain);
    assert!(
        mean(&blind[0], |r| r.dismissals as f64) > 1.0,
        "the body dismisses claims"
    );
    assert!(
        gain(&reading[0]) > 1.5 * gain(&blind[0]),
        "gain blind {}, reading the record {}",
        gain(&blind[0]),
        gain(&reading[0])
    );
    // A body that never dismisses a genuine claim gives the adversary nothing to read.
    let flipped = "[[variant]]\nname = \"flipped\"\n";
    let (blind, reading) = (
        reading_salami(false, 0.0, flipped),
        reading_salami(true, 0.0, flipped),
    );
    assert_eq!(mean(&blind[0], |r| r.dismissals as f64), 0.0);
    assert_eq!(blind, reading);
}
