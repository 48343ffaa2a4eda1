//! Reading a TOML document into its serde types while collecting *every* shape error (unknown
//! keys, wrong types, bad values), not only the first.
//!
//! serde stops at the first error, so the document is read repeatedly: each error is located in
//! the spanned document (`DeTable`), reported, and the offending entry or array element is taken
//! out before the next attempt. The serde types stay the one source of truth for what is allowed
//! (`deny_unknown_fields`): the keys valid at a place are read from serde's own "unknown field"
//! error, never from a list kept beside the struct. A "missing field" that an earlier error
//! explains (the key was refused, or a misspelling of it was found) is a follow-on and is not
//! reported.
//!
//! The value is then read once more without every top-level item that had an error (a table, or
//! one element of a top-level array such as one `[[party]]`), so later checks run on everything
//! that did parse; [`Dropped`] tells them what was left out, so a reference to a dropped item is
//! not reported as unknown, and maps paths back to the document's own indices.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

use crate::diag::{FieldPath, PathSeg, Source, SourceError, hint_for_serde_message};
use crate::suggest::{did_you_mean, unknown_name_help};

/// The most shape errors collected from one document; beyond it the reader stops and says so.
pub const SHAPE_ERRORS_MAX: usize = 100;

/// The kinds of TOML file snapback reads, told apart by their distinctive top-level keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// `[charter]`, `[verification]`, `[[party]]`, `[[body]]`, ...
    Charter,
    /// `charter = "path"` and `[[event]]`.
    Scenario,
    /// `[simulation]` and `[adversary]`.
    SimulationConfig,
}

impl DocumentKind {
    /// The kind a document's top-level keys show, with the key that shows it; `None` when no
    /// distinctive key is present.
    pub fn of(doc: &DeTable<'_>) -> Option<(Self, Range<usize>)> {
        let key = |name: &str| doc.get_key_value(name).map(|(k, v)| (k.span(), v));
        for name in ["simulation", "adversary"] {
            if let Some((at, _)) = key(name) {
                return Some((Self::SimulationConfig, at));
            }
        }
        if let Some((at, value)) = key("charter") {
            return match value.get_ref() {
                DeValue::Table(_) => Some((Self::Charter, at)),
                _ => Some((Self::Scenario, at)),
            };
        }
        if let Some((at, _)) = key("event") {
            return Some((Self::Scenario, at));
        }
        ["verification", "party", "body", "tier", "package"]
            .into_iter()
            .find_map(|name| key(name).map(|(at, _)| (Self::Charter, at)))
    }

    fn noun(self) -> &'static str {
        match self {
            Self::Charter => "a charter",
            Self::Scenario => "a scenario",
            Self::SimulationConfig => "a simulation config",
        }
    }

    /// Which command reads a file of this kind.
    fn reader(self) -> &'static str {
        match self {
            Self::Charter => {
                "check a charter with `snapback charter check FILE`; a scenario names its charter \
                 with `charter = \"path/to/charter.toml\"`, a simulation config in \
                 `[simulation] charter = ...`"
            }
            Self::Scenario => {
                "run a scenario with `snapback replay FILE` (or `explain`, `measures`); \
                 `snapback charter check` takes the charter it names in `charter = ...`"
            }
            Self::SimulationConfig => {
                "run a simulation config with `snapback simulate FILE`; `snapback charter \
                 check` takes the charter it names in `[simulation] charter = ...`"
            }
        }
    }
}

/// What a lenient read found: the value when everything it needs parsed, and every shape error.
#[derive(Debug)]
pub struct Shaped<T> {
    /// The document without the items that failed (see [`Dropped`]); `None` when a part the
    /// type requires failed, or the text is not TOML or not of the expected kind.
    pub value: Option<T>,
    /// Every shape error, in the order found (callers sort the full report by position).
    pub errors: Vec<SourceError>,
    pub dropped: Dropped,
    /// Whether the text is TOML of the expected kind (so checks on its values make sense).
    pub parsed: bool,
}

impl<T> Shaped<T> {
    fn failed(error: SourceError) -> Self {
        Self {
            value: None,
            errors: vec![error],
            dropped: Dropped::default(),
            parsed: false,
        }
    }
}

/// The top-level items left out of [`Shaped::value`] because they had errors.
#[derive(Debug, Default, Clone)]
pub struct Dropped {
    /// For each top-level array, the document's indices of the elements left out, ascending.
    indices: BTreeMap<String, Vec<usize>>,
    /// The `id`s (as written) of the elements left out, with their array's name.
    ids: BTreeSet<(String, String)>,
}

impl Dropped {
    /// Whether an element of the top-level array `array` with this `id` was left out: a
    /// reference to it is not unknown, its definition is broken (and reported).
    pub fn has_id(&self, array: &str, id: &str) -> bool {
        self.ids.contains(&(array.to_owned(), id.to_owned()))
    }

    /// A path into the value (whose arrays lack the dropped elements) as a path into the
    /// document: `party[2]` is the document's `party[3]` when its `party[1]` was dropped.
    pub fn original_path(&self, path: &FieldPath) -> FieldPath {
        let mut segs = path.0.clone();
        if let [PathSeg::Key(array), PathSeg::Index(index), ..] = segs.as_mut_slice()
            && let Some(gone) = self.indices.get(array.as_str())
        {
            for g in gone {
                if *g <= *index {
                    *index += 1;
                }
            }
        }
        FieldPath(segs)
    }
}

/// Narrows the keys valid in a table: given the document, the table's path and the keys serde
/// lists for it, the keys to suggest from and list (e.g. one event type's fields).
pub type KeysAt<'a> = &'a dyn Fn(&DeTable<'_>, &FieldPath, Vec<String>) -> Vec<String>;

/// Reads `source` as a document of kind `expected` into `T`, collecting every shape error.
/// `keys_at` may narrow the keys valid in a table (given its path and the keys serde lists),
/// e.g. to one event type's fields; it is called only for unknown keys.
pub fn read_toml<T: DeserializeOwned>(
    source: &Source,
    expected: DocumentKind,
    keys_at: KeysAt<'_>,
) -> Shaped<T> {
    let doc = match DeTable::parse(&source.text) {
        Ok(doc) => doc,
        Err(e) => return Shaped::failed(not_toml(source, expected, &e)),
    };
    if let Some((kind, key)) = DocumentKind::of(doc.get_ref())
        && kind != expected
    {
        return Shaped::failed(source.error_at(
            Some(key),
            None,
            format!("this is {}, not {}", kind.noun(), expected.noun()),
            Some(kind.reader().to_owned()),
        ));
    }
    let found = collect::<T>(source, &doc, keys_at);
    if found.tainted.is_empty() && found.extra.is_empty() {
        // Read at the first attempt: nothing was taken out.
        return Shaped {
            value: found.value,
            errors: found.errors,
            dropped: Dropped::default(),
            parsed: true,
        };
    }
    // A whole table left out would make later checks report what its absence causes; only
    // elements of top-level lists are left out and the rest checked.
    let whole_table = found.tainted.iter().any(|(_, index)| index.is_none());
    let (mut clean, dropped) = without(&doc, &found.tainted);
    for target in &found.extra {
        remove(&mut clean, target);
    }
    let value = if whole_table {
        None
    } else {
        T::deserialize(toml::de::Deserializer::from(clean)).ok()
    };
    Shaped {
        value,
        errors: found.errors,
        dropped,
        parsed: true,
    }
}

/// A top-level item: a table (`verification`) or an element of a top-level array (`party`, 3).
type Item = (String, Option<usize>);

/// What the repeated reading found.
struct Collected<T> {
    errors: Vec<SourceError>,
    /// The top-level items whose values are not as written (a value refused, a key missing, a
    /// misspelling of a key the item lacks): later checks must not see them.
    tainted: BTreeSet<Item>,
    /// Unknown keys that change nothing the type reads (no key they could be a misspelling of
    /// is absent): taken out, their item is otherwise as written and stays.
    extra: Vec<Target>,
    /// The value read once nothing more failed.
    value: Option<T>,
}

/// Reads the document again and again, each time reporting the first error and taking its node
/// out, until it reads or nothing more can be taken out.
fn collect<T: DeserializeOwned>(
    source: &Source,
    doc: &Spanned<DeTable<'_>>,
    keys_at: KeysAt<'_>,
) -> Collected<T> {
    let mut work = doc.clone();
    let mut found = Collected {
        errors: Vec::new(),
        tainted: BTreeSet::new(),
        extra: Vec::new(),
        value: None,
    };
    // (table path, key): keys refused or named by a suggestion; their absence is a follow-on.
    let mut settled: BTreeSet<(String, String)> = BTreeSet::new();
    for _ in 0..SHAPE_ERRORS_MAX {
        let error = match T::deserialize(toml::de::Deserializer::from(work.clone())) {
            Ok(value) => {
                found.value = Some(value);
                return found;
            }
            Err(e) => e,
        };
        let span = error.span().unwrap_or(0..0);
        // The document's own span may be empty, and then lies "inside" the first table.
        let node = if span == doc.span() {
            Node {
                path: FieldPath::root(),
                target: Target::Root,
                span: span.clone(),
            }
        } else {
            node_at(doc, &span)
        };
        let message = error.message().trim();
        let quoted = backticked(message);
        let parent = parent(&node.path);
        let mut taints = true;
        if let (Some(name), true) = (quoted.first(), message.starts_with("unknown field")) {
            let listed = listed_after_name(message, &quoted);
            let help = match listed {
                Some(listed) => {
                    let keys = keys_at(doc.get_ref(), &parent, listed);
                    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
                    let meant = did_you_mean(name, keys.iter().copied());
                    if let Some(close) = meant {
                        settled.insert((parent.to_string(), close.to_owned()));
                    }
                    taints = meant.is_some_and(|close| !has_key(doc, &parent, close));
                    unknown_name_help(name, "keys", &keys)
                }
                None => "remove the key or fix its spelling".to_owned(),
            };
            found.errors.push(source.error_at(
                Some(span),
                None,
                format!("unknown field `{name}`"),
                Some(help),
            ));
        } else if let (Some(name), true) = (quoted.first(), message.starts_with("missing field")) {
            if !settled.contains(&(node.path.to_string(), name.clone())) {
                found.errors.push(source.error_at(
                    Some(span),
                    None,
                    message,
                    hint_for_serde_message(message),
                ));
            }
        } else {
            let help = match (quoted.first(), message.starts_with("unknown variant")) {
                (Some(name), true) => listed_after_name(message, &quoted).and_then(|listed| {
                    did_you_mean(name, listed.iter().map(String::as_str))
                        .map(|close| format!("did you mean `{close}`?"))
                }),
                _ => hint_for_serde_message(message),
            };
            found
                .errors
                .push(source.error_at(Some(span), None, message, help));
        }
        if taints {
            if let Some(item) = top_level_item(doc.get_ref(), &node.path) {
                found.tainted.insert(item);
            }
        } else {
            found.extra.push(node.target.clone());
        }
        if let (Target::Entry { .. }, Some(PathSeg::Key(key))) = (&node.target, node.path.0.last())
        {
            settled.insert((parent.to_string(), key.clone()));
        }
        if !remove(&mut work, &node.target) {
            // The document itself is at fault (a required table is missing): nothing more to
            // take out, so nothing more to learn.
            return found;
        }
    }
    found.errors.push(source.error_at(
        Some(0..0),
        None,
        format!("more than {SHAPE_ERRORS_MAX} problems; the rest are not listed"),
        Some("fix these and check the file again".to_owned()),
    ));
    found
}

/// Whether the table at `path` in the document has the key `key`.
fn has_key(doc: &Spanned<DeTable<'_>>, path: &FieldPath, key: &str) -> bool {
    let mut table = doc.get_ref();
    let mut value: Option<&DeValue<'_>> = None;
    for seg in &path.0 {
        let next = match (seg, value) {
            (PathSeg::Key(k), None) => table.get(k.as_str()),
            (PathSeg::Key(k), Some(v)) => v.get(k.as_str()),
            (PathSeg::Index(i), Some(v)) => v.get(*i),
            (PathSeg::Index(_), None) => None,
        };
        let Some(next) = next else { return false };
        match next.get_ref() {
            DeValue::Table(t) => {
                table = t;
                value = None;
            }
            other => value = Some(other),
        }
    }
    value.is_none() && table.contains_key(key)
}

/// The names a serde message quotes in backticks, in order.
fn backticked(message: &str) -> Vec<String> {
    message
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// The names serde lists after the offending one ("expected one of `a`, `b`"); an empty list
/// for "there are no fields"; `None` when it lists nothing (e.g. under `flatten`).
fn listed_after_name(message: &str, quoted: &[String]) -> Option<Vec<String>> {
    if message.contains("there are no fields") || message.contains("there are no variants") {
        return Some(Vec::new());
    }
    (quoted.len() > 1).then(|| quoted[1..].to_vec())
}

fn parent(path: &FieldPath) -> FieldPath {
    let mut segs = path.0.clone();
    segs.pop();
    FieldPath(segs)
}

/// How to take a node out of the working document: by its key's span in a table, or by its
/// value's span in an array (spans are the original text's, so they identify a node in any
/// copy).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    Root,
    Entry { key: Range<usize> },
    Element { value: Range<usize> },
}

#[derive(Debug)]
struct Node {
    path: FieldPath,
    target: Target,
    span: Range<usize>,
}

fn contains(outer: &Range<usize>, inner: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// The innermost node of the document (a key, a value or an array element) holding `span`.
fn node_at(doc: &Spanned<DeTable<'_>>, span: &Range<usize>) -> Node {
    // The document is the fallback, larger than any node (its own span may be empty).
    let mut best = Node {
        path: FieldPath::root(),
        target: Target::Root,
        span: 0..usize::MAX,
    };
    walk_table(doc.get_ref(), &FieldPath::root(), span, &mut best);
    best
}

fn consider(best: &mut Node, candidate: Node) {
    let (len, best_len) = (candidate.span.len(), best.span.len());
    if len < best_len || (len == best_len && candidate.path.0.len() > best.path.0.len()) {
        *best = candidate;
    }
}

fn walk_table(table: &DeTable<'_>, path: &FieldPath, span: &Range<usize>, best: &mut Node) {
    for (key, value) in table.iter() {
        let here = path.key(key.get_ref());
        for spanned in [key.span(), value.span()] {
            if contains(&spanned, span) {
                consider(
                    best,
                    Node {
                        path: here.clone(),
                        target: Target::Entry { key: key.span() },
                        span: spanned,
                    },
                );
            }
        }
        walk_value(value, &here, span, best);
    }
}

fn walk_value(
    value: &Spanned<DeValue<'_>>,
    path: &FieldPath,
    span: &Range<usize>,
    best: &mut Node,
) {
    match value.get_ref() {
        DeValue::Table(table) => walk_table(table, path, span, best),
        DeValue::Array(array) => {
            for (i, element) in array.iter().enumerate() {
                let here = path.index(i);
                if contains(&element.span(), span) {
                    consider(
                        best,
                        Node {
                            path: here.clone(),
                            target: Target::Element {
                                value: element.span(),
                            },
                            span: element.span(),
                        },
                    );
                }
                walk_value(element, &here, span, best);
            }
        }
        _ => {}
    }
}

/// Takes the node `target` names out of the working document; false if it is the root or gone.
fn remove(doc: &mut Spanned<DeTable<'_>>, target: &Target) -> bool {
    target != &Target::Root && remove_in_table(doc.get_mut(), target)
}

fn remove_in_table(table: &mut DeTable<'_>, target: &Target) -> bool {
    if let Target::Entry { key } = target {
        let name = table
            .iter()
            .find(|(k, _)| &k.span() == key)
            .map(|(k, _)| k.get_ref().to_string());
        if let Some(name) = name {
            return table.remove(name.as_str()).is_some();
        }
    }
    table
        .iter_mut()
        .any(|(_, value)| remove_in_value(value.get_mut(), target))
}

fn remove_in_value(value: &mut DeValue<'_>, target: &Target) -> bool {
    match value {
        DeValue::Table(table) => remove_in_table(table, target),
        DeValue::Array(array) => {
            if let Target::Element { value: span } = target
                && array.iter().any(|e| &e.span() == span)
            {
                let mut kept = DeArray::new();
                for element in array.iter().filter(|e| &e.span() != span) {
                    kept.push(element.clone());
                }
                *array = kept;
                return true;
            }
            array
                .iter_mut()
                .any(|element| remove_in_value(element.get_mut(), target))
        }
        _ => false,
    }
}

/// The top-level item a path lies in: the table under its first key, or, when that key holds an
/// array, the element under its first index.
fn top_level_item(doc: &DeTable<'_>, path: &FieldPath) -> Option<Item> {
    let Some(PathSeg::Key(first)) = path.0.first() else {
        return None;
    };
    let is_array = doc
        .get(first.as_str())
        .is_some_and(|v| v.get_ref().is_array());
    match (is_array, path.0.get(1)) {
        (true, Some(PathSeg::Index(i))) => Some((first.clone(), Some(*i))),
        // The whole array is at fault (e.g. it is not an array): leave it out entirely.
        _ => Some((first.clone(), None)),
    }
}

/// The document without the tainted items, and the record of what was left out.
fn without<'i>(
    doc: &Spanned<DeTable<'i>>,
    tainted: &BTreeSet<Item>,
) -> (Spanned<DeTable<'i>>, Dropped) {
    let mut clean = doc.clone();
    let mut dropped = Dropped::default();
    let table = clean.get_mut();
    for (key, index) in tainted {
        match index {
            None => {
                table.remove(key.as_str());
            }
            Some(i) => {
                dropped.indices.entry(key.clone()).or_default().push(*i);
                let id = doc
                    .get_ref()
                    .get(key.as_str())
                    .and_then(|v| v.get_ref().get(*i))
                    .and_then(|item| item.get_ref().get("id"))
                    .and_then(|id| id.get_ref().as_str());
                if let Some(id) = id {
                    dropped.ids.insert((key.clone(), id.to_owned()));
                }
            }
        }
    }
    for (key, gone) in &dropped.indices {
        if let Some(DeValue::Array(array)) = table.get_mut(key.as_str()).map(|v| v.get_mut()) {
            let mut kept = DeArray::new();
            for (i, element) in array.iter().enumerate() {
                if !gone.contains(&i) {
                    kept.push(element.clone());
                }
            }
            *array = kept;
        }
    }
    (clean, dropped)
}

/// The error for a text that does not parse as TOML, saying so plainly when it is JSON or CSV.
fn not_toml(source: &Source, expected: DocumentKind, error: &toml::de::Error) -> SourceError {
    let syntax = source.toml_error(error);
    let text = source.text.trim_start_matches('\u{feff}').trim_start();
    let first_line = text.lines().next().unwrap_or_default().trim();
    // A TOML header (`[party]`, `[[event]]`) holds no braces, colons or commas; a JSON array
    // opening its first line usually does, or stands alone.
    let json = text.starts_with('{')
        || (text.starts_with('[') && (first_line == "[" || first_line.contains(['{', ':', ','])));
    let csv = !json
        && first_line.contains(',')
        && !first_line.contains('=')
        && !first_line.starts_with(['[', '#']);
    let what = if json {
        "JSON"
    } else if csv {
        "CSV"
    } else {
        return syntax;
    };
    let start = source.text.len() - text.len();
    source.error_at(
        Some(start..start),
        None,
        format!(
            "this file is {what}, not TOML; {} is a TOML file",
            expected.noun()
        ),
        Some(format!(
            "write it as TOML: `key = value` lines under [table] headers ({})",
            syntax.message
        )),
    )
}

#[cfg(test)]
mod tests;
