//! Every code a refused `POST /v1/entries` carries, with its status: a table, whose rows are
//! alike in shape by design.

/// Every `code` a refused `POST /v1/entries` carries: (code, HTTP status, meaning). The codes
/// with status 422 are the engine's rules; the others are the log's and the API's own checks.
pub const ENTRY_ERRORS: &[(&str, u16, &str)] = &[
    (
        "malformed",
        400,
        "The body is not JSON of the entry format, or its event is not an event snapback knows (an unknown `type`, an unknown or missing field, a wrong type). `field` names the place at fault when it can (`body.v`, `body.event.severity`).",
    ),
    (
        "classified_in_clear",
        400,
        "A classified (restricted, confidential or secret) evidence event carries `source_kind`, `digest` or `summary` in clear: the log never holds classified content. Send only `claim`, `classification`, `releasable_to` and `commitment` in the body, and the content in `sealed`. `field` names the field.",
    ),
    (
        "sealed_missing",
        400,
        "A classified evidence event came without `sealed` (its content and salt), so its commitment would be logged without its content.",
    ),
    (
        "commitment_mismatch",
        400,
        "`sealed` does not hash to the event's `commitment` (SHA-256 of `snapback/evidence/v1\\n`, the 32 salt bytes and the canonical JSON of the content).",
    ),
    (
        "sealed_unexpected",
        400,
        "`sealed` came with an entry that is not classified evidence: there is nothing to seal.",
    ),
    (
        "unknown_releasee",
        422,
        "`releasable_to` names a party that is not a party to the charter in force.",
    ),
    (
        "not_input",
        400,
        "The entry's `kind` is `derived`: derived entries are the engine's, appended under the secretariat's key.",
    ),
    (
        "bad_signature",
        401,
        "The signature does not verify under the named key of the party.",
    ),
    (
        "unknown_key",
        403,
        "The party does not hold the named key in the charter version in force at the entry's time (also what a party signing in another party's name gets).",
    ),
    (
        "nonce_reused",
        409,
        "The party already used this nonce for another body (the same signed body again is not an error: it answers 200 with the existing entry).",
    ),
    (
        "time_went_back",
        409,
        "The entry would be dated before the log's latest entry (the log dates entries itself and never backwards, so this is not expected through the API).",
    ),
    ("too_large", 413, "The body is over 64 KiB (65,536 bytes)."),
    (
        "out_of_order",
        422,
        "The event is dated before the previous event.",
    ),
    (
        "sealed",
        422,
        "The state has already been advanced past the event's time.",
    ),
    (
        "no_charter_in_force",
        422,
        "No version of the charter is in force at the event's time.",
    ),
    (
        "unknown_party",
        422,
        "The party is not a party to the charter in force.",
    ),
    (
        "outside_participation",
        422,
        "The party does not participate at the event's time (its participation window).",
    ),
    (
        "no_standing",
        422,
        "The party may not file claims (it is not among the charter's claimants).",
    ),
    (
        "bad_severity",
        422,
        "The claim's severity is outside 1 to 5.",
    ),
    (
        "occurred_after_filing",
        422,
        "The claim's `occurred_at` is after its filing.",
    ),
    ("duplicate_claim", 422, "The claim id is already used."),
    ("unknown_claim", 422, "No claim has this id."),
    (
        "claim_closed",
        422,
        "The claim is no longer pending (activated, dismissed or withdrawn).",
    ),
    ("claim_rejected", 422, "The claim was rejected at filing."),
    (
        "vote_after_deadline",
        422,
        "The vote came after the claim's or decision's deadline.",
    ),
    (
        "not_filer",
        422,
        "Only the party that filed a claim may withdraw it.",
    ),
    (
        "not_member",
        422,
        "The voter is not a member of the body that decides.",
    ),
    (
        "already_voted",
        422,
        "The party already voted on this claim or decision: a vote is final.",
    ),
    ("unknown_decision", 422, "No decision has this id."),
    ("decision_closed", 422, "The decision is no longer pending."),
    (
        "duplicate_decision",
        422,
        "The decision id is already used.",
    ),
    (
        "unknown_body",
        422,
        "The charter in force has no body with this id.",
    ),
    (
        "may_not_open",
        422,
        "Only a body's members and the secretariat may open its decisions.",
    ),
    (
        "may_not_convene",
        422,
        "Only members of the verifying body and the secretariat may convene a claim's meeting.",
    ),
    ("unknown_obligation", 422, "No obligation has this id."),
    (
        "already_fulfilled",
        422,
        "The obligation's fulfilment was already reported.",
    ),
    (
        "not_obligor",
        422,
        "Only the party that owes an obligation, or the secretariat, may report its fulfilment.",
    ),
    (
        "no_fund",
        422,
        "A fund event, but the charter in force sets up no fund.",
    ),
    (
        "not_fund_manager",
        422,
        "Only the fund's manager and the secretariat may disburse, record exchange rates, or record money for another contributor.",
    ),
    (
        "wrong_currency",
        422,
        "The fund disburses in its currency of account only.",
    ),
    (
        "same_currency",
        422,
        "An exchange rate for the fund's own currency.",
    ),
    (
        "no_rate",
        422,
        "Money in a foreign currency before any `fund.fx_rate` for it.",
    ),
    (
        "converts_to_zero",
        422,
        "The amount converts to less than the fund currency's smallest unit.",
    ),
    (
        "transfer_exists",
        422,
        "The transfer id was already used by a different money event.",
    ),
    (
        "purpose_not_allowed",
        422,
        "The purpose is not allowed in the fund's current mode.",
    ),
    (
        "cap_exceeded",
        422,
        "The disbursement would exceed its purpose's cap in the trailing window.",
    ),
    (
        "insufficient_funds",
        422,
        "The pools available in the current mode hold less than the amount.",
    ),
    (
        "not_surge_call",
        422,
        "The obligation a payment names is not an open surge call.",
    ),
    (
        "not_your_call",
        422,
        "The surge call named is owed by another contributor.",
    ),
    (
        "exceeds_call",
        422,
        "The payment exceeds what the surge call still asks.",
    ),
    (
        "pay_into_fund",
        422,
        "A surge call is fulfilled by paying it (`fund.paid_in` naming it), not by `obligation.fulfilled`.",
    ),
    (
        "books",
        422,
        "The fund's books refused the transfer (a bound or an id); the detail says which.",
    ),
    (
        "guarantee_term",
        422,
        "A guarantee valid until an instant that is not after it is issued.",
    ),
    (
        "no_open_guarantee",
        422,
        "A call of a guarantee never issued, already called or expired.",
    ),
    (
        "exceeds_guarantee",
        422,
        "A call of more than the guarantee's amount.",
    ),
    (
        "unknown_loan",
        422,
        "A repayment names a loan the fund did not make.",
    ),
    (
        "loan_repaid",
        422,
        "A repayment of a loan whose every instalment is paid.",
    ),
    (
        "repayment_amount",
        422,
        "A repayment pays the next open instalment in full; the detail gives its principal and interest.",
    ),
    (
        "not_borrower",
        422,
        "Only the loan's borrower, the fund's manager or the secretariat may repay it.",
    ),
    (
        "no_appropriation_needed",
        422,
        "An appropriation for a party that is not a fund contributor whose charter entry names a parliament (`appropriation`).",
    ),
    (
        "duplicate_appropriation",
        422,
        "An appropriation citing the same act was already recorded for this contributor.",
    ),
    (
        "awaiting_appropriation",
        422,
        "A payment of a surge share that still waits on its contributor's appropriation; record fund.appropriated first.",
    ),
    (
        "no_board_power",
        422,
        "A board motion on a decision the charter does not give the fund's board ([fund.board] powers), or a fund without a board.",
    ),
    (
        "not_board_member",
        422,
        "Only the fund's contributors sit on its board and vote; the manager and the secretariat may also put motions.",
    ),
    (
        "not_in_conflict_mode",
        422,
        "A motion to return the fund to peace mode while it is in peace mode already.",
    ),
    (
        "quiet_period_running",
        422,
        "A motion to return the fund to peace mode before its quiet period has ended; the detail says until when.",
    ),
    (
        "no_cap",
        422,
        "A motion to change the cap of a purpose the fund has no [[fund.cap]] on.",
    ),
    (
        "not_exceptional",
        422,
        "A motion to authorise a disbursement that is not above the charter's exceptional_above: the manager makes it without the board.",
    ),
    (
        "needs_board",
        422,
        "A disbursement above the charter's exceptional_above without an adopted board decision cited as `decision`.",
    ),
    (
        "board_decision_not_adopted",
        422,
        "A disbursement citing a board decision that is still open or was not adopted.",
    ),
    (
        "board_decision_mismatch",
        422,
        "A disbursement citing a board decision that did not authorise it: another kind of decision, another purpose or recipient, or more than it authorised.",
    ),
    (
        "board_decision_used",
        422,
        "A disbursement citing a board decision another disbursement already used; each authorises one.",
    ),
    (
        "unknown_condition",
        422,
        "The programme, tranche or condition named is not in the fund's [[fund.programme]] of the charter in force.",
    ),
    (
        "not_verifier",
        422,
        "Only the party the charter names as a condition's verifier may record it met.",
    ),
    (
        "condition_already_met",
        422,
        "The condition was already verified as met; the detail says when.",
    ),
    (
        "duplicate_record",
        422,
        "A capability record (commitment, aid flow, contract, lot, cohort, restriction) with this id already exists (a lot may be topped up only by its owner, at its location, with its item).",
    ),
    (
        "unknown_record",
        422,
        "The commitment, contract, lot, cohort or restriction named does not exist.",
    ),
    (
        "not_owner",
        422,
        "The record belongs to another party; only it or the secretariat may ship, call off, release, complete or lift it.",
    ),
    (
        "exceeds_outstanding",
        422,
        "The quantity is more than what remains: to ship or receive on a commitment or obligation, to release from a lot, or to complete of a cohort.",
    ),
    (
        "unknown_location",
        422,
        "The stockpile location is not a [[capabilities.location]] of the charter in force.",
    ),
    (
        "unknown_centre",
        422,
        "The training centre is not a [[capabilities.training_centre]] of the charter in force.",
    ),
    (
        "contract_not_valid",
        422,
        "The contract cannot be called off now: it is outside its validity window.",
    ),
    (
        "already_lifted",
        422,
        "The restriction was already lifted (by its donor or by an activation).",
    ),
    ("cohort_completed", 422, "The cohort was already completed."),
    (
        "not_item_obligation",
        422,
        "A receipt names an obligation that is not an activated military obligation counting items.",
    ),
    (
        "receive_items",
        422,
        "The obligation counts items: it is fulfilled by aid.received naming it, not by obligation.fulfilled.",
    ),
    (
        "not_receiver",
        422,
        "Only the beneficiary or the secretariat reports receipts.",
    ),
    (
        "received_before_obligation",
        422,
        "A receipt's `occurred_at` is earlier than the military obligation it names was created.",
    ),
    (
        "unknown_measure",
        422,
        "The measure is not in the charter's register (`[[measure]]`).",
    ),
    (
        "not_measure_owner",
        422,
        "Only a measure's owner (a member of the owning body) or the secretariat records its state.",
    ),
    (
        "measure_state_not_recordable",
        422,
        "A measure is recorded in_force, suspended or terminated; at_risk and lapsed are derived.",
    ),
    (
        "measure_unchanged",
        422,
        "The measure is already in the recorded state.",
    ),
    (
        "measure_ended",
        422,
        "The measure was terminated (or lapsed and cannot be suspended): only a new instrument recorded in force, or a snapback, brings it back.",
    ),
    (
        "measure_not_in_force",
        422,
        "Only a measure in force can be threatened, or have relief reported.",
    ),
    (
        "unknown_truce",
        422,
        "The claim names a truce the charter in force does not define (`[[truce]]`).",
    ),
    (
        "not_truce_side",
        422,
        "Under a truce, the filer and the accused must both be among its sides.",
    ),
    (
        "accused_required",
        422,
        "A truce of more than two sides: the claim must say which side it accuses (`accused`).",
    ),
    (
        "accuses_itself",
        422,
        "A claim cannot accuse its own filer.",
    ),
    (
        "outside_term",
        422,
        "The incident (its `occurred_at`, or the filing) is outside the truce's term.",
    ),
    (
        "outside_scope",
        422,
        "The claim's category or location is outside what the truce covers.",
    ),
    (
        "duplicate_allegation",
        422,
        "The incident is already alleged in an earlier claim: new evidence goes to that claim through reconsideration.requested.",
    ),
    (
        "no_right_of_reply",
        422,
        "The claim names no accused side, so nobody has a right of reply to it.",
    ),
    (
        "not_accused",
        422,
        "Only the side the claim accuses may reply to it (reply.filed).",
    ),
    (
        "reply_out_of_time",
        422,
        "The truce's window for the accused side's reply has ended.",
    ),
    (
        "already_replied",
        422,
        "The accused side replies once; further material is evidence.",
    ),
    (
        "no_extension",
        422,
        "The charter gives no extension for inconclusive evidence (`verification.extension`).",
    ),
    (
        "unknown_tier",
        422,
        "A grading names a tier the charter in force does not define.",
    ),
    (
        "already_extended",
        422,
        "A claim's deadline is extended once at most.",
    ),
    (
        "not_reconsiderable",
        422,
        "The claim cannot be reconsidered: it is still pending, was not determined, or the charter sets no reconsideration.",
    ),
    (
        "reconsideration_closed",
        422,
        "The charter's window for reconsidering the claim (`verification.reconsider_within`) has closed.",
    ),
    (
        "no_new_evidence",
        422,
        "Reconsideration needs evidence whose digest is not already on the claim's record.",
    ),
    (
        "may_not_request_reconsideration",
        422,
        "Only the claimant, the accused side, members of the verifying body and the secretariat may ask for reconsideration.",
    ),
    (
        "obligation_cancelled",
        422,
        "The obligation was cancelled when its activation was unwound.",
    ),
    (
        "not_claim_body",
        422,
        "A further motion in a claim's proceeding (decision.opened with `claim`) is put to the body deciding that claim.",
    ),
    (
        "motion_not_tabled",
        422,
        "The claim's proceeding has a tabling stage ([[verification.stage]] kind = \"tabling\") not yet reached: members vote once a member has tabled the motion (motion.tabled) or the presidency has at the stage's deadline.",
    ),
    (
        "no_tabling_stage",
        422,
        "The charter's proceeding has no tabling stage: there is no motion to table.",
    ),
    (
        "stage_reached",
        422,
        "The stage was already reached (tabled by a member or the presidency, or missed).",
    ),
    (
        "relief_needs_review",
        422,
        "The measure's relief is reviewed ([measure.review]): report it with measure.relief_reported; it takes effect when the review allows.",
    ),
    (
        "no_relief_review",
        422,
        "The measure has no relief review: record relief with measure.recorded.",
    ),
    (
        "review_open",
        422,
        "Relief on the measure is already under review; a new report can follow when it closes.",
    ),
    (
        "not_relief",
        422,
        "Relief is reported as suspended or terminated.",
    ),
    (
        "veto_not_open",
        422,
        "No disapproval of relief on the measure awaits a veto (every reviewing body must have adopted it, and the veto period must still run).",
    ),
    (
        "not_veto_holder",
        422,
        "Only the review's veto holder may veto the disapproval.",
    ),
    (
        "not_monitor",
        422,
        "Only a party with the monitor role reports observations (monitor.report).",
    ),
    (
        "report_in_future",
        422,
        "A monitor's report covers a period that ends after the report was made.",
    ),
    (
        "duplicate_report",
        422,
        "The monitor already made a report with this id: a correction is a new report with its own id.",
    ),
    (
        "series_too_long",
        422,
        "The report would stretch an alert rule's series over more than 200,000 windows, first to last.",
    ),
    (
        "record_measure",
        422,
        "The obligation re-imposes a measure: it is met when the owner records the measure in force (measure.recorded), not by obligation.fulfilled.",
    ),
    (
        "occurred_after_recording",
        422,
        "An aid event's `occurred_at` is later than the event's own time.",
    ),
    (
        "not_secretariat",
        422,
        "Only the secretariat may do this (record a commitment for another donor).",
    ),
    (
        "internal",
        500,
        "The log could not commit (nothing was appended; retry).",
    ),
    ("unavailable", 503, "The server is shutting down."),
    (
        "not_leader",
        503,
        "This process follows its cluster's log (`serve --node-id`) and could not hand the write to the leader: no process leads at the moment (a takeover is under way), or the leader did not answer. `Retry-After` is 1 s; resending the same signed entry is safe.",
    ),
    (
        "clock_behind",
        503,
        "The server's wall clock is behind the log's latest instant (it was set back): nothing is dated in the past, so writes are refused until it catches up. `Retry-After` says how many seconds that is.",
    ),
    (
        "clock_unconfirmed",
        503,
        "The server's wall clock stepped forward by more than the bound (`--clock-step-max`) beyond the time that passed: writes and deadlines are held until an operator runs `snapback time confirm` (or a trusted witness's cosignature confirms the time). `Retry-After` is 30 s.",
    ),
];
