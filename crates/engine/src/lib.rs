//! # snapback-engine
//!
//! The deterministic engine: dated input events in; determinations, activations and
//! obligations out, each explained by the charter's articles.
//!
//! Pure: no clock, no IO, no global randomness. The same charter history and the same events,
//! advanced to the same instant, give the same derived events and the same report, byte for byte.

pub mod alerts;
pub mod capability;
pub mod derived;
pub mod engine;
pub mod event;
pub mod explain;
pub mod fund;
pub mod measures;
pub mod proceeding;
pub mod rejection;
pub mod replay;
pub mod report;
pub mod scenario;
#[cfg(feature = "schema")]
pub mod schema;
pub mod state;
pub mod timeline;

pub use derived::{Derived, DerivedKind};
pub use engine::{Accepted, CountingSink, Engine, Judgement, Sink};
pub use event::{Event, EventKind, WireEvent};
pub use rejection::Rejection;
pub use replay::replay;
pub use report::Report;
pub use scenario::{Scenario, parse_scenario};
pub use state::State;
