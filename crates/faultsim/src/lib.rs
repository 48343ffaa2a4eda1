//! # snapback-faultsim
//!
//! Deterministic fault simulation, in the manner of TigerBeetle's VOPR and FoundationDB's
//! simulation: one `u64` seed is one history of a small cluster — nodes running the real
//! [`snapback_ledger::Ledger`] and [`snapback_ledger::Replayer`], leadership by
//! `snapback-cluster`'s lease and fence, witnesses by [`snapback_log::witness::Witness`], clients
//! that retry — over a simulated network, clock and database that crash, tear writes, fail
//! commits, partition, step clocks and stall leaders. After the faults everything heals and the
//! run settles; then the invariants ([`Invariant`]) are checked. A run reads no clock and no
//! global RNG: the same seed gives the same trace, byte for byte. See `docs/faultsim.md`.

pub mod cast;
pub mod check;
mod client;
mod net;
mod node;
pub mod rng;
pub mod store;
mod witness;
mod world;

use std::sync::Arc;

pub use cast::Cast;
pub use check::{Invariant, Violation};
pub use store::{CommitFault, SimDatabase, SimStore, StoreFlaws};

/// Why a simulation could not even start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SimError {
    #[error("cannot set the simulation up: {0}")]
    Setup(String),
}

/// Ways to break the system on purpose, so tests show each invariant check catches what it is
/// meant to catch. All off in a real simulation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flaws {
    pub store: StoreFlaws,
    /// The leader never fires deadlines.
    pub scheduler_never_fires: bool,
    /// Followers skip entry 3 of the log.
    pub follower_skips_an_entry: bool,
}

/// The shape of every run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// Random events per seed before everything heals.
    pub steps: usize,
    pub nodes: u32,
    pub witnesses: usize,
    /// Per cent of client messages lost.
    pub drop_percent: u64,
    /// The longest a message takes, in milliseconds.
    pub delay_max_ms: u64,
    pub flaws: Flaws,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            steps: DEFAULT_STEPS,
            nodes: 3,
            witnesses: 2,
            drop_percent: 5,
            delay_max_ms: 200,
            flaws: Flaws::default(),
        }
    }
}

/// Random events per seed (CI runs 1,000 seeds of this many steps).
pub const DEFAULT_STEPS: usize = 40;

/// What a run did, for the report and the benchmark.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    pub crashes: u64,
    /// Leadership terms begun.
    pub terms: u64,
    pub rejected: u64,
    pub entries: u64,
    pub acks: u64,
    /// Witness cosignatures recorded in the log.
    pub cosignatures: u64,
}

/// One seed's outcome.
#[derive(Debug, Clone)]
pub struct SeedReport {
    pub seed: u64,
    pub violations: Vec<Violation>,
    /// One line per event.
    pub trace: Vec<String>,
    pub stats: Stats,
}

impl SeedReport {
    pub fn passed(&self) -> bool {
        self.violations.is_empty()
    }
}

/// The command that reproduces a seed, printing its trace.
pub fn reproduce_command(seed: u64) -> String {
    format!("cargo run --release -- faultsim --seed {seed}")
}

/// Runs seeds under one configuration (the charter and keys are built once).
#[derive(Debug, Clone)]
pub struct Simulator {
    config: Config,
    cast: Arc<Cast>,
}

impl Simulator {
    pub fn new(config: Config) -> Result<Self, SimError> {
        Ok(Self {
            cast: Arc::new(Cast::new(config.witnesses)?),
            config,
        })
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Runs one seed and checks every invariant.
    pub fn run(&self, seed: u64) -> Result<SeedReport, SimError> {
        let mut world = world::World::new(seed, self.config, self.cast.clone())?;
        world.run();
        world.check();
        world.stats.entries = world.db.size();
        world.stats.acks = world.acks.len() as u64;
        Ok(SeedReport {
            seed,
            violations: world.violations.clone(),
            trace: world.trace_lines(),
            stats: world.stats,
        })
    }
}
