//! `snapback witness serve`: a witness as an HTTP service (C2SP tlog-witness `add-checkpoint`),
//! for a guarantor that runs its own witness so that no secretariat can show it a forked log.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use snapback_log::keys::{Alg, VerifierKey};
use snapback_log::witness::Witness;
use snapback_server::witness_service::{WitnessService, WitnessState, witness_app};

use crate::datadir::read_key;
use crate::failure::Failure;
use crate::servecmd::{listen_failure, shutdown_signal};

/// What `witness serve` needs.
#[derive(clap::Args, Debug)]
pub struct WitnessServeArgs {
    /// The witness's private cosigning key (made with `snapback keygen --party NAME --cosigner`).
    #[arg(long)]
    pub key: PathBuf,
    /// The verifier key of a log this witness follows (its name is the log's origin); repeat for
    /// several logs. The charter's `[log] key`, as `snapback log checkpoint` shows it.
    #[arg(long = "log-key", required = true)]
    pub log_keys: Vec<String>,
    /// The witness's state file: the checkpoint it last cosigned for each log (created on first
    /// use, rewritten durably before each cosignature leaves).
    #[arg(long)]
    pub state: PathBuf,
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1:8090")]
    pub listen: SocketAddr,
}

pub fn serve(args: WitnessServeArgs) -> Result<ExitCode, Failure> {
    let key = read_key(&args.key).map_err(|e| Failure::Usage(format!("--key: {e:#}")))?;
    if key.alg() != Alg::CosignatureV1 {
        return Err(Failure::Usage(format!(
            "{} is not a cosigner key: make one with `snapback keygen --party NAME --cosigner`",
            args.key.display()
        )));
    }
    let mut logs = Vec::new();
    for text in &args.log_keys {
        let log = VerifierKey::parse(text)
            .map_err(|e| Failure::Usage(format!("--log-key `{text}`: {e}")))?;
        if log.alg() != Alg::Ed25519 {
            return Err(Failure::Usage(format!(
                "--log-key `{text}` is not a log's Ed25519 verifier key"
            )));
        }
        logs.push(log);
    }
    let state = WitnessState::open(&args.state).map_err(|e| Failure::Usage(e.to_string()))?;
    let witness = Witness::new(key, logs);
    let verifier = witness.verifier();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the runtime")?;
    runtime.block_on(async move {
        let shutdown = shutdown_signal();
        let listener = tokio::net::TcpListener::bind(args.listen)
            .await
            .map_err(|e| listen_failure(args.listen, &e))?;
        let address = listener.local_addr().context("the listening address")?;
        println!("witness {verifier} is serving http://{address}/add-checkpoint");
        let app = witness_app(WitnessService::new(witness, state));
        snapback_server::limits::serve(listener, app, Default::default(), shutdown)
            .await
            .context("serving")?;
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}
