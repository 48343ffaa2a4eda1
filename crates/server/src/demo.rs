//! The demo driver of `snapback serve --demo`: over a few minutes it files claims, submits
//! evidence, convenes a meeting, casts votes, moves money through the Stabilization Fund and
//! reports fulfilment, each event signed with its party's demo key and submitted like any other,
//! so a visitor watches a claim filed, its countdown, the votes, the snapback activating under
//! the flipped burden, the fund switching to conflict mode and calling its surge, the EU leg
//! adopted by qualified majority, and obligations appearing and being met.
//!
//! The fund's part: exchange rates first, then the G7 contributors pay in their subscribed
//! capital (the United States, Japan, the United Kingdom and Canada in their own currencies);
//! the fund disburses for reconstruction in peace mode, and is refused military production (a
//! conflict-mode purpose). Filing the first claim reserves a budget-support tranche for Ukraine;
//! the second claim's tranche is voided when it is dismissed. When the first claim activates
//! (activation `A1`, whose tier carries the fund's conflict package) the fund moves to conflict
//! mode, releases the tranche and calls its surge pro rata to the keys (obligations
//! `A1/surge/<party>`); six contributors pay their share on time, the fund finances budget
//! support and military production, and a budget-support disbursement over the 30-day cap is
//! refused. Canada pays its share late: once the call's due instant (30 demo days, 30 minutes)
//! has passed, after the rest of the story.
//!
//! The capability tracker's part: before the story, the United States, Germany and France
//! restrict donated systems, coalition stock is pre-positioned in Poland, Romania and Slovakia,
//! standing production contracts are registered, four donors commit deliveries (the United
//! States' arrives on time, Germany's late, the British and French ones are overdue by the end)
//! and three training cohorts start. A1's tier carries the accelerated deliveries and the
//! lifting of restrictions: the engine draws the deliveries from stock, calls the drones it
//! lacks off Ukraine's contract, and lifts the US and German restrictions (the French artillery
//! one stays); Ukraine then records receipts against those obligations and the secretariat a
//! completed cohort. These steps take no time of their own, so the story keeps its timing.
//!
//! Steps are timed on the server's clock, so tests run the script on a manual clock.
//! Illustrative events only: no real incident is described.

use std::collections::BTreeMap;

use jiff::{SignedDuration, Timestamp};
use serde_json::{Map, Value, json};
use snapback_ledger::{Outcome, Submission};
use snapback_log::entry::{EntryBody, EntryKind, random_nonce};
use snapback_log::keys::SignerKey;
use tokio::sync::watch;

use crate::state::AppState;

/// One scripted step: `delay_s` seconds after the previous step, `party` submits `event`. A step
/// the story expects the rules to refuse names the refusal's code.
struct Step {
    delay_s: u64,
    party: &'static str,
    event: Value,
    refused: Option<&'static str>,
}

fn step(delay_s: u64, party: &'static str, event: Value) -> Step {
    Step {
        delay_s,
        party,
        event,
        refused: None,
    }
}

/// A step the rules refuse with `code`, to show a rule at work.
fn refused(code: &'static str, s: Step) -> Step {
    Step {
        refused: Some(code),
        ..s
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

/// The fund manager records an exchange rate into euros.
fn rate(delay_s: u64, currency: &str, rate: &str) -> Step {
    step(
        delay_s,
        "USF",
        json!({ "type": "fund.fx_rate", "currency": currency, "rate": rate, "reference": "illustrative reference rate" }),
    )
}

/// A contributor pays in subscribed capital.
fn pay_in(delay_s: u64, party: &'static str, transfer: &str, amount: &str, currency: &str) -> Step {
    step(
        delay_s,
        party,
        json!({ "type": "fund.paid_in", "transfer": transfer, "amount": amount, "currency": currency, "reference": "paid-in capital" }),
    )
}

/// A contributor pays its share of activation A1's surge call.
fn pay_surge(delay_s: u64, party: &'static str, transfer: &str, amount: &str) -> Step {
    step(
        delay_s,
        party,
        json!({
            "type": "fund.paid_in", "transfer": transfer, "amount": amount, "currency": "EUR",
            "obligation": format!("{SURGE_ACTIVATION}/surge/{party}"), "reference": "surge call of A1"
        }),
    )
}

/// The fund manager disburses euros.
fn disburse(
    delay_s: u64,
    transfer: &str,
    purpose: &str,
    recipient: &str,
    amount: &str,
    reference: &str,
) -> Step {
    step(
        delay_s,
        "USF",
        json!({
            "type": "fund.disbursed", "transfer": transfer, "purpose": purpose, "recipient": recipient,
            "amount": amount, "currency": "EUR", "reference": reference
        }),
    )
}

/// An instant `seconds` after the script's start, as RFC 3339 (whole seconds).
fn after(start: Timestamp, seconds: i64) -> String {
    let whole = Timestamp::from_second(start.as_second()).unwrap_or(start);
    whole
        .checked_add(SignedDuration::from_secs(seconds))
        .unwrap_or(whole)
        .to_string()
}

/// A donor restricts the use of a system it donated.
fn restrict(party: &'static str, restriction: &str, system: &str, kind: &str, text: &str) -> Step {
    step(
        0,
        party,
        json!({ "type": "restriction.imposed", "restriction": restriction, "system": system, "restriction_kind": kind, "text": text }),
    )
}

/// A party pre-positions stock at a location of the charter.
fn stock(party: &'static str, lot: &str, location: &str, item: &str, quantity: u64) -> Step {
    step(
        0,
        party,
        json!({ "type": "stockpile.stocked", "lot": lot, "location": location, "item": item, "quantity": quantity, "reference": "illustrative coalition stock" }),
    )
}

/// Real 30-day months per demo month: the demo charter runs a day in a minute, so a month of
/// production takes 30 minutes. Capacities are counted per real 30 days by the engine, so the
/// demo's contracts state theirs scaled by this factor (and lead times in demo minutes), and
/// readiness on the demo board reads in demo days like every other deadline.
const DEMO_SCALE: u64 = 30 * 24 * 60 / 30;

/// A party registers a standing production contract, valid from a month before the start for
/// two years. `monthly` and `surge` are per demo month; `lead` is in demo time ("30m": 30 days).
#[allow(clippy::too_many_arguments)]
fn contract(
    start: Timestamp,
    party: &'static str,
    id: &str,
    supplier: &str,
    item: &str,
    monthly: u64,
    surge: u64,
    lead: &str,
) -> Step {
    const DAY: i64 = 86_400;
    step(
        0,
        party,
        json!({
            "type": "contract.registered", "contract": id, "supplier": supplier, "country": party,
            "item": item, "monthly_capacity": monthly * DEMO_SCALE, "surge_capacity": surge * DEMO_SCALE, "surge_lead_time": lead,
            "valid_from": after(start, -30 * DAY), "valid_until": after(start, 730 * DAY),
        }),
    )
}

/// A donor commits items, promised `promised_s` seconds after the start.
fn commit(
    start: Timestamp,
    party: &'static str,
    id: &str,
    category: &str,
    item: &str,
    quantity: u64,
    promised_s: i64,
) -> Step {
    step(
        0,
        party,
        json!({
            "type": "aid.committed", "commitment": id, "category": category, "item": item,
            "quantity": quantity, "promised": after(start, promised_s), "reference": "illustrative package",
        }),
    )
}

/// Ukraine records a receipt against a commitment.
fn received(commitment: &str, quantity: u64) -> Step {
    step(
        0,
        "UA",
        json!({ "type": "aid.received", "commitment": commitment, "quantity": quantity }),
    )
}

/// Ukraine records a receipt against an activated military obligation that counts items.
fn received_for(obligation: &str, quantity: u64, reference: &str) -> Step {
    step(
        0,
        "UA",
        json!({ "type": "aid.received", "obligation": obligation, "quantity": quantity, "reference": reference }),
    )
}

/// A training centre's host starts a cohort.
fn cohort(party: &'static str, cohort: &str, centre: &str, trainees: u64) -> Step {
    step(
        0,
        party,
        json!({ "type": "training.cohort_started", "cohort": cohort, "centre": centre, "trainees": trainees }),
    )
}

/// The capability tracker's record before the story (all at second 1, with the rates):
/// restrictions on donated systems (the charter lifts the US, British and French long-range
/// ones and every German one when `restriction-lift` is activated, not the French artillery
/// one), stock in Poland, Romania and Slovakia, standing contracts, commitments of four donors
/// and three training cohorts.
fn capability_record(start: Timestamp) -> Vec<Step> {
    vec![
        restrict(
            "US",
            "R-US-LR",
            "long-range-missile",
            "territory",
            "Use limited to Ukrainian sovereign territory",
        ),
        restrict(
            "DE",
            "R-DE-IFV",
            "infantry-fighting-vehicle",
            "end-use",
            "Defensive use only",
        ),
        restrict(
            "FR",
            "R-FR-HOW",
            "howitzer-155",
            "transfer",
            "No re-transfer to third parties",
        ),
        stock("PL", "COAL-PL-155-1", "PL", "155mm-shell", 60000),
        stock("RO", "COAL-RO-155-1", "RO", "155mm-shell", 30000),
        stock("SK", "COAL-SK-122-1", "SK", "122mm-rocket", 4000),
        stock("US", "US-PL-ADI-1", "PL", "air-defence-interceptor", 300),
        stock("DE", "DE-PL-IFV-1", "PL", "infantry-fighting-vehicle", 40),
        stock("GB", "GB-RO-LRD-1", "RO", "long-range-drone", 200),
        stock("FR", "FR-SK-HOW-1", "SK", "howitzer-155", 12),
        contract(
            start,
            "DE",
            "DE-155-1",
            "Illustrative Munitions GmbH",
            "155mm-shell",
            20000,
            40000,
            "30m",
        ),
        contract(
            start,
            "FR",
            "FR-ADI-1",
            "Illustrative Missiles SA",
            "air-defence-interceptor",
            10,
            30,
            "60m",
        ),
        contract(
            start,
            "UA",
            "UA-LRD-1",
            "Illustrative Drone Works",
            "long-range-drone",
            200,
            400,
            "14m",
        ),
        commit(
            start,
            "US",
            "US-PDA-61",
            "air-defence",
            "air-defence-interceptor",
            100,
            60,
        ),
        commit(
            start,
            "DE",
            "DE-IFV-T3",
            "armoured-vehicles",
            "infantry-fighting-vehicle",
            20,
            90,
        ),
        commit(
            start,
            "GB",
            "GB-LRD-7",
            "long-range-drones",
            "long-range-drone",
            150,
            600,
        ),
        commit(start, "FR", "FR-HOW-2", "artillery", "howitzer-155", 6, 240),
        cohort("DE", "DE-2026-01", "de-training", 1800),
        cohort("PL", "PL-2026-01", "pl-training", 1200),
        cohort("GB", "GB-2026-01", "gb-training", 2000),
    ]
}

/// The activation the first claim produces (the second is dismissed), whose surge the
/// contributors pay.
const SURGE_ACTIVATION: &str = "A1";

fn digest(text: &str) -> String {
    use sha2::Digest;
    let d = sha2::Sha256::digest(text.as_bytes());
    format!(
        "sha256:{}",
        d.iter().map(|b| format!("{b:02x}")).collect::<String>()
    )
}

/// The script (for the demo charter, where 48 hours last 2 minutes and 30 days 30 minutes),
/// from `start` (instants the events name, such as a promised delivery date, are relative to
/// it). Amounts follow the charter's `[fund]`: keys US 0.30, DE 0.17, JP 0.14, GB 0.11, FR 0.11,
/// IT 0.09, CA 0.08 of EUR 10 bn paid-in capital and of the EUR 10 bn surge. The capability
/// tracker's steps take no time of their own: they come at the instant of the step before.
fn script(start: Timestamp) -> Vec<Step> {
    let c1 = "C-DEMO-1";
    let c2 = "C-DEMO-2";
    let mut steps = vec![
        // Peace mode: rates, paid-in capital (some in other currencies, converted at the rates).
        rate(1, "USD", "0.92"),
        rate(0, "GBP", "1.17"),
        rate(0, "JPY", "0.0062"),
        rate(0, "CAD", "0.68"),
    ];
    steps.extend(capability_record(start));
    steps.extend(vec![
        pay_in(1, "US", "UST-DEMO-101", "3260869565.22", "USD"),
        pay_in(1, "DE", "BMF-DEMO-12", "1700000000.00", "EUR"),
        // Filing the claim reserves the EUR 1 bn budget-support tranche for Ukraine.
        step(
            1,
            "UA",
            json!({
                "type": "claim.filed", "claim": c1, "category": "assault", "severity": 4,
                "summary": "Armoured assault across the line of contact south of Orikhiv",
                "location": "Zaporizhzhia oblast"
            }),
        ),
        pay_in(2, "JP", "MOF-DEMO-03", "225806451613", "JPY"),
        step(
            3,
            "UA",
            json!({
                "type": "evidence.submitted", "claim": c1, "source_kind": "satellite", "classification": "restricted",
                "releasable_to": ["GB", "US"],
                "digest": digest("demo satellite imagery"), "summary": "Commercial satellite imagery of vehicle columns"
            }),
        ),
        pay_in(2, "GB", "HMT-DEMO-07", "940170940.17", "GBP"),
        step(
            3,
            "UA",
            json!({
                "type": "evidence.submitted", "claim": c1, "source_kind": "osint", "classification": "public",
                "digest": digest("demo osint"), "summary": "Geolocated videos posted by residents"
            }),
        ),
        pay_in(2, "FR", "DGT-DEMO-05", "1100000000.00", "EUR"),
        step(3, "SEC", json!({ "type": "meeting.convened", "claim": c1 })),
        pay_in(2, "IT", "MEF-DEMO-08", "900000000.00", "EUR"),
        vote(4, "GB", c1, "founded"),
        pay_in(2, "CA", "FIN-DEMO-04", "1176470588.24", "CAD"),
        vote(4, "PL", c1, "founded"),
        disburse(
            3,
            "USF-DEMO-PM-1",
            "reconstruction",
            "UA",
            "500000000.00",
            "Energy grid repair after the winter strikes",
        ),
        vote(3, "NO", c1, "unfounded"),
        // US-PDA-61 arrives before its promised date (second 60): on time.
        received("US-PDA-61", 100),
        // Military production is a conflict-mode purpose: refused in peace mode.
        refused(
            "purpose_not_allowed",
            disburse(
                3,
                "USF-DEMO-PM-2",
                "military-production-ukraine",
                "ua-defence-industry",
                "200000000.00",
                "Standing contract: 155 mm shells",
            ),
        ),
        vote(3, "IT", c1, "unfounded"),
        vote(6, "EE", c1, "founded"),
        vote(6, "DE", c1, "abstain"),
        // The second claim reserves a tranche too; its dismissal voids it.
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
        // flipped burden it activates by itself at its deadline, 2 minutes after filing, as A1:
        // the fund moves to conflict mode, releases the tranche and calls its EUR 10 bn surge.
        pay_surge(42, "US", "UST-DEMO-552", "3000000000.00"),
        disburse(
            4,
            "USF-DEMO-CM-1",
            "budget-support",
            "UA",
            "1000000000.00",
            "Budget support, second tranche",
        ),
        pay_surge(4, "DE", "BMF-DEMO-91", "1700000000.00"),
        // DE-IFV-T3 arrives after its promised date (second 90): late.
        received("DE-IFV-T3", 20),
        disburse(
            4,
            "USF-DEMO-CM-2",
            "military-production-ukraine",
            "ua-defence-industry",
            "2000000000.00",
            "Standing contract: 155 mm shells and air-defence interceptors, Ukrainian plants",
        ),
        // With the tranche, budget support has reached its EUR 2 bn cap for 30 days.
        refused(
            "cap_exceeded",
            disburse(
                4,
                "USF-DEMO-CM-3",
                "budget-support",
                "UA",
                "500000000.00",
                "Budget support beyond the 30-day cap",
            ),
        ),
        pay_surge(4, "JP", "MOF-DEMO-14", "1400000000.00"),
        pay_surge(4, "FR", "DGT-DEMO-45", "1100000000.00"),
        disburse(
            4,
            "USF-DEMO-CM-4",
            "military-production-allied",
            "pl-ammunition-lines",
            "1500000000.00",
            "Standing contract: ammunition lines in Poland",
        ),
        pay_surge(4, "GB", "HMT-DEMO-88", "1100000000.00"),
        pay_surge(4, "IT", "MEF-DEMO-61", "900000000.00"),
        // The EU leg opened decision A1/eu-sanctions; the Council adopts it by QMV.
        decision_vote(17, "DE", "A1/eu-sanctions", "yes"),
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
        // The qualified majority was certain with Denmark's vote: the decision is closed.
        refused(
            "decision_closed",
            decision_vote(4, "FI", "A1/eu-sanctions", "yes"),
        ),
        fulfil(4, "US", "A1/intel-full/1", "US-DNI-DEMO-1"),
        // A1 drew the accelerated deliveries from stock in Poland, Romania and Slovakia (two
        // demo days' transit: they arrive at second 244) and called the drones it lacked off
        // Ukraine's drone contract; Ukraine records what has arrived.
        received_for(
            "A1/deliveries-accelerated/1",
            200,
            "UA-MOD-DEMO-ADI",
        ),
        received_for(
            "A1/deliveries-accelerated/4",
            12,
            "UA-MOD-DEMO-HOW",
        ),
        received_for(
            "A1/deliveries-accelerated/2",
            25,
            "UA-MOD-DEMO-IFV",
        ),
        received("FR-HOW-2", 3),
        step(
            0,
            "SEC",
            json!({ "type": "training.cohort_completed", "cohort": "DE-2026-01", "trainees": 1750 }),
        ),
        fulfil(5, "GB", "A1/intel-full/2", "UK-JIC-DEMO-1"),
        fulfil(5, "US", "A1/restriction-lift/1", "DoD-DEMO-1"),
        fulfil(5, "GB", "A1/restriction-lift/2", "MoD-DEMO-1"),
        fulfil(5, "US", "A1/us-sanctions/1", "EO-DEMO-1"),
        fulfil(5, "USF", "A1/fund-conflict/1", "USF-DEMO-1"),
        fulfil(5, "EU", "A1/eu-sanctions/1", "OJ-DEMO-1"),
        // Epilogue: A1 came at second 124 and its surge call is due 30 minutes later, at second
        // 1924; Canada pays its share ten seconds after that, late.
        pay_surge(EPILOGUE_DELAY_S, "CA", "FIN-DEMO-77", "800000000.00"),
    ]);
    steps
}

/// From the last step of the story (second 283) to ten seconds past the surge call's due
/// instant (A1 at second 124, plus 30 minutes).
const EPILOGUE_DELAY_S: u64 = 124 + 30 * 60 + 10 - 283;

/// What became of one step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepOutcome {
    Appended,
    /// The same signed body was already in the log.
    Duplicate,
    /// Refused by the log or the rules, with the refusal's code.
    Refused(String),
    /// Not submitted: no key, could not sign, or the node is gone.
    Failed(String),
}

/// One step's party, event type, outcome, and the refusal the story expected, if any.
#[derive(Debug, Clone)]
pub struct StepReport {
    pub party: &'static str,
    pub kind: String,
    pub outcome: StepOutcome,
    pub expected_refusal: Option<&'static str>,
}

/// Runs the script, then returns what became of each step. Each event is signed with its
/// party's key and submitted like any delegation's, at its time on the server's clock; refusals
/// are logged (the story expects three).
pub async fn drive(
    app: AppState,
    keys: BTreeMap<String, SignerKey>,
    shutdown: watch::Receiver<bool>,
) -> Vec<StepReport> {
    let start = app.clock().now();
    run(app, keys, shutdown, start, None).await
}

/// [`drive`] from `start` on the server's clock, telling `progress` how many steps are done
/// after each one.
async fn run(
    app: AppState,
    keys: BTreeMap<String, SignerKey>,
    mut shutdown: watch::Receiver<bool>,
    start: jiff::Timestamp,
    progress: Option<watch::Sender<usize>>,
) -> Vec<StepReport> {
    let clock = std::sync::Arc::clone(app.clock());
    let mut at = start;
    let mut reports = Vec::new();
    for s in script(start) {
        let wait = SignedDuration::from_secs(i64::try_from(s.delay_s).unwrap_or(i64::MAX));
        at = at.checked_add(wait).unwrap_or(at);
        if s.delay_s > 60 {
            tracing::info!(
                party = s.party,
                seconds = s.delay_s,
                "demo: the next step comes after a long wait"
            );
        }
        while clock.now() < at {
            tokio::select! {
                _ = clock.sleep_until(at) => {}
                _ = shutdown.changed() => return reports,
            }
        }
        let kind = s
            .event
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or("?")
            .to_owned();
        let outcome = submit(&app, &keys, &s).await;
        match &outcome {
            StepOutcome::Appended | StepOutcome::Duplicate => {
                tracing::info!(party = s.party, event = %kind, outcome = ?outcome, "demo");
            }
            StepOutcome::Refused(code) if s.refused == Some(code.as_str()) => {
                tracing::info!(party = s.party, event = %kind, code = %code, "demo: refused, as the story shows");
            }
            other => tracing::warn!(party = s.party, event = %kind, outcome = ?other, "demo"),
        }
        reports.push(StepReport {
            party: s.party,
            kind,
            outcome,
            expected_refusal: s.refused,
        });
        if let Some(p) = &progress {
            p.send_replace(reports.len());
        }
    }
    tracing::info!("demo: the script has finished; the server keeps running");
    reports
}

/// Signs one step with its party's key and submits it.
async fn submit(app: &AppState, keys: &BTreeMap<String, SignerKey>, s: &Step) -> StepOutcome {
    let Some(key) = keys.get(s.party) else {
        return StepOutcome::Failed(format!("no key for {}", s.party));
    };
    let Value::Object(event) = &s.event else {
        return StepOutcome::Failed("the event is not an object".to_owned());
    };
    let mut event: Map<String, Value> = event.clone();
    // Classified evidence is sealed: only its commitment is signed and logged; the content goes
    // to the evidence store beside the entry.
    let sealed = match snapback_ledger::convert::seal_event(&mut event) {
        Ok(s) => s,
        Err(e) => return StepOutcome::Failed(e.to_string()),
    };
    let submission = random_nonce()
        .map_err(|e| e.to_string())
        .and_then(|nonce| {
            EntryBody::new(EntryKind::Input, key, nonce, event).map_err(|e| e.to_string())
        })
        .and_then(|body| Submission::sign(body, key).map_err(|e| e.to_string()))
        .map(|s| s.with_sealed(sealed));
    let submission = match submission {
        Ok(s) => s,
        Err(e) => return StepOutcome::Failed(format!("cannot sign: {e}")),
    };
    let prepared = app.keyring().prepare(&submission, app.clock().now());
    match app.node().submit(submission, prepared).await {
        Ok(done) => match done.outcome {
            Outcome::Appended { .. } => StepOutcome::Appended,
            Outcome::Duplicate { .. } => StepOutcome::Duplicate,
            Outcome::Rejected(reason) => StepOutcome::Refused(reason.code().to_owned()),
        },
        Err(p) => StepOutcome::Failed(p.detail),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use std::sync::Arc;
    use std::time::Duration;

    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use http_body_util::BodyExt as _;
    use jiff::Timestamp;
    use rust_decimal::Decimal;
    use snapback_charter::{CharterHistory, FundMode, Source, load_toml};
    use snapback_engine::derived::ObligationStatus;
    use snapback_engine::fund_record::TrancheStatus;
    use snapback_engine::fund_report::fund_report;
    use snapback_ledger::Ledger;
    use snapback_log::keys::Alg;
    use snapback_store::{SqliteStore, Store};
    use tower::ServiceExt as _;

    use super::*;
    use crate::app::{app, start};
    use crate::clock::ManualClock;

    const DEMO: &str = include_str!("../../../charters/ukraine-demo.toml");
    const LOG: &str = "demo.test";

    /// The demo charter with a key for every party and a `[log]` table, as `init --demo-keys`
    /// writes it.
    fn demo_charter(keys: &BTreeMap<String, SignerKey>, log: &SignerKey) -> String {
        let mut text = DEMO.to_owned();
        for (id, key) in keys {
            let party = format!("[[party]]\nid = \"{id}\"\n");
            assert!(text.contains(&party), "{id}");
            text = text.replacen(
                &party,
                &format!("{party}keys = [\"{}\"]\n", key.verifier()),
                1,
            );
        }
        text.push_str(&format!(
            "\n[log]\norigin = \"{LOG}\"\nkey = \"{}\"\n",
            log.verifier()
        ));
        text
    }

    fn eur(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn the_story_keeps_its_length_and_pays_one_share_after_its_due_instant() {
        let steps = script("2026-03-01T00:00:00Z".parse().unwrap());
        let (last, story) = steps.split_last().unwrap();
        let length: u64 = story.iter().map(|s| s.delay_s).sum();
        assert_eq!(
            length, 283,
            "the story before the epilogue lasts as long as before"
        );
        assert_eq!(last.party, "CA");
        assert_eq!(length + last.delay_s, 124 + 30 * 60 + 10);
        let refusals: Vec<_> = steps.iter().filter_map(|s| s.refused).collect();
        assert_eq!(
            refusals,
            ["purpose_not_allowed", "cap_exceeded", "decision_closed"]
        );
    }

    #[tokio::test]
    async fn the_demo_moves_the_fund_to_conflict_mode_calls_and_collects_the_surge() {
        let ids: Vec<String> = load_toml(&Source::new("demo.toml", DEMO.to_owned()))
            .unwrap_or_else(|e| panic!("{e}"))
            .parties
            .iter()
            .map(|p| p.id.to_string())
            .collect();
        let keys: BTreeMap<String, SignerKey> = ids
            .iter()
            .zip(1u8..)
            .map(|(id, seed)| {
                (
                    id.clone(),
                    SignerKey::from_seed(id, Alg::Ed25519, &[seed; 32]).unwrap(),
                )
            })
            .collect();
        let log = SignerKey::from_seed(LOG, Alg::Ed25519, &[250; 32]).unwrap();
        let charter = load_toml(&Source::new("demo.toml", demo_charter(&keys, &log)))
            .unwrap_or_else(|e| panic!("{e}"));
        let history = CharterHistory::new(vec![charter]).unwrap();
        let dir = std::env::temp_dir().join(format!(
            "snapback-demo-test-{}-{}",
            std::process::id(),
            Timestamp::now().as_nanosecond()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let store: Box<dyn Store> = Box::new(SqliteStore::open(&dir.join("log.sqlite")).unwrap());
        let ledger = Ledger::open(store, history.clone(), keys["SEC"].clone(), log).unwrap();
        let t0: Timestamp = "2026-03-01T00:00:00Z".parse().unwrap();
        let clock = ManualClock::new(t0);
        let running = start(ledger, Arc::new(clock.clone())).unwrap();
        let state = running.state.clone();

        // The driver waits on the manual clock; the test moves it to each step's instant and
        // waits for the step to be done.
        let (tx, mut rx) = watch::channel(0usize);
        let driver = tokio::spawn(run(state.clone(), keys, state.shutdown(), t0, Some(tx)));
        let mut at = t0;
        for (i, s) in script(t0).iter().enumerate() {
            at = at
                .checked_add(SignedDuration::from_secs(s.delay_s as i64))
                .unwrap();
            clock.set(at);
            tokio::time::timeout(Duration::from_secs(30), rx.wait_for(|n| *n > i))
                .await
                .unwrap_or_else(|_| panic!("step {i} ({}) was not done", s.party))
                .unwrap();
        }
        let reports = driver.await.unwrap();
        for (i, r) in reports.iter().enumerate() {
            let expected = match r.expected_refusal {
                Some(code) => StepOutcome::Refused(code.to_owned()),
                None => StepOutcome::Appended,
            };
            assert_eq!(r.outcome, expected, "step {i}: {} {}", r.party, r.kind);
        }

        let report = state
            .node()
            .run(|ctx| fund_report(ctx.ledger.state()))
            .await
            .unwrap()
            .unwrap();
        // Conflict mode since A1 (the quiet period of 90 demo days has not passed).
        assert_eq!(report.mode, FundMode::Conflict);
        assert_eq!(report.modes.len(), 1);
        assert_eq!(report.modes[0].activation.as_ref().unwrap().as_str(), "A1");
        // The surge was called pro rata and paid: six on time, Canada late.
        assert_eq!(report.calls.len(), 1);
        let call = &report.calls[0];
        assert_eq!(call.activation.as_str(), "A1");
        assert_eq!(call.total, eur("10000000000.00"));
        let shares: Vec<(&str, Decimal, Option<ObligationStatus>)> = call
            .shares
            .iter()
            .map(|s| (s.party.as_str(), s.amount, s.status))
            .collect();
        let on_time = Some(ObligationStatus::Fulfilled);
        assert_eq!(
            shares,
            [
                ("US", eur("3000000000.00"), on_time),
                ("DE", eur("1700000000.00"), on_time),
                ("JP", eur("1400000000.00"), on_time),
                ("GB", eur("1100000000.00"), on_time),
                ("FR", eur("1100000000.00"), on_time),
                ("IT", eur("900000000.00"), on_time),
                ("CA", eur("800000000.00"), Some(ObligationStatus::Late)),
            ]
        );
        assert!(
            call.shares
                .iter()
                .all(|s| s.obligation.as_str() == format!("A1/surge/{}", s.party.as_str()))
        );
        let ca = call
            .shares
            .iter()
            .find(|s| s.party.as_str() == "CA")
            .unwrap();
        assert!(ca.paid_at.unwrap() > call.due);
        // Every contributor paid its subscribed capital (converted exactly) and its share.
        for c in &report.contributors {
            assert_eq!(
                c.paid_in,
                c.subscribed.unwrap() + c.called,
                "{}",
                c.id.as_str()
            );
            assert_eq!(c.call_outstanding, Decimal::ZERO, "{}", c.id.as_str());
        }
        // EUR 10 bn paid in, 0.5 bn for reconstruction, the 1 bn tranche released to Ukraine;
        // the surge's 10 bn less 1 bn budget support and 3.5 bn military production.
        let pools: Vec<(&str, Decimal, Decimal)> = report
            .pools
            .iter()
            .map(|p| (p.pool, p.balance, p.reserved))
            .collect();
        assert_eq!(
            pools,
            [
                ("core", eur("8500000000.00"), Decimal::ZERO),
                ("surge", eur("5500000000.00"), Decimal::ZERO),
            ]
        );
        let disbursed = |purpose: &str| {
            report
                .purposes
                .iter()
                .find(|p| p.purpose == purpose)
                .unwrap()
                .disbursed
        };
        assert_eq!(disbursed("reconstruction"), eur("500000000.00"));
        assert_eq!(disbursed("budget-support"), eur("2000000000.00"));
        assert_eq!(
            disbursed("military-production-ukraine"),
            eur("2000000000.00")
        );
        assert_eq!(
            disbursed("military-production-allied"),
            eur("1500000000.00")
        );
        let tranches: Vec<(&str, TrancheStatus)> = report
            .tranches
            .iter()
            .map(|t| (t.claim.as_str(), t.status))
            .collect();
        assert_eq!(
            tranches,
            [
                ("C-DEMO-1", TrancheStatus::Released),
                ("C-DEMO-2", TrancheStatus::Voided)
            ]
        );
        assert_eq!(report.rates.len(), 4);
        // The books balance, and the log verifies.
        assert!(report.totals.balanced, "{:?}", report.totals);
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        let (entries, checkpoint) = state
            .node()
            .run(|ctx| {
                let store = ctx.ledger.store();
                (
                    store.entries(0, store.size()).unwrap(),
                    store.checkpoint().unwrap().unwrap().note,
                )
            })
            .await
            .unwrap();
        snapback_ledger::verify(
            &history,
            &snapback_ledger::LogUnderTest {
                entries: &entries,
                stored_leaves: None,
                checkpoint: Some(&checkpoint),
                log_key: None,
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));

        // The dashboard shows it.
        let response = app(state.clone())
            .oneshot(Request::builder().uri("/fund").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let body = response.into_body().collect().await.unwrap().to_bytes();
        let page = String::from_utf8(body.to_vec()).unwrap();
        assert!(page.contains(r#"id="fund-mode" class="panel mode" data-mode="conflict""#));
        assert!(
            page.contains(r#"data-obligation="A1/surge/CA" data-party="CA" data-status="late""#)
        );
        assert!(
            page.contains(r#"data-obligation="A1/surge/US" data-party="US" data-status="paid""#)
        );
        assert!(page.contains(r#"<p id="books" data-balanced="true">"#));

        // The capability tracker: A1 lifted the US and German restrictions under the charter's
        // rule (not the French artillery one), drew the accelerated deliveries from stock,
        // called the missing drones off Ukraine's contract, and receipts count.
        let get = |uri: &'static str| {
            let router = app(state.clone());
            async move {
                let response = router
                    .oneshot(Request::builder().uri(uri).body(Body::empty()).unwrap())
                    .await
                    .unwrap();
                assert_eq!(response.status(), StatusCode::OK, "{uri}");
                let body = response.into_body().collect().await.unwrap().to_bytes();
                String::from_utf8(body.to_vec()).unwrap()
            }
        };
        let page = get("/capabilities/restrictions").await;
        for lifted in ["R-US-LR", "R-DE-IFV"] {
            let donor = &lifted[2..4];
            assert!(
                page.contains(&format!(
                    r#"<tr data-restriction="{lifted}" data-donor="{donor}" data-status="lifted">"#
                )),
                "{lifted}"
            );
        }
        assert!(page.contains(r#"data-lifted-by-activation="A1">by activation A1"#));
        assert!(page.contains(
            r#"<tr data-restriction="R-FR-HOW" data-donor="FR" data-status="in_force">"#
        ));
        let page = get("/capabilities").await;
        // After the drawdown the accelerated deliveries could not be met again from what is
        // left; the stock pre-positioned for release still covers its package.
        assert!(page.contains(
            r#"<li class="card" data-package="prepositioned-release" data-status="covered""#
        ));
        assert!(page.contains(
            r#"<li class="card" data-package="deliveries-accelerated" data-status="short""#
        ));
        for (obligation, status, received) in [
            ("A1/deliveries-accelerated/1", "fulfilled", 200),
            ("A1/deliveries-accelerated/2", "overdue", 25),
            ("A1/deliveries-accelerated/4", "fulfilled", 12),
        ] {
            assert!(
                page.contains(&format!(
                    r#"<tr data-obligation="{obligation}" data-status="{status}">"#
                )),
                "{obligation}"
            );
            assert!(page.contains(&format!(r#"data-received="{received}""#)));
        }
        // The drones A1 lacked in stock were called off Ukraine's contract.
        assert!(page.contains(r#"<tr data-contract="UA-LRD-1" data-valid="true">"#));
        assert!(page.contains(r#"<td class="num">100</td><td class="num">100</td></tr>"#));
        let page = get("/capabilities/deliveries").await;
        for (commitment, state) in [
            ("US-PDA-61", "on_time"),
            ("DE-IFV-T3", "late"),
            ("GB-LRD-7", "overdue"),
            ("FR-HOW-2", "overdue"),
        ] {
            assert!(
                page.contains(&format!(
                    r#"data-commitment="{commitment}" data-donor="{}" data-state="{state}">"#,
                    &commitment[..2]
                )),
                "{commitment}"
            );
        }
        let page = get("/capabilities/training").await;
        assert!(page.contains(
            r#"<tr data-cohort="DE-2026-01" data-centre="de-training" data-status="completed">"#
        ));
        running.stop().await;
        let _ = std::fs::remove_dir_all(&dir);
    }
}
