//! `snapback simulate CONFIG --shard i/N` and `snapback simulate merge CONFIG SHARD...`: a sweep
//! computed in shards on any machines and merged into the outputs of a one-machine run (see
//! `snapback_sim::shard`).

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicU64;
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use snapback_sim::output::{Manifest, config_sha256, write_all};
use snapback_sim::shard::{Shard, ShardError, inputs_sha256, merge, range};
use snapback_sim::{Sweep, parse_config};

use crate::failure::Failure;
use crate::input::read_source;

/// The largest shard file the merge reads (a shard of 10,000 one-year runs of two variants is
/// about 150 MB).
const SHARD_BYTES_MAX: u64 = 4 << 30;

/// Runs shard `shard` of `shards` of the sweep and writes its file into `out_dir`.
pub fn run_shard(
    sweep: &Sweep,
    config_bytes: &[u8],
    inputs_sha256: &str,
    (shard, shards): (u64, u64),
    threads: usize,
    out_dir: &Path,
) -> Result<ExitCode, Failure> {
    let runs = sweep.config.simulation.runs;
    let span = range(shard, shards, runs);
    let started = Instant::now();
    let (result, stats) = sweep
        .run_range(threads, span.clone(), &AtomicU64::new(0))
        .context("starting the thread pool")?;
    let seconds = started.elapsed().as_secs_f64();
    let shard = Shard::new(
        (&config_sha256(config_bytes), inputs_sha256),
        shard,
        shards,
        runs,
        result,
    );
    std::fs::create_dir_all(out_dir).with_context(|| format!("creating {}", out_dir.display()))?;
    let path = out_dir.join(shard.file_name());
    let mut text = serde_json::to_string(&shard).context("writing the shard as JSON")?;
    text.push('\n');
    std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
    writeln!(
        std::io::stdout().lock(),
        "shard {} of {}: runs {} to {} of {} variants, {} claims through the engine in {seconds:.1} s; wrote {}",
        shard.shard,
        shard.shards,
        span.start,
        span.end,
        sweep.variants.len(),
        stats.claims,
        path.display()
    )?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Args, Debug)]
pub struct MergeArgs {
    /// The simulation config the shards were computed from (its manifest entry names this
    /// path, as a one-machine run's would).
    pub config: PathBuf,
    /// The shard files (`shard-I-of-N.json`), in any order; every one of 1 to N is needed.
    #[arg(required = true)]
    pub shards: Vec<PathBuf>,
    /// Where to write runs.csv, summary.json, the Parquet files, manifest.json and the plots
    /// (default: the config's name with `-out`, next to it, as `snapback simulate` would).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

pub fn merge_shards(args: &MergeArgs) -> Result<ExitCode, Failure> {
    let source = read_source(&args.config)?;
    let config = parse_config(&source)?;
    let mut shards = Vec::with_capacity(args.shards.len());
    for path in &args.shards {
        let name = path.display().to_string();
        let file = std::fs::File::open(path)
            .map_err(|e| Failure::Usage(format!("{name}: cannot read the file: {e}")))?;
        let mut text = String::new();
        file.take(SHARD_BYTES_MAX + 1)
            .read_to_string(&mut text)
            .map_err(|e| Failure::Usage(format!("{name}: cannot read the file: {e}")))?;
        if text.len() as u64 > SHARD_BYTES_MAX {
            return Err(Failure::Usage(format!(
                "{name}: larger than {SHARD_BYTES_MAX} bytes; split the sweep into more shards"
            )));
        }
        let shard: Shard = serde_json::from_str(&text).map_err(|e| {
            Failure::Usage(
                ShardError::Format {
                    file: name.clone(),
                    why: format!("{e}"),
                }
                .to_string(),
            )
        })?;
        shards.push((name, shard));
    }
    let count = shards.len();
    let (base, record) = crate::simcmd::read_inputs(&args.config, &config)?;
    let inputs = inputs_sha256(&base.text, record.as_ref().map(|r| &*r.text));
    let result = merge(shards, (&config_sha256(source.text.as_bytes()), &inputs))
        .map_err(|e| Failure::Usage(e.to_string()))?;
    let manifest = Manifest::new(
        config.simulation.seed,
        option_env!("SNAPBACK_GIT_COMMIT").map(str::to_owned),
        &args.config,
        source.text.as_bytes(),
        &result,
    );
    let out_dir = args.out.clone().unwrap_or_else(|| {
        let dir = args
            .config
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let stem = args.config.file_stem().map_or_else(
            || "simulation".to_owned(),
            |s| s.to_string_lossy().into_owned(),
        );
        dir.join(format!("{stem}-out"))
    });
    let written = write_all(&out_dir, &result, &manifest)
        .map_err(|e| Failure::Other(anyhow::anyhow!("{e}")))?;
    let paths: Vec<String> = written
        .paths()
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    writeln!(
        std::io::stdout().lock(),
        "merged {count} shards: {} variants × {} runs; wrote {}",
        result.variants.len(),
        result.runs.first().map_or(0, Vec::len),
        paths.join(", ")
    )?;
    Ok(ExitCode::SUCCESS)
}
