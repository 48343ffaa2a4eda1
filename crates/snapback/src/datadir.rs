//! The data directory: a charter with keys, private key files, and (by default) the SQLite log.
//!
//! ```text
//! DIR/charter.toml      the charter, with the parties' public keys and the [log] table
//! DIR/keys/log.key      the log's private key (signs checkpoints), mode 0600
//! DIR/keys/<ID>.key     a party's private key (the secretariat's always; all with --demo-keys)
//! DIR/log.sqlite        the log (unless --database-url names a PostgreSQL database)
//! ```

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use snapback_charter::{Charter, CharterHistory, Role};
use snapback_ledger::Ledger;
use snapback_log::keys::{Alg, SignerKey};
use snapback_store::{PgMode, PgStore, SqliteStore, Store};

use crate::input::{REFERENCE_CHARTER, load_history, read_source};

pub const CHARTER_FILE: &str = "charter.toml";
pub const LOG_KEY_FILE: &str = "log.key";
pub const SQLITE_FILE: &str = "log.sqlite";

/// Where the log lives.
#[derive(Debug, Clone)]
pub struct Location {
    pub data: PathBuf,
    pub database_url: Option<String>,
}

impl Location {
    pub fn charter_path(&self) -> PathBuf {
        self.data.join(CHARTER_FILE)
    }

    pub fn key_path(&self, name: &str) -> PathBuf {
        self.data.join("keys").join(format!("{name}.key"))
    }

    /// Opens the store: PostgreSQL if a URL is given, else the data directory's SQLite file.
    pub fn open_store(&self, writer: bool) -> anyhow::Result<Box<dyn Store>> {
        Ok(match &self.database_url {
            Some(url) => {
                let mode = if writer {
                    PgMode::Writer
                } else {
                    PgMode::Reader
                };
                Box::new(
                    PgStore::open(url, mode)
                        .with_context(|| "opening the PostgreSQL log".to_owned())?,
                )
            }
            None => {
                let path = self.data.join(SQLITE_FILE);
                if !writer && !path.exists() {
                    bail!(
                        "{} has no log (no {SQLITE_FILE}); create one with `snapback init`",
                        self.data.display()
                    );
                }
                Box::new(
                    SqliteStore::open(&path)
                        .with_context(|| format!("opening {}", path.display()))?,
                )
            }
        })
    }

    /// The data directory's charter: `charter.toml` and any amended versions beside it named
    /// `charter-<anything>.toml` (each a complete version with its own `effective` instant).
    pub fn history(&self) -> Result<CharterHistory, snapback_charter::Diagnostics> {
        let mut paths = vec![self.charter_path()];
        if let Ok(dir) = std::fs::read_dir(&self.data) {
            let mut amendments: Vec<PathBuf> = dir
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with("charter-") && n.ends_with(".toml"))
                })
                .collect();
            amendments.sort();
            paths.extend(amendments);
        }
        load_history(&paths)
    }

    /// Opens the ledger with the secretariat's and the log's keys from the data directory.
    /// For a command that writes what it read into the log (`--data DIR`, or `--out` for a
    /// scenario instead): the location, or a usage error saying where `what` can go.
    pub fn for_import(
        data: Option<&PathBuf>,
        database_url: Option<&String>,
        what: &str,
    ) -> Result<Self, crate::failure::Failure> {
        let Some(data) = data else {
            return Err(crate::failure::Failure::Usage(format!(
                "say where the {what} go: --out SCENARIO.toml or --data DIR"
            )));
        };
        Ok(Self {
            data: data.clone(),
            database_url: database_url.cloned(),
        })
    }

    pub fn open_ledger(&self) -> anyhow::Result<Ledger<Box<dyn Store>>> {
        let signing = self.signing()?;
        let store = self.open_store(true)?;
        Ok(signing.open(store)?)
    }

    /// The charter and the keys a ledger signs with (the secretariat's and the log's).
    pub fn signing(&self) -> anyhow::Result<Signing> {
        let history = self.history().map_err(|d| anyhow::anyhow!("{d}"))?;
        let charter = history
            .versions()
            .last()
            .context("the charter has no version")?;
        let secretariat = secretariat_id(charter)?;
        let secretariat = read_key(&self.key_path(&secretariat))?;
        let log_key = read_key(&self.data.join("keys").join(LOG_KEY_FILE))?;
        Ok(Signing {
            history,
            secretariat,
            log_key,
        })
    }
}

/// What opens a ledger on a store: the charter, the secretariat's key (signs derived entries)
/// and the log's key (signs checkpoints).
#[derive(Debug, Clone)]
pub struct Signing {
    pub history: CharterHistory,
    pub secretariat: SignerKey,
    pub log_key: SignerKey,
}

impl Signing {
    pub fn open(
        &self,
        store: Box<dyn Store>,
    ) -> Result<Ledger<Box<dyn Store>>, snapback_ledger::LedgerError> {
        Ledger::open(
            store,
            self.history.clone(),
            self.secretariat.clone(),
            self.log_key.clone(),
        )
    }
}

/// The id of the charter's secretariat party.
pub fn secretariat_id(charter: &Charter) -> anyhow::Result<String> {
    charter
        .parties
        .iter()
        .find(|p| p.has_role(Role::Secretariat))
        .map(|p| p.id.to_string())
        .context(
            "the charter has no party with the role secretariat, whose key signs derived entries",
        )
}

/// Reads a private key file.
pub fn read_key(path: &Path) -> anyhow::Result<SignerKey> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading the key file {}", path.display()))?;
    SignerKey::parse(&text)
        .with_context(|| format!("{} is not a snapback key file", path.display()))
}

/// Writes a private key file readable only by its owner, refusing to overwrite one.
pub fn write_key(path: &Path, key: &SignerKey) -> anyhow::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).with_context(|| {
        format!(
            "creating {} (an existing key file is never overwritten)",
            path.display()
        )
    })?;
    writeln!(file, "{}", key.to_private_string())
        .with_context(|| format!("writing {}", path.display()))?;
    file.sync_all()
        .with_context(|| format!("syncing {}", path.display()))?;
    Ok(())
}

/// Adds public keys (`party id → vkeys`) and the `[log]` table to charter text, keeping its
/// comments and layout.
pub fn add_keys_to_charter(
    text: &str,
    keys: &[(String, String)],
    origin: &str,
    log_vkey: &str,
) -> anyhow::Result<String> {
    let mut doc: toml_edit::DocumentMut = text.parse().context("the charter is not valid TOML")?;
    let parties = doc
        .get_mut("party")
        .and_then(|p| p.as_array_of_tables_mut())
        .context("the charter has no [[party]] tables")?;
    for table in parties.iter_mut() {
        let Some(id) = table.get("id").and_then(|v| v.as_str()).map(str::to_owned) else {
            continue;
        };
        let mine: Vec<&str> = keys
            .iter()
            .filter(|(p, _)| *p == id)
            .map(|(_, k)| k.as_str())
            .collect();
        if mine.is_empty() {
            continue;
        }
        let mut array = table
            .get("keys")
            .and_then(|v| v.as_array())
            .cloned()
            .unwrap_or_default();
        for k in mine {
            array.push(k);
        }
        table.insert("keys", toml_edit::value(array));
    }
    let mut log = toml_edit::Table::new();
    log.insert("origin", toml_edit::value(origin));
    log.insert("key", toml_edit::value(log_vkey));
    log.decor_mut().set_prefix(
        "\n# The transparency log recording this charter's events (written by `snapback init`).\n",
    );
    doc.insert("log", toml_edit::Item::Table(log));
    Ok(doc.to_string())
}

/// `snapback init`: a data directory with a charter copy, a log key, a secretariat key and an
/// empty log; with `demo_keys`, a key for every party too.
pub fn init(
    location: &Location,
    charter: Option<&Path>,
    demo_keys: bool,
    origin: Option<&str>,
) -> anyhow::Result<String> {
    let (text, name) = match charter {
        Some(path) => {
            let source = read_source(path).map_err(|e| anyhow::anyhow!("{e}"))?;
            (source.text.to_string(), path.display().to_string())
        }
        None => (
            REFERENCE_CHARTER.to_owned(),
            "charters/ukraine.toml (built in)".to_owned(),
        ),
    };
    init_with_text(location, &text, &name, demo_keys, origin)
}

/// `init` with the charter's text at hand (`name` is how errors refer to it).
pub fn init_with_text(
    location: &Location,
    text: &str,
    name: &str,
    demo_keys: bool,
    origin: Option<&str>,
) -> anyhow::Result<String> {
    let dir = &location.data;
    if dir.join(CHARTER_FILE).exists() {
        bail!(
            "{} already holds a charter; choose an empty directory",
            dir.display()
        );
    }
    let parsed = snapback_charter::load_toml(&snapback_charter::Source::new(name, text))
        .map_err(|d| anyhow::anyhow!("{d}"))?;
    let origin = origin.map_or_else(|| format!("snapback.local/{}", parsed.id), str::to_owned);
    let log_key = SignerKey::generate(&origin, Alg::Ed25519)?;
    let secretariat = secretariat_id(&parsed)?;
    let mut keyed: Vec<String> = vec![secretariat.clone()];
    if demo_keys {
        keyed = parsed.parties.iter().map(|p| p.id.to_string()).collect();
    }
    std::fs::create_dir_all(dir.join("keys"))
        .with_context(|| format!("creating {}", dir.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir.join("keys"), std::fs::Permissions::from_mode(0o700))
            .with_context(|| "restricting the keys directory".to_owned())?;
    }
    write_key(&dir.join("keys").join(LOG_KEY_FILE), &log_key)?;
    let mut public = Vec::with_capacity(keyed.len());
    for party in &keyed {
        let key = SignerKey::generate(party, Alg::Ed25519)?;
        write_key(&location.key_path(party), &key)?;
        public.push((party.clone(), key.verifier().to_string()));
    }
    let with_keys = add_keys_to_charter(text, &public, &origin, &log_key.verifier().to_string())?;
    std::fs::write(dir.join(CHARTER_FILE), with_keys)
        .with_context(|| "writing the charter copy".to_owned())?;
    let mut ledger = location.open_ledger()?;
    if ledger.store().checkpoint()?.is_none() {
        let note = ledger.sign_current_checkpoint()?;
        ledger.record_checkpoint(&note)?;
    }
    Ok(origin)
}
