//! The few distributions the model draws from, written out (see the crate docs).

use super::*;

/// A uniform number in [0, 1) with 53 random bits.
pub(super) fn unit(rng: &mut ChaCha8Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// An exponential waiting time with `rate_per_s`, in whole seconds (at least 1).
pub(super) fn exponential_s(rng: &mut ChaCha8Rng, rate_per_s: f64) -> i64 {
    let wait = -(1.0 - unit(rng)).ln() / rate_per_s;
    if wait.is_finite() && wait < 1e15 {
        (wait.ceil() as i64).max(1)
    } else {
        i64::MAX / 4
    }
}

/// A standard normal draw (Box-Muller).
pub(super) fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let (u1, u2) = (unit(rng), unit(rng));
    (-2.0 * (1.0 - u1).ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// `p` moved by `shift` on the log-odds scale (0 and 1 stay put).
pub(super) fn shifted(p: f64, shift: f64) -> f64 {
    if p <= 0.0 || p >= 1.0 || shift == 0.0 {
        return p;
    }
    let logit = (p / (1.0 - p)).ln() + shift;
    1.0 / (1.0 + (-logit).exp())
}

/// The most rejections a gamma draw makes before settling (the acceptance rate is above 95%, so
/// reaching it has probability below 10⁻¹⁰⁰⁰).
const GAMMA_TRIES_MAX: usize = 1_000;

/// A gamma draw of shape `shape` and scale 1 (mean `shape`), by Marsaglia and Tsang's method
/// ("A simple method for generating gamma variables", ACM TOMS 26(3), 2000), with the boost
/// `G(a) = G(a + 1) · U^(1/a)` for shapes below 1. Written out like the others so a run's
/// draws do not move with a dependency's version.
pub(super) fn gamma(rng: &mut ChaCha8Rng, shape: f64) -> f64 {
    if shape < 1.0 {
        let u = 1.0 - unit(rng);
        return gamma(rng, shape + 1.0) * u.powf(1.0 / shape);
    }
    let d = shape - 1.0 / 3.0;
    let c = 1.0 / (9.0 * d).sqrt();
    for _ in 0..GAMMA_TRIES_MAX {
        let x = normal(rng);
        let v = (1.0 + c * x).powi(3);
        if v <= 0.0 {
            continue;
        }
        let u = unit(rng);
        if u.ln() < 0.5 * x * x + d - d * v + d * v.ln() {
            return d * v;
        }
    }
    d
}
