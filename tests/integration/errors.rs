//! Bad input: every case exits 2 with a message naming where, what, and how to fix it.

use crate::util::{data, kano};
use predicates::prelude::*;

fn fails_with(args: &[&str], message: &str) {
    kano()
        .arg("analyze")
        .args(args)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with("kano: "))
        .stderr(predicate::str::contains(message));
}

#[test]
fn empty_file() {
    fails_with(
        &[&data("empty.csv")],
        "tests/data/empty.csv is empty; expected a header row and one row of answers per respondent",
    );
}

#[test]
fn file_of_blank_lines_is_empty() {
    fails_with(&[&data("blank-lines.csv")], "blank-lines.csv is empty");
}

#[test]
fn header_only() {
    fails_with(
        &[&data("header-only.csv")],
        "tests/data/header-only.csv has a header row but no answers",
    );
}

#[test]
fn ragged_row() {
    fails_with(
        &[&data("ragged.csv")],
        "tests/data/ragged.csv line 3: 2 fields, but the header has 3",
    );
}

#[test]
fn invalid_utf8_when_utf8_is_forced() {
    fails_with(
        &[&data("invalid-utf8.csv"), "--encoding", "utf-8"],
        "tests/data/invalid-utf8.csv line 3, column \"Sync (functional)\": bytes that are not valid UTF-8",
    );
}

#[test]
fn unknown_label_names_file_line_column_value_and_the_fix() {
    fails_with(
        &[&data("unknown-label.csv")],
        "tests/data/unknown-label.csv line 2, column \"Sync (dysfunctional)\": unknown answer \"Maybe\"; expected one of like, must-be, neutral, live-with, dislike",
    );
    fails_with(&[&data("unknown-label.csv")], "--answer \"Maybe=neutral\"");
    fails_with(&[&data("unknown-label.csv")], "--skip-invalid");
}

#[test]
fn feature_with_no_valid_pairs_is_reported_not_crashed_on() {
    kano()
        .args(["analyze", &data("no-valid-pairs.csv"), "--format", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"category\": null"))
        .stderr(predicate::str::contains(
            "feature \"Dark\" has no valid answer pair (2 missing, 0 invalid); its results are empty",
        ));
    kano()
        .args(["analyze", "-q", &data("no-valid-pairs.csv")])
        .assert()
        .success()
        .stdout(predicate::str::contains("Dark"));
}

#[test]
fn duplicate_feature_columns() {
    fails_with(
        &[&data("duplicate-feature.csv")],
        "feature \"Sync\" is defined twice (functional columns \"Sync (functional)\" and \"Sync_functional\")",
    );
}

#[test]
fn duplicate_feature_rows_in_counts() {
    fails_with(
        &[&data("duplicate-counts.csv")],
        "feature \"sync\" is defined twice (lines 2 and 3)",
    );
}

#[test]
fn bad_count() {
    fails_with(
        &[&data("bad-count.csv")],
        "bad-count.csv line 2, column \"M\": count \"x\" is not a whole number",
    );
}

#[test]
fn bad_importance_and_its_skip() {
    fails_with(
        &[&data("bad-importance.csv")],
        "line 2, column \"Sync (importance)\": importance \"Quite a lot\" is not a number",
    );
    kano()
        .args(["analyze", &data("bad-importance.csv"), "--skip-invalid"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "feature \"Sync\": skipped 1 importance cell(s) that are not numbers",
        ));
}

#[test]
fn missing_file() {
    fails_with(
        &["no/such/survey.csv"],
        "no/such/survey.csv: No such file or directory",
    );
    fails_with(&["no/such/survey.csv"], "check the path");
}

#[test]
fn directory_instead_of_file() {
    fails_with(&["tests"], "tests: is a directory");
}

#[test]
fn undecidable_layout_names_the_flags() {
    fails_with(&[&data("undecidable.csv")], "cannot tell the layout");
    fails_with(
        &[&data("undecidable.csv")],
        "add --layout long with --feature-col",
    );
}

#[test]
fn long_layout_without_its_columns_names_the_flag() {
    fails_with(
        &[&data("undecidable.csv"), "--layout", "long"],
        "long layout needs a \"feature\" column, and the header has none (it has: \"name\", \"score\", \"comment\"); name the column with --feature-col COLUMN",
    );
}

#[test]
fn malformed_flags() {
    fails_with(
        &[&data("long-basic.csv"), "--answer", "Maybe"],
        "--answer \"Maybe\" has no '='",
    );
    fails_with(
        &[&data("long-basic.csv"), "--answer", "Maybe=perhaps"],
        "\"perhaps\" is not an answer",
    );
    fails_with(
        &[&data("long-basic.csv"), "--tie-order", "MOA"],
        "invalid tie order \"MOA\"",
    );
    fails_with(
        &[&data("long-basic.csv"), "--mixed-threshold", "150"],
        "outside 0-100",
    );
    fails_with(
        &[&data("long-basic.csv"), "--delimiter", ";;"],
        "is not one ASCII character",
    );
    fails_with(
        &[&data("long-basic.csv"), "--answers", "nope.csv"],
        "nope.csv: No such file",
    );
}

#[test]
fn malformed_answers_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("answers.csv");
    std::fs::write(&file, "Maybe,perhaps\n").unwrap();
    kano()
        .args(["analyze", &data("long-basic.csv"), "--answers"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "line 1: label \"Maybe\" maps to \"perhaps\", which is not an answer",
        ));
}

#[test]
fn usage_errors_exit_two() {
    kano().args(["analyze"]).assert().code(2);
    kano()
        .args(["analyze", "x.csv", "--format", "yaml"])
        .assert()
        .code(2);
    kano().args(["frobnicate"]).assert().code(2);
}

#[test]
fn counts_too_large_to_add_up_exactly_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.csv");
    std::fs::write(
        &file,
        "feature,A,O,M,I,R,Q\nx,18446744073709551615,1,0,0,0,0\n",
    )
    .unwrap();
    fails_with(
        &[file.to_str().unwrap()],
        "line 2, column \"A\": count \"18446744073709551615\" is too large",
    );
    std::fs::write(&file, "feature,A,O,M,I,R,Q\nx,9007199254740992,1,0,0,0,0\n").unwrap();
    fails_with(&[file.to_str().unwrap()], "column \"O\": count \"1\"");
}

#[test]
fn forcing_more_header_rows_than_the_file_has_says_so() {
    fails_with(
        &[&data("header-only.csv"), "--header-rows", "3"],
        "--header-rows 3, but the file has only 1 row(s)",
    );
}

#[test]
fn lines_ending_in_a_lone_carriage_return_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mac.csv");
    std::fs::write(
        &file,
        "a (functional),a (dysfunctional)\rI like it,I dislike it\r\rI like it,Bogus\r",
    )
    .unwrap();
    fails_with(
        &[file.to_str().unwrap()],
        "mac.csv line 4, column \"a (dysfunctional)\"",
    );
}
