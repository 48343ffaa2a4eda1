//! The demo's story: the scripted steps `serve --demo` submits, as events in the wire format,
//! with the delays between them on the demo charter's compressed clock.

use jiff::{SignedDuration, Timestamp};
use serde_json::{Value, json};

/// One scripted step: `delay_s` seconds after the previous step, `party` submits `event`. A step
/// the story expects the rules to refuse names the refusal's code.
pub(super) struct Step {
    pub(super) delay_s: u64,
    pub(super) party: &'static str,
    pub(super) event: Value,
    pub(super) refused: Option<&'static str>,
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
pub(super) fn script(start: Timestamp) -> Vec<Step> {
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
