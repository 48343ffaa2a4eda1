//! The parties' public keys, per charter version: which keys may sign for a party at an instant.
//!
//! Keys rotate by amendment: an entry is checked against the keys of the charter version in force
//! at the entry's time, so entries signed before a rotation stay valid under the old key.

use std::sync::Arc;

use jiff::Timestamp;
use rustc_hash::FxHashMap;
use snapback_charter::{Charter, CharterHistory};
use snapback_log::keys::{Alg, VerifierKey};

/// A key in a charter that is not a valid Ed25519 verifier key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("charter version {version}: key {key} of party `{party}`: {reason}")]
pub struct BadKey {
    pub version: String,
    pub party: String,
    pub key: String,
    pub reason: String,
}

/// The keys each party holds under one charter version.
type PartyKeys = FxHashMap<String, Vec<VerifierKey>>;

/// Keys by party, for each charter version.
#[derive(Debug, Clone)]
pub struct Keyring {
    versions: Vec<(Arc<Charter>, PartyKeys)>,
    log: Option<VerifierKey>,
}

impl Keyring {
    pub fn new(history: &CharterHistory) -> Result<Self, BadKey> {
        let mut versions = Vec::with_capacity(history.versions().len());
        let mut log = None;
        for charter in history.versions() {
            let mut by_party = PartyKeys::default();
            for party in &charter.parties {
                for text in &party.keys {
                    let bad = |reason: String| BadKey {
                        version: charter.version.clone(),
                        party: party.id.to_string(),
                        key: text.clone(),
                        reason,
                    };
                    let key = VerifierKey::parse(text).map_err(|e| bad(e.to_string()))?;
                    if key.alg() != Alg::Ed25519 {
                        return Err(bad(
                            "a party key must be an Ed25519 (algorithm 0x01) key".to_owned()
                        ));
                    }
                    by_party.entry(party.id.to_string()).or_default().push(key);
                }
            }
            if let Some(info) = &charter.log {
                let key = VerifierKey::parse(&info.key).map_err(|e| BadKey {
                    version: charter.version.clone(),
                    party: "(log)".to_owned(),
                    key: info.key.clone(),
                    reason: e.to_string(),
                })?;
                log = Some(key);
            }
            versions.push((Arc::clone(charter), by_party));
        }
        Ok(Self { versions, log })
    }

    /// Which charter version is in force at `at` (its position in the history).
    pub fn version_index(&self, at: Timestamp) -> Option<usize> {
        self.versions
            .partition_point(|(c, _)| c.effective <= at)
            .checked_sub(1)
    }

    /// The keys `party` holds at `at` (empty if none, or if no version is in force).
    pub fn keys(&self, party: &str, at: Timestamp) -> &[VerifierKey] {
        let after = self.versions.partition_point(|(c, _)| c.effective <= at);
        after
            .checked_sub(1)
            .and_then(|i| self.versions.get(i))
            .and_then(|(_, m)| m.get(party))
            .map_or(&[], Vec::as_slice)
    }

    /// The log's verifier key named in the latest charter version that names one.
    pub fn log_key(&self) -> Option<&VerifierKey> {
        self.log.as_ref()
    }
}
