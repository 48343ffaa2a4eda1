//! The register of measures: the legal instruments and postures a guarantee eases, keeps and
//! snaps back (`[[measure]]`).
//!
//! A measure is one instrument: a sanctions regime, a usage restriction, an intelligence-sharing
//! posture, a standing commitment. It is in exactly one [`MeasureState`] at any instant. The
//! charter says where it starts and what moves it: a sunset, a recurring renewal by a body, a
//! package whose activation puts it back in force. The engine derives every transition and cites
//! the article that caused it.

use std::fmt;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::legal_time::{AnnualDates, AnnualPeriod, Term, Zone};
use crate::model::Article;
use crate::time::Duration;
use crate::voting::Rule;
use crate::{BodyIdx, MeasureId, PartyIdx};

/// Where a measure stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MeasureState {
    /// In force.
    InForce,
    /// Eased (for example under a ceasefire): not applied, but not ended; it can snap back.
    Suspended,
    /// In force, but its renewal is threatened (a veto was announced).
    AtRisk,
    /// Ended because a sunset passed or a renewal failed.
    Lapsed,
    /// Ended by its owner.
    Terminated,
}

impl MeasureState {
    pub const ALL: [MeasureState; 5] = [
        MeasureState::InForce,
        MeasureState::Suspended,
        MeasureState::AtRisk,
        MeasureState::Lapsed,
        MeasureState::Terminated,
    ];

    pub fn name(self) -> &'static str {
        match self {
            MeasureState::InForce => "in_force",
            MeasureState::Suspended => "suspended",
            MeasureState::AtRisk => "at_risk",
            MeasureState::Lapsed => "lapsed",
            MeasureState::Terminated => "terminated",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.name() == name)
    }

    /// Whether the measure applies (in force, threatened or not).
    pub fn applies(self) -> bool {
        matches!(self, MeasureState::InForce | MeasureState::AtRisk)
    }

    /// Whether the measure has ended and only a new instrument could bring it back by its
    /// owner (a snapback still can: it is the law that restores it).
    pub fn ended(self) -> bool {
        matches!(self, MeasureState::Lapsed | MeasureState::Terminated)
    }
}

impl fmt::Display for MeasureState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Who holds a measure: a party (a state, the EU as a party) or a body (the UN Security
/// Council, the EU Council).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeasureOwner {
    Party(PartyIdx),
    Body(BodyIdx),
}

/// A recurring renewal: before each expiry the engine opens a decision of `body` (under its
/// rule); adopted, the expiry moves to the next date; not adopted by the expiry, the measure
/// lapses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renewal {
    pub body: BodyIdx,
    /// The expiry dates, every year, in a zone.
    pub expiries: AnnualDates,
    /// How long before an expiry the renewal decision opens.
    pub opens_before: Duration,
    pub article: Article,
}

/// Relief under review (the inverse of a snapback, as in CAATSA §216): easing or ending the
/// measure is first reported, which opens a review window during which the relief cannot take
/// effect. A motion of disapproval adopted by every one of `bodies` within the window bars the
/// relief, unless `veto` vetoes it within `veto_within`; a veto stands unless every body
/// overrides it under `override_rule` within `override_within`. Relief takes effect when the
/// last bar ends without a disapproval enacted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReliefReview {
    /// Each must adopt the disapproval (both chambers of a legislature).
    pub bodies: Vec<BodyIdx>,
    /// The review window, counted from the report.
    pub window: Term,
    /// A longer window for reports made in a period of the year (CAATSA: 60 days for reports
    /// between 10 July and 7 September).
    pub long_window: Option<(AnnualPeriod, Term)>,
    /// The zone in which the report's date is read.
    pub zone: Zone,
    /// The party that may veto a disapproval the bodies adopted.
    pub veto: Option<PartyIdx>,
    /// After the disapproval passes, the relief stays barred this long; without a veto by then,
    /// the disapproval is enacted.
    pub veto_within: Duration,
    /// What each body needs to override a veto.
    pub override_rule: Rule,
    /// After a veto, the relief stays barred this long; every body must override by then.
    pub override_within: Duration,
    pub article: Article,
}

impl ReliefReview {
    /// The window for a report made at `at`, and whether it is the long one.
    pub fn window_for(&self, at: Timestamp) -> (Timestamp, bool) {
        if let Some((period, term)) = &self.long_window
            && period.contains(self.zone.local(at).date())
        {
            return (term.after(at), true);
        }
        (self.window.after(at), false)
    }
}

#[derive(Debug, Clone)]
pub struct Measure {
    pub id: MeasureId,
    pub name: String,
    pub owner: MeasureOwner,
    /// A word: `sanctions`, `restriction`, `intelligence`, `fund-mode`, `military`, or another.
    pub kind: String,
    /// The instrument it rests on, as its text names it (`Council Regulation (EU) No 833/2014`).
    pub basis: String,
    pub article: Article,
    pub initial: MeasureState,
    /// When it entered its initial state (the charter's `effective` unless given).
    pub since: Timestamp,
    /// When it expires, if the instrument says so (for a renewal, the first expiry; otherwise
    /// the first of the renewal dates after `since`).
    pub expires: Option<Timestamp>,
    /// It expires this long after each entry into force.
    pub sunset_after: Option<Duration>,
    pub renewal: Option<Renewal>,
    /// Relief (easing or ending it) is reviewed first, if set.
    pub review: Option<ReliefReview>,
    /// Named levels, lowest first (`targeted`, `sectoral`, `full`): a snapback of a measure
    /// already in force raises it one level. Empty when the charter defines none.
    pub levels: Vec<String>,
    /// The initial level (an index into `levels`).
    pub level: usize,
    /// Whether a snapback of it is reversed when the activation behind it is unwound (its
    /// instrument lets it lapse again, as a restored measure that was never legally required).
    pub unwinds: bool,
}

impl Measure {
    /// Whether `other` (the same measure in another charter version) moves it by the same
    /// rules: owner, kind, basis, article, expiry, sunset, renewal, review and levels. Its
    /// initial state, `since` and level only matter where a measure is first defined.
    pub fn same_rules(&self, other: &Measure) -> bool {
        self.owner == other.owner
            && self.kind == other.kind
            && self.basis == other.basis
            && self.article == other.article
            && self.expires == other.expires
            && self.sunset_after == other.sunset_after
            && self.renewal == other.renewal
            && self.review == other.review
            && self.levels == other.levels
            && self.unwinds == other.unwinds
    }

    /// The first expiry after `since`: the written one, a sunset, or the first renewal date.
    pub fn first_expiry(&self) -> Option<Timestamp> {
        if let Some(at) = self.expires {
            return Some(at);
        }
        if let Some(renewal) = &self.renewal {
            return Some(renewal.expiries.next_after(self.since));
        }
        if self.initial.applies() {
            return self.sunset_after.map(|d| d.after(self.since));
        }
        None
    }
}
