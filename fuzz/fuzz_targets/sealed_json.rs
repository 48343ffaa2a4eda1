//! Any bytes given as a submission's `sealed` payload either fail to parse or yield a salt that
//! round-trips and a commitment of the documented shape, the same every time; a malformed salt
//! is refused, never a panic. Nonces: any string is judged without panicking, and an accepted one
//! is 1 to 64 id characters.
#![no_main]

use libfuzzer_sys::fuzz_target;
use snapback_log::entry::check_nonce;
use snapback_log::sealed::{Sealed, commitment};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if check_nonce(text).is_ok() {
            assert!((1..=64).contains(&text.len()), "{text:?}");
            assert!(
                text.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | ':' | '-'))
            );
        }
    }
    let Ok(sealed) = serde_json::from_slice::<Sealed>(data) else {
        return;
    };
    match sealed.salt_bytes() {
        Ok(salt) => {
            let hex: String = salt.iter().map(|b| format!("{b:02x}")).collect();
            assert_eq!(hex, sealed.salt, "the salt round-trips");
            if let Ok(c) = sealed.commitment() {
                assert_eq!(c.len(), "sha256:".len() + 64);
                assert!(c.starts_with("sha256:"));
                assert_eq!(commitment(&salt, &sealed.content).ok(), Some(c));
            }
        }
        Err(_) => assert!(sealed.commitment().is_err()),
    }
});
