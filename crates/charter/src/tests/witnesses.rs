//! The log's witnesses (`[[log.witness]]`): read, and their errors located.

use super::*;

const WITNESS_KEY: &str = "w.example+0a1b2c3d+BHVn0p4Bcm0L2cRnCDjxXd4eBBrKXCYSgCS2smXlWUE3";
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
