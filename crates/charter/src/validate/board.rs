//! `[fund.board]`: the contributors' board and the decisions the charter gives it.

use super::*;
use crate::board::{BoardPower, BoardThreshold, FundBoard, THRESHOLD_HELP};

/// The board: a threshold that reads, powers each listed once (at least one), a threshold amount
/// for exceptional disbursements exactly when it has that power, a cap to change when it may
/// change caps, and contributors to vote.
pub(super) fn check_board(
    c: &mut Checker,
    raw: &RawBoard,
    currency: Option<Currency>,
    contributors: &[FundContributor],
    caps: &[FundCap],
    fund: &FieldPath,
) -> Option<FundBoard> {
    let path = fund.key("board");
    if contributors.is_empty() {
        c.err(
            Problem::new(path.clone(), "the board has no members: the fund has no contributors")
                .help("the board's members are the fund's contributors: add a [[fund.contributor]], or remove [fund.board]"),
        );
    }
    let threshold = BoardThreshold::parse(&raw.threshold);
    if threshold.is_none() {
        c.err(
            Problem::new(
                path.key("threshold"),
                format!("`{}` is not a voting threshold", raw.threshold),
            )
            .help(THRESHOLD_HELP),
        );
    }
    if raw.powers.is_empty() {
        c.err(
            Problem::new(path.key("powers"), "the board has no powers").help(format!(
                "list what the charter gives the board, from: {}",
                list_ids(BoardPower::ALL.iter().map(|p| p.name()))
            )),
        );
    }
    let mut powers = Vec::with_capacity(raw.powers.len());
    for (i, p) in raw.powers.iter().enumerate() {
        if powers.contains(p) {
            c.err(
                Problem::new(
                    path.key("powers").index(i),
                    format!("`{}` is listed twice", p.name()),
                )
                .help("list each power once"),
            );
        } else {
            powers.push(*p);
        }
    }
    powers.sort();
    let exceptional = powers.contains(&BoardPower::ExceptionalDisbursement);
    match (&raw.exceptional_above, exceptional) {
        (Some(amount), true) => {
            if let Some(currency) = currency {
                check_money(c, currency, amount.0, Zero::Refused, path.key("exceptional_above"));
            }
        }
        (None, true) => c.err(
            Problem::new(
                path.key("powers"),
                "the board may authorise exceptional disbursements, but above what is not said",
            )
            .help("add exceptional_above = \"500000000.00\": disbursements of more than it need the board"),
        ),
        (Some(_), false) => c.err(
            Problem::new(
                path.key("exceptional_above"),
                "exceptional_above is set, but the board has no power over exceptional disbursements",
            )
            .help("add \"exceptional_disbursement\" to powers, or remove exceptional_above"),
        ),
        (None, false) => {}
    }
    if powers.contains(&BoardPower::CapChange) && caps.is_empty() {
        c.err(
            Problem::new(
                path.key("powers"),
                "the board may change caps, but the fund has none",
            )
            .help("add a [[fund.cap]], or remove \"cap_change\" from powers"),
        );
    }
    Some(FundBoard {
        weights: raw.weights,
        threshold: threshold?,
        decide_within: raw.decide_within,
        powers,
        exceptional_above: raw.exceptional_above.as_ref().map(|a| a.0),
        article: article(&raw.article),
    })
}
