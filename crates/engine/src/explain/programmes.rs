//! Why a programme tranche waits, is held or was paid, naming its conditions.

use snapback_charter::Currency;

use super::*;
use crate::fund::programmes_report::{
    ConditionReport, ProgrammeReport, ProgrammeTrancheReport, ProgrammeTrancheStatus,
};

/// "hqcj-law (reform milestone, verified by EC: “…”)".
fn condition(w: Messages, c: &ConditionReport) -> String {
    w.msg_args(
        "programme-condition",
        &[
            ("id", c.condition.as_str().into()),
            (
                "kind",
                snapback_charter::describe::describe_condition_kind(w.lang(), c.kind).into(),
            ),
            ("verifier", c.verifier.as_str().into()),
            ("text", c.text.clone().into()),
        ],
    )
}

/// Explains a programme tranche in `lang`: what it waits on, what holds it (naming each unmet
/// condition, or the money the pool lacked), or when it was paid and what verified it.
pub fn explain_programme_tranche(
    p: &ProgrammeReport,
    t: &ProgrammeTrancheReport,
    currency: Currency,
    lang: Lang,
) -> String {
    let w = words(lang);
    let unmet: Vec<String> = t
        .conditions
        .iter()
        .filter(|c| c.met_at.is_none())
        .map(|c| condition(w, c))
        .collect();
    let article = p
        .article
        .clone()
        .unwrap_or_else(|| w.msg("programme-no-article"));
    let mut args = vec![
        ("tranche", t.tranche.as_str().into()),
        ("programme", p.programme.as_str().into()),
        ("amount", currency.amount_text(t.amount).into()),
        ("recipient", p.recipient.clone().into()),
        ("article", article.into()),
        ("by", t.by.to_string().into()),
        ("count", count(unmet.len() as u64)),
        ("conditions", unmet.join("; ").into()),
    ];
    match t.status {
        ProgrammeTrancheStatus::Waiting => w.msg_args("programme-waiting", &args),
        ProgrammeTrancheStatus::Held => match t.available {
            Some(available) if unmet.is_empty() => {
                args.push(("available", currency.amount_text(available).into()));
                w.msg_args("programme-held-funds", &args)
            }
            _ => w.msg_args("programme-held-conditions", &args),
        },
        ProgrammeTrancheStatus::Paid => {
            let last = t
                .conditions
                .iter()
                .filter_map(|c| c.met_at.map(|at| (at, c)))
                .max_by_key(|(at, _)| *at)
                .map(|(at, c)| {
                    w.msg_args(
                        "programme-verified",
                        &[
                            ("id", c.condition.as_str().into()),
                            ("verifier", c.verifier.as_str().into()),
                            ("at", at.to_string().into()),
                            ("reference", c.reference.clone().unwrap_or_default().into()),
                        ],
                    )
                })
                .unwrap_or_default();
            args.push(("last", last.into()));
            args.push((
                "paid",
                t.paid_at.map(|a| a.to_string()).unwrap_or_default().into(),
            ));
            match (t.late, t.held_at) {
                (true, Some(held)) => {
                    args.push(("held", held.to_string().into()));
                    w.msg_args("programme-paid-late", &args)
                }
                _ => w.msg_args("programme-paid", &args),
            }
        }
    }
}
