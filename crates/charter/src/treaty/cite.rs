//! Finding the articles an explanation cites, so a reader can follow each to its place in the
//! text. Explanations are plain strings (the engine writes no markup); a writer splits them into
//! text and article segments and links the latter.

use super::anchor::anchor;

/// A piece of an explanation: plain text, or an article label the charter defines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment<'a> {
    Text(&'a str),
    Article { label: &'a str, anchor: String },
}

/// Splits `text` into text and article segments. `labels` are the charter's article labels;
/// at each place the longest label that matches exactly is taken, and only where it stands
/// alone: not inside a word or number (`Art. 1` is not found in `Art. 10`) and not followed by
/// a paragraph the charter does not define (`Art. 5` is not found in `Art. 5(3)`).
pub fn segments<'a>(text: &'a str, labels: &[String]) -> Vec<Segment<'a>> {
    let mut known: Vec<&str> = labels
        .iter()
        .map(String::as_str)
        .filter(|l| !l.is_empty())
        .collect();
    known.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    known.dedup();
    let mut out = Vec::new();
    let mut plain_from = 0;
    let mut at = 0;
    while at < text.len() {
        let found = known
            .iter()
            .find(|label| text[at..].starts_with(**label) && stands_alone(text, at, label));
        if let Some(label) = found {
            if plain_from < at {
                out.push(Segment::Text(&text[plain_from..at]));
            }
            let end = at + label.len();
            out.push(Segment::Article {
                label: &text[at..end],
                anchor: anchor(label),
            });
            at = end;
            plain_from = end;
        } else {
            at += text[at..].chars().next().map_or(1, char::len_utf8);
        }
    }
    if plain_from < text.len() {
        out.push(Segment::Text(&text[plain_from..]));
    }
    out
}

/// Whether `label`, found at byte `at` of `text`, is not part of a longer word or citation.
fn stands_alone(text: &str, at: usize, label: &str) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at + label.len()..].chars().next();
    let starts_word = label.chars().next().is_some_and(char::is_alphanumeric);
    let ends_word = label.chars().next_back().is_some_and(char::is_alphanumeric);
    let clear_before = !(starts_word && before.is_some_and(char::is_alphanumeric));
    let clear_after = !(ends_word && after.is_some_and(|c| c.is_alphanumeric() || c == '('));
    clear_before && clear_after
}

/// The article labels `text` cites, each once, in the order they first appear.
pub fn cited(text: &str, labels: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for segment in segments(text, labels) {
        if let Segment::Article { label, .. } = segment
            && !out.iter().any(|l| l == label)
        {
            out.push(label.to_owned());
        }
    }
    out
}
