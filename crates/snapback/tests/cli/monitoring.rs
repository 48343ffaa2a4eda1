//! Monitoring: a monitor's reports and the charter's alert rules, as the CLI reads them. Bad
//! reports and bad rules are located and exit 2; `snapback monitor alerts` reads a signed log as
//! it reads a scenario.

use crate::{flat, path_arg, root, snapback, stderr, stdout, temp_file};

fn charter() -> String {
    root()
        .join("scenarios/charters/monitoring.toml")
        .display()
        .to_string()
}

/// A scenario on the monitoring test charter with one report whose fields are `fields`.
fn one_report(name: &str, fields: &str) -> std::path::PathBuf {
    temp_file(
        name,
        &format!(
            "charter = \"{}\"\n\n[[event]]\nat = 2026-03-02T00:00:00Z\nparty = \"MON\"\ntype = \"monitor.report\"\nreport = \"R1\"\n{fields}\n",
            charter()
        ),
    )
}

#[test]
fn a_bad_report_is_located_and_says_how_to_fix_it() {
    let cases = [
        (
            "area = \"north\"\nfrom = 2026-03-01T00:00:00Z\nuntil = 2026-03-01T12:00:00Z\ncounts = { \"shelling incidents\" = 3 }",
            ":11:",
            "event[0].counts.shelling incidents: `shelling incidents` is not a label",
        ),
        (
            "area = \"north\"\nfrom = 2026-03-01T00:00:00Z\nuntil = 2026-02-28T12:00:00Z\ncounts = { shelling = 3 }",
            ":10:",
            "event[0].until: the report's period ends at 2026-02-28T12:00:00Z but starts at 2026-03-01T00:00:00Z",
        ),
        (
            "area = \"north\"\nfrom = 2026-03-01T00:00:00Z\nuntil = 2026-03-01T12:00:00Z\ncounts = {}",
            ":11:",
            "event[0].counts: a report counts at least one category",
        ),
        (
            "area = \"north\"\nfrom = 2026-03-01T00:00:00Z\nuntil = 2026-03-01T12:00:00Z\ncounts = { shelling = 3000000000 }",
            ":11:",
            "is more than a report may count",
        ),
        (
            "from = 2026-03-01T00:00:00Z\nuntil = 2026-03-01T12:00:00Z\ncounts = { shelling = 3 }",
            "",
            "a `monitor.report` event needs the field `area`",
        ),
    ];
    for (i, (fields, place, message)) in cases.iter().enumerate() {
        let path = one_report(&format!("bad-report-{i}.toml"), fields);
        let out = snapback(&["replay", path_arg(&path)]);
        assert_eq!(out.status.code(), Some(2), "case {i}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains(place), "case {i}: {err}");
        assert!(flat(&err).contains(message), "case {i}: {err}");
        assert!(err.contains("hint:") || i >= 3, "case {i}: {err}");
    }
}

#[test]
fn a_bad_alert_rule_is_located() {
    let text = std::fs::read_to_string(charter()).unwrap();
    let cases = [
        (
            "monitor = \"MON\"\ncategory = \"shelling\"\nwindow",
            "monitor = \"A\"\ncategory = \"shelling\"\nwindow",
            "`A` is not a monitor",
        ),
        (
            "zone = \"Europe/Kyiv\" }\nwhen = { kind = \"consecutive\"",
            "zone = \"Europe/Kiev-ish\" }\nwhen = { kind = \"consecutive\"",
            "is not an IANA time zone name",
        ),
        (
            "window = { ends = \"19:30\", zone = \"Europe/Kyiv\" }\nwhen = { kind = \"consecutive\"",
            "window = { hours = 5, ends = \"19:30\", zone = \"Europe/Kyiv\" }\nwhen = { kind = \"consecutive\"",
            "windows of 5 hours do not divide a day",
        ),
        (
            "kind = \"consecutive\", windows = 2, above = 100",
            "kind = \"consecutive\", windows = 2",
            "a `consecutive` condition needs `above`",
        ),
        (
            "kind = \"median-multiple\", windows = 7, times = 3",
            "kind = \"median-multiple\", windows = 7, times = 1",
            "a multiple of the median below 2 is noise",
        ),
        (
            "article = \"Art. 6(1)\"",
            "article = \"Art. 6(1)\"\naction = \"file-claim\"",
            "`file-claim` is not an alert action",
        ),
        (
            "article = \"Art. 6(1)\"",
            "article = \"Art. 6(1)\"\naction = \"claim\"\nseverity = 2",
            "`two-days-over-100` files claims on the monitor's behalf, but `MON` has no standing",
        ),
        (
            "article = \"Art. 6(1)\"",
            "article = \"Art. 6(1)\"\naction = \"escalation\"\nseverity = 2",
            "counts towards escalation, but the charter has no [escalation]",
        ),
        (
            "article = \"Art. 6(1)\"",
            "article = \"Art. 6(1)\"\naction = \"claim\"",
            "action = \"claim\" needs a severity",
        ),
        (
            "article = \"Art. 6(1)\"",
            "article = \"Art. 6(1)\"\nseverity = 9\naction = \"escalation\"",
            "severity 9 is outside 1 to 5",
        ),
        (
            "article = \"Art. 6(1)\"",
            "article = \"Art. 6(1)\"\nseverity = 2",
            "a notifying alert has no severity",
        ),
    ];
    for (i, (from, to, message)) in cases.iter().enumerate() {
        assert!(text.contains(from), "case {i}: the charter has {from:?}");
        let path = temp_file(&format!("bad-alert-{i}.toml"), &text.replacen(from, to, 1));
        let out = snapback(&["charter", "check", path_arg(&path)]);
        assert_eq!(out.status.code(), Some(2), "case {i}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("alert[0]") || err.contains("alert[1]") || err.contains("alert[2]"),
            "case {i}: {err}"
        );
        assert!(flat(&err).contains(message), "case {i}: {err}");
    }
}

#[test]
fn monitor_alerts_reads_the_golden_scenario_as_text_and_json() {
    let scenario = "scenarios/42-monitoring-alerts.toml";
    let out = snapback(&["monitor", "alerts", scenario, "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let alerts: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let list = alerts.as_array().unwrap();
    assert_eq!(list.len(), 6);
    // Across the change to summer time the windows end at 16:30 UTC (19:30 EEST).
    assert_eq!(list[1]["window_end"], "2026-03-29T16:30:00Z");
    // The late report for 30 March completes the south's window ending 31 March.
    let south = list.iter().find(|a| a["area"] == "south").unwrap();
    assert_eq!(south["window_end"], "2026-03-31T16:30:00Z");
    assert_eq!(south["report"], "S-0330b");
    assert_eq!(south["reading"], 130);
    let out = snapback(&["monitor", "alerts", scenario]);
    let text = flat(&stdout(&out));
    assert!(text.starts_with("6 alerts in"), "{text}");
    assert!(
        text.contains("Under Art. 6(3), the rule \"A day above three times the weekly median\""),
        "{text}"
    );
}

#[test]
fn a_signed_series_verifies_and_alerts_as_the_file_does() {
    // The SMM's February 2022 reports in a signed log: `verify` re-derives every monitor.alert
    // entry, and the alerts read from the log equal those replayed from the file.
    let dir = crate::log::logged_and_verified(
        "precedent-osce-smm",
        "scenarios/precedents/charters/osce-smm.toml",
        "scenarios/precedents/osce-smm-2022-02.toml",
    );
    let data = dir.to_str().expect("utf-8 path");
    let read = |args: &[&str]| -> serde_json::Value {
        let out = snapback(args);
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_str(&stdout(&out)).unwrap()
    };
    let from_log = read(&["monitor", "alerts", "--data", data, "--json"]);
    let from_file = read(&[
        "monitor",
        "alerts",
        "scenarios/precedents/osce-smm-2022-02.toml",
        "--json",
    ]);
    assert_eq!(from_log.as_array().unwrap().len(), 6);
    assert_eq!(from_log, from_file);
}

#[test]
fn a_series_stretched_past_its_bound_is_refused_whole() {
    // Two reports 574 years apart on daily windows: the second would stretch the series over
    // more than 200,000 windows, so it is refused, and counts for no rule.
    let report = |at: &str, id: &str, from: &str, until: &str| {
        format!(
            "\n[[event]]\nat = {at}\nparty = \"MON\"\ntype = \"monitor.report\"\nreport = \"{id}\"\narea = \"north\"\nfrom = {from}\nuntil = {until}\ncounts = {{ shelling = 5 }}\n"
        )
    };
    let text = format!(
        "charter = \"{}\"\n{}{}",
        charter(),
        report(
            "2026-03-02T00:00:00Z",
            "R1",
            "2026-03-01T00:00:00Z",
            "2026-03-01T12:00:00Z"
        ),
        report(
            "2600-03-02T00:00:00Z",
            "R2",
            "2600-03-01T00:00:00Z",
            "2600-03-01T12:00:00Z"
        ),
    );
    let path = temp_file("series-too-long.toml", &text);
    let out = snapback(&["replay", path_arg(&path), "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["rejected"][0]["code"], "series_too_long");
    assert!(report.get("alerts").is_none(), "{report}");
}

/// The SMM's February 2022 counts in snapback's own CSV shape (local Kyiv times).
const SMM_CSV: &str = "report,area,from,until,label,count,kind\n\
SMM-2022-02-10,donetsk-luhansk,2022-02-09 19:30,2022-02-10 19:30,ceasefire-violations,749,\n\
SMM-2022-02-11,donetsk-luhansk,2022-02-10 19:30,2022-02-11 19:30,ceasefire-violations,372,\n\
SMM-2022-02-11,donetsk-luhansk,2022-02-10 19:30,2022-02-11 19:30,live-fire-exercise,242,flag\n\
SMM-2022-02-16,donetsk-luhansk,2022-02-15 19:30,2022-02-16 19:30,ceasefire-violations,591,\n\
SMM-2022-02-17,donetsk-luhansk,2022-02-16 19:30,2022-02-17 19:30,ceasefire-violations,870,\n";

/// A few rows of the Air Force's daily launches (from the public "Massive Missile Attacks on
/// Ukraine" dataset, built from the Air Force of Ukraine's posts; attribution required),
/// with one row missing its count.
const AIR_FORCE_CSV: &str = "time_start,time_end,model,launch_place,target,target_main,launched,destroyed\n\
2025-04-05 18:00,2025-04-06 09:00,Shahed-136/131,Kursk oblast,Ukraine,,109.0,57.0\n\
2025-04-05 18:00,2025-04-06 09:00,Iskander-M/KN-23,Kursk oblast,Ukraine,,23.0,0.0\n\
2025-04-06 18:00,2025-04-07 09:00,Shahed-136/131,Kursk oblast,Ukraine,,8.0,7.0\n\
2025-04-07 18:00,2025-04-08 09:00,Shahed-136/131,Kursk oblast,Ukraine,,,\n";

#[test]
fn monitor_import_writes_a_scenario_the_rules_read() {
    let csv = temp_file("smm.csv", SMM_CSV);
    let out = temp_file("smm-imported.toml", "");
    let done = import_into_scenario(&csv, &out, "scenarios/precedents/charters/osce-smm.toml");
    assert!(done.status.success(), "{}", stderr(&done));
    assert!(stdout(&done).contains("read 4 reports (snapback format)"));
    let alerts = snapback(&["monitor", "alerts", path_arg(&out), "--json"]);
    let list: serde_json::Value = serde_json::from_str(&stdout(&alerts)).unwrap();
    // As in the precedent: nothing for 10-11 February (the exercises excluded), the first
    // alert on the window ending 17 February.
    assert_eq!(list[0]["window_end"], "2022-02-17T17:30:00Z");
    assert_eq!(list.as_array().unwrap().len(), 2);
    // --out needs the charter whose monitor signs.
    let no_charter = snapback(&["monitor", "import", path_arg(&csv), "--out", path_arg(&out)]);
    assert_eq!(no_charter.status.code(), Some(2), "{}", stderr(&no_charter));
    assert!(stderr(&no_charter).contains("--out needs --charter"));
    // A charter without a monitor says so.
    let none = import_into_scenario(&csv, &out, "scenarios/charters/five.toml");
    assert_eq!(none.status.code(), Some(2));
    assert!(
        stderr(&none).contains("has no monitor"),
        "{}",
        stderr(&none)
    );
}

#[test]
fn monitor_import_appends_the_air_force_rows_once_and_locates_bad_ones() {
    let csv = temp_file("air-force.csv", AIR_FORCE_CSV);
    let dir = crate::log::initialised(
        "monitor-import",
        Some("scenarios/precedents/charters/air-attacks.toml"),
    );
    let data = dir.to_str().unwrap();
    // A row without a count refuses the file, located.
    let refused = snapback(&["monitor", "import", path_arg(&csv), "--data", data]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    let err = stderr(&refused);
    assert!(err.contains("air-force.csv:5:"), "{err}");
    assert!(err.contains("launched: `` is not a count"), "{err}");
    // Skipped when asked; the rest signed by the monitor.
    let skipping = [
        "monitor",
        "import",
        path_arg(&csv),
        "--data",
        data,
        "--skip-bad-rows",
    ];
    let done = snapback(&skipping);
    assert!(done.status.success(), "{}", stderr(&done));
    assert!(
        stderr(&done).contains("skipped 1 bad rows"),
        "{}",
        stderr(&done)
    );
    assert!(
        stdout(&done).contains("appended 3 entries"),
        "{}",
        stdout(&done)
    );
    assert!(stdout(&done).contains("signed by UAF"));
    let again = snapback(&skipping);
    assert!(
        stdout(&again).contains("appended 0 entries"),
        "{}",
        stdout(&again)
    );
    assert!(stdout(&again).contains("3 already there"));
    // 23 Iskanders on 6 April 2025, during the energy moratorium: more than 20 missiles.
    let alerts = snapback(&["monitor", "alerts", "--data", data, "--json"]);
    let list: serde_json::Value = serde_json::from_str(&stdout(&alerts)).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    assert_eq!(list[0]["window_end"], "2025-04-06T21:00:00Z");
    assert_eq!(list[0]["value"], 23);
    let verified = snapback(&["verify", "--data", data]);
    assert!(verified.status.success(), "{}", stderr(&verified));
}

/// `snapback monitor import CSV --out OUT --charter CHARTER` (the charter relative to the root).
fn import_into_scenario(
    csv: &std::path::Path,
    out: &std::path::Path,
    charter: &str,
) -> std::process::Output {
    let charter = root().join(charter);
    snapback(&[
        "monitor",
        "import",
        path_arg(csv),
        "--out",
        path_arg(out),
        "--charter",
        path_arg(&charter),
    ])
}
