//! What a run keeps of the engine's conclusions: the sink that reads them.

use super::*;

/// A package decision the engine opened, whose members vote on it.
#[derive(Debug, Clone)]
pub(super) struct SimDecision {
    pub(super) id: DecisionId,
    pub(super) members: Arc<[PartyId]>,
    pub(super) opened_s: i64,
    pub(super) closed: bool,
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
    /// Activation instants (seconds since the start), for the adversary.
    pub(super) activations_s: Vec<i64>,
    /// When the first genuine response takes effect (activation + aid lag).
    pub(super) effective_s: Option<i64>,
    /// Every activation that answered a genuine claim, for responses that lapse.
    pub(super) genuine_activations_s: Vec<i64>,
    /// Every activation as the adversary sees it: when, the severity of the claims it
    /// activated, and whether escalation caused it.
    pub(super) activation_log: Vec<(i64, u32, bool)>,
    pub(super) start: Option<Timestamp>,
    pub(super) aid_lag_s: i64,
    pub(super) events: Option<Vec<Event>>,
    /// When the adversary's first violation happened.
    pub(super) first_violation_s: Option<i64>,
    /// Package decisions, in the order the engine opened them.
    pub(super) decisions: Vec<SimDecision>,
    pub(super) decision_index: FxHashMap<DecisionId, u32>,
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
        self.start.map_or(0, |s| at.duration_since(s).as_secs())
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
            }
            DerivedKind::Activation { cause, claims, .. } => {
                let at_s = self.seconds(d.at);
                self.record.activations += 1;
                self.activations_s.push(at_s);
                if *cause == Cause::Escalation {
                    self.record.escalations += 1;
                }
                let mut genuine_violations: Vec<i64> = Vec::new();
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
                        genuine_violations.push(c.violation_s);
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
                match genuine_violations.is_empty() {
                    true => self.record.false_activations += 1,
                    false => {
                        // From the run's first violation: how long the adversary acted before
                        // the guarantee first answered a genuine claim.
                        if self.record.first_response_h.is_none() {
                            let first = self.first_violation_s.unwrap_or(at_s);
                            self.record.first_response_h =
                                Some((at_s - first) as f64 / HOUR_S as f64);
                        }
                        if self.effective_s.is_none() {
                            self.effective_s = Some(at_s + self.aid_lag_s);
                        }
                        self.genuine_activations_s.push(at_s);
                    }
                }
            }
            DerivedKind::ObligationCreated { .. } => self.record.obligations += 1,
            DerivedKind::DecisionOpened {
                decision, members, ..
            } => {
                let k = self.decisions.len() as u32;
                self.decision_index.insert(decision.clone(), k);
                self.decisions.push(SimDecision {
                    id: decision.clone(),
                    members: Arc::clone(members),
                    opened_s: self.seconds(d.at),
                    closed: false,
                });
            }
            DerivedKind::DecisionDetermined { decision, .. } => {
                if let Some(&k) = self.decision_index.get(decision)
                    && let Some(x) = self.decisions.get_mut(k as usize)
                {
                    x.closed = true;
                }
            }
            _ => {}
        }
    }
}
