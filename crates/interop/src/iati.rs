//! The fund's transactions in the IATI activity standard's terms (TransactionType codes 11, 1,
//! 2 and 3), as JSON or CSV bytes (the field names are a contract: add, never rename), and the
//! fund as an `iati-activities` XML file of standard 2.03, as IATI publishers publish it.

use jiff::Timestamp;
use jiff::tz::Offset;
use rust_decimal::Decimal;
use serde::Serialize;
use snapback_charter::Currency;
use snapback_engine::State;
use snapback_engine::derived::TransferCode;
use snapback_engine::fund::record::TransferRecord;

use crate::slug;

/// Why an export could not be encoded.
#[derive(Debug, thiserror::Error)]
pub enum IatiError {
    #[error("encoding JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("encoding CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("encoding CSV: {0}")]
    CsvFlush(String),
    #[error("encoding XML: {0}")]
    Xml(#[from] std::io::Error),
}

/// One IATI transaction (contract: the CSV header and the JSON keys; add, never rename).
#[derive(Debug, Serialize)]
pub struct IatiRow {
    #[serde(rename = "transaction-ref")]
    transaction_ref: String,
    /// IATI TransactionType code: 11, 1, 2, 3, 5, 6 or 10.
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
    /// The IATI finance type (110 standard grant, 410 aid loan); in the XML only, so the CSV
    /// and JSON keep their published columns.
    #[serde(skip)]
    finance_type: &'static str,
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
    account
        .strip_prefix("recipient:")
        .or_else(|| account.strip_prefix("borrower:"))
        .unwrap_or(account)
}

/// The fund an export is of: its name and its currency of account.
#[derive(Debug, Clone, Copy)]
pub struct FundOf<'a> {
    pub name: &'a str,
    /// The payments the charter plans (its programmes' tranches, by their dates), for the
    /// activity's budgets and planned disbursements.
    pub planned: &'a [PlannedPayment],
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

/// A payment the charter plans: a programme tranche of `amount` to `receiver`, due by `due`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedPayment {
    pub due: Timestamp,
    pub amount: Decimal,
    pub receiver: String,
}

/// Every tranche of the fund's programmes (in the report of `state`), in charter order.
pub fn planned_payments(state: &State) -> Vec<PlannedPayment> {
    snapback_engine::fund::report::fund_report(state)
        .map(|r| {
            r.programmes
                .iter()
                .flat_map(|p| {
                    p.tranches.iter().map(|t| PlannedPayment {
                        due: t.by,
                        amount: t.amount,
                        receiver: p.recipient.clone(),
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The planned payments summed by calendar year (UTC), for the activity's annual budgets.
fn budgets(planned: &[PlannedPayment]) -> std::collections::BTreeMap<i16, Decimal> {
    let mut by_year = std::collections::BTreeMap::new();
    for p in planned {
        let year = Offset::UTC.to_datetime(p.due).year();
        *by_year.entry(year).or_insert(Decimal::ZERO) += p.amount;
    }
    by_year
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
        // An expired guarantee reduces the credit guarantee it gave: type 10, negative.
        TransferCode::GuaranteeExpired => (10, Decimal::NEGATIVE_ONE),
        code => (code.iati()?, Decimal::ONE),
    };
    // Money in: contributions (11, 1), and a borrower's interest (5) and repayments (6).
    let incoming = matches!(kind, 11 | 1 | 5 | 6);
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
        TransferCode::GuaranteeExpired => format!("guarantee {first} expired uncalled"),
        // A repayment leg posts `<loan>/<instalment>/<leg>`.
        TransferCode::PrincipalRepaid | TransferCode::InterestPaid => {
            let pending = f.pending.as_ref().map(|p| p.as_str()).unwrap_or_default();
            let mut parts = pending.split('/');
            let (loan, number) = (
                parts.next().unwrap_or_default(),
                parts.next().unwrap_or_default(),
            );
            let what = if f.code == TransferCode::InterestPaid {
                "interest"
            } else {
                "principal"
            };
            format!("{what} of instalment {number} of loan {loan}")
        }
        _ => String::new(),
    });
    let finance_type = if f.code.is_loan() {
        FINANCE_TYPE_LOAN
    } else if f.code.is_guarantee() {
        FINANCE_TYPE_GUARANTEE
    } else {
        FINANCE_TYPE_GRANT
    };
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
        finance_type,
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

/// What an activity file says beyond the transactions: who publishes it and as of when.
#[derive(Clone, Copy)]
pub struct Publisher<'a> {
    /// The reporting organisation's IATI organisation identifier (`XM-DAC-…`, `GB-COH-…`).
    pub reporting_org: &'a str,
    /// The instant the data stand at (the replay's), written as the file's generated and the
    /// activity's last-updated instant so that the same input gives the same bytes.
    pub as_of: Option<Timestamp>,
    /// When the fund began (its charter's effective instant): the activity's actual start.
    pub started: Option<Timestamp>,
    /// The name an organisation's id stands for (a party's name in the charter), if known.
    pub name_of: &'a dyn Fn(&str) -> Option<String>,
}

impl std::fmt::Debug for Publisher<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Publisher")
            .field("reporting_org", &self.reporting_org)
            .field("as_of", &self.as_of)
            .field("started", &self.started)
            .finish_non_exhaustive()
    }
}

/// Why a reporting organisation identifier is refused, if it is.
pub fn check_org_identifier(text: &str) -> Result<(), String> {
    let ok = text.len() <= 200
        && text.contains('-')
        && !text.starts_with('-')
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | ':'));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{text}` is not an IATI organisation identifier: write the registration agency's prefix, a hyphen and the number, e.g. XM-DAC-41114 or GB-COH-01234567 (letters, digits, '-', '_', '.', '/', ':')"
        ))
    }
}

/// The IATI finance types: a standard grant (110) for every movement but a loan's, an aid loan
/// excluding debt reorganisation (410), and a guarantee's, guarantees and insurance (1100).
const FINANCE_TYPE_GRANT: &str = "110";
const FINANCE_TYPE_LOAN: &str = "410";
const FINANCE_TYPE_GUARANTEE: &str = "1100";

/// The fund as one IATI activity (`iati-activities`, standard 2.03): its identifier (the
/// reporting organisation's, a hyphen, the fund's name as an id), the fund's contributors as
/// funding organisations and its recipients as implementing ones, and every transaction with
/// its type, date, value, provider, receiver, purpose (as a sector of the reporting
/// organisation's own vocabulary, 99) and finance type. Elements come in the schema's order;
/// the file validates against `iati-activities-schema.xsd` (a test checks it with `xmllint`).
pub fn to_xml(
    rows: &[IatiRow],
    fund: FundOf<'_>,
    publisher: Publisher<'_>,
) -> Result<Vec<u8>, IatiError> {
    use quick_xml::Writer;
    use quick_xml::events::{BytesDecl, BytesText, Event};

    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let instant = publisher.as_of.map(|t| {
        Offset::UTC
            .to_datetime(t)
            .strftime("%Y-%m-%dT%H:%M:%SZ")
            .to_string()
    });
    let mut activities = w
        .create_element("iati-activities")
        .with_attribute(("version", "2.03"));
    if let Some(at) = &instant {
        activities = activities.with_attribute(("generated-datetime", at.as_str()));
    }
    activities.write_inner_content(|w| {
        let mut activity = w
            .create_element("iati-activity")
            .with_attribute(("xml:lang", "en"));
        if let Some(at) = &instant {
            activity = activity.with_attribute(("last-updated-datetime", at.as_str()));
        }
        if !fund.currency_code.is_empty() {
            activity = activity.with_attribute(("default-currency", fund.currency_code));
        }
        activity.write_inner_content(|w| {
            let identifier = format!("{}-{}", publisher.reporting_org, slug(fund.name));
            w.create_element("iati-identifier")
                .write_text_content(BytesText::new(&identifier))?;
            w.create_element("reporting-org")
                .with_attribute(("ref", publisher.reporting_org))
                // 40: multilateral (a fund of several governments).
                .with_attribute(("type", "40"))
                .write_inner_content(|w| narrative(w, fund.name))?;
            w.create_element("title")
                .write_inner_content(|w| narrative(w, fund.name))?;
            w.create_element("description").write_inner_content(|w| {
                narrative(
                    w,
                    &format!(
                        "The transactions of {} as snapback's double-entry books record them.",
                        fund.name
                    ),
                )
            })?;
            // Funding (role 1): who paid in; accountable (2): the fund; implementing (4): who
            // received. Each once, in order of first appearance.
            let mut seen: Vec<(&str, &str)> = Vec::new();
            for r in rows {
                let (org, role) = match r.transaction_type {
                    11 | 1 => (r.provider_org.as_str(), "1"),
                    // A borrower repaying is the implementing organisation it borrowed as.
                    5 | 6 => (r.provider_org.as_str(), "4"),
                    _ => (r.receiver_org.as_str(), "4"),
                };
                if !seen.contains(&(org, role)) {
                    seen.push((org, role));
                }
            }
            w.create_element("participating-org")
                .with_attribute(("ref", publisher.reporting_org))
                .with_attribute(("role", "2"))
                .write_inner_content(|w| narrative(w, fund.name))?;
            for (org, role) in seen {
                let name = (publisher.name_of)(org).unwrap_or_else(|| org.to_owned());
                w.create_element("participating-org")
                    .with_attribute(("role", role))
                    .write_inner_content(|w| narrative(w, &name))?;
            }
            // 2: implementation.
            w.create_element("activity-status")
                .with_attribute(("code", "2"))
                .write_empty()?;
            if let Some(started) = publisher.started {
                w.create_element("activity-date")
                    .with_attribute(("type", "2"))
                    .with_attribute(("iso-date", iso_date(started).as_str()))
                    .write_empty()?;
            }
            // The committed (status 2) original (type 1) budget of each year the programmes
            // plan payments in, then each planned payment as a planned disbursement.
            for (year, total) in budgets(fund.planned) {
                let (start, end) = (format!("{year:04}-01-01"), format!("{year:04}-12-31"));
                let value = fund.fix(total).to_string();
                w.create_element("budget")
                    .with_attribute(("type", "1"))
                    .with_attribute(("status", "2"))
                    .write_inner_content(|w| {
                        w.create_element("period-start")
                            .with_attribute(("iso-date", start.as_str()))
                            .write_empty()?;
                        w.create_element("period-end")
                            .with_attribute(("iso-date", end.as_str()))
                            .write_empty()?;
                        w.create_element("value")
                            .with_attribute(("value-date", start.as_str()))
                            .write_text_content(BytesText::new(&value))?;
                        Ok::<(), std::io::Error>(())
                    })?;
            }
            for p in fund.planned {
                let due = iso_date(p.due);
                let value = fund.fix(p.amount).to_string();
                let receiver =
                    (publisher.name_of)(&p.receiver).unwrap_or_else(|| p.receiver.clone());
                w.create_element("planned-disbursement")
                    .with_attribute(("type", "1"))
                    .write_inner_content(|w| {
                        w.create_element("period-start")
                            .with_attribute(("iso-date", due.as_str()))
                            .write_empty()?;
                        w.create_element("value")
                            .with_attribute(("value-date", due.as_str()))
                            .write_text_content(BytesText::new(&value))?;
                        w.create_element("receiver-org")
                            .write_inner_content(|w| narrative(w, &receiver))?;
                        Ok::<(), std::io::Error>(())
                    })?;
            }
            for r in rows {
                transaction_xml(w, r, publisher.name_of)?;
            }
            Ok::<(), std::io::Error>(())
        })?;
        Ok::<(), std::io::Error>(())
    })?;
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}

fn narrative(w: &mut quick_xml::Writer<Vec<u8>>, text: &str) -> std::io::Result<()> {
    w.create_element("narrative")
        .write_text_content(quick_xml::events::BytesText::new(text))?;
    Ok(())
}

fn transaction_xml(
    w: &mut quick_xml::Writer<Vec<u8>>,
    r: &IatiRow,
    name_of: &dyn Fn(&str) -> Option<String>,
) -> std::io::Result<()> {
    let named = |org: &str| name_of(org).unwrap_or_else(|| org.to_owned());
    let code = r.transaction_type.to_string();
    w.create_element("transaction")
        .with_attribute(("ref", r.transaction_ref.as_str()))
        .write_inner_content(|w| {
            w.create_element("transaction-type")
                .with_attribute(("code", code.as_str()))
                .write_empty()?;
            w.create_element("transaction-date")
                .with_attribute(("iso-date", r.transaction_date.as_str()))
                .write_empty()?;
            let value = r.value.to_string();
            let mut v = w
                .create_element("value")
                .with_attribute(("value-date", r.value_date.as_str()));
            if !r.currency.is_empty() {
                v = v.with_attribute(("currency", r.currency.as_str()));
            }
            v.write_text_content(quick_xml::events::BytesText::new(&value))?;
            if !r.description.is_empty() {
                w.create_element("description")
                    .write_inner_content(|w| narrative(w, &r.description))?;
            }
            w.create_element("provider-org")
                .write_inner_content(|w| narrative(w, &named(&r.provider_org)))?;
            w.create_element("receiver-org")
                .write_inner_content(|w| narrative(w, &named(&r.receiver_org)))?;
            if let Some(purpose) = &r.purpose {
                // 99: the reporting organisation's own vocabulary.
                w.create_element("sector")
                    .with_attribute(("vocabulary", "99"))
                    .with_attribute(("code", purpose.as_str()))
                    .write_empty()?;
            }
            w.create_element("finance-type")
                .with_attribute(("code", r.finance_type))
                .write_empty()?;
            Ok::<(), std::io::Error>(())
        })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    fn row(kind: u8, provider: &str, receiver: &str, value: &str) -> IatiRow {
        IatiRow {
            transaction_ref: format!("T-{kind}"),
            transaction_type: kind,
            transaction_date: "2026-02-03".to_owned(),
            value: value.parse().unwrap(),
            currency: "EUR".to_owned(),
            value_date: "2026-02-03".to_owned(),
            provider_org: provider.to_owned(),
            receiver_org: receiver.to_owned(),
            purpose: (kind == 3).then(|| "reconstruction".to_owned()),
            description: "paid <in> & kept".to_owned(),
            source_event: "fund.paid_in",
            finance_type: FINANCE_TYPE_GRANT,
        }
    }

    fn export(rows: &[IatiRow]) -> String {
        let planned = [
            PlannedPayment {
                due: "2026-06-30T00:00:00Z".parse().unwrap(),
                amount: Decimal::new(400_000, 2),
                receiver: "UA".to_owned(),
            },
            PlannedPayment {
                due: "2026-12-31T00:00:00Z".parse().unwrap(),
                amount: Decimal::new(100_050, 2),
                receiver: "UA".to_owned(),
            },
            PlannedPayment {
                due: "2027-01-15T00:00:00Z".parse().unwrap(),
                amount: Decimal::new(200_000, 2),
                receiver: "UA".to_owned(),
            },
        ];
        let fund = FundOf {
            name: "Fund & Co",
            planned: &planned,
            currency_code: "EUR",
            currency: None,
        };
        let names = |id: &str| (id == "DE").then(|| "Germany".to_owned());
        let publisher = Publisher {
            reporting_org: "XI-IATI-EXAMPLE",
            as_of: Some("2026-06-15T00:00:00Z".parse().unwrap()),
            started: Some("2026-01-01T00:00:00Z".parse().unwrap()),
            name_of: &names,
        };
        String::from_utf8(to_xml(rows, fund, publisher).unwrap()).unwrap()
    }

    #[test]
    fn the_activity_file_names_its_parties_escapes_text_and_keeps_the_schema_order() {
        let rows = [
            row(1, "DE", "Fund & Co", "1700000000.00"),
            row(3, "Fund & Co", "UA", "-5.50"),
        ];
        let xml = export(&rows);
        assert_eq!(xml, export(&rows), "the same input gives the same bytes");
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<iati-activities version=\"2.03\" generated-datetime=\"2026-06-15T00:00:00Z\">"));
        assert!(xml.contains("<iati-identifier>XI-IATI-EXAMPLE-fund-co</iati-identifier>"));
        assert!(xml.contains("<narrative>Fund &amp; Co</narrative>"));
        assert!(xml.contains("<narrative>paid &lt;in&gt; &amp; kept</narrative>"));
        // Funding (1) by its charter name; implementing (4) by its id when the charter has no name.
        assert!(
            xml.contains("<participating-org role=\"1\">\n      <narrative>Germany</narrative>")
        );
        assert!(xml.contains("<participating-org role=\"4\">\n      <narrative>UA</narrative>"));
        assert!(xml.contains("<value value-date=\"2026-02-03\" currency=\"EUR\">-5.50</value>"));
        assert!(xml.contains("<sector vocabulary=\"99\" code=\"reconstruction\"/>"));
        let order = [
            "<iati-identifier>",
            "<reporting-org ",
            "<title>",
            "<description>",
            "<participating-org ",
            "<activity-status ",
            "<activity-date ",
            "<budget ",
            "<planned-disbursement ",
            "<transaction ",
        ];
        let places: Vec<usize> = order.iter().map(|t| xml.find(t).expect(t)).collect();
        assert!(places.windows(2).all(|w| w[0] < w[1]), "{places:?}");
    }

    #[test]
    fn the_planned_tranches_are_annual_budgets_and_planned_disbursements() {
        let xml = export(&[row(1, "DE", "Fund & Co", "1.00")]);
        // 2026: 4,000.00 + 1,000.50; 2027: 2,000.00; committed (2) original (1) budgets.
        assert!(xml.contains(
            "<budget type=\"1\" status=\"2\">\n      <period-start iso-date=\"2026-01-01\"/>\n      <period-end iso-date=\"2026-12-31\"/>\n      <value value-date=\"2026-01-01\">5000.50</value>"
        ), "{xml}");
        assert!(
            xml.contains("<period-start iso-date=\"2027-01-01\"/>"),
            "{xml}"
        );
        assert_eq!(xml.matches("<budget ").count(), 2, "{xml}");
        assert_eq!(
            xml.matches("<planned-disbursement type=\"1\">").count(),
            3,
            "{xml}"
        );
        assert!(
            xml.contains("<value value-date=\"2027-01-15\">2000.00</value>"),
            "{xml}"
        );
    }

    #[test]
    fn organisation_identifiers_are_prefix_hyphen_number() {
        for ok in ["XM-DAC-41114", "GB-COH-01234567", "XI-IATI-EXAMPLE"] {
            assert!(check_org_identifier(ok).is_ok(), "{ok}");
        }
        for bad in ["", "nohyphen", "-XM", "XM DAC", "XM-<b>"] {
            assert!(check_org_identifier(bad).is_err(), "{bad}");
        }
    }
}
