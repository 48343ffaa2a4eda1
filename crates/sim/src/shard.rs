//! Sweeps split into shards that any machine can compute (`snapback simulate CONFIG --shard
//! i/N`), and their merge (`snapback simulate merge`) into the outputs of a one-machine run,
//! byte for byte.
//!
//! A run depends only on (config, variant, run index), so shard `i` of `N` is simply the runs
//! with indices in `[⌊(i − 1)·R/N⌋, ⌊i·R/N⌋)` of every variant. A shard file holds those records
//! losslessly (JSON; floats read back exactly) with what the merge checks: the config's SHA-256,
//! `i`, `N`, the run range, the variants and the horizon. The merge refuses shards of another
//! config, a missing or repeated shard, or records that are not the range they claim.

use std::ops::Range;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use thiserror::Error;

use crate::record::{RunRecord, SweepResult, VariantInfo};

/// What a shard file says it is.
/// Version 2 adds `inputs_sha256` (the charter and the capability record).
pub const SHARD_FORMAT: &str = "snapback-sim-shard/2";
/// The most shards a sweep may be split into.
pub const SHARDS_MAX: u64 = 100_000;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum ShardError {
    #[error("`{0}` is not a shard: write i/N with 1 ≤ i ≤ N ≤ {SHARDS_MAX}, for example 3/8")]
    Spec(String),
    #[error("{file}: not a shard file of this snapback ({why})")]
    Format { file: String, why: String },
    #[error(
        "{file}: a shard of another config (its SHA-256 is {found}, the config's is {expected})"
    )]
    OtherConfig {
        file: String,
        found: String,
        expected: String,
    },
    #[error(
        "{file}: a shard computed over another charter or capability record (their SHA-256 is {found}, this machine's files give {expected}); give every machine the same files"
    )]
    OtherInputs {
        file: String,
        found: String,
        expected: String,
    },
    #[error("{file}: shard {shard} of {shards}, but the others are of {expected}")]
    OtherSplit {
        file: String,
        shard: u64,
        shards: u64,
        expected: u64,
    },
    #[error("shard {shard} of {shards} is given twice ({first} and {second})")]
    Twice {
        shard: u64,
        shards: u64,
        first: String,
        second: String,
    },
    #[error("missing shard{} {} of {shards}: run them with --shard i/{shards}", if .missing.len() == 1 { "" } else { "s" }, .missing.iter().map(u64::to_string).collect::<Vec<_>>().join(", "))]
    Missing { missing: Vec<u64>, shards: u64 },
    #[error("{file}: {why}")]
    Inconsistent { file: String, why: String },
    #[error("no shard files given")]
    None,
}

/// Parses `i/N`.
pub fn parse_spec(text: &str) -> Result<(u64, u64), ShardError> {
    let bad = || ShardError::Spec(text.to_owned());
    let (i, n) = text.split_once('/').ok_or_else(bad)?;
    let (i, n): (u64, u64) = (
        i.trim().parse().map_err(|_| bad())?,
        n.trim().parse().map_err(|_| bad())?,
    );
    if i == 0 || i > n || n > SHARDS_MAX {
        return Err(bad());
    }
    Ok((i, n))
}

/// The run indices of shard `i` of `n` (1-based) when every variant has `runs` runs.
pub fn range(i: u64, n: u64, runs: u64) -> Range<u64> {
    let at = |k: u64| (u128::from(k) * u128::from(runs) / u128::from(n.max(1))) as u64;
    at(i.saturating_sub(1))..at(i)
}

/// One shard's records and what identifies them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shard {
    pub format: String,
    pub config_sha256: String,
    /// [`inputs_sha256`] of the base charter and the capability record the runs used.
    pub inputs_sha256: String,
    pub shard: u64,
    pub shards: u64,
    pub runs_per_variant: u64,
    pub first_run: u64,
    pub end_run: u64,
    pub horizon_days: u32,
    pub variants: Vec<VariantInfo>,
    /// `runs[v]`: the records of variant `v` in this shard, by run index.
    pub runs: Vec<Vec<RunRecord>>,
}

impl Shard {
    /// The shard made of `result` (the runs of `range(shard, shards, runs_per_variant)`).
    pub fn new(
        (config_sha256, inputs_sha256): (&str, &str),
        shard: u64,
        shards: u64,
        runs_per_variant: u64,
        result: SweepResult,
    ) -> Shard {
        let span = range(shard, shards, runs_per_variant);
        Shard {
            format: SHARD_FORMAT.to_owned(),
            config_sha256: config_sha256.to_owned(),
            inputs_sha256: inputs_sha256.to_owned(),
            shard,
            shards,
            runs_per_variant,
            first_run: span.start,
            end_run: span.end,
            horizon_days: result.horizon_days,
            variants: result.variants,
            runs: result.runs,
        }
    }

    /// The file name a shard is written to.
    pub fn file_name(&self) -> String {
        format!("shard-{}-of-{}.json", self.shard, self.shards)
    }
}

/// What the runs read besides the config: the base charter's text and the capability record's,
/// each hashed with its length first, so that no two pairs of texts share a digest by
/// concatenation.
pub fn inputs_sha256(charter: &str, record: Option<&str>) -> String {
    let mut h = Sha256::new();
    for text in [Some(charter), record] {
        match text {
            Some(t) => {
                h.update(b"1");
                h.update((t.len() as u64).to_le_bytes());
                h.update(t.as_bytes());
            }
            None => h.update(b"0"),
        }
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Merges shards (each with the file it came from, for messages) of the config whose SHA-256 is
/// `config_sha256`, run over the inputs whose digest is `inputs_sha256`, into the whole sweep,
/// checking that they are exactly shards 1 to N of it.
pub fn merge(
    shards: Vec<(String, Shard)>,
    (config_sha256, inputs_sha256): (&str, &str),
) -> Result<SweepResult, ShardError> {
    let Some((_, first)) = shards.first() else {
        return Err(ShardError::None);
    };
    let (n, runs_per_variant, horizon_days, variants) = (
        first.shards,
        first.runs_per_variant,
        first.horizon_days,
        first.variants.clone(),
    );
    let mut slots: Vec<Option<(String, Shard)>> = vec![None; usize::try_from(n).unwrap_or(0)];
    for (file, shard) in shards {
        let inconsistent = |why: String| ShardError::Inconsistent {
            file: file.clone(),
            why,
        };
        if shard.format != SHARD_FORMAT {
            return Err(ShardError::Format {
                file,
                why: format!("format `{}`, expected `{SHARD_FORMAT}`", shard.format),
            });
        }
        if shard.config_sha256 != config_sha256 {
            return Err(ShardError::OtherConfig {
                file,
                found: shard.config_sha256,
                expected: config_sha256.to_owned(),
            });
        }
        if shard.inputs_sha256 != inputs_sha256 {
            return Err(ShardError::OtherInputs {
                file,
                found: shard.inputs_sha256,
                expected: inputs_sha256.to_owned(),
            });
        }
        if shard.shards != n || shard.shard == 0 || shard.shard > n {
            return Err(ShardError::OtherSplit {
                file,
                shard: shard.shard,
                shards: shard.shards,
                expected: n,
            });
        }
        if shard.runs_per_variant != runs_per_variant
            || shard.horizon_days != horizon_days
            || shard.variants != variants
        {
            return Err(inconsistent(
                "its runs per variant, horizon or variants differ from the other shards'"
                    .to_owned(),
            ));
        }
        let span = range(shard.shard, n, runs_per_variant);
        if (shard.first_run, shard.end_run) != (span.start, span.end) {
            return Err(inconsistent(format!(
                "it says runs {} to {}, but shard {} of {n} is runs {} to {}",
                shard.first_run, shard.end_run, shard.shard, span.start, span.end
            )));
        }
        if shard.runs.len() != variants.len() {
            return Err(inconsistent(format!(
                "{} lists of runs for {} variants",
                shard.runs.len(),
                variants.len()
            )));
        }
        for (v, list) in shard.runs.iter().enumerate() {
            let indices: Vec<u64> = list.iter().map(|r| r.run).collect();
            let expected: Vec<u64> = span.clone().collect();
            let names_match = list.iter().all(|r| r.variant == variants[v].name);
            if indices != expected || !names_match {
                return Err(inconsistent(format!(
                    "variant `{}` does not hold exactly runs {} to {}",
                    variants[v].name, span.start, span.end
                )));
            }
        }
        let slot = usize::try_from(shard.shard - 1).unwrap_or(usize::MAX);
        match slots.get_mut(slot) {
            Some(Some((earlier, _))) => {
                return Err(ShardError::Twice {
                    shard: shard.shard,
                    shards: n,
                    first: earlier.clone(),
                    second: file,
                });
            }
            Some(empty) => *empty = Some((file, shard)),
            None => {
                return Err(inconsistent("its shard number is out of range".to_owned()));
            }
        }
    }
    let missing: Vec<u64> = slots
        .iter()
        .enumerate()
        .filter(|(_, s)| s.is_none())
        .map(|(k, _)| k as u64 + 1)
        .collect();
    if !missing.is_empty() {
        return Err(ShardError::Missing { missing, shards: n });
    }
    let mut runs: Vec<Vec<RunRecord>> = variants
        .iter()
        .map(|_| Vec::with_capacity(usize::try_from(runs_per_variant).unwrap_or(0)))
        .collect();
    for (_, shard) in slots.into_iter().flatten() {
        for (all, part) in runs.iter_mut().zip(shard.runs) {
            all.extend(part);
        }
    }
    Ok(SweepResult {
        variants,
        runs,
        horizon_days,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_cover_every_run_once_in_order() {
        for (runs, n) in [(10u64, 1u64), (10, 3), (7, 7), (5, 7), (10_000, 13)] {
            let mut next = 0;
            for i in 1..=n {
                let r = range(i, n, runs);
                assert_eq!(r.start, next, "{runs} runs, {n} shards");
                next = r.end;
            }
            assert_eq!(next, runs);
        }
    }

    #[test]
    fn the_inputs_digest_tells_charters_and_records_apart() {
        let plain = inputs_sha256("charter", None);
        assert_eq!(plain.len(), 64);
        assert_eq!(plain, inputs_sha256("charter", None));
        assert_ne!(plain, inputs_sha256("charter", Some("")));
        assert_ne!(
            inputs_sha256("ab", Some("c")),
            inputs_sha256("a", Some("bc"))
        );
        assert_ne!(plain, inputs_sha256("charter2", None));
    }

    #[test]
    fn a_shard_spec_is_i_of_n() {
        assert_eq!(parse_spec("3/8"), Ok((3, 8)));
        assert_eq!(parse_spec("1/1"), Ok((1, 1)));
        for bad in ["0/3", "4/3", "3", "a/b", "1/0", "1/100001"] {
            assert_eq!(
                parse_spec(bad),
                Err(ShardError::Spec(bad.to_owned())),
                "{bad}"
            );
        }
    }
}
