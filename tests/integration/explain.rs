//! `kano explain`: the grid agrees with `analyze`, the JSON keeps its shape, unknown features
//! are errors that suggest names, and the text is pinned by a snapshot.

#![allow(dead_code)]

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::util::{analyze_json, counts, data, kano};

/// `kano explain --format json`, defined independently of the library's types.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Explanation {
    schema_version: u32,
    kano_version: String,
    input: serde_json::Value,
    settings: serde_json::Value,
    feature: String,
    position: usize,
    number: Option<usize>,
    rows: Vec<String>,
    columns: Vec<String>,
    grid: Option<Vec<Vec<u64>>>,
    letters: Vec<Vec<String>>,
    row_totals: Option<Vec<u64>>,
    column_totals: Option<Vec<u64>>,
    n: u64,
    counts: BTreeMap<String, u64>,
    percentages: Option<BTreeMap<String, f64>>,
    ranking: Vec<String>,
    groups: Groups,
    category: Option<String>,
    tied_with: Vec<String>,
    second: Option<String>,
    strength: Option<f64>,
    fong: Option<Fong>,
    mixed: bool,
    action: Option<String>,
    advice: Option<String>,
    missing: u64,
    invalid: u64,
    invalid_labels: BTreeMap<String, u64>,
    segments: Vec<SegmentExplanation>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SegmentExplanation {
    column: String,
    value: String,
    respondents: u64,
    explanation: Explanation,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Groups {
    aom: u64,
    irq: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Fong {
    difference: f64,
    critical: f64,
    significant: bool,
}

fn explain_json(args: &[&str]) -> Explanation {
    let output = kano()
        .arg("explain")
        .args(args)
        .args(["--format", "json", "-q"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "kano explain {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

const ANSWERS: [&str; 5] = ["like", "must-be", "neutral", "live-with", "dislike"];

#[test]
fn grid_cells_add_up_to_the_counts_of_analyze_for_every_example_and_table() {
    for file in ["examples/online-shop.csv", "examples/banking-app-long.csv"] {
        for table in ["standard", "modified"] {
            let report = analyze_json(&[file, "--table", table, "--sort", "input", "-q"]);
            let features = report["features"].as_array().unwrap();
            assert!(!features.is_empty());
            for feature in features {
                let position = feature["rank"].to_string();
                let e = explain_json(&[file, &position, "--table", table]);
                let name = feature["name"].as_str().unwrap();
                assert_eq!(e.feature, name);
                assert_eq!(e.rows, ANSWERS);
                assert_eq!(e.columns, ANSWERS);
                let grid = e.grid.as_ref().expect("a grid for respondent data");
                let mut from_grid = [0u64; 6];
                for (f, row) in grid.iter().enumerate() {
                    assert_eq!(row.len(), 5);
                    for (d, count) in row.iter().enumerate() {
                        let letter = e.letters[f][d].as_str();
                        let k = ["A", "O", "M", "I", "R", "Q"]
                            .iter()
                            .position(|l| *l == letter)
                            .unwrap();
                        from_grid[k] += count;
                    }
                }
                assert_eq!(from_grid, counts(feature), "{file} {table} {name}");
                assert_eq!(e.n, feature["n"].as_u64().unwrap());
                assert_eq!(e.missing, feature["missing"].as_u64().unwrap());
                assert_eq!(e.invalid, feature["invalid"].as_u64().unwrap());
                assert_eq!(e.category.as_deref(), feature["category"].as_str());
                assert_eq!(e.second.as_deref(), feature["second_category"].as_str());
                assert_eq!(e.strength, feature["category_strength"].as_f64());
                assert_eq!(e.mixed, feature["mixed"].as_bool().unwrap());
                assert_eq!(
                    e.fong.as_ref().map(|f| f.significant),
                    feature["fong_significant"].as_bool()
                );
                assert_eq!(e.action.as_deref(), feature["action"].as_str());
                let total: u64 = e.row_totals.unwrap().iter().sum();
                assert_eq!(total, e.column_totals.unwrap().iter().sum::<u64>());
                assert_eq!(total, e.n);
            }
        }
    }
}

#[test]
fn the_modified_table_changes_exactly_two_letters() {
    let standard = explain_json(&["examples/online-shop.csv", "1"]);
    let modified = explain_json(&["examples/online-shop.csv", "1", "--table", "modified"]);
    assert_eq!(standard.schema_version, 1);
    let mut changed = Vec::new();
    for f in 0..5 {
        for d in 0..5 {
            if standard.letters[f][d] != modified.letters[f][d] {
                changed.push((f, d, modified.letters[f][d].clone()));
            }
        }
    }
    assert_eq!(changed, [(1, 1, "Q".to_string()), (3, 3, "Q".to_string())]);
}

#[test]
fn features_are_found_by_name_in_any_case() {
    let by_name = explain_json(&["examples/online-shop.csv", "LIVE CHAT"]);
    assert_eq!(by_name.feature, "Live chat");
    assert_eq!(by_name.position, 2);
}

#[test]
fn a_feature_number_is_the_hash_analyze_shows_under_any_sort() {
    let report = crate::util::analyze_json(&["examples/online-shop.csv", "--sort", "name"]);
    let features = report["features"].as_array().unwrap();
    let mut differs = false;
    for f in features {
        let rank = f["rank"].as_u64().unwrap().to_string();
        let explained = explain_json(&["examples/online-shop.csv", &rank]);
        assert_eq!(explained.feature, f["name"].as_str().unwrap(), "#{rank}");
        differs |= explained.position.to_string() != rank;
        assert_eq!(explained.number.map(|n| n.to_string()), Some(rank.clone()));
        let text = kano()
            .args(["explain", "examples/online-shop.csv", &rank, "-q"])
            .output()
            .unwrap();
        let title = String::from_utf8(text.stdout).unwrap();
        assert!(
            title.starts_with(&format!("Feature #{rank} \"{}\"", explained.feature)),
            "{title}"
        );
    }
    assert!(
        differs,
        "the fixture ranks some feature away from its file position"
    );
}

#[test]
fn explain_table_for_one_feature() {
    let output = kano()
        .args(["explain", "examples/online-shop.csv", "Live chat", "-q"])
        .output()
        .unwrap();
    assert!(output.status.success());
    insta::assert_snapshot!(String::from_utf8(output.stdout).unwrap());
}

#[test]
fn explain_markdown_under_the_berger_rule() {
    let output = kano()
        .args([
            "explain",
            "examples/banking-app-long.csv",
            "Dark mode",
            "--rule",
            "berger",
            "--table",
            "modified",
            "--format",
            "markdown",
        ])
        .output()
        .unwrap();
    assert!(output.status.success());
    insta::assert_snapshot!(String::from_utf8(output.stdout).unwrap());
}

#[test]
fn counts_layout_says_only_counts_are_available_and_skips_the_grid() {
    let output = kano()
        .args(["explain", "examples/published-counts.csv", "hotline"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("Only category counts are available"),
        "{text}"
    );
    assert!(!text.contains("F \\ D"), "{text}");
    assert!(text.contains("Mixed"), "{text}");
    assert!(text.contains("not significant"), "{text}");
    let e = explain_json(&["examples/published-counts.csv", "Hotline"]);
    assert!(e.grid.is_none());
    assert!(e.row_totals.is_none());
    assert_eq!(e.counts["A"], 121);
    let fong = e.fong.unwrap();
    assert_eq!(fong.difference, 3.0);
    assert!(!fong.significant);
}

#[test]
fn invalid_labels_are_listed_with_their_counts() {
    let output = kano()
        .args([
            "explain",
            &data("unknown-label.csv"),
            "1",
            "--skip-invalid",
            "-q",
        ])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let e = explain_json(&[&data("unknown-label.csv"), "1", "--skip-invalid"]);
    assert!(e.invalid > 0, "{e:?}");
    assert_eq!(e.invalid_labels.values().sum::<u64>(), e.invalid);
    let text = String::from_utf8(output.stdout).unwrap();
    for label in e.invalid_labels.keys() {
        assert!(text.contains(&format!("\"{label}\" x")), "{text}");
    }
}

#[test]
fn an_unknown_feature_is_an_error_that_suggests_the_closest_names() {
    let output = kano()
        .args(["explain", "examples/online-shop.csv", "live chatt", "-q"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8(output.stderr).unwrap();
    insta::assert_snapshot!(stderr);
    assert!(stderr.contains("did you mean \"Live chat\""), "{stderr}");
}

#[test]
fn a_position_beyond_the_last_feature_is_an_error() {
    kano()
        .args(["explain", "examples/online-shop.csv", "7", "-q"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("number 1-6"));
}

#[test]
fn by_segment_gives_one_grid_per_segment_and_they_add_up_to_the_whole() {
    let output = kano()
        .args([
            "explain",
            "examples/online-shop.csv",
            "Live chat",
            "--by",
            "plan",
            "--format",
            "json",
            "-q",
        ])
        .output()
        .unwrap();
    assert!(output.status.success());
    let e: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let segments = e["segments"].as_array().unwrap();
    assert_eq!(segments.len(), 2);
    assert_eq!(segments[0]["column"], "plan");
    let mut sum = [[0u64; 5]; 5];
    for segment in segments {
        let grid = &segment["explanation"]["grid"];
        for (f, row) in sum.iter_mut().enumerate() {
            for (d, cell) in row.iter_mut().enumerate() {
                *cell += grid[f][d].as_u64().unwrap();
            }
        }
    }
    for (f, row) in sum.iter().enumerate() {
        for (d, cell) in row.iter().enumerate() {
            assert_eq!(Some(*cell), e["grid"][f][d].as_u64(), "cell {f},{d}");
        }
    }
    let table = kano()
        .args([
            "explain",
            "examples/online-shop.csv",
            "Live chat",
            "--by",
            "plan",
            "-q",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(table.stdout).unwrap();
    assert!(text.contains("\nplan = free (40 respondents)\n"), "{text}");
    assert!(
        text.contains("\nplan = premium (20 respondents)\n"),
        "{text}"
    );
}
