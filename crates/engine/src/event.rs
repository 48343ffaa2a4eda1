//! Input events: what parties submit, in scenarios today and in the signed log later.
//!
//! On the wire an event is one flat table (`at`, `party`, `type` and the type's fields), the same
//! in a scenario's `[[event]]` and in JSON. [`WireEvent`] is that table with every field optional;
//! [`WireEvent::into_event`] checks that exactly the type's fields are present and produces the
//! typed [`Event`] the engine consumes. Shape errors (a missing field, a field of another type,
//! `vote = "yes"` on a claim) are bad input; everything that depends on the charter or the state
//! (standing, deadlines, severity range) is judged by the engine and becomes a rejection.

use jiff::Timestamp;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use snapback_charter::diag::{FieldPath, Problem};
use snapback_charter::time::Instant;
use snapback_charter::{
    Amount, BodyId, CentreId, Choice, ClaimId, CohortId, ContractId, Currency, DecisionId,
    Duration, ItemId, LotId, ObligationId, PartyId, PurposeId, RecipientId, RestrictionId,
    TransferId,
};

use snapback_charter::text::{self, Lines, forbidden_char};

pub use crate::capability::event::*;

/// The longest free text (summary, motion, description) an event may carry, in bytes.
pub const TEXT_LEN_MAX: usize = 4_096;
/// The longest short text (category, source kind, location, reference), in bytes.
pub const LABEL_LEN_MAX: usize = 256;

/// A dated input event submitted by a party.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub at: Timestamp,
    pub party: PartyId,
    pub kind: EventKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventKind {
    ClaimFiled(ClaimFiled),
    ClaimWithdrawn {
        claim: ClaimId,
    },
    EvidenceSubmitted(Evidence),
    MeetingConvened {
        claim: ClaimId,
    },
    VoteCast(VoteCast),
    DecisionOpened(DecisionOpened),
    ObligationFulfilled {
        obligation: ObligationId,
        reference: String,
    },
    /// A contributor commits money to the fund.
    FundPledged(FundMoney),
    /// A contributor's money arrives in the fund (against a surge call if `obligation` is set).
    FundPaidIn(FundMoney),
    /// The fund pays money out for a purpose.
    FundDisbursed(FundDisbursement),
    /// The exchange rate of a currency into the fund's currency of account, from now on.
    FundFxRate(FundFxRate),
    /// Capability tracker events (aid, contracts, stockpiles, training, restrictions).
    Capability(CapabilityEvent),
}

/// Money in: a pledge or a payment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundMoney {
    pub transfer: TransferId,
    /// Whose money, when the manager or the secretariat records it for someone else.
    pub contributor: Option<PartyId>,
    pub amount: Decimal,
    pub currency: Currency,
    /// The surge call being paid (payments only).
    pub obligation: Option<ObligationId>,
    pub reference: Option<String>,
    /// When the money actually moved, if earlier than its recording (historical imports).
    pub value_date: Option<Timestamp>,
}

/// Money out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundDisbursement {
    pub transfer: TransferId,
    pub purpose: PurposeId,
    pub recipient: RecipientId,
    pub amount: Decimal,
    pub currency: Currency,
    pub reference: String,
}

/// `rate` units of the fund's currency buy one unit of `currency`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundFxRate {
    pub currency: Currency,
    pub rate: Decimal,
    pub reference: Option<String>,
}

/// The largest exchange rate accepted (units of the fund's currency per unit).
pub const FX_RATE_MAX: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimFiled {
    pub claim: ClaimId,
    pub category: String,
    /// 1 to 5; the engine rejects other values (a malformed filing is a rejected claim).
    pub severity: i64,
    pub summary: String,
    pub location: Option<String>,
    pub occurred_at: Option<Timestamp>,
}

/// Evidence metadata. The evidence itself never enters snapback: only its digest. Evidence above
/// `public` is sealed: the log (and so the engine) holds only its marking, who it is releasable
/// to and a commitment to its content; the content sits in the access-controlled evidence store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub claim: ClaimId,
    pub classification: Classification,
    pub form: EvidenceForm,
}

/// Public evidence in clear, or classified evidence sealed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvidenceForm {
    Clear(EvidenceContent),
    Sealed(Seal),
}

/// What an evidence item says: in clear for public evidence, sealed for classified evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceContent {
    pub source_kind: String,
    pub digest: String,
    pub summary: String,
}

/// What the log holds of a classified item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seal {
    /// The parties that may read it besides the submitter (sorted, no duplicates).
    pub releasable_to: Vec<PartyId>,
    /// `sha256:` + hex(SHA-256(domain ‖ salt ‖ canonical content)); `None` only for a local
    /// scenario replay of content written in clear, which is sealed when it is signed.
    pub commitment: Option<String>,
}

/// The one source kind every classified item counts as (its real kind is sealed).
pub const CLASSIFIED_SOURCE_KIND: &str = "classified";

/// The stable code of a classified evidence event that carries its content in clear.
pub const CLASSIFIED_IN_CLEAR: &str = "classified_in_clear";

impl Evidence {
    /// The source kind the engine counts: the real one for public evidence, `classified` for
    /// any classified item (so no determination depends on sealed content).
    pub fn counted_kind(&self) -> &str {
        match &self.form {
            EvidenceForm::Clear(c) => &c.source_kind,
            EvidenceForm::Sealed(_) => CLASSIFIED_SOURCE_KIND,
        }
    }
}

/// Who may see an item's metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Classification {
    Public,
    Restricted,
    Confidential,
    Secret,
}

impl Classification {
    pub fn name(self) -> &'static str {
        match self {
            Classification::Public => "public",
            Classification::Restricted => "restricted",
            Classification::Confidential => "confidential",
            Classification::Secret => "secret",
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        [
            Self::Public,
            Self::Restricted,
            Self::Confidential,
            Self::Secret,
        ]
        .into_iter()
        .find(|c| c.name() == name)
    }
}

/// A verdict on a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Founded,
    Unfounded,
    Abstain,
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Founded => "founded",
            Verdict::Unfounded => "unfounded",
            Verdict::Abstain => "abstain",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VoteCast {
    Claim {
        claim: ClaimId,
        verdict: Verdict,
    },
    Decision {
        decision: DecisionId,
        choice: Choice,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionOpened {
    pub decision: DecisionId,
    pub body: BodyId,
    pub motion: String,
    pub decide_within: Duration,
}

impl EventKind {
    /// The wire name of the event type.
    pub fn type_name(&self) -> &'static str {
        match self {
            EventKind::ClaimFiled(_) => "claim.filed",
            EventKind::ClaimWithdrawn { .. } => "claim.withdrawn",
            EventKind::EvidenceSubmitted(_) => "evidence.submitted",
            EventKind::MeetingConvened { .. } => "meeting.convened",
            EventKind::VoteCast(_) => "vote.cast",
            EventKind::DecisionOpened(_) => "decision.opened",
            EventKind::ObligationFulfilled { .. } => "obligation.fulfilled",
            EventKind::FundPledged(_) => "fund.pledged",
            EventKind::FundPaidIn(_) => "fund.paid_in",
            EventKind::FundDisbursed(_) => "fund.disbursed",
            EventKind::FundFxRate(_) => "fund.fx_rate",
            EventKind::Capability(c) => c.type_name(),
        }
    }
}

/// The event types parties submit, with their required and optional fields (besides `at`,
/// `party` and `type`).
pub const EVENT_TYPES: &[(&str, &[&str], &[&str])] = &[
    (
        "claim.filed",
        &["claim", "category", "severity", "summary"],
        &["location", "occurred_at"],
    ),
    ("claim.withdrawn", &["claim"], &[]),
    (
        "evidence.submitted",
        &["claim", "classification"],
        // Public: source_kind, digest, summary. Classified: releasable_to, commitment.
        &[
            "source_kind",
            "digest",
            "summary",
            "releasable_to",
            "commitment",
        ],
    ),
    ("meeting.convened", &["claim"], &[]),
    ("vote.cast", &["vote"], &["claim", "decision"]),
    (
        "decision.opened",
        &["decision", "body", "motion", "decide_within"],
        &[],
    ),
    ("obligation.fulfilled", &["obligation", "reference"], &[]),
    (
        "fund.pledged",
        &["transfer", "amount", "currency"],
        &["contributor", "reference"],
    ),
    (
        "fund.paid_in",
        &["transfer", "amount", "currency"],
        &["contributor", "obligation", "reference", "value_date"],
    ),
    (
        "fund.disbursed",
        &[
            "transfer",
            "purpose",
            "recipient",
            "amount",
            "currency",
            "reference",
        ],
        &[],
    ),
    ("fund.fx_rate", &["currency", "rate"], &["reference"]),
    (
        "aid.committed",
        &["commitment", "category", "item", "quantity", "promised"],
        &["donor", "reference", "occurred_at"],
    ),
    (
        "aid.shipped",
        &["commitment", "quantity"],
        &["reference", "occurred_at"],
    ),
    (
        "aid.received",
        &["quantity"],
        &["commitment", "obligation", "reference", "occurred_at"],
    ),
    (
        "contract.registered",
        &[
            "contract",
            "supplier",
            "country",
            "item",
            "monthly_capacity",
            "surge_capacity",
            "surge_lead_time",
            "valid_from",
            "valid_until",
        ],
        &[],
    ),
    (
        "contract.called_off",
        &["contract", "quantity"],
        &["obligation", "reference"],
    ),
    (
        "stockpile.stocked",
        &["lot", "location", "item", "quantity"],
        &["reference"],
    ),
    (
        "stockpile.released",
        &["lot", "quantity"],
        &["obligation", "reference"],
    ),
    (
        "training.cohort_started",
        &["cohort", "centre", "trainees"],
        &[],
    ),
    ("training.cohort_completed", &["cohort", "trainees"], &[]),
    (
        "restriction.imposed",
        &["restriction", "system", "restriction_kind", "text"],
        &[],
    ),
    ("restriction.lifted", &["restriction"], &["reference"]),
];

/// An event as written: one flat table, every field optional until the type is known.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireEvent {
    pub at: Instant,
    pub party: PartyId,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim: Option<ClaimId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occurred_at: Option<Instant>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classification: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub releasable_to: Option<Vec<PartyId>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<DecisionId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vote: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<BodyId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub motion: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decide_within: Option<Duration>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub obligation: Option<ObligationId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer: Option<TransferId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contributor: Option<PartyId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<PurposeId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<RecipientId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<Amount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_date: Option<Instant>,
    /// An aid commitment's id, or a classified evidence item's commitment (`sha256:` + 64 hex).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commitment: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub donor: Option<PartyId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<ItemId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promised: Option<Instant>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract: Option<ContractId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly_capacity: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub surge_capacity: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub surge_lead_time: Option<Duration>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<Instant>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<Instant>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lot: Option<LotId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cohort: Option<CohortId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub centre: Option<CentreId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trainees: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restriction: Option<RestrictionId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restriction_kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl WireEvent {
    /// An event of type `kind` with no fields but the common three.
    pub fn new(at: Timestamp, party: PartyId, kind: &str) -> Self {
        WireEvent {
            at: Instant(at),
            party,
            kind: kind.to_owned(),
            claim: None,
            category: None,
            severity: None,
            summary: None,
            location: None,
            occurred_at: None,
            source_kind: None,
            classification: None,
            digest: None,
            releasable_to: None,
            decision: None,
            vote: None,
            body: None,
            motion: None,
            decide_within: None,
            obligation: None,
            reference: None,
            transfer: None,
            contributor: None,
            amount: None,
            currency: None,
            purpose: None,
            recipient: None,
            rate: None,
            value_date: None,
            commitment: None,
            donor: None,
            item: None,
            quantity: None,
            promised: None,
            contract: None,
            supplier: None,
            country: None,
            monthly_capacity: None,
            surge_capacity: None,
            surge_lead_time: None,
            valid_from: None,
            valid_until: None,
            lot: None,
            cohort: None,
            centre: None,
            trainees: None,
            restriction: None,
            system: None,
            restriction_kind: None,
            text: None,
        }
    }

    /// The names of the optional fields that are present.
    fn present_fields(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        let mut note = |name: &'static str, present: bool| {
            if present {
                out.push(name);
            }
        };
        note("claim", self.claim.is_some());
        note("category", self.category.is_some());
        note("severity", self.severity.is_some());
        note("summary", self.summary.is_some());
        note("location", self.location.is_some());
        note("occurred_at", self.occurred_at.is_some());
        note("source_kind", self.source_kind.is_some());
        note("classification", self.classification.is_some());
        note("digest", self.digest.is_some());
        note("releasable_to", self.releasable_to.is_some());
        note("decision", self.decision.is_some());
        note("vote", self.vote.is_some());
        note("body", self.body.is_some());
        note("motion", self.motion.is_some());
        note("decide_within", self.decide_within.is_some());
        note("obligation", self.obligation.is_some());
        note("reference", self.reference.is_some());
        note("transfer", self.transfer.is_some());
        note("contributor", self.contributor.is_some());
        note("amount", self.amount.is_some());
        note("currency", self.currency.is_some());
        note("purpose", self.purpose.is_some());
        note("recipient", self.recipient.is_some());
        note("rate", self.rate.is_some());
        note("value_date", self.value_date.is_some());
        note("commitment", self.commitment.is_some());
        note("donor", self.donor.is_some());
        note("item", self.item.is_some());
        note("quantity", self.quantity.is_some());
        note("promised", self.promised.is_some());
        note("contract", self.contract.is_some());
        note("supplier", self.supplier.is_some());
        note("country", self.country.is_some());
        note("monthly_capacity", self.monthly_capacity.is_some());
        note("surge_capacity", self.surge_capacity.is_some());
        note("surge_lead_time", self.surge_lead_time.is_some());
        note("valid_from", self.valid_from.is_some());
        note("valid_until", self.valid_until.is_some());
        note("lot", self.lot.is_some());
        note("cohort", self.cohort.is_some());
        note("centre", self.centre.is_some());
        note("trainees", self.trainees.is_some());
        note("restriction", self.restriction.is_some());
        note("system", self.system.is_some());
        note("restriction_kind", self.restriction_kind.is_some());
        note("text", self.text.is_some());
        out
    }

    /// Checks the event's shape and produces the typed event. `path` locates the event in its
    /// document (`event[3]`) so problems can name the field.
    pub fn into_event(self, path: &FieldPath) -> Result<Event, Problem> {
        self.read(path, false)
    }

    /// Like [`WireEvent::into_event`], for a local scenario file (which is private): a classified
    /// evidence event may be written with its content in clear (`source_kind`, `digest`,
    /// `summary`, and no `commitment`). Its content is returned beside the event, whose seal has
    /// no commitment yet; signing seals it. Any other event reads as with `into_event`.
    pub fn into_local_event(
        mut self,
        path: &FieldPath,
    ) -> Result<(Event, Option<EvidenceContent>), Problem> {
        let classified = self.kind == "evidence.submitted"
            && self
                .classification
                .as_deref()
                .is_some_and(|c| c != "public");
        let clear = self.source_kind.is_some() || self.digest.is_some() || self.summary.is_some();
        if !classified || !clear || self.commitment.is_some() {
            return Ok((self.read(path, false)?, None));
        }
        let missing = |name: &str| {
            Problem::new(
                path.clone(),
                format!("classified evidence written in clear needs `{name}`"),
            )
            .help(
                "write source_kind, digest and summary (signing seals them), or only a commitment",
            )
        };
        let source_kind = self
            .source_kind
            .take()
            .ok_or_else(|| missing("source_kind"))?;
        check_text(path, "source_kind", &source_kind, LABEL_LEN_MAX)?;
        let digest = self.digest.take().ok_or_else(|| missing("digest"))?;
        check_digest(&digest).map_err(|m| Problem::new(path.key("digest"), m))?;
        let summary = self.summary.take().ok_or_else(|| missing("summary"))?;
        check_text(path, "summary", &summary, TEXT_LEN_MAX)?;
        let event = self.read(path, true)?;
        Ok((
            event,
            Some(EvidenceContent {
                source_kind,
                digest,
                summary,
            }),
        ))
    }

    fn read(self, path: &FieldPath, unsealed: bool) -> Result<Event, Problem> {
        let Some((_, required, optional)) =
            EVENT_TYPES.iter().find(|(name, _, _)| *name == self.kind)
        else {
            let names: Vec<&str> = EVENT_TYPES.iter().map(|(n, _, _)| *n).collect();
            return Err(Problem::new(
                path.key("type"),
                format!("unknown event type `{}`", self.kind),
            )
            .help(format!("use one of: {}", names.join(", "))));
        };
        let present = self.present_fields();
        for field in &present {
            if !required.contains(field) && !optional.contains(field) {
                return Err(Problem::new(
                    path.key(field),
                    format!("`{field}` is not a field of a `{}` event", self.kind),
                )
                .help(fields_help(&self.kind, required, optional)));
            }
        }
        for field in *required {
            if !present.contains(field) {
                return Err(Problem::new(
                    path.clone(),
                    format!("a `{}` event needs the field `{field}`", self.kind),
                )
                .help(fields_help(&self.kind, required, optional)));
            }
        }
        if self.kind.starts_with("aid.")
            || self.kind.starts_with("contract.")
            || self.kind.starts_with("stockpile.")
            || self.kind.starts_with("training.")
            || self.kind.starts_with("restriction.")
        {
            let (at, party) = (self.at.0, self.party.clone());
            let kind = EventKind::Capability(CapabilityEvent::from_wire(self, path)?);
            return Ok(Event { at, party, kind });
        }
        let missing = |name: &str| {
            Problem::new(
                path.clone(),
                format!("a `{}` event needs `{name}`", self.kind),
            )
        };
        let text = |name: &str, value: Option<String>, max: usize| -> Result<String, Problem> {
            let value = value.ok_or_else(|| missing(name))?;
            check_text(path, name, &value, max)?;
            Ok(value)
        };
        let kind = match self.kind.as_str() {
            "claim.filed" => EventKind::ClaimFiled(ClaimFiled {
                claim: self.claim.ok_or_else(|| missing("claim"))?,
                category: text("category", self.category, LABEL_LEN_MAX)?,
                severity: self.severity.ok_or_else(|| missing("severity"))?,
                summary: text("summary", self.summary, TEXT_LEN_MAX)?,
                location: self
                    .location
                    .map(|l| check_text(path, "location", &l, LABEL_LEN_MAX).map(|()| l))
                    .transpose()?,
                occurred_at: self.occurred_at.map(|i| i.0),
            }),
            "claim.withdrawn" => EventKind::ClaimWithdrawn {
                claim: self.claim.ok_or_else(|| missing("claim"))?,
            },
            "evidence.submitted" => {
                let classification = self
                    .classification
                    .ok_or_else(|| missing("classification"))?;
                let classification =
                    Classification::from_name(&classification).ok_or_else(|| {
                        Problem::new(
                            path.key("classification"),
                            format!("unknown classification `{classification}`"),
                        )
                        .help("use public, restricted, confidential or secret")
                    })?;
                let claim = self.claim.ok_or_else(|| missing("claim"))?;
                let form = if classification == Classification::Public {
                    for (name, present) in [
                        ("releasable_to", self.releasable_to.is_some()),
                        ("commitment", self.commitment.is_some()),
                    ] {
                        if present {
                            return Err(Problem::new(
                                path.key(name),
                                format!("public evidence has no `{name}`: it is not sealed"),
                            )
                            .help("remove it, or mark the evidence restricted, confidential or secret"));
                        }
                    }
                    let digest = self.digest.ok_or_else(|| missing("digest"))?;
                    check_digest(&digest).map_err(|m| {
                        Problem::new(path.key("digest"), m)
                            .help("write sha256: followed by the 64 lowercase hex digits of the evidence's SHA-256")
                    })?;
                    EvidenceForm::Clear(EvidenceContent {
                        source_kind: text("source_kind", self.source_kind, LABEL_LEN_MAX)?,
                        digest,
                        summary: text("summary", self.summary, TEXT_LEN_MAX)?,
                    })
                } else {
                    for (name, present) in [
                        ("source_kind", self.source_kind.is_some()),
                        ("digest", self.digest.is_some()),
                        ("summary", self.summary.is_some()),
                    ] {
                        if present {
                            return Err(Problem::new(
                                path.key(name),
                                format!(
                                    "{} evidence carries `{name}` in clear; the log never holds classified content",
                                    classification.name()
                                ),
                            )
                            .help("submit only claim, classification, releasable_to and commitment, with the content sealed beside the entry (`snapback submit` and `replay --sign` seal it for you)")
                            .code(CLASSIFIED_IN_CLEAR));
                        }
                    }
                    let releasable_to = self.releasable_to.unwrap_or_default();
                    if let Some(w) = releasable_to.windows(2).find(|w| w[0] >= w[1]) {
                        return Err(Problem::new(
                            path.key("releasable_to"),
                            format!(
                                "`releasable_to` is not sorted without duplicates (`{}` before `{}`)",
                                w[0], w[1]
                            ),
                        )
                        .help("list each party id once, in ascending order"));
                    }
                    let commitment = match self.commitment {
                        Some(c) => {
                            check_digest(&c).map_err(|m| {
                                Problem::new(path.key("commitment"), m).help(
                                    "write sha256: followed by the 64 lowercase hex digits of the commitment",
                                )
                            })?;
                            Some(c)
                        }
                        None if unsealed => None,
                        None => return Err(missing("commitment")),
                    };
                    EvidenceForm::Sealed(Seal {
                        releasable_to,
                        commitment,
                    })
                };
                EventKind::EvidenceSubmitted(Evidence {
                    claim,
                    classification,
                    form,
                })
            }
            "meeting.convened" => EventKind::MeetingConvened {
                claim: self.claim.ok_or_else(|| missing("claim"))?,
            },
            "vote.cast" => {
                EventKind::VoteCast(vote_cast(path, self.claim, self.decision, self.vote)?)
            }
            "decision.opened" => {
                let decision = self.decision.ok_or_else(|| missing("decision"))?;
                if decision.is_derived() {
                    return Err(Problem::new(
                        path.key("decision"),
                        format!("`{decision}` contains '/', which is reserved for decisions the engine opens"),
                    )
                    .help("choose an id without '/'"));
                }
                EventKind::DecisionOpened(DecisionOpened {
                    decision,
                    body: self.body.ok_or_else(|| missing("body"))?,
                    motion: text("motion", self.motion, TEXT_LEN_MAX)?,
                    decide_within: self.decide_within.ok_or_else(|| missing("decide_within"))?,
                })
            }
            "obligation.fulfilled" => EventKind::ObligationFulfilled {
                obligation: self.obligation.ok_or_else(|| missing("obligation"))?,
                reference: text("reference", self.reference, LABEL_LEN_MAX)?,
            },
            "fund.pledged" | "fund.paid_in" => {
                let currency = currency(path, self.currency)?;
                let money = FundMoney {
                    transfer: person_transfer(path, self.transfer)?,
                    contributor: self.contributor,
                    amount: amount(path, "amount", self.amount, currency)?,
                    currency,
                    obligation: self.obligation,
                    reference: optional_label(path, "reference", self.reference)?,
                    value_date: self.value_date.map(|i| i.0),
                };
                if self.kind == "fund.pledged" {
                    EventKind::FundPledged(money)
                } else {
                    EventKind::FundPaidIn(money)
                }
            }
            "fund.disbursed" => {
                let currency = currency(path, self.currency)?;
                EventKind::FundDisbursed(FundDisbursement {
                    transfer: person_transfer(path, self.transfer)?,
                    purpose: self.purpose.ok_or_else(|| missing("purpose"))?,
                    recipient: self.recipient.ok_or_else(|| missing("recipient"))?,
                    amount: amount(path, "amount", self.amount, currency)?,
                    currency,
                    reference: text("reference", self.reference, LABEL_LEN_MAX)?,
                })
            }
            "fund.fx_rate" => EventKind::FundFxRate(FundFxRate {
                currency: currency(path, self.currency)?,
                rate: rate(path, self.rate)?,
                reference: optional_label(path, "reference", self.reference)?,
            }),
            // Unreachable: the type was found in EVENT_TYPES above.
            other => {
                return Err(Problem::new(
                    path.key("type"),
                    format!("unknown event type `{other}`"),
                ));
            }
        };
        Ok(Event {
            at: self.at.0,
            party: self.party,
            kind,
        })
    }
}

/// A currency code that is ISO 4217 with a minor unit.
fn currency(path: &FieldPath, code: Option<String>) -> Result<Currency, Problem> {
    let code = code.unwrap_or_default();
    Currency::parse(&code)
        .map_err(|e| Problem::new(path.key("currency"), e.to_string()).help(e.help()))
}

/// A positive amount that fits its currency.
fn amount(
    path: &FieldPath,
    name: &str,
    value: Option<Amount>,
    currency: Currency,
) -> Result<Decimal, Problem> {
    let value = value.map(|a| a.0).unwrap_or_default();
    currency
        .check_amount(value)
        .map_err(|e| Problem::new(path.key(name), e.to_string()).help(e.help()))?;
    Ok(value)
}

fn rate(path: &FieldPath, value: Option<Amount>) -> Result<Decimal, Problem> {
    let value = value.map(|a| a.0).unwrap_or_default();
    if value <= Decimal::ZERO || value > FX_RATE_MAX {
        return Err(Problem::new(
            path.key("rate"),
            format!("the rate {value} is not between 0 (excluded) and {FX_RATE_MAX}"),
        )
        .help("write how many units of the fund's currency one unit of `currency` buys, such as \"0.9215\""));
    }
    Ok(value)
}

/// A transfer id a person chose (without '/', which the engine reserves for its own).
fn person_transfer(path: &FieldPath, id: Option<TransferId>) -> Result<TransferId, Problem> {
    let id = id.ok_or_else(|| Problem::new(path.clone(), "a fund event needs `transfer`"))?;
    if id.as_str().contains('/') {
        return Err(Problem::new(
            path.key("transfer"),
            format!("`{id}` contains '/', which is reserved for transfers the engine makes"),
        )
        .help("choose an id without '/'"));
    }
    Ok(id)
}

pub(crate) fn optional_label(
    path: &FieldPath,
    name: &str,
    value: Option<String>,
) -> Result<Option<String>, Problem> {
    value
        .map(|v| check_text(path, name, &v, LABEL_LEN_MAX).map(|()| v))
        .transpose()
}

fn fields_help(kind: &str, required: &[&str], optional: &[&str]) -> String {
    let mut text = format!(
        "a `{kind}` event has at, party, type, {}",
        required.join(", ")
    );
    if !optional.is_empty() {
        text.push_str(&format!(" and optionally {}", optional.join(", ")));
    }
    text
}

pub(crate) fn check_text(
    path: &FieldPath,
    name: &str,
    value: &str,
    max: usize,
) -> Result<(), Problem> {
    if value.trim().is_empty() {
        return Err(Problem::new(path.key(name), format!("`{name}` is empty")));
    }
    if value.len() > max {
        return Err(Problem::new(
            path.key(name),
            format!("`{name}` is {} bytes long; the limit is {max}", value.len()),
        )
        .help("shorten it; put long material in evidence and submit its digest"));
    }
    // Long text may span lines; labels may not (see `snapback_charter::text`).
    let lines = if max > LABEL_LEN_MAX {
        Lines::Multi
    } else {
        Lines::Single
    };
    if let Some((offset, c)) = forbidden_char(value, lines) {
        return Err(Problem::new(
            path.key(name),
            format!("`{name}` contains {} at byte {offset}", text::describe(c)),
        )
        .help(text::help(lines)));
    }
    Ok(())
}

/// `sha256:` and 64 lowercase hex digits.
fn check_digest(digest: &str) -> Result<(), String> {
    let hex = digest
        .strip_prefix("sha256:")
        .ok_or_else(|| format!("`{digest}` is not a sha256 digest"))?;
    if hex.len() != 64
        || !hex
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        return Err(format!(
            "`{digest}` does not have 64 lowercase hex digits after sha256:"
        ));
    }
    Ok(())
}

fn vote_cast(
    path: &FieldPath,
    claim: Option<ClaimId>,
    decision: Option<DecisionId>,
    vote: Option<String>,
) -> Result<VoteCast, Problem> {
    let vote = vote.unwrap_or_default();
    match (claim, decision) {
        (Some(claim), None) => {
            let verdict = match vote.as_str() {
                "founded" => Verdict::Founded,
                "unfounded" => Verdict::Unfounded,
                "abstain" => Verdict::Abstain,
                other => {
                    return Err(Problem::new(
                        path.key("vote"),
                        format!("`{other}` is not a vote on a claim"),
                    )
                    .help("a vote on a claim is founded, unfounded or abstain"));
                }
            };
            Ok(VoteCast::Claim { claim, verdict })
        }
        (None, Some(decision)) => {
            let choice = match vote.as_str() {
                "yes" => Choice::Yes,
                "no" => Choice::No,
                "abstain" => Choice::Abstain,
                other => {
                    return Err(Problem::new(
                        path.key("vote"),
                        format!("`{other}` is not a vote on a decision"),
                    )
                    .help("a vote on a decision is yes, no or abstain"));
                }
            };
            Ok(VoteCast::Decision { decision, choice })
        }
        _ => Err(Problem::new(
            path.clone(),
            "a vote names exactly one of `claim` or `decision`",
        )
        .help(
            "write claim = \"...\" to vote on a claim, or decision = \"...\" to vote on a decision",
        )),
    }
}

impl From<&Event> for WireEvent {
    fn from(e: &Event) -> Self {
        let mut w = WireEvent::new(e.at, e.party.clone(), e.kind.type_name());
        match &e.kind {
            EventKind::ClaimFiled(c) => {
                w.claim = Some(c.claim.clone());
                w.category = Some(c.category.clone());
                w.severity = Some(c.severity);
                w.summary = Some(c.summary.clone());
                w.location = c.location.clone();
                w.occurred_at = c.occurred_at.map(Instant);
            }
            EventKind::ClaimWithdrawn { claim } | EventKind::MeetingConvened { claim } => {
                w.claim = Some(claim.clone());
            }
            EventKind::EvidenceSubmitted(ev) => {
                w.claim = Some(ev.claim.clone());
                w.classification = Some(ev.classification.name().to_owned());
                match &ev.form {
                    EvidenceForm::Clear(c) => {
                        w.source_kind = Some(c.source_kind.clone());
                        w.digest = Some(c.digest.clone());
                        w.summary = Some(c.summary.clone());
                    }
                    EvidenceForm::Sealed(s) => {
                        w.releasable_to = Some(s.releasable_to.clone());
                        w.commitment = s.commitment.clone();
                    }
                }
            }
            EventKind::VoteCast(VoteCast::Claim { claim, verdict }) => {
                w.claim = Some(claim.clone());
                w.vote = Some(verdict.name().to_owned());
            }
            EventKind::VoteCast(VoteCast::Decision { decision, choice }) => {
                w.decision = Some(decision.clone());
                w.vote = Some(choice.to_string());
            }
            EventKind::DecisionOpened(d) => {
                w.decision = Some(d.decision.clone());
                w.body = Some(d.body.clone());
                w.motion = Some(d.motion.clone());
                w.decide_within = Some(d.decide_within);
            }
            EventKind::ObligationFulfilled {
                obligation,
                reference,
            } => {
                w.obligation = Some(obligation.clone());
                w.reference = Some(reference.clone());
            }
            EventKind::FundPledged(m) | EventKind::FundPaidIn(m) => {
                w.transfer = Some(m.transfer.clone());
                w.contributor = m.contributor.clone();
                w.amount = Some(Amount(m.amount));
                w.currency = Some(m.currency.code().to_owned());
                w.obligation = m.obligation.clone();
                w.reference = m.reference.clone();
                w.value_date = m.value_date.map(Instant);
            }
            EventKind::FundDisbursed(d) => {
                w.transfer = Some(d.transfer.clone());
                w.purpose = Some(d.purpose.clone());
                w.recipient = Some(d.recipient.clone());
                w.amount = Some(Amount(d.amount));
                w.currency = Some(d.currency.code().to_owned());
                w.reference = Some(d.reference.clone());
            }
            EventKind::FundFxRate(r) => {
                w.currency = Some(r.currency.code().to_owned());
                w.rate = Some(Amount(r.rate));
                w.reference = r.reference.clone();
            }
            EventKind::Capability(c) => c.to_wire(&mut w),
        }
        w
    }
}

impl Serialize for Event {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        WireEvent::from(self).serialize(serializer)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    const D: &str = "sha256:1111111111111111111111111111111111111111111111111111111111111111";

    fn wire(classification: &str) -> WireEvent {
        let mut w = WireEvent::new(
            Timestamp::UNIX_EPOCH,
            PartyId::new("UA").unwrap(),
            "evidence.submitted",
        );
        w.claim = Some(ClaimId::new("C-1").unwrap());
        w.classification = Some(classification.to_owned());
        w
    }

    fn clear(mut w: WireEvent) -> WireEvent {
        w.source_kind = Some("satellite".into());
        w.digest = Some(D.into());
        w.summary = Some("columns".into());
        w
    }

    fn path() -> FieldPath {
        FieldPath::of(&["event"])
    }

    #[test]
    fn classified_content_in_clear_is_refused_with_a_located_code() {
        for field in ["source_kind", "digest", "summary"] {
            let mut w = wire("secret");
            w.commitment = Some(D.into());
            w.releasable_to = Some(vec![]);
            match field {
                "source_kind" => w.source_kind = Some("satellite".into()),
                "digest" => w.digest = Some(D.into()),
                _ => w.summary = Some("columns".into()),
            }
            let p = w.into_event(&path()).unwrap_err();
            assert_eq!(p.code, Some(CLASSIFIED_IN_CLEAR));
            assert_eq!(p.path.to_string(), format!("event.{field}"));
        }
        // Even written entirely in clear, the strict reader (the log's, the server's) refuses.
        let p = clear(wire("restricted")).into_event(&path()).unwrap_err();
        assert_eq!(p.code, Some(CLASSIFIED_IN_CLEAR));
    }

    #[test]
    fn a_sealed_item_reads_and_writes_back_without_content() {
        let mut w = wire("confidential");
        w.commitment = Some(D.into());
        w.releasable_to = Some(vec![
            PartyId::new("GB").unwrap(),
            PartyId::new("US").unwrap(),
        ]);
        let e = w.clone().into_event(&path()).unwrap();
        let EventKind::EvidenceSubmitted(ev) = &e.kind else {
            panic!("not evidence")
        };
        assert_eq!(ev.counted_kind(), CLASSIFIED_SOURCE_KIND);
        let back = WireEvent::from(&e);
        assert_eq!(back, w);
        assert!(back.summary.is_none() && back.digest.is_none() && back.source_kind.is_none());
    }

    #[test]
    fn releasable_to_is_sorted_without_duplicates_and_commitment_is_required() {
        let mut w = wire("secret");
        w.commitment = Some(D.into());
        w.releasable_to = Some(vec![
            PartyId::new("US").unwrap(),
            PartyId::new("GB").unwrap(),
        ]);
        let p = w.clone().into_event(&path()).unwrap_err();
        assert_eq!(p.path.to_string(), "event.releasable_to");
        w.releasable_to = Some(vec![
            PartyId::new("GB").unwrap(),
            PartyId::new("GB").unwrap(),
        ]);
        assert!(w.clone().into_event(&path()).is_err());
        w.releasable_to = None;
        w.commitment = None;
        assert!(w.clone().into_event(&path()).is_err(), "commitment needed");
        w.commitment = Some("sha256:xyz".into());
        assert_eq!(
            w.into_event(&path()).unwrap_err().path.to_string(),
            "event.commitment"
        );
    }

    #[test]
    fn public_evidence_is_unchanged_and_cannot_be_sealed() {
        let e = clear(wire("public")).into_event(&path()).unwrap();
        let EventKind::EvidenceSubmitted(ev) = &e.kind else {
            panic!("not evidence")
        };
        assert_eq!(ev.counted_kind(), "satellite");
        let mut w = clear(wire("public"));
        w.commitment = Some(D.into());
        assert_eq!(
            w.into_event(&path()).unwrap_err().path.to_string(),
            "event.commitment"
        );
    }

    #[test]
    fn a_local_file_may_write_classified_content_in_clear_and_it_is_split_off() {
        let (e, content) = clear(wire("secret")).into_local_event(&path()).unwrap();
        let content = content.expect("content split off");
        assert_eq!(content.summary, "columns");
        let EventKind::EvidenceSubmitted(ev) = &e.kind else {
            panic!("not evidence")
        };
        assert_eq!(
            ev.form,
            EvidenceForm::Sealed(Seal {
                releasable_to: vec![],
                commitment: None
            })
        );
        // Nothing of the content is in the event's wire form.
        let text = serde_json::to_string(&WireEvent::from(&e)).unwrap();
        assert!(
            !text.contains("columns") && !text.contains("satellite"),
            "{text}"
        );
        // Clear content and a commitment at once is ambiguous: refused.
        let mut both = clear(wire("secret"));
        both.commitment = Some(D.into());
        assert_eq!(
            both.into_local_event(&path()).unwrap_err().code,
            Some(CLASSIFIED_IN_CLEAR)
        );
    }
}
