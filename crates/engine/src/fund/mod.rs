//! The Stabilization Fund inside the engine: it judges money events against the charter's
//! `[fund]` rules and reacts to activations (conflict mode, surge calls, tranches).
//!
//! Every movement is a double-entry transfer in a [`snapback_fund::Book`]. The chart of accounts,
//! all in the fund's currency of account:
//!
//! | account | normal side | holds | bound |
//! |---|---|---|---|
//! | `pool:core` | credit | paid-in money not yet disbursed | pays out at most what it holds |
//! | `pool:surge` | credit | money paid against surge calls (spent in conflict mode only) | same |
//! | `commitments` | credit | pledges and calls not yet settled | settles at most what was committed |
//! | `recipient:R` | credit | everything R received (reserved tranches pending) | only grows |
//! | `contributor:C:pledged` | debit | C's pledges not yet paid | settled at most up to them |
//! | `contributor:C:called` | debit | C's surge calls not yet paid | same |
//! | `contributor:C:paid-in` | debit | everything C paid in | only grows |
//! | `borrower:B` | either | a loan's principal received (credit) against its instalments due (pending debits, posted as repaid) | none |
//! | `income:interest` | credit | interest paid on the fund's loans | only grows |
//!
//! Each transfer debits one account and credits another: a pledge debits
//! `contributor:C:pledged` and credits `commitments`; a payment debits `contributor:C:paid-in`
//! and credits a pool, and settles what it pays (debit `commitments`, credit
//! `contributor:C:pledged` or `…:called`); a disbursement debits a pool and credits
//! `recipient:R`. Money in another currency is converted at the latest
//! `fund.fx_rate` and rounded once, half to even, to the fund currency's minor unit; the
//! conversion (original amount, rate, exact and rounded result) is part of the judgement.

use std::collections::VecDeque;

use jiff::Timestamp;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;
use snapback_charter::{
    AMOUNT_MAX, ActivationId, Charter, ClaimId, Currency, Fund, FundMode, ObligationId, PackageId,
    PartyId, PurposeId, RecipientId, Role, TransferId, split_pro_rata,
};

/// The fund's book, its transfers and their kinds, keyed by the charter's transfer ids (the
/// book itself knows no charter).
pub type Book = snapback_fund::Book<TransferId>;
pub type Transfer = snapback_fund::Transfer<TransferId>;
pub type Kind = snapback_fund::Kind<TransferId>;

mod appropriations;
mod board;
mod books;
mod guarantees;
mod loans;
mod programmes;
mod tranches;

pub use books::{
    called_account, flags_for, paid_in_account, pledged_account, post, recipient_account,
};

pub(crate) use appropriations::{AppropriationLive, AwaitingShare};
pub(crate) use guarantees::GuaranteeLive;
pub(crate) use loans::LoanLive;
pub use loans::{INTEREST_INCOME, borrower_account, instalment_due, next_open};
pub(crate) use programmes::ProgrammeTrancheLive;

use crate::derived::{Derived, DerivedKind, FundTransfer, SurgeShare, TransferCode};
use crate::event::{EventKind, FundDisbursement, FundFxRate, FundMoney};
use crate::rejection::Rejection;

pub const POOL_CORE: &str = "pool:core";
pub const POOL_SURGE: &str = "pool:surge";
pub const COMMITMENTS: &str = "commitments";

/// How money in another currency became money in the fund's.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "FundConversion"))]
pub struct Conversion {
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub amount: Decimal,
    pub currency: String,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub rate: Decimal,
    /// `amount × rate`, before rounding.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub exact: Decimal,
    /// Rounded half to even to the fund currency's minor unit: what the books record.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DecimalString"))]
    pub converted: Decimal,
}

/// What an accepted money event did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FundAccepted {
    pub transfers: Vec<FundTransfer>,
    pub conversion: Option<Conversion>,
    /// The surge call this payment completed, and whether it was late.
    pub fulfilled: Option<(ObligationId, bool)>,
    /// The same event (same transfer id, same content) was already recorded: nothing changed.
    pub duplicate: bool,
}

#[derive(Debug, Clone)]
struct Call {
    contributor: PartyId,
    outstanding: Decimal,
}

#[derive(Debug, Clone)]
struct Tranche {
    transfer: TransferId,
    amount: Decimal,
    recipient: RecipientId,
    purpose: PurposeId,
}

/// What an activation that creates a `funds` obligation did to the fund.
#[derive(Debug, Default)]
pub(crate) struct Triggered {
    pub derived: Vec<Derived>,
    pub shares: Vec<SurgeShare>,
    /// The shares that wait on an appropriation: no obligation until it comes.
    pub awaiting: Vec<ObligationId>,
    pub due: Option<Timestamp>,
    pub quiet_until: Option<Timestamp>,
}

/// The fund's live state.
#[derive(Debug, Clone)]
pub(crate) struct FundLive {
    pub book: Book,
    pub mode: FundMode,
    quiet_until: Option<Timestamp>,
    /// The quiet period ended while the board holds the power to return the fund to peace:
    /// the fund waits, in conflict mode, for the board's decision.
    quiet_ended: bool,
    board: board::BoardLive,
    last_trigger: Option<ActivationId>,
    rates: FxHashMap<Currency, Decimal>,
    /// Disbursements per capped purpose inside the longest window that can still matter.
    spent: FxHashMap<PurposeId, VecDeque<(Timestamp, Decimal)>>,
    called: FxHashMap<PartyId, Decimal>,
    calls: FxHashMap<ObligationId, Call>,
    tranches: FxHashMap<ClaimId, Tranche>,
    loans: FxHashMap<TransferId, LoanLive>,
    guarantees: FxHashMap<TransferId, GuaranteeLive>,
    /// What each contributor's parliament appropriated for its surge shares.
    appropriations: FxHashMap<PartyId, AppropriationLive>,
    /// Called shares waiting on an appropriation, in call order.
    awaiting: Vec<AwaitingShare>,
    /// Programme tranches that a condition was verified for, by programme and tranche.
    programmes: std::collections::BTreeMap<
        (snapback_charter::ProgrammeId, snapback_charter::TrancheId),
        ProgrammeTrancheLive,
    >,
    /// Every money event accepted, by its transfer id, with the party that submitted it, for
    /// idempotence.
    inputs: FxHashMap<TransferId, (PartyId, EventKind)>,
}

impl Default for FundLive {
    fn default() -> Self {
        Self {
            book: Book::new(),
            mode: FundMode::Peace,
            quiet_until: None,
            quiet_ended: false,
            board: board::BoardLive::default(),
            last_trigger: None,
            rates: FxHashMap::default(),
            spent: FxHashMap::default(),
            called: FxHashMap::default(),
            calls: FxHashMap::default(),
            tranches: FxHashMap::default(),
            loans: FxHashMap::default(),
            guarantees: FxHashMap::default(),
            programmes: std::collections::BTreeMap::new(),
            appropriations: FxHashMap::default(),
            awaiting: Vec::new(),
            inputs: FxHashMap::default(),
        }
    }
}

fn books(e: String) -> Rejection {
    Rejection::Books(e)
}

fn fund_transfer(
    id: TransferId,
    code: TransferCode,
    debit: String,
    credit: &str,
    amount: Decimal,
) -> FundTransfer {
    FundTransfer {
        transfer: id,
        code,
        debit,
        credit: credit.to_owned(),
        amount,
        pending: None,
        purpose: None,
    }
}

/// The cash leg of a payment of `paid` into `pool`, and (if `settled` is positive) the leg
/// settling that much of the receivable `receivable(contributor)`.
fn payment(
    id: &TransferId,
    contributor: &PartyId,
    pool: &str,
    paid: Decimal,
    settled: Decimal,
    receivable: fn(&str) -> String,
) -> Vec<FundTransfer> {
    let c = contributor.as_str();
    let mut legs = vec![fund_transfer(
        id.clone(),
        TransferCode::PaidIn,
        paid_in_account(c),
        pool,
        paid,
    )];
    if settled > Decimal::ZERO {
        legs.push(fund_transfer(
            TransferId::join(&[id.as_str(), "settle"]),
            TransferCode::Settlement,
            COMMITMENTS.to_owned(),
            &receivable(c),
            settled,
        ));
    }
    legs
}

/// The manager and the secretariat may act for the fund.
/// Money the fund moves out or back is in its currency of account (only money in converts).
fn in_fund_currency(fund: &Fund, currency: Currency) -> Result<(), Rejection> {
    if currency == fund.currency {
        Ok(())
    } else {
        Err(Rejection::WrongCurrency {
            currency: currency.code().to_owned(),
            expected: fund.currency.code().to_owned(),
        })
    }
}

fn require_manager(
    charter: &Charter,
    fund: &Fund,
    party: &PartyId,
    action: &'static str,
) -> Result<(), Rejection> {
    let manager = &charter.party(fund.manager).id;
    let allowed = party == manager
        || charter
            .party_idx(party.as_str())
            .is_some_and(|p| charter.has_role(p, Role::Secretariat));
    if allowed {
        Ok(())
    } else {
        Err(Rejection::NotFundManager {
            party: party.clone(),
            manager: manager.clone(),
            action,
        })
    }
}

impl FundLive {
    /// An accepted event with this transfer id, if any: the same content from the same party is
    /// a harmless duplicate; other content, or the same content from another party (whose money
    /// or authority it would be), a refusal.
    fn repeated(
        &self,
        id: &TransferId,
        party: &PartyId,
        kind: &EventKind,
    ) -> Option<Result<FundAccepted, Rejection>> {
        let (by, previous) = self.inputs.get(id)?;
        Some(if by == party && previous == kind {
            Ok(FundAccepted {
                duplicate: true,
                ..FundAccepted::default()
            })
        } else {
            Err(Rejection::TransferExists {
                transfer: id.clone(),
            })
        })
    }

    fn convert(
        &self,
        fund: &Fund,
        amount: Decimal,
        currency: Currency,
    ) -> Result<(Decimal, Option<Conversion>), Rejection> {
        if currency == fund.currency {
            return Ok((amount, None));
        }
        let rate = *self.rates.get(&currency).ok_or_else(|| Rejection::NoRate {
            currency: currency.code().to_owned(),
            fund_currency: fund.currency.code().to_owned(),
        })?;
        let exact = amount
            .checked_mul(rate)
            .ok_or_else(|| books(format!("{amount} × {rate} overflows")))?;
        let converted = fund.currency.round(exact);
        if converted > AMOUNT_MAX {
            // Every amount in the books is at most 10^15, so that sums of them stay exact.
            return Err(books(format!(
                "{amount} {currency} at {rate} is {converted} {}, more than the largest amount snapback accepts (10^15)",
                fund.currency.code()
            )));
        }
        if converted <= Decimal::ZERO {
            return Err(Rejection::ConvertsToZero {
                amount,
                currency: currency.code().to_owned(),
                rate,
                fund_currency: fund.currency.code().to_owned(),
            });
        }
        Ok((
            converted,
            Some(Conversion {
                amount,
                currency: currency.code().to_owned(),
                rate,
                exact,
                converted,
            }),
        ))
    }

    /// `fund.pledged` and `fund.paid_in`.
    pub fn money_in(
        &mut self,
        charter: &Charter,
        fund: &Fund,
        party: &PartyId,
        kind: &EventKind,
        m: &FundMoney,
    ) -> Result<FundAccepted, Rejection> {
        if let Some(repeat) = self.repeated(&m.transfer, party, kind) {
            return repeat;
        }
        let contributor = match &m.contributor {
            Some(c) if c != party => {
                require_manager(charter, fund, party, "record money for another contributor")?;
                c.clone()
            }
            _ => party.clone(),
        };
        let (amount, conversion) = self.convert(fund, m.amount, m.currency)?;
        let pledge = matches!(kind, EventKind::FundPledged(_));
        let mut fulfilled = None;
        let transfers = if pledge {
            vec![fund_transfer(
                m.transfer.clone(),
                TransferCode::Pledge,
                pledged_account(contributor.as_str()),
                COMMITMENTS,
                amount,
            )]
        } else if let Some(obligation) = &m.obligation {
            self.check_not_awaiting(obligation)?;
            let call = self
                .calls
                .get(obligation)
                .ok_or_else(|| Rejection::NotSurgeCall {
                    obligation: obligation.clone(),
                })?;
            if call.contributor != contributor {
                return Err(Rejection::NotYourCall {
                    obligation: obligation.clone(),
                    owner: call.contributor.clone(),
                    contributor,
                });
            }
            if amount > call.outstanding {
                return Err(Rejection::ExceedsCall {
                    obligation: obligation.clone(),
                    amount,
                    outstanding: call.outstanding,
                });
            }
            if amount == call.outstanding {
                fulfilled = Some(obligation.clone());
            }
            payment(
                &m.transfer,
                &contributor,
                POOL_SURGE,
                amount,
                amount,
                called_account,
            )
        } else {
            // A payment settles the contributor's open pledges first; the rest is unpledged.
            let owed = self
                .book
                .balance(&pledged_account(contributor.as_str()))
                .debit_balance();
            let settled = amount.min(owed.max(Decimal::ZERO));
            payment(
                &m.transfer,
                &contributor,
                POOL_CORE,
                amount,
                settled,
                pledged_account,
            )
        };
        post(&mut self.book, &transfers).map_err(books)?;
        if let Some(obligation) = &m.obligation
            && let Some(call) = self.calls.get_mut(obligation)
        {
            call.outstanding -= amount;
            if call.outstanding.is_zero() {
                self.calls.remove(obligation);
            }
        }
        self.inputs
            .insert(m.transfer.clone(), (party.clone(), kind.clone()));
        Ok(FundAccepted {
            transfers,
            conversion,
            fulfilled: fulfilled.map(|o| (o, false)),
            duplicate: false,
        })
    }

    /// `fund.disbursed`.
    pub fn disburse(
        &mut self,
        at: Timestamp,
        charter: &Charter,
        fund: &Fund,
        party: &PartyId,
        kind: &EventKind,
        d: &FundDisbursement,
    ) -> Result<FundAccepted, Rejection> {
        if let Some(repeat) = self.repeated(&d.transfer, party, kind) {
            return repeat;
        }
        self.check_outflow(charter, fund, party, "disburse", d.currency, &d.purpose)?;
        let authorisation = self.check_authorisation(fund, d)?;
        self.check_cap(at, fund, &d.purpose, d.amount)?;
        let surge = match self.mode {
            FundMode::Conflict => self.book.balance(POOL_SURGE).available(),
            FundMode::Peace => Decimal::ZERO,
        };
        let core = self.book.balance(POOL_CORE).available();
        if d.amount > surge + core {
            return Err(Rejection::InsufficientFunds {
                amount: d.amount,
                available: surge + core,
                mode: self.mode,
            });
        }
        let from_surge = d.amount.min(surge);
        let from_core = d.amount - from_surge;
        let recipient = recipient_account(d.recipient.as_str());
        let mut transfers = Vec::with_capacity(2);
        let leg = |id: TransferId, pool: &str, amount: Decimal| FundTransfer {
            purpose: Some(d.purpose.clone()),
            ..fund_transfer(
                id,
                TransferCode::Disbursement,
                pool.to_owned(),
                &recipient,
                amount,
            )
        };
        if from_surge > Decimal::ZERO {
            transfers.push(leg(d.transfer.clone(), POOL_SURGE, from_surge));
        }
        if from_core > Decimal::ZERO {
            let id = if transfers.is_empty() {
                d.transfer.clone()
            } else {
                TransferId::join(&[d.transfer.as_str(), "core"])
            };
            transfers.push(leg(id, POOL_CORE, from_core));
        }
        post(&mut self.book, &transfers).map_err(books)?;
        self.spend(at, fund, &d.purpose, d.amount);
        if let Some(decision) = &authorisation {
            self.use_authorisation(decision, &d.transfer);
        }
        Ok(self.accept(&d.transfer, party, kind, transfers))
    }

    /// Remembers an accepted money event by its transfer id (for idempotence) and answers with
    /// the transfers it made.
    fn accept(
        &mut self,
        id: &TransferId,
        party: &PartyId,
        kind: &EventKind,
        transfers: Vec<FundTransfer>,
    ) -> FundAccepted {
        self.inputs
            .insert(id.clone(), (party.clone(), kind.clone()));
        FundAccepted {
            transfers,
            ..FundAccepted::default()
        }
    }

    /// What every way of paying out (a disbursement, a loan, a guarantee) requires: the manager
    /// (or the secretariat) acts, in the fund's currency, for a purpose the mode allows.
    fn check_outflow(
        &self,
        charter: &Charter,
        fund: &Fund,
        party: &PartyId,
        action: &'static str,
        currency: Currency,
        purpose: &PurposeId,
    ) -> Result<(), Rejection> {
        require_manager(charter, fund, party, action)?;
        in_fund_currency(fund, currency)?;
        let allowed = fund.purposes(self.mode);
        if !allowed.contains(purpose) {
            return Err(Rejection::PurposeNotAllowed {
                purpose: purpose.clone(),
                mode: self.mode,
                allowed: allowed
                    .iter()
                    .map(|p| p.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
        Ok(())
    }

    /// Refuses what the core pool alone pays out (a loan, a guarantee's backing) beyond what it
    /// holds available.
    fn check_core_covers(&self, amount: Decimal) -> Result<(), Rejection> {
        let core = self.book.balance(POOL_CORE).available();
        if amount > core {
            return Err(Rejection::InsufficientFunds {
                amount,
                available: core,
                mode: self.mode,
            });
        }
        Ok(())
    }

    /// Refuses a disbursement that would exceed its purpose's cap in the trailing window.
    fn check_cap(
        &mut self,
        at: Timestamp,
        fund: &Fund,
        purpose: &PurposeId,
        amount: Decimal,
    ) -> Result<(), Rejection> {
        let Some(cap) = fund.caps.iter().find(|c| &c.purpose == purpose) else {
            return Ok(());
        };
        // The board may have changed the amount; the window stays the charter's.
        let amount_cap = self.cap_amount(fund, purpose).unwrap_or(cap.amount);
        let start = cap.per.before(at);
        let used: Decimal = self
            .spent
            .get(purpose)
            .map(|q| q.iter().filter(|(t, _)| *t > start).map(|(_, a)| *a).sum())
            .unwrap_or_default();
        if used + amount > amount_cap {
            return Err(Rejection::CapExceeded {
                purpose: purpose.clone(),
                amount,
                cap: amount_cap,
                per: cap.per.to_string(),
                used,
            });
        }
        Ok(())
    }

    /// Records money spent on a capped purpose, forgetting what fell out of every window.
    fn spend(&mut self, at: Timestamp, fund: &Fund, purpose: &PurposeId, amount: Decimal) {
        let Some(cap) = fund.caps.iter().find(|c| &c.purpose == purpose) else {
            return;
        };
        let start = cap.per.before(at);
        let queue = self.spent.entry(purpose.clone()).or_default();
        while queue.front().is_some_and(|(t, _)| *t <= start) {
            queue.pop_front();
        }
        queue.push_back((at, amount));
    }

    /// `fund.fx_rate`.
    pub fn rate(
        &mut self,
        charter: &Charter,
        fund: &Fund,
        party: &PartyId,
        r: &FundFxRate,
    ) -> Result<(), Rejection> {
        require_manager(charter, fund, party, "record exchange rates")?;
        if r.currency == fund.currency {
            return Err(Rejection::SameCurrency {
                currency: r.currency.code().to_owned(),
            });
        }
        self.rates.insert(r.currency, r.rate);
        Ok(())
    }

    /// Whether `id` is a surge call (fulfilled by paying it, not by a report).
    pub fn is_call(&self, id: &ObligationId) -> bool {
        self.calls.contains_key(id)
    }

    /// Whether this activation moved (or kept) the fund in conflict mode.
    pub fn triggered_by(&self, activation: &ActivationId) -> bool {
        self.last_trigger.as_ref() == Some(activation)
    }

    /// An activation created a `funds` obligation: conflict mode (if not already), the quiet
    /// period restarts, and the surge is called. Once per activation.
    pub fn trigger(
        &mut self,
        at: Timestamp,
        fund: &Fund,
        charter: &Charter,
        activation: &ActivationId,
        package: &PackageId,
    ) -> Triggered {
        if self.triggered_by(activation) {
            return Triggered::default();
        }
        self.last_trigger = Some(activation.clone());
        let mut t = Triggered::default();
        if self.mode == FundMode::Peace {
            self.mode = FundMode::Conflict;
            t.derived.push(Derived {
                at,
                kind: DerivedKind::FundModeChanged {
                    mode: FundMode::Conflict,
                    activation: Some(activation.clone()),
                    decision: None,
                },
            });
        }
        let quiet_until = fund.quiet_period.after(at);
        self.quiet_until = Some(quiet_until);
        self.quiet_ended = false;
        t.quiet_until = Some(quiet_until);
        let keys: Vec<Decimal> = fund.contributors.iter().map(|c| c.key).collect();
        // The charter's validation bounds keys (positive, at most 10^12) and the surge (at most
        // 10^15), so the split cannot overflow and always exists.
        let Some((surge, parts)) = fund.surge.as_ref().and_then(|surge| {
            split_pro_rata(fund.currency, surge.amount, &keys).map(|parts| (surge, parts))
        }) else {
            return t;
        };
        let mut transfers = Vec::new();
        for (c, part) in fund.contributors.iter().zip(parts) {
            let party = charter.party(c.party).id.clone();
            let called = self.called.get(&party).copied().unwrap_or_default();
            let share = part.min((c.callable - called).max(Decimal::ZERO));
            if share <= Decimal::ZERO {
                continue;
            }
            let obligation = ObligationId::join(&[activation.as_str(), "surge", party.as_str()]);
            transfers.push(fund_transfer(
                TransferId::join(&[activation.as_str(), "surge", party.as_str()]),
                TransferCode::SurgeCall,
                called_account(party.as_str()),
                COMMITMENTS,
                share,
            ));
            t.shares.push(SurgeShare {
                party,
                amount: share,
                obligation,
            });
        }
        // A call debits receivables (unbounded on the debit side) and credits commitments
        // (unbounded on the credit side), so posting it can only fail on overflow; then no
        // surge is called and no obligation created.
        if t.shares.is_empty() || post(&mut self.book, &transfers).is_err() {
            t.shares.clear();
            return t;
        }
        for s in &t.shares {
            *self.called.entry(s.party.clone()).or_default() += s.amount;
            self.calls.insert(
                s.obligation.clone(),
                Call {
                    contributor: s.party.clone(),
                    outstanding: s.amount,
                },
            );
        }
        let due = surge.due_within.after(at);
        t.due = Some(due);
        t.derived.push(Derived {
            at,
            kind: DerivedKind::FundSurgeCalled {
                activation: activation.clone(),
                package: package.clone(),
                total: t.shares.iter().map(|s| s.amount).sum(),
                currency: fund.currency.code().to_owned(),
                due,
                shares: t.shares.clone(),
                transfers,
            },
        });
        for s in t.shares.clone() {
            if let Some(parliament) = self.appropriation_for(fund, charter, &s) {
                t.derived.push(Derived {
                    at,
                    kind: DerivedKind::FundShareAwaitingAppropriation {
                        activation: activation.clone(),
                        party: s.party.clone(),
                        obligation: s.obligation.clone(),
                        amount: s.amount,
                        parliament: parliament.clone(),
                    },
                });
                t.awaiting.push(s.obligation.clone());
                self.awaiting.push(AwaitingShare {
                    activation: activation.clone(),
                    package: package.clone(),
                    share: s,
                    parliament,
                });
            }
        }
        t
    }

    /// A charter version took effect at `at` while the fund waited, after its quiet period, for
    /// the board: if the board no longer holds the power, the fund returns to peace by itself.
    pub fn quiet_recheck(&mut self, at: Timestamp, board_decides: bool) -> Option<Derived> {
        if self.mode != FundMode::Conflict || !self.quiet_ended || board_decides {
            return None;
        }
        self.mode = FundMode::Peace;
        self.quiet_until = None;
        self.quiet_ended = false;
        Some(Derived {
            at,
            kind: DerivedKind::FundModeChanged {
                mode: FundMode::Peace,
                activation: None,
                decision: None,
            },
        })
    }

    /// The quiet period ended at `at`: back to peace mode, unless a later activation restarted
    /// it; or, when `board_decides` (the charter gives the board that power), the fund stays in
    /// conflict mode and the board may now return it.
    pub fn quiet(&mut self, at: Timestamp, board_decides: bool) -> Option<Derived> {
        if self.mode != FundMode::Conflict || self.quiet_until != Some(at) {
            return None;
        }
        if board_decides {
            self.quiet_ended = true;
            return Some(Derived {
                at,
                kind: DerivedKind::FundQuietPeriodEnded {},
            });
        }
        self.mode = FundMode::Peace;
        self.quiet_until = None;
        Some(Derived {
            at,
            kind: DerivedKind::FundModeChanged {
                mode: FundMode::Peace,
                activation: None,
                decision: None,
            },
        })
    }
}

pub mod board_report;
pub mod instruments_report;
pub mod programmes_report;
pub mod record;
pub mod report;
