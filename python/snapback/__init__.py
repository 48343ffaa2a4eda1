"""snapback for analysts.

``simulate(config)`` runs the deterrence simulator's sweep (the real engine, seeded: the same
config gives the same table) and returns its runs as a ``pyarrow.Table``, one row per run, with
the columns of ``runs.csv`` plus each run's ``times_to_activation_h`` and ``gain_by_day`` as
lists. ``replay(scenario)`` replays a scenario over the charter it names and returns the report
``snapback replay --json`` prints, as a dict.

    >>> import snapback
    >>> runs = snapback.simulate("sims/salami.toml", runs=100)
    >>> runs.to_pandas().groupby("variant")["violations"].mean()
"""

import json
import pathlib

import pyarrow as pa
import pyarrow.parquet as pq

from . import _native

__all__ = ["simulate", "replay"]

# The largest config, charter or scenario file read, as on the command line.
INPUT_BYTES_MAX = 16 << 20


def _read(path):
    """A file's text, or an error naming it: OSError if it cannot be read, ValueError if it is
    too large or not UTF-8."""
    path = pathlib.Path(path)
    try:
        size = path.stat().st_size
        if size > INPUT_BYTES_MAX:
            raise ValueError(f"{path}: the file is {size} bytes; the limit is {INPUT_BYTES_MAX}")
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as e:
        raise ValueError(f"{path}: not UTF-8 text ({e.reason} at byte {e.start})") from None
    except OSError as e:
        raise OSError(f"{path}: cannot read the file: {e.strerror}") from None


def simulate(config, runs=None, threads=0, summary=False):
    """Run the sweep the simulation config at path ``config`` describes (its charter and
    capability record read relative to it, as the command line reads them).

    ``runs`` overrides the config's runs per variant; ``threads`` is the number of threads (0:
    every core; the results do not depend on it). Returns the runs as a ``pyarrow.Table``; with
    ``summary=True``, a pair ``(runs, summary)`` where ``summary`` has one row per variant and
    metric (estimate and 95% interval). A config with problems raises ``ValueError`` naming each
    at ``file:line:col``; a file that cannot be read raises ``OSError``.
    """
    config = pathlib.Path(config)
    text = _read(config)
    charter = config.parent / _native.config_charter(text, str(config))
    named = _native.config_record(text, str(config))
    record = None
    if named is not None:
        path = config.parent / named
        record = (str(path), _read(path))
    runs_bytes, summary_bytes = _native.simulate_parquet(
        text, str(config), _read(charter), str(charter), runs, threads, record
    )
    table = pq.read_table(pa.BufferReader(runs_bytes))
    if summary:
        return table, pq.read_table(pa.BufferReader(summary_bytes))
    return table


def replay(scenario, as_of=None):
    """Replay the scenario at path ``scenario`` (up to ``as_of``, an RFC 3339 instant, or the
    scenario's own) over the charter versions it names, and return the report as a dict:
    claims, obligations, the fund, every outcome with the articles that explain it."""
    scenario = pathlib.Path(scenario)
    text = _read(scenario)
    charters = {}
    for reference in _native.scenario_charters(text, str(scenario)):
        path = scenario.parent / reference
        charters[reference] = (str(path), _read(path))
    return json.loads(_native.replay_json(text, str(scenario), charters, as_of))
