//! The signed log from the command line: a data directory, a signed replay, verification,
//! proofs, export and import, submission, witnesses, and tampering that `verify` must catch.

use std::path::{Path, PathBuf};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use rusqlite::{Connection, params};
use snapback_log::entry::Entry;
use snapback_log::keys::SignerKey;
use snapback_log::merkle::{Frontier, Hash, leaf_hash, verify_consistency, verify_inclusion};
use snapback_log::note::{Checkpoint, sign_checkpoint};

pub use crate::support::{fresh_dir, initialised, key};
use crate::{flat, snapback, stderr, stdout, temp_file};

fn p(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// `init --demo-keys` with the given charter, then a signed replay of `scenario`.
pub fn logged(name: &str, charter: Option<&str>, scenario: &str) -> PathBuf {
    let dir = initialised(name, charter);
    let out = snapback(&["replay", scenario, "--data", p(&dir), "--sign"]);
    assert!(out.status.success(), "signed replay: {}", stderr(&out));
    dir
}

/// [`logged`], then `verify` must pass on it (every derived entry re-derived).
pub fn logged_and_verified(name: &str, charter: &str, scenario: &str) -> PathBuf {
    let dir = logged(name, Some(charter), scenario);
    let verified = verify_dir(&dir);
    assert!(
        verified.status.success(),
        "{}{}",
        stdout(&verified),
        stderr(&verified)
    );
    dir
}

fn verify_dir(dir: &Path) -> std::process::Output {
    snapback(&["verify", "--data", p(dir)])
}

#[test]
fn a_signed_replay_verifies_and_matches_the_plain_replay() {
    let dir = logged("demo", None, "scenarios/demo.toml");
    let out = verify_dir(&dir);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let text = stdout(&out);
    assert!(
        // 108 derived entries before the register of measures; the reference charter's
        // register adds six: the US and G7 measures snapping back at the first serious
        // activation, and four confirmations (each measure found in force) at later ones.
        text.starts_with("OK: 280 entries (166 inputs, 114 derived) verified"),
        "{text}"
    );
    // The log's derived entries are the activations the plain replay reports.
    let shown = stdout(&snapback(&["log", "show", "--data", p(&dir), "--json"]));
    let activations = shown
        .lines()
        .filter(|l| l.contains("\"type\":\"activation\""))
        .count();
    let report: serde_json::Value = serde_json::from_str(&stdout(&snapback(&[
        "replay",
        "scenarios/demo.toml",
        "--json",
    ])))
    .expect("json");
    assert_eq!(
        activations,
        report["activations"].as_array().map_or(0, Vec::len)
    );
    assert_eq!(shown.lines().count(), 280);
}

#[test]
fn proofs_from_the_log_verify() {
    let dir = logged(
        "proofs",
        Some("scenarios/charters/five.toml"),
        "scenarios/16-package-decision-adopted.toml",
    );
    let hash = |v: &serde_json::Value| -> Hash {
        B64.decode(v.as_str().expect("b64"))
            .expect("decode")
            .try_into()
            .expect("32")
    };
    let out = snapback(&["log", "prove", "inclusion", "3", "--data", p(&dir)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    let proof: Vec<Hash> = v["proof"]
        .as_array()
        .expect("proof")
        .iter()
        .map(hash)
        .collect();
    let size = v["treeSize"].as_u64().expect("size");
    verify_inclusion(&hash(&v["leafHash"]), 3, size, &proof, &hash(&v["root"]))
        .expect("inclusion verifies");
    let out = snapback(&[
        "log",
        "prove",
        "consistency",
        "5",
        &size.to_string(),
        "--data",
        p(&dir),
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    let proof: Vec<Hash> = v["proof"]
        .as_array()
        .expect("proof")
        .iter()
        .map(hash)
        .collect();
    verify_consistency(5, size, &hash(&v["root1"]), &hash(&v["root2"]), &proof)
        .expect("consistency verifies");
    let cp = stdout(&snapback(&["log", "checkpoint", "--data", p(&dir)]));
    assert!(
        cp.starts_with(&format!("snapback.local/five\n{size}\n")),
        "{cp}"
    );
    let vkey = stdout(&snapback(&["log", "vkey", "--data", p(&dir)]));
    assert!(vkey.starts_with("snapback.local/five+"), "{vkey}");
}

#[test]
fn an_export_verifies_elsewhere_and_imports_as_a_mirror() {
    let dir = logged(
        "export",
        Some("scenarios/charters/five.toml"),
        "scenarios/15-obligations-overdue-and-late.toml",
    );
    let file = dir.with_extension("ndjson");
    let out = snapback(&["log", "export", "--data", p(&dir), p(&file)]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Each line is a canonical entry, and its bytes are the leaf data.
    let text = std::fs::read_to_string(&file).expect("export");
    for line in text.lines() {
        assert_eq!(
            Entry::parse(line.as_bytes())
                .expect("canonical")
                .canonical()
                .expect("bytes"),
            line.as_bytes()
        );
    }
    let charter = dir.join("charter.toml");
    let out = snapback(&["verify", "--export", p(&file), "--charter", p(&charter)]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let mirror = fresh_dir("mirror");
    let out = snapback(&[
        "log",
        "import",
        "--data",
        p(&mirror),
        "--charter",
        p(&charter),
        p(&file),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(verify_dir(&mirror).status.success());
    // A changed line makes the export fail verification, and nothing is imported.
    let changed = text.replacen("\"reference\":\"EO-1\"", "\"reference\":\"EO-2\"", 1);
    assert_ne!(changed, text);
    std::fs::write(&file, changed).expect("write");
    let out = snapback(&["verify", "--export", p(&file), "--charter", p(&charter)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("FAILED"), "{}", stderr(&out));
}

#[test]
fn submit_signs_appends_and_refuses_what_it_must() {
    let dir = initialised("submit", Some("scenarios/charters/five.toml"));
    let ua = dir.join("keys/UA.key");
    let event = temp_file(
        "claim.toml",
        "type = \"claim.filed\"\nclaim = \"LIVE-1\"\ncategory = \"shelling\"\nseverity = 2\nsummary = \"s\"\n",
    );
    let out = snapback(&["submit", "--data", p(&dir), "--key", p(&ua), p(&event)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), "0");
    // The same claim again (a new nonce, so a new body): the engine rejects the reused id.
    let out = snapback(&["submit", "--data", p(&dir), "--key", p(&ua), p(&event)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("duplicate_claim"), "{}", stderr(&out));
    // A party signs only for itself; the log sets the time.
    let foreign = temp_file(
        "foreign.toml",
        "type = \"claim.withdrawn\"\nparty = \"US\"\nclaim = \"LIVE-1\"\n",
    );
    let out = snapback(&["submit", "--data", p(&dir), "--key", p(&ua), p(&foreign)]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let dated = temp_file(
        "dated.json",
        "{\"type\":\"claim.withdrawn\",\"claim\":\"LIVE-1\",\"at\":\"2026-01-01T00:00:00Z\"}",
    );
    let out = snapback(&["submit", "--data", p(&dir), "--key", p(&ua), p(&dated)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("the log sets the time"),
        "{}",
        stderr(&out)
    );
    let vote = temp_file(
        "vote.json",
        "{\"type\":\"vote.cast\",\"claim\":\"LIVE-1\",\"vote\":\"founded\"}",
    );
    let out = snapback(&[
        "submit",
        "--data",
        p(&dir),
        "--key",
        p(&dir.join("keys/A.key")),
        p(&vote),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(verify_dir(&dir).status.success());
}

#[test]
fn keygen_writes_a_private_file_and_never_overwrites() {
    let dir = fresh_dir("keygen");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let key = dir.join("ua.key");
    let out = snapback(&["keygen", "--party", "UA", "--out", p(&key)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let public = stdout(&out);
    assert!(public.starts_with("UA+"), "{public}");
    assert!(
        !public.contains("PRIVATE"),
        "the private key is never printed"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&key).expect("meta").permissions().mode() & 0o777,
            0o600
        );
    }
    let parsed =
        SignerKey::parse(&std::fs::read_to_string(&key).expect("read")).expect("a key file");
    assert_eq!(parsed.verifier().to_string(), public.trim());
    let again = snapback(&["keygen", "--party", "UA", "--out", p(&key)]);
    assert!(
        !again.status.success(),
        "an existing key file is not overwritten"
    );
}

#[test]
fn a_witness_cosigns_consistent_checkpoints_and_refuses_a_fork() {
    let dir = logged(
        "witness",
        Some("scenarios/charters/five.toml"),
        "scenarios/03-flipped-activated-early.toml",
    );
    let key = dir.join("witness.key");
    let state = dir.join("witness.state");
    let keygen = snapback(&[
        "keygen",
        "--party",
        "witness.example",
        "--out",
        p(&key),
        "--cosigner",
    ]);
    assert!(keygen.status.success());
    let vkey = stdout(&keygen).trim().to_owned();
    // Only named witnesses may cosign: the secretariat registers this one.
    let add = |name: &str, key: &str| {
        snapback(&[
            "witness",
            "add",
            "--data",
            p(&dir),
            "--name",
            name,
            "--key",
            key,
        ])
    };
    let out = add("witness.example", "witness.example+00000000+AAAA");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--key"), "{}", stderr(&out));
    let out = add("other.example", &vkey);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let out = add("witness.example", &vkey);
    assert!(out.status.success(), "{}", stderr(&out));
    let list = snapback(&["witness", "list", "--data", p(&dir)]);
    assert!(
        stdout(&list).contains(&format!("witness.example\tregistered\t{vkey}")),
        "{}",
        stdout(&list)
    );
    let cosign = || {
        snapback(&[
            "witness",
            "cosign",
            "--data",
            p(&dir),
            "--key",
            p(&key),
            "--state",
            p(&state),
        ])
    };
    let out = cosign();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("\n— witness.example "),
        "{}",
        stdout(&out)
    );
    // The log grows; the witness checks consistency and cosigns again.
    let event = temp_file(
        "w-claim.toml",
        "type = \"claim.filed\"\nclaim = \"W-1\"\ncategory = \"shelling\"\nseverity = 1\nsummary = \"s\"\n",
    );
    assert!(
        snapback(&[
            "submit",
            "--data",
            p(&dir),
            "--key",
            p(&dir.join("keys/UA.key")),
            p(&event)
        ])
        .status
        .success()
    );
    let out = cosign();
    assert!(out.status.success(), "{}", stderr(&out));
    // The stored checkpoint carries the cosignature, and the log still verifies.
    assert!(
        stdout(&snapback(&["log", "checkpoint", "--data", p(&dir)])).contains("— witness.example ")
    );
    assert!(verify_dir(&dir).status.success());
    // A k-of-n quorum: one valid cosignature meets 1, not 2.
    let quorum = |k: &str| snapback(&["verify", "--data", p(&dir), "--witnesses", k]);
    let out = quorum("1");
    assert!(out.status.success(), "{}", stderr(&out));
    let out = quorum("2");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("valid cosignatures from 1 of the 1 witnesses the log accepts (witness.example), not the 2 required"),
        "{}",
        stderr(&out)
    );
    // A witness whose last cosigned tree differs (another history of the same log) refuses.
    let text = std::fs::read_to_string(&state).expect("state");
    let mut v: serde_json::Value = serde_json::from_str(&text).expect("json");
    v["root"] = serde_json::Value::String(B64.encode([7u8; 32]));
    std::fs::write(&state, v.to_string()).expect("write");
    let out = cosign();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("the log forked"), "{}", stderr(&out));
}

// --- tampering: verify must catch each change and name the entry ---------------------------

fn db(dir: &Path) -> Connection {
    Connection::open(dir.join("log.sqlite")).expect("open sqlite")
}

fn entry_at(dir: &Path, index: u64) -> Entry {
    let data: Vec<u8> = db(dir)
        .query_row(
            "SELECT data FROM entries WHERE idx = ?1",
            params![index as i64],
            |r| r.get(0),
        )
        .expect("row");
    Entry::parse(&data).expect("entry")
}

fn find_index(dir: &Path, needle: &str) -> u64 {
    let conn = db(dir);
    let mut stmt = conn
        .prepare("SELECT idx, data FROM entries ORDER BY idx")
        .expect("prepare");
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?)))
        .expect("query");
    for row in rows {
        let (idx, data) = row.expect("row");
        if String::from_utf8_lossy(&data).contains(needle) {
            return idx as u64;
        }
    }
    panic!("no entry contains {needle}");
}

/// Rewrites entry `index` and, like a fully malicious operator holding the log key, rebuilds the
/// tree and re-signs the checkpoint, so that only the replay or the signatures can catch it.
fn rewrite_consistently(dir: &Path, index: u64, entry: &Entry) {
    let conn = db(dir);
    let data = entry.canonical().expect("canonical");
    conn.execute(
        "UPDATE entries SET data = ?1, id = ?2 WHERE idx = ?3",
        params![data, &entry.body.id().expect("id")[..], index as i64],
    )
    .expect("update");
    conn.execute("DELETE FROM nodes", []).expect("clear nodes");
    let mut frontier = Frontier::new();
    let datas: Vec<Vec<u8>> = {
        let mut stmt = conn
            .prepare("SELECT data FROM entries ORDER BY idx")
            .expect("prepare");
        stmt.query_map([], |r| r.get(0))
            .expect("query")
            .map(|r| r.expect("row"))
            .collect()
    };
    for d in &datas {
        for (level, idx, hash) in frontier.append(leaf_hash(d)) {
            conn.execute(
                "INSERT INTO nodes (level, idx, hash) VALUES (?1, ?2, ?3)",
                params![level, idx as i64, &hash[..]],
            )
            .expect("node");
        }
    }
    let log_key = key(dir, "log");
    let cp = Checkpoint {
        origin: log_key.name().to_owned(),
        size: frontier.size(),
        root: frontier.root(),
        extensions: vec![],
    };
    let note = sign_checkpoint(&cp, &log_key).expect("sign");
    conn.execute("DELETE FROM checkpoints", [])
        .expect("clear checkpoints");
    conn.execute(
        "INSERT INTO checkpoints (size, note) VALUES (?1, ?2)",
        params![frontier.size() as i64, note],
    )
    .expect("cp");
}

fn assert_caught(dir: &Path, expected: &str) {
    let out = verify_dir(dir);
    assert_eq!(
        out.status.code(),
        Some(1),
        "verify must fail: {}{}",
        stdout(&out),
        stderr(&out)
    );
    let text = flat(&stderr(&out));
    assert!(text.contains(expected), "expected {expected:?} in: {text}");
}

#[test]
fn a_flipped_byte_is_named() {
    let dir = logged(
        "flip",
        Some("scenarios/charters/five.toml"),
        "scenarios/15-obligations-overdue-and-late.toml",
    );
    let index = 4;
    let conn = db(&dir);
    let mut data: Vec<u8> = conn
        .query_row(
            "SELECT data FROM entries WHERE idx = ?1",
            params![index],
            |r| r.get(0),
        )
        .expect("row");
    let pos = data
        .iter()
        .position(|b| *b == b'S')
        .expect("a letter to flip");
    data[pos] = b'T';
    conn.execute(
        "UPDATE entries SET data = ?1 WHERE idx = ?2",
        params![data, index],
    )
    .expect("update");
    assert_caught(&dir, "entry 4");
}

#[test]
fn a_deleted_entry_is_named() {
    let dir = logged(
        "delete",
        Some("scenarios/charters/five.toml"),
        "scenarios/15-obligations-overdue-and-late.toml",
    );
    db(&dir)
        .execute("DELETE FROM entries WHERE idx = 6", [])
        .expect("delete");
    assert_caught(&dir, "entry 6 is missing");
}

#[test]
fn reordered_entries_are_named() {
    let dir = logged(
        "reorder",
        Some("scenarios/charters/five.toml"),
        "scenarios/15-obligations-overdue-and-late.toml",
    );
    let conn = db(&dir);
    // Swap rows 2 and 3 wholesale (moving one out of the way first keeps the unique keys happy).
    conn.execute_batch(
        "UPDATE entries SET idx = -1 WHERE idx = 2; UPDATE entries SET idx = 2 WHERE idx = 3; UPDATE entries SET idx = 3 WHERE idx = -1;",
    )
    .expect("swap");
    assert_caught(&dir, "entry 2: its bytes do not hash to the stored leaf");
}

#[test]
fn a_changed_determination_is_caught_by_the_replay_even_when_resigned() {
    let dir = logged(
        "determination",
        Some("scenarios/charters/five.toml"),
        "scenarios/04-flipped-deadline-split.toml",
    );
    let index = find_index(&dir, "\"type\":\"claim.determined\"");
    let mut entry = entry_at(&dir, index);
    entry.body.event.insert(
        "status".into(),
        serde_json::Value::String("dismissed".into()),
    );
    entry.sig = entry.body.sign(&key(&dir, "SEC")).expect("re-sign");
    rewrite_consistently(&dir, index, &entry);
    assert_caught(
        &dir,
        &format!("entry {index} is the derived entry claim.determined"),
    );
    assert_caught(&dir, "but the charter requires claim.determined");
}

#[test]
fn a_signature_forged_with_another_partys_key_is_named() {
    let dir = logged(
        "forge",
        Some("scenarios/charters/five.toml"),
        "scenarios/04-flipped-deadline-split.toml",
    );
    let index = find_index(&dir, "\"type\":\"claim.filed\"");
    let mut entry = entry_at(&dir, index);
    assert_eq!(entry.body.party, "UA");
    entry.sig = entry.body.sign(&key(&dir, "A")).expect("sign with A's key");
    rewrite_consistently(&dir, index, &entry);
    assert_caught(
        &dir,
        &format!("entry {index}: the signature does not verify under key"),
    );
}

/// Classified evidence written in clear in a scenario: a signed replay seals it, so the log,
/// its export, `log show`, the data directory's `--json` report and a plain replay carry no
/// content, while the evidence store beside the log holds it with a salt that hashes to the
/// logged commitment; `verify` re-derives everything from the log alone.
#[test]
fn a_signed_replay_seals_classified_evidence_out_of_the_log() {
    const CANARY: &str = "CANARY-sealed-Rr8t";
    let scenario = temp_file(
        "sealed.toml",
        &format!(
            "charter = \"{}\"\nas_of = 2026-01-14T00:00:00Z\n\
             [[event]]\nat = 2026-01-10T00:00:00Z\nparty = \"UA\"\ntype = \"claim.filed\"\nclaim = \"C1\"\ncategory = \"shelling\"\nseverity = 2\nsummary = \"Violation C1\"\n\
             [[event]]\nat = 2026-01-10T00:10:00Z\nparty = \"UA\"\ntype = \"evidence.submitted\"\nclaim = \"C1\"\nclassification = \"secret\"\nreleasable_to = [\"A\"]\nsource_kind = \"kind-{CANARY}\"\ndigest = \"sha256:{}\"\nsummary = \"{CANARY}\"\n",
            crate::root()
                .join("scenarios/charters/five-evidence.toml")
                .display(),
            "ab".repeat(32)
        ),
    );
    let dir = initialised("sealed", Some("scenarios/charters/five-evidence.toml"));
    let out = snapback(&[
        "replay",
        p(&scenario),
        "--data",
        p(&dir),
        "--sign",
        "--json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = stdout(&out);
    assert!(!report.contains(CANARY), "{report}");
    let report: serde_json::Value = serde_json::from_str(&report).expect("json");
    let item = &report["claims"][0]["evidence"][0];
    assert_eq!(item["classification"], "secret");
    assert_eq!(item["releasable_to"], serde_json::json!(["A"]));
    let commitment = item["commitment"]
        .as_str()
        .expect("a commitment")
        .to_owned();

    let plain = stdout(&snapback(&["replay", p(&scenario), "--json"]));
    assert!(!plain.contains(CANARY), "{plain}");
    let shown = stdout(&snapback(&["log", "show", "--data", p(&dir), "--json"]));
    assert!(
        shown.contains(&commitment) && !shown.contains(CANARY),
        "{shown}"
    );
    let export = dir.join("export.jsonl");
    let out = snapback(&["log", "export", "--data", p(&dir), p(&export)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let exported = std::fs::read_to_string(&export).expect("export");
    assert!(exported.contains(&commitment) && !exported.contains(CANARY));
    let out = verify_dir(&dir);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));

    // The evidence store beside the log holds the content; salt and content hash to the
    // commitment.
    let db = Connection::open(dir.join("log.sqlite")).expect("open");
    let (source_kind, digest, summary, salt, idx): (String, String, String, String, i64) = db
        .query_row(
            "SELECT source_kind, digest, summary, salt, idx FROM evidence WHERE commitment = ?1",
            params![commitment],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .expect("stored beside the log");
    assert_eq!(summary, CANARY);
    assert_eq!(idx, 1);
    let sealed = snapback_log::sealed::Sealed {
        content: snapback_log::sealed::SealedContent {
            source_kind,
            digest,
            summary,
        },
        salt,
    };
    assert_eq!(sealed.commitment().expect("commitment"), commitment);
}
