//! Any body posted to a witness's `add-checkpoint` is either refused with one of the protocol's
//! statuses, leaving the witness's state as it was, or cosigned, moving the state to exactly the
//! checkpoint cosigned, never backwards.
#![no_main]

use std::collections::BTreeMap;

use libfuzzer_sys::fuzz_target;
use snapback_log::keys::{Alg, SignerKey};
use snapback_log::merkle::leaf_hash;
use snapback_log::witness::{Cosigned, Witness, parse_add_checkpoint};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(request) = parse_add_checkpoint(text) else {
        return;
    };
    assert!(request.proof.len() <= 63);
    let (Ok(log), Ok(key)) = (
        SignerKey::from_seed("log.example/snapback", Alg::Ed25519, &[7; 32]),
        SignerKey::from_seed("witness.example/w1", Alg::CosignatureV1, &[9; 32]),
    ) else {
        return;
    };
    let witness = Witness::new(key, vec![log.verifier()]);
    let before = Cosigned {
        size: 2,
        root: leaf_hash(b"any root"),
    };
    let mut state = BTreeMap::from([("log.example/snapback".to_owned(), before)]);
    match witness.add_checkpoint(&request, &mut state, 1) {
        Ok(_) => {
            let after = state["log.example/snapback"];
            assert!(after.size >= before.size);
        }
        Err(refusal) => {
            assert!([400, 403, 404, 409, 422].contains(&refusal.status()));
            assert_eq!(state["log.example/snapback"], before);
        }
    }
});
