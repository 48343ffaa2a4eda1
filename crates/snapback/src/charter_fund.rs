//! `snapback charter check`'s summary of the charter's fund: currency, manager, purposes, each
//! contributor's key, capital and the parliament its surge shares wait on, caps, the surge, the
//! claim tranche and the programmes, as text lines and as JSON.

use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde::Serialize;
use snapback_charter::money::group_digits;
use snapback_charter::{Charter, Fund, FundMode};

#[derive(Serialize)]
pub(crate) struct ContributorJson<'a> {
    party: &'a str,
    key: String,
    /// The pro rata share in percent, two decimals.
    share_pct: Option<String>,
    paid_in: String,
    callable: String,
    /// The parliament whose appropriation its surge shares need (absent when none).
    #[serde(skip_serializing_if = "Option::is_none")]
    appropriation: Option<&'a str>,
}

#[derive(Serialize)]
pub(crate) struct FundJson<'a> {
    name: &'a str,
    currency: &'static str,
    manager: &'a str,
    quiet_period: String,
    article: String,
    peace_purposes: Vec<&'a str>,
    conflict_purposes: Vec<&'a str>,
    contributors: Vec<ContributorJson<'a>>,
    caps: Vec<String>,
    surge: Option<String>,
    tranche: Option<String>,
    /// `[[fund.programme]]`, one line per programme and per tranche (absent when none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    programmes: Vec<String>,
    /// `[fund.board]`: its weights, threshold and powers (absent when none).
    #[serde(skip_serializing_if = "Option::is_none")]
    board: Option<String>,
}

fn key_sum(f: &Fund) -> Option<Decimal> {
    f.contributors
        .iter()
        .try_fold(Decimal::ZERO, |sum, k| sum.checked_add(k.key))
}

fn purpose_ids(f: &Fund, mode: FundMode) -> Vec<&str> {
    f.purposes(mode).iter().map(|p| p.as_str()).collect()
}

fn fund_header(c: &Charter, f: &Fund) -> String {
    let board_decides = f
        .board
        .as_ref()
        .is_some_and(|b| b.has(snapback_charter::BoardPower::ReturnToPeace));
    format!(
        "{} — currency {}, disbursed by {}, back to peace mode {}after {} with no new activation [{}]",
        f.name,
        f.currency,
        c.party(f.manager).id,
        if board_decides {
            "by decision of the board "
        } else {
            ""
        },
        f.quiet_period,
        f.article
    )
}

/// The board: whose voting power, the threshold, how long a motion stays open, its powers.
fn board_text(f: &Fund) -> Option<String> {
    let b = f.board.as_ref()?;
    let powers: Vec<String> = b
        .powers
        .iter()
        .map(|p| match (p, b.exceptional_above) {
            (snapback_charter::BoardPower::ExceptionalDisbursement, Some(above)) => {
                format!("{} (above {})", p.name(), f.currency.amount_text(above))
            }
            _ => p.name().to_owned(),
        })
        .collect();
    let article = if b.article.0.is_some() {
        &b.article
    } else {
        &f.article
    };
    Some(format!(
        "contributors weighted by {}, {} of the voting power adopts, within {}; decides: {} [{}]",
        match b.weights {
            snapback_charter::BoardWeights::Key => "contribution key",
            snapback_charter::BoardWeights::PaidIn => "capital paid in",
        },
        b.threshold,
        b.decide_within,
        powers.join(", "),
        article
    ))
}

fn contributors_json<'a>(c: &'a Charter, f: &'a Fund) -> Vec<ContributorJson<'a>> {
    let sum = key_sum(f);
    f.contributors
        .iter()
        .map(|k| ContributorJson {
            party: c.party(k.party).id.as_str(),
            key: k.key.to_string(),
            share_pct: sum
                .and_then(|s| snapback_charter::money::percent_of(k.key, s))
                .map(|p| p.to_string()),
            paid_in: f.currency.fixed(k.paid_in).to_string(),
            callable: f.currency.fixed(k.callable).to_string(),
            appropriation: k.appropriation.as_deref(),
        })
        .collect()
}

fn cap_texts(f: &Fund) -> Vec<String> {
    f.caps
        .iter()
        .map(|cap| {
            format!(
                "at most {} per {} for {} [{}]",
                f.currency.amount_text(cap.amount),
                cap.per,
                cap.purpose,
                cap.article
            )
        })
        .collect()
}

fn surge_text(f: &Fund) -> Option<String> {
    f.surge.as_ref().map(|s| {
        format!(
            "{} called pro rata to the keys, due within {} [{}]",
            f.currency.amount_text(s.amount),
            s.due_within,
            s.article
        )
    })
}

fn tranche_text(f: &Fund) -> Option<String> {
    f.tranche.as_ref().map(|t| {
        format!(
            "{} for {} to {}, reserved when a claim is filed [{}]",
            f.currency.amount_text(t.amount),
            t.purpose,
            t.recipient,
            t.article
        )
    })
}

/// Each programme and, indented, each of its tranches with its conditions and verifiers.
fn programme_texts(c: &Charter, f: &Fund) -> Vec<String> {
    let mut lines = Vec::new();
    for p in &f.programmes {
        let article = if p.article.0.is_some() {
            &p.article
        } else {
            &f.article
        };
        lines.push(format!(
            "{} — {}: {} tranche(s) to {} for {}, each paid once its conditions are verified [{}]",
            p.id,
            p.name,
            p.tranches.len(),
            p.recipient,
            p.purpose,
            article
        ));
        for t in &p.tranches {
            let conditions: Vec<String> = t
                .conditions
                .iter()
                .map(|k| {
                    format!(
                        "{} ({}, verified by {})",
                        k.id,
                        k.kind.name(),
                        c.party(k.verifier).id
                    )
                })
                .collect();
            lines.push(format!(
                "  {} {} by {}: {}",
                t.id,
                f.currency.amount_text(t.amount),
                t.by,
                conditions.join(", ")
            ));
        }
    }
    lines
}

pub(crate) fn fund_json<'a>(c: &'a Charter, f: &'a Fund) -> FundJson<'a> {
    FundJson {
        name: &f.name,
        currency: f.currency.code(),
        manager: c.party(f.manager).id.as_str(),
        quiet_period: f.quiet_period.to_string(),
        article: f.article.to_string(),
        peace_purposes: purpose_ids(f, FundMode::Peace),
        conflict_purposes: purpose_ids(f, FundMode::Conflict),
        contributors: contributors_json(c, f),
        caps: cap_texts(f),
        surge: surge_text(f),
        tranche: tranche_text(f),
        programmes: programme_texts(c, f),
        board: board_text(f),
    }
}

/// The `Fund:` block of the summary.
pub(crate) fn fund_summary(s: &mut String, c: &Charter, f: &Fund) {
    let _ = writeln!(s, "  Fund: {}", fund_header(c, f));
    for (label, mode) in [("Peace", FundMode::Peace), ("Conflict", FundMode::Conflict)] {
        let _ = writeln!(
            s,
            "    {label} purposes: {}",
            purpose_ids(f, mode).join(", ")
        );
    }
    let _ = writeln!(s, "    Contributors ({}):", f.contributors.len());
    for k in contributors_json(c, f) {
        let share = k.share_pct.map(|p| format!(" ({p}%)")).unwrap_or_default();
        let appropriation = k
            .appropriation
            .map(|p| format!(", surge shares due once appropriated by {p}"))
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "      {} key {}{share}, paid-in {} {cur}, callable {} {cur}{appropriation}",
            k.party,
            k.key,
            group_digits(&k.paid_in),
            group_digits(&k.callable),
            cur = f.currency
        );
    }
    for cap in cap_texts(f) {
        let _ = writeln!(s, "    Cap: {cap}");
    }
    if let Some(surge) = surge_text(f) {
        let _ = writeln!(s, "    Surge: {surge}");
    }
    if let Some(tranche) = tranche_text(f) {
        let _ = writeln!(s, "    Tranche: {tranche}");
    }
    for line in programme_texts(c, f) {
        let _ = match line.strip_prefix("  ") {
            Some(tranche) => writeln!(s, "      Tranche {tranche}"),
            None => writeln!(s, "    Programme: {line}"),
        };
    }
    if let Some(board) = board_text(f) {
        let _ = writeln!(s, "    Board: {board}");
    }
}
