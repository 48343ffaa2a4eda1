//! Responses that follow the charter's measures (and end when a renewal fails), the aid lag
//! read from the capability tracker's record, and responses that wait for the surge shares
//! parliaments appropriate (`[[appropriation]]`). Each must change its result in the expected
//! direction, and change nothing where it cannot act.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::atomic::AtomicU64;

use snapback_charter::Source;
use snapback_sim::record::RunRecord;
use snapback_sim::{Sweep, parse_config};

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The sweep of `config` over the reference charter, or the error that refuses it (of the
/// config or of a variant's charter).
fn sweep(config: &str) -> Result<Sweep, String> {
    let base = std::fs::read_to_string(root().join("charters/ukraine.toml")).unwrap();
    let record = std::fs::read_to_string(root().join("scenarios/demo.toml")).unwrap();
    let config =
        parse_config(&Source::new("test.toml", config.to_owned())).map_err(|e| e.to_string())?;
    let record = config
        .simulation
        .record
        .is_some()
        .then(|| Source::new("demo.toml", record));
    Sweep::with_record(config, &Source::new("ukraine.toml", base), record.as_ref())
        .map_err(|e| e.to_string())
}

fn runs(config: &str) -> Vec<Vec<RunRecord>> {
    sweep(config)
        .unwrap()
        .run(0, &AtomicU64::new(0))
        .unwrap()
        .0
        .runs
}

fn final_gain(r: &RunRecord) -> f64 {
    r.gain_by_day.last().copied().unwrap_or(0.0)
}

fn mean(runs: &[RunRecord], f: impl Fn(&RunRecord) -> f64) -> f64 {
    runs.iter().map(f).sum::<f64>() / runs.len() as f64
}

/// A year of serious violations (severity 3, one every five days) with `voting` lines added.
fn serious(voting: &str, variants: &str) -> String {
    format!(
        "[simulation]\ncharter = \"ukraine.toml\"\nhorizon = \"365d\"\nruns = 200\nseed = 5\n\n\
         [adversary]\nstrategy = \"salami\"\nrate_per_day = 0.2\nseverity = 3\npause_after_activation = \"30d\"\n\n\
         [filing]\ndetection = 0.9\ndelay = \"6h\"\n\n\
         [voting]\nunfounded_genuine = 0.2\nno_vote = 0.2\nabstain = 0.05\n{voting}\n\n{variants}"
    )
}

/// One EU member changes government at a random instant and vetoes every renewal after it
/// (its votes on claims stay as they were).
const VETO: &str =
    "[[voting.regime_change]]\nparty = \"SK\"\nwithin = \"365d\"\nrenewal_no = 0.95\n";

/// Responses that rest on measures last while they apply; the others (the EU leg's decision
/// not adopted, say) 30 days.
const EU_ONLY: &str = "[[variant]]\nname = \"eu-measures\"\ndrop_packages = [\"us-sanctions\", \"g7-sanctions\"]\nresponse_from_measures = true\nresponse_duration = \"30d\"\n\n\
    [[variant]]\nname = \"all-measures\"\nresponse_from_measures = true\nresponse_duration = \"30d\"\n";

#[test]
fn a_veto_of_the_renewal_ends_a_sanctions_response_that_rests_on_the_eu_measures() {
    let (vetoed, renewed) = (runs(&serious(VETO, EU_ONLY)), runs(&serious("", EU_ONLY)));
    let mut lapsed = 0;
    for (v, r) in vetoed[0].iter().zip(&renewed[0]) {
        // The same adversary, claims and activations; only how long responses hold differs.
        assert_eq!(v.violations, r.violations, "run {}", v.run);
        assert_eq!(v.activations, r.activations, "run {}", v.run);
        assert!(final_gain(v) >= final_gain(r), "run {}", v.run);
        lapsed += usize::from(final_gain(v) > final_gain(r));
    }
    assert!(lapsed > 20, "{lapsed} of 200 runs saw the measures lapse");
    assert!(mean(&vetoed[0], final_gain) > 1.2 * mean(&renewed[0], final_gain));
    // With every leg, the US statutory sanctions the snapback restored never lapse: a response
    // that also rests on them outlives the EU measures.
    for (v, r) in vetoed[1].iter().zip(&renewed[1]) {
        assert_eq!(v.gain_by_day, r.gain_by_day, "run {}", v.run);
    }
    // A veto that comes after the horizon changes nothing.
    let late = runs(&serious(
        &VETO.replace("within", "at").replace("365d", "400d"),
        EU_ONLY,
    ));
    assert_eq!(late, renewed);
}

#[test]
fn variants_name_packages_that_exist_and_measures_they_follow() {
    let unknown = serious(
        "",
        "[[variant]]\nname = \"x\"\ndrop_packages = [\"us-sanction\"]\n",
    );
    let error = sweep(&unknown).expect_err("refused");
    assert!(
        error.contains("drop_packages names `us-sanction`, which is not a package"),
        "{error}"
    );
    // Readiness needs a record; a config that names one needs its text.
    let text = serious(
        "",
        "[[variant]]\nname = \"x\"\naid_lag_from_readiness = true\n",
    );
    let errors = parse_config(&Source::new("test.toml", text))
        .expect_err("refused")
        .errors;
    assert!(
        errors[0]
            .message
            .contains("readiness needs a capability record")
    );
    let named = serious("", "[[variant]]\nname = \"x\"\n")
        .replace("seed = 5\n", "seed = 5\nrecord = \"demo.toml\"\n");
    let config = parse_config(&Source::new("test.toml", named)).unwrap();
    let base = std::fs::read_to_string(root().join("charters/ukraine.toml")).unwrap();
    let error = Sweep::new(config, &Source::new("ukraine.toml", base)).expect_err("refused");
    assert!(error.to_string().contains("names `demo.toml`"), "{error}");
}

#[test]
fn a_record_event_the_charter_refuses_is_an_error_naming_it() {
    let text = serious("", "[[variant]]\nname = \"x\"\n").replace(
        "seed = 5\n",
        "seed = 5\nstart = 2026-03-01T00:00:00Z\nrecord = \"bad.toml\"\n",
    );
    let config = parse_config(&Source::new("test.toml", text)).unwrap();
    let base = std::fs::read_to_string(root().join("charters/ukraine.toml")).unwrap();
    let bad = "charter = \"ukraine.toml\"\n\n[[event]]\nat = 2026-02-01T00:00:00Z\nparty = \"XX\"\n\
               type = \"stockpile.stocked\"\nlot = \"L1\"\nlocation = \"PL\"\nitem = \"155mm-shell\"\nquantity = 10\n";
    let error = Sweep::with_record(
        config,
        &Source::new("ukraine.toml", base),
        Some(&Source::new("bad.toml", bad.to_owned())),
    )
    .expect_err("refused")
    .to_string();
    assert!(
        error.contains("bad.toml: event 1 (`stockpile.stocked`"),
        "{error}"
    );
    assert!(error.contains("`XX` is not a party"), "{error}");
}

/// A year of major violations from 1 March 2026 over the reference scenario's stock and
/// contracts, under a fixed two-week lag and under readiness.
fn major(severity: u8) -> String {
    format!(
        "[simulation]\ncharter = \"ukraine.toml\"\nhorizon = \"365d\"\nruns = 200\nseed = 9\n\
         start = 2026-03-01T00:00:00Z\nrecord = \"demo.toml\"\n\n\
         [adversary]\nstrategy = \"salami\"\nrate_per_day = 0.1\nseverity = {severity}\npause_after_activation = \"30d\"\n\n\
         [filing]\ndetection = 0.9\ndelay = \"6h\"\n\n\
         [voting]\nno_vote = 0.2\n\n\
         [[variant]]\nname = \"lag-14d\"\naid_lag = \"14d\"\n\n\
         [[variant]]\nname = \"readiness\"\naid_lag = \"14d\"\naid_lag_from_readiness = true\n"
    )
}

#[test]
fn a_response_waits_for_the_units_its_activation_draws() {
    let sweep = runs(&major(4));
    let (fixed, ready) = (&sweep[0], &sweep[1]);
    // The major tier's deliveries need 40 infantry fighting vehicles from a contract making 4
    // a month (8 after 90 days): months, not two weeks.
    for (f, r) in fixed.iter().zip(ready) {
        assert!(
            r.gain_before_response >= f.gain_before_response,
            "run {}",
            f.run
        );
        // Responses last for good: once the first takes effect (whichever activation it
        // answered: a later one may arrive first) the adversary gains nothing more.
        assert_eq!(final_gain(r), r.gain_before_response, "run {}", r.run);
        assert_eq!(final_gain(f), f.gain_before_response, "run {}", f.run);
    }
    let before = |runs: &[RunRecord]| mean(runs, |r| r.gain_before_response);
    assert!(
        before(ready) > 1.2 * before(fixed),
        "gain before the response: fixed lag {}, readiness {}",
        before(fixed),
        before(ready)
    );
    // The minor tier draws nothing: readiness changes nothing.
    let sweep = runs(&major(1));
    assert_eq!(sweep[0].len(), sweep[1].len());
    for (f, r) in sweep[0].iter().zip(&sweep[1]) {
        assert_eq!(f.gain_by_day, r.gain_by_day, "run {}", f.run);
        assert_eq!(f.activations, r.activations, "run {}", f.run);
    }
}

/// A year of major violations (severity 4: the fund's conflict mode and surge), one every ten
/// days on average, with `variants`.
fn surge_year(extra: &str, variants: &str) -> String {
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
    let all = runs(&surge_year(PARLIAMENTS, VARIANTS));
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
    let with = runs(&surge_year(
        PARLIAMENTS,
        "[[variant]]\nname = \"owed-on-call\"\n",
    ));
    let without = runs(&surge_year("", "[[variant]]\nname = \"owed-on-call\"\n"));
    for (w, o) in with[0].iter().zip(&without[0]) {
        assert_eq!(w.gain_by_day, o.gain_by_day, "run {}", w.run);
        assert_eq!(w.obligations, o.obligations, "run {}", w.run);
    }
}

#[test]
fn appropriation_mistakes_are_named() {
    let e = sweep(&surge_year("", VARIANTS)).unwrap_err();
    assert!(e.contains("no [[appropriation]] to wait on"), "{e}");
    let e = sweep(&surge_year(
        "[[appropriation]]\nparty = \"UA\"\nparliament = \"Verkhovna Rada\"\ndelay_min = \"1d\"\ndelay_max = \"2d\"\n\n",
        VARIANTS,
    ))
    .unwrap_err();
    assert!(
        e.contains("`UA`, which is not a contributor of the base charter's fund"),
        "{e}"
    );
    let e = sweep(&surge_year(
        "[[appropriation]]\nparty = \"US\"\nparliament = \"Congress\"\ndelay_min = \"9d\"\ndelay_max = \"2d\"\n\n",
        VARIANTS,
    ))
    .unwrap_err();
    assert!(
        e.contains("appropriation[0].delay_max: delay_max 48h is shorter than delay_min 9d"),
        "{e}"
    );
}
