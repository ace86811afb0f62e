//! `--by COLUMN` inside one survey: per feature, tests of whether the category distribution,
//! Better and Worse differ between segments, Holm-adjusted, in every format; subcommands with no
//! per-segment results refuse `--by` instead of ignoring it.

use serde_json::Value;

use crate::util::{analyze_json, data, kano};

fn by_plan() -> Value {
    analyze_json(&["examples/online-shop.csv", "--by", "plan", "--quiet"])
}

/// Pearson's X² of a segments x outcomes table, written out for the test.
fn pearson(table: &[Vec<f64>]) -> f64 {
    let rows: Vec<f64> = table.iter().map(|r| r.iter().sum()).collect();
    let columns: Vec<f64> = (0..table[0].len())
        .map(|j| table.iter().map(|r| r[j]).sum())
        .collect();
    let n: f64 = rows.iter().sum();
    let mut x2 = 0.0;
    for (i, row) in table.iter().enumerate() {
        for (j, observed) in row.iter().enumerate() {
            let expected = rows[i] * columns[j] / n;
            if expected > 0.0 {
                x2 += (observed - expected).powi(2) / expected;
            }
        }
    }
    x2
}

#[test]
fn worse_between_plans_matches_a_hand_computation() {
    let report = by_plan();
    let name = "24/7 availability";
    // Worse counts O + M of A + O + M + I per segment, from the segments' own counts.
    let table: Vec<Vec<f64>> = report["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let f = s["features"]
                .as_array()
                .unwrap()
                .iter()
                .find(|f| f["name"] == name)
                .unwrap();
            let c = |k: &str| f["counts"][k].as_f64().unwrap();
            vec![c("O") + c("M"), c("A") + c("I")]
        })
        .collect();
    // free: 15 of 40, premium: 14 of 20 -> X² = 5.6396 (z = 2.3748), p = 0.0176.
    assert_eq!(table, vec![vec![15.0, 25.0], vec![14.0, 6.0]]);
    let test = report["segment_tests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == name)
        .unwrap();
    let worse = &test["worse"];
    assert!((worse["statistic"].as_f64().unwrap() - pearson(&table)).abs() < 1e-12);
    assert!((worse["statistic"].as_f64().unwrap() - 5.639_599_555).abs() < 1e-8);
    assert_eq!(worse["method"], "chi-square");
    assert!((worse["p"].as_f64().unwrap() - 0.017_559_217).abs() < 1e-8);
    // Holm over six features: at least the p-value, at most 6 p.
    let holm = worse["p_holm"].as_f64().unwrap();
    assert!((0.017_559..=6.0 * 0.017_560).contains(&holm));
}

#[test]
fn monte_carlo_p_values_repeat_run_to_run_and_name_their_seed() {
    let (first, second) = (by_plan(), by_plan());
    assert_eq!(first["segment_tests"], second["segment_tests"]);
    let simulated: Vec<&Value> = first["segment_tests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| &t["categories"])
        .filter(|t| t["method"] == "monte-carlo")
        .collect();
    assert!(!simulated.is_empty());
    for t in simulated {
        assert_eq!(t["replicates"], 2000);
        assert_eq!(t["seed"], 20_260_601);
    }
}

#[test]
fn every_format_shows_the_between_segments_tests() {
    for (format, needle, legend) in [
        ("table", "Between segments of plan", "Holm"),
        ("markdown", "## Between segments of plan", "Holm"),
        ("csv", "categories_p_holm", "monte-carlo"),
    ] {
        kano()
            .args(["analyze", "examples/online-shop.csv", "--by", "plan", "-q"])
            .args(["--format", format, "--color", "never"])
            .assert()
            .success()
            .stdout(predicates::str::contains(needle))
            .stdout(predicates::str::contains(legend));
    }
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("r.html");
    kano()
        .args([
            "report",
            "examples/online-shop.csv",
            "--by",
            "plan",
            "-q",
            "-o",
        ])
        .arg(&html)
        .assert()
        .success();
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("Segments by plan") && page.contains("Between segments of plan"));
    assert!(page.contains("plan = premium"));
    let xlsx = dir.path().join("r.xlsx");
    kano()
        .args(["analyze", "examples/online-shop.csv", "--by", "plan", "-q"])
        .args(["--format", "xlsx", "-o"])
        .arg(&xlsx)
        .assert()
        .success();
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    use calamine::Reader;
    let range = workbook.worksheet_range("Between segments").unwrap();
    assert_eq!(range.get_size().0, 1 + 6 + 2);
}

#[test]
fn without_by_there_are_no_segment_tests() {
    let report = analyze_json(&["examples/online-shop.csv", "--quiet"]);
    assert!(report.get("segment_tests").is_none());
}

#[test]
fn subcommands_without_segments_refuse_by() {
    for args in [
        vec!["compare", "tests/data/wave1.csv", "tests/data/wave2.csv"],
        vec!["check", "examples/online-shop.csv"],
        vec!["inspect", "examples/online-shop.csv"],
    ] {
        kano()
            .args(&args)
            .args(["--by", "plan"])
            .assert()
            .code(2)
            .stderr(predicates::str::contains("--by cannot be used"))
            .stderr(predicates::str::contains("kano analyze FILE --by COLUMN"));
    }
    let _ = data("wave1.csv");
}
