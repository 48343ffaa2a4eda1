//! The component schemas: entries, events, evidence, the state and its parts.

use serde_json::{Value, json};

use super::build::*;
use super::derived::derived_schemas;

pub(super) fn event_schema() -> Value {
    json!({
        "type": "object",
        "description": "The event, without `at` (the log sets it) and without `party` (the signer). Input events: `claim.filed` (`claim`, `category`, `severity` 1-5, `summary`, optional `location`, `occurred_at`, `truce` (filed under a `[[truce]]`: by a side, inside its scope and term), `accused`, `incident` (a label; a repeated allegation is refused, `duplicate_allegation`)), `reply.filed` (`claim`, `summary`, optional `source_kind` with `digest`: the accused side's reply), `reconsideration.requested` (`claim`, `source_kind`, `digest` not already on the claim's record, `summary`: reopens a determined claim), `claim.withdrawn` (`claim`), `evidence.submitted` (`claim`, `classification` public|restricted|confidential|secret; public: `source_kind`, `digest` `sha256:` + 64 hex, `summary`; classified: only `releasable_to` (sorted party ids) and `commitment` `sha256:` + 64 hex, with the content in the submission's `sealed`: content in clear is refused, `classified_in_clear`), `meeting.convened` (`claim`), `motion.tabled` (`claim`: a member tables the motion where the proceeding has a tabling stage), `vote.cast` (`claim` with `vote` founded|unfounded|abstain, or `decision` with `vote` yes|no|abstain), `decision.opened` (`decision`, `body`, `motion`, `decide_within`, optional `claim`: a further motion in that claim's proceeding, and `supersedes` true if, adopted, it supersedes that claim, or a finding: `inconclusive` true (extends the claim's deadline once) or `severity`, `tier` and/or `attribution` (the body's grading)), `obligation.fulfilled` (`obligation`, `reference`), `measure.recorded` (`measure`, `state` in_force|suspended|terminated, `reference`: the owner re-imposes, eases or ends a measure), `measure.threatened` (`measure`, `summary`: a threat to its renewal), `measure.relief_reported` (`measure`, `state` suspended|terminated, `reference`: relief under review), `measure.relief_vetoed` (`measure`: the review's veto holder vetoes the disapproval). Derived events (in the log only): `claim.determined`, `claim.superseded`, `claim.extended`, `claim.graded`, `claim.reopened`, `claim.unwound`, `alert.claim_filed`, `activation`, `decision.determined`, `obligation.created`, `obligation.overdue`, `measure.changed`, `measure.confirmed`, `measure.renewal_opened`, `measure.renewed`, `measure.review`, `measure.review_motion_opened`, and the like.",
        "properties": { "type": string() },
        "required": ["type"],
        "additionalProperties": true,
    })
}

/// An input event as a party submits it: one flat object of strings and integers (within the
/// ±(2^53 - 1) that canonical JSON takes; amounts are strings), with a `type`.
pub(super) fn input_event_schema() -> Value {
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
pub(super) fn submission_body() -> Value {
    let mut body = entry_body();
    body["description"] = json!("What the party signs: an input event.");
    body["properties"]["kind"] = json!({ "type": "string", "const": "input" });
    body["properties"]["event"] = schema("InputEvent");
    body["properties"]["party"] = json!({ "type": "string", "pattern": "^[A-Za-z0-9._:-]{1,64}$", "description": "The party's id." });
    body
}

pub(super) fn entry_body() -> Value {
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

pub(super) fn get_evidence() -> Value {
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

/// The schemas written here rather than derived: the signed wire format itself (entries, entry
/// bodies, events and submissions are canonical JSON that the log crate reads and writes by
/// hand, with patterns for ids, keys, nonces and base64 signatures that no Rust type states), the
/// server-sent event, and the cosignature a witness posts. Everything the API renders from a
/// Rust type is derived from it (see `derived.rs`).
pub(super) fn schemas() -> Value {
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
    let mut all = json!({
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
    });
    if let Some(m) = all.as_object_mut() {
        m.extend(derived_schemas());
    }
    all
}
