//! Responses to an activated claim: the tier's activation, the escalation window, and the
//! decisions a package waits for before it proceeds.

use std::sync::Arc;

use jiff::Timestamp;
use snapback_charter::{
    ActivationId, Charter, ClaimId, DecisionId, PackageIdx, ProceedIf, TierIdx,
};

use super::{Counted, CountedSource, Engine, PackageRef, ProceedingPackage, Purpose, member_ids};
use crate::derived::{Cause, Derived, DerivedKind};
use crate::proceeding::Proceeding;

impl Engine {
    /// An activated claim activates its tier and, with enough activated claims in the trailing
    /// window, the escalation tier. Returns the claim's own activation and the activation that
    /// moved the fund to conflict mode, if one did.
    pub(super) fn respond(
        &mut self,
        at: Timestamp,
        claim: &ClaimId,
        severity: u8,
        out: &mut Vec<Derived>,
    ) -> (Option<ActivationId>, Option<ActivationId>) {
        // A version is in force: the claim was filed under one, and versions only accumulate.
        let Ok(charter) = self.charter_at(at) else {
            return (None, None);
        };
        let mut funded = None;
        let mut own = None;
        // The tier a grading found, if it named one (and the charter in force still has it).
        let found = self
            .graded_tiers
            .get(claim)
            .and_then(|t| charter.tier_idx(t.as_str()));
        if let Some(tier) = found.or_else(|| charter.tier_for(severity)) {
            let a = self.activate(at, &charter, tier, Cause::Claim, vec![claim.clone()], out);
            funded = self.fund.triggered_by(&a).then(|| a.clone());
            own = Some(a);
        }
        let escalated = self.count_towards_escalation(
            at,
            &charter,
            Counted {
                at,
                source: CountedSource::Claim(claim.clone()),
                severity,
            },
            out,
        );
        if let Some(a) = escalated
            && funded.is_none()
            && self.fund.triggered_by(&a)
        {
            funded = Some(a);
        }
        (own, funded)
    }

    /// Adds an activated claim or a monitoring alert to the escalation window; with enough
    /// severity inside the trailing window, the escalation tier activates. Returns that
    /// activation, if one happened.
    pub(super) fn count_towards_escalation(
        &mut self,
        at: Timestamp,
        charter: &Arc<Charter>,
        counted: Counted,
        out: &mut Vec<Derived>,
    ) -> Option<ActivationId> {
        let escalation = charter.escalation.as_ref()?;
        self.window.push_back(counted);
        let start = escalation.window.before(at);
        while self.window.front().is_some_and(|c| c.at < start) {
            self.window.pop_front();
        }
        let sum: u64 = self.window.iter().map(|c| u64::from(c.severity)).sum();
        if sum < u64::from(escalation.threshold) {
            return None;
        }
        let (mut claims, mut alerts) = (Vec::new(), Vec::new());
        for c in self.window.drain(..) {
            match c.source {
                CountedSource::Claim(claim) => claims.push(claim),
                CountedSource::Alert(alert) => alerts.push(alert),
            }
        }
        let tier = escalation.tier;
        Some(self.activate_with(at, charter, tier, Cause::Escalation, (claims, alerts), out))
    }

    fn activate(
        &mut self,
        at: Timestamp,
        charter: &Arc<Charter>,
        tier: TierIdx,
        cause: Cause,
        claims: Vec<ClaimId>,
        out: &mut Vec<Derived>,
    ) -> ActivationId {
        self.activate_with(at, charter, tier, cause, (claims, Vec::new()), out)
    }

    /// Activates `tier` for what caused it: claims, and alerts counted towards an escalation.
    fn activate_with(
        &mut self,
        at: Timestamp,
        charter: &Arc<Charter>,
        tier: TierIdx,
        cause: Cause,
        (claims, alerts): (Vec<ClaimId>, Vec<crate::derived::AlertCount>),
        out: &mut Vec<Derived>,
    ) -> ActivationId {
        self.activations += 1;
        let activation = ActivationId::join(&[&format!("A{}", self.activations)]);
        let tier = charter.tier(tier);
        out.push(Derived {
            at,
            kind: DerivedKind::Activation {
                activation: activation.clone(),
                cause,
                claims,
                tier: tier.id.clone(),
                packages: tier
                    .packages
                    .iter()
                    .map(|p| charter.package(*p).id.clone())
                    .collect(),
                charter_version: charter.version.clone(),
                alerts,
            },
        });
        for &package in &tier.packages {
            match &charter.package(package).decision {
                Some(_) => self.open_package_decision(at, charter, &activation, package, out),
                None => self.create_obligations(
                    ProceedingPackage {
                        at,
                        charter,
                        activation: &activation,
                        package,
                    },
                    out,
                ),
            }
        }
        activation
    }

    fn open_package_decision(
        &mut self,
        at: Timestamp,
        charter: &Arc<Charter>,
        activation: &ActivationId,
        package: PackageIdx,
        out: &mut Vec<Derived>,
    ) {
        let pkg = charter.package(package);
        let Some(rule) = &pkg.decision else { return };
        let id = DecisionId::join(&[activation.as_str(), pkg.id.as_str()]);
        let mut proceeding =
            Proceeding::open_until(Arc::clone(charter), rule.body, at, rule.deadline.after(at));
        if let Some(proposer) = rule.proposer {
            proceeding = proceeding.proposed_by(proposer);
        }
        let verb = match rule.proceed_if {
            ProceedIf::Adopted => "adopt",
            ProceedIf::NotBlocked => "block",
        };
        out.push(Derived {
            at,
            kind: DerivedKind::DecisionOpened {
                decision: id.clone(),
                body: charter.body(rule.body).id.clone(),
                motion: if pkg.name == pkg.id.as_str() {
                    format!("{verb} package `{}` for activation {activation}", pkg.id)
                } else {
                    format!(
                        "{verb} package `{}` ({}) for activation {activation}",
                        pkg.id, pkg.name
                    )
                },
                activation: activation.clone(),
                package: pkg.id.clone(),
                proceed_if: rule.proceed_if,
                deadline: proceeding.deadline,
                members: member_ids(&proceeding),
                proposer: rule.proposer.map(|p| charter.party(p).id.clone()),
            },
        });
        self.start_decision(
            id.clone(),
            proceeding,
            Purpose::Package(PackageRef {
                activation: activation.clone(),
                package,
                proceed_if: rule.proceed_if,
            }),
        );
        self.settle_decision(&id, at, false, out);
    }
}
