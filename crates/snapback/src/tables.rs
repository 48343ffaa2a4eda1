//! Plain-text tables for the reports of `fund` and `capabilities`.

use std::fmt::Write as _;

/// A table; `align` has one letter per column, `l` (left) or `r` (right).
pub fn table(out: &mut String, align: &str, headers: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut text = String::from(" ");
        for ((cell, w), a) in cells
            .zip(&widths)
            .zip(align.chars().chain(std::iter::repeat('l')))
        {
            if a == 'r' {
                let _ = write!(text, " {cell:>w$}");
            } else {
                let _ = write!(text, " {cell:<w$}");
            }
            text.push(' ');
        }
        text.trim_end().to_owned()
    };
    let _ = writeln!(out, "{}", line(&mut headers.iter().copied()));
    for row in rows {
        let _ = writeln!(out, "{}", line(&mut row.iter().map(String::as_str)));
    }
}

/// A table, or `  none` when it has no rows.
pub fn table_or_none(out: &mut String, align: &str, headers: &[&str], rows: &[Vec<String>]) {
    if rows.is_empty() {
        let _ = writeln!(out, "  none");
    } else {
        table(out, align, headers, rows);
    }
}

/// The value, or `-` when there is none.
pub fn or_dash<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(|| "-".to_owned(), |v| v.to_string())
}

/// A titled table after a blank line, or nothing when it has no rows.
pub fn section_if_any(
    out: &mut String,
    title: &str,
    align: &str,
    headers: &[&str],
    rows: &[Vec<String>],
) {
    if !rows.is_empty() {
        let _ = writeln!(out, "\n{title}");
        table(out, align, headers, rows);
    }
}
