#![allow(clippy::unwrap_used, clippy::expect_used)]

use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};

use super::*;

/// Bliss and Fisher's European red mites on apple leaves ("Fitting the negative binomial
/// distribution to biological data", Biometrics 9(2), 1953, Table 1): 150 leaves, mites per leaf
/// 0 to 7 on 70, 38, 17, 10, 9, 3, 2 and 1 leaves. Their maximum likelihood estimate of k is
/// 1.025, and the mean 1.1467.
fn red_mites() -> Vec<u64> {
    [70usize, 38, 17, 10, 9, 3, 2, 1]
        .iter()
        .enumerate()
        .flat_map(|(mites, leaves)| std::iter::repeat_n(mites as u64, *leaves))
        .collect()
}

#[test]
fn the_red_mites_give_bliss_and_fishers_estimate() {
    let fit = fit(&red_mites()).unwrap();
    assert_eq!(fit.days, 150);
    assert!((fit.rate_per_day.value - 1.1467).abs() < 5e-5, "{fit:?}");
    let k = fit.dispersion.expect("over-dispersed");
    assert!((k.value - 1.025).abs() < 5e-4, "k = {}", k.value);
    assert!(k.low < k.value && k.value < k.high, "{k:?}");
    // Clearly not Poisson (variance 2.27 against a mean of 1.15).
    assert!(fit.likelihood_ratio > 20.0, "{fit:?}");
}

/// Days whose counts are Poisson with a gamma-distributed rate of mean `mean` and shape 2 (a sum
/// of two exponentials), so negative binomial with k = 2.
fn negative_binomial_days(n: usize, mean: f64, seed: u64) -> Vec<u64> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut unit = move || (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
    (0..n)
        .map(|_| {
            let gamma2 = -(1.0 - unit()).ln() - (1.0 - unit()).ln();
            let rate = gamma2 * mean / 2.0;
            // Knuth's Poisson: count uniforms until their product drops below e^-rate.
            let limit = (-rate).exp();
            let (mut count, mut product) = (0u64, unit());
            while product > limit {
                count += 1;
                product *= unit();
            }
            count
        })
        .collect()
}

#[test]
fn a_negative_binomial_sample_is_recovered_within_its_interval() {
    let fit = fit(&negative_binomial_days(20_000, 3.0, 11)).unwrap();
    let k = fit.dispersion.expect("over-dispersed");
    assert!(k.low <= 2.0 && 2.0 <= k.high, "k: {k:?}");
    assert!((k.value - 2.0).abs() < 0.15, "k: {k:?}");
    let rate = fit.rate_per_day;
    assert!(rate.low <= 3.0 && 3.0 <= rate.high, "rate: {rate:?}");
    // The interval is the negative binomial's, wider than a Poisson's would be.
    let poisson_half_width = Z_95 * (3.0f64 / 20_000.0).sqrt();
    assert!(
        rate.high - rate.value > 1.2 * poisson_half_width,
        "{rate:?}"
    );
}

#[test]
fn counts_no_more_spread_than_a_poisson_fit_as_one() {
    // Variance below the mean: no over-dispersion to estimate.
    let fit = fit(&[2, 3, 2, 3, 2, 3, 2, 3]).unwrap();
    assert_eq!(fit.dispersion, None);
    assert_eq!(fit.likelihood_ratio, 0.0);
    assert!((fit.rate_per_day.value - 2.5).abs() < 1e-12);
    let se = (2.5f64 / 8.0).sqrt();
    assert!((fit.rate_per_day.high - (2.5 + Z_95 * se)).abs() < 1e-12);
}

#[test]
fn what_cannot_be_fitted_says_why() {
    assert_eq!(fit(&[]), Err(CalibrateError::Empty));
    assert_eq!(fit(&[0, 0, 0]), Err(CalibrateError::AllZero));
    assert_eq!(
        fit(&[1, COUNT_MAX + 1]),
        Err(CalibrateError::CountTooLarge {
            count: COUNT_MAX + 1
        })
    );
}

fn date(s: &str) -> Date {
    s.parse().unwrap()
}

#[test]
fn a_window_skips_or_zeroes_the_days_the_series_does_not_list() {
    let days: BTreeMap<Date, u64> = [("2025-01-01", 4), ("2025-01-02", 6), ("2025-01-05", 2)]
        .iter()
        .map(|(d, c)| (date(d), *c))
        .collect();
    let skip = window(&days, None, None, Missing::Skip).unwrap();
    assert_eq!(skip.counts, [4, 6, 2]);
    assert_eq!(skip.missing, 2);
    let zero = window(&days, None, None, Missing::Zero).unwrap();
    assert_eq!(zero.counts, [4, 6, 0, 0, 2]);
    let part = window(
        &days,
        Some(date("2025-01-02")),
        Some(date("2025-01-04")),
        Missing::Zero,
    )
    .unwrap();
    assert_eq!(part.counts, [6, 0, 0]);
    assert_eq!(
        (part.first, part.last),
        (date("2025-01-02"), date("2025-01-04"))
    );
    assert_eq!(
        window(&days, Some(date("2026-01-01")), None, Missing::Skip),
        Err(CalibrateError::NoDays {
            window: "2026-01-01 to …".to_owned(),
            first: "2025-01-01".to_owned(),
            last: "2025-01-05".to_owned(),
        })
    );
}

const CONFIG: &str = "# A year of salami.\n[simulation]\ncharter = \"c.toml\"\nhorizon = \"365d\"\nruns = 10\nseed = 1\n\n# The adversary.\n[adversary]\nstrategy = \"salami\" # steady\nrate_per_day = 0.5\n\n[[variant]]\nname = \"a\"\n";

#[test]
fn the_fit_is_written_into_the_config_and_everything_else_is_kept() {
    let fit = fit(&red_mites()).unwrap();
    let notes = vec!["from mites.csv".to_owned(), "k 1.025".to_owned()];
    let written = write_into_config(CONFIG, &fit, &notes).unwrap();
    assert!(
        written.starts_with("# A year of salami.\n[simulation]"),
        "{written}"
    );
    assert!(
        written.contains(
            "# The adversary.\n# calibrated: from mites.csv\n# calibrated: k 1.025\n[adversary]\nstrategy = \"salami\" # steady\nrate_per_day = 1.14667\n"
        ),
        "{written}"
    );
    assert!(written.contains("dispersion = 1.02"), "{written}");
    // Calibrating again replaces the calibration's lines, not the author's.
    let poisson = super::fit(&[2, 3, 2, 3]).unwrap();
    let again = write_into_config(&written, &poisson, &["again".to_owned()]).unwrap();
    assert!(
        again.contains("# The adversary.\n# calibrated: again\n[adversary]"),
        "{again}"
    );
    assert!(!again.contains("dispersion"), "{again}");
    assert!(again.contains("rate_per_day = 2.5\n"), "{again}");
}

#[test]
fn only_a_salami_adversary_has_a_rate_to_calibrate() {
    let fit = fit(&red_mites()).unwrap();
    let offensive = CONFIG.replace(
        "strategy = \"salami\" # steady\nrate_per_day = 0.5",
        "strategy = \"offensive\"\nafter = \"1d\"",
    );
    assert_eq!(
        write_into_config(&offensive, &fit, &[]),
        Err(CalibrateError::NotSalami {
            found: "offensive".to_owned()
        })
    );
    assert!(matches!(
        write_into_config("[simulation\n", &fit, &[]),
        Err(CalibrateError::Config(_))
    ));
}

#[test]
fn rounding_keeps_six_significant_digits() {
    assert_eq!(rounded(1.146_666_666), 1.14667);
    assert_eq!(rounded(174.172_866), 174.173);
    assert_eq!(rounded(0.000_123_456_78), 0.000_123_457);
    assert_eq!(rounded(0.0), 0.0);
}
