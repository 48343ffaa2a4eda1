//! The server crate's modules import each other without circles, and the dashboard never
//! reaches into the API: read from the sources, so a new `use` that closes a loop fails here,
//! naming it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Top-level module → the top-level modules its production code names as `crate::…`.
type Graph = BTreeMap<String, BTreeSet<String>>;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            // Unit-test folders are test code: they may import anything.
            if path.file_name().is_some_and(|n| n != "tests") {
                rust_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs")
            && path.file_name().is_some_and(|n| n != "tests.rs")
        {
            out.push(path);
        }
    }
}

/// The module names after `crate::` in `code` (comments removed, test modules cut off).
fn crate_references(code: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let production = code.split("#[cfg(test)]").next().unwrap_or("");
    let mut found = BTreeSet::new();
    for line in production.lines() {
        let line = line.split("//").next().unwrap_or("");
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if modules.contains(&name) {
                found.insert(name);
            }
            // `use crate::{a, b::c}`: every top-level name in the braces.
            if let Some(group) = rest.strip_prefix('{') {
                for part in group.split(['}', ',']) {
                    let name = part.trim().split("::").next().unwrap_or("").trim();
                    if modules.contains(name) {
                        found.insert(name.to_owned());
                    }
                }
            }
        }
    }
    found
}

fn graph() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let modules: BTreeSet<String> = std::fs::read_dir(&src)
        .unwrap()
        .filter_map(|e| {
            let path = e.unwrap().path();
            let stem = path.file_stem()?.to_str()?.to_owned();
            (stem != "lib").then_some(stem)
        })
        .collect();
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut graph = Graph::new();
    for file in files {
        let relative = file.strip_prefix(&src).unwrap();
        let top = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_str()
            .unwrap()
            .trim_end_matches(".rs")
            .to_owned();
        if top == "lib" {
            continue;
        }
        let code = std::fs::read_to_string(&file).unwrap();
        let refs = crate_references(&code, &modules);
        let entry = graph.entry(top.clone()).or_default();
        entry.extend(refs.into_iter().filter(|m| *m != top));
    }
    graph
}

/// A circle through `start`, if there is one (depth-first search back to it).
fn circle_through(graph: &Graph, start: &str) -> Option<Vec<String>> {
    fn walk(
        graph: &Graph,
        start: &str,
        at: &str,
        path: &mut Vec<String>,
        seen: &mut BTreeSet<String>,
    ) -> bool {
        for next in graph.get(at).into_iter().flatten() {
            if next == start {
                path.push(next.clone());
                return true;
            }
            if seen.insert(next.clone()) {
                path.push(next.clone());
                if walk(graph, start, next, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    let mut path = vec![start.to_owned()];
    walk(graph, start, start, &mut path, &mut BTreeSet::new()).then_some(path)
}

#[test]
fn the_server_crate_has_no_import_circle() {
    let graph = graph();
    assert!(graph.len() > 10, "read too few modules: {graph:?}");
    for module in graph.keys() {
        if let Some(circle) = circle_through(&graph, module) {
            panic!(
                "import circle: {} (move the shared part into a module both can import, e.g. views or state)",
                circle.join(" → ")
            );
        }
    }
}

#[test]
fn the_dashboard_and_the_api_meet_only_in_views_and_state() {
    let graph = graph();
    let dashboard = &graph["dashboard"];
    for forbidden in ["api", "app"] {
        assert!(
            !dashboard.contains(forbidden),
            "the dashboard imports {forbidden}: what both need belongs in views or state"
        );
    }
    assert!(
        !graph["api"].contains("dashboard"),
        "the API imports the dashboard"
    );
    for read_model_user in ["state", "views"] {
        for forbidden in ["api", "dashboard", "app"] {
            assert!(
                !graph[read_model_user].contains(forbidden),
                "{read_model_user} imports {forbidden}"
            );
        }
    }
}

#[test]
fn a_planted_circle_is_found() {
    // The check itself can fail: a two-module loop is reported with its path.
    let mut graph = Graph::new();
    graph.entry("a".into()).or_default().insert("b".into());
    graph.entry("b".into()).or_default().insert("a".into());
    graph.entry("c".into()).or_default().insert("a".into());
    assert_eq!(
        circle_through(&graph, "a"),
        Some(vec!["a".to_owned(), "b".to_owned(), "a".to_owned()])
    );
    assert_eq!(circle_through(&graph, "c"), None);
    let modules: BTreeSet<String> = ["api", "views"].map(String::from).into();
    assert_eq!(
        crate_references("use crate::{api::x, views};\n// crate::nothing", &modules),
        modules
    );
}
