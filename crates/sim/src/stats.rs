//! Summary statistics of a sweep: proportions with Wilson intervals, means with Student-t
//! intervals, and paired differences between variants (common random numbers).
//!
//! Everything here is `f64` and computed in a fixed order, so the same [`SweepResult`] always
//! gives the same [`Summary`] (bit for bit on one platform). The distribution functions
//! ([`normal_quantile`], [`student_t_quantile`], [`binomial_tail`]) are computed here rather
//! than taken from a crate; their tests pin them to table values.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::record::{RunRecord, SweepResult};

/// The confidence level of every interval in a [`Summary`].
pub const LEVEL: f64 = 0.95;

// ---------------------------------------------------------------------------------------------
// Distribution functions
// ---------------------------------------------------------------------------------------------

/// The standard normal quantile Φ⁻¹(p): Acklam's rational approximation (relative error below
/// 1.15e-9), refined by one Halley step on Φ computed from [`erfc`], which brings it to about
/// 1e-15. Computed for p ≤ ½ and mirrored (1 − p is exact for p ≥ ½).
///
/// Returns `-∞` for `p = 0`, `+∞` for `p = 1` and NaN for `p` outside `[0, 1]` or NaN.
pub fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    const P_LOW: f64 = 0.02425;
    if p.is_nan() || !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    if p == 0.0 {
        return f64::NEG_INFINITY;
    }
    if p == 1.0 {
        return f64::INFINITY;
    }
    if p > 0.5 {
        return -normal_quantile(1.0 - p);
    }
    let tail = |q: f64| {
        // The lower tail, for q < P_LOW.
        let r = (-2.0 * q.ln()).sqrt();
        (((((C[0] * r + C[1]) * r + C[2]) * r + C[3]) * r + C[4]) * r + C[5])
            / ((((D[0] * r + D[1]) * r + D[2]) * r + D[3]) * r + 1.0)
    };
    let x = if p < P_LOW {
        tail(p)
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    };
    // Halley: e = Φ(x) − p (x ≤ 0, so erfc's argument is ≥ 0 and Φ(x) is computed without
    // cancellation), u = e / φ(x).
    let e = 0.5 * erfc(-x / std::f64::consts::SQRT_2) - p;
    let u = e * (2.0 * std::f64::consts::PI).sqrt() * (x * x / 2.0).exp();
    let refined = x - u / (1.0 + x * u / 2.0);
    if refined.is_finite() { refined } else { x }
}

/// The complementary error function, erfc(x) = Q(½, x²) for x ≥ 0 (the regularized upper
/// incomplete gamma function) and 2 − erfc(−x) below 0.
pub fn erfc(x: f64) -> f64 {
    if x.is_nan() {
        return f64::NAN;
    }
    if x < 0.0 {
        return 2.0 - erfc(-x);
    }
    upper_incomplete_gamma(0.5, x * x)
}

/// The regularized upper incomplete gamma function Q(a, x) for a > 0, x ≥ 0: by the series of
/// P(a, x) when x < a + 1, otherwise by the continued fraction (modified Lentz), as in
/// Numerical Recipes' `gammq`.
fn upper_incomplete_gamma(a: f64, x: f64) -> f64 {
    const EPS: f64 = 1e-16;
    const TINY: f64 = 1e-300;
    if x <= 0.0 {
        return 1.0;
    }
    if x.is_infinite() {
        return 0.0;
    }
    let ln_front = -x + a * x.ln() - ln_gamma(a);
    if x < a + 1.0 {
        let mut ap = a;
        let mut term = 1.0 / a;
        let mut sum = term;
        for _ in 0..10_000 {
            ap += 1.0;
            term *= x / ap;
            sum += term;
            if term.abs() < sum.abs() * EPS {
                break;
            }
        }
        1.0 - sum * ln_front.exp()
    } else {
        let mut b = x + 1.0 - a;
        let mut c = 1.0 / TINY;
        let mut d = 1.0 / b;
        let mut h = d;
        for i in 1..=10_000_u32 {
            let i = f64::from(i);
            let an = -i * (i - a);
            b += 2.0;
            d = an * d + b;
            if d.abs() < TINY {
                d = TINY;
            }
            c = b + an / c;
            if c.abs() < TINY {
                c = TINY;
            }
            d = 1.0 / d;
            let del = d * c;
            h *= del;
            if (del - 1.0).abs() < EPS {
                break;
            }
        }
        ln_front.exp() * h
    }
}

/// ln Γ(x) for x > 0, by the Lanczos approximation (g = 7, 9 terms; relative error about
/// 1e-15), with the reflection formula below 0.5.
fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    const P: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Γ(x) Γ(1 − x) = π / sin(πx); only used for 0 < x < 0.5 here.
        return (std::f64::consts::PI / (std::f64::consts::PI * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut a = P[0];
    for (i, p) in P.iter().enumerate().skip(1) {
        a += p / (x + i as f64);
    }
    let t = x + G + 0.5;
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + a.ln()
}

/// The continued fraction of the incomplete beta function (modified Lentz), as in Numerical
/// Recipes' `betacf`; converges quickly for x < (a + 1) / (a + b + 2).
fn beta_continued_fraction(a: f64, b: f64, x: f64) -> f64 {
    const TINY: f64 = 1e-300;
    const EPS: f64 = 1e-16;
    let qab = a + b;
    let qap = a + 1.0;
    let qam = a - 1.0;
    let mut c = 1.0;
    let mut d = 1.0 - qab * x / qap;
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut h = d;
    for m in 1..=10_000_u32 {
        let m = f64::from(m);
        let m2 = 2.0 * m;
        let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + aa / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        h *= d * c;
        let aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + aa / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        let del = d * c;
        h *= del;
        if (del - 1.0).abs() < EPS {
            break;
        }
    }
    h
}

/// The regularized incomplete beta function I_x(a, b) for a, b > 0 and x in [0, 1].
fn regularized_incomplete_beta(a: f64, b: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let ln_front = ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln();
    let front = ln_front.exp();
    if x < (a + 1.0) / (a + b + 2.0) {
        front * beta_continued_fraction(a, b, x) / a
    } else {
        1.0 - front * beta_continued_fraction(b, a, 1.0 - x) / b
    }
}

/// P(T > t) for T ~ Student t with `df` degrees of freedom and t ≥ 0.
fn student_t_upper_tail(t: f64, df: f64) -> f64 {
    0.5 * regularized_incomplete_beta(df / 2.0, 0.5, df / (df + t * t))
}

/// The Student t density at t.
fn student_t_density(t: f64, df: f64) -> f64 {
    let ln_c =
        ln_gamma((df + 1.0) / 2.0) - ln_gamma(df / 2.0) - 0.5 * (df * std::f64::consts::PI).ln();
    (ln_c - (df + 1.0) / 2.0 * (t * t / df).ln_1p()).exp()
}

/// The Cornish–Fisher (Hill 1970) expansion of the t quantile in powers of 1/df, from the
/// normal quantile z; its error is O(df⁻⁵), below 1e-12 for df ≥ 1000 up to p = 0.9995.
fn student_t_expansion(z: f64, df: f64) -> f64 {
    let z2 = z * z;
    let g1 = (z2 + 1.0) * z / 4.0;
    let g2 = ((5.0 * z2 + 16.0) * z2 + 3.0) * z / 96.0;
    let g3 = (((3.0 * z2 + 19.0) * z2 + 17.0) * z2 - 15.0) * z / 384.0;
    let g4 = ((((79.0 * z2 + 776.0) * z2 + 1482.0) * z2 - 1920.0) * z2 - 945.0) * z / 92160.0;
    z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df
}

/// Degrees of freedom from which [`student_t_quantile`] uses the expansion alone.
const EXPANSION_DF: u64 = 1000;

/// The quantile of Student's t distribution with `df` degrees of freedom: the t with
/// P(T ≤ t) = p.
///
/// Exact closed forms for df = 1 and 2; the Cornish–Fisher expansion to O(df⁻⁴) for
/// df ≥ 1000; otherwise a safeguarded Newton iteration on the upper tail, computed from the
/// regularized incomplete beta function (P(T > t) = ½ I_{df/(df+t²)}(df/2, ½)). Accurate to
/// about 1e-11 over df and the usual levels (the tests pin table values to 1e-6 and the two
/// methods to each other at df = 999).
///
/// Returns NaN for `df = 0` or `p` outside `[0, 1]`, ±∞ for p = 0 or 1.
pub fn student_t_quantile(p: f64, df: u64) -> f64 {
    if df == 0 || p.is_nan() || !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    if p == 0.0 {
        return f64::NEG_INFINITY;
    }
    if p == 1.0 {
        return f64::INFINITY;
    }
    if p == 0.5 {
        return 0.0;
    }
    if p < 0.5 {
        return -student_t_quantile(1.0 - p, df);
    }
    let tail = 1.0 - p;
    if df == 1 {
        return (std::f64::consts::PI * (p - 0.5)).tan();
    }
    if df == 2 {
        let a = 4.0 * p * tail;
        return (2.0 * p - 1.0) * (2.0 / a).sqrt();
    }
    let dff = df as f64;
    let guess = student_t_expansion(normal_quantile(p), dff);
    if df >= EXPANSION_DF {
        return guess;
    }
    // Newton on g(t) = P(T > t) − tail, decreasing and convex for t > 0, kept inside a bracket
    // [lo, hi] with g(lo) > 0 > g(hi); bisect whenever a step would leave it.
    let mut lo = 0.0_f64;
    let mut hi = guess.max(1.0);
    while student_t_upper_tail(hi, dff) > tail {
        lo = hi;
        hi *= 2.0;
        if !hi.is_finite() {
            return f64::INFINITY;
        }
    }
    let mut t = guess.clamp(lo, hi);
    for _ in 0..200 {
        let g = student_t_upper_tail(t, dff) - tail;
        if g > 0.0 {
            lo = t;
        } else {
            hi = t;
        }
        let f = student_t_density(t, dff);
        let mut next = t + g / f;
        if !(next > lo && next < hi) {
            next = 0.5 * (lo + hi);
        }
        if (next - t).abs() <= 1e-14 * t.abs().max(1.0) {
            return next;
        }
        t = next;
    }
    t
}

/// P(X ≥ k) for X ~ Binomial(n, q), by summing the probabilities of k..=n in f64.
///
/// For n ≤ 1000 each term is C(n, i) qⁱ (1 − q)ⁿ⁻ⁱ with the binomial coefficient built up as
/// an exact-as-possible product; above that the terms are computed in log space (ln Γ). The
/// cost is O(n − k). Returns 1 for k = 0, 0 for k > n, and NaN for q outside `[0, 1]`.
pub fn binomial_tail(n: u64, k: u64, q: f64) -> f64 {
    if q.is_nan() || !(0.0..=1.0).contains(&q) {
        return f64::NAN;
    }
    if k == 0 {
        return 1.0;
    }
    if k > n {
        return 0.0;
    }
    if q == 0.0 {
        return 0.0;
    }
    if q == 1.0 {
        return 1.0;
    }
    let mut sum = 0.0;
    if n <= 1000 {
        // n ≤ 1000 fits i32 for powi; C(1000, 500) ≈ 2.7e299 fits f64.
        let n_i = n as i32;
        let mut coefficient = 1.0_f64;
        for i in 1..=n_i {
            coefficient = coefficient * f64::from(n_i - i + 1) / f64::from(i);
            if i64::from(i) >= k as i64 {
                sum += coefficient * q.powi(i) * (1.0 - q).powi(n_i - i);
            }
        }
    } else {
        let nf = n as f64;
        let ln_n_fact = ln_gamma(nf + 1.0);
        let (ln_q, ln_1q) = (q.ln(), (-q).ln_1p());
        for i in k..=n {
            let i = i as f64;
            let ln_term = ln_n_fact - ln_gamma(i + 1.0) - ln_gamma(nf - i + 1.0)
                + i * ln_q
                + (nf - i) * ln_1q;
            sum += ln_term.exp();
        }
    }
    sum.min(1.0)
}

/// The Wilson score interval for a proportion with `successes` out of `n`, at the normal
/// quantile `z` (1.959964 for 95%). `None` when n = 0. The bounds are clamped to [0, 1]
/// (so 0 successes give exactly 0 as the lower bound, n successes exactly 1 as the upper).
pub fn wilson(successes: u64, n: u64, z: f64) -> Option<(f64, f64)> {
    if n == 0 || successes > n {
        return None;
    }
    let nf = n as f64;
    let p = successes as f64 / nf;
    let z2 = z * z;
    let denominator = 1.0 + z2 / nf;
    let centre = (p + z2 / (2.0 * nf)) / denominator;
    let half = z / denominator * (p * (1.0 - p) / nf + z2 / (4.0 * nf * nf)).sqrt();
    let lo = if successes == 0 {
        0.0
    } else {
        (centre - half).clamp(0.0, 1.0)
    };
    let hi = if successes == n {
        1.0
    } else {
        (centre + half).clamp(0.0, 1.0)
    };
    Some((lo, hi))
}

// ---------------------------------------------------------------------------------------------
// Sample statistics
// ---------------------------------------------------------------------------------------------

/// A mean with its Student-t confidence interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MeanCi {
    pub n: u64,
    pub mean: f64,
    /// The sample standard deviation (n − 1 in the denominator).
    pub sd: f64,
    pub lo: f64,
    pub hi: f64,
}

/// The mean of `values` with its two-sided Student-t interval at `level` (e.g. 0.95):
/// mean ± t_{(1+level)/2, n−1} · sd / √n.
///
/// `None` for no values or a `level` outside (0, 1). For a single value there is no spread to
/// estimate: the result has `n = 1`, `sd = 0` and `lo = hi = mean` (a degenerate interval the
/// reader must recognise by `n`, not a claim of certainty).
pub fn mean_ci(values: &[f64], level: f64) -> Option<MeanCi> {
    if values.is_empty() || level.is_nan() || level <= 0.0 || level >= 1.0 {
        return None;
    }
    let n = values.len() as u64;
    let nf = values.len() as f64;
    let mean = values.iter().sum::<f64>() / nf;
    if n == 1 {
        return Some(MeanCi {
            n,
            mean,
            sd: 0.0,
            lo: mean,
            hi: mean,
        });
    }
    let squares: f64 = values.iter().map(|v| (v - mean) * (v - mean)).sum();
    let sd = (squares / (nf - 1.0)).sqrt();
    let half = student_t_quantile((1.0 + level) / 2.0, n - 1) * sd / nf.sqrt();
    Some(MeanCi {
        n,
        mean,
        sd,
        lo: mean - half,
        hi: mean + half,
    })
}

/// A sorted copy (by [`f64::total_cmp`]).
fn sorted(values: &[f64]) -> Vec<f64> {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    v
}

/// The type-7 quantile (Hyndman & Fan; R's default, NumPy's `linear`) of already sorted
/// values: with h = (n − 1) q, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋ + 1] − x[⌊h⌋]).
fn quantile_sorted(sorted: &[f64], q: f64) -> Option<f64> {
    if sorted.is_empty() || q.is_nan() || !(0.0..=1.0).contains(&q) {
        return None;
    }
    let h = (sorted.len() - 1) as f64 * q;
    let lower = h.floor();
    let i = lower as usize;
    let x = *sorted.get(i)?;
    match sorted.get(i + 1) {
        Some(next) => Some(x + (h - lower) * (next - x)),
        None => Some(x),
    }
}

/// The median (the mean of the two middle values for an even count); `None` when empty.
pub fn median(values: &[f64]) -> Option<f64> {
    quantile(values, 0.5)
}

/// The q-quantile by linear interpolation between order statistics (type 7, R's default): for
/// sorted x₀..xₙ₋₁ and h = (n − 1) q, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]). Computed on a
/// sorted copy (ordered by [`f64::total_cmp`]). `None` when empty or q is outside [0, 1].
pub fn quantile(values: &[f64], q: f64) -> Option<f64> {
    quantile_sorted(&sorted(values), q)
}

/// Several quantiles of the same values, sorting once.
pub fn quantiles(values: &[f64], qs: &[f64]) -> Option<Vec<f64>> {
    let s = sorted(values);
    qs.iter().map(|&q| quantile_sorted(&s, q)).collect()
}

// ---------------------------------------------------------------------------------------------
// Summary of a sweep
// ---------------------------------------------------------------------------------------------

/// Whether a metric is a proportion (a per-run yes/no) or a mean (a per-run number).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricKind {
    Proportion,
    Mean,
}

/// A proportion over runs with its Wilson 95% interval. `p`, `lo`, `hi` are `None` when
/// `n = 0`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProportionSummary {
    pub successes: u64,
    pub n: u64,
    pub p: Option<f64>,
    pub lo: Option<f64>,
    pub hi: Option<f64>,
}

/// A per-run number summarised over the `n` runs that have it, with a Student-t 95% interval
/// on the mean (see [`mean_ci`] for n = 1). All `None` when `n = 0`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeanSummary {
    pub n: u64,
    pub mean: Option<f64>,
    pub median: Option<f64>,
    pub sd: Option<f64>,
    pub lo: Option<f64>,
    pub hi: Option<f64>,
}

/// One metric of one variant; serialised with `"kind": "proportion"` or `"kind": "mean"`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MetricSummary {
    Proportion(ProportionSummary),
    Mean(MeanSummary),
}

/// One variant's summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VariantSummary {
    pub name: String,
    pub parameters: Vec<(String, String)>,
    /// The number of runs.
    pub runs: u64,
    /// By metric name (sorted).
    pub metrics: BTreeMap<String, MetricSummary>,
}

/// The paired difference (variant − baseline) of one metric over the runs with the same run
/// index, i.e. the same random streams.
///
/// `mean` is the mean of the per-run differences and `lo`..`hi` its Student-t 95% interval.
/// For a proportion the per-run values are 0/1 indicators, so `mean` is the difference of the
/// proportions and the interval is the asymptotic (large-sample) paired interval, not an exact
/// one. Runs where the metric is missing in either variant (or whose run index the other
/// variant lacks) are skipped: `n` is the number of pairs used. All `None` when `n = 0`; for
/// `n = 1` the interval is degenerate (see [`mean_ci`]).
///
/// Its fields echo [`MeanSummary`]'s on purpose: both are parts of `summary.json`'s contract.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiffSummary {
    pub kind: MetricKind,
    pub n: u64,
    pub mean: Option<f64>,
    pub sd: Option<f64>,
    pub lo: Option<f64>,
    pub hi: Option<f64>,
}

/// The differences of one variant from the baseline (the first variant).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Difference {
    pub variant: String,
    pub baseline: String,
    pub metrics: BTreeMap<String, DiffSummary>,
}

/// The summary of a sweep: every variant's metrics, and every variant after the first against
/// the first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub variants: Vec<VariantSummary>,
    pub differences: Vec<Difference>,
}

/// How a metric is read from a run.
#[derive(Clone, Copy)]
enum Extract {
    Proportion(fn(&RunRecord) -> bool),
    Mean(fn(&RunRecord) -> Option<f64>),
}

impl Extract {
    fn kind(self) -> MetricKind {
        match self {
            Extract::Proportion(_) => MetricKind::Proportion,
            Extract::Mean(_) => MetricKind::Mean,
        }
    }

    /// The metric as a number: proportions as 0/1 indicators.
    fn value(self, r: &RunRecord) -> Option<f64> {
        match self {
            Extract::Proportion(f) => Some(if f(r) { 1.0 } else { 0.0 }),
            Extract::Mean(f) => f(r),
        }
    }
}

/// The mean of a run's times from violation to activation; `None` when it has none.
pub fn mean_time_to_activation_h(r: &RunRecord) -> Option<f64> {
    if r.times_to_activation_h.is_empty() {
        None
    } else {
        Some(r.times_to_activation_h.iter().sum::<f64>() / r.times_to_activation_h.len() as f64)
    }
}

/// The metrics summarised, by name (the names are the keys of [`VariantSummary::metrics`]).
const METRICS: [(&str, Extract); 15] = [
    ("responded", Extract::Proportion(|r| r.responded)),
    (
        "any_false_activation",
        Extract::Proportion(|r| r.false_activations > 0),
    ),
    ("violations", Extract::Mean(|r| Some(r.violations as f64))),
    ("claims", Extract::Mean(|r| Some(r.claims as f64))),
    (
        "genuine_claims",
        Extract::Mean(|r| Some(r.genuine_claims as f64)),
    ),
    (
        "fabricated_claims",
        Extract::Mean(|r| Some(r.fabricated_claims as f64)),
    ),
    ("activations", Extract::Mean(|r| Some(r.activations as f64))),
    ("escalations", Extract::Mean(|r| Some(r.escalations as f64))),
    ("dismissals", Extract::Mean(|r| Some(r.dismissals as f64))),
    (
        "false_activations",
        Extract::Mean(|r| Some(r.false_activations as f64)),
    ),
    ("obligations", Extract::Mean(|r| Some(r.obligations as f64))),
    (
        "gain_before_response",
        Extract::Mean(|r| Some(r.gain_before_response)),
    ),
    // The adversary's gain over the whole horizon, responses that lapsed included.
    ("gain", Extract::Mean(|r| r.gain_by_day.last().copied())),
    ("first_response_h", Extract::Mean(|r| r.first_response_h)),
    (
        "mean_time_to_activation_h",
        Extract::Mean(mean_time_to_activation_h),
    ),
];

/// The names of the summarised metrics, in the order [`summarize`] computes them.
pub fn metric_names() -> impl Iterator<Item = &'static str> {
    METRICS.iter().map(|(name, _)| *name)
}

fn summarize_metric(runs: &[RunRecord], extract: Extract) -> MetricSummary {
    match extract {
        Extract::Proportion(f) => {
            let n = runs.len() as u64;
            let successes = runs.iter().filter(|r| f(r)).count() as u64;
            let interval = wilson(successes, n, normal_quantile(0.5 + LEVEL / 2.0));
            MetricSummary::Proportion(ProportionSummary {
                successes,
                n,
                p: (n > 0).then(|| successes as f64 / n as f64),
                lo: interval.map(|(lo, _)| lo),
                hi: interval.map(|(_, hi)| hi),
            })
        }
        Extract::Mean(f) => {
            let values: Vec<f64> = runs.iter().filter_map(f).collect();
            let ci = mean_ci(&values, LEVEL);
            MetricSummary::Mean(MeanSummary {
                n: values.len() as u64,
                mean: ci.map(|c| c.mean),
                median: median(&values),
                sd: ci.map(|c| c.sd),
                lo: ci.map(|c| c.lo),
                hi: ci.map(|c| c.hi),
            })
        }
    }
}

/// The paired differences (variant − baseline) of one metric, pairing runs by run index.
fn paired_difference(
    variant: &[RunRecord],
    baseline: &[RunRecord],
    extract: Extract,
) -> DiffSummary {
    let by_run: BTreeMap<u64, &RunRecord> = baseline.iter().map(|r| (r.run, r)).collect();
    let differences: Vec<f64> = variant
        .iter()
        .filter_map(|r| {
            let b = by_run.get(&r.run)?;
            Some(extract.value(r)? - extract.value(b)?)
        })
        .collect();
    let ci = mean_ci(&differences, LEVEL);
    DiffSummary {
        kind: extract.kind(),
        n: differences.len() as u64,
        mean: ci.map(|c| c.mean),
        sd: ci.map(|c| c.sd),
        lo: ci.map(|c| c.lo),
        hi: ci.map(|c| c.hi),
    }
}

/// Summarise a sweep: per variant, every metric of [`metric_names`]; per variant after the
/// first, the paired differences from the first (the baseline). Intervals are at [`LEVEL`].
///
/// Proportions: `responded` (P(response)) and `any_false_activation` (false_activations > 0),
/// with Wilson intervals. Means, with Student-t intervals: the counts, `gain_before_response`, `gain` (over the whole horizon),
/// `first_response_h` and `mean_time_to_activation_h` (the latter two over the runs that have
/// them; the latter is the mean over runs of each run's mean, see
/// [`mean_time_to_activation_h`]).
pub fn summarize(result: &SweepResult) -> Summary {
    let runs_of = |v: usize| result.runs.get(v).map_or(&[][..], Vec::as_slice);
    let variants = result
        .variants
        .iter()
        .enumerate()
        .map(|(v, info)| {
            let runs = runs_of(v);
            VariantSummary {
                name: info.name.clone(),
                parameters: info.parameters.clone(),
                runs: runs.len() as u64,
                metrics: METRICS
                    .iter()
                    .map(|(name, extract)| (name.to_string(), summarize_metric(runs, *extract)))
                    .collect(),
            }
        })
        .collect();
    let differences = match result.variants.first() {
        None => Vec::new(),
        Some(baseline) => result
            .variants
            .iter()
            .enumerate()
            .skip(1)
            .map(|(v, info)| Difference {
                variant: info.name.clone(),
                baseline: baseline.name.clone(),
                metrics: METRICS
                    .iter()
                    .map(|(name, extract)| {
                        (
                            name.to_string(),
                            paired_difference(runs_of(v), runs_of(0), *extract),
                        )
                    })
                    .collect(),
            })
            .collect(),
    };
    Summary {
        variants,
        differences,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
