//! What one simulated run yields, and what a variant is: the interface between the model (which
//! runs the engine) and the outputs (CSV, summary statistics, plots, manifest).

use serde::{Deserialize, Serialize};

/// One run of one variant: its identity, and every metric the model records.
///
/// Times are hours (`f64`) since the start of the run; gains are in the config's gain units.
/// Every field is a deterministic function of (config, variant, run index): the same inputs give
/// bit-identical records on any number of threads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunRecord {
    /// The variant's name (from the config).
    pub variant: String,
    /// The run's index within its variant, from 0. Run `i` of every variant uses the same random
    /// streams (common random numbers).
    pub run: u64,
    /// The run's seed, derived from (master seed, run index); printed so one run can be replayed.
    pub seed: u64,
    /// Violations the adversary committed.
    pub violations: u64,
    /// Claims filed: genuine (for a detected violation) plus fabricated.
    pub claims: u64,
    pub genuine_claims: u64,
    pub fabricated_claims: u64,
    /// Activations (by a claim or by escalation).
    pub activations: u64,
    /// Activations caused by escalation (salami-slicing aggregated into a higher tier).
    pub escalations: u64,
    /// Claims dismissed.
    pub dismissals: u64,
    /// Activations triggered only by fabricated claims.
    pub false_activations: u64,
    /// Obligations the activations created.
    pub obligations: u64,
    /// Whether any genuine violation was answered by an activation within the horizon.
    pub responded: bool,
    /// Hours from the run's first violation to the first activation that answered a genuine
    /// claim (how long the adversary acted before the guarantee first bit); `None` when nothing
    /// genuine activated.
    pub first_response_h: Option<f64>,
    /// For every genuine claim that activated: hours from its violation to the activation.
    pub times_to_activation_h: Vec<f64>,
    /// The adversary's cumulative gain before the first response took effect (the first
    /// genuine activation plus the aid lag), or over the whole horizon if none did.
    pub gain_before_response: f64,
    /// The adversary's cumulative gain at the end of each day `0..horizon_days` (for the fan
    /// chart): gain accrues from each violation until a response is in effect.
    pub gain_by_day: Vec<f64>,
}

/// A variant as the outputs describe it: its name and its parameters as (name, value) text
/// pairs, in a fixed order that is the same for every variant of a config (the CSV's parameter
/// columns).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VariantInfo {
    pub name: String,
    pub parameters: Vec<(String, String)>,
}

/// All runs of all variants, in (variant order, run index) order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SweepResult {
    pub variants: Vec<VariantInfo>,
    /// `runs[v]` are the runs of `variants[v]`, by run index.
    pub runs: Vec<Vec<RunRecord>>,
    /// The horizon in days (the length of every `gain_by_day`).
    pub horizon_days: u32,
}
