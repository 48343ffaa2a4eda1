//! Read models: what the API's handlers and the dashboard both render from the state (a
//! claim's timeline, compliance, the fund's transfer pages, the capability tracker's rendered
//! report). No handlers here, and nothing here reads `AppState`.

mod capabilities;
mod claims;
mod fund;

pub use capabilities::{RenderedCapabilities, render_capabilities, rendered};
pub use claims::{
    ClaimDetail, Compliance, TIMELINE, TimelineItem, claim_detail, compliance, redact,
};
pub use fund::{TransferJson, TransfersPage, fund_in_force, has_fund, transfers_page};
