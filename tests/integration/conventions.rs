//! `--convention NAME`: one flag reproduces a published tool's numbers; flags beside it win;
//! `--convention list` shows what each sets.

use crate::util::{analyze_json, data, feature, kano};

/// stp25kano's README table (tests/data/counts-stp25kano-readme.csv holds its five features):
/// name, "M>O>A>I" pick, category strength (rounded %), Fong's verdict.
const STP25KANO_README: [(&str, &str, f64, bool); 5] = [
    ("Service app", "one-dimensional", 9.0, true),
    ("Excellent service", "must-be", 7.0, true),
    ("Hotline", "attractive", 1.0, false),
    ("Loan machine", "one-dimensional", 2.0, false),
    ("Ready-to-use return", "indifferent", 32.0, true),
];

#[test]
fn convention_stp25kano_reproduces_the_readme_pick_strengths_and_fong_verdicts() {
    let report = analyze_json(&[
        &data("counts-stp25kano-readme.csv"),
        "--convention",
        "stp25kano",
    ]);
    assert_eq!(report["settings"]["convention"], "stp25kano");
    assert_eq!(report["settings"]["rule"], "close-call");
    assert_eq!(report["settings"]["strength"], "top-two-without-q");
    assert_eq!(report["settings"]["fong"], "stp25kano");
    for (name, pick, strength, significant) in STP25KANO_README {
        let f = feature(&report, name);
        assert_eq!(f["category"], pick, "{name}");
        assert_eq!(
            f["category_strength"].as_f64().map(f64::round),
            Some(strength),
            "{name}"
        );
        assert_eq!(f["fong_significant"], significant, "{name}");
    }
}

#[test]
fn the_default_convention_does_not_give_the_stp25kano_pick() {
    let report = analyze_json(&[&data("counts-stp25kano-readme.csv")]);
    assert_eq!(report["settings"]["convention"], "berger-1993");
    assert_eq!(feature(&report, "Loan machine")["category"], "attractive");
    assert_eq!(feature(&report, "Hotline")["category"], "indifferent");
}

#[test]
fn flags_given_beside_a_convention_win() {
    let report = analyze_json(&[
        &data("counts-stp25kano-readme.csv"),
        "--convention",
        "stp25kano",
        "--rule",
        "mode",
        "--worse-positive",
    ]);
    assert_eq!(report["settings"]["convention"], "stp25kano");
    assert_eq!(report["settings"]["rule"], "mode");
    assert_eq!(report["settings"]["fong"], "stp25kano");
    let loan = feature(&report, "Loan machine");
    assert_eq!(loan["category"], "attractive");
    assert!(loan["worse"].as_f64().unwrap() > 0.0);
}

#[test]
fn convention_reppl_equals_the_modified_table_and_berger_rule() {
    let by_name = analyze_json(&["examples/published-counts.csv", "--convention", "reppl"]);
    let by_flags = analyze_json(&[
        "examples/published-counts.csv",
        "--table",
        "modified",
        "--rule",
        "berger",
    ]);
    assert_eq!(by_name["settings"]["convention"], "reppl");
    assert_eq!(by_name["features"], by_flags["features"]);
}

#[test]
fn convention_list_needs_no_file_and_names_every_convention_with_what_it_sets() {
    let output = kano()
        .args(["analyze", "--convention", "list"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    for name in ["berger-1993", "stp25kano", "reppl", "fuzoh-thesis"] {
        assert!(
            text.contains(&format!("{name}\n")),
            "{name} missing:\n{text}"
        );
    }
    assert!(text.contains("rule close-call"));
    assert!(text.contains("tie order OAIQRM"));
}

#[test]
fn an_unknown_convention_or_a_missing_file_is_a_usage_error() {
    kano()
        .args(["analyze", &data("counts-stp25kano-readme.csv")])
        .args(["--convention", "krano"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("berger-1993, stp25kano, reppl"));
    kano()
        .args(["analyze", "--convention", "stp25kano"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no survey FILE given"));
    kano()
        .args(["explain", &data("counts-stp25kano-readme.csv"), "1"])
        .args(["--convention", "list"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("kano analyze --convention list"));
}

#[test]
fn the_table_names_a_convention_other_than_the_default() {
    kano()
        .args(["analyze", &data("counts-stp25kano-readme.csv")])
        .args(["--convention", "stp25kano", "--color", "never"])
        .assert()
        .success()
        .stdout(predicates::str::contains("Convention stp25kano"));
}

#[test]
fn the_readme_conventions_table_gives_every_convention_its_flag_and_what_was_checked() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("## Conventions: reproducing published tools")
        .unwrap();
    let section = &readme[start..];
    let section = &section[..section[3..].find("\n## ").unwrap()];
    let output = kano()
        .args(["analyze", "--convention", "list"])
        .output()
        .unwrap();
    let list = String::from_utf8(output.stdout).unwrap();
    let names: Vec<&str> = list
        .lines()
        .filter(|l| !l.starts_with(' ') && !l.starts_with("Flags"))
        .collect();
    assert_eq!(names.len(), 4, "{list}");
    for name in names {
        let row = section
            .lines()
            .find(|l| l.starts_with('|') && l.contains(&format!("`--convention {name}`")))
            .unwrap_or_else(|| panic!("README conventions table has no row for {name}"));
        assert_eq!(row.matches('|').count(), 5, "{row}");
        assert!(!row.trim_end_matches('|').trim().ends_with('|'), "{row}");
    }
}

#[test]
fn a_spec_written_under_a_convention_reads_back_to_the_same_results() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("kano.toml");
    kano()
        .args(["init", &data("counts-stp25kano-readme.csv")])
        .args(["--convention", "stp25kano", "-o"])
        .arg(&spec)
        .assert()
        .success();
    let text = std::fs::read_to_string(&spec).unwrap();
    assert!(text.contains("convention = \"stp25kano\""), "{text}");
    let from_spec = analyze_json(&[
        &data("counts-stp25kano-readme.csv"),
        "--spec",
        spec.to_str().unwrap(),
    ]);
    let from_flag = analyze_json(&[
        &data("counts-stp25kano-readme.csv"),
        "--convention",
        "stp25kano",
    ]);
    assert_eq!(from_spec["settings"], from_flag["settings"]);
    assert_eq!(from_spec["features"], from_flag["features"]);
}

#[test]
fn explain_says_how_stp25kano_computes_strength_and_fong() {
    let dir = tempfile::tempdir().unwrap();
    let counts = dir.path().join("counts.csv");
    std::fs::write(
        &counts,
        "feature,A,O,M,I,R,Q\nTwelve,2,1,1,8,0,10\nEleven,2,1,1,7,0,10\n",
    )
    .unwrap();
    let explain = |feature: &str| {
        let output = kano()
            .arg("explain")
            .arg(&counts)
            .args([feature, "--convention", "stp25kano"])
            .output()
            .unwrap();
        assert!(output.status.success());
        String::from_utf8(output.stdout).unwrap()
    };
    let twelve = explain("Twelve");
    assert!(twelve.contains("Q left out) 27.3 points"), "{twelve}");
    assert!(
        twelve.contains("difference 6 vs critical value 4.6, significant"),
        "{twelve}"
    );
    let eleven = explain("Eleven");
    assert!(eleven.contains("Fong's test: not computed"), "{eleven}");
}

/// stp25kano averages each continuous question over its own answers (its `scors` are one column
/// per question, NA where unanswered); kano's default averages complete pairs. By hand, on
/// tests/data/one-sided-answers.csv: pairs (like, dislike) and (must-be, neutral), then a
/// functional "dislike" and a dysfunctional "like" whose twins are empty.
#[test]
fn convention_stp25kano_averages_each_question_over_its_own_answers() {
    let mean = |report: &serde_json::Value, key: &str| {
        feature(report, "Sync")["continuous"][key].as_f64().unwrap()
    };
    let default = analyze_json(&[&data("one-sided-answers.csv")]);
    assert_eq!(default["settings"]["continuous_basis"], "pairs");
    // Functional 4, 2: mean 3; dysfunctional 4, 0: mean 2.
    assert!((mean(&default, "functional_mean") - 3.0).abs() < 1e-12);
    assert!((mean(&default, "dysfunctional_mean") - 2.0).abs() < 1e-12);

    let stp = analyze_json(&[&data("one-sided-answers.csv"), "--convention", "stp25kano"]);
    assert_eq!(stp["settings"]["continuous_basis"], "questions");
    // Functional 4, 2, -2: mean 4/3; dysfunctional 4, 0, -2: mean 2/3; both divided by 4.
    assert!((mean(&stp, "functional_mean") - 1.0 / 3.0).abs() < 1e-12);
    assert!((mean(&stp, "dysfunctional_mean") - 1.0 / 6.0).abs() < 1e-12);
    // The counts are the same: only complete pairs are classified.
    assert_eq!(feature(&stp, "Sync")["n"], 2);
}

/// stp25kano's `rm_I` is `--max-indifferent K`: those it leaves out are counted in JSON
/// `respondent_checks`, the CSV's `dropped_respondents`, and said in the table and Markdown.
#[test]
fn max_indifferent_drops_are_counted_in_the_respondent_checks_of_every_format() {
    let file = "tests/data/exports/respondent-checks.csv";
    let report = analyze_json(&[file, "--max-indifferent", "0"]);
    let checks = &report["respondent_checks"];
    // R4 and R5 have one indifferent pair each.
    assert_eq!(checks["dropped_indifferent"], 2, "{checks}");
    assert_eq!(checks["max_indifferent"], 0, "{checks}");
    assert_eq!(checks["dropped"], 0, "{checks}");
    let plain = analyze_json(&[file]);
    assert_eq!(plain["respondent_checks"]["dropped_indifferent"], 0);
    assert!(plain["respondent_checks"]["max_indifferent"].is_null());

    let run = |format: &str| {
        let output = kano()
            .args([
                "analyze",
                file,
                "--max-indifferent",
                "0",
                "-q",
                "--format",
                format,
            ])
            .args(["--color", "never"])
            .output()
            .unwrap();
        assert!(output.status.success());
        String::from_utf8(output.stdout).unwrap()
    };
    let csv = run("csv");
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let column = header
        .iter()
        .position(|h| *h == "dropped_respondents")
        .unwrap();
    for line in lines {
        assert_eq!(line.split(',').nth(column), Some("2"), "{line}");
    }
    assert!(
        run("markdown").contains("2 left out (more than 0 indifferent)"),
        "markdown"
    );
    let table = run("table").replace('\n', " ");
    assert!(
        table.contains("2 left out (more than 0 indifferent)"),
        "{table}"
    );
}
