//! The fund as IATI publishers publish it: `snapback fund export --format iati-xml` of the
//! reference scenario validates against the IATI activity standard's official schema (2.03, in
//! `../shared/specs/iati/`) with `xmllint`, the check the IATI Validator starts from. Runs when
//! `xmllint` is installed (`.ci/run` installs Debian's libxml2-utils); in CI its absence is a
//! failure, elsewhere the test is reported as ignored.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{fresh_dir, snapback, stderr};

/// `xmllint`, if it runs, and the schema, if it is where the repository's tests expect it.
pub fn tools() -> Result<(String, PathBuf), String> {
    let probe = Command::new("xmllint")
        .arg("--version")
        .output()
        .map_err(|e| format!("xmllint cannot run ({e}): apt-get install libxml2-utils"))?;
    if !probe.status.success() {
        return Err("xmllint --version failed: apt-get install libxml2-utils".to_owned());
    }
    let schema = crate::support::root().join("../shared/specs/iati/iati-activities-schema.xsd");
    if !schema.is_file() {
        return Err(format!("no IATI schema at {}", schema.display()));
    }
    Ok(("xmllint".to_owned(), schema))
}

pub fn the_fund_export_validates_against_the_iati_schema((xmllint, schema): (String, PathBuf)) {
    let xml = export_and_validate(&xmllint, &schema, "scenarios/demo.toml", "fund.xml");
    assert!(xml.matches("<transaction ").count() > 10, "{xml}");
    // Every movement of the reference scenario is grant-like.
    assert!(!xml.contains(r#"<finance-type code="410""#), "{xml}");

    // A fund that lends: loans disbursed (3) and repaid (6 principal, 5 interest), each with
    // the finance type of an aid loan (410), and the borrower as implementing organisation.
    let xml = export_and_validate(
        &xmllint,
        &schema,
        "scenarios/49-fund-loans.toml",
        "loans.xml",
    );
    assert_eq!(
        xml.matches(r#"<finance-type code="410""#).count(),
        6,
        "{xml}"
    );
    // A fund without programmes plans no payment: no budget, no planned disbursement.
    assert!(
        !xml.contains("<budget") && !xml.contains("<planned-disbursement"),
        "{xml}"
    );
    assert_eq!(
        xml.matches(r#"<finance-type code="110""#).count(),
        1,
        "{xml}"
    );
    for (code, n) in [("3", 2), ("5", 2), ("6", 2)] {
        assert_eq!(
            xml.matches(&format!(r#"<transaction-type code="{code}""#))
                .count(),
            n,
            "type {code}: {xml}"
        );
    }

    // A programme's tranches, paid once their conditions were verified, are disbursements (3)
    // of grants (110); the money paid in is incoming funds (1).
    let xml = export_and_validate(
        &xmllint,
        &schema,
        "scenarios/51-fund-programme.toml",
        "programme.xml",
    );
    for (code, n) in [("1", 3), ("3", 3)] {
        assert_eq!(
            xml.matches(&format!(r#"<transaction-type code="{code}""#))
                .count(),
            n,
            "type {code}: {xml}"
        );
    }
    assert_eq!(
        xml.matches(r#"<finance-type code="110""#).count(),
        6,
        "{xml}"
    );
    // The five tranches the programme plans: committed budgets for 2026 (12,000.00) and 2027
    // (3,000.00), and a planned disbursement per tranche.
    assert_eq!(xml.matches("<budget ").count(), 2, "{xml}");
    assert!(
        xml.contains(r#"<value value-date="2026-01-01">12000.00</value>"#),
        "{xml}"
    );
    assert!(
        xml.contains(r#"<value value-date="2027-01-01">3000.00</value>"#),
        "{xml}"
    );
    assert_eq!(xml.matches("<planned-disbursement ").count(), 5, "{xml}");
}

/// Exports `scenario` as IATI XML into `name`, validates it with `xmllint --schema`, and
/// returns the text.
fn export_and_validate(xmllint: &str, schema: &Path, scenario: &str, name: &str) -> String {
    let dir = fresh_dir("iati-xml");
    std::fs::create_dir_all(&dir).expect("a directory");
    let file = dir.join(name);
    let out = snapback(&[
        "fund",
        "export",
        scenario,
        "--format",
        "iati-xml",
        "--reporting-org",
        "XI-IATI-EXAMPLE",
        "--out",
        file.to_str().expect("a UTF-8 path"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let xml = std::fs::read_to_string(&file).expect("the export");
    let check = Command::new(xmllint)
        .arg("--noout")
        .arg("--schema")
        .arg(schema)
        .arg(&file)
        .output()
        .expect("xmllint runs");
    assert!(
        check.status.success(),
        "{}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(String::from_utf8_lossy(&check.stderr).contains("validates"));
    xml
}
