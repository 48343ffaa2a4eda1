//! The capability tracker's input events: aid commitments and their deliveries, bilateral aid
//! recorded by value, standing production contracts, pre-positioned stock, training cohorts and
//! usage restrictions.
//!
//! They share the flat wire table with every other event ([`WireEvent`]); this module checks
//! their shape (which fields, quantities of at least one, a contract window that is not empty)
//! and converts both ways. Everything that depends on the charter or on earlier events (a lot
//! that exists, stock that suffices) is the engine's to judge.

use jiff::Timestamp;
use rust_decimal::Decimal;
use serde::Serialize;
use snapback_charter::diag::{FieldPath, Problem};
use snapback_charter::time::Instant;
use snapback_charter::{
    Amount, CentreId, CohortId, CommitmentId, ContractId, Currency, Duration, FlowId, ItemId,
    LocationId, LotId, ObligationId, PartyId, RestrictionId,
};

use crate::event::{
    LABEL_LEN_MAX, TEXT_LEN_MAX, WireEvent, amount, check_text, currency, optional_label,
};

/// The most units one event may count: sums over ten million events stay far from `u64::MAX`.
pub const QUANTITY_MAX: u64 = 1_000_000_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CapabilityEvent {
    /// A donor promises items by a date.
    AidCommitted(AidCommitment),
    /// The donor reports items of a commitment on their way.
    AidShipped(AidShipment),
    /// The beneficiary (or the secretariat) reports items received, against a commitment or a
    /// military obligation.
    AidReceived(AidReceipt),
    /// A donor's bilateral aid to the beneficiary by value, as a tracker such as the Kiel
    /// Institute's counts it: never money of the fund, never counted in items.
    AidValued(ValuedAid),
    ContractRegistered(ContractTerms),
    /// Units ordered from a standing contract.
    ContractCalledOff(Draw<ContractId>),
    StockpileStocked(Stocking),
    /// Units taken out of a pre-positioned lot.
    StockpileReleased(Draw<LotId>),
    CohortStarted {
        cohort: CohortId,
        centre: CentreId,
        trainees: u64,
    },
    CohortCompleted {
        cohort: CohortId,
        trainees: u64,
    },
    RestrictionImposed(RestrictionImposed),
    RestrictionLifted {
        restriction: RestrictionId,
        reference: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AidCommitment {
    pub commitment: CommitmentId,
    /// The donor, when the secretariat records a commitment for someone else (who need not be a
    /// party); otherwise the submitting party is the donor.
    pub donor: Option<PartyId>,
    /// `combat-aircraft`, `armoured-vehicles`, `long-range-drones`, `artillery`, `air-defence`,
    /// `munitions`, or another word.
    pub category: String,
    pub item: ItemId,
    pub quantity: u64,
    pub promised: Timestamp,
    pub reference: Option<String>,
    /// When it happened, if earlier than its recording (historical imports).
    pub occurred_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AidShipment {
    pub commitment: CommitmentId,
    pub quantity: u64,
    pub reference: Option<String>,
    pub occurred_at: Option<Timestamp>,
}

/// What a receipt counts toward.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReceiptFor {
    Commitment(CommitmentId),
    Obligation(ObligationId),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AidReceipt {
    pub target: ReceiptFor,
    pub quantity: u64,
    pub reference: Option<String>,
    /// When the items arrived, if earlier than the receipt's recording (historical imports).
    pub occurred_at: Option<Timestamp>,
}

/// What a valued flow is: the Kiel Ukraine Support Tracker's three general aid types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AidType {
    /// In-kind military aid (weapons, equipment, munitions) and money earmarked for it.
    Military,
    /// Budget support: grants, loans, guarantees and swap lines to the beneficiary.
    Financial,
    /// Humanitarian aid: relief in kind and in money.
    Humanitarian,
}

impl AidType {
    pub const ALL: [AidType; 3] = [AidType::Military, AidType::Financial, AidType::Humanitarian];

    pub fn name(self) -> &'static str {
        match self {
            AidType::Military => "military",
            AidType::Financial => "financial",
            AidType::Humanitarian => "humanitarian",
        }
    }

    /// The type a word names, in any case (`Military`, `military`).
    pub fn from_name(word: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|t| t.name().eq_ignore_ascii_case(word.trim()))
    }
}

/// How far a valued flow has come, in the Kiel Institute's terms. The three are never summed
/// together: a commitment is a promise, an allocation aid delivered or specified for delivery,
/// a delivery aid that arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AidStage {
    Committed,
    Allocated,
    Delivered,
}

impl AidStage {
    pub const ALL: [AidStage; 3] = [
        AidStage::Committed,
        AidStage::Allocated,
        AidStage::Delivered,
    ];

    pub fn name(self) -> &'static str {
        match self {
            AidStage::Committed => "committed",
            AidStage::Allocated => "allocated",
            AidStage::Delivered => "delivered",
        }
    }

    pub fn from_name(word: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.name() == word)
    }
}

/// A bilateral aid flow by value (`aid.valued`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValuedAid {
    pub flow: FlowId,
    /// The donor, when the secretariat records a flow for someone else (who need not be a
    /// party); otherwise the submitting party is the donor.
    pub donor: Option<PartyId>,
    pub aid_type: AidType,
    pub stage: AidStage,
    pub amount: Decimal,
    pub currency: Currency,
    pub reference: Option<String>,
    /// When it happened (a tracker's month), if earlier than its recording.
    pub occurred_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractTerms {
    pub contract: ContractId,
    pub supplier: String,
    pub country: String,
    pub item: ItemId,
    /// Units per 30 days at the normal rate.
    pub monthly_capacity: u64,
    /// Units per 30 days once the surge lead time has passed after a call-off.
    pub surge_capacity: u64,
    pub surge_lead_time: Duration,
    pub valid_from: Timestamp,
    pub valid_until: Timestamp,
}

/// Units taken from a source (a lot or a contract), for an obligation if named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draw<Id> {
    pub source: Id,
    pub quantity: u64,
    pub obligation: Option<ObligationId>,
    pub reference: Option<String>,
}

impl<Id: Clone> Draw<Id> {
    /// The engine's own draw for an activated obligation.
    pub fn for_obligation(source: &Id, quantity: u64, obligation: &ObligationId) -> Self {
        Draw {
            source: source.clone(),
            quantity,
            obligation: Some(obligation.clone()),
            reference: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stocking {
    pub lot: LotId,
    pub location: LocationId,
    pub item: ItemId,
    pub quantity: u64,
    pub reference: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestrictionImposed {
    pub restriction: RestrictionId,
    /// The donated system it applies to, as the charter's `[[restriction]]` rules name it.
    pub system: String,
    /// `range`, `territory`, `end-use`, or another word.
    pub restriction_kind: String,
    pub text: String,
}

impl CapabilityEvent {
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::AidCommitted(_) => "aid.committed",
            Self::AidShipped(_) => "aid.shipped",
            Self::AidReceived(_) => "aid.received",
            Self::AidValued(_) => "aid.valued",
            Self::ContractRegistered(_) => "contract.registered",
            Self::ContractCalledOff(_) => "contract.called_off",
            Self::StockpileStocked(_) => "stockpile.stocked",
            Self::StockpileReleased(_) => "stockpile.released",
            Self::CohortStarted { .. } => "training.cohort_started",
            Self::CohortCompleted { .. } => "training.cohort_completed",
            Self::RestrictionImposed(_) => "restriction.imposed",
            Self::RestrictionLifted { .. } => "restriction.lifted",
        }
    }

    /// The typed event of a wire table whose field set has already been checked against
    /// [`crate::event::EVENT_TYPES`].
    pub(crate) fn from_wire(w: WireEvent, path: &FieldPath) -> Result<Self, Problem> {
        let missing =
            |name: &str| Problem::new(path.clone(), format!("a `{}` event needs `{name}`", w.kind));
        let label = |name: &str, value: &Option<String>| -> Result<String, Problem> {
            let value = value.clone().ok_or_else(|| missing(name))?;
            check_text(path, name, &value, LABEL_LEN_MAX)?;
            Ok(value)
        };
        let reference = optional_label(path, "reference", w.reference.clone())?;
        let commitment_id = || -> Result<Option<CommitmentId>, Problem> {
            w.commitment
                .as_deref()
                .map(|c| {
                    CommitmentId::new(c).map_err(|e| {
                        Problem::new(
                            path.key("commitment"),
                            format!("`{c}` is not a commitment id: {e}"),
                        )
                        .help("use 1 to 64 ASCII letters, digits, '.', '_', ':' or '-'")
                    })
                })
                .transpose()
        };
        let event = match w.kind.as_str() {
            "aid.committed" => Self::AidCommitted(AidCommitment {
                commitment: commitment_id()?.ok_or_else(|| missing("commitment"))?,
                donor: w.donor.clone(),
                category: category(path, &label("category", &w.category)?)?,
                item: w.item.clone().ok_or_else(|| missing("item"))?,
                quantity: quantity(path, "quantity", w.quantity)?,
                promised: w.promised.ok_or_else(|| missing("promised"))?.0,
                reference,
                occurred_at: w.occurred_at.map(|i| i.0),
            }),
            "aid.shipped" => Self::AidShipped(AidShipment {
                commitment: commitment_id()?.ok_or_else(|| missing("commitment"))?,
                quantity: quantity(path, "quantity", w.quantity)?,
                reference,
                occurred_at: w.occurred_at.map(|i| i.0),
            }),
            "aid.received" => {
                let target = match (commitment_id()?, w.obligation.clone()) {
                    (Some(c), None) => ReceiptFor::Commitment(c),
                    (None, Some(o)) => ReceiptFor::Obligation(o),
                    _ => {
                        return Err(Problem::new(
                            path.clone(),
                            "a receipt names exactly one of `commitment` or `obligation`",
                        )
                        .help("write commitment = \"...\" for aid committed earlier, or obligation = \"...\" for an activated military obligation"));
                    }
                };
                Self::AidReceived(AidReceipt {
                    target,
                    quantity: quantity(path, "quantity", w.quantity)?,
                    reference,
                    occurred_at: w.occurred_at.map(|i| i.0),
                })
            }
            "aid.valued" => {
                let aid_type = w.aid_type.clone().ok_or_else(|| missing("aid_type"))?;
                let aid_type = AidType::from_name(&aid_type).ok_or_else(|| {
                    Problem::new(
                        path.key("aid_type"),
                        format!("`{aid_type}` is not an aid type"),
                    )
                    .help("write \"military\", \"financial\" or \"humanitarian\"")
                })?;
                let stage = w.stage.clone().ok_or_else(|| missing("stage"))?;
                let stage = AidStage::from_name(&stage).ok_or_else(|| {
                    Problem::new(path.key("stage"), format!("`{stage}` is not a stage of aid"))
                        .help("write \"committed\" (promised), \"allocated\" (delivered or specified for delivery) or \"delivered\"")
                })?;
                let currency = currency(path, w.currency.clone())?;
                Self::AidValued(ValuedAid {
                    flow: w.flow.clone().ok_or_else(|| missing("flow"))?,
                    donor: w.donor.clone(),
                    aid_type,
                    stage,
                    amount: amount(path, "amount", w.amount, currency)?,
                    currency,
                    reference,
                    occurred_at: w.occurred_at.map(|i| i.0),
                })
            }
            "contract.registered" => {
                let valid_from = w.valid_from.ok_or_else(|| missing("valid_from"))?.0;
                let valid_until = w.valid_until.ok_or_else(|| missing("valid_until"))?.0;
                if valid_until <= valid_from {
                    return Err(Problem::new(
                        path.key("valid_until"),
                        format!("the contract ends at {valid_until}, not after it starts at {valid_from}"),
                    )
                    .help("valid_until must be later than valid_from"));
                }
                let surge_capacity = quantity(path, "surge_capacity", w.surge_capacity)?;
                let monthly_capacity = capacity(path, "monthly_capacity", w.monthly_capacity)?;
                Self::ContractRegistered(ContractTerms {
                    contract: w.contract.clone().ok_or_else(|| missing("contract"))?,
                    supplier: label("supplier", &w.supplier)?,
                    country: label("country", &w.country)?,
                    item: w.item.clone().ok_or_else(|| missing("item"))?,
                    monthly_capacity,
                    surge_capacity,
                    surge_lead_time: w
                        .surge_lead_time
                        .ok_or_else(|| missing("surge_lead_time"))?,
                    valid_from,
                    valid_until,
                })
            }
            "contract.called_off" => Self::ContractCalledOff(Draw {
                source: w.contract.clone().ok_or_else(|| missing("contract"))?,
                quantity: quantity(path, "quantity", w.quantity)?,
                obligation: w.obligation.clone(),
                reference,
            }),
            "stockpile.stocked" => {
                let location = label("location", &w.location)?;
                let location = LocationId::new(&location).map_err(|e| {
                    Problem::new(path.key("location"), e.to_string())
                        .help("use a location id from the charter's [[capabilities.location]]")
                })?;
                Self::StockpileStocked(Stocking {
                    lot: w.lot.clone().ok_or_else(|| missing("lot"))?,
                    location,
                    item: w.item.clone().ok_or_else(|| missing("item"))?,
                    quantity: quantity(path, "quantity", w.quantity)?,
                    reference,
                })
            }
            "stockpile.released" => Self::StockpileReleased(Draw {
                source: w.lot.clone().ok_or_else(|| missing("lot"))?,
                quantity: quantity(path, "quantity", w.quantity)?,
                obligation: w.obligation.clone(),
                reference,
            }),
            "training.cohort_started" => Self::CohortStarted {
                cohort: w.cohort.clone().ok_or_else(|| missing("cohort"))?,
                centre: w.centre.clone().ok_or_else(|| missing("centre"))?,
                trainees: quantity(path, "trainees", w.trainees)?,
            },
            "training.cohort_completed" => Self::CohortCompleted {
                cohort: w.cohort.clone().ok_or_else(|| missing("cohort"))?,
                trainees: capacity(path, "trainees", w.trainees)?,
            },
            "restriction.imposed" => Self::RestrictionImposed(RestrictionImposed {
                restriction: w
                    .restriction
                    .clone()
                    .ok_or_else(|| missing("restriction"))?,
                system: label("system", &w.system)?,
                restriction_kind: label("restriction_kind", &w.restriction_kind)?,
                text: {
                    let text = w.text.clone().ok_or_else(|| missing("text"))?;
                    check_text(path, "text", &text, TEXT_LEN_MAX)?;
                    text
                },
            }),
            "restriction.lifted" => Self::RestrictionLifted {
                restriction: w
                    .restriction
                    .clone()
                    .ok_or_else(|| missing("restriction"))?,
                reference,
            },
            other => {
                return Err(Problem::new(
                    path.key("type"),
                    format!("unknown event type `{other}`"),
                ));
            }
        };
        Ok(event)
    }

    /// Fills the wire table's fields for this event.
    /// When the event says it happened, if earlier than its recording.
    pub fn occurred_at(&self) -> Option<Timestamp> {
        match self {
            Self::AidCommitted(c) => c.occurred_at,
            Self::AidShipped(s) => s.occurred_at,
            Self::AidReceived(r) => r.occurred_at,
            Self::AidValued(v) => v.occurred_at,
            _ => None,
        }
    }

    pub(crate) fn to_wire(&self, w: &mut WireEvent) {
        match self {
            Self::AidCommitted(c) => {
                w.commitment = Some(c.commitment.to_string());
                w.donor = c.donor.clone();
                w.category = Some(c.category.clone());
                w.item = Some(c.item.clone());
                w.quantity = Some(c.quantity);
                w.promised = Some(Instant(c.promised));
                w.reference = c.reference.clone();
                w.occurred_at = c.occurred_at.map(Instant);
            }
            Self::AidShipped(s) => {
                w.commitment = Some(s.commitment.to_string());
                w.quantity = Some(s.quantity);
                w.reference = s.reference.clone();
                w.occurred_at = s.occurred_at.map(Instant);
            }
            Self::AidReceived(r) => {
                match &r.target {
                    ReceiptFor::Commitment(c) => w.commitment = Some(c.to_string()),
                    ReceiptFor::Obligation(o) => w.obligation = Some(o.clone()),
                }
                w.quantity = Some(r.quantity);
                w.reference = r.reference.clone();
                w.occurred_at = r.occurred_at.map(Instant);
            }
            Self::AidValued(v) => {
                w.flow = Some(v.flow.clone());
                w.donor = v.donor.clone();
                w.aid_type = Some(v.aid_type.name().to_owned());
                w.stage = Some(v.stage.name().to_owned());
                w.amount = Some(Amount(v.amount));
                w.currency = Some(v.currency.code().to_owned());
                w.reference = v.reference.clone();
                w.occurred_at = v.occurred_at.map(Instant);
            }
            Self::ContractRegistered(t) => {
                w.contract = Some(t.contract.clone());
                w.supplier = Some(t.supplier.clone());
                w.country = Some(t.country.clone());
                w.item = Some(t.item.clone());
                w.monthly_capacity = Some(t.monthly_capacity);
                w.surge_capacity = Some(t.surge_capacity);
                w.surge_lead_time = Some(t.surge_lead_time);
                w.valid_from = Some(Instant(t.valid_from));
                w.valid_until = Some(Instant(t.valid_until));
            }
            Self::ContractCalledOff(d) => {
                w.contract = Some(d.source.clone());
                draw_to_wire(d, w);
            }
            Self::StockpileStocked(s) => {
                w.lot = Some(s.lot.clone());
                w.location = Some(s.location.to_string());
                w.item = Some(s.item.clone());
                w.quantity = Some(s.quantity);
                w.reference = s.reference.clone();
            }
            Self::StockpileReleased(d) => {
                w.lot = Some(d.source.clone());
                draw_to_wire(d, w);
            }
            Self::CohortStarted {
                cohort,
                centre,
                trainees,
            } => {
                w.cohort = Some(cohort.clone());
                w.centre = Some(centre.clone());
                w.trainees = Some(*trainees);
            }
            Self::CohortCompleted { cohort, trainees } => {
                w.cohort = Some(cohort.clone());
                w.trainees = Some(*trainees);
            }
            Self::RestrictionImposed(r) => {
                w.restriction = Some(r.restriction.clone());
                w.system = Some(r.system.clone());
                w.restriction_kind = Some(r.restriction_kind.clone());
                w.text = Some(r.text.clone());
            }
            Self::RestrictionLifted {
                restriction,
                reference,
            } => {
                w.restriction = Some(restriction.clone());
                w.reference = reference.clone();
            }
        }
    }
}

fn draw_to_wire<Id>(d: &Draw<Id>, w: &mut WireEvent) {
    w.quantity = Some(d.quantity);
    w.obligation = d.obligation.clone();
    w.reference = d.reference.clone();
}

/// A count of at least one unit and at most [`QUANTITY_MAX`].
fn quantity(path: &FieldPath, name: &str, value: Option<u64>) -> Result<u64, Problem> {
    let value = capacity(path, name, value)?;
    if value == 0 {
        return Err(Problem::new(path.key(name), format!("`{name}` is zero"))
            .help("count at least one unit"));
    }
    Ok(value)
}

/// A count that may be zero, at most [`QUANTITY_MAX`].
fn capacity(path: &FieldPath, name: &str, value: Option<u64>) -> Result<u64, Problem> {
    let value = value.ok_or_else(|| Problem::new(path.clone(), format!("`{name}` is missing")))?;
    if value > QUANTITY_MAX {
        return Err(Problem::new(
            path.key(name),
            format!("`{name}` is {value}; the most one event counts is {QUANTITY_MAX}"),
        )
        .help("split it over several events"));
    }
    Ok(value)
}

/// A category is one word (the standard ones or another).
fn category(path: &FieldPath, word: &str) -> Result<String, Problem> {
    if word.chars().any(char::is_whitespace) {
        return Err(Problem::new(
            path.key("category"),
            format!("`{word}` is not one word"),
        )
        .help("use combat-aircraft, armoured-vehicles, long-range-drones, artillery, air-defence, munitions, or another word with hyphens"));
    }
    Ok(word.to_owned())
}
