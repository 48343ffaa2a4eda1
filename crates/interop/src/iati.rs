//! The fund's transactions in the IATI activity standard's terms (TransactionType codes 11, 1,
//! 2 and 3), as JSON or CSV bytes. The field names are a contract: add, never rename.

use jiff::Timestamp;
use jiff::tz::Offset;
use rust_decimal::Decimal;
use serde::Serialize;
use snapback_charter::Currency;
use snapback_engine::State;
use snapback_engine::derived::TransferCode;
use snapback_engine::fund::record::TransferRecord;

/// Why an export could not be encoded.
#[derive(Debug, thiserror::Error)]
pub enum IatiError {
    #[error("encoding JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("encoding CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("encoding CSV: {0}")]
    CsvFlush(String),
}

/// One IATI transaction (contract: the CSV header and the JSON keys; add, never rename).
#[derive(Debug, Serialize)]
pub struct IatiRow {
    #[serde(rename = "transaction-ref")]
    transaction_ref: String,
    /// IATI TransactionType code: 11, 1, 2 or 3.
    #[serde(rename = "transaction-type")]
    transaction_type: u8,
    /// ISO date: the value date if the event gave one, else the day it was recorded (UTC).
    #[serde(rename = "transaction-date")]
    transaction_date: String,
    /// In the fund's currency of account, with its minor unit; negative for a reduction.
    value: Decimal,
    currency: String,
    #[serde(rename = "value-date")]
    value_date: String,
    #[serde(rename = "provider-org")]
    provider_org: String,
    #[serde(rename = "receiver-org")]
    receiver_org: String,
    /// The fund's own purpose id (its sector, in its own vocabulary).
    purpose: Option<String>,
    description: String,
    #[serde(rename = "source-event")]
    source_event: &'static str,
}

/// The UTC day of an instant, `YYYY-MM-DD`.
fn iso_date(t: Timestamp) -> String {
    Offset::UTC.to_datetime(t).date().to_string()
}

/// The id inside an account name: `contributor:C:paid-in` → `C`, `recipient:R` → `R`.
fn account_owner(account: &str) -> &str {
    if let Some(rest) = account.strip_prefix("contributor:") {
        return rest.rsplit_once(':').map_or(rest, |(id, _)| id);
    }
    account.strip_prefix("recipient:").unwrap_or(account)
}

/// The fund an export is of: its name and its currency of account.
#[derive(Debug, Clone, Copy)]
pub struct FundOf<'a> {
    pub name: &'a str,
    /// The ISO 4217 code, empty if the report names none.
    pub currency_code: &'a str,
    /// Amounts are written with its minor unit, if known.
    pub currency: Option<Currency>,
}

impl FundOf<'_> {
    fn fix(&self, v: Decimal) -> Decimal {
        self.currency.map_or(v, |c| c.fixed(v))
    }
}

/// The fund's transfers that IATI knows as transactions, in log order.
pub fn transactions(state: &State, fund: FundOf<'_>) -> Vec<IatiRow> {
    state
        .fund
        .transfers
        .iter()
        .filter_map(|t| iati_row(fund, t))
        .collect()
}

fn iati_row(fund: FundOf<'_>, t: &TransferRecord) -> Option<IatiRow> {
    let f = &t.transfer;
    // A voided reservation reduces the outgoing commitment it made: type 2, negative.
    let (kind, sign) = match f.code {
        TransferCode::Void => (2, Decimal::NEGATIVE_ONE),
        code => (code.iati()?, Decimal::ONE),
    };
    let incoming = matches!(kind, 11 | 1);
    let (provider, receiver) = if incoming {
        (account_owner(&f.debit).to_owned(), fund.name.to_owned())
    } else {
        (fund.name.to_owned(), account_owner(&f.credit).to_owned())
    };
    let date = iso_date(t.value_date.unwrap_or(t.at));
    // The engine's own transfers carry no reference: say what they are. Their ids are
    // `<activation>/surge/<party>` and `<claim>/tranche[/release|/void]`.
    let first = f.transfer.as_str().split('/').next().unwrap_or_default();
    let description = t.reference.clone().unwrap_or_else(|| match f.code {
        TransferCode::SurgeCall => format!("surge call of activation {first}"),
        TransferCode::Reservation => format!("tranche for claim {first} reserved"),
        TransferCode::Release => format!("tranche for claim {first} released"),
        TransferCode::Void => format!("tranche for claim {first} voided"),
        _ => String::new(),
    });
    Some(IatiRow {
        transaction_ref: f.transfer.to_string(),
        transaction_type: kind,
        transaction_date: date.clone(),
        value: fund.fix(f.amount) * sign,
        currency: fund.currency_code.to_owned(),
        value_date: date,
        provider_org: provider,
        receiver_org: receiver,
        purpose: f.purpose.as_ref().map(ToString::to_string),
        description,
        source_event: t.source,
    })
}

/// The transactions as pretty JSON, with a final newline.
pub fn to_json(rows: &[IatiRow]) -> Result<Vec<u8>, IatiError> {
    let mut bytes = serde_json::to_vec_pretty(rows)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The transactions as CSV with a header row (written even when there are none).
pub fn to_csv(rows: &[IatiRow]) -> Result<Vec<u8>, IatiError> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // `serialize` writes the header with the first row; with no rows, write it by hand.
    if rows.is_empty() {
        w.write_record(IATI_COLUMNS)?;
    }
    for row in rows {
        w.serialize(row)?;
    }
    w.into_inner()
        .map_err(|e| IatiError::CsvFlush(e.error().to_string()))
}

/// The CSV header (the field names of [`IatiRow`], in order).
const IATI_COLUMNS: [&str; 11] = [
    "transaction-ref",
    "transaction-type",
    "transaction-date",
    "value",
    "currency",
    "value-date",
    "provider-org",
    "receiver-org",
    "purpose",
    "description",
    "source-event",
];
