//! `snapback charter check`: validate charter files and summarise what they say.

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use serde::Serialize;
use snapback_charter::describe::describe_body_rule;
use snapback_charter::{Charter, Diagnostics, Lang, Members, Role};

use crate::charter_fund::{FundJson, fund_json, fund_summary};
use crate::failure::Failure;
use crate::input::{load_charter, load_history};

#[derive(Serialize)]
struct ErrorJson<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    path: Option<String>,
    message: &'a str,
    help: Option<&'a str>,
}

fn errors_json(d: &Diagnostics) -> Vec<ErrorJson<'_>> {
    d.errors
        .iter()
        .map(|e| ErrorJson {
            file: &e.origin,
            line: e.line,
            column: e.col,
            path: e.path.as_ref().map(ToString::to_string),
            message: &e.message,
            help: e.help.as_deref(),
        })
        .collect()
}

#[derive(Serialize)]
struct PartyJson<'a> {
    id: &'a str,
    name: &'a str,
    roles: Vec<&'static str>,
    groups: &'a [String],
    population: Option<u64>,
}

#[derive(Serialize)]
struct BodyJson<'a> {
    id: &'a str,
    name: &'a str,
    members: Vec<&'a str>,
    rule: String,
    article: String,
}

#[derive(Serialize)]
struct TierJson<'a> {
    id: &'a str,
    min_severity: u8,
    packages: Vec<&'a str>,
    article: String,
}

#[derive(Serialize)]
struct PackageJson<'a> {
    id: &'a str,
    name: &'a str,
    article: String,
    decision: Option<String>,
    obligations: Vec<String>,
}

#[derive(Serialize)]
struct CharterJson<'a> {
    file: String,
    id: &'a str,
    title: &'a str,
    version: &'a str,
    effective: String,
    parties: Vec<PartyJson<'a>>,
    bodies: Vec<BodyJson<'a>>,
    verification: String,
    tiers: Vec<TierJson<'a>>,
    escalation: Option<String>,
    packages: Vec<PackageJson<'a>>,
    fund: Option<FundJson<'a>>,
    capabilities: Option<CapabilitiesJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    log: Option<LogJson<'a>>,
    /// The register of measures, one line each (absent when there is none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    measures: Vec<String>,
    warnings: Vec<String>,
}

/// `[log]`: the log's origin and key, and the witnesses whose cosignatures it accepts.
#[derive(Serialize)]
struct LogJson<'a> {
    origin: &'a str,
    key: &'a str,
    witnesses: Vec<WitnessJson<'a>>,
}

#[derive(Serialize)]
struct WitnessJson<'a> {
    name: &'a str,
    key: &'a str,
    url: Option<&'a str>,
}

fn log_json(c: &Charter) -> Option<LogJson<'_>> {
    c.log.as_ref().map(|l| LogJson {
        origin: &l.origin,
        key: &l.key,
        witnesses: l
            .witnesses
            .iter()
            .map(|w| WitnessJson {
                name: &w.name,
                key: &w.key,
                url: w.url.as_deref(),
            })
            .collect(),
    })
}

/// `[capabilities]` and `[[restriction]]` in words.
#[derive(Serialize)]
struct CapabilitiesJson {
    locations: Vec<String>,
    training_centres: Vec<String>,
    restrictions: Vec<String>,
}

fn capabilities_json(c: &Charter) -> Option<CapabilitiesJson> {
    if c.capabilities.is_none() && c.restrictions.is_empty() {
        return None;
    }
    let cap = c.capabilities.clone().unwrap_or_default();
    Some(CapabilitiesJson {
        locations: cap
            .locations
            .iter()
            .map(|l| format!("{} ({}): transit {}", l.id, l.name, l.transit))
            .collect(),
        training_centres: cap
            .centres
            .iter()
            .map(|t| {
                format!(
                    "{} hosted by {}: {} trainees per 30 days [{}]",
                    t.id,
                    c.party(t.host).id,
                    t.capacity_per_month,
                    t.article
                )
            })
            .collect(),
        restrictions: c
            .restrictions
            .iter()
            .map(|r| {
                format!(
                    "{}'s restrictions{} are lifted by an activation of `{}` [{}]",
                    c.party(r.donor).id,
                    r.system
                        .as_ref()
                        .map(|s| format!(" on {s}"))
                        .unwrap_or_default(),
                    c.package(r.lifted_by).id,
                    r.article
                )
            })
            .collect(),
    })
}

fn members_of(c: &Charter, body: usize) -> Vec<&str> {
    let idx = snapback_charter::BodyIdx(body as u16);
    c.members_at(idx, c.effective)
        .into_iter()
        .map(|p| c.party(p).id.as_str())
        .collect()
}

fn selector(m: &Members) -> String {
    match m {
        Members::List(_) => "listed".to_owned(),
        Members::Role(r) => format!("role {}", r.name()),
        Members::Group(g) => format!("group {g}"),
    }
}

fn verification_text(c: &Charter) -> String {
    let v = &c.verification;
    let claimants: Vec<&str> = v
        .claimants
        .iter()
        .map(|p| c.party(*p).id.as_str())
        .collect();
    let mut text = format!(
        "claims by {} are decided by `{}` within {}, {} burden of proof [{}]",
        claimants.join(", "),
        c.body(v.body).id,
        v.deadline,
        v.burden.name(),
        v.article
    );
    if v.effect == snapback_charter::Effect::AtDeadline {
        text.push_str("; an outcome certain earlier takes effect only at the deadline");
    }
    if let Some(e) = &v.evidence {
        let _ = write!(
            text,
            "; activation needs evidence from {} distinct source kinds [{}]",
            e.min_source_kinds, e.article
        );
    }
    text
}

fn escalation_text(c: &Charter) -> Option<String> {
    c.escalation.as_ref().map(|e| {
        format!(
            "activated claims within {} whose severities sum to {} activate tier `{}` [{}]",
            e.window,
            e.threshold,
            c.tier(e.tier).id,
            e.article
        )
    })
}

fn decision_text(c: &Charter, p: &snapback_charter::Package) -> Option<String> {
    p.decision.as_ref().map(|d| {
        format!(
            "needs a decision of `{}` within {}, proceeds if {} [{}]",
            c.body(d.body).id,
            d.deadline,
            match d.proceed_if {
                snapback_charter::ProceedIf::Adopted => "adopted",
                snapback_charter::ProceedIf::NotBlocked => "not blocked",
            },
            d.article
        )
    })
}

/// Each measure of the register: owner, state, expiry or sunset, renewal, and what restores it.
fn measure_texts(c: &Charter) -> Vec<String> {
    c.measures
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let owner = match m.owner {
                snapback_charter::MeasureOwner::Party(p) => c.party(p).id.to_string(),
                snapback_charter::MeasureOwner::Body(b) => c.body(b).id.to_string(),
            };
            let mut text = format!(
                "{} — {} ({}, held by `{owner}`), {} from {} [{}]",
                m.id,
                m.name,
                m.kind,
                m.initial.name(),
                m.since,
                m.article
            );
            if let Some(e) = m.expires {
                let _ = write!(text, "; expires {e}");
            }
            if let Some(d) = m.sunset_after {
                let _ = write!(text, "; lapses {d} after each entry into force");
            }
            if let Some(r) = &m.renewal {
                let _ = write!(
                    text,
                    "; renewed by `{}` {}, the decision opening {} before [{}]",
                    c.body(r.body).id,
                    r.expiries,
                    r.opens_before,
                    r.article
                );
            }
            if let Some(r) = &m.review {
                let bodies: Vec<&str> = r.bodies.iter().map(|b| c.body(*b).id.as_str()).collect();
                let _ = write!(
                    text,
                    "; relief waits for a review of {} in which {} may disapprove it",
                    r.window,
                    bodies.join(" and ")
                );
                if let Some((period, long)) = &r.long_window {
                    let _ = write!(
                        text,
                        " ({long} for reports from {period}, {})",
                        r.zone.name()
                    );
                }
                if let Some(v) = r.veto {
                    let _ = write!(
                        text,
                        ", `{}` may veto within {}, and each body overrides by {} within {}",
                        c.party(v).id,
                        r.veto_within,
                        snapback_charter::describe::describe_rule(Lang::En, c, &r.override_rule, 0)
                            .split(':')
                            .next()
                            .unwrap_or_default(),
                        r.override_within
                    );
                }
                let _ = write!(text, " [{}]", r.article);
            }
            if !m.levels.is_empty() {
                let _ = write!(text, "; levels {}", m.levels.join(" < "));
            }
            let restored_by: Vec<&str> = c
                .restored_by(snapback_charter::MeasureIdx(i as u16))
                .map(|p| p.id.as_str())
                .collect();
            if !restored_by.is_empty() {
                let _ = write!(text, "; restored by {}", restored_by.join(", "));
            }
            text
        })
        .collect()
}

fn obligation_texts(c: &Charter, p: &snapback_charter::Package) -> Vec<String> {
    p.obligations
        .iter()
        .map(|o| {
            let money = o
                .money
                .as_ref()
                .map(|m| format!(" {m}"))
                .unwrap_or_default();
            let items = o
                .items
                .as_ref()
                .map(|i| {
                    let from = i
                        .location
                        .as_ref()
                        .map(|l| format!(" from stock in {l}"))
                        .unwrap_or_default();
                    format!(" {} × {}{from}", i.quantity, i.item)
                })
                .unwrap_or_default();
            format!(
                "{} {}{money}{items} due {}",
                c.party(o.party).id,
                o.kind,
                o.due_within
            )
        })
        .collect()
}

fn to_json(file: String, c: &Charter) -> CharterJson<'_> {
    CharterJson {
        file,
        id: &c.id,
        title: &c.title,
        version: &c.version,
        effective: c.effective.to_string(),
        parties: c
            .parties
            .iter()
            .map(|p| PartyJson {
                id: p.id.as_str(),
                name: &p.name,
                roles: p.roles.iter().map(|r| r.name()).collect(),
                groups: &p.groups,
                population: p.population,
            })
            .collect(),
        bodies: c
            .bodies
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let members = members_of(c, i);
                BodyJson {
                    id: b.id.as_str(),
                    name: &b.name,
                    rule: describe_body_rule(Lang::En, c, b, members.len() as u32),
                    members,
                    article: b.article.to_string(),
                }
            })
            .collect(),
        verification: verification_text(c),
        tiers: c
            .tiers
            .iter()
            .map(|t| TierJson {
                id: t.id.as_str(),
                min_severity: t.min_severity,
                packages: t
                    .packages
                    .iter()
                    .map(|p| c.package(*p).id.as_str())
                    .collect(),
                article: t.article.to_string(),
            })
            .collect(),
        escalation: escalation_text(c),
        packages: c
            .packages
            .iter()
            .map(|p| PackageJson {
                id: p.id.as_str(),
                name: &p.name,
                article: p.article.to_string(),
                decision: decision_text(c, p),
                obligations: obligation_texts(c, p),
            })
            .collect(),
        fund: c.fund.as_ref().map(|f| fund_json(c, f)),
        capabilities: capabilities_json(c),
        log: log_json(c),
        measures: measure_texts(c),
        warnings: c.warnings.iter().map(ToString::to_string).collect(),
    }
}

fn summary(file: &str, c: &Charter) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{file}: OK — {} ({}), version {}, effective {}",
        c.title, c.id, c.version, c.effective
    );
    let roles: Vec<String> = Role::ALL
        .iter()
        .filter_map(|r| {
            let n = c.parties.iter().filter(|p| p.has_role(*r)).count();
            (n > 0).then(|| format!("{n} {}", r.name()))
        })
        .collect();
    let mut groups: Vec<&str> = c
        .parties
        .iter()
        .flat_map(|p| p.groups.iter().map(String::as_str))
        .collect();
    groups.sort_unstable();
    groups.dedup();
    let groups: Vec<String> = groups
        .iter()
        .map(|g| {
            format!(
                "{g} ({})",
                c.parties.iter().filter(|p| p.in_group(g)).count()
            )
        })
        .collect();
    let _ = writeln!(
        s,
        "  Parties ({}): {}; groups: {}",
        c.parties.len(),
        roles.join(", "),
        groups.join(", ")
    );
    let _ = writeln!(s, "  Bodies:");
    for (i, b) in c.bodies.iter().enumerate() {
        let members = members_of(c, i);
        let _ = writeln!(
            s,
            "    {} — {}, {} members ({}): {} [{}]",
            b.id,
            b.name,
            members.len(),
            selector(&b.members),
            describe_body_rule(Lang::En, c, b, members.len() as u32),
            b.article
        );
    }
    let _ = writeln!(s, "  Verification: {}", verification_text(c));
    let _ = writeln!(s, "  Tiers:");
    for t in &c.tiers {
        let packages: Vec<&str> = t
            .packages
            .iter()
            .map(|p| c.package(*p).id.as_str())
            .collect();
        let _ = writeln!(
            s,
            "    {} (from severity {}) [{}]: {}",
            t.id,
            t.min_severity,
            t.article,
            packages.join(", ")
        );
    }
    if let Some(e) = escalation_text(c) {
        let _ = writeln!(s, "  Escalation: {e}");
    }
    let _ = writeln!(s, "  Packages:");
    for p in &c.packages {
        let _ = write!(s, "    {} — {} [{}]", p.id, p.name, p.article);
        if let Some(d) = decision_text(c, p) {
            let _ = write!(s, "; {d}");
        }
        let _ = writeln!(s);
        for o in obligation_texts(c, p) {
            let _ = writeln!(s, "      - {o}");
        }
    }
    let measures = measure_texts(c);
    if !measures.is_empty() {
        let _ = writeln!(s, "  Measures:");
        for m in measures {
            let _ = writeln!(s, "    {m}");
        }
    }
    if let Some(f) = &c.fund {
        fund_summary(&mut s, c, f);
    }
    if let Some(log) = log_json(c) {
        let _ = writeln!(s, "  Log: {} ({})", log.origin, log.key);
        if log.witnesses.is_empty() {
            let _ = writeln!(
                s,
                "    no witnesses named: only those registered with `snapback witness add` may cosign"
            );
        }
        for w in &log.witnesses {
            let _ = write!(s, "    witness {} ({})", w.name, w.key);
            if let Some(url) = w.url {
                let _ = write!(s, " at {url}");
            }
            let _ = writeln!(s);
        }
    }
    if let Some(cap) = capabilities_json(c) {
        let _ = writeln!(s, "  Capabilities:");
        for (label, lines) in [
            ("Stockpile locations", &cap.locations),
            ("Training centres", &cap.training_centres),
            ("Restrictions", &cap.restrictions),
        ] {
            if !lines.is_empty() {
                let _ = writeln!(s, "    {label}:");
                for line in lines {
                    let _ = writeln!(s, "      {line}");
                }
            }
        }
    }
    for w in &c.warnings {
        let _ = writeln!(s, "  warning: {w}");
    }
    s
}

/// Checks the files; with several, also that they form one charter's history.
pub fn check(files: &[PathBuf], json: bool) -> Result<ExitCode, Failure> {
    let mut charters = Vec::with_capacity(files.len());
    let mut errors = Vec::new();
    for f in files {
        match load_charter(f) {
            Ok(c) => charters.push((f.display().to_string(), c)),
            Err(d) => errors.extend(d.errors),
        }
    }
    if errors.is_empty() && files.len() > 1 {
        // The same files again, as versions: the history checks (same id, distinct instants).
        if let Err(d) = load_history(files) {
            errors.extend(d.errors);
        }
    }
    let mut out = std::io::stdout().lock();
    if !errors.is_empty() {
        let d = Diagnostics { errors };
        if json {
            let body = serde_json::json!({ "ok": false, "errors": errors_json(&d) });
            serde_json::to_writer_pretty(&mut out, &body).context("writing JSON")?;
            writeln!(out)?;
            return Ok(ExitCode::from(2));
        }
        return Err(Failure::Input(d));
    }
    if json {
        let list: Vec<CharterJson<'_>> = charters
            .iter()
            .map(|(f, c)| to_json(f.clone(), c))
            .collect();
        let body = serde_json::json!({ "ok": true, "charters": list });
        serde_json::to_writer_pretty(&mut out, &body).context("writing JSON")?;
        writeln!(out)?;
    } else {
        for (f, c) in &charters {
            write!(out, "{}", summary(f, c))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
