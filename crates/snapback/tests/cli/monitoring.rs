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
    let dir = crate::log::logged(
        "precedent-osce-smm",
        Some("scenarios/precedents/charters/osce-smm.toml"),
        "scenarios/precedents/osce-smm-2022-02.toml",
    );
    let data = dir.to_str().expect("utf-8 path");
    let verified = snapback(&["verify", "--data", data]);
    assert!(
        verified.status.success(),
        "{}{}",
        stdout(&verified),
        stderr(&verified)
    );
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
