//! Read models: what the API and the dashboard render from the replica's state, kept apart from
//! both so neither imports the other. A new view both need goes here; a page or an endpoint
//! goes in `dashboard/` or `api/` and calls it.

pub mod capabilities;
pub mod claims;
pub mod compliance;
pub mod fund;

pub use capabilities::RenderedCapabilities;
pub use claims::{ClaimDetail, TimelineItem, claim_detail, redact};
pub use compliance::{Compliance, compliance};
pub use fund::{fund_in_force, has_fund};
