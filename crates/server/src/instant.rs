//! How pages write an instant for people: "2026-03-01 14:05:09 UTC" (the dashboard and the
//! charter's HTML text share it; the wire and the CLI keep RFC 3339), also inside text the
//! engine or the charter's words wrote.

use std::fmt::Write as _;

use jiff::Timestamp;

/// "2026-03-01 14:05:09 UTC".
pub fn readable(t: Timestamp) -> String {
    let mut out = String::new();
    if write!(out, "{}", t.strftime("%Y-%m-%d %H:%M:%S UTC")).is_err() {
        out = t.to_string();
    }
    out
}

/// `text` with every RFC 3339 instant in UTC in it (`2026-03-04T04:10:00Z`, as the engine and
/// the charter's words write them) written as [`readable`] writes it.
pub fn readable_instants(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((start, end)) = next_instant(rest) {
        out.push_str(&rest[..start]);
        match rest[start..end].parse::<Timestamp>() {
            Ok(t) => out.push_str(&readable(t)),
            Err(_) => out.push_str(&rest[start..end]),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The byte range of the first `YYYY-MM-DDTHH:MM:SS[.fff]Z` in `text`.
fn next_instant(text: &str) -> Option<(usize, usize)> {
    const SHAPE: &[u8] = b"dddd-dd-ddTdd:dd:dd";
    let bytes = text.as_bytes();
    let fits = |at: usize| {
        bytes.len() >= at + SHAPE.len()
            && SHAPE
                .iter()
                .zip(&bytes[at..])
                .all(|(shape, b)| match shape {
                    b'd' => b.is_ascii_digit(),
                    other => other == b,
                })
    };
    (0..bytes.len()).find_map(|start| {
        if !fits(start) || (start > 0 && bytes[start - 1].is_ascii_alphanumeric()) {
            return None;
        }
        let mut end = start + SHAPE.len();
        if bytes.get(end) == Some(&b'.') {
            end += 1;
            while bytes.get(end).is_some_and(u8::is_ascii_digit) {
                end += 1;
            }
        }
        // Not an instant in UTC (an offset follows): leave it, and look further on.
        (bytes.get(end) == Some(&b'Z')).then_some((start, end + 1))
    })
}

#[cfg(test)]
mod tests {
    use super::readable_instants;

    #[test]
    fn explanations_write_instants_as_the_dashboard_does() {
        assert_eq!(
            readable_instants(
                "decided by 2026-03-04T04:10:00Z (48h after filing); at 2026-03-02T12:10:00.250Z."
            ),
            "decided by 2026-03-04 04:10:00 UTC (48h after filing); at 2026-03-02 12:10:00 UTC."
        );
        // Not instants in UTC, or not instants at all: left as they are.
        for text in [
            "2026-03-04T04:10:00+02:00",
            "x2026-03-04T04:10:00Z",
            "2026-13-04T04:10:00Z",
            "2026-03-04",
            "",
            "Art. 5(2)",
        ] {
            assert_eq!(readable_instants(text), text);
        }
        assert_eq!(
            readable_instants("2026-03-04T04:10:00+02:00 then 2026-03-04T04:10:00Z"),
            "2026-03-04T04:10:00+02:00 then 2026-03-04 04:10:00 UTC"
        );
    }
}
