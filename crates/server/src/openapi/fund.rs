//! The Stabilization Fund's schemas written here: the transfers pages (the fund's report and its
//! parts are derived from the engine's types, see `derived.rs`).

use serde_json::{Map, Value, json};

use super::build::*;

pub(super) fn fund_schemas() -> Map<String, Value> {
    let mut m = Map::new();
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
