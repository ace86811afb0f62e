//! `kano inspect`, `kano init` and `--spec`: the reading shown, written down, and replayed.

use std::path::{Path, PathBuf};

use crate::util::{data, kano};
use predicates::prelude::*;

fn json(args: &[&str]) -> Option<serde_json::Value> {
    let output = kano().args(args).output().unwrap();
    output
        .status
        .success()
        .then(|| serde_json::from_slice(&output.stdout).unwrap())
}

/// Every survey fixture and example that analyses without flags.
fn readable_fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["tests/data", "tests/data/exports", "examples"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_file()
                && !path
                    .extension()
                    .is_some_and(|e| e == "json" || e == "rs" || e == "toml")
            {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn init_then_analyze_with_the_spec_gives_the_same_result_on_every_fixture() {
    let dir = tempfile::tempdir().unwrap();
    let mut checked = 0;
    for file in readable_fixtures() {
        let file = file.to_str().unwrap();
        let Some(direct) = json(&["analyze", file, "--format", "json", "-q"]) else {
            continue; // fixtures of bad input: they have their own tests
        };
        let spec = dir.path().join("kano.toml");
        kano()
            .args(["init", file, "-o"])
            .arg(&spec)
            .assert()
            .success();
        let replayed = json(&[
            "analyze",
            file,
            "--spec",
            spec.to_str().unwrap(),
            "--format",
            "json",
            "-q",
        ])
        .unwrap_or_else(|| panic!("--spec written by init fails on {file}"));
        for key in [
            "input",
            "settings",
            "features",
            "segments",
            "respondent_checks",
        ] {
            assert_eq!(direct[key], replayed[key], "{file}: {key} differs");
        }
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} fixtures round-tripped");
}

#[test]
fn init_records_flags_and_segments() {
    let output = kano()
        .args([
            "init",
            "examples/online-shop.csv",
            "--by",
            "plan",
            "--table",
            "modified",
            "--answer",
            "Nope=dislike",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("[segments]\nby = \"plan\""), "{text}");
    assert!(text.contains("table = \"modified\""), "{text}");
    assert!(text.contains("\"nope\" = \"dislike\""), "{text}");
    assert!(
        text.contains("[[feature]]\nname = \"Live chat\"\nfunctional = \"Live chat (functional)\"")
    );
}

#[test]
fn flags_win_over_the_spec() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("kano.toml");
    std::fs::write(
        &spec,
        "[analysis]\ntable = \"modified\"\nrule = \"berger\"\n",
    )
    .unwrap();
    let spec = spec.to_str().unwrap();
    let from_spec = json(&[
        "analyze",
        "examples/published-counts.csv",
        "--spec",
        spec,
        "--format",
        "json",
    ])
    .unwrap();
    assert_eq!(from_spec["settings"]["table"], "modified");
    assert_eq!(from_spec["settings"]["rule"], "berger");
    let overridden = json(&[
        "analyze",
        "examples/published-counts.csv",
        "--spec",
        spec,
        "--rule",
        "mode",
        "--format",
        "json",
    ])
    .unwrap();
    assert_eq!(overridden["settings"]["table"], "modified");
    assert_eq!(overridden["settings"]["rule"], "mode");
}

#[test]
fn spec_features_rename_and_select_columns() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("kano.toml");
    std::fs::write(
        &spec,
        "[[feature]]\nname = \"Chat\"\nfunctional = \"Live chat (functional)\"\ndysfunctional = \"Live chat (dysfunctional)\"\n",
    )
    .unwrap();
    let report = json(&[
        "analyze",
        "examples/online-shop.csv",
        "--spec",
        spec.to_str().unwrap(),
        "--format",
        "json",
        "-q",
    ])
    .unwrap();
    let features = report["features"].as_array().unwrap();
    assert_eq!(features.len(), 1);
    assert_eq!(features[0]["name"], "Chat");
    assert_eq!(report["reading"]["pairing"], "explicit pairs");
}

#[test]
fn a_bad_spec_names_the_file_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("kano.toml");
    std::fs::write(&spec, "layout = \"wide\"\nlayot = \"long\"\n").unwrap();
    kano()
        .args(["analyze", "examples/online-shop.csv", "--spec"])
        .arg(&spec)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "kano.toml line 2, column 1: unknown field `layot`",
        ));
    std::fs::write(&spec, "[analysis]\nrule = \"majority\"\n").unwrap();
    kano()
        .args(["analyze", "examples/online-shop.csv", "--spec"])
        .arg(&spec)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "kano.toml line 2, key \"analysis.rule\": \"majority\" is not valid; expected mode, \
             berger or close-call",
        ));
    kano()
        .args([
            "analyze",
            "examples/online-shop.csv",
            "--spec",
            "missing.toml",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--spec missing.toml: the spec file does not exist",
        ));
}

#[test]
fn check_rules_come_from_the_spec() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("kano.toml");
    std::fs::write(&spec, "[check]\nexpect = [\"Live chat=must-be\"]\n").unwrap();
    kano()
        .args(["check", "examples/online-shop.csv", "-q", "--spec"])
        .arg(&spec)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("Live chat"));
    std::fs::write(
        &spec,
        "[check]\nexpect = [\"Live chat=attractive\"]\nmin-respondents = 10\n",
    )
    .unwrap();
    kano()
        .args(["check", "examples/online-shop.csv", "-q", "--spec"])
        .arg(&spec)
        .assert()
        .success();
}

#[test]
fn inspect_shows_the_reading_and_marks_unknown_labels() {
    kano()
        .args(["inspect", &data("unknown-label.csv")])
        .assert()
        .success()
        .stdout(predicate::str::contains("Encoding     utf-8"))
        .stdout(predicate::str::contains("Delimiter    comma"))
        .stdout(predicate::str::contains("Layout       wide"))
        .stdout(predicate::str::contains(
            "      Sync (functional)\n      Sync (dysfunctional)",
        ))
        .stdout(predicate::str::contains(
            "1  Maybe -> UNKNOWN (map it with --answer)",
        ))
        .stdout(predicate::str::contains("2  I like it -> like"));
    let report = json(&[
        "inspect",
        &data("bom-semicolon-crlf.csv"),
        "--format",
        "json",
    ])
    .unwrap();
    assert_eq!(report["encoding"], "utf-8 (BOM)");
    assert_eq!(report["delimiter"], "semicolon");
    assert_eq!(report["header_rows"], 1);
    assert_eq!(report["features"][0]["columns"][0], "Sync (functional)");
    assert_eq!(report["ignored_columns"][0], "id");
    let labels = report["labels"].as_array().unwrap();
    assert!(labels
        .iter()
        .any(|l| l["label"] == "I dislike it" && l["count"] == 2 && l["answer"] == "dislike"));
}

#[test]
fn the_spec_takes_max_indifferent_and_init_writes_it() {
    let file = "tests/data/exports/respondent-checks.csv";
    let written = kano()
        .args(["init", file, "--max-indifferent", "0"])
        .output()
        .unwrap();
    let text = String::from_utf8(written.stdout).unwrap();
    assert!(text.contains("[segments]\nmax_indifferent = 0\n"), "{text}");

    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("kano.toml");
    std::fs::write(&spec, "[segments]\nmax_indifferent = 0\n").unwrap();
    let spec = spec.to_str().unwrap();
    let features = |report: serde_json::Value| report["features"].clone();
    let from_spec = json(&["analyze", file, "--spec", spec, "--format", "json"]).unwrap();
    let from_flag = json(&[
        "analyze",
        file,
        "--max-indifferent",
        "0",
        "--format",
        "json",
    ])
    .unwrap();
    let plain = json(&["analyze", file, "--format", "json"]).unwrap();
    assert_eq!(features(from_spec.clone()), features(from_flag));
    assert_ne!(features(from_spec), features(plain));
    // The flag wins over the spec.
    let overridden = json(&[
        "analyze",
        file,
        "--spec",
        spec,
        "--max-indifferent",
        "5",
        "--format",
        "json",
    ])
    .unwrap();
    assert_eq!(
        features(overridden),
        features(json(&["analyze", file, "--format", "json"]).unwrap())
    );
}
