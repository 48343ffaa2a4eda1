//! The wire shape of an event: [`WireEvent`], one flat table with every field optional, and the
//! way back from a typed [`Event`]. Which fields each type takes is in `types.rs`.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use snapback_charter::diag::{FieldPath, Problem};
use snapback_charter::time::Instant;
use snapback_charter::{
    Amount, BodyId, CentreId, ClaimId, CohortId, ContractId, DecisionId, Duration, FlowId, ItemId,
    LotId, MeasureId, ObligationId, PartyId, PurposeId, RecipientId, ReportId, RestrictionId,
    TierId, TransferId, TruceId,
};
use snapback_charter::{ConditionId, ProgrammeId, TrancheId};

use super::fields::{check_digest, check_text};
use super::{
    BoardAction, Event, EventKind, EvidenceContent, EvidenceForm, Finding, LABEL_LEN_MAX,
    TEXT_LEN_MAX, VoteCast,
};

/// How a loan's amortization is written: `annuity` or `linear`.
pub fn amortization_name(a: snapback_fund::loan::Amortization) -> &'static str {
    match a {
        snapback_fund::loan::Amortization::Annuity => "annuity",
        snapback_fund::loan::Amortization::Linear => "linear",
    }
}

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
    /// What a `fund.board_motion` would decide: `return_to_peace`, `exceptional_disbursement`
    /// or `cap_change`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
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
    pub periods_per_year: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grace_periods: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repayment_periods: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amortization: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loan: Option<TransferId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guarantee: Option<TransferId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub programme: Option<ProgrammeId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tranche: Option<TrancheId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<ConditionId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flow: Option<FlowId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aid_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<MeasureId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supersedes: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<ReportId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Instant>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Instant>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counts: Option<std::collections::BTreeMap<String, u64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flags: Option<std::collections::BTreeMap<String, u64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub truce: Option<TruceId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accused: Option<PartyId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incident: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inconclusive: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<PartyId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<TierId>,
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
            action: None,
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
            periods_per_year: None,
            grace_periods: None,
            repayment_periods: None,
            amortization: None,
            loan: None,
            source: None,
            guarantee: None,
            programme: None,
            tranche: None,
            condition: None,
            flow: None,
            aid_type: None,
            stage: None,
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
            measure: None,
            state: None,
            supersedes: None,
            report: None,
            area: None,
            from: None,
            until: None,
            counts: None,
            flags: None,
            truce: None,
            accused: None,
            incident: None,
            inconclusive: None,
            attribution: None,
            tier: None,
        }
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
                w.truce = c.allegation.truce.clone();
                w.accused = c.allegation.accused.clone();
                w.incident = c.allegation.incident.clone();
            }
            EventKind::ClaimWithdrawn { claim }
            | EventKind::MeetingConvened { claim }
            | EventKind::MotionTabled { claim } => {
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
                w.claim = d.claim.clone();
                w.supersedes = d.supersedes.then_some(true);
                match &d.finding {
                    None => {}
                    Some(Finding::Inconclusive) => w.inconclusive = Some(true),
                    Some(Finding::Grade {
                        severity,
                        tier,
                        attribution,
                    }) => {
                        w.severity = *severity;
                        w.tier = tier.clone();
                        w.attribution = attribution.clone();
                    }
                }
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
                w.decision = d.decision.clone();
            }
            EventKind::FundFxRate(r) => {
                w.currency = Some(r.currency.code().to_owned());
                w.rate = Some(Amount(r.rate));
                w.reference = r.reference.clone();
            }
            EventKind::FundLoanDisbursed(l) => {
                w.transfer = Some(l.transfer.clone());
                w.purpose = Some(l.purpose.clone());
                w.recipient = Some(l.recipient.clone());
                w.amount = Some(Amount(l.amount));
                w.currency = Some(l.currency.code().to_owned());
                w.rate = Some(Amount(l.rate));
                w.periods_per_year = Some(l.periods_per_year);
                w.grace_periods = (l.grace_periods > 0).then_some(l.grace_periods);
                w.repayment_periods = Some(l.repayment_periods);
                w.amortization = Some(amortization_name(l.amortization).to_owned());
                w.reference = Some(l.reference.clone());
            }
            EventKind::FundLoanRepaid(r) => {
                w.transfer = Some(r.transfer.clone());
                w.loan = Some(r.loan.clone());
                w.amount = Some(Amount(r.amount));
                w.currency = Some(r.currency.code().to_owned());
                w.source = r.source.clone();
                w.reference = r.reference.clone();
            }
            EventKind::FundGuaranteeIssued(g) => {
                w.transfer = Some(g.transfer.clone());
                w.purpose = Some(g.purpose.clone());
                w.recipient = Some(g.recipient.clone());
                w.amount = Some(Amount(g.amount));
                w.currency = Some(g.currency.code().to_owned());
                w.valid_until = Some(Instant(g.valid_until));
                w.reference = Some(g.reference.clone());
            }
            EventKind::FundGuaranteeCalled(c) => {
                w.transfer = Some(c.transfer.clone());
                w.guarantee = Some(c.guarantee.clone());
                w.amount = Some(Amount(c.amount));
                w.currency = Some(c.currency.code().to_owned());
                w.reference = Some(c.reference.clone());
            }
            EventKind::FundAppropriated(a) => {
                w.contributor = a.contributor.clone();
                w.amount = Some(Amount(a.amount));
                w.currency = Some(a.currency.code().to_owned());
                w.reference = Some(a.reference.clone());
            }
            EventKind::FundBoardMotion(m) => {
                w.decision = Some(m.decision.clone());
                w.reference = m.reference.clone();
                w.action = Some(m.action.power().name().to_owned());
                match &m.action {
                    BoardAction::ReturnToPeace => {}
                    BoardAction::ExceptionalDisbursement {
                        purpose,
                        recipient,
                        amount,
                        currency,
                    } => {
                        w.purpose = Some(purpose.clone());
                        w.recipient = Some(recipient.clone());
                        w.amount = Some(Amount(*amount));
                        w.currency = Some(currency.clone());
                    }
                    BoardAction::CapChange {
                        purpose,
                        amount,
                        currency,
                    } => {
                        w.purpose = Some(purpose.clone());
                        w.amount = Some(Amount(*amount));
                        w.currency = Some(currency.clone());
                    }
                }
            }
            EventKind::FundConditionMet(m) => {
                w.programme = Some(m.programme.clone());
                w.tranche = Some(m.tranche.clone());
                w.condition = Some(m.condition.clone());
                w.reference = Some(m.reference.clone());
            }
            EventKind::Capability(c) => c.to_wire(&mut w),
            EventKind::MeasureRecorded(m) | EventKind::ReliefReported(m) => {
                w.measure = Some(m.measure.clone());
                w.state = Some(m.state.name().to_owned());
                w.reference = Some(m.reference.clone());
            }
            EventKind::MeasureThreatened { measure, summary } => {
                w.measure = Some(measure.clone());
                w.summary = Some(summary.clone());
            }
            EventKind::ReliefVetoed { measure } => w.measure = Some(measure.clone()),
            EventKind::MonitorReport(r) => {
                w.report = Some(r.report.clone());
                w.area = Some(r.area.clone());
                w.from = Some(Instant(r.from));
                w.until = Some(Instant(r.until));
                w.counts = Some(r.counts.clone());
                w.flags = (!r.flags.is_empty()).then(|| r.flags.clone());
            }
            EventKind::ReplyFiled(r) => {
                w.claim = Some(r.claim.clone());
                w.summary = Some(r.summary.clone());
                if let Some((kind, digest)) = &r.evidence {
                    w.source_kind = Some(kind.clone());
                    w.digest = Some(digest.clone());
                }
            }
            EventKind::ReconsiderationRequested { claim, evidence } => {
                w.claim = Some(claim.clone());
                w.source_kind = Some(evidence.source_kind.clone());
                w.digest = Some(evidence.digest.clone());
                w.summary = Some(evidence.summary.clone());
            }
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
    use crate::event::*;

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
