//! The checks that keep a catalog's languages in step, for each owning crate's tests: every file
//! loads, both define the same messages with the same attributes, and every message the code asks
//! for exists. Each returns the problems found, one line each, naming the file and the fix.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_syntax::ast::Entry;

use crate::{Catalog, Lang};

/// Message id (terms as `-id`) → its attribute names, as a file defines them.
pub fn messages(path: &str, source: &str) -> Result<BTreeMap<String, BTreeSet<String>>, String> {
    let resource = fluent_syntax::parser::parse(source).map_err(|(_, errors)| {
        let first = errors.first();
        let (line, column) = first.map_or((1, 1), |e| crate::line_column(source, e.pos.start));
        format!("{path}:{line}:{column}: {:?}", first.map(|e| &e.kind))
    })?;
    let mut out = BTreeMap::new();
    for entry in resource.body {
        let (id, attributes) = match entry {
            Entry::Message(m) => (m.id.name.to_owned(), m.attributes),
            Entry::Term(t) => (format!("-{}", t.id.name), t.attributes),
            _ => continue,
        };
        let names = attributes.iter().map(|a| a.id.name.to_owned()).collect();
        if out.insert(id.clone(), names).is_some() {
            return Err(format!("{path}: `{id}` is defined twice"));
        }
    }
    Ok(out)
}

/// The problems with `catalog`: a file that does not load, or a message (or attribute) one
/// language defines and the other does not. Empty when the catalog is sound.
pub fn consistent(catalog: &Catalog) -> Vec<String> {
    let mut problems = Vec::new();
    let mut defined = Vec::new();
    for lang in Lang::ALL {
        if let Err(e) = catalog.load(lang) {
            problems.push(e.to_string());
        }
        let file = catalog.file(lang);
        match messages(file.path, file.source) {
            Ok(m) => defined.push((lang, file.path, m)),
            Err(e) => problems.push(e),
        }
    }
    for (lang, path, ids) in &defined {
        for (other_lang, other_path, other) in &defined {
            if lang == other_lang {
                continue;
            }
            for (id, attributes) in ids {
                match other.get(id) {
                    None => problems.push(format!(
                        "{other_path} lacks `{id}`, which {path} defines: add it"
                    )),
                    Some(theirs) if lang < other_lang && theirs != attributes => {
                        problems.push(format!(
                            "`{id}` has attributes {attributes:?} in {path} but {theirs:?} in {other_path}"
                        ))
                    }
                    Some(_) => {}
                }
            }
        }
    }
    problems
}

/// The literal message ids passed to any of `calls` (such as `msg(`, `msg_args(`) in the `.rs`
/// file `path` or the files under it, `tests` folders and `tests.rs`/`tests_*.rs` files left
/// out, each with the first place
/// (`path:line`) it is used.
pub fn ids_in_sources(path: &Path, calls: &[&str]) -> Result<BTreeMap<String, String>, String> {
    let mut out = BTreeMap::new();
    if path.is_file() {
        scan(path, calls, &mut out)?;
    } else {
        walk(path, calls, &mut out)?;
    }
    Ok(out)
}

fn walk(dir: &Path, calls: &[&str], out: &mut BTreeMap<String, String>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "tests") {
                walk(&path, calls, out)?;
            }
            continue;
        }
        // Test files name ids to check them, not to show them.
        let test_file = path
            .file_stem()
            .and_then(|stem| stem.to_str())
            .is_some_and(|stem| stem == "tests" || stem.starts_with("tests_"));
        if path.extension().is_some_and(|e| e == "rs") && !test_file {
            scan(&path, calls, out)?;
        }
    }
    Ok(())
}

fn scan(path: &Path, calls: &[&str], out: &mut BTreeMap<String, String>) -> Result<(), String> {
    {
        let source =
            std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        for call in calls {
            // `msg("id"` and `msg(\n    "id"` alike: rustfmt moves long calls' ids to a line of
            // their own.
            let call = call.trim_end_matches('"');
            for (at, _) in source.match_indices(call) {
                let rest = source[at + call.len()..].trim_start();
                let Some(rest) = rest.strip_prefix('"') else {
                    continue;
                };
                let Some(end) = rest.find('"') else {
                    continue;
                };
                let line = source[..at].matches('\n').count() + 1;
                out.entry(rest[..end].to_owned())
                    .or_insert_with(|| format!("{}:{line}", path.display()));
            }
        }
    }
    Ok(())
}

/// The ids `used` (from [`ids_in_sources`]) that a language of `catalog` does not define.
pub fn missing(catalog: &Catalog, used: &BTreeMap<String, String>) -> Vec<String> {
    let mut problems = Vec::new();
    for lang in Lang::ALL {
        let file = catalog.file(lang);
        let defined = match messages(file.path, file.source) {
            Ok(m) => m,
            Err(e) => {
                problems.push(e);
                continue;
            }
        };
        for (id, place) in used {
            if !defined.contains_key(id) {
                problems.push(format!("{place}: `{id}` is not in {}", file.path));
            }
        }
    }
    problems
}

/// The words of `words` that stand alone in `text` (cut at every character that is not a letter
/// or digit): the tests' check that a translated text shows none of a language's words.
pub fn standalone_words<'w>(text: &str, words: &[&'w str]) -> Vec<&'w str> {
    words
        .iter()
        .copied()
        .filter(|word| {
            text.split(|c: char| !c.is_alphanumeric())
                .any(|w| w == *word)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::LocaleFile;

    static UNEVEN: Catalog = Catalog::new(
        LocaleFile {
            path: "en/x.ftl",
            source: "a = A\n    .title = T\nb = B\n",
        },
        LocaleFile {
            path: "uk/x.ftl",
            source: "a = А\nc = В\n",
        },
    );

    #[test]
    fn standalone_words_are_whole_words_only() {
        let found = standalone_words("Голоси: «за» — 3; votes (votes)", &["votes", "vote", "за"]);
        assert_eq!(found, ["votes", "за"]);
    }

    #[test]
    fn uneven_files_are_reported_both_ways() {
        let problems = consistent(&UNEVEN);
        assert!(
            problems.iter().any(|p| p.contains("uk/x.ftl lacks `b`")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("en/x.ftl lacks `c`")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("`a` has attributes")),
            "{problems:?}"
        );
        assert_eq!(problems.len(), 3, "{problems:?}");
    }

    #[test]
    fn ids_used_in_code_are_found_and_missing_ones_named() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let used = ids_in_sources(&dir, &["msg(\""]).unwrap();
        // The crate's own tests (lib.rs) ask for this one through `msg("`.
        assert!(used.contains_key("only-english"), "{used:?}");
        let missing = missing(&UNEVEN, &used);
        assert!(
            missing
                .iter()
                .any(|p| p.contains("`only-english` is not in en/x.ftl"))
        );
    }
}
