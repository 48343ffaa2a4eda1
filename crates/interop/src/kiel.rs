//! The Kiel Institute's Ukraine Support Tracker monthly panel (Release 27) as the bilateral aid
//! record: `read_panel` checks the rows (one flow per donor, month, aid type and stage with aid,
//! in EUR millions, exact decimals only), `prepare` turns the flows into `aid.valued` events
//! under a charter's parties, recorded by its secretariat.
//!
//! The flows are donor-to-Ukraine aid, not money of the fund: they never enter the fund's books.
//! Military aid is shown in the capability report (in kind, by value), financial and
//! humanitarian aid in the fund report beside the fund. The panel's `measure` column, when it
//! has one, keeps commitments, allocations and deliveries apart; the Release 27 panel in
//! `../shared/data` holds allocations only (its SOURCES.md), so without the column every flow is
//! an allocation.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;

use jiff::Timestamp;
use jiff::tz::Offset;
use rust_decimal::{Decimal, RoundingStrategy};
use snapback_charter::{Charter, Currency, Diagnostics, FieldPath, FlowId, PartyId, Role, Source};
use snapback_engine::event::{AidStage, AidType, CapabilityEvent, LABEL_LEN_MAX, ValuedAid};
use snapback_engine::{Event, EventKind};

use crate::csv_file::{CsvFile, ERRORS_MAX, Problems};
use crate::slug;

/// The Kiel release the import names in ids and references.
pub const KIEL_RELEASE: &str = "r27";
pub const REQUIRED_COLUMNS: [&str; 4] = ["donor", "year_month", "aid_type_general", "aid_eur_m"];

/// One flow: a row with aid.
#[derive(Debug)]
pub struct Flow {
    pub line: u64,
    /// Where the donor is written, for errors found once the charter is known.
    pub donor_span: Range<usize>,
    pub donor: String,
    pub month: (i16, i8),
    pub kind: AidType,
    /// The panel's `measure` (commitment, allocation or delivery); allocation without one.
    pub stage: AidStage,
    pub specific: String,
    /// EUR, with two decimals.
    pub amount: Decimal,
}

/// The panel, read and checked.
#[derive(Debug, Default)]
pub struct Panel {
    pub rows: usize,
    pub skipped_zero: usize,
    pub skipped_negative: usize,
    pub flows: Vec<Flow>,
}

/// An exact decimal from CSV text: plain (`12.5`) or scientific (`1.25e-3`), never a float.
fn exact_decimal(text: &str) -> Option<Decimal> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    if t.contains(['e', 'E']) {
        Decimal::from_scientific(t).ok()
    } else {
        Decimal::from_str_exact(t).ok()
    }
}

/// `YYYY-MM` → (year, month).
fn parse_month(text: &str) -> Option<(i16, i8)> {
    let (y, m) = text.trim().split_once('-')?;
    if y.len() != 4 || m.len() != 2 || !y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: i16 = y.parse().ok()?;
    let month: i8 = m.parse().ok()?;
    ((1..=12).contains(&month) && year >= 1900).then_some((year, month))
}

/// The Kiel tracker's `measure` as a stage of aid.
fn stage_of_measure(measure: &str) -> Option<AidStage> {
    match measure.trim().to_ascii_lowercase().as_str() {
        "commitment" => Some(AidStage::Committed),
        "allocation" => Some(AidStage::Allocated),
        "delivery" => Some(AidStage::Delivered),
        _ => None,
    }
}

/// The first instant of a month, UTC.
fn month_start((year, month): (i16, i8)) -> Option<Timestamp> {
    let day = jiff::civil::Date::new(year, month, 1).ok()?;
    Offset::UTC
        .to_timestamp(day.to_datetime(jiff::civil::Time::midnight()))
        .ok()
}

/// Reads and checks the panel (`source` is the file's text and name); every problem located.
pub fn read_panel(source: &Source) -> Result<Panel, Diagnostics> {
    let mut csv = CsvFile::open(
        source,
        &REQUIRED_COLUMNS,
        &format!(
            "the file must be the Kiel Ukraine Support Tracker monthly panel, whose first row \
             names its columns, including {}",
            REQUIRED_COLUMNS.join(", ")
        ),
    )?;
    // `open` refused a header without these columns.
    let [c_donor, c_month, c_kind, c_amount] = REQUIRED_COLUMNS.map(|c| csv.column(c).unwrap_or(0));
    let c_specific = csv.column("aid_type_specific");
    let c_measure = csv.column("measure");
    let mut panel = Panel::default();
    let mut errors = Problems::default();
    for row in csv.rows(&mut errors) {
        panel.rows += 1;
        let field = |i: usize| row.field(i);
        let located =
            |i: usize, name: &str, message: String, help: &str| row.error(i, name, message, help);
        let donor = field(c_donor);
        if donor.is_empty() {
            errors.push(located(
                c_donor,
                "donor",
                "the donor is empty".to_owned(),
                "name the donor country, e.g. Germany",
            ));
            continue;
        }
        let month = match parse_month(field(c_month)) {
            Some(m) => m,
            None => {
                errors.push(located(
                    c_month,
                    "year_month",
                    format!("`{}` is not a month", field(c_month)),
                    "write the month as YYYY-MM with a month from 01 to 12, e.g. 2022-02",
                ));
                continue;
            }
        };
        let Some(kind) = AidType::from_name(field(c_kind)) else {
            errors.push(located(
                c_kind,
                "aid_type_general",
                format!("`{}` is not an aid type", field(c_kind)),
                "write one of the panel's general aid types: Military, Financial or Humanitarian",
            ));
            continue;
        };
        let stage = match c_measure.map(field) {
            None => AidStage::Allocated,
            Some(measure) => match stage_of_measure(measure) {
                Some(stage) => stage,
                None => {
                    let c = c_measure.unwrap_or(0);
                    errors.push(located(
                        c,
                        "measure",
                        format!("`{measure}` is not one of the tracker's measures"),
                        "write Commitment, Allocation or Delivery",
                    ));
                    continue;
                }
            },
        };
        let Some(millions) = exact_decimal(field(c_amount)) else {
            errors.push(located(
                c_amount,
                "aid_eur_m",
                format!("`{}` is not a number", field(c_amount)),
                "write EUR millions as a decimal number with a point and no thousands \
                     separators, e.g. 12.5 (0 for no aid)",
            ));
            continue;
        };
        if millions.is_sign_negative() && !millions.is_zero() {
            panel.skipped_negative += 1;
            continue;
        }
        let amount = millions
            .checked_mul(Decimal::from(1_000_000))
            .map(|a| a.round_dp_with_strategy(2, RoundingStrategy::MidpointNearestEven));
        let Some(amount) = amount.filter(|a| *a <= snapback_charter::AMOUNT_MAX) else {
            errors.push(located(
                c_amount,
                "aid_eur_m",
                format!("EUR {millions} million is more than one flow may carry (10^15 EUR)"),
                "check the figure: aid_eur_m is in millions of euros",
            ));
            continue;
        };
        if amount.is_zero() {
            panel.skipped_zero += 1;
            continue;
        }
        let mut amount = amount;
        amount.rescale(2);
        panel.flows.push(Flow {
            line: row.line,
            donor_span: row.span(c_donor),
            donor: donor.to_owned(),
            month,
            kind,
            stage,
            specific: c_specific.map(field).unwrap_or("").to_owned(),
            amount,
        });
    }
    errors.finish()?;
    Ok(panel)
}

/// The flows as events, ready for a charter, with what a summary reports.
#[derive(Debug)]
pub struct Prepared {
    pub events: Vec<Event>,
    pub donors: BTreeSet<String>,
    pub total: Decimal,
    /// EUR by aid type and stage.
    pub by_kind: BTreeMap<(AidType, AidStage), Decimal>,
}

/// Why the flows cannot be recorded under a charter.
#[derive(Debug, thiserror::Error)]
pub enum KielError {
    #[error(
        "the charter `{charter}` names no secretariat to record bilateral aid; add a party with \
         roles = [\"secretariat\"] (see docs/charter.md)"
    )]
    NoSecretariat { charter: String },
    #[error("{0}")]
    Currency(String),
    /// Rows whose ids cannot be made or that repeat one, located in the file.
    #[error("{0}")]
    Rows(Diagnostics),
}

/// The flow's id: `kiel-r27-<donor>-YYYY-MM-<aid type>`, with `-committed` or `-delivered`
/// after it for those stages (allocations, the panel's one stage, keep the short form).
fn flow_text(donor_id: &str, f: &Flow) -> String {
    let kind = f.kind.name();
    let stage = match f.stage {
        AidStage::Allocated => String::new(),
        other => format!("-{}", other.name()),
    };
    let (year, month) = f.month;
    // `kiel-r27-` and `-YYYY-MM-` take 18.
    let room = 64usize.saturating_sub(18 + kind.len() + stage.len());
    let donor_part: String = donor_id.chars().take(room).collect();
    format!("kiel-{KIEL_RELEASE}-{donor_part}-{year:04}-{month:02}-{kind}{stage}")
}

/// The flow's reference: the release and the aid type, cut with `…` to a label's limit.
fn reference(f: &Flow) -> String {
    let mut reference = format!("Kiel UST R27 {}", f.kind.name());
    if !f.specific.is_empty() {
        reference.push_str(": ");
        reference.push_str(&f.specific);
    }
    if reference.len() > LABEL_LEN_MAX {
        let mut cut = LABEL_LEN_MAX - '…'.len_utf8();
        while !reference.is_char_boundary(cut) {
            cut -= 1;
        }
        reference.truncate(cut);
        reference.push('…');
    }
    reference
}

/// The ids of `flows` under `charter`'s parties, as `aid.valued` events recorded by the
/// charter's secretariat at `at`, each dated by its month.
pub fn prepare(
    source: &Source,
    flows: &[Flow],
    charter: &Charter,
    at: Timestamp,
) -> Result<Prepared, KielError> {
    let Some(secretariat) = charter
        .parties
        .iter()
        .find(|p| p.has_role(Role::Secretariat))
        .map(|p| p.id.clone())
    else {
        return Err(KielError::NoSecretariat {
            charter: charter.id.to_string(),
        });
    };
    let eur = Currency::parse("EUR").map_err(|e| KielError::Currency(e.to_string()))?;
    let names: HashMap<String, &PartyId> = charter
        .parties
        .iter()
        .map(|p| (p.name.trim().to_lowercase(), &p.id))
        .collect();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut errors = Vec::new();
    let mut prepared = Prepared {
        events: Vec::with_capacity(flows.len()),
        donors: BTreeSet::new(),
        total: Decimal::ZERO,
        by_kind: BTreeMap::new(),
    };
    for f in flows {
        let fail = |message: String, help: &str| {
            source.error_at(
                Some(f.donor_span.clone()),
                Some(FieldPath::of(&["donor"])),
                message,
                Some(help.to_owned()),
            )
        };
        let donor_id = match names.get(&f.donor.to_lowercase()) {
            Some(id) => (*id).to_string(),
            None => slug(&f.donor).chars().take(64).collect(),
        };
        let donor = match PartyId::new(&donor_id) {
            Ok(id) => id,
            Err(e) => {
                errors.push(fail(
                    format!("no id can be made from the donor `{}` ({e})", f.donor),
                    "add a party with this name to the charter, or name the donor with letters \
                     and digits",
                ));
                continue;
            }
        };
        let (year, month) = f.month;
        let flow_text = flow_text(&donor_id, f);
        let flow = match FlowId::new(&flow_text) {
            Ok(t) => t,
            Err(e) => {
                errors.push(fail(
                    format!("the flow id `{flow_text}` is not valid ({e})"),
                    "shorten the donor's name or add a party with this name to the charter",
                ));
                continue;
            }
        };
        if let Some(first) = seen.insert(flow_text.clone(), f.line) {
            errors.push(fail(
                format!(
                    "a second row for {} in {year:04}-{month:02}, {} {} (the first is on line {first})",
                    f.donor,
                    f.kind.name(),
                    f.stage.name()
                ),
                "the panel has one row per donor, month, aid type and measure: merge or remove \
                 the duplicate",
            ));
            continue;
        }
        let Some(occurred_at) = month_start(f.month) else {
            errors.push(fail(
                format!("{year:04}-{month:02} is not a month"),
                "write YYYY-MM",
            ));
            continue;
        };
        let reference = reference(f);
        prepared.donors.insert(donor_id);
        prepared.total += f.amount;
        *prepared.by_kind.entry((f.kind, f.stage)).or_default() += f.amount;
        prepared.events.push(Event {
            at,
            party: secretariat.clone(),
            kind: EventKind::Capability(CapabilityEvent::AidValued(ValuedAid {
                flow,
                donor: Some(donor),
                aid_type: f.kind,
                stage: f.stage,
                amount: f.amount,
                currency: eur,
                reference: Some(reference),
                occurred_at: Some(occurred_at),
            })),
        });
        if errors.len() >= ERRORS_MAX {
            break;
        }
    }
    if errors.is_empty() {
        Ok(prepared)
    } else {
        Err(KielError::Rows(Diagnostics { errors }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csv_file::field_span;

    #[test]
    fn months_slugs_and_spans() {
        assert_eq!(parse_month("2022-02"), Some((2022, 2)));
        assert_eq!(parse_month("2022-13"), None);
        assert_eq!(parse_month("2022-2"), None);
        assert_eq!(parse_month("Feb 2022"), None);
        assert_eq!(slug("South Korea"), "south-korea");
        assert_eq!(slug("Türkiye"), "trkiye");
        assert_eq!(slug("  New  Zealand "), "new-zealand");
        let text = "a,b,c\n1,\"x,y\",3\n";
        assert_eq!(&text[field_span(text, 6, 0)], "1");
        assert_eq!(&text[field_span(text, 6, 1)], "\"x,y\"");
        assert_eq!(&text[field_span(text, 6, 2)], "3");
        assert_eq!(
            exact_decimal("2.6450594697537446"),
            Some(Decimal::new(26450594697537446, 16))
        );
        assert_eq!(exact_decimal("1.5e-3"), Some(Decimal::new(15, 4)));
        assert_eq!(exact_decimal("1,5"), None);
        assert_eq!(stage_of_measure("Allocation"), Some(AidStage::Allocated));
        assert_eq!(stage_of_measure(" commitment "), Some(AidStage::Committed));
        assert_eq!(stage_of_measure("Delivery"), Some(AidStage::Delivered));
        assert_eq!(stage_of_measure("Pledge"), None);
    }
}
