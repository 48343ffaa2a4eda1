//! Read models: what the API and the dashboard render from the replica's state, kept apart from
//! both so neither imports the other.

pub mod capabilities;

pub use capabilities::RenderedCapabilities;
