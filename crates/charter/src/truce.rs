//! Scoped, two-sided truces (`[[truce]]`): who the sides are, what the truce covers (categories
//! of target, areas), for how long, which body verifies claims under it, and how long the accused
//! side has to reply.
//!
//! A truce is narrower than the charter's ceasefire: the March 2025 energy-infrastructure
//! moratorium covered one category of target for 30 days, the Black Sea arrangement one area.
//! A claim filed under a truce is judged against it: by one side, about another, about an
//! incident inside its scope and its term.

use jiff::Timestamp;

use crate::ids::{BodyIdx, PartyIdx, TruceId};
use crate::model::Article;
use crate::time::Duration;

/// The most sides a truce may have.
pub const TRUCE_SIDES_MAX: usize = 16;

#[derive(Debug, Clone)]
pub struct Truce {
    pub id: TruceId,
    pub name: String,
    /// At least two, distinct.
    pub sides: Vec<PartyIdx>,
    /// Claim categories it covers (empty: every category).
    pub categories: Vec<String>,
    /// Areas it covers, matched against a claim's `location` (empty: everywhere).
    pub areas: Vec<String>,
    /// The term: incidents after `from` and up to `until` are covered.
    pub from: Timestamp,
    pub until: Timestamp,
    /// The body that verifies claims under the truce.
    pub body: BodyIdx,
    /// The accused side's right of reply: how long after the filing it may reply. Until it
    /// replies or this passes, the body cannot determine the claim before its deadline.
    pub reply_within: Option<Duration>,
    pub article: Article,
}

/// Why an incident is outside a truce's scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutOfScope {
    Category {
        covered: String,
    },
    Area {
        covered: String,
    },
    /// The truce names areas and the claim says none.
    NoArea {
        covered: String,
    },
}

impl Truce {
    /// Whether the truce's term covers an incident at `at`: after `from`, up to and including
    /// `until`.
    pub fn in_term(&self, at: Timestamp) -> bool {
        self.from < at && at <= self.until
    }

    /// Whether an incident of `category` at `area` is inside the truce's scope.
    pub fn check_scope(&self, category: &str, area: Option<&str>) -> Result<(), OutOfScope> {
        if !self.categories.is_empty() && !self.categories.iter().any(|c| c == category) {
            return Err(OutOfScope::Category {
                covered: self.categories.join(", "),
            });
        }
        if self.areas.is_empty() {
            return Ok(());
        }
        let covered = self.areas.join(", ");
        match area {
            None => Err(OutOfScope::NoArea { covered }),
            Some(a) if self.areas.iter().any(|x| x == a) => Ok(()),
            Some(_) => Err(OutOfScope::Area { covered }),
        }
    }

    pub fn has_side(&self, party: PartyIdx) -> bool {
        self.sides.contains(&party)
    }
}
