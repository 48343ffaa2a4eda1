//! Ed25519 keys in the C2SP signed-note formats.
//!
//! * A **verifier key** (public) is `<name>+<key id>+<base64(alg || 32-byte public key)>`, for
//!   example `UA+1a2b3c4d+AV7t...`. Party keys in the charter, the log's key and witnesses' keys
//!   are all written this way, so standard signed-note tooling can read them.
//! * A **signer key** (private) is `PRIVATE+KEY+<name>+<key id>+<base64(alg || 32-byte seed)>`,
//!   the format of Go's `golang.org/x/mod/sumdb/note`. Key files hold exactly this line.
//! * The **key id** is the first 4 bytes of SHA-256(name || "\n" || alg || public key), printed as
//!   8 lowercase hex digits.
//!
//! `alg` is 0x01 for Ed25519 signatures and 0x04 for `cosignature/v1` (C2SP tlog-cosignature),
//! whose keys are Ed25519 keys too but sign a different message.
//!
//! Verification is always **strict** (ed25519-dalek `verify_strict`): the signature's `s` must be
//! canonical, and neither the public key `A` nor the signature's `R` may be a small-order point.
//! Such signatures could otherwise verify under one implementation and not another. A point with
//! a small-order component *and* a prime-order part is not itself of small order, so it passes
//! that check and verifies when the cofactorless equation holds. The test
//! `note::ed25519_strictness` pins the exact rule on the C2SP/CCTV edge-case vectors.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

/// The signature algorithm byte of a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Alg {
    /// Plain Ed25519 (signed-note algorithm 0x01).
    Ed25519,
    /// Ed25519 over the `cosignature/v1` message (C2SP tlog-cosignature, algorithm 0x04).
    CosignatureV1,
}

impl Alg {
    pub fn byte(self) -> u8 {
        match self {
            Alg::Ed25519 => 0x01,
            Alg::CosignatureV1 => 0x04,
        }
    }

    fn from_byte(b: u8) -> Option<Self> {
        match b {
            0x01 => Some(Alg::Ed25519),
            0x04 => Some(Alg::CosignatureV1),
            _ => None,
        }
    }
}

/// Names the algorithm in error messages, with its byte, so a key of the wrong kind is easy to spot.
impl fmt::Display for Alg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Alg::Ed25519 => write!(f, "Ed25519 (0x01)"),
            Alg::CosignatureV1 => write!(f, "cosignature/v1 (0x04)"),
        }
    }
}

/// Why a key string or a signature was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("a key name must be non-empty and contain no '+' or white space, not {0:?}")]
    BadName(String),
    #[error("`{0}` is not a verifier key: expected <name>+<8 hex digits>+<base64 key>")]
    VerifierSyntax(String),
    #[error("`{0}` is not a signer key: expected PRIVATE+KEY+<name>+<8 hex digits>+<base64 key>")]
    SignerSyntax(String),
    #[error("the key's base64 part does not decode")]
    Base64,
    #[error(
        "unsupported key algorithm 0x{0:02x} (snapback uses 0x01 Ed25519 and 0x04 cosignature/v1)"
    )]
    Algorithm(u8),
    #[error("the key material has {0} bytes; an Ed25519 key has 32")]
    Length(usize),
    #[error("the key id {written} does not match the key, whose id is {computed}")]
    KeyIdMismatch { written: String, computed: String },
    #[error("the public key is not a valid Ed25519 point")]
    BadPoint,
    #[error("the public key is a weak (small-order) point")]
    WeakKey,
    #[error("could not read randomness from the operating system: {0}")]
    Randomness(String),
}

/// The first 4 bytes of SHA-256(name || "\n" || alg || public key).
pub fn key_id(name: &str, alg: Alg, public: &[u8; 32]) -> [u8; 4] {
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    h.update(b"\n");
    h.update([alg.byte()]);
    h.update(public);
    let digest = h.finalize();
    let mut id = [0u8; 4];
    id.copy_from_slice(&digest[..4]);
    id
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn parse_key_id(text: &str) -> Option<[u8; 4]> {
    if text.len() != 8 {
        return None;
    }
    let n = u32::from_str_radix(text, 16).ok()?;
    Some(n.to_be_bytes())
}

/// Checks a signed-note key name.
pub fn check_name(name: &str) -> Result<(), KeyError> {
    if name.is_empty() || name.contains('+') || name.chars().any(char::is_whitespace) {
        return Err(KeyError::BadName(name.to_owned()));
    }
    Ok(())
}

/// A public key that verifies signatures, with its name and algorithm.
#[derive(Clone, PartialEq, Eq)]
pub struct VerifierKey {
    name: String,
    alg: Alg,
    id: [u8; 4],
    key: VerifyingKey,
}

impl fmt::Debug for VerifierKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "VerifierKey({self})")
    }
}

impl VerifierKey {
    /// A verifier key from raw parts. Refuses small-order public keys.
    pub fn new(name: &str, alg: Alg, public: &[u8; 32]) -> Result<Self, KeyError> {
        check_name(name)?;
        let key = VerifyingKey::from_bytes(public).map_err(|_| KeyError::BadPoint)?;
        if key.is_weak() {
            return Err(KeyError::WeakKey);
        }
        Ok(Self {
            name: name.to_owned(),
            alg,
            id: key_id(name, alg, public),
            key,
        })
    }

    /// Parses `<name>+<hex key id>+<base64(alg || key)>`, checking that the id matches.
    pub fn parse(text: &str) -> Result<Self, KeyError> {
        let syntax = || KeyError::VerifierSyntax(text.to_owned());
        let mut parts = text.trim().splitn(3, '+');
        let (Some(name), Some(id), Some(b64)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(syntax());
        };
        let written = parse_key_id(id).ok_or_else(syntax)?;
        let raw = B64.decode(b64).map_err(|_| KeyError::Base64)?;
        let (&alg, public) = raw.split_first().ok_or(KeyError::Length(0))?;
        let alg = Alg::from_byte(alg).ok_or(KeyError::Algorithm(alg))?;
        let public: [u8; 32] = public
            .try_into()
            .map_err(|_| KeyError::Length(public.len()))?;
        let key = Self::new(name, alg, &public)?;
        if key.id != written {
            return Err(KeyError::KeyIdMismatch {
                written: id.to_owned(),
                computed: hex(&key.id),
            });
        }
        Ok(key)
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn alg(&self) -> Alg {
        self.alg
    }

    pub fn id(&self) -> [u8; 4] {
        self.id
    }

    /// The key id as 8 hex digits.
    pub fn id_hex(&self) -> String {
        hex(&self.id)
    }

    pub fn public_bytes(&self) -> [u8; 32] {
        self.key.to_bytes()
    }

    /// Strict Ed25519 verification of `signature` over `message`.
    pub fn verify(&self, message: &[u8], signature: &[u8; 64]) -> bool {
        let sig = Signature::from_bytes(signature);
        self.key.verify_strict(message, &sig).is_ok()
    }
}

impl fmt::Display for VerifierKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut raw = Vec::with_capacity(33);
        raw.push(self.alg.byte());
        raw.extend_from_slice(self.key.as_bytes());
        write!(f, "{}+{}+{}", self.name, hex(&self.id), B64.encode(raw))
    }
}

/// A private key that signs, with its name and algorithm. Never printed: `Debug` hides it.
#[derive(Clone)]
pub struct SignerKey {
    name: String,
    alg: Alg,
    id: [u8; 4],
    key: SigningKey,
}

impl fmt::Debug for SignerKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SignerKey({}+{}, private)", self.name, hex(&self.id))
    }
}

impl SignerKey {
    /// A new random key from the operating system's randomness.
    pub fn generate(name: &str, alg: Alg) -> Result<Self, KeyError> {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).map_err(|e| KeyError::Randomness(e.to_string()))?;
        Self::from_seed(name, alg, &seed)
    }

    /// The key with this 32-byte seed.
    pub fn from_seed(name: &str, alg: Alg, seed: &[u8; 32]) -> Result<Self, KeyError> {
        check_name(name)?;
        let key = SigningKey::from_bytes(seed);
        let id = key_id(name, alg, key.verifying_key().as_bytes());
        Ok(Self {
            name: name.to_owned(),
            alg,
            id,
            key,
        })
    }

    /// Parses `PRIVATE+KEY+<name>+<hex key id>+<base64(alg || seed)>`.
    pub fn parse(text: &str) -> Result<Self, KeyError> {
        let syntax = || KeyError::SignerSyntax("(hidden)".to_owned());
        let rest = text
            .trim()
            .strip_prefix("PRIVATE+KEY+")
            .ok_or_else(syntax)?;
        let mut parts = rest.splitn(3, '+');
        let (Some(name), Some(id), Some(b64)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(syntax());
        };
        let written = parse_key_id(id).ok_or_else(syntax)?;
        let raw = B64.decode(b64).map_err(|_| KeyError::Base64)?;
        let (&alg, seed) = raw.split_first().ok_or(KeyError::Length(0))?;
        let alg = Alg::from_byte(alg).ok_or(KeyError::Algorithm(alg))?;
        let seed: [u8; 32] = seed.try_into().map_err(|_| KeyError::Length(seed.len()))?;
        let key = Self::from_seed(name, alg, &seed)?;
        if key.id != written {
            return Err(KeyError::KeyIdMismatch {
                written: id.to_owned(),
                computed: hex(&key.id),
            });
        }
        Ok(key)
    }

    /// The private key line (what a key file holds).
    pub fn to_private_string(&self) -> String {
        let mut raw = Vec::with_capacity(33);
        raw.push(self.alg.byte());
        raw.extend_from_slice(&self.key.to_bytes());
        format!(
            "PRIVATE+KEY+{}+{}+{}",
            self.name,
            hex(&self.id),
            B64.encode(raw)
        )
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn id(&self) -> [u8; 4] {
        self.id
    }

    pub fn alg(&self) -> Alg {
        self.alg
    }

    /// The matching verifier key.
    pub fn verifier(&self) -> VerifierKey {
        VerifierKey {
            name: self.name.clone(),
            alg: self.alg,
            id: self.id,
            key: self.key.verifying_key(),
        }
    }

    /// An Ed25519 signature over `message`.
    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.key.sign(message).to_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_note_key_pair_round_trips() {
        // golang.org/x/mod/sumdb/note test keys (BSD-3-Clause), also in shared/vectors/signed-notes.
        let skey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
        let vkey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
        let signer = SignerKey::parse(skey).expect("signer");
        assert_eq!(signer.to_private_string(), skey);
        assert_eq!(signer.verifier().to_string(), vkey);
        assert_eq!(
            VerifierKey::parse(vkey).expect("verifier"),
            signer.verifier()
        );
        let sig = signer.sign(b"hello");
        assert!(signer.verifier().verify(b"hello", &sig));
        assert!(!signer.verifier().verify(b"hellO", &sig));
    }

    #[test]
    fn bad_keys_are_refused_with_reasons() {
        assert!(matches!(
            VerifierKey::parse("nope"),
            Err(KeyError::VerifierSyntax(_))
        ));
        assert!(matches!(
            VerifierKey::parse(
                "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
            ),
            Err(KeyError::KeyIdMismatch { .. })
        ));
        assert!(matches!(
            VerifierKey::parse("PeterNeumann+c74f20a3+AhpjhIQ="),
            Err(KeyError::Algorithm(2)) | Err(KeyError::Length(_))
        ));
        assert!(matches!(
            SignerKey::parse("PRIVATE+KEY+x"),
            Err(KeyError::SignerSyntax(_))
        ));
        assert!(matches!(
            SignerKey::generate("a b", Alg::Ed25519),
            Err(KeyError::BadName(_))
        ));
    }

    #[test]
    fn generated_keys_differ_and_verify() {
        let a = SignerKey::generate("UA", Alg::Ed25519).expect("a");
        let b = SignerKey::generate("UA", Alg::Ed25519).expect("b");
        assert_ne!(a.verifier(), b.verifier());
        let parsed = VerifierKey::parse(&a.verifier().to_string()).expect("round trip");
        assert!(parsed.verify(b"m", &a.sign(b"m")));
        assert!(!parsed.verify(b"m", &b.sign(b"m")));
    }
}
