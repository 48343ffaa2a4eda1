//! Decimal edge cases of the fund, through the engine: exchange-rate rounding at exact midpoints,
//! currencies with 0 and 3 decimal places, precision errors located at the field, the smallest
//! amounts and conversions that round to nothing, the largest amounts and sums of many of them,
//! and surge calls split pro rata with awkward keys.
//!
//! Charters are `scenarios/charters/fund.toml`, some with a line or two changed (the fund's
//! currency, the keys, the surge); events are scenario TOML parsed with `parse_scenario`, as a
//! person would write them.

// Helpers outside `#[test]` functions are test code too (clippy.toml allows these in tests).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use rust_decimal::Decimal;
use snapback_charter::{AMOUNT_MAX, CharterHistory, Currency, Source, split_pro_rata};
use snapback_engine::derived::{Derived, DerivedKind, SurgeShare};
use snapback_engine::fund::{COMMITMENTS, Conversion, POOL_CORE};
use snapback_engine::replay::replay_with;
use snapback_engine::{Accepted, Event, Judgement, Sink, State, parse_scenario};

// --- helpers -------------------------------------------------------------------------------------

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn fund_toml() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../scenarios/charters/fund.toml"
    );
    std::fs::read_to_string(path).unwrap()
}

/// The fund test charter with each `(from, to)` replaced (each `from` must occur exactly once).
fn charter(replace: &[(&str, &str)]) -> CharterHistory {
    let mut text = fund_toml();
    for (from, to) in replace {
        assert_eq!(
            text.matches(from).count(),
            1,
            "`{from}` is not unique in fund.toml"
        );
        text = text.replace(from, to);
    }
    let c = snapback_charter::load_toml(&Source::new("fund.toml", text))
        .unwrap_or_else(|e| panic!("the changed charter does not load: {e}"));
    CharterHistory::single(c)
}

/// The fund's currency of account is `code` (the charter's amounts have no cents, so they fit).
fn fund_in(code: &str) -> CharterHistory {
    charter(&[(
        "currency = \"EUR\"\nmanager",
        &format!("currency = \"{code}\"\nmanager"),
    )])
}

/// Scenario TOML events (without the `charter` line) → events.
fn events(toml: &str) -> Vec<Event> {
    let text = format!("charter = \"fund.toml\"\n{toml}");
    parse_scenario(&Source::new("s.toml", text))
        .unwrap_or_else(|e| panic!("the scenario does not parse: {e}"))
        .events
}

#[derive(Default)]
struct Recorder {
    judgements: Vec<Judgement>,
    derived: Vec<Derived>,
}

impl Sink for Recorder {
    fn input(&mut self, _index: u64, _event: &Event, judgement: &Judgement) {
        self.judgements.push(judgement.clone());
    }

    fn derived(&mut self, derived: &Derived) {
        self.derived.push(derived.clone());
    }
}

fn run(history: &CharterHistory, events: &[Event]) -> (State, Recorder) {
    let mut rec = Recorder::default();
    let state = replay_with(history, events, None, &mut rec);
    (state, rec)
}

/// The conversion of an accepted payment.
fn conversion(j: &Judgement) -> Conversion {
    match j {
        Ok(Accepted::Fund(f)) => f.conversion.clone().unwrap(),
        other => panic!("not an accepted conversion: {other:?}"),
    }
}

fn code(j: &Judgement) -> &'static str {
    match j {
        Ok(_) => "accepted",
        Err(r) => r.code(),
    }
}

/// `[[event]]` tables for a rate, a payment and a disbursement, at hour `h` of 2026-01-02.
fn rate(h: u32, currency: &str, rate: &str) -> String {
    format!(
        "[[event]]\nat = 2026-01-02T{h:02}:00:00Z\nparty = \"FB\"\ntype = \"fund.fx_rate\"\ncurrency = \"{currency}\"\nrate = \"{rate}\"\n\n"
    )
}

fn pay(h: u32, party: &str, transfer: &str, amount: &str, currency: &str) -> String {
    format!(
        "[[event]]\nat = 2026-01-02T{h:02}:00:00Z\nparty = \"{party}\"\ntype = \"fund.paid_in\"\ntransfer = \"{transfer}\"\namount = \"{amount}\"\ncurrency = \"{currency}\"\n\n"
    )
}

fn disburse(h: u32, transfer: &str, amount: &str, currency: &str) -> String {
    format!(
        "[[event]]\nat = 2026-01-02T{h:02}:00:00Z\nparty = \"FB\"\ntype = \"fund.disbursed\"\ntransfer = \"{transfer}\"\npurpose = \"reconstruction\"\nrecipient = \"UA\"\namount = \"{amount}\"\ncurrency = \"{currency}\"\nreference = \"r\"\n\n"
    )
}

// --- rounding ------------------------------------------------------------------------------------

/// A converted amount is rounded once, half to even, to the fund currency's minor unit: exact
/// midpoints go to the even cent, anything past a midpoint goes up.
#[test]
fn conversions_round_half_to_even_at_exact_midpoints() {
    let history = fund_in("EUR");
    let mut toml = rate(0, "USD", "0.5") + &rate(0, "JPY", "0.001");
    let cases = [
        // (amount, currency, exact, converted)
        ("0.25", "USD", "0.125", "0.12"),
        ("0.27", "USD", "0.135", "0.14"),
        ("0.29", "USD", "0.145", "0.14"),
        ("0.31", "USD", "0.155", "0.16"),
        ("125", "JPY", "0.125", "0.12"),
        ("135", "JPY", "0.135", "0.14"),
        ("1000001", "JPY", "1000.001", "1000.00"),
        ("2000005", "JPY", "2000.005", "2000.00"),
        ("2000015", "JPY", "2000.015", "2000.02"),
    ];
    for (i, (amount, currency, _, _)) in cases.iter().enumerate() {
        toml += &pay(1, "A", &format!("P{i}"), amount, currency);
    }
    // Just past a midpoint: 0.1250001 rounds up.
    toml += &rate(2, "USD", "0.1250001");
    toml += &pay(3, "B", "PAST", "1.00", "USD");
    let (state, rec) = run(&history, &events(&toml));
    let mut total = Decimal::ZERO;
    for (i, (amount, currency, exact, converted)) in cases.iter().enumerate() {
        let c = conversion(&rec.judgements[2 + i]);
        assert_eq!(
            (c.amount, c.currency.as_str(), c.exact, c.converted),
            (d(amount), *currency, d(exact), d(converted)),
            "{amount} {currency}"
        );
        total += c.converted;
    }
    let past = conversion(rec.judgements.last().unwrap());
    assert_eq!((past.exact, past.converted), (d("0.1250001"), d("0.13")));
    total += past.converted;
    // The books hold the rounded amounts, and the state's books agree.
    assert_eq!(state.fund.book.balance(POOL_CORE).credit_balance(), total);
    assert_eq!(total, d("5000.97"));
    // The record keeps each conversion with its exact and its rounded amount.
    let p1 = state
        .fund
        .transfers
        .iter()
        .find(|t| t.transfer.transfer.as_str() == "P1")
        .unwrap();
    let c = p1.conversion.as_ref().unwrap();
    assert_eq!(
        (c.exact, c.converted, p1.transfer.amount),
        (d("0.135"), d("0.14"), d("0.14"))
    );
    // The report writes the pool in cents.
    let text = serde_json::to_string(&snapback_engine::Report::new(&state)).unwrap();
    assert!(text.contains("\"balance\":\"5000.97\""), "{text}");
}

/// A fund kept in yen (no decimals) rounds conversions to whole yen, half to even, and refuses
/// yen amounts with decimals at the field.
#[test]
fn a_yen_fund_rounds_to_whole_yen() {
    let history = fund_in("JPY");
    let toml = rate(0, "EUR", "50")
        + &pay(1, "A", "P1", "0.03", "EUR")
        + &pay(1, "A", "P2", "0.05", "EUR")
        + &pay(1, "A", "P3", "0.07", "EUR")
        + &pay(1, "B", "P4", "100", "JPY")
        + &pay(1, "B", "P5", "1.000", "JPY")
        + &disburse(2, "D1", "103", "JPY");
    let (state, rec) = run(&history, &events(&toml));
    let got: Vec<(Decimal, Decimal)> = rec.judgements[1..4]
        .iter()
        .map(|j| {
            let c = conversion(j);
            (c.exact, c.converted)
        })
        .collect();
    assert_eq!(
        got,
        [(d("1.5"), d("2")), (d("2.5"), d("2")), (d("3.5"), d("4"))]
    );
    assert!(
        rec.judgements.iter().all(|j| j.is_ok()),
        "{:?}",
        rec.judgements
    );
    // 2 + 2 + 4 + 100 + 1 - 103 = 6 yen left.
    assert_eq!(state.fund.book.balance(POOL_CORE).credit_balance(), d("6"));

    let bad = format!(
        "charter = \"fund.toml\"\n{}",
        pay(1, "A", "P1", "100.5", "JPY")
    );
    let e = parse_scenario(&Source::new("s.toml", bad.clone())).unwrap_err();
    assert_eq!(e.errors.len(), 1);
    let err = &e.errors[0];
    assert_eq!(err.path.as_ref().unwrap().to_string(), "event[0].amount");
    assert!(err.message.contains("JPY"), "{}", err.message);
    assert_eq!(err.line, line_of(&bad, "amount = \"100.5\""));
}

/// A fund kept in Kuwaiti dinars (three decimals) rounds to the fils, half to even.
#[test]
fn a_dinar_fund_keeps_three_decimals() {
    let history = fund_in("KWD");
    let toml = rate(0, "EUR", "0.3305")
        + &pay(1, "A", "P1", "1.00", "EUR")
        + &rate(2, "EUR", "0.3315")
        + &pay(3, "A", "P2", "1.00", "EUR")
        + &pay(3, "A", "P3", "0.01", "EUR")
        + &pay(3, "B", "P4", "1.234", "KWD")
        + &disburse(4, "D1", "0.001", "KWD");
    let (state, rec) = run(&history, &events(&toml));
    let c1 = conversion(&rec.judgements[1]);
    let c2 = conversion(&rec.judgements[3]);
    let c3 = conversion(&rec.judgements[4]);
    assert_eq!((c1.exact, c1.converted), (d("0.3305"), d("0.330")));
    assert_eq!((c2.exact, c2.converted), (d("0.3315"), d("0.332")));
    assert_eq!((c3.exact, c3.converted), (d("0.003315"), d("0.003")));
    assert!(
        rec.judgements.iter().all(|j| j.is_ok()),
        "{:?}",
        rec.judgements
    );
    // 0.330 + 0.332 + 0.003 + 1.234 - 0.001
    assert_eq!(
        state.fund.book.balance(POOL_CORE).credit_balance(),
        d("1.898")
    );
}

// --- located errors ------------------------------------------------------------------------------

/// The 1-based line of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

/// Amounts that do not fit their currency, or exceed the maximum, are refused when the scenario
/// is read, each at its own event's field and line.
#[test]
fn bad_amounts_are_refused_at_the_field() {
    let text = format!(
        "charter = \"fund.toml\"\n{}{}{}{}{}{}{}{}",
        pay(1, "A", "P0", "0.001", "EUR"),
        pay(1, "A", "P1", "1.5", "JPY"),
        pay(1, "A", "P2", "0.0001", "KWD"),
        pay(1, "A", "P3", "1000000000000000.01", "EUR"),
        pay(1, "A", "P4", "-1.00", "EUR"),
        pay(1, "A", "P5", "0", "EUR"),
        rate(1, "USD", "0"),
        pay(1, "A", "P6", "1000000000000000.00", "EUR"),
    );
    let e = parse_scenario(&Source::new("s.toml", text.clone())).unwrap_err();
    let got: Vec<(String, usize, &str)> = e
        .errors
        .iter()
        .map(|err| {
            let kind = if err.message.contains("decimal places") {
                "too precise"
            } else if err.message.contains("larger than") {
                "too large"
            } else if err.message.contains("negative") {
                "negative"
            } else if err.message.contains("zero") {
                "zero"
            } else if err.message.contains("rate") {
                "rate"
            } else {
                "other"
            };
            (err.path.as_ref().unwrap().to_string(), err.line, kind)
        })
        .collect();
    let line = |needle: &str| line_of(&text, needle);
    assert_eq!(
        got,
        [
            ("event[0].amount".into(), line("\"0.001\""), "too precise"),
            ("event[1].amount".into(), line("\"1.5\""), "too precise"),
            ("event[2].amount".into(), line("\"0.0001\""), "too precise"),
            (
                "event[3].amount".into(),
                line("\"1000000000000000.01\""),
                "too large"
            ),
            ("event[4].amount".into(), line("\"-1.00\""), "negative"),
            ("event[5].amount".into(), line("amount = \"0\""), "zero"),
            ("event[6].rate".into(), line("rate = \"0\""), "rate"),
        ]
    );
    // Each message says how to fix it.
    assert!(e.errors.iter().all(|err| err.help.is_some()));
    // The rendered error names the file, line and column.
    let first = e.errors[0].to_string();
    assert!(
        first.starts_with(&format!("s.toml:{}:", line("\"0.001\""))),
        "{first}"
    );
}

// --- tiny amounts --------------------------------------------------------------------------------

/// A cent moves like any amount; a conversion worth less than half a cent (or exactly half, which
/// rounds to the even zero) is refused as `converts_to_zero` and changes nothing.
#[test]
fn tiny_amounts_and_conversions_that_round_to_zero() {
    let history = fund_in("EUR");
    let toml = pay(0, "A", "CENT", "0.01", "EUR")
        + &disburse(1, "OUT", "0.01", "EUR")
        + &rate(2, "JPY", "0.004")
        + &pay(3, "A", "Z1", "1", "JPY")
        + &rate(4, "JPY", "0.005")
        + &pay(5, "A", "Z2", "1", "JPY")
        + &rate(6, "JPY", "0.0051")
        + &pay(7, "A", "Z3", "1", "JPY")
        + &rate(8, "USD", "0.5")
        + &pay(9, "B", "Z4", "0.01", "USD")
        + &rate(10, "USD", "1.5")
        + &pay(11, "B", "Z5", "0.01", "USD");
    let (state, rec) = run(&history, &events(&toml));
    let codes: Vec<&str> = rec.judgements.iter().map(code).collect();
    assert_eq!(
        codes,
        [
            "accepted",
            "accepted",
            "accepted",
            "converts_to_zero",
            "accepted",
            "converts_to_zero",
            "accepted",
            "accepted",
            "accepted",
            "converts_to_zero",
            "accepted",
            "accepted",
        ]
    );
    assert_eq!(conversion(&rec.judgements[7]).converted, d("0.01"));
    assert_eq!(conversion(&rec.judgements[11]).converted, d("0.02"));
    let pool = state.fund.book.balance(POOL_CORE);
    assert_eq!(pool.credits_posted, d("0.04"));
    assert_eq!(pool.debits_posted, d("0.01"));
    assert_eq!(
        state.fund.book.balance("recipient:UA").credits_posted,
        d("0.01")
    );
    // Refused payments left no account behind for their transfer.
    assert!(state.fund.book.transfer("Z1").is_none());
    assert!(state.fund.book.transfer("Z4").is_none());
}

// --- very large amounts --------------------------------------------------------------------------

/// 10^15, the largest amount, is exact; many of them add up exactly; a conversion that would
/// exceed it is refused.
#[test]
fn the_largest_amounts_add_up_exactly() {
    assert_eq!(AMOUNT_MAX, d("1000000000000000"));
    let history = fund_in("EUR");
    let max = "1000000000000000.00";
    let mut toml = String::new();
    let payments = 200;
    for i in 0..payments {
        let who = ["A", "B", "C", "D"][i % 4];
        toml += &pay(0, who, &format!("MAX{i}"), max, "EUR");
    }
    let disbursements = 150;
    for i in 0..disbursements {
        toml += &disburse(1, &format!("OUT{i}"), max, "EUR");
    }
    toml += &disburse(2, "ONE-MORE", max, "EUR");
    toml += &rate(3, "USD", "1.0833");
    toml += &pay(4, "A", "BIG-USD", "1000000000000000", "USD");
    toml += &rate(5, "USD", "0.9215");
    toml += &pay(6, "A", "OK-USD", "1000000000000000", "USD");
    let (state, rec) = run(&history, &events(&toml));
    let codes: Vec<&str> = rec.judgements.iter().map(code).collect();
    let n = payments + disbursements;
    assert!(codes[..n].iter().all(|c| *c == "accepted"), "{codes:?}");
    let book = &state.fund.book;
    let pool = book.balance(POOL_CORE);
    assert_eq!(
        pool.credits_posted - d("921500000000000.00"),
        d("200000000000000000")
    );
    assert_eq!(codes[n], "accepted");
    assert_eq!(pool.debits_posted, d("151000000000000000"));
    // 10^15 dollars at 1.0833 would be 1.0833 × 10^15 euros, more than any amount may be.
    assert_eq!(codes[n + 2], "books", "{:?}", rec.judgements[n + 2]);
    assert_eq!(codes[n + 4], "accepted");
    assert_eq!(
        conversion(&rec.judgements[n + 4]).converted,
        d("921500000000000.00")
    );
    assert_eq!(
        pool.credit_balance(),
        d("49000000000000000") + d("921500000000000.00")
    );
    let totals = book.totals().unwrap();
    assert_eq!(totals.debits_posted, totals.credits_posted);
    // The contributors' paid-in capital is exact to the cent.
    assert_eq!(
        book.balance("contributor:A:paid-in").debits_posted,
        d("50000000000000000") + d("921500000000000.00")
    );
    // The report writes them in full, with cents.
    let text = serde_json::to_string(&snapback_engine::Report::new(&state)).unwrap();
    assert!(text.contains("\"49921500000000000.00\""), "{text}");
}

// --- pro rata surge calls ------------------------------------------------------------------------

/// Files a serious claim, activates it with three "founded" votes, and returns the surge shares.
fn surge_shares(history: &CharterHistory) -> (Decimal, Vec<SurgeShare>, State) {
    let mut toml = String::from(
        "[[event]]\nat = 2026-01-10T00:00:00Z\nparty = \"UA\"\ntype = \"claim.filed\"\nclaim = \"C1\"\ncategory = \"shelling\"\nseverity = 3\nsummary = \"S\"\n\n",
    );
    for (i, voter) in ["A", "B", "C"].iter().enumerate() {
        toml += &format!(
            "[[event]]\nat = 2026-01-10T0{}:00:00Z\nparty = \"{voter}\"\ntype = \"vote.cast\"\nclaim = \"C1\"\nvote = \"founded\"\n\n",
            i + 1
        );
    }
    let (state, rec) = run(history, &events(&toml));
    let called: Vec<(Decimal, Vec<SurgeShare>)> = rec
        .derived
        .iter()
        .filter_map(|d| match &d.kind {
            DerivedKind::FundSurgeCalled { total, shares, .. } => Some((*total, shares.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(called.len(), 1, "one surge call");
    let (total, shares) = called.into_iter().next().unwrap();
    (total, shares, state)
}

/// With enough callable capital the call asks for the whole surge, split pro rata to the keys in
/// cents so that the parts add up exactly: each part within a cent of its exact share, the
/// leftover cents to the largest remainders (ties to charter order), nothing for a zero share.
#[test]
fn surge_calls_add_up_exactly_with_awkward_keys() {
    let callable = "1000000000000000.00";
    let cases: &[(&str, [&str; 4], &[&str])] = &[
        (
            "1000.00",
            ["1", "1", "1", "1"],
            &["250.00", "250.00", "250.00", "250.00"],
        ),
        (
            "100.00",
            ["1", "1", "1", "0.000000000001"],
            &["33.34", "33.33", "33.33"],
        ),
        ("0.03", ["1", "1", "1", "1"], &["0.01", "0.01", "0.01"]),
        (
            "0.01",
            ["0.3", "0.7", "0.000000000001", "1000000000000"],
            &["0.01"],
        ),
        (
            "1000000000000000.00",
            ["1000000000000", "0.000000000001", "7", "3"],
            &["999999999990000.00", "0.00", "7000.00", "3000.00"],
        ),
        (
            "999999999999999.99",
            [
                "0.3333333333333333333333333333",
                "0.3333333333333333333333333333",
                "0.3333333333333333333333333334",
                "0.0000000000000000000000000001",
            ],
            &[
                "333333333333333.33",
                "333333333333333.33",
                "333333333333333.33",
            ],
        ),
        (
            "12345678901.23",
            ["0.26", "0.13", "0.11", "0.07"],
            &[
                "5631362305.83",
                "2815681152.91",
                "2382499437.08",
                "1516136005.41",
            ],
        ),
    ];
    for (surge, keys, expected) in cases {
        let mut replace: Vec<(String, String)> = vec![
            (
                "amount = \"1000.00\"\ndue_within".to_owned(),
                format!("amount = \"{surge}\"\ndue_within"),
            ),
            (
                "callable = \"800.00\"".into(),
                format!("callable = \"{callable}\""),
            ),
            (
                "callable = \"600.00\"".into(),
                format!("callable = \"{callable}\""),
            ),
            (
                "callable = \"400.00\"".into(),
                format!("callable = \"{callable}\""),
            ),
            (
                "callable = \"50.00\"".into(),
                format!("callable = \"{callable}\""),
            ),
        ];
        for ((party, from), to) in [("A", "0.4"), ("B", "0.3"), ("C", "0.2"), ("D", "0.1")]
            .iter()
            .zip(keys)
        {
            replace.push((
                format!("party = \"{party}\"\nkey = \"{from}\""),
                format!("party = \"{party}\"\nkey = \"{to}\""),
            ));
        }
        let pairs: Vec<(&str, &str)> = replace
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        let history = charter(&pairs);
        let (total, shares, state) = surge_shares(&history);
        let amounts: Vec<Decimal> = shares.iter().map(|s| s.amount).collect();
        let sum: Decimal = amounts.iter().sum();
        assert_eq!(total, d(surge), "keys {keys:?}");
        assert_eq!(sum, d(surge), "keys {keys:?}: {amounts:?}");
        // Zero shares are not called at all.
        let want: Vec<Decimal> = expected
            .iter()
            .map(|a| d(a))
            .filter(|a| !a.is_zero())
            .collect();
        assert_eq!(amounts, want, "keys {keys:?}");
        // Each within a cent of its exact share.
        let key_sum: Decimal = keys.iter().map(|k| d(k)).sum();
        for s in &shares {
            let i = ["A", "B", "C", "D"]
                .iter()
                .position(|p| *p == s.party.as_str())
                .unwrap();
            let exact = d(surge) * d(keys[i]) / key_sum;
            assert!((s.amount - exact).abs() < d("0.01"), "{s:?} vs {exact}");
        }
        // The books charged exactly that to the contributors.
        assert_eq!(
            state.fund.book.balance(COMMITMENTS).credits_posted,
            d(surge)
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    /// The split itself, for any keys the charter accepts (positive, at most 10^12, up to 28
    /// decimals) and any total up to 10^15 in EUR, JPY or KWD: the parts add up exactly, each
    /// is the exact share rounded down or up by one minor unit, and none is negative.
    #[test]
    fn pro_rata_parts_add_up_exactly(
        code in prop::sample::select(vec!["EUR", "JPY", "KWD"]),
        units in prop_oneof![1i64..=1_000, 1i64..=1_000_000_000_000, Just(1_000_000_000_000_000)],
        keys in prop::collection::vec(
            (1i64..=1_000_000_000_000_000_000, 0u32..=28)
                .prop_map(|(m, s)| Decimal::new(m, s))
                .prop_filter("at most 10^12", |k| *k <= d("1000000000000")),
            1..=8,
        ),
    ) {
        let currency = Currency::parse(code).unwrap();
        let unit = Decimal::new(1, currency.exponent());
        // `units` minor units, capped at 10^15.
        let total = (Decimal::from(units) * unit).min(AMOUNT_MAX);
        let parts = split_pro_rata(currency, total, &keys).unwrap();
        prop_assert_eq!(parts.len(), keys.len());
        prop_assert_eq!(parts.iter().sum::<Decimal>(), total);
        let key_sum: Decimal = keys.iter().sum();
        for (part, key) in parts.iter().zip(&keys) {
            prop_assert!(*part >= Decimal::ZERO);
            prop_assert_eq!(currency.round(*part), *part, "{} is not in minor units", part);
            let exact = total * *key / key_sum;
            prop_assert!(
                (*part - exact).abs() < unit,
                "{} for key {} of {}: exact share {}", part, key, key_sum, exact
            );
        }
    }
}
