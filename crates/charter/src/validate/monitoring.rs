//! `[[alert]]`: a monitor that exists and has the role, a window grid that divides the day in a
//! real zone, a condition whose numbers make sense, and an action the engine knows.

use jiff::civil::Time;

use super::*;
use crate::legal_time::Zone;
use crate::monitoring::{
    ALERT_WINDOWS_MAX, Alert, AlertAction, CLAIMING_ALERT_ID_LEN_MAX, Condition, LABEL_HELP,
    WindowGrid, is_label,
};

pub(super) fn check_alerts(
    c: &mut Checker,
    raw: &[RawAlert],
    parties: &[Party],
    resolve_party: ResolveParty<'_>,
) -> Vec<Alert> {
    let path = FieldPath::of(&["alert"]);
    if raw.len() > CHARTER_ITEMS_MAX {
        c.err(Problem::new(
            path,
            format!("a charter holds at most {CHARTER_ITEMS_MAX} alert rules"),
        ));
        return Vec::new();
    }
    let mut alerts = Vec::with_capacity(raw.len());
    let mut ids = HashSet::new();
    for (i, a) in raw.iter().enumerate() {
        let apath = path.clone().index(i);
        if !ids.insert(a.id.clone()) {
            c.err(Problem::new(
                apath.key("id"),
                format!("alert rule `{}` is defined twice", a.id),
            ));
        }
        if a.name.trim().is_empty() {
            c.err(
                Problem::new(apath.key("name"), "the alert rule's name is empty")
                    .help("say what the rule watches for, e.g. \"two days above 500 violations\""),
            );
        }
        let monitor = resolve_party(c, &a.monitor, apath.key("monitor"));
        if let Some(m) = monitor
            && !parties[usize::from(m.0)].has_role(Role::Monitor)
        {
            c.err(
                Problem::new(
                    apath.key("monitor"),
                    format!("`{}` is not a monitor", a.monitor),
                )
                .help("give the mission roles = [\"monitor\"] in its [[party]] table"),
            );
        }
        for (key, value) in [("category", &a.category), ("area", &a.area)] {
            if let Some(v) = value
                && !is_label(v)
            {
                c.err(
                    Problem::new(apath.key(key), format!("`{v}` is not a {key} label"))
                        .help(LABEL_HELP),
                );
            }
        }
        for (j, flag) in a.exclude.iter().enumerate() {
            if !is_label(flag) {
                c.err(
                    Problem::new(
                        apath.key("exclude").index(j),
                        format!("`{flag}` is not a flag label"),
                    )
                    .help(LABEL_HELP),
                );
            }
        }
        let grid = check_grid(c, &a.window, apath.key("window"));
        let condition = check_condition(c, &a.when, apath.key("when"));
        let action = check_action(c, a, &apath);
        if let (Some(monitor), Some(grid), Some(condition), Some(action)) =
            (monitor, grid, condition, action)
        {
            alerts.push(Alert {
                id: a.id.clone(),
                name: a.name.clone(),
                monitor,
                category: a.category.clone(),
                area: a.area.clone(),
                grid,
                condition,
                exclude: a.exclude.clone(),
                action,
                article: article(&a.article),
            });
        }
    }
    alerts
}

fn check_grid(c: &mut Checker, raw: &RawWindowGrid, path: FieldPath) -> Option<WindowGrid> {
    let mut ok = true;
    if !WindowGrid::HOURS.contains(&raw.hours) {
        c.err(
            Problem::new(
                path.key("hours"),
                format!("windows of {} hours do not divide a day", raw.hours),
            )
            .help("use 1, 2, 3, 4, 6, 8, 12 or 24 hours"),
        );
        ok = false;
    }
    let ends = match raw.ends.parse::<Time>() {
        Ok(t) if t.subsec_nanosecond() == 0 && t.second() == 0 => Some(t),
        _ => {
            c.err(
                Problem::new(
                    path.key("ends"),
                    format!("`{}` is not a time of day", raw.ends),
                )
                .help("write the local time a window ends, HH:MM, e.g. \"19:30\""),
            );
            None
        }
    };
    let zone = match Zone::named(&raw.zone) {
        Ok(z) => Some(z),
        Err(e) => {
            c.err(Problem::new(path.key("zone"), e));
            None
        }
    };
    match (ok, ends, zone) {
        (true, Some(ends), Some(zone)) => Some(WindowGrid {
            hours: raw.hours,
            ends,
            zone,
        }),
        _ => None,
    }
}

fn check_condition(c: &mut Checker, raw: &RawCondition, path: FieldPath) -> Option<Condition> {
    if raw.windows == 0 || raw.windows > ALERT_WINDOWS_MAX {
        c.err(
            Problem::new(
                path.key("windows"),
                format!("{} windows is out of range", raw.windows),
            )
            .help(format!("use 1 to {ALERT_WINDOWS_MAX} windows")),
        );
        return None;
    }
    let mut need = |key: &str, value: Option<u64>| {
        if value.is_none() {
            c.err(
                Problem::new(
                    path.clone(),
                    format!("a `{}` condition needs `{key}`", raw.kind),
                )
                .help(format!("add {key} = N to the table")),
            );
        }
        value
    };
    let unexpected = |c: &mut Checker, key: &str, present: bool| {
        if present {
            c.err(
                Problem::new(
                    path.key(key),
                    format!("a `{}` condition has no `{key}`", raw.kind),
                )
                .help(format!("remove {key}")),
            );
        }
    };
    match raw.kind.as_str() {
        "consecutive" | "sum" => {
            let above = need("above", raw.above)?;
            unexpected(c, "times", raw.times.is_some());
            unexpected(c, "at_least", raw.at_least.is_some());
            Some(if raw.kind == "sum" {
                Condition::Sum {
                    windows: raw.windows,
                    above,
                }
            } else {
                Condition::Consecutive {
                    windows: raw.windows,
                    above,
                }
            })
        }
        "median-multiple" => {
            let times = need("times", raw.times.map(u64::from))?;
            unexpected(c, "above", raw.above.is_some());
            if times < 2 {
                c.err(
                    Problem::new(
                        path.key("times"),
                        "a multiple of the median below 2 is noise",
                    )
                    .help("use times = 2 or more"),
                );
                return None;
            }
            Some(Condition::MedianMultiple {
                windows: raw.windows,
                times: times as u32,
                at_least: raw.at_least.unwrap_or(0),
            })
        }
        other => {
            c.err(
                Problem::new(path.key("kind"), format!("`{other}` is not a condition"))
                    .help("use \"consecutive\", \"sum\" or \"median-multiple\""),
            );
            None
        }
    }
}

/// `action` and the `severity` it needs: notify (no severity), claim or escalation (1 to 5).
fn check_action(c: &mut Checker, a: &RawAlert, apath: &FieldPath) -> Option<AlertAction> {
    let severity = |c: &mut Checker| -> Option<u8> {
        match a.severity {
            Some(s @ 1..=5) => Some(s as u8),
            Some(s) => {
                c.err(
                    Problem::new(
                        apath.key("severity"),
                        format!("severity {s} is outside 1 to 5"),
                    )
                    .help("the severity of the claim the alert files, or counts as, 1 to 5"),
                );
                None
            }
            None => {
                c.err(
                    Problem::new(
                        apath.clone(),
                        format!("action = \"{}\" needs a severity", a.action),
                    )
                    .help("add severity = 3 (1 to 5): the severity the alert files or counts with"),
                );
                None
            }
        }
    };
    match a.action.as_str() {
        "notify" => {
            if a.severity.is_some() {
                c.err(
                    Problem::new(apath.key("severity"), "a notifying alert has no severity")
                        .help("remove severity, or write action = \"claim\" or \"escalation\""),
                );
            }
            Some(AlertAction::Notify)
        }
        "claim" => {
            if a.id.as_str().len() > CLAIMING_ALERT_ID_LEN_MAX {
                c.err(Problem::new(
                    apath.key("id"),
                    format!(
                        "an alert that files claims has an id of at most {CLAIMING_ALERT_ID_LEN_MAX} bytes (its claims are `<id>.<n>`)"
                    ),
                ));
            }
            severity(c).map(|severity| AlertAction::Claim { severity })
        }
        "escalation" => severity(c).map(|severity| AlertAction::Escalation { severity }),
        other => {
            c.err(
                Problem::new(
                    apath.key("action"),
                    format!("`{other}` is not an alert action"),
                )
                .help("write action = \"notify\" (recorded and published), \"claim\" (files a claim on the monitor's behalf) or \"escalation\" (counts towards the escalation window)"),
            );
            None
        }
    }
}

/// What an alert's action needs of the rest of the charter: a monitor with standing to file
/// claims, or an escalation window to count in.
pub(super) fn check_alert_actions(
    c: &mut Checker,
    alerts: &[Alert],
    claimants: &[PartyIdx],
    has_escalation: bool,
    parties: &[Party],
) {
    for (i, a) in alerts.iter().enumerate() {
        let path = FieldPath::of(&["alert"]).index(i).key("action");
        match a.action {
            AlertAction::Claim { .. } if !claimants.contains(&a.monitor) => c.err(
                Problem::new(
                    path,
                    format!(
                        "`{}` files claims on the monitor's behalf, but `{}` has no standing",
                        a.id,
                        parties[usize::from(a.monitor.0)].id
                    ),
                )
                .help("list the monitor in [verification] claimants, or write action = \"notify\""),
            ),
            AlertAction::Escalation { .. } if !has_escalation => c.err(
                Problem::new(
                    path,
                    format!(
                        "`{}` counts towards escalation, but the charter has no [escalation]",
                        a.id
                    ),
                )
                .help("add an [escalation] table, or write action = \"notify\""),
            ),
            _ => {}
        }
    }
}
