//! `snapback capabilities`: readiness, drawdown at activation, restrictions, delivery performance
//! and training on the golden scenarios 29 to 33, in the domain's own figures; the CSV import
//! into a scenario and into a signed log, and malformed rows.

use serde_json::Value;

use crate::log::initialised;
use crate::{find, flat, json_of, path_arg as p, snapback, stderr, stdout, temp_file};

const STOCK: &str = "scenarios/29-capabilities-stock-covers.toml";
const CONTRACT: &str = "scenarios/30-capabilities-contract-late.toml";
const COMPETING: &str = "scenarios/31-capabilities-competing-packages.toml";
const ACTIVATION: &str = "scenarios/32-capabilities-activation-draws-down.toml";
const DELIVERIES: &str = "scenarios/33-capabilities-deliveries-and-training.toml";
const DAY_S: i64 = 86_400;

fn readiness(scenario: &str) -> Value {
    json_of(&["capabilities", "readiness", scenario, "--json"])
}

fn demand<'a>(plan: &'a Value, package: &str) -> &'a Value {
    find(&plan["demands"], "package", package)
}

fn units(draws: &Value) -> u64 {
    draws
        .as_array()
        .expect("draws")
        .iter()
        .map(|d| d["quantity"].as_u64().expect("quantity"))
        .sum()
}

#[test]
fn a_package_fully_covered_by_stock_is_ready_after_the_transit_time() {
    let plan = readiness(STOCK);
    let air = demand(&plan, "air-defence");
    assert_eq!(air["covered"], true);
    // Stock in Poland, 48 hours from Ukraine; as of 10 January.
    assert_eq!(air["ready_at"], "2026-01-12T00:00:00Z");
    assert_eq!(air["from_stock"][0]["lot"], "A-PL-1");
    assert_eq!(air["from_stock"][0]["quantity"], 100);
    assert_eq!(air["short_by_due"], 0);
    // Nothing can make shells: unmet, wholly short.
    let shells = demand(&plan, "shells");
    assert_eq!(shells["ready_at"], Value::Null);
    assert_eq!(shells["short_by_due"], 10_000);
    assert_eq!(find(&plan["packages"], "package", "shells")["unmet"], true);
    let report = json_of(&["replay", STOCK, "--json"]);
    let codes: Vec<&str> = report["rejected"]
        .as_array()
        .expect("rejected")
        .iter()
        .map(|r| r["code"].as_str().expect("code"))
        .collect();
    assert_eq!(
        codes,
        ["unknown_location", "not_owner", "exceeds_outstanding"]
    );
}

#[test]
fn a_package_met_only_after_the_contract_lead_time_is_late_by_12_days_16_hours() {
    let plan = readiness(CONTRACT);
    let shells = demand(&plan, "shells");
    // 1,400 shells in the first 14 days at 3,000 a month, 8,600 more at 9,000 a month.
    assert_eq!(shells["covered"], false);
    assert_eq!(shells["ready_at"], "2026-03-15T16:00:00Z");
    assert_eq!(shells["late_s"], 12 * DAY_S + 16 * 3_600);
    assert_eq!(shells["available_by_due"], 6_200);
    assert_eq!(shells["short_by_due"], 3_800);
    assert_eq!(shells["from_contracts"][0]["contract"], "B-SHELLS-1");
    // The contract that is not yet valid is not counted, nor could it be called off.
    let text = stdout(&snapback(&["capabilities", "readiness", CONTRACT]));
    assert!(
        text.contains("3,800 of 10,000 short at the due instant; met 12d 16h late"),
        "{text}"
    );
    assert!(!text.contains("C-SHELLS-LATER"), "{text}");
}

#[test]
fn two_packages_competing_for_the_same_stock_are_allocated_once_in_charter_order() {
    let plan = readiness(COMPETING);
    let first = demand(&plan, "shells");
    let second = demand(&plan, "shells-reserve");
    assert_eq!(first["from_stock"][0]["lot"], "B-PL-1");
    assert_eq!(units(&first["from_stock"]), 10_000);
    let lots: Vec<(&str, u64)> = second["from_stock"]
        .as_array()
        .expect("draws")
        .iter()
        .map(|d| {
            (
                d["lot"].as_str().expect("lot"),
                d["quantity"].as_u64().expect("n"),
            )
        })
        .collect();
    assert_eq!(lots, [("B-PL-1", 2_000), ("C-RO-1", 4_000)]);
    assert_eq!(second["ready_at"], "2026-01-13T00:00:00Z");
    // 16,000 allocated of the 17,000 on hand: nothing counted twice.
    assert_eq!(
        units(&first["from_stock"]) + units(&second["from_stock"]),
        16_000
    );
}

#[test]
fn the_allocation_does_not_depend_on_the_order_of_events_at_the_same_instant() {
    let text = std::fs::read_to_string(crate::root().join(COMPETING)).expect("scenario");
    let (head, rest) = text.split_once("[[event]]").expect("events");
    let events: Vec<&str> = rest.split("[[event]]").collect();
    let swapped = format!(
        "{head}[[event]]{}[[event]]{}",
        events[1].trim_end().to_owned() + "\n\n",
        events[0]
    )
    .replace(
        "charters/capabilities.toml",
        &format!(
            "{}/scenarios/charters/capabilities.toml",
            crate::root().display()
        ),
    );
    let path = temp_file("competing-swapped.toml", &swapped);
    let a = readiness(COMPETING);
    let b = readiness(p(&path));
    assert_eq!(a, b);
}

#[test]
fn an_activation_draws_down_stock_calls_off_contracts_and_lifts_the_listed_restrictions() {
    let report = json_of(&["replay", ACTIVATION, "--json"]);
    let cap = &report["capabilities"];
    let reserve = find(&cap["obligations"], "obligation", "A1/shells-reserve/1");
    assert_eq!(reserve["from_stock"], 2_000);
    assert_eq!(reserve["from_contracts"], 4_000);
    let air = find(&cap["obligations"], "obligation", "A1/air-defence/1");
    assert_eq!(air["from_stock"], 100);
    let lifted = find(&cap["restrictions"], "restriction", "R-LR");
    assert_eq!(lifted["status"], "lifted");
    assert_eq!(lifted["activation"], "A1");
    assert_eq!(lifted["lifted_at"], "2026-01-12T00:00:00Z");
    let kept = find(&cap["restrictions"], "restriction", "R-ART");
    assert_eq!(kept["status"], "in_force");
    // Fulfilment comes from receipts: on time, late, late.
    let status = |id: &str| find(&report["obligations"], "id", id)["status"].clone();
    assert_eq!(status("A1/air-defence/1"), "fulfilled");
    assert_eq!(status("A1/shells-reserve/1"), "late");
    assert_eq!(status("A1/shells/1"), "late");
    let codes: Vec<&str> = report["rejected"]
        .as_array()
        .expect("rejected")
        .iter()
        .map(|r| r["code"].as_str().expect("code"))
        .collect();
    assert_eq!(
        codes,
        [
            "already_lifted",
            "receive_items",
            "not_receiver",
            "exceeds_outstanding"
        ]
    );
    // The lot is drawn down for good: what is left is what readiness counts now.
    let pl = find(&cap["stockpiles"], "location", "PL");
    assert_eq!(find(&pl["lots"], "lot", "B-PL-1")["available"], 0);
    assert_eq!(find(&pl["lots"], "lot", "A-PL-1")["available"], 50);
    let text = stdout(&snapback(&["capabilities", "status", ACTIVATION]));
    assert!(
        flat(&text).contains(
            "R-LR A long-range-missile range lifted at 2026-01-12T00:00:00Z by activation A1"
        ),
        "{text}"
    );
}

#[test]
fn a_late_delivery_shows_in_the_donors_on_time_rate_and_training_in_its_throughput() {
    let d = json_of(&["capabilities", "deliveries", DELIVERIES, "--json"]);
    let a = find(&d["donors"], "donor", "A");
    assert_eq!(a["on_time"], 1);
    assert_eq!(a["due"], 3);
    assert_eq!(a["on_time_percent"], "33.3");
    assert_eq!(a["pipeline"], 40);
    assert_eq!(find(&d["donors"], "donor", "B")["on_time_percent"], "100.0");
    let vehicles = find(&d["commitments"], "id", "A-VEH-1");
    assert_eq!(vehicles["state"], "late");
    assert_eq!(vehicles["days_late"], 4);
    assert_eq!(find(&d["commitments"], "id", "A-ART-1")["state"], "overdue");
    assert_eq!(find(&d["commitments"], "id", "A-ART-2")["state"], "open");
    let status = json_of(&["capabilities", "status", DELIVERIES, "--json"]);
    let centre = find(&status["training"], "centre", "a-centre");
    assert_eq!(centre["started_last_30d"], 900);
    assert_eq!(centre["utilisation_percent"], "90.0");
    assert_eq!(centre["completed"], 390);
    assert_eq!(centre["in_training"], 500);
}

#[test]
fn readiness_at_a_later_instant_and_never_before_the_record() {
    let later = json_of(&[
        "capabilities",
        "readiness",
        CONTRACT,
        "--at",
        "2026-03-01T00:00:00Z",
        "--json",
    ]);
    assert_eq!(later["at"], "2026-03-01T00:00:00Z");
    assert_eq!(demand(&later, "shells")["late_s"], 12 * DAY_S + 16 * 3_600);
    let out = snapback(&[
        "capabilities",
        "readiness",
        CONTRACT,
        "--at",
        "2026-01-01T00:00:00Z",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("cannot look back"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_charter_without_capabilities_has_nothing_to_report() {
    let out = snapback(&[
        "capabilities",
        "status",
        "scenarios/01-flipped-nobody-votes.toml",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("nothing to report"),
        "{}",
        stderr(&out)
    );
}

const SAMPLE: &str = "scenarios/data/aid-commitments.csv";

#[test]
fn the_import_writes_a_scenario_the_reports_read() {
    let out_path = temp_file("aid-import.toml", "");
    let out = snapback(&["capabilities", "import", SAMPLE, "--out", p(&out_path)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("read 9 rows"), "{}", stdout(&out));
    let d = json_of(&["capabilities", "deliveries", p(&out_path), "--json"]);
    assert_eq!(
        find(&d["donors"], "donor", "US")["on_time_percent"],
        "100.0"
    );
    let gb = find(&d["commitments"], "id", "GB-LRD-7");
    assert_eq!(gb["completed_at"], "2026-03-20T00:00:00Z");
    assert_eq!(gb["days_late"], 10);
}

#[test]
fn the_import_into_a_log_keeps_each_rows_date_and_a_second_import_appends_nothing() {
    let dir = initialised("capabilities-import", None);
    let first = snapback(&["capabilities", "import", SAMPLE, "--data", p(&dir)]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        stdout(&first).contains("appended 9 entries"),
        "{}",
        stdout(&first)
    );
    let again = snapback(&["capabilities", "import", SAMPLE, "--data", p(&dir)]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(
        stdout(&again).contains("appended 0 entries") && stdout(&again).contains("9 already there"),
        "{}",
        stdout(&again)
    );
    let d = json_of(&["capabilities", "deliveries", "--data", p(&dir), "--json"]);
    // Recorded now, but counted on the dates the rows give.
    let de = find(&d["commitments"], "id", "DE-IFV-T3");
    assert_eq!(de["completed_at"], "2026-03-25T00:00:00Z");
    assert_eq!(de["days_late"], 10);
    let verify = snapback(&["verify", "--data", p(&dir)]);
    assert!(verify.status.success(), "{}", stdout(&verify));
}

#[test]
fn malformed_rows_are_each_named_by_line_and_column_and_nothing_is_written() {
    let bad = temp_file(
        "aid-bad.csv",
        "event,date,commitment,donor,category,item,quantity,promised,reference\n\
         committed,2026-01-05,X 1,US,air-defence,i,100,2026-03-01,\n\
         received,2026-13-01,A,,,,1,,\n\
         shipped,2026-01-01,A,US,,,1,,\n\
         received,2026-01-01,A,,,,0,,\n\
         given,2026-01-01,A,,,,1,,\n\
         committed,2026-01-05,Y,US,air defence,i,1,2026-03-01,\n\
         committed,2026-01-05,Z,US,artillery,i,1\n",
    );
    let out_path = temp_file("aid-bad.toml", "untouched");
    let out = snapback(&["capabilities", "import", p(&bad), "--out", p(&out_path)]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    for expected in [
        "aid-bad.csv:2:22: commitment: `X 1` is not a commitment id",
        "aid-bad.csv:3:10: date: `2026-13-01` is not a date",
        "aid-bad.csv:4:22: donor: a `shipped` row has no donor",
        "aid-bad.csv:5:26: quantity: `0` is not a number of units",
        "aid-bad.csv:6:1: event: `given` is not an event of this file",
        "aid-bad.csv:7:27: category: `air defence` is not a category",
        "has 7 fields but the header has 9",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in\n{err}");
    }
    assert_eq!(
        std::fs::read_to_string(&out_path).expect("out"),
        "untouched"
    );
}

#[test]
fn rows_the_engine_would_refuse_are_errors_at_their_lines() {
    let bad = temp_file(
        "aid-refused.csv",
        "event,date,commitment,donor,category,item,quantity,promised,reference\n\
         received,2026-02-01,NOPE,,,,1,,\n\
         committed,2026-01-05,Y,US,artillery,i,1,2026-03-01,\n\
         received,2026-02-01,Y,,,,2,,\n",
    );
    let out = snapback(&[
        "capabilities",
        "import",
        p(&bad),
        "--out",
        p(&temp_file("aid-refused.toml", "")),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("aid-refused.csv:2:1: the engine refuses this row: unknown commitment `NOPE`"),
        "{err}"
    );
    assert!(
        err.contains("aid-refused.csv:4:1: the engine refuses this row: 2 is more than commitment `Y` still allows: 1"),
        "{err}"
    );
}

#[test]
fn a_file_without_the_header_is_refused_at_line_1() {
    let bad = temp_file("aid-noheader.csv", "donor,quantity\nUS,1\n");
    let out = snapback(&[
        "capabilities",
        "import",
        p(&bad),
        "--out",
        p(&temp_file("aid-noheader.toml", "")),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out)
            .contains("aid-noheader.csv:1:1: missing columns `event`, `date`, `commitment`"),
        "{}",
        stderr(&out)
    );
}
