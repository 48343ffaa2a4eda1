//! `snapback time confirm`: an operator's confirmation of the clock, recorded in the log's
//! metadata where a server holding for a forward clock step reads it (the server's side is
//! tested in the server's `time.rs` on a manual clock).

use std::time::Duration;

use jiff::Timestamp;
use snapback_server::timekeeping::{CONFIRM_KEY, Confirmation};

use crate::log::initialised;
use crate::{snapback, stderr, stdout};

#[test]
fn time_confirm_records_this_machines_clock_in_the_log_metadata() {
    let dir = initialised("time-confirm", Some("scenarios/charters/five.toml"));
    let before = Timestamp::now();
    let out = snapback(&["time", "confirm", "--data", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let printed: Timestamp = stdout(&out).trim().parse().unwrap();
    assert!(
        before <= printed && printed <= Timestamp::now(),
        "{printed}"
    );
    assert!(stderr(&out).contains("confirmed"), "{}", stderr(&out));

    let db = rusqlite::Connection::open(dir.join("log.sqlite")).unwrap();
    let value: String = db
        .query_row(
            "SELECT value FROM meta WHERE key = ?1",
            [CONFIRM_KEY],
            |r| r.get(0),
        )
        .unwrap();
    let confirmation: Confirmation = serde_json::from_str(&value).unwrap();
    assert_eq!(confirmation.wall, printed);

    // Confirming again replaces it with the later time.
    std::thread::sleep(Duration::from_millis(5));
    let again = snapback(&["time", "confirm", "--data", dir.to_str().unwrap()]);
    assert!(again.status.success(), "{}", stderr(&again));
    let later: Timestamp = stdout(&again).trim().parse().unwrap();
    assert!(later > printed);
}

#[test]
fn time_confirm_needs_a_log() {
    let missing = std::env::temp_dir().join(format!("snapback-no-log-{}", std::process::id()));
    let out = snapback(&["time", "confirm", "--data", missing.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(!missing.join("log.sqlite").exists(), "no log is created");
}

#[test]
fn serve_refuses_a_clock_bound_that_is_not_a_duration() {
    let dir = initialised("time-bad-flag", Some("scenarios/charters/five.toml"));
    let out = snapback(&[
        "serve",
        "--data",
        dir.to_str().unwrap(),
        "--clock-step-max",
        "soon",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("--clock-step-max"),
        "{}",
        stderr(&out)
    );
}
