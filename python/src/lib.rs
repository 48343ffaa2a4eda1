//! The native half of the Python package `snapback` (`python/snapback/__init__.py` is the other).
//! Like the library crates it wraps, it is handed texts and their names and never opens a file:
//! the package reads the files (the config, the charter it names, a scenario and its charters)
//! and passes them in. It returns the simulator's sweep as Parquet bytes, which the package reads
//! into pyarrow tables, and a scenario's replay report as JSON, which it reads into a dict. Every
//! problem becomes a `ValueError` with the command line's located messages.

use std::collections::HashMap;
use std::sync::atomic::AtomicU64;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use snapback_charter::diag::{Diagnostics, Source, SourceError};
use snapback_charter::time::parse_instant;
use snapback_engine::parse_scenario;
use snapback_engine::replay;
use snapback_engine::report::Report;
use snapback_engine::scenario::load_with;
use snapback_sim::parquet::{runs_parquet, summary_parquet};
use snapback_sim::stats::summarize;
use snapback_sim::{Sweep, parse_config};

/// Every located problem, one per line, as the command line prints them.
fn invalid(d: &Diagnostics) -> PyErr {
    let lines: Vec<String> = d.errors.iter().map(ToString::to_string).collect();
    PyValueError::new_err(lines.join("\n"))
}

/// `config_charter(text, name) -> str`: the charter a simulation config names (relative to it).
#[pyfunction]
fn config_charter(text: String, name: String) -> PyResult<String> {
    let config = parse_config(&Source::new(name, text)).map_err(|d| invalid(&d))?;
    Ok(config.simulation.charter)
}

/// `config_record(text, name) -> str | None`: the capability record a simulation config names
/// (relative to it), if any.
#[pyfunction]
fn config_record(text: String, name: String) -> PyResult<Option<String>> {
    let config = parse_config(&Source::new(name, text)).map_err(|d| invalid(&d))?;
    Ok(config.simulation.record)
}

/// `simulate_parquet(config_text, config_name, charter_text, charter_name, runs=None,
/// threads=0, record=None) -> (runs.parquet bytes, summary.parquet bytes)`; `record` is the
/// capability record's `(name, text)` when the config names one.
#[pyfunction]
#[pyo3(signature = (config_text, config_name, charter_text, charter_name, runs=None, threads=0, record=None))]
#[allow(clippy::too_many_arguments)]
fn simulate_parquet(
    py: Python<'_>,
    config_text: String,
    config_name: String,
    charter_text: String,
    charter_name: String,
    runs: Option<u64>,
    threads: usize,
    record: Option<(String, String)>,
) -> PyResult<(Py<PyBytes>, Py<PyBytes>)> {
    let mut config =
        parse_config(&Source::new(config_name, config_text)).map_err(|d| invalid(&d))?;
    if let Some(runs) = runs {
        if runs == 0 || runs > snapback_sim::config::RUNS_MAX {
            return Err(PyValueError::new_err(format!(
                "runs = {runs} is outside 1 to {}",
                snapback_sim::config::RUNS_MAX
            )));
        }
        config.simulation.runs = runs;
    }
    let base = Source::new(charter_name, charter_text);
    let record = record.map(|(name, text)| Source::new(name, text));
    let sweep = Sweep::with_record(config, &base, record.as_ref())
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    // The sweep runs on its own threads; other Python threads may run meanwhile.
    let files = py.allow_threads(|| {
        let (result, _) = sweep
            .run(threads, &AtomicU64::new(0))
            .map_err(|e| e.to_string())?;
        let runs = runs_parquet(&result).map_err(|e| e.to_string())?;
        let summary = summary_parquet(&summarize(&result)).map_err(|e| e.to_string())?;
        Ok::<_, String>((runs, summary))
    });
    let (runs, summary) = files.map_err(PyValueError::new_err)?;
    Ok((
        PyBytes::new(py, &runs).unbind(),
        PyBytes::new(py, &summary).unbind(),
    ))
}

/// `scenario_charters(text, name) -> list[str]`: the charter versions a scenario names, as
/// written (relative to it).
#[pyfunction]
fn scenario_charters(text: String, name: String) -> PyResult<Vec<String>> {
    let scenario = parse_scenario(&Source::new(name, text)).map_err(|d| invalid(&d))?;
    Ok(scenario.charters)
}

/// `replay_json(text, name, charters, as_of=None) -> str`: the scenario replayed over its
/// charter versions (`charters` maps each reference, as written, to the file's name and text),
/// as `snapback replay --json` prints it.
#[pyfunction]
#[pyo3(signature = (text, name, charters, as_of=None))]
fn replay_json(
    text: String,
    name: String,
    charters: HashMap<String, (String, String)>,
    as_of: Option<String>,
) -> PyResult<String> {
    let as_of = as_of
        .map(|text| parse_instant(&text).map_err(PyValueError::new_err))
        .transpose()?;
    let loaded = load_with(Source::new(name, text), |reference| {
        charters
            .get(reference)
            .map(|(name, text)| Source::new(name.clone(), text.clone()))
            .ok_or_else(|| SourceError::whole_file(reference, "not given"))
    })
    .map_err(|d| invalid(&d))?;
    let state = replay(
        &loaded.history,
        &loaded.scenario.events,
        as_of.or(loaded.scenario.as_of),
    );
    serde_json::to_string(&Report::new(&state)).map_err(|e| PyValueError::new_err(e.to_string()))
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(config_charter, m)?)?;
    m.add_function(wrap_pyfunction!(config_record, m)?)?;
    m.add_function(wrap_pyfunction!(simulate_parquet, m)?)?;
    m.add_function(wrap_pyfunction!(scenario_charters, m)?)?;
    m.add_function(wrap_pyfunction!(replay_json, m)?)?;
    Ok(())
}
