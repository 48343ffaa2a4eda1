//! JSON Schemas for values the engine's types serialise by hand (feature `schema`): instants and
//! decimal amounts are strings. Used through `#[schemars(with = …)]` on the fields that carry
//! them, so the derived schema says what the serialiser really writes.

/// Declares a unit struct whose JSON Schema is `$schema`, written in place wherever a field
/// names it with `#[schemars(with = …)]` (no component of its own). The crate using it depends
/// on `schemars`.
#[macro_export]
macro_rules! inline_schema {
    ($(#[$doc:meta])* $name:ident, $schema:tt) => {
        $(#[$doc])*
        #[derive(Debug)]
        pub struct $name;

        impl schemars::JsonSchema for $name {
            fn inline_schema() -> bool {
                true
            }

            fn schema_name() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed(stringify!($name))
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!($schema)
            }
        }
    };
}

inline_schema!(
    /// An instant: RFC 3339 in UTC with `Z` (`instant_serde`).
    Instant,
    { "type": "string", "format": "date-time", "description": "RFC 3339 UTC with `Z`" }
);

inline_schema!(
    /// A decimal amount written as a string (`rust_decimal`'s `serde-str`), never a float.
    DecimalString,
    { "type": "string", "description": "A decimal number, as a string." }
);
