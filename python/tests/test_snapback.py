"""The Python package against the command line: the same runs as `snapback simulate`'s
runs.csv, the same report as `snapback replay --json`, located errors as exceptions.

Run from the repository root (`pytest python/tests`); the command line is at $SNAPBACK, else
target/debug/snapback.
"""

import csv
import json
import os
import pathlib
import subprocess

import pytest

import snapback

ROOT = pathlib.Path(__file__).resolve().parents[2]
SNAPBACK = os.environ.get("SNAPBACK", str(ROOT / "target" / "debug" / "snapback"))


def cli(*args):
    done = subprocess.run([SNAPBACK, *args], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_simulate_returns_the_runs_of_the_command_line(tmp_path):
    runs = snapback.simulate(ROOT / "sims/salami.toml", runs=12)
    assert runs.num_rows == 4 * 12
    cli("simulate", "sims/salami.toml", "--runs", "12", "--out", str(tmp_path))
    with open(tmp_path / "runs.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert runs.column_names[: len(rows[0])] == list(rows[0].keys())
    assert runs.column_names[-2:] == ["times_to_activation_h", "gain_by_day"]
    table = runs.to_pylist()
    for row, record in zip(rows, table):
        assert record["variant"] == row["variant"]
        assert record["run"] == int(row["run"])
        assert record["violations"] == int(row["violations"])
        assert record["responded"] == (row["responded"] == "true")
        assert f"{record['gain_before_response']:.6f}" == row["gain_before_response"]
        assert len(record["gain_by_day"]) == 365


def test_a_config_with_a_capability_record_reads_it_as_the_command_line_does(tmp_path):
    runs = snapback.simulate(ROOT / "sims/readiness.toml", runs=6)
    cli("simulate", "sims/readiness.toml", "--runs", "6", "--out", str(tmp_path))
    with open(tmp_path / "runs.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["variant"] for r in rows] == runs.column("variant").to_pylist()
    assert [f"{g:.6f}" for g in runs.column("gain_before_response").to_pylist()] == [
        r["gain_before_response"] for r in rows
    ]


def test_the_same_config_gives_the_same_table_on_any_thread_count():
    one = snapback.simulate(ROOT / "sims/salami.toml", runs=8, threads=1)
    two = snapback.simulate(ROOT / "sims/salami.toml", runs=8, threads=2)
    assert one.equals(two)


def test_the_summary_has_a_row_per_variant_and_metric():
    runs, summary = snapback.simulate(ROOT / "sims/salami.toml", runs=10, summary=True)
    frame = summary.to_pandas()
    assert set(frame["variant"]) == set(runs.column("variant").to_pylist())
    responded = frame[(frame["metric"] == "responded")]
    assert (responded["kind"] == "proportion").all()
    assert ((responded["lo"] <= responded["estimate"]) & (responded["estimate"] <= responded["hi"])).all()


def test_pandas_groups_the_runs_as_an_analyst_would():
    frame = snapback.simulate(ROOT / "sims/salami.toml", runs=20).to_pandas()
    means = frame.groupby("variant")["violations"].mean()
    # Unanimity with the standard burden lets the salami run far longer than the reference.
    assert means["standard-unanimity-48h"] > 3 * means["flipped-majority-48h"]


def test_the_readme_notebook_example_runs_and_plots(tmp_path):
    # The README's lines, as written there (fewer runs), with matplotlib drawing off screen.
    import matplotlib

    matplotlib.use("Agg")
    runs = snapback.simulate(ROOT / "sims/salami.toml", runs=30).to_pandas()
    means = runs.groupby("variant")[["violations", "gain_before_response"]].mean()
    assert list(means.columns) == ["violations", "gain_before_response"]
    axes = runs.boxplot(column="gain_before_response", by="variant", rot=20)
    axes.figure.savefig(tmp_path / "gain.png")
    assert (tmp_path / "gain.png").stat().st_size > 1000
    report = snapback.replay(ROOT / "scenarios/demo.toml")
    assert report["claims"]


def test_replay_returns_the_report_of_the_command_line():
    report = snapback.replay(ROOT / "scenarios/demo.toml")
    assert report == json.loads(cli("replay", "scenarios/demo.toml", "--json"))
    assert report["claims"] and report["activations"]


def test_a_bad_config_raises_with_its_location(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[simulation]\ncharter = "c.toml"\nhorizon = "36h"\nruns = 10\nseed = 1\n\n'
        '[adversary]\nstrategy = "salami"\nrate_per_day = -1.0\n\n[[variant]]\nname = "a"\n'
    )
    with pytest.raises(ValueError, match=r"bad.toml:3:11: simulation.horizon"):
        snapback.simulate(bad)
    with pytest.raises(OSError, match="cannot read the file"):
        snapback.simulate(tmp_path / "missing.toml")
    with pytest.raises(ValueError, match="runs = 0"):
        snapback.simulate(ROOT / "sims/salami.toml", runs=0)
