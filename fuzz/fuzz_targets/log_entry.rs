//! Any bytes given as a log entry either fail to parse or are canonical: re-encoding a parsed
//! entry gives the same bytes back, and its signature check never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use snapback_log::entry::Entry;

fuzz_target!(|data: &[u8]| {
    if let Ok(entry) = Entry::parse(data) {
        assert_eq!(entry.canonical().expect("a parsed entry re-encodes"), data);
        let _ = entry.verify(&[]);
        let _ = entry.body.id();
    }
});
