//! The part of a claim's explanation about how it was contested, graded and undone: the truce
//! and the accused side's reply, an extension, the body's grading, reconsideration rounds and
//! the unwinding of an activation.

use std::fmt::Write as _;

use super::*;

pub(super) fn explain_contest(state: &State, charter: &Charter, r: &ClaimRecord) -> String {
    let mut s = String::new();
    if let Some(alert) = &r.alert {
        let _ = write!(
            s,
            " Filed by the alert rule `{alert}` on its monitor {}'s behalf (`action = \"claim\"`), for the window ending {} in {}.",
            r.party,
            r.occurred_at.map_or("?".to_owned(), |t| t.to_string()),
            r.location.as_deref().unwrap_or("?")
        );
    }
    let truce = r.truce.as_ref().and_then(|t| charter.truce(t.as_str()));
    match (truce, &r.accused) {
        (Some(t), accused) => {
            let scope = if t.categories.is_empty() {
                "every category".to_owned()
            } else {
                t.categories.join(", ")
            };
            let areas = if t.areas.is_empty() {
                String::new()
            } else {
                format!(" in {}", t.areas.join(", "))
            };
            let _ = write!(
                s,
                " Filed under truce `{}` ({}, {}) by {} against {}: it covers {scope}{areas} after {} up to {}; claims under it go to {}.",
                t.id,
                t.name,
                t.article,
                r.party,
                accused.as_ref().map_or("?", |a| a.as_str()),
                t.from,
                t.until,
                body_label(charter.body(t.body)),
            );
        }
        (None, Some(accused)) => {
            let _ = write!(s, " It accuses {accused}.");
        }
        (None, None) => {}
    }
    if let Some(reply) = &r.reply {
        let cited = reply
            .evidence
            .as_ref()
            .map_or(String::new(), |(kind, digest)| {
                format!(" citing {kind} evidence {digest}")
            });
        let _ = write!(
            s,
            " {} replied at {}{cited}: \"{}\".",
            reply.party, reply.at, reply.summary
        );
    } else if let (Some(until), Some(accused)) = (r.reply_until, &r.accused) {
        let passed = r.status != ClaimStatus::Pending || state.as_of.is_some_and(|t| t >= until);
        let _ = if passed {
            write!(
                s,
                " {accused} had a right of reply until {until} and did not reply; the body could not determine the claim before then."
            )
        } else {
            write!(
                s,
                " {accused} may reply until {until}; until it does or that passes, the claim is determined only at its deadline."
            )
        };
    }
    if let Some((at, decision)) = &r.extended {
        let by = charter
            .verification
            .extension
            .map_or(String::new(), |e| format!(" by {e}"));
        let _ = write!(
            s,
            " The body found the evidence inconclusive: motion `{decision}`, adopted at {at}, extended the deadline once{by}, to {}.",
            r.deadline.map_or("?".to_owned(), |d| d.to_string())
        );
    }
    if let Some(g) = &r.graded {
        let mut found = Vec::new();
        if let Some(severity) = g.severity {
            let tier = charter
                .tier_for(severity)
                .map_or("no tier".to_owned(), |t| {
                    format!("tier {}", charter.tier(t).id)
                });
            found.push(format!(
                "severity {severity} ({tier}) in place of the claimant's {}",
                r.severity
            ));
        }
        if let Some(t) = &g.tier {
            found.push(format!(
                "tier `{t}`, whatever the claimant's severity {} selects",
                r.severity
            ));
        }
        if let Some(a) = &g.attribution {
            found.push(format!("the violation attributed to {a}"));
        }
        let _ = write!(
            s,
            " The body graded the claim (motion `{}`, adopted at {}): {}.",
            g.decision,
            g.at,
            found.join("; ")
        );
    }
    let window = charter
        .verification
        .reconsider_within
        .map_or(String::new(), |w| {
            format!(" (within {w} of the determination)")
        });
    for round in &r.reconsiderations {
        let _ = write!(
            s,
            " Reconsidered: {} brought new evidence {} at {}{window}; the claim had been {}{}, and the body decided it again from the start.",
            round.party,
            round.digest,
            round.requested_at,
            round.previous.name(),
            round
                .determined_at
                .map_or(String::new(), |d| format!(" at {d}")),
        );
    }
    if let Some(u) = &r.unwound {
        let measures = if u.measures.is_empty() {
            "no measure the charter lets unwind was put back in force".to_owned()
        } else {
            format!(
                "{} returned to the state before the snapback",
                joined(&u.measures)
            )
        };
        let obligations = if u.obligations.is_empty() {
            "no obligation was still open".to_owned()
        } else {
            format!("open obligations cancelled: {}", joined(&u.obligations))
        };
        let decisions = if u.decisions.is_empty() {
            String::new()
        } else {
            format!(
                "; package decisions that will no longer create obligations: {}",
                joined(&u.decisions)
            )
        };
        let _ = write!(
            s,
            " Unwound at {}: found unfounded on reconsideration, its activation {} is reversed where it can be: {measures}; {obligations}{decisions}. What was done stays on the record and is not reversed: obligations already met, money released, stock drawn, restrictions lifted, and any escalation it already counted towards.",
            u.at, u.activation
        );
    }
    s
}

/// Ids as a comma-separated list.
fn joined(items: &[impl std::fmt::Display]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}
