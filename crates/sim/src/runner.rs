//! The sweep: every run of every variant, in parallel on a rayon pool, collected in (variant,
//! run) order. Each run depends only on (config, variant, run index), so the result is the same
//! on one thread and on many.

use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;
use snapback_charter::Source;

use crate::capabilities::{Record, RecordError};
use crate::config::Config;
use crate::model::{self, Keys, Prepared, RunOutput};
use crate::record::{SweepResult, VariantInfo};
use crate::variant::{self, VariantError};

/// A config with its variants' charters made: everything a run needs.
#[derive(Debug)]
pub struct Sweep {
    pub config: Config,
    pub variants: Vec<(VariantInfo, Prepared)>,
    pub keys: Keys,
}

/// What a sweep did besides its records.
#[derive(Debug, Clone, Copy, Default)]
pub struct SweepStats {
    /// Claims filed through the engine (each with its votes).
    pub claims: u64,
    pub runs: u64,
}

impl Sweep {
    /// Patches and loads every variant's charter from the base charter's text. A config that
    /// names a capability record needs [`Sweep::with_record`].
    pub fn new(config: Config, base: &Source) -> Result<Sweep, VariantError> {
        Sweep::with_record(config, base, None)
    }

    /// As [`Sweep::new`], with the text of the capability record the config names
    /// (`[simulation] record`), which every run starts from.
    pub fn with_record(
        config: Config,
        base: &Source,
        record: Option<&Source>,
    ) -> Result<Sweep, VariantError> {
        let mut variants = Vec::with_capacity(config.variant.len());
        let record = match (&config.simulation.record, record) {
            (None, _) => None,
            (Some(named), None) => {
                return Err(RecordError::NotGiven {
                    named: named.clone(),
                }
                .into());
            }
            (Some(_), Some(source)) => Some(source),
        };
        let mut read: Option<Record> = None;
        for v in &config.variant {
            let (charter, history) =
                variant::charter(&base.text, &base.origin, v, &config.appropriation)?;
            let info = variant::info(v, &charter);
            if v.response_from_measures && charter.measures.is_empty() {
                return Err(VariantError::NoMeasures {
                    variant: v.name.clone(),
                });
            }
            let lag_s = v
                .aid_lag
                .map_or(0, |d| i64::try_from(d.seconds()).unwrap_or(i64::MAX / 4));
            let mut prepared = Prepared::new(charter, history, &config, lag_s);
            if let Some(source) = record {
                // Every variant's charter has the base charter's effective instant.
                if read.is_none() {
                    let start = config
                        .simulation
                        .start
                        .map_or(prepared.charter.effective, |i| i.0);
                    read = Some(Record::read(source, start)?);
                }
                if let Some(record) = &read {
                    prepared.engine = record.apply(prepared.engine, &v.name)?;
                    prepared.record = record.events().cloned().collect();
                }
            }
            prepared.lag_from_readiness = v.aid_lag_from_readiness;
            prepared.lag_from_appropriations = v.appropriations;
            prepared.follow_measures = v.response_from_measures;
            prepared.response_s = v
                .response_duration
                .map(|d| i64::try_from(d.seconds()).unwrap_or(i64::MAX / 4));
            if prepared.voters.len() > model::VOTERS_MAX {
                return Err(VariantError::TooManyVoters {
                    variant: v.name.clone(),
                    members: prepared.voters.len(),
                    max: model::VOTERS_MAX,
                });
            }
            variants.push((info, prepared));
        }
        for p in &config.voting.party {
            let votes = variants.iter().any(|(_, v)| v.deciders.contains(&p.party));
            if !votes {
                return Err(VariantError::UnusedOverride {
                    party: p.party.to_string(),
                });
            }
        }
        for r in &config.voting.regime_change {
            let votes = variants.iter().any(|(_, v)| v.deciders.contains(&r.party));
            if !votes {
                return Err(VariantError::UnusedRegimeChange {
                    party: r.party.to_string(),
                });
            }
        }
        for b in &config.voting.bloc {
            for member in &b.members {
                let votes = variants.iter().any(|(_, v)| v.deciders.contains(member));
                if !votes {
                    return Err(VariantError::UnusedBlocMember {
                        bloc: b.name.clone(),
                        party: member.to_string(),
                    });
                }
            }
        }
        // A column for the response's duration only where a variant sets one, so the outputs
        // of a config without it keep their columns.
        if config.variant.iter().any(|v| v.response_duration.is_some()) {
            for ((info, _), v) in variants.iter_mut().zip(&config.variant) {
                let lasts = v
                    .response_duration
                    .map_or_else(|| "for good".to_owned(), |d| d.to_string());
                info.parameters
                    .push(("response_duration".to_owned(), lasts));
            }
        }
        let keys = Keys::new(config.simulation.seed);
        Ok(Sweep {
            config,
            variants,
            keys,
        })
    }

    pub fn horizon_days(&self) -> u32 {
        u32::try_from(self.config.simulation.horizon.seconds() / 86_400).unwrap_or(u32::MAX)
    }

    /// One run (for `--replay-run`, with its events).
    pub fn run_one(&self, variant: usize, run: u64, keep_events: bool) -> Option<RunOutput> {
        let (info, prepared) = self.variants.get(variant)?;
        Some(model::run(
            &self.config,
            &info.name,
            prepared,
            &self.keys,
            run,
            keep_events,
        ))
    }

    /// Every run of every variant on `threads` threads (0: rayon's default), counting finished
    /// runs in `progress`.
    pub fn run(
        &self,
        threads: usize,
        progress: &AtomicU64,
    ) -> Result<(SweepResult, SweepStats), rayon::ThreadPoolBuildError> {
        self.run_range(threads, 0..self.config.simulation.runs, progress)
    }

    /// The runs with indices in `runs` of every variant (a shard of the sweep: each run depends
    /// only on its index, so shards computed anywhere merge into the whole sweep).
    pub fn run_range(
        &self,
        threads: usize,
        runs: std::ops::Range<u64>,
        progress: &AtomicU64,
    ) -> Result<(SweepResult, SweepStats), rayon::ThreadPoolBuildError> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()?;
        let jobs: Vec<(usize, u64)> = (0..self.variants.len())
            .flat_map(|v| runs.clone().map(move |r| (v, r)))
            .collect();
        let runs = runs.end.saturating_sub(runs.start);
        let outputs: Vec<(usize, RunOutput)> = pool.install(|| {
            jobs.par_iter()
                .filter_map(|&(v, r)| {
                    let out = self.run_one(v, r, false)?;
                    progress.fetch_add(1, Ordering::Relaxed);
                    Some((v, out))
                })
                .collect()
        });
        let mut by_variant = vec![Vec::with_capacity(runs as usize); self.variants.len()];
        let mut stats = SweepStats::default();
        for (v, out) in outputs {
            stats.claims += out.claims_through_engine;
            stats.runs += 1;
            if let Some(list) = by_variant.get_mut(v) {
                list.push(out.record);
            }
        }
        Ok((
            SweepResult {
                variants: self.variants.iter().map(|(i, _)| i.clone()).collect(),
                runs: by_variant,
                horizon_days: self.horizon_days(),
            },
            stats,
        ))
    }

    /// The index of a variant by name.
    pub fn variant_index(&self, name: &str) -> Option<usize> {
        self.variants.iter().position(|(i, _)| i.name == name)
    }
}
