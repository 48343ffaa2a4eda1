//! The demo driver of `snapback serve --demo`: over a few minutes it files claims, submits
//! evidence, convenes a meeting, casts votes and reports fulfilment, each event signed with its
//! party's demo key and submitted like any other, so a visitor watches a claim filed, its
//! countdown, the votes, the snapback activating under the flipped burden, the EU leg adopted by
//! qualified majority, and obligations appearing and being met.
//!
//! Illustrative events only: no real incident is described.

use std::collections::BTreeMap;
use std::time::Duration;

use jiff::Timestamp;
use serde_json::{Map, Value, json};
use snapback_ledger::Submission;
use snapback_log::entry::{EntryBody, EntryKind, random_nonce};
use snapback_log::keys::SignerKey;
use tokio::sync::watch;

use crate::app::AppState;

/// One scripted step: after `delay_s` seconds from the previous step, `party` submits `event`.
struct Step {
    delay_s: u64,
    party: &'static str,
    event: Value,
}

fn step(delay_s: u64, party: &'static str, event: Value) -> Step {
    Step {
        delay_s,
        party,
        event,
    }
}

fn vote(delay_s: u64, party: &'static str, claim: &str, v: &str) -> Step {
    step(
        delay_s,
        party,
        json!({ "type": "vote.cast", "claim": claim, "vote": v }),
    )
}

fn decision_vote(delay_s: u64, party: &'static str, decision: &str, v: &str) -> Step {
    step(
        delay_s,
        party,
        json!({ "type": "vote.cast", "decision": decision, "vote": v }),
    )
}

fn fulfil(delay_s: u64, party: &'static str, obligation: &str, reference: &str) -> Step {
    step(
        delay_s,
        party,
        json!({ "type": "obligation.fulfilled", "obligation": obligation, "reference": reference }),
    )
}

fn digest(text: &str) -> String {
    use sha2::Digest;
    let d = sha2::Sha256::digest(text.as_bytes());
    format!(
        "sha256:{}",
        d.iter().map(|b| format!("{b:02x}")).collect::<String>()
    )
}

/// The script (for the demo charter, where 48 hours last 2 minutes).
fn script() -> Vec<Step> {
    let c1 = "C-DEMO-1";
    let c2 = "C-DEMO-2";
    vec![
        step(
            4,
            "UA",
            json!({
                "type": "claim.filed", "claim": c1, "category": "assault", "severity": 4,
                "summary": "Armoured assault across the line of contact south of Orikhiv",
                "location": "Zaporizhzhia oblast"
            }),
        ),
        step(
            5,
            "UA",
            json!({
                "type": "evidence.submitted", "claim": c1, "source_kind": "satellite", "classification": "restricted",
                "digest": digest("demo satellite imagery"), "summary": "Commercial satellite imagery of vehicle columns"
            }),
        ),
        step(
            5,
            "UA",
            json!({
                "type": "evidence.submitted", "claim": c1, "source_kind": "osint", "classification": "public",
                "digest": digest("demo osint"), "summary": "Geolocated videos posted by residents"
            }),
        ),
        step(5, "SEC", json!({ "type": "meeting.convened", "claim": c1 })),
        vote(6, "GB", c1, "founded"),
        vote(6, "PL", c1, "founded"),
        vote(6, "NO", c1, "unfounded"),
        vote(6, "IT", c1, "unfounded"),
        vote(6, "EE", c1, "founded"),
        vote(6, "DE", c1, "abstain"),
        step(
            4,
            "UA",
            json!({
                "type": "claim.filed", "claim": c2, "category": "airspace-incursion", "severity": 1,
                "summary": "A reconnaissance drone crossed the line of contact near Kupiansk"
            }),
        ),
        vote(3, "FR", c2, "unfounded"),
        vote(3, "DE", c2, "unfounded"),
        vote(3, "IT", c2, "unfounded"),
        vote(3, "NL", c2, "unfounded"),
        vote(3, "SE", c2, "unfounded"),
        vote(3, "CA", c2, "unfounded"),
        vote(3, "JP", c2, "unfounded"),
        vote(3, "NO", c2, "unfounded"),
        vote(3, "US", c2, "unfounded"),
        // C-DEMO-1 has 3 founded, 2 unfounded, 1 abstention: no majority either way. Under the
        // flipped burden it activates by itself at its deadline, 2 minutes after filing.
        // The EU leg then opens decision A1/eu-sanctions; the Council adopts it by QMV.
        decision_vote(95, "DE", "A1/eu-sanctions", "yes"),
        decision_vote(4, "FR", "A1/eu-sanctions", "yes"),
        decision_vote(4, "HU", "A1/eu-sanctions", "no"),
        decision_vote(4, "IT", "A1/eu-sanctions", "yes"),
        decision_vote(4, "ES", "A1/eu-sanctions", "yes"),
        decision_vote(4, "SK", "A1/eu-sanctions", "no"),
        decision_vote(4, "PL", "A1/eu-sanctions", "yes"),
        decision_vote(4, "RO", "A1/eu-sanctions", "yes"),
        decision_vote(4, "NL", "A1/eu-sanctions", "yes"),
        decision_vote(4, "BE", "A1/eu-sanctions", "yes"),
        decision_vote(4, "CZ", "A1/eu-sanctions", "yes"),
        decision_vote(4, "PT", "A1/eu-sanctions", "yes"),
        decision_vote(4, "SE", "A1/eu-sanctions", "yes"),
        decision_vote(4, "GR", "A1/eu-sanctions", "yes"),
        decision_vote(4, "AT", "A1/eu-sanctions", "yes"),
        decision_vote(4, "BG", "A1/eu-sanctions", "yes"),
        decision_vote(4, "DK", "A1/eu-sanctions", "yes"),
        decision_vote(4, "FI", "A1/eu-sanctions", "yes"),
        fulfil(4, "US", "A1/intel-full/1", "US-DNI-DEMO-1"),
        fulfil(5, "GB", "A1/intel-full/2", "UK-JIC-DEMO-1"),
        fulfil(5, "US", "A1/restriction-lift/1", "DoD-DEMO-1"),
        fulfil(5, "GB", "A1/restriction-lift/2", "MoD-DEMO-1"),
        fulfil(5, "US", "A1/us-sanctions/1", "EO-DEMO-1"),
        fulfil(5, "USF", "A1/fund-conflict/1", "USF-DEMO-1"),
        fulfil(5, "EU", "A1/eu-sanctions/1", "OJ-DEMO-1"),
    ]
}

/// Runs the script, then returns. Each event is signed with its party's key and submitted like
/// any delegation's; refusals are logged.
pub async fn drive(
    app: AppState,
    keys: BTreeMap<String, SignerKey>,
    mut shutdown: watch::Receiver<bool>,
) {
    for s in script() {
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(s.delay_s)) => {}
            _ = shutdown.changed() => return,
        }
        let Some(key) = keys.get(s.party) else {
            tracing::warn!(party = s.party, "demo: no key for this party");
            continue;
        };
        let Value::Object(event): Value = s.event else {
            continue;
        };
        let event: Map<String, Value> = event;
        let kind = event
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or("?")
            .to_owned();
        let submission = random_nonce()
            .map_err(|e| e.to_string())
            .and_then(|nonce| {
                EntryBody::new(EntryKind::Input, key, nonce, event).map_err(|e| e.to_string())
            })
            .and_then(|body| Submission::sign(body, key).map_err(|e| e.to_string()));
        let submission = match submission {
            Ok(s) => s,
            Err(e) => {
                tracing::warn!(error = %e, "demo: cannot sign");
                continue;
            }
        };
        let prepared = app.keyring().prepare(&submission, Timestamp::now());
        match app.node().submit(submission, prepared).await {
            Ok(done) => {
                tracing::info!(party = s.party, event = %kind, outcome = ?done.outcome, "demo")
            }
            Err(p) => tracing::warn!(party = s.party, event = %kind, error = %p.detail, "demo"),
        }
    }
    tracing::info!("demo: the script has finished; the server keeps running");
}
