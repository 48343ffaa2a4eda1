//! The register of measures as a person reads it: each measure's state now and every state it
//! has been in, with the instant, the cause and the article that caused it.
//!
//! Built only from the charter (the initial state) and the engine's `measure.*` events, like the
//! rest of [`crate::state`]. The replay report's `measures` list (contract) and the API's
//! `/v1/measures` render these records.

use jiff::Timestamp;
use rustc_hash::FxHashMap;
use serde::Serialize;
use snapback_charter::time::{instant_serde, option_instant_serde};
use snapback_charter::{
    ActivationId, Charter, CharterHistory, DecisionId, MeasureId, MeasureOwner, MeasureState,
    PackageId,
};

use crate::derived::{Derived, DerivedKind, MeasureCause, ReviewStep};

/// One state a measure was in, from `at` until the next step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "MeasureStep"))]
pub struct MeasureStep {
    pub state: MeasureState,
    #[serde(with = "instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Instant"))]
    pub at: Timestamp,
    /// `charter` for the initial state; otherwise what moved it: `snapback`, `recorded`,
    /// `threat`, `renewal`, `sunset`, `renewal_failed`, `relief` (a reviewed relief took effect);
    /// `amended` when a later charter version began to govern it (state unchanged); `confirmed` when a snapback found it
    /// already in force; `renewed` when its expiry moved.
    pub cause: &'static str,
    /// The article that caused the step, as the charter cites it.
    pub article: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activation: Option<ActivationId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub package: Option<PackageId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<DecisionId>,
    /// The level it was raised to, for a confirmation that raised it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// When it expires from this step on, if it does.
    #[serde(with = "option_instant_serde", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Instant>"))]
    pub expires: Option<Timestamp>,
    /// The charter version that began to govern it, for an `amended` step.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

/// One step of a relief review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReviewStepRecord {
    pub step: ReviewStep,
    #[serde(with = "instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Instant"))]
    pub at: Timestamp,
    /// Until when the relief stays barred from this step on, while it is.
    #[serde(with = "option_instant_serde", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Instant>"))]
    pub until: Option<Timestamp>,
}

/// A review of relief its owner reported (`[measure.review]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "ReliefReview"))]
pub struct ReviewRecord {
    /// Its number for this measure, from 1.
    pub review: u32,
    /// The relief reported: `suspended` or `terminated`.
    pub relief: MeasureState,
    /// The review's article, as the charter cites it.
    pub article: String,
    /// Every step, oldest first; the review is over after `disapproval_enacted` or
    /// `relief_cleared`.
    pub steps: Vec<ReviewStepRecord>,
}

/// A measure in the register (contract: fields are added, never renamed or removed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Measure"))]
pub struct MeasureRecord {
    pub id: MeasureId,
    pub name: String,
    /// The party or body that holds it.
    pub owner: String,
    pub kind: String,
    /// The instrument it rests on.
    pub basis: String,
    pub article: String,
    pub state: MeasureState,
    /// Since when it is in `state`.
    #[serde(with = "instant_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Instant"))]
    pub since: Timestamp,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    #[serde(with = "option_instant_serde", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Instant>"))]
    pub expires: Option<Timestamp>,
    /// Every step, oldest first; the last one is the state now.
    pub history: Vec<MeasureStep>,
    /// Reviews of relief, oldest first (absent when there were none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<ReviewRecord>,
}

/// All measures, in register order (the order the charter versions define them).
#[derive(Debug, Clone, Default)]
pub struct MeasureBook {
    pub records: Vec<MeasureRecord>,
    by_id: FxHashMap<MeasureId, usize>,
    /// Per record, every charter version that defines it (the first, then each amendment) and
    /// its index in that version's list, in version order.
    defined_in: Vec<Vec<(usize, usize)>>,
}

fn owner_name(charter: &Charter, owner: MeasureOwner) -> String {
    match owner {
        MeasureOwner::Party(p) => charter.party(p).id.to_string(),
        MeasureOwner::Body(b) => charter.body(b).id.to_string(),
    }
}

impl MeasureBook {
    pub fn from_history(history: &CharterHistory) -> Self {
        let mut book = MeasureBook::default();
        for (v, charter) in history.versions().iter().enumerate() {
            for (i, m) in charter.measures.iter().enumerate() {
                if let Some(&r) = book.by_id.get(&m.id) {
                    book.defined_in[r].push((v, i));
                    continue;
                }
                book.by_id.insert(m.id.clone(), book.records.len());
                book.defined_in.push(vec![(v, i)]);
                let level = m.levels.get(m.level).cloned();
                let expires = m.first_expiry();
                book.records.push(MeasureRecord {
                    id: m.id.clone(),
                    name: m.name.clone(),
                    owner: owner_name(charter, m.owner),
                    kind: m.kind.clone(),
                    basis: m.basis.clone(),
                    article: m.article.to_string(),
                    state: m.initial,
                    since: m.since,
                    level: level.clone(),
                    expires,
                    history: vec![MeasureStep {
                        state: m.initial,
                        at: m.since,
                        cause: "charter",
                        article: m.article.to_string(),
                        activation: None,
                        package: None,
                        decision: None,
                        level,
                        expires,
                        version: None,
                    }],
                    reviews: Vec::new(),
                });
            }
        }
        book
    }

    pub fn get(&self, id: &str) -> Option<&MeasureRecord> {
        self.by_id.get(id).and_then(|i| self.records.get(*i))
    }

    /// The definition governing record `i` at `at`: that of the latest version in force by then
    /// that defines it (an amendment), else the first (a measure is governed by the version
    /// that defines it before any amendment takes effect).
    fn definition_at<'h>(
        &self,
        history: &'h CharterHistory,
        at: Timestamp,
        i: usize,
    ) -> Option<(&'h Charter, &'h snapback_charter::Measure)> {
        let versions = history.versions();
        let in_force = versions.partition_point(|c| c.effective <= at);
        let defs = self.defined_in.get(i)?;
        let &(v, index) = defs
            .iter()
            .rev()
            .find(|(v, _)| *v < in_force)
            .or_else(|| defs.first())?;
        let charter = versions.get(v)?;
        Some((charter, charter.measures.get(index)?))
    }

    /// The article a step cites: the package's for a snapback, the renewal's for a renewal or
    /// a threat to it, the measure's own otherwise.
    fn article(
        &self,
        history: &CharterHistory,
        at: Timestamp,
        i: usize,
        cause: &str,
        package: Option<&PackageId>,
    ) -> String {
        let Some((_, m)) = self.definition_at(history, at, i) else {
            return String::new();
        };
        match cause {
            "relief" | "review" => m
                .review
                .as_ref()
                .map_or_else(|| m.article.to_string(), |r| r.article.to_string()),
            "snapback" | "confirmed" => package
                .and_then(|p| {
                    let governing = history.in_force(at)?;
                    governing.packages.iter().find(|x| &x.id == p)
                })
                .map_or_else(|| m.article.to_string(), |p| p.article.to_string()),
            "renewal" | "renewal_failed" | "renewed" | "threat" => m
                .renewal
                .as_ref()
                .map_or_else(|| m.article.to_string(), |r| r.article.to_string()),
            _ => m.article.to_string(),
        }
    }

    /// Folds one `measure.*` event in; other events are ignored.
    pub fn derived(&mut self, history: &CharterHistory, d: &Derived) {
        let at = d.at;
        match &d.kind {
            DerivedKind::MeasureChanged {
                measure,
                to,
                cause,
                activation,
                package,
                decision,
                expires,
                ..
            } => {
                let Some(&i) = self.by_id.get(measure) else {
                    return;
                };
                let cause_name = MeasureCause::name(*cause);
                let article = self.article(history, at, i, cause_name, package.as_ref());
                let r = &mut self.records[i];
                r.state = *to;
                r.since = at;
                r.expires = *expires;
                r.history.push(MeasureStep {
                    state: *to,
                    at,
                    cause: cause_name,
                    article,
                    activation: activation.clone(),
                    package: package.clone(),
                    decision: decision.clone(),
                    level: None,
                    expires: *expires,
                    version: None,
                });
            }
            DerivedKind::MeasureConfirmed {
                measure,
                activation,
                package,
                raised_to,
            } => {
                let Some(&i) = self.by_id.get(measure) else {
                    return;
                };
                let article = self.article(history, at, i, "confirmed", Some(package));
                let r = &mut self.records[i];
                if raised_to.is_some() {
                    r.level = raised_to.clone();
                }
                r.history.push(MeasureStep {
                    state: r.state,
                    at,
                    cause: "confirmed",
                    article,
                    activation: Some(activation.clone()),
                    package: Some(package.clone()),
                    decision: None,
                    level: raised_to.clone(),
                    expires: r.expires,
                    version: None,
                });
            }
            DerivedKind::MeasureRenewed {
                measure,
                decision,
                expires,
            } => {
                let Some(&i) = self.by_id.get(measure) else {
                    return;
                };
                let article = self.article(history, at, i, "renewed", None);
                let r = &mut self.records[i];
                r.expires = Some(*expires);
                r.history.push(MeasureStep {
                    state: r.state,
                    at,
                    cause: "renewed",
                    article,
                    activation: None,
                    package: None,
                    decision: Some(decision.clone()),
                    level: None,
                    expires: Some(*expires),
                    version: None,
                });
            }
            DerivedKind::MeasureAmended {
                measure,
                version,
                expires,
            } => {
                let Some(&i) = self.by_id.get(measure) else {
                    return;
                };
                let article = self.article(history, at, i, "amended", None);
                let amended = self.definition_at(history, at, i);
                let r = &mut self.records[i];
                r.expires = *expires;
                // The record reads as the amended instrument does from now on.
                if let Some((charter, m)) = amended {
                    r.name = m.name.clone();
                    r.owner = owner_name(charter, m.owner);
                    r.kind = m.kind.clone();
                    r.basis = m.basis.clone();
                    r.article = m.article.to_string();
                }
                r.history.push(MeasureStep {
                    state: r.state,
                    at,
                    cause: "amended",
                    article,
                    activation: None,
                    package: None,
                    decision: None,
                    level: None,
                    expires: *expires,
                    version: Some(version.clone()),
                });
            }
            DerivedKind::MeasureReview {
                measure,
                review,
                step,
                relief,
                until,
            } => {
                let Some(&i) = self.by_id.get(measure) else {
                    return;
                };
                let article = self.article(history, at, i, "review", None);
                let r = &mut self.records[i];
                if r.reviews.last().is_none_or(|x| x.review != *review) {
                    r.reviews.push(ReviewRecord {
                        review: *review,
                        relief: *relief,
                        article,
                        steps: Vec::new(),
                    });
                }
                if let Some(x) = r.reviews.last_mut() {
                    x.steps.push(ReviewStepRecord {
                        step: *step,
                        at,
                        until: *until,
                    });
                }
            }
            _ => {}
        }
    }

    /// The register as of `at`: measures that exist by then, each with the steps up to then
    /// (all of them when `at` is `None`).
    pub fn as_of(&self, at: Option<Timestamp>) -> Vec<MeasureRecord> {
        let Some(at) = at else {
            return self.records.clone();
        };
        self.records
            .iter()
            .filter(|r| r.history.first().is_some_and(|s| s.at <= at))
            .map(|r| {
                let mut r = r.clone();
                r.history.retain(|s| s.at <= at);
                for review in &mut r.reviews {
                    review.steps.retain(|s| s.at <= at);
                }
                r.reviews.retain(|x| !x.steps.is_empty());
                if let Some(last) = r
                    .history
                    .iter()
                    .rev()
                    .find(|s| !matches!(s.cause, "confirmed" | "renewed" | "amended"))
                    .cloned()
                {
                    r.state = last.state;
                    r.since = last.at;
                }
                if let Some(last) = r.history.last() {
                    r.expires = last.expires;
                }
                r
            })
            .collect()
    }

    /// The state of `id` at `at`: the last step at or before it.
    pub fn state_at(&self, id: &str, at: Timestamp) -> Option<MeasureState> {
        let r = self.get(id)?;
        if at < r.history.first()?.at {
            return None;
        }
        r.history
            .iter()
            .take_while(|s| s.at <= at)
            .last()
            .map(|s| s.state)
    }
}

/// A measure's story in one paragraph: where it stands, since when, until when, and every step
/// with its cause and article.
pub fn explain_measure(r: &MeasureRecord) -> String {
    let mut s = format!(
        "Measure `{}` ({}), held by `{}` under {}: {} since {}",
        r.id,
        r.name,
        r.owner,
        r.basis,
        r.state.name().replace('_', " "),
        r.since
    );
    if let Some(level) = &r.level {
        s.push_str(&format!(", at level `{level}`"));
    }
    match r.expires {
        Some(at) if r.state.applies() || r.state == MeasureState::Suspended => {
            s.push_str(&format!("; it expires at {at} unless renewed"));
        }
        _ => {}
    }
    s.push('.');
    for step in &r.history {
        let what = match step.cause {
            "charter" => format!("{} as the charter starts it", step.state.name()),
            "confirmed" => match &step.level {
                Some(level) => format!(
                    "a snapback found it already in force and raised it to `{level}` (no duplicate duty)"
                ),
                None => "a snapback found it already in force (no duplicate duty)".to_owned(),
            },
            "amended" => format!(
                "amended: the charter version in force now governs it{}",
                step.expires
                    .map(|e| format!(", expiring {e}"))
                    .unwrap_or_else(|| ", with no expiry".to_owned())
            ),
            "renewed" => format!(
                "renewed{}",
                step.expires
                    .map(|e| format!(" until {e}"))
                    .unwrap_or_default()
            ),
            cause => format!("{} ({})", step.state.name(), cause.replace('_', " ")),
        };
        let by = match (&step.activation, &step.decision) {
            (Some(a), _) => format!(", activation {a}"),
            (None, Some(d)) => format!(", decision {d}"),
            (None, None) => String::new(),
        };
        s.push_str(&format!(" {}: {what}{by} [{}].", step.at, step.article));
    }
    for review in &r.reviews {
        s.push_str(&format!(
            " Relief review {} ({} reported) [{}]:",
            review.review, review.relief, review.article
        ));
        let steps: Vec<String> = review
            .steps
            .iter()
            .map(|x| {
                let what = match x.step {
                    ReviewStep::Opened => "the report opens the review window",
                    ReviewStep::DisapprovalPassed => {
                        "every reviewing body adopted the disapproval; the veto period runs"
                    }
                    ReviewStep::DisapprovalFailed => {
                        "a reviewing body did not adopt the disapproval"
                    }
                    ReviewStep::Vetoed => "the disapproval is vetoed; the override period runs",
                    ReviewStep::VetoSustained => "a body did not override the veto, which stands",
                    ReviewStep::DisapprovalEnacted => {
                        "the disapproval is enacted: the relief is barred"
                    }
                    ReviewStep::ReliefCleared => {
                        "nothing bars the relief any more: it takes effect"
                    }
                };
                match x.until {
                    Some(until) => format!("{} {what}, relief barred until {until}", x.at),
                    None => format!("{} {what}", x.at),
                }
            })
            .collect();
        s.push_str(&format!(" {}.", steps.join("; ")));
    }
    s
}
