//! Reading charters and scenarios from disk (or from the copies built into the binary), with
//! every problem reported as a located diagnostic.

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use snapback_charter::diag::{Diagnostics, Source, SourceError};
use snapback_charter::time::parse_instant;
use snapback_charter::{Charter, CharterHistory, load_toml};
pub use snapback_engine::scenario::LoadedScenario;
use snapback_engine::scenario::load_with;
use snapback_engine::{State, replay};

/// The largest charter or scenario file read, in bytes.
pub const INPUT_BYTES_MAX: u64 = 64 * 1024 * 1024;

/// The reference charter and demo scenario, built in so `snapback demo` needs no files.
pub const REFERENCE_CHARTER: &str = include_str!("../../../charters/ukraine.toml");
pub const DEMO_SCENARIO: &str = include_str!("../../../scenarios/demo.toml");
const DEMO_SCENARIO_NAME: &str = "scenarios/demo.toml";
const DEMO_CHARTER_REF: &str = "../charters/ukraine.toml";

/// Reads a text file, refusing files that are too large or not UTF-8.
pub fn read_source(path: &Path) -> Result<Source, SourceError> {
    let origin = path.display().to_string();
    let meta = std::fs::metadata(path)
        .map_err(|e| SourceError::whole_file(&origin, format!("cannot read the file: {e}")))?;
    if meta.len() > INPUT_BYTES_MAX {
        return Err(SourceError::whole_file(
            &origin,
            format!(
                "the file is {} bytes; the limit is {INPUT_BYTES_MAX}",
                meta.len()
            ),
        ));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| SourceError::whole_file(&origin, format!("cannot read the file: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        SourceError::whole_file(
            &origin,
            format!(
                "the file is not UTF-8 text (byte {})",
                e.utf8_error().valid_up_to()
            ),
        )
        .with_help("save it as UTF-8")
    })?;
    Ok(Source::new(origin, text))
}

/// Loads one charter file.
pub fn load_charter(path: &Path) -> Result<Charter, Diagnostics> {
    let source = read_source(path)?;
    load_toml(&source)
}

/// Loads charter files as the versions of one charter.
pub fn load_history(paths: &[PathBuf]) -> Result<CharterHistory, Diagnostics> {
    let mut versions = Vec::with_capacity(paths.len());
    let mut errors = Vec::new();
    for path in paths {
        match load_charter(path) {
            Ok(c) => versions.push(c),
            Err(d) => errors.extend(d.errors),
        }
    }
    if !errors.is_empty() {
        return Err(Diagnostics { errors });
    }
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    CharterHistory::new(versions)
        .map_err(|e| Diagnostics::one(SourceError::whole_file(names.join(", "), e.to_string())))
}

/// Loads a scenario file and the charter versions it names (relative to the scenario file).
pub fn load_scenario(path: &Path) -> Result<LoadedScenario, Diagnostics> {
    let source = read_source(path)?;
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    load_with(source, |reference| {
        let charter_path = dir.join(reference);
        read_source(&charter_path)
    })
}

/// The built-in demo scenario over the built-in reference charter.
pub fn load_demo() -> Result<LoadedScenario, Diagnostics> {
    load_with(
        Source::new(DEMO_SCENARIO_NAME, DEMO_SCENARIO),
        |reference| {
            if reference == DEMO_CHARTER_REF {
                Ok(Source::new("charters/ukraine.toml", REFERENCE_CHARTER))
            } else {
                Err(SourceError::whole_file(
                    reference,
                    "the built-in demo only bundles charters/ukraine.toml",
                ))
            }
        },
    )
}

/// Parses an instant given on the command line (`--as-of`, `--at`).
pub fn instant_arg(text: &str) -> Result<Timestamp, String> {
    parse_instant(text)
}

/// Replays a loaded scenario up to `as_of`, or the scenario's own `as_of`.
pub fn replay_loaded(loaded: &LoadedScenario, as_of: Option<Timestamp>) -> State {
    let as_of = as_of.or(loaded.scenario.as_of);
    replay(&loaded.history, &loaded.scenario.events, as_of)
}
