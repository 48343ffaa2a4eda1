//! # snapback-charter
//!
//! The guarantee written as a typed, effective-dated charter. This crate reads charter text
//! (TOML), reports every problem at `file:line:col` with a hint, validates references and ranges,
//! and provides the exact voting arithmetic the engine applies.
//!
//! It is pure: it never opens files or reads clocks; callers hand it the text and its name.

pub mod board;
pub mod describe;
/// The languages snapback words its text in (the rules, the treaty text, the explanations).
pub use snapback_i18n::Lang;
pub mod diag;
pub mod endpoint;
pub mod history;
pub mod ids;
pub mod legal_time;
pub mod measure;
pub mod model;
pub mod money;
pub mod monitoring;
pub mod programme;
mod raw;
pub mod shape;
pub mod suggest;
pub mod text;
pub mod time;
pub mod treaty;
pub mod truce;
mod validate;
pub mod voting;

pub use board::{BoardPower, BoardThreshold, BoardWeights, FundBoard};
pub use diag::{Diagnostics, FieldPath, Problem, Source, SourceError};
pub use history::{CharterHistory, HistoryError};
pub use ids::*;
pub use legal_time::{AnnualDates, AnnualPeriod, LegalInstant, Term, Zone};
pub use measure::{Measure, MeasureOwner, MeasureState, ReliefReview, Renewal};
pub use model::*;
pub use money::{AMOUNT_MAX, Amount, Currency, MoneyError, split_pro_rata};
pub use monitoring::{Alert, AlertAction, Condition, WindowGrid};
pub use programme::{ConditionKind, Programme, ProgrammeTranche, TrancheCondition};
pub use time::{Duration, Instant};
pub use truce::{OutOfScope, Truce};
pub use voting::{Choice, Outcome, Rule, Tally, outcome_with_quorum};

/// Reads and validates one charter version from TOML text. Every problem is reported in one
/// pass, sorted by position: shape errors (unknown keys, with a suggestion; wrong types; bad
/// values), text hygiene, and the rule checks on every part that parsed.
pub fn load_toml(source: &Source) -> Result<Charter, Diagnostics> {
    let shaped: shape::Shaped<raw::RawCharterFile> =
        shape::read_toml(source, shape::DocumentKind::Charter, &|_, _, keys| keys);
    let mut errors = shaped.errors;
    if shaped.parsed {
        // Free text anywhere in the charter: no control characters or bidirectional overrides.
        let hygiene = toml::from_str::<toml::Table>(&source.text)
            .map(|table| text::check_table(&table))
            .unwrap_or_default();
        errors.extend(hygiene.into_iter().map(|p| source.toml_problem(p)));
    }
    // Rule checks need every table that parsed; without one, they would report what its
    // absence causes, not what is written.
    if let Some(raw) = shaped.value {
        let dropped = shaped.dropped;
        match validate::validate(raw, dropped.clone()) {
            Ok(charter) if errors.is_empty() => return Ok(charter),
            Ok(_) => {}
            Err(problems) => errors.extend(problems.into_iter().map(|p| {
                let path = dropped.original_path(&p.path);
                source.toml_problem(Problem { path, ..p })
            })),
        }
    }
    Err(Diagnostics::by_position(errors))
}

#[cfg(test)]
mod tests;
