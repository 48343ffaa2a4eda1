//! The log's endpoints: the signed checkpoint, entries with paging, inclusion and consistency
//! proofs, and witness cosignatures.

use axum::http::StatusCode;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use futures_util::future::join_all;
use serde_json::{Value, json};
use snapback_log::keys::{Alg, SignerKey};
use snapback_log::merkle::{Hash, empty_root, leaf_hash, verify_consistency, verify_inclusion};
use snapback_log::note::{Checkpoint, add_signatures, cosign, open_checkpoint};

use crate::schema;
use crate::support::*;

fn hash(v: &Value) -> Hash {
    B64.decode(v.as_str().unwrap()).unwrap().try_into().unwrap()
}

fn hashes(v: &Value) -> Vec<Hash> {
    v.as_array().unwrap().iter().map(hash).collect()
}

/// A log of a claim, three votes and what they activate.
async fn small_log(name: &str) -> Server {
    let s = Server::start(name).await;
    s.submit("UA", claim_filed("C1", 3)).await;
    for p in ["A", "B", "C"] {
        s.submit(p, vote("C1", "founded")).await;
    }
    s.submit("UA", claim_filed("C2", 1)).await;
    s
}

async fn checkpoint(s: &Server) -> (String, Checkpoint) {
    let reply = s.get("/v1/log/checkpoint").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(reply.content_type(), "text/plain; charset=utf-8");
    let note = reply.text();
    let (cp, _) = open_checkpoint(&note, &s.keys.log.verifier()).unwrap();
    (note, cp)
}

#[tokio::test]
async fn the_checkpoint_is_a_signed_note_of_the_whole_log() {
    let s = Server::start("checkpoint").await;
    // A store that was never given a checkpoint (`snapback init` signs one) has none to show.
    s.get("/v1/log/checkpoint").await.problem(404, "not_found");
    s.submit("UA", claim_filed("C1", 3)).await;
    s.submit("A", vote("C1", "founded")).await;
    let (note, cp) = checkpoint(&s).await;
    let stored = s.stored_entries().await;
    assert_eq!(cp.origin, ORIGIN);
    assert_eq!(cp.size, stored.len() as u64);
    let consistency = s.get("/v1/log/proof/consistency?from=0").await.json();
    assert_eq!(hash(&consistency["root2"]), cp.root);
    assert!(note.starts_with(&format!("{ORIGIN}\n2\n")), "{note}");
    s.stop().await;
}

#[tokio::test]
async fn entries_are_paged_by_at_most_a_thousand() {
    let s = Server::start("paging").await;
    // Over a thousand entries, mostly derived (signing is cheap, verifying is not, in a debug
    // build): 50 claims of the highest severity, nobody votes, and two months pass. Each
    // activates at its deadline, escalates, and opens decisions and obligations that lapse.
    let submissions: Vec<Value> = (0..50)
        .map(|i| s.entry("UA", claim_filed(&format!("C{i}"), 5)))
        .collect();
    let replies = join_all(submissions.iter().map(|e| s.post_json("/v1/entries", e))).await;
    assert!(replies.iter().all(|r| r.status == StatusCode::CREATED));
    s.clock.set(ts("2026-03-01T00:00:00Z"));
    eventually("the deadlines to fire", || async {
        s.state()
            .node()
            .status
            .borrow()
            .next_deadline
            .is_none_or(|d| d > ts("2026-03-01T00:00:00Z"))
    })
    .await;
    let stored = s.stored_entries().await;
    let size = stored.len();
    assert!((1_001..2_000).contains(&size), "{size}");

    let page = s.get("/v1/log/entries").await.json();
    schema::check(&page, "EntriesPage");
    assert_eq!(
        (
            page["from"].as_u64(),
            page["to"].as_u64(),
            page["size"].as_u64()
        ),
        (Some(0), Some(1_000), Some(size as u64))
    );
    assert_eq!(page["entries"].as_array().unwrap().len(), 1_000);
    let page = s.get("/v1/log/entries?from=10&to=5000").await.json();
    assert_eq!(
        (page["from"].as_u64(), page["to"].as_u64()),
        (Some(10), Some(1_010))
    );
    let rest = s.get("/v1/log/entries?from=1000").await.json();
    let entries = rest["entries"].as_array().unwrap();
    assert_eq!(
        (rest["to"].as_u64(), entries.len()),
        (Some(size as u64), size - 1_000)
    );
    // Each entry is the stored entry (its canonical bytes are the stored bytes).
    for (i, e) in (1_000..).zip(entries) {
        let canonical = snapback_log::entry::Entry::parse(&stored[i]).unwrap();
        assert_eq!(e, &serde_json::from_slice::<Value>(&stored[i]).unwrap());
        assert_eq!(e["at"], canonical.at);
    }
    let some = s.get("/v1/log/entries?from=2&to=4").await.json();
    assert_eq!(some["entries"].as_array().unwrap().len(), 2);
    assert_eq!(
        some["entries"][0],
        serde_json::from_slice::<Value>(&stored[2]).unwrap()
    );
    // Past the end: an empty page.
    let past = s.get("/v1/log/entries?from=5000").await.json();
    assert_eq!(past["entries"], json!([]));
    assert_eq!(past["size"], size);
    s.stop().await;
}

#[tokio::test]
async fn bad_queries_are_400_problems() {
    let s = small_log("queries").await;
    for uri in [
        "/v1/log/entries?from=abc",
        "/v1/log/entries?from=-1",
        "/v1/log/entries?page=2",
        "/v1/log/proof/inclusion",
        "/v1/log/proof/inclusion?index=x",
        "/v1/log/proof/consistency?to=3",
        "/v1/log/proof/consistency?from=1&size=2",
    ] {
        let p = s.get(uri).await.problem(400, "malformed");
        assert!(!p["detail"].as_str().unwrap().is_empty(), "{uri}");
    }
    s.stop().await;
}

#[tokio::test]
async fn inclusion_proofs_verify() {
    let s = small_log("inclusion").await;
    let stored = s.stored_entries().await;
    let size = stored.len() as u64;
    assert!(size >= 6, "{size}");
    let (_, cp) = checkpoint(&s).await;
    for tree_size in [size, 3] {
        for index in 0..tree_size {
            let uri = if tree_size == size {
                format!("/v1/log/proof/inclusion?index={index}")
            } else {
                format!("/v1/log/proof/inclusion?index={index}&size={tree_size}")
            };
            let p = s.get(&uri).await.json();
            schema::check(&p, "InclusionProof");
            assert_eq!(
                (p["leafIdx"].as_u64(), p["treeSize"].as_u64()),
                (Some(index), Some(tree_size))
            );
            let leaf = hash(&p["leafHash"]);
            assert_eq!(leaf, leaf_hash(&stored[index as usize]));
            let root = hash(&p["root"]);
            verify_inclusion(&leaf, index, tree_size, &hashes(&p["proof"]), &root).unwrap();
            if tree_size == size {
                assert_eq!(root, cp.root);
            }
        }
    }
    for uri in [
        format!("/v1/log/proof/inclusion?index={size}"),
        "/v1/log/proof/inclusion?index=2&size=2".to_owned(),
        format!("/v1/log/proof/inclusion?index=0&size={}", size + 1),
    ] {
        s.get(&uri).await.problem(400, "out_of_range");
    }
    s.stop().await;
}

#[tokio::test]
async fn consistency_proofs_verify() {
    let s = small_log("consistency").await;
    let size = s.stored_entries().await.len() as u64;
    let (_, cp) = checkpoint(&s).await;
    for from in 0..=size {
        for to in [None, Some(from), Some(size.min(from + 2))] {
            let uri = match to {
                None => format!("/v1/log/proof/consistency?from={from}"),
                Some(to) => format!("/v1/log/proof/consistency?from={from}&to={to}"),
            };
            let p = s.get(&uri).await.json();
            schema::check(&p, "ConsistencyProof");
            let (size1, size2) = (p["size1"].as_u64().unwrap(), p["size2"].as_u64().unwrap());
            assert_eq!((size1, size2), (from, to.unwrap_or(size)));
            let (root1, root2) = (hash(&p["root1"]), hash(&p["root2"]));
            verify_consistency(size1, size2, &root1, &root2, &hashes(&p["proof"])).unwrap();
            if size1 == 0 {
                assert_eq!(root1, empty_root());
                assert_eq!(p["proof"], json!([]));
            }
            if size2 == size {
                assert_eq!(root2, cp.root);
            }
        }
    }
    for uri in [
        "/v1/log/proof/consistency?from=3&to=2".to_owned(),
        format!("/v1/log/proof/consistency?from=0&to={}", size + 1),
        format!("/v1/log/proof/consistency?from={}", size + 1),
    ] {
        s.get(&uri).await.problem(400, "out_of_range");
    }
    s.stop().await;
}

fn witness() -> SignerKey {
    SignerKey::from_seed("witness.test", Alg::CosignatureV1, &[42; 32]).unwrap()
}

/// Posts `w`'s cosignature of `cp` at `time`, in the log's own note.
async fn post_cosignature(
    s: &Server,
    note: &str,
    cp: &Checkpoint,
    w: &SignerKey,
    time: u64,
) -> Reply {
    let line = cosign(cp, w, time).unwrap();
    let body = json!({ "witness": w.verifier().to_string(), "note": add_signatures(note, &[line]).unwrap() });
    s.post_json("/v1/log/cosignature", &body).await
}

/// Issue 11: any self-made witness key was accepted under any name; 99 fake cosignatures filled
/// the note's 100 lines and real witnesses were then refused.
#[tokio::test]
async fn fake_witness_cosignature_is_refused() {
    let s = small_log("cosign-fake").await;
    let (note, cp) = checkpoint(&s).await;
    for i in 0..99u8 {
        let fake = SignerKey::from_seed(&format!("fake{i}.example"), Alg::CosignatureV1, &[i; 32])
            .unwrap();
        let p = post_cosignature(&s, &note, &cp, &fake, 1)
            .await
            .problem(403, "unknown_witness");
        assert_eq!(p["field"], "witness", "{p}");
    }
    // A self-made key under a real witness's name is no better.
    let w = witness();
    register_witness(&s, &w).await;
    let impostor = SignerKey::from_seed("witness.test", Alg::CosignatureV1, &[9; 32]).unwrap();
    let p = post_cosignature(&s, &note, &cp, &impostor, 1)
        .await
        .problem(403, "unknown_witness");
    assert!(p["detail"].as_str().unwrap().contains("not the key"), "{p}");
    let (published, _) = checkpoint(&s).await;
    assert_eq!(published, note, "nothing recorded");
    // The real witness is still accepted after the fake attempts.
    let r = post_cosignature(&s, &note, &cp, &w, 5).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let (published, _) = checkpoint(&s).await;
    let (_, others) = open_checkpoint(&published, &s.keys.log.verifier()).unwrap();
    assert_eq!(others, vec![cosign(&cp, &w, 5).unwrap()]);
    // Fake lines carried in the posted note are not copied into the log's note.
    let fake = SignerKey::from_seed("fake.example", Alg::CosignatureV1, &[1; 32]).unwrap();
    s.submit("UA", claim_filed("C9", 1)).await;
    let (note2, cp2) = checkpoint(&s).await;
    let stuffed = add_signatures(
        &note2,
        &[
            cosign(&cp2, &fake, 1).unwrap(),
            cosign(&cp2, &w, 6).unwrap(),
        ],
    )
    .unwrap();
    let r = s
        .post_json(
            "/v1/log/cosignature",
            &json!({ "witness": w.verifier().to_string(), "note": stuffed }),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let (published, _) = checkpoint(&s).await;
    let (_, others) = open_checkpoint(&published, &s.keys.log.verifier()).unwrap();
    assert_eq!(others, vec![cosign(&cp2, &w, 6).unwrap()]);
    s.stop().await;
}

/// Issue 11: at most one cosignature per witness per checkpoint; the same one again is
/// idempotent.
#[tokio::test]
async fn second_cosignature_from_same_witness_is_refused() {
    let s = small_log("cosign-twice").await;
    let w = witness();
    register_witness(&s, &w).await;
    let (note, cp) = checkpoint(&s).await;
    let first = post_cosignature(&s, &note, &cp, &w, 10).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text());
    let again = post_cosignature(&s, &note, &cp, &w, 10).await;
    assert_eq!((again.status, again.json()), (StatusCode::OK, first.json()));
    let p = post_cosignature(&s, &note, &cp, &w, 11)
        .await
        .problem(409, "already_cosigned");
    assert!(
        p["detail"].as_str().unwrap().contains("witness.test"),
        "{p}"
    );
    let (published, _) = checkpoint(&s).await;
    let (_, others) = open_checkpoint(&published, &s.keys.log.verifier()).unwrap();
    assert_eq!(others, vec![cosign(&cp, &w, 10).unwrap()]);
    // A second witness joins the same checkpoint's note; the first one's line stays.
    let w2 = SignerKey::from_seed("witness2.test", Alg::CosignatureV1, &[43; 32]).unwrap();
    register_witness(&s, &w2).await;
    let r = post_cosignature(&s, &note, &cp, &w2, 12).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let (published, _) = checkpoint(&s).await;
    let (_, others) = open_checkpoint(&published, &s.keys.log.verifier()).unwrap();
    assert_eq!(
        others,
        vec![cosign(&cp, &w, 10).unwrap(), cosign(&cp, &w2, 12).unwrap()]
    );
    // The next checkpoint is a new one: the witness cosigns it too.
    s.submit("UA", claim_filed("C9", 1)).await;
    let (note, cp) = checkpoint(&s).await;
    let r = post_cosignature(&s, &note, &cp, &w, 13).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    s.stop().await;
}

/// A witness named in the charter's `[[log.witness]]` cosigns without being registered.
#[tokio::test]
async fn a_witness_named_in_the_charter_may_cosign() {
    let w = witness();
    let charter = format!(
        "{FIVE}
[[log.witness]]
name = \"witness.test\"
key = \"{}\"
",
        w.verifier()
    );
    let s = Server::start_with("cosign-charter", &charter).await;
    s.submit("UA", claim_filed("C1", 3)).await;
    let (note, cp) = checkpoint(&s).await;
    let r = post_cosignature(&s, &note, &cp, &w, 10).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    s.stop().await;
}

#[tokio::test]
async fn a_witness_cosignature_is_recorded_and_published() {
    let s = small_log("cosign").await;
    let w = witness();
    register_witness(&s, &w).await;
    let (note, cp) = checkpoint(&s).await;
    let line = cosign(&cp, &w, 1_768_003_200).unwrap();
    let cosigned = add_signatures(&note, std::slice::from_ref(&line)).unwrap();
    let body = json!({ "witness": w.verifier().to_string(), "note": cosigned });
    let reply = s.post_json("/v1/log/cosignature", &body).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let answer = reply.json();
    schema::check(&answer, "CosignatureResult");
    assert_eq!(
        answer,
        json!({ "size": cp.size, "witness": "witness.test", "time": 1_768_003_200u64 })
    );

    let (published, again) = checkpoint(&s).await;
    assert_eq!(again, cp);
    assert!(published.contains(&format!("{line}\n")), "{published}");
    let (_, others) = open_checkpoint(&published, &s.keys.log.verifier()).unwrap();
    assert_eq!(others, vec![line.clone()]);
    // The same cosignature again is answered as before; another one by the same witness for
    // the same checkpoint is refused (see second_cosignature_from_same_witness_is_refused).
    let body = json!({ "witness": w.verifier().to_string(), "note": cosigned });
    let again = s.post_json("/v1/log/cosignature", &body).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.text());
    assert_eq!(again.json(), answer);
    let (published, _) = checkpoint(&s).await;
    let (_, others) = open_checkpoint(&published, &s.keys.log.verifier()).unwrap();
    assert_eq!(others, vec![line.clone()]);

    // A cosignature of an older checkpoint does not take the latest one's place.
    s.submit("UA", claim_filed("C3", 1)).await;
    let (newest, newest_cp) = checkpoint(&s).await;
    let reply = s
        .post_json(
            "/v1/log/cosignature",
            &json!({ "witness": w.verifier().to_string(), "note": cosigned }),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let (latest, latest_cp) = checkpoint(&s).await;
    assert_eq!((latest, latest_cp), (newest, newest_cp));
    s.stop().await;
}

#[tokio::test]
async fn bad_cosignatures_are_refused() {
    let s = small_log("cosign-bad").await;
    let w = witness();
    register_witness(&s, &w).await;
    let vkey = w.verifier().to_string();
    let (note, cp) = checkpoint(&s).await;
    let mut line = cosign(&cp, &w, 1_768_003_200).unwrap();
    // A flipped bit in the signature.
    line.signature[20] ^= 1;
    let forged = add_signatures(&note, std::slice::from_ref(&line)).unwrap();
    let r = s
        .post_json(
            "/v1/log/cosignature",
            &json!({ "witness": vkey, "note": forged }),
        )
        .await;
    r.problem(422, "bad_cosignature");
    let (published, _) = checkpoint(&s).await;
    assert_eq!(published, note, "nothing recorded");

    // No line by the witness; not a note; a witness key that is not a key; a plain Ed25519
    // key as the witness; unknown and missing fields.
    s.post_json(
        "/v1/log/cosignature",
        &json!({ "witness": vkey, "note": note }),
    )
    .await
    .problem(422, "no_cosignature");
    s.post_json(
        "/v1/log/cosignature",
        &json!({ "witness": vkey, "note": "hello" }),
    )
    .await
    .problem(422, "bad_note");
    // A witness's name is checked before its key: a listed name with a broken key is a bad
    // key, a name the log does not list is an unknown witness, whatever follows it.
    let p = s
        .post_json(
            "/v1/log/cosignature",
            &json!({ "witness": "witness.test+nope", "note": note }),
        )
        .await
        .problem(400, "bad_key");
    assert_eq!(p["field"], "witness");
    let p = s
        .post_json(
            "/v1/log/cosignature",
            &json!({ "witness": "nope", "note": note }),
        )
        .await
        .problem(403, "unknown_witness");
    assert_eq!(p["field"], "witness");
    let p = s
        .post_json(
            "/v1/log/cosignature",
            &json!({ "witness": vkey, "note": note, "extra": 1 }),
        )
        .await
        .problem(400, "malformed");
    assert_eq!(p["field"], "extra");
    let p = s
        .post_json("/v1/log/cosignature", &json!({ "witness": vkey }))
        .await
        .problem(400, "malformed");
    assert!(p["detail"].as_str().unwrap().contains("note"), "{p}");
    let p = s
        .post_json(
            "/v1/log/cosignature",
            &json!({ "witness": 5, "note": note }),
        )
        .await
        .problem(400, "malformed");
    assert_eq!(p["field"], "witness");
    s.post("/v1/log/cosignature", "{")
        .await
        .problem(400, "malformed");
    s.post("/v1/log/cosignature", vec![b' '; 1024 * 1024])
        .await
        .problem(413, "too_large");

    // A fork: a checkpoint of the log's size with another root, cosigned by the witness, in a
    // note signed by another key of the log's name, or even by the log key itself. Neither is
    // this log's tree, so neither line may join the log's note.
    let impostor = SignerKey::from_seed(ORIGIN, Alg::Ed25519, &[5; 32]).unwrap();
    let other_tree = Checkpoint {
        root: [7; 32],
        ..cp.clone()
    };
    for signer in [&impostor, &s.keys.log] {
        let fork = snapback_log::note::sign_checkpoint(&other_tree, signer).unwrap();
        let fork = add_signatures(&fork, &[cosign(&other_tree, &w, 1).unwrap()]).unwrap();
        s.post_json(
            "/v1/log/cosignature",
            &json!({ "witness": vkey, "note": fork }),
        )
        .await
        .problem(422, "not_our_checkpoint");
    }
    // An older checkpoint in a note the log key did not sign.
    let entries = s.stored_entries().await;
    let mut tree = snapback_log::merkle::MemoryTree::new();
    for e in &entries[..3] {
        tree.push(leaf_hash(e));
    }
    let old = Checkpoint {
        size: 3,
        root: tree.root(),
        ..cp.clone()
    };
    let fake = snapback_log::note::sign_checkpoint(&old, &impostor).unwrap();
    let fake = add_signatures(&fake, &[cosign(&old, &w, 1).unwrap()]).unwrap();
    s.post_json(
        "/v1/log/cosignature",
        &json!({ "witness": vkey, "note": fake }),
    )
    .await
    .problem(422, "not_our_checkpoint");
    let (published, _) = checkpoint(&s).await;
    assert_eq!(published, note, "nothing recorded");

    // The log's own checkpoint, cosigned, in a note signed by another key of the log's name:
    // the witness line is over the log's checkpoint text, so it is recorded, and it verifies.
    let fake = snapback_log::note::sign_checkpoint(&cp, &impostor).unwrap();
    let line = cosign(&cp, &w, 2).unwrap();
    let fake = add_signatures(&fake, std::slice::from_ref(&line)).unwrap();
    let r = s
        .post_json(
            "/v1/log/cosignature",
            &json!({ "witness": vkey, "note": fake }),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let (published, _) = checkpoint(&s).await;
    let (text_cp, others) = open_checkpoint(&published, &s.keys.log.verifier()).unwrap();
    assert_eq!((text_cp, others.clone()), (cp.clone(), vec![line]));
    snapback_log::note::verify_cosignature(&cp, &others[0], &w.verifier()).unwrap();
    s.stop().await;
}

/// A witness that answers nonsense, then claims to have cosigned a larger tree than this log
/// holds: the log marks it down (the answer is not recorded, nothing else changes), then raises
/// the fork alarm; reads and writes go on throughout.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_misbehaving_witness_is_marked_down_then_alarmed_and_changes_nothing() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU32, Ordering};

    let answers = Arc::new(AtomicU32::new(0));
    let counter = Arc::clone(&answers);
    let fake = axum::Router::new().route(
        "/add-checkpoint",
        axum::routing::post(move |_body: String| {
            let n = counter.fetch_add(1, Ordering::SeqCst);
            async move {
                if n == 0 {
                    (
                        StatusCode::OK,
                        "\u{2014} w.example bm90IGEgY29zaWduYXR1cmU=\n".to_owned(),
                    )
                } else {
                    (StatusCode::CONFLICT, "999\n".to_owned())
                }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, fake).await });
    let witness = SignerKey::from_seed("w.example", Alg::CosignatureV1, &[5; 32]).unwrap();
    let charter = format!(
        "{FIVE}\n[[log.witness]]\nname = \"w.example\"\nkey = \"{}\"\nurl = \"http://{address}\"\n",
        witness.verifier()
    );
    let s = Server::start_with("misbehaving-witness", &charter).await;
    s.submit("UA", claim_filed("C1", 1)).await;
    let mut report = Value::Null;
    for _ in 0..200 {
        report = s.get("/v1/log/witnesses").await.json();
        if report["fork_alarm"] == true {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    let w = &report["witnesses"][0];
    assert_eq!(w["standing"], "fork", "{report:#}");
    assert!(
        w["alarm"]["detail"]
            .as_str()
            .unwrap()
            .contains("cosigned a tree of 999 entries"),
        "{report:#}"
    );
    assert!(w["cosigned_size"].is_null(), "{report:#}");
    assert!(answers.load(Ordering::SeqCst) >= 2);
    // The nonsense was not recorded: the checkpoint carries the log's signature alone.
    let note = s.get("/v1/log/checkpoint").await.text();
    assert!(!note.contains("w.example"), "{note}");
    let metrics = s.get("/metrics").await.text();
    assert!(
        metrics.contains("snapback_witness_up{witness=\"w.example\"} 0"),
        "{metrics}"
    );
    // Writes go on.
    s.submit("UA", claim_filed("C2", 1)).await;
    s.verify_log().await;
    s.stop().await;
}
