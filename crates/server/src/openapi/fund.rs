//! The Stabilization Fund's schemas.

use serde_json::{Map, Value, json};

use super::build::*;

pub(super) fn fund_schemas() -> Map<String, Value> {
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

pub(super) fn fund_report() -> Value {
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
