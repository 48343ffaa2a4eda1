//! Amendments: a charter is a sequence of versions, each a complete text in force from its
//! `effective` instant until the next version's. A proceeding (a claim or a decision) is governed
//! throughout by the version in force when it opened; a response (tier, packages, obligations) by
//! the version in force when it is activated.

use std::sync::Arc;

use jiff::Timestamp;

use crate::model::Charter;

/// The versions of one charter, ordered by `effective`, strictly increasing.
#[derive(Debug, Clone)]
pub struct CharterHistory {
    versions: Vec<Arc<Charter>>,
}

/// Why a set of charter files is not one charter's history.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HistoryError {
    #[error("no charter given")]
    Empty,
    #[error(
        "version {version} has id `{found}` but the first version has id `{expected}`: amendments must keep the charter id"
    )]
    IdMismatch {
        version: String,
        expected: String,
        found: String,
    },
    #[error(
        "versions {a} and {b} take effect at the same instant {at}: each amendment needs its own `effective`"
    )]
    SameEffective { a: String, b: String, at: Timestamp },
    #[error("version {0} appears twice")]
    DuplicateVersion(String),
}

impl CharterHistory {
    /// Orders the versions by `effective` and checks they belong together.
    pub fn new(mut versions: Vec<Charter>) -> Result<Self, HistoryError> {
        versions.sort_by_key(|c| c.effective);
        let first = versions.first().ok_or(HistoryError::Empty)?;
        for pair in versions.windows(2) {
            let [a, b] = pair else { continue };
            if b.id != first.id {
                return Err(HistoryError::IdMismatch {
                    version: b.version.clone(),
                    expected: first.id.clone(),
                    found: b.id.clone(),
                });
            }
            if a.effective == b.effective {
                return Err(HistoryError::SameEffective {
                    a: a.version.clone(),
                    b: b.version.clone(),
                    at: a.effective,
                });
            }
        }
        for (i, a) in versions.iter().enumerate() {
            if versions.iter().skip(i + 1).any(|b| b.version == a.version) {
                return Err(HistoryError::DuplicateVersion(a.version.clone()));
            }
        }
        Ok(Self {
            versions: versions.into_iter().map(Arc::new).collect(),
        })
    }

    /// A history of one version.
    pub fn single(charter: Charter) -> Self {
        Self {
            versions: vec![Arc::new(charter)],
        }
    }

    /// The version in force at `at`, if any version has taken effect by then.
    pub fn in_force(&self, at: Timestamp) -> Option<&Arc<Charter>> {
        let after = self.versions.partition_point(|c| c.effective <= at);
        after.checked_sub(1).and_then(|i| self.versions.get(i))
    }

    /// All versions, oldest first.
    pub fn versions(&self) -> &[Arc<Charter>] {
        &self.versions
    }

    /// The earliest instant any version is in force.
    pub fn first_effective(&self) -> Timestamp {
        self.versions
            .first()
            .map_or(Timestamp::MAX, |c| c.effective)
    }
}
