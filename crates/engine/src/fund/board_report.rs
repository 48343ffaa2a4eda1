//! The fund report's `board` (contract: fields are added, never renamed): the charter's board
//! (weights, threshold, powers) and every motion put to it, with each member's voting power and
//! vote, the tally, the decision and what it did, and why, in words.

use jiff::Timestamp;
use rust_decimal::Decimal;
use serde::Serialize;
use snapback_charter::time::{instant_serde, option_instant_serde};
use snapback_charter::{
    BoardPower, BoardWeights, Choice, Currency, DecisionId, Fund, Lang, PartyId, TransferId,
};

use crate::derived::{Basis, BoardEffect, BoardTally, DecisionStatus};
use crate::event::BoardAction;
use crate::fund::record::{BoardMotionRecord, FundRecord};

/// The fund's board and its motions.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "FundBoard"))]
pub struct BoardReport {
    /// What a member's voting power is: `key` (its contribution key) or `paid_in` (the capital
    /// it had paid in when the motion was put).
    pub weights: BoardWeights,
    /// The share of the whole board's voting power the yes votes need, as the charter words it
    /// (`more than 50%`, `at least 85%`).
    pub threshold: String,
    /// How long a motion stays open (`14d`).
    pub decide_within: String,
    /// The decisions the charter gives the board; everything else is automatic.
    pub powers: Vec<BoardPower>,
    /// Disbursements above this need the board (with the `exceptional_disbursement` power).
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::DecimalString>")
    )]
    pub exceptional_above: Option<Decimal>,
    pub article: Option<String>,
    /// In the order put.
    pub motions: Vec<BoardMotionReport>,
}

/// A member's voting power on a motion, and its vote.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "FundBoardMember"))]
pub struct BoardMemberReport {
    pub party: PartyId,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub weight: Decimal,
    /// `yes`, `no`, `abstain`, or null if it has not voted.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub vote: Option<Choice>,
}

/// One motion put to the board.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "FundBoardMotion"))]
pub struct BoardMotionReport {
    pub decision: DecisionId,
    /// What it would decide (`action`: `return_to_peace`, `exceptional_disbursement` with
    /// purpose, recipient and amount, or `cap_change` with purpose and amount).
    pub motion: BoardAction,
    /// Who put it.
    pub proposer: PartyId,
    pub reference: Option<String>,
    #[serde(with = "instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Instant"))]
    pub opened_at: Timestamp,
    #[serde(with = "instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Instant"))]
    pub deadline: Timestamp,
    /// `pending` while open, then `adopted` or `not_adopted`.
    pub status: DecisionStatus,
    pub basis: Option<Basis>,
    #[serde(with = "option_instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Instant>"))]
    pub decided_at: Option<Timestamp>,
    /// What voting power was when the motion was put (`key` or `paid_in`).
    pub weights: BoardWeights,
    /// The threshold it is decided under (the charter's when it was put).
    pub threshold: String,
    /// The members in charter order, with the voting power fixed when the motion was put.
    pub members: Vec<BoardMemberReport>,
    /// The voting power behind each answer (at the decision, or so far).
    pub tally: BoardTally,
    /// What the adopted decision did (null while pending).
    pub effect: Option<BoardEffect>,
    /// For an adopted cap change: the cap it replaced.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::DecimalString>")
    )]
    pub previous_cap: Option<Decimal>,
    /// For an adopted exceptional disbursement: the disbursement that used it, once made.
    pub used_by: Option<TransferId>,
    /// Why it stands where it does (English; the dashboard words it in the reader's language).
    pub explanation: String,
}

/// `part` as a percentage of `total`, to two places, half to even ("62.5"); "0" when there is
/// no total. The explanations and the dashboard show voting power this way.
pub fn share_pct(part: Decimal, total: Decimal) -> String {
    if total <= Decimal::ZERO {
        return "0".to_owned();
    }
    (part * Decimal::ONE_HUNDRED / total)
        .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointNearestEven)
        .normalize()
        .to_string()
}

/// The board of `fund`, if it has one, with every motion the record holds.
pub fn board(fund: &Fund, record: &FundRecord) -> Option<BoardReport> {
    let b = fund.board.as_ref()?;
    let article = b.article.0.clone().or_else(|| fund.article.0.clone());
    let motions = record
        .board
        .iter()
        .map(|m| motion(m, fund.currency, article.as_deref()))
        .collect();
    Some(BoardReport {
        weights: b.weights,
        threshold: b.threshold.to_string(),
        decide_within: b.decide_within.to_string(),
        powers: b.powers.clone(),
        exceptional_above: b.exceptional_above,
        article,
        motions,
    })
}

fn motion(m: &BoardMotionRecord, currency: Currency, article: Option<&str>) -> BoardMotionReport {
    // Voting power by paid-in capital is money: shown with the currency's minor unit.
    let fix = |d: Decimal| match m.weights {
        BoardWeights::PaidIn => currency.fixed(d),
        BoardWeights::Key => d,
    };
    let members: Vec<BoardMemberReport> = m
        .members
        .iter()
        .map(|s| BoardMemberReport {
            party: s.party.clone(),
            weight: fix(s.weight),
            vote: m
                .votes
                .iter()
                .find(|(p, _, _)| p == &s.party)
                .map(|(_, c, _)| *c),
        })
        .collect();
    let tally = match &m.decided {
        Some(d) => BoardTally {
            yes: fix(d.tally.yes),
            no: fix(d.tally.no),
            abstain: fix(d.tally.abstain),
            not_voted: fix(d.tally.not_voted),
            total: fix(d.tally.total),
        },
        None => {
            let mut t = BoardTally {
                total: fix(m.total),
                ..BoardTally::default()
            };
            for member in &members {
                match member.vote {
                    Some(Choice::Yes) => t.yes += member.weight,
                    Some(Choice::No) => t.no += member.weight,
                    Some(Choice::Abstain) => t.abstain += member.weight,
                    None => t.not_voted += member.weight,
                }
            }
            t
        }
    };
    let mut report = BoardMotionReport {
        decision: m.decision.clone(),
        motion: m.motion.clone(),
        proposer: m.proposer.clone(),
        reference: m.reference.clone(),
        opened_at: m.opened_at,
        deadline: m.deadline,
        status: m
            .decided
            .as_ref()
            .map_or(DecisionStatus::Pending, |d| d.status),
        basis: m.decided.as_ref().map(|d| d.basis),
        decided_at: m.decided.as_ref().map(|d| d.at),
        weights: m.weights,
        threshold: m.threshold.clone(),
        members,
        tally,
        effect: m.decided.as_ref().map(|d| d.effect),
        previous_cap: m
            .decided
            .as_ref()
            .and_then(|d| d.previous_cap)
            .map(|c| currency.fixed(c)),
        used_by: m.used_by.clone(),
        explanation: String::new(),
    };
    report.explanation = crate::explain::explain_board_motion(&report, currency, article, Lang::En);
    report
}
