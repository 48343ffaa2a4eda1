//! Property tests of the Stabilization Fund inside the engine, over random event sequences.
//!
//! The charter is `scenarios/charters/fund.toml` (five guarantors under the flipped burden, four
//! contributors with keys 0.4/0.3/0.2/0.1, a 1000.00 surge with D's callable capital capped at
//! 50.00, a 100.00 budget-support tranche per claim, budget support capped at 300.00 per 30
//! days, a 30-day quiet period). The streams mix exchange rates (USD, JPY, KWD), pledges and
//! payments in several currencies (some converting to zero), disbursements for every purpose
//! (and an unknown one) by the manager and by others, claims of every severity with votes and
//! withdrawals (many activate: conflict mode, surge calls, tranche releases; others are
//! dismissed: tranche voids), payments of surge calls (whole, part, too much, late), reports
//! instead of payments, and repeats of earlier money events with the same or changed content.
//! Time steps range from none to 31 days, so caps, dues and the quiet period come and go.
//!
//! The generator follows its events with an engine of its own, so payments reach open calls and
//! votes reach pending claims.

// Helpers outside `#[test]` functions are test code too (clippy.toml allows these in tests).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;
use rust_decimal::Decimal;
use snapback_charter::{
    Charter, CharterHistory, ClaimId, Currency, FundMode, ObligationId, PartyId, PurposeId,
    RecipientId, Source, TransferId,
};
use snapback_engine::derived::{ClaimStatus, Derived, DerivedKind, ObligationStatus};
use snapback_engine::event::{
    ClaimFiled, FundDisbursement, FundFxRate, FundMoney, Verdict, VoteCast,
};
use snapback_engine::fund::Book;
use snapback_engine::fund::record::TrancheStatus;
use snapback_engine::fund::{POOL_CORE, POOL_SURGE, called_account};
use snapback_engine::{Accepted, Engine, Event, EventKind, Judgement, Report, Sink, State, replay};
use snapback_fund::{Account, PendingState};

// --- the charter ---------------------------------------------------------------------------------

fn charter() -> &'static Charter {
    static CELL: OnceLock<Charter> = OnceLock::new();
    CELL.get_or_init(|| {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../scenarios/charters/fund.toml"
        );
        let text = std::fs::read_to_string(path).unwrap();
        snapback_charter::load_toml(&Source::new("fund.toml", text))
            .unwrap_or_else(|e| panic!("the fund charter does not load: {e:?}"))
    })
}

fn history() -> CharterHistory {
    CharterHistory::single(charter().clone())
}

fn fund() -> &'static snapback_charter::Fund {
    charter().fund.as_ref().unwrap()
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn party(name: &str) -> PartyId {
    PartyId::new(name).unwrap()
}

fn at_secs(secs: i64) -> Timestamp {
    Timestamp::from_second(secs).unwrap()
}

const START: i64 = 1_767_312_000; // 2026-01-02T00:00:00Z, a day after the charter takes effect
const HOUR: i64 = 3_600;
const DAY: i64 = 24 * HOUR;

const CONTRIBUTORS: &[&str] = &["A", "B", "C", "D"];
const GUARANTORS: &[&str] = &["A", "B", "C", "D", "E"];
const PURPOSES: &[&str] = &[
    "reconstruction",
    "macro-assistance",
    "budget-support",
    "military-production-ukraine",
    "military-production-allied",
    "space-programme",
];

// --- generation ----------------------------------------------------------------------------------

/// Amounts by currency, each fitting its currency's minor unit.
fn money() -> impl Strategy<Value = (&'static str, &'static str)> {
    prop_oneof![
        6 => prop::sample::select(vec!["0.01", "1.00", "10.50", "50.00", "100.00", "250.00", "333.33", "1000.00"])
            .prop_map(|a| ("EUR", a)),
        2 => prop::sample::select(vec!["0.01", "11.11", "222.22", "1000.00"]).prop_map(|a| ("USD", a)),
        2 => prop::sample::select(vec!["1", "150", "10000", "123457"]).prop_map(|a| ("JPY", a)),
        1 => prop::sample::select(vec!["0.001", "1.234", "100.005"]).prop_map(|a| ("KWD", a)),
    ]
}

#[derive(Debug, Clone, Copy)]
enum Part {
    /// What is still outstanding.
    Full,
    Half,
    /// A cent more than outstanding.
    Over,
    /// Ten dollars, converted at the current rate.
    Dollars,
}

#[derive(Debug, Clone, Copy)]
enum Change {
    None,
    Amount,
    Party,
}

#[derive(Debug, Clone)]
enum Spec {
    Rate {
        party: &'static str,
        currency: &'static str,
        rate: &'static str,
    },
    Pledge {
        party: &'static str,
        money: (&'static str, &'static str),
    },
    Pay {
        party: &'static str,
        money: (&'static str, &'static str),
        by_manager: bool,
    },
    PayCall {
        which: prop::sample::Index,
        part: Part,
        by_manager: bool,
    },
    Disburse {
        party: &'static str,
        purpose: &'static str,
        recipient: &'static str,
        amount: &'static str,
    },
    File {
        severity: i64,
    },
    Vote {
        which: prop::sample::Index,
        voter: &'static str,
        verdict: Verdict,
    },
    Withdraw {
        which: prop::sample::Index,
    },
    /// A report instead of a payment on a surge call (refused: pay_into_fund).
    ReportCall {
        which: prop::sample::Index,
    },
    /// An earlier money event again, now: the same, with one more unit, or the same content
    /// submitted by another party.
    Repeat {
        which: prop::sample::Index,
        change: Change,
    },
}

fn spec() -> impl Strategy<Value = Spec> {
    let verdict = prop_oneof![
        3 => Just(Verdict::Founded),
        3 => Just(Verdict::Unfounded),
        1 => Just(Verdict::Abstain),
    ];
    prop_oneof![
        2 => (
            prop::sample::select(vec!["FB", "FB", "FB", "SEC", "A"]),
            prop::sample::select(vec![
                ("USD", "0.90"),
                ("USD", "1.0833"),
                ("JPY", "0.0061"),
                ("JPY", "0.000001"),
                ("KWD", "2.9876"),
            ]),
        )
            .prop_map(|(party, (currency, rate))| Spec::Rate { party, currency, rate }),
        3 => (prop::sample::select(CONTRIBUTORS), money())
            .prop_map(|(party, money)| Spec::Pledge { party, money }),
        6 => (prop::sample::select(vec!["A", "B", "C", "D", "E"]), money(), proptest::bool::weighted(0.2))
            .prop_map(|(party, money, by_manager)| Spec::Pay { party, money, by_manager }),
        5 => (
            any::<prop::sample::Index>(),
            prop_oneof![4 => Just(Part::Full), 2 => Just(Part::Half), 1 => Just(Part::Over), 1 => Just(Part::Dollars)],
            proptest::bool::weighted(0.2),
        )
            .prop_map(|(which, part, by_manager)| Spec::PayCall { which, part, by_manager }),
        6 => (
            prop::sample::select(vec!["FB", "FB", "FB", "FB", "SEC", "A"]),
            // Budget support (capped) three times as often as the other purposes.
            prop_oneof![3 => Just("budget-support"), 5 => prop::sample::select(PURPOSES)],
            prop::sample::select(vec!["UA", "UA", "ua-defence-industry"]),
            prop::sample::select(vec!["0.01", "10.00", "50.00", "100.00", "150.00", "300.00", "5000.00"]),
        )
            .prop_map(|(party, purpose, recipient, amount)| Spec::Disburse { party, purpose, recipient, amount }),
        4 => prop::sample::select(vec![1i64, 1, 2, 3, 3, 4, 5]).prop_map(|severity| Spec::File { severity }),
        8 => (any::<prop::sample::Index>(), prop::sample::select(GUARANTORS), verdict)
            .prop_map(|(which, voter, verdict)| Spec::Vote { which, voter, verdict }),
        1 => any::<prop::sample::Index>().prop_map(|which| Spec::Withdraw { which }),
        1 => any::<prop::sample::Index>().prop_map(|which| Spec::ReportCall { which }),
        4 => (
            any::<prop::sample::Index>(),
            prop_oneof![6 => Just(Change::None), 2 => Just(Change::Amount), 1 => Just(Change::Party)],
        )
            .prop_map(|(which, change)| Spec::Repeat { which, change }),
    ]
}

/// Seconds from the previous event: often none or an hour, sometimes past a due instant, a cap
/// window or the quiet period.
fn step() -> impl Strategy<Value = i64> {
    prop_oneof![
        4 => Just(0i64),
        6 => Just(HOUR),
        3 => Just(6 * HOUR),
        3 => Just(DAY),
        2 => Just(3 * DAY),
        1 => Just(8 * DAY),
        1 => Just(31 * DAY),
    ]
}

/// Records judgements and derived events next to the full state.
struct Recorder {
    state: State,
    judgements: Vec<Judgement>,
    derived: Vec<Derived>,
}

impl Recorder {
    fn new() -> Self {
        Recorder {
            state: State::new(history()),
            judgements: Vec::new(),
            derived: Vec::new(),
        }
    }
}

impl Sink for Recorder {
    fn input(&mut self, index: u64, event: &Event, judgement: &Judgement) {
        self.state.input(index, event, judgement);
        self.judgements.push(judgement.clone());
    }

    fn derived(&mut self, derived: &Derived) {
        self.state.derived(derived);
        self.derived.push(derived.clone());
    }
}

fn money_transfer(kind: &EventKind) -> Option<&TransferId> {
    match kind {
        EventKind::FundPledged(m) | EventKind::FundPaidIn(m) => Some(&m.transfer),
        EventKind::FundDisbursed(d) => Some(&d.transfer),
        _ => None,
    }
}

fn with_one_more_unit(kind: &EventKind) -> EventKind {
    let mut kind = kind.clone();
    match &mut kind {
        EventKind::FundPledged(m) | EventKind::FundPaidIn(m) => m.amount += Decimal::ONE,
        EventKind::FundDisbursed(d) => d.amount += Decimal::ONE,
        _ => {}
    }
    kind
}

/// Surge calls still open (pending or overdue), oldest first.
fn open_calls(state: &State) -> Vec<(ObligationId, PartyId, Decimal)> {
    state
        .obligations
        .iter()
        .filter(|o| o.id.as_str().contains("/surge/"))
        .filter(|o| {
            matches!(
                o.status,
                ObligationStatus::Pending | ObligationStatus::Overdue
            )
        })
        .map(|o| (o.id.clone(), o.party.clone(), o.amount.unwrap_or_default()))
        .collect()
}

fn pending_claims(state: &State) -> Vec<ClaimId> {
    state
        .claims
        .iter()
        .filter(|c| c.status == ClaimStatus::Pending)
        .map(|c| c.id.clone())
        .collect()
}

fn money_event(at: Timestamp, by: &str, kind: EventKind) -> Event {
    Event {
        at,
        party: party(by),
        kind,
    }
}

/// Builds the event a spec means, against the state so far.
fn build(
    at: Timestamp,
    spec: &Spec,
    state: &State,
    out: &[Event],
    paid: &HashMap<ObligationId, Decimal>,
    serial: &mut u32,
) -> Event {
    let mut next_transfer = || {
        *serial += 1;
        TransferId::new(&format!("T{serial}")).unwrap()
    };
    let fund_money =
        |transfer, contributor: Option<PartyId>, (currency, amount): (&str, &str)| FundMoney {
            transfer,
            contributor,
            amount: d(amount),
            currency: Currency::parse(currency).unwrap(),
            obligation: None,
            reference: None,
            value_date: None,
        };
    match spec {
        Spec::Rate {
            party: by,
            currency,
            rate,
        } => money_event(
            at,
            by,
            EventKind::FundFxRate(FundFxRate {
                currency: Currency::parse(currency).unwrap(),
                rate: d(rate),
                reference: None,
            }),
        ),
        Spec::Pledge { party: by, money } => money_event(
            at,
            by,
            EventKind::FundPledged(fund_money(next_transfer(), None, *money)),
        ),
        Spec::Pay {
            party: by,
            money,
            by_manager,
        } => {
            let (by, contributor) = if *by_manager {
                ("FB", Some(party(by)))
            } else {
                (*by, None)
            };
            money_event(
                at,
                by,
                EventKind::FundPaidIn(fund_money(next_transfer(), contributor, *money)),
            )
        }
        Spec::PayCall {
            which,
            part,
            by_manager,
        } => {
            let calls = open_calls(state);
            let (obligation, owner, amount) = if calls.is_empty() {
                (
                    ObligationId::new("A1/surge/A").unwrap(),
                    party("A"),
                    d("10.00"),
                )
            } else {
                calls[which.index(calls.len())].clone()
            };
            let outstanding = amount - paid.get(&obligation).copied().unwrap_or_default();
            let (currency, value) = match part {
                Part::Full => ("EUR", outstanding),
                Part::Half => (
                    "EUR",
                    (outstanding / Decimal::TWO).round_dp(2).max(d("0.01")),
                ),
                Part::Over => ("EUR", outstanding + d("0.01")),
                Part::Dollars => ("USD", d("10.00")),
            };
            let value = value.max(d("0.01")).to_string();
            let mut m = fund_money(
                next_transfer(),
                by_manager.then(|| owner.clone()),
                (currency, &value),
            );
            m.obligation = Some(obligation);
            let by = if *by_manager { "FB" } else { owner.as_str() };
            money_event(at, by, EventKind::FundPaidIn(m))
        }
        Spec::Disburse {
            party: by,
            purpose,
            recipient,
            amount,
        } => money_event(
            at,
            by,
            EventKind::FundDisbursed(FundDisbursement {
                transfer: next_transfer(),
                purpose: PurposeId::new(purpose).unwrap(),
                recipient: RecipientId::new(recipient).unwrap(),
                amount: d(amount),
                currency: Currency::parse("EUR").unwrap(),
                reference: "disbursement".into(),
                decision: None,
            }),
        ),
        Spec::File { severity } => {
            let n = state.claims.len() + 1;
            money_event(
                at,
                "UA",
                EventKind::ClaimFiled(ClaimFiled {
                    claim: ClaimId::new(&format!("C{n}")).unwrap(),
                    category: "shelling".into(),
                    severity: *severity,
                    summary: format!("Violation C{n}"),
                    location: None,
                    occurred_at: None,
                    allegation: Default::default(),
                }),
            )
        }
        Spec::Vote {
            which,
            voter,
            verdict,
        } => {
            let pending = pending_claims(state);
            let claim = if pending.is_empty() {
                ClaimId::new("C1").unwrap()
            } else {
                pending[which.index(pending.len())].clone()
            };
            money_event(
                at,
                voter,
                EventKind::VoteCast(VoteCast::Claim {
                    claim,
                    verdict: *verdict,
                }),
            )
        }
        Spec::Withdraw { which } => {
            let pending = pending_claims(state);
            let claim = if pending.is_empty() {
                ClaimId::new("C1").unwrap()
            } else {
                pending[which.index(pending.len())].clone()
            };
            money_event(at, "UA", EventKind::ClaimWithdrawn { claim })
        }
        Spec::ReportCall { which } => {
            let calls = open_calls(state);
            let (obligation, owner) = if calls.is_empty() {
                (ObligationId::new("A1/surge/B").unwrap(), party("B"))
            } else {
                let (o, p, _) = calls[which.index(calls.len())].clone();
                (o, p)
            };
            money_event(
                at,
                owner.as_str(),
                EventKind::ObligationFulfilled {
                    obligation,
                    reference: "a report".into(),
                },
            )
        }
        Spec::Repeat { which, change } => {
            let earlier: Vec<&Event> = out
                .iter()
                .filter(|e| money_transfer(&e.kind).is_some())
                .collect();
            if earlier.is_empty() {
                return build(
                    at,
                    &Spec::Pay {
                        party: "A",
                        money: ("EUR", "10.00"),
                        by_manager: false,
                    },
                    state,
                    out,
                    paid,
                    serial,
                );
            }
            let e = earlier[which.index(earlier.len())];
            let (by, kind) = match change {
                Change::None => (e.party.clone(), e.kind.clone()),
                Change::Amount => (e.party.clone(), with_one_more_unit(&e.kind)),
                // The manager records for others, and others pay in for themselves.
                Change::Party if e.party.as_str() == "FB" => (party("SEC"), e.kind.clone()),
                Change::Party => (
                    party(if e.party.as_str() == "A" { "B" } else { "A" }),
                    e.kind.clone(),
                ),
            };
            Event {
                at,
                party: by,
                kind,
            }
        }
    }
}

/// Time-ordered events from the specs, starting at `START`.
fn generate(items: &[(i64, Spec)]) -> Vec<Event> {
    let mut engine = Engine::new(history());
    let mut rec = Recorder::new();
    let mut secs = START;
    let mut out: Vec<Event> = Vec::with_capacity(items.len());
    let mut paid: HashMap<ObligationId, Decimal> = HashMap::new();
    let mut serial = 0u32;
    for (i, (step, spec)) in items.iter().enumerate() {
        secs += step;
        let at = at_secs(secs);
        if out.last().is_some_and(|e| e.at < at) {
            // Fire what fell due strictly before `at`, so that "open" means open at `at`.
            let just_before = at.checked_sub(SignedDuration::from_nanos(1)).unwrap();
            engine.advance(just_before, &mut rec).unwrap();
        }
        let event = build(at, spec, &rec.state, &out, &paid, &mut serial);
        engine.apply(i as u64, &event, &mut rec);
        if let (EventKind::FundPaidIn(m), Some(Ok(Accepted::Fund(f)))) =
            (&event.kind, rec.judgements.last())
            && let Some(o) = &m.obligation
            && !f.duplicate
        {
            let amount = f.conversion.as_ref().map_or(m.amount, |c| c.converted);
            *paid.entry(o.clone()).or_default() += amount;
        }
        out.push(event);
    }
    out
}

fn events(max: usize) -> impl Strategy<Value = Vec<Event>> {
    (
        // Most streams start with the contributors' capital paid in, so that the pools can pay.
        proptest::bool::weighted(0.8),
        prop::collection::vec((step(), spec()), 1..=max),
    )
        .prop_map(|(capital, mut items)| {
            if capital {
                let mut first: Vec<(i64, Spec)> = CONTRIBUTORS
                    .iter()
                    .map(|c| {
                        (
                            0,
                            Spec::Pay {
                                party: c,
                                money: ("EUR", "250.00"),
                                by_manager: false,
                            },
                        )
                    })
                    .collect();
                first.push((
                    0,
                    Spec::Rate {
                        party: "FB",
                        currency: "USD",
                        rate: "0.90",
                    },
                ));
                first.append(&mut items);
                items = first;
            }
            generate(&items)
        })
}

// --- checks --------------------------------------------------------------------------------------

fn report_json(state: &State) -> String {
    serde_json::to_string(&Report::new(state)).unwrap()
}

#[derive(Debug, PartialEq)]
struct Books {
    accounts: Vec<Account>,
    transfers: usize,
}

fn books(book: &Book) -> Books {
    Books {
        accounts: book.accounts().to_vec(),
        transfers: book.transfer_count(),
    }
}

/// The engine's book and the state's agree account by account; the sums balance; no account
/// breaks its bound or goes negative.
fn check_books(engine: &Engine, state: &State) -> Result<(), TestCaseError> {
    let live = engine.fund_book();
    let record = &state.fund.book;
    prop_assert!(state.fund.problems.is_empty(), "{:?}", state.fund.problems);
    prop_assert_eq!(
        books(live),
        books(record),
        "the state's book differs from the engine's"
    );
    let totals = live.totals().unwrap();
    prop_assert_eq!(totals.debits_posted, totals.credits_posted);
    prop_assert_eq!(totals.debits_pending, totals.credits_pending);
    for a in live.accounts() {
        let b = &a.balance;
        for v in [
            b.debits_pending,
            b.debits_posted,
            b.credits_pending,
            b.credits_posted,
        ] {
            prop_assert!(v >= Decimal::ZERO, "{}: {:?}", &a.name, b);
        }
        if a.name.starts_with("contributor:") {
            // A receivable is settled at most up to what was charged to it.
            prop_assert!(
                b.credits_posted + b.credits_pending <= b.debits_posted,
                "{} is settled beyond its charges: {:?}",
                &a.name,
                b
            );
        } else {
            // Pools, commitments and recipients never pay out more than they received.
            prop_assert!(
                b.debits_posted + b.debits_pending <= b.credits_posted,
                "{} went negative: {:?}",
                &a.name,
                b
            );
        }
    }
    for pool in [POOL_CORE, POOL_SURGE] {
        prop_assert!(live.balance(pool).available() >= Decimal::ZERO, "{pool}");
    }
    Ok(())
}

/// What a run shows, for the checks and the coverage test.
struct Run {
    rec: Recorder,
    engine: Engine,
    /// Indices of identical repeats of accepted money events, and of changed ones.
    identical_repeats: Vec<usize>,
    changed_repeats: Vec<usize>,
}

/// Applies the events one by one (advancing to just before each new instant), checking the books
/// after every step, and checks every judgement about money against what came before.
fn run(events: &[Event]) -> Result<Run, TestCaseError> {
    let mut engine = Engine::new(history());
    let mut rec = Recorder::new();
    // Accepted money events by transfer id: (party, content).
    let mut accepted: HashMap<TransferId, (PartyId, EventKind)> = HashMap::new();
    let mut identical_repeats = Vec::new();
    let mut changed_repeats = Vec::new();
    // Budget-support movements (disbursements and releases), for the cap.
    let mut budget: Vec<(Timestamp, Decimal)> = Vec::new();
    let cap = &fund().caps[0];
    let mut seen = 0;
    for (i, event) in events.iter().enumerate() {
        if i > 0 && events[i - 1].at < event.at {
            let just_before = event.at.checked_sub(SignedDuration::from_nanos(1)).unwrap();
            engine.advance(just_before, &mut rec).unwrap();
            check_books(&engine, &rec.state)?;
        }
        let before = books(engine.fund_book());
        let derived_before = rec.derived.len();
        let mode = engine.fund_mode();
        engine.apply(i as u64, event, &mut rec);
        let judgement = rec.judgements.last().unwrap().clone();
        check_books(&engine, &rec.state)?;
        // Releases, whether an event or a deadline made them.
        for d in &rec.derived[seen..] {
            if let DerivedKind::FundTrancheReleased { amount, .. } = &d.kind {
                budget.push((d.at, *amount));
            }
        }
        seen = rec.derived.len();
        let Some(transfer) = money_transfer(&event.kind) else {
            if judgement.is_err() {
                prop_assert_eq!(
                    &books(engine.fund_book()),
                    &before,
                    "rejected {:?} changed the books",
                    event
                );
            }
            continue;
        };
        match accepted.get(transfer) {
            Some((p, k)) if *p == event.party && *k == event.kind => {
                identical_repeats.push(i);
                prop_assert!(
                    matches!(&judgement, Ok(Accepted::Fund(f)) if f.duplicate && f.transfers.is_empty()),
                    "repeating accepted {transfer} gave {judgement:?}"
                );
                prop_assert_eq!(
                    &books(engine.fund_book()),
                    &before,
                    "repeating {} changed the books",
                    transfer
                );
                prop_assert_eq!(rec.derived.len(), derived_before);
            }
            Some(_) => {
                changed_repeats.push(i);
                prop_assert!(
                    matches!(&judgement, Err(r) if r.code() == "transfer_exists"),
                    "{transfer} again with other content gave {judgement:?}"
                );
            }
            None => {}
        }
        match &judgement {
            Err(_) => {
                prop_assert_eq!(
                    &books(engine.fund_book()),
                    &before,
                    "rejected {:?} changed the books",
                    event
                );
            }
            Ok(Accepted::Fund(f)) if !f.duplicate => {
                accepted.insert(transfer.clone(), (event.party.clone(), event.kind.clone()));
                prop_assert!(!f.transfers.is_empty());
                prop_assert_eq!(
                    engine.fund_book().transfer_count(),
                    before.transfers + f.transfers.len(),
                    "{} posted other transfers than it reported",
                    transfer
                );
                if let EventKind::FundDisbursed(dis) = &event.kind {
                    // The purpose was allowed in the mode of the moment.
                    prop_assert!(
                        fund().purposes(mode).contains(&dis.purpose),
                        "{} disbursed for {} in {:?} mode",
                        transfer,
                        &dis.purpose,
                        mode
                    );
                    if dis.purpose == cap.purpose {
                        budget.push((event.at, dis.amount));
                        let start = cap.per.before(event.at);
                        let used: Decimal = budget
                            .iter()
                            .filter(|(t, _)| *t > start)
                            .map(|(_, a)| *a)
                            .sum();
                        prop_assert!(
                            used <= cap.amount,
                            "{} of budget support within {}",
                            used,
                            cap.per
                        );
                    }
                }
            }
            Ok(_) => {}
        }
    }
    Ok(Run {
        rec,
        engine,
        identical_repeats,
        changed_repeats,
    })
}

/// Each tranche is reserved once, and released or voided at most once, in agreement with its
/// claim and with the book's pending transfer.
fn check_tranches(run: &Run) -> Result<(), TestCaseError> {
    let mut reserved: BTreeMap<ClaimId, usize> = BTreeMap::new();
    let mut resolved: BTreeMap<ClaimId, Vec<&'static str>> = BTreeMap::new();
    for d in &run.rec.derived {
        match &d.kind {
            DerivedKind::FundTrancheReserved { claim, .. } => {
                *reserved.entry(claim.clone()).or_default() += 1
            }
            DerivedKind::FundTrancheReleased { claim, .. } => {
                resolved.entry(claim.clone()).or_default().push("released")
            }
            DerivedKind::FundTrancheVoided { claim, .. } => {
                resolved.entry(claim.clone()).or_default().push("voided")
            }
            _ => {}
        }
    }
    let book = run.engine.fund_book();
    for (claim, how) in &resolved {
        prop_assert!(how.len() == 1, "tranche of {claim} resolved {how:?}");
        prop_assert_eq!(
            reserved.get(claim),
            Some(&1),
            "tranche of {} resolved but not reserved",
            claim
        );
    }
    for (claim, n) in &reserved {
        prop_assert_eq!(*n, 1, "tranche of {} reserved {} times", claim, n);
        let status = run
            .rec
            .state
            .claims
            .iter()
            .find(|c| &c.id == claim)
            .unwrap()
            .status;
        let pending = book.pending_state(&format!("{claim}/tranche"));
        let how = resolved.get(claim).and_then(|h| h.first()).copied();
        let record = run
            .rec
            .state
            .fund
            .tranches
            .iter()
            .find(|t| &t.claim == claim)
            .unwrap();
        match how {
            None => {
                prop_assert_eq!(status, ClaimStatus::Pending, "{}", claim);
                prop_assert_eq!(pending, Some(PendingState::Open), "{}", claim);
                prop_assert_eq!(record.status, TrancheStatus::Reserved);
            }
            Some("released") => {
                prop_assert_eq!(status, ClaimStatus::Activated, "{}", claim);
                prop_assert_eq!(pending, Some(PendingState::Posted), "{}", claim);
                prop_assert_eq!(record.status, TrancheStatus::Released);
            }
            Some(_) => {
                prop_assert!(
                    status != ClaimStatus::Pending,
                    "{} voided while pending",
                    claim
                );
                prop_assert_eq!(pending, Some(PendingState::Voided), "{}", claim);
                prop_assert_eq!(record.status, TrancheStatus::Voided);
            }
        }
    }
    Ok(())
}

/// Surge calls never ask more of a contributor than its callable capital, nor more in one call
/// than the surge.
fn check_calls(run: &Run) -> Result<(), TestCaseError> {
    let fund = fund();
    let surge = fund.surge.as_ref().unwrap();
    for d in &run.rec.derived {
        if let DerivedKind::FundSurgeCalled { total, shares, .. } = &d.kind {
            prop_assert!(*total <= surge.amount);
            prop_assert_eq!(*total, shares.iter().map(|s| s.amount).sum::<Decimal>());
        }
    }
    for c in &fund.contributors {
        let id = &charter().party(c.party).id;
        let called = run
            .engine
            .fund_book()
            .balance(&called_account(id.as_str()))
            .debits_posted;
        prop_assert!(
            called <= c.callable,
            "{id} was called {called}, callable {}",
            c.callable
        );
    }
    Ok(())
}

const MAX_EVENTS: usize = 60;

proptest! {
    #![proptest_config(common::config(256))]

    /// After every event the state's book equals the engine's, the sums balance and nothing goes
    /// negative; repeats are harmless or refused; tranches and calls behave; and the whole run
    /// replays to the same report bytes, twice, as applied one by one.
    #[test]
    fn the_fund_keeps_its_books(events in events(MAX_EVENTS), extra in 0i64..=40 * DAY) {
        let mut run = run(&events)?;
        check_tranches(&run)?;
        check_calls(&run)?;

        let end = at_secs(events.last().unwrap().at.as_second() + extra);
        run.engine.advance(end, &mut run.rec).unwrap();
        check_books(&run.engine, &run.rec.state)?;
        check_tranches(&run)?;
        run.rec.state.as_of = Some(end);

        let history = history();
        let first = report_json(&replay(&history, &events, Some(end)));
        let second = report_json(&replay(&history, &events, Some(end)));
        prop_assert_eq!(&first, &second, "two replays differ");
        prop_assert_eq!(&first, &report_json(&run.rec.state), "replay differs from one by one");

        // Every accepted money event, submitted again later with the same id and content,
        // changes nothing. (No deadline falls between `end` and a second later: every instant
        // in these streams is a whole second, and one exactly at `later` fires only after it.)
        let later = at_secs(end.as_second() + 1);
        let before = books(run.engine.fund_book());
        let derived_before = run.rec.derived.len();
        let mut index = events.len() as u64;
        let mut repeated = 0;
        for (i, e) in events.iter().enumerate() {
            if !matches!(&run.rec.judgements[i], Ok(Accepted::Fund(f)) if !f.duplicate) {
                continue;
            }
            let again = Event { at: later, ..e.clone() };
            run.engine.apply(index, &again, &mut run.rec);
            index += 1;
            repeated += 1;
            let judgement = run.rec.judgements.last().unwrap();
            prop_assert!(
                matches!(judgement, Ok(Accepted::Fund(f)) if f.duplicate && f.transfers.is_empty()),
                "event {i} submitted again gave {judgement:?}"
            );
        }
        prop_assert_eq!(books(run.engine.fund_book()), before, "{} repeats changed the books", repeated);
        prop_assert_eq!(run.rec.derived.len(), derived_before);
        check_books(&run.engine, &run.rec.state)?;
    }
}

/// The generator reaches what the properties are about.
#[test]
fn generator_covers_the_interesting_cases() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    let mut runner = TestRunner::deterministic();
    let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    let samples = 100;
    for _ in 0..samples {
        let events = events(MAX_EVENTS).new_tree(&mut runner).unwrap().current();
        let run = run(&events).unwrap();
        let mut note = |what: &'static str, happened: bool| {
            if happened {
                *counts.entry(what).or_default() += 1;
            }
        };
        let s = &run.rec.state;
        let derived = |f: &dyn Fn(&DerivedKind) -> bool| run.rec.derived.iter().any(|d| f(&d.kind));
        note(
            "conflict mode",
            derived(&|k| {
                matches!(
                    k,
                    DerivedKind::FundModeChanged {
                        mode: FundMode::Conflict,
                        ..
                    }
                )
            }),
        );
        note(
            "back to peace",
            derived(&|k| {
                matches!(
                    k,
                    DerivedKind::FundModeChanged {
                        mode: FundMode::Peace,
                        ..
                    }
                )
            }),
        );
        note(
            "surge called",
            derived(&|k| matches!(k, DerivedKind::FundSurgeCalled { .. })),
        );
        note(
            "tranche released",
            derived(&|k| matches!(k, DerivedKind::FundTrancheReleased { .. })),
        );
        note(
            "tranche voided",
            derived(&|k| matches!(k, DerivedKind::FundTrancheVoided { .. })),
        );
        note(
            "tranche still reserved",
            s.fund
                .tranches
                .iter()
                .any(|t| t.status == TrancheStatus::Reserved),
        );
        note(
            "call paid",
            s.obligations.iter().any(|o| {
                o.id.as_str().contains("/surge/") && o.status == ObligationStatus::Fulfilled
            }),
        );
        note(
            "call paid late",
            s.obligations
                .iter()
                .any(|o| o.id.as_str().contains("/surge/") && o.status == ObligationStatus::Late),
        );
        note("identical repeat", !run.identical_repeats.is_empty());
        note("changed repeat", !run.changed_repeats.is_empty());
        note(
            "converted payment",
            s.fund.transfers.iter().any(|t| t.conversion.is_some()),
        );
        note(
            "disbursed from the surge pool",
            s.fund
                .transfers
                .iter()
                .any(|t| t.transfer.debit == POOL_SURGE),
        );
        note(
            "pledge settled",
            s.fund
                .transfers
                .iter()
                .any(|t| t.transfer.credit.ends_with(":pledged")),
        );
        let rejected = |code: &str| s.rejected.iter().any(|r| r.code == code);
        for code in [
            "converts_to_zero",
            "no_rate",
            "cap_exceeded",
            "insufficient_funds",
            "purpose_not_allowed",
            "not_fund_manager",
            "exceeds_call",
            "pay_into_fund",
            "transfer_exists",
        ] {
            note(code, rejected(code));
        }
    }
    for (what, min) in [
        ("conflict mode", 30),
        ("back to peace", 10),
        ("surge called", 30),
        ("tranche released", 30),
        ("tranche voided", 20),
        ("tranche still reserved", 10),
        ("call paid", 8),
        ("call paid late", 5),
        ("identical repeat", 30),
        ("changed repeat", 10),
        ("converted payment", 30),
        ("disbursed from the surge pool", 10),
        ("pledge settled", 30),
        ("converts_to_zero", 5),
        ("no_rate", 10),
        ("cap_exceeded", 3),
        ("insufficient_funds", 10),
        ("purpose_not_allowed", 20),
        ("not_fund_manager", 20),
        ("exceeds_call", 5),
        ("pay_into_fund", 5),
        ("transfer_exists", 10),
    ] {
        let n = counts.get(what).copied().unwrap_or(0);
        assert!(
            n >= min,
            "only {n} of {samples} streams had: {what} ({counts:?})"
        );
    }
}

/// A payment's content resubmitted by another party is not a duplicate of it: it would be that
/// party's payment (or, for a disbursement, a party without authority), so it is refused and
/// the first one stands. The same party resubmitting is the harmless duplicate.
#[test]
fn the_same_content_from_another_party_is_refused() {
    let at = at_secs(START);
    let pay = EventKind::FundPaidIn(FundMoney {
        transfer: TransferId::new("T1").unwrap(),
        contributor: None,
        amount: d("250.00"),
        currency: Currency::parse("EUR").unwrap(),
        obligation: None,
        reference: None,
        value_date: None,
    });
    let disburse = EventKind::FundDisbursed(FundDisbursement {
        transfer: TransferId::new("T2").unwrap(),
        purpose: PurposeId::new("reconstruction").unwrap(),
        recipient: RecipientId::new("UA").unwrap(),
        amount: d("10.00"),
        currency: Currency::parse("EUR").unwrap(),
        reference: "grid".into(),
        decision: None,
    });
    let events = [
        money_event(at, "A", pay.clone()),
        money_event(at, "FB", disburse.clone()),
        money_event(at, "B", pay.clone()),
        money_event(at, "C", disburse.clone()),
        money_event(at, "A", pay),
        money_event(at, "FB", disburse),
    ];
    let mut engine = Engine::new(history());
    let mut rec = Recorder::new();
    for (i, e) in events.iter().enumerate() {
        engine.apply(i as u64, e, &mut rec);
    }
    let codes: Vec<&str> = rec
        .judgements
        .iter()
        .map(|j| match j {
            Ok(Accepted::Fund(f)) if f.duplicate => "duplicate",
            Ok(_) => "accepted",
            Err(r) => r.code(),
        })
        .collect();
    assert_eq!(
        codes,
        [
            "accepted",
            "accepted",
            "transfer_exists",
            "transfer_exists",
            "duplicate",
            "duplicate"
        ]
    );
    let book = engine.fund_book();
    assert_eq!(
        book.balance("contributor:A:paid-in").debits_posted,
        d("250.00")
    );
    assert_eq!(book.find("contributor:B:paid-in"), None);
    assert_eq!(book.balance(POOL_CORE).credit_balance(), d("240.00"));
}
