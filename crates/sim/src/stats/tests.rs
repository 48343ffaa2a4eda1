//! The statistics against table values, and their edge cases.

use super::*;
use crate::record::VariantInfo;

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[test]
fn normal_quantiles_match_tables() {
    assert!(close(normal_quantile(0.975), 1.959_964, 1e-6));
    assert!(close(normal_quantile(0.995), 2.575_829, 1e-6));
    assert!(close(normal_quantile(0.5), 0.0, 1e-15));
    assert!(close(normal_quantile(0.025), -1.959_964, 1e-6));
    assert!(close(normal_quantile(0.001), -3.090_232, 1e-6));
    assert!(close(normal_quantile(0.999_9), 3.719_016, 1e-6));
    // Ten digits, from mpmath.
    assert!(close(normal_quantile(0.9), 1.281_551_565_5, 1e-10));
    assert!(close(normal_quantile(0.975), 1.959_963_984_5, 1e-10));
    assert!(close(normal_quantile(1e-10), -6.361_340_902_4, 1e-9));
    assert!(normal_quantile(1.5).is_nan());
    assert_eq!(normal_quantile(1.0), f64::INFINITY);
}

#[test]
fn erfc_values() {
    // From mpmath.
    assert_eq!(erfc(0.0), 1.0);
    assert!(close(erfc(0.5), 0.479_500_122_186_953_5, 1e-15));
    assert!(close(erfc(2.0), 0.004_677_734_981_047_266, 1e-17));
    assert!(close(erfc(-1.0), 1.842_700_792_949_715, 1e-15));
    assert!(((erfc(5.0) - 1.537_459_794_428_035e-12) / 1.537_459_794_428_035e-12).abs() < 1e-12);
}

#[test]
fn t_quantiles_match_tables() {
    let table_975 = [
        (1, 12.706_205),
        (2, 4.302_653),
        (3, 3.182_446),
        (4, 2.776_445),
        (5, 2.570_582),
        (10, 2.228_139),
        (20, 2.085_963),
        (29, 2.045_230),
        (30, 2.042_272),
        (60, 2.000_298),
        (100, 1.983_972),
        (120, 1.979_930),
        (200, 1.971_896),
        (1000, 1.962_339),
        (1_000_000_000, 1.959_964),
        (u64::MAX, 1.959_964),
    ];
    for (df, t) in table_975 {
        let got = student_t_quantile(0.975, df);
        assert!(close(got, t, 1e-6), "df {df}: {got} vs {t}");
    }
    let table_995 = [
        (1, 63.656_741),
        (2, 9.924_843),
        (3, 5.840_909),
        (5, 4.032_143),
        (10, 3.169_273),
        (30, 2.749_996),
        (100, 2.625_891),
        (1000, 2.580_755),
        (u64::MAX, 2.575_829),
    ];
    for (df, t) in table_995 {
        let got = student_t_quantile(0.995, df);
        assert!(close(got, t, 1e-6), "df {df}: {got} vs {t}");
    }
    assert!(close(student_t_quantile(0.025, 10), -2.228_139, 1e-6));
    assert_eq!(student_t_quantile(0.5, 7), 0.0);
    assert!(student_t_quantile(0.975, 0).is_nan());
}

#[test]
fn t_quantile_is_continuous_where_the_method_changes() {
    for p in [0.9, 0.975, 0.995, 0.9995] {
        let below = student_t_quantile(p, EXPANSION_DF - 1);
        let at = student_t_quantile(p, EXPANSION_DF);
        // The quantile decreases in df, by about (z³ + z) / (4 df²) per step.
        assert!(below > at, "p {p}: {below} vs {at}");
        assert!(below - at < 1e-3, "p {p}: {below} vs {at}");
        // The Newton result at 199 agrees with the expansion there.
        let z = normal_quantile(p);
        let expansion = student_t_expansion(z, (EXPANSION_DF - 1) as f64);
        assert!(
            close(below, expansion, 1e-11),
            "p {p}: {below} vs {expansion}"
        );
    }
    // Against mpmath at df = 199, 200, 999 and 1000.
    for (p, df, t) in [
        (0.995, 199, 2.600_760_216_058_52),
        (0.995, 200, 2.600_634_436_191_56),
        (0.999_5, 199, 3.340_086_556_161_46),
        (0.999_5, 200, 3.339_835_406_275_71),
        (0.995, 999, 2.580_759_637_267_64),
        (0.995, 1000, 2.580_754_698_065_95),
        (0.999_5, 999, 3.300_292_440_398_77),
        (0.999_5, 1000, 3.300_282_648_423_94),
    ] {
        let got = student_t_quantile(p, df);
        assert!(close(got, t, 1e-10), "p {p} df {df}: {got} vs {t}");
    }
}

#[test]
fn wilson_intervals() {
    let z = 1.959_964;
    let (lo, hi) = wilson(0, 10, z).unwrap();
    assert_eq!(lo, 0.0);
    assert!(close(hi, 0.277_533, 1e-6), "{hi}");
    let (lo, hi) = wilson(10, 10, z).unwrap();
    assert!(close(lo, 0.722_467, 1e-6), "{lo}");
    assert_eq!(hi, 1.0);
    let (lo, hi) = wilson(5, 10, z).unwrap();
    assert!(close(lo, 0.236_593, 1e-6), "{lo}");
    assert!(close(hi, 0.763_407, 1e-6), "{hi}");
    assert_eq!(wilson(0, 0, z), None);
    assert_eq!(wilson(11, 10, z), None);
}

#[test]
fn mean_ci_of_a_known_sample() {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sd √(32/7) = 2.138090, t(0.975, 7) = 2.364624.
    let ci = mean_ci(&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0], 0.95).unwrap();
    assert_eq!(ci.n, 8);
    assert!(close(ci.mean, 5.0, 1e-12));
    assert!(close(ci.sd, 2.138_090, 1e-6));
    let half = 2.364_624 * 2.138_090 / 8f64.sqrt();
    assert!(close(ci.lo, 5.0 - half, 1e-5), "{}", ci.lo);
    assert!(close(ci.hi, 5.0 + half, 1e-5), "{}", ci.hi);
    assert!(close(ci.lo, 3.212_512, 1e-5), "{}", ci.lo);
    let one = mean_ci(&[3.5], 0.95).unwrap();
    assert_eq!(
        (one.n, one.mean, one.sd, one.lo, one.hi),
        (1, 3.5, 0.0, 3.5, 3.5)
    );
    assert_eq!(mean_ci(&[], 0.95), None);
    assert_eq!(mean_ci(&[1.0, 2.0], 1.0), None);
}

#[test]
fn medians_and_type_7_quantiles() {
    assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
    assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
    assert_eq!(median(&[]), None);
    let v = [10.0, 1.0, 4.0, 7.0, 2.0];
    // Sorted 1 2 4 7 10; h = 4q.
    assert_eq!(quantile(&v, 0.0), Some(1.0));
    assert_eq!(quantile(&v, 1.0), Some(10.0));
    assert_eq!(quantile(&v, 0.25), Some(2.0));
    assert_eq!(quantile(&v, 0.9), Some(7.0 + 0.6 * 3.0));
    assert_eq!(quantile(&v, 1.1), None);
    assert_eq!(quantile(&[5.0], 0.3), Some(5.0));
    assert_eq!(quantiles(&v, &[0.5, 0.75]), Some(vec![4.0, 7.0]));
}

#[test]
fn binomial_tails() {
    assert!(close(binomial_tail(5, 3, 0.5), 0.5, 1e-15));
    assert!(close(binomial_tail(3, 2, 0.3), 0.216, 1e-15));
    assert_eq!(binomial_tail(3, 0, 0.3), 1.0);
    assert_eq!(binomial_tail(3, 4, 0.3), 0.0);
    assert_eq!(binomial_tail(3, 3, 0.0), 0.0);
    assert_eq!(binomial_tail(3, 3, 1.0), 1.0);
    assert!(close(binomial_tail(10, 10, 0.5), 1.0 / 1024.0, 1e-18));
    assert!(binomial_tail(3, 1, -0.1).is_nan());
    // Large n in log space: P(X ≥ 1000) for Binomial(2000, ½) is ½ + ½ P(X = 1000).
    let p_mid = (ln_gamma(2001.0) - 2.0 * ln_gamma(1001.0) - 2000.0 * 2f64.ln()).exp();
    assert!(close(
        binomial_tail(2000, 1000, 0.5),
        0.5 + 0.5 * p_mid,
        1e-10
    ));
    // The two methods agree at the boundary.
    let direct = binomial_tail(1000, 520, 0.5);
    let logs = {
        let mut s = 0.0;
        for i in 520..=1000u64 {
            let i = i as f64;
            s += (ln_gamma(1001.0) - ln_gamma(i + 1.0) - ln_gamma(1001.0 - i)
                + 1000.0 * 0.5f64.ln())
            .exp();
        }
        s
    };
    assert!(close(direct, logs, 1e-10), "{direct} vs {logs}");
}

pub(crate) fn run(variant: &str, run: u64) -> RunRecord {
    RunRecord {
        variant: variant.into(),
        run,
        seed: 1000 + run,
        violations: 0,
        claims: 0,
        genuine_claims: 0,
        fabricated_claims: 0,
        activations: 0,
        escalations: 0,
        dismissals: 0,
        false_activations: 0,
        obligations: 0,
        responded: false,
        first_response_h: None,
        times_to_activation_h: Vec::new(),
        gain_before_response: 0.0,
        gain_by_day: Vec::new(),
    }
}

fn info(name: &str) -> VariantInfo {
    VariantInfo {
        name: name.into(),
        parameters: vec![("quorum".into(), name.into())],
    }
}

#[test]
fn summaries_and_paired_differences() {
    // Baseline: violations 1..=4, responded in runs 0 and 1, first response in runs 0, 1.
    // Variant: violations = baseline + (1, 2, 3, 6): differences mean 3, sd √(14/3).
    // Variant responds in runs 0, 1, 2; first response in runs 1, 2, 3 (only run 1 pairs).
    let base: Vec<RunRecord> = (0..4)
        .map(|i| RunRecord {
            violations: i + 1,
            responded: i < 2,
            first_response_h: (i < 2).then_some(10.0 * (i + 1) as f64),
            false_activations: u64::from(i == 3),
            ..run("base", i)
        })
        .collect();
    let extra = [1, 2, 3, 6];
    let variant: Vec<RunRecord> = (0..4)
        .map(|i| RunRecord {
            violations: i + 1 + extra[i as usize],
            responded: i < 3,
            first_response_h: (i >= 1).then_some(5.0),
            times_to_activation_h: if i == 0 { vec![2.0, 4.0] } else { Vec::new() },
            ..run("strict", i)
        })
        .collect();
    let result = SweepResult {
        variants: vec![info("base"), info("strict")],
        runs: vec![base, variant],
        horizon_days: 0,
    };
    let s = summarize(&result);
    assert_eq!(s.variants.len(), 2);
    assert_eq!(s.variants[0].runs, 4);
    let names: Vec<&str> = s.variants[0].metrics.keys().map(String::as_str).collect();
    let mut sorted_names: Vec<&str> = metric_names().collect();
    sorted_names.sort_unstable();
    assert_eq!(names, sorted_names);

    let MetricSummary::Proportion(p) = &s.variants[0].metrics["responded"] else {
        panic!("responded is a proportion")
    };
    assert_eq!((p.successes, p.n, p.p), (2, 4, Some(0.5)));
    let (lo, hi) = wilson(2, 4, normal_quantile(0.975)).unwrap();
    assert_eq!((p.lo, p.hi), (Some(lo), Some(hi)));
    let MetricSummary::Proportion(f) = &s.variants[0].metrics["any_false_activation"] else {
        panic!("any_false_activation is a proportion")
    };
    assert_eq!((f.successes, f.n), (1, 4));

    let MetricSummary::Mean(m) = &s.variants[0].metrics["violations"] else {
        panic!("violations is a mean")
    };
    assert_eq!((m.n, m.mean, m.median), (4, Some(2.5), Some(2.5)));
    let MetricSummary::Mean(m) = &s.variants[0].metrics["first_response_h"] else {
        panic!("first_response_h is a mean")
    };
    assert_eq!((m.n, m.mean), (2, Some(15.0)));
    let MetricSummary::Mean(m) = &s.variants[1].metrics["mean_time_to_activation_h"] else {
        panic!("mean_time_to_activation_h is a mean")
    };
    assert_eq!(
        (m.n, m.mean, m.sd, m.lo),
        (1, Some(3.0), Some(0.0), Some(3.0))
    );
    let MetricSummary::Mean(m) = &s.variants[0].metrics["mean_time_to_activation_h"] else {
        panic!("mean_time_to_activation_h is a mean")
    };
    assert_eq!((m.n, m.mean, m.median, m.lo), (0, None, None, None));

    assert_eq!(s.differences.len(), 1);
    let d = &s.differences[0];
    assert_eq!(
        (d.variant.as_str(), d.baseline.as_str()),
        ("strict", "base")
    );
    let v = &d.metrics["violations"];
    assert_eq!((v.kind, v.n, v.mean), (MetricKind::Mean, 4, Some(3.0)));
    let sd = (14.0f64 / 3.0).sqrt();
    assert!(close(v.sd.unwrap(), sd, 1e-12));
    let half = student_t_quantile(0.975, 3) * sd / 2.0;
    assert!(close(v.lo.unwrap(), 3.0 - half, 1e-12));
    assert!(close(v.hi.unwrap(), 3.0 + half, 1e-12));
    // responded: differences 0, 0, 1, 0.
    let r = &d.metrics["responded"];
    assert_eq!(
        (r.kind, r.n, r.mean),
        (MetricKind::Proportion, 4, Some(0.25))
    );
    // first_response_h: only run 1 has it in both (5 − 20).
    let f = &d.metrics["first_response_h"];
    assert_eq!(
        (f.n, f.mean, f.lo, f.hi),
        (1, Some(-15.0), Some(-15.0), Some(-15.0))
    );
    // mean_time_to_activation_h: the baseline has none.
    let t = &d.metrics["mean_time_to_activation_h"];
    assert_eq!((t.n, t.mean), (0, None));
}

#[test]
fn pairs_by_run_index_not_position() {
    let base = vec![
        RunRecord {
            violations: 1,
            ..run("a", 0)
        },
        RunRecord {
            violations: 2,
            ..run("a", 1)
        },
    ];
    // The variant lacks run 0 and lists run 1 first.
    let variant = vec![
        RunRecord {
            violations: 7,
            ..run("b", 1)
        },
        RunRecord {
            violations: 9,
            ..run("b", 5)
        },
    ];
    let result = SweepResult {
        variants: vec![info("a"), info("b")],
        runs: vec![base, variant],
        horizon_days: 0,
    };
    let s = summarize(&result);
    let v = &s.differences[0].metrics["violations"];
    assert_eq!((v.n, v.mean), (1, Some(5.0)));
}

#[test]
fn empty_sweeps_summarise() {
    let s = summarize(&SweepResult {
        variants: vec![],
        runs: vec![],
        horizon_days: 0,
    });
    assert!(s.variants.is_empty() && s.differences.is_empty());
    let s = summarize(&SweepResult {
        variants: vec![info("a")],
        runs: vec![],
        horizon_days: 0,
    });
    let MetricSummary::Proportion(p) = &s.variants[0].metrics["responded"] else {
        panic!("responded is a proportion")
    };
    assert_eq!((p.n, p.p, p.lo), (0, None, None));
}
