//! The server as a user runs it: `snapback serve` in its own process, driven over HTTP from this
//! one (a load test), then stopped with SIGTERM and the log verified.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use snapback_log::keys::SignerKey;

use crate::log::initialised;
pub use crate::support::{Server, key, signed};
use crate::{root, snapback, stderr, stdout, temp_file};

#[test]
fn a_served_log_takes_concurrent_load_and_verifies_after_sigterm() {
    let dir = initialised("serve-load", Some("scenarios/charters/five.toml"));
    let server = Server::start(&dir);
    let url = server.url.clone();
    let ua = key(&dir, "UA");
    let voters: Vec<SignerKey> = ["A", "B", "C"].iter().map(|p| key(&dir, p)).collect();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let (appended, reads) = runtime.block_on(async {
        let client = reqwest::Client::new();
        let mut tasks = Vec::new();
        for w in 0..16 {
            let (client, url, ua, voters) = (client.clone(), url.clone(), ua.clone(), voters.clone());
            tasks.push(tokio::spawn(async move {
                let (mut appended, mut reads) = (0u64, 0u64);
                let until = Instant::now() + Duration::from_secs(3);
                let mut n = 0;
                while Instant::now() < until {
                    let claim = format!("L{w}-{n}");
                    n += 1;
                    let filing = signed(&ua, serde_json::json!({"type": "claim.filed", "claim": claim, "category": "shelling", "severity": 1, "summary": "load"}));
                    let r = client.post(format!("{url}/v1/entries")).header("content-type", "application/json").body(filing).send().await.expect("post");
                    assert_eq!(r.status().as_u16(), 201, "{}", r.text().await.unwrap_or_default());
                    appended += 1;
                    let voter = &voters[n % voters.len()];
                    let vote = signed(voter, serde_json::json!({"type": "vote.cast", "claim": claim, "vote": "founded"}));
                    let r = client.post(format!("{url}/v1/entries")).header("content-type", "application/json").body(vote).send().await.expect("post");
                    assert_eq!(r.status().as_u16(), 201);
                    appended += 1;
                    let r = client.get(format!("{url}/v1/state")).send().await.expect("get");
                    assert!(r.status().is_success());
                    reads += 1;
                }
                (appended, reads)
            }));
        }
        let mut totals = (0, 0);
        for t in tasks {
            let (a, r) = t.await.expect("task");
            totals.0 += a;
            totals.1 += r;
        }
        totals
    });
    assert!(appended > 100, "the load appended {appended} entries");
    assert!(reads > 50);
    // A delegation's system: sign locally, post to the server.
    let event = temp_file(
        "served-claim.toml",
        "type = \"claim.filed\"\nclaim = \"CLI-1\"\ncategory = \"shelling\"\nseverity = 2\nsummary = \"via the CLI\"\n",
    );
    let ua_key = dir.join("keys/UA.key");
    let submit = || {
        snapback(&[
            "submit",
            "--server",
            &url,
            "--key",
            ua_key.to_str().expect("p"),
            event.to_str().expect("p"),
        ])
    };
    let out = submit();
    assert!(out.status.success(), "{}", stderr(&out));
    let again = submit();
    assert_eq!(
        again.status.code(),
        Some(1),
        "a second filing of CLI-1 is refused by the rules"
    );
    assert!(
        stderr(&again).contains("duplicate_claim"),
        "{}",
        stderr(&again)
    );
    // Classified evidence written in clear in the event file is sealed by `submit`: the server
    // logs only the commitment.
    let secret = temp_file(
        "served-secret.toml",
        "type = \"evidence.submitted\"\nclaim = \"CLI-1\"\nclassification = \"secret\"\nreleasable_to = [\"A\"]\nsource_kind = \"satellite\"\ndigest = \"sha256:abababababababababababababababababababababababababababababababab\"\nsummary = \"CANARY-cli-submit\"\n",
    );
    let out = snapback(&[
        "submit",
        "--server",
        &url,
        "--key",
        ua_key.to_str().expect("p"),
        secret.to_str().expect("p"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let index: u64 = stdout(&out).trim().parse().expect("an index");
    let entries = runtime.block_on(async {
        reqwest::get(format!(
            "{url}/v1/log/entries?from={index}&to={}",
            index + 1
        ))
        .await
        .expect("get")
        .text()
        .await
        .expect("text")
    });
    assert!(entries.contains("\"commitment\":\"sha256:"), "{entries}");
    assert!(!entries.contains("CANARY-cli-submit"), "{entries}");
    let status = server.stop();
    assert!(status.success(), "graceful shutdown exits 0: {status:?}");
    let out = snapback(&["verify", "--data", dir.to_str().expect("p")]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert!(
        stdout(&out).contains(&format!("{} inputs", appended + 2)),
        "{}",
        stdout(&out)
    );
}

/// A fresh, empty directory to be a child's TMPDIR, so what it leaves there can be seen.
fn temp_dir_for(name: &str) -> std::path::PathBuf {
    let dir = crate::log::fresh_dir(name);
    std::fs::create_dir_all(&dir).expect("mkdir");
    dir
}

fn entries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn a_port_in_use_is_named_with_what_to_do_and_the_demo_leaves_nothing_behind() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = taken.local_addr().expect("address").to_string();
    let temp = temp_dir_for("serve-port-in-use");
    let out = Command::new(env!("CARGO_BIN_EXE_snapback"))
        .args(["serve", "--demo", "--listen", &address])
        .current_dir(root())
        .env("SNAPBACK_LOG", "warn")
        .env("TMPDIR", &temp)
        .output()
        .expect("run snapback serve");
    // A failure that is not bad input: exit 1, as before.
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "cannot listen on {address}: the address is already in use"
        )),
        "{err}"
    );
    assert!(err.contains("pass --listen HOST:PORT"), "{err}");
    assert!(
        err.contains(&format!("stop the other process listening on {address}")),
        "{err}"
    );
    assert_eq!(
        entries(&temp),
        Vec::<String>::new(),
        "the demo's directory remains"
    );
}

#[test]
fn a_demo_server_removes_its_directory_when_stopped_and_announces_its_length() {
    let temp = temp_dir_for("serve-demo-removed");
    let (server, printed) = Server::spawn(&["--demo"], Some(&temp), 2);
    let data = printed[0]
        .split("(data: ")
        .nth(1)
        .and_then(|rest| rest.trim_end().strip_suffix(')'))
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| panic!("no data directory in {:?}", printed[0]));
    assert!(data.starts_with(&temp), "{}", data.display());
    assert!(data.join("charter.toml").exists(), "{}", data.display());
    // The length is the story's, computed (the server's unit test ties it to the last step).
    let announced = &printed[1];
    assert!(
        announced.starts_with("demo: the reference scenario")
            && announced.contains("its last step comes after about "),
        "{announced}"
    );
    let status = server.stop();
    assert!(status.success(), "graceful shutdown exits 0: {status:?}");
    assert!(!data.exists(), "{} remains after SIGTERM", data.display());
    assert_eq!(entries(&temp), Vec::<String>::new());
}

#[test]
fn a_data_directory_given_by_the_user_is_kept() {
    let dir = initialised("serve-keeps-data", Some("scenarios/charters/five.toml"));
    let server = Server::start(&dir);
    let status = server.stop();
    assert!(status.success(), "{status:?}");
    assert!(dir.join("charter.toml").exists());
}

/// `serve --node-id` checks its cluster options before it connects to anything: each mistake
/// exits 2 naming the option and what to do.
#[test]
fn cluster_options_are_checked_before_anything_connects() {
    let dir = initialised("serve-cluster-options", None);
    let data = dir.to_str().expect("path");
    // Nothing listens at this database: the checks come first.
    let db = "postgres://postgres@127.0.0.1:1/none";
    let serve = |extra: &[&str]| {
        let mut args = vec!["serve", "--data", data, "--listen", "127.0.0.1:0"];
        args.extend(extra);
        snapback(&args)
    };
    for (extra, said) in [
        (
            &[
                "--database-url",
                db,
                "--node-id",
                "n1",
                "--advertise",
                "http://10.0.0.1:8080",
            ][..],
            "--advertise `http://10.0.0.1:8080`: plain http:// to `10.0.0.1`, which is not this machine; use https://",
        ),
        (
            &["--database-url", db, "--node-id", "n1", "--lease", "100ms"][..],
            "--lease 100 ms is too short",
        ),
        (
            &["--database-url", db, "--node-id", " "][..],
            "--node-id must name this process",
        ),
        (&["--node-id", "n1"][..], "--database-url"),
        (
            &["--demo", "--database-url", db, "--node-id", "n1"][..],
            "--demo runs a lone server",
        ),
    ] {
        let out = serve(extra);
        assert_eq!(out.status.code(), Some(2), "{extra:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(said), "{extra:?}: {}", stderr(&out));
    }
}
