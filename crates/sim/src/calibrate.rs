//! Calibration on data (`snapback simulate calibrate`): a violation rate estimated from a daily
//! series of counts, with over-dispersion, and written into a simulation config.
//!
//! The model is the negative binomial: each day's count is Poisson with a rate that itself varies
//! from day to day as a gamma variable of mean `mean` and shape `dispersion` (k), so the variance
//! is `mean + mean² / k`. Real violence comes in bursts, and a Poisson fit (variance = mean) to
//! such a series understates how often quiet spells and surges occur. The simulator draws the same
//! process ([`crate::config::Adversary::Salami`]'s `dispersion`).
//!
//! Estimation is by maximum likelihood. The mean's estimate is the sample mean. The shape's
//! estimate solves the profile score equation
//! `Σ_j c_j / (k + j) = n ln(1 + mean / k)`, where `c_j` counts the days with more than `j` events
//! (the digamma differences `ψ(y + k) − ψ(k)` written as the finite sums they are for whole
//! counts), found by bisection on ln k. It exists when the sample variance exceeds the mean;
//! otherwise the data show no over-dispersion and the fit is Poisson. The intervals are Wald
//! intervals from the observed information, for the mean on its own scale (the two parameters are
//! orthogonal) and for k on the log scale.

use jiff::civil::Date;
use std::collections::BTreeMap;
use thiserror::Error;

/// z for a two-sided 95% interval.
const Z_95: f64 = 1.959_963_984_540_054;
/// Bisection steps on ln k: the bracket shrinks by 2⁻²⁰⁰, far below f64 resolution.
const BISECTION_STEPS: usize = 200;
/// The most days a fit takes (about 2,700 years): a bound on memory and time.
pub const DAYS_MAX: usize = 1_000_000;
/// The largest daily count a fit takes: the score sums run to it.
pub const COUNT_MAX: u64 = 10_000_000;

#[derive(Debug, Error, PartialEq)]
pub enum CalibrateError {
    #[error("the window {window} holds no days of the series (it lists {first} to {last})")]
    NoDays {
        window: String,
        first: String,
        last: String,
    },
    #[error("the series is empty")]
    Empty,
    #[error("{days} days is too long a series (at most {DAYS_MAX})")]
    TooLong { days: usize },
    #[error("a daily count of {count} is too large to fit (at most {COUNT_MAX})")]
    CountTooLarge { count: u64 },
    #[error("every day in the window has a count of 0: there is no rate to estimate above zero")]
    AllZero,
    #[error("the over-dispersion could not be bracketed (moment estimate {moment})")]
    NoBracket { moment: f64 },
    #[error(
        "`adversary.strategy` is `{found}`; only the `salami` strategy has a rate to calibrate"
    )]
    NotSalami { found: String },
    #[error("the config cannot be edited: {0}")]
    Config(String),
}

/// How days the series does not list are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// Left out: the source said nothing about them.
    Skip,
    /// Counted as days with no events.
    Zero,
}

/// The days a fit uses: those of the series in `[from, to]`, with missing days handled as asked.
#[derive(Debug, Clone, PartialEq)]
pub struct Window {
    pub first: Date,
    pub last: Date,
    pub counts: Vec<u64>,
    /// Days in the window the series does not list.
    pub missing: usize,
}

/// Picks the window's counts.
pub fn window(
    days: &BTreeMap<Date, u64>,
    from: Option<Date>,
    to: Option<Date>,
    missing: Missing,
) -> Result<Window, CalibrateError> {
    let (Some((&series_first, _)), Some((&series_last, _))) =
        (days.first_key_value(), days.last_key_value())
    else {
        return Err(CalibrateError::Empty);
    };
    let first = from.unwrap_or(series_first).max(series_first);
    let last = to.unwrap_or(series_last).min(series_last);
    let listed: Vec<(Date, u64)> = if first <= last {
        days.range(first..=last).map(|(d, c)| (*d, *c)).collect()
    } else {
        Vec::new()
    };
    if listed.is_empty() {
        let show = |d: Option<Date>| d.map_or_else(|| "…".to_owned(), |d| d.to_string());
        return Err(CalibrateError::NoDays {
            window: format!("{} to {}", show(from), show(to)),
            first: series_first.to_string(),
            last: series_last.to_string(),
        });
    }
    // `first <= last` here: `listed` holds a day between them.
    let span_days = usize::try_from((last - first).get_days().saturating_add(1)).unwrap_or(0);
    if span_days > DAYS_MAX {
        return Err(CalibrateError::TooLong { days: span_days });
    }
    let missing_days = span_days.saturating_sub(listed.len());
    let counts = match missing {
        Missing::Skip => listed.iter().map(|(_, c)| *c).collect(),
        Missing::Zero => {
            let mut counts = vec![0; span_days];
            for (d, c) in &listed {
                let offset = usize::try_from((*d - first).get_days()).unwrap_or(0);
                if let Some(slot) = counts.get_mut(offset) {
                    *slot = *c;
                }
            }
            counts
        }
    };
    Ok(Window {
        first,
        last,
        counts,
        missing: missing_days,
    })
}

/// An estimate and its 95% interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub value: f64,
    pub low: f64,
    pub high: f64,
}

/// A fitted daily count model.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    pub days: usize,
    pub sample_mean: f64,
    pub sample_variance: f64,
    /// Events per day.
    pub rate_per_day: Estimate,
    /// The negative binomial's shape k; `None` when the data are not over-dispersed (Poisson).
    pub dispersion: Option<Estimate>,
    /// Twice the log-likelihood gained over the Poisson fit (0 for a Poisson fit): a likelihood
    /// ratio statistic, about χ²₁/2-distributed under the Poisson (a boundary case), so above 2.71
    /// rejects the Poisson at 5%.
    pub likelihood_ratio: f64,
}

/// Fits the negative binomial (or, without over-dispersion, the Poisson) to daily counts.
pub fn fit(counts: &[u64]) -> Result<Fit, CalibrateError> {
    if counts.is_empty() {
        return Err(CalibrateError::Empty);
    }
    if counts.len() > DAYS_MAX {
        return Err(CalibrateError::TooLong { days: counts.len() });
    }
    if let Some(&count) = counts.iter().find(|c| **c > COUNT_MAX) {
        return Err(CalibrateError::CountTooLarge { count });
    }
    let n = counts.len() as f64;
    let mean = counts.iter().map(|c| *c as f64).sum::<f64>() / n;
    if mean == 0.0 {
        return Err(CalibrateError::AllZero);
    }
    let variance = if counts.len() > 1 {
        counts
            .iter()
            .map(|c| (*c as f64 - mean).powi(2))
            .sum::<f64>()
            / (n - 1.0)
    } else {
        0.0
    };
    let exceed = Exceedances::new(counts);
    let poisson_rate = |se: f64| Estimate {
        value: mean,
        low: (mean - Z_95 * se).max(0.0),
        high: mean + Z_95 * se,
    };
    if variance <= mean {
        return Ok(Fit {
            days: counts.len(),
            sample_mean: mean,
            sample_variance: variance,
            rate_per_day: poisson_rate((mean / n).sqrt()),
            dispersion: None,
            likelihood_ratio: 0.0,
        });
    }
    let moment = mean * mean / (variance - mean);
    let score = |k: f64| exceed.sum(|j| 1.0 / (k + j)) - n * (mean / k).ln_1p();
    let (mut lo, mut hi) = (moment / 1e3, moment * 1e3);
    for _ in 0..30 {
        if score(lo) > 0.0 {
            break;
        }
        lo /= 1e3;
    }
    for _ in 0..30 {
        if score(hi) < 0.0 {
            break;
        }
        hi *= 1e3;
    }
    if !(score(lo) > 0.0 && score(hi) < 0.0) {
        return Err(CalibrateError::NoBracket { moment });
    }
    let (mut a, mut b) = (lo.ln(), hi.ln());
    for _ in 0..BISECTION_STEPS {
        let mid = 0.5 * (a + b);
        if score(mid.exp()) > 0.0 {
            a = mid;
        } else {
            b = mid;
        }
    }
    let k = (0.5 * (a + b)).exp();
    // Observed information for k (minus the second derivative of the profile log-likelihood).
    let information = exceed.sum(|j| 1.0 / (k + j).powi(2)) - n * (1.0 / k - 1.0 / (k + mean));
    let dispersion = if information > 0.0 && information.is_finite() {
        let se_log = 1.0 / (k * information.sqrt());
        Estimate {
            value: k,
            low: k * (-Z_95 * se_log).exp(),
            high: k * (Z_95 * se_log).exp(),
        }
    } else {
        Estimate {
            value: k,
            low: 0.0,
            high: f64::INFINITY,
        }
    };
    // log L(NB) − log L(Poisson) at the estimates; the terms in log y! cancel.
    // (Σ_i lnΓ(y_i + k) − lnΓ(k) is the finite sum of ln(k + j).)
    let nb = exceed.sum(|j| (k + j).ln())
        + n * k * (k / (k + mean)).ln()
        + n * mean * (mean / (k + mean)).ln();
    let poisson = n * mean * mean.ln() - n * mean;
    Ok(Fit {
        days: counts.len(),
        sample_mean: mean,
        sample_variance: variance,
        rate_per_day: poisson_rate((mean * (1.0 + mean / k) / n).sqrt()),
        dispersion: Some(dispersion),
        likelihood_ratio: (2.0 * (nb - poisson)).max(0.0),
    })
}

/// For whole counts, sums over days of `Σ_{j < y} f(j)` as `Σ_j f(j) · #{days with y > j}`.
struct Exceedances {
    /// `above[j]`: days with a count above j.
    above: Vec<u32>,
}

impl Exceedances {
    fn new(counts: &[u64]) -> Self {
        let max = counts.iter().copied().max().unwrap_or(0);
        let mut at = vec![0u32; usize::try_from(max).unwrap_or(0) + 1];
        for &c in counts {
            if let Some(slot) = at.get_mut(usize::try_from(c).unwrap_or(0)) {
                *slot += 1;
            }
        }
        // above[j] = days with count > j = days with count ≥ j + 1.
        let mut above = vec![0u32; at.len().saturating_sub(1)];
        let mut running = 0u32;
        for j in (0..above.len()).rev() {
            running += at[j + 1];
            above[j] = running;
        }
        Exceedances { above }
    }

    fn sum(&self, f: impl Fn(f64) -> f64) -> f64 {
        self.above
            .iter()
            .enumerate()
            .filter(|(_, days)| **days > 0)
            .map(|(j, days)| f64::from(*days) * f(j as f64))
            .sum()
    }
}

/// What starts each comment line the calibration writes above `[adversary]`, so a second
/// calibration replaces the first's lines and keeps everyone else's.
pub const COMMENT_MARK: &str = "# calibrated: ";

/// `text` (a simulation config whose adversary is `salami`) with the fit's rate and dispersion
/// written into `[adversary]` and `notes` as comments above it. Everything else in the file,
/// comments included, is kept as it was.
pub fn write_into_config(
    text: &str,
    fit: &Fit,
    notes: &[String],
) -> Result<String, CalibrateError> {
    let mut doc: toml_edit::DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| CalibrateError::Config(e.to_string()))?;
    let Some(adversary) = doc.get_mut("adversary").and_then(|a| a.as_table_mut()) else {
        return Err(CalibrateError::Config(
            "it has no `[adversary]` table".to_owned(),
        ));
    };
    let strategy = adversary
        .get("strategy")
        .and_then(|s| s.as_str())
        .unwrap_or("")
        .to_owned();
    if strategy != "salami" {
        return Err(CalibrateError::NotSalami { found: strategy });
    }
    adversary.insert(
        "rate_per_day",
        toml_edit::value(rounded(fit.rate_per_day.value)),
    );
    match fit.dispersion {
        Some(k) => {
            adversary.insert("dispersion", toml_edit::value(rounded(k.value)));
        }
        None => {
            adversary.remove("dispersion");
        }
    }
    let kept: String = adversary
        .decor()
        .prefix()
        .and_then(|p| p.as_str())
        .unwrap_or("")
        .lines()
        .filter(|l| !l.starts_with(COMMENT_MARK))
        .map(|l| format!("{l}\n"))
        .collect();
    let ours: String = notes
        .iter()
        .map(|n| format!("{COMMENT_MARK}{}\n", n.replace(['\n', '\r'], " ")))
        .collect();
    adversary.decor_mut().set_prefix(format!("{kept}{ours}"));
    Ok(doc.to_string())
}

/// Six significant digits: what the data can say, without a tail of float noise in the file.
fn rounded(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let digits = 5 - x.abs().log10().floor() as i32;
    let scale = 10f64.powi(digits);
    (x * scale).round() / scale
}

#[cfg(test)]
mod tests;
