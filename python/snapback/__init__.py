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

import pyarrow as pa
import pyarrow.parquet as pq

from . import _native

__all__ = ["simulate", "replay"]


def simulate(config, runs=None, threads=0, summary=False):
    """Run the sweep the simulation config at path ``config`` describes.

    ``runs`` overrides the config's runs per variant; ``threads`` is the number of threads (0:
    every core; the results do not depend on it). Returns the runs as a ``pyarrow.Table``; with
    ``summary=True``, a pair ``(runs, summary)`` where ``summary`` has one row per variant and
    metric (estimate and 95% interval). A config with problems raises ``ValueError`` naming each
    at ``file:line:col``; a file that cannot be read raises ``OSError``.
    """
    runs_bytes, summary_bytes = _native.simulate_parquet(str(config), runs, threads)
    table = pq.read_table(pa.BufferReader(runs_bytes))
    if summary:
        return table, pq.read_table(pa.BufferReader(summary_bytes))
    return table


def replay(scenario, as_of=None):
    """Replay the scenario at path ``scenario`` (up to ``as_of``, an RFC 3339 instant, or the
    scenario's own) and return the report as a dict: claims, obligations, the fund, every
    outcome with the articles that explain it."""
    return json.loads(_native.replay_json(str(scenario), as_of))
