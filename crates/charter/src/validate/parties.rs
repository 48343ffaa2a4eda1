//! Parties, voting rules and the log's witnesses.

use super::*;

pub(super) fn check_parties(c: &mut Checker, raw: &[RawParty]) -> Vec<Party> {
    let mut seen = HashSet::new();
    let mut parties = Vec::with_capacity(raw.len());
    for (i, p) in raw.iter().enumerate() {
        let path = FieldPath::of(&["party"]).index(i);
        if !seen.insert(p.id.clone()) {
            c.err(Problem::new(
                path.key("id"),
                format!("party `{}` is defined twice", p.id),
            ));
        }
        let mut roles = p.roles.clone();
        roles.dedup();
        if let (Some(from), Some(until)) = (p.from, p.until)
            && until.0 < from.0
        {
            c.err(
                Problem::new(
                    path.key("until"),
                    format!("party `{}` leaves before it joins", p.id),
                )
                .help("`until` must not be earlier than `from`"),
            );
        }
        for (j, g) in p.groups.iter().enumerate() {
            if g.trim().is_empty() {
                c.err(Problem::new(
                    path.key("groups").index(j),
                    "a group name cannot be empty",
                ));
            }
        }
        for (j, key) in p.keys.iter().enumerate() {
            if let Err(message) = check_verifier_key_syntax(key, p.id.as_str()) {
                c.err(Problem::new(path.key("keys").index(j), message).help(
                    "write the key `snapback keygen --party ID` printed: <party id>+<8 hex digits>+<base64>",
                ));
            }
        }
        parties.push(Party {
            id: p.id.clone(),
            name: p.name.clone(),
            roles,
            groups: p.groups.clone(),
            population: p.population,
            window: Window {
                from: p.from.map(|f| f.0),
                until: p.until.map(|u| u.0),
            },
            keys: p.keys.clone(),
        });
    }
    parties
}

pub(super) fn check_rule(
    c: &mut Checker,
    raw: &RawRule,
    path: &FieldPath,
    resolve_party: ResolveParty<'_>,
) -> Option<Rule> {
    match raw {
        RawRule::Preset(name) => match name.as_str() {
            "majority" => Some(Rule::Majority),
            "majority-of-votes-cast" => Some(Rule::MajorityOfVotesCast),
            "unanimity" => Some(Rule::Unanimity),
            "eu-qmv" => Some(Rule::eu_qmv()),
            "eu-reinforced-qmv" => Some(Rule::eu_reinforced_qmv()),
            "two-thirds-of-votes-cast" => Some(Rule::VotesCastShare { num: 2, den: 3 }),
            "eu-unanimity-constructive" => Some(Rule::UnanimityConstructive),
            other => {
                c.err(Problem::new(path.clone(), format!("unknown rule `{other}`")).help(
                    "use \"majority\", \"majority-of-votes-cast\", \"two-thirds-of-votes-cast\", \"unanimity\", \"eu-unanimity-constructive\", \"eu-qmv\", \"eu-reinforced-qmv\", or a table { kind = \"threshold\", min_yes = N, veto = [...] } / { kind = \"qualified\", members_pct = 55, population_pct = 65 } / { kind = \"votes-cast\", num = 3, den = 5 } / { kind = \"by-proposer\", proposers = [...], then = \"eu-qmv\", otherwise = \"eu-reinforced-qmv\" }",
                ));
                None
            }
        },
        RawRule::Threshold { min_yes, veto } => {
            if *min_yes == 0 {
                c.err(Problem::new(
                    path.key("min_yes"),
                    "min_yes must be at least 1",
                ));
            }
            let mut holders = Vec::with_capacity(veto.len());
            for (i, id) in veto.iter().enumerate() {
                if let Some(idx) = resolve_party(c, id, path.key("veto").index(i)) {
                    holders.push(idx);
                }
            }
            Some(Rule::Threshold {
                min_yes: *min_yes,
                veto: holders,
            })
        }
        RawRule::ByProposer {
            proposers,
            then,
            otherwise,
        } => {
            let nested = |r: &RawRule| matches!(r, RawRule::ByProposer { .. });
            if nested(then) || nested(otherwise) {
                c.err(Problem::new(
                    path.clone(),
                    "a rule chosen by proposer chooses between two plain rules, not between rules chosen by proposer",
                ));
                return None;
            }
            if proposers.is_empty() {
                c.err(
                    Problem::new(path.key("proposers"), "name at least one proposer")
                        .help("the parties whose proposals are decided under `then`, such as [\"COM\", \"HR\"]"),
                );
            }
            let mut who = Vec::with_capacity(proposers.len());
            for (i, id) in proposers.iter().enumerate() {
                if let Some(idx) = resolve_party(c, id, path.key("proposers").index(i)) {
                    who.push(idx);
                }
            }
            let then = check_rule(c, then, &path.key("then"), resolve_party);
            let otherwise = check_rule(c, otherwise, &path.key("otherwise"), resolve_party);
            Some(Rule::ByProposer {
                proposers: who,
                then: Box::new(then?),
                otherwise: Box::new(otherwise?),
            })
        }
        RawRule::VotesCast { num, den } => {
            if *den == 0 || num > den || *num == 0 {
                c.err(
                    Problem::new(
                        path.clone(),
                        format!("{num}/{den} is not a share of the votes cast"),
                    )
                    .help("give num and den with 0 < num <= den, such as num = 2, den = 3"),
                );
                return None;
            }
            Some(Rule::VotesCastShare {
                num: *num,
                den: *den,
            })
        }
        RawRule::Qualified {
            members_pct,
            population_pct,
            blocking_minority,
        } => {
            for (key, pct) in [
                ("members_pct", members_pct),
                ("population_pct", population_pct),
            ] {
                if *pct > 100 {
                    c.err(Problem::new(
                        path.key(key),
                        format!("{key} is {pct}, above 100"),
                    ));
                }
            }
            Some(Rule::Qualified(Qualified {
                members_pct: *members_pct,
                population_pct: *population_pct,
                blocking_minority_min: *blocking_minority,
            }))
        }
    }
}

/// The most witnesses a charter may name: a checkpoint note holds at most 100 signature lines,
/// one of which is the log's.
pub const WITNESSES_MAX: usize = 64;

/// `[[log.witness]]`: unique names and keys, each key named after its witness and marked as a
/// `cosignature/v1` key (algorithm byte 0x04, checked when the log reads it), an https URL.
pub(super) fn check_witnesses(
    c: &mut Checker,
    raw: &[RawWitness],
    log: &FieldPath,
) -> Vec<WitnessInfo> {
    if raw.len() > WITNESSES_MAX {
        c.err(
            Problem::new(
                log.key("witness"),
                format!(
                    "{} witnesses; at most {WITNESSES_MAX} are allowed",
                    raw.len()
                ),
            )
            .help("a checkpoint note holds at most 100 signature lines"),
        );
    }
    let mut out: Vec<WitnessInfo> = Vec::new();
    for (i, w) in raw.iter().enumerate() {
        let path = log.key("witness").index(i);
        if w.name.is_empty() || w.name.contains('+') || w.name.chars().any(char::is_whitespace) {
            c.err(
                Problem::new(
                    path.key("name"),
                    format!("`{}` is not a witness name", w.name),
                )
                .help(
                    "a witness name is non-empty, without spaces or '+', e.g. witness.example.org",
                ),
            );
            continue;
        }
        let key_name = w.key.split('+').next().unwrap_or_default();
        if key_name != w.name {
            c.err(
                Problem::new(
                    path.key("key"),
                    format!("the key is named `{key_name}`, not the witness's name `{}`", w.name),
                )
                .help("give the witness's C2SP cosignature/v1 verifier key, `<name>+<key id>+<base64>`, as `snapback keygen --cosigner` prints it"),
            );
            continue;
        }
        if let Err(message) = check_verifier_key_syntax(&w.key, &w.name) {
            c.err(Problem::new(path.key("key"), message).help(
                "give the witness's C2SP cosignature/v1 verifier key, as `snapback keygen --cosigner` prints it",
            ));
            continue;
        }
        if let Some(url) = &w.url
            && let Err(problem) = check_witness_url(url)
        {
            c.err(
                Problem::new(path.key("url"), format!("`{url}`: {problem}")).help(
                    "give the witness's submission prefix, https://host[:port][/path] (http:// only on the loopback, e.g. http://127.0.0.1:7000), or leave url out",
                ),
            );
        }
        if let Some(j) = out.iter().position(|o| o.name == w.name) {
            c.err(Problem::new(
                path.key("name"),
                format!(
                    "the witness `{}` is already named at log.witness[{j}]",
                    w.name
                ),
            ));
            continue;
        }
        if let Some(j) = out.iter().position(|o| o.key == w.key) {
            c.err(Problem::new(
                path.key("key"),
                format!("this key is already the key of log.witness[{j}]"),
            ));
            continue;
        }
        out.push(WitnessInfo {
            name: w.name.clone(),
            key: w.key.clone(),
            url: w.url.clone(),
        });
    }
    out
}

/// A witness's submission prefix (C2SP tlog-witness: the log posts to
/// `<prefix>/add-checkpoint`): an address the log may send to ([`crate::endpoint`]), without a
/// query (the protocol appends a path to it).
fn check_witness_url(text: &str) -> Result<(), String> {
    let url = crate::endpoint::check_url(text)?;
    if url.query().is_some() {
        return Err("has a query; give the submission prefix only".to_owned());
    }
    Ok(())
}

/// `[log] quorum`: how many of the `witnesses` listed must cosign, 1 to their number.
pub(super) fn check_quorum(
    c: &mut Checker,
    quorum: Option<i64>,
    witnesses: usize,
    log: &FieldPath,
) -> Option<usize> {
    let k = quorum?;
    let path = log.key("quorum");
    if witnesses == 0 {
        c.err(
            Problem::new(
                path,
                format!("a quorum of {k} witnesses, but no [[log.witness]] is listed"),
            )
            .help("list the witnesses under [[log.witness]] (name, key, url), or leave quorum out"),
        );
        return None;
    }
    match usize::try_from(k) {
        Ok(k) if (1..=witnesses).contains(&k) => Some(k),
        _ => {
            c.err(
                Problem::new(
                    path,
                    format!("a quorum of {k} of the {witnesses} witnesses listed"),
                )
                .help(format!(
                    "the quorum counts witnesses that must cosign: a number from 1 to {witnesses}"
                )),
            );
            None
        }
    }
}

/// Syntax of a C2SP verifier key named `name`: `<name>+<8 hex digits>+<base64>`. The signature
/// algorithm, key id and point are checked by the log crate, which knows cryptography.
pub(super) fn check_verifier_key_syntax(key: &str, name: &str) -> Result<(), String> {
    let mut parts = key.splitn(3, '+');
    let (Some(n), Some(id), Some(b64)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(format!("`{key}` is not a verifier key"));
    };
    if n != name {
        return Err(format!(
            "the key is named `{n}`; a party's keys are named after the party (`{name}`)"
        ));
    }
    if id.len() != 8 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(format!("`{id}` is not an 8-hex-digit key id"));
    }
    if b64.is_empty()
        || !b64
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/' || b == b'=')
    {
        return Err("the key's last part is not base64".to_owned());
    }
    Ok(())
}
