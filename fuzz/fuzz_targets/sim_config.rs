//! Any text given as a simulation config yields a config or located errors, never a panic; a
//! config that parses makes variants from a small charter (or a variant error), never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use snapback_charter::Source;
use snapback_sim::{Sweep, parse_config};

const CHARTER: &str = "[charter]\nid = \"f\"\ntitle = \"f\"\nversion = \"1\"\neffective = 2026-01-01T00:00:00Z\nbeneficiary = \"UA\"\n\n[[party]]\nid = \"UA\"\nname = \"UA\"\nroles = [\"beneficiary\"]\n\n[[party]]\nid = \"A\"\nname = \"A\"\nroles = [\"guarantor\"]\n\n[[body]]\nid = \"ministers\"\nmembers = { role = \"guarantor\" }\nrule = \"majority\"\n\n[verification]\nclaimants = [\"UA\"]\nbody = \"ministers\"\ndecide_within = \"48h\"\nburden = \"flipped\"\n\n[escalation]\nwindow = \"7d\"\nthreshold = 3\ntier = \"any\"\n\n[[tier]]\nid = \"any\"\nmin_severity = 1\npackages = []\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match parse_config(&Source::new("fuzz.toml", text)) {
        Ok(config) => {
            let _ = Sweep::new(config, &Source::new("charter.toml", CHARTER));
        }
        Err(d) => {
            for e in &d.errors {
                assert!(e.line <= text.lines().count() + 1);
            }
        }
    }
});
