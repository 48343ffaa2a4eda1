//! Component schemas derived from the Rust types the API serialises, with schemars.
//!
//! Why schemars: it emits JSON Schema 2020-12, the dialect OpenAPI 3.1 uses, and it reads the
//! same serde attributes the serialiser obeys (`rename`, `rename_all`, `skip_serializing_if`,
//! `with`), so a schema cannot drift from what the server writes. It needs no macros on the
//! routes, so the paths stay hand-written prose beside the handlers; utoipa would tie schemas to
//! its path macros and to OpenAPI's own schema object. Types opt in with the `schema` feature
//! of the crate that defines them.

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, SchemaGenerator};
use serde_json::{Map, Value};
use snapback_engine::Report;
use snapback_engine::capability::report::CapabilitiesReport;
use snapback_engine::fund::report::FundReport;
use snapback_engine::report::{
    ActivationReport, CharterInfo, ClaimReport, DecisionReport, ObligationReport, RejectedReport,
};
use snapback_ledger::cosign::Cosigned;
use snapback_log::sealed::{Sealed, SealedContent};

use crate::api::claims::PartyDetail;
use crate::api::entries::SubmitResult;
use crate::api::log::{ConsistencyProofJson, EntriesPage, InclusionProofJson, WitnessesReport};
use crate::evidence::ReleasedEvidence;
use crate::problem::ProblemJson;
use crate::views::{ClaimDetail, TransfersPage};

/// The derived component schemas, keyed by component name (`Claim`, `Decision`, …, and the
/// types they refer to), with references to `#/components/schemas/…`.
pub(super) fn derived_schemas() -> Map<String, Value> {
    let mut settings = SchemaSettings::draft2020_12().for_serialize();
    settings.definitions_path = "/components/schemas".into();
    settings.meta_schema = None;
    let mut generator = settings.into_generator();
    add::<ClaimReport>(&mut generator);
    add::<DecisionReport>(&mut generator);
    add::<ActivationReport>(&mut generator);
    add::<ObligationReport>(&mut generator);
    add::<RejectedReport>(&mut generator);
    add::<CharterInfo>(&mut generator);
    add::<FundReport>(&mut generator);
    add::<CapabilitiesReport>(&mut generator);
    add::<Report>(&mut generator);
    add::<ClaimDetail>(&mut generator);
    add::<PartyDetail>(&mut generator);
    add::<TransfersPage>(&mut generator);
    add::<SubmitResult>(&mut generator);
    add::<EntriesPage>(&mut generator);
    add::<WitnessesReport>(&mut generator);
    add::<InclusionProofJson>(&mut generator);
    add::<ConsistencyProofJson>(&mut generator);
    add::<Cosigned>(&mut generator);
    add::<ReleasedEvidence>(&mut generator);
    add::<Sealed>(&mut generator);
    add::<SealedContent>(&mut generator);
    add::<ProblemJson>(&mut generator);
    let mut schemas = generator.take_definitions(true);
    for schema in schemas.values_mut() {
        close_objects(schema);
    }
    schemas
}

fn add<T: JsonSchema>(generator: &mut SchemaGenerator) {
    // The reference it returns is not needed: the definition is what the document keeps.
    let _reference = generator.subschema_for::<T>();
}

/// What the server writes has exactly the properties its type declares: every object schema
/// says so (`additionalProperties: false`), as the hand-written schemas did, so a client
/// validating answers notices a field it does not know; and `required` lists are sorted.
fn close_objects(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            if map.contains_key("properties") && !map.contains_key("additionalProperties") {
                map.insert("additionalProperties".into(), Value::Bool(false));
            }
            // Sorted, so the document does not change when a field moves within its struct.
            if let Some(Value::Array(required)) = map.get_mut("required") {
                required.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
            }
            for value in map.values_mut() {
                close_objects(value);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(close_objects),
        _ => {}
    }
}
