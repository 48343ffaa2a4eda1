//! `runs.parquet` and `summary.parquet` read back with the Parquet crate's Arrow reader: the
//! columns of `runs.csv` (typed) plus the per-run lists, the same values, one row per variant and
//! metric in the summary, and the same bytes for the same sweep.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::atomic::AtomicU64;

use arrow_array::cast::AsArray;
use arrow_array::types::{Float64Type, UInt64Type};
use arrow_array::{Array, RecordBatch};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use snapback_charter::Source;
use snapback_sim::output::{CSV_METRIC_COLUMNS, Manifest, write_all};
use snapback_sim::{Sweep, parse_config};

fn read(path: &std::path::Path) -> RecordBatch {
    let file = std::fs::File::open(path).unwrap();
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap();
    let mut batches: Vec<RecordBatch> = reader.map(Result::unwrap).collect();
    // One row group, small enough to read as one batch.
    assert_eq!(batches.len(), 1, "one batch");
    batches.remove(0)
}

#[test]
fn the_parquet_files_hold_what_the_csv_and_the_summary_hold() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let text = std::fs::read_to_string(root.join("sims/salami.toml")).unwrap();
    let mut config = parse_config(&Source::new("salami.toml", text.clone())).unwrap();
    config.simulation.runs = 25;
    let base = std::fs::read_to_string(root.join("charters/ukraine.toml")).unwrap();
    let sweep = Sweep::new(config, &Source::new("ukraine.toml", base)).unwrap();
    let (result, _) = sweep.run(0, &AtomicU64::new(0)).unwrap();
    let manifest = Manifest::new(
        1,
        None,
        std::path::Path::new("salami.toml"),
        text.as_bytes(),
        &result,
    );
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("sim-parquet-{}", std::process::id()));
    let written = write_all(&dir, &result, &manifest).unwrap();

    let runs = read(&written.runs_parquet);
    assert_eq!(runs.num_rows(), 4 * 25);
    let names: Vec<String> = runs
        .schema()
        .fields()
        .iter()
        .map(|f| f.name().clone())
        .collect();
    let csv = std::fs::read_to_string(&written.runs_csv).unwrap();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let mut expected: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
    expected.extend(["times_to_activation_h".to_owned(), "gain_by_day".to_owned()]);
    assert_eq!(names, expected);
    assert!(
        CSV_METRIC_COLUMNS
            .iter()
            .all(|c| names.iter().any(|n| n == c))
    );
    // Row by row, the same violations as the CSV and the sweep's records.
    let violations = runs
        .column_by_name("violations")
        .unwrap()
        .as_primitive::<UInt64Type>();
    let records: Vec<_> = result.runs.iter().flatten().collect();
    for (i, r) in records.iter().enumerate() {
        assert_eq!(violations.value(i), r.violations);
    }
    let gain = runs.column_by_name("gain_by_day").unwrap().as_list::<i32>();
    for (i, r) in records.iter().enumerate() {
        let day = gain.value(i);
        let day = day.as_primitive::<Float64Type>();
        assert_eq!(day.len(), 365);
        assert_eq!(day.values().to_vec(), r.gain_by_day);
    }
    let first = runs
        .column_by_name("first_response_h")
        .unwrap()
        .as_primitive::<Float64Type>();
    for (i, r) in records.iter().enumerate() {
        assert_eq!(first.is_null(i), r.first_response_h.is_none());
    }

    let summary = read(&written.summary_parquet);
    let summary_json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&written.summary_json).unwrap()).unwrap();
    let metrics = summary_json["variants"][0]["metrics"]
        .as_object()
        .unwrap()
        .len();
    assert_eq!(summary.num_rows(), 4 * metrics);
    let estimate = summary
        .column_by_name("estimate")
        .unwrap()
        .as_primitive::<Float64Type>();
    let metric = summary.column_by_name("metric").unwrap().as_string::<i32>();
    let responded = (0..summary.num_rows())
        .find(|&i| metric.value(i) == "responded")
        .unwrap();
    assert_eq!(
        Some(estimate.value(responded)),
        summary_json["variants"][0]["metrics"]["responded"]["p"].as_f64()
    );

    // The same sweep writes the same bytes.
    let again = dir.join("again");
    let second = write_all(&again, &result, &manifest).unwrap();
    assert_eq!(
        std::fs::read(&written.runs_parquet).unwrap(),
        std::fs::read(&second.runs_parquet).unwrap()
    );
    assert_eq!(
        std::fs::read(&written.summary_parquet).unwrap(),
        std::fs::read(&second.summary_parquet).unwrap()
    );
}
