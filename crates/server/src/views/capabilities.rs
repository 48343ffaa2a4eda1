//! The capability tracker's report rendered once per log size (the API's `/v1/capabilities`
//! and its parts, and the dashboard's pages, read the same rendering).

use std::sync::Arc;

use axum::body::Bytes;
use snapback_engine::capability::report::{CapabilitiesReport, capabilities_report};

use crate::problem::Problem;
use crate::reader::View;

/// The capability tracker's report rendered once per log size: the typed report (the parts of
/// `/v1/capabilities/...` and the dashboard read it) and the JSON of `/v1/capabilities`.
#[derive(Debug)]
pub struct RenderedCapabilities {
    pub report: CapabilitiesReport,
    pub json: Bytes,
}

/// Renders the capability tracker's report on the read replica: the log size it was rendered at,
/// and the report with its JSON (`None`: nothing to track).
pub fn render_capabilities(view: &View) -> (u64, Option<CapabilitiesReport>) {
    (view.size(), capabilities_report(view.state()))
}

/// Serialises a rendered report (off the replica).
pub fn rendered(
    report: Option<CapabilitiesReport>,
) -> Result<Option<Arc<RenderedCapabilities>>, Problem> {
    report
        .map(|report| {
            let json = serde_json::to_vec(&report).map_err(|e| {
                Problem::internal(format!("rendering the capability tracker's report: {e}"))
            })?;
            Ok(Arc::new(RenderedCapabilities {
                report,
                json: Bytes::from(json),
            }))
        })
        .transpose()
}
