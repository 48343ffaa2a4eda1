//! The charter file as written: serde structs that mirror the TOML one to one.
//!
//! Every table denies unknown keys, so a misspelt key is an error at its line, never silently
//! ignored. Syntax of single values (ids, instants, durations, enums) is checked here by serde,
//! which locates the offending value precisely; references between tables and ranges are checked
//! in [`crate::validate`].

use std::fmt;

use rust_decimal::Decimal;
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::ids::{
    BodyId, CentreId, ConditionId, ItemId, LocationId, MeasureId, PackageId, PartyId, ProgrammeId,
    PurposeId, RecipientId, TierId, TrancheId,
};
use crate::legal_time::{LegalInstant, Term};
use crate::model::{Burden, Effect, ProceedIf, Role};
use crate::money::{Amount, ExactDecimal};
use crate::time::{Duration, Instant};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCharterFile {
    pub charter: RawHeader,
    #[serde(default)]
    pub party: Vec<RawParty>,
    #[serde(default)]
    pub body: Vec<RawBody>,
    pub verification: RawVerification,
    #[serde(default)]
    pub tier: Vec<RawTier>,
    pub escalation: Option<RawEscalation>,
    #[serde(default)]
    pub log: Option<RawLog>,
    #[serde(default)]
    pub package: Vec<RawPackage>,
    #[serde(default)]
    pub fund: Option<RawFund>,
    #[serde(default)]
    pub capabilities: Option<RawCapabilities>,
    #[serde(default)]
    pub restriction: Vec<RawRestriction>,
    #[serde(default)]
    pub measure: Vec<RawMeasure>,
    #[serde(default)]
    pub alert: Vec<RawAlert>,
    #[serde(default)]
    pub truce: Vec<RawTruce>,
}

/// `[[truce]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTruce {
    pub id: crate::ids::TruceId,
    pub name: String,
    pub sides: Vec<PartyId>,
    #[serde(default)]
    pub categories: Vec<String>,
    #[serde(default)]
    pub areas: Vec<String>,
    pub from: Instant,
    #[serde(default)]
    pub until: Option<Instant>,
    #[serde(default)]
    pub lasts: Option<Term>,
    pub body: BodyId,
    #[serde(default)]
    pub reply_within: Option<Duration>,
    #[serde(default)]
    pub article: Option<String>,
}

/// `[[alert]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAlert {
    pub id: crate::ids::AlertId,
    pub name: String,
    pub monitor: PartyId,
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub area: Option<String>,
    pub window: RawWindowGrid,
    pub when: RawCondition,
    #[serde(default)]
    pub exclude: Vec<String>,
    #[serde(default = "notify")]
    pub action: String,
    /// The severity of the claim an alert files, or that it counts towards escalation with.
    #[serde(default)]
    pub severity: Option<i64>,
    #[serde(default)]
    pub article: Option<String>,
}

fn notify() -> String {
    "notify".to_owned()
}

/// `window = { hours = 24, ends = "19:30", zone = "Europe/Kyiv" }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawWindowGrid {
    #[serde(default = "day_hours")]
    pub hours: u32,
    pub ends: String,
    #[serde(default = "utc_name")]
    pub zone: String,
}

fn day_hours() -> u32 {
    24
}

/// `when = { kind = "consecutive", windows = 2, above = 500 }` and its siblings.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCondition {
    pub kind: String,
    pub windows: u32,
    #[serde(default)]
    pub above: Option<u64>,
    #[serde(default)]
    pub times: Option<u32>,
    #[serde(default)]
    pub at_least: Option<u64>,
}

/// `[[measure]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawMeasure {
    pub id: MeasureId,
    pub name: String,
    /// A party id or a body id.
    pub owner: String,
    pub kind: String,
    pub basis: String,
    #[serde(default)]
    pub article: Option<String>,
    pub initial: String,
    #[serde(default)]
    pub since: Option<LegalInstant>,
    #[serde(default)]
    pub expires: Option<LegalInstant>,
    #[serde(default)]
    pub sunset_after: Option<Duration>,
    #[serde(default)]
    pub levels: Vec<String>,
    #[serde(default)]
    pub level: Option<String>,
    #[serde(default)]
    pub renewal: Option<RawRenewal>,
    #[serde(default)]
    pub review: Option<RawReview>,
    #[serde(default)]
    pub unwinds: bool,
}

/// `[measure.review]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawReview {
    pub bodies: Vec<BodyId>,
    pub window: Term,
    #[serde(default)]
    pub long_window: Option<Term>,
    /// `MM-DD`: the first day of the period with the long window.
    #[serde(default)]
    pub long_from: Option<String>,
    /// `MM-DD`: its last day.
    #[serde(default)]
    pub long_to: Option<String>,
    #[serde(default = "utc_name")]
    pub zone: String,
    #[serde(default)]
    pub veto: Option<PartyId>,
    #[serde(default = "default_veto_within")]
    pub veto_within: Duration,
    #[serde(default, rename = "override")]
    pub override_rule: Option<RawRule>,
    #[serde(default = "default_override_within")]
    pub override_within: Duration,
    #[serde(default)]
    pub article: Option<String>,
}

fn utc_name() -> String {
    "UTC".to_owned()
}

/// CAATSA §216(b)(3): 12 calendar days after passage for the President to consider it.
fn default_veto_within() -> Duration {
    Duration::from_seconds(12 * 86_400).unwrap_or(Duration::DAY)
}

/// CAATSA §216(b)(4): 10 calendar days after a veto for Congress to reconsider.
fn default_override_within() -> Duration {
    Duration::from_seconds(10 * 86_400).unwrap_or(Duration::DAY)
}

/// `[measure.renewal]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRenewal {
    pub body: BodyId,
    /// Yearly expiry dates, `MM-DDTHH:MM` local time.
    pub expires_on: Vec<String>,
    pub zone: String,
    pub opens_before: Duration,
    #[serde(default)]
    pub article: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawHeader {
    pub id: String,
    pub title: String,
    pub version: VersionText,
    pub effective: Instant,
    pub beneficiary: PartyId,
    #[serde(default)]
    pub description: Option<String>,
}

/// A version written as a string (`"1.2"`) or an integer (`3`).
#[derive(Debug)]
pub(crate) struct VersionText(pub String);

impl<'de> Deserialize<'de> for VersionText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = VersionText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a version string such as \"1.0\" or an integer")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<VersionText, E> {
                Ok(VersionText(v.to_owned()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<VersionText, E> {
                Ok(VersionText(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<VersionText, E> {
                Ok(VersionText(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<VersionText, E> {
                // `version = 1.0` is a TOML float; keep the ".0" a person wrote.
                Ok(VersionText(format!("{v:?}")))
            }
        }
        deserializer.deserialize_any(V)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawParty {
    pub id: PartyId,
    pub name: String,
    pub roles: Vec<Role>,
    #[serde(default)]
    pub groups: Vec<String>,
    pub population: Option<u64>,
    pub from: Option<Instant>,
    pub until: Option<Instant>,
    #[serde(default)]
    pub keys: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawBody {
    pub id: BodyId,
    #[serde(default)]
    pub name: Option<String>,
    pub members: RawMembers,
    pub rule: RawRule,
    #[serde(default)]
    pub article: Option<String>,
    #[serde(default)]
    pub quorum: Option<u32>,
    #[serde(default)]
    pub presidency: Vec<RawPresidency>,
}

/// `[[body.presidency]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPresidency {
    pub party: PartyId,
    pub from: Instant,
    pub until: Instant,
}

/// `[[verification.stage]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawStage {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    pub kind: String,
    pub within: Term,
    #[serde(default)]
    pub fallback: Option<String>,
    #[serde(default)]
    pub article: Option<String>,
}

/// `members = ["US", "GB"]`, `members = { role = "guarantor" }` or `members = { group = "EU" }`.
#[derive(Debug)]
pub(crate) enum RawMembers {
    List(Vec<PartyId>),
    Role(Role),
    Group(String),
}

impl<'de> Deserialize<'de> for RawMembers {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawMembers;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of party ids, { role = \"guarantor\" } or { group = \"EU\" }")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<RawMembers, A::Error> {
                Vec::<PartyId>::deserialize(de::value::SeqAccessDeserializer::new(seq))
                    .map(RawMembers::List)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawMembers, A::Error> {
                #[derive(Deserialize)]
                #[serde(deny_unknown_fields)]
                struct Selector {
                    role: Option<Role>,
                    group: Option<String>,
                }
                let s = Selector::deserialize(de::value::MapAccessDeserializer::new(map))?;
                match (s.role, s.group) {
                    (Some(role), None) => Ok(RawMembers::Role(role)),
                    (None, Some(group)) => Ok(RawMembers::Group(group)),
                    _ => Err(de::Error::custom(
                        "a member selector has exactly one key: role or group",
                    )),
                }
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// A preset name or a rule table.
#[derive(Debug)]
pub(crate) enum RawRule {
    Preset(String),
    Threshold {
        min_yes: u32,
        veto: Vec<PartyId>,
    },
    Qualified {
        members_pct: u32,
        population_pct: u32,
        blocking_minority: Option<u32>,
    },
    VotesCast {
        num: u32,
        den: u32,
    },
    ByProposer {
        proposers: Vec<PartyId>,
        then: Box<RawRule>,
        otherwise: Box<RawRule>,
    },
}

impl<'de> Deserialize<'de> for RawRule {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawRule;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a rule preset (\"majority\", \"unanimity\", \"eu-qmv\", ...) or a table { kind = \"threshold\", ... }")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawRule, E> {
                Ok(RawRule::Preset(v.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawRule, A::Error> {
                #[derive(Deserialize)]
                #[serde(deny_unknown_fields, tag = "kind", rename_all = "lowercase")]
                enum Table {
                    Threshold {
                        min_yes: u32,
                        #[serde(default)]
                        veto: Vec<PartyId>,
                    },
                    Qualified {
                        members_pct: u32,
                        population_pct: u32,
                        #[serde(default)]
                        blocking_minority: Option<u32>,
                    },
                    #[serde(rename = "votes-cast")]
                    VotesCast { num: u32, den: u32 },
                    #[serde(rename = "by-proposer")]
                    ByProposer {
                        proposers: Vec<PartyId>,
                        then: Box<RawRule>,
                        otherwise: Box<RawRule>,
                    },
                }
                Ok(
                    match Table::deserialize(de::value::MapAccessDeserializer::new(map))? {
                        Table::Threshold { min_yes, veto } => RawRule::Threshold { min_yes, veto },
                        Table::Qualified {
                            members_pct,
                            population_pct,
                            blocking_minority,
                        } => RawRule::Qualified {
                            members_pct,
                            population_pct,
                            blocking_minority,
                        },
                        Table::VotesCast { num, den } => RawRule::VotesCast { num, den },
                        Table::ByProposer {
                            proposers,
                            then,
                            otherwise,
                        } => RawRule::ByProposer {
                            proposers,
                            then,
                            otherwise,
                        },
                    },
                )
            }
        }
        deserializer.deserialize_any(V)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawVerification {
    pub claimants: Vec<PartyId>,
    pub body: BodyId,
    pub decide_within: Term,
    pub burden: Burden,
    #[serde(default)]
    pub effect: Effect,
    #[serde(default)]
    pub article: Option<String>,
    #[serde(default)]
    pub evidence: Option<RawEvidence>,
    #[serde(default)]
    pub stage: Vec<RawStage>,
    /// `inconclusive`: how long the body may extend a claim's deadline, once.
    #[serde(default)]
    pub extension: Option<Duration>,
    /// How long after a determination new evidence may reopen it.
    #[serde(default)]
    pub reconsider_within: Option<Duration>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawEvidence {
    pub min_source_kinds: u32,
    #[serde(default)]
    pub article: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTier {
    pub id: TierId,
    #[serde(default)]
    pub name: Option<String>,
    pub min_severity: i64,
    #[serde(default)]
    pub packages: Vec<PackageId>,
    #[serde(default)]
    pub article: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawEscalation {
    pub window: Duration,
    pub threshold: i64,
    pub tier: TierId,
    #[serde(default)]
    pub article: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPackage {
    pub id: PackageId,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub article: Option<String>,
    #[serde(default)]
    pub decision: Option<RawPackageDecision>,
    #[serde(default)]
    pub obligation: Vec<RawObligation>,
    #[serde(default)]
    pub restores: Vec<MeasureId>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPackageDecision {
    pub body: BodyId,
    pub decide_within: Term,
    pub proceed_if: ProceedIf,
    #[serde(default)]
    pub proposer: Option<PartyId>,
    #[serde(default)]
    pub article: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawObligation {
    pub party: PartyId,
    pub kind: String,
    pub due_within: Duration,
    pub description: String,
    #[serde(default)]
    pub amount: Option<Amount>,
    #[serde(default)]
    pub currency: Option<String>,
    #[serde(default)]
    pub item: Option<ItemId>,
    #[serde(default)]
    pub quantity: Option<u64>,
    #[serde(default)]
    pub location: Option<LocationId>,
    #[serde(default)]
    pub measure: Option<MeasureId>,
    #[serde(default)]
    pub article: Option<String>,
}

/// A contribution key written as a string (`"0.30"`) or an integer; floats refused.
#[derive(Debug)]
pub(crate) struct Key(pub Decimal);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(ExactDecimal {
                what: "key",
                example: "0.30",
            })
            .map(Key)
    }
}

/// `[fund]`: the Stabilization Fund.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFund {
    pub name: String,
    pub currency: String,
    pub manager: PartyId,
    pub quiet_period: Duration,
    #[serde(default)]
    pub article: Option<String>,
    pub purposes: RawPurposes,
    #[serde(default)]
    pub contributor: Vec<RawContributor>,
    #[serde(default)]
    pub cap: Vec<RawCap>,
    #[serde(default)]
    pub surge: Option<RawSurge>,
    #[serde(default)]
    pub tranche: Option<RawTranche>,
    #[serde(default)]
    pub programme: Vec<RawProgramme>,
    #[serde(default)]
    pub board: Option<RawBoard>,
}

/// `[fund.board]`: weighted votes on the decisions the charter gives the board.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawBoard {
    pub weights: crate::BoardWeights,
    pub threshold: String,
    pub decide_within: Duration,
    pub powers: Vec<crate::BoardPower>,
    #[serde(default)]
    pub exceptional_above: Option<Amount>,
    #[serde(default)]
    pub article: Option<String>,
}

/// `[fund.purposes]`: what the fund may disburse for in each mode.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPurposes {
    pub peace: Vec<PurposeId>,
    pub conflict: Vec<PurposeId>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawContributor {
    pub party: PartyId,
    pub key: Key,
    #[serde(default)]
    pub paid_in: Option<Amount>,
    #[serde(default)]
    pub callable: Option<Amount>,
    #[serde(default)]
    pub appropriation: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCap {
    pub purpose: PurposeId,
    pub amount: Amount,
    pub per: Duration,
    #[serde(default)]
    pub article: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSurge {
    pub amount: Amount,
    pub due_within: Duration,
    #[serde(default)]
    pub article: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTranche {
    pub amount: Amount,
    pub purpose: PurposeId,
    pub recipient: RecipientId,
    #[serde(default)]
    pub article: Option<String>,
}

/// `[[fund.programme]]`: tranches paid against conditions.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawProgramme {
    pub id: ProgrammeId,
    pub name: String,
    pub recipient: RecipientId,
    pub purpose: PurposeId,
    #[serde(default)]
    pub article: Option<String>,
    #[serde(default)]
    pub tranche: Vec<RawProgrammeTranche>,
}

/// `[[fund.programme.tranche]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawProgrammeTranche {
    pub id: TrancheId,
    pub amount: Amount,
    pub by: LegalInstant,
    #[serde(default)]
    pub condition: Vec<RawTrancheCondition>,
}

/// `[[fund.programme.tranche.condition]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTrancheCondition {
    pub id: ConditionId,
    pub kind: crate::ConditionKind,
    pub text: String,
    pub verifier: PartyId,
}

/// `[capabilities]`: where stock may be pre-positioned and where training happens.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCapabilities {
    #[serde(default)]
    pub article: Option<String>,
    #[serde(default)]
    pub location: Vec<RawLocation>,
    #[serde(default)]
    pub training_centre: Vec<RawCentre>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLocation {
    pub id: LocationId,
    pub name: String,
    pub transit: Duration,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCentre {
    pub id: CentreId,
    pub host: PartyId,
    pub capacity_per_month: u64,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub article: Option<String>,
}

/// `[[restriction]]`: a donor's usage restrictions that an activation of a package lifts.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRestriction {
    pub donor: PartyId,
    #[serde(default)]
    pub system: Option<String>,
    pub lifted_by: PackageId,
    #[serde(default)]
    pub article: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLog {
    pub origin: String,
    pub key: String,
    /// `[[log.witness]]`: the witnesses whose cosignatures the log accepts.
    #[serde(default)]
    pub witness: Vec<RawWitness>,
    /// How many of the witnesses must cosign a checkpoint.
    #[serde(default)]
    pub quorum: Option<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawWitness {
    pub name: String,
    pub key: String,
    #[serde(default)]
    pub url: Option<String>,
}
