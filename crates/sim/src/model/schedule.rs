//! Filing, voting and violation schedules: when each next thing happens.

use super::*;

pub(super) fn new_claim(
    seen: &mut Conclusions,
    genuine: bool,
    severity: u8,
    violation_s: i64,
) -> Option<u32> {
    let k = seen.claims.len() as u32;
    // Claim ids are short and valid by construction (`G12`, `F3`).
    let text = format!("{}{k}", if genuine { 'G' } else { 'F' });
    let Ok(id) = ClaimId::new(&text) else {
        debug_assert!(false, "claim ids are valid by construction");
        return None;
    };
    seen.index.insert(id.clone(), k);
    seen.claims.push(SimClaim {
        id,
        genuine,
        severity,
        violation_s,
        closed: false,
        activated: false,
    });
    Some(k)
}

/// A member's vote on a claim: after how many seconds, and which (0 unfounded, 1 founded,
/// 2 abstain); `None` if it does not vote. Always three draws, so every member's draws sit at
/// the same place in the claim's block whatever the others did.
pub(super) fn draw_vote(
    rng: &mut ChaCha8Rng,
    model: &VoteModel,
    genuine: bool,
    will: f64,
) -> Option<(i64, u8)> {
    let base = if genuine {
        model.unfounded_genuine
    } else {
        model.unfounded_fabricated
    };
    cast(rng, model, shifted(base, will))
}

/// One member's vote, from three draws whatever happens (so every member's draws sit at the
/// same place): `None` if it does not vote, else its delay and 0 (the outcome of probability
/// `first`: "unfounded" on a claim, "yes" on a decision), 1 (the other) or 2 (abstain).
pub(super) fn cast(rng: &mut ChaCha8Rng, model: &VoteModel, first: f64) -> Option<(i64, u8)> {
    let (u_vote, u_kind, u_delay) = (unit(rng), unit(rng), unit(rng));
    if u_vote < model.no_vote {
        return None;
    }
    let first = first.min(1.0 - model.abstain);
    let kind = if u_kind < model.abstain {
        2
    } else if u_kind < model.abstain + first {
        0
    } else {
        1
    };
    Some((vote_delay_s(model, u_delay), kind))
}

/// The votes on the decisions the engine opens: a package's decision (the EU leg adopted by
/// qualified majority, say) and a measure's renewal, each list with its own stream so that
/// renewals move no package decision's draws. Decision `k`'s draws start at a fixed place in
/// its stream, three per member.
pub(super) struct Ballots {
    decisions: (usize, ChaCha8Rng),
    renewals: (usize, ChaCha8Rng),
}

impl Ballots {
    pub(super) fn new(keys: &Keys, run: u64) -> Self {
        Ballots {
            decisions: (0, keys.stream(Purpose::Decisions, run)),
            renewals: (0, keys.stream(Purpose::Renewals, run)),
        }
    }

    /// Draws and queues the members' votes on every decision opened since the last call.
    pub(super) fn schedule(
        &mut self,
        config: &Config,
        seen: &Conclusions,
        will: &Will,
        regimes: &Regimes,
        push: &mut dyn FnMut(i64, Pending),
    ) {
        let lists = [
            (false, &seen.decisions, &mut self.decisions),
            (true, &seen.renewals, &mut self.renewals),
        ];
        for (renewal, list, (scheduled, rng)) in lists {
            while let Some(d) = list.get(*scheduled) {
                let k = *scheduled as u32;
                *scheduled += 1;
                rng.set_word_pos(u128::from(k) * VOTE_WORDS_PER_CLAIM);
                for (v, party) in d.members.iter().enumerate().take(VOTERS_MAX) {
                    let model = regimes
                        .model_at(party, d.opened_s)
                        .cloned()
                        .unwrap_or_else(|| config.voting.model_for(party.as_str()));
                    // Political will works against adoption as it works for "unfounded".
                    let lean = will.of(party, seen.record.false_activations);
                    let yes = match renewal {
                        false => shifted(model.decision_yes, -lean),
                        true => (1.0 - model.abstain - shifted(model.renewal_no, lean)).max(0.0),
                    };
                    let Some((delay, choice)) = cast(rng, &model, yes) else {
                        continue;
                    };
                    push(
                        d.opened_s + delay,
                        Pending::DecisionVote {
                            renewal,
                            decision: k,
                            voter: v as u16,
                            choice,
                        },
                    );
                }
            }
        }
    }
}

/// A vote's delay: uniform between the model's bounds (1 to 24 hours by default), at least 1 s.
pub(super) fn vote_delay_s(model: &VoteModel, u: f64) -> i64 {
    let lo = model.delay_min.map_or(HOUR_S, |d| d.seconds() as i64);
    let hi = model
        .delay_max
        .map_or(24 * HOUR_S, |d| d.seconds() as i64)
        .max(lo);
    (lo + ((hi - lo) as f64 * u).floor() as i64).max(1)
}

pub(super) fn start_severity(a: &Adversary) -> u8 {
    match a {
        Adversary::ProbeThenEscalate { start_severity, .. } => *start_severity,
        Adversary::Salami { severity, .. } | Adversary::Offensive { severity, .. } => *severity,
    }
}

pub(super) fn pause_s(a: &Adversary) -> Option<i64> {
    match a {
        Adversary::Salami {
            pause_after_activation,
            ..
        }
        | Adversary::ProbeThenEscalate {
            pause_after_activation,
            ..
        } => pause_after_activation.map(|d| d.seconds() as i64),
        Adversary::Offensive { .. } => None,
    }
}

pub(super) fn first_violation_s(a: &Adversary, rng: &mut ChaCha8Rng) -> Option<i64> {
    match a {
        Adversary::Salami { rate_per_day, .. } => {
            (*rate_per_day > 0.0).then(|| exponential_s(rng, rate_per_day / DAY_S as f64))
        }
        Adversary::ProbeThenEscalate { interval, .. } => Some(interval.seconds() as i64),
        Adversary::Offensive { after, .. } => Some(after.seconds() as i64),
    }
}

pub(super) fn next_violation_s(a: &Adversary, rng: &mut ChaCha8Rng, now_s: i64) -> Option<i64> {
    match a {
        Adversary::Salami { rate_per_day, .. } => {
            Some(now_s.saturating_add(exponential_s(rng, rate_per_day / DAY_S as f64)))
        }
        Adversary::ProbeThenEscalate { interval, .. } => {
            Some(now_s.saturating_add(interval.seconds() as i64))
        }
        Adversary::Offensive { .. } => None,
    }
}

/// `party`'s vote at `at`, on a claim or on a package decision.
pub(super) fn vote_event(at: Timestamp, party: &PartyId, vote: VoteCast) -> Event {
    Event {
        at,
        party: party.clone(),
        kind: EventKind::VoteCast(vote),
    }
}
