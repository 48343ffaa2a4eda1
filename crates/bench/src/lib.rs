//! # snapback-bench
//!
//! The benchmarks `snapback bench engine|log|server|fund|capabilities|simulate|faultsim|
//! monitor-import|witness|cluster` runs: each measures snapback next to a baseline in the same run (raw
//! Ed25519, the disk's fsync rate, a trivial route, an `FxHashMap`, sorting the same records) and
//! prints both. The binary parses
//! the arguments and calls [`run`].
//!
//! It prints as it goes; its errors are typed ([`error::BenchError`]: a failed step with what it
//! was doing, or a check on its own input and results that did not hold).

mod capabilities;
mod cluster;
mod cpu;
mod engine;
pub mod error;
mod faultsim;
mod fund;
#[cfg(feature = "testing")]
pub mod group_commit;
mod loans;
mod log;
mod measures;
mod monitor_import;
mod monitoring;
mod server;
mod server_reads;
mod sim;
mod witness;

use clap::{Args, Subcommand};
// The error macros, at the crate root like `anyhow`'s were.
pub(crate) use error::{bail, ensure, failed};

#[derive(Subcommand, Debug)]
pub enum BenchCommand {
    /// Fold a generated event stream through the engine; print events/s and memory.
    Engine(crate::engine::EngineArgs),
    /// The log: durable signed appends (1 and 64 submitters, per store) next to the disk's fsync
    /// rate, verify throughput next to raw Ed25519 verification, and inclusion proofs at 1M entries.
    Log(crate::log::LogArgs),
    /// The server: GET /v1/state and POST /v1/entries next to a trivial route, and deadline fire
    /// latency with 10,000 open claims.
    Server(crate::server::ServerArgs),
    /// The fund: transfers per second through the pure book on one core next to an FxHashMap of
    /// the same ids, and durable fund transfers per second (64 submitters) next to the disk's
    /// fsync rate.
    Fund(crate::fund::FundArgs),
    /// The capability tracker: readiness (200 obligations of 50 packages over 500 lots and 1,000
    /// contracts) plus delivery performance (10,000 commitments) on one core, next to sorting
    /// the same records.
    Capabilities(CapabilitiesArgs),
    /// The simulator: simulated claims per second through the real engine, on one thread and on
    /// every core, with the results checked identical.
    Simulate(crate::sim::SimArgs),
    /// The fault simulation: seeds simulated per second (one thread, median of 3) next to the
    /// steps per seed.
    Faultsim(crate::faultsim::FaultsimArgs),
    /// Monitoring: the Air Force's daily launches (3,585 rows) read, signed and appended durably
    /// to a fresh log, as `snapback monitor import --data` does, next to the csv crate alone
    /// parsing the same file.
    MonitorImport(crate::monitor_import::MonitorImportArgs),
    /// The witness network: from a checkpoint to the witnessed checkpoint with three witnesses
    /// on loopback (quorum 2, and all 3), next to a bare loopback POST and the witnesses' own
    /// round trips.
    Witness(crate::witness::WitnessArgs),
    /// A cluster of three `serve --node-id` processes on one PostgreSQL database: follower lag
    /// under 1,000 writes/s next to the leader's own stream, and failover (leader SIGKILLed to
    /// the first write accepted) next to the lease term.
    Cluster(crate::cluster::ClusterArgs),
}

#[derive(Args, Debug)]
pub struct CapabilitiesArgs {
    /// Runs; the median and p90 are reported.
    #[arg(long, default_value_t = 21)]
    runs: usize,
}

/// Runs one benchmark and prints its results.
pub fn run(command: BenchCommand) -> crate::error::Result<()> {
    match command {
        BenchCommand::Engine(args) => crate::engine::bench_engine(&args),
        BenchCommand::Log(args) => crate::log::run(&args),
        BenchCommand::Server(args) => crate::server::run(&args),
        BenchCommand::Fund(args) => crate::fund::run(&args),
        BenchCommand::Capabilities(args) => crate::capabilities::run(args.runs),
        BenchCommand::Simulate(args) => crate::sim::run(&args),
        BenchCommand::Faultsim(args) => crate::faultsim::run(&args),
        BenchCommand::MonitorImport(args) => crate::monitor_import::bench_monitor_import(&args),
        BenchCommand::Witness(args) => crate::witness::run(&args),
        BenchCommand::Cluster(args) => crate::cluster::run(&args),
    }
}
