//! `snapback witness ...`: the witnesses of a log. `serve` runs a witness as an HTTP service (C2SP
//! tlog-witness `add-checkpoint`), for a guarantor that runs its own witness so that no
//! secretariat can show it a forked log; `cosign` cosigns a data directory's checkpoint from a
//! state file; `add` and `list` keep the secretariat's register of witnesses.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use clap::Subcommand;
use jiff::Timestamp;
use snapback_ledger::proofs;
use snapback_log::keys::{Alg, VerifierKey};
use snapback_log::merkle::Hash;
use snapback_log::note::{add_signatures, cosign, open_checkpoint};
use snapback_log::witness::Witness;
use snapback_server::witness_service::{WitnessService, WitnessState, witness_app};

use crate::datadir::read_key;
use crate::failure::Failure;
use crate::logcmd::{LogLocation, b64};
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

#[derive(Subcommand, Debug)]
pub enum WitnessCommand {
    /// Cosign the log's latest checkpoint, after checking it is consistent with the last one this
    /// witness cosigned (kept in its state file); refuses to cosign a fork.
    Cosign {
        #[command(flatten)]
        at: LogLocation,
        /// The witness's private key (made with `snapback keygen --party NAME --cosigner`).
        #[arg(long)]
        key: PathBuf,
        /// The witness's state file (created on first use).
        #[arg(long)]
        state: PathBuf,
        /// The log's verifier key, needed on first use if the charter has no [log] key.
        #[arg(long)]
        log_key: Option<String>,
    },
    /// Register a witness (the secretariat's act): its cosignatures are then accepted, like
    /// those of the witnesses the charter names in `[[log.witness]]`. Anyone else's are refused.
    Add {
        #[command(flatten)]
        at: LogLocation,
        /// The witness's name (the name in its cosignature lines).
        #[arg(long)]
        name: String,
        /// Its C2SP cosignature/v1 verifier key, as `snapback keygen --cosigner` prints it.
        #[arg(long)]
        key: String,
    },
    /// List the witnesses whose cosignatures the log accepts (the charter's and the registered).
    List {
        #[command(flatten)]
        at: LogLocation,
    },
    /// Run a witness as an HTTP service (C2SP tlog-witness: `POST /add-checkpoint`): it cosigns
    /// each checkpoint consistent with the last one it cosigned, and refuses forks and rollbacks.
    Serve(WitnessServeArgs),
}

/// The state a witness keeps between cosignatures.
#[derive(serde::Serialize, serde::Deserialize)]
struct CosignState {
    origin: String,
    log_key: String,
    size: u64,
    root: String,
}

/// `snapback witness add|list|cosign`.
pub fn witness(command: WitnessCommand) -> Result<std::process::ExitCode, Failure> {
    let (at, key, state, log_key) = match command {
        WitnessCommand::Cosign {
            at,
            key,
            state,
            log_key,
        } => (at, key, state, log_key),
        WitnessCommand::Add { at, name, key } => return witness_add(&at, &name, &key),
        WitnessCommand::List { at } => return witness_list(&at),
        WitnessCommand::Serve(args) => return crate::witnesscmd::serve(args),
    };
    let witness = read_key(&key)?;
    if witness.alg() != Alg::CosignatureV1 {
        return Err(Failure::Usage(format!(
            "{} is not a cosigner key: make one with `snapback keygen --cosigner`",
            key.display()
        )));
    }
    let location = at.location();
    let previous: Option<CosignState> = match std::fs::read_to_string(&state) {
        Ok(text) => Some(
            serde_json::from_str(&text)
                .with_context(|| format!("reading the witness state {}", state.display()))?,
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            return Err(Failure::Other(
                anyhow::Error::from(e).context(format!("reading {}", state.display())),
            ));
        }
    };
    let pinned = match (&previous, log_key) {
        (Some(s), _) => s.log_key.clone(),
        (None, Some(k)) => k,
        (None, None) => {
            let history = location.history()?;
            history
                .versions()
                .iter()
                .rev()
                .find_map(|c| c.log.as_ref().map(|l| l.key.clone()))
                .context("no log key: pass --log-key on first use or name it in the charter's [log] table")?
        }
    };
    let log_vkey =
        VerifierKey::parse(&pinned).map_err(|e| Failure::Usage(format!("log key: {e}")))?;
    let store = location.open_store(false)?;
    let stored = store
        .checkpoint()
        .map_err(anyhow::Error::from)?
        .context("the log has no checkpoint yet")?;
    let (cp, _) = open_checkpoint(&stored.note, &log_vkey)
        .map_err(|e| anyhow::anyhow!("the log's checkpoint does not verify: {e}"))?;
    if let Some(prev) = &previous {
        if prev.origin != cp.origin {
            return Err(Failure::Usage(format!(
                "the checkpoint is for `{}`, but this witness follows `{}`",
                cp.origin, prev.origin
            )));
        }
        let old_root: Hash = B64
            .decode(&prev.root)
            .ok()
            .and_then(|b| b.try_into().ok())
            .context("the witness state's root is not a base64 hash")?;
        if cp.size < prev.size {
            eprintln!(
                "refused: the log's checkpoint (size {}) is older than the last one cosigned (size {})",
                cp.size, prev.size
            );
            return Ok(std::process::ExitCode::from(1));
        }
        if let Err(e) = proofs::check_consistency(&*store, prev.size, &old_root, cp.size, &cp.root)
            .map_err(anyhow::Error::from)?
        {
            eprintln!(
                "refused: the checkpoint of size {} is not consistent with the one cosigned at size {} ({e}): the log forked",
                cp.size, prev.size
            );
            return Ok(std::process::ExitCode::from(1));
        }
    }
    let time = u64::try_from(Timestamp::now().as_second()).unwrap_or(0);
    let line = cosign(&cp, &witness, time).map_err(|e| anyhow::anyhow!("{e}"))?;
    let cosigned = add_signatures(&stored.note, &[line]).map_err(|e| anyhow::anyhow!("{e}"))?;
    let next = CosignState {
        origin: cp.origin.clone(),
        log_key: pinned,
        size: cp.size,
        root: b64(&cp.root),
    };
    let tmp = state.with_extension("tmp");
    std::fs::write(
        &tmp,
        serde_json::to_vec_pretty(&next).context("encoding the state")?,
    )
    .context("writing the witness state")?;
    std::fs::rename(&tmp, &state).context("replacing the witness state")?;
    drop(store);
    print!("{cosigned}");
    let recorded = location.open_ledger().map(|mut l| {
        snapback_ledger::cosign::record(&mut l, &witness.verifier(), &cosigned, Timestamp::now())
    });
    match recorded {
        Ok(Ok(_)) => eprintln!(
            "cosigned size {} and recorded the cosignature in the log",
            cp.size
        ),
        Ok(Err(e)) => eprintln!(
            "cosigned size {}; the log did not record it ({}: {e}); publish the note above",
            cp.size,
            e.code()
        ),
        Err(e) => eprintln!(
            "cosigned size {}; could not record it in the log ({e:#}); publish the note above",
            cp.size
        ),
    }
    Ok(std::process::ExitCode::SUCCESS)
}

/// `snapback witness add`.
fn witness_add(at: &LogLocation, name: &str, key: &str) -> Result<std::process::ExitCode, Failure> {
    let location = at.location();
    let history = location.history()?;
    let mut store = location.open_store(true)?;
    snapback_ledger::cosign::register(&mut *store, &history, name, key).map_err(|e| match e {
        snapback_ledger::cosign::WitnessError::Store(e) => Failure::Other(e.into()),
        other => Failure::Usage(format!("--key: {other}")),
    })?;
    eprintln!("witness {name} registered: its cosignatures of this log's checkpoints are accepted");
    Ok(std::process::ExitCode::SUCCESS)
}

/// `snapback witness list`.
fn witness_list(at: &LogLocation) -> Result<std::process::ExitCode, Failure> {
    let location = at.location();
    let history = location.history()?;
    let store = location.open_store(false)?;
    let witnesses = snapback_ledger::cosign::allowed(&history, &*store, Timestamp::now())
        .map_err(anyhow::Error::from)?;
    if witnesses.is_empty() {
        eprintln!(
            "no witnesses: name them in the charter's [[log.witness]] or register them with `snapback witness add`"
        );
    }
    for w in witnesses {
        println!("{}\t{}\t{}", w.name, w.source, w.key);
    }
    Ok(std::process::ExitCode::SUCCESS)
}
