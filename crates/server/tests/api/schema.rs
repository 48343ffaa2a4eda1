//! A small JSON Schema checker for the subset the OpenAPI document uses (`$ref`, `type`,
//! `properties`, `required`, `additionalProperties`, `items`, `enum`, `const`, `anyOf`), so the
//! tests can check the API's answers against the document.

use serde_json::Value;

/// Checks `value` against the component schema `name` of the document; panics naming the place.
#[track_caller]
pub fn check(value: &Value, name: &str) {
    let spec = snapback_server::openapi::spec();
    let schema = serde_json::json!({ "$ref": format!("#/components/schemas/{name}") });
    if let Err(e) = validate(&spec, &schema, value, "$") {
        panic!("the answer does not match schema {name}: {e}\n{value:#}");
    }
}

/// Checks `value` against `schema` (resolving references in `spec`).
pub fn validate(spec: &Value, schema: &Value, value: &Value, at: &str) -> Result<(), String> {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r
            .strip_prefix("#/components/schemas/")
            .ok_or_else(|| format!("{at}: unsupported $ref {r}"))?;
        let target = &spec["components"]["schemas"][name];
        if target.is_null() {
            return Err(format!("{at}: $ref to a missing schema {name}"));
        }
        return validate(spec, target, value, at);
    }
    if let Some(any) = schema.get("anyOf").and_then(Value::as_array) {
        if !any.iter().any(|s| validate(spec, s, value, at).is_ok()) {
            return Err(format!("{at}: matches none of anyOf: {value}"));
        }
        return Ok(());
    }
    if let Some(t) = schema.get("type") {
        let types: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => return Err(format!("{at}: bad type in schema")),
        };
        let ok = types.iter().any(|t| match *t {
            "null" => value.is_null(),
            "boolean" => value.is_boolean(),
            "integer" => value.is_u64() || value.is_i64(),
            "number" => value.is_number(),
            "string" => value.is_string(),
            "array" => value.is_array(),
            "object" => value.is_object(),
            _ => false,
        });
        if !ok {
            return Err(format!("{at}: {value} is not of type {t}"));
        }
    }
    if let Some(options) = schema.get("enum").and_then(Value::as_array)
        && !options.contains(value)
    {
        return Err(format!("{at}: {value} is not one of {options:?}"));
    }
    if let Some(c) = schema.get("const")
        && c != value
    {
        return Err(format!("{at}: {value} is not {c}"));
    }
    if let Some(items) = schema.get("items")
        && let Some(array) = value.as_array()
    {
        for (i, v) in array.iter().enumerate() {
            validate(spec, items, v, &format!("{at}[{i}]"))?;
        }
    }
    if let Some(object) = value.as_object() {
        let properties = schema.get("properties").and_then(Value::as_object);
        if let Some(required) = schema.get("required").and_then(Value::as_array) {
            for r in required.iter().filter_map(Value::as_str) {
                if !object.contains_key(r) {
                    return Err(format!("{at}: the required field `{r}` is missing"));
                }
            }
        }
        for (k, v) in object {
            match properties.and_then(|p| p.get(k)) {
                Some(s) => validate(spec, s, v, &format!("{at}.{k}"))?,
                None => {
                    if schema.get("additionalProperties") == Some(&Value::Bool(false)) {
                        return Err(format!("{at}: the field `{k}` is not documented"));
                    }
                }
            }
        }
    }
    Ok(())
}
