//! Article labels as the text cites them: splitting a citation into its labels, the anchor
//! every link to an article uses, and the natural order of labels.

use std::cmp::Ordering;

use crate::model::Article;

/// The labels an element cites: `Art. 31(1) TEU; Art. 10(2)` cites two. Empty when it cites
/// none.
pub fn article_labels(article: &Article) -> Vec<String> {
    article
        .0
        .as_deref()
        .map(|text| {
            text.split(';')
                .map(str::trim)
                .filter(|label| !label.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// The anchor of an article in the rendered text, the one function every link uses:
/// `Art. 5(2)` → `art-5-2`, `Art. 31(1) TEU` → `art-31-1-teu`, `§ 3` → `art-3`.
///
/// Letters and digits are kept (lower-cased), every other run of characters becomes one `-`.
/// An anchor that would not start with `art` is prefixed with `art-`, so every anchor is a
/// valid fragment and none collides with the page's own ids (`versions`, `parties`, ..., none
/// of which starts with `art`). Two
/// labels written differently that give the same anchor (`Art. 5(2)`, `Art 5 2`) are one
/// article of the text.
pub fn anchor(label: &str) -> String {
    let mut slug = String::with_capacity(label.len());
    let mut gap = false;
    for ch in label.chars() {
        if ch.is_alphanumeric() {
            if gap && !slug.is_empty() {
                slug.push('-');
            }
            gap = false;
            slug.extend(ch.to_lowercase());
        } else {
            gap = true;
        }
    }
    match slug.chars().next() {
        None => "art".to_owned(),
        Some(first) if first.is_alphabetic() && slug.starts_with("art") => slug,
        Some(_) => format!("art-{slug}"),
    }
}

/// One run of a label: digits compare as numbers, everything else as lower-cased text.
#[derive(Debug, PartialEq, Eq)]
enum Run<'a> {
    Number(&'a str),
    Text(&'a str),
}

fn runs(label: &str) -> Vec<Run<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut digits: Option<bool> = None;
    for (i, ch) in label.char_indices() {
        let is_digit = ch.is_ascii_digit();
        if digits.is_some_and(|d| d != is_digit) {
            out.push(run(&label[start..i], digits == Some(true)));
            start = i;
        }
        digits = Some(is_digit);
    }
    if start < label.len() {
        out.push(run(&label[start..], digits == Some(true)));
    }
    out
}

fn run(text: &str, digits: bool) -> Run<'_> {
    if digits {
        Run::Number(text)
    } else {
        Run::Text(text)
    }
}

/// Compares two runs of digits as numbers of any length (leading zeros ignored).
fn compare_numbers(a: &str, b: &str) -> Ordering {
    let (a, b) = (a.trim_start_matches('0'), b.trim_start_matches('0'));
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

/// The natural order of article labels: `Art. 2(1)` < `Art. 2(2)` < `Art. 10` < `Art. 31(1)
/// TEU`. Numbers compare by value, text without regard to case, and the text itself breaks
/// ties, so the order is total and the same on every machine.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (ra, rb) = (runs(a), runs(b));
    for (x, y) in ra.iter().zip(&rb) {
        let order = match (x, y) {
            (Run::Number(x), Run::Number(y)) => compare_numbers(x, y),
            (Run::Text(x), Run::Text(y)) => x.to_lowercase().cmp(&y.to_lowercase()),
            // A number sorts before text at the same place ("Art. 5" before "Art. A").
            (Run::Number(_), Run::Text(_)) => Ordering::Less,
            (Run::Text(_), Run::Number(_)) => Ordering::Greater,
        };
        if order != Ordering::Equal {
            return order;
        }
    }
    ra.len().cmp(&rb.len()).then_with(|| a.cmp(b))
}
