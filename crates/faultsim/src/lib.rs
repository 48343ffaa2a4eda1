//! # snapback-faultsim
//!
//! Deterministic fault simulation in the manner of TigerBeetle's VOPR and FoundationDB's
//! simulation (see `docs/faultsim.md`).

pub mod store;
