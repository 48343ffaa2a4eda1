//! # snapback-interop
//!
//! Importers and exporters of formats other than snapback's own: the Kiel Institute's Ukraine
//! Support Tracker panel (`kiel`), the IATI export of the fund's transactions (`iati`), and the
//! capability tracker's CSV of commitments and deliveries (`capability_csv`), a daily series of
//! counts that the simulator is calibrated on (`daily_series`), over one CSV reader
//! with located errors (`csv_file`); `slug` makes ids from names for both the Kiel import and
//! the IATI export.
//!
//! Pure, like `snapback_charter::load_toml`: handed a file's text and name (a `Source`), never
//! opening files; it returns typed values, or errors located at `name:line:col` with the
//! column's name and a help text. The binary reads and writes the files.

pub mod capability_csv;
pub mod csv_file;
pub mod daily_series;
pub mod iati;
pub mod kiel;
pub mod monitor_csv;

/// A lowercase id from a name: spaces become `-`, letters and digits stay, the rest is dropped.
pub(crate) fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().chars() {
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        } else if c.is_ascii_alphanumeric() || c == '-' {
            out.push(c.to_ascii_lowercase());
        }
    }
    out.trim_matches('-').to_owned()
}
