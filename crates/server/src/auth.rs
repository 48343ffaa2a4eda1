//! Who may see what. Writes need no session: they are authorised by the signatures of keys in
//! the charter. Reads are public; the log holds no classified content (only markings,
//! releasable_to lists and commitments). The sealed content of classified evidence is released
//! (see `crate::evidence`) only to a bearer token whose party's clearance covers the marking and
//! who submitted the item or is in its `releasable_to`.
//!
//! Tokens are created with `snapback token create --party ID --clearance LEVEL`, printed once,
//! and stored only as their SHA-256 (in the log's metadata, key `token:<hex>`).

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use snapback_engine::event::Classification;
use snapback_store::{Store, StoreError};

/// How much a viewer may see, ordered from least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Clearance {
    Public,
    Restricted,
    Confidential,
    Secret,
}

impl From<Classification> for Clearance {
    fn from(c: Classification) -> Self {
        match c {
            Classification::Public => Clearance::Public,
            Classification::Restricted => Clearance::Restricted,
            Classification::Confidential => Clearance::Confidential,
            Classification::Secret => Clearance::Secret,
        }
    }
}

impl Clearance {
    pub fn name(self) -> &'static str {
        match self {
            Clearance::Public => "public",
            Clearance::Restricted => "restricted",
            Clearance::Confidential => "confidential",
            Clearance::Secret => "secret",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "public" => Some(Clearance::Public),
            "restricted" => Some(Clearance::Restricted),
            "confidential" => Some(Clearance::Confidential),
            "secret" => Some(Clearance::Secret),
            _ => None,
        }
    }
}

/// Who is reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Viewer {
    pub party: Option<String>,
    pub clearance: Clearance,
}

impl Viewer {
    pub fn public() -> Self {
        Self {
            party: None,
            clearance: Clearance::Public,
        }
    }
}

/// What a token stands for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenRecord {
    pub party: String,
    pub clearance: Clearance,
}

fn meta_key(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("token:{hex}")
}

/// Issues a token: 32 random bytes as hex, stored hashed.
pub fn create_token(store: &mut dyn Store, record: &TokenRecord) -> Result<String, StoreError> {
    let mut raw = [0u8; 32];
    getrandom::fill(&mut raw).map_err(|e| StoreError::Corrupt(format!("no randomness: {e}")))?;
    let token: String = raw.iter().map(|b| format!("{b:02x}")).collect();
    let value = serde_json::to_string(record).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    store.set_meta(&meta_key(&token), &value)?;
    Ok(token)
}

/// The record of a token, if it was issued.
pub fn lookup_token(store: &dyn Store, token: &str) -> Result<Option<TokenRecord>, StoreError> {
    Ok(store
        .meta(&meta_key(token))?
        .and_then(|v| serde_json::from_str(&v).ok()))
}
