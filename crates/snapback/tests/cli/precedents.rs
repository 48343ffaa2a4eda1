//! Real precedents replayed against history (`scenarios/precedents/`): each must give the
//! historical result (its source is in the scenario's comment and in
//! `scenarios/precedents/README.md`), and its JSON must equal `<name>.expected.json` exactly
//! (`SNAPBACK_BLESS=1` rewrites them; review the diff).

use serde_json::Value;

use crate::{root, snapback, stderr, stdout};

fn replay(name: &str) -> Value {
    let path = format!("scenarios/precedents/{name}.toml");
    let out = snapback(&["replay", &path, "--json"]);
    assert!(out.status.success(), "{path}: {}", stderr(&out));
    let text = stdout(&out);
    let expected_path = root().join(format!("scenarios/precedents/{name}.expected.json"));
    if std::env::var_os("SNAPBACK_BLESS").is_some() {
        std::fs::write(&expected_path, &text).expect("write expected");
    } else {
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_else(|e| {
            panic!(
                "{}: {e}; run with SNAPBACK_BLESS=1",
                expected_path.display()
            )
        });
        assert!(
            expected == text,
            "{path}: the replay differs from {}",
            expected_path.display()
        );
    }
    serde_json::from_str(&text).expect("JSON")
}

fn measure<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["measures"]
        .as_array()
        .and_then(|ms| ms.iter().find(|m| m["id"] == id))
        .unwrap_or_else(|| panic!("no measure {id}"))
}

/// `(state, at, cause)` of every step of a measure.
fn steps(report: &Value, id: &str) -> Vec<(String, String, String)> {
    measure(report, id)["history"]
        .as_array()
        .expect("history")
        .iter()
        .map(|s| {
            (
                s["state"].as_str().unwrap_or_default().to_owned(),
                s["at"].as_str().unwrap_or_default().to_owned(),
                s["cause"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

fn step(state: &str, at: &str, cause: &str) -> (String, String, String) {
    (state.to_owned(), at.to_owned(), cause.to_owned())
}

#[test]
fn unscr_2231_2025_the_measures_return_at_midnight_gmt_after_the_thirtieth_day() {
    let r = replay("unscr-2231-2025");
    let claim = &r["claims"][0];
    assert_eq!(claim["status"], "activated");
    // No member tabled the draft within 10 days of the notification, so the President of the
    // Council in September 2025, the Republic of Korea, did (para. 11's liveness fallback).
    assert_eq!(
        claim["stages"],
        serde_json::json!([{ "stage": "draft-tabled", "at": "2025-09-08T00:00:00Z", "by": "KR", "basis": "fallback" }])
    );
    // The Russia-China extension draft of 26 September was a second motion in the same
    // proceeding; it failed, and the claim's determination stands.
    assert_eq!(claim["motions"], serde_json::json!(["RU-CN-extension"]));
    let extension = r["decisions"]
        .as_array()
        .and_then(|d| d.iter().find(|x| x["id"] == "RU-CN-extension"))
        .expect("the extension draft");
    assert_eq!(extension["claim"], "E3-2025-08-28");
    assert_eq!(extension["status"], "not_adopted");
    // Certain on 19 September, the day of the 4-9-2 vote, with all 15 votes on the record.
    assert_eq!(claim["determined_at"], "2025-09-19T15:00:00Z");
    assert_eq!(claim["deadline"], "2025-09-28T00:00:00Z");
    assert_eq!(
        claim["tally"],
        serde_json::json!({"founded": 9, "unfounded": 4, "abstain": 2, "not_voted": 0})
    );
    // In effect only at the legal instant.
    assert_eq!(r["activations"][0]["at"], "2025-09-28T00:00:00Z");
    assert_eq!(
        steps(&r, "un-prior-resolutions"),
        vec![
            step("suspended", "2016-01-16T00:00:00Z", "charter"),
            step("in_force", "2025-09-28T00:00:00Z", "snapback"),
        ]
    );
    assert_eq!(
        measure(&r, "un-prior-resolutions")["history"][1]["article"],
        "UNSCR 2231 (2015), para. 12"
    );
    // The Russia-China extension draft, a second motion, failed 4-9-2 on 26 September.
    let second = &r["decisions"][0];
    assert_eq!(second["id"], "RU-CN-extension");
    assert_eq!(second["status"], "not_adopted");
    assert_eq!(
        second["tally"],
        serde_json::json!({"yes": 4, "no": 9, "abstain": 2, "not_voted": 0})
    );
    // The EU leg: reinstated on 29 September, which meets the obligation (no duplicate duty).
    assert_eq!(
        steps(&r, "eu-iran-measures").last(),
        Some(&step("in_force", "2025-09-29T12:00:00Z", "recorded"))
    );
    let leg = &r["obligations"][0];
    assert_eq!(leg["measure"], "eu-iran-measures");
    assert_eq!(leg["status"], "fulfilled");
    assert_eq!(r["rejected"], serde_json::json!([]));
}

#[test]
fn unscr_2231_variants_a_permanent_notifiers_veto_and_a_continued_relief() {
    let vetoed = replay("unscr-2231-2025-vetoed");
    assert_eq!(vetoed["claims"][0]["status"], "activated");
    assert_eq!(
        steps(&vetoed, "un-prior-resolutions").last(),
        Some(&step("in_force", "2025-09-28T00:00:00Z", "snapback"))
    );
    let relief = replay("unscr-2231-2025-relief-continues");
    assert_eq!(relief["claims"][0]["status"], "dismissed");
    assert_eq!(relief["claims"][0]["determined_at"], "2025-09-17T15:00:00Z");
    assert_eq!(relief["activations"], serde_json::json!([]));
    for id in ["un-prior-resolutions", "eu-iran-measures"] {
        assert_eq!(measure(&relief, id)["state"], "suspended", "{id}");
    }
}

#[test]
fn unscr_2231_counterfactual_an_adopted_extension_supersedes_the_notification() {
    let r = replay("unscr-2231-2025-extension-adopted");
    let claim = &r["claims"][0];
    // Certain on 19 September, as in history; the extension adopted 9-0-6 on 26 September ends
    // the proceeding before the legal date of 28 September.
    assert_eq!(claim["determined_at"], "2025-09-19T15:00:00Z");
    assert_eq!(claim["status"], "superseded");
    assert_eq!(claim["superseded_at"], "2025-09-26T15:30:00Z");
    assert_eq!(claim["superseded_by"], "RU-CN-extension");
    let extension = &r["decisions"][0];
    assert_eq!(extension["status"], "adopted");
    assert_eq!(extension["supersedes"], true);
    assert_eq!(
        extension["tally"],
        serde_json::json!({"yes": 9, "no": 0, "abstain": 6, "not_voted": 0})
    );
    // Nothing returns at 2025-09-28T00:00:00Z: no activation, no EU leg, relief continues.
    assert_eq!(r["activations"], serde_json::json!([]));
    assert_eq!(r["obligations"], serde_json::json!([]));
    for id in ["un-prior-resolutions", "eu-iran-measures"] {
        assert_eq!(measure(&r, id)["state"], "suspended", "{id}");
        assert_eq!(steps(&r, id).len(), 1, "{id}: no transition");
    }
    // The historical replay names the draft as a superseding motion that failed.
    let history = replay("unscr-2231-2025");
    assert_eq!(history["decisions"][0]["supersedes"], true);
    assert_eq!(history["claims"][0]["status"], "activated");
}

#[test]
fn a_superseding_motion_needs_a_claim_and_says_where() {
    let scenario = crate::temp_file(
        "supersedes-without-claim.toml",
        &format!(
            "charter = \"{}\"\n\n[[event]]\nat = 2026-02-01T12:00:00Z\nparty = \"A\"\ntype = \"decision.opened\"\ndecision = \"M1\"\nbody = \"ministers\"\nmotion = \"Extend the observation period\"\ndecide_within = \"1d\"\nsupersedes = true\n",
            crate::root().join("scenarios/charters/five.toml").display()
        ),
    );
    let out = snapback(&["replay", crate::path_arg(&scenario)]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("supersedes"), "{err}");
    assert!(err.contains("supersede a claim"), "{err}");
    assert!(err.contains("add claim"), "{err}");
}

/// `(rule, window_end)` of every alert, in the order derived.
fn alerts(report: &Value) -> Vec<(String, String)> {
    report["alerts"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|x| {
                    (
                        x["alert"].as_str().unwrap_or_default().to_owned(),
                        x["window_end"].as_str().unwrap_or_default().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn osce_smm_february_2022_alerts_on_the_window_ending_17_february() {
    let r = replay("osce-smm-2022-02");
    let found = alerts(&r);
    let two = |rule: &str, end: &str| (rule.to_owned(), end.to_owned());
    // 19:30 Kyiv time is 17:30 UTC in February (EET). The 10 February spike (749, then 372 of
    // which 242 were live-fire exercises) raises neither rule; the first alert is the window
    // ending 17 February (591 then 870), a week before the invasion of 24 February.
    assert_eq!(
        found,
        vec![
            two("two-windows-over-500", "2022-02-17T17:30:00Z"),
            two("two-window-sum-over-1000", "2022-02-17T17:30:00Z"),
            two("two-windows-over-500", "2022-02-18T17:30:00Z"),
            two("two-window-sum-over-1000", "2022-02-18T17:30:00Z"),
            two("two-windows-over-500", "2022-02-19T17:30:00Z"),
            two("two-window-sum-over-1000", "2022-02-19T17:30:00Z"),
        ]
    );
    assert_eq!(r["alerts"][0]["value"], 870);
    assert_eq!(r["alerts"][0]["reading"], 591);
    assert_eq!(r["rejected"], serde_json::json!([]));
    // The quiet control series of summer 2020 raises nothing.
    let quiet = replay("osce-smm-2020-quiet");
    assert!(quiet.get("alerts").is_none(), "{quiet}");
    // The same through `snapback monitor alerts`.
    let out = snapback(&[
        "monitor",
        "alerts",
        "scenarios/precedents/osce-smm-2022-02.toml",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("6 alerts in "), "{text}");
    assert!(
        text.contains("window ending 2022-02-17T17:30:00Z counted 870"),
        "{text}"
    );
    let out = snapback(&[
        "monitor",
        "alerts",
        "scenarios/precedents/osce-smm-2020-quiet.toml",
    ]);
    assert!(stdout(&out).contains("no alert: no window met a rule's condition"));
}

#[test]
fn unscr_2231_2020_the_us_notification_is_refused_for_standing() {
    let r = replay("unscr-2231-2020-us");
    assert_eq!(r["claims"][0]["status"], "rejected");
    assert_eq!(r["claims"][0]["deadline"], Value::Null, "no clock starts");
    assert_eq!(r["rejected"][0]["code"], "outside_participation");
    let reason = r["rejected"][0]["reason"].as_str().unwrap_or_default();
    assert!(reason.contains("2018-05-08"), "{reason}");
    assert_eq!(measure(&r, "un-prior-resolutions")["state"], "suspended");
    assert_eq!(r["activations"], serde_json::json!([]));
}

#[test]
fn eu_renewal_cliff_january_2025_threat_then_unanimous_renewal() {
    let r = replay("eu-renewal-2025-01");
    assert_eq!(
        steps(&r, "eu-sectoral"),
        vec![
            step("in_force", "2014-07-31T00:00:00Z", "charter"),
            step("at_risk", "2024-12-19T12:00:00Z", "threat"),
            step("at_risk", "2025-01-27T15:00:00Z", "renewed"),
            step("in_force", "2025-01-27T15:00:00Z", "renewal"),
        ]
    );
    // 23:59 Brussels time on 31 July is 21:59 UTC (CEST).
    assert_eq!(
        measure(&r, "eu-sectoral")["expires"],
        "2025-07-31T21:59:00Z"
    );
    let renewal = &r["decisions"][0];
    assert_eq!(renewal["id"], "eu-sectoral/renewal/1");
    assert_eq!(renewal["opened_at"], "2024-12-17T22:59:00Z");
    assert_eq!(renewal["status"], "adopted");
    // The Art. 122 regulation of December 2025 is not yet in the register in January 2025.
    assert!(
        r["measures"]
            .as_array()
            .is_some_and(|ms| ms.iter().all(|m| m["id"] != "eu-cbr-immobilisation"))
    );
}

#[test]
fn eu_renewal_cliff_counterfactual_lapses_at_2359_brussels_time() {
    let r = replay("eu-renewal-2025-01-vetoed");
    let lapse = step("lapsed", "2025-01-31T22:59:00Z", "renewal_failed");
    assert_eq!(steps(&r, "eu-sectoral").last(), Some(&lapse));
    assert_eq!(r["decisions"][0]["status"], "not_adopted");
    assert_eq!(r["rejected"], serde_json::json!([]));
}

#[test]
fn the_art_122_immobilisation_does_not_lapse_when_a_unanimity_renewal_fails() {
    let r = replay("eu-renewal-2026-01-vetoed-art122");
    assert_eq!(
        steps(&r, "eu-sectoral").last(),
        Some(&step("lapsed", "2026-01-31T22:59:00Z", "renewal_failed"))
    );
    let frozen = measure(&r, "eu-cbr-immobilisation");
    assert_eq!(frozen["state"], "in_force");
    assert_eq!(frozen["history"].as_array().map(Vec::len), Some(1));
    // Renewals 1 and 2 adopted (to 31 July 2025, then 31 January 2026), 3 vetoed.
    let statuses: Vec<&str> = r["decisions"]
        .as_array()
        .expect("decisions")
        .iter()
        .map(|d| d["status"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(statuses, ["adopted", "adopted", "not_adopted"]);
}

#[test]
fn the_measures_command_reads_the_register_at_an_instant() {
    let before = snapback(&[
        "measures",
        "scenarios/precedents/unscr-2231-2025.toml",
        "--at",
        "2025-09-27T23:59:59Z",
        "--json",
    ]);
    assert!(before.status.success(), "{}", stderr(&before));
    let before: Value = serde_json::from_str(&stdout(&before)).expect("JSON");
    assert_eq!(before[0]["state"], "suspended");
    let after = snapback(&[
        "measures",
        "scenarios/precedents/unscr-2231-2025.toml",
        "--at",
        "2025-09-28T00:00:00Z",
    ]);
    assert!(after.status.success(), "{}", stderr(&after));
    let text = stdout(&after);
    assert!(
        text.contains("in force since 2025-09-28T00:00:00Z"),
        "{text}"
    );
    let bad = snapback(&[
        "measures",
        "scenarios/precedents/unscr-2231-2025.toml",
        "--at",
        "soon",
    ]);
    assert_eq!(bad.status.code(), Some(2), "{}", stderr(&bad));
}

#[test]
fn a_signed_precedent_verifies_every_measure_transition_and_reads_the_same() {
    // The UNSCR 2231 precedent in a signed log: `verify` re-derives every measure.* entry, and
    // the register read from the log equals the one replayed from the file.
    let dir = crate::log::logged_and_verified(
        "precedent-2231",
        "scenarios/precedents/charters/unscr-2231-2025.toml",
        "scenarios/precedents/unscr-2231-2025.toml",
    );
    let data = dir.to_str().expect("utf-8 path");
    let from_log = snapback(&["measures", "--data", data, "--json"]);
    assert!(from_log.status.success(), "{}", stderr(&from_log));
    let from_file = snapback(&[
        "measures",
        "scenarios/precedents/unscr-2231-2025.toml",
        "--at",
        "2025-10-01T00:00:00Z",
        "--json",
    ]);
    let (log, file): (Value, Value) = (
        serde_json::from_str(&stdout(&from_log)).expect("JSON"),
        serde_json::from_str(&stdout(&from_file)).expect("JSON"),
    );
    // The EU leg's record is dated by the log, as the file dates it: same steps.
    assert_eq!(log, file);
    let later = snapback(&["measures", "--data", data, "--at", "2030-01-01T00:00:00Z"]);
    assert_eq!(later.status.code(), Some(2), "{}", stderr(&later));
}

/// `(step, at, until)` of every step of a measure's relief review `n` (from 1).
fn review_steps(report: &Value, id: &str, n: usize) -> Vec<(String, String, String)> {
    measure(report, id)["reviews"][n - 1]["steps"]
        .as_array()
        .expect("review steps")
        .iter()
        .map(|s| {
            (
                s["step"].as_str().unwrap_or_default().to_owned(),
                s["at"].as_str().unwrap_or_default().to_owned(),
                s["until"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

fn rs(step: &str, at: &str, until: &str) -> (String, String, String) {
    (step.to_owned(), at.to_owned(), until.to_owned())
}

#[test]
fn caatsa_216_a_disapproval_enacted_over_a_veto_keeps_the_sanctions() {
    let r = replay("caatsa-216-overridden");
    assert_eq!(
        review_steps(&r, "ru-sanctions", 1),
        [
            // 30 calendar days in New York: 10:00 EST on 2 March to 10:00 EDT on 1 April.
            rs("opened", "2026-03-02T15:00:00Z", "2026-04-01T14:00:00Z"),
            // Passed both Houses: barred 12 days while the President considers it.
            rs(
                "disapproval_passed",
                "2026-03-20T20:00:00Z",
                "2026-04-01T20:00:00Z"
            ),
            // Vetoed: barred 10 days while Congress reconsiders it.
            rs("vetoed", "2026-03-27T16:00:00Z", "2026-04-06T16:00:00Z"),
            rs("disapproval_enacted", "2026-04-02T20:00:00Z", ""),
        ]
    );
    let m = measure(&r, "ru-sanctions");
    assert_eq!(m["state"], "in_force");
    assert_eq!(m["history"].as_array().map(Vec::len), Some(1));
    let tallies: Vec<(&str, &Value)> = r["decisions"]
        .as_array()
        .expect("decisions")
        .iter()
        .map(|d| (d["id"].as_str().unwrap_or_default(), &d["tally"]))
        .collect();
    assert_eq!(tallies.len(), 4);
    assert_eq!(tallies[2].0, "ru-sanctions/review/1/override/house");
    assert_eq!(tallies[3].1["yes"], 4);
    assert_eq!(r["rejected"], serde_json::json!([]));
}

#[test]
fn caatsa_216_without_the_override_the_relief_takes_effect_when_the_veto_stands() {
    let r = replay("caatsa-216-veto-stands");
    let steps_ = review_steps(&r, "ru-sanctions", 1);
    assert_eq!(
        steps_[3..],
        [
            // The Senate's 3-2 is short of two thirds: the veto stands...
            rs(
                "veto_sustained",
                "2026-04-02T20:00:00Z",
                "2026-04-06T16:00:00Z"
            ),
            // ...and the relief waits for the end of the 10-day reconsideration period.
            rs("relief_cleared", "2026-04-06T16:00:00Z", ""),
        ]
    );
    assert_eq!(
        steps(&r, "ru-sanctions").last(),
        Some(&step("terminated", "2026-04-06T16:00:00Z", "relief"))
    );
    assert_eq!(
        measure(&r, "ru-sanctions")["history"][1]["article"],
        "CAATSA §216(b) (22 U.S.C. 9511(b))"
    );
}

#[test]
fn caatsa_216_relief_waits_for_the_30_day_window_and_cannot_be_recorded_directly() {
    let r = replay("caatsa-216-window");
    assert_eq!(
        steps(&r, "ru-sanctions").last(),
        Some(&step("terminated", "2026-04-01T14:00:00Z", "relief"))
    );
    assert_eq!(r["rejected"][0]["code"], "relief_needs_review");
    assert_eq!(
        review_steps(&r, "ru-sanctions", 1)[1],
        rs(
            "disapproval_failed",
            "2026-03-12T18:00:00Z",
            "2026-04-01T14:00:00Z"
        )
    );
}

#[test]
fn caatsa_216_a_report_between_10_july_and_7_september_waits_60_days() {
    let r = replay("caatsa-216-summer");
    assert_eq!(
        review_steps(&r, "ru-sanctions", 1)[0],
        rs("opened", "2026-07-15T14:00:00Z", "2026-09-13T14:00:00Z")
    );
    assert_eq!(
        steps(&r, "ru-sanctions").last(),
        Some(&step("suspended", "2026-09-13T14:00:00Z", "relief"))
    );
    let early = snapback(&[
        "measures",
        "scenarios/precedents/caatsa-216-summer.toml",
        "--at",
        "2026-09-01T00:00:00Z",
        "--json",
    ]);
    assert!(early.status.success(), "{}", stderr(&early));
    let v: Value = serde_json::from_str(&stdout(&early)).expect("JSON");
    assert_eq!(v[0]["state"], "in_force");
}

#[test]
fn a_signed_relief_review_verifies_and_reads_the_same_from_the_log() {
    // The CAATSA review whose veto stands, in a signed log: `verify` re-derives every
    // measure.review step and the relief, and the register read from the log equals the file's.
    let dir = crate::log::logged_and_verified(
        "precedent-caatsa",
        "scenarios/precedents/charters/caatsa-216.toml",
        "scenarios/precedents/caatsa-216-veto-stands.toml",
    );
    let data = dir.to_str().expect("utf-8 path");
    let from_log = snapback(&["measures", "--data", data, "--json"]);
    assert!(from_log.status.success(), "{}", stderr(&from_log));
    let from_file = snapback(&[
        "measures",
        "scenarios/precedents/caatsa-216-veto-stands.toml",
        "--json",
    ]);
    let (log, file): (Value, Value) = (
        serde_json::from_str(&stdout(&from_log)).expect("JSON"),
        serde_json::from_str(&stdout(&from_file)).expect("JSON"),
    );
    assert_eq!(log, file);
    assert_eq!(log[0]["state"], "terminated");
    assert_eq!(log[0]["reviews"][0]["steps"][4]["step"], "relief_cleared");
}

#[test]
fn charter_check_describes_the_review() {
    let out = snapback(&[
        "charter",
        "check",
        "scenarios/precedents/charters/caatsa-216.toml",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    for part in [
        "relief waits for a review of 30 days ending at the same local time (America/New_York) in which house and senate may disapprove it",
        "for reports from 07-10 to 09-07",
        "`US-PRES` may veto within 12d, and each body overrides by 2/3 of the votes cast within 10d",
    ] {
        assert!(text.contains(part), "{part}\n{text}");
    }
}
