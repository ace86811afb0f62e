//! Nothing changes silently (issue 14): conflicting answer mappings are refused, segment values
//! that are no finite number get their own band, feature names keep the text as written, and
//! long files report repeated answers and how respondents were counted.

use crate::util::{analyze_json, feature, kano};

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn one_label_mapped_to_two_answers_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        &dir,
        "x.csv",
        "A (functional),A (dysfunctional)\nX,I dislike it\nX,I like it\n",
    );
    let output = kano()
        .args([
            "analyze",
            &path,
            "--answer",
            "X=like",
            "--answer",
            "x=dislike",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("--answer \"x=dislike\": the label \"x\" is already mapped to like"),
        "{stderr}"
    );
    // The same mapping twice is fine.
    analyze_json(&[&path, "--answer", "X=like", "--answer", "X=like"]);
    // In an answers file too.
    let answers = write(
        &dir,
        "answers.csv",
        "label,answer\nX,like\nX,like\nx ,dislike\n",
    );
    let output = kano()
        .args(["analyze", &path, "--answers", &answers])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("line 4: label \"x\" maps to dislike, but it is already mapped to like"),
        "{stderr}"
    );
}

#[test]
fn segment_values_that_are_no_finite_number_are_not_banded() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("age,A (functional),A (dysfunctional)\n");
    for age in ["30", "NaN", "inf", "-inf", "70"] {
        text.push_str(&format!("{age},I like it,I dislike it\n"));
    }
    let path = write(&dir, "ages.csv", &text);
    let report = analyze_json(&[&path, "--by", "age", "--bins", "25"]);
    let segments = report.to_string();
    assert!(segments.contains("(not a number)"), "{segments}");
    let bands: Vec<(String, u64)> = report["segments"]["values"]
        .as_array()
        .or_else(|| report["segments"].as_array())
        .map(|values| {
            values
                .iter()
                .map(|s| {
                    (
                        s["value"].as_str().unwrap_or_default().to_string(),
                        s["respondents"].as_u64().unwrap_or_default(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    assert!(
        bands.contains(&(">= 25".to_string(), 2)) && bands.contains(&("(not a number)".into(), 3)),
        "{bands:?} in {segments}"
    );
}

#[test]
fn feature_names_keep_their_text_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        &dir,
        "names.csv",
        "-A (functional),-A (dysfunctional),A (functional),A (dysfunctional),\
         -2+3 (functional),-2+3 (dysfunctional),|pipe|md| (functional),|pipe|md| (dysfunctional)\n\
         I like it,I dislike it,I expect it,I dislike it,I like it,I am neutral,I like it,I like it\n",
    );
    let report = analyze_json(&[&path]);
    for name in ["-A", "A", "-2+3", "|pipe|md|"] {
        feature(&report, name);
    }
}

#[test]
fn long_files_report_repeated_answers_and_ids_that_come_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        &dir,
        "long.csv",
        "respondent,feature,functional,dysfunctional\n\
         r1,A,I like it,I dislike it\n\
         r1,A,I expect it,I dislike it\n\
         r1,B,I like it,I dislike it\n\
         r1,a,I expect it,I dislike it\n\
         r2,A,I like it,I dislike it\n",
    );
    let output = kano()
        .args(["analyze", "--format", "json", &path])
        .output()
        .unwrap();
    assert!(output.status.success());
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "2 row(s) repeat an answer the respondent already gave to the feature in the same \
             run of rows (first: line 3, respondent \"r1\", feature \"A\"); the first answer \
             was kept"
        ),
        "{stderr}"
    );
    // The first answers only: A is one-dimensional (like/dislike) for both respondents.
    assert_eq!(
        crate::util::counts(feature(&report, "A")),
        [0, 2, 0, 0, 0, 0]
    );
    assert_eq!(report["input"]["respondents"], 2, "{report}");

    // Ids that come back are counted once, and said so.
    let path = write(
        &dir,
        "unsorted.csv",
        "respondent,feature,functional,dysfunctional\n\
         r1,A,I like it,I dislike it\n\
         r2,A,I like it,I dislike it\n\
         r1,B,I like it,I dislike it\n",
    );
    let output = kano().args(["analyze", &path]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("respondent ids are not grouped: 2 distinct ids come in 3 runs"),
        "{stderr}"
    );
}
