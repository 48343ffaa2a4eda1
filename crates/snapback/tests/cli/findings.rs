//! Truces, replies, graded and reconsidered findings, and unwinding, as the CLI reads them: bad
//! events and bad `[[truce]]` tables are located and exit 2; the unwinding golden signs and
//! verifies like any other history.

use crate::{flat, path_arg, root, snapback, stderr, stdout, temp_file};

fn charter() -> String {
    root()
        .join("scenarios/charters/truces.toml")
        .display()
        .to_string()
}

/// A scenario on the truces charter with one event of `kind` whose other fields are `fields`.
fn one_event(name: &str, party: &str, kind: &str, fields: &str) -> std::path::PathBuf {
    temp_file(
        name,
        &format!(
            "charter = \"{}\"\n\n[[event]]\nat = 2026-03-20T09:00:00Z\nparty = \"{party}\"\ntype = \"{kind}\"\n{fields}\n",
            charter()
        ),
    )
}

#[test]
fn bad_findings_events_are_located_and_say_how_to_fix_them() {
    let cases = [
        (
            "A",
            "decision.opened",
            "decision = \"M1\"\nbody = \"ministers\"\nmotion = \"m\"\ndecide_within = \"1d\"\nclaim = \"C1\"\nsupersedes = true\ninconclusive = true",
            "event[0].inconclusive: a motion supersedes a claim, finds it inconclusive, or grades it: one of these",
        ),
        (
            "A",
            "decision.opened",
            "decision = \"M1\"\nbody = \"ministers\"\nmotion = \"m\"\ndecide_within = \"1d\"\nseverity = 4",
            "event[0].severity: only a further motion in a claim's proceeding makes a finding on a claim",
        ),
        (
            "RU",
            "reply.filed",
            "claim = \"C1\"\nsummary = \"Denied\"\ndigest = \"sha256:1111111111111111111111111111111111111111111111111111111111111111\"",
            "a `reply.filed` event needs `source_kind`",
        ),
        (
            "UA",
            "claim.filed",
            "claim = \"C1\"\ncategory = \"energy\"\nseverity = 2\nsummary = \"s\"\nincident = \"kharkiv 0412\"",
            "event[0].incident: `kharkiv 0412` is not a label",
        ),
        (
            "UA",
            "reconsideration.requested",
            "claim = \"C1\"\nsource_kind = \"photo\"\ndigest = \"sha256:xyz\"\nsummary = \"s\"",
            "event[0].digest:",
        ),
    ];
    for (i, (party, kind, fields, message)) in cases.iter().enumerate() {
        let scenario = one_event(&format!("bad-finding-{i}.toml"), party, kind, fields);
        let out = snapback(&["replay", path_arg(&scenario)]);
        assert_eq!(out.status.code(), Some(2), "case {i}: {}", stderr(&out));
        let err = flat(&stderr(&out));
        assert!(err.contains(message), "case {i}: {err}");
    }
}

#[test]
fn a_bad_truce_is_located_in_the_charter() {
    let base = std::fs::read_to_string(root().join("scenarios/charters/truces.toml")).unwrap();
    let cases = [
        (
            "sides = [\"UA\", \"RU\"]\ncategories = [\"energy\"]",
            "sides = [\"UA\"]\ncategories = [\"energy\"]",
            "truce[0].sides: a truce has 2 to 16 sides, not 1",
        ),
        (
            "sides = [\"UA\", \"RU\"]\ncategories = [\"energy\"]",
            "sides = [\"UA\", \"XX\"]\ncategories = [\"energy\"]",
            "unknown party `XX`",
        ),
        (
            "lasts = { days = 30, zone = \"Europe/Kyiv\" }",
            "lasts = { days = 30, zone = \"Europe/Kyiv\" }\nuntil = 2026-04-01T00:00:00Z",
            "a truce needs exactly one of `until` and `lasts`",
        ),
        (
            "until = 2026-09-25T00:00:00Z",
            "until = 2026-03-01T00:00:00Z",
            "truce[1].until: the truce ends (2026-03-01T00:00:00Z) before it starts",
        ),
        (
            "body = \"council\"\nreply_within",
            "body = \"jccc\"\nreply_within",
            "unknown body `jccc`",
        ),
    ];
    for (i, (from, to, message)) in cases.iter().enumerate() {
        assert!(base.contains(from), "case {i}: `{from}` not in the charter");
        let text = base.replacen(from, to, 1);
        let file = temp_file(&format!("bad-truce-{i}.toml"), &text);
        let out = snapback(&["charter", "check", path_arg(&file)]);
        assert_eq!(out.status.code(), Some(2), "case {i}: {}", stdout(&out));
        let err = flat(&format!("{}{}", stderr(&out), stdout(&out)));
        assert!(err.contains(message), "case {i}: {err}");
        assert!(err.contains(".toml:"), "case {i}: located: {err}");
    }
}

#[test]
fn an_unwound_activation_signs_and_verifies() {
    // `verify` re-derives every entry, claim.reopened and claim.unwound included, and the
    // report read from the log says what the plain replay says.
    let dir = crate::log::logged_and_verified(
        "unwinding",
        "scenarios/charters/truces.toml",
        "scenarios/46-unwinding.toml",
    );
    let out = snapback(&["log", "show", "--data", path_arg(&dir), "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    for kind in [
        "claim.reopened",
        "claim.unwound",
        "reconsideration.requested",
    ] {
        assert!(text.contains(kind), "{kind} in the log");
    }
}
