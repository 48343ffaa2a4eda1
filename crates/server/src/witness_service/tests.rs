//! The witness over HTTP: cosignatures verify, the protocol's statuses and content type, the
//! state survives a restart (a restarted witness still refuses a rollback or a fork), and bodies
//! are bounded.

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt as _;
use snapback_log::keys::{Alg, SignerKey};
use snapback_log::merkle::{MemoryTree, consistency_proof, leaf_hash};
use snapback_log::note::{
    Checkpoint, open_checkpoint, parse_note, sign_checkpoint, verify_cosignature,
};
use snapback_log::witness::{AddCheckpoint, format_add_checkpoint};
use tower::ServiceExt as _;

use super::*;

const ORIGIN: &str = "log.example/snapback";

fn log_key(seed: u8) -> SignerKey {
    SignerKey::from_seed(ORIGIN, Alg::Ed25519, &[seed; 32]).unwrap()
}

fn witness_key() -> SignerKey {
    SignerKey::from_seed("witness.example/w1", Alg::CosignatureV1, &[9; 32]).unwrap()
}

fn tree(prefix: &str, n: u64) -> MemoryTree {
    let mut t = MemoryTree::new();
    for i in 0..n {
        t.push(leaf_hash(format!("{prefix} {i}").as_bytes()));
    }
    t
}

fn body(key: &SignerKey, t: &MemoryTree, old: u64) -> String {
    let cp = Checkpoint {
        origin: ORIGIN.to_owned(),
        size: t.size(),
        root: t.root(),
        extensions: Vec::new(),
    };
    let proof = if old > 0 {
        consistency_proof(t, old, t.size()).unwrap()
    } else {
        Vec::new()
    };
    format_add_checkpoint(&AddCheckpoint {
        old_size: old,
        proof,
        checkpoint: sign_checkpoint(&cp, key).unwrap(),
    })
}

fn service(path: &Path) -> WitnessService {
    let witness = Witness::new(witness_key(), vec![log_key(7).verifier()]);
    WitnessService::new(witness, WitnessState::open(path).unwrap()).with_clock(|| 1_767_225_600)
}

async fn post(service: &WitnessService, body: impl Into<Body>) -> (StatusCode, String, String) {
    let request = Request::post("/add-checkpoint").body(body.into()).unwrap();
    let response = witness_app(service.clone()).oneshot(request).await.unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        content_type,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

fn state_path(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("snapback-witness-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("state.json")
}

#[tokio::test]
async fn a_consistent_checkpoint_gets_a_cosignature_that_verifies() {
    let path = state_path("cosign");
    let s = service(&path);
    let t = tree("entry", 5);
    let (status, _, answer) = post(&s, body(&log_key(7), &t, 0)).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert!(answer.starts_with("\u{2014} witness.example/w1 ") && answer.ends_with('\n'));
    // The client appends the line to the checkpoint and verifies it with the witness key.
    let note = format!(
        "{}{answer}",
        body(&log_key(7), &t, 0).split_once("\n\n").unwrap().1
    );
    let parsed = parse_note(&note).unwrap();
    let (cp, _) = open_checkpoint(&note, &log_key(7).verifier()).unwrap();
    let line = parsed.signatures.last().unwrap();
    assert_eq!(
        verify_cosignature(&cp, line, &witness_key().verifier()).unwrap(),
        1_767_225_600
    );
    let t = tree("entry", 9);
    let (status, _, answer) = post(&s, body(&log_key(7), &t, 5)).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}

#[tokio::test]
async fn the_protocol_s_refusals_have_their_statuses() {
    let path = state_path("refusals");
    let s = service(&path);
    let t = tree("entry", 4);
    assert_eq!(post(&s, body(&log_key(7), &t, 0)).await.0, StatusCode::OK);
    let longer = tree("entry", 6);
    // A stale old size: 409 with the size cosigned, as text/x.tlog.size.
    let (status, content_type, answer) = post(&s, body(&log_key(7), &longer, 0)).await;
    assert_eq!(
        (status, content_type.as_str(), answer.as_str()),
        (StatusCode::CONFLICT, "text/x.tlog.size", "4\n")
    );
    // A fork of the same size: 422, never cosigned.
    let fork = tree("forged", 4);
    assert_eq!(
        post(&s, body(&log_key(7), &fork, 4)).await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    // Not signed by the log's key: 403. Another origin: 404. Garbage: 400.
    assert_eq!(
        post(&s, body(&log_key(8), &longer, 4)).await.0,
        StatusCode::FORBIDDEN
    );
    let other = body(&log_key(7), &longer, 4).replace(ORIGIN, "other.example/log");
    assert_eq!(post(&s, other).await.0, StatusCode::NOT_FOUND);
    assert_eq!(post(&s, "old x\n\n").await.0, StatusCode::BAD_REQUEST);
    assert_eq!(post(&s, vec![0xff, 0xfe]).await.0, StatusCode::BAD_REQUEST);
    // Bounded: a body over the limit is refused before it is read whole.
    let huge = "A".repeat(BODY_MAX_BYTES + 1);
    assert_eq!(post(&s, huge).await.0, StatusCode::PAYLOAD_TOO_LARGE);
    // None of these moved the witness.
    assert_eq!(
        post(&s, body(&log_key(7), &longer, 4)).await.0,
        StatusCode::OK
    );
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}

#[tokio::test]
async fn a_restarted_witness_remembers_and_still_refuses_a_rollback() {
    let path = state_path("restart");
    let t = tree("entry", 7);
    assert_eq!(
        post(&service(&path), body(&log_key(7), &t, 0)).await.0,
        StatusCode::OK
    );
    // A new process reads the same file.
    let again = service(&path);
    assert_eq!(
        again.state.lock().unwrap().latest(ORIGIN).map(|c| c.size),
        Some(7)
    );
    let shorter = tree("entry", 3);
    let (status, _, answer) = post(&again, body(&log_key(7), &shorter, 0)).await;
    assert_eq!((status, answer.as_str()), (StatusCode::CONFLICT, "7\n"));
    let fork = tree("forged", 7);
    assert_eq!(
        post(&again, body(&log_key(7), &fork, 7)).await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    // A state file that is not one is named, not overwritten.
    std::fs::write(&path, "{ not json").unwrap();
    let e = WitnessState::open(&path).unwrap_err().to_string();
    assert!(
        e.contains("state.json") && e.contains("not a witness state file"),
        "{e}"
    );
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}
