//! The log's commands: keys, signed submission, signed replay, inspection, proofs, export and
//! import, verification, and witness cosigning.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use clap::{Args, Subcommand};
use jiff::Timestamp;
use serde_json::{Map, Value, json};
use snapback_charter::FieldPath;
use snapback_engine::event::WireEvent;
use snapback_ledger::convert::input_event;
use snapback_ledger::{LogUnderTest, Outcome, Submission, proofs, verify};
use snapback_log::entry::{Entry, EntryBody, EntryKind, random_nonce};
use snapback_log::keys::{Alg, SignerKey};
use snapback_log::merkle::Hash;
use snapback_log::sealed::Sealed;
use snapback_store::Store;

use crate::datadir::{LOG_KEY_FILE, Location, read_key, write_key};
use crate::failure::Failure;
use crate::input::{load_history, load_scenario};

/// Where a command finds the log.
#[derive(Args, Debug, Clone)]
pub struct LogLocation {
    /// The data directory (charter, keys, and the SQLite log unless --database-url is given).
    #[arg(long, default_value = "snapback-data", env = "SNAPBACK_DATA")]
    pub data: PathBuf,
    /// A PostgreSQL database holding the log instead of the data directory's SQLite file.
    #[arg(long, env = "SNAPBACK_DATABASE_URL")]
    pub database_url: Option<String>,
}

impl LogLocation {
    pub fn location(&self) -> Location {
        Location {
            data: self.data.clone(),
            database_url: self.database_url.clone(),
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum LogCommand {
    /// List entries (readable, or one canonical JSON entry per line with --json).
    Show {
        #[command(flatten)]
        at: LogLocation,
        #[arg(long, default_value_t = 0)]
        from: u64,
        #[arg(long)]
        to: Option<u64>,
        #[arg(long)]
        json: bool,
    },
    /// Print the latest signed checkpoint (C2SP tlog-checkpoint as a signed note).
    Checkpoint {
        #[command(flatten)]
        at: LogLocation,
        /// Print instead the latest checkpoint the charter's witness quorum (`[log] quorum`)
        /// cosigned, with their cosignatures; fails if none has met it yet.
        #[arg(long)]
        witnessed: bool,
    },
    /// Print an inclusion or consistency proof as JSON.
    #[command(subcommand)]
    Prove(ProveCommand),
    /// Print the log's verifier key (C2SP signed-note format: name+keyid+base64).
    Vkey {
        #[command(flatten)]
        at: LogLocation,
    },
    /// Print the charter's log and witness policy as a C2SP tlog-policy file (the log's key,
    /// each `[[log.witness]]` with its URL, and the quorum), for tools that verify checkpoints
    /// offline.
    Policy {
        #[command(flatten)]
        at: LogLocation,
    },
    /// Write every entry, one canonical JSON line each, to FILE, and the latest checkpoint to
    /// FILE.checkpoint.
    Export {
        #[command(flatten)]
        at: LogLocation,
        file: PathBuf,
    },
    /// Verify an export and load it into an empty log: a mirror that can show, prove and
    /// verify (it holds no private key, so it cannot append).
    Import {
        #[command(flatten)]
        at: LogLocation,
        file: PathBuf,
        /// The charter the export was made under (copied into the data directory); default: the
        /// data directory's own charter.
        #[arg(long)]
        charter: Option<PathBuf>,
    },
}

#[derive(Subcommand, Debug)]
pub enum ProveCommand {
    /// That entry N is in the tree of SIZE entries (default: the whole log).
    Inclusion {
        #[command(flatten)]
        at: LogLocation,
        index: u64,
        #[arg(long)]
        size: Option<u64>,
    },
    /// That the tree of size A is a prefix of the tree of size B.
    Consistency {
        #[command(flatten)]
        at: LogLocation,
        old: u64,
        new: u64,
    },
}

pub(crate) fn b64(h: &Hash) -> String {
    B64.encode(h)
}

pub(crate) fn write_json(value: &Value) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value).context("writing JSON")?;
    writeln!(out)?;
    Ok(())
}

/// `snapback keygen`.
pub fn keygen(party: &str, out: &Path, cosigner: bool) -> Result<std::process::ExitCode, Failure> {
    let alg = if cosigner {
        Alg::CosignatureV1
    } else {
        Alg::Ed25519
    };
    let key = SignerKey::generate(party, alg).map_err(|e| Failure::Usage(e.to_string()))?;
    write_key(out, &key)?;
    println!("{}", key.verifier());
    eprintln!(
        "wrote the private key to {} (mode 0600); put the public key above in the charter: keys = [\"{}\"]",
        out.display(),
        key.verifier()
    );
    Ok(std::process::ExitCode::SUCCESS)
}

/// The entry event of a local event (a scenario's or an event file's), sealing classified
/// content written in clear: the event gets a commitment, and the content with its salt is
/// returned, to be submitted beside the signed body (it never reaches the log).
fn entry_event(
    event: &snapback_engine::Event,
    clear: Option<&snapback_engine::event::EvidenceContent>,
) -> Result<(Map<String, Value>, Option<Sealed>), Failure> {
    let mut map = input_event(event).map_err(|e| Failure::Other(e.into()))?;
    let Some(c) = clear else {
        return Ok((map, None));
    };
    map.insert("source_kind".to_owned(), Value::from(c.source_kind.clone()));
    map.insert("digest".to_owned(), Value::from(c.digest.clone()));
    map.insert("summary".to_owned(), Value::from(c.summary.clone()));
    let sealed = snapback_ledger::convert::seal_event(&mut map)
        .map_err(|e| Failure::Other(anyhow::anyhow!(e)))?;
    Ok((map, sealed))
}

/// Reads one event (TOML or JSON, without `at`) and makes the signed body for `key` (and the
/// sealed content of classified evidence written in clear).
fn read_event_body(
    path: &Path,
    key: &SignerKey,
    now: Timestamp,
) -> Result<(EntryBody, Option<Sealed>), Failure> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let usage = |m: String| Failure::Usage(format!("{}: {m}", path.display()));
    let is_json = path.extension().is_some_and(|e| e == "json");
    let wire: WireEvent = if is_json {
        let mut map: Map<String, Value> =
            serde_json::from_str(&text).map_err(|e| usage(e.to_string()))?;
        prepare_fields(&mut map, key, now).map_err(usage)?;
        serde_json::from_value(Value::Object(map)).map_err(|e| usage(e.to_string()))?
    } else {
        let mut table: toml::Table = toml::from_str(&text).map_err(|e| usage(e.to_string()))?;
        if table.contains_key("at") {
            return Err(usage(
                "remove `at`: the log sets the time when it appends".to_owned(),
            ));
        }
        check_party(table.get("party").and_then(|v| v.as_str()), key).map_err(usage)?;
        table.insert("at".to_owned(), toml::Value::String(now.to_string()));
        table.insert(
            "party".to_owned(),
            toml::Value::String(key.name().to_owned()),
        );
        serde::Deserialize::deserialize(toml::Value::Table(table))
            .map_err(|e: toml::de::Error| usage(e.to_string()))?
    };
    let (event, clear) = wire
        .into_local_event(&FieldPath::root())
        .map_err(|p| usage(p.to_string()))?;
    let (map, sealed) = entry_event(&event, clear.as_ref())?;
    let nonce = random_nonce().map_err(|e| Failure::Other(e.into()))?;
    let body =
        EntryBody::new(EntryKind::Input, key, nonce, map).map_err(|e| usage(e.to_string()))?;
    Ok((body, sealed))
}

fn check_party(party: Option<&str>, key: &SignerKey) -> Result<(), String> {
    match party {
        Some(p) if p != key.name() => Err(format!(
            "the event is by `{p}` but the key is `{}`'s: a party signs only for itself",
            key.name()
        )),
        _ => Ok(()),
    }
}

fn prepare_fields(
    map: &mut Map<String, Value>,
    key: &SignerKey,
    now: Timestamp,
) -> Result<(), String> {
    if map.contains_key("at") {
        return Err("remove `at`: the log sets the time when it appends".to_owned());
    }
    check_party(map.get("party").and_then(Value::as_str), key)?;
    map.insert("at".to_owned(), Value::String(now.to_string()));
    map.insert("party".to_owned(), Value::String(key.name().to_owned()));
    Ok(())
}

/// `snapback submit`.
/// To a server with `server`, else to the data directory's log.
pub fn submit(
    at: &LogLocation,
    key: &Path,
    event: &Path,
    server: Option<&str>,
) -> Result<std::process::ExitCode, Failure> {
    let key = read_key(key)?;
    if let Some(server) = server {
        // The server dates the entry; the body carries no time.
        let (body, sealed) = read_event_body(event, &key, Timestamp::now())?;
        let sig = body.sign(&key).map_err(|e| Failure::Other(e.into()))?;
        return crate::servecmd::post_entry(server, &body, &sig, sealed.as_ref());
    }
    let mut ledger = at.location().open_ledger()?;
    let now = ledger.next_time(Timestamp::now());
    let (body, sealed) = read_event_body(event, &key, now)?;
    let submission = Submission::sign(body, &key)
        .map_err(|e| Failure::Other(e.into()))?
        .with_sealed(sealed);
    let before = ledger.store().size();
    let outcome = ledger.submit(&[(submission, now)])?.into_iter().next();
    match outcome {
        Some(Outcome::Appended { index, at }) => {
            let derived = ledger.store().size() - before - 1;
            println!("{index}");
            eprintln!(
                "appended as entry {index} at {at}; {derived} derived entries followed; log size {}",
                ledger.store().size()
            );
            Ok(std::process::ExitCode::SUCCESS)
        }
        Some(Outcome::Duplicate { index }) => {
            println!("{index}");
            eprintln!("already in the log as entry {index}");
            Ok(std::process::ExitCode::SUCCESS)
        }
        Some(Outcome::Rejected(reason)) => {
            eprintln!("rejected ({}): {reason}", reason.code());
            Ok(std::process::ExitCode::from(1))
        }
        None => Err(Failure::Other(anyhow::anyhow!(
            "the ledger returned no outcome"
        ))),
    }
}

/// `snapback replay SCENARIO --data DIR --sign`: appends a scenario, each event signed with its
/// party's key from the data directory, then advances to the scenario's end.
pub fn replay_signed(
    at: &LogLocation,
    scenario: &Path,
    as_of: Option<Timestamp>,
    json: bool,
) -> Result<std::process::ExitCode, Failure> {
    let loaded = load_scenario(scenario)?;
    let location = at.location();
    let mut ledger = location.open_ledger()?;
    if let (Some(ours), Some(theirs)) = (
        ledger.history().versions().last(),
        loaded.history.versions().last(),
    ) && ours.id != theirs.id
    {
        return Err(Failure::Usage(format!(
            "the scenario is for charter `{}` but the data directory holds `{}`",
            theirs.id, ours.id
        )));
    }
    let end = snapback_engine::replay::replay_end(
        &loaded.history,
        &loaded.scenario.events,
        as_of.or(loaded.scenario.as_of),
    );
    let mut keys: std::collections::BTreeMap<String, SignerKey> = std::collections::BTreeMap::new();
    let mut items = Vec::new();
    for (i, event) in loaded.scenario.events.iter().enumerate() {
        if event.at > end {
            continue;
        }
        let party = event.party.to_string();
        if !keys.contains_key(&party) {
            let path = location.key_path(&party);
            let key = read_key(&path).map_err(|e| {
                Failure::Usage(format!("event {i}: no key for party `{party}` ({e:#}); create the data directory with `snapback init --demo-keys`"))
            })?;
            keys.insert(party.clone(), key);
        }
        let Some(key) = keys.get(&party) else {
            continue;
        };
        // Classified evidence written in clear in the (private) scenario is sealed here: a
        // random salt, the commitment in the signed body, the content beside it.
        let (map, sealed) = entry_event(event, loaded.scenario.unsealed.get(&i))?;
        let nonce = random_nonce().map_err(|e| Failure::Other(e.into()))?;
        let body = EntryBody::new(EntryKind::Input, key, nonce, map)
            .map_err(|e| Failure::Other(e.into()))?;
        items.push((
            i,
            Submission::sign(body, key)
                .map_err(|e| Failure::Other(e.into()))?
                .with_sealed(sealed),
            event.at,
        ));
    }
    let before = ledger.store().size();
    let (mut appended, mut rejected) = (0, 0);
    for chunk in items.chunks(1_000) {
        let batch: Vec<(Submission, Timestamp)> =
            chunk.iter().map(|(_, s, at)| (s.clone(), *at)).collect();
        for ((i, _, _), outcome) in chunk.iter().zip(ledger.submit(&batch)?) {
            match outcome {
                Outcome::Appended { .. } | Outcome::Duplicate { .. } => appended += 1,
                Outcome::Rejected(reason) => {
                    rejected += 1;
                    eprintln!("event {i} rejected ({}): {reason}", reason.code());
                }
            }
        }
    }
    let fired = ledger.advance(end)?.len();
    let after = ledger.store().size();
    let summary = format!(
        "{appended} events appended, {rejected} rejected; {} derived entries ({fired} from deadlines up to {end}); log size {after}, root {}",
        after - before - appended,
        b64(&ledger.store().root())
    );
    if json {
        // The data directory's report, from the state the log rebuilds (no sealed content).
        let report = snapback_engine::Report::new(ledger.state());
        println!(
            "{}",
            serde_json::to_string_pretty(&report).map_err(|e| Failure::Other(e.into()))?
        );
        eprintln!("{summary}");
    } else {
        println!("{summary}");
    }
    Ok(std::process::ExitCode::SUCCESS)
}

fn describe_entry(index: u64, bytes: &[u8]) -> String {
    match Entry::parse(bytes) {
        Ok(e) => {
            let kind = match e.body.kind {
                EntryKind::Input => "input",
                EntryKind::Derived => "derived",
            };
            let mut fields: Vec<String> = e
                .body
                .event
                .iter()
                .filter(|(k, _)| *k != "type")
                .map(|(k, v)| match v {
                    Value::String(s) if s.len() <= 60 => format!("{k}={s}"),
                    Value::String(_) => format!("{k}=…"),
                    other => format!("{k}={other}"),
                })
                .collect();
            fields.truncate(6);
            format!(
                "{index:>6}  {}  {kind:<7}  {:<4} {:<20} {}",
                e.at,
                e.body.party,
                e.body.event_type().unwrap_or("?"),
                fields.join(" ")
            )
        }
        Err(err) => format!("{index:>6}  (unreadable: {err})"),
    }
}

/// `snapback log ...`.
pub fn log(command: LogCommand) -> Result<std::process::ExitCode, Failure> {
    match command {
        LogCommand::Show { at, from, to, json } => {
            let store = at.location().open_store(false)?;
            let to = to.unwrap_or(store.size()).min(store.size());
            let mut out = std::io::stdout().lock();
            let mut i = from;
            while i < to {
                let end = (i + 4_096).min(to);
                for (index, bytes) in
                    (i..end).zip(store.entries(i, end).map_err(anyhow::Error::from)?)
                {
                    if json {
                        out.write_all(&bytes)?;
                        writeln!(out)?;
                    } else {
                        writeln!(out, "{}", describe_entry(index, &bytes))?;
                    }
                }
                i = end;
            }
        }
        LogCommand::Checkpoint {
            at,
            witnessed: true,
        } => {
            let location = at.location();
            let history = location.history()?;
            let quorum = snapback_ledger::cosign::Quorum::of(&history, jiff::Timestamp::now())
                .ok_or_else(|| {
                    Failure::Usage(
                        "the charter sets no witness quorum ([log] quorum with its [[log.witness]]); leave out --witnessed".to_owned(),
                    )
                })?;
            let store = location.open_store(false)?;
            let note = snapback_ledger::cosign::witnessed(&*store)
                .map_err(anyhow::Error::from)?
                .with_context(|| {
                    format!(
                        "no checkpoint carries cosignatures from {} of the charter's {} witnesses yet",
                        quorum.k,
                        quorum.witnesses.len()
                    )
                })?;
            print!("{note}");
        }
        LogCommand::Checkpoint { at, .. } => {
            let store = at.location().open_store(false)?;
            let cp = store
                .checkpoint()
                .map_err(anyhow::Error::from)?
                .context("the log has no checkpoint yet")?;
            print!("{}", cp.note);
        }
        LogCommand::Prove(ProveCommand::Inclusion { at, index, size }) => {
            let store = at.location().open_store(false)?;
            let size = size.unwrap_or(store.size());
            if index >= size || size > store.size() {
                return Err(Failure::Usage(format!(
                    "entry {index} is not in a tree of size {size} (the log has {})",
                    store.size()
                )));
            }
            let proof = proofs::inclusion(&*store, index, size).map_err(anyhow::Error::from)?;
            write_json(&json!({
                "leafIdx": index, "treeSize": size, "leafHash": b64(&proof.leaf),
                "root": b64(&proof.root), "proof": proof.path.iter().map(b64).collect::<Vec<_>>()
            }))?;
        }
        LogCommand::Prove(ProveCommand::Consistency { at, old, new }) => {
            let store = at.location().open_store(false)?;
            if old > new || new > store.size() {
                return Err(Failure::Usage(format!(
                    "need OLD <= NEW <= {} (the log's size)",
                    store.size()
                )));
            }
            let proof = proofs::consistency(&*store, old, new).map_err(anyhow::Error::from)?;
            write_json(&json!({
                "size1": old, "size2": new, "root1": b64(&proof.old_root),
                "root2": b64(&proof.new_root), "proof": proof.path.iter().map(b64).collect::<Vec<_>>()
            }))?;
        }
        LogCommand::Vkey { at } => {
            let key = read_key(&at.data.join("keys").join(LOG_KEY_FILE))?;
            println!("{}", key.verifier());
        }
        LogCommand::Policy { at } => {
            let history = at.location().history()?;
            let policy = snapback_ledger::cosign::policy_file(&history, jiff::Timestamp::now())
                .ok_or_else(|| {
                    Failure::Usage(
                        "the charter has no [log] table: there is no log key for a policy"
                            .to_owned(),
                    )
                })?;
            print!("{policy}");
        }
        LogCommand::Export { at, file } => {
            let store = at.location().open_store(false)?;
            let cp = store
                .checkpoint()
                .map_err(anyhow::Error::from)?
                .context("the log has no checkpoint to export")?;
            let mut out = std::io::BufWriter::new(
                std::fs::File::create(&file)
                    .with_context(|| format!("creating {}", file.display()))?,
            );
            let mut i = 0;
            while i < cp.size {
                let end = (i + 4_096).min(cp.size);
                for bytes in store.entries(i, end).map_err(anyhow::Error::from)? {
                    out.write_all(&bytes)?;
                    out.write_all(b"\n")?;
                }
                i = end;
            }
            out.flush()?;
            std::fs::write(checkpoint_path(&file), &cp.note).context("writing the checkpoint")?;
            eprintln!(
                "exported {} entries to {} and the checkpoint to {}",
                cp.size,
                file.display(),
                checkpoint_path(&file).display()
            );
        }
        LogCommand::Import { at, file, charter } => return import(&at, &file, charter.as_deref()),
    }
    Ok(std::process::ExitCode::SUCCESS)
}

fn checkpoint_path(export: &Path) -> PathBuf {
    let mut name = export.as_os_str().to_owned();
    name.push(".checkpoint");
    PathBuf::from(name)
}

/// Reads an export: its lines (without newlines) and its checkpoint.
pub(crate) fn read_export(
    file: &Path,
    checkpoint: Option<&Path>,
) -> anyhow::Result<(Vec<Vec<u8>>, String)> {
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let mut lines: Vec<Vec<u8>> = bytes.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
    if lines.last().is_some_and(Vec::is_empty) {
        lines.pop();
    }
    let cp_path = checkpoint.map_or_else(|| checkpoint_path(file), Path::to_path_buf);
    let note = std::fs::read_to_string(&cp_path)
        .with_context(|| format!("reading the checkpoint {}", cp_path.display()))?;
    Ok((lines, note))
}

fn import(
    at: &LogLocation,
    file: &Path,
    charter: Option<&Path>,
) -> Result<std::process::ExitCode, Failure> {
    let location = at.location();
    let charter_path = location.charter_path();
    let source = charter.map_or_else(|| charter_path.clone(), Path::to_path_buf);
    let history = load_history(std::slice::from_ref(&source))?;
    let (lines, note) = read_export(file, None)?;
    let log = LogUnderTest {
        entries: &lines,
        stored_leaves: None,
        checkpoint: Some(&note),
        log_key: None,
    };
    if let Err(failure) = verify(&history, &log) {
        eprintln!("the export does not verify, nothing imported: {failure}");
        return Ok(std::process::ExitCode::from(1));
    }
    std::fs::create_dir_all(&at.data).with_context(|| format!("creating {}", at.data.display()))?;
    if source != charter_path {
        if charter_path.exists() {
            return Err(Failure::Usage(format!(
                "{} already holds a charter",
                at.data.display()
            )));
        }
        std::fs::copy(&source, &charter_path)
            .with_context(|| format!("copying the charter to {}", charter_path.display()))?;
    }
    let mut store = location.open_store(true)?;
    if store.size() != 0 {
        return Err(Failure::Usage(format!(
            "the log in {} is not empty; import needs an empty log",
            at.data.display()
        )));
    }
    // The export verified against this checkpoint, and the entries are stored verbatim.
    proofs::import_mirror(&mut *store, &lines, note).map_err(anyhow::Error::from)?;
    eprintln!(
        "imported {} entries into {} (a verified mirror)",
        lines.len(),
        at.data.display()
    );
    Ok(std::process::ExitCode::SUCCESS)
}
