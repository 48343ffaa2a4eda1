//! The log's witnesses (`[[log.witness]]`): read, and their errors located.

use super::*;

const WITNESS_KEY: &str = "w.example+0a1b2c3d+BHVn0p4Bcm0L2cRnCDjxXd4eBBrKXCYSgCS2smXlWUE3";
const OTHER_KEY: &str = "v.example+0b1b2c3d+BHVn0p4Bcm0L2cRnCDjxXd4eBBrKXCYSgCS2smXlWUE3";
const LOG_KEY: &str = "log.example+01020304+AXVn0p4Bcm0L2cRnCDjxXd4eBBrKXCYSgCS2smXlWUE3";

fn with_witnesses(witnesses: &str) -> String {
    format!("{SMALL}\n[log]\norigin = \"log.example\"\nkey = \"{LOG_KEY}\"\n{witnesses}")
}

#[test]
fn log_witnesses_are_read() {
    let text = with_witnesses(&format!(
        "\n[[log.witness]]\nname = \"w.example\"\nkey = \"{WITNESS_KEY}\"\nurl = \"https://w.example/\"\n"
    ));
    let c = load(&text).unwrap_or_else(|e| panic!("{e}"));
    let log = c.log.expect("log");
    assert_eq!(log.witnesses.len(), 1);
    assert_eq!(log.witnesses[0].name, "w.example");
    assert_eq!(log.witnesses[0].key, WITNESS_KEY);
    assert_eq!(log.witnesses[0].url.as_deref(), Some("https://w.example/"));
    // Without any, the list is empty.
    assert!(
        load(&with_witnesses(""))
            .unwrap()
            .log
            .unwrap()
            .witnesses
            .is_empty()
    );
}

#[test]
fn log_witness_errors_are_located() {
    let one = |name: &str, key: &str, url: &str| {
        format!("\n[[log.witness]]\nname = \"{name}\"\nkey = \"{key}\"\n{url}")
    };
    let cases = [
        (
            one("w x", WITNESS_KEY, ""),
            "log.witness[0].name",
            "not a witness name",
        ),
        (
            one("other", WITNESS_KEY, ""),
            "log.witness[0].key",
            "not the witness's name",
        ),
        (
            one("w.example", "w.example+xyz+AAAA", ""),
            "log.witness[0].key",
            "key id",
        ),
        (
            one("w.example", WITNESS_KEY, "url = \"http://w.example/\"\n"),
            "log.witness[0].url",
            "https",
        ),
        (
            one("w.example", WITNESS_KEY, "") + &one("w.example", WITNESS_KEY, ""),
            "log.witness[1].name",
            "already named",
        ),
        (
            one(
                "w.example",
                WITNESS_KEY,
                "url = \"https://w.example/?x=1\"\n",
            ),
            "log.witness[0].url",
            "query",
        ),
        (
            one("w.example", WITNESS_KEY, "url = \"w.example\"\n"),
            "log.witness[0].url",
            "not a URL",
        ),
    ];
    for (witnesses, path, message) in cases {
        let text = with_witnesses(&witnesses);
        let errors = load(&text).expect_err(path);
        let e = &errors.errors[0];
        assert_eq!(
            e.path.as_ref().map(ToString::to_string).as_deref(),
            Some(path),
            "{e}"
        );
        assert!(e.message.contains(message), "{e}");
        assert!(e.line > 50, "located in the file: {e}");
    }
}

/// `[log] quorum`: k of the n witnesses listed, read and checked; plain http only on the loopback.
#[test]
fn the_witness_quorum_is_read_and_checked() {
    let two = |quorum: &str| {
        let mut text = with_witnesses("");
        text = text.replace(
            &format!("key = \"{LOG_KEY}\"\n"),
            &format!("key = \"{LOG_KEY}\"\n{quorum}"),
        );
        text + &format!(
            "\n[[log.witness]]\nname = \"w.example\"\nkey = \"{WITNESS_KEY}\"\nurl = \"http://127.0.0.1:7001\"\n\n[[log.witness]]\nname = \"v.example\"\nkey = \"{OTHER_KEY}\"\nurl = \"http://localhost:7002/witness\"\n"
        )
    };
    let c = load(&two("quorum = 2\n")).unwrap_or_else(|e| panic!("{e}"));
    let log = c.log.expect("log");
    assert_eq!(log.quorum, Some(2));
    assert_eq!(log.witnesses.len(), 2);
    // Without a quorum line none is required.
    assert_eq!(load(&two("")).unwrap().log.unwrap().quorum, None);
    for (quorum, message) in [
        ("quorum = 0\n", "a number from 1 to 2"),
        ("quorum = 3\n", "a number from 1 to 2"),
        ("quorum = -1\n", "a number from 1 to 2"),
    ] {
        let errors = load(&two(quorum)).expect_err(quorum);
        let e = &errors.errors[0];
        assert_eq!(
            e.path.as_ref().map(ToString::to_string).as_deref(),
            Some("log.quorum"),
            "{e}"
        );
        assert!(format!("{e:?}").contains(message), "{e:?}");
    }
    // A quorum with no witness listed.
    let bare = with_witnesses("").replace(
        &format!("key = \"{LOG_KEY}\"\n"),
        &format!("key = \"{LOG_KEY}\"\nquorum = 1\n"),
    );
    let errors = load(&bare).expect_err("no witnesses");
    assert!(
        errors.errors[0].message.contains("no [[log.witness]]"),
        "{}",
        errors.errors[0]
    );
}
