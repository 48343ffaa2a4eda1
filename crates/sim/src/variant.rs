//! Variants as charter patches: the base charter's TOML with the verifying body, its rule, the
//! burden, the decision window and the escalation parameters replaced, then loaded and validated
//! like any charter. What a variant changes is therefore a real charter the engine runs.

use snapback_charter::diag::{Diagnostics, Source};
use snapback_charter::{Burden, Charter, CharterHistory};
use toml_edit::{DocumentMut, Item, value};

use crate::config::{AppropriationDelay, Variant};
use crate::record::VariantInfo;

/// Why a variant's charter could not be made.
#[derive(Debug, thiserror::Error)]
pub enum VariantError {
    #[error("variant `{variant}`: {message}")]
    Patch { variant: String, message: String },
    #[error("variant `{variant}`: the patched charter is not valid:\n{diagnostics}")]
    Invalid {
        variant: String,
        diagnostics: Diagnostics,
    },
    #[error(
        "variant `{variant}`: the verifying body has {members} members; the simulator takes at most {max}"
    )]
    TooManyVoters {
        variant: String,
        members: usize,
        max: usize,
    },
    #[error(
        "[[voting.party]] names `{party}`, which is not a member of the verifying body or of a body deciding a package or a renewal in any variant, so it never votes; remove it or name a member"
    )]
    UnusedOverride { party: String },
    #[error(
        "[[voting.bloc]] `{bloc}` names `{party}`, which is not a member of the verifying body or of a body deciding a package or a renewal in any variant, so it never votes; remove it or name a member"
    )]
    UnusedBlocMember { bloc: String, party: String },
    #[error(transparent)]
    Record(#[from] crate::capabilities::RecordError),
    #[error(
        "variant `{variant}` asks for responses that follow the charter's measures, but its charter has no [[measure]]"
    )]
    NoMeasures { variant: String },
    #[error(
        "[[voting.regime_change]] names `{party}`, which is not a member of the verifying body or of a body deciding a package or a renewal in any variant, so it never votes; remove it or name a member"
    )]
    UnusedRegimeChange { party: String },
}

/// The base charter text with the variant's patches applied (with `appropriations`, each of
/// `appropriations`' contributors names its parliament).
pub fn patch(
    base: &str,
    v: &Variant,
    appropriations: &[AppropriationDelay],
) -> Result<String, VariantError> {
    let fail = |message: String| VariantError::Patch {
        variant: v.name.clone(),
        message,
    };
    let mut doc: DocumentMut = base
        .parse()
        .map_err(|e| fail(format!("the base charter is not TOML: {e}")))?;
    let verification = doc
        .get_mut("verification")
        .and_then(Item::as_table_like_mut)
        .ok_or_else(|| fail("the base charter has no [verification] table".to_owned()))?;
    if let Some(body) = &v.body {
        verification.insert("body", value(body.as_str()));
    }
    if let Some(burden) = v.burden {
        let word = match burden {
            Burden::Flipped => "flipped",
            Burden::Standard => "standard",
        };
        verification.insert("burden", value(word));
    }
    if let Some(d) = v.decide_within {
        verification.insert("decide_within", value(d.to_string()));
    }
    let body_id = verification
        .get("body")
        .and_then(Item::as_str)
        .map(str::to_owned)
        .ok_or_else(|| fail("[verification] names no body".to_owned()))?;
    if let Some(rule) = &v.rule {
        let bodies = doc
            .get_mut("body")
            .and_then(Item::as_array_of_tables_mut)
            .ok_or_else(|| fail("the base charter has no [[body]] tables".to_owned()))?;
        let body = bodies
            .iter_mut()
            .find(|b| b.get("id").and_then(Item::as_str) == Some(body_id.as_str()))
            .ok_or_else(|| fail(format!("no [[body]] with id `{body_id}`")))?;
        body.insert("rule", value(rule.as_str()));
    }
    if v.escalation_window.is_some() || v.escalation_threshold.is_some() {
        let escalation = doc
            .get_mut("escalation")
            .and_then(Item::as_table_like_mut)
            .ok_or_else(|| {
                fail("the base charter has no [escalation] table to patch".to_owned())
            })?;
        if let Some(w) = v.escalation_window {
            escalation.insert("window", value(w.to_string()));
        }
        if let Some(t) = v.escalation_threshold {
            escalation.insert("threshold", value(i64::from(t)));
        }
    }
    if !v.drop_packages.is_empty() {
        drop_packages(&mut doc, &v.drop_packages).map_err(fail)?;
    }
    if v.appropriations {
        name_parliaments(&mut doc, appropriations).map_err(fail)?;
    }
    Ok(doc.to_string())
}

/// Each `[[appropriation]]` contributor's `[[fund.contributor]]` names its parliament.
fn name_parliaments(doc: &mut DocumentMut, list: &[AppropriationDelay]) -> Result<(), String> {
    let contributors = doc
        .get_mut("fund")
        .and_then(Item::as_table_like_mut)
        .and_then(|f| f.get_mut("contributor"))
        .and_then(Item::as_array_of_tables_mut)
        .ok_or("the base charter has no [[fund.contributor]] whose surge shares could wait")?;
    for a in list {
        let contributor = contributors
            .iter_mut()
            .find(|c| c.get("party").and_then(Item::as_str) == Some(a.party.as_str()))
            .ok_or_else(|| {
                format!(
                    "[[appropriation]] names `{}`, which is not a contributor of the base charter's fund",
                    a.party
                )
            })?;
        contributor.insert("appropriation", value(a.parliament.as_str()));
    }
    Ok(())
}

/// Removes each named package: its `[[package]]` table and its place in every tier's list.
fn drop_packages(doc: &mut DocumentMut, drop: &[String]) -> Result<(), String> {
    let packages = doc
        .get_mut("package")
        .and_then(Item::as_array_of_tables_mut)
        .ok_or_else(|| "the base charter has no [[package]] tables to drop".to_owned())?;
    let known: Vec<String> = packages
        .iter()
        .filter_map(|p| p.get("id").and_then(Item::as_str).map(str::to_owned))
        .collect();
    if let Some(missing) = drop.iter().find(|d| !known.contains(d)) {
        return Err(format!(
            "drop_packages names `{missing}`, which is not a package of the base charter (its packages: {})",
            known.join(", ")
        ));
    }
    packages.retain(|p| {
        p.get("id")
            .and_then(Item::as_str)
            .is_none_or(|id| !drop.iter().any(|d| d == id))
    });
    if let Some(tiers) = doc.get_mut("tier").and_then(Item::as_array_of_tables_mut) {
        for tier in tiers.iter_mut() {
            if let Some(list) = tier.get_mut("packages").and_then(Item::as_array_mut) {
                list.retain(|p| p.as_str().is_none_or(|id| !drop.iter().any(|d| d == id)));
            }
        }
    }
    Ok(())
}

/// The variant's charter, loaded and validated, as a one-version history.
pub fn charter(
    base: &str,
    base_name: &str,
    v: &Variant,
    appropriations: &[AppropriationDelay],
) -> Result<(Charter, CharterHistory), VariantError> {
    let text = patch(base, v, appropriations)?;
    let source = Source::new(format!("{base_name} (variant {})", v.name), text);
    let charter = snapback_charter::load_toml(&source).map_err(|d| VariantError::Invalid {
        variant: v.name.clone(),
        diagnostics: d,
    })?;
    let history = CharterHistory::new(vec![charter.clone()]).map_err(|e| VariantError::Patch {
        variant: v.name.clone(),
        message: e.to_string(),
    })?;
    Ok((charter, history))
}

/// The variant's parameters as the outputs list them: what the charter in effect says (after
/// the patches), and the aid lag. The same names, in the same order, for every variant.
pub fn info(v: &Variant, charter: &Charter) -> VariantInfo {
    let body = charter.body(charter.verification.body);
    let escalation = charter.escalation.as_ref();
    let lag = v.aid_lag.map_or_else(|| "0s".to_owned(), |d| d.to_string());
    VariantInfo {
        name: v.name.clone(),
        parameters: vec![
            ("body".to_owned(), body.id.to_string()),
            (
                "rule".to_owned(),
                v.rule.clone().unwrap_or_else(|| "(base)".to_owned()),
            ),
            (
                "burden".to_owned(),
                match charter.verification.burden {
                    Burden::Flipped => "flipped",
                    Burden::Standard => "standard",
                }
                .to_owned(),
            ),
            (
                "decide_within".to_owned(),
                charter.verification.decide_within.to_string(),
            ),
            (
                "escalation_window".to_owned(),
                escalation.map_or_else(|| "none".to_owned(), |e| e.window.to_string()),
            ),
            (
                "escalation_threshold".to_owned(),
                escalation.map_or_else(|| "none".to_owned(), |e| e.threshold.to_string()),
            ),
            ("aid_lag".to_owned(), lag),
        ],
    }
}
