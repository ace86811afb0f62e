//! `kano questionnaire`: the formats, and the round trip that proves the questions read back.
//!
//! Round trip: questionnaire -> a fabricated export made from known answer pairs -> `kano
//! analyze` with no flags, which must give back the exact counts and the exact feature names.
//! Google Forms-style: a timestamp column, then exactly the generated question texts, the
//! cells the generated choice texts. Qualtrics-style: three header rows, the question texts
//! (or `<question> - <feature>` matrix headers with `--order blocks`) taken from the Advanced
//! Format file that `--format qualtrics` writes.

use serde::Deserialize;
use serde_json::Value;

use crate::util::kano;

const FEATURES: &str = "tests/data/questionnaire-features.txt";
const NAMES: [&str; 4] = ["Dark mode", "Do not disturb", "Offline mode", "Café finder"];

/// Each feature's answer pairs for six respondents, as (functional, dysfunctional) positions
/// in the standard order (0 like .. 4 dislike).
const PAIRS: [[(usize, usize); 6]; 4] = [
    [(0, 4), (0, 4), (0, 2), (0, 1), (2, 2), (1, 4)],
    [(1, 4), (1, 4), (1, 4), (2, 4), (0, 4), (4, 0)],
    [(0, 0), (0, 3), (0, 2), (0, 3), (2, 3), (3, 4)],
    [(2, 2), (2, 2), (2, 2), (2, 2), (0, 4), (1, 1)],
];

/// The counts A, O, M, I, R, Q those pairs give under the standard table, by hand:
/// like/dislike O, like/(must-be|neutral|live-with) A, (must-be|neutral|live-with)/dislike M,
/// the middle 3 x 3 I, dislike/like R, like/like Q.
const COUNTS: [[u64; 6]; 4] = [
    [2, 2, 1, 1, 0, 0],
    [0, 1, 4, 0, 1, 0],
    [3, 0, 1, 1, 0, 1],
    [0, 1, 0, 5, 0, 0],
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Record {
    id: String,
    feature: String,
    kind: String,
    text: String,
    choices: Vec<String>,
}

fn run(args: &[&str]) -> String {
    let output = kano().arg("questionnaire").args(args).output().unwrap();
    assert!(
        output.status.success(),
        "kano questionnaire {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn records(lang: &str, order: &str) -> Vec<Record> {
    serde_json::from_str(&run(&[
        FEATURES, "--lang", lang, "--order", order, "--format", "json",
    ]))
    .unwrap()
}

/// The cell respondent `r` gives to a question.
fn cell(feature: &str, kind: &str, choices: &[String], r: usize) -> String {
    let k = NAMES.iter().position(|n| *n == feature).unwrap();
    let (f, d) = PAIRS[k][r];
    match kind {
        "functional" => choices[f].clone(),
        "dysfunctional" => choices[d].clone(),
        _ => choices[(r + k) % choices.len()].clone(),
    }
}

fn write_csv(rows: &[Vec<String>]) -> tempfile::NamedTempFile {
    let file = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
    let mut writer = csv::Writer::from_path(file.path()).unwrap();
    for row in rows {
        writer.write_record(row).unwrap();
    }
    writer.flush().unwrap();
    file
}

/// Analyzes with no flags and checks every feature's name and counts.
fn assert_reads_back(path: &std::path::Path, what: &str) {
    let output = kano()
        .arg("analyze")
        .arg(path)
        .args(["--format", "json", "--sort", "input", "-q"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{what}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let features = report["features"].as_array().unwrap();
    // Features come in question order; shuffled questions shuffle it, so match by name.
    let mut names: Vec<&str> = features
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    names.sort_unstable();
    let mut expected = NAMES;
    expected.sort_unstable();
    assert_eq!(names, expected, "{what}: names");
    for f in features {
        let k = NAMES.iter().position(|n| f["name"] == *n).unwrap();
        let counts: Vec<u64> = ["A", "O", "M", "I", "R", "Q"]
            .iter()
            .map(|c| f["counts"][c].as_u64().unwrap())
            .collect();
        assert_eq!(counts, COUNTS[k], "{what}: counts of {}", NAMES[k]);
    }
}

#[test]
fn a_forms_export_reads_back_with_no_flags_in_every_language_and_order() {
    for lang in ["en", "de", "fr"] {
        for order in ["interleaved", "blocks", "shuffled"] {
            let questions = records(lang, order);
            assert_eq!(questions.len(), 8);
            let mut rows = vec![std::iter::once("Timestamp".to_string())
                .chain(questions.iter().map(|q| q.text.clone()))
                .collect::<Vec<_>>()];
            for r in 0..6 {
                let mut row = vec![format!("2025/03/0{} 10:00:00", r + 1)];
                row.extend(
                    questions
                        .iter()
                        .map(|q| cell(&q.feature, &q.kind, &q.choices, r)),
                );
                rows.push(row);
            }
            let file = write_csv(&rows);
            assert_reads_back(file.path(), &format!("forms {lang} {order}"));
        }
    }
}

/// A question of the Advanced Format file: its id, text (or matrix stem), rows and scale.
#[derive(Debug, Default)]
struct TxtQuestion {
    id: String,
    text: String,
    matrix: bool,
    choices: Vec<String>,
    answers: Vec<String>,
}

/// Reads back the questions of an Advanced Format TXT.
fn parse_advanced_format(text: &str) -> Vec<TxtQuestion> {
    let mut questions: Vec<TxtQuestion> = Vec::new();
    let mut section = "";
    for line in text.lines() {
        if line.starts_with("[[Question:") {
            questions.push(TxtQuestion {
                matrix: line == "[[Question:Matrix]]",
                ..TxtQuestion::default()
            });
            section = "text";
        } else if let Some(id) = line.strip_prefix("[[ID:") {
            questions.last_mut().unwrap().id = id.trim_end_matches("]]").to_string();
        } else if line == "[[Choices]]" {
            section = "choices";
        } else if line == "[[Answers]]" {
            section = "answers";
        } else if line.starts_with("[[") {
            section = "";
        } else if !line.is_empty() {
            if let Some(q) = questions.last_mut() {
                match section {
                    "text" => q.text = line.to_string(),
                    "choices" => q.choices.push(line.to_string()),
                    "answers" => q.answers.push(line.to_string()),
                    _ => {}
                }
            }
        }
    }
    questions
}

#[test]
fn a_qualtrics_export_reads_back_with_no_flags_in_every_language_and_order() {
    for lang in ["en", "de", "fr"] {
        for order in ["interleaved", "blocks", "shuffled"] {
            let txt = run(&[
                FEATURES,
                "--lang",
                lang,
                "--order",
                order,
                "--format",
                "qualtrics",
            ]);
            assert!(txt.starts_with("[[AdvancedFormat]]\n"));
            let parsed = parse_advanced_format(&txt);
            // Columns: (export tag, header text, feature, kind, choices).
            let mut columns: Vec<(String, String, String, String, Vec<String>)> = Vec::new();
            for q in &parsed {
                if q.matrix {
                    assert_eq!(order, "blocks");
                    for (i, row) in q.choices.iter().enumerate() {
                        columns.push((
                            format!("{}_{}", q.id, i + 1),
                            format!("{} - {row}", q.text),
                            row.clone(),
                            q.id.clone(),
                            q.answers.clone(),
                        ));
                    }
                } else {
                    let (feature, kind) = q.id.split_once('_').unwrap();
                    let k: usize = feature[1..].parse().unwrap();
                    columns.push((
                        q.id.clone(),
                        q.text.clone(),
                        NAMES[k - 1].to_string(),
                        kind.to_string(),
                        q.choices.clone(),
                    ));
                }
            }
            assert_eq!(columns.len(), 8, "{lang} {order}");
            let mut rows = vec![
                ["StartDate", "ResponseId"]
                    .iter()
                    .map(|s| s.to_string())
                    .chain(columns.iter().map(|c| c.0.clone()))
                    .collect::<Vec<_>>(),
                ["Start Date", "Response ID"]
                    .iter()
                    .map(|s| s.to_string())
                    .chain(columns.iter().map(|c| c.1.clone()))
                    .collect(),
                [r#"{"ImportId":"startDate"}"#, r#"{"ImportId":"_recordId"}"#]
                    .iter()
                    .map(|s| s.to_string())
                    .chain((0..columns.len()).map(|i| format!(r#"{{"ImportId":"QID{}"}}"#, i + 1)))
                    .collect(),
            ];
            for r in 0..6 {
                let mut row = vec![format!("2025-03-0{} 10:00:00", r + 1), format!("R_{r}")];
                row.extend(columns.iter().map(|c| cell(&c.2, &c.3, &c.4, r)));
                rows.push(row);
            }
            let file = write_csv(&rows);
            assert_reads_back(file.path(), &format!("qualtrics {lang} {order}"));
        }
    }
}

#[test]
fn the_spec_it_writes_reads_the_export_with_importance() {
    let spec = tempfile::Builder::new().suffix(".toml").tempfile().unwrap();
    let questions: Vec<Record> = serde_json::from_str(&run(&[
        FEATURES,
        "--importance",
        "1-9",
        "--format",
        "json",
        "--spec-out",
        spec.path().to_str().unwrap(),
    ]))
    .unwrap();
    assert_eq!(questions.len(), 12);
    assert_eq!(questions[2].kind, "importance");
    assert_eq!(questions[2].id, "F1_importance");
    assert_eq!(questions[2].choices[6], "7 - Very important");
    let mut rows = vec![std::iter::once("Timestamp".to_string())
        .chain(questions.iter().map(|q| q.text.clone()))
        .collect::<Vec<_>>()];
    for r in 0..6 {
        let mut row = vec![format!("t{r}")];
        row.extend(
            questions
                .iter()
                .map(|q| cell(&q.feature, &q.kind, &q.choices, r)),
        );
        rows.push(row);
    }
    let file = write_csv(&rows);
    // With no flags the Kano questions still read back (importance columns are left aside).
    assert_reads_back(file.path(), "forms with importance");
    let output = kano()
        .arg("analyze")
        .arg(file.path())
        .arg("--spec")
        .arg(spec.path())
        .args(["--format", "json", "--sort", "input", "-q"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    // Dark mode (k = 0): importance (r % 9) + 1 for r = 0..6 -> 1..6, mean 3.5.
    let dark = &report["features"][0];
    assert_eq!(dark["name"], "Dark mode");
    assert_eq!(dark["importance"]["mean"], 3.5);
    assert_eq!(dark["counts"]["A"], 2);
}

#[test]
fn csv_has_exactly_the_documented_columns_and_joined_choices() {
    let out = run(&[FEATURES, "--format", "csv", "--wording", "that-way"]);
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("id,feature,kind,text,choices"));
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let first = reader.records().next().unwrap().unwrap();
    assert_eq!(&first[0], "F1_functional");
    assert_eq!(&first[1], "Dark mode");
    assert_eq!(&first[2], "functional");
    assert_eq!(
        &first[3],
        "How would you feel if the product had \u{201C}Dark mode\u{201D}?"
    );
    assert_eq!(
        &first[4],
        "I like it that way | It must be that way | I am neutral | I can live with it that way | \
         I dislike it that way"
    );
}

#[test]
fn html_is_self_contained_and_escaped() {
    let features = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(features.path(), "<script>alert(1)</script> & co\n").unwrap();
    let html = run(&[features.path().to_str().unwrap(), "--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"));
    assert!(!html.contains("http"), "no external assets");
}

#[test]
fn features_can_come_from_a_spec() {
    let spec = tempfile::Builder::new().suffix(".toml").tempfile().unwrap();
    kano()
        .args(["init", "examples/online-shop.csv", "-o"])
        .arg(spec.path())
        .assert()
        .success();
    let out = run(&["--spec", spec.path().to_str().unwrap(), "--format", "csv"]);
    assert!(
        out.contains("F1_functional,24/7 availability,functional"),
        "{out}"
    );
}

#[test]
fn markdown_and_qualtrics_output_snapshots() {
    insta::assert_snapshot!(
        "markdown_helpful_wording_with_importance",
        run(&[FEATURES, "--wording", "helpful", "--importance", "1-5"])
    );
    insta::assert_snapshot!(
        "qualtrics_german_matrix_with_importance",
        run(&[
            FEATURES,
            "--lang",
            "de",
            "--order",
            "blocks",
            "--importance",
            "1-9",
            "--format",
            "qualtrics"
        ])
    );
}

#[test]
fn bad_inputs_are_errors_that_name_the_problem() {
    kano()
        .args([
            "questionnaire",
            FEATURES,
            "--lang",
            "fr",
            "--wording",
            "helpful",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "--wording chooses among the English",
        ));
    kano()
        .args(["questionnaire", "no-such-file.txt"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no-such-file.txt"));
    let dashed = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(dashed.path(), "Chat - live\nSearch\n").unwrap();
    kano()
        .args(["questionnaire", dashed.path().to_str().unwrap()])
        .args(["--format", "qualtrics", "--order", "blocks"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("Qualtrics matrix"));
}
