//! Scenario files (contract): a charter reference, an optional `as_of`, and dated events.
//!
//! ```toml
//! charter = "../charters/ukraine.toml"      # relative to this file; or a list of versions
//! as_of = 2026-03-05T00:00:00Z              # optional
//! [[event]]
//! at = 2026-03-01T06:00:00Z
//! party = "UA"
//! type = "claim.filed"
//! claim = "C-1"
//! ...
//! ```

use jiff::Timestamp;
use serde::Deserialize;
use snapback_charter::diag::{Diagnostics, FieldPath, PathSeg, Problem, Source, SourceError};
use snapback_charter::shape::{DocumentKind, Shaped, read_toml};
use snapback_charter::time::Instant;
use snapback_charter::{CharterHistory, load_toml};
use toml::de::DeTable;

use crate::event::{EVENT_TYPES, Event, EvidenceContent, WireEvent};

/// The most events a scenario may hold.
pub const SCENARIO_EVENTS_MAX: usize = 10_000_000;

/// A parsed scenario; charter paths are as written (relative to the scenario file).
#[derive(Debug, Clone)]
pub struct Scenario {
    pub charters: Vec<String>,
    pub as_of: Option<Timestamp>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub events: Vec<Event>,
    /// The content of classified evidence written in clear in the file (which is private), by
    /// the index of its event in `events`. The events themselves hold only the seal (without a
    /// commitment): a plain replay never shows this content, and signing seals it (a random
    /// salt, a commitment in the log, the content in the evidence store).
    pub unsealed: std::collections::BTreeMap<usize, EvidenceContent>,
}

#[derive(Deserialize)]
#[serde(
    untagged,
    expecting = "a charter path, or a list of paths (one per version)"
)]
enum CharterPaths {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScenario {
    charter: CharterPaths,
    #[serde(default)]
    as_of: Option<Instant>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    event: Vec<WireEvent>,
}

/// Parses scenario TOML. Every problem is reported in one pass, sorted by position: unknown keys
/// (suggested among the keys of the event's own type), values of the wrong shape, and each
/// malformed event at its line and column.
pub fn parse_scenario(source: &Source) -> Result<Scenario, Diagnostics> {
    let shaped: Shaped<RawScenario> = read_toml(source, DocumentKind::Scenario, &event_keys);
    let mut errors = shaped.errors;
    let Some(raw) = shaped.value else {
        return Err(Diagnostics::by_position(errors));
    };
    let charters = match raw.charter {
        CharterPaths::One(p) => vec![p],
        CharterPaths::Many(ps) => ps,
    };
    if charters.is_empty() {
        errors.push(
            source.toml_problem(
                snapback_charter::Problem::new(FieldPath::of(&["charter"]), "no charter given")
                    .help("write charter = \"path/to/charter.toml\""),
            ),
        );
    }
    if raw.event.len() > SCENARIO_EVENTS_MAX {
        errors.push(source.toml_problem(snapback_charter::Problem::new(
            FieldPath::of(&["event"]),
            format!("more than {SCENARIO_EVENTS_MAX} events"),
        )));
        return Err(Diagnostics::by_position(errors));
    }
    let mut events = Vec::with_capacity(raw.event.len());
    let mut unsealed = std::collections::BTreeMap::new();
    for (i, wire) in raw.event.into_iter().enumerate() {
        // Events that did not parse are left out of `raw.event`: name the file's own index.
        let path = shaped
            .dropped
            .original_path(&FieldPath::of(&["event"]).index(i));
        match wire.into_local_event(&path) {
            Ok((e, content)) => {
                if let Some(c) = content {
                    unsealed.insert(events.len(), c);
                }
                events.push(e);
            }
            Err(problem) => errors.push(source.toml_problem(problem)),
        }
    }
    if !errors.is_empty() {
        return Err(Diagnostics::by_position(errors));
    }
    Ok(Scenario {
        charters,
        as_of: raw.as_of.map(|i| i.0),
        title: raw.title,
        description: raw.description,
        events,
        unsealed,
    })
}

/// A scenario with its charter history resolved.
#[derive(Debug)]
pub struct LoadedScenario {
    pub origin: String,
    pub scenario: Scenario,
    pub history: CharterHistory,
}

/// A scenario (its text and name in `source`) with the charter versions it names, each read by
/// `read_charter` (given the reference as written; the binary reads it relative to the scenario
/// file, the Python package likewise, the demo from its bundled text), loaded and checked as a
/// history. Every problem of the scenario and its charters is reported, located.
pub fn load_with(
    source: Source,
    read_charter: impl Fn(&str) -> Result<Source, SourceError>,
) -> Result<LoadedScenario, Diagnostics> {
    let scenario = parse_scenario(&source)?;
    let mut versions = Vec::with_capacity(scenario.charters.len());
    let mut errors = Vec::new();
    for (i, reference) in scenario.charters.iter().enumerate() {
        let located = |message: String, help: &str| {
            let mut path = FieldPath::of(&["charter"]);
            if scenario.charters.len() > 1 {
                path = path.index(i);
            }
            source.toml_problem(Problem::new(path, message).help(help))
        };
        match read_charter(reference) {
            Ok(charter_source) => match load_toml(&charter_source) {
                Ok(c) => versions.push(c),
                Err(d) => errors.extend(d.errors),
            },
            Err(e) => errors.push(located(
                format!("charter `{reference}`: {}", e.message),
                "the path is relative to the scenario file",
            )),
        }
    }
    if !errors.is_empty() {
        return Err(Diagnostics { errors });
    }
    let history = CharterHistory::new(versions).map_err(|e| {
        Diagnostics::one(source.toml_problem(
            Problem::new(FieldPath::of(&["charter"]), e.to_string()).help(
                "list each version of the same charter once, each with its own `effective` instant",
            ),
        ))
    })?;
    Ok(LoadedScenario {
        origin: source.origin.clone(),
        scenario,
        history,
    })
}

/// The keys an event table may hold: those of its own `type` (with `at`, `party` and `type`)
/// when the type is known, so a misspelt key is matched against a handful of keys, not the
/// fields of every event type; otherwise the keys serde lists.
fn event_keys(doc: &DeTable<'_>, table: &FieldPath, listed: Vec<String>) -> Vec<String> {
    let [PathSeg::Key(array), PathSeg::Index(i)] = table.0.as_slice() else {
        return listed;
    };
    let kind = (array == "event")
        .then(|| doc.get("event"))
        .flatten()
        .and_then(|events| events.get_ref().get(*i))
        .and_then(|event| event.get_ref().get("type"))
        .and_then(|kind| kind.get_ref().as_str());
    match EVENT_TYPES.iter().find(|(name, _, _)| Some(*name) == kind) {
        Some((_, required, optional)) => ["at", "party", "type"]
            .iter()
            .chain(required.iter())
            .chain(optional.iter())
            .map(|k| (*k).to_owned())
            .collect(),
        None => listed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(events: &str) -> Vec<(usize, String, String)> {
        let text = format!("charter = \"c.toml\"\n{events}");
        parse_scenario(&Source::new("s.toml", text))
            .expect_err("refused")
            .errors
            .into_iter()
            .map(|e| (e.line, e.message, e.help.unwrap_or_default()))
            .collect()
    }

    const FILED: &str = "[[event]]\nat = 2026-03-01T06:00:00Z\nparty = \"UA\"\ntype = \"claim.filed\"\nclaim = \"C-1\"\ncategory = \"shelling\"\nsummary = \"s\"\n";

    #[test]
    fn an_unknown_event_key_is_matched_against_its_own_type_only() {
        let found = errors(&format!(
            "{FILED}severty = 2\n\n[[event]]\nat = 2026-03-01T07:00:00Z\nparty = \"US\"\ntype = \"vote.cast\"\nclaim = \"C-1\"\nvote = \"founded\"\ncolour = \"red\"\n"
        ));
        assert_eq!(
            found,
            [
                (
                    9,
                    "unknown field `severty`".to_owned(),
                    "did you mean `severity`?".to_owned()
                ),
                (
                    17,
                    "unknown field `colour`".to_owned(),
                    "the keys allowed here are: at, party, type, vote, claim, decision".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn an_event_after_one_that_failed_keeps_its_own_index() {
        // event[0] fails to parse; event[1] is read and its own error names event[1].
        let found = parse_scenario(&Source::new(
            "s.toml",
            format!(
                "charter = \"c.toml\"\n{FILED}severity = \"high\"\n\n{}",
                FILED.replace("claim.filed", "claim.filled")
            ),
        ))
        .expect_err("refused")
        .errors;
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(
            found[1].path.as_ref().map(ToString::to_string).as_deref(),
            Some("event[1].type")
        );
        assert_eq!(
            found[1].help.as_deref(),
            Some("did you mean `claim.filed`?")
        );
    }
}
