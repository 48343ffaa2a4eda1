//! Input hygiene for free text: which characters a person-written string may not contain.
//!
//! Free text (summaries, motions, labels, names, descriptions) is shown on the dashboard, in
//! terminals, in logs and in other parties' systems. Control characters can rewrite a terminal
//! (ESC), truncate a string in C code (NUL) or forge a line in a log; bidirectional overrides and
//! isolates make text display in another order than it is stored ("Trojan Source",
//! CVE-2021-42574), so a summary could read differently from what was signed. They are refused
//! where text enters, with the field and the code point named:
//!
//! * every C0 control (U+0000 to U+001F) except, in multi-line text only, line feed (U+000A) and
//!   tab (U+0009); carriage return is refused (write line breaks as `\n`);
//! * DEL (U+007F) and every C1 control (U+0080 to U+009F);
//! * the bidirectional embeddings and overrides U+202A to U+202E and isolates U+2066 to U+2069;
//! * the line and paragraph separators U+2028 and U+2029 (line breaks to some readers, not to
//!   others).
//!
//! The invisible marks U+200E, U+200F and U+061C stay allowed: they do not reorder what follows
//! them beyond their own position and right-to-left text needs them.

/// Whether `text` may span lines (`\n` and `\t` allowed) or is a one-line label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// Summaries, motions, descriptions.
    Multi,
    /// Labels, names, categories, references, locations.
    Single,
}

/// The first character `text` may not contain, with its byte offset.
pub fn forbidden_char(text: &str, lines: Lines) -> Option<(usize, char)> {
    text.char_indices().find(|&(_, c)| is_forbidden(c, lines))
}

/// Whether `c` is refused in free text.
pub fn is_forbidden(c: char, lines: Lines) -> bool {
    match c {
        '\n' | '\t' => lines == Lines::Single,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}' => true,
        _ => false,
    }
}

/// What a forbidden character is, for an error message: `U+202E (a bidirectional override)`.
pub fn describe(c: char) -> String {
    let what = match c {
        '\u{0}' => "NUL",
        '\t' => "a tab",
        '\n' => "a line break",
        '\r' => "a carriage return",
        '\u{1b}' => "ESC",
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => "a control character",
        '\u{202a}'..='\u{202e}' => "a bidirectional embedding or override",
        '\u{2066}'..='\u{2069}' => "a bidirectional isolate",
        '\u{2028}' | '\u{2029}' => "a line or paragraph separator",
        _ => "a character not allowed here",
    };
    format!("U+{:04X} ({what})", u32::from(c))
}

/// The sentence saying what to do instead.
pub fn help(lines: Lines) -> &'static str {
    match lines {
        Lines::Multi => {
            "remove control characters and bidirectional overrides or isolates; line breaks (\\n) and tabs are allowed"
        }
        Lines::Single => {
            "write it on one line without control characters or bidirectional overrides or isolates"
        }
    }
}

/// Every string in a TOML document (a charter) with a forbidden character, as located
/// problems. Strings there may span lines (descriptions, titles).
pub fn check_table(table: &toml::Table) -> Vec<crate::Problem> {
    let mut problems = Vec::new();
    for (key, value) in table {
        check_value(value, &crate::FieldPath::root().key(key), &mut problems);
    }
    problems
}

fn check_value(value: &toml::Value, path: &crate::FieldPath, out: &mut Vec<crate::Problem>) {
    match value {
        toml::Value::String(s) => {
            if let Some((offset, c)) = forbidden_char(s, Lines::Multi) {
                out.push(
                    crate::Problem::new(
                        path.clone(),
                        format!("`{path}` contains {} at byte {offset}", describe(c)),
                    )
                    .help(help(Lines::Multi)),
                );
            }
        }
        toml::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                check_value(item, &path.index(i), out);
            }
        }
        toml::Value::Table(table) => {
            for (key, item) in table {
                check_value(item, &path.key(key), out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_bidi_characters_are_forbidden() {
        for c in [
            '\u{0}', '\u{1b}', '\r', '\u{7f}', '\u{85}', '\u{9f}', '\u{202a}', '\u{202e}',
            '\u{2066}', '\u{2069}', '\u{2028}', '\u{2029}',
        ] {
            assert!(is_forbidden(c, Lines::Multi), "{c:?}");
            assert!(is_forbidden(c, Lines::Single), "{c:?}");
        }
        for c in ['\n', '\t'] {
            assert!(!is_forbidden(c, Lines::Multi));
            assert!(is_forbidden(c, Lines::Single));
        }
        for c in ['a', ' ', 'é', 'ї', 'ش', '\u{200f}', '\u{a0}', '€'] {
            assert!(!is_forbidden(c, Lines::Single), "{c:?}");
        }
        assert_eq!(
            forbidden_char("ab\u{202e}c", Lines::Multi),
            Some((2, '\u{202e}'))
        );
        assert_eq!(
            describe('\u{202e}'),
            "U+202E (a bidirectional embedding or override)"
        );
        assert_eq!(describe('\u{0}'), "U+0000 (NUL)");
    }
}

#[cfg(test)]
mod charter_tests {
    use crate::Source;

    #[test]
    fn control_and_bidi_characters_in_a_charter_are_refused() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../scenarios/charters/five.toml"
        ))
        .unwrap();
        assert!(crate::load_toml(&Source::new("five.toml", text.clone())).is_ok());
        let bad = text.replacen("name = \"Ukraine\"", "name = \"Ukr\\u202eaine\"", 1);
        assert_ne!(bad, text);
        let e = crate::load_toml(&Source::new("five.toml", bad)).unwrap_err();
        let err = &e.errors[0];
        assert_eq!(
            err.path.as_ref().unwrap().to_string(),
            "party[0].name",
            "{err:?}"
        );
        assert!(err.message.contains("U+202E"), "{}", err.message);
    }
}
