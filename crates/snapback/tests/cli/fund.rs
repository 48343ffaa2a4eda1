//! `snapback fund`: status, history and the IATI export on the fund's golden scenario, the Kiel
//! Ukraine Support Tracker import (into a scenario and into a signed log), and malformed panels.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::Value;

use crate::log::{fresh_dir, initialised};
use crate::{find, flat, json_of, root, snapback, stderr, stdout, temp_file};

const FUND_SCENARIO: &str = "scenarios/28-fund-conflict-mode.toml";

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).expect("a decimal")
}

/// A JSON string holding a decimal.
fn jd(v: &Value) -> Decimal {
    d(v.as_str()
        .unwrap_or_else(|| panic!("a decimal string, got {v}")))
}

use crate::path_arg as p;

#[test]
fn status_shows_pools_contributors_calls_tranches_and_balanced_books() {
    let fund = json_of(&["fund", "status", FUND_SCENARIO, "--json"]);
    // Exactly the replay report's `fund` object.
    let report = json_of(&["replay", FUND_SCENARIO, "--json"]);
    assert_eq!(fund, report["fund"]);

    assert_eq!(fund["name"], "Test Fund");
    assert_eq!(fund["mode"], "peace");
    assert_eq!(
        jd(&find(&fund["pools"], "pool", "core")["balance"]),
        d("750.00")
    );
    assert_eq!(
        jd(&find(&fund["pools"], "pool", "surge")["balance"]),
        d("550.00")
    );
    let dee = find(&fund["contributors"], "id", "D");
    assert_eq!(dee["pledged"], "150.00");
    assert_eq!(dee["paid_in"], "150.00");
    assert_eq!(dee["pledge_outstanding"], "50.00");
    assert_eq!(fund["calls"][0]["total"], "950.00");
    assert_eq!(
        find(&fund["calls"][0]["shares"], "party", "D")["status"],
        "late"
    );
    assert_eq!(find(&fund["tranches"], "claim", "C2")["status"], "voided");
    assert_eq!(fund["totals"]["balanced"], true);
    assert_eq!(fund["totals"]["debits_posted"], "4750.00");

    let out = snapback(&["fund", "status", FUND_SCENARIO]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let flat_text = flat(&text);
    for needle in [
        "Test Fund (currency of account EUR)",
        "Mode: peace (since 2026-02-09T03:00:00Z)",
        "core 750.00 0.00 750.00",
        "surge 550.00 0.00 550.00",
        "A1 at 2026-01-10T03:00:00Z: 950.00 EUR, due 2026-01-17T03:00:00Z",
        "D 50.00 A1/surge/D late 2026-01-20T00:00:00Z",
        "C2 UA budget-support 100.00 voided",
        "USD 0.90 since 2026-01-02T00:00:00Z",
        "Books: balanced: debits posted 4,750.00 = credits posted 4,750.00",
    ] {
        assert!(flat_text.contains(needle), "missing {needle:?} in\n{text}");
    }
    let dee_row = text
        .lines()
        .find(|l| l.trim_start().starts_with("D "))
        .expect("D's row");
    let cells: Vec<&str> = dee_row.split_whitespace().collect();
    // contributor key share subscribed pledged paid-in pledge-outstanding callable called paid outstanding
    assert_eq!(
        cells,
        [
            "D", "0.1", "0.10", "100.00", "150.00", "150.00", "50.00", "50.00", "50.00", "50.00",
            "0.00"
        ]
    );
}

#[test]
fn a_charter_without_a_fund_is_refused_with_exit_2() {
    let out = snapback(&["fund", "status", "scenarios/04-flipped-deadline-split.toml"]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(stderr(&out).contains("sets up no fund"), "{}", stderr(&out));
    let out = snapback(&["fund", "history"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("name a scenario file or a data directory"));
}

#[test]
fn history_lists_every_transfer_with_its_conversion() {
    let rows = json_of(&["fund", "history", FUND_SCENARIO, "--json"]);
    let rows = rows.as_array().expect("an array");
    assert_eq!(rows.len(), 26);
    let c = rows
        .iter()
        .find(|r| r["transfer"] == "C-PAY-1")
        .expect("C's payment");
    assert_eq!(c["source"], "fund.paid_in");
    assert_eq!(c["code"], "paid_in");
    assert_eq!(c["debit"], "contributor:C:paid-in");
    assert_eq!(c["credit"], "pool:core");
    assert_eq!(c["amount"], "200.00");
    assert_eq!(c["reference"], "subscribed capital, paid in dollars");
    let conv = &c["conversion"];
    assert_eq!(conv["currency"], "USD");
    assert_eq!(jd(&conv["amount"]), d("222.22"));
    assert_eq!(jd(&conv["rate"]), d("0.90"));
    assert_eq!(jd(&conv["exact"]), d("199.998"));
    assert_eq!(conv["converted"], "200.00");
    let void = rows
        .iter()
        .find(|r| r["transfer"] == "C2/tranche/void")
        .expect("the void");
    assert_eq!(void["code"], "void");
    assert_eq!(void["pending"], "C2/tranche");
    assert_eq!(void["party"], Value::Null);
    // In order of time.
    let times: Vec<&str> = rows.iter().map(|r| r["at"].as_str().expect("at")).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]));

    let text = flat(&stdout(&snapback(&["fund", "history", FUND_SCENARIO])));
    assert!(
        text.contains("converted 222.22 USD × 0.90 = 199.998 → 200.00 EUR"),
        "{text}"
    );
    assert!(
        text.contains("contributor:D:pledged → commitments"),
        "{text}"
    );
}

/// The export's rows by transaction ref.
fn csv_rows(text: &str) -> (Vec<String>, BTreeMap<String, BTreeMap<String, String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_owned)
        .collect();
    let mut rows = BTreeMap::new();
    for record in reader.records() {
        let record = record.expect("a row");
        let row: BTreeMap<String, String> = header
            .iter()
            .cloned()
            .zip(record.iter().map(str::to_owned))
            .collect();
        assert!(
            rows.insert(row["transaction-ref"].clone(), row).is_none(),
            "refs are unique"
        );
    }
    (header, rows)
}

#[test]
fn the_iati_export_codes_every_movement_and_is_reproducible() {
    let csv1 = snapback(&["fund", "export", FUND_SCENARIO, "--format", "iati-csv"]);
    assert!(csv1.status.success(), "{}", stderr(&csv1));
    let csv2 = snapback(&["fund", "export", FUND_SCENARIO, "--format", "iati-csv"]);
    assert_eq!(csv1.stdout, csv2.stdout, "same input, same bytes");
    let text = stdout(&csv1);
    let (header, rows) = csv_rows(&text);
    assert_eq!(
        header,
        [
            "transaction-ref",
            "transaction-type",
            "transaction-date",
            "value",
            "currency",
            "value-date",
            "provider-org",
            "receiver-org",
            "purpose",
            "description",
            "source-event"
        ]
    );
    // 26 transfers less the 5 settlements, which stay inside the fund.
    assert_eq!(rows.len(), 21);
    assert!(rows.keys().all(|k| !k.ends_with("/settle")));
    let check = |id: &str, kind: &str, value: &str, provider: &str, receiver: &str| {
        let r = rows.get(id).unwrap_or_else(|| panic!("no row {id}"));
        assert_eq!(
            (
                r["transaction-type"].as_str(),
                r["value"].as_str(),
                r["provider-org"].as_str(),
                r["receiver-org"].as_str(),
                r["currency"].as_str()
            ),
            (kind, value, provider, receiver, "EUR"),
            "{id}"
        );
    };
    check("D-PLEDGE-1", "11", "150.00", "D", "Test Fund");
    check("A1/surge/A", "11", "400.00", "A", "Test Fund");
    check("A1/surge/D", "11", "50.00", "D", "Test Fund");
    check("A-PAY-1", "1", "400.00", "A", "Test Fund");
    check("C-PAY-1", "1", "200.00", "C", "Test Fund");
    check("D-SURGE-1", "1", "50.00", "D", "Test Fund");
    check("C1/tranche", "2", "100.00", "Test Fund", "UA");
    check("C2/tranche", "2", "100.00", "Test Fund", "UA");
    check("C2/tranche/void", "2", "-100.00", "Test Fund", "UA");
    check("C1/tranche/release", "3", "100.00", "Test Fund", "UA");
    check("FB-D-1", "3", "50.00", "Test Fund", "UA");
    check("FB-D-3", "3", "250.00", "Test Fund", "ua-defence-industry");
    let shells = &rows["FB-D-3"];
    assert_eq!(shells["purpose"], "military-production-ukraine");
    assert_eq!(shells["transaction-date"], "2026-01-13");
    assert_eq!(shells["description"], "artillery shells, conflict mode");
    assert_eq!(shells["source-event"], "fund.disbursed");
    assert_eq!(
        rows["C2/tranche/void"]["source-event"],
        "fund.tranche_voided"
    );
    let count = |kind: &str| {
        rows.values()
            .filter(|r| r["transaction-type"] == kind)
            .count()
    };
    assert_eq!(
        (count("11"), count("1"), count("2"), count("3")),
        (5, 8, 3, 5)
    );

    let json1 = snapback(&["fund", "export", FUND_SCENARIO, "--format", "iati-json"]);
    let json2 = snapback(&["fund", "export", FUND_SCENARIO, "--format", "iati-json"]);
    assert!(json1.status.success(), "{}", stderr(&json1));
    assert_eq!(json1.stdout, json2.stdout, "same input, same bytes");
    let array: Value = serde_json::from_slice(&json1.stdout).expect("JSON");
    let array = array.as_array().expect("an array");
    assert_eq!(array.len(), 21);
    for item in array {
        let r = &rows[item["transaction-ref"].as_str().expect("ref")];
        assert_eq!(item["value"], r["value"].as_str());
        assert_eq!(item["transaction-type"].to_string(), r["transaction-type"]);
    }

    // --out writes the same bytes.
    let file = temp_file("fund-export.csv", "");
    let out = snapback(&[
        "fund",
        "export",
        FUND_SCENARIO,
        "--format",
        "iati-csv",
        "--out",
        p(&file),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read(&file).expect("the export"), csv1.stdout);
}

fn kiel_panel() -> PathBuf {
    root().join("../shared/data/kiel_ust_r27_panel_donor_month_type.csv")
}

/// What the import must produce, computed here from the CSV: per donor name, the sum of
/// aid_eur_m × 10^6 rounded half to even to cents, over rows with aid; and the number of flows.
fn expected_from_panel() -> (BTreeMap<String, Decimal>, usize, usize) {
    let mut reader = csv::Reader::from_path(kiel_panel()).expect("the Kiel panel");
    let header = reader.headers().expect("header").clone();
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let (donor, amount) = (col("donor"), col("aid_eur_m"));
    let mut sums: BTreeMap<String, Decimal> = BTreeMap::new();
    let (mut rows, mut flows) = (0, 0);
    for record in reader.records() {
        let record = record.expect("row");
        rows += 1;
        let millions = d(&record[amount]);
        if millions <= Decimal::ZERO {
            continue;
        }
        let eur = (millions * Decimal::from(1_000_000))
            .round_dp_with_strategy(2, RoundingStrategy::MidpointNearestEven);
        flows += 1;
        *sums.entry(record[donor].to_owned()).or_default() += eur;
    }
    (sums, rows, flows)
}

#[test]
fn the_kiel_panel_imports_as_a_scenario_and_into_a_signed_log() {
    let (by_donor, rows, flows) = expected_from_panel();
    let total: Decimal = by_donor.values().sum();
    // The totals SOURCES.md gives (EUR bn): 217.1 in all, 115.3 from the United States.
    assert!(
        total > d("217050000000") && total < d("217150000000"),
        "{total}"
    );
    let us = by_donor["United States"];
    assert!(us > d("115250000000") && us < d("115350000000"), "{us}");

    let dir = fresh_dir("kiel-scenario");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let scenario = dir.join("kiel.toml");
    let out = snapback(&[
        "fund",
        "import-kiel",
        p(&kiel_panel()),
        "--out",
        p(&scenario),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let summary = stdout(&out);
    assert!(
        summary.contains(&format!(
            "read {rows} rows from {}: {flows} flows from {} donors, EUR {} in all",
            kiel_panel().display(),
            by_donor.len(),
            snapback_charter::money::grouped(total)
        )),
        "{summary}"
    );
    let fund = json_of(&["fund", "status", p(&scenario), "--json"]);
    assert_eq!(fund["name"], "G7 Ukraine Stabilization Fund");
    assert_eq!(jd(&find(&fund["pools"], "pool", "core")["balance"]), total);
    assert_eq!(fund["totals"]["balanced"], true);
    // Donors named like a charter party get its id; the others a slug of their name.
    assert_eq!(jd(&find(&fund["contributors"], "id", "US")["paid_in"]), us);
    assert_eq!(
        jd(&find(&fund["contributors"], "id", "GB")["paid_in"]),
        by_donor["United Kingdom"]
    );
    assert_eq!(
        jd(&find(&fund["contributors"], "id", "DE")["paid_in"]),
        by_donor["Germany"]
    );
    assert_eq!(
        jd(&find(&fund["contributors"], "id", "south-korea")["paid_in"]),
        by_donor["South Korea"]
    );
    let contributors = fund["contributors"].as_array().expect("contributors");
    assert_eq!(contributors.len(), by_donor.len());
    let paid: Decimal = contributors.iter().map(|c| jd(&c["paid_in"])).sum();
    assert_eq!(paid, total);

    // Every flow keeps its month as its value date, which the IATI export dates it by.
    let export = snapback(&["fund", "export", p(&scenario), "--format", "iati-csv"]);
    let (_, iati) = csv_rows(&stdout(&export));
    assert_eq!(iati.len(), flows);
    let first = &iati["kiel-r27-australia-2022-02-military"];
    assert_eq!(first["transaction-type"], "1");
    assert_eq!(first["transaction-date"], "2022-02-01");
    assert_eq!(first["value"], "2645059.47");
    assert_eq!(first["provider-org"], "australia");
    assert_eq!(first["receiver-org"], "G7 Ukraine Stabilization Fund");

    // The same flows into a data directory's signed log: the same figures, and it verifies.
    let data = initialised("kiel-data", None);
    let out = snapback(&["fund", "import-kiel", p(&kiel_panel()), "--data", p(&data)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains(&format!("appended {flows} entries")),
        "{}",
        stdout(&out)
    );
    let logged = json_of(&["fund", "status", "--data", p(&data), "--json"]);
    assert_eq!(logged, fund);
    let out = snapback(&["verify", "--data", p(&data)]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    // The import is recorded at today's wall clock, so the log also passes the reference
    // charter's EU renewal (opened 16 June 2026, expiring 31 July 2026): with no renewal vote
    // recorded, the engine opens it, closes it and lapses the measures: three derived entries.
    assert!(
        stdout(&out).starts_with(&format!(
            "OK: {} entries ({flows} inputs, 3 derived)",
            flows + 3
        )),
        "{}",
        stdout(&out)
    );

    // A second import finds every flow already in the log and appends nothing.
    let out = snapback(&["fund", "import-kiel", p(&kiel_panel()), "--data", p(&data)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("appended 0 entries"),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains(&format!("{flows} already there")));
}

#[test]
fn malformed_kiel_panels_are_located_and_exit_2() {
    let cases = [
        (
            "kiel-missing-column.csv",
            "donor,year_month,aid_type_general,aid_type_specific\nGermany,2022-02,Military,x\n",
            ":1:1: missing column `aid_eur_m`",
            "whose first row names its columns",
        ),
        (
            "kiel-bad-number.csv",
            "donor,year_month,aid_type_general,aid_eur_m\nGermany,2022-02,Military,12.5\nGermany,2022-03,Military,12;5\n",
            ":3:26: aid_eur_m: `12;5` is not a number",
            "write EUR millions as a decimal number",
        ),
        (
            "kiel-bad-month.csv",
            "donor,year_month,aid_type_general,aid_eur_m\nFrance,2022-13,Financial,3\n",
            ":2:8: year_month: `2022-13` is not a month",
            "write the month as YYYY-MM",
        ),
    ];
    let out_file = temp_file("kiel-never-written.toml", "");
    std::fs::remove_file(&out_file).expect("remove");
    for (name, text, located, hint) in cases {
        let file = temp_file(name, text);
        let out = snapback(&["fund", "import-kiel", p(&file), "--out", p(&out_file)]);
        assert_eq!(out.status.code(), Some(2), "{name}: {}", stdout(&out));
        let err = stderr(&out);
        assert!(
            err.contains(&format!("{}{located}", file.display())),
            "{name}: {err}"
        );
        assert!(err.contains(hint), "{name}: {err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(!out_file.exists(), "nothing is written on bad input");
    }
}

/// Text for people writes amounts with thousands separators, as the dashboard does; the JSON,
/// CSV and IATI outputs keep plain decimals (they are contracts).
#[test]
fn text_writes_amounts_with_separators_and_machine_outputs_keep_plain_decimals() {
    const DEMO: &str = "scenarios/demo.toml";
    let status = stdout(&snapback(&["fund", "status", DEMO]));
    assert!(
        flat(&status).contains("core 5,500,000,000.00 0.00 5,500,000,000.00"),
        "{status}"
    );
    let replay = stdout(&snapback(&["replay", DEMO]));
    assert!(
        replay.contains("pools: core 5,500,000,000.00 EUR (5,500,000,000.00 available)"),
        "{replay}"
    );
    let history = stdout(&snapback(&["fund", "history", DEMO]));
    // The replay's own fund section (the engine's refusal messages, which the JSON report
    // carries too, keep their plain figures).
    let fund_section = replay
        .split("\nFund\n")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").next())
        .expect("a fund section");
    for text in [status.as_str(), fund_section, history.as_str()] {
        // No run of four digits before the point: every amount is grouped.
        let ungrouped = text
            .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
            .filter(|n| n.contains('.') && !n.contains(':'))
            .any(|n| {
                n.split('.')
                    .next()
                    .is_some_and(|int| int.len() > 3 && !int.contains(','))
            });
        assert!(!ungrouped, "an amount without separators in\n{text}");
    }
    let json = json_of(&["fund", "status", DEMO, "--json"]);
    assert_eq!(
        find(&json["pools"], "pool", "core")["balance"],
        "5500000000.00"
    );
    let iati = stdout(&snapback(&["fund", "export", DEMO, "--format", "iati-csv"]));
    assert!(!iati.contains("0,000.00"), "{iati}");
    assert!(iati.contains("000000.00"), "{iati}");
}
