//! `snapback serve`, `token create`, `webhook add`, and submitting to a server.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use clap::{Args, Subcommand, ValueEnum};
use snapback_log::keys::SignerKey;
use snapback_server::auth::{Clearance, TokenRecord, create_token};
use snapback_server::clock::SystemClock;

use crate::datadir::{Location, init_with_text, read_key};
use crate::failure::Failure;
use crate::logcmd::LogLocation;

/// The demo charter: the reference charter with time compressed (1 hour = 2.5 seconds).
pub const DEMO_CHARTER: &str = include_str!("../../../charters/ukraine-demo.toml");

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// The data directory (charter, keys, and the SQLite log unless --database-url is given).
    #[arg(long, env = "SNAPBACK_DATA")]
    pub data: Option<PathBuf>,
    /// A PostgreSQL database holding the log.
    #[arg(long, env = "SNAPBACK_DATABASE_URL")]
    pub database_url: Option<String>,
    /// Where to listen.
    #[arg(long, default_value = "127.0.0.1:8080", env = "SNAPBACK_LISTEN")]
    pub listen: SocketAddr,
    /// A fresh data directory with the demo charter (short deadlines) and demo keys, and a demo
    /// driver that plays the reference scenario, filing claims and casting votes (the startup
    /// line says how long it runs). Needs no setup; the directory is removed when the server
    /// exits.
    #[arg(long)]
    pub demo: bool,
    /// Log lines as text or JSON.
    #[arg(long, value_enum, default_value = "text", env = "SNAPBACK_LOG_FORMAT")]
    pub log_format: LogFormat,
    /// A forward step of the wall clock larger than the time the monotonic clock saw pass plus
    /// this holds writes and deadlines until `snapback time confirm` (e.g. `5s`, `500ms`, `1m`).
    #[arg(long, default_value = "5s", value_parser = parse_duration, env = "SNAPBACK_CLOCK_STEP_MAX")]
    pub clock_step_max: std::time::Duration,
    /// A witness verifier key (as `POST /v1/log/cosignature` takes it) whose cosignature
    /// timestamps may confirm a forward step of the clock; repeatable (comma-separated in the
    /// environment variable).
    #[arg(
        long = "time-witness",
        value_name = "VKEY",
        env = "SNAPBACK_TIME_WITNESSES",
        value_delimiter = ','
    )]
    pub time_witnesses: Vec<String>,
    /// Connections open at once, at most (also kept below the open-file limit); at the cap new
    /// connections wait in the kernel's backlog.
    #[arg(long, default_value_t = 1024, env = "SNAPBACK_MAX_CONNECTIONS")]
    pub max_connections: usize,
    /// How long a request's head may take to arrive (also how long a kept-alive connection
    /// waits for its next request).
    #[arg(long, default_value = "10s", value_parser = parse_duration, env = "SNAPBACK_HEADER_READ_TIMEOUT")]
    pub header_read_timeout: std::time::Duration,
    /// A connection with nothing read or written for this long is closed (keep it above 15 s:
    /// live streams send a keep-alive every 15 s).
    #[arg(long, default_value = "60s", value_parser = parse_duration, env = "SNAPBACK_IDLE_TIMEOUT")]
    pub idle_timeout: std::time::Duration,
    /// Anonymous reads (GET without `Authorization`) per second per client IP; 0 for no limit.
    #[arg(long, default_value_t = 50, env = "SNAPBACK_READ_RATE")]
    pub read_rate: u32,
    /// Anonymous reads a client may make at once before `--read-rate` applies.
    #[arg(long, default_value_t = 200, env = "SNAPBACK_READ_BURST")]
    pub read_burst: u32,
    #[command(flatten)]
    pub cluster: crate::clustercmd::ClusterArgs,
}

/// A duration such as `5s`, `500ms`, `1m` or `1h 30m` (jiff's friendly format, or ISO 8601).
pub fn parse_duration(text: &str) -> Result<std::time::Duration, String> {
    let d: jiff::SignedDuration = text
        .trim()
        .parse()
        .map_err(|e| format!("`{text}` is not a duration such as 5s, 500ms or 1m: {e}"))?;
    std::time::Duration::try_from(d).map_err(|_| format!("`{text}` is negative"))
}

fn init_tracing(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("SNAPBACK_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        // Colour only for a terminal: escape codes in a log file or a journal are noise.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
}

/// A fresh directory for the demo under the system's temp dir (private to this user), removed
/// when the guard is dropped: whenever `serve` returns, after a graceful shutdown (Ctrl-C,
/// SIGTERM) as after a failure such as a port in use.
fn demo_dir() -> anyhow::Result<tempfile::TempDir> {
    tempfile::Builder::new()
        .prefix(&format!("snapback-demo-{}-", std::process::id()))
        .tempdir()
        .context("creating the demo's data directory")
}

/// Why `serve` cannot listen on `address`, with what to do about it: another address with
/// `--listen`, or stopping whatever holds this one.
pub(crate) fn listen_failure(address: SocketAddr, e: &std::io::Error) -> anyhow::Error {
    match e.kind() {
        std::io::ErrorKind::AddrInUse => anyhow::anyhow!(
            "cannot listen on {address}: the address is already in use ({e}); pass --listen \
             HOST:PORT with a free port (e.g. --listen 127.0.0.1:0 for any free port), or stop the \
             other process listening on {address}"
        ),
        _ => anyhow::anyhow!(
            "cannot listen on {address} ({e}); pass --listen HOST:PORT with an address this \
             machine has and a port you may open"
        ),
    }
}

/// Every party's key in the data directory (for the demo driver).
fn demo_keys(location: &Location) -> anyhow::Result<BTreeMap<String, SignerKey>> {
    let mut keys = BTreeMap::new();
    for entry in std::fs::read_dir(location.data.join("keys")).context("reading the demo keys")? {
        let path = entry?.path();
        let Some(name) = path.file_stem().and_then(|n| n.to_str()).map(str::to_owned) else {
            continue;
        };
        if name != "log" {
            keys.insert(name, read_key(&path)?);
        }
    }
    Ok(keys)
}

/// Resolves when Ctrl-C or SIGTERM arrives. On Unix both are listened for from this call on (it
/// must run inside the runtime), not from the first poll: called before the URL is printed, a
/// signal sent as soon as the URL is seen shuts the server down gracefully, which also removes
/// the demo's directory, instead of killing it.
pub(crate) fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let terminate = signal(SignalKind::terminate());
        let interrupt = signal(SignalKind::interrupt());
        async move {
            match (terminate, interrupt) {
                (Ok(mut terminate), Ok(mut interrupt)) => {
                    tokio::select! {
                        _ = terminate.recv() => {}
                        _ = interrupt.recv() => {}
                    }
                }
                (Ok(mut one), Err(_)) | (Err(_), Ok(mut one)) => {
                    one.recv().await;
                }
                (Err(_), Err(_)) => std::future::pending::<()>().await,
            }
        }
    }
    #[cfg(not(unix))]
    {
        async {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

/// `snapback serve`.
pub fn serve(args: ServeArgs) -> Result<ExitCode, Failure> {
    init_tracing(args.log_format);
    // The demo's directory lives as long as this function: declared before the ledger and the
    // runtime, it is removed after they are closed. A directory given with --data is never
    // removed.
    let (location, _demo_dir) = match (&args.data, args.demo) {
        (Some(data), _) => (
            Location {
                data: data.clone(),
                database_url: args.database_url.clone(),
            },
            None,
        ),
        (None, true) => {
            let dir = demo_dir()?;
            let location = Location {
                data: dir.path().to_path_buf(),
                database_url: None,
            };
            init_with_text(
                &location,
                DEMO_CHARTER,
                "charters/ukraine-demo.toml (built in)",
                true,
                None,
            )?;
            (location, Some(dir))
        }
        (None, false) => {
            return Err(Failure::Usage("name the data directory with --data DIR (create one with `snapback init DIR`), or run `snapback serve --demo`".to_owned()));
        }
    };
    let cluster = match (&args.cluster.node_id, &args.database_url) {
        (Some(_), _) if args.demo => {
            return Err(Failure::Usage(
                "--demo runs a lone server on SQLite; leave out --node-id".to_owned(),
            ));
        }
        (Some(id), Some(url)) => Some((id.clone(), url.clone())),
        (Some(_), None) => {
            return Err(Failure::Usage(
                "--node-id joins a cluster on a PostgreSQL database: give it with --database-url"
                    .to_owned(),
            ));
        }
        (None, _) => None,
    };
    // A cluster's process opens the log when it leads; a lone server opens it now.
    let ledger = match cluster {
        Some(_) => None,
        None => Some(location.open_ledger()?),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the runtime")?;
    runtime.block_on(async move {
        for w in &args.time_witnesses {
            snapback_log::keys::VerifierKey::parse(w)
                .map_err(|e| anyhow::anyhow!("--time-witness `{w}`: {e}"))?;
        }
        let time = snapback_server::timekeeping::TimeOptions {
            step_max: args.clock_step_max,
            witnesses: args.time_witnesses.clone(),
        };
        let limits = snapback_server::limits::LimitOptions {
            max_connections: args.max_connections,
            header_read_timeout: args.header_read_timeout,
            idle_timeout: args.idle_timeout,
            read_rate: args.read_rate,
            read_burst: args.read_burst,
        };
        let shutdown = shutdown_signal();
        let listener = tokio::net::TcpListener::bind(args.listen)
            .await
            .map_err(|e| listen_failure(args.listen, &e))?;
        let address = listener.local_addr().context("the listening address")?;
        // Opening PostgreSQL connections blocks (its client runs its own runtime): off the
        // runtime's workers. The tasks it starts run on this runtime.
        let starting = {
            let location = location.clone();
            let cluster_args = args.cluster.clone();
            tokio::task::spawn_blocking(move || match (ledger, cluster) {
                (Some(ledger), _) => {
                    snapback_server::start_with(ledger, Arc::new(SystemClock), time)
                        .map_err(|p| Failure::Other(anyhow::anyhow!(p.detail)))
                }
                (None, Some((id, url))) => {
                    let options = crate::clustercmd::options(&cluster_args, &id, &url, address)?;
                    crate::clustercmd::start(options, &location, time)
                }
                (None, None) => Err(Failure::Other(anyhow::anyhow!("no log to serve"))),
            })
        };
        let running = starting.await.context("starting the server")??;
        tracing::info!(data = %location.data.display(), "log opened");
        println!(
            "snapback is serving http://{address}/  (data: {})",
            location.data.display()
        );
        if args.demo {
            let keys = demo_keys(&location)?;
            let state = running.state.clone();
            tokio::spawn(async move {
                if let Err(e) =
                    snapback_server::demo::drive(state.clone(), keys, state.shutdown()).await
                {
                    tracing::error!("demo: {e}");
                }
            });
            let timing = snapback_server::demo::timing()
                .map_err(|e| anyhow::anyhow!("the demo's story: {e}"))?;
            println!("demo: {}; open the URL above", timing.announcement());
        }
        let router = snapback_server::limits::rate_limit_reads(
            snapback_server::app(running.state.clone()),
            &limits,
        );
        // End live streams as soon as the signal arrives, so connections can drain.
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let notify = async move {
            let _ = rx.await;
        };
        let serving = tokio::spawn(snapback_server::limits::serve(
            listener, router, limits, notify,
        ));
        shutdown.await;
        tracing::info!("shutting down");
        running.signal_shutdown();
        let _ = tx.send(());
        let _ = serving.await;
        running.stop().await;
        Ok::<(), Failure>(())
    })?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Subcommand, Debug)]
pub enum TokenCommand {
    /// Issue a bearer token for a party: it lets the party's systems read evidence metadata up to
    /// its clearance. Printed once; stored only as a hash.
    Create {
        #[command(flatten)]
        at: LogLocation,
        #[arg(long)]
        party: String,
        /// public, restricted, confidential or secret.
        #[arg(long)]
        clearance: String,
    },
}

pub fn token(command: TokenCommand) -> Result<ExitCode, Failure> {
    let TokenCommand::Create {
        at,
        party,
        clearance,
    } = command;
    let clearance = Clearance::parse(&clearance).ok_or_else(|| {
        Failure::Usage(format!(
            "`{clearance}` is not a clearance: use public, restricted, confidential or secret"
        ))
    })?;
    let mut store = open_for_party(&at, &party)?;
    let token = create_token(
        &mut *store,
        &TokenRecord {
            party: party.clone(),
            clearance,
        },
    )
    .map_err(anyhow::Error::from)?;
    println!("{token}");
    eprintln!(
        "token for {party} (clearance {clearance:?}); send it as `Authorization: Bearer <token>`; it is not shown again"
    );
    Ok(ExitCode::SUCCESS)
}

#[derive(Subcommand, Debug)]
pub enum WebhookCommand {
    /// Register a URL (https://, or http:// on this machine) to receive every new claim,
    /// determination, activation and decision, and the party's obligations, signed with HMAC.
    Add {
        #[command(flatten)]
        at: LogLocation,
        #[arg(long)]
        party: String,
        #[arg(long)]
        url: String,
    },
}

/// Opens the log's store for writing metadata about `party`, which must be a party to some
/// version of the charter.
fn open_for_party(
    at: &LogLocation,
    party: &str,
) -> Result<Box<dyn snapback_store::Store>, Failure> {
    let location = at.location();
    let history = location.history()?;
    if !history
        .versions()
        .iter()
        .any(|c| c.party_idx(party).is_some())
    {
        return Err(Failure::Usage(format!(
            "`{party}` is not a party to the charter"
        )));
    }
    Ok(location.open_store(true)?)
}

pub fn webhook(command: WebhookCommand) -> Result<ExitCode, Failure> {
    let WebhookCommand::Add { at, party, url } = command;
    let mut store = open_for_party(&at, &party)?;
    let hook =
        snapback_server::webhooks::register(&mut *store, &party, &url).map_err(|e| match e {
            snapback_server::webhooks::WebhookError::Url { .. } => Failure::Usage(e.to_string()),
            other => Failure::Other(other.into()),
        })?;
    println!("{}", hook.secret);
    eprintln!(
        "webhook {} for {party} → {url}; each POST carries X-Snapback-Entry (the entry index) and X-Snapback-Signature: sha256=HMAC-SHA256(secret, body); the secret above is not shown again",
        hook.id
    );
    Ok(ExitCode::SUCCESS)
}

/// POSTs a signed entry to a server; returns the exit code and prints the index or the problem.
pub fn post_entry(
    server: &str,
    body: &snapback_log::entry::EntryBody,
    sig: &[u8; 64],
    sealed: Option<&snapback_log::sealed::Sealed>,
) -> Result<ExitCode, Failure> {
    use base64::Engine as _;
    let mut payload = serde_json::json!({ "body": body, "sig": base64::engine::general_purpose::STANDARD.encode(sig) });
    // Classified evidence: the sealed content travels beside the signed body, to the evidence
    // store (the body holds only its commitment).
    if let Some(sealed) = sealed {
        payload["sealed"] = serde_json::json!(sealed);
    }
    let url = format!("{}/v1/entries", server.trim_end_matches('/'));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the runtime")?;
    runtime.block_on(async {
        let response = reqwest::Client::new()
            .post(&url)
            .json(&payload)
            .send()
            .await
            .with_context(|| format!("posting to {url}"))?;
        let status = response.status();
        let value: serde_json::Value = response
            .json()
            .await
            .context("reading the server's answer")?;
        if status.is_success() {
            println!("{}", value["index"]);
            eprintln!(
                "{} as entry {}",
                if value["duplicate"] == true {
                    "already in the log"
                } else {
                    "appended"
                },
                value["index"]
            );
            Ok(ExitCode::SUCCESS)
        } else {
            eprintln!(
                "rejected ({}): {}",
                value["code"].as_str().unwrap_or("?"),
                value["detail"].as_str().unwrap_or("?")
            );
            Ok(ExitCode::from(
                if status.is_client_error() && status.as_u16() == 400 {
                    2
                } else {
                    1
                },
            ))
        }
    })
}
