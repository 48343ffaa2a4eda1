//! What an amendment changed: the provisions of two versions paired by key, each added,
//! removed, or changed with the old and new wording of every parameter that differs.

use jiff::Timestamp;

use crate::model::Charter;

use super::Words;
use super::provision::{self, Provision, ProvisionKind};

/// How a provision changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeKind {
    Added,
    Removed,
    /// Its parameters (and, as `Article` and `Heading`, where it sits and what it is called)
    /// that differ.
    Changed(Vec<ClauseChange>),
}

/// One parameter's old and new wording (`None` where the version does not have it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClauseChange {
    pub name: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// One provision's change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub kind: ProvisionKind,
    pub key: String,
    pub heading: String,
    /// Where it sits: the new version's articles (the old version's, for a removal).
    pub articles: Vec<String>,
    pub change: ChangeKind,
}

impl Change {
    /// "Body: Council (council)", or the kind alone ("Escalation").
    pub fn title(&self, w: Words) -> String {
        provision::title(self.kind, &self.heading, w)
    }
}

/// What `to` changed against `from`, the version before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionDiff {
    pub from_version: String,
    pub to_version: String,
    pub effective: Timestamp,
    /// In the new version's order, then the removals in the old version's.
    pub changes: Vec<Change>,
}

fn flattened(c: &Charter, w: Words) -> Vec<Provision> {
    let (mut all, rest) = provision::all(c, w);
    all.extend(rest);
    all
}

/// The differences between two versions.
pub(super) fn between(from: &Charter, to: &Charter, w: Words) -> VersionDiff {
    let (old, new) = (flattened(from, w), flattened(to, w));
    let mut changes = Vec::new();
    for p in &new {
        match old.iter().find(|q| q.key == p.key) {
            None => changes.push(change(p, ChangeKind::Added)),
            Some(q) => {
                let clauses = compare(q, p, w);
                if !clauses.is_empty() {
                    changes.push(change(p, ChangeKind::Changed(clauses)));
                }
            }
        }
    }
    for q in &old {
        if !new.iter().any(|p| p.key == q.key) {
            changes.push(change(q, ChangeKind::Removed));
        }
    }
    VersionDiff {
        from_version: from.version.clone(),
        to_version: to.version.clone(),
        effective: to.effective,
        changes,
    }
}

fn change(p: &Provision, kind: ChangeKind) -> Change {
    Change {
        kind: p.kind,
        key: p.key.clone(),
        heading: p.heading.clone(),
        articles: p.articles.clone(),
        change: kind,
    }
}

/// The parameters that differ, in the new version's order, then those it dropped.
fn compare(old: &Provision, new: &Provision, w: Words) -> Vec<ClauseChange> {
    let mut out = Vec::new();
    let mut differ = |name: &str, a: Option<String>, b: Option<String>| {
        if a != b {
            out.push(ClauseChange {
                name: name.to_owned(),
                old: a,
                new: b,
            });
        }
    };
    let cited = |p: &Provision| (!p.articles.is_empty()).then(|| p.articles.join("; "));
    differ(&w.msg("c-article"), cited(old), cited(new));
    differ(
        &w.msg("c-heading"),
        Some(old.heading.clone()),
        Some(new.heading.clone()),
    );
    let text = |p: &Provision, name: &str| {
        p.clauses
            .iter()
            .find(|c| c.name == name)
            .map(|c| c.text.clone())
    };
    for c in &new.clauses {
        differ(&c.name, text(old, &c.name), Some(c.text.clone()));
    }
    for c in &old.clauses {
        if text(new, &c.name).is_none() {
            differ(&c.name, Some(c.text.clone()), None);
        }
    }
    out
}
