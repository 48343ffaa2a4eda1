//! The public dashboard: server-rendered HTML over the log's state, readable without JavaScript.
//!
//! Pages: `/` (overview), `/claims/{id}`, `/guarantors`, `/fund` (the Stabilization Fund, in
//! [`fund`]), `/capabilities` and its four sub-pages (the capability tracker, in
//! [`capabilities`]), `/measures` (the register of measures, in [`measures`]), `/charter` (the
//! charter in force as a treaty text, in [`charter`]), `/log` and `/api` (the API reference,
//! rendered from the OpenAPI document, in [`api_reference`]), all in one layout. Each page also
//! answers `?fragment=main` with only the inner HTML of its `<main>`: the small script
//! (`/assets/dashboard.js`) listens to `/v1/events`, swaps that fragment in whenever an entry is
//! appended, and runs the deadline countdowns.
//!
//! Pages are maud templates: every value that comes from the log is untrusted text, and maud
//! escapes whatever it splices unless it is itself markup, so no page builds HTML from strings.
//! Pages are also sent with a content security policy that allows no inline script.
//!
//! The dashboard shows commitments, decisions, money and deliveries: nothing operational.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use jiff::Timestamp;
use maud::{Markup, PreEscaped, html};
use snapback_charter::describe::{Case, describe_duration_in, describe_rule};
use snapback_charter::{Burden, Charter, CharterHistory, Role, Rule};
use snapback_engine::State as LedgerState;
use snapback_engine::derived::{Basis, Cause, ClaimStatus, ObligationStatus};
use snapback_engine::report::{ClaimReport, DecisionReport, EvidenceReport};
use snapback_engine::state::{ActivationRecord, ClaimRecord, ObligationRecord};
use snapback_log::note::{Checkpoint, parse_note};

use crate::auth::{Clearance, Viewer};
use crate::problem::Problem;
use crate::reader::View;
use crate::state::AppState;
use crate::views::{
    ClaimDetail, Compliance, TimelineItem, claim_detail, compliance, fund_in_force,
};
use snapback_engine::timeline::releasable_to;

mod api_reference;
mod capabilities;
mod charter;
mod claims;
mod fund;
mod guarantors;
mod i18n;
mod items;
mod layout;
mod log;
mod markup;
mod measures;
mod monitoring;
mod overview;
mod valued_aid;

use claims::*;
use guarantors::*;
use i18n::*;
use items::*;
use layout::*;
use log::*;
use markup::*;
use overview::*;

const CSS: &str = include_str!("../../assets/dashboard.css");
const JS: &str = include_str!("../../assets/dashboard.js");

/// FNV-1a over the assets: their URLs carry it, so a changed asset is never served from a cache.
const fn fingerprint(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < parts.len() {
        let bytes = parts[i].as_bytes();
        let mut j = 0;
        while j < bytes.len() {
            hash ^= bytes[j] as u64;
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
            j += 1;
        }
        i += 1;
    }
    hash
}

const ASSET_VERSION: u64 = fingerprint(&[CSS, JS]);

/// How long browsers may keep the assets.
const ASSET_CACHE: &str = "public, max-age=86400";

/// No inline script or style: an injected tag could not run even if escaping ever failed.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
                   connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// Decided claims and activations the overview lists (latest first).
const RECENT: usize = 10;

/// The dashboard's routes (merged into `crate::app::routes`).
pub fn routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("/", get(overview)),
        ("/claims/{id}", get(claim)),
        ("/guarantors", get(guarantors)),
        ("/fund", get(fund::handler)),
        ("/measures", get(measures::handler)),
        ("/monitoring", get(monitoring::handler)),
        ("/charter", get(charter::handler)),
        ("/capabilities", get(capabilities::readiness)),
        ("/capabilities/deliveries", get(capabilities::deliveries)),
        ("/capabilities/stockpiles", get(capabilities::stockpiles)),
        ("/capabilities/training", get(capabilities::training)),
        (
            "/capabilities/restrictions",
            get(capabilities::restrictions),
        ),
        ("/log", get(log)),
        ("/api", get(api_reference::handler)),
        ("/assets/dashboard.css", get(css)),
        ("/assets/dashboard.js", get(js)),
    ]
}

// ---------------------------------------------------------------------------------------------
// Assets
// ---------------------------------------------------------------------------------------------

fn asset(body: &'static str, content_type: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, ASSET_CACHE),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        body,
    )
        .into_response()
}

async fn css() -> Response {
    asset(CSS, "text/css; charset=utf-8")
}

async fn js() -> Response {
    asset(JS, "text/javascript; charset=utf-8")
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
