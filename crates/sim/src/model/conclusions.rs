//! What a run keeps of the engine's conclusions: the sink that reads them.

use super::*;

/// A response's effect instant while surge shares it needs still wait: never, until they are
/// appropriated.
const NEVER_S: i64 = i64::MAX / 4;

/// A package decision the engine opened, whose members vote on it.
#[derive(Debug, Clone)]
pub(super) struct SimDecision {
    pub(super) id: DecisionId,
    pub(super) members: Arc<[PartyId]>,
    pub(super) opened_s: i64,
    pub(super) closed: bool,
}

/// Decisions of one kind the engine opened (package decisions, or measure renewals), in order.
#[derive(Debug, Default)]
pub(super) struct Decisions {
    list: Vec<SimDecision>,
    index: FxHashMap<DecisionId, u32>,
}

impl Decisions {
    pub(super) fn get(&self, k: usize) -> Option<&SimDecision> {
        self.list.get(k)
    }

    fn open(&mut self, id: &DecisionId, members: &Arc<[PartyId]>, opened_s: i64) {
        self.index.insert(id.clone(), self.list.len() as u32);
        self.list.push(SimDecision {
            id: id.clone(),
            members: Arc::clone(members),
            opened_s,
            closed: false,
        });
    }

    fn close(&mut self, id: &DecisionId) {
        if let Some(&k) = self.index.get(id)
            && let Some(x) = self.list.get_mut(k as usize)
        {
            x.closed = true;
        }
    }
}

/// One activation's response as the run follows it.
#[derive(Debug, Clone)]
pub(super) struct Response {
    /// Whether it answered a genuine claim (else it is a false activation).
    pub(super) genuine: bool,
    /// When it takes effect (seconds since the start): the aid lag after the activation, or
    /// (`aid_lag_from_readiness`) when the last unit it drew arrives, if that is later.
    pub(super) from_s: i64,
    /// The measures its packages restored or confirmed (`response_from_measures`).
    pub(super) measures: Vec<MeasureId>,
    /// When the last of those measures stopped applying.
    pub(super) ended_s: Option<i64>,
    /// Surge shares of its activation still waiting on an appropriation (`appropriations`):
    /// while any waits, it has not taken effect.
    pub(super) waiting: u32,
    /// When it would take effect but for the waiting shares.
    pub(super) floor_s: i64,
}

impl Response {
    /// Whether it is in effect at `t`; `lasts_s` is how long a response that touched no measure
    /// lasts (`None`: for good).
    pub(super) fn in_effect(&self, t: i64, lasts_s: Option<i64>) -> bool {
        if t < self.from_s {
            return false;
        }
        if !self.measures.is_empty() {
            return self.ended_s.is_none_or(|e| t < e);
        }
        lasts_s.is_none_or(|l| t < self.from_s.saturating_add(l))
    }
}

/// A claim as the run knows it.
#[derive(Debug, Clone)]
pub(super) struct SimClaim {
    pub(super) id: ClaimId,
    pub(super) genuine: bool,
    pub(super) severity: u8,
    /// When the violation happened (genuine claims), seconds since the start.
    pub(super) violation_s: i64,
    pub(super) closed: bool,
    pub(super) activated: bool,
}

/// The engine's conclusions, as the run needs them.
#[derive(Debug, Default)]
pub(super) struct Conclusions {
    /// Claim index by id.
    pub(super) index: FxHashMap<ClaimId, u32>,
    pub(super) claims: Vec<SimClaim>,
    pub(super) record: RunCounts,
    /// When the first genuine response takes effect: the earliest `from_s` of the genuine
    /// `responses`, kept as they change (the check of every violation reads it).
    pub(super) effective_s: Option<i64>,
    /// Every activation's response, in the order of the activations.
    pub(super) responses: Vec<Response>,
    pub(super) response_index: FxHashMap<ActivationId, u32>,
    /// Whether responses end with their measures (`response_from_measures`).
    pub(super) follow_measures: bool,
    /// Whether responses wait for the units they draw (`aid_lag_from_readiness`).
    pub(super) lag_from_readiness: bool,
    /// Whether responses wait for their surge shares' appropriations (`appropriations`).
    pub(super) lag_from_appropriations: bool,
    /// Every surge share the engine left waiting on a parliament, in order.
    pub(super) awaiting: Vec<Waiting>,
    /// Whether each measure a response touched applies now.
    pub(super) measures_apply: FxHashMap<MeasureId, bool>,
    /// The deciding body's record on genuine claims, in the order they were determined: `true`
    /// for a claim it dismissed or left unanswered, `false` for one it activated.
    pub(super) genuine_record: Vec<bool>,
    /// Every activation as the adversary sees it: when, the severity of the claims it
    /// activated, and whether escalation caused it.
    pub(super) activation_log: Vec<(i64, u32, bool)>,
    pub(super) start: Option<Timestamp>,
    pub(super) aid_lag_s: i64,
    pub(super) events: Option<Vec<Event>>,
    /// When the adversary's first violation happened.
    pub(super) first_violation_s: Option<i64>,
    /// Package decisions, in the order the engine opened them.
    pub(super) decisions: Decisions,
    /// Measure renewal decisions, in the order the engine opened them.
    pub(super) renewals: Decisions,
}

#[derive(Debug, Default, Clone)]
pub(super) struct RunCounts {
    pub(super) activations: u64,
    pub(super) escalations: u64,
    pub(super) dismissals: u64,
    pub(super) false_activations: u64,
    pub(super) obligations: u64,
    pub(super) first_response_h: Option<f64>,
    pub(super) times_to_activation_h: Vec<f64>,
}

impl Conclusions {
    pub(super) fn seconds(&self, at: Timestamp) -> i64 {
        match self.start {
            // Whole seconds apart when neither has a fraction: the common case, without
            // duration arithmetic.
            Some(s) if s.subsec_nanosecond() == 0 && at.subsec_nanosecond() == 0 => {
                at.as_second() - s.as_second()
            }
            Some(s) => at.duration_since(s).as_secs(),
            None => 0,
        }
    }

    /// Whether a genuine response is in effect at `t`.
    pub(super) fn response_in_effect(&self, t: i64, lasts_s: Option<i64>) -> bool {
        if lasts_s.is_none() && !self.follow_measures {
            // Every response lasts for good: the first one decides.
            return self.effective_s.is_some_and(|e| e <= t);
        }
        self.responses
            .iter()
            .rev()
            .any(|r| r.genuine && r.in_effect(t, lasts_s))
    }

    /// A draw of `activation` whose last unit arrives at `arrives`: its response waits for it.
    fn arrives(&mut self, activation: &ActivationId, arrives: Timestamp) {
        if !self.lag_from_readiness {
            return;
        }
        let at_s = self.seconds(arrives);
        if let Some(r) = self.response_mut(activation) {
            if r.waiting > 0 {
                r.floor_s = r.floor_s.max(at_s);
            } else {
                r.from_s = r.from_s.max(at_s);
            }
        }
        self.refresh_effective();
    }

    /// The response of `activation`.
    fn response_mut(&mut self, activation: &ActivationId) -> Option<&mut Response> {
        let k = *self.response_index.get(activation)?;
        self.responses.get_mut(k as usize)
    }

    /// The earliest instant a genuine response takes effect (none while every one waits).
    fn refresh_effective(&mut self) {
        self.effective_s = self
            .responses
            .iter()
            .filter(|r| r.genuine && r.from_s < NEVER_S)
            .map(|r| r.from_s)
            .min();
    }

    /// A share of `activation`'s surge waits on an appropriation (`waits`), or was appropriated
    /// at `at_s`: under `appropriations` its response takes effect only once none waits.
    fn appropriation(&mut self, activation: &ActivationId, waits: bool, at_s: i64) {
        if !self.lag_from_appropriations {
            return;
        }
        let Some(r) = self.response_mut(activation) else {
            return;
        };
        if waits {
            if r.waiting == 0 {
                r.floor_s = r.from_s;
            }
            r.waiting += 1;
            r.from_s = NEVER_S;
        } else if r.waiting > 0 {
            r.waiting -= 1;
            r.floor_s = r.floor_s.max(at_s);
            if r.waiting == 0 {
                r.from_s = r.floor_s;
            }
        }
        self.refresh_effective();
    }

    /// `measure` now applies (`true`) or not; `activation` restored or confirmed it.
    fn measure(
        &mut self,
        measure: &MeasureId,
        applies: bool,
        activation: Option<&ActivationId>,
        at_s: i64,
    ) {
        if !self.follow_measures {
            return;
        }
        if let Some(a) = activation
            && applies
            && let Some(&k) = self.response_index.get(a)
            && let Some(r) = self.responses.get_mut(k as usize)
            && !r.measures.contains(measure)
        {
            r.measures.push(measure.clone());
        }
        self.measures_apply.insert(measure.clone(), applies);
        if applies {
            return;
        }
        let apply = &self.measures_apply;
        for r in &mut self.responses {
            if r.ended_s.is_none()
                && r.measures.contains(measure)
                && !r
                    .measures
                    .iter()
                    .any(|m| apply.get(m).copied().unwrap_or(false))
            {
                r.ended_s = Some(at_s);
            }
        }
    }
}

impl Sink for Conclusions {
    fn input(&mut self, _index: u64, event: &Event, judgement: &Judgement) {
        if let Some(events) = &mut self.events
            && judgement.is_ok()
        {
            events.push(event.clone());
        }
    }

    fn derived(&mut self, d: &Derived) {
        match &d.kind {
            DerivedKind::ClaimDetermined { claim, status, .. } => {
                if let Some(&k) = self.index.get(claim)
                    && let Some(c) = self.claims.get_mut(k as usize)
                {
                    c.closed = true;
                }
                if *status == ClaimStatus::Dismissed {
                    self.record.dismissals += 1;
                }
                if let Some(&k) = self.index.get(claim)
                    && let Some(c) = self.claims.get(k as usize)
                    && c.genuine
                {
                    self.genuine_record.push(*status != ClaimStatus::Activated);
                }
            }
            DerivedKind::Activation {
                activation,
                cause,
                claims,
                ..
            } => {
                let at_s = self.seconds(d.at);
                self.record.activations += 1;
                if *cause == Cause::Escalation {
                    self.record.escalations += 1;
                }
                let mut genuine = false;
                let mut severity = 0u32;
                for id in claims {
                    let Some(&k) = self.index.get(id) else {
                        continue;
                    };
                    let Some(c) = self.claims.get_mut(k as usize) else {
                        continue;
                    };
                    severity += u32::from(c.severity);
                    if c.genuine {
                        genuine = true;
                        if !c.activated {
                            self.record
                                .times_to_activation_h
                                .push((at_s - c.violation_s) as f64 / HOUR_S as f64);
                        }
                    }
                    c.activated = true;
                }
                self.activation_log
                    .push((at_s, severity, *cause == Cause::Escalation));
                let from_s = at_s.saturating_add(self.aid_lag_s);
                self.response_index
                    .insert(activation.clone(), self.responses.len() as u32);
                self.responses.push(Response {
                    genuine,
                    from_s,
                    measures: Vec::new(),
                    ended_s: None,
                    waiting: 0,
                    floor_s: from_s,
                });
                match genuine {
                    false => self.record.false_activations += 1,
                    true => {
                        // From the run's first violation: how long the adversary acted before
                        // the guarantee first answered a genuine claim.
                        if self.record.first_response_h.is_none() {
                            let first = self.first_violation_s.unwrap_or(at_s);
                            self.record.first_response_h =
                                Some((at_s - first) as f64 / HOUR_S as f64);
                        }
                        // The earliest effect so far: under readiness an earlier response may
                        // wait longer than this one.
                        self.effective_s = Some(self.effective_s.map_or(from_s, |e| e.min(from_s)));
                    }
                }
            }
            DerivedKind::ObligationCreated {
                obligation,
                activation,
                ..
            } => {
                self.record.obligations += 1;
                if self.awaiting.iter().any(|w| &w.obligation == obligation) {
                    let at_s = self.seconds(d.at);
                    self.appropriation(activation, false, at_s);
                }
            }
            DerivedKind::FundShareAwaitingAppropriation {
                activation,
                party,
                obligation,
                amount,
                ..
            } => {
                let at_s = self.seconds(d.at);
                self.awaiting.push(Waiting {
                    obligation: obligation.clone(),
                    party: party.clone(),
                    amount: *amount,
                    since_s: at_s,
                });
                self.appropriation(activation, true, at_s);
            }
            DerivedKind::DecisionOpened {
                decision, members, ..
            } => {
                let at_s = self.seconds(d.at);
                self.decisions.open(decision, members, at_s);
            }
            DerivedKind::DecisionDetermined { decision, .. } => {
                self.decisions.close(decision);
                self.renewals.close(decision);
            }
            DerivedKind::MeasureRenewalOpened {
                decision, members, ..
            } => {
                let at_s = self.seconds(d.at);
                self.renewals.open(decision, members, at_s);
            }
            DerivedKind::StockpileDrawn {
                activation,
                arrives,
                ..
            } => self.arrives(activation, *arrives),
            DerivedKind::ContractDrawn {
                activation,
                complete_by,
                ..
            } => self.arrives(activation, *complete_by),
            DerivedKind::MeasureChanged {
                measure,
                to,
                activation,
                ..
            } => {
                let at_s = self.seconds(d.at);
                self.measure(measure, to.applies(), activation.as_ref(), at_s);
            }
            DerivedKind::MeasureConfirmed {
                measure,
                activation,
                ..
            } => {
                let at_s = self.seconds(d.at);
                self.measure(measure, true, Some(activation), at_s);
            }
            _ => {}
        }
    }
}
