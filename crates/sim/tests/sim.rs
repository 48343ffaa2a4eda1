//! The simulator against arithmetic it must agree with, and its determinism.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::atomic::AtomicU64;

use snapback_charter::Source;
use snapback_sim::output::write_csv;
use snapback_sim::stats::{binomial_tail, summarize, wilson};
use snapback_sim::{Sweep, parse_config};

/// A charter with `n` guarantors deciding by a majority of all members under the flipped
/// burden, and one tier whose package creates one obligation.
fn charter(n: usize) -> String {
    let mut s = String::from(
        "[charter]\nid = \"t\"\ntitle = \"t\"\nversion = \"1\"\neffective = 2026-01-01T00:00:00Z\n\
         beneficiary = \"UA\"\n\n[[party]]\nid = \"UA\"\nname = \"UA\"\nroles = [\"beneficiary\"]\n\n",
    );
    for i in 0..n {
        s.push_str(&format!(
            "[[party]]\nid = \"G{i}\"\nname = \"G{i}\"\nroles = [\"guarantor\"]\n\n"
        ));
    }
    s.push_str(
        "[[body]]\nid = \"ministers\"\nmembers = { role = \"guarantor\" }\nrule = \"majority\"\n\n\
         [verification]\nclaimants = [\"UA\"]\nbody = \"ministers\"\ndecide_within = \"48h\"\n\
         burden = \"flipped\"\n\n[[tier]]\nid = \"any\"\nmin_severity = 1\npackages = [\"p\"]\n\n\
         [[package]]\nid = \"p\"\n[[package.obligation]]\nparty = \"G0\"\nkind = \"sanctions\"\n\
         due_within = \"72h\"\ndescription = \"d\"\n",
    );
    s
}

/// One genuine claim per run, every member voting "unfounded" with probability `q`.
fn one_claim_config(q: f64, runs: u64) -> String {
    format!(
        "[simulation]\ncharter = \"t.toml\"\nhorizon = \"30d\"\nruns = {runs}\nseed = 7\n\n\
         [adversary]\nstrategy = \"offensive\"\nafter = \"1d\"\nseverity = 3\n\n\
         [filing]\ndetection = 1.0\n\n\
         [voting]\nunfounded_genuine = {q}\nabstain = 0.0\nno_vote = 0.0\ndelay_min = \"1h\"\ndelay_max = \"24h\"\n\n\
         [[variant]]\nname = \"base\"\n"
    )
}

fn sweep(config: &str, charter_text: String) -> Sweep {
    let config = parse_config(&Source::new("test.toml", config.to_owned())).unwrap();
    Sweep::new(config, &Source::new("t.toml", charter_text)).unwrap()
}

#[test]
fn the_dismissal_rate_matches_the_binomial_tail() {
    const RUNS: u64 = 4_000;
    for (n, q) in [(3usize, 0.3), (5, 0.5), (8, 0.4), (16, 0.45), (7, 0.7)] {
        let s = sweep(&one_claim_config(q, RUNS), charter(n));
        let (result, _) = s.run(0, &AtomicU64::new(0)).unwrap();
        let runs = &result.runs[0];
        assert!(runs.iter().all(|r| r.claims == 1 && r.violations == 1));
        // Every claim is determined one way or the other.
        assert!(
            runs.iter().all(|r| r.dismissals + r.activations == 1),
            "n={n}"
        );
        let dismissed = runs.iter().filter(|r| r.dismissals == 1).count() as u64;
        // Dismissed iff a majority of all n members finds it unfounded: X >= floor(n/2) + 1.
        let expected = binomial_tail(n as u64, n as u64 / 2 + 1, q);
        let (lo, hi) = wilson(dismissed, RUNS, 2.575_829).unwrap();
        assert!(
            lo <= expected && expected <= hi,
            "n={n} q={q}: simulated {dismissed}/{RUNS}, 99% interval [{lo:.4}, {hi:.4}], binomial tail {expected:.4}"
        );
    }
}

fn salami_with(runs: u64, fabricated_per_day: f64) -> Sweep {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let text = std::fs::read_to_string(root.join("sims/salami.toml")).unwrap();
    let base = std::fs::read_to_string(root.join("charters/ukraine.toml")).unwrap();
    let mut config = parse_config(&Source::new("salami.toml", text)).unwrap();
    config.simulation.runs = runs;
    config.filing.fabricated_per_day = fabricated_per_day;
    Sweep::new(config, &Source::new("ukraine.toml", base)).unwrap()
}

fn salami(runs: u64) -> Sweep {
    salami_with(runs, 0.033)
}

#[test]
fn one_thread_and_two_give_byte_identical_results() {
    let s = salami(40);
    let csv = |threads: usize| {
        let (result, _) = s.run(threads, &AtomicU64::new(0)).unwrap();
        let mut bytes = Vec::new();
        write_csv(&result, &mut bytes).unwrap();
        let summary = serde_json::to_string(&summarize(&result)).unwrap();
        (bytes, summary)
    };
    let one = csv(1);
    let two = csv(2);
    assert_eq!(one.0, two.0, "runs.csv differs between 1 and 2 threads");
    assert_eq!(one.1, two.1, "summary differs between 1 and 2 threads");
    assert!(one.0.len() > 1_000);
    // And a run is the same when replayed alone.
    let (result, _) = s.run(2, &AtomicU64::new(0)).unwrap();
    let alone = s.run_one(1, 17, true).unwrap();
    assert_eq!(alone.record, result.runs[1][17]);
    assert!(!alone.events.unwrap().is_empty());
}

#[test]
fn variants_share_their_random_numbers() {
    // The variants differ only in what happens after the first claim is judged, so the first
    // violation (the adversary's first draw) is the same in run i of every variant. Without
    // fabricated claims nothing activates before the first genuine response, so an aid lag
    // (which moves the adversary's pauses) cannot change it.
    let s = salami_with(40, 0.0);
    let (result, _) = s.run(0, &AtomicU64::new(0)).unwrap();
    for i in 0..40 {
        let seeds: Vec<u64> = result.runs.iter().map(|v| v[i].seed).collect();
        assert!(seeds.windows(2).all(|w| w[0] == w[1]), "run {i}: {seeds:?}");
    }
    let lag = &result.runs[3];
    let base = &result.runs[0];
    // The aid lag changes nothing before the first response, only when responses bite.
    for (a, b) in base.iter().zip(lag) {
        assert_eq!(a.first_response_h, b.first_response_h);
        assert!(b.gain_before_response >= a.gain_before_response);
    }
}

#[test]
fn a_bad_config_is_located() {
    let bad = one_claim_config(1.5, 10).replace("runs = 10", "runs = 0");
    let e = parse_config(&Source::new("bad.toml", bad)).unwrap_err();
    let text = e.to_string();
    assert!(text.contains("bad.toml:4:8: simulation.runs"), "{text}");
    assert!(text.contains("runs is outside 1 to"), "{text}");
    assert!(text.contains("1.5 is not a probability"), "{text}");
    let unknown = one_claim_config(0.5, 10).replace("seed = 7", "seed = 7\nsed = 8");
    let e = parse_config(&Source::new("typo.toml", unknown)).unwrap_err();
    assert!(e.to_string().contains("typo.toml:6:1"), "{e}");
}

#[test]
fn an_override_for_a_party_that_never_votes_is_refused() {
    let config =
        one_claim_config(0.5, 10) + "\n[[voting.party]]\nparty = \"XX\"\nunfounded_genuine = 0.9\n";
    let config = parse_config(&Source::new("test.toml", config)).unwrap();
    let e = Sweep::new(config, &Source::new("t.toml", charter(3))).unwrap_err();
    assert!(e.to_string().contains("`XX`"), "{e}");
}

#[test]
fn package_decisions_are_voted_on_so_the_eu_leg_can_proceed() {
    // One renewed offensive under the reference charter: its tier includes the EU leg, which
    // needs the EU Council's qualified majority within 7 days.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let base = std::fs::read_to_string(root.join("charters/ukraine.toml")).unwrap();
    let obligations = |yes: f64| {
        let config = format!(
            "[simulation]\ncharter = \"u.toml\"\nhorizon = \"30d\"\nruns = 20\nseed = 3\n\n\
             [adversary]\nstrategy = \"offensive\"\nafter = \"1d\"\nseverity = 5\n\n\
             [voting]\nunfounded_genuine = 0.0\nno_vote = 0.0\ndecision_yes = {yes}\n\n\
             [[variant]]\nname = \"reference\"\n"
        );
        let config = parse_config(&Source::new("d.toml", config)).unwrap();
        let s = Sweep::new(config, &Source::new("ukraine.toml", base.clone())).unwrap();
        let (result, _) = s.run(0, &AtomicU64::new(0)).unwrap();
        result.runs[0]
            .iter()
            .map(|r| {
                assert_eq!(r.activations, 1);
                r.obligations
            })
            .collect::<Vec<_>>()
    };
    let adopted = obligations(1.0);
    let refused = obligations(0.0);
    // The EU leg places one obligation on the EU when adopted, none when refused.
    for (a, r) in adopted.iter().zip(&refused) {
        assert_eq!(*a, *r + 1, "adopted {adopted:?}, refused {refused:?}");
    }
}
