//! Plain-language descriptions of rules, in English or Ukrainian, used by `charter check`, the
//! treaty text, the dashboard and every explanation. The words are in
//! `locales/{en,uk}/describe.ftl`; every number is worked out here and passed as an argument.

use snapback_i18n::{Catalog, Lang, Messages};

use crate::ids::BodyIdx;
use crate::legal_time::{AnnualDates, AnnualPeriod, Term, TermEnd};
use crate::measure::MeasureState;
use crate::model::{Burden, Charter, Effect, Members, ProceedIf};
use crate::monitoring::{Condition, WindowGrid};
use crate::time::{Duration, DurationUnit};
use crate::voting::{Qualified, Rule, ceil_pct};

/// The rules' words in both languages.
pub static WORDS: Catalog = snapback_i18n::catalog!("crates/charter", "describe");

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

/// What kind of condition a programme tranche waits on: "reform milestone".
pub fn describe_condition_kind(lang: Lang, kind: crate::ConditionKind) -> String {
    words(lang).msg(match kind {
        crate::ConditionKind::Milestone => "condition-kind-milestone",
        crate::ConditionKind::ImfReview => "condition-kind-imf-review",
    })
}

/// The grammatical case a duration or term takes in its sentence. English has none; Ukrainian
/// says «протягом 48 годин» (genitive), «на 1 годину» (accusative), «1 година» (nominative).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Case {
    #[default]
    Nominative,
    Accusative,
    Genitive,
}

impl Case {
    fn code(self) -> &'static str {
        match self {
            Case::Nominative => "nom",
            Case::Accusative => "acc",
            Case::Genitive => "gen",
        }
    }
}

/// A duration in words: `48h` (English keeps the charter's notation), «48 годин».
pub fn describe_duration(lang: Lang, duration: Duration) -> String {
    describe_duration_in(lang, duration, Case::Nominative)
}

/// A duration in words in the grammatical case its sentence needs.
pub fn describe_duration_in(lang: Lang, duration: Duration, case: Case) -> String {
    let (n, unit) = duration.in_unit();
    let id = match unit {
        DurationUnit::Days => "duration-days",
        DurationUnit::Hours => "duration-hours",
        DurationUnit::Minutes => "duration-minutes",
        DurationUnit::Seconds => "duration-seconds",
    };
    words(lang).msg_args(id, &[("n", n.into()), ("case", case.code().into())])
}

/// A term in words: `48h`, `30 days ending at midnight after the last day (UTC)`.
pub fn describe_term(lang: Lang, term: &Term) -> String {
    describe_term_in(lang, term, Case::Nominative)
}

/// A term in words in the grammatical case its sentence needs.
pub fn describe_term_in(lang: Lang, term: &Term, case: Case) -> String {
    match term {
        Term::Exact(d) => describe_duration_in(lang, *d, case),
        Term::Calendar(c) => words(lang).msg_args(
            "term-calendar",
            &[
                ("days", c.days.into()),
                ("working", if c.working { "yes" } else { "no" }.into()),
                (
                    "end",
                    match c.end {
                        TermEnd::SameTime => "same",
                        TermEnd::MidnightAfter => "midnight",
                    }
                    .into(),
                ),
                ("zone", c.zone.name().to_owned().into()),
                ("case", case.code().into()),
            ],
        ),
    }
}

/// Recurring dates in words: `every year on 01-31 23:59 and 07-31 23:59 (Europe/Brussels)`.
pub fn describe_annual_dates(lang: Lang, annual: &AnnualDates) -> String {
    let w = words(lang);
    let dates: Vec<String> = annual
        .dates
        .iter()
        .map(|(m, d, t)| format!("{m:02}-{d:02} {:02}:{:02}", t.hour(), t.minute()))
        .collect();
    w.msg_args(
        "annual-dates",
        &[
            (
                "dates",
                dates.join(&format!(" {} ", w.msg("word-and"))).into(),
            ),
            ("zone", annual.zone.name().to_owned().into()),
        ],
    )
}

/// A yearly period in words: `12-01 to 02-28`.
pub fn describe_annual_period(lang: Lang, period: &AnnualPeriod) -> String {
    let day = |(m, d): (i8, i8)| format!("{m:02}-{d:02}");
    words(lang).msg_args(
        "annual-period",
        &[
            ("from", day(period.from).into()),
            ("to", day(period.to).into()),
        ],
    )
}

/// A monitoring rule's windows in words: `6-hour windows ending at 00:00 Europe/Kyiv time`.
pub fn describe_grid(lang: Lang, grid: &WindowGrid) -> String {
    describe_grid_in(lang, grid, Case::Nominative)
}

/// A monitoring rule's windows in words in the grammatical case its sentence needs.
pub fn describe_grid_in(lang: Lang, grid: &WindowGrid, case: Case) -> String {
    words(lang).msg_args(
        "grid",
        &[
            ("hours", grid.hours.into()),
            ("ends", grid.ends.strftime("%H:%M").to_string().into()),
            ("zone", grid.zone.name().to_owned().into()),
            ("case", case.code().into()),
        ],
    )
}

/// What a window must show for a monitoring rule to alert, in words.
pub fn describe_condition(lang: Lang, condition: Condition) -> String {
    let w = words(lang);
    match condition {
        Condition::Consecutive { windows: 1, above } => {
            w.msg_args("condition-one-window", &[("above", above.into())])
        }
        Condition::Consecutive { windows, above } => w.msg_args(
            "condition-consecutive",
            &[("windows", windows.into()), ("above", above.into())],
        ),
        Condition::Sum { windows, above } => w.msg_args(
            "condition-sum",
            &[("windows", windows.into()), ("above", above.into())],
        ),
        Condition::MedianMultiple {
            windows,
            times,
            at_least,
        } => w.msg_args(
            "condition-median",
            &[
                ("windows", windows.into()),
                ("times", times.into()),
                ("at_least", at_least.into()),
            ],
        ),
    }
}

/// A measure's state in words: `in force`, «чинний».
pub fn describe_measure_state(lang: Lang, state: MeasureState) -> String {
    words(lang).msg_args("measure-state", &[("state", state.name().into())])
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use snapback_i18n::check;

    use super::*;

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
                "Milestone => \"",
                "ImfReview => \"",
            ],
        )
        .unwrap_or_default();
        assert!(used.len() >= 20, "{used:?}");
        let missing = check::missing(&WORDS, &used);
        assert!(missing.is_empty(), "{}", missing.join("\n"));
    }

    fn term(text: &str) -> Term {
        #[derive(serde::Deserialize)]
        struct T {
            t: Term,
        }
        toml::from_str::<T>(&format!("t = {text}")).unwrap().t
    }

    #[test]
    fn durations_and_terms_read_in_both_languages() {
        let d = |s: &str| s.parse::<Duration>().unwrap();
        // English keeps the charter's notation, which is also how a duration serialises.
        for s in ["48h", "30d", "90m", "45s", "1h"] {
            assert_eq!(describe_duration(Lang::En, d(s)), d(s).to_string());
        }
        assert_eq!(describe_duration(Lang::Uk, d("48h")), "48 годин");
        assert_eq!(describe_duration(Lang::Uk, d("1h")), "1 година");
        assert_eq!(describe_duration(Lang::Uk, d("72h")), "72 години");
        assert_eq!(describe_duration(Lang::Uk, d("21d")), "21 день");
        assert_eq!(describe_duration(Lang::Uk, d("30d")), "30 днів");
        let calendar = term(r#"{ days = 30, end = "midnight_after", zone = "UTC" }"#);
        assert_eq!(
            describe_term(Lang::En, &calendar),
            "30 days ending at midnight after the last day (UTC)"
        );
        assert_eq!(
            describe_term(Lang::Uk, &calendar),
            "30 днів; строк спливає опівночі після останнього дня (UTC)"
        );
        let working = term(r#"{ working_days = 2, zone = "Europe/Brussels" }"#);
        assert!(describe_term(Lang::Uk, &working).starts_with("2 робочі дні; строк спливає"));
        let hour = d("1h");
        assert_eq!(
            describe_duration_in(Lang::Uk, hour, Case::Accusative),
            "1 годину"
        );
        assert_eq!(
            describe_duration_in(Lang::Uk, hour, Case::Genitive),
            "1 години"
        );
        assert_eq!(
            describe_duration_in(Lang::Uk, d("48h"), Case::Genitive),
            "48 годин"
        );
        assert_eq!(describe_duration_in(Lang::En, hour, Case::Genitive), "1h");
        assert!(describe_term(Lang::En, &working).starts_with("2 working days ending"));
    }

    #[test]
    fn monitoring_conditions_choose_ukrainian_plural_forms() {
        let median = Condition::MedianMultiple {
            windows: 7,
            times: 3,
            at_least: 10,
        };
        assert_eq!(
            describe_condition(Lang::En, median),
            "a window counts more than 3 times the median of the 7 windows before it (and more than 10)"
        );
        assert_eq!(
            describe_condition(Lang::Uk, median),
            "кількість у вікні більш ніж у 3 рази перевищує медіану 7 попередніх вікон (і перевищує 10)"
        );
        let sum = Condition::Sum {
            windows: 2,
            above: 40,
        };
        assert_eq!(
            describe_condition(Lang::Uk, sum),
            "сумарна кількість за останні 2 вікна перевищує 40"
        );
        assert_eq!(
            describe_measure_state(Lang::En, MeasureState::AtRisk),
            "at risk"
        );
        assert_eq!(
            describe_measure_state(Lang::Uk, MeasureState::Lapsed),
            "втратив чинність"
        );
    }
}
