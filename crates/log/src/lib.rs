//! # snapback-log
//!
//! The tamper-evident log: the only crate that knows keys and hashes.
//!
//! * [`keys`]: Ed25519 keys in the C2SP signed-note formats; strict verification.
//! * [`canonical`]: RFC 8785 JSON canonicalization of what is signed and hashed.
//! * [`entry`]: log entries: a party's signed event, placed in time by the log.
//! * [`merkle`]: the RFC 6962 Merkle tree, inclusion and consistency proofs.
//! * `note`: C2SP signed notes, checkpoints and cosignatures.
//! * [`witness`]: the witness side of C2SP tlog-witness (`add-checkpoint`), as pure decisions.

pub mod canonical;
pub mod entry;
pub mod keys;
pub mod merkle;
pub mod note;
pub mod sealed;
pub mod witness;
