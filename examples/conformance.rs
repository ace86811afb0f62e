//! Conformance with published results: runs the `kano` binary on the real exports in
//! `../shared/real-exports` and compares with the authors' own numbers, one line per file.
//!
//! Run through `scripts/conformance.sh`, which builds kano first:
//! `cargo run --example conformance -- KANO_BINARY REAL_EXPORTS_DIR`.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::{bail, Context, Result};
use serde_json::Value;

/// Absolute tolerance for coefficients and means (the authors print 15 digits).
const TOLERANCE: f64 = 1e-9;

fn run_kano(kano: &Path, args: &[&str]) -> Result<Value> {
    let output = Command::new(kano)
        .args(["analyze", "--format", "json", "--sort", "input", "--quiet"])
        .args(args)
        .output()
        .with_context(|| format!("running {}", kano.display()))?;
    if !output.status.success() {
        bail!(
            "kano failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(serde_json::from_slice(&output.stdout)?)
}

fn number(value: &Value) -> Option<f64> {
    value.as_f64()
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() <= TOLERANCE)
}

fn letter(category: &Value) -> String {
    match category.as_str() {
        Some("attractive") => "A",
        Some("one-dimensional") => "O",
        Some("must-be") => "M",
        Some("indifferent") => "I",
        Some("reverse") => "R",
        Some("questionable") => "Q",
        _ => "-",
    }
    .to_string()
}

/// crypto-storage: counts, category, Better, Worse and importance per feature, matched by the
/// names `--features features.csv` gives the ids.
fn crypto(kano: &Path, dir: &Path, cohort: u32) -> Result<Vec<String>> {
    let export = dir.join(format!("storage-cohort{cohort}.csv"));
    let expected = dir.join(format!("expected-cohort{cohort}.csv"));
    let names = dir.join("features.csv");
    let report = run_kano(
        kano,
        &[
            export.to_str().context("path")?,
            "--features",
            names.to_str().context("path")?,
            "--convention",
            "reppl",
        ],
    )?;
    let features = report["features"].as_array().context("features")?;
    let mut reader = csv::Reader::from_path(&expected)?;
    let mut problems = Vec::new();
    let mut rows = 0;
    for (i, row) in reader
        .deserialize::<std::collections::HashMap<String, String>>()
        .enumerate()
    {
        let row = row?;
        rows += 1;
        let Some(ours) = features.get(i) else {
            problems.push(format!("missing feature {}", i + 1));
            continue;
        };
        let label = &row["Label"];
        for key in ["A", "O", "M", "I", "R", "Q"] {
            let want: u64 = row[key].parse()?;
            if ours["counts"][key].as_u64() != Some(want) {
                problems.push(format!("{label}: {key} {} != {want}", ours["counts"][key]));
            }
        }
        if letter(&ours["category"]) != row["Classification"] {
            problems.push(format!(
                "{label}: category {} != {}",
                ours["category"], row["Classification"]
            ));
        }
        for (ours_key, theirs) in [("better", "Satisfaction"), ("worse", "Dissatisfaction")] {
            let want: f64 = row[theirs].parse()?;
            if !close(number(&ours[ours_key]), want) {
                problems.push(format!("{label}: {ours_key} {} != {want}", ours[ours_key]));
            }
        }
        let want: f64 = row["Importance"].parse()?;
        if !close(number(&ours["importance"]["mean"]), want) {
            problems.push(format!(
                "{label}: importance {} != {want}",
                ours["importance"]["mean"]
            ));
        }
    }
    if rows != features.len() {
        problems.push(format!("{} features, expected {rows}", features.len()));
    }
    Ok(problems)
}

/// governance-measures: percentages per category and the dominant category, under
/// `--convention fuzoh-thesis` (ties go to the first of the notebook's published columns).
fn governance(kano: &Path, dir: &Path) -> Result<Vec<String>> {
    let export = dir.join("data_kano.csv");
    let report = run_kano(
        kano,
        &[
            export.to_str().context("path")?,
            "--layout",
            "long",
            "--feature-col",
            "mesure",
            "--functional-col",
            "presence",
            "--dysfunctional-col",
            "absence",
            "--convention",
            "fuzoh-thesis",
        ],
    )?;
    let features = report["features"].as_array().context("features")?;
    let names = [
        ("performance", "O"),
        ("attractive", "A"),
        ("indiferent", "I"),
        ("questionable", "Q"),
        ("reverse", "R"),
        ("must-be", "M"),
    ];
    let mut reader = csv::Reader::from_path(dir.join("expected-percentages.csv"))?;
    let mut problems = Vec::new();
    let mut rows = 0;
    for row in reader.deserialize::<std::collections::HashMap<String, String>>() {
        let row = row?;
        rows += 1;
        let measure = &row["mesure"];
        let Some(ours) = features.iter().find(|f| {
            f["name"]
                .as_str()
                .is_some_and(|n| n.eq_ignore_ascii_case(measure))
        }) else {
            problems.push(format!("{measure}: not found"));
            continue;
        };
        for (theirs, key) in names {
            let want: f64 = row[theirs].parse()?;
            if !close(number(&ours["percentages"][key]), want) {
                problems.push(format!(
                    "{measure}: {key} {} != {want}",
                    ours["percentages"][key]
                ));
            }
        }
        let dominant = names
            .iter()
            .find(|(theirs, _)| *theirs == row["dominant_category"])
            .map(|(_, key)| *key)
            .context("unknown dominant category")?;
        let ours_letter = letter(&ours["category"]);
        if ours_letter != dominant {
            problems.push(format!("{measure}: category {ours_letter} != {dominant}"));
        }
    }
    if rows != features.len() {
        problems.push(format!("{} features, expected {rows}", features.len()));
    }
    Ok(problems)
}

/// One file's comparison: the list of differences found.
type Check<'a> = Box<dyn Fn() -> Result<Vec<String>> + 'a>;

/// smart-bed: a Google Forms export with French question headers; counts per feature (standard
/// table), names from functionalities.txt, answers mapped by answer_options.json.
fn smart_bed(kano: &Path, dir: &Path) -> Result<Vec<String>> {
    let report = run_kano(
        kano,
        &[
            dir.join("answers.tsv").to_str().context("path")?,
            "--features",
            dir.join("functionalities.txt").to_str().context("path")?,
            "--answers",
            dir.join("answer_options.json").to_str().context("path")?,
        ],
    )?;
    let features = report["features"].as_array().context("features")?;
    let text = std::fs::read_to_string(dir.join("expected-counts.txt"))?;
    // Sujet;A;P;O;I;C;D with French letters: P = one-dimensional, O = must-be, C = reverse,
    // D = questionable.
    let mut problems = Vec::new();
    let mut rows = 0;
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        rows += 1;
        let cells: Vec<&str> = line.split(';').collect();
        let name = cells[0];
        let Some(ours) = features.iter().find(|f| f["name"] == name) else {
            problems.push(format!("{name}: not found"));
            continue;
        };
        for (i, key) in ["A", "O", "M", "I", "R", "Q"].iter().enumerate() {
            let want: u64 = cells.get(i + 1).context("short row")?.trim().parse()?;
            if ours["counts"][key].as_u64() != Some(want) {
                problems.push(format!("{name}: {key} {} != {want}", ours["counts"][key]));
            }
        }
    }
    if rows != features.len() {
        problems.push(format!("{} features, expected {rows}", features.len()));
    }
    Ok(problems)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(kano), Some(dir)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: conformance KANO_BINARY REAL_EXPORTS_DIR");
        return ExitCode::from(2);
    };
    let (kano, dir) = (PathBuf::from(kano), PathBuf::from(dir));
    let checks: Vec<(&str, Check)> = vec![
        (
            "crypto-storage/storage-cohort1.csv",
            Box::new(|| crypto(&kano, &dir.join("crypto-storage"), 1)),
        ),
        (
            "crypto-storage/storage-cohort3.csv",
            Box::new(|| crypto(&kano, &dir.join("crypto-storage"), 3)),
        ),
        (
            "governance-measures/data_kano.csv",
            Box::new(|| governance(&kano, &dir.join("governance-measures"))),
        ),
        (
            "smart-bed/answers.tsv",
            Box::new(|| smart_bed(&kano, &dir.join("smart-bed"))),
        ),
    ];
    let mut failed = false;
    for (name, check) in checks {
        match check() {
            Ok(problems) if problems.is_empty() => println!("ok    {name}"),
            Ok(problems) => {
                failed = true;
                println!("FAIL  {name}: {}", problems.join("; "));
            }
            Err(e) => {
                failed = true;
                println!("FAIL  {name}: {e:#}");
            }
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
