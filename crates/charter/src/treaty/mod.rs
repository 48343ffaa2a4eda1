//! The charter as the document lawyers read: a typed treaty text built from a charter's history.
//!
//! One model, several writers: [`TreatyText`] holds the version shown (the one in force), the
//! list of versions with their effective instants, the parties, the articles in natural order
//! (each with every element that cites it, worded with its parameters), the elements that cite
//! no article, and what each later version changed against the one before. The Markdown writer
//! is [`markdown`]; the HTML writer lives in the server crate (maud), which the CLI and the
//! dashboard share. Every link to an article uses [`anchor`].

mod anchor;
mod cite;
mod diff;
mod instruments;
pub mod markdown;
mod procedure;
mod provision;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_uk;

use std::cmp::Ordering;

use jiff::Timestamp;
use snapback_i18n::{Catalog, Messages};

use crate::Lang;
use crate::history::CharterHistory;
use crate::model::Charter;

pub use anchor::{anchor, article_labels, natural_cmp};
pub use cite::{Segment, cited, segments};
pub use diff::{Change, ChangeKind, ClauseChange, VersionDiff};
pub use provision::{Clause, Provision, ProvisionKind};

/// The treaty text's words in both languages: what each element and parameter is called, and the
/// headings the Markdown and HTML writers use.
pub static WORDS: Catalog = snapback_i18n::catalog!("crates/charter", "treaty");

/// The treaty text's words in one language.
pub type Words = Messages<'static>;

/// One version of the charter as the text lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionEntry {
    pub version: String,
    pub title: String,
    pub effective: Timestamp,
    /// Whether this is the version whose articles the text shows.
    pub shown: bool,
}

/// One article: every element citing it, in charter order. Labels written differently that
/// share an anchor are one article; `labels` holds each spelling, the first in natural order
/// first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleSection {
    pub anchor: String,
    pub labels: Vec<String>,
    pub provisions: Vec<Provision>,
}

impl ArticleSection {
    /// The heading: the label, or every spelling of it.
    pub fn heading(&self) -> String {
        self.labels.join(" / ")
    }
}

/// The charter as a treaty text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreatyText {
    /// The language the text is worded in (the charter's own names and descriptions are as the
    /// charter writes them).
    pub lang: Lang,
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    /// The version shown.
    pub version: String,
    pub effective: Timestamp,
    /// Every version, oldest first.
    pub versions: Vec<VersionEntry>,
    /// The charter itself (its beneficiary) and its parties: who the text binds.
    pub preamble: Vec<Provision>,
    /// In the natural order of their labels.
    pub articles: Vec<ArticleSection>,
    /// Elements that cite no article, in charter order.
    pub unnumbered: Vec<Provision>,
    /// For each version after the first, what changed against the one before.
    pub diffs: Vec<VersionDiff>,
}

impl TreatyText {
    /// The text of the version in force at `at` (the latest version when `at` is `None`, or
    /// the first when none is in force yet), with every version listed and every amendment's
    /// changes.
    pub fn new(history: &CharterHistory, at: Option<Timestamp>, lang: Lang) -> Self {
        let versions = history.versions();
        let shown = at
            .and_then(|t| history.in_force(t))
            .or_else(|| {
                if at.is_some() {
                    versions.first()
                } else {
                    versions.last()
                }
            })
            .map(|c| &**c);
        let entries = versions
            .iter()
            .map(|c| VersionEntry {
                version: c.version.clone(),
                title: c.title.clone(),
                effective: c.effective,
                shown: shown.is_some_and(|s| s.version == c.version),
            })
            .collect();
        let diffs = versions
            .windows(2)
            .filter_map(|pair| match pair {
                [old, new] => Some(diff::between(old, new, WORDS.lang(lang))),
                _ => None,
            })
            .collect();
        let mut text = match shown {
            Some(c) => Self::of(c, lang),
            None => Self::empty(lang),
        };
        text.versions = entries;
        text.diffs = diffs;
        text
    }

    /// The text of one charter version on its own (no other versions, no changes).
    pub fn of(charter: &Charter, lang: Lang) -> Self {
        let (preamble, provisions) = provision::all(charter, WORDS.lang(lang));
        let (articles, unnumbered) = arrange(provisions);
        Self {
            lang,
            id: charter.id.clone(),
            title: charter.title.clone(),
            description: charter.description.clone(),
            version: charter.version.clone(),
            effective: charter.effective,
            versions: vec![VersionEntry {
                version: charter.version.clone(),
                title: charter.title.clone(),
                effective: charter.effective,
                shown: true,
            }],
            preamble,
            articles,
            unnumbered,
            diffs: Vec::new(),
        }
    }

    fn empty(lang: Lang) -> Self {
        Self {
            lang,
            id: String::new(),
            title: String::new(),
            description: None,
            version: String::new(),
            effective: Timestamp::UNIX_EPOCH,
            versions: Vec::new(),
            preamble: Vec::new(),
            articles: Vec::new(),
            unnumbered: Vec::new(),
            diffs: Vec::new(),
        }
    }

    /// The text's words, in its language.
    pub fn words(&self) -> Words {
        WORDS.lang(self.lang)
    }

    /// The article with this anchor.
    pub fn article(&self, anchor: &str) -> Option<&ArticleSection> {
        self.articles.iter().find(|a| a.anchor == anchor)
    }
}

/// Groups provisions by the anchors of the articles they cite (an element citing two appears
/// under each), articles in natural order; the rest are unnumbered.
fn arrange(provisions: Vec<Provision>) -> (Vec<ArticleSection>, Vec<Provision>) {
    let mut articles: Vec<ArticleSection> = Vec::new();
    let mut unnumbered = Vec::new();
    for p in provisions {
        if p.articles.is_empty() {
            unnumbered.push(p);
            continue;
        }
        for label in &p.articles {
            let key = anchor(label);
            let section = match articles.iter_mut().position(|a| a.anchor == key) {
                Some(i) => &mut articles[i],
                None => {
                    articles.push(ArticleSection {
                        anchor: key,
                        labels: Vec::new(),
                        provisions: Vec::new(),
                    });
                    let last = articles.len() - 1;
                    &mut articles[last]
                }
            };
            if !section.labels.contains(label) {
                section.labels.push(label.clone());
                section.labels.sort_by(|a, b| natural_cmp(a, b));
            }
            if !section.provisions.iter().any(|q| q.key == p.key) {
                section.provisions.push(p.clone());
            }
        }
    }
    articles.sort_by(|a, b| match (a.labels.first(), b.labels.first()) {
        (Some(x), Some(y)) => natural_cmp(x, y),
        _ => Ordering::Equal,
    });
    (articles, unnumbered)
}

/// Every article label the history's versions cite, each once, in natural order: what an
/// explanation's citations are matched against.
pub fn history_labels(history: &CharterHistory) -> Vec<String> {
    let mut labels: Vec<String> = history
        .versions()
        .iter()
        .flat_map(|c| charter_labels(c))
        .collect();
    labels.sort_by(|a, b| natural_cmp(a, b));
    labels.dedup();
    labels
}

/// Every article label one charter version cites, each once, in natural order.
pub fn charter_labels(charter: &Charter) -> Vec<String> {
    // Labels are the charter's own: the language of the words around them does not matter.
    let (_, provisions) = provision::all(charter, WORDS.lang(Lang::En));
    let mut labels: Vec<String> = provisions.into_iter().flat_map(|p| p.articles).collect();
    labels.sort_by(|a, b| natural_cmp(a, b));
    labels.dedup();
    labels
}
