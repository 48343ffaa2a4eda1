//! One element of the charter as the text words it: a provision with its parameters.

use crate::model::{Article, Charter};
use crate::{PartyIdx, Window};

use super::Words;
use super::anchor::article_labels;

/// What kind of element a provision words. Every kind of element the charter model has is
/// here; the module's tests walk every field of `Charter` so a new kind cannot be left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProvisionKind {
    Charter,
    Party,
    Body,
    Verification,
    EvidenceRule,
    Stage,
    Tier,
    Escalation,
    Package,
    PackageDecision,
    Obligation,
    Fund,
    FundCap,
    FundSurge,
    FundTranche,
    FundProgramme,
    FundBoard,
    Capabilities,
    TrainingCentre,
    Restriction,
    Measure,
    Renewal,
    ReliefReview,
    Alert,
    Truce,
    Log,
}

impl ProvisionKind {
    /// Every kind, in the order the text places them.
    pub const ALL: [ProvisionKind; 26] = [
        Self::Charter,
        Self::Party,
        Self::Body,
        Self::Verification,
        Self::EvidenceRule,
        Self::Stage,
        Self::Tier,
        Self::Escalation,
        Self::Package,
        Self::PackageDecision,
        Self::Obligation,
        Self::Fund,
        Self::FundCap,
        Self::FundSurge,
        Self::FundTranche,
        Self::FundProgramme,
        Self::FundBoard,
        Self::Capabilities,
        Self::TrainingCentre,
        Self::Restriction,
        Self::Measure,
        Self::Renewal,
        Self::ReliefReview,
        Self::Alert,
        Self::Truce,
        Self::Log,
    ];

    /// The kind as a heading word in the text's language: "Body", "Package decision" (message
    /// `kind-NAME`).
    pub fn title(self, w: Words) -> String {
        w.msg(&format!("kind-{}", self.name()))
    }

    /// The kind as an identifier (`package-decision`), for keys and markup.
    pub fn name(self) -> &'static str {
        match self {
            Self::Charter => "charter",
            Self::Party => "party",
            Self::Body => "body",
            Self::Verification => "verification",
            Self::EvidenceRule => "evidence-rule",
            Self::Stage => "stage",
            Self::Tier => "tier",
            Self::Escalation => "escalation",
            Self::Package => "package",
            Self::PackageDecision => "package-decision",
            Self::Obligation => "obligation",
            Self::Fund => "fund",
            Self::FundCap => "fund-cap",
            Self::FundSurge => "fund-surge",
            Self::FundTranche => "fund-tranche",
            Self::FundProgramme => "fund-programme",
            Self::FundBoard => "fund-board",
            Self::Capabilities => "capabilities",
            Self::TrainingCentre => "training-centre",
            Self::Restriction => "restriction",
            Self::Measure => "measure",
            Self::Renewal => "renewal",
            Self::ReliefReview => "relief-review",
            Self::Alert => "alert",
            Self::Truce => "truce",
            Self::Log => "log",
        }
    }
}

/// One parameter in words: "Deadline" → "48h after the filing".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub name: String,
    pub text: String,
}

/// One element of the charter worded with its parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provision {
    pub kind: ProvisionKind,
    /// Stable across versions: `body:ministers`, `package:eu-sanctions/obligation:2`. The
    /// differences between versions pair provisions by it.
    pub key: String,
    /// The element's name and id: "Guarantors' Foreign Ministers (ministers)".
    pub heading: String,
    /// The article labels it appears under (its own, or, for a part of a larger element that
    /// cites none, the larger element's).
    pub articles: Vec<String>,
    pub clauses: Vec<Clause>,
}

impl Provision {
    pub(super) fn new(kind: ProvisionKind, key: impl Into<String>, heading: String) -> Self {
        Self {
            kind,
            key: key.into(),
            heading,
            articles: Vec::new(),
            clauses: Vec::new(),
        }
    }

    /// Cites `article`, or `parent` when it cites none.
    pub(super) fn under(mut self, article: &Article, parent: &Article) -> Self {
        self.articles = article_labels(article);
        if self.articles.is_empty() {
            self.articles = article_labels(parent);
        }
        self
    }

    /// The kind and heading as a title: "Body: Council of the European Union (eu-council)",
    /// or the kind alone when the heading only repeats it ("Escalation").
    pub fn title(&self, w: Words) -> String {
        title(self.kind, &self.heading, w)
    }

    pub(super) fn clause(mut self, name: String, text: impl Into<String>) -> Self {
        self.clauses.push(Clause {
            name,
            text: text.into(),
        });
        self
    }

    pub(super) fn maybe(self, name: String, text: Option<String>) -> Self {
        match text {
            Some(text) => self.clause(name, text),
            None => self,
        }
    }
}

/// A kind and heading as a title (see [`Provision::title`]).
pub(super) fn title(kind: ProvisionKind, heading: &str, w: Words) -> String {
    let kind = kind.title(w);
    if heading == kind {
        heading.to_owned()
    } else {
        w.msg_args(
            "provision-title",
            &[("kind", kind.into()), ("heading", heading.into())],
        )
    }
}

/// "Guarantors' Foreign Ministers (ministers)", or the id alone when the name repeats it.
pub(super) fn named(name: &str, id: &str) -> String {
    if name.is_empty() || name == id {
        id.to_owned()
    } else {
        format!("{name} ({id})")
    }
}

/// A party by name and id.
pub(super) fn party(charter: &Charter, idx: PartyIdx) -> String {
    let p = charter.party(idx);
    named(&p.name, p.id.as_str())
}

/// Parties by id: "US, GB, CA".
pub(super) fn party_ids(charter: &Charter, parties: &[PartyIdx]) -> String {
    let ids: Vec<&str> = parties
        .iter()
        .map(|p| charter.party(*p).id.as_str())
        .collect();
    ids.join(", ")
}

/// A participation window in words, `None` when it is unbounded.
pub(super) fn window(window: &Window, w: Words) -> Option<String> {
    let from = window.from.map(|t| ("from", t.to_string().into()));
    let until = window.until.map(|t| ("until", t.to_string().into()));
    match (from, until) {
        (None, None) => None,
        (Some(from), None) => Some(w.msg_args("window-from", &[from])),
        (None, Some(until)) => Some(w.msg_args("window-until", &[until])),
        (Some(from), Some(until)) => Some(w.msg_args("window-from-until", &[from, until])),
    }
}

/// Every provision of a charter in charter order: the preamble (the charter and its parties),
/// then every element.
pub(super) fn all(charter: &Charter, w: Words) -> (Vec<Provision>, Vec<Provision>) {
    let mut preamble = vec![super::procedure::charter_itself(charter, w)];
    preamble.extend(super::procedure::parties(charter, w));
    let mut provisions = Vec::new();
    super::procedure::push_all(charter, w, &mut provisions);
    super::instruments::push_all(charter, w, &mut provisions);
    (preamble, provisions)
}
