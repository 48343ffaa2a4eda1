//! The fund's disbursement programmes (`[[fund.programme]]`): tranches paid to a recipient for a
//! purpose once every condition of the tranche is verified by its named party, as the EU's
//! Ukraine Facility pays against the reform milestones of the Ukraine Plan and as the IMF's
//! programme reviews gate its disbursements.
//!
//! A tranche is paid out of the core pool as soon as its last condition is verified. If a
//! condition is still unmet at the tranche's `by` instant, the tranche is held, and what holds it
//! names the condition; it is paid (late) when the condition is verified after all.

use jiff::Timestamp;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::model::Article;
use crate::{ConditionId, PartyIdx, ProgrammeId, PurposeId, RecipientId, TrancheId};

/// What kind of condition a tranche depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ConditionKind {
    /// A reform milestone (a law adopted, an institution set up), verified by the party named.
    Milestone,
    /// A review of an IMF programme completed, as the IMF records it.
    ImfReview,
}

impl ConditionKind {
    pub const ALL: [ConditionKind; 2] = [ConditionKind::Milestone, ConditionKind::ImfReview];

    pub fn name(self) -> &'static str {
        match self {
            ConditionKind::Milestone => "milestone",
            ConditionKind::ImfReview => "imf_review",
        }
    }
}

/// One condition of a tranche, and who verifies it.
#[derive(Debug, Clone)]
pub struct TrancheCondition {
    pub id: ConditionId,
    pub kind: ConditionKind,
    /// What must be done, as the instrument words it.
    pub text: String,
    /// The only party whose `fund.condition_met` counts.
    pub verifier: PartyIdx,
}

/// One tranche of a programme.
#[derive(Debug, Clone)]
pub struct ProgrammeTranche {
    pub id: TrancheId,
    pub amount: Decimal,
    /// The conditions must be met by this instant; a condition still unmet then holds the tranche.
    pub by: Timestamp,
    /// At least one; in charter order.
    pub conditions: Vec<TrancheCondition>,
}

/// A disbursement programme: tranches against conditions.
#[derive(Debug, Clone)]
pub struct Programme {
    pub id: ProgrammeId,
    pub name: String,
    pub recipient: RecipientId,
    /// Allowed in both of the fund's modes, so that a tranche whose conditions are met is never
    /// held by the mode.
    pub purpose: PurposeId,
    /// In charter order, `by` strictly increasing.
    pub tranches: Vec<ProgrammeTranche>,
    pub article: Article,
}

impl Programme {
    pub fn tranche(&self, id: &TrancheId) -> Option<&ProgrammeTranche> {
        self.tranches.iter().find(|t| &t.id == id)
    }
}

impl ProgrammeTranche {
    pub fn condition(&self, id: &ConditionId) -> Option<&TrancheCondition> {
        self.conditions.iter().find(|c| &c.id == id)
    }
}
