//! # snapback-log
//!
//! The tamper-evident log: the only crate that knows keys and hashes.

pub mod keys;
