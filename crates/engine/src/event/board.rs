//! Reading a `fund.board_motion` as it is written: its action and the fields that action needs
//! (and only those), each error naming its field.

use snapback_charter::diag::{FieldPath, Problem};
use snapback_charter::{Amount, BoardPower, DecisionId, PurposeId, RecipientId};

use super::fields::{amount, currency, optional_label};
use super::{BoardAction, FundBoardMotion};

/// The fields a motion's action may use.
pub(super) struct MotionFields {
    pub purpose: Option<PurposeId>,
    pub recipient: Option<RecipientId>,
    pub amount: Option<Amount>,
    pub currency: Option<String>,
    pub reference: Option<String>,
}

pub(super) fn motion(
    path: &FieldPath,
    decision: DecisionId,
    action: &str,
    f: MotionFields,
) -> Result<FundBoardMotion, Problem> {
    let power = BoardPower::from_name(action).ok_or_else(|| {
        Problem::new(
            path.key("action"),
            format!("`{action}` is not a decision of the fund's board"),
        )
        .help("use return_to_peace, exceptional_disbursement or cap_change")
    })?;
    let needs = |name: &str| {
        Problem::new(
            path.key(name),
            format!("a `{action}` motion needs `{name}`"),
        )
    };
    let unused = |name: &str, present: bool| -> Result<(), Problem> {
        if present {
            Err(Problem::new(
                path.key(name),
                format!("a `{action}` motion has no `{name}`"),
            )
            .help("remove it"))
        } else {
            Ok(())
        }
    };
    // The amount of a motion that has one, in its currency.
    let money = |amount_field: Option<Amount>, currency_field: Option<String>| {
        let c = currency(path, Some(currency_field.ok_or_else(|| needs("currency"))?))?;
        let a = amount(
            path,
            "amount",
            Some(amount_field.ok_or_else(|| needs("amount"))?),
            c,
        )?;
        Ok::<_, Problem>((a, c.code().to_owned()))
    };
    let action = match power {
        BoardPower::ReturnToPeace => {
            unused("purpose", f.purpose.is_some())?;
            unused("recipient", f.recipient.is_some())?;
            unused("amount", f.amount.is_some())?;
            unused("currency", f.currency.is_some())?;
            BoardAction::ReturnToPeace
        }
        BoardPower::ExceptionalDisbursement => {
            let (amount, currency) = money(f.amount, f.currency)?;
            BoardAction::ExceptionalDisbursement {
                purpose: f.purpose.ok_or_else(|| needs("purpose"))?,
                recipient: f.recipient.ok_or_else(|| needs("recipient"))?,
                amount,
                currency,
            }
        }
        BoardPower::CapChange => {
            unused("recipient", f.recipient.is_some())?;
            let (amount, currency) = money(f.amount, f.currency)?;
            BoardAction::CapChange {
                purpose: f.purpose.ok_or_else(|| needs("purpose"))?,
                amount,
                currency,
            }
        }
    };
    Ok(FundBoardMotion {
        decision,
        action,
        reference: optional_label(path, "reference", f.reference)?,
    })
}
