//! A simulation sweep on a real Dask cluster (a scheduler and two worker processes on this
//! machine, `cluster/dask_sweep.py`): its shards, merged, are the one-machine run's outputs byte
//! for byte. Runs when Python can import `dask.distributed` (`.ci/run` installs it); in CI its
//! absence is a failure, elsewhere the test is reported as ignored.

use std::process::Command;

use crate::support::{fresh_dir, root, snapback, stderr};

pub fn a_sweep_on_a_local_dask_cluster_merges_to_the_one_machine_bytes(python: String) {
    let dir = fresh_dir("dask-sweep");
    let one = dir.join("one");
    let run = snapback(&[
        "simulate",
        "sims/salami.toml",
        "--runs",
        "30",
        "--out",
        one.to_str().expect("a UTF-8 path"),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let on_dask = dir.join("dask");
    let out = Command::new(python)
        .args(["cluster/dask_sweep.py", "sims/salami.toml", "--runs", "30"])
        .args(["--shards", "7", "--local-workers", "2", "--out"])
        .arg(&on_dask)
        .env("SNAPBACK", env!("CARGO_BIN_EXE_snapback"))
        .current_dir(root())
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with("7 shards on 2 workers in "),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    crate::support::assert_same_files(&one, &on_dask, "the Dask cluster");
    assert_eq!(
        std::fs::read_dir(on_dask.join("shards"))
            .expect("the shards")
            .count(),
        7
    );
}
