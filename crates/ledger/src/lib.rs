//! # snapback-ledger
//!
//! The engine, the signed log and the store kept in step: submitting signed entries, appending
//! what the engine derives under the secretariat's key, signing checkpoints, rebuilding state
//! from a store, and verifying a whole log offline.

pub mod convert;
pub mod cosign;
pub mod keyring;
pub mod ledger;
pub mod proofs;
pub mod replayer;
pub mod submission;
pub mod verify;

pub use keyring::Keyring;
pub use ledger::{Ledger, LedgerError, replay_store, tree_root};
pub use replayer::{Discrepancy, Replayer};
pub use submission::{Outcome, Prepared, Submission, SubmitRejection};
pub use verify::{LogUnderTest, VerifyFailure, VerifyReport, verify};
