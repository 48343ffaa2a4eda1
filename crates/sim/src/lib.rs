//! # snapback-sim
//!
//! The deterrence simulator: Monte Carlo runs of the **real** engine and charter. A config names
//! a base charter and variants (patches to it: the verifying body and its rule, the burden, the
//! decision window, escalation, the aid lag), a horizon, runs per variant, a master seed and the
//! behaviour models (an adversary strategy, claim filing, guarantor voting). Each run drives the
//! engine through the events the models generate, the adversary reacting to the activations the
//! engine concludes, and records what happened ([`record::RunRecord`]).
//!
//! Determinism: every random draw comes from ChaCha8 streams keyed by the master seed and a
//! purpose and numbered by the run index ([`model::Keys`]), so a run's result depends only on
//! (config, variant, run index): the same on one thread and on many, and run `i` of every
//! variant sees the same adversary and the same dice (common random numbers). The crate does no
//! IO; the binary reads the files and writes the outputs.

pub mod calibrate;
pub mod capabilities;
pub mod config;
pub mod model;
pub mod number;
pub mod output;
pub mod parquet;
pub mod record;
pub mod runner;
pub mod sensitivity;
pub mod shard;
pub mod stats;
pub mod svg;
pub mod variant;

pub use config::{Config, parse_config};
pub use record::{RunRecord, SweepResult, VariantInfo};
pub use runner::{Sweep, SweepStats};
