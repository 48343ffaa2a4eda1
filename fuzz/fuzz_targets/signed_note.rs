//! Any text given as a signed note or a checkpoint either fails to parse or round-trips.
#![no_main]

use libfuzzer_sys::fuzz_target;
use snapback_log::note::{Checkpoint, format_note, parse_note, verify_note};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(note) = parse_note(text) {
        assert_eq!(format_note(&note), text);
        let _ = verify_note(text, &[]);
        if let Ok(cp) = Checkpoint::parse(&note.text) {
            assert_eq!(cp.to_text(), note.text);
        }
    }
    if let Ok(cp) = Checkpoint::parse(text) {
        assert_eq!(cp.to_text(), text);
    }
});
