//! What a party submits and what becomes of it: the signed [`Submission`], its preparation off
//! the sequencer ([`Prepared`], by [`Keyring::prepare`]), why one is refused
//! ([`SubmitRejection`]) and its [`Outcome`]; and the check of a sealed evidence payload against
//! its event. The ledger ([`crate::ledger`]) sequences them.

use jiff::Timestamp;
use snapback_charter::FieldPath;
use snapback_engine::Rejection;
use snapback_log::entry::{Entry, EntryBody, EntryError, SignatureError, verify_body};
use snapback_log::keys::SignerKey;
use snapback_log::sealed::Sealed;
use snapback_store::SealedEvidence;

use crate::keyring::Keyring;

/// A party's signed submission: an entry body and its signature (the time is the log's to set).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    pub body: EntryBody,
    pub sig: [u8; 64],
    /// For classified evidence: the content and salt the body's `commitment` commits to. It is
    /// stored beside the entry (in the evidence store, never in the log) in the same transaction.
    pub sealed: Option<Sealed>,
}

impl Submission {
    /// Signs `body` with `key`.
    pub fn sign(body: EntryBody, key: &SignerKey) -> Result<Self, EntryError> {
        let sig = body.sign(key)?;
        Ok(Self {
            body,
            sig,
            sealed: None,
        })
    }

    /// With the sealed content of a classified evidence event.
    pub fn with_sealed(mut self, sealed: Option<Sealed>) -> Self {
        self.sealed = sealed;
        self
    }

    /// Reads a submitted entry (any JSON layout; its `at`, if any, is ignored).
    pub fn parse(bytes: &[u8]) -> Result<Self, EntryError> {
        let entry = Entry::parse_lenient(bytes)?;
        Ok(Self {
            body: entry.body,
            sig: entry.sig,
            sealed: None,
        })
    }
}

/// Why a submission was not appended.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SubmitRejection {
    #[error("only input entries may be submitted; derived entries are the engine's")]
    NotInput,
    #[error("party `{party}` already used nonce `{nonce}` in entry {index}")]
    NonceReused {
        party: String,
        nonce: String,
        index: u64,
    },
    #[error(
        "the entry would be dated {at}, before {earliest}: the log's time never goes backwards"
    )]
    TimeWentBack { at: Timestamp, earliest: Timestamp },
    #[error("{0}")]
    Signature(#[from] SignatureError),
    #[error("{0}")]
    Malformed(String),
    #[error("{0}")]
    ClassifiedInClear(String),
    #[error(
        "classified evidence needs its sealed content: send `sealed` ({{\"content\": {{\"source_kind\", \"digest\", \"summary\"}}, \"salt\": \"<64 hex>\"}}) beside `body` and `sig`"
    )]
    SealedMissing,
    #[error(
        "`sealed` hashes to {computed}, not to the event's commitment {committed}: the salt or the content differs from what was signed"
    )]
    CommitmentMismatch { committed: String, computed: String },
    #[error("`sealed` is only for classified evidence; this entry has nothing to seal: remove it")]
    SealedUnexpected,
    #[error("{}", .0)]
    Rules(Rejection),
}

impl SubmitRejection {
    /// A stable machine-readable name.
    pub fn code(&self) -> &'static str {
        match self {
            SubmitRejection::NotInput => "not_input",
            SubmitRejection::NonceReused { .. } => "nonce_reused",
            SubmitRejection::TimeWentBack { .. } => "time_went_back",
            SubmitRejection::Signature(SignatureError::UnknownKey { .. }) => "unknown_key",
            SubmitRejection::Signature(SignatureError::Invalid { .. }) => "bad_signature",
            SubmitRejection::Malformed(_) => "malformed",
            SubmitRejection::ClassifiedInClear(_) => "classified_in_clear",
            SubmitRejection::SealedMissing => "sealed_missing",
            SubmitRejection::CommitmentMismatch { .. } => "commitment_mismatch",
            SubmitRejection::SealedUnexpected => "sealed_unexpected",
            SubmitRejection::Rules(r) => r.code(),
        }
    }
}

/// What became of one submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Appended {
        index: u64,
        at: Timestamp,
    },
    /// The same signed body was already in the log.
    Duplicate {
        index: u64,
    },
    Rejected(SubmitRejection),
}

/// What can be computed for a submission before sequencing, in parallel: its canonical bytes,
/// its id, and whether its signature holds.
///
/// Whoever receives submissions concurrently (the server's request handlers, the benchmark's
/// submitters) can prepare them on their own threads with [`Keyring::prepare`] and hand them to
/// [`Ledger::submit_prepared`], so the sequential part does no cryptography at all.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub(crate) body: Vec<u8>,
    pub(crate) id: [u8; 32],
    /// The charter version whose keys checked the signature.
    pub(crate) version: Option<usize>,
    pub(crate) signature: Result<(), SignatureError>,
}

impl Keyring {
    /// Prepares a submission for dating at about `at`: canonical bytes, id, signature check
    /// under the keys in force at `at`.
    pub fn prepare(&self, s: &Submission, at: Timestamp) -> Result<Prepared, EntryError> {
        let body = s.body.canonical()?;
        let id = sha2::Digest::finalize(sha2::Digest::chain_update(sha2::Sha256::default(), &body))
            .into();
        let signature = verify_body(&s.body, &body, &s.sig, self.keys(&s.body.party, at));
        Ok(Prepared {
            body,
            id,
            version: self.version_index(at),
            signature,
        })
    }
}

/// Checks a submission's sealed payload against its event: classified evidence must come with
/// content that hashes to its commitment (and valid as evidence content); anything else must come
/// without. Returns the row for the evidence store.
pub(crate) fn sealed_evidence(
    event: &snapback_engine::Event,
    sealed: Option<&Sealed>,
) -> Result<Option<SealedEvidence>, SubmitRejection> {
    use snapback_engine::event::{EventKind, EvidenceForm, WireEvent};
    let (evidence, seal) = match &event.kind {
        EventKind::EvidenceSubmitted(e) => match &e.form {
            EvidenceForm::Sealed(s) => (e, s),
            EvidenceForm::Clear(_) => {
                return match sealed {
                    Some(_) => Err(SubmitRejection::SealedUnexpected),
                    None => Ok(None),
                };
            }
        },
        _ => {
            return match sealed {
                Some(_) => Err(SubmitRejection::SealedUnexpected),
                None => Ok(None),
            };
        }
    };
    let sealed = sealed.ok_or(SubmitRejection::SealedMissing)?;
    let committed = seal.commitment.clone().unwrap_or_default();
    let computed = sealed
        .commitment()
        .map_err(|e| SubmitRejection::Malformed(format!("sealed: {e}")))?;
    if computed != committed {
        return Err(SubmitRejection::CommitmentMismatch {
            committed,
            computed,
        });
    }
    // The content must be valid evidence content: read it as a public item would be.
    let mut wire = WireEvent::new(event.at, event.party.clone(), "evidence.submitted");
    wire.claim = Some(evidence.claim.clone());
    wire.classification = Some("public".to_owned());
    wire.source_kind = Some(sealed.content.source_kind.clone());
    wire.digest = Some(sealed.content.digest.clone());
    wire.summary = Some(sealed.content.summary.clone());
    wire.into_event(&FieldPath::of(&["sealed", "content"]))
        .map_err(|p| SubmitRejection::Malformed(p.to_string()))?;
    Ok(Some(SealedEvidence {
        commitment: committed,
        claim: evidence.claim.to_string(),
        party: event.party.to_string(),
        classification: evidence.classification.name().to_owned(),
        releasable_to: seal.releasable_to.iter().map(|p| p.to_string()).collect(),
        sealed: sealed.clone(),
    }))
}
