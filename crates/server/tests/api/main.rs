//! The one integration-test binary of the server: the HTTP API through the router (no sockets),
//! the OpenAPI document, the Stabilization Fund, the capability tracker, deadlines on a manual clock, and time you can trust.

// Helpers outside `#[test]` functions are test code too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod capabilities;
mod cluster;
mod confidential;
mod deadlines;
mod entries;
mod events;
mod faults;
mod findings;
mod fund;
mod layers;
mod limits;
mod log;
mod measures;
mod openapi;
mod ops;
mod reads;
mod refusals;
mod schema;
mod support;
mod time;
