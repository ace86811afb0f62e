//! `kano analyze` on every layout and flag.

use crate::util::{analyze_json, counts, data, feature, kano};
use predicates::prelude::*;

#[test]
fn wide_columns_pair_by_name_in_every_documented_form() {
    let report = analyze_json(&[&data("wide-header-forms.csv")]);
    let names: Vec<&str> = report["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(sorted, ["Chat", "Dark mode", "Export", "F1", "F10", "Sync"]);
    assert_eq!(report["input"]["layout"], "wide");
    assert_eq!(report["input"]["respondents"], 3);
    // Dark mode's dysfunctional column comes first: like/dislike twice, like/live-with once.
    assert_eq!(counts(feature(&report, "Dark mode")), [1, 2, 0, 0, 0, 0]);
    // F1 and F10 never mix: F1 is like/neutral, like/live-with, dislike/like.
    assert_eq!(counts(feature(&report, "F1")), [2, 0, 0, 0, 1, 0]);
    assert_eq!(counts(feature(&report, "F10")), [0, 0, 3, 0, 0, 0]);
    assert_eq!(feature(&report, "Dark mode")["importance"]["n"], 3);
    assert_eq!(feature(&report, "Dark mode")["importance"]["mean"], 7.0);
    let warnings = report["warnings"].to_string();
    assert!(warnings.contains("Orphan (functional)"), "{warnings}");
    // A respondent id is a reading fact, not a warning.
    assert!(!warnings.contains("respondent"), "{warnings}");
    assert_eq!(
        report["reading"]["ignored_columns"],
        serde_json::json!(["respondent"])
    );
}

#[test]
fn unpaired_columns_are_warned_about_on_stderr_and_bookkeeping_columns_are_not() {
    kano()
        .args(["analyze", &data("wide-header-forms.csv")])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "kano: warning: 1 question column(s) have no functional/dysfunctional twin and were ignored: \"Orphan (functional)\"",
        ))
        .stderr(predicate::str::contains("respondent").not());
}

/// The flagship example runs without a warning: its `respondent` and `plan` columns are noted in
/// the reading sections (HTML, Markdown), not warned about on stderr or in the report.
#[test]
fn the_flagship_example_notes_its_bookkeeping_columns_without_warning() {
    let example = "examples/online-shop.csv";
    kano()
        .args(["analyze", example])
        .assert()
        .success()
        .stderr("");
    let html = kano().args(["report", example]).output().unwrap();
    assert!(html.status.success());
    assert!(
        html.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&html.stderr)
    );
    let html = String::from_utf8(html.stdout).unwrap();
    let notes = html.split("<ul class=\"notes\">").nth(1).unwrap();
    let notes = &notes[..notes.find("</ul>").unwrap()];
    assert!(
        notes.contains("&quot;respondent&quot;, &quot;plan&quot;"),
        "{notes}"
    );
    assert!(html.contains("No warnings."));
    let markdown = kano()
        .args(["analyze", example, "-f", "markdown"])
        .output()
        .unwrap();
    let markdown = String::from_utf8(markdown.stdout).unwrap();
    assert!(markdown.contains("## Notes"), "{markdown}");
    assert!(!markdown.contains("## Warnings"), "{markdown}");
}

/// The README's Quick start shows what `kano analyze examples/online-shop.csv` really prints
/// (stderr, then stdout).
#[test]
fn readme_quick_start_sample_is_real_output() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let command = "$ kano analyze examples/online-shop.csv\n";
    let start = readme.find(command).unwrap() + command.len();
    let expected = &readme[start..start + readme[start..].find("```").unwrap()];
    let output = kano()
        .args(["analyze", "examples/online-shop.csv"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let actual = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stderr),
        String::from_utf8_lossy(&output.stdout)
    );
    assert_eq!(actual, expected);
}

#[test]
fn quiet_silences_warnings_but_json_keeps_them() {
    kano()
        .args(["analyze", "-q", &data("wide-header-forms.csv")])
        .assert()
        .success()
        .stderr("");
}

#[test]
fn whole_labels_decode_and_prefixes_do_not_mislead() {
    let report = analyze_json(&[&data("prefix-trap.csv")]);
    // dislike/live-with = R, like/dislike = O, like/neutral = A.
    assert_eq!(counts(feature(&report, "Sync")), [1, 1, 0, 0, 1, 0]);
}

#[test]
fn long_layout_reads_features_importance_and_respondents() {
    let report = analyze_json(&[&data("long-basic.csv")]);
    assert_eq!(report["input"]["layout"], "long");
    assert_eq!(report["input"]["respondents"], 3);
    let dark = feature(&report, "Dark mode");
    assert_eq!(counts(dark), [1, 1, 0, 1, 0, 0]);
    assert_eq!(dark["importance"]["mean"], 5.0);
    let sync = feature(&report, "Sync");
    assert_eq!(counts(sync), [0, 0, 2, 0, 0, 0]);
    assert_eq!(sync["missing"], 1);
    assert_eq!(sync["importance"]["n"], 2);
}

#[test]
fn long_layout_takes_other_column_names_from_flags() {
    let report = analyze_json(&[
        &data("long-custom-columns.csv"),
        "--feature-col",
        "measure",
        "--functional-col",
        "presence",
        "--dysfunctional-col",
        "absence",
        "--respondent-col",
        "resp",
    ]);
    assert_eq!(report["input"]["layout"], "long");
    assert_eq!(report["input"]["respondents"], 3);
    assert_eq!(counts(feature(&report, "m1")), [1, 2, 0, 0, 0, 0]);
    assert_eq!(counts(feature(&report, "m2")), [0, 0, 0, 1, 0, 0]);
}

#[test]
fn counts_layout_reanalyses_a_published_table() {
    let report = analyze_json(&[&data("counts-stp25kano.csv")]);
    assert_eq!(report["input"]["layout"], "counts");
    assert_eq!(report["input"]["respondents"], serde_json::Value::Null);
    let service = feature(&report, "Service app");
    assert_eq!(counts(service), [45, 123, 95, 33, 0, 0]);
    assert_eq!(service["category"], "one-dimensional");
    assert_eq!(
        service["continuous"]["functional_mean"],
        serde_json::Value::Null
    );
    let hotline = feature(&report, "Hotline");
    assert_eq!(hotline["category"], "indifferent");
    assert_eq!(hotline["second_category"], "attractive");
    assert_eq!(hotline["mixed"], true);
    assert_eq!(hotline["fong_significant"], false);
}

#[test]
fn counts_layout_accepts_full_category_names_and_ignores_other_columns() {
    let report = analyze_json(&[
        &data("counts-full-names.csv"),
        "--table",
        "modified",
        "--rule",
        "berger",
    ]);
    let convenient = feature(&report, "Convenient transfers");
    assert_eq!(convenient["category"], "one-dimensional");
    assert_eq!(
        format!("{:.7}", convenient["better"].as_f64().unwrap()),
        "0.5840979"
    );
    assert_eq!(
        format!("{:.7}", convenient["worse"].as_f64().unwrap()),
        "-0.5504587"
    );
    assert_eq!(
        feature(&report, "Responsive transfers")["category"],
        "attractive"
    );
    assert!(report["warnings"]
        .to_string()
        .contains("\\\"Category\\\", \\\"Importance\\\", \\\"Total\\\""));
}

#[test]
fn rule_berger_and_mode_disagree_on_the_retail_wifi_example() {
    let mode = analyze_json(&[&data("counts-full-names.csv")]);
    let berger = analyze_json(&[&data("counts-full-names.csv"), "--rule", "berger"]);
    assert_eq!(
        feature(&mode, "Free in-store WiFi")["category"],
        "indifferent"
    );
    assert_eq!(
        feature(&berger, "Free in-store WiFi")["category"],
        "attractive"
    );
    assert_eq!(berger["settings"]["rule"], "berger");
}

#[test]
fn forced_layout_overrides_detection() {
    kano()
        .args(["analyze", &data("long-basic.csv"), "--layout", "counts"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "counts layout needs columns named A, O, M, I",
        ));
}

#[test]
fn modified_table_moves_must_be_must_be_and_live_with_live_with_to_questionable() {
    let standard = analyze_json(&[&data("modified-cells.csv")]);
    let modified = analyze_json(&[&data("modified-cells.csv"), "--table", "modified"]);
    assert_eq!(counts(feature(&standard, "Sync")), [0, 1, 0, 3, 0, 0]);
    assert_eq!(counts(feature(&modified, "Sync")), [0, 1, 0, 1, 0, 2]);
    assert_eq!(modified["settings"]["table"], "modified");
}

#[test]
fn reverse_numeric_reads_five_as_like() {
    let report = analyze_json(&[&data("numeric-reversed.csv"), "--reverse-numeric"]);
    // 5/1 -> like/dislike = O; 4/1 -> must-be/dislike = M; 5/3 -> like/neutral = A.
    assert_eq!(counts(feature(&report, "Sync")), [1, 1, 1, 0, 0, 0]);
}

#[test]
fn custom_wordings_map_from_flags_csv_and_json() {
    let by_flags = analyze_json(&[
        &data("custom-wording.csv"),
        "--answer",
        "For me, it's a must-have.=must-be",
        "--answer",
        "Nice to have=like",
        "--answer",
        "Not needed=neutral",
    ]);
    let by_csv = analyze_json(&[
        &data("custom-wording.csv"),
        "--answers",
        &data("custom-answers.csv"),
    ]);
    let by_json = analyze_json(&[
        &data("custom-wording.csv"),
        "--answers",
        &data("custom-answers.json"),
    ]);
    for report in [&by_flags, &by_csv, &by_json] {
        // must-be/neutral = I, like/neutral = A.
        assert_eq!(counts(feature(report, "Sync")), [1, 0, 0, 1, 0, 0]);
    }
}

#[test]
fn skip_invalid_counts_unknown_labels_and_reports_them() {
    let report = analyze_json(&[&data("unknown-label.csv"), "--skip-invalid"]);
    let sync = feature(&report, "Sync");
    assert_eq!(sync["invalid"], 1);
    assert_eq!(sync["n"], 1);
    assert!(report["warnings"].to_string().contains("Maybe"));
    kano()
        .args(["analyze", &data("unknown-label.csv"), "--skip-invalid"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "feature \"Sync\": skipped 1 answer pair(s) with unknown labels (\"Maybe\" x1)",
        ));
}

#[test]
fn empty_cells_are_missing_answers_not_errors() {
    let report = analyze_json(&[&data("missing-answers.csv")]);
    assert_eq!(feature(&report, "Sync")["missing"], 2);
    assert_eq!(feature(&report, "Sync")["n"], 1);
    assert_eq!(feature(&report, "Dark")["missing"], 1);
    assert_eq!(feature(&report, "Dark")["n"], 2);
}

#[test]
fn bom_semicolons_and_crlf_without_final_newline_read_cleanly() {
    let report = analyze_json(&[&data("bom-semicolon-crlf.csv")]);
    assert_eq!(report["input"]["respondents"], 3);
    assert_eq!(counts(feature(&report, "Sync")), [1, 1, 1, 0, 0, 0]);
}

#[test]
fn stdin_is_read_with_a_dash() {
    let input = std::fs::read(data("long-basic.csv")).unwrap();
    let output = kano()
        .args(["analyze", "-", "--format", "json"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(output.status.success());
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["input"]["path"], "<stdin>");
    assert_eq!(report["features"].as_array().unwrap().len(), 2);
}

#[test]
fn forced_delimiter_is_used() {
    kano()
        .args([
            "analyze",
            &data("bom-semicolon-crlf.csv"),
            "--delimiter",
            ",",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot tell the layout"));
    let report = analyze_json(&[&data("bom-semicolon-crlf.csv"), "--delimiter", ";"]);
    assert_eq!(report["input"]["respondents"], 3);
}

#[test]
fn worse_positive_flips_worse() {
    let normal = analyze_json(&[&data("counts-stp25kano.csv")]);
    let positive = analyze_json(&[&data("counts-stp25kano.csv"), "--worse-positive"]);
    let a = feature(&normal, "Service app")["worse"].as_f64().unwrap();
    let b = feature(&positive, "Service app")["worse"].as_f64().unwrap();
    assert!(a < 0.0);
    assert_eq!(a, -b);
    assert_eq!(positive["settings"]["worse_positive"], true);
}

#[test]
fn tie_order_and_mixed_threshold_are_configurable() {
    let strict = analyze_json(&[&data("counts-stp25kano.csv"), "--mixed-threshold", "0.5"]);
    assert_eq!(feature(&strict, "Hotline")["mixed"], false);
    assert_eq!(strict["settings"]["mixed_threshold"], 0.5);
    let reordered = analyze_json(&[&data("counts-stp25kano.csv"), "--tie-order", "AOMIRQ"]);
    assert_eq!(reordered["settings"]["tie_order"], "AOMIRQ");
}

fn order(args: &[&str]) -> Vec<String> {
    let report = analyze_json(args);
    report["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn sort_orders_features_by_every_key() {
    let file = "examples/online-shop.csv";
    let priority = order(&[file]);
    assert_eq!(priority.last().unwrap(), "Pop-up offers");
    let report = analyze_json(&[file]);
    let categories: Vec<&str> = report["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["category"].as_str().unwrap())
        .collect();
    let rank = |c: &str| {
        [
            "must-be",
            "one-dimensional",
            "attractive",
            "indifferent",
            "reverse",
            "questionable",
        ]
        .iter()
        .position(|x| *x == c)
        .unwrap()
    };
    assert!(
        categories.windows(2).all(|w| rank(w[0]) <= rank(w[1])),
        "{categories:?}"
    );
    let ranks: Vec<u64> = report["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rank"].as_u64().unwrap())
        .collect();
    assert_eq!(ranks, (1..=6).collect::<Vec<u64>>());

    let input = order(&[file, "--sort", "input"]);
    assert_eq!(input[0], "24/7 availability");
    let mut names = input.clone();
    names.sort_by_key(|n| n.to_lowercase());
    assert_eq!(order(&[file, "--sort", "name"]), names);

    for (key, field) in [
        ("better", "better"),
        ("worse", "worse"),
        ("importance", "importance"),
    ] {
        let report = analyze_json(&[file, "--sort", key]);
        let values: Vec<f64> = report["features"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| match field {
                "importance" => f["importance"]["mean"].as_f64().unwrap(),
                _ => f[field].as_f64().unwrap().abs(),
            })
            .collect();
        assert!(values.windows(2).all(|w| w[0] >= w[1]), "{key}: {values:?}");
    }
    let report = analyze_json(&[file, "--sort", "impact"]);
    let impacts: Vec<f64> = report["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            f["better"]
                .as_f64()
                .unwrap()
                .hypot(f["worse"].as_f64().unwrap())
        })
        .collect();
    assert!(impacts.windows(2).all(|w| w[0] >= w[1]), "{impacts:?}");
}

#[test]
fn output_file_is_written_whole_and_nothing_is_left_on_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("result.json");
    kano()
        .args([
            "analyze",
            "examples/online-shop.csv",
            "--format",
            "json",
            "-o",
        ])
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    let written: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(written["schema_version"], 1);

    let failed = dir.path().join("failed.json");
    kano()
        .args([
            "analyze",
            &data("unknown-label.csv"),
            "--format",
            "json",
            "-o",
        ])
        .arg(&failed)
        .assert()
        .code(2);
    assert!(!failed.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "a temporary file was left behind"
    );
}

#[test]
fn output_to_a_missing_directory_fails_before_reading() {
    kano()
        .args([
            "analyze",
            "examples/online-shop.csv",
            "-o",
            "/nonexistent-dir/x.json",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "/nonexistent-dir/x.json: cannot write here",
        ));
}

#[test]
fn color_is_off_in_pipes_and_on_when_forced_and_no_color_is_honoured() {
    let plain = kano()
        .args(["analyze", "-q", "examples/online-shop.csv"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&plain.stdout).contains('\u{1b}'));
    let forced = kano()
        .args([
            "analyze",
            "-q",
            "examples/online-shop.csv",
            "--color",
            "always",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&forced.stdout).contains("\u{1b}["));
    let never = kano()
        .args([
            "analyze",
            "-q",
            "examples/online-shop.csv",
            "--color",
            "auto",
        ])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&never.stdout).contains('\u{1b}'));
}

#[test]
fn table_fits_in_eighty_columns() {
    let output = kano()
        .args(["analyze", "-q", "examples/online-shop.csv"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line:?}");
    }
}

#[test]
fn closed_stdout_exits_zero_silently() {
    use std::process::{Command, Stdio};
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("kano"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "analyze",
            "-q",
            "examples/online-shop.csv",
            "--format",
            "csv",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[test]
fn control_characters_in_names_are_neutralised_in_the_table() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("evil.csv");
    std::fs::write(
        &file,
        "id,\u{1b}[31mRed\u{7} (functional),\u{1b}[31mRed\u{7} (dysfunctional)\n1,1,5\n",
    )
    .unwrap();
    let output = kano().args(["analyze", "-q"]).arg(&file).output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
    assert!(text.contains("\\u{1b}[31mRed\\u{7}"), "{text}");
}

#[test]
fn a_terminal_gets_a_one_line_summary_of_the_reading_on_stderr() {
    let Some(text) = crate::util::in_terminal("analyze tests/data/bom-semicolon-crlf.csv") else {
        return;
    };
    assert!(
        text.contains("kano: read tests/data/bom-semicolon-crlf.csv: utf-8 (BOM), semicolon, 1 header row(s), wide layout, 1 feature(s) by header names, 3 respondents"),
        "{text}"
    );
    // In a pipe (as everywhere else in these tests) there is no such line.
    kano()
        .args(["analyze", &data("bom-semicolon-crlf.csv")])
        .assert()
        .success()
        .stderr(predicate::str::contains("kano: read ").not());
}

#[test]
fn the_table_fits_the_terminal_width_or_the_width_asked_for() {
    let long = "Export every monthly statement as a searchable PDF with the bank's letterhead";
    for columns in [60u16, 120, 200] {
        let Some(lines) = crate::util::in_terminal_of(
            columns,
            "analyze tests/data/long-names.csv -q --color never",
        ) else {
            return;
        };
        let widest = lines.iter().map(|l| l.chars().count()).max().unwrap();
        assert!(widest <= usize::from(columns), "{columns}: {lines:#?}");
        let rows = lines.iter().filter(|l| l.contains("Dark mode")).count();
        assert_eq!(rows, 1, "{columns}: {lines:#?}");
        if columns == 200 {
            assert!(
                widest > 100,
                "a wide terminal gets a wide table: {lines:#?}"
            );
            assert!(lines.iter().any(|l| l.contains(long)), "{lines:#?}");
        }
    }
    let text = |args: &[&str]| {
        let output = kano()
            .args(["analyze", &data("long-names.csv"), "-q"])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    let widest = |t: String| t.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest(text(&[])) <= 80, "80 columns when not a terminal");
    assert!(widest(text(&["--width", "150"])) > 100);
    assert!(widest(text(&["--width", "50"])) <= 50);
}

#[test]
fn color_auto_honours_clicolor_force_and_no_color() {
    let run = |vars: &[(&str, &str)]| {
        let mut cmd = kano();
        cmd.args(["analyze", "examples/online-shop.csv", "-q"]);
        for (k, v) in vars {
            cmd.env(k, v);
        }
        String::from_utf8(cmd.output().unwrap().stdout).unwrap()
    };
    assert!(!run(&[]).contains('\u{1b}'), "a pipe gets no colour");
    assert!(run(&[("CLICOLOR_FORCE", "1")]).contains('\u{1b}'));
    assert!(!run(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]).contains('\u{1b}'));
}
