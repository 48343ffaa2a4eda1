//! The benchmarks' error: a failed step with what it was doing, or a check a benchmark makes on
//! its own input and results that did not hold.

use std::fmt::Display;

/// Why a benchmark could not run, or did not measure what it should.
#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    /// A step failed; `context` says which, `source` why.
    #[error("{context}")]
    Context {
        context: String,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A check on the benchmark's arguments, input or results.
    #[error("{0}")]
    Failed(String),
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Id(#[from] snapback_charter::IdError),
    #[error(transparent)]
    Money(#[from] snapback_charter::MoneyError),
    #[error(transparent)]
    Account(#[from] snapback_fund::AccountError),
    #[error(transparent)]
    Convert(#[from] snapback_ledger::convert::ConvertError),
    #[error(transparent)]
    Ledger(#[from] snapback_ledger::LedgerError),
    #[error(transparent)]
    Entry(#[from] snapback_log::entry::EntryError),
    #[error(transparent)]
    Key(#[from] snapback_log::keys::KeyError),
    #[error(transparent)]
    Store(#[from] snapback_store::StoreError),
    #[error(transparent)]
    Variant(#[from] snapback_sim::variant::VariantError),
    #[error(transparent)]
    Time(#[from] jiff::Error),
    #[error(transparent)]
    Http(#[from] reqwest::Error),
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    #[error(transparent)]
    Join(#[from] tokio::task::JoinError),
    #[error(transparent)]
    ThreadPool(#[from] rayon::ThreadPoolBuildError),
}

pub type Result<T, E = BenchError> = std::result::Result<T, E>;

/// Says what a step was doing when it failed (or found nothing).
pub trait Context<T> {
    fn context(self, context: impl Display) -> Result<T>;
    fn with_context<D: Display>(self, context: impl FnOnce() -> D) -> Result<T>;
}

impl<T, E: std::error::Error + Send + Sync + 'static> Context<T> for std::result::Result<T, E> {
    fn context(self, context: impl Display) -> Result<T> {
        self.map_err(|e| BenchError::Context {
            context: context.to_string(),
            source: Box::new(e),
        })
    }

    fn with_context<D: Display>(self, context: impl FnOnce() -> D) -> Result<T> {
        self.map_err(|e| BenchError::Context {
            context: context().to_string(),
            source: Box::new(e),
        })
    }
}

impl<T> Context<T> for Option<T> {
    fn context(self, context: impl Display) -> Result<T> {
        self.ok_or_else(|| BenchError::Failed(context.to_string()))
    }

    fn with_context<D: Display>(self, context: impl FnOnce() -> D) -> Result<T> {
        self.ok_or_else(|| BenchError::Failed(context().to_string()))
    }
}

/// A [`BenchError::Failed`] from a format string.
macro_rules! failed {
    ($($arg:tt)+) => {
        $crate::error::BenchError::Failed(format!($($arg)+))
    };
}

/// Returns a [`BenchError::Failed`] from a format string.
macro_rules! bail {
    ($($arg:tt)+) => {
        return Err($crate::failed!($($arg)+))
    };
}

/// Returns a [`BenchError::Failed`] unless the condition holds.
macro_rules! ensure {
    ($cond:expr, $($arg:tt)+) => {
        if !$cond {
            $crate::bail!($($arg)+);
        }
    };
}

// Crate-local: the benchmarks' shorthand, not part of the crate's API.
pub(crate) use {bail, ensure, failed};
