//! Explicit identifiers.
//!
//! Every id in snapback is written by a person (a party code, a claim number, a package name), so
//! ids are short, printable and unambiguous in a URL, a file name and a log line: 1 to 64 ASCII
//! letters, digits, `.`, `_`, `:` or `-`. The engine derives ids of its own by joining these with
//! `/` (for example `A3/eu-sanctions/1`), so a `/` never appears in an id a person writes and the
//! two namespaces cannot collide.

use std::borrow::Borrow;
use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The longest id accepted, in bytes.
pub const ID_LEN_MAX: usize = 64;

/// Why a string is not a valid id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("an id cannot be empty")]
    Empty,
    #[error("an id is at most {ID_LEN_MAX} characters, this one has {0}")]
    TooLong(usize),
    #[error("an id may contain only ASCII letters, digits, '.', '_', ':' and '-', not {0:?}")]
    BadChar(char),
}

/// Checks the syntax of a person-written id.
pub fn check_id(text: &str) -> Result<(), IdError> {
    if text.is_empty() {
        return Err(IdError::Empty);
    }
    if text.len() > ID_LEN_MAX {
        return Err(IdError::TooLong(text.len()));
    }
    match text
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | ':' | '-')))
    {
        Some(bad) => Err(IdError::BadChar(bad)),
        None => Ok(()),
    }
}

macro_rules! define_id {
    ($(#[$meta:meta])* $name:ident, derived_allowed = $derived:literal) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(Arc<str>);

        impl $name {
            /// Checks the syntax and wraps the text.
            pub fn new(text: &str) -> Result<Self, IdError> {
                if $derived {
                    // Engine-derived ids are person-written ids joined by '/'.
                    for part in text.split('/') {
                        check_id(part)?;
                    }
                } else {
                    check_id(text)?;
                }
                Ok(Self(Arc::from(text)))
            }

            /// Joins valid ids (or counters such as `A3`) with `/`: how the engine derives ids.
            /// The parts are trusted to be valid ids; this is checked in debug builds only.
            pub fn join(parts: &[&str]) -> Self {
                let text = parts.join("/");
                debug_assert!(Self::new(&text).is_ok(), "derived id {text:?} is not valid");
                Self(Arc::from(text))
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(&*self.0, f)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        /// An id is a JSON string, written in place (no component of its own). Written out here
        /// rather than with the engine's `inline_schema!`, which declares a new marker type and
        /// lives above this crate.
        #[cfg(feature = "schema")]
        impl schemars::JsonSchema for $name {
            fn inline_schema() -> bool {
                true
            }

            fn schema_name() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed(stringify!($name))
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({ "type": "string" })
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                Self::new(&text).map_err(serde::de::Error::custom)
            }
        }
    };
}

define_id!(
    /// A party: a state, an institution, the secretariat (`UA`, `US`, `DE`, `EU`, `SEC`).
    PartyId,
    derived_allowed = false
);
define_id!(
    /// A voting body in the charter.
    BodyId,
    derived_allowed = false
);
define_id!(
    /// A response tier in the charter.
    TierId,
    derived_allowed = false
);
define_id!(
    /// A response package in the charter.
    PackageId,
    derived_allowed = false
);
define_id!(
    /// A claim, chosen by the party that files it.
    ClaimId,
    derived_allowed = false
);
define_id!(
    /// A decision: chosen by whoever opens it, or derived by the engine (`A3/eu-sanctions`).
    DecisionId,
    derived_allowed = true
);
define_id!(
    /// An activation, derived by the engine (`A1`, `A2`, ...).
    ActivationId,
    derived_allowed = true
);
define_id!(
    /// An obligation, derived by the engine (`A1/us-sanctions/1`).
    ObligationId,
    derived_allowed = true
);

define_id!(
    /// A disbursement programme of the fund (`ukraine-facility`).
    ProgrammeId,
    derived_allowed = false
);
define_id!(
    /// A tranche of a programme (`2026-q3`), unique within its programme.
    TrancheId,
    derived_allowed = false
);
define_id!(
    /// A condition a programme tranche depends on (`hqcj-law`), unique within its tranche.
    ConditionId,
    derived_allowed = false
);
define_id!(
    /// A purpose the fund may disburse for (`reconstruction`, `budget-support`).
    PurposeId,
    derived_allowed = false
);
define_id!(
    /// Who receives a disbursement (`UA`, `ua-ministry-of-finance`); not necessarily a party.
    RecipientId,
    derived_allowed = false
);
define_id!(
    /// A transfer in the fund's books: chosen by whoever submits it, or derived by the engine
    /// (`A1/surge/US`).
    TransferId,
    derived_allowed = true
);

define_id!(
    /// An item of military aid as the coalition counts it (`155mm-shell`, `leopard-2a6`).
    ItemId,
    derived_allowed = false
);
define_id!(
    /// A place where stock may be pre-positioned (`PL`, `RO`): a bordering state.
    LocationId,
    derived_allowed = false
);
define_id!(
    /// A training centre in the charter (`de-wildflecken`).
    CentreId,
    derived_allowed = false
);
define_id!(
    /// An aid commitment, chosen by whoever records it.
    CommitmentId,
    derived_allowed = false
);
define_id!(
    /// A bilateral aid flow recorded by value (`aid.valued`), chosen by whoever records it.
    FlowId,
    derived_allowed = false
);
define_id!(
    /// A standing defence-production contract.
    ContractId,
    derived_allowed = false
);
define_id!(
    /// A lot of pre-positioned stock.
    LotId,
    derived_allowed = false
);
define_id!(
    /// A training cohort.
    CohortId,
    derived_allowed = false
);
define_id!(
    /// A usage restriction on donated systems.
    RestrictionId,
    derived_allowed = false
);

define_id!(
    /// A legal measure in the charter's register (`eu-sectoral`, `un-2231-measures`).
    MeasureId,
    derived_allowed = false
);

define_id!(
    /// An alert rule over a monitoring series (`[[alert]]`).
    AlertId,
    derived_allowed = false
);

define_id!(
    /// A monitor's report, chosen by the monitor (`SMM-2022-039`).
    ReportId,
    derived_allowed = false
);

define_id!(
    /// A scoped truce in the charter (`[[truce]]`: `energy-moratorium`).
    TruceId,
    derived_allowed = false
);

impl DecisionId {
    /// Whether the engine, not a person, chose this id.
    pub fn is_derived(&self) -> bool {
        self.0.contains('/')
    }
}

// ---------------------------------------------------------------------------------------------
// Indices into a validated charter's lists: what the engine keys its tables by, so a lookup
// after validation cannot fail on a misspelt id.
// ---------------------------------------------------------------------------------------------

/// Index of a party in [`crate::Charter::parties`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartyIdx(pub u16);

/// Index of a body in [`crate::Charter::bodies`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BodyIdx(pub u16);

/// Index of a package in [`crate::Charter::packages`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PackageIdx(pub u16);

/// Index of a measure in [`crate::Charter::measures`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MeasureIdx(pub u16);

/// Index of a tier in [`crate::Charter::tiers`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TierIdx(pub u16);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_codes_and_rejects_junk() {
        assert!(PartyId::new("UA").is_ok());
        assert!(ClaimId::new("C-2026.001:a_b").is_ok());
        assert_eq!(PartyId::new(""), Err(IdError::Empty));
        assert_eq!(PartyId::new("U A"), Err(IdError::BadChar(' ')));
        assert_eq!(ClaimId::new("a/b"), Err(IdError::BadChar('/')));
        assert!(ObligationId::new("A1/us-sanctions/1").is_ok());
        assert!(ObligationId::new("A1//1").is_err());
        assert_eq!(PartyId::new(&"x".repeat(65)), Err(IdError::TooLong(65)));
    }
}
