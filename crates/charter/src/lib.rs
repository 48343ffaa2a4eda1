//! # snapback-charter
//!
//! The guarantee written as a typed, effective-dated charter. This crate reads charter text
//! (TOML), reports every problem at `file:line:col` with a hint, validates references and ranges,
//! and provides the exact voting arithmetic the engine applies.
//!
//! It is pure: it never opens files or reads clocks; callers hand it the text and its name.

pub mod describe;
pub mod diag;
pub mod history;
pub mod ids;
pub mod legal_time;
pub mod measure;
pub mod model;
pub mod money;
pub mod monitoring;
mod raw;
pub mod text;
pub mod time;
pub mod treaty;
pub mod truce;
mod validate;
pub mod voting;

pub use diag::{Diagnostics, FieldPath, Problem, Source, SourceError};
pub use history::{CharterHistory, HistoryError};
pub use ids::*;
pub use legal_time::{AnnualDates, AnnualPeriod, LegalInstant, Term, Zone};
pub use measure::{Measure, MeasureOwner, MeasureState, ReliefReview, Renewal};
pub use model::*;
pub use money::{AMOUNT_MAX, Amount, Currency, MoneyError, split_pro_rata};
pub use monitoring::{Alert, AlertAction, Condition, WindowGrid};
pub use time::{Duration, Instant};
pub use truce::{OutOfScope, Truce};
pub use voting::{Choice, Outcome, Rule, Tally, outcome_with_quorum};

/// Reads and validates one charter version from TOML text. All validation problems are
/// reported together, each located at its line and column.
pub fn load_toml(source: &Source) -> Result<Charter, Diagnostics> {
    let raw: raw::RawCharterFile =
        toml::from_str(&source.text).map_err(|e| Diagnostics::one(source.toml_error(&e)))?;
    // Free text anywhere in the charter: no control characters or bidirectional overrides.
    let hygiene = toml::from_str::<toml::Table>(&source.text)
        .map(|table| text::check_table(&table))
        .unwrap_or_default();
    if !hygiene.is_empty() {
        return Err(Diagnostics {
            errors: hygiene
                .into_iter()
                .map(|p| source.toml_problem(p))
                .collect(),
        });
    }
    validate::validate(raw).map_err(|problems| Diagnostics {
        errors: problems
            .into_iter()
            .map(|p| source.toml_problem(p))
            .collect(),
    })
}

#[cfg(test)]
mod tests;
