//! The fund's loans and guarantees through the engine, over random instruments and the events
//! that follow them, with the books checked after every event (the state's book equals the
//! engine's, and balances). Loans: every principal is its repaid part plus its outstanding part;
//! what stays pending on a borrower is exactly its open instalments; a repayment is accepted
//! exactly when it pays the next open instalment in full; instalments fall due on the calendar
//! (month ends included). Guarantees: a call is accepted exactly when the manager makes it on an
//! open guarantee before its end for at most its amount; each guarantee is called or expires at
//! most once; the pool's reservations are exactly the open guarantees, and the pool lost exactly
//! what calls paid.
//!
//! The charter is `scenarios/charters/fund.toml` (its manager FB, the beneficiary UA).

// Helpers outside `#[test]` functions are test code too (clippy.toml allows these in tests).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashMap;

use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;
use rust_decimal::Decimal;
use snapback_charter::{
    CharterHistory, Currency, PartyId, PurposeId, RecipientId, Source, TransferId,
};
use snapback_engine::derived::Derived;
use snapback_engine::event::{
    FundGuarantee, FundGuaranteeCall, FundLoan, FundMoney, FundRepayment,
};
use snapback_engine::fund::record::GuaranteeStatus;
use snapback_engine::fund::{POOL_CORE, borrower_account, instalment_due};
use snapback_engine::{Accepted, Engine, Event, EventKind, Judgement, Sink, State, replay};
use snapback_fund::loan::{Amortization, schedule};

fn history() -> CharterHistory {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../scenarios/charters/fund.toml"
    );
    let text = std::fs::read_to_string(path).unwrap();
    CharterHistory::single(snapback_charter::load_toml(&Source::new("fund.toml", text)).unwrap())
}

fn eur() -> Currency {
    Currency::parse("EUR").unwrap()
}

fn at(days: i64) -> Timestamp {
    "2026-01-02T00:00:00Z"
        .parse::<Timestamp>()
        .unwrap()
        .checked_add(SignedDuration::from_hours(24 * days))
        .unwrap()
}

fn event(day: i64, party: &str, kind: EventKind) -> Event {
    Event {
        at: at(day),
        party: PartyId::new(party).unwrap(),
        kind,
    }
}

/// A loan's terms, drawn.
#[derive(Debug, Clone)]
struct Terms {
    cents: i64,
    rate_bp: i64,
    per_year: u32,
    grace: u32,
    n: u32,
    linear: bool,
}

fn terms() -> impl Strategy<Value = Terms> {
    (
        1i64..=50_000_000,
        0i64..=1_500,
        prop::sample::select(vec![1u32, 2, 4, 12]),
        0u32..=6,
        1u32..=24,
        any::<bool>(),
    )
        .prop_map(|(cents, rate_bp, per_year, grace, n, linear)| Terms {
            cents,
            rate_bp,
            per_year,
            grace,
            n,
            linear,
        })
}

/// What a repayment attempt does: pay the right amount, one cent more, or be made by a party
/// that is not the borrower.
#[derive(Debug, Clone, Copy)]
enum Attempt {
    Right,
    OneCentMore,
    Stranger,
}

fn attempt() -> impl Strategy<Value = Attempt> {
    prop_oneof![
        6 => Just(Attempt::Right),
        1 => Just(Attempt::OneCentMore),
        1 => Just(Attempt::Stranger),
    ]
}

fn loan_event(k: usize, t: &Terms) -> FundLoan {
    FundLoan {
        transfer: TransferId::new(&format!("L{k}")).unwrap(),
        purpose: PurposeId::new("reconstruction").unwrap(),
        recipient: RecipientId::new("UA").unwrap(),
        amount: Decimal::new(t.cents, 2),
        currency: eur(),
        rate: Decimal::new(t.rate_bp, 4),
        periods_per_year: t.per_year,
        grace_periods: t.grace,
        repayment_periods: t.n,
        amortization: if t.linear {
            Amortization::Linear
        } else {
            Amortization::Annuity
        },
        reference: "drawn".into(),
    }
}

fn capital_eur() -> Decimal {
    Decimal::new(5_000_000_000, 2)
}

/// A pays 50,000,000.00 into the core pool on day 0: enough for every instrument drawn.
fn capital() -> Event {
    event(
        0,
        "A",
        EventKind::FundPaidIn(FundMoney {
            transfer: TransferId::new("CAPITAL").unwrap(),
            contributor: None,
            amount: capital_eur(),
            currency: eur(),
            obligation: None,
            reference: None,
            value_date: None,
        }),
    )
}

/// The events: capital enough for every loan, the loans, then repayment attempts in turn; and
/// for each attempt whether it must be accepted.
fn build(loans: &[Terms], attempts: &[(usize, Attempt)]) -> (Vec<Event>, Vec<Option<bool>>) {
    let mut events = vec![capital()];
    let mut expect = vec![None];
    let mut open: Vec<(FundLoan, Vec<Decimal>, usize)> = Vec::new();
    for (k, t) in loans.iter().enumerate() {
        let l = loan_event(k, t);
        let totals = schedule(&l.terms())
            .unwrap()
            .iter()
            .map(|i| i.total())
            .collect();
        events.push(event(1, "FB", EventKind::FundLoanDisbursed(l.clone())));
        expect.push(Some(true));
        open.push((l, totals, 0));
    }
    for (n, (which, a)) in attempts.iter().enumerate() {
        let (l, totals, paid) = &mut open[which % loans.len()];
        // The next instalment of something (instalments of nothing settle as they come).
        let next = totals[*paid..]
            .iter()
            .position(|t| !t.is_zero())
            .map(|k| *paid + k);
        let due = next.map_or(Decimal::ONE, |k| totals[k]);
        let (party, amount) = match a {
            Attempt::Right => ("UA", due),
            Attempt::OneCentMore => ("UA", due + Decimal::new(1, 2)),
            Attempt::Stranger => ("B", due),
        };
        let accepted = matches!(a, Attempt::Right) && next.is_some();
        if accepted {
            *paid = next.unwrap() + 1;
        }
        events.push(event(
            2 + n as i64,
            party,
            EventKind::FundLoanRepaid(FundRepayment {
                transfer: TransferId::new(&format!("R{n}")).unwrap(),
                loan: l.transfer.clone(),
                amount,
                currency: eur(),
                source: None,
                reference: None,
            }),
        ));
        expect.push(Some(accepted));
    }
    (events, expect)
}

/// Keeps the state the engine's output builds, and every judgement.
struct Recorder {
    state: State,
    judgements: Vec<Judgement>,
}

impl Sink for Recorder {
    fn input(&mut self, index: u64, event: &Event, judgement: &Judgement) {
        self.state.input(index, event, judgement);
        self.judgements.push(judgement.clone());
    }

    fn derived(&mut self, derived: &Derived) {
        self.state.derived(derived);
    }
}

/// Applies the events one by one, checking the books after every event and every deadline
/// the engine passes on the way.
fn run(events: &[Event]) -> Result<(Engine, Recorder), TestCaseError> {
    let mut engine = Engine::new(history());
    let mut rec = Recorder {
        state: State::new(history()),
        judgements: Vec::new(),
    };
    for (i, e) in events.iter().enumerate() {
        // Advancing to an instant seals it: advance to just before the event's, when time moves.
        if i == 0 || events[i - 1].at < e.at {
            let just_before = e.at.checked_sub(SignedDuration::from_nanos(1)).unwrap();
            engine.advance(just_before, &mut rec).unwrap();
            check(&rec.state, &engine)?;
        }
        engine.apply(i as u64, e, &mut rec);
        check(&rec.state, &engine)?;
    }
    Ok((engine, rec))
}

fn check(state: &State, engine: &Engine) -> Result<(), TestCaseError> {
    let live = engine.fund_book();
    prop_assert!(state.fund.problems.is_empty(), "{:?}", state.fund.problems);
    prop_assert_eq!(live.accounts(), state.fund.book.accounts());
    let totals = live.totals().unwrap();
    prop_assert_eq!(totals.debits_posted, totals.credits_posted);
    prop_assert_eq!(totals.debits_pending, totals.credits_pending);
    prop_assert!(live.balance(POOL_CORE).available() >= Decimal::ZERO);
    // What is pending on the borrower is exactly its open instalments.
    let mut open = Decimal::ZERO;
    for l in &state.fund.loans {
        let settled = &l.schedule[..l.paid];
        let repaid: Decimal = settled.iter().map(|i| i.principal).sum();
        prop_assert_eq!(
            repaid
                + l.schedule[l.paid..]
                    .iter()
                    .map(|i| i.principal)
                    .sum::<Decimal>(),
            l.terms.principal
        );
        open += l.schedule[l.paid..]
            .iter()
            .map(|i| i.total())
            .sum::<Decimal>();
    }
    prop_assert_eq!(live.balance(&borrower_account("UA")).debits_pending, open);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn loans_keep_the_books_and_repay_their_principal(
        loans in prop::collection::vec(terms(), 1..=4),
        attempts in prop::collection::vec((0usize..4, attempt()), 0..=60),
    ) {
        let (events, expect) = build(&loans, &attempts);
        let (engine, rec) = run(&events)?;
        let judgements: HashMap<usize, bool> = rec
            .judgements
            .iter()
            .enumerate()
            .map(|(i, j)| (i, matches!(j, Ok(Accepted::Fund(_)))))
            .collect();
        // A replay gives the same books.
        let state = replay(&history(), &events, None);
        check(&state, &engine)?;
        for (i, want) in expect.iter().enumerate() {
            if let Some(want) = want {
                prop_assert_eq!(judgements[&i], *want, "event {}: {:?}", i, events[i]);
            }
        }
    }
}

/// Instalments fall due whole periods after the disbursement, in UTC; a month-end disbursement
/// falls back to the end of a shorter month.
#[test]
fn instalments_fall_due_on_the_calendar() {
    let t = |s: &str| s.parse::<Timestamp>().unwrap();
    let jan31 = t("2026-01-31T12:00:00Z");
    assert_eq!(
        instalment_due(jan31, 12, 1),
        Some(t("2026-02-28T12:00:00Z"))
    );
    assert_eq!(
        instalment_due(jan31, 12, 3),
        Some(t("2026-04-30T12:00:00Z"))
    );
    assert_eq!(instalment_due(jan31, 2, 1), Some(t("2026-07-31T12:00:00Z")));
    assert_eq!(
        instalment_due(jan31, 1, 30),
        Some(t("2056-01-31T12:00:00Z"))
    );
    assert_eq!(instalment_due(jan31, 4, 4), Some(t("2027-01-31T12:00:00Z")));
}

/// A guarantee drawn: its amount in cents, the days it is valid after its issue.
#[derive(Debug, Clone)]
struct Guarantee {
    cents: i64,
    days: i64,
}

/// A call drawn: which guarantee, on which day, for which share of it (in %, over 100 is more
/// than the guarantee), by the manager or not.
#[derive(Debug, Clone)]
struct Call {
    which: usize,
    day: i64,
    percent: i64,
    manager: bool,
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn guarantees_reserve_then_pay_or_lapse(
        guarantees in prop::collection::vec((1i64..=10_000_000, 1i64..=90).prop_map(|(cents, days)| Guarantee { cents, days }), 1..=5),
        mut calls in prop::collection::vec((0usize..5, 2i64..=120, 1i64..=110, prop::bool::weighted(0.85)).prop_map(|(which, day, percent, manager)| Call { which, day, percent, manager }), 0..=12),
    ) {
        calls.sort_by_key(|c| c.day);
        let gid = |k: usize| TransferId::new(&format!("G{k}")).unwrap();
        let mut events = vec![capital()];
        for (k, g) in guarantees.iter().enumerate() {
            events.push(event(1, "FB", EventKind::FundGuaranteeIssued(FundGuarantee {
                transfer: gid(k),
                purpose: PurposeId::new("reconstruction").unwrap(),
                recipient: RecipientId::new("LENDER").unwrap(),
                amount: Decimal::new(g.cents, 2),
                currency: eur(),
                valid_until: at(1 + g.days),
                reference: "drawn".into(),
            })));
        }
        // What must happen, followed here independently of the engine.
        let mut open: Vec<bool> = vec![true; guarantees.len()];
        let mut expect: Vec<(usize, bool)> = Vec::new();
        let mut paid = Decimal::ZERO;
        for (n, c) in calls.iter().enumerate() {
            let k = c.which % guarantees.len();
            let g = &guarantees[k];
            let amount = (Decimal::new(g.cents, 2) * Decimal::new(c.percent, 2)).round_dp(2).max(Decimal::new(1, 2));
            let live = open[k] && c.day < 1 + g.days;
            let accepted = c.manager && live && amount <= Decimal::new(g.cents, 2);
            if accepted {
                open[k] = false;
                paid += amount;
            }
            expect.push((events.len(), accepted));
            events.push(event(c.day, if c.manager { "FB" } else { "B" }, EventKind::FundGuaranteeCalled(FundGuaranteeCall {
                transfer: TransferId::new(&format!("C{n}")).unwrap(),
                guarantee: gid(k),
                amount,
                currency: eur(),
                reference: "demand".into(),
            })));
        }
        let (mut engine, mut rec) = run(&events)?;
        for (i, want) in &expect {
            prop_assert_eq!(matches!(rec.judgements[*i], Ok(Accepted::Fund(_))), *want, "event {}: {:?}", i, events[*i]);
        }
        // Past every end: whatever was not called has expired.
        engine.advance(at(200), &mut rec).unwrap();
        check(&rec.state, &engine)?;
        let pool = engine.fund_book().balance(POOL_CORE);
        prop_assert_eq!(pool.debits_pending, Decimal::ZERO);
        prop_assert_eq!(pool.credit_balance(), capital_eur() - paid);
        for (k, g) in rec.state.fund.guarantees.iter().enumerate() {
            let want = if open[k] { GuaranteeStatus::Expired } else { GuaranteeStatus::Called };
            prop_assert_eq!(g.status, want, "{:?}", g);
        }
    }
}
