//! # snapback-sim
//!
//! The deterrence simulator (being built): Monte Carlo runs of the real engine and charter.

pub mod record;
