//! `--refined`: Yang's (2005) refined categories, split by each feature's mean importance
//! against the survey's, in every format; refused without importance.

use serde_json::Value;

use crate::util::{analyze_json, kano};

const SPLIT: [(&str, &str, &str); 4] = [
    ("attractive", "highly attractive", "less attractive"),
    ("one-dimensional", "high value-added", "low value-added"),
    ("must-be", "critical", "necessary"),
    ("indifferent", "potential", "indifferent"),
];

#[test]
fn refined_categories_follow_importance_against_the_mean_of_the_features_means() {
    let report = analyze_json(&["examples/online-shop.csv", "--refined", "-q"]);
    assert_eq!(report["settings"]["refined"], true);
    let features = report["features"].as_array().unwrap();
    let means: Vec<f64> = features
        .iter()
        .map(|f| f["importance"]["mean"].as_f64().unwrap())
        .collect();
    let threshold = means.iter().sum::<f64>() / means.len() as f64;
    assert!((report["refined_importance"].as_f64().unwrap() - threshold).abs() < 1e-12);
    let mut seen_high = false;
    let mut seen_low = false;
    for f in features {
        let above = f["importance"]["mean"].as_f64().unwrap() > threshold;
        let expected = SPLIT
            .iter()
            .find(|(c, _, _)| f["category"] == *c)
            .map(|(_, high, low)| if above { *high } else { *low });
        match expected {
            Some(name) => {
                assert_eq!(f["refined_category"], name, "{}", f["name"]);
                seen_high |= above;
                seen_low |= !above;
            }
            None => assert_eq!(f["refined_category"], Value::Null, "{}", f["name"]),
        }
    }
    assert!(seen_high && seen_low, "the fixture splits both ways");
}

#[test]
fn without_the_flag_there_is_no_refined_key() {
    let report = analyze_json(&["examples/online-shop.csv", "-q"]);
    assert!(report.get("refined_importance").is_none());
    assert!(report["features"][0].get("refined_category").is_none());
}

#[test]
fn every_format_shows_the_refined_categories() {
    for (format, needle) in [
        ("table", "Refined categories (Yang 2005)"),
        ("markdown", "## Refined categories (Yang 2005)"),
        ("csv", "refined_category"),
    ] {
        kano()
            .args(["analyze", "examples/online-shop.csv", "--refined", "-q"])
            .args(["--format", format, "--color", "never"])
            .assert()
            .success()
            .stdout(predicates::str::contains(needle))
            .stdout(predicates::str::contains("critical"));
    }
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("r.html");
    kano()
        .args([
            "report",
            "examples/online-shop.csv",
            "--refined",
            "-q",
            "-o",
        ])
        .arg(&html)
        .assert()
        .success();
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("Refined categories (Yang 2005)") && page.contains("critical"));
    let xlsx = dir.path().join("r.xlsx");
    kano()
        .args(["analyze", "examples/online-shop.csv", "--refined", "-q"])
        .args(["--format", "xlsx", "-o"])
        .arg(&xlsx)
        .assert()
        .success();
    use calamine::Reader;
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let range = workbook.worksheet_range("Refined").unwrap();
    let cells: Vec<String> = range.rows().map(|r| r[3].to_string()).collect();
    assert!(cells.iter().any(|c| c == "critical"), "{cells:?}");
}

#[test]
fn refined_without_importance_is_a_usage_error() {
    kano()
        .args(["analyze", "examples/published-counts.csv", "--refined"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "--refined needs self-stated importance",
        ));
}
