//! Procedure: who presides over a body when (`[[body.presidency]]`), and the stages of a
//! claim's proceeding (`[[verification.stage]]`).

use super::*;
use crate::model::{Presidency, Stage, StageKind};

/// The most stages a proceeding may have.
const STAGES_MAX: usize = 8;

/// Periods in order, each ending after it starts, none overlapping, presided by a member.
pub(super) fn check_presidency(
    c: &mut Checker,
    raw: &[RawPresidency],
    path: &FieldPath,
    members: &[PartyIdx],
    resolve_party: ResolveParty<'_>,
) -> Vec<Presidency> {
    if raw.len() > CHARTER_ITEMS_MAX {
        c.err(Problem::new(
            path.clone(),
            format!("a body lists at most {CHARTER_ITEMS_MAX} presidencies"),
        ));
        return Vec::new();
    }
    let mut out: Vec<Presidency> = Vec::with_capacity(raw.len());
    for (i, p) in raw.iter().enumerate() {
        let ppath = path.clone().index(i);
        let Some(party) = resolve_party(c, &p.party, ppath.key("party")) else {
            continue;
        };
        if !members.contains(&party) {
            c.err(Problem::new(
                ppath.key("party"),
                format!("`{}` presides but is not a member of the body", p.party),
            ));
        }
        if p.until.0 <= p.from.0 {
            c.err(Problem::new(
                ppath.key("until"),
                format!(
                    "the presidency ends at {} but starts at {}",
                    p.until.0, p.from.0
                ),
            ));
            continue;
        }
        if let Some(prev) = out.last()
            && p.from.0 < prev.until
        {
            c.err(
                Problem::new(
                    ppath.key("from"),
                    format!(
                        "this presidency starts at {} before the previous one ends at {}",
                        p.from.0, prev.until
                    ),
                )
                .help("list the presidencies in order, one after another"),
            );
            continue;
        }
        out.push(Presidency {
            party,
            from: p.from.0,
            until: p.until.0,
        });
    }
    out
}

/// Unique ids, a known kind, at most one tabling stage, and a presidency fallback only for a
/// tabling stage of a body that has presidencies.
pub(super) fn check_stages(
    c: &mut Checker,
    raw: &[RawStage],
    path: &FieldPath,
    body: Option<&Body>,
) -> Vec<Stage> {
    if raw.len() > STAGES_MAX {
        c.err(Problem::new(
            path.clone(),
            format!("a proceeding has at most {STAGES_MAX} stages"),
        ));
        return Vec::new();
    }
    let mut stages: Vec<Stage> = Vec::with_capacity(raw.len());
    for (i, s) in raw.iter().enumerate() {
        let spath = path.clone().index(i);
        let id = s.id.trim();
        if id.is_empty() || stages.iter().any(|x| x.id == id) {
            c.err(Problem::new(
                spath.key("id"),
                format!("stage id `{}` is empty or used twice", s.id),
            ));
        }
        let kind = match s.kind.as_str() {
            "tabling" => StageKind::Tabling,
            "meeting" => StageKind::Meeting,
            other => {
                c.err(
                    Problem::new(spath.key("kind"), format!("unknown stage kind `{other}`")).help(
                        "use \"tabling\" (a member tables the motion: motion.tabled) or \"meeting\" (the body meets: meeting.convened)",
                    ),
                );
                continue;
            }
        };
        if kind == StageKind::Tabling && stages.iter().any(|x| x.kind == StageKind::Tabling) {
            c.err(Problem::new(
                spath.key("kind"),
                "a proceeding has one motion to table: only one tabling stage",
            ));
        }
        let presidency_fallback = match s.fallback.as_deref() {
            None => false,
            Some("presidency") if kind != StageKind::Tabling => {
                c.err(Problem::new(
                    spath.key("fallback"),
                    "only a tabling stage falls back to the presidency",
                ));
                false
            }
            Some("presidency") => {
                if body.is_some_and(|b| b.presidency.is_empty()) {
                    c.err(
                        Problem::new(
                            spath.key("fallback"),
                            "the presidency tables the motion, but the body lists no presidency",
                        )
                        .help("add [[body.presidency]] tables (party, from, until) to the verifying body"),
                    );
                }
                true
            }
            Some(other) => {
                c.err(
                    Problem::new(spath.key("fallback"), format!("unknown fallback `{other}`"))
                        .help("the one fallback is \"presidency\": the presiding party takes the step"),
                );
                false
            }
        };
        stages.push(Stage {
            id: id.to_owned(),
            name: s.name.clone().unwrap_or_else(|| id.to_owned()),
            kind,
            within: s.within.clone(),
            presidency_fallback,
            article: article(&s.article),
        });
    }
    stages
}

#[cfg(test)]
mod tests {
    use crate::{Diagnostics, Source, load_toml};

    const STAGES: &str = include_str!("../../../../scenarios/charters/stages.toml");

    fn errors(text: String) -> Vec<String> {
        let d: Diagnostics = load_toml(&Source::new("stages.toml", text)).expect_err("rejected");
        d.errors.iter().map(|e| e.to_string()).collect()
    }

    #[test]
    fn the_presidency_rotates_and_the_stages_load_in_order() {
        let c = load_toml(&Source::new("stages.toml", STAGES)).expect("loads");
        let body = c.body(c.verification.body);
        let at = |s: &str| s.parse::<jiff::Timestamp>().unwrap();
        let presiding = |t| body.presiding_at(at(t)).map(|p| c.party(p).id.to_string());
        assert_eq!(presiding("2026-01-31T23:59:59Z").as_deref(), Some("A"));
        assert_eq!(presiding("2026-02-01T00:00:00Z").as_deref(), Some("B"));
        assert_eq!(presiding("2026-03-01T00:00:00Z"), None);
        let ids: Vec<&str> = c
            .verification
            .stages
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        assert_eq!(ids, ["meeting", "motion"]);
        assert!(c.verification.stages[1].presidency_fallback);
    }

    #[test]
    fn broken_stages_and_presidencies_are_located() {
        let text = STAGES
            .replace("from = 2026-02-01T00:00:00Z", "from = 2026-01-15T00:00:00Z")
            .replace("kind = \"meeting\"", "kind = \"session\"")
            .replace("party = \"A\"\nfrom", "party = \"UA\"\nfrom");
        let e = errors(text);
        for (place, words) in [
            ("body[0].presidency[1].from", "before the previous one ends"),
            ("body[0].presidency[0].party", "not a member of the body"),
            ("verification.stage[0].kind", "unknown stage kind `session`"),
        ] {
            assert!(
                e.iter().any(|m| m.contains(place) && m.contains(words)),
                "{place}: {words}\n{e:?}"
            );
        }
        let no_presidency = STAGES.replace("[[body.presidency]]", "[[body.presidencies]]");
        let e = errors(no_presidency);
        assert!(e.iter().any(|m| m.contains("presidencies")), "{e:?}");
        let fallback_on_meeting = STAGES.replace(
            "within = \"48h\"\n",
            "within = \"48h\"\nfallback = \"presidency\"\n",
        );
        let e = errors(fallback_on_meeting);
        assert!(
            e.iter()
                .any(|m| m.contains("verification.stage[0].fallback")
                    && m.contains("only a tabling stage")),
            "{e:?}"
        );
        let two_tablings = STAGES.replace("kind = \"meeting\"", "kind = \"tabling\"");
        let e = errors(two_tablings);
        assert!(
            e.iter().any(|m| m.contains("only one tabling stage")),
            "{e:?}"
        );
    }

    #[test]
    fn a_rule_chosen_by_proposer_is_checked_branch_by_branch() {
        const EU: &str = include_str!("../../../../scenarios/charters/eu-council.toml");
        let nested = EU.replace(
            "then = \"eu-qmv\"",
            "then = { kind = \"by-proposer\", proposers = [\"COM\"], then = \"eu-qmv\", otherwise = \"unanimity\" }",
        );
        let e = errors(nested);
        assert!(
            e.iter()
                .any(|m| m.contains("body[1].rule") && m.contains("two plain rules")),
            "{e:?}"
        );
        let unknown = EU
            .replace(
                "proposers = [\"COM\", \"HRVP\"]",
                "proposers = [\"COM\", \"EEAS\"]",
            )
            .replace(
                "otherwise = \"eu-reinforced-qmv\"",
                "otherwise = \"eu-qmw\"",
            );
        let e = errors(unknown);
        assert!(
            e.iter()
                .any(|m| m.contains("body[1].rule.proposers[1]") && m.contains("EEAS")),
            "{e:?}"
        );
        assert!(
            e.iter()
                .any(|m| m.contains("body[1].rule.otherwise") && m.contains("eu-qmw")),
            "{e:?}"
        );
    }
}
