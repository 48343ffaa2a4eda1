//! `snapback serve --node-id ID --database-url URL`: one process of a cluster sharing a
//! PostgreSQL database (see `snapback_server::cluster`).

use std::net::SocketAddr;
use std::sync::Arc;

use clap::Args;
use snapback_server::Running;
use snapback_server::clock::SystemClock;
use snapback_server::cluster::{ClusterOptions, LEASE_MIN, OpenLedger};
use snapback_server::timekeeping::TimeOptions;

use crate::datadir::Location;
use crate::failure::Failure;
use crate::servecmd::parse_duration;

#[derive(Args, Debug, Clone)]
pub struct ClusterArgs {
    /// Join a cluster under this name: several processes on one PostgreSQL database
    /// (--database-url), one leading under a lease and the others following, serving reads and
    /// forwarding writes; unique in the cluster.
    #[arg(long, env = "SNAPBACK_NODE_ID", requires = "database_url")]
    pub node_id: Option<String>,
    /// This process's base URL as the cluster's other processes reach it (they forward writes to
    /// it while it leads): https://, or http:// on the loopback only. Default: http:// and the
    /// address it listens on.
    #[arg(long, env = "SNAPBACK_ADVERTISE", requires = "node_id")]
    pub advertise: Option<String>,
    /// A streaming standby of the primary database for this process's replica to read entries
    /// from (the lease, the appends and the lag are always on the primary).
    #[arg(long, env = "SNAPBACK_REPLICA_URL", requires = "node_id")]
    pub replica_url: Option<String>,
    /// The lease's term: a dead leader is replaced within about this long and a quarter more
    /// (at least 400ms).
    #[arg(long, default_value = "2s", value_parser = parse_duration, env = "SNAPBACK_LEASE")]
    pub lease: std::time::Duration,
}

/// The checks that need no database: a node id, a lease term, an address to advertise.
pub fn options(
    args: &ClusterArgs,
    node_id: &str,
    database_url: &str,
    listening: SocketAddr,
) -> Result<ClusterOptions, Failure> {
    if node_id.trim().is_empty() || node_id.chars().any(char::is_control) {
        return Err(Failure::Usage(
            "--node-id must name this process (letters, digits, `-`), unique in the cluster"
                .to_owned(),
        ));
    }
    if args.lease < LEASE_MIN {
        return Err(Failure::Usage(format!(
            "--lease {} ms is too short: a term must outlast a few renewals (at least {} ms)",
            args.lease.as_millis(),
            LEASE_MIN.as_millis()
        )));
    }
    let advertise = args
        .advertise
        .clone()
        .unwrap_or_else(|| format!("http://{listening}"));
    // Followers send writes, sealed evidence included, to this address: never in clear across
    // a network.
    snapback_charter::endpoint::check_url(&advertise)
        .map_err(|e| Failure::Usage(format!("--advertise `{advertise}`: {e}")))?;
    Ok(ClusterOptions {
        node_id: node_id.to_owned(),
        database_url: database_url.to_owned(),
        replica_url: args.replica_url.clone(),
        advertise: advertise.trim_end_matches('/').to_owned(),
        lease: args.lease,
    })
}

/// Starts this process in its cluster (inside the runtime).
pub fn start(
    options: ClusterOptions,
    location: &Location,
    time: TimeOptions,
) -> Result<Running, Failure> {
    let signing = location.signing()?;
    let history = signing.history.clone();
    let origin = signing.log_key.name().to_owned();
    let open: OpenLedger = Box::new(move |store, restore| {
        snapback_ledger::Ledger::open_restoring(
            store,
            signing.history.clone(),
            signing.secretariat.clone(),
            signing.log_key.clone(),
            Some(restore),
        )
        .map_err(|e| e.to_string())
    });
    tracing::info!(node = %options.node_id, advertise = %options.advertise, "joining the cluster");
    snapback_server::cluster::start(options, history, &origin, open, Arc::new(SystemClock), time)
        .map_err(|p| Failure::Other(anyhow::anyhow!(p.detail)))
}
