//! # snapback-fund
//!
//! A pure double-entry book with TigerBeetle's semantics, for the Stabilization Fund.
//!
//! * Every **transfer** moves one positive amount from a debit account to a different credit
//!   account, so the books always balance: the sum of all debits equals the sum of all credits,
//!   posted and pending alike ([`Book::totals`]).
//! * An **account** keeps four running sums (debits and credits, pending and posted). Its flags
//!   bound it: with `debits_must_not_exceed_credits` it can never pay out more than it received
//!   (pending debits included), with `credits_must_not_exceed_debits` the reverse. Without a flag
//!   an account may go either way (the outside world, for example).
//! * **Ids are unique and idempotent**: creating a transfer whose id exists with the same fields
//!   succeeds with [`Created::Exists`] and changes nothing; with other fields it fails.
//! * **Two-phase transfers**: a `Pending` transfer reserves the amount on both accounts; a later
//!   `Post` (all or part of it) or `Void` resolves it exactly once.
//! * **Linked chains** ([`Book::create_linked`]) apply all of their transfers or none.
//!
//! * **Loans** ([`loan`]): a repayment schedule computed exactly in decimals (grace period,
//!   annuity or linear repayment, the last instalment absorbing the rounding), posted as a
//!   disbursement and one pending transfer per instalment leg: the borrower's scheduled
//!   obligations.
//!
//! The book is pure and deterministic: no clock, no IO, no randomness. Amounts are
//! `rust_decimal::Decimal`; what an amount means (its currency, its rounding) is the caller's
//! business, and every account in one book is in one currency.

pub mod loan;

use std::borrow::Borrow;
use std::fmt;
use std::hash::Hash;
use std::sync::Arc;

use rust_decimal::Decimal;
use rustc_hash::FxHashMap;
use serde::Serialize;

/// Index of an account in a [`Book`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AccountIdx(pub u32);

/// What bounds an account's balance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct AccountFlags {
    /// Debits (pending and posted) may never exceed posted credits: the account cannot pay out
    /// money it has not received.
    pub debits_must_not_exceed_credits: bool,
    /// Credits (pending and posted) may never exceed posted debits: nothing can be settled
    /// against the account beyond what was charged to it.
    pub credits_must_not_exceed_debits: bool,
}

impl AccountFlags {
    pub const NONE: AccountFlags = AccountFlags {
        debits_must_not_exceed_credits: false,
        credits_must_not_exceed_debits: false,
    };
    /// A store of value: it can only pay out what came in.
    pub const CREDIT_LIMITED: AccountFlags = AccountFlags {
        debits_must_not_exceed_credits: true,
        credits_must_not_exceed_debits: false,
    };
    /// A receivable: it can only be settled up to what was charged.
    pub const DEBIT_LIMITED: AccountFlags = AccountFlags {
        debits_must_not_exceed_credits: false,
        credits_must_not_exceed_debits: true,
    };
}

/// An account's four running sums.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Balance {
    pub debits_pending: Decimal,
    pub debits_posted: Decimal,
    pub credits_pending: Decimal,
    pub credits_posted: Decimal,
}

impl Balance {
    /// Posted credits minus posted debits (what a credit-normal account holds).
    pub fn credit_balance(&self) -> Decimal {
        self.credits_posted - self.debits_posted
    }

    /// Posted debits minus posted credits (what a debit-normal account holds).
    pub fn debit_balance(&self) -> Decimal {
        self.debits_posted - self.credits_posted
    }

    /// What a credit-limited account may still pay out: posted credits minus all debits.
    pub fn available(&self) -> Decimal {
        self.credits_posted - self.debits_posted - self.debits_pending
    }

    fn checked_sum(self, other: Balance) -> Option<Balance> {
        Some(Balance {
            debits_pending: self.debits_pending.checked_add(other.debits_pending)?,
            debits_posted: self.debits_posted.checked_add(other.debits_posted)?,
            credits_pending: self.credits_pending.checked_add(other.credits_pending)?,
            credits_posted: self.credits_posted.checked_add(other.credits_posted)?,
        })
    }
}

/// One account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Account {
    pub name: Arc<str>,
    pub flags: AccountFlags,
    pub balance: Balance,
}

/// What a transfer does.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Kind<Id> {
    /// Moves the amount at once.
    Posted,
    /// Reserves the amount until a `Post` or `Void` names this transfer.
    Pending,
    /// Completes a pending transfer with this transfer's amount (at most the pending amount; the
    /// rest is released).
    Post { pending: Id },
    /// Releases a pending transfer's whole amount (the void names that amount).
    Void { pending: Id },
}

/// A transfer to create. `code` says what kind of movement it is; the book does not interpret
/// it, only stores it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transfer<Id> {
    pub id: Id,
    pub debit: AccountIdx,
    pub credit: AccountIdx,
    pub amount: Decimal,
    pub code: u16,
    pub kind: Kind<Id>,
}

/// Where a pending transfer stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PendingState {
    Open,
    Posted,
    Voided,
}

#[derive(Debug, Clone)]
struct Stored<Id> {
    transfer: Transfer<Id>,
    /// For `Pending` transfers only.
    state: Option<PendingState>,
}

/// The result of creating a transfer that did not fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Created {
    /// Applied now.
    New,
    /// A transfer with this id and these fields already exists; nothing changed.
    Exists,
}

/// Why a transfer was refused. A refused transfer changes nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransferError<Id> {
    #[error("transfer `{0}` already exists with different fields")]
    ExistsWithDifferentFields(Id),
    #[error("a transfer's debit and credit accounts must differ")]
    SameAccount,
    #[error("the amount {0} is not positive")]
    AmountNotPositive(Decimal),
    #[error("there is no account number {0}")]
    UnknownAccount(u32),
    #[error("account `{account}` cannot be debited {amount}: only {available} is available")]
    ExceedsCredits {
        account: Arc<str>,
        amount: Decimal,
        available: Decimal,
    },
    #[error("account `{account}` cannot be credited {amount}: only {available} is outstanding")]
    ExceedsDebits {
        account: Arc<str>,
        amount: Decimal,
        available: Decimal,
    },
    #[error("there is no pending transfer `{0}`")]
    PendingNotFound(Id),
    #[error("transfer `{0}` is not a pending transfer")]
    NotPending(Id),
    #[error("pending transfer `{0}` was already posted")]
    AlreadyPosted(Id),
    #[error("pending transfer `{0}` was already voided")]
    AlreadyVoided(Id),
    #[error("posting {amount} exceeds pending transfer `{pending}` of {pending_amount}")]
    PostExceedsPending {
        pending: Id,
        amount: Decimal,
        pending_amount: Decimal,
    },
    #[error("voiding `{pending}` must name its whole amount {pending_amount}, not {amount}")]
    VoidAmountDiffers {
        pending: Id,
        amount: Decimal,
        pending_amount: Decimal,
    },
    #[error("a post or void of `{0}` must name the pending transfer's own accounts")]
    AccountsDiffer(Id),
    #[error("a balance of account `{0}` would overflow")]
    Overflow(Arc<str>),
}

/// A refusal inside a linked chain: which transfer (0-based) and why. Nothing in the chain was
/// applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("linked transfer {index} refused: {error}")]
pub struct LinkedError<Id> {
    pub index: usize,
    pub error: TransferError<Id>,
}

/// Why an account cannot be opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccountError {
    #[error("account `{0}` exists with other flags")]
    FlagsDiffer(Arc<str>),
    #[error("a book holds at most {} accounts", u32::MAX)]
    Full,
}

/// How to take back one applied transfer (for linked chains).
struct Undo {
    debit: (AccountIdx, Balance),
    credit: (AccountIdx, Balance),
    /// The pending transfer a post or void resolved, and its state before.
    resolved: Option<(u32, Option<PendingState>)>,
}

/// The book: accounts and every transfer ever created.
#[derive(Debug, Clone)]
pub struct Book<Id> {
    accounts: Vec<Account>,
    names: FxHashMap<Arc<str>, AccountIdx>,
    transfers: Vec<Stored<Id>>,
    by_id: FxHashMap<Id, u32>,
}

/// What a transfer id must be: cloned into the book's index, compared, hashed, looked up by its
/// text and shown in errors. The book knows nothing else of it (the engine uses the charter's
/// `TransferId`).
pub trait TransferKey: Clone + Eq + Hash + Borrow<str> + fmt::Display + fmt::Debug {}

impl<T: Clone + Eq + Hash + Borrow<str> + fmt::Display + fmt::Debug> TransferKey for T {}

impl<Id: TransferKey> Default for Book<Id> {
    fn default() -> Self {
        Self {
            accounts: Vec::new(),
            names: FxHashMap::default(),
            transfers: Vec::new(),
            by_id: FxHashMap::default(),
        }
    }
}

impl<Id: TransferKey> Book<Id> {
    pub fn new() -> Self {
        Self::default()
    }

    /// Opens an account, or returns the existing one with this name (its flags must match).
    pub fn open(&mut self, name: &str, flags: AccountFlags) -> Result<AccountIdx, AccountError> {
        if let Some(&idx) = self.names.get(name) {
            let existing = &self.accounts[idx.0 as usize];
            return if existing.flags == flags {
                Ok(idx)
            } else {
                Err(AccountError::FlagsDiffer(Arc::clone(&existing.name)))
            };
        }
        let idx = AccountIdx(u32::try_from(self.accounts.len()).map_err(|_| AccountError::Full)?);
        let name: Arc<str> = Arc::from(name);
        self.accounts.push(Account {
            name: Arc::clone(&name),
            flags,
            balance: Balance::default(),
        });
        self.names.insert(name, idx);
        Ok(idx)
    }

    pub fn find(&self, name: &str) -> Option<AccountIdx> {
        self.names.get(name).copied()
    }

    pub fn account(&self, idx: AccountIdx) -> Option<&Account> {
        self.accounts.get(idx.0 as usize)
    }

    /// The balance of a named account (all zero if it was never opened).
    pub fn balance(&self, name: &str) -> Balance {
        self.find(name)
            .and_then(|i| self.account(i))
            .map_or_else(Balance::default, |a| a.balance)
    }

    pub fn accounts(&self) -> &[Account] {
        &self.accounts
    }

    /// How many transfers exist (every kind, including posts and voids).
    pub fn transfer_count(&self) -> usize {
        self.transfers.len()
    }

    /// A transfer by id.
    pub fn transfer(&self, id: &str) -> Option<&Transfer<Id>> {
        self.by_id
            .get(id)
            .map(|&i| &self.transfers[i as usize].transfer)
    }

    /// Where a pending transfer stands (`None` if `id` is not a pending transfer).
    pub fn pending_state(&self, id: &str) -> Option<PendingState> {
        self.by_id
            .get(id)
            .and_then(|&i| self.transfers[i as usize].state)
    }

    /// The sums of every account's four balances. In a consistent book debits equal credits,
    /// pending and posted alike; `None` only if a sum overflows.
    pub fn totals(&self) -> Option<Balance> {
        self.accounts
            .iter()
            .try_fold(Balance::default(), |sum, a| sum.checked_sum(a.balance))
    }

    /// Whether debits equal credits over all accounts, pending and posted (the book's invariant;
    /// an overflowing sum counts as balanced here, since `totals` reports it separately).
    pub fn balanced(&self) -> bool {
        self.totals().is_none_or(|t| {
            t.debits_pending == t.credits_pending && t.debits_posted == t.credits_posted
        })
    }

    /// Creates one transfer.
    pub fn create(&mut self, t: &Transfer<Id>) -> Result<Created, TransferError<Id>> {
        let created = self.apply(t).map(|(created, _)| created);
        debug_assert!(
            self.balanced(),
            "the book no longer balances after {}",
            t.id
        );
        created
    }

    /// Creates a chain of transfers atomically: all of them, or (on the first refusal) none.
    pub fn create_linked(
        &mut self,
        chain: &[Transfer<Id>],
    ) -> Result<Vec<Created>, LinkedError<Id>> {
        let mut undo: Vec<Undo> = Vec::with_capacity(chain.len());
        let mut created = Vec::with_capacity(chain.len());
        for (index, t) in chain.iter().enumerate() {
            match self.apply(t) {
                Ok((c, u)) => {
                    created.push(c);
                    if let Some(u) = u {
                        undo.push(u);
                    }
                }
                Err(error) => {
                    self.roll_back(undo);
                    debug_assert!(
                        self.balanced(),
                        "a rolled-back chain left the book unbalanced"
                    );
                    return Err(LinkedError { index, error });
                }
            }
        }
        debug_assert!(
            self.balanced(),
            "the book no longer balances after a linked chain"
        );
        Ok(created)
    }

    fn roll_back(&mut self, undo: Vec<Undo>) {
        for u in undo.into_iter().rev() {
            // Each undo belongs to the newest stored transfer at this point.
            if let Some(stored) = self.transfers.pop() {
                self.by_id.remove::<Id>(&stored.transfer.id);
            }
            self.accounts[u.credit.0.0 as usize].balance = u.credit.1;
            self.accounts[u.debit.0.0 as usize].balance = u.debit.1;
            if let Some((i, state)) = u.resolved {
                self.transfers[i as usize].state = state;
            }
        }
    }

    /// Applies a transfer; returns how, and (for a new one) how to take it back.
    fn apply(&mut self, t: &Transfer<Id>) -> Result<(Created, Option<Undo>), TransferError<Id>> {
        if let Some(&i) = self.by_id.get::<Id>(&t.id) {
            return if self.transfers[i as usize].transfer == *t {
                Ok((Created::Exists, None))
            } else {
                Err(TransferError::ExistsWithDifferentFields(t.id.clone()))
            };
        }
        if t.debit == t.credit {
            return Err(TransferError::SameAccount);
        }
        if t.amount <= Decimal::ZERO {
            return Err(TransferError::AmountNotPositive(t.amount));
        }
        let (d, c) = (self.index(t.debit)?, self.index(t.credit)?);
        let before_d = self.accounts[d].balance;
        let before_c = self.accounts[c].balance;
        let resolved = match &t.kind {
            Kind::Posted | Kind::Pending => {
                self.check_limits(d, c, t.amount)?;
                let pending = t.kind == Kind::Pending;
                let (nd, nc) = self.moved(d, c, t.amount, pending)?;
                self.accounts[d].balance = nd;
                self.accounts[c].balance = nc;
                None
            }
            Kind::Post { pending } | Kind::Void { pending } => {
                let i = self.open_pending(pending, t)?;
                let p_amount = self.transfers[i as usize].transfer.amount;
                let posted = match t.kind {
                    Kind::Post { .. } => {
                        if t.amount > p_amount {
                            return Err(TransferError::PostExceedsPending {
                                pending: pending.clone(),
                                amount: t.amount,
                                pending_amount: p_amount,
                            });
                        }
                        t.amount
                    }
                    _ => {
                        if t.amount != p_amount {
                            return Err(TransferError::VoidAmountDiffers {
                                pending: pending.clone(),
                                amount: t.amount,
                                pending_amount: p_amount,
                            });
                        }
                        Decimal::ZERO
                    }
                };
                let (nd, nc) = self.resolved(d, c, p_amount, posted)?;
                self.accounts[d].balance = nd;
                self.accounts[c].balance = nc;
                let before = self.transfers[i as usize].state;
                self.transfers[i as usize].state = Some(if posted.is_zero() {
                    PendingState::Voided
                } else {
                    PendingState::Posted
                });
                Some((i, before))
            }
        };
        let position = u32::try_from(self.transfers.len())
            .map_err(|_| TransferError::Overflow(Arc::clone(&self.accounts[d].name)))?;
        self.transfers.push(Stored {
            transfer: t.clone(),
            state: (t.kind == Kind::Pending).then_some(PendingState::Open),
        });
        self.by_id.insert(t.id.clone(), position);
        Ok((
            Created::New,
            Some(Undo {
                debit: (t.debit, before_d),
                credit: (t.credit, before_c),
                resolved,
            }),
        ))
    }

    fn index(&self, idx: AccountIdx) -> Result<usize, TransferError<Id>> {
        let i = idx.0 as usize;
        if i < self.accounts.len() {
            Ok(i)
        } else {
            Err(TransferError::UnknownAccount(idx.0))
        }
    }

    /// The still-open pending transfer a post or void names, with matching accounts.
    fn open_pending(&self, pending: &Id, t: &Transfer<Id>) -> Result<u32, TransferError<Id>> {
        let &i = self
            .by_id
            .get::<Id>(pending)
            .ok_or_else(|| TransferError::PendingNotFound(pending.clone()))?;
        let stored = &self.transfers[i as usize];
        match stored.state {
            None => return Err(TransferError::NotPending(pending.clone())),
            Some(PendingState::Posted) => {
                return Err(TransferError::AlreadyPosted(pending.clone()));
            }
            Some(PendingState::Voided) => {
                return Err(TransferError::AlreadyVoided(pending.clone()));
            }
            Some(PendingState::Open) => {}
        }
        if stored.transfer.debit != t.debit || stored.transfer.credit != t.credit {
            return Err(TransferError::AccountsDiffer(pending.clone()));
        }
        Ok(i)
    }

    fn check_limits(&self, d: usize, c: usize, amount: Decimal) -> Result<(), TransferError<Id>> {
        let debit = &self.accounts[d];
        if debit.flags.debits_must_not_exceed_credits {
            let available = debit.balance.available();
            if amount > available {
                return Err(TransferError::ExceedsCredits {
                    account: Arc::clone(&debit.name),
                    amount,
                    available,
                });
            }
        }
        let credit = &self.accounts[c];
        if credit.flags.credits_must_not_exceed_debits {
            let b = &credit.balance;
            let available = b.debits_posted - b.credits_posted - b.credits_pending;
            if amount > available {
                return Err(TransferError::ExceedsDebits {
                    account: Arc::clone(&credit.name),
                    amount,
                    available,
                });
            }
        }
        Ok(())
    }

    /// The two balances after moving `amount` (pending or posted).
    fn moved(
        &self,
        d: usize,
        c: usize,
        amount: Decimal,
        pending: bool,
    ) -> Result<(Balance, Balance), TransferError<Id>> {
        let mut bd = self.accounts[d].balance;
        let mut bc = self.accounts[c].balance;
        let overflow = |i: usize| TransferError::Overflow(Arc::clone(&self.accounts[i].name));
        let (fd, fc) = if pending {
            (&mut bd.debits_pending, &mut bc.credits_pending)
        } else {
            (&mut bd.debits_posted, &mut bc.credits_posted)
        };
        *fd = fd.checked_add(amount).ok_or_else(|| overflow(d))?;
        *fc = fc.checked_add(amount).ok_or_else(|| overflow(c))?;
        Ok((bd, bc))
    }

    /// The two balances after releasing a pending `reserved` and posting `posted` of it.
    fn resolved(
        &self,
        d: usize,
        c: usize,
        reserved: Decimal,
        posted: Decimal,
    ) -> Result<(Balance, Balance), TransferError<Id>> {
        let mut bd = self.accounts[d].balance;
        let mut bc = self.accounts[c].balance;
        let overflow = |i: usize| TransferError::Overflow(Arc::clone(&self.accounts[i].name));
        bd.debits_pending -= reserved;
        bc.credits_pending -= reserved;
        bd.debits_posted = bd
            .debits_posted
            .checked_add(posted)
            .ok_or_else(|| overflow(d))?;
        bc.credits_posted = bc
            .credits_posted
            .checked_add(posted)
            .ok_or_else(|| overflow(c))?;
        Ok((bd, bc))
    }
}

impl<Id: fmt::Display> fmt::Display for Kind<Id> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Kind::Posted => f.write_str("posted"),
            Kind::Pending => f.write_str("pending"),
            Kind::Post { pending } => write!(f, "post of {pending}"),
            Kind::Void { pending } => write!(f, "void of {pending}"),
        }
    }
}

#[cfg(test)]
mod loan_tests;
#[cfg(test)]
mod tests;
