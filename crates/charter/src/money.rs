//! Exact money: ISO 4217 currencies with their minor units, amounts as `rust_decimal`, and the
//! one rounding rule snapback applies.
//!
//! **Rounding.** Amounts written by people must already fit their currency (EUR has 2 decimal
//! places, JPY none, KWD 3); snapback never rounds them silently and refuses one that does not
//! fit. The only computed amounts are conversions at an exchange rate and pro rata shares; they are
//! rounded once, to the currency's minor unit, half to even ("banker's rounding", which does not
//! drift upward over many roundings). Pro rata shares are then corrected by the largest-remainder
//! method so that they add up exactly to the total (see [`split_pro_rata`]).

use std::fmt;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The largest single amount snapback accepts: 10^15 units of any currency (about ten times the
/// world's annual output in euros). Balances are sums of such amounts and stay far inside
/// `Decimal`'s 28 digits, and every sum is still checked.
pub const AMOUNT_MAX: Decimal = Decimal::from_parts(2_764_472_320, 232_830, 0, false, 0);

/// An ISO 4217 currency with a minor unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency(iso_currency::Currency);

/// Why a currency code or an amount is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("`{0}` is not an ISO 4217 currency code")]
    UnknownCurrency(String),
    #[error(
        "{0} has no minor unit (a fund, precious metal or testing code), so amounts in it cannot be exact"
    )]
    NoMinorUnit(String),
    #[error("{amount} has more decimal places than {currency} allows ({exponent})")]
    TooPrecise {
        amount: Decimal,
        currency: String,
        exponent: u32,
    },
    #[error("{0} is negative")]
    Negative(Decimal),
    #[error("{0} is zero; an amount must be positive")]
    Zero(Decimal),
    #[error("{0} is larger than the largest amount snapback accepts (10^15)")]
    TooLarge(Decimal),
}

impl MoneyError {
    /// How to fix it, in a sentence.
    pub fn help(&self) -> String {
        match self {
            MoneyError::UnknownCurrency(_) => {
                "write an ISO 4217 code in capitals, such as EUR, USD, GBP, JPY or CAD".to_owned()
            }
            MoneyError::NoMinorUnit(_) => "use a national currency such as EUR or USD".to_owned(),
            MoneyError::TooPrecise {
                currency, exponent, ..
            } => format!("write the amount with at most {exponent} decimal places for {currency}"),
            MoneyError::Negative(_) | MoneyError::Zero(_) => {
                "write a positive amount as a string, such as \"1500000.00\"".to_owned()
            }
            MoneyError::TooLarge(_) => "split it into several transfers".to_owned(),
        }
    }
}

impl Currency {
    pub fn parse(code: &str) -> Result<Self, MoneyError> {
        let c = iso_currency::Currency::from_code(code)
            .ok_or_else(|| MoneyError::UnknownCurrency(code.to_owned()))?;
        if c.exponent().is_none() {
            return Err(MoneyError::NoMinorUnit(code.to_owned()));
        }
        Ok(Currency(c))
    }

    pub fn code(self) -> &'static str {
        self.0.code()
    }

    /// Decimal places of the minor unit (2 for EUR, 0 for JPY, 3 for KWD).
    pub fn exponent(self) -> u32 {
        // `parse` only admits currencies with a minor unit.
        u32::from(self.0.exponent().unwrap_or(2))
    }

    /// Checks an amount a person wrote: positive, not above [`AMOUNT_MAX`], and with no more
    /// decimal places than the currency has.
    pub fn check_amount(self, amount: Decimal) -> Result<(), MoneyError> {
        if amount.is_sign_negative() && !amount.is_zero() {
            return Err(MoneyError::Negative(amount));
        }
        if amount.is_zero() {
            return Err(MoneyError::Zero(amount));
        }
        if amount > AMOUNT_MAX {
            return Err(MoneyError::TooLarge(amount));
        }
        if amount.normalize().scale() > self.exponent() {
            return Err(MoneyError::TooPrecise {
                amount,
                currency: self.code().to_owned(),
                exponent: self.exponent(),
            });
        }
        Ok(())
    }

    /// Like [`Currency::check_amount`], but zero is allowed: capital a contributor has not
    /// subscribed, an obligation that states no sum.
    pub fn check_amount_or_zero(self, amount: Decimal) -> Result<(), MoneyError> {
        if amount.is_zero() {
            return Ok(());
        }
        self.check_amount(amount)
    }

    /// Rounds a computed amount to the minor unit, half to even.
    pub fn round(self, amount: Decimal) -> Decimal {
        amount.round_dp_with_strategy(self.exponent(), RoundingStrategy::MidpointNearestEven)
    }

    /// The amount written with exactly the currency's decimal places (`1500.5` EUR → `1500.50`).
    pub fn fixed(self, amount: Decimal) -> Decimal {
        let mut a = self.round(amount);
        a.rescale(self.exponent());
        a
    }

    /// The amount as people read it: the currency's decimal places and thousands separators
    /// (`5500000000` EUR → `5,500,000,000.00`). See [`group_digits`].
    pub fn grouped(self, amount: Decimal) -> String {
        group_digits(&self.fixed(amount).to_string())
    }

    /// The amount and its currency as a charter's words write them: `2,000,000,000.00 EUR`
    /// (`charter check` and the charter's treaty text share it).
    pub fn amount_text(self, amount: Decimal) -> String {
        format!("{} {self}", self.grouped(amount))
    }
}

/// `key` as a percentage of `sum`, with two decimals (half to even), as a contributor's share of
/// the fund's keys is written; `None` on overflow or a zero sum.
pub fn percent_of(key: Decimal, sum: Decimal) -> Option<Decimal> {
    let mut pct = key
        .checked_mul(Decimal::ONE_HUNDRED)?
        .checked_div(sum)?
        .round_dp_with_strategy(2, RoundingStrategy::MidpointNearestEven);
    pct.rescale(2);
    Some(pct)
}

/// An exact decimal as people read it, with thousands separators and the decimals it has
/// (`5500000000.00` → `5,500,000,000.00`, `-12000` → `-12,000`). See [`group_digits`].
pub fn grouped(amount: Decimal) -> String {
    group_digits(&amount.to_string())
}

/// A plain decimal number (`-1250000.00`, `12000`) with its integer digits grouped by
/// thousands with commas (`-1,250,000.00`, `12,000`); the sign and the fraction are kept as
/// written. The one formatter of amounts and quantities in text for people (the CLI's reports
/// and the dashboard); machine outputs (JSON, CSV, IATI) keep plain decimals, their contract.
pub fn group_digits(number: &str) -> String {
    let (sign, rest) = number.strip_prefix('-').map_or(("", number), |r| ("-", r));
    let (int, frac) = rest
        .split_once('.')
        .map_or((rest, None), |(i, f)| (i, Some(f)));
    let digits = int.chars().count();
    let mut out = String::with_capacity(number.len() + digits / 3);
    out.push_str(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (digits - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

/// An exact decimal written as a string (`"1500000.00"`) or an integer; serialised as a string.
/// Floats are refused: a binary float cannot hold most decimal fractions exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Amount(pub Decimal);

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(ExactDecimal {
                what: "amount",
                example: "1500000.00",
            })
            .map(Amount)
    }
}

/// An exact decimal written as a string (`"1500000.00"`) or an integer. Floats are refused: a
/// binary float cannot hold most decimal fractions exactly. `what` names the value in messages.
pub(crate) struct ExactDecimal {
    pub what: &'static str,
    pub example: &'static str,
}

impl Visitor<'_> for ExactDecimal {
    type Value = Decimal;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a decimal {} as a string, such as \"{}\"",
            self.what, self.example
        )
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        v.trim().parse::<Decimal>().map_err(|e| {
            E::custom(format!(
                "`{v}` is not a decimal {} ({e}); write e.g. \"{}\"",
                self.what, self.example
            ))
        })
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        Err(E::custom(format!(
            "{}s are exact decimals: write {v} as a string, \"{v}\"",
            self.what
        )))
    }
}

/// Splits `total` among `weights` pro rata, in the currency's minor units, so that the parts add
/// up to `total` exactly: each part is first rounded down to the minor unit, then the minor units
/// left over go one each to the parts with the largest remainders (ties to the earlier weight).
/// Zero weights get zero. Returns `None` if the weights sum to zero or a product overflows.
pub fn split_pro_rata(
    currency: Currency,
    total: Decimal,
    weights: &[Decimal],
) -> Option<Vec<Decimal>> {
    let sum: Decimal = weights
        .iter()
        .try_fold(Decimal::ZERO, |a, w| a.checked_add(*w))?;
    if sum <= Decimal::ZERO {
        return None;
    }
    let unit = Decimal::new(1, currency.exponent());
    let mut parts = Vec::with_capacity(weights.len());
    let mut remainders = Vec::with_capacity(weights.len());
    for w in weights {
        let exact = total.checked_mul(*w)?.checked_div(sum)?;
        let floor = exact.round_dp_with_strategy(currency.exponent(), RoundingStrategy::ToZero);
        remainders.push(exact - floor);
        parts.push(floor);
    }
    let assigned: Decimal = parts.iter().sum();
    let mut left = ((total - assigned) / unit).trunc();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    // Largest remainder first; the sort is stable, so ties keep charter order.
    order.sort_by(|a, b| remainders[*b].cmp(&remainders[*a]));
    for i in order {
        if left <= Decimal::ZERO {
            break;
        }
        if weights[i] > Decimal::ZERO {
            parts[i] += unit;
            left -= Decimal::ONE;
        }
    }
    Some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn amount_max_is_ten_to_the_fifteen() {
        assert_eq!(AMOUNT_MAX, d("1000000000000000"));
    }

    #[test]
    fn digits_are_grouped_by_thousands_with_sign_and_fraction_kept() {
        assert_eq!(group_digits("0"), "0");
        assert_eq!(group_digits("999"), "999");
        assert_eq!(group_digits("1000"), "1,000");
        assert_eq!(group_digits("1250000.00"), "1,250,000.00");
        assert_eq!(group_digits("-999"), "-999");
        assert_eq!(group_digits("-1000.5"), "-1,000.5");
        assert_eq!(group_digits("-123456789.012"), "-123,456,789.012");
        assert_eq!(group_digits("0.25"), "0.25");
        assert_eq!(group_digits("-0.25"), "-0.25");
    }

    #[test]
    fn amounts_read_with_their_currencys_minor_units_and_separators() {
        let eur = Currency::parse("EUR").unwrap();
        let jpy = Currency::parse("JPY").unwrap();
        let kwd = Currency::parse("KWD").unwrap();
        assert_eq!(eur.grouped(d("5500000000")), "5,500,000,000.00");
        assert_eq!(eur.grouped(d("-1500.5")), "-1,500.50");
        assert_eq!(jpy.grouped(d("1234567")), "1,234,567");
        assert_eq!(jpy.grouped(d("-100")), "-100");
        assert_eq!(kwd.grouped(d("1234.5")), "1,234.500");
        assert_eq!(kwd.grouped(d("-1000000.125")), "-1,000,000.125");
        assert_eq!(eur.grouped(AMOUNT_MAX), "1,000,000,000,000,000.00");
        assert_eq!(grouped(d("5500000000.00")), "5,500,000,000.00");
        assert_eq!(
            grouped(Decimal::MAX),
            "79,228,162,514,264,337,593,543,950,335"
        );
        assert_eq!(
            grouped(Decimal::MIN),
            "-79,228,162,514,264,337,593,543,950,335"
        );
        assert_eq!(grouped(d("-0.01")), "-0.01");
    }

    #[test]
    fn currencies_know_their_minor_units() {
        assert_eq!(Currency::parse("EUR").unwrap().exponent(), 2);
        assert_eq!(Currency::parse("JPY").unwrap().exponent(), 0);
        assert_eq!(Currency::parse("KWD").unwrap().exponent(), 3);
        assert!(matches!(
            Currency::parse("EUX"),
            Err(MoneyError::UnknownCurrency(_))
        ));
        assert!(matches!(
            Currency::parse("eur"),
            Err(MoneyError::UnknownCurrency(_))
        ));
        assert!(matches!(
            Currency::parse("XAU"),
            Err(MoneyError::NoMinorUnit(_))
        ));
    }

    #[test]
    fn amounts_must_fit_their_currency() {
        let eur = Currency::parse("EUR").unwrap();
        let jpy = Currency::parse("JPY").unwrap();
        assert!(eur.check_amount(d("0.01")).is_ok());
        assert!(eur.check_amount(d("1.50")).is_ok());
        assert!(
            eur.check_amount(d("1.500")).is_ok(),
            "trailing zeros are not precision"
        );
        assert!(matches!(
            eur.check_amount(d("0.001")),
            Err(MoneyError::TooPrecise { .. })
        ));
        assert!(matches!(
            jpy.check_amount(d("1.5")),
            Err(MoneyError::TooPrecise { .. })
        ));
        assert!(matches!(eur.check_amount(d("0")), Err(MoneyError::Zero(_))));
        assert!(matches!(
            eur.check_amount(d("-1")),
            Err(MoneyError::Negative(_))
        ));
        assert!(eur.check_amount(AMOUNT_MAX).is_ok());
        assert!(matches!(
            eur.check_amount(d("1000000000000000.01")),
            Err(MoneyError::TooLarge(_))
        ));
    }

    #[test]
    fn zero_is_allowed_only_where_asked_for() {
        let eur = Currency::parse("EUR").unwrap();
        assert!(eur.check_amount_or_zero(d("0")).is_ok());
        assert!(eur.check_amount_or_zero(d("0.000")).is_ok());
        assert!(eur.check_amount_or_zero(d("12.50")).is_ok());
        assert!(matches!(
            eur.check_amount_or_zero(d("-0.01")),
            Err(MoneyError::Negative(_))
        ));
        assert!(matches!(
            eur.check_amount_or_zero(d("0.001")),
            Err(MoneyError::TooPrecise { .. })
        ));
        assert!(matches!(
            eur.check_amount_or_zero(d("1000000000000001")),
            Err(MoneyError::TooLarge(_))
        ));
    }

    #[test]
    fn rounding_is_half_to_even_at_the_minor_unit() {
        let eur = Currency::parse("EUR").unwrap();
        assert_eq!(eur.round(d("0.125")), d("0.12"));
        assert_eq!(eur.round(d("0.135")), d("0.14"));
        assert_eq!(eur.round(d("0.1250000001")), d("0.13"));
        assert_eq!(eur.round(d("-0.125")), d("-0.12"));
        let jpy = Currency::parse("JPY").unwrap();
        assert_eq!(jpy.round(d("2.5")), d("2"));
        assert_eq!(jpy.round(d("3.5")), d("4"));
        assert_eq!(eur.fixed(d("1500.5")).to_string(), "1500.50");
    }

    #[test]
    fn pro_rata_parts_add_up_exactly() {
        let eur = Currency::parse("EUR").unwrap();
        let parts = split_pro_rata(eur, d("100.00"), &[d("1"), d("1"), d("1")]).unwrap();
        assert_eq!(parts, vec![d("33.34"), d("33.33"), d("33.33")]);
        let parts = split_pro_rata(eur, d("0.01"), &[d("0.3"), d("0.7")]).unwrap();
        assert_eq!(parts, vec![d("0.00"), d("0.01")]);
        let parts = split_pro_rata(eur, d("10"), &[d("0"), d("2")]).unwrap();
        assert_eq!(parts, vec![d("0"), d("10")]);
        assert!(split_pro_rata(eur, d("10"), &[d("0")]).is_none());
        let weights = [
            d("0.26"),
            d("0.13"),
            d("0.11"),
            d("0.10"),
            d("0.10"),
            d("0.07"),
            d("0.05"),
        ];
        let total = d("12345678901.23");
        let parts = split_pro_rata(eur, total, &weights).unwrap();
        assert_eq!(parts.iter().sum::<Decimal>(), total);
    }
}
