//! The capability tracker's schemas.

use serde_json::{Map, Value, json};

use super::build::*;

pub(super) fn units() -> Value {
    json!({ "type": "integer", "minimum": 0, "description": "Whole units." })
}

pub(super) fn duration() -> Value {
    json!({ "type": "string", "description": "A duration as the charter writes it (`48h`, `30d`)." })
}

pub(super) fn nullable_units() -> Value {
    json!({ "type": ["integer", "null"], "minimum": 0 })
}

pub(super) fn percent_one_decimal() -> Value {
    json!({ "type": ["string", "null"], "description": "A percentage with one decimal (`\"66.7\"`); null when there is nothing to divide by." })
}

/// The capability tracker's schemas (one `json!` each, like the fund's).
pub(super) fn capability_schemas() -> Map<String, Value> {
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
