//! Reading a [`WireEvent`] into a typed [`Event`]: exactly the type's fields, each checked
//! (text hygiene and length, digests, currencies and amounts, person-chosen ids).

use super::fields::{
    amount, check_digest, check_text, currency, fields_help, optional_label, person_transfer, rate,
};
use snapback_charter::diag::{FieldPath, Problem};
use snapback_charter::suggest::did_you_mean;
use snapback_charter::{Choice, ClaimId, DecisionId, MeasureState};
use snapback_fund::loan::{Amortization, LoanError};

use super::{
    Allegation, CLASSIFIED_IN_CLEAR, CapabilityEvent, ClaimFiled, Classification, DecisionOpened,
    EVENT_TYPES, Event, EventKind, Evidence, EvidenceContent, EvidenceForm, Finding,
    FundAppropriation, FundConditionMet, FundDisbursement, FundFxRate, FundGuarantee,
    FundGuaranteeCall, FundLoan, FundMoney, FundRepayment, LABEL_LEN_MAX, MeasureRecorded,
    MonitorReport, Reply, Seal, TEXT_LEN_MAX, Verdict, VoteCast, WireEvent,
};
use snapback_charter::monitoring::{LABEL_HELP, REPORT_CATEGORIES_MAX, REPORT_COUNT_MAX, is_label};

/// An area, category or flag label, located.
fn label(at: FieldPath, value: &str) -> Result<(), Problem> {
    if is_label(value) {
        Ok(())
    } else {
        Err(Problem::new(at, format!("`{value}` is not a label")).help(LABEL_HELP))
    }
}

impl WireEvent {
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
        note("action", self.action.is_some());
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
        note("flow", self.flow.is_some());
        note("periods_per_year", self.periods_per_year.is_some());
        note("grace_periods", self.grace_periods.is_some());
        note("repayment_periods", self.repayment_periods.is_some());
        note("amortization", self.amortization.is_some());
        note("loan", self.loan.is_some());
        note("source", self.source.is_some());
        note("guarantee", self.guarantee.is_some());
        note("programme", self.programme.is_some());
        note("tranche", self.tranche.is_some());
        note("condition", self.condition.is_some());
        note("aid_type", self.aid_type.is_some());
        note("stage", self.stage.is_some());
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
        note("measure", self.measure.is_some());
        note("state", self.state.is_some());
        note("supersedes", self.supersedes.is_some());
        note("report", self.report.is_some());
        note("area", self.area.is_some());
        note("from", self.from.is_some());
        note("until", self.until.is_some());
        note("counts", self.counts.is_some());
        note("flags", self.flags.is_some());
        note("truce", self.truce.is_some());
        note("accused", self.accused.is_some());
        note("incident", self.incident.is_some());
        note("inconclusive", self.inconclusive.is_some());
        note("attribution", self.attribution.is_some());
        note("tier", self.tier.is_some());
        out
    }

    pub(super) fn read(self, path: &FieldPath, unsealed: bool) -> Result<Event, Problem> {
        let Some((_, required, optional)) =
            EVENT_TYPES.iter().find(|(name, _, _)| *name == self.kind)
        else {
            let names: Vec<&str> = EVENT_TYPES.iter().map(|(n, _, _)| *n).collect();
            let help = match did_you_mean(&self.kind, names.iter().copied()) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!("use one of: {}", names.join(", ")),
            };
            return Err(Problem::new(
                path.key("type"),
                format!("unknown event type `{}`", self.kind),
            )
            .help(help));
        };
        let present = self.present_fields();
        for field in &present {
            if !required.contains(field) && !optional.contains(field) {
                let own = required.iter().chain(optional.iter()).copied();
                let help = fields_help(&self.kind, required, optional);
                let help = match did_you_mean(field, own) {
                    Some(close) => format!("did you mean `{close}`? {help}"),
                    None => help,
                };
                return Err(Problem::new(
                    path.key(field),
                    format!("`{field}` is not a field of a `{}` event", self.kind),
                )
                .help(help));
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
                allegation: Allegation {
                    truce: self.truce,
                    accused: self.accused,
                    incident: self
                        .incident
                        .map(|i| label(path.key("incident"), &i).map(|()| i))
                        .transpose()?,
                },
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
            "motion.tabled" => EventKind::MotionTabled {
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
                let supersedes = self.supersedes.unwrap_or(false);
                if supersedes && self.claim.is_none() {
                    return Err(Problem::new(
                        path.key("supersedes"),
                        "only a further motion in a claim's proceeding can supersede a claim",
                    )
                    .help(
                        "add claim = \"...\" naming the claim it supersedes, or drop supersedes",
                    ));
                }
                let finding = finding(
                    path,
                    self.claim.is_some(),
                    supersedes,
                    self.inconclusive.unwrap_or(false),
                    self.severity,
                    self.tier,
                    self.attribution,
                )?;
                EventKind::DecisionOpened(DecisionOpened {
                    decision,
                    body: self.body.ok_or_else(|| missing("body"))?,
                    motion: text("motion", self.motion, TEXT_LEN_MAX)?,
                    decide_within: self.decide_within.ok_or_else(|| missing("decide_within"))?,
                    claim: self.claim,
                    supersedes,
                    finding,
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
                    decision: self.decision,
                })
            }
            "fund.fx_rate" => EventKind::FundFxRate(FundFxRate {
                currency: currency(path, self.currency)?,
                rate: rate(path, self.rate)?,
                reference: optional_label(path, "reference", self.reference)?,
            }),
            "fund.loan_disbursed" => {
                let currency = currency(path, self.currency)?;
                let amortization = match self.amortization.as_deref().unwrap_or("annuity") {
                    "annuity" => Amortization::Annuity,
                    "linear" => Amortization::Linear,
                    other => {
                        return Err(Problem::new(
                            path.key("amortization"),
                            format!("`{other}` is not a way to repay a loan"),
                        )
                        .help("write \"annuity\" (equal instalments) or \"linear\" (equal parts of principal)"));
                    }
                };
                let loan = FundLoan {
                    transfer: person_transfer(path, self.transfer)?,
                    purpose: self.purpose.ok_or_else(|| missing("purpose"))?,
                    recipient: self.recipient.ok_or_else(|| missing("recipient"))?,
                    amount: amount(path, "amount", self.amount, currency)?,
                    currency,
                    rate: self.rate.map(|r| r.0).unwrap_or_default(),
                    periods_per_year: self.periods_per_year.unwrap_or_default(),
                    grace_periods: self.grace_periods.unwrap_or_default(),
                    repayment_periods: self.repayment_periods.unwrap_or_default(),
                    amortization,
                    reference: text("reference", self.reference, LABEL_LEN_MAX)?,
                };
                // The terms' own checks, each at its field.
                if let Err(e) = loan.terms().validate() {
                    let (field, help) = match e {
                        LoanError::Rate(_) => (
                            "rate",
                            "write the nominal annual rate as a fraction between 0 and 1, such as \"0.03\" for 3%",
                        ),
                        LoanError::PeriodsPerYear(_) => {
                            ("periods_per_year", "write 1, 2, 4 or 12 instalments a year")
                        }
                        LoanError::NoRepayment => (
                            "repayment_periods",
                            "repay the principal in at least one instalment",
                        ),
                        LoanError::TooManyInstalments(_) => (
                            "repayment_periods",
                            "keep grace and repayment within 1,200 instalments",
                        ),
                        _ => (
                            "amount",
                            "write a positive amount with at most the currency's decimals",
                        ),
                    };
                    return Err(Problem::new(path.key(field), e.to_string()).help(help));
                }
                EventKind::FundLoanDisbursed(loan)
            }
            "fund.loan_repaid" => {
                let currency = currency(path, self.currency)?;
                EventKind::FundLoanRepaid(FundRepayment {
                    transfer: person_transfer(path, self.transfer)?,
                    loan: self.loan.ok_or_else(|| missing("loan"))?,
                    amount: amount(path, "amount", self.amount, currency)?,
                    currency,
                    source: optional_label(path, "source", self.source)?,
                    reference: optional_label(path, "reference", self.reference)?,
                })
            }
            "fund.guarantee_issued" => {
                let currency = currency(path, self.currency)?;
                EventKind::FundGuaranteeIssued(FundGuarantee {
                    transfer: person_transfer(path, self.transfer)?,
                    purpose: self.purpose.ok_or_else(|| missing("purpose"))?,
                    recipient: self.recipient.ok_or_else(|| missing("recipient"))?,
                    amount: amount(path, "amount", self.amount, currency)?,
                    currency,
                    valid_until: self.valid_until.ok_or_else(|| missing("valid_until"))?.0,
                    reference: text("reference", self.reference, LABEL_LEN_MAX)?,
                })
            }
            "fund.guarantee_called" => {
                let currency = currency(path, self.currency)?;
                EventKind::FundGuaranteeCalled(FundGuaranteeCall {
                    transfer: person_transfer(path, self.transfer)?,
                    guarantee: self.guarantee.ok_or_else(|| missing("guarantee"))?,
                    amount: amount(path, "amount", self.amount, currency)?,
                    currency,
                    reference: text("reference", self.reference, LABEL_LEN_MAX)?,
                })
            }
            "fund.appropriated" => {
                let currency = currency(path, self.currency)?;
                EventKind::FundAppropriated(FundAppropriation {
                    contributor: self.contributor,
                    amount: amount(path, "amount", self.amount, currency)?,
                    currency,
                    reference: text("reference", self.reference, LABEL_LEN_MAX)?,
                })
            }
            "fund.board_motion" => EventKind::FundBoardMotion(super::board::motion(
                path,
                self.decision.ok_or_else(|| missing("decision"))?,
                &self.action.ok_or_else(|| missing("action"))?,
                super::board::MotionFields {
                    purpose: self.purpose,
                    recipient: self.recipient,
                    amount: self.amount,
                    currency: self.currency,
                    reference: self.reference,
                },
            )?),
            "fund.condition_met" => EventKind::FundConditionMet(FundConditionMet {
                programme: self.programme.ok_or_else(|| missing("programme"))?,
                tranche: self.tranche.ok_or_else(|| missing("tranche"))?,
                condition: self.condition.ok_or_else(|| missing("condition"))?,
                reference: text("reference", self.reference, LABEL_LEN_MAX)?,
            }),
            "measure.recorded" | "measure.relief_reported" => {
                let state = self.state.ok_or_else(|| missing("state"))?;
                let state = MeasureState::from_name(&state).ok_or_else(|| {
                    Problem::new(
                        path.key("state"),
                        format!("`{state}` is not a measure state"),
                    )
                    .help(if self.kind == "measure.recorded" {
                        "record \"in_force\", \"suspended\" or \"terminated\""
                    } else {
                        "report relief as \"suspended\" or \"terminated\""
                    })
                })?;
                let rec = MeasureRecorded {
                    measure: self.measure.ok_or_else(|| missing("measure"))?,
                    state,
                    reference: text("reference", self.reference, LABEL_LEN_MAX)?,
                };
                if self.kind == "measure.recorded" {
                    EventKind::MeasureRecorded(rec)
                } else {
                    EventKind::ReliefReported(rec)
                }
            }
            "measure.relief_vetoed" => EventKind::ReliefVetoed {
                measure: self.measure.ok_or_else(|| missing("measure"))?,
            },
            "monitor.report" => {
                let (Some(from), Some(until)) = (self.from, self.until) else {
                    return Err(missing("from"));
                };
                // `from == until` is an observation at an instant (one reported attack).
                if from.0 > until.0 {
                    return Err(Problem::new(
                        path.key("until"),
                        format!("the report's period ends at {} but starts at {}", until.0, from.0),
                    )
                    .help("`from` is when the observed period starts, `until` when it ends: from <= until (equal for an observation at an instant)"));
                }
                let area = self.area.ok_or_else(|| missing("area"))?;
                label(path.key("area"), &area)?;
                let counts = self.counts.ok_or_else(|| missing("counts"))?;
                if counts.is_empty() {
                    return Err(Problem::new(path.key("counts"), "a report counts at least one category")
                        .help("write counts = { ceasefire-violations = 193 }; a quiet period is a count of 0"));
                }
                let flags = self.flags.unwrap_or_default();
                for (key, map) in [("counts", &counts), ("flags", &flags)] {
                    if map.len() > REPORT_CATEGORIES_MAX {
                        return Err(Problem::new(
                            path.key(key),
                            format!(
                                "{} entries; a report holds at most {REPORT_CATEGORIES_MAX}",
                                map.len()
                            ),
                        ));
                    }
                    for (name, n) in map {
                        label(path.key(key).key(name), name)?;
                        if *n > REPORT_COUNT_MAX {
                            return Err(Problem::new(
                                path.key(key).key(name),
                                format!("{n} is more than a report may count ({REPORT_COUNT_MAX})"),
                            ));
                        }
                    }
                }
                EventKind::MonitorReport(MonitorReport {
                    report: self.report.ok_or_else(|| missing("report"))?,
                    area,
                    from: from.0,
                    until: until.0,
                    counts,
                    flags,
                })
            }
            "reply.filed" => {
                let claim = self.claim.ok_or_else(|| missing("claim"))?;
                let summary = text("summary", self.summary, TEXT_LEN_MAX)?;
                let evidence = match (self.source_kind, self.digest) {
                    (None, None) => None,
                    (Some(kind), Some(digest)) => {
                        check_text(path, "source_kind", &kind, LABEL_LEN_MAX)?;
                        check_digest(&digest).map_err(|m| {
                            Problem::new(path.key("digest"), m)
                                .help("write sha256: followed by the 64 lowercase hex digits of the evidence's SHA-256")
                        })?;
                        Some((kind, digest))
                    }
                    (Some(_), None) => return Err(missing("digest")),
                    (None, Some(_)) => return Err(missing("source_kind")),
                };
                EventKind::ReplyFiled(Reply {
                    claim,
                    summary,
                    evidence,
                })
            }
            "reconsideration.requested" => {
                let claim = self.claim.ok_or_else(|| missing("claim"))?;
                let digest = self.digest.ok_or_else(|| missing("digest"))?;
                check_digest(&digest).map_err(|m| {
                    Problem::new(path.key("digest"), m)
                        .help("write sha256: followed by the 64 lowercase hex digits of the evidence's SHA-256")
                })?;
                EventKind::ReconsiderationRequested {
                    claim,
                    evidence: EvidenceContent {
                        source_kind: text("source_kind", self.source_kind, LABEL_LEN_MAX)?,
                        digest,
                        summary: text("summary", self.summary, TEXT_LEN_MAX)?,
                    },
                }
            }
            "measure.threatened" => EventKind::MeasureThreatened {
                measure: self.measure.ok_or_else(|| missing("measure"))?,
                summary: text("summary", self.summary, TEXT_LEN_MAX)?,
            },
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

/// What a further motion on a claim finds, from its flags: `supersedes`, `inconclusive`, or a
/// grading (`severity`, `attribution`); at most one, and only with `claim`.
fn finding(
    path: &FieldPath,
    has_claim: bool,
    supersedes: bool,
    inconclusive: bool,
    severity: Option<i64>,
    tier: Option<snapback_charter::TierId>,
    attribution: Option<snapback_charter::PartyId>,
) -> Result<Option<Finding>, Problem> {
    let grade = severity.is_some() || tier.is_some() || attribution.is_some();
    let field = if inconclusive {
        "inconclusive"
    } else if severity.is_some() {
        "severity"
    } else if tier.is_some() {
        "tier"
    } else {
        "attribution"
    };
    if (inconclusive || grade) && !has_claim {
        return Err(Problem::new(
            path.key(field),
            "only a further motion in a claim's proceeding makes a finding on a claim",
        )
        .help("add claim = \"...\" naming the claim the motion is about"));
    }
    if usize::from(supersedes) + usize::from(inconclusive) + usize::from(grade) > 1 {
        return Err(Problem::new(
            path.key(field),
            "a motion supersedes a claim, finds it inconclusive, or grades it: one of these",
        )
        .help("open one motion for each finding the body is asked to make"));
    }
    Ok(if inconclusive {
        Some(Finding::Inconclusive)
    } else if grade {
        Some(Finding::Grade {
            severity,
            tier,
            attribution,
        })
    } else {
        None
    })
}
