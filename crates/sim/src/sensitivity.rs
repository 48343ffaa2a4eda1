//! Global sensitivity analysis: which assumptions a result depends on.
//!
//! Two methods over factors that each range uniformly between a low and a high value, both on
//! the unit cube here (a factor's value is `low + u × (high − low)`), both model-free (they see
//! only the outputs at the points they chose) and seeded (ChaCha8), so an analysis is
//! reproducible:
//!
//! * **Morris elementary effects** (Morris 1991, with μ* of Campolongo, Cariboni and Saltelli
//!   2007), for screening many factors cheaply: `r` trajectories on a grid of `p` levels, each
//!   moving one factor at a time by Δ = p / (2(p − 1)); per factor the mean of the absolute
//!   effects (μ*, how much it matters), their mean (μ, in which direction) and their standard
//!   deviation (σ, how much it interacts or bends). Costs `r (k + 1)` model runs.
//! * **Sobol indices by Saltelli sampling** (Saltelli et al. 2010): two independent sample
//!   matrices A and B of `n` rows and, per factor i, A with column i from B. The first-order
//!   index S_i (the share of the output's variance that factor i explains alone) by Saltelli
//!   2010's estimator, the total index ST_i (its share with all its interactions) by Jansen's;
//!   95% intervals by bootstrapping the rows. Costs `n (k + 2)` model runs. Checked against the
//!   Ishigami function, whose indices are known in closed form.

pub mod chart;
pub mod study;

use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};
use serde::Serialize;
use thiserror::Error;

/// The most factors an analysis takes.
pub const FACTORS_MAX: usize = 64;
/// The most model runs a design may ask for: a bound on time and memory.
pub const POINTS_MAX: usize = 1_000_000;
/// Bootstrap resamples for the Sobol intervals.
const BOOTSTRAP_RESAMPLES: usize = 500;

#[derive(Debug, Error, PartialEq)]
pub enum SensitivityError {
    #[error("{factors} factors: an analysis takes 1 to {FACTORS_MAX}")]
    Factors { factors: usize },
    #[error("the design would need {points} model runs; the limit is {POINTS_MAX}")]
    TooLarge { points: usize },
    #[error("{what} must be at least {min}, not {found}")]
    TooSmall {
        what: &'static str,
        min: usize,
        found: usize,
    },
    #[error("{found} outputs for a design of {expected} points")]
    Outputs { expected: usize, found: usize },
    #[error("output {index} is not a finite number ({value})")]
    NotFinite { index: usize, value: f64 },
}

/// A uniform number in [0, 1) with 53 random bits.
fn unit(rng: &mut ChaCha8Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// A number in [0, n).
fn below(rng: &mut ChaCha8Rng, n: usize) -> usize {
    ((unit(rng) * n as f64) as usize).min(n.saturating_sub(1))
}

fn check_factors(k: usize) -> Result<(), SensitivityError> {
    if k == 0 || k > FACTORS_MAX {
        return Err(SensitivityError::Factors { factors: k });
    }
    Ok(())
}

fn check_outputs(expected: usize, outputs: &[f64]) -> Result<(), SensitivityError> {
    if outputs.len() != expected {
        return Err(SensitivityError::Outputs {
            expected,
            found: outputs.len(),
        });
    }
    match outputs.iter().position(|y| !y.is_finite()) {
        Some(index) => Err(SensitivityError::NotFinite {
            index,
            value: outputs[index],
        }),
        None => Ok(()),
    }
}

/// A Morris design: `trajectories` paths of `k + 1` points in the unit cube.
#[derive(Debug, Clone, PartialEq)]
pub struct MorrisDesign {
    pub k: usize,
    pub trajectories: usize,
    /// The step, as a share of each factor's range.
    pub delta: f64,
    /// The points, trajectory after trajectory.
    pub points: Vec<Vec<f64>>,
    /// For each step of each trajectory, the factor it moved and the sign of the move.
    moves: Vec<(usize, f64)>,
}

/// Draws a Morris design on a grid of `levels` levels (even, at least 2).
pub fn morris_design(
    k: usize,
    trajectories: usize,
    levels: usize,
    seed: u64,
) -> Result<MorrisDesign, SensitivityError> {
    check_factors(k)?;
    if trajectories < 2 {
        return Err(SensitivityError::TooSmall {
            what: "trajectories",
            min: 2,
            found: trajectories,
        });
    }
    if levels < 2 || levels % 2 != 0 {
        return Err(SensitivityError::TooSmall {
            what: "levels (an even number)",
            min: 2,
            found: levels,
        });
    }
    let points = trajectories.saturating_mul(k + 1);
    if points > POINTS_MAX {
        return Err(SensitivityError::TooLarge { points });
    }
    let delta = levels as f64 / (2.0 * (levels - 1) as f64);
    let grid = |level: usize| level as f64 / (levels - 1) as f64;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut design = MorrisDesign {
        k,
        trajectories,
        delta,
        points: Vec::with_capacity(points),
        moves: Vec::with_capacity(trajectories * k),
    };
    for _ in 0..trajectories {
        // A base point on the grid's lower half, so that +Δ stays inside; each factor then
        // moves up or down by Δ, in a random order.
        let mut x: Vec<f64> = (0..k).map(|_| grid(below(&mut rng, levels / 2))).collect();
        let mut up: Vec<bool> = (0..k).map(|_| unit(&mut rng) < 0.5).collect();
        // Start at the top for the factors that will move down.
        for (xi, u) in x.iter_mut().zip(&up) {
            if !u {
                *xi += delta;
            }
        }
        let mut order: Vec<usize> = (0..k).collect();
        for i in (1..k).rev() {
            order.swap(i, below(&mut rng, i + 1));
        }
        design.points.push(x.clone());
        for &i in &order {
            let sign = if up[i] { 1.0 } else { -1.0 };
            x[i] += sign * delta;
            up[i] = !up[i];
            design.points.push(x.clone());
            design.moves.push((i, sign));
        }
    }
    Ok(design)
}

/// One factor's Morris statistics: elementary effects are the change of the output over a step
/// of Δ divided by Δ, so in the output's units for a move across the factor's whole range.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MorrisEffect {
    /// The mean of the absolute elementary effects: how much the factor matters.
    pub mu_star: f64,
    /// The mean of the elementary effects: their direction, when they agree.
    pub mu: f64,
    /// Their standard deviation: interactions or a bent response.
    pub sigma: f64,
}

/// The elementary effects of each factor, given the model's output at each design point.
pub fn morris_effects(
    design: &MorrisDesign,
    outputs: &[f64],
) -> Result<Vec<MorrisEffect>, SensitivityError> {
    check_outputs(design.points.len(), outputs)?;
    let mut effects: Vec<Vec<f64>> = vec![Vec::with_capacity(design.trajectories); design.k];
    for t in 0..design.trajectories {
        let base = t * (design.k + 1);
        for step in 0..design.k {
            let (factor, sign) = design.moves[t * design.k + step];
            let dy = outputs[base + step + 1] - outputs[base + step];
            effects[factor].push(sign * dy / design.delta);
        }
    }
    Ok(effects
        .iter()
        .map(|ee| {
            let r = ee.len() as f64;
            let mu = ee.iter().sum::<f64>() / r;
            let mu_star = ee.iter().map(|e| e.abs()).sum::<f64>() / r;
            let sigma = if ee.len() > 1 {
                (ee.iter().map(|e| (e - mu).powi(2)).sum::<f64>() / (r - 1.0)).sqrt()
            } else {
                0.0
            };
            MorrisEffect { mu_star, mu, sigma }
        })
        .collect())
}

/// A Saltelli design: `n` rows of A, `n` rows of B, then for each factor i the `n` rows of A
/// with column i taken from B.
#[derive(Debug, Clone, PartialEq)]
pub struct SaltelliDesign {
    pub k: usize,
    pub n: usize,
    pub points: Vec<Vec<f64>>,
}

/// Draws a Saltelli design of `n` base rows (at least 8).
pub fn saltelli_design(k: usize, n: usize, seed: u64) -> Result<SaltelliDesign, SensitivityError> {
    check_factors(k)?;
    if n < 8 {
        return Err(SensitivityError::TooSmall {
            what: "samples",
            min: 8,
            found: n,
        });
    }
    let points = n.saturating_mul(k + 2);
    if points > POINTS_MAX {
        return Err(SensitivityError::TooLarge { points });
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut draw = |n: usize| -> Vec<Vec<f64>> {
        (0..n)
            .map(|_| (0..k).map(|_| unit(&mut rng)).collect())
            .collect()
    };
    let a = draw(n);
    let b = draw(n);
    let mut all = Vec::with_capacity(points);
    all.extend(a.iter().cloned());
    all.extend(b.iter().cloned());
    for i in 0..k {
        for (ra, rb) in a.iter().zip(&b) {
            let mut row = ra.clone();
            row[i] = rb[i];
            all.push(row);
        }
    }
    Ok(SaltelliDesign { k, n, points: all })
}

/// One factor's Sobol indices with 95% bootstrap intervals.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SobolIndex {
    pub first: f64,
    pub first_low: f64,
    pub first_high: f64,
    pub total: f64,
    pub total_low: f64,
    pub total_high: f64,
}

/// The Sobol indices of each factor from the outputs at a Saltelli design's points; `seed`
/// drives the bootstrap. An output that does not vary at all has no variance to share: every
/// index is 0.
pub fn sobol_indices(
    design: &SaltelliDesign,
    outputs: &[f64],
    seed: u64,
) -> Result<Vec<SobolIndex>, SensitivityError> {
    let (k, n) = (design.k, design.n);
    check_outputs(design.points.len(), outputs)?;
    let fa = &outputs[..n];
    let fb = &outputs[n..2 * n];
    let rows: Vec<usize> = (0..n).collect();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let resamples: Vec<Vec<usize>> = (0..BOOTSTRAP_RESAMPLES)
        .map(|_| (0..n).map(|_| below(&mut rng, n)).collect())
        .collect();
    Ok((0..k)
        .map(|i| {
            let fab = &outputs[(2 + i) * n..(3 + i) * n];
            let (first, total) = estimate(fa, fb, fab, &rows);
            let mut firsts = Vec::with_capacity(BOOTSTRAP_RESAMPLES);
            let mut totals = Vec::with_capacity(BOOTSTRAP_RESAMPLES);
            for rows in &resamples {
                let (f, t) = estimate(fa, fb, fab, rows);
                firsts.push(f);
                totals.push(t);
            }
            let (first_low, first_high) = percentile_interval(firsts);
            let (total_low, total_high) = percentile_interval(totals);
            SobolIndex {
                first,
                first_low,
                first_high,
                total,
                total_low,
                total_high,
            }
        })
        .collect())
}

/// Saltelli 2010's first-order and Jansen's total estimator over the chosen rows.
fn estimate(fa: &[f64], fb: &[f64], fab: &[f64], rows: &[usize]) -> (f64, f64) {
    let m = rows.len() as f64;
    let mean = rows.iter().map(|&j| fa[j] + fb[j]).sum::<f64>() / (2.0 * m);
    let variance = rows
        .iter()
        .map(|&j| (fa[j] - mean).powi(2) + (fb[j] - mean).powi(2))
        .sum::<f64>()
        / (2.0 * m - 1.0);
    if variance <= 0.0 {
        return (0.0, 0.0);
    }
    let first = rows.iter().map(|&j| fb[j] * (fab[j] - fa[j])).sum::<f64>() / m / variance;
    let total = rows.iter().map(|&j| (fa[j] - fab[j]).powi(2)).sum::<f64>() / (2.0 * m) / variance;
    (first, total)
}

/// The 2.5% and 97.5% points of the bootstrap estimates.
fn percentile_interval(mut values: Vec<f64>) -> (f64, f64) {
    values.sort_by(f64::total_cmp);
    let at = |q: f64| {
        let index = ((values.len() - 1) as f64 * q).round() as usize;
        values.get(index).copied().unwrap_or(f64::NAN)
    };
    (at(0.025), at(0.975))
}

#[cfg(test)]
mod tests;
