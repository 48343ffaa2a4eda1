//! The event types parties submit and the fields each takes: the one table the reader checks an
//! event's fields against, the scenario reader suggests keys from, and the schemas list.

/// The event types parties submit, with their required and optional fields (besides `at`,
/// `party` and `type`).
pub const EVENT_TYPES: &[(&str, &[&str], &[&str])] = &[
    (
        "claim.filed",
        &["claim", "category", "severity", "summary"],
        &["location", "occurred_at", "truce", "accused", "incident"],
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
    ("motion.tabled", &["claim"], &[]),
    ("vote.cast", &["vote"], &["claim", "decision"]),
    (
        "decision.opened",
        &["decision", "body", "motion", "decide_within"],
        &[
            "claim",
            "supersedes",
            "inconclusive",
            "severity",
            "tier",
            "attribution",
        ],
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
        &["decision"],
    ),
    ("fund.fx_rate", &["currency", "rate"], &["reference"]),
    (
        "fund.loan_disbursed",
        &[
            "transfer",
            "purpose",
            "recipient",
            "amount",
            "currency",
            "rate",
            "periods_per_year",
            "repayment_periods",
            "reference",
        ],
        &["grace_periods", "amortization"],
    ),
    (
        "fund.loan_repaid",
        &["transfer", "loan", "amount", "currency"],
        &["source", "reference"],
    ),
    (
        "fund.guarantee_issued",
        &[
            "transfer",
            "purpose",
            "recipient",
            "amount",
            "currency",
            "valid_until",
            "reference",
        ],
        &[],
    ),
    (
        "fund.guarantee_called",
        &["transfer", "guarantee", "amount", "currency", "reference"],
        &[],
    ),
    (
        "fund.appropriated",
        &["amount", "currency", "reference"],
        &["contributor"],
    ),
    (
        "fund.board_motion",
        &["decision", "action"],
        &["purpose", "recipient", "amount", "currency", "reference"],
    ),
    (
        "fund.condition_met",
        &["programme", "tranche", "condition", "reference"],
        &[],
    ),
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
        "aid.valued",
        &["flow", "aid_type", "stage", "amount", "currency"],
        &["donor", "reference", "occurred_at"],
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
    ("measure.recorded", &["measure", "state", "reference"], &[]),
    ("measure.threatened", &["measure", "summary"], &[]),
    (
        "measure.relief_reported",
        &["measure", "state", "reference"],
        &[],
    ),
    ("measure.relief_vetoed", &["measure"], &[]),
    (
        "monitor.report",
        &["report", "area", "from", "until", "counts"],
        &["flags"],
    ),
    (
        "reply.filed",
        &["claim", "summary"],
        &["source_kind", "digest"],
    ),
    (
        "reconsideration.requested",
        &["claim", "source_kind", "digest", "summary"],
        &[],
    ),
];
