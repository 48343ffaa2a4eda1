//! The native half of the Python package `snapback` (`python/snapback/__init__.py` is the other):
//! the simulator's sweep as Parquet bytes, which the package reads into pyarrow tables, and a
//! scenario's replay report as JSON, which it reads into a dict. The files are read here, like
//! the command line reads them; every error becomes a Python exception with the command line's
//! located message.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;

use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use snapback_charter::diag::{Diagnostics, Source, SourceError};
use snapback_charter::time::parse_instant;
use snapback_engine::replay;
use snapback_engine::report::Report;
use snapback_engine::scenario::load_with;
use snapback_sim::parquet::{runs_parquet, summary_parquet};
use snapback_sim::stats::summarize;
use snapback_sim::{Sweep, parse_config};

/// The largest config, charter or scenario file read (the command line's limit too).
const INPUT_BYTES_MAX: u64 = 16 << 20;

/// A file as a `Source` named by its path, or the reason it cannot be read.
fn read(path: &Path) -> Result<Source, SourceError> {
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
    let text = std::fs::read_to_string(path)
        .map_err(|e| SourceError::whole_file(&origin, format!("cannot read the file: {e}")))?;
    Ok(Source::new(origin, text))
}

/// Every located problem, one per line, as the command line prints them.
fn invalid(d: &Diagnostics) -> PyErr {
    let lines: Vec<String> = d.errors.iter().map(ToString::to_string).collect();
    PyValueError::new_err(lines.join("\n"))
}

fn unreadable(e: &SourceError) -> PyErr {
    PyOSError::new_err(e.to_string())
}

/// `simulate_parquet(config, runs=None, threads=0) -> (runs.parquet bytes, summary.parquet bytes)`
#[pyfunction]
#[pyo3(signature = (config, runs=None, threads=0))]
fn simulate_parquet(
    py: Python<'_>,
    config: PathBuf,
    runs: Option<u64>,
    threads: usize,
) -> PyResult<(Py<PyBytes>, Py<PyBytes>)> {
    let source = read(&config).map_err(|e| unreadable(&e))?;
    let mut parsed = parse_config(&source).map_err(|d| invalid(&d))?;
    if let Some(runs) = runs {
        if runs == 0 || runs > snapback_sim::config::RUNS_MAX {
            return Err(PyValueError::new_err(format!(
                "runs = {runs} is outside 1 to {}",
                snapback_sim::config::RUNS_MAX
            )));
        }
        parsed.simulation.runs = runs;
    }
    let dir = config.parent().map(Path::to_path_buf).unwrap_or_default();
    let base = read(&dir.join(&parsed.simulation.charter)).map_err(|e| unreadable(&e))?;
    let sweep = Sweep::new(parsed, &base).map_err(|e| PyValueError::new_err(e.to_string()))?;
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

/// `replay_json(scenario, as_of=None) -> str`: the scenario replayed over the charter versions
/// it names (relative to it), as `snapback replay --json` prints it.
#[pyfunction]
#[pyo3(signature = (scenario, as_of=None))]
fn replay_json(scenario: PathBuf, as_of: Option<String>) -> PyResult<String> {
    let as_of = as_of
        .map(|text| parse_instant(&text).map_err(PyValueError::new_err))
        .transpose()?;
    let source = read(&scenario).map_err(|e| unreadable(&e))?;
    let dir = scenario.parent().map(Path::to_path_buf).unwrap_or_default();
    let loaded =
        load_with(source, |reference| read(&dir.join(reference))).map_err(|d| invalid(&d))?;
    let state = replay(
        &loaded.history,
        &loaded.scenario.events,
        as_of.or(loaded.scenario.as_of),
    );
    serde_json::to_string(&Report::new(&state)).map_err(|e| PyValueError::new_err(e.to_string()))
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(simulate_parquet, m)?)?;
    m.add_function(wrap_pyfunction!(replay_json, m)?)?;
    Ok(())
}
