#!/usr/bin/env python3
"""Run a snapback simulation sweep as shards on a Dask cluster, then merge the shards into the
outputs a one-machine run writes, byte for byte.

Each Dask task runs `snapback simulate CONFIG --shard I/N` in a temporary directory on its
worker and returns the shard file's bytes; the client writes them to OUT/shards/ and runs
`snapback simulate merge`. Every worker needs the snapback binary and the config (with the
charter it names) at the same paths as the client: a shared file system or the same checkout,
as on most clusters.

  # two local worker processes (a scheduler and two workers on this machine):
  python3 cluster/dask_sweep.py sims/salami.toml --local-workers 2 --shards 8 --out /tmp/salami
  # an existing cluster (`dask scheduler` on one machine, `dask worker tcp://HOST:8786` on each):
  python3 cluster/dask_sweep.py sims/salami.toml --scheduler tcp://HOST:8786 --shards 64
  # the cluster's throughput with 2 local workers against 1, printed in the same run:
  python3 cluster/dask_sweep.py sims/daily.toml --bench --shards 8 --out /tmp/bench

See docs/simulator.md ("Sweeps on a cluster").
"""

import argparse
import os
import pathlib
import subprocess
import sys
import tempfile
import time

from dask.distributed import Client, LocalCluster


def run_shard(snapback, config, runs, shard, shards):
    """On a worker: one shard, computed on one thread (the cluster's workers are the parallelism),
    returned as the shard file's bytes."""
    with tempfile.TemporaryDirectory(prefix="snapback-shard-") as out:
        command = [snapback, "simulate", config, "--shard", f"{shard}/{shards}",
                   "--threads", "1", "--out", out]
        if runs is not None:
            command += ["--runs", str(runs)]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"shard {shard}/{shards} failed: {done.stderr.strip()}")
        name = f"shard-{shard}-of-{shards}.json"
        return name, pathlib.Path(out, name).read_bytes()


def sweep(client, snapback, config, runs, shards, out, given):
    """Every shard on the cluster, then the merge on this machine; returns the wall time. The
    merge names the config as the user gave it (`given`), as a one-machine run's manifest
    would."""
    started = time.perf_counter()
    futures = [client.submit(run_shard, snapback, config, runs, i, shards, pure=False)
               for i in range(1, shards + 1)]
    shard_dir = pathlib.Path(out, "shards")
    shard_dir.mkdir(parents=True, exist_ok=True)
    files = []
    for name, data in client.gather(futures):
        path = shard_dir / name
        path.write_bytes(data)
        files.append(str(path))
    seconds = time.perf_counter() - started
    merged = subprocess.run([snapback, "simulate", "merge", given, *files, "--out", out],
                            capture_output=True, text=True)
    if merged.returncode != 0:
        raise RuntimeError(f"the merge failed: {merged.stderr.strip()}")
    return seconds


def local_cluster(workers):
    # One process per worker, one thread each: the workers are the parallelism.
    return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                        dashboard_address=None)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("config", help="the simulation config")
    parser.add_argument("--shards", type=int, default=8, help="shards to split the runs into")
    parser.add_argument("--runs", type=int, help="runs per variant, overriding the config's")
    parser.add_argument("--out", help="where the merged outputs go (default: CONFIG-out)")
    parser.add_argument("--snapback", default=os.environ.get("SNAPBACK", "snapback"),
                        help="the snapback binary (default: $SNAPBACK, else `snapback` on PATH)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--scheduler", help="an existing cluster's scheduler, tcp://HOST:8786")
    where.add_argument("--local-workers", type=int, default=2,
                       help="worker processes of a local cluster (default 2)")
    where.add_argument("--bench", action="store_true",
                       help="time the sweep on a local cluster of 1 worker, then of 2")
    args = parser.parse_args()
    if not 1 <= args.shards <= 100_000:
        parser.error("--shards must be 1 to 100000")
    snapback = os.path.abspath(args.snapback) if os.sep in args.snapback else args.snapback
    config = os.path.abspath(args.config)
    out = args.out or str(pathlib.Path(args.config).with_suffix("")) + "-out"

    if args.bench:
        timings = {}
        for workers in (1, 2):
            with local_cluster(workers) as cluster, Client(cluster) as client:
                timings[workers] = sweep(client, snapback, config, args.runs, args.shards,
                                         os.path.join(out, f"{workers}-workers"), args.config)
            print(f"{args.shards} shards on {workers} worker{'s' if workers > 1 else ''}: "
                  f"{timings[workers]:.2f} s")
        print(f"2 workers against 1: {timings[1] / timings[2]:.2f}x (the machine's limit is "
              f"{min(2, os.cpu_count() or 1)}.00)")
        return 0
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        client = Client(local_cluster(args.local_workers))
    with client:
        workers = len(client.scheduler_info()["workers"])
        seconds = sweep(client, snapback, config, args.runs, args.shards, out, args.config)
    print(f"{args.shards} shards on {workers} workers in {seconds:.2f} s; merged into {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
