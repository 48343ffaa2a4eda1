//! How each party has met its obligations, for `GET /v1/parties/{id}` and the guarantors page.

use std::collections::BTreeMap;

use serde::Serialize;
use snapback_engine::derived::ObligationStatus;
use snapback_engine::state::ObligationRecord;

/// How a party has met its obligations.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Compliance {
    pub on_time: u64,
    pub late: u64,
    pub overdue: u64,
    pub pending: u64,
}

/// Compliance per party, from the obligations' statuses.
pub fn compliance(obligations: &[ObligationRecord]) -> BTreeMap<String, Compliance> {
    let mut out: BTreeMap<String, Compliance> = BTreeMap::new();
    for o in obligations {
        out.entry(o.party.to_string()).or_default().count(o.status);
    }
    out
}

impl Compliance {
    /// Counts one obligation of this status.
    pub fn count(&mut self, status: ObligationStatus) {
        match status {
            ObligationStatus::Fulfilled => self.on_time += 1,
            ObligationStatus::Late => self.late += 1,
            ObligationStatus::Overdue => self.overdue += 1,
            ObligationStatus::Pending => self.pending += 1,
        }
    }
}
