//! The fund report's `programmes` (contract: fields are added, never renamed): each programme of
//! the charter in force, and each of its tranches with its conditions, who verified them and
//! when, and where the tranche stands at the report's `as_of`: waiting, held (naming the
//! conditions that hold it, or the money the pool lacked) or paid.

use jiff::Timestamp;
use rust_decimal::Decimal;
use serde::Serialize;
use snapback_charter::time::{instant_serde, option_instant_serde};
use snapback_charter::{
    Charter, ConditionId, ConditionKind, Currency, Fund, Lang, PartyId, ProgrammeId, TrancheId,
};

use crate::fund::record::{FundRecord, ProgrammeTrancheStep};

/// A disbursement programme: tranches paid against conditions.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "FundProgramme"))]
pub struct ProgrammeReport {
    pub programme: ProgrammeId,
    pub name: String,
    pub recipient: String,
    pub purpose: String,
    /// The article the programme cites (the fund's when it cites none).
    pub article: Option<String>,
    pub tranches: Vec<ProgrammeTrancheReport>,
}

/// Where a programme tranche stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProgrammeTrancheStatus {
    /// Its `by` instant has not come and a condition is still to be verified.
    Waiting,
    /// A condition was unmet at its `by` instant, or the core pool lacked the money.
    Held,
    Paid,
}

/// One tranche of a programme. Amounts are decimal strings in the fund's currency of account.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "FundProgrammeTranche"))]
pub struct ProgrammeTrancheReport {
    pub tranche: TrancheId,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub amount: Decimal,
    /// The conditions are due by this instant.
    #[serde(with = "instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Instant"))]
    pub by: Timestamp,
    pub status: ProgrammeTrancheStatus,
    /// When it was first held.
    #[serde(with = "option_instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Instant>"))]
    pub held_at: Option<Timestamp>,
    /// The conditions not verified at `as_of` (what holds a held tranche).
    pub unmet: Vec<ConditionId>,
    /// When every condition is verified but the tranche is held: what the core pool held.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::DecimalString>")
    )]
    pub available: Option<Decimal>,
    #[serde(with = "option_instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Instant>"))]
    pub paid_at: Option<Timestamp>,
    /// Paid after its `by` instant.
    pub late: bool,
    pub conditions: Vec<ConditionReport>,
    /// Why it stands where it does, naming the conditions (English; the dashboard words it in
    /// the reader's language).
    pub explanation: String,
}

/// One condition of a tranche.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "FundTrancheCondition"))]
pub struct ConditionReport {
    pub condition: ConditionId,
    pub kind: ConditionKind,
    pub text: String,
    /// The party the charter names to verify it.
    pub verifier: PartyId,
    #[serde(with = "option_instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Instant>"))]
    pub met_at: Option<Timestamp>,
    /// The act the verifier cited.
    pub reference: Option<String>,
}

/// Every programme of `fund` as the record stands.
pub fn programmes(charter: &Charter, fund: &Fund, record: &FundRecord) -> Vec<ProgrammeReport> {
    let currency: Currency = fund.currency;
    fund.programmes
        .iter()
        .map(|p| {
            let tranches = p
                .tranches
                .iter()
                .map(|t| {
                    let conditions: Vec<ConditionReport> = t
                        .conditions
                        .iter()
                        .map(|k| {
                            let met = record.conditions.iter().find(|r| {
                                r.programme == p.id && r.tranche == t.id && r.condition == k.id
                            });
                            ConditionReport {
                                condition: k.id.clone(),
                                kind: k.kind,
                                text: k.text.clone(),
                                verifier: charter.party(k.verifier).id.clone(),
                                met_at: met.map(|r| r.at),
                                reference: met.map(|r| r.reference.clone()),
                            }
                        })
                        .collect();
                    let steps = record
                        .programme_steps
                        .iter()
                        .filter(|s| s.programme == p.id && s.tranche == t.id);
                    let mut report = ProgrammeTrancheReport {
                        tranche: t.id.clone(),
                        amount: currency.fixed(t.amount),
                        by: t.by,
                        status: ProgrammeTrancheStatus::Waiting,
                        held_at: None,
                        unmet: conditions
                            .iter()
                            .filter(|c| c.met_at.is_none())
                            .map(|c| c.condition.clone())
                            .collect(),
                        available: None,
                        paid_at: None,
                        late: false,
                        conditions,
                        explanation: String::new(),
                    };
                    for step in steps {
                        match &step.what {
                            ProgrammeTrancheStep::Held { available, .. } => {
                                report.status = ProgrammeTrancheStatus::Held;
                                report.held_at.get_or_insert(step.at);
                                report.available = available.map(|a| currency.fixed(a));
                            }
                            ProgrammeTrancheStep::Paid { late, .. } => {
                                report.status = ProgrammeTrancheStatus::Paid;
                                report.paid_at = Some(step.at);
                                report.late = *late;
                                report.available = None;
                            }
                        }
                    }
                    report
                })
                .collect();
            let mut report = ProgrammeReport {
                programme: p.id.clone(),
                name: p.name.clone(),
                recipient: p.recipient.to_string(),
                purpose: p.purpose.to_string(),
                article: p.article.0.clone().or_else(|| fund.article.0.clone()),
                tranches,
            };
            for i in 0..report.tranches.len() {
                let text = crate::explain::explain_programme_tranche(
                    &report,
                    &report.tranches[i],
                    currency,
                    Lang::En,
                );
                report.tranches[i].explanation = text;
            }
            report
        })
        .collect()
}
