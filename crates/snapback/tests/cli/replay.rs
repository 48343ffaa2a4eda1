//! `snapback replay`, `explain` and `demo`: exit codes, located scenario errors, the contract.

use crate::{flat, snapback, stderr, stdout, temp_file};

#[test]
fn demo_narrates_claims_and_activations() {
    let out = snapback(&["demo"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = flat(&stdout(&out));
    assert!(text.contains("Claim C-2026-003 — ACTIVATED"), "{text}");
    assert!(
        text.contains("Activated at the deadline 2026-03-17T22:30:00Z"),
        "{text}"
    );
    assert!(text.contains("Activation A4 at 2026-03-27T12:00:00Z: claims C-2026-001 (severity 2), C-2026-003 (severity 2),"), "{text}");
    assert!(
        text.contains("Decision A5/eu-sanctions — ADOPTED"),
        "{text}"
    );
}

#[test]
fn demo_json_equals_replaying_the_bundled_file() {
    let demo = stdout(&snapback(&["demo", "--json"]));
    let file = stdout(&snapback(&["replay", "scenarios/demo.toml", "--json"]));
    assert_eq!(demo, file);
}

#[test]
fn json_report_has_the_contract_fields() {
    let out = snapback(&["replay", "scenarios/demo.toml", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    assert_eq!(v["as_of"], "2026-06-15T00:00:00Z");
    for key in [
        "id",
        "status",
        "filed_at",
        "deadline",
        "determined_at",
        "severity",
        "tier",
        "tally",
        "explanation",
    ] {
        assert!(v["claims"][0].get(key).is_some(), "claim field {key}");
    }
    for key in ["founded", "unfounded", "abstain", "not_voted"] {
        assert!(
            v["claims"][0]["tally"].get(key).is_some(),
            "claim tally field {key}"
        );
    }
    for key in ["id", "body", "status", "decided_at", "tally", "explanation"] {
        assert!(v["decisions"][0].get(key).is_some(), "decision field {key}");
    }
    for key in ["yes", "no", "abstain", "not_voted"] {
        assert!(
            v["decisions"][0]["tally"].get(key).is_some(),
            "decision tally field {key}"
        );
    }
    for key in ["id", "cause", "claims", "tier", "packages", "at"] {
        assert!(
            v["activations"][0].get(key).is_some(),
            "activation field {key}"
        );
    }
    for key in ["id", "party", "package", "kind", "due", "status"] {
        assert!(
            v["obligations"][0].get(key).is_some(),
            "obligation field {key}"
        );
    }
    for key in ["index", "type", "reason"] {
        assert!(v["rejected"][0].get(key).is_some(), "rejected field {key}");
    }
}

#[test]
fn as_of_flag_stops_the_replay_earlier() {
    let out = snapback(&[
        "replay",
        "scenarios/01-flipped-nobody-votes.toml",
        "--json",
        "--as-of",
        "2026-01-11T23:59:59Z",
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    assert_eq!(v["claims"][0]["status"], "pending");
    assert_eq!(v["as_of"], "2026-01-11T23:59:59Z");
    let out = snapback(&[
        "replay",
        "scenarios/01-flipped-nobody-votes.toml",
        "--json",
        "--as-of",
        "2026-01-12T00:00:00Z",
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    assert_eq!(v["claims"][0]["status"], "activated");
    assert_eq!(v["claims"][0]["determined_at"], "2026-01-12T00:00:00Z");
}

#[test]
fn strict_replay_fails_on_rejected_events() {
    let out = snapback(&["replay", "scenarios/08-standing.toml", "--strict"]);
    assert_eq!(out.status.code(), Some(1));
    let out = snapback(&[
        "replay",
        "scenarios/01-flipped-nobody-votes.toml",
        "--strict",
    ]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn explain_prints_the_rule_tally_deadline_and_reason() {
    let out = snapback(&["explain", "scenarios/04-flipped-deadline-split.toml", "C1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = flat(&stdout(&out));
    assert!(
        text.contains("Under Art. 4 (flipped burden of proof)"),
        "{text}"
    );
    assert!(
        text.contains(
            "the rule (Art. 2) is majority: yes from more than half of the 5 members (at least 3)"
        ),
        "{text}"
    );
    assert!(
        text.contains("Votes: 2 unfounded, 1 founded, 1 abstain, 1 not voted."),
        "{text}"
    );
    assert!(
        text.contains("Activated at the deadline 2026-01-12T00:00:00Z"),
        "{text}"
    );
    let json = stdout(&snapback(&[
        "explain",
        "scenarios/04-flipped-deadline-split.toml",
        "C1",
        "--json",
    ]));
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["status"], "activated");
    let missing = snapback(&["explain", "scenarios/04-flipped-deadline-split.toml", "C9"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("no claim `C9`"),
        "{}",
        stderr(&missing)
    );
}

const SCENARIO_HEAD: &str = "charter = \"../../../../scenarios/charters/five.toml\"\n\n";

/// Replays a scenario written to the temp dir (its charter path is relative to that dir).
fn replay_text(name: &str, body: &str) -> std::process::Output {
    // Charter paths are relative to the scenario file; point at the repository's test charter.
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-tests");
    let charter = crate::root().join("scenarios/charters/five.toml");
    let rel = pathdiff(&charter, &dir);
    let text = SCENARIO_HEAD.replace("../../../../scenarios/charters/five.toml", &rel) + body;
    let path = temp_file(name, &text);
    snapback(&["replay", path.to_str().expect("path"), "--json"])
}

/// An absolute path is fine too: joining a relative dir with an absolute path yields the latter.
fn pathdiff(target: &std::path::Path, _from: &std::path::Path) -> String {
    target
        .canonicalize()
        .expect("charter exists")
        .display()
        .to_string()
}

#[test]
fn malformed_events_are_located_and_exit_2() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "unknown-type",
            "[[event]]\nat = 2026-01-10T00:00:00Z\nparty = \"UA\"\ntype = \"claim.filled\"\n",
            ":6:8: event[0].type: unknown event type `claim.filled`",
        ),
        (
            "foreign-field",
            "[[event]]\nat = 2026-01-10T00:00:00Z\nparty = \"UA\"\ntype = \"claim.withdrawn\"\nclaim = \"C1\"\nvote = \"yes\"\n",
            ":8:8: event[0].vote: `vote` is not a field of a `claim.withdrawn` event",
        ),
        (
            "missing-field",
            "[[event]]\nat = 2026-01-10T00:00:00Z\nparty = \"UA\"\ntype = \"claim.filed\"\nclaim = \"C1\"\n",
            ":3:1: event[0]: a `claim.filed` event needs the field `category`",
        ),
        (
            "wrong-vote",
            "[[event]]\nat = 2026-01-10T00:00:00Z\nparty = \"A\"\ntype = \"vote.cast\"\nclaim = \"C1\"\nvote = \"yes\"\n",
            ":8:8: event[0].vote: `yes` is not a vote on a claim",
        ),
        (
            "bad-time",
            "[[event]]\nat = \"yesterday\"\nparty = \"UA\"\ntype = \"claim.withdrawn\"\nclaim = \"C1\"\n",
            ":4:6: `yesterday` is not an RFC 3339 instant",
        ),
        (
            "unknown-key",
            "[[event]]\nat = 2026-01-10T00:00:00Z\nparty = \"UA\"\ntype = \"claim.withdrawn\"\nclaim = \"C1\"\ncolour = \"red\"\n",
            ":8:1: unknown field `colour`",
        ),
        (
            "bad-digest",
            "[[event]]\nat = 2026-01-10T00:00:00Z\nparty = \"UA\"\ntype = \"evidence.submitted\"\nclaim = \"C1\"\nsource_kind = \"osint\"\nclassification = \"public\"\ndigest = \"md5:abc\"\nsummary = \"s\"\n",
            ":10:10: event[0].digest: `md5:abc` is not a sha256 digest",
        ),
    ];
    for (case, body, expected) in cases {
        let out = replay_text(&format!("{case}.toml"), body);
        assert_eq!(out.status.code(), Some(2), "{case}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(expected),
            "{case}: expected {expected:?} in:\n{}",
            stderr(&out)
        );
    }
}

#[test]
fn a_missing_charter_is_located_at_the_charter_key() {
    let path = temp_file(
        "no-charter.toml",
        "title = \"x\"\ncharter = \"nowhere/charter.toml\"\n",
    );
    let out = snapback(&["replay", path.to_str().expect("p")]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(
            "no-charter.toml:2:11: charter: charter `nowhere/charter.toml`: cannot read the file"
        ),
        "{err}"
    );
}

#[test]
fn every_malformed_event_is_reported_not_just_the_first() {
    let body = "[[event]]\nat = 2026-01-10T00:00:00Z\nparty = \"UA\"\ntype = \"nope\"\n\n[[event]]\nat = 2026-01-10T00:00:00Z\nparty = \"UA\"\ntype = \"nada\"\n";
    let out = replay_text("two-bad.toml", body);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("event[0].type") && err.contains("event[1].type"),
        "{err}"
    );
}
