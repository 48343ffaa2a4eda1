//! The validated charter: what the engine reads.
//!
//! Invariants established by [`crate::load`] and relied on everywhere else: every reference
//! (party, body, tier, package) resolves, ids are unique within their kind, tiers are sorted by
//! `min_severity` with no two equal, every member of a population-weighted body has a
//! population, and every duration is positive.

use std::fmt;

use jiff::Timestamp;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::diag::Problem;
use crate::ids::{
    BodyId, BodyIdx, CentreId, ItemId, LocationId, MeasureIdx, PackageId, PackageIdx, PartyId,
    PartyIdx, PurposeId, RecipientId, TierId, TierIdx,
};
use crate::legal_time::Term;
use crate::measure::Measure;
use crate::money::Currency;
use crate::time::Duration;
use crate::voting::Rule;

/// Whether `party` (an index into `parties`) is selected by a member list.
pub(crate) fn selects(parties: &[Party], members: &Members, party: PartyIdx) -> bool {
    let Some(p) = parties.get(usize::from(party.0)) else {
        return false;
    };
    match members {
        Members::List(list) => list.contains(&party),
        Members::Role(role) => p.has_role(*role),
        Members::Group(group) => p.in_group(group),
    }
}

/// The most parties, bodies, tiers or packages a charter may hold (indices are `u16`).
pub const CHARTER_ITEMS_MAX: usize = 4_096;

/// A clause of the charter that an explanation cites, as the charter writes it (`Art. 4(1)`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Article(pub Option<String>);

impl fmt::Display for Article {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Some(a) => f.write_str(a),
            None => f.write_str("(no article cited)"),
        }
    }
}

/// What a party is in the guarantee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Guarantor,
    Beneficiary,
    Observer,
    Secretariat,
    /// A neutral monitoring mission: it reports what it observed (`monitor.report`).
    Monitor,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Guarantor,
        Role::Beneficiary,
        Role::Observer,
        Role::Secretariat,
        Role::Monitor,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Role::Guarantor => "guarantor",
            Role::Beneficiary => "beneficiary",
            Role::Observer => "observer",
            Role::Secretariat => "secretariat",
            Role::Monitor => "monitor",
        }
    }

    pub fn from_name(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.name() == name)
    }
}

/// An inclusive participation window: a party takes part at every instant `t` with
/// `from <= t <= until` (an open end is unbounded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Window {
    pub from: Option<Timestamp>,
    pub until: Option<Timestamp>,
}

impl Window {
    pub fn contains(&self, at: Timestamp) -> bool {
        self.from.is_none_or(|f| f <= at) && self.until.is_none_or(|u| at <= u)
    }
}

#[derive(Debug, Clone)]
pub struct Party {
    pub id: PartyId,
    pub name: String,
    pub roles: Vec<Role>,
    pub groups: Vec<String>,
    pub population: Option<u64>,
    pub window: Window,
    /// Public keys (C2SP verifier keys, `<party id>+<key id>+<base64>`) the party signs with.
    /// Checked for syntax here; the log crate checks the cryptography.
    pub keys: Vec<String>,
}

impl Party {
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    pub fn in_group(&self, group: &str) -> bool {
        self.groups.iter().any(|g| g == group)
    }
}

/// Who sits on a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Members {
    List(Vec<PartyIdx>),
    Role(Role),
    Group(String),
}

#[derive(Debug, Clone)]
pub struct Body {
    pub id: BodyId,
    pub name: String,
    pub members: Members,
    pub rule: Rule,
    pub article: Article,
    /// How many members must take part (vote yes, no or abstain) for a motion to be adopted.
    pub quorum: Option<u32>,
    /// Who presides, period by period (the UN Security Council's monthly presidency); sorted,
    /// without overlaps. Empty when the charter does not say.
    pub presidency: Vec<Presidency>,
}

/// A party presiding over a body from `from` (inclusive) until `until` (exclusive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presidency {
    pub party: PartyIdx,
    pub from: Timestamp,
    pub until: Timestamp,
}

impl Body {
    /// The party presiding at `at`, if the charter names one.
    pub fn presiding_at(&self, at: Timestamp) -> Option<PartyIdx> {
        self.presidency
            .iter()
            .find(|p| p.from <= at && at < p.until)
            .map(|p| p.party)
    }
}

/// What a stage of a claim's proceeding asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageKind {
    /// A member tables the motion (`motion.tabled`); until then the members cannot vote on it.
    Tabling,
    /// The body meets (`meeting.convened`).
    Meeting,
}

impl StageKind {
    pub fn name(self) -> &'static str {
        match self {
            StageKind::Tabling => "tabling",
            StageKind::Meeting => "meeting",
        }
    }
}

/// A step a claim's proceeding must take by a deadline counted from the filing (`[[verification.stage]]`):
/// UNSCR 2231's "if within 10 days ... no member has submitted such a draft resolution ..., the
/// President ... shall submit" it; the proposal's "the ministers meet within 48 hours".
#[derive(Debug, Clone)]
pub struct Stage {
    pub id: String,
    pub name: String,
    pub kind: StageKind,
    pub within: Term,
    /// If nobody takes the step in time, the party presiding over the body at the deadline does
    /// (the liveness fallback); otherwise the stage is recorded as missed.
    pub presidency_fallback: bool,
    pub article: Article,
}

/// Who must prove what.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Burden {
    /// The claim activates unless the body adopts "the claim is unfounded".
    Flipped,
    /// The claim activates only if the body adopts "the claim is founded".
    Standard,
}

impl Burden {
    pub fn name(self) -> &'static str {
        match self {
            Burden::Flipped => "flipped",
            Burden::Standard => "standard",
        }
    }
}

/// A claim activates only with evidence from this many distinct source kinds.
#[derive(Debug, Clone)]
pub struct EvidenceRule {
    pub min_source_kinds: u32,
    pub article: Article,
}

/// When an activation determined before its deadline takes effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    /// As soon as the outcome is certain.
    #[default]
    AtDetermination,
    /// At the legal deadline, even when the outcome was certain earlier (UNSCR 2231: the
    /// measures return at the set hour whatever the date of the failed vote).
    AtDeadline,
}

#[derive(Debug, Clone)]
pub struct Verification {
    pub claimants: Vec<PartyIdx>,
    pub body: BodyIdx,
    /// The nominal length of the deadline (exact for a duration; days for a calendar term).
    pub decide_within: Duration,
    /// The deadline as the charter writes it.
    pub deadline: Term,
    pub effect: Effect,
    pub burden: Burden,
    pub article: Article,
    pub evidence: Option<EvidenceRule>,
    /// The stages of a claim's proceeding, in the charter's order.
    pub stages: Vec<Stage>,
    /// How long an adopted `inconclusive` motion extends a claim's deadline (once per claim);
    /// `None`: the body cannot extend.
    pub extension: Option<Duration>,
    /// How long after a determination new evidence may reopen the claim; `None`: never.
    pub reconsider_within: Option<Duration>,
}

#[derive(Debug, Clone)]
pub struct Tier {
    pub id: TierId,
    pub name: String,
    pub min_severity: u8,
    pub packages: Vec<PackageIdx>,
    pub article: Article,
}

/// Salami-slicing: small activated claims within a trailing window add up to a higher tier.
#[derive(Debug, Clone)]
pub struct Escalation {
    pub window: Duration,
    pub threshold: u32,
    pub tier: TierIdx,
    pub article: Article,
}

/// What an obligation is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", from = "String")]
pub enum ObligationKind {
    Sanctions,
    Funds,
    Military,
    RestrictionLift,
    Intelligence,
    Training,
    Other(String),
}

impl ObligationKind {
    pub fn from_word(word: &str) -> Self {
        match word {
            "sanctions" => Self::Sanctions,
            "funds" => Self::Funds,
            "military" => Self::Military,
            "restriction-lift" => Self::RestrictionLift,
            "intelligence" => Self::Intelligence,
            "training" => Self::Training,
            other => Self::Other(other.to_owned()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Self::Sanctions => "sanctions",
            Self::Funds => "funds",
            Self::Military => "military",
            Self::RestrictionLift => "restriction-lift",
            Self::Intelligence => "intelligence",
            Self::Training => "training",
            Self::Other(w) => w,
        }
    }
}

impl From<String> for ObligationKind {
    fn from(word: String) -> Self {
        Self::from_word(&word)
    }
}

impl From<ObligationKind> for String {
    fn from(kind: ObligationKind) -> String {
        kind.as_str().to_owned()
    }
}

impl fmt::Display for ObligationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An exact amount of money in an ISO 4217 currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Money {
    pub amount: Decimal,
    pub currency: String,
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.currency)
    }
}

/// One duty a package places on a party when it proceeds.
#[derive(Debug, Clone)]
pub struct ObligationTemplate {
    pub party: PartyIdx,
    pub kind: ObligationKind,
    pub due_within: Duration,
    pub description: std::sync::Arc<str>,
    pub money: Option<Money>,
    /// What a military obligation delivers, counted: the capability tracker's readiness and
    /// the drawdown at activation work on these.
    pub items: Option<ItemQuantity>,
    /// The measure a `sanctions` obligation re-imposes: it is met when the owner records the
    /// measure in force, and not created when the measure already is.
    pub measure: Option<MeasureIdx>,
    pub article: Article,
}

/// So many units of an item, optionally from stock at one location only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemQuantity {
    pub item: ItemId,
    /// At least 1.
    pub quantity: u64,
    pub location: Option<LocationId>,
}

/// What must happen at a package's decision for the package to proceed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProceedIf {
    /// The body must adopt the package.
    Adopted,
    /// The package proceeds unless the body adopts a blocking motion (reverse majority).
    NotBlocked,
}

#[derive(Debug, Clone)]
pub struct PackageDecision {
    pub body: BodyIdx,
    /// The nominal length of `deadline`.
    pub decide_within: Duration,
    pub deadline: Term,
    pub proceed_if: ProceedIf,
    /// Who proposes the motion, for a body whose rule is chosen by proposer (the High
    /// Representative proposing the EU leg).
    pub proposer: Option<PartyIdx>,
    pub article: Article,
}

#[derive(Debug, Clone)]
pub struct Package {
    pub id: PackageId,
    pub name: String,
    pub article: Article,
    pub decision: Option<PackageDecision>,
    pub obligations: Vec<ObligationTemplate>,
    /// The measures its activation puts back in force (snapback).
    pub restores: Vec<MeasureIdx>,
}

/// The fund's two modes (Art. 6 of the reference charter): peace finances reconstruction and
/// macroeconomic assistance; conflict adds budget support and military production.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum FundMode {
    Peace,
    Conflict,
}

impl FundMode {
    pub fn name(self) -> &'static str {
        match self {
            FundMode::Peace => "peace",
            FundMode::Conflict => "conflict",
        }
    }
}

/// A contributor to the fund, with its contribution key and capital.
#[derive(Debug, Clone)]
pub struct FundContributor {
    pub party: PartyIdx,
    /// Its share: pro rata weights are `key / sum of keys`.
    pub key: Decimal,
    /// Paid-in capital it subscribes (reported against what it pays in).
    pub paid_in: Decimal,
    /// Callable surge capital: the most that surge calls may ask of it in total.
    pub callable: Decimal,
    /// The parliament whose appropriation its surge shares need before they are due (callable
    /// capital that its law makes payable only once voted, as a budget appropriation is).
    pub appropriation: Option<String>,
}

/// At most `amount` may be disbursed for `purpose` within any trailing window of length `per`
/// (the window ends at, and includes, the disbursement being judged).
#[derive(Debug, Clone)]
pub struct FundCap {
    pub purpose: PurposeId,
    pub amount: Decimal,
    pub per: Duration,
    pub article: Article,
}

/// What is called from contributors when an activation creates a `funds` obligation: `amount`
/// in total, split pro rata to contribution keys (each share limited by what remains of the
/// contributor's callable capital), due `due_within` after the call.
#[derive(Debug, Clone)]
pub struct FundSurge {
    pub amount: Decimal,
    pub due_within: Duration,
    pub article: Article,
}

/// A tranche reserved (a pending transfer) when a claim is filed, released to `recipient` for
/// `purpose` when the claim's activation moves the fund to conflict mode, voided otherwise.
#[derive(Debug, Clone)]
pub struct FundTranche {
    pub amount: Decimal,
    pub purpose: PurposeId,
    pub recipient: RecipientId,
    pub article: Article,
}

/// The Stabilization Fund (`[fund]`).
#[derive(Debug, Clone)]
pub struct Fund {
    pub name: String,
    /// The currency of account: every balance is kept in it.
    pub currency: Currency,
    /// The party that disburses (the fund's managing director or secretariat).
    pub manager: PartyIdx,
    /// After this long with no new activation that moves it to conflict mode, the fund returns
    /// to peace mode.
    pub quiet_period: Duration,
    pub peace_purposes: Vec<PurposeId>,
    pub conflict_purposes: Vec<PurposeId>,
    /// In charter order; each party at most once.
    pub contributors: Vec<FundContributor>,
    pub caps: Vec<FundCap>,
    pub surge: Option<FundSurge>,
    pub tranche: Option<FundTranche>,
    /// `[[fund.programme]]`: tranches paid against conditions, in charter order.
    pub programmes: Vec<crate::Programme>,
    /// `[fund.board]`: the decisions the charter gives the contributors' board, if any.
    pub board: Option<crate::FundBoard>,
    pub article: Article,
}

impl Fund {
    pub fn programme(&self, id: &crate::ProgrammeId) -> Option<&crate::Programme> {
        self.programmes.iter().find(|p| &p.id == id)
    }

    /// The purposes allowed in `mode`.
    pub fn purposes(&self, mode: FundMode) -> &[PurposeId] {
        match mode {
            FundMode::Peace => &self.peace_purposes,
            FundMode::Conflict => &self.conflict_purposes,
        }
    }

    pub fn contributor(&self, party: PartyIdx) -> Option<&FundContributor> {
        self.contributors.iter().find(|c| c.party == party)
    }
}

/// `[capabilities]`: the places stock may be pre-positioned in and the training centres.
#[derive(Debug, Clone, Default)]
pub struct Capabilities {
    pub article: Article,
    pub locations: Vec<Location>,
    pub centres: Vec<TrainingCentre>,
}

impl Capabilities {
    pub fn location(&self, id: &str) -> Option<&Location> {
        self.locations.iter().find(|l| l.id.as_str() == id)
    }

    pub fn centre(&self, id: &str) -> Option<&TrainingCentre> {
        self.centres.iter().find(|c| c.id.as_str() == id)
    }
}

/// A bordering state where stock may be pre-positioned, and how long stock released there takes
/// to arrive.
#[derive(Debug, Clone)]
pub struct Location {
    pub id: LocationId,
    pub name: String,
    pub transit: Duration,
}

/// A training centre: who hosts it and how many trainees it can take per month (30 days).
#[derive(Debug, Clone)]
pub struct TrainingCentre {
    pub id: CentreId,
    pub name: Option<String>,
    pub host: PartyIdx,
    pub capacity_per_month: u64,
    pub article: Article,
}

/// `[[restriction]]`: the activation of `lifted_by` lifts `donor`'s usage restrictions (on
/// `system` only, if named).
#[derive(Debug, Clone)]
pub struct RestrictionRule {
    pub donor: PartyIdx,
    pub system: Option<String>,
    pub lifted_by: PackageIdx,
    pub article: Article,
}

/// The log that records this charter's events: its origin (the checkpoint's first line) and its
/// verifier key, so anyone holding the charter can check the log's signed checkpoints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogInfo {
    pub origin: String,
    pub key: String,
    /// The witnesses whose cosignatures of the log's checkpoints are accepted (`[[log.witness]]`).
    pub witnesses: Vec<WitnessInfo>,
    /// How many of `witnesses` must cosign a checkpoint for it to count as witnessed (`[log]
    /// quorum`, k of n as in a C2SP policy's `group <name> <k> ...`); `None`: none required.
    pub quorum: Option<usize>,
}

/// A witness named by the charter: its name (the name in its cosignature lines), its C2SP
/// `cosignature/v1` verifier key, and where it can be reached, if given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WitnessInfo {
    pub name: String,
    pub key: String,
    pub url: Option<String>,
}

/// One version of the guarantee, in force from `effective` until a later version's `effective`.
#[derive(Debug, Clone)]
pub struct Charter {
    pub id: String,
    pub title: String,
    pub version: String,
    pub description: Option<String>,
    pub effective: Timestamp,
    pub beneficiary: PartyIdx,
    pub parties: Vec<Party>,
    pub bodies: Vec<Body>,
    pub verification: Verification,
    /// Sorted by `min_severity`, strictly increasing.
    pub tiers: Vec<Tier>,
    pub escalation: Option<Escalation>,
    pub packages: Vec<Package>,
    /// The transparency log this charter's events are recorded in, if named.
    pub log: Option<LogInfo>,
    /// The Stabilization Fund, if the charter sets one up.
    pub fund: Option<Fund>,
    /// Stockpile locations and training centres, if the charter names any.
    pub capabilities: Option<Capabilities>,
    /// Usage restrictions that activations lift.
    pub restrictions: Vec<RestrictionRule>,
    /// The register of measures (`[[measure]]`), in charter order.
    pub measures: Vec<Measure>,
    /// Alert rules over monitoring series (`[[alert]]`), in charter order.
    pub alerts: Vec<crate::monitoring::Alert>,
    /// Scoped truces (`[[truce]]`), in charter order.
    pub truces: Vec<crate::truce::Truce>,
    /// Things that are allowed but probably not meant (a package no tier uses, ...).
    pub warnings: Vec<Problem>,
    pub(crate) party_index: FxHashMap<PartyId, PartyIdx>,
}

impl Charter {
    pub fn party(&self, idx: PartyIdx) -> &Party {
        // Indices are only made by this crate, from this charter's own lists.
        &self.parties[usize::from(idx.0)]
    }

    pub fn body(&self, idx: BodyIdx) -> &Body {
        &self.bodies[usize::from(idx.0)]
    }

    pub fn package(&self, idx: PackageIdx) -> &Package {
        &self.packages[usize::from(idx.0)]
    }

    pub fn measure(&self, idx: MeasureIdx) -> &Measure {
        &self.measures[usize::from(idx.0)]
    }

    pub fn measure_idx(&self, id: &str) -> Option<MeasureIdx> {
        self.measures
            .iter()
            .position(|m| m.id.as_str() == id)
            .map(|i| MeasureIdx(i as u16))
    }

    /// The packages whose activation puts the measure at `idx` back in force (`restores`).
    pub fn restored_by(&self, idx: MeasureIdx) -> impl Iterator<Item = &Package> {
        self.packages
            .iter()
            .filter(move |p| p.restores.contains(&idx))
    }

    pub fn tier(&self, idx: TierIdx) -> &Tier {
        &self.tiers[usize::from(idx.0)]
    }

    /// The tier with this id.
    pub fn tier_idx(&self, id: &str) -> Option<TierIdx> {
        self.tiers
            .iter()
            .position(|t| t.id.as_str() == id)
            .map(|i| TierIdx(i as u16))
    }

    pub fn party_idx(&self, id: &str) -> Option<PartyIdx> {
        self.party_index.get(id).copied()
    }

    pub fn body_idx(&self, id: &str) -> Option<BodyIdx> {
        self.bodies
            .iter()
            .position(|b| b.id.as_str() == id)
            .map(|i| BodyIdx(i as u16))
    }

    /// Whether `party` may act at `at` (inside its participation window).
    pub fn participates(&self, party: PartyIdx, at: Timestamp) -> bool {
        self.party(party).window.contains(at)
    }

    /// Whether `party` is selected by a body's member list, ignoring participation windows.
    pub fn selects(&self, members: &Members, party: PartyIdx) -> bool {
        selects(&self.parties, members, party)
    }

    /// The members of a body at `at`: selected parties whose participation window contains `at`,
    /// in charter order.
    pub fn members_at(&self, body: BodyIdx, at: Timestamp) -> Vec<PartyIdx> {
        let members = &self.body(body).members;
        (0..self.parties.len())
            .map(|i| PartyIdx(i as u16))
            .filter(|p| self.selects(members, *p) && self.participates(*p, at))
            .collect()
    }

    /// The highest tier whose `min_severity` is not above `severity`.
    pub fn tier_for(&self, severity: u8) -> Option<TierIdx> {
        self.tiers
            .iter()
            .rposition(|t| t.min_severity <= severity)
            .map(|i| TierIdx(i as u16))
    }

    /// The truce with this id.
    pub fn truce(&self, id: &str) -> Option<&crate::truce::Truce> {
        self.truces.iter().find(|t| t.id.as_str() == id)
    }

    /// The alert rules that read `monitor`'s reports on `area`, in charter order.
    pub fn alerts_reading<'a>(
        &'a self,
        monitor: PartyIdx,
        area: &'a str,
    ) -> impl Iterator<Item = &'a crate::monitoring::Alert> + 'a {
        self.alerts
            .iter()
            .filter(move |a| a.monitor == monitor && a.reads_area(area))
    }

    pub fn has_role(&self, party: PartyIdx, role: Role) -> bool {
        self.party(party).has_role(role)
    }
}
