//! Why a motion of the fund's board is pending, adopted or not, and what its decision did.

use snapback_charter::{BoardThreshold, BoardWeights, Currency};

use super::*;
use crate::derived::BoardEffect;
use crate::event::BoardAction;
use crate::fund::board_report::{BoardMotionReport, share_pct as share};

/// What the motion would decide, in words.
fn motion_text(w: Messages, motion: &BoardAction, currency: Currency) -> String {
    match motion {
        BoardAction::ReturnToPeace => w.msg("board-motion-peace"),
        BoardAction::ExceptionalDisbursement {
            purpose,
            recipient,
            amount,
            ..
        } => w.msg_args(
            "board-motion-exceptional",
            &[
                ("amount", currency.amount_text(*amount).into()),
                ("purpose", purpose.as_str().into()),
                ("recipient", recipient.as_str().into()),
            ],
        ),
        BoardAction::CapChange {
            purpose, amount, ..
        } => w.msg_args(
            "board-motion-cap",
            &[
                ("amount", currency.amount_text(*amount).into()),
                ("purpose", purpose.as_str().into()),
            ],
        ),
    }
}

/// Explains a board motion in `lang`: the voting power for it against the threshold, and what
/// the decision did (the fund back in peace mode, a disbursement authorised and whether it was
/// made, a cap changed from what to what).
pub fn explain_board_motion(
    m: &BoardMotionReport,
    currency: Currency,
    article: Option<&str>,
    lang: Lang,
) -> String {
    let w = words(lang);
    let threshold = match BoardThreshold::parse(&m.threshold) {
        Some(BoardThreshold::MoreThan(p)) => w.msg_args(
            "board-threshold-more-than",
            &[("pct", p.to_string().into())],
        ),
        Some(BoardThreshold::AtLeast(p)) => {
            w.msg_args("board-threshold-at-least", &[("pct", p.to_string().into())])
        }
        None => m.threshold.clone(),
    };
    let weights = w.msg(match m.weights {
        BoardWeights::Key => "board-weights-key",
        BoardWeights::PaidIn => "board-weights-paid-in",
    });
    let t = &m.tally;
    let mut args = vec![
        ("decision", m.decision.as_str().into()),
        ("motion", motion_text(w, &m.motion, currency).into()),
        (
            "article",
            article
                .map(str::to_owned)
                .unwrap_or_else(|| w.msg("programme-no-article"))
                .into(),
        ),
        ("threshold", threshold.into()),
        ("weights", weights.into()),
        ("yes", share(t.yes, t.total).into()),
        ("no", share(t.no, t.total).into()),
        ("open", share(t.not_voted, t.total).into()),
        ("deadline", m.deadline.to_string().into()),
        (
            "at",
            m.decided_at
                .map(|a| a.to_string())
                .unwrap_or_default()
                .into(),
        ),
    ];
    let head = match (m.status, m.basis) {
        (DecisionStatus::Pending, _) => return w.msg_args("board-pending", &args),
        (DecisionStatus::Adopted, _) => w.msg_args("board-adopted", &args),
        (_, Some(Basis::CannotBeAdopted)) => return w.msg_args("board-cannot-be-adopted", &args),
        _ => return w.msg_args("board-not-adopted", &args),
    };
    let effect = match (m.effect, &m.motion) {
        (Some(BoardEffect::ReturnedToPeace), _) => w.msg("board-effect-peace"),
        (Some(BoardEffect::StillInConflict), _) => w.msg("board-effect-still-conflict"),
        (
            Some(BoardEffect::Authorised),
            BoardAction::ExceptionalDisbursement {
                purpose,
                recipient,
                amount,
                ..
            },
        ) => {
            args.push(("amount", currency.amount_text(*amount).into()));
            args.push(("purpose", purpose.as_str().into()));
            args.push(("recipient", recipient.as_str().into()));
            match &m.used_by {
                Some(transfer) => {
                    args.push(("transfer", transfer.as_str().into()));
                    w.msg_args("board-effect-authorised-used", &args)
                }
                None => w.msg_args("board-effect-authorised", &args),
            }
        }
        (
            Some(BoardEffect::CapChanged),
            BoardAction::CapChange {
                purpose, amount, ..
            },
        ) => {
            args.push(("amount", currency.amount_text(*amount).into()));
            args.push(("purpose", purpose.as_str().into()));
            args.push((
                "previous",
                m.previous_cap
                    .map(|p| currency.amount_text(p))
                    .unwrap_or_default()
                    .into(),
            ));
            w.msg_args("board-effect-cap", &args)
        }
        _ => String::new(),
    };
    if effect.is_empty() {
        head
    } else {
        format!("{head} {effect}")
    }
}
