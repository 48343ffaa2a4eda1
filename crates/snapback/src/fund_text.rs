//! `snapback fund status` as text: the fund's mode, pools, contributors, disbursements,
//! recipients, surge calls, tranches, rates and books, one function per section. Amounts are
//! written with thousands separators ([`grouped`]), as the dashboard writes them; `--json` keeps
//! plain decimals.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rust_decimal::Decimal;
use snapback_charter::money::grouped;
use snapback_engine::capability::valued::ValuedAidRow;
use snapback_engine::fund::programmes_report::ProgrammeTrancheStatus;
use snapback_engine::fund::record::{GuaranteeStatus, TrancheStatus};
use snapback_engine::fund::report::FundReport;

use crate::fundcmd::Loaded;
use crate::tables::{or_dash, table, table_or_none};

pub(crate) fn status_text(loaded: &Loaded) -> String {
    let r = &loaded.report;
    let cur = loaded.currency_code();
    let mut out = String::new();
    header(&mut out, loaded);
    pools(&mut out, r, cur);
    contributors(&mut out, r, cur);
    purposes_and_recipients(&mut out, r, cur);
    surge_calls(&mut out, r, cur);
    appropriations(&mut out, r, cur);
    tranches(&mut out, r, cur);
    loans(&mut out, r, cur);
    guarantees(&mut out, r, cur);
    programmes(&mut out, r, cur);
    board(&mut out, r);
    rates(&mut out, r, cur);
    books(&mut out, r);
    if !r.bilateral_aid.is_empty() {
        let _ = writeln!(
            out,
            "\nBilateral aid beside the fund (donor to beneficiary; not in the fund's books)"
        );
        valued_aid_table(&mut out, &r.bilateral_aid);
    }
    out
}

/// The fund's loans: terms, what is repaid and outstanding, the next instalment, what is overdue;
/// then each repayment, with the revenue stream that paid it.
fn loans(out: &mut String, r: &FundReport, cur: &str) {
    if r.loans.is_empty() {
        return;
    }
    let _ = writeln!(out, "\nLoans ({cur})");
    let rows: Vec<Vec<String>> = r
        .loans
        .iter()
        .map(|l| {
            let next = l.next.as_ref().map_or_else(
                || "repaid".to_owned(),
                |n| {
                    format!(
                        "#{} {} due {}",
                        n.number,
                        grouped(n.principal + n.interest),
                        n.due.map_or_else(|| "-".to_owned(), |d| d.to_string())
                    )
                },
            );
            vec![
                l.loan.to_string(),
                l.borrower.to_string(),
                grouped(l.principal),
                format!(
                    "{}%",
                    (l.rate * rust_decimal::Decimal::ONE_HUNDRED).normalize()
                ),
                format!("{}/{} {}", l.paid, l.instalments, l.amortization),
                grouped(l.principal_outstanding),
                grouped(l.interest_paid),
                next,
                l.overdue.to_string(),
            ]
        })
        .collect();
    table(
        out,
        "llrrlrrlr",
        &[
            "loan",
            "borrower",
            "principal",
            "rate",
            "paid",
            "outstanding",
            "interest paid",
            "next instalment",
            "overdue",
        ],
        &rows,
    );
    let repayments: Vec<Vec<String>> = r
        .loans
        .iter()
        .flat_map(|l| {
            l.repayments.iter().map(|p| {
                vec![
                    p.at.to_string(),
                    l.loan.to_string(),
                    format!("#{}", p.instalment),
                    grouped(p.amount),
                    p.source
                        .clone()
                        .unwrap_or_else(|| "the borrower".to_owned()),
                ]
            })
        })
        .collect();
    if !repayments.is_empty() {
        let _ = writeln!(out, "  repayments:");
        table(
            out,
            "lllrl",
            &["at", "loan", "instalment", "amount", "paid by"],
            &repayments,
        );
    }
}

/// The fund's guarantees: creditor, amount, term, and what came of each.
fn guarantees(out: &mut String, r: &FundReport, cur: &str) {
    if r.guarantees.is_empty() {
        return;
    }
    let _ = writeln!(out, "\nGuarantees ({cur})");
    let rows: Vec<Vec<String>> = r
        .guarantees
        .iter()
        .map(|g| {
            let status = match g.status {
                GuaranteeStatus::Open => "open".to_owned(),
                GuaranteeStatus::Called => format!(
                    "called for {} at {}",
                    g.called.map(grouped).unwrap_or_default(),
                    or_dash(g.resolved_at)
                ),
                GuaranteeStatus::Expired => format!("expired at {}", or_dash(g.resolved_at)),
            };
            vec![
                g.guarantee.to_string(),
                g.recipient.to_string(),
                g.purpose.to_string(),
                grouped(g.amount),
                g.valid_until.to_string(),
                status,
            ]
        })
        .collect();
    table(
        out,
        "lllrll",
        &[
            "guarantee",
            "creditor",
            "purpose",
            "amount",
            "valid until",
            "status",
        ],
        &rows,
    );
}

/// Contributors whose surge shares need an appropriation: the parliament, each act, and the
/// shares still waiting on it.
fn appropriations(out: &mut String, r: &FundReport, cur: &str) {
    if r.appropriations.is_empty() {
        return;
    }
    let _ = writeln!(out, "\nAppropriations ({cur})");
    let rows: Vec<Vec<String>> = r
        .appropriations
        .iter()
        .map(|a| {
            let waiting: Vec<String> = a
                .waiting
                .iter()
                .map(|w| format!("{} {} since {}", w.obligation, grouped(w.amount), w.since))
                .collect();
            vec![
                a.party.to_string(),
                a.parliament.clone(),
                grouped(a.appropriated),
                if waiting.is_empty() {
                    "none".to_owned()
                } else {
                    waiting.join("; ")
                },
            ]
        })
        .collect();
    table(
        out,
        "llrl",
        &[
            "contributor",
            "parliament",
            "appropriated",
            "shares waiting",
        ],
        &rows,
    );
    for a in &r.appropriations {
        for act in &a.acts {
            let _ = writeln!(
                out,
                "  {} appropriated {} at {}: {}",
                a.party,
                grouped(act.amount),
                act.at,
                act.reference
            );
        }
    }
}

/// The charter's programmes: each tranche with its date and status, then why it stands there
/// (the explanation names the conditions that hold it).
fn programmes(out: &mut String, r: &FundReport, cur: &str) {
    for p in &r.programmes {
        let _ = writeln!(
            out,
            "\nProgramme {} — {} (to {} for {}; {cur})",
            p.programme, p.name, p.recipient, p.purpose
        );
        let rows: Vec<Vec<String>> = p
            .tranches
            .iter()
            .map(|t| {
                let met = t.conditions.len() - t.unmet.len();
                vec![
                    t.tranche.to_string(),
                    grouped(t.amount),
                    t.by.to_string(),
                    format!("{met} of {}", t.conditions.len()),
                    match t.status {
                        ProgrammeTrancheStatus::Waiting => "waiting".to_owned(),
                        ProgrammeTrancheStatus::Held => {
                            format!("held since {}", or_dash(t.held_at))
                        }
                        ProgrammeTrancheStatus::Paid if t.late => {
                            format!("paid late at {}", or_dash(t.paid_at))
                        }
                        ProgrammeTrancheStatus::Paid => format!("paid at {}", or_dash(t.paid_at)),
                    },
                ]
            })
            .collect();
        table(
            out,
            "lrlll",
            &[
                "tranche",
                "amount",
                "conditions due by",
                "verified",
                "status",
            ],
            &rows,
        );
        for t in &p.tranches {
            let _ = writeln!(out, "  {}", t.explanation);
        }
    }
}

/// The board: its rule and powers, each motion with its status and the voting power for it,
/// then why it stands there.
fn board(out: &mut String, r: &FundReport) {
    let Some(b) = &r.board else { return };
    let powers: Vec<&str> = b.powers.iter().map(|p| p.name()).collect();
    let _ = writeln!(
        out,
        "\nBoard: {} of the voting power ({}), decides within {}; powers: {}{}",
        b.threshold,
        match b.weights {
            snapback_charter::BoardWeights::Key => "by contribution key",
            snapback_charter::BoardWeights::PaidIn => "by capital paid in",
        },
        b.decide_within,
        powers.join(", "),
        b.exceptional_above
            .map(|a| format!(" (disbursements above {})", grouped(a)))
            .unwrap_or_default()
    );
    if b.motions.is_empty() {
        let _ = writeln!(out, "  no motion put");
        return;
    }
    let rows: Vec<Vec<String>> = b
        .motions
        .iter()
        .map(|m| {
            vec![
                m.decision.to_string(),
                m.motion.power().name().to_owned(),
                m.proposer.to_string(),
                m.opened_at.to_string(),
                m.status.name().replace('_', " "),
                format!("{} of {}", grouped(m.tally.yes), grouped(m.tally.total)),
            ]
        })
        .collect();
    table(
        out,
        "lllllr",
        &["motion", "decides", "put by", "put at", "status", "yes"],
        &rows,
    );
    for m in &b.motions {
        let _ = writeln!(out, "  {}", m.explanation);
    }
}

/// Aid recorded by value (`aid.valued`), a row per donor, type and currency, then a total per
/// type and currency. Commitments, allocations and deliveries stay in their own columns.
pub(crate) fn valued_aid_table(out: &mut String, rows: &[ValuedAidRow]) {
    let mut totals: BTreeMap<(&str, &str), [Decimal; 3]> = BTreeMap::new();
    let mut lines: Vec<Vec<String>> = Vec::with_capacity(rows.len() + 3);
    for row in rows {
        let total = totals
            .entry((row.aid_type.name(), row.currency.as_str()))
            .or_default();
        for (sum, value) in total
            .iter_mut()
            .zip([row.committed, row.allocated, row.delivered])
        {
            *sum += value;
        }
        lines.push(vec![
            row.donor.to_string(),
            row.aid_type.name().to_owned(),
            row.currency.clone(),
            grouped(row.committed),
            grouped(row.allocated),
            grouped(row.delivered),
            row.flows.to_string(),
        ]);
    }
    for ((aid_type, currency), [committed, allocated, delivered]) in totals {
        lines.push(vec![
            "all donors".to_owned(),
            aid_type.to_owned(),
            currency.to_owned(),
            grouped(committed),
            grouped(allocated),
            grouped(delivered),
            String::new(),
        ]);
    }
    table(
        out,
        "lllrrrr",
        &[
            "donor",
            "type",
            "currency",
            "committed",
            "allocated",
            "delivered",
            "flows",
        ],
        &lines,
    );
}

fn header(out: &mut String, loaded: &Loaded) {
    let r = &loaded.report;
    let cur = loaded.currency_code();
    let _ = writeln!(out, "{} (currency of account {cur})", loaded.name());
    let _ = writeln!(out, "Source: {}", loaded.origin);
    if let Some(as_of) = loaded.state.as_of {
        let _ = writeln!(out, "As of:  {as_of}");
    }
    let since = r.modes.last().map_or_else(
        || "since the start".to_owned(),
        |m| {
            let cause = m
                .activation
                .as_ref()
                .map_or_else(String::new, |a| format!(", activation {a}"));
            format!("since {}{cause}", m.at)
        },
    );
    let _ = writeln!(out, "Mode:   {} ({since})", r.mode.name());
    if r.modes.len() > 1 {
        let changes: Vec<String> = r
            .modes
            .iter()
            .map(|m| format!("{} at {}", m.mode.name(), m.at))
            .collect();
        let _ = writeln!(out, "        changes: {}", changes.join("; "));
    }
}

fn pools(out: &mut String, r: &FundReport, cur: &str) {
    let _ = writeln!(out, "\nPools ({cur})");
    let rows: Vec<Vec<String>> = r
        .pools
        .iter()
        .map(|p| {
            vec![
                p.pool.to_owned(),
                grouped(p.balance),
                grouped(p.reserved),
                grouped(p.available),
            ]
        })
        .collect();
    table(
        out,
        "lrrr",
        &["pool", "balance", "reserved", "available"],
        &rows,
    );
}

fn contributors(out: &mut String, r: &FundReport, cur: &str) {
    let _ = writeln!(out, "\nContributors ({cur})");
    let rows: Vec<Vec<String>> = r
        .contributors
        .iter()
        .map(|c| {
            vec![
                c.id.to_string(),
                or_dash(c.key),
                or_dash(c.share),
                or_dash(c.subscribed.map(grouped)),
                grouped(c.pledged),
                grouped(c.paid_in),
                grouped(c.pledge_outstanding),
                or_dash(c.callable.map(grouped)),
                grouped(c.called),
                grouped(c.call_paid),
                grouped(c.call_outstanding),
            ]
        })
        .collect();
    table_or_none(
        out,
        "lrrrrrrrrrr",
        &[
            "contributor",
            "key",
            "share",
            "subscribed",
            "pledged",
            "paid in",
            "pledge outstanding",
            "callable",
            "surge called",
            "surge paid",
            "surge outstanding",
        ],
        &rows,
    );
}

fn purposes_and_recipients(out: &mut String, r: &FundReport, cur: &str) {
    let _ = writeln!(out, "\nDisbursed by purpose ({cur})");
    let rows: Vec<Vec<String>> = r
        .purposes
        .iter()
        .map(|p| vec![p.purpose.clone(), grouped(p.disbursed)])
        .collect();
    table(out, "lr", &["purpose", "disbursed"], &rows);

    let _ = writeln!(out, "\nRecipients ({cur})");
    let rows: Vec<Vec<String>> = r
        .recipients
        .iter()
        .map(|x| vec![x.id.clone(), grouped(x.received), grouped(x.reserved)])
        .collect();
    table_or_none(out, "lrr", &["recipient", "received", "reserved"], &rows);
}

fn surge_calls(out: &mut String, r: &FundReport, cur: &str) {
    let _ = writeln!(out, "\nSurge calls");
    if r.calls.is_empty() {
        let _ = writeln!(out, "  none");
    }
    for call in &r.calls {
        let _ = writeln!(
            out,
            "  {} at {}: {} {cur}, due {}",
            call.activation,
            call.at,
            grouped(call.total),
            call.due
        );
        // Indented under its call: the first cell carries the indent.
        let rows: Vec<Vec<String>> = call
            .shares
            .iter()
            .map(|s| {
                vec![
                    format!("  {}", s.party),
                    grouped(s.amount),
                    s.obligation.to_string(),
                    match (&s.awaiting_appropriation, s.due) {
                        (Some(parliament), _) => format!("awaiting appropriation by {parliament}"),
                        (None, Some(due)) => {
                            format!("{}, due {due}", or_dash(s.status.map(|st| st.name())))
                        }
                        (None, None) => or_dash(s.status.map(|st| st.name())),
                    },
                    or_dash(s.paid_at),
                ]
            })
            .collect();
        table(
            out,
            "lrlll",
            &["  contributor", "amount", "obligation", "status", "paid at"],
            &rows,
        );
    }
}

fn tranches(out: &mut String, r: &FundReport, cur: &str) {
    let _ = writeln!(out, "\nTranches ({cur})");
    let rows: Vec<Vec<String>> = r
        .tranches
        .iter()
        .map(|t| {
            let status = match t.status {
                TrancheStatus::Reserved => "reserved",
                TrancheStatus::Released => "released",
                TrancheStatus::Voided => "voided",
            };
            vec![
                t.claim.to_string(),
                t.recipient.clone(),
                t.purpose.clone(),
                grouped(t.amount),
                status.to_owned(),
                t.reserved_at.to_string(),
                or_dash(t.resolved_at),
                or_dash(t.activation.as_ref()),
            ]
        })
        .collect();
    table_or_none(
        out,
        "lllrllll",
        &[
            "claim",
            "recipient",
            "purpose",
            "amount",
            "status",
            "reserved at",
            "resolved at",
            "activation",
        ],
        &rows,
    );
}

fn rates(out: &mut String, r: &FundReport, cur: &str) {
    let _ = writeln!(out, "\nLatest rates ({cur} per unit)");
    if r.rates.is_empty() {
        let _ = writeln!(out, "  none");
    }
    for rate in &r.rates {
        let _ = writeln!(out, "  {} {} since {}", rate.currency, rate.rate, rate.at);
    }
}

/// The books' totals: `=` where debits equal credits, `≠` where they do not.
fn books(out: &mut String, r: &FundReport) {
    let t = &r.totals;
    let relation = |equal: bool| if equal { "=" } else { "≠" };
    let _ = writeln!(
        out,
        "\nBooks: {}: debits posted {} {} credits posted {}; pending debits {} {} pending credits {}; {} transfers",
        if t.balanced {
            "balanced"
        } else {
            "NOT BALANCED"
        },
        grouped(t.debits_posted),
        relation(t.debits_posted == t.credits_posted),
        grouped(t.credits_posted),
        grouped(t.debits_pending),
        relation(t.debits_pending == t.credits_pending),
        grouped(t.credits_pending),
        r.transfers
    );
    for p in &r.problems {
        let _ = writeln!(out, "  PROBLEM: {p}");
    }
}
