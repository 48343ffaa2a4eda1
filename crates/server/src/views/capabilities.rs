//! The capability tracker's report as rendered once per log size.

use axum::body::Bytes;
use snapback_engine::capability_report::CapabilitiesReport;

/// The capability tracker's report rendered once per log size: the typed report (the parts of
/// `/v1/capabilities/...` and the dashboard read it) and the JSON of `/v1/capabilities`.
#[derive(Debug)]
pub struct RenderedCapabilities {
    pub report: CapabilitiesReport,
    pub json: Bytes,
}
