//! The OpenAPI 3.1 description of the API, served at `/v1/openapi.json`.
//!
//! Written by hand, next to the handlers it describes. The server's tests check that every route
//! the router registers is described, that every documented operation is routed, that the
//! answers the API gives match the schemas below, and that every code a submission can be
//! refused with is listed in [`ENTRY_ERRORS`] with the status the API answers it with.

use axum::Json;
use serde_json::{Map, Value, json};

/// Every `code` a refused `POST /v1/entries` carries: (code, HTTP status, meaning). The codes
/// with status 422 are the engine's rules; the others are the log's and the API's own checks.
pub const ENTRY_ERRORS: &[(&str, u16, &str)] = &[
    (
        "malformed",
        400,
        "The body is not JSON of the entry format, or its event is not an event snapback knows (an unknown `type`, an unknown or missing field, a wrong type). `field` names the place at fault when it can (`body.v`, `body.event.severity`).",
    ),
    (
        "classified_in_clear",
        400,
        "A classified (restricted, confidential or secret) evidence event carries `source_kind`, `digest` or `summary` in clear: the log never holds classified content. Send only `claim`, `classification`, `releasable_to` and `commitment` in the body, and the content in `sealed`. `field` names the field.",
    ),
    (
        "sealed_missing",
        400,
        "A classified evidence event came without `sealed` (its content and salt), so its commitment would be logged without its content.",
    ),
    (
        "commitment_mismatch",
        400,
        "`sealed` does not hash to the event's `commitment` (SHA-256 of `snapback/evidence/v1\\n`, the 32 salt bytes and the canonical JSON of the content).",
    ),
    (
        "sealed_unexpected",
        400,
        "`sealed` came with an entry that is not classified evidence: there is nothing to seal.",
    ),
    (
        "unknown_releasee",
        422,
        "`releasable_to` names a party that is not a party to the charter in force.",
    ),
    (
        "not_input",
        400,
        "The entry's `kind` is `derived`: derived entries are the engine's, appended under the secretariat's key.",
    ),
    (
        "bad_signature",
        401,
        "The signature does not verify under the named key of the party.",
    ),
    (
        "unknown_key",
        403,
        "The party does not hold the named key in the charter version in force at the entry's time (also what a party signing in another party's name gets).",
    ),
    (
        "nonce_reused",
        409,
        "The party already used this nonce for another body (the same signed body again is not an error: it answers 200 with the existing entry).",
    ),
    (
        "time_went_back",
        409,
        "The entry would be dated before the log's latest entry (the log dates entries itself and never backwards, so this is not expected through the API).",
    ),
    ("too_large", 413, "The body is over 64 KiB (65,536 bytes)."),
    (
        "out_of_order",
        422,
        "The event is dated before the previous event.",
    ),
    (
        "sealed",
        422,
        "The state has already been advanced past the event's time.",
    ),
    (
        "no_charter_in_force",
        422,
        "No version of the charter is in force at the event's time.",
    ),
    (
        "unknown_party",
        422,
        "The party is not a party to the charter in force.",
    ),
    (
        "outside_participation",
        422,
        "The party does not participate at the event's time (its participation window).",
    ),
    (
        "no_standing",
        422,
        "The party may not file claims (it is not among the charter's claimants).",
    ),
    (
        "bad_severity",
        422,
        "The claim's severity is outside 1 to 5.",
    ),
    (
        "occurred_after_filing",
        422,
        "The claim's `occurred_at` is after its filing.",
    ),
    ("duplicate_claim", 422, "The claim id is already used."),
    ("unknown_claim", 422, "No claim has this id."),
    (
        "claim_closed",
        422,
        "The claim is no longer pending (activated, dismissed or withdrawn).",
    ),
    ("claim_rejected", 422, "The claim was rejected at filing."),
    (
        "vote_after_deadline",
        422,
        "The vote came after the claim's or decision's deadline.",
    ),
    (
        "not_filer",
        422,
        "Only the party that filed a claim may withdraw it.",
    ),
    (
        "not_member",
        422,
        "The voter is not a member of the body that decides.",
    ),
    (
        "already_voted",
        422,
        "The party already voted on this claim or decision: a vote is final.",
    ),
    ("unknown_decision", 422, "No decision has this id."),
    ("decision_closed", 422, "The decision is no longer pending."),
    (
        "duplicate_decision",
        422,
        "The decision id is already used.",
    ),
    (
        "unknown_body",
        422,
        "The charter in force has no body with this id.",
    ),
    (
        "may_not_open",
        422,
        "Only a body's members and the secretariat may open its decisions.",
    ),
    (
        "may_not_convene",
        422,
        "Only members of the verifying body and the secretariat may convene a claim's meeting.",
    ),
    ("unknown_obligation", 422, "No obligation has this id."),
    (
        "already_fulfilled",
        422,
        "The obligation's fulfilment was already reported.",
    ),
    (
        "not_obligor",
        422,
        "Only the party that owes an obligation, or the secretariat, may report its fulfilment.",
    ),
    (
        "no_fund",
        422,
        "A fund event, but the charter in force sets up no fund.",
    ),
    (
        "not_fund_manager",
        422,
        "Only the fund's manager and the secretariat may disburse, record exchange rates, or record money for another contributor.",
    ),
    (
        "wrong_currency",
        422,
        "The fund disburses in its currency of account only.",
    ),
    (
        "same_currency",
        422,
        "An exchange rate for the fund's own currency.",
    ),
    (
        "no_rate",
        422,
        "Money in a foreign currency before any `fund.fx_rate` for it.",
    ),
    (
        "converts_to_zero",
        422,
        "The amount converts to less than the fund currency's smallest unit.",
    ),
    (
        "transfer_exists",
        422,
        "The transfer id was already used by a different money event.",
    ),
    (
        "purpose_not_allowed",
        422,
        "The purpose is not allowed in the fund's current mode.",
    ),
    (
        "cap_exceeded",
        422,
        "The disbursement would exceed its purpose's cap in the trailing window.",
    ),
    (
        "insufficient_funds",
        422,
        "The pools available in the current mode hold less than the amount.",
    ),
    (
        "not_surge_call",
        422,
        "The obligation a payment names is not an open surge call.",
    ),
    (
        "not_your_call",
        422,
        "The surge call named is owed by another contributor.",
    ),
    (
        "exceeds_call",
        422,
        "The payment exceeds what the surge call still asks.",
    ),
    (
        "pay_into_fund",
        422,
        "A surge call is fulfilled by paying it (`fund.paid_in` naming it), not by `obligation.fulfilled`.",
    ),
    (
        "books",
        422,
        "The fund's books refused the transfer (a bound or an id); the detail says which.",
    ),
    (
        "duplicate_record",
        422,
        "A capability record (commitment, contract, lot, cohort, restriction) with this id already exists (a lot may be topped up only by its owner, at its location, with its item).",
    ),
    (
        "unknown_record",
        422,
        "The commitment, contract, lot, cohort or restriction named does not exist.",
    ),
    (
        "not_owner",
        422,
        "The record belongs to another party; only it or the secretariat may ship, call off, release, complete or lift it.",
    ),
    (
        "exceeds_outstanding",
        422,
        "The quantity is more than what remains: to ship or receive on a commitment or obligation, to release from a lot, or to complete of a cohort.",
    ),
    (
        "unknown_location",
        422,
        "The stockpile location is not a [[capabilities.location]] of the charter in force.",
    ),
    (
        "unknown_centre",
        422,
        "The training centre is not a [[capabilities.training_centre]] of the charter in force.",
    ),
    (
        "contract_not_valid",
        422,
        "The contract cannot be called off now: it is outside its validity window.",
    ),
    (
        "already_lifted",
        422,
        "The restriction was already lifted (by its donor or by an activation).",
    ),
    ("cohort_completed", 422, "The cohort was already completed."),
    (
        "not_item_obligation",
        422,
        "A receipt names an obligation that is not an activated military obligation counting items.",
    ),
    (
        "receive_items",
        422,
        "The obligation counts items: it is fulfilled by aid.received naming it, not by obligation.fulfilled.",
    ),
    (
        "not_receiver",
        422,
        "Only the beneficiary or the secretariat reports receipts.",
    ),
    (
        "received_before_obligation",
        422,
        "A receipt's `occurred_at` is earlier than the military obligation it names was created.",
    ),
    (
        "occurred_after_recording",
        422,
        "An aid event's `occurred_at` is later than the event's own time.",
    ),
    (
        "not_secretariat",
        422,
        "Only the secretariat may do this (record a commitment for another donor).",
    ),
    (
        "internal",
        500,
        "The log could not commit (nothing was appended; retry).",
    ),
    ("unavailable", 503, "The server is shutting down."),
    (
        "clock_behind",
        503,
        "The server's wall clock is behind the log's latest instant (it was set back): nothing is dated in the past, so writes are refused until it catches up. `Retry-After` says how many seconds that is.",
    ),
    (
        "clock_unconfirmed",
        503,
        "The server's wall clock stepped forward by more than the bound (`--clock-step-max`) beyond the time that passed: writes and deadlines are held until an operator runs `snapback time confirm` (or a trusted witness's cosignature confirms the time). `Retry-After` is 30 s.",
    ),
];

fn schema(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

fn nullable(s: Value) -> Value {
    json!({ "anyOf": [s, { "type": "null" }] })
}

fn instant() -> Value {
    json!({ "type": "string", "format": "date-time", "description": "RFC 3339 UTC with `Z`" })
}

fn nullable_instant() -> Value {
    json!({ "type": ["string", "null"], "format": "date-time" })
}

fn string() -> Value {
    json!({ "type": "string" })
}

fn nullable_string() -> Value {
    json!({ "type": ["string", "null"] })
}

fn count() -> Value {
    json!({ "type": "integer", "minimum": 0 })
}

fn strings() -> Value {
    json!({ "type": "array", "items": { "type": "string" } })
}

fn decimal() -> Value {
    json!({ "type": "string", "description": "A decimal number, as a string (`\"1500.00\"`)." })
}

fn nullable_decimal() -> Value {
    json!({ "type": ["string", "null"], "description": "A decimal number, as a string, or null." })
}

/// How every paged list is read.
const PAGED: &str = "A page of the list in its own order, which only grows at the end, so a position is a stable cursor: `from` is the position of the first item (default 0), `limit` how many at most (1 to 1000, default 100). `next` is the `from` of the following page, null after the last item; `total` counts the whole list.";

/// `from` and `limit` of a paged list.
fn page_parameters() -> [Value; 2] {
    [
        json!({
            "name": "from", "in": "query", "required": false,
            "description": "The position of the first item (default 0).",
            "schema": { "type": "integer", "minimum": 0, "maximum": i64::MAX, "format": "int64" },
        }),
        json!({
            "name": "limit", "in": "query", "required": false,
            "description": "How many items at most (default 100, at most 1000).",
            "schema": { "type": "integer", "minimum": 1, "maximum": 1000, "format": "int64" },
        }),
    ]
}

/// A page of `name`, items of schema `of`.
fn page_of(name: &str, of: &str) -> Value {
    let mut properties = serde_json::Map::new();
    properties.insert("from".into(), json!({ "type": "integer", "minimum": 0 }));
    properties.insert(
        "limit".into(),
        json!({ "type": "integer", "minimum": 1, "maximum": 1000 }),
    );
    properties.insert("total".into(), json!({ "type": "integer", "minimum": 0 }));
    properties.insert("next".into(), json!({ "type": ["integer", "null"], "minimum": 0, "description": "`from` of the next page; null after the last item." }));
    properties.insert(name.into(), list(of));
    object(
        &format!("Items `from..from + limit` of `total` {name}."),
        Value::Object(properties),
    )
}

fn bad_page() -> Value {
    problem(
        "`malformed`: `from` or `limit` is not a non-negative integer, is given twice, or a parameter is unknown; `out_of_range`: `from` is over 2^63 - 1, or `limit` is not from 1 to 1000. `field` names the parameter.",
    )
}

fn list(of: &str) -> Value {
    json!({ "type": "array", "items": schema(of) })
}

fn base64_hash() -> Value {
    json!({ "type": "string", "contentEncoding": "base64", "description": "32 bytes, base64" })
}

/// An object schema: every property listed is required, and no other property appears.
fn object(description: &str, properties: Value) -> Value {
    let required: Vec<Value> = properties
        .as_object()
        .map(|m| m.keys().cloned().map(Value::String).collect())
        .unwrap_or_default();
    json!({
        "type": "object",
        "description": description,
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

fn json_content(s: Value) -> Value {
    json!({ "application/json": { "schema": s } })
}

fn ok_json(description: &str, s: Value) -> Value {
    json!({ "description": description, "content": json_content(s) })
}

fn text(description: &str, media: &str) -> Value {
    json!({ "description": description, "content": { media: { "schema": { "type": "string" } } } })
}

fn problem(description: &str) -> Value {
    json!({
        "description": description,
        "content": { "application/problem+json": { "schema": schema("Problem") } },
    })
}

fn unavailable() -> Value {
    problem("`unavailable`: the server is shutting down.")
}

fn bad_token() -> Value {
    problem(
        "`bad_token`: the `Authorization` header is not `Bearer <token>`, or names a token this log did not issue.",
    )
}

/// Reads are public; a bearer token of a party reveals classified evidence metadata.
fn optional_token() -> Value {
    json!([{}, { "bearerAuth": [] }])
}

fn path_id(description: &str) -> Value {
    json!({ "name": "id", "in": "path", "required": true, "description": description, "schema": string() })
}

fn query(name: &str, required: bool, description: &str) -> Value {
    json!({
        "name": name, "in": "query", "required": required, "description": description,
        "schema": { "type": "integer", "minimum": 0, "maximum": i64::MAX, "format": "int64" },
    })
}

fn bad_query(codes: &str) -> Value {
    problem(&format!(
        "{codes}`out_of_range`: a parameter is over 9223372036854775807 (int64); `malformed`: a query parameter is not a non-negative integer, or is unknown. `field` names the parameter."
    ))
}

/// The description of `POST /v1/entries`, with a table of every error code.
fn entries_description() -> String {
    let mut out = String::from(
        "Submits a party's signed entry: `body` (what the party signs: the event without its time, \
         the party, the id of its key, a nonce, `kind` = `input`, `v` = 1) and `sig` (base64 \
         Ed25519 over `snapback/entry/v1\\n` followed by the RFC 8785 canonical bytes of `body`). \
         An `at` may be present and is ignored: the log dates the entry (to the millisecond, never \
         earlier than its latest entry). The entry is checked (size, shape, idempotence, nonce, \
         signature under the keys the party holds at that time), judged by the engine, and \
         appended with everything the engine derives around it (deadlines that passed first, the \
         entry's consequences after it). The answer comes once the entry is durable, with an \
         inclusion proof in the tree of the signed checkpoint returned with it.\n\n\
         Submitting the same signed body again answers 200 with the existing entry \
         (`duplicate: true`).\n\n\
         Errors are `application/problem+json` with a stable `code`:\n\n\
         | status | code | meaning |\n|---|---|---|\n",
    );
    for (code, status, meaning) in ENTRY_ERRORS {
        out.push_str(&format!("| {status} | `{code}` | {meaning} |\n"));
    }
    out
}

/// The problem responses of `POST /v1/entries`, one per status, naming its codes.
fn entries_errors() -> Map<String, Value> {
    let mut by_status: std::collections::BTreeMap<u16, Vec<&str>> = Default::default();
    for (code, status, _) in ENTRY_ERRORS {
        by_status.entry(*status).or_default().push(code);
    }
    by_status
        .into_iter()
        .map(|(status, codes)| {
            let names: Vec<String> = codes.iter().map(|c| format!("`{c}`")).collect();
            (
                status.to_string(),
                problem(&format!("Refused: {}.", names.join(", "))),
            )
        })
        .collect()
}

fn post_entries() -> Value {
    let mut responses = Map::new();
    responses.insert(
        "201".into(),
        ok_json(
            "Appended: the entry's index and time, its inclusion proof, and the signed checkpoint of the tree the proof is in.",
            schema("SubmitResult"),
        ),
    );
    responses.insert(
        "200".into(),
        ok_json(
            "Already in the log (the same signed body): the existing entry's index and time, `duplicate: true`.",
            schema("SubmitResult"),
        ),
    );
    responses.extend(entries_errors());
    json!({
        "post": {
            "operationId": "submitEntry",
            "summary": "Submit a signed entry",
            "description": entries_description(),
            "requestBody": {
                "required": true,
                "description": "One entry submission, at most 64 KiB.",
                "content": json_content(schema("Submission")),
            },
            "responses": responses,
        }
    })
}

fn paths() -> Value {
    let mut paths = paths_json();
    paths["/v1/evidence/{commitment}"] = get_evidence();
    paths
}

fn paths_json() -> Value {
    json!({
        "/v1/entries": post_entries(),
        "/v1/state": { "get": {
            "operationId": "getState",
            "summary": "The replay report of the whole log",
            "description": "The same JSON as `snapback replay --json`: every claim, decision, activation and obligation derived from the log. The log holds no classified content, so neither does this: a classified item is its marking, `releasable_to` and commitment.",
            "security": optional_token(),
            "responses": {
                "200": ok_json("The report.", schema("Report")),
                "400": problem("`state_too_large`: the state holds more than 10,000 claims, decisions and obligations, or renders to more than 16 MiB; read it from the paged lists instead."),
                "401": bad_token(),
                "503": unavailable(),
            },
        }},
        "/v1/claims": { "get": {
            "operationId": "listClaims",
            "summary": "The claims in filing order, paged",
            "description": PAGED,
            "security": optional_token(),
            "parameters": page_parameters(),
            "responses": {
                "200": ok_json("A page of claims.", page_of("claims", "Claim")),
                "400": bad_page(),
                "401": bad_token(),
                "503": unavailable(),
            },
        }},
        "/v1/claims/{id}": { "get": {
            "operationId": "getClaim",
            "summary": "One claim, with its explanation and timeline",
            "security": optional_token(),
            "parameters": [path_id("The claim's id.")],
            "responses": {
                "200": ok_json("The claim and its timeline.", schema("ClaimDetail")),
                "401": bad_token(),
                "404": problem("`not_found`: no claim has this id."),
                "503": unavailable(),
            },
        }},
        "/v1/decisions": { "get": {
            "operationId": "listDecisions",
            "summary": "The decisions of bodies (package legs, decisions opened by parties) in opening order, paged",
            "description": PAGED,
            "parameters": page_parameters(),
            "responses": {
                "200": ok_json("A page of decisions.", page_of("decisions", "Decision")),
                "400": bad_page(),
                "503": unavailable(),
            },
        }},
        "/v1/obligations": { "get": {
            "operationId": "listObligations",
            "summary": "The obligations created by activations, in creation order, paged",
            "description": PAGED,
            "parameters": page_parameters(),
            "responses": {
                "200": ok_json("A page of obligations.", page_of("obligations", "Obligation")),
                "400": bad_page(),
                "503": unavailable(),
            },
        }},
        "/v1/parties/{id}": { "get": {
            "operationId": "getParty",
            "summary": "A party of the charter in force, its compliance, and a page of its obligations",
            "description": "`compliance` counts all of the party's obligations; `obligations` is one page of them (`from`, `limit`), as in the paged lists.",
            "parameters": [path_id("The party's id."), page_parameters()[0], page_parameters()[1]],
            "responses": {
                "200": ok_json("The party.", schema("Party")),
                "400": bad_page(),
                "404": problem("`not_found`: the charter has no such party."),
                "503": unavailable(),
            },
        }},
        "/v1/fund": { "get": {
            "operationId": "getFund",
            "summary": "The Stabilization Fund: mode, pools, contributors, disbursements, surge calls, tranches, rates, totals",
            "description": "The `fund` section of `/v1/state` (and of `snapback replay --json`): the fund's mode and its history, the balance of each pool (posted, reserved for tranches, available), each contributor's capital, pledges, payments and surge calls, money disbursed by purpose and received by recipient, surge calls with the status of each share, tranches, the latest exchange rate of each currency, and the sums of every account (in balanced books debits equal credits). Amounts are decimal strings in the fund's currency of account. Rendered once per log size.",
            "responses": {
                "200": ok_json("The fund report.", schema("FundReport")),
                "404": problem("`no_fund`: the charter in force sets up no fund and the log records no fund activity."),
                "503": unavailable(),
            },
        }},
        "/v1/fund/transfers": { "get": {
            "operationId": "listFundTransfers",
            "summary": "The fund's transfers (double-entry movements) in log order, paged",
            "description": "Every movement in the fund's books, in the order the log made them: payments, pledges, surge calls, settlements, disbursements, tranche reservations, releases and voids. Each names its debit and credit accounts, its amount in the fund's currency, the event that made it (`source`) and who submitted it, any conversion from another currency, and its IATI transaction type code (`iati`: 11 incoming commitment, 1 incoming funds, 2 outgoing commitment, 3 disbursement; null for internal bookkeeping). Page with `from` and `limit`; `next` is the `from` of the following page, null after the last.",
            "parameters": [
                query("from", false, "The index of the first transfer (default 0)."),
                {
                    "name": "limit", "in": "query", "required": false,
                    "description": "How many transfers at most (default 100, at most 1000).",
                    "schema": { "type": "integer", "minimum": 1, "maximum": 1000, "format": "int64" },
                },
            ],
            "responses": {
                "200": ok_json("The page.", schema("FundTransfersPage")),
                "400": problem("`malformed`: a query parameter is not a non-negative integer, is given twice, or is unknown; `out_of_range`: `limit` is not from 1 to 1000, or `from` is over 9223372036854775807 (int64). `field` names the parameter."),
                "404": problem("`no_fund`: the charter in force sets up no fund and the log records no fund activity."),
                "503": unavailable(),
            },
        }},
        "/v1/capabilities": { "get": {
            "operationId": "getCapabilities",
            "summary": "The capability tracker: readiness, deliveries, stockpiles, contracts, training, restrictions, item obligations",
            "description": "The `capabilities` section of `/v1/state` (and of `snapback replay --json`): whether each military package of the charter could be met if it were called now (the stock and contracts each obligation would draw on, when it would be ready, how many units would be missing at its due instant), delivery performance by donor and by commitment, the lots pre-positioned at each location, the standing production contracts, the training centres' cohorts and throughput, usage restrictions on donated systems and the packages whose activation lifts them, and the activated military obligations that count items with what was received. It records commitments, deliveries, stock, contracts, training and restrictions only. Rendered once per log size.",
            "responses": {
                "200": ok_json("The capability tracker's report.", schema("CapabilitiesReport")),
                "404": no_capabilities(),
                "503": unavailable(),
            },
        }},
        "/v1/capabilities/readiness": { "get": {
            "operationId": "getCapabilityReadiness",
            "summary": "Readiness of every military package if it were called at an instant",
            "description": "The same allocation as the report's `readiness`, at `at` (default: the record's latest instant, the report's `as_of`): each obligation that counts items, in charter order, takes stock (lots nearest Ukraine first) and then what standing contracts can produce; a package is covered when all of its obligations would be met by their due instants. Only now or a later instant can be asked: the stock and contracts are those recorded by now.",
            "parameters": [{
                "name": "at", "in": "query", "required": false,
                "description": "An RFC 3339 instant with its offset (`2026-03-01T12:00:00Z`), no earlier than the record's latest instant.",
                "schema": { "type": "string", "format": "date-time" },
            }],
            "responses": {
                "200": ok_json("Readiness at `at`.", schema("Readiness")),
                "400": problem("`bad_time`: `at` is not an RFC 3339 instant; `out_of_range`: `at` is before the record's latest instant; `malformed`: an unknown parameter, or `at` given twice. `field` names the parameter."),
                "404": no_capabilities(),
                "503": unavailable(),
            },
        }},
        "/v1/capabilities/deliveries": { "get": {
            "operationId": "getCapabilityDeliveries",
            "summary": "Delivery performance: by donor and category, by donor, and per commitment",
            "description": "The report's `deliveries`: what each donor committed, delivered and still has in the pipeline, how many of its due commitments were complete on time, and by how many days the late ones were late; each commitment with its promised date and completion.",
            "responses": {
                "200": ok_json("Delivery performance.", schema("Deliveries")),
                "404": no_capabilities(),
                "503": unavailable(),
            },
        }},
        "/v1/capabilities/stockpiles": { "get": {
            "operationId": "getCapabilityStockpiles",
            "summary": "Pre-positioned stock by location (bordering state)",
            "description": "The report's `stockpiles`: each location of the charter (and any other a lot names) with its transit time to Ukraine, its lots (stocked, released, available) and the units available by item.",
            "responses": {
                "200": ok_json("The locations.", list("CapabilityLocation")),
                "404": no_capabilities(),
                "503": unavailable(),
            },
        }},
        "/v1/capabilities/training": { "get": {
            "operationId": "getCapabilityTraining",
            "summary": "Training centres: cohorts, throughput and capacity",
            "description": "The report's `training`: each training centre of the charter with its monthly capacity, its cohorts, the trainees started in the last 30 days and that as a share of capacity.",
            "responses": {
                "200": ok_json("The training centres.", list("CapabilityCentre")),
                "404": no_capabilities(),
                "503": unavailable(),
            },
        }},
        "/v1/capabilities/restrictions": { "get": {
            "operationId": "getCapabilityRestrictions",
            "summary": "Usage restrictions on donated systems and what lifts them",
            "description": "The report's `restrictions`: each restriction a donor imposed, whether it is in force or lifted (by the donor, or by an activation under a `[[restriction]]` rule), and the packages whose activation lifts it under the charter in force.",
            "responses": {
                "200": ok_json("The restrictions.", list("CapabilityRestriction")),
                "404": no_capabilities(),
                "503": unavailable(),
            },
        }},
        "/v1/log/checkpoint": { "get": {
            "operationId": "getCheckpoint",
            "summary": "The latest signed checkpoint",
            "description": "A C2SP `tlog-checkpoint` in a C2SP signed note (origin, tree size, base64 root; then the log key's signature line and any witness cosignature lines).",
            "responses": {
                "200": text("The signed note.", "text/plain"),
                "404": problem("`not_found`: the log has no checkpoint yet."),
                "503": unavailable(),
            },
        }},
        "/v1/log/entries": { "get": {
            "operationId": "listEntries",
            "summary": "Canonical log entries `from..to` (at most 1,000)",
            "parameters": [
                query("from", false, "The first index (default 0)."),
                query("to", false, "One past the last index (default and at most: the log's size, and `from` + 1000)."),
            ],
            "responses": {
                "200": ok_json("The page.", schema("EntriesPage")),
                "400": bad_query(""),
                "503": unavailable(),
            },
        }},
        "/v1/log/proof/inclusion": { "get": {
            "operationId": "proveInclusion",
            "summary": "An RFC 9162 inclusion proof of an entry",
            "parameters": [
                query("index", true, "The entry's index."),
                query("size", false, "The tree size to prove in (default: the log's size)."),
            ],
            "responses": {
                "200": ok_json("The proof.", schema("InclusionProof")),
                "400": bad_query("`out_of_range`: `index` is not below `size`, or `size` is over the log's size (both depend on the log's size when asked); "),
                "503": unavailable(),
            },
        }},
        "/v1/log/proof/consistency": { "get": {
            "operationId": "proveConsistency",
            "summary": "An RFC 9162 consistency proof between two tree sizes",
            "description": "From size 0 the proof is empty and `root1` is the empty tree's root.",
            "parameters": [
                query("from", true, "The older tree size."),
                query("to", false, "The newer tree size (default: the log's size)."),
            ],
            "responses": {
                "200": ok_json("The proof.", schema("ConsistencyProof")),
                "400": bad_query("`out_of_range`: not `from` <= `to` <= the log's size (which depends on the log's size when asked); "),
                "503": unavailable(),
            },
        }},
        "/v1/log/cosignature": { "post": {
            "operationId": "addCosignature",
            "summary": "Record a witness's cosignature of one of the log's checkpoints",
            "description": "The note is a checkpoint of this log, signed by the log key, carrying a C2SP `cosignature/v1` line by the witness. Only named witnesses may cosign: those the charter in force lists in `[[log.witness]]` and those the secretariat registered (`snapback witness add`). The cosignature is verified and added to the stored checkpoint of that size (rebuilt from the log's signature and the cosignatures recorded for it, never from other lines of the posted note); `GET /v1/log/checkpoint` then carries it. A witness cosigns a checkpoint once: the same cosignature again answers 200 as the first time; another one for the same checkpoint is refused.",
            "requestBody": { "required": true, "content": json_content(schema("Cosignature")) },
            "responses": {
                "200": ok_json("Recorded.", schema("CosignatureResult")),
                "400": problem("`malformed`: the body is not `{witness, note}` (`field` names the field); `bad_key`: `witness` names a listed witness but is not a verifier key."),
                "403": problem("`unknown_witness`: the witness is not named in the charter's `[[log.witness]]` nor registered by the secretariat, or its key is not the one listed (`field`: `witness`)."),
                "409": problem("`already_cosigned`: the witness already cosigned this checkpoint with another cosignature."),
                "413": problem("`too_large`: the body is over the limit."),
                "422": problem("`bad_note`: not a signed note; `bad_checkpoint`: its text is not a checkpoint; `no_cosignature`: no line by the witness; `bad_cosignature`: the witness's line does not verify; `not_our_checkpoint`: the log key did not sign it, or it does not match this log's tree."),
                "503": unavailable(),
            },
        }},
        "/v1/events": { "get": {
            "operationId": "events",
            "summary": "Live log entries as Server-Sent Events",
            "description": "Every entry appended from now on (inputs and the engine's derived entries) as an SSE event `entry` whose `id` is the entry's index and whose `data` is the entry's canonical JSON (see `Entry`). With `Last-Event-ID: N` the stream starts at entry N + 1, replayed from the log, then continues live, without gaps or repeats; an N the log has not reached is refused rather than silently restarting the stream. Comments are sent to keep the connection alive.",
            "parameters": [{
                "name": "Last-Event-ID", "in": "header", "required": false,
                "description": "The index of the last entry received (below the log's size); the stream resumes after it. Empty: as if absent.",
                "schema": { "type": "string", "pattern": "^[0-9]*$" },
            }],
            "responses": {
                "200": {
                    "description": "The event stream: each event is `id: <index>`, `event: entry`, `data: <entry JSON>` (the schema describes one event).",
                    "content": { "text/event-stream": { "schema": schema("EntryEvent") } },
                },
                "400": problem("`malformed`: `Last-Event-ID` is not a whole number; `last_event_id_beyond_log`: it is not below the log's size (this is not the log the client followed, or the log lost entries). `field`: `Last-Event-ID`."),
                "503": unavailable(),
            },
        }},
        "/v1/openapi.json": { "get": {
            "operationId": "openapi",
            "summary": "This document",
            "responses": { "200": ok_json("The OpenAPI 3.1 document.", json!({ "type": "object" })) },
        }},
        "/healthz": { "get": {
            "operationId": "healthz",
            "summary": "Liveness: the process answers",
            "responses": { "200": text("`ok`; while the clock is not trusted, a second line `time: behind: ...` (the wall clock is behind the log: writes are refused) or `time: held: ...` (a forward step waits for `snapback time confirm`).", "text/plain") },
        }},
        "/readyz": { "get": {
            "operationId": "readyz",
            "summary": "Readiness: the node that owns the log answers",
            "responses": {
                "200": text("`ready: <size> entries`.", "text/plain"),
                "503": unavailable(),
            },
        }},
        "/metrics": { "get": {
            "operationId": "metrics",
            "summary": "Prometheus metrics",
            "description": "`snapback_entries_appended_total`, `snapback_entries_rejected_total{reason}` (the `code` of each refused submission), `snapback_deadlines_fired_total`, `snapback_deadline_fire_latency_seconds` and `snapback_request_duration_seconds{route}`.",
            "responses": { "200": text("The text exposition format 0.0.4.", "text/plain") },
        }},
    })
}

fn event_schema() -> Value {
    json!({
        "type": "object",
        "description": "The event, without `at` (the log sets it) and without `party` (the signer). Input events: `claim.filed` (`claim`, `category`, `severity` 1-5, `summary`, optional `location`, `occurred_at`), `claim.withdrawn` (`claim`), `evidence.submitted` (`claim`, `classification` public|restricted|confidential|secret; public: `source_kind`, `digest` `sha256:` + 64 hex, `summary`; classified: only `releasable_to` (sorted party ids) and `commitment` `sha256:` + 64 hex, with the content in the submission's `sealed`: content in clear is refused, `classified_in_clear`), `meeting.convened` (`claim`), `vote.cast` (`claim` with `vote` founded|unfounded|abstain, or `decision` with `vote` yes|no|abstain), `decision.opened` (`decision`, `body`, `motion`, `decide_within`), `obligation.fulfilled` (`obligation`, `reference`). Derived events (in the log only): `claim.determined`, `activation`, `decision.determined`, `obligation.created`, `obligation.overdue`, and the like.",
        "properties": { "type": string() },
        "required": ["type"],
        "additionalProperties": true,
    })
}

/// An input event as a party submits it: one flat object of strings and integers (within the
/// ±(2^53 - 1) that canonical JSON takes; amounts are strings), with a `type`.
fn input_event_schema() -> Value {
    json!({
        "type": "object",
        "description": "An input event (see `Event`): a flat object whose values are strings or integers (amounts and instants are strings); floats and integers beyond ±(2^53 - 1) are refused.",
        "properties": { "type": string() },
        "required": ["type"],
        "additionalProperties": {
            "type": ["string", "integer"],
            "minimum": -9_007_199_254_740_991i64,
            "maximum": 9_007_199_254_740_991i64,
        },
    })
}

/// What a party signs and submits (an [`entry_body`] of kind `input`).
fn submission_body() -> Value {
    let mut body = entry_body();
    body["description"] = json!("What the party signs: an input event.");
    body["properties"]["kind"] = json!({ "type": "string", "const": "input" });
    body["properties"]["event"] = schema("InputEvent");
    body["properties"]["party"] = json!({ "type": "string", "pattern": "^[A-Za-z0-9._:-]{1,64}$", "description": "The party's id." });
    body
}

fn entry_body() -> Value {
    object(
        "What the party signs.",
        json!({
            "v": { "type": "integer", "const": 1 },
            "kind": { "type": "string", "enum": ["input", "derived"] },
            "party": string(),
            "key": { "type": "string", "pattern": "^[0-9a-f]{8}$", "description": "The signing key's id, 8 hex digits." },
            "nonce": { "type": "string", "pattern": "^[A-Za-z0-9._:-]{1,64}$", "description": "1 to 64 ASCII letters, digits, `.`, `_`, `:` or `-`, unique per party (snapback writes 32 random hex digits)." },
            "event": schema("Event"),
        }),
    )
}

/// Sealed evidence: what is submitted beside a classified entry and what a cleared holder gets.
fn evidence_schemas() -> Map<String, Value> {
    let mut m = Map::new();
    m.insert(
        "SealedContent".into(),
        object(
            "A classified item's content (never in the log).",
            json!({ "source_kind": string(), "digest": string(), "summary": string() }),
        ),
    );
    m.insert(
        "Sealed".into(),
        object(
            "Classified evidence only: the content and salt the event's `commitment` commits to, stored beside the entry in the access-controlled evidence store (never in the log). commitment = `sha256:` + hex(SHA-256(`snapback/evidence/v1\\n` ‖ the 32 salt bytes ‖ RFC 8785 canonical JSON of `content`)).",
            json!({
                "content": schema("SealedContent"),
                "salt": { "type": "string", "pattern": "^[0-9a-f]{64}$", "description": "32 random bytes, hex." },
            }),
        ),
    );
    m.insert(
        "ReleasedEvidence".into(),
        object(
            "A classified item released to a cleared holder: recompute the commitment from `salt` and `content` and compare it with the log's entry at `index`.",
            json!({
                "commitment": string(),
                "claim": string(),
                "index": count(),
                "classification": { "type": "string", "enum": ["restricted", "confidential", "secret"] },
                "releasable_to": strings(),
                "content": schema("SealedContent"),
                "salt": { "type": "string", "pattern": "^[0-9a-f]{64}$" },
            }),
        ),
    );
    m
}

fn get_evidence() -> Value {
    json!({ "get": {
        "operationId": "getEvidence",
        "summary": "Release a classified evidence item's sealed content",
        "description": "Only to a bearer token whose clearance is at least the item's marking AND whose party submitted the item or is in its `releasable_to`. The content and salt hash to the `commitment` in the log.",
        "security": [{ "bearerAuth": [] }],
        "parameters": [{ "name": "commitment", "in": "path", "required": true, "description": "The `commitment` of the evidence.submitted entry (`sha256:` + 64 hex).", "schema": string() }],
        "responses": {
            "200": ok_json("The released item.", schema("ReleasedEvidence")),
            "401": problem("`token_required`: no bearer token; `bad_token`: a token this log did not issue."),
            "403": problem("`not_releasable`: the token's clearance is below the marking, or its party is neither the submitter nor in `releasable_to` (`detail` says which)."),
            "404": problem("`unknown_evidence`: no classified evidence has this commitment."),
            "503": unavailable(),
        },
    }})
}

/// The fund's schemas (one `json!` each: together they exceed the macro's recursion limit).
fn fund_schemas() -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("FundReport".into(), fund_report());
    m.insert("FundMode".into(), json!({ "type": "string", "enum": ["peace", "conflict"], "description": "Peace: the peace purposes; conflict: the conflict purposes and the surge pool." }));
    m.insert("FundModeChange".into(), object("A change of the fund's mode.", json!({
        "at": instant(),
        "mode": schema("FundMode"),
        "activation": { "type": ["string", "null"], "description": "The activation that moved the fund to conflict mode; null for the return to peace after the quiet period." },
    })));
    m.insert("FundPool".into(), object("A pool of the fund.", json!({
        "pool": { "type": "string", "enum": ["core", "surge"], "description": "`core`: paid-in capital; `surge`: money paid against surge calls, spent in conflict mode only." },
        "balance": decimal(),
        "reserved": decimal(),
        "available": decimal(),
    })));
    m.insert("FundContributor".into(), object("A contributor: its capital in the charter (null for a party outside the charter's list) and what it pledged, paid and was called for.", json!({
        "id": string(),
        "key": nullable_decimal(),
        "share": nullable_decimal(),
        "subscribed": nullable_decimal(),
        "callable": nullable_decimal(),
        "pledged": decimal(),
        "pledge_outstanding": decimal(),
        "paid_in": decimal(),
        "called": decimal(),
        "call_paid": decimal(),
        "call_outstanding": decimal(),
    })));
    m.insert(
        "FundPurpose".into(),
        object(
            "Money disbursed for one purpose (tranche releases included).",
            json!({
                "purpose": string(),
                "disbursed": decimal(),
            }),
        ),
    );
    m.insert(
        "FundRecipient".into(),
        object(
            "Money a recipient received, and what is reserved for it.",
            json!({
                "id": string(),
                "received": decimal(),
                "reserved": decimal(),
            }),
        ),
    );
    m.insert("FundCallShare".into(), object("One contributor's share of a surge call: an obligation fulfilled by paying it.", json!({
        "party": string(),
        "amount": decimal(),
        "obligation": { "type": "string", "description": "`<activation>/surge/<party>`" },
        "status": { "type": ["string", "null"], "enum": ["pending", "fulfilled", "late", "overdue", null] },
        "paid_at": nullable_instant(),
    })));
    m.insert(
        "FundCall".into(),
        object(
            "A surge call, pro rata to the contribution keys.",
            json!({
                "activation": string(),
                "at": instant(),
                "due": instant(),
                "total": decimal(),
                "shares": list("FundCallShare"),
            }),
        ),
    );
    m.insert(
        "FundTranche".into(),
        object(
            "A tranche reserved when a claim was filed.",
            json!({
                "claim": string(),
                "recipient": string(),
                "purpose": string(),
                "amount": decimal(),
                "status": { "type": "string", "enum": ["reserved", "released", "voided"] },
                "reserved_at": instant(),
                "resolved_at": nullable_instant(),
                "activation": nullable_string(),
            }),
        ),
    );
    m.insert("FundRate".into(), object("The exchange rate in force for a currency: `rate` units of the fund's currency per unit.", json!({
        "currency": string(),
        "rate": decimal(),
        "at": instant(),
    })));
    m.insert("FundTotals".into(), object("The sums over every account of the books.", json!({
        "debits_posted": decimal(),
        "credits_posted": decimal(),
        "debits_pending": decimal(),
        "credits_pending": decimal(),
        "balanced": { "type": "boolean", "description": "Debits equal credits, posted and pending alike." },
    })));
    m.insert("FundConversion".into(), object("How money in another currency became money in the fund's.", json!({
        "amount": decimal(),
        "currency": string(),
        "rate": decimal(),
        "exact": { "type": "string", "description": "`amount` × `rate`, before rounding." },
        "converted": { "type": "string", "description": "Rounded half to even to the fund currency's minor unit: what the books record." },
    })));
    m.insert("FundTransfer".into(), object("One movement in the fund's books.", json!({
        "index": count(),
        "at": instant(),
        "transfer": { "type": "string", "description": "The transfer's id (the event's `transfer`, or derived from it)." },
        "code": { "type": "string", "enum": ["pledge", "surge_call", "paid_in", "settlement", "disbursement", "reservation", "release", "void"] },
        "iati": { "type": ["integer", "null"], "enum": [11, 1, 2, 3, null], "description": "IATI transaction type: 11 incoming commitment, 1 incoming funds, 2 outgoing commitment, 3 disbursement; null for internal bookkeeping (settlements, voids)." },
        "debit": { "type": "string", "description": "The account debited (`pool:core`, `contributor:US:paid-in`, ...)." },
        "credit": { "type": "string", "description": "The account credited." },
        "amount": decimal(),
        "pending": { "type": ["string", "null"], "description": "The reservation a release or void resolves." },
        "purpose": nullable_string(),
        "source": { "type": "string", "description": "The event type that made it (`fund.paid_in`, `fund.surge_called`, ...)." },
        "party": { "type": ["string", "null"], "description": "Who submitted the event; null for the engine's own conclusions." },
        "reference": nullable_string(),
        "value_date": nullable_instant(),
        "conversion": nullable(schema("FundConversion")),
    })));
    m.insert("FundTransfersPage".into(), object("Transfers `from..from + limit` of `total`.", json!({
        "from": count(),
        "limit": count(),
        "total": count(),
        "next": { "type": ["integer", "null"], "minimum": 0, "description": "`from` of the next page; null after the last transfer." },
        "transfers": list("FundTransfer"),
    })));
    m
}

fn no_capabilities() -> Value {
    problem(
        "`no_capabilities`: the charter in force has no `[capabilities]`, no `[[restriction]]` rule and no obligation that counts items, and the log records nothing for the tracker (or is empty).",
    )
}

fn units() -> Value {
    json!({ "type": "integer", "minimum": 0, "description": "Whole units." })
}

fn duration() -> Value {
    json!({ "type": "string", "description": "A duration as the charter writes it (`48h`, `30d`)." })
}

fn nullable_units() -> Value {
    json!({ "type": ["integer", "null"], "minimum": 0 })
}

fn percent_one_decimal() -> Value {
    json!({ "type": ["string", "null"], "description": "A percentage with one decimal (`\"66.7\"`); null when there is nothing to divide by." })
}

/// The capability tracker's schemas (one `json!` each, like the fund's).
fn capability_schemas() -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("CapabilitiesReport".into(), object(
        "The capability tracker (contract: fields are added, never renamed or removed). It records commitments, deliveries, stock, contracts, training and restrictions: nothing operational.",
        json!({
            "as_of": instant(),
            "readiness": schema("Readiness"),
            "deliveries": schema("Deliveries"),
            "stockpiles": list("CapabilityLocation"),
            "contracts": list("CapabilityContract"),
            "training": list("CapabilityCentre"),
            "restrictions": list("CapabilityRestriction"),
            "obligations": list("ItemObligation"),
        }),
    ));
    m.insert("Readiness".into(), object("If every military package were called at `at`: when each of its obligations could be met, and from what.", json!({
        "at": instant(),
        "demands": list("DemandReadiness"),
        "packages": list("PackageReadiness"),
    })));
    m.insert("DemandReadiness".into(), object("One obligation that counts items, as if called at `at`.", json!({
        "package": string(),
        "obligation": { "type": "string", "description": "`<package>/<n>`: the obligation's place in the charter." },
        "item": string(),
        "quantity": units(),
        "due": instant(),
        "ready_at": { "type": ["string", "null"], "format": "date-time", "description": "When the last unit would arrive; null if stock and contracts cannot supply them all." },
        "covered": { "type": "boolean", "description": "Every unit would arrive by `due`." },
        "late_s": { "type": "integer", "description": "Seconds from `due` to `ready_at` when that is later; 0 otherwise, and when unmet (see `short_by_due`)." },
        "available_by_due": units(),
        "short_by_due": units(),
        "from_stock": list("StockDraw"),
        "from_contracts": list("ContractDraw"),
    })));
    m.insert(
        "StockDraw".into(),
        object(
            "Units a demand would take from a lot.",
            json!({
                "lot": string(),
                "location": string(),
                "quantity": units(),
                "arrives": instant(),
            }),
        ),
    );
    m.insert(
        "ContractDraw".into(),
        object(
            "Units a demand would call off a standing contract.",
            json!({
                "contract": string(),
                "quantity": units(),
                "complete_by": instant(),
            }),
        ),
    );
    m.insert("PackageReadiness".into(), object("A military package: covered when all of its obligations are.", json!({
        "package": string(),
        "covered": { "type": "boolean" },
        "short_by_due": units(),
        "late_s": { "type": "integer", "description": "The latest of its obligations' `late_s`." },
        "unmet": { "type": "boolean", "description": "Some obligation cannot be met at all by the stock and contracts recorded." },
    })));
    m.insert(
        "Deliveries".into(),
        object(
            "Delivery performance at `at`.",
            json!({
                "at": instant(),
                "groups": list("DeliveryGroup"),
                "donors": list("DeliveryGroup"),
                "commitments": list("CommitmentStatus"),
            }),
        ),
    );
    m.insert("DeliveryGroup".into(), object("The delivery figures of a donor in a category (`*`: all its categories).", json!({
        "donor": string(),
        "category": string(),
        "commitments": count(),
        "committed": units(),
        "delivered": units(),
        "pipeline": units(),
        "due": { "type": "integer", "minimum": 0, "description": "Commitments due: promised by now, or complete." },
        "on_time": count(),
        "late": { "type": "integer", "minimum": 0, "description": "Commitments completed late, or overdue." },
        "on_time_percent": percent_one_decimal(),
        "days_late_total": count(),
        "days_late_max": count(),
    })));
    m.insert("CommitmentStatus".into(), object("One commitment's delivery.", json!({
        "id": string(),
        "donor": string(),
        "category": string(),
        "item": string(),
        "quantity": units(),
        "delivered": units(),
        "promised": instant(),
        "completed_at": nullable_instant(),
        "state": { "type": "string", "enum": ["open", "due", "on_time", "late", "overdue"] },
        "days_late": { "type": "integer", "minimum": 0, "description": "Whole days past `promised`, rounded up (late and overdue only)." },
    })));
    m.insert("CapabilityLocation".into(), object("The lots pre-positioned at one location.", json!({
        "location": string(),
        "name": { "type": "string", "description": "The charter's name for it (empty if the charter in force does not name it)." },
        "transit": { "type": ["string", "null"], "description": "The time released stock takes to reach Ukraine; null if the charter in force does not name the location." },
        "lots": list("CapabilityLot"),
        "available_by_item": {
            "type": "array",
            "description": "`[item, units available]`, sorted by item.",
            "items": { "type": "array", "minItems": 2, "maxItems": 2, "items": { "type": ["string", "integer"] } },
        },
    })));
    m.insert(
        "CapabilityLot".into(),
        object(
            "A lot of stock.",
            json!({
                "lot": string(),
                "owner": string(),
                "item": string(),
                "stocked": units(),
                "released": units(),
                "available": units(),
            }),
        ),
    );
    m.insert(
        "CapabilityContract".into(),
        object(
            "A standing production contract.",
            json!({
                "contract": string(),
                "party": string(),
                "supplier": string(),
                "country": string(),
                "item": string(),
                "monthly_capacity": units(),
                "surge_capacity": units(),
                "surge_lead_time": duration(),
                "valid_from": instant(),
                "valid_until": instant(),
                "valid": { "type": "boolean", "description": "It can be called off at `as_of`." },
                "called_off": units(),
                "reserved": units(),
            }),
        ),
    );
    m.insert(
        "CapabilityCentre".into(),
        object(
            "A training centre.",
            json!({
                "centre": string(),
                "name": nullable_string(),
                "host": string(),
                "capacity_per_month": units(),
                "cohorts": list("CapabilityCohort"),
                "started_last_30d": units(),
                "utilisation_percent": percent_one_decimal(),
                "started": units(),
                "completed": units(),
                "in_training": units(),
            }),
        ),
    );
    m.insert(
        "CapabilityCohort".into(),
        object(
            "A training cohort.",
            json!({
                "cohort": string(),
                "trainees": units(),
                "started_at": instant(),
                "completed_at": nullable_instant(),
                "completed": nullable_units(),
            }),
        ),
    );
    m.insert("CapabilityRestriction".into(), object("A usage restriction a donor attached to a donated system.", json!({
        "restriction": string(),
        "donor": string(),
        "system": string(),
        "restriction_kind": string(),
        "text": string(),
        "imposed_at": instant(),
        "status": { "type": "string", "enum": ["in_force", "lifted"] },
        "lifted_at": nullable_instant(),
        "lifted_by": { "type": ["string", "null"], "description": "The party that lifted it; null when an activation did." },
        "activation": { "type": ["string", "null"], "description": "The activation that lifted it under a `[[restriction]]` rule." },
        "lifted_on_activation_of": strings(),
    })));
    m.insert(
        "ItemObligation".into(),
        object(
            "An activated military obligation that counts items.",
            json!({
                "obligation": string(),
                "party": string(),
                "item": string(),
                "quantity": units(),
                "received": units(),
                "due": instant(),
                "fulfilled_at": nullable_instant(),
                "from_stock": units(),
                "from_contracts": units(),
            }),
        ),
    );
    m
}

fn fund_report() -> Value {
    object(
        "The Stabilization Fund (contract: fields are added, never renamed or removed). Amounts are decimal strings in the fund's currency of account, with its minor unit.",
        json!({
            "name": nullable_string(),
            "currency": nullable_string(),
            "mode": schema("FundMode"),
            "modes": list("FundModeChange"),
            "pools": list("FundPool"),
            "contributors": list("FundContributor"),
            "purposes": list("FundPurpose"),
            "recipients": list("FundRecipient"),
            "calls": list("FundCall"),
            "tranches": list("FundTranche"),
            "rates": list("FundRate"),
            "totals": schema("FundTotals"),
            "transfers": { "type": "integer", "minimum": 0, "description": "How many transfers the books hold (posts and voids included)." },
            "problems": { "type": "array", "items": string(), "description": "Transfers the report's books refused: always empty unless something is badly wrong." },
        }),
    )
}

fn schemas() -> Value {
    let mut submission = object(
        "A signed entry as submitted.",
        json!({
            "at": { "type": "string", "description": "Ignored: the log sets the time." },
            "body": schema("SubmissionBody"),
            "sig": { "type": "string", "contentEncoding": "base64", "pattern": "^[A-Za-z0-9+/]{85}[AQgw]==$", "description": "Ed25519, 64 bytes, base64." },
            "sealed": schema("Sealed"),
        }),
    );
    submission["required"] = json!(["body", "sig"]);
    let mut problem = object(
        "An RFC 9457 problem.",
        json!({
            "type": { "type": "string", "format": "uri", "description": "`https://snapback.invalid/problems/<code>`" },
            "title": string(),
            "status": { "type": "integer" },
            "detail": { "type": "string", "description": "What was wrong and how to fix it." },
            "code": { "type": "string", "description": "Stable and machine-readable." },
            "field": { "type": "string", "description": "The field at fault in the request body, as a path (`body.v`)." },
        }),
    );
    problem["required"] = json!(["type", "title", "status", "detail", "code"]);
    let mut report = object(
        "The replay report (contract: fields are added, never renamed or removed).",
        json!({
            "as_of": nullable_instant(),
            "charter": schema("CharterInfo"),
            "claims": list("Claim"),
            "decisions": list("Decision"),
            "activations": list("Activation"),
            "obligations": list("Obligation"),
            "rejected": list("RejectedEvent"),
            "fund": schema("FundReport"),
            "capabilities": schema("CapabilitiesReport"),
        }),
    );
    // `fund` is there only when the charter sets up a fund or the log records fund activity;
    // `capabilities` only when there is something for the capability tracker.
    report["required"] = json!([
        "as_of",
        "charter",
        "claims",
        "decisions",
        "activations",
        "obligations",
        "rejected"
    ]);
    let claim_status = json!({ "type": "string", "enum": ["pending", "activated", "dismissed", "withdrawn", "rejected"] });
    let basis = json!({ "type": ["string", "null"], "enum": ["adopted", "cannot_be_adopted", "not_adopted_by_deadline", "evidence_insufficient", null] });
    let mut all = json!({
        "Problem": problem,
        "Event": event_schema(),
        "EntryBody": entry_body(),
        "SubmissionBody": submission_body(),
        "InputEvent": input_event_schema(),
        "Submission": submission,
        "Entry": object("A log entry: its canonical JSON (RFC 8785) is its Merkle leaf data.", json!({
            "at": instant(),
            "body": schema("EntryBody"),
            "sig": { "type": "string", "contentEncoding": "base64" },
        })),
        "SubmissionProof": object("An inclusion proof of the entry in the tree of the returned checkpoint.", json!({
            "index": count(),
            "tree_size": count(),
            "leaf_hash": base64_hash(),
            "root": base64_hash(),
            "proof": { "type": "array", "items": base64_hash() },
        })),
        "SubmitResult": object("A submission's answer.", json!({
            "index": count(),
            "at": instant(),
            "duplicate": { "type": "boolean" },
            "proof": nullable(schema("SubmissionProof")),
            "checkpoint": { "type": ["string", "null"], "description": "The latest signed checkpoint note." },
        })),
        "InclusionProof": object("RFC 9162 inclusion proof (the field names of `snapback log prove inclusion`).", json!({
            "leafIdx": count(),
            "treeSize": count(),
            "leafHash": base64_hash(),
            "root": base64_hash(),
            "proof": { "type": "array", "items": base64_hash() },
        })),
        "ConsistencyProof": object("RFC 9162 consistency proof (the field names of `snapback log prove consistency`).", json!({
            "size1": count(),
            "size2": count(),
            "root1": base64_hash(),
            "root2": base64_hash(),
            "proof": { "type": "array", "items": base64_hash() },
        })),
        "EntriesPage": object("Entries `from..to` of a log of `size` entries.", json!({
            "from": count(),
            "to": count(),
            "size": count(),
            "entries": list("Entry"),
        })),
        "EntryEvent": {
            "type": "object",
            "description": "One Server-Sent Event of `GET /v1/events`.",
            "properties": {
                "id": { "type": "string", "pattern": "^[0-9]+$", "description": "The entry's index." },
                "event": { "type": "string", "const": "entry" },
                "data": { "type": "string", "contentMediaType": "application/json", "contentSchema": schema("Entry"), "description": "The entry's canonical JSON." },
            },
            "required": ["id", "event", "data"],
        },
        "Cosignature": object("A witness's cosignature.", json!({
            "witness": { "type": "string", "pattern": "^[^+\\s]+\\+[0-9a-f]{8}\\+[A-Za-z0-9+/]{44}$", "description": "The witness's C2SP verifier key (algorithm 0x04, `cosignature/v1`): `<name>+<key id>+<base64>`." },
            "note": { "type": "string", "minLength": 1, "description": "The checkpoint note carrying the witness's cosignature line." },
        })),
        "CosignatureResult": object("The recorded cosignature.", json!({
            "size": count(),
            "witness": string(),
            "time": { "type": "integer", "description": "The cosignature's Unix time (seconds)." },
        })),
        "ClaimTally": object("Votes on a claim.", json!({
            "founded": count(), "unfounded": count(), "abstain": count(), "not_voted": count(),
        })),
        "DecisionTally": object("Votes on a decision.", json!({
            "yes": count(), "no": count(), "abstain": count(), "not_voted": count(),
        })),
        "Vote": object("A vote.", json!({ "party": string(), "vote": string(), "at": instant() })),
        "Evidence": {
            "type": "object",
            "description": "Evidence metadata (the material itself is not in the log; `digest` identifies it). Public items carry `source_kind` and `digest`; classified items only `releasable_to` and `commitment` (their content is never in the log or the state: see `GET /v1/evidence/{commitment}`).",
            "properties": {
                "at": instant(),
                "party": string(),
                "source_kind": string(),
                "classification": { "type": "string", "enum": ["public", "restricted", "confidential", "secret"] },
                "digest": string(),
                "releasable_to": strings(),
                "commitment": string(),
            },
            "required": ["at", "party", "classification"],
            "additionalProperties": false,
        },
        "Claim": object("A claim of a violation and how it was determined.", json!({
            "id": string(),
            "status": claim_status,
            "filed_at": instant(),
            "deadline": nullable_instant(),
            "determined_at": nullable_instant(),
            "severity": { "type": "integer" },
            "tier": nullable_string(),
            "tally": schema("ClaimTally"),
            "explanation": string(),
            "party": string(),
            "category": string(),
            "summary": string(),
            "body": nullable_string(),
            "basis": basis.clone(),
            "charter_version": nullable_string(),
            "withdrawn_at": nullable_instant(),
            "activations": strings(),
            "votes": list("Vote"),
            "evidence": list("Evidence"),
        })),
        "TimelineItem": object("One line of a claim's timeline.", json!({
            "at": instant(),
            "kind": { "type": "string", "enum": ["filed", "evidence", "meeting", "vote", "withdrawn", "determined"] },
            "party": nullable_string(),
            "detail": string(),
        })),
        "ClaimDetail": object("A claim with its timeline.", json!({
            "claim": schema("Claim"),
            "timeline": list("TimelineItem"),
        })),
        "Decision": object("A decision of a body.", json!({
            "id": string(),
            "body": string(),
            "status": { "type": "string", "enum": ["pending", "adopted", "not_adopted"] },
            "decided_at": nullable_instant(),
            "tally": schema("DecisionTally"),
            "explanation": string(),
            "motion": string(),
            "opened_at": instant(),
            "deadline": instant(),
            "opened_by": nullable_string(),
            "activation": nullable_string(),
            "package": nullable_string(),
            "basis": basis,
            "votes": list("Vote"),
        })),
        "Activation": object("An activation of the guarantee.", json!({
            "id": string(),
            "cause": { "type": "string", "enum": ["claim", "escalation"] },
            "claims": strings(),
            "tier": string(),
            "packages": strings(),
            "at": instant(),
            "explanation": string(),
            "charter_version": string(),
        })),
        "Obligation": object("What a party owes after an activation.", json!({
            "id": string(),
            "party": string(),
            "package": string(),
            "kind": string(),
            "due": instant(),
            "status": { "type": "string", "enum": ["pending", "fulfilled", "late", "overdue"] },
            "activation": string(),
            "description": string(),
            "amount": { "type": ["string", "null"], "description": "A decimal number, as a string." },
            "currency": nullable_string(),
            "created_at": instant(),
            "fulfilled_at": nullable_instant(),
            "reference": nullable_string(),
        })),
        "RejectedEvent": object("An event the engine refused (in a scenario replay; a server refuses such submissions instead of logging them).", json!({
            "index": count(),
            "type": string(),
            "reason": string(),
            "code": string(),
            "at": instant(),
            "party": string(),
        })),
        "CharterInfo": object("The charter and its versions.", json!({ "id": string(), "versions": strings() })),
        "Report": report,
        "Compliance": object("How a party has met its obligations.", json!({
            "on_time": count(), "late": count(), "overdue": count(), "pending": count(),
        })),
        "Party": object("A party of the charter in force.", json!({
            "id": string(),
            "name": string(),
            "roles": { "type": "array", "items": { "type": "string", "enum": ["guarantor", "beneficiary", "observer", "secretariat"] } },
            "groups": strings(),
            "keys": { "type": "array", "items": string(), "description": "C2SP verifier keys." },
            "compliance": schema("Compliance"),
            "obligations": page_of("obligations", "Obligation"),
        })),
    });
    // `item` and `quantity` appear only on military obligations that count items.
    if let Some(properties) = all["Obligation"]["properties"].as_object_mut() {
        properties.insert(
            "item".into(),
            json!({ "type": "string", "description": "Military obligations that count items only: what is delivered." }),
        );
        properties.insert(
            "quantity".into(),
            json!({ "type": "integer", "minimum": 1, "description": "With `item`: how many." }),
        );
    }
    if let Some(m) = all.as_object_mut() {
        m.extend(evidence_schemas());
        m.extend(fund_schemas());
        m.extend(capability_schemas());
    }
    all
}

/// The document.
pub fn spec() -> Value {
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "snapback",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "A codified security guarantee: parties submit Ed25519-signed entries (claims, evidence, votes, fulfilment reports); a deterministic engine derives determinations, activations and obligations; everything goes into a signed Merkle log. Writes are authorised by signatures, not sessions; reads are public; the log never holds classified content (only markings, releasable_to lists and commitments), and the sealed content of classified evidence is released by `GET /v1/evidence/{commitment}` only to a bearer token of a cleared party that submitted it or is in its `releasable_to`. Errors are RFC 9457 problems (`application/problem+json`) with a stable `code`. Anonymous reads (GET without `Authorization`) are limited per client address (`snapback serve --read-rate`, `--read-burst`): beyond the limit, `429` with code `rate_limited` and a `Retry-After` header. Writes are refused with `503` `clock_behind` or `clock_unconfirmed` (and `Retry-After`) while the server does not trust its clock.",
            "license": { "name": "Apache-2.0", "identifier": "Apache-2.0" },
        },
        "paths": paths(),
        "components": {
            "schemas": schemas(),
            "securitySchemes": {
                "bearerAuth": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A token from `snapback token create --party ID --clearance LEVEL`.",
                },
            },
        },
    })
}

pub async fn document() -> Json<Value> {
    Json(spec())
}
