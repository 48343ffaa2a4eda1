//! The files a sweep writes: a tidy CSV of every run and the same as Parquet, the summary as JSON
//! and as Parquet, the manifest JSON (what produced the results, to reproduce them), and the SVG
//! charts.
//!
//! Every output is a deterministic function of its input (same input, same bytes): rows in
//! (variant, run) order, floats in the CSV with `{:.6}`, JSON from structs and `BTreeMap`s
//! (never a hash map), and the charts as [`crate::svg`] describes.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::number::fixed;
use crate::record::{RunRecord, SweepResult, VariantInfo};
use crate::stats::{Summary, mean_time_to_activation_h, summarize};
use crate::svg;

/// The metric columns of the CSV, after `variant,run,seed` and the parameter columns.
pub const CSV_METRIC_COLUMNS: [&str; 13] = [
    "violations",
    "claims",
    "genuine_claims",
    "fabricated_claims",
    "activations",
    "escalations",
    "dismissals",
    "false_activations",
    "obligations",
    "responded",
    "first_response_h",
    "mean_time_to_activation_h",
    "gain_before_response",
];

/// A CSV field, quoted (RFC 4180: in double quotes, inner quotes doubled) when it contains a
/// comma, a quote, a line break, or leading or trailing spaces.
fn csv_field(text: &str) -> String {
    let needs_quotes =
        text.contains([',', '"', '\n', '\r']) || text.starts_with(' ') || text.ends_with(' ');
    if needs_quotes {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// A float for the CSV: six decimals (never a negative zero, see [`fixed`]), empty when missing.
fn csv_float(value: Option<f64>) -> String {
    value.map_or_else(String::new, |v| fixed(v, 6))
}

/// The parameter names of the CSV's parameter columns: the first variant's, in its order (the
/// record guarantees every variant of a config has the same names in the same order).
pub(crate) fn parameter_names(result: &SweepResult) -> Vec<&str> {
    result
        .variants
        .first()
        .map(|v| v.parameters.iter().map(|(name, _)| name.as_str()).collect())
        .unwrap_or_default()
}

/// A variant's value of a parameter, by name (empty if it lacks it).
pub(crate) fn parameter_value<'a>(variant: &'a VariantInfo, name: &str) -> &'a str {
    variant
        .parameters
        .iter()
        .find(|(n, _)| n == name)
        .map_or("", |(_, value)| value.as_str())
}

fn csv_row(out: &mut impl Write, fields: &[String]) -> io::Result<()> {
    let line = fields
        .iter()
        .map(|f| csv_field(f))
        .collect::<Vec<_>>()
        .join(",");
    out.write_all(line.as_bytes())?;
    out.write_all(b"\n")
}

fn metric_fields(r: &RunRecord) -> Vec<String> {
    vec![
        r.violations.to_string(),
        r.claims.to_string(),
        r.genuine_claims.to_string(),
        r.fabricated_claims.to_string(),
        r.activations.to_string(),
        r.escalations.to_string(),
        r.dismissals.to_string(),
        r.false_activations.to_string(),
        r.obligations.to_string(),
        r.responded.to_string(),
        csv_float(r.first_response_h),
        csv_float(mean_time_to_activation_h(r)),
        csv_float(Some(r.gain_before_response)),
    ]
}

/// A tidy CSV of the sweep, one row per run, in variant order then run order: `variant,run,seed`,
/// one column per parameter (the names of the first variant's parameters, in order; each row
/// has its own variant's values), then the metrics of [`CSV_METRIC_COLUMNS`].
///
/// Booleans are `true`/`false`; a missing value (`first_response_h` when nothing responded,
/// `mean_time_to_activation_h` — the mean of the run's `times_to_activation_h` — when nothing
/// activated) is an empty field; floats are written `{:.6}`. Fields with commas, quotes or
/// line breaks are quoted RFC 4180 style. Lines end in `\n`.
pub fn write_csv(result: &SweepResult, out: &mut impl Write) -> io::Result<()> {
    let parameters = parameter_names(result);
    let header: Vec<String> = ["variant", "run", "seed"]
        .into_iter()
        .chain(parameters.iter().copied())
        .chain(CSV_METRIC_COLUMNS)
        .map(str::to_string)
        .collect();
    csv_row(out, &header)?;
    for (v, variant) in result.variants.iter().enumerate() {
        for r in result.runs.get(v).map_or(&[][..], Vec::as_slice) {
            let mut fields = vec![variant.name.clone(), r.run.to_string(), r.seed.to_string()];
            fields.extend(
                parameters
                    .iter()
                    .map(|p| parameter_value(variant, p).to_string()),
            );
            fields.extend(metric_fields(r));
            csv_row(out, &fields)?;
        }
    }
    out.flush()
}

/// Pretty JSON of a serialisable value. Serialising these types (structs, strings, numbers,
/// string-keyed `BTreeMap`s) cannot fail; if it ever did, the result is a JSON object naming
/// the error rather than a panic.
fn pretty_json(value: &impl Serialize) -> String {
    match serde_json::to_string_pretty(value) {
        Ok(mut json) => {
            json.push('\n');
            json
        }
        Err(e) => format!(
            "{}\n",
            serde_json::json!({ "serialization_error": e.to_string() })
        ),
    }
}

/// The summary as pretty JSON (keys of the metric maps sorted; a newline at the end). Missing
/// statistics (no runs with the metric) are `null`.
pub fn summary_json(summary: &Summary) -> String {
    pretty_json(summary)
}

/// The generator description written into every manifest.
pub const GENERATOR: &str = "ChaCha8 (rand_chacha 0.9): one key per purpose (adversary, filing, voting, will, decisions, blocs, regimes) from SHA-256 of the master seed, stream = run index";

/// What produced a sweep's results, to reproduce them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Manifest {
    pub master_seed: u64,
    /// This crate's version (`CARGO_PKG_VERSION`).
    pub snapback_version: String,
    /// The source commit, when known (e.g. from `git rev-parse HEAD`); `null` otherwise.
    pub commit: Option<String>,
    /// SHA-256 of the config file's bytes, lowercase hex.
    pub config_sha256: String,
    /// The config file as given.
    pub config_file: String,
    pub variants: Vec<VariantInfo>,
    pub runs_per_variant: u64,
    pub horizon_days: u32,
    /// Always true: each run draws from its own stream, so results do not depend on threads.
    pub threads_do_not_matter: bool,
    /// Always [`GENERATOR`].
    pub generator: String,
}

impl Manifest {
    /// The manifest of `result`, run from the config file `config_file` whose bytes are
    /// `config_bytes`, with `master_seed` and the source `commit` if known. `runs_per_variant`
    /// is the first variant's run count (the runner gives every variant the same count).
    pub fn new(
        master_seed: u64,
        commit: Option<String>,
        config_file: &Path,
        config_bytes: &[u8],
        result: &SweepResult,
    ) -> Manifest {
        Manifest {
            master_seed,
            snapback_version: env!("CARGO_PKG_VERSION").to_string(),
            commit,
            config_sha256: config_sha256(config_bytes),
            config_file: config_file.display().to_string(),
            variants: result.variants.clone(),
            runs_per_variant: result.runs.first().map_or(0, |r| r.len() as u64),
            horizon_days: result.horizon_days,
            threads_do_not_matter: true,
            generator: GENERATOR.to_string(),
        }
    }

    /// The manifest as pretty JSON, fields in declaration order, a newline at the end.
    pub fn manifest_json(&self) -> String {
        pretty_json(self)
    }
}

/// SHA-256 of `bytes` as 64 lowercase hex digits.
pub fn config_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The names of the files [`write_all`] writes.
pub const RUNS_CSV: &str = "runs.csv";
pub const SUMMARY_JSON: &str = "summary.json";
pub const MANIFEST_JSON: &str = "manifest.json";
pub const RESPONSE_PROBABILITY_SVG: &str = "response_probability.svg";
pub const TIME_TO_ACTIVATION_SVG: &str = "time_to_activation.svg";
pub const GAIN_FAN_SVG: &str = "gain_fan.svg";
pub const RUNS_PARQUET: &str = "runs.parquet";
pub const SUMMARY_PARQUET: &str = "summary.parquet";

/// The files [`write_all`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub runs_csv: PathBuf,
    pub summary_json: PathBuf,
    pub manifest_json: PathBuf,
    pub response_probability_svg: PathBuf,
    pub time_to_activation_svg: PathBuf,
    pub gain_fan_svg: PathBuf,
    pub runs_parquet: PathBuf,
    pub summary_parquet: PathBuf,
}

impl Written {
    /// Every path, in the order written.
    pub fn paths(&self) -> [&Path; 8] {
        [
            &self.runs_csv,
            &self.summary_json,
            &self.manifest_json,
            &self.response_probability_svg,
            &self.time_to_activation_svg,
            &self.gain_fan_svg,
            &self.runs_parquet,
            &self.summary_parquet,
        ]
    }
}

/// Writing the outputs failed; the error names the path.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("cannot create the output directory {}: {source}", path.display())]
    CreateDir { path: PathBuf, source: io::Error },
    #[error("cannot write {}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error("cannot write {}: {source}", path.display())]
    Parquet {
        path: PathBuf,
        source: crate::parquet::ParquetOutputError,
    },
}

fn write_parquet(
    path: PathBuf,
    contents: Result<Vec<u8>, crate::parquet::ParquetOutputError>,
) -> Result<PathBuf, OutputError> {
    match contents {
        Ok(bytes) => write_file(path, &bytes),
        Err(source) => Err(OutputError::Parquet { path, source }),
    }
}

fn write_file(path: PathBuf, contents: &[u8]) -> Result<PathBuf, OutputError> {
    match std::fs::write(&path, contents) {
        Ok(()) => Ok(path),
        Err(source) => Err(OutputError::Write { path, source }),
    }
}

/// Write every output into `dir` (created with its parents if missing; existing files of the
/// same names are replaced): [`RUNS_CSV`] ([`write_csv`]), [`SUMMARY_JSON`] ([`summarize`],
/// [`summary_json`]), [`MANIFEST_JSON`], the three charts of [`crate::svg`], and
/// [`RUNS_PARQUET`] and [`SUMMARY_PARQUET`] ([`crate::parquet`]).
pub fn write_all(
    dir: &Path,
    result: &SweepResult,
    manifest: &Manifest,
) -> Result<Written, OutputError> {
    std::fs::create_dir_all(dir).map_err(|source| OutputError::CreateDir {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut csv = Vec::new();
    let path = dir.join(RUNS_CSV);
    if let Err(source) = write_csv(result, &mut csv) {
        return Err(OutputError::Write { path, source });
    }
    let runs_csv = write_file(path, &csv)?;
    let summary = summarize(result);
    Ok(Written {
        runs_csv,
        summary_json: write_file(dir.join(SUMMARY_JSON), summary_json(&summary).as_bytes())?,
        manifest_json: write_file(dir.join(MANIFEST_JSON), manifest.manifest_json().as_bytes())?,
        response_probability_svg: write_file(
            dir.join(RESPONSE_PROBABILITY_SVG),
            svg::response_probability(&summary).as_bytes(),
        )?,
        time_to_activation_svg: write_file(
            dir.join(TIME_TO_ACTIVATION_SVG),
            svg::time_to_activation(result).as_bytes(),
        )?,
        gain_fan_svg: write_file(dir.join(GAIN_FAN_SVG), svg::gain_fan(result).as_bytes())?,
        runs_parquet: write_parquet(dir.join(RUNS_PARQUET), crate::parquet::runs_parquet(result))?,
        summary_parquet: write_parquet(
            dir.join(SUMMARY_PARQUET),
            crate::parquet::summary_parquet(&summary),
        )?,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::svg::tests::{check_xml, sample};

    fn csv_of(result: &SweepResult) -> String {
        let mut out = Vec::new();
        write_csv(result, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn csv_header_rows_quoting_and_missing_values() {
        let result = sample();
        let csv = csv_of(&result);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(
            lines[0],
            "variant,run,seed,quorum,note,violations,claims,genuine_claims,fabricated_claims,activations,escalations,dismissals,false_activations,obligations,responded,first_response_h,mean_time_to_activation_h,gain_before_response"
        );
        assert_eq!(lines.len(), 1 + 3 * 20);
        assert!(csv.ends_with('\n'));
        // Run 0 of the baseline did not respond: empty first_response_h and mean time.
        assert_eq!(
            lines[1],
            r#"baseline,0,1,3,"with, comma",0,0,0,0,0,1,0,1,0,false,,,0.000000"#
        );
        // Run 1 responded: times 11 and 30.5 + 1/3 → mean 20.916667; gain 1/3.
        assert_eq!(
            lines[2],
            r#"baseline,1,8,3,"with, comma",1,1,1,1,1,0,1,0,2,true,11.000000,20.916667,0.333333"#
        );
        // The nasty name is quoted with its quotes doubled.
        assert!(
            lines[21].starts_with(r#""a<b&""c""",0,1,3,"#),
            "{}",
            lines[21]
        );
        // Variant order, then run order.
        assert!(lines[41].starts_with("strict quorum,0,"));
        assert!(lines[60].starts_with("strict quorum,19,"));
    }

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field(" padded"), "\" padded\"");
        assert_eq!(csv_field(""), "");
    }

    #[test]
    fn csv_of_a_sweep_without_variants_is_the_header() {
        let csv = csv_of(&SweepResult {
            variants: vec![],
            runs: vec![],
            horizon_days: 0,
        });
        assert_eq!(csv.lines().count(), 1);
        assert!(csv.starts_with("variant,run,seed,violations,"));
    }

    #[test]
    fn json_is_deterministic_and_sorted() {
        let a = summary_json(&summarize(&sample()));
        let b = summary_json(&summarize(&sample()));
        assert_eq!(a, b);
        let value: serde_json::Value = serde_json::from_str(&a).unwrap();
        let metrics = value["variants"][0]["metrics"].as_object().unwrap();
        let keys: Vec<&String> = metrics.keys().collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
        assert_eq!(metrics["responded"]["kind"], "proportion");
        assert_eq!(metrics["responded"]["successes"], 13);
        assert_eq!(metrics["violations"]["kind"], "mean");
        assert_eq!(value["differences"].as_array().unwrap().len(), 2);
        assert_eq!(value["differences"][0]["baseline"], "baseline");
        // The serialised text keeps the keys in order too (not only the parsed map).
        let responded = a.find("\"responded\"").unwrap();
        let violations = a.find("\"violations\"").unwrap();
        assert!(responded < violations);
    }

    #[test]
    fn manifest_and_config_hash() {
        assert_eq!(
            config_sha256(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let result = sample();
        let m = Manifest::new(
            42,
            None,
            Path::new("configs/deterrence.toml"),
            b"abc",
            &result,
        );
        assert_eq!(m.runs_per_variant, 20);
        assert_eq!(m.horizon_days, 30);
        let json = m.manifest_json();
        assert_eq!(json, m.clone().manifest_json());
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["master_seed"], 42);
        assert_eq!(value["commit"], serde_json::Value::Null);
        assert_eq!(value["threads_do_not_matter"], true);
        assert_eq!(value["generator"], GENERATOR);
        assert_eq!(value["config_file"], "configs/deterrence.toml");
        assert_eq!(value["variants"].as_array().unwrap().len(), 3);
        assert_eq!(value["snapback_version"], env!("CARGO_PKG_VERSION"));
    }

    #[test]
    fn write_all_writes_every_file_and_names_failures() {
        let dir = std::env::temp_dir()
            .join(format!("snapback-sim-output-{}", std::process::id()))
            .join("nested");
        let result = sample();
        let manifest = Manifest::new(7, Some("abc123".into()), Path::new("c.toml"), b"x", &result);
        let written = write_all(&dir, &result, &manifest).unwrap();
        for path in written.paths() {
            assert!(path.starts_with(&dir), "{}", path.display());
            let bytes = std::fs::read(path).unwrap();
            assert!(!bytes.is_empty(), "{}", path.display());
            if path.extension().is_some_and(|e| e == "svg") {
                check_xml(&String::from_utf8(bytes).unwrap()).unwrap();
            }
        }
        assert_eq!(
            std::fs::read_to_string(&written.runs_csv).unwrap(),
            csv_of(&result)
        );
        // Writing again gives the same bytes.
        let first: Vec<Vec<u8>> = written
            .paths()
            .iter()
            .map(|p| std::fs::read(p).unwrap())
            .collect();
        let again = write_all(&dir, &result, &manifest).unwrap();
        let second: Vec<Vec<u8>> = again
            .paths()
            .iter()
            .map(|p| std::fs::read(p).unwrap())
            .collect();
        assert_eq!(first, second);
        // A directory that cannot be created (a file is in the way) is named in the error.
        let blocked = dir.join(RUNS_CSV).join("sub");
        let err = write_all(&blocked, &result, &manifest).unwrap_err();
        assert!(matches!(err, OutputError::CreateDir { .. }));
        assert!(err.to_string().contains("runs.csv"), "{err}");
        if let Some(parent) = dir.parent() {
            std::fs::remove_dir_all(parent).unwrap();
        }
    }
}
