//! The checks of single fields of an event as it is written: currencies, amounts, rates,
//! person-chosen transfer ids, labels and free text, digests. Each error names its field.

use rust_decimal::Decimal;
use snapback_charter::diag::{FieldPath, Problem};
use snapback_charter::text::{self, Lines, forbidden_char};
use snapback_charter::{Amount, Currency, TransferId};

use super::{FX_RATE_MAX, LABEL_LEN_MAX};

/// A currency code that is ISO 4217 with a minor unit.
pub(crate) fn currency(path: &FieldPath, code: Option<String>) -> Result<Currency, Problem> {
    let code = code.unwrap_or_default();
    Currency::parse(&code)
        .map_err(|e| Problem::new(path.key("currency"), e.to_string()).help(e.help()))
}

/// A positive amount that fits its currency.
pub(crate) fn amount(
    path: &FieldPath,
    name: &str,
    value: Option<Amount>,
    currency: Currency,
) -> Result<Decimal, Problem> {
    let value = value.map(|a| a.0).unwrap_or_default();
    currency
        .check_amount(value)
        .map_err(|e| Problem::new(path.key(name), e.to_string()).help(e.help()))?;
    Ok(value)
}

pub(super) fn rate(path: &FieldPath, value: Option<Amount>) -> Result<Decimal, Problem> {
    let value = value.map(|a| a.0).unwrap_or_default();
    if value <= Decimal::ZERO || value > FX_RATE_MAX {
        return Err(Problem::new(
            path.key("rate"),
            format!("the rate {value} is not between 0 (excluded) and {FX_RATE_MAX}"),
        )
        .help("write how many units of the fund's currency one unit of `currency` buys, such as \"0.9215\""));
    }
    Ok(value)
}

/// A transfer id a person chose (without '/', which the engine reserves for its own).
pub(super) fn person_transfer(
    path: &FieldPath,
    id: Option<TransferId>,
) -> Result<TransferId, Problem> {
    let id = id.ok_or_else(|| Problem::new(path.clone(), "a fund event needs `transfer`"))?;
    if id.as_str().contains('/') {
        return Err(Problem::new(
            path.key("transfer"),
            format!("`{id}` contains '/', which is reserved for transfers the engine makes"),
        )
        .help("choose an id without '/'"));
    }
    Ok(id)
}

pub(crate) fn optional_label(
    path: &FieldPath,
    name: &str,
    value: Option<String>,
) -> Result<Option<String>, Problem> {
    value
        .map(|v| check_text(path, name, &v, LABEL_LEN_MAX).map(|()| v))
        .transpose()
}

pub(super) fn fields_help(kind: &str, required: &[&str], optional: &[&str]) -> String {
    let mut text = format!(
        "a `{kind}` event has at, party, type, {}",
        required.join(", ")
    );
    if !optional.is_empty() {
        text.push_str(&format!(" and optionally {}", optional.join(", ")));
    }
    text
}

pub(crate) fn check_text(
    path: &FieldPath,
    name: &str,
    value: &str,
    max: usize,
) -> Result<(), Problem> {
    if value.trim().is_empty() {
        return Err(Problem::new(path.key(name), format!("`{name}` is empty")));
    }
    if value.len() > max {
        return Err(Problem::new(
            path.key(name),
            format!("`{name}` is {} bytes long; the limit is {max}", value.len()),
        )
        .help("shorten it; put long material in evidence and submit its digest"));
    }
    // Long text may span lines; labels may not (see `snapback_charter::text`).
    let lines = if max > LABEL_LEN_MAX {
        Lines::Multi
    } else {
        Lines::Single
    };
    if let Some((offset, c)) = forbidden_char(value, lines) {
        return Err(Problem::new(
            path.key(name),
            format!("`{name}` contains {} at byte {offset}", text::describe(c)),
        )
        .help(text::help(lines)));
    }
    Ok(())
}

/// `sha256:` and 64 lowercase hex digits.
pub(super) fn check_digest(digest: &str) -> Result<(), String> {
    let hex = digest
        .strip_prefix("sha256:")
        .ok_or_else(|| format!("`{digest}` is not a sha256 digest"))?;
    if hex.len() != 64
        || !hex
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        return Err(format!(
            "`{digest}` does not have 64 lowercase hex digits after sha256:"
        ));
    }
    Ok(())
}
