//! The sweep as Parquet, for analysts' tools (pandas, Polars, R's arrow, DuckDB): `runs.parquet`
//! (the columns of `runs.csv`, typed, plus each run's `times_to_activation_h` and `gain_by_day`
//! as lists) and `summary.parquet` (one row per variant and metric, the figures of
//! `summary.json`). Written with the `parquet` crate's Arrow writer, uncompressed, one row group:
//! the same result gives the same bytes.

use std::sync::Arc;

use arrow_array::builder::{Float64Builder, ListBuilder};
use arrow_array::{
    Array, ArrayRef, BooleanArray, Float64Array, RecordBatch, StringArray, UInt64Array,
};
use arrow_schema::{ArrowError, DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use parquet::errors::ParquetError;
use thiserror::Error;

use crate::output::{parameter_names, parameter_value};
use crate::record::{RunRecord, SweepResult};
use crate::stats::mean_time_to_activation_h;
use crate::stats::{MetricSummary, Summary};

#[derive(Debug, Error)]
pub enum ParquetOutputError {
    #[error("building the table: {0}")]
    Arrow(#[from] ArrowError),
    #[error("writing Parquet: {0}")]
    Parquet(#[from] ParquetError),
}

/// A column of `runs.parquet`: its name and how a run gives its value.
type Column<T> = (&'static str, fn(&RunRecord) -> T);
/// How a run gives a list column's values.
type ListOf = fn(&RunRecord) -> &[f64];

/// `runs.parquet`: one row per run, in variant order then run order.
pub fn runs_parquet(result: &SweepResult) -> Result<Vec<u8>, ParquetOutputError> {
    let rows: Vec<(&str, &crate::record::VariantInfo, &RunRecord)> = result
        .variants
        .iter()
        .zip(&result.runs)
        .flat_map(|(v, runs)| runs.iter().map(move |r| (v.name.as_str(), v, r)))
        .collect();
    let mut fields = vec![
        Field::new("variant", DataType::Utf8, false),
        Field::new("run", DataType::UInt64, false),
        Field::new("seed", DataType::UInt64, false),
    ];
    let mut columns: Vec<ArrayRef> = vec![
        Arc::new(StringArray::from_iter_values(
            rows.iter().map(|(n, _, _)| *n),
        )),
        Arc::new(UInt64Array::from_iter_values(
            rows.iter().map(|(_, _, r)| r.run),
        )),
        Arc::new(UInt64Array::from_iter_values(
            rows.iter().map(|(_, _, r)| r.seed),
        )),
    ];
    for name in parameter_names(result) {
        fields.push(Field::new(name, DataType::Utf8, false));
        columns.push(Arc::new(StringArray::from_iter_values(
            rows.iter().map(|(_, v, _)| parameter_value(v, name)),
        )));
    }
    let counts: [Column<u64>; 9] = [
        ("violations", |r| r.violations),
        ("claims", |r| r.claims),
        ("genuine_claims", |r| r.genuine_claims),
        ("fabricated_claims", |r| r.fabricated_claims),
        ("activations", |r| r.activations),
        ("escalations", |r| r.escalations),
        ("dismissals", |r| r.dismissals),
        ("false_activations", |r| r.false_activations),
        ("obligations", |r| r.obligations),
    ];
    for (name, get) in counts {
        fields.push(Field::new(name, DataType::UInt64, false));
        columns.push(Arc::new(UInt64Array::from_iter_values(
            rows.iter().map(|(_, _, r)| get(r)),
        )));
    }
    fields.push(Field::new("responded", DataType::Boolean, false));
    columns.push(Arc::new(BooleanArray::from(
        rows.iter().map(|(_, _, r)| r.responded).collect::<Vec<_>>(),
    )));
    let optional: [Column<Option<f64>>; 3] = [
        ("first_response_h", |r| r.first_response_h),
        ("mean_time_to_activation_h", mean_time_to_activation_h),
        ("gain_before_response", |r| Some(r.gain_before_response)),
    ];
    for (name, get) in optional {
        fields.push(Field::new(name, DataType::Float64, true));
        columns.push(Arc::new(Float64Array::from(
            rows.iter().map(|(_, _, r)| get(r)).collect::<Vec<_>>(),
        )));
    }
    let lists: [(&str, ListOf); 2] = [
        ("times_to_activation_h", |r| &r.times_to_activation_h),
        ("gain_by_day", |r| &r.gain_by_day),
    ];
    for (name, get) in lists {
        let mut list = ListBuilder::new(Float64Builder::new());
        for (_, _, r) in &rows {
            list.values().append_slice(get(r));
            list.append(true);
        }
        let array = list.finish();
        fields.push(Field::new(name, array.data_type().clone(), false));
        columns.push(Arc::new(array));
    }
    write(fields, columns)
}

/// `summary.parquet`: one row per variant and metric: `kind` is `proportion` (with `successes`)
/// or `mean` (with `median` and `sd`); `estimate` is the proportion or the mean, `lo` and `hi`
/// its 95% interval; a figure the runs do not give is null.
pub fn summary_parquet(summary: &Summary) -> Result<Vec<u8>, ParquetOutputError> {
    let mut variant = Vec::new();
    let mut metric = Vec::new();
    let mut kind = Vec::new();
    let mut n = Vec::new();
    let mut successes = Vec::new();
    let mut estimate = Vec::new();
    let mut median = Vec::new();
    let mut sd = Vec::new();
    let mut lo = Vec::new();
    let mut hi = Vec::new();
    for v in &summary.variants {
        for (name, m) in &v.metrics {
            variant.push(v.name.clone());
            metric.push(name.clone());
            match m {
                MetricSummary::Proportion(p) => {
                    kind.push("proportion");
                    n.push(p.n);
                    successes.push(Some(p.successes));
                    estimate.push(p.p);
                    median.push(None);
                    sd.push(None);
                    lo.push(p.lo);
                    hi.push(p.hi);
                }
                MetricSummary::Mean(s) => {
                    kind.push("mean");
                    n.push(s.n);
                    successes.push(None);
                    estimate.push(s.mean);
                    median.push(s.median);
                    sd.push(s.sd);
                    lo.push(s.lo);
                    hi.push(s.hi);
                }
            }
        }
    }
    let float = |name: &str| Field::new(name, DataType::Float64, true);
    let fields = vec![
        Field::new("variant", DataType::Utf8, false),
        Field::new("metric", DataType::Utf8, false),
        Field::new("kind", DataType::Utf8, false),
        Field::new("n", DataType::UInt64, false),
        Field::new("successes", DataType::UInt64, true),
        float("estimate"),
        float("median"),
        float("sd"),
        float("lo"),
        float("hi"),
    ];
    let columns: Vec<ArrayRef> = vec![
        Arc::new(StringArray::from(variant)),
        Arc::new(StringArray::from(metric)),
        Arc::new(StringArray::from(kind)),
        Arc::new(UInt64Array::from(n)),
        Arc::new(UInt64Array::from(successes)),
        Arc::new(Float64Array::from(estimate)),
        Arc::new(Float64Array::from(median)),
        Arc::new(Float64Array::from(sd)),
        Arc::new(Float64Array::from(lo)),
        Arc::new(Float64Array::from(hi)),
    ];
    write(fields, columns)
}

/// One record batch as a Parquet file in memory.
fn write(fields: Vec<Field>, columns: Vec<ArrayRef>) -> Result<Vec<u8>, ParquetOutputError> {
    let schema = Arc::new(Schema::new(fields));
    let batch = RecordBatch::try_new(Arc::clone(&schema), columns)?;
    let mut bytes = Vec::new();
    let mut writer = ArrowWriter::try_new(&mut bytes, schema, None)?;
    writer.write(&batch)?;
    writer.close()?;
    Ok(bytes)
}
