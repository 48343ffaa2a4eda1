//! Plain-language descriptions of rules, in English or Ukrainian, used by `charter check`, the
//! treaty text, the dashboard and every explanation. The words are in
//! `locales/{en,uk}/describe.ftl`; every number is worked out here and passed as an argument.

use snapback_i18n::{Catalog, Lang, LocaleFile, Messages};

use crate::ids::BodyIdx;
use crate::model::{Burden, Charter, Effect, Members, ProceedIf};
use crate::voting::{Qualified, Rule, ceil_pct};

/// The rules' words in both languages.
pub static WORDS: Catalog = Catalog::new(
    LocaleFile {
        path: "crates/charter/locales/en/describe.ftl",
        source: include_str!("../locales/en/describe.ftl"),
    },
    LocaleFile {
        path: "crates/charter/locales/uk/describe.ftl",
        source: include_str!("../locales/uk/describe.ftl"),
    },
);

fn words(lang: Lang) -> Messages<'static> {
    WORDS.lang(lang)
}

/// Describes a rule for a body of `members` members, with the numbers that follow from it:
/// "majority: yes from more than half of the 9 members (at least 5)".
pub fn describe_rule(lang: Lang, charter: &Charter, rule: &Rule, members: u32) -> String {
    let w = words(lang);
    match rule {
        Rule::Majority => w.msg_args(
            "rule-majority",
            &[
                ("members", members.into()),
                ("needed", (members / 2 + 1).into()),
            ],
        ),
        Rule::MajorityOfVotesCast => w.msg("rule-majority-of-votes-cast"),
        Rule::Unanimity => w.msg_args("rule-unanimity", &[("members", members.into())]),
        Rule::Qualified(q) => describe_qualified(lang, rule, q, members),
        Rule::VotesCastShare { num, den } => w.msg_args(
            "rule-votes-cast-share",
            &[("num", (*num).into()), ("den", (*den).into())],
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
            w.msg_args(
                "rule-by-proposer",
                &[
                    (
                        "proposers",
                        who.join(&format!(" {} ", w.msg("word-or"))).into(),
                    ),
                    ("then", describe_rule(lang, charter, then, members).into()),
                    (
                        "otherwise",
                        describe_rule(lang, charter, otherwise, members).into(),
                    ),
                ],
            )
        }
        Rule::UnanimityConstructive => w.msg_args(
            "rule-unanimity-constructive",
            &[
                ("members", members.into()),
                ("third", members.div_ceil(3).into()),
            ],
        ),
        Rule::Threshold { min_yes, veto } => {
            let holders: Vec<&str> = veto.iter().map(|p| charter.party(*p).id.as_str()).collect();
            let mut args = vec![("min", (*min_yes).into()), ("members", members.into())];
            if holders.is_empty() {
                w.msg_args("rule-threshold", &args)
            } else {
                args.push(("holders", holders.join(", ").into()));
                w.msg_args("rule-threshold-veto", &args)
            }
        }
    }
}

fn describe_qualified(lang: Lang, rule: &Rule, q: &Qualified, members: u32) -> String {
    let w = words(lang);
    let name = match rule.preset_name() {
        Some("eu-qmv") => w.msg("rule-qualified-eu"),
        Some("eu-reinforced-qmv") => w.msg("rule-qualified-eu-reinforced"),
        _ => w.msg("rule-qualified-plain"),
    };
    let mut text = w.msg_args(
        "rule-qualified",
        &[
            ("name", name.into()),
            ("members_pct", q.members_pct.into()),
            ("members", members.into()),
            (
                "needed",
                ceil_pct(q.members_pct, u128::from(members))
                    .to_string()
                    .into(),
            ),
            ("population_pct", q.population_pct.into()),
        ],
    );
    if let Some(min) = q.blocking_minority_min {
        text.push_str("; ");
        text.push_str(&w.msg_args("rule-blocking-minority", &[("min", min.into())]));
    }
    text
}

/// A body's rule in words with its quorum, if it has one.
pub fn describe_body_rule(
    lang: Lang,
    charter: &Charter,
    body: &crate::model::Body,
    members: u32,
) -> String {
    let mut text = describe_rule(lang, charter, &body.rule, members);
    if let Some(q) = body.quorum {
        text.push_str("; ");
        text.push_str(&describe_quorum(lang, q));
    }
    text
}

/// A body's quorum in words.
pub fn describe_quorum(lang: Lang, quorum: u32) -> String {
    words(lang).msg_args("quorum", &[("quorum", quorum.into())])
}

/// Who sits on a body, with the members selected at `at`: "every party with the role
/// guarantor (16: US, GB, ...)".
pub fn describe_members(
    lang: Lang,
    charter: &Charter,
    body: BodyIdx,
    at: jiff::Timestamp,
) -> String {
    let w = words(lang);
    let ids: Vec<&str> = charter
        .members_at(body, at)
        .into_iter()
        .map(|p| charter.party(p).id.as_str())
        .collect();
    let selector = match &charter.body(body).members {
        Members::List(_) => w.msg("members-listed"),
        Members::Role(role) => w.msg_args("members-role", &[("role", role.name().into())]),
        Members::Group(group) => {
            w.msg_args("members-group", &[("group", group.to_string().into())])
        }
    };
    w.msg_args(
        "members",
        &[
            ("selector", selector.into()),
            ("count", ids.len().into()),
            ("ids", ids.join(", ").into()),
        ],
    )
}

/// Who must prove what.
pub fn describe_burden(lang: Lang, burden: Burden) -> String {
    words(lang).msg(match burden {
        Burden::Flipped => "burden-flipped",
        Burden::Standard => "burden-standard",
    })
}

/// When an outcome certain before the deadline takes effect.
pub fn describe_effect(lang: Lang, effect: Effect) -> String {
    words(lang).msg(match effect {
        Effect::AtDetermination => "effect-at-determination",
        Effect::AtDeadline => "effect-at-deadline",
    })
}

/// What a package's decision must show for the package to proceed.
pub fn describe_proceed_if(lang: Lang, proceed_if: ProceedIf) -> String {
    words(lang).msg(match proceed_if {
        ProceedIf::Adopted => "proceed-adopted",
        ProceedIf::NotBlocked => "proceed-not-blocked",
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use snapback_i18n::check;

    use super::WORDS;

    #[test]
    fn both_languages_define_every_rule_word_the_code_uses() {
        let problems = check::consistent(&WORDS);
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/describe.rs");
        let used = check::ids_in_sources(
            &path,
            &[
                "msg(\"",
                "msg_args(\"",
                "Flipped => \"",
                "Standard => \"",
                "AtDetermination => \"",
                "AtDeadline => \"",
                "Adopted => \"",
                "NotBlocked => \"",
            ],
        )
        .unwrap_or_default();
        assert!(used.len() >= 20, "{used:?}");
        let missing = check::missing(&WORDS, &used);
        assert!(missing.is_empty(), "{}", missing.join("\n"));
    }
}
