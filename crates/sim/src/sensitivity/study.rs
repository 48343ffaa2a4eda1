//! A sensitivity study of the simulator (`snapback simulate sensitivity CONFIG`): the config's
//! `[sensitivity]` table names parameters with ranges and a method; every design point is the
//! config with those parameters set, run `runs` times on one variant; each result metric's mean
//! over the runs is the model output the method analyses.
//!
//! Every point uses the config's master seed, so points differ only by their parameters (common
//! random numbers), and the design's own draws come from the same seed: a study is reproducible
//! byte for byte. The means still carry Monte Carlo noise, which a method counts as variance the
//! parameters do not explain; more `runs` per point make it smaller.

use std::sync::atomic::AtomicU64;

use serde::{Deserialize, Serialize};
use snapback_charter::Source;
use snapback_charter::diag::{FieldPath, Problem};
use thiserror::Error;

use super::{
    MorrisEffect, SensitivityError, SobolIndex, morris_design, morris_effects, saltelli_design,
    sobol_indices,
};
use crate::config::{Adversary, Config};
use crate::record::RunRecord;
use crate::runner::Sweep;

/// The `[sensitivity]` table of a simulation config.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SensitivitySpec {
    pub method: Method,
    /// Sobol: the base sample's rows (the study runs `samples × (parameters + 2)` points);
    /// Morris: the trajectories (`samples × (parameters + 1)` points).
    pub samples: usize,
    /// Morris: the grid's levels (even).
    #[serde(default = "four")]
    pub levels: usize,
    /// Runs of the simulation at each point.
    pub runs: u64,
    /// The variant studied (default: the first).
    #[serde(default)]
    pub variant: Option<String>,
    pub parameter: Vec<Parameter>,
}

fn four() -> usize {
    4
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    Morris,
    Sobol,
}

/// One parameter's range: uniform between `low` and `high`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    pub key: String,
    pub low: f64,
    pub high: f64,
}

/// A parameter a study can vary: its key, the values it may take, and how it is set.
#[derive(Debug)]
pub struct Settable {
    pub key: &'static str,
    pub min: f64,
    pub max: f64,
    set: fn(&mut Config, f64),
}

fn salami(config: &mut Config) -> Option<(&mut f64, &mut Option<f64>)> {
    match &mut config.adversary {
        Adversary::Salami {
            rate_per_day,
            dispersion,
            ..
        } => Some((rate_per_day, dispersion)),
        _ => None,
    }
}

/// The parameters a study can vary (the `adversary.` ones only with the salami adversary,
/// which `check` requires).
pub const PARAMETERS: [Settable; 12] = [
    Settable {
        key: "adversary.rate_per_day",
        min: 0.0,
        max: 1_000.0,
        set: |c, v| {
            if let Some((rate, _)) = salami(c) {
                *rate = v;
            }
        },
    },
    Settable {
        key: "adversary.dispersion",
        min: 1e-9,
        max: 1e9,
        set: |c, v| {
            if let Some((_, dispersion)) = salami(c) {
                *dispersion = Some(v);
            }
        },
    },
    Settable {
        key: "filing.detection",
        min: 0.0,
        max: 1.0,
        set: |c, v| c.filing.detection = v,
    },
    Settable {
        key: "filing.fabricated_per_day",
        min: 0.0,
        max: 1_000.0,
        set: |c, v| c.filing.fabricated_per_day = v,
    },
    Settable {
        key: "voting.unfounded_genuine",
        min: 0.0,
        max: 1.0,
        set: |c, v| c.voting.default.unfounded_genuine = v,
    },
    Settable {
        key: "voting.unfounded_fabricated",
        min: 0.0,
        max: 1.0,
        set: |c, v| c.voting.default.unfounded_fabricated = v,
    },
    Settable {
        key: "voting.abstain",
        min: 0.0,
        max: 1.0,
        set: |c, v| c.voting.default.abstain = v,
    },
    Settable {
        key: "voting.no_vote",
        min: 0.0,
        max: 1.0,
        set: |c, v| c.voting.default.no_vote = v,
    },
    Settable {
        key: "voting.decision_yes",
        min: 0.0,
        max: 1.0,
        set: |c, v| c.voting.default.decision_yes = v,
    },
    Settable {
        key: "voting.renewal_no",
        min: 0.0,
        max: 1.0,
        set: |c, v| c.voting.default.renewal_no = v,
    },
    Settable {
        key: "voting.political_will_sd",
        min: 0.0,
        max: 10.0,
        set: |c, v| c.voting.political_will_sd = v,
    },
    Settable {
        key: "voting.will_shift_per_false_activation",
        min: -10.0,
        max: 10.0,
        set: |c, v| c.voting.will_shift_per_false_activation = v,
    },
];

fn settable(key: &str) -> Option<&'static Settable> {
    PARAMETERS.iter().find(|p| p.key == key)
}

/// The runs a study may make in all (points × runs per point): a bound on its time.
pub const STUDY_RUNS_MAX: u64 = 100_000_000;

/// A metric of a study: its name, its label, and a run's value.
pub type Metric = (&'static str, &'static str, fn(&RunRecord) -> f64);

/// The metrics a study analyses: name, label, and each run's value (averaged over a point's
/// runs).
pub const METRICS: [Metric; 6] = [
    ("responded", "P(response)", |r| {
        f64::from(u8::from(r.responded))
    }),
    (
        "gain_before_response",
        "adversary gain before the first response",
        |r| r.gain_before_response,
    ),
    ("gain", "adversary gain over the horizon", |r| {
        r.gain_by_day.last().copied().unwrap_or(0.0)
    }),
    ("violations", "violations", |r| r.violations as f64),
    ("false_activations", "false activations", |r| {
        r.false_activations as f64
    }),
    ("dismissals", "dismissals", |r| r.dismissals as f64),
];

/// The spec's problems, located by path (called with the config's other checks).
pub(crate) fn check(c: &Config, spec: &SensitivitySpec, out: &mut Vec<Problem>) {
    let at = FieldPath::of(&["sensitivity"]);
    if spec.parameter.is_empty() || spec.parameter.len() > super::FACTORS_MAX {
        out.push(
            Problem::new(
                at.key("parameter"),
                format!(
                    "{} parameters: a study takes 1 to {}",
                    spec.parameter.len(),
                    super::FACTORS_MAX
                ),
            )
            .help("add [[sensitivity.parameter]] tables with key, low and high"),
        );
    }
    let min = match spec.method {
        Method::Sobol => 8,
        Method::Morris => 2,
    };
    if spec.samples < min {
        out.push(
            Problem::new(
                at.key("samples"),
                format!("{} samples: this method needs at least {min}", spec.samples),
            )
            .help("Sobol: 64 to 1024 base rows; Morris: 10 to 50 trajectories"),
        );
    }
    if spec.levels < 2 || spec.levels % 2 != 0 {
        out.push(
            Problem::new(
                at.key("levels"),
                format!("{} is not an even number of levels", spec.levels),
            )
            .help("4 is the usual choice"),
        );
    }
    if spec.runs == 0 {
        out.push(Problem::new(at.key("runs"), "0 runs per point").help("write 50 to 1000"));
    }
    let points_per_sample = spec.parameter.len()
        + match spec.method {
            Method::Sobol => 2,
            Method::Morris => 1,
        };
    let total = (spec.samples as u64)
        .saturating_mul(points_per_sample as u64)
        .saturating_mul(spec.runs);
    if total > STUDY_RUNS_MAX {
        out.push(
            Problem::new(
                at.key("runs"),
                format!("the study would make {total} runs; the limit is {STUDY_RUNS_MAX}"),
            )
            .help("fewer samples or runs per point"),
        );
    }
    if let Some(name) = &spec.variant
        && !c.variant.iter().any(|v| &v.name == name)
    {
        out.push(Problem::new(
            at.key("variant"),
            format!("no variant `{name}` in this config"),
        ));
    }
    for (i, p) in spec.parameter.iter().enumerate() {
        let here = at.key("parameter").index(i);
        let Some(&Settable { min, max, .. }) = settable(&p.key) else {
            let known: Vec<&str> = PARAMETERS.iter().map(|s| s.key).collect();
            out.push(
                Problem::new(
                    here.key("key"),
                    format!("`{}` is not a parameter a study can vary", p.key),
                )
                .help(format!("one of: {}", known.join(", "))),
            );
            continue;
        };
        if p.key.starts_with("adversary.") && !matches!(c.adversary, Adversary::Salami { .. }) {
            out.push(Problem::new(
                here.key("key"),
                format!("`{}` needs the salami adversary", p.key),
            ));
        }
        if !(p.low < p.high && p.low >= min && p.high <= max) {
            out.push(
                Problem::new(
                    here.key("low"),
                    format!(
                        "{} to {} is not a range of `{}` (low below high, within {min} to {max})",
                        p.low, p.high, p.key
                    ),
                )
                .help("write low and high with low < high"),
            );
        }
        if spec.parameter[..i].iter().any(|q| q.key == p.key) {
            out.push(Problem::new(
                here.key("key"),
                format!("`{}` is listed twice", p.key),
            ));
        }
    }
}

#[derive(Debug, Error)]
pub enum StudyError {
    #[error("the config has no [sensitivity] table (see docs/simulator.md)")]
    NoSpec,
    #[error("at the design point {point}: {message}")]
    Point { point: String, message: String },
    #[error(transparent)]
    Method(#[from] SensitivityError),
}

/// One metric's sensitivity to each parameter (in the spec's order).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricSensitivity {
    pub metric: String,
    pub label: String,
    /// The metric's mean and range over the design's points.
    pub mean: f64,
    pub min: f64,
    pub max: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub morris: Option<Vec<MorrisEffect>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sobol: Option<Vec<SobolIndex>>,
}

/// A study's result: `sensitivity.json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Study {
    pub method: Method,
    pub variant: String,
    pub seed: u64,
    pub samples: usize,
    pub points: usize,
    pub runs_per_point: u64,
    pub parameters: Vec<Parameter>,
    pub metrics: Vec<MetricSensitivity>,
}

/// Runs the study the config's `[sensitivity]` table describes.
pub fn run_study(
    config: &Config,
    base: &Source,
    record: Option<&Source>,
    threads: usize,
) -> Result<Study, StudyError> {
    let spec = config.sensitivity.as_ref().ok_or(StudyError::NoSpec)?;
    let k = spec.parameter.len();
    let seed = config.simulation.seed;
    let (points, analyse): (Vec<Vec<f64>>, Analysis) = match spec.method {
        Method::Morris => {
            let design = morris_design(k, spec.samples, spec.levels, seed)?;
            (design.points.clone(), Analysis::Morris(design))
        }
        Method::Sobol => {
            let design = saltelli_design(k, spec.samples, seed)?;
            (design.points.clone(), Analysis::Sobol(design))
        }
    };
    let variant = spec
        .variant
        .clone()
        .or_else(|| config.variant.first().map(|v| v.name.clone()))
        .unwrap_or_default();
    let mut outputs: Vec<Vec<f64>> = vec![Vec::with_capacity(points.len()); METRICS.len()];
    for unit in &points {
        let mut point = config.clone();
        point.sensitivity = None;
        point.simulation.runs = spec.runs;
        point.variant.retain(|v| v.name == variant);
        let values: Vec<f64> = spec
            .parameter
            .iter()
            .zip(unit)
            .map(|(p, u)| p.low + u * (p.high - p.low))
            .collect();
        for (p, value) in spec.parameter.iter().zip(&values) {
            if let Some(s) = settable(&p.key) {
                (s.set)(&mut point, *value);
            }
        }
        let describe = || {
            spec.parameter
                .iter()
                .zip(&values)
                .map(|(p, v)| format!("{} = {v}", p.key))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let problems = crate::config::check(&point);
        if let Some(problem) = problems.first() {
            return Err(StudyError::Point {
                point: describe(),
                message: format!("{}: {}", problem.path, problem.message),
            });
        }
        let sweep = Sweep::with_record(point, base, record).map_err(|e| StudyError::Point {
            point: describe(),
            message: e.to_string(),
        })?;
        let (result, _) =
            sweep
                .run(threads, &AtomicU64::new(0))
                .map_err(|e| StudyError::Point {
                    point: describe(),
                    message: e.to_string(),
                })?;
        let runs = result.runs.first().map(Vec::as_slice).unwrap_or_default();
        for ((_, _, value), column) in METRICS.iter().zip(&mut outputs) {
            column.push(runs.iter().map(value).sum::<f64>() / runs.len().max(1) as f64);
        }
    }
    let metrics = METRICS
        .iter()
        .zip(&outputs)
        .map(|((name, label, _), ys)| {
            let (morris, sobol) = match &analyse {
                Analysis::Morris(d) => (Some(morris_effects(d, ys)?), None),
                Analysis::Sobol(d) => (None, Some(sobol_indices(d, ys, seed ^ 0x5eed)?)),
            };
            Ok(MetricSensitivity {
                metric: (*name).to_owned(),
                label: (*label).to_owned(),
                mean: ys.iter().sum::<f64>() / ys.len().max(1) as f64,
                min: ys.iter().copied().fold(f64::INFINITY, f64::min),
                max: ys.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                morris,
                sobol,
            })
        })
        .collect::<Result<Vec<_>, SensitivityError>>()?;
    Ok(Study {
        method: spec.method,
        variant,
        seed,
        samples: spec.samples,
        points: points.len(),
        runs_per_point: spec.runs,
        parameters: spec.parameter.clone(),
        metrics,
    })
}

enum Analysis {
    Morris(super::MorrisDesign),
    Sobol(super::SaltelliDesign),
}
