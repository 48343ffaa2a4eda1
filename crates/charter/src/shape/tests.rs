//! The lenient reader's mechanism: kinds of file, text that is not TOML, paths after dropped
//! items, and the bound on collected errors. Charters read through it are tested in
//! `crate::tests::collect`.

use super::*;

fn doc_kind(text: &str) -> Option<DocumentKind> {
    let doc = DeTable::parse(text).ok()?;
    DocumentKind::of(doc.get_ref()).map(|(kind, _)| kind)
}

#[test]
fn kinds_are_told_by_their_top_level_keys() {
    assert_eq!(
        doc_kind("[charter]\nid = \"x\"\n"),
        Some(DocumentKind::Charter)
    );
    assert_eq!(
        doc_kind("[[party]]\nid = \"UA\"\n"),
        Some(DocumentKind::Charter)
    );
    assert_eq!(
        doc_kind("charter = \"c.toml\"\n[[event]]\n"),
        Some(DocumentKind::Scenario)
    );
    assert_eq!(
        doc_kind("charter = [\"a.toml\", \"b.toml\"]\n"),
        Some(DocumentKind::Scenario)
    );
    assert_eq!(
        doc_kind("[simulation]\ncharter = \"c.toml\"\n"),
        Some(DocumentKind::SimulationConfig)
    );
    assert_eq!(doc_kind("title = \"t\"\n"), None);
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Pair {
    #[allow(dead_code)]
    a: u32,
    #[allow(dead_code)]
    #[serde(default)]
    b: Option<u32>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Doc {
    #[allow(dead_code)]
    charter: Pair,
    #[allow(dead_code)]
    #[serde(default)]
    party: Vec<Pair>,
}

fn read(text: &str, expected: DocumentKind) -> Shaped<Doc> {
    read_toml(&Source::new("t.toml", text), expected, &|_, _, keys| keys)
}

#[test]
fn a_file_of_another_kind_is_named_as_such_at_its_telling_key() {
    let shaped = read(
        "# a scenario\ncharter = \"c.toml\"\n[[event]]\n",
        DocumentKind::Charter,
    );
    assert!(shaped.value.is_none());
    assert_eq!(shaped.errors.len(), 1);
    let e = &shaped.errors[0];
    assert_eq!((e.line, e.col), (2, 1));
    assert_eq!(e.message, "this is a scenario, not a charter");
    assert!(
        e.help
            .as_deref()
            .is_some_and(|h| h.contains("snapback replay")),
        "{e}"
    );
    let shaped = read("[simulation]\nruns = 3\n", DocumentKind::Scenario);
    assert_eq!(
        shaped.errors[0].message,
        "this is a simulation config, not a scenario"
    );
}

#[test]
fn json_and_csv_are_named_and_other_syntax_errors_stay_located() {
    let json = read("{\n  \"charter\": {}\n}\n", DocumentKind::Charter);
    assert_eq!(
        json.errors[0].message,
        "this file is JSON, not TOML; a charter is a TOML file"
    );
    let json_list = read("[{\"a\": 1}]\n", DocumentKind::Scenario);
    assert!(json_list.errors[0].message.starts_with("this file is JSON"));
    let csv = read(
        "date,area,count\n2026-01-01,east,3\n",
        DocumentKind::Charter,
    );
    assert_eq!(
        csv.errors[0].message,
        "this file is CSV, not TOML; a charter is a TOML file"
    );
    assert_eq!((csv.errors[0].line, csv.errors[0].col), (1, 1));
    let broken = read("[charter]\na = \"open\n", DocumentKind::Charter);
    assert_eq!(broken.errors[0].line, 2);
    assert!(!broken.errors[0].message.contains("not TOML"));
}

#[test]
fn every_error_of_every_item_is_found_and_only_broken_items_are_dropped() {
    let text = "[charter]\na = 1\n\n[[party]]\na = 1\nzzz = 2\n\n[[party]]\na = \"x\"\nb = \"y\"\n\n[[party]]\na = 3\n";
    let shaped = read(text, DocumentKind::Charter);
    let found: Vec<(usize, &str)> = shaped
        .errors
        .iter()
        .map(|e| (e.line, e.message.as_str()))
        .collect();
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(found.contains(&(6, "unknown field `zzz`")), "{found:?}");
    assert!(
        found
            .iter()
            .any(|(l, m)| *l == 9 && m.starts_with("invalid type")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(l, m)| *l == 10 && m.starts_with("invalid type")),
        "{found:?}"
    );
    // `a` was refused in the second party: its absence is not a second error.
    assert!(
        !found.iter().any(|(_, m)| m.contains("missing")),
        "{found:?}"
    );
    // The first party only had a key too many: it stays, as written without it. The second
    // is left out, and the value's party[1] is the document's party[2].
    let value = shaped.value.expect("the charter and two parties parsed");
    assert_eq!(value.party.len(), 2);
    let path = FieldPath::of(&["party"]).index(1).key("a");
    assert_eq!(
        shaped.dropped.original_path(&path).to_string(),
        "party[2].a"
    );
    let first = FieldPath::of(&["party"]).index(0);
    assert_eq!(shaped.dropped.original_path(&first).to_string(), "party[0]");
}

#[test]
fn a_broken_required_table_leaves_no_value_but_all_its_errors() {
    let shaped = read("[charter]\na = \"x\"\nzzz = 1\n", DocumentKind::Charter);
    assert!(shaped.value.is_none());
    let lines: Vec<usize> = shaped.errors.iter().map(|e| e.line).collect();
    assert_eq!(lines.len(), 2, "{:?}", shaped.errors);
    assert!(lines.contains(&2) && lines.contains(&3));
}

#[test]
fn collection_stops_at_a_bound_and_says_so() {
    let mut text = String::from("[charter]\na = 1\n");
    for i in 0..(SHAPE_ERRORS_MAX + 20) {
        text.push_str(&format!("x{i} = 1\n"));
    }
    let shaped = read(&text, DocumentKind::Charter);
    assert_eq!(shaped.errors.len(), SHAPE_ERRORS_MAX + 1);
    let last = shaped.errors.last().map(|e| e.message.as_str());
    assert_eq!(
        last,
        Some("more than 100 problems; the rest are not listed")
    );
}
