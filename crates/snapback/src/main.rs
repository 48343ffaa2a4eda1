//! `snapback`: the command line. A thin layer over the charter and engine crates.
//!
//! Exit codes: 0 success, 1 a rule or verification failure, 2 bad input (a file that cannot be
//! read or parsed, an unknown claim, a malformed flag).

mod capability_text;
mod capcmd;
mod charter_cmd;
mod charter_fund;
mod charter_render;
mod clustercmd;
mod datadir;
mod docs_cli;
mod failure;
mod faultsimcmd;
mod fund_text;
mod fundcmd;
mod importing;
mod input;
mod logcmd;
mod measurescmd;
mod monitorcmd;
mod render;
mod servecmd;
mod simcalibrate;
mod simcmd;
mod simsensitivity;
mod simshard;
mod tables;
mod timecmd;
mod verifycmd;
mod witnesscmd;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use jiff::Timestamp;
use snapback_engine::report::{ClaimReport, Report};

use crate::failure::Failure;

#[derive(Parser, Debug)]
#[command(
    name = "snapback",
    version,
    about = "Codified, automatic security guarantees: charters, a deterministic engine, explanations.",
    long_about = "snapback turns a security guarantee written as a charter into executable, explainable rules: \
a claimed violation is verified under the charter's burden of proof, activations follow automatically, \
and every determination cites the articles that required it."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Replay the built-in reference scenario on the built-in Ukraine charter and narrate it.
    Demo {
        /// Print the replay report as JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Check and summarise charter files.
    #[command(subcommand)]
    Charter(CharterCommand),
    /// Replay a scenario file and print the resulting state; with --data DIR --sign, append it to
    /// the data directory's log instead, each event signed with its party's key.
    Replay {
        /// The scenario (TOML): `charter = "PATH"`, optional `as_of`, and `[[event]]` tables.
        scenario: PathBuf,
        /// Append the scenario to this data directory's log (requires --sign).
        #[arg(long, requires = "sign")]
        data: Option<PathBuf>,
        /// With --data: a PostgreSQL database holding the log.
        #[arg(long, requires = "data")]
        database_url: Option<String>,
        /// Sign each event with its party's key from DIR/keys and append it.
        #[arg(long, requires = "data")]
        sign: bool,
        /// Stop at this instant (RFC 3339, e.g. 2026-03-05T00:00:00Z) instead of the scenario's
        /// `as_of` or its last event.
        #[arg(long, value_parser = input::instant_arg)]
        as_of: Option<Timestamp>,
        /// Print the report as JSON (with --data --sign: the data directory's report, rebuilt
        /// from its log, which holds no classified content).
        #[arg(long)]
        json: bool,
        /// Exit with 1 if any event was rejected.
        #[arg(long)]
        strict: bool,
    },
    /// Explain one claim of a scenario: the rule and article applied, the tally against what was
    /// needed, the deadline, and why the outcome followed.
    Explain {
        scenario: PathBuf,
        /// The claim id.
        claim: String,
        #[arg(long, value_parser = input::instant_arg)]
        as_of: Option<Timestamp>,
        /// Print the claim's report entry as JSON.
        #[arg(long)]
        json: bool,
        /// The language of the claim's life and explanation: `en` (English) or `uk`
        /// (Ukrainian). Ids, instants, articles and the charter's names read the same in both.
        #[arg(long, default_value = "en")]
        lang: snapback_charter::Lang,
    },
    /// Create a data directory: a charter copy with keys, the log's and the secretariat's keys,
    /// and an empty log.
    Init {
        /// The directory to create.
        dir: PathBuf,
        /// The charter to copy (default: the built-in reference charter).
        #[arg(long)]
        charter: Option<PathBuf>,
        /// Also make a key for every party and put the public keys in the charter copy, so a
        /// scenario can be appended end to end with real signatures.
        #[arg(long)]
        demo_keys: bool,
        /// The log's origin (the first line of its checkpoints).
        #[arg(long)]
        origin: Option<String>,
        /// Keep the log in this PostgreSQL database instead of DIR/log.sqlite.
        #[arg(long)]
        database_url: Option<String>,
    },
    /// Make a key pair: the private key goes to a file (mode 0600), the public key is printed.
    Keygen {
        /// The party (or witness) the key belongs to.
        #[arg(long)]
        party: String,
        #[arg(long)]
        out: PathBuf,
        /// A witness's cosigning key (C2SP cosignature/v1) instead of a signing key.
        #[arg(long)]
        cosigner: bool,
    },
    /// Sign an event (a TOML or JSON file without `at`) with a party's key and append it, to
    /// the data directory's log or, with --server, through a running server.
    Submit {
        #[command(flatten)]
        at: logcmd::LogLocation,
        /// A running server (http://host:port): sign here, post there.
        #[arg(long, env = "SNAPBACK_SERVER")]
        server: Option<String>,
        /// The party's private key file.
        #[arg(long)]
        key: PathBuf,
        /// The event: `type` and its fields (the key's party is the author; the log sets `at`).
        event: PathBuf,
    },
    /// Inspect the log, prove inclusion and consistency, export and import.
    #[command(subcommand)]
    Log(logcmd::LogCommand),
    /// Verify a log offline: every signature, the Merkle root against the signed checkpoint, and
    /// every derived entry replayed exactly. Exit 1 names the first discrepancy.
    Verify(verifycmd::VerifyArgs),
    /// The Stabilization Fund: its status, its transfer history, an IATI export of its
    /// transactions, and the import of the Kiel Ukraine Support Tracker as contributions.
    #[command(subcommand)]
    Fund(fundcmd::FundCommand),
    /// The capability tracker: status, readiness of the military packages if the snapback fired
    /// now, delivery performance by donor, and the import of commitments and deliveries (CSV).
    #[command(subcommand)]
    Capabilities(capcmd::CapabilitiesCommand),
    /// Serve the API, the live dashboard and durable deadlines (the main job). `--demo` needs no
    /// setup: a fresh data directory, the demo charter and a demo driver.
    Serve(servecmd::ServeArgs),
    /// Issue bearer tokens (clearance to read classified evidence metadata).
    #[command(subcommand)]
    Token(servecmd::TokenCommand),
    /// Register webhooks.
    #[command(subcommand)]
    Webhook(servecmd::WebhookCommand),
    /// The server's clock: confirm it after a forward step (`snapback time confirm`).
    #[command(subcommand)]
    Time(timecmd::TimeCommand),
    /// Act as a witness for the log.
    #[command(subcommand)]
    Witness(witnesscmd::WitnessCommand),
    /// The deterrence simulator: many seeded runs of the real engine under charter variants and
    /// behaviour models, with a CSV per run, a summary with confidence intervals, plots and a
    /// manifest; `--replay-run VARIANT:INDEX` prints one run's events.
    Simulate(simcmd::SimulateArgs),
    /// Deterministic fault simulation: the real ledger, leadership and witnesses over a
    /// simulated network, clock and store, one seeded history of crashes, partitions, clock
    /// steps and failed commits per seed, every invariant checked (see docs/faultsim.md).
    Faultsim(faultsimcmd::FaultsimArgs),
    /// The register of measures: each sanctions regime, restriction or posture, its state
    /// (in force, suspended, at risk, lapsed, terminated), since when, and every transition with
    /// its cause and article.
    Measures(measurescmd::MeasuresArgs),
    /// Monitoring: the alerts the charter's rules raise over the monitors' reports.
    #[command(subcommand)]
    Monitor(monitorcmd::MonitorCommand),
    /// Measure performance.
    #[command(subcommand)]
    Bench(snapback_bench::BenchCommand),
    /// Generated documentation: `snapback docs cli` prints docs/cli.md.
    #[command(subcommand, hide = true)]
    Docs(docs_cli::DocsCommand),
}

#[derive(Subcommand, Debug)]
enum CharterCommand {
    /// Validate charter files and summarise them: parties, bodies and their rules, tiers,
    /// packages. Several files are checked as the versions of one charter.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print the summary (or the errors) as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Render the charter as the treaty text lawyers read: articles in order, each rule in
    /// words with its parameters, every version with its effective date, and the changes
    /// between versions. Several files are the versions of one charter.
    Render {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t)]
        format: charter_render::Format,
        /// Show the version in force at this instant (default: the latest version).
        #[arg(long, value_parser = input::instant_arg)]
        at: Option<Timestamp>,
        /// Write the text to this file instead of standard output.
        #[arg(long)]
        output: Option<PathBuf>,
        /// The language of the text's words: `en` (English) or `uk` (Ukrainian). The charter's
        /// own names and descriptions are shown as the charter writes them.
        #[arg(long, default_value = "en")]
        lang: snapback_charter::Lang,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(failure) => failure.report(),
    }
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    match cli.command {
        Command::Demo { json } => {
            let loaded = input::load_demo()?;
            print_replay(&loaded, None, json, false)
        }
        Command::Charter(CharterCommand::Check { files, json }) => charter_cmd::check(&files, json),
        Command::Charter(CharterCommand::Render {
            files,
            format,
            at,
            output,
            lang,
        }) => charter_render::render(&files, format, at, lang, output.as_deref()),
        Command::Replay {
            scenario,
            data: Some(data),
            database_url,
            as_of,
            json,
            ..
        } => logcmd::replay_signed(
            &logcmd::LogLocation { data, database_url },
            &scenario,
            as_of,
            json,
        ),
        Command::Replay {
            scenario,
            as_of,
            json,
            strict,
            ..
        } => {
            let loaded = input::load_scenario(&scenario)?;
            print_replay(&loaded, as_of, json, strict)
        }
        Command::Init {
            dir,
            charter,
            demo_keys,
            origin,
            database_url,
        } => {
            let location = datadir::Location {
                data: dir.clone(),
                database_url,
            };
            let origin =
                datadir::init(&location, charter.as_deref(), demo_keys, origin.as_deref())?;
            println!("{}", dir.display());
            eprintln!(
                "created {}: charter.toml with keys, keys/ (private, mode 0600), and the log `{origin}`",
                dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Keygen {
            party,
            out,
            cosigner,
        } => logcmd::keygen(&party, &out, cosigner),
        Command::Submit {
            at,
            server,
            key,
            event,
        } => logcmd::submit(&at, &key, &event, server.as_deref()),
        Command::Serve(args) => servecmd::serve(args),
        Command::Token(command) => servecmd::token(command),
        Command::Webhook(command) => servecmd::webhook(command),
        Command::Time(command) => timecmd::time(command),
        Command::Log(command) => logcmd::log(command),
        Command::Verify(args) => verifycmd::run_verify(&args),
        Command::Fund(command) => fundcmd::run(command),
        Command::Simulate(args) => simcmd::simulate(&args),
        Command::Faultsim(args) => faultsimcmd::run(&args),
        Command::Capabilities(command) => capcmd::run(command),
        Command::Measures(args) => measurescmd::run(&args),
        Command::Monitor(command) => monitorcmd::run(&command),
        Command::Witness(command) => witnesscmd::witness(command),
        Command::Explain {
            scenario,
            claim,
            as_of,
            json,
            lang,
        } => {
            let loaded = input::load_scenario(&scenario)?;
            let state = input::replay_loaded(&loaded, as_of);
            let Some(record) = state.claim(&claim) else {
                let known: Vec<&str> = state.claims.iter().map(|c| c.id.as_str()).collect();
                return Err(Failure::Usage(format!(
                    "no claim `{claim}` in {} (claims: {})",
                    loaded.origin,
                    if known.is_empty() {
                        "none".to_owned()
                    } else {
                        known.join(", ")
                    }
                )));
            };
            let mut out = std::io::stdout().lock();
            let life = render::claim_life(&state, record, lang);
            if json {
                let mut entry = ClaimReport::new(&state, record);
                // The report's fields are facts; only the explanation is worded in `lang`.
                if lang != snapback_charter::Lang::En {
                    entry.explanation =
                        snapback_engine::explain::explain_claim(&state, record, lang);
                }
                let entry = render::ExplainedClaim::new(&entry, &state, &life);
                serde_json::to_writer_pretty(&mut out, &entry).context("writing JSON")?;
                writeln!(out)?;
            } else {
                write!(out, "{life}{}", render::articles_cited(&state, &life, lang))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Docs(command) => Ok(docs_cli::run(
            &command,
            <Cli as clap::CommandFactory>::command(),
        )),
        Command::Bench(command) => {
            snapback_bench::run(command).map_err(|e| Failure::Other(e.into()))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn print_replay(
    loaded: &input::LoadedScenario,
    as_of: Option<Timestamp>,
    json: bool,
    strict: bool,
) -> Result<ExitCode, Failure> {
    let state = input::replay_loaded(loaded, as_of);
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &Report::new(&state)).context("writing JSON")?;
        writeln!(out)?;
    } else {
        let Some(charter) = state.history().versions().last() else {
            return Err(Failure::Usage("the scenario names no charter".to_owned()));
        };
        write!(out, "{}", render::report(&state, &loaded.scenario, charter))?;
    }
    if strict && !state.rejected.is_empty() {
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
