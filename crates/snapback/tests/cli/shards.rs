//! `snapback simulate CONFIG --shard I/N` and `snapback simulate merge`: the merge of 1, 2 and
//! 7 shards writes the bytes of a one-machine run, and a wrong set of shards is refused.

use std::path::{Path, PathBuf};

use crate::log::fresh_dir;
use crate::support::assert_same_files;
use crate::{path_arg as p, snapback, stderr, stdout, temp_file};

const RUNS: &str = "20";

fn one_machine(dir: &Path) -> PathBuf {
    let out = dir.join("one");
    let run = snapback(&[
        "simulate",
        "sims/salami.toml",
        "--runs",
        RUNS,
        "--out",
        p(&out),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    out
}

fn shards(dir: &Path, n: u64) -> Vec<PathBuf> {
    let out = dir.join(format!("shards-{n}"));
    (1..=n)
        .map(|i| {
            let run = snapback(&[
                "simulate",
                "sims/salami.toml",
                "--runs",
                RUNS,
                "--shard",
                &format!("{i}/{n}"),
                "--out",
                p(&out),
            ]);
            assert!(run.status.success(), "{}", stderr(&run));
            assert!(
                stdout(&run).starts_with(&format!("shard {i} of {n}: runs ")),
                "{}",
                stdout(&run)
            );
            out.join(format!("shard-{i}-of-{n}.json"))
        })
        .collect()
}

fn merge(files: &[PathBuf], out: &Path) -> std::process::Output {
    let mut args = vec!["simulate", "merge", "sims/salami.toml"];
    args.extend(files.iter().map(|f| p(f)));
    args.extend(["--out", p(out)]);
    snapback(&args)
}

#[test]
fn merged_shards_are_the_one_machine_run_byte_for_byte() {
    let dir = fresh_dir("shards");
    let one = one_machine(&dir);
    for n in [1u64, 2, 7] {
        let mut files = shards(&dir, n);
        // The merge takes the shards in any order.
        files.reverse();
        let merged = dir.join(format!("merged-{n}"));
        let out = merge(&files, &merged);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_same_files(&one, &merged, &format!("merging {n} shards"));
    }
}

#[test]
fn a_wrong_set_of_shards_is_refused() {
    let dir = fresh_dir("shards-wrong");
    let files = shards(&dir, 3);
    let out = merge(&files[..2], &dir.join("missing"));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("missing shard 3 of 3: run them with --shard i/3"),
        "{}",
        stderr(&out)
    );
    let twice = [
        files[0].clone(),
        files[1].clone(),
        files[1].clone(),
        files[2].clone(),
    ];
    let out = merge(&twice, &dir.join("twice"));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("shard 2 of 3 is given twice"),
        "{}",
        stderr(&out)
    );
    // A shard of another config (here: the same file with a changed seed).
    let other = temp_file(
        "shards-other.toml",
        &std::fs::read_to_string(crate::root().join("sims/salami.toml"))
            .expect("salami.toml")
            .replace("seed = 20261128", "seed = 1")
            // The merge reads the charter too (its digest is checked): name it from here.
            .replace(
                "../charters/ukraine.toml",
                &crate::root()
                    .join("charters/ukraine.toml")
                    .display()
                    .to_string(),
            ),
    );
    let mut args = vec!["simulate", "merge", p(&other)];
    args.extend(files.iter().map(|f| p(f)));
    let out = snapback(&args);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("a shard of another config"),
        "{}",
        stderr(&out)
    );
    // Shards computed over a charter that has changed since.
    let copy = fresh_dir("shards-inputs");
    for (from, to) in [
        ("sims/salami.toml", "sims"),
        ("charters/ukraine.toml", "charters"),
    ] {
        std::fs::create_dir_all(copy.join(to)).expect("dir");
        std::fs::copy(crate::root().join(from), copy.join(from)).expect("copy");
    }
    let config = copy.join("sims/salami.toml");
    let out = snapback(&[
        "simulate",
        p(&config),
        "--runs",
        "2",
        "--shard",
        "1/1",
        "--out",
        p(&copy.join("s")),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let charter = copy.join("charters/ukraine.toml");
    let text = std::fs::read_to_string(&charter).expect("charter");
    std::fs::write(&charter, text + "\n# amended since\n").expect("charter");
    let shard = copy.join("s/shard-1-of-1.json");
    let out = snapback(&["simulate", "merge", p(&config), p(&shard)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("a shard computed over another charter or capability record"),
        "{}",
        stderr(&out)
    );
    let out = snapback(&["simulate", "sims/salami.toml", "--shard", "4/3"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("`4/3` is not a shard"),
        "{}",
        stderr(&out)
    );
}
