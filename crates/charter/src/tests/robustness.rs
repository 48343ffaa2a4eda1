//! Robustness: no input makes the loader panic, and every error points inside the text.

use proptest::prelude::*;

use super::{REFERENCE, load};

/// The reference charter with one line removed, duplicated, or with a character replaced.
fn mutated_reference() -> impl Strategy<Value = String> {
    let lines: Vec<String> = REFERENCE.lines().map(str::to_owned).collect();
    let n = lines.len();
    (0..n, 0..3u8, any::<char>(), 0..80usize).prop_map(move |(i, op, c, at)| {
        let mut l = lines.clone();
        match op {
            0 => {
                l.remove(i);
            }
            1 => {
                let line = l[i].clone();
                l.insert(i, line);
            }
            _ => {
                let mut chars: Vec<char> = l[i].chars().collect();
                if !chars.is_empty() {
                    let k = at % chars.len();
                    chars[k] = c;
                }
                l[i] = chars.into_iter().collect();
            }
        }
        l.join("\n")
    })
}

fn check(text: &str) {
    if let Err(d) = load(text) {
        assert!(!d.errors.is_empty());
        let lines = text.lines().count().max(1);
        for e in &d.errors {
            assert!(
                e.line >= 1 && e.line <= lines + 1,
                "line {} of {lines}: {e}",
                e.line
            );
            assert!(e.col >= 1, "{e}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn mutated_reference_charters_load_or_fail_with_located_errors(text in mutated_reference()) {
        check(&text);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        let _ = load(&text);
    }

    #[test]
    fn toml_shaped_noise_never_panics(text in "(\\[\\[?[a-z.]{1,12}\\]\\]?\n|[a-z_]{1,12} = (\"[^\"\n]{0,12}\"|[0-9]{1,4}|\\[\\]|\\{\\}|2026-01-01T00:00:00Z)\n){0,30}") {
        let _ = load(&text);
    }
}
