//! "Did you mean": the closest valid name to a misspelt one, by edit distance, for every input
//! that names keys, event types or variants (charters, scenarios, simulation configs, events).

/// The most names listed when none is close enough to suggest.
const LISTED_MAX: usize = 16;

/// The candidate closest to `word`, if it is close enough to be a likely misspelling: at most one
/// edit for short words, and at most a third of the word's length for longer ones (adjacent
/// transpositions count as one edit). Ties go to the earlier candidate, so the answer is stable.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let lower = word.to_lowercase();
    let allowed = (word.chars().count() / 3).max(1);
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        if candidate == word {
            continue;
        }
        let distance = strsim::damerau_levenshtein(&lower, &candidate.to_lowercase());
        if distance <= allowed && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// The help for an unknown name: the suggestion if one is close, otherwise the valid names
/// (`what` says what they are, e.g. "keys"), at most [`LISTED_MAX`] of them.
pub fn unknown_name_help(word: &str, what: &str, candidates: &[&str]) -> String {
    if let Some(close) = did_you_mean(word, candidates.iter().copied()) {
        return format!("did you mean `{close}`?");
    }
    if candidates.is_empty() {
        return format!("no {what} are allowed here; remove it");
    }
    let shown: Vec<&str> = candidates.iter().copied().take(LISTED_MAX).collect();
    let more = candidates.len().saturating_sub(LISTED_MAX);
    let tail = if more > 0 {
        format!(" (and {more} more)")
    } else {
        String::new()
    };
    format!("the {what} allowed here are: {}{tail}", shown.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_closest_name_within_reach() {
        let keys = ["claim", "category", "severity", "summary", "location"];
        assert_eq!(did_you_mean("severty", keys), Some("severity"));
        assert_eq!(did_you_mean("catgeory", keys), Some("category"));
        assert_eq!(did_you_mean("Summary", keys), Some("summary"));
        assert_eq!(
            did_you_mean("decide_witin", ["decide_within", "body"]),
            Some("decide_within")
        );
        assert_eq!(
            did_you_mean("fliped", ["standard", "flipped"]),
            Some("flipped")
        );
    }

    #[test]
    fn suggests_nothing_when_no_name_is_close() {
        let keys = ["claim", "category", "severity"];
        assert_eq!(did_you_mean("colour", keys), None);
        assert_eq!(did_you_mean("x", ["y1", "zz"]), None);
        assert_eq!(
            did_you_mean("claim", keys),
            None,
            "an exact name is no typo"
        );
        assert_eq!(did_you_mean("anything", []), None);
    }

    #[test]
    fn ties_go_to_the_earlier_candidate() {
        assert_eq!(did_you_mean("bat", ["cat", "hat"]), Some("cat"));
        assert_eq!(did_you_mean("bat", ["hat", "cat"]), Some("hat"));
    }

    #[test]
    fn help_suggests_or_lists_a_short_set() {
        assert_eq!(
            unknown_name_help("severty", "keys", &["claim", "severity"]),
            "did you mean `severity`?"
        );
        assert_eq!(
            unknown_name_help("colour", "keys", &["claim", "severity"]),
            "the keys allowed here are: claim, severity"
        );
        let many: Vec<String> = (0..20).map(|i| format!("key{i:02}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        let help = unknown_name_help("zzzzzz", "keys", &many);
        assert!(help.ends_with("key15 (and 4 more)"), "{help}");
        assert_eq!(
            unknown_name_help("extra", "keys", &[]),
            "no keys are allowed here; remove it"
        );
    }
}
