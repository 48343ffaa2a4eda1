//! Plain-language descriptions of rules, used by `charter check` and by every explanation.

use crate::ids::BodyIdx;
use crate::model::{Burden, Charter, Effect, Members, ProceedIf};
use crate::voting::{Qualified, Rule, ceil_pct};

/// Describes a rule for a body of `members` members, with the numbers that follow from it:
/// "majority: yes from more than half of the 9 members (at least 5)".
pub fn describe_rule(charter: &Charter, rule: &Rule, members: u32) -> String {
    match rule {
        Rule::Majority => format!(
            "majority: yes from more than half of the {members} members (at least {})",
            members / 2 + 1
        ),
        Rule::MajorityOfVotesCast => {
            "majority of votes cast: more yes than no, abstentions not counted".to_owned()
        }
        Rule::Unanimity => format!(
            "unanimity: no \"no\" from any of the {members} members and at least one yes (abstention does not block)"
        ),
        Rule::Qualified(q) => describe_qualified(rule, q, members),
        Rule::VotesCastShare { num, den } => format!(
            "{num}/{den} of the votes cast: yes from at least {num} in {den} of those voting yes or no, abstentions not counted"
        ),
        Rule::ByProposer {
            proposers,
            then,
            otherwise,
        } => {
            let who: Vec<&str> = proposers
                .iter()
                .map(|p| charter.party(*p).id.as_str())
                .collect();
            format!(
                "chosen by who proposes: on a proposal from {}, {}; otherwise, {}",
                who.join(" or "),
                describe_rule(charter, then, members),
                describe_rule(charter, otherwise, members)
            )
        }
        Rule::UnanimityConstructive => format!(
            "unanimity with constructive abstention (Art. 31(1) TEU): no \"no\" from any of the {members} members and at least one yes; abstainers making up at least a third of the members ({}) with at least a third of the population prevent adoption",
            members.div_ceil(3)
        ),
        Rule::Threshold { min_yes, veto } => {
            let holders: Vec<&str> = veto.iter().map(|p| charter.party(*p).id.as_str()).collect();
            if holders.is_empty() {
                format!("at least {min_yes} yes of {members} members")
            } else {
                format!(
                    "at least {min_yes} yes of {members} members and no \"no\" from a veto holder ({})",
                    holders.join(", ")
                )
            }
        }
    }
}

fn describe_qualified(rule: &Rule, q: &Qualified, members: u32) -> String {
    let name = match rule.preset_name() {
        Some("eu-qmv") => "EU qualified majority",
        Some("eu-reinforced-qmv") => "EU reinforced qualified majority",
        _ => "qualified majority",
    };
    let mut text = format!(
        "{name}: yes from at least {}% of the {members} members ({}) holding at least {}% of their population",
        q.members_pct,
        ceil_pct(q.members_pct, u128::from(members)),
        q.population_pct
    );
    if let Some(min) = q.blocking_minority_min {
        text.push_str(&format!(
            "; a blocking minority needs at least {min} members, failing which the population condition is deemed met"
        ));
    }
    text
}

/// A body's rule in words with its quorum, if it has one.
pub fn describe_body_rule(charter: &Charter, body: &crate::model::Body, members: u32) -> String {
    let mut text = describe_rule(charter, &body.rule, members);
    if let Some(q) = body.quorum {
        text.push_str("; ");
        text.push_str(&describe_quorum(q));
    }
    text
}

/// A body's quorum in words.
pub fn describe_quorum(quorum: u32) -> String {
    format!("a quorum of {quorum} members must take part (yes, no or abstain) for adoption")
}

/// Who sits on a body, with the members selected at `at`: "every party with the role
/// guarantor (16: US, GB, ...)".
pub fn describe_members(charter: &Charter, body: BodyIdx, at: jiff::Timestamp) -> String {
    let ids: Vec<&str> = charter
        .members_at(body, at)
        .into_iter()
        .map(|p| charter.party(p).id.as_str())
        .collect();
    let selector = match &charter.body(body).members {
        Members::List(_) => "the parties listed".to_owned(),
        Members::Role(role) => format!("every party with the role {}", role.name()),
        Members::Group(group) => format!("every party in the group {group}"),
    };
    format!("{selector} ({}: {})", ids.len(), ids.join(", "))
}

/// Who must prove what.
pub fn describe_burden(burden: Burden) -> &'static str {
    match burden {
        Burden::Flipped => {
            "flipped: the claim activates unless the body adopts that it is unfounded by the deadline"
        }
        Burden::Standard => {
            "standard: the claim activates only if the body adopts that it is founded by the deadline"
        }
    }
}

/// When an outcome certain before the deadline takes effect.
pub fn describe_effect(effect: Effect) -> &'static str {
    match effect {
        Effect::AtDetermination => "as soon as the outcome is certain",
        Effect::AtDeadline => "at the deadline, even when the outcome was certain earlier",
    }
}

/// What a package's decision must show for the package to proceed.
pub fn describe_proceed_if(proceed_if: ProceedIf) -> &'static str {
    match proceed_if {
        ProceedIf::Adopted => "only if the body adopts it",
        ProceedIf::NotBlocked => "unless the body adopts a motion blocking it (reverse majority)",
    }
}
