//! The simulation config (`snapback simulate CONFIG.toml`): the base charter, the variants
//! (charter patches and the aid lag), the horizon, runs, master seed, and the behaviour models.
//!
//! Like the charter, the file is read with `deny_unknown_fields` through the charter crate's
//! lenient reader (every shape error in one pass, located at `file:line:col` with a hint and a
//! "did you mean"); the caller reads the files (this crate does no IO).

use serde::Deserialize;
use snapback_charter::diag::{Diagnostics, FieldPath, Problem, Source};
use snapback_charter::shape::{DocumentKind, Shaped, read_toml};
use snapback_charter::time::{Duration, Instant};
use snapback_charter::{BodyId, Burden, PartyId};

/// The most runs per variant, and of variants: bounds that keep a sweep's memory finite.
pub const RUNS_MAX: u64 = 10_000_000;
pub const VARIANTS_MAX: usize = 256;
/// The most voting blocs a config may declare.
pub const BLOCS_MAX: usize = 64;
/// The largest over-dispersion shape: beyond it the process is Poisson to many digits.
pub const DISPERSION_MAX: f64 = 1e9;
/// The longest horizon, in days.
pub const HORIZON_DAYS_MAX: u32 = 3_650;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub simulation: Simulation,
    pub adversary: Adversary,
    #[serde(default)]
    pub filing: Filing,
    #[serde(default)]
    pub voting: Voting,
    #[serde(default)]
    pub variant: Vec<Variant>,
    /// Contributors whose surge shares wait on their parliament, and how long it takes to
    /// appropriate a called share: used by variants with `appropriations = true`.
    #[serde(default)]
    pub appropriation: Vec<AppropriationDelay>,
    /// A sensitivity study (`snapback simulate sensitivity`); a plain sweep ignores it.
    #[serde(default)]
    pub sensitivity: Option<crate::sensitivity::study::SensitivitySpec>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Simulation {
    /// The base charter, relative to the config file.
    pub charter: String,
    /// How long each run lasts (a whole number of days, e.g. "365d").
    pub horizon: Duration,
    /// Runs per variant.
    pub runs: u64,
    /// The master seed: every run's random streams derive from it and the run index.
    pub seed: u64,
    /// When runs start (default: the charter's effective instant).
    #[serde(default)]
    pub start: Option<Instant>,
    /// A scenario file (relative to the config) whose capability-tracker events dated before
    /// the start (stock pre-positioned, standing contracts, commitments, restrictions) make the
    /// record every run starts from; its other events are not used. With
    /// `aid_lag_from_readiness` an activation's response waits for the units it draws from it.
    #[serde(default)]
    pub record: Option<String>,
}

/// `[[appropriation]]`: a fund contributor whose surge shares are due only once its parliament
/// appropriates them, and the time that takes for each called share: uniform between
/// `delay_min` and `delay_max` (whole seconds), drawn from its own stream.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppropriationDelay {
    pub party: PartyId,
    pub parliament: String,
    pub delay_min: Duration,
    pub delay_max: Duration,
}

/// How the adversary behaves.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", tag = "strategy")]
pub enum Adversary {
    /// Many low-severity violations at a rate (a Poisson process), each below the top tier.
    Salami {
        /// Violations per day.
        rate_per_day: f64,
        /// Severity of each violation (1 to 4).
        #[serde(default = "one")]
        severity: u8,
        /// Over-dispersion: each day's rate is drawn from a gamma distribution of mean
        /// `rate_per_day` and this shape k, so the daily counts are negative binomial (variance
        /// `rate + rate² / k`): bursts and quiet spells. Absent: a steady Poisson process.
        /// `snapback simulate calibrate` estimates it from a daily series.
        #[serde(default)]
        dispersion: Option<f64>,
        /// The adversary learns the escalation threshold: from the first escalation it sees, it
        /// takes the severity that had built up in the window as the threshold, and afterwards
        /// holds each violation that could reach it until an earlier activation leaves the
        /// window (staying just under the escalation tier).
        #[serde(default)]
        stay_under_escalation: bool,
        /// The adversary reads the deciding body's record on the claims its violations caused:
        /// each claim the body dismissed (or let lapse unanswered) raises its severity by one,
        /// up to 4; each it activated brings it back to `severity`. It probes how far the body
        /// lets it go.
        #[serde(default)]
        read_record: bool,
        #[serde(default)]
        pause_after_activation: Option<Duration>,
        #[serde(default)]
        gain: Gain,
    },
    /// Probes at a fixed interval. Before each probe it looks back: if no activation has
    /// answered since the previous probe it raises the severity by one (up to 5); if one has, it
    /// pauses (if `pause_after_activation` is set) and starts again at `start_severity`.
    ProbeThenEscalate {
        interval: Duration,
        #[serde(default = "one")]
        start_severity: u8,
        #[serde(default)]
        pause_after_activation: Option<Duration>,
        #[serde(default)]
        gain: Gain,
    },
    /// One major violation.
    Offensive {
        /// When, after the start.
        after: Duration,
        #[serde(default = "five")]
        severity: u8,
        #[serde(default)]
        gain: Gain,
    },
}

fn one() -> u8 {
    1
}

fn five() -> u8 {
    5
}

/// What the adversary gains from a violation, by its severity (1 to 5), while no response is in
/// effect.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gain {
    pub per_violation: [f64; 5],
}

impl Default for Gain {
    fn default() -> Self {
        Gain {
            per_violation: [1.0, 2.0, 4.0, 8.0, 16.0],
        }
    }
}

impl Adversary {
    pub fn gain(&self) -> &Gain {
        match self {
            Adversary::Salami { gain, .. }
            | Adversary::ProbeThenEscalate { gain, .. }
            | Adversary::Offensive { gain, .. } => gain,
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            Adversary::Salami { .. } => "salami",
            Adversary::ProbeThenEscalate { .. } => "probe-then-escalate",
            Adversary::Offensive { .. } => "offensive",
        }
    }
}

/// How the beneficiary files claims.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Filing {
    /// The probability that a violation is detected and a claim filed for it.
    #[serde(default = "certain")]
    pub detection: f64,
    /// From a violation to its claim.
    #[serde(default)]
    pub delay: Option<Duration>,
    /// Fabricated claims per day (a Poisson process), to measure false activations.
    #[serde(default)]
    pub fabricated_per_day: f64,
    /// The severity fabricated claims allege.
    #[serde(default = "two")]
    pub fabricated_severity: u8,
}

fn certain() -> f64 {
    1.0
}

fn two() -> u8 {
    2
}

impl Default for Filing {
    fn default() -> Self {
        Filing {
            detection: 1.0,
            delay: None,
            fabricated_per_day: 0.0,
            fabricated_severity: 2,
        }
    }
}

/// How the verifying body's members vote; `party` tables override the defaults for one party.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Voting {
    #[serde(flatten)]
    pub default: VoteModel,
    /// A common "political will" factor per run: a normal draw with this standard deviation,
    /// added on the log-odds scale to every party's probability of voting `unfounded` in that
    /// run, so votes are correlated within a run. 0 turns it off.
    #[serde(default)]
    pub political_will_sd: f64,
    /// Political will that drifts: after each false activation (an activation on fabricated
    /// claims only), every party leans this much more towards `unfounded` (log-odds) on the
    /// claims filed and decisions opened from then on. 0 turns it off.
    #[serde(default)]
    pub will_shift_per_false_activation: f64,
    /// Voting blocs: groups of members whose votes move together, each with its own factor per
    /// run, on top of the common political will.
    #[serde(default)]
    pub bloc: Vec<Bloc>,
    /// Changes of government: from an instant on, one party votes with another model.
    #[serde(default)]
    pub regime_change: Vec<RegimeChange>,
    #[serde(default)]
    pub party: Vec<PartyVoting>,
}

/// A change of government in one party: from `at` after the start (or from an instant drawn
/// uniformly within the first `within` of each run), the party's model is its usual one with
/// these fields overriding it. Claims filed and decisions opened from then on see the new model.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegimeChange {
    pub party: PartyId,
    #[serde(default)]
    pub at: Option<Duration>,
    #[serde(default)]
    pub within: Option<Duration>,
    #[serde(flatten)]
    pub model: PartialVoteModel,
}

/// A voting bloc: in each run a normal draw with standard deviation `sd` is added to every
/// member's log-odds of voting `unfounded` (and subtracted from "yes" on decisions), so the
/// members lean together (two member states holding out as one, say).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bloc {
    pub name: String,
    pub members: Vec<PartyId>,
    pub sd: f64,
}

impl Default for Voting {
    fn default() -> Self {
        Voting {
            default: VoteModel::default(),
            political_will_sd: 0.0,
            will_shift_per_false_activation: 0.0,
            bloc: Vec::new(),
            regime_change: Vec::new(),
            party: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartyVoting {
    pub party: PartyId,
    #[serde(flatten)]
    pub model: PartialVoteModel,
}

/// One party's behaviour. Of the votes it casts, `abstain` are abstentions, then `unfounded_*`
/// are "unfounded", the rest "founded"; with probability `no_vote` it does not vote at all.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VoteModel {
    #[serde(default = "unfounded_genuine")]
    pub unfounded_genuine: f64,
    #[serde(default = "unfounded_fabricated")]
    pub unfounded_fabricated: f64,
    #[serde(default)]
    pub abstain: f64,
    #[serde(default)]
    pub no_vote: f64,
    /// The vote comes uniformly between `delay_min` and `delay_max` after the filing.
    #[serde(default)]
    pub delay_min: Option<Duration>,
    #[serde(default)]
    pub delay_max: Option<Duration>,
    /// On a package's decision (the EU leg adopted by qualified majority, say): of the votes
    /// the member casts, `abstain` are abstentions, then this share are "yes", the rest "no".
    #[serde(default = "decision_yes")]
    pub decision_yes: f64,
    /// On the renewal of a measure (the EU's six-monthly sanctions renewals, say): of the votes
    /// the member casts, `abstain` are abstentions, this share "no" (a veto under unanimity),
    /// the rest "yes". Default 0: EU members have renewed the sectoral sanctions every six
    /// months since 2014. Political will and blocs move it on the log-odds scale (0 stays 0).
    #[serde(default)]
    pub renewal_no: f64,
}

fn decision_yes() -> f64 {
    0.8
}

fn unfounded_genuine() -> f64 {
    0.2
}

fn unfounded_fabricated() -> f64 {
    0.8
}

impl Default for VoteModel {
    fn default() -> Self {
        VoteModel {
            unfounded_genuine: 0.2,
            unfounded_fabricated: 0.8,
            abstain: 0.0,
            no_vote: 0.0,
            delay_min: None,
            delay_max: None,
            decision_yes: 0.8,
            renewal_no: 0.0,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartialVoteModel {
    pub unfounded_genuine: Option<f64>,
    pub unfounded_fabricated: Option<f64>,
    pub abstain: Option<f64>,
    pub no_vote: Option<f64>,
    pub delay_min: Option<Duration>,
    pub delay_max: Option<Duration>,
    pub decision_yes: Option<f64>,
    pub renewal_no: Option<f64>,
}

impl Voting {
    /// The model for `party`: the defaults with the party's overrides.
    pub fn model_for(&self, party: &str) -> VoteModel {
        let mut m = self.default.clone();
        for p in self.party.iter().filter(|p| p.party.as_str() == party) {
            p.model.apply(&mut m);
        }
        m
    }

    /// The model of the party a regime change names, once it has happened.
    pub fn model_after(&self, change: &RegimeChange) -> VoteModel {
        let mut m = self.model_for(change.party.as_str());
        change.model.apply(&mut m);
        m
    }
}

impl PartialVoteModel {
    /// `m` with every field given here replacing its own.
    fn apply(&self, m: &mut VoteModel) {
        m.unfounded_genuine = self.unfounded_genuine.unwrap_or(m.unfounded_genuine);
        m.unfounded_fabricated = self.unfounded_fabricated.unwrap_or(m.unfounded_fabricated);
        m.abstain = self.abstain.unwrap_or(m.abstain);
        m.no_vote = self.no_vote.unwrap_or(m.no_vote);
        m.delay_min = self.delay_min.or(m.delay_min);
        m.delay_max = self.delay_max.or(m.delay_max);
        m.decision_yes = self.decision_yes.unwrap_or(m.decision_yes);
        m.renewal_no = self.renewal_no.unwrap_or(m.renewal_no);
    }
}

/// A variant: patches to the base charter, and the aid lag.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    pub name: String,
    /// The body that verifies claims (`[verification] body`).
    #[serde(default)]
    pub body: Option<BodyId>,
    /// The verifying body's rule: a preset name (`majority`, `unanimity`, `eu-qmv`, ...).
    #[serde(default)]
    pub rule: Option<String>,
    #[serde(default)]
    pub burden: Option<Burden>,
    #[serde(default)]
    pub decide_within: Option<Duration>,
    #[serde(default)]
    pub escalation_window: Option<Duration>,
    #[serde(default)]
    pub escalation_threshold: Option<u32>,
    /// Packages to leave out of the charter (from every tier, and their tables): the
    /// guarantee without, say, its US leg.
    #[serde(default)]
    pub drop_packages: Vec<String>,
    /// How long after an activation the response takes effect (deliveries, sanctions biting):
    /// the adversary gains until then.
    #[serde(default)]
    pub aid_lag: Option<Duration>,
    /// An activation whose military obligations draw units from the capability record
    /// (`[simulation] record`) takes effect when the last of them arrives, if that is later than
    /// `aid_lag`: the capability tracker's readiness instead of an assumed lag.
    #[serde(default)]
    pub aid_lag_from_readiness: bool,
    /// How long a response stays in effect once it has taken effect (a package with a
    /// duration, sanctions that lapse unless renewed): after that the adversary gains again
    /// until another activation's response takes effect. Absent: a response lasts for good.
    #[serde(default)]
    pub response_duration: Option<Duration>,
    /// A response whose packages restored or confirmed measures of the charter (`[[measure]]`)
    /// lasts while any of those measures still applies: it ends when they lapse (a sunset, a
    /// renewal the body did not adopt). Responses that touch no measure last
    /// `response_duration` (or for good).
    #[serde(default)]
    pub response_from_measures: bool,
    /// The `[[appropriation]]` contributors' surge shares wait on their parliaments (the
    /// variant's charter says so), each appropriated after a drawn delay; a response takes
    /// effect only once every surge share its activation called is appropriated, if that is
    /// later than `aid_lag`.
    #[serde(default)]
    pub appropriations: bool,
}

/// Reads and checks a config. `source` is the config file's text and name.
/// Every shape error is reported in one pass (unknown keys with a suggestion among the keys of
/// their table); the range checks run when every part parsed.
pub fn parse_config(source: &Source) -> Result<Config, Diagnostics> {
    let shaped: Shaped<Config> =
        read_toml(source, DocumentKind::SimulationConfig, &|_, _, keys| keys);
    let mut errors = shaped.errors;
    if let Some(config) = shaped.value {
        let problems = check(&config);
        if problems.is_empty() && errors.is_empty() {
            return Ok(config);
        }
        errors.extend(problems.into_iter().map(|p| {
            let path = shaped.dropped.original_path(&p.path);
            source.toml_problem(Problem { path, ..p })
        }));
    }
    Err(Diagnostics::by_position(errors))
}

fn probability(out: &mut Vec<Problem>, path: FieldPath, value: f64) {
    if !(0.0..=1.0).contains(&value) || value.is_nan() {
        out.push(
            Problem::new(path, format!("{value} is not a probability"))
                .help("write a number from 0 to 1"),
        );
    }
}

fn rate(out: &mut Vec<Problem>, path: FieldPath, value: f64) {
    if !(0.0..=1_000.0).contains(&value) || value.is_nan() {
        out.push(
            Problem::new(
                path,
                format!("{value} is not a rate per day from 0 to 1000"),
            )
            .help("write how many per day on average, e.g. 1.0"),
        );
    }
}

fn severity(out: &mut Vec<Problem>, path: FieldPath, value: u8, max: u8) {
    if !(1..=max).contains(&value) {
        out.push(
            Problem::new(path, format!("severity {value} is outside 1 to {max}"))
                .help("claims have severities from 1 to 5"),
        );
    }
}

/// Every range and reference the types cannot express.
pub(crate) fn check(c: &Config) -> Vec<Problem> {
    let mut out = Vec::new();
    let sim = FieldPath::of(&["simulation"]);
    if c.simulation.runs == 0 || c.simulation.runs > RUNS_MAX {
        out.push(
            Problem::new(
                sim.key("runs"),
                format!("{} runs is outside 1 to {RUNS_MAX}", c.simulation.runs),
            )
            .help("runs per variant, e.g. 1000"),
        );
    }
    let horizon_s = c.simulation.horizon.seconds();
    if horizon_s % 86_400 != 0 || horizon_s / 86_400 > u64::from(HORIZON_DAYS_MAX) {
        out.push(
            Problem::new(
                sim.key("horizon"),
                format!(
                    "{} is not a whole number of days up to {HORIZON_DAYS_MAX}",
                    c.simulation.horizon
                ),
            )
            .help("write the horizon in days, e.g. \"365d\""),
        );
    }
    let adv = FieldPath::of(&["adversary"]);
    match &c.adversary {
        Adversary::Salami {
            rate_per_day,
            severity: s,
            dispersion,
            ..
        } => {
            rate(&mut out, adv.key("rate_per_day"), *rate_per_day);
            severity(&mut out, adv.key("severity"), *s, 4);
            if let Some(k) = dispersion
                && !(*k > 0.0 && *k <= DISPERSION_MAX)
            {
                out.push(
                    Problem::new(
                        adv.key("dispersion"),
                        format!("{k} is not a dispersion above 0 and at most {DISPERSION_MAX}"),
                    )
                    .help("write the negative binomial's shape k, e.g. 1.5 (smaller is burstier); leave it out for a steady Poisson rate"),
                );
            }
        }
        Adversary::ProbeThenEscalate { start_severity, .. } => {
            severity(&mut out, adv.key("start_severity"), *start_severity, 5);
        }
        Adversary::Offensive { severity: s, .. } => severity(&mut out, adv.key("severity"), *s, 5),
    }
    for (i, g) in c.adversary.gain().per_violation.iter().enumerate() {
        if !g.is_finite() || *g < 0.0 {
            out.push(
                Problem::new(
                    adv.key("gain").key("per_violation").index(i),
                    format!("{g} is not a gain"),
                )
                .help("gains are finite numbers of at least 0"),
            );
        }
    }
    let filing = FieldPath::of(&["filing"]);
    probability(&mut out, filing.key("detection"), c.filing.detection);
    rate(
        &mut out,
        filing.key("fabricated_per_day"),
        c.filing.fabricated_per_day,
    );
    severity(
        &mut out,
        filing.key("fabricated_severity"),
        c.filing.fabricated_severity,
        5,
    );
    let voting = FieldPath::of(&["voting"]);
    check_vote_model(&mut out, &voting, &c.voting.default);
    if !(0.0..=10.0).contains(&c.voting.political_will_sd) || c.voting.political_will_sd.is_nan() {
        out.push(
            Problem::new(
                voting.key("political_will_sd"),
                "the standard deviation is outside 0 to 10",
            )
            .help("0 turns the common factor off; 0.5 correlates votes moderately"),
        );
    }
    for (i, p) in c.voting.party.iter().enumerate() {
        let path = voting.key("party").index(i);
        check_vote_model(&mut out, &path, &c.voting.model_for(p.party.as_str()));
    }
    let shift = c.voting.will_shift_per_false_activation;
    if !(-10.0..=10.0).contains(&shift) || shift.is_nan() {
        out.push(
            Problem::new(
                voting.key("will_shift_per_false_activation"),
                format!("{shift} is outside -10 to 10"),
            )
            .help("a shift in log-odds per false activation: 0.3 is a noticeable drift, 0 none"),
        );
    }
    let mut bloc_names = std::collections::BTreeSet::new();
    for (i, b) in c.voting.bloc.iter().enumerate() {
        let path = voting.key("bloc").index(i);
        if !bloc_names.insert(b.name.as_str()) {
            out.push(Problem::new(
                path.key("name"),
                format!("bloc `{}` is named twice", b.name),
            ));
        }
        if b.members.len() < 2 {
            out.push(
                Problem::new(path.key("members"), "a bloc needs at least two members")
                    .help("list the party ids of the members who vote together"),
            );
        }
        if !(0.0..=10.0).contains(&b.sd) || b.sd.is_nan() {
            out.push(
                Problem::new(path.key("sd"), format!("{} is outside 0 to 10", b.sd))
                    .help("1.0 ties the members' votes closely; 0 turns the bloc off"),
            );
        }
    }
    let mut changed = std::collections::BTreeSet::new();
    for (i, r) in c.voting.regime_change.iter().enumerate() {
        let path = voting.key("regime_change").index(i);
        if !changed.insert(r.party.as_str()) {
            out.push(
                Problem::new(
                    path.key("party"),
                    format!("`{}` changes government twice", r.party),
                )
                .help("one regime change per party"),
            );
        }
        if r.at.is_some() == r.within.is_some() {
            out.push(
                Problem::new(
                    path.clone(),
                    "give either `at` or `within`, not both or neither",
                )
                .help("at = \"120d\" for a given instant; within = \"365d\" for a random one"),
            );
        }
        check_vote_model(&mut out, &path, &c.voting.model_after(r));
    }
    if c.voting.bloc.len() > BLOCS_MAX {
        out.push(Problem::new(
            voting.key("bloc"),
            format!("more than {BLOCS_MAX} blocs"),
        ));
    }
    if c.variant.is_empty() {
        out.push(
            Problem::new(FieldPath::of(&["variant"]), "no variants").help(
                "add at least one [[variant]] with a name (an empty one runs the base charter)",
            ),
        );
    }
    if c.variant.len() > VARIANTS_MAX {
        out.push(Problem::new(
            FieldPath::of(&["variant"]),
            format!("more than {VARIANTS_MAX} variants"),
        ));
    }
    let mut names = std::collections::BTreeSet::new();
    for (i, v) in c.variant.iter().enumerate() {
        let path = FieldPath::of(&["variant"]).index(i);
        let ok = !v.name.is_empty()
            && v.name.len() <= 64
            && v.name
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '-' | '_' | '.'));
        if !ok {
            out.push(
                Problem::new(path.key("name"), format!("`{}` is not a variant name", v.name))
                    .help("use 1 to 64 letters, digits, '-', '_' or '.' (it names CSV rows and --replay-run)"),
            );
        }
        if v.aid_lag_from_readiness && c.simulation.record.is_none() {
            out.push(
                Problem::new(
                    path.key("aid_lag_from_readiness"),
                    "readiness needs a capability record",
                )
                .help("name a scenario with the stock and contracts in [simulation] record"),
            );
        }
        if v.appropriations && c.appropriation.is_empty() {
            out.push(
                Problem::new(
                    path.key("appropriations"),
                    "no [[appropriation]] to wait on",
                )
                .help(
                    "add [[appropriation]] tables with party, parliament, delay_min and delay_max",
                ),
            );
        }
        if !names.insert(v.name.as_str()) {
            out.push(
                Problem::new(
                    path.key("name"),
                    format!("variant `{}` is named twice", v.name),
                )
                .help("give each variant its own name"),
            );
        }
    }
    let mut parties = std::collections::BTreeSet::new();
    for (i, a) in c.appropriation.iter().enumerate() {
        let path = FieldPath::of(&["appropriation"]).index(i);
        if !parties.insert(a.party.as_str()) {
            out.push(
                Problem::new(path.key("party"), format!("`{}` is listed twice", a.party))
                    .help("give each contributor one [[appropriation]]"),
            );
        }
        if a.parliament.trim().is_empty() {
            out.push(
                Problem::new(path.key("parliament"), "the parliament's name is empty")
                    .help("name it, such as parliament = \"United States Congress\""),
            );
        }
        if a.delay_max < a.delay_min {
            out.push(
                Problem::new(
                    path.key("delay_max"),
                    format!(
                        "delay_max {} is shorter than delay_min {}",
                        a.delay_max, a.delay_min
                    ),
                )
                .help("write the longest delay in delay_max"),
            );
        }
    }
    if let Some(spec) = &c.sensitivity {
        crate::sensitivity::study::check(c, spec, &mut out);
    }
    out
}

fn check_vote_model(out: &mut Vec<Problem>, path: &FieldPath, m: &VoteModel) {
    probability(out, path.key("unfounded_genuine"), m.unfounded_genuine);
    probability(
        out,
        path.key("unfounded_fabricated"),
        m.unfounded_fabricated,
    );
    probability(out, path.key("abstain"), m.abstain);
    probability(out, path.key("no_vote"), m.no_vote);
    probability(out, path.key("decision_yes"), m.decision_yes);
    probability(out, path.key("renewal_no"), m.renewal_no);
    if m.abstain + m.unfounded_genuine > 1.0
        || m.abstain + m.unfounded_fabricated > 1.0
        || m.abstain + m.decision_yes > 1.0
    {
        out.push(
            Problem::new(path.key("abstain"), "abstain plus unfounded is more than 1").help(
                "of the votes cast, abstain and unfounded are shares that must sum to at most 1",
            ),
        );
    }
    if m.abstain + m.renewal_no > 1.0 {
        out.push(
            Problem::new(
                path.key("renewal_no"),
                format!("abstain {} plus renewal_no {} is more than 1", m.abstain, m.renewal_no),
            )
            .help("of the votes cast on a renewal, abstentions and \"no\" are shares that must sum to at most 1: write renewal_no = 1 - abstain, or set abstain here too"),
        );
    }
    if let (Some(lo), Some(hi)) = (m.delay_min, m.delay_max)
        && lo.seconds() > hi.seconds()
    {
        out.push(
            Problem::new(
                path.key("delay_min"),
                format!("delay_min {lo} is more than delay_max {hi}"),
            )
            .help("votes come uniformly between delay_min and delay_max after the filing"),
        );
    }
}
