//! The server's top-level modules form layers, not circles: each file of `src/` belongs to its
//! top-level module (`dashboard/fund.rs` to `dashboard`), every `crate::<module>` it names is an
//! edge, and no chain of edges between different modules comes back to where it started (e.g.
//! `app` imports `api` and `dashboard` for the routes; they import `state`, never `app`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file of production code under `dir`, recursively: a unit-test module kept in its
/// own file (`tests.rs`, or a `tests/` folder) is test code, like an inline `#[cfg(test)]` one.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let is_tests = path.file_stem().is_some_and(|n| n == "tests");
        if is_tests {
            continue;
        }
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file of `src/` belongs to (`None`: the crate root, `lib.rs`).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel.components().next()?.as_os_str().to_str()?.to_owned();
    let name = first.strip_suffix(".rs").unwrap_or(&first).to_owned();
    (name != "lib" && name != "main").then_some(name)
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The top-level modules a source text names as `crate::<module>` or inside
/// `crate::{<module>, <module>::..., ...}`. Comment lines are skipped (a doc link is no import),
/// and so is a file's test module, from its `#[cfg(test)]` on (a unit test may start the whole
/// app).
fn references(source: &str) -> BTreeSet<String> {
    let source = source
        .find("#[cfg(test)]")
        .map_or(source, |at| &source[..at]);
    let code: String = source
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = BTreeSet::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        let preceded_by_ident = rest[..at].chars().next_back().is_some_and(is_ident);
        rest = &rest[at + "crate::".len()..];
        if preceded_by_ident {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            // Up to the matching brace; each item at depth 0 starts with a module name.
            let mut depth = 0usize;
            let mut item_start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        rest = &group[i..];
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if item_start && is_ident(c) => {
                        let name: String =
                            group[i..].chars().take_while(|&c| is_ident(c)).collect();
                        if name != "self" {
                            out.insert(name);
                        }
                        item_start = false;
                    }
                    _ => {}
                }
            }
        } else {
            let name: String = rest.chars().take_while(|&c| is_ident(c)).collect();
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

/// A cycle in `graph`, as the modules along it (first repeated at the end), if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        done: &mut BTreeSet<String>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(pos) = path.iter().position(|n| n == node) {
            let mut cycle = path[pos..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, done, path) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut done, &mut Vec::new()))
}

/// The import graph between the server's top-level modules.
fn server_graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let Some(module) = module_of(&src, file) else {
            continue;
        };
        let source = std::fs::read_to_string(file).unwrap();
        let edges = graph.entry(module.clone()).or_default();
        edges.extend(references(&source).into_iter().filter(|m| *m != module));
    }
    graph
}

#[test]
fn server_modules_import_each_other_without_cycles() {
    let graph = server_graph();
    // The reading sees the modules it must: a broken reading would find no cycle anywhere.
    assert!(graph.get("app").is_some_and(|e| e.contains("api")));
    assert!(graph.get("api").is_some_and(|e| e.contains("state")));
    // The handlers and the dashboard sit side by side: both read `state` and `views`, neither
    // imports the other nor the app that routes to them.
    for (module, forbidden) in [
        ("api", "app"),
        ("api", "dashboard"),
        ("dashboard", "api"),
        ("dashboard", "app"),
        ("views", "state"),
    ] {
        assert!(
            !graph[module].contains(forbidden),
            "`{module}` imports `{forbidden}`"
        );
    }
    if let Some(cycle) = find_cycle(&graph) {
        panic!(
            "the server's modules import each other in a circle: {}",
            cycle.join(" → ")
        );
    }
}

#[test]
fn the_reading_finds_imports_and_cycles() {
    let refs = references(
        "use crate::{api, cosign::x, dashboard::{a, b}};\n// crate::docs\nlet x = crate::state::AppState; snapback_crate::no;\n#[cfg(test)]\nmod tests { use crate::app; }",
    );
    assert_eq!(
        refs.into_iter().collect::<Vec<_>>(),
        ["api", "cosign", "dashboard", "state"]
    );
    let graph: BTreeMap<String, BTreeSet<String>> =
        [("a", vec!["b"]), ("b", vec!["c"]), ("c", vec!["a"])]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.into_iter().map(str::to_owned).collect()))
            .collect();
    assert_eq!(find_cycle(&graph).unwrap(), ["a", "b", "c", "a"]);
}
