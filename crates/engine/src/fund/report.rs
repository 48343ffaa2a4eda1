//! The fund part of the replay report (contract): balances by pool, contributor, purpose and
//! recipient, the mode and its history, surge calls and tranches. Amounts are strings in the
//! fund's currency of account, written with its minor unit (`"1500.00"`).

use std::collections::BTreeMap;

use jiff::Timestamp;
use rust_decimal::Decimal;
use serde::Serialize;
use snapback_charter::time::{instant_serde, option_instant_serde};
use snapback_charter::{ActivationId, ClaimId, Currency, Fund, FundMode, ObligationId, PartyId};

use crate::capability::event::AidType;
use crate::capability::valued::{ValuedAidRow, valued_aid};
use crate::derived::{ObligationStatus, TransferCode};
use crate::fund::instruments_report::{GuaranteeReport, LoanReport, guarantees, loans};
use crate::fund::programmes_report::{ProgrammeReport, programmes};
use crate::fund::record::{FundRecord, TrancheStatus};
use crate::fund::{POOL_CORE, POOL_SURGE, called_account, paid_in_account, pledged_account};
use crate::state::State;

/// The Stabilization Fund (contract: fields are added, never renamed or removed). Amounts are decimal strings in the fund's currency of account, with its minor unit.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FundReport {
    pub name: Option<String>,
    pub currency: Option<String>,
    pub mode: FundMode,
    pub modes: Vec<ModeReport>,
    pub pools: Vec<PoolReport>,
    pub contributors: Vec<ContributorReport>,
    pub purposes: Vec<PurposeReport>,
    pub recipients: Vec<RecipientReport>,
    pub calls: Vec<CallReport>,
    pub tranches: Vec<TrancheReport>,
    pub rates: Vec<RateReport>,
    pub totals: TotalsReport,
    /// How many transfers the books hold (every leg, posts and voids included).
    pub transfers: usize,
    /// Transfers the report's books refused; always empty unless something is badly wrong.
    pub problems: Vec<String>,
    /// Bilateral financial and humanitarian aid recorded by value (`aid.valued`), by donor:
    /// shown beside the fund, never in its books or totals. Absent when none is recorded.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub bilateral_aid: Vec<ValuedAidRow>,
    /// The fund's loans (`fund.loan_disbursed`), in the order made. Absent when it made none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub loans: Vec<LoanReport>,
    /// The fund's guarantees (`fund.guarantee_issued`), in the order issued. Absent when it
    /// issued none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub guarantees: Vec<GuaranteeReport>,
    /// Each contributor whose surge shares need its parliament's appropriation: what was
    /// appropriated (and by which act) and the shares still waiting. Absent when none needs one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub appropriations: Vec<AppropriationReport>,
    /// The charter's programmes (`[[fund.programme]]`): tranches paid against conditions.
    /// Absent when the charter has none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub programmes: Vec<ProgrammeReport>,
    /// The fund's board (`[fund.board]`): its weights, threshold and powers, and every motion
    /// put to it. Absent when the charter sets up none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub board: Option<crate::fund::board_report::BoardReport>,
}

/// A change of the fund's mode.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "FundModeChange"))]
pub struct ModeReport {
    #[serde(with = "instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Instant"))]
    pub at: Timestamp,
    pub mode: FundMode,
    pub activation: Option<ActivationId>,
    /// The board's decision that returned the fund to peace (absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<snapback_charter::DecisionId>,
}

/// A pool of the fund.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "FundPool"))]
pub struct PoolReport {
    #[cfg_attr(feature = "schema", schemars(extend("enum" = ["core", "surge"])))]
    pub pool: &'static str,
    /// Posted money in the pool.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub balance: Decimal,
    /// Reserved for tranches (pending).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub reserved: Decimal,
    /// What may still be disbursed: balance minus reserved.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub available: Decimal,
}

/// A contributor: its capital in the charter (null for a party outside the charter's list) and what it pledged, paid and was called for.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "FundContributor"))]
pub struct ContributorReport {
    pub id: PartyId,
    /// The contribution key and pro rata share (key / sum of keys) for charter contributors.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::DecimalString>")
    )]
    pub key: Option<Decimal>,
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::DecimalString>")
    )]
    pub share: Option<Decimal>,
    /// Paid-in capital subscribed in the charter.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::DecimalString>")
    )]
    pub subscribed: Option<Decimal>,
    /// Callable surge capital in the charter.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::DecimalString>")
    )]
    pub callable: Option<Decimal>,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub pledged: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub pledge_outstanding: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub paid_in: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub called: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub call_paid: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub call_outstanding: Decimal,
}

/// Money disbursed for one purpose (tranche releases included).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "FundPurpose"))]
pub struct PurposeReport {
    pub purpose: String,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub disbursed: Decimal,
}

/// Money a recipient received, and what is reserved for it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "FundRecipient"))]
pub struct RecipientReport {
    pub id: String,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub received: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub reserved: Decimal,
}

/// One contributor's share of a surge call: an obligation fulfilled by paying it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "FundCallShare"))]
pub struct CallShareReport {
    pub party: PartyId,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub amount: Decimal,
    pub obligation: ObligationId,
    pub status: Option<ObligationStatus>,
    #[serde(with = "option_instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Instant>"))]
    pub paid_at: Option<Timestamp>,
    /// The parliament whose appropriation the share still waits on (no obligation yet; absent
    /// when it waits on none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub awaiting_appropriation: Option<String>,
    /// When the share is due, where an appropriation made it due later than the call's `due`
    /// (absent otherwise).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "option_instant_serde"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Instant>"))]
    pub due: Option<Timestamp>,
}

/// A surge call, pro rata to the contribution keys.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "FundCall"))]
pub struct CallReport {
    pub activation: ActivationId,
    #[serde(with = "instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Instant"))]
    pub at: Timestamp,
    #[serde(with = "instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Instant"))]
    pub due: Timestamp,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub total: Decimal,
    pub shares: Vec<CallShareReport>,
}

/// A tranche reserved when a claim was filed.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "FundTranche"))]
pub struct TrancheReport {
    pub claim: ClaimId,
    pub recipient: String,
    pub purpose: String,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub amount: Decimal,
    pub status: TrancheStatus,
    #[serde(with = "instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Instant"))]
    pub reserved_at: Timestamp,
    #[serde(with = "option_instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Instant>"))]
    pub resolved_at: Option<Timestamp>,
    pub activation: Option<ActivationId>,
}

/// The exchange rate in force for a currency: `rate` units of the fund's currency per unit.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "FundRate"))]
pub struct RateReport {
    pub currency: String,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub rate: Decimal,
    #[serde(with = "instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Instant"))]
    pub at: Timestamp,
}

/// Sums over every account: in balanced books debits equal credits.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "FundTotals"))]
pub struct TotalsReport {
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub debits_posted: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub credits_posted: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub debits_pending: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub credits_pending: Decimal,
    pub balanced: bool,
}

/// Writes amounts with the currency's minor unit when the currency is known.
struct Fix(Option<Currency>);

impl Fix {
    fn d(&self, v: Decimal) -> Decimal {
        self.0.map_or(v, |c| c.fixed(v))
    }
}

/// The fund report, if the charter sets up a fund or anything happened in one.
pub fn fund_report(state: &State) -> Option<FundReport> {
    let fund = state
        .as_of
        .and_then(|t| state.history().in_force(t))
        .or_else(|| state.history().versions().last())
        .and_then(|c| c.fund.as_ref().map(|f| (&**c, f)));
    let record = &state.fund;
    let bilateral_aid = valued_aid(&state.capabilities, |k| k != AidType::Military);
    if fund.is_none() && record.is_empty() && bilateral_aid.is_empty() {
        return None;
    }
    let fix = Fix(fund.map(|(_, f)| f.currency));
    let book = &record.book;
    let pool = |name: &'static str, label: &'static str| {
        let b = book.balance(name);
        PoolReport {
            pool: label,
            balance: fix.d(b.credit_balance()),
            reserved: fix.d(b.debits_pending),
            available: fix.d(b.available()),
        }
    };
    let totals = book.totals().unwrap_or_default();
    Some(FundReport {
        name: fund.map(|(_, f)| f.name.clone()),
        currency: fund.map(|(_, f)| f.currency.code().to_owned()),
        mode: record.mode,
        modes: record
            .modes
            .iter()
            .map(|m| ModeReport {
                at: m.at,
                mode: m.mode,
                activation: m.activation.clone(),
                decision: m.decision.clone(),
            })
            .collect(),
        pools: vec![pool(POOL_CORE, "core"), pool(POOL_SURGE, "surge")],
        contributors: contributors(record, fund, &fix),
        purposes: purposes(record, fund.map(|(_, f)| f), &fix),
        recipients: recipients(record, &fix),
        calls: calls(state, &fix),
        tranches: record
            .tranches
            .iter()
            .map(|t| TrancheReport {
                claim: t.claim.clone(),
                recipient: t.recipient.to_string(),
                purpose: t.purpose.to_string(),
                amount: fix.d(t.amount),
                status: t.status,
                reserved_at: t.reserved_at,
                resolved_at: t.resolved_at,
                activation: t.activation.clone(),
            })
            .collect(),
        rates: latest_rates(record),
        totals: TotalsReport {
            debits_posted: fix.d(totals.debits_posted),
            credits_posted: fix.d(totals.credits_posted),
            debits_pending: fix.d(totals.debits_pending),
            credits_pending: fix.d(totals.credits_pending),
            balanced: totals.debits_posted == totals.credits_posted
                && totals.debits_pending == totals.credits_pending,
        },
        transfers: book.transfer_count(),
        problems: record.problems.clone(),
        bilateral_aid,
        loans: loans(&record.loans, state.as_of),
        guarantees: guarantees(&record.guarantees),
        programmes: fund
            .map(|(charter, f)| programmes(charter, f, record))
            .unwrap_or_default(),
        appropriations: fund
            .map(|(charter, f)| appropriations(state, charter, f, &fix))
            .unwrap_or_default(),
        board: fund.and_then(|(_, f)| crate::fund::board_report::board(f, record)),
    })
}

/// Charter contributors in charter order, then everyone else who pledged or paid, by id.
fn contributors(
    record: &FundRecord,
    fund: Option<(&snapback_charter::Charter, &Fund)>,
    fix: &Fix,
) -> Vec<ContributorReport> {
    let mut ids: Vec<(PartyId, Option<&snapback_charter::FundContributor>)> = Vec::new();
    let key_sum: Decimal = fund.map_or(Decimal::ZERO, |(_, f)| {
        f.contributors.iter().map(|c| c.key).sum()
    });
    if let Some((charter, f)) = fund {
        for c in &f.contributors {
            ids.push((charter.party(c.party).id.clone(), Some(c)));
        }
    }
    let mut others: Vec<PartyId> = record
        .book
        .accounts()
        .iter()
        .filter_map(|a| {
            let rest = a.name.strip_prefix("contributor:")?;
            let (id, _) = rest.rsplit_once(':')?;
            PartyId::new(id).ok()
        })
        .filter(|id| !ids.iter().any(|(known, _)| known == id))
        .collect();
    others.sort();
    others.dedup();
    ids.extend(others.into_iter().map(|id| (id, None)));
    ids.into_iter()
        .map(|(id, c)| {
            let pledged = record.book.balance(&pledged_account(id.as_str()));
            let called = record.book.balance(&called_account(id.as_str()));
            let paid = record.book.balance(&paid_in_account(id.as_str()));
            ContributorReport {
                key: c.map(|c| c.key),
                share: c
                    .filter(|_| key_sum > Decimal::ZERO)
                    .map(|c| (c.key / key_sum).round_dp(6)),
                subscribed: c.map(|c| fix.d(c.paid_in)),
                callable: c.map(|c| fix.d(c.callable)),
                pledged: fix.d(pledged.debits_posted),
                pledge_outstanding: fix.d(pledged.debit_balance()),
                paid_in: fix.d(paid.debits_posted),
                called: fix.d(called.debits_posted),
                call_paid: fix.d(called.credits_posted),
                call_outstanding: fix.d(called.debit_balance()),
                id,
            }
        })
        .collect()
}

/// Disbursed per purpose (releases of tranches included): the charter's purposes first (peace,
/// then conflict), then any other purpose seen.
fn purposes(record: &FundRecord, fund: Option<&Fund>, fix: &Fix) -> Vec<PurposeReport> {
    let mut sums: BTreeMap<String, Decimal> = BTreeMap::new();
    for t in &record.transfers {
        if matches!(
            t.transfer.code,
            TransferCode::Disbursement | TransferCode::Release
        ) && let Some(p) = &t.transfer.purpose
        {
            *sums.entry(p.to_string()).or_default() += t.transfer.amount;
        }
    }
    let mut order: Vec<String> = Vec::new();
    if let Some(f) = fund {
        for p in f.peace_purposes.iter().chain(&f.conflict_purposes) {
            if !order.iter().any(|o| o == p.as_str()) {
                order.push(p.to_string());
            }
        }
    }
    for p in sums.keys() {
        if !order.contains(p) {
            order.push(p.clone());
        }
    }
    order
        .into_iter()
        .map(|p| PurposeReport {
            disbursed: fix.d(sums.get(&p).copied().unwrap_or_default()),
            purpose: p,
        })
        .collect()
}

fn recipients(record: &FundRecord, fix: &Fix) -> Vec<RecipientReport> {
    record
        .book
        .accounts()
        .iter()
        .filter_map(|a| {
            let id = a.name.strip_prefix("recipient:")?;
            Some(RecipientReport {
                id: id.to_owned(),
                received: fix.d(a.balance.credits_posted),
                reserved: fix.d(a.balance.credits_pending),
            })
        })
        .collect()
}

fn calls(state: &State, fix: &Fix) -> Vec<CallReport> {
    state
        .fund
        .calls
        .iter()
        .map(|c| CallReport {
            activation: c.activation.clone(),
            at: c.at,
            due: c.due,
            total: fix.d(c.total),
            shares: c
                .shares
                .iter()
                .map(|s| {
                    let o = state.obligations.iter().find(|o| o.id == s.obligation);
                    let awaiting = o.is_none().then(|| {
                        state
                            .fund
                            .awaiting
                            .iter()
                            .find(|w| w.obligation == s.obligation)
                            .map(|w| w.parliament.clone())
                    });
                    CallShareReport {
                        party: s.party.clone(),
                        amount: fix.d(s.amount),
                        obligation: s.obligation.clone(),
                        status: o.map(|o| o.status),
                        paid_at: o.and_then(|o| o.fulfilled_at),
                        awaiting_appropriation: awaiting.flatten(),
                        due: o.map(|o| o.due).filter(|due| *due != c.due),
                    }
                })
                .collect(),
        })
        .collect()
}

/// A contributor whose surge shares need an appropriation.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "FundAppropriation"))]
pub struct AppropriationReport {
    pub party: PartyId,
    pub parliament: String,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub appropriated: Decimal,
    /// Each act recorded, in order.
    pub acts: Vec<AppropriationAct>,
    /// The shares still waiting on it, in call order.
    pub waiting: Vec<WaitingShare>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "FundAppropriationAct"))]
pub struct AppropriationAct {
    #[serde(with = "instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Instant"))]
    pub at: Timestamp,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub amount: Decimal,
    pub reference: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "FundWaitingShare"))]
pub struct WaitingShare {
    pub obligation: ObligationId,
    pub activation: ActivationId,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub amount: Decimal,
    /// Called, and waiting, since.
    #[serde(with = "instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Instant"))]
    pub since: Timestamp,
}

fn appropriations(
    state: &State,
    charter: &snapback_charter::Charter,
    fund: &Fund,
    fix: &Fix,
) -> Vec<AppropriationReport> {
    let record = &state.fund;
    fund.contributors
        .iter()
        .filter_map(|c| {
            let parliament = c.appropriation.clone()?;
            let party = charter.party(c.party).id.clone();
            let acts: Vec<AppropriationAct> = record
                .appropriations
                .iter()
                .filter(|a| a.contributor == party)
                .map(|a| AppropriationAct {
                    at: a.at,
                    amount: fix.d(a.amount),
                    reference: a.reference.clone(),
                })
                .collect();
            let waiting = record
                .awaiting
                .iter()
                .filter(|w| w.party == party)
                .filter(|w| !state.obligations.iter().any(|o| o.id == w.obligation))
                .map(|w| WaitingShare {
                    obligation: w.obligation.clone(),
                    activation: w.activation.clone(),
                    amount: fix.d(w.amount),
                    since: w.at,
                })
                .collect();
            Some(AppropriationReport {
                appropriated: fix.d(acts.iter().map(|a| a.amount).sum()),
                party,
                parliament,
                acts,
                waiting,
            })
        })
        .collect()
}

/// The rate in force for each currency (the latest recorded), by currency code.
fn latest_rates(record: &FundRecord) -> Vec<RateReport> {
    let mut latest: BTreeMap<&str, RateReport> = BTreeMap::new();
    for r in &record.rates {
        latest.insert(
            &r.currency,
            RateReport {
                currency: r.currency.clone(),
                rate: r.rate,
                at: r.at,
            },
        );
    }
    latest.into_values().collect()
}
