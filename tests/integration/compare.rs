//! `kano compare`: matching by name, the z-test and drift on two small waves, every format.
//!
//! tests/data/wave1.csv and wave2.csv have 40 respondents each. "Dark mode" moves from
//! attractive (A 24, O 8, I 8) to one-dimensional (A 8, O 24, I 8; spelled "Dark Mode"):
//! Worse goes from -8/40 = -0.20 to -24/40 = -0.60. "Offline mode" stays must-be (M 30, I 10).
//! "Export to PDF" is only in wave 1, "Widgets" only in wave 2.

use kano::compare::{Comparison, Drift};

use crate::util::{data, kano};

fn run(args: &[&str]) -> String {
    let output = kano()
        .arg("compare")
        .args([&data("wave1.csv"), &data("wave2.csv"), "-q"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn comparison() -> Comparison {
    serde_json::from_str(&run(&["--format", "json"])).unwrap()
}

#[test]
fn json_output_deserializes_into_the_documented_envelope() {
    let c = comparison();
    assert_eq!(c.schema_version, 1);
    assert_eq!(c.old.path, "tests/data/wave1.csv");
    assert_eq!(c.new.respondents, Some(40));
    assert_eq!(c.only_old, vec!["Export to PDF".to_string()]);
    assert_eq!(c.only_new, vec!["Widgets".to_string()]);
}

#[test]
fn a_feature_moving_from_attractive_to_one_dimensional_is_habituation_and_significant() {
    let c = comparison();
    let dark = c.features.iter().find(|f| f.name == "Dark Mode").unwrap();
    assert_eq!(dark.old.name, "Dark mode", "matched case-insensitively");
    assert_eq!(dark.old.category.as_deref(), Some("attractive"));
    assert_eq!(dark.new.category.as_deref(), Some("one-dimensional"));
    assert_eq!(dark.drift, Drift::Habituation);
    // p1 = 0.2, p2 = 0.6, pooled 0.4: z = 0.4 / sqrt(0.4 * 0.6 * (2/40)) = 3.6515; Worse is
    // negative, so its change and z are negative.
    assert!((dark.worse_change.unwrap() + 0.4).abs() < 1e-12);
    assert!((dark.worse_z.unwrap() + 3.651_484).abs() < 1e-5);
    assert_eq!(dark.worse_significant, Some(true));
    // Better is 32/40 in both waves.
    assert_eq!(dark.better_change, Some(0.0));
    assert_eq!(dark.better_significant, Some(false));
}

#[test]
fn a_feature_that_stays_put_is_stable_and_not_significant() {
    let c = comparison();
    let offline = c
        .features
        .iter()
        .find(|f| f.name == "Offline mode")
        .unwrap();
    assert_eq!(offline.drift, Drift::Stable);
    assert_eq!(offline.worse_significant, Some(false));
    assert_ne!(offline.better_significant, Some(true));
}

#[test]
fn worse_positive_flips_the_sign_of_the_worse_change() {
    let c: Comparison =
        serde_json::from_str(&run(&["--format", "json", "--worse-positive"])).unwrap();
    let dark = c.features.iter().find(|f| f.name == "Dark Mode").unwrap();
    assert!(dark.worse_z.unwrap() > 1.96);
}

#[test]
fn features_in_one_wave_only_are_warned_about() {
    kano()
        .args(["compare", &data("wave1.csv"), &data("wave2.csv")])
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "\"Export to PDF\" is only in the old wave",
        ))
        .stderr(predicates::str::contains(
            "\"Widgets\" is only in the new wave",
        ));
}

#[test]
fn both_waves_from_standard_input_is_an_error() {
    kano()
        .args(["compare", "-", "-"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("read only once"));
}

#[test]
fn compare_table_format() {
    insta::assert_snapshot!(run(&[]));
}

#[test]
fn compare_markdown_format() {
    insta::assert_snapshot!(run(&["--format", "markdown"]));
}

#[test]
fn compare_csv_format() {
    insta::assert_snapshot!(run(&["--format", "csv"]));
}
