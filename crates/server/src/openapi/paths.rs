//! The paths: every operation the router serves, with its parameters and answers.

use serde_json::{Map, Value, json};

use super::build::*;
use super::errors::ENTRY_ERRORS;
use super::schemas::get_evidence;

/// The description of `POST /v1/entries`, with a table of every error code.
pub(super) fn entries_description() -> String {
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
pub(super) fn entries_errors() -> Map<String, Value> {
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

pub(super) fn post_entries() -> Value {
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

pub(super) fn paths() -> Value {
    let mut paths = paths_json();
    paths["/v1/evidence/{commitment}"] = get_evidence();
    paths
}

pub(super) fn paths_json() -> Value {
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
        "/v1/measures": { "get": {
            "operationId": "listMeasures",
            "summary": "The register of measures (sanctions regimes, restrictions, postures) in charter order, paged",
            "description": "Each measure the charter's `[[measure]]` tables define, as the replay report's `measures` list has it: its state (`in_force`, `suspended`, `at_risk`, `lapsed`, `terminated`), since when, when it expires if it does, and every step with its cause (`charter`, `snapback`, `recorded`, `threat`, `renewal`, `sunset`, `renewal_failed`, `confirmed`, `renewed`) and the article that caused it. Measures whose first step lies after the record's latest instant are not listed yet.",
            "parameters": page_parameters(),
            "responses": {
                "200": ok_json("A page of measures.", page_of("measures", "Measure")),
                "400": bad_page(),
                "503": unavailable(),
            },
        }},
        "/v1/alerts": { "get": {
            "operationId": "listAlerts",
            "summary": "Monitoring alerts in the order derived, paged",
            "description": "Each alert the charter's `[[alert]]` rules raised over the monitors' reports (`monitor.report`), as the replay report's `alerts` list has it: the rule, the area, the end of the window that met the condition, its count (`value`), what the condition compared (`reading`: the lowest of the consecutive windows, the sum, or the median exceeded), the report that completed it, when it was derived, and the explanation citing the rule's article.",
            "parameters": page_parameters(),
            "responses": {
                "200": ok_json("A page of alerts.", page_of("alerts", "Alert")),
                "400": bad_page(),
                "503": unavailable(),
            },
        }},
        "/v1/measures/{id}": { "get": {
            "operationId": "getMeasure",
            "summary": "One measure with its whole history",
            "parameters": [path_id("The measure's id.")],
            "responses": {
                "200": ok_json("The measure.", schema("Measure")),
                "404": problem("`not_found`: the register has no such measure (yet)."),
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
            "description": "The `fund` section of `/v1/state` (and of `snapback replay --json`): the fund's mode and its history, the balance of each pool (posted, reserved for tranches, available), each contributor's capital, pledges, payments and surge calls, money disbursed by purpose and received by recipient, surge calls with the status of each share, tranches, the latest exchange rate of each currency, and the sums of every account (in balanced books debits equal credits); where there are any, the fund's loans, guarantees, programmes (tranches against conditions), appropriations (surge shares waiting on a parliament) and its board (`board`: weights, threshold, powers, and each motion with every member's weight and vote, the weighted tally, the decision and its effect). Amounts are decimal strings in the fund's currency of account. Rendered once per log size.",
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
        "/v1/log/checkpoint/witnessed": { "get": {
            "operationId": "getWitnessedCheckpoint",
            "summary": "The latest checkpoint the charter's witness quorum cosigned",
            "description": "The log sends each new checkpoint to the witnesses its charter lists with a URL (C2SP `tlog-witness`), records their cosignatures, and publishes here the latest checkpoint that carries valid cosignatures from at least `[log] quorum` of the charter's `[[log.witness]]`: a C2SP signed note with the log's signature and those cosignatures. It may be smaller than `GET /v1/log/checkpoint` while the witnesses catch up.",
            "responses": {
                "200": text("The witnessed checkpoint.", "text/plain"),
                "404": problem("`no_quorum`: the charter sets no witness quorum; `not_witnessed`: no checkpoint has met the quorum yet."),
                "503": unavailable(),
            },
        }},
        "/v1/log/witnesses": { "get": {
            "operationId": "getWitnesses",
            "summary": "Where each witness stands, the quorum and the witnessed size",
            "description": "For each witness the log sends its checkpoints to: `pending`, `cosigning` (it cosigned the last checkpoint sent), `down` (unreachable or failing; retried with backoff) or `fork` (it refused this log's checkpoint as inconsistent with one it cosigned before: it has seen another history of this log, and `alarm` says when and what it answered).",
            "responses": {
                "200": ok_json("The witnesses.", schema("WitnessesReport")),
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
