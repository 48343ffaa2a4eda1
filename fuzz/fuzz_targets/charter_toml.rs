//! Any text given to the charter loader yields a charter or located errors, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use snapback_charter::{Source, load_toml};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let source = Source::new("fuzz.toml", text);
        if let Err(d) = load_toml(&source) {
            for e in &d.errors {
                // Locations must lie inside the text.
                assert!(e.line <= text.lines().count() + 1);
            }
        }
    }
});
