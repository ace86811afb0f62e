//! `kano plan`: sample sizes checked against hand-computed values.
//!
//! Precision 0.1 at p = 0.5: the Wilson half-width is z / (2 sqrt(n + z²)) <= 0.1, so
//! n >= z² / 0.04 - z² = 96.04 - 3.84 = 92.2 -> 93. Fong with a gap of 0.1:
//! 1.65² / (2 * 0.01) = 136.125 -> 137. Invite max(93, 137) / (1 - 0.15) = 161.2 -> 162.

use predicates::prelude::*;
use serde::Deserialize;

use crate::util::kano;

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Plan {
    precision: f64,
    expected: f64,
    gap: f64,
    loss: f64,
    n_coefficients: u64,
    n_fong: u64,
    n_invite: u64,
}

fn plan(args: &[&str]) -> Plan {
    let output = kano()
        .arg("plan")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn defaults_give_93_for_the_coefficients_137_for_fong_and_162_to_invite() {
    assert_eq!(
        plan(&["--precision", "0.1"]),
        Plan {
            precision: 0.1,
            expected: 0.5,
            gap: 0.1,
            loss: 0.15,
            n_coefficients: 93,
            n_fong: 137,
            n_invite: 162,
        }
    );
}

#[test]
fn the_readme_table_of_common_precisions_is_right() {
    // z² / (4 d²) - z², rounded up: 0.05 -> 380.3, 0.15 -> 38.8, 0.2 -> 20.2.
    for (precision, n) in [("0.05", 381), ("0.1", 93), ("0.15", 39), ("0.2", 21)] {
        assert_eq!(plan(&["--precision", precision]).n_coefficients, n);
    }
    // Precision 0.05 needs more than Fong: invite 381 / 0.85 = 448.2 -> 449.
    assert_eq!(plan(&["--precision", "0.05"]).n_invite, 449);
}

#[test]
fn an_expected_share_away_from_one_half_needs_fewer() {
    let p = plan(&["--precision", "0.1", "--expected", "0.2"]);
    assert!(p.n_coefficients < 93, "{p:?}");
    assert_eq!(p.expected, 0.2);
}

#[test]
fn text_output_names_every_number() {
    kano()
        .args(["plan", "--precision", "0.1"])
        .assert()
        .success()
        .stdout(predicates::str::contains("93 valid answers"))
        .stdout(predicates::str::contains("137 valid answers"))
        .stdout(predicates::str::contains("Invite 162 respondents"));
}

#[test]
fn out_of_range_values_are_errors_with_a_hint() {
    for (flag, value) in [
        ("--precision", "0"),
        ("--loss", "1"),
        ("--gap", "0"),
        ("--expected", "2"),
    ] {
        kano()
            .args(["plan", flag, value])
            .assert()
            .code(2)
            .stderr(predicates::str::contains(format!("{flag} ")))
            .stderr(predicates::str::contains("e.g."));
    }
}

#[test]
fn analyze_warns_when_a_features_n_leaves_better_or_worse_imprecise() {
    // online-shop's "Pop-up offers" has 24 valid answers: within +/- 0.15, not +/- 0.1.
    kano()
        .args(["analyze", "examples/online-shop.csv"])
        .assert()
        .success()
        .stderr(predicates::str::contains("valid answer(s)").not());
    kano()
        .args([
            "analyze",
            "examples/online-shop.csv",
            "--min-precision",
            "0.1",
        ])
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "feature \"Pop-up offers\": 24 valid answer(s) leave Better or Worse within +/- 0.15 \
             only; +/- 0.1 needs 53",
        ));
    kano()
        .args([
            "analyze",
            "examples/online-shop.csv",
            "--min-precision",
            "0",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "--min-precision 0 is out of range",
        ));
}

#[test]
fn precision_warnings_name_ten_features_and_count_the_rest() {
    // 13 features answered by one respondent each: every one is imprecise.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("small.csv");
    let header: Vec<String> = (1..=13)
        .flat_map(|i| {
            [
                format!("F{i} (functional)"),
                format!("F{i} (dysfunctional)"),
            ]
        })
        .collect();
    let row = vec!["I like it,I dislike it"; 13].join(",");
    std::fs::write(&path, format!("{}\n{row}\n", header.join(","))).unwrap();
    let output = kano().arg("analyze").arg(&path).output().unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    let named = stderr
        .lines()
        .filter(|l| l.contains("valid answer(s) leave"))
        .count();
    assert_eq!(named, 10, "{stderr}");
    assert!(
        stderr.contains(
            "kano: warning: 3 more feature(s) leave Better or Worse wider than +/- 0.15 \
             (`--format json` gives every feature's better_ci and worse_ci)"
        ),
        "{stderr}"
    );
}
