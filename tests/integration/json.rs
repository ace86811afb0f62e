//! The JSON contract: real stdout deserializes into structs that deny unknown fields, so any
//! added, renamed or removed key fails here first. Defined independently of the library's types.

#![allow(non_snake_case, dead_code)]

use serde::Deserialize;

use crate::util::kano;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Report {
    schema_version: u32,
    kano_version: String,
    input: Input,
    settings: Settings,
    reading: Reading,
    respondent_checks: Option<Checks>,
    features: Vec<Feature>,
    segment_by: Option<String>,
    segments: Vec<Segment>,
    #[serde(default)]
    segment_tests: Vec<SegmentTest>,
    #[serde(default)]
    refined_importance: Option<f64>,
    warnings: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SegmentTest {
    name: String,
    segments: u64,
    categories: Option<Test>,
    better: Option<Test>,
    worse: Option<Test>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Test {
    statistic: f64,
    df: u64,
    p: f64,
    p_holm: f64,
    method: String,
    replicates: Option<u64>,
    seed: Option<u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Reading {
    encoding: String,
    gzip: bool,
    sheet: Option<String>,
    delimiter: String,
    header_rows: usize,
    pairing: String,
    ignored_columns: Vec<String>,
    #[serde(default)]
    inferred_answers: Vec<Inferred>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Inferred {
    label: String,
    answer: String,
    cues: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Checks {
    respondents: u64,
    with_questionable: u64,
    straight_liners: u64,
    dropped: u64,
    drop_threshold: Option<f64>,
    dropped_indifferent: u64,
    max_indifferent: Option<u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Segment {
    value: String,
    respondents: u64,
    features: Vec<Feature>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    path: String,
    layout: String,
    respondents: Option<u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Settings {
    table: String,
    rule: String,
    tie_order: String,
    mixed_threshold: f64,
    worse_positive: bool,
    convention: String,
    strength: String,
    fong: String,
    continuous_scale: String,
    refined: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Counts<T> {
    A: T,
    O: T,
    M: T,
    I: T,
    R: T,
    Q: T,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Continuous {
    functional_mean: Option<f64>,
    functional_sd: Option<f64>,
    dysfunctional_mean: Option<f64>,
    dysfunctional_sd: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Importance {
    mean: f64,
    n: u64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Feature {
    name: String,
    rank: usize,
    n: u64,
    missing: u64,
    invalid: u64,
    counts: Counts<u64>,
    percentages: Option<Counts<f64>>,
    category: Option<String>,
    category_label: Option<String>,
    second_category: Option<String>,
    category_strength: Option<f64>,
    total_strength: Option<f64>,
    mixed: bool,
    fong_significant: Option<bool>,
    better: Option<f64>,
    better_ci: Option<[f64; 2]>,
    worse: Option<f64>,
    worse_ci: Option<[f64; 2]>,
    continuous: Continuous,
    importance: Option<Importance>,
    action: Option<String>,
    #[serde(default)]
    refined_category: Option<Option<String>>,
}

fn report(args: &[&str]) -> Report {
    let output = kano()
        .arg("analyze")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    serde_json::from_slice(&output.stdout).expect("stdout matches the documented JSON schema")
}

const CATEGORIES: [&str; 6] = [
    "must-be",
    "one-dimensional",
    "attractive",
    "indifferent",
    "reverse",
    "questionable",
];
const ACTIONS: [&str; 6] = ["fulfil", "invest", "delight", "save", "remove", "review"];

#[test]
fn every_example_matches_the_schema_and_its_invariants() {
    for file in [
        "examples/online-shop.csv",
        "examples/banking-app-long.csv",
        "examples/published-counts.csv",
        "tests/data/no-valid-pairs.csv",
    ] {
        let args = if file.contains("online-shop") {
            vec![file, "--by", "plan"]
        } else {
            vec![file]
        };
        let r = report(&args);
        if file.contains("online-shop") {
            assert_eq!(r.segment_by.as_deref(), Some("plan"));
            assert_eq!(r.segments.len(), 2);
            let total: u64 = r.segments.iter().map(|s| s.respondents).sum();
            assert_eq!(Some(total), r.input.respondents);
            assert_eq!(r.segment_tests.len(), r.features.len());
            for t in &r.segment_tests {
                for test in [&t.categories, &t.better, &t.worse].into_iter().flatten() {
                    assert!((0.0..=1.0).contains(&test.p) && test.p <= test.p_holm);
                    assert!(test.p_holm <= 1.0 && test.statistic >= 0.0 && test.df >= 1);
                    let simulated = test.method == "monte-carlo";
                    assert_eq!(test.seed.is_some(), simulated, "{}", t.name);
                    assert_eq!(test.replicates.is_some(), simulated, "{}", t.name);
                }
            }
        } else {
            assert!(r.segments.is_empty() && r.segment_by.is_none());
            assert!(r.segment_tests.is_empty());
        }
        assert_eq!(r.schema_version, 1);
        assert_eq!(r.kano_version, env!("CARGO_PKG_VERSION"));
        assert_eq!(r.settings.table, "standard");
        assert_eq!(r.settings.rule, "mode");
        assert_eq!(r.settings.tie_order, "MOAIRQ");
        assert_eq!(r.settings.mixed_threshold, 6.0);
        assert_eq!(r.settings.convention, "berger-1993");
        assert_eq!(
            (r.settings.strength.as_str(), r.settings.fong.as_str()),
            ("runner-up", "runner-up")
        );
        assert_eq!(r.settings.continuous_scale, "dumouchel");
        let segment_features = r.segments.iter().flat_map(|s| s.features.iter());
        for f in r.features.iter().chain(segment_features) {
            let c = &f.counts;
            assert_eq!(f.n, c.A + c.O + c.M + c.I + c.R + c.Q, "{file} {}", f.name);
            match &f.category {
                Some(category) => {
                    assert!(CATEGORIES.contains(&category.as_str()));
                    assert!(ACTIONS.contains(&f.action.as_deref().unwrap()));
                    let p = f.percentages.as_ref().unwrap();
                    let total = p.A + p.O + p.M + p.I + p.R + p.Q;
                    assert!((total - 100.0).abs() < 1e-9);
                    let label = f.category_label.as_deref().unwrap();
                    if f.mixed {
                        assert!(label.ends_with(" mixed") && label.len() == 9, "{label}");
                    } else {
                        assert_eq!(label, category);
                    }
                }
                None => {
                    assert_eq!(f.n, 0);
                    assert!(f.category_label.is_none());
                    assert!(f.action.is_none() && f.better.is_none() && f.percentages.is_none());
                }
            }
            if let (Some(b), Some([lo, hi])) = (f.better, f.better_ci) {
                assert!((0.0..=1.0).contains(&b) && lo <= b && b <= hi);
            }
            if let (Some(w), Some([lo, hi])) = (f.worse, f.worse_ci) {
                assert!((-1.0..=0.0).contains(&w) && lo <= w && w <= hi);
            }
        }
    }
}
