//! The fund page's board: how it votes (weights, threshold, powers), then each motion put to it
//! with what it would decide, who put it, each member's voting power and vote, where it stands
//! (pending, adopted, not adopted) and what the decision did; then why, in the reader's language.

use super::*;
use crate::dashboard::{ROWS_MAX, cited_text};
use snapback_charter::{BoardPower, BoardWeights, Choice, Currency};
use snapback_engine::derived::{BoardEffect, DecisionStatus};
use snapback_engine::event::BoardAction;
use snapback_engine::explain::explain_board_motion;
use snapback_engine::fund::board_report::{BoardMotionReport, BoardReport, share_pct as share};

pub(super) fn board_section(b: &BoardReport, names: &Names, currency: &str) -> Markup {
    let t = names.t;
    let powers: Vec<String> = b
        .powers
        .iter()
        .map(|p| {
            t.msg(match p {
                BoardPower::ReturnToPeace => "fund-board-power-return-to-peace",
                BoardPower::ExceptionalDisbursement => "fund-board-power-exceptional-disbursement",
                BoardPower::CapChange => "fund-board-power-cap-change",
            })
        })
        .collect();
    let heads = heads(
        t,
        &[
            ("fund-column-motion", false),
            ("fund-column-decides", false),
            ("fund-column-members", false),
            ("fund-column-yes", true),
            ("column-status", false),
        ],
    );
    let code = Currency::parse(currency).ok();
    let rows = html! {
        @if b.motions.is_empty() { (empty_row(5, &t.msg("fund-board-none"))) }
        @for m in b.motions.iter().take(ROWS_MAX) {
            (motion_row(m, names, currency))
        }
    };
    html! {
        p id="board-rule" data-weights=(b.weights.name()) data-threshold=(b.threshold.as_str()) {
            (t.msg_args(match b.weights {
                BoardWeights::Key => "fund-board-rule-key",
                BoardWeights::PaidIn => "fund-board-rule-paid-in",
            }, &[
                ("threshold", threshold_words(t, &b.threshold).into()),
                ("within", within_words(t, &b.decide_within).into()),
            ]))
        }
        p { (t.msg("fund-board-powers")) " " (powers.join("; ")) }
        (table("board", &t.msg("fund-board-caption"), &cols(&heads), rows))
        @if let Some(code) = code {
            ul class="explanations" {
                @for m in b.motions.iter().take(ROWS_MAX) {
                    li data-decision=(m.decision.as_str()) {
                        (cited_text(&explain_board_motion(m, code, b.article.as_deref(), t.lang()), names))
                    }
                }
            }
        }
        p class="note" { (t.msg("fund-board-note")) }
    }
}

/// "more than 50%" in the reader's language.
fn threshold_words(t: Tr, threshold: &str) -> String {
    match snapback_charter::BoardThreshold::parse(threshold) {
        Some(snapback_charter::BoardThreshold::MoreThan(p)) => {
            t.msg_args("fund-board-more-than", &[("pct", p.to_string().into())])
        }
        Some(snapback_charter::BoardThreshold::AtLeast(p)) => {
            t.msg_args("fund-board-at-least", &[("pct", p.to_string().into())])
        }
        None => threshold.to_owned(),
    }
}

/// The report's `decide_within` ("7d") in the reader's words ("7 days"); as written should it
/// not read as a duration.
fn within_words(t: Tr, text: &str) -> String {
    text.parse::<snapback_charter::Duration>().map_or_else(
        |_| text.to_owned(),
        |d| describe_duration_in(t.lang(), d, Case::Genitive),
    )
}

fn motion_row(m: &BoardMotionReport, names: &Names, currency: &str) -> Markup {
    let t = names.t;
    let decides = match &m.motion {
        BoardAction::ReturnToPeace => t.msg("fund-board-motion-peace"),
        BoardAction::ExceptionalDisbursement {
            purpose,
            recipient,
            amount: a,
            ..
        } => t.msg_args(
            "fund-board-motion-exceptional",
            &[
                ("amount", format!("{} {currency}", amount(*a)).into()),
                ("purpose", purpose.as_str().into()),
                ("recipient", names.party(recipient.as_str()).into()),
            ],
        ),
        BoardAction::CapChange {
            purpose, amount: a, ..
        } => t.msg_args(
            "fund-board-motion-cap",
            &[
                ("amount", format!("{} {currency}", amount(*a)).into()),
                ("purpose", purpose.as_str().into()),
            ],
        ),
    };
    let status = m.status.name();
    html! {
        tr data-decision=(m.decision.as_str()) data-status=(status) {
            th scope="row" {
                (m.decision.as_str())
                div class="meta" {
                    (t.msg_args("fund-board-put-by", &[("party", names.party(m.proposer.as_str()).into())]))
                    " " (time(m.opened_at))
                }
            }
            td { (decides) }
            td {
                ul class="plain" {
                    @for member in &m.members {
                        li data-party=(member.party.as_str()) data-vote=(member.vote.map_or_else(|| "none".to_owned(), |c| c.to_string())) {
                            (names.party(member.party.as_str())) " "
                            span class="meta" { (amount(member.weight)) } " "
                            (vote_word(t, member.vote))
                        }
                    }
                }
            }
            td class="num" {
                (share(m.tally.yes, m.tally.total)) "%"
                div class="meta" { (amount(m.tally.yes)) " / " (amount(m.tally.total)) }
            }
            td {
                (badge_in(t, status))
                @match m.status {
                    DecisionStatus::Pending => { div class="meta" { (t.msg("fund-board-until")) " " (time(m.deadline)) } }
                    _ => { @if let Some(at) = m.decided_at { div class="meta" { (time(at)) } } }
                }
                @if let Some(effect) = m.effect.filter(|e| *e != BoardEffect::None) {
                    div { (t.msg(effect_id(effect))) }
                }
            }
        }
    }
}

fn vote_word(t: Tr, vote: Option<Choice>) -> String {
    t.msg(match vote {
        Some(Choice::Yes) => "fund-board-vote-yes",
        Some(Choice::No) => "fund-board-vote-no",
        Some(Choice::Abstain) => "vote-abstain",
        None => "vote-not-voted",
    })
}

fn effect_id(e: BoardEffect) -> &'static str {
    match e {
        BoardEffect::ReturnedToPeace => "fund-board-effect-peace",
        BoardEffect::StillInConflict => "fund-board-effect-still-conflict",
        BoardEffect::Authorised => "fund-board-effect-authorised",
        BoardEffect::CapChanged => "fund-board-effect-cap",
        BoardEffect::None => "fund-board-effect-none",
    }
}
