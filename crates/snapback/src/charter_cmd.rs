//! `snapback charter check`: validate charter files and summarise what they say.

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use serde::Serialize;
use snapback_charter::describe::describe_rule;
use snapback_charter::{Charter, Diagnostics, Members, Role};

use crate::Failure;
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
    warnings: Vec<String>,
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
        v.decide_within,
        v.burden.name(),
        v.article
    );
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
            d.decide_within,
            match d.proceed_if {
                snapback_charter::ProceedIf::Adopted => "adopted",
                snapback_charter::ProceedIf::NotBlocked => "not blocked",
            },
            d.article
        )
    })
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
            format!(
                "{} {}{money} due {}",
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
                    rule: describe_rule(c, &b.rule, members.len() as u32),
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
            describe_rule(c, &b.rule, members.len() as u32),
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
