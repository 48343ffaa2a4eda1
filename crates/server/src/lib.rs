//! # snapback-server
//!
//! The server delegations, the secretariat and the public use every day: the JSON API under
//! `/v1` (signed writes, public reads), durable deadlines fired by a scheduler on an injected
//! clock, live events over Server-Sent Events, webhooks, bearer tokens for classified evidence
//! metadata, Prometheus metrics, and the dashboard.
//!
//! One thread (the node, [`node`]) owns the ledger; everything else talks to it over a channel,
//! so the log keeps a single writer and submissions are committed in groups.

pub mod api;
pub mod app;
pub mod auth;
pub mod charter_text;
pub mod clock;
pub mod cluster;
pub mod cosign;
pub mod dashboard;
pub mod demo;
pub mod evidence;
pub mod feed;
pub mod forward;
pub mod instant;
pub mod limits;
pub mod metrics;
pub mod node;
pub mod openapi;
pub mod outbound;
pub mod page;
pub mod problem;
pub mod reader;
pub mod role;
pub mod scheduler;
pub mod sse;
pub mod state;
pub mod status;
pub mod timekeeping;
pub mod views;
pub mod webhooks;
pub mod wire;
pub mod witness_board;
pub mod witness_service;
pub mod witnessing;

pub use app::{AppState, Running, app, serve, start, start_with};
pub use clock::{Clock, ManualClock, SystemClock};
