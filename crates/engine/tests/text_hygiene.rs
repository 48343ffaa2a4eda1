//! Issue 11: free-text fields accepted NUL, ESC and bidirectional overrides. They are refused
//! where events are read, with the field and the code point named; multi-line text keeps `\n`
//! and tabs, labels do not.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use snapback_charter::Source;
use snapback_engine::parse_scenario;

const CHARTER: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../scenarios/charters/five.toml"
);

/// A scenario with one claim whose `field` is the TOML basic string `value` (escapes allowed).
fn scenario(field: &str, value: &str) -> String {
    let mut fields = vec![
        ("category", "\"shelling\"".to_owned()),
        ("summary", "\"Shelling of a village\"".to_owned()),
        ("location", "\"Zaporizhzhia\"".to_owned()),
    ];
    for f in &mut fields {
        if f.0 == field {
            f.1 = format!("\"{value}\"");
        }
    }
    let mut text = format!(
        "charter = \"{CHARTER}\"\n\n[[event]]\nat = 2026-01-01T00:00:00Z\nparty = \"UA\"\ntype = \"claim.filed\"\nclaim = \"C1\"\nseverity = 2\n"
    );
    for (k, v) in fields {
        text.push_str(&format!("{k} = {v}\n"));
    }
    text
}

fn refused(field: &str, value: &str, code_point: &str) {
    let text = scenario(field, value);
    let e = parse_scenario(&Source::new("s.toml", text))
        .expect_err(&format!("{field} = {value:?} is refused"));
    let err = &e.errors[0];
    assert_eq!(
        err.path.as_ref().unwrap().to_string(),
        format!("event[0].{field}"),
        "{err:?}"
    );
    assert!(err.message.contains(code_point), "{}", err.message);
    assert!(err.message.contains(field), "{}", err.message);
}

#[test]
fn control_and_bidi_characters_in_free_text_are_refused() {
    refused("summary", "a\\u0000b", "U+0000");
    refused("summary", "\\u001b[31mred", "U+001B");
    refused("summary", "paid \\u202egnp.exe", "U+202E");
    refused("summary", "x\\u2066y\\u2069", "U+2066");
    refused("summary", "line\\r\\nbreak", "U+000D");
    refused("summary", "c1 \\u0085", "U+0085");
    refused("summary", "sep\\u2028arator", "U+2028");
    refused("category", "shell\\u202ding", "U+202D");
    refused("location", "Kyiv\\u0007", "U+0007");
    // Labels are one line.
    refused("location", "Kyiv\\nOdesa", "U+000A");
    refused("category", "a\\tb", "U+0009");
}

#[test]
fn multi_line_text_and_right_to_left_text_are_kept() {
    for (field, value) in [
        ("summary", "first line\\nsecond line\\twith a tab"),
        ("summary", "Обстріл села; قصف \\u200f; ≠ €"),
        ("location", "Запоріжжя"),
    ] {
        let text = scenario(field, value);
        parse_scenario(&Source::new("s.toml", text))
            .unwrap_or_else(|e| panic!("{field} = {value:?}: {e}"));
    }
}
