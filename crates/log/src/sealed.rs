//! Sealed evidence: how classified content is committed to in the log and kept beside it.
//!
//! The log never holds classified content. A classified `evidence.submitted` event carries only
//! its claim, its marking, who it is releasable to, and a commitment:
//!
//! ```text
//! commitment = "sha256:" + hex(SHA-256("snapback/evidence/v1\n" ‖ salt ‖ JCS(content)))
//! ```
//!
//! where `salt` is 32 random bytes (64 lowercase hex digits in JSON; the raw bytes are hashed),
//! `content` is the object `{"digest", "source_kind", "summary"}` (all strings), and `JCS` is its
//! RFC 8785 canonical JSON. The domain prefix keeps a commitment from ever being mistaken for
//! another hash snapback computes; the salt keeps a guessable content from being confirmed by
//! hashing guesses. The content and salt live in the evidence store, released only to a holder
//! the release rule admits, who can recompute the commitment and compare it with the log's.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::canonical::{CanonicalError, canonical_of};
use crate::entry::hex;
use crate::keys::KeyError;

/// The domain separator hashed before the salt and the content.
pub const EVIDENCE_DOMAIN: &[u8] = b"snapback/evidence/v1\n";

/// A classified item's content (sealed; never in the log).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SealedContent {
    pub source_kind: String,
    pub digest: String,
    pub summary: String,
}

/// The content with its salt: what the evidence store keeps and a cleared holder receives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Sealed {
    pub content: SealedContent,
    /// 32 bytes as 64 lowercase hex digits.
    #[cfg_attr(feature = "schema", schemars(regex(pattern = "^[0-9a-f]{64}$")))]
    pub salt: String,
}

/// Why a sealed payload cannot be checked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    #[error("`sealed.salt` must be 64 lowercase hex digits (32 random bytes), not `{0}`")]
    Salt(String),
    #[error("{0}")]
    Canonical(#[from] CanonicalError),
}

impl Sealed {
    /// Seals `content` under a fresh random salt.
    pub fn new(content: SealedContent) -> Result<Self, KeyError> {
        let mut salt = [0u8; 32];
        getrandom::fill(&mut salt).map_err(|e| KeyError::Randomness(e.to_string()))?;
        Ok(Self {
            content,
            salt: hex(&salt),
        })
    }

    /// The salt's 32 bytes.
    pub fn salt_bytes(&self) -> Result<[u8; 32], SealError> {
        let bad = || SealError::Salt(self.salt.clone());
        if self.salt.len() != 64 {
            return Err(bad());
        }
        let mut out = [0u8; 32];
        for (i, byte) in out.iter_mut().enumerate() {
            let pair = self.salt.get(2 * i..2 * i + 2).ok_or_else(bad)?;
            if !pair
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
            {
                return Err(bad());
            }
            *byte = u8::from_str_radix(pair, 16).map_err(|_| bad())?;
        }
        Ok(out)
    }

    /// The commitment the log holds for this content and salt.
    pub fn commitment(&self) -> Result<String, SealError> {
        commitment(&self.salt_bytes()?, &self.content)
    }
}

/// `sha256:` + hex(SHA-256(`snapback/evidence/v1\n` ‖ salt ‖ canonical JSON of `content`)).
pub fn commitment(salt: &[u8; 32], content: &SealedContent) -> Result<String, SealError> {
    let mut h = Sha256::new();
    h.update(EVIDENCE_DOMAIN);
    h.update(salt);
    h.update(canonical_of(content)?);
    Ok(format!("sha256:{}", hex(&h.finalize())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content() -> SealedContent {
        SealedContent {
            source_kind: "satellite".into(),
            digest: format!("sha256:{}", "ab".repeat(32)),
            summary: "Columns crossing".into(),
        }
    }

    #[test]
    fn commitment_is_the_documented_construction() {
        let sealed = Sealed {
            content: content(),
            salt: "01".repeat(32),
        };
        let mut m = b"snapback/evidence/v1\n".to_vec();
        m.extend_from_slice(&[1u8; 32]);
        m.extend_from_slice(
            format!(
                r#"{{"digest":"sha256:{}","source_kind":"satellite","summary":"Columns crossing"}}"#,
                "ab".repeat(32)
            )
            .as_bytes(),
        );
        let expected = format!("sha256:{}", hex(&Sha256::digest(&m)));
        assert_eq!(sealed.commitment().unwrap(), expected);
    }

    #[test]
    fn salts_are_random_and_checked() {
        let a = Sealed::new(content()).unwrap();
        let b = Sealed::new(content()).unwrap();
        assert_ne!(a.salt, b.salt);
        assert_ne!(a.commitment().unwrap(), b.commitment().unwrap());
        for bad in ["", "zz", &"AB".repeat(32), &"0".repeat(63)] {
            let s = Sealed {
                content: content(),
                salt: bad.to_owned(),
            };
            assert!(matches!(s.commitment(), Err(SealError::Salt(_))), "{bad}");
        }
    }
}
