//! RFC 8785 JSON Canonicalization Scheme (JCS), for the JSON snapback signs and hashes.
//!
//! snapback's JSON holds strings, integers, booleans, null, arrays and objects; amounts are
//! decimal strings, never JSON numbers with fractions. So this implementation accepts integers
//! in the exactly representable range (|n| <= 2^53 - 1, where RFC 8785's ECMAScript number
//! formatting prints the plain integer) and refuses every other number rather than formatting
//! floats. Everything else follows RFC 8785 §3.2: no white space; object members sorted by the
//! UTF-16 code units of their names; strings escaped as ECMAScript's JSON.stringify does (`\"`,
//! `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other control characters as `\u00xx` with lowercase hex,
//! everything else literally in UTF-8).
//!
//! No crate was used: the crates that exist format floats through their own number printers,
//! which snapback never needs, and the integer-only subset is short enough to check by eye.

use serde::Serialize;
use serde_json::Value;

/// The largest integer RFC 8785 (ECMAScript numbers) represents exactly.
pub const INTEGER_MAX: i64 = (1 << 53) - 1;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CanonicalError {
    #[error(
        "the number {0} is not an integer within ±(2^53 - 1); snapback writes such values as strings"
    )]
    Number(String),
    #[error("the value cannot be represented as JSON: {0}")]
    Serialize(String),
}

/// The canonical bytes of a JSON value.
pub fn canonical(value: &Value) -> Result<Vec<u8>, CanonicalError> {
    let mut out = Vec::with_capacity(256);
    write_value(value, &mut out)?;
    Ok(out)
}

/// The canonical bytes of any serialisable value (through `serde_json::Value`).
pub fn canonical_of<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, CanonicalError> {
    let v = serde_json::to_value(value).map_err(|e| CanonicalError::Serialize(e.to_string()))?;
    canonical(&v)
}

fn write_value(value: &Value, out: &mut Vec<u8>) -> Result<(), CanonicalError> {
    match value {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(true) => out.extend_from_slice(b"true"),
        Value::Bool(false) => out.extend_from_slice(b"false"),
        Value::Number(n) => {
            let int = n
                .as_i64()
                .filter(|i| i.unsigned_abs() <= INTEGER_MAX as u64)
                .ok_or_else(|| CanonicalError::Number(n.to_string()))?;
            out.extend_from_slice(int.to_string().as_bytes());
        }
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_value(item, out)?;
            }
            out.push(b']');
        }
        Value::Object(map) => {
            let mut members: Vec<(&String, &Value)> = map.iter().collect();
            // RFC 8785 §3.2.3: sort by the UTF-16 code units of the names.
            members.sort_by(|(a, _), (b, _)| a.encode_utf16().cmp(b.encode_utf16()));
            out.push(b'{');
            for (i, (name, member)) in members.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_string(name, out);
                out.push(b':');
                write_value(member, out)?;
            }
            out.push(b'}');
        }
    }
    Ok(())
}

fn write_string(s: &str, out: &mut Vec<u8>) {
    out.push(b'"');
    for c in s.chars() {
        match c {
            '"' => out.extend_from_slice(b"\\\""),
            '\\' => out.extend_from_slice(b"\\\\"),
            '\u{08}' => out.extend_from_slice(b"\\b"),
            '\u{0c}' => out.extend_from_slice(b"\\f"),
            '\n' => out.extend_from_slice(b"\\n"),
            '\r' => out.extend_from_slice(b"\\r"),
            '\t' => out.extend_from_slice(b"\\t"),
            c if (c as u32) < 0x20 => {
                out.extend_from_slice(format!("\\u{:04x}", c as u32).as_bytes())
            }
            c => {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(json: &str) -> String {
        let v: Value = serde_json::from_str(json).expect("json");
        String::from_utf8(canonical(&v).expect("canonical")).expect("utf-8")
    }

    #[test]
    fn rfc8785_sorting_example() {
        // RFC 8785 §3.2.3: property names sorted by UTF-16 code units (the emoji's surrogates
        // sort before U+FB33, although its code point is larger).
        let input = r#"{"\u20ac":"Euro Sign","\r":"Carriage Return","\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","\ud83d\ude00":"Emoji: Grinning Face","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis"}"#;
        let out = canon(input);
        let names: Vec<&str> = [
            "\\r",
            "1",
            "\u{80}",
            "\u{f6}",
            "\u{20ac}",
            "\u{1f600}",
            "\u{fb33}",
        ]
        .to_vec();
        let mut at = 0;
        for n in names {
            let needle = format!("\"{n}\":");
            let pos = out[at..]
                .find(&needle)
                .map(|p| p + at)
                .unwrap_or_else(|| panic!("{n} after {at} in {out}"));
            at = pos + needle.len();
        }
    }

    #[test]
    fn rfc8785_string_and_literals_example() {
        // RFC 8785 §3.2.2, without its floating-point numbers (which snapback refuses).
        let input = r#"{"string":"\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/","literals":[null,true,false]}"#;
        assert_eq!(
            canon(input),
            r#"{"literals":[null,true,false],"string":"€$\u000f\nA'B\"\\\\\"/"}"#
        );
    }

    #[test]
    fn integers_are_plain_and_floats_are_refused() {
        assert_eq!(
            canon(r#"{"b":-12,"a":[0,9007199254740991]}"#),
            r#"{"a":[0,9007199254740991],"b":-12}"#
        );
        let v: Value = serde_json::from_str("[1.5]").expect("json");
        assert!(matches!(canonical(&v), Err(CanonicalError::Number(_))));
        let v: Value = serde_json::from_str("[9007199254740992]").expect("json");
        assert!(matches!(canonical(&v), Err(CanonicalError::Number(_))));
    }

    #[test]
    fn canonical_output_is_stable_under_reparsing() {
        let once = canon(r#"{ "z": {"y": [ "\u0001", true ] }, "a" : null }"#);
        assert_eq!(canon(&once), once);
        assert_eq!(once, "{\"a\":null,\"z\":{\"y\":[\"\\u0001\",true]}}");
    }
}
