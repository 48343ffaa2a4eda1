#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use std::f64::consts::PI;

/// The Ishigami function with a = 7, b = 0.1, its inputs uniform on [−π, π] (here from the unit
/// cube).
fn ishigami(u: &[f64]) -> f64 {
    let x: Vec<f64> = u.iter().map(|u| -PI + 2.0 * PI * u).collect();
    x[0].sin() + 7.0 * x[1].sin().powi(2) + 0.1 * x[2].powi(4) * x[0].sin()
}

/// Its indices in closed form (Ishigami and Homma 1990; Sobol' and Levitan 1999): with
/// V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2, V1 = (1 + bπ⁴/5)²/2, V2 = a²/8, V13 = b²π⁸(1/18 − 1/50).
fn ishigami_indices() -> ([f64; 3], [f64; 3]) {
    let (a, b) = (7.0f64, 0.1f64);
    let pi4 = PI.powi(4);
    let pi8 = PI.powi(8);
    let v = a * a / 8.0 + b * pi4 / 5.0 + b * b * pi8 / 18.0 + 0.5;
    let v1 = (1.0 + b * pi4 / 5.0).powi(2) / 2.0;
    let v2 = a * a / 8.0;
    let v13 = b * b * pi8 * (1.0 / 18.0 - 1.0 / 50.0);
    ([v1 / v, v2 / v, 0.0], [(v1 + v13) / v, v2 / v, v13 / v])
}

#[test]
fn the_closed_form_ishigami_indices_are_the_published_ones() {
    let (first, total) = ishigami_indices();
    for (got, want) in first.iter().zip([0.3139, 0.4424, 0.0]) {
        assert!((got - want).abs() < 1e-4, "{got} {want}");
    }
    for (got, want) in total.iter().zip([0.5576, 0.4424, 0.2437]) {
        assert!((got - want).abs() < 1e-4, "{got} {want}");
    }
}

#[test]
fn sobol_indices_of_the_ishigami_function_are_within_tolerance() {
    let design = saltelli_design(3, 1 << 13, 2026).unwrap();
    assert_eq!(design.points.len(), (1 << 13) * 5);
    let outputs: Vec<f64> = design.points.iter().map(|u| ishigami(u)).collect();
    let indices = sobol_indices(&design, &outputs, 7).unwrap();
    let (first, total) = ishigami_indices();
    for (i, index) in indices.iter().enumerate() {
        assert!(
            (index.first - first[i]).abs() < 0.03,
            "S{}: {} against {}",
            i + 1,
            index.first,
            first[i]
        );
        assert!(
            (index.total - total[i]).abs() < 0.03,
            "ST{}: {} against {}",
            i + 1,
            index.total,
            total[i]
        );
        assert!(index.first_low <= index.first && index.first <= index.first_high);
        assert!(index.total_low <= index.total && index.total <= index.total_high);
        assert!(index.total_high - index.total_low < 0.1, "{index:?}");
    }
    // And the same seed gives the same bytes.
    assert_eq!(indices, sobol_indices(&design, &outputs, 7).unwrap());
}

#[test]
fn an_output_that_never_varies_has_no_variance_to_share() {
    let design = saltelli_design(2, 16, 1).unwrap();
    let outputs = vec![4.0; design.points.len()];
    for index in sobol_indices(&design, &outputs, 1).unwrap() {
        assert_eq!((index.first, index.total), (0.0, 0.0));
    }
}

#[test]
fn a_morris_trajectory_moves_one_factor_by_delta_per_step_inside_the_cube() {
    let design = morris_design(5, 10, 4, 3).unwrap();
    assert_eq!(design.points.len(), 10 * 6);
    assert!((design.delta - 4.0 / 6.0).abs() < 1e-12);
    for t in 0..10 {
        let path = &design.points[t * 6..(t + 1) * 6];
        let mut moved = Vec::new();
        for pair in path.windows(2) {
            let changed: Vec<usize> = (0..5)
                .filter(|&i| (pair[1][i] - pair[0][i]).abs() > 1e-12)
                .collect();
            assert_eq!(changed.len(), 1, "{pair:?}");
            let i = changed[0];
            assert!(((pair[1][i] - pair[0][i]).abs() - design.delta).abs() < 1e-12);
            moved.push(i);
        }
        moved.sort_unstable();
        assert_eq!(moved, [0, 1, 2, 3, 4], "each factor moves once");
        assert!(
            path.iter()
                .flatten()
                .all(|u| (0.0..=1.0 + 1e-12).contains(u))
        );
    }
}

#[test]
fn morris_effects_of_a_linear_model_are_its_slopes() {
    // y = 3 u1 − 2 u3 (u2 does nothing), in units per whole range: per Δ the effect is the slope.
    let design = morris_design(3, 12, 4, 9).unwrap();
    let outputs: Vec<f64> = design
        .points
        .iter()
        .map(|u| 3.0 * u[0] - 2.0 * u[2])
        .collect();
    let effects = morris_effects(&design, &outputs).unwrap();
    let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
    assert!(close(effects[0].mu_star, 3.0) && close(effects[0].mu, 3.0));
    assert!(close(effects[0].sigma, 0.0));
    assert!(close(effects[1].mu_star, 0.0));
    assert!(close(effects[2].mu_star, 2.0) && close(effects[2].mu, -2.0));
}

#[test]
fn morris_screening_ranks_the_ishigami_factors() {
    let design = morris_design(3, 200, 4, 5).unwrap();
    let outputs: Vec<f64> = design.points.iter().map(|u| ishigami(u)).collect();
    let effects = morris_effects(&design, &outputs).unwrap();
    // Every factor matters (x3 only through its interaction with x1, so with a large σ
    // against its μ).
    assert!(effects.iter().all(|e| e.mu_star > 1.0), "{effects:?}");
    assert!(effects[2].sigma > effects[2].mu.abs(), "{effects:?}");
}

#[test]
fn designs_and_outputs_that_do_not_fit_say_why() {
    assert_eq!(
        saltelli_design(0, 64, 1),
        Err(SensitivityError::Factors { factors: 0 })
    );
    assert_eq!(
        saltelli_design(2, 4, 1),
        Err(SensitivityError::TooSmall {
            what: "samples",
            min: 8,
            found: 4
        })
    );
    assert_eq!(
        saltelli_design(3, POINTS_MAX, 1),
        Err(SensitivityError::TooLarge {
            points: POINTS_MAX * 5
        })
    );
    assert!(matches!(
        morris_design(3, 10, 3, 1),
        Err(SensitivityError::TooSmall { .. })
    ));
    let design = saltelli_design(2, 8, 1).unwrap();
    assert_eq!(
        sobol_indices(&design, &[1.0; 3], 1),
        Err(SensitivityError::Outputs {
            expected: 32,
            found: 3
        })
    );
    let mut outputs = vec![1.0; 32];
    outputs[5] = f64::NAN;
    assert!(matches!(
        sobol_indices(&design, &outputs, 1),
        Err(SensitivityError::NotFinite { index: 5, .. })
    ));
}
