//! Surge shares that wait on parliaments (`[[appropriation]]`, `appropriations = true`): the
//! same runs, with the United States' and Germany's shares appropriated after drawn delays,
//! take effect later, so the adversary gains at least as much in every run and more in some;
//! a variant without the flag is unchanged by the `[[appropriation]]` tables; and mistakes are
//! named.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::atomic::AtomicU64;

use snapback_charter::Source;
use snapback_sim::record::RunRecord;
use snapback_sim::{Sweep, parse_config};

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn sweep(config: &str) -> Result<Sweep, String> {
    let base = std::fs::read_to_string(root().join("charters/ukraine.toml")).unwrap();
    let config =
        parse_config(&Source::new("test.toml", config.to_owned())).map_err(|e| e.to_string())?;
    Sweep::with_record(config, &Source::new("ukraine.toml", base), None).map_err(|e| e.to_string())
}

fn runs(config: &str) -> Vec<Vec<RunRecord>> {
    sweep(config)
        .unwrap()
        .run(0, &AtomicU64::new(0))
        .unwrap()
        .0
        .runs
}

/// A year of major violations (severity 4: the fund's conflict mode and surge), one every ten
/// days on average, with `variants`.
fn major(extra: &str, variants: &str) -> String {
    format!(
        "[simulation]\ncharter = \"ukraine.toml\"\nhorizon = \"365d\"\nruns = 120\nseed = 11\n\n\
         [adversary]\nstrategy = \"salami\"\nrate_per_day = 0.1\nseverity = 4\n\n\
         [filing]\ndetection = 0.9\ndelay = \"6h\"\n\n\
         [voting]\nunfounded_genuine = 0.2\nno_vote = 0.2\nabstain = 0.05\n\n{extra}\n{variants}"
    )
}

const PARLIAMENTS: &str = "[[appropriation]]\nparty = \"US\"\nparliament = \"United States Congress\"\ndelay_min = \"60d\"\ndelay_max = \"120d\"\n\n\
    [[appropriation]]\nparty = \"DE\"\nparliament = \"Deutscher Bundestag\"\ndelay_min = \"10d\"\ndelay_max = \"40d\"\n\n";

const VARIANTS: &str = "[[variant]]\nname = \"owed-on-call\"\n\n[[variant]]\nname = \"appropriated\"\nappropriations = true\n";

#[test]
fn responses_wait_for_appropriations_and_the_adversary_gains_meanwhile() {
    let all = runs(&major(PARLIAMENTS, VARIANTS));
    let (owed, appropriated) = (&all[0], &all[1]);
    let mut later = 0;
    for (o, a) in owed.iter().zip(appropriated) {
        // The same adversary, claims and activations; only when the response takes effect moves.
        assert_eq!(o.violations, a.violations, "run {}", o.run);
        assert_eq!(o.activations, a.activations, "run {}", o.run);
        assert!(
            a.gain_before_response >= o.gain_before_response,
            "run {}: {} < {}",
            o.run,
            a.gain_before_response,
            o.gain_before_response
        );
        later += usize::from(a.gain_before_response > o.gain_before_response);
    }
    assert!(
        later > 30,
        "only {later} of 120 runs waited on a parliament"
    );
    // Each share that waits becomes an obligation once appropriated: more runs end with the
    // same obligations, none with more.
    for (o, a) in owed.iter().zip(appropriated) {
        assert!(a.obligations <= o.obligations, "run {}", o.run);
    }
}

#[test]
fn the_appropriation_tables_change_nothing_for_a_variant_that_does_not_ask_for_them() {
    let with = runs(&major(
        PARLIAMENTS,
        "[[variant]]\nname = \"owed-on-call\"\n",
    ));
    let without = runs(&major("", "[[variant]]\nname = \"owed-on-call\"\n"));
    for (w, o) in with[0].iter().zip(&without[0]) {
        assert_eq!(w.gain_by_day, o.gain_by_day, "run {}", w.run);
        assert_eq!(w.obligations, o.obligations, "run {}", w.run);
    }
}

#[test]
fn appropriation_mistakes_are_named() {
    let e = sweep(&major("", VARIANTS)).unwrap_err();
    assert!(e.contains("no [[appropriation]] to wait on"), "{e}");
    let e = sweep(&major(
        "[[appropriation]]\nparty = \"UA\"\nparliament = \"Verkhovna Rada\"\ndelay_min = \"1d\"\ndelay_max = \"2d\"\n\n",
        VARIANTS,
    ))
    .unwrap_err();
    assert!(
        e.contains("`UA`, which is not a contributor of the base charter's fund"),
        "{e}"
    );
    let e = sweep(&major(
        "[[appropriation]]\nparty = \"US\"\nparliament = \"Congress\"\ndelay_min = \"9d\"\ndelay_max = \"2d\"\n\n",
        VARIANTS,
    ))
    .unwrap_err();
    assert!(
        e.contains("appropriation[0].delay_max: delay_max 48h is shorter than delay_min 9d"),
        "{e}"
    );
}
